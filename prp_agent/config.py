"""Settings: defaults < config file < environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["DEFAULT_MODEL", "Settings", "config_path", "load_settings"]

DEFAULT_MODEL = "gpt-5-mini"

_ENV = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "PRP_AGENT_MODEL",
    "concurrency": "PRP_AGENT_CONCURRENCY",
    "max_reasks": "PRP_AGENT_MAX_REASKS",
    "min_confidence": "PRP_AGENT_MIN_CONFIDENCE",
    "max_context_tokens": "PRP_AGENT_MAX_CONTEXT_TOKENS",
    "timeout": "PRP_AGENT_TIMEOUT",
    "retries": "PRP_AGENT_RETRIES",
    "context_budget": "PRP_AGENT_CONTEXT_BUDGET",
    "rpm": "PRP_AGENT_RPM",
    "tpm": "PRP_AGENT_TPM",
}


@dataclass(frozen=True)
class Settings:
    """Everything a draft needs to know besides its inputs."""

    model: str = DEFAULT_MODEL
    api_key: str | None = None
    base_url: str | None = None
    concurrency: int = 32
    max_reasks: int = 2
    min_confidence: float = 0.6
    max_context_tokens: int = 100_000
    max_output_tokens: int = 8192
    timeout: float = 120.0
    retries: int = 2
    context_budget: int = 6000
    rpm: int | None = None
    tpm: int | None = None
    price_input: float | None = None  # USD per 1M tokens, overriding the built-in table for this model
    price_cached: float | None = None
    price_output: float | None = None
    offline: bool = False

    def price_override(self) -> tuple[float, float, float] | None:
        """(input, cached input, output) USD per 1M tokens from the config, when set."""
        if self.price_input is None or self.price_output is None:
            return None
        cached = self.price_cached if self.price_cached is not None else self.price_input
        return (self.price_input, cached, self.price_output)

    @property
    def use_model(self) -> bool:
        """Whether drafting goes through an LLM: a key or a base URL, and not --offline."""
        return not self.offline and bool(self.api_key or self.base_url)

    def validated(self) -> Settings:
        """Check ranges; raise InputError naming the bad option."""
        checks = [
            (self.concurrency >= 1, "--concurrency must be at least 1"),
            (self.max_reasks >= 0, "--max-reasks must be 0 or more"),
            (0.0 <= self.min_confidence <= 1.0, "--min-confidence must be between 0 and 1"),
            (self.max_context_tokens >= 1000, "--max-context-tokens must be at least 1000"),
            (self.max_output_tokens >= 256, "max_output_tokens must be at least 256"),
            (self.timeout > 0, "--timeout must be positive"),
            (self.retries >= 0, "--retries must be 0 or more"),
            (200 <= self.context_budget <= 200_000, "--context-budget must be between 200 and 200000 tokens"),
            (self.rpm is None or self.rpm >= 1, "--rpm must be at least 1"),
            (self.tpm is None or self.tpm >= 1000, "--tpm must be at least 1000"),
            (bool(self.model.strip()), "--model must not be empty"),
        ]
        for ok, message in checks:
            if not ok:
                raise InputError(message)
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise InputError(f"--base-url must start with http:// or https://, got {self.base_url!r}")
        return self


def config_path() -> Path:
    """The config file: $PRP_AGENT_CONFIG, else $XDG_CONFIG_HOME/prp-agent/config.toml."""
    explicit = os.environ.get("PRP_AGENT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "prp-agent" / "config.toml"


def _coerce(name: str, value: Any, origin: str) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = str(kinds[name])
    try:
        if kind in {"int", "int | None"}:
            return int(value)
        if kind in {"float", "float | None"}:
            return float(value)
        if kind == "bool":
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes", "on"}
    except (TypeError, ValueError):
        raise InputError(f"{origin}: {name} must be a number, got {value!r}") from None
    return str(value) if value is not None else None


def load_settings(**flags: Any) -> Settings:
    """Merge defaults, the config file, the environment and the given flags (None means not given)."""
    values: dict[str, Any] = {}
    path = config_path()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"cannot read config file {path}: {exc}") from None
        known = {f.name for f in fields(Settings)} - {"api_key"}
        for key, value in data.items():
            if key not in known:
                raise InputError(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            values[key] = _coerce(key, value, str(path))
    for key, env in _ENV.items():
        if os.environ.get(env):
            values[key] = _coerce(key, os.environ[env], env)
    for key, value in flags.items():
        if value is not None:
            values[key] = value
    return replace(Settings(), **values).validated()
