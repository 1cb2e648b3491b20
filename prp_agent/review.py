"""Deterministic review rules: which sections need a human, and why (reason codes with messages)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .schemas import SectionSpec, SlotType
from .template import SlotKind
from .types import FlagCode, OpenQuestion, ReviewFlag, SectionResult

__all__ = ["EMPTY_WORDS", "brief_failed", "copied_from_example", "is_empty_value", "review_values", "with_flags"]

EMPTY_WORDS = {
    "", "tbd", "tba", "todo", "n/a", "na", "none", "null", "unknown", "to be determined", "to be defined",
    "not applicable", "not specified", "unspecified", "-", "--", "?", "...", "…", "placeholder", "fill in",
}  # fmt: skip
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_SYNONYMS = {
    "sec": "s", "second": "s", "seconds": "s", "secs": "s", "millisecond": "ms", "milliseconds": "ms",
    "msec": "ms", "requests": "req", "request": "req", "rps": "req", "reqs": "req", "per": "", "db": "database",
}  # fmt: skip
_LINE_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s*")


def is_empty_value(value: Any) -> bool:
    """True for null, blank text, placeholders like TBD/N/A, and empty or all-blank lists."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().strip(".").strip().lower() in EMPTY_WORDS or bool(re.search(r"\{\{.*\}\}", value))
    if isinstance(value, list):
        return not value or all(is_empty_value(item) for item in value)
    return False


_STOPWORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "and",
    "or",
    "is",
    "are",
    "be",
    "from",
}


def _stem(word: str) -> str:
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _tokens(text: str) -> list[str]:
    """Lower-case words and numbers, plurals folded and unit spellings unified, for overlap measures."""
    words = (_SYNONYMS.get(word, word) for word in _WORD.findall(text.lower()))
    return [_stem(word) for word in words if word]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _shingles(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def copied_from_example(value_lines: Iterable[str], examples: Iterable[str]) -> bool:
    """Whether a value reproduces the example text: most of its lines, or most of its word 3-grams, come from it.

    Overlap, not equality: reordered words, changed bullets, units written differently still count.
    """
    value = [_tokens(_LINE_MARK.sub("", line)) for line in value_lines]
    value = [tokens for tokens in value if tokens]
    example = [_tokens(_LINE_MARK.sub("", line)) for line in examples]
    example = [tokens for tokens in example if tokens]
    if not value or not example:
        return False
    example_sets = [set(tokens) for tokens in example]
    value_sets = [set(tokens) - _STOPWORDS or set(tokens) for tokens in value]
    example_sets = [ex - _STOPWORDS or ex for ex in example_sets]
    copied = sum(1 for tokens in value_sets if max(_jaccard(tokens, ex) for ex in example_sets) >= 0.6)
    if copied / len(value) >= 0.5 and (copied >= 2 or len(value) == 1):
        return True
    flat_value = [t for tokens in value for t in tokens]
    flat_example = [t for tokens in example for t in tokens]
    if len(flat_value) < 6:
        return False
    shingles = _shingles(flat_value)
    return len(shingles & _shingles(flat_example)) / len(shingles) >= 0.5


def review_values(
    spec: SectionSpec,
    values: dict[str, Any],
    rendered: dict[str, list[str]],
    *,
    confidence: float | None,
    open_questions: list[OpenQuestion],
    min_confidence: float,
    evidence: str,
) -> list[ReviewFlag]:
    """Flags that follow from a section's values alone (drafting adds refusal, truncation and failures)."""
    flags: list[ReviewFlag] = []
    if confidence is not None and confidence < min_confidence:
        flags.append(
            ReviewFlag(
                code=FlagCode.LOW_CONFIDENCE,
                message=f"confidence {confidence:.2f} is below {min_confidence:g}",
            )
        )
    if open_questions:
        n = len(open_questions)
        flags.append(ReviewFlag(code=FlagCode.OPEN_QUESTIONS, message=f"{n} open question{'s' * (n != 1)} to answer"))
    empty = [slot.label for slot in spec.slots if is_empty_value(values.get(slot.name))]
    if empty:
        flags.append(ReviewFlag(code=FlagCode.EMPTY, message="no value for " + ", ".join(empty)))
    supported = set(_tokens(evidence))
    copied = [
        slot.label
        for slot in spec.slots
        if not is_empty_value(values.get(slot.name))
        and _slot_copied(spec, slot.name, values[slot.name], rendered.get(slot.name, []), supported)
    ]
    if copied:
        flags.append(
            ReviewFlag(
                code=FlagCode.EXAMPLE_COPIED,
                message="reproduces the template's example: " + ", ".join(copied),
            )
        )
    return flags


def _slot_copied(spec: SectionSpec, name: str, value: Any, lines: list[str], supported: set[str]) -> bool:
    slot = next(s for s in spec.slots if s.name == name)
    kind = spec.types[name]
    if kind is SlotType.ENDPOINTS:
        # the example's resources are fine when the inputs name them (a user API may well have /api/users)
        example_paths = {_path_key(line) for line in slot.examples}
        paths = [_path_key(f"{e['method']} {e['path']}") for e in value]
        shared = [p for p in paths if p in example_paths and not set(_tokens(p)) - _METHOD_WORDS <= supported]
        return len(shared) >= max(1, len(paths) / 2)
    if kind is SlotType.ENTITIES:
        example_names = {line.rstrip(":").strip().lower() for line in slot.examples if line.endswith(":")}
        names = [str(entity["name"]).lower() for entity in value]
        return any(n in example_names and not set(_tokens(n)) <= supported for n in names)
    if slot.kind is SlotKind.INLINE:
        if not slot.hint:
            return False
        # a hint often lists options ("PostgreSQL, MySQL"): choosing one is not copying, echoing the hint is;
        # a figure the inputs state is theirs, not the example's
        tokens = set(_tokens(" ".join(lines)))
        if tokens and tokens <= supported:
            return False
        return _jaccard(tokens, set(_tokens(slot.hint))) >= 0.75
    return copied_from_example(lines, slot.examples)


_METHOD_WORDS = {"get", "post", "put", "patch", "delete", "api", "id", "v1", "v2"}


def _path_key(line: str) -> str:
    parts = line.split()
    if len(parts) < 2:
        return line.lower()
    path = re.sub(r"\{[^}]*\}|:[a-z_]+|<[^>]*>", "{}", parts[1].lower()).rstrip("/")
    return f"{parts[0].lower()} {path}"


def brief_failed(failure: str) -> ReviewFlag:
    """The flag every section gets when the model's brief failed and the one read from the description stood in."""
    return ReviewFlag(
        code=FlagCode.BRIEF_FAILED,
        message=f"drafted without the model's brief ({failure}); the shared plan was read from the description",
    )


def with_flags(result: SectionResult, flags: list[ReviewFlag]) -> SectionResult:
    """The result with more flags (and so flagged)."""
    return SectionResult.judged(**{**result.model_dump(exclude={"status", "flags"}), "flags": [*result.flags, *flags]})
