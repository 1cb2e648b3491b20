"""The call log: every request and answer of a run, readable with `prp-agent logs`, bounded, safe under concurrent
writers, off with --no-log, and never holding the key."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import respx

from prp_agent.llm.calllog import CallLog, LoggedModel, Run, log_path, recording
from prp_agent.llm.protocol import ChatMessage, ChatRequest, ScriptedModel
from tests.replay import Replayer, load


def test_a_draft_is_one_run_with_all_of_its_requests_and_their_messages(prp: Any, llm_env: None) -> None:
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("draft", "user management API")
    assert code == 0, err
    code, out, _ = prp("logs", "-n", "1", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["runs"]) == 1
    run = data["runs"][0]
    assert run["command"].startswith("prp-agent draft") and run["model"] == "gpt-5-mini"
    assert len(run["calls"]) == 26 and all(c["status"] == "ok" for c in run["calls"])
    brief = run["calls"][0]
    assert brief["tag"] == "brief" and brief["prompt_id"].startswith("brief_request@")
    assert brief["messages"][0]["role"] == "system" and "user management API" in brief["messages"][-2]["content"]
    assert brief["answer"] and brief["usage"]["prompt_tokens"] > 0 and brief["latency_s"] >= 0
    assert {c["prompt_id"].split("@")[0] for c in run["calls"][1:]} == {"section"}
    stored = log_path().read_bytes()
    assert b"test-key" not in stored and b"Bearer" not in stored  # the key never reaches the log
    code, out, err = prp("logs")
    assert code == 0 and "26 call(s)" in out and "brief" in out


def test_no_log_and_config_log_false_record_nothing(prp: Any, llm_env: None, tmp_path: Path) -> None:
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, _ = prp("draft", "user management API", "--no-log")
    assert code == 0 and not log_path().exists()
    code, out, _ = prp("logs", "--json")
    assert code == 0 and json.loads(out)["runs"] == []


def test_offline_drafts_record_nothing(prp: Any) -> None:
    prp("draft", "user management API")
    assert not log_path().exists()


def _request(n: int) -> ChatRequest:
    return ChatRequest((ChatMessage("user", f"question {n}"),), "s", {}, "", tag=f"t{n}")


def test_failed_calls_are_recorded_with_their_error() -> None:
    import asyncio

    from prp_agent.errors import ModelRequestError

    model = LoggedModel(ScriptedModel(lambda request, n: ModelRequestError("HTTP 503: busy", status=503)))
    with recording("draft x", "http://local/v1", "m", enabled=True, max_mb=10) as run:
        assert run is not None
        with pytest.raises(ModelRequestError):
            asyncio.run(model.complete(_request(1)))
    runs = CallLog(log_path()).runs(1)
    assert runs[0]["calls"][0]["status"] == "error" and runs[0]["calls"][0]["error"] == "HTTP 503: busy"


def test_concurrent_writers_lose_nothing_and_the_log_stays_bounded() -> None:
    path = log_path()

    def writer(worker: int) -> None:
        log = CallLog(path, max_mb=1000)
        run = Run(f"run-{worker}", "batch", "e", "m", log)
        for n in range(50):
            from prp_agent.llm.protocol import ChatAnswer

            log.record(run, _request(n), ChatAnswer('{"ok": true}'), 0.01, None)
        log.close()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log = CallLog(path)
    assert sum(len(r["calls"]) for r in log.runs(10)) == 200
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    big = "x" * 50_000
    for n in range(60):
        run = Run(f"big-{n:02d}", "draft", "e", "m", log)
        log.record(run, ChatRequest((ChatMessage("user", big),), "s", {}, ""), None, 0.0, "boom")
    log.max_bytes = 1_000_000
    log.prune()
    kept = [r["id"] for r in log.runs(100)]
    assert path.stat().st_size <= 1_100_000 and "big-59" in kept and "big-00" not in kept
