"""Comment-stripped source files and the small helpers route and model extractors share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prp_agent.repo.types import Evidence, RepoRoute

__all__ = [
    "ENTITY_CLASS",
    "METHODS",
    "Routes",
    "SourceFile",
    "brace_spans",
    "class_end",
    "closing_brace",
    "marked_classes",
    "normalize_path",
    "ruby_block_end",
    "singular",
    "singular_class",
]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
HTTP_METHODS = {*METHODS, "HEAD", "OPTIONS"}  # what a route may be given as its method by name


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A comment-stripped source file."""

    path: str
    code: str
    language: str
    text: str = ""  # the file as written (comments kept), for the syntax tree
    hints: int = -1  # what its code shows (`repo/hints.py` bits), -1 when not yet asked

    @property
    def stem(self) -> str:
        """The file name without directory and extension."""
        name = self.path.rsplit("/", 1)[-1]
        return name.split(".", 1)[0]

    def line(self, offset: int) -> int:
        """The 1-based line of a character offset."""
        return self.code.count("\n", 0, offset) + 1


def closing_brace(code: str, open_index: int, pair: str = "{}") -> int:
    """The index of the bracket closing the one at `open_index` (len(code) when it never closes); `pair` names the
    brackets (`{}` by default, `()` for a call)."""
    depth = 0
    for i in range(open_index, len(code)):
        depth += {pair[0]: 1, pair[1]: -1}.get(code[i], 0)
        if depth == 0:
            return i
    return len(code)


def class_end(code: str, start: int) -> int:
    """The end of the class body that opens after `start` (`start` when no body follows)."""
    open_brace = code.find("{", start)
    return start if open_brace < 0 else closing_brace(code, open_brace)


# a Ruby class's head line (`class Clover < Roda`, `class API::Users`): its name
RUBY_CLASS = re.compile(r"^[ \t]*class\s+([A-Z][\w:]*)", re.M)


def ruby_block_end(code: str, start: int) -> int:
    """Where the Ruby block opened just before `start` (by `do`) ends: its matching `end` (len(code) if none)."""
    depth = 1
    for match in re.finditer(r"^[ \t]*end\b|\bdo\b\s*(?:\|[^|]*\|)?\s*$", code[start:], re.M):
        depth += -1 if match.group(0).strip() == "end" else 1
        if depth == 0:
            return start + match.start()
    return len(code)


def normalize_path(*parts: str) -> str:
    """Join route parts with single slashes and write parameters as `{name}`."""
    joined = "/".join(p.strip("/") for p in parts if p and p.strip("/"))
    joined = re.sub(r"/{2,}", "/", joined) if "//" in joined else joined  # `/openApi` + `/assert`, both constants
    joined = re.sub(r"\.\{_?format\}$|\(\.:?format\)$", "", joined)  # Symfony `.{_format}`, Rails `(.:format)`
    if "?<" in joined or "?{" in joined:  # Rocket's query parameters (`/<id>/events?<start>&<end>`): not the path
        joined = re.split(r"\?[<{]", joined, maxsplit=1)[0]
    path = "/" + joined
    if not any(c in path for c in "<:{(^$*"):
        return path.rstrip("/") or "/"
    path = re.sub(r"\((/[^()]*)\)", r"\1", path) if "(/" in path else path  # Rails' optional `(/*path)`, as given
    # a whole optional parameter segment (Rails' `scope "(:locale)"`): the path is served without it
    path = re.sub(r"/\((?::\w+|\{\w+\})\)(?=/|$)", "", path) if "/(" in path else path
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)  # Django regex groups
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)  # Flask/Django converters
    path = re.sub(r"\{(\w+)(?::[^}]*)?\??\}", r"{\1}", path)  # ASP.NET constraints, optional markers
    # Express's parameter patterns: `/:id([0-9]+)`, `/:id(\d+)?`
    path = re.sub(r"(?<![\w:}]):(\w+)\((?:[^()/]|\([^()/]*\))*\)\??", r"{\1}", path)
    path = re.sub(r"(?<![\w:}]):(\w+)\?(?=/|$)", r"{\1}", path)  # Express's optional `/:duration?`
    path = re.sub(r"(?<![\w:}]):(\w+)", r"{\1}", path)  # Express, gin, Rails (Lychee's `/Album::head`, a gRPC
    # custom method's `/users:batchGet` are literal)
    path = re.sub(r"/\*(\w+)", r"/{\1}", path)  # gin's, echo's and httprouter's catch-all `/*path`
    path = path.replace("^", "").replace("$", "")
    path = re.sub(r"/{2,}", "/", path) if "//" in path else path  # Django's `re_path(r"^", include(…))` + `^about`
    path = path.removesuffix("/?")  # a regex route's optional trailing slash
    return path.rstrip("/") or "/"


@dataclass
class Routes:
    """Routes found so far, one per (method, path), the first sighting kept."""

    found: dict[tuple[str, str], RepoRoute] = field(default_factory=dict)

    def add(self, method: str, path: str, source: SourceFile, offset: int, conditional: bool = False) -> None:
        route = RepoRoute(
            method=method.upper(),
            path=path,
            evidence=Evidence(path=source.path, line=source.line(offset)),
            conditional=conditional,
        )
        self.found.setdefault((route.method, route.path), route)


# A class annotated as a persisted entity or document (JPA, Spring Data, Micronaut Data, TypeORM and its single-table
# `@ChildEntity`, MikroORM).
ENTITY_CLASS = re.compile(
    r"@(?:Entity|ChildEntity|MappedEntity|Document|TableName)(?:\((?:[^()]|\([^()]*\))*\))?\s*"
    r"(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?\s*)*"
    r"(?:export\s+)?(?:public\s+|final\s+|abstract\s+)*(?:data\s+|open\s+)?class\s+(\w+)"
)


_CLASS_HEAD = re.compile(r"\bclass\s+(\w+)")


def marked_classes(code: str, marker: re.Pattern[str], reach: int = 2000) -> list[re.Match[str]]:
    """The `class Name` heads that follow a marker (an entity annotation or attribute, however its arguments nest
    or its attributes are grouped) within `reach` characters: the first after each marker, each class once."""
    heads: dict[int, re.Match[str]] = {}
    for mark in marker.finditer(code):
        head = _CLASS_HEAD.search(code, mark.end(), mark.end() + reach)
        if head is not None:
            heads.setdefault(head.start(), head)
    return list(heads.values())


def singular(name: str) -> str:
    """`users` → `user`, `categories` → `category` (route parameters)."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") else name


def singular_class(table: str) -> str:
    """A table's model class name: `order_items` → `OrderItem`."""
    return "".join(part.capitalize() for part in singular(table).split("_"))


def brace_spans(code: str, opener: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """(start, end, first group) of each `{ … }` block that `opener` introduces."""
    spans = []
    for match in opener.finditer(code):
        start = code.find("{", match.end())
        if start >= 0:
            spans.append((start, closing_brace(code, start), match.group(1)))
    return spans


def rust_module(path: str) -> str:
    """The module a Rust file is (`routes/users/fetch_self.rs` → `fetch_self`, `routes/users/mod.rs` → `users`): how
    `routes![fetch_self::fetch]` names a handler it defines."""
    parts = path.removesuffix(".rs").split("/")
    return parts[-2] if parts[-1] in {"mod", "lib", "main"} and len(parts) > 1 else parts[-1]
