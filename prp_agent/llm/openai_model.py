"""The OpenAI Chat Completions adapter: the only module that imports `openai` (lazily: it costs ~0.4 s).

Works with OpenAI, Azure OpenAI (v1 endpoint) and OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio)
through `base_url`.

- Structured output is asked for with strict `json_schema`; a server that rejects a mode (400 or 422, or a 5xx
  whose body names the feature) gets the next one — a forced tool call, then JSON mode with the schema in the
  prompt. Until a mode has worked, one request at a time finds it out and the others wait, so a run sees at most
  one rejection per mode. What worked is remembered per endpoint for the next run; `mode=` forces one.
- Requests pass the endpoint's gate (`pacing`): a limit that fits the server, priority order, and a timeout that
  guards the server's liveness instead of each request's queue wait.
- Retries have one owner here: the SDK's own are off (`max_retries=0`); tenacity retries 408/409/429/5xx, give-ups
  and connection errors, honouring `Retry-After`/`retry-after-ms`. A failure that would hit every request — no
  server at the URL, a rejected key, an unknown model, a web page instead of the API — is fatal at once.
- Answers are capped in size; a server that streams one forever is cut off with a clear error.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import httpx

from prp_agent.config import DEFAULT_BASE_URL
from prp_agent.errors import ModelRequestError, ModeRejectedError
from prp_agent.events import emit
from prp_agent.llm import endpoint_cache as endpoints
from prp_agent.llm.gate import EndpointGate, GaveUp
from prp_agent.llm.protocol import ChatAnswer, ChatRequest, OutputMode, Usage
from prp_agent.llm.retry import RetryPolicy, retry

if TYPE_CHECKING:
    import openai

__all__ = [
    "MAX_ANSWER_BYTES",
    "OpenAIBatchClient",
    "OpenAIChatModel",
    "answer_from_body",
    "build_http_client",
    "describe_endpoint",
    "is_openai_host",
    "request_body",
    "server_root",
]

MAX_ANSWER_BYTES = 4_000_000  # far above any real completion (8k tokens of JSON is ~40 kB)
_RETRY_STATUS = {408, 409, 429}
_FATAL_STATUS = {401: "check OPENAI_API_KEY", 403: "check OPENAI_API_KEY and its access to this model",
                 404: "check --model and --base-url"}  # fmt: skip
_CONTEXT_ERRORS = re.compile(r"context.length|maximum context|too many tokens|prompt is too long", re.I)
_NAMES_FEATURE = re.compile(
    r"response_format|json_schema|\bschema\b|\btools?\b|tool_choice|not supported|unsupported|does not support", re.I
)
_MODE_ORDER = (OutputMode.JSON_SCHEMA, OutputMode.TOOLS, OutputMode.JSON_OBJECT)
_default_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # tests swap this to skip backoff waits


def is_openai_host(base_url: str | None) -> bool:
    """OpenAI itself or Azure OpenAI: servers that serve many requests at once."""
    if not base_url:
        return True
    host = httpx.URL(base_url).host
    return host == "api.openai.com" or host.endswith((".openai.azure.com", ".azure.com"))


def server_root(base_url: str) -> str:
    """The server's root URL (where llama.cpp serves /props) from an API base URL ending in /v1."""
    return re.sub(r"/v1/?$", "", base_url.rstrip("/"))


class AnswerTooLargeError(httpx.TransportError):
    """The server's answer passed MAX_ANSWER_BYTES."""


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, cap: int) -> None:
        self.inner, self.cap = inner, cap

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self.inner:
            seen += len(chunk)
            if seen > self.cap:
                raise AnswerTooLargeError(f"the answer passed {self.cap / 1e6:g} MB; stopped reading it")
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()


class _CappedTransport(httpx.AsyncBaseTransport):
    """Reads at most `cap` bytes of any response body."""

    def __init__(self, inner: httpx.AsyncBaseTransport, cap: int) -> None:
        self.inner, self.cap = inner, cap

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        stream = cast(httpx.AsyncByteStream, response.stream)
        return httpx.Response(
            response.status_code, headers=response.headers, stream=_CappedStream(stream, self.cap),
            extensions=response.extensions, request=request,
        )  # fmt: skip

    async def aclose(self) -> None:
        await self.inner.aclose()


def build_http_client(timeout: float, concurrency: int) -> httpx.AsyncClient:
    """The HTTP client the SDK sends through: sized for the fan-out, answers capped in size."""
    limits = httpx.Limits(max_connections=max(concurrency, 10), max_keepalive_connections=max(concurrency, 10))
    transport = _CappedTransport(httpx.AsyncHTTPTransport(limits=limits), MAX_ANSWER_BYTES)
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), transport=transport)


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
        retry: RetryPolicy | None = None,
        mode: str = "auto",
        http_client: httpx.AsyncClient | None = None,
        backoff: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        remember: bool = True,
    ) -> None:
        self._model = model
        self._api_key = api_key or "not-needed"  # local servers accept any key
        self._base_url = base_url
        self._timeout = timeout
        self._retry = retry or RetryPolicy(attempts=max(1, attempts), base=backoff)
        self._sleep = sleep or _default_sleep
        self._remember = remember
        self._http = http_client or build_http_client(timeout * 10, concurrency)
        self._client: openai.AsyncOpenAI | None = None
        known = endpoints.load_endpoint(base_url, model) if remember else endpoints.EndpointInfo()
        self.forced = mode != "auto"
        self.mode = OutputMode(mode) if self.forced else OutputMode(known.mode or OutputMode.JSON_SCHEMA)
        self._settled = self.forced or known.mode is not None
        self._negotiating = asyncio.Lock()
        self._probed = known.probed or is_openai_host(base_url)
        self.slots, self.context = known.slots, known.context
        self.gate = EndpointGate(ceiling=concurrency, timeout=timeout, adaptive=not is_openai_host(base_url),
                                 slots=known.slots)  # fmt: skip
        self.rejections = 0
        self._contacted = False

    @property
    def name(self) -> str:
        """The model name."""
        return self._model

    @property
    def where(self) -> str:
        """The endpoint, for messages."""
        return self._base_url or DEFAULT_BASE_URL

    def _sdk(self) -> openai.AsyncOpenAI:
        if self._client is None:
            import openai

            self._client = openai.AsyncOpenAI(
                api_key=self._api_key,
                base_url=self._base_url,
                max_retries=0,
                timeout=cast(Any, httpx.Timeout(self._timeout * 10, connect=min(self._timeout, 10.0))),
                # openai>=3 is typed for httpx2 but accepts an httpx client; we keep httpx so respx can replay it
                http_client=cast(Any, self._http),
            )
        return self._client

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._http.aclose()

    # --- modes -------------------------------------------------------------------------------------------------

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Send one request in the run's mode; the first requests find that mode out, one at a time."""
        await self._probe_once()
        if not self._settled:
            async with self._negotiating:
                if not self._settled:
                    return await self._negotiate(request)
        try:
            return await self._with_retries(request, self.mode)
        except ModeRejectedError:
            if self.forced:
                raise
            self._settled = False  # a remembered mode stopped working: find another one
            if self._remember:
                endpoints.forget_mode(self._base_url, self._model)
            async with self._negotiating:
                return await self._negotiate(request, after=self.mode)

    async def _negotiate(self, request: ChatRequest, after: OutputMode | None = None) -> ChatAnswer:
        start = _MODE_ORDER.index(after) + 1 if after is not None else _MODE_ORDER.index(self.mode)
        error: ModeRejectedError | None = None
        for mode in _MODE_ORDER[start:]:
            try:
                answer = await self._with_retries(request, mode)
            except ModeRejectedError as exc:
                self.rejections += 1
                error = exc
                emit("mode_rejected", detail=f"{mode.value}: {exc.message}")
                continue
            self.mode, self._settled = mode, True
            if self._remember:
                endpoints.remember(self._base_url, self._model, mode=mode.value)
            return answer
        assert error is not None
        raise ModelRequestError(f"the server rejected every structured-output mode (last: {error.message})")

    # --- the server's slots and context ---------------------------------------------------------------------------

    async def _probe_once(self) -> None:
        if self._probed or not self._base_url:
            return
        self._probed = True
        self.slots, self.context = await probe_props(self._http, self._base_url)
        if self.slots:
            self.gate = EndpointGate(ceiling=self.gate.ceiling, timeout=self._timeout, adaptive=False,
                                     slots=self.slots)  # fmt: skip
        if self._remember:
            endpoints.remember(self._base_url, self._model, slots=self.slots, context=self.context, probed=True)

    # --- sending -----------------------------------------------------------------------------------------------

    async def _with_retries(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        return await retry(self._retry, lambda: self._gated(request, mode), sleep=self._sleep)

    async def _gated(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        try:
            return await self.gate.run(lambda: self._send(request, mode))
        except GaveUp as exc:
            raise ModelRequestError(f"gave up on {self.where}: {exc}", retryable=True) from None

    async def _send(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        import openai

        kwargs = self._request_kwargs(request, mode)
        try:
            raw = await self._sdk().chat.completions.with_raw_response.create(**kwargs)
        except openai.APIStatusError as exc:
            self._contacted = True
            raise _status_error(exc, mode, self.where) from None
        except openai.APITimeoutError:
            cap = self._timeout * 10
            raise ModelRequestError(f"no answer from {self.where} within {cap:g}s", retryable=True) from None
        except openai.APIConnectionError as exc:
            raise self._connection_error(exc) from None
        self._contacted = True
        content_type = raw.headers.get("content-type", "")
        try:
            completion = raw.parse()
        except (ValueError, TypeError) as exc:  # a body that is not JSON at all
            raise self._not_the_api(content_type, str(exc)) from None
        except openai.APIConnectionError as exc:  # the body broke off (or passed the size cap) while being read
            raise self._connection_error(exc) from None
        if isinstance(completion, str) or not hasattr(completion, "choices"):
            raise self._not_the_api(content_type, "")
        answer = _answer(completion, mode)
        answer.headers = {k: v for k, v in raw.headers.items() if k.lower().startswith("x-ratelimit-")}
        return answer

    def _connection_error(self, exc: Exception) -> ModelRequestError:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, AnswerTooLargeError):
            return ModelRequestError(f"{self.where}: {cause}")
        detail = str(cause or exc) or type(cause or exc).__name__
        if not self._contacted:  # nothing ever answered here: every request would fail the same way
            return ModelRequestError(
                f"cannot reach {self.where} ({detail}); is the server running? check --base-url", fatal=True
            )
        return ModelRequestError(f"cannot connect to {self.where}: {detail}", retryable=True)

    def _not_the_api(self, content_type: str, detail: str) -> ModelRequestError:
        what = content_type.split(";")[0] or "an empty body"
        return ModelRequestError(
            f"{self.where} answered with {what}, not a chat completion"
            + (f" ({detail[:120]})" if detail else "")
            + "; --base-url should be the API's URL (it usually ends in /v1)",
            fatal=not self._answered_before(),
        )

    def _answered_before(self) -> bool:
        return self.gate.min_latency is not None

    def _request_kwargs(self, request: ChatRequest, mode: OutputMode) -> dict[str, Any]:
        return request_body(request, model=self._model, base_url=self._base_url, mode=mode)


async def probe_props(http: httpx.AsyncClient, base_url: str) -> tuple[int | None, int | None]:
    """(parallel slots, context size) a llama.cpp server tells at /props; (None, None) when it tells nothing."""
    try:
        response = await http.get(server_root(base_url) + "/props", timeout=3.0)
        data = response.json() if response.status_code == 200 else {}
    except Exception:
        return None, None
    if not isinstance(data, dict):
        return None, None
    slots = data.get("total_slots")
    settings = data.get("default_generation_settings")
    context = settings.get("n_ctx") if isinstance(settings, dict) else None
    return (
        slots if isinstance(slots, int) and slots > 0 else None,
        context if isinstance(context, int) and context > 0 else None,
    )


async def describe_endpoint(http: httpx.AsyncClient, base_url: str | None, api_key: str | None, model: str
                            ) -> dict[str, Any]:  # fmt: skip
    """What an endpoint says about itself: reachable, key accepted, the models it lists, its slots and context."""
    url = (base_url or DEFAULT_BASE_URL).rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {api_key or 'not-needed'}"}
    found: dict[str, Any] = {"reachable": False, "key_accepted": None, "model_listed": None, "detail": ""}
    try:
        response = await http.get(url, headers=headers, timeout=10.0)
    except Exception as exc:
        cause = exc.__cause__ or exc
        found["detail"] = f"cannot reach {url}: {str(cause) or type(cause).__name__}"
        return found
    found["reachable"] = True
    found["key_accepted"] = response.status_code not in {401, 403}
    try:
        listed = response.json().get("data") if response.status_code == 200 else None
    except (ValueError, AttributeError):
        listed = None
    if isinstance(listed, list):
        ids = [str(item.get("id")) for item in listed if isinstance(item, dict)]
        found["model_listed"] = model in ids
        found["models"] = ids[:20]
    found["detail"] = f"GET /models: HTTP {response.status_code}"
    if base_url and not is_openai_host(base_url):
        found["slots"], found["context"] = await probe_props(http, base_url)
    return found


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


def _status_error(exc: Any, mode: OutputMode, where: str) -> ModelRequestError:
    status = int(exc.status_code)
    message = _error_message(exc)
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
    retry_after = _retry_after(getattr(exc.response, "headers", None))
    return ModelRequestError(f"HTTP {status}: {message}", status=status, retryable=retryable, retry_after=retry_after)


def _error_message(exc: Any) -> str:
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
            raise ModelRequestError(f"{what}: cannot connect to {self._base_url or DEFAULT_BASE_URL}: {exc}") from None

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
