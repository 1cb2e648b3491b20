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

from prp_agent.llm.calllog import MIGRATIONS, SCHEMA_VERSION, CallLog, LoggedModel, Run, log_path, recording
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


# --- schema versions -------------------------------------------------------------------------------------------

# The call log as the first prp-agent wrote it (no schema version): the tables exactly as they were created then.
_VERSION_0 = """
CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, command TEXT NOT NULL, endpoint TEXT, model TEXT);
CREATE TABLE calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    at TEXT NOT NULL, endpoint TEXT, model TEXT, mode TEXT, prompt_id TEXT, tag TEXT, messages TEXT NOT NULL,
    answer TEXT, usage TEXT, latency_s REAL, status TEXT NOT NULL, error TEXT
);
CREATE INDEX calls_run ON calls(run_id);
INSERT INTO runs VALUES ('0ld0ld0ld0ld', '2026-11-01T10:00:00+00:00', 'draft user management API', 'e', 'gpt-5-mini');
INSERT INTO calls (run_id, at, endpoint, model, mode, prompt_id, tag, messages, answer, usage, latency_s, status)
VALUES ('0ld0ld0ld0ld', '2026-11-01T10:00:01.000+00:00', 'e', 'gpt-5-mini', 'json_schema', 'section@abc',
        'section_goal', '[{"role": "user", "content": "draft it"}]', '{"goal": "x"}',
        '{"requests": 1, "prompt_tokens": 10, "completion_tokens": 5, "cached_tokens": 0}', 0.5, 'ok');
"""


def test_a_log_from_the_previous_schema_is_migrated_and_shown(prp: Any) -> None:
    path = log_path()
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript(_VERSION_0)
    old.close()
    code, out, _ = prp("logs", "--json")
    assert code == 0
    (run,) = json.loads(out)["runs"]
    assert run["id"] == "0ld0ld0ld0ld" and run["calls"][0]["tag"] == "section_goal"
    assert run["calls"][0]["source"] == "network"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    code, out, _ = prp("logs")
    assert code == 0 and "section_goal" in out


def test_a_log_from_a_newer_prp_agent_is_left_alone(prp: Any) -> None:
    path = log_path()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    code, out, err = prp("logs")
    assert code == 2 and out == "" and "upgrade prp-agent" in err and err.count("\n") == 1
    with recording("draft x", "e", "m", enabled=True, max_mb=10) as run:
        assert run is None  # nothing is written into a file this version does not understand


def test_the_log_and_its_companions_are_private_from_the_first_byte() -> None:
    import asyncio

    from prp_agent.llm.protocol import ChatAnswer

    model = LoggedModel(ScriptedModel(lambda request, n: ChatAnswer('{"ok": true}')))
    with recording("draft x", "e", "m", enabled=True, max_mb=10) as run:
        assert run is not None
        asyncio.run(model.complete(_request(1)))
        modes = {p.name: p.stat().st_mode & 0o777 for p in log_path().parent.iterdir()}
    assert modes == {"logs.db": 0o600, "logs.db-wal": 0o600, "logs.db-shm": 0o600}


def test_one_long_run_is_pruned_too_in_one_vacuum(monkeypatch: pytest.MonkeyPatch) -> None:
    log = CallLog(log_path(), max_mb=0.5)
    run = Run("long", "batch", "e", "m", log)
    for n in range(40):
        log.record(run, ChatRequest((ChatMessage("user", f"{n} " + "x" * 50_000),), "s", {}, ""), None, 0.0, "boom")
    statements: list[str] = []
    log._db.set_trace_callback(statements.append)
    log.prune()
    assert sum(s.strip().upper() == "VACUUM" for s in statements) == 1
    (kept,) = log.runs(5)
    assert 0 < len(kept["calls"]) < 40 and kept["calls"][-1]["messages"][0]["content"].startswith("39 ")
    assert log._size() <= 500_000
