"""Progress events: what a run is doing right now, for whoever listens (a live status line), without any layer
knowing who that is. Emitting with no listener costs a context-variable read."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["Event", "emit", "listening"]


@dataclass(frozen=True)
class Event:
    """One thing that happened: its kind, the request or section it concerns, a detail and a duration."""

    kind: str  # brief_started, section_done, request_started, request_done, reask, retry, waiting, …
    tag: str = ""
    detail: str = ""
    seconds: float = 0.0


Listener = Callable[[Event], None]
_LISTENER: ContextVar[Listener | None] = ContextVar("prp_agent_listener", default=None)


def emit(kind: str, tag: str = "", detail: str = "", seconds: float = 0.0) -> None:
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
