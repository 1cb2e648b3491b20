"""What a repository scan learns: stack facts with evidence, routes, models, env var names, layout."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["Evidence", "FactKind", "RepoFacts", "RepoModel", "RepoRoute", "StackFact"]

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


class Evidence(BaseModel):
    """Where a fact was seen: a path, the line when it applies, and what was seen there."""

    path: str
    line: int | None = None
    note: str = ""


class StackFact(BaseModel):
    """One fact about the stack (e.g. web_framework = FastAPI), how sure we are, and why."""

    kind: FactKind
    value: str
    confidence: float = Field(ge=0, le=1)
    evidence: list[Evidence]
    conflict: bool = False  # another value of the same kind has evidence too; both are reported


class RepoRoute(BaseModel):
    """An existing HTTP route."""

    method: str
    path: str
    evidence: Evidence
    conditional: bool = False  # registered under an `if` (feature flag, settings switch)


class RepoModel(BaseModel):
    """An existing data model / entity and its field names."""

    name: str
    fields: list[str] = Field(default_factory=list)
    evidence: Evidence


class RepoFacts(BaseModel):
    """Everything a scan learned, in a deterministic order."""

    root: str
    revision: str  # "git:<commit>" or "tree:<sha256 of paths, sizes and mtimes>"
    files_scanned: int
    facts: list[StackFact]
    routes: list[RepoRoute]
    models: list[RepoModel]
    env_vars: list[str]
    layout: list[str]
    conflicts: list[str] = Field(default_factory=list)

    def values(self, kind: FactKind) -> list[str]:
        """The values of one kind of fact, most confident first."""
        return [f.value for f in sorted(self.facts, key=lambda f: -f.confidence) if f.kind == kind]
