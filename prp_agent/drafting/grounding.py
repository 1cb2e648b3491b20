"""Slots the repository answers: fill them offline from facts, and flag drafted values that contradict the facts.

A slot is tied to fact kinds by its name (the built-in template's names and common synonyms) and, for typed slots,
by its type: endpoint lists are checked against existing routes, entity lists against existing models.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from prp_agent.drafting.vocabulary import TEST_LIBRARIES, VOCABULARY, pattern_for
from prp_agent.templates.schemas import SectionSpec, SlotType

if TYPE_CHECKING:
    from prp_agent.repo.types import FactKind, RepoEntity, RepoFacts, RepoRoute, StackFact

__all__ = ["contradiction_problems", "grounded_values"]

SLOT_KINDS: dict[str, tuple[FactKind, ...]] = {
    "technology": ("language", "web_framework", "orm", "database"),
    "tech_stack": ("language", "web_framework", "orm", "database"),
    "stack": ("language", "web_framework", "orm", "database"),
    "framework": ("web_framework",),
    "web_framework": ("web_framework",),
    "orm": ("orm",),
    "database": ("database",),
    "dbms": ("database",),
    "migrations": ("migrations",),
    "auth": ("auth",),
    "authentication": ("auth",),
    "validation": ("validation",),
    "backend_testing": ("test_framework",),
    "testing": ("test_framework",),
    "testing_strategy": ("test_framework",),
    "language": ("language",),
}
# Kinds where naming another value is a contradiction; words that are also plain English are left out.
_CHECKED: tuple[FactKind, ...] = ("web_framework", "orm", "migrations", "database", "validation", "test_framework")
_AMBIGUOUS = {"echo", "chi", "gin", "session", "Redis", "go test", "unittest"}  # plain words in a PRP
_COMPLEMENTS = [{"Django", "Django REST Framework", "Django ORM", "Django migrations"}, {"SQLAlchemy", "SQLModel"},
                {"FastAPI", "Starlette"}, {"NestJS", "Express", "Fastify"}, {"Phoenix", "Plug"}]  # fmt: skip


_PATTERNS = {value: pattern_for(value) for values in VOCABULARY.values() for value in values}


def _established(facts: RepoFacts, kind: FactKind) -> list[StackFact]:
    """Established facts of a kind, the primary first (the runner; the production database); the conflicting ones
    only when nothing else is established."""
    found = facts.established(kind)
    return [f for f in found if not f.conflict] or found


def _cite(fact: StackFact) -> str:
    evidence = fact.evidence[0]
    return evidence.path + (f":{evidence.line}" if evidence.line else "")


def grounded_values(spec: SectionSpec, facts: RepoFacts) -> tuple[dict[str, Any], list[str]]:
    """Values the repository facts give for a section's slots, each citing its evidence path."""
    values: dict[str, Any] = {}
    notes: list[str] = []
    for slot in spec.slots:
        kinds = SLOT_KINDS.get(slot.name.lower())
        if kinds and spec.types[slot.name] in {SlotType.TEXT, SlotType.LIST}:
            found = [f for kind in kinds for f in _established(facts, kind)]
            if found:
                items = [f"{f.value} ({f.role + ': ' if f.role else ''}{_cite(f)})" for f in found]
                values[slot.name] = items if spec.types[slot.name] is SlotType.LIST else ", ".join(items)
                notes.append(f"{slot.label} read from the repository at {facts.revision}")
        elif slot.name.lower() in {"code_structure", "project_structure", "layout"} and facts.layout:
            values[slot.name] = "\n".join(["Existing layout (file counts):", *facts.layout])
            notes.append(f"{slot.label}: the repository's current layout")
        elif slot.name.lower() in {"environment_config", "environment", "env", "configuration"} and facts.env_vars:
            values[slot.name] = "\n".join(["Existing environment variables (names only):", *facts.env_vars])
            notes.append(f"{slot.label}: variable names from the repository's env templates and settings")
    return values, notes


def contradiction_problems(
    spec: SectionSpec, values: dict[str, Any], rendered: dict[str, list[str]], facts: RepoFacts
) -> list[str]:
    """What in a section contradicts the repository: named technology it does not use, endpoints and models
    redefined (the review rules turn these into a `contradicts_repo` flag)."""
    problems: list[str] = []
    text = "\n".join(line for lines in rendered.values() for line in lines)
    for kind in _CHECKED:
        established = _established(facts, kind)
        if kind == "test_framework":  # another runner contradicts; adding a library (an e2e tool, say) does not
            established = [f for f in established if f.role == "runner"]
        if not established:
            continue
        names = {f.value for f in established}
        allowed = set(names).union(*(c for c in _COMPLEMENTS if c & names))
        candidates = VOCABULARY.get(kind, set())
        if kind == "test_framework":
            candidates = {v for v in candidates if v not in TEST_LIBRARIES}
        for value in sorted(candidates - allowed - _AMBIGUOUS):
            if _PATTERNS[value].search(text):
                uses = ", ".join(f"{f.value} ({_cite(f)})" for f in established)
                problems.append(f"names {value} for {kind.replace('_', ' ')}, but the repository uses {uses}")
    for slot in spec.slots:
        drafted = values.get(slot.name)
        if not drafted:
            continue
        if spec.types[slot.name] is SlotType.ENDPOINTS:
            problems.extend(_redefined_routes(drafted, facts.routes))
        elif spec.types[slot.name] is SlotType.ENTITIES:
            problems.extend(_redefined_models(drafted, facts.entities))
    return problems


def _shape(method: str, path: str) -> tuple[str, tuple[str, ...]]:
    segments = [s for s in path.lower().strip("/").split("/") if s]
    segments = [s for s in segments if s != "api" and not re.fullmatch(r"v\d+", s)]
    return method.upper(), tuple("{}" if s.startswith("{") or s.startswith(":") else s for s in segments)


def _normalized(path: str) -> str:
    return re.sub(r"\{[^}]*\}|:\w+", "{}", path.lower().rstrip("/"))


def _redefined_routes(endpoints: list[dict[str, Any]], routes: list[RepoRoute]) -> list[str]:
    by_shape = {_shape(r.method, r.path): r for r in routes}
    problems = []
    for endpoint in endpoints:
        existing = by_shape.get(_shape(endpoint["method"], endpoint["path"]))
        if existing and _normalized(existing.path) != _normalized(endpoint["path"]):
            where = f"{existing.evidence.path}:{existing.evidence.line}"
            drafted = f"{endpoint['method']} {endpoint['path']}"
            problems.append(f"drafts {drafted}, which exists as {existing.method} {existing.path} ({where})")
    return problems


def _redefined_models(entities: list[dict[str, Any]], models: list[RepoEntity]) -> list[str]:
    by_name = {m.name.lower(): m for m in models}
    problems = []
    for entity in entities:
        existing = by_name.get(str(entity["name"]).lower())
        if existing is None or not existing.fields:
            continue
        drafted = {str(f["name"]).lower() for f in entity["fields"]}
        dropped = [f for f in existing.fields if f.lower() not in drafted]
        if dropped:
            where = f"{existing.evidence.path}:{existing.evidence.line}"
            missing = ", ".join(dropped[:6])
            problems.append(
                f"drafts {entity['name']} without {missing}, fields the existing {existing.name} has ({where})"
            )
    return problems
