"""A loopback OpenAI-compatible Chat Completions stub for benchmarks and end-to-end checks (stdlib only).

It answers `POST /v1/chat/completions` (and `/chat/completions`) with a schema-valid JSON answer built by
`sample_for_schema` from the schema the request carries: `response_format.json_schema.schema` (json_schema mode),
`tools[0].function.parameters` (forced tool call) or, in JSON mode, the schema embedded in the last user message.
Each request sleeps `--latency` seconds in its own thread, so concurrent requests overlap like a real server's.

    python bench/stub_server.py --latency 0.5 --log /tmp/stub.jsonl
    # prints: listening http://127.0.0.1:<port>/v1

Binds 127.0.0.1 only and stops by itself after `--max-seconds`.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prp_agent.llm.sampler import sample_for_schema

__all__ = ["Behaviour", "StubServer", "make_server", "serve_in_thread"]

_CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")
_MAX_BODY = 32 * 1024 * 1024


# --------------------------------------------------------------------------------------------------- requests


def _schema_from_text(text: str) -> dict[str, Any] | None:
    start = text.find("{")
    if start < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def find_schema(body: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    """(mode, schema name, schema) of a Chat Completions request; mode is json_schema, tools, json_object or text."""
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        spec = response_format.get("json_schema") or {}
        schema = spec.get("schema") if isinstance(spec, dict) else None
        name = str(spec.get("name", "")) if isinstance(spec, dict) else ""
        return "json_schema", name, schema if isinstance(schema, dict) else None
    tools = body.get("tools")
    if isinstance(tools, list) and tools and isinstance(tools[0], dict):
        function = tools[0].get("function") or {}
        params = function.get("parameters") if isinstance(function, dict) else None
        name = str(function.get("name", "")) if isinstance(function, dict) else ""
        return "tools", name, params if isinstance(params, dict) else None
    if isinstance(response_format, dict) and response_format.get("type") == "json_object":
        messages = body.get("messages") or []
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        schema = _schema_from_text(_content_text(users[-1].get("content"))) if users else None
        name = str(schema.get("title", "")) if schema else ""
        return "json_object", name, schema
    return "text", "", None


@dataclass
class Behaviour:
    """How the fake behaves like a real local server (llama.cpp, Ollama, LM Studio) rather than an ideal one.

    - `slots`: requests served at once (0: all); the rest wait in the server's queue, and a request the client gave
      up on keeps its slot until its work is done, as llama.cpp does.
    - `reject_json_schema` / `reject_tools`: the HTTP status a mode is rejected with (0: accepted), with the body a
      real server sends (llama-cpp-python's validation error for 500 and 422, an error naming the feature for 400).
    - `wrap`: how answers come (`fence`, `think`, `prose`), as small models write them.
    - `props`: serve llama.cpp's `/props` (total_slots, n_ctx).
    - `trickle`: a 200 answer's body is sent one byte every `trickle` seconds (a connection kept alive by a
      server that is not answering).
    - `runaway`: answers never stop on their own: each generates until the request's `max_tokens`, at
      `tokens_per_second`, holding its slot, and ends `length` (a small model that does not stop).
    """

    slots: int = 0
    reject_json_schema: int = 0
    reject_tools: int = 0
    wrap: str = ""
    props: bool = False
    context: int = 8192
    runaway: bool = False
    tokens_per_second: float = 2000.0
    trickle: float = 0.0


_REJECTIONS = {
    500: {"error": {"message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': "
                    "\"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}]",
                    "type": "internal_server_error"}},
    422: {"detail": [{"type": "literal_error", "loc": ["body", "response_format", "type"],
                      "msg": "Input should be 'text' or 'json_object'", "input": "json_schema"}]},
    400: {"error": {"message": "'response_format.type' must be 'json_object' or 'text'", "type": "invalid_request"}},
}  # fmt: skip


def _ran_away(payload: dict[str, Any], limit: int) -> dict[str, Any]:
    """The answer of a model that did not stop: the JSON, then filler up to `limit` tokens, cut (`length`)."""
    choice = payload["choices"][0]
    message = choice["message"]
    key = "content" if message.get("content") is not None else None
    text = message["content"] if key else message["tool_calls"][0]["function"]["arguments"]
    text = (text + " and so on" * limit)[: limit * 4]
    if key:
        message["content"] = text
    else:
        message["tool_calls"][0]["function"]["arguments"] = text
    choice["finish_reason"] = "length"
    payload["usage"]["completion_tokens"] = limit
    return payload


def _wrapped(text: str, wrap: str) -> str:
    if wrap == "fence":
        return f"```json\n{text}\n```"
    if wrap == "think":
        return f"<think>\nThe user wants JSON. Let me draft each field carefully.\n</think>\n\n{text}"
    if wrap == "prose":
        return f"Here is the JSON you asked for:\n{text}\nLet me know if anything should change."
    return text


class StubServer(ThreadingHTTPServer):
    """The HTTP server plus its settings and request counter."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # a burst of hundreds of concurrent connects must not overflow the listen backlog

    def __init__(
        self,
        port: int,
        *,
        latency: float,
        reject_json_schema: bool,
        log: str | None,
        rpm: int | None = None,
        behaviour: Behaviour | None = None,
    ) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.latency = max(0.0, latency)
        self.behaviour = behaviour or Behaviour(reject_json_schema=400 if reject_json_schema else 0)
        self.slots = threading.Semaphore(self.behaviour.slots) if self.behaviour.slots else None
        self.waiting = 0  # requests in the server's queue now
        self.peak_waiting = 0
        self.log_path = log
        self._lock = threading.Lock()
        self._counter = 0
        # A token bucket like a provider's: rpm/60 requests a second, and at most one second's worth in a burst.
        self.rpm = rpm
        self._tokens = (rpm or 0) / 60.0
        self._refilled = time.monotonic()

    def admit(self) -> float | None:
        """None when the request may proceed under --rpm; otherwise the seconds until one token is back."""
        if not self.rpm:
            return None
        rate = self.rpm / 60.0
        with self._lock:
            now = time.monotonic()
            self._tokens = min(max(rate, 1.0), self._tokens + (now - self._refilled) * rate)
            self._refilled = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return None
            return (1.0 - self._tokens) / rate

    def serve_slot(self, extra: float = 0.0) -> None:
        """Wait for a free slot (queued like llama.cpp), do the request's work (`extra`: seconds of generation on
        top of the latency), free the slot."""
        work = self.latency + extra
        if self.slots is None:
            if work:
                time.sleep(work)
            return
        with self._lock:
            self.waiting += 1
            self.peak_waiting = max(self.peak_waiting, self.waiting)
        self.slots.acquire()
        with self._lock:
            self.waiting -= 1
        try:
            if work:
                time.sleep(work)  # the work goes on even if the client has gone
        finally:
            self.slots.release()

    def next_id(self) -> int:
        with self._lock:
            self._counter += 1
            return self._counter

    def write_log(self, record: dict[str, Any]) -> None:
        if not self.log_path:
            return
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._lock, open(self.log_path, "a", encoding="utf-8") as handle:
            handle.write(line)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    server: StubServer
    protocol_version = "HTTP/1.1"  # keep-alive, like real endpoints
    server_version = "prp-agent-stub/1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_GET(self) -> None:
        self._drain()
        path = self.path.split("?", 1)[0].rstrip("/")
        behaviour = self.server.behaviour
        if path == "/props" and behaviour.props:
            slots = behaviour.slots or 1
            self._send(200, {"total_slots": slots, "default_generation_settings": {"n_ctx": behaviour.context}})
        elif path in {"/v1/models", "/models"}:
            self._send(200, {"object": "list", "data": [{"id": "stub-model", "object": "model", "owned_by": "stub"}]})
        else:
            self._not_found()

    do_PUT = do_DELETE = do_PATCH = do_GET

    def do_POST(self) -> None:
        t_start = time.time()
        raw = self._drain()
        path = self.path.split("?", 1)[0].rstrip("/")
        if path not in _CHAT_PATHS:
            self._not_found()
            return
        mode, name, status = "invalid", "", 200
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict):
                raise ValueError("the request body must be a JSON object")
        except ValueError as exc:
            status, payload = 400, _error(f"invalid JSON body: {exc}")
        else:
            mode, name, schema = find_schema(body)
            wait = self.server.admit()
            if wait is not None:
                status = 429
                payload = _error("Rate limit reached for requests", param=None)
                payload["error"]["type"] = "requests"
                self._retry_after_ms = int(wait * 1000) + 1
            elif mode == "json_schema" and self.server.behaviour.reject_json_schema:
                status = self.server.behaviour.reject_json_schema
                payload = _REJECTIONS.get(status, _REJECTIONS[400])
            elif mode == "tools" and self.server.behaviour.reject_tools:
                status = self.server.behaviour.reject_tools
                payload = {"error": {"message": "stub-model does not support tools", "type": "api_error"}}
            else:
                limit = int(body.get("max_tokens") or body.get("max_completion_tokens") or 4096)
                extra = limit / self.server.behaviour.tokens_per_second if self.server.behaviour.runaway else 0.0
                self.server.serve_slot(extra)
                payload = self._completion(body, mode, name, schema, len(raw))
                if self.server.behaviour.runaway:
                    payload = _ran_away(payload, limit)
        record = {"t_start": t_start, "t_end": time.time(), "path": path, "mode": mode, "schema_name": name}
        self.server.write_log({**record, "status": status})  # before replying: once answered, it is logged
        self._send(status, payload)

    def _completion(
        self, body: dict[str, Any], mode: str, name: str, schema: dict[str, Any] | None, body_len: int
    ) -> dict[str, Any]:
        answer = sample_for_schema(schema, seed=name or "stub") if schema is not None else {}
        text = _wrapped(json.dumps(answer, ensure_ascii=False), self.server.behaviour.wrap)
        number = self.server.next_id()
        message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
        finish = "stop"
        if mode == "tools":
            message["content"] = None
            message["tool_calls"] = [
                {
                    "id": f"call_stub_{number}",
                    "type": "function",
                    "function": {"name": name or "answer", "arguments": text},
                }
            ]
            finish = "tool_calls"
        prompt_tokens, completion_tokens = body_len // 4, len(text) // 4
        return {
            "id": f"chatcmpl-stub-{number}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model", "stub")),
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": 0},
            },
        }

    def _drain(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > _MAX_BODY:
            self.close_connection = True
            return b""
        return self.rfile.read(length) if length > 0 else b""

    def _not_found(self) -> None:
        self._send(404, _error(f"no route for {self.command} {self.path}"))

    _retry_after_ms: int | None = None

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if status == 429 and self._retry_after_ms is not None:
                self.send_header("retry-after-ms", str(self._retry_after_ms))
                self._retry_after_ms = None
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            drip = self.server.behaviour.trickle
            if drip and status == 200:  # alive but useless: one byte at a time
                for i in range(len(data)):
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                    time.sleep(drip)
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _error(message: str, *, param: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": "invalid_request_error"}
    if param is not None:
        error["param"] = param
    return {"error": error}


# --------------------------------------------------------------------------------------------------- running


def make_server(
    port: int = 0,
    *,
    latency: float = 0.0,
    reject_json_schema: bool = False,
    log: str | None = None,
    rpm: int | None = None,
    behaviour: Behaviour | None = None,
) -> StubServer:
    """A bound, not yet serving, stub server on 127.0.0.1."""
    return StubServer(
        port, latency=latency, reject_json_schema=reject_json_schema, log=log, rpm=rpm, behaviour=behaviour
    )


def serve_in_thread(
    latency: float = 0.0,
    reject_json_schema: bool = False,
    log: str | None = None,
    behaviour: Behaviour | None = None,
) -> tuple[str, Callable[[], None], StubServer]:
    """Start a stub in a daemon thread; its base URL (`http://127.0.0.1:<port>/v1`), a shutdown function, and the
    server (to read what it recorded)."""
    server = make_server(0, latency=latency, reject_json_schema=reject_json_schema, log=log, behaviour=behaviour)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    done = threading.Event()

    def shutdown() -> None:
        if done.is_set():
            return
        done.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://127.0.0.1:{server.port}/v1", shutdown, server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback OpenAI-compatible Chat Completions stub.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = pick a free one)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each request sleeps before answering")
    parser.add_argument(
        "--reject-json-schema",
        type=int,
        default=0,
        metavar="STATUS",
        help="reject json_schema requests with this status (400, 422 or 500), as a real server does",
    )
    parser.add_argument("--reject-tools", type=int, default=0, metavar="STATUS", help="reject tool calls")
    parser.add_argument("--slots", type=int, default=0, help="requests served at once; the rest queue (0: all)")
    parser.add_argument("--wrap", choices=["", "fence", "think", "prose"], default="", help="wrap answers")
    parser.add_argument("--props", action="store_true", help="serve llama.cpp's /props (total_slots, n_ctx)")
    parser.add_argument("--log", default=None, help="append one JSON line per request to this file")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="shut down after this many seconds")
    parser.add_argument("--rpm", type=int, default=None, help="answer 429 (with retry-after-ms) above this rate")
    parser.add_argument("--runaway", type=float, default=0.0, metavar="TOKENS_PER_S",
                        help="answers never stop: generate until max_tokens at this speed")  # fmt: skip
    parser.add_argument("--trickle", type=float, default=0.0, metavar="SECONDS",
                        help="send each answer one byte every SECONDS")  # fmt: skip
    args = parser.parse_args(argv)
    behaviour = Behaviour(slots=args.slots, reject_json_schema=args.reject_json_schema,
                          reject_tools=args.reject_tools, wrap=args.wrap, props=args.props,
                          runaway=args.runaway > 0, tokens_per_second=args.runaway or 2000.0,
                          trickle=args.trickle)  # fmt: skip
    server = make_server(args.port, latency=args.latency, log=args.log, rpm=args.rpm, behaviour=behaviour)
    timer = threading.Timer(max(0.0, args.max_seconds), server.shutdown)
    timer.daemon = True
    timer.start()
    print(f"listening http://127.0.0.1:{server.port}/v1", flush=True)
    try:
        server.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    finally:
        timer.cancel()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
