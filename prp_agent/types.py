"""Data types shared by every layer: review flags, open questions, section results."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = ["FlagCode", "OpenQuestion", "ReviewFlag", "SectionResult", "first_problem"]


def first_problem(exc: ValidationError, root: str) -> tuple[str, str]:
    """Where the first validation error is (dotted, `root` when it is the whole value) and what it says."""
    error = exc.errors()[0]
    return ".".join(str(part) for part in error["loc"]) or root, str(error["msg"])


class FlagCode(StrEnum):
    """Why a section needs a human."""

    LOW_CONFIDENCE = "low_confidence"
    OPEN_QUESTIONS = "open_questions"
    VALIDATION_FAILED = "validation_failed"
    EXAMPLE_COPIED = "example_copied"
    EMPTY = "empty"
    REFUSAL = "refusal"
    TRUNCATED = "truncated"
    REQUEST_FAILED = "request_failed"
    NO_EVIDENCE = "no_evidence"
    CONTRADICTS_REPO = "contradicts_repo"
    CONTRADICTS_DESCRIPTION = "contradicts_description"
    STATED_FACT_DROPPED = "stated_fact_dropped"
    ASSUMED = "assumed"
    BRIEF_FAILED = "brief_failed"


class ReviewFlag(BaseModel):
    """One reason a section is flagged."""

    code: FlagCode
    message: str


class OpenQuestion(BaseModel):
    """Something a human must answer, with the answer the drafter would suggest."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=3)
    suggested_answer: str


class SectionResult(BaseModel):
    """How one slot-holding section ended: its values, flags and the drafting facts behind them."""

    id: str
    title: str
    status: Literal["filled", "flagged"]
    flags: list[ReviewFlag] = Field(default_factory=list)
    values: dict[str, Any] = Field(default_factory=dict)
    confidence: float | None = None
    assumptions: list[str] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    attempts: int = 0
    mode: str | None = None
    prompt_tokens: int = 0

    @classmethod
    def judged(cls, *, id: str, title: str, flags: list[ReviewFlag], **fields: Any) -> SectionResult:
        """A result whose status follows from its flags: flagged when there is any."""
        return cls(id=id, title=title, status="flagged" if flags else "filled", flags=flags, **fields)
