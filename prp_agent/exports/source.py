"""From an export file to text, then to a JSON value, JSON Lines records or a CSV table; one-line errors on the way."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prp_agent.errors import InputError
from prp_agent.text import one_line

from .records import TrackerIssue, as_text, clean_labels, normalize_state, optional_text, title_text

__all__ = ["Content", "JsonDoc", "JsonLines", "Table", "decode", "parse_content", "read_text", "records_of", "shown"]

_MAX_BYTES = 200_000_000
_CSV_FIELD_LIMIT = 50_000_000
_DELIMITERS = (",", ";", "\t")
_SHOWN_COLUMNS = 6


@dataclass
class JsonDoc:
    """A whole-file JSON value."""

    value: object


@dataclass
class JsonLines:
    """JSON Lines: one object per non-blank line."""

    records: list[dict[str, object]]


@dataclass
class Table:
    """A CSV table; column names may repeat (Jira), and lookups ignore case and surrounding spaces."""

    header: list[str]
    rows: list[list[str]]
    _columns: dict[str, list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._columns = {}
        for index, name in enumerate(self.header):
            self._columns.setdefault(name.strip().lower(), []).append(index)

    def has(self, name: str) -> bool:
        """Whether a column of this name exists."""
        return name.strip().lower() in self._columns

    def first(self, row: Sequence[str], name: str) -> str:
        """The first non-blank value among the columns of this name ("" when none)."""
        return next(iter(self.every(row, name)), "")

    def every(self, row: Sequence[str], name: str) -> list[str]:
        """All non-blank values among the (possibly repeated) columns of this name, left to right."""
        indexes = self._columns.get(name.strip().lower(), [])
        return [row[i] for i in indexes if row[i].strip()]

    def describe_columns(self) -> str:
        """The first few column names for an error message."""
        names = list(dict.fromkeys(one_line(name, 30) for name in self.header if name.strip()))
        more = len(names) - _SHOWN_COLUMNS
        return ", ".join(names[:_SHOWN_COLUMNS]) + (f" (+{more} more)" if more > 0 else "")

    def require(self, names: Sequence[str], shown: str, what: str) -> None:
        """Fail with one line naming the missing columns and those that exist."""
        missing = [name for name in names if not self.has(name)]
        if missing:
            raise InputError(
                f"{shown} is not a usable {what}: missing column(s) {', '.join(missing)}; "
                f"it has {self.describe_columns()}"
            )


Content = JsonDoc | JsonLines | Table


def shown(path: str | Path) -> str:
    """A path as it may appear in a one-line message."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def read_text(path: Path, where: str) -> tuple[str, list[str]]:
    """The file's text and any warning about its encoding."""
    try:
        if path.is_dir():
            raise InputError(f"{where} is a directory, not an export file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such export file: {where}") from None
    except OSError as exc:
        raise InputError(f"cannot read {where}: {exc.strerror or exc}") from None
    return decode(data, where)


def decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; fall back to cp1252 with a warning."""
    if len(data) > _MAX_BYTES:
        raise InputError(f"{where} is larger than {_MAX_BYTES // 1_000_000} MB")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{where} is not valid UTF-16 text (byte {exc.start}: {exc.reason})") from None
    elif b"\x00" in data:
        raise InputError(f"{where} is binary data (it holds NUL bytes), not an issue export")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(f"{where} is neither UTF-8 nor cp1252 text (byte {exc.start})") from None
            warnings.append(f"{where} is not UTF-8 (byte {exc.start}); read it as Windows-1252 (cp1252)")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{where} is empty")
    return text, warnings


def parse_content(text: str, where: str) -> Content:
    """JSON when the text starts with [ or {, JSON Lines when the whole is not JSON but each line is; else CSV."""
    stripped = text.lstrip()
    if stripped[:1] not in ("[", "{"):
        return _parse_csv(text, where)
    try:
        value = _parse_json(text, where)
    except InputError:
        if stripped.startswith("{") and _looks_like_lines(stripped):
            return JsonLines(_parse_lines(text, where))
        raise
    if isinstance(value, dict) and not isinstance(value.get("issues"), list):
        return JsonLines([value])  # a one-line JSON Lines file
    return JsonDoc(value)


def records_of(content: Content, where: str, what: str) -> list[object]:
    """The entries of a JSON array or JSON Lines file; anything else is not this export."""
    if isinstance(content, JsonLines):
        return list(content.records)
    if isinstance(content, JsonDoc) and isinstance(content.value, list):
        return list(content.value)
    found = "CSV" if isinstance(content, Table) else "a JSON object"
    raise InputError(f"{where} is not a {what}: expected a JSON array or JSON Lines, found {found}")


def _parse_json(text: str, where: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = exc.msg.removesuffix(" starting at").lower()
        cut = exc.pos >= len(text.rstrip()) or message == "unterminated string"
        ends = "; the file seems cut short (truncated?)" if cut else ""
        raise InputError(
            f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: {message}){ends}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{where} is not usable JSON: {one_line(str(exc) or 'nested too deeply')}") from None


def _looks_like_lines(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (ValueError, RecursionError):
        return False


def _parse_lines(text: str, where: str) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            message = exc.msg.removesuffix(" starting at").lower()
            raise InputError(f"{where} line {number} is not valid JSON (column {exc.colno}: {message})") from None
        except (ValueError, RecursionError):
            raise InputError(f"{where} line {number} is not usable JSON") from None
        if not isinstance(value, dict):
            raise InputError(f"{where} line {number} is not a JSON object")
        records.append(value)
    return records


def _parse_csv(text: str, where: str) -> Table:
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:  # Excel's delimiter hint line
        delimiter, text = first.strip()[4], rest
    else:
        delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        rows = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in reader]
    except csv.Error as exc:
        raise InputError(f"{where} is not valid CSV: {exc} (line {reader.line_num})") from None
    finally:
        csv.field_size_limit(previous)
    header = [cell.strip() for cell in rows[0]] if rows else []
    if not any(header):
        raise InputError(f"{where} has no CSV header line")
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:] if any(cell.strip() for cell in row)]
    return Table(header, body)


def _delimiter(header_line: str) -> str:
    counts = {d: 0 for d in _DELIMITERS}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class CsvColumns:
    """Which columns of a tracker's CSV export hold each field."""

    title: str
    body: str
    state: str
    created: str
    labels: str = "Labels"
    url: str = "URL"


def csv_issue(
    table: Table, row: Sequence[str], *, key: str, ident: str, columns: CsvColumns, source: str
) -> TrackerIssue:
    """One issue from a CSV row; labels gathered from every (repeated) labels column, split on commas."""
    return TrackerIssue(
        key=key,
        id=ident,
        title=title_text(table.first(row, columns.title)),
        body=as_text(table.first(row, columns.body)),
        labels=clean_labels(label for cell in table.every(row, columns.labels) for label in cell.split(",")),
        state=normalize_state(table.first(row, columns.state)),
        url=optional_text(table.first(row, columns.url)),
        created=optional_text(table.first(row, columns.created)),
        source=source,
    )
