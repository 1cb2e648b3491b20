"""String values of expressions in a syntax tree: literals, concatenations, interpolations, and names followed to the
constant, setting default or class attribute that defines them anywhere in the repository.

A name that cannot be followed is kept visible as `{NAME}` and reported, never dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from prp_agent.repo.syntax import SyntaxFile

__all__ = ["FileConstants", "Value", "join", "laravel_settings", "resolve"]

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
# `a || "default"` (JavaScript), `a or "default"` (Python): what the expression is when the setting is unset
_FALLBACK_TYPES = {"binary_expression", "boolean_operator"}
# integer literals: a version number a path interpolates (`FileConstants.numbers`)
_INTEGER_TYPES = {"integer", "integer_literal", "int_literal", "decimal_integer_literal", "number"}
_WRAPPER_TYPES = {"parenthesized_expression", "expression_list", "argument", "value_argument", "string_content"}
_LARAVEL_CONFIG = re.compile(r"(?:^|/)config/(\w{1,40})\.php$")  # `config/app.php`: what `config('app.x')` reads
_SETTING_NAME = re.compile(r"\w{1,40}\.\w{1,80}")
_INTERPOLATION = re.compile(
    r"\$\{([^}]{1,80})\}|#\{([^}]{1,80})\}|\{\$?([A-Za-z_][\w.:>\-]{0,80})\}|\$([A-Za-z_]\w{0,80})"
)
_PREFIXES = re.compile(r"^(?:[rRbBuUfF]{1,2}|@\$|\$@|\$|@|~[a-zA-Z])?(\"\"\"|'''|\"|'|`)", re.S)
_MAX_DEPTH = 12
_MAX_NAMES = 5000  # names one file's constants are followed for
_MAX_DEFINITIONS = 20  # definitions of one name looked at
# calls that join path segments with single slashes
_PATH_JOINS = {"path.Join", "filepath.Join", "os.path.join", "posixpath.join", "path.join", "path.posix.join",
               "Path.Combine"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Value:
    """A string an expression evaluates to, and the names in it that could not be followed."""

    text: str
    unresolved: tuple[str, ...] = ()


class FileConstants:
    """String constants of one file, by their last name (`settings.API_V1_STR` → `API_V1_STR`); names this file
    does not define stay `{NAME}` until `resolve` fills them in from every file's constants."""

    def __init__(self, syntax: SyntaxFile) -> None:
        self.syntax = syntax
        self.memo: dict[str, Value] = {}
        self.following: set[str] = set()
        self.defined: dict[str, list[Node]] = defaultdict(list)
        # integer constants, for the strings that interpolate them (`f"/api/{API_VERSION}"` with `API_VERSION = 1`);
        # never a path themselves, nor an argument's value (a minified bundle passes numbers everywhere)
        self.numbers: dict[str, str] = {}
        for assign in syntax.assigns:
            if assign.value.type in _INTEGER_TYPES and assign.name.isupper():
                self.numbers[assign.name] = syntax.text(assign.value)
            if len(assign.name) <= 80 and (_stringish(assign.value) or (_joined_names(assign.value)
                                                                        and assign.name.isupper())):  # fmt: skip
                self.defined[assign.name].append(assign.value)

    def exported(self) -> dict[str, Value]:
        """The file's string constants, evaluated (one value per name; a name bound to several is left out), and a
        Laravel config file's settings by the name `config()` reads them with (`app.admin_path`)."""
        out: dict[str, Value] = {}
        for name, nodes in self.defined.items():
            values = {v.text: v for n in nodes if (v := self.value(n)) is not None}
            if len(values) == 1:
                out[name] = next(iter(values.values()))
        config = laravel_settings(self.syntax.path, self.syntax.language)
        if config and self.syntax.root is not None:
            out.update(self._settings(config))
        return out

    def _settings(self, file: str) -> dict[str, Value]:
        """`return ['admin_path' => env('APP_ADMIN_PATH', 'admin'), …]` in `config/app.php`: each top-level string
        setting as `app.admin_path` (its default when read from the environment)."""
        assert self.syntax.root is not None
        returned = next((c for c in self.syntax.root.named_children if c.type == "return_statement"), None)
        array = returned.named_children[0] if returned is not None and returned.named_child_count else None
        if array is None or array.type != "array_creation_expression":
            return {}
        out: dict[str, Value] = {}
        for pair in array.named_children[:500]:
            if pair.type != "array_element_initializer" or pair.named_child_count != 2:
                continue
            key, setting = pair.named_children
            name = self.value(key) if key.type in _STRING_TYPES else None
            found = self.value(setting) if name is not None and not name.unresolved else None
            if name is not None and found is not None and not found.unresolved:
                out[f"{file}.{name.text}"] = found
        return out

    def value(self, node: Node | None, depth: int = 0) -> Value | None:
        """The string an expression evaluates to; None when it is no string expression at all."""
        syntax = self.syntax
        if node is None or depth > _MAX_DEPTH:
            return None
        syntax.check()
        kind = node.type
        if kind in _WRAPPER_TYPES and node.named_child_count == 1:
            return self.value(node.named_children[0], depth + 1)
        if kind in _STRING_TYPES:
            return self._literal(syntax.text(node), depth)
        if kind in _FALLBACK_TYPES and node.named_child_count == 2:
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in {"||", "??", "or"}:
                # `process.env.API_VERSION || 'v1'`, `os.getenv("PREFIX") or "/api"`: the default, when it is known
                fallback = self.value(node.named_children[1], depth + 1)
                return fallback if fallback is not None and not fallback.unresolved else None
        if kind in _CONCAT_TYPES:
            parts = [self.value(child, depth + 1) for child in node.named_children]
            known = [p for p in parts if p is not None]
            if not known or (len(known) < len(parts) and all(p.text == "" for p in known)):
                return None
            return Value("".join(p.text for p in known), tuple(n for p in known for n in p.unresolved))
        if kind == "reference_expression" and node.named_child_count:  # Rust `&format!(…)`, `&PREFIX`
            return self.value(node.named_children[-1], depth + 1)
        if kind == "macro_invocation":
            return self._format(node, depth)
        if kind in {"call_expression", "call", "method_invocation"} and node.named_child_count:
            return self._joined(node, depth)
        if kind == "function_call_expression" and syntax.language == "PHP":
            return self._laravel_setting(node, depth)
        if kind == "invocation_expression" and syntax.text(node).startswith("nameof("):  # C#'s `nameof(CanInsert)`
            named = re.findall(r"\w+", syntax.text(node)[len("nameof(") : 200])
            return Value(named[-1]) if named else None
        if kind in _NAME_TYPES:
            return self.name(syntax.text(node), depth)
        if kind in {"array", "list", "array_creation_expression", "element_value_array_initializer",
                    "collection_literal", "array_initializer", "token_tree"}:  # fmt: skip
            first = next((c for c in node.named_children if c.type not in {"comment"}), None)
            if first is not None and first.type == "array_element_initializer":
                if first.named_child_count != 1:
                    return None  # `['middleware' => 'auth']`: options, not a list of paths
                first = first.named_children[0]
            return self.value(first, depth + 1)
        return None

    def _laravel_setting(self, node: Node, depth: int) -> Value | None:
        """Laravel's `env('APP_ADMIN_PATH', 'admin')` (its default) and `config('app.admin_path')` (the setting,
        filled in from `config/app.php` once every file is read)."""
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        called = self.syntax.text(function) if function is not None else ""
        if called == "env" and len(args) == 2:
            return self.value(args[1], depth + 1)
        key = self.value(args[0], depth + 1) if called == "config" and len(args) == 1 else None
        if key is None or key.unresolved or not _SETTING_NAME.fullmatch(key.text):
            return None
        return Value("{" + key.text + "}", (key.text,))

    def _format(self, node: Node, depth: int) -> Value | None:
        """Rust's `format!("/{PREFIX}/x")` (a name captured in place) and `format!("/{}/x", PREFIX)` (in order)."""
        macro = node.child_by_field_name("macro")
        tree = next((c for c in node.named_children if c.type == "token_tree"), None)
        if macro is None or self.syntax.text(macro) != "format" or tree is None or not tree.named_child_count:
            return None
        first, *rest = tree.named_children
        if first.type != "string_literal":
            return None
        template = self.syntax.text(first)[1:-1]
        given = iter(rest)
        parts: list[Value] = []
        for piece in re.split(r"(\{[^{}]{0,80}\})", template):
            if not (piece.startswith("{") and piece.endswith("}")):
                parts.append(Value(piece))
                continue
            name = piece[1:-1].split(":")[0].strip()
            argument = next(given, None) if not name else None
            found = self.name(name, depth + 1) if name else self.value(argument, depth + 1)
            if found is None:
                return None
            parts.append(found)
        return Value("".join(p.text for p in parts), tuple(n for p in parts for n in p.unresolved))

    def _joined(self, node: Node, depth: int) -> Value | None:
        """`[base, "/api"].concat()`, `["/a", b].join("")`: the elements joined; Go's `path.Join(uriAdmin,
        "/custom.css")` (and `os.path.join`, `path.join`, `Path.Combine`): the parts joined with single slashes."""
        function = node.child_by_field_name("function")
        if function is not None and self.syntax.text(function) in _PATH_JOINS:
            arguments = node.child_by_field_name("arguments")
            parts = [self.value(c, depth + 1) for c in arguments.named_children] if arguments is not None else []
            if not parts or any(p is None for p in parts):
                return None
            return join(*[p for p in parts if p is not None])
        if function is None or function.type not in {"field_expression", "member_expression", "attribute"}:
            return None
        if not self.syntax.text(function).endswith(("concat", "join")):
            return None
        target = function.named_children[0] if function.named_child_count else None
        if target is None or target.type not in {"array_expression", "array", "list"}:
            return None
        parts = [self.value(child, depth + 1) for child in target.named_children]
        if any(p is None for p in parts):
            return None
        known = [p for p in parts if p is not None]
        return Value("".join(p.text for p in known), tuple(n for p in known for n in p.unresolved))

    def name(self, expression: str, depth: int = 0) -> Value:
        """A named constant's value when this file defines it, else `{NAME}` marked unresolved."""
        last = re.split(r"\.|::|->|\\", expression.strip().lstrip("$@"))[-1].strip()
        label = last or expression
        unknown = Value("{" + label + "}", (label,))
        if last in self.memo:  # each name is followed once per file: a chain of names costs its length
            return self.memo[last]
        if last in self.following or len(self.memo) > _MAX_NAMES:
            return unknown  # a name defined through itself, or a file of too many names
        self.following.add(last)
        try:
            found = [
                v for n in self.defined.get(last, [])[:_MAX_DEFINITIONS] if (v := self.value(n, depth + 1)) is not None
            ]
        finally:
            self.following.discard(last)
        # the one value its definitions agree on; else the one value of its only definition, with the names in it
        # that stay open (`"/api/studies/{${PathVariableName.STUDY_ID}}"`: a parameter however it is spelled)
        values = {v.text: v for v in found if not v.unresolved} or (
            {found[0].text: found[0]} if len(found) == 1 else {}
        )
        self.memo[last] = next(iter(values.values())) if len(values) == 1 else unknown
        return self.memo[last]

    def _literal(self, raw: str, depth: int) -> Value:
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
            if found.group(0).startswith("{") and raw[:1] not in "f$":
                return found.group(0)
            if not re.fullmatch(r"[\w.:>\-]+", expression):  # `${type.name.lowercase()}`: known when run
                lead = re.match(r"[A-Za-z_]\w*", expression.strip())
                if lead is None:
                    return found.group(0)
                unresolved.append(lead.group(0))
                return "{" + lead.group(0) + "}"
            if expression in self.numbers and expression not in self.defined:
                return self.numbers[expression]
            resolved = self.name(expression, depth + 1)
            if body[found.start() - 1 : found.start()] == "{" and body[found.end() : found.end() + 1] == "}":
                # `{${PathVariableName.STUDY_ID}}`: a path parameter's name, its own name when it is not known
                return resolved.text if not resolved.unresolved else expression.rsplit(".", 1)[-1]
            unresolved.extend(resolved.unresolved)
            return resolved.text

        return Value(_INTERPOLATION.sub(follow, body), tuple(unresolved))


def laravel_settings(path: str, language: str | None) -> str:
    """The name `config()` reads a Laravel config file's settings under (`app` for `config/app.php`), "" for any
    other file."""
    found = _LARAVEL_CONFIG.search(path) if language == "PHP" else None
    return found.group(1) if found is not None else ""


def join(*values: Value) -> Value:
    """Path values joined with single slashes, their unresolved names kept."""
    return Value(
        "/".join(v.text.strip("/") for v in values if v.text.strip("/")),
        tuple(n for v in values for n in v.unresolved),
    )


def resolve(value: Value, table: dict[str, list[tuple[str, Value]]], file: str = "", depth: int = 0) -> Value:
    """Fill `{NAME}` placeholders from every file's constants: the one value all definitions agree on (this file's
    own first); a name with none, or with several different values, stays unresolved."""
    if not value.unresolved or depth > _MAX_DEPTH:
        return value
    text, left = value.text, []
    for name in dict.fromkeys(value.unresolved):
        defined = table.get(name, [])
        own = [v for f, v in defined if f == file]
        candidates = {v.text: v for v in (own or [v for _, v in defined])}
        if len(candidates) != 1:
            left.append(name)
            continue
        found = resolve(next(iter(candidates.values())), table, file, depth + 1)
        if found.unresolved:
            left.append(name)
            continue
        text = text.replace("{" + name + "}", found.text)
    return Value(text, tuple(left))


def _joined_names(node: Node) -> bool:
    """`API_URL_PREFIX + HOME_URL_PREFIX`: constants joined (read as a path once the names are known)."""
    return node.type in _CONCAT_TYPES and all(
        child.type in _NAME_TYPES or _joined_names(child) for child in node.named_children
    )


def _stringish(node: Node) -> bool:
    kind = node.type
    if kind in _WRAPPER_TYPES and node.named_child_count == 1:
        return _stringish(node.named_children[0])
    if kind in _STRING_TYPES:
        return True
    if kind == "boolean_operator" and node.named_child_count == 2:  # Python's `os.getenv("X") or "/api"`
        return _stringish(node.named_children[1])
    return kind in _CONCAT_TYPES and any(_stringish(c) for c in node.named_children)
