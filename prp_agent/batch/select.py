"""Which issues a batch drafts, the description each is drafted from, and the file each draft is written to."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from prp_agent.errors import InputError, OutputExistsError
from prp_agent.exports import ExportRead, TrackerIssue, read_export
from prp_agent.storage import slug_for

from .journal import JOURNAL
from .types import BatchRequest

__all__ = ["Selection", "check_out_dir", "issue_description", "output_stems", "select_issues"]

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

    def output(self, out_dir: str | Path, issue: TrackerIssue) -> Path:
        """Where this issue's PRP goes."""
        return Path(out_dir) / f"{self.stems[issue.key]}.md"


def select_issues(request: BatchRequest) -> Selection:
    """Read the export and apply --filter label=/state=, --ids and --limit."""
    read = read_export(request.export, request.fmt, request.mapping)
    wanted_ids = {i.strip().lower() for i in request.ids}
    labels = {label.lower() for label in request.labels}
    states = {state.lower() for state in request.states}
    chosen = []
    for issue in read.issues:
        if wanted_ids and issue.key.lower() not in wanted_ids and issue.id.lower() not in wanted_ids:
            continue
        if labels and not labels <= {label.lower() for label in issue.labels}:
            continue
        if states and issue.state.lower() not in states:
            continue
        chosen.append(issue)
    if request.limit is not None:
        chosen = chosen[: request.limit]
    return Selection(read, chosen)


def issue_description(issue: TrackerIssue) -> str:
    """The description a PRP is drafted from: title, labels, body and comments, each trimmed to a budget."""
    parts = [issue.title.strip()]
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
    key = re.sub(r"[^A-Za-z0-9]+", "-", issue.key).strip("-")[:_KEY_CHARS].strip("-") or "issue"
    slug = slug_for(issue.title, limit=_MAX_NAME - len(key) - 8)
    return f"{key}-{slug}"


def output_stems(issues: list[TrackerIssue]) -> dict[str, str]:
    """`<key>-<slug>` per issue key: ASCII letters, digits and dashes, length-capped and stable across runs.

    Stems that would collide (keys that differ only in characters a file name cannot hold, long keys sharing a
    prefix, a case-insensitive file system) all get a short hash of the full key, so no draft overwrites another.
    """
    bases = {issue.key: _base_stem(issue) for issue in issues}
    counts: dict[str, int] = {}
    for base in bases.values():
        counts[base.lower()] = counts.get(base.lower(), 0) + 1
    stems = {}
    for key, base in bases.items():
        if counts[base.lower()] > 1:
            base = f"{base}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"
        stems[key] = base
    return stems


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
