"""Answers kept for later: cassettes (`--record DIR` / `--replay DIR`) and the response cache (`--cache`).

Both key a request by a hash of what decides its answer: the model, the output mode asked for, the messages and the
answer's schema. A cassette is a folder of one JSON file per request plus `cassette.json` (when it was recorded and
with which model); replaying answers from it with no network and fails with one line on a request it does not hold.
The response cache is an SQLite file beside the call log: an identical request, in this run or a later one, is
answered from it and costs nothing. Neither ever holds the API key (no header is kept) or a secret the redaction
rules know: messages and answers are redacted before they are written.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.errors import InputError
from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest, OutputMode, Usage
from prp_agent.secrets.redaction import redact_text
from prp_agent.storage import atomic_write, read_capped, state_dir
from prp_agent.text import loads_json, one_line

__all__ = [
    "CachedModel",
    "CassetteMissError",
    "RecordingModel",
    "ReplayModel",
    "cache_path",
    "cassette_clock",
    "cassette_model",
    "request_key",
]

META = "cassette.json"
_MAX_ENTRY = 16_000_000  # bytes of one cassette file read back
_SHOWN = 1500  # of the last message, kept to show what was asked (the key covers every message)
FORMAT = "prp-agent.cassette/1"


class CassetteMissError(InputError):
    """A replayed run sent a request its cassette does not hold."""


def request_key(model: str, mode: str, request: ChatRequest) -> str:
    """The hash that names a request: model, output mode asked for, messages and schema (not the timeout, the tag or
    the answer budget: those do not change what a recorded answer was an answer to)."""
    decisive = {
        "model": model,
        "mode": mode,
        "messages": [[m.role, m.content] for m in request.messages],
        "schema_name": request.schema_name,
        "schema": request.schema,
    }
    return hashlib.sha256(json.dumps(decisive, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _answer_json(answer: ChatAnswer) -> dict[str, Any]:
    return {
        "content": redact_text(answer.content) if answer.content is not None else None,
        "refusal": answer.refusal,
        "finish_reason": answer.finish_reason,
        "mode": answer.mode.value,
        "usage": answer.usage.as_json(),
        "model": answer.model,
    }


def _answer(data: dict[str, Any], source: str) -> ChatAnswer:
    usage = data.get("usage") or {}
    return ChatAnswer(
        data.get("content"),
        refusal=data.get("refusal"),
        finish_reason=str(data.get("finish_reason") or "stop"),
        mode=OutputMode(data.get("mode") or OutputMode.JSON_SCHEMA.value),
        usage=Usage(**{k: int(v) for k, v in usage.items() if k in Usage.__dataclass_fields__}),
        model=str(data.get("model") or ""),
        source=source,
    )


def _entry_name(key: str, request: ChatRequest) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in request.schema_name)[:60] or "request"
    return f"{stem}-{key[:16]}.json"


def _meta(folder: str) -> dict[str, Any]:
    """A cassette's `cassette.json` (empty when it has none or it cannot be read)."""
    try:
        data = loads_json(read_capped(Path(folder) / META, _MAX_ENTRY, "cassette"))
    except (InputError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cassette_model(folder: str) -> str | None:
    """The model a cassette was recorded with (a replay asks as that model, whatever --model says)."""
    model = _meta(folder).get("model")
    return model if isinstance(model, str) and model else None


def cassette_clock(folder: str | None) -> str | None:
    """When a cassette was recorded (ISO 8601): a recorded or replayed draft carries this time, not the clock's, so
    its sidecar is the same bytes every time."""
    recorded = _meta(folder).get("recorded_at") if folder else None
    return recorded if isinstance(recorded, str) else None


class RecordingModel:
    """Answers through the wrapped model and writes each answer into the cassette folder."""

    def __init__(self, inner: ChatModel, folder: str, *, model: str, mode: str) -> None:
        self.inner = inner
        self.folder = Path(folder)
        self.model, self.mode = model, mode
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"--record {folder}: cannot create the folder ({exc.strerror or exc})") from None
        if not (self.folder / META).exists():
            meta = {"format": FORMAT, "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"), "model": model}
            atomic_write(self.folder / META, json.dumps(meta, indent=2) + "\n", force=True, backup=False)

    @property
    def name(self) -> str:
        """The wrapped model's name."""
        return self.inner.name

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """Answer, then keep the answer under the request's key."""
        answer = await self.inner.complete(request)
        key = request_key(self.model, self.mode, request)
        entry = {
            "key": key,
            "model": self.model,
            "mode": self.mode,
            "schema_name": request.schema_name,
            "tag": request.tag,
            "prompt_id": request.prompt_id,
            "asked": redact_text(request.messages[-1].content)[:_SHOWN] if request.messages else "",
            "answer": _answer_json(answer),
        }
        text = json.dumps(entry, indent=1, ensure_ascii=False) + "\n"
        await asyncio.to_thread(atomic_write, self.folder / _entry_name(key, request), text, force=True, backup=False)
        return answer

    async def aclose(self) -> None:
        """Close the wrapped model."""
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()


class ReplayModel:
    """Answers from a cassette folder, with no network; a request it does not hold ends the command."""

    def __init__(self, folder: str, *, model: str, mode: str) -> None:
        self.folder = Path(folder)
        self.mode = mode
        if not (self.folder / META).is_file():
            raise InputError(f"--replay {folder}: not a cassette (no {META}; record one with --record {folder})")
        self.model = model  # the CLI asks as the cassette's model (`cassette_model`); a judge asks as itself
        self.answers: dict[str, dict[str, Any]] = {}
        for path in sorted(self.folder.glob("*.json")):
            if path.name == META:
                continue
            try:  # capped, and never a FIFO or a device named *.json
                entry = loads_json(read_capped(path, _MAX_ENTRY, "cassette entry"))
            except ValueError:
                raise InputError(f"--replay {folder}: {path.name} is not a cassette entry") from None
            if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("answer"), dict):
                self.answers[entry["key"]] = entry["answer"]

    @property
    def name(self) -> str:
        """The model the answers are replayed as."""
        return self.model

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """The recorded answer to this request."""
        key = request_key(self.model, self.mode, request)
        found = self.answers.get(key)
        if found is None:
            raise CassetteMissError(
                f"--replay {self.folder}: no recorded answer for this {request.schema_name} request (key {key[:16]});"
                " the inputs, prompts, template or model differ from the recording: record it again with --record"
            )
        return _answer(found, "cassette")

    async def aclose(self) -> None:
        """Nothing to release: a cassette holds no connection."""


def cache_path() -> Path:
    """`$XDG_STATE_HOME/prp-agent/cache.db`, beside the call log."""
    return state_dir() / "cache.db"


class CachedModel:
    """Answers an identical request from the response cache, and keeps every good new answer in it. A cached answer
    costs nothing: its usage counts no request and no token."""

    def __init__(self, inner: ChatModel, path: Path, *, model: str, mode: str) -> None:
        self.inner = inner
        self.model, self.mode = model, mode
        self.path = path
        self.hits = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, at TEXT NOT NULL, "
                             "model TEXT, schema_name TEXT, answer TEXT NOT NULL)")  # fmt: skip
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the response cache {path}: {one_line(str(exc), 120)}") from None
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)

    @property
    def name(self) -> str:
        """The wrapped model's name."""
        return self.inner.name

    async def complete(self, request: ChatRequest) -> ChatAnswer:
        """The cached answer, or a new one (kept when it is a whole answer)."""
        key = request_key(self.model, self.mode, request)
        row = self._db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self.hits += 1
            answer = _answer(loads_json(row[0]), "cache")
            answer.usage = Usage()
            return answer
        answer = await self.inner.complete(request)
        if answer.finish_reason == "stop" and answer.content is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                    (key, datetime.now(UTC).isoformat(timespec="seconds"), self.model, request.schema_name,
                     json.dumps(_answer_json(answer), ensure_ascii=False)),
                )  # fmt: skip
        return answer

    async def aclose(self) -> None:
        """Close the wrapped model and the cache."""
        self._db.close()
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()
