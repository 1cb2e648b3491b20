"""Does a PRP agree with itself? Endpoints ↔ data models, the database of the stack ↔ the one of the data layer, an
SLA figure ↔ the same figure where performance is tested or measured.

Each rule is one line of `RULES`: which values (`_VALUES`), read from which sections (`_PLACES`), and how the two
sides must relate — `covered` (every value on the left has a match on the right) or `same` (when both sides name
values, they share one). A finding names both places (section and line) and what differs. Rules only compare what
both sides say: a side that is empty or still NEEDS INPUT is never inconsistent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from prp_agent.drafting.keeping import section_lines
from prp_agent.drafting.stated import describe, read_stated
from prp_agent.drafting.units import singular
from prp_agent.drafting.vocabulary import find_technologies
from prp_agent.prpfile.parse import PrpDocument
from prp_agent.templates.compiler import Template
from prp_agent.templates.schemas import SectionSpec, SlotType, build_section_specs

__all__ = ["RULES", "Inconsistency", "Rule", "find_inconsistencies"]


@dataclass(frozen=True)
class Rule:
    """One cross-section rule: the values compared, where each side reads them, and how they must relate."""

    slug: str  # names the rule's fixtures (fixtures/prps/consistency/SLUG.bad.md, .clean.md)
    name: str
    values: str  # a key of _VALUES
    left: str  # a key of _PLACES
    right: str
    relation: Literal["covered", "same"]
    right_values: str = ""  # the right side's values when they are read differently (default: `values`)


# One entry per rule.
RULES: tuple[Rule, ...] = (
    Rule(
        "endpoint-resource-has-model",
        "an endpoint's resource has a data model",
        "resources",
        "endpoints",
        "models",
        "covered",
        "models",
    ),
    Rule(
        "model-used-by-endpoint",
        "a data model is used by an endpoint",
        "models",
        "models",
        "endpoints",
        "covered",
        "mentions",
    ),
    Rule(
        "stack-database-is-data-layer-database",
        "the stack's database is the data layer's",
        "databases",
        "stack",
        "data_layer",
        "same",
    ),
    Rule(
        "availability-where-performance-is-checked",
        "the SLA's availability where performance is checked",
        "availability",
        "sla",
        "performance",
        "same",
    ),
    Rule(
        "latency-where-performance-is-checked",
        "the SLA's latency where performance is checked",
        "latency",
        "sla",
        "performance",
        "same",
    ),
    Rule(
        "throughput-where-performance-is-checked",
        "the SLA's throughput where performance is checked",
        "throughput",
        "sla",
        "performance",
        "same",
    ),
)


@dataclass(frozen=True)
class Inconsistency:
    """Two places that disagree: the rule, each place (section id, 1-based line) and what each says."""

    rule: str
    here: tuple[str, int | None]
    there: tuple[str, int | None]
    said_here: str
    said_there: str

    @property
    def message(self) -> str:
        """One line naming both places and what differs."""
        return (f"{self.rule}: {self.here[0]} (line {self.here[1]}) says {self.said_here}; {self.there[0]} "
                f"(line {self.there[1]}) says {self.said_there}")  # fmt: skip


Value = tuple[str, str, int]  # (what is compared, how it is written, line)

_PREFIX = re.compile(r"api|rest|v\d+|[{:<].*|\d+|\*", re.IGNORECASE)
_NOT_RESOURCE = {"auth", "login", "logout", "health", "healthz", "ready", "live", "status", "search", "me", "token",
                 "tokens", "refresh", "register", "signup", "signin", "export", "exports", "import", "imports",
                 "metrics", "docs", "openapi", "webhook", "webhooks", "callback", "stats", "count", "bulk",
                 "batch", "upload", "uploads", "download", "confirm", "verify", "reset", "resets"}  # fmt: skip
_MODEL_LINE = re.compile(
    r"^\W{0,4}(?:class |model |type |interface |entity )?([A-Z][A-Za-z0-9_]{1,60})\W{0,4}(?::|\(|\{)"
)


def _norm(word: str) -> str:
    """A path segment or name as compared: its last word, singular, letters and digits only (`line-items` → item)."""
    return re.sub(r"[^a-z0-9]", "", singular(re.split(r"[-_]", word.lower())[-1]))


def _resources(lines: list[tuple[int, str]]) -> list[Value]:
    out = []
    for number, text in lines:
        for fact in read_stated(text).of("endpoint"):
            segments = [s for s in str(fact.value["path"]).split("/") if s and not _PREFIX.fullmatch(s)]
            nouns = [s for s in segments if s.lower() not in _NOT_RESOURCE and re.fullmatch(r"[A-Za-z][\w-]*", s)]
            if nouns:  # any literal segment may name the model the endpoint stands for
                out.append(("|".join(_norm(n) for n in nouns), f"{fact.value['method']} {fact.value['path']}", number))
    return out


def _models(lines: list[tuple[int, str]]) -> list[Value]:
    out = []
    for number, text in lines:
        m = _MODEL_LINE.match(text.strip())
        if m and not text.lstrip().startswith(("-", "*")):
            out.append((re.sub(r"[^a-z0-9]", "", m.group(1).lower()), m.group(1), number))
    return out


def _mentions(lines: list[tuple[int, str]]) -> list[Value]:
    """Every word of the endpoints written (paths and summaries): a model is used when an endpoint names it at all
    (`RefreshToken` by `POST /auth/refresh`)."""
    words = {_norm(w) for _, text in lines for w in re.findall(r"[A-Za-z][A-Za-z0-9]{2,}", text)}
    return [("|".join(sorted(words)), "its endpoints", lines[0][0])] if words else []


def _databases(lines: list[tuple[int, str]]) -> list[Value]:
    return [(name, name, number) for number, text in lines for kind, name, _, _ in find_technologies(text)
            if kind == "database"]  # fmt: skip


def _figure(kind: str) -> Callable[[list[tuple[int, str]]], list[Value]]:
    def read(lines: list[tuple[int, str]]) -> list[Value]:
        out = []
        for number, text in lines:
            for fact in read_stated(text).facts:
                if fact.kind == kind or (kind == "availability" and fact.kind == "percent" and 90 <= float(
                        fact.value["value"]) <= 100 and re.search(r"availab|uptime|SLA", text, re.I)):  # fmt: skip
                    key = fact.key() or ""
                    if kind == "latency":  # compared per percentile, in ms
                        scale = 1000 if fact.value["unit"] == "s" else 1
                        key = f"{fact.value['percentile']} {float(fact.value['value']) * scale:g}"
                    elif fact.kind == "percent":
                        key = f"availability {float(fact.value['value']):g}"
                    out.append((key, describe(fact), number))
        return out

    return read


_VALUES: dict[str, Callable[[list[tuple[int, str]]], list[Value]]] = {
    "resources": _resources, "models": _models, "mentions": _mentions, "databases": _databases,
    "availability": _figure("availability"),
    "latency": _figure("latency"), "throughput": _figure("throughput"),
}  # fmt: skip
_FIGURES = {SlotType.PERCENTAGE, SlotType.LATENCY, SlotType.THROUGHPUT}
_STACK_SLOTS = {"technology", "tech_stack", "stack", "framework", "web_framework", "language"}
_DATA_SLOTS = {"database", "dbms", "databases", "data_store", "datastore", "storage"}
_PERFORMANCE = re.compile(r"performance (?:test|metric)|load test|benchmark", re.IGNORECASE)


def _places(spec: SectionSpec) -> set[str]:
    types = set(spec.types.values())
    names = {slot.name.lower() for slot in spec.slots}
    places = set()
    if SlotType.ENDPOINTS in types:
        places.add("endpoints")
    if SlotType.ENTITIES in types:
        places.add("models")
    if names & _STACK_SLOTS:
        places.add("stack")
    if names & _DATA_SLOTS:
        places.add("data_layer")
    if types & _FIGURES:
        places.add("sla")
    elif _PERFORMANCE.search(spec.section.title):
        places.add("performance")
    return places


def find_inconsistencies(document: PrpDocument, template: Template) -> list[Inconsistency]:
    """Every pair of places in the document that disagree, rule by rule."""
    lines = section_lines(document, template)
    where: dict[str, list[str]] = {}
    for spec in build_section_specs(template):
        for place in _places(spec):
            where.setdefault(place, []).append(spec.id)
    found: list[Inconsistency] = []
    for rule in RULES:
        left = _read(rule.values, where.get(rule.left, []), lines)
        right = _read(rule.right_values or rule.values, where.get(rule.right, []), lines)
        if not left or not right:
            continue
        found += _judge(rule, left, right)
    return found


def _read(values: str, sections: list[str], lines: dict[str, list[tuple[int, str]]]) -> list[tuple[str, Value]]:
    return [(sid, value) for sid in sections for value in _VALUES[values](lines.get(sid, []))]


def _matches(a: str, b: str) -> bool:
    """Whether two values name the same thing (an endpoint's value lists every segment it could stand for)."""
    return any(
        x == y or (len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)))
        for x in a.split("|") for y in b.split("|")
    )  # fmt: skip


def _judge(rule: Rule, left: list[tuple[str, Value]], right: list[tuple[str, Value]]) -> list[Inconsistency]:
    found = []
    if rule.relation == "covered":
        seen: set[str] = set()
        for sid, (key, shown, line) in left:
            if shown in seen or any(_matches(key, other[0]) for _, other in right):
                continue
            seen.add(shown)
            there_sid, (_, there_shown, there_line) = right[0]
            others = ", ".join(dict.fromkeys(v[1] for _, v in right))
            found.append(Inconsistency(rule.name, (sid, line), (there_sid, there_line), shown, f"only {others}"))
        return found
    # "same": per dimension both sides name (a latency's percentile), the two sides share a value
    for dimension in dict.fromkeys(_dimension(v[0]) for _, v in left):
        mine = [(sid, v) for sid, v in left if _dimension(v[0]) == dimension]
        theirs = [(sid, v) for sid, v in right if _dimension(v[0]) == dimension]
        if not theirs or {v[0] for _, v in mine} & {v[0] for _, v in theirs}:
            continue
        (sid, (_, shown, line)), (there_sid, (_, there_shown, there_line)) = mine[0], theirs[0]
        found.append(Inconsistency(rule.name, (sid, line), (there_sid, there_line), shown, there_shown))
    return found


def _dimension(key: str) -> str:
    """What a value is a value of: a latency's percentile ("p95 150" → "p95"); one dimension for the rest."""
    head = key.split(" ", 1)[0]
    return head if re.fullmatch(r"p\d+(?:\.\d+)?|avg|max", head) else ""
