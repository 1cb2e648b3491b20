"""read_export: load a file, find its records, tell its tracker from the content (never the file name), and read it
with that tracker's reader — or, for any other export, with fields inferred from names and values.

It explains itself: the result names the reader, where the records were and which column gave each field, and a
file nothing fits is one line listing the candidates it saw and the `--map` line that would read the best one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from prp_agent.errors import InputError
from prp_agent.exports.azure import is_azure_record, is_azure_table, read_azure, read_azure_table
from prp_agent.exports.feeds import read_bugzilla_xml, read_feed, read_jira_xml
from prp_agent.exports.generic import map_hint, read_records, read_table
from prp_agent.exports.github import read_github
from prp_agent.exports.gitlab import read_gitlab, read_gitlab_table
from prp_agent.exports.jira import COLUMNS as JIRA_COLUMNS
from prp_agent.exports.jira import read_jira, read_jira_table
from prp_agent.exports.linear import is_linear_record, read_linear, read_linear_table
from prp_agent.exports.profiles import PROFILES, Profile, detect_profile, read_profile
from prp_agent.exports.records import (
    CSV_ONLY,
    FORMAT_NAMES,
    FORMATS,
    JSON_ONLY,
    XML_ONLY,
    ExportRead,
    ReadOptions,
    TrackerIssue,
)
from prp_agent.exports.shape import (
    TYPED_ISSUE_LISTS,
    Candidate,
    empty_collection,
    etl_candidate,
    etl_log,
    find_records,
    flatten,
    guess_columns,
    infer_mapping,
    is_perceval,
    jira_issue,
    named_by_text,
    not_an_issue,
    one_issue,
    references_only,
    unwrap_all,
    wrapped_issue,
)
from prp_agent.exports.source import Content, JsonDoc, JsonLines, Table, json_in_xml, load, shown
from prp_agent.exports.trello import card_board, is_trello_board, is_trello_card, read_trello
from prp_agent.exports.wrapped import deleted_keys, recorded_bodies
from prp_agent.exports.xmldoc import XmlDoc

__all__ = ["read_export"]

TableReader = Callable[[Table, str, ReadOptions], ExportRead]
RecordReader = Callable[[Iterable[object], str, ReadOptions], ExportRead]


def _profile_reader(profile: Profile, table: Table, where: str, options: ReadOptions) -> ExportRead:
    return read_profile(profile, table, where, options)


_TABLE_READERS: dict[str, TableReader] = {
    "gitlab": read_gitlab_table,
    "jira": read_jira_table,
    "linear": read_linear_table,
    "azure": read_azure_table,
    **{profile.name: partial(_profile_reader, profile) for profile in PROFILES},
}


_RECORD_READERS: dict[str, RecordReader] = {
    "github": read_github,
    "gitlab": read_gitlab,
    "jira": read_jira,
    "linear": read_linear,
    "azure": read_azure,
}
_PERCEVAL = {"github": "github", "gitlab": "gitlab", "jira": "jira"}
_SAMPLE = 50
_ETL_SAMPLE = 2000  # lines of an ETL message log looked at for its streams (users and projects come first)


def read_export(
    path: str | Path,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    *,
    keep_bodies: bool = True,
    sink: Callable[[TrackerIssue], None] | None = None,
) -> ExportRead:
    """Read an issue-tracker export. Its format is told from the content unless `fmt` names one; `mapping` (from
    --map) sets fields and the rest are inferred. `keep_bodies=False` keeps only each body's length (listing);
    with a `sink`, each issue goes to it as it is read instead of into the result (CSV and JSON Lines are then
    read in bounded memory)."""
    fmt = fmt.strip().lower()
    if fmt not in ("auto", *FORMATS):
        raise InputError(f"unknown export format {fmt!r}: choose auto, {', '.join(FORMATS)}")
    if mapping and fmt not in ("auto", "csv", "jsonl", "xml"):
        raise InputError(f"--map applies to the csv, jsonl and xml formats (or auto), not {fmt}")
    where = shown(path)
    options = ReadOptions(keep_bodies=keep_bodies, sink=sink)
    content, warnings = load(Path(path), where)
    if isinstance(content, Table):
        result = _read_table(content, where, fmt, mapping, options)
    elif isinstance(content, XmlDoc):
        try:
            result = _read_xml(content, where, fmt, mapping, options)
        except InputError:
            if mapping or (embedded := json_in_xml(content.path, content.offset, where)) is None:
                raise
            result = _read_json(embedded, where, "auto", None, options)
    else:
        result = _read_json(content, where, fmt, mapping, options)
    result.warnings[:0] = warnings
    if not result.count and not result.issues:
        raise InputError(_nothing_read(where, content, result))
    return result


def _nothing_read(where: str, content: Content, result: ExportRead) -> str:
    """Why a read found no issue, in one line: what was read, what it saw, and how to say where the issues are."""
    if isinstance(content, Table):
        saw = f"columns {', '.join(content.header[:8])}" + (" …" if len(content.header) > 8 else "")
    elif isinstance(content, XmlDoc):
        keys = list(dict.fromkeys(k for r in content.sample[:20] for k in r))[:8]
        saw = f"<{content.shown_path}> elements" + (f" with {', '.join(keys)}" if keys else "")
    else:
        sample = content.value if isinstance(content, JsonDoc) else None
        keys = list(sample)[:8] if isinstance(sample, dict) else []
        saw = f"records at {result.records or 'the top level'}" + (f", keys {', '.join(keys)}" if keys else "")
    if result.skipped:  # every record was read and dropped, each for a reason
        reasons: dict[str, int] = {}
        for _, reason in result.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        return f"{where} holds no issues to draft (skipped: {', '.join(f'{r} × {n}' for r, n in reasons.items())})"
    return (f"{where}: no issue was read ({result.describe()}; it saw {saw}); if the issues are there, say which "
            "fields hold them with --map title=FIELD,body=FIELD")  # fmt: skip


def detect_table(table: Table) -> str | None:
    """The tracker whose CSV export this table looks like, or None."""
    if table.has("IID") and table.has("Title") and table.has("URL"):
        return "gitlab"  # the work items export (18.4+): ID is global, IID the project's number
    if table.has("Issue ID") and (table.has("URL") or table.has("Created At (UTC)")) and table.has("Title"):
        return "gitlab"
    profile = detect_profile(table)
    jira_only = table.column(*JIRA_COLUMNS["key"], *JIRA_COLUMNS["type"], "Project key")
    if profile is not None and profile.name == "youtrack" and jira_only is None:
        return "youtrack"
    summary, key = table.column(*JIRA_COLUMNS["summary"]), table.column(*JIRA_COLUMNS["key"])
    if (summary and (key or (table.column(*JIRA_COLUMNS["id"]) and table.has("Issue Type")))) or (
        key and table.column(*JIRA_COLUMNS["type"])
    ):
        return "jira"  # a key and an issue type without a summary: Jira's reader names what is missing
    if table.has("ID") and table.has("Title") and table.has("Team"):
        return "linear"
    if is_azure_table(table):
        return "azure"
    return profile.name if profile is not None else None


def _read_table(table: Table, where: str, fmt: str, mapping: dict[str, str] | None, options: ReadOptions) -> ExportRead:
    if fmt in JSON_ONLY or fmt in XML_ONLY:
        kind = "XML" if fmt in XML_ONLY else "JSON"
        raise InputError(f"{where} is CSV; {FORMAT_NAMES[fmt]} exports are {kind}: use --format csv or auto")
    tracker = fmt if fmt in _TABLE_READERS else (detect_table(table) if fmt == "auto" and not mapping else None)
    if (
        tracker is None
        and not mapping
        and (
            cases := _test_cases(table)
            or _time_entries(table)
            or _line_items(table)
            or _people(table)
            or _names(table)
            or _field_schema(table)
        )
    ):
        raise InputError(f"{where} lists {cases}, not issues: export the issues (or pass --map to read it anyway)")
    if tracker == "gitlab" and table.has("IID"):
        result = _gitlab_work_items(table, where, options)
    elif tracker is not None:
        result = _TABLE_READERS[tracker](table, where, options)
    else:
        return read_table(table, where, mapping, "csv", options)
    result.records = result.records or table.records
    return result


def _test_cases(table: Table) -> str | None:
    """What a test-case manager's export is (TestRail's suites and sections, a `Steps`/`Expected Result` table):
    test cases look like issues, an id and a title, but a PRP is not drafted from one."""
    if table.column("Suite", "Suite ID") and table.has("Section") and table.has("Title"):
        return "test cases (TestRail: Suite, Section, Title)"
    if (
        table.column("Steps", "Test Steps", "Steps (Step)")
        and table.column("Expected Result", "Expected Results", "Expected", "Steps (Expected Result)")
        and not table.column("Actual", "Actual Result", "Actual Results", "Actual Behavior", "Actual Behaviour")
    ):  # a bug report has steps and an expected result too, beside what actually happened
        return "test cases (Steps and Expected Result columns)"
    return None


# A time report's columns: how long, and the issue each entry was logged on
_DURATIONS = ("duration", "time spent", "timespent", "spent time", "hours", "minutes", "work time", "logged time",
              "time logged", "worked", "spent", "total hours", "hours worked", "billable hours")  # fmt: skip
_ISSUE_REFERENCES = ("issueId", "issue id", "issue key", "issue", "ticket", "ticket id", "task", "task id", "key",
                     "task name", "issue summary")  # fmt: skip
# an issue named in a time entry: `SHOP-12`, `#7`, or `SHOP-12 - Checkout total` as timesheets write it
_REFERENCE = re.compile(r"(?:#?\d+|[A-Z][A-Z0-9_]*-\d+)(?:[ \t]+[-–:][ \t]+[^\n]*)?")


def _time_entries(table: Table) -> str | None:
    """What a time report is (YouTrack's and Jira's worklogs, Harvest, Toggl): entries of time logged on issues,
    an issue named on several rows, beside a duration column; an issue export names each issue once."""
    duration = table.column(*_DURATIONS)
    reference = table.column(*_ISSUE_REFERENCES)
    if duration is None or reference is None:
        return None
    values = [v for row in table.sample(200) for v in table.every(row, reference)[:1]]
    if len(values) < 5 or not all(_REFERENCE.fullmatch(v.strip()) for v in values):
        return None
    repeated = len(set(values)) * 10 < len(values) * 7  # fewer than 7 distinct issues in 10 rows
    return f"time entries (a work log: `{duration}` logged on `{reference}`)" if repeated else None


_STATE_COLUMNS = ("status", "state", "issue status", "workflow state")  # a state says issue, whatever else is there


def _line_items(table: Table) -> str | None:
    """What a bill of quantities, an order or an invoice is: rows with a quantity and a price or amount, and no
    state; an issue has no quantity."""
    words = {name: set(re.split(r"[^a-z]+", name.lower())) for name in table.header}
    quantity = next((n for n, w in words.items() if w & {"quantity", "qty"}), None)
    money = next((n for n, w in words.items() if w & {"price", "amount", "rate", "cost", "subtotal"}), None)
    if quantity is None or money is None or table.column(*_STATE_COLUMNS):
        return None
    return f"line items (`{quantity}` and `{money}`: quantities and prices)"


def _people(table: Table) -> str | None:
    """What a user or employee list is: a person's first and last name (or an e-mail and a phone) on each row, and
    no state; its `title` is a job title. An issue's reporter is one column, not a name split in two."""
    first = table.column("first_name", "first name", "firstname", "given name", "given_name")
    last = table.column("last_name", "last name", "lastname", "surname", "family name", "family_name")
    contact = table.column("email", "e-mail", "email address") and table.column("phone", "phone number", "mobile")
    if not ((first and last) or contact) or table.column(*_STATE_COLUMNS):
        return None
    return f"people (`{first}` and `{last}`: names of persons)" if first and last else "people (e-mails and phones)"


# The columns of a table that describes fields (a schema, a data dictionary), not records
_SCHEMA_COLUMNS = {"name", "field", "field name", "column", "type", "data type", "description", "aggregatable",
                   "searchable", "nullable", "required", "default", "length", "format", "example", "unique", "indexed",
                   "label", "notes"}  # fmt: skip


def _field_schema(table: Table) -> str | None:
    """What a table of field definitions is (`name,type,aggregatable,description`: each row a field of the issues,
    none an issue)."""
    columns = {name.strip().lower() for name in table.header if name.strip()}
    if {"type"} <= columns and columns & {"name", "field", "field name", "column"} and columns <= _SCHEMA_COLUMNS:
        return f"field definitions (columns {', '.join(table.header[:6])})"
    return None


def _names(table: Table) -> str | None:
    """What a table whose only issue-like column is a `Name` is (`NAME;MONTHS`: a catalog of things): an issue has
    a key, a description, a state, a link or a date beside its title."""
    sample = [dict(zip(table.header, row, strict=False)) for row in table.sample(50)]
    if not _only_a_name(infer_mapping(table.header, sample).columns if sample else {}):
        return None
    return f"records that have a name and nothing an issue has (columns {', '.join(table.header[:6])})"


def _gitlab_work_items(table: Table, where: str, options: ReadOptions) -> ExportRead:
    renamed = Table([("Issue ID" if name.strip() == "IID" else "Global ID" if name.strip() == "ID" else name)
                     for name in table.header], table.rows, table.records)  # fmt: skip
    result = read_gitlab_table(renamed, where, options)
    result.mapping["id"] = "IID"
    return result


# Lists an API names for what they hold, which is not issues (Redmine's `{"projects": [...]}`, `/users.json`)
_OTHER_LISTS = {name + "s": name for name in (
    "project", "user", "member", "membership", "label", "milestone", "version", "component", "board", "sprint", "team",
    "group", "organization", "workspace", "repository", "release", "tag", "status", "priority", "tracker",
    "time_entry", "custom_field", "webhook", "pipeline", "deployment", "commit", "branch", "field",
    "column")}  # fmt: skip
_OTHER_LISTS |= {"repositories": "repository", "time_entries": "time entry", "statuses": "status",
                 "priorities": "priority", "branches": "branch"}  # fmt: skip


# The fields `gh issue list --json` gives besides the title
_GH_JSON_FIELDS = {"number", "url", "state", "labels", "assignees", "author", "body", "closed", "closedAt", "comments",
                   "createdAt", "id", "isPinned", "milestone", "projectCards", "projectItems", "reactionGroups",
                   "stateReason", "updatedAt"}  # fmt: skip


def _hal_kind(value: object) -> str | None:
    """The kind a HAL document (OpenProject's API) says it is, when that is a project, a user, a membership or
    another record no issue is: `{"_type": "Membership", …}`; None otherwise."""
    kind = value.get("_type") if isinstance(value, dict) else None
    if not isinstance(kind, str):
        return None
    plural = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", kind).lower() + "s"
    return kind if plural in _OTHER_LISTS or plural.replace("ys", "ies") in _OTHER_LISTS else None


def _trello_cards(value: object) -> bool:
    """A top-level array of Trello cards (a list's or a board's `/cards`), most of a sample of them cards."""
    sample = value[:50] if isinstance(value, list) else []
    return bool(sample) and sum(is_trello_card(v) and "idShort" in v for v in sample) * 2 > len(sample)


def _tracker(sample: list[dict[str, Any]]) -> str | None:
    """The tracker a sample of records comes from (None: read by inference)."""
    if not sample:
        return None
    backends = {str(r.get("backend_name", "")).lower() for r in sample if is_perceval(r)}
    if len(backends) == 1 and sum(is_perceval(r) for r in sample) * 2 > len(sample):
        return "perceval:" + backends.pop()  # a backend without a reader of ours is read by inference
    for test, name in ((is_azure_record, "azure"), (is_linear_record, "linear")):
        if sum(test(r) for r in sample) * 2 > len(sample):
            return name
    if any("key" in r and isinstance(r.get("fields"), dict | type(None)) and "fields" in r for r in sample):
        return "jira"
    if sum(jira_issue(r) for r in sample) * 2 > len(sample):  # a search that asked for no fields: keys and links
        return "jira"
    if any(("number" in r and "title" in r) or "pull_request" in r for r in sample):
        return "github"  # a `number` beside another field as title (Sifter's `subject`) is read by inference
    if all(isinstance(r.get("number"), int) and set(r) <= _GH_JSON_FIELDS for r in sample):
        return "github"  # `gh issue list --json number,url,state`: GitHub's fields, the title left out
    if any("iid" in r for r in sample) or any("/-/issues/" in str(r.get("web_url", "")) for r in sample):
        return "gitlab"
    if any(
        "project_id" in r and "title" in r and ("description" in r or "closed" in r) and ("state" in r or "author" in r)
        for r in sample
    ):
        return "gitlab"  # API v3 objects: no iid, no web_url (Vikunja's tasks have a project, no state or author)
    return None


def _read_json(content: JsonDoc | JsonLines, where: str, fmt: str, mapping: dict[str, str] | None,
               options: ReadOptions) -> ExportRead:  # fmt: skip
    if isinstance(content, JsonDoc) and content.bodies and isinstance(content.value, list):
        content = _recording((content.value, len(content.value)), where, "text recording")
    elif isinstance(content, JsonDoc) and (recorded := recorded_bodies(content.value)):
        if content.stream is not None:  # a large recording: its bodies are read whole (the sketch cut their lists)
            recorded = recorded_bodies(next(content.stream.items(""), None)) or recorded
        content = _recording(recorded, where, deleted=deleted_keys(content.value))
    result = _read_json_records(content, where, fmt, mapping, options, content.generic if isinstance(
        content, JsonDoc) else "jsonl")  # fmt: skip
    if isinstance(content, JsonDoc) and content.origin:
        result.records = f"{content.origin} → {result.records.replace('top-level array', 'their issues')}"
    return result


def _read_json_records(content: JsonDoc | JsonLines, where: str, fmt: str, mapping: dict[str, str] | None,
                       options: ReadOptions, generic: str) -> ExportRead:  # fmt: skip
    if fmt == "xml" and generic == "xml":  # JSON an XML document keeps: read as such
        fmt = "auto"
    if fmt in XML_ONLY:
        raise InputError(f"{where} is JSON, not XML: use --format jsonl or auto")
    if fmt in CSV_ONLY:
        what = "not CSV" if fmt == "csv" else f"and {FORMAT_NAMES[fmt]} exports are read as CSV"
        raise InputError(f"{where} is JSON, {what}: use --format jsonl or auto")
    if isinstance(content, JsonDoc) and fmt in ("trello", "auto") and is_trello_card(content.value):
        result = read_trello(card_board(content.value), where, options)  # type: ignore[arg-type]
        result.records = "(the whole document: one card)"
        return result
    value = content.value if isinstance(content, JsonDoc) and content.stream is None else None
    if (
        fmt in ("trello", "auto")
        and isinstance(value, dict)
        and not is_trello_board(value)
        and (_trello_cards(value.get("cards")))
    ):
        result = read_trello({"cards": value["cards"]}, where, options)  # `/1/search`: `{options, cards}`
        result.records = "cards"
        result.mapping = {k: v for k, v in result.mapping.items() if k not in ("state", "comments")}  # no lists
        return result
    if isinstance(content, JsonDoc) and fmt in ("trello", "auto") and _trello_cards(content.value):
        cards = content.value if content.stream is None else content.stream.items("item")
        result = read_trello({"cards": cards}, where, options)  # `/1/lists/ID/cards`: cards with no board
        result.records = "top-level array of cards"
        result.mapping = {k: v for k, v in result.mapping.items() if k not in ("state", "comments")}  # no lists
        return result
    if isinstance(content, JsonDoc) and (fmt == "trello" or (fmt == "auto" and is_trello_board(content.value))):
        if not is_trello_board(content.value):
            raise InputError(f"{where} is not a Trello board export: it has no cards and lists")
        board = content.value if content.stream is None else _streamed_board(content)
        return read_trello(board, where, options)  # type: ignore[arg-type]
    if isinstance(content, JsonDoc) and (kind := _hal_kind(content.value)) is not None:
        raise InputError(f"{where} is one {kind} resource (its _type), not issues: export the work packages instead")
    candidate = _candidate(content, where, mapping)
    seen = _tracker(candidate.sample)
    tracker = fmt if fmt in _RECORD_READERS else None
    if fmt == "auto" and not mapping:
        tracker = seen
    elif fmt == "jsonl" and not mapping and seen and seen.startswith("perceval:"):
        tracker = seen if seen.split(":", 1)[1] not in _PERCEVAL else None  # generic reading of Perceval `data`
    elif tracker is not None:
        _check_forced(tracker, seen, where)
        if seen == f"perceval:{tracker}":
            tracker = seen
    if tracker is not None and tracker.startswith("perceval:"):
        return _read_perceval(candidate, tracker.split(":", 1)[1], where, options)
    if tracker is not None:
        page = content.value if isinstance(content, JsonDoc) and tracker == "jira" else None
        reader = _RECORD_READERS[tracker]
        result = read_jira(candidate.records, where, options, page, candidate.count) if page is not None else reader(
            candidate.records, where, options)  # fmt: skip
        result.records = candidate.path or "top-level array"
        if tracker != "jira" and (page_note := _page_note(content, candidate, where)):
            result.warnings.append(page_note)
        if fmt == tracker and not result.count and result.skipped:
            raise InputError(
                f"{where} is not a {FORMAT_NAMES[fmt]} export: no entry reads as one ({result.skipped[0][1]})"
            )
        return result
    result = read_records(candidate, where, mapping, generic, options)
    if page_note := _page_note(content, candidate, where):
        result.warnings.append(page_note)
    return result


_TOTALS = ("total", "total_count", "totalCount", "totalSize", "size", "count")


def _page_note(content: JsonDoc | JsonLines, candidate: Candidate, where: str) -> str | None:
    """A warning when an API envelope says it holds one page of a larger result (`{"issues": [...], "total": 40}`)."""
    if not isinstance(content, JsonDoc) or not isinstance(content.value, dict) or candidate.count is None:
        return None
    parent: Any = content.value
    for part in candidate.path.split("[]")[0].split(".")[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if not isinstance(parent, dict):
        return None
    total = next((parent[k] for k in _TOTALS if isinstance(parent.get(k), int) and not isinstance(parent[k], bool)),
                 None)  # fmt: skip
    offset = next((parent[k] for k in ("offset", "startAt", "start") if isinstance(parent.get(k), int)), 0)
    if total is None or total <= offset + candidate.count:
        return None
    return f"{where} holds {candidate.count} of {total} issues: it is one page of a paginated result"


def _check_forced(forced: str, seen: str | None, where: str) -> None:
    """--format names one tracker and the records are plainly another's: say so rather than read them wrongly."""
    seen = seen.split(":", 1)[1] if seen and seen.startswith("perceval:") else seen
    if seen is not None and seen != forced:
        use = f"use --format {seen} or auto" if seen in FORMATS else "use --format auto"
        raise InputError(
            f"{where} is not a {FORMAT_NAMES[forced]} export: its records look like "
            f"{FORMAT_NAMES.get(seen, seen.capitalize())}'s ({use})"
        )


def _candidate(content: JsonDoc | JsonLines, where: str, mapping: dict[str, str] | None) -> Candidate:
    if isinstance(content, JsonLines):
        if etl_log(content.sample(_SAMPLE)):  # only such a log is looked into further for its streams
            etl = etl_candidate(content.sample(_ETL_SAMPLE), content.records)
            if etl is not None:
                return etl
        found = find_records(content.sample(_SAMPLE))
        if not found:
            raise InputError(f"{where} holds no JSON objects")
        best = found[0]
        path = f"lines[].{best.unwrapped}" if best.unwrapped else "lines"
        records = unwrap_all(content.records, best.unwrapped) if best.unwrapped else content.records
        chosen = Candidate(path, records, best.sample, best.titled, None,
                           best.unwrapped, best.keys)  # fmt: skip
    else:
        value = content.value
        if isinstance(value, dict) and (kind := not_an_issue(value)) is not None:
            raise InputError(f"{where} is one {kind}, not an issue or a list of issues; export the issues instead")
        if (single := _one_issue(value)) is not None:  # with its comments, worklogs, sub-task stubs
            path, issue = single
            if content.stream is not None:  # read whole: the sketch cut its lists
                issue = next(content.stream.items(path), issue)
            shown = f"{path} (one issue)" if path else "(the whole document: one issue)"
            return Candidate(shown, [issue], [issue], 1, 1, None, list(flatten(issue)), path)
        if (pair := _issue_link(value)) is not None:  # GitLab's issue link, Jira's: the two issues it links
            names, issues = pair
            keys = list(dict.fromkeys(k for issue in issues for k in flatten(issue)))
            return Candidate(f"{names} (an issue link)", issues, issues, 2, 2, None, keys)
        candidates = find_records(value)
        if (
            isinstance(value, dict)
            and (empty := empty_collection(value))
            and (not candidates or not candidates[0].path.startswith(empty))
        ):
            raise InputError(f"{where} holds no issues: its `{empty}` list is empty")
        if isinstance(value, dict) and (refs := references_only(value)) is not None:
            raise InputError(
                f"{where} holds only references to {refs[1]} {refs[0]} (ids and links), not the issues: "
                "fetch the issues themselves and read that file"
            )
        if not candidates and isinstance(value, dict):
            candidates = find_records([value])  # one issue on its own
        if not candidates:
            raise InputError(f"{where} holds no list of records (a JSON {type(content.value).__name__})")
        chosen = candidates[0]
        named = _list_name(chosen)
        unknown = _tracker(chosen.sample) is None  # no tracker's reader takes these records
        if not mapping and named in _OTHER_LISTS and unknown:
            # `{"projects": [...], "total_count": 8}`: what the list is called says what it holds
            raise InputError(f"{where} lists {_OTHER_LISTS[named]} records, not issues: export the issues instead")
        others = [k.split(" (")[0].removesuffix(" object") for r in chosen.sample[:50] if (k := _other(r))]
        if not mapping and unknown and len(others) * 2 > len(chosen.sample[:50]):  # most are sprints, projects…
            raise InputError(f"{where} lists {max(set(others), key=others.count)} records, not issues: "
                             "export the issues instead")  # fmt: skip
        if not mapping and unknown:  # what the records' inferred fields say they are, inferred once
            _refuse_by_fields(where, chosen)
        if chosen.titled == 0 and not mapping and unknown and not named_by_text(chosen):
            raise InputError(_nothing_fits(where, candidates))
        typed = _typed_lists(chosen, candidates, list(value)) if isinstance(value, dict) else [chosen]
        if len(typed) == 1:
            return content.records(chosen)
        read = [content.records(c) for c in typed]  # each streamed again when the document is
        counts = [c.count for c in read if c.count is not None]
        count = sum(counts) if len(counts) == len(read) else None
        chosen = Candidate(" + ".join(c.path for c in typed), itertools.chain.from_iterable(c.records for c in read),
                           [r for c in typed for r in c.sample], sum(c.titled for c in typed), count, None,
                           list(dict.fromkeys(k for c in typed for k in c.keys)))  # fmt: skip
    return chosen


def _typed_lists(chosen: Candidate, candidates: list[Candidate], order: list[str]) -> list[Candidate]:
    """An envelope that lists its issues by type (Taiga's search: `userstories`, `tasks`, `issues`, `epics`; beside
    them `wikipages`): every such list at the top level, in the document's order; else the one chosen."""
    if "." in chosen.path or chosen.path.lower() not in TYPED_ISSUE_LISTS:
        return [chosen]
    typed = [c for c in candidates if "." not in c.path and c.path.lower() in TYPED_ISSUE_LISTS and c.titled]
    typed.sort(key=lambda c: order.index(c.path) if c.path in order else len(order))
    return typed if len(typed) >= 2 and not any(c.unwrapped for c in typed) else [chosen]


def _other(record: object) -> str | None:
    return not_an_issue(record) if isinstance(record, dict) else None


def _list_name(candidate: Candidate) -> str:
    """What a list of records is called, as `_OTHER_LISTS` names it: `values`, `versions` for Rails fixtures'
    `versions_*`, `fields` for `system_fields`."""
    parts = [p.strip("[]*") for p in candidate.path.split(".")]
    while len(parts) > 1 and parts[-1] in {"nodes", "edges", "node"}:  # GraphQL's `teams { nodes { … } }`
        parts.pop()
    named = parts[-1].rstrip("_").lower()
    return named if named in _OTHER_LISTS else named.rsplit("_", 1)[-1]


def _refuse_by_fields(where: str, chosen: Candidate) -> None:
    """Refuse records that are plainly no issues by the fields inferred from a sample of them: a name and nothing
    else, slugs named by themselves, version numbers, or a file named for labels, teams or users."""
    sample, columns = _sample_columns(chosen)
    if _only_a_name(columns):
        keys = ", ".join(chosen.keys[:6])
        raise InputError(f"{where} lists records that have a name and nothing an issue has (no id, text, state, "
                         f"link or date; keys {keys}): export the issues instead")  # fmt: skip
    if slug := _slug_named(sample, columns):
        raise InputError(_SLUG_NAMED.format(where=where, slug=slug))
    if version := _version_named(sample, columns):
        raise InputError(f"{where} lists versions or milestones (titled {version}), not issues: "
                         "export the issues instead")  # fmt: skip
    if kind := _named_by_file(where, chosen.path, columns, sample):
        raise InputError(f"{where} lists {kind} records (so its name says, and they hold nothing an issue has "
                         "besides a title and dates), not issues: export the issues instead")  # fmt: skip


def _slug_named(sample: list[dict[str, Any]], columns: dict[str, str]) -> str | None:
    """`accuracy` = Accuracy, `grammatical-register` = Grammatical register: records whose ids are their names
    written as slugs are a vocabulary (categories, issue types, tags); a tracker's keys are numbers or `KEY-n`."""
    if "id" not in columns or "title" not in columns or len(sample) < 3:
        return None
    pairs = [(str(r.get(columns["id"]) or ""), str(r.get(columns["title"]) or "")) for r in sample]
    alike = [(i, t) for i, t in pairs if i and _squeezed(t) == _squeezed(i)]
    return f"`{alike[0][0]}` = {alike[0][1]}" if len(alike) * 10 >= len(pairs) * 9 else None


_VERSION = re.compile(r"v?\d+(?:\.\d+)+(?:[-+.]?\w+)?")


def _version_named(sample: list[dict[str, Any]], columns: dict[str, str]) -> str | None:
    """`1.0.0`: records whose titles are version numbers are releases, versions or milestones (OneDev's
    iterations, a project's versions); no tracker's issue is titled by a bare version."""
    titles = [str(r.get(columns["title"]) or "").strip() for r in sample] if "title" in columns else []
    if len(titles) < 2 or not all(_VERSION.fullmatch(t) for t in titles):
        return None
    return f"`{titles[0]}`"


_THIN = {"id", "title", "created", "updated", "url"}  # what a label, a tag or a team has as much as an issue


def _named_by_file(where: str, path: str, columns: dict[str, str], sample: list[dict[str, Any]]) -> str | None:
    """A bare list (`path`: no name of its own) in a file named for another kind of record (`vikunja-labels.yml`,
    `team_members.json`) whose records hold only what such records have too (`columns`), or, named for projects,
    whose records name no project (an issue names the project it is in; a project does not): that kind."""
    if path not in {"top-level array", ""}:
        return None
    last = re.split(r"[^a-z]+", Path(where).stem.lower().replace("_", "-"))
    named = next((word for word in reversed(last) if word), "")
    if named not in _OTHER_LISTS:
        return None
    projects = named == "projects" and not any("project" in key.lower() for record in sample for key in record)
    return _OTHER_LISTS[named] if set(columns) <= _THIN or projects else None


def _squeezed(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _only_a_name(columns: dict[str, str]) -> bool:
    """Whether the only field inferred is a title read from a `name` (`name`, `owner.name`, a CSV's `NAME`):
    records whose only issue-like field is a name (`[{"name": "ark-rust", "languages": [...]}]`: a list of
    repositories or products); an issue has a key, a description, a state, a link or a date beside its title."""
    return set(columns) == {"title"} and columns["title"].rsplit(".", 1)[-1].strip().lower() == "name"


def _sample_columns(candidate: Candidate) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The first records of a candidate list, flattened, and the field each inferred column gives."""
    sample = [flatten(r) for r in candidate.sample[:50] if isinstance(r, dict)]
    return sample, infer_mapping(candidate.keys, sample).columns if sample else {}


def _nothing_fits(where: str, candidates: list[Candidate]) -> str:
    listed = "; ".join(c.describe() for c in candidates[:3])
    best = candidates[0]
    if best.sample and all(kinds := [not_an_issue(r) if isinstance(r, dict) else None for r in best.sample]):
        named = ", ".join(sorted({str(kind).split(" (")[0].removesuffix(" object") for kind in kinds}))
        return f"{where} lists {named} records, not issues: export the issues instead"
    sample = [flatten(r) for r in best.sample]
    guess = guess_columns(best.keys, sample, infer_mapping(best.keys, sample).columns)
    hint = f"for the first, try {map_hint(guess)}" if "title" in guess else "pass --map title=KEY,body=KEY"
    return f"cannot tell which field of {where} is an issue title; record lists seen: {listed}; {hint}"


def _xml_text(value: object) -> object:
    """A field Perceval parsed from XML (its Bugzilla backend): `[{"__text__": "Crash on save"}]` is the text."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict) and "__text__" in value[0]:
        return value[0]["__text__"]
    return value


def _read_perceval(candidate: Candidate, backend: str, where: str, options: ReadOptions) -> ExportRead:
    """GrimoireLab/Perceval items: the issue is in `data`, its comments in `comments_data` / `notes_data`. The
    GitHub, GitLab and Jira backends go to their trackers' readers; any other backend (Redmine, Launchpad, …) is
    read by inference on `data`."""
    others: list[tuple[str, str]] = []

    def issues() -> Iterator[dict[str, Any]]:
        for row_no, item in enumerate(candidate.records, 1):
            if not is_perceval(item):
                others.append((f"ROW-{row_no}", "not a Perceval item"))
                continue
            category = str(item.get("category") or "issue")
            if category not in {"issue", "bug", "task", "ticket"}:  # pull and merge requests, commits, … are not issues
                number = item["data"].get("number") or item["data"].get("iid") or row_no
                prefix = {"pull_request": "GH-", "merge_request": "MR-"}.get(category, f"{category}-")
                others.append((f"{prefix}{number}", category.replace("_", " ")))
                continue
            data = {key: _xml_text(value) for key, value in item["data"].items()}
            if "comments_data" in data and backend == "github":
                data["comments"] = data["comments_data"]
            if "notes_data" in data and backend == "gitlab":
                data["notes"] = data["notes_data"]
            fields = data.get("fields")
            if backend == "jira" and isinstance(fields, dict) and "comments_data" in data and not fields.get("comment"):
                data["fields"] = {**fields, "comment": {"comments": data["comments_data"]}}
            yield data

    path = f"{candidate.path}[].data"
    if backend in _PERCEVAL:
        result = _RECORD_READERS[_PERCEVAL[backend]](issues(), where, options)
        result.format = f"{_PERCEVAL[backend]} (perceval)"
    else:
        sample = [{k: _xml_text(v) for k, v in r["data"].items()} for r in candidate.sample if is_perceval(r)]
        inner = Candidate(path, issues(), sample, candidate.titled, candidate.count, "data", candidate.keys)
        result = read_records(inner, where, None, "jsonl", options)
        result.format = f"jsonl (perceval {backend})"
    result.skipped.extend(others)
    result.records = path
    return result


_LINKED = (("source_issue", "target_issue"), ("inwardIssue", "outwardIssue"))  # GitLab's issue link; Jira's


def _issue_link(value: object) -> tuple[str, list[dict[str, Any]]] | None:
    """The two issues an issue link holds (`{"source_issue": {…}, "target_issue": {…}, "link_type": …}`), named by
    their keys; None for anything else."""
    if not isinstance(value, dict):
        return None
    for source, target in _LINKED:
        pair = [issue for issue in (value.get(source), value.get(target)) if isinstance(issue, dict)]
        if len(pair) == 2 and all(one_issue(issue) for issue in pair):
            return f"{source}, {target}", pair
    return None


def _one_issue(value: object) -> tuple[str, dict[str, Any]] | None:
    """The one issue a JSON document is — itself, or inside envelopes (`{"issue": …}`, a webhook's payload) — and
    where it sits ("" for the document itself); None when the document is not one issue."""
    if not isinstance(value, dict):
        return None
    return ("", value) if one_issue(value) else wrapped_issue(value)


def _recording(
    recorded: tuple[list[object], int], where: str, kind: str = "HTTP recording", deleted: set[str] | None = None
) -> JsonDoc:
    """A recording's responses as one list of records: each body's records (an issue list, a search page's issues,
    or one issue), in order; those the session deleted (`deleted`: their ids) left out."""
    bodies, pairs = recorded
    records: list[object] = []
    for body in bodies:
        if isinstance(body, dict) and not_an_issue(body) is not None:
            continue  # the project, the repository or the user a recorded session fetched first
        if (single := _one_issue(body)) is not None:
            if not_an_issue(single[1]) is None:  # a query's one project (Rally's `QueryResult`)
                records.append(single[1])
            continue
        found = [c for c in find_records(body) if _list_name(c) not in _OTHER_LISTS]  # a query's `columns`
        if found and (found[0].titled or _tracker(found[0].sample)):
            records.extend(r for r in found[0].records if _other(r) is None)
    if not records:
        told = f"of {pairs} responses, none of which holds issues"
        told = "whose one response holds no issues" if pairs == 1 else told
        raise InputError(f"{where} is an {kind} {told}")
    if deleted:
        records = [r for r in records if not (isinstance(r, dict) and _identity(r) in deleted)]
    return JsonDoc(_once(records), origin=f"{kind} ({len(bodies)} of {pairs} responses with a JSON or XML body)")


def _identity(record: dict[str, Any]) -> str:
    """A record's id as a request path names it: its key, id, number or iid."""
    return next((str(record[k]) for k in ("key", "id", "number", "iid") if record.get(k) not in _BLANK), "")


_BLANK = (None, "")


def _once(records: list[object]) -> list[object]:
    """A recording's records, each issue once: a session that searches and then fetches each result records it twice
    (the same id and title). The issue keeps the place of its first sighting and the content of its last: the state
    the session left it in (fetched whole, updated, deleted)."""
    seen: dict[tuple[str, str], int] = {}
    kept: list[object] = []
    for record in records:
        if isinstance(record, dict):
            ident = _identity(record)
            title = next((str(record[k]) for k in ("title", "summary", "name", "subject") if record.get(k)), "")
            if ident and title:
                if (ident, title) in seen:
                    kept[seen[(ident, title)]] = record
                    continue
                seen[(ident, title)] = len(kept)
        kept.append(record)
    return kept


def _streamed_board(content: JsonDoc) -> dict[str, Any]:
    """A large Trello board read again key by key: its lists and checklists whole (they are small), its cards and
    actions as streams."""
    assert content.stream is not None
    stream = content.stream
    return {"lists": list(stream.items("lists.item")), "checklists": list(stream.items("checklists.item")),
            "actions": stream.items("actions.item"), "cards": stream.items("cards.item")}  # fmt: skip


def _read_xml(doc: XmlDoc, where: str, fmt: str, mapping: dict[str, str] | None, options: ReadOptions) -> ExportRead:
    """Jira's XML export, RSS and Atom feeds and Bugzilla's XML by their readers; any other XML's records by
    inference, as JSON records are."""
    if fmt not in ("auto", "xml", "jira") or (fmt == "jira" and doc.kind != "jira"):
        what = "Jira's XML export" if doc.kind == "jira" else "XML"
        raise InputError(f"{where} is {what}, not a {FORMAT_NAMES.get(fmt, fmt)} export: use --format xml or auto")
    if mapping is None and doc.kind == "jira":
        return read_jira_xml(doc, where, options)
    if mapping is None and doc.kind in ("rss", "atom"):
        return read_feed(doc, where, options)
    if mapping is None and doc.root == "bugzilla":
        return read_bugzilla_xml(doc, where, options)
    if not doc.sample:
        raise InputError(f"{where} holds no <{doc.shown_path}> records")
    if doc.record_path == (doc.root,) and mapping is None:  # one document element: found in it as in JSON
        result = _read_json(JsonDoc(doc.sample[0], generic="xml"), where, "auto", None, options)
        inner = result.records
        whole = inner.startswith("(the whole document")
        result.records = f"<{doc.root}> (the whole document: one issue)" if whole else f"{doc.root}.{inner}"
        return result
    keys = list(dict.fromkeys(k for r in doc.sample[:20] for k in flatten(r)))
    titled = sum(1 for r in doc.sample if (found := find_records([r])) and found[0].titled)
    candidate = Candidate(doc.shown_path, doc.records(), doc.sample, titled, doc.total, None, keys, "")
    if not titled and not mapping and not named_by_text(candidate):
        raise InputError(_nothing_fits(where, [candidate]))  # VersionOne's `Scope` assets: projects, not issues
    if not mapping and (slug := _slug_named(*_sample_columns(candidate))):
        raise InputError(_SLUG_NAMED.format(where=where, slug=slug))
    return read_records(candidate, where, mapping, "xml", options)


_SLUG_NAMED = "{where} lists categories whose ids are their names ({slug}), not issues: export the issues instead"
