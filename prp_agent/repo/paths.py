"""String values of expressions in a syntax tree: literals, concatenations, interpolations, and names followed to the
constant, setting default or class attribute that defines them anywhere in the repository.

A name that cannot be followed is kept visible as `{NAME}` and reported, never dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from prp_agent.repo.syntax import SyntaxFile

__all__ = ["Constants", "Value"]

_STRING_TYPES = {
    "string", "string_literal", "interpreted_string_literal", "raw_string_literal", "template_string",
    "encapsed_string", "verbatim_string_literal", "interpolated_string_expression", "line_string_literal",
    "multi_line_string_literal", "text_block", "string_value", "sigil", "raw_string", "character_literal",
}  # fmt: skip
_NAME_TYPES = {
    "identifier", "attribute", "member_expression", "field_access", "navigation_expression", "selector_expression",
    "scoped_identifier", "member_access_expression", "class_constant_access_expression",
    "scoped_property_access_expression",
    "constant", "simple_identifier", "field_expression", "name", "qualified_name", "scope_resolution",
}  # fmt: skip
_CONCAT_TYPES = {"binary_expression", "binary_operator", "additive_expression", "concatenated_string", "binary"}
_WRAPPER_TYPES = {"parenthesized_expression", "expression_list", "argument", "value_argument", "string_content"}
_INTERPOLATION = re.compile(
    r"\$\{([^}]{1,80})\}|#\{([^}]{1,80})\}|\{\$?([A-Za-z_][\w.:>\-]{0,80})\}|\$([A-Za-z_]\w{0,80})"
)
_PREFIXES = re.compile(r"^(?:[rRbBuUfF]{1,2}|@\$|\$@|\$|@|~[a-zA-Z])?(\"\"\"|'''|\"|'|`)", re.S)
_MAX_DEPTH = 12


@dataclass(frozen=True)
class Value:
    """A string an expression evaluates to, and the names in it that could not be followed."""

    text: str
    unresolved: tuple[str, ...] = ()


@dataclass
class Constants:
    """String constants of every parsed file, by their last name (`settings.API_V1_STR` → `API_V1_STR`)."""

    defined: dict[str, list[tuple[SyntaxFile, Node]]] = field(default_factory=lambda: defaultdict(list))

    def add_file(self, syntax: SyntaxFile) -> None:
        """Learn the string-valued bindings of one file."""
        for assign in syntax.assigns:
            if _stringish(assign.value) and len(assign.name) <= 80:
                self.defined[assign.name].append((syntax, assign.value))

    def value(self, syntax: SyntaxFile, node: Node | None, depth: int = 0) -> Value | None:
        """The string an expression evaluates to; None when it is no string expression at all."""
        if node is None or depth > _MAX_DEPTH:
            return None
        kind = node.type
        if kind in _WRAPPER_TYPES and node.named_child_count == 1:
            return self.value(syntax, node.named_children[0], depth + 1)
        if kind in _STRING_TYPES:
            return self._literal(syntax, syntax.text(node), depth)
        if kind in _CONCAT_TYPES:
            parts = [self.value(syntax, child, depth + 1) for child in node.named_children]
            known = [p for p in parts if p is not None]
            if not known or (len(known) < len(parts) and all(p.text == "" for p in known)):
                return None
            return Value("".join(p.text for p in known), tuple(n for p in known for n in p.unresolved))
        if kind in {"call_expression", "call", "method_invocation"} and node.named_child_count:
            return self._joined(syntax, node, depth)
        if kind in _NAME_TYPES:
            return self.name(syntax, syntax.text(node), depth)
        if kind in {"array", "list", "array_creation_expression", "element_value_array_initializer",
                    "collection_literal", "array_initializer", "token_tree"}:  # fmt: skip
            first = next((c for c in node.named_children if c.type not in {"comment"}), None)
            if first is not None and first.type == "array_element_initializer":
                first = first.named_children[0] if first.named_child_count else None
            return self.value(syntax, first, depth + 1)
        return None

    def _joined(self, syntax: SyntaxFile, node: Node, depth: int) -> Value | None:
        """`[base, "/api"].concat()`, `["/a", b].join("")`: the elements joined."""
        function = node.child_by_field_name("function")
        if function is None or function.type not in {"field_expression", "member_expression", "attribute"}:
            return None
        if not syntax.text(function).endswith(("concat", "join")):
            return None
        target = function.named_children[0] if function.named_child_count else None
        if target is None or target.type not in {"array_expression", "array", "list"}:
            return None
        parts = [self.value(syntax, child, depth + 1) for child in target.named_children]
        if any(p is None for p in parts):
            return None
        known = [p for p in parts if p is not None]
        return Value("".join(p.text for p in known), tuple(n for p in known for n in p.unresolved))

    def name(self, syntax: SyntaxFile, expression: str, depth: int = 0) -> Value:
        """A named constant's value, or `{NAME}` marked unresolved."""
        last = re.split(r"\.|::|->|\\", expression.strip().lstrip("$@"))[-1].strip()
        label = last or expression
        candidates = self.defined.get(last, [])
        own = [c for c in candidates if c[0] is syntax]
        values = {
            v.text: v
            for f, n in (own or candidates)
            if (v := self.value(f, n, depth + 1)) is not None and not v.unresolved
        }
        if len(values) == 1:
            return next(iter(values.values()))
        return Value("{" + label + "}", (label,))

    def _literal(self, syntax: SyntaxFile, raw: str, depth: int) -> Value:
        match = _PREFIXES.match(raw)
        body = raw
        if match:
            quote = match.group(1)
            body = raw[match.end() :]
            body = body[: -len(quote)] if body.endswith(quote) else body
        interpolated = raw[:1] in 'f$`"' and _INTERPOLATION.search(body) is not None
        if not interpolated:
            return Value(body)
        unresolved: list[str] = []

        def follow(found: re.Match[str]) -> str:
            expression = next(g for g in found.groups() if g)
            if not re.fullmatch(r"[\w.:>\-]+", expression) or (found.group(0).startswith("{") and raw[:1] not in "f$"):
                return found.group(0)
            resolved = self.name(syntax, expression, depth + 1)
            unresolved.extend(resolved.unresolved)
            return resolved.text

        return Value(_INTERPOLATION.sub(follow, body), tuple(unresolved))


def _stringish(node: Node) -> bool:
    kind = node.type
    if kind in _WRAPPER_TYPES and node.named_child_count == 1:
        return _stringish(node.named_children[0])
    if kind in _STRING_TYPES:
        return True
    return kind in _CONCAT_TYPES and any(_stringish(c) for c in node.named_children)
