"""Test-wide policy: no test reaches the network, and no test sees the developer's keys or config."""

from __future__ import annotations

import io
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import respx

from tests.replay import Replayer, load

PRP = Path("PRPs/user-management-api.md")
SIDECAR = Path("PRPs/user-management-api.prp.json")


class NetworkBlockedError(ConnectionRefusedError):
    """Raised when code under test tries to open a network connection (an OSError, so HTTP stacks map it)."""


_BLOCKED: list[object] = []


def _refuse(*args: object, **kwargs: object) -> None:
    _BLOCKED.append(args[1:] if len(args) > 1 else args)
    raise NetworkBlockedError(f"tests may not open network connections (attempted {args[1:] or args})")


def _refuse_lookup(host: object, *args: object, **kwargs: object) -> None:
    _BLOCKED.append(("getaddrinfo", host))
    raise NetworkBlockedError(f"tests may not resolve host names (attempted {host!r})")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[list[object]]:
    """Every socket connect is refused, and a test that attempted one fails unless it is about the guard itself."""
    _BLOCKED.clear()
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse_lookup)
    yield _BLOCKED
    if _BLOCKED and "blocked_connections" not in request.fixturenames:
        pytest.fail(f"the test tried to reach the network: {_BLOCKED}")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real key, base URL or user config leaks into a test; each test starts in its own directory."""
    from prp_agent.config import ENV

    for name in (*ENV.values(), "PRP_AGENT_CONFIG", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    for kind in ("CONFIG", "CACHE", "STATE", "DATA"):
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(tmp_path / f"xdg-{kind.lower()}"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def _every_recording_played() -> Iterator[None]:
    """A test that replays recorded responses fails when any recording was never requested."""
    from tests import replay

    replay.LIVE.clear()
    yield
    for replayer in replay.LIVE:
        replayer.assert_all_played()


@pytest.fixture
def blocked_connections() -> list[object]:
    """The connection attempts the network guard refused during this test."""
    return _BLOCKED


@pytest.fixture
def prp(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Run `prp-agent ARGS` in-process with the given stdin; returns (exit code, stdout, stderr)."""
    from prp_agent import cli

    def run(*args: str, stdin: str = "") -> tuple[int | str | None, str, str]:
        monkeypatch.setattr(sys, "argv", ["prp-agent", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as exited:
            cli.main()
        out, err = capsys.readouterr()
        return exited.value.code, out, err

    return run


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key in the environment (requests still go to respx only) and no backoff waits."""
    from tests.helpers import no_backoff

    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    no_backoff(monkeypatch)


@pytest.fixture
def drafted(prp: Any, llm_env: None) -> str:
    """A PRP drafted from the recorded user-management responses; returns its text."""
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("draft", "user management API")
    assert code == 0, err
    replayer.assert_all_played()
    return PRP.read_text()
