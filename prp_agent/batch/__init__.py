"""Batch drafting from tracker exports: selection, journal and lock, the direct run, the OpenAI Batch API flow, and
reports. Use-cases return results and never print.
"""

from __future__ import annotations

from .estimates import estimate_batch
from .journal import JOURNAL
from .openai_batch import Submitted, batch_status, collect_batch, submit_batch
from .run import Progress, run_batch
from .select import Selection, issue_description, scan_issues, select_issues
from .types import BatchRequest, BatchResult, IssueOutcome

__all__ = [
    "JOURNAL",
    "BatchRequest",
    "BatchResult",
    "IssueOutcome",
    "Progress",
    "Selection",
    "Submitted",
    "batch_status",
    "collect_batch",
    "estimate_batch",
    "issue_description",
    "run_batch",
    "scan_issues",
    "select_issues",
    "submit_batch",
]
