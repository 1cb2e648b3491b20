"""Grape APIs read from the syntax tree: `prefix`, `version … using: :path`, `namespace`/`resource`/`group`/
`segment` and `route_param` blocks, verbs with or without a path, and `mount Other::API` (the mounted API's routes
under the mounting one's path, linked by class name once every file is read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prp_agent.repo.rails import VERBS, rails_arguments, rails_join
from prp_agent.repo.syntax import SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["GRAPE_FILE", "GrapeApi", "grape_apis", "grape_routes"]

GRAPE_FILE = re.compile(rb"Grape::API|<\s*(?:::)?\w*(?:::)?API::(?:Base|Instance)\b")
_NESTS = {"namespace", "resource", "resources", "group", "segment"}
_MAX_DEPTH = 30


@dataclass
class GrapeApi:
    """One API class: its prefix and path version, its routes (relative to them) and the APIs it mounts."""

    bases: list[str] = field(default_factory=list)  # its prefix with each path version (`/api/v3`, `/api/v2`)
    routes: list[tuple[str, str, str, int]] = field(default_factory=list)  # (method, path, file, line)
    mounts: list[tuple[str, str]] = field(default_factory=list)  # (mounted class, path it is mounted at)


def grape_apis(syntax: SyntaxFile) -> dict[str, GrapeApi]:
    """The Grape API classes a file declares (by their last name: `Projects` of `API::Projects`)."""
    root = syntax.root
    found: dict[str, GrapeApi] = {}
    if root is None:
        return found
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class":
            name = node.child_by_field_name("name")
            body = next((c for c in node.named_children if c.type == "body_statement"), None)
            if name is not None and body is not None:
                api = found.setdefault(syntax.text(name).rsplit("::", 1)[-1], GrapeApi())
                prefix, versions = "", [""]
                for call in (c for c in body.named_children if c.type == "call"):
                    method = call.child_by_field_name("method")
                    args, options = rails_arguments(syntax, call)
                    if method is not None and syntax.text(method) == "prefix" and args:
                        prefix = args[0]
                    elif (
                        method is not None
                        and syntax.text(method) == "version"
                        and options.get("using", "path") == "path"
                    ):
                        listed = _versions(syntax, call)
                        versions = listed or versions
                api.bases = api.bases or [rails_join(prefix, version) for version in versions]
                _walk(syntax, body, "", api, 0)
                continue
        stack.extend(node.named_children)
    return found


def _walk(syntax: SyntaxFile, node: Node, path: str, api: GrapeApi, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    for call in (c for c in node.named_children if c.type == "call"):
        method = call.child_by_field_name("method")
        name = syntax.text(method) if method is not None else ""
        args, _ = rails_arguments(syntax, call)
        block = call.child_by_field_name("block")
        line = int(call.start_point[0]) + 1
        if name in VERBS:
            api.routes.append((VERBS[name], rails_join(path, args[0] if args else ""), syntax.path, line))
        elif name in _NESTS and args and block is not None:
            _walk(syntax, _block_body(block), rails_join(path, args[0]), api, depth + 1)
        elif name == "route_param" and args and block is not None:
            _walk(syntax, _block_body(block), rails_join(path, "{" + args[0] + "}"), api, depth + 1)
        elif name == "mount":
            target = call.child_by_field_name("arguments")
            first = target.named_children[0] if target is not None and target.named_children else None
            if first is not None and first.type in {"constant", "scope_resolution"}:
                api.mounts.append((syntax.text(first).rsplit("::", 1)[-1], path))


def _versions(syntax: SyntaxFile, call: Node) -> list[str]:
    """`version "v3"`, `version "v3", "v2"`, `version %w[v3 v2]` or `version ["v3", "v2"]`: each version."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    first = [c for c in arguments.named_children if c.type != "pair"]
    text = " ".join(syntax.text(c) for c in first)[:300]
    return re.findall(r"[\w.-]+", re.sub(r"%[wi][\[(]|[\])\[\"',:]", " ", text))


def _block_body(block: Node) -> Node:
    return next((c for c in block.named_children if c.type in {"body_statement", "block_body"}), block)


def grape_routes(apis: dict[str, GrapeApi]) -> list[tuple[str, str, str, int]]:
    """(method, full path, file, line) of every API's routes: each under the path of the APIs that mount it (an
    API nobody mounts stands at its own prefix and version)."""
    parents: dict[str, list[tuple[str, str]]] = {}
    for name, api in apis.items():
        for child, at in api.mounts:
            parents.setdefault(child, []).append((name, at))

    def bases(name: str, seen: frozenset[str]) -> list[str]:
        own = (apis[name].bases if name in apis else []) or [""]
        above = [
            rails_join(base, at, mine)
            for parent, at in parents.get(name, [])
            if parent not in seen
            for base in bases(parent, seen | {parent})
            for mine in own
        ]
        return above or own

    routes = []
    for name, api in apis.items():
        for base in bases(name, frozenset({name}))[:8]:
            routes += [(method, rails_join(base, path) or "/", file, line) for method, path, file, line in api.routes]
    return routes
