"""XML exports: Jira's issue-navigator export ("Export → XML", RSS 0.92 with Jira's fields), RSS 2.0 and Atom feeds of
issues (Jira, GitLab, Redmine, Trac, …), and Bugzilla's XML. Bodies arrive as escaped HTML and become text; a
sub-task is an issue of its own that names its parent."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from typing import Any

from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from prp_agent.exports.shape import ISSUE_LINK
from prp_agent.exports.xmldoc import XmlDoc, text_of
from prp_agent.text import html_to_text

__all__ = ["read_bugzilla_xml", "read_feed", "read_jira_xml"]

_BRACKETED = re.compile(r"^\s*\[([A-Z][A-Z0-9_]*-\d+)\]\s*(.*)$", re.S)
_BROWSE = re.compile(r"/browse/([A-Z][A-Z0-9_]*-\d+)\b")
_NOT_ISSUE_LINK = re.compile(r"/(commit|commits|releases|tag|tags|pull|merge_requests|wiki|compare)/", re.I)
_KINDS = {
    "commit": "commit",
    "commits": "commit",
    "releases": "release",
    "tag": "tag",
    "tags": "tag",
    "pull": "pull request",
    "merge_requests": "merge request",
    "wiki": "wiki page",
    "compare": "comparison",
}
_ACCEPTANCE = re.compile(r"acceptance|akzeptanz|aceptaci|aceita|accettazione|critères", re.I)


def _list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value in (None, "") else [value]


def _html(value: object) -> str:
    """Escaped HTML (Jira, RSS) as text; plain text stays as it is."""
    text = text_of(value)
    return html_to_text(text) if "<" in text or "&" in text else text.strip()


def _date(value: object) -> str | None:
    """ISO 8601 for an RFC 822 date (RSS, Jira XML); other dates (Atom's are ISO already) as written."""
    text = text_of(value).strip()
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return text


def read_jira_xml(doc: XmlDoc, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read Jira's XML export: every `<item>` is an issue (sub-tasks too, with their parent named); the description
    and comments are escaped HTML; an acceptance-criteria custom field joins the body under its own heading."""
    out = Collector("jira xml", options)
    for row_no, item in enumerate(doc.records(), 1):
        key_text = text_of(item.get("key")).strip()
        title = title_text(text_of(item.get("summary")))
        if not title:
            bracketed = _BRACKETED.match(text_of(item.get("title")))
            title = title_text(bracketed.group(2) if bracketed else text_of(item.get("title")))
        key = out.key(key_text, row_no, title)
        key_element = item.get("key")
        ident = key_element.get("id", "") if isinstance(key_element, dict) else ""
        parent = text_of(item.get("parent")).strip() or None
        out.add(
            TrackerIssue(
                key=key,
                id=ident or key,
                title=title,
                body=_jira_body(item),
                labels=clean_labels(text_of(label) for label in _list(item.get("labels"))),
                state=normalize_state(text_of(item.get("status"))),
                comments=tuple(c for c in (_html(comment) for comment in _list(item.get("comments"))) if c),
                url=optional_text(text_of(item.get("link"))),
                created=_date(item.get("created")),
                source="jira",
                parent=parent,
                kind=text_of(item.get("type")).strip() or None,
            )
        )
    if doc.total is not None and doc.total > out.result.count + len(out.result.duplicates) + len(out.result.skipped):
        out.warn(f"{where} holds {out.result.count} of {doc.total} issues: Jira cut the export (its limit is 1,000 "
                 "issues per XML export unless the administrator raised it)")  # fmt: skip
    out.result.records = doc.shown_path
    out.result.mapping = {"id": "key", "title": "summary", "body": "description (HTML) + Acceptance Criteria",
                          "labels": "labels/label", "state": "status", "comments": "comments/comment (HTML)",
                          "url": "link", "created": "created", "parent": "parent"}  # fmt: skip
    return out.result


def _jira_body(item: dict[str, Any]) -> str:
    parts = [_html(item.get("description"))]
    environment = _html(item.get("environment"))
    if environment:
        parts.append(f"Environment:\n{environment}")
    for field in _list(item.get("customfields")):
        if not isinstance(field, dict) or not _ACCEPTANCE.search(text_of(field.get("customfieldname"))):
            continue
        values = [_html(v) for v in _list(field.get("customfieldvalues"))]
        text = "\n".join(v for v in values if v)
        if text:
            parts.append(f"{text_of(field.get('customfieldname')).strip()}:\n{text}")
    return "\n\n".join(part for part in parts if part)


# Redmine's issue feeds: `Project - Tracker #id (Status): subject` (the project and the status may be left out)
_REDMINE_TITLE = re.compile(r"^(?:.{1,200}? - )?[^#\n]{1,60} #(\d+)(?: \([^()\n]{0,60}\))?: (.+)$")


def read_feed(doc: XmlDoc, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read an RSS 2.0 or Atom feed of issues: the title (a `[KEY-1] ` prefix is the key), the link, the description
    or content as text, categories as labels. The key comes from the title, the link (`/browse/KEY-1`,
    `/issues/12`) or the entry's id."""
    atom = doc.kind == "atom"
    out = Collector(f"{doc.kind} feed", options)
    for row_no, item in enumerate(doc.records(), 1):
        raw_title = text_of(item.get("title"))
        link = _atom_link(item.get("link")) if atom else text_of(item.get("link")).strip()
        key, title = _feed_key(raw_title, link, text_of(item.get("id" if atom else "guid")).strip())
        if other := _NOT_ISSUE_LINK.search(link):  # a feed of commits, releases or pull requests
            out.skip(out.key(key, row_no, title), _KINDS[other.group(1).lower()])
            continue
        body_field = item.get("content") or item.get("summary") if atom else item.get("description")
        created = item.get("published") or item.get("updated") if atom else item.get("pubDate") or item.get("date")
        labels = [c.get("term", "") if isinstance(c, dict) else text_of(c) for c in _list(item.get("category"))]
        labels += [text_of(label) for label in _list(item.get("labels"))]  # GitLab's feeds
        out.add(
            TrackerIssue(
                key=out.key(key, row_no, title),
                id=key or str(row_no),
                title=title,
                body=_html(body_field),
                labels=clean_labels(labels),
                state="",
                url=link or None,
                created=_date(created),
                source=doc.kind,
            )
        )
    out.result.records = doc.shown_path
    out.result.mapping = (
        {"id": "title [KEY] | link | id", "title": "title", "body": "content | summary (HTML)",
         "labels": "category/@term + labels/label", "url": "link/@href", "created": "published | updated"}
        if atom else
        {"id": "title [KEY] | link | guid", "title": "title", "body": "description (HTML)", "labels": "category",
         "url": "link", "created": "pubDate"}
    )  # fmt: skip
    return out.result


def _atom_link(value: object) -> str:
    links = [link for link in _list(value) if isinstance(link, dict)]
    chosen = next((link for link in links if link.get("rel", "alternate") == "alternate"), links[0] if links else {})
    return str(chosen.get("href", "")).strip()


def _feed_key(raw_title: str, link: str, guid: str) -> tuple[str, str]:
    """The issue key and the title without it: `[SHOP-1] Title`, a Jira browse link, an `/issues/12` link (`#12`),
    or the guid when it is short."""
    bracketed = _BRACKETED.match(raw_title)
    if bracketed:
        return bracketed.group(1), title_text(bracketed.group(2))
    title = title_text(raw_title)
    redmine = _REDMINE_TITLE.match(title)
    if redmine and link.rstrip("/").endswith(f"/issues/{redmine.group(1)}"):  # `Project - Bug #7 (New): subject`
        return redmine.group(1), redmine.group(2)
    for text in (link, guid):
        if browse := _BROWSE.search(text):
            return browse.group(1), title
        if number := ISSUE_LINK.match(text):  # the GitHub and GitLab readers' keys, `#12` elsewhere
            prefix = "GH-" if "github.com/" in text else "GL-" if "/-/issues/" in text else "#"
            return f"{prefix}{number.group(1)}", title
    return (guid if guid and len(guid) <= 64 and " " not in guid else ""), title


def read_bugzilla_xml(doc: XmlDoc, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read Bugzilla's XML (`show_bug.cgi?ctype=xml`): each `<bug>`; its first comment is the description."""
    out = Collector("bugzilla xml", options)
    for row_no, bug in enumerate(doc.records(), 1):
        if bug.get("error"):
            out.skip(f"ROW-{row_no}", f"bug {text_of(bug.get('error'))}")
            continue
        number = text_of(bug.get("bug_id")).strip()
        texts = [text_of(c.get("thetext")).strip() for c in _list(bug.get("long_desc")) if isinstance(c, dict)]
        title = title_text(text_of(bug.get("short_desc")))
        out.add(
            TrackerIssue(
                key=out.key(f"BZ-{number}" if number else "", row_no, title),
                id=number,
                title=title,
                body=texts[0] if texts else "",
                labels=_bug_labels(bug),
                state=normalize_state(text_of(bug.get("bug_status"))),
                comments=tuple(t for t in texts[1:] if t),
                created=optional_text(text_of(bug.get("creation_ts"))),
                source="bugzilla",
            )
        )
    out.result.records = doc.shown_path
    out.result.mapping = {"id": "bug_id", "title": "short_desc", "body": "long_desc[0]/thetext",
                          "labels": "keywords + component", "state": "bug_status",
                          "comments": "long_desc[1:]/thetext", "created": "creation_ts"}  # fmt: skip
    return out.result


def _bug_labels(bug: dict[str, Any]) -> tuple[str, ...]:
    keywords = [keyword for value in _list(bug.get("keywords")) for keyword in text_of(value).split(",")]
    return clean_labels([*keywords, text_of(bug.get("component"))])
