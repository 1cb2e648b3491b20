"""Stack signals: what manifests declare, what code imports, what config and layout show.

Each signal is (kind, value, weight, evidence). A declared dependency weighs little; an import in code, a config
setting or a telling file weighs more. `facts.py` combines them into facts with confidences and conflicts.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .types import FactKind

__all__ = ["DECLARED", "IMPORTED", "STRUCTURE", "Seen", "Signal", "declared_signals", "file_signals", "source_language"]

DECLARED = 0.35
IMPORTED = 0.6
STRUCTURE = 0.6

Fact = tuple[FactKind, str]


class Seen(NamedTuple):
    """Where a signal was seen (a plain tuple: signals are many, and cheap to make and to pickle)."""

    path: str
    line: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for a fact."""

    kind: FactKind
    value: str
    weight: float
    evidence: Seen
    source: str  # "declared" | "imported" | "config" | "structure"


# dependency or import name → facts (names are lower-case; a trailing "*" matches a prefix)
PACKAGES: dict[str, tuple[Fact, ...]] = {
    # Python
    "fastapi": (("web_framework", "FastAPI"),),
    "flask": (("web_framework", "Flask"),),
    "django": (("web_framework", "Django"),),
    "djangorestframework": (("web_framework", "Django REST Framework"),),
    "rest_framework": (("web_framework", "Django REST Framework"),),
    "sqlalchemy": (("orm", "SQLAlchemy"),),
    "flask_sqlalchemy": (("orm", "SQLAlchemy"),),
    "flask-sqlalchemy": (("orm", "SQLAlchemy"),),
    "sqlmodel": (("orm", "SQLModel"),),
    "alembic": (("migrations", "Alembic"),),
    "flask_migrate": (("migrations", "Alembic"),),
    "flask-migrate": (("migrations", "Alembic"),),
    "psycopg": (("database", "PostgreSQL"),),
    "psycopg2": (("database", "PostgreSQL"),),
    "psycopg2-binary": (("database", "PostgreSQL"),),
    "asyncpg": (("database", "PostgreSQL"),),
    "mysqlclient": (("database", "MySQL"),),
    "mysqldb": (("database", "MySQL"),),
    "pymysql": (("database", "MySQL"),),
    "aiomysql": (("database", "MySQL"),),
    "pymongo": (("database", "MongoDB"),),
    "motor": (("database", "MongoDB"),),
    "redis": (("database", "Redis"),),
    "pydantic": (("validation", "Pydantic"),),
    "marshmallow": (("validation", "marshmallow"),),
    "flask_marshmallow": (("validation", "marshmallow"),),
    "jose": (("auth", "JWT"),),
    "python-jose": (("auth", "JWT"),),
    "jwt": (("auth", "JWT"),),
    "pyjwt": (("auth", "JWT"),),
    "flask_jwt_extended": (("auth", "JWT"),),
    "flask_login": (("auth", "session"),),
    "flask-login": (("auth", "session"),),
    "authlib": (("auth", "OAuth2"),),
    "pytest": (("test_framework", "pytest"),),
    "pytest-django": (("test_framework", "pytest"),),
    "unittest": (("test_framework", "unittest"),),
    "graphene": (("api_style", "GraphQL"),),
    "strawberry": (("api_style", "GraphQL"),),
    "strawberry-graphql": (("api_style", "GraphQL"),),
    "ariadne": (("api_style", "GraphQL"),),
    # JavaScript / TypeScript
    "express": (("web_framework", "Express"),),
    "@nestjs/core": (("web_framework", "NestJS"),),
    "@nestjs/common": (("web_framework", "NestJS"),),
    "fastify": (("web_framework", "Fastify"),),
    "mongoose": (("orm", "Mongoose"), ("database", "MongoDB")),
    "mongodb": (("database", "MongoDB"),),
    "typeorm": (("orm", "TypeORM"),),
    "@nestjs/typeorm": (("orm", "TypeORM"),),
    "@prisma/client": (("orm", "Prisma"),),
    "prisma": (("orm", "Prisma"),),
    "sequelize": (("orm", "Sequelize"),),
    "pg": (("database", "PostgreSQL"),),
    "mysql2": (("database", "MySQL"),),
    "mysql": (("database", "MySQL"),),
    "sqlite3": (("database", "SQLite"),),
    "better-sqlite3": (("database", "SQLite"),),
    "ioredis": (("database", "Redis"),),
    "joi": (("validation", "Joi"),),
    "zod": (("validation", "zod"),),
    "class-validator": (("validation", "class-validator"),),
    "jsonwebtoken": (("auth", "JWT"),),
    "passport": (("auth", "Passport"),),
    "passport-jwt": (("auth", "JWT"),),
    "@nestjs/jwt": (("auth", "JWT"),),
    "@nestjs/passport": (("auth", "Passport"),),
    "@fastify/jwt": (("auth", "JWT"),),
    "express-session": (("auth", "session"),),
    "jest": (("test_framework", "Jest"),),
    "vitest": (("test_framework", "Vitest"),),
    "mocha": (("test_framework", "Mocha"),),
    "graphql": (("api_style", "GraphQL"),),
    "@apollo/server": (("api_style", "GraphQL"),),
    "apollo-server": (("api_style", "GraphQL"),),
    # Java / Kotlin (imports by prefix, Maven/Gradle artifacts by name)
    "org.springframework.boot*": (("web_framework", "Spring Boot"),),
    "org.springframework.web*": (("web_framework", "Spring Boot"),),
    "spring-boot-starter-web": (("web_framework", "Spring Boot"),),
    "spring-boot-starter-webflux": (("web_framework", "Spring Boot"),),
    "jakarta.persistence*": (("orm", "JPA/Hibernate"),),
    "javax.persistence*": (("orm", "JPA/Hibernate"),),
    "org.hibernate*": (("orm", "JPA/Hibernate"),),
    "spring-boot-starter-data-jpa": (("orm", "JPA/Hibernate"),),
    "flyway-core": (("migrations", "Flyway"),),
    "org.flywaydb*": (("migrations", "Flyway"),),
    "liquibase-core": (("migrations", "Liquibase"),),
    "org.liquibase*": (("migrations", "Liquibase"),),
    "postgresql": (("database", "PostgreSQL"),),
    "mysql-connector-j": (("database", "MySQL"),),
    "mysql-connector-java": (("database", "MySQL"),),
    "org.springframework.security*": (("auth", "Spring Security"),),
    "spring-boot-starter-security": (("auth", "Spring Security"),),
    "spring-boot-starter-oauth2-resource-server": (("auth", "JWT"), ("auth", "OAuth2")),
    "jakarta.validation*": (("validation", "Bean Validation"),),
    "javax.validation*": (("validation", "Bean Validation"),),
    "spring-boot-starter-validation": (("validation", "Bean Validation"),),
    "org.junit*": (("test_framework", "JUnit"),),
    "junit-jupiter": (("test_framework", "JUnit"),),
    # Go (module paths by prefix)
    "github.com/gin-gonic/gin*": (("web_framework", "gin"),),
    "github.com/labstack/echo*": (("web_framework", "echo"),),
    "github.com/go-chi/chi*": (("web_framework", "chi"),),
    "gorm.io/gorm*": (("orm", "GORM"),),
    "gorm.io/driver/postgres*": (("database", "PostgreSQL"),),
    "gorm.io/driver/mysql*": (("database", "MySQL"),),
    "gorm.io/driver/sqlite*": (("database", "SQLite"),),
    "github.com/lib/pq*": (("database", "PostgreSQL"),),
    "github.com/jackc/pgx*": (("database", "PostgreSQL"),),
    "github.com/go-sql-driver/mysql*": (("database", "MySQL"),),
    "github.com/mattn/go-sqlite3*": (("database", "SQLite"),),
    "modernc.org/sqlite*": (("database", "SQLite"),),
    "github.com/golang-migrate/migrate*": (("migrations", "golang-migrate"),),
    "github.com/stretchr/testify*": (("test_framework", "testify"),),
    "github.com/golang-jwt/jwt*": (("auth", "JWT"),),
    # Ruby
    "rails": (("web_framework", "Rails"),),
    "pg#ruby": (("database", "PostgreSQL"),),
    "mysql2#ruby": (("database", "MySQL"),),
    "devise": (("auth", "Devise"),),
    "rspec-rails": (("test_framework", "RSpec"),),
    "rspec": (("test_framework", "RSpec"),),
    # PHP
    "laravel/framework": (("web_framework", "Laravel"),),
    "illuminate*": (("web_framework", "Laravel"),),
    "laravel/sanctum": (("auth", "Sanctum"),),
    "laravel/passport": (("auth", "Passport"),),
    "phpunit/phpunit": (("test_framework", "PHPUnit"),),
    "phpunit*": (("test_framework", "PHPUnit"),),
    # C#
    "microsoft.aspnetcore*": (("web_framework", "ASP.NET Core"),),
    "microsoft.entityframeworkcore*": (("orm", "EF Core"),),
    "microsoft.entityframeworkcore.sqlserver": (("orm", "EF Core"), ("database", "SQL Server")),
    "npgsql.entityframeworkcore.postgresql": (("orm", "EF Core"), ("database", "PostgreSQL")),
    "pomelo.entityframeworkcore.mysql": (("orm", "EF Core"), ("database", "MySQL")),
    "microsoft.aspnetcore.authentication.jwtbearer": (("auth", "JWT"),),
    "fluentvalidation*": (("validation", "FluentValidation"),),
    "xunit*": (("test_framework", "xUnit"),),
    "nunit*": (("test_framework", "NUnit"),),
}
_PREFIXES = sorted(((k[:-1], v) for k, v in PACKAGES.items() if k.endswith("*")), key=lambda kv: -len(kv[0]))

LANGUAGES = {
    ".py": "Python", ".ts": "TypeScript", ".tsx": "TypeScript", ".mts": "TypeScript", ".js": "JavaScript",
    ".mjs": "JavaScript", ".cjs": "JavaScript", ".jsx": "JavaScript", ".java": "Java", ".kt": "Kotlin",
    ".kts": "Kotlin", ".go": "Go", ".rb": "Ruby", ".php": "PHP", ".cs": "C#", ".rs": "Rust", ".scala": "Scala",
    ".ex": "Elixir", ".exs": "Elixir", ".swift": "Swift",
}  # fmt: skip
_TOOL_CONFIG = re.compile(r"(^|/)(\.?[\w-]+\.config\.[cm]?[jt]s|\.eslintrc\.[cm]?js|gulpfile\.js|Gruntfile\.js)$")


@lru_cache(maxsize=4096)
def lookup(name: str, ecosystem: str = "") -> tuple[Fact, ...]:
    """The facts a dependency or import name implies."""
    key = name.lower()
    if ecosystem and f"{key}#{ecosystem}" in PACKAGES:
        return PACKAGES[f"{key}#{ecosystem}"]
    if key in PACKAGES and not key.endswith("*"):
        return PACKAGES[key]
    for prefix, facts in _PREFIXES:
        if key.startswith(prefix):
            return facts
    return ()


def source_language(path: str) -> str | None:
    """The programming language of a source file, None for other files and tool configs."""
    if _TOOL_CONFIG.search(path):
        return None
    dot = path.rfind(".")
    return LANGUAGES.get(path[dot:].lower()) if dot > path.rfind("/") else None


# --- manifests: what is declared ------------------------------------------------------------------------------

_REQ_LINE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", re.M)


def _python_requirements(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            match = _REQ_LINE.match(line)
            if match:
                yield match.group(1)


def _pyproject(text: str) -> Iterator[str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    project = data.get("project", {})
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    for group in data.get("dependency-groups", {}).values():
        specs.extend(s for s in group if isinstance(s, str))
    for spec in specs:
        yield from _python_requirements(str(spec))
    poetry = data.get("tool", {}).get("poetry", {})
    for table in (poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})):
        yield from table
    for group in poetry.get("group", {}).values():
        yield from group.get("dependencies", {})


def _package_json(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return
    for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        section = data.get(key)
        if isinstance(section, dict):
            yield from section


_POM_ARTIFACT = re.compile(r"<artifactId>\s*([\w.-]+)\s*</artifactId>")
_GRADLE_DEP = re.compile(r"""["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']""")
_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}/[^\s]+)\s+v[\d.]", re.M)
_GEM = re.compile(r"""^\s*gem\s+["']([\w-]+)["']""", re.M)
_CSPROJ = re.compile(r"""<PackageReference\s+Include=["']([\w.-]+)["']""", re.I)


def _composer(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return
    for key in ("require", "require-dev"):
        if isinstance(data.get(key), dict):
            yield from data[key]


MANIFESTS: dict[str, tuple[str, object]] = {
    "requirements": ("python", _python_requirements),
    "pyproject.toml": ("python", _pyproject),
    "package.json": ("js", _package_json),
    "pom.xml": ("java", lambda t: _POM_ARTIFACT.findall(t)),
    "build.gradle": ("java", lambda t: [a for _, a in _GRADLE_DEP.findall(t)]),
    "build.gradle.kts": ("java", lambda t: [a for _, a in _GRADLE_DEP.findall(t)]),
    "go.mod": ("go", lambda t: _GO_REQUIRE.findall(t)),
    "gemfile": ("ruby", lambda t: _GEM.findall(t)),
    "composer.json": ("php", _composer),
    ".csproj": ("csharp", lambda t: _CSPROJ.findall(t)),
}


def manifest_kind(name: str) -> str | None:
    """Which manifest parser reads this file, if any."""
    lowered = name.lower()
    if lowered.endswith(".csproj"):
        return ".csproj"
    if lowered.startswith("requirements") and lowered.endswith((".txt", ".in")):
        return "requirements"
    return lowered if lowered in MANIFESTS else None


def declared_signals(path: str, text: str) -> Iterator[Signal]:
    """Signals from one manifest: every dependency it declares that we know."""
    kind = manifest_kind(path.rsplit("/", 1)[-1])
    if kind is None:
        return
    ecosystem, parse = MANIFESTS[kind]
    assert callable(parse)
    seen: set[Fact] = set()
    for name in parse(text):
        for fact in lookup(str(name), "ruby" if ecosystem == "ruby" else ""):
            if fact not in seen:
                seen.add(fact)
                yield Signal(fact[0], fact[1], DECLARED, Seen(path, None, f"declares {name}"), "declared")


# --- source files: what is imported --------------------------------------------------------------------------

_IMPORTS = {
    "Python": re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import|import[ \t]+([\w.]+))", re.M),
    "JavaScript": re.compile(r"""(?:require\(\s*|from\s+|import\s+)["']([@\w][\w@/.-]*)["']"""),
    "Java": re.compile(r"^import\s+(?:static\s+)?([\w.]+)", re.M),
    "Go": re.compile(r"""^\s*(?:import\s+)?(?:\w+\s+)?"([\w.-]+\.[a-z]{2,}/[^"]+)"$""", re.M),
    "PHP": re.compile(r"^use\s+([\w\\]+)", re.M),
    "C#": re.compile(r"^using\s+([\w.]+)\s*;", re.M),
}
_IMPORTS["TypeScript"] = _IMPORTS["JavaScript"]
_IMPORTS["Kotlin"] = _IMPORTS["Java"]


def _package_of(module: str, language: str) -> str:
    if language == "Python":
        return module.split(".")[0]
    if language in {"JavaScript", "TypeScript"}:
        if module.startswith("."):
            return ""
        parts = module.split("/")
        return "/".join(parts[:2]) if module.startswith("@") else parts[0]
    if language == "PHP":
        return module.replace("\\", ".").lower()
    return module


def strip_comments(text: str, language: str | None) -> str:
    """Blank out comments (keeping line numbers) so commented-out code is not evidence."""
    if language in {"Python", "Ruby"}:
        return re.sub(r"(?m)^[ \t]*#.*$", "", text)
    if language in {"JavaScript", "TypeScript", "Java", "Kotlin", "Go", "C#", "PHP", "Rust", "Scala", "Swift"}:
        text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        return re.sub(r"(?m)^[ \t]*(//|#).*$", "", text)
    return text


def import_signals(path: str, code: str, language: str) -> Iterator[Signal]:
    """Signals from the imports of one (comment-stripped) source file."""
    pattern = _IMPORTS.get(language)
    if pattern is None:
        return
    seen: set[Fact] = set()
    for match in pattern.finditer(code):
        module = next(g for g in match.groups() if g)
        for fact in lookup(_package_of(module, language)) or lookup(module):
            if fact not in seen:
                seen.add(fact)
                line = code.count("\n", 0, match.start()) + 1
                yield Signal(fact[0], fact[1], IMPORTED, Seen(path, line, f"imports {module}"), "imported")


# --- config and layout: what files and settings show ---------------------------------------------------------

_DB_URL = re.compile(
    r"\b(postgres(?:ql)?|mysql|mariadb|sqlite|mongodb(?:\+srv)?|redis|sqlserver|mssql)(?:\+\w+)?://", re.I
)
_DB_WORDS = {
    "postgres": "PostgreSQL", "postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MySQL", "sqlite": "SQLite",
    "sqlite3": "SQLite", "mongodb": "MongoDB", "mongodb+srv": "MongoDB", "redis": "Redis", "sqlserver": "SQL Server",
    "mssql": "SQL Server", "pgsql": "PostgreSQL", "npgsql": "PostgreSQL",
}  # fmt: skip
# (literal triggers, pattern, kind, value, note, file suffixes): a pattern only runs on files with one of the
# suffixes (any file when empty) whose text holds one of its triggers
_CONFIG_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], FactKind, str, str, tuple[str, ...]], ...] = (
    (("django.db.backends",), re.compile(r"django\.db\.backends\.(postgresql|mysql|sqlite3|oracle)"), "database", "{db}", "Django ENGINE", (".py",)),
    (("provider",), re.compile(r"""provider\s*=\s*"(postgresql|mysql|sqlite|mongodb|sqlserver)\""""), "database", "{db}", "Prisma datasource", (".prisma",)),
    (("jdbc:",), re.compile(r"jdbc:(postgresql|mysql|mariadb|sqlserver|sqlite)"), "database", "{db}", "JDBC URL", (".yml", ".yaml", ".properties", ".xml", ".java", ".kt", ".env", ".example", ".sample", ".template", ".dist", ".conf")),
    (("adapter:",), re.compile(r"^\s*adapter:\s*(postgresql|mysql2|sqlite3)", re.M), "database", "{db}", "database.yml adapter", (".yml", ".yaml")),
    (("DB_CONNECTION=",), re.compile(r"^DB_CONNECTION=(pgsql|mysql|sqlite|sqlsrv)", re.M), "database", "{db}", "Laravel DB_CONNECTION", (".env", ".example", ".sample", ".template", ".dist", ".php")),
    (("type:",), re.compile(r"""type:\s*['"](postgres|mysql|mariadb|sqlite|mongodb|mssql)['"]"""), "database", "{db}", "TypeORM type", (".ts", ".js", ".json", ".yml", ".yaml")),
    (("Use",), re.compile(r"\bUse(SqlServer|Npgsql|MySql|Sqlite)\("), "database", "{db}", "EF Core provider", (".cs",)),
    (("mongoose.connect",), re.compile(r"mongoose\.connect\("), "database", "MongoDB", "mongoose.connect", (".js", ".ts", ".mjs", ".cjs")),
    (("rest_framework.authentication",), re.compile(r"rest_framework\.authentication\.(Token|Session|Basic)Authentication"), "auth", "{drf_auth}", "DRF authentication", (".py",)),
    (("OAuth2", "oauth2"), re.compile(r"\bOAuth2PasswordBearer\b|\boauth2ResourceServer\b|\bOAuth2\w*Flow"), "auth", "OAuth2", "OAuth2 flow", ()),
    (("Jwt", ".jwt("), re.compile(r"\bJwtBearerDefaults\b|\bAddJwtBearer\(|\.jwt\("), "auth", "JWT", "JWT bearer setup", ()),
    (("APIKey", "API-Key", "api-key", "Api-Key"), re.compile(r"\bAPIKeyHeader\b|\bX-API-Key\b", re.I), "auth", "API key", "API key header", ()),
    (("devise",), re.compile(r"\bdevise_for\b|\bdevise\s+:"), "auth", "Devise", "Devise", (".rb",)),
    (("sanctum", "HasApiTokens"), re.compile(r"\bauth:sanctum\b|HasApiTokens"), "auth", "Sanctum", "Sanctum", (".php",)),
    (("serializers.",), re.compile(r"serializers\.(Model)?Serializer\b"), "validation", "Django forms/serializers", "DRF serializer", (".py",)),
    (("forms.",), re.compile(r"\bforms\.(Model)?Form\b"), "validation", "Django forms/serializers", "Django form", (".py",)),
    (("->validate(", "FormRequest"), re.compile(r"\$request->validate\(|\bFormRequest\b"), "validation", "Laravel validation", "request validation", (".php",)),
    (("validates",), re.compile(r"^\s*validates(_\w+)?\s+:", re.M), "validation", "ActiveModel validations", "model validations", (".rb",)),
    (("[Required", "[StringLength", "[Range", "[EmailAddress"), re.compile(r"\[(Required|StringLength|Range|EmailAddress)\b"), "validation", "DataAnnotations", "validation attributes", (".cs",)),
    (("models.Model",), re.compile(r"\bmodels\.Model\b"), "orm", "Django ORM", "Django model", (".py",)),
    (("ApplicationRecord", "ActiveRecord::Base"), re.compile(r"<\s*ApplicationRecord\b|<\s*ActiveRecord::Base\b"), "orm", "ActiveRecord", "ActiveRecord model", (".rb",)),
    (("extends",), re.compile(r"extends\s+Model\b"), "orm", "Eloquent", "Eloquent model", (".php",)),
    (("DbContext",), re.compile(r"\bDbContext\b"), "orm", "EF Core", "DbContext", (".cs",)),
    (("Query", "gql`", "@Resolver"), re.compile(r"^\s*type\s+Query\s*\{|\bgql`|@Resolver\(", re.M), "api_style", "GraphQL", "GraphQL schema", ()),
    (("render",), re.compile(r"\brender_template\(|\bres\.render\(|\brender\(request,"), "api_style", "server-rendered", "template rendering", ()),
)  # fmt: skip
_DRF_AUTH = {"Token": "API key", "Session": "session", "Basic": "session"}


def _db(word: str) -> str:
    key = word.lower()
    return {"mysql2": "MySQL", "sqlsrv": "SQL Server", "mariadb": "MySQL"}.get(key, _DB_WORDS.get(key, word))


def config_signals(path: str, text: str) -> Iterator[Signal]:
    """Signals from settings, env templates, schema files and code patterns (database, auth, validation, ORM)."""
    seen: set[Fact] = set()

    def emit(kind: FactKind, value: str, offset: int, note: str) -> Iterator[Signal]:
        if (kind, value) not in seen:
            seen.add((kind, value))
            line = text.count("\n", 0, offset) + 1
            yield Signal(kind, value, STRUCTURE, Seen(path, line, note), "config")

    if "://" in text:
        for match in _DB_URL.finditer(text):
            yield from emit("database", _db(match.group(1)), match.start(), "connection URL")
    for triggers, pattern, kind, value, note, suffixes in _CONFIG_RULES:
        if suffixes and not path.endswith(suffixes):
            continue
        if not any(trigger in text for trigger in triggers):
            continue
        found = pattern.search(text)
        if found is None:
            continue
        if value == "{db}":
            value = _db(found.group(1))
        elif value == "{drf_auth}":
            value = _DRF_AUTH[found.group(1)]
        yield from emit(kind, value, found.start(), note)


STRUCTURE_FILES: tuple[tuple[re.Pattern[str], FactKind, str], ...] = (
    (re.compile(r"(^|/)\.github/workflows/[^/]+\.ya?ml$"), "ci", "GitHub Actions"),
    (re.compile(r"(^|/)\.gitlab-ci\.ya?ml$"), "ci", "GitLab CI"),
    (re.compile(r"(^|/)Jenkinsfile$"), "ci", "Jenkins"),
    (re.compile(r"(^|/)\.circleci/config\.ya?ml$"), "ci", "CircleCI"),
    (re.compile(r"(^|/)azure-pipelines\.ya?ml$"), "ci", "Azure Pipelines"),
    (re.compile(r"(^|/)(Dockerfile|[\w.-]+\.Dockerfile|Dockerfile\.[\w.-]+)$"), "container", "Docker"),
    (re.compile(r"(^|/)(docker-)?compose(\.[\w-]+)?\.ya?ml$"), "container", "Docker Compose"),
    (re.compile(r"(^|/)uv\.lock$"), "package_manager", "uv"),
    (re.compile(r"(^|/)poetry\.lock$"), "package_manager", "poetry"),
    (re.compile(r"(^|/)Pipfile(\.lock)?$"), "package_manager", "pipenv"),
    (re.compile(r"(^|/)requirements[\w.-]*\.txt$"), "package_manager", "pip"),
    (re.compile(r"(^|/)package-lock\.json$"), "package_manager", "npm"),
    (re.compile(r"(^|/)pnpm-lock\.yaml$"), "package_manager", "pnpm"),
    (re.compile(r"(^|/)yarn\.lock$"), "package_manager", "yarn"),
    (re.compile(r"(^|/)bun\.lockb$"), "package_manager", "bun"),
    (re.compile(r"(^|/)pom\.xml$"), "package_manager", "Maven"),
    (re.compile(r"(^|/)build\.gradle(\.kts)?$"), "package_manager", "Gradle"),
    (re.compile(r"(^|/)go\.mod$"), "package_manager", "Go modules"),
    (re.compile(r"(^|/)Gemfile$"), "package_manager", "Bundler"),
    (re.compile(r"(^|/)composer\.json$"), "package_manager", "Composer"),
    (re.compile(r"\.csproj$"), "package_manager", "NuGet"),
    (re.compile(r"(^|/)alembic\.ini$|(^|/)(alembic|migrations)/env\.py$"), "migrations", "Alembic"),
    (re.compile(r"(^|/)migrations/\d{4}_\w+\.py$"), "migrations", "Django migrations"),
    (re.compile(r"(^|/)db/migration/V\d+(_\d+)*__\w+\.sql$"), "migrations", "Flyway"),
    (re.compile(r"(^|/)db/changelog/[\w.-]+\.(ya?ml|xml|json|sql)$"), "migrations", "Liquibase"),
    (re.compile(r"(^|/)prisma/migrations/[^/]+/migration\.sql$"), "migrations", "Prisma Migrate"),
    (re.compile(r"(^|/)\d+_[\w-]+\.(up|down)\.sql$"), "migrations", "golang-migrate"),
    (re.compile(r"(^|/)db/migrate/\d+_\w+\.rb$"), "migrations", "Rails migrations"),
    (re.compile(r"(^|/)database/migrations/[\w-]+\.php$"), "migrations", "Laravel migrations"),
    (re.compile(r"(^|/)Migrations/\d+_\w+\.cs$"), "migrations", "EF Core migrations"),
    (re.compile(r"(^|/)migrations?/\d+-\w+\.[jt]s$"), "migrations", "TypeORM migrations"),
    (re.compile(r"(^|/)conftest\.py$|(^|/)pytest\.ini$"), "test_framework", "pytest"),
    (re.compile(r"_test\.go$"), "test_framework", "go test"),
    (re.compile(r"(^|/)spec/[\w/]+_spec\.rb$|(^|/)\.rspec$"), "test_framework", "RSpec"),
    (re.compile(r"(^|/)phpunit\.xml(\.dist)?$"), "test_framework", "PHPUnit"),
    (re.compile(r"(^|/)config/routes\.rb$"), "web_framework", "Rails"),
    (re.compile(r"(^|/)artisan$"), "web_framework", "Laravel"),
    (re.compile(r"(^|/)manage\.py$"), "web_framework", "Django"),
)


# Literal pieces, one of which every STRUCTURE_FILES path contains: a cheap test before the regexes run.
_STRUCTURE_HINTS = (
    "workflows/", ".gitlab-ci", "Jenkinsfile", ".circleci", "azure-pipelines", "Dockerfile", "compose", ".lock",
    "Pipfile", "requirements", "lock.json", "lock.yaml", "lockb", "pom.xml", "build.gradle", "go.mod", "Gemfile",
    "composer.json", ".csproj", "alembic", "env.py", "migration", "changelog", ".sql", "migrate", "Migrations",
    "conftest.py", "pytest.ini", "_test.go", "spec", "phpunit", "routes.rb", "artisan", "manage.py",
)  # fmt: skip


def file_signals(path: str) -> Iterator[Signal]:
    """Signals from a file's path alone (CI, containers, package managers, migrations, test layouts)."""
    if not any(hint in path for hint in _STRUCTURE_HINTS):
        return
    for pattern, kind, value in STRUCTURE_FILES:
        if pattern.search(path):
            yield Signal(kind, value, STRUCTURE, Seen(path, None, "file present"), "structure")
