"""Roda routing trees read from the syntax tree: `route do |r|`, `r.on`/`r.is` blocks and their matchers (a string is
a segment; a symbol, `String`, `Integer` or a constant is a parameter), `r.get`/`r.post`/… with or without matchers,
`r.root`, and the `hash_branches` plugin (`hash_branch(:namespace, "segment") do |r|` blocks, served under the path
where `r.hash_branches(:namespace)` is called, linked once every file is read). Conditions that are no matcher
(`r.get api? do`, `r.get true do`) add no segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prp_agent.repo.rails import VERBS, rails_arguments, rails_join
from prp_agent.repo.syntax import SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["RODA_FILE", "RodaTree", "roda_routes", "roda_tree"]

RODA_FILE = re.compile(rb"<\s*Roda\b|hash_branch\(|\broute\s+do\s*\|r\|")
_MAX_DEPTH = 40


@dataclass
class RodaTree:
    """What a file's routing blocks declare: routes by the branch they sit in (`None` for the main `route` block),
    and where each namespace's branches are dispatched."""

    routes: list[tuple[tuple[str, str] | None, str, str, str, int]] = field(default_factory=list)
    dispatches: list[tuple[tuple[str, str] | None, str, str]] = field(default_factory=list)  # (in, namespace, path)


def roda_tree(syntax: SyntaxFile) -> RodaTree:
    """The routes and `hash_branches` dispatches of a Roda file."""
    tree = RodaTree()
    root = syntax.root
    if root is None:
        return tree
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "call" and node.child_by_field_name("receiver") is None:
            method = node.child_by_field_name("method")
            name = syntax.text(method) if method is not None else ""
            block = node.child_by_field_name("block")
            if name == "route" and block is not None:
                _walk(syntax, block, "", None, tree, 0)
                continue
            if name == "hash_branch" and block is not None:
                args = rails_arguments(syntax, node)[0]
                if args:
                    namespace, segment = (args[0], args[1]) if len(args) > 1 else ("", args[0])
                    _walk(syntax, block, "", (namespace, segment), tree, 0)
                continue
        stack.extend(node.named_children)
    return tree


def _segments(syntax: SyntaxFile, call: Node) -> list[str] | None:
    """A routing call's matchers as path segments; None when one is a matcher no path writes (a regexp, a hash)."""
    arguments = call.child_by_field_name("arguments")
    segments: list[str] = []
    for child in arguments.named_children if arguments is not None else []:
        text = syntax.text(child)
        if child.type == "string":
            segments.append(text.strip("\"'"))
        elif child.type == "simple_symbol":
            segments.append("{" + text.lstrip(":") + "}")
        elif child.type in {"constant", "scope_resolution"}:
            name = text.rsplit("::", 1)[-1]
            segments.append("{id}" if name in {"Integer", "String"} else "{" + name.lower() + "}")
        elif child.type in {"regex", "hash", "pair"}:
            return None
    return segments


def _walk(
    syntax: SyntaxFile, node: Node, path: str, branch: tuple[str, str] | None, tree: RodaTree, depth: int
) -> None:
    if depth > _MAX_DEPTH:
        return
    for child in node.named_children:
        receiver = child.child_by_field_name("receiver") if child.type == "call" else None
        if receiver is None or syntax.text(receiver) != "r":
            _walk(syntax, child, path, branch, tree, depth + 1)
            continue
        method = child.child_by_field_name("method")
        name = syntax.text(method) if method is not None else ""
        block = child.child_by_field_name("block")
        line = int(child.start_point[0]) + 1
        if name == "hash_branches":
            given = rails_arguments(syntax, child)[0]
            tree.dispatches.append((branch, given[0] if given else "", path))
            continue
        segments = _segments(syntax, child)
        if segments is None:
            continue
        here = rails_join(path, *segments)
        if name in VERBS:
            tree.routes.append((branch, VERBS[name], here, syntax.path, line))
        elif name == "root":
            tree.routes.append((branch, "GET", path, syntax.path, line))
        elif name in {"on", "is"} and block is not None:
            _walk(syntax, block, here, branch, tree, depth + 1)
            continue
        if block is not None:
            _walk(syntax, block, here, branch, tree, depth + 1)


def roda_routes(trees: list[RodaTree]) -> list[tuple[str, str, str, int]]:
    """(method, full path, file, line): the main block's routes as written, each branch's under every path its
    namespace is dispatched at (a branch that is never dispatched stands under its own segment)."""
    dispatched: dict[str, list[tuple[tuple[str, str] | None, str]]] = {}
    for tree in trees:
        for inside, namespace, at in tree.dispatches:
            dispatched.setdefault(namespace, []).append((inside, at))

    def prefixes(branch: tuple[str, str] | None, seen: frozenset[tuple[str, str]]) -> list[str]:
        if branch is None:
            return [""]
        namespace, segment = branch
        places = dispatched.get(namespace) or [(None, "")]
        found = [
            rails_join(outer, at, segment)
            for inside, at in places
            if inside not in seen
            for outer in prefixes(inside, seen | ({inside} if inside else frozenset()))
        ]
        return found[:8] or [rails_join(segment)]

    routes = []
    for tree in trees:
        for branch, method, path, file, line in tree.routes:
            for prefix in prefixes(branch, frozenset({branch} if branch else ())):
                routes.append((method, rails_join(prefix, path) or "/", file, line))
    return routes
