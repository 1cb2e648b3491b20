"""What a repository tells a draft, for people (tables) or machines (`--json`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from prp_agent.ui.console import cell, out, print_text_json

if TYPE_CHECKING:
    from prp_agent.repo.inspect import RepoContext

__all__ = ["show_context"]


def show_context(context: RepoContext, *, json_output: bool) -> None:
    """A repository's facts, routes, entities, env var names and the packed context a draft would send."""
    if json_output:
        print_text_json(context.json_pieces())
        return
    facts = context.facts
    console = out()
    console.print(cell(f"{facts.root} — {facts.revision}, {facts.files_scanned} files listed"), style="bold")
    table = Table("kind", "value", "confidence", "evidence", title="Stack facts", title_justify="left")
    for fact in facts.facts:
        where = "; ".join(e.path + (f":{e.line}" if e.line else "") + f" ({e.note})" for e in fact.evidence[:2])
        confidence = f"{fact.confidence:.2f}" + (" conflict" if fact.conflict else "")
        style = "" if fact.established else "dim"
        table.add_row(cell(fact.kind), cell(fact.value), confidence, cell(where), style=style)
    console.print(table)
    for conflict in facts.conflicts:
        console.print(cell(f"conflict: {conflict}"))
    if facts.routes:
        console.print(cell(f"\nRoutes ({len(facts.routes)})"), style="bold")
        for r in facts.routes:
            flag = " (conditional)" if r.conditional else ""
            console.print(cell(f"  {r.method:6} {r.path}  {r.evidence.path}:{r.evidence.line}{flag}"))
    if facts.entities:
        console.print(cell(f"\nEntities ({len(facts.entities)})"), style="bold")
        for m in facts.entities:
            console.print(cell(f"  {m.name}({', '.join(m.fields)})  {m.evidence.path}:{m.evidence.line}"))
    if facts.env_vars:
        console.print(cell("\nEnvironment variables " + ", ".join(facts.env_vars)))
    packed = context.packed
    omitted = f", omitted: {', '.join(packed.omitted)}" if packed.omitted else ""
    console.print(
        cell(
            f"\nPacked context: {packed.tokens} of {packed.budget} tokens, {len(packed.excerpts)} excerpts, "
            f"{packed.redactions} redactions{omitted}"
        )
    )
    console.print(cell(packed.text))
