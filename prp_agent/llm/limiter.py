"""One rate limiter shared by every request of a batch, and the model wrapper that owns retries under it.

Requests are paced evenly at a little under the requests-per-minute and tokens-per-minute limits, so throughput
stays near the limit without bursts that earn 429s. A 429 pauses everyone until its Retry-After and lowers the pace;
successes win it back slowly; `x-ratelimit-remaining-*: 0` headers pause until the reset they announce.

In a batch the adapter is built with one attempt and this wrapper retries instead, with the same `RetryPolicy` as
every other loop: one retry owner per layer, and a retried request waits its turn at the limiter like any other.
A provider's announced reset is believed up to the policy's Retry-After cap, like a Retry-After.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import re
import time
from collections.abc import Awaitable, Callable

from prp_agent.errors import ModelRequestError
from prp_agent.events import EventKind, emit
from prp_agent.llm.gate import current_priority
from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest
from prp_agent.llm.retry import RETRY_AFTER_CAP, RetryPolicy, retry
from prp_agent.llm.tokens import rough_tokens

__all__ = ["LimitedModel", "RateLimiter", "parse_reset"]

_HEADROOM = 0.97  # pace at 97 % of the limit: the provider's window and ours never line up exactly
_FLOOR = 0.2  # never slow below 20 % of the configured limit
_RECOVERY = 1.02  # each success wins back 2 % of the pace


def parse_reset(value: str) -> float | None:
    """Seconds in an x-ratelimit-reset-* value such as "1s", "6m0s", "20ms" or "0.5"."""
    value = value.strip()
    try:
        return float(value)
    except ValueError:
        pass
    total = 0.0
    matched = False
    for number, unit in re.findall(r"([\d.]+)(ms|h|m|s)", value):
        matched = True
        total += float(number) * {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}[unit]
    return total if matched else None


class RateLimiter:
    """Paces requests under requests- and tokens-per-minute limits (None: no limit of that kind)."""

    def __init__(
        self,
        rpm: int | None,
        tpm: int | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rpm, self.tpm = rpm, tpm
        self.scale = 1.0
        self._clock, self._sleep = clock, sleep
        self._next = 0.0  # when the next request may start
        self._paused_until = 0.0
        self._waiting: list[tuple[int, int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._dispatcher: asyncio.Future[None] | None = None
        self.throttled = 0  # 429s seen
        self.reset_cap = RETRY_AFTER_CAP

    def _gap(self, tokens: int) -> float:
        gap = 0.0
        if self.rpm:
            gap = max(gap, 60.0 / (self.rpm * _HEADROOM * self.scale))
        if self.tpm:
            gap = max(gap, 60.0 * tokens / (self.tpm * _HEADROOM * self.scale))
        return gap

    async def acquire(self, tokens: int) -> None:
        """Wait for this request's turn: paced, and the most urgent waiter (by `pacing.priority`) first."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (current_priority(), next(self._order), tokens, future))
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.ensure_future(self._dispatch())
        await future

    async def _dispatch(self) -> None:
        while self._waiting:
            now = self._clock()
            due = max(self._next, self._paused_until)
            if due > now:
                if due - now > 1.0:
                    emit(EventKind.WAITING, detail="rate limit", seconds=due - now)
                await self._sleep(due - now)
                continue  # a more urgent request may have arrived meanwhile
            _, _, tokens, future = heapq.heappop(self._waiting)
            if future.done():
                continue
            gap = self._gap(tokens)
            self._next = max(due, now - gap) + gap  # on time: no drift; after a quiet spell: no burst
            future.set_result(None)

    def succeeded(self, headers: dict[str, str]) -> None:
        """Win back pace; honour a provider that says nothing is left until its reset."""
        self.scale = min(1.0, self.scale * _RECOVERY)
        for kind in ("requests", "tokens"):
            remaining = headers.get(f"x-ratelimit-remaining-{kind}")
            reset = parse_reset(headers.get(f"x-ratelimit-reset-{kind}", ""))
            if remaining is not None and remaining.strip() == "0" and reset:
                if reset > self.reset_cap:
                    emit(EventKind.WAITING, detail=f"the provider's {kind} limit resets in {reset:g}s; waiting "
                         f"{self.reset_cap:g}s at most", seconds=self.reset_cap)  # fmt: skip
                    reset = self.reset_cap
                self._paused_until = max(self._paused_until, self._clock() + reset)

    def throttle(self, retry_after: float | None) -> None:
        """A 429: slow down, and pause everyone until Retry-After."""
        self.throttled += 1
        self.scale = max(_FLOOR, self.scale * 0.8)
        self._paused_until = max(self._paused_until, self._clock() + (retry_after if retry_after is not None else 1.0))


class LimitedModel:
    """A ChatModel whose every request (retries included) waits its turn at a shared RateLimiter."""

    def __init__(
        self,
        inner: ChatModel,
        limiter: RateLimiter,
        *,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.inner, self.limiter, self._sleep = inner, limiter, sleep
        self.policy = retry or RetryPolicy()

    @property
    def name(self) -> str:
        """The wrapped model's name."""
        return self.inner.name

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Send when the limiter allows; retry 429/5xx/timeouts as the policy says, each retry queueing again."""
        tokens = rough_tokens([m.content for m in request.messages]) + request.max_output_tokens

        async def once() -> ChatAnswer:
            await self.limiter.acquire(tokens)
            answer = await self.inner.complete(request)
            self.limiter.succeeded(answer.headers)
            return answer

        def throttled(error: ModelRequestError, wait: float) -> None:
            if error.status == 429:  # everyone pauses, not only this request
                self.limiter.throttle(wait)

        return await retry(self.policy, once, sleep=self._sleep, before_sleep=throttled)

    async def aclose(self) -> None:
        """Close the wrapped model."""
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()
