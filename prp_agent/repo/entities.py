"""Existing data models / entities and their field names, per ORM."""

from __future__ import annotations

import re

from prp_agent.repo.entities_other import other_models
from prp_agent.repo.source import SourceFile, class_end
from prp_agent.repo.types import Evidence, RepoModel

__all__ = ["extract_models"]

_PY_CLASS = re.compile(r"^class\s+(\w+)\(([^)]*)\)\s*:", re.M)
_PY_ORM_BASES = re.compile(
    r"\b(Base|DeclarativeBase|db\.Model|models\.Model|Model|SQLModel|AbstractUser|TimestampedModel)\b"
)
_PY_FIELD = re.compile(
    r"^[ \t]+(\w+)\s*(?::\s*(?:\w+\.)?Mapped\[|"
    r"=\s*(?:\w+\.)?(?:Column|mapped_column|relationship|models\.\w+|fields\.\w+|Field|\w+Field|ForeignKeyField)\()",
    re.M,
)
_PY_SQLMODEL_FIELD = re.compile(r"^[ \t]+(\w+)\s*:\s*[\w\[\]|. ]+(?:=|$)", re.M)
_JS_MONGOOSE = re.compile(r"""mongoose\.model\(\s*['"](\w+)['"]|model\(\s*['"](\w+)['"]\s*,\s*\w+Schema""")
_JS_SCHEMA_FIELDS = re.compile(r"""new\s+(?:mongoose\.)?Schema\(\s*\{(.*?)\}\s*(?:,\s*\{[^}]*\}\s*)?\)""", re.S)
_ENTITY_CLASS = re.compile(
    r"@(?:Entity|MappedEntity|Document)(?:\((?:[^()]|\([^()]*\))*\))?\s*(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?\s*)*"
    r"(?:export\s+)?(?:public\s+|final\s+|abstract\s+)*(?:data\s+|open\s+)?class\s+(\w+)"
)
_TS_COLUMN = re.compile(
    r"@(?:Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn|"
    r"ManyToOne|OneToMany|ManyToMany|OneToOne)\([^)]*\)\s*(\w+)"
)
_JAVA_FIELD = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s*)*(?:private|protected|public)?\s*(?:val|var)?\s*(?:[\w<>,? ]+\s+)?"
    r"(\w+)\s*(?::\s*[\w<>?]+)?\s*(?:=[^;\n]*)?[;,]?\s*$",
    re.M,
)
_PRISMA_MODEL = re.compile(r"^model\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)
_SEQUELIZE = re.compile(r"""\.define\(\s*['"](\w+)['"]|class\s+(\w+)\s+extends\s+Model\b""")
_GO_STRUCT = re.compile(r"type\s+(\w+)\s+struct\s*\{(.*?)^\}", re.M | re.S)
_RUBY_MODEL = re.compile(r"class\s+([\w:]+)\s*<\s*(?:ApplicationRecord|ActiveRecord::Base)")
_PHP_MODEL = re.compile(r"class\s+(\w+)\s+extends\s+(?:Model|Authenticatable)\b")
_PHP_FILLABLE = re.compile(r"\$fillable\s*=\s*\[([^\]]*)\]")
_CS_DBSET = re.compile(r"DbSet<(\w+)>")
_CS_PROPERTY = re.compile(r"public\s+[\w<>?]+\s+(\w+)\s*\{\s*get;")


def extract_models(files: list[SourceFile]) -> list[RepoModel]:
    """Every model the extractors find, one per name, sorted by name."""
    found: dict[str, RepoModel] = {}

    def add(name: str, fields: list[str], source: SourceFile, offset: int) -> None:
        if name not in found:
            evidence = Evidence(path=source.path, line=source.line(offset))
            found[name] = RepoModel(name=name, fields=list(dict.fromkeys(fields)), evidence=evidence)

    dbsets = {m.group(1) for f in files if f.language == "C#" for m in _CS_DBSET.finditer(f.code)}
    project_bases = python_model_bases(files)
    for source in files:
        code = source.code
        if source.language == "Python":
            _python_models(source, add, project_bases)
        elif source.language in {"TypeScript", "JavaScript"}:
            _js_models(source, add)
        elif source.language in {"Java", "Kotlin"}:
            for match in _ENTITY_CLASS.finditer(code):
                body = code[match.end() : class_end(code, match.end())]
                add(
                    match.group(1),
                    [m.group(1) for m in _JAVA_FIELD.finditer(body) if m.group(1) not in _JAVA_SKIP],
                    source,
                    match.start(),
                )
        elif source.language == "Go" and "gorm" in code:
            for match in _GO_STRUCT.finditer(code):
                if "gorm.Model" in match.group(2) or 'gorm:"' in match.group(2):
                    add(
                        match.group(1),
                        re.findall(r"^\s*([A-Z]\w*)\s+[\w.*\[\]]+", match.group(2), re.M),
                        source,
                        match.start(),
                    )
        elif source.language == "Ruby" and "/models/" in "/" + source.path:
            for match in _RUBY_MODEL.finditer(code):
                if match.group(1) != "ApplicationRecord":
                    add(match.group(1), [], source, match.start())
        elif source.language == "PHP" and "/Models/" in "/" + source.path:
            for match in _PHP_MODEL.finditer(code):
                fillable = _PHP_FILLABLE.search(code)
                add(
                    match.group(1),
                    re.findall(r"""['"](\w+)['"]""", fillable.group(1)) if fillable else [],
                    source,
                    match.start(),
                )
        elif source.language == "C#":
            for match in re.finditer(r"class\s+(\w+)\b", code):
                if match.group(1) in dbsets:
                    body = code[match.end() : class_end(code, match.end())]
                    add(match.group(1), _CS_PROPERTY.findall(body), source, match.start())
        other_models(source, add)
        if source.path.endswith(".prisma"):
            for match in _PRISMA_MODEL.finditer(code):
                fields = re.findall(r"^\s*(\w+)\s+\w", match.group(2), re.M)
                add(match.group(1), [f for f in fields if not f.startswith("@")], source, match.start())
    return [found[name] for name in sorted(found)]


_JAVA_SKIP = {"class", "return", "public", "private", "this", "super"}


def python_model_bases(files: list[SourceFile]) -> set[str]:
    """Classes defined in the repository that models derive from (a project's own abstract `BaseModel`)."""
    found: set[str] = set()
    python = [f for f in files if f.language == "Python"]
    classes = [(m.group(1), m.group(2), "pydantic" in f.code) for f in python for m in _PY_CLASS.finditer(f.code)]
    for _ in range(3):  # bases of bases
        for name, bases, pydantic in classes:
            orm = _PY_ORM_BASES.search(bases) or not found.isdisjoint(re.findall(r"\w+", bases))
            if orm and not (pydantic and "BaseModel" in bases) and "Schema" not in bases:
                found.add(name)
    return found


def _python_models(source: SourceFile, add: object, project_bases: set[str]) -> None:
    assert callable(add)
    code = source.code
    classes = list(_PY_CLASS.finditer(code))
    for i, match in enumerate(classes):
        bases = match.group(2)
        own_base = not (project_bases - {match.group(1)}).isdisjoint(re.findall(r"\w+", bases))
        if not (_PY_ORM_BASES.search(bases) or own_base) or "Schema" in bases:
            continue
        if "BaseModel" in bases and "pydantic" in code:
            continue
        if "SQLModel" in bases and "table=True" not in bases:
            continue
        body = code[match.end() : classes[i + 1].start() if i + 1 < len(classes) else len(code)]
        if match.group(1) in {"Base", "Model"} or "DeclarativeBase" in bases or re.search(r"abstract\s*=\s*True", body):
            continue
        pattern = _PY_SQLMODEL_FIELD if "SQLModel" in bases else _PY_FIELD
        fields = [f for f in pattern.findall(body) if not f.startswith("_") and f not in {"class", "Meta"}]
        if fields or "models.Model" in bases:
            add(match.group(1), fields, source, match.start())


def _js_models(source: SourceFile, add: object) -> None:
    assert callable(add)
    code = source.code
    for match in _ENTITY_CLASS.finditer(code):
        body = code[match.end() : class_end(code, match.end())]
        add(match.group(1), _TS_COLUMN.findall(body), source, match.start())
    for match in _JS_MONGOOSE.finditer(code):
        schema = _JS_SCHEMA_FIELDS.search(code)
        fields = re.findall(r"^\s*(\w+)\s*:", schema.group(1), re.M) if schema else []
        add(match.group(1) or match.group(2), fields, source, match.start())
    if "sequelize" in code.lower():
        for match in _SEQUELIZE.finditer(code):
            add(match.group(1) or match.group(2), [], source, match.start())
