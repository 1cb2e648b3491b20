"""The HTTP client every request goes through: answers capped in size (a server that streams one forever is cut off
with a clear error), and what an endpoint URL says about the server."""

from __future__ import annotations

import re
import zlib
from collections.abc import AsyncIterator
from typing import cast

import httpx

from prp_agent.text import one_line

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


ACCEPTED = "gzip, deflate"  # the encodings asked for: the ones `_CappedStream` decodes a bounded piece at a time
_DECODED = {"", "identity", "gzip", "x-gzip", "deflate"}
MAX_RATIO = 200  # decoded bytes per compressed byte beyond which an answer is a decompression bomb, not JSON


class _CappedStream(httpx.AsyncByteStream):
    """A response body read up to `cap` bytes *decoded*: gzip and deflate are decoded here, a bounded piece at a
    time, so a small compressed answer cannot become gigabytes in memory."""

    def __init__(self, inner: httpx.AsyncByteStream, cap: int, encoding: str = "") -> None:
        self.inner, self.cap = inner, cap
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}.get(encoding)
        self.decoder = zlib.decompressobj(wbits) if wbits is not None else None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        raw = seen = 0
        async for chunk in self.inner:
            raw += len(chunk)
            for piece in self._decoded(chunk, seen):
                seen += len(piece)
                if seen > self.cap:
                    raise AnswerTooLargeError(f"the answer passed {self.cap / 1e6:g} MB; stopped reading it")
                if self.decoder is not None and seen > 1_000_000 and seen > MAX_RATIO * raw:
                    raise AnswerTooLargeError(f"the answer decompresses more than {MAX_RATIO}-fold; stopped reading it")
                yield piece

    def _decoded(self, chunk: bytes, seen: int) -> list[bytes]:
        if self.decoder is None:
            return [chunk]
        pieces = []
        data = chunk
        while data:
            try:
                piece = self.decoder.decompress(data, max(1, self.cap - seen + 1))
            except zlib.error as exc:
                raise httpx.DecodingError(f"the answer's compression is damaged: {exc}") from None
            pieces.append(piece)
            seen += len(piece)
            if seen > self.cap:
                break
            data = self.decoder.unconsumed_tail
        return pieces

    async def aclose(self) -> None:
        await self.inner.aclose()


class _CappedTransport(httpx.AsyncBaseTransport):
    """Reads at most `cap` bytes of any response body."""

    def __init__(self, inner: httpx.AsyncBaseTransport, cap: int) -> None:
        self.inner, self.cap = inner, cap

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Accept-Encoding"] = ACCEPTED  # only what is decoded here, under the cap
        response = await self.inner.handle_async_request(request)
        stream = cast(httpx.AsyncByteStream, response.stream)
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in _DECODED:  # br, zstd, …: not asked for, and not decodable under the cap
            await stream.aclose()
            raise httpx.DecodingError(f"the server answered with {one_line(encoding, 30)!r} compression, which was "
                                      f"not asked for (Accept-Encoding: {ACCEPTED})")  # fmt: skip
        headers = response.headers
        if encoding in {"gzip", "x-gzip", "deflate"}:  # decoded here, under the cap; httpx must not decode again
            headers = httpx.Headers([(k, v) for k, v in response.headers.multi_items()
                                     if k.lower() not in {"content-encoding", "content-length"}])  # fmt: skip
        return httpx.Response(
            response.status_code, headers=headers, stream=_CappedStream(stream, self.cap, encoding),
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
