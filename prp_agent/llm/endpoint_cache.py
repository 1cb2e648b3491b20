"""What prp-agent learned about an endpoint (base URL + model), kept between runs: the structured-output mode that
works there, the parallel slots it serves, its context size. `doctor` and every draft write it; a rejection of the
remembered mode forgets it. It lives in `$XDG_CACHE_HOME/prp-agent/endpoints.json` and holds no key."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.config import DEFAULT_BASE_URL
from prp_agent.errors import InputError
from prp_agent.secrets.redaction import redact_url
from prp_agent.storage import atomic_write, file_lock
from prp_agent.text import loads_json

__all__ = ["EndpointInfo", "cache_path", "endpoint_key", "forget_mode", "load_endpoint", "remember"]


@dataclass
class EndpointInfo:
    """What is known about one endpoint."""

    mode: str | None = None
    slots: int | None = None
    context: int | None = None
    probed: bool = False  # the server was asked for its slots and context (whatever it answered)
    checked_at: str = ""


def cache_path() -> Path:
    """`$XDG_CACHE_HOME/prp-agent/endpoints.json` (`~/.cache/…` by default)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "prp-agent" / "endpoints.json"


def endpoint_key(base_url: str | None, model: str) -> str:
    """One endpoint: the base URL (OpenAI's when none, credentials never stored) and the model."""
    return f"{redact_url((base_url or DEFAULT_BASE_URL).rstrip('/'))}|{model}"


def _read(path: Path) -> dict[str, Any]:
    try:
        data = loads_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged cache is only a cache: start over
    return data if isinstance(data, dict) else {}


def load_endpoint(base_url: str | None, model: str) -> EndpointInfo:
    """What is remembered of an endpoint (empty when nothing is)."""
    entry = _read(cache_path()).get(endpoint_key(base_url, model))
    if not isinstance(entry, dict):
        return EndpointInfo()
    known = {k: v for k, v in entry.items() if k in EndpointInfo.__dataclass_fields__}
    try:
        return EndpointInfo(**known)
    except TypeError:
        return EndpointInfo()


def remember(base_url: str | None, model: str, **found: Any) -> None:
    """Record what was learned about an endpoint (merged with what was known); never fails a draft."""
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with file_lock(path):
            data = _read(path)
            key = endpoint_key(base_url, model)
            entry = {**asdict(EndpointInfo()), **(data.get(key) or {}), **found}
            entry["checked_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            data[key] = entry
            atomic_write(path, json.dumps(data, indent=2, sort_keys=True) + "\n", force=True, backup=False, mode=0o600)
    except (OSError, InputError):
        return


def forget_mode(base_url: str | None, model: str) -> None:
    """The remembered mode was rejected: forget it."""
    remember(base_url, model, mode=None)
