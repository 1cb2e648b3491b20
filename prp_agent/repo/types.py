"""What a repository scan learns: stack facts with evidence, routes, models, env var names, layout."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import AliasChoices, BaseModel, Field

__all__ = [
    "ESTABLISHED",
    "ROLE_ORDER",
    "Evidence",
    "FactKind",
    "RepoEntity",
    "RepoFacts",
    "RepoRoute",
    "Role",
    "SkippedFile",
    "StackFact",
    "built",
    "role_rank",
]

_Model = TypeVar("_Model", bound=BaseModel)
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def built(model: type[_Model], **values: Any) -> _Model:
    """A model made from values of the right types with every field given, unvalidated: for the tens of thousands
    of routes and entities of a large repository. They share one set of set fields per class instead of a set each
    (216 bytes per object: 50 MB at 200,000 files); adding a name to a set that holds every name changes nothing."""
    return model.model_construct(_ALL_FIELDS.setdefault(model, set(model.model_fields)), **values)


FactKind = Literal[
    "language",
    "web_framework",
    "orm",
    "database",
    "migrations",
    "auth",
    "validation",
    "test_framework",
    "ci",
    "container",
    "package_manager",
    "api_style",
]

ESTABLISHED = 0.5  # the confidence from which a fact counts as established (and is stated, not guessed)


class Evidence(BaseModel):
    """Where a fact was seen: a path, the line when it applies, and what was seen there."""

    path: str
    line: int | None = None
    note: str = ""


# What a value does within its kind: for tests, the runner and the libraries around it; for databases, the
# environment it serves (or `cache`). Other kinds have no role.
Role = Literal[
    "runner", "http-client", "factories", "plugin", "containers", "mocking", "http-mocking", "assertions",
    "db-reset", "e2e", "bdd", "production", "development", "test", "cache",
]  # fmt: skip
ROLE_ORDER: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]


class StackFact(BaseModel):
    """One fact about the stack (e.g. web_framework = FastAPI), how sure we are, and why. A kind may hold several
    values, each with a role (a test runner and its libraries; a production and a test database)."""

    kind: FactKind
    value: str
    confidence: float = Field(ge=0, le=1)
    evidence: list[Evidence]
    conflict: bool = False  # another value of the same kind has evidence too; both are reported
    role: Role | None = None

    @property
    def established(self) -> bool:
        """Whether the evidence is strong enough to state the fact rather than guess it."""
        return self.confidence >= ESTABLISHED


class RepoRoute(BaseModel):
    """An existing HTTP route."""

    method: str
    path: str
    evidence: Evidence
    conditional: bool = False  # registered under an `if` (feature flag, settings switch)


class RepoEntity(BaseModel):
    """An existing entity (an ORM model, a table of a SQL-first data layer) and its field names."""

    name: str
    fields: list[str] = Field(default_factory=list)
    evidence: Evidence


class SkippedFile(BaseModel):
    """A file left unread, and why (`time budget`: it took longer than its budget to parse)."""

    path: str
    reason: str


class RepoFacts(BaseModel):
    """Everything a scan learned, in a deterministic order."""

    root: str
    revision: str  # "git:<commit>" or "tree:<sha256 of paths, sizes and mtimes>"
    files_scanned: int
    facts: list[StackFact]
    routes: list[RepoRoute]
    # "models" is what sidecars written before 0.2 call it
    entities: list[RepoEntity] = Field(validation_alias=AliasChoices("entities", "models"))
    env_vars: list[str]
    layout: list[str]
    conflicts: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)

    def values(self, kind: FactKind) -> list[str]:
        """The values of one kind of fact, most confident first."""
        return [f.value for f in sorted(self.facts, key=lambda f: -f.confidence) if f.kind == kind]

    def established(self, kind: FactKind, threshold: float = ESTABLISHED) -> list[StackFact]:
        """The established facts of one kind: the primary value first (the runner; the production database), then
        the others by role and confidence."""
        found = [f for f in self.facts if f.kind == kind and f.confidence >= threshold]
        return sorted(found, key=lambda f: (f.conflict, role_rank(f.role), -f.confidence, f.value))

    def primary(self, kind: FactKind, threshold: float = 0.5) -> StackFact | None:
        """The main value of a kind (None when none is established)."""
        found = self.established(kind, threshold)
        return found[0] if found else None


def role_rank(role: str | None) -> int:
    """Where a role sorts: the runner before its libraries, production before development and tests."""
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
