"""Reading the figures and endpoints a description states: a lexer that turns each clause into typed tokens, and the
grammar in `description.lark`, parsed for the longest fact that starts at each token.

The lexer does what a grammar over characters does badly: numbers as people write them (`1,5`, `10k`, `1.000`,
`thirty`, `an hour`), units in five languages, attached units (`150ms`, `30days`, `30-minute`), percentiles (`p95`,
`95th percentile`, `median`), cue words (availability, latency, up to), HTTP methods and paths (`{id}`, `:id`,
`<id>`, a path inside a URL). Ordinary words are not tokens the grammar sees; they are kept for the fact's subject.
Each fact keeps its span in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from prp_agent.drafting.units import (
    ARTICLES,
    CONJ,
    COUNTS,
    CUES,
    LABELS,
    NOT_COUNTED,
    NOT_MODIFIERS,
    PCTILE_WORDS,
    RANGE,
    RATES,
    REQUESTS,
    SIZE_UNITS,
    TIME_UNITS,
    TIME_WORDS,
    WORD_NUMBERS,
    singular,
)

__all__ = ["Phrase", "Word", "clauses", "read_phrases", "tokens"]

MAX_GAP = 5  # ordinary words allowed between two tokens of one fact ("availability target for the API is 99.9 %")
MAX_FACT = 40  # significant tokens one fact may span (an endpoint list); a bound on every parse


@dataclass
class Word:
    """One token: its grammar type (`W` for an ordinary word, `P` for other punctuation), its text and span, and
    its value (a number's value, a unit's canonical name)."""

    type: str
    text: str
    start: int
    end: int
    value: Any = None
    attached: bool = False  # a unit written onto its number (`150ms`, `30-minute`)
    labelled: bool = False  # a number right after a label word (`page 2`): what follows is not counted


@dataclass
class Phrase:
    """One fact the grammar found: its production, the tokens it spans, and the words before and after it in its
    clause (a duration's subject)."""

    kind: str
    words: list[Word]
    tree: Tree[Token]
    all_words: list[Word]  # the clause's tokens: a grammar token's `start_pos` indexes them
    clause_end: int
    text: str  # the text the phrase was read from
    before: list[Word] = field(default_factory=list)
    after: list[Word] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Where the phrase starts in the text."""
        return self.words[0].start

    @property
    def end(self) -> int:
        """Where the phrase ends in the text."""
        return self.words[-1].end


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CUE_INDEX = {w: kind for kind, words in CUES.items() if kind != "PER" for w in words}
_PHRASE_CUES = re.compile(rf"(?<![\w-])(?:{_alternation(w for w in _CUE_INDEX if ' ' in w)})(?![\w-])", re.IGNORECASE)
_UNIT_WORDS = {w for ws in TIME_UNITS.values() for w in ws} | {w for ws in SIZE_UNITS.values() for w in ws}
_CJK = "\u3400-\u9fff"
# One pass over the text: each alternative is a simple run, none can backtrack over another.
_TOKEN = re.compile(
    r"(?P<url>https?://[^\s/`'\"<>)\]]+(?P<urlpath>/[^\s`'\"<>)\],;]*)?)"
    r"|(?P<path>(?<![\w/.:@-])/[\w\-.~{}:<>*@$]*(?:/[\w\-.~{}:<>*@$]*){0,30})"
    r"|(?P<pctile>(?<![\w.])[pP]\d{2}(?:\.\d{1,3})?(?![\w.])|(?<![\w.])TP\d{2}(?!\w)"
    r"|(?<![\w.])\d{2}(?:\.\d{1,3})?(?:th|st|nd|rd|e|º|°)?[ -]?(?:percentile|percentil|centile)(?!\w)"
    r"|(?<!\w)(?:percentile|percentil|centile)[ ]?\d{2}(?:\.\d{1,3})?(?![\w.]))"
    r"|(?P<num>(?<![A-Za-z0-9_.,:\u00c0-\u024f])(?<![A-Za-z]-)\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?![\d])"
    r"|(?<![A-Za-z0-9_.,:\u00c0-\u024f])(?<![A-Za-z]-)\d+(?:[.,]\d+)?(?!:\d))"
    r"|(?P<pct>%|(?<!\w)(?:percent|per cent|por ciento|por cento|pour cent|pourcent)(?!\w))"
    r"|(?P<method>(?<!\w)(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?![\w-])"
    r"|(?<![\w/])(?:get|post|put|patch|delete)(?= /[\w{:<]))"
    rf"|(?P<cjk>[{_CJK}]+)"
    rf"|(?P<word>[^\W\d_{_CJK}][^\W{_CJK}]*(?:['’.][^\W{_CJK}]+)*(?:-[^\W\d_{_CJK}]+){{0,3}})"
    r"|(?P<punct>\S)"
)
# Within a CJK run: numbers and units are written together (`每秒1000个请求`, `30分钟`); those runs are split into
# known terms, longest first.
_CJK_TERMS = sorted(
    {w for ws in TIME_UNITS.values() for w in ws if re.match(f"[{_CJK}]", w)}
    | {w for w in REQUESTS if re.match(f"[{_CJK}]", w)} | {w for w in COUNTS if re.match(f"[{_CJK}]", w)}
    | {w for w in _CUE_INDEX if re.match(f"[{_CJK}]", w)} | {"每", "和", "、", "及", "以及"},
    key=len, reverse=True,
)  # fmt: skip
# A clause ends at a line break, a semicolon or a sentence's full stop; never inside a number or after an
# abbreviation ("p99 (e.g. > 1s)").
_CLAUSE_END = re.compile(
    r"\n|[;!?。；！？]|(?<=[^\d\s.])(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bca)(?<!\bapprox)\.(?=\s|$)"
    r"|(?<=\d)\.(?=\s+[A-Z]|\s*$)"
)


def _number(text: str) -> float | None:
    """A written number's value: `1,5` and `99,95` are decimals, `1,000` and `1.000.000` group thousands."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?", text):
        text = text.replace(" ", "")
    groups = re.split(r"[.,]", text)
    if len(groups) > 2 and all(len(g) == 3 for g in groups[1:]):  # 1.000.000, 1,000,000
        return float("".join(groups))
    if len(groups) > 2:
        last = text.rfind(",") if text.rfind(",") > text.rfind(".") else text.rfind(".")
        head = re.sub(r"[.,]", "", text[:last])
        return float(f"{head}.{text[last + 1 :]}")
    if len(groups) == 2:
        whole, part = groups
        sep = text[len(whole)]
        if len(part) == 3 and sep == "," and whole != "0":  # 1,000 in English; "0,250" stays a decimal
            return float(whole + part)
        return float(f"{whole}.{part}")
    return float(text) if text else None


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("prp_agent.drafting").joinpath("description.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="basic", start="start")


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of a text, as spans: split at line breaks, sentence ends and semicolons (never inside a number)."""
    spans = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The tokens of text[start:end], classified (see the module's docstring)."""
    raw: list[Word] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup or "punct"
        if kind == "urlpath":
            kind = "url"
        if kind == "url":
            if m.group("urlpath"):  # the path of a URL; its span starts with the URL
                path = _path(text, m.start("urlpath"), m.end("urlpath"))
                raw.append(Word("PATH", path.text, m.start(), path.end))
            else:
                raw.append(Word("W", m.group(0), m.start(), m.end()))
        elif kind == "path":
            raw.append(_path(text, m.start(), m.end()))
        elif kind == "cjk":
            raw += _cjk(m.group(0), m.start())
        else:
            raw.append(_classify(kind, m.group(0), m.start(), m.end()))
    return _contextual(text, raw)


def _path(text: str, start: int, end: int) -> Word:
    path = text[start:end]
    trimmed = path.rstrip(".,:;)!?*")
    while trimmed.endswith(">") and trimmed.count("<") < trimmed.count(">"):
        trimmed = trimmed[:-1]
    trimmed = trimmed.split("?", 1)[0].split("#", 1)[0] or "/"
    return Word("PATH", trimmed, start, start + len(trimmed))


def _cjk(run: str, offset: int) -> list[Word]:
    out: list[Word] = []
    i = 0
    while i < len(run):
        term = next((t for t in _CJK_TERMS if run.startswith(t, i)), None)
        if term is None:
            out.append(Word("W", run[i], offset + i, offset + i + 1))
            i += 1
            continue
        out.append(_classify("word", term, offset + i, offset + i + len(term)))
        i += len(term)
    return out


def _classify(kind: str, text: str, start: int, end: int) -> Word:
    lowered = text.lower()
    if kind == "num":
        number = _number(text)
        return Word("NUM", text, start, end, number) if number is not None else Word("W", text, start, end)
    if kind == "pctile":
        digits = re.search(r"\d{2}(?:\.\d{1,3})?", text)
        return Word("PCTILE", text, start, end, f"p{digits.group(0)}" if digits else lowered)
    if kind == "pct":
        return Word("PCT", text, start, end)
    if kind == "method":
        return Word("METHOD", text.upper(), start, end, text.upper())
    if kind == "word":
        if lowered in PCTILE_WORDS:
            return Word("PCTILE", text, start, end, PCTILE_WORDS[lowered])
        if lowered in _CUE_INDEX:
            return Word(_CUE_INDEX[lowered], text, start, end)
        if lowered in CONJ:
            return Word("CONJ", text, start, end)
        return Word("W", text, start, end)
    if text in CONJ:
        return Word("CONJ", text, start, end)
    if text == "|":
        return Word("PIPE", text, start, end)
    return Word("P", text, start, end)


def _unit(word: Word, previous: Word | None, text: str) -> Word | None:
    """A word read as a unit after a number (or an article, or `per`): time, size, rate, request or count."""
    lowered = word.text.lower().rstrip(".")
    attached = previous is not None and previous.end == word.start
    hyphened = previous is not None and text[previous.end : word.start] == "-"
    single = (len(lowered) == 1 and lowered.isascii()) or lowered in {"go", "to", "an", "mes", "ko", "mo"}
    spaced = previous is not None and text[previous.end : word.start] == " "
    if single and not (attached or (spaced and lowered in {"s", "h", "d", "b", "go", "mo", "ko", "to", "an", "mes"})):
        return None
    if attached and lowered == "s" and previous is not None and re.fullmatch(r"[45]\d\d", previous.text):
        return None  # "502s": HTTP statuses, not seconds
    if previous is not None and previous.type == "W" and (len(lowered) < 3 or word.text.isupper()):
        return None  # "an HR admin": an article is the number one only before a unit written out
    for name, words in TIME_UNITS.items():
        if lowered in words:
            if single and previous is not None and previous.type != "NUM":
                return None
            return Word("TIME", word.text, word.start, word.end, name, attached or hyphened)
    if previous is not None and previous.type == "NUM":
        for name, words in SIZE_UNITS.items():
            if lowered in words and (not single or word.text.isupper() or word.text in {"B", "Ko", "Mo", "Go", "To"}):
                if lowered in {"m", "k", "g"} and not attached:
                    continue
                return Word("SIZE", word.text, word.start, word.end, name)
        if lowered in REQUESTS:
            return Word("REQ", word.text, word.start, word.end, REQUESTS[lowered])
        if re.fullmatch(r"[1-5]\d\d", previous.text) and lowered in {"responses", "errors", "codes", "statuses"}:
            return None  # "429 responses": a status code
        if lowered in COUNTS or (_plural_noun(lowered, word.text) and not previous.labelled):
            return Word("COUNT", word.text, word.start, word.end, lowered)
    return None


def _modifier(word: str) -> bool:
    """A lower-case word that can stand between a number and its noun (`failed`, `frontend`, `story`)."""
    return word.replace("-", "").isalpha() and word.islower() and len(word) >= 3 and word not in NOT_MODIFIERS


def _plural_noun(word: str, written: str = "") -> bool:
    """A word that reads as a plural noun (`players`, `registros`, `adresses`, `VUs`)."""
    if re.fullmatch(r"[A-Z]{2,}s", written):
        return True
    return (
        word.isalpha() and len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
        and word not in NOT_COUNTED
    )  # fmt: skip


_RATE_AT = re.compile(
    r"\s?(?P<rate>rps|qps|tps|rpm|(?:(?:req|reqs|requests|r|msgs?|messages|events|ops|calls|times)\s?)?/"
    r"(?:s|sec|second|min|minute|(?P<every>\d{1,5})\s?s))(?![\w/])",
    re.IGNORECASE,
)
# A path written without its leading slash right after a method: `POST api/compares`.
_RELATIVE_PATH = re.compile(r"[ \t`]+([A-Za-z][\w\-.]{0,60}(?:/[\w\-.~{}:<>*]{1,60}){1,20})(?![\w/])")
_SCALE_AT = re.compile(r"[kKmM](?![\w])")


def _contextual(text: str, raw: list[Word]) -> list[Word]:
    """Second pass: units after numbers, `k`/`M` multipliers, rates (`req/s`), counts, multi-word cues, ranges, and
    an article before a unit read as the number one."""
    return _phrase_cues(text, _Context(text, raw).run())


class _Context:
    """Walks the first pass's tokens; each step reads what the tokens around it make of one (or two) of them and
    says how many it consumed (0: not its case)."""

    def __init__(self, text: str, raw: list[Word]) -> None:
        self.text, self.raw = text, raw
        self.out: list[Word] = []
        self.i = 0

    def run(self) -> list[Word]:
        steps = (self._relative_path, self._number, self._rate_noun, self._qualified_unit, self._modified_count,
                 self._unit_after, self._hyphen_unit)  # fmt: skip
        while self.i < len(self.raw):
            consumed = next((n for step in steps if (n := step(self.raw[self.i]))), 0)
            if not consumed:
                self.out.append(self._relabelled(self.raw[self.i]))
                consumed = 1
            self.i += consumed
        return self.out

    @property
    def previous(self) -> Word | None:
        return self.out[-1] if self.out else None

    def _next(self, offset: int = 1) -> Word | None:
        at = self.i + offset
        return self.raw[at] if at < len(self.raw) else None

    def _until(self, end: int) -> int:
        """How many tokens from the current one start before `end` (a token this step swallowed)."""
        n = 1
        while self.i + n < len(self.raw) and self.raw[self.i + n].start < end:
            n += 1
        return n

    def _relative_path(self, word: Word) -> int:
        if word.type != "METHOD" or not (relative := _RELATIVE_PATH.match(self.text, word.end)):
            return 0
        self.out += [word, Word("PATH", relative.group(1), relative.start(1), relative.end(1))]
        return self._until(relative.end(1))

    def _number(self, word: Word) -> int:
        if word.type != "NUM":
            return 0
        text, previous = self.text, self.previous
        labelled = previous is not None and previous.text.lower() in LABELS
        end, value = word.end, float(word.value)
        scale = _SCALE_AT.match(text, end)
        if scale and end == scale.start():
            end, value = scale.end(), value * (1000 if scale.group(0) in "kK" else 1_000_000)
        if text.startswith("+", end):  # "2000+ endpoints": at least 2000
            end += 1
        number = Word("NUM", text[word.start : end], word.start, end, value, labelled=labelled)
        rate = _RATE_AT.match(text, end)
        if rate is None:
            self.out.append(number)
            return self._until(end)
        name = rate.group("rate").lower()
        per = RATES.get(name) or ("req/min" if name.rsplit("/", 1)[-1].startswith("m") else "req/s")
        if rate.group("every"):  # "600/60s": per that many seconds
            every = int(rate.group("every"))
            per = {1: "req/s", 60: "req/min", 3600: "req/h"}.get(every, "req/s")
            if every not in {1, 60, 3600} and every:
                number.value = value / every
        self.out += [number, Word("RATE", rate.group("rate"), rate.start("rate"), rate.end(), per)]
        return self._until(rate.end())

    def _rate_noun(self, word: Word) -> int:
        """`20,000 emails per hour`: the noun of a rate."""
        previous = self.previous
        if (
            word.type != "W"
            or previous is None
            or previous.type != "NUM"
            or not _rate_follows(self.raw, self.i, self.text)
        ):
            return 0
        noun = word.text.lower()
        self.out.append(Word("REQ", word.text, word.start, word.end, REQUESTS.get(noun) or singular(noun)))
        return 1

    def _modified_count(self, word: Word) -> int:
        """ "5 failed attempts", "50 frontend tests": a count of the noun, with its modifier."""
        previous, head = self.previous, self._next()
        if not (
            word.type == "W" and previous is not None and previous.type == "NUM" and not previous.labelled
            and head is not None and head.type == "W" and head.start == word.end + 1 and _modifier(word.text)
            and _plural_noun(head.text.lower())
            and getattr(_unit(word, previous, self.text), "type", "REQ") in {"REQ", "COUNT"}
        ):  # fmt: skip
            return 0
        self.out.append(Word("COUNT", self.text[word.start : head.end], word.start, head.end, head.text.lower()))
        return 2

    def _unit_after(self, word: Word) -> int:
        previous = self.previous
        if word.type not in {"W", "PER", "CONJ", "P"} or previous is None or not _counts(previous):
            return 0
        unit = _unit(word, previous, self.text)
        if unit is None:
            return 0
        if previous.type == "W":  # "an hour": the article is the number
            self.out[-1] = Word("NUM", previous.text, previous.start, previous.end, 1)
        self.out.append(unit)
        return 1

    def _qualified_unit(self, word: Word) -> int:
        """ "30 business days", "60 derniers jours": one word between a number and a time unit written out."""
        previous, following = self.previous, self._next()
        if (
            word.type != "W" or previous is None or previous.type != "NUM" or following is None
            or following.type != "W" or following.text.lower() not in TIME_WORDS or len(following.text) < 3
            or not word.text.isalpha() or word.text.lower() in NOT_MODIFIERS
        ):  # fmt: skip
            return 0
        unit = _unit(following, previous, self.text)
        if unit is None or unit.type != "TIME":
            return 0
        self.out.append(Word("TIME", self.text[word.start : following.end], word.start, following.end, unit.value))
        return 2

    def _hyphen_unit(self, word: Word) -> int:
        """`30-minute`: a unit joined to its number by a hyphen."""
        previous, following = self.previous, self._next()
        if word.type != "P" or word.text != "-" or previous is None or previous.type != "NUM" or following is None:
            return 0
        unit = _unit(following, word, self.text) if following.start == word.end else None
        if unit is None:
            return 0
        self.out.append(Word(unit.type, unit.text, unit.start, unit.end, unit.value, True))
        return 2

    def _number_after(self) -> bool:
        """Whether a number follows within two ordinary words."""
        return any(w.type == "NUM" for w in self.raw[self.i + 1 : self.i + 4] if w.type in {"NUM", "W", "P"})

    def _relabelled(self, word: Word) -> Word:
        """One token read again for what is around it: a request noun after a percentage, `per`, a number word
        before a time unit, a range between two numbers."""
        lowered, out, following = word.text.lower(), self.out, self._next()
        if word.type == "W" and lowered in REQUESTS and any(w.type == "PCT" for w in out[-2:]):
            return Word("REQ", word.text, word.start, word.end, REQUESTS[lowered])
        if word.type == "W" and word.text == "每":
            return Word("PER", word.text, word.start, word.end)
        if word.type == "W" and lowered in {"qps", "rps", "tps", "rpm"} and self._number_after():
            return Word("RATECUE", word.text, word.start, word.end, RATES[lowered])  # "QPS超过200", "RPS of 500"
        if (
            word.type == "W"
            and lowered in WORD_NUMBERS
            and following is not None
            and (following.text.lower() in TIME_WORDS)
        ):
            return Word("NUM", word.text, word.start, word.end, WORD_NUMBERS[lowered])
        if word.type == "W" and lowered in CUES["PER"] and out and out[-1].type in {"REQ", "NUM"}:
            return Word("PER", word.text, word.start, word.end)
        if word.type == "CONJ" and word.text == "/" and out and out[-1].type == "REQ":
            return Word("PER", word.text, word.start, word.end)
        if (
            word.type in {"P", "W", "CONJ"}
            and lowered in RANGE
            and out
            and out[-1].type == "NUM"
            and (following is not None and following.type == "NUM")
        ):
            return Word("RANGE", word.text, word.start, word.end)
        return word


def _rate_follows(raw: list[Word], i: int, text: str) -> bool:
    """Whether `per`/`a`/`each` and a time unit follow token i (`20,000 emails per hour`)."""
    if i + 2 >= len(raw) or raw[i + 1].text.lower() not in CUES["PER"]:
        return False
    return (
        _unit(raw[i + 2], Word("PER", "", 0, raw[i + 1].end), text) is not None
        and raw[i + 2].type == "W"
        and (raw[i + 2].text.lower() in TIME_WORDS)
    )


def _counts(word: Word) -> bool:
    """Whether a unit may follow this token: a number, `per`, or an article."""
    return word.type in {"NUM", "PER"} or (word.type == "W" and word.text.lower() in ARTICLES)


def _phrase_cues(text: str, words: list[Word]) -> list[Word]:
    """Multi-word cues (`response time`, `up to`, `no more than`) become one token."""
    spans = [(m.start(), m.end(), m.group(0)) for m in _PHRASE_CUES.finditer(text, words[0].start, words[-1].end)] \
        if words else []  # fmt: skip
    if not spans:
        return words
    out: list[Word] = []
    i = 0
    for start, end, phrase in spans:
        while i < len(words) and words[i].end <= start:
            out.append(words[i])
            i += 1
        if i < len(words) and words[i].start == start and words[i].type in {"W", "PER", "CONJ", "P", "LIMIT", "LAT"}:
            inside = [w for w in words[i : i + 8] if w.start < end]  # a cue is a few words long
            if all(w.type in {"W", "PER", "CONJ", "P", "LIMIT", "LAT", "AVAIL"} for w in inside):
                out.append(Word(_CUE_INDEX[phrase.lower()], phrase, start, end))
                i += len(inside)
    out += words[i:]
    return out


def _significant(words: list[Word]) -> list[tuple[int, Word]]:
    """The tokens the grammar sees, with their index among all tokens; a long run of ordinary words in between is a
    break (a `None` type), so no fact spans it."""
    out: list[tuple[int, Word]] = []
    gap = 0
    for index, word in enumerate(words):
        if word.type in {"W", "P"}:
            gap += 1
            if gap == MAX_GAP + 1:
                out.append((index, Word("BREAK", "", word.start, word.start)))
            continue
        gap = 0
        out.append((index, word))
    return out


# An HTML table row of an issue body: its cells are read as one line, `|` between them, each tag blanked out, so
# offsets into the text stay what they were.
_HTML_ROW = re.compile(r"<tr\b[^>]{0,200}>.{0,3000}?</tr>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"</?t[dh]\b[^>]{0,200}>", re.IGNORECASE)


def _rows_as_lines(text: str) -> str:
    if "<t" not in text.lower():
        return text

    def flatten(row: re.Match[str]) -> str:
        cells = _HTML_CELL.sub(lambda tag: "|" + " " * (len(tag.group(0)) - 1), row.group(0))
        return cells.replace("\r", " ").replace("\n", " ")

    return _HTML_ROW.sub(flatten, text)


def read_phrases(text: str) -> list[Phrase]:
    """Every fact the grammar finds in the text, clause by clause, left to right, none overlapping."""
    text = _rows_as_lines(text)
    found: list[Phrase] = []
    parser = _parser()
    lone: list[tuple[int, int, list[Word]]] = []  # short lines, for endpoints laid out as a form
    for start, end in clauses(text):
        words = tokens(text, start, end)
        if sum(w.type != "P" for w in words) <= 6:
            lone.append((start, end, words))
        if not any(w.type in {"NUM", "METHOD", "PCTILE"} for w in words):
            continue
        significant = _significant(words)
        i = 0
        while i < len(significant):
            longest = _longest(parser, significant, i)
            if longest is None:
                i += 1
                continue
            last, tree = longest
            first_index, last_index = significant[i][0], significant[last][0]
            found.append(Phrase(str(tree.data), words[first_index : last_index + 1], tree, words, end, text,
                                _around(words, first_index, -1), _around(words, last_index, 1)))  # fmt: skip
            i = last + 1
    taken = {(p.words[0].start) for p in found}
    found += [p for p in _laid_out(lone, text) if p.words[0].start not in taken]
    return sorted(found, key=lambda p: p.start)


def _laid_out(spans: list[tuple[int, int, list[Word]]], text: str) -> list[Phrase]:
    """Endpoints written as a form: a method alone on its line and, within the next four lines, a path alone on its
    line (`**Method**` / `POST` / `**Path**` / `/api/v1/logout/`, or `### GET` over a code block holding the path)."""
    found: list[Phrase] = []
    for n, (_, _, words) in enumerate(spans):
        marks = [w for w in words if w.type not in {"W", "P", "PIPE"}]
        if len(marks) != 1 or marks[0].type != "METHOD" or len([w for w in words if w.type == "W"]) > 2:
            continue
        for _, end, later in spans[n + 1 : n + 12]:
            later_marks = [w for w in later if w.type not in {"W", "P", "PIPE"}]
            alone = len([w for w in later if w.type == "W"]) <= 2
            if len(later_marks) == 1 and later_marks[0].type == "PATH" and alone:
                method, path = marks[0], later_marks[0]
                methods: Tree[Token] = Tree("methods", [Token("METHOD", method.text, start_pos=0)])
                item: Tree[Token] = Tree("endpoint", [methods, Token("PATH", path.text, start_pos=1)])
                tree: Tree[Token] = Tree("endpoints", [item])
                found.append(Phrase("endpoints", [method, path], tree, [method, path], end, text, [], []))
                break
            if any(w.type in {"METHOD", "PATH"} for w in later_marks):
                break
    return found


def _around(words: list[Word], index: int, step: int) -> list[Word]:
    """Up to four ordinary words next to a phrase, nearest first, stopping at anything else."""
    out: list[Word] = []
    i = index + step
    while 0 <= i < len(words) and len(out) < 4 and words[i].type == "W":
        out.append(words[i])
        i += step
    return out


def _longest(parser: Lark, significant: list[tuple[int, Word]], first: int) -> tuple[int, Tree[Token]] | None:
    """The longest fact starting at significant token `first`: its last token and its tree.

    Tokens are fed until the parser refuses one; the positions where the parse table lets the input end are
    noted as it goes (a dictionary lookup), and only the longest of them is parsed to its end."""
    if significant[first][1].type in {"BREAK", "CONJ", "PIPE"}:
        return None
    interactive = parser.parse_interactive()
    states = interactive.parser_state.parse_conf.parse_table.states
    ends: list[int] = []
    for j in range(first, min(len(significant), first + MAX_FACT)):
        word = significant[j][1]
        if word.type == "BREAK":
            break
        try:
            interactive.feed_token(Token(word.type, word.text, start_pos=significant[j][0]))
        except UnexpectedInput:
            break
        if "$END" in states[interactive.parser_state.position]:
            ends.append(j)
    for last in reversed(ends):
        replay = parser.parse_interactive()
        try:
            for k in range(first, last + 1):
                replay.feed_token(Token(significant[k][1].type, significant[k][1].text, start_pos=significant[k][0]))
            return last, replay.feed_eof()  # type: ignore[no-untyped-call]
        except UnexpectedInput:
            continue
    return None
