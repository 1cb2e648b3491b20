"""The batch journal and the out-dir lock: what a crashed or interrupted run already paid for, and one run at a time.

The journal (JSON Lines, one fsync'd line per event) records each issue's brief, each validated section as it
arrives and each finished issue. `--resume` redoes only what is not there: a finished issue costs nothing, an
unfinished one only its missing sections. A line torn by a crash is skipped, and the next append starts on a new
line so the tear never swallows a good entry.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from prp_agent.errors import InputError
from prp_agent.storage import open_private
from prp_agent.text import loads_json

__all__ = ["JOURNAL", "LOCK", "Journal", "JournalState", "OutDirLock"]

JOURNAL = ".prp-batch.journal.jsonl"
LOCK = ".prp-batch.lock"


@dataclass
class JournalState:
    """What the journal holds for one issue: its brief, its finished sections, and its outcome once done."""

    description_sha: str | None = None
    brief: dict[str, Any] | None = None
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    usage: dict[str, int] = field(default_factory=dict)
    outcome: dict[str, Any] | None = None


class Journal:
    """Append-only events of one out-dir; `state` is what earlier runs left, by issue key."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL
        self.state: dict[str, JournalState] = {}
        self.export: dict[str, Any] | None = None  # the export the run drafts from (its first run's)

    @property
    def exists(self) -> bool:
        """Whether an earlier run left a journal here."""
        return self.path.exists()

    def load(self) -> dict[str, JournalState]:
        """Read what earlier runs recorded; torn or foreign lines are skipped."""
        self.state = {}
        if not self.path.exists():
            return self.state
        for line in self.path.read_bytes().decode("utf-8", errors="replace").split("\n"):
            try:
                entry = loads_json(line)
            except ValueError:
                continue  # a line torn by a crash: what it held is redone
            if isinstance(entry, dict) and entry.get("type") == "export" and self.export is None:
                self.export = entry
            elif isinstance(entry, dict) and isinstance(entry.get("key"), str):
                self._apply(entry)
        return self.state

    def bind(self, export: dict[str, Any], keys: set[str]) -> None:
        """Tie the run to its export: the first run records it (path, size, content hash, reader, mapping). A
        resumed run must read the same export — read by the same reader and holding most of the issues the run
        already has (an export that grew or changed since is the same export) — or it would mix two exports' issues
        in one index."""
        if self.export is None:
            self.append({"type": "export", **export})
            self.export = {"type": "export", **export}
            return
        self.check(export, keys)

    def check(self, export: dict[str, Any], keys: set[str]) -> None:
        """Refuse another export than the one this journal's run drafted from (see `bind`); writes nothing."""
        if self.export is None:
            return
        known = set(self.state)
        same_reader = self.export.get("format") == export["format"]
        if same_reader and (not known or len(known & keys) * 2 >= len(known)):
            return
        raise InputError(
            f"--resume continues the run that drafted {self.export.get('path')} ({self.export.get('format')}, "
            f"{len(known)} issues); {export['path']} ({export['format']}) holds {len(known & keys)} of them: it is "
            "another export. Use another --out-dir, or --force to start a new run here (the earlier PRPs stay on "
            "disk but leave INDEX.md)"
        )

    def _apply(self, entry: dict[str, Any]) -> None:
        state = self.state.setdefault(entry["key"], JournalState())
        kind = entry.get("type", "issue")
        if kind == "brief" and isinstance(entry.get("brief"), dict):
            if state.description_sha != entry.get("description_sha"):
                state.sections = {}
            state.description_sha, state.brief = entry.get("description_sha"), entry["brief"]
        elif kind == "section" and isinstance(entry.get("section"), dict):
            if entry.get("description_sha") == state.description_sha:
                state.sections[str(entry["section"].get("id"))] = entry["section"]
                for name, value in (entry.get("usage") or {}).items():
                    state.usage[name] = state.usage.get(name, 0) + int(value)
        elif kind == "issue":
            state.outcome = entry

    def stems(self) -> dict[str, str]:
        """The file stem each issue an earlier run wrote was given, by key."""
        found = {}
        for key, state in self.state.items():
            output = (state.outcome or {}).get("output")
            if isinstance(output, str) and output:
                found[key] = Path(output).stem
        return found

    def reset(self) -> None:
        """Start over (--force): the old journal goes."""
        self.path.unlink(missing_ok=True)
        self.state = {}
        self.export = None

    def append(self, entry: dict[str, Any]) -> None:
        """Write one event durably."""
        record = {**entry, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        fd = open_private(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # the last line was torn: keep it apart from this one
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)


class OutDirLock:
    """An exclusive lock on an out-dir for one batch run; a second run is refused, naming the holder's pid.

    The lock is an OS file lock (flock), so it goes with its process: a killed run never leaves a stale lock.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK
        self._fd: int | None = None

    def __enter__(self) -> OutDirLock:
        import fcntl

        out_dir = self.path.parent
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(f"--out-dir {out_dir} is not a directory")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create --out-dir {out_dir}: {exc.strerror}") from None
        fd = open_private(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 64, 0).decode("ascii", errors="replace").strip() or "unknown"
            os.close(fd)
            raise InputError(
                f"another prp-agent batch (pid {holder}) is writing to {self.path.parent}; wait for it or stop it"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock; the file stays (removing it would race with a waiting run)
            self._fd = None
