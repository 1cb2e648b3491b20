"""What the description states stays true through refine (every path) and lint: a stated fact that is missing or
changed is flagged with both values, the section is not filled until a human accepts it, and a value a human types
is never called the template's example."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.drafting.keeping import check_kept, fact_owners
from prp_agent.drafting.stated import read_stated
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.refine import refine_section
from prp_agent.templates.compiler import load_template
from prp_agent.templates.schemas import build_section_specs

ORDERS = "Orders API with POST /orders and GET /orders/{id}; 99.95% availability and p95 150 ms"
SLA = "slas-performance-requirements"
ENDPOINTS = "api-endpoints-specification"


@pytest.fixture
def doc() -> Path:
    result = draft_prp(DraftRequest(ORDERS, output="orders.md", settings=Settings()))
    assert result.output is not None
    return result.output


def lint_codes(prp: Any, path: Path) -> dict[str, list[dict[str, Any]]]:
    _, out, _ = prp("lint", str(path), "--json")
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in json.loads(out)["findings"]:
        found.setdefault(finding["code"], []).append(finding)
    return found


def section_flags(path: Path, section: str) -> set[str]:
    sidecar = json.loads(path.with_suffix(".prp.json").read_text())
    return {f["code"] for s in sidecar["sections"] if s["id"] == section for f in s["flags"]}


def test_a_fresh_offline_draft_keeps_every_stated_fact(prp: Any, doc: Path) -> None:
    found = lint_codes(prp, doc)
    assert "stated_fact_dropped" not in found and "contradicts_description" not in found


def test_replacing_the_sla_with_foo_is_flagged_and_lint_names_both_figures(prp: Any, doc: Path) -> None:
    applied = refine_section(doc, SLA, Settings(), text="foo")
    assert applied.status == "flagged" and "stated_fact_dropped" in section_flags(doc, SLA)
    dropped = lint_codes(prp, doc)["stated_fact_dropped"]
    messages = " ".join(f["message"] for f in dropped)
    assert "99.95%" in messages and "p95 < 150 ms" in messages and all(f["severity"] == "error" for f in dropped)


@pytest.mark.parametrize(
    ("old", "new", "lost"),
    [("- **Latency**: < 150ms p95\n", "", "p95 < 150 ms"),
     ("- **Availability**: 99.95%", "- **Availability**: very high", "99.95%")],
)  # fmt: skip
def test_deleting_or_blurring_a_figure_is_flagged(prp: Any, doc: Path, old: str, new: str, lost: str) -> None:
    body = _section_body(doc, SLA)
    assert old in body
    applied = refine_section(doc, SLA, Settings(), text=body.replace(old, new))
    assert applied.status == "flagged"
    assert lost in " ".join(f["message"] for f in lint_codes(prp, doc)["stated_fact_dropped"])


def test_replacing_a_stated_endpoint_is_flagged(prp: Any, doc: Path) -> None:
    body = _section_body(doc, ENDPOINTS)
    assert "POST /orders" in body
    applied = refine_section(doc, ENDPOINTS, Settings(), text=body.replace("POST /orders", "GET /orders", 1))
    assert applied.status == "flagged" and "stated_fact_dropped" in section_flags(doc, ENDPOINTS)
    assert "POST /orders" in lint_codes(prp, doc)["stated_fact_dropped"][0]["message"]


def test_another_figure_in_its_place_contradicts_with_both_values(prp: Any, doc: Path) -> None:
    body = _section_body(doc, SLA).replace("99.95%", "99.5%")
    refine_section(doc, SLA, Settings(), text=body)
    (finding,) = lint_codes(prp, doc)["contradicts_description"]
    assert "99.95%" in finding["message"] and "99.5%" in finding["message"] and finding["section"] == SLA


def test_accepting_the_change_settles_it(prp: Any, doc: Path) -> None:
    refine_section(doc, SLA, Settings(), text="foo")
    refine_section(doc, SLA, Settings(), accept=True)
    assert "stated_fact_dropped" not in lint_codes(prp, doc)


def test_a_value_a_human_types_is_never_the_templates_example(prp: Any) -> None:
    result = draft_prp(DraftRequest("Orders API", output="plain.md", settings=Settings()))
    path = Path(str(result.output))
    body = _section_body(path, SLA)
    body = body.replace("NEEDS INPUT (the description does not say) — e.g. 99.9%", "99.9%")
    body = body.replace("NEEDS INPUT (the description does not say) — e.g. < 200ms p95", "< 200ms p95")
    applied = refine_section(path, SLA, Settings(), text=body)
    assert "example_copied" not in section_flags(path, SLA) and applied.written


def test_a_model_redraft_that_drops_a_stated_figure_is_flagged(doc: Path) -> None:
    def forgetful(request: ChatRequest, n: int) -> dict[str, Any]:
        return {"availability": None, "latency": None, "throughput": None, "scalability": "horizontal",
                "confidence": 0.9, "assumptions": [], "open_questions": []}  # fmt: skip

    applied = refine_section(doc, SLA, Settings(api_key="k"), instruction="tighten", model=ScriptedModel(forgetful))
    assert applied.status == "flagged"
    assert {"stated_fact_dropped"} <= section_flags(doc, SLA) | {"contradicts_description"}


def test_facts_no_slot_holds_go_to_the_objectives_and_are_checked_anywhere() -> None:
    result = draft_prp(DraftRequest("Session API; tokens live 30 minutes; uploads up to 10 MB", settings=Settings()))
    objectives = result.markdown.split("### Backend Business Objectives")[1].split("###")[0]
    assert "tokens live 30 minutes" in objectives and "up to 10 MB" in objectives
    template = load_template("backend")
    owners = fact_owners(build_section_specs(template))
    stated = read_stated("tokens live 30 minutes")
    assert check_kept(stated, {"x": "Sessions end after 30 min"}, owners) == []  # written another way, still kept
    assert [p.code for p in check_kept(stated, {"x": "Sessions end after 45 minutes"}, owners)] == [
        "stated_fact_dropped"
    ]


def _section_body(path: Path, section: str) -> str:
    from prp_agent.refine import open_target

    return str(open_target(path, section, None).body)


def test_a_brief_that_changes_or_misses_a_stated_fact_is_flagged_never_silently_replaced() -> None:
    from tests.helpers import scripted, valid

    def brief(request: ChatRequest, n: int) -> dict[str, Any]:
        answer = valid(request)
        # 99.95 % changed, the p95 latency left out
        answer["stated_facts"] = ["99.9% availability", "POST /orders", "GET /orders/{id}"]
        return answer

    def sla(request: ChatRequest, n: int) -> dict[str, Any]:
        answer = valid(request)
        answer.update(availability=99.95, latency={"value": 150, "unit": "ms", "percentile": "p95"})
        return answer

    model = scripted({"brief": brief, "section_slas-performance-requirements": sla})
    result = draft_prp(DraftRequest(ORDERS, output="briefed.md", settings=Settings(api_key="k")), model=model)
    flags = next(s for s in result.sections if s.id == SLA).flags
    contradicts = [f.message for f in flags if f.code.value == "contradicts_description"]
    assert contradicts and "99.95%" in contradicts[0] and "99.9%" in contradicts[0] and "brief" in contradicts[0]
    assert any("did not list p95 < 150 ms" in w for w in result.warnings)
