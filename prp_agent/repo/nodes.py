"""Small readers of syntax-tree nodes that the route and auth readers share: the call a node is, the definitions
and conditions around a node, and the names a file imports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prp_agent.repo.syntax import CLIMBS, Call, ClassDef, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "CONDITIONS",
    "DEF_TYPES",
    "NAMED_DEFS",
    "NAME_NODES",
    "STRING_NODE_TYPES",
    "call_at",
    "call_index",
    "calls_on",
    "conditional",
    "enclosing_class",
    "enclosing_def",
    "imports",
    "scope_node",
    "walk",
]

CONDITIONS = {"if_statement", "if_expression", "if", "unless", "when_expression", "conditional_expression",
               "if_let_expression", "switch_statement"}  # fmt: skip
DEF_TYPES = {"function_definition", "function_declaration", "method_declaration", "function_item", "method",
              "method_definition", "arrow_function", "function_expression", "func_literal", "lambda_literal",
              "lambda_expression", "anonymous_function", "closure_expression", "do_block", "block"}  # fmt: skip
NAMED_DEFS = {"function_definition", "function_declaration", "method_declaration", "function_item", "method",
               "method_definition"}  # fmt: skip
NAME_NODES = {"identifier", "simple_identifier", "attribute", "member_expression", "selector_expression",
               "field_expression", "reference_expression", "unary_expression", "variable_name", "name",
               "navigation_expression", "field_access", "member_access_expression"}  # fmt: skip
STRING_NODE_TYPES = {"string", "string_literal", "interpreted_string_literal", "template_string", "encapsed_string"}

_PY_FROM = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w ,\t]+)", re.M)
_PY_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$", re.M)
_JS_FROM = re.compile(r"""^[ \t]*import[ \t]+([^;'"\n]{1,400}?)[ \t]+from[ \t]+['"]([^'"\n]+)['"]""", re.M)
_JS_REQUIRE = re.compile(
    r"""^[ \t]*(?:const|let|var)[ \t]+([^=\n]{1,400}?)=[ \t]*require\(\s*['"]([^'"\n]+)['"]""", re.M
)


def imports(text: str) -> dict[str, str]:
    """The names a file imports and the module each comes from (Python and JavaScript forms; other languages
    name modules in the qualifier)."""
    found: dict[str, str] = {}
    for match in _PY_FROM.finditer(text):
        module = match.group(1).replace(".", "/") if not match.group(1).startswith(".") else match.group(1)
        for item in match.group(2).split(","):
            name, _, alias = item.strip().partition(" as ")
            if name.strip():
                found[(alias or name).strip()] = module
    for match in _PY_IMPORT.finditer(text):
        found[match.group(2) or match.group(1).split(".")[0]] = match.group(1).replace(".", "/")
    for pattern in (_JS_FROM, _JS_REQUIRE):
        for match in pattern.finditer(text):
            for name in re.findall(r"\w+", re.sub(r"\b\w+\s+as\b|\*\s*as\b", "", match.group(1))):
                found.setdefault(name, match.group(2))
    if "use " in text:
        for name, path, _ in rust_uses(text):
            if path:
                found.setdefault(name, "/".join(path))
    return found


_RUST_USE = re.compile(r"^[ \t]*(?:pub(?:\([\w:]{1,40}\))?[ \t]+)?use[ \t]+", re.M)  # a declaration's start
_RUST_USE_MAX = 4000  # characters of one declaration, to its `;`
_RUST_TOKEN = re.compile(r"\w+|[{},]")
_RUST_ROOTS = {"crate", "self", "super"}


def _use_bodies(text: str) -> Iterator[str]:
    """What each `use` declaration names, up to its `;` (found with `str.find`: a file of `use` lines that never end
    costs one bounded scan each, not a regex's backtracking)."""
    after = 0
    for start in _RUST_USE.finditer(text):
        if start.start() < after:
            continue  # inside the declaration before
        end = text.find(";", start.end(), start.end() + _RUST_USE_MAX + 1)
        if end > start.end():
            after = end + 1
            yield text[start.end() : end]


def rust_uses(text: str) -> Iterator[tuple[str, list[str], str]]:
    """Rust `use` declarations: each name brought in, the module path it comes from (`crate`, `self`, `super`
    left out) and its name there: `use crate::api::{users::routes as user_routes};` gives (`user_routes`,
    [`api`, `users`], `routes`), and (`users`, [`api`], `users`) for the module on the way. One pass each."""
    for body in _use_bodies(text):
        if "::" not in body:
            continue  # PHP's `use App\Models\User;`, a bare `use foo;`
        prefixes: list[list[str]] = [[]]  # the path before each open brace
        current: list[str] = []
        aliased = False
        for token in _RUST_TOKEN.findall(body.replace("::", " ")):
            if token == "{":
                prefixes.append(prefixes[-1] + current)
                current = []
            elif token in "},":
                if token == "}" and len(prefixes) > 1:
                    prefixes.pop()
                current = []
            elif token == "as":
                aliased = True
            elif aliased:
                path = [p for p in prefixes[-1] + current[:-1] if p not in _RUST_ROOTS]
                yield token, path, current[-1] if current else token
                aliased = False
            else:
                path = [p for p in prefixes[-1] + current if p not in _RUST_ROOTS]
                yield token, path, token
                current.append(token)


def call_at(syntax: SyntaxFile, node: Node | None) -> Call | None:
    if node is None:
        return None
    index = call_index(syntax)
    while node is not None and node.type in {"parenthesized_expression", "await_expression", "expression_list"}:
        node = node.named_children[0] if node.named_child_count else None
    return index.get(node.id) if node is not None else None


def calls_on(syntax: SyntaxFile, node: Node) -> list[Call]:
    """The calls made on a node's value (`router.group(…).prefix('/api')`: the `prefix` call on the group)."""
    if syntax.by_receiver is None:
        syntax.by_receiver = {}
        for call in syntax.calls:
            if call.receiver is not None:
                syntax.by_receiver.setdefault(call.receiver.id, []).append(call)
    return syntax.by_receiver.get(node.id, [])


def call_index(syntax: SyntaxFile) -> dict[int, Call]:
    """The call each call node (and the node around a Kotlin call with a trailing lambda) is."""
    cached = syntax.by_node
    if cached is None:
        cached = {}
        for call in syntax.calls:
            cached.setdefault(call.node.id, call)
            parent = call.node.parent  # Kotlin: `get("/x") { }` is a call around the call
            if (
                parent is not None
                and parent.type == call.node.type
                and parent.named_child_count >= 1
                and (parent.named_children[0].id == call.node.id)
                and parent.child_by_field_name("name") is None  # PHP's `$a->b()->c()`: `c` is its own call
            ):
                cached.setdefault(parent.id, call)
        syntax.by_node = cached
    return cached


def scope_node(node: Node) -> Node:
    """A call with its trailing lambda (Kotlin `route("/x") { }` parses as a call around the call); a method
    called on the call's result (PHP `$app->group('/api', fn)->add($mw)`) is another call, not its block."""
    parent = node.parent
    while (
        parent is not None
        and parent.type == node.type
        and parent.named_child_count
        and (parent.named_children[0].id == node.id)
        and parent.child_by_field_name("name") is None
    ):
        node, parent = parent, parent.parent
    return node


# A node's parent is found from the root (O(depth)), so climbing costs O(depth²): a long builder chain (`App::new()
# .service(…)` 300 times) made one file's reading take seconds. What a climb learns is kept for the nodes it passed,
# for the tree last parsed (`repo/syntax.CLIMBS`, cleared by every parse: node ids are reused across trees).
_DEFS: dict[tuple[tuple[int, int, int], bool], Node | None] = CLIMBS.defs
_CONDITIONAL: dict[tuple[int, int, int], bool] = CLIMBS.conditional


_BOUND_FUNCTIONS = {"arrow_function", "function_expression", "function"}


def enclosing_def(node: Node, named: bool) -> Node | None:
    passed: list[tuple[int, int, int]] = []
    current = node.parent
    found: Node | None = None
    while current is not None:
        if current.type in (NAMED_DEFS if named else DEF_TYPES):
            found = current
            break
        if named and current.type in _BOUND_FUNCTIONS and current.parent is not None and (
            current.parent.type == "variable_declarator"
        ):  # fmt: skip
            found = current.parent  # `export const InitRoutes = (deps) => { … }`: a function by its binding's name
            break
        place = _place(current)
        if (place, named) in _DEFS:
            found = _DEFS[(place, named)]
            break
        passed.append(place)
        current = current.parent
    for seen in [_place(node), *passed]:
        _DEFS[(seen, named)] = found
    return found


def _place(node: Node) -> tuple[int, int, int]:
    """Where a node is and what it is: a key no other node of the tree shares (`Node.id` is shared by small leaves
    stored inline)."""
    return node.start_byte, node.end_byte, node.kind_id


def enclosing_class(node: Node, classes: dict[int, ClassDef]) -> ClassDef | None:
    current = node.parent
    while current is not None:
        found = classes.get(current.id)
        if found is not None:
            return found
        if current.type == "ERROR":  # Kotlin: a class the grammar could not place
            break
        current = current.parent
    return None


def conditional(node: Node) -> bool:
    passed: list[tuple[int, int, int]] = []
    current = node.parent
    answer = False
    while current is not None and current.type not in NAMED_DEFS:
        if current.type in CONDITIONS:
            answer = True
            break
        known = _CONDITIONAL.get(_place(current))
        if known is not None:
            answer = known
            break
        passed.append(_place(current))
        current = current.parent
    for seen in [_place(node), *passed]:
        _CONDITIONAL[seen] = answer
    return answer


def walk(node: Node, limit: int) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack and len(out) < limit:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.named_children))
    return out
