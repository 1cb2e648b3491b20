"""Existing HTTP routes of a repository.

Source files are parsed with tree-sitter (`repo/syntax.py`) and read by one route model for every framework that
registers routes by calls or annotations (`repo/routing.py`), with prefixes and constants followed across files.
The ecosystem modules (`repo/ecosystems/`) add what that model does not cover (Rails and Phoenix route files,
Django url lists, DRF routers, Rails-style `resources`); where both read the same line, the syntax tree wins.
A file that takes longer than its budget to parse is skipped and listed.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.paths import Constants
from prp_agent.repo.routing import syntax_routes
from prp_agent.repo.source import METHODS, Routes, SourceFile
from prp_agent.repo.syntax import FILE_BUDGET, BudgetExceeded, SyntaxFile, parse_file
from prp_agent.repo.types import RepoRoute, SkippedFile

__all__ = ["extract_routes", "parse_sources"]


def parse_sources(files: list[SourceFile], budget: float = FILE_BUDGET) -> tuple[list[SyntaxFile], list[SkippedFile]]:
    """Syntax trees of the files a grammar reads; files over the time budget are listed as skipped."""
    parsed: list[SyntaxFile] = []
    skipped: list[SkippedFile] = []
    for source in files:
        try:
            syntax = parse_file(source.path, source.text or source.code, source.language, budget)
        except BudgetExceeded:
            skipped.append(SkippedFile(path=source.path, reason=f"time budget ({budget:g} s) exceeded while parsing"))
            continue
        except (ValueError, UnicodeError, RecursionError) as error:
            skipped.append(SkippedFile(path=source.path, reason=f"could not be parsed: {type(error).__name__}"))
            continue
        if syntax is not None:
            parsed.append(syntax)
    return parsed, skipped


# What a file must show to be parsed for routes: a route marker, or a name bound to a path-like string.
_ROUTE_HINT = re.compile(
    r"[Rr]oute|[Rr]outer|Mapping|@(?:Get|Post|Put|Patch|Delete)\b|\.(?:get|post|put|patch|delete|GET|POST|Get|Post|"
    r"Put|Delete|Patch)\(|Controller|Blueprint|HandleFunc|Handle\(|MapGet|MapPost|MapPut|MapDelete|MapGroup|"
    r"\[Http(?:Get|Post|Put|Patch|Delete)|#\[(?:get|post|put|patch|delete)|\bpath\(|Mount\(|mount\(|\.nest\(|"
    r"\.use\(|register|routing|scope|setGlobalPrefix|[=:][ \t]*[frbu$@]?[\"'`]/[\w{}:.$-]"
)


def extract_routes(files: list[SourceFile]) -> tuple[list[RepoRoute], list[SkippedFile]]:
    """Every route found, sorted by path then method, and the files skipped."""
    parsed, skipped = parse_sources([f for f in files if _ROUTE_HINT.search(f.code)])
    constants = Constants()
    for syntax in parsed:
        constants.add_file(syntax)
    found = syntax_routes(parsed, constants)
    read_lines = {(r.evidence.path, r.evidence.line) for r in found}
    routes = Routes()
    for route in found:
        routes.found.setdefault((route.method, route.path), route)
    others = Routes()
    for ecosystem in ECOSYSTEMS:
        for extractor in ecosystem.ROUTES:
            extractor(files, others)
    for key, route in others.found.items():
        if (route.evidence.path, route.evidence.line) not in read_lines:
            routes.found.setdefault(key, route)
    order = {m: i for i, m in enumerate(METHODS)}
    ordered = sorted(routes.found.values(), key=lambda r: (r.path, order.get(r.method, 9), r.method))
    return ordered, skipped
