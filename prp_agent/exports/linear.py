"""Linear: the workspace CSV export (ID such as ENG-12, Title, Description, Status, comma-separated Labels)."""

from __future__ import annotations

from prp_agent.errors import InputError

from .records import (
    Collector,
    ExportRead,
)
from .source import Content, CsvColumns, Table, csv_issue

__all__ = ["read_linear"]

_COLUMNS = CsvColumns(title="Title", body="Description", state="Status", created="Created")


def read_linear(content: Content, where: str) -> ExportRead:
    """Read a Linear CSV export; identifiers are kept as they are."""
    if not isinstance(content, Table):
        raise InputError(f"{where} is not a Linear export: Linear exports are CSV, this is JSON")
    content.require(["ID", "Title"], where, "Linear CSV export")
    out = Collector("linear")
    for row_no, row in enumerate(content.rows, 1):
        ident = content.first(row, "ID").strip()
        key = out.key(ident, row_no)
        out.add(csv_issue(content, row, key=key, ident=ident or str(row_no), columns=_COLUMNS, source="linear"))
    return out.result
