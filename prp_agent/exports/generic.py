"""Any CSV or JSON Lines file read through a column mapping (`--map title=COLUMN,body=COLUMN,...`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from prp_agent.errors import InputError
from prp_agent.text import one_line

from .records import Collector, ExportRead, TrackerIssue, as_text, clean_labels, normalize_state, title_text
from .source import Content, Table, records_of

__all__ = ["MAP_FIELDS", "parse_mapping", "read_generic"]

MAP_FIELDS: tuple[str, ...] = ("id", "title", "body", "labels", "state", "comments", "url", "created")

_LABEL_SPLIT_RE = re.compile(r"[,;]")
_TEXT_KEYS = ("name", "title", "body", "text", "note")
_MISSING = object()

Values = Callable[[str], list[str]]


def parse_mapping(text: str) -> dict[str, str]:
    """Parse "title=Summary,body=Description" into {field: column}; InputError on bad syntax or unknown fields."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        name, column = name.strip().lower(), column.strip()
        if not sep or not name or not column:
            raise InputError(f"bad --map entry {one_line(part.strip())!r}: expected FIELD=COLUMN, e.g. title=Summary")
        if name not in MAP_FIELDS:
            raise InputError(f"unknown field {one_line(name)!r} in --map: the fields are {', '.join(MAP_FIELDS)}")
        if name in mapping:
            raise InputError(f"field {name!r} is mapped twice in --map")
        mapping[name] = column
    if not mapping:
        raise InputError("--map is empty: give FIELD=COLUMN pairs, e.g. title=Summary,body=Description")
    return mapping


def read_generic(content: Content, where: str, mapping: dict[str, str] | None, fmt: str) -> ExportRead:
    """Read CSV rows or JSON records; unmapped fields use a column of the same name when there is one."""
    if fmt == "csv":
        if not isinstance(content, Table):
            raise InputError(f"{where} is JSON, not CSV: use --format jsonl")
        table = content
        columns = _resolve(mapping or {}, where, table.has, table.describe_columns)
        return _collect(fmt, [partial(_csv_values, table, row, columns) for row in table.rows])
    records = records_of(content, where, "JSON Lines file")
    objects = [record for record in records if isinstance(record, dict)]
    if len(objects) != len(records):
        raise InputError(f"{where} is not a list of JSON objects: entry {_first_non_object(records)} is not an object")
    keys = list(dict.fromkeys(key for record in objects for key in record))

    def present(column: str) -> bool:
        """Whether any record has this key or dotted path."""
        return any(_lookup(record, column) is not _MISSING for record in objects)

    def describe() -> str:
        """The first few keys for an error message."""
        return ", ".join(one_line(key, 30) for key in keys[:6]) + (f" (+{len(keys) - 6} more)" if len(keys) > 6 else "")

    columns = _resolve(mapping or {}, where, present, describe)
    return _collect(fmt, [partial(_json_values, record, columns) for record in objects])


def _resolve(
    mapping: dict[str, str], where: str, present: Callable[[str], bool], describe: Callable[[], str]
) -> dict[str, str]:
    """{field: column}: mapped columns must exist; unmapped fields fall back to a same-named column."""
    columns: dict[str, str] = {}
    for name in MAP_FIELDS:
        column = mapping.get(name)
        if column is not None and not present(column):
            raise InputError(
                f"--map {name}={one_line(column, 40)}: {where} has no such column (it has {describe() or 'none'})"
            )
        if column is None and present(name):
            column = name
        if column is not None:
            columns[name] = column
    if "title" not in columns:
        raise InputError(f"{where} has no title column: pass --map title=COLUMN (it has {describe() or 'none'})")
    return columns


def _collect(fmt: str, rows: list[Values]) -> ExportRead:
    out = Collector(fmt)
    for row_no, values in enumerate(rows, 1):
        raw_id = _first(values, "id").strip()
        labels = (label for cell in values("labels") for label in _LABEL_SPLIT_RE.split(cell))
        out.add(
            TrackerIssue(
                key=out.key(raw_id, row_no),
                id=raw_id or str(row_no),
                title=title_text(_first(values, "title")),
                body=_first(values, "body"),
                labels=clean_labels(labels),
                state=normalize_state(_first(values, "state")),
                comments=tuple(comment.strip() for comment in values("comments")),
                url=_first(values, "url").strip() or None,
                created=_first(values, "created").strip() or None,
                source=fmt,
            )
        )
    return out.result


def _first(values: Values, name: str) -> str:
    return next(iter(values(name)), "")


def _csv_values(table: Table, row: list[str], columns: dict[str, str], name: str) -> list[str]:
    column = columns.get(name)
    return [as_text(cell) for cell in table.every(row, column)] if column else []


def _json_values(record: dict[str, object], columns: dict[str, str], name: str) -> list[str]:
    column = columns.get(name)
    value = _lookup(record, column) if column else _MISSING
    items = value if isinstance(value, list) else [value]
    texts = [_text(item) for item in items if item is not _MISSING and item is not None]
    return [text for text in texts if text.strip()]


def _text(value: object) -> str:
    """Text of one JSON value; objects give their name, title, body, text or note when they have one."""
    if isinstance(value, dict):
        for key in _TEXT_KEYS:
            if isinstance(value.get(key), str):
                return as_text(value[key])
    return as_text(value)


def _lookup(record: dict[str, object], column: str) -> object:
    """A key of the record (exact, then ignoring case), or a dotted path such as fields.summary."""
    if column in record:
        return record[column]
    folded = {key.lower(): key for key in reversed(list(record))}
    if column.lower() in folded:
        return record[folded[column.lower()]]
    head, dot, rest = column.partition(".")
    inner = record.get(head) if dot else None
    return _lookup(inner, rest) if isinstance(inner, dict) else _MISSING


def _first_non_object(records: list[object]) -> int:
    return next(i for i, record in enumerate(records, 1) if not isinstance(record, dict))
