"""Reading source files as syntax trees, one at a time: which files to parse (cheap literal tests first), the time
budget per file, and what each tree gives before it is dropped — its routes for linking (`repo/routing.py`), its
auth signals (`repo/auth.py`), the fields of its classes (`repo/fields.py`) and the columns of its tables
(`repo/tables.py`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from prp_agent.repo import hints
from prp_agent.repo.auth import auth_signals
from prp_agent.repo.fields import FIELD_LANGUAGES, class_fields
from prp_agent.repo.grape import GRAPE_FILE, GrapeApi, grape_apis
from prp_agent.repo.links import Links, RouteRecord
from prp_agent.repo.paths import Value, laravel_settings
from prp_agent.repo.rails import DEVISE_MODULES, RAILS_ROUTES, rails_routes
from prp_agent.repo.roda import RODA_FILE, roda_tree
from prp_agent.repo.routing import read_routes
from prp_agent.repo.source import RUBY_CLASS, SourceFile
from prp_agent.repo.stack import Signal
from prp_agent.repo.syntax import FILE_BUDGET, BudgetExceeded, SyntaxFile, parse_file
from prp_agent.repo.tables import liquibase_changes, replay, sql_tables, table_columns
from prp_agent.repo.types import SkippedFile

__all__ = [
    "APP_CONFIG",
    "ROUTES_CONFIG",
    "SyntaxRead",
    "base_path",
    "folder_prefixes",
    "parse_sources",
    "read_syntax",
    "reexports",
]

APP_CONFIG = re.compile(r"(^|/)src/main/resources/application\.(properties|ya?ml)$")
# settings that put every annotated route of a JVM application under a path
_BASE_KEYS = ("quarkus.rest.path", "quarkus.resteasy.path", "quarkus.resteasy-reactive.path", "quarkus.http.root-path",
              "server.servlet.context-path", "server.servlet.contextPath", "spring.mvc.servlet.path",
              "spring.webflux.base-path", "micronaut.server.context-path")  # fmt: skip
_SETTING = re.compile(r"^([ \t]*)([\w.\-\[\]]+)[ \t]*[:=][ \t]*['\"]?([^'\"#\n]*?)['\"]?[ \t]*$")


def base_path(text: str) -> str:
    """The path a JVM application's settings serve its routes under (`quarkus.rest.path=/api`,
    `server.servlet.context-path: /api`, nested YAML or dotted keys), joined in order; "" when none."""
    values: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in text.split("\n"):
        match = _SETTING.match(line)
        if match is None or line.lstrip().startswith(("#", "%", "-")):
            continue
        indent, key, value = len(match.group(1)), match.group(2), match.group(3).strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        full = ".".join([k for _, k in stack] + [key])
        if value:
            values.setdefault(full, value)
        else:
            stack.append((indent, key))
    parts = [values[k] for k in _BASE_KEYS if k in values and not values[k].startswith("${")]
    return "/".join(p.strip("/") for p in parts if p.strip("/"))


ROUTES_CONFIG = re.compile(r"(^|/)config/routes(\.ya?ml|/[\w.-]+\.ya?ml)$")
_YAML_KEY = re.compile(r"^[ \t]+(resource|prefix|path)[ \t]*:[ \t]*['\"]?([^'\"#\n]*?)['\"]?[ \t]*$")


def folder_prefixes(path: str, text: str) -> list[tuple[str, str]]:
    """(folder, prefix) for each block of a Symfony routes file that imports a folder of controllers under a
    prefix (`resource: ../src/API/` with `prefix: /api`)."""
    found: list[tuple[str, str]] = []
    block: dict[str, str] = {}
    for line in [*text.split("\n"), "end:"]:
        if line and not line[0].isspace() and not line.startswith("#"):
            resource = block.get("resource") or block.get("path", "")  # `resource: {path: ../src/Controller/}`
            if resource and block.get("prefix") is not None:
                folder = posixpath.normpath(posixpath.join(posixpath.dirname(path), resource))
                found.append((folder.rstrip("/") + "/", block["prefix"]))  # relative to the routes file
            block = {}
            continue
        match = _YAML_KEY.match(line)
        if match:
            block.setdefault(match.group(1), match.group(2).strip().strip("'\""))
    return found


_RAILS_MOUNT = re.compile(r"""^[ \t]*mount[ \t(]+([\w:]+)[ \t]*(?:=>|,[ \t]*at:)[ \t]*["']([^"'\n]*)["']""", re.M)
_PROVIDERS = re.compile(r"omniauth_providers:\s*\[([^\]]{0,300})\]")
_OMNIAUTH = re.compile(r"^[ \t]*config\.omniauth[ \t(]+:(\w+)", re.M)  # Devise's initializer


def parse_sources(files: list[SourceFile], budget: float = FILE_BUDGET) -> Iterator[SyntaxFile | SkippedFile]:
    """Syntax trees of the files a grammar reads, one at a time (a caller that drops each tree holds one at
    most); a file over the time budget comes as a `SkippedFile`."""
    for source in files:
        try:
            syntax = parse_file(source.path, source.text or source.code, source.language, budget)
        except BudgetExceeded:
            yield SkippedFile(path=source.path, reason=f"time budget ({budget:g} s) exceeded while parsing")
            continue
        except (ValueError, UnicodeError, RecursionError) as error:
            yield SkippedFile(path=source.path, reason=f"could not be parsed: {type(error).__name__}")
            continue
        if syntax is not None:
            yield syntax


@dataclass
class SyntaxRead:
    """What the syntax trees of a run of files say: their routes (to be linked), the files skipped, the auth
    signals, and the fields of their classes."""

    links: Links = field(default_factory=Links)
    skipped: list[SkippedFile] = field(default_factory=list)
    auth: list[Signal] = field(default_factory=list)
    fields: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (file, class) → its fields
    tables: dict[str, list[str]] = field(default_factory=dict)  # table → columns (schema files, migrations)
    table_sources: dict[str, str] = field(default_factory=dict)  # table → the file that creates it

    def merge(self, other: SyntaxRead) -> None:
        """Add a later run's reading."""
        self.links.merge(other.links)
        self.skipped += other.skipped
        self.auth += other.auth
        self.fields.update(other.fields)
        for table, columns in other.tables.items():
            self.add_table(table, columns, other.table_sources.get(table, ""))

    def add_table(self, table: str, columns: list[str], source: str) -> None:
        """Add the columns one file declares for a table."""
        known = self.tables.setdefault(table, [])
        known.extend(c for c in columns if c not in known)
        if source:
            self.table_sources.setdefault(table, source)


def _shown(source: SourceFile) -> int:
    return source.hints if source.hints >= 0 else hints.file_hints(source.code)


def _candidate(source: SourceFile, shown: int) -> bool:
    """Whether a file is worth a syntax tree: it shows a route, auth, a table, or (in a class-based language) an
    entity; or it is a Rails routes file, a Laravel config file (the settings route prefixes read) or re-exports
    names routes may be imported by."""
    wanted = hints.ROUTE | hints.AUTH | hints.TABLE | (hints.ENTITY if source.language in FIELD_LANGUAGES else 0)
    return (
        bool(shown & wanted)
        or bool(laravel_settings(source.path, source.language))
        or bool(RAILS_ROUTES.search(source.path))
        or reexports(source.path, source.code)
    )


def _read_file(parsed: SyntaxFile, shown: int = -1) -> SyntaxRead:
    """What one parsed file says, read into its own record (merged only when the whole file was read). Its auth is
    read when its text shows auth (`shown`, its hints; an Elixir module names its auth plugs by module)."""
    read = SyntaxRead()
    read_routes(parsed, read.links)
    if parsed.language == "Ruby":
        _ruby_routes(parsed, read.links)
    registers = any(not (r.linked_only or r.maybe_handler) for r in read.links.records)
    parsed.check()
    if shown < 0 or shown & hints.AUTH or parsed.language == "Elixir":
        read.auth += auth_signals(parsed, has_routes=registers)
    for name, names in class_fields(parsed).items():
        read.fields[(parsed.path, name)] = names
    for table, columns in table_columns(parsed).items():
        read.add_table(table, columns, parsed.path)
    return read


def _ruby_routes(parsed: SyntaxFile, links: Links) -> None:
    """What a Ruby file says about routes: a Rails routes file's routes, `devise_for` and `mount`s; Roda routing
    trees; Grape APIs; Devise's modules and OmniAuth providers."""
    if RAILS_ROUTES.search(parsed.path):
        routes, devise = rails_routes(parsed)
        for method, path, line in routes:
            links.records.append(RouteRecord(None, method, Value(path), parsed.path, line))
        links.devise += [(mount, parsed.path) for mount in devise]
        text = parsed.data.decode("utf-8", "replace")
        mounted = [(m.group(1).rsplit("::", 1)[-1], m.group(2)) for m in _RAILS_MOUNT.finditer(text)]
        if mounted:  # `mount API::Base => "/api"`: a Grape API served under that path
            links.grape.append(("<rails routes>", GrapeApi(mounts=mounted)))
    if RODA_FILE.search(parsed.data):
        links.roda.append(roda_tree(parsed))
    if GRAPE_FILE.search(parsed.data):
        links.grape += list(grape_apis(parsed).items())
    if b"devise" in parsed.data or b"omniauth" in parsed.data:
        _devise_settings(parsed, links)


def _devise_settings(parsed: SyntaxFile, links: Links) -> None:
    """A model's Devise modules (`devise :database_authenticatable, :recoverable`) and the OmniAuth providers it or
    the initializer names, for the routes `devise_for` draws."""
    text = parsed.data.decode("utf-8", "replace")
    for match in DEVISE_MODULES.finditer(text):
        owner = list(RUBY_CLASS.finditer(text, 0, match.start()))
        if owner:
            links.devise_modules.setdefault(owner[-1].group(1), tuple(re.findall(r"\w+", match.group(1))))
        listed = _PROVIDERS.search(text, match.end(), match.end() + 1000)
        links.omniauth_providers += re.findall(r"\w+", listed.group(1)) if listed else []
    links.omniauth_providers += _OMNIAUTH.findall(text)


def reexports(path: str, code: str) -> bool:
    """Whether a file is a Python package that re-exports names under others (`from .api.app import app as
    api_app` in `__init__.py`): the routers other files mount by those names."""
    return path.endswith("__init__.py") and " as " in code


def read_syntax(files: list[SourceFile]) -> SyntaxRead:
    """Parse the route and auth candidates among the files and record what each says (one tree alive at a
    time)."""
    read = SyntaxRead()
    for source in files:
        if source.language == "routes-config":
            read.links.folders += folder_prefixes(source.path, source.code)
        elif source.language == "jvm-config":
            read.links.jvm_base = read.links.jvm_base or base_path(source.code)
        elif source.language == "SQL":
            for table, columns in sql_tables(source.code).items():
                read.add_table(table, columns, source.path)
        elif source.language == "Liquibase":
            for table in replay(read.tables, liquibase_changes(source.path, source.code)):
                read.table_sources.setdefault(table, source.path)
    shown = {f.path: _shown(f) for f in files}
    candidates = [f for f in files if _candidate(f, shown[f.path])]
    for parsed in parse_sources(candidates):
        if isinstance(parsed, SkippedFile):
            read.skipped.append(parsed)
            continue
        try:
            read.merge(_read_file(parsed, shown[parsed.path]))
        except BudgetExceeded:
            reason = f"time budget ({FILE_BUDGET:g} s) exceeded while reading"
            read.skipped.append(SkippedFile(path=parsed.path, reason=reason))
    return read
