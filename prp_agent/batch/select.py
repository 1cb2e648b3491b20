"""Which issues a batch drafts, the description each is drafted from, and the file each draft is written to."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from prp_agent.batch.journal import JOURNAL
from prp_agent.batch.types import BatchRequest
from prp_agent.errors import InputError, OutputExistsError
from prp_agent.exports import ExportRead, TrackerIssue, read_export
from prp_agent.secrets.redaction import redact_text
from prp_agent.storage import slug_for

__all__ = [
    "Selection",
    "StemNamer",
    "check_out_dir",
    "issue_description",
    "output_stems",
    "scan_issues",
    "select_issues",
]

_MAX_BODY = 8000
_MAX_COMMENTS = 2000
_MAX_NAME = 80
_KEY_CHARS = 24


class Selection:
    """The export as read, the issues chosen from it, and a unique file stem for every issue of the export."""

    def __init__(self, read: ExportRead, issues: list[TrackerIssue]) -> None:
        self.read = read
        self.issues = issues
        self.stems = output_stems(read.issues)

    def pin(self, stems: dict[str, str]) -> None:
        """Keep the file stems an earlier run gave these keys (a resumed run never renames a finished draft, and no
        other issue ever takes its file)."""
        self.stems = output_stems(self.read.issues, stems)

    def output(self, out_dir: str | Path, issue: TrackerIssue) -> Path:
        """Where this issue's PRP goes."""
        return Path(out_dir) / f"{self.stems[issue.key]}.md"


class _Filter:
    """--ids, --filter label=/state= and --limit as one test per issue, in export order."""

    def __init__(self, request: BatchRequest) -> None:
        self.ids = {i.strip().lower() for i in request.ids}
        self.labels = {label.lower() for label in request.labels}
        self.states = {state.lower() for state in request.states}
        self.limit = request.limit
        self.chosen = 0

    def __call__(self, issue: TrackerIssue) -> bool:
        if self.ids and issue.key.lower() not in self.ids and issue.id.lower() not in self.ids:
            return False
        if self.labels and not self.labels <= {label.lower() for label in issue.labels}:
            return False
        if self.states and issue.state.lower() not in self.states:
            return False
        if self.limit is not None and self.chosen >= self.limit:
            return False
        self.chosen += 1
        return True


def select_issues(request: BatchRequest) -> Selection:
    """Read the export and apply --filter label=/state=, --ids and --limit."""
    read = read_export(request.export, request.fmt, request.mapping)
    read.issues = [_titled(issue) for issue in read.issues]
    wanted = _Filter(request)
    chosen = [issue for issue in read.issues if wanted(issue)]
    if not chosen:
        raise InputError(_nothing_chosen(request, read))
    return Selection(read, chosen)


def _titled(issue: TrackerIssue) -> TrackerIssue:
    """The issue with secrets redacted from its title: a title reaches file names, INDEX.md, index.json and the
    journal, none of which may hold a key someone pasted into it. (The body is redacted where it is drafted.)"""
    clean = redact_text(issue.title)
    return issue if clean == issue.title else replace(issue, title=clean)


def _nothing_chosen(request: BatchRequest, read: ExportRead) -> str:
    """Why a batch has nothing to draft, in one line."""
    if read.issues:
        return f"no issue of {request.export} matches --ids/--filter ({len(read.issues)} issues read; see --list)"
    reasons: dict[str, int] = {}
    for _, reason in read.skipped:
        reasons[reason] = reasons.get(reason, 0) + 1
    listed = ", ".join(f"{reason} × {count}" for reason, count in reasons.items())
    return f"{request.export} holds no issues to draft" + (f" (skipped: {listed})" if listed else "")


def scan_issues(request: BatchRequest, emit: Callable[[TrackerIssue, str], None]) -> ExportRead:
    """Listing: read the export as a stream and hand each chosen issue (its body's length only) and the file stem
    a batch would write it to to `emit`, as it is read. CSV and JSON Lines exports of any size are listed in
    bounded memory; the result holds how the export was read, duplicates, skips and warnings, not the issues."""
    wanted, namer = _Filter(request), StemNamer()

    def take(issue: TrackerIssue) -> None:
        issue = _titled(issue)
        stem = namer.stem(issue)
        if wanted(issue):
            emit(issue, stem)

    return read_export(request.export, request.fmt, request.mapping, keep_bodies=False, sink=take)


def issue_description(issue: TrackerIssue) -> str:
    """The description a PRP is drafted from: title, labels, body and comments, each trimmed to a budget."""
    parts = [issue.title.strip() or f"Issue {issue.key} (the export gives it no title)"]
    if issue.labels:
        parts.append("Labels: " + ", ".join(issue.labels))
    body = issue.body.strip()
    if len(body) > _MAX_BODY:
        body = body[:_MAX_BODY].rsplit("\n", 1)[0] + "\n… (issue body trimmed)"
    if body:
        parts.append(body)
    comments, used = [], 0
    for comment in issue.comments:
        text = " ".join(comment.split())
        if used + len(text) > _MAX_COMMENTS:
            comments.append("… (more comments trimmed)")
            break
        comments.append(f"- {text}")
        used += len(text)
    if comments:
        parts.append("Comments:\n" + "\n".join(comments))
    return "\n\n".join(parts)


def _base_stem(issue: TrackerIssue) -> str:
    made = re.fullmatch(r"(\d+)-([a-z0-9-]+)", issue.key)
    if made and slug_for(issue.title, limit=_MAX_NAME).startswith(made.group(2)[:16]):  # a key made from the title
        return f"{made.group(1)}-{slug_for(issue.title, limit=_MAX_NAME - len(made.group(1)) - 8)}"
    key = re.sub(r"[^A-Za-z0-9]+", "-", issue.key).strip("-")[:_KEY_CHARS].strip("-") or "issue"
    slug = slug_for(issue.title, limit=_MAX_NAME - len(key) - 8)
    return f"{key}-{slug}"


class StemNamer:
    """`<key>-<slug>` file stems in export order: ASCII letters, digits and dashes, length-capped and stable across
    runs. A stem that an earlier issue already has (keys that differ only in characters a file name cannot hold,
    long keys sharing a prefix, a case-insensitive file system) gets a short hash of the full key, so no draft
    overwrites another; the first keeps the plain stem, which lets a stream of issues be named as it is read.

    `pinned` (key → stem) are the names an earlier run of the same out-dir gave: those keys keep them whatever the
    export's order now, and no other key gets one of them."""

    def __init__(self, pinned: dict[str, str] | None = None) -> None:
        self._pinned = dict(pinned or {})
        self._seen: set[str] = {stem.lower() for stem in self._pinned.values()}

    def stem(self, issue: TrackerIssue) -> str:
        """The stem of the next issue."""
        if issue.key in self._pinned:
            return self._pinned[issue.key]
        base = _base_stem(issue)
        if base.lower() in self._seen:
            base = f"{base}-{hashlib.sha256(issue.key.encode()).hexdigest()[:6]}"
        self._seen.add(base.lower())
        return base


def output_stems(issues: list[TrackerIssue], pinned: dict[str, str] | None = None) -> dict[str, str]:
    """The file stem of every issue, by key (see StemNamer)."""
    namer = StemNamer(pinned)
    return {issue.key: namer.stem(issue) for issue in issues}


def check_out_dir(request: BatchRequest, selection: Selection, journal_found: bool) -> None:
    """Refuse to start over a previous run's drafts unless --resume or --force says what to do with them."""
    out_dir = Path(request.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out-dir {out_dir} is not a directory")
    if journal_found and not (request.resume or request.force):
        raise InputError(f"{out_dir / JOURNAL} exists: pass --resume to continue that run, or --force to start over")
    if request.resume or request.force:
        return
    for issue in selection.issues:
        target = selection.output(out_dir, issue)
        if target.exists():
            raise OutputExistsError(
                f"{target} already exists; pass --resume to keep finished drafts, or --force to redo them"
            )
