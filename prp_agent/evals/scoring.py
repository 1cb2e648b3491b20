"""Rule-based scores of one drafted PRP: how its sections ended, whether what the description states survived,
whether the document agrees with itself and the repository, whether it echoes the template's examples or leaves raw
placeholders, what lint finds, and what it cost. The same draft always gets the same scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from prp_agent.drafting import DraftResult
from prp_agent.lint import lint_prp
from prp_agent.types import FlagCode

__all__ = ["METRICS", "CaseScore", "Metric", "score_case"]

# Lint findings other metrics already count (flagged sections, slots left for a human, echoed examples, raw
# placeholders, dropped facts): "lint errors" are the rest — a missing or renamed section, guidance left in, a cited
# path the repository does not have.
_COUNTED = {"needs_review", "needs_input", "example_echoed", "placeholder", "stated_fact_dropped",
            "contradicts_description", "inconsistent"}  # fmt: skip


@dataclass(frozen=True)
class Metric:
    """A scored quantity: its name in tables and JSON, what it means, and which way is better."""

    name: str
    label: str
    better: Literal["higher", "lower", "none"]


METRICS: tuple[Metric, ...] = (
    Metric("quality", "quality score (0-100)", "higher"),
    Metric("sections", "sections", "none"),
    Metric("filled", "sections filled", "higher"),
    Metric("flagged", "sections flagged", "lower"),
    Metric("needs_input", "slots marked NEEDS INPUT", "lower"),
    Metric("stated_facts", "stated facts", "none"),
    Metric("stated_kept", "stated facts kept", "higher"),
    Metric("expect", "expected facts", "none"),
    Metric("expect_found", "expected facts found", "higher"),
    Metric("inconsistencies", "cross-section inconsistencies", "lower"),
    Metric("repo_contradictions", "contradictions with the repository", "lower"),
    Metric("example_echo", "template examples echoed", "lower"),
    Metric("raw_placeholders", "raw placeholders", "lower"),
    Metric("lint_errors", "lint errors", "lower"),
    Metric("requests", "requests", "lower"),
    Metric("extra_requests", "re-asks and retries", "lower"),
    Metric("tokens_in", "prompt tokens", "lower"),
    Metric("tokens_out", "completion tokens", "lower"),
    Metric("cost_usd", "cost (USD)", "lower"),
    Metric("wall_s", "wall time (s)", "lower"),
    Metric("judge", "judge grade (1-5)", "higher"),
)


@dataclass
class CaseScore:
    """The scores of one case's draft (`judge` only when a judge graded it; `error` when it could not be drafted)."""

    case: str
    sections: int = 0
    filled: int = 0
    flagged: int = 0
    needs_input: int = 0
    stated_facts: int = 0
    stated_kept: int = 0
    expect: int = 0
    expect_found: int = 0
    inconsistencies: int = 0
    repo_contradictions: int = 0
    example_echo: int = 0
    raw_placeholders: int = 0
    lint_errors: int = 0
    requests: int = 0
    extra_requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float | None = None
    wall_s: float = 0.0
    judge: float | None = None
    flags: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # expected facts the PRP does not carry
    error: str | None = None

    @property
    def quality(self) -> float:
        """One number for ranking: the mean of the shares of sections filled, stated and expected facts kept, and
        sections free of slots left for a human, of echoed examples and of problems (inconsistencies, contradictions,
        placeholders, lint)."""
        if self.error is not None or not self.sections:
            return 0.0
        problems = self.inconsistencies + self.repo_contradictions + self.raw_placeholders + self.lint_errors
        shares = [
            self.filled / self.sections,
            self.stated_kept / self.stated_facts if self.stated_facts else 1.0,
            self.expect_found / self.expect if self.expect else 1.0,
            1 - min(1.0, self.needs_input / self.sections),
            1 - min(1.0, self.example_echo / self.sections),
            1 - min(1.0, problems / self.sections),
        ]
        return round(100 * sum(shares) / len(shares), 1)

    def value(self, name: str) -> float | None:
        """A metric's value by name."""
        found = self.quality if name == "quality" else getattr(self, name)
        return None if found is None else float(found)

    def as_json(self) -> dict[str, Any]:
        """The `--json` and stored form."""
        return {**asdict(self), "quality": self.quality}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseScore:
        """A stored score."""
        known = set(cls.__dataclass_fields__)
        return cls(**{key: value for key, value in data.items() if key in known})


def score_case(case_id: str, result: DraftResult, expect: list[str], cost: float | None, asked: int) -> CaseScore:
    """Score a written draft (its markdown file is linted as `prp-agent lint` would); `asked` is how many requests a
    draft needs when every answer is good (the brief and each section a model is asked for)."""
    codes = Counter(flag.code for section in result.sections for flag in section.flags)
    text = result.markdown
    missing = [fact for fact in expect if fact not in text]
    score = CaseScore(
        case=case_id,
        sections=len(result.sections),
        filled=sum(1 for section in result.sections if section.status == "filled"),
        flagged=sum(1 for section in result.sections if section.status == "flagged"),
        stated_facts=len(result.stated.facts),
        stated_kept=max(0, len(result.stated.facts) - codes.get(FlagCode.STATED_FACT_DROPPED, 0)),
        expect=len(expect),
        expect_found=len(expect) - len(missing),
        inconsistencies=len(result.inconsistencies),
        repo_contradictions=codes.get(FlagCode.CONTRADICTS_REPO, 0),
        example_echo=codes.get(FlagCode.EXAMPLE_COPIED, 0),
        requests=result.usage.requests,
        extra_requests=max(0, result.usage.requests - asked) if result.usage.requests else 0,
        tokens_in=result.usage.prompt_tokens,
        tokens_out=result.usage.completion_tokens,
        cost_usd=cost,
        wall_s=round(result.elapsed_s, 2),
        flags={code.value: count for code, count in sorted(codes.items())},
        missing=missing,
    )
    if result.output is not None and Path(result.output).is_file():
        findings = lint_prp(result.output).findings
        score.raw_placeholders = sum(1 for f in findings if f.code == "placeholder")
        score.needs_input = sum(1 for f in findings if f.code == "needs_input")
        score.lint_errors = sum(1 for f in findings if f.severity == "error" and f.code not in _COUNTED)
    return score
