"""Templates as people see them: the built-in list, one template's sections and slots, a template's source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from prp_agent.ui.console import cell, out, print_json, say

if TYPE_CHECKING:
    from prp_agent.templates.catalog import TemplateInfo, TemplateOverview

__all__ = ["show_template", "show_template_list"]


def show_template_list(templates: list[TemplateInfo], *, json_output: bool) -> None:
    """The built-in templates."""
    if json_output:
        print_json({"templates": [t.model_dump() for t in templates]})
        return
    table = Table("name", "headings", "sections with slots", "slots", "description")
    for t in templates:
        table.add_row(cell(t.name), str(t.sections), str(t.slot_sections), str(t.slots), cell(t.description))
    out().print(table)


def show_template(overview: TemplateOverview, *, json_output: bool) -> None:
    """A template's sections and slots."""
    if json_output:
        print_json(overview.as_json())
        return
    for warning in overview.warnings:
        say(f"prp-agent: warning: {warning}")
    console = out()
    console.print(
        cell(
            f"{overview.name} ({overview.source}) — {overview.headings} headings, "
            f"{overview.slot_sections} with slots, {overview.slots} slots"
        )
    )
    table = Table("section (id)", "slot", "kind", "type", "guidance", show_lines=True)
    table.columns[0].overflow = "fold"  # the id is what --prompts sections/<id>.j2 and refine -s take: never cut
    for section in overview.sections:
        indent = "  " * max(section.level - 1, 0)
        if not section.slots:
            table.add_row(cell(f"{indent}{section.title}"), "", "", "", "")
        for i, slot in enumerate(section.slots):
            guidance = slot.guidance if len(slot.guidance) <= 160 else slot.guidance[:157] + "…"
            title = f"{indent}{section.title}\n{indent}({section.id})" if i == 0 else ""
            table.add_row(cell(title), cell(slot.name), slot.kind, slot.type, cell(guidance))
    console.print(table)
