"""Read a repository's stack facts: combine signals into facts with confidences, report conflicts, find routes,
models, environment variable names and the layout.

Evidence beats presence: a dependency that is declared but never imported stays a low-confidence fact (below the
0.5 that counts as established) and, when another value of the same kind is established, it is reported as a
conflict instead of being silently dropped or silently chosen. Files under front-end directories count half.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .entities import extract_models
from .routes import SourceFile, extract_routes
from .scan import RepoFile, RepoScan, read_text, scan_repo
from .secrets import env_var_names
from .stack import (
    Seen,
    Signal,
    config_signals,
    declared_signals,
    file_signals,
    import_signals,
    manifest_kind,
    source_language,
    strip_comments,
)
from .types import Evidence, FactKind, RepoFacts, StackFact

__all__ = ["ESTABLISHED", "read_repo", "repo_facts"]

ESTABLISHED = 0.5
_FRONTEND_DIRS = {"frontend", "client", "web", "webapp", "ui", "www", "static", "public", "assets", "site", "docs"}
_EXCLUSIVE: set[FactKind] = {"web_framework", "orm", "migrations"}
_COMPLEMENTS = [
    {"Django", "Django REST Framework"},
    {"SQLAlchemy", "SQLModel"},
    {"Django", "Django ORM"},
]
_ROUTE_OR_MODEL_HINT = re.compile(
    r"route|Route|router|Router|Mapping|@(Get|Post|Put|Patch|Delete)|\.(get|post|put|patch|delete)\(|\.(GET|POST|Get|Post)\(|"
    r"Model|Entity|Schema|struct|resources?\s+:|DbSet|urlpatterns|register\(|MapGet|include_router|Blueprint|Controller|"
    r"Mapped|Column|__tablename__|ApplicationRecord|gorm|mongoose|setGlobalPrefix"
)
_ENV_REF = re.compile(
    r"""os\.environ(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']|os\.getenv\(\s*["']([A-Z][A-Z0-9_]+)["']|"""
    r"""process\.env\.([A-Z][A-Z0-9_]+)|process\.env\[\s*["']([A-Z][A-Z0-9_]+)["']|\benv\(\s*["']([A-Z][A-Z0-9_]+)["']|"""
    r"""ENV(?:\.fetch\(\s*|\[\s*)["']([A-Z][A-Z0-9_]+)["']|System\.getenv\(\s*"([A-Z][A-Z0-9_]+)"|"""
    r"""os\.(?:Getenv|LookupEnv)\(\s*"([A-Z][A-Z0-9_]+)"|GetEnvironmentVariable\(\s*"([A-Z][A-Z0-9_]+)"|"""
    r"""\$\{([A-Z][A-Z0-9_]+)(?::[^}]*)?\}|config\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)
_ENV_HINT = re.compile(r"environ|getenv|Getenv|LookupEnv|process\.env|ENV|env\(|\$\{|EnvironmentVariable|config\(")
_CONFIG_FILE = re.compile(
    r"\.(ya?ml|toml|ini|cfg|properties|xml|prisma|conf)$|(^|/)(Dockerfile|Procfile)$|appsettings[\w.]*\.json$"
)
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


def _analyze(root: Path, listed: RepoFile) -> _FileFacts:
    """Read one listed file and take what it tells."""
    found = _FileFacts(signals=[_discount(s, listed.path) for s in file_signals(listed.path)])
    if _TEST_FILE.search(listed.path):
        found.test_language = source_language(listed.path) or ""
    if listed.role not in {"source", "env_template"}:
        return found
    text = read_text(root, listed.path)
    if text is None:
        return found
    if listed.role == "env_template":
        found.env_vars = env_var_names(text)
        found.signals += config_signals(listed.path, text)  # detection only: evidence notes never hold values
        return found
    language = found.language = source_language(listed.path)
    if manifest_kind(listed.name):
        found.signals += (_discount(s, listed.path) for s in declared_signals(listed.path, text))
    if language is None and not _CONFIG_FILE.search(listed.path):
        return found
    code = strip_comments(text, language)
    if _ENV_HINT.search(code):
        found.env_vars = [g for m in _ENV_REF.finditer(code) for g in m.groups() if g]
    found.signals += config_signals(listed.path, code)
    if language is None:
        if listed.path.endswith(".prisma"):
            found.source = SourceFile(listed.path, code, "Prisma")
        return found
    if not _in_frontend(listed.path):
        found.counted_bytes = listed.size
    found.signals += (_discount(s, listed.path) for s in import_signals(listed.path, code, language))
    if _ROUTE_OR_MODEL_HINT.search(code):
        found.source = SourceFile(listed.path, code, language)
    return found


def repo_facts(scan: RepoScan) -> RepoFacts:
    """Facts, routes, models, env var names and layout of a scanned repository."""
    signals: list[Signal] = []
    sources: list[SourceFile] = []
    language_bytes: Counter[str] = Counter()
    env_vars: dict[str, None] = {}
    test_languages: set[str] = set()
    for found in (_analyze(scan.root, listed) for listed in scan.files):
        signals += found.signals
        env_vars.update(dict.fromkeys(found.env_vars))
        if found.language and found.counted_bytes:
            language_bytes[found.language] += found.counted_bytes
        if found.test_language is not None:
            test_languages.add(found.test_language)
        if found.source is not None:
            sources.append(found.source)
    routes = extract_routes(sources)
    models = extract_models(sources)
    signals += _language_signals(language_bytes)
    signals += _test_run_signals(signals, test_languages)
    if routes:
        first = routes[0].evidence
        signals.append(
            Signal("api_style", "REST", 0.7, Seen(first.path, first.line, f"{len(routes)} routes"), "structure")
        )
    facts, conflicts = _combine(signals)
    return RepoFacts(
        root=str(scan.root),
        revision=scan.revision,
        files_scanned=len(scan.files),
        facts=facts,
        routes=routes,
        models=models,
        env_vars=sorted(env_vars),
        layout=layout_tree(scan),
        conflicts=conflicts,
    )


def read_repo(root: str | Path) -> RepoFacts:
    """Scan a repository and read its facts."""
    return repo_facts(scan_repo(root))


def _in_frontend(path: str) -> bool:
    return bool(set(path.split("/")[:-1]) & _FRONTEND_DIRS)


def _discount(signal: Signal, path: str) -> Signal:
    if not _in_frontend(path):
        return signal
    return Signal(signal.kind, signal.value, signal.weight / 2, signal.evidence, signal.source)


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
    "Vitest": {"JavaScript", "TypeScript"}, "Mocha": {"JavaScript", "TypeScript"}, "RSpec": {"Ruby"},
    "PHPUnit": {"PHP"}, "JUnit": {"Java", "Kotlin"}, "xUnit": {"C#"}, "NUnit": {"C#"}, "testify": {"Go"},
}  # fmt: skip


def _test_run_signals(signals: list[Signal], test_languages: set[str]) -> list[Signal]:
    """A declared test runner plus test files in its language is a runner in use (Jest and pytest need no imports).

    A JS toolchain at the root of a Python backend declares Jest; Python test files do not make Jest the runner.
    """
    declared = {(s.value, s.evidence.path) for s in signals if s.kind == "test_framework" and s.source == "declared"}
    return [
        Signal("test_framework", value, 0.4, Seen(path, None, "declared, and test files exist"), "structure")
        for value, path in sorted(declared)
        if _RUNNER_LANGUAGES.get(value, set()) & test_languages
    ]


def _combine(signals: list[Signal]) -> tuple[list[StackFact], list[str]]:
    grouped: dict[tuple[FactKind, str], list[Signal]] = defaultdict(list)
    for signal in signals:
        grouped[(signal.kind, signal.value)].append(signal)
    facts: list[StackFact] = []
    for (kind, value), group in grouped.items():
        remaining = 1.0
        for signal in sorted(group, key=lambda s: -s.weight)[:4]:
            remaining *= 1 - signal.weight
        evidence = _evidence(group)
        if all(s.source == "declared" for s in group):
            evidence = [e.model_copy(update={"note": e.note + ", never imported"}) for e in evidence]
        facts.append(
            StackFact(kind=kind, value=value, confidence=round(min(0.99, 1 - remaining), 2), evidence=evidence)
        )
    facts = [f for f in facts if f.confidence >= 0.15]
    conflicts = _conflicts(facts)
    kinds = list(FactKind.__args__)  # type: ignore[attr-defined]
    facts.sort(key=lambda f: (kinds.index(f.kind), -f.confidence, f.value))
    return facts, conflicts


def _evidence(group: list[Signal]) -> list[Evidence]:
    seen: dict[tuple[str, int | None], Evidence] = {}
    for signal in sorted(group, key=lambda s: (-s.weight, s.evidence.path, s.evidence.line or 0)):
        where = signal.evidence
        seen.setdefault((where.path, where.line), Evidence(path=where.path, line=where.line, note=where.note))
    return list(seen.values())[:5]


def _conflicts(facts: list[StackFact]) -> list[str]:
    messages = []
    for kind in sorted(_EXCLUSIVE):
        group = sorted((f for f in facts if f.kind == kind), key=lambda f: -f.confidence)
        if len(group) < 2 or group[0].confidence < ESTABLISHED:
            continue
        rivals = [f for f in group[1:] if not any({group[0].value, f.value} <= c for c in _COMPLEMENTS)]
        if not rivals:
            continue
        for fact in (group[0], *rivals):
            fact.conflict = True
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
