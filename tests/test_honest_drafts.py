"""Honest drafts: what the description states is kept, every guess is flagged, the template's guidance stays for
the human, placeholders are filled anywhere, and a model's answer is checked against what the user said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, DraftResult, draft_prp
from prp_agent.drafting.stated import read_stated
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.refine import refine_section
from prp_agent.templates.compiler import SLOT_RE, compile_template
from tests.helpers import valid

RESET = ("Add password reset via email; reset tokens expire in 30 minutes; p95 latency under 150 ms; "
         "99.95% availability")  # fmt: skip
TEMPLATES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"


def offline(description: str, **kwargs: Any) -> DraftResult:
    return draft_prp(DraftRequest(description, settings=Settings(), **kwargs))


def section(result: DraftResult, section_id: str) -> Any:
    return next(s for s in result.sections if s.id == section_id)


def codes(result: DraftResult, section_id: str) -> set[str]:
    return {f.code.value for f in section(result, section_id).flags}


# --- 1. stated facts ------------------------------------------------------------------------------------------------


def test_the_extractor_reads_figures_technologies_endpoints_entities_roles_and_rules() -> None:
    stated = read_stated(
        "Refunds for admins on FastAPI and Postgres: a Refund has amount, currency and reason. POST /refunds "
        "creates one; p99 latency < 200ms, 500 req/s, uploads up to 10 MB, 99.9% uptime, tokens expire in 15 "
        "minutes. Refunds must never exceed the order total."
    )
    kinds = {f.kind: f.value for f in stated.facts}
    assert kinds["availability"] == {"percent": 99.9}
    assert kinds["latency"] == {"value": 200, "unit": "ms", "percentile": "p99"}
    assert kinds["throughput"] == {"value": 500, "unit": "req/s"}
    assert kinds["size"] == {"value": 10, "unit": "MB"}
    assert kinds["duration"]["value"] == 15 and kinds["duration"]["unit"] == "minutes"
    assert kinds["endpoint"] == {"method": "POST", "path": "/refunds", "summary": "creates one"}
    assert kinds["entity"] == {"name": "Refund", "fields": ["amount", "currency", "reason"]}
    assert stated.technologies("web_framework") == ["FastAPI"] and stated.technologies("database") == ["PostgreSQL"]
    assert kinds["role"] == {"name": "admin"} and kinds["rule"]["polarity"] == "must_not"
    latency = stated.first("latency")
    assert latency is not None and latency.text == "p99 latency < 200ms"  # each fact keeps its span


def test_the_sidecar_and_the_json_summary_list_the_stated_facts(prp: Any) -> None:
    code, out, _ = prp("draft", RESET, "--json")
    summary = json.loads(out)
    assert code == 0 and {f["kind"] for f in summary["stated_facts"]} >= {"availability", "latency", "duration"}
    sidecar = json.loads(Path(summary["sidecar"]).read_text())
    assert any(f["kind"] == "availability" and f["value"] == {"percent": 99.95} for f in sidecar["stated_facts"])


# --- 2. offline drafts say only what is stated ----------------------------------------------------------------------


def test_a_password_reset_keeps_its_figures_and_guesses_no_crud_on_passwords() -> None:
    result = offline(RESET)
    sla = section(result, "slas-performance-requirements")
    assert sla.values["availability"] == 99.95
    assert sla.values["latency"] == {"value": 150, "unit": "ms", "percentile": "p95"}
    assert "Availability" not in " ".join(f.message for f in sla.flags)  # no longer "the description does not say"
    assert "30 minutes" in result.markdown
    for s in result.sections:
        endpoints = [e for v in s.values.values() if isinstance(v, list) for e in v if isinstance(e, dict)]
        crud = [e for e in endpoints if e.get("method") in {"PUT", "DELETE"} and "password" in str(e.get("path"))]
        assert not (crud and s.status == "filled")
    paths = [e["path"] for e in section(result, "api-endpoints-specification").values["api_endpoints"]]
    assert paths == ["/api/password-resets", "/api/password-resets/confirm"]
    assert codes(result, "api-endpoints-specification") == {"assumed"}


def test_user_management_offline_flags_its_endpoints_and_models_as_guesses() -> None:
    result = offline("user management API")
    assert "assumed" in codes(result, "api-endpoints-specification")
    assert "assumed" in codes(result, "data-models-entities")


def test_listed_endpoints_come_out_exactly_as_listed() -> None:
    result = offline("Orders API: GET /orders lists orders; POST /orders creates an order")
    endpoints = section(result, "api-endpoints-specification")
    assert endpoints.values["api_endpoints"] == [
        {"method": "GET", "path": "/orders", "summary": "lists orders"},
        {"method": "POST", "path": "/orders", "summary": "creates an order"},
    ]
    assert endpoints.status == "filled"


def test_an_export_gets_an_export_endpoint_not_crud() -> None:
    result = offline("invoice CSV export")
    endpoints = section(result, "api-endpoints-specification").values["api_endpoints"]
    assert [e["method"] for e in endpoints] == ["POST", "GET"] and all("exports" in e["path"] for e in endpoints)
    assert codes(result, "api-endpoints-specification") == {"assumed"}


def test_ids_are_cut_at_a_word_and_articles_agree() -> None:
    result = offline("Refresh tokens expiring and revocation for the mobile authentication service clients")
    assert section(result, "backend-prp-metadata").values["prp_id"] == "PRP-REFRESH-TOKENS-EXPIRING-AND-REVOCATION"
    invoice = offline("invoice management API", output="inv.md")
    summaries = [e["summary"] for e in section(invoice, "api-endpoints-specification").values["api_endpoints"]]
    assert "Create an invoice" in summaries and "Create a invoice" not in summaries


# --- 3. the template's guidance stays for the human -----------------------------------------------------------------


def test_guidance_stays_under_needs_input_and_lint_does_not_call_it_content(prp: Any) -> None:
    result = offline("user management API")
    assert "- **Availability**: NEEDS INPUT (the description does not say) — e.g. 99.9%" in result.markdown
    objectives = result.markdown.split("### Backend Business Objectives")[1].split("###")[0]
    assert "NEEDS INPUT" in objectives and '# "Develop RESTful API for user management' in objectives
    _, out, _ = prp("lint", str(result.output), "--json")
    assert "example_echoed" not in {f["code"] for f in json.loads(out)["findings"]}


def test_once_a_value_is_written_the_guidance_goes() -> None:
    result = offline("user management API")
    refine_section(result.output or "", "backend-business-objectives", Settings(), text="```\nCut churn by 10%\n```")
    objectives = Path(str(result.output)).read_text().split("### Backend Business Objectives")[1].split("###")[0]
    assert "Cut churn by 10%" in objectives and "Develop RESTful API" not in objectives


# --- 4. placeholders anywhere ---------------------------------------------------------------------------------------

RFC = """# RFC: {{feature_title}}

| Field | Value |
|---|---|
| Owner | {{owner}} |
| Status | {{status}} |

## Rollout for {{feature_name}}

- **Plan**: {{rollout_plan}} (e.g.: canary, then 10 %, then all)

Prose that shows `{{literal}}` in code and {{ template syntax }} stays as written.
"""


@pytest.mark.parametrize("mode", ["offline", "model"])
def test_heading_and_table_placeholders_are_filled_and_no_named_one_remains(mode: str, tmp_path: Path) -> None:
    template = tmp_path / "rfc.md"
    template.write_text(RFC)
    model = ScriptedModel(lambda request, n: valid(request)) if mode == "model" else None
    settings = Settings(api_key="k") if model else Settings()
    result = draft_prp(DraftRequest("Order export", template=str(template), settings=settings), model=model)
    name = result.brief.feature_name  # the description's own words offline, the model's brief otherwise
    assert name == "Order export" or model is not None
    assert result.markdown.startswith(f"# RFC: {name}\n") and f"## Rollout for {name}" in result.markdown
    assert "| Owner |" in result.markdown and "{{owner}}" not in result.markdown
    assert "`{{literal}}`" in result.markdown and "{{ template syntax }}" in result.markdown
    outside_code = result.markdown.replace("`{{literal}}`", "")
    assert not SLOT_RE.search(outside_code)
    if model is not None:
        sections = [r for r in model.requests if r.schema_name.startswith("section_")]
        asked = {key for r in sections for key in r.schema.get("properties", {})}
        assert not asked & {"feature_title", "feature_name"}  # the name is never asked of a model


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.md")), ids=lambda p: p.name)
def test_no_named_placeholder_remains_in_any_fixture_template(path: Path) -> None:
    result = draft_prp(DraftRequest("Order export", template=str(path), settings=Settings()))
    names = set(compile_template(path.read_text(encoding="utf-8")).slots)
    leftover = [m.group(1) for m in SLOT_RE.finditer(result.markdown) if m.group(1) in names]
    assert leftover == []


# --- 5. a model draft is checked against the user's facts -----------------------------------------------------------


def _contrary(request: ChatRequest, n: int) -> Any:
    answer = valid(request)
    if "availability" in answer:
        answer["availability"] = 99.9
    if "framework" in answer:
        answer["framework"] = "Flask"
    return answer


def test_a_model_that_changes_the_users_facts_is_flagged_naming_both_sides() -> None:
    description = "Orders API on FastAPI with 99.95% availability"
    model = ScriptedModel(_contrary)
    result = draft_prp(DraftRequest(description, settings=Settings(api_key="k")), model=model)
    sla = next(f for f in section(result, "slas-performance-requirements").flags
               if f.code.value == "contradicts_description")  # fmt: skip
    assert "Availability 99.9%, but the description states 99.95%" in sla.message
    stack = next(f for f in section(result, "technology-stack-specifics").flags
                 if f.code.value == "contradicts_description")  # fmt: skip
    assert "web framework Flask, but the description states FastAPI" in stack.message
    shared = model.requests[1].messages[1].content
    assert "<stated_facts>" in shared and "availability: 99.95%" in shared and "keep them" in shared


def test_a_model_that_keeps_the_users_facts_is_not_flagged() -> None:
    def keeping(request: ChatRequest, n: int) -> Any:
        answer = valid(request)
        if "availability" in answer:
            answer["availability"] = 99.95
        if "framework" in answer:
            answer["framework"] = "FastAPI"
        return answer

    result = draft_prp(DraftRequest("Orders API on FastAPI with 99.95% availability", settings=Settings(api_key="k")),
                       model=ScriptedModel(keeping))  # fmt: skip
    assert not any(f.code.value == "contradicts_description" for s in result.sections for f in s.flags)


def test_refine_checks_the_users_facts_too() -> None:
    draft_prp(DraftRequest("Orders API on FastAPI with 99.95% availability", settings=Settings()))
    applied = refine_section("PRPs/orders-api-on-fastapi-with-99-95-availability.md", "SLAs", Settings(api_key="k"),
                             instruction="fill it", model=ScriptedModel(_contrary))  # fmt: skip
    sidecar = json.loads(Path("PRPs/orders-api-on-fastapi-with-99-95-availability.prp.json").read_text())
    sla = next(s for s in sidecar["sections"] if s["id"] == "slas-performance-requirements")
    assert applied.status == "flagged" and "contradicts_description" in {f["code"] for f in sla["flags"]}


def test_example_lines_left_under_a_written_value_are_a_warning_not_content(prp: Any) -> None:
    result = offline("user management API")
    path = Path(str(result.output))
    path.write_text(
        path.read_text().replace("NEEDS INPUT (the description does not say)\n# - Mobile", "- Sales team\n# - Mobile")
    )
    _, out, _ = prp("lint", str(path), "--json")
    found = [f for f in json.loads(out)["findings"] if f["section"] == "backend-stakeholders"]
    assert {f["code"] for f in found} >= {"guidance_left"} and "example_echoed" not in {f["code"] for f in found}
