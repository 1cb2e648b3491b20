"""Every review rule in one place: which sections need a human, and why (reason codes with messages).

Drafting, refining, the Batch API flow and lint all ask here. Failures of a request (it failed, was refused, was
cut off, stayed invalid) arrive as data and leave as flags; a drafted answer is judged on its values; text a human
wrote, or that lint reads back out of a document, is judged by the same per-slot rules on the same rendered lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from prp_agent.drafting.asking import Asked
from prp_agent.drafting.flags import no_evidence
from prp_agent.drafting.grounding import contradiction_problems
from prp_agent.drafting.stated import StatedFacts
from prp_agent.drafting.vocabulary import find_technologies
from prp_agent.prpfile.grammar import NEEDS_INPUT
from prp_agent.prpfile.parse import SlotText
from prp_agent.prpfile.render import slot_lines
from prp_agent.prpfile.sidecar import Sidecar
from prp_agent.templates.compiler import SLOT_RE, SlotKind
from prp_agent.templates.schemas import PY_TYPES, SectionSpec, SlotType
from prp_agent.types import FlagCode, OpenQuestion, ReviewFlag, SectionResult

if TYPE_CHECKING:
    from prp_agent.repo.types import RepoFacts  # typing only: a draft without --repo never loads repo/

__all__ = [
    "EMPTY_WORDS",
    "ReviewContext",
    "contradicts_description",
    "copied_from_example",
    "is_empty_value",
    "judge_answer",
    "judge_offline",
    "review_text",
    "review_values",
    "sidecar_evidence",
    "slot_problems",
    "supported_terms",
]

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
_STOPWORDS = {"a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "is", "are", "be",
              "from"}  # fmt: skip
_METHOD_WORDS = {"get", "post", "put", "patch", "delete", "api", "id", "v1", "v2"}
_ENDPOINT_LINE = re.compile(r"^\s*(GET|POST|PUT|PATCH|DELETE)\s+(/\S*)", re.IGNORECASE)


# --- words and overlap ----------------------------------------------------------------------------------------------


def is_empty_value(value: Any) -> bool:
    """True for null, blank text, placeholders like TBD/N/A, and empty or all-blank lists."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().strip(".").strip().lower() in EMPTY_WORDS or bool(re.search(r"\{\{.*\}\}", value))
    if isinstance(value, list):
        return not value or all(is_empty_value(item) for item in value)
    return False


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


def supported_terms(evidence: str) -> set[str]:
    """The words the inputs (description, brief, repository context) support."""
    return set(_tokens(evidence))


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
    example_sets = [set(tokens) - _STOPWORDS or set(tokens) for tokens in example]
    value_sets = [set(tokens) - _STOPWORDS or set(tokens) for tokens in value]
    copied = sum(1 for tokens in value_sets if max(_jaccard(tokens, ex) for ex in example_sets) >= 0.6)
    if copied / len(value) >= 0.5 and (copied >= 2 or len(value) == 1):
        return True
    flat_value = [t for tokens in value for t in tokens]
    flat_example = [t for tokens in example for t in tokens]
    if len(flat_value) < 6:
        return False
    shingles = _shingles(flat_value)
    return len(shingles & _shingles(flat_example)) / len(shingles) >= 0.5


def _path_key(method: str, path: str) -> str:
    normalized = re.sub(r"\{[^}]*\}|:[a-z_]+|<[^>]*>", "{}", path.lower()).rstrip("/")
    return f"{method.lower()} {normalized}"


def _endpoint_keys(lines: Iterable[str]) -> list[str]:
    return [_path_key(m.group(1), m.group(2)) for m in map(_ENDPOINT_LINE.match, lines) if m]


def echoes_example(spec: SectionSpec, name: str, lines: list[str], supported: set[str]) -> bool:
    """Whether a slot's rendered lines reproduce the template's example for it.

    The inputs may name what the example names (a user API may well have /api/users): only what the inputs do not
    support counts. One rule for every caller, on rendered lines, so a draft and a lint of it always agree.
    """
    slot = next(s for s in spec.slots if s.name == name)
    kind = spec.types[name]
    if kind is SlotType.ENDPOINTS:
        example_paths = set(_endpoint_keys(slot.examples))
        paths = _endpoint_keys(lines)
        shared = [p for p in paths if p in example_paths and not set(_tokens(p)) - _METHOD_WORDS <= supported]
        return bool(paths) and len(shared) >= max(1, len(paths) / 2)
    if kind is SlotType.ENTITIES:
        example_names = {line.rstrip(":").strip().lower() for line in slot.examples if line.endswith(":")}
        names = [line.rstrip(":").strip().lower() for line in lines if line.endswith(":")]
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


# --- judging drafted values -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewContext:
    """What a section is judged against: the confidence bar, the inputs' words, the repository's facts, what the
    user stated, and the feature's name (for slots that hold it)."""

    min_confidence: float
    evidence: str
    facts: RepoFacts | None = None
    stated: StatedFacts | None = None
    title: str | None = None


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
    """Flags that follow from a section's values alone (failures come from the request)."""
    flags: list[ReviewFlag] = []
    if confidence is not None and confidence < min_confidence:
        message = f"confidence {confidence:.2f} is below {min_confidence:g}"
        flags.append(ReviewFlag(code=FlagCode.LOW_CONFIDENCE, message=message))
    flags += _questions_flag(open_questions)
    empty = [slot.label for slot in spec.slots if is_empty_value(values.get(slot.name))]
    if empty:
        flags.append(ReviewFlag(code=FlagCode.EMPTY, message="no value for " + ", ".join(empty)))
    supported = supported_terms(evidence)
    copied = [
        slot.label
        for slot in spec.slots
        if not is_empty_value(values.get(slot.name))
        and echoes_example(spec, slot.name, rendered.get(slot.name, []), supported)
    ]
    flags += _copied_flag(copied)
    return flags


def _questions_flag(questions: list[OpenQuestion]) -> list[ReviewFlag]:
    if not questions:
        return []
    n = len(questions)
    return [ReviewFlag(code=FlagCode.OPEN_QUESTIONS, message=f"{n} open question{'s' * (n != 1)} to answer")]


def _copied_flag(labels: list[str]) -> list[ReviewFlag]:
    if not labels:
        return []
    return [ReviewFlag(code=FlagCode.EXAMPLE_COPIED, message="reproduces the template's example: " + ", ".join(labels))]


def contradicts_repo(
    spec: SectionSpec, values: dict[str, Any], rendered: dict[str, list[str]], facts: RepoFacts
) -> list[ReviewFlag]:
    """`contradicts_repo`: a named technology the repository does not use, endpoints or models redefined."""
    problems = contradiction_problems(spec, values, rendered, facts)
    return [ReviewFlag(code=FlagCode.CONTRADICTS_REPO, message="; ".join(problems))] if problems else []


def judge_answer(spec: SectionSpec, asked: Asked, context: ReviewContext) -> SectionResult:
    """The reviewed result of one section request: valid values (or the valid parts of the best attempt),
    confidence, assumptions, open questions, and every flag the rules raise."""
    values, confidence, assumptions, questions = _extract(spec, asked)
    values.update(dict.fromkeys(spec.title_slots, context.title))
    flags = list(asked.flags)
    rendered = slot_lines(spec, values)
    if context.facts is not None:
        flags += contradicts_repo(spec, values, rendered, context.facts)
    if context.stated is not None:
        flags += contradicts_description(spec, values, rendered, context.stated)
    flags += review_values(
        spec, values, rendered, confidence=confidence, open_questions=questions,
        min_confidence=context.min_confidence, evidence=context.evidence,
    )  # fmt: skip
    if asked.flags:
        flags = [f for f in flags if f.code is not FlagCode.EMPTY]  # the failure already says why values are missing
    return SectionResult.judged(
        id=spec.id, title=spec.section.title, flags=flags, values=values, confidence=confidence,
        assumptions=assumptions, open_questions=questions, attempts=asked.attempts, mode=asked.mode,
        prompt_tokens=asked.prompt_tokens,
    )  # fmt: skip


def _extract(spec: SectionSpec, asked: Asked) -> tuple[dict[str, Any], float | None, list[str], list[OpenQuestion]]:
    """Slot values, confidence, assumptions and questions: from a valid answer, or what is valid in the best one."""
    if asked.parsed is not None:
        dumped = asked.parsed.model_dump(mode="json", by_alias=True)
        values = {slot.name: dumped[spec.keys[slot.name]] for slot in spec.asked}
        questions = [OpenQuestion.model_validate(q) for q in dumped["open_questions"]]
        return values, dumped["confidence"], list(dumped["assumptions"]), questions
    raw = asked.raw or {}
    values = {}
    for slot in spec.asked:
        adapter: TypeAdapter[Any] = TypeAdapter(PY_TYPES[spec.types[slot.name]] | None)
        try:
            values[slot.name] = adapter.dump_python(adapter.validate_python(raw.get(spec.keys[slot.name])), mode="json")
        except ValidationError:
            values[slot.name] = None
    confidence = raw.get("confidence")
    confidence = float(confidence) if isinstance(confidence, int | float) and 0 <= confidence <= 1 else None
    assumptions = raw.get("assumptions")
    kept = [a for a in assumptions if isinstance(a, str)] if isinstance(assumptions, list) else []
    questions = []
    for item in raw.get("open_questions", []) if isinstance(raw.get("open_questions"), list) else []:
        try:
            questions.append(OpenQuestion.model_validate(item))
        except ValidationError:
            continue
    return values, confidence, kept, questions


def judge_offline(
    spec: SectionSpec,
    values: dict[str, Any],
    assumptions: list[str],
    guessed: list[str],
    *,
    with_repo: bool,
    why_missing: list[str] | None = None,
) -> SectionResult:
    """A section the offline drafter wrote: what no input supports is flagged `no_evidence`, what was derived by
    rule rather than stated is flagged `assumed`. Its own values are never held against the repository: they were
    read from it."""
    flags: list[ReviewFlag] = []
    missing = [slot.label for slot in spec.slots if values.get(slot.name) is None]
    if missing:
        flags.append(no_evidence(missing, with_repo=with_repo, why=why_missing))
    if guessed:
        flags.append(ReviewFlag(code=FlagCode.ASSUMED, message="; ".join(guessed)))
    return SectionResult.judged(
        id=spec.id, title=spec.section.title, flags=flags, values=values, assumptions=assumptions, mode="offline"
    )


def contradicts_description(
    spec: SectionSpec, values: dict[str, Any], rendered: dict[str, list[str]], stated: StatedFacts
) -> list[ReviewFlag]:
    """`contradicts_description`: a figure other than the stated one, another technology of a stated kind, a listed
    endpoint or entity missing — each naming both sides."""
    problems: list[str] = []
    for slot in spec.slots:
        value = values.get(slot.name)
        if value is None:
            continue
        kind = spec.types[slot.name]
        problems += _figure_differs(slot.label, kind, value, stated)
        if kind is SlotType.ENDPOINTS:
            drafted = {(e["method"], e["path"].rstrip("/")) for e in value}
            for fact in stated.of("endpoint"):
                if (fact.value["method"], fact.value["path"].rstrip("/")) not in drafted:
                    problems.append(f"{fact.value['method']} {fact.value['path']} is listed in the description "
                                    f"but missing from {slot.label}")  # fmt: skip
        elif kind is SlotType.ENTITIES:
            problems += _entities_differ(slot.label, value, stated)
    text = "\n".join(line for lines in rendered.values() for line in lines)
    problems += _technology_differs(text, stated)
    return [ReviewFlag(code=FlagCode.CONTRADICTS_DESCRIPTION, message="; ".join(problems))] if problems else []


def _figure_differs(label: str, kind: SlotType, value: Any, stated: StatedFacts) -> list[str]:
    fact = stated.first("availability")
    if kind is SlotType.PERCENTAGE and fact is not None and abs(float(value) - float(fact.value["percent"])) > 1e-9:
        return [f"{label} {float(value):g}%, but the description states {fact.value['percent']:g}%"]
    if kind is SlotType.LATENCY and (fact := stated.first("latency")):
        said = fact.value
        same_value = _in_ms(value["value"], value["unit"]) == _in_ms(said["value"], said["unit"])
        same_percentile = said["percentile"] == "max" or value["percentile"] == said["percentile"]
        if not (same_value and same_percentile):
            return [f"{label} {value['percentile']} < {value['value']:g} {value['unit']}, but the description "
                    f"states {said['percentile']} < {said['value']:g} {said['unit']}"]  # fmt: skip
    if kind is SlotType.THROUGHPUT and (fact := stated.first("throughput")):
        said = fact.value
        if float(value["value"]) != float(said["value"]) or _per(value["unit"]) != _per(said["unit"]):
            return [f"{label} {value['value']:g} {value['unit']}, but the description states "
                    f"{said['value']:g} {said['unit']}"]  # fmt: skip
    return []


def _in_ms(value: float, unit: str) -> float:
    return float(value) * (1000.0 if unit == "s" else 1.0)


def _per(unit: str) -> str:
    return unit.split("/")[-1].strip().lower()[:1] if "/" in unit else unit.strip().lower()


def _entities_differ(label: str, value: list[dict[str, Any]], stated: StatedFacts) -> list[str]:
    drafted = {str(e["name"]).lower(): {str(f["name"]).lower() for f in e["fields"]} for e in value}
    problems = []
    for fact in stated.of("entity"):
        name = str(fact.value["name"])
        fields = drafted.get(name.lower())
        if fields is None:
            problems.append(f"the description's {name} is missing from {label}")
            continue
        missing = [f for f in fact.value["fields"] if f.lower() not in fields]
        if missing:
            problems.append(f"{name} lacks {', '.join(missing)}, which the description states")
    return problems


def _technology_differs(text: str, stated: StatedFacts) -> list[str]:
    problems = []
    for category in sorted({str(f.value["category"]) for f in stated.of("technology")}):
        said = set(stated.technologies(category))
        named = {name for kind, name, _, _ in find_technologies(text) if kind == category} - said
        if named and not said & {name for kind, name, _, _ in find_technologies(text)}:
            kind = category.replace("_", " ")
            problems.append(f"{kind} {', '.join(sorted(named))}, but the description states {', '.join(sorted(said))}")
    return problems


# --- judging text a human wrote, or that lint reads back ------------------------------------------------------------


def sidecar_evidence(sidecar: Sidecar | None) -> str:
    """What the people behind a document stated, as its sidecar recorded it: the description, the brief, the
    repository context the draft saw, and every instruction and answer given while refining it."""
    if sidecar is None:
        return ""
    context = str((sidecar.repo or {}).get("context") or "")
    said = [f"{entry.instruction or ''} {' '.join(entry.answers)}" for entry in sidecar.history]
    return "\n".join([sidecar.description or "", json.dumps(sidecar.brief or {}), context, *said])


NEEDS = "needs_input"
EMPTY = "empty"
PLACEHOLDER = "placeholder"
ECHOED = "echoed"


def slot_problems(spec: SectionSpec, name: str, text: SlotText | None, supported: set[str]) -> list[str]:
    """What is wrong with one slot's text as it stands: NEEDS, EMPTY, PLACEHOLDER and/or ECHOED."""
    if text is None:
        return []
    if text.needs_input:
        return [NEEDS]
    if any(SLOT_RE.search(line) for line in text.lines):
        return [PLACEHOLDER]
    if is_empty_value(text.lines):
        return [EMPTY]
    return [ECHOED] if echoes_example(spec, name, text.lines, supported) else []


def review_text(
    spec: SectionSpec, slots: dict[str, SlotText], *, evidence: str, open_questions: list[OpenQuestion]
) -> list[ReviewFlag]:
    """Flags for a section's text as it stands: slots still needing input or empty, raw placeholders, open
    questions left, and example text echoed (by the same rule a draft is judged by)."""
    supported = supported_terms(evidence)
    by_problem: dict[str, list[str]] = {}
    for slot in spec.slots:
        for problem in slot_problems(spec, slot.name, slots.get(slot.name), supported):
            by_problem.setdefault(problem, []).append(slot.label)
    flags: list[ReviewFlag] = []
    for problem, message in ((NEEDS, f"still marked {NEEDS_INPUT}: "), (EMPTY, "no value for "),
                             (PLACEHOLDER, "holds a raw {{placeholder}}: ")):  # fmt: skip
        if by_problem.get(problem):
            flags.append(ReviewFlag(code=FlagCode.EMPTY, message=message + ", ".join(by_problem[problem])))
    flags += _questions_flag(open_questions)
    return flags + _copied_flag(by_problem.get(ECHOED, []))
