"""Templates as users see them: the built-in list, and one template's sections, slots, types and guidance."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from prp_agent.errors import TemplateError
from prp_agent.templates.compiler import BUILTIN_TEMPLATES, load_template
from prp_agent.templates.schemas import build_section_specs

__all__ = ["SlotInfo", "TemplateInfo", "TemplateOverview", "describe_template", "list_templates", "template_source"]


class TemplateInfo(BaseModel):
    """A built-in template."""

    name: str
    description: str
    sections: int
    slot_sections: int
    slots: int


class SlotInfo(BaseModel):
    """One slot of a template."""

    name: str
    kind: str
    type: str
    label: str
    guidance: str
    occurrences: int


class SectionInfo(BaseModel):
    """One heading of a template and the slots it holds."""

    id: str
    title: str
    level: int
    path: list[str]
    slots: list[SlotInfo]


class TemplateOverview(BaseModel):
    """A compiled template, described."""

    name: str
    source: str
    sha256: str
    headings: int
    slot_sections: int
    slots: int
    implicit_slots: bool
    warnings: list[str]
    sections: list[SectionInfo]

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return self.model_dump(mode="json")


def list_templates() -> list[TemplateInfo]:
    """The built-in templates with their sizes."""
    infos = []
    for name, description in sorted(BUILTIN_TEMPLATES.items()):
        template = load_template(name)
        infos.append(
            TemplateInfo(
                name=name,
                description=description,
                sections=len(template.sections),
                slot_sections=len(template.slot_sections),
                slots=len(template.slots),
            )
        )
    return infos


def describe_template(name_or_path: str) -> TemplateOverview:
    """Compile a template and describe every section and slot."""
    template = load_template(name_or_path)
    types = {slot: spec.types[slot] for spec in build_section_specs(template) for slot in spec.types}
    sections = [
        SectionInfo(
            id=section.id,
            title=section.title,
            level=section.level,
            path=list(section.path),
            slots=[
                SlotInfo(
                    name=slot.name,
                    kind=slot.kind.value,
                    type=types[slot.name].value,
                    label=slot.label,
                    guidance=slot.guidance,
                    occurrences=slot.occurrences,
                )
                for slot in (template.slots[n] for n in section.slot_names)
            ],
        )
        for section in template.sections
    ]
    return TemplateOverview(
        name=template.name,
        source=template.source,
        sha256=template.sha256,
        headings=len(template.sections),
        slot_sections=len(template.slot_sections),
        slots=len(template.slots),
        implicit_slots=template.implicit_slots,
        warnings=template.warnings,
        sections=sections,
    )


def template_source(name: str) -> str:
    """A built-in template's markdown, as shipped."""
    if name not in BUILTIN_TEMPLATES:
        raise TemplateError(f"unknown built-in template {name!r}: choose {', '.join(sorted(BUILTIN_TEMPLATES))}")
    from importlib import resources

    return resources.files("prp_agent.templates").joinpath(f"{name}.md").read_text(encoding="utf-8")
