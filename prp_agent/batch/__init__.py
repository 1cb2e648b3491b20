"""Batch drafting from tracker exports: selection (`select`), the journal and out-dir lock (`journal`), cost and
token estimates (`estimate`, `estimates`), the direct run (`run`), the OpenAI Batch API flow and Batch files for the
user's own server (`openai_batch`), questions clustered across issues (`questions`) and the reports (`reports`).
Use-cases return results and never print; the issue semaphore in `run` is the one owner of how many issues are
drafted at once.
"""

from __future__ import annotations

from prp_agent.batch.estimates import estimate_batch
from prp_agent.batch.journal import JOURNAL
from prp_agent.batch.openai_batch import Submitted, batch_status, collect_batch, submit_batch, write_batch_file
from prp_agent.batch.run import Progress, run_batch
from prp_agent.batch.select import Selection, issue_description, scan_issues, select_issues
from prp_agent.batch.types import BatchRequest, BatchResult, IssueOutcome

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
    "write_batch_file",
]
