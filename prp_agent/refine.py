"""Refine one section of a PRP: redraft it (model) or take the reviewer's text (offline), show the change, and on
acceptance write only that section, keeping every other byte of the file; undo; accept flags; stale sections.

The markdown as it is now is the truth; the sidecar adds the brief, structured values, flags and history. A
document without a sidecar can still be refined: sections are found by the template's headings.
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

from .asking import Session, ask
from .config import Settings
from .document import REVIEW_MARKER, render_section_body, review_alert
from .errors import DraftFailedError, InputError
from .model import ChatMessage, ChatModel, Usage, close_model
from .outcome import section_outcome
from .prompts import render_prompt
from .providers import build_model
from .prpdoc import DocSection, PrpDocument, load_document, load_sidecar, match_section
from .repo.context import render_facts
from .repo.grounded import VOCABULARY
from .repo.types import RepoFacts
from .schemas import SectionSpec, SlotType, build_section_specs
from .storage import atomic_write
from .template import SLOT_RE, Template, load_template
from .types import FlagCode, OpenQuestion, ReviewFlag, SectionResult

__all__ = [
    "Applied",
    "Proposal",
    "RefineTarget",
    "StaleSection",
    "accept_flags",
    "answers_from",
    "apply_proposal",
    "list_sections",
    "open_target",
    "propose_text",
    "propose_with_model",
    "undo_section",
]

SIDECAR_FORMAT = "prp-agent.sidecar/1"
_ALERT_START = re.compile(r"^> \[!(WARNING|CAUTION|IMPORTANT)\]")


@dataclass
class RefineTarget:
    """One section of one PRP, with what the sidecar knows about it."""

    path: Path
    document: PrpDocument
    section: DocSection
    spec: SectionSpec
    template: Template
    sidecar_path: Path
    sidecar: dict[str, Any] | None
    result: SectionResult | None
    missing: list[str] = field(default_factory=list)

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


# --- opening ---------------------------------------------------------------------------------------------------


def _context(
    path: str | Path, template_name: str | None
) -> tuple[Template, PrpDocument, Path, dict[str, Any] | None, list[str]]:
    sidecar_path, sidecar = load_sidecar(path)
    missing: list[str] = []
    if sidecar is None:
        missing.append(f"no sidecar ({sidecar_path.name}): no brief, structured values, flags or history")
    source = template_name or (sidecar or {}).get("template", {}).get("source", "builtin:backend")
    name = source.removeprefix("builtin:") if source.startswith("builtin:") else source
    if not source.startswith("builtin:") and not Path(source).exists():
        fallback = (sidecar or {}).get("template", {}).get("name", "backend")
        missing.append(f"template {source} is gone; using {fallback}")
        name = fallback
    template = load_template(name)
    document = load_document(path, template)
    return template, document, sidecar_path, sidecar, missing


def _results(sidecar: dict[str, Any] | None) -> dict[str, SectionResult]:
    if not sidecar:
        return {}
    return {item["id"]: SectionResult.model_validate(item) for item in sidecar.get("sections", [])}


def list_sections(path: str | Path, template_name: str | None = None) -> list[tuple[DocSection, SectionResult | None]]:
    """Refinable sections (those the template fills), flagged ones first, then in document order."""
    template, document, _, sidecar, _ = _context(path, template_name)
    slot_ids = {s.id for s in template.slot_sections}
    results = _results(sidecar)
    found = [(s, results.get(s.template_id or "")) for s in document.sections if s.template_id in slot_ids]
    return sorted(found, key=lambda item: (not (item[1] and item[1].status == "flagged"), item[0].start))


def open_target(path: str | Path, section: str, template_name: str | None = None) -> RefineTarget:
    """The section a user names, matched by id, slug or title (fuzzy); InputError with suggestions otherwise."""
    template, document, sidecar_path, sidecar, missing = _context(path, template_name)
    specs = {spec.id: spec for spec in build_section_specs(template)}
    candidates = [s for s in document.sections if s.template_id in specs]
    if not candidates:
        raise InputError(f"{path} has no section of the {template.name} template to refine")
    chosen = match_section(document, section, candidates)
    spec = specs[chosen.template_id or ""]
    result = _results(sidecar).get(spec.id)
    return RefineTarget(Path(path), document, chosen, spec, template, sidecar_path, sidecar, result, missing)


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


def strip_alert(body: str) -> str:
    """A section body without prp-agent's review alert and marker (what a human edits)."""
    lines = body.splitlines(keepends=True)
    out: list[str] = []
    in_alert = False
    for line in lines:
        text = line.rstrip("\r\n")
        if _ALERT_START.match(text) and ("Needs review" in body):
            in_alert = True
            continue
        if in_alert and text.startswith(">"):
            continue
        in_alert = False
        if text.startswith(f"<!-- {REVIEW_MARKER}"):
            continue
        out.append(line)
    while out and not out[0].strip() and len(out) > 1:
        out.pop(0)
    return "".join(out)


def propose_text(target: RefineTarget, text: str, answers: list[tuple[str, str]] | None = None) -> Proposal:
    """The reviewer's own text for the section (offline or $EDITOR); flags recomputed from the text."""
    answers = answers or []
    body = strip_alert(text)
    answered = {q for q, _ in answers}
    remaining = [q for q in target.open_questions if q.question not in answered]
    flags: list[ReviewFlag] = []
    if "NEEDS INPUT" in body:
        flags.append(ReviewFlag(code=FlagCode.EMPTY, message="still marked NEEDS INPUT"))
    if SLOT_RE.search(body):
        flags.append(ReviewFlag(code=FlagCode.EMPTY, message="holds a raw {{placeholder}}"))
    if remaining:
        n = len(remaining)
        flags.append(ReviewFlag(code=FlagCode.OPEN_QUESTIONS, message=f"{n} open question{'s' * (n != 1)} to answer"))
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
    alert = "\n".join(review_alert(result))
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
    chat = model or build_model(settings)
    messages = _messages(target, instruction or "", answers or [])
    asked, usage = asyncio.run(_ask(chat, settings, target.spec, messages, owned=model is None))
    if all(f.code is FlagCode.REQUEST_FAILED for f in asked.flags) and asked.flags:
        raise DraftFailedError(f"the section could not be redrafted: {asked.flags[0].message}")
    facts = _facts(target.sidecar)
    evidence = "\n".join(m.content for m in messages[1:])
    result = section_outcome(target.spec, asked, min_confidence=settings.min_confidence, evidence=evidence, facts=facts)
    body = render_section_body(target.template, target.spec, result)
    return Proposal(body, result, "model", instruction=instruction, answers=answers or [], usage=usage)


async def _ask(
    chat: ChatModel, settings: Settings, spec: SectionSpec, messages: list[ChatMessage], *, owned: bool
) -> Any:
    session = Session(chat, settings)
    try:
        asked = await ask(session, messages, spec.model, spec.schema_name(), spec.json_schema())
    finally:
        if owned:
            await close_model(chat)
    return asked, session.usage


def _facts(sidecar: dict[str, Any] | None) -> RepoFacts | None:
    repo = (sidecar or {}).get("repo")
    return RepoFacts.model_validate(repo["facts"]) if repo and repo.get("facts") else None


def _messages(target: RefineTarget, instruction: str, answers: list[tuple[str, str]]) -> list[ChatMessage]:
    sidecar = target.sidecar or {}
    messages = [ChatMessage("system", render_prompt("system", template_name=target.template.name))]
    facts = _facts(sidecar)
    if facts is not None:
        messages.append(ChatMessage("user", render_prompt("repository", repo_context=render_facts(facts))))
    description = sidecar.get("description") or "(no description recorded; the document below is the specification)"
    messages.append(ChatMessage("user", render_prompt("inputs", description=description)))
    if sidecar.get("brief"):
        messages.append(ChatMessage("user", render_prompt("brief", brief_json=json.dumps(sidecar["brief"], indent=1))))
    messages.append(
        ChatMessage(
            "user",
            render_prompt(
                "refine",
                document=target.document.without(target.section),
                section_path=" > ".join(target.spec.section.path),
                current=strip_alert(target.body).strip(),
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


def _sidecar_for_write(target: RefineTarget) -> dict[str, Any]:
    if target.sidecar is not None:
        copied: dict[str, Any] = json.loads(json.dumps(target.sidecar))
        return copied
    return {
        "format": SIDECAR_FORMAT,
        "template": {"name": target.template.name, "source": target.template.source, "sha256": target.template.sha256},
        "description": None,
        "brief": None,
        "sections": [],
        "history": [],
        "created_by": "refine (the document had no sidecar)",
    }


def _store(
    target: RefineTarget, new_text: str, result: SectionResult, entry: dict[str, Any]
) -> tuple[Path | None, dict[str, Any]]:
    sidecar = _sidecar_for_write(target)
    sections = [s for s in sidecar.get("sections", []) if s.get("id") != result.id]
    sidecar["sections"] = [*sections, result.model_dump(mode="json")]
    order = {s.id: i for i, s in enumerate(target.template.sections)}
    sidecar["sections"].sort(key=lambda s: order.get(s["id"], 999))
    sidecar.setdefault("history", []).append(entry)
    backup = atomic_write(target.path, new_text, force=True)
    atomic_write(target.sidecar_path, json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", force=True)
    return backup, sidecar


def apply_proposal(target: RefineTarget, proposal: Proposal) -> Applied:
    """Write the accepted section (atomically, with a .bak), record history in the sidecar, list stale sections."""
    new_text = target.document.with_body(target.section, proposal.body)
    entry = {
        "section": target.spec.id,
        "at": _now(),
        "by": _who(),
        "action": "refine" if proposal.source == "model" else "edit",
        "instruction": proposal.instruction,
        "answers": [f"{q} → {a}" for q, a in proposal.answers],
        "previous": {"body": target.body, "result": target.result.model_dump(mode="json") if target.result else None},
    }
    backup, _ = _store(target, new_text, proposal.result, entry)
    stale = stale_sections(target, proposal)
    return Applied(target.path, backup, target.sidecar_path, target.spec.id, proposal.result.status, stale)


def accept_flags(target: RefineTarget) -> Applied:
    """Mark the section reviewed: its alert and marker go, the accepted flags are recorded with who and when."""
    flags = [f.model_dump(mode="json") for f in target.result.flags] if target.result else []
    if target.result is None and REVIEW_MARKER not in target.body:
        raise InputError(f"section {target.section.title!r} has no flags to accept")
    base = target.result or SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    result = base.model_copy(update={"status": "filled", "flags": []})
    new_text = target.document.with_body(target.section, strip_alert(target.body))
    entry = {
        "section": target.spec.id,
        "at": _now(),
        "by": _who(),
        "action": "accept_flags",
        "accepted_flags": flags,
        "previous": {"body": target.body, "result": target.result.model_dump(mode="json") if target.result else None},
    }
    backup, _ = _store(target, new_text, result, entry)
    return Applied(target.path, backup, target.sidecar_path, target.spec.id, "filled")


def undo_section(target: RefineTarget) -> Applied:
    """Restore the section's previous version from the sidecar history, byte for byte."""
    history = (target.sidecar or {}).get("history", [])
    entry = next(
        (
            e
            for e in reversed(history)
            if e.get("section") == target.spec.id and e.get("previous") and not e.get("undone")
        ),
        None,
    )
    if entry is None:
        raise InputError(f"nothing to undo for section {target.section.title!r}")
    previous = entry["previous"]
    new_text = target.document.with_body(target.section, previous["body"])
    result = (
        SectionResult.model_validate(previous["result"])
        if previous.get("result")
        else SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    )
    entry["undone"] = _now()
    undo = {
        "section": target.spec.id,
        "at": _now(),
        "by": _who(),
        "action": "undo",
        "undid": entry["at"],
        "previous": {"body": target.body, "result": target.result.model_dump(mode="json") if target.result else None},
        "undone": _now(),  # an undo is not itself undone by the next --undo
    }
    assert target.sidecar is not None
    backup, _ = _store(target, new_text, result, undo)
    return Applied(target.path, backup, target.sidecar_path, target.spec.id, result.status)


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
