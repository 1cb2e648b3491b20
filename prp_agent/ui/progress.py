"""A draft's live status on a terminal (stderr): the brief, then sections done out of all with the ones in flight,
re-asks, retries and waits, and the time so far. Nothing is drawn when stderr is not a terminal or with --json."""

from __future__ import annotations

import time
from types import TracebackType

from rich.live import Live
from rich.text import Text

from prp_agent.events import Event, EventKind, listening
from prp_agent.ui.console import stderr

__all__ = ["DraftStatus"]


class DraftStatus:
    """Listens to a draft's events and redraws one status line."""

    def __init__(self, *, enabled: bool) -> None:
        console = stderr()
        self.enabled = enabled and console.is_terminal
        self.started = time.monotonic()
        self.phase = "starting"
        self.total = 0
        self.done = 0
        self.flagged = 0
        self.in_flight: set[str] = set()
        self.reasks = 0
        self.retries = 0
        self.note = ""
        self.live = Live(Text(""), console=console, transient=True, refresh_per_second=8, auto_refresh=True)
        self._listening = listening(self.on_event if self.enabled else self._warn)  # warnings print either way

    def __enter__(self) -> DraftStatus:
        self._listening.__enter__()
        if self.enabled:
            self.live.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.enabled:
            self.live.stop()
        self._listening.__exit__(kind, error, trace)

    def _warn(self, event: Event) -> None:
        if event.kind is EventKind.SLOW:
            self.live.console.print(Text(f"prp-agent: warning: {event.detail}"))

    def on_event(self, event: Event) -> None:
        """Update the counts from one event and redraw."""
        if event.kind is EventKind.BRIEF_STARTED:
            self.phase = "brief"
        elif event.kind is EventKind.SECTIONS_STARTED:
            self.phase, self.total = "sections", int(event.detail or 0)
        elif event.kind is EventKind.SECTION_DONE:
            self.done += 1
            self.flagged += event.detail == "flagged"
        elif event.kind is EventKind.REQUEST_STARTED and event.tag:
            self.in_flight.add(event.tag)
        elif event.kind is EventKind.REQUEST_DONE:
            self.in_flight.discard(event.tag)
        elif event.kind is EventKind.REASK:
            self.reasks += 1
        elif event.kind is EventKind.RETRY:
            self.retries += 1
            self.note = f"retrying in {event.seconds:.0f}s: {event.detail[:60]}"
        elif event.kind is EventKind.WAITING:
            self.note = f"waiting {event.seconds:.0f}s ({event.detail})"
        elif event.kind is EventKind.SLOW:
            self._warn(event)
        if self.enabled:
            self.live.update(Text(self.line()))

    def line(self) -> str:
        """The status line as it stands."""
        elapsed = time.monotonic() - self.started
        if self.phase == "brief":
            head = "drafting the brief"
        elif self.phase == "sections":
            head = f"sections {self.done}/{self.total}" + (f" ({self.flagged} flagged)" if self.flagged else "")
            head += f" · {len(self.in_flight)} in flight" if self.in_flight else ""
        else:
            head = "starting"
        extras = [f"{self.reasks} re-asks" if self.reasks else "", f"{self.retries} retries" if self.retries else ""]
        tail = " · ".join(x for x in [*extras, self.note] if x)
        return f"{head} · {elapsed:.0f}s" + (f" · {tail}" if tail else "")
