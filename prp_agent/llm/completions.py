"""The Chat Completions wire format: the request body for each structured-output mode, the answer read back from
a completion (or a Batch API output line), and HTTP errors mapped to what prp-agent does next (retry, try another
mode, or stop at once). No SDK here: the adapter sends and receives."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from prp_agent.errors import ModelRequestError, ModeRejectedError
from prp_agent.llm.protocol import ChatAnswer, ChatRequest, OutputMode, Usage

__all__ = ["answer_of", "error_message", "request_body", "retry_after_seconds", "status_error"]


_RETRY_STATUS = {408, 409, 429}


_FATAL_STATUS = {401: "check OPENAI_API_KEY", 403: "check OPENAI_API_KEY and its access to this model",
                 404: "check --model and --base-url"}  # fmt: skip


_CONTEXT_ERRORS = re.compile(r"context.length|maximum context|too many tokens|prompt is too long", re.I)


_NAMES_FEATURE = re.compile(
    r"response_format|json_schema|\bschema\b|\btools?\b|tool_choice|not supported|unsupported|does not support", re.I
)


def request_body(
    request: ChatRequest, *, model: str, base_url: str | None, mode: OutputMode = OutputMode.JSON_SCHEMA
) -> dict[str, Any]:
    """The Chat Completions body a request is sent as in one structured-output mode."""
    messages: list[dict[str, Any]] = [{"role": m.role, "content": m.content} for m in request.messages]
    # OpenAI proper wants max_completion_tokens (reasoning models reject max_tokens); most
    # OpenAI-compatible servers only know max_tokens.
    limit_key = "max_tokens" if base_url else "max_completion_tokens"
    kwargs: dict[str, Any] = {"model": model, "messages": messages, limit_key: request.max_output_tokens}
    if mode is OutputMode.JSON_SCHEMA:
        kwargs["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": request.schema_name, "schema": request.schema, "strict": True},
        }
    elif mode is OutputMode.TOOLS:
        kwargs["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": request.schema_name,
                    "description": "Record the answer.",
                    "parameters": request.schema,
                    "strict": True,
                },
            }
        ]
        kwargs["tool_choice"] = {"type": "function", "function": {"name": request.schema_name}}
    else:
        messages.append({"role": "user", "content": request.schema_instruction})
        kwargs["response_format"] = {"type": "json_object"}
    return kwargs


def retry_after_seconds(headers: httpx.Headers | Any) -> float | None:
    for key, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(key) if headers is not None else None
        if value is None:
            continue
        try:
            return max(0.0, float(value) / scale)
        except ValueError:
            continue  # an HTTP date: fall back to exponential backoff
    return None


def status_error(exc: Any, mode: OutputMode, where: str) -> ModelRequestError:
    status = int(exc.status_code)
    message = error_message(exc)
    body = json.dumps(getattr(exc, "body", None), default=str) + " " + message
    rejected = (status in {400, 422} and not _CONTEXT_ERRORS.search(body)) or (
        status >= 500 and bool(_NAMES_FEATURE.search(body))
    )
    if rejected:
        return ModeRejectedError(f"server rejected {mode.value} mode (HTTP {status}): {message}", status=status)
    if status in _FATAL_STATUS:
        return ModelRequestError(
            f"HTTP {status} from {where}: {message} ({_FATAL_STATUS[status]})", status=status, fatal=True
        )
    retryable = status in _RETRY_STATUS or status >= 500
    retry_after = retry_after_seconds(getattr(exc.response, "headers", None))
    return ModelRequestError(f"HTTP {status}: {message}", status=status, retryable=retryable, retry_after=retry_after)


def error_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body.get("detail", body))
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:300]
        if isinstance(inner, list) and inner and isinstance(inner[0], dict) and inner[0].get("msg"):
            return str(inner[0]["msg"])[:300]  # a FastAPI validation error
        if isinstance(inner, str):
            return inner[:300]
    return str(getattr(exc, "message", exc))[:300]


def answer_of(completion: Any, mode: OutputMode) -> ChatAnswer:
    usage = Usage(requests=1)
    if completion.usage is not None:
        usage.prompt_tokens = completion.usage.prompt_tokens or 0
        usage.completion_tokens = completion.usage.completion_tokens or 0
        details = getattr(completion.usage, "prompt_tokens_details", None)
        usage.cached_tokens = (getattr(details, "cached_tokens", 0) or 0) if details else 0
    if not completion.choices:
        raise ModelRequestError("the server returned no choices")
    choice = completion.choices[0]
    message = choice.message
    content = message.content
    if mode is OutputMode.TOOLS and message.tool_calls:
        arguments = message.tool_calls[0].function.arguments
        content = arguments if isinstance(arguments, str) else json.dumps(arguments)  # some servers send an object
    return ChatAnswer(
        content=content,
        refusal=getattr(message, "refusal", None),
        finish_reason=choice.finish_reason or "stop",
        mode=mode,
        usage=usage,
        model=completion.model or "",
    )
