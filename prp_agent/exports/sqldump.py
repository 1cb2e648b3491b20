"""Issues in a tracker's database dump: pg_dump's `COPY public.issues (…) FROM stdin;` blocks and `INSERT INTO`
statements (mysqldump's extended inserts, `pg_dump --inserts`). The rows of the table a tracker keeps its issues in
(GitLab's and Redmine's `issues`, Jira's `jiraissue`, Bugzilla's `bugs`, MantisBT's `mantis_bug_table`, Trac's
`ticket`, Gitea's `issue`) become a CSV-like table for the readers that follow; every other table is passed over.

Nothing is executed: statements are tokenized, never handed to a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from prp_agent.errors import InputError

__all__ = ["SQL_KEYWORDS", "dump_table", "is_sql_dump"]

# The statements a dump opens with (after `--` comment lines)
SQL_KEYWORDS = re.compile(
    r"(?:COPY|INSERT[ \t]+INTO|CREATE[ \t]+(?:TABLE|SCHEMA|EXTENSION|SEQUENCE|TYPE)|SET|DROP[ \t]+TABLE|"
    r"LOCK[ \t]+TABLES|BEGIN|START[ \t]+TRANSACTION|SELECT[ \t]+pg_catalog|DELETE[ \t]+FROM|PRAGMA)\b",
    re.I,
)
# Issue tables by name, the likeliest first
_ISSUE_TABLES = ("issues", "issue", "jiraissue", "bugs", "mantis_bug_table", "tickets", "ticket", "work_items")
# Bugzilla's `bugs` table, its first columns in the order every Bugzilla since 3.0 creates them: a data-only dump
# (`sqlite3 .dump` after `DELETE FROM`, `mysqldump --no-create-info`) names no columns of its own
_BUGZILLA_BUGS = ("bug_id", "assigned_to", "bug_file_loc", "bug_severity", "bug_status", "creation_ts", "delta_ts",
                  "short_desc", "op_sys", "priority", "product_id", "rep_platform", "reporter", "version",
                  "component_id", "resolution", "target_milestone")  # fmt: skip
_NAME = r"""(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)[`"]?"""
_COPY = re.compile(rf"COPY[ \t]+{_NAME}[ \t]*\(([^)]*)\)[ \t]+FROM[ \t]+stdin;", re.I)
_INSERT = re.compile(rf"INSERT[ \t]+INTO[ \t]+{_NAME}[ \t]*(?:\(([^)]*)\)[ \t]*)?VALUES[ \t]*", re.I)
_CREATE = re.compile(rf"CREATE[ \t]+TABLE[ \t]+(?:IF[ \t]+NOT[ \t]+EXISTS[ \t]+)?{_NAME}[ \t]*\(", re.I)
_COLUMN_LINE = re.compile(r"""^[ \t]*[`"]?(\w+)[`"]?[ \t]+\w""")
_NOT_COLUMN = re.compile(r"^[ \t]*(?:PRIMARY|KEY|UNIQUE|INDEX|CONSTRAINT|FOREIGN|FULLTEXT|CHECK)\b", re.I)
_COPY_ESCAPE = re.compile(r"\\(N$|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "Z": "\x1a"}
# A statement's pieces: a quoted string (`''` or a backslash escapes a quote), a run of other text, its `;`
_STATEMENT_PART = re.compile(r"""[Ee]?'(?:[^'\\]|\\.|'')*'|[^';]+|;""", re.S)
# An INSERT's values, read one after another from where the last ended: a quoted string, a parenthesis or comma, a
# bare token (a number, NULL), a blank run
_TUPLE_PART = re.compile(r"""([Ee]?'(?:[^'\\]|\\.|'')*')|([(),])|([^,()'\s]+)|[ \t\r\n]+""", re.S)
_MAX_STATEMENT = 64 * 1024 * 1024


def is_sql_dump(head: str) -> bool:
    """Whether a file's first characters are a SQL dump's: past its comment lines, a dump statement."""
    for line in head.splitlines():
        text = line.strip()
        if text and not text.startswith(("--", "/*", "#")):
            return SQL_KEYWORDS.match(text) is not None
    return False


def dump_table(handle: TextIO, where: str) -> tuple[list[str], list[list[str]], str]:
    """(columns, rows, table name) of the issue table a dump holds: the likeliest issue table that has rows."""
    found: dict[str, tuple[list[str], list[list[str]]]] = {}
    created: dict[str, list[str]] = {}
    with handle:
        lines = iter(handle)
        for line in lines:
            if copy := _COPY.match(line):
                table = copy.group(1).lower()
                if table not in _ISSUE_TABLES:
                    for _ in _copy_rows(lines):  # another table's rows: passed over
                        pass
                    continue
                _add(found, table, _names(copy.group(2)), _copy_rows(lines))
            elif create := _CREATE.match(line):
                rest = line[create.end() :]
                one_line = rest.rstrip().endswith((");", ")"))  # SQLite's `.dump`: the whole statement on its line
                created[create.group(1).lower()] = _line_columns(rest) if one_line else _created_columns(lines)
            elif (insert := _INSERT.match(line)) and insert.group(1).lower() in _ISSUE_TABLES:
                table = insert.group(1).lower()
                columns = _names(insert.group(2)) if insert.group(2) else created.get(table, [])
                _add(found, table, columns, _insert_rows(line[insert.end() :], lines, where))
    table = next((t for t in _ISSUE_TABLES if t in found and found[t][1]), None)
    if table is None:
        raise InputError(f"{where} is a SQL dump with no rows in an issue table ({', '.join(_ISSUE_TABLES)})")
    columns, rows = found[table]
    if not columns and table == "bugs" and rows and len(rows[0]) >= len(_BUGZILLA_BUGS):
        columns = [*_BUGZILLA_BUGS, *(f"column {n}" for n in range(len(_BUGZILLA_BUGS) + 1, len(rows[0]) + 1))]
    if not columns:
        raise InputError(
            f"{where} is a SQL dump whose `{table}` rows name no columns (no column list, no CREATE TABLE)"
        )
    width = len(columns)
    return columns, [(row + [""] * width)[:width] for row in rows], table


def _add(
    found: dict[str, tuple[list[str], list[list[str]]]], table: str, columns: list[str], rows: Iterable[list[str]]
) -> None:
    """Add a statement's rows to its table's, in the columns the table's first statement named."""
    known, kept = found.setdefault(table, (columns, []))
    if columns == known:
        kept.extend(rows)
        return
    where = [columns.index(name) if name in columns else -1 for name in known]
    kept.extend([row[i] if 0 <= i < len(row) else "" for i in where] for row in rows)


def _names(listed: str) -> list[str]:
    return [name.strip().strip('`"') for name in listed.split(",")]


def _copy_rows(lines: Iterator[str]) -> Iterator[list[str]]:
    """The rows of a COPY block, up to its `\\.` line: tab-separated, backslash-escaped, `\\N` for NULL."""
    for line in lines:
        text = line.rstrip("\r\n")
        if text == "\\.":
            return
        yield [_COPY_ESCAPE.sub(_unescape, cell) for cell in text.split("\t")]


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code == "N":
        return ""
    if code[0] in "01234567":  # `\0`, `\047`: octal
        return chr(int(code, 8))
    if code[0] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def _line_columns(body: str) -> list[str]:
    """The column names of a CREATE TABLE statement written on one line (`id integer PRIMARY KEY, value
    varchar(64) NOT NULL, …);`): each definition between the commas outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in body.rstrip().removesuffix(";").removesuffix(")"):
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        depth += (char == "(") - (char == ")")
        current.append(char)
    parts.append("".join(current))
    return [column.group(1) for part in parts if not _NOT_COLUMN.match(part) and (column := _COLUMN_LINE.match(part))]


def _created_columns(lines: Iterator[str]) -> list[str]:
    """The column names of a CREATE TABLE statement, one definition a line as dumps write them."""
    columns = []
    for line in lines:
        if line.lstrip().startswith(")"):
            break
        if not _NOT_COLUMN.match(line) and (column := _COLUMN_LINE.match(line)):
            columns.append(column.group(1))
    return columns


def _insert_rows(text: str, lines: Iterator[str], where: str) -> list[list[str]]:
    """The tuples of one INSERT statement: `(1, 'a title', NULL), (2, …);`."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    call: list[str] | None = None  # a function call's text values (SQLite's `replace('a\r\nb','\r',char(13))`)
    depth = 0
    statement, at = _statement(text, lines, where), 0
    while at < len(statement):
        part = _TUPLE_PART.match(statement, at)
        if part is None:
            raise InputError(f"{where}: an INSERT statement of the issue table is not a list of values")
        at = part.end()
        quoted, mark, bare = part.groups()
        if call is not None:  # inside a call: its first string is the value, its line-break escapes restored
            depth += (mark == "(") - (mark == ")")
            if quoted is not None:
                call.append(_sql_string(quoted.lstrip("Ee")[1:-1]))
            if depth == 0 and row is not None:
                row.append(call[0].replace("\\r", "\r").replace("\\n", "\n") if call else "")
                call = None
        elif mark == "(" and row is not None and row and row[-1] == _CALL:
            row.pop()
            call, depth = [], 1
        elif mark == "(":
            row = []
        elif mark == ")" and row is not None:
            rows.append(row)
            row = None
        elif row is not None and quoted is not None:
            row.append(_sql_string(quoted.lstrip("Ee")[1:-1]))
        elif row is not None and bare is not None:
            following = statement[at : at + 1]
            row.append(_CALL if following == "(" else "" if bare.upper() == "NULL" else bare)
    return rows


_CALL = "\x00call"  # a value that is a function call, read from its parentheses


def _statement(text: str, lines: Iterator[str], where: str) -> str:
    """The rest of a statement up to its `;` outside strings, reading further lines while it is open (a string
    may hold line breaks); what is read grows by doubling, so an open string is scanned a bounded number of times."""
    done: list[str] = []
    buffer, at = text, 0
    while True:
        token = _STATEMENT_PART.match(buffer, at)
        if token is not None and token.group() == ";":
            return "".join(done) + buffer[:at]
        if token is not None and token.end() < len(buffer):
            at = token.end()
            continue
        done.append(buffer[:at])  # the token at `at` may go on past what was read: read more first
        buffer, wanted = buffer[at:], max(len(buffer) - at, 4096)
        at = 0
        more: list[str] = []
        read = 0
        for line in lines:
            more.append(line)
            read += len(line)
            if read >= wanted:
                break
        if not more or sum(map(len, done)) + len(buffer) > _MAX_STATEMENT:
            raise InputError(f"{where}: an INSERT statement of the issue table does not end")
        buffer += "".join(more)


def _sql_string(text: str) -> str:
    return _COPY_ESCAPE.sub(_unescape, text.replace("''", "'"))
