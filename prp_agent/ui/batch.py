"""Batch output: what an export holds, live progress on a terminal, the summary, and Batch API follow-ups."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from prp_agent.text import command_line, printable
from prp_agent.ui.console import LiveBar, cell, out, print_json, say, stderr, tell
from prp_agent.ui.draft import OFFLINE_HINT

if TYPE_CHECKING:
    from prp_agent.batch import BatchResult, IssueOutcome, Submitted
    from prp_agent.exports import ExportRead, TrackerIssue

__all__ = ["BatchProgress", "show_batch", "show_batch_list", "show_batch_status", "show_submitted"]

_FINISHED = {"drafted", "flagged", "resumed"}


_LISTED = 1000

Scan = Callable[[Callable[["TrackerIssue", str], None]], "ExportRead"]


def show_batch_list(scan: Scan, *, json_output: bool) -> None:
    """What an export holds (after filters) and how it was read: the reader, where the records were, which column
    gave each field; then key, title, labels, state and body length per issue.

    Issues are shown as `scan` reads them: with --json each is written as it arrives (an export of any size is
    listed in bounded memory); as a table, the first thousand are shown and the rest counted.
    """
    if json_output:
        _list_json(scan)
        return
    rows: list[tuple[TrackerIssue, str]] = []
    total = 0

    def keep(issue: TrackerIssue, stem: str) -> None:
        nonlocal total
        total += 1
        if len(rows) < _LISTED:
            rows.append((issue, stem))

    read = scan(keep)
    out().print(cell(f"read as: {read.describe()}"))
    table = Table("key", "title", "labels", "state", "body", "PRP (in --out-dir)",
                  title=f"{read.format} export: {total} issues")  # fmt: skip
    for issue, stem in rows:
        key = issue.key + (f" (sub-task of {issue.parent})" if issue.parent else "")
        table.add_row(cell(key), cell(issue.title), cell(", ".join(issue.labels)), cell(issue.state),
                      f"{issue.size} chars", cell(f"{stem}.md"))  # fmt: skip
    out().print(table)
    if total > _LISTED:
        say(f"… and {total - _LISTED} more issues (--json lists them all)")
    for key in read.duplicates:
        say(f"duplicate dropped: {key}")
    for item, reason in read.skipped:
        say(f"skipped {item}: {reason}")
    for warning in read.warnings:
        say(f"prp-agent: warning: {warning}")


def _list_json(scan: Scan) -> None:
    """One JSON object, its `issues` streamed first and how the export was read after them."""
    write = sys.stdout.write
    first = True

    def emit(issue: TrackerIssue, stem: str) -> None:
        nonlocal first
        item = {"key": issue.key, "id": issue.id, "title": issue.title, "labels": list(issue.labels),
                "state": issue.state, "body_chars": issue.size, "output": f"{stem}.md"}  # fmt: skip
        item |= {name: value for name in ("url", "parent", "kind") if (value := getattr(issue, name))}
        write(('{"issues": [' if first else ", ") + json.dumps(item, ensure_ascii=False))
        first = False

    read = scan(emit)  # nothing is written before the export proved readable: an error leaves stdout empty
    if first:
        write('{"issues": [')
    rest = {"format": read.format, "reader": read.describe(), "records": read.records, "mapping": read.mapping,
            "inferred": read.inferred, "duplicates": read.duplicates, "skipped": [list(s) for s in read.skipped],
            "warnings": read.warnings}  # fmt: skip
    write("], " + json.dumps(rest, ensure_ascii=False)[1:] + "\n")
    sys.stdout.flush()


class BatchProgress(LiveBar):
    """Live progress of a batch on a terminal (stderr): done / total, failures, ETA and money spent so far.

    Silent when stderr is not a terminal or with --json; it still counts, so an interrupted run can say how far
    it got.
    """

    def __init__(self, *, enabled: bool, offline_notice: bool = False) -> None:
        super().__init__(Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=stderr(), transient=False,
        ), enabled=enabled)  # fmt: skip
        self.notice = offline_notice  # said as the first issue starts: after every check that can refuse the run
        self.counts: dict[str, int] = {}
        self.spent = 0.0
        self.task = self.bar.add_task("batch", total=None, detail="starting")

    @property
    def finished(self) -> int:
        """Issues whose PRP is on disk (drafted, flagged or kept from an earlier run)."""
        return sum(self.counts.get(status, 0) for status in _FINISHED)

    def stage(self, text: str) -> None:
        """Say what the run is doing before its first issue ("reading export.json", "estimating tokens")."""
        self.bar.update(self.task, detail=f"{text}…" if text else "")

    def planned(self, total: int) -> None:
        """The run will go through `total` issues."""
        self.bar.update(self.task, total=total)

    def issue(self, event: str, outcome: IssueOutcome) -> None:
        """Count one finished issue and redraw (before the first: that the run drafts offline, when it does)."""
        if self.notice:
            say(f"prp-agent: {OFFLINE_HINT}")
            self.notice = False
        if event == "started":
            return
        self.counts[event] = self.counts.get(event, 0) + 1
        self.spent += outcome.cost_usd or 0.0
        failed = self.counts.get("failed", 0)
        detail = f"{failed} failed" if failed else ""
        detail += f" · ${self.spent:.4f}" if self.spent else ""
        self.bar.update(self.task, advance=1, detail=detail)


_COMPACT = 40  # beyond this many issues the summary lists only the flagged and failed ones; INDEX.md has them all


def show_batch(result: BatchResult, *, json_output: bool) -> None:
    """The batch summary: per-issue status and flags (the issues that need a look, beyond a few dozen), recurring
    questions, totals and cost."""
    for warning in result.read.warnings:
        if warning.startswith("--force:"):
            say(f"prp-agent: warning: {warning}")
    if json_output:
        print_json(result.as_json())
        return
    if result.mode == "dry-run":
        _dry_run(result)
        return
    for o in result.outcomes:
        for note in o.notes:
            say(f"prp-agent: {o.key}: {note}")
    shown = result.outcomes
    if len(shown) > _COMPACT:
        shown = [o for o in shown if o.status in ("flagged", "failed", "skipped")][:_COMPACT]
    title = "batch" if shown is result.outcomes else f"batch: {len(shown)} of {len(result.outcomes)} issues need a look"
    table = Table("issue", "title", "status", "flags", "PRP", title=title)
    for o in shown:
        flags = ", ".join(f"{c}×{n}" for c, n in o.flags.items()) or (o.error or "")
        table.add_row(cell(o.key), cell(o.title[:60]), o.status, cell(flags), cell(o.output or ""))
    if shown:
        out().print(table)
    if shown is not result.outcomes:
        needing = sum(o.status in ("flagged", "failed", "skipped") for o in result.outcomes)
        more = f" (the first {_COMPACT} of {needing} shown)" if needing > len(shown) else ""
        tell(f"{len(result.outcomes)} issues{more}; every issue is in {result.index_md or 'INDEX.md'}")
    for cluster in result.clusters[:5]:
        tell(f"asked in {len(cluster.issues)} issues: {cluster.question} ({', '.join(cluster.issues)})")
    summary = result.as_json()
    cost = result.cost_usd
    tell(
        " · ".join(f"{k} {v}" for k, v in summary["counts"].items())
        + f" · {result.usage.requests} requests, {result.usage.prompt_tokens + result.usage.completion_tokens} tokens"
        + (f" · {result.throttled} throttled" if result.throttled else "")
        + (f" · ${cost:.4f}" if cost else "")
        + f" · {result.elapsed_s:.1f}s"
    )
    if result.index_md:
        tell(f"wrote {result.index_md} and {result.index_json}")


def _dry_run(result: BatchResult) -> None:
    table = Table("issue", "title", "requests", "est. tokens (prompt/completion)", "est. USD", title="batch dry run")
    shown = result.outcomes[:_COMPACT] if len(result.outcomes) > _COMPACT else result.outcomes
    for o in shown:
        tokens = f"{o.estimate_tokens.get('prompt_tokens', 0)}/{o.estimate_tokens.get('completion_tokens', 0)}"
        cost = "unknown" if o.estimate_usd is None else f"{o.estimate_usd:.4f}"
        note = f" ({o.error})" if o.error else ""
        table.add_row(cell(o.key), cell(o.title[:60]), str(o.estimate_tokens.get("requests", 0)), tokens,
                      cost + note)  # fmt: skip
    out().print(table)
    if len(shown) < len(result.outcomes):
        tell(f"… and {len(result.outcomes) - len(shown)} more issues (--json lists them all)")
    total = result.as_json()["estimated_cost_usd"]
    started = [o for o in result.outcomes if o.status != "skipped"]
    skipped = len(result.outcomes) - len(started)
    capped = f"; {skipped} would not start: they would take the run over --max-cost" if skipped else ""
    if result.would_be_offline:
        tell(f"no OPENAI_API_KEY and no --base-url: this run would draft offline, {len(started)} issues, 0 requests, "
             f"free; with {result.model} it would cost about ${total:.4f} (nothing was sent)")  # fmt: skip
        return
    tell(f"estimated total: ${total:.4f} for {len(started)} issues{capped} (nothing was sent)")


def show_submitted(submitted: Submitted, out_dir: str, *, json_output: bool) -> None:
    """A batch was created: its id and the commands that follow it."""
    if json_output:
        print_json(submitted.as_json())
        return
    counts = f"{submitted.requests} section requests for {submitted.issues} issues"
    if submitted.input_file is not None and submitted.output_file is not None:
        tell(f"wrote {submitted.input_file}: {counts}; run it on your server, then collect the output:")
        run = ["vllm", "run-batch", "-i", str(submitted.input_file), "-o", str(submitted.output_file)]
        say("  " + printable(shlex.join([*run, "--model", submitted.model])))
        say(f"  {command_line('batch', 'collect', '--from', str(submitted.output_file), '--out-dir', out_dir)}")
        return
    tell(f"batch {submitted.batch_id} ({submitted.status}): {counts}")
    tell(f"manifest: {submitted.manifest}")
    say(f"  {command_line('batch', 'status', submitted.batch_id)}")
    say(f"  {command_line('batch', 'collect', submitted.batch_id, '--out-dir', out_dir)}")


def show_batch_status(batch: dict[str, Any], *, json_output: bool) -> None:
    """A Batch API batch's status and request counts."""
    if json_output:
        print_json(batch)
        return
    counts = batch.get("request_counts") or {}
    tell(
        f"batch {batch.get('id')}: {batch.get('status')} — {counts.get('completed', 0)} completed, "
        f"{counts.get('failed', 0)} failed, {counts.get('total', 0)} total"
    )
