"""Linear: the workspace CSV export (ID such as ENG-12, Title, Description, Status, comma-separated Labels)."""

from __future__ import annotations

from prp_agent.errors import InputError

from .model import (
    Collector,
    ExportRead,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from .source import Content, Table

__all__ = ["read_linear"]


def read_linear(content: Content, where: str) -> ExportRead:
    """Read a Linear CSV export; identifiers are kept as they are."""
    if not isinstance(content, Table):
        raise InputError(f"{where} is not a Linear export: Linear exports are CSV, this is JSON")
    content.require(["ID", "Title"], where, "Linear CSV export")
    out = Collector("linear")
    for row_no, row in enumerate(content.rows, 1):
        ident = content.first(row, "ID").strip()
        out.add(
            TrackerIssue(
                key=out.key(ident, row_no),
                id=ident or str(row_no),
                title=title_text(content.first(row, "Title")),
                body=as_text(content.first(row, "Description")),
                labels=clean_labels(label for cell in content.every(row, "Labels") for label in cell.split(",")),
                state=normalize_state(content.first(row, "Status")),
                url=optional_text(content.first(row, "URL")),
                created=optional_text(content.first(row, "Created")),
                source="linear",
            )
        )
    return out.result
