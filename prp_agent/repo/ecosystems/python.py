"""Python: Litestar, Starlette, aiohttp and Sanic routes (FastAPI, Flask and DRF routers are read by
`repo/routing.py`, Django's url lists by `repo/django.py`); SQLAlchemy, SQLModel, Django, Peewee and
Tortoise models (a project's own model base classes followed).
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import Routes, SourceFile, closing_brace, normalize_path

__all__ = ["ROUTES", "entity_finder"]


_PY_ROUTER = re.compile(
    r"^[ \t]*(\w+)\s*(?::\s*\w+\s*)?=\s*(?:fastapi\.)?(APIRouter|FastAPI|Blueprint|Flask)\(([^)]*)\)", re.M
)

_PY_DECORATOR = re.compile(
    r"""^[ \t]*@(\w+)\.(get|post|put|patch|delete|route|api_route)\(\s*["']([^"']*)["']([^)]*)\)""", re.M
)

_PY_INCLUDE = re.compile(r"""^[ \t]*(\w+)\.(include_router|register_blueprint)\(\s*([\w.]+)([^)]*)\)""", re.M)

_PY_FROM_IMPORT = re.compile(r"^[ \t]*from\s+([\w.]+)\s+import\s+\(?([^)\n]+)\)?", re.M)

_PY_IMPORT = re.compile(r"^[ \t]*import\s+([\w.]+)(?:\s+as\s+(\w+))?", re.M)


def _py_aliases(source: SourceFile) -> dict[str, tuple[str, str | None]]:
    """Local name → (module stem, attribute or None) for a file's imports."""
    aliases: dict[str, tuple[str, str | None]] = {}
    for match in _PY_FROM_IMPORT.finditer(source.code):
        module = match.group(1).rsplit(".", 1)[-1]
        for item in match.group(2).split(","):
            name, _, alias = item.strip().partition(" as ")
            name = name.strip()
            if name:
                aliases[alias.strip() or name] = (module, name)
    for match in _PY_IMPORT.finditer(source.code):
        aliases[match.group(2) or match.group(1).split(".")[0]] = (match.group(1).rsplit(".", 1)[-1], None)
    return aliases


def _python(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "Python"]
    routers: dict[tuple[str, str], tuple[str, bool]] = {}  # (stem, var) -> (own prefix, is_app)
    for source in sources:
        for match in _PY_ROUTER.finditer(source.code):
            prefix = _string_arg(match.group(3), "prefix") or _string_arg(match.group(3), "url_prefix") or ""
            routers[(source.stem, match.group(1))] = (prefix, match.group(2) in {"FastAPI", "Flask"})
            if source.stem == "__init__" and "/" in source.path:  # `from app.api import bp` names the package
                package = source.path.rsplit("/", 2)[-2]
                routers.setdefault((package, match.group(1)), (prefix, match.group(2) in {"FastAPI", "Flask"}))
    parents: dict[tuple[str, str], tuple[tuple[str, str], str, bool]] = {}
    aliases_of = {source.path: _py_aliases(source) for source in sources}
    for source in sources:
        aliases = aliases_of[source.path]
        for match in _PY_INCLUDE.finditer(source.code):
            child = _resolve_router(match.group(3), source, aliases, routers)
            parent = (source.stem, match.group(1))
            if child is None or child == parent:
                continue
            prefix = _string_arg(match.group(4), "prefix") or _string_arg(match.group(4), "url_prefix") or ""
            parents[child] = (parent, prefix, _conditional(source.code, match.start(1)))
    for source in sources:
        aliases = aliases_of[source.path]
        for match in _PY_DECORATOR.finditer(source.code):
            key = (source.stem, match.group(1))
            if key not in routers:
                imported = aliases.get(match.group(1))
                key = (imported[0], imported[1] or match.group(1)) if imported else key
            if key not in routers:
                continue
            mount, conditional = _mount(key, routers, parents)
            methods = _decorator_methods(match.group(2), match.group(4))
            for method in methods:
                routes.add(method, normalize_path(mount, match.group(3)), source, match.start(), conditional)


def _resolve_router(
    expr: str,
    source: SourceFile,
    aliases: dict[str, tuple[str, str | None]],
    routers: dict[tuple[str, str], tuple[str, bool]],
) -> tuple[str, str] | None:
    head, _, attr = expr.partition(".")
    if not attr and (source.stem, head) in routers:
        return (source.stem, head)
    module, name = aliases.get(head, (head, None))
    candidates = [(module, attr)] if attr else []
    if name is not None and not attr:
        candidates += [(module, name), (name, "router"), (name, "bp"), (name, "blueprint")]
    candidates += [(head, "router")]
    return next((c for c in candidates if c in routers), None)


def _mount(
    key: tuple[str, str],
    routers: dict[tuple[str, str], tuple[str, bool]],
    parents: dict[tuple[str, str], tuple[tuple[str, str], str, bool]],
) -> tuple[str, bool]:
    own, _ = routers[key]
    parts, conditional, seen = [own], False, {key}
    while key in parents:
        key, prefix, cond = parents[key]
        if key in seen:
            break
        seen.add(key)
        parts.insert(0, prefix)
        parts.insert(0, routers.get(key, ("", False))[0])
        conditional = conditional or cond
    return normalize_path(*parts), conditional


def _decorator_methods(kind: str, rest: str) -> list[str]:
    if kind in {"route", "api_route"}:
        listed = re.search(r"methods\s*=\s*\[([^\]]*)\]", rest)
        return [m.upper() for m in re.findall(r"""["'](\w+)["']""", listed.group(1))] if listed else ["GET"]
    return [kind.upper()]


def _string_arg(args: str, name: str) -> str | None:
    match = re.search(rf"""\b{name}\s*=\s*["']([^"']*)["']""", args)
    return match.group(1) if match else None


def _conditional(code: str, offset: int) -> bool:
    """Whether the statement at offset sits inside an `if` block (Python indentation)."""
    start = code.rfind("\n", 0, offset) + 1
    indent = len(code[start:offset]) - len(code[start:offset].lstrip())
    if indent == 0:
        return False
    for line in reversed(code[:start].splitlines()):
        stripped = line.lstrip()
        if not stripped:
            continue
        line_indent = len(line) - len(stripped)
        if line_indent < indent:
            return stripped.startswith(("if ", "elif ", "else"))
    return False


_PY_BARE = re.compile(r"""^[ \t]*@(get|post|put|patch|delete)\(\s*(?:path\s*=\s*)?["']([^"']*)["']""", re.M)

_LITESTAR_CONTROLLER = re.compile(
    # possessive inside a line: a class body of thousands of lines without `path =` fails in linear time
    r"""^class\s+\w+\(\s*Controller\s*\)[ \t]*:[ \t]*\n(?:[ \t]++[^\n]*+\n)*?[ \t]+path\s*=\s*["']([^"']*)["']""",
    re.M,
)

_STARLETTE = re.compile(r"""\b(Route|Mount)\(\s*["']([^"']*)["']""")

_AIOHTTP = re.compile(
    r"""\bweb\.(get|post|put|patch|delete)\(\s*["']([^"']+)["']|@(\w+)\.(get|post|put|patch|delete)\(\s*["']([^"']+)["']"""
)

_SANIC = re.compile(r"""^[ \t]*(\w+)\s*=\s*(?:sanic\.)?(Sanic|Blueprint)\(([^)]*)\)""", re.M)


def _python_more(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Python"):
        code = source.code
        if "litestar" in code:
            controllers = [
                (m.start(), _next_class(code, m.end()), m.group(1)) for m in _LITESTAR_CONTROLLER.finditer(code)
            ]
            for match in _PY_BARE.finditer(code):
                prefix = [p for s, e, p in controllers if s < match.start() < e]
                routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())
        if "starlette" in code and "Route(" in code:
            _starlette(source, routes)
        if "aiohttp" in code:
            tables = set(re.findall(r"(\w+)\s*=\s*web\.RouteTableDef\(", code))
            for match in _AIOHTTP.finditer(code):
                if match.group(1):
                    routes.add(match.group(1), normalize_path(match.group(2)), source, match.start())
                elif match.group(3) in tables:
                    routes.add(match.group(4), normalize_path(match.group(5)), source, match.start())
        if "sanic" in code.lower():
            apps = {
                m.group(1): re.search(r"url_prefix\s*=\s*[\"']([^\"']*)", m.group(3)) for m in _SANIC.finditer(code)
            }
            for match in re.finditer(
                r"""^[ \t]*@(\w+)\.(get|post|put|patch|delete|route)\(\s*["']([^"']*)["']""", code, re.M
            ):
                if match.group(1) in apps and match.group(2) != "route":
                    app_prefix = apps[match.group(1)]
                    routes.add(
                        match.group(2),
                        normalize_path(app_prefix.group(1) if app_prefix else "", match.group(3)),
                        source,
                        match.start(),
                    )


def _next_class(code: str, start: int) -> int:
    found = re.search(r"^\S", code[start:], re.M)
    return start + found.start() if found else len(code)


def _starlette(source: SourceFile, routes: Routes) -> None:
    code = source.code
    mounts = []
    for match in _STARLETTE.finditer(code):
        if match.group(1) == "Mount":
            mounts.append((match.start(), closing_brace(code, code.find("(", match.start()), "()"), match.group(2)))
    for match in _STARLETTE.finditer(code):
        if match.group(1) != "Route":
            continue
        close = closing_brace(code, code.find("(", match.start()), "()")
        listed = re.search(r"methods\s*=\s*\[([^\]]*)\]", code[match.end() : close])
        methods = re.findall(r"""["'](\w+)["']""", listed.group(1)) if listed else ["GET"]
        prefix = [p for s, e, p in mounts if s < match.start() < e]
        for method in methods:
            routes.add(method, normalize_path(*prefix, match.group(2)), source, match.start())


# a class and its bases, a call among them kept whole (`class Food(ExportModelOperationsMixin('food'), TreeModel)`)
_PY_CLASS = re.compile(r"^class\s+(\w+)\(((?:[^()]|\([^()]*\))*)\)\s*:", re.M)

_PY_ORM_BASES = re.compile(
    r"\b(Base|DeclarativeBase|db\.Model|models\.Model|Model|SQLModel|AbstractUser|TimestampedModel)\b"
)

_PY_FIELD = re.compile(
    r"^[ \t]+(\w+)\s*(?::\s*(?:\w+\.)?Mapped\[|"
    r"=\s*(?:\w+\.)?(?:Column|mapped_column|relationship|models\.\w+|fields\.\w+|Field|\w+Field|ForeignKeyField)\()",
    re.M,
)

_DJANGO_MODELS = re.compile(r"^from[ \t]+django\.db[ \t]+import[ \t][^\n]{0,200}\bmodels\b", re.M)
_DJANGO_FIELD = re.compile(r"^[ \t]+\w+[ \t]*=[ \t]*models\.\w*(?:Field|Key)\(", re.M)

_PY_SQLMODEL_FIELD = re.compile(r"^[ \t]+(\w+)\s*:\s*[\w\[\]|. ]+(?:=|$)", re.M)


_PY_BASE_ALIAS = re.compile(
    r"^[ \t]*(\w+)[ \t]*(?::[ \t]*[\w.\[\]]+[ \t]*)?=[ \t]*"
    r"(?:db\.Model|(?:\w+\.)?declarative_base\(\)|(?:\w+\.)?registry\(\)\.generate_base\(\))[ \t]*$",
    re.M,
)


# `@as_declarative()` on a class: SQLAlchemy's declarative base made by a decorator
_PY_DECORATED_BASE = re.compile(r"^@(?:\w+\.)?as_declarative\([^()\n]{0,200}\)[ \t]*\nclass[ \t]+(\w+)", re.M)


def python_model_bases(files: list[SourceFile]) -> set[str]:
    """Classes defined in the repository that models derive from (a project's own abstract `BaseModel`)."""
    found: set[str] = set()
    python = [f for f in files if f.language == "Python"]
    classes = [(m.group(1), m.group(2), "pydantic" in f.code) for f in python for m in _PY_CLASS.finditer(f.code)]
    # `BaseModel: DeclarativeMeta = db.Model`, `Base = declarative_base()`: a base made by assignment
    found.update(m.group(1) for f in python for m in _PY_BASE_ALIAS.finditer(f.code))
    found.update(m.group(1) for f in python if "as_declarative" in f.code for m in _PY_DECORATED_BASE.finditer(f.code))
    for _ in range(3):  # bases of bases
        for name, bases, pydantic in classes:
            orm = _PY_ORM_BASES.search(bases) or not found.isdisjoint(re.findall(r"\w+", bases))
            if orm and not (pydantic and "BaseModel" in bases) and "Schema" not in bases:
                found.add(name)
    return found


def _python_models(source: SourceFile, add: object, project_bases: set[str]) -> None:
    assert callable(add)
    code = source.code
    classes = list(_PY_CLASS.finditer(code))
    # a Django models file: a base it imports whose name ends in Model is a package's model base (`SoftDeleteModel`)
    django = _DJANGO_MODELS.search(code) is not None
    for i, match in enumerate(classes):
        bases = match.group(2)
        words = re.findall(r"\w+", bases)
        own_base = any(word in project_bases and word != match.group(1) for word in words)
        own_base = own_base or (django and any(w.endswith("Model") and w != "BaseModel" for w in words))
        body = code[match.end() : classes[i + 1].start() if i + 1 < len(classes) else len(code)]
        # in a Django models file, a class declaring model fields is a model, whatever package its base comes from
        # (django-treebeard's `MP_Node` through the project's `TreeModel`)
        own_base = own_base or (django and _DJANGO_FIELD.search(body) is not None)
        if not (_PY_ORM_BASES.search(bases) or own_base) or "Schema" in bases:
            continue
        if "BaseModel" in bases and "pydantic" in code:
            continue
        if "SQLModel" in bases and "table=True" not in bases:
            continue
        if match.group(1) in {"Base", "Model"} or "DeclarativeBase" in bases or re.search(r"abstract\s*=\s*True", body):
            continue
        pattern = _PY_SQLMODEL_FIELD if "SQLModel" in bases else _PY_FIELD
        fields = [f for f in pattern.findall(body) if not f.startswith("_") and f not in {"class", "Meta"}]
        if fields or "models.Model" in bases or own_base:  # a project base's subclass inherits its columns
            add(match.group(1), fields, source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """SQLAlchemy, SQLModel (`table=True`), Django and other ORM classes, the project's own bases followed."""
    project_bases = python_model_bases(files)

    def find(source: SourceFile, add: Add) -> None:
        if source.language == "Python":
            _python_models(source, add, project_bases)

    return find


ROUTES = (_python_more,)  # FastAPI/Flask routers: repo/routing.py reads them from the syntax tree
