"""Keep secrets on the machine: which files never enter context, env var names without values, and redaction.

Everything here is a pure function over strings (stdlib only, regexes compiled once, no catastrophic backtracking):

* `is_sensitive_path` names files whose content must never be read (their names may be shown);
* `env_var_names` lists the variable names of a dotenv file, never its values;
* `redact` replaces secret values in an excerpt with ``[REDACTED]`` while keeping key names and structure, so the
  excerpt still reads (``JWT_SECRET=[REDACTED]``, ``postgresql://user:[REDACTED]@db/app``);
* `SECRET_PATTERNS` lets other code scan text for provider tokens (or an unredacted private key) left over.

Redaction runs in passes: private key blocks, provider token patterns, passwords in URLs, then assignments to
secret-looking names (``NAME=value``, ``name: value``, ``"name": "value"``, ``name = "value"``, ``NAME := "value"``,
``'name' => 'value'``, ``define('NAME', 'value')``, ``<password>value</password>``). An assignment is redacted only
when its value is a literal that is not a placeholder and not code that reads a secret (``os.environ[...]``,
``process.env.X``, a call, a member access, a variable reference).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable

__all__ = [
    "REDACTED",
    "SECRET_PATTERNS",
    "env_var_names",
    "forget_known",
    "is_env_template",
    "is_sensitive_path",
    "redact",
    "redact_report",
    "remember_secret",
]

REDACTED = "[REDACTED]"

# --------------------------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------------------------

_ENV_TEMPLATE_WORDS = frozenset({"example", "sample", "template", "dist"})
_ENV_TEMPLATE_NAMES = frozenset({"example.env", "sample.env", "template.env"})

_SENSITIVE_NAMES = frozenset({
    ".env", ".envrc", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd",
    ".dockercfg", ".secrets", "kubeconfig"
})  # fmt: skip
_SENSITIVE_SUFFIXES = (
    ".pem", ".key", ".p12", ".pfx", ".p8", ".ppk", ".jks", ".keystore", ".tfstate", ".tfstate.backup", ".tfvars",
    ".kdbx"
)  # fmt: skip
_SSH_KEY_PREFIXES = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
_SERVICE_ACCOUNT_RE = re.compile(r"service[-_]account.*\.json")
_SECRETS_FILE_RE = re.compile(r"(?:.*[._-])?secrets?\.(?:ya?ml|json|toml|ini|conf|properties|txt|xml)")
# A file called *credentials* is data unless it is obviously source code or documentation.
_CODE_EXTENSIONS = frozenset({
    "py", "pyi", "js", "jsx", "ts", "tsx", "mjs", "cjs", "go", "rb", "java", "kt", "kts", "scala", "rs", "cs", "fs",
    "php", "swift", "m", "mm", "c", "h", "cc", "cpp", "hpp", "dart", "ex", "exs", "erl", "clj", "lua", "pl", "pm",
    "r", "jl", "vue", "svelte", "html", "htm", "css", "scss", "md", "rst", "adoc", "sql", "sh", "bash", "zsh", "ps1",
    "graphql", "proto"
})  # fmt: skip
# Directories whose files are keys or hold them; (directory, basename or "" for every file, exceptions).
_SENSITIVE_DIRS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (".ssh", "", frozenset({"config", "known_hosts", "known_hosts.old", "authorized_keys"})),
    (".gnupg", "", frozenset()),
    (".kube", "config", frozenset()),
    (".docker", "config.json", frozenset()),
)


def _parts(path: str) -> list[str]:
    return [part for part in path.replace("\\", "/").split("/") if part]


def is_env_template(path: str) -> bool:
    """True for dotenv templates meant to be committed: `.env.example`, `.env.sample`, `example.env`, ..."""
    parts = _parts(path)
    if not parts:
        return False
    name = parts[-1].lower()
    if name in _ENV_TEMPLATE_NAMES:
        return True
    if name.startswith(".env."):
        return name.rsplit(".", 1)[-1] in _ENV_TEMPLATE_WORDS
    return False


def is_sensitive_path(path: str) -> bool:
    """True for files whose content must never be read into context (keys, dotenv files, credential stores)."""
    parts = _parts(path)
    if not parts:
        return False
    name = parts[-1].lower()
    if is_env_template(name):
        return False
    if name in _SENSITIVE_NAMES or name.startswith(".env.") or name.endswith(".env"):
        return True
    if name.endswith(_SENSITIVE_SUFFIXES) or name.startswith(_SSH_KEY_PREFIXES):
        return True
    if _SERVICE_ACCOUNT_RE.fullmatch(name) or _SECRETS_FILE_RE.fullmatch(name):
        return True
    if "credentials" in name:
        extension = name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""
        if extension not in _CODE_EXTENSIONS:
            return True
    if len(parts) >= 2:
        directory = parts[-2].lower()
        for sensitive_dir, basename, exceptions in _SENSITIVE_DIRS:
            if directory == sensitive_dir and (basename in ("", name)) and name not in exceptions:
                return True
    return False


# --------------------------------------------------------------------------------------------------------------------
# Dotenv names
# --------------------------------------------------------------------------------------------------------------------

_ENV_LINE_RE = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=(.*)")


def _opens_multiline_quote(value: str) -> str:
    """The quote character a dotenv value opens and does not close on its line, or ""."""
    value = value.strip()
    if not value or value[0] not in "\"'`":
        return ""
    quote = value[0]
    i = 1
    while i < len(value):
        if value[i] == "\\" and quote != "'":
            i += 2
            continue
        if value[i] == quote:
            return ""
        i += 1
    return quote


def _closes_quote(line: str, quote: str) -> bool:
    i = 0
    while i < len(line):
        if line[i] == "\\" and quote != "'":
            i += 2
            continue
        if line[i] == quote:
            return True
        i += 1
    return False


def env_var_names(text: str) -> list[str]:
    """Variable names of a dotenv-style file, in file order, without duplicates. Values are never returned."""
    names: list[str] = []
    seen: set[str] = set()
    open_quote = ""
    for line in text.splitlines():
        if open_quote:
            if _closes_quote(line, open_quote):
                open_quote = ""
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _ENV_LINE_RE.fullmatch(line)
        if match is None:
            continue
        name = match.group(1)
        if name not in seen:
            seen.add(name)
            names.append(name)
        open_quote = _opens_multiline_quote(match.group(2))
    return names


# --------------------------------------------------------------------------------------------------------------------
# Provider patterns
# --------------------------------------------------------------------------------------------------------------------

# Token-like strings must not be glued to other token characters on either side. Each pattern starts with its
# literal prefix (the left-boundary check is a look-behind placed after it), so the regex engine can skip ahead.
_T = r"[A-Za-z0-9_\-]"  # a token character
_R = r"(?!" + _T + ")"


def _after(prefix: str, boundary: str = _T) -> str:
    """`prefix` not preceded by a `boundary` character, written so that the pattern starts with the literal."""
    return prefix + r"(?<!" + boundary + prefix + ")"


SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # An unredacted private key: a BEGIN line followed by key material (headers such as Proc-Type may come first).
    (
        "private_key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])*"
            r"(?:[A-Za-z][A-Za-z\-]*:[^\n]*\n\s*)*[A-Za-z0-9+/]{16,}"
        ),
    ),
    ("anthropic_api_key", re.compile(_after("sk-ant-") + _T + "{20,}")),
    ("openai_api_key", re.compile(_after("sk-") + r"(?!ant-)(?=" + _T + "*[0-9])" + _T + "{20,}")),
    ("github_token", re.compile(_after("gh") + r"[pousr]_[A-Za-z0-9]{36,255}" + _R)),
    ("github_fine_grained_pat", re.compile(_after("github_pat_") + r"[A-Za-z0-9_]{22,255}")),
    ("gitlab_token", re.compile(_after("glpat-") + _T + "{20,}")),
    ("slack_token", re.compile(_after("xox") + r"[abposr]-[A-Za-z0-9\-]{10,}")),
    ("slack_app_token", re.compile(_after("xapp-") + r"[0-9]-[A-Za-z0-9\-]{10,}")),
    (
        "slack_webhook",
        re.compile(r"hooks\.slack\.com/services/(?P<secret>T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+)"),
    ),
    ("stripe_key", re.compile(r"[sr]k_(?<![A-Za-z0-9][sr]k_)(?:live|test)_[A-Za-z0-9]{10,}")),
    ("aws_access_key_id", re.compile(_after("A", "[A-Z0-9]") + r"[KS]IA[A-Z0-9]{16}(?![A-Z0-9])")),
    (
        "aws_secret_access_key",
        re.compile(
            r"(?i)secret_?access_?key[\"']?[ \t]*(?:=>|:=|=|:)[ \t]*[\"']?"
            r"(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
        ),
    ),
    ("google_api_key", re.compile(_after("AIza") + _T + "{35}" + _R)),
    ("twilio_api_key", re.compile(_after("SK", "[A-Za-z0-9]") + r"[0-9a-fA-F]{32}(?![A-Za-z0-9])")),
    ("sendgrid_api_key", re.compile(_after(r"SG\.", "[A-Za-z0-9]") + _T + r"{16,32}\." + _T + "{16,64}" + _R)),
    ("npm_token", re.compile(_after("npm_", "[A-Za-z0-9_]") + r"[A-Za-z0-9]{36}(?![A-Za-z0-9])")),
    ("pypi_token", re.compile(_after("pypi-") + _T + "{40,}")),
    ("jwt", re.compile(_after("eyJ") + _T + r"{8,}\." + _T + r"{8,}\." + _T + "{8,}")),
    ("vault_token", re.compile(_after("hv", r"[A-Za-z0-9_\-.]") + r"[sbr]\." + _T + "{20,}")),
    (
        "azure_storage_key",
        re.compile(r"(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*(?P<secret>[A-Za-z0-9+/]{20,}={0,2})"),
    ),
    (
        "bearer_token",
        re.compile(
            r"(?i)"
            + _after("bearer", "[A-Za-z0-9]")
            + r"[ \t]+(?P<secret>(?=[A-Za-z0-9\-._~+/]*[0-9])[A-Za-z0-9\-._~+/]{20,}=*)"
        ),
    ),
    (
        "basic_auth_header",
        re.compile(r"(?i)authorization[\"']?[ \t]*[:=,][ \t]*[\"']?basic[ \t]+(?P<secret>[A-Za-z0-9+/]{8,}={0,2})"),
    ),
    # Formats from detect-secrets' plugin list and what people paste into issues.
    ("google_oauth_client_secret", re.compile(_after("GOCSPX-") + _T + "{20,}")),
    ("huggingface_token", re.compile(_after("hf_") + r"[A-Za-z0-9]{30,}(?![A-Za-z0-9])")),
    ("webhook_signing_secret", re.compile(_after("whsec_") + r"[A-Za-z0-9+/=]{20,}")),
    ("google_access_token", re.compile(_after(r"ya29\.", r"[A-Za-z0-9_.\-]") + _T + "{20,}")),
    ("discord_webhook", re.compile(r"discord(?:app)?\.com/api/webhooks/(?P<secret>\d+/[A-Za-z0-9_\-]{20,})")),
    (
        "teams_webhook",
        re.compile(r"(?:webhook\.office\.com/webhookb2|outlook\.office\.com/webhook)/(?P<secret>[^\s\"'<>)]{20,})"),
    ),
    ("azure_sas_signature", re.compile(r"[?&]sig=(?!\[REDACTED)(?P<secret>[A-Za-z0-9%+/=]{16,})")),
    (
        "api_key_header",
        re.compile(
            r"(?i)\bx-(?:api-key|auth-token|access-token)[\"']?[ \t]*[:=][ \t]*[\"']?(?!\[REDACTED)"
            r"(?P<secret>[^\s\"',;]{8,})"
        ),
    ),
    (
        "npmrc_auth_token",
        re.compile(r":_(?:authToken|auth|password)[ \t]*=[ \t]*[\"']?(?!\[REDACTED)(?P<secret>[^\s\"']{6,})"),
    ),
    (
        "putty_private_key",
        re.compile(r"Private-Lines:[ \t]*\d+[ \t]*\r?\n(?P<secret>(?:[A-Za-z0-9+/=]{8,}\r?\n)*[A-Za-z0-9+/=]{8,})"),
    ),
    (
        "mysql_password_flag",
        re.compile(r"\bmysql(?:dump|admin|sh)?\b[^\n]*?[ \t]-p(?!\[REDACTED)(?P<secret>[^\s'\"\-][^\s'\"]{2,})"),
    ),
    ("sshpass_password", re.compile(r"\bsshpass[ \t]+-p[ \t]*['\"]?(?!\[REDACTED)(?P<secret>[^\s'\"]{3,})")),
    (
        "netrc_password",
        re.compile(
            r"(?i)\bmachine[ \t]+\S+(?:\s+(?:login|account)[ \t]+\S+)*\s+password[ \t]+(?!\[REDACTED)(?P<secret>\S+)"
        ),
    ),
    (
        "pgpass_line",
        re.compile(r"(?m)^[A-Za-z0-9.\-*]+:(?:\d{1,5}|\*):[^\s:]+:[^\s:]+:(?!\[REDACTED)(?P<secret>[^\s:]{4,})[ \t]*$"),
    ),
    (
        "password_in_prose",
        re.compile(
            r"(?i)\b(?:password|passwd|passphrase|pwd)[ \t]+(?:is|was)[ \t]+[\"'“‘`]?(?![\[(<])"
            r"(?=[^\s\"'”’`]*[0-9!@#$%^&*_+=~])(?P<secret>[^\s\"'”’`,;]{4,})"
        ),
    ),
)

# A pass is skipped when none of its literal needles occurs in the text (lowercased for case-insensitive patterns).
_NEEDLES: dict[str, tuple[bool, tuple[str, ...]]] = {
    "anthropic_api_key": (False, ("sk-ant-",)),
    "openai_api_key": (False, ("sk-",)),
    "github_token": (False, ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
    "github_fine_grained_pat": (False, ("github_pat_",)),
    "gitlab_token": (False, ("glpat-",)),
    "slack_token": (False, ("xox",)),
    "slack_app_token": (False, ("xapp-",)),
    "slack_webhook": (False, ("hooks.slack.com",)),
    "stripe_key": (False, ("_live_", "_test_")),
    "aws_access_key_id": (False, ("AKIA", "ASIA")),
    "aws_secret_access_key": (True, ("access",)),
    "google_api_key": (False, ("AIza",)),
    "twilio_api_key": (False, ("SK",)),
    "sendgrid_api_key": (False, ("SG.",)),
    "npm_token": (False, ("npm_",)),
    "pypi_token": (False, ("pypi-",)),
    "jwt": (False, ("eyJ",)),
    "vault_token": (False, ("hvs.", "hvb.", "hvr.")),
    "azure_storage_key": (False, ("AccountKey", "SharedAccessKey")),
    "bearer_token": (True, ("bearer",)),
    "basic_auth_header": (True, ("basic",)),
    "google_oauth_client_secret": (False, ("GOCSPX-",)),
    "huggingface_token": (False, ("hf_",)),
    "webhook_signing_secret": (False, ("whsec_",)),
    "google_access_token": (False, ("ya29.",)),
    "discord_webhook": (False, ("/api/webhooks/",)),
    "teams_webhook": (False, ("webhook.office.com", "outlook.office.com")),
    "azure_sas_signature": (False, ("sig=",)),
    "api_key_header": (True, ("x-api-key", "x-auth-token", "x-access-token")),
    "npmrc_auth_token": (False, (":_auth",)),
    "putty_private_key": (False, ("Private-Lines:",)),
    "mysql_password_flag": (False, ("mysql",)),
    "sshpass_password": (False, ("sshpass",)),
    "netrc_password": (True, ("machine",)),
    "pgpass_line": (False, (":",)),
    "password_in_prose": (True, ("passw", "pwd")),
}
_PROVIDER_PASSES = tuple((name, pattern) for name, pattern in SECRET_PATTERNS if name in _NEEDLES)

# --------------------------------------------------------------------------------------------------------------------
# Values: placeholders, code, entropy
# --------------------------------------------------------------------------------------------------------------------

_PLACEHOLDER_WORDS = frozenset({
    "changeme", "change-me", "change_me", "example", "dummy", "test", "testing", "password", "passwd", "pass",
    "secret", "token", "none", "null", "nil", "undefined", "true", "false", "yes", "no", "on", "off", "required",
    "optional", "default", "sample", "foo", "bar", "foobar", "str", "string", "bytes", "int", "integer", "float",
    "bool", "boolean", "number", "any", "unknown", "object", "text", "hidden", "secretstr", "secretbytes",
    "optional[str]", "str | none", "string | null", "string | undefined"
})  # fmt: skip
_PLACEHOLDER_HINTS = (
    "your", "changeme", "change-me", "change_me", "replace", "placeholder", "example", "dummy", "redacted", "insert",
    "todo", "fixme", "xxxx", "****", "..."
)  # fmt: skip
_PLACEHOLDER_PREFIXES = ("test", "fake", "mock", "dummy", "sample", "example")
_NUMERIC_RE = re.compile(r"[+-]?\d[\d_.,]*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_MASK_RE = re.compile(r"[xX*•·._\-#]+")
_TEMPLATE_RE = re.compile(
    r"\$\{|\{\}|\{\{.*?\}\}|\{%.*?%\}|<%.*?%>|%\([\w.]+\)[sdr]|\{[A-Za-z_.][^{}\n]*\}|<[A-Za-z_][\w .\-]*>"
)
_REFERENCE_RE = re.compile(r"\$[A-Za-z_]\w*|\$\(.*\)|%[A-Za-z_]\w*%|%[sd]|\$\d")


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    length = len(value)
    return -sum(count / length * math.log2(count / length) for count in Counter(value).values())


def _is_placeholder(value: str) -> bool:
    if "|" in value and all(_is_placeholder(part) for part in value.split("|") if part):
        return True  # true|false
    low = value.lower()
    if not low or low in _PLACEHOLDER_WORDS or REDACTED.lower() in low:
        return True
    if _NUMERIC_RE.fullmatch(value) or _DATE_RE.fullmatch(value) or _MASK_RE.fullmatch(value):
        return True
    if _REFERENCE_RE.fullmatch(value):
        return True
    if _TEMPLATE_RE.search(value):
        return True
    return low.startswith(_PLACEHOLDER_PREFIXES) or any(hint in low for hint in _PLACEHOLDER_HINTS)


def _is_prose(value: str) -> bool:
    """A message about a secret ("Password must be at least 8 characters"), not a secret."""
    words = value.split()
    return len(words) >= 5 or (len(words) >= 2 and value.rstrip()[-1] in ".!?:")


# "OPENAI_API_KEY": the name of the variable that holds the secret.
_ENV_NAME_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
# accounts.User, DistributionList.NextMarker: a dotted path of names.
_DOTTED_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z_\-]*(?:\.[A-Za-z_][A-Za-z_\-]*)+")
# /home/me/my_key.pfx, ./secrets/token.txt: where a secret is kept.
_FILE_PATH_RE = re.compile(r"(?:~|\.{1,2})?/?(?:[\w.\-]+/)+[\w.\-]+\.[A-Za-z]\w{0,4}")
_NAME_VALUE_RE = re.compile(r"[A-Za-z_][\w.\-:/#]*")
_NAME_WORDS = frozenset({
    "secret", "secrets", "token", "tokens", "password", "passwd", "pass", "pwd", "auth", "key", "apikey",
    "authorization"
})  # fmt: skip


def _is_name(value: str) -> bool:
    """A name rather than a value: `OPENAI_API_KEY` (the variable holding it), `user_password`, `x-auth-token`."""
    if _ENV_NAME_RE.fullmatch(value) or _DOTTED_NAME_RE.fullmatch(value) or _FILE_PATH_RE.fullmatch(value):
        return True
    if not _NAME_VALUE_RE.fullmatch(value) or sum(char.isdigit() for char in value) * 5 > len(value):
        return False
    words = _key_words(value)
    if len(words) == 1:
        return value.lower() in _NAME_WORDS
    return any(word in _NAME_WORDS or word in _PASSWORD_WORDS or _is_secret_word(word) for word in words)


_AUTH_SCHEME_RE = re.compile(r"(?i)(bearer|basic|token|bot|digest)[ \t]+(\S+)")


@functools.lru_cache(maxsize=4096)
def _secret_span(value: str, kind: str) -> tuple[int, int] | None:
    """The part of a literal value to redact (usually all of it), or None when it is not a secret."""
    stripped = value.strip()
    if not stripped:
        return None
    scheme = _AUTH_SCHEME_RE.fullmatch(stripped)
    if scheme is not None:  # "Bearer <token>": keep the scheme, judge the credential
        inner = _secret_span(scheme.group(2), kind)
        if inner is None:
            return None
        offset = value.index(stripped) + scheme.start(2)
        return offset + inner[0], offset + inner[1]
    if _is_placeholder(stripped) or _is_prose(stripped) or _is_name(stripped):
        return None
    if kind == "secret" and _NOT_A_TOKEN_RE.fullmatch(stripped):
        return (
            None  # NextPageMarker, empty_line, unauthorized, gcloud CLI, auth.example.com/v1 (a password may, though)
        )
    if kind == "secret":
        secret = len(stripped) >= 8 and stripped.count(" ") * 16 <= len(stripped) and _entropy(stripped) >= 3.0
    else:  # any literal of a password's length; "pass" and "pwd" are also words for other things (a lint pass, a cwd)
        secret = len(stripped) >= (6 if kind == "password" else 8)
    if not secret:
        return None
    start = value.index(stripped)
    return start, start + len(stripped)


# --------------------------------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------------------------------

_CAMEL_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase", "passcode", "pword"})
_PASS_WORDS = frozenset({"pass", "pwd", "oldpwd"})
_AUTH_WORDS = frozenset({"auth", "authorization", "authkey", "authtoken", "authsecret"})
_SECRET_KEY_FRAGMENTS = ("apikey", "accesskey", "privatekey", "signingkey", "encryptionkey", "masterkey")
# Keys ending in one of these name metadata about a secret (where it lives, how long it lasts), not the secret.
_NOT_SECRET_LAST_WORDS = frozenset({
    "path", "paths", "file", "files", "filename", "dir", "directory", "folder", "url", "urls", "uri", "endpoint",
    "host", "hostname", "port", "domain", "name", "names", "type", "types", "kind", "model", "class", "backend",
    "backends", "header", "headers", "field", "fields", "column", "length", "len", "size", "ttl", "expiry",
    "expires", "expiration", "lifetime", "timeout", "age", "algorithm", "algorithms", "alg", "method", "methods",
    "mode", "strategy", "enabled", "enable", "disabled", "required", "prefix", "suffix", "format", "scheme",
    "schemes", "location", "provider", "policy", "regex", "pattern", "validator", "validators", "hasher", "hashers",
    "rounds", "count", "min", "max", "limit", "version", "label", "message", "msg", "error", "errors", "text",
    "description", "desc", "help", "hint", "title", "placeholder", "template", "user", "username", "email", "login",
    "audience", "issuer", "realm", "scope", "scopes", "grant", "flow", "handler", "middleware", "router",
    "controller", "view", "views", "form", "serializer", "schema", "table", "status", "state", "level", "callback",
    "redirect", "route", "routes", "page", "cookie", "seconds", "minutes", "hours", "days", "env", "var", "variable",
    "client", "encryption", "encoding", "origin", "at", "date", "time", "timestamp", "used", "updated", "created",
    "changed", "since", "until", "mechanism", "source", "role", "roles", "binding", "action", "cert", "certs",
    "certificate"
})  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _key_words(key: str) -> tuple[str, ...]:
    """apiKey, API_KEY, x-api-key -> ("api", "key")."""
    spaced = _CAMEL_ACRONYM.sub(r"\1_\2", _CAMEL_LOWER_UPPER.sub(r"\1_\2", key))
    return tuple(word for word in _NON_ALNUM.split(spaced.lower()) if word)


@functools.lru_cache(maxsize=4096)
def _key_kind(key: str) -> str | None:
    """The kind of secret a key name holds: "password" (any literal of 6 characters or more), "pass" (pass, pwd:
    also words for other things, so 8 characters or more), "secret" (judged by entropy), or None."""
    if "." in key.strip("."):
        key = key.strip(".").rsplit(".", 1)[-1]  # object.attribute, spring.datasource.password: the last part
    words = _key_words(key)
    if not words or words[-1] in _NOT_SECRET_LAST_WORDS:
        return None  # metadata about a secret
    for word in words:
        if word in _PASSWORD_WORDS or word.endswith(("password", "passwd")):
            return "password"
    if words[-1] in _PASS_WORDS or words[-1].endswith("pwd"):  # db_pass, DB_PWD, but not _PassArg
        return "pass"
    if any(_is_secret_word(word) for word in words):
        return "secret"
    joined = "".join(words)
    if any(fragment in joined for fragment in _SECRET_KEY_FRAGMENTS) or (
        "secret" in joined and "secretar" not in joined
    ):
        return "secret"
    return None


def _is_secret_word(word: str) -> bool:
    """secret, clientsecret, token, csrftoken, auth, nextauth, authorization (not author, tokenizer)."""
    if "secret" in word:
        return "secretar" not in word
    return word.endswith(("token", "tokens")) or word in _AUTH_WORDS or (word.endswith("auth") and len(word) > 4)


# --------------------------------------------------------------------------------------------------------------------
# Assignment scanning
# --------------------------------------------------------------------------------------------------------------------

_KEYWORDS = ("secret", "token", "pass", "pwd", "auth", "key")
_KEYWORD_RE = re.compile("|".join(_KEYWORDS), re.IGNORECASE)  # when lowercasing changes the text's length
_QUOTES = "\"'`"
_WINDOW = 1024  # how far a value, or the context of a key, is looked for: keeps minified one-line files linear
# After an unquoted key: an optional type annotation (`password: str = ...`), then the operator.
_OP_RE = re.compile(
    r"[ \t]*(?P<op>:[ \t]*[A-Za-z_][\w\[\]., |]*?[ \t]+=(?![=~>])|:=|=>|\|\|=|\?\?=|\?=|=(?![=~>])|:(?![:=/]))[ \t]*"
)
# After a quoted key: the operator, a comma (`define('NAME', 'value')`), or ` value=` (`<add key="X" value="..."/>`).
_QUOTED_OP_RE = re.compile(r"[ \t]*(?P<op>=>|:=|=(?![=~>])|:(?![:=])|,)[ \t]*|[ \t]+(?P<attr>value)[ \t]*=[ \t]*")
_STRING_PREFIX_RE = re.compile(r"[rRbBuUfF]{1,2}(?=[\"'])")
_STRING_RES = {
    '"': re.compile(r'"((?:[^"\\\n]|\\.)*)"'),
    "'": re.compile(r"'((?:[^'\\\n]|\\.)*)'"),
    "`": re.compile(r"`((?:[^`\\\n]|\\.)*)`"),
}
# Code, not a literal: `new Token(...)`, `self.token`, a list, a dict, a YAML block (`|`, `>`), `&x`, `!a.b`.
_CODE_START_RE = re.compile(
    r"(?:new|await|yield|typeof|function|lambda|async|fn|not|return)\s|(?:self|this|cls|super|function)[.(\[]"
    r"|[\[{(|>&*]|![A-Za-z_$][\w$]*[.(\[]"
)
# A call or subscript (`os.environ["X"]`, `getenv("X")`, `sprintf(` continued on the next line).
_CALL_RE = re.compile(r"[A-Za-z_$@][\w$@]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)*[ \t]*[(\[]")
# An identifier followed by an operator, or a member chain followed by anything: an expression, not a literal.
_CODE_LEAD_RE = re.compile(
    r"[A-Za-z_$@][\w$@]*(?P<chain>(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)+(?=[^\w$])|(?=[?:,;)}\]!<>]|&&|\|\|))"
)
_MEMBER_RE = re.compile(r"[A-Za-z_$@][\w$@]*(?:(?:\.|::|\?\.)[A-Za-z_$][\w$]*)+")
_IDENT_RE = re.compile(r"[A-Za-z_$][\w$]*")
_NAME_RUN_RE = re.compile(r"[\w$]+")
_BARE_TOKEN_RE = re.compile(r"[^\s;'\"`<>]+")
_QUERY_CUT_RE = re.compile(r"&[\w.\-\[\]]+=")
_COMMENT_RE = re.compile(r"[ \t]+(?:#|//)")
_MORE_PAIRS_RE = re.compile(r"[ \t]+(?:-{1,2}[A-Za-z]|[\w.\-]+[ \t]*=)")
_CODE_PUNCT = frozenset("()[]{}+|&?=<>;,")
_JS_REGEX_RE = re.compile(r"/[^/\n]+/[dgimsuyv]*[;,)]*")
_WORKING_DIR_KEYS = frozenset({"PWD", "OLDPWD", "$PWD", "$OLDPWD"})  # PWD=/home/me is a directory, Pwd=x; is not
_CODE_OPS = frozenset({"=>", ":=", "||=", "??="})
# AuthType, _AggregateRequest, V1LocalObjectReference, list[V1Secret]: type names.
_TYPE_NAME_RE = re.compile(
    r"_?(?:V\d+(?:(?:alpha|beta)\d+)?)?[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Za-z_][\w.]*\[[\w\[\], .|]*\]"
)
# For secret-looking (not password-looking) keys: names, words, host names and URLs are not tokens.
_NOT_A_TOKEN_RE = re.compile(
    _TYPE_NAME_RE.pattern
    + r"|[a-z]+(?:_[a-z]+)+|[a-z]{1,15}|[A-Za-z]+(?: [A-Za-z]+)+|(?:[a-z0-9\-]+\.)+[a-z]{2,}(?::\d+)?(?:/[\w.\-/]*)?|[a-z][a-z0-9+.\-]*://\S*"
)
# The call before `('NAME', 'value')` for the comma form to count as an assignment.
_SETTER_CALL_RE = re.compile(
    r"(?i)(?<![\w$])(?:define|setdefault|getenv|get|fetch|set|put|setenv|putenv|setitem|setproperty|env|config)"
    r"[ \t]*\([ \t]*$"
)
_URL_START_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_VALUE_ATTR_RE = re.compile(r"[ \t]+value[ \t]*=")
_ESCAPES_AT_END_RE = re.compile(r"(?:\\[nrt])+$")  # "password=x\n" inside a string literal
_REGEX_HINT_RE = re.compile(r"\\[wsdbWSDB]|\(\?|\[\^|[\])][*+?]|\{\d+(?:,\d*)?\}|^\^|\$$")


def _trim_closers(token: str) -> str:
    """Drop trailing `,;:` and closing brackets the token did not open (`password=x)` -> `x`, `t: T):` -> `T`)."""
    while token and token[-1] in ",;:)]}":
        closer = token[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(closer)
        if opener is not None and token.count(opener) >= token.count(closer):
            break
        token = token[:-1]
    return token


class _Redactions:
    """Collects non-overlapping (start, end) spans of a text to replace."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.spans.append((start, end))

    def apply(self, text: str) -> str:
        pieces: list[str] = []
        last = 0
        for start, end in self.spans:
            pieces.append(text[last:start])
            pieces.append(REDACTED)
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


class _AssignmentScanner:
    """Finds values assigned to secret-looking keys; every look-around is bounded by `_WINDOW`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self._name_counts: Counter[str] | None = None

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos, pos + _WINDOW)
        return end if end >= 0 else min(self.length, pos + _WINDOW)

    def before(self, pos: int) -> str:
        """The text between the start of pos's line (at most `_WINDOW` back) and pos."""
        window_start = max(0, pos - _WINDOW)
        newline = self.text.rfind("\n", window_start, pos)
        return self.text[newline + 1 if newline >= 0 else window_start : pos]

    def name_count(self, name: str) -> int:
        if self._name_counts is None:
            self._name_counts = Counter(_NAME_RUN_RE.findall(self.text))
        return self._name_counts[name]

    def hits(self) -> list[int]:
        lowered = self.text.lower()
        if len(lowered) != self.length:
            return [match.start() for match in _KEYWORD_RE.finditer(self.text)]
        positions: list[int] = []
        for keyword in _KEYWORDS:
            found = lowered.find(keyword)
            while found >= 0:
                positions.append(found)
                found = lowered.find(keyword, found + len(keyword))
        positions.sort()
        return positions

    def key_bounds(self, hit: int) -> tuple[int, int]:
        text = self.text
        start = hit
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
            start -= 1
        if start > 0 and text[start - 1] in "$@":  # $password, @password
            start -= 1
        end = hit + 1
        while end < self.length and (text[end].isalnum() or text[end] in "_.-"):
            end += 1
        return start, end

    def scan(self, redactions: _Redactions) -> None:
        resume = 0
        for hit in self.hits():
            if hit < resume:
                continue
            start, end = self.key_bounds(hit)
            if start < resume:
                continue
            key = self.text[start:end]
            span, resume = self.value(start, end, _key_kind(key))
            if span is not None and not (key.upper() in _WORKING_DIR_KEYS and self.text[span[0]] in "/~.\\"):
                redactions.add(*span)

    def value(self, start: int, end: int, kind: str | None) -> tuple[tuple[int, int] | None, int]:
        """The span of the secret value assigned to the key at text[start:end] (None if there is none), and where
        scanning resumes: after a quoted value, so that text inside strings is not read as assignments."""
        text = self.text
        before = text[start - 1] if start > 0 else ""
        pos = end
        if before == "<" and text[pos : pos + 1] == ">":  # <password>value</password>
            close = text.find("<", pos + 1, self.line_end(pos + 1))
            if kind is None or close < 0 or not text.startswith(f"</{text[start:end]}>", close):
                return None, end
            return _offset(_secret_span(text[pos + 1 : close], kind), pos + 1), close
        if before and before in _QUOTES and text[pos : pos + 1] == before:
            pos += 1
            if text[pos : pos + 1] == "]":  # config["password"] = "value"
                pos += 1
            op_match = _QUOTED_OP_RE.match(text, pos, pos + _WINDOW)
            if op_match is None:
                return None, end
            op = op_match.group("op") or "="
            if op == "," and _SETTER_CALL_RE.search(self.before(start - 1)) is None:
                return None, end  # a tuple of names, not `define('NAME', 'value')` or `getenv("NAME", "default")`
        else:
            op_match = _OP_RE.match(text, pos, pos + _WINDOW)
            if op_match is None:
                return None, end
            op = op_match.group("op")
            if (
                before in ("/", "\\")
                or (before == ":" and op != "=>")
                or (before != "" and before in _QUOTES and op != "=")
            ):
                return None, end  # a path, a URN (`oauth:token-type`), or words inside a string
        value_start = op_match.end()
        if value_start >= self.length:
            return None, end
        prefix = _STRING_PREFIX_RE.match(text, value_start)
        quote_at = prefix.end() if prefix is not None else value_start
        quote = text[quote_at]
        if quote in _QUOTES:
            string = _STRING_RES[quote].match(text, quote_at, quote_at + _WINDOW)
            if string is None:  # unterminated on its line: most likely the end of a string, not the start of one
                return None, end
            inner_start, inner_end, resume = string.start(1), string.end(1), string.end()
            if _URL_START_RE.match(text, inner_start, inner_end):
                return None, inner_start  # a URL: its password and query string are looked at on their own
            if kind is None:  # skip the string, unless it is the key of `<add key="ApiKey" value="..."/>`
                return None, (resume if _VALUE_ATTR_RE.match(text, resume) is None else end)
            literal = text[inner_start:inner_end]
            if prefix is not None and "r" in prefix.group().lower() and _REGEX_HINT_RE.search(literal):
                return None, resume  # r"[A-Z]\w*": a pattern
            return _offset(_secret_span(literal, kind), inner_start), resume
        if kind is None or op == ",":
            return None, end
        spaced = op_match.group()[:1] in " \t" and op_match.group()[-1:] in (" ", "\t")
        if op.startswith(":") and op not in (":", ":="):
            op, spaced = "=", True  # `name: Type = value` is code
        span = self.bare_value(start, value_start, op, spaced, kind)
        return span, (span[1] if span is not None else end)

    def bare_value(self, key_start: int, value_start: int, op: str, spaced: bool, kind: str) -> tuple[int, int] | None:
        """The span of an unquoted literal value, or None when the value is code, a reference or a placeholder."""
        content = self.text[value_start : self.line_end(value_start)].rstrip("\r")
        comment = _COMMENT_RE.search(content)
        if comment is not None:
            content = content[: comment.start()]
        content = content.rstrip().removesuffix("\\").rstrip()  # a shell line continuation
        if not content or _CODE_START_RE.match(content) or _CALL_RE.match(content) or _JS_REGEX_RE.fullmatch(content):
            return None
        before = self.before(key_start)
        line_start = before.strip() in ("", "export", "set", "setx", "-")
        if content.startswith("!") and not line_start:
            return None  # `!req.headers.authorization`, `password:!0` in code
        token_match = _BARE_TOKEN_RE.match(content)
        if token_match is None:
            return None
        token = token_match.group()
        cut = _QUERY_CUT_RE.search(token)
        if cut is not None:
            token = token[: cut.start()]
        token = _trim_closers(_ESCAPES_AT_END_RE.sub("", token))
        rest = content[len(token) :]
        if _REGEX_HINT_RE.search(token):
            return None  # a pattern: `[A-Z]\w*`
        if _MEMBER_RE.fullmatch(token):
            return None
        lead = _CODE_LEAD_RE.match(token)
        if lead is not None and (lead.group("chain") or not line_start):
            return None  # `a.token+".end"`, `r?r.index:-1`, `f,state:...` in minified code
        if rest.strip() and not (rest[0] in ";,)]}&\"'<>" or _MORE_PAIRS_RE.match(rest)):
            # More words follow. A config line (`password = correct horse battery`, `Password=my pass;`) keeps them
            # all; anywhere else this is an expression (`token = a if b else c`).
            segment = content.split(";", 1)[0].rstrip()
            if not line_start and not before.rstrip().endswith((";", '"')):
                return None
            if any(char in _CODE_PUNCT for char in segment) or " if " in segment or " or " in segment:
                return None
            token = segment
        elif _IDENT_RE.fullmatch(token) and self.is_reference(token, op, spaced, rest, kind):
            connection_string = before.rstrip().endswith(";") and rest.strip() == ";"  # `...;Pwd=x;`
            if not connection_string:
                return None
        return _offset(_secret_span(token, kind), value_start)

    def is_reference(self, token: str, op: str, spaced: bool, rest: str, kind: str) -> bool:
        """Whether a bare identifier value is a name in code (`password = new_password`, `auth: AuthType`)."""
        if token.lower() in _PLACEHOLDER_WORDS or op in _CODE_OPS:
            return True
        if rest[:1] in (",", ")", "}", "]") or rest.strip() == ";":
            return True  # an argument or a field: `connect(password=pw)`, `{ token: tok, ... }`
        if _TYPE_NAME_RE.fullmatch(token) and (spaced or (op == ":" and kind == "secret")):
            return True
        # `name = value` in code: a variable when the name is used elsewhere in the text.
        return op == "=" and spaced and self.name_count(token) > 1


def _offset(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


# --------------------------------------------------------------------------------------------------------------------
# Private keys and URLs
# --------------------------------------------------------------------------------------------------------------------

_PK_BEGIN_RE = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_PK_END_RE = re.compile(r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
# Without an END line (a truncated excerpt): the rest of the BEGIN line, then base64, header and blank lines.
_PK_TAIL_RE = re.compile(
    r"[A-Za-z0-9+/=\\]*(?:\r?\n(?:[ \t]*[A-Za-z0-9+/=]+[ \t]*|[A-Za-z][A-Za-z\-]*:[^\r\n]*|[ \t]*)(?![^\r\n]))*"
)
_KEY_MATERIAL_RE = re.compile(r"[A-Za-z0-9+/=]{16,}")
_LEADING_SPACE_RE = re.compile(r"(?:\s|\\[rn])*")
_TRAILING_SPACE_REVERSED_RE = re.compile(r"(?:\s|[rn]\\)*")


def _redact_private_keys(text: str) -> tuple[str, int]:
    """Replace the body of every private key block; each body ends at its END line or, when an excerpt was cut
    (no END before the next BEGIN), after the base64 and header lines that follow the BEGIN line."""
    if "PRIVATE KEY" not in text:
        return text, 0
    pieces: list[str] = []
    last = count = 0
    begin = _PK_BEGIN_RE.search(text)
    end = _PK_END_RE.search(text, begin.end()) if begin is not None else None
    while begin is not None:
        following = _PK_BEGIN_RE.search(text, begin.end())
        if end is not None and end.start() < begin.end():
            end = _PK_END_RE.search(text, begin.end())
        if end is not None and (following is None or end.start() < following.start()):
            body_end = end.start()
        else:
            tail = _PK_TAIL_RE.match(text, begin.end(), following.start() if following is not None else len(text))
            body_end = tail.end() if tail is not None else begin.end()
        body = text[begin.end() : body_end]
        if _KEY_MATERIAL_RE.search(body):
            leading = _LEADING_SPACE_RE.match(body)
            trailing = _TRAILING_SPACE_REVERSED_RE.match(body[::-1])
            lead = leading.group() if leading is not None else ""
            trail = trailing.group()[::-1] if trailing is not None else ""
            pieces.append(text[last : begin.end()])
            pieces.append(lead + REDACTED + trail)
            last = body_end
            count += 1
        begin = following
    pieces.append(text[last:])
    return "".join(pieces), count


_URL_PASSWORD_RE = re.compile(
    r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/?#@'\"<>]*:(?P<secret>[^\s/?#'\"<>]+)@"
)


def _keep_url_password(match: re.Match[str]) -> bool:
    password = match.group("secret")
    return REDACTED in password or _is_placeholder(password)


# --------------------------------------------------------------------------------------------------------------------
# redact
# --------------------------------------------------------------------------------------------------------------------


def _sub(pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool] | None = None) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if keep is not None and keep(match):
            return match.group()
        count += 1
        if "secret" in pattern.groupindex and match.group("secret") is not None:
            whole = match.group()
            base = match.start()
            return whole[: match.start("secret") - base] + REDACTED + whole[match.end("secret") - base :]
        return REDACTED

    return pattern.sub(replace, text), count


_KNOWN_VALUES: set[str] = set()


def remember_secret(value: str | None) -> None:
    """A value this process holds that must never be written or sent anywhere (the API key): from now on every
    redaction replaces it wherever it appears, whatever its format — a server that echoes it back included."""
    if value and len(value.strip()) >= 8:
        _KNOWN_VALUES.add(value.strip())


def forget_known(text: str) -> str:
    """The text with the remembered secret values (the API key) replaced: cheap enough for every model answer."""
    for value in _KNOWN_VALUES:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


def redact(text: str) -> tuple[str, int]:
    """The text with every secret value replaced by ``[REDACTED]``, and the number of values replaced."""
    redacted, kinds = redact_report(text)
    return redacted, sum(kinds.values())


def redact_report(text: str) -> tuple[str, Counter[str]]:
    """The text with every secret value replaced by ``[REDACTED]``, and how many of each kind were replaced (the
    provider pattern's name, "private key", "password in URL", "secret assignment") — never the values."""
    kinds: Counter[str] = Counter()
    kinds["api key"] += sum(text.count(value) for value in _KNOWN_VALUES)
    text = forget_known(text)
    text, count = _redact_private_keys(text)
    kinds["private key"] += count
    lowered = text.lower()
    for name, pattern in _PROVIDER_PASSES:
        ignore_case, needles = _NEEDLES[name]
        haystack = lowered if ignore_case else text
        if not any(needle in haystack for needle in needles):
            continue
        text, count = _sub(pattern, text)
        if count:
            kinds[name] += count
            lowered = text.lower()
    if "://" in text:
        text, count = _sub(_URL_PASSWORD_RE, text, _keep_url_password)
        kinds["password in URL"] += count
    redactions = _Redactions()
    _AssignmentScanner(text).scan(redactions)
    if redactions.spans:
        text = redactions.apply(text)
        kinds["secret assignment"] += len(redactions.spans)
    return text, +kinds
