"""The front end's rendering: results for people (rich, summaries on stderr) and machines (one JSON object on
stdout), live progress, and the interactive review session. Only this package imports rich."""

from __future__ import annotations

from .batch import BatchProgress, show_batch, show_batch_list, show_batch_status, show_submitted
from .context import show_context
from .doctor import show_doctor
from .draft import show_draft
from .lint import show_lint
from .logs import show_logs
from .progress import DraftStatus
from .session import run_session, show_applied, show_history
from .templates import show_template, show_template_list

__all__ = [
    "BatchProgress",
    "DraftStatus",
    "run_session",
    "show_applied",
    "show_batch",
    "show_batch_list",
    "show_batch_status",
    "show_context",
    "show_doctor",
    "show_draft",
    "show_history",
    "show_lint",
    "show_logs",
    "show_submitted",
    "show_template",
    "show_template_list",
]
