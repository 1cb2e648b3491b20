"""Whether a document still says what its description stated.

Each stated fact (the sidecar keeps them, with their spans) is looked for in the document by the same grammar that
read the description, so "p95 under 150 ms", "p95 < 150 ms" and "150 ms at p95" are one fact. A fact whose kind a
section's slots hold (an availability, a latency, a throughput, endpoints, data models) must be in one of those
sections, not only in a paragraph that quotes the description; other facts (durations, sizes, counts, technologies)
may be anywhere. A fact that is gone is `stated_fact_dropped`; one whose section holds another value of the same
kind instead is `contradicts_description`, with both values. Draft, refine (every path) and lint use this one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from prp_agent.drafting.stated import StatedFact, StatedFacts, describe, read_stated
from prp_agent.drafting.units import SECONDS
from prp_agent.prpfile.grammar import find_alert
from prp_agent.prpfile.parse import PrpDocument, read_slots
from prp_agent.prpfile.sidecar import Sidecar
from prp_agent.templates.compiler import Template
from prp_agent.templates.schemas import SectionSpec, SlotType
from prp_agent.types import FlagCode, ReviewFlag

__all__ = [
    "FactProblem", "brief_problems", "check_kept", "document_texts", "fact_flags", "fact_owners", "full_path",
    "host_slot", "kept_keys", "section_lines", "sidecar_stated",
]  # fmt: skip

Code = Literal["stated_fact_dropped", "contradicts_description"]
DROPPED: Code = "stated_fact_dropped"
CONTRADICTS: Code = "contradicts_description"
# The kinds a slot type holds: a fact of such a kind belongs in a section with that slot.
_OWNED_BY = {
    SlotType.PERCENTAGE: "availability", SlotType.LATENCY: "latency", SlotType.THROUGHPUT: "throughput",
    SlotType.ENDPOINTS: "endpoint", SlotType.ENTITIES: "entity",
}  # fmt: skip
_COMPARED = {"availability", "latency", "throughput", "duration", "size", "count", "limit", "percent", "endpoint",
             "entity", "technology"}  # fmt: skip
_SIZES = {"bytes": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3,
          "TiB": 1024**4}  # fmt: skip
_SECONDS = {**SECONDS, "s": 1}
_PER = {"s": 1, "min": 60, "h": 3600, "day": 86400, "week": 604800, "month": 2592000, "year": 31536000, "ms": 0.001}


@dataclass(frozen=True)
class FactProblem:
    """A stated fact the document no longer holds (or holds with another value), and where it belongs."""

    code: Code
    fact: StatedFact
    section: str | None
    found: str | None = None  # the value the section says instead

    @property
    def message(self) -> str:
        """One line naming both values."""
        said = f'{describe(self.fact)} ("{self.fact.text}")'
        if self.code == CONTRADICTS:
            return f"the description states {said}; this says {self.found}"
        return f"the description states {said}; the document no longer says it"


def sidecar_stated(sidecar: Sidecar) -> StatedFacts:
    """The stated facts a sidecar recorded for its document."""
    return StatedFacts.model_validate({"facts": sidecar.stated_facts})


def fact_owners(specs: list[SectionSpec]) -> dict[str, list[str]]:
    """For each fact kind that slots hold, the sections holding such a slot."""
    owners: dict[str, list[str]] = {}
    for spec in specs:
        for kind in dict.fromkeys(_OWNED_BY[t] for t in spec.types.values() if t in _OWNED_BY):
            owners.setdefault(kind, []).append(spec.id)
    return owners


def section_lines(document: PrpDocument, template: Template) -> dict[str, list[tuple[int, str]]]:
    """What each section says, by section id, as (1-based line, text): its filled slots (an inline slot with its
    label, so "Latency: 150 ms" reads as a latency), never the template's examples, hints, NEEDS INPUT lines or
    review alerts; a section the template does not have, as written."""
    found: dict[str, list[tuple[int, str]]] = {}
    for section in document.sections:
        body = document.lines[section.start + 1 : section.end]
        if section.template_id is None:
            alert = find_alert(body)
            first = alert.end if alert is not None else 0
            found[section.id] = [
                (section.start + 2 + i, line.rstrip("\r\n")) for i, line in enumerate(body) if i >= first
            ]
            continue
        lines: list[tuple[int, str]] = []
        for slot in read_slots(document, section, template).values():
            if slot.needs_input or not slot.lines:
                continue
            if len(slot.lines) == 1 and slot.line:
                lines.append((slot.line, document.lines[slot.line - 1].rstrip("\r\n")))
            else:
                lines += [((slot.line or 0) + i, text) for i, text in enumerate(slot.lines)]
        found[section.template_id] = lines
    return found


def document_texts(document: PrpDocument, template: Template) -> dict[str, str]:
    """What each section says, by section id (see `section_lines`)."""
    return {sid: "\n".join(text for _, text in lines) for sid, lines in section_lines(document, template).items()}


def full_path(endpoint: dict[str, Any]) -> str:
    """A stated endpoint's path with the base path stated for it (`/api/reservas` + `/` → `/api/reservas`)."""
    base, path = str(endpoint.get("base", "")).rstrip("/"), str(endpoint["path"])
    return base + (path if path != "/" else "") if base else path


def _path_shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}|:\w+|<[^>]*>", "{}", path.lower()).rstrip("/") or "/"


def _amount(fact: StatedFact) -> tuple[Any, ...] | None:
    """A fact's value in base units, comparable however it was written."""
    v = fact.value
    if fact.kind == "availability":
        return (round(float(v["percent"]), 6),)
    if fact.kind == "latency":
        return (round(float(v["value"]) * _SECONDS[v["unit"]], 6), v["percentile"])
    if fact.kind == "throughput":
        per = str(v["unit"]).rsplit("/", 1)[-1]
        return (round(float(v["value"]) / _PER.get(per, 1), 6),)
    if fact.kind == "duration":
        scale = _SECONDS.get(v["unit"], 1)
        return (round(float(v["value"]) * scale, 6), round(float(v.get("to", v["value"])) * scale, 6))
    if fact.kind == "size":
        return (round(float(v["value"]) * _SIZES.get(v["unit"], 1), 3),)
    if fact.kind in {"count", "limit"}:
        return (round(float(v["value"]), 6), str(v["unit"]).rstrip("s"))
    if fact.kind == "percent":
        return (round(float(v["value"]), 6),)
    if fact.kind == "endpoint":
        return (v["method"], _path_shape(full_path(v)))
    if fact.kind == "technology":
        return (v["name"],)
    return None


def _same(stated: StatedFact, found: StatedFact) -> bool:
    if stated.kind == "endpoint" and found.kind == "endpoint":
        a, b = _amount(stated), _amount(found)
        return a is not None and b is not None and a[0] == b[0] and (a[1] == b[1] or b[1].endswith(a[1]))
    if stated.kind == "latency" and found.kind == "latency":
        a, b = _amount(stated), _amount(found)
        return a is not None and b is not None and a[0] == b[0] and (a[1] == b[1] or "max" in {a[1], b[1]})
    kinds = {stated.kind, found.kind}
    if kinds <= {"count", "limit"} or kinds <= {"percent", "availability"}:
        a, b = _amount(stated), _amount(found)
        return a is not None and b is not None and a[0] == b[0] and a[1:] == b[1:]
    return stated.kind == found.kind and _amount(stated) == _amount(found)


def _entity_kept(fact: StatedFact, text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)}
    name = str(fact.value["name"]).lower()
    return name in words and all(str(f).lower() in words for f in fact.value["fields"])


def _holds(fact: StatedFact, text: str, found: list[StatedFact]) -> bool:
    if fact.kind == "entity":
        return _entity_kept(fact, text)
    return any(_same(fact, other) for other in found)


def check_kept(
    stated: StatedFacts, sections: dict[str, str], owners: dict[str, list[str]], *, only: set[str] | None = None
) -> list[FactProblem]:
    """The stated facts the document (its sections' texts by id) no longer holds where they belong, or holds with
    another value. `only` limits the facts checked to those keys (the facts a change could have dropped)."""
    whole = "\n".join(sections.values())
    read = {sid: read_stated(text).facts if text.strip() else [] for sid, text in sections.items()}
    everywhere = [f for facts in read.values() for f in facts]
    problems: list[FactProblem] = []
    checked: set[str | None] = set()
    for fact in stated.facts:
        if fact.kind not in _COMPARED or (only is not None and fact.key() not in only) or fact.key() in checked:
            continue
        checked.add(fact.key())
        places = [sid for sid in owners.get(fact.kind, []) if sid in sections]
        taken = any(_same(other, f) for sid in places for f in read[sid] for other in stated.of(fact.kind)
                    if other is not fact)  # fmt: skip
        if taken and _holds(fact, whole, everywhere):
            continue  # its slot holds another stated value of its kind; this one is written elsewhere
        if places:
            if any(_holds(fact, sections[sid], read[sid]) for sid in places):
                continue
            other = next(((sid, f) for sid in places for f in read[sid] if _rival(fact, f)), None)
            if other is not None:
                problems.append(FactProblem(CONTRADICTS, fact, other[0], describe(other[1])))
            else:
                problems.append(FactProblem(DROPPED, fact, places[0]))
        elif not _holds(fact, whole, everywhere):
            problems.append(FactProblem(DROPPED, fact, None))
    return problems


def _rival(stated: StatedFact, found: StatedFact) -> bool:
    """Another value in the place the stated one belongs: same kind (and percentile), different amount."""
    if stated.kind != found.kind or stated.kind not in {"availability", "latency", "throughput"}:
        return False
    if stated.kind == "latency" and stated.value["percentile"] != found.value["percentile"]:
        return False
    return not _same(stated, found)


def kept_keys(stated: StatedFacts, sections: dict[str, str], owners: dict[str, list[str]]) -> set[str]:
    """The keys of the stated facts the document holds where they belong (before a change)."""
    lost = {p.fact.key() for p in check_kept(stated, sections, owners)}
    return {k for f in stated.facts if (k := f.key()) is not None and k not in lost}


# Slots that can hold what the description states beyond what other slots take (a token lifetime, an upload limit,
# a rule): the first of these a template has, by name.
_HOST = re.compile(r"objective|requirement|constraint|goal|scope|summary|overview|description|context|notes?$",
                   re.IGNORECASE)  # fmt: skip


def host_slot(specs: list[SectionSpec]) -> tuple[str, str] | None:
    """(section id, slot name) of the slot that holds stated facts no other slot takes, if the template has one."""
    for spec in specs:
        for slot in spec.slots:
            if spec.types[slot.name] in {SlotType.TEXT, SlotType.LIST} and _HOST.search(slot.name):
                return spec.id, slot.name
    return None


def fact_flags(problems: list[FactProblem], specs: list[SectionSpec]) -> dict[str, list[ReviewFlag]]:
    """The flags each section gets for the stated facts it lost or contradicts (facts no section owns are flagged on
    the host section, or the first one)."""
    host = host_slot(specs)
    fallback = host[0] if host else (specs[0].id if specs else None)
    by_section: dict[str, dict[FlagCode, list[str]]] = {}
    for problem in problems:
        section = problem.section or fallback
        if section is None:
            continue
        code = FlagCode.CONTRADICTS_DESCRIPTION if problem.code == CONTRADICTS else FlagCode.STATED_FACT_DROPPED
        by_section.setdefault(section, {}).setdefault(code, []).append(problem.message)
    return {
        section: [ReviewFlag(code=code, message="; ".join(messages)) for code, messages in codes.items()]
        for section, codes in by_section.items()
    }


def brief_problems(
    stated: StatedFacts, read: list[str], owners: dict[str, list[str]]
) -> tuple[list[FactProblem], list[str]]:
    """What a model's brief did with the stated facts: each it changed (a problem on the section the fact belongs
    to, naming both values) and each it left out (a line for the draft's warnings)."""
    facts = [f for item in read for f in read_stated(item).facts]
    changed: list[FactProblem] = []
    missed: list[str] = []
    for fact in stated.facts:
        if fact.kind not in _COMPARED - {"entity"} or any(_same(fact, other) for other in facts):
            continue
        rival = next((f for f in facts if _rival(fact, f)), None)
        places = owners.get(fact.kind, [])
        place = places[0] if places else None
        if rival is not None:
            changed.append(FactProblem(CONTRADICTS, fact, place, f"{describe(rival)} (the model's brief)"))
        else:
            missed.append(f'the model\'s brief did not list {describe(fact)} ("{fact.text}")')
    return changed, missed
