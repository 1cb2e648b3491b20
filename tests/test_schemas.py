"""Section models: slot types, and JSON schemas that OpenAI strict structured outputs accept."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from prp_agent.templates.compiler import compile_template, load_template
from prp_agent.templates.schemas import Brief, SlotType, build_section_specs, check_strict_schema, strict_schema

UNUSUAL = {
    "no placeholders": "# Feature\n## Goal\nWhat it achieves.\n## Steps\n1. first\n2. second\n",
    "reserved and odd names": "# T\n## Meta\n- **C**: {{confidence}}\n- **A**: {{assumptions}}\n- **X**: {{x2_y}}\n",
    "many slots in one section": "# T\n## Big\n" + "".join(f"- **S{i}**: {{{{slot_{i}}}}}\n" for i in range(60)),
    "typed by shape": (
        "# T\n## Routes\n```\n{{routes}}\n# GET /a - list\n# POST /a - create\n```\n"
        "## Models\n```\n{{models}}\n# Order:\n# - id: int\n# - total: decimal\n```\n"
        "## SLA\n- **Availability**: {{availability}}\n- **Latency**: {{latency}}\n- **Throughput**: {{throughput}}\n"
    ),
    "emoji and punctuation titles": "# 🚀 Top!\n## ⚠️ Risks & Gotchas (v2)\n```\n{{risks}}\n# - one\n# - two\n```\n",
}


def _all_schemas() -> list[tuple[str, dict[str, Any]]]:
    schemas = [("brief", strict_schema(Brief.model_json_schema()))]
    for spec in build_section_specs(load_template("backend")):
        schemas.append((f"backend/{spec.id}", spec.json_schema()))
    for label, text in UNUSUAL.items():
        for spec in build_section_specs(compile_template(text)):
            schemas.append((f"{label}/{spec.id}", spec.json_schema()))
    return schemas


@pytest.mark.parametrize(("label", "schema"), _all_schemas(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_schema_passes_the_strict_mode_rules(label: str, schema: dict[str, Any]) -> None:
    assert check_strict_schema(schema) == [], label


def test_builtin_slot_types() -> None:
    specs = {spec.id: spec for spec in build_section_specs(load_template("backend"))}
    assert specs["api-endpoints-specification"].types["api_endpoints"] is SlotType.ENDPOINTS
    assert specs["data-models-entities"].types["data_models"] is SlotType.ENTITIES
    sla = specs["slas-performance-requirements"].types
    assert (sla["availability"], sla["latency"], sla["throughput"], sla["scalability"]) == (
        SlotType.PERCENTAGE, SlotType.LATENCY, SlotType.THROUGHPUT, SlotType.TEXT,
    )  # fmt: skip
    assert specs["backend-stakeholders"].types["backend_stakeholders"] is SlotType.LIST
    assert specs["expected-backend-deliverables"].types["backend_deliverables"] is SlotType.LIST
    assert specs["code-structure"].types["code_structure"] is SlotType.TEXT
    assert specs["backend-business-objectives"].types["backend_objectives"] is SlotType.TEXT
    assert specs["database-requirements"].types["database"] is SlotType.TEXT


def test_unknown_templates_infer_types_from_example_shape() -> None:
    specs = {spec.id: spec for spec in build_section_specs(compile_template(UNUSUAL["typed by shape"]))}
    assert specs["routes"].types["routes"] is SlotType.ENDPOINTS
    assert specs["models"].types["models"] is SlotType.ENTITIES
    plain = {spec.id: spec for spec in build_section_specs(compile_template(UNUSUAL["no placeholders"]))}
    assert plain["goal"].types["goal"] is SlotType.TEXT
    assert plain["steps"].types["steps"] is SlotType.LIST


def test_reserved_slot_names_do_not_clash_with_meta_fields() -> None:
    (spec,) = build_section_specs(compile_template(UNUSUAL["reserved and odd names"]))
    props = spec.json_schema()["properties"]
    assert {
        "slot_confidence",
        "slot_assumptions",
        "x2_y",
        "confidence",
        "assumptions",
        "open_questions",
    } <= set(props)


def test_section_model_validates_typed_values() -> None:
    spec = next(s for s in build_section_specs(load_template("backend")) if s.id == "api-endpoints-specification")
    good = {"api_endpoints": [{"method": "GET", "path": "/api/users", "summary": "list"}], "confidence": 0.8,
            "assumptions": [], "open_questions": []}  # fmt: skip
    spec.model.model_validate(good)
    for broken in (
        {**good, "api_endpoints": [{"method": "FETCH", "path": "/x", "summary": "s"}]},
        {**good, "api_endpoints": [{"method": "GET", "path": "api/users", "summary": "s"}]},
        {**good, "confidence": 1.5},
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "open_questions"},
    ):
        with pytest.raises(ValidationError):
            spec.model.model_validate(broken)


def test_sla_values_are_typed_and_nullable() -> None:
    spec = next(s for s in build_section_specs(load_template("backend")) if s.id == "slas-performance-requirements")
    base = {"confidence": 0.5, "assumptions": [], "open_questions": [], "scalability": None}
    latency = {"value": 200, "unit": "ms", "percentile": "p95"}
    spec.model.model_validate(
        {**base, "availability": 99.95, "latency": latency, "throughput": {"value": 500, "unit": "req/s"}}
    )
    spec.model.model_validate({**base, "availability": None, "latency": None, "throughput": None})
    with pytest.raises(ValidationError):
        spec.model.model_validate({**base, "availability": 120, "latency": None, "throughput": None})


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda s: s.pop("additionalProperties"), "additionalProperties must be false"),
        (lambda s: s["required"].pop(), "every property must be required"),
        (lambda s: s["properties"]["confidence"].update({"default": 0.5}), "unsupported keyword 'default'"),
        (lambda s: s.update({"anyOf": [{"type": "object"}]}), "root must be an object"),
        (
            lambda s: s["properties"]["assumptions"].update({"items": {"$ref": "#/$defs/Missing"}}),
            "unresolvable",
        ),
    ],
)
def test_strict_checker_catches_violations(mutate: Any, problem: str) -> None:
    schema = copy.deepcopy(build_section_specs(load_template("backend"))[0].json_schema())
    mutate(schema)
    assert any(problem in p for p in check_strict_schema(schema))


def test_strict_checker_enforces_nesting_and_size_limits() -> None:
    deep: dict[str, Any] = {"type": "string"}
    for _ in range(12):
        deep = {"type": "object", "properties": {"x": deep}, "required": ["x"], "additionalProperties": False}
    assert any("nesting deeper" in p for p in check_strict_schema(deep))
    wide = {"type": "object", "additionalProperties": False, "required": [f"p{i}" for i in range(5001)],
            "properties": {f"p{i}": {"type": "string"} for i in range(5001)}}  # fmt: skip
    assert any("5001 properties" in p for p in check_strict_schema(wide))
