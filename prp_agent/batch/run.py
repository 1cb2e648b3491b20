"""Batch drafting: one PRP per issue of a tracker export, under one shared rate limiter, resumable after a crash,
with a cost estimate before anything is spent and reports that gather the questions the drafts share.

Every brief and validated section is journalled as it arrives; `--resume` keeps finished drafts, sends nothing for
them, and for an unfinished issue requests only the sections it is missing.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import Counter
from pathlib import Path
from typing import Any, Literal, Protocol

from prp_agent.batch.estimates import cost_of, estimate_batch
from prp_agent.batch.journal import Journal, JournalState, OutDirLock
from prp_agent.batch.questions import cluster_questions
from prp_agent.batch.reports import write_reports
from prp_agent.batch.select import Selection, check_out_dir, issue_description, select_issues
from prp_agent.batch.types import BatchRequest, BatchResult, IssueOutcome, Status
from prp_agent.drafting import DraftHooks, DraftRequest, draft_async
from prp_agent.errors import InputError, PrpAgentError
from prp_agent.exports import TrackerIssue
from prp_agent.llm.gate import priority
from prp_agent.llm.limiter import LimitedModel, RateLimiter
from prp_agent.llm.protocol import ChatModel, Usage, close_model
from prp_agent.llm.providers import build_model
from prp_agent.llm.retry import RetryPolicy
from prp_agent.templates.schemas import Brief
from prp_agent.types import FlagCode, SectionResult

__all__ = ["Progress", "run_batch"]


class Progress(Protocol):
    """What a batch tells its caller as it goes: how many issues it will draft, then each issue's events
    (started, resumed, skipped, drafted, flagged, failed)."""

    def stage(self, text: str) -> None:
        """What the run is doing before its first issue (reading the export, estimating)."""

    def planned(self, total: int) -> None:
        """The number of issues this run will go through."""

    def issue(self, event: str, outcome: IssueOutcome) -> None:
        """One issue started or ended."""


_FINISHED = {"drafted", "flagged"}
_REDO = {FlagCode.REQUEST_FAILED, FlagCode.REFUSAL, FlagCode.TRUNCATED, FlagCode.VALIDATION_FAILED}


def run_batch(
    request: BatchRequest, *, model: ChatModel | None = None, progress: Progress | None = None, dry_run: bool = False
) -> BatchResult:
    """Draft every selected issue (or only estimate them), write the index, and return every outcome."""
    started = time.perf_counter()
    if progress is not None:
        progress.stage(f"reading {Path(request.export).name}")
    selection = select_issues(request)
    if progress is not None:
        progress.planned(len(selection.issues))
        progress.stage("estimating tokens")
    planned = estimate_batch(request, selection)
    if progress is not None:
        progress.stage("")
    if dry_run:
        _within_cap(planned, request.max_cost)
        result = BatchResult(selection.read, planned, [], Usage(), time.perf_counter() - started, "dry-run")
        result.would_be_offline, result.model = not request.settings.use_model, request.settings.model
        return result
    if request.max_cost is not None and any(p.estimate_usd is None for p in planned):
        raise InputError(
            f"--max-cost needs a price for {request.settings.model}: set price_input and price_output in the config"
        )
    out_dir = Path(request.out_dir)
    identity, keys = export_identity(request, selection), {issue.key for issue in selection.read.issues}
    if request.resume and not request.force and Journal(out_dir).exists:  # refused before anything is touched
        previous = Journal(out_dir)
        previous.load()
        previous.check(identity, keys)
    with OutDirLock(out_dir):
        journal = Journal(out_dir)
        if request.force and journal.exists:
            journal.load()
            earlier = len(journal.stems())
            selection.read.warnings.append(
                f"--force: a new run in {out_dir}; the {earlier} PRP(s) an earlier run wrote there stay on disk, and "
                "INDEX.md lists only what this run drafts"
            )  # fmt: skip
        if request.force:
            journal.reset()
        check_out_dir(request, selection, journal_found=journal.exists)
        journal.load()
        journal.bind(identity, keys)
        selection.pin(journal.stems())
        runner = _Runner(request, selection, journal, progress)
        outcomes, usage, throttled, mode = asyncio.run(runner.run_all(planned, model))
        clusters = cluster_questions(outcomes)
        result = BatchResult(
            selection.read, outcomes, clusters, usage, time.perf_counter() - started, mode, throttled=throttled
        )
        result.cost_usd = cost_of(request.settings, usage) if mode == "llm" else None
        result.index_md, result.index_json = write_reports(out_dir, result)
    return result


def export_identity(request: BatchRequest, selection: Selection) -> dict[str, Any]:
    """What identifies the export a run drafts from: its path, size and content hash, and how it was read."""
    path = Path(request.export)
    digest = hashlib.sha256()
    size = 0
    if path.is_file():  # read again in blocks: the reader may have streamed it
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    return {"path": str(path), "size": size, "sha256": digest.hexdigest(),
            "format": selection.read.format, "mapping": selection.read.mapping}  # fmt: skip


def _within_cap(planned: list[IssueOutcome], cap: float | None) -> None:
    """A dry run under --max-cost: the issues a real run would not start are marked skipped, in order."""
    if cap is None:
        return
    spent = 0.0
    for outcome in planned:
        cost = outcome.estimate_usd or 0.0
        if spent + cost > cap:
            outcome.status, outcome.error = "skipped", f"would pass --max-cost {cap:g} USD"
        else:
            spent += cost


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class _Runner:
    """One batch run: the issues, the journal, the budget and the shared model."""

    def __init__(
        self, request: BatchRequest, selection: Selection, journal: Journal, progress: Progress | None
    ) -> None:
        self.request, self.selection, self.journal, self.progress = request, selection, journal, progress
        self.budget = _Budget(request.max_cost)
        self.usage = Usage()
        self.repo: Any = None

    def _report(self, event: str, outcome: IssueOutcome) -> None:
        if self.progress is not None:
            self.progress.issue(event, outcome)

    async def run_all(
        self, planned: list[IssueOutcome], model: ChatModel | None
    ) -> tuple[list[IssueOutcome], Usage, int, Literal["llm", "offline"]]:
        settings = self.request.settings
        if self.request.repo:
            from prp_agent.repo.inspect import inspect_repo

            self.repo = inspect_repo(self.request.repo, budget=settings.context_budget, model=settings.model)
        owned = model is None and settings.use_model
        limiter = RateLimiter(self.request.rpm, self.request.tpm)
        if owned:
            model = LimitedModel(build_model(settings, attempts=1, concurrency=256), limiter,
                                 retry=RetryPolicy.from_settings(settings))  # fmt: skip
        elif model is not None and (self.request.rpm or self.request.tpm):
            model = LimitedModel(model, limiter, retry=RetryPolicy.from_settings(settings))
        gate = asyncio.Semaphore(max(1, self.request.issue_concurrency))

        async def one(index: int, issue: TrackerIssue, plan: IssueOutcome) -> IssueOutcome:
            state = self.journal.state.get(issue.key, JournalState())
            finished = state.outcome
            if finished and finished.get("status") in _FINISHED and Path(finished.get("output", "")).exists():
                outcome = _resumed(issue, finished)
                self._report("resumed", outcome)
                return outcome
            async with gate:
                with priority(index):  # earlier issues' requests go first: drafts finish one after another
                    return await self._draft_one(issue, plan, state, model)

        try:
            pairs = enumerate(zip(self.selection.issues, planned, strict=True))
            outcomes = await asyncio.gather(*(one(index, issue, plan) for index, (issue, plan) in pairs))
        finally:
            if owned:
                await close_model(model)
        return list(outcomes), self.usage, limiter.throttled, "llm" if model is not None else "offline"

    async def _draft_one(
        self, issue: TrackerIssue, plan: IssueOutcome, state: JournalState, model: ChatModel | None
    ) -> IssueOutcome:
        if not self.budget.admit(plan.estimate_usd):
            outcome = IssueOutcome(
                issue.key, issue.title, "skipped", error=f"--max-cost {self.request.max_cost:g} USD reached"
            )
            self._report("skipped", outcome)
            return outcome
        self._report("started", plan)
        outcome = await self._draft_issue(issue, state, model)
        spent = Usage(**outcome.usage) if outcome.usage else Usage()
        outcome.cost_usd = cost_of(self.request.settings, spent) if outcome.usage else None
        self.budget.settle(plan.estimate_usd, outcome.cost_usd or 0.0)
        self.usage.add(spent)
        if outcome.status != "failed":
            self.journal.append({"type": "issue", **outcome.as_json()})
        self._report(outcome.status, outcome)
        return outcome

    def _hooks(self, key: str, description_sha: str, state: JournalState) -> DraftHooks:
        resumed = state.description_sha == description_sha
        brief = Brief.model_validate(state.brief) if resumed and state.brief else None
        sections = {k: SectionResult.model_validate(v) for k, v in state.sections.items()} if resumed else {}

        def on_brief(drafted: Brief) -> None:
            entry = {"type": "brief", "key": key, "description_sha": description_sha}
            self.journal.append({**entry, "brief": drafted.model_dump(mode="json")})

        def on_section(result: SectionResult, usage: Usage) -> None:
            if any(flag.code in _REDO for flag in result.flags):
                return  # not an answer worth keeping: a resumed run asks again
            entry = {"type": "section", "key": key, "description_sha": description_sha}
            self.journal.append({**entry, "section": result.model_dump(mode="json"), "usage": usage.as_json()})

        return DraftHooks(brief=brief, sections=sections, on_brief=on_brief, on_section=on_section)

    async def _draft_issue(self, issue: TrackerIssue, state: JournalState, model: ChatModel | None) -> IssueOutcome:
        description = issue_description(issue)
        output = self.selection.output(self.request.out_dir, issue)
        source = {name: value for name in ("key", "url", "parent", "source") if (value := getattr(issue, name))}
        draft = DraftRequest(description, template=self.request.template, output=str(output), force=True,
                             settings=self.request.settings, source=source)  # fmt: skip
        hooks = self._hooks(issue.key, _sha(description), state)
        try:
            result = await draft_async(draft, model, repo=self.repo, hooks=hooks)
        except PrpAgentError as exc:
            return IssueOutcome(issue.key, issue.title, "failed", error=exc.message, url=issue.url, parent=issue.parent)
        outcome = issue_outcome(issue, result.sections, result.usage, str(result.output), str(result.sidecar))
        outcome.notes = [w for w in result.warnings if w.startswith("redacted ")]
        return outcome


def issue_outcome(
    issue: TrackerIssue | Any, sections: list[SectionResult], usage: Usage, output: str, sidecar: str
) -> IssueOutcome:
    """An issue's outcome from its drafted sections: flagged when any section is, flag counts, its questions."""
    flags = Counter(f.code.value for s in sections for f in s.flags)
    questions = [
        {"section": s.id, "question": q.question, "suggested_answer": q.suggested_answer}
        for s in sections
        for q in s.open_questions
    ]
    status: Status = "flagged" if any(s.status == "flagged" for s in sections) else "drafted"
    return IssueOutcome(issue.key, issue.title, status, output=output, sidecar=sidecar,
                        flags=dict(sorted(flags.items())), questions=questions, usage=usage.as_json(),
                        url=getattr(issue, "url", None), parent=getattr(issue, "parent", None))  # fmt: skip


def _resumed(issue: TrackerIssue, done: dict[str, Any]) -> IssueOutcome:
    return IssueOutcome(issue.key, issue.title, "resumed", done.get("output"), done.get("sidecar"),
                        done.get("flags", {}), done.get("questions", []), done.get("usage", {}), url=issue.url,
                        parent=issue.parent)  # fmt: skip


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
