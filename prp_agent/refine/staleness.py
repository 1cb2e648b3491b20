"""What else may now be out of date: other sections that still mention a technology or entity a change removed,
with a command (shell-quoted) that redrafts each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prp_agent.drafting.vocabulary import VOCABULARY
from prp_agent.refine.proposals import Proposal
from prp_agent.refine.targets import RefineTarget
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
            command = command_line("refine", target.path, "--section", section.template_id, "--instruction",
                                   instruction, "--yes")  # fmt: skip
            stale.append(StaleSection(section.template_id or section.id, section.title, hits, command))
    return stale
