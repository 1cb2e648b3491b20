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
import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import httpx

from prp_agent.config import DEFAULT_BASE_URL
from prp_agent.errors import ModelError, ModelRequestError, ModeRejectedError
from prp_agent.events import EventKind, emit
from prp_agent.llm import endpoint_cache as endpoints
from prp_agent.llm.completions import answer_of, error_message, request_body, status_error
from prp_agent.llm.gate import EndpointGate, GaveUp
from prp_agent.llm.probe import PROPS_CAP as PROBE_CAP
from prp_agent.llm.probe import probe_props
from prp_agent.llm.protocol import ChatAnswer, ChatRequest, OutputMode
from prp_agent.llm.retry import RetryPolicy, retry
from prp_agent.llm.tokens import rough_tokens
from prp_agent.llm.transport import MAX_FILE_BYTES, AnswerTooLargeError, build_http_client, is_openai_host
from prp_agent.secrets.redaction import forget_known, redact_text, redact_url
from prp_agent.text import one_line

if TYPE_CHECKING:
    import openai

__all__ = ["OpenAIBatchClient", "OpenAIChatModel", "answer_from_body"]

_MODE_ORDER = (OutputMode.JSON_SCHEMA, OutputMode.TOOLS, OutputMode.JSON_OBJECT)


_default_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # tests swap this to skip backoff waits


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
        self._probing = asyncio.Lock()
        self._tried = False  # the first negotiation has ended, however it ended
        self._probed = known.probed or is_openai_host(base_url)
        self.slots, self.context = known.slots, known.context
        self.gate = EndpointGate(ceiling=concurrency, timeout=timeout, adaptive=not is_openai_host(base_url),
                                 slots=known.slots)  # fmt: skip
        self.rejections = 0
        self._contacted = False
        self._capped = 0  # requests this run cut at their hard cap: after the first, such a cut is not retried

    @property
    def name(self) -> str:
        """The model name."""
        return self._model

    @property
    def where(self) -> str:
        """The endpoint, for messages (credentials in the URL never shown)."""
        return redact_url(self._base_url or DEFAULT_BASE_URL)

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
        """Send one request in the run's mode; the first requests find that mode out, one at a time. What the server
        says (answers and errors) is scrubbed of secrets before anyone else sees it."""
        try:
            return _scrubbed(await self._complete(request))
        except ModelError as exc:
            exc.message = _said(exc.message)
            exc.args = (exc.message,)
            raise

    async def _complete(self, request: ChatRequest) -> ChatAnswer:
        await self._probe_once()
        if not self._settled and not self._tried:
            async with self._negotiating:  # only the first request finds the mode out; the rest wait for it once
                if not self._settled and not self._tried:
                    try:
                        return await self._negotiate(request)
                    finally:
                        self._tried = True  # failed for another reason: the others go ahead in the current mode
        mode = self.mode
        try:
            return await self._with_retries(request, mode)
        except ModeRejectedError:
            if self.forced:
                raise
            async with self._negotiating:
                if self.mode != mode and self._settled:  # another request already found the next mode
                    return await self._with_retries(request, self.mode)
                self._settled = False  # a remembered mode stopped working: find another one
                if self._remember:
                    endpoints.forget_mode(self._base_url, self._model)
                return await self._negotiate(request, after=mode)

    async def _negotiate(self, request: ChatRequest, after: OutputMode | None = None) -> ChatAnswer:
        start = _MODE_ORDER.index(after) + 1 if after is not None else _MODE_ORDER.index(self.mode)
        error: ModeRejectedError | None = None
        for mode in _MODE_ORDER[start:]:
            try:
                answer = await self._with_retries(request, mode)
            except ModeRejectedError as exc:
                self.rejections += 1
                error = exc
                emit(EventKind.MODE_REJECTED, detail=f"{mode.value}: {exc.message}")
                continue
            self.mode, self._settled = mode, True
            if self._remember:
                endpoints.remember(self._base_url, self._model, mode=mode.value)
            return answer
        assert error is not None
        raise ModelRequestError(f"the server rejected every structured-output mode (last: {error.message})")

    # --- the server's slots and context ---------------------------------------------------------------------------

    async def _probe_once(self) -> None:
        if not self._base_url:
            return
        async with self._probing:  # the first request probes; the others wait for what it learns
            if self._probed:
                return
            self._probed = True
            self.slots, self.context = await probe_props(self._http, self._base_url, min(self._timeout, PROBE_CAP))
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
            retryable = exc.liveness or self._cut_at_cap()
            raise ModelRequestError(f"gave up on {self.where}: {exc}", retryable=retryable) from None

    def _cut_at_cap(self) -> bool:
        """Count a request cut at its hard cap (a trickle keeps a connection alive without answering); whether it
        may be retried: only the endpoint's first, and the user is told the endpoint is slow."""
        self._capped += 1
        if self._capped == 2:
            emit(EventKind.SLOW, detail=(
                f"{self.where} ran two requests past their {self._timeout * 10:g}s cap (10 × --timeout); requests "
                "cut at the cap are no longer retried in this run"))  # fmt: skip
        return self._capped == 1

    async def _send(self, request: ChatRequest, mode: OutputMode) -> ChatAnswer:
        import openai

        kwargs = self._request_kwargs(request, mode)
        try:
            raw = await self._sdk().chat.completions.with_raw_response.create(**kwargs)
        except openai.APIStatusError as exc:
            self._contacted = True
            raise status_error(exc, mode, self.where) from None
        except openai.APITimeoutError:
            cap = self._timeout * 10
            raise ModelRequestError(
                f"no answer from {self.where} within {cap:g}s", retryable=self._cut_at_cap()
            ) from None
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
        answer = answer_of(completion, mode)
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
        return request_body(self._fitted(request), model=self._model, base_url=self._base_url, mode=mode)

    def _fitted(self, request: ChatRequest) -> ChatRequest:
        """The request with its answer budget cut to what the server's told context leaves after the prompt (a
        llama.cpp server answers past its context with an error or a cut answer); an error when nothing is left."""
        if not self.context:
            return request
        prompt = rough_tokens([m.content for m in request.messages]) + 64  # estimated, with the chat template
        room = self.context - prompt
        if room < min(256, request.max_output_tokens):
            raise ModelRequestError(
                f"the prompt (about {prompt} tokens) leaves no room for an answer in the {self.context}-token context "
                f"{self.where} serves; start the server with a larger context or lower --context-budget",
                retryable=False,
            )
        if room >= request.max_output_tokens:
            return request
        return dataclasses.replace(request, max_output_tokens=room)


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
        self._http = http_client or build_http_client(timeout, 4, cap=MAX_FILE_BYTES)
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
                _said(f"{what}: HTTP {exc.status_code}: {error_message(exc)}"), status=exc.status_code
            ) from None
        except openai.APIConnectionError as exc:
            where = redact_url(self._base_url or DEFAULT_BASE_URL)
            raise ModelRequestError(_said(f"{what}: cannot connect to {where}: {exc}")) from None

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


def answer_from_body(body: dict[str, Any]) -> ChatAnswer:
    """A ChatAnswer from a Chat Completions response body given as JSON (Batch API output lines)."""
    import openai.types.chat

    completion = openai.types.chat.ChatCompletion.model_validate(body)
    return _scrubbed(answer_of(completion, OutputMode.JSON_SCHEMA))


def _said(message: str) -> str:
    """What a server said, fit to show and store: no secret, one line, no control characters (so it can neither
    fake lines of output nor drive a terminal)."""
    return one_line(redact_text(message), 1000)


def _scrubbed(answer: ChatAnswer) -> ChatAnswer:
    """The answer without the API key's value, wherever a hostile server put it."""
    if answer.content:
        answer.content = forget_known(answer.content)
    if answer.refusal:
        answer.refusal = redact_text(answer.refusal)
    return answer
