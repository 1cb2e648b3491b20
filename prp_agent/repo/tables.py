"""Tables and their columns as a repository's schema files and migrations declare them, read from syntax trees:
Rails `db/schema.rb` and migrations (`create_table "users" do |t| t.string "email" …`, `add_column`), Laravel
migrations (`Schema::create('users', function (Blueprint $table) { $table->string('email'); … })`).

Models that do not declare their columns (ActiveRecord, Eloquent) take them from here, by table name.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

from prp_agent.repo.nodes import call_at
from prp_agent.repo.syntax import Call, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "LIQUIBASE",
    "SQL_FILE",
    "liquibase_changes",
    "model_table",
    "replay",
    "sql_tables",
    "table_columns",
    "table_name",
]

SQL_FILE = re.compile(
    r"(^|/)(migrations?|db|schemas?|sql|databases?|ddl|flyway|changelog|changelogs|changesets)/.*\.sql$|(^|/)(schema|structure|init|tables?)[\w-]*\.sql$"
    r"|(^|/)sqldelight/.*\.sqm?$",  # SQLDelight: the tables and queries a Kotlin app's database code is made from
    re.IGNORECASE,
)

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
    if syntax.language == "Python":
        return _python_tables(syntax)
    if syntax.language == "C#":
        return _fluent_tables(syntax)
    if syntax.language not in {"Ruby", "PHP", "JavaScript", "TypeScript"}:
        return {}
    tables: dict[str, list[str]] = {}
    blocks: list[tuple[int, int, str]] = []
    for call in syntax.calls:
        table = _table_call(syntax, call)
        if table is not None:
            node = call.node
            blocks.append((node.start_byte, node.end_byte, table))
            tables.setdefault(table, [])
    for call in syntax.calls:
        if not call.args or call.name in _NOT_COLUMNS:
            continue
        inside = [t for start, end, t in blocks if start < call.node.start_byte < end]
        column = _name(syntax, call.args[0])
        if call.name == "createTable" and len(call.args) >= 2 and call.args[1].type == "object" and column:
            # Sequelize's migrations: `queryInterface.createTable('projects', { id: {…}, name: {…} })`
            tables.setdefault(column, []).extend(_object_keys(syntax, call.args[1]))
        elif call.name == "addColumn":  # Kysely: `db.schema.createTable("users").addColumn("id", …)`
            chained = _chain_table(syntax, call)
            if chained and column:
                tables.setdefault(chained, []).append(column)
            elif not chained and len(call.args) >= 2 and column and (added := _name(syntax, call.args[1])):
                tables.setdefault(column, []).append(added)  # Sequelize: `addColumn('projects', 'slug', {…})`
        elif inside and column and _column_call(syntax, call):
            if call.name in {"references", "belongs_to"}:
                column += "_id"
            if call.name not in _MAKES_ID or column != "id":
                tables[inside[-1]].append(column)
        elif call.name == "add_column" and len(call.args) >= 2 and call.receiver is None:
            table, column = (_name(syntax, a) for a in call.args[:2])  # Rails: `add_column :users, :email, :string`
            if table and column:
                tables.setdefault(table, []).append(column)
    return {t: [c for c in dict.fromkeys(cols) if c not in _LEFT_OUT] for t, cols in tables.items()}


def _object_keys(syntax: SyntaxFile, node: Node) -> list[str]:
    """The keys of a JavaScript object literal, in order."""
    keys = []
    for pair in node.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is not None:
            text = syntax.text(key).strip("'\"`")
            if re.fullmatch(r"\w+", text):
                keys.append(text)
    return keys


def _fluent_tables(syntax: SyntaxFile) -> dict[str, list[str]]:
    """FluentMigrator's `Create.Table("blobs").WithColumn("path")…` and `Alter.Table("apps").AddColumn("icon")`: the
    table a chain starts from and the columns it adds."""
    tables: dict[str, list[str]] = {}
    for call in syntax.calls:
        if _fluent_table(syntax, call) and call.args and (table := _name(syntax, call.args[0])):
            tables.setdefault(table, [])
        elif call.name in {"WithColumn", "AddColumn"} and call.args and (column := _name(syntax, call.args[0])):
            tables.setdefault(_chain_table(syntax, call), []).append(column)
    tables.pop("", None)  # a column whose chain starts from no table
    return {t: [c for c in dict.fromkeys(cols) if c not in _LEFT_OUT] for t, cols in tables.items()}


def _fluent_table(syntax: SyntaxFile, call: Call) -> bool:
    return call.name == "Table" and call.receiver is not None and syntax.text(call.receiver) in {"Create", "Alter"}


def _python_tables(syntax: SyntaxFile) -> dict[str, list[str]]:
    """SQLAlchemy Core's `Table("clubs", metadata, Column("name", String), …)` and Alembic's `op.create_table("clubs",
    sa.Column("name", …), …)`: the table and the columns its `Column(…)` arguments name."""
    tables: dict[str, list[str]] = {}
    for call in syntax.calls:
        if call.name not in {"Table", "create_table"} or len(call.args) < 2:
            continue
        table = _name(syntax, call.args[0])
        made = [c for a in call.args[1:] if (c := call_at(syntax, a)) is not None and c.name == "Column" and c.args]
        columns = [name for c in made if (name := _name(syntax, c.args[0]))]
        if table and columns:
            tables.setdefault(table, []).extend(columns)
    return {t: [c for c in dict.fromkeys(cols) if c not in _LEFT_OUT] for t, cols in tables.items()}


# Sequel's column calls inside `create_table(:users) do … end` / `alter_table(:users) do … end` (no receiver):
# `column :email, :text`, `foreign_key :project_id, :project`, `String :name`, and in `alter_table`, `add_column`
_SEQUEL_COLUMNS = {"column", "foreign_key", "primary_key", "add_column", "add_foreign_key"}
_SEQUEL_TYPES = {
    "String", "Integer", "Bignum", "Float", "BigDecimal", "Numeric", "Date", "DateTime", "Time", "File", "TrueClass",
    "FalseClass", "Fixnum",
}  # fmt: skip


def _column_call(syntax: SyntaxFile, call: Call) -> bool:
    """Whether a call inside a table block declares a column: `t.string "email"` (Rails), `$table->string('email')`
    (Laravel), `table.string("email")` (Knex), or Sequel's receiver-less `column :email` / `String :email`."""
    if call.receiver is None:
        return syntax.language == "Ruby" and (call.name in _SEQUEL_COLUMNS or call.name in _SEQUEL_TYPES)
    return syntax.text(call.receiver).lstrip("$") in {"t", "table", "blueprint", "tbl"}


def _chain_table(syntax: SyntaxFile, call: Call) -> str:
    """The table a builder chain works on (`createTable("users")`, `alterTable("users")`, FluentMigrator's
    `Create.Table("users")` earlier in it)."""
    receiver = call.receiver
    for _ in range(200):
        inner = call_at(syntax, receiver)
        if inner is None and receiver is not None and receiver.type == "variable_name":  # `$table->addColumn(…)`
            name = syntax.text(receiver).lstrip("$")
            made = next((a.value for a in syntax.assigns if a.name == name), None)
            inner = call_at(syntax, made) if made is not None else None
            return _name(syntax, inner.args[0]) if inner is not None and _phinx_table(syntax, inner) else ""
        if inner is None:
            return ""
        if (
            inner.name in {"createTable", "alterTable"} or _phinx_table(syntax, inner) or _fluent_table(syntax, inner)
        ) and (inner.args):
            return _name(syntax, inner.args[0])
        receiver = inner.receiver
    return ""


def _phinx_table(syntax: SyntaxFile, call: Call) -> bool:
    """Phinx's (CakePHP migrations') `$this->table('users')`, which `addColumn` calls build on."""
    return call.name == "table" and call.receiver is not None and syntax.text(call.receiver) == "$this"


def _table_call(syntax: SyntaxFile, call: Call) -> str | None:
    if call.name in {"create_table", "create_table?", "alter_table", "change_table"} and call.args:
        return _name(syntax, call.args[0])
    if (
        call.name in {"createTable", "createTableIfNotExists", "table", "alterTable"}
        and call.args
        and (call.receiver is not None and syntax.text(call.receiver).endswith("schema") and len(call.args) >= 2)
    ):  # Knex: `knex.schema.createTable("users", (table) => { table.string("email") })`
        return _name(syntax, call.args[0])
    if call.name in {"create", "table"} and call.receiver is not None and syntax.text(call.receiver).endswith("Schema"):
        return _name(syntax, call.args[0]) if call.args else None
    return None


def _name(syntax: SyntaxFile, node: Node) -> str:
    text = syntax.text(node).strip()
    if node.type in {"simple_symbol"}:
        return text.lstrip(":")
    if node.type in {"string", "encapsed_string", "template_string", "string_literal"} and len(text) < 80:
        return text.strip("'\"`")
    return ""


def table_name(model: str) -> str:
    """A model's name as a singular table name (`OrderItem` → `order_item`), as Sequel apps that keep singular
    table names, and Ecto or Diesel schemas, spell them."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", model.rsplit("::", 1)[-1]).lower()


def model_table(model: str) -> str:
    """The table a Rails or Laravel model lives in by convention: `OrderItem` → `order_items`, `Category` →
    `categories`."""
    snake = table_name(model)
    if snake.endswith("y") and not snake.endswith(("ay", "ey", "oy", "uy")):
        return snake[:-1] + "ies"
    if snake.endswith(("s", "x", "ch", "sh")):
        return snake + "es"
    return snake + "s"


_ADD_COLUMN = re.compile(
    r"""alter[ \t]+table[ \t]+(?:only[ \t]+)?[`"\[]?(\w+)[`"\]]?[ \t\n]+add[ \t]+(?:column[ \t]+)?"""
    r"""(?:if[ \t]+not[ \t]+exists[ \t]+)?[`"\[]?(\w+)""",
    re.IGNORECASE,
)
_CONSTRAINTS = {"primary", "unique", "constraint", "foreign", "key", "index", "check", "exclude", "fulltext", "spatial"}
# a table's name, perhaps schema-qualified, quoted, or a template placeholder the code fills in (`"{{users}}"`)
_NAME = re.compile(
    r"""\s*(?:if\s+not\s+exists\s+)?((?:[`"\[]?\w+[`"\]]?\.)?[`"\[]?(?:\{\{\s*)?(\w+)(?:\s*\}\})?[`"\]]?)""",
    re.IGNORECASE,
)


def sql_tables(text: str) -> dict[str, list[str]]:
    """Tables and columns a SQL file creates (`CREATE TABLE x (…)`, `ALTER TABLE x ADD [COLUMN] y`): the data
    layer of an application that writes its SQL itself. Read statement by statement, brackets counted."""
    lowered = text.lower()
    tables: dict[str, list[str]] = {}
    at = lowered.find("create table")
    while at >= 0:
        following = lowered.find("create table", at + 12)  # a body ends before the next statement's start
        name = _NAME.match(text, at + len("create table"))
        opening = text.find("(", at, at + 300)
        if name and opening >= 0:
            end = following if following >= 0 else len(text)
            tables.setdefault(name.group(2), []).extend(_columns(text, opening, end))
        at = following
    for match in _ADD_COLUMN.finditer(text):
        if match.group(2).lower() not in _CONSTRAINTS:
            tables.setdefault(match.group(1), []).append(match.group(2))
    return {t: [c for c in dict.fromkeys(cols) if c not in _LEFT_OUT] for t, cols in tables.items()}


def _columns(text: str, opening: int, end: int) -> list[str]:
    """The column names of a `( … )` table body (read no further than `end`): the first word of each top-level
    item that is no constraint."""
    depth, quote, start, items = 0, "", opening + 1, []
    for index in range(opening, min(end, opening + 200_000)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char if char == "'" else ""
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                items.append(text[start:index])
                break
        elif char == "," and depth == 1:
            items.append(text[start:index])
            start = index + 1
    columns = []
    for item in items:
        word = re.match(r"""\s*[`"\[]?(\w+)""", item)
        if word and word.group(1).lower() not in _CONSTRAINTS:
            columns.append(word.group(1))
    return columns


LIQUIBASE = re.compile(r"databaseChangeLog")
# a change: ("create"/"add", table, columns) · ("drop", table) · ("rename", old, new) ·
# ("drop_column", table, column) · ("rename_column", table, old, new)
Change = tuple[str, ...]
_CHANGELOG_LIMIT = 4_000_000


def liquibase_changes(path: str, text: str) -> list[Change]:
    """The table changes a Liquibase changelog makes, in order (YAML, JSON or XML; `sql` changes read as SQL): the
    schema of an application whose data layer is SQL-first (jOOQ, JDBI, Exposed DSL, kotliquery)."""
    if len(text) > _CHANGELOG_LIMIT:
        return []
    if path.endswith(".xml"):
        return _xml_changes(text)
    import json

    import yaml

    try:
        data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, RecursionError):
        return []
    changes: list[Change] = []
    with contextlib.suppress(RecursionError):  # nested deeper than any changelog: what was read so far
        _walk_changes(data, changes, set())
    return changes


def _walk_changes(data: object, changes: list[Change], seen: set[int]) -> None:
    """Collect the changes under `data`, each container once (YAML aliases may share one many times)."""
    if not isinstance(data, (list, dict)) or id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, list):
        for item in data:
            _walk_changes(item, changes, seen)
        return
    for key, value in data.items():
        change = _change(key, value) if isinstance(value, (dict, str)) else None
        if change is not None:
            changes.extend(change)
        else:
            _walk_changes(value, changes, seen)


def _change(kind: object, body: dict[str, object] | str) -> list[Change] | None:
    """One YAML/JSON change as table changes (None for what is not a table change: walk into it)."""
    if kind == "sql":
        sql = body.get("sql") if isinstance(body, dict) else body
        return _sql_changes(sql) if isinstance(sql, str) else []
    if not isinstance(body, dict):
        return None
    table = str(body.get("tableName") or "")
    if kind in ("createTable", "addColumn"):
        columns = [
            str(item["column"]["name"])
            for item in body.get("columns") or []  # type: ignore[attr-defined]
            if isinstance(item, dict) and isinstance(item.get("column"), dict) and item["column"].get("name")
        ]
        return [("create" if kind == "createTable" else "add", table, *columns)] if table else []
    if kind == "dropTable":
        return [("drop", table)] if table else []
    if kind == "renameTable":
        old, new = str(body.get("oldTableName") or ""), str(body.get("newTableName") or "")
        return [("rename", old, new)] if old and new else []
    if kind == "dropColumn":
        column = str(body.get("columnName") or "")
        return [("drop_column", table, column)] if table and column else []
    if kind == "renameColumn":
        old, new = str(body.get("oldColumnName") or ""), str(body.get("newColumnName") or "")
        return [("rename_column", table, old, new)] if table and old and new else []
    return None


def _sql_changes(sql: str) -> list[Change]:
    return [("add", table, *columns) for table, columns in sql_tables(sql).items()]


def _xml_changes(text: str) -> list[Change]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(text)
    except (ParseError, DefusedXmlException, ValueError):
        return []
    changes: list[Change] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        attributes = {key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items()}
        if tag == "sql":
            changes += _sql_changes(element.text or "")
        elif tag in ("createTable", "addColumn"):
            columns = [c.get("name", "") for c in element if c.tag.rsplit("}", 1)[-1] == "column" and c.get("name")]
            body = {"tableName": attributes.get("tableName", ""), "columns": [{"column": {"name": c}} for c in columns]}
            changes += _change(tag, body) or []
        elif tag in ("dropTable", "renameTable", "dropColumn", "renameColumn"):
            changes += _change(tag, dict(attributes)) or []
    return changes


def replay(tables: dict[str, list[str]], changes: list[Change]) -> set[str]:
    """Apply changelog changes to `tables` in order; the tables they create or add to."""
    touched: set[str] = set()
    for change in changes:
        kind, table = change[0], change[1]
        if kind in ("create", "add"):
            known = tables.setdefault(table, [])
            known.extend(c for c in change[2:] if c not in known and c not in _LEFT_OUT)
            touched.add(table)
        elif kind == "drop":
            tables.pop(table, None)
            touched.discard(table)
        elif kind == "rename" and table in tables:
            tables[change[2]] = tables.pop(table)
            touched.discard(table)
            touched.add(change[2])
        elif kind == "drop_column" and table in tables:
            tables[table] = [c for c in tables[table] if c != change[2]]
        elif kind == "rename_column" and table in tables:
            tables[table] = [change[3] if c == change[2] else c for c in tables[table]]
    return touched
