"""Existing data models (entities) of a repository and their field names, every ecosystem's finders run in turn
(see `repo/ecosystems/`)."""

from __future__ import annotations

from collections import Counter

from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.source import SourceFile, singular_class
from prp_agent.repo.tables import model_table, table_name
from prp_agent.repo.types import Evidence, RepoEntity, built

__all__ = ["extract_entities"]


def extract_entities(
    files: list[SourceFile],
    declared: dict[tuple[str, str], list[str]] | None = None,
    tables: dict[str, list[str]] | None = None,
    table_sources: dict[str, str] | None = None,
) -> list[RepoEntity]:
    """Every model the finders find, one per name (the first found), sorted by name. `declared` holds the fields
    syntax trees show for (file, class); where it has them, they replace what a finder read. A model that declares
    no fields (ActiveRecord, Eloquent) takes its table's columns from `tables`."""
    found: dict[str, RepoEntity] = {}
    declared, tables = declared or {}, tables or {}

    def add(name: str, fields: list[str], source: SourceFile, offset: int) -> None:
        parts = name.split("::")  # a Ruby class in modules: `Archived::Petition`
        fields = declared.get((source.path, parts[-1])) or fields
        if source.language == "PHP":  # `$_accessible`, `$_hidden`: a framework's settings, not columns
            fields = [f for f in fields if not f.startswith("_")]
        for n in range(len(parts)) if not fields and source.language in {"Ruby", "PHP"} else ():
            nested = "".join(parts[n:])  # `archived_petition_emails` (a table name prefix), then `emails`
            fields = tables.get(model_table(nested)) or tables.get(table_name(nested), [])
            if fields:
                break
        if name not in found:
            evidence = built(Evidence, path=source.path, line=source.line(offset), note="")
            found[name] = built(RepoEntity, name=name, fields=list(dict.fromkeys(fields)), evidence=evidence)

    finders = [ecosystem.entity_finder(files) for ecosystem in ECOSYSTEMS]
    for source in files:
        for find in finders:
            find(source, add)
    _table_entities(found, tables, table_sources or {})
    named = _short_names(found)
    return [named[name] for name in sorted(named)]


def _short_names(found: dict[str, RepoEntity]) -> dict[str, RepoEntity]:
    """Models by their class name, and by their full name (`Archived::Petition`) only where two share one."""
    shared = Counter(name.rsplit("::", 1)[-1] for name in found)
    out: dict[str, RepoEntity] = {}
    for name, entity in found.items():
        short = name.rsplit("::", 1)[-1]
        kept = short if shared[short] == 1 else name
        out[kept] = entity if kept == entity.name else entity.model_copy(update={"name": kept})
    return out


def _table_entities(found: dict[str, RepoEntity], tables: dict[str, list[str]], sources: dict[str, str]) -> None:
    """An application that writes its SQL itself (sqlx, sqlc, jOOQ, MyBatis, Knex, Kysely) has tables, not model
    classes: when the classes found cover fewer than half of the tables, each table is an entity under its own
    name (`order_items`: there is no class to name it otherwise)."""
    covered = {model_table(name) for name in found} | {table_name(name) for name in found}
    covered |= {name.lower() for name in found}
    missing = {t: c for t, c in tables.items() if t not in covered and singular_class(t).lower() not in covered}
    if not tables or len(missing) <= len(tables) / 2 or not sources:
        return
    for table, columns in missing.items():
        if table not in found and sources.get(table):
            found[table] = RepoEntity(name=table, fields=columns, evidence=Evidence(path=sources[table], note="table"))
