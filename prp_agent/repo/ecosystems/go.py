"""Go: gin, echo and chi (groups and `Route` blocks), net/http with Go 1.22 method patterns; GORM models and
ent schemas.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels, only
from prp_agent.repo.source import Routes, SourceFile, closing_brace, normalize_path

__all__ = ["ROUTES", "entity_finder"]


_GO_GROUP = re.compile(r"""\b(\w+)\s*:?=\s*(\w+)\.Group\(\s*"([^"]*)"\s*[,)]""")

_GO_ROUTE = re.compile(r"""\b(\w+)\.(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*"([^"]*)\"""")

_CHI_ROUTE_BLOCK = re.compile(r"""\b\w+\.Route\(\s*"([^"]*)"\s*,\s*func\(""")


def _go(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Go"):
        groups: dict[str, tuple[str, str]] = {
            m.group(1): (m.group(2), m.group(3)) for m in _GO_GROUP.finditer(source.code)
        }
        blocks = _chi_blocks(source.code)
        for match in _GO_ROUTE.finditer(source.code):
            if not match.group(3).startswith("/"):
                continue  # r.Header.Get("X-API-Key") and friends
            prefix_parts: list[str] = []
            var, seen = match.group(1), set()
            while var in groups and var not in seen:
                seen.add(var)
                parent, prefix = groups[var]
                prefix_parts.insert(0, prefix)
                var = parent
            block = "/".join(p for start, end, p in blocks if start < match.start() < end)
            routes.add(match.group(2), normalize_path(block, *prefix_parts, match.group(3)), source, match.start())


def _chi_blocks(code: str) -> list[tuple[int, int, str]]:
    blocks = []
    for match in _CHI_ROUTE_BLOCK.finditer(code):
        open_brace = code.find("{", match.end())
        if open_brace >= 0:
            blocks.append((open_brace, closing_brace(code, open_brace), match.group(1).strip("/")))
    return blocks


_GO_STRUCT = re.compile(r"type\s+(\w+)\s+struct\s*\{(.*?)^\}", re.M | re.S)

_ENT = re.compile(r"func\s+\((\w+)\)\s+Fields\(\)\s+\[\]ent\.Field\s*\{")


# struct tags that map a field to a column: sqlx/gorp `db:`, bun, go-pg, xorm
_COLUMN_TAG = re.compile(r'`[^`\n]*\b(?:db|bun|pg|xorm):"(?!-")')


# a MongoDB document: a field stored as the document's `_id`, or a base's fields inlined beside a collection's name
_DOCUMENT = re.compile(r'`[^`\n]*\bbson:"_id[",]|`collection:"\w+"`')


def _models(source: SourceFile, add: Add) -> None:
    """GORM models (structs embedding `gorm.Model` or tagged `gorm:`), structs whose fields carry column tags
    (`db:"name"` for sqlx and gorp, bun, go-pg, xorm), MongoDB documents (`bson:"_id"`), and ent schemas."""
    code = source.code
    if "gorm" in code or ':"' in code:
        for match in _GO_STRUCT.finditer(code):
            body = match.group(2)
            if (
                "gorm.Model" in body
                or 'gorm:"' in body
                or len(_COLUMN_TAG.findall(body)) >= 2
                or _DOCUMENT.search(body)
            ):
                fields = re.findall(r"^[ \t]*([A-Z]\w*)\s+[\w.*\[\]]+", match.group(2), re.M)
                add(match.group(1), fields, source, match.start())
    if "ent.Field" in code:
        for match in _ENT.finditer(code):
            body = code[match.end() : closing_brace(code, match.end() - 1)]
            add(match.group(1), re.findall(r"field\.\w+\(\s*\"(\w+)\"", body), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """This ecosystem's model finder (it needs no cross-file facts)."""
    return only({"Go"}, _models)


ROUTES = ()  # gin/echo/chi/fiber/mux/net/http: repo/routing.py reads them from the syntax tree
