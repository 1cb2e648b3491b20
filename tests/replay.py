"""Replay recorded Chat Completions exchanges from fixtures/ through respx.

Each fixture holds the parsed request match fields and the response (status, content-type, body). A request is
answered by the first unplayed exchange whose match fields agree; a request nothing matches, or an exchange left
unplayed, fails the test.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openai"


@dataclass
class Exchange:
    """One recorded request/response pair."""

    name: str
    match: dict[str, Any]
    status: int
    headers: dict[str, str]
    body: dict[str, Any]
    played: bool = False


def load(*names: str) -> list[Exchange]:
    """Exchanges from fixture files or whole scenario directories under fixtures/openai, in order."""
    exchanges = []
    for name in names:
        path = FIXTURES / name
        files = sorted(path.glob("*.json")) if path.is_dir() else [path.with_suffix(".json")]
        for file in files:
            data = json.loads(file.read_text(encoding="utf-8"))
            response = data["response"]
            exchanges.append(
                Exchange(
                    file.stem,
                    data["request"]["match"],
                    response["status"],
                    response["headers"],
                    response["body"],
                )
            )
    return exchanges


def request_facts(request: httpx.Request) -> dict[str, Any]:
    """The fields exchanges match on: schema name and structured-output mode."""
    body = json.loads(request.content)
    fmt = body.get("response_format") or {}
    if body.get("tools"):
        return {"mode": "tools", "schema_name": body["tools"][0]["function"]["name"], "body": body}
    if fmt.get("type") == "json_schema":
        return {"mode": "json_schema", "schema_name": fmt["json_schema"]["name"], "body": body}
    return {"mode": fmt.get("type", "text"), "schema_name": None, "body": body}


def as_tool_call(body: dict[str, Any], name: str) -> dict[str, Any]:
    """A recorded content answer reshaped the way servers answer a forced tool call."""
    body = json.loads(json.dumps(body))
    choice = body["choices"][0]
    arguments = choice["message"].pop("content")
    choice["message"]["content"] = None
    choice["message"]["tool_calls"] = [
        {"id": "call_" + body["id"][-8:], "type": "function", "function": {"name": name, "arguments": arguments}}
    ]
    choice["finish_reason"] = "tool_calls"
    return body


LIVE: list[Replayer] = []  # every replayer a test made; conftest fails the test if one was not fully played


class Replayer:
    """A respx side effect that answers from recorded exchanges and remembers every request."""

    def __init__(self, exchanges: list[Exchange], *, tool_calls: bool = False) -> None:
        self.exchanges = exchanges
        self.tool_calls = tool_calls
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        LIVE.append(self)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        facts = request_facts(request)
        with self._lock:
            self.requests.append(facts)
            for exchange in self.exchanges:
                if exchange.played:
                    continue
                if all(facts.get(key) == value for key, value in exchange.match.items()):
                    exchange.played = True
                    body = exchange.body
                    if self.tool_calls and facts["mode"] == "tools" and exchange.status == 200:
                        body = as_tool_call(body, facts["schema_name"])
                    return httpx.Response(exchange.status, headers=exchange.headers, json=body)
        raise AssertionError(f"no recorded exchange matches {facts['mode']} request for {facts['schema_name']}")

    def assert_all_played(self) -> None:
        """Fail when a recording was never used."""
        unplayed = [e.name for e in self.exchanges if not e.played]
        assert not unplayed, f"unplayed recordings: {unplayed}"
