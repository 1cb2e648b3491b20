"""The offline drafter: what the inputs state, and nothing passed off as stated.

Slots the stated facts answer are filled from them, typed (99.95 → a percentage, "p95 under 150 ms" → a latency)
and cited as stated. Endpoints and entities the description lists are the draft's, exactly. What is derived by
rule instead — endpoints from the description's verb and noun, a minimal entity, field types, a complexity
estimate — may be written, but its section is flagged `assumed` with what it was guessed from. With a repository,
derived endpoints use its route prefix and existing models are reused, not redefined. Figures (SLAs, metrics) and
choices (stack, database) that nothing states stay NEEDS INPUT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from prp_agent.drafting.intent import read_intent
from prp_agent.drafting.keeping import full_path
from prp_agent.drafting.phrases import clauses
from prp_agent.drafting.stated import StatedFacts, read_stated
from prp_agent.templates.schemas import TITLE_SLOTS, Brief, SectionSpec, SlotType

if TYPE_CHECKING:
    from prp_agent.repo.types import RepoFacts

__all__ = [
    "DescriptionFacts", "OfflineValues", "offline_brief", "offline_values", "plural", "read_description",
    "unplaced_clauses",
]  # fmt: skip

_FEATURES = {
    "auth", "authentication", "authorization", "oauth", "sso", "login", "payment", "payments", "billing",
    "integration", "integrations", "webhook", "webhooks", "realtime", "real-time", "websocket", "search",
    "upload", "uploads", "notification", "notifications", "email", "multi-tenant", "tenant", "workflow",
    "analytics", "reporting", "export", "import", "queue", "async", "scheduling", "audit", "rbac", "roles",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?![nrs]i|ni|se|sa|ti))", re.I)


def plural(word: str) -> str:
    """A noun's plural, for resource paths."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def article(noun: str) -> str:
    """ "a" or "an" before a noun ("an invoice", "a user")."""
    return "an" if _VOWEL_SOUND.match(noun) else "a"


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
    intent: str = "manage"
    intent_word: str = ""
    stated: StatedFacts = field(default_factory=StatedFacts)
    no_resource: str = ""  # why no endpoints or entities are derived: the description names no resource

    @property
    def entity(self) -> str | None:
        """The main entity in PascalCase (e.g. `BlogPost`), or None when the description names none."""
        return "".join(w.capitalize() for w in self.entity_words) or None

    @property
    def resource(self) -> str:
        """The collection path segment (e.g. `blog-posts`)."""
        words = [*self.entity_words[:-1], plural(self.entity_words[-1])]
        return "-".join(words)

    @property
    def noun(self) -> str:
        """The entity in words ("blog post")."""
        return " ".join(self.entity_words)


def _prp_id(name: str) -> str:
    slug = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0]  # at a word boundary, never mid-word
    return f"PRP-{slug or 'DRAFT'}"


def read_description(description: str) -> DescriptionFacts:
    """Read the feature name, main entity, intent, domain, complexity and the stated facts of a description."""
    text = " ".join(description.split())
    words = _WORD.findall(text)
    lowered = {w.lower() for w in words}
    asked = read_intent(description)
    entity, intent, cue = asked.resource, asked.action, asked.cue
    domain = None
    if lowered & {"api", "apis", "rest", "restful", "graphql", "endpoint", "endpoints"}:
        domain = "API"
    elif lowered & {"microservice", "service", "services"}:
        domain = "Microservice"
    elif lowered & {"database", "schema", "migration", "migrations"}:
        domain = "Database"
    if domain and entity:
        domain = f"{domain} — {' '.join(entity)} {'management' if intent == 'manage' else intent}"
    features = sorted(lowered & _FEATURES)
    score = len(features) + len(words) // 40
    complexity = "Low" if score == 0 else "Medium" if score <= 2 else "High"
    reason = f"estimated from the description: {len(words)} words" + (
        f", mentions {', '.join(features)}" if features else ", no integrations or cross-cutting features mentioned"
    )
    first = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(".;:")
    name = first if len(first) <= 60 else first[:60].rsplit(" ", 1)[0]
    return DescriptionFacts(
        description=description.strip(),
        feature_name=name[:1].upper() + name[1:],
        entity_words=entity,
        domain=domain,
        complexity=complexity,
        complexity_reason=reason,
        prp_id=_prp_id(name),
        intent=intent,
        intent_word=cue,
        stated=read_stated(description),
        no_resource=asked.reason,
    )


@dataclass
class OfflineValues:
    """One section's offline values: what they are, why, and which were guessed rather than stated."""

    values: dict[str, Any] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)  # "endpoints guessed from 'invoice'; …" — flagged `assumed`
    missing: list[str] = field(default_factory=list)  # why slots stay NEEDS INPUT, beyond "nothing says"


# --- endpoints and entities ---------------------------------------------------------------------------------------


_SCALING = re.compile(
    r"(?:horizontal(?:ly)?|vertical(?:ly)?|auto-?)\s*scal\w*(?: to [\w .]+?(?=[,;.]|$))?|scales? (?:out|up) to [^,;.]+",
    re.IGNORECASE,
)
_API_PREFIX = re.compile(r"/(?:api|rest|v\d+)(?:/v\d+)?")


def _prefix(repo: RepoFacts | None) -> str:
    """The route prefix most of the repository's routes share (`/api/v1`); `/api` without a repository, and no
    prefix for a repository whose routes have none."""
    if repo is None or not repo.routes:
        return "/api"
    counts: dict[str, int] = {}
    for route in repo.routes:
        parts = route.path.split("/")
        for depth in (3, 2):
            head = "/".join(parts[:depth])
            if _API_PREFIX.fullmatch(head) and len(parts) > depth:
                counts[head] = counts.get(head, 0) + 1
    best = max(counts.items(), key=lambda item: (item[1], len(item[0])), default=None)
    return best[0] if best and best[1] * 2 >= len(repo.routes) else ""


def _derived_endpoints(facts: DescriptionFacts, repo: RepoFacts | None) -> list[dict[str, str]]:
    base = f"{_prefix(repo)}/{facts.resource}"
    one, many = facts.noun, " ".join([*facts.entity_words[:-1], plural(facts.entity_words[-1])])
    intent = facts.intent
    if intent == "reset":
        return [
            {"method": "POST", "path": f"{_prefix(repo)}/{facts.entity_words[-1]}-resets",
             "summary": f"Request {article(one)} {one} reset (sends a one-time link)"},
            {"method": "POST", "path": f"{_prefix(repo)}/{facts.entity_words[-1]}-resets/confirm",
             "summary": f"Set a new {one} with a valid reset token"},
        ]  # fmt: skip
    if intent == "export":
        return [
            {"method": "POST", "path": f"{base}/exports", "summary": f"Start an export of {many}"},
            {"method": "GET", "path": f"{base}/exports/{{id}}", "summary": "Export status and download link"},
        ]
    if intent == "import":
        return [{"method": "POST", "path": f"{base}/imports", "summary": f"Import {many} from a file"}]
    if intent == "search":
        return [{"method": "GET", "path": f"{base}/search", "summary": f"Search {many}"}]
    if intent == "upload":
        return [{"method": "POST", "path": f"{base}/uploads", "summary": f"Upload {article(one)} {one}"}]
    if intent == "log":
        return [
            {"method": "GET", "path": base, "summary": f"List {many}, filtered by time and actor"},
            {"method": "GET", "path": f"{base}/{{id}}", "summary": f"Get {article(one)} {one} by id"},
        ]
    return [
        {"method": "GET", "path": base, "summary": f"List {many}"},
        {"method": "POST", "path": base, "summary": f"Create {article(one)} {one}"},
        {"method": "GET", "path": f"{base}/{{id}}", "summary": f"Get {article(one)} {one} by id"},
        {"method": "PUT", "path": f"{base}/{{id}}", "summary": f"Replace {article(one)} {one}"},
        {"method": "DELETE", "path": f"{base}/{{id}}", "summary": f"Delete {article(one)} {one}"},
    ]


def _endpoints(facts: DescriptionFacts, repo: RepoFacts | None, found: OfflineValues) -> list[dict[str, str]] | None:
    listed = facts.stated.of("endpoint")
    if listed:
        found.assumptions.append("the endpoints the description lists, as listed")
        return [{"method": str(f.value["method"]), "path": full_path(f.value), "summary": str(f.value["summary"])}
                for f in listed]  # fmt: skip
    if not facts.entity_words:
        found.missing.append(facts.no_resource)
        return None
    what = f"'{facts.noun}'" + (f" and '{facts.intent_word}'" if facts.intent_word else "")
    found.guessed.append(f"endpoints guessed from {what}; the description lists none")
    return _reuse_routes(_derived_endpoints(facts, repo), repo, found)


def _shape(method: str, path: str) -> tuple[str, str]:
    return method.upper(), re.sub(r"\{[^}]*\}|:\w+|<[^>]*>", "{}", path.lower().rstrip("/"))


def _reuse_routes(
    endpoints: list[dict[str, str]], repo: RepoFacts | None, found: OfflineValues
) -> list[dict[str, str]]:
    """Endpoints the repository already has keep its exact path and say where they are: added to, not redefined.
    New ones take the repository's parameter names for the same collection (`/users/{user_id}`, not `{id}`), and a
    replace (PUT) where the repository updates with PATCH is its PATCH."""
    if repo is None:
        return endpoints
    existing = {_shape(r.method, r.path): r for r in repo.routes}
    params = _repo_params(repo)
    reused = []
    for endpoint in endpoints:
        method, path = endpoint["method"], _with_params(endpoint["path"], params)
        route = existing.get(_shape(method, path))
        if route is None and method == "PUT":
            route = existing.get(_shape("PATCH", path))
        if route is None:
            reused.append({**endpoint, "path": path})
            continue
        where = f"{route.evidence.path}:{route.evidence.line}"
        summary = endpoint["summary"].replace("Replace", "Update") if route.method != method else endpoint["summary"]
        reused.append({"method": route.method, "path": route.path, "summary": f"{summary} (exists: {where})"})
    kept = sum("(exists:" in e["summary"] for e in reused)
    if kept:
        found.assumptions.append(f"{kept} of these endpoints already exist in the repository and are kept as they are")
    return list({(e["method"], e["path"]): e for e in reused}.values())


_PARAM = re.compile(r"\{[^}]*\}|:\w+|<[^>]*>")


def _repo_params(repo: RepoFacts) -> dict[str, str]:
    """The parameter each collection path of the repository takes (`/api/v1/users` → `{user_id}`)."""
    params: dict[str, str] = {}
    for route in repo.routes:
        parts = route.path.rstrip("/").split("/")
        for i, part in enumerate(parts):
            if i and _PARAM.fullmatch(part):
                params.setdefault("/".join(parts[:i]).lower(), part)
    return params


def _with_params(path: str, params: dict[str, str]) -> str:
    parts = path.split("/")
    for i, part in enumerate(parts):
        if i and _PARAM.fullmatch(part) and (own := params.get("/".join(parts[:i]).lower())):
            parts[i] = own
    return "/".join(parts)


def _field_type(name: str, id_type: str) -> str:
    if name == "id" or name.endswith("_id"):
        return id_type
    if name.endswith("_at") or name in {"created", "updated", "timestamp", "date"}:
        return "datetime"
    if name.startswith(("is_", "has_")) or name in {"active", "enabled"}:
        return "bool"
    if name in {"amount", "price", "total", "balance", "cost"}:
        return "decimal"
    if name in {"count", "quantity", "qty", "age", "size"}:
        return "int"
    return "str"


def _entities(facts: DescriptionFacts, repo: RepoFacts | None, found: OfflineValues) -> list[dict[str, Any]] | None:
    existing = {m.name.lower(): m for m in (repo.entities if repo else [])}
    id_type = "same type as the repository's other ids" if existing else "UUID"
    listed = facts.stated.of("entity")
    if listed:
        found.guessed.append("field types guessed from the field names; the description gives none")
        return [{"name": f.value["name"], "fields": [{"name": n, "type": _field_type(n, id_type), "constraints": ""}
                                                     for n in f.value["fields"]]} for f in listed]  # fmt: skip
    if not facts.entity:
        found.missing.append(facts.no_resource)
        return None
    if facts.intent in _INTENT_ENTITIES:
        return _intent_entity(facts, id_type, found)
    model = existing.get(facts.entity.lower())
    if model is not None:
        where = f"{model.evidence.path}:{model.evidence.line}"
        found.assumptions.append(f"{model.name} is the repository's existing model ({where}); it is reused as it is")
        return [
            {
                "name": model.name,
                "fields": [{"name": n, "type": "existing", "constraints": f"as in {where}"} for n in model.fields],
            }
        ]
    found.guessed.append(f"a minimal {facts.entity} model guessed from '{facts.noun}': its fields need input")
    return [
        {
            "name": facts.entity,
            "fields": [
                {"name": "id", "type": id_type, "constraints": "primary key"},
                {"name": "created_at", "type": "datetime", "constraints": "not null, set on insert"},
                {"name": "updated_at", "type": "datetime", "constraints": "not null, set on update"},
            ],
        }
    ]


_INTENT_ENTITIES = {"reset", "export"}
_LIFETIME = re.compile(r"expir|valid|ttl|live|lifetime", re.IGNORECASE)


def _intent_entity(facts: DescriptionFacts, id_type: str, found: OfflineValues) -> list[dict[str, Any]]:
    """The record an intent needs (a reset token, an export job), with what the description states about it."""
    owner = facts.entity_words[-1]
    lifetimes = [f for f in facts.stated.of("duration") if _LIFETIME.search(f"{f.value['subject']} {f.text}")]
    lifetime = lifetimes[0] if lifetimes else None
    stated = (
        f"expires {lifetime.value['value']:g} {lifetime.value['unit']} after it is issued (stated)" if lifetime else ""
    )
    if facts.intent == "reset":
        name = f"{facts.entity}ResetToken"
        fields = [("id", id_type, "primary key"), ("user_id", id_type, "references the account being reset"),
                  ("token_hash", "str", "unique; only a hash is stored"), ("expires_at", "datetime", stated),
                  ("used_at", "datetime", "null until the token is used; single use")]  # fmt: skip
    else:
        name = f"{facts.entity}Export"
        fields = [("id", id_type, "primary key"), ("status", "str", "queued, running, done or failed"),
                  ("format", "str", "the file format asked for"), ("file_url", "str", "set when done"),
                  ("requested_by", id_type, ""), ("created_at", "datetime", "not null")]  # fmt: skip
    found.guessed.append(f"the {name} record guessed from '{owner}' and '{facts.intent_word}'; check its fields")
    return [{"name": name, "fields": [{"name": n, "type": t, "constraints": c} for n, t, c in fields]}]


# --- slot by slot ---------------------------------------------------------------------------------------------------

_TECH_SLOTS = {
    "framework": ("web_framework",), "web_framework": ("web_framework",), "orm": ("orm",),
    "database": ("database",), "dbms": ("database",), "migrations": ("migrations",), "auth": ("auth",),
    "authentication": ("auth",), "validation": ("validation",), "cache": ("cache",), "queue": ("queue",),
    "cloud": ("cloud",), "language": ("language",),
    "technology": ("language", "web_framework", "orm", "database"),
    "tech_stack": ("language", "web_framework", "orm", "database"),
    "stack": ("language", "web_framework", "orm", "database"),
}  # fmt: skip


def _stated_figure(kind: SlotType, stated: StatedFacts) -> Any:
    if kind is SlotType.PERCENTAGE and (fact := stated.first("availability")):
        return fact.value["percent"]
    if kind is SlotType.LATENCY and (fact := stated.first("latency")):
        return {"value": fact.value["value"], "unit": fact.value["unit"], "percentile": fact.value["percentile"]}
    if kind is SlotType.THROUGHPUT and (fact := stated.first("throughput")):
        return {"value": fact.value["value"], "unit": fact.value["unit"]}
    return None


_UNSLOTTED = {"duration", "size", "count", "limit", "percent", "rule"}  # stated facts no typed slot takes
_FIGURE_SLOTS = {"availability": SlotType.PERCENTAGE, "latency": SlotType.LATENCY, "throughput": SlotType.THROUGHPUT}


def unplaced_clauses(facts: DescriptionFacts, specs: list[SectionSpec]) -> list[str]:
    """The description's clauses that state what no slot of the template will hold — a token lifetime, an upload
    limit, a rule, a second latency figure, a technology of a kind no slot names — as written."""
    types = {spec.types[slot.name] for spec in specs for slot in spec.slots}
    names = {slot.name.lower() for spec in specs for slot in spec.slots}
    placed_categories = {c for name in names & set(_TECH_SLOTS) for c in _TECH_SLOTS[name]}
    spans: list[int] = []
    seen: set[str] = set()
    for fact in facts.stated.facts:
        if fact.kind in _FIGURE_SLOTS:
            if _FIGURE_SLOTS[fact.kind] in types and fact.kind not in seen:
                seen.add(fact.kind)  # the first one goes to its slot
                continue
        elif fact.kind == "technology":
            if fact.value["category"] in placed_categories:
                continue
        elif fact.kind not in _UNSLOTTED:
            continue
        spans.append(fact.start)
    text = facts.description
    said: list[str] = []
    for start, end in clauses(text):
        if any(start <= at < end for at in spans):
            clause = " ".join(text[start:end].split()).strip(" -*•")
            if clause and clause not in said:
                said.append(clause)
    return said


def offline_values(
    spec: SectionSpec,
    facts: DescriptionFacts,
    repo: RepoFacts | None = None,
    host: tuple[str, list[str]] | None = None,
) -> OfflineValues:
    """The values the inputs support for one section, the assumptions behind them, and what was guessed; `host` is
    the slot that holds what the description states and no other slot takes, with those clauses."""
    found = OfflineValues()
    for slot in spec.slots:
        kind = spec.types[slot.name]
        name = slot.name.lower()
        value: Any = None
        if host is not None and slot.name == host[0] and host[1]:
            value = host[1] if kind is SlotType.LIST else "; ".join(host[1])
            found.assumptions.append(f"{slot.label}: what the description states, as written")
        elif name in TITLE_SLOTS:
            value = facts.feature_name
        elif kind is SlotType.ENDPOINTS:
            value = _endpoints(facts, repo, found)
        elif kind is SlotType.ENTITIES:
            value = _entities(facts, repo, found)
        elif kind in {SlotType.PERCENTAGE, SlotType.LATENCY, SlotType.THROUGHPUT}:
            value = _stated_figure(kind, facts.stated)
            if value is not None:
                found.assumptions.append(f"{slot.label}: stated in the description")
        elif name in _TECH_SLOTS and kind in {SlotType.TEXT, SlotType.LIST}:
            names = [n for category in _TECH_SLOTS[name] for n in facts.stated.technologies(category)]
            if names:
                value = names if kind is SlotType.LIST else ", ".join(names)
                found.assumptions.append(f"{slot.label}: stated in the description")
        elif name in {"scalability", "scaling"} and (scaling := _SCALING.search(facts.description)):
            value = scaling.group(0)
            found.assumptions.append(f"{slot.label}: stated in the description")
        elif name == "domain" and facts.domain:
            value = facts.domain
        elif name == "complexity":
            value = facts.complexity
            found.guessed.append(f"complexity {facts.complexity_reason}")
        elif name in {"prp_id", "id"}:
            value = facts.prp_id
        found.values[slot.name] = value
    return found


def offline_brief(facts: DescriptionFacts) -> Brief:
    """The brief the offline drafter works from."""
    listed = facts.stated.of("endpoint")
    if listed:
        outline = [f"{f.value['method']} {f.value['path']} - {f.value['summary']}".rstrip(" -") for f in listed]
    elif facts.entity_words:
        outline = [f"{e['method']} {e['path']} - {e['summary']}" for e in _derived_endpoints(facts, None)]
    else:
        outline = []
    stack = ", ".join(f.value["name"] for f in facts.stated.of("technology"))
    return Brief(
        feature_name=facts.feature_name,
        summary=" ".join(facts.description.split()),
        domain=facts.domain or "not stated",
        main_entities=[f.value["name"] for f in facts.stated.of("entity")] or ([facts.entity] if facts.entity else []),
        endpoint_outline=outline,
        stack_choice=stack or "not stated in the description",
        key_assumptions=["read from the description by rules; no model was used"],
        stated_facts=[f.text for f in facts.stated.facts if f.kind not in {"role", "rule"}],
    )
