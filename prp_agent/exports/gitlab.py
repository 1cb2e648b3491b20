"""GitLab: the REST issues array, the project export's issues NDJSON, and the issues CSV export."""

from __future__ import annotations

from prp_agent.errors import InputError

from .github import named_labels
from .records import (
    Collector,
    ExportRead,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from .source import Content, CsvColumns, Table, csv_issue, records_of

__all__ = ["read_gitlab"]

_CSV_NAME = "GitLab CSV export"
_CSV_COLUMNS = CsvColumns(title="Title", body="Description", state="State", created="Created At (UTC)")


def read_gitlab(content: Content, where: str) -> ExportRead:
    """Read GitLab issues from REST JSON, project-export NDJSON or the CSV export."""
    if isinstance(content, Table):
        return _from_csv(content, where)
    items = records_of(content, where, "GitLab issues export")
    if items and not any(isinstance(item, dict) and "iid" in item for item in items):
        raise InputError(f'{where} is not a GitLab issues export: no entry has an "iid"')
    out = Collector("gitlab")
    for row_no, item, iid in out.numbered(items, "iid", "no iid"):
        out.add(
            TrackerIssue(
                key=out.key(f"GL-{iid}", row_no),
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
    return out.result


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


def _from_csv(table: Table, where: str) -> ExportRead:
    table.require(["Issue ID", "Title"], where, _CSV_NAME)
    out = Collector("gitlab")
    for row_no, row in enumerate(table.rows, 1):
        iid = table.first(row, "Issue ID").strip()
        key = out.key(f"GL-{iid}" if iid else "", row_no)
        out.add(csv_issue(table, row, key=key, ident=iid or str(row_no), columns=_CSV_COLUMNS, source="gitlab"))
    return out.result
