"""Dependency manifests: the names each declares, and for which environment (test or development only, when the
manifest says so: a Maven test scope, a Gradle `testImplementation`, `devDependencies`, a Gemfile `group :test`,
`require-dev`, `[dev-dependencies]`, `only: :test`, a requirements file or dependency group named for tests)."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator
from typing import Any

from prp_agent.repo.source import ruby_block_end
from prp_agent.text import loads_json, loads_toml

__all__ = ["MANIFESTS", "Declared", "declared_names", "manifest_kind"]

Declared = tuple[str, str | None]  # (name, "test" | "development" | None)
Parser = Callable[[str, str], Iterator[Declared]]

_REQ_LINE = re.compile(r"^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)", re.M)


def _scope_of(name: str) -> str | None:
    """The environment a group, extra or file name stands for."""
    lowered = name.lower()
    if re.search(r"test|spec|qa|e2e", lowered):
        return "test"
    if re.search(r"dev|local|lint|docs", lowered):
        return "development"
    return None


def _requirement_names(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            match = _REQ_LINE.match(line)
            if match:
                yield match.group(1)


def _requirements(path: str, text: str) -> Iterator[Declared]:
    scope = _scope_of(path.rsplit("/", 1)[-1].removeprefix("requirements"))
    if "/" in path and scope is None:
        scope = _scope_of(path.rsplit("/", 2)[-1])  # requirements/test.txt
    for name in _requirement_names(text):
        yield name, scope


def _pyproject(path: str, text: str) -> Iterator[Declared]:
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError:
        return
    project = data.get("project", {})
    groups: list[tuple[str | None, list[Any]]] = [(None, list(project.get("dependencies", [])))]
    groups += [(_scope_of(k), list(v)) for k, v in project.get("optional-dependencies", {}).items()]
    groups += [
        (_scope_of(k), [s for s in v if isinstance(s, str)]) for k, v in data.get("dependency-groups", {}).items()
    ]
    for scope, specs in groups:
        for spec in specs:
            for name in _requirement_names(str(spec)):
                yield name, scope
    poetry = data.get("tool", {}).get("poetry", {})
    yield from ((name, None) for name in poetry.get("dependencies", {}))
    yield from ((name, "development") for name in poetry.get("dev-dependencies", {}))
    for group, table in poetry.get("group", {}).items():
        scope = _scope_of(group) or "development"
        yield from ((name, scope) for name in table.get("dependencies", {}))


def _json_sections(text: str, sections: dict[str, str | None]) -> Iterator[Declared]:
    try:
        data = loads_json(text)
    except json.JSONDecodeError:
        return
    if not isinstance(data, dict):
        return
    for key, scope in sections.items():
        section = data.get(key)
        if isinstance(section, dict):
            yield from ((name, scope) for name in section)


def _package_json(path: str, text: str) -> Iterator[Declared]:
    yield from _json_sections(text, {"dependencies": None, "devDependencies": "development",
                                     "peerDependencies": None, "optionalDependencies": None})  # fmt: skip


def _composer(path: str, text: str) -> Iterator[Declared]:
    yield from _json_sections(text, {"require": None, "require-dev": "development"})


_POM_DEPENDENCY = re.compile(r"<dependency>(.*?)</dependency>", re.S)
_POM_TAG = re.compile(r"<(groupId|artifactId|scope)>\s*([\w.${}-]+)\s*</\1>")


def _pom(path: str, text: str) -> Iterator[Declared]:
    for block in _POM_DEPENDENCY.finditer(text):
        tags = dict(_POM_TAG.findall(block.group(1)))
        artifact = tags.get("artifactId")
        if artifact:
            scope = "test" if tags.get("scope") == "test" else None
            yield from _coordinates(tags.get("groupId", ""), artifact, scope)
    for plugin in re.finditer(r"<plugin>.*?<artifactId>\s*([\w.-]+)\s*</artifactId>", text, re.S):
        yield plugin.group(1), None


_GRADLE_DEP = re.compile(r"""^[ \t]*(\w+)\s*\(?\s*["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']""", re.M)
_GRADLE_PLUGIN = re.compile(r"""\bid\s*\(?\s*["']([\w.-]+)["']""")


def _gradle(path: str, text: str) -> Iterator[Declared]:
    for configuration, group, artifact in _GRADLE_DEP.findall(text):
        lowered = configuration.lower()
        scope = "test" if "test" in lowered else "development" if "development" in lowered else None
        yield from _coordinates(group, artifact, scope)
    for plugin in _GRADLE_PLUGIN.findall(text):
        yield plugin, None


def _coordinates(group: str, artifact: str, scope: str | None) -> Iterator[Declared]:
    """A JVM dependency as `group:artifact`, `group:*` and the artifact alone (the lookup takes the first it knows)."""
    yield f"{group}:{artifact}", scope
    yield f"{group}:*", scope
    yield artifact, scope
    if artifact.endswith("-jvm"):  # Kotlin multiplatform artifacts
        yield artifact.removesuffix("-jvm"), scope


_GO_REQUIRE = re.compile(r"^[ \t]*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}/[^\s]+)\s+v[\d.]", re.M | re.I)


def _go_mod(path: str, text: str) -> Iterator[Declared]:
    yield from ((name, None) for name in _GO_REQUIRE.findall(text))


_GEM = re.compile(r"""^[ \t]*gem\s+["']([\w-]+)["']([^\n]*)""", re.M)
_GEM_GROUP = re.compile(r"^[ \t]*group\s+([^\n]*?)\s+do\s*$", re.M)


def _gemfile(path: str, text: str) -> Iterator[Declared]:
    groups = [(m.end(), _gem_scope(m.group(1)), ruby_block_end(text, m.end())) for m in _GEM_GROUP.finditer(text)]
    for match in _GEM.finditer(text):
        scope = _gem_scope(match.group(2)) if "group" in match.group(2) else None
        scope = scope or next((s for start, s, end in groups if start < match.start() < end), None)
        yield match.group(1), scope


def _gem_scope(text: str) -> str | None:
    names = set(re.findall(r":(\w+)", text)) | set(re.findall(r"""["'](\w+)["']""", text))
    if "production" in names or not names:
        return None
    return "development" if "development" in names else "test" if "test" in names else None


_CSPROJ = re.compile(r"""<PackageReference\s+Include=["']([\w.-]+)["']""", re.I)


def _csproj(path: str, text: str) -> Iterator[Declared]:
    scope = "test" if re.search(r"tests?\b|\.tests?\.|specs?\b", path.lower()) else None
    yield from ((name, scope) for name in _CSPROJ.findall(text))


def _cargo(path: str, text: str) -> Iterator[Declared]:
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError:
        return
    tables: list[tuple[str | None, dict[str, Any]]] = [
        (None, data.get("dependencies", {})), ("test", data.get("dev-dependencies", {})),
        (None, data.get("workspace", {}).get("dependencies", {})),
    ]  # fmt: skip
    for scope, table in tables:
        yield from ((name, scope) for name in table)


_MIX_DEP = re.compile(r"\{\s*:(\w+)\s*,([^}]*)\}")


def _mix(path: str, text: str) -> Iterator[Declared]:
    for name, options in _MIX_DEP.findall(text):
        only = re.search(r"only:\s*(\[[^\]]*\]|:\w+)", options)
        scopes = set(re.findall(r":(\w+)", only.group(1))) if only else set()
        scope = None if not scopes or "prod" in scopes else "development" if "dev" in scopes else "test"
        yield name, scope


MANIFESTS: dict[str, tuple[str, Parser]] = {
    "requirements": ("python", _requirements),
    "pyproject.toml": ("python", _pyproject),
    "package.json": ("js", _package_json),
    "pom.xml": ("java", _pom),
    "build.gradle": ("java", _gradle),
    "build.gradle.kts": ("java", _gradle),
    "go.mod": ("go", _go_mod),
    "gemfile": ("ruby", _gemfile),
    "composer.json": ("php", _composer),
    ".csproj": ("csharp", _csproj),
    "cargo.toml": ("rust", _cargo),
    "mix.exs": ("elixir", _mix),
}


def manifest_kind(name: str) -> str | None:
    """Which manifest parser reads this file, if any."""
    lowered = name.lower()
    if lowered.endswith(".csproj"):
        return ".csproj"
    if lowered.startswith("requirements") and lowered.endswith((".txt", ".in")):
        return "requirements"
    return lowered if lowered in MANIFESTS else None


def declared_names(path: str, text: str) -> tuple[str, list[Declared]]:
    """The ecosystem of a manifest and every (name, scope) it declares."""
    kind = manifest_kind(path.rsplit("/", 1)[-1])
    if kind is None:
        return "", []
    ecosystem, parse = MANIFESTS[kind]
    return ecosystem, list(parse(path, text))
