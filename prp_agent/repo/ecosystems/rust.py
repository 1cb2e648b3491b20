"""Rust: axum (`route`, `nest`, `merge`), actix-web (`scope`, attribute macros), Rocket `mount`, Poem OpenAPI;
sqlx `FromRow`, Diesel, SeaORM (a SeaORM `Model` is named by its table) and native_db models; poem-openapi prefixes.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels, only
from prp_agent.repo.source import Routes, SourceFile, closing_brace, normalize_path

__all__ = ["ROUTES", "entity_finder"]


_RS_UNIT = re.compile(
    r"\bfn\s+(\w+)\s*(?:<[^>]*>)?\s*\([^)]*\)\s*->\s*(?:[\w:]+::)?Router\b[^{]*\{|\blet\s+(?:mut\s+)?(\w+)\s*(?::\s*[\w:<>]+\s*)?=\s*(?:[\w:]+::)?Router::new\(\)"
)

_RS_ROUTE = re.compile(r"\.(route|at)\(\s*\"([^\"]*)\"\s*,")

_RS_NEST = re.compile(r"\.(nest|merge|nest_service)\(\s*(?:\"([^\"]*)\"\s*,\s*)?(?:\w+::)*(\w+)")

_RS_ATTR = re.compile(r"#\[(get|post|put|patch|delete)\(\s*\"([^\"]*)\"")

_RS_FN_AFTER = re.compile(r"\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?(?:async\s+)?fn\s+(\w+)")

_ACTIX_SCOPE = re.compile(r"web::scope\(\s*\"([^\"]*)\"\s*\)")

_ACTIX_ROUTE = re.compile(r"\.route\(\s*\"([^\"]*)\"\s*,\s*web::(get|post|put|patch|delete)\(\)")

_ROCKET_MOUNT = re.compile(r"\.mount\(\s*\"([^\"]*)\"\s*,\s*routes!\[([^\]]*)\]")

_OAI = re.compile(r"#\[oai\(([^\]]*)\)\]")
_POEM_ENDPOINT = re.compile(r"\.nest(?:_no_strip)?\(\s*\"([^\"]*)\"\s*,\s*(get|post|put|patch|delete)\(\s*\w")
_OAI_API = re.compile(r"#\[OpenApi\(([^\]]{0,500})\)\][ \t]*\n?[ \t]*impl\b[^{;]{0,300}\{")


def _rust(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "Rust"]
    units: list[tuple[int, int, str, SourceFile]] = []
    parents: dict[str, tuple[str, str]] = {}
    mounted: dict[str, str] = {}  # handler → prefix (actix scope, Rocket mount)
    scoped: set[tuple[str, int]] = set()  # actix routes already read inside a scope
    for source in sources:
        code = source.code
        for match in _RS_UNIT.finditer(code):
            end = closing_brace(code, match.end() - 1) if match.group(1) else code.find(";", match.end())
            units.append((match.start(), end if end >= 0 else len(code), match.group(1) or match.group(2), source))
        for match in _RS_NEST.finditer(code):
            owner = _unit_at(units, source, match.start())
            parents[match.group(3)] = (owner, match.group(2) or "")
        for scope in _ACTIX_SCOPE.finditer(code):
            end = _statement_end(code, scope.end())
            for name in re.findall(r"\.service\(\s*(\w+)\s*\)", code[scope.end() : end]):
                mounted[name] = scope.group(1)
            for route in _ACTIX_ROUTE.finditer(code, scope.end(), end):
                scoped.add((source.path, route.start()))
                routes.add(route.group(2), normalize_path(scope.group(1), route.group(1)), source, route.start())
        for mount in _ROCKET_MOUNT.finditer(code):
            for name in re.findall(r"(\w+)\s*(?:,|$)", mount.group(2)):
                mounted[name] = mount.group(1)
    for source in sources:
        code = source.code
        for match in _RS_ROUTE.finditer(code):
            close = closing_brace(code, code.find("(", match.start()), "()")
            if "web::" in code[match.end() : close]:
                continue  # actix-web's `.route(path, web::get().to(h))`: read with its scopes below
            methods = re.findall(r"\b(get|post|put|patch|delete)\s*\(", code[match.end() : close]) or []
            prefix = _chain(parents, _unit_at(units, source, match.start()))
            for method in dict.fromkeys(methods):
                routes.add(method, normalize_path(prefix, match.group(2)), source, match.start())
        for match in _RS_ATTR.finditer(code):
            handler = _RS_FN_AFTER.match(code, code.find("]", match.end()) + 1)
            prefix = mounted.get(handler.group(1), "") if handler else ""
            routes.add(match.group(1), normalize_path(prefix, match.group(2)), source, match.start())
        for match in _POEM_ENDPOINT.finditer(code):  # poem: `.nest("/api/status", get(get_status))`
            prefix = _chain(parents, _unit_at(units, source, match.start()))
            routes.add(match.group(2), normalize_path(prefix, match.group(1)), source, match.start())
        apis = []  # poem-openapi: `#[OpenApi(prefix_path = "/api/v1")] impl AccountApi { … }`
        for api in _OAI_API.finditer(code) if "#[OpenApi" in code else ():
            declared = re.search(r"prefix_path\s*=\s*\"([^\"]*)\"", api.group(1))
            if declared:
                apis.append((api.end(), closing_brace(code, api.end() - 1), declared.group(1)))
        for match in _OAI.finditer(code):
            path = re.search(r"path\s*=\s*\"([^\"]*)\"", match.group(1))
            method = re.search(r"method\s*=\s*\"(\w+)\"", match.group(1))
            if path and method:
                base = next((p for start, end, p in apis if start <= match.start() < end), "")
                routes.add(method.group(1), normalize_path(base, path.group(1)), source, match.start())
    for source in sources:
        for match in _ACTIX_ROUTE.finditer(source.code):
            if (source.path, match.start()) in scoped:
                continue
            if not any(s < match.start() < e for s, e, _, f in units if f is source):
                routes.add(match.group(2), normalize_path(match.group(1)), source, match.start())


def _statement_end(code: str, start: int) -> int:
    """Where a builder chain ends: the `;` or the closing bracket at depth zero."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] in "([{":
            depth += 1
        elif code[i] in ")]}":
            depth -= 1
            if depth < 0:
                return i
        elif code[i] == ";" and depth == 0:
            return i
    return len(code)


def _unit_at(units: list[tuple[int, int, str, SourceFile]], source: SourceFile, offset: int) -> str:
    """The innermost router-building function or `let` that holds an offset ("" for none)."""
    holding = [(end - start, name) for start, end, name, f in units if f is source and start <= offset <= end]
    return min(holding)[1] if holding else ""


def _chain(prefixes: dict[str, tuple[str, str]], name: str) -> str:
    """The full prefix of a router mounted under others (name → (parent, prefix))."""
    parts: list[str] = []
    seen: set[str] = set()
    while name in prefixes and name not in seen:
        seen.add(name)
        name, prefix = prefixes[name]
        parts.insert(0, prefix)
    return normalize_path(*parts)


_RS_MODEL_TRAITS = re.compile(
    r"\b(FromRow|Queryable|Selectable|Insertable|DeriveEntityModel|DeriveModel|AsChangeset|native_db)\b"
)

_RS_FIELD = re.compile(r"^[ \t]*(?:pub(?:\([\w:]+\))?\s+)?(\w+)\s*:", re.M)


_RS_STRUCT = re.compile(r"^[ \t]*(?:pub(?:\([\w:]+\))?[ \t]+)?struct[ \t]+(\w+)[^{;\n]*\{", re.M)
_RS_TABLE = re.compile(r"""table_name\s*=\s*"?(\w+)"?""")


def _attributes_before(code: str, start: int) -> str:
    """The attribute lines (`#[...]`, and their continuation lines) just above a declaration."""
    lines = code[max(0, start - 3000) : start].split("\n")
    kept: list[str] = []
    for line in reversed(lines[:-1] if lines and not lines[-1].strip() else lines):
        stripped = line.strip()
        if (
            not stripped
            or stripped.startswith(("#[", ")", "feature", "derive", "diesel", "sea_orm"))
            or (kept and not stripped.endswith(("}", ";")))
        ):
            kept.append(stripped)
            continue
        break
    return " ".join(reversed(kept))


def _models(source: SourceFile, add: Add) -> None:
    """sqlx `FromRow`, Diesel and SeaORM structs, their derives written plainly or under `cfg_attr` (a SeaORM
    `Model` is named by its table, as written)."""
    code = source.code
    for match in _RS_STRUCT.finditer(code):
        attributes = _attributes_before(code, match.start())
        if not _RS_MODEL_TRAITS.search(attributes):
            continue
        body = code[match.end() : closing_brace(code, match.end() - 1)]
        table = _RS_TABLE.search(attributes)
        name = table.group(1) if table and match.group(1) == "Model" else match.group(1)  # no class names it
        add(name, _RS_FIELD.findall(body), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """This ecosystem's model finder (it needs no cross-file facts)."""
    return only({"Rust"}, _models)


ROUTES = (_rust,)
