"""Tables and their columns as a repository's schema files and migrations declare them, read from syntax trees:
Rails `db/schema.rb` and migrations (`create_table "users" do |t| t.string "email" …`, `add_column`), Laravel
migrations (`Schema::create('users', function (Blueprint $table) { $table->string('email'); … })`).

Models that do not declare their columns (ActiveRecord, Eloquent) take them from here, by table name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prp_agent.repo.syntax import Call, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["TABLE_HINT", "model_table", "table_columns"]

TABLE_HINT = re.compile(r"create_table|add_column|Schema::create|Schema::table")
# column-making calls that are structure, not columns
_NOT_COLUMNS = {
    "index", "timestamps", "timestamp_tz", "foreign", "unique", "primary", "dropColumn", "renameColumn", "dropIndex",
    "dropForeign", "dropUnique", "softDeletes", "rememberToken", "check_constraint", "references_index",
    "dropTimestamps", "dropSoftDeletes", "comment", "engine", "charset", "collation", "after", "change",
}  # fmt: skip
_MAKES_ID = {"id", "bigIncrements", "increments", "uuid", "ulid"}
_LEFT_OUT = {"id", "created_at", "updated_at"}


def table_columns(syntax: SyntaxFile) -> dict[str, list[str]]:
    """Table → the columns this file declares for it (in the order declared)."""
    if syntax.language not in {"Ruby", "PHP"}:
        return {}
    tables: dict[str, list[str]] = {}
    blocks: list[tuple[int, int, str]] = []
    for call in syntax.calls:
        table = _table_call(syntax, call)
        if table is not None:
            node = call.node
            blocks.append((node.start_byte, node.end_byte, table))
            tables.setdefault(table, [])
        elif call.name == "add_column" and len(call.args) >= 2:
            table, column = (_name(syntax, a) for a in call.args[:2])
            if table and column:
                tables.setdefault(table, []).append(column)
    for call in syntax.calls:
        if call.receiver is None or call.name in _NOT_COLUMNS or not call.args:
            continue
        inside = [t for start, end, t in blocks if start < call.node.start_byte < end]
        column = _name(syntax, call.args[0])
        if inside and column and syntax.text(call.receiver).lstrip("$") in {"t", "table", "blueprint"}:
            if call.name == "references" or call.name == "belongs_to":
                column += "_id"
            if call.name not in _MAKES_ID or column != "id":
                tables[inside[-1]].append(column)
    return {t: [c for c in dict.fromkeys(cols) if c not in _LEFT_OUT] for t, cols in tables.items()}


def _table_call(syntax: SyntaxFile, call: Call) -> str | None:
    if call.name == "create_table" and call.args:
        return _name(syntax, call.args[0])
    if call.name in {"create", "table"} and call.receiver is not None and syntax.text(call.receiver).endswith("Schema"):
        return _name(syntax, call.args[0]) if call.args else None
    return None


def _name(syntax: SyntaxFile, node: Node) -> str:
    text = syntax.text(node).strip()
    if node.type in {"simple_symbol"}:
        return text.lstrip(":")
    if node.type in {"string", "encapsed_string"} and len(text) < 80:
        return text.strip("'\"")
    return ""


def model_table(model: str) -> str:
    """The table a Rails or Laravel model lives in by convention: `OrderItem` → `order_items`, `Category` →
    `categories`."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", model.rsplit("::", 1)[-1]).lower()
    if snake.endswith("y") and not snake.endswith(("ay", "ey", "oy", "uy")):
        return snake[:-1] + "ies"
    if snake.endswith(("s", "x", "ch", "sh")):
        return snake + "es"
    return snake + "s"
