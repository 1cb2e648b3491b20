"""Export records: the issue, the result of reading an export, and the helpers every format reader shares."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from prp_agent.text import loads_json, one_line

__all__ = [
    "CSV_ONLY",
    "FORMATS",
    "FORMAT_NAMES",
    "JSON_ONLY",
    "KEEP_ALL",
    "Collector",
    "ExportRead",
    "ReadOptions",
    "TrackerIssue",
    "as_text",
    "clean_labels",
    "normalize_state",
    "optional_text",
    "split_cell",
    "title_text",
]

FORMATS: tuple[str, ...] = (
    "github", "gitlab", "jira", "linear", "azure", "trello", "asana", "plane", "pivotal", "shortcut", "youtrack",
    "redmine", "csv", "jsonl", "xml",
)  # fmt: skip

# How each format is named in messages.
FORMAT_NAMES: dict[str, str] = {
    "github": "GitHub", "gitlab": "GitLab", "jira": "Jira", "linear": "Linear", "azure": "Azure DevOps",
    "trello": "Trello", "asana": "Asana", "plane": "Plane", "pivotal": "Pivotal Tracker", "shortcut": "Shortcut",
    "youtrack": "YouTrack",
    "redmine": "Redmine", "csv": "CSV", "jsonl": "JSON Lines",
    # Readers chosen from the content only (no --format of their own).
    "xml": "XML", "rss": "RSS", "atom": "Atom", "bugzilla": "Bugzilla", "text": "text",
}  # fmt: skip
# Formats that only come as JSON, and those prp-agent reads only as CSV.
JSON_ONLY: frozenset[str] = frozenset({"github", "trello", "jsonl"})
CSV_ONLY: frozenset[str] = frozenset({"asana", "plane", "pivotal", "shortcut", "youtrack", "redmine", "csv"})
XML_ONLY: frozenset[str] = frozenset({"xml"})

_MAX_KEY = 200
_MOJIBAKE = re.compile("Ã[\u00a0-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2020-\u2122]")


@dataclass(frozen=True)
class TrackerIssue:
    """One issue from an export; its text is untrusted data, carried verbatim and never interpreted."""

    key: str
    id: str
    title: str
    body: str
    labels: tuple[str, ...]
    state: str
    comments: tuple[str, ...] = ()
    url: str | None = None
    created: str | None = None
    source: str = ""
    body_chars: int = -1  # the body's length when the body itself was not kept (listing a large export)
    parent: str | None = None  # the key of the issue this one is a sub-task of
    kind: str | None = None  # the tracker's issue type (Story, Bug, Sub-task), when the export says it

    @property
    def size(self) -> int:
        """The body's length in characters."""
        return self.body_chars if self.body_chars >= 0 else len(self.body)


@dataclass
class ExportRead:
    """What reading one export produced: issues in export order, what was dropped or noticed on the way, and how it
    was read: the reader, where the records were (`data.issues.nodes`), and which column or key gave each field."""

    format: str
    issues: list[TrackerIssue]
    duplicates: list[str]
    skipped: list[tuple[str, str]]
    warnings: list[str]
    records: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    inferred: bool = False
    count: int = 0  # issues read (they are in `issues` unless they went to a sink)

    def describe(self) -> str:
        """How the export was read, in one line."""
        where = f"records ← {self.records or '(top level)'}" if self.records else ""
        fields = ", ".join(f"{name} ← {column}" for name, column in self.mapping.items())
        how = "inferred" if self.inferred else "the tracker's own fields"
        base, _, variant = self.format.partition(" ")
        generic = {"csv": "generic CSV", "jsonl": "generic JSON", "xml": "generic XML", "text": "generic text"}
        name = generic.get(base) or FORMAT_NAMES.get(
            base, base)  # fmt: skip
        variant = {"perceval": "Perceval", "xml": "XML"}.get(variant, variant)
        reader = f"{name} {variant} reader".replace("  ", " ")
        return "; ".join(part for part in (f"{reader} ({how})", where, fields) if part)


@dataclass(frozen=True)
class ReadOptions:
    """How a reader hands over issues: with their bodies or only their lengths (listing), kept in the result or
    passed one by one to `sink` as they are read (a large export is then never held whole)."""

    keep_bodies: bool = True
    sink: Callable[[TrackerIssue], None] | None = None


KEEP_ALL = ReadOptions()


# Why a tracker's issues may come without their titles, for the warning that says they were kept
_UNTITLED_HINTS = {
    "jira": " (Jira's `fields=` left `summary` out?)",
    "github": " (`gh issue list --json` without `title`?)",
}


class Collector:
    """Gathers issues in export order: repeated keys are dropped and listed, untitled entries skipped."""

    def __init__(self, fmt: str, options: ReadOptions = KEEP_ALL, *, keys_identify: bool = True) -> None:
        self.result = ExportRead(format=fmt, issues=[], duplicates=[], skipped=[], warnings=[])
        self.options = options
        self._titles: dict[str, int] = {}  # key → a fingerprint of its title
        self._garbled = False
        self._untitled = False
        self.keys_identify = keys_identify  # a tracker's own key names one issue; an inferred id column may not
        self._used: dict[str, dict[str, int]] = {}  # field → the keys it was read from, with how often

    def pick(self, field: str, item: dict[str, Any], *names: str) -> Any:
        """The first of `names` the record has a value for (None when none), remembering which one gave `field`:
        the "read as" line then names the keys the file has, not those the tracker's API documents."""
        for name in names:
            value = item.get(name)
            if value not in (None, "", [], {}):
                self.read_from(field, name)
                return value
        self.read_from(field, None)
        return None

    def read_from(self, field: str, name: str | None) -> None:
        """Remember that a record gave `field` from `name` (None: from nothing)."""
        used = self._used.setdefault(field, {})
        if name is not None:
            used[name] = used.get(name, 0) + 1

    def mapping(self, documented: dict[str, str]) -> dict[str, str]:
        """`documented` with every field read through `pick` shown as it was read: the key used (`url`, or
        `html_url | url` when records differ), or left out when no record had one."""
        shown = {}
        for name, source in documented.items():
            used = self._used.get(name)
            if used is None:
                shown[name] = source
            elif used:
                shown[name] = " | ".join(sorted(used, key=lambda key: -used[key]))
        return shown

    def key(self, raw: str, row: int, title: str = "") -> str:
        """The issue's key as the tracker wrote it (one line, no control characters). Without one, a key made from
        the position and the title (`3-export-orders`), stable as long as the export is; ROW-n without a title.

        Keys are compared exactly: `X/1` and `X-1` are two issues. File names are made from keys elsewhere.
        """
        key = one_line(raw, _MAX_KEY)
        if key:
            return key
        ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
        slug = "-".join(re.findall(r"[a-z0-9]+", ascii_title))[:32].strip("-")
        return f"{row}-{slug}" if slug else f"ROW-{row}"

    def add(self, issue: TrackerIssue, untitled: bool = False, keyed: bool = False) -> None:
        """Keep an issue unless it repeats an earlier entry's key, or has neither a title nor a key of its own. A
        tracker's key names one issue: a repeat is a duplicate (a title changed between two pages of an export is
        said in a warning). A key from an inferred column may not: a repeat under another title is kept as `KEY#2`
        (`#3`, …), and said.

        `untitled`: the entry is an issue whatever its title (a Jira issue fetched without its summary field): kept
        with an empty title, and said once. An entry whose title field is there but empty, and whose key the file
        gives (`keyed`, a key with a digit: `INC0001504`, `101`), is kept the same way, and said once."""
        given = untitled
        if not issue.title and not untitled:
            if not (keyed and any(c.isdigit() for c in issue.key)):
                self.skip(issue.key, "no title")
                return
            untitled = True
        if not issue.title and not self._untitled:
            self._untitled = True
            hint = _UNTITLED_HINTS.get(self.result.format, "")
            if given:
                self.warn(f"{issue.key} and any other issue without a title were fetched without their title field"
                          f"{hint}: kept, each named by its key")  # fmt: skip
            else:
                self.warn(f"{issue.key} and any other issue whose title is empty: kept, each named by its key")
        first = self._titles.get(issue.key)
        if first is not None and (self.keys_identify or first == _fingerprint(issue.title, issue.id)):
            self.result.duplicates.append(issue.key)
            if self.keys_identify and first != _fingerprint(issue.title, issue.id):
                self.result.warnings.append(f"{issue.key} appears again with another title; the first was kept")
            return
        if first is not None:
            n = 2
            while f"{issue.key}#{n}" in self._titles:
                n += 1
            self.result.warnings.append(f"{issue.key} appears again as another issue: kept as {issue.key}#{n}")
            issue = replace(issue, key=f"{issue.key}#{n}")
        self._titles[issue.key] = _fingerprint(issue.title, issue.id)
        self.result.count += 1
        if not self._garbled and _MOJIBAKE.search(issue.title):
            self._garbled = True
            self.warn(f"{issue.key}: the title looks double-encoded ({one_line(issue.title, 60)!r}): the file holds "
                      "text that was already mis-decoded once; it is carried as written")  # fmt: skip
        if not self.options.keep_bodies:
            issue = replace(issue, body="", comments=(), body_chars=len(issue.body))
        if self.options.sink is not None:
            self.options.sink(issue)
        else:
            self.result.issues.append(issue)

    def numbered(self, items: Iterable[object], field: str, missing: str) -> Iterator[tuple[int, dict[str, Any], str]]:
        """(row, entry, id) for JSON entries carrying `field`; others are recorded as skipped."""
        for row_no, item in enumerate(items, 1):
            if not isinstance(item, dict):
                self.skip(f"ROW-{row_no}", "not a JSON object")
                continue
            ident = as_text(item.get(field)).strip()
            if not ident:
                self.skip(f"ROW-{row_no}", missing)
                continue
            yield row_no, item, ident

    def skip(self, key: str, reason: str) -> None:
        """Record an entry that is not an issue to draft."""
        self.result.skipped.append((key, reason))

    def warn(self, message: str) -> None:
        """Record something the reader noticed but could work around."""
        self.result.warnings.append(message)


def _fingerprint(title: str, ident: str) -> int:
    return hash((" ".join(title.lower().split()), ident))


def as_text(value: object) -> str:
    """Any JSON or CSV value as text: None is empty, numbers as written, nested values as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def optional_text(value: object) -> str | None:
    """Text of a value, or None when it is missing or blank."""
    text = as_text(value).strip()
    return text or None


def title_text(value: object) -> str:
    """A title on one line: surrounding and repeated whitespace (newlines included) collapsed."""
    return " ".join(as_text(value).split())


def normalize_state(value: object) -> str:
    """Lower-case state; GitLab's "opened" becomes "open"."""
    state = " ".join(as_text(value).split()).lower()
    return "open" if state == "opened" else state


def clean_labels(values: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty labels without repeats, in first-seen order; quotes around a label (`"bug"`, `'bug'`,
    left by a list written into one cell) are dropped."""
    seen: dict[str, None] = {}
    for value in values:
        label = " ".join(value.split())
        while len(label) >= 2 and label[0] == label[-1] and label[0] in "\"'":
            label = label[1:-1].strip()
        if label:
            seen.setdefault(label, None)
    return tuple(seen)


def split_cell(cell: str, separators: str = ",;") -> list[str]:
    """The items of a multi-valued cell: `a, b`, `a; b`, or a list written as JSON or Python (`["a", "b"]`)."""
    text = cell.strip()
    if text.startswith("[") and text.endswith("]"):
        for candidate in (text, text.replace("'", '"')):
            try:
                value = loads_json(candidate)
            except ValueError:
                continue
            if isinstance(value, list):
                return [as_text(v.get("name") if isinstance(v, dict) else v) for v in value]
        text = text[1:-1]
    return re.split(f"[{re.escape(separators)}]", text)
