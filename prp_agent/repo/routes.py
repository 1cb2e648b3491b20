"""Existing HTTP routes of a repository.

Source files are parsed with tree-sitter (`repo/syntax.py`) and read by one route model for every framework that
registers routes by calls or annotations (`repo/routing.py`), with prefixes and constants followed across files.
The ecosystem modules (`repo/ecosystems/`) add what that model does not cover (Rails and Phoenix route files,
Django url lists, DRF routers, Rails-style `resources`); where both read the same line, the syntax tree wins.
A file that takes longer than its budget to parse is skipped and listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from prp_agent.repo.auth import AUTH_HINT, auth_signals
from prp_agent.repo.ecosystems import ECOSYSTEMS
from prp_agent.repo.links import Links
from prp_agent.repo.routing import read_routes
from prp_agent.repo.source import METHODS, Routes, SourceFile
from prp_agent.repo.stack import Signal
from prp_agent.repo.syntax import FILE_BUDGET, BudgetExceeded, SyntaxFile, parse_file
from prp_agent.repo.types import RepoRoute, SkippedFile

__all__ = ["SyntaxRead", "extract_routes", "parse_sources", "read_syntax"]


# What a file must show to be parsed for routes: a route marker, or a name bound to a path-like string.
_ROUTE_HINT = re.compile(
    r"[Rr]oute|[Rr]outer|Mapping|@(?:Get|Post|Put|Patch|Delete)\b|\.(?:get|post|put|patch|delete|GET|POST|Get|Post|"
    r"Put|Delete|Patch)\(|Controller|Blueprint|HandleFunc|Handle\(|MapGet|MapPost|MapPut|MapDelete|MapGroup|"
    r"\[Http(?:Get|Post|Put|Patch|Delete)|#\[(?:get|post|put|patch|delete)|\bpath\(|Mount\(|mount\(|\.nest\(|"
    r"\.use\(|register|routing|scope|setGlobalPrefix|[=:][ \t]*[frbu$@]?[\"'`]/[\w{}:.$-]"
)


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
    """What the syntax trees of a run of files say: their routes (to be linked), the files skipped, and the
    auth signals."""

    links: Links = field(default_factory=Links)
    skipped: list[SkippedFile] = field(default_factory=list)
    auth: list[Signal] = field(default_factory=list)

    def merge(self, other: SyntaxRead) -> None:
        """Add a later run's reading."""
        self.links.merge(other.links)
        self.skipped += other.skipped
        self.auth += other.auth


def read_syntax(files: list[SourceFile]) -> SyntaxRead:
    """Parse the route and auth candidates among the files and record what each says (one tree alive at a
    time)."""
    read = SyntaxRead()
    candidates = [f for f in files if _ROUTE_HINT.search(f.code) or AUTH_HINT.search(f.code)]
    for parsed in parse_sources(candidates):
        if isinstance(parsed, SkippedFile):
            read.skipped.append(parsed)
            continue
        before = len(read.links.records)
        read_routes(parsed, read.links)
        registers = any(not (r.linked_only or r.maybe_handler) for r in read.links.records[before:])
        read.auth += auth_signals(parsed, has_routes=registers)
    return read


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
        if (route.evidence.path, route.evidence.line) not in read_lines:
            routes.found.setdefault(key, route)
    order = {m: i for i, m in enumerate(METHODS)}
    ordered = sorted(routes.found.values(), key=lambda r: (r.path, order.get(r.method, 9), r.method))
    return ordered, skipped
