"""Settings: defaults < config file < environment < command-line flags. A bad value is reported under the name the
user gave it by (the flag, the environment variable, or the config file and key)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from prp_agent.errors import InputError
from prp_agent.text import loads_toml

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MODEL",
    "ENV",
    "MODES",
    "Settings",
    "config_path",
    "help_suffix",
    "load_settings",
]

DEFAULT_MODEL = "gpt-5-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"  # where requests go without --base-url
MODES = ("auto", "json_schema", "tools", "json_object")

ENV = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "PRP_AGENT_MODEL",
    "mode": "PRP_AGENT_MODE",
    "concurrency": "PRP_AGENT_CONCURRENCY",
    "max_reasks": "PRP_AGENT_MAX_REASKS",
    "min_confidence": "PRP_AGENT_MIN_CONFIDENCE",
    "max_context_tokens": "PRP_AGENT_MAX_CONTEXT_TOKENS",
    "timeout": "PRP_AGENT_TIMEOUT",
    "deadline": "PRP_AGENT_DEADLINE",
    "retries": "PRP_AGENT_RETRIES",
    "context_budget": "PRP_AGENT_CONTEXT_BUDGET",
    "rpm": "PRP_AGENT_RPM",
    "tpm": "PRP_AGENT_TPM",
    "prompts": "PRP_AGENT_PROMPTS",
}


@dataclass(frozen=True)
class Settings:
    """Everything a draft needs to know besides its inputs."""

    model: str = DEFAULT_MODEL
    api_key: str | None = None
    base_url: str | None = None
    mode: str = "auto"
    concurrency: int = 32
    max_reasks: int = 2
    min_confidence: float = 0.6
    max_context_tokens: int = 100_000
    max_output_tokens: int = 8192
    timeout: float = 120.0
    deadline: float | None = None  # seconds for a whole draft (per issue in a batch); None: see `draft_deadline`
    retries: int = 2
    context_budget: int = 6000
    rpm: int | None = None
    tpm: int | None = None
    price_input: float | None = None  # USD per 1M tokens, overriding the built-in table for this model
    price_cached: float | None = None
    price_output: float | None = None
    offline: bool = False
    log: bool = True  # keep every request and answer in the local call log
    log_max_mb: float = 100.0
    prompts: str | None = None  # a folder of prompt files searched before the built-in ones
    record: str | None = None  # a cassette folder every answer is written to (--record)
    replay: str | None = None  # a cassette folder every answer comes from, with no network (--replay)
    cache: bool = False  # answer identical requests from the response cache (--cache)

    def price_override(self) -> tuple[float, float, float] | None:
        """(input, cached input, output) USD per 1M tokens from the config, when set."""
        if self.price_input is None or self.price_output is None:
            return None
        cached = self.price_cached if self.price_cached is not None else self.price_input
        return (self.price_input, cached, self.price_output)

    @property
    def use_model(self) -> bool:
        """Whether drafting goes through an LLM: a key, a base URL or a cassette to replay, and not --offline."""
        return not self.offline and bool(self.api_key or self.base_url or self.replay)

    def validated(self, origins: dict[str, str] | None = None) -> Settings:
        """Check ranges; raise InputError naming the bad value the way the user set it."""
        origins = origins or {}
        for key, ok, rule in self._rules():
            if not ok:
                raise InputError(f"{origins.get(key, '--' + key.replace('_', '-'))} {rule}")
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            where = origins.get("base_url", "--base-url")
            raise InputError(f"{where} must start with http:// or https://, got {self.base_url!r}")
        return self

    def _rules(self) -> list[tuple[str, bool, str]]:
        return [
            ("concurrency", self.concurrency >= 1, "must be at least 1"),
            ("max_reasks", self.max_reasks >= 0, "must be 0 or more"),
            ("min_confidence", 0.0 <= self.min_confidence <= 1.0, "must be between 0 and 1"),
            ("max_context_tokens", self.max_context_tokens >= 1000, "must be at least 1000"),
            ("max_output_tokens", self.max_output_tokens >= 256, "must be at least 256"),
            ("timeout", self.timeout > 0, "must be positive"),
            ("deadline", self.deadline is None or self.deadline > 0, "must be positive"),
            ("retries", self.retries >= 0, "must be 0 or more"),
            ("context_budget", 200 <= self.context_budget <= 200_000, "must be between 200 and 200000 tokens"),
            ("rpm", self.rpm is None or self.rpm >= 1, "must be at least 1"),
            ("tpm", self.tpm is None or self.tpm >= 1000, "must be at least 1000"),
            ("model", bool(self.model.strip()), "must not be empty"),
            ("mode", self.mode in MODES, f"must be one of {', '.join(MODES)}"),
            ("log_max_mb", self.log_max_mb > 0, "must be positive"),
        ]


def help_suffix(key: str) -> str:
    """The `(env X; default Y)` text an option's help ends with, from the one place defaults live."""
    parts = []
    if key in ENV:
        parts.append(f"env {ENV[key]}")
    default = getattr(Settings(), key)
    if default is not None and not isinstance(default, bool):
        parts.append(f"default {default:g}" if isinstance(default, float) else f"default {default}")
    return f" ({'; '.join(parts)})" if parts else ""


def config_path() -> tuple[Path, bool]:
    """The config file, and whether the user named it ($PRP_AGENT_CONFIG) rather than it being the default
    $XDG_CONFIG_HOME/prp-agent/config.toml."""
    explicit = os.environ.get("PRP_AGENT_CONFIG")
    if explicit:
        return Path(explicit).expanduser(), True
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "prp-agent" / "config.toml", False


def _coerce(name: str, value: Any, origin: str) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = str(kinds[name])
    try:
        if kind in {"int", "int | None"}:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            return int(value)
        if kind in {"float", "float | None"}:
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
                raise ValueError(value)
            return text in {"1", "true", "yes", "on"}
    except (TypeError, ValueError):
        expected = "true or false" if kind == "bool" else "a number"
        raise InputError(f"{origin} must be {expected}, got {value!r}") from None
    return str(value) if value is not None else None


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = loads_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read config file {path}: {exc}") from None
    known = {f.name for f in fields(Settings)} - {"api_key"}
    values = {}
    for key, value in data.items():
        if key not in known:
            raise InputError(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        values[key] = _coerce(key, value, f"{path}: {key}")
    return values


def draft_deadline(settings: Settings, requests: int) -> float:
    """How long a whole draft of `requests` requests may take: --deadline, or --timeout × (requests + 4) — room for
    every request to take a full --timeout one after another, plus a few retries."""
    return settings.deadline if settings.deadline is not None else settings.timeout * (requests + 4)


def load_settings(**flags: Any) -> Settings:
    """Merge defaults, the config file, the environment and the given flags (None means not given)."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path, named = config_path()
    if named and not path.is_file():
        raise InputError(f"PRP_AGENT_CONFIG names {path}, which is not a file")
    if path.is_file():
        for key, value in _from_file(path).items():
            values[key], origins[key] = value, f"{path}: {key}"
    for key, env in ENV.items():
        if os.environ.get(env):
            values[key], origins[key] = _coerce(key, os.environ[env], env), env
    for key, value in flags.items():
        if value is not None:
            values[key], origins[key] = value, "--" + key.replace("_", "-")
    return replace(Settings(), **values).validated(origins)
