"""A PRP checked against itself: one violating and one clean fixture per cross-section rule, findings that name
both places, warnings by default and errors with --strict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prp_agent.drafting.consistency import RULES, find_inconsistencies
from prp_agent.prpfile.parse import load_document
from prp_agent.templates.compiler import load_template

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "prps" / "consistency"


def inconsistent(path: Path) -> list[Any]:
    template = load_template("backend")
    return find_inconsistencies(load_document(path, template), template)


@pytest.mark.parametrize("rule", RULES, ids=[r.slug for r in RULES])
def test_each_rule_finds_its_violation_and_nothing_in_the_clean_twin(rule: Any) -> None:
    (found,) = inconsistent(FIXTURES / f"{rule.slug}.bad.md")
    assert found.rule == rule.name
    assert found.here[0] != found.there[0] and found.here[1] and found.there[1]  # both places, with lines
    assert found.said_here != found.said_there
    assert inconsistent(FIXTURES / f"{rule.slug}.clean.md") == []


def test_every_fixture_belongs_to_a_rule() -> None:
    slugs = {r.slug for r in RULES}
    assert {p.name.split(".")[0] for p in FIXTURES.glob("*.md")} == slugs


def test_the_database_rule_names_both_values() -> None:
    (found,) = inconsistent(FIXTURES / "stack-database-is-data-layer-database.bad.md")
    assert "PostgreSQL" in found.message and "MySQL" in found.message


def test_lint_reports_a_warning_and_strict_makes_it_fail(prp: Any, tmp_path: Path) -> None:
    path = tmp_path / "prp.md"
    text = (FIXTURES / "latency-where-performance-is-checked.bad.md").read_text()
    path.write_text(text)
    _, out, _ = prp("lint", str(path), "--json")
    found = [f for f in json.loads(out)["findings"] if f["code"] == "inconsistent"]
    assert [f["severity"] for f in found] == ["warning"] and "p95" in found[0]["message"]
    clean = tmp_path / "clean.md"
    clean.write_text(_resolved(text))
    code, out, _ = prp("lint", str(clean))
    assert code == 0, out
    code, _, _ = prp("lint", str(clean), "--strict")
    assert code == 1


def _resolved(text: str) -> str:
    """The fixture with every review alert and NEEDS INPUT line taken out, so only the inconsistency remains."""
    lines = [
        line for line in text.splitlines(keepends=True)
        if not line.startswith(("> [!WARNING]", "> **Needs review:**", "<!-- prp-agent:review"))
    ]  # fmt: skip
    out = "".join(lines)
    return out.replace("NEEDS INPUT (the description does not say)", "to be decided")
