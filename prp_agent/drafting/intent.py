"""What a description asks for: an API over a resource ("user management API", "CRUD for products", "let admins
manage coupons", "export orders as CSV"), or something else — a bug report, a UI tweak, a refactor, a dependency
bump, docs, a chore, a log dump — that no endpoint or entity can be derived from.

The offline drafter derives endpoints and entities only from a resource read here; everything else leaves those
sections NEEDS INPUT with the reason (`Intent.reason`). A resource is a noun phrase in the *object* position of an
API intent, never any noun: "Dark mode for the admin dashboard" and "Fix typo in footer" name none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Intent", "read_intent", "singular"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\S")
# Words that end a resource phrase on its right: "<resource> API", "<resource> management service".
_API_NOUNS = {"api", "apis", "endpoint", "endpoints", "service", "services", "microservice", "backend", "crud",
              "management", "registry", "catalog", "catalogue", "resource", "resources", "rest", "routes"}  # fmt: skip
# Words that open a resource phrase on its left: "API for <resource>", "manage <resource>".
_API_LEADS = {"manage", "managing", "manages", "crud", "list", "listing", "store", "storing", "track", "tracking",
              "register", "registering", "administer", "administering"}  # fmt: skip
_FOR = {"for", "of", "over", "on", "to"}
_FORMATS = {"csv", "pdf", "xlsx", "excel", "json", "xml", "zip"}
_INTENTS: dict[str, tuple[str, ...]] = {
    "reset": ("reset", "resets", "forgot", "forgotten", "recover", "recovery"),
    "export": ("export", "exports", "download", "downloads"),
    "import": ("import", "imports", "ingest", "ingestion", "bulk"),
    "search": ("search", "lookup"),
    "upload": ("upload", "uploads", "attachment", "attachments"),
    "webhook": ("webhook", "webhooks"),
    "notify": ("notification", "notifications"),
    "log": ("audit", "history", "trail"),
}
_INTENT_WORDS = {w: intent for intent, words in _INTENTS.items() for w in words}
# Not resources: UI parts, qualities, the project's own machinery, and words that only look like nouns.
_NOT_RESOURCE = {
    "a", "an", "the", "our", "my", "your", "their", "its", "this", "that", "these", "those", "new", "simple", "basic",
    "small", "better", "all", "some", "any", "more", "each", "every", "other", "web", "json", "rest", "restful",
    "http", "https", "graphql", "grpc", "internal", "public", "private", "admin", "v1", "v2", "v3", "api", "apis",
    "service", "services", "backend", "server", "system", "platform", "app", "application", "module", "feature",
    "features", "endpoint", "endpoints", "crud", "management", "data", "based", "support", "layer", "engine", "tool",
    "tools", "portal", "dashboard", "page", "pages", "screen", "screens", "view", "views", "button", "buttons",
    "footer", "header", "sidebar", "navbar", "menu", "modal", "dialog", "form", "forms", "layout", "theme", "mode",
    "dark", "light", "color", "colour", "colors", "font", "icon", "icons", "style", "styles", "css", "ui", "ux",
    "tooltip", "banner", "link", "links", "typo", "typos", "text", "label", "labels", "docs", "documentation",
    "readme", "test", "tests", "ci", "build", "pipeline", "workflow", "lint", "linter", "deps", "dependency",
    "dependencies", "version", "performance", "speed", "latency", "memory", "bug", "bugs", "error", "errors",
    "crash", "issue", "issues", "problem", "warning", "warnings", "logging", "logs", "log", "code", "refactor",
    "cleanup", "config", "configuration", "settings", "auth", "authentication", "authorization", "login", "logout",
    "signup", "oauth", "sso", "rate", "limiting", "limit", "cache", "caching", "health", "healthcheck", "metrics",
    "monitoring", "realtime", "real-time", "websocket", "websockets", "integration", "integrations", "csv", "pdf",
    "xlsx", "excel", "email", "emails", "via", "with", "and", "or", "in", "on", "at", "by", "from", "into", "as",
    "is", "are", "be", "it", "we", "i", "me", "them", "us", "you", "let", "lets", "allow", "allows", "add",
    "create", "implement", "make", "need", "needs", "want", "should", "must", "can", "will", "get", "set", "fix",
    "update", "handle", "improve", "users'", "user's", "for", "of", "over", "to", "when", "while", "after",
    "before", "using", "through", "than", "then", "not", "no", "per", "which", "who", "where", "how", "what",
}  # fmt: skip
# How a text that asks for no API starts or what it is full of, and what it is then called.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a dependency upgrade", re.compile(
        r"^\W*(?:build\(deps[^)]*\):\s*|chore\(deps[^)]*\):\s*|deps?:\s*)?(?:bump|upgrade|update)\b[^\n]{0,80}"
        r"\bfrom\b[^\n]{0,40}\bto\b|^\W*(?:build|chore)\(deps|^\W*bump\b|dependabot|renovate", re.I | re.M)),
    ("a bug report", re.compile(
        r"^\W*(?:fix(?:es|ed)?|bug|hotfix)\b|\b(?:crash(?:es|ed)?|traceback|exception|stack ?trace|regression|"
        r"throws?|fails?|failing|failed|broken|doesn'?t work|does not work|not working|cannot|can'?t|unable to|"
        r"error:|undefined is not|segfault|panic:|unexpected(?:ly)?|wrong)\b", re.I | re.M)),
    ("a refactor", re.compile(r"^\W*(?:refactor|clean ?up|rename|extract|simplify|move|split|deprecate|remove)\b",
                             re.I | re.M)),
    ("a UI change", re.compile(
        r"\b(?:dark mode|light mode|css|button|colou?rs?|font|icons?|tooltip|footer|sidebar|navbar|modal|"
        r"layout|padding|margin|align(?:ment)?|responsive|ui|ux|theme|dropdown|\d+px)\b|#[0-9a-f]{3,6}\b", re.I)),
    ("documentation", re.compile(r"^\W*(?:docs?|documentation|readme|typo)\b|\btypos?\b", re.I | re.M)),
    ("a chore", re.compile(r"^\W*(?:chore|ci|build\(|tests?:|lint)|github actions|\bworkflows?\b", re.I | re.M)),
)  # fmt: skip
_LOG_LINE = re.compile(
    r"^\s*(?:at [\w.$<>]+\(|File \"[^\"\n]{1,300}\", line \d|\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\[(?:INFO|WARN|WARNING|"
    r"ERROR|DEBUG)\]|(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE)[: ]|Traceback|\w+(?:Error|Exception)\b|npm ERR!|\$ )",
    re.M,
)


@dataclass
class Intent:
    """What the description asks for: the resource (as words, singular last), the intent on it (manage, export,
    reset, …) and the word that said so, or why there is no resource."""

    resource: list[str] = field(default_factory=list)
    action: str = "manage"
    cue: str = ""
    kind: str = "an API feature"
    reason: str = ""


def singular(word: str) -> str:
    """A plural noun's singular, by English rules good enough for resource names."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _noun(word: str) -> bool:
    return word.isalpha() and len(word) >= 3 and word not in _NOT_RESOURCE and word not in _INTENT_WORDS


def _run_left(words: list[str], end: int) -> list[str]:
    """The noun phrase that ends just before `end` (at most three nouns)."""
    run: list[str] = []
    j = end - 1
    while j >= 0 and words[j] in _FORMATS:  # "invoice CSV export"
        j -= 1
    while j >= 0 and _noun(words[j]) and len(run) < 3:
        run.insert(0, words[j])
        j -= 1
    return run


def _run_right(words: list[str], start: int) -> list[str]:
    """The noun phrase that starts at `start` (articles skipped; at most three nouns)."""
    j = start
    while j < len(words) and words[j] in {"a", "an", "the", "all", "our", "their", "existing", "new"}:
        j += 1
    run: list[str] = []
    while j < len(words) and _noun(words[j]) and len(run) < 3:
        run.append(words[j])
        j += 1
    return run


def _resource(words: list[str]) -> tuple[list[str], str, str]:
    """The resource phrase, the intent and its cue word, from the words of one sentence."""
    for i, word in enumerate(words):
        if word in _INTENT_WORDS:  # "password reset", "export orders", "CSV export of orders"
            left = _run_left(words, i)
            right = _run_right(words, i + 2 if i + 1 < len(words) and words[i + 1] in _FOR else i + 1)
            run = left or right
            if run:
                return run, _INTENT_WORDS[word], word
    for i, word in enumerate(words):
        if word in _API_NOUNS and i > 0:  # "user management API", "Orders API", "invoice service"
            run = _run_left(words, i)
            if run:
                return run, "manage", ""
        if word in _API_NOUNS | {"api"} and i + 1 < len(words) and words[i + 1] in _FOR:  # "API for blog posts"
            start = i + 2
            if start < len(words) and words[start] in _API_LEADS:
                start += 1
            run = _run_right(words, start)
            if run:
                return run, "manage", ""
        if word in _API_LEADS:  # "let admins manage coupons", "CRUD for products"
            run = _run_right(words, i + 2 if i + 1 < len(words) and words[i + 1] in _FOR else i + 1)
            if run:
                return run, "manage", ""
    return [], "manage", ""


def read_intent(description: str) -> Intent:
    """What the description asks for (see the module's docstring)."""
    text = description.strip()
    lines = text.splitlines()
    title = lines[0] if lines else ""
    logs = sum(1 for _ in _LOG_LINE.finditer(text))
    kind = next((name for name, pattern in _KINDS if pattern.search(title)), None)
    if kind is None and logs >= 2:
        kind = "an issue body of logs and stack traces"
    first = re.split(r"(?<=[.;:!?])\s", title, maxsplit=1)[0]
    words = [w.lower().strip("'") for w in _WORD.findall(first)]
    run, action, cue = _resource(words)
    explicit = bool(run) and any(w in _API_NOUNS | _API_LEADS | set(_INTENT_WORDS) for w in words)
    if kind is not None and not (explicit and kind in {"a UI change", "documentation"} and _api_words(words)):
        return Intent(kind=kind, reason=f"the description reads as {kind}, not an API over a resource")
    if not run:
        return Intent(reason="the description names no resource (a thing an API would manage) to derive them from")
    return Intent(resource=[*run[:-1], singular(run[-1])], action=action, cue=cue)


def _api_words(words: list[str]) -> bool:
    return any(w in {"api", "apis", "endpoint", "endpoints", "crud", "rest"} for w in words)
