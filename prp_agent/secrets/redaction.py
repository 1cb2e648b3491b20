"""Secrets never leave the machine: every text a user or a tracker supplies (descriptions, issue bodies and
comments, titles, refine instructions and answers, the document sent as context) goes through the same redactor
that guards repository text, before it is sent or stored; so does everything a server says back (error bodies are
written into alerts, sidecars, the call log and stderr) and every endpoint URL that is shown or stored. What was
redacted is reported by kind and count, never value. The API key's own value is redacted wherever it appears.
"""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from prp_agent.secrets.patterns import REDACTED, forget_known, redact_report, remember_secret

__all__ = [
    "forget_known",
    "redact_input",
    "redact_text",
    "redact_url",
    "remember_endpoint_secrets",
    "remember_secret",
]

# Query parameters that carry a credential (Azure's api-key, SAS signatures, OAuth tokens, …).
_SECRET_PARAMS = frozenset({
    "api-key", "api_key", "apikey", "key", "token", "access_token", "auth", "authorization", "sig", "signature",
    "password", "pass", "secret", "client_secret", "code", "x-api-key",
})  # fmt: skip


def redact_input(text: str, what: str) -> tuple[str, str | None]:
    """The text with secret values replaced, and a note saying what was redacted from `what` (None if nothing)."""
    redacted, kinds = redact_report(text)
    if not kinds:
        return text, None
    listed = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in sorted(kinds.items()))
    return redacted, f"redacted {listed} from {what} before it left this machine"


def redact_text(text: str) -> str:
    """The text with every secret value replaced (for what a server says, errors and anything else shown)."""
    return redact_report(text)[0]


def remember_endpoint_secrets(api_key: str | None, base_url: str | None) -> None:
    """Remember every secret value a request carries so that no redaction ever lets one through: the API key, a
    password or token in the base URL (and the Basic credentials an HTTP client makes of it), credential query
    parameters."""
    remember_secret(api_key)
    if not base_url:
        return
    try:
        parts = urlsplit(base_url)
    except ValueError:
        return
    if "@" in parts.netloc:
        userinfo = unquote(parts.netloc.rsplit("@", 1)[0])
        user, _, password = userinfo.partition(":")
        remember_secret(password or user)
        remember_secret(base64.b64encode(f"{user}:{password}".encode()).decode())
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _SECRET_PARAMS:
            remember_secret(value)


def redact_url(url: str) -> str:
    """The URL without credentials: a password in it and credential query parameters replaced, the rest kept."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        # user:password keeps the user; a lone userinfo is often a token itself
        netloc = f"{userinfo.split(':', 1)[0]}:{REDACTED}@{host}" if ":" in userinfo else f"{REDACTED}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, REDACTED if k.lower() in _SECRET_PARAMS else v) for k, v in pairs], safe="[]")
    return redact_text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))
