"""Template compiler: markdown with `{{slot}}` placeholders → sections, slots and a renderer.

Parsing works line by line. Headings outside code fences open sections; a fenced line holding only `{{name}}` is a
block slot whose following `# ...` comment lines are its examples; any other `{{name}}` is an inline slot whose
`(e.g.: ...)` hint is guidance. Examples and hints never reach the output. A template without any slot treats each
leaf section's body as the guidance of one slot standing for the whole section.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import cast

from prp_agent.errors import InputError, TemplateError
from prp_agent.storage import read_capped
from prp_agent.templates.mojibake import repair_mojibake

__all__ = [
    "BUILTIN_TEMPLATES",
    "FENCE_RE",
    "HEADING_RE",
    "SLOT_RE",
    "PlanLine",
    "Section",
    "Slot",
    "SlotKind",
    "Template",
    "compile_template",
    "filled_line_pattern",
    "line_slots",
    "load_template",
]

BUILTIN_TEMPLATES: dict[str, str] = {"backend": "Backend development PRP: API, data, stack, quality, risks"}

HEADING_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SLOT_RE = re.compile(r"(?<!\{)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}(?!\})")
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HINT_RE = re.compile(
    r"(?<![ \t])[ \t]*\((?:e\.\s?g\.?|eg|ex|example|for example)\s*[:.,]?\s*([^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_LABEL_RE = re.compile(r"\*\*([^*]+)\*\*\s*:?\s*$")
_EXAMPLE_LABEL_RE = re.compile(r"^(?:example|examples|e\.g\.)\b.*:$", re.IGNORECASE)
_MAX_BYTES = 2_000_000


class SlotKind(StrEnum):
    """Where a slot stands: inside a line, alone in a block, or the whole body of a section."""

    INLINE = "inline"
    BLOCK = "block"
    SECTION = "section"


@dataclass
class Slot:
    """One placeholder: its name, kind, owning section, label and the template's guidance for it."""

    name: str
    kind: SlotKind
    section_id: str
    label: str
    examples: list[str] = field(default_factory=list)
    hint: str = ""
    in_fence: bool = False
    occurrences: int = 1

    @property
    def guidance(self) -> str:
        """Examples and hint as one text: what the template shows, never to be copied verbatim."""
        parts = [self.hint] if self.hint else []
        parts.extend(self.examples)
        return "\n".join(parts)


@dataclass
class Section:
    """A heading and what follows it up to the next heading."""

    id: str
    title: str
    level: int
    path: tuple[str, ...]
    line: int
    parent_id: str | None
    slot_names: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class PlanLine:
    """How one template line renders: kept text, a heading, a code fence, a block slot, or dropped guidance."""

    text: str
    role: str  # "text" | "heading" | "fence" | "block" | "drop"
    ref: str = ""  # section id for headings, slot name for blocks
    slots: list[str] = field(default_factory=list)  # for an opening fence: the block slots it encloses
    opens: bool = False  # for a fence line: whether it opens a code block


@dataclass
class Template:
    """A compiled template: sections in document order, slots by name, and what its compilation warned about."""

    name: str
    source: str
    sha256: str
    sections: list[Section]
    slots: dict[str, Slot]
    implicit_slots: bool
    warnings: list[str]
    plan: list[PlanLine]

    @property
    def hash(self) -> str:
        """Short content hash recorded in sidecars."""
        return self.sha256[:12]

    @property
    def slot_sections(self) -> list[Section]:
        """Sections that hold at least one slot, in document order."""
        return [s for s in self.sections if s.slot_names]

    def section(self, section_id: str) -> Section:
        """The section with this id."""
        found = self._by_id().get(section_id)
        if found is None:
            raise KeyError(section_id)
        return found

    def section_plan(self, section_id: str) -> list[PlanLine]:
        """The plan lines of one section: its heading, then its body up to the next heading."""
        return self._plans().get(section_id, [])

    # Indexes built on first use (a template of 10,000 sections is asked for each section's plan once per section).
    def _by_id(self) -> dict[str, Section]:
        if "_sections_by_id" not in self.__dict__:
            self.__dict__["_sections_by_id"] = {s.id: s for s in reversed(self.sections)}  # the first of an id wins
        return cast(dict[str, Section], self.__dict__["_sections_by_id"])

    def _plans(self) -> dict[str, list[PlanLine]]:
        if "_plans_by_id" not in self.__dict__:
            plans: dict[str, list[PlanLine]] = {}
            current: str | None = None
            for line in self.plan:
                if line.role == "heading":
                    current = line.ref
                if current is not None:
                    plans.setdefault(current, []).append(line)
            self.__dict__["_plans_by_id"] = plans
        return cast(dict[str, list[PlanLine]], self.__dict__["_plans_by_id"])

    def render(
        self, slot_text: dict[str, list[str]], alerts: dict[str, list[str]] | None = None, *, only: str | None = None
    ) -> str:
        """Fill every slot with its lines of text and put each section's alert lines under its heading.

        A code fence around a block slot grows longer than any fence inside the value, so no value can close it.
        With `only`, render just that section: its heading and body up to the next heading.
        """
        alerts = alerts or {}
        out: list[str] = []
        current = None
        fence = ""
        for line in self.plan:
            if line.role == "heading":
                current = line.ref
            if line.role == "drop" or (only is not None and current != only):
                continue
            if line.role == "heading":
                out.append(_fill_inline(line.text, slot_text))
                if alerts.get(line.ref):
                    out.append("")
                    out.extend(alerts[line.ref])
            elif line.role == "block":
                out.extend(slot_text.get(line.ref, []))
            elif line.role == "fence":
                if line.opens:
                    fence = _fence_for(line.text, [t for name in line.slots for t in slot_text.get(name, [])])
                out.append(_grown_fence(line.text, fence))
            else:
                out.append(_fill_inline(line.text, slot_text))
        return "\n".join(out).rstrip("\n") + "\n"


def _fence_for(opening: str, content: list[str]) -> str:
    """The fence an opening line needs: its own, or one longer than any fence of the same character inside."""
    match = FENCE_RE.match(opening)
    fence = match.group(1) if match else "```"
    inner = [m.group(1) for m in map(FENCE_RE.match, content) if m and m.group(1)[0] == fence[0]]
    longest = max((len(f) for f in inner), default=0)
    return fence[0] * max(len(fence), longest + 1)


def _grown_fence(text: str, fence: str) -> str:
    match = FENCE_RE.match(text)
    if not match or not fence or len(match.group(1)) >= len(fence):
        return text
    return text[: match.start(1)] + fence + text[match.end(1) :]


def _fill_inline(text: str, slot_text: dict[str, list[str]]) -> str:
    def replace(match: re.Match[str]) -> str:
        lines = slot_text.get(match.group(1))
        return " ".join(lines) if lines is not None else match.group(0)

    return _sub_outside_code(text, replace)


def _sub_outside_code(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """Apply a slot substitution everywhere except inside inline code spans."""
    pieces: list[str] = []
    last = 0
    for span in _CODE_SPAN_RE.finditer(text):
        pieces.append(_HINTED_SLOT_RE.sub(replace, text[last : span.start()]))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(_HINTED_SLOT_RE.sub(replace, text[last:]))
    return "".join(pieces)


_HINTED_SLOT_RE = re.compile(SLOT_RE.pattern + "(?:" + _HINT_RE.pattern + ")?")


def filled_line_pattern(text: str) -> re.Pattern[str] | None:
    """A regex matching this template line once rendered, with one group per inline slot (named by order:
    `s0`, `s1`, …, see `.slots`), or None when the line holds no slot. Literal text must match exactly."""
    pieces: list[str] = []
    last = 0
    found = False
    for span in [*_CODE_SPAN_RE.finditer(text), None]:
        end = span.start() if span is not None else len(text)
        for match in _HINTED_SLOT_RE.finditer(text, last, end):
            pieces.append(re.escape(text[last : match.start()]))
            pieces.append(f"(?P<s{len([p for p in pieces if p.startswith('(?P<s')])}>.*?)")
            last, found = match.end(), True
        if span is not None:
            pieces.append(re.escape(text[last : span.end()]))
            last = span.end()
    pieces.append(re.escape(text[last:]))
    return re.compile("^" + "".join(pieces).rstrip() + r"\s*$") if found else None


def line_slots(text: str) -> list[str]:
    """The inline slot names of a template line, in order (outside code spans)."""
    blanked = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), text)
    return [m.group(1) for m in SLOT_RE.finditer(blanked)]


def slugify(title: str) -> str:
    """A stable ASCII id from a heading title (emoji and punctuation dropped)."""
    normalized = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-")
    return slug or "section"


def _decode(data: bytes, origin: str) -> str:
    if len(data) > _MAX_BYTES:
        raise TemplateError(f"template {origin} is larger than {_MAX_BYTES // 1_000_000} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"template {origin} is not valid UTF-16 text: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        raise TemplateError(f"template {origin} is a binary file, not markdown text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"template {origin} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None


_MAX_TEMPLATE_BYTES = 4_000_000  # a template is a page of markdown; a device or a huge file is refused unread


def load_template(name_or_path: str) -> Template:
    """Load and compile a built-in template by name, or a markdown file by path."""
    if name_or_path in BUILTIN_TEMPLATES:
        data = resources.files("prp_agent.templates").joinpath(f"{name_or_path}.md").read_bytes()
        return compile_template(_decode(data, name_or_path), name=name_or_path, source=f"builtin:{name_or_path}")
    path = Path(name_or_path).expanduser()
    if not path.exists():
        known = ", ".join(sorted(BUILTIN_TEMPLATES))
        raise TemplateError(f"unknown template '{name_or_path}': not a built-in ({known}) and no such file")
    if path.is_dir():
        raise TemplateError(f"template {path} is a directory, not a markdown file")
    try:
        data = read_capped(path, _MAX_TEMPLATE_BYTES, "template")
    except InputError as exc:
        raise TemplateError(exc.message) from None
    return compile_template(_decode(data, str(path)), name=path.stem, source=str(path.resolve()))


def compile_template(text: str, *, name: str = "template", source: str = "<string>") -> Template:
    """Compile template text into sections, slots and a line plan for rendering."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, report = repair_mojibake(text)
    warnings = [f"repaired {report.repaired} mojibake sequence(s)"] if report.repaired else []
    for line_no, run, candidates in report.unrepairable:
        shown = " ".join(candidates[:6]) or "none"
        warnings.append(
            f"line {line_no}: could not repair mojibake {run!r} (bytes were lost; candidates: {shown}); removed"
        )
    compiler = _Compiler(text.split("\n"))
    compiler.run()
    if not compiler.sections:
        raise TemplateError(f"template {name} has no sections (no markdown headings outside code blocks)")
    implicit = not compiler.slots
    if implicit:
        compiler.make_section_slots()
        if not compiler.slots:
            raise TemplateError(f"template {name} has no placeholders and no section with body text to fill")
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Template(
        name=name,
        source=source,
        sha256=sha,
        sections=compiler.sections,
        slots=compiler.slots,
        implicit_slots=implicit,
        warnings=warnings + compiler.warnings,
        plan=compiler.lines,
    )


class _Compiler:
    """Single pass over the lines; keeps fence state, the current section and the slot table."""

    def __init__(self, lines: list[str]) -> None:
        self.raw = lines
        self.lines: list[PlanLine] = []
        self.sections: list[Section] = []
        self.slots: dict[str, Slot] = {}
        self.warnings: list[str] = []
        self._ids: set[str] = set()
        self._stack: list[Section] = []
        self._bodies: dict[str, list[int]] = {}
        self._fence: PlanLine | None = None

    @property
    def current(self) -> Section | None:
        return self._stack[-1] if self._stack else None

    def run(self) -> None:
        fence: str | None = None
        examples_for: Slot | None = None
        for index, raw in enumerate(self.raw):
            fence_match = FENCE_RE.match(raw)
            if fence is not None:
                if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                    fence, examples_for, self._fence = None, None, None
                    self._keep(raw, index, role="fence")
                    continue
                examples_for = self._fenced_line(raw, index, examples_for)
                continue
            if fence_match:
                fence = fence_match.group(1)
                self._keep(raw, index, role="fence")
                self._fence = self.lines[-1]
                self._fence.opens = True
                continue
            heading = HEADING_RE.match(raw)
            if heading and heading.group(2).strip():
                self._open_section(len(heading.group(1)), heading.group(2).strip(), index)
                self._inline_slots(raw, heading=True)
                continue
            stripped = raw.strip()
            whole = SLOT_RE.fullmatch(stripped)
            if whole:
                slot = self._add_slot(whole.group(1), SlotKind.BLOCK, "", in_fence=False)
                self.lines.append(PlanLine(raw, "block", slot.name))
                continue
            self._inline_slots(raw)
            self._keep(raw, index)

    def _keep(self, raw: str, index: int, role: str = "text") -> None:
        self.lines.append(PlanLine(raw, role))
        if self.current is not None:
            self._bodies.setdefault(self.current.id, []).append(len(self.lines) - 1)

    def _fenced_line(self, raw: str, index: int, examples_for: Slot | None) -> Slot | None:
        stripped = raw.strip()
        whole = SLOT_RE.fullmatch(stripped)
        if whole:
            slot = self._add_slot(whole.group(1), SlotKind.BLOCK, "", in_fence=True)
            self.lines.append(PlanLine(raw, "block", slot.name))
            if self._fence is not None:
                self._fence.slots.append(slot.name)
            return slot
        if examples_for is not None and stripped.startswith("#"):
            example = stripped[1:].strip()
            if example and not (not examples_for.examples and _EXAMPLE_LABEL_RE.match(example)):
                examples_for.examples.append(example)
            self.lines.append(PlanLine(raw, "drop"))
            return examples_for
        self._inline_slots(raw)
        self._keep(raw, index)
        return None

    def _open_section(self, level: int, title: str, index: int) -> None:
        while self._stack and (self._stack[-1].level >= level or self._stack[-1].level == 0):
            self._stack.pop()
        parent = self.current
        base = slugify(title)
        section_id, n = base, 2
        while section_id in self._ids:
            section_id, n = f"{base}-{n}", n + 1
        if section_id != base:
            self.warnings.append(f"line {index + 1}: duplicate heading {title!r} gets id {section_id}")
        self._ids.add(section_id)
        path = (*(s.title for s in self._stack), title)
        section = Section(section_id, title, level, path, index + 1, parent.id if parent else None)
        if parent is not None:
            parent.children.append(section_id)
        self.sections.append(section)
        self._stack.append(section)
        self.lines.append(PlanLine(self.raw[index], "heading", section_id))

    def _inline_slots(self, raw: str, *, heading: bool = False) -> None:
        text = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), raw)
        for match in _HINTED_SLOT_RE.finditer(text):
            label_match = _LABEL_RE.search(text[: match.start()])
            label = label_match.group(1).strip() if label_match else ""
            if not label and text.lstrip().startswith("|"):  # a table row: the cell before names the value
                cells = [c.strip() for c in text[: match.start()].split("|") if c.strip()]
                label = cells[-1] if cells and not SLOT_RE.search(cells[-1]) else ""
            if heading or (not label and self.current is not None and SLOT_RE.search(self.current.title)):
                label = match.group(1).replace("_", " ").capitalize()
            hint = (match.group(2) or "").strip()
            self._add_slot(match.group(1), SlotKind.INLINE, label, in_fence=False, hint=hint)

    def _add_slot(self, name: str, kind: SlotKind, label: str, *, in_fence: bool, hint: str = "") -> Slot:
        existing = self.slots.get(name)
        if existing is not None:
            existing.occurrences += 1
            if hint and hint not in existing.hint:
                existing.hint = f"{existing.hint}; {hint}" if existing.hint else hint
            return existing
        section = self.current or self._preamble()
        slot = Slot(name, kind, section.id, label or section.title, hint=hint, in_fence=in_fence)
        self.slots[name] = slot
        section.slot_names.append(name)
        return slot

    def _preamble(self) -> Section:
        section = Section("preamble", "Preamble", 0, ("Preamble",), 1, None)
        self._ids.add(section.id)
        self.sections.insert(0, section)
        self._stack.append(section)
        return section

    def make_section_slots(self) -> None:
        """No placeholders at all: each leaf section with a body becomes one slot, its body the guidance."""
        for section in self.sections:
            if section.children:
                continue
            indexes = self._bodies.get(section.id, [])
            body = [self.lines[i].text for i in indexes]
            guidance = [line.strip() for line in body if line.strip() and not FENCE_RE.match(line)]
            if not guidance:
                continue
            name = section.id.replace("-", "_")
            slot = Slot(name, SlotKind.SECTION, section.id, section.title, examples=guidance)
            self.slots[name] = slot
            section.slot_names.append(name)
            filled = [i for i in indexes if self.lines[i].text.strip()]
            first, last = filled[0], filled[-1]
            self.lines[first] = PlanLine("", "block", name)
            for i in indexes:
                if first < i <= last:
                    self.lines[i] = PlanLine(self.lines[i].text, "drop")
