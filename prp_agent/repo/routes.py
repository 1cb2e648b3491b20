"""Existing HTTP routes of a repository.

Source files are parsed with tree-sitter (`repo/syntax.py`) and read by one route model for every framework that
registers routes by calls or annotations (`repo/routing.py`), with prefixes and constants followed across files.
The ecosystem modules (`repo/ecosystems/`) add what that model does not cover (Rails and Phoenix route files,
Django url lists, DRF routers, Rails-style `resources`); where both read the same line, the syntax tree wins.
A file that takes longer than its budget to parse is skipped and listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.reading import SyntaxRead, read_syntax
from prp_agent.repo.source import METHODS, Routes, SourceFile
from prp_agent.repo.stack import environment_of
from prp_agent.repo.types import RepoRoute, SkippedFile

__all__ = ["extract_routes", "with_routes"]


def extract_routes(
    files: list[SourceFile], read: SyntaxRead | None = None
) -> tuple[list[RepoRoute], list[SkippedFile]]:
    """Every route found, sorted by path then method, and the files skipped. `read` is what `read_syntax` gave
    for these files when it already ran (in worker processes)."""
    read = read if read is not None else read_syntax(files)
    skipped = read.skipped
    found = read.links.routes()
    read_lines = {(r.evidence.path, r.evidence.line) for r in found}
    routes = Routes()
    for route in found:
        routes.found.setdefault((route.method, route.path), route)
    others = Routes()
    for ecosystem in ECOSYSTEMS:
        for extractor in ecosystem.ROUTES:
            extractor(files, others)
    for key, route in others.found.items():
        if environment_of(route.evidence.path) == "test":
            continue  # a test's stub controller, an end-to-end suite's API client: not the application's routes
        if (route.evidence.path, route.evidence.line) not in read_lines:
            routes.found.setdefault(key, route)
    return _ordered(routes.found.values()), skipped


def with_routes(routes: list[RepoRoute], more: list[RepoRoute]) -> list[RepoRoute]:
    """`routes` and those of `more` they do not already hold (by method and path), in the order routes are given."""
    found = {(r.method, r.path): r for r in routes}
    for route in more:
        found.setdefault((route.method, route.path), route)
    return _ordered(found.values()) if len(found) > len(routes) else routes


_ORDER = {m: i for i, m in enumerate(METHODS)}


def _ordered(routes: Iterable[RepoRoute]) -> list[RepoRoute]:
    """Routes sorted by path, then by method in the usual order (GET, POST, …)."""
    return sorted(routes, key=lambda r: (r.path, _ORDER.get(r.method, 9), r.method))
