"""Read a repository's stack facts: combine signals into facts with confidences, report conflicts, find routes,
models, environment variable names and the layout.

Evidence beats presence: a dependency that is declared but never imported stays a low-confidence fact (below the
0.5 that counts as established) and, when another value of the same kind is established, it is reported as a
conflict instead of being silently dropped or silently chosen. Files under front-end directories count half.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from prp_agent.repo import hints
from prp_agent.repo.auth import API_GUARD, LARAVEL_JWT_GUARD, PLAIN_OAUTH
from prp_agent.repo.codeigniter import codeigniter_routes
from prp_agent.repo.ecosystems.jvm import MYBATIS_MAPPER
from prp_agent.repo.entities import extract_entities
from prp_agent.repo.links import Links
from prp_agent.repo.nextjs import NEXT_API_FILE, nextjs_routes
from prp_agent.repo.openapi import BUILD_MARKER, openapi_routes
from prp_agent.repo.packages import DRIVERS, JWT_LIBRARY
from prp_agent.repo.paths import laravel_settings
from prp_agent.repo.protohttp import HTTP_RULE, proto_routes
from prp_agent.repo.razor import RAZOR_PAGE, razor_routes
from prp_agent.repo.reading import (
    APP_CONFIG,
    ROUTES_CONFIG,
    SyntaxRead,
    read_syntax,
    reexports,
)
from prp_agent.repo.routes import extract_routes, with_routes
from prp_agent.repo.rules import config_signals, file_signals
from prp_agent.repo.scan import RepoFile, RepoScan, read_text, scan_repo
from prp_agent.repo.source import SourceFile
from prp_agent.repo.stack import (
    TESTED_KINDS,
    Seen,
    Signal,
    declared_signals,
    environment_of,
    import_signals,
    manifest_kind,
    role_of,
    source_language,
    strip_comments,
)
from prp_agent.repo.tables import LIQUIBASE, SQL_FILE
from prp_agent.repo.types import (
    ESTABLISHED,
    Evidence,
    FactKind,
    RepoEntity,
    RepoFacts,
    RepoRoute,
    Role,
    StackFact,
    role_rank,
)
from prp_agent.secrets.patterns import env_var_names

__all__ = ["read_repo", "repo_facts"]

_FRONTEND_DIRS = {"frontend", "client", "web", "webapp", "ui", "www"}
# names a front-end's files sit under, but also a server's modules inside its source tree (a NestJS
# `src/app/endpoints/public/` controller): they count outside `src/` and as a JVM application's `resources/static`
_ASSET_DIRS = {"static", "public", "assets", "site", "docs", "webroot", "wwwroot"}  # CakePHP's, ASP.NET's
_EXCLUSIVE: set[FactKind] = {"web_framework", "orm", "migrations"}
# Values of an exclusive kind that work together rather than compete: a framework and the one it runs on.
_COMPLEMENTS = [
    {"Django", "Django REST Framework"},
    {"SQLAlchemy", "SQLModel"},
    {"Django", "Django ORM"},
    {"FastAPI", "Starlette"},
    {"Litestar", "Starlette"},
    {"NestJS", "Express"},
    {"NestJS", "Fastify"},
    {"Phoenix", "Plug"},
    {"Quarkus", "JPA/Hibernate"},
    {"Hanami", "ROM"},
    {"Flask", "Flask-RESTful"},
    {"Jersey (JAX-RS)", "Jetty"},  # Jersey's servlet in an embedded Jetty
    {"Javalin", "Jetty"},
    {"Spring Boot", "Jetty"},
    {"Spring Boot", "Spring MVC", "Netflix DGS", "Jetty"},  # Boot runs MVC; DGS serves GraphQL in it
    {"JPA/Hibernate", "Spring Data JPA"},
    {"Quarkus", "JPA/Hibernate", "Spring Data JPA"},  # Quarkus' Spring Data compatibility layer
    {"Phoenix", "Phoenix LiveView", "Plug"},
    {"Flask", "Flask-RESTX"},
    {"Flask", "flask-smorest"},
    {"Prisma", "Prisma Client Rust"},
    {"NHibernate", "Fluent NHibernate"},
    {"Symfony", "API Platform"},
    {"Laravel", "Livewire", "Filament"},  # Filament's panels are Livewire components in a Laravel application
    {"gormigrate", "GORM AutoMigrate"},  # gormigrate runs versioned steps that call AutoMigrate
    {"sequelize-cli", "Umzug"},  # sequelize-cli runs its migrations through Umzug
    {"SQLAlchemy", "Flask-SQLAlchemy", "SQLModel"},  # Flask's extension over SQLAlchemy
    {"Alembic", "Flask-Migrate"},  # Flask-Migrate runs Alembic
]
_ENV_REF = re.compile(
    r"""os\.environ(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']|os\.getenv\(\s*["']([A-Z][A-Z0-9_]+)["']|"""
    r"""process\.env\.([A-Z][A-Z0-9_]+)|process\.env\[\s*["']([A-Z][A-Z0-9_]+)["']|\benv\(\s*["']([A-Z][A-Z0-9_]+)["']|"""
    r"""ENV(?:\.fetch\(\s*|\[\s*)["']([A-Z][A-Z0-9_]+)["']|System\.getenv\(\s*"([A-Z][A-Z0-9_]+)"|"""
    r"""os\.(?:Getenv|LookupEnv)\(\s*"([A-Z][A-Z0-9_]+)"|GetEnvironmentVariable\(\s*"([A-Z][A-Z0-9_]+)"|"""
    r"""\$\{\??([A-Z][A-Z0-9_]+)(?::[^}]*)?\}|config\(\s*["']([A-Z][A-Z0-9_]+)["']|"""
    r"""System\.(?:get_env|fetch_env!?)\(\s*"([A-Z][A-Z0-9_]+)"|std::env::var\(\s*"([A-Z][A-Z0-9_]+)"|"""
    r"""\benv::var\(\s*"([A-Z][A-Z0-9_]+)"|%env\((?:\w+:)*([A-Z][A-Z0-9_]+)\)"""
)
_ENV_REFS = hints.Prefilter([_ENV_REF])  # found by RE2: the alternation is long and most files hold none
_CONFIG_FILE = re.compile(
    r"\.(ya?ml|toml|ini|cfg|properties|xml|prisma|conf)(\.dist)?$|(^|/)(Dockerfile|Procfile)$|appsettings[\w.]*\.json$|"
    r"(^|/)ormconfig\.(json|ya?ml)(\.example|\.dist)?$|(^|/)config/database\.yml\.(sample|example|dist)$"
)
_JVM_BUILDS = {"pom.xml", "build.gradle", "build.gradle.kts"}
_JSON_CHANGELOG = re.compile(r"changelog[^/]*\.json$|(^|/)(db|liquibase)/.*\.json$", re.I)
_TEST_FILE = re.compile(r"(^|/)(tests?|__tests__|spec)/|[._](test|spec)\.[jt]sx?$|(^|/)test_\w+\.py$|_test\.py$")
_LANGUAGE_SHARE = 0.2


@dataclass
class _FileFacts:
    """What one file contributes: signals, env var names, source bytes by language, and code for routes/models."""

    signals: list[Signal] = field(default_factory=list)
    env_vars: list[str] = field(default_factory=list)
    language: str | None = None
    counted_bytes: int = 0
    test_language: str | None = None
    source: SourceFile | None = None
    schema: SourceFile | None = None  # the SQL a source file's strings create its tables with


def _analyze(root: Path, listed: RepoFile, frontend: bool = False) -> _FileFacts:
    """Read one listed file and take what it tells; a front-end's file (`frontend`) gives signals and env var
    names, not code for routes or models."""
    found = _FileFacts(signals=list(file_signals(listed.path)))
    if _TEST_FILE.search(listed.path):
        found.test_language = source_language(listed.path) or ""
    if listed.role not in {"source", "env_template"}:
        return found
    text = read_text(root, listed.path)
    if text is None:
        return found
    if listed.name == "manage.py" and "django" not in text.lower():  # Flask-Script's manage.py is not Django's
        found.signals = [s for s in found.signals if s.value != "Django"]
    if listed.name.endswith(".py") and "django" not in text:  # `0001_initial.py` of another migrations library
        found.signals = [s for s in found.signals if s.value != "Django migrations"]
    if listed.role == "env_template":
        found.env_vars = env_var_names(text)
        found.signals += config_signals(listed.path, text)  # detection only: evidence notes never hold values
        return found
    if SQL_FILE.search(listed.path):  # the tables an application that writes its own SQL creates
        found.source = SourceFile(listed.path, text, "SQL")
        return found
    if listed.path.endswith(".proto"):  # a gRPC service's HTTP rules are routes (not a vendored Google API's)
        if HTTP_RULE in text and not _VENDORED_PROTO.search(listed.path):
            found.source = SourceFile(listed.path, text, "proto-http")
        return found
    if listed.path.endswith(".cshtml"):  # a Razor Page is a route; any other view is not read
        if RAZOR_PAGE.match(text):
            found.source = SourceFile(listed.path, text[:20_000], "razor-page")
        return found
    language = found.language = source_language(listed.path)
    if manifest_kind(listed.name):
        found.signals += declared_signals(listed.path, text)
        if BUILD_MARKER in text and listed.name in _JVM_BUILDS:  # a contract-first server's spec: its routes
            found.source = SourceFile(listed.path, text, "openapi-build", text)
            return found
    if language is None and not (_CONFIG_FILE.search(listed.path) or _JSON_CHANGELOG.search(listed.path)):
        return found
    code = strip_comments(text, language)
    shown = hints.file_hints(code)
    if shown & hints.ENV:
        found.env_vars = [g for m in _ENV_REFS.finditer(0, code) for g in m.groups() if g]
    found.signals += config_signals(listed.path, code)
    if language is None:
        if listed.path.endswith(".prisma"):
            found.source = SourceFile(listed.path, code, "Prisma")
        elif ROUTES_CONFIG.search(listed.path):  # Symfony's `config/routes.yaml`: prefixes for whole folders
            found.source = SourceFile(listed.path, code, "routes-config")
        elif APP_CONFIG.search(listed.path):  # a JVM application's base path for its routes
            found.source = SourceFile(listed.path, text, "jvm-config")
        elif listed.path.endswith((".yaml", ".yml", ".xml", ".json")) and LIQUIBASE.search(text, 0, 4096):
            found.source = SourceFile(listed.path, text, "Liquibase")  # a changelog: the tables of a SQL-first app
        elif listed.path.endswith(".xml") and MYBATIS_MAPPER.search(text, 0, 2048):
            found.source = SourceFile(listed.path, text, "MyBatis")  # a mapper: the classes its result maps fill
        return found
    found.counted_bytes = listed.size
    imported = list(import_signals(listed.path, code, language))
    if language == "Go" and "gothic.Store" in code:  # a session store goth keeps an OAuth login's state in
        imported = [replace(s, role=s.role or "oauth-state") if s.value == "session" else s for s in imported]
    if _SCRIPT.search(listed.path):  # a command's own database (`import sqlite3` for a downloaded file): not the app's
        imported = [replace(s, weight=min(s.weight, 0.2)) if s.kind == "database" else s for s in imported]
    if _CONNECTOR.search(listed.path):  # a connector to the databases the application's users query
        imported = [replace(s, weight=min(s.weight, 0.05)) if s.kind == "database" else s for s in imported]
    found.signals += imported
    if frontend:
        return found
    if _CODE_MIGRATION.search(listed.path) and _DDL.search(text):  # db-migrate, goose: SQL written in code
        found.source = SourceFile(listed.path, _DOWN.split(text, maxsplit=1)[0], "SQL")
        return found
    if _schema_in_code(listed.path, text):  # `CREATE TABLE IF NOT EXISTS …` the store runs at start-up
        found.schema = SourceFile(listed.path, text, "SQL")
    kept = hints.ROUTE | hints.ROUTE_OR_MODEL | hints.PATH_CONSTANT | hints.AUTH | hints.TABLE  # ROUTE: a mount
    settings = laravel_settings(listed.path, language)  # what `config('app.x')` reads
    if shown & kept or settings or NEXT_API_FILE.search(listed.path) or reexports(listed.path, code):
        found.source = SourceFile(listed.path, code, language, text, shown)
    return found


class _Signals:
    """The signals of many files, kept small: for each kind, value, source, role and front-end flag — everything
    `_combine` tells signals apart by — only the strongest few (by weight, then place). `_combine` reads the four
    heaviest weights and five places of a fact, and which of these combinations occur, so it gives the same facts
    as from every signal; a 200,000-file repository then holds a few thousand signals, not millions."""

    _KEEP = 8

    def __init__(self) -> None:
        self._by: dict[tuple[Any, ...], list[Signal]] = {}

    def add(self, signals: Iterable[Signal]) -> None:
        """Take signals in."""
        for signal in signals:
            key = (signal.kind, signal.value, signal.source, signal.role, signal.frontend)
            kept = self._by.setdefault(key, [])
            kept.append(signal)
            if len(kept) > 4 * self._KEEP:
                kept.sort(key=_strongest)
                del kept[self._KEEP :]

    def merge(self, other: _Signals) -> None:
        """Take another pool in."""
        for kept in other._by.values():
            self.add(kept)

    def all(self) -> list[Signal]:
        """The kept signals, strongest first within each combination."""
        return [signal for kept in self._by.values() for signal in sorted(kept, key=_strongest)[: self._KEEP]]


def _strongest(signal: Signal) -> tuple[float, str, int]:
    return (-signal.weight, signal.evidence.path, signal.evidence.line or 0)


@dataclass
class _Chunk:
    """What reading a run of files gave, gathered (a worker sends this back, not each file's facts): signals kept
    small, env var names, source bytes by language, test languages, the back-end's source files and the routes
    their syntax trees record."""

    signals: _Signals
    env_vars: dict[str, None]
    language_bytes: Counter[str]
    test_languages: set[str]
    sources: list[SourceFile]
    syntax: SyntaxRead


def _read_chunk(root: Path, files: list[RepoFile], frontend: _Frontend) -> _Chunk:
    chunk = _Chunk(_Signals(), {}, Counter(), set(), [], SyntaxRead())
    for listed in files:
        if _sample(listed.path) and not listed.path.startswith(frontend.apps):
            # sample projects and test data are not the application: they establish nothing
            continue
        inside = frontend.holds(listed.path)
        found = _analyze(root, listed, inside)
        if _TOOLING.search(listed.path):  # CI helper scripts and their requirements are not the application
            found.signals = [s for s in found.signals if s.kind in {"ci", "database", "container"}]
            found.counted_bytes, found.source, found.test_language = 0, None, None
        chunk.signals.add([_discount(s) for s in found.signals] if inside else found.signals)
        chunk.env_vars.update(dict.fromkeys(found.env_vars))
        if found.language and found.counted_bytes and not inside:
            chunk.language_bytes[found.language] += found.counted_bytes
        if found.test_language is not None and not inside:  # a front-end's tests make no backend runner
            chunk.test_languages.add(found.test_language)
        if found.source is not None and not inside:
            chunk.sources.append(found.source)
        if found.schema is not None and not inside:
            chunk.sources.append(found.schema)
    chunk.syntax = read_syntax(chunk.sources)
    # the text as written was for the syntax trees: routes and models read the stripped code
    chunk.sources = [replace(source, text="") if source.text else source for source in chunk.sources]
    return chunk


_PARALLEL_FROM = 4000  # files: below this, starting worker processes costs more than it saves
_RUN = 5000  # files a worker reads at a time: what it sends back is merged and dropped before the next
_MIN_RUN = 250  # files: a smaller run costs more in sending its reading back than it saves
_RUNS_PER_WORKER = 8


def _read_files(
    scan: RepoScan, frontend: _Frontend, while_reading: Callable[[], object] | None = None
) -> Iterator[_Chunk]:
    """Every file read, in order, a run at a time: in worker processes for a large repository on a machine with
    several cores (forked, so only when this process runs no other thread), else here. `while_reading` is done
    here while the workers read (loading what the caller needs next)."""
    files = scan.files
    workers = min(os.cpu_count() or 1, 4)
    if (
        len(files) < _PARALLEL_FROM
        or workers < 2
        or threading.active_count() > 1
        or "fork" not in (multiprocessing.get_all_start_methods())
    ):
        yield _read_chunk(scan.root, files, frontend)
        return
    # runs of files in order, several per worker: the pool hands the next run to whichever worker is free, so a run
    # of costly files (a folder of routers) does not leave the other workers idle while one reads it
    size = max(_MIN_RUN, min(_RUN, -(-len(files) // (workers * _RUNS_PER_WORKER))))
    runs = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            read = pool.map(_read_chunk, [scan.root] * len(runs), runs, [frontend] * len(runs))
            if while_reading is not None:
                while_reading()
            yield from read
    except (OSError, BrokenProcessPool):  # no processes to be had: read here
        yield _read_chunk(scan.root, files, frontend)


def repo_facts(scan: RepoScan, while_reading: Callable[[], object] | None = None) -> RepoFacts:
    """Facts, routes, models, env var names and layout of a scanned repository; `while_reading` is done while
    worker processes read a large repository's files."""
    pool = _Signals()
    sources: list[SourceFile] = []
    language_bytes: Counter[str] = Counter()
    env_vars: dict[str, None] = {}
    test_languages: set[str] = set()
    syntax = SyntaxRead()
    for chunk in _read_files(scan, _Frontend(scan), while_reading):
        syntax.merge(chunk.syntax)
        pool.merge(chunk.signals)
        env_vars.update(chunk.env_vars)
        language_bytes.update(chunk.language_bytes)
        test_languages |= chunk.test_languages
        sources += chunk.sources
    signals = pool.all()
    signals += syntax.auth
    routes, skipped = extract_routes(sources, syntax)
    routes = with_routes(routes, openapi_routes(scan.root, [s for s in sources if s.language == "openapi-build"]))
    routes = with_routes(routes, razor_routes(scan.root, [s for s in sources if s.language == "razor-page"]))
    routes = with_routes(routes, proto_routes([s for s in sources if s.language == "proto-http"]))
    routes = with_routes(routes, codeigniter_routes(sources))
    routes = with_routes(routes, nextjs_routes(sources))
    syntax.links = Links()  # linked into routes: what the registrations held is not needed again
    entities = extract_entities(sources, syntax.fields, syntax.tables, syntax.table_sources)
    del sources
    signals += _language_signals(language_bytes)
    signals += _test_run_signals(signals, test_languages)
    signals += _route_style(signals, routes)
    signals += _embedded_database(signals)
    signals += _bundled(signals, scan.root)
    signals += _stored_api_keys(entities, signals)
    signals += _sign_in_session(signals)
    facts, conflicts = _combine(signals)
    facts = _foreign_runners(facts)
    return RepoFacts(
        root=str(scan.root),
        revision=scan.revision,
        files_scanned=len(scan.files),
        facts=facts,
        routes=routes,
        entities=entities,
        env_vars=sorted(env_vars),
        layout=layout_tree(scan),
        conflicts=conflicts,
        skipped=skipped,
    )


def read_repo(root: str | Path) -> RepoFacts:
    """Scan a repository and read its facts."""
    return repo_facts(scan_repo(root))


# Migrations written as code that runs SQL (db-migrate's `db.runSql("CREATE TABLE …")`, goose's Go migrations): the
# statements of the migration up, not those that undo it
_CODE_MIGRATION = re.compile(r"(^|/)(migrations?|migrate)(/[^/]+)?\.(js|cjs|mjs|ts|go|py)$")
_DDL = re.compile(r"\b(?:create|alter)[ \t\r\n]+table\b", re.IGNORECASE)
_DOWN = re.compile(
    r"\bexports\.down\b|^[ \t]*(?:export[ \t]+)?(?:async[ \t]+)?(?:function[ \t]+|def[ \t]+)?down(?:grade)?\b|"
    r"\bfunc[ \t]+[Dd]own\w*\(",
    re.M,
)
_CREATE_TABLE = re.compile(r"\bcreate[ \t\r\n]+table\b", re.IGNORECASE)


def _schema_in_code(path: str, text: str) -> bool:
    """A source file that creates the application's tables: two or more `CREATE TABLE` statements in its strings (a
    Go store's `specific_postgres.go`); not a test's. Its code is read as well."""
    if ("TABLE" not in text and "table" not in text) or environment_of(path) == "test" or len(text) > 500_000:
        return False
    return len(_CREATE_TABLE.findall(text, 0, 200_000)) >= 2


# Management commands and scripts: what they import is theirs, not the application's store (weighed lightly)
_SCRIPT = re.compile(r"(^|/)(management/commands|scripts?|tools|bin)/")
# one connector per backend the application queries for its users (a monitoring or BI tool's data sources)
_CONNECTOR = re.compile(
    r"(^|/)\w*(datasources?|data_sources?|connectors?|sources/plugins|integrations)/(?:[\w.-]+/|[\w.-]+\.\w+$)",
    re.IGNORECASE,
)  # (`SQLConnectors/MySQL.js`: a connector a folder of them holds)
_TOOLING = re.compile(r"(^|/)\.(github|gitlab|circleci|buildkite|devcontainer)/")
# Trees that hold samples, fixtures or test data: whole example projects live there, and none of it is the
# application (a test's own fixtures under test/ or spec/ still describe the test stack).
# A sample tree is one of the first two folders (`fixtures/`, `docs/examples/`; a Java package `com/example/` is
# deeper), or a Go `testdata/` anywhere.
_SAMPLES = re.compile(r"^(?:[^/]+/)?(fixtures|test_data|examples?|samples?|demos?)/|(^|/)testdata/", re.IGNORECASE)
_TEST_FIXTURES = re.compile(r"(^|/)(tests?|spec)/fixtures/")


def _sample(path: str) -> bool:
    return bool(_SAMPLES.search(path)) and not _TEST_FIXTURES.search(path)


# a JavaScript project's own files: its manifest, lock files and tool settings
_JS_TOOLING = re.compile(r"^(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|tsconfig[\w.]*\.json|\.?\w+rc(\.json)?)$")
_SERVER_PACKAGES = {"@nestjs/core", "express", "fastify", "koa", "hono", "@adonisjs/core", "@hapi/hapi", "elysia",
                    "restify"}  # fmt: skip
_FRONTEND_PACKAGES = {
    "react", "react-dom", "vue", "@angular/core", "svelte", "@sveltejs/kit", "next", "nuxt", "solid-js", "preact",
    "@remix-run/react", "@vitejs/plugin-react", "@vitejs/plugin-vue", "electron",
}  # fmt: skip


_CLIENT_DIR = re.compile(r"^(?:\w+[_-])?(?:clients?|sdks?)$", re.IGNORECASE)


class _Frontend:
    """Where the front-end lives: directories named like one (`frontend/`, `client/`, `web/`, …) and every
    directory below the root whose package.json depends on a UI framework. What is seen there never counts as a
    backend fact at full weight."""

    def __init__(self, scan: RepoScan) -> None:
        self.roots: list[str] = []
        self.shared: list[str] = []  # a front-end's package.json beside a backend's manifest: only its JS is the UI
        self.servers: list[str] = []  # folders whose own package.json is a server's: never the UI
        # folders named like samples that are the application's own Django apps (doccano's `backend/examples/`)
        self.apps = tuple(f.path[: -len("apps.py")] for f in scan.files if f.name == "apps.py" and _sample(f.path))
        manifests = {f.path.rsplit("/", 1)[0] + "/" for f in scan.files if "/" in f.path and manifest_kind(f.name)}
        # a nested project that is a client of the API (`api_client/python/setup.py`, `sdk/go.mod`): its HTTP calls
        # are requests to the server, its imports a client's
        projects = manifests | {f.path[: -len(f.name)] for f in scan.files if f.name == "setup.py" and "/" in f.path}
        self.clients = tuple(m for m in projects if any(_CLIENT_DIR.search(part) for part in m.split("/")))
        other_backend = any(manifest_kind(f.name) not in {None, "package.json"} for f in scan.files)
        for listed in scan.files:
            if listed.name != "package.json" or ("/" not in listed.path and not other_backend):
                continue
            text = read_text(scan.root, listed.path) or ""
            ui = any(f'"{name}"' in text for name in _FRONTEND_PACKAGES)
            server = any(f'"{name}"' in text for name in _SERVER_PACKAGES)  # a server that renders some UI
            folder = listed.path.rsplit("/", 1)[0] + "/" if "/" in listed.path else ""
            if ui and not server:  # at the root, a UI beside a backend in another language (`server/go.mod`)
                (self.shared if folder in manifests or not folder else self.roots).append(folder)
            elif server and folder:
                self.servers.append(folder)

    def holds(self, path: str) -> bool:
        """Whether a path is front-end code or configuration. A server-side file under a directory named like a
        front-end (PHP's `public/index.php`, a Go `web/` package) stays backend, as does the backend's own code in a
        folder it shares with a front-end (an ASP.NET project whose `package.json` builds the UI beside it)."""
        if path.startswith(tuple(self.roots)) or (self.clients and path.startswith(self.clients)):
            return True
        if self.shared and path.startswith(tuple(self.shared)) and not path.startswith(tuple(self.servers)):
            name = path.rsplit("/", 1)[-1]
            script = name.endswith((".cjs", ".mjs", ".cts", ".mts"))  # `jest.config.cjs`: the UI's tooling
            return (
                source_language(path) in {"JavaScript", "TypeScript"} or script or _JS_TOOLING.search(name) is not None
            )
        dirs = path.split("/")[:-1]
        if not set(dirs) & _FRONTEND_DIRS and not any(
            name in _ASSET_DIRS and (i == 0 or dirs[i - 1] == "resources" or "src" not in dirs[:i])
            for i, name in enumerate(dirs)
        ):
            return False
        return source_language(path) in {None, "JavaScript", "TypeScript"}


# protos a repository keeps of other services: googleapis' own, a vendored third party's
_VENDORED_PROTO = re.compile(r"(?:^|/)(?:third_party|vendor|googleapis|node_modules)/|(?:^|/)google/(?:api|cloud)/")


def _discount(signal: Signal) -> Signal:
    return replace(signal, weight=signal.weight / 2, frontend=True)


# Frameworks whose endpoints answer JSON unless told otherwise: with them, routes are an API even beside templates.
_JSON_FIRST = {"FastAPI", "Django REST Framework", "NestJS", "Litestar", "Hono"}


def _route_style(signals: list[Signal], routes: list[RepoRoute]) -> list[Signal]:
    """What existing routes say about the API style: REST when endpoints answer JSON (or nothing says they render
    pages); a server-rendered application's routes are not a REST API."""
    if not routes:
        return []
    html = any(s.kind == "api_style" and s.value == "server-rendered" and not s.frontend for s in signals)
    json = any(s.kind == "api_style" and s.value == "REST" and not s.frontend for s in signals)
    json = json or any("/api/" in r.path + "/" for r in routes)  # an /api prefix names a JSON API
    json = json or any(s.kind == "web_framework" and s.value in _JSON_FIRST and s.source != "declared" for s in signals)
    if html and not json:
        return []
    first = routes[0].evidence
    return [Signal("api_style", "REST", 0.7, Seen(first.path, first.line, f"{len(routes)} routes"), "structure")]


_EMBEDDED = {"H2", "HSQLDB"}
_DEFAULT_SPRING_CONFIG = re.compile(r"(^|/)src/main/resources/application\.(ya?ml|properties)$")


# a model of the API keys or tokens an application issues (`ApiToken`, `api_keys`, `PersonalAccessToken`): it
# checks them on requests. Not an OAuth server's access tokens, nor a user's tokens (`UserToken`, `user_tokens`: a
# sign-in's session tokens and e-mail confirmations as often as bearer tokens).
_API_KEY_MODEL = re.compile(
    r"(?:^|_|(?<=[a-z]))(?:api_?(?:key|token)|personal_?access_?token)s?\d*$", re.IGNORECASE
)  # also named for whose keys they are: `AdminAPIKey`, `UserApiToken`, `etapi_tokens`


_ISSUES_TOKENS = {"Sanctum", "OAuth2 server", "JWT"}  # Laravel packages that issue the tokens the table stores


def _stored_api_keys(entities: list[RepoEntity], signals: list[Signal]) -> list[Signal]:
    """API keys an application keeps in its own table: its API accepts them, whatever header carries them (an
    open-core repository whose key checks live in a module it does not hold is the known miss). Laravel's skeleton
    ships Sanctum's `personal_access_tokens` migration to every application: that table counts only where the code
    uses Sanctum or Passport."""
    tokens = any(s.kind == "auth" and s.value in _ISSUES_TOKENS and s.source != "declared" for s in signals)
    for entity in entities:
        if entity.name == "personal_access_tokens" and entity.evidence.path.endswith(".php") and not tokens:
            continue
        if _API_KEY_MODEL.search(entity.name) and environment_of(entity.evidence.path) is None:
            seen = Seen(entity.evidence.path, entity.evidence.line, f"stores API keys ({entity.name})")
            return [Signal("auth", "API key", 0.8, seen, "structure")]
    return []


def _sign_in_session(signals: list[Signal]) -> list[Signal]:
    """A Rails application that signs people in through OmniAuth (`gds-sso`, an `omniauth-*` strategy) and renders
    its own pages keeps them signed in with a session (Warden's); an API with the same gem takes bearer tokens."""
    oauth = next((s for s in signals if s.kind == "auth" and s.value == "OAuth2" and s.evidence.path.endswith("Gemfile")
                  and _OMNIAUTH_GEMS.search(s.evidence.note)), None)  # fmt: skip
    pages = any(
        s.kind == "api_style" and s.value == "server-rendered" and not s.frontend and "/views/" in s.evidence.path
        and not _NOT_PAGES.search(s.evidence.path) for s in signals
    )  # fmt: skip
    if oauth is None or not pages:
        return []
    seen = Seen(oauth.evidence.path, oauth.evidence.line, "signs people in to its own pages (a session)")
    return [Signal("auth", "session", 0.8, seen, "structure")]


_OMNIAUTH_GEMS = re.compile(r"\b(?:gds-sso|omniauth[\w-]*)\b")
_NOT_PAGES = re.compile(r"mailer|/layouts/|/sidekiq/")  # e-mails, the shell of pages, a job dashboard's pages


def _embedded_database(signals: list[Signal]) -> list[Signal]:
    """Spring Boot starts an embedded database on its own when one is on the runtime classpath and the default
    profile sets no datasource: that database serves development, whatever the other profiles name."""
    spring = any(s.kind == "web_framework" and s.value == "Spring Boot" and s.source != "declared" for s in signals)
    configured = any(s.kind == "database" and _DEFAULT_SPRING_CONFIG.search(s.evidence.path) for s in signals)
    if not spring or configured:
        return []
    return [
        Signal(
            "database",
            s.value,
            0.6,
            Seen(s.evidence.path, None, "embedded database started by default"),
            "config",
            "development",
        )
        for s in signals
        if s.kind == "database" and s.value in _EMBEDDED and s.source == "declared" and s.role is None
    ]


def _bundled(signals: list[Signal], root: Path) -> list[Signal]:
    """A Rails application requires every gem of its Gemfile's default group itself (`Bundler.require` in
    `config/application.rb`): such a gem is used, though no file requires it."""
    gemfiles = {s.evidence.path for s in signals if s.source == "declared" and s.evidence.path.endswith("Gemfile")}
    bundled = set()
    for gemfile in gemfiles:
        application = root / gemfile.removesuffix("Gemfile") / "config" / "application.rb"
        try:
            if b"Bundler.require" in application.read_bytes()[:20_000]:
                bundled.add(gemfile)
        except OSError:
            continue
    return [
        replace(s, weight=_BUNDLED, evidence=s.evidence._replace(note=s.evidence.note + ", required by Bundler"),
                source="config")
        for s in signals
        if s.source == "declared" and s.evidence.path in bundled and s.role in (None, "production")
    ]  # fmt: skip


_BUNDLED = 0.6  # what Bundler requires is loaded, not shown used: below an import's weight


def _language_signals(language_bytes: Counter[str]) -> list[Signal]:
    total = sum(language_bytes.values())
    signals = []
    for language, size in language_bytes.most_common():
        share = size / total
        if share >= _LANGUAGE_SHARE:
            weight = min(0.95, 0.5 + share / 2)
            note = f"{share:.0%} of source bytes outside front-end directories"
            signals.append(Signal("language", language, weight, Seen(".", None, note), "structure"))
    return signals


_RUNNER_LANGUAGES = {
    "pytest": {"Python"}, "unittest": {"Python"}, "Jest": {"JavaScript", "TypeScript"},
    "Vitest": {"JavaScript", "TypeScript"}, "Mocha": {"JavaScript", "TypeScript"}, "AVA": {"JavaScript", "TypeScript"},
    "RSpec": {"Ruby"}, "minitest": {"Ruby"}, "PHPUnit": {"PHP"}, "Pest": {"PHP"}, "JUnit": {"Java", "Kotlin"},
    "TestNG": {"Java", "Kotlin"}, "Kotest": {"Kotlin"}, "Spock": {"Java", "Kotlin"}, "xUnit": {"C#"}, "NUnit": {"C#"},
    "MSTest": {"C#"}, "TUnit": {"C#"}, "testify": {"Go"}, "Ginkgo": {"Go"}, "ExUnit": {"Elixir"},
}  # fmt: skip


def _test_run_signals(signals: list[Signal], test_languages: set[str]) -> list[Signal]:
    """A declared test runner plus test files in its language is a runner in use (Jest and pytest need no imports).

    A JS toolchain at the root of a Python backend declares Jest; Python test files do not make Jest the runner. A
    runner a front-end declares stays the front-end's.
    """
    declared = {
        (s.value, s.evidence.path, s.frontend) for s in signals if s.kind == "test_framework" and s.source == "declared"
    }
    found = []
    for value, path, frontend in sorted(declared):
        if _RUNNER_LANGUAGES.get(value, set()) & test_languages:
            seen = Seen(path, None, "declared, and test files exist")
            signal = Signal("test_framework", value, 0.4, seen, "structure", role_of(("test_framework", value), None))
            found.append(_discount(signal) if frontend else signal)
    return found


def _foreign_runners(facts: list[StackFact]) -> list[StackFact]:
    """A test runner for a language the backend is not written in (Jest auditing a Rails application's pages with
    Lighthouse) runs the repository's other tests, not the backend's: it is not established."""
    languages = {f.value for f in facts if f.kind == "language" and f.confidence >= ESTABLISHED}
    out = []
    for fact in facts:
        runs = _RUNNER_LANGUAGES.get(fact.value, set()) if fact.kind == "test_framework" else set()
        if fact.kind == "test_framework" and not runs:  # a test library: the language its evidence is written in
            seen = [_evidence_language(e.path) for e in fact.evidence]
            written = [language for language in seen if language is not None]
            runs = (
                {kin for language in written for kin in _KIN.get(language, {language})}
                if len(written) == len(seen)
                else set()
            )
        if languages and runs and not runs & languages and fact.confidence >= ESTABLISHED:
            evidence = [e.model_copy(update={"note": f"{e.note} (tests in another language)"}) for e in fact.evidence]
            fact = fact.model_copy(update={"confidence": _FRONTEND_CAP, "evidence": evidence})
        out.append(fact)
    return out


# languages whose test libraries serve each other (a JavaScript assertion library in TypeScript tests)
_JS, _JVM = frozenset(("JavaScript", "TypeScript")), frozenset(("Java", "Kotlin", "Groovy", "Scala"))
_KIN = {**dict.fromkeys(_JS, _JS), **dict.fromkeys(_JVM, _JVM)}


def _evidence_language(path: str) -> str | None:
    """The language a piece of evidence is written in (a package.json declares JavaScript's), None if unknown."""
    if path.rsplit("/", 1)[-1] == "package.json":
        return "JavaScript"
    return source_language(path)


_FRONTEND_CAP = 0.45  # below ESTABLISHED: what only the front-end shows is not a backend fact
# A value dropped when another is established: gin runs on net/http; pytest runs unittest cases (Pest runs on
# PHPUnit too, but PHPUnit stays: its `phpunit.xml` configures both, and projects write PHPUnit classes beside Pest).
_FALLBACKS: dict[str, str | None] = {
    "net/http": None,
    "Laravel": "Lumen",  # Lumen runs on Laravel's components (`Illuminate\…`): an application is one or the other
    "unittest": "pytest",
    "minitest": "RSpec",
    "RSpec": "Bacon",
    "golang-migrate": "sqlx migrations",
    "database/sql (SQL, no ORM)": None,
    **dict.fromkeys(DRIVERS),  # a driver is the data layer only where no ORM sits on it
}  # Bacon's specs are `spec/*_spec.rb` files too; sqlx's reversible migrations are `…up.sql` / `…down.sql` too
_ROLE_PRECEDENCE = ("production", "development", "test")


# Signals that alone do not show how the application authenticates (or which ORM, framework or migrations it uses),
# and what the fact's evidence then says.
_UNCONFIRMED = {
    "signs": "tokens signed for other services only",
    "oidc": "an OpenID Connect provider's tokens only",
    "library": "a token library nothing verifies with",
    "test": "tests only",
    "oidc-flow": "the OAuth2 flow of an OpenID Connect login",
    "oauth-state": "a store for an OAuth2 login's state only",
}


def _combine(signals: list[Signal]) -> tuple[list[StackFact], list[str]]:
    grouped: dict[tuple[FactKind, str], list[Signal]] = defaultdict(list)
    oidc_files = {s.evidence.path for s in signals if s.kind == "auth" and s.value == "OpenID Connect"}
    jwt_guard = any(s.kind == "auth" and s.evidence.note == LARAVEL_JWT_GUARD for s in signals)
    for signal in signals:
        if jwt_guard and signal.kind == "auth" and signal.evidence.note == API_GUARD:
            signal = replace(signal, value="JWT")  # Laravel's `auth:api` on a guard whose driver is jwt
        if signal.value == JWT_LIBRARY and signal.kind == "auth":  # counts for JWT beside code that verifies tokens
            signal = replace(signal, value="JWT", role=signal.role or "library")
        elif (
            signal.kind == "auth"
            and signal.value == "OAuth2"
            and signal.evidence.path in oidc_files
            and signal.evidence.note != PLAIN_OAUTH
        ):
            signal = replace(signal, role=signal.role or "oidc-flow")  # an OIDC login runs on an OAuth2 client
        grouped[(signal.kind, signal.value)].append(signal)
    facts: list[StackFact] = []
    for (kind, value), group in grouped.items():
        remaining = 1.0
        for signal in _weighed(group):
            remaining *= 1 - signal.weight
        confidence = round(min(0.99, 1 - remaining), 2)
        evidence = _evidence(group)
        if all(s.source == "declared" for s in group):
            evidence = [e.model_copy(update={"note": e.note + ", never imported"}) for e in evidence]
        if all(s.frontend or s.source == "declared" for s in group) and any(s.frontend for s in group):
            confidence = min(confidence, _FRONTEND_CAP)  # declared at the root, used by the front-end alone
            evidence = [e.model_copy(update={"note": e.note + " (front-end only)"}) for e in evidence]
        used = [s for s in group if s.source != "declared"]
        if kind in TESTED_KINDS and used and all(s.role in _UNCONFIRMED for s in used):
            # a token library only tests and mocks use, or only to sign a token for another service, is not how the
            # application authenticates
            reason = _UNCONFIRMED[next(r for r in _UNCONFIRMED if any(s.role == r for s in used))]
            confidence = min(confidence, _FRONTEND_CAP)
            evidence = [e.model_copy(update={"note": f"{e.note} ({reason})"}) for e in evidence]
        role = _role(group)
        facts.append(StackFact(kind=kind, value=value, confidence=confidence, evidence=evidence, role=role))
    facts = [f for f in facts if f.confidence >= 0.15]
    facts = [f for f in facts if f.value not in _FALLBACKS or not _others_established(facts, f)]
    conflicts = _conflicts(facts)
    kinds = list(FactKind.__args__)  # type: ignore[attr-defined]
    facts.sort(key=lambda f: (kinds.index(f.kind), role_rank(f.role), -f.confidence, f.value))
    return facts, conflicts


def _weighed(group: list[Signal]) -> list[Signal]:
    """The signals a fact's confidence is made of: the four strongest, a package declared in several manifests
    (`requirements.txt`, `requirements-django52.txt`) counting once: a declaration repeated is not more use."""
    declared = [s for s in group if s.source == "declared"]
    kept = [s for s in group if s.source != "declared"] + sorted(declared, key=lambda s: -s.weight)[:1]
    return sorted(kept, key=lambda s: -s.weight)[:4]


def _role(group: list[Signal]) -> Role | None:
    """A fact's role: a test tool's own; for a database, the environment its settings serve. Settings and files
    decide first (an import shows the code can use a driver, not where); production when any of them is not tied to
    development or tests; declared scopes count only without other evidence."""
    roles = {s.role for s in group if s.role}
    if roles & _TOOL_ROLES or "cache" in roles:
        return cast(Role, sorted(roles, key=role_rank)[0])
    if not any(s.kind == "database" for s in group):
        return None
    for sources in ({"config", "structure"}, {"imported"}, {"declared"}):
        placed = {s.role or "production" for s in group if s.source in sources}
        if placed == {"test"} and any(s.source == "imported" and s.role is None for s in group):
            return "production"  # application code uses it; only tests say where
        if placed:
            return cast(Role, next(r for r in _ROLE_PRECEDENCE if r in placed))
    return "production"


_TOOL_ROLES = {"runner", "http-client", "factories", "plugin", "containers", "mocking", "http-mocking", "assertions",
               "db-reset", "e2e", "bdd"}  # fmt: skip


def _others_established(facts: list[StackFact], fact: StackFact) -> bool:
    over = _FALLBACKS[fact.value]
    return any(
        f.kind == fact.kind
        and f.value != fact.value
        and (over is None or f.value == over)
        and (over is not None or f.value not in _FALLBACKS)  # two drivers side by side both stay
        and f.confidence >= ESTABLISHED
        for f in facts
    )


def _evidence(group: list[Signal]) -> list[Evidence]:
    seen: dict[tuple[str, int | None], Evidence] = {}
    for signal in sorted(group, key=lambda s: (-s.weight, s.evidence.path, s.evidence.line or 0)):
        where = signal.evidence
        seen.setdefault((where.path, where.line), Evidence(path=where.path, line=where.line, note=where.note))
    return list(seen.values())[:5]


def _complementary(a: str, b: str) -> bool:
    """Two values of an exclusive kind that work together (a framework and what it runs on; two SQL toolkits)."""
    return any({a, b} <= pair for pair in _COMPLEMENTS) or ("no ORM" in a and "no ORM" in b)


def _conflicts(facts: list[StackFact]) -> list[str]:
    """Values of an exclusive kind that compete with the established one are reported; the established value is
    marked conflicting only when a rival is established too (a dependency declared and never used is a rival, not a
    doubt about what the code uses)."""
    messages = []
    for kind in sorted(_EXCLUSIVE):
        group = sorted((f for f in facts if f.kind == kind), key=lambda f: -f.confidence)
        if len(group) < 2 or group[0].confidence < ESTABLISHED:
            continue
        leaders = [f for f in group if f.confidence >= ESTABLISHED]
        rivals = [f for f in group[1:] if not any(_complementary(leader.value, f.value) for leader in leaders)]
        if not rivals:
            continue
        for fact in rivals:
            fact.conflict = True
        if any(f.confidence >= ESTABLISHED for f in rivals):
            group[0].conflict = True
        described = "; ".join(
            f"{f.value} ({f.confidence:.2f}: {f.evidence[0].path} {f.evidence[0].note})" for f in (group[0], *rivals)
        )
        messages.append(f"{kind}: {described}")
    return messages


def layout_tree(scan: RepoScan, depth: int = 2, limit: int = 60) -> list[str]:
    """Top directories (to `depth` levels) with their file counts, and top-level files."""
    counts: Counter[str] = Counter()
    top_files = []
    for listed in scan.files:
        parts = listed.path.split("/")
        if len(parts) == 1:
            top_files.append(listed.path)
        for level in range(1, min(depth, len(parts) - 1) + 1):
            counts["/".join(parts[:level]) + "/"] += 1
    lines = [f"{path} ({n} file{'s' * (n != 1)})" for path, n in sorted(counts.items())]
    return (lines + sorted(top_files))[:limit]
