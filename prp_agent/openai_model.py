"""The OpenAI Chat Completions adapter: the only module that imports `openai` (lazily: it costs ~0.4 s).

Works with OpenAI, Azure OpenAI (v1 endpoint) and OpenAI-compatible servers through `base_url`. Structured output is
asked for with strict `json_schema`; a server that rejects it (HTTP 400) gets a forced tool call, then JSON mode with
the schema in the prompt, and the first mode that works is kept for the rest of the run.

Retries have one owner: the SDK's own retries are off (`max_retries=0`) and tenacity retries 408/409/429/5xx,
timeouts and connection errors here, honouring `Retry-After`/`retry-after-ms`.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from .errors import ModelRequestError, ModeRejectedError
from .events import emit
from .model import ChatAnswer, ChatRequest, OutputMode, Usage

if TYPE_CHECKING:
    import openai

__all__ = ["OpenAIBatchClient", "OpenAIChatModel", "answer_from_body", "build_http_client", "request_body"]

_RETRY_STATUS = {408, 409, 429}
_CONTEXT_ERRORS = re.compile(r"context.length|maximum context|too many tokens|prompt is too long", re.I)
_MAX_RETRY_AFTER = 60.0
_MODE_ORDER = (OutputMode.JSON_SCHEMA, OutputMode.TOOLS, OutputMode.JSON_OBJECT)
_default_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # tests swap this to skip backoff waits


def build_http_client(timeout: float, concurrency: int) -> httpx.AsyncClient:
    """The HTTP client the SDK sends through: sized for the fan-out, with one overall timeout."""
    limits = httpx.Limits(max_connections=max(concurrency, 10), max_keepalive_connections=max(concurrency, 10))
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), limits=limits)


class OpenAIChatModel:
    """ChatModel over the Chat Completions API."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None,
        base_url: str | None,
        timeout: float = 120.0,
        attempts: int = 3,
        concurrency: int = 32,
        http_client: httpx.AsyncClient | None = None,
        backoff: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._model = model
        self._api_key = api_key or "not-needed"  # local servers accept any key
        self._base_url = base_url
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = backoff
        self._sleep = sleep or _default_sleep
        self._http = http_client or build_http_client(timeout, concurrency)
        self._client: openai.AsyncOpenAI | None = None
        self.mode = OutputMode.JSON_SCHEMA

    @property
    def name(self) -> str:
        """The model name."""
        return self._model

    def _sdk(self) -> openai.AsyncOpenAI:
        if self._client is None:
            import openai

            self._client = openai.AsyncOpenAI(
                api_key=self._api_key,
                base_url=self._base_url,
                max_retries=0,
                timeout=self._timeout,
                # openai>=3 is typed for httpx2 but accepts an httpx client; we keep httpx so respx can replay it
                http_client=cast(Any, self._http),
            )
        return self._client

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Send one request in the current mode, falling back to the next mode when the server rejects it."""
        mode = self.mode
        while True:
            try:
                answer = await self._with_retries(request, mode)
            except ModeRejectedError:
                following = _MODE_ORDER.index(mode) + 1
                if following >= len(_MODE_ORDER):
                    raise
                mode = _MODE_ORDER[following]
                continue
            if _MODE_ORDER.index(mode) > _MODE_ORDER.index(self.mode):
                self.mode = mode
            return answer

    async def _with_retries(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._attempts),
            wait=self._wait,
            sleep=self._sleep,
            retry=retry_if_exception(lambda exc: isinstance(exc, ModelRequestError) and exc.retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._send(request, mode)
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, ModelRequestError) and exc.retry_after is not None:
            wait = min(exc.retry_after, _MAX_RETRY_AFTER)
        else:
            base = self._backoff * 2 ** (state.attempt_number - 1)
            wait = float(min(base + random.uniform(0, base / 2), _MAX_RETRY_AFTER))
        emit("retry", detail=exc.message if isinstance(exc, ModelRequestError) else "", seconds=wait)
        return wait

    async def _send(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        import openai

        kwargs = self._request_kwargs(request, mode)
        try:
            raw = await self._sdk().chat.completions.with_raw_response.create(**kwargs)
            completion = raw.parse()
        except openai.APIStatusError as exc:
            raise _status_error(exc, mode) from None
        except openai.APITimeoutError:
            raise ModelRequestError(f"request timed out after {self._timeout:g}s", retryable=True) from None
        except openai.APIConnectionError as exc:
            raise ModelRequestError(f"cannot connect to {self._where()}: {exc}", retryable=True) from None
        answer = _answer(completion, mode)
        answer.headers = {k: v for k, v in raw.headers.items() if k.lower().startswith("x-ratelimit-")}
        return answer

    def _where(self) -> str:
        return self._base_url or "api.openai.com"

    def _request_kwargs(self, request: ChatRequest, mode: OutputMode) -> dict[str, Any]:
        return request_body(request, model=self._model, base_url=self._base_url, mode=mode)


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


def _retry_after(headers: httpx.Headers | Any) -> float | None:
    for key, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(key) if headers is not None else None
        if value is None:
            continue
        try:
            return max(0.0, float(value) / scale)
        except ValueError:
            continue  # an HTTP date: fall back to exponential backoff
    return None


def _status_error(exc: Any, mode: OutputMode) -> ModelRequestError:
    status = int(exc.status_code)
    message = _error_message(exc)
    if status == 400 and not _CONTEXT_ERRORS.search(message):
        return ModeRejectedError(f"server rejected {mode.value} mode: {message}", status=400)
    retryable = status in _RETRY_STATUS or status >= 500
    hint = {401: " (check OPENAI_API_KEY)", 404: " (check --model and --base-url)"}.get(status, "")
    retry_after = _retry_after(getattr(exc.response, "headers", None))
    return ModelRequestError(
        f"HTTP {status}: {message}{hint}", status=status, retryable=retryable, retry_after=retry_after
    )


def _error_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:300]
        if isinstance(inner, str):
            return inner[:300]
    return str(getattr(exc, "message", exc))[:300]


def _answer(completion: Any, mode: OutputMode) -> ChatAnswer:
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
        content = message.tool_calls[0].function.arguments
    return ChatAnswer(
        content=content,
        refusal=getattr(message, "refusal", None),
        finish_reason=choice.finish_reason or "stop",
        mode=mode,
        usage=usage,
        model=completion.model or "",
    )


def answer_from_body(body: dict[str, Any]) -> ChatAnswer:
    """A ChatAnswer from a Chat Completions response body given as JSON (Batch API output lines)."""
    import openai.types.chat

    completion = openai.types.chat.ChatCompletion.model_validate(body)
    return _answer(completion, OutputMode.JSON_SCHEMA)


class OpenAIBatchClient:
    """The Batch API calls a batch run needs: upload the JSONL, create the batch, read its status and files."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float = 120.0,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._api_key = api_key or "not-needed"
        self._base_url = base_url
        self._timeout = timeout
        self._http = http_client or build_http_client(timeout, 4)
        self._client: openai.AsyncOpenAI | None = None

    def _sdk(self) -> openai.AsyncOpenAI:
        if self._client is None:
            import openai

            self._client = openai.AsyncOpenAI(
                api_key=self._api_key, base_url=self._base_url, max_retries=2, timeout=self._timeout,
                http_client=cast(Any, self._http),
            )  # fmt: skip
        return self._client

    async def _call(self, what: str, coroutine: Any) -> Any:
        import openai

        try:
            return await coroutine
        except openai.APIStatusError as exc:
            raise ModelRequestError(
                f"{what}: HTTP {exc.status_code}: {_error_message(exc)}", status=exc.status_code
            ) from None
        except openai.APIConnectionError as exc:
            raise ModelRequestError(f"{what}: cannot connect to {self._base_url or 'api.openai.com'}: {exc}") from None

    async def upload(self, name: str, data: bytes) -> str:
        """Upload a batch input file; its id."""
        uploaded = await self._call(
            "uploading the batch file", self._sdk().files.create(file=(name, data), purpose="batch")
        )
        return str(uploaded.id)

    async def create(self, input_file_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        """Create a Chat Completions batch over an uploaded file."""
        batch = await self._call(
            "creating the batch",
            self._sdk().batches.create(
                input_file_id=input_file_id, endpoint="/v1/chat/completions", completion_window="24h", metadata=metadata
            ),
        )
        dumped: dict[str, Any] = batch.model_dump(mode="json")
        return dumped

    async def retrieve(self, batch_id: str) -> dict[str, Any]:
        """A batch's status, counts and file ids."""
        batch = await self._call(f"reading batch {batch_id}", self._sdk().batches.retrieve(batch_id))
        dumped: dict[str, Any] = batch.model_dump(mode="json")
        return dumped

    async def content(self, file_id: str) -> bytes:
        """A file's bytes (batch output and error files)."""
        response = await self._call(f"downloading file {file_id}", self._sdk().files.content(file_id))
        return bytes(response.read())

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()
