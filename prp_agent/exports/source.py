"""From an export file to text, then to a JSON value, JSON Lines records or a CSV table; one-line errors on the way."""

from __future__ import annotations

import ast
import codecs
import csv
import io
import itertools
import json
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

from prp_agent.errors import InputError
from prp_agent.exports.edn import EDN_START, parse_edn
from prp_agent.exports.htmltable import HTML_START, html_table
from prp_agent.exports.records import (
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    split_cell,
    title_text,
)
from prp_agent.exports.shape import BUCKETS, Candidate, buckets, unwrap_all
from prp_agent.exports.sqldump import dump_table, is_sql_dump
from prp_agent.exports.streamjson import JsonStream, sketch
from prp_agent.exports.wrapped import MAX_INFLATED, http_body
from prp_agent.exports.xmldoc import XmlDoc, embedded_json, open_xml, xml_start
from prp_agent.text import loads_json, one_line

__all__ = ["Content", "CsvColumns", "JsonDoc", "JsonLines", "Table", "csv_issue", "load", "shown"]

_MAX_BYTES = 4_000_000_000  # every format is streamed
_STREAM_JSON = 16_000_000  # a JSON document larger than this is streamed; a smaller one is loaded whole
_MAX_TEXT_RECORDING = 64_000_000  # YAML cassettes, `Field: value` records and text recordings are read whole
_CSV_FIELD_LIMIT = 50_000_000
_DELIMITERS = (",", ";", "\t")
_SHOWN_COLUMNS = 6
_SNIFF = 65536
_CHUNK = 1 << 20

T = TypeVar("T")


@dataclass
class JsonDoc:
    """A JSON document: its value, or, for a large file, a sketch of it (every list cut to its first items) and the
    stream its records are read from again, one by one."""

    value: object
    stream: JsonStream | None = None
    origin: str = ""  # what the records were unwrapped from (an HTTP recording's responses)
    bodies: bool = False  # the value is the list of a text recording's response bodies
    generic: str = "jsonl"  # the format named when no tracker's reader fits: what the file was (xml, text)

    def records(self, candidate: Candidate) -> Candidate:
        """The candidate with every one of its records: streamed from the file when the document is, with the count
        the streamed pass made."""
        if self.stream is None:
            return candidate
        array = candidate.prefix.removesuffix(".node").removesuffix("item").removesuffix(".")
        records = self.stream.items(candidate.prefix)
        if candidate.prefix.endswith(BUCKETS):  # the object holding the buckets, read whole: its lists in turn
            holder: dict[str, Any] = next(self.stream.items(candidate.prefix.removesuffix(BUCKETS)), {})
            records = (
                item for bucket in holder.values() if isinstance(bucket, list | dict) for item in buckets(bucket)
            )
        if candidate.unwrapped:
            records = unwrap_all(records, candidate.unwrapped)
        return replace(candidate, records=records, count=self.stream.lengths.get(array, candidate.count))


class _Peekable(Generic[T]):
    """Items read as they are needed; the first few can be looked at without consuming them."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self._peeked: list[T] = []

    def sample(self, n: int) -> list[T]:
        """The first n items, without consuming them."""
        while len(self._peeked) < n:
            item = next(self._items, None)
            if item is None:
                break
            self._peeked.append(item)
        return self._peeked[:n]

    def _all(self) -> Iterator[T]:
        return itertools.chain(self._peeked, self._items)


class JsonLines(_Peekable[dict[str, object]]):
    """JSON Lines: one object per non-blank line, read as they are needed (a large file is never held whole)."""

    @property
    def records(self) -> Iterator[dict[str, object]]:
        """Every record, once."""
        return self._all()


class Table(_Peekable[list[str]]):
    """A CSV table, rows read as they are needed; column names may repeat (Jira), and lookups ignore case,
    surrounding spaces and accents."""

    def __init__(self, header: list[str], rows: Iterable[list[str]], records: str = "CSV rows") -> None:
        super().__init__(rows)
        self.header = header
        self.records = records  # what the rows are, as a read reports them
        self._columns: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            self._columns.setdefault(_column_key(name), []).append(index)

    @property
    def rows(self) -> Iterator[list[str]]:
        """Every row, once, padded or cut to the header's width."""
        return self._all()

    def has(self, name: str) -> bool:
        """Whether a column of this name exists."""
        return _column_key(name) in self._columns

    def column(self, *names: str) -> str | None:
        """The header of the first of these column names the table has (any case, accents ignored)."""
        for name in names:
            indexes = self._columns.get(_column_key(name))
            if indexes:
                return self.header[indexes[0]]
        return None

    def first(self, row: Sequence[str], name: str) -> str:
        """The first non-blank value among the columns of this name ("" when none)."""
        return next(iter(self.every(row, name)), "")

    def every(self, row: Sequence[str], name: str) -> list[str]:
        """All non-blank values among the (possibly repeated) columns of this name, left to right."""
        indexes = self._columns.get(_column_key(name), [])
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


def _column_key(name: str) -> str:
    """A column name for lookups: case, accents and spaces ignored (`Issuekey` is `Issue key`)."""
    folded = unicodedata.normalize("NFKD", name.strip().lower())
    key = "".join(ch for ch in folded if not unicodedata.combining(ch) and not ch.isspace())
    return key or "".join(name.lower().split())


Content = JsonDoc | JsonLines | Table | XmlDoc


def shown(path: str | Path) -> str:
    """A path as it may appear in a one-line message."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def load(path: Path, where: str) -> tuple[Content, list[str]]:
    """The file as a CSV table, JSON Lines, a JSON document or an XML document, and any warning about how it was
    read. A saved HTTP response is read from its body. Every format is streamed: CSV, JSON Lines and XML record by
    record; a JSON document larger than 16 MB by a sketch pass and a record pass."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{where} is a directory, not an export file")
        if not path.is_file():  # a FIFO or a device would block or never end
            raise InputError(f"{where} is not a regular file")
    except FileNotFoundError:
        raise InputError(f"no such export file: {where}") from None
    except OSError as exc:
        raise InputError(f"cannot read {where}: {exc.strerror or exc}") from None
    if size > _MAX_BYTES:
        raise InputError(f"{where} is larger than {_MAX_BYTES // 1_000_000} MB")
    with open(path, "rb") as raw:
        start = raw.read(_SNIFF)
    offset, note = (
        (0, None) if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else http_body(start, where)
    )
    encoding, warnings = _encoding(path, where)
    warnings += [note] if note else []
    handle = _text(path, offset, encoding)
    head = handle.read(_SNIFF).lstrip("\ufeff")
    handle.close()
    if not head.strip():
        raise InputError(f"{where} is empty" if not offset else f"{where} is a saved HTTP response with no body")
    stripped = head.lstrip()
    while stripped.startswith(("//", "#")) and "\n" in stripped:  # comment lines before JSON (JSONC, a script's)
        stripped = stripped.split("\n", 1)[1].lstrip()
    opened = stripped[:1] in ("[", "{")
    commented = len(head) - len(stripped) if opened and head.lstrip().startswith(("//", "#")) else 0
    stripped = stripped if opened or commented else head.lstrip()  # `# a YAML comment` stays YAML

    bom = len(codecs.BOM_UTF8) if offset == 0 and start.startswith(codecs.BOM_UTF8) else 0

    def at(chars: int) -> int:  # the byte offset of a position in `head`
        return offset + bom + len(head[:chars].encode(encoding.removesuffix("-sig")))

    if EDN_START.match(stripped):  # Clojure's data notation (`[{:id 7, :subject "…"}]`): JSON-like values
        with _text(path, offset, encoding) as whole:
            return JsonDoc(parse_edn(whole.read().lstrip("\ufeff"), where), origin="EDN data", generic="edn"), warnings
    module = _JS_MODULE.match(stripped) if stripped[:1] not in ("[", "{") else None
    if module is not None and size - offset <= _MAX_TEXT_RECORDING:  # `export const workItem = {…};`: a JS value
        with _text(path, offset, encoding) as whole:
            text = whole.read().lstrip("\ufeff").lstrip()[module.end() - 1 :].rstrip().removesuffix(";")
        value = _relaxed(text)
        if value is not None:
            warnings.append(f"{where} is a JavaScript module: the value it exports was read as JSON5 would")
            return JsonDoc(value), warnings
    if stripped[:1] not in ("[", "{"):  # not JSON: XML, a YAML cassette, text records, a text recording or CSV
        return _not_json(path, offset, encoding, head, stripped, size, where, at), warnings
    if stripped.startswith("{") and _looks_like_lines(head):
        return JsonLines(_lines(_text(path, offset, encoding), where)), warnings
    if size - offset > _STREAM_JSON and encoding != "utf-16":
        value, stream = sketch(path, at(len(head) - len(stripped)), where)
        return JsonDoc(value, stream), warnings
    with _text(path, offset, encoding) as whole:
        text = whole.read().lstrip("\ufeff")
    if commented:
        text = text[commented:]
        warnings.append(f"{where} has comment lines before its JSON: they were skipped")
    try:
        return JsonDoc(_parse_json(text, where)), warnings
    except InputError:
        relaxed = _relaxed(text)  # `{issues: [...],}`: keys without quotes, trailing commas (JavaScript, JSON5)
        if relaxed is None:
            raise
        warnings.append(f"{where} is not strict JSON (keys without quotes or trailing commas): read as JSON5 would")
        return JsonDoc(relaxed), warnings


# a JavaScript module that exports one value (`export const workItem = {`, `module.exports = [`, `export default {`),
# or a script that binds it (`var data = {issues: [...]}`)
_JS_MODULE = re.compile(
    r"(?:export[ \t]+(?:default[ \t]+|(?:const|let|var)[ \t]+[A-Za-z_$][\w$]{0,100}[ \t]*(?::[^=\n]{0,100})?=[ \t]*)"
    r"|module\.exports[ \t]*=[ \t]*"
    r"|(?:const|let|var)[ \t]+[A-Za-z_$][\w$]{0,100}[ \t]*=[ \t]*)[\[{]"  # a script's `var data = {…}` (a saved page)
)
_RELAX_AT = re.compile(r'["{,]')  # where a string, an object's key or a trailing comma may start
_STRING_REST = re.compile(r'(?:[^"\\\n]|\\.)*"')  # the rest of a string after its opening quote
_BARE_KEY = re.compile(r"(\s*)([A-Za-z_$][\w$]{0,200})(\s*:)")
_CLOSING = re.compile(r"\s*[}\]]")


def _relaxed(text: str) -> object | None:
    """The value of a JSON text that only JavaScript's relaxations keep from parsing (unquoted keys, trailing
    commas), or None when it is not that either. One pass: each string is read once, to its closing quote."""
    out: list[str] = []
    pos = 0
    while (found := _RELAX_AT.search(text, pos)) is not None:
        at = found.start()
        if text[at] == '"':
            string = _STRING_REST.match(text, at + 1)
            if string is None:
                return None  # a string left open: no relaxation makes this JSON
            out.append(text[pos : string.end()])
            pos = string.end()
        elif text[at] == "," and _CLOSING.match(text, at + 1):
            out.append(text[pos:at])  # `[1, 2,]`: the comma before a closing bracket goes
            pos = at + 1
        elif (key := _BARE_KEY.match(text, at + 1)) is not None:
            out.append(f'{text[pos : at + 1]}{key.group(1)}"{key.group(2)}"{key.group(3)}')
            pos = key.end()
        else:
            out.append(text[pos : at + 1])
            pos = at + 1
    out.append(text[pos:])
    try:
        value: object = loads_json("".join(out))
    except (ValueError, RecursionError):
        return None
    return value


# A VCR / vcrpy cassette (YAML): `interactions:` or `http_interactions:` at the top, or VCR 1's list of
# `!ruby/struct:VCR::HTTPInteraction` items.
_YAML_CASSETTE = re.compile(
    r"(?:---[ \t]*\r?\n)?(?:(?:http_)?interactions:[ \t]*\r?\n|-[ \t]+!ruby/struct:VCR::HTTPInteraction\b)"
)
# Records written as `Field: value` lines (Request Tracker's REST 1.0, e-mail-like exports): three such lines first.
_FIELD_LINES = re.compile(r"(?:[A-Za-z][\w.-]{0,40}:(?:[ \t][^\r\n]*)?\r?\n){3}")
_MAX_ALIASES = 100  # YAML aliases expand: an export or a cassette needs few, a bomb needs many
# a YAML document however it is named: its directive, or its start marker before a list item or a `key:` line
_YAML_DOCUMENT = re.compile(r"%YAML\b|---[ \t]*\r?\n(?:[ \t]*#[^\n]*\n)*(?:-[ \t]|[\w\"'][^:\n]{0,80}:(?:[ \t]|\r?\n))")


# ERB in a Rails fixture: `<% def today … %>` blocks run before the YAML is read, `<%= today %>` values put in it
_ERB_BLOCK = re.compile(r"<%(?!=)[^%]*(?:%(?!>)[^%]*)*%>")
_ERB_VALUE = re.compile(r"<%=[^%]*(?:%(?!>)[^%]*)*%>")


def _without_erb(text: str) -> str:
    """A Rails fixture's YAML with its ERB tags taken out: blocks dropped (their lines kept blank, so a parse error
    names the right line), each value written as the word ERB."""
    if "<%" not in text:
        return text
    text = _ERB_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text)
    return _ERB_VALUE.sub("ERB", text)


def _yaml(text: str, where: str) -> object:
    """A YAML cassette as a JSON-like value; aliases (how a YAML bomb grows) are bounded before anything is built."""
    import yaml

    loader = _ruby_loader()
    text = _without_erb(text)
    try:
        aliases = sum(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=loader))
        if aliases > _MAX_ALIASES:
            raise InputError(f"{where} is YAML with {aliases} aliases; an export needs few")
        most = max(10 * len(text), 100_000)  # values built: aliases may repeat a part at most ~10 times over
        budget = [most]
        value: object = _jsonable(yaml.load(text, Loader=loader), budget)
        if budget[0] < 0:
            raise InputError(f"{where} is YAML whose aliases expand past {most:,} values")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise InputError(f"{where} is not valid YAML{at}: {one_line(str(getattr(exc, 'problem', exc)), 80)}") from None
    except RecursionError:
        raise InputError(f"{where} is not usable YAML: nested too deeply") from None
    return value


def _jsonable(value: object, budget: list[int]) -> object:
    """A YAML value as JSON would hold it: keys and scalars JSON has no type for (a date, bytes, a set) as text.
    Each value built spends one of `budget`; once it is spent, nothing more is expanded (the caller refuses)."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(k): _jsonable(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v, budget) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, bytes):
        return _binary_text(value)
    return str(value)


def _binary_text(data: bytes) -> str:
    """YAML's `!!binary` as text: how vcrpy records a compressed response body, gunzipped (bounded) first."""
    if data[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=31)
        try:
            inflated = inflater.decompress(data, MAX_INFLATED)
        except zlib.error:
            inflated = b""
        if inflated and not inflater.unconsumed_tail:
            data = inflated
    return data.decode("utf-8", "replace")


class _Binary(dict[str, str]):
    """Ruby's `!binary` value, hashable: psych writes header names that way too (`!binary "U2VydmVy": …`)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.get("base64_string", ""))


@cache
def _ruby_loader() -> type:
    """A safe YAML loader that reads Ruby's tagged objects (`!ruby/struct:VCR::Request`, VCR 1's cassettes) as the
    plain mappings, lists and strings they are written as; nothing is instantiated."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def plain(loader: Any, _suffix: str, node: Any) -> object:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_scalar(node)

    Loader.add_multi_constructor("!ruby/", plain)
    # Ruby's `!binary` (psych): base64 of the bytes (an old VCR cassette's gzip body), kept as the base64 text a
    # newer cassette's `base64_string` holds
    Loader.add_constructor(
        "!binary", lambda loader, node: _Binary(base64_string="".join(loader.construct_scalar(node).split()))
    )
    # a date stays the text it was written as (`2012-05-16 16:14:54 +02:00`), as a JSON export writes it
    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader


def _field_blocks(text: str) -> list[dict[str, str]]:
    """`Field: value` records, separated by `--` lines or blank lines; indented lines continue a value."""
    records: list[dict[str, str]] = []
    record: dict[str, str] = {}
    last = ""
    for line in [*text.splitlines(), "--"]:
        if line.strip() in ("", "--"):
            if record:
                records.append(record)
            record, last = {}, ""
        elif line[:1] in (" ", "\t") and last:
            record[last] += "\n" + line.strip()
        elif ":" in line and not line.startswith("#"):
            name, _, value = line.partition(":")
            last = name.strip()
            record[last] = value.strip()
    return records


def _embeds_json(head: str) -> bool:
    """A text recording of HTTP exchanges (PyGithub's ReplayData, request logs): lines of text, some of them whole
    JSON objects or arrays (the response bodies). Its first line has no CSV delimiter, which a CSV header has."""
    lines = head.splitlines()
    if not lines or any(d in lines[0] for d in _DELIMITERS):
        return False
    for n, line in enumerate(lines[1:], start=1):
        if line[:1] in ("{", "["):
            try:
                return isinstance(loads_json(line), dict | list)
            except (ValueError, RecursionError):
                if n == len(lines) - 1 and re.match(r'\[?\{"', line):  # a body longer than the head: cut, not bad
                    return True
                continue
    return False


def _embedded_json(handle: TextIO, where: str) -> list[object]:
    """The JSON values that stand alone on a line of a text recording, in order."""
    bodies: list[object] = []
    for line in handle:
        if line[:1] in ("{", "["):
            try:
                bodies.append(loads_json(line.strip()))
            except (ValueError, RecursionError):
                continue
    return bodies


def json_in_xml(path: Path, offset: int, where: str) -> JsonDoc | None:
    """The JSON an XML document keeps in an attribute or an element (an IDE's settings holding a tracker's issues),
    read when the document's own elements hold no issue; None when it keeps none."""
    if path.stat().st_size > _MAX_TEXT_RECORDING:  # the values are read whole
        return None
    embedded = embedded_json(path, offset, where)
    return None if embedded is None else JsonDoc(embedded[0], origin=embedded[1], generic="xml")


def _not_json(path: Path, offset: int, encoding: str, head: str, stripped: str, size: int, where: str,
              at: Callable[[int], int]) -> Content:  # fmt: skip
    """A file that is not JSON, by what its first bytes show."""
    if HTML_START.match(stripped):  # Jira's "Excel" export, a report saved as a web page
        header, rows, name = html_table(_text(path, offset, encoding), where)
        return Table(header, rows, f"HTML table rows ({name})" if name else "HTML table rows")
    if (xml := xml_start(head)) is not None and encoding != "utf-16":
        try:
            return open_xml(path, at(xml), where)
        except InputError:
            if (embedded := json_in_xml(path, at(xml), where)) is None:
                raise
            return embedded
    small = size <= _MAX_TEXT_RECORDING  # the kinds below are read whole
    if small and _YAML_CASSETTE.match(stripped):
        with _text(path, offset, encoding) as whole:
            return JsonDoc(_yaml(whole.read(), where))
    if small and (path.suffix.lower() in {".yaml", ".yml"} or _YAML_DOCUMENT.match(stripped)):
        with _text(path, offset, encoding) as whole:
            value = _yaml(whole.read(), where)
        if not isinstance(value, (list, dict)):
            raise InputError(f"{where} is YAML holding one {type(value).__name__} value, not records of issues")
        return JsonDoc(value, origin="YAML document", generic="yaml")  # a tracker's archive, `!ruby/object:Issue`s
    if small and _FIELD_LINES.match(stripped):
        with _text(path, offset, encoding) as whole:
            return JsonDoc(_field_blocks(whole.read()), origin="`Field: value` records", generic="text")
    if small and _embeds_json(head):
        with _text(path, offset, encoding) as whole:
            return JsonDoc(_embedded_json(whole, where), bodies=True)
    if is_sql_dump(head):  # a tracker's database dump: its issue table's rows
        header, rows, name = dump_table(_text(path, offset, encoding), where)
        return Table(header, rows, f"`{name}` rows of a SQL dump")
    return _table(_text(path, offset, encoding), where)


def _text(path: Path, offset: int, encoding: str) -> TextIO:
    """The file as text from a byte offset (past a saved response's headers)."""
    raw = open(path, "rb")  # noqa: SIM115 - the text wrapper owns and closes it
    raw.seek(offset)
    return io.TextIOWrapper(raw, encoding=encoding if offset == 0 else encoding.replace("-sig", ""), newline="")


def _encoding(path: Path, where: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 with a warning; binary data is refused."""
    with open(path, "rb") as handle:
        start = handle.read(4)
        handle.seek(0)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _check_utf16(handle, where)
            return "utf-16", []
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                raise InputError(f"{where} is binary data (it holds NUL bytes), not an issue export")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = offset + exc.start
                break
            offset += len(chunk)
        else:
            return "utf-8-sig", []
    cjk = _cjk_encoding(path)
    if cjk is not None:
        return cjk, [f"{where} is not UTF-8 (byte {bad}); read it as {cjk} (Chinese, Japanese or Korean text)"]
    legacy = _legacy_encoding(path)
    if legacy is None:
        raise InputError(f"{where} is neither UTF-8 nor Windows-1252/1251 text (byte {bad})")
    name = {"cp1252": "Windows-1252 (cp1252)", "cp1251": "Windows-1251 (cp1251, Cyrillic)"}[legacy]
    return legacy, [f"{where} is not UTF-8 (byte {bad}); read it as {name}"]


# Double-byte code pages a CJK export arrives in, as charset-normalizer names them
_CJK = {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
        "iso2022_jp", "euc_kr", "cp949", "johab"}  # fmt: skip


def _cjk_encoding(path: Path) -> str | None:
    """A Chinese, Japanese or Korean code page (GBK, Big5, Shift_JIS, EUC-KR) the file is written in, when the
    statistics of its first 256 kB say so and the whole file decodes in it; None otherwise (single-byte text)."""
    from charset_normalizer import from_bytes

    with open(path, "rb") as handle:
        head = handle.read(1 << 18)
    best = from_bytes(head).best()
    encoding = best.encoding if best is not None else ""
    if encoding not in _CJK:
        return None
    return encoding if _decodes(path, encoding) else None


_HIGH_LETTERS = re.compile(rb"[\xc0-\xff]+")


def _legacy_encoding(path: Path) -> str | None:
    """Of the two single-byte code pages exports arrive in, the one the file is (None when neither decodes it):
    Cyrillic text (cp1251) writes whole words in bytes over 0xC0, where Western text (cp1252) has a lone accented
    letter between ASCII ones; a byte cp1252 leaves undefined says cp1251 too. Decoded as a stream."""
    with open(path, "rb") as handle:
        runs = [len(run) for run in _HIGH_LETTERS.findall(handle.read(_CHUNK))]
    letters = sum(runs)
    words = letters >= 20 and letters - len(runs) > letters / 2  # most such letters stand beside another
    return next((e for e in (("cp1251",) if words else ("cp1252", "cp1251")) if _decodes(path, e)), None)


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes in a code page, read in chunks (a double-byte character may span two)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _check_utf16(handle: Any, where: str) -> None:
    """Decode the whole file once (streamed) so a broken UTF-16 file fails here with one line, not mid-read."""
    decoder = codecs.getincrementaldecoder("utf-16")()
    read = 0
    try:
        while chunk := handle.read(_CHUNK):
            read += len(chunk)
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        byte = read - len(exc.object) + exc.start
        raise InputError(f"{where} is not valid UTF-16 text (byte {byte}: {exc.reason})") from None


def _parse_json(text: str, where: str) -> object:
    try:
        return loads_json(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and (stream := _concatenated(text)) is not None:
            return stream
        if (literal := _python_literal(text)) is not None:
            return literal
        message = exc.msg.removesuffix(" starting at").lower()
        cut = exc.pos >= len(text.rstrip()) or message == "unterminated string"
        ends = "; the file seems cut short (truncated?)" if cut else ""
        raise InputError(
            f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: {message}){ends}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{where} is not usable JSON: {one_line(str(exc) or 'nested too deeply')}") from None


# a Python literal printed for a response (`pprint(bz.getbug(…))`): single quotes, `True`/`None`, maybe a comment first
_PYTHON_LITERAL = re.compile(r"\A\s*(?:#[^\n]*\n\s*)*[\[{]\s*['\[{]")
_PYTHON_LITERAL_LIMIT = 5 * 1024 * 1024  # a syntax tree takes some twenty times the text


def _python_literal(text: str) -> object | None:
    """A Python dict or list literal as the JSON value it holds (tuples and sets as lists, bytes as text); None
    when the text is no such literal. Only literals are evaluated (`ast.literal_eval`), never code."""
    if len(text) > _PYTHON_LITERAL_LIMIT or not _PYTHON_LITERAL.match(text) or "'" not in text[:4096]:
        return None
    try:
        value = ast.literal_eval(ast.parse(text.strip(), mode="eval"))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    # as a YAML value is: bytes as text, tuples and sets as lists (the parser nests brackets at most 200 deep, and a
    # literal holds fewer values than characters, so the budget is never spent)
    return _jsonable(value, [len(text) + 1]) if isinstance(value, dict | list | tuple) else None


def _concatenated(text: str) -> list[object] | None:
    """Several JSON objects one after another (pretty-printed, as Perceval writes them by default) as a list; None
    when the text is not that."""
    decoder, pos = json.JSONDecoder(), 0
    items: list[object] = []
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos == len(text):
            return items if len(items) > 1 else None
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return None
        if not isinstance(value, dict):
            return None
        items.append(value)


def _looks_like_lines(head: str) -> bool:
    """JSON Lines: the first line is a whole JSON object and another line follows (one line is a JSON document)."""
    lines = [line for line in head.split("\n") if line.strip()]
    try:
        first = loads_json(lines[0])
    except (ValueError, RecursionError, IndexError):
        return False
    return isinstance(first, dict) and len(lines) >= 2


def _lines(handle: TextIO, where: str) -> Iterator[dict[str, object]]:
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = loads_json(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                message = exc.msg.removesuffix(" starting at").lower()
                raise InputError(f"{where} line {number} is not valid JSON (column {exc.colno}: {message})") from None
            except (ValueError, RecursionError):
                raise InputError(f"{where} line {number} is not usable JSON") from None
            if not isinstance(value, dict):
                raise InputError(f"{where} line {number} is not a JSON object")
            yield value


def _table(handle: TextIO, where: str) -> Table:
    first = handle.readline().lstrip("\ufeff")
    rest: Iterator[str] = handle
    skipped = 0
    if first.lstrip().startswith('"') and not _delimited(first):  # one quoted cell: perhaps a preamble (TickTick)
        head = [first, *itertools.islice(handle, _PREAMBLE_LINES)]
        skipped = _preamble(head)
        first, rest = head[skipped], itertools.chain(head[skipped + 1 :], handle)
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:  # Excel's delimiter hint line
        delimiter, header_line = first.strip()[4], next(rest, "")
    else:
        delimiter, header_line = _delimiter(first), first
    following: list[str] = []
    if delimiter == "," and ";" in first:  # commas inside one field of `a; b; c, d` lines: which splits every line?
        following = list(itertools.islice(rest, 5))  # read again below, as they were
        lines = [line for line in following if line.strip()]
        if lines and _steady(";", first, lines) and not _steady(",", first, lines):
            delimiter = ";"
    mended = _mended(itertools.chain([header_line], following, rest), delimiter)
    reader = csv.reader(mended, delimiter=delimiter, strict=True)
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as exc:
        raise InputError(f"{where} is not valid CSV: {exc} (line {reader.line_num})") from None
    finally:
        csv.field_size_limit(previous)
    if not any(header):
        handle.close()
        raise InputError(f"{where} has no CSV header line")
    records = f"CSV rows (after {skipped} preamble lines)" if skipped else "CSV rows"
    rows = _rows(reader, handle, len(header), where)
    filled = [cell for cell in header if cell]
    if delimiter != "," and len(filled) == 1 and header[0] == filled[0] and filled[0].count(",") >= 2:
        # a comma CSV saved again by a spreadsheet as one cell of a `;` file (each line `"a,b,c";;;;`): its rows
        header = [cell.strip() for cell in next(csv.reader([filled[0]]), [])]
        rows = _inner_rows(rows, len(header), where)
        records += f" (each one {delimiter!r}-separated cell holding a comma-separated row)"
    return Table(header, rows, records)


def _inner_rows(rows: Iterator[list[str]], width: int, where: str) -> Iterator[list[str]]:
    """The comma-separated rows the rows' first cells hold, one line each (a spreadsheet split a multi-line value
    over as many rows)."""
    inner = csv.reader((row[0] + "\n" for row in rows), strict=True)
    try:
        for cells in inner:
            if any(cell.strip() for cell in cells):
                yield (cells + [""] * width)[:width]
    except csv.Error as exc:
        raise InputError(f"{where} is not valid CSV inside its cells: {exc} (line {inner.line_num})") from None


_PREAMBLE_LINES = 40  # lines looked at for the header below a preamble


def _delimited(line: str) -> bool:
    """Whether a line splits into several cells by any delimiter outside quotes."""
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in _DELIMITERS:
            return True
    return False


def _preamble(head: list[str]) -> int:
    """How many lines come before a CSV's header: lines of one cell each (`"Date: 2025-11-25"`, `"Version: 7.1"`,
    a quoted note over several lines) above a header that the next row matches cell for cell; 0 when the file
    starts with its header."""
    text = "".join(head)
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
        records: list[tuple[int, int]] = []  # (first line, cells) of each record
        try:
            while True:
                start = reader.line_num
                row = next(reader, None)
                if row is None:
                    break
                records.append((start, len(row)))
        except csv.Error:
            continue
        for index, (start, cells) in enumerate(records[1:-1], 1):
            if cells >= 2 and records[index + 1][1] == cells and all(n <= 1 for _, n in records[:index]):
                return start
            if cells >= 2:
                break
    return 0


def _mended(lines: Iterator[str], delimiter: str) -> Iterator[str]:
    """CSV lines with each field that opens with a quoted part and goes on after it (`"Add to registry" button
    fails`, written by hand or by a tool that quotes nothing) quoted whole, its quotes doubled: read as people
    read it, where a strict reader stops at the line."""
    d = re.escape(delimiter)
    loose = re.compile(rf'(?:^|(?<={d}))("[^"\r\n]*"[^{d}"\r\n][^{d}\r\n]*)')
    inside = False  # within a quoted field that spans lines: such a line is no row of its own
    for line in lines:
        quotes = line.count('"')
        if not inside and quotes and quotes % 2 == 0 and loose.search(line) and not _parses(line, delimiter):
            line = loose.sub(lambda m: '"' + m.group(1).replace('"', '""') + '"', line)
        inside ^= quotes % 2 == 1
        yield line


def _parses(line: str, delimiter: str) -> bool:
    """Whether one CSV line, on its own, is well formed."""
    try:
        next(csv.reader([line], delimiter=delimiter, strict=True), None)
    except csv.Error:
        return False
    return True


def _rows(reader: Any, handle: TextIO, width: int, where: str) -> Iterator[list[str]]:
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        with handle:
            for row in reader:
                if any(cell.strip() for cell in row):
                    cells = [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row]
                    yield (cells + [""] * width)[:width]
    except csv.Error as exc:
        raise InputError(f"{where} is not valid CSV: {exc} (line {reader.line_num})") from None
    finally:
        csv.field_size_limit(previous)


def _steady(delimiter: str, first: str, lines: list[str]) -> bool:
    """Whether a delimiter splits the first line and the next ones into the same number of cells."""
    counts = {line.count(delimiter) for line in [first, *lines]}
    return len(counts) == 1 and counts != {0}


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
        labels=clean_labels(label for cell in table.every(row, columns.labels) for label in split_cell(cell, ",")),
        state=normalize_state(table.first(row, columns.state)),
        url=optional_text(table.first(row, columns.url)),
        created=optional_text(table.first(row, columns.created)),
        source=source,
    )
