"""The one-pass hints (RE2) agree with Python's engine on real source files, and stay linear on hostile input."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from prp_agent.repo import hints
from prp_agent.repo.rules import _CONFIG_RULES

ROOT = Path(__file__).resolve().parent.parent
# every fixture repository's files and this project's own source: many languages, comments, strings, unicode
TEXTS = sorted(
    [p for p in (ROOT / "fixtures" / "repos").rglob("*") if p.is_file() and p.suffix not in {".png", ".ico"}]
    + list((ROOT / "prp_agent").rglob("*.py"))
)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def test_the_texts_are_many() -> None:
    assert len(TEXTS) > 300


def test_every_hint_says_what_pythons_engine_says_on_real_files() -> None:
    compiled = {bit: re.compile(pattern) for bit, pattern in hints.HINT_PATTERNS.items()}
    disagreements = []
    for path in TEXTS:
        text = _text(path)
        expected = sum(bit for bit, pattern in compiled.items() if pattern.search(text))
        if hints.file_hints(text) != expected:
            disagreements.append((path.name, hints.file_hints(text), expected))
    assert disagreements == []


def test_each_hint_bit_is_set_alone_by_its_own_marker() -> None:
    assert hints.file_hints("app.include_router(users.router)") & hints.ROUTE_OR_MODEL
    assert hints.file_hints("token = jwt.encode(claims, key)") == hints.AUTH
    assert hints.file_hints("Schema::create('posts', function ($t) {})") & hints.TABLE
    assert hints.file_hints("@Entity\npublic class Owner {}") & hints.ENTITY
    assert hints.file_hints('os.getenv("HOME")') == hints.ENV
    assert hints.file_hints("nothing to see here") == 0
    assert hints.file_hints("") == 0


def test_the_prefilter_finds_every_config_rule_python_finds_at_the_same_place() -> None:
    patterns = [rule[1] for rule in _CONFIG_RULES]
    prefilter = hints.Prefilter(patterns)
    for path in TEXTS:
        text = _text(path)
        candidates = set(prefilter.candidates(text))
        for index, pattern in enumerate(patterns):
            found = pattern.search(text)
            if found is None:
                continue
            assert index in candidates, (path.name, pattern.pattern)
            fast = prefilter.search(index, text)
            assert fast is not None and (fast.start(), fast.group(0)) == (found.start(), found.group(0))


def test_a_pattern_re2_cannot_read_is_always_a_candidate_and_searched_by_python() -> None:
    prefilter = hints.Prefilter([re.compile(r"(\w)\1"), re.compile(r"foo(?=bar)"), re.compile("plain")])
    assert prefilter.candidates("nothing") == [0, 1]
    assert prefilter.candidates("a plain foobar") == [0, 1, 2]
    assert prefilter.search(1, "foobaz") is None
    assert prefilter.search(1, "a foobar").start() == 2
    assert [m.group(0) for m in prefilter.finditer(0, "aa bb c")] == ["aa", "bb"]


def test_inline_flags_carry_over() -> None:
    prefilter = hints.Prefilter([re.compile(r"^select\b", re.I | re.M)])
    assert prefilter.candidates("x\nSELECT 1") == [0]
    assert prefilter.search(0, "x\nSELECT 1").start() == 2


@pytest.mark.parametrize("unit", ["a" * 7 + " ", "Route" * 3, "/* ", "\\'", "api_k", "jwt"[:2]])
def test_hints_stay_linear_on_hostile_text(unit: str) -> None:
    text = unit * (2_000_000 // len(unit))  # 2 MB
    started = time.process_time()
    hints.file_hints(text)
    hints.Prefilter([rule[1] for rule in _CONFIG_RULES]).candidates(text)
    assert time.process_time() - started < 2.0  # linear: about 2 ns a character, whatever the text
