"""Elixir: Phoenix routers (`scope`, `pipe_through`, nested `resources`) and endpoint sockets; Ecto schemas."""

from __future__ import annotations

import bisect
import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import Routes, SourceFile, normalize_path, singular_class

__all__ = ["ROUTES", "entity_finder"]


_PHX_LINE = re.compile(
    r"^[ \t]*(?:(scope)[\s(]+\"([^\"]*)\"|(resources)[\s(]+\"([^\"]*)\"\s*,\s*[\w.]+([^\n]*)|"
    r"(get|post|put|patch|delete|live)[\s(]+\"([^\"]*)\"|(end)\b)"
)

_PHX_ROUTER = re.compile(r"\buse\s+Phoenix\.Router\b|\buse\(?\s*[\w.]+,\s*:router\b")

_PHX_ACTIONS = {"index": ("GET", ""), "new": ("GET", "new"), "create": ("POST", ""), "show": ("GET", ":id"),
                "edit": ("GET", ":id/edit"), "update": ("PATCH", ":id"), "delete": ("DELETE", ":id")}  # fmt: skip


def _phoenix(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Elixir" and _PHX_ROUTER.search(f.code)):
        stack: list[str | None] = []
        offset = 0
        for line in source.code.splitlines(keepends=True):
            match = _PHX_LINE.match(line)
            opens = bool(re.search(r"\bdo\s*$", line))
            prefix = [p for p in stack if p]
            if match and match.group(1):
                stack.append(match.group(2))
            elif match and match.group(3):
                _phx_resources(routes, source, offset, prefix, match.group(4), match.group(5))
                if opens:
                    name = match.group(4).strip("/")
                    stack.append(f"{name}/:{name.rstrip('s')}_id")
            elif match and match.group(6):
                method = "GET" if match.group(6) == "live" else match.group(6)
                routes.add(method, normalize_path(*prefix, match.group(7)), source, offset)
                if opens:
                    stack.append(None)
            elif match and match.group(8):
                if stack:
                    stack.pop()
            elif opens:
                stack.append(None)
            offset += len(line)


_PHX_ENDPOINT = re.compile(r"\buse\s+Phoenix\.Endpoint\b")
# a socket's head line, and the first line after it indented no deeper (where its options end)
_PHX_SOCKET = re.compile(r"^([ \t]*)socket[ \t(]+\"([^\"\n]*)\"[ \t]*,[ \t]*([\w.]+)", re.M)
_DEV_SOCKETS = {"Phoenix.LiveReloader.Socket"}  # the live-reload socket of development builds


def _phoenix_sockets(files: list[SourceFile], routes: Routes) -> None:
    """An endpoint's `socket "/socket", UserSocket, websocket: true, longpoll: true`: the transports' paths
    (`/socket/websocket` unless `websocket: false`; `/socket/longpoll`, GET and POST, when long polling is on)."""
    for source in (f for f in files if f.language == "Elixir" and _PHX_ENDPOINT.search(f.code)):
        code = source.code
        for match in _PHX_SOCKET.finditer(code):
            if match.group(3) in _DEV_SOCKETS:
                continue
            indent = len(match.group(1))
            end = match.end()
            for line in re.finditer(r"\n([ \t]*)(\S)", code[end : end + 20_000]):
                if len(line.group(1)) <= indent and line.group(2) not in ")]}":
                    options = code[end : end + line.start()]
                    break
            else:
                options = code[end : end + 20_000]
            transports = {"websocket": ("GET",), "longpoll": ("GET", "POST")}
            for transport, methods in transports.items():
                setting = re.search(rf"\b{transport}:\s*(\w+)?", options)
                given = setting is not None or transport == "websocket"  # web sockets are on by default
                on = given and (setting is None or setting.group(1) != "false")
                for method in methods if on else ():
                    routes.add(method, normalize_path(match.group(2), transport), source, match.start())


def _phx_resources(routes: Routes, source: SourceFile, offset: int, prefix: list[str], path: str, options: str) -> None:
    actions = dict(_PHX_ACTIONS)
    only = re.search(r"only:\s*\[([^\]]*)\]", options)
    except_ = re.search(r"except:\s*\[([^\]]*)\]", options)
    if only:
        actions = {k: v for k, v in actions.items() if k in set(re.findall(r":(\w+)", only.group(1)))}
    if except_:
        actions = {k: v for k, v in actions.items() if k not in set(re.findall(r":(\w+)", except_.group(1)))}
    for name, (method, suffix) in actions.items():
        routes.add(method, normalize_path(*prefix, path, suffix), source, offset)
        if name == "update":
            routes.add("PUT", normalize_path(*prefix, path, suffix), source, offset)


_ECTO_MODULE = re.compile(r"defmodule\s+([\w.]+)\s+do")

# a schema's head, and every `end` line: a body runs from its head to the first `end` after it (found by bisection,
# so a file of many heads and no `end` is read in linear time)
_ECTO_SCHEMA = re.compile(r"^[ \t]*(?:typed_)?schema\(?[ \t]*\"(\w+)\"\)?\s+do\b", re.M)
_ECTO_END = re.compile(r"^[ \t]*end\b", re.M)

_ECTO_FIELD = re.compile(
    r"^[ \t]*(field|belongs_to|has_many|has_one|many_to_many|embeds_one|embeds_many)[\s(]+:(\w+)", re.M
)


def entity_finder(files: list[SourceFile]) -> FileModels:
    """Ecto schemas, named by their module (or their table)."""

    def find(source: SourceFile, add: Add) -> None:
        code = source.code
        if source.language != "Elixir" or ('schema "' not in code and 'schema("' not in code):
            return
        modules = [(m.start(), m.group(1)) for m in _ECTO_MODULE.finditer(code)]
        starts = [start for start, _ in modules]
        ends = [m.start() for m in _ECTO_END.finditer(code)]
        for match in _ECTO_SCHEMA.finditer(code):
            after = bisect.bisect_left(ends, match.end())
            if after == len(ends):
                break  # no `end` follows: no schema body
            body = code[match.end() : ends[after]]
            opened = bisect.bisect_right(starts, match.start()) - 1  # the module the schema sits in: the last opened
            module = modules[opened][1] if opened >= 0 else ""  # before it (a file may define a helper module first)
            name = module.rsplit(".", 1)[-1] if module else singular_class(match.group(1))
            fields = [f"{n}_id" if kind == "belongs_to" else n for kind, n in _ECTO_FIELD.findall(body)]
            add(name, fields, source, match.start())

    return find


ROUTES = (_phoenix, _phoenix_sockets)
