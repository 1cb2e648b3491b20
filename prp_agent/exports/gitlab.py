"""GitLab: the REST issues array, the project export's issues NDJSON, and the issues CSV export."""

from __future__ import annotations

from collections.abc import Iterable

from prp_agent.errors import InputError
from prp_agent.exports.github import named_labels
from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from prp_agent.exports.shape import not_an_issue
from prp_agent.exports.source import CsvColumns, Table, csv_issue

__all__ = ["read_gitlab", "read_gitlab_table"]

_CSV_NAME = "GitLab CSV export"
_CSV_COLUMNS = CsvColumns(title="Title", body="Description", state="State", created="Created At (UTC)")


MAPPING = {"id": "iid (id in API v3)", "title": "title", "body": "description", "labels": "labels",
           "state": "state", "comments": "notes[].note", "url": "web_url", "created": "created_at"}  # fmt: skip


def read_gitlab_table(table: Table, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read GitLab's issues CSV export."""
    return _from_csv(table, where, options)


def read_gitlab(items: Iterable[object], where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read GitLab issues from REST JSON (v4, or v3 objects without `iid`), project-export NDJSON or Perceval."""
    out = Collector("gitlab", options)
    seen = 0
    for row_no, item, iid in out.numbered((_with_iid(item) for item in items), "iid", "no iid"):
        seen += 1
        if (other := not_an_issue(item)) is not None:  # a project export's merge requests or milestones
            out.skip(f"GL-{iid}", other)
            continue
        out.add(
            TrackerIssue(
                key=out.key(f"GL-{iid}" if str(iid).isdigit() else f"#{iid}", row_no),
                id=iid,
                title=title_text(item.get("title")),
                body=as_text(item.get("description")),
                labels=clean_labels([*_labels(item.get("labels")), *_labels(item.get("label_links"))]),
                state=normalize_state(item.get("state")),
                comments=_notes(item.get("notes")),
                url=optional_text(item.get("web_url")),
                created=optional_text(item.get("created_at")),
                source="gitlab",
            )
        )
    if not seen and out.result.skipped:
        raise InputError(f'{where} is not a GitLab issues export: no entry has an "iid"')
    out.result.mapping = dict(MAPPING)
    return out.result


def _with_iid(item: object) -> object:
    """API v3 objects have no `iid`: their project-wide `id` stands in."""
    if isinstance(item, dict) and "iid" not in item and "id" in item and "title" in item:
        return {**item, "iid": item["id"]}
    return item


def _labels(value: object) -> tuple[str, ...]:
    """Strings, {"title"|"name": ...} objects, or label links {"label": {"title": ...}}."""
    if not isinstance(value, list):
        return ()
    linked = [item.get("label") if isinstance(item, dict) and "label" in item else item for item in value]
    return named_labels(linked)


def _notes(value: object) -> tuple[str, ...]:
    """Discussion notes as comments; system notes ("added ~bug label") are not discussion."""
    if not isinstance(value, list):
        return ()
    notes = [as_text(n.get("note")) for n in value if isinstance(n, dict) and not n.get("system")]
    return tuple(note for note in notes if note.strip())


def _from_csv(table: Table, where: str, options: ReadOptions) -> ExportRead:
    table.require(["Issue ID", "Title"], where, _CSV_NAME)
    out = Collector("gitlab", options)
    for row_no, row in enumerate(table.rows, 1):
        iid = table.first(row, "Issue ID").strip()
        key = out.key(f"GL-{iid}" if iid else "", row_no)
        out.add(csv_issue(table, row, key=key, ident=iid or str(row_no), columns=_CSV_COLUMNS, source="gitlab"))
    out.result.mapping = {"id": "Issue ID", "title": "Title", "body": "Description", "labels": "Labels",
                          "state": "State", "url": "URL", "created": "Created At (UTC)"}  # fmt: skip
    return out.result
