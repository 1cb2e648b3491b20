"""`prp-agent doctor`: what a draft will do at an endpoint — reachable, key accepted, model listed, which
structured-output modes work (a tiny strict-schema request in each), the mode a draft will use, parallel slots and
context size when the server tells them, one-call latency, whether answers come wrapped, and what to set.

It writes the endpoint cache a draft reads, so the next draft starts in the right mode. It never shows the key.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from prp_agent.config import DEFAULT_BASE_URL, Settings, config_path
from prp_agent.drafting.prompts import render_prompt
from prp_agent.errors import ModelError
from prp_agent.llm import endpoint_cache as endpoints
from prp_agent.llm.calllog import log_path
from prp_agent.llm.extract import extract_json, wrapping
from prp_agent.llm.protocol import ChatMessage, ChatRequest, OutputMode, close_model
from prp_agent.llm.providers import build_model, describe_endpoint
from prp_agent.secrets.redaction import redact_text, redact_url
from prp_agent.text import loads_json

__all__ = ["Diagnosis", "ModeCheck", "diagnose"]

_SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}, "feature": {"type": "string"}},
    "required": ["ok", "feature"],
    "additionalProperties": False,
}
_MESSAGES = (
    ChatMessage("system", "You answer with JSON that matches the requested schema."),
    ChatMessage("user", 'Reply with ok = true and feature = "user management API".'),
)


@dataclass
class ModeCheck:
    """Whether one structured-output mode works, and what happened."""

    ok: bool
    detail: str
    latency_s: float | None = None
    wrapped: list[str] = field(default_factory=list)
    tokens_per_s: float | None = None  # the answer's completion tokens over its latency
    stopped: bool | None = None  # whether the answer ended on its own (not at max_tokens)


def _files() -> dict[str, str]:
    """Where prp-agent keeps its config, what it learned about endpoints, and its call log."""
    return {"config": str(config_path()[0]), "endpoint_cache": str(endpoints.cache_path()), "call_log": str(log_path())}


@dataclass
class Diagnosis:
    """Everything `doctor` found out about an endpoint."""

    base_url: str
    model: str
    reachable: bool
    key_accepted: bool | None
    model_listed: bool | None
    modes: dict[str, ModeCheck]
    chosen_mode: str | None
    slots: int | None
    context: int | None
    latency_s: float | None
    wrapped: list[str]
    recommendations: list[str]
    detail: str = ""
    tokens_per_s: float | None = None
    stops: bool | None = None
    offline: bool = False  # no key and no --base-url: drafts run offline, nothing was probed
    key_sent: bool = True
    files: dict[str, str] = field(default_factory=_files)

    @property
    def works(self) -> bool:
        """Whether a draft would work here (an offline draft always does)."""
        return self.offline or self.chosen_mode is not None

    def as_json(self) -> dict[str, Any]:
        """The `--json` object."""
        return {
            "base_url": self.base_url, "model": self.model, "reachable": self.reachable,
            "key_accepted": self.key_accepted, "model_listed": self.model_listed,
            "modes": {name: {"ok": c.ok, "detail": c.detail} for name, c in self.modes.items()},
            "chosen_mode": self.chosen_mode, "slots": self.slots, "context": self.context,
            "latency_s": self.latency_s, "tokens_per_s": self.tokens_per_s, "stops": self.stops,
            "wrapped": self.wrapped, "recommendations": self.recommendations,
            "offline": self.offline, "key_sent": self.key_sent, "files": self.files,
        }  # fmt: skip


def diagnose(settings: Settings) -> Diagnosis:
    """Probe the settings' endpoint and say what a draft will do there; records what worked in the cache. With no
    key and no base URL nothing is probed: drafts run offline, and the diagnosis says so."""
    if not settings.base_url and not settings.api_key:
        return Diagnosis(
            base_url="", model=settings.model, reachable=False, key_accepted=None, model_listed=None, modes={},
            chosen_mode=None, slots=None, context=None, latency_s=None, wrapped=[], offline=True, key_sent=False,
            recommendations=["drafts run offline: set OPENAI_API_KEY to draft with OpenAI, or pass --base-url for "
                             "a local OpenAI-compatible server (then run doctor again)"],
        )  # fmt: skip
    return asyncio.run(_diagnose(settings))


async def _diagnose(settings: Settings) -> Diagnosis:
    facts = await describe_endpoint(settings)
    modes: dict[str, ModeCheck] = {}
    if facts["reachable"]:
        for mode in OutputMode:
            modes[mode.value] = await _check(settings, mode)
    else:
        modes = {mode.value: ModeCheck(False, "not tried: the endpoint is not reachable") for mode in OutputMode}
    chosen = next((name for name, check in modes.items() if check.ok), None)
    if settings.mode != "auto" and settings.mode in modes:
        chosen = settings.mode if modes[settings.mode].ok else None
    first = modes.get(chosen or "")
    diagnosis = Diagnosis(
        base_url=redact_url(settings.base_url or DEFAULT_BASE_URL), model=settings.model,
        reachable=facts["reachable"], key_accepted=facts.get("key_accepted"), model_listed=facts.get("model_listed"),
        modes=modes, chosen_mode=chosen, slots=facts.get("slots"), context=facts.get("context"),
        latency_s=first.latency_s if first else None, wrapped=first.wrapped if first else [], recommendations=[],
        detail=redact_text(str(facts.get("detail", ""))), key_sent=bool(settings.api_key),
        tokens_per_s=first.tokens_per_s if first else None, stops=first.stopped if first else None,
    )  # fmt: skip
    diagnosis.recommendations = _recommend(diagnosis, settings)
    if chosen is not None:
        endpoints.remember(settings.base_url, settings.model, mode=chosen, slots=diagnosis.slots,
                           context=diagnosis.context, probed=True)  # fmt: skip
    return diagnosis


async def _check(settings: Settings, mode: OutputMode) -> ModeCheck:
    """One tiny strict-schema request in one mode."""
    probe = replace(settings, mode=mode.value, retries=0, timeout=min(settings.timeout, 120.0))
    model = build_model(probe, remember=False)
    instruction = render_prompt("json_object", schema_json=json.dumps(_SCHEMA))
    request = ChatRequest(_MESSAGES, "doctor_probe", _SCHEMA, instruction, max_output_tokens=512, tag="doctor")
    started = time.perf_counter()
    try:
        answer = await model.complete(request)
    except ModelError as exc:
        return ModeCheck(False, exc.message)
    finally:
        await close_model(model)
    elapsed = time.perf_counter() - started
    latency = round(elapsed, 2)
    content = answer.content or ""
    try:
        value = loads_json(extract_json(content))
    except ValueError:
        return ModeCheck(False, f"the answer is not JSON: {content[:80]!r}", latency)
    if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
        return ModeCheck(False, f"the answer does not match the schema: {json.dumps(value)[:80]}", latency)
    tokens = answer.usage.completion_tokens
    speed = round(tokens / elapsed, 1) if tokens and elapsed > 0 else None
    stopped = answer.finish_reason in {None, "stop", "tool_calls"}
    return ModeCheck(True, "a valid answer", latency, wrapping(content), speed, stopped)


_SECTION_TOKENS = 1200  # a typical section answer
_SECTIONS = 26  # the brief and the built-in template's sections


def _recommend(found: Diagnosis, settings: Settings) -> list[str]:
    advice: list[str] = []
    if not found.reachable:
        return [f"{found.detail}; start the server or fix --base-url / OPENAI_BASE_URL"]
    if found.key_accepted is False:
        advice.append("the key was rejected: set OPENAI_API_KEY to a key this endpoint accepts")
    if found.model_listed is False:
        advice.append(f"{found.model} is not among the models the server lists: check --model")
    if found.chosen_mode is None:
        advice.append("no structured-output mode works here with this model; try another model")
        return advice
    if found.chosen_mode != OutputMode.JSON_SCHEMA.value:
        advice.append(f"drafts will use {found.chosen_mode} mode (remembered); --mode {found.chosen_mode} forces it")
    if found.slots:
        advice.append(f"the server serves {found.slots} request(s) at once; drafts keep that many in flight")
    if found.latency_s is not None and found.latency_s * 4 > settings.timeout:
        advice.append(
            f"one small request took {found.latency_s:g}s: raise --timeout to at least {found.latency_s * 6:.0f}s "
            "(a section answer is longer)"
        )
    if found.tokens_per_s:
        answer = _SECTION_TOKENS / found.tokens_per_s  # one section answer at this speed
        rounds = -(-_SECTIONS // (found.slots or 1))
        advice.append(
            f"the server generates about {found.tokens_per_s:g} tokens/s: a section answer takes about "
            f"{answer:.0f}s, a draft of {_SECTIONS} sections about {rounds * answer:.0f}s with "
            f"--concurrency {found.slots or 1}; use --timeout {max(settings.timeout, answer * 2):.0f} "
            f"--deadline {rounds * answer * 2 + answer * 4:.0f}"
        )  # fmt: skip
    if found.stops is False:
        advice.append("answers do not stop on their own (they end at max_tokens): each request's budget bounds them, "
                      "but expect `truncated` flags; a larger or instruction-tuned model stops")  # fmt: skip
    if "think" in found.wrapped:
        advice.append("answers start with <think> reasoning: it is removed, but costs time; expect more flags")
    if "fence" in found.wrapped or "prose" in found.wrapped:
        advice.append("answers wrap JSON in fences or prose: it is extracted; expect more flags from small models")
    return advice
