"""C#: ASP.NET Core controllers (`[Route]` on the class, `[Http*]` on actions) and minimal APIs; EF Core
entities (the classes a `DbSet<T>` names).
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import Routes, SourceFile, class_end, normalize_path

__all__ = ["ROUTES", "entity_finder"]


_CS_CLASS_ROUTE = re.compile(r"""\[Route\(\s*"([^"]*)"\s*\)\][^{]*?class\s+(\w+?)(Controller)?\b""", re.S)

_CS_METHOD = re.compile(r"""\[Http(Get|Post|Put|Patch|Delete)(?:\(\s*"([^"]*)"\s*\))?\]""")

_CS_MINIMAL = re.compile(r"""\.Map(Get|Post|Put|Patch|Delete)\(\s*"([^"]*)\"""")

_CS_CLASS = re.compile(r"""\bclass\s+(\w+)\s*(?::\s*(\w+))?""")


def _aspnet(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "C#"]
    # `[Route("api/[controller]")]` on a base controller is inherited by every controller deriving from it
    routed = {m.group(2) + (m.group(3) or ""): m.group(1) for f in sources for m in _CS_CLASS_ROUTE.finditer(f.code)}
    inherited = {m.group(1): routed[m.group(2)] for f in sources for m in _CS_CLASS.finditer(f.code)
                 if m.group(2) in routed and m.group(1) not in routed}  # fmt: skip
    for source in sources:
        classes = list(_CS_CLASS_ROUTE.finditer(source.code))
        plain = [m for m in _CS_CLASS.finditer(source.code) if m.group(1) in inherited]
        for match in _CS_METHOD.finditer(source.code):
            owner = [c for c in classes if c.start() < match.start()]
            heir = [c for c in plain if c.start() < match.start()]
            if heir and (not owner or heir[-1].start() > owner[-1].start()):
                name = heir[-1].group(1)
                base = inherited[name].replace("[controller]", name.removesuffix("Controller"))
            else:
                base = owner[-1].group(1).replace("[controller]", owner[-1].group(2)) if owner else ""
            routes.add(match.group(1), normalize_path(base, match.group(2) or ""), source, match.start())
        for match in _CS_MINIMAL.finditer(source.code):
            routes.add(match.group(1), normalize_path(match.group(2)), source, match.start())


_CS_DBSET = re.compile(r"DbSet<(\w+)>")
# an EF Core mapping with no `DbSet`: `class GroupConfiguration : IEntityTypeConfiguration<Group>`,
# `modelBuilder.Entity<Group>(`
_CS_CONFIGURED = re.compile(r"\bIEntityTypeConfiguration<[ \t]*(\w+)[ \t]*>|\bmodelBuilder\.Entity<[ \t]*(\w+)[ \t]*>")
# What a document store keeps, where no DbSet names it: a repository class over the type (`class OrganizationRepository
# : RepositoryBase<Organization>`), or the MongoDB driver's `IMongoCollection<User>`
_CS_STORED = re.compile(
    r"\bclass[ \t]+\w+Repository\w*[ \t]*(?:<[^>\n]{0,80}>)?[ \t]*:[ \t]*[\w.]*Repository\w*<[ \t]*(\w+)[ \t]*[,>]"
    r"|\bIMongoCollection<[ \t]*(\w+)[ \t]*>"
    # a collection opened by its document type (LiteDB's and the MongoDB driver's `db.GetCollection<GasRecord>("x")`)
    r"|\b(?:GetCollection|ILiteCollection)<[ \t]*(\w+)[ \t]*>"
    # a generic repository registered or injected for the type (`AddRepository<Monograph>("monographs", …)`,
    # `Repository<InboxApiKey> keys` in a constructor)
    r"|\bAddRepository<[ \t]*(\w+)[ \t]*>|[(,][ \t]*I?Repository<[ \t]*(\w+)[ \t]*>[ \t]+\w+[ \t]*[,)]"
)

_CS_PROPERTY = re.compile(r"public\s+[\w<>?]+\s+(\w+)\s*\{\s*get;")


# Fluent NHibernate: `class AnimeSeriesMap : ClassMap<AnimeSeries> { Id(x => x.AnimeSeriesID); Map(x => x.Name); }`
_CS_CLASS_MAP = re.compile(r"\bclass\s+\w+\s*:\s*(?:Sub)?[Cc]lassMap<\s*(\w+)\s*>")
_CS_MAPPED = re.compile(
    r"\b(?:Id|Map|References|HasMany|HasOne|HasManyToMany|Component|Version|CompositeId)\(\s*(\w{1,30})\s*=>\s*\1\.(\w+)"
)


# `modelBuilder.Entity("Shop.Catalog.Models.Category", b => { b.Property<long>("Id") … })` in a ModelSnapshot
_SNAPSHOT_ENTITY = re.compile(r'modelBuilder\.Entity\("([\w.]+)",[ \t]*\w+[ \t]*=>')
_SNAPSHOT_PROPERTY = re.compile(r'\b\w+\.Property<[\w.?<>, \[\]]{1,80}>\("(\w+)"\)')


def _snapshot_entities(source: SourceFile, add: Add) -> None:
    """The entities an EF Core model snapshot maps, with their properties: what the database holds whether or not
    a `DbSet` names the class (modular apps register entities by reflection)."""
    code = source.code
    starts = list(_SNAPSHOT_ENTITY.finditer(code))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(code)
        fields = [m.group(1) for m in _SNAPSHOT_PROPERTY.finditer(code, match.end(), end)]
        add(match.group(1).rsplit(".", 1)[-1], list(dict.fromkeys(fields)), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """EF Core entities: the classes some `DbSet<T>` of the repository names, with their properties (and the
    documents a repository class or a MongoDB or LiteDB collection keeps); Fluent NHibernate's mapped classes, with the
    properties their `ClassMap` maps."""
    dbsets = {m.group(1) for f in files if f.language == "C#" for m in _CS_DBSET.finditer(f.code)}
    dbsets |= {
        next(g for g in m.groups() if g)
        for f in files
        if f.language == "C#" and ("IEntityTypeConfiguration<" in f.code or "modelBuilder.Entity<" in f.code)
        for m in _CS_CONFIGURED.finditer(f.code)
    }
    dbsets |= {
        next(g for g in m.groups() if g)
        for f in files
        if f.language == "C#" and ("Repository" in f.code or "Collection<" in f.code)
        for m in _CS_STORED.finditer(f.code)
    } - {"T", "TEntity", "TModel", "TDocument", "BsonDocument"}

    def find(source: SourceFile, add: Add) -> None:
        if source.language != "C#":
            return
        code = source.code
        if source.path.endswith("ModelSnapshot.cs"):  # EF Core's migrations snapshot: every entity, as mapped
            _snapshot_entities(source, add)
            return
        if "lassMap<" in code:
            for match in _CS_CLASS_MAP.finditer(code):
                body = code[match.end() : class_end(code, match.end())]
                add(match.group(1), [m.group(2) for m in _CS_MAPPED.finditer(body)], source, match.start())
        for match in re.finditer(r"class\s+(\w+)\b", code):
            if match.group(1) in dbsets:
                body = code[match.end() : class_end(code, match.end())]
                add(match.group(1), _CS_PROPERTY.findall(body), source, match.start())

    return find


ROUTES = (_aspnet,)
