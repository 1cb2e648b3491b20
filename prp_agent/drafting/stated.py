"""What a description (or a tracker issue) states, read by deterministic rules, each fact with the span it came from.

Figures with units (availability, latency with percentile, throughput, durations, sizes, limits, counts), named
technologies (the vocabulary repository grounding uses), endpoints written out (`POST /orders`), entities with
fields ("a Refund has amount, currency and reason"), actors and roles, and musts / must-nots. Every mode uses them:
the offline drafter fills slots from them, a model is told to keep them, and its answers are checked against them.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from prp_agent.drafting.vocabulary import find_technologies

__all__ = ["StatedFact", "StatedFacts", "read_stated"]

Kind = Literal[
    "availability", "latency", "throughput", "duration", "size", "limit", "count", "technology", "endpoint",
    "entity", "role", "rule",
]  # fmt: skip


class StatedFact(BaseModel):
    """One thing the description states: its kind, its typed value, and the text it came from."""

    kind: Kind
    value: dict[str, Any]
    text: str
    start: int
    end: int


class StatedFacts(BaseModel):
    """Everything a description states, in the order it says it."""

    facts: list[StatedFact] = []

    def of(self, kind: Kind) -> list[StatedFact]:
        """The facts of one kind."""
        return [f for f in self.facts if f.kind == kind]

    def first(self, kind: Kind) -> StatedFact | None:
        """The first fact of one kind, if any."""
        return next((f for f in self.facts if f.kind == kind), None)

    def technologies(self, category: str) -> list[str]:
        """Technology names of one category (web_framework, database, orm, auth, queue, cache, cloud, …)."""
        return [f.value["name"] for f in self.of("technology") if f.value["category"] == category]

    def summary(self) -> list[str]:
        """One line per fact, as the prompt lists them."""
        return [f'{f.kind}: {_describe(f)} ("{f.text}")' for f in self.facts]


_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PERCENTILE = r"(p\d{2}(?:\.\d)?|median|average|avg|mean|max(?:imum)?)"
_TIME_UNIT = r"(ms|msec|milliseconds?|s|secs?|seconds?)"
_BOUND = r"(?:under|below|less than|at most|within|<=|≤|<|of|at|is|:|=|~|around|about|max(?:imum)?)?"
_AVAILABILITY = [
    re.compile(rf"{_NUMBER}\s*%\s*(?:availability|uptime|up-?time|available|SLA|SLO)", re.I),
    re.compile(rf"(?:availability|uptime|up-?time|SLA|SLO)\s*(?:target\s*)?{_BOUND}\s*(?:of\s*)?{_NUMBER}\s*%", re.I),
]
_LATENCY = [
    re.compile(rf"\b{_PERCENTILE}\s*(?:latency|response time)?\s*{_BOUND}\s*{_NUMBER}\s*{_TIME_UNIT}\b", re.I),
    re.compile(
        rf"(?:latency|response times?)\s*(?:\(?{_PERCENTILE}\)?)?\s*{_BOUND}\s*{_NUMBER}\s*{_TIME_UNIT}\b"
        rf"(?:\s*(?:at\s*|\()?{_PERCENTILE}\)?)?",
        re.I,
    ),
]
_THROUGHPUT = re.compile(
    r"(\d[\d,.]*\s*[kKmM]?)\s*(req(?:uest)?s?|rps|rpm|qps|messages?|msgs|events?|orders?|transactions?|calls?|jobs?)"
    r"\s*(?:/|per|a|an|each)\s*(s|sec|second|min|minute|h|hr|hour|day)\b|(\d[\d,.]*\s*[kKmM]?)\s*(rps|rpm|qps)\b",
    re.I,
)
_DURATION = re.compile(
    r"\b((?:\w+\s+){0,4}?(?:expire|expires|expiring|valid|last|lasts|retain|retained|retention|keep|kept|within|after|"
    r"every|ttl|timeout|for|in|up to)\s+(?:in|for|after|of)?\s*)"
    r"(\d+(?:\.\d+)?)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.I,
)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(bytes|[KMGT]i?B)\b")
_LIMIT = re.compile(
    r"(?:up to|at most|max(?:imum)?(?: of)?|limit(?:ed)? (?:of |to )?|no more than|cap(?:ped)? at)\s*"
    r"(\d[\d,]*)\s+([a-z][a-z-]+(?:\s+per\s+[a-z]+)?)",
    re.I,
)
_COUNT = re.compile(
    r"(\d[\d,]*(?:\.\d+)?\s*[kKmM]?)\s+(users|customers|tenants|accounts|records|rows|items|orders|events|files|"
    r"documents|messages|invoices|products|devices|clients|merchants|teams|projects)\b",
    re.I,
)
_ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE)\s+(/[\w\-./{}:]*)([^;\n]*)")
_FIELDS = r"([a-z_][\w ]*?(?:\s*,\s*[a-z_][\w ]*?)*(?:,?\s+and\s+[a-z_]\w*)?)"
_ENTITY_HAS = re.compile(
    rf"\b(?:an?|each|every|the)\s+([A-Za-z][A-Za-z0-9]*)\s+(?:has|have|holds|stores|records|contains|with)\s+"
    rf"(?:(?:the\s+)?(?:fields?|attributes?|properties)\s*:?\s*)?{_FIELDS}(?=[.;\n]|$)"
)
_ENTITY_PARENS = re.compile(r"\b([A-Z][A-Za-z0-9]+)\s*\(([a-z_]\w*(?:\s*,\s*[a-z_]\w*)+)\)")
_ROLES = (
    "admin", "administrator", "compliance officer", "auditor", "customer", "user", "operator", "manager",
    "developer", "support agent", "agent", "guest", "member", "owner", "tenant", "merchant", "seller", "buyer",
    "driver", "patient", "doctor", "nurse", "teacher", "student", "employee", "reviewer", "editor", "moderator",
    "finance team", "accountant", "partner", "vendor", "supplier",
)  # fmt: skip
_ROLE = re.compile(r"\b(" + "|".join(re.escape(r) for r in sorted(_ROLES, key=len, reverse=True)) + r")s?\b", re.I)
# A sentence (or clause) holding a rule word; it starts only after `.`, `;` or a line break, so a long text without
# any is scanned once, not once per character.
_RULE = re.compile(
    r"(?<![^.;\n])[^.;\n]*\b(must not|must|never|should not|should|shall|cannot|can't|only)\b[^.;\n]*", re.I
)


def _number(text: str) -> float:
    text = text.strip().replace(",", "")
    scale = {"k": 1e3, "m": 1e6}.get(text[-1:].lower(), 1.0)
    value = float(text.rstrip("kKmM").strip()) * scale
    return int(value) if value.is_integer() else value


def _percentile(text: str | None) -> str | None:
    if not text:
        return None
    lowered = text.lower()
    if lowered in {"median"}:
        return "p50"
    if lowered in {"average", "avg", "mean"}:
        return "avg"
    if lowered.startswith("max"):
        return "max"
    return lowered


def _ms(value: float, unit: str) -> tuple[float, str]:
    return (value, "ms") if unit.lower().startswith("m") else (value, "s")


def read_stated(text: str) -> StatedFacts:
    """Every fact the text states, in order of appearance (overlapping readings keep the first, most specific)."""
    found: list[StatedFact] = []
    taken: list[tuple[int, int]] = []

    def add(kind: Kind, value: dict[str, Any], match: re.Match[str], group: int = 0) -> None:
        span = (match.start(group), match.end(group))
        if kind in {"availability", "latency", "throughput", "duration", "size", "limit", "count"} and any(
            a < span[1] and span[0] < b for a, b in taken
        ):
            return
        taken.append(span)
        found.append(StatedFact(kind=kind, value=value, text=match.group(group).strip(), start=span[0], end=span[1]))

    _figures(text, add)
    for kind, name, start, end in find_technologies(text):
        found.append(StatedFact(kind="technology", value={"name": name, "category": kind}, text=text[start:end],
                                start=start, end=end))  # fmt: skip
    _shapes(text, add)
    return StatedFacts(facts=sorted(found, key=lambda f: (f.start, f.kind)))


def _figures(text: str, add: Any) -> None:
    for pattern in _AVAILABILITY:
        for m in pattern.finditer(text):
            value = _number(m.group(1))
            if 50 <= value <= 100:
                add("availability", {"percent": value}, m)
    for index, pattern in enumerate(_LATENCY):
        for m in pattern.finditer(text):
            groups = m.groups()
            if index == 0:
                percentile, number, unit = groups
            else:
                percentile, number, unit = groups[0] or groups[3], groups[1], groups[2]
            value, unit = _ms(_number(number), unit)
            add("latency", {"value": value, "unit": unit, "percentile": _percentile(percentile) or "max"}, m)
    for m in _THROUGHPUT.finditer(text):
        if m.group(1):
            per = {"s": "s", "sec": "s", "second": "s", "min": "min", "minute": "min"}.get(m.group(3).lower(), "h")
            noun = "req" if m.group(2).lower().startswith(("req", "rp", "qp")) else m.group(2).lower().rstrip("s")
            add("throughput", {"value": _number(m.group(1)), "unit": f"{noun}/{per}"}, m)
        else:
            unit = {"rps": "req/s", "qps": "req/s", "rpm": "req/min"}[m.group(5).lower()]
            add("throughput", {"value": _number(m.group(4)), "unit": unit}, m)
    for m in _SIZE.finditer(text):
        add("size", {"value": _number(m.group(1)), "unit": m.group(2)}, m)
    for m in _DURATION.finditer(text):
        subject = " ".join(m.group(1).split())
        add("duration", {"value": _number(m.group(2)), "unit": m.group(3).lower(), "subject": subject}, m)
    for m in _LIMIT.finditer(text):
        add("limit", {"value": _number(m.group(1)), "unit": m.group(2).lower()}, m)
    for m in _COUNT.finditer(text):
        add("count", {"value": _number(m.group(1)), "unit": m.group(2).lower()}, m)


def _shapes(text: str, add: Any) -> None:
    for m in _ENDPOINT.finditer(text):
        summary = re.split(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+/", m.group(3))[0]
        summary = re.sub(r"^\s*(?:[-–:—]|to|which|that)\s*", "", summary).strip(" ,.")
        add("endpoint", {"method": m.group(1), "path": m.group(2).rstrip(".,"), "summary": summary}, m)
    for pattern in (_ENTITY_HAS, _ENTITY_PARENS):
        for m in pattern.finditer(text):
            fields = [f.strip() for f in re.split(r",|\band\b", m.group(2)) if f.strip()]
            fields = [re.sub(r"\s+", "_", f.lower()) for f in fields if len(f.split()) <= 3]
            if fields and m.group(1).lower() not in {"it", "this", "that", "api", "service", "system", "feature"}:
                name = m.group(1)[0].upper() + m.group(1)[1:]
                add("entity", {"name": name, "fields": fields}, m)
    roles: set[str] = set()
    for m in _ROLE.finditer(text):
        role = m.group(1).lower()
        if role not in roles:
            roles.add(role)
            add("role", {"name": role}, m)
    for m in _RULE.finditer(text):
        sentence = m.group(0).strip()
        negative = re.search(r"must not|never|should not|cannot|can't", sentence, re.I) is not None
        add("rule", {"text": sentence, "polarity": "must_not" if negative else "must"}, m)


def _describe(fact: StatedFact) -> str:
    value = fact.value
    if fact.kind == "availability":
        return f"{value['percent']:g}%"
    if fact.kind == "latency":
        return f"{value['percentile']} < {value['value']:g} {value['unit']}"
    if fact.kind in {"throughput", "size", "limit", "count"}:
        return f"{value['value']:g} {value['unit']}"
    if fact.kind == "duration":
        return f"{value['value']:g} {value['unit']} ({value['subject']})"
    if fact.kind == "technology":
        return f"{value['name']} ({value['category'].replace('_', ' ')})"
    if fact.kind == "endpoint":
        return f"{value['method']} {value['path']}" + (f" - {value['summary']}" if value["summary"] else "")
    if fact.kind == "entity":
        return f"{value['name']}({', '.join(value['fields'])})"
    if fact.kind == "role":
        return str(value["name"])
    return str(value["text"])
