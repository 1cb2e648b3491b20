"""Helpers shared by the tests: schema-valid scripted models, and the one seam through which tests reach the OpenAI
adapter and SDK directly (everything else gets models from `prp_agent.llm.providers`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai as sdk

from prp_agent.llm import openai_adapter
from prp_agent.llm.openai_adapter import OpenAIChatModel
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.llm.sampler import sample_for_schema

__all__ = ["OpenAIChatModel", "Override", "no_backoff", "openai_adapter", "scripted", "sdk", "valid"]

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
