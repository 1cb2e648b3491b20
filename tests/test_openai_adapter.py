"""The OpenAI adapter against replayed HTTP responses (respx): request shape, retries, fallbacks, mapping."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from prp_agent.errors import ModelRequestError
from prp_agent.llm.protocol import ChatRequest, OutputMode
from tests.helpers import OK, REQUEST, SCHEMA, OpenAIChatModel, Sleeps, sdk
from tests.replay import Replayer, load

BASE = "https://api.openai.com/v1"


def make(sleep: Sleeps | None = None, **kwargs: Any) -> OpenAIChatModel:
    return OpenAIChatModel(model="gpt-5-mini", api_key="test-key", base_url=None, http_client=httpx.AsyncClient(),
                           sleep=sleep or Sleeps(), backoff=0.5, **kwargs)  # fmt: skip


def call(model: OpenAIChatModel, request: ChatRequest = REQUEST) -> Any:
    async def go() -> Any:
        try:
            return await model.complete(request)
        finally:
            await model.aclose()

    return asyncio.run(go())


@respx.mock(base_url=BASE, assert_all_called=True)
def test_request_uses_strict_json_schema_and_maps_usage(respx_mock: respx.Router) -> None:
    route = respx_mock.post("/chat/completions").mock(return_value=httpx.Response(200, json=OK))
    answer = call(make())
    body = json.loads(route.calls.last.request.content)
    assert body["response_format"] == {
        "type": "json_schema", "json_schema": {"name": "section_risk-areas", "schema": SCHEMA, "strict": True},
    }  # fmt: skip
    assert body["max_completion_tokens"] == 2048 and "max_tokens" not in body and "tools" not in body
    assert body["messages"] == [{"role": "system", "content": "sys"}, {"role": "user", "content": "draft it"}]
    assert route.calls.last.request.headers["authorization"] == "Bearer test-key"
    assert json.loads(answer.content) == {"risk_areas": ["a", "b"]}
    assert answer.mode is OutputMode.JSON_SCHEMA and answer.finish_reason == "stop"
    assert answer.usage.as_json() == {"requests": 1, "prompt_tokens": 1200, "completion_tokens": 40,
                                      "cached_tokens": 1024}  # fmt: skip


@respx.mock(base_url="http://127.0.0.1:11434/v1", assert_all_called=True)
def test_compatible_servers_get_max_tokens(respx_mock: respx.Router) -> None:
    route = respx_mock.post("/chat/completions").mock(return_value=httpx.Response(200, json=OK))
    model = OpenAIChatModel(model="llama3.1", api_key=None, base_url="http://127.0.0.1:11434/v1",
                            http_client=httpx.AsyncClient(), sleep=Sleeps())  # fmt: skip
    call(model)
    body = json.loads(route.calls.last.request.content)
    assert body["max_tokens"] == 2048 and "max_completion_tokens" not in body


@respx.mock(base_url=BASE, assert_all_called=True)
def test_429_is_retried_after_the_retry_after_header(respx_mock: respx.Router) -> None:
    replayer = Replayer(load("errors/429-rate-limit"))
    route = respx_mock.post("/chat/completions")
    answers: list[Callable[[httpx.Request], httpx.Response]] = [replayer, lambda request: httpx.Response(200, json=OK)]
    route.side_effect = lambda request: answers.pop(0)(request)
    sleeps = Sleeps()
    answer = call(make(sleeps))
    replayer.assert_all_played()
    assert route.call_count == 2
    assert sleeps.waits == [2.0]
    assert json.loads(answer.content)["risk_areas"] == ["a", "b"]


@respx.mock(base_url=BASE, assert_all_called=True)
def test_retry_after_ms_wins_and_waits_are_capped(respx_mock: respx.Router) -> None:
    route = respx_mock.post("/chat/completions")
    route.side_effect = [
        httpx.Response(429, headers={"retry-after-ms": "250", "retry-after": "1"}, json={"error": {"message": "x"}}),
        httpx.Response(503, headers={"retry-after": "3600"}, json={"error": {"message": "busy"}}),
        httpx.Response(200, json=OK),
    ]
    sleeps = Sleeps()
    call(make(sleeps))
    assert sleeps.waits == [0.25, 60.0]


@respx.mock(base_url=BASE, assert_all_called=True)
def test_500_exhausted_raises_after_one_owner_of_retries(respx_mock: respx.Router) -> None:
    replayer = Replayer(load(*["errors/500-server-error"] * 3))
    route = respx_mock.post("/chat/completions").mock(side_effect=replayer)
    sleeps = Sleeps()
    with pytest.raises(ModelRequestError, match="HTTP 500: The server had an error") as caught:
        call(make(sleeps, attempts=3))
    assert route.call_count == 3  # the SDK's own retries are off: exactly 3 attempts, not 3 x 3
    assert caught.value.retryable and caught.value.status == 500
    assert len(sleeps.waits) == 2 and 0.5 <= sleeps.waits[0] <= 0.75 and 1.0 <= sleeps.waits[1] <= 1.5


@respx.mock(base_url=BASE, assert_all_called=True)
def test_timeouts_are_retried(respx_mock: respx.Router) -> None:
    route = respx_mock.post("/chat/completions")
    route.side_effect = [httpx.ReadTimeout("slow"), httpx.Response(200, json=OK)]
    assert call(make()).content
    assert route.call_count == 2


@respx.mock(base_url=BASE, assert_all_called=True)
def test_400_on_json_schema_falls_back_to_tools_and_is_remembered(respx_mock: respx.Router) -> None:
    replayer = Replayer(load("errors/400-json-schema-unsupported", "errors/200-tool-call")
                        + load("errors/200-tool-call"))  # fmt: skip
    respx_mock.post("/chat/completions").mock(side_effect=replayer)
    model = make()

    async def twice() -> list[Any]:
        try:
            return [await model.complete(REQUEST), await model.complete(REQUEST)]
        finally:
            await model.aclose()

    first, second = asyncio.run(twice())
    replayer.assert_all_played()
    assert [r["mode"] for r in replayer.requests] == ["json_schema", "tools", "tools"]
    tools_body = replayer.requests[1]["body"]
    assert tools_body["tool_choice"] == {"type": "function", "function": {"name": "section_risk-areas"}}
    assert tools_body["tools"][0]["function"]["parameters"] == SCHEMA
    assert first.mode is OutputMode.TOOLS and model.mode is OutputMode.TOOLS
    assert json.loads(second.content)["confidence"] == 0.75


@respx.mock(base_url=BASE, assert_all_called=True)
def test_tools_rejected_too_falls_back_to_json_object_with_the_schema_in_the_prompt(
    respx_mock: respx.Router,
) -> None:
    route = respx_mock.post("/chat/completions")
    rejected = httpx.Response(400, json={"error": {"message": "unsupported parameter"}})
    route.side_effect = [rejected, rejected, httpx.Response(200, json=OK)]
    model = make()
    answer = call(model)
    body = json.loads(route.calls.last.request.content)
    assert body["response_format"] == {"type": "json_object"} and "tools" not in body
    assert body["messages"][-1] == {"role": "user", "content": REQUEST.schema_instruction}
    assert answer.mode is OutputMode.JSON_OBJECT and model.mode is OutputMode.JSON_OBJECT


@respx.mock(base_url=BASE, assert_all_called=True)
def test_context_length_400_is_a_failure_not_a_mode_problem(respx_mock: respx.Router) -> None:
    replayer = Replayer(load("errors/400-context-length"))
    route = respx_mock.post("/chat/completions").mock(side_effect=replayer)
    with pytest.raises(ModelRequestError, match="maximum context length") as caught:
        call(make())
    assert route.call_count == 1 and not caught.value.retryable


@respx.mock(base_url=BASE, assert_all_called=True)
def test_401_names_the_fix(respx_mock: respx.Router) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=Replayer(load("errors/401-invalid-key")))
    with pytest.raises(ModelRequestError, match=r"HTTP 401 from .*: Incorrect API key.*check OPENAI_API_KEY") as caught:
        call(make())
    assert caught.value.status == 401 and not caught.value.retryable and caught.value.fatal


@respx.mock(base_url=BASE, assert_all_called=True)
def test_refusal_and_length_are_reported_on_the_answer(respx_mock: respx.Router) -> None:
    replayer = Replayer(load("errors/200-refusal", "errors/200-length"))
    respx_mock.post("/chat/completions").mock(side_effect=replayer)
    model = make()

    async def both() -> list[Any]:
        try:
            return [await model.complete(REQUEST), await model.complete(REQUEST)]
        finally:
            await model.aclose()

    refusal, length = asyncio.run(both())
    assert refusal.refusal == "I'm sorry, I can't help with that request." and refusal.content is None
    assert length.finish_reason == "length" and length.usage.completion_tokens == 8192


def test_no_request_can_leave_the_process(blocked_connections: list[object]) -> None:
    """Without respx, the adapter's real HTTP client hits the socket guard: nothing reaches the network."""
    model = OpenAIChatModel(model="gpt-5-mini", api_key="test-key", base_url=None, attempts=1)
    with pytest.raises(ModelRequestError, match=r"cannot reach https://api\.openai\.com/v1"):
        call(model)
    assert blocked_connections, "the guard saw no connection attempt"


def test_sdk_default_transport_is_blocked_too(blocked_connections: list[object]) -> None:
    """The SDK's own HTTP stack (httpx2 in openai 3) is refused by the same guard."""
    client = sdk.OpenAI(api_key="test-key", max_retries=0)
    with pytest.raises(sdk.APIConnectionError):
        client.chat.completions.create(model="gpt-5-mini", messages=[{"role": "user", "content": "hi"}])
    assert blocked_connections
