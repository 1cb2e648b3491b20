"""How many requests go to one endpoint at once, in which order, and when a waiting request is given up.

Local servers (llama.cpp, Ollama, LM Studio) serve one or a few requests at a time and queue the rest, so a request
waiting in the server's queue has not failed. The gate therefore:

- keeps at most `limit` requests in flight. For OpenAI and Azure the limit is `--concurrency`. For other servers
  it is the number of slots the server tells (llama.cpp's `/props`), or else it starts at `--concurrency` and
  follows what it observes: when answers take much longer than the fastest one seen (they queued), the limit drops
  to the concurrency the server really serves, estimated by Little's law (completions per second × the shortest
  latency); while answers come back at that speed it climbs again by one per round trip (the idea behind TCP
  congestion control and Netflix's concurrency-limits);
- gives a request up only when the endpoint has finished nothing for `timeout` seconds (its liveness), or after a
  hard cap of `cap_factor × timeout` for the request itself; a give-up halves the limit, so its retry does not
  rejoin the queue it timed out in;
- hands out free places by priority, then arrival: a batch gives each issue its index, so drafts finish one after
  another instead of all progressing at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import TypeVar

from prp_agent.events import EventKind, emit

__all__ = ["EndpointGate", "GaveUp", "current_priority", "priority"]

T = TypeVar("T")
_PRIORITY: ContextVar[int] = ContextVar("prp_agent_priority", default=0)
_QUEUED = 2.0  # an answer this many times slower than the fastest one seen waited in a queue
_CLEAR = 1.4  # an answer within this factor of the fastest one did not


@contextlib.contextmanager
def priority(value: int) -> Iterator[None]:
    """Requests started in this context (and its tasks) go before those with a higher value."""
    token = _PRIORITY.set(value)
    try:
        yield
    finally:
        _PRIORITY.reset(token)


def current_priority() -> int:
    """The priority of requests started now (lower goes first)."""
    return _PRIORITY.get()


class GaveUp(Exception):
    """A request was given up: the endpoint finished nothing for too long, or the request passed its hard cap."""

    def __init__(self, message: str, *, liveness: bool) -> None:
        super().__init__(message)
        self.liveness = liveness


class EndpointGate:
    """The requests in flight to one endpoint: how many, in which order, and how long they may wait."""

    def __init__(
        self,
        *,
        ceiling: int,
        timeout: float,
        adaptive: bool,
        slots: int | None = None,
        cap_factor: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ceiling = max(1, ceiling)
        self.timeout = timeout
        self.cap = cap_factor * timeout
        self.adaptive = adaptive and slots is None
        self.limit = float(min(self.ceiling, slots) if slots else self.ceiling)
        self.slots = slots
        self.in_flight = 0
        self.peak = 0
        self.gave_up = 0
        self.min_latency: float | None = None
        self._clock = clock
        self._done: deque[float] = deque(maxlen=32)
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._progress = clock()

    # --- admission ---------------------------------------------------------------------------------------------

    async def _acquire(self) -> None:
        if self.in_flight < self._allowed() and not self._waiting:
            self._enter()
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (current_priority(), next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # we were let in just as we were cancelled: give the place back
            raise

    def _allowed(self) -> int:
        return max(1, math.floor(self.limit))

    def _enter(self) -> None:
        if self.in_flight == 0:
            self._progress = self._clock()  # the endpoint's silence is counted from when it had work
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)

    def _release(self) -> None:
        self.in_flight -= 1
        self._admit()

    def _admit(self) -> None:
        while self._waiting and self.in_flight < self._allowed():
            _, _, future = heapq.heappop(self._waiting)
            if future.done():
                continue
            self._enter()
            future.set_result(None)

    # --- running -----------------------------------------------------------------------------------------------

    async def run(self, send: Callable[[], Awaitable[T]]) -> T:
        """Send when a place is free; watch the endpoint's liveness while the answer is awaited."""
        await self._acquire()
        started = self._clock()
        task = asyncio.ensure_future(send())
        try:
            result = await self._watch(task, started)
        except BaseException as exc:
            if isinstance(exc, GaveUp):
                self._gave_up()
            elif not task.done():
                task.cancel()
            self._release()
            raise
        self._finished(self._clock() - started)
        self._release()
        return result

    async def _watch(self, task: asyncio.Future[T], started: float) -> T:
        while True:
            now = self._clock()
            silent_since = max(self._progress, started)
            deadline = min(silent_since + self.timeout, started + self.cap)
            if now >= deadline:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
                if now >= started + self.cap:
                    raise GaveUp(f"no answer after {self.cap:g}s (the hard cap: 10 × --timeout)", liveness=False)
                raise GaveUp(
                    f"the server finished no request for {self.timeout:g}s (--timeout); it may be stuck or down",
                    liveness=True,
                )
            done, _ = await asyncio.wait({task}, timeout=deadline - now)
            if done:
                self._progress = max(self._progress, self._clock())
                return task.result()

    # --- learning ----------------------------------------------------------------------------------------------

    def _finished(self, latency: float) -> None:
        now = self._clock()
        self._done.append(now)
        if self.min_latency is None or latency < self.min_latency:
            self.min_latency = latency
        if not self.adaptive or self.min_latency <= 0:
            return
        if latency > _QUEUED * self.min_latency:
            served = self._served()
            if served is not None and served + 1 < self.limit:
                self.limit = max(1.0, served + 1)
                emit(EventKind.WAITING, detail=f"the server serves about {served:.0f} at once", seconds=0.0)
        elif latency <= _CLEAR * self.min_latency and self.in_flight + 1 >= self._allowed():
            self.limit = min(float(self.ceiling), self.limit + 1 / self.limit)
        self._admit()

    def _served(self) -> float | None:
        """Little's law: requests in service = completions per second × the shortest latency seen."""
        if len(self._done) < 3 or self.min_latency is None:
            return None
        span = self._done[-1] - self._done[0]
        if span <= 0:
            return None
        return max(1.0, (len(self._done) - 1) / span * self.min_latency)

    def _gave_up(self) -> None:
        self.gave_up += 1
        if self.adaptive or self.slots:
            self.limit = max(1.0, self.limit / 2)
