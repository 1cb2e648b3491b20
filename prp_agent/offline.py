"""The offline drafter: what a description alone supports, by deterministic rules; everything else needs input.

It names the feature, the domain, the main entity with CRUD endpoints and a minimal model, and a complexity
estimate. It never invents figures (SLAs, metrics, throughput) or choices (stack, database): those slots stay empty
and their sections are flagged `no_evidence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .schemas import Brief, SectionSpec, SlotType

__all__ = ["DescriptionFacts", "offline_brief", "offline_values", "read_description"]

_GENERIC = {
    "a", "an", "the", "for", "with", "and", "or", "of", "to", "in", "on", "by", "from", "that", "which", "our", "my",
    "api", "apis", "rest", "restful", "graphql", "http", "service", "services", "microservice", "backend", "server",
    "system", "platform", "app", "application", "module", "feature", "endpoint", "endpoints", "crud", "management",
    "manager", "managing", "manage", "build", "create", "implement", "add", "simple", "new", "basic", "small",
    "web", "json", "data", "based", "using", "support", "tracking", "registry", "catalog", "catalogue", "handling",
    "layer", "engine", "tool", "portal", "dashboard", "internal", "public", "v1", "v2", "allow", "allows", "let",
    "lets", "should", "must", "can", "will", "be", "is", "are", "it", "this", "all", "each", "per", "make",
    "fast", "quick", "better", "improve", "fix", "update", "handle", "want", "need", "we", "i", "me", "them",
    "their", "its", "into", "as", "at", "so", "some", "any", "more", "less", "very", "do", "does", "get", "set",
}  # fmt: skip
_LEAD = {"managing", "manage", "manages", "for", "of", "about", "track", "tracking", "store", "storing"}
_SUFFIX = {"api", "apis", "service", "services", "management", "crud", "endpoints", "system", "module", "tracking",
           "registry", "catalog", "backend", "microservice", "manager", "platform", "portal"}  # fmt: skip
_FEATURES = {
    "auth", "authentication", "authorization", "oauth", "sso", "login", "payment", "payments", "billing",
    "integration", "integrations", "webhook", "webhooks", "realtime", "real-time", "websocket", "search",
    "upload", "uploads", "notification", "notifications", "email", "multi-tenant", "tenant", "workflow",
    "analytics", "reporting", "export", "import", "queue", "async", "scheduling", "audit", "rbac", "roles",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def singular(word: str) -> str:
    """A plural noun's singular, by English rules good enough for resource names."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def plural(word: str) -> str:
    """A noun's plural, for resource paths."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


@dataclass
class DescriptionFacts:
    """What the description itself says, as far as rules can read it."""

    description: str
    feature_name: str
    entity_words: list[str] = field(default_factory=list)
    domain: str | None = None
    complexity: str = "Low"
    complexity_reason: str = ""
    prp_id: str = ""

    @property
    def entity(self) -> str | None:
        """The main entity in PascalCase (e.g. `BlogPost`), or None when the description names none."""
        return "".join(w.capitalize() for w in self.entity_words) or None

    @property
    def resource(self) -> str:
        """The collection path segment (e.g. `blog-posts`)."""
        words = [*self.entity_words[:-1], plural(self.entity_words[-1])]
        return "-".join(words)


def _entity_words(words: list[str]) -> list[str]:
    lowered = [w.lower().strip("'") for w in words]
    for i, word in enumerate(lowered):
        if word in _SUFFIX and i > 0:
            run: list[str] = []
            j = i - 1
            while j >= 0 and lowered[j] not in _GENERIC and len(run) < 3:
                run.insert(0, lowered[j])
                j -= 1
            if run:
                return [*run[:-1], singular(run[-1])]
    for i, word in enumerate(lowered[:-1]):
        if word in _LEAD:
            run = []
            for following in lowered[i + 1 : i + 4]:
                if following in _GENERIC or following in _FEATURES:
                    break
                run.append(following)
            if run:
                return [*run[:-1], singular(run[-1])]
    candidates = [w for w in lowered if w not in _GENERIC and w not in _FEATURES and len(w) >= 3]
    return [singular(candidates[0])] if candidates else []


def read_description(description: str) -> DescriptionFacts:
    """Read the feature name, main entity, domain and complexity out of a description."""
    text = " ".join(description.split())
    words = _WORD.findall(text)
    lowered = {w.lower() for w in words}
    entity = _entity_words(words)
    domain = None
    if lowered & {"api", "apis", "rest", "restful", "graphql", "endpoint", "endpoints"}:
        domain = "API"
    elif lowered & {"microservice", "service", "services"}:
        domain = "Microservice"
    elif lowered & {"database", "schema", "migration", "migrations"}:
        domain = "Database"
    if domain and entity:
        domain = f"{domain} — {' '.join(entity)} management"
    features = sorted(lowered & _FEATURES)
    score = len(features) + len(words) // 40
    complexity = "Low" if score == 0 else "Medium" if score <= 2 else "High"
    reason = f"estimated from the description: {len(words)} words" + (
        f", mentions {', '.join(features)}" if features else ", no integrations or cross-cutting features mentioned"
    )
    name = text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0]
    slug = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")[:40].strip("-")
    return DescriptionFacts(
        description=text,
        feature_name=name[:1].upper() + name[1:],
        entity_words=entity,
        domain=domain,
        complexity=complexity,
        complexity_reason=reason,
        prp_id=f"PRP-{slug or 'DRAFT'}",
    )


def _endpoints(facts: DescriptionFacts) -> list[dict[str, str]]:
    base = f"/api/{facts.resource}"
    label = " ".join(facts.entity_words)
    labels = " ".join([*facts.entity_words[:-1], plural(facts.entity_words[-1])])
    return [
        {"method": "GET", "path": base, "summary": f"List {labels}"},
        {"method": "POST", "path": base, "summary": f"Create a {label}"},
        {"method": "GET", "path": f"{base}/{{id}}", "summary": f"Get a {label} by id"},
        {"method": "PUT", "path": f"{base}/{{id}}", "summary": f"Replace a {label}"},
        {"method": "DELETE", "path": f"{base}/{{id}}", "summary": f"Delete a {label}"},
    ]


def _entities(facts: DescriptionFacts) -> list[dict[str, Any]]:
    return [
        {
            "name": facts.entity,
            "fields": [
                {"name": "id", "type": "UUID", "constraints": "primary key"},
                {"name": "created_at", "type": "datetime", "constraints": "not null, set on insert"},
                {"name": "updated_at", "type": "datetime", "constraints": "not null, set on update"},
            ],
        }
    ]


def offline_values(spec: SectionSpec, facts: DescriptionFacts) -> tuple[dict[str, Any], list[str]]:
    """Values the description supports for one section, and the assumptions behind them."""
    values: dict[str, Any] = {}
    assumptions: list[str] = []
    for slot in spec.slots:
        kind = spec.types[slot.name]
        name = slot.name.lower()
        if kind is SlotType.ENDPOINTS and facts.entity:
            values[slot.name] = _endpoints(facts)
            assumptions.append(f"CRUD endpoints for {facts.entity}, the entity the description names")
        elif kind is SlotType.ENTITIES and facts.entity:
            values[slot.name] = _entities(facts)
            assumptions.append(f"minimal {facts.entity} model: identity and timestamps only; its fields need input")
        elif name == "domain" and facts.domain:
            values[slot.name] = facts.domain
        elif name == "complexity":
            values[slot.name] = facts.complexity
            assumptions.append(f"complexity {facts.complexity_reason}")
        elif name in {"prp_id", "id"}:
            values[slot.name] = facts.prp_id
        elif name in {"feature", "feature_name", "title", "name"}:
            values[slot.name] = facts.feature_name
        else:
            values[slot.name] = None
    return values, assumptions


def offline_brief(facts: DescriptionFacts) -> Brief:
    """The brief the offline drafter works from."""
    endpoints = [f"{e['method']} {e['path']} - {e['summary']}" for e in _endpoints(facts)] if facts.entity else []
    return Brief(
        feature_name=facts.feature_name,
        summary=facts.description,
        domain=facts.domain or "not stated",
        main_entities=[facts.entity] if facts.entity else [],
        endpoint_outline=endpoints,
        stack_choice="not stated in the description",
        key_assumptions=["drafted offline from the description alone; no model was used"],
    )
