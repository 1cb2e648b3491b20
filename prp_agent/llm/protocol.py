"""The model seam: a small protocol every drafter talks to, its request/answer types, and a scripted fake.

Only `openai_adapter.py` knows a vendor SDK. Drafting builds a `ChatRequest` (messages plus the answer's JSON schema)
and gets back a `ChatAnswer`; refusals and truncation are data on the answer, failures are `ModelError`s.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from prp_agent.errors import ModelError, ModelRequestError
from prp_agent.llm.tokens import rough_tokens

__all__ = [
    "BatchClient",
    "ChatAnswer",
    "ChatMessage",
    "ChatModel",
    "ChatRequest",
    "ClosableModel",
    "OutputMode",
    "ScriptedModel",
    "Usage",
    "close_model",
]


class OutputMode(StrEnum):
    """How structured output is requested: strict json_schema, a forced tool call, or plain JSON mode."""

    JSON_SCHEMA = "json_schema"
    TOOLS = "tools"
    JSON_OBJECT = "json_object"


@dataclass(frozen=True)
class ChatMessage:
    """One chat message."""

    role: str
    content: str


@dataclass(frozen=True)
class ChatRequest:
    """A structured-output request: messages, the schema of the answer, and the schema text for JSON mode."""

    messages: tuple[ChatMessage, ...]
    schema_name: str
    schema: dict[str, Any]
    schema_instruction: str
    max_output_tokens: int = 4096
    tag: str = ""
    prompt_id: str = ""  # `name@hash` of the prompt file that made the last message (recorded in the call log)


@dataclass
class Usage:
    """Token usage, summed over requests."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0

    def add(self, other: Usage) -> None:
        """Add another usage into this one."""
        self.requests += other.requests
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cached_tokens += other.cached_tokens

    def as_json(self) -> dict[str, int]:
        """The usage as the JSON summary reports it."""
        return {
            "requests": self.requests,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cached_tokens": self.cached_tokens,
        }


@dataclass
class ChatAnswer:
    """What came back: the JSON text (or a refusal), why generation stopped, the mode used and the usage."""

    content: str | None
    refusal: str | None = None
    finish_reason: str = "stop"
    mode: OutputMode = OutputMode.JSON_SCHEMA
    usage: Usage = field(default_factory=lambda: Usage(requests=1))
    model: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # the x-ratelimit-* response headers, when there are any
    source: str = "network"  # or "cache" (the response cache), "cassette" (--replay)


class ChatModel(Protocol):
    """Anything that answers structured-output chat requests."""

    @property
    def name(self) -> str:
        """The model name reported in outputs."""
        ...

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Answer one request, or raise ModelError."""
        ...


class ClosableModel(ChatModel, Protocol):
    """A model that holds connections: whoever built it closes it."""

    async def aclose(self) -> None:
        """Release the HTTP client."""
        ...


async def close_model(model: object) -> None:
    """Close a model that holds connections (fakes usually hold none)."""
    close = getattr(model, "aclose", None)
    if close is not None:
        await close()


class BatchClient(Protocol):
    """The Batch API calls a batch run needs: upload the JSONL, create the batch, read its status and files."""

    async def upload(self, name: str, data: bytes) -> str:
        """Upload a batch input file; its id."""
        ...

    async def create(self, input_file_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        """Create a Chat Completions batch over an uploaded file."""
        ...

    async def retrieve(self, batch_id: str) -> dict[str, Any]:
        """A batch's status, counts and file ids."""
        ...

    async def content(self, file_id: str) -> bytes:
        """A file's bytes (batch output and error files)."""
        ...

    async def aclose(self) -> None:
        """Release the HTTP client."""
        ...


Script = Callable[[ChatRequest, int], "ChatAnswer | dict[str, Any] | str | Exception"]


class ScriptedModel:
    """A fake model for tests and demos: a function decides each answer from the request and the call number.

    The function may return a `ChatAnswer`, a dict (sent as JSON content), a raw string, or an exception to raise.
    Every request is kept in `requests`.
    """

    def __init__(self, script: Script, *, name: str = "scripted", delay: float = 0.0) -> None:
        self._script = script
        self._name = name
        self._delay = delay
        self.requests: list[ChatRequest] = []

    @property
    def name(self) -> str:
        """The model name reported in outputs."""
        return self._name

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Answer from the script."""
        self.requests.append(request)
        if self._delay:
            await asyncio.sleep(self._delay)
        reply = self._script(request, len(self.requests))
        if isinstance(reply, ModelError):
            raise reply
        if isinstance(reply, Exception):
            raise ModelRequestError(str(reply))
        if isinstance(reply, ChatAnswer):
            return reply
        content = reply if isinstance(reply, str) else json.dumps(reply)
        prompt = rough_tokens([m.content for m in request.messages])
        return ChatAnswer(content, usage=Usage(1, prompt, rough_tokens([content]), 0), model=self._name)
