"""Eval output: live progress over the cases, the score table, run comparisons and the run history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from prp_agent.ui.console import LiveBar, cell, out, print_json, stderr, tell

if TYPE_CHECKING:
    from prp_agent.evals import CaseScore, Comparison, EvalResult, StoredRun

__all__ = ["EvalProgressBar", "show_comparison", "show_eval", "show_eval_history"]


class EvalProgressBar(LiveBar):
    """Cases drafted so far on a terminal (stderr), with the last case's quality; silent otherwise."""

    def __init__(self, *, enabled: bool) -> None:
        super().__init__(Progress(TextColumn("[bold]eval"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), console=stderr()),
                         enabled=enabled)  # fmt: skip
        self.task = self.bar.add_task("eval", total=None, detail="")

    def planned(self, total: int) -> None:
        """The run drafts `total` cases."""
        self.bar.update(self.task, total=total)

    def case(self, score: CaseScore) -> None:
        """One case was scored."""
        detail = f"{score.case}: failed" if score.error else f"{score.case}: quality {score.quality:g}"
        self.bar.update(self.task, advance=1, detail=detail)


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "—"


def show_eval(result: EvalResult, *, json_output: bool) -> None:
    """Every case's scores, the totals, and the run's id for comparisons."""
    if json_output:
        print_json(result.as_json())
        return
    title = f"eval: {result.run.suite} ({result.run.model})"
    table = Table("case", "quality", "filled", "needs input", "stated kept", "expected", "echo", "problems",
                  "requests", "tokens in/out", "USD", title=title)  # fmt: skip
    for s in result.run.scores:
        if s.error is not None:
            table.add_row(cell(s.case), "failed", cell(s.error[:60]), *[""] * 8)
            continue
        problems = s.inconsistencies + s.repo_contradictions + s.raw_placeholders + s.lint_errors
        cost = "—" if s.cost_usd is None else f"{s.cost_usd:.4f}"
        table.add_row(cell(s.case), f"{s.quality:g}", _ratio(s.filled, s.sections), str(s.needs_input),
                      _ratio(s.stated_kept, s.stated_facts), _ratio(s.expect_found, s.expect), str(s.example_echo),
                      str(problems), str(s.requests), f"{s.tokens_in}/{s.tokens_out}", cost)  # fmt: skip
    out().print(table)
    t = result.totals
    judged = f" · judge {t['judge']:g}/5" if t.get("judge") is not None else ""
    cost = f" · ${t['cost_usd']:.4f}" if t.get("cost_usd") else ""
    tell(f"{len(result.run.scores)} cases ({result.mode}) · quality {t['quality'] or 0:g} · filled "
         f"{int(t['filled'] or 0)}/{int(t['sections'] or 0)} sections · stated facts kept "
         f"{int(t['stated_kept'] or 0)}/{int(t['stated_facts'] or 0)} · expected facts "
         f"{int(t['expect_found'] or 0)}/{int(t['expect'] or 0)}{judged}{cost} · {result.elapsed_s:.1f}s")  # fmt: skip
    if result.run.setup.get("drafts"):
        tell(f"drafts in {result.run.setup['drafts']}")
    if result.run.id:
        tell(f"stored as run {result.run.id}; compare: prp-agent eval --compare {result.run.id} OTHER_RUN")


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.4g}"


def show_comparison(comparison: Comparison, *, json_output: bool) -> None:
    """Metric by metric, run A against run B, and the cases that got worse."""
    if json_output:
        print_json(comparison.as_json())
        return
    a, b = comparison.a, comparison.b
    table = Table("metric", f"A {a.id} ({a.model})", f"B {b.id} ({b.model})", "Δ", "", title="eval comparison")
    for d in comparison.metrics:
        if d.a is None and d.b is None:
            continue
        mark = {"better": "[green]better[/]", "worse": "[red]worse[/]"}.get(d.verdict, "")
        delta = "" if d.delta is None or d.delta == 0 else f"{d.delta:+g}"
        table.add_row(d.metric.label, _number(d.a), _number(d.b), delta, mark)
    out().print(table)
    for case, qa, qb in comparison.worse:
        tell(f"worse in B: {case} (quality {qa:g} → {qb:g})")
    if comparison.only_in_a or comparison.only_in_b:
        tell(f"not compared: only in A {', '.join(comparison.only_in_a) or '—'}; only in B "
             f"{', '.join(comparison.only_in_b) or '—'}")  # fmt: skip


def show_eval_history(runs: list[StoredRun], *, json_output: bool, where: str) -> None:
    """The stored eval runs, newest first."""
    if json_output:
        print_json({"history": where, "runs": [r.as_json() | {"cases": None} for r in runs]})
        return
    if not runs:
        tell(f"no eval runs in {where}")
        return
    table = Table("run", "when", "suite", "model", "mode", title=f"eval runs ({where})")
    for run in runs:
        table.add_row(run.id, run.started_at, cell(run.suite), cell(run.model), run.mode)
    out().print(table)
