"""Routes of a contract-first API: the server stubs an OpenAPI generator makes at build time exist only as the
spec the build names (`openapi-generator-maven-plugin` or its Gradle plugin with a server generator), so the spec's
paths are the routes, under the path of its first server URL.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from prp_agent.repo.scan import read_text
from prp_agent.repo.source import SourceFile
from prp_agent.repo.types import Evidence, RepoRoute

__all__ = ["BUILD_MARKER", "openapi_routes", "server_specs"]

BUILD_MARKER = "openapi-generator"
# generators that make a server (interfaces or controllers to implement), not a client
_SERVERS = re.compile(
    r"^(spring|jaxrs[\w-]*|java-(?:micronaut|helidon|vertx|undertow|play|camel|pkmst|inflector|msf4j)[\w-]*|"
    r"kotlin-(?:spring|server|vertx|misk)|scala-(?:akka-http-server|play-server|finch|lagom)[\w-]*|aspnetcore|"
    r"python-(?:fastapi|flask|aiohttp|blueplanet)|go-(?:server|gin-server|echo-server)|nodejs-express-server|"
    r"php-(?:laravel|symfony|slim4|mezzio-ph|lumen)|rust-(?:axum|server)|ruby-(?:on-rails|sinatra)|haskell-yesod|"
    r"cpp-[\w-]*server[\w-]*|erlang-server|ktorm-schema|graphql-nodejs-express-server)$"
)
_MAVEN_INPUT = re.compile(r"<inputSpec>\s*([^<\s]+)\s*</inputSpec>")
_MAVEN_GENERATOR = re.compile(r"<generatorName>\s*([\w-]+)\s*</generatorName>")
_GRADLE_INPUT = re.compile(r"""\binputSpec(?:\.set\(|\s*=\s*)\s*(?:file\()?\s*["']([^"'\n]+)["']""")
_GRADLE_GENERATOR = re.compile(r"""\bgeneratorName(?:\.set\(|\s*=\s*)\s*["']([\w-]+)["']""")
_METHODS = ("get", "post", "put", "patch", "delete")
_MAX_SPEC = 5_000_000
_MAX_FILES = 400


def server_specs(build: SourceFile) -> list[str]:
    """The repository paths of the specs a build file generates servers from (its generator names a server)."""
    text, folder = build.text or build.code, posixpath.dirname(build.path)
    maven = build.path.endswith(".xml")
    blocks = re.split(r"<execution>" if maven else r"\b(?:openApiGenerate|GenerateTask)\b", text)
    specs = []
    for block in blocks:
        given = (_MAVEN_INPUT if maven else _GRADLE_INPUT).search(block)
        generator = (_MAVEN_GENERATOR if maven else _GRADLE_GENERATOR).search(block)
        if given and generator and _SERVERS.match(generator.group(1)):
            spec = re.sub(r"\$\{?(?:project\.)?(?:basedir|projectDir|rootDir)\}?/?", "", given.group(1))
            specs.append(posixpath.normpath(posixpath.join(folder, spec)))
    return list(dict.fromkeys(specs))


def openapi_routes(root: Path, builds: list[SourceFile]) -> list[RepoRoute]:
    """Each server spec's operations as routes (path items kept in other files through `$ref` are followed)."""
    routes: list[RepoRoute] = []
    for build in builds:
        for spec in server_specs(build):
            document = _load(root, spec)
            if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
                continue
            base = _base_path(document)
            for path, item in list(document["paths"].items())[:_MAX_FILES]:
                if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                    item = _load(root, posixpath.normpath(posixpath.join(posixpath.dirname(spec), item["$ref"])))
                if not isinstance(item, dict) or not isinstance(path, str):
                    continue
                full = "/" + "/".join(part for part in (base + "/" + path).split("/") if part)
                note = f"operation of the OpenAPI spec {build.path} generates a server from"
                for method in _METHODS:
                    if method in item:
                        evidence = Evidence(path=spec, note=note)
                        routes.append(RepoRoute(method=method.upper(), path=full, evidence=evidence))
    return routes


def _base_path(document: dict[str, object]) -> str:
    """The path of the first server URL (OpenAPI 3) or the `basePath` (Swagger 2)."""
    servers = document.get("servers")
    if isinstance(servers, list) and servers and isinstance(servers[0], dict):
        url = str(servers[0].get("url") or "")
        found = re.match(r"^(?:[a-z]+://[^/]*)?(/[^?#{]*)", url)
        return found.group(1).rstrip("/") if found else ""
    base = document.get("basePath")
    return base.rstrip("/") if isinstance(base, str) and base.startswith("/") else ""


def _load(root: Path, path: str) -> object:
    """A YAML or JSON spec file of the repository; None when it is missing, too large or no mapping."""
    import yaml

    if path.startswith("..") or path.startswith("/"):
        return None
    text = read_text(root, path)
    if text is None or len(text) > _MAX_SPEC:
        return None
    try:
        return yaml.safe_load(text)  # JSON is YAML
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
