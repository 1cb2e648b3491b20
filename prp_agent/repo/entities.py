"""Existing data models (entities) of a repository and their field names, every ecosystem's finders run in turn
(see `repo/ecosystems/`)."""

from __future__ import annotations

from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.source import SourceFile
from prp_agent.repo.tables import model_table
from prp_agent.repo.types import Evidence, RepoEntity

__all__ = ["extract_entities"]


def extract_entities(
    files: list[SourceFile],
    declared: dict[tuple[str, str], list[str]] | None = None,
    tables: dict[str, list[str]] | None = None,
) -> list[RepoEntity]:
    """Every model the finders find, one per name (the first found), sorted by name. `declared` holds the fields
    syntax trees show for (file, class); where it has them, they replace what a finder read. A model that declares
    no fields (ActiveRecord, Eloquent) takes its table's columns from `tables`."""
    found: dict[str, RepoEntity] = {}
    declared, tables = declared or {}, tables or {}

    def add(name: str, fields: list[str], source: SourceFile, offset: int) -> None:
        fields = declared.get((source.path, name)) or fields
        if not fields and source.language in {"Ruby", "PHP"}:
            fields = tables.get(model_table(name), [])
        if name not in found:
            evidence = Evidence(path=source.path, line=source.line(offset))
            found[name] = RepoEntity(name=name, fields=list(dict.fromkeys(fields)), evidence=evidence)

    finders = [ecosystem.entity_finder(files) for ecosystem in ECOSYSTEMS]
    for source in files:
        for find in finders:
            find(source, add)
    return [found[name] for name in sorted(found)]
