"""Refine one section of a PRP: redraft it (model) or take the reviewer's text (offline), show the change, and on
acceptance write only that section, keeping every other byte of the file; undo; accept flags; stale sections.

The markdown as it is now is the truth; the sidecar adds the brief, structured values, flags and history. A
document without a sidecar can still be refined: sections are found by the template's headings. A change is
applied to the file as it is when it is written, so edits made elsewhere meanwhile are kept; if the section itself
changed meanwhile, nothing is written.
"""

from __future__ import annotations

import asyncio
import difflib
import getpass
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import prp_agent.drafting.review as review
from prp_agent.config import Settings
from prp_agent.drafting.asking import Asked, RunState, ask
from prp_agent.drafting.prompts import PromptSet, load_prompts
from prp_agent.drafting.stated import StatedFacts
from prp_agent.drafting.vocabulary import VOCABULARY
from prp_agent.errors import DraftFailedError, InputError
from prp_agent.llm.protocol import ChatMessage, ChatModel, Usage, close_model
from prp_agent.llm.providers import build_model
from prp_agent.prpfile.grammar import alert_lines, find_alert, strip_alert
from prp_agent.prpfile.parse import DocSection, PrpDocument, match_section, parse_document, read_slots
from prp_agent.prpfile.render import render_section_body
from prp_agent.prpfile.sidecar import HistoryEntry, Sidecar, SidecarTemplate
from prp_agent.prpfile.store import Opened, SectionChange, open_prp, update_section
from prp_agent.repo.context import render_facts
from prp_agent.repo.types import RepoFacts
from prp_agent.secrets.redaction import redact_input
from prp_agent.templates.compiler import Template, load_template
from prp_agent.templates.schemas import SectionSpec, SlotType, build_section_specs
from prp_agent.types import FlagCode, OpenQuestion, SectionResult

__all__ = [
    "Applied",
    "Proposal",
    "RefineTarget",
    "ReviewSession",
    "StaleSection",
    "accept_flags",
    "answers_from",
    "apply_proposal",
    "history",
    "list_sections",
    "open_target",
    "propose_text",
    "propose_with_model",
    "refine_section",
    "sections_to_review",
    "strip_alert",
    "undo_section",
]


@dataclass
class RefineTarget:
    """One section of one PRP, with what the sidecar knows about it."""

    opened: Opened
    section: DocSection
    spec: SectionSpec
    template: Template
    result: SectionResult | None
    missing: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        """The PRP file."""
        return self.opened.path

    @property
    def document(self) -> PrpDocument:
        """The document as it was read."""
        return self.opened.document

    @property
    def sidecar(self) -> Sidecar | None:
        """The sidecar, when the document has one."""
        return self.opened.sidecar

    @property
    def body(self) -> str:
        """The section's current body (without its heading)."""
        return self.document.body(self.section)

    @property
    def open_questions(self) -> list[OpenQuestion]:
        """Open questions the sidecar recorded for this section."""
        return list(self.result.open_questions) if self.result else []


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


@dataclass
class StaleSection:
    """A section that mentions something the change removed, and the command that redrafts it."""

    id: str
    title: str
    terms: list[str]
    command: str


@dataclass
class Applied:
    """What an accepted change wrote."""

    path: Path
    backup: Path | None
    sidecar: Path
    section_id: str
    status: str
    stale: list[StaleSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- opening ---------------------------------------------------------------------------------------------------


def _open(path: str | Path, template_name: str | None) -> tuple[Template, Opened, list[str]]:
    missing: list[str] = []
    chosen: list[Template] = []

    def template_for(sidecar: Sidecar | None) -> Template:
        if sidecar is None:
            missing.append("no sidecar: no brief, structured values, flags or history")
        source = template_name or (sidecar.template.source if sidecar else "builtin:backend")
        name = source.removeprefix("builtin:") if source.startswith("builtin:") else source
        if not source.startswith("builtin:") and not Path(source).exists():
            fallback = sidecar.template.name if sidecar else "backend"
            missing.append(f"template {source} is gone; using {fallback}")
            name = fallback
        chosen.append(load_template(name))
        return chosen[-1]

    opened = open_prp(path, template_for)
    return chosen[-1], opened, [*opened.notes, *missing]


def list_sections(path: str | Path, template_name: str | None = None) -> list[tuple[DocSection, SectionResult | None]]:
    """Refinable sections (those the template fills), flagged ones first, then in document order."""
    template, opened, _ = _open(path, template_name)
    slot_ids = {s.id for s in template.slot_sections}
    results = opened.sidecar.results() if opened.sidecar else {}
    found = [(s, results.get(s.template_id or "")) for s in opened.document.sections if s.template_id in slot_ids]
    return sorted(found, key=lambda item: (not (item[1] and item[1].status == "flagged"), item[0].start))


def open_target(path: str | Path, section: str, template_name: str | None = None) -> RefineTarget:
    """The section a user names, matched by id, slug or title (fuzzy); InputError with suggestions otherwise."""
    template, opened, missing = _open(path, template_name)
    specs = {spec.id: spec for spec in build_section_specs(template)}
    candidates = [s for s in opened.document.sections if s.template_id in specs]
    if not candidates:
        raise InputError(f"{path} has no section of the {template.name} template to refine")
    chosen = match_section(opened.document, section, candidates)
    spec = specs[chosen.template_id or ""]
    result = opened.sidecar.results().get(spec.id) if opened.sidecar else None
    return RefineTarget(opened, chosen, spec, template, result, missing)


# --- proposing -------------------------------------------------------------------------------------------------


def answers_from(target: RefineTarget, given: list[str]) -> list[tuple[str, str]]:
    """Answers given on the command line: `N=TEXT` for open question N (1-based), or `all` for every suggestion."""
    questions = target.open_questions
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
    evidence = "\n".join([review.sidecar_evidence(target.sidecar), *(f"{q} {a}" for q, a in answers)])
    flags = review.review_text(target.spec, slots, evidence=evidence, open_questions=remaining)
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
    stated = _stated(sidecar) if sidecar is not None else None
    context = review.ReviewContext(settings.min_confidence, evidence, _facts(sidecar), stated, title or None)
    result = review.judge_answer(target.spec, asked, context)
    body = render_section_body(target.template, target.spec, result)
    return Proposal(body, result, "model", instruction=instruction, answers=answers, usage=usage,
                    notes=list(dict.fromkeys(notes)))  # fmt: skip


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
        asked = await ask(session, messages, spec.model, spec.schema_name(), spec.json_schema(), prompt_id=prompt_id)
    finally:
        if owned:
            await close_model(chat)
    return asked, session.usage


def _stated(sidecar: Sidecar) -> StatedFacts:
    return StatedFacts.model_validate({"facts": sidecar.stated_facts})


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
    stated = _stated(sidecar).summary() if sidecar is not None else []
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


# --- writing ---------------------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fresh_sidecar(target: RefineTarget) -> Sidecar:
    template = target.template
    return Sidecar(
        template=SidecarTemplate(name=template.name, source=template.source, sha256=template.sha256),
        created_by="refine (the document had no sidecar)",
    )


def _previous(target: RefineTarget) -> dict[str, Any]:
    return {"body": target.body, "result": target.result.model_dump(mode="json") if target.result else None}


def _write(target: RefineTarget, new_body: str, result: SectionResult, entry: HistoryEntry) -> Path | None:
    """Write the section into the file as it is now, and its result and history into the sidecar."""
    order = {s.id: i for i, s in enumerate(target.template.sections)}

    def apply(stored: Sidecar | None) -> Sidecar:
        sidecar = (stored or target.sidecar or _fresh_sidecar(target)).model_copy(deep=True)
        kept = [s for s in sidecar.sections if s.id != result.id]
        sidecar.sections = sorted([*kept, result], key=lambda s: order.get(s.id, 999))
        sidecar.history.append(entry)
        return sidecar

    change = SectionChange(target.spec.id, target.body, new_body)
    backup, _ = update_section(target.opened, target.template, change, apply)
    return backup


def apply_proposal(target: RefineTarget, proposal: Proposal) -> Applied:
    """Write the accepted section (atomically, with a .bak), record history in the sidecar, list stale sections."""
    entry = HistoryEntry(
        section=target.spec.id,
        at=_now(),
        by=_who(),
        action="refine" if proposal.source == "model" else "edit",
        instruction=proposal.instruction,
        answers=[f"{q} → {a}" for q, a in proposal.answers],
        previous=_previous(target),
    )
    backup = _write(target, proposal.body, proposal.result, entry)
    stale = stale_sections(target, proposal)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, proposal.result.status, stale,
                   proposal.notes)  # fmt: skip


def accept_flags(target: RefineTarget) -> Applied:
    """Mark the section reviewed: its alert and marker go, the accepted flags are recorded with who and when."""
    flags = [f.model_dump(mode="json") for f in target.result.flags] if target.result else []
    if target.result is None and find_alert(target.body.splitlines()) is None:
        raise InputError(f"section {target.section.title!r} has no flags to accept")
    base = target.result or SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    result = base.model_copy(update={"status": "filled", "flags": []})
    entry = HistoryEntry(section=target.spec.id, at=_now(), by=_who(), action="accept_flags",
                         previous=_previous(target), accepted_flags=flags)  # fmt: skip
    backup = _write(target, strip_alert(target.body), result, entry)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, "filled")


def undo_section(target: RefineTarget) -> Applied:
    """Restore the section's previous version from the sidecar history, byte for byte; each call goes one step
    further back."""
    history = target.sidecar.history if target.sidecar else []
    entry = next(
        (e for e in reversed(history) if e.section == target.spec.id and e.previous and not e.undone),
        None,
    )
    if entry is None or entry.previous is None:
        raise InputError(f"nothing to undo for section {target.section.title!r}")
    previous = entry.previous
    result = (
        SectionResult.model_validate(previous["result"])
        if previous.get("result")
        else SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    )
    index = next(i for i, e in enumerate(history) if e is entry)  # history only grows: the index stays valid
    undo = HistoryEntry(section=target.spec.id, at=_now(), by=_who(), action="undo", previous=_previous(target),
                        undone=_now(), undid=entry.at)  # fmt: skip
    order = {s.id: i for i, s in enumerate(target.template.sections)}

    def apply(stored: Sidecar | None) -> Sidecar:
        sidecar = (stored or _fresh_sidecar(target)).model_copy(deep=True)
        if index < len(sidecar.history):
            sidecar.history[index].undone = _now()
        kept = [s for s in sidecar.sections if s.id != result.id]
        sidecar.sections = sorted([*kept, result], key=lambda s: order.get(s.id, 999))
        sidecar.history.append(undo)  # an undo is not itself undone by the next --undo
        return sidecar

    change = SectionChange(target.spec.id, target.body, str(previous["body"]))
    backup, _ = update_section(target.opened, target.template, change, apply)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, result.status)


def refine_section(
    path: str | Path,
    section: str,
    settings: Settings,
    *,
    template_name: str | None = None,
    instruction: str | None = None,
    text: str | None = None,
    answers: list[str] | None = None,
    undo: bool = False,
    accept: bool = False,
    model: ChatModel | None = None,
) -> Applied:
    """One change to one section without asking anything (scripts): undo, accept the flags, take `text`, or redraft
    with an instruction and/or answers (`N=TEXT` or `all`)."""
    target = open_target(path, section, template_name)
    if undo:
        return undo_section(target)
    if accept:
        return accept_flags(target)
    given = answers_from(target, answers or [])
    if text is not None:
        return apply_proposal(target, propose_text(target, text, given))
    if model is None and not settings.use_model:
        raise InputError("--instruction needs a model (set OPENAI_API_KEY or --base-url); offline, use --text")
    proposal = propose_with_model(target, settings, instruction=instruction, answers=given, model=model)
    return apply_proposal(target, proposal)


# --- a review session over many sections -------------------------------------------------------------------------


class ReviewSession:
    """A review of a PRP's sections, one at a time, that an interactive front end drives (it never prompts or
    prints): which sections to walk, each opened fresh from the file as it is now, proposals from a model or from
    the reviewer's text, and each accepted change written at once."""

    def __init__(
        self,
        path: str | Path,
        settings: Settings,
        *,
        template_name: str | None = None,
        model: ChatModel | None = None,
        only: str | None = None,
    ) -> None:
        self.path, self.settings, self.template_name, self.model = Path(path), settings, template_name, model
        if only is not None:
            self.queue = [open_target(path, only, template_name).spec.id]
        else:
            self.queue = sections_to_review(path, template_name)

    @property
    def online(self) -> bool:
        """Whether a model can redraft (a key or base URL, not --offline, or a model given)."""
        return self.model is not None or self.settings.use_model

    def open(self, section_id: str) -> RefineTarget:
        """A section as the file holds it now."""
        return open_target(self.path, section_id, self.template_name)

    def redraft(
        self, target: RefineTarget, instruction: str | None, answers: list[tuple[str, str]] | None = None
    ) -> Proposal:
        """A model's redraft of the section."""
        return propose_with_model(target, self.settings, instruction=instruction, answers=answers, model=self.model)

    def edited(self, target: RefineTarget, text: str, answers: list[tuple[str, str]] | None = None) -> Proposal:
        """The reviewer's own text for the section."""
        return propose_text(target, text, answers)

    def apply(self, target: RefineTarget, proposal: Proposal) -> Applied:
        """Write an accepted proposal now."""
        return apply_proposal(target, proposal)

    def accept_flags(self, target: RefineTarget) -> Applied:
        """Mark the section reviewed as it stands."""
        return accept_flags(target)


def sections_to_review(path: str | Path, template_name: str | None = None) -> list[str]:
    """The template sections that lint reports errors in (flagged, needing input, empty, echoing examples, holding
    placeholders), in document order: what a review session walks."""
    from prp_agent.lint import lint_prp

    report = lint_prp(path, template_name=template_name)
    template, opened, _ = _open(path, template_name)
    slot_ids = {s.id for s in template.slot_sections}
    wanted = {f.section for f in report.findings if f.severity == "error" and f.code != "missing_section"}
    return [s.template_id for s in opened.document.sections if s.template_id in slot_ids and s.template_id in wanted]


def history(path: str | Path, template_name: str | None = None) -> list[HistoryEntry]:
    """Every change recorded for a PRP's sections, oldest first."""
    _, opened, _ = _open(path, template_name)
    return list(opened.sidecar.history) if opened.sidecar else []


# --- what else may now be out of date --------------------------------------------------------------------------

_TECH_TERMS = sorted({v for values in VOCABULARY.values() for v in values if len(v) > 3}, key=len, reverse=True)
_CAMEL = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")


def _terms(text: str, entities: set[str]) -> set[str]:
    found = {t for t in _TECH_TERMS if re.search(rf"(?<![\w.-]){re.escape(t)}(?![\w-])", text)}
    found |= set(_CAMEL.findall(text))
    found |= {e for e in entities if re.search(rf"\b{re.escape(e)}\b", text)}
    return found


def _entities(result: SectionResult | None, spec: SectionSpec) -> set[str]:
    names: set[str] = set()
    if result is None:
        return names
    for slot in spec.slots:
        if spec.types[slot.name] is SlotType.ENTITIES and isinstance(result.values.get(slot.name), list):
            names |= {str(e.get("name")) for e in result.values[slot.name] if isinstance(e, dict)}
    return names


def stale_sections(target: RefineTarget, proposal: Proposal) -> list[StaleSection]:
    """Other sections that mention a technology or entity the change removed (e.g. a database or a renamed model)."""
    entities = _entities(target.result, target.spec)
    removed = _terms(target.body, entities) - _terms(proposal.body, entities)
    if not removed:
        return []
    slot_ids = {s.id for s in target.template.slot_sections}
    stale = []
    for section in target.document.sections:
        if section is target.section or section.template_id not in slot_ids:
            continue
        hits = sorted(
            t for t in removed if re.search(rf"(?<![\w.-]){re.escape(t)}(?![\w-])", target.document.body(section))
        )
        if hits:
            instruction = f"update for the change in {target.section.title}: {', '.join(hits)} no longer applies"
            command = (
                f'prp-agent refine {target.path} --section {section.template_id} --instruction "{instruction}" --yes'
            )
            stale.append(StaleSection(section.template_id or section.id, section.title, hits, command))
    return stale
