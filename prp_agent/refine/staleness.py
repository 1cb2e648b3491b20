"""What else may now be out of date: other sections that still mention a technology or entity a change removed,
with a command (shell-quoted) that redrafts each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prp_agent.drafting.vocabulary import VOCABULARY
from prp_agent.prpfile.grammar import is_guidance, strip_alert
from prp_agent.refine.proposals import Proposal
from prp_agent.refine.targets import RefineTarget
from prp_agent.templates.compiler import FENCE_RE
from prp_agent.templates.schemas import SectionSpec, SlotType
from prp_agent.text import command_line
from prp_agent.types import SectionResult

__all__ = ["StaleSection", "stale_sections"]


@dataclass
class StaleSection:
    """A section that mentions something the change removed, and the command that redrafts it."""

    id: str
    title: str
    terms: list[str]
    command: str


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


def _content(body: str) -> str:
    """What a section says: its review alert and the template guidance kept under NEEDS INPUT are not content."""
    fence: str | None = None
    kept = []
    for line in strip_alert(body).splitlines():
        marker = FENCE_RE.match(line)
        if marker:
            fence = None if fence else marker.group(1)
        elif not is_guidance(line, in_fence=fence is not None):
            kept.append(line)
    return "\n".join(kept)


def stale_sections(target: RefineTarget, proposal: Proposal, *, online: bool = True) -> list[StaleSection]:
    """Other sections whose content mentions a technology or entity the change removed (e.g. a database or a renamed
    model), each with a command that can run: a redraft when a model is available, else the review of that section
    (where `e` edits it)."""
    entities = _entities(target.result, target.spec)
    removed = _terms(_content(target.body), entities) - _terms(_content(proposal.body), entities)
    if not removed:
        return []
    slot_ids = {s.id for s in target.template.slot_sections}
    stale = []
    for section in target.document.sections:
        if section is target.section or section.template_id not in slot_ids:
            continue
        content = _content(target.document.body(section))
        hits = sorted(t for t in removed if re.search(rf"(?<![\w.-]){re.escape(t)}(?![\w-])", content))
        if hits:
            instruction = f"update for the change in {target.section.title}: {', '.join(hits)} no longer applies"
            command = (
                command_line(
                    "refine", target.path, "--section", section.template_id, "--instruction", instruction, "--yes"
                )
                if online
                else command_line("refine", target.path, "--section", section.template_id)
            )
            stale.append(StaleSection(section.template_id or section.id, section.title, hits, command))
    return stale
