"""Is a PRP ready? Deterministic checks, no model: review markers left, raw placeholders, template examples echoed,
empty or "needs input" sections, template sections missing or renamed, and repository paths that no longer exist.

Works on PRPs written by hand from the same template (no sidecar needed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .document import NEEDS_INPUT, REVIEW_MARKER
from .prpdoc import DocSection, PrpDocument, load_document, load_sidecar
from .review import EMPTY_WORDS, copied_from_example
from .template import SLOT_RE, Template, load_template

__all__ = ["Finding", "LintReport", "lint_prp"]

_ALERT = re.compile(r"^> \[!(WARNING|CAUTION)\]")
_CITED_PATH = re.compile(r"\(((?:[\w.-]+/)+[\w.-]+|[\w.-]+\.[A-Za-z0-9]{1,8}(?=:\d))(?::\d+)?\)")


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


def lint_prp(path: str | Path, *, template_name: str | None = None, strict: bool = False) -> LintReport:
    """Check a PRP against its template (from the sidecar, --template, or the built-in backend template)."""
    _, sidecar = load_sidecar(path)
    source = template_name or (sidecar or {}).get("template", {}).get("source", "builtin:backend")
    name = source.removeprefix("builtin:") if source.startswith("builtin:") else source
    if not source.startswith("builtin:") and not Path(source).exists():
        name = (sidecar or {}).get("template", {}).get("name", "backend")
    template = load_template(name)
    document = load_document(path, template)
    report = LintReport(Path(path), template.name, strict=strict)
    report.findings += _markers(document)
    report.findings += _placeholders(document)
    report.findings += _structure(document, template)
    report.findings += _contents(document, template)
    if sidecar is not None:
        report.findings += _stale_paths(document, sidecar)
    report.findings.sort(key=lambda f: (f.line or 0, f.code))
    return report


def _section_at(document: PrpDocument, index: int) -> DocSection | None:
    return next((s for s in document.sections if s.start <= index < s.end), None)


def _sid(section: DocSection | None) -> str | None:
    return (section.template_id or section.id) if section else None


def _markers(document: PrpDocument) -> list[Finding]:
    findings = []
    for index, line in enumerate(document.lines):
        text = line.rstrip("\r\n")
        section = _section_at(document, index)
        if text.startswith(f"<!-- {REVIEW_MARKER}"):
            findings.append(Finding("review_marker", "a review marker is left", _sid(section), index + 1))
        elif _ALERT.match(text):
            findings.append(Finding("review_alert", "a review alert is left", _sid(section), index + 1))
    return findings


def _placeholders(document: PrpDocument) -> list[Finding]:
    findings = []
    fence = False
    for index, line in enumerate(document.lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        for match in SLOT_RE.finditer(re.sub(r"`[^`]*`", "", line) if not fence else line):
            section = _section_at(document, index)
            findings.append(Finding("placeholder", f"raw placeholder {match.group(0)}", _sid(section), index + 1))
    return findings


def _structure(document: PrpDocument, template: Template) -> list[Finding]:
    findings = []
    tied = {s.template_id: s for s in document.sections if s.template_id}
    for section in template.sections:
        found = tied.get(section.id)
        if found is None:
            findings.append(
                Finding("missing_section", f"the template's section {section.title!r} is missing", section.id, None)
            )
        elif found.id != section.id:
            message = f"section {section.title!r} is titled {found.title!r}"
            findings.append(Finding("renamed_section", message, section.id, found.start + 1, "warning"))
    return findings


def _contents(document: PrpDocument, template: Template) -> list[Finding]:
    findings = []
    for section in template.slot_sections:
        found = document.find(section.id)
        if found is None:
            continue
        lines = document.lines[found.start + 1 : found.end]
        content = [
            (found.start + 2 + i, line.strip())
            for i, line in enumerate(lines)
            if line.strip() and not line.strip().startswith(("```", "~~~", ">", "<!--"))
        ]
        for number, text in content:
            if NEEDS_INPUT in text:
                findings.append(Finding("needs_input", text[:160], section.id, number))
        values = [re.sub(r"^[-*]\s*\*\*[^*]+\*\*:\s*", "", text) for _, text in content]
        if not content or all(v.strip().strip(".").lower() in EMPTY_WORDS for v in values):
            findings.append(
                Finding("empty_section", f"section {section.title!r} has no content", section.id, found.start + 1)
            )
            continue
        for slot in (template.slots[n] for n in section.slot_names):
            if slot.examples and copied_from_example([t for _, t in content], slot.examples):
                message = f"{slot.label} echoes the template's example text"
                findings.append(Finding("example_echoed", message, section.id, content[0][0]))
    return findings


def _stale_paths(document: PrpDocument, sidecar: dict[str, Any]) -> list[Finding]:
    repo = sidecar.get("repo") or {}
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
            section = _section_at(document, number - 1) if number else None
            message = f"{cited_path} is cited but no longer exists in {root}"
            findings.append(Finding("stale_path", message, _sid(section), number))
    return findings
