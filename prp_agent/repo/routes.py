"""Existing HTTP routes of a repository, every ecosystem's extractors run in turn (see `repo/ecosystems/`).

Input is comment-stripped source, so commented-out routes are not routes. Prefixes are resolved where the code
makes them plain; a route registered under an `if` is kept and marked conditional.
"""

from __future__ import annotations

from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.source import METHODS, Routes, SourceFile
from prp_agent.repo.types import RepoRoute

__all__ = ["extract_routes"]


def extract_routes(files: list[SourceFile]) -> list[RepoRoute]:
    """Every route the extractors find, sorted by path then method."""
    routes = Routes()
    for ecosystem in ECOSYSTEMS:
        for extractor in ecosystem.ROUTES:
            extractor(files, routes)
    order = {m: i for i, m in enumerate(METHODS)}
    return sorted(routes.found.values(), key=lambda r: (r.path, order.get(r.method, 9), r.method))
