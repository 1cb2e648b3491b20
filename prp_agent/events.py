"""Progress events: what a run is doing right now, for whoever listens (a live status line), without any layer
knowing who that is. Emitting with no listener costs a context-variable read."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Event", "EventKind", "emit", "listening"]


class EventKind(StrEnum):
    """What happened. A listener that does not know a kind ignores it."""

    BRIEF_STARTED = "brief_started"
    SECTIONS_STARTED = "sections_started"  # detail: how many
    SECTION_DONE = "section_done"  # tag: the section id; detail: its status
    REQUEST_STARTED = "request_started"  # tag: the request's schema name
    REQUEST_DONE = "request_done"
    REASK = "reask"  # detail: the first validation error
    RETRY = "retry"  # detail: why; seconds: the wait before the next attempt
    WAITING = "waiting"  # detail: for what (a rate limit, a provider's reset); seconds: how long
    MODE_REJECTED = "mode_rejected"  # detail: the output mode and the server's words
    SLOW = "slow"  # detail: what the user should know about a server that runs requests past their cap


@dataclass(frozen=True)
class Event:
    """One thing that happened: its kind, the request or section it concerns, a detail and a duration."""

    kind: EventKind
    tag: str = ""
    detail: str = ""
    seconds: float = 0.0


Listener = Callable[[Event], None]
_LISTENER: ContextVar[Listener | None] = ContextVar("prp_agent_listener", default=None)


def emit(kind: EventKind, tag: str = "", detail: str = "", seconds: float = 0.0) -> None:
    """Tell the listener of this context, if any."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(Event(kind, tag, detail, seconds))


@contextlib.contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Send the events emitted in this context (and the tasks it starts) to `listener`."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)
