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

from prp_agent.drafting.stated import read_stated
from prp_agent.drafting.units import singular
from prp_agent.drafting.vocabulary import VOCABULARY

__all__ = ["Intent", "read_intent"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\S")
# Words that end a resource phrase on its right: "<resource> API", "<resource> management service".
_API_NOUNS = {"api", "apis", "endpoint", "endpoints", "service", "services", "microservice", "backend", "crud",
              "management", "registry", "catalog", "catalogue", "resource", "resources", "rest", "routes"}  # fmt: skip
# Words that open a resource phrase on its left: "API for <resource>", "manage <resource>".
_API_LEADS = {"manage", "managing", "manages", "crud", "list", "listing", "store", "storing", "track", "tracking",
              "register", "registering", "administer", "administering", "expose", "exposing"}  # fmt: skip
_WORDY = re.compile(r"[^\W\d_]{2}")
_LABEL = re.compile(r"^\W*[^\W\d_][\w -]{0,30}:\s")
_SOFT_KINDS = {"a performance requirement", "a cross-cutting change"}  # an API's own figures and concerns
_WEAK_NOUNS = {"service", "services", "microservice", "backend"}  # "the checkout service" may be about its SLA
_FOR = {"for", "of", "over", "on", "to"}
_TECHNOLOGIES = {name.lower() for names in VOCABULARY.values() for name in names}
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
    "xlsx", "excel", "via", "with", "and", "or", "in", "on", "at", "by", "from", "into", "as",
    "is", "are", "be", "it", "we", "i", "me", "them", "us", "you", "let", "lets", "allow", "allows", "add",
    "create", "implement", "make", "need", "needs", "want", "should", "must", "can", "will", "get", "set", "fix",
    "update", "handle", "improve", "users'", "user's", "for", "of", "over", "to", "when", "while", "after",
    "before", "using", "through", "than", "then", "not", "no", "per", "which", "who", "where", "how", "what",
    "signin", "register", "registration", "session", "sessions", "token", "tokens", "refresh",
    "upload", "uploads", "webhook", "webhooks", "callback", "callbacks", "status", "ping", "ready", "live",
    "liveness", "readiness", "search", "query", "mutation", "throttle", "index", "secure", "enable", "disable",
    "ensure", "validate", "protect", "optimize", "reduce", "increase", "introduce",
    "integrate", "persist", "expose", "provide", "phase", "part", "step", "task", "story", "epic", "tech",
    "dans", "les", "des", "pour", "avec", "sur", "une", "del", "los", "las", "para", "por", "con", "com", "uma",
    "dos", "das", "nos", "nas", "und", "der", "die", "mit", "für", "ajouter", "agregar", "adicionar",
    "handling", "processing", "flow",
}  # fmt: skip
# How a text that asks for no API starts, and what it is then called: these win over any resource.
_LEADS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a dependency upgrade",
        re.compile(
            r"^[^\w\n]*(?:build\(deps[^)\n]{0,40}\):\s*|chore\(deps[^)\n]{0,40}\):\s*|deps?:\s*)?(?:bump|upgrade|update)\b"
            r"[^\n]{0,80}\bfrom\b[^\n]{0,40}\bto\b|^[^\w\n]*(?:build|chore)\(deps|^[^\w\n]*bump\b|dependabot|renovate",
            re.I | re.M,
        ),
    ),
    ("a bug report", re.compile(r"^\W*(?:fix(?:es|ed)?|bug|hotfix)\b", re.I)),
    (
        "a refactor",
        re.compile(
            r"^\W*(?:refactor|clean ?up|rename|extract|simplify|move|split|deprecate|remove|"
            r"migrate|port|convert|replace|deduplicate|consolidate|reorgani[sz]e)\b",
            re.I,
        ),
    ),
    ("documentation", re.compile(r"^\W*(?:docs?|document|documentation|readme|typo)\b", re.I)),
    ("a chore", re.compile(r"^\W*(?:chore|ci|build\(|tests?:|lint)", re.I)),
)
# What a text that names no resource is about (read from its title), for the reason given.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a bug report", re.compile(
        r"\b(?:crash(?:es|ed)?|traceback|exception|stack ?trace|regression|"
        r"throws?|fails?|failing|failed|broken|doesn'?t work|does not work|not working|cannot|can'?t|unable to|"
        r"error:|undefined is not|segfault|panic:|unexpected(?:ly)?|wrong|instead of|drops?|stale|missing|"
        r"incorrect(?:ly)?|"
        r"duplicated?|twice|hangs?|freezes?|times? out|timeouts?|leaks?|off-by-one|no longer|isn'?t|aren'?t|won'?t|"
        r"shows? \d|slow|ignores?|intermittent(?:ly)?|returns? [45]\d\d|[45]\d\ds?)\b", re.I | re.M)),
    ("a UI change", re.compile(
        r"\b(?:dark mode|light mode|css|button|colou?rs?|font|icons?|tooltip|footer|sidebar|navbar|modal|"
        r"layout|padding|margin|align(?:ment)?|responsive|ui|ux|theme|dropdown|toast|spinner|animation|fade|"
        r"transition|progress bar|\d+px)\b|#[0-9a-f]{3,6}\b", re.I)),
    ("a performance requirement", re.compile(
        r"\b(?:SLA|SLO|latency|p\d\d|uptime|availability|throughput|response times?|rps|must support \d|"
        r"under load|load test)\b", re.I)),
    ("a cross-cutting change", re.compile(
        r"\b(?:cach(?:e|ing)|rate[ -]limit(?:ing|s)?|throttl\w*|gzip|compression|logging|tracing|metrics|"
        r"monitoring|health ?checks?|retr(?:y|ies)|timeouts?|request ids?|cors|feature flags?)\b", re.I)),
    ("documentation", re.compile(r"\btypos?\b", re.I)),
    ("a chore", re.compile(r"github actions|\bworkflows?\b", re.I)),
)  # fmt: skip
_LOG_LINE = re.compile(
    r"^[ \t]*(?:panic:|goroutine \d|Uncaught\b|\d{1,3}(?:\.\d{1,3}){3} - |[A-Z]{3,7} \S{1,300} [45]\d\d\b|"
    r"at [\w.$<>]+\(|File \"[^\"\n]{1,300}\", line \d|\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\[(?:INFO|WARN|WARNING|"
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


def _noun(word: str) -> bool:
    return (
        word.isalpha() and len(word) >= 3 and word not in _NOT_RESOURCE and word not in _INTENT_WORDS
        and word not in _TECHNOLOGIES and not (word.endswith("ed") and len(word) > 5)
    )  # fmt: skip


def _run_left(words: list[str], end: int, *, intents: bool = False) -> list[str]:
    """The noun phrase that ends just before `end` (at most three nouns; intent words too when `intents`)."""
    run: list[str] = []
    j = end - 1
    while j >= 0 and words[j] in _FORMATS:  # "invoice CSV export"
        j -= 1
    while j >= 0 and (_noun(words[j]) or (intents and words[j] in _INTENT_WORDS)) and len(run) < 3:
        run.insert(0, words[j])
        j -= 1
    return run


def _run_right(words: list[str], start: int) -> list[str]:
    """The noun phrase that starts at `start` (articles skipped; at most three nouns)."""
    j = start
    while j < len(words) and words[j] in {"a", "an", "the", "all", "our", "their", "existing", "new", "my", "your"}:
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
        if word in _API_NOUNS and i > 0:  # "user management API", "Orders API", "Notifications API"
            run = _run_left(words, i, intents=True)
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
    lines = [line for line in text.splitlines() if _WORDY.search(line) and not line.lstrip().startswith("#")] or [""]
    title = lines[0]
    hard = next((name for name, pattern in _LEADS if pattern.search(title)), None)
    if hard is not None:
        return Intent(kind=hard, reason=f"the description reads as {hard}, not an API over a resource")
    first = re.split(r"(?<=[.;:!?])\s", title, maxsplit=1)[0]
    words = [w.lower().strip("'") for w in _WORD.findall(_wanted(first))]
    run, action, cue = _resource(words)
    kind = next((name for name, pattern in _KINDS if pattern.search(title)), None)
    logs = sum(1 for _ in _LOG_LINE.finditer(text)) >= 2
    if not run:
        run = [] if kind or logs else _named_resource(title) or _endpoint_resource(text)
    asked = bool(_API_ANY_LANGUAGE.search(title) or _STORY.search(title))
    labelled = _LABEL.match(title) is not None  # "Export jobs: the p99 …": figures about a thing, not a request
    strong = asked or (bool(cue) and not labelled) or bool(set(words) & (_API_NOUNS - _WEAK_NOUNS))
    if run and (kind is None or asked or (strong and kind in _SOFT_KINDS)):
        return Intent(resource=[*run[:-1], singular(run[-1])], action=action, cue=cue)
    if kind is None and logs:
        kind = "an issue body of logs and stack traces"
    if kind is not None:
        return Intent(kind=kind, reason=f"the description reads as {kind}, not an API over a resource")
    return Intent(reason="the description names no resource (a thing an API would manage) to derive them from")


_STORY = re.compile(
    r"\b(?:I|we)\s+(?:want|need|would like)\s+(?:to\s+)?(?:be able to\s+)?|\b(?:quiero|quero|je veux|je voudrais)\s+",
    re.IGNORECASE,
)
_STORY_LEADS = {"view", "see", "update", "create", "edit", "delete", "close", "rotate", "add", "remove", "browse",
                "export", "reset", "cancel", "archive", "search"}  # fmt: skip
_BACKTICKED = re.compile(r"`([A-Za-z][A-Za-z_]{2,40})`")
_API_ANY_LANGUAGE = re.compile(
    r"\b(?:api|apis|endpoints?|crud|rest|graphql|grpc|gesti[oó]n|gestionar|gerenciar|gérer|gestion|administrar|"
    r"manage|managing|management)\b"
    r"|管理|接口",
    re.IGNORECASE,
)


def _wanted(sentence: str) -> str:
    """A user story's wish ("As a driver I want to list and close my trips" → "list and close my trips"), with
    its verbs read as an API's leads."""
    m = _STORY.search(sentence)
    if m is None:
        return sentence
    rest = sentence[m.end() :]
    words = rest.split()
    while words and words[0].lower() in _STORY_LEADS | {"and", "my", "our", "the", ","}:
        words[0] = "manage" if words[0].lower() in _STORY_LEADS else words[0]
        if len(words) > 1 and words[1].lower() in _STORY_LEADS | {"and", ","}:
            words.pop(0)
            continue
        break
    return " ".join(words)


def _named_resource(title: str) -> list[str]:
    """A resource written as code in a title that asks for an API in any language ("API de `payouts`")."""
    named = _BACKTICKED.search(title)
    if named is None or not _API_ANY_LANGUAGE.search(title):
        return []
    return [w.lower() for w in re.findall(r"[A-Z]?[a-z]+", named.group(1))][-3:]


def _endpoint_resource(text: str) -> list[str]:
    """The resource of the first endpoint the text states (`GET /contracts/{id}` → contract)."""
    endpoint = read_stated(text[:4000]).first("endpoint")
    if endpoint is None:
        return []
    segments = [s for s in str(endpoint.value["path"]).split("/") if s and not _PREFIX_SEGMENT.fullmatch(s)]
    noun = segments[0].lower().replace("_", "-") if segments else ""
    words = noun.split("-")[-3:]
    return words if re.fullmatch(r"[a-z][a-z-]{2,40}", noun) and all(_noun(w) for w in words) else []


_PREFIX_SEGMENT = re.compile(r"api|rest|v\d+|[{:<].*|\d+", re.IGNORECASE)
