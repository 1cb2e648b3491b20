"""Elixir: Phoenix routers (read from their syntax trees: `scope`, verbs, `match`, `forward`, nested `resources`) and
endpoint sockets; Ecto schemas."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import Routes, SourceFile, normalize_path, singular_class
from prp_agent.repo.syntax import BudgetExceeded, SyntaxFile, parse_file

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["ROUTES", "entity_finder"]


_PHX_ROUTER = re.compile(r"\buse\s+Phoenix\.Router\b|\buse\(?\s*[\w.]+,\s*:router\b")

_PHX_ACTIONS = {"index": ("GET", ""), "new": ("GET", "new"), "create": ("POST", ""), "show": ("GET", ":id"),
                "edit": ("GET", ":id/edit"), "update": ("PATCH", ":id"), "delete": ("DELETE", ":id")}  # fmt: skip
_PHX_VERBS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "head": "HEAD",
              "options": "OPTIONS", "live": "GET", "live_dashboard": "GET", "forward": "GET"}  # fmt: skip
# what a router's file holds besides routes: its pipelines' plugs are no routes, nor anything they call
_PHX_SKIPPED = {"pipeline", "pipe_through", "plug", "use", "import", "alias", "require"}
_PHX_DEPTH = 40


def _phoenix(files: list[SourceFile], routes: Routes) -> None:
    """Phoenix routers read from their syntax trees: `get`/`post`/… and `live` routes, `match :verb` (`:*` any
    method, listed as GET), `forward` (a plug served under the path), `resources` with `only:`/`except:`/
    `singleton: true` and the routes nested in them, under every enclosing `scope "/x"` or `scope path: "/x"`."""
    for source in (f for f in files if f.language == "Elixir" and _PHX_ROUTER.search(f.code)):
        try:
            parsed = parse_file(source.path, source.code, "Elixir")
        except BudgetExceeded:
            continue
        if parsed is not None and parsed.root is not None:
            _phx_block(parsed, parsed.root, [], routes, source, 0)


def _phx_block(syntax: SyntaxFile, node: Node, prefix: list[str], routes: Routes, source: SourceFile,
               depth: int) -> None:  # fmt: skip
    """The routes of the calls in a block, under `prefix`."""
    if depth > _PHX_DEPTH:
        return
    for child in node.named_children:
        if child.type != "call":
            continue
        name = _call_name(syntax, child)
        if name in _PHX_SKIPPED:
            continue
        arguments = _part(child, "arguments")
        args = [a for a in arguments.named_children if a.type != "keywords"] if arguments is not None else []
        options = _phx_options(syntax, arguments)
        block = _part(child, "do_block")
        strings = [_phx_string(syntax, a) for a in args]
        offset = child.start_byte
        if name == "scope":
            path = strings[0] if strings and strings[0] is not None else _phx_string(syntax, options.get("path"))
            if block is not None:
                _phx_block(syntax, block, [*prefix, path or ""], routes, source, depth + 1)
        elif name == "match" and len(args) >= 2 and strings[1] is not None:
            verb = syntax.text(args[0]).lstrip(":").upper()
            routes.add("GET" if verb == "*" else verb, normalize_path(*prefix, strings[1]), source, offset)
        elif name in _PHX_VERBS and strings and strings[0] is not None:
            routes.add(_PHX_VERBS[name], normalize_path(*prefix, strings[0]), source, offset)
        elif name == "resources" and strings and strings[0] is not None:
            path = strings[0]
            singleton = syntax.text(options["singleton"]) == "true" if "singleton" in options else False
            _phx_resources(syntax, routes, source, offset, prefix, path, options, singleton)
            if block is not None:
                resource = path.strip("/").rsplit("/", 1)[-1]
                nested = [*prefix, path] if singleton else [*prefix, path, f":{resource.rstrip('s')}_id"]
                _phx_block(syntax, block, nested, routes, source, depth + 1)
        elif block is not None:  # `defmodule`, `if Mix.env() == :dev do`, `live_session :default do`
            _phx_block(syntax, block, prefix, routes, source, depth + 1)


def _phx_string(syntax: SyntaxFile, node: Node | None) -> str | None:
    """A plain string literal's content (no interpolation); None for anything else."""
    if node is None or node.type != "string" or any(c.type == "interpolation" for c in node.named_children):
        return None
    return syntax.text(node)[1:-1]


def _phx_options(syntax: SyntaxFile, arguments: Node | None) -> dict[str, Node]:
    """A call's keyword options (`only: [:index]`, `path: "/api"`) by name."""
    keywords = _part(arguments, "keywords") if arguments is not None else None
    found: dict[str, Node] = {}
    for pair in keywords.named_children if keywords is not None else []:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is not None and value is not None:
            found[syntax.text(key).rstrip(": ")] = value
    return found


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


def _phx_resources(syntax: SyntaxFile, routes: Routes, source: SourceFile, offset: int, prefix: list[str], path: str,
                   options: dict[str, Node], singleton: bool) -> None:  # fmt: skip
    """The standard actions of `resources "/x", C` (a singleton's have no `:id` and no index), narrowed by
    `only:`/`except:`."""
    actions = dict(_PHX_ACTIONS)
    if singleton:
        actions = {k: (m, suffix.replace(":id", "").strip("/")) for k, (m, suffix) in actions.items() if k != "index"}
    for key, keep in (("only", True), ("except", False)):
        if key in options:
            named = set(re.findall(r":(\w+)", syntax.text(options[key])))
            actions = {k: v for k, v in actions.items() if (k in named) == keep}
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


# what makes an Ash resource a stored one: its data layer's block (`postgres do table "x" … end`) or option
_ASH_STORED = re.compile(r"^[ \t]*(?:postgres|sqlite)[ \t]+do\b|data_layer:[ \t]*Ash(?:Postgres|Sqlite)\.", re.M)
_ASH_KEYS = {"uuid_primary_key", "uuid_v7_primary_key", "integer_primary_key", "attribute", "create_timestamp",
             "update_timestamp"}  # fmt: skip


def _ash_resources(source: SourceFile, add: Add) -> None:
    """Ash resources kept by a data layer (AshPostgres, AshSqlite), read from their syntax trees: each module's
    `attributes do` (`attribute :name, :string`, primary keys, `create_timestamp`, `timestamps()` as
    `inserted_at`/`updated_at`) and its `belongs_to` relationships' keys (`cluster_id`)."""
    try:
        parsed = parse_file(source.path, source.code, "Elixir")
    except BudgetExceeded:
        return
    if parsed is None or parsed.root is None:
        return
    for module in _ash_modules(parsed, parsed.root, 0):
        arguments, body = _part(module, "arguments"), _part(module, "do_block")
        if arguments is None or body is None or not arguments.named_children:
            continue
        fields: list[str] = []
        blocks = {_call_name(parsed, c): c for c in body.named_children if c.type == "call"}
        if not {"attributes", "relationships"} & set(blocks):
            continue
        for section in ("attributes", "relationships"):
            inner = _part(blocks[section], "do_block") if section in blocks else None
            for call in inner.named_children if inner is not None else []:
                kind = _call_name(parsed, call) if call.type == "call" else ""
                first = _ash_first(parsed, call) if call.type == "call" else ""
                if kind == "timestamps":
                    fields += ["inserted_at", "updated_at"]
                elif section == "attributes" and kind in _ASH_KEYS and first:
                    fields.append(first)
                elif section == "relationships" and kind == "belongs_to" and first:
                    fields.append(f"{first}_id")
        module_name = parsed.text(arguments.named_children[0])
        add(module_name.rsplit(".", 1)[-1], list(dict.fromkeys(fields)), source, module.start_byte)


def _ash_modules(syntax: SyntaxFile, node: Node, depth: int) -> list[Node]:
    """The `defmodule` calls of a file, nested ones too."""
    found = []
    for child in node.named_children:
        if child.type == "call" and _call_name(syntax, child) == "defmodule":
            found.append(child)
            body = _part(child, "do_block")
            if body is not None and depth < 8:
                found += _ash_modules(syntax, body, depth + 1)
    return found


def _call_name(syntax: SyntaxFile, call: Node) -> str:
    """The name a call calls (`scope`, `attribute`, `defmodule`), "" for a call on a module or a value."""
    target = call.child_by_field_name("target")
    return syntax.text(target) if target is not None and target.type == "identifier" else ""


def _part(node: Node, kind: str) -> Node | None:
    """A call's `arguments`, `do_block` or `keywords` child, None when it has none."""
    return next((c for c in node.named_children if c.type == kind), None)


def _ash_first(syntax: SyntaxFile, call: Node) -> str:
    """A call's first argument when it is an atom (`attribute :name, …` → `name`)."""
    arguments = _part(call, "arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    return syntax.text(first).lstrip(":") if first is not None and first.type == "atom" else ""


def entity_finder(files: list[SourceFile]) -> FileModels:
    """Ecto schemas, named by their module (or their table); Ash resources a data layer keeps."""

    def find(source: SourceFile, add: Add) -> None:
        code = source.code
        if (
            source.language == "Elixir"
            and _ASH_STORED.search(code)
            and ("attributes do" in code or "relationships do" in code)
        ):
            _ash_resources(source, add)
            return
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
