"""Turn one structured answer into a reviewed section result: valid values (or the valid parts of the best
attempt), confidence, assumptions, open questions, and every flag the deterministic rules raise.

Drafting and refining share it, so a refined section is judged exactly like a drafted one.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from .asking import Asked
from .document import slot_lines
from .repo.grounded import contradictions
from .repo.types import RepoFacts
from .review import review_values
from .schemas import PY_TYPES, SectionSpec
from .types import FlagCode, OpenQuestion, SectionResult

__all__ = ["section_outcome"]


def section_outcome(
    spec: SectionSpec, asked: Asked, *, min_confidence: float, evidence: str, facts: RepoFacts | None
) -> SectionResult:
    """The reviewed result of one section request."""
    values, confidence, assumptions, questions = _extract(spec, asked)
    flags = list(asked.flags)
    rendered = slot_lines(spec, values)
    if facts is not None:
        flags += contradictions(spec, values, rendered, facts)
    flags += review_values(
        spec, values, rendered, confidence=confidence, open_questions=questions, min_confidence=min_confidence,
        evidence=evidence,
    )  # fmt: skip
    if asked.flags:
        flags = [f for f in flags if f.code is not FlagCode.EMPTY]  # the failure already says why values are missing
    return SectionResult.judged(
        id=spec.id,
        title=spec.section.title,
        flags=flags,
        values=values,
        confidence=confidence,
        assumptions=assumptions,
        open_questions=questions,
        attempts=asked.attempts,
        mode=asked.mode,
        prompt_tokens=asked.prompt_tokens,
    )


def _extract(spec: SectionSpec, asked: Asked) -> tuple[dict[str, Any], float | None, list[str], list[OpenQuestion]]:
    """Slot values, confidence, assumptions and questions: from a valid answer, or what is valid in the best one."""
    if asked.parsed is not None:
        dumped = asked.parsed.model_dump(mode="json", by_alias=True)
        values = {slot.name: dumped[spec.keys[slot.name]] for slot in spec.slots}
        questions = [OpenQuestion.model_validate(q) for q in dumped["open_questions"]]
        return values, dumped["confidence"], list(dumped["assumptions"]), questions
    raw = asked.raw or {}
    values = {}
    for slot in spec.slots:
        adapter: TypeAdapter[Any] = TypeAdapter(PY_TYPES[spec.types[slot.name]] | None)
        try:
            values[slot.name] = adapter.dump_python(adapter.validate_python(raw.get(spec.keys[slot.name])), mode="json")
        except ValidationError:
            values[slot.name] = None
    confidence = raw.get("confidence")
    confidence = float(confidence) if isinstance(confidence, int | float) and 0 <= confidence <= 1 else None
    assumptions = (
        [a for a in raw.get("assumptions", []) if isinstance(a, str)]
        if isinstance(raw.get("assumptions"), list)
        else []
    )
    questions = []
    for item in raw.get("open_questions", []) if isinstance(raw.get("open_questions"), list) else []:
        try:
            questions.append(OpenQuestion.model_validate(item))
        except ValidationError:
            continue
    return values, confidence, assumptions, questions
