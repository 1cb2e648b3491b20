"""Existing models of the data layers beyond the first wave: Rust (sqlx `FromRow`, Diesel, SeaORM), Ecto schemas,
Exposed tables, Doctrine entities, Drizzle tables, AdonisJS Lucid models and ent schemas."""

from __future__ import annotations

import re
from collections.abc import Callable

from prp_agent.repo.source import SourceFile, class_end, closing_brace

__all__ = ["other_models"]

Add = Callable[[str, list[str], SourceFile, int], None]

_RS_DERIVE = re.compile(
    r"#\[derive\(([^)]*)\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([\w:]+\))?\s+)?struct\s+(\w+)\s*(?:<[^>]*>)?\s*\{"
)
_RS_MODEL_TRAITS = re.compile(r"\b(FromRow|Queryable|Selectable|Insertable|DeriveEntityModel|AsChangeset)\b")
_RS_FIELD = re.compile(r"^\s*(?:pub(?:\([\w:]+\))?\s+)?(\w+)\s*:", re.M)
_SEA_TABLE = re.compile(r"table_name\s*=\s*\"(\w+)\"")
_ECTO_MODULE = re.compile(r"defmodule\s+([\w.]+)\s+do")
_ECTO_SCHEMA = re.compile(r"^\s*schema\s+\"(\w+)\"\s+do(.*?)^\s*end\b", re.M | re.S)
_ECTO_FIELD = re.compile(r"^\s*(field|belongs_to|has_many|has_one|many_to_many)\s+:(\w+)", re.M)
_EXPOSED = re.compile(r"\bobject\s+(\w+)\s*:\s*(?:Int|Long|UUID)?(?:Id)?Table\(")
_DOCTRINE = re.compile(
    r"(?:#\[ORM\\Entity[^\]]*\]\s*(?:#\[[^\]]*\]\s*)*|@ORM\\Entity\b[^\n]*\n(?:[^\n]*\n){0,8}?\s*)(?:final\s+)?class\s+(\w+)"
)
_PHP_PROPERTY = re.compile(r"(?:private|protected|public)\s+(?:readonly\s+)?[?\w\\|]*\s*\$(\w+)")
_DRIZZLE = re.compile(r"\b(?:export\s+)?const\s+(\w+)\s*=\s*(?:pg|mysql|sqlite)Table\(\s*['\"]\w+['\"]\s*,\s*\{")
_LUCID = re.compile(r"class\s+(\w+)\s+extends\s+BaseModel\b")
_LUCID_COLUMN = re.compile(r"@column(?:\.\w+)?\([^)]*\)\s*(?:declare\s+|public\s+)?(\w+)")
_ENT = re.compile(r"func\s+\((\w+)\)\s+Fields\(\)\s+\[\]ent\.Field\s*\{")


def _singular_class(table: str) -> str:
    name = table[:-3] + "y" if table.endswith("ies") else table[:-1] if table.endswith("s") else table
    return "".join(part.capitalize() for part in name.split("_"))


def other_models(source: SourceFile, add: Add) -> None:
    """Models one source file defines, for the data layers named above."""
    code = source.code
    if source.language == "Rust":
        for match in _RS_DERIVE.finditer(code):
            if _RS_MODEL_TRAITS.search(match.group(1)):
                body = code[match.end() : closing_brace(code, match.end() - 1)]
                table = _SEA_TABLE.search(code[max(0, match.start() - 200) : match.end()])
                name = _singular_class(table.group(1)) if table and match.group(2) == "Model" else match.group(2)
                add(name, _RS_FIELD.findall(body), source, match.start())
    elif source.language == "Elixir" and 'schema "' in code:
        module = _ECTO_MODULE.search(code)
        for match in _ECTO_SCHEMA.finditer(code):
            name = module.group(1).rsplit(".", 1)[-1] if module else _singular_class(match.group(1))
            fields = [f"{n}_id" if kind == "belongs_to" else n for kind, n in _ECTO_FIELD.findall(match.group(2))]
            add(name, fields, source, match.start())
    elif source.language == "Kotlin" and "exposed" in code:
        for match in _EXPOSED.finditer(code):
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), re.findall(r"\bval\s+(\w+)\s*=", body), source, match.start())
    elif source.language == "PHP" and "ORM\\Entity" in code:
        for match in _DOCTRINE.finditer(code):
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), _PHP_PROPERTY.findall(body), source, match.start())
    elif source.language in {"TypeScript", "JavaScript"}:
        for match in _DRIZZLE.finditer(code):
            body = code[match.end() : closing_brace(code, match.end() - 1)]
            add(match.group(1), re.findall(r"^\s*(\w+)\s*:", body, re.M), source, match.start())
        for match in _LUCID.finditer(code):
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), _LUCID_COLUMN.findall(body), source, match.start())
    elif source.language == "Go" and "ent.Field" in code:
        for match in _ENT.finditer(code):
            body = code[match.end() : closing_brace(code, match.end() - 1)]
            add(match.group(1), re.findall(r"field\.\w+\(\s*\"(\w+)\"", body), source, match.start())
