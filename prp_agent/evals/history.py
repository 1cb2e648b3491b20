"""Eval runs kept in an SQLite file beside the call log (`$XDG_STATE_HOME/prp-agent/evals.db`): each run with the
model, output mode, prompt ids and hashes, template and settings it ran with, and every case's scores."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.errors import InputError
from prp_agent.evals.scoring import CaseScore
from prp_agent.storage import state_dir
from prp_agent.text import one_line

__all__ = ["EvalStore", "StoredRun", "eval_store_path", "stored_pair", "stored_runs"]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, suite TEXT NOT NULL,"
    " model TEXT, mode TEXT, setup TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cases (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, score TEXT NOT NULL, PRIMARY KEY (run_id, position))",
)


def eval_store_path() -> Path:
    """`$XDG_STATE_HOME/prp-agent/evals.db` (`~/.local/state/…` by default)."""
    return state_dir() / "evals.db"


@dataclass
class StoredRun:
    """One eval run: its id, when, on which suite, how it was set up, and its cases' scores."""

    id: str
    started_at: str
    suite: str
    model: str
    mode: str
    setup: dict[str, Any] = field(default_factory=dict)
    scores: list[CaseScore] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {"id": self.id, "started_at": self.started_at, "suite": self.suite, "model": self.model,
                "mode": self.mode, "setup": self.setup, "cases": [s.as_json() for s in self.scores]}  # fmt: skip


class EvalStore:
    """The eval history file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or eval_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None)
            for statement in _SCHEMA:
                self._db.execute(statement)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the eval history {self.path}: {one_line(str(exc), 100)}") from None

    def close(self) -> None:
        """Release the file."""
        self._db.close()

    def save(self, suite: str, model: str, mode: str, setup: dict[str, Any], scores: list[CaseScore]) -> StoredRun:
        """Store a finished run under a new id (`20261206-174001-3f2a`)."""
        now = datetime.now(UTC)
        run = StoredRun(f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}", now.isoformat(timespec="seconds"), suite,
                        model, mode, setup, scores)  # fmt: skip
        try:
            self._db.execute("BEGIN")
            row = (run.id, run.started_at, suite, model, mode, json.dumps(setup, sort_keys=True))
            self._db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)", row)
            self._db.executemany("INSERT INTO cases VALUES (?, ?, ?)",
                                 [(run.id, i, json.dumps(s.as_json())) for i, s in enumerate(scores)])  # fmt: skip
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise InputError(f"cannot write the eval history {self.path}: {one_line(str(exc), 100)}") from None
        return run

    def runs(self, limit: int = 20) -> list[StoredRun]:
        """The newest runs, without their cases."""
        rows = self._db.execute("SELECT id, started_at, suite, model, mode, setup FROM runs "
                                "ORDER BY started_at DESC, rowid DESC LIMIT ?", (limit,)).fetchall()  # fmt: skip
        return [StoredRun(r[0], r[1], r[2], r[3] or "", r[4] or "", json.loads(r[5])) for r in rows]

    def load(self, run_id: str) -> StoredRun:
        """A run with its cases, by id or a unique prefix of one."""
        rows = self._db.execute("SELECT id, started_at, suite, model, mode, setup FROM runs WHERE id LIKE ?",
                                (run_id + "%",)).fetchall()  # fmt: skip
        if not rows:
            raise InputError(f"no eval run {run_id!r} in {self.path} (prp-agent eval --history lists them)")
        if len(rows) > 1:
            raise InputError(f"{run_id!r} names {len(rows)} eval runs: give more of the id")
        row = rows[0]
        cases = self._db.execute("SELECT score FROM cases WHERE run_id = ? ORDER BY position", (row[0],)).fetchall()
        scores = [CaseScore.from_json(json.loads(c[0])) for c in cases]
        return StoredRun(row[0], row[1], row[2], row[3] or "", row[4] or "", json.loads(row[5]), scores)


def stored_runs(limit: int = 20) -> tuple[Path, list[StoredRun]]:
    """The history file and its newest runs."""
    store = EvalStore()
    try:
        return store.path, store.runs(limit)
    finally:
        store.close()


def stored_pair(run_a: str, run_b: str) -> tuple[StoredRun, StoredRun]:
    """Two stored runs with their cases, by id or unique prefix."""
    store = EvalStore()
    try:
        return store.load(run_a), store.load(run_b)
    finally:
        store.close()
