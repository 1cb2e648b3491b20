"""Rendering results for people (rich, on stderr for summaries) and machines (one JSON object on stdout)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from .catalog import TemplateInfo, TemplateOverview
    from .drafting import DraftResult
    from .repo.inspect import RepoContext

__all__ = ["show_context", "show_draft", "show_template", "show_template_list"]

_OFFLINE_HINT = (
    "drafted offline from the description alone: set OPENAI_API_KEY (or pass --base-url for a local "
    "OpenAI-compatible server) to draft with an LLM"
)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=False)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def show_draft(result: DraftResult, *, json_output: bool, explicit_offline: bool) -> None:
    """Markdown to stdout when asked (-o -), JSON summary or a rich summary, warnings and hints on stderr."""
    for warning in result.warnings:
        print(f"prp-agent: warning: {warning}", file=sys.stderr)
    if result.mode == "offline" and not explicit_offline:
        print(f"prp-agent: {_OFFLINE_HINT}", file=sys.stderr)
    if result.output is None:
        sys.stdout.write(result.markdown)
        sys.stdout.flush()
    if json_output:
        _print_json(result.summary())
        return
    _draft_table(_stderr(), result)


def _draft_table(err: Console, result: DraftResult) -> None:
    from .pricing import estimate_cost

    table = Table(title=f"{result.template.name} PRP — {result.brief.feature_name}", title_justify="left")
    table.add_column("section")
    table.add_column("status")
    table.add_column("reasons", overflow="fold")
    for section in result.sections:
        status = "[green]filled[/]" if section.status == "filled" else "[yellow]flagged[/]"
        reasons = "; ".join(f"{f.code.value}: {f.message}" for f in section.flags)
        table.add_row(section.title, status, reasons)
    err.print(table)
    flagged = sum(1 for s in result.sections if s.status == "flagged")
    usage = result.usage
    parts = [f"{len(result.sections) - flagged} filled, {flagged} flagged", f"{result.elapsed_s:.1f}s"]
    if result.mode == "llm":
        parts.append(
            f"{usage.requests} requests, {usage.prompt_tokens} prompt tokens ({usage.cached_tokens} cached), "
            f"{usage.completion_tokens} completion tokens"
        )
        cost = estimate_cost(result.model or "", usage)
        parts.append(f"~${cost:.4f}" if cost is not None else "cost unknown for this model")
        parts.append(f"model {result.model} ({result.output_mode} mode)")
    else:
        parts.append("offline, no requests")
    err.print(" · ".join(parts), markup=False)
    for path in (result.output, result.sidecar):
        if path is not None:
            err.print(f"wrote {path}", markup=False)
    for backup in result.backups:
        err.print(f"kept the previous version as {backup}", markup=False)


def show_template_list(templates: list[TemplateInfo], *, json_output: bool) -> None:
    """The built-in templates."""
    if json_output:
        _print_json({"templates": [t.model_dump() for t in templates]})
        return
    table = Table("name", "headings", "sections with slots", "slots", "description")
    for t in templates:
        table.add_row(t.name, str(t.sections), str(t.slot_sections), str(t.slots), t.description)
    Console(highlight=False).print(table)


def show_template(overview: TemplateOverview, *, json_output: bool) -> None:
    """A template's sections and slots."""
    if json_output:
        _print_json(overview.as_json())
        return
    out = Console(highlight=False)
    for warning in overview.warnings:
        print(f"prp-agent: warning: {warning}", file=sys.stderr)
    out.print(
        f"[bold]{overview.name}[/] ({overview.source}) — {overview.headings} headings, "
        f"{overview.slot_sections} with slots, {overview.slots} slots"
    )
    table = Table("section", "slot", "kind", "type", "guidance", show_lines=True)
    for section in overview.sections:
        indent = "  " * max(section.level - 1, 0)
        if not section.slots:
            table.add_row(f"{indent}{section.title}", "", "", "", "")
        for i, slot in enumerate(section.slots):
            guidance = slot.guidance if len(slot.guidance) <= 160 else slot.guidance[:157] + "…"
            title = f"{indent}{section.title}" if i == 0 else ""
            table.add_row(title, slot.name, slot.kind, slot.type, guidance)
    out.print(table)


def show_context(context: RepoContext, *, json_output: bool) -> None:
    """A repository's facts, routes, models, env var names and the packed context a draft would send."""
    if json_output:
        _print_json(context.as_json())
        return
    facts = context.facts
    out = Console(highlight=False)
    out.print(f"[bold]{facts.root}[/] — {facts.revision}, {facts.files_scanned} files listed", markup=True)
    table = Table("kind", "value", "confidence", "evidence", title="Stack facts", title_justify="left")
    for fact in facts.facts:
        where = "; ".join(e.path + (f":{e.line}" if e.line else "") + f" ({e.note})" for e in fact.evidence[:2])
        confidence = f"{fact.confidence:.2f}" + (" conflict" if fact.conflict else "")
        style = "" if fact.confidence >= 0.5 else "dim"
        table.add_row(fact.kind, fact.value, confidence, where, style=style)
    out.print(table)
    for conflict in facts.conflicts:
        out.print(f"conflict: {conflict}", markup=False)
    if facts.routes:
        out.print(f"\n[bold]Routes[/] ({len(facts.routes)})")
        for r in facts.routes:
            flag = " (conditional)" if r.conditional else ""
            out.print(f"  {r.method:6} {r.path}  {r.evidence.path}:{r.evidence.line}{flag}", markup=False)
    if facts.models:
        out.print(f"\n[bold]Models[/] ({len(facts.models)})")
        for m in facts.models:
            out.print(f"  {m.name}({', '.join(m.fields)})  {m.evidence.path}:{m.evidence.line}", markup=False)
    if facts.env_vars:
        out.print("\n[bold]Environment variables[/] " + ", ".join(facts.env_vars))
    packed = context.packed
    out.print(
        f"\n[bold]Packed context[/]: {packed.tokens} of {packed.budget} tokens, {len(packed.excerpts)} excerpts, "
        f"{packed.redactions} redactions" + (f", omitted: {', '.join(packed.omitted)}" if packed.omitted else "")
    )
    out.print(packed.text, markup=False)
