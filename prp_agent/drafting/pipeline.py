"""Draft a whole PRP: one brief call, then every section concurrently, validated, re-asked, reviewed and rendered.

Every section request starts with the same messages (system prompt, the delimited description, the brief) and ends
with the section-specific one, so providers can cache the shared prefix. Sections fail one by one: a refusal,
truncation, exhausted re-asks or a failed request flags that section and the others are still drafted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import prp_agent.drafting.review as review
from prp_agent.config import Settings, draft_deadline
from prp_agent.drafting.asking import Asked, RunState, ask
from prp_agent.drafting.budgets import answer_budget
from prp_agent.drafting.consistency import find_inconsistencies
from prp_agent.drafting.flags import brief_failed, request_failed, with_flags
from prp_agent.drafting.grounding import grounded_values
from prp_agent.drafting.keeping import (
    brief_problems,
    check_kept,
    document_texts,
    fact_flags,
    fact_owners,
    host_slot,
)
from prp_agent.drafting.offline import (
    DescriptionFacts,
    offline_brief,
    offline_values,
    read_description,
    unplaced_clauses,
)
from prp_agent.drafting.prompts import PromptSet, load_prompts
from prp_agent.drafting.stated import StatedFacts
from prp_agent.errors import DraftFailedError, InputError
from prp_agent.events import EventKind, emit
from prp_agent.llm.cassette import cassette_clock
from prp_agent.llm.pricing import estimate_cost
from prp_agent.llm.protocol import ChatMessage, ChatModel, ChatRequest, Usage, close_model
from prp_agent.llm.providers import build_model
from prp_agent.prpfile.outputs import OutputPlan, plan_outputs
from prp_agent.prpfile.parse import PrpDocument, parse_document
from prp_agent.prpfile.render import render_document
from prp_agent.prpfile.sidecar import Sidecar, SidecarTemplate, text_sha256
from prp_agent.prpfile.store import write_pair
from prp_agent.secrets.redaction import redact_input
from prp_agent.storage import atomic_write, slug_for
from prp_agent.templates.compiler import Template, load_template
from prp_agent.templates.schemas import Brief, SectionSpec, build_section_specs, strict_schema
from prp_agent.types import FlagCode, SectionResult
from prp_agent.version import version

if TYPE_CHECKING:
    from prp_agent.repo.inspect import RepoContext

__all__ = ["DraftHooks", "DraftRequest", "DraftResult", "build_sidecar", "draft_async", "draft_prp"]

_MAX_DESCRIPTION = 20_000


@dataclass
class DraftRequest:
    """What to draft and where to put it."""

    description: str
    template: str = "backend"
    output: str | None = None
    sidecar: str | None = None
    force: bool = False
    repo: str | None = None
    settings: Settings = field(default_factory=Settings)
    source: dict[str, str] | None = None  # the tracker issue drafted from (key, url, parent), for the sidecar


@dataclass
class DraftHooks:
    """What an interrupted earlier run already finished, and callbacks as this draft advances (a batch journals
    each brief and section as it arrives, so a crash costs only what was in flight)."""

    brief: Brief | None = None
    sections: dict[str, SectionResult] = field(default_factory=dict)
    on_brief: Callable[[Brief], None] | None = None
    on_section: Callable[[SectionResult, Usage], None] | None = None


@dataclass
class _Job:
    """What every step of one draft needs to know."""

    template: Template
    specs: list[SectionSpec]
    facts: DescriptionFacts
    settings: Settings
    repo: RepoContext | None
    prompts: PromptSet


@dataclass
class DraftResult:
    """A finished draft: where it went, how each section ended, and what it cost."""

    markdown: str
    output: Path | None
    sidecar: Path | None
    mode: Literal["llm", "offline"]
    model: str | None
    output_mode: str | None
    template: Template
    brief: Brief
    sections: list[SectionResult]
    usage: Usage
    elapsed_s: float
    warnings: list[str] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    repo: RepoContext | None = None
    stated: StatedFacts = field(default_factory=StatedFacts)
    prompts: PromptSet = field(default_factory=PromptSet)
    inconsistencies: list[str] = field(default_factory=list)  # places of the document that disagree (warnings)
    incomplete: str | None = None  # why some sections were never answered (the deadline passed)

    @property
    def grounded_by(self) -> list[str]:
        """What the draft stands on, as it really was: the description, the repository read, the model asked."""
        sources = ["the description"]
        if self.repo is not None:
            facts = self.repo.facts
            sources.append(f"the repository ({len(facts.routes)} routes, {len(facts.entities)} models, "
                           f"{len(facts.facts)} stack facts)")  # fmt: skip
        if self.model is not None:
            sources.append(f"the model {self.model}")
        return sources

    def as_json(self) -> dict[str, Any]:
        """The `--json` summary."""
        return {
            "output": str(self.output) if self.output else None,
            "sidecar": str(self.sidecar) if self.sidecar else None,
            "mode": self.mode,
            "model": self.model,
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "status": s.status,
                    "flags": [{"code": f.code.value, "message": f.message} for f in s.flags],
                }
                for s in self.sections
            ],
            "stated_facts": [{"kind": f.kind, "value": f.value, "text": f.text} for f in self.stated.facts],
            "grounded_by": self.grounded_by,
            "inconsistencies": self.inconsistencies,
            "usage": self.usage.as_json(),
            "estimated_cost_usd": self.cost_usd,
            "elapsed_s": round(self.elapsed_s, 3),
        }

    @property
    def cost_usd(self) -> float | None:
        """What the requests cost at the model's list price (None offline or for a model without a known price)."""
        if self.model is None:
            return None
        cost = estimate_cost(self.model, self.usage)
        return round(cost, 6) if cost is not None else None


def draft_prp(request: DraftRequest, model: ChatModel | None = None) -> DraftResult:
    """Draft a PRP from a description, write the markdown and sidecar, and return what happened."""
    owned = model is None and request.settings.use_model
    chat = build_model(request.settings) if owned else model

    async def run() -> DraftResult:
        try:
            return await draft_async(request, chat)
        finally:
            if owned:
                await close_model(chat)

    return asyncio.run(run())


@dataclass
class Prepared:
    """A checked request: the job every step needs, where the files go, and the description."""

    job: _Job
    plan: OutputPlan
    description: str
    notes: list[str] = field(default_factory=list)
    source: dict[str, str] | None = None


def prepare(request: DraftRequest, repo: RepoContext | None = None) -> Prepared:
    """Check the request and load what drafting needs (template, sections, description facts, repository)."""
    description = request.description.strip()
    if not description:
        raise InputError('the description is empty: say what the feature is, e.g. "user management API"')
    if len(description) > _MAX_DESCRIPTION:
        raise InputError(f"the description has {len(description)} characters; the limit is {_MAX_DESCRIPTION}")
    description, redacted = redact_input(description, "the description")
    template = load_template(request.template)
    prompts = load_prompts(request.settings.prompts)
    plan = plan_outputs(slug_for(description), request.output, request.sidecar, request.force)
    grounding = repo if repo is not None else _ground(request)
    job = _Job(
        template, build_section_specs(template), read_description(description), request.settings, grounding, prompts
    )
    return Prepared(job, plan, description, [redacted] if redacted else [], request.source)


async def draft_async(
    request: DraftRequest,
    model: ChatModel | None,
    *,
    repo: RepoContext | None = None,
    hooks: DraftHooks | None = None,
) -> DraftResult:
    """The same as `draft_prp` inside a running event loop, with a model the caller owns (None: offline), optionally
    a repository context already read (a batch scans its repository once) and hooks (resume state, callbacks)."""
    started = time.perf_counter()
    prepared = prepare(request, repo)
    job = prepared.job
    if model is None:
        brief, results, usage, output_mode = offline_brief(job.facts), _draft_offline(job), Usage(), None
    else:
        brief, results, usage, output_mode = await _draft_with_model(model, job, hooks or DraftHooks())
        if all(any(f.code is FlagCode.REQUEST_FAILED for f in r.flags) for r in results):
            first = next(f.message for f in results[0].flags if f.code is FlagCode.REQUEST_FAILED)
            raise DraftFailedError(f"every section request failed; nothing was written (first error: {first})")
    name = model.name if model is not None else None
    result = finish(prepared, brief, results, usage, model=name, output_mode=output_mode)
    result.elapsed_s = time.perf_counter() - started
    cut = [r for r in results if any(f.code is FlagCode.REQUEST_FAILED and _DEADLINE in f.message for f in r.flags)]
    if cut:
        result.incomplete = (f"the draft's deadline passed: {len(cut)} of {len(results)} sections were not answered "
                             f"and are flagged request_failed; the rest were written")  # fmt: skip
    return result


def finish(
    prepared: Prepared,
    brief: Brief,
    results: list[SectionResult],
    usage: Usage,
    *,
    model: str | None,
    output_mode: str | None,
) -> DraftResult:
    """Render the document, flag the sections that lost or changed what the description states, and write it and its
    sidecar."""
    job = prepared.job
    results, missed, markdown, document = _keep_stated(job, results, brief if model is not None else None)
    result = DraftResult(
        markdown=markdown,
        output=prepared.plan.markdown,
        sidecar=prepared.plan.sidecar,
        mode="llm" if model is not None else "offline",
        model=model,
        output_mode=output_mode,
        template=job.template,
        brief=brief,
        sections=results,
        usage=usage,
        elapsed_s=0.0,
        warnings=[*prepared.notes, *job.template.warnings, *missed],
        repo=job.repo,
        stated=job.facts.stated,
        prompts=job.prompts,
    )
    result.inconsistencies = [found.message for found in find_inconsistencies(document, job.template)]
    settings = prepared.job.settings
    clock = cassette_clock(
        settings.replay or settings.record
    )  # a recorded or replayed draft carries the cassette's time
    result.backups = _write(prepared.plan, result, prepared.description, prepared.source, clock)
    return result


def _keep_stated(
    job: _Job, results: list[SectionResult], brief: Brief | None
) -> tuple[list[SectionResult], list[str], str, PrpDocument]:
    """The results, with `stated_fact_dropped` / `contradicts_description` on each section whose rendered text lost
    or changed a stated fact, or whose fact a model's brief read otherwise (a flag the section's own review already
    raised is not repeated); what a model's brief left out, for the warnings; and the rendered document (rendered
    again only when a section gained a flag)."""
    markdown = render_document(job.template, job.specs, results)
    document = parse_document(Path("draft.md"), markdown, job.template)
    owners = fact_owners(job.specs)
    problems = check_kept(job.facts.stated, document_texts(document, job.template), owners)
    missed: list[str] = []
    if brief is not None and brief.stated_facts:
        changed, missed = brief_problems(job.facts.stated, brief.stated_facts, owners)
        problems += changed
    flags = fact_flags(problems, job.specs)
    updated = []
    for result in results:
        raised = {f.code for f in result.flags}
        new = [f for f in flags.get(result.id, []) if f.code not in raised]
        updated.append(with_flags(result, new) if new else result)
    if any(a is not b for a, b in zip(updated, results, strict=True)):
        markdown = render_document(job.template, job.specs, updated)
        document = parse_document(Path("draft.md"), markdown, job.template)
    return updated, missed, markdown, document


def _ground(request: DraftRequest) -> RepoContext | None:
    if request.repo is None:
        return None
    from prp_agent.repo.inspect import inspect_repo

    return inspect_repo(request.repo, budget=request.settings.context_budget, model=request.settings.model)


def _write(
    plan: OutputPlan, result: DraftResult, description: str, source: dict[str, str] | None, clock: str | None
) -> list[Path]:
    sidecar = build_sidecar(result, description, clock)
    sidecar.issue = source
    if plan.markdown is None or plan.sidecar is None:  # markdown on stdout: a sidecar only when one was asked for
        if plan.sidecar is None:
            return []
        sidecar.markdown_sha256 = text_sha256(result.markdown)
        backup = atomic_write(plan.sidecar, sidecar.dumps(), force=plan.force)
        return [backup] if backup else []
    return write_pair(plan.markdown, result.markdown, plan.sidecar, sidecar, result.template, force=plan.force)


def build_sidecar(result: DraftResult, description: str, created_at: str | None = None) -> Sidecar:
    """Everything needed to refine one section later without re-drafting the rest."""
    template = result.template
    return Sidecar(
        prp_agent=version(),
        created_at=created_at or datetime.now(UTC).isoformat(timespec="seconds"),
        template=SidecarTemplate(name=template.name, source=template.source, sha256=template.sha256),
        description=description,
        mode=result.mode,
        model=result.model,
        output_mode=result.output_mode,
        prompts=result.prompts.ids(),
        brief=result.brief.model_dump(mode="json"),
        sections=result.sections,
        usage=result.usage.as_json(),
        repo=result.repo.sidecar() if result.repo else None,
        stated_facts=[fact.model_dump(mode="json") for fact in result.stated.facts],
    )


def _draft_offline(job: _Job) -> list[SectionResult]:
    results = []
    repo = job.repo.facts if job.repo else None
    host = host_slot(job.specs)
    said = (host[1], unplaced_clauses(job.facts, job.specs)) if host else None
    for spec in job.specs:
        found = offline_values(spec, job.facts, repo, host=said)
        if repo is not None:
            grounded, notes = grounded_values(spec, repo)
            found.values.update({k: v for k, v in grounded.items() if found.values.get(k) is None})
            found.assumptions += notes
        with_repo = repo is not None
        judged = review.judge_offline(
            spec, found.values, found.assumptions, found.guessed, with_repo=with_repo, why_missing=found.missing
        )
        results.append(judged)
    return results


def _context(job: _Job, brief: Brief, evidence: str) -> review.ReviewContext:
    facts = job.repo.facts if job.repo else None
    return review.ReviewContext(job.settings.min_confidence, evidence, facts, job.facts.stated, brief.feature_name)


def prefix_messages(job: _Job) -> list[ChatMessage]:
    """The messages every request of a draft starts with: system prompt, repository context, description."""
    prompts = job.prompts
    prefix = [ChatMessage("system", prompts.render("system", template_name=job.template.name))]
    if job.repo is not None:
        prefix.append(ChatMessage("user", prompts.render("repository", repo_context=job.repo.packed.text)))
    stated = job.facts.stated.summary()
    prefix.append(ChatMessage("user", prompts.render("inputs", description=job.facts.description, stated=stated)))
    return prefix


def section_request(prepared: Prepared, brief: Brief, spec: SectionSpec) -> ChatRequest:
    """The request one section is drafted with (for flows that send it themselves, such as the Batch API)."""
    job = prepared.job
    messages = section_messages(job.prompts, prefix_messages(job), brief, spec)
    return ChatRequest(tuple(messages), spec.schema_name(), spec.json_schema(), "", answer_budget(job.settings, spec),
                       tag=spec.schema_name(), prompt_id=job.prompts.section_id(spec.id))  # fmt: skip


def judge_section(prepared: Prepared, brief: Brief, spec: SectionSpec, asked: Asked) -> SectionResult:
    """The reviewed result of an answer to `section_request` (validated, flagged like any drafted section)."""
    job = prepared.job
    return review.judge_answer(spec, asked, _context(job, brief, evidence_text(job, brief)))


def section_messages(
    prompts: PromptSet, prefix: list[ChatMessage], brief: Brief, spec: SectionSpec
) -> list[ChatMessage]:
    """One section request: the shared prefix, the brief, then the section-specific message."""
    brief_message = ChatMessage("user", prompts.render("brief", brief_json=brief.model_dump_json(indent=1)))
    path = " > ".join(spec.section.path)
    section = ChatMessage("user", prompts.section(spec.id, section_path=path, slots=spec.prompt_view()))
    return [*prefix, brief_message, section]


def evidence_text(job: _Job, brief: Brief) -> str:
    """What supports drafted values (for the example_copied rule): description, brief, repository context."""
    return "\n".join([job.facts.description, brief.model_dump_json(), job.repo.packed.text if job.repo else ""])


async def _draft_with_model(
    model: ChatModel, job: _Job, hooks: DraftHooks
) -> tuple[Brief, list[SectionResult], Usage, str | None]:
    prefix = prefix_messages(job)
    run = RunState(model, job.settings)
    asked = [spec for spec in job.specs if spec.needs_model and spec.id not in hooks.sections]
    limit = draft_deadline(job.settings, len(asked) + (hooks.brief is None))
    ends = asyncio.get_running_loop().time() + limit
    late = f"{_DEADLINE} ({limit:g} s, --deadline) passed before this section was answered"
    brief_failure: str | None = None
    if hooks.brief is not None:
        brief = hooks.brief
    else:
        emit(EventKind.BRIEF_STARTED)
        try:
            brief, brief_failure = await asyncio.wait_for(draft_brief(run, prefix, job), timeout=limit)
        except TimeoutError:
            brief, brief_failure = offline_brief(job.facts), f"{_DEADLINE} ({limit:g} s) passed"
        if hooks.on_brief is not None and brief_failure is None:
            hooks.on_brief(brief)
    evidence = evidence_text(job, brief)

    async def one(spec: SectionSpec) -> SectionResult:
        done = hooks.sections.get(spec.id)
        if done is not None:
            return done
        result, usage = await _section(run, job, prefix, brief, spec, evidence)
        if brief_failure is not None:
            result = with_flags(result, [brief_failed(brief_failure)])
        if hooks.on_section is not None:
            hooks.on_section(result, usage)
        emit(EventKind.SECTION_DONE, spec.id, result.status)
        return result

    emit(EventKind.SECTIONS_STARTED, detail=str(len(job.specs)))
    tasks = {spec.id: asyncio.ensure_future(one(spec)) for spec in job.specs}
    remaining = max(0.0, ends - asyncio.get_running_loop().time())
    _, pending = await asyncio.wait(tasks.values(), timeout=remaining) if tasks else (set(), set())
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    results = [_late(spec, late) if tasks[spec.id] in pending else tasks[spec.id].result() for spec in job.specs]
    modes = [r.mode for r in results if r.mode]
    return brief, results, run.usage, (modes[-1] if modes else None)


_DEADLINE = "the draft's deadline"


def _late(spec: SectionSpec, reason: str) -> SectionResult:
    """A section the deadline cut: NEEDS INPUT everywhere, flagged `request_failed` with the reason."""
    return SectionResult.judged(id=spec.id, title=spec.section.title, flags=[request_failed(reason)],
                                values=dict.fromkeys(s.name for s in spec.slots))  # fmt: skip


async def draft_brief(run: RunState, prefix: list[ChatMessage], job: _Job) -> tuple[Brief, str | None]:
    """The brief every section is drafted from, and why the model's brief failed (None when it did not): then the
    brief is read from the description instead, and every section drafted from it says so."""
    specs, facts = job.specs, job.facts
    titles = [" > ".join(spec.section.path) for spec in specs]
    message = ChatMessage("user", job.prompts.render("brief_request", section_titles=titles))
    schema = strict_schema(Brief.model_json_schema())
    asked = await ask(run, [*prefix, message], Brief, "brief", schema, prompt_id=job.prompts.id("brief_request"),
                      budget=answer_budget(job.settings))  # fmt: skip
    if isinstance(asked.parsed, Brief):
        return asked.parsed, None
    failure = asked.flags[0].message if asked.flags else "; ".join(asked.errors[:2])
    fallback = offline_brief(facts)
    fallback.key_assumptions.insert(
        0, f"the model's brief failed ({failure}); this brief was read from the description"
    )
    return fallback, failure


async def _section(
    run: RunState, job: _Job, prefix: list[ChatMessage], brief: Brief, spec: SectionSpec, evidence: str
) -> tuple[SectionResult, Usage]:
    if not spec.needs_model:  # it only holds the feature's name
        return review.judge_answer(spec, Asked(mode="fixed"), _context(job, brief, evidence)), Usage()
    messages = section_messages(job.prompts, prefix, brief, spec)
    asked = await ask(run, messages, spec.model, spec.schema_name(), spec.json_schema(),
                      prompt_id=job.prompts.section_id(spec.id), budget=answer_budget(job.settings, spec))  # fmt: skip
    return review.judge_answer(spec, asked, _context(job, brief, evidence)), asked.usage
