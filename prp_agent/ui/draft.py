"""The end of a draft: markdown on stdout when asked, the JSON summary, or a compact table of what needs review."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.table import Table

from prp_agent.text import command_line
from prp_agent.ui.console import cell, print_json, result_console, say, tell

if TYPE_CHECKING:
    from prp_agent.drafting import DraftResult
    from prp_agent.types import SectionResult

__all__ = ["OFFLINE_HINT", "offline_hint", "short_reasons", "show_draft"]

OFFLINE_HINT = (
    "drafted offline from the description alone: set OPENAI_API_KEY (or pass --base-url for a local "
    "OpenAI-compatible server) to draft with an LLM"
)


def offline_hint(grounded_by: list[str]) -> str:
    """The offline hint, naming what the draft really stood on."""
    if len(grounded_by) <= 1:
        return OFFLINE_HINT
    return OFFLINE_HINT.replace("the description alone", " and ".join(grounded_by))


def show_draft(result: DraftResult, *, json_output: bool, explicit_offline: bool) -> None:
    """Markdown to stdout when asked (-o -), JSON summary or a compact summary, warnings and hints on stderr."""
    for warning in result.warnings:
        say(f"prp-agent: warning: {warning}")
    if result.mode == "offline" and not explicit_offline:
        say(f"prp-agent: {offline_hint(result.grounded_by)}")
    for found in result.inconsistencies:
        say(f"prp-agent: warning: inconsistent: {found}")
    if result.output is None:
        sys.stdout.write(result.markdown)
        sys.stdout.flush()
    if json_output:
        print_json(result.as_json())
        return
    _summary(result)


def short_reasons(section: SectionResult) -> str:
    """A flagged section's reasons in a few words: the codes, and the slots they name when those are not the
    section itself."""
    parts = []
    for flag in section.flags:
        if flag.code.value in {"no_evidence", "empty"}:  # "…: Availability, Latency": the slots are the news
            detail = flag.message.split(": ", 1)[1] if ": " in flag.message else ""
            detail = "" if detail == section.title else detail
        else:
            detail = flag.message.replace(section.title, "").strip(" :;")
        parts.append(f"{flag.code.value} ({detail})" if detail else flag.code.value)
    return "; ".join(dict.fromkeys(parts))


def _summary(result: DraftResult) -> None:
    on_stderr = result.output is None  # stdout holds the markdown itself
    err = result_console(on_stderr)
    flagged = [s for s in result.sections if s.status == "flagged"]
    if flagged:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        table.add_column("section", style="yellow", overflow="fold", min_width=20)
        table.add_column("reasons", overflow="fold")
        for section in flagged:
            table.add_row(cell(section.title), cell(short_reasons(section)))
        err.print(cell(f"{len(flagged)} section(s) to review:"))
        err.print(table)
    parts = [f"{len(result.sections) - len(flagged)} filled, {len(flagged)} flagged"]
    if result.mode == "llm":
        usage = result.usage
        parts.append(f"{result.model} ({result.output_mode} mode)")
        parts.append(f"{usage.requests} requests, {usage.prompt_tokens + usage.completion_tokens} tokens")
        cost = result.cost_usd
        parts.append(f"~${cost:.4f}" if cost is not None else "cost unknown for this model")
    else:
        parts.append("offline, no requests")
    parts.append("from " + ", ".join(result.grounded_by))
    parts.append(f"{result.elapsed_s:.1f}s")
    tell(" · ".join(parts), to_stderr=on_stderr)
    if result.output is not None:
        sidecar = f" and {result.sidecar}" if result.sidecar else ""
        tell(f"wrote {result.output}{sidecar}")
        for backup in result.backups:
            tell(f"kept the previous version as {backup}")
        if flagged:
            say(f"next: {command_line('refine', result.output)}")
