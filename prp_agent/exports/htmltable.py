"""Exports written as an HTML table: Jira's "Export → Excel" (an HTML page Excel opens, its issues in
`<table id="issuetable">`), and any report saved as a web page. Read with the standard library's HTML parser, which
takes the tag soup such pages are (unclosed cells, `<br>` in cells, conditional comments) without executing or
fetching anything; the issue table becomes a CSV-like table for the readers that follow.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TextIO

from prp_agent.errors import InputError

__all__ = ["HTML_START", "html_table"]

HTML_START = re.compile(r"^\s*(?:<!doctype\s+html\b|<html\b|<table\b)", re.IGNORECASE)
_CHUNK = 1 << 20
# Jira's HTML export heads its key column "Key" (its CSV says "Issue key"): the field id tells
_FIELD_IDS = {"issuekey": "Issue key"}
_MAX_CELL = 1_000_000


class _Tables(HTMLParser):
    """Every table's rows of cell texts (nested tables are their own), with the `id` each table carries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]], int]] = []  # (id, rows, rows made of header cells)
        self._open: list[int] = []  # indexes into tables of the tables being read, innermost last
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._cell_chars = 0  # the length of the cell's text so far (a cell past `_MAX_CELL` takes no more)
        self._header_row = False
        self._skip = 0  # inside <script> or <style>
        self._named = ""  # the column a header cell's `data-id` names (Jira's `issuekey`)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._end_cell()
            self.tables.append((dict(attrs).get("id") or "", [], 0))
            self._open.append(len(self.tables) - 1)
            self._row = None
        elif tag == "tr" and self._open:
            self._end_row()
            self._row, self._header_row = [], True
        elif tag in ("td", "th") and self._open:
            self._end_cell()
            if self._row is None:
                self._row, self._header_row = [], True
            self._cell, self._cell_chars = [], 0
            self._header_row = self._header_row and tag == "th"
            self._named = _FIELD_IDS.get(dict(attrs).get("data-id") or "", "") if tag == "th" else ""
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self._open:
            self._end_row()
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip and self._cell_chars < _MAX_CELL:
            self._cell.append(data)
            self._cell_chars += len(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = self._named or "".join(self._cell)
            lines = [" ".join(line.split()) for line in text.split("\n")]
            self._row.append("\n".join(line for line in lines if line))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._open and any(cell for cell in self._row):
            ident, rows, headers = self.tables[self._open[-1]]
            rows.append(self._row)
            headers += self._header_row and len(rows) == headers + 1
            self.tables[self._open[-1]] = (ident, rows, headers)
        self._row = None


def html_table(handle: TextIO, where: str) -> tuple[list[str], list[list[str]], str]:
    """(header, rows, table id) of the page's issue table: the one named `issuetable`, else the largest whose first
    row names columns (`<th>` cells, or the first row of a table of at least two columns)."""
    parser = _Tables()
    with handle:
        while chunk := handle.read(_CHUNK):
            parser.feed(chunk)
    parser.close()
    candidates = [(ident, rows, headers) for ident, rows, headers in parser.tables if len(rows) >= 2]
    chosen = next((t for t in candidates if t[0] == "issuetable"), None) or max(
        (t for t in candidates if len(t[1][0]) >= 2), key=lambda t: (t[2] > 0, len(t[1])), default=None
    )
    if chosen is None:
        raise InputError(f"{where} is an HTML page with no table of issues (no table with a header row and rows)")
    ident, rows, headers = chosen
    header_at = max(headers, 1) - 1  # the last of the leading header rows names the columns
    header = rows[header_at]
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[header_at + 1 :]]
    return header, body, ident
