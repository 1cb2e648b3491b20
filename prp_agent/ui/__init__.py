"""The front end's rendering: results for people (rich, summaries on stderr) and machines (one JSON object on
stdout), live progress, and the interactive review session. Only this package imports rich."""

from __future__ import annotations

from prp_agent.ui.batch import (
    BatchProgress,
    show_batch,
    show_batch_list,
    show_batch_status,
    show_submitted,
)
from prp_agent.ui.context import show_context
from prp_agent.ui.doctor import show_doctor
from prp_agent.ui.draft import show_draft
from prp_agent.ui.evals import EvalProgressBar, show_comparison, show_eval, show_eval_history
from prp_agent.ui.lint import show_lint
from prp_agent.ui.logs import show_logs
from prp_agent.ui.progress import DraftStatus
from prp_agent.ui.session import run_session, show_applied, show_history
from prp_agent.ui.templates import show_template, show_template_list

__all__ = [
    "BatchProgress",
    "DraftStatus",
    "EvalProgressBar",
    "run_session",
    "show_applied",
    "show_batch",
    "show_batch_list",
    "show_batch_status",
    "show_comparison",
    "show_context",
    "show_doctor",
    "show_draft",
    "show_eval",
    "show_eval_history",
    "show_history",
    "show_lint",
    "show_logs",
    "show_submitted",
    "show_template",
    "show_template_list",
]
