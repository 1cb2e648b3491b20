"""Helpers shared by the tests: schema-valid scripted models, and the one seam through which tests reach the OpenAI
adapter and SDK directly (everything else gets models from `prp_agent.llm.providers`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import openai as sdk

from prp_agent.llm import openai_adapter
from prp_agent.llm.openai_adapter import OpenAIChatModel
from prp_agent.llm.protocol import ChatMessage, ChatRequest, ScriptedModel
from prp_agent.llm.sampler import sample_for_schema

__all__ = [
    "OK",
    "REQUEST",
    "SCHEMA",
    "OpenAIChatModel",
    "Override",
    "Sleeps",
    "completion",
    "no_backoff",
    "openai_adapter",
    "scripted",
    "sdk",
    "valid",
]

Override = Callable[[ChatRequest, int], Any]


def valid(request: ChatRequest) -> dict[str, Any]:
    """A schema-valid answer for any request."""
    answer = sample_for_schema(request.schema, seed=request.schema_name)
    assert isinstance(answer, dict)
    return answer


def scripted(overrides: dict[str, Override] | None = None, **kwargs: Any) -> ScriptedModel:
    """A model that answers every request validly, except where an override for its schema name says otherwise."""
    overrides = overrides or {}
    calls: dict[str, int] = {}

    def script(request: ChatRequest, n: int) -> Any:
        calls[request.schema_name] = calls.get(request.schema_name, 0) + 1
        override = overrides.get(request.schema_name)
        return override(request, calls[request.schema_name]) if override else valid(request)

    return ScriptedModel(script, **kwargs)


def no_backoff(monkeypatch: Any) -> None:
    """The adapter's retry waits take no time."""

    async def no_wait(seconds: float) -> None:
        return None

    monkeypatch.setattr(openai_adapter, "_default_sleep", no_wait)


# --- the adapter's request and answers, shared by the adapter and local-server tests ----------------------------

SCHEMA = {
    "type": "object",
    "properties": {"risk_areas": {"type": "array", "items": {"type": "string"}}},
    "required": ["risk_areas"],
    "additionalProperties": False,
}


REQUEST = ChatRequest(
    (ChatMessage("system", "sys"), ChatMessage("user", "draft it")),
    "section_risk-areas",
    SCHEMA,
    "Reply with one JSON object that conforms to this JSON schema: {...}",
    max_output_tokens=2048,
)


def completion(content: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1795000000, "model": "gpt-5-mini-2025-08-07",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                     "finish_reason": "stop", "logprobs": None}],
        "usage": {"prompt_tokens": 1200, "completion_tokens": 40, "total_tokens": 1240,
                  "prompt_tokens_details": {"cached_tokens": 1024}},
        **extra,
    }  # fmt: skip


OK = completion(json.dumps({"risk_areas": ["a", "b"]}))


class Sleeps:
    """Records the waits tenacity asks for instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
