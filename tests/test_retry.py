"""One retry policy: a draft's adapter and a batch's rate-limited wrapper back off and honour Retry-After alike."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import respx

from prp_agent.config import Settings
from prp_agent.errors import ModelRequestError
from prp_agent.llm.limiter import LimitedModel, RateLimiter
from prp_agent.llm.protocol import ChatAnswer, ChatMessage, ChatRequest, ScriptedModel
from prp_agent.llm.retry import RETRY_AFTER_CAP, RetryPolicy
from tests.helpers import OpenAIChatModel

BASE = "https://api.openai.com/v1"
REQUEST = ChatRequest((ChatMessage("user", "draft it"),), "s", {"type": "object"}, "", 256)
POLICY = RetryPolicy(attempts=4, base=1.0, cap=30.0, jitter=0.0)
OK = {
    "id": "c", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": '{"ok": true}'}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}  # fmt: skip
# the failures both loops meet, in order: a 500, a 503, a 429 asking for two hours
FAILURES = [(500, None), (503, None), (429, "7200")]


class Sleeps:
    """Records the waits asked for and advances a fake clock instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 0.0

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def _draft_waits() -> list[float]:
    sleeps = Sleeps()
    responses = [
        httpx.Response(status, json={"error": {"message": "busy"}}, headers={"retry-after": after} if after else {})
        for status, after in FAILURES
    ] + [httpx.Response(200, json=OK)]
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=responses)
        model = OpenAIChatModel(model="m", api_key="k", base_url=None, http_client=httpx.AsyncClient(),
                                retry=POLICY, sleep=sleeps)  # fmt: skip

        async def go() -> ChatAnswer:
            try:
                return await model.complete(REQUEST)
            finally:
                await model.aclose()

        assert json.loads(asyncio.run(go()).content or "") == {"ok": True}
    return sleeps.waits


def _batch_waits() -> list[float]:
    sleeps = Sleeps()

    def reply(request: ChatRequest, n: int) -> Any:
        if n <= len(FAILURES):
            status, after = FAILURES[n - 1]
            return ModelRequestError(f"HTTP {status}", status=status, retryable=True,
                                     retry_after=float(after) if after else None)  # fmt: skip
        return ChatAnswer('{"ok": true}')

    pacing = Sleeps()
    limiter = RateLimiter(None, None, clock=sleeps.clock, sleep=pacing)
    model = LimitedModel(ScriptedModel(reply), limiter, retry=POLICY, sleep=sleeps)
    assert json.loads(asyncio.run(model.complete(REQUEST)).content or "") == {"ok": True}
    # the 429 paused every request at the limiter; the retry loop slept that pause, so nobody waited twice
    assert limiter.throttled == 1 and pacing.waits == []
    return sleeps.waits


def test_draft_and_batch_back_off_and_cap_retry_after_alike() -> None:
    expected = [1.0, 2.0, RETRY_AFTER_CAP]
    assert _draft_waits() == expected
    assert _batch_waits() == expected


def test_back_off_grows_to_its_cap_with_bounded_jitter() -> None:
    policy = RetryPolicy(attempts=10, base=1.0, cap=30.0, jitter=0.5)
    assert [policy.delay(n, None, rand=lambda: 0.0) for n in range(1, 7)] == [1, 2, 4, 8, 16, 30]
    assert policy.delay(3, None, rand=lambda: 1.0) == pytest.approx(6.0)
    assert policy.delay(1, 7200.0) == RETRY_AFTER_CAP
    assert policy.delay(1, 2.5) == 2.5


def test_settings_decide_the_attempts() -> None:
    assert RetryPolicy.from_settings(Settings(retries=0)).attempts == 1
    assert RetryPolicy.from_settings(Settings(retries=4)).attempts == 5


def test_a_reset_header_of_hours_is_capped() -> None:
    now = [0.0]
    limiter = RateLimiter(60, None, clock=lambda: now[0])
    limiter.succeeded({"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "100h"})
    assert limiter._paused_until == RETRY_AFTER_CAP
