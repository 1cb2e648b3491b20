"""The terminal: rich consoles (summaries on stderr, data on stdout), one JSON object per `--json`, and untrusted
text printed as text — never as markup, emoji codes or control sequences."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.text import Text

from prp_agent.text import printable

__all__ = [
    "LiveBar", "ask_line", "cell", "out", "print_json", "print_text_json", "result_console", "say", "stderr", "tell",
]  # fmt: skip


# The one rule: a command's result (what a user would redirect to a file) goes to stdout; progress, warnings, hints
# and errors go to stderr; `--json` prints its one object on stdout. A terminal's own width is used; written to a
# file or a pipe, nothing is cut (a CI log is read in full).
_UNCUT = 100_000


def _width(stream: Any) -> int | None:
    return None if stream.isatty() else _UNCUT


def stderr() -> Console:
    """A console on stderr for people: no highlighting, no emoji codes."""
    return Console(stderr=True, highlight=False, emoji=False, soft_wrap=False, width=_width(sys.stderr))


def out(*, soft_wrap: bool = False) -> Console:
    """A console on stdout for results (tables; `soft_wrap` for lines tools parse)."""
    return Console(highlight=False, emoji=False, soft_wrap=soft_wrap, width=_width(sys.stdout))


def result_console(to_stderr: bool = False) -> Console:
    """Where a command's result goes: stdout, or stderr when stdout already carries the result itself (the
    markdown of `draft -o -`)."""
    return stderr() if to_stderr else out(soft_wrap=True)


def say(message: str = "") -> None:
    """One message on stderr, printed exactly (untrusted parts included): no markup, emoji or control characters."""
    Console(stderr=True, highlight=False, emoji=False, soft_wrap=True).print(Text(printable(message)))


def tell(message: str = "", *, to_stderr: bool = False) -> None:
    """One line of a command's result on stdout (see `result_console`), printed exactly like `say`."""
    result_console(to_stderr).print(Text(printable(message)))


def cell(value: object) -> Text:
    """A table cell holding untrusted text."""
    return Text(printable(str(value)))


def print_json(data: Any) -> None:
    """The one JSON object a `--json` command prints."""
    print_text_json([json.dumps(data, ensure_ascii=False)])


def print_text_json(pieces: Iterable[str]) -> None:
    """The one JSON object a `--json` command prints, already written as text (in consecutive pieces)."""
    for piece in pieces:
        sys.stdout.write(piece)
    sys.stdout.write("\n")
    sys.stdout.flush()


def ask_line(prompt: str, default: str | None = None) -> str | None:
    """One line typed by the user (on a terminal or piped); None at end of input."""
    suffix = f" [{printable(default)}]" if default else ""
    sys.stderr.write(f"{printable(prompt)}{suffix}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        return None
    answer = line.rstrip("\r\n")
    return answer if answer or default is None else default


class LiveBar:
    """A progress bar on stderr, drawn only on a terminal (and not with --json); the work goes on either way."""

    def __init__(self, bar: Progress, *, enabled: bool) -> None:
        self.live = enabled and stderr().is_terminal
        self.bar = bar

    def __enter__(self) -> Any:
        if self.live:
            self.bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.live:
            self.bar.stop()
