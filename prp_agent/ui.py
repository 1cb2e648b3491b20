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


# --- refine and lint ------------------------------------------------------------------------------------------


def _say(message: str = "", *, markup: bool = False) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=markup)


def ask_line(prompt: str, default: str | None = None) -> str | None:
    """One line typed by the user (on a terminal or piped); None at end of input."""
    suffix = f" [{default}]" if default else ""
    sys.stderr.write(f"{prompt}{suffix}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        return None
    answer = line.rstrip("\r\n")
    return answer if answer or default is None else default


def edit_text(text: str, *, suffix: str = ".md") -> str | None:
    """Open text in $VISUAL/$EDITOR and return what was saved; None when no editor is set or it failed."""
    import os
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        _say("prp-agent: no editor: set $EDITOR (or $VISUAL), or pass --text")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as handle:
        handle.write(text)
        name = handle.name
    try:
        status = subprocess.call([*shlex.split(editor), name])
        if status != 0:
            _say(f"prp-agent: the editor exited with status {status}; nothing changed")
            return None
        with open(name, encoding="utf-8") as edited:
            return edited.read()
    finally:
        os.unlink(name)


def pick_section(items: list[tuple[Any, Any]]) -> Any | None:
    """A numbered list of sections, flagged ones first; the one the user picks (None to quit)."""
    for number, (section, result) in enumerate(items, 1):
        status = result.status if result else "no sidecar data"
        codes = ", ".join(f.code.value for f in result.flags) if result and result.flags else ""
        _say(f"{number:3}. {section.title}  [{status}{': ' + codes if codes else ''}]")
    while True:
        answer = ask_line("Section number (Enter to quit)", None)
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(items):
            return items[int(answer) - 1][0]
        _say(f"type a number from 1 to {len(items)}")


def show_target(target: Any) -> None:
    """A section as it is now, with its flags and open questions."""
    from rich.panel import Panel

    for note in target.missing:
        _say(f"prp-agent: note: {note}")
    err = _stderr()
    err.print(Panel(target.body.strip("\n") or "(empty)", title=target.section.title, expand=False), markup=False)
    if target.result and target.result.flags:
        for flag in target.result.flags:
            _say(f"  flag {flag.code.value}: {flag.message}")
    for number, question in enumerate(target.open_questions, 1):
        _say(f"  Q{number}. {question.question} (suggested: {question.suggested_answer})")


def show_diff(diff: str) -> None:
    """A coloured unified diff on stderr."""
    from rich.syntax import Syntax

    if not diff:
        _say("(no change)")
        return
    _stderr().print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))


def show_applied(applied: Any, *, json_output: bool) -> None:
    """What a refine, undo or accept wrote, and which sections may now be stale."""
    if json_output:
        _print_json(
            {
                "output": str(applied.path),
                "backup": str(applied.backup) if applied.backup else None,
                "sidecar": str(applied.sidecar),
                "section": applied.section_id,
                "status": applied.status,
                "stale": [
                    {"id": s.id, "title": s.title, "terms": s.terms, "command": s.command} for s in applied.stale
                ],
            }
        )
        return
    _say(f"wrote {applied.path} (section {applied.section_id}: {applied.status}); sidecar {applied.sidecar}")
    if applied.backup:
        _say(f"kept the previous version as {applied.backup}")
    for stale in applied.stale:
        _say(f"possibly stale: {stale.title} (mentions {', '.join(stale.terms)})")
        _say(f"  {stale.command}")


def refine_loop(
    target: Any, settings: Any, *, model: Any = None, instruction: str | None = None, text: str | None = None
) -> Any | None:
    """Show, ask, redraft (or edit), diff, then accept / retry / edit / discard / quit. Returns what was applied."""
    from . import refine

    show_target(target)
    online = model is not None or settings.use_model
    proposal = None
    if text is not None:
        answers = _answers(target) if target.open_questions else []
        if answers is None:
            _say("no changes written")
            return None
        proposal = refine.propose_text(target, text, answers)
    elif instruction and online:
        proposal = refine.propose_with_model(target, settings, instruction=instruction, model=model)
    while True:
        if proposal is None:
            proposal = _first_proposal(target, settings, model, online)
            if proposal == "quit":
                _say("no changes written")
                return None
            if proposal is None:
                continue
        show_diff(proposal.diff(target))
        choice = (ask_line("[a]ccept, [r]etry, [e]dit, [d]iscard, [q]uit", "a") or "q").lower()[:1]
        if choice == "a":
            return refine.apply_proposal(target, proposal)
        if choice == "e":
            edited = edit_text(proposal.body)
            if edited is not None:
                proposal = refine.propose_text(target, edited, proposal.answers)
            continue
        if choice in {"r", "d"}:
            proposal = None
            continue
        _say("no changes written")
        return None


def _first_proposal(target: Any, settings: Any, model: Any, online: bool) -> Any:
    from . import refine

    answers: list[tuple[str, str]] = []
    if not online:
        if target.open_questions:
            found = _answers(target)
            if found is None:
                return "quit"
            answers = found
        edited = edit_text(refine.strip_alert(target.body))
        return "quit" if edited is None else refine.propose_text(target, edited, answers)
    prompt = (
        "Instruction (a: answer the open questions, Enter: quit)"
        if target.open_questions
        else "Instruction (Enter: quit)"
    )
    instruction = ask_line(prompt, None)
    if not instruction:
        return "quit"
    if instruction.strip().lower() == "a" and target.open_questions:
        found = _answers(target)
        if found is None:
            return "quit"
        answers, instruction = found, ""
    return refine.propose_with_model(target, settings, instruction=instruction or None, answers=answers, model=model)


def _answers(target: Any) -> list[tuple[str, str]] | None:
    answers = []
    for question in target.open_questions:
        answer = ask_line(f"{question.question}", question.suggested_answer)
        if answer is None:
            return None
        answers.append((question.question, answer))
    return answers


def show_lint(report: Any, *, json_output: bool) -> None:
    """Lint findings: one line each (path:line: code: message), or the JSON report."""
    if json_output:
        _print_json(report.as_json())
        return
    out = Console(highlight=False, soft_wrap=True)
    for finding in report.findings:
        where = f"{report.path}:{finding.line}" if finding.line else str(report.path)
        level = "" if finding.severity == "error" else " (warning)"
        out.print(f"{where}: {finding.code}{level}: {finding.message} [{finding.section or '-'}]", markup=False)
    errors = sum(f.severity == "error" for f in report.findings)
    warnings = len(report.findings) - errors
    summary = "clean" if not report.findings else f"{errors} error(s), {warnings} warning(s)"
    _say(f"{report.path}: {summary}")


# --- batch ----------------------------------------------------------------------------------------------------


def show_batch_list(selection: Any, *, json_output: bool) -> None:
    """What an export holds (after filters): id, title, labels, state, body length."""
    read, issues = selection.read, selection.issues
    if json_output:
        _print_json(
            {
                "format": read.format,
                "issues": [
                    {
                        "key": i.key,
                        "id": i.id,
                        "title": i.title,
                        "labels": list(i.labels),
                        "state": i.state,
                        "body_chars": len(i.body),
                    }
                    for i in issues
                ],
                "duplicates": read.duplicates,
                "skipped": [list(s) for s in read.skipped],
                "warnings": read.warnings,
            }
        )
        return
    table = Table("key", "title", "labels", "state", "body", title=f"{read.format} export: {len(issues)} issues")
    for issue in issues:
        table.add_row(issue.key, issue.title, ", ".join(issue.labels), issue.state, f"{len(issue.body)} chars")
    Console(highlight=False).print(table)
    for key in read.duplicates:
        _say(f"duplicate dropped: {key}")
    for item, reason in read.skipped:
        _say(f"skipped {item}: {reason}")
    for warning in read.warnings:
        _say(f"prp-agent: warning: {warning}")


class _BatchProgress:
    """A rich progress bar fed by batch events: done / flagged / failed, ETA, tokens and cost so far."""

    def __init__(self, enabled: bool) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.enabled = enabled and sys.stderr.isatty()
        self.counts: dict[str, int] = {}
        self.tokens = 0
        self.bar = Progress(
            TextColumn("[bold]batch"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
            TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=_stderr(), transient=False,
        )  # fmt: skip
        self.task = self.bar.add_task("batch", total=None, detail="")

    def __enter__(self) -> Any:
        if self.enabled:
            self.bar.start()
        return self if self.enabled else None

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def __call__(self, event: str, outcome: Any) -> None:
        if event == "started":
            return
        self.counts[event] = self.counts.get(event, 0) + 1
        self.tokens += sum(outcome.usage.get(k, 0) for k in ("prompt_tokens", "completion_tokens"))
        detail = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items())) + f" · {self.tokens} tokens"
        self.bar.update(self.task, advance=1, detail=detail)


def batch_progress(*, enabled: bool) -> _BatchProgress:
    """A progress reporter for run_batch (silent when stderr is not a terminal)."""
    return _BatchProgress(enabled)


def show_batch(result: Any, *, json_output: bool, explicit_offline: bool) -> None:
    """The batch summary: per-issue status and flags, recurring questions, totals and cost."""
    if result.mode == "offline" and not explicit_offline:
        print(f"prp-agent: {_OFFLINE_HINT}", file=sys.stderr)
    if json_output:
        _print_json(result.summary())
        return
    dry = result.mode == "dry-run"
    table = Table("issue", "title", "status", "flags" if not dry else "est. tokens (prompt/completion)",
                  "est. USD" if dry else "PRP", title="batch dry run" if dry else "batch")  # fmt: skip
    for o in result.outcomes:
        if dry:
            tokens = f"{o.estimate_tokens.get('prompt_tokens', 0)}/{o.estimate_tokens.get('completion_tokens', 0)}"
            cost = "unknown" if o.estimate_usd is None else f"{o.estimate_usd:.4f}"
            table.add_row(o.key, o.title[:60], f"{o.estimate_tokens.get('requests', 0)} requests", tokens, cost)
        else:
            flags = ", ".join(f"{c}×{n}" for c, n in o.flags.items()) or (o.error or "")
            table.add_row(o.key, o.title[:60], o.status, flags, o.output or "")
    _stderr().print(table)
    summary = result.summary()
    if dry:
        total = summary["estimated_cost_usd"]
        _say(f"estimated total: ${total:.4f} for {len(result.outcomes)} issues (nothing was sent)")
        return
    for cluster in result.clusters:
        _say(f"asked in {len(cluster.issues)} issues: {cluster.question} ({', '.join(cluster.issues)})")
    cost = result.cost_usd
    _say(
        " · ".join(f"{k} {v}" for k, v in summary["counts"].items())
        + f" · {result.usage.requests} requests, {result.usage.prompt_tokens + result.usage.completion_tokens} tokens"
        + (f" · {result.throttled} throttled" if result.throttled else "")
        + (f" · ${cost:.4f}" if cost else "")
        + f" · {result.elapsed_s:.1f}s"
    )
    if result.index_md:
        _say(f"wrote {result.index_md} and {result.index_json}")


def show_submitted(submitted: Any, out_dir: str, *, json_output: bool) -> None:
    """A batch was created: its id and the commands that follow it."""
    if json_output:
        _print_json(submitted.as_json())
        return
    counts = f"{submitted.requests} section requests for {submitted.issues} issues"
    _say(f"batch {submitted.batch_id} ({submitted.status}): {counts}")
    _say(f"manifest: {submitted.manifest}")
    _say(f"  prp-agent batch status {submitted.batch_id}")
    _say(f"  prp-agent batch collect {submitted.batch_id} --out-dir {out_dir}")


def show_batch_status(batch: dict[str, Any], *, json_output: bool) -> None:
    """A Batch API batch's status and request counts."""
    if json_output:
        _print_json(batch)
        return
    counts = batch.get("request_counts") or {}
    _say(
        f"batch {batch.get('id')}: {batch.get('status')} — {counts.get('completed', 0)} completed, "
        f"{counts.get('failed', 0)} failed, {counts.get('total', 0)} total"
    )
