"""The HTTP client every request goes through: answers capped in size (a server that streams one forever is cut off
with a clear error), and what an endpoint URL says about the server."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import cast

import httpx

__all__ = [
    "MAX_ANSWER_BYTES",
    "MAX_FILE_BYTES",
    "AnswerTooLargeError",
    "build_http_client",
    "is_openai_host",
    "server_root",
]


MAX_FILE_BYTES = 1_000_000_000  # a Batch API output file: thousands of answers
MAX_ANSWER_BYTES = 4_000_000  # far above any real completion (8k tokens of JSON is ~40 kB)


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


def build_http_client(timeout: float, concurrency: int, cap: int | None = None) -> httpx.AsyncClient:
    """The HTTP client the SDK sends through: sized for the fan-out, answers capped in size (`MAX_ANSWER_BYTES`
    unless `cap` says otherwise: a Batch API output file holds thousands of answers)."""
    limits = httpx.Limits(max_connections=max(concurrency, 10), max_keepalive_connections=max(concurrency, 10))
    transport = _CappedTransport(httpx.AsyncHTTPTransport(limits=limits), cap or MAX_ANSWER_BYTES)
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), transport=transport)
