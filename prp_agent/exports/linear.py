"""Linear: the workspace CSV export (ID such as ENG-12, Title, Description, Status, comma-separated Labels) and the
GraphQL API's issues (`identifier`, `title`, `description`, `state{name}`, `team{key}`, `labels{nodes{name}}`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prp_agent.exports.github import named_labels
from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    normalize_state,
    optional_text,
    title_text,
)
from prp_agent.exports.source import CsvColumns, Table, csv_issue

__all__ = ["is_linear_record", "read_linear", "read_linear_table"]

_COLUMNS = CsvColumns(title="Title", body="Description", state="Status", created="Created")


def read_linear_table(table: Table, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read a Linear CSV export; identifiers are kept as they are."""
    table.require(["ID", "Title"], where, "Linear CSV export")
    out = Collector("linear", options)
    for row_no, row in enumerate(table.rows, 1):
        ident = table.first(row, "ID").strip()
        key = out.key(ident, row_no)
        out.add(csv_issue(table, row, key=key, ident=ident or str(row_no), columns=_COLUMNS, source="linear"))
    out.result.mapping = {"id": "ID", "title": "Title", "body": "Description", "labels": "Labels",
                          "state": "Status", "created": "Created"}  # fmt: skip
    return out.result


def is_linear_record(item: dict[str, object]) -> bool:
    """A Linear issue: an `identifier` such as ENG-12 and a title, or (a webhook's `data`) a team key and a number."""
    return "title" in item and (isinstance(item.get("identifier"), str) or _team_number(item) is not None)


def _team_number(item: dict[str, object]) -> str | None:
    team, number = item.get("team"), item.get("number")
    key = team.get("key") if isinstance(team, dict) else None
    return f"{key}-{number}" if isinstance(key, str) and key and str(number or "").isdigit() else None


def _identified(items: Iterable[object]) -> Iterator[object]:
    for item in items:
        if isinstance(item, dict) and not item.get("identifier") and (made := _team_number(item)):
            item = {**item, "identifier": made}
        yield item


def read_linear(items: Iterable[object], where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read Linear GraphQL issues (`data.issues.nodes`, edges or a plain list)."""
    out = Collector("linear", options)
    for row_no, item, ident in out.numbered(_identified(items), "identifier", "no identifier"):
        if item.get("trashed") is True:  # in the trash: deleted, and purged after a while
            out.skip(ident, "deleted")
            continue
        state, team = item.get("state"), item.get("team")
        labels = item.get("labels")
        label_list = labels.get("nodes") if isinstance(labels, dict) else labels
        out.add(
            TrackerIssue(
                key=out.key(ident, row_no),
                id=ident,
                title=title_text(item.get("title")),
                body=as_text(item.get("description")),
                labels=named_labels(label_list),
                state=normalize_state(state.get("name") if isinstance(state, dict) else state),
                url=optional_text(item.get("url")),
                created=optional_text(item.get("createdAt")),
                source="linear",
            )
        )
        if isinstance(team, dict) and not ident.startswith(str(team.get("key", ""))):
            out.warn(f"{ident}: its identifier does not start with its team key {team.get('key')!r}")
    out.result.mapping = {"id": "identifier", "title": "title", "body": "description",
                          "labels": "labels.nodes[].name", "state": "state.name", "url": "url",
                          "created": "createdAt"}  # fmt: skip
    return out.result
