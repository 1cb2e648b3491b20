"""The export oracle's judgement: a file is exact only with the right count, keys and titles."""

from __future__ import annotations

from bench.bench_export_truth import judge

TRUTH = {"count": 2, "issues": [{"key": "12", "title": "Crash  on save"}, {"key": None, "title": "No key"}]}
READ = {"issues": [{"key": "acme/app#12", "title": "Crash on save"}, {"key": "acme/app#13", "title": "No key"}]}


def test_exact_read_has_no_problems() -> None:
    assert judge(TRUTH, 0, READ) == []


def test_count_key_and_title_differences_are_named() -> None:
    read = {"issues": [{"key": "acme/app#112", "title": "Crash on save"}]}
    assert judge(TRUTH, 0, read) == ["count 1, truth 2", "key not read: 12", "title not read: 'No key'"]
    renamed = {"issues": [{"key": "12", "title": "Crash on load"}, {"key": "13", "title": "No key"}]}
    assert judge(TRUTH, 0, renamed) == ["12: title 'Crash on load', truth 'Crash  on save'"]


def test_negatives_must_be_refused() -> None:
    assert judge({"negative": True}, 2, {}) == []
    assert judge({"negative": True}, 0, READ) == ["negative read as 2 issues (exit 0)"]
    assert judge(TRUTH, 2, {}) == ["refused (exit 2)"]
