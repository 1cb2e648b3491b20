"""lint: findings, their codes and lines, agreement with the draft's own judgment, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from tests.conftest import PRP


def test_lint_fails_on_a_fresh_draft_and_passes_once_every_flag_is_resolved(prp: Any, drafted: str) -> None:
    code, out, _ = prp("lint", str(PRP), "--json")
    assert code == 1
    found = {(f["code"], f["section"]) for f in json.loads(out)["findings"]}
    assert ("needs_review", "slas-performance-requirements") in found
    assert ("needs_input", "slas-performance-requirements") in found
    assert ("needs_review", "backend-performance-metrics") in found
    sla = (
        "- **Availability**: 99.9%\n- **Latency**: < 300ms p95\n- **Throughput**: 200 req/s\n"
        "- **Scalability**: stateless\n"
    )
    code, _, err = prp("refine", str(PRP), "-s", "SLAs", "--text", sla, "--answer", "all", "--yes")
    assert code == 0, err
    code, _, err = prp("refine", str(PRP), "-s", "backend performance metrics", "--accept-flags")
    assert code == 0, err
    code, out, err = prp("lint", str(PRP))
    assert code == 0, out + err
    assert "clean" in out


def test_lint_hand_written_prp_without_sidecar(prp: Any, tmp_path: Path) -> None:
    template = (Path(__file__).parent.parent / "prp_agent" / "templates" / "backend.md").read_text()
    hand = template.replace("{{availability}} (e.g.: 99.9%)", "99.95%").replace("{{latency}}", "fast")
    path = tmp_path / "hand.md"
    path.write_text(hand.replace("\n### Risk Areas\n", "\n### Risks and Mitigations\n"))
    code, out, _ = prp("lint", str(path), "--json")
    data = json.loads(out)
    codes = {f["code"] for f in data["findings"]}
    assert code == 1 and {"placeholder", "renamed_section"} <= codes
    placeholder = next(f for f in data["findings"] if f["code"] == "placeholder")
    assert placeholder["line"] and placeholder["section"]


TEMPLATE = (Path(__file__).parent.parent / "prp_agent" / "templates" / "backend.md").read_text()


def test_lint_flags_echoed_examples_and_missing_sections(prp: Any, tmp_path: Path) -> None:
    echoed = "- N+1 query problems\n- Memory leaks in long-running processes\n- Connection pool exhaustion"
    text = TEMPLATE.replace("{{backend_pitfalls}}", echoed)
    text = text.split("### Risk Areas")[0] + "## 🔄 Execution Context" + text.split("## 🔄 Execution Context")[1]
    path = tmp_path / "short.md"
    path.write_text(text)
    _, out, _ = prp("lint", str(path), "--json")
    found = json.loads(out)["findings"]
    codes = [(f["code"], f["section"]) for f in found]
    assert ("example_echoed", "common-backend-pitfalls") in codes
    assert ("missing_section", "risk-areas") in codes
    echo = next(f for f in found if f["code"] == "example_echoed")
    assert text.splitlines()[echo["line"] - 1] == "- N+1 query problems"  # the slot's first line


def test_a_file_that_is_not_a_prp_is_an_error(prp: Any, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# My project\n\n## Install\n\npip install it\n\n## Usage\n\nRun it.\n")
    code, out, _ = prp("lint", str(readme), "--json")
    findings = json.loads(out)["findings"]
    assert code == 1 and [f["code"] for f in findings] == ["not_a_prp"] and findings[0]["severity"] == "error"
    assert "shares 0 of the template's 35 headings" in findings[0]["message"]


def test_raw_placeholders_are_errors_in_any_markdown(prp: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nOwner: {{owner}}\n\n```\n{{in_code}}\n```\n")
    code, out, _ = prp("lint", str(notes), "--json")
    findings = json.loads(out)["findings"]
    assert code == 1 and [(f["code"], f["line"]) for f in findings] == [
        ("not_a_prp", None),
        ("placeholder", 3),
        ("placeholder", 6),
    ]


@pytest.mark.parametrize(
    ("description", "filled_at_least"),
    [
        ("user management API", 0),
        ("audit log export for compliance officers", 0),
        (
            "Orders API on FastAPI with PostgreSQL and JWT: GET /orders lists orders; POST /orders creates an order; "
            "p95 latency under 150 ms, 99.95% availability, 200 req/s, horizontal scaling",
            2,
        ),
    ],
)
def test_lint_raises_no_error_in_a_section_an_offline_draft_called_filled(
    prp: Any, description: str, filled_at_least: int
) -> None:
    result = draft_prp(DraftRequest(description, settings=Settings()))
    _, out, _ = prp("lint", str(result.output), "--json")
    errors = {f["section"] for f in json.loads(out)["findings"] if f["severity"] == "error"}
    filled = {s.id for s in result.sections if s.status == "filled"}
    assert len(filled) >= filled_at_least and not filled & errors
    flagged = {s.id for s in result.sections if s.status == "flagged"}
    assert flagged <= errors  # and every flagged section is still reported


def test_lint_raises_no_error_in_a_section_a_model_draft_called_filled(prp: Any, drafted: str) -> None:
    sidecar = json.loads(Path("PRPs/user-management-api.prp.json").read_text())
    filled = {s["id"] for s in sidecar["sections"] if s["status"] == "filled"}
    code, out, _ = prp("lint", str(PRP), "--json")
    errors = {f["section"] for f in json.loads(out)["findings"] if f["severity"] == "error"}
    assert len(filled) == 23 and not filled & errors and code == 1


@pytest.mark.parametrize("content", [b"\x00\x01\x02", None])
def test_lint_bad_input_exits_2(prp: Any, tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "x.md"
    if content is not None:
        path.write_bytes(content)
    code, out, err = prp("lint", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1


def test_lint_reports_cited_repository_paths_that_are_gone(prp: Any, tmp_path: Path) -> None:
    import shutil

    repo = shutil.copytree(Path(__file__).parent.parent / "fixtures/repos/python-fastapi", tmp_path / "repo")
    draft_prp(DraftRequest("user management API", repo=str(repo), settings=Settings()))
    (repo / "app" / "security.py").unlink()
    code, out, _ = prp("lint", str(PRP), "--json")
    stale = [f for f in json.loads(out)["findings"] if f["code"] == "stale_path"]
    assert code == 1 and any("app/security.py" in f["message"] for f in stale)
