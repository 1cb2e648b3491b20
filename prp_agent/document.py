"""Turn section results into markdown: typed values into lines, flags into review alerts, slots into the template."""

from __future__ import annotations

import json
from typing import Any

from .schemas import SectionSpec, SlotType
from .template import Slot, SlotKind, Template
from .types import FlagCode, SectionResult

__all__ = ["NEEDS_INPUT", "format_value", "render_document", "review_alert"]

NEEDS_INPUT = "NEEDS INPUT"
REVIEW_MARKER = "prp-agent:review"
_FAILURES = {
    FlagCode.REQUEST_FAILED: "not drafted, the request failed",
    FlagCode.REFUSAL: "not drafted, the model refused",
    FlagCode.TRUNCATED: "not drafted, the answer was cut off",
    FlagCode.VALIDATION_FAILED: "the drafted value was invalid",
    FlagCode.NO_EVIDENCE: "the description does not say",
    FlagCode.EMPTY: "the inputs do not say",
}


def _number(value: float) -> str:
    return f"{value:g}"


def format_value(slot: Slot, slot_type: SlotType, value: Any, *, numbered: bool = False) -> list[str]:
    """The lines a slot value renders to (inline slots join them with spaces)."""
    if value is None:
        return []
    if slot_type is SlotType.PERCENTAGE:
        return [f"{_number(float(value))}%"]
    if slot_type is SlotType.LATENCY:
        return [f"< {_number(value['value'])}{value['unit']} {value['percentile']}"]
    if slot_type is SlotType.THROUGHPUT:
        return [f"{_number(value['value'])} {value['unit']}"]
    if slot_type is SlotType.ENDPOINTS:
        return [f"{e['method']} {e['path']} - {e['summary']}".rstrip(" -") for e in value]
    if slot_type is SlotType.ENTITIES:
        lines: list[str] = []
        for entity in value:
            if lines:
                lines.append("")
            lines.append(f"{entity['name']}:")
            for field in entity["fields"]:
                constraints = f" ({field['constraints']})" if field["constraints"].strip() else ""
                lines.append(f"- {field['name']}: {field['type']}{constraints}")
        return lines
    if slot_type is SlotType.LIST:
        items = [str(item).strip() for item in value if str(item).strip()]
        if slot.kind is SlotKind.INLINE:
            return ["; ".join(items)]
        return [f"{i}. {item}" if numbered else f"- {item}" for i, item in enumerate(items, 1)]
    text = str(value).strip()
    return [" ".join(text.split())] if slot.kind is SlotKind.INLINE else text.splitlines()


def _numbered(slot: Slot) -> bool:
    return bool(slot.examples) and slot.examples[0][:2].rstrip(".").isdigit()


def slot_lines(spec: SectionSpec, values: dict[str, Any]) -> dict[str, list[str]]:
    """Rendered lines per slot of a section (empty list for a missing value)."""
    return {
        slot.name: format_value(slot, spec.types[slot.name], values.get(slot.name), numbered=_numbered(slot))
        for slot in spec.slots
    }


def _needs_input(slot: Slot, reason: str) -> list[str]:
    line = f"{NEEDS_INPUT} ({reason})"
    if slot.kind is SlotKind.INLINE or slot.in_fence:
        return [line]
    return [f"**{line}**"]


def review_alert(result: SectionResult) -> list[str]:
    """A GitHub alert that says why the section needs review, then a machine-readable marker."""
    if result.status != "flagged":
        return []
    reasons = "; ".join(f"{flag.message} (`{flag.code.value}`)" for flag in result.flags)
    lines = ["> [!WARNING]", f"> **Needs review:** {reasons}"]
    if result.open_questions:
        lines.append(">")
        lines.append("> Open questions:")
        for i, q in enumerate(result.open_questions, 1):
            suggestion = f" — suggested: {q.suggested_answer}" if q.suggested_answer.strip() else ""
            lines.append(f"> {i}. {q.question}{suggestion}")
    marker = {"section": result.id, "codes": [flag.code.value for flag in result.flags]}
    lines.append(f"<!-- {REVIEW_MARKER} {json.dumps(marker)} -->")
    lines.append("")
    return lines


def _section_parts(spec: SectionSpec, result: SectionResult) -> dict[str, list[str]]:
    rendered = slot_lines(spec, result.values)
    code = next((f.code for f in result.flags if f.code in _FAILURES), FlagCode.EMPTY)
    return {slot.name: rendered[slot.name] or _needs_input(slot, _FAILURES[code]) for slot in spec.slots}


def render_document(template: Template, specs: list[SectionSpec], results: list[SectionResult]) -> str:
    """The finished markdown: every slot filled or marked as needing input, flagged sections with alerts."""
    by_id = {result.id: result for result in results}
    text: dict[str, list[str]] = {}
    alerts: dict[str, list[str]] = {}
    for spec in specs:
        text.update(_section_parts(spec, by_id[spec.id]))
        alerts[spec.id] = review_alert(by_id[spec.id])
    return template.render(text, alerts)


def render_section_body(template: Template, spec: SectionSpec, result: SectionResult) -> str:
    """One section as the document shows it, without its heading line: alert, then the filled body."""
    rendered = template.render(_section_parts(spec, result), {spec.id: review_alert(result)}, only=spec.id)
    return rendered.split("\n", 1)[1] if "\n" in rendered else ""
