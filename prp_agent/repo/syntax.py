"""Source code read as syntax trees: tree-sitter parsers from the official grammar wheels (imported on first use,
nothing is downloaded), one query file per language in `repo/queries/`, and a time budget per file.

A query file names what the readers need with fixed capture names, whatever the language calls it:

| capture | what it is |
|---|---|
| `@call`, `@call.name`, `@call.receiver`, `@call.args` | a call: the callee's last name, its object, its arguments |
| `@def`, `@def.name`, `@def.params` | a function or method definition |
| `@class`, `@class.name`, `@class.body` | a class, struct, record or object |
| `@assign`, `@assign.name`, `@assign.value` | a binding of a name: variable, constant, property, class attribute |
| `@annotation`, `@annotation.name`, `@annotation.args` | a decorator, annotation or attribute |
| `@alias`, `@alias.name`, `@alias.target`, `@alias.module` | a re-export under another name (`use a::b as c`) |

`SyntaxFile` turns one parse into plain records of these, so the route and model readers work on one shape for
every language.
"""

from __future__ import annotations

import importlib
import re
import time
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Query

__all__ = [
    "FILE_BUDGET",
    "GRAMMARS",
    "Annotation",
    "Assign",
    "BudgetExceeded",
    "Call",
    "ClassDef",
    "Def",
    "SyntaxFile",
    "parse_file",
]

FILE_BUDGET = 2.0  # seconds one file may take to parse and query; a file over it is skipped and listed

# language (as repo/stack.py names it) → (grammar module, function giving the language, query files joined by `+`)
GRAMMARS: dict[str, tuple[str, str, str]] = {
    "Python": ("tree_sitter_python", "language", "python"),
    "JavaScript": ("tree_sitter_javascript", "language", "javascript+javascript-fields"),
    "TypeScript": ("tree_sitter_typescript", "language_typescript", "javascript+typescript-fields"),
    "TSX": ("tree_sitter_typescript", "language_tsx", "javascript+typescript-fields"),
    "Java": ("tree_sitter_java", "language", "java"),
    "Kotlin": ("tree_sitter_kotlin", "language", "kotlin"),
    "Go": ("tree_sitter_go", "language", "go"),
    "Rust": ("tree_sitter_rust", "language", "rust"),
    "Ruby": ("tree_sitter_ruby", "language", "ruby"),
    "PHP": ("tree_sitter_php", "language_php", "php"),
    "C#": ("tree_sitter_c_sharp", "language", "csharp"),
    "Elixir": ("tree_sitter_elixir", "language", "elixir"),
}

_CHUNK = 64 * 1024  # bytes handed to the parser at a time; the deadline is checked between chunks


@dataclass
class _Climbs:
    """What climbs from a node to its ancestors learned about the tree last parsed (`repo/nodes.enclosing_def`,
    `conditional`); every parse forgets it, since node ids are reused across trees."""

    defs: dict[tuple[tuple[int, int, int], bool], Any] = field(default_factory=dict)
    conditional: dict[tuple[int, int, int], bool] = field(default_factory=dict)

    def forget(self) -> None:
        self.defs.clear()
        self.conditional.clear()


CLIMBS = _Climbs()


class BudgetExceeded(Exception):
    """A file took longer than its budget to parse or query."""


@cache
def _language(grammar: str) -> Language:
    from tree_sitter import Language

    module, function, _ = GRAMMARS[grammar]
    return Language(getattr(importlib.import_module(module), function)())


@cache
def _query(grammar: str) -> Query:
    from tree_sitter import Query

    folder = resources.files("prp_agent.repo").joinpath("queries")
    text = "".join(folder.joinpath(f"{name}.scm").read_text("utf-8") for name in GRAMMARS[grammar][2].split("+"))
    return Query(_language(grammar), text)


@cache
def _parser(grammar: str) -> Any:
    from tree_sitter import Parser

    return Parser(_language(grammar))


@dataclass(eq=False)
class Call:
    """A call: `receiver.name(args)`. Its arguments are read on first use (most calls are never asked)."""

    node: Node
    name: str
    receiver: Node | None
    arguments: Node | None
    owner: SyntaxFile
    line: int = 0  # the line of the called name (a chained call starts where its chain starts)

    @cached_property
    def _read(self) -> tuple[list[Node], dict[str, Node]]:
        return _arguments(self.owner, self.arguments)

    @property
    def args(self) -> list[Node]:
        """Positional arguments."""
        return self._read[0]

    @property
    def keywords(self) -> dict[str, Node]:
        """Keyword arguments by name."""
        return self._read[1]


@dataclass(frozen=True)
class Def:
    """A function or method definition."""

    node: Node
    name: str
    params: list[str]


@dataclass(frozen=True)
class ClassDef:
    """A class, struct, record or object declaration."""

    node: Node
    name: str
    body: Node | None
    bases: list[str]


@dataclass(frozen=True)
class Assign:
    """A name bound to a value."""

    node: Node
    name: str
    value: Node


@dataclass(frozen=True)
class Annotation:
    """A decorator, annotation or attribute, and the definition or class it annotates (None when unknown)."""

    node: Node
    name: str
    args: list[Node]
    keywords: dict[str, Node]
    owner: Node | None


@dataclass
class SyntaxFile:
    """One parsed source file as plain records."""

    path: str
    language: str
    data: bytes
    calls: list[Call] = field(default_factory=list)
    defs: list[Def] = field(default_factory=list)
    classes: list[ClassDef] = field(default_factory=list)
    assigns: list[Assign] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, target, module): `use a::b as c`
    root: Node | None = None  # the tree, for readers that walk a whole file (a Rails routes file)
    deadline: float = float("inf")  # when reading this file must have ended (`check`)
    by_node: dict[int, Call] | None = field(default=None, repr=False)  # `repo/nodes.call_index`, built once
    by_receiver: dict[int, list[Call]] | None = field(default=None, repr=False)  # `repo/nodes.calls_on`

    def check(self) -> None:
        """Raise `BudgetExceeded` once the file's reading has run past its budget."""
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(self.path)

    def text(self, node: Node) -> str:
        """A node's source text."""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def _grammar(path: str, language: str) -> str | None:
    if language == "TypeScript" and path.endswith(".tsx"):
        return "TSX"
    return language if language in GRAMMARS else None


# Kotlin's grammar reads `get` on the line after a property as that property's getter: in Ktor,
# `val config: Config by inject()` followed by `get("time") { … }` turns the rest of the function into an error.
# A getter takes no argument, a route a path or a block; the space before such a `get` becomes `;` (same length, so
# every offset and line stays).
_KOTLIN_GETTER = re.compile(
    rb"(?m)^[ \t]*(?:(?:private|public|internal|override|lateinit)[ \t]+)*(?:val|var)\b[^\n]*\n(?:[ \t]*\n)*[ \t]"
    rb"(?=[ \t]*get[ \t]*(?:\([ \t]*\"|\{))"
)


_TYPE_ARGS_COMMA = re.compile(rb",(?=[ \t\r\n]{0,200}>)")


def parse_file(path: str, text: str, language: str, budget: float = FILE_BUDGET) -> SyntaxFile | None:
    """Parse one file and collect its records; None when no grammar reads the language. Raises `BudgetExceeded`
    when parsing and querying take longer than `budget` seconds."""
    grammar = _grammar(path, language)
    if grammar is None:
        return None
    CLIMBS.forget()
    deadline = time.monotonic() + budget
    data = text.encode("utf-8", "surrogatepass")
    if language == "Kotlin" and b"get" in data:
        data = _KOTLIN_GETTER.sub(lambda match: match.group(0)[:-1] + b";", data)
    if language == "Kotlin" and b">" in data:  # `List<\n @Pattern(…) String,\n >`: the grammar takes no trailing
        data = _TYPE_ARGS_COMMA.sub(b" ", data)  # comma in type arguments, and loses the rest of the file to it

    def read(offset: int, _point: tuple[int, int]) -> bytes:
        if time.monotonic() > deadline:
            raise BudgetExceeded(path)
        return data[offset : offset + _CHUNK]

    tree = _parser(grammar).parse(read)
    if time.monotonic() > deadline:
        raise BudgetExceeded(path)
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_query(grammar))
    found = SyntaxFile(path, language, data)
    found.root = tree.root_node
    found.deadline = time.monotonic() + budget  # reading the records gets as long again
    for _, captured in cursor.matches(tree.root_node):
        if time.monotonic() > deadline:
            raise BudgetExceeded(path)
        _collect(found, captured)
    return found


def _one(captured: dict[str, list[Node]], name: str) -> Node | None:
    nodes = captured.get(name)
    return nodes[0] if nodes else None


def _collect(found: SyntaxFile, captured: dict[str, list[Node]]) -> None:
    text = found.text
    if (node := _one(captured, "call")) is not None:
        name = _one(captured, "call.name")
        if name is not None:
            receiver, line = _one(captured, "call.receiver"), int(name.start_point[0]) + 1
            found.calls.append(Call(node, text(name), receiver, _one(captured, "call.args"), found, line))
    elif (node := _one(captured, "def")) is not None:
        name, params = _one(captured, "def.name"), _one(captured, "def.params")
        if name is not None:
            found.defs.append(Def(node, text(name), _parameter_names(found, params)))
    elif (node := _one(captured, "class")) is not None:
        name = _one(captured, "class.name")
        if name is not None:
            found.classes.append(ClassDef(node, text(name), _one(captured, "class.body"), _bases(found, node)))
    elif (node := _one(captured, "assign")) is not None:
        name, value = _one(captured, "assign.name"), _one(captured, "assign.value")
        if name is not None and value is not None:
            found.assigns.append(Assign(node, text(name).lstrip("$"), value))
    elif (node := _one(captured, "alias")) is not None:
        alias, target, module = (_one(captured, f"alias.{n}") for n in ("name", "target", "module"))
        if alias is not None and target is not None:
            found.aliases.append((text(alias), text(target), text(module) if module is not None else ""))
    elif (node := _one(captured, "annotation")) is not None:
        name = _one(captured, "annotation.name")
        if name is not None:
            args, keywords = _arguments(found, _one(captured, "annotation.args"))
            short = text(name).rsplit(".", 1)[-1].rsplit("::", 1)[-1].rsplit("\\", 1)[-1]
            found.annotations.append(Annotation(node, short, args, keywords, _owner(node)))


_KEYWORD_ARGS = {"keyword_argument", "pair", "named_argument", "argument", "value_argument", "attribute_argument"}
_KEY_TYPES = {"simple_identifier", "identifier", "name", "keyword", "hash_key_symbol", "property_identifier",
              "name_equals", "string", "simple_symbol"}  # fmt: skip
_WRAPPERS = {"argument", "value_argument", "attribute_argument", "element_value_pair"}


_COMMENTS = {"comment", "line_comment", "block_comment", "multiline_comment"}


def _arguments(found: SyntaxFile, args: Node | None) -> tuple[list[Node], dict[str, Node]]:
    """Positional arguments and keyword arguments (`prefix=`, `prefix:`, `name: value`, `value = "..."`)."""
    positional: list[Node] = []
    keywords: dict[str, Node] = {}
    if args is None:
        return positional, keywords
    children = [c for c in args.named_children if c.type not in _COMMENTS]  # a comment among the arguments
    if len(children) == 1 and children[0].type == "keywords":  # Elixir keyword list as the last argument
        children = list(children[0].named_children)
    for child in children:
        if child.type == "keywords":
            for pair in child.named_children:
                _keyword(found, pair, positional, keywords)
            continue
        _keyword(found, child, positional, keywords)
    return positional, keywords


def _keyword(found: SyntaxFile, child: Node, positional: list[Node], keywords: dict[str, Node]) -> None:
    named = list(child.named_children)
    if child.type in _KEYWORD_ARGS or child.type in {"assignment_expression", "element_value_pair", "assignment"}:
        key = child.child_by_field_name("name") or child.child_by_field_name("key") or child.child_by_field_name("left")
        value = child.child_by_field_name("value") or child.child_by_field_name("right")
        if key is None and child.type in {"value_argument", "attribute_argument", "named_argument"} and len(named) == 2:
            key, value = named[0], named[1]
        if key is not None and key.type in _KEY_TYPES:
            label = found.text(key).strip().rstrip(":=").strip().strip("\"'").lstrip(":")
            if value is None:
                value = named[-1] if named else child
            keywords[label] = value
            return
        if child.type in _WRAPPERS and len(named) == 1:
            positional.append(named[0])
            return
        if child.type in _WRAPPERS and len(named) > 1 and child.type != "element_value_pair":
            positional.append(named[-1])
            return
    positional.append(child)


def _parameter_names(found: SyntaxFile, params: Node | None) -> list[str]:
    if params is None:
        return []
    names = []
    for child in params.named_children:
        name = child.child_by_field_name("name") or child.child_by_field_name("pattern")
        if name is None and child.type in {"identifier", "simple_identifier"}:
            name = child
        if name is None:
            name = next((c for c in child.named_children if c.type in {"identifier", "simple_identifier"}), None)
        if name is not None:
            names.append(found.text(name).lstrip("$&*"))
    return names


def _bases(found: SyntaxFile, node: Node) -> list[str]:
    """Names in a class's base list (superclasses, interfaces, `: Base`)."""
    names: list[str] = []
    for child in node.children:
        if child.type in {"argument_list", "superclass", "super_interfaces", "base_list", "base_clause",
                          "delegation_specifiers", "class_heritage", "extends_clause", "superclasses"} or (
            child.type == "delegation_specifier"
        ):  # fmt: skip
            names += _identifiers(found, child)
    return names


def _identifiers(found: SyntaxFile, node: Node) -> list[str]:
    out: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in {"identifier", "type_identifier", "name", "constant", "simple_identifier"}:
            out.append(found.text(current))
        elif current.type == "keyword_argument":
            out.append(found.text(current).replace(" ", ""))  # `table=True` kept whole
            continue
        stack.extend(reversed(current.named_children))
    return out


_DEFINITIONS = {
    "function_definition", "class_definition", "method_declaration", "class_declaration", "function_declaration",
    "function_item", "struct_item", "method_definition", "interface_declaration", "record_declaration",
    "constructor_declaration", "object_declaration", "property_declaration", "field_declaration", "impl_item",
    "abstract_class_declaration", "enum_declaration",
}  # fmt: skip
_HOLDERS = {
    "modifiers",
    "attribute_list",
    "attribute_group",
    "decorator",
    "annotated_expression",
    "decorated_definition",
}


# what may sit between an annotation and its definition: more annotations, and comments among them
_BETWEEN = _HOLDERS | {"attribute_item", "decorator", "annotation", "comment", "line_comment", "block_comment"}


def _owner(node: Node) -> Node | None:
    """The definition an annotation belongs to: its enclosing one (`modifiers` of a method), or the next
    definition after it (a Rust attribute, a decorator before a TypeScript method, a Kotlin class annotation the
    grammar leaves beside the class)."""
    current = node
    while current.parent is not None and current.parent.type in _HOLDERS | {"annotation"}:
        current = current.parent
    parent = current.parent
    if parent is not None and parent.type in _DEFINITIONS:
        return parent
    if parent is not None and parent.type == "decorated_definition":
        return parent.child_by_field_name("definition")
    sibling = current.next_named_sibling
    while sibling is not None and (sibling.type in _BETWEEN or sibling.type == "ERROR"):
        if sibling.type == "ERROR":
            return sibling
        sibling = sibling.next_named_sibling
    return sibling if sibling is not None and sibling.type in _DEFINITIONS else None
