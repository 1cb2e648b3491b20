"""A PRP markdown document as it is now: its sections with exact line spans, so one can change and all else stays.

The text is kept as read (line endings, BOM and all); sections are found by headings outside code fences. Replacing
a section's body touches only the lines between its heading and the next heading.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .storage import sidecar_for
from .template import FENCE_RE, HEADING_RE, Template, slugify

__all__ = ["DocSection", "PrpDocument", "load_document", "load_sidecar", "match_section"]


@dataclass
class DocSection:
    """A heading and its body: lines [start, end) of the document, the heading being line `start`."""

    id: str
    title: str
    level: int
    start: int
    end: int
    template_id: str | None = None


@dataclass
class PrpDocument:
    """The lines of a PRP (line endings kept) and its sections."""

    path: Path
    lines: list[str]
    sections: list[DocSection] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The document exactly as read."""
        return "".join(self.lines)

    def body(self, section: DocSection) -> str:
        """A section's body: the lines after its heading, up to the next heading."""
        return "".join(self.lines[section.start + 1 : section.end])

    def section_text(self, section: DocSection) -> str:
        """A section with its heading."""
        return "".join(self.lines[section.start : section.end])

    def with_body(self, section: DocSection, body: str) -> str:
        """The whole document with one section's body replaced; every other byte as it was."""
        old = self.body(section)
        newline = "\r\n" if any(line.endswith("\r\n") for line in self.lines) else "\n"
        trailing = old[len(old.rstrip("\r\n")) :]  # keep the blank lines that separate it from the next heading
        new = body.rstrip("\r\n").replace("\r\n", "\n").replace("\n", newline)
        new = (new + trailing) if new else trailing
        return "".join(self.lines[: section.start + 1]) + new + "".join(self.lines[section.end :])

    def without(self, section: DocSection) -> str:
        """The document minus one section (context for redrafting it)."""
        return "".join(self.lines[: section.start] + self.lines[section.end :])

    def find(self, template_id: str) -> DocSection | None:
        """The document section that stands for a template section."""
        return next((s for s in self.sections if s.template_id == template_id), None)


def parse_document(path: Path, text: str, template: Template | None = None) -> PrpDocument:
    """Split text into sections and tie each to the template section with the same (or a close) title."""
    lines = text.splitlines(keepends=True)
    document = PrpDocument(path, lines)
    fence: str | None = None
    ids: set[str] = set()
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        fence_match = FENCE_RE.match(stripped)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        heading = HEADING_RE.match(stripped)
        if heading and heading.group(2).strip():
            if document.sections:
                document.sections[-1].end = index
            title = heading.group(2).strip()
            base = slugify(title)
            section_id, n = base, 2
            while section_id in ids:
                section_id, n = f"{base}-{n}", n + 1
            ids.add(section_id)
            document.sections.append(DocSection(section_id, title, len(heading.group(1)), index, len(lines)))
    if template is not None:
        _tie(document, template)
    return document


def _tie(document: PrpDocument, template: Template) -> None:
    """Exact titles first, then close titles, then position: an unknown heading where a template heading of the same
    level is missing, between the same neighbours, is that section renamed."""
    by_id = {s.id: s for s in template.sections}
    order = [s.id for s in template.sections]
    taken: set[str] = set()
    for section in document.sections:
        if section.id in by_id and section.id not in taken:
            section.template_id = section.id
            taken.add(section.id)
    for section in document.sections:
        if section.template_id is not None:
            continue
        candidates = [s.id for s in template.sections if s.id not in taken and s.level == section.level]
        close = difflib.get_close_matches(section.id, candidates, n=1, cutoff=0.75)
        if close:
            section.template_id = close[0]
            taken.add(close[0])
    for i, section in enumerate(document.sections):
        if section.template_id is not None or i == 0 or document.sections[i - 1].template_id is None:
            continue
        following = order.index(document.sections[i - 1].template_id or "") + 1
        if following < len(order) and order[following] not in taken and by_id[order[following]].level == section.level:
            section.template_id = order[following]
            taken.add(order[following])


def load_document(path: str | Path, template: Template | None = None) -> PrpDocument:
    """Read a PRP file as it is now."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{file} does not exist" if not file.exists() else f"{file} is not a file")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{file} is a binary file, not a PRP")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{file} is not UTF-8 text (byte {exc.start})") from None
    return parse_document(file, text, template)


def load_sidecar(markdown: str | Path) -> tuple[Path, dict[str, Any] | None]:
    """The sidecar path beside a PRP and its data (None when there is none)."""
    path = sidecar_for(Path(markdown))
    if not path.exists():
        return path, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read sidecar {path}: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("prp-agent.sidecar/"):
        raise InputError(f"{path} is not a prp-agent sidecar")
    return path, data


def match_section(document: PrpDocument, query: str, candidates: list[DocSection]) -> DocSection:
    """The section a user means by id, slug or title (case-insensitive, fuzzy); InputError with suggestions."""
    wanted = query.strip().lower()
    slug = slugify(query)
    for section in candidates:
        if wanted in {section.id, section.title.lower(), (section.template_id or "")} or slug == section.id:
            return section
    containing = [s for s in candidates if slug and slug in s.id]
    if len(containing) == 1:
        return containing[0]
    close = difflib.get_close_matches(slug, [s.id for s in candidates], n=1, cutoff=0.8)
    if close:
        return next(s for s in candidates if s.id == close[0])
    titles = {s.title: s for s in candidates}
    near = difflib.get_close_matches(query, list(titles), n=3, cutoff=0.3) or [s.title for s in containing[:3]]
    hint = f"; closest: {', '.join(repr(t) for t in near)}" if near else ""
    raise InputError(f"no section matches {query!r}{hint}")
