"""Section models: each template section becomes a Pydantic model whose JSON schema passes OpenAI strict mode.

Slot values are typed by what they hold (endpoints, entities, SLA figures, lists, text) and are nullable: `null`
is the model's way to say "the inputs do not tell", which the review rules turn into a flag instead of filler.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from prp_agent.templates.compiler import Slot, SlotKind, Template
from prp_agent.types import OpenQuestion

__all__ = [
    "PY_TYPES",
    "TITLE_SLOTS",
    "Brief",
    "Endpoint",
    "Entity",
    "EntityField",
    "Latency",
    "OpenQuestion",
    "SectionSpec",
    "SlotType",
    "Throughput",
    "build_section_specs",
    "check_strict_schema",
    "infer_slot_type",
    "strict_schema",
]

META_FIELDS = ("confidence", "assumptions", "open_questions")
# Slots that hold the feature's name (in the languages templates are written in): filled from the feature name in
# every mode, never asked of a model.
TITLE_SLOTS = frozenset({
    "title", "feature", "feature_name", "feature_title", "name", "prp_title", "project", "project_name",
    "nombre_feature", "nombre", "titulo", "titre", "nom", "titel", "funktion", "nome", "titolo",
})  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Endpoint(_Strict):
    """One HTTP endpoint."""

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str = Field(pattern=r"^/")
    summary: str


class EntityField(_Strict):
    """One field of an entity."""

    name: str = Field(min_length=1)
    type: str = Field(min_length=1)
    constraints: str


class Entity(_Strict):
    """A data model / entity and its fields."""

    name: str = Field(min_length=1)
    fields: list[EntityField]


class Latency(_Strict):
    """A latency target such as p95 < 200 ms."""

    value: float = Field(gt=0)
    unit: Literal["ms", "s"]
    percentile: Literal["p50", "p90", "p95", "p99", "p99.9", "avg", "max"]


class Throughput(_Strict):
    """A throughput target such as 1000 req/s."""

    value: float = Field(gt=0)
    unit: str = Field(min_length=1, description="e.g. req/s, req/min, messages/s")


def _percent_text(value: Any) -> Any:
    """ "99.9%" (how small models often write a percentage) is the number 99.9; anything else is left to validation."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*%\s*", value):
        return float(value.strip().rstrip("%"))
    return value


Percentage = Annotated[float, Field(ge=0, le=100, description="percentage, e.g. 99.9"), BeforeValidator(_percent_text)]


class Brief(_Strict):
    """The shared plan every section is drafted from."""

    feature_name: str = Field(min_length=1)
    summary: str
    domain: str
    main_entities: list[str]
    endpoint_outline: list[str] = Field(description="e.g. 'GET /api/users - list users'")
    stack_choice: str
    key_assumptions: list[str]
    stated_facts: list[str] = Field(
        default_factory=list,
        description="every figure, endpoint, technology and entity the description states, one per item, as written",
    )


class SlotType(StrEnum):
    """What a slot's value is."""

    TEXT = "text"
    LIST = "list"
    ENDPOINTS = "endpoints"
    ENTITIES = "entities"
    PERCENTAGE = "percentage"
    LATENCY = "latency"
    THROUGHPUT = "throughput"


PY_TYPES: dict[SlotType, Any] = {
    SlotType.TEXT: str,
    SlotType.LIST: list[str],
    SlotType.ENDPOINTS: list[Endpoint],
    SlotType.ENTITIES: list[Entity],
    SlotType.PERCENTAGE: Percentage,
    SlotType.LATENCY: Latency,
    SlotType.THROUGHPUT: Throughput,
}

_NAMED_TYPES = {
    "api_endpoints": SlotType.ENDPOINTS,
    "endpoints": SlotType.ENDPOINTS,
    "data_models": SlotType.ENTITIES,
    "entities": SlotType.ENTITIES,
    "availability": SlotType.PERCENTAGE,
    "latency": SlotType.LATENCY,
    "throughput": SlotType.THROUGHPUT,
}

_ENDPOINT_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)\s+/", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^(?:[-*+]|\d+[.)])\s+\S")
_ENTITY_HEAD = re.compile(r"^[A-Z][A-Za-z0-9_]*:$")
_FIELD_LINE = re.compile(r"^[-*]\s*[a-z_][A-Za-z0-9_]*\s*:\s*\S")


def infer_slot_type(slot: Slot) -> SlotType:
    """A slot's type: from its name when it is a known one, otherwise from the shape of its examples."""
    if slot.name in _NAMED_TYPES:
        return _NAMED_TYPES[slot.name]
    lines = [line for line in slot.examples if line]
    if slot.kind is SlotKind.INLINE or not lines:
        return SlotType.TEXT
    if sum(bool(_ENDPOINT_LINE.match(line)) for line in lines) >= max(1, 0.6 * len(lines)):
        return SlotType.ENDPOINTS
    if any(_ENTITY_HEAD.match(line) for line in lines) and sum(bool(_FIELD_LINE.match(x)) for x in lines) >= 2:
        return SlotType.ENTITIES
    if len(lines) >= 2 and sum(bool(_ITEM_LINE.match(line)) for line in lines) >= 0.6 * len(lines):
        return SlotType.LIST
    return SlotType.TEXT


class SectionSpec:
    """One slot-holding section: its slots, their types and its Pydantic model."""

    def __init__(self, template: Template, section_id: str) -> None:
        self.section = template.section(section_id)
        self.slots = [template.slots[name] for name in self.section.slot_names]
        self.types = {slot.name: infer_slot_type(slot) for slot in self.slots}
        self.keys = {slot.name: _json_key(slot.name) for slot in self.slots}
        self.asked = [slot for slot in self.slots if slot.name.lower() not in TITLE_SLOTS]
        self._model: type[BaseModel] | None = None

    @property
    def model(self) -> type[BaseModel]:
        """The section's Pydantic model, built when first needed (an offline draft never needs it)."""
        if self._model is None:
            self._model = _section_model(self)
        return self._model

    @property
    def needs_model(self) -> bool:
        """Whether a model is asked for this section (a section holding only the feature's name is not)."""
        return bool(self.asked)

    @property
    def title_slots(self) -> list[str]:
        """The slots filled with the feature's name."""
        return [slot.name for slot in self.slots if slot.name.lower() in TITLE_SLOTS]

    @property
    def id(self) -> str:
        """The section id."""
        return self.section.id

    def schema_name(self) -> str:
        """A response_format name: letters, digits, _ and -, at most 64 characters."""
        return ("section_" + re.sub(r"[^A-Za-z0-9_-]", "_", self.id))[:64]

    def prompt_view(self) -> list[dict[str, str]]:
        """What the section prompt lists for each slot: key, label, type, kind and guidance."""
        return [
            {
                "key": self.keys[slot.name],
                "label": slot.label,
                "type": self.types[slot.name].value,
                "kind": slot.kind.value,
                "guidance": slot.guidance,
            }
            for slot in self.asked
        ]

    def json_schema(self) -> dict[str, Any]:
        """The strict JSON schema of this section's answer."""
        return strict_schema(self.model.model_json_schema())


def _json_key(name: str) -> str:
    return f"slot_{name}" if name in META_FIELDS else name


def _section_model(spec: SectionSpec) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for slot in spec.asked:
        description = slot.label + (f" (e.g. {slot.hint})" if slot.hint else "")
        py_type = PY_TYPES[spec.types[slot.name]]
        fields["v_" + slot.name] = (
            py_type | None,
            Field(alias=spec.keys[slot.name], description=f"{description}; null when the inputs do not tell"),
        )
    fields["confidence"] = (
        float,
        Field(ge=0, le=1, description="0-1: how well the inputs support the values"),
    )
    fields["assumptions"] = (list[str], Field(description="assumptions made beyond the inputs"))
    fields["open_questions"] = (list[OpenQuestion], Field(description="what a human must decide"))
    model_name = "Section_" + re.sub(r"\W", "_", spec.id)
    return create_model(model_name, __config__=ConfigDict(extra="forbid", populate_by_name=True), **fields)


def build_section_specs(template: Template) -> list[SectionSpec]:
    """One spec per slot-holding section, in document order (built once per template: each makes a model)."""
    built = template.__dict__.get("_section_specs")
    if built is None:
        built = template.__dict__["_section_specs"] = [SectionSpec(template, s.id) for s in template.slot_sections]
    return list(built)


_SUPPORTED = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs",
    "description", "title", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "multipleOf", "minItems", "maxItems",
}  # fmt: skip
_MAX_PROPERTIES = 5000
_MAX_DEPTH = 10
_MAX_ENUM_VALUES = 1000
_MAX_STRING_BUDGET = 120_000


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Make a Pydantic JSON schema strict: every property required, no additional properties, no unsupported keys."""

    def fix(node: Any) -> Any:
        if isinstance(node, list):
            return [fix(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: fix(value) for key, value in node.items() if key in _SUPPORTED or key == "properties"}
        if "properties" in node:
            out["properties"] = {name: fix(sub) for name, sub in node["properties"].items()}
        if out.get("type") == "object" or "properties" in out:
            out["additionalProperties"] = False
            out["required"] = list(out.get("properties", {}))
        if "$defs" in node:
            out["$defs"] = {name: fix(sub) for name, sub in node["$defs"].items()}
        return out

    result: dict[str, Any] = fix(schema)
    return result


def check_strict_schema(schema: dict[str, Any]) -> list[str]:
    """Problems that would make OpenAI strict structured outputs reject this schema (empty list when fine)."""
    problems: list[str] = []
    stats = {"properties": 0, "enum_values": 0, "strings": 0}
    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("root must be an object schema, not anyOf")
    defs = schema.get("$defs", {})

    def walk(node: Any, where: str, depth: int) -> None:
        if not isinstance(node, dict):
            problems.append(f"{where}: schema is not an object")
            return
        for key in node:
            if key not in _SUPPORTED:
                problems.append(f"{where}: unsupported keyword {key!r}")
        if "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/") or ref.split("/")[-1] not in defs:
                problems.append(f"{where}: unresolvable $ref {ref}")
            return
        if depth > _MAX_DEPTH:
            problems.append(f"{where}: nesting deeper than {_MAX_DEPTH}")
        for value in node.get("enum", []):
            stats["enum_values"] += 1
            stats["strings"] += len(str(value))
        if node.get("type") == "object" or "properties" in node:
            _check_object(node, where, problems, stats)
            for name, sub in node.get("properties", {}).items():
                walk(sub, f"{where}.{name}", depth + 1)
        if "items" in node:
            walk(node["items"], f"{where}[]", depth)
        for i, sub in enumerate(node.get("anyOf", [])):
            walk(sub, f"{where}|{i}", depth)

    walk(schema, "$", 1)
    for name, sub in defs.items():
        stats["strings"] += len(name)
        walk(sub, f"$defs.{name}", 2)
    if stats["properties"] > _MAX_PROPERTIES:
        problems.append(f"{stats['properties']} properties; strict mode allows {_MAX_PROPERTIES}")
    if stats["enum_values"] > _MAX_ENUM_VALUES:
        problems.append(f"{stats['enum_values']} enum values; strict mode allows {_MAX_ENUM_VALUES}")
    if stats["strings"] > _MAX_STRING_BUDGET:
        problems.append(f"names and enum values total {stats['strings']} characters; limit {_MAX_STRING_BUDGET}")
    return problems


def _check_object(node: dict[str, Any], where: str, problems: list[str], stats: dict[str, int]) -> None:
    properties = node.get("properties", {})
    stats["properties"] += len(properties)
    stats["strings"] += sum(len(name) for name in properties)
    if node.get("additionalProperties") is not False:
        problems.append(f"{where}: additionalProperties must be false")
    if sorted(node.get("required", [])) != sorted(properties):
        problems.append(f"{where}: every property must be required")
