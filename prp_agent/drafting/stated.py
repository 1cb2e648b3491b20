"""What a description (or a tracker issue) states, read by deterministic rules, each fact with the span it came from.

Figures with units (availability, latency with percentile, throughput, durations, sizes, limits, counts), named
technologies (the vocabulary repository grounding uses), endpoints written out (`POST /orders`), entities with
fields ("a Refund has amount, currency and reason"), actors and roles, and musts / must-nots. Every mode uses them:
the offline drafter fills slots from them, a model is told to keep them, and its answers are checked against them.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from lark import Token, Tree
from pydantic import BaseModel

from prp_agent.drafting.phrases import Phrase, Word, read_phrases
from prp_agent.drafting.units import SECONDS
from prp_agent.drafting.vocabulary import find_technologies

__all__ = ["StatedFact", "StatedFacts", "describe", "read_stated"]

Kind = Literal[
    "availability", "latency", "throughput", "duration", "size", "limit", "count", "technology", "endpoint",
    "entity", "role", "rule", "percent",
]  # fmt: skip


class StatedFact(BaseModel):
    """One thing the description states: its kind, its typed value, and the text it came from."""

    kind: Kind
    value: dict[str, Any]
    text: str
    start: int
    end: int

    def key(self) -> str | None:
        """The fact in one canonical line (`latency p95 150 ms`, `endpoint POST /orders`), equal for the same fact
        however it was written; None for roles and rules, which are not compared."""
        return _key(self.kind, self.value)


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
        return [f'{f.kind}: {describe(f)} ("{f.text}")' for f in self.facts]


# The head of an entity with its fields: "a Refund has …", "Each Coupon stores …", "Course entity: …",
# "User model with fields …", "Order(…)", "Order { … }". The list after it is read by `_field_list`.
_ENTITY_HEAD = re.compile(
    r"(?:\b(?:an?|each|every|the)\s+)?\b([A-Z][A-Za-z0-9]*)(?:\s+(?:entity|model|table|record|schema|resource))?"
    r"\s+(?:has|have|holds|stores|records|contains|includes|keeps|with)\s+"
    r"(?:(?:the\s+)?(?:following\s+)?(?:fields?|attributes?|properties|columns)\s*:?\s*)?"
    r"|\b([A-Z][A-Za-z0-9]*)\s+(?:entity|model|table|record|schema)\s*(?:\((?:fields?|columns)\))?\s*:\s*"
    r"|(?<!new )(?<![.\w])([A-Z][A-Za-z0-9]*)\s*(?:\(|\{)\s*(?=[a-z_])"
)
_MODEL_BLOCK = re.compile(r"^[ \t]*(?:model|type|entity|table)[ \t]+([A-Z][A-Za-z0-9_]*)[ \t]*\{[ \t]*$", re.MULTILINE)
_FIELD_LINE = re.compile(r"[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t:]+[A-Za-z\[]")
_FIELD = re.compile(r"`?([A-Za-z_][A-Za-z0-9_]*(?:[ ][a-z][a-z0-9_]*){0,2})`?")
_NOT_ENTITY = {"It", "This", "That", "Api", "API", "Service", "System", "Feature", "The", "Each", "Every", "We", "I",
               "You", "They", "He", "She", "A", "An"}  # fmt: skip
_FIELD_STOP = re.compile(r"\b(?:and|e|y|et|und)\b|,")


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


def read_stated(text: str) -> StatedFacts:
    """Every fact the text states, in order of appearance: figures and endpoints by the description grammar
    (`phrases`), technologies by the vocabulary, entities, roles and rules by their sentence shapes."""
    found: list[StatedFact] = []

    def add(kind: Kind, value: dict[str, Any], match: re.Match[str], group: int = 0) -> None:
        span = (match.start(group), match.end(group))
        found.append(StatedFact(kind=kind, value=value, text=match.group(group).strip(), start=span[0], end=span[1]))

    for phrase in read_phrases(text):
        for kind, value, start, end in _CONVERT[phrase.kind](phrase, phrase.tree):
            found.append(StatedFact(kind=kind, value=value, text=text[start:end], start=start, end=end))
    for category, name, start, end in find_technologies(text):
        found.append(StatedFact(kind="technology", value={"name": name, "category": category}, text=text[start:end],
                                start=start, end=end))  # fmt: skip
    _shapes(text, add)
    _based(text, found)
    return StatedFacts(facts=sorted(found, key=lambda f: (f.start, f.kind)))


# "under /api/v1", "base path `/api/v2`", "prefixed with /v1", "mounted at /admin": the endpoints listed after it
# (in the next lines) sit under that base; they are kept as written, with the base beside them.
_BASE = re.compile(
    r"\b(?:under|base ?(?:path|url|route)|prefix(?:ed)?(?: with| by)?|mounted (?:at|under)|bajo|sous|sob)\s*:?\s*"
    r"`?(/[\w\-./{}:]{1,80}?)`?(?=[\s,.;:)]|$)",
    re.IGNORECASE,
)


def _based(text: str, facts: list[StatedFact]) -> None:
    for m in _BASE.finditer(text):
        base = m.group(1).rstrip("/.")
        for fact in facts:
            path = str(fact.value.get("path", ""))
            if fact.kind == "endpoint" and m.end() <= fact.start < m.end() + 1500 and not path.startswith(base):
                fact.value.setdefault("base", base)


# --- from grammar phrases to facts -----------------------------------------------------------------------------------

_PER = {"seconds": "s", "minutes": "min", "hours": "h", "days": "day", "weeks": "week", "months": "month",
        "years": "year", "ms": "ms"}  # fmt: skip
_SUBJECT_STOP = {
    "the", "a", "an", "of", "for", "in", "on", "at", "to", "is", "are", "be", "after", "within", "under", "below",
    "with", "and", "or", "must", "should", "will", "de", "del", "la", "le", "el",
}  # fmt: skip


def _words(tree: Tree[Token], *types: str) -> list[Token]:
    return [t for t in tree.scan_values(lambda v: isinstance(v, Token) and v.type in types)]


def _quantity(phrase: Phrase, tree: Tree[Token]) -> dict[str, Any]:
    """A time quantity: value (the low end of a range), unit, and `to` for a range."""
    numbers = _numbers(phrase, tree)
    unit = _word(phrase, _words(tree, "TIME")[0]).value
    value: dict[str, Any] = {"value": _value(numbers[0]), "unit": unit}
    if len(numbers) > 1:
        value["to"] = _value(numbers[1])
    return value


def _word(phrase: Phrase, token: Token) -> Word:
    """The lexer's word behind a grammar token."""
    return phrase.all_words[token.start_pos or 0]


Found = list[tuple[Kind, dict[str, Any], int, int]]


def _availability(phrase: Phrase, tree: Tree[Token]) -> Found:
    percent = _numbers(phrase, tree)[0]
    return [("availability", {"percent": _value(percent)}, phrase.start, phrase.end)] if 50 <= percent <= 100 else []


def _in_latency_units(quantity: dict[str, Any]) -> dict[str, Any]:
    """A time quantity as a latency is written: in ms when stated in ms, otherwise in seconds (`unit` ms or s)."""
    if quantity["unit"] == "ms":
        return quantity
    scale = SECONDS[quantity["unit"]]
    return {**{k: (_value(v * scale) if k in {"value", "to"} else v) for k, v in quantity.items()}, "unit": "s"}


def _latency(phrase: Phrase, tree: Tree[Token]) -> Found:
    quantity = _in_latency_units(_quantity(phrase, next(tree.find_data("quantity"))))
    percentile = "max"
    for inner in tree.find_data("pctile"):
        marks = _words(inner, "PCTILE")
        percentile = str(_word(phrase, marks[0]).value) if marks else f"p{_numbers(phrase, inner)[0]:g}"
        break
    return [("latency", {**quantity, "percentile": percentile}, phrase.start, phrase.end)]


def _throughput(phrase: Phrase, tree: Tree[Token]) -> Found:
    rate = _words(tree, "RATE", "RATECUE")
    if rate:
        unit = str(_word(phrase, rate[0]).value)
    else:
        req = _words(tree, "REQ")
        noun = str(_word(phrase, req[0]).value) if req else "req"
        unit = f"{noun}/{_PER[str(_word(phrase, _words(tree, 'TIME')[0]).value)]}"
    value = {"value": _value(_numbers(phrase, tree)[0]), "unit": unit}
    return [("throughput", value, phrase.start, phrase.end)]


def _size(phrase: Phrase, tree: Tree[Token]) -> Found:
    value = {"value": _value(_numbers(phrase, tree)[0]), "unit": _word(phrase, _words(tree, "SIZE")[0]).value}
    return [("size", value, phrase.start, phrase.end)]


def _duration(phrase: Phrase, tree: Tree[Token]) -> Found:
    quantity = _quantity(phrase, tree)
    cue = next((w for w in phrase.all_words if w.type == "LAT" and w.end <= phrase.start), None)
    if cue is not None and quantity["unit"] in {"ms", "seconds", "minutes"} and not _figures_between(phrase, cue):
        # "Die Antwortzeit … muss < 1 Sekunde sein": a latency whose cue is further back in its clause
        latency = {**_in_latency_units(quantity), "percentile": "max"}
        return [("latency", latency, cue.start, phrase.end)]
    return [("duration", {**quantity, "subject": _subject(phrase)}, phrase.start, phrase.end)]


def _figures_between(phrase: Phrase, cue: Word) -> bool:
    """Whether another figure stands between a latency cue and this quantity (then the cue is that figure's)."""
    return any(w.type in {"NUM", "PCTILE"} and cue.end <= w.start < phrase.start for w in phrase.all_words)


def _counted(phrase: Phrase, tree: Tree[Token]) -> Found:
    nouns = _words(tree, "COUNT", "REQ")
    unit = _word(phrase, nouns[0]).text if nouns else " ".join(w.text for w in phrase.after[:1])
    kind: Kind = "limit" if phrase.kind == "limit" else "count"
    value = {"value": _value(_numbers(phrase, tree)[0]), "unit": unit.lower()}
    return [(kind, value, phrase.start, phrase.end)] if unit else []


def _percent(phrase: Phrase, tree: Tree[Token]) -> Found:
    value = {"value": _value(_numbers(phrase, tree)[0]), "subject": _subject(phrase)}
    return [("percent", value, phrase.start, phrase.end)]


def _endpoints(phrase: Phrase, tree: Tree[Token]) -> Found:
    out: Found = []
    items = list(tree.find_data("endpoint"))
    for n, item in enumerate(items):
        methods = [_word(phrase, t) for t in _words(item, "METHOD")]
        path = _word(phrase, _words(item, "PATH")[0])
        if len(phrase.words) > 2 and _WORDS_BETWEEN.search(phrase.text[methods[-1].end : path.start]):
            continue  # "POST and PUT operations](https://…/issues/135)": a link, not the method's path
        following = _words(items[n + 1], "METHOD") if n + 1 < len(items) else []
        until = _word(phrase, following[0]).start if following else phrase.clause_end
        summary = _summary(phrase.text[path.end : min(until, path.end + _SUMMARY_CHARS)])
        for method in methods:
            out.append(("endpoint", {"method": method.text, "path": path.text, "summary": summary}, method.start,
                        path.end))  # fmt: skip
    return out


# One converter per grammar production (description.lark).
_CONVERT = {
    "availability": _availability, "latency": _latency, "throughput": _throughput, "size": _size,
    "duration": _duration, "limit": _counted, "count": _counted, "percent": _percent, "endpoints": _endpoints,
}  # fmt: skip


def _numbers(phrase: Phrase, tree: Tree[Token]) -> list[float]:
    return [float(_word(phrase, t).value) for t in _words(tree, "NUM")]


def _subject(phrase: Phrase) -> str:
    """What a figure is about: the words before it in its clause (`tokens live`), or after a unit written onto its
    number (`30-minute token lifetime`)."""
    before = [w.text for w in reversed(phrase.before)]
    while before and before[0].lower() in _SUBJECT_STOP:
        before.pop(0)
    while before and before[-1].lower() in _SUBJECT_STOP:
        before.pop()
    if phrase.words[-1].attached and phrase.after:
        return _joined([w.text for w in phrase.after[:2]])
    return _joined(before)


def _joined(words: list[str]) -> str:
    """Words as written: Chinese ones without spaces."""
    return "".join(words) if all(re.fullmatch(r"[\u3400-\u9fff]+", w) for w in words) else " ".join(words)


_SUMMARY_CHARS = 200  # an endpoint's summary is read from at most this much text after its path
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_WORDS_BETWEEN = re.compile(r"[^\W\d_]{2}|\]\(")
_SUMMARY_LEAD = re.compile(r"^[\s`*|]*(?:[-–—:=>]+|\bto\b|\bwhich\b|\bthat\b)?\s*", re.IGNORECASE)
_SUMMARY_TAIL = re.compile(r"(?:[\s,;|`*(]|\band\b|\bor\b|\by\b|\bet\b|\bou\b)+$", re.IGNORECASE)


def _summary(text: str) -> str:
    """An endpoint's summary: what follows its path up to the next endpoint, without separators and joining words."""
    text = _SUMMARY_LEAD.sub("", _TAG.sub(" ", text), count=1)
    text = text.split("|", 1)[0]  # a table's next cell, not the rest of the row
    text = _SUMMARY_TAIL.sub("", text)
    text = text.strip(" |`*.,;:()")
    return text if re.search(r"[^\W\d_]{2}", text) else ""


def _field_list(text: str, start: int, closing: str) -> tuple[list[str], int] | None:
    """The fields listed from `start` (`a, b and c`), up to the clause end or the closing bracket: two or more
    names of one to three words each, or None."""
    limit = min(len(text), start + 401)  # a list longer than 400 characters is not a list of fields
    if closing and text.find(closing, start, limit) == -1:
        return None  # a bracket that does not close soon holds no list of fields
    end = limit
    for mark in (closing, ".", ";", "\n") if closing else (".", ";", "\n", ")"):
        at = text.find(mark, start, end)
        if at != -1 and not (mark == "." and at + 1 < len(text) and text[at + 1].isalnum()):
            end = at
    body = text[start:end]
    if end == limit and limit < len(text):
        return None
    items = [i.strip(" `*'\"") for i in _FIELD_STOP.split(body)]
    items = [i for i in items if i]
    fields = []
    for item in items:
        m = _FIELD.fullmatch(item)
        if m is None:
            return None
        fields.append(re.sub(r"\s+", "_", item) if item.islower() or "_" in item else item)
    return (fields, end) if len(fields) >= 2 else None


def _schema_models(text: str, add: Any) -> None:
    """Prisma/GraphQL-style blocks: `model StripeEvent {` with one field per line."""
    for m in _MODEL_BLOCK.finditer(text):
        fields = []
        end = m.end()
        for line in text[m.end() : m.end() + 4000].splitlines()[1:60]:
            if line.strip().startswith("}"):
                break
            end += len(line) + 1
            first = _FIELD_LINE.match(line)
            if first:
                fields.append(first.group(1))
        if len(fields) >= 2:
            add("entity", {"name": m.group(1), "fields": fields}, _Span(text, m.start(), end))


def _entities(text: str, add: Any) -> None:
    _schema_models(text, add)
    for m in _ENTITY_HEAD.finditer(text):
        name = m.group(1) or m.group(2) or m.group(3)
        if name in _NOT_ENTITY or len(name) < 2 or find_technologies(name):
            continue
        if m.group(2) and name.endswith("s") and not name.endswith("ss"):
            continue  # "Orders table: sticky header": a table on a page, not an entity
        closing = (")" if "(" in m.group(0) else "}") if m.group(3) else ""
        listed = _field_list(text, m.end(), closing)
        if listed is None:
            continue
        fields, end = listed
        if m.group(3) and " " in text[m.end() : end].replace(", ", ",").strip():
            continue  # "Refactoring (no functional changes)": a remark in brackets, not fields
        span = _Span(text, m.start(), end + (1 if closing else 0))
        add("entity", {"name": name[0].upper() + name[1:], "fields": fields}, span)


class _Span:
    """A match-like span (for `add`)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self, group: int = 0) -> int:
        return self._start

    def end(self, group: int = 0) -> int:
        return self._end

    def group(self, group: int = 0) -> str:
        return self._text[self._start : self._end]


def _shapes(text: str, add: Any) -> None:
    _entities(text, add)
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


def _value(number: float) -> float | int:
    return int(number) if float(number).is_integer() else round(number, 6)


def _n(number: Any) -> str:
    return f"{float(number):g}" if abs(float(number)) < 1e15 else str(number)


def _key(kind: Kind, value: dict[str, Any]) -> str | None:
    if kind == "endpoint":
        return f"endpoint {value['method']} {value['path']}"
    if kind == "availability":
        return f"availability {_n(value['percent'])}"
    if kind == "latency":
        return f"latency {value['percentile']} {_n(value['value'])} {value['unit']}"
    if kind == "throughput":
        return f"throughput {_n(value['value'])} /{str(value['unit']).rsplit('/', 1)[-1]}"
    if kind == "duration":
        span = _n(value["value"]) + (f"-{_n(value['to'])}" if "to" in value else "")
        return f"duration {span} {value['unit']}"
    if kind == "size":
        return f"size {_n(value['value'])} {value['unit']}"
    if kind in {"count", "limit"}:
        return f"count {_n(value['value'])} {value['unit']}"
    if kind == "percent":
        return f"percent {_n(value['value'])}"
    if kind == "technology":
        return f"technology {value['name']}"
    if kind == "entity":
        return f"entity {value['name']}: {', '.join(value['fields'])}"
    return None


def describe(fact: StatedFact) -> str:
    """A fact in a few words (`p95 < 150 ms`, `POST /orders - create one`)."""
    value = fact.value
    if fact.kind == "availability":
        return f"{value['percent']:g}%"
    if fact.kind == "latency":
        return f"{value['percentile']} < {value['value']:g} {value['unit']}"
    if fact.kind in {"throughput", "size", "limit", "count"}:
        return f"{value['value']:g} {value['unit']}"
    if fact.kind == "duration":
        span = f"{value['value']:g}" + (f"–{value['to']:g}" if "to" in value else "")
        return f"{span} {value['unit']}" + (f" ({value['subject']})" if value["subject"] else "")
    if fact.kind == "percent":
        return f"{value['value']:g}%" + (f" ({value['subject']})" if value["subject"] else "")
    if fact.kind == "technology":
        return f"{value['name']} ({value['category'].replace('_', ' ')})"
    if fact.kind == "endpoint":
        return f"{value['method']} {value.get('base', '')}{value['path']}" + (
            f" - {value['summary']}" if value["summary"] else ""
        )
    if fact.kind == "entity":
        return f"{value['name']}({', '.join(value['fields'])})"
    if fact.kind == "role":
        return str(value["name"])
    return str(value["text"])
