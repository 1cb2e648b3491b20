"""A PRP markdown document as it is now: its sections with exact line spans, so one can change and all else stays,
and each slot's text read back out of a section by following the template's line plan.

The text is kept as read (line endings, BOM and all); sections are found by headings outside code fences. Replacing
a section's body touches only the lines between its heading and the next heading.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from prp_agent.errors import InputError
from prp_agent.prpfile.grammar import find_alert, has_needs_input, is_guidance, needs_input_lines
from prp_agent.templates.compiler import (
    FENCE_RE,
    HEADING_RE,
    SLOT_RE,
    PlanLine,
    Template,
    filled_line_pattern,
    line_slots,
    slugify,
)

__all__ = ["DocSection", "PrpDocument", "SlotText", "load_document", "match_section", "parse_document", "read_slots"]


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
    filled_titles = [(s, filled_line_pattern(s.title)) for s in template.sections if line_slots(s.title)]
    for section in document.sections:
        for candidate, pattern in filled_titles:
            free = section.template_id is None and candidate.id not in taken and candidate.level == section.level
            if free and pattern is not None and pattern.match(section.title):
                section.template_id = candidate.id
                taken.add(candidate.id)
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
    if len(containing) > 1:
        named = ", ".join(f"{s.title!r} ({s.template_id or s.id})" for s in containing[:5])
        raise InputError(f"{query!r} matches {len(containing)} sections: {named}; name one by its id")
    close = difflib.get_close_matches(slug, [s.id for s in candidates], n=1, cutoff=0.8)
    if close:
        return next(s for s in candidates if s.id == close[0])
    titles = {s.title: s for s in candidates}
    near = difflib.get_close_matches(query, list(titles), n=3, cutoff=0.3) or [s.title for s in containing[:3]]
    hint = f"; closest: {', '.join(repr(t) for t in near)}" if near else ""
    raise InputError(f"no section matches {query!r}{hint}")


@dataclass
class SlotText:
    """One slot's text as the document shows it now: its content lines, and whether it still needs input (then
    `guidance` holds the template's hint or example lines kept under NEEDS INPUT, which are never content)."""

    lines: list[str]
    line: int | None
    needs_input: bool = False
    guidance: list[str] = field(default_factory=list)


def read_slots(document: PrpDocument, section: DocSection, template: Template) -> dict[str, SlotText]:
    """Each slot of the template section this document section stands for, read back by following the
    template's line plan: literal lines and fences are anchors, block slots are what lies between them, inline
    slots are read out of their line. A slot whose anchors a human removed reads as the remaining lines."""
    if section.template_id is None:
        return {}
    plan = template.section_plan(section.template_id)
    found: dict[str, SlotText] = {}
    heading = plan[0] if plan and plan[0].role == "heading" else None
    if heading is not None:
        _read_inline(heading, [section.title], 0, section.start + 1, found)
    body = document.lines[section.start + 1 : section.end]
    alert = find_alert(body)
    first = alert.end if alert is not None else 0
    _Reader(template, body, section.start + 2, found).run([p for p in plan if p.role != "heading"], first)
    return found


class _Reader:
    """Walks a section's plan lines against its body lines."""

    def __init__(self, template: Template, body: list[str], line_base: int, found: dict[str, SlotText]) -> None:
        self.template, self.body, self.base, self.found = template, body, line_base, found
        self.fence_open: str | None = None

    def run(self, plan: list[PlanLine], start: int) -> None:
        j = start
        pending: PlanLine | None = None
        for step in plan:
            if step.role == "block":
                pending = step
                continue
            if step.role == "drop" or not step.text.strip():
                continue
            k = self._find(step, j)
            if k is None:
                continue  # this line was edited away: the next anchor decides
            if pending is not None:
                self._block(pending.ref, j, k)
                pending = None
            _read_inline(step, [self.body[k].rstrip("\r\n")], 0, self.base + k, self.found)
            j = k + 1
        if pending is not None:
            self._block(pending.ref, j, len(self.body))

    def _find(self, step: PlanLine, j: int) -> int | None:
        pattern = filled_line_pattern(step.text) if step.role == "text" else None
        for k in range(j, len(self.body)):
            text = self.body[k].rstrip("\r\n")
            if step.role == "fence":
                if self._fence_matches(step, text):
                    return k
            elif pattern is not None:
                if pattern.match(text):
                    return k
            elif text.rstrip() == step.text.rstrip():
                return k
        return None

    def _fence_matches(self, step: PlanLine, text: str) -> bool:
        want, got = FENCE_RE.match(step.text), FENCE_RE.match(text)
        if want is None or got is None or got.group(1)[0] != want.group(1)[0]:
            return False
        if step.opens:
            self.fence_open = got.group(1)
            return len(got.group(1)) >= len(want.group(1))
        return len(got.group(1)) >= len(self.fence_open or want.group(1))

    def _block(self, name: str, start: int, end: int) -> None:
        lines = [line.rstrip("\r\n") for line in self.body[start:end]]
        while lines and not lines[-1].strip():
            lines.pop()
        offset = 0
        while lines and not lines[0].strip():
            lines.pop(0)
            offset += 1
        slot = self.template.slots[name]
        in_fence = slot.in_fence
        text = SlotText(lines, self.base + start + offset if lines else None)
        unfilled = bool(lines) and SLOT_RE.fullmatch(lines[0].strip()) is not None  # the template's own text
        kept = {line.strip() for line in needs_input_lines(slot, "")[1:]}
        if lines and not (has_needs_input(lines[0]) or unfilled) and kept:
            text.guidance = [line for line in lines if line.strip() in kept]  # left under a value a human wrote
            text.lines = [line for line in lines if line.strip() not in kept]
        if lines and (has_needs_input(lines[0]) or unfilled):
            text.needs_input = not unfilled
            text.guidance = [line for line in lines[1:] if is_guidance(line, in_fence=in_fence)]
            rest = [line for line in lines[1:] if line.strip() and not is_guidance(line, in_fence=in_fence)]
            text.lines = [lines[0], *rest] if unfilled else rest
        self.found[name] = text


def _read_inline(step: PlanLine, texts: list[str], index: int, line: int, found: dict[str, SlotText]) -> None:
    names = line_slots(step.text)
    pattern = filled_line_pattern(step.text) if names else None
    match = pattern.match(texts[index]) if pattern is not None else None
    if match is None:
        return
    for number, name in enumerate(names):
        value = match.group(f"s{number}").strip()
        if has_needs_input(value):
            hint = re.split(r"\s—\se\.g\.\s", value, maxsplit=1)
            found[name] = SlotText([], line, True, hint[1:])
        else:
            found.setdefault(name, SlotText([value] if value else [], line))
