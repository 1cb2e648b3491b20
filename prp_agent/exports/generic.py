"""Any CSV, JSON or JSON Lines file: fields inferred from the column or key names (a synonym table per field, in the
languages trackers export in) and the shape of the values; `--map FIELD=COLUMN` overrides any field and keeps the
rest inferred."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from prp_agent.errors import InputError
from prp_agent.exports.records import (
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    split_cell,
    title_text,
)
from prp_agent.exports.shape import FIELDS, ISSUE_LINK, Candidate, Mapping, flatten, guess_columns, infer_mapping
from prp_agent.exports.source import Table
from prp_agent.text import one_line

__all__ = ["MAP_FIELDS", "map_hint", "parse_mapping", "read_records", "read_table"]

MAP_FIELDS: tuple[str, ...] = FIELDS

_SAMPLE = 200

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


def map_hint(columns: dict[str, str]) -> str:
    """The --map line for a mapping (shown when a file needs one)."""
    return "--map " + ",".join(f"{name}={column}" for name, column in columns.items())


def _hint(names: list[str], sample: list[dict[str, Any]], inferred: dict[str, str]) -> str:
    guess = guess_columns(names, sample, inferred)
    if "title" not in guess:
        return "pass --map title=COLUMN,body=COLUMN"
    return f"if {guess['title']} holds the titles, pass {map_hint(guess)}"


def _check_given(given: dict[str, str], present: Callable[[str], bool], where: str, describe: str) -> None:
    for name, column in given.items():
        if not present(column):
            raise InputError(
                f"--map {name}={one_line(column, 40)}: {where} has no such column (it has {describe or 'none'})"
            )


def read_table(table: Table, where: str, given: dict[str, str] | None, fmt: str, options: ReadOptions) -> ExportRead:
    """A CSV read through its inferred (or given) columns."""
    given = given or {}
    _check_given(given, table.has, where, table.describe_columns())
    sample = [dict(zip(table.header, row, strict=False)) for row in table.sample(_SAMPLE)]
    mapping = infer_mapping(table.header, sample, given)
    if "title" not in mapping.columns and not given and (headless := _headerless(table)) is not None:
        rows, guessed = headless
        result = read_table(rows, where, guessed, fmt, options)
        names = ", ".join(f"{field}={column}" for field, column in guessed.items())
        result.warnings.insert(0, f"{where} has no header line (its first line is a row): columns guessed {names}")
        return result
    untitled = "title" not in mapping.columns and _keys_only(mapping, sample)
    if "title" not in mapping.columns and not untitled:
        raise InputError(
            f"{where}: no column reads as an issue title (it has {table.describe_columns()}); "
            f"{_hint(table.header, sample, mapping.columns)}"
        )
    sources = _sources(mapping, table.header, sample)

    def values(row: list[str]) -> Values:
        return _reader(sources, mapping.extras, lambda column: table.every(row, column))

    result = _collect(fmt, (values(row) for row in table.rows), options, untitled)
    result.mapping = _shown(mapping)
    result.inferred, result.records = True, table.records
    return result


def _headerless(table: Table) -> tuple[Table, dict[str, str]] | None:
    """A CSV with no header line (a database dump: `377,Parametrage reglementaire`) as a table whose first line is
    a row, its columns named `column 1`, `column 2`, … and guessed: the id is a column of distinct whole numbers, the
    title a column of short distinct text. None when the first line reads as names (no cell is a number)."""
    if len(table.header) < 2 or not any(cell.isdigit() for cell in table.header):
        return None
    names = [f"column {n}" for n in range(1, len(table.header) + 1)]
    first = list(table.header)
    rows = [first, *table.sample(_SAMPLE)]
    sample = [dict(zip(names, row, strict=False)) for row in rows]
    guess = guess_columns(names, sample, {})
    if "title" not in guess:
        return None
    ids = [n for n in names if n not in guess.values() and _whole_numbers([r[n] for r in sample if r.get(n)])]
    return Table(names, itertools.chain([first], table.rows), table.records), {
        **({"id": ids[0]} if ids else {}),
        **guess,
    }


def _whole_numbers(values: list[str]) -> bool:
    return bool(values) and all(v.strip().isdigit() for v in values) and len(set(values)) == len(values)


def read_records(
    candidate: Candidate, where: str, given: dict[str, str] | None, fmt: str, options: ReadOptions
) -> ExportRead:
    """JSON records read through their inferred (or given) keys (dotted paths reach nested values)."""
    given = given or {}
    sample = [flatten(record) for record in candidate.sample[:_SAMPLE]]
    keys = list(dict.fromkeys(key for record in sample for key in record))
    _check_given(given, lambda column: column in keys or column.lower() in {k.lower() for k in keys}, where,
                 ", ".join(keys[:6]))  # fmt: skip
    mapping = infer_mapping(keys, sample, _exact_keys(given, keys))
    if "title" not in mapping.columns:
        raise InputError(
            f"{where}: no key of {candidate.describe()} reads as an issue title; {_hint(keys, sample, mapping.columns)}"
        )
    sources = _sources(mapping, keys, sample)

    def values(record: dict[str, Any]) -> Values:
        flat = flatten(record)
        read = _reader(sources, mapping.extras, lambda column: _texts(flat.get(column)), flat.__contains__)
        if change := _change_kind(record):
            return lambda name: [change] if name == _CHANGE else read(name)
        if not _deleted(record):
            return read
        return lambda name: ["deleted"] if name == "state" else read(name)

    records = (_monogram(r) for r in candidate.records)
    result = _collect(fmt, (values(r) if isinstance(r, dict) else None for r in records), options)
    result.mapping = _shown(mapping)
    result.inferred, result.records = True, candidate.path or "top-level array"
    return result


# Keys that mark a record deleted when set (`"deleted_at": "2019-…"`, `"is_deleted": true`)
_DELETED_KEYS = ("deleted_at", "deletedAt", "deleted_on", "deletedOn", "deleted_date", "deletedDate", "deleted",
                 "is_deleted", "isDeleted", "trashed")  # fmt: skip


# what a record of a change request says it is: Bitbucket's `"type": "pullrequest"`, GraphQL's `__typename`
_CHANGE_TYPES = {"pullrequest": "pull request", "pull_request": "pull request", "pullrequestevent": "pull request",
                 "mergerequest": "merge request", "merge_request": "merge request"}  # fmt: skip
_CHANGE = "@change"  # the pseudo-field a record's change-request kind is read through


def _change_kind(record: dict[str, Any]) -> str:
    """ "pull request" or "merge request" when a record says it is one by its type, "" otherwise."""
    for key in ("type", "__typename", "kind", "object_kind"):
        value = record.get(key)
        if isinstance(value, str) and (kind := _CHANGE_TYPES.get(value.lower())):
            return kind
    return ""


def _deleted(record: dict[str, Any]) -> bool:
    """Whether a record says it stands for a deleted issue (a soft delete an API still returns)."""
    return any(record.get(key) not in (None, False, "", 0, "0", "false") for key in _DELETED_KEYS)


def _monogram(record: object) -> object:
    """A Phabricator task (Conduit's `maniphest.search`, Perceval's phabricator items) by its monogram, `T69`."""
    if isinstance(record, dict) and str(record.get("phid", "")).startswith("PHID-TASK-") and isinstance(
        record.get("id"), int):  # fmt: skip
        return {**record, "id": f"T{record['id']}"}
    return record


def _sources(mapping: Mapping, names: list[str], sample: list[dict[str, Any]]) -> dict[str, list[str]]:
    sources = {name: [column, *mapping.fallbacks.get(name, [])] for name, column in mapping.columns.items()}
    if mapping.secondary:
        sources["secondary"] = [mapping.secondary]
    # the repository of each row in an export that spans repositories (`repository: axios/axios`)
    repository = next((n for n in names if n.lower().replace("_", " ") in _REPOSITORY_COLUMNS and all(
        _OWNER_NAME.fullmatch(str(r.get(n) or "").strip()) for r in sample if r.get(n))), None)  # fmt: skip
    if repository is not None:
        sources["repository"] = [repository]
    return sources


_REPOSITORY_COLUMNS = {"repository", "repo", "repository name", "repository full name", "repo name", "full name"}
_OWNER_NAME = re.compile(r"(?<![\w.-])[\w.-]+/[\w.-]+")  # starts only at a token, so search is linear


_TITLED = "@titled"  # the pseudo-field saying whether the record holds a title field at all (empty or not)


def _reader(sources: dict[str, list[str]], extras: list[str], cell: Callable[[str], list[str]],
            has: Callable[[str], bool] = lambda _: True) -> Values:  # fmt: skip
    """A field's values in one row or record: from the first of its columns that has any; the body with the
    extra columns appended. `has` tells whether a record holds a column at all (a CSV row holds every one)."""

    def read(name: str) -> list[str]:
        if name == _TITLED:
            return ["yes"] if any(has(column) for column in sources.get("title", [])) else []
        found = next((found for column in sources.get(name, []) if (found := cell(column))), [])
        if name == "body" and extras:
            return [_with_extras(found[0] if found else "", [(c, " ".join(cell(c))) for c in extras])]
        return found

    return read


def _with_extras(body: str, extras: list[tuple[str, str]]) -> str:
    """The body with each extra column (acceptance criteria) appended under its name; `a|b|c` becomes a list."""
    parts = [body.strip()] if body.strip() else []
    for name, text in extras:
        text = text.strip()
        if text:
            items = text.split("|") if "|" in text and "\n" not in text else []
            parts.append(f"{name}:\n" + ("\n".join(f"- {i.strip()}" for i in items if i.strip()) if items else text))
    return "\n\n".join(parts)


def _shown(mapping: Mapping) -> dict[str, str]:
    shown = {name: mapping.shown(name) for name in mapping.columns}
    if mapping.secondary:
        shown["id"] += f" (told apart by {mapping.secondary})"
    if mapping.extras and "body" not in shown:
        shown["body"] = " + ".join(mapping.extras)
    return shown


def _exact_keys(given: dict[str, str], keys: list[str]) -> dict[str, str]:
    folded = {key.lower(): key for key in reversed(keys)}
    return {name: column if column in keys else folded.get(column.lower(), column) for name, column in given.items()}


_DELETED = {"tombstone", "deleted", "removed"}  # states of a record that stands for a deleted issue
_ITEM_TEXT = ("name", "title", "body", "text", "note", "description", "content", "comment")  # what an object says


def _texts(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            item = next((item[k] for k in _ITEM_TEXT if isinstance(item.get(k), str)), item)
        text = as_text(item)
        if text.strip():
            texts.append(text)
    return texts


def _first(values: Values, name: str) -> str:
    return next(iter(values(name)), "")


# A change request's page, not an issue's: `github.com/o/r/pull/7`, `gitlab.com/g/p/-/merge_requests/7`
_CHANGE_LINK = re.compile(r"^https?://[^\s?#]+/(pull|pulls|merge_requests)/\d+/?$", re.I)
# The repository an issue link names: `github.com/owner/repo/issues/7`, `gitlab.com/group/project/-/issues/7`
_LINK_REPOSITORY = re.compile(r"^https?://[^/\s]+/([^\s?#]+?)(?:/-)?/(?:issues?|tickets?|work_?items?)/\d+", re.I)


def _keys_only(mapping: Mapping, sample: list[dict[str, Any]]) -> bool:
    """Whether rows with no title column are issues named by their keys alone (`CRAZY-1787362`: a tracker's report
    of keys and dates): every id is a tracker's `KEY-n`."""
    ids = [str(r.get(mapping.columns["id"]) or "").strip() for r in sample] if "id" in mapping.columns else []
    return len(ids) >= 2 and all(_TRACKER_KEY.fullmatch(i) for i in ids)


_TRACKER_KEY = re.compile(r"[A-Z][A-Z0-9_]{0,19}-\d{1,9}")


def _collect(fmt: str, rows: Iterable[Values | None], options: ReadOptions, untitled: bool = False) -> ExportRead:
    out = Collector(fmt, options, keys_identify=False)
    repositories: dict[str, str] = {}  # issue number → the repository its first row's link names
    rows = iter(rows)
    head = list(itertools.islice(rows, 50))
    spread = len({_repository(v) for v in head if v is not None} - {""}) > 1  # numbers only mean something per repo
    for row_no, values in enumerate(itertools.chain(head, rows), 1):
        if values is None:
            out.skip(f"ROW-{row_no}", "not a JSON object")
            continue
        link = _first(values, "url").strip()
        raw_id = _first(values, "id").strip() or (link if ISSUE_LINK.match(link) else "")
        if linked := ISSUE_LINK.match(raw_id):  # `…/issues/30` names issue #30
            raw_id = f"#{linked.group(1)}"
        change = _CHANGE_LINK.match(link)
        if change and (not raw_id or link.rstrip("/").endswith(f"/{raw_id.lstrip('#')}")):
            # the row is the pull or merge request its link names (a bug's own URL field may point at one)
            kind = "merge request" if change.group(1).lower() == "merge_requests" else "pull request"
            out.skip(raw_id or link, kind)
            continue
        if said := _first(values, _CHANGE):  # a record that says it is one (`"type": "pullrequest"`)
            out.skip(raw_id or f"ROW-{row_no}", said)
            continue
        raw_id = _qualified(raw_id, link, repositories, _first(values, "repository").strip(), spread)
        secondary = _first(values, "secondary").strip()
        title = title_text(_first(values, "title"))
        if not raw_id and (named := _KEYED_TITLE.match(title)):  # `ASOC-28: User searches…`, `[PRM-1] Freeze…`
            raw_id = named.group(1) or named.group(2)  # the key; a title someone typed so stays as written, a
            title = named.group(3) if fmt == "xml" else title  # feed item's title made of key and summary does not
        if _first(values, "state").strip().lower() in _DELETED:
            out.skip(raw_id or f"ROW-{row_no}", "deleted")  # a tombstone kept so that sync can delete it elsewhere
            continue
        labels = (label for cell in values("labels") for label in split_cell(cell))
        out.add(
            untitled=untitled,
            keyed=bool(raw_id) and bool(values(_TITLED)),  # an empty title, not a record of another kind
            issue=TrackerIssue(
                key=out.key(raw_id, row_no, title),
                id=secondary or raw_id or str(row_no),
                title=title,
                body=_first(values, "body"),
                labels=clean_labels(labels),
                state=normalize_state(_first(values, "state")),
                comments=tuple(comment.strip() for comment in values("comments")),
                url=link or None,
                created=_first(values, "created").strip() or None,
                source=fmt,
            ),
        )
    return out.result


# A title that starts with its issue's key, where the record has no id of its own: `ASOC-28: summary`, `[WEB-7] summary`
_KEYED_TITLE = re.compile(r"^(?:([A-Z][A-Z0-9]{1,9}-\d{1,7}):|\[([A-Z][A-Z0-9]{1,9}-\d{1,7})\])[ \t]+(\S.*)$", re.S)


def _repository(values: Values) -> str:
    """The repository a row's issue link names, else its repository column ("" when neither)."""
    named = _LINK_REPOSITORY.match(_first(values, "url").strip())
    return named.group(1) if named is not None else _first(values, "repository").strip()


def _qualified(raw_id: str, link: str, repositories: dict[str, str], repository: str = "", spread: bool = False) -> str:
    """An issue number named with its repository (`acme/web#12`) in an export that spans repositories (`spread`:
    its first rows name several), else only where an earlier row of another repository used it: such exports
    repeat numbers, and each is its own issue. The repository is the one the row's link names, else its
    repository column."""
    number = raw_id.lstrip("#")
    named = _LINK_REPOSITORY.match(link)
    if named is not None and link.rstrip("/").endswith(f"/{number}"):
        repository = named.group(1)
    if not number.isdigit() or not repository:
        return raw_id
    first = repositories.setdefault(number, repository)
    return f"{repository}#{number}" if spread or first != repository else raw_id
