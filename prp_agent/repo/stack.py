"""Stack signals: what manifests declare, what code imports, what config and layout show.

Each signal is (kind, value, weight, evidence). A declared dependency weighs little; an import in code, a config
setting or a telling file weighs more. `facts.py` combines them into facts with confidences and conflicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from prp_agent.repo.hints import linear
from prp_agent.repo.manifests import declared_names, manifest_kind
from prp_agent.repo.packages import CACHES, PACKAGES, TEST_CLIENTS, TEST_ROLES
from prp_agent.repo.types import FactKind

__all__ = [
    "DECLARED",
    "IMPORTED",
    "PACKAGES",
    "STRUCTURE",
    "TESTED_KINDS",
    "Seen",
    "Signal",
    "declared_signals",
    "environment_of",
    "import_signals",
    "lookup",
    "manifest_kind",
    "role_of",
    "source_language",
]

DECLARED = 0.35
IMPORTED = 0.6
STRUCTURE = 0.6

Fact = tuple[FactKind, str]


class Seen(NamedTuple):
    """Where a signal was seen (a plain tuple: signals are many, and cheap to make and to pickle)."""

    path: str
    line: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for a fact."""

    kind: FactKind
    value: str
    weight: float
    evidence: Seen
    source: str  # "declared" | "imported" | "config" | "structure"
    role: str | None = None  # a test tool's role, or the environment a database serves
    frontend: bool = False  # seen only under a front-end directory


_EXACT = {k: v for k, v in PACKAGES.items() if "*" not in k}
_PREFIXES = sorted(
    ((k.split("*")[0], k.partition("#")[2] if "*#" in k else "", v) for k, v in PACKAGES.items() if "*" in k),
    key=lambda entry: -len(entry[0]),
)

LANGUAGES = {
    ".py": "Python", ".ts": "TypeScript", ".tsx": "TypeScript", ".mts": "TypeScript", ".js": "JavaScript",
    ".mjs": "JavaScript", ".cjs": "JavaScript", ".jsx": "JavaScript", ".java": "Java", ".kt": "Kotlin",
    ".kts": "Kotlin", ".go": "Go", ".rb": "Ruby", ".php": "PHP", ".cs": "C#", ".rs": "Rust", ".scala": "Scala",
    ".ex": "Elixir", ".exs": "Elixir", ".swift": "Swift",
}  # fmt: skip
_TOOL_CONFIG = re.compile(r"(^|/)(\.?[\w-]+\.config\.[cm]?[jt]s|\.eslintrc\.[cm]?js|gulpfile\.js|Gruntfile\.js)$")


@lru_cache(maxsize=8192)
def lookup(name: str, ecosystem: str = "") -> tuple[Fact, ...]:
    """The facts a dependency or import name implies (`ecosystem`: python, js, java, go, rust, ruby, php, csharp or
    elixir, for names that mean something else elsewhere)."""
    key = name.lower()
    if ecosystem and f"{key}#{ecosystem}" in _EXACT:
        return _EXACT[f"{key}#{ecosystem}"]
    if key in _EXACT:
        return _EXACT[key]
    for prefix, only, facts in _PREFIXES:
        if key.startswith(prefix) and (not only or only == ecosystem):
            return facts
    return ()


def source_language(path: str) -> str | None:
    """The programming language of a source file, None for other files and tool configs."""
    if _TOOL_CONFIG.search(path):
        return None
    dot = path.rfind(".")
    return LANGUAGES.get(path[dot:].lower()) if dot > path.rfind("/") else None


# --- manifests: what is declared ------------------------------------------------------------------------------


def declared_signals(path: str, text: str) -> Iterator[Signal]:
    """Signals from one manifest: every dependency it declares that we know, with the environment it is declared
    for (a database declared for tests only serves tests)."""
    ecosystem, names = declared_names(path, text)
    seen: set[Fact] = set()
    for name, scope in names:
        for fact in lookup(str(name), ecosystem):
            if fact not in seen:
                seen.add(fact)
                note = f"declares {name}" + (f" ({scope} only)" if scope else "")
                role = role_of(fact, scope)
                yield Signal(fact[0], fact[1], DECLARED, Seen(path, None, note), "declared", role)


def role_of(fact: Fact, environment: str | None) -> str | None:
    """The role of a fact seen in a given environment: a test tool's own role; a database's environment."""
    kind, value = fact
    if kind == "test_framework":
        return TEST_ROLES.get(value, "runner")
    if kind == "database":
        return "cache" if value in CACHES else environment  # None: not tied to one environment
    if kind in TESTED_KINDS and environment == "test":
        return "test"  # what tests and mocks use (to sign in, to set up a database) establishes nothing
    return None


# kinds whose library a test alone uses says nothing of the application (JDBI that seeds a test database)
TESTED_KINDS = {"auth", "orm", "web_framework", "migrations"}


# --- source files: what is imported --------------------------------------------------------------------------

_IMPORTS = {
    "Python": re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import|import[ \t]+([\w.]+))", re.M),
    "JavaScript": re.compile(r"""(?:require\(\s*|from\s+|import\s+|import\(\s*)["']([@\w][\w@/.:-]*)["']"""),
    "Java": re.compile(r"^import\s+(?:static\s+)?([\w.]+)", re.M),
    "Go": re.compile(r"""^[ \t]*(?:import\s+)?(?:\w+\s+)?"([\w.-]+\.[a-z]{2,}/[^"]+|database/sql)"$""", re.M),
    "PHP": re.compile(r"^use\s+([\w\\]+)", re.M),
    "C#": re.compile(r"^using\s+([\w.]+)\s*;", re.M),
    "Rust": re.compile(r"^[ \t]*(?:#\[[^\]]*\]\s*)?(?:pub\s+)?(?:use\s+(\w+)::|extern\s+crate\s+(\w+))", re.M),
    "Elixir": re.compile(r"^[ \t]*(?:use|import|alias|require)\s+([A-Z][\w.]*)", re.M),
    "Ruby": re.compile(r"""^[ \t]*require\s+["']([\w-]+)""", re.M),
}
_IMPORTS["TypeScript"] = _IMPORTS["JavaScript"]
_IMPORTS["Kotlin"] = _IMPORTS["Java"]
ECOSYSTEMS = {"Python": "python", "JavaScript": "js", "TypeScript": "js", "Java": "java", "Kotlin": "java", "Go": "go",
              "Rust": "rust", "Ruby": "ruby", "PHP": "php", "C#": "csharp", "Elixir": "elixir"}  # fmt: skip


def _package_of(module: str, language: str) -> str:
    if language == "Python":
        return module.split(".")[0]
    if language in {"JavaScript", "TypeScript"}:
        if module.startswith("."):
            return ""
        parts = module.split("/")
        return "/".join(parts[:2]) if module.startswith("@") else parts[0]
    if language == "PHP":
        return module.replace("\\", ".").lower()
    if language == "Elixir":
        return module.lower()
    return module


# Python's strings and comments, left to right, so that the `"""` closing an f-string is not read as a docstring
# opening, nor a `#` inside a string as a comment: triple-quoted strings first, then one-line strings, then comments.
_PY_TOKENS = re.compile(  # unclosed strings end at their line's (or the file's) end, as in `_C_TOKENS`
    r'[rRbBuUfF]{0,2}(?:"""(?:[^"\\]|\\.?|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]|\\.?|'(?!''))*(?:'''|\Z))"
    r'|[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.?)*(?:"|(?=\n)|\Z)|'
    r"'(?:[^'\\\n]|\\.?)*(?:'|(?=\n)|\Z))"
    r"|#[^\n]*",
    re.S,
)
_VALUE_BEFORE = frozenset("=([{,+%")  # what puts a triple-quoted string in an expression (a value, not a docstring)


def _python_blank(match: re.Match[str]) -> str:
    """A comment blanked; a triple-quoted string that stands as a statement (a docstring) blanked, its line breaks
    kept; any other string kept."""
    token = match.group(0)
    if token.startswith("#"):
        return ""
    if '"""' not in token[:5] and "'''" not in token[:5]:
        return token
    text, start = match.string, match.start()
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return token  # after code on its line: a value
    before = text[max(0, line_start - 200) : line_start].rstrip()
    if before and before[-1] in _VALUE_BEFORE:
        return token  # an argument, a list item, a continued expression
    return "\n" * token.count("\n")


def strip_comments(text: str, language: str | None) -> str:
    """Blank out comments (keeping line numbers) so commented-out code is not evidence."""
    if language == "Python":  # comments, and statement-level docstrings (a urls.py docstring shows example paths)
        return _PY_TOKENS.sub(_python_blank, text)
    if language in {"Ruby", "Elixir"}:
        return re.sub(r"(?m)^[ \t]*#.*$", "", text)
    if language in {"JavaScript", "TypeScript", "Java", "Kotlin", "Go", "C#", "PHP", "Rust", "Scala", "Swift"}:
        return _C_TOKENS.sub(lambda m: _c_blank(m, language), text)
    if language is None:  # settings files: whole-line `#` comments (YAML, properties, TOML, INI, HOCON); `//` (Prisma)
        return re.sub(r"(?m)^[ \t]*(?:[#;!]|//).*$", "", text)
    return text


# C-like languages' strings, block comments and whole-line comments, left to right: a `/*` inside a string
# (`"/api/*"`) opens no comment. An unclosed string runs to its line's end, an unclosed comment to the file's: each
# is read once, not again from every quote or `/*` in it.
_C_TOKENS = re.compile(
    r'"(?:[^"\\\n]|\\.?)*(?:"|(?=\n)|\Z)'
    r"|'(?:[^'\\\n]|\\.?)*(?:'|(?=\n)|\Z)"
    r"|`(?:[^`\\]|\\.?)*(?:`|\Z)"
    r"|/\*.*?(?:\*/|\Z)"
    r"|(?m:^[ \t]*(?://|#(?!\[))[^\n]*)",
    re.S,
)


def _c_blank(match: re.Match[str], language: str) -> str:
    token = match.group(0)
    if token.startswith("/*"):
        return _annotations(token, language)
    if token.lstrip(" \t").startswith(("//", "#")):
        return ""
    return token


_DOC_ANNOTATION = re.compile(r"@(?:Route|ORM\\|Assert\\)")


def _annotations(comment: str, language: str) -> str:
    """A blanked comment (its line breaks kept), except PHP docblock annotations that Doctrine and Symfony read as
    code (`@Route(...)`, `@ORM\\Entity`, `@Assert\\NotBlank`)."""
    if language != "PHP" or not comment.startswith("/**") or not _DOC_ANNOTATION.search(comment):
        return "\n" * comment.count("\n")
    return "\n".join(
        line.strip().lstrip("*").strip() if _DOC_ANNOTATION.search(line) else "" for line in comment.split("\n")
    )


def import_signals(path: str, code: str, language: str) -> Iterator[Signal]:
    """Signals from the imports of one (comment-stripped) source file; a database imported by a test file serves
    tests."""
    pattern = _IMPORTS.get(language)
    if pattern is None:
        return
    ecosystem, environment = ECOSYSTEMS.get(language, ""), environment_of(path)
    seen: set[Fact] = set()
    for match in pattern.finditer(code):
        module = next(g for g in match.groups() if g)
        package = _package_of(module, language)
        facts = lookup(module.lower() if language == "Elixir" else module, ecosystem) + lookup(package, ecosystem)
        client = TEST_CLIENTS.get(package.lower().split(".")[0] if package else "")
        if client and environment == "test":  # an HTTP client a test drives the application with
            facts += (("test_framework", client),)
        for fact in facts:
            if fact not in seen:
                seen.add(fact)
                line = code.count("\n", 0, match.start()) + 1
                seen_at = Seen(path, line, f"imports {module}")
                weight = IMPORTED / 3 if fact[0] == "orm" and _MIGRATION_PATH.search(path) else IMPORTED
                yield Signal(fact[0], fact[1], weight, seen_at, "imported", role_of(fact, environment))


# Migration scripts import the schema toolkit (Alembic's `sqlalchemy`), not the application's data layer.
_MIGRATION_PATH = re.compile(r"(^|/)(alembic|migrations?|versions)/")
_TEST_PATH = re.compile(
    r"(^|/)(tests?|specs?|__tests__|testing|e2e|cypress|integration[-_]tests?)/|(^|/)src/(test|it)/|"
    r"(^|/)src/(?:functional|integration|smoke|contract|e2e|api|component|acceptance)Test/|"  # Gradle's test sets
    # Cucumber's, behave's and Behat's `features/` (an application's own `features/` package is code)
    r"(^|/)features/(?:.*\.feature$|(?:step_definitions|steps|support|bootstrap)/)|"
    r"[._-](tests?|spec|testing)\.\w+$|_test\.(go|exs?|py|rb|rs)$|(^|/)test_\w+\.py$|(^|/)conftest\.py$|"
    r"application-(test|it)\.(ya?ml|properties)$|appsettings\.Test(ing)?\.json$|\.env\.test|phpunit\.xml|"
    r"(^|/)config/(environments/)?test\.(rb|exs)$|docker-compose\.test|\.Tests?/|Tests?\.csproj$|"
    r"(^|/)settings[_/]test\w*\.py$|(^|/)test_?settings\.py$|(^|/)config/packages/test/|(^|/)tests?\.py$|"
    r"(^|/)\.github/workflows/|(^|/)\.gitlab-ci\.ya?ml$|(^|/)\.travis\.ya?ml$|(^|/)\.circleci/|"
    r"(^|/)bitbucket-pipelines\.ya?ml$|(^|/)azure-pipelines\.ya?ml$|"
    r"(^|/)(test_?utils?|test_?helpers?|testutils?|test_?lib|test_?support|mocks?|__mocks__|fakes?)(/|\.\w+$)|"
    r"(^|/)database/factories/|"  # Laravel's model factories: test data
    r"(^|/)mock_\w+\.\w+$|_mock\.\w+$"
)
_DEV_PATH = re.compile(
    r"application-(dev|local|development)\.(ya?ml|properties)$|appsettings\.Development\.json$|"
    r"\.env\.(dev|development|local)$|(^|/)settings/(dev|local|development)\w*\.py$|"
    r"(^|/)config/(environments/)?(dev|development)\.(rb|exs)$|docker-compose\.(dev|override)\.|"
    r"(^|/)settings_(dev|local|development)\.py$"
)
_TEST_PATH_FAST, _DEV_PATH_FAST = linear(_TEST_PATH), linear(_DEV_PATH)


@lru_cache(maxsize=65536)  # every file of a large repository is asked about several times
def environment_of(path: str) -> str | None:
    """The environment a file serves by its path: `test`, `development`, or None (production or shared)."""
    if _TEST_PATH_FAST.search(path):
        return "test"
    if _DEV_PATH_FAST.search(path):
        return "development"
    return None
