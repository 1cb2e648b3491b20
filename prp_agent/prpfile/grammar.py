"""The PRP file grammar, for writing and for reading: review alerts and markers, NEEDS INPUT lines with the
template's guidance kept under them, how drafted values are made inert, and where the sidecar lives.

Every other module asks here; none spells a marker, the NEEDS INPUT text or the sidecar suffix itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prp_agent.templates.compiler import FENCE_RE, HEADING_RE, SLOT_RE, Slot, SlotKind
from prp_agent.text import loads_json, printable
from prp_agent.types import SectionResult

__all__ = [
    "NEEDS_INPUT",
    "REVIEW_MARKER",
    "SIDECAR_SUFFIX",
    "Alert",
    "alert_lines",
    "escape_block",
    "escape_inline",
    "find_alert",
    "has_needs_input",
    "is_guidance",
    "needs_input_inline",
    "needs_input_lines",
    "sidecar_for",
    "strip_alert",
]

NEEDS_INPUT = "NEEDS INPUT"
REVIEW_MARKER = "prp-agent:review"
SIDECAR_SUFFIX = ".prp.json"

_ALERT_OPEN = re.compile(r"^>\s*\[!(?:WARNING|CAUTION|IMPORTANT|NOTE)\]\s*$")
_NEEDS_REVIEW = "**Needs review:**"
_MARKER = re.compile(r"^<!--\s*" + re.escape(REVIEW_MARKER) + r"\s*(\{.*\})?\s*-->\s*$")
_GUIDANCE_QUOTE = "> e.g. "


def sidecar_for(markdown: Path) -> Path:
    """`FILE.md` → `FILE.prp.json` beside it."""
    stem = markdown.name[:-3] if markdown.name.endswith(".md") else markdown.name
    return markdown.with_name(stem + SIDECAR_SUFFIX)


# --- review alerts ------------------------------------------------------------------------------------------------


def alert_lines(result: SectionResult) -> list[str]:
    """A GitHub alert saying why the section needs review, its open questions, then a machine-readable marker."""
    if result.status != "flagged":
        return []
    reasons = "; ".join(f"{flag.message} (`{flag.code.value}`)" for flag in result.flags)
    lines = ["> [!WARNING]", f"> {_NEEDS_REVIEW} {_one_line(reasons)}"]
    if result.open_questions:
        lines += [">", "> Open questions:"]
        for i, q in enumerate(result.open_questions, 1):
            suggestion = f" — suggested: {_one_line(q.suggested_answer)}" if q.suggested_answer.strip() else ""
            lines.append(f"> {i}. {_one_line(q.question)}{suggestion}")
    marker = {"section": result.id, "codes": [flag.code.value for flag in result.flags]}
    lines.append(f"<!-- {REVIEW_MARKER} {json.dumps(marker)} -->")
    lines.append("")
    return lines


def _one_line(text: str) -> str:
    """Untrusted text inside an alert line: one line, no control character, no placeholder, and it can neither
    open nor end an HTML comment."""
    flat = _no_placeholder(" ".join(printable(text).split()))
    return flat.replace("<!--", "&lt;!--").replace("-->", "--&gt;")


@dataclass(frozen=True)
class Alert:
    """A review alert found in a section body: its line span [start, end) and the codes its marker names."""

    start: int
    end: int
    codes: tuple[str, ...]
    has_marker: bool


def find_alert(lines: Sequence[str]) -> Alert | None:
    """The review alert among a section body's leading lines (outside code), or None."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    start = index
    quoted = False
    if index < len(lines) and _ALERT_OPEN.match(lines[index].rstrip("\r\n")):
        following = lines[index + 1].rstrip("\r\n") if index + 1 < len(lines) else ""
        if following.lstrip("> ").startswith(_NEEDS_REVIEW):
            quoted = True
            index += 1
            while index < len(lines) and lines[index].startswith(">"):
                index += 1
    marker = _MARKER.match(lines[index].rstrip("\r\n")) if index < len(lines) else None
    if not quoted and marker is None:
        return None
    codes: tuple[str, ...] = ()
    if marker is not None:
        codes = _marker_codes(marker.group(1))
        index += 1
    return Alert(start, index, codes, marker is not None)


def _marker_codes(payload: str | None) -> tuple[str, ...]:
    try:
        data = loads_json(payload or "{}")
    except ValueError:
        return ()
    codes = data.get("codes") if isinstance(data, dict) else None
    return tuple(str(c) for c in codes) if isinstance(codes, list) else ()


def strip_alert(body: str) -> str:
    """A section body without prp-agent's review alert and marker (what a human edits)."""
    lines = body.splitlines(keepends=True)
    alert = find_alert(lines)
    if alert is None:
        return body
    rest = lines[: alert.start] + lines[alert.end :]
    while len(rest) > 1 and not rest[0].strip():
        rest.pop(0)
    return "".join(rest)


# --- NEEDS INPUT and the guidance kept under it --------------------------------------------------------------------


def needs_input_inline(slot: Slot, reason: str) -> str:
    """An inline slot without a value: NEEDS INPUT, why, and the template's hint for the human."""
    hint = f" — e.g. {_one_line(slot.hint)}" if slot.hint else ""
    return f"{NEEDS_INPUT} ({reason}){hint}"


def needs_input_lines(slot: Slot, reason: str) -> list[str]:
    """A block slot without a value: NEEDS INPUT, then the template's example lines, marked as guidance.

    Inside a code block the examples keep the template's `#` comment form; elsewhere they become `> e.g.` quotes.
    """
    if slot.kind is SlotKind.INLINE:
        return [needs_input_inline(slot, reason)]
    line = f"{NEEDS_INPUT} ({reason})"
    if slot.in_fence:
        return [line, *(f"# {example}" for example in slot.examples)]
    return [f"**{line}**", *(f"{_GUIDANCE_QUOTE}{example}" for example in slot.examples)]


def has_needs_input(text: str) -> bool:
    """Whether a line still says NEEDS INPUT."""
    return NEEDS_INPUT in text


def is_guidance(line: str, *, in_fence: bool) -> bool:
    """Whether a line under NEEDS INPUT is kept template guidance (never content)."""
    stripped = line.strip()
    return stripped.startswith("#") if in_fence else stripped.startswith(_GUIDANCE_QUOTE.strip())


# --- drafted values cannot change the document's structure ---------------------------------------------------------


def escape_block(lines: list[str], *, in_fence: bool) -> list[str]:
    """Value lines made inert: no placeholder, no marker, and outside code no heading, fence or alert either.

    (A code fence around the value is lengthened by the template renderer, so inside it nothing can break out.)
    A value line that holds line breaks (a list item, an entity field) is split first, so every line it would
    make is judged as a line; control characters and bidi overrides are dropped.
    """
    out = []
    for line in printable("\n".join(lines)).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _no_placeholder(line).replace(f"<!-- {REVIEW_MARKER}", f"<!-- {REVIEW_MARKER.replace(':', ' ')}")
        if not in_fence:
            line = line.replace("<!--", "&lt;!--")
            if HEADING_RE.match(line) or FENCE_RE.match(line) or line.lstrip().startswith(">"):
                line = "\\" + line.lstrip()
        out.append(line)
    return out


def escape_inline(text: str, *, table_row: bool) -> str:
    """An inline value made inert: one line, no placeholder or marker, and `|` escaped inside a table row."""
    text = _no_placeholder(" ".join(printable(text).split())).replace("<!--", "&lt;!--")
    return text.replace("|", "\\|") if table_row else text


def _no_placeholder(text: str) -> str:
    """`{{name}}` written as `{\\{name}}`: markdown shows the same braces, and it is no longer a slot."""
    return SLOT_RE.sub(lambda m: "{\\{" + m.group(0)[2:], text)
