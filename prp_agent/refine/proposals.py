"""A proposed new body for one section: the reviewer's own text, or a model's redraft with the rest of the
document, the brief, the stated facts and the repository facts as context (all of it redacted and delimited)."""

from __future__ import annotations

import asyncio
import difflib
import json
from dataclasses import dataclass, field
from typing import Literal

import prp_agent.drafting.review as review
from prp_agent.config import Settings
from prp_agent.drafting.asking import Asked, RunState, ask
from prp_agent.drafting.budgets import answer_budget
from prp_agent.drafting.flags import with_flags
from prp_agent.drafting.keeping import (
    check_kept,
    document_texts,
    fact_flags,
    fact_owners,
    kept_keys,
    sidecar_stated,
)
from prp_agent.drafting.prompts import PromptSet, load_prompts
from prp_agent.errors import DraftFailedError, InputError
from prp_agent.llm.protocol import ChatMessage, ChatModel, Usage, close_model
from prp_agent.llm.providers import build_model
from prp_agent.prpfile.grammar import alert_lines, strip_alert
from prp_agent.prpfile.parse import parse_document, read_slots
from prp_agent.prpfile.render import render_section_body
from prp_agent.prpfile.sidecar import Sidecar
from prp_agent.refine.targets import RefineTarget
from prp_agent.repo.context import render_facts
from prp_agent.repo.types import RepoFacts
from prp_agent.secrets.redaction import redact_input
from prp_agent.templates.schemas import SectionSpec, build_section_specs
from prp_agent.types import FlagCode, ReviewFlag, SectionResult

__all__ = ["Proposal", "answers_from", "propose_text", "propose_with_model"]


@dataclass
class Proposal:
    """A new body for the section and the result it stands for."""

    body: str
    result: SectionResult
    source: Literal["model", "text"]
    instruction: str | None = None
    answers: list[tuple[str, str]] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)

    def diff(self, target: RefineTarget) -> str:
        """A unified diff of the section, old against new."""
        now = target.body
        trailing = now[len(now.rstrip("\r\n")) :]  # written back unchanged, so compared unchanged
        old = now.splitlines(keepends=True)
        new = (self.body.rstrip("\r\n") + trailing).splitlines(keepends=True)
        label = target.section.title
        return "".join(difflib.unified_diff(old, new, f"{label} (now)", f"{label} (proposed)"))


def answers_from(target: RefineTarget, given: list[str]) -> list[tuple[str, str]]:
    """Answers given on the command line: `N=TEXT` for open question N (1-based), or `all` for every suggestion."""
    questions = target.open_questions
    if given and not questions:
        raise InputError(
            f"section {target.section.title!r} has no open questions to answer; change it with --text "
            "(or --instruction with a model)"
        )
    answers: dict[str, str] = {}
    for item in given:
        if item.strip().lower() == "all":
            answers.update({q.question: q.suggested_answer for q in questions if q.question not in answers})
            continue
        number, sep, text = item.partition("=")
        if not sep or not number.strip().isdigit() or not 1 <= int(number) <= len(questions) or not text.strip():
            raise InputError(f"--answer takes N=TEXT with N from 1 to {len(questions)}, or all; got {item!r}")
        answers[questions[int(number) - 1].question] = text.strip()
    return list(answers.items())


def propose_text(target: RefineTarget, text: str, answers: list[tuple[str, str]] | None = None) -> Proposal:
    """The reviewer's own text for the section (offline or $EDITOR); flags by the same rules lint uses."""
    answers = answers or []
    body = strip_alert(text)
    answered = {q for q, _ in answers}
    remaining = [q for q in target.open_questions if q.question not in answered]
    heading = target.document.lines[target.section.start]
    reread = parse_document(target.path, heading + "\n" + body, target.template)
    section = reread.sections[0] if reread.sections else None
    slots = read_slots(reread, section, target.template) if section is not None else {}
    # what the reviewer writes is what a human states: it never reads as the template's example copied
    evidence = "\n".join([review.sidecar_evidence(target.sidecar), body, *(f"{q} {a}" for q, a in answers)])
    flags = review.review_text(target.spec, slots, evidence=evidence, open_questions=remaining)
    flags += stated_flags(target, body)
    result = SectionResult.judged(
        id=target.spec.id,
        title=target.spec.section.title,
        flags=flags,
        values=target.result.values if target.result else {},
        confidence=None,
        assumptions=target.result.assumptions if target.result else [],
        open_questions=remaining,
        mode="edited",
    )
    alert = "\n".join(alert_lines(result))
    return Proposal(("\n" + alert + "\n" if alert else "") + body, result, "text", answers=answers)


def propose_with_model(
    target: RefineTarget,
    settings: Settings,
    *,
    instruction: str | None,
    answers: list[tuple[str, str]] | None = None,
    model: ChatModel | None = None,
) -> Proposal:
    """Redraft the section with a model, the rest of the document and the brief as context."""
    if not instruction and not answers:
        raise InputError("say what to change: an instruction, or answers to the open questions")
    prompts = load_prompts(settings.prompts)
    notes: list[str] = []
    instruction = _redacted(instruction or "", "the instruction", notes) or None
    answers = [(q, _redacted(a, "the answers", notes)) for q, a in answers or []]
    chat = model or build_model(settings)
    messages = _messages(prompts, target, instruction or "", answers, notes)
    asked, usage = asyncio.run(_ask(chat, settings, target.spec, messages, prompts.id("refine"), owned=model is None))
    if all(f.code is FlagCode.REQUEST_FAILED for f in asked.flags) and asked.flags:
        raise DraftFailedError(f"the section could not be redrafted: {asked.flags[0].message}")
    evidence = "\n".join(m.content for m in messages[1:])
    sidecar = target.sidecar
    title = str((sidecar.brief or {}).get("feature_name") or "") if sidecar else ""
    stated = sidecar_stated(sidecar) if sidecar is not None else None
    context = review.ReviewContext(settings.min_confidence, evidence, _facts(sidecar), stated, title or None)
    result = review.judge_answer(target.spec, asked, context)
    body = render_section_body(target.template, target.spec, result)
    raised = {f.code for f in result.flags}
    lost = [f for f in stated_flags(target, strip_alert(body)) if f.code not in raised]
    if lost:
        result = with_flags(result, lost)
        body = render_section_body(target.template, target.spec, result)
    return Proposal(body, result, "model", instruction=instruction, answers=answers, usage=usage,
                    notes=list(dict.fromkeys(notes)))  # fmt: skip


def stated_flags(target: RefineTarget, body: str) -> list[ReviewFlag]:
    """`stated_fact_dropped` / `contradicts_description` for what the description stated that the document said
    before this change and no longer says (or says otherwise) after it."""
    sidecar = target.sidecar
    if sidecar is None or not sidecar.stated_facts:
        return []
    stated = sidecar_stated(sidecar)
    specs = build_section_specs(target.template)
    owners = fact_owners(specs)
    kept = kept_keys(stated, document_texts(target.document, target.template), owners)
    after = target.document.with_body(target.section, body)  # the document as the change would write it
    document = parse_document(target.path, after, target.template)
    problems = check_kept(stated, document_texts(document, target.template), owners, only=kept)
    return [flag for flags in fact_flags(problems, specs).values() for flag in flags]


def _redacted(text: str, what: str, notes: list[str]) -> str:
    clean, note = redact_input(text, what)
    if note is not None:
        notes.append(note)
    return clean


async def _ask(
    chat: ChatModel, settings: Settings, spec: SectionSpec, messages: list[ChatMessage], prompt_id: str, *, owned: bool
) -> tuple[Asked, Usage]:
    session = RunState(chat, settings)
    try:
        asked = await ask(session, messages, spec.model, spec.schema_name(), spec.json_schema(), prompt_id=prompt_id,
                          budget=answer_budget(settings, spec))  # fmt: skip
    finally:
        if owned:
            await close_model(chat)
    return asked, session.usage


def _facts(sidecar: Sidecar | None) -> RepoFacts | None:
    repo = sidecar.repo if sidecar else None
    return RepoFacts.model_validate(repo["facts"]) if repo and repo.get("facts") else None


def _messages(
    prompts: PromptSet, target: RefineTarget, instruction: str, answers: list[tuple[str, str]], notes: list[str]
) -> list[ChatMessage]:
    sidecar = target.sidecar
    messages = [ChatMessage("system", prompts.render("system", template_name=target.template.name))]
    facts = _facts(sidecar)
    if facts is not None:
        messages.append(ChatMessage("user", prompts.render("repository", repo_context=render_facts(facts))))
    description = (sidecar.description if sidecar else None) or (
        "(no description recorded; the document below is the specification)"
    )
    stated = sidecar_stated(sidecar).summary() if sidecar is not None else []
    messages.append(ChatMessage("user", prompts.render("inputs", description=description, stated=stated)))
    if sidecar is not None and sidecar.brief:
        messages.append(ChatMessage("user", prompts.render("brief", brief_json=json.dumps(sidecar.brief, indent=1))))
    messages.append(
        ChatMessage(
            "user",
            prompts.render(
                "refine",
                document=_redacted(target.document.without(target.section), "the document", notes),
                section_path=" > ".join(target.spec.section.path),
                current=_redacted(strip_alert(target.body).strip(), "the section", notes),
                instruction=instruction,
                answers=[{"question": q, "answer": a} for q, a in answers],
                slots=target.spec.prompt_view(),
            ),
        )
    )
    return messages
