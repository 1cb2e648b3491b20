"""Is a PRP ready? Deterministic checks, no model: sections still flagged for review, slots still needing input or
empty, raw placeholders, template examples echoed, template sections missing or renamed, and repository paths that
no longer exist.

Slots are read back out of the document by the template's line plan and judged by the review module's rules, with
the sidecar's description, brief and repository context as the evidence a draft was judged with: a section that a
draft called filled gets no error here. PRPs written by hand from the same template are linted without a sidecar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import prp_agent.drafting.review as review
from prp_agent.drafting.consistency import find_inconsistencies
from prp_agent.drafting.keeping import check_kept, document_texts, fact_owners, sidecar_stated
from prp_agent.drafting.stated import describe
from prp_agent.prpfile.grammar import find_alert
from prp_agent.prpfile.parse import DocSection, PrpDocument, load_document, read_slots
from prp_agent.prpfile.sidecar import Sidecar, load_sidecar, pairing
from prp_agent.prpfile.store import recover
from prp_agent.templates.compiler import FENCE_RE, SLOT_RE, Template, load_template
from prp_agent.templates.schemas import SectionSpec, build_section_specs

__all__ = ["Finding", "LintReport", "lint_prp"]

_CITED_PATH = re.compile(r"\(((?:[\w.-]+/)+[\w.-]+|[\w.-]+\.[A-Za-z0-9]{1,8}(?=:\d))(?::\d+)?\)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_MIN_SHARED = 0.3  # below this share of the template's headings, a file is not a PRP of that template
_MESSAGES = {
    review.NEEDS: "{label} still needs input",
    review.EMPTY: "{label} is empty",
    review.PLACEHOLDER: "{label} holds a raw {{{{placeholder}}}}",
    review.ECHOED: "{label} echoes the template's example text",
}
_CODES = {review.NEEDS: "needs_input", review.EMPTY: "empty_section", review.PLACEHOLDER: "placeholder",
          review.ECHOED: "example_echoed"}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One problem: where (section id, 1-based line), what (code), and how bad."""

    code: str
    message: str
    section: str | None
    line: int | None
    severity: Literal["error", "warning"] = "error"

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {"code": self.code, "message": self.message, "section": self.section, "line": self.line,
                "severity": self.severity}  # fmt: skip


@dataclass
class LintReport:
    """All findings for one file."""

    path: Path
    template: str
    findings: list[Finding] = field(default_factory=list)
    strict: bool = False

    @property
    def failed(self) -> bool:
        """Whether the file is not ready: an error, or with --strict any finding."""
        return any(f.severity == "error" or self.strict for f in self.findings)

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {"path": str(self.path), "template": self.template, "clean": not self.failed,
                "findings": [f.as_json() for f in self.findings]}  # fmt: skip


def _template(sidecar: Sidecar | None, template_name: str | None) -> Template:
    source = template_name or (sidecar.template.source if sidecar else "builtin:backend")
    name = source.removeprefix("builtin:") if source.startswith("builtin:") else source
    if not source.startswith("builtin:") and not Path(source).exists():
        name = sidecar.template.name if sidecar else "backend"
    return load_template(name)


def lint_prp(path: str | Path, *, template_name: str | None = None, strict: bool = False) -> LintReport:
    """Check a PRP against its template (from the sidecar, --template, or the built-in backend template)."""
    recover(Path(path))
    _, sidecar = load_sidecar(path)
    template = _template(sidecar, template_name)
    document = load_document(path, template)
    report = LintReport(Path(path), template.name, strict=strict)
    if sidecar is not None and pairing(sidecar, document) == "foreign":
        message = f"the sidecar was written for {sidecar.document or 'another document'}; it was ignored"
        report.findings.append(Finding("sidecar_mismatch", message, None, None, "warning"))
        sidecar = None
    tied = sum(1 for s in document.sections if s.template_id)
    if tied < max(1, _MIN_SHARED * len(template.sections)):
        message = (f"not a PRP of the {template.name} template: it shares {tied} of the template's "
                   f"{len(template.sections)} headings (pass --template to lint against another)")  # fmt: skip
        report.findings.append(Finding("not_a_prp", message, None, None))
        report.findings += _placeholders_outside_slots(document, None)  # raw placeholders, in any markdown
        return report
    report.findings += _structure(document, template)
    report.findings += _sections(document, template, review.sidecar_evidence(sidecar))
    report.findings += _placeholders_outside_slots(document, template)
    report.findings += [
        Finding("inconsistent", found.message, found.here[0], found.here[1], "warning")
        for found in find_inconsistencies(document, template)
    ]
    if sidecar is not None:
        report.findings += _stale_paths(document, sidecar)
        report.findings += _stated_facts(document, template, sidecar)
    report.findings.sort(key=lambda f: (f.line or 0, f.code))
    return report


def _structure(document: PrpDocument, template: Template) -> list[Finding]:
    findings = []
    tied = {s.template_id: s for s in document.sections if s.template_id}
    for section in template.sections:
        found = tied.get(section.id)
        if found is None:
            findings.append(
                Finding("missing_section", f"the template's section {section.title!r} is missing", section.id, None)
            )
        elif found.id != section.id and not SLOT_RE.search(section.title):
            message = f"section {section.title!r} is titled {found.title!r}"
            findings.append(Finding("renamed_section", message, section.id, found.start + 1, "warning"))
    return findings


def _sections(document: PrpDocument, template: Template, evidence: str) -> list[Finding]:
    supported = review.supported_terms(evidence)
    findings: list[Finding] = []
    for spec in build_section_specs(template):
        found = document.find(spec.id)
        if found is not None:
            findings += _section(document, template, spec, found, supported)
    return findings


def _section(
    document: PrpDocument, template: Template, spec: SectionSpec, found: DocSection, supported: set[str]
) -> list[Finding]:
    findings = []
    alert = find_alert(document.lines[found.start + 1 : found.end])
    if alert is not None:
        codes = ", ".join(alert.codes) or "unknown reasons"
        message = f"flagged for review ({codes}); resolve it, then mark it reviewed with refine --accept-flags"
        findings.append(Finding("needs_review", message, spec.id, found.start + 2 + alert.start))
    slots = read_slots(document, found, template)
    for slot in spec.slots:
        text = slots.get(slot.name)
        if text is not None and text.guidance and not text.needs_input:
            message = f"{slot.label}: the template's example lines are still under the value; delete them"
            findings.append(Finding("guidance_left", message, spec.id, text.line or found.start + 1, "warning"))
        for problem in review.slot_problems(spec, slot.name, text, supported):
            line = text.line if text is not None and text.line else found.start + 1
            message = _MESSAGES[problem].format(label=slot.label)
            findings.append(Finding(_CODES[problem], message, spec.id, line))
    return findings


def _stated_facts(document: PrpDocument, template: Template, sidecar: Sidecar) -> list[Finding]:
    """What the description stated and the document lost or changed, unless a human accepted that change."""
    if not sidecar.stated_facts:
        return []
    stated = sidecar_stated(sidecar)
    specs = build_section_specs(template)
    accepted = [f for entry in sidecar.history for f in entry.accepted_flags]
    findings = []
    for problem in check_kept(stated, document_texts(document, template), fact_owners(specs)):
        said = describe(problem.fact)
        if any(a.get("code") == problem.code and said in str(a.get("message", "")) for a in accepted):
            continue
        found = document.find(problem.section) if problem.section else None
        findings.append(Finding(problem.code, problem.message, problem.section, found.start + 1 if found else None))
    return findings


def _placeholders_outside_slots(document: PrpDocument, template: Template | None) -> list[Finding]:
    """Raw placeholders the template never had (a slot's own are judged with the slot); every raw placeholder when
    the document is not a PRP of the template."""
    known = set(template.slots) if template is not None else set()
    findings = []
    fence: str | None = None
    for index, line in enumerate(document.lines):
        match = FENCE_RE.match(line.rstrip("\r\n"))
        if match and (fence is None or (match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence))):
            fence = None if fence is not None else match.group(1)
            continue
        text = line if fence is not None else _CODE_SPAN.sub("", line)
        for slot in SLOT_RE.finditer(text):
            if slot.group(1) not in known:
                section = next((s for s in document.sections if s.start <= index < s.end), None)
                sid = (section.template_id or section.id) if section else None
                findings.append(Finding("placeholder", f"raw placeholder {slot.group(0)}", sid, index + 1))
    return findings


def _stale_paths(document: PrpDocument, sidecar: Sidecar) -> list[Finding]:
    repo = sidecar.repo or {}
    root = Path(repo.get("root") or "")
    if not repo:
        return []
    if not root.is_dir():
        return [
            Finding("repo_missing", f"the repository {root} the draft was grounded in is gone", None, None, "warning")
        ]
    cited: dict[str, int | None] = {}
    for fact in (repo.get("facts") or {}).get("facts", []):
        for evidence in fact.get("evidence", []):
            if evidence.get("path") not in {None, "."}:
                cited.setdefault(evidence["path"], None)
    for index, text in enumerate(document.lines):
        for match in _CITED_PATH.finditer(text):
            cited[match.group(1)] = index + 1
    findings = []
    for cited_path, number in sorted(cited.items()):
        if not (root / cited_path).exists():
            section = next((s for s in document.sections if number and s.start <= number - 1 < s.end), None)
            sid = (section.template_id or section.id) if section else None
            message = f"{cited_path} is cited but no longer exists in {root}"
            findings.append(Finding("stale_path", message, sid, number))
    return findings
