"""Flags for what went wrong with a request or an answer: one constructor per failure, so every caller words it alike.

The review rules (`review.py`) judge values; these name failures of the request itself (refused, cut off, invalid,
over budget, failed), which the asking loop and the Batch API flow raise before any value is judged.
"""

from __future__ import annotations

from prp_agent.types import FlagCode, ReviewFlag, SectionResult

__all__ = [
    "brief_failed",
    "content_filtered",
    "no_evidence",
    "over_budget",
    "refused",
    "request_failed",
    "still_invalid",
    "truncated",
    "with_flags",
]


def request_failed(message: str, *, attempts: int | None = None) -> ReviewFlag:
    """The request failed (after `attempts` tries when it was retried)."""
    after = f" after {attempts} attempt{'s' * (attempts != 1)}" if attempts else ""
    return ReviewFlag(code=FlagCode.REQUEST_FAILED, message=f"request failed{after}: {message}")


def over_budget(size: int, answer_tokens: int, limit: int) -> ReviewFlag:
    """The request would not fit --max-context-tokens, so it was not sent."""
    return ReviewFlag(
        code=FlagCode.REQUEST_FAILED,
        message=f"prompt of {size} tokens plus {answer_tokens} for the answer exceeds --max-context-tokens {limit}; "
        "request not sent",
    )


def refused(reason: str) -> ReviewFlag:
    """The model refused."""
    return ReviewFlag(code=FlagCode.REFUSAL, message=f"the model refused: {reason[:200]}")


def content_filtered() -> ReviewFlag:
    """The provider's content filter stopped the answer."""
    return ReviewFlag(code=FlagCode.REFUSAL, message="the provider's content filter stopped the answer")


def truncated(limit: int) -> ReviewFlag:
    """The answer hit the output token limit."""
    return ReviewFlag(code=FlagCode.TRUNCATED, message=f"the answer hit the {limit}-token limit")


def still_invalid(attempts: int, error: str, *, can_reask: bool = True) -> ReviewFlag:
    """The answer stayed invalid: the valid parts of the best attempt are kept."""
    if can_reask:
        message = f"still invalid after {attempts} attempts ({error}); kept the valid parts of the best one"
    else:
        message = f"invalid, and a batch cannot re-ask ({error}); kept the valid parts"
    return ReviewFlag(code=FlagCode.VALIDATION_FAILED, message=message)


def brief_failed(failure: str) -> ReviewFlag:
    """The flag every section gets when the model's brief failed and the one read from the description stood in."""
    return ReviewFlag(
        code=FlagCode.BRIEF_FAILED,
        message=f"drafted without the model's brief ({failure}); the shared plan was read from the description",
    )


def no_evidence(missing: list[str], *, with_repo: bool, why: list[str] | None = None) -> ReviewFlag:
    """Offline: nothing in the inputs supports these slots (and, when known, why)."""
    source = "the description and the repository do not say" if with_repo else "the description does not say"
    reasons = list(dict.fromkeys(r for r in why or [] if r))
    return ReviewFlag(code=FlagCode.NO_EVIDENCE, message=f"{source}: " + ", ".join(missing) + "".join(
        f" ({reason})" for reason in reasons))  # fmt: skip


def with_flags(result: SectionResult, flags: list[ReviewFlag]) -> SectionResult:
    """The result with more flags (and so flagged)."""
    return SectionResult.judged(**{**result.model_dump(exclude={"status", "flags"}), "flags": [*result.flags, *flags]})
