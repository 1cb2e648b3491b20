"""Java and Kotlin: Spring MVC and WebFlux (class mappings, `coRouter`), Ktor `route` blocks, Micronaut and JAX-RS;
JPA/Hibernate and Spring Data entities, Exposed and Ktorm tables.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import ENTITY_CLASS, Routes, SourceFile, class_end, closing_brace, normalize_path

__all__ = ["ROUTES", "entity_finder"]


_SPRING_CLASS = re.compile(
    r"""@RequestMapping\(\s*(?:(?:value|path)\s*=\s*)?[\[{]?\s*"([^"]*)"[^)]*\)\s*(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?\s*)*(?:public\s+|open\s+|internal\s+|final\s+|abstract\s+)*(?:class|interface)\b"""
)

_SPRING_METHOD = re.compile(
    r"""@(Get|Post|Put|Patch|Delete)Mapping(?:\(\s*(?:(?:value|path)\s*=\s*)?\[?\s*(?:"([^"]*)")?[^)]*\))?"""
)

_SPRING_REQUEST = re.compile(r"""@RequestMapping\(([^)]*RequestMethod\.(\w+)[^)]*)\)""")


def _spring(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"Java", "Kotlin"}):
        if "Controller" not in source.code:
            continue
        classes = list(re.finditer(r"\b(?:class|interface)\s+\w+", source.code))
        for match in _SPRING_METHOD.finditer(source.code):
            base = _spring_base(source.code, match.start(), classes)
            routes.add(match.group(1), normalize_path(base, match.group(2) or ""), source, match.start())
        for match in _SPRING_REQUEST.finditer(source.code):
            path = re.search(r'"([^"]*)"', match.group(1))
            base = _spring_base(source.code, match.start(), classes)
            routes.add(match.group(2), normalize_path(base, path.group(1) if path else ""), source, match.start())


def _spring_base(code: str, offset: int, classes: list[re.Match[str]]) -> str:
    owner = [c for c in classes if c.start() < offset]
    if not owner:
        return ""
    header_start = classes[classes.index(owner[-1]) - 1].end() if classes.index(owner[-1]) > 0 else 0
    mappings = list(_SPRING_CLASS.finditer(code, header_start, owner[-1].end()))
    return mappings[-1].group(1) if mappings else ""


_KTOR = re.compile(r"\b(route|get|post|put|patch|delete)\s*(?:\(\s*\"([^\"]*)\"\s*\))?\s*\{")

_WEBFLUX = re.compile(
    r"\b(GET|POST|PUT|PATCH|DELETE)\(\s*\"([^\"]*)\"|\"([^\"]*)\"\s*\.nest\s*\{|\(\s*\"([^\"]*)\"\s*\)\s*\.nest\s*\{"
)


def _webflux(files: list[SourceFile], routes: Routes) -> None:
    """Spring WebFlux functional routes (`coRouter { GET("/x", h::fn) }`, `"/api".nest { … }`)."""
    for source in (f for f in files if f.language == "Kotlin" and ("coRouter" in f.code or "router {" in f.code)):
        code = source.code
        nests: list[tuple[int, int, str]] = []
        for match in _WEBFLUX.finditer(code):
            prefix = [p for s, e, p in nests if s < match.start() < e]
            if match.group(1):
                routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())
            else:
                end = closing_brace(code, match.end() - 1)
                nests.append((match.start(), end, match.group(3) or match.group(4) or ""))


def _ktor(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Kotlin" and "io.ktor" in f.code and "routing" in f.code):
        code = source.code
        blocks: list[tuple[int, int, str]] = []
        for match in _KTOR.finditer(code):
            end = closing_brace(code, match.end() - 1)
            prefix = [p for s, e, p in blocks if s < match.start() < e]
            if match.group(1) == "route":
                blocks.append((match.start(), end, match.group(2) or ""))
            else:
                routes.add(match.group(1), normalize_path(*prefix, match.group(2) or ""), source, match.start())


_MN_CONTROLLER = re.compile(r"@Controller\(\s*(?:value\s*=\s*)?\"([^\"]*)\"")

_MN_METHOD = re.compile(r"@(Get|Post|Put|Patch|Delete)(?:\(\s*(?:value\s*=\s*|uri\s*=\s*)?\"([^\"]*)\"[^)]*\))?")

_JAXRS_METHOD = re.compile(r"@(GET|POST|PUT|PATCH|DELETE)\b")

_JAXRS_PATH = re.compile(r"@Path\(\s*\"([^\"]*)\"\s*\)")


def _jvm(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"Java", "Kotlin"}):
        code = source.code
        if "io.micronaut" in code:
            controller = _MN_CONTROLLER.search(code)
            root = controller.group(1) if controller else ""
            for match in _MN_METHOD.finditer(code, controller.end() if controller else 0):
                routes.add(match.group(1), normalize_path(root, match.group(2) or ""), source, match.start())
        if "@Path" in code and ("jakarta.ws.rs" in code or "javax.ws.rs" in code):
            klass = re.search(r"\b(class|interface)\s+\w+", code)
            head = code[: klass.start()] if klass else ""
            base_match = list(_JAXRS_PATH.finditer(head))
            base = base_match[-1].group(1) if base_match else ""
            for match in _JAXRS_METHOD.finditer(code, klass.end() if klass else 0):
                block = _annotation_block(code, match.start())
                own = _JAXRS_PATH.search(block)
                routes.add(match.group(1), normalize_path(base, own.group(1) if own else ""), source, match.start())


def _annotation_block(code: str, offset: int) -> str:
    """The run of annotation lines around an offset (up to the declaration they annotate)."""
    start = offset
    while True:
        previous = code.rfind("\n", 0, start - 1)
        line = code[previous + 1 : start].strip()
        if previous < 0 or not line.startswith("@"):
            break
        start = previous + 1
    end = offset
    while end < len(code):
        line_end = code.find("\n", end)
        line_end = len(code) if line_end < 0 else line_end
        if not code[end:line_end].strip().startswith("@"):
            break
        end = line_end + 1
    return code[start:end]


# One declaration line, stripped: annotations, modifiers, `val`/`var`, a type, then the field's name (possessive
# throughout, so a line that is no declaration fails at once whatever it holds).
_JAVA_FIELD = re.compile(
    r"(?:@\w++(?:\([^)]*+\))?[ \t]*+)*+"
    r"(?:(?:private|protected|public|static|final|transient|lateinit|override|open|internal)[ \t]++)*+"
    r"(?:va[lr][ \t]++)?"
    r"(?:[\w<>?.\[\]]++(?:,[ \t]*+[\w<>?.\[\]]++)*+[ \t]++)?"
    r"(\w++)[ \t]*+(?::[ \t]*+[\w<>?.]++)?[ \t]*+(?:=[^;\n]*+)?[;,]?"
)
_FIELD_LINE = 300

_JAVA_SKIP = {"class", "return", "public", "private", "this", "super"}

_EXPOSED = re.compile(r"\bobject\s+(\w+)\s*:\s*(?:Int|Long|UUID)?(?:Id)?Table\(")
_KTORM = re.compile(r"\bobject\s+(\w+)\s*:\s*Table<[\w.?]+>\(")  # Ktorm: `object Users : Table<User>("users")`


# a MyBatis mapper file (its DOCTYPE names MyBatis' DTD); a result map, the class it fills and its properties
MYBATIS_MAPPER = re.compile(r"mybatis\.org//DTD Mapper")
_RESULT_MAP = re.compile(r"<resultMap\b[^>]{0,300}?\btype=\"([\w.$]{1,200})\"[^>]{0,300}>")
_PROPERTY = re.compile(r"<(?:id|result)\b[^>]{0,300}?\bproperty=\"(\w{1,100})\"")


def _result_maps(source: SourceFile, add: Add) -> None:
    """The classes a MyBatis mapper's result maps fill (`<resultMap type="com.x.entities.Account">`), with the
    properties they map (`<result column="name" property="name"/>`)."""
    code = source.code
    for match in _RESULT_MAP.finditer(code):
        end = code.find("</resultMap>", match.end())
        body = code[match.end() : end if end >= 0 else match.end()]
        add(match.group(1).rsplit(".", 1)[-1], _PROPERTY.findall(body), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """JPA/Hibernate and Spring Data entities and documents; the classes MyBatis mappers fill; Exposed and Ktorm
    tables."""

    def find(source: SourceFile, add: Add) -> None:
        code = source.code
        if source.language == "MyBatis":
            _result_maps(source, add)
            return
        if source.language not in {"Java", "Kotlin"}:
            return
        for match in ENTITY_CLASS.finditer(code):
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), _fields(body), source, match.start())
        if source.language == "Kotlin" and ("exposed" in code or "ktorm" in code):
            for match in (*_EXPOSED.finditer(code), *_KTORM.finditer(code)):
                body = code[match.end() : class_end(code, match.end())]
                add(match.group(1), re.findall(r"\bval\s+(\w+)\s*=", body), source, match.start())

    return find


def _fields(body: str) -> list[str]:
    """The fields a Java or Kotlin class body declares, one per line."""
    return [
        m.group(1)
        for line in body.splitlines()
        if len(line) <= _FIELD_LINE and (m := _JAVA_FIELD.fullmatch(line.strip())) and m.group(1) not in _JAVA_SKIP
    ]


ROUTES = (_webflux, _jvm)  # Spring and Ktor: repo/routing.py reads them from the syntax tree
