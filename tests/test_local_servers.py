"""Servers people actually run: each way a structured-output mode is rejected, one negotiation per run remembered
per endpoint, a forced mode, what small models wrap JSON in, the endpoint gate (slots, Little's law, liveness,
priority), failing fast when no request can work, and hostile answers."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.errors import ModelRequestError
from prp_agent.llm import endpoint_cache as endpoints
from prp_agent.llm.extract import extract_json, wrapping
from prp_agent.llm.gate import EndpointGate, GaveUp, priority
from prp_agent.llm.protocol import ChatRequest, OutputMode
from tests.helpers import OK, REQUEST, OpenAIChatModel, Sleeps, completion

LOCAL = "http://127.0.0.1:8080/v1"

# Bodies real servers send when they reject a mode (written from their documented and reported shapes).
LLAMA_CPP_PYTHON_500 = {"error": {"message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                                             "'msg': \"Input should be 'text' or 'json_object'\"}]",
                                  "type": "internal_server_error"}}  # fmt: skip
FASTAPI_422 = {"detail": [{"type": "literal_error", "loc": ["body", "response_format", "type"],
                           "msg": "Input should be 'text' or 'json_object'", "input": "json_schema"}]}  # fmt: skip
LM_STUDIO_400 = {"error": "'response_format.type' must be 'json_schema' or 'text'"}
OLLAMA_TOOLS_400 = {"error": {"message": "qwen:4b does not support tools", "type": "api_error"}}


def local_model(**kwargs: Any) -> OpenAIChatModel:
    options: dict[str, Any] = {"model": "qwen", "api_key": None, "base_url": LOCAL, "sleep": Sleeps()}
    return OpenAIChatModel(**{**options, "http_client": httpx.AsyncClient(), **kwargs})


def tool_call(arguments: Any) -> dict[str, Any]:
    body = completion("")
    body["choices"][0]["message"] = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "section_risk-areas", "arguments": arguments}}
        ],
    }
    body["choices"][0]["finish_reason"] = "tool_calls"
    return body  # fmt: skip


def modes_of(route: respx.Route) -> list[str]:
    found = []
    for call in route.calls:
        body = json.loads(call.request.content)
        fmt = (body.get("response_format") or {}).get("type")
        found.append("tools" if body.get("tools") else str(fmt))
    return found


def run_all(model: OpenAIChatModel, requests: list[ChatRequest]) -> list[Any]:
    async def go() -> list[Any]:
        try:
            return await asyncio.gather(*(model.complete(r) for r in requests), return_exceptions=True)
        finally:
            await model.aclose()

    return asyncio.run(go())


def by_mode(rejected: dict[str, tuple[int, Any]]) -> Any:
    """A respx side effect that rejects the given modes and answers the others."""

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        mode = "tools" if body.get("tools") else (body.get("response_format") or {}).get("type", "text")
        if mode in rejected:
            status, payload = rejected[mode]
            return httpx.Response(status, json=payload)
        return httpx.Response(200, json=tool_call(json.dumps({"risk_areas": ["x"]})) if mode == "tools" else OK)

    return answer


# --- 1. every rejection shape falls back, once per run --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [(500, LLAMA_CPP_PYTHON_500), (422, FASTAPI_422), (400, LM_STUDIO_400)],
    ids=["500", "422", "400"],
)
def test_each_rejection_shape_falls_back_and_only_one_request_is_rejected(status: int, body: Any) -> None:
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode({"json_schema": (status, body)}))
        answers = run_all(local_model(), [REQUEST] * 25)
    assert all(not isinstance(a, Exception) and a.mode is OutputMode.TOOLS for a in answers)
    assert modes_of(route).count("json_schema") == 1 and modes_of(route).count("tools") == 25


def test_a_5xx_that_does_not_name_the_feature_is_retried_not_taken_for_a_rejection() -> None:
    replies = iter([httpx.Response(503, json={"error": {"message": "loading model"}}), httpx.Response(200, json=OK)])
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=lambda request: next(replies))
        answers = run_all(local_model(), [REQUEST])
    assert answers[0].mode is OutputMode.JSON_SCHEMA and modes_of(route) == ["json_schema", "json_schema"]


def test_tools_rejected_too_falls_back_to_json_mode_with_the_schema_in_the_prompt() -> None:
    rejected = {"json_schema": (400, LM_STUDIO_400), "tools": (400, OLLAMA_TOOLS_400)}
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode(rejected))
        answers = run_all(local_model(), [REQUEST] * 3)
    assert [a.mode for a in answers] == [OutputMode.JSON_OBJECT] * 3
    assert modes_of(route) == ["json_schema", "tools", "json_object", "json_object", "json_object"]
    last = json.loads(route.calls.last.request.content)
    assert "conforms to this JSON schema" in last["messages"][-1]["content"]


def test_the_mode_that_worked_is_remembered_for_the_next_run_and_forgotten_when_rejected() -> None:
    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(side_effect=by_mode({"json_schema": (500, LLAMA_CPP_PYTHON_500)}))
        run_all(local_model(), [REQUEST])
    assert endpoints.load_endpoint(LOCAL, "qwen").mode == "tools"
    assert endpoints.cache_path().is_file() and "test-key" not in endpoints.cache_path().read_text()
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode({}))
        run_all(local_model(), [REQUEST])
    assert modes_of(route) == ["tools"]  # the next run starts in the mode that worked
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode({"tools": (400, OLLAMA_TOOLS_400)}))
        answers = run_all(local_model(), [REQUEST])
    assert modes_of(route) == ["tools", "json_object"] and answers[0].mode is OutputMode.JSON_OBJECT
    assert endpoints.load_endpoint(LOCAL, "qwen").mode == "json_object"


def test_a_forced_mode_sends_only_that_mode_and_is_never_abandoned() -> None:
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode({}))
        run_all(local_model(mode="tools"), [REQUEST] * 4)
    assert modes_of(route) == ["tools"] * 4
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(side_effect=by_mode({"tools": (400, OLLAMA_TOOLS_400)}))
        answers = run_all(local_model(mode="tools"), [REQUEST])
    assert isinstance(answers[0], ModelRequestError) and "does not support tools" in answers[0].message
    assert modes_of(route) == ["tools"]


def test_the_mode_setting_is_checked() -> None:
    from prp_agent.config import load_settings
    from prp_agent.errors import InputError

    with pytest.raises(InputError, match="--mode must be one of auto, json_schema, tools, json_object"):
        load_settings(mode="grammar")


# --- what small models return ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ('```json\n{"a": [1, 2]}\n```', ["fence"]),
        ('<think>\nthe user wants {json}\n</think>\n\n{"a": [1, 2]}', ["think"]),
        ('Sure! Here it is: {"a": [1, 2]} Hope this helps.', ["prose"]),
        ('<think>plan</think>\n```\n{"a": [1, 2]}\n```', ["think", "fence"]),
        ('{"a": [1, 2]}', []),
    ],
)
def test_json_is_found_inside_what_local_models_wrap_it_in(text: str, wrapped: list[str]) -> None:
    assert json.loads(extract_json(text)) == {"a": [1, 2]} and wrapping(text) == wrapped


def test_tool_arguments_given_as_an_object_and_a_missing_finish_reason_are_read() -> None:
    body = tool_call({"risk_areas": ["x"]})
    body["choices"][0]["finish_reason"] = None
    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(200, json=body))
        answers = run_all(local_model(mode="tools"), [REQUEST])
    assert json.loads(answers[0].content) == {"risk_areas": ["x"]} and answers[0].finish_reason == "stop"


def test_a_draft_through_a_server_that_wraps_answers_and_writes_percentages_fills_its_sections() -> None:
    from tests.helpers import valid

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        schema = body["response_format"]["json_schema"]
        chat = ChatRequest((), schema["name"], schema["schema"], "")
        value = valid(chat)
        if "availability" in value:
            value["availability"] = "99.95%"
        return httpx.Response(200, json=completion(f"<think>ok</think>\n```json\n{json.dumps(value)}\n```"))

    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(side_effect=answer)
        result = draft_prp(DraftRequest("user management API", settings=Settings(base_url=LOCAL)),
                           model=local_model())  # fmt: skip
    assert all(s.status == "filled" for s in result.sections)
    sla = next(s for s in result.sections if s.id == "slas-performance-requirements")
    assert sla.values["availability"] == 99.95


def test_a_model_that_does_not_stop_is_bounded_by_each_answers_budget_not_the_global_maximum() -> None:
    """A runaway model generates until max_tokens: each request asks only for what its schema can hold, so the
    whole draft's generation (at 20 tokens/s, a small model on a CPU) stays far below what 8,192 a request costs."""
    from prp_agent.drafting.budgets import answer_budget
    from prp_agent.templates.compiler import load_template
    from prp_agent.templates.schemas import build_section_specs
    from tests.helpers import valid

    asked: list[int] = []

    def runaway(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        limit = int(body["max_tokens"])
        asked.append(limit)
        schema = body["response_format"]["json_schema"]
        text = json.dumps(valid(ChatRequest((), schema["name"], schema["schema"], "")))
        answer = completion((text + " and so on" * limit)[: limit * 4])
        answer["choices"][0]["finish_reason"] = "length"
        return httpx.Response(200, json=answer)

    settings = Settings(base_url=LOCAL, max_reasks=0)
    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(side_effect=runaway)
        result = draft_prp(DraftRequest("user management API", settings=settings), model=local_model())
    budgets = [answer_budget(settings, spec) for spec in build_section_specs(load_template("backend"))]
    assert max(asked) == max(budgets) < settings.max_output_tokens and asked[0] == answer_budget(settings)
    seconds_at_20_tps = sum(asked) / 20
    assert seconds_at_20_tps < 0.45 * len(asked) * settings.max_output_tokens / 20  # under half the old cost
    by_id = {spec.id: spec for spec in build_section_specs(load_template("backend"))}
    truncated = [s for s in result.sections if any(f.code.value == "truncated" for f in s.flags)]
    assert len(truncated) == len(asked) - 1  # every section that was asked (the brief is not a section)
    for section in truncated:
        message = next(f.message for f in section.flags if f.code.value == "truncated")
        assert str(answer_budget(settings, by_id[section.id])) in message


def test_the_users_maximum_stays_the_upper_bound_and_openai_reasoning_models_keep_it() -> None:
    from prp_agent.drafting.budgets import answer_budget
    from prp_agent.templates.compiler import load_template
    from prp_agent.templates.schemas import build_section_specs

    spec = next(s for s in build_section_specs(load_template("backend")) if s.id == "data-models-entities")
    assert answer_budget(Settings(base_url=LOCAL, max_output_tokens=1024), spec) == 1024
    assert answer_budget(Settings(model="gpt-5-mini"), spec) == 8192  # hidden reasoning tokens need room
    assert 1024 < answer_budget(Settings(base_url=LOCAL), spec) < 8192


# --- 2. the endpoint gate -------------------------------------------------------------------------------------------


class FakeServer:
    """Requests queue for `slots`; each takes `work` seconds once it has a slot."""

    def __init__(self, slots: int, work: float) -> None:
        self.slots = asyncio.Semaphore(slots)
        self.work = work
        self.in_server = 0
        self.peak = 0

    async def __call__(self) -> str:
        self.in_server += 1
        self.peak = max(self.peak, self.in_server)
        try:
            async with self.slots:
                await asyncio.sleep(self.work)
        finally:
            self.in_server -= 1
        return "ok"


def test_the_gate_learns_how_many_a_one_slot_server_serves_and_stops_queueing_there() -> None:
    async def go() -> tuple[EndpointGate, FakeServer, float]:
        server = FakeServer(slots=1, work=0.02)
        gate = EndpointGate(ceiling=16, timeout=5.0, adaptive=True)
        started = time.monotonic()
        await asyncio.gather(*(gate.run(server) for _ in range(16)))  # the first wave: sent before anything is known
        first_peak = server.peak
        server.peak = 0
        await asyncio.gather(*(gate.run(server) for _ in range(40)))
        assert first_peak == 16
        return gate, server, time.monotonic() - started

    gate, server, wall = asyncio.run(go())
    assert gate.limit <= 3 and server.peak <= 3  # learnt: a handful in the server, not 40
    assert wall < 56 * 0.02 * 1.6  # and still about as fast as the server can go


def test_the_gate_keeps_a_parallel_server_busy() -> None:
    async def go() -> tuple[EndpointGate, FakeServer]:
        server = FakeServer(slots=64, work=0.02)
        gate = EndpointGate(ceiling=16, timeout=5.0, adaptive=True)
        await asyncio.gather(*(gate.run(server) for _ in range(64)))
        return gate, server

    gate, server = asyncio.run(go())
    assert gate.limit == 16 and server.peak == 16


def test_slots_the_server_tells_are_the_limit() -> None:
    async def go() -> FakeServer:
        server = FakeServer(slots=4, work=0.01)
        gate = EndpointGate(ceiling=32, timeout=5.0, adaptive=True, slots=4)
        await asyncio.gather(*(gate.run(server) for _ in range(20)))
        return server

    assert asyncio.run(go()).peak == 4


def test_a_queued_request_is_not_given_up_while_the_server_keeps_finishing_others() -> None:
    async def go() -> tuple[list[str], EndpointGate]:
        server = FakeServer(slots=1, work=0.03)
        gate = EndpointGate(ceiling=10, timeout=0.1, adaptive=False)  # 10 queued × 0.03 s > the 0.1 s timeout
        return list(await asyncio.gather(*(gate.run(server) for _ in range(10)))), gate

    results, gate = asyncio.run(go())
    assert results == ["ok"] * 10 and gate.gave_up == 0


def test_a_silent_server_is_given_up_after_timeout_and_the_limit_drops() -> None:
    async def stuck() -> str:
        await asyncio.sleep(30)
        return "never"

    async def go() -> tuple[list[Any], EndpointGate, float]:
        gate = EndpointGate(ceiling=8, timeout=0.1, adaptive=True)
        started = time.monotonic()
        results = await asyncio.gather(*(gate.run(stuck) for _ in range(4)), return_exceptions=True)
        return results, gate, time.monotonic() - started

    results, gate, wall = asyncio.run(go())
    assert all(isinstance(r, GaveUp) and r.liveness for r in results) and wall < 1.0
    assert gate.gave_up == 4 and gate.limit < 8


def test_a_request_past_its_hard_cap_is_given_up_even_while_others_finish() -> None:
    async def slow() -> str:
        await asyncio.sleep(5)
        return "late"

    async def quick() -> str:
        await asyncio.sleep(0.01)
        return "ok"

    async def go() -> Any:
        gate = EndpointGate(ceiling=8, timeout=0.05, adaptive=False, cap_factor=4)
        slow_one = asyncio.ensure_future(gate.run(slow))
        for _ in range(40):
            await gate.run(quick)  # the endpoint stays alive
        return await asyncio.gather(slow_one, return_exceptions=True)

    (result,) = asyncio.run(go())
    assert isinstance(result, GaveUp) and not result.liveness and "hard cap" in str(result)


def test_free_places_go_to_the_most_urgent_request_first() -> None:
    order: list[int] = []

    async def go() -> None:
        gate = EndpointGate(ceiling=1, timeout=5.0, adaptive=False)

        async def one(rank: int) -> None:
            with priority(rank):
                await gate.run(lambda: _note(order, rank))

        await asyncio.gather(*(one(rank) for rank in (5, 3, 4, 1, 2, 0)))

    asyncio.run(go())
    assert order[0] == 5 and order[1:] == [0, 1, 2, 3, 4]  # the first went in at once; the rest by priority


async def _note(order: list[int], rank: int) -> None:
    await asyncio.sleep(0.001)
    order.append(rank)


# --- 3. fail fast, say why ------------------------------------------------------------------------------------------


def test_a_closed_port_fails_the_draft_at_once_with_nothing_written(prp: Any) -> None:
    started = time.monotonic()
    with respx.mock(base_url="http://127.0.0.1:9/v1") as router:
        route = router.post("/chat/completions").mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
        code, out, err = prp("draft", "user management API", "--base-url", "http://127.0.0.1:9/v1")
    assert code == 1 and out == "" and err.count("\n") == 1 and time.monotonic() - started < 5
    assert "cannot reach http://127.0.0.1:9/v1" in err and "check --base-url" in err
    assert route.call_count == 1 and not Path("PRPs").exists()


@pytest.mark.parametrize(
    ("status", "fix"), [(401, "OPENAI_API_KEY"), (403, "OPENAI_API_KEY"), (404, "--model and --base-url")]
)
def test_a_rejected_key_or_unknown_model_stops_at_the_brief(prp: Any, status: int, fix: str) -> None:
    with respx.mock(base_url=LOCAL) as router:
        route = router.post("/chat/completions").mock(
            return_value=httpx.Response(status, json={"error": {"message": "no such thing"}})
        )
        code, _, err = prp("draft", "user management API", "--base-url", LOCAL)
    assert code == 1 and fix in err and route.call_count == 1 and not Path("PRPs").exists()


def test_a_web_page_instead_of_the_api_says_which_url_to_use(prp: Any) -> None:
    page = httpx.Response(200, text="<!doctype html><html>Welcome</html>", headers={"content-type": "text/html"})
    with respx.mock(base_url="http://127.0.0.1:8080") as router:
        route = router.post("/chat/completions").mock(return_value=page)
        code, _, err = prp("draft", "user management API", "--base-url", "http://127.0.0.1:8080")
    assert code == 1 and err.count("\n") == 1 and "answered with text/html" in err and "ends in /v1" in err
    assert route.call_count == 1


def test_failures_after_one_attempt_say_attempt() -> None:
    from prp_agent.drafting.flags import request_failed

    assert request_failed("boom", attempts=1).message == "request failed after 1 attempt: boom"
    assert request_failed("boom", attempts=3).message == "request failed after 3 attempts: boom"


# --- hostile answers ------------------------------------------------------------------------------------------------


def test_an_answer_larger_than_the_cap_is_cut_off_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from prp_agent.llm import transport

    monkeypatch.setattr(transport, "MAX_ANSWER_BYTES", 50_000)
    huge = completion("x" * 200_000)
    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(200, json=huge))
        model = local_model(attempts=1, http_client=transport.build_http_client(10, 4))
        answers = run_all(model, [REQUEST])
    assert isinstance(answers[0], ModelRequestError) and "the answer passed 0.05 MB" in answers[0].message


def test_a_gzip_bomb_is_stopped_by_its_decoded_size_in_bounded_memory() -> None:
    import resource
    import zlib

    from prp_agent.llm import transport

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip, built a megabyte at a time
    block = b"a" * 1_000_000
    bomb = packer.compress(b'{"choices": [{"message": {"content": "')
    bomb += b"".join(packer.compress(block) for _ in range(300)) + packer.flush()
    assert len(bomb) < 400_000  # 300 MB decoded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def serve(request: httpx.Request) -> httpx.Response:
        headers = {"content-encoding": "gzip", "content-type": "application/json"}
        return httpx.Response(200, stream=httpx.ByteStream(bomb), headers=headers)  # content= would decode it here

    capped = transport._CappedTransport(httpx.MockTransport(serve), transport.MAX_ANSWER_BYTES)  # the real cap
    model = local_model(attempts=1, http_client=httpx.AsyncClient(transport=capped))
    answers = run_all(model, [REQUEST])
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert isinstance(answers[0], ModelRequestError) and "stopped reading it" in answers[0].message
    assert grown_mb < 100


def test_a_compressed_answer_of_ordinary_size_is_read() -> None:
    import gzip

    from prp_agent.llm import transport

    body = gzip.compress(json.dumps(OK).encode())
    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(
            return_value=httpx.Response(200, content=body, headers={"content-encoding": "gzip",
                                                                     "content-type": "application/json"})
        )  # fmt: skip
        model = local_model(attempts=1, http_client=transport.build_http_client(10, 4))
        (answer,) = run_all(model, [REQUEST])
    assert json.loads(answer.content) == {"risk_areas": ["a", "b"]}


# --- 4. doctor ------------------------------------------------------------------------------------------------------


def _doctor_server(router: respx.MockRouter, rejected: dict[str, tuple[int, Any]]) -> None:
    router.get("/v1/models").mock(return_value=httpx.Response(200, json={"data": [{"id": "qwen"}]}))
    router.get("/props").mock(
        return_value=httpx.Response(200, json={"total_slots": 2, "default_generation_settings": {"n_ctx": 4096}})
    )
    wrapped = '<think>fine</think>\n{"ok": true, "feature": "user management API"}'

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        mode = "tools" if body.get("tools") else (body.get("response_format") or {}).get("type", "text")
        if mode in rejected:
            status, payload = rejected[mode]
            return httpx.Response(status, json=payload)
        if mode == "tools":
            call = tool_call(json.dumps({"ok": True, "feature": "x"}))
            call["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = "doctor_probe"
            return httpx.Response(200, json=call)
        return httpx.Response(200, json=completion(wrapped))

    router.post("/v1/chat/completions").mock(side_effect=answer)


def test_doctor_reports_json_schema_unusable_tools_usable_and_the_mode_drafts_will_use(
    prp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-printed-0000")
    with respx.mock(base_url="http://127.0.0.1:8080") as router:
        _doctor_server(router, {"json_schema": (500, LLAMA_CPP_PYTHON_500)})
        code, out, err = prp("doctor", "--base-url", LOCAL, "--model", "qwen", "--json")
    report = json.loads(out)
    assert code == 0 and report["reachable"] and report["key_accepted"] and report["model_listed"]
    assert report["modes"]["json_schema"]["ok"] is False and "HTTP 500" in report["modes"]["json_schema"]["detail"]
    assert report["modes"]["tools"]["ok"] and report["modes"]["json_object"]["ok"]
    assert report["chosen_mode"] == "tools" and report["slots"] == 2 and report["context"] == 4096
    assert set(report) >= {"base_url", "model", "reachable", "modes", "chosen_mode", "slots", "latency_s",
                           "recommendations"}  # fmt: skip
    assert "sk-never-printed" not in out + err
    assert endpoints.load_endpoint(LOCAL, "qwen").mode == "tools"  # the next draft starts there
    assert report["tokens_per_s"] > 0 and report["stops"] is True  # 40 completion tokens over the answer's latency
    speed = next(r for r in report["recommendations"] if "tokens/s" in r)
    assert "--concurrency 2" in speed and "--deadline" in speed


def test_doctor_exits_1_when_no_mode_works_and_says_why(prp: Any) -> None:
    rejected = {"json_schema": (400, LM_STUDIO_400), "tools": (400, OLLAMA_TOOLS_400),
                "json_object": (400, LM_STUDIO_400)}  # fmt: skip
    with respx.mock(base_url="http://127.0.0.1:8080") as router:
        _doctor_server(router, rejected)
        code, out, _ = prp("doctor", "--base-url", LOCAL, "--model", "qwen")
    assert code == 1 and "drafts will use: nothing works" in out and "try another model" in out


def test_doctor_on_a_closed_port(prp: Any) -> None:
    with respx.mock(base_url="http://127.0.0.1:9") as router:
        router.get("/v1/models").mock(side_effect=httpx.ConnectError("Connection refused"))
        code, out, _ = prp("doctor", "--base-url", "http://127.0.0.1:9/v1", "--json")
    report = json.loads(out)
    assert code == 1 and report["reachable"] is False and report["chosen_mode"] is None
    assert "start the server" in report["recommendations"][0]


class _Drip(httpx.AsyncByteStream):
    """Headers at once, then one byte every `every` seconds, for ever: a server that never finishes."""

    def __init__(self, every: float) -> None:
        self.every = every

    async def __aiter__(self) -> Any:
        yield b'{"id": "x", "choices": ['
        while True:
            await asyncio.sleep(self.every)
            yield b" "


def test_a_server_that_drips_one_byte_at_a_time_is_given_up_at_the_timeout() -> None:
    with respx.mock(base_url=LOCAL) as router:
        dripping = httpx.Response(200, headers={"content-type": "application/json"}, stream=_Drip(0.05))
        router.post("/chat/completions").mock(return_value=dripping)
        model = local_model(timeout=0.3, attempts=1, mode="json_schema")
        started = time.monotonic()
        answers = run_all(model, [REQUEST])
    assert time.monotonic() - started < 2.0
    assert isinstance(answers[0], ModelRequestError) and "finished no request for 0.3s" in answers[0].message


def test_doctor_against_a_server_that_needs_no_key_says_no_key_was_sent(
    prp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with respx.mock(base_url="http://127.0.0.1:8080", assert_all_called=False) as router:
        _doctor_server(router, {})
        code, out, _ = prp("doctor", "--base-url", LOCAL, "--model", "qwen")
    assert code == 0 and "no key sent" in out and "key accepted" not in out


class _SlowSections:
    """A model that answers at once, except for the sections named, which it never finishes."""

    def __init__(self, slow: set[str]) -> None:
        from tests.helpers import valid

        self.slow, self.valid, self.name = slow, valid, "slow-model"

    async def complete(self, request: ChatRequest) -> Any:
        from prp_agent.llm.protocol import ChatAnswer, Usage

        if request.schema_name in self.slow:
            await asyncio.sleep(3600)
        return ChatAnswer(content=json.dumps(self.valid(request)), mode=OutputMode.JSON_SCHEMA, usage=Usage())


def test_the_deadline_keeps_the_finished_sections_and_flags_the_rest(tmp_path: Path) -> None:
    slow = {"section_risk-areas", "section_code-structure"}
    started = time.monotonic()
    settings = Settings(api_key="k", deadline=1)
    request = DraftRequest("user management API", output=str(tmp_path / "d.md"), settings=settings)
    result = draft_prp(request, model=_SlowSections(slow))
    assert time.monotonic() - started < 10
    cut = {s.id for s in result.sections if any("deadline" in f.message for f in s.flags)}
    assert cut == {"risk-areas", "code-structure"}
    assert all(s.values for s in result.sections if s.id not in cut)
    assert result.incomplete and "2 of" in result.incomplete
    assert (tmp_path / "d.md").exists()  # what was finished is written


def test_a_draft_whose_every_section_missed_the_deadline_fails_with_one_line() -> None:
    from prp_agent.errors import DraftFailedError, DraftIncompleteError
    from prp_agent.templates.compiler import load_template
    from prp_agent.templates.schemas import build_section_specs

    everything = {f"section_{s.id}" for s in build_section_specs(load_template("backend"))} | {"brief"}
    with pytest.raises(DraftFailedError, match="deadline"):
        draft_prp(DraftRequest("user management API", settings=Settings(api_key="k", deadline=0.5)),
                  model=_SlowSections(everything))  # fmt: skip
    assert DraftIncompleteError("x").exit_code == 3


def test_after_one_request_cut_at_its_cap_the_next_ones_are_not_retried_and_the_user_is_told() -> None:
    from prp_agent.events import Event, EventKind, listening

    heard: list[Event] = []
    model = local_model()
    with listening(heard.append):
        first, second, third = model._cut_at_cap(), model._cut_at_cap(), model._cut_at_cap()
    asyncio.run(model.aclose())
    assert (first, second, third) == (True, False, False)
    slow = [e for e in heard if e.kind is EventKind.SLOW]
    assert len(slow) == 1 and "no longer retried" in slow[0].detail


class _DripBody(httpx.AsyncByteStream):
    """A body sent one byte every `every` seconds: a connection kept alive by a server that does not answer."""

    def __init__(self, body: bytes, every: float) -> None:
        self.body, self.every = body, every

    async def __aiter__(self) -> Any:
        for i in range(len(self.body)):
            await asyncio.sleep(self.every)
            yield self.body[i : i + 1]


def test_a_dripping_props_or_models_answer_is_given_up_within_its_cap() -> None:
    from prp_agent.llm.probe import describe_endpoint, probe_props

    props = json.dumps({"total_slots": 2, "default_generation_settings": {"n_ctx": 4096}}).encode()
    models = json.dumps({"data": [{"id": "qwen"}]}).encode()

    async def go() -> tuple[Any, Any]:
        async with httpx.AsyncClient() as http:
            return await probe_props(http, LOCAL, cap=1.0), await describe_endpoint(http, LOCAL, None, "qwen", cap=1.0)

    with respx.mock(base_url="http://127.0.0.1:8080") as router:
        router.get("/props").mock(return_value=httpx.Response(200, stream=_DripBody(props, 0.5)))
        router.get("/v1/models").mock(return_value=httpx.Response(200, stream=_DripBody(models, 0.5)))
        started = time.monotonic()
        slots, found = asyncio.run(go())
    assert time.monotonic() - started < 6  # two caps of 1 s, not 30 s and more a probe
    assert slots == (None, None) and found["reachable"] is False and "did not answer within 1s" in found["detail"]


def test_only_the_first_request_waits_for_the_mode_a_server_failing_for_other_reasons_does_not_serialise_them() -> None:
    in_flight, peak = 0, 0

    async def failing(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.2)
        in_flight -= 1
        return httpx.Response(500, json={"error": {"message": "upstream overloaded", "type": "server_error"}})

    with respx.mock(base_url=LOCAL) as router:
        router.post("/chat/completions").mock(side_effect=failing)
        model = local_model(attempts=1, concurrency=16)
        started = time.monotonic()
        answers = run_all(model, [REQUEST] * 10)
    assert all(isinstance(a, ModelRequestError) for a in answers)
    assert peak > 1 and time.monotonic() - started < 1.5  # one at a time would take 10 × 0.2 s


def test_the_answer_budget_fits_the_context_the_server_tells() -> None:
    from prp_agent.llm.protocol import ChatMessage

    sent: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(int(json.loads(request.content)["max_tokens"]))
        return httpx.Response(200, json=OK)

    big = ChatRequest((ChatMessage("user", "x" * 40_000),), "section_risk-areas", REQUEST.schema, "",
                      max_output_tokens=4096)  # fmt: skip  # about 10,000 prompt tokens
    with respx.mock(base_url="http://127.0.0.1:8080") as router:
        router.get("/props").mock(
            return_value=httpx.Response(200, json={"total_slots": 1, "default_generation_settings": {"n_ctx": 8192}})
        )
        router.post("/v1/chat/completions").mock(side_effect=answer)
        small = dataclasses.replace(REQUEST, max_output_tokens=4096)
        answers = run_all(local_model(attempts=1, mode="json_schema"), [small, big])
    assert sent and sent[0] <= 4096 and sent[0] + len("sys draft it") // 4 <= 8192
    assert isinstance(answers[1], ModelRequestError) and "8192-token context" in answers[1].message


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress"])
def test_an_answer_in_an_encoding_not_asked_for_is_refused_unread(encoding: str) -> None:
    from prp_agent.llm import transport

    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(request.headers.get("accept-encoding", ""))
        headers = {"content-encoding": encoding, "content-type": "application/json"}
        return httpx.Response(200, stream=httpx.ByteStream(b"\x00" * 64), headers=headers)

    capped = transport._CappedTransport(httpx.MockTransport(serve), transport.MAX_ANSWER_BYTES)
    model = local_model(attempts=1, http_client=httpx.AsyncClient(transport=capped))
    answers = run_all(model, [REQUEST])
    assert asked and set(asked) == {"gzip, deflate"}  # only what is decoded under the cap is asked for
    assert isinstance(answers[0], ModelRequestError) and f"'{encoding}' compression" in answers[0].message
