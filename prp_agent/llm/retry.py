"""The one retry policy: how often a failed request is tried again, how long to wait, and how far a server's
`Retry-After` is believed.

Every retry loop in prp-agent (the OpenAI adapter for a draft, refine or doctor; the rate-limited wrapper of a batch)
is this policy run on tenacity, so a change to back-off or to the Retry-After cap reaches every loop at once. The
SDK's own retries stay off: one retry owner per layer.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from prp_agent.config import Settings
from prp_agent.errors import ModelRequestError
from prp_agent.events import EventKind, emit

__all__ = ["RETRY_AFTER_CAP", "RetryPolicy", "retry"]

RETRY_AFTER_CAP = 60.0  # a server asking for a longer pause is waited on this long, and the user is told

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts, exponential back-off (`base`·2ⁿ up to `cap`, plus up to `jitter` of it at random) and the cap on a
    server-requested pause."""

    attempts: int = 3
    base: float = 1.0
    cap: float = 30.0
    jitter: float = 0.5
    retry_after_cap: float = RETRY_AFTER_CAP

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        """The policy the settings ask for (`--retries` retries after the first attempt)."""
        return cls(attempts=settings.retries + 1)

    def delay(self, attempt: int, retry_after: float | None, *, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based), honouring a capped Retry-After."""
        if retry_after is not None:
            return max(0.0, min(retry_after, self.retry_after_cap))
        base = min(self.base * 2 ** (attempt - 1), self.cap)
        return float(base + base * self.jitter * rand())

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        error = exc if isinstance(exc, ModelRequestError) else None
        asked = error.retry_after if error is not None else None
        wait = self.delay(state.attempt_number, asked)
        detail = error.message if error is not None else ""
        if asked is not None and asked > self.retry_after_cap:
            detail += f" (the server asked for {asked:g}s; waiting {self.retry_after_cap:g}s at most)"
        emit(EventKind.RETRY, detail=detail, seconds=wait)
        return wait


async def retry(
    policy: RetryPolicy,
    call: Callable[[], Awaitable[T]],
    *,
    sleep: Sleep = asyncio.sleep,
    before_sleep: Callable[[ModelRequestError, float], None] | None = None,
) -> T:
    """Run `call`, trying again on retryable `ModelRequestError`s as the policy says; the last error is raised."""

    def notify(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        if before_sleep is not None and isinstance(exc, ModelRequestError):
            before_sleep(exc, state.upcoming_sleep)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(max(1, policy.attempts)),
        wait=policy._wait,
        sleep=sleep,
        retry=retry_if_exception(lambda exc: isinstance(exc, ModelRequestError) and exc.retryable),
        before_sleep=notify,
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            return await call()
    raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover
