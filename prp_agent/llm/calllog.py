"""The call log: every request a run sent and what came back, in a local SQLite database
(`$XDG_STATE_HOME/prp-agent/logs.db`), so a user can see what was sent to the model and why a section came out as it
did. `prp-agent logs` reads it; `--no-log` or config `log = false` turns it off.

It holds the messages as they were sent (descriptions and repository text already redacted), the answer, usage,
latency and the outcome — never the API key or a request header. WAL mode lets a batch and two drafts write at
once; old runs are pruned once the file passes `log_max_mb`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.errors import ModelError
from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest

__all__ = ["CallLog", "LoggedModel", "Run", "current_run", "log_path", "recording"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, started_at TEXT NOT NULL, command TEXT NOT NULL, endpoint TEXT, model TEXT
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    at TEXT NOT NULL, endpoint TEXT, model TEXT, mode TEXT, prompt_id TEXT, tag TEXT, messages TEXT NOT NULL,
    answer TEXT, usage TEXT, latency_s REAL, status TEXT NOT NULL, error TEXT
);
CREATE INDEX IF NOT EXISTS calls_run ON calls(run_id);
"""


def log_path() -> Path:
    """`$XDG_STATE_HOME/prp-agent/logs.db` (`~/.local/state/…` by default)."""
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "prp-agent" / "logs.db"


@dataclass
class Run:
    """One command's run: its id and what it was."""

    id: str
    command: str
    endpoint: str
    model: str
    log: CallLog
    started: bool = False


_RUN: ContextVar[Run | None] = ContextVar("prp_agent_run", default=None)


def current_run() -> Run | None:
    """The run requests are being recorded for in this context, if any."""
    return _RUN.get()


@contextlib.contextmanager
def recording(command: str, endpoint: str, model: str, *, enabled: bool, max_mb: float) -> Iterator[Run | None]:
    """Record the requests made in this context as one run (nothing when disabled or the log cannot be opened)."""
    if not enabled:
        yield None
        return
    try:
        log = CallLog(log_path(), max_mb=max_mb)
    except (OSError, sqlite3.Error):
        yield None  # a log that cannot be written never stops a draft
        return
    run = Run(uuid.uuid4().hex[:12], command, endpoint, model, log)
    token = _RUN.set(run)
    try:
        yield run
    finally:
        _RUN.reset(token)
        log.close()


class CallLog:
    """The SQLite file of runs and their calls."""

    def __init__(self, path: Path, *, max_mb: float = 100.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.max_bytes = int(max_mb * 1_000_000)
        self._db = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        os.chmod(path, 0o600)  # requests can hold what users typed: only they may read it

    def close(self) -> None:
        """Prune past the size bound, then close."""
        with contextlib.suppress(sqlite3.Error):
            self.prune()
        self._db.close()

    def start(self, run: Run) -> None:
        """The run's row, written at its first call."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._db.execute("INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?)",
                         (run.id, now, run.command, run.endpoint, run.model))  # fmt: skip

    def record(self, run: Run, request: ChatRequest, answer: ChatAnswer | None, latency: float,
               error: str | None) -> None:  # fmt: skip
        """One call: what was sent, what came back."""
        if not run.started:
            self.start(run)
            run.started = True
        messages = json.dumps([{"role": m.role, "content": m.content} for m in request.messages], ensure_ascii=False)
        usage = json.dumps(answer.usage.as_dict()) if answer is not None else None
        self._db.execute(
            "INSERT INTO calls (run_id, at, endpoint, model, mode, prompt_id, tag, messages, answer, usage,"
            " latency_s, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run.id, datetime.now(UTC).isoformat(timespec="milliseconds"), run.endpoint, run.model,
             answer.mode.value if answer is not None else None, request.prompt_id, request.tag, messages,
             (answer.content if answer.content is not None else answer.refusal) if answer is not None else None,
             usage, round(latency, 3), "ok" if error is None else "error", error),
        )  # fmt: skip

    def prune(self) -> None:
        """Delete the oldest runs while the file is over its bound."""
        while self._size() > self.max_bytes:
            oldest = self._db.execute("SELECT id FROM runs ORDER BY started_at, rowid LIMIT 1").fetchone()
            if oldest is None or self._db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] <= 1:
                return
            self._db.execute("DELETE FROM runs WHERE id = ?", oldest)
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")

    def _size(self) -> int:
        return sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())

    def runs(self, limit: int, run_id: str | None = None) -> list[dict[str, Any]]:
        """The newest runs (or one by id, or an id prefix), each with its calls in order."""
        query = "SELECT id, started_at, command, endpoint, model FROM runs"
        params: tuple[Any, ...] = ()
        if run_id:
            query += " WHERE id LIKE ?"
            params = (run_id + "%",)
        rows = self._db.execute(query + " ORDER BY started_at DESC, rowid DESC LIMIT ?", (*params, limit)).fetchall()
        return [self._run(row) for row in rows]

    def _run(self, row: tuple[Any, ...]) -> dict[str, Any]:
        calls = self._db.execute(
            "SELECT at, mode, prompt_id, tag, messages, answer, usage, latency_s, status, error FROM calls "
            "WHERE run_id = ? ORDER BY id", (row[0],),
        ).fetchall()  # fmt: skip
        keys = ("at", "mode", "prompt_id", "tag", "messages", "answer", "usage", "latency_s", "status", "error")
        found = []
        for call in calls:
            item = dict(zip(keys, call, strict=True))
            item["messages"] = json.loads(item["messages"])
            item["usage"] = json.loads(item["usage"]) if item["usage"] else None
            found.append(item)
        return {"id": row[0], "started_at": row[1], "command": row[2], "endpoint": row[3], "model": row[4],
                "calls": found}  # fmt: skip


class LoggedModel:
    """A ChatModel whose every call is recorded in the current run (when there is one)."""

    def __init__(self, inner: ChatModel) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        """The wrapped model's name."""
        return self.inner.name

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Answer through the wrapped model and record the call."""
        run = current_run()
        started = time.perf_counter()
        try:
            answer = await self.inner.complete(request)
        except ModelError as exc:
            if run is not None:
                _safely(run.log.record, run, request, None, time.perf_counter() - started, exc.message)
            raise
        if run is not None:
            _safely(run.log.record, run, request, answer, time.perf_counter() - started, None)
        return answer

    async def aclose(self) -> None:
        """Close the wrapped model."""
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()


def _safely(write: Any, *args: Any) -> None:
    with contextlib.suppress(sqlite3.Error, OSError):
        write(*args)
