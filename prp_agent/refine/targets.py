"""Which section of which PRP: open a document with its sidecar and template, find a section, list what a
review walks, and read the change history."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prp_agent.errors import InputError
from prp_agent.lint import lint_prp
from prp_agent.prpfile.parse import DocSection, PrpDocument, match_section
from prp_agent.prpfile.sidecar import HistoryEntry, Sidecar
from prp_agent.prpfile.store import Opened, open_prp
from prp_agent.templates.compiler import Template, load_template
from prp_agent.templates.schemas import SectionSpec, build_section_specs
from prp_agent.types import OpenQuestion, SectionResult

__all__ = ["RefineTarget", "history", "list_sections", "open_target", "sections_to_review"]


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


def sections_to_review(path: str | Path, template_name: str | None = None) -> list[str]:
    """The template sections that lint reports errors in (flagged, needing input, empty, echoing examples, holding
    placeholders), in document order: what a review session walks."""
    report = lint_prp(path, template_name=template_name)
    template, opened, _ = _open(path, template_name)
    slot_ids = {s.id for s in template.slot_sections}
    wanted = {f.section for f in report.findings if f.severity == "error" and f.code != "missing_section"}
    return [s.template_id for s in opened.document.sections if s.template_id in slot_ids and s.template_id in wanted]


def history(path: str | Path, template_name: str | None = None) -> list[HistoryEntry]:
    """Every change recorded for a PRP's sections, oldest first."""
    _, opened, _ = _open(path, template_name)
    return list(opened.sidecar.history) if opened.sidecar else []
