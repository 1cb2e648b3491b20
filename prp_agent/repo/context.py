"""Pack what a model should know about a repository into a token budget: facts first, then the files that matter.

Priorities: facts summary, README, manifests, entry points, route files, model files, config. Each excerpt is
labelled with its path, redacted, cut at line boundaries, and counted with tiktoken; the result is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prp_agent.llm.tokens import count_tokens
from prp_agent.repo.scan import RepoScan, read_text
from prp_agent.repo.types import RepoFacts
from prp_agent.secrets.patterns import redact

__all__ = ["DEFAULT_BUDGET", "PackedContext", "pack_context", "render_facts"]

DEFAULT_BUDGET = 6000
_MAX_EXCERPT_LINES = 120
_MIN_EXCERPT_TOKENS = 60
_MAX_LISTED = 80  # routes or models named in the summary; the rest are counted
_README = re.compile(r"^readme(\.(md|rst|txt))?$", re.I)
_ENTRY = re.compile(
    r"(^|/)(main\.py|app\.py|asgi\.py|wsgi\.py|manage\.py|server\.[jt]s|app\.[jt]s|index\.[jt]s|main\.[jt]s|"
    r"Program\.cs|Startup\.cs|main\.go|\w*Application\.(java|kt)|config/application\.rb|artisan)$"
)
_MANIFEST = re.compile(
    r"(^|/)(pyproject\.toml|requirements[\w.-]*\.txt|package\.json|pom\.xml|build\.gradle(\.kts)?|go\.mod|Gemfile|"
    r"composer\.json|[\w.-]+\.csproj)$"
)
_CONFIG = re.compile(
    r"(^|/)(settings\.py|config\.py|settings/\w+\.py|application(-\w+)?\.(ya?ml|properties)|database\.yml|"
    r"appsettings\.json|schema\.prisma|docker-compose\.ya?ml|compose\.ya?ml|config/database\.php)$"
)


@dataclass
class Excerpt:
    """One labelled piece of the packed context."""

    label: str
    text: str
    tokens: int


@dataclass
class PackedContext:
    """The context text, its token count, what went in and what did not fit."""

    text: str
    tokens: int
    budget: int
    excerpts: list[Excerpt] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    redactions: int = 0


def render_facts(facts: RepoFacts) -> str:
    """The facts as plain text: stack with roles and evidence (a test runner and its libraries, each database with the
    environment it serves), conflicts, routes, models, env var names, layout."""
    lines = [f"Repository facts ({facts.files_scanned} files scanned):"]
    for fact in facts.facts:
        if not fact.established and not fact.conflict:
            continue
        where = ", ".join(e.path + (f":{e.line}" if e.line else "") for e in fact.evidence[:2])
        flag = " [conflicting evidence]" if fact.conflict else ""
        role = f" [{fact.role}]" if fact.role else ""
        lines.append(f"- {fact.kind}: {fact.value}{role} (confidence {fact.confidence:.2f}; {where}){flag}")
    for conflict in facts.conflicts:
        lines.append(f"- conflict: {conflict}")
    lines += _listed(
        "Existing routes",
        len(facts.routes),
        [
            f"{r.method} {r.path} ({r.evidence.path}:{r.evidence.line}){' [conditional]' if r.conditional else ''}"
            for r in facts.routes[:_MAX_LISTED]
        ],
    )
    lines += _listed(
        "Existing models",
        len(facts.entities),
        [
            f"{m.name}({', '.join(m.fields)}) ({m.evidence.path}:{m.evidence.line})"
            for m in facts.entities[:_MAX_LISTED]
        ],
    )
    if facts.env_vars:
        lines.append("Environment variables (names only): " + ", ".join(facts.env_vars))
    if facts.layout:
        lines.append("Layout:")
        lines.extend(f"- {entry}" for entry in facts.layout)
    return "\n".join(lines)


def _listed(title: str, total: int, items: list[str]) -> list[str]:
    """A titled bullet list of the first `items` (at most _MAX_LISTED) of `total`, counting the rest."""
    if not total:
        return []
    lines = [f"{title} ({total}):", *(f"- {item}" for item in items)]
    if total > len(items):
        lines.append(f"- … and {total - len(items)} more")
    return lines


def _candidates(scan: RepoScan, facts: RepoFacts) -> list[tuple[str, str]]:
    """(priority label, path) pairs in packing order, each path once."""
    readable = [f.path for f in scan.readable() if f.role == "source"]
    route_files = sorted({r.evidence.path for r in facts.routes})
    model_files = sorted({m.evidence.path for m in facts.entities})
    groups = [
        ("readme", sorted((p for p in readable if _README.match(p)), key=len)[:1]),
        ("manifest", sorted(p for p in readable if _MANIFEST.search(p))),
        ("entry point", sorted(p for p in readable if _ENTRY.search(p))),
        ("routes", route_files),
        ("models", model_files),
        ("config", sorted(p for p in readable if _CONFIG.search(p))),
    ]
    seen: set[str] = set()
    ordered = []
    for label, paths in groups:
        for path in paths:
            if path not in seen:
                seen.add(path)
                ordered.append((label, path))
    return ordered


def pack_context(
    scan: RepoScan, facts: RepoFacts, *, budget: int = DEFAULT_BUDGET, model: str = "gpt-5-mini"
) -> PackedContext:
    """The repository context for prompts, within `budget` tokens."""
    packed = PackedContext(text="", tokens=0, budget=budget)
    summary, packed.redactions = redact(render_facts(facts))
    pieces: list[str] = []
    remaining = budget
    candidates = _candidates(scan, facts)
    for index, (label, path) in enumerate([("facts", ""), *candidates]):
        if remaining < _MIN_EXCERPT_TOKENS:  # full: the rest is listed as omitted without being read
            packed.omitted.extend(p for _, p in candidates[index - 1 :])
            break
        if label == "facts":
            header, body = "", summary
        else:
            text = _excerpt_text(scan, path)
            if text is None:
                continue
            header = f"--- {path} ({label}) ---"
            body, redactions = redact(text)
            packed.redactions += redactions
        chunk = _fit(header, body, remaining, model)
        if chunk is None:
            packed.omitted.append(path or label)
            continue
        tokens = count_tokens(chunk + "\n\n", model)
        remaining -= tokens
        pieces.append(chunk)
        packed.excerpts.append(Excerpt(label if label == "facts" else path, chunk, tokens))
    packed.text = "\n\n".join(pieces)
    packed.tokens = count_tokens(packed.text, model) if packed.text else 0
    return packed


def _excerpt_text(scan: RepoScan, path: str) -> str | None:
    text = read_text(scan.root, path)
    if not text or not text.strip():
        return None
    lines = text.splitlines()
    if len(lines) > _MAX_EXCERPT_LINES:
        lines = [*lines[:_MAX_EXCERPT_LINES], f"… ({len(lines) - _MAX_EXCERPT_LINES} more lines)"]
    return "\n".join(lines)


def _fit(header: str, body: str, budget: int, model: str) -> str | None:
    """The header and as many whole leading lines of body as fit in budget tokens; None if not even a few fit."""
    full = f"{header}\n{body}" if header else body
    if count_tokens(full + "\n\n", model) <= budget:
        return full
    lines = body.splitlines()
    low, high = 0, len(lines)
    while low < high:
        mid = (low + high + 1) // 2
        candidate = "\n".join([*([header] if header else []), *lines[:mid], "… (cut to fit the context budget)"])
        if count_tokens(candidate + "\n\n", model) <= budget:
            low = mid
        else:
            high = mid - 1
    if low < 3:
        return None
    return "\n".join([*([header] if header else []), *lines[:low], "… (cut to fit the context budget)"])
