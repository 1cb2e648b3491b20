"""Ktor's type-safe routing (the Resources plugin): classes annotated `@Resource("users")` name path segments, a
constructor parameter typed with another resource class (`val parent: Users = Users()`) nests one under the other,
and a route names its resource as a type argument: `post<Users.Register> { … }`.

Kotlin's grammar reads `post<Users.Register> { … }` as two comparisons, so the route calls are found in the text
(one bounded pattern) and placed in the tree by their offsets; the resource classes are read from the tree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prp_agent.repo.paths import Value

if TYPE_CHECKING:
    from tree_sitter import Node

    from prp_agent.repo.syntax import SyntaxFile

__all__ = ["RESOURCE_FILE", "TYPED_ROUTE", "resource_paths", "typed_route_path"]

RESOURCE_FILE = re.compile(rb"@Resource\(")
# `get<Users.ById> {`, `post<Organizations.ById.Members>(…)`: a route on a resource class
TYPED_ROUTE = re.compile(rb"(?<![\w.])(get|post|put|patch|delete|head|options)<([A-Z][\w.]{0,200})>[ \t]*[({]")
_RESOURCE = re.compile(r"""@(?:io\.ktor\.resources\.)?Resource\([ \t]*"([^"\n]*)"[ \t]*\)""")
_MAX_DEPTH = 12


def resource_paths(syntax: SyntaxFile) -> dict[str, Value]:
    """Each resource class's qualified name (`Organizations.ById.Members`) → its whole path, parents followed."""
    declared: dict[str, tuple[str, str]] = {}  # qualified name → (own segment, the parent type as written)
    for klass in syntax.classes:
        segment = _segment(syntax, klass.node)
        if segment is not None:
            declared[_qualified(syntax, klass.node)] = (segment, _parent_type(syntax, klass.node))
    paths: dict[str, Value] = {}
    for name in declared:
        segments: list[str] = []
        current: str | None = name
        for _ in range(_MAX_DEPTH):
            if current is None or current not in declared:
                break
            segment, parent = declared[current]
            segments.append(segment.strip("/"))
            current = _resolve(parent, current, declared) if parent else None
        paths[name] = Value("/".join(s for s in reversed(segments) if s))
    return paths


def typed_route_path(resource: str) -> Value:
    """A route's path while its resource class is found at link time (`{Users.Register}` until then)."""
    return Value("{" + resource + "}", (resource,))


def _segment(syntax: SyntaxFile, node: Node) -> str | None:
    """The segment a class's `@Resource("…")` annotation names; None when it has none."""
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    texts = [syntax.text(a) for a in modifiers.children] if modifiers is not None else []
    before = node.prev_named_sibling  # the grammar may read a top-level class's annotations as an expression
    if before is not None and before.type == "annotated_expression":
        texts.append(syntax.text(before))
    for text in texts:
        found = _RESOURCE.search(text)
        if found:
            return found.group(1)
    return None


def _qualified(syntax: SyntaxFile, node: Node) -> str:
    """`Outer.Inner` for a class nested in others."""
    names = []
    current: Node | None = node
    while current is not None:
        if current.type in {"class_declaration", "object_declaration"}:
            name = current.child_by_field_name("name") or next(
                (c for c in current.children if c.type in {"identifier", "type_identifier"}), None
            )
            if name is not None:
                names.append(syntax.text(name))
        current = current.parent
    return ".".join(reversed(names))


def _parent_type(syntax: SyntaxFile, node: Node) -> str:
    """The type of the constructor parameter that nests a resource (`parent`, else the first class-typed one)."""
    constructor = next((c for c in node.children if c.type == "primary_constructor"), None)
    parameters = constructor.children if constructor is not None else []
    listed = next((c for c in parameters if c.type == "class_parameters"), None)
    typed = []
    for parameter in listed.named_children if listed is not None else []:
        name = next((c for c in parameter.children if c.type == "identifier"), None)
        kind = next((c for c in parameter.children if c.type in {"user_type", "nullable_type"}), None)
        if name is not None and kind is not None:
            typed.append((syntax.text(name), syntax.text(kind).rstrip("?")))
    return next((kind for name, kind in typed if name == "parent"), typed[0][1] if typed else "")


def _resolve(written: str, inside: str, declared: dict[str, tuple[str, str]]) -> str | None:
    """The declared resource a type names from inside a class: as written, or relative to an enclosing class."""
    scopes = inside.split(".")
    for depth in range(len(scopes), -1, -1):
        candidate = ".".join([*scopes[:depth], written]) if depth else written
        if candidate in declared and candidate != inside:
            return candidate
    return None
