"""Section results → markdown: typed values into lines, flags into review alerts, slots into the template.

Every drafted value is made inert before it is placed (see `grammar`): whatever a model writes, the document keeps
exactly the template's sections. A slot without a value says NEEDS INPUT and keeps the template's guidance.
"""

from __future__ import annotations

from typing import Any

from prp_agent.prpfile.grammar import alert_lines, escape_block, escape_inline, needs_input_lines
from prp_agent.templates.compiler import Slot, SlotKind, Template, line_slots
from prp_agent.templates.schemas import SectionSpec, SlotType
from prp_agent.types import FlagCode, SectionResult

__all__ = ["format_value", "render_document", "render_section_body", "slot_lines"]

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
    """The lines a slot value renders to (inline slots join them with spaces), before escaping."""
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
    """Rendered lines per slot of a section, before escaping (empty list for a missing value): what the review
    rules read, and what lint reads back out of a document."""
    return {
        slot.name: format_value(slot, spec.types[slot.name], values.get(slot.name), numbered=_numbered(slot))
        for slot in spec.slots
    }


def _placed(slot: Slot, lines: list[str], table_rows: set[str]) -> list[str]:
    if slot.kind is SlotKind.INLINE:
        return [escape_inline(" ".join(lines), table_row=slot.name in table_rows)]
    return escape_block(lines, in_fence=slot.in_fence)


def _section_parts(template: Template, spec: SectionSpec, result: SectionResult) -> dict[str, list[str]]:
    rendered = slot_lines(spec, result.values)
    code = next((f.code for f in result.flags if f.code in _FAILURES), FlagCode.EMPTY)
    plan = template.section_plan(spec.id)
    table_rows = {name for line in plan if line.text.lstrip().startswith("|") for name in line_slots(line.text)}
    return {
        slot.name: _placed(slot, rendered[slot.name], table_rows)
        if rendered[slot.name]
        else needs_input_lines(slot, _FAILURES[code])
        for slot in spec.slots
    }


def render_document(template: Template, specs: list[SectionSpec], results: list[SectionResult]) -> str:
    """The finished markdown: every slot filled or marked as needing input, flagged sections with alerts."""
    by_id = {result.id: result for result in results}
    text: dict[str, list[str]] = {}
    alerts: dict[str, list[str]] = {}
    for spec in specs:
        text.update(_section_parts(template, spec, by_id[spec.id]))
        alerts[spec.id] = alert_lines(by_id[spec.id])
    return template.render(text, alerts)


def render_section_body(template: Template, spec: SectionSpec, result: SectionResult) -> str:
    """One section as the document shows it, without its heading line: alert, then the filled body."""
    parts = _section_parts(template, spec, result)
    rendered = template.render(parts, {spec.id: alert_lines(result)}, only=spec.id)
    return rendered.split("\n", 1)[1] if "\n" in rendered else ""
