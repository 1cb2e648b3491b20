"""The call log: every request a run sent and what came back, in a local SQLite database
(`$XDG_STATE_HOME/prp-agent/logs.db`), so a user can see what was sent to the model and why a section came out as it
did. `prp-agent logs` reads it; `--no-log` or config `log = false` turns it off.

It holds the messages as they were sent (descriptions and repository text already redacted), the answer, usage,
latency and the outcome — never the API key or a request header. WAL mode lets a batch and two drafts write at
once; the oldest calls are pruned, in one transaction and one VACUUM, once the file passes `log_max_mb`.

The file is private from its first byte (created 0600; SQLite gives its `-wal` and `-shm` files the same mode). Its
schema carries a version (`PRAGMA user_version`) and numbered migrations bring an older file up to date when it is
opened, so a log written by an earlier prp-agent keeps working after an upgrade; a file from a newer prp-agent is
left alone (nothing is recorded into it, and `logs` says so).
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

from prp_agent.errors import InputError, ModelError
from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest
from prp_agent.secrets.redaction import redact_text, redact_url
from prp_agent.storage import state_dir

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "CallLog",
    "LoggedModel",
    "NewerLogError",
    "Run",
    "current_run",
    "log_path",
    "read_runs",
    "recording",
]

# Migration N brings a file from version N-1 to N. Files written before versions existed are at 0 and already hold
# migration 1's tables (hence IF NOT EXISTS there). Append new migrations; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: runs and their calls
        "CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, command TEXT NOT NULL,"
        " endpoint TEXT, model TEXT)",
        "CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, at TEXT NOT NULL, endpoint TEXT, model TEXT,"
        " mode TEXT, prompt_id TEXT, tag TEXT, messages TEXT NOT NULL, answer TEXT, usage TEXT, latency_s REAL,"
        " status TEXT NOT NULL, error TEXT)",
        "CREATE INDEX IF NOT EXISTS calls_run ON calls(run_id)",
    ),
    (  # 2: where an answer came from (the network, a response cache, a cassette), and runs found by time
        "ALTER TABLE calls ADD COLUMN source TEXT NOT NULL DEFAULT 'network'",
        "CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_KEEP = 0.8  # pruning keeps the newest calls whose text fits 80 % of the bound (the rest is SQLite's own overhead)


class NewerLogError(sqlite3.Error):
    """The log file was written by a newer prp-agent (a schema version this one does not know)."""


def log_path() -> Path:
    """`$XDG_STATE_HOME/prp-agent/logs.db` (`~/.local/state/…` by default)."""
    return state_dir() / "logs.db"


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
    run = Run(uuid.uuid4().hex[:12], command, redact_url(endpoint), model, log)
    token = _RUN.set(run)
    try:
        yield run
    finally:
        _RUN.reset(token)
        log.close()


class CallLog:
    """The SQLite file of runs and their calls."""

    def __init__(self, path: Path, *, max_mb: float = 100.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = path
        self.max_bytes = int(max_mb * 1_000_000)
        _create_private(path)
        self._db = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            _wal(self._db)
            self._db.execute("PRAGMA foreign_keys=ON")
            self.version = migrate(self._db)
        except sqlite3.Error:
            self._db.close()
            raise

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
        usage = json.dumps(answer.usage.as_json()) if answer is not None else None
        self._db.execute(
            "INSERT INTO calls (run_id, at, endpoint, model, mode, prompt_id, tag, messages, answer, usage,"
            " latency_s, status, error, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run.id, datetime.now(UTC).isoformat(timespec="milliseconds"), run.endpoint, run.model,
             answer.mode.value if answer is not None else None, request.prompt_id, request.tag, messages,
             (answer.content if answer.content is not None else answer.refusal) if answer is not None else None,
             usage, round(latency, 3), "ok" if error is None else "error",
             redact_text(error) if error is not None else None, answer.source if answer is not None else "network"),
        )  # fmt: skip

    def prune(self) -> None:
        """When the file is over its bound, delete the oldest calls (a long run's own early calls too) and the runs
        left empty, in one transaction, then VACUUM once."""
        if self._size() <= self.max_bytes:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            cut = self._db.execute(
                "SELECT id FROM (SELECT id, SUM(length(messages) + coalesce(length(answer), 0)"
                " + coalesce(length(error), 0) + 200) OVER (ORDER BY id DESC) AS kept FROM calls)"
                " WHERE kept > ? ORDER BY id DESC LIMIT 1", (int(self.max_bytes * _KEEP),),
            ).fetchone()  # fmt: skip
            if cut is not None:
                self._db.execute("DELETE FROM calls WHERE id <= ?", cut)
                self._db.execute("DELETE FROM runs WHERE id NOT IN (SELECT DISTINCT run_id FROM calls)")
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
            "SELECT at, mode, prompt_id, tag, messages, answer, usage, latency_s, status, error, source FROM calls "
            "WHERE run_id = ? ORDER BY id", (row[0],),
        ).fetchall()  # fmt: skip
        keys = ("at", "mode", "prompt_id", "tag", "messages", "answer", "usage", "latency_s", "status", "error",
                "source")  # fmt: skip
        found = []
        for call in calls:
            item = dict(zip(keys, call, strict=True))
            item["messages"] = json.loads(item["messages"])
            item["usage"] = json.loads(item["usage"]) if item["usage"] else None
            found.append(item)
        return {"id": row[0], "started_at": row[1], "command": row[2], "endpoint": row[3], "model": row[4],
                "calls": found}  # fmt: skip


def read_runs(count: int, run_id: str | None = None) -> tuple[Path, list[dict[str, Any]]]:
    """The log's path and its newest `count` runs (or the one `run_id` starts); InputError when it cannot be read."""
    if count < 1:
        raise InputError("-n must be at least 1")
    path = log_path()
    if not path.exists():
        return path, []
    try:
        log = CallLog(path)
    except NewerLogError as exc:
        raise InputError(f"{path}: {exc}; upgrade prp-agent to read it") from None
    except (OSError, sqlite3.Error) as exc:
        raise InputError(f"cannot read the call log {path}: {exc}") from None
    try:
        runs = log.runs(count, run_id)
    finally:
        log._db.close()
    if run_id and not runs:
        raise InputError(f"no run {run_id!r} in {path}")
    return path, runs


def migrate(db: sqlite3.Connection) -> int:
    """Bring the file's schema up to `SCHEMA_VERSION`, one numbered migration at a time, each in its own
    transaction (a second process opening the file meanwhile waits, then finds the work done); the new version."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerLogError(f"the call log has schema version {version}; this prp-agent knows up to {SCHEMA_VERSION}")
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    db.execute(statement)
                version += 1
                db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except sqlite3.Error:
            db.execute("ROLLBACK")
            raise
    return version


def _wal(db: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL. SQLite answers "locked" at once, without waiting, when another connection is creating the
    same new file, so this waits for it (10 s at most), like every other statement does through the busy timeout."""
    for attempt in range(attempts):
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (its -wal and -shm files then get the same mode), and
    make an existing one and its companions private; never through a link."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        if path.is_symlink():
            raise OSError(f"{path} is a link; the call log is never written through one") from None
        for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                if not companion.is_symlink():
                    os.chmod(companion, 0o600)
        return
    os.close(fd)


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
