"""Batch drafting: one PRP per issue of a tracker export, under one shared rate limiter, resumable after a crash,
with a cost estimate before anything is spent and reports that gather the questions the drafts share.

The journal in the out-dir gets one line per finished issue (fsync'd after both files were written atomically); a
re-run with --resume keeps those drafts and does not request them again, and redoes everything else.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from .config import Settings
from .drafting import DraftRequest, draft_async
from .errors import InputError, OutputExistsError, PrpAgentError
from .exports import ExportRead, TrackerIssue, read_export
from .limiter import LimitedModel, RateLimiter
from .model import ChatModel, Usage
from .openai_model import OpenAIChatModel
from .pricing import estimate_cost
from .questions import QuestionCluster, cluster_questions
from .storage import atomic_write, slug_for

__all__ = ["BatchRequest", "BatchResult", "IssueOutcome", "estimate_batch", "issue_description", "run_batch"]

JOURNAL = ".prp-batch.journal.jsonl"
_MAX_BODY = 8000
_MAX_COMMENTS = 2000
_MAX_NAME = 80
Status = Literal["drafted", "flagged", "failed", "skipped", "resumed", "planned"]


@dataclass
class BatchRequest:
    """What to read, which issues, where the drafts go, and the limits to respect."""

    export: str
    fmt: str = "auto"
    mapping: dict[str, str] | None = None
    labels: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    limit: int | None = None
    out_dir: str = "PRPs"
    template: str = "backend"
    repo: str | None = None
    resume: bool = False
    force: bool = False
    max_cost: float | None = None
    rpm: int | None = None
    tpm: int | None = None
    issue_concurrency: int = 8
    settings: Settings = field(default_factory=Settings)


@dataclass
class IssueOutcome:
    """How one issue ended."""

    key: str
    title: str
    status: Status
    output: str | None = None
    sidecar: str | None = None
    flags: dict[str, int] = field(default_factory=dict)
    questions: list[dict[str, str]] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)
    estimate_usd: float | None = None
    estimate_tokens: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The index/journal form."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, {}, [])}


@dataclass
class BatchResult:
    """Every issue's outcome, what was read, the recurring questions, totals and report paths."""

    read: ExportRead
    outcomes: list[IssueOutcome]
    clusters: list[QuestionCluster]
    usage: Usage
    elapsed_s: float
    mode: Literal["llm", "offline", "dry-run"]
    index_md: Path | None = None
    index_json: Path | None = None
    throttled: int = 0
    cost_usd: float | None = None

    @property
    def exit_code(self) -> int:
        """0 all drafted, 3 some failed, 1 none drafted."""
        done = [o for o in self.outcomes if o.status in {"drafted", "flagged", "resumed"}]
        failed = [o for o in self.outcomes if o.status == "failed"]
        if self.mode == "dry-run" or not failed:
            return 0 if done or self.mode == "dry-run" or not self.outcomes else 1
        return 3 if done else 1

    def summary(self) -> dict[str, Any]:
        """The `--json` summary."""
        counts = Counter(o.status for o in self.outcomes)
        return {
            "mode": self.mode,
            "format": self.read.format,
            "issues": len(self.outcomes),
            "counts": dict(sorted(counts.items())),
            "duplicates": self.read.duplicates,
            "skipped_on_read": [list(item) for item in self.read.skipped],
            "outcomes": [o.as_json() for o in self.outcomes],
            "recurring_questions": [c.as_json() for c in self.clusters],
            "usage": self.usage.as_dict(),
            "estimated_cost_usd": _round(sum(o.estimate_usd or 0 for o in self.outcomes)),
            "cost_usd": self.cost_usd,
            "throttled": self.throttled,
            "index": str(self.index_md) if self.index_md else None,
            "elapsed_s": round(self.elapsed_s, 3),
        }


def _round(value: float) -> float:
    return round(value, 4)


# --- reading and choosing issues ---------------------------------------------------------------------------------


def select_issues(request: BatchRequest) -> tuple[ExportRead, list[TrackerIssue]]:
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
    return read, chosen


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


def file_stem(issue: TrackerIssue) -> str:
    """`<key>-<slug>`: ASCII letters, digits and dashes only, length-capped, stable across runs."""
    key = re.sub(r"[^A-Za-z0-9]+", "-", issue.key).strip("-")[:24] or "issue"
    slug = slug_for(issue.title, limit=_MAX_NAME - len(key) - 1)
    return f"{key}-{slug}"


# --- estimates ---------------------------------------------------------------------------------------------------


def estimate_batch(request: BatchRequest, issues: list[TrackerIssue]) -> list[IssueOutcome]:
    """Requests, prompt and completion tokens and cost per issue, without calling any API."""
    from .estimate import estimate_issue

    outcomes = []
    for issue in issues:
        tokens = estimate_issue(issue_description(issue), request.template, request.settings, request.repo)
        usage = Usage(tokens["requests"], tokens["prompt_tokens"], tokens["completion_tokens"], 0)
        outcomes.append(
            IssueOutcome(
                issue.key,
                issue.title,
                "planned",
                output=str(Path(request.out_dir) / f"{file_stem(issue)}.md"),
                estimate_usd=_cost(request.settings, usage),
                estimate_tokens=tokens,
            )
        )
    return outcomes


def _cost(settings: Settings, usage: Usage) -> float | None:
    cost = estimate_cost(settings.model, usage, settings.price_override())
    return _round(cost) if cost is not None else None


# --- journal -----------------------------------------------------------------------------------------------------


def _journal_entries(out_dir: Path) -> dict[str, dict[str, Any]]:
    path = out_dir / JOURNAL
    entries: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line torn by a crash: that issue is redone
        if isinstance(entry, dict) and "key" in entry:
            entries[entry["key"]] = entry
    return entries


def _journal_append(out_dir: Path, outcome: IssueOutcome) -> None:
    record = {**outcome.as_json(), "at": datetime.now(UTC).isoformat(timespec="seconds")}
    with open(out_dir / JOURNAL, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _check_out_dir(request: BatchRequest, issues: list[TrackerIssue], journal: dict[str, dict[str, Any]]) -> None:
    out_dir = Path(request.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out-dir {out_dir} is not a directory")
    if journal and not (request.resume or request.force):
        raise InputError(f"{out_dir / JOURNAL} exists: pass --resume to continue that run, or --force to start over")
    if request.resume or request.force:
        return
    for issue in issues:
        target = out_dir / f"{file_stem(issue)}.md"
        if target.exists():
            raise OutputExistsError(
                f"{target} already exists; pass --resume to keep finished drafts, or --force to redo them"
            )


# --- running -----------------------------------------------------------------------------------------------------

Progress = Callable[[str, IssueOutcome], None]


def run_batch(
    request: BatchRequest, *, model: ChatModel | None = None, progress: Progress | None = None, dry_run: bool = False
) -> BatchResult:
    """Draft every selected issue (or only estimate them), write the index, and return every outcome."""
    started = time.perf_counter()
    read, issues = select_issues(request)
    planned = estimate_batch(request, issues)
    if dry_run:
        return BatchResult(read, planned, [], Usage(), time.perf_counter() - started, "dry-run")
    if request.max_cost is not None and any(p.estimate_usd is None for p in planned):
        raise InputError(
            f"--max-cost needs a price for {request.settings.model}: set price_input and price_output in the config"
        )
    out_dir = Path(request.out_dir)
    journal = {} if request.force else _journal_entries(out_dir)
    _check_out_dir(request, issues, journal if not request.force else {})
    if request.force and (out_dir / JOURNAL).exists():
        (out_dir / JOURNAL).unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes, usage, throttled, mode = asyncio.run(_run_all(request, issues, planned, journal, model, progress))
    clusters = cluster_questions(outcomes)
    result = BatchResult(read, outcomes, clusters, usage, time.perf_counter() - started, mode, throttled=throttled)
    result.cost_usd = _cost(request.settings, usage) if mode == "llm" else None
    result.index_md, result.index_json = write_reports(out_dir, result)
    return result


async def _run_all(
    request: BatchRequest,
    issues: list[TrackerIssue],
    planned: list[IssueOutcome],
    journal: dict[str, dict[str, Any]],
    model: ChatModel | None,
    progress: Progress | None,
) -> tuple[list[IssueOutcome], Usage, int, Literal["llm", "offline"]]:
    settings = request.settings
    repo = None
    if request.repo:
        from .repo.inspect import inspect_repo

        repo = inspect_repo(request.repo, budget=settings.context_budget, model=settings.model)
    owned = model is None and settings.use_model
    limiter = RateLimiter(request.rpm, request.tpm)
    if owned:
        inner = OpenAIChatModel(model=settings.model, api_key=settings.api_key, base_url=settings.base_url,
                                timeout=settings.timeout, attempts=1, concurrency=256)  # fmt: skip
        model = LimitedModel(inner, limiter, attempts=settings.retries + 1)
    elif model is not None and (request.rpm or request.tpm):
        model = LimitedModel(model, limiter, attempts=settings.retries + 1)
    gate = asyncio.Semaphore(max(1, request.issue_concurrency))
    budget = _Budget(request.max_cost)
    usage = Usage()

    async def one(issue: TrackerIssue, plan: IssueOutcome) -> IssueOutcome:
        done = journal.get(issue.key)
        if done and done.get("status") in {"drafted", "flagged"} and Path(done.get("output", "")).exists():
            outcome = IssueOutcome(issue.key, issue.title, "resumed", done.get("output"), done.get("sidecar"),
                                   done.get("flags", {}), done.get("questions", []), done.get("usage", {}))  # fmt: skip
            if progress:
                progress("resumed", outcome)
            return outcome
        async with gate:
            if not budget.admit(plan.estimate_usd):
                outcome = IssueOutcome(
                    issue.key, issue.title, "skipped", error=f"--max-cost {request.max_cost:g} USD reached"
                )
                if progress:
                    progress("skipped", outcome)
                return outcome
            if progress:
                progress("started", plan)
            outcome = await _draft_issue(request, issue, model, repo)
            budget.settle(plan.estimate_usd, _cost(settings, Usage(**outcome.usage)) if outcome.usage else 0.0)
            usage.add(Usage(**outcome.usage) if outcome.usage else Usage())
            if outcome.status != "failed":
                _journal_append(Path(request.out_dir), outcome)
            if progress:
                progress(outcome.status, outcome)
            return outcome

    try:
        outcomes = await asyncio.gather(*(one(issue, plan) for issue, plan in zip(issues, planned, strict=True)))
    finally:
        close = getattr(model, "aclose", None)
        if owned and close is not None:
            await close()
    return list(outcomes), usage, limiter.throttled, "llm" if model is not None else "offline"


class _Budget:
    """Spent plus in-flight estimates never pass --max-cost when a new issue starts."""

    def __init__(self, cap: float | None) -> None:
        self.cap, self.spent, self.reserved = cap, 0.0, 0.0

    def admit(self, estimate: float | None) -> bool:
        if self.cap is None:
            return True
        if self.spent + self.reserved + (estimate or 0.0) > self.cap:
            return False
        self.reserved += estimate or 0.0
        return True

    def settle(self, estimate: float | None, actual: float | None) -> None:
        if self.cap is not None:
            self.reserved -= estimate or 0.0
            self.spent += actual or 0.0


async def _draft_issue(request: BatchRequest, issue: TrackerIssue, model: ChatModel | None, repo: Any) -> IssueOutcome:
    stem = file_stem(issue)
    out_dir = Path(request.out_dir)
    draft = DraftRequest(issue_description(issue), template=request.template, output=str(out_dir / f"{stem}.md"),
                         force=True, settings=request.settings)  # fmt: skip
    try:
        result = await draft_async(draft, model, repo=repo)
    except PrpAgentError as exc:
        return IssueOutcome(issue.key, issue.title, "failed", error=exc.message)
    flags = Counter(f.code.value for s in result.sections for f in s.flags)
    questions = [
        {"section": s.id, "question": q.question, "suggested_answer": q.suggested_answer}
        for s in result.sections
        for q in s.open_questions
    ]
    status: Status = "flagged" if any(s.status == "flagged" for s in result.sections) else "drafted"
    return IssueOutcome(
        issue.key,
        issue.title,
        status,
        output=str(result.output),
        sidecar=str(result.sidecar),
        flags=dict(sorted(flags.items())),
        questions=questions,
        usage=result.usage.as_dict(),
    )


# --- reports -----------------------------------------------------------------------------------------------------


def write_reports(out_dir: Path, result: BatchResult) -> tuple[Path, Path]:
    """INDEX.md and index.json: every issue → its PRP, status, flag counts, top open questions; recurring questions."""
    index_json = out_dir / "index.json"
    index_md = out_dir / "INDEX.md"
    atomic_write(index_json, json.dumps(result.summary(), indent=2, ensure_ascii=False) + "\n", force=True)
    lines = [
        f"# PRP index — {result.read.format} export",
        "",
        "| Issue | Title | PRP | Status | Flags | Top open questions |",
        "|---|---|---|---|---|---|",
    ]
    for o in result.outcomes:
        link = f"[{Path(o.output).name}]({Path(o.output).name})" if o.output else "—"
        flags = ", ".join(f"{code} ×{n}" for code, n in o.flags.items()) or "—"
        top = "<br>".join(_cell(q["question"]) for q in o.questions[:3]) or "—"
        status = o.status + (f": {_cell(o.error)}" if o.error else "")
        lines.append(f"| {_cell(o.key)} | {_cell(o.title)} | {link} | {status} | {flags} | {top} |")
    if result.clusters:
        lines += ["", "## Questions that recur across issues", ""]
        for cluster in result.clusters:
            lines.append(f"- **{_cell(cluster.question)}** — {len(cluster.issues)} issues: {', '.join(cluster.issues)}")
            if cluster.suggested_answers:
                lines.append(f"  - suggested: {'; '.join(_cell(a) for a in cluster.suggested_answers[:3])}")
    atomic_write(index_md, "\n".join(lines) + "\n", force=True)
    return index_md, index_json


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")[:200]
