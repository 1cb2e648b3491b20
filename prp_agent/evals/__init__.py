"""Measuring draft quality: `prp-agent eval` drafts every case of a suite and scores each draft with deterministic
rules (`scoring`), optionally with a second model's grades (`judge`); each run is stored (`history`) so two runs —
two models, a prompt edit — can be compared metric by metric (`compare`). Cases come from the built-in suite or a
YAML / JSON Lines file (`suite`); `run` ties them together and never prints.
"""

from __future__ import annotations

from prp_agent.evals.compare import Comparison, compare_runs
from prp_agent.evals.history import EvalStore, StoredRun, eval_store_path, stored_pair, stored_runs
from prp_agent.evals.run import EvalRequest, EvalResult, run_eval
from prp_agent.evals.scoring import METRICS, CaseScore
from prp_agent.evals.suite import Case, load_suite

__all__ = [
    "METRICS",
    "Case",
    "CaseScore",
    "Comparison",
    "EvalRequest",
    "EvalResult",
    "EvalStore",
    "StoredRun",
    "compare_runs",
    "eval_store_path",
    "load_suite",
    "run_eval",
    "stored_pair",
    "stored_runs",
]
