"""An eval run: draft every case of a suite (with the configured model, a cassette, or offline), score each draft,
optionally have a judge model grade it, and store the run so it can be compared with others."""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, DraftResult, draft_async
from prp_agent.errors import InputError, PrpAgentError
from prp_agent.evals.compare import totals
from prp_agent.evals.history import EvalStore, StoredRun
from prp_agent.evals.judge import judge_draft
from prp_agent.evals.scoring import CaseScore, score_case
from prp_agent.evals.suite import Case, load_suite
from prp_agent.llm.cassette import CassetteMissError
from prp_agent.llm.pricing import estimate_cost
from prp_agent.llm.protocol import ChatModel, close_model
from prp_agent.llm.providers import build_model
from prp_agent.templates.schemas import build_section_specs

__all__ = ["EvalProgress", "EvalRequest", "EvalResult", "run_eval"]


class EvalProgress(Protocol):
    """What an eval run tells its caller as it goes."""

    def planned(self, total: int) -> None:
        """How many cases the run drafts."""

    def case(self, score: CaseScore) -> None:
        """One case was drafted and scored."""


@dataclass
class EvalRequest:
    """Which suite (None: the built-in one), which cases, where drafts go (None: a temporary folder), the judge
    model (None: no judge), whether to store the run, and the drafting settings."""

    suite: str | None = None
    cases: list[str] = field(default_factory=list)
    out_dir: str | None = None
    judge: str | None = None
    store: bool = True
    settings: Settings = field(default_factory=Settings)


@dataclass
class EvalResult:
    """The stored run (its id, setup and every case's scores), its totals, and how it drafted."""

    run: StoredRun
    totals: dict[str, float | None]
    mode: str
    elapsed_s: float

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {
            **self.run.as_json(),
            "totals": self.totals,
            "drafted": self.mode,
            "elapsed_s": round(self.elapsed_s, 2),
        }


def _chosen(cases: list[Case], wanted: list[str], suite: str) -> list[Case]:
    if not wanted:
        return cases
    known = {case.id for case in cases}
    unknown = [case for case in wanted if case not in known]
    if unknown:
        raise InputError(f"{suite} has no case {', '.join(unknown)} (it has {', '.join(sorted(known)[:8])} …)")
    return [case for case in cases if case.id in wanted]


def run_eval(
    request: EvalRequest,
    *,
    model: ChatModel | None = None,
    judge: ChatModel | None = None,
    progress: EvalProgress | None = None,
) -> EvalResult:
    """Draft and score every case; store the run (unless asked not to) and return it with its totals."""
    started = time.perf_counter()
    suite, cases = load_suite(request.suite)
    cases = _chosen(cases, request.cases, suite)
    settings = request.settings
    if progress is not None:
        progress.planned(len(cases))
    with tempfile.TemporaryDirectory(prefix="prp-eval-") as scratch:
        # a run's drafts go to a folder of their own: an earlier run's (or anyone's) files are never overwritten
        out_dir = Path(scratch) if request.out_dir is None else _new_folder(Path(request.out_dir))
        scores, setup = asyncio.run(_run_all(request, cases, out_dir, model, judge, progress))
        if request.out_dir is not None:
            setup["drafts"] = str(out_dir)
    mode = "llm" if settings.use_model or model is not None else "offline"
    name = model.name if model is not None else (settings.model if mode == "llm" else "offline")
    stored = StoredRun("", "", suite, name, settings.mode, setup, scores)
    if request.store:
        store = EvalStore()
        try:
            stored = store.save(suite, name, settings.mode, setup, scores)
        finally:
            store.close()
    return EvalResult(stored, totals(scores), mode, time.perf_counter() - started)


async def _run_all(
    request: EvalRequest,
    cases: list[Case],
    out_dir: Path,
    model: ChatModel | None,
    judge: ChatModel | None,
    progress: EvalProgress | None,
) -> tuple[list[CaseScore], dict[str, Any]]:
    settings = request.settings
    owned = model is None and settings.use_model
    chat = build_model(settings) if owned else model
    grader = judge
    if grader is None and request.judge:
        grader = build_model(replace(settings, model=request.judge))  # recorded and replayed like the drafts
    scores: list[CaseScore] = []
    setup: dict[str, Any] = {"settings": _settings(settings), "judge": request.judge}
    try:
        for case in cases:
            score, result = await _one(case, out_dir, settings, chat)
            if result is not None:
                setup.setdefault("prompts", result.prompts.ids())
                setup.setdefault("templates", {})[case.template] = result.template.sha256
                if grader is not None:
                    score.judge = await judge_draft(grader, result)
            scores.append(score)
            if progress is not None:
                progress.case(score)
    finally:
        if owned:
            await close_model(chat)
        if grader is not None and judge is None:
            await close_model(grader)
    return scores, setup


async def _one(
    case: Case, out_dir: Path, settings: Settings, chat: ChatModel | None
) -> tuple[CaseScore, DraftResult | None]:
    output = out_dir / f"{case.id}.md"
    draft = DraftRequest(case.description, template=case.template, output=str(output), force=True, repo=case.repo,
                         settings=settings)  # fmt: skip
    try:
        result = await draft_async(draft, chat)
    except CassetteMissError:
        raise  # a replay that lacks an answer ends the run: its scores would not be the recorded run's
    except PrpAgentError as exc:
        return CaseScore(case.id, error=exc.message), None
    cost = estimate_cost(settings.model, result.usage, settings.price_override()) if chat is not None else 0.0
    asked = 1 + sum(1 for spec in build_section_specs(result.template) if spec.needs_model) if chat is not None else 0
    return score_case(case.id, result, case.expect, cost, asked), result


def _new_folder(parent: Path) -> Path:
    """`PARENT/eval-20261206-174001` (a suffix when that exists), created."""
    stamp = datetime.now(UTC).strftime("eval-%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        folder = parent / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"--out-dir {parent}: cannot create {folder.name} ({exc.strerror or exc})") from None
        return folder
    raise InputError(f"--out-dir {parent}: too many eval folders made this second")


def _settings(settings: Settings) -> dict[str, Any]:
    """What of the settings decides a draft's quality (never the key)."""
    keep = ("model", "mode", "min_confidence", "max_reasks", "max_output_tokens", "context_budget", "offline",
            "base_url", "replay", "record", "cache")  # fmt: skip
    return {name: getattr(settings, name) for name in keep}
