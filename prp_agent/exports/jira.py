"""Jira: the CSV export (repeated columns, localized dates, "date;author;text" comments) and the REST search JSON."""

from __future__ import annotations

import re
from datetime import datetime

from prp_agent.errors import InputError

from .adf import adf_to_markdown
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
from .source import Content, JsonDoc, Table, records_of

__all__ = ["jira_date", "read_jira"]

_MONTHS = {
    **dict.fromkeys(("jan", "janv", "jän", "ene"), 1),
    **dict.fromkeys(("feb", "févr", "fév", "fev"), 2),
    **dict.fromkeys(("mar", "mär", "mrz", "mars"), 3),
    **dict.fromkeys(("apr", "avr", "abr"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("jun", "juin"), 6),
    **dict.fromkeys(("jul", "juil"), 7),
    **dict.fromkeys(("aug", "août", "ago"), 8),
    **dict.fromkeys(("sep", "sept"), 9),
    **dict.fromkeys(("oct", "okt"), 10),
    **dict.fromkeys(("nov",), 11),
    **dict.fromkeys(("dec", "dez", "déc", "dic"), 12),
}
_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp]\.?[Mm]\.?)?)?"
_NAMED_RE = re.compile(r"(\d{1,2})[/ -]([^\W\d_]{3,5})\.?[/ -](\d{4}|\d{2})" + _TIME)
_DOTTED_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME)
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_CSV_NAME = "Jira CSV export"


def read_jira(content: Content, where: str) -> ExportRead:
    """Read a Jira CSV export or REST search result (ADF text becomes markdown)."""
    if isinstance(content, Table):
        return _from_csv(content, where)
    return _from_search(content, where)


def jira_date(text: str) -> str | None:
    """ISO 8601 for a Jira date such as "12/Mar/24 3:45 PM" or "12.03.2024 15:45"; None when not recognized."""
    text = text.strip()
    for pattern, order in ((_NAMED_RE, "dmy"), (_DOTTED_RE, "dmy"), (_ISO_RE, "ymd")):
        match = pattern.fullmatch(text)
        if match:
            return _iso(match, order)
    return None


def _iso(match: re.Match[str], order: str) -> str | None:
    first, second, third, hour, minute, sec, meridiem = match.groups()
    day, month_text, year_text = (first, second, third) if order == "dmy" else (third, second, first)
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    hours = int(hour or 0)
    if meridiem:
        if hours > 12:
            return None
        hours = hours % 12 + (12 if meridiem[0] in "Pp" else 0)
    try:
        moment = datetime(year, month or 0, int(day), hours, int(minute or 0), int(sec or 0))
    except ValueError:
        return None
    return moment.isoformat() if hour is not None else moment.date().isoformat()


def _from_csv(table: Table, where: str) -> ExportRead:
    key_column = "Issue id" if table.has("Issue id") and not table.has("Issue key") else "Issue key"
    table.require(["Summary", key_column], where, _CSV_NAME)
    out = Collector("jira")
    unparsed: list[str] = []
    for row_no, row in enumerate(table.rows, 1):
        raw_id = table.first(row, "Issue id").strip()
        raw_key = table.first(row, "Issue key").strip() or (f"JIRA-{raw_id}" if raw_id else "")
        created_raw = table.first(row, "Created").strip()
        created = jira_date(created_raw) if created_raw else None
        if created_raw and created is None:
            unparsed.append(created_raw)
        out.add(
            TrackerIssue(
                key=out.key(raw_key, row_no),
                id=raw_id or raw_key,
                title=title_text(table.first(row, "Summary")),
                body=as_text(table.first(row, "Description")),
                labels=clean_labels(label for cell in table.every(row, "Labels") for label in cell.split()),
                state=normalize_state(table.first(row, "Status")),
                comments=tuple(_csv_comment(cell) for cell in table.every(row, "Comment")),
                created=(created or created_raw) or None,
                source="jira",
            )
        )
    if unparsed:
        out.warn(f"{len(unparsed)} Jira date(s) in an unrecognized format kept as written (first: {unparsed[0]!r})")
    return out.result


def _csv_comment(cell: str) -> str:
    """The text of a "12/Mar/24 3:45 PM;jdoe;text" comment cell (cells without that prefix are kept whole)."""
    parts = cell.split(";", 2)
    if len(parts) == 3 and jira_date(parts[0]) is not None:
        return parts[2].strip()
    return cell.strip()


def _from_search(content: Content, where: str) -> ExportRead:
    out = Collector("jira")
    if isinstance(content, JsonDoc) and isinstance(content.value, dict):
        page = content.value
        items = page.get("issues")
        items = items if isinstance(items, list) else []
        total, start = page.get("total"), page.get("startAt")
        if isinstance(total, int) and total > (start if isinstance(start, int) else 0) + len(items):
            out.warn(f"{where} holds {len(items)} of {total} issues: it is one page of a paginated search")
    else:
        items = records_of(content, where, "Jira export")
    if items and not any(isinstance(item, dict) and ("key" in item or "fields" in item) for item in items):
        raise InputError(f'{where} is not a Jira search export: no entry has a "key" or "fields"')
    for row_no, item in enumerate(items, 1):
        if not isinstance(item, dict):
            out.skip(f"ROW-{row_no}", "not a JSON object")
            continue
        out.add(_search_issue(out, item, row_no))
    return out.result


def _search_issue(out: Collector, item: dict[str, object], row_no: int) -> TrackerIssue:
    fields = item.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    raw_id = as_text(item.get("id")).strip()
    raw_key = as_text(item.get("key")).strip() or (f"JIRA-{raw_id}" if raw_id else "")
    key = out.key(raw_key, row_no)
    status = fields.get("status")
    comment = fields.get("comment")
    comments = comment.get("comments") if isinstance(comment, dict) else None
    comments = comments if isinstance(comments, list) else []
    bodies = [adf_to_markdown(c.get("body")) for c in comments if isinstance(c, dict)]
    labels = fields.get("labels")
    return TrackerIssue(
        key=key,
        id=raw_id or raw_key,
        title=title_text(fields.get("summary")),
        body=as_text(adf_to_markdown(fields.get("description"))),
        labels=clean_labels(as_text(label) for label in labels) if isinstance(labels, list) else (),
        state=normalize_state(status.get("name") if isinstance(status, dict) else status),
        comments=tuple(body for body in bodies if body.strip()),
        url=_browse_url(as_text(item.get("self")), raw_key),
        created=optional_text(fields.get("created")),
        source="jira",
    )


def _browse_url(api_url: str, key: str) -> str | None:
    """https://x.atlassian.net/browse/KEY from the issue's REST "self" URL."""
    match = re.match(r"(https?://[^?#]+?)/rest/api/", api_url)
    return f"{match.group(1)}/browse/{key}" if match and key else None
