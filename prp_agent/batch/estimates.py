"""What a batch will cost before anything is sent: requests, tokens and dollars per issue."""

from __future__ import annotations

from prp_agent.batch.estimate import estimate_issue
from prp_agent.batch.select import Selection, issue_description
from prp_agent.batch.types import BatchRequest, IssueOutcome
from prp_agent.config import Settings
from prp_agent.llm.pricing import estimate_cost
from prp_agent.llm.protocol import Usage

__all__ = ["cost_of", "estimate_batch"]


def cost_of(settings: Settings, usage: Usage) -> float | None:
    """USD for this usage at the settings' model price (None when the price is unknown)."""
    cost = estimate_cost(settings.model, usage, settings.price_override())
    return round(cost, 4) if cost is not None else None


def estimate_batch(request: BatchRequest, selection: Selection) -> list[IssueOutcome]:
    """Requests, prompt and completion tokens and cost per issue, without calling any API."""
    outcomes = []
    for issue in selection.issues:
        tokens = estimate_issue(issue_description(issue), request.template, request.settings, request.repo)
        usage = Usage(tokens["requests"], tokens["prompt_tokens"], tokens["completion_tokens"], 0)
        outcomes.append(
            IssueOutcome(
                issue.key,
                issue.title,
                "planned",
                output=str(selection.output(request.out_dir, issue)),
                estimate_usd=cost_of(request.settings, usage),
                estimate_tokens=tokens,
                url=issue.url,
                parent=issue.parent,
            )
        )
    return outcomes
