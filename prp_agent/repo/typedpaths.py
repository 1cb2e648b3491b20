"""axum-extra's typed routing: `Router::new().typed_get(loader)` serves the path of the `#[typed_path("/o/{id}")]`
struct the handler takes (`async fn loader(Index { id }: Index, …)`). The struct, the handler and the router are
usually in three files; each file records its part here and linking puts them together (`resolve_typed`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from prp_agent.repo.nodes import rust_uses
from prp_agent.repo.paths import FileConstants, Value, join
from prp_agent.repo.source import rust_module

if TYPE_CHECKING:
    from prp_agent.repo.links import RouteRecord
    from prp_agent.repo.syntax import SyntaxFile

TYPED_VERBS = {f"typed_{verb}": verb.upper() for verb in ("get", "post", "put", "delete", "patch", "head", "options")}

_TYPE = re.compile(r"(?:\w{1,80}::){0,8}[A-Z]\w{0,80}")
_ENTRY_FILES = {"mod.rs", "lib.rs", "main.rs"}

Struct = tuple[str, str]  # (module, struct name)


def typed_structs(syntax: SyntaxFile, constants: FileConstants) -> Iterator[tuple[str, str, Value]]:
    """Each `#[typed_path("…")]` struct of a file: (name, module, path); the module is the `mod` it is declared in,
    else the file's own."""
    for annotation in syntax.annotations:
        owner = annotation.owner
        if annotation.name != "typed_path" or owner is None or owner.type != "struct_item" or not annotation.args:
            continue
        name = owner.child_by_field_name("name")
        path = constants.value(annotation.args[0])
        if name is not None and path is not None and path.text.startswith("/"):
            yield syntax.text(name), _module(syntax.path, owner), path


def handler_params(syntax: SyntaxFile) -> Iterator[tuple[str, tuple[Struct, ...]]]:
    """Each function of a file with the types of its parameters, as (module, type) by how the file names or imports
    them (`routes::skills::Index`, or `Index` of `use web_pages::routes::skills::{Index, View}`)."""
    imported: dict[str, Struct] | None = None
    for definition in syntax.defs:
        params = definition.node.child_by_field_name("parameters")
        types: list[Struct] = []
        for param in params.named_children if params is not None else []:
            written = param.child_by_field_name("type") if param.type == "parameter" else None
            typed = syntax.text(written) if written is not None else ""
            if _TYPE.fullmatch(typed):
                module, _, name = typed.rpartition("::")
                if not module and imported is None:
                    imported = imports(syntax.data.decode("utf-8", "replace"))
                types.append((module.rsplit("::", 1)[-1], name) if module else (imported or {}).get(name, ("", name)))
        if types:
            yield definition.name, tuple(types)


def imports(text: str) -> dict[str, Struct]:
    """What a file's `use` declarations bring in, each name it is known by → (module, name there):
    `use a::routes::skills::{Index, View as V};` gives `Index` → (`skills`, `Index`), `V` → (`skills`, `View`)."""
    found: dict[str, Struct] = {}
    for name, path, original in rust_uses(text):
        found.setdefault(name, (path[-1] if path else "", original))
    return found


def handler_files(path: str, handler: str, imported: dict[str, Struct]) -> tuple[str, str, tuple[str, ...]]:
    """Where a handler named at `.typed_get(…)` in `path` is defined: (function, module, candidate files);
    `loader::loader` in `skills/mod.rs` is `loader` of `skills/loader.rs` or `skills/loader/mod.rs`, a bare `loader`
    that `pub use loaders::{loader}` brings in is of `loaders.rs`, else of this file."""
    parts = handler.replace(" ", "").split("::")
    module, function = (parts[-2], parts[-1]) if len(parts) > 1 else imported.get(parts[0], ("", parts[0]))
    if not module:
        return function, "", (path,)
    folder, base = posixpath.split(path)
    here = folder if base in _ENTRY_FILES else posixpath.join(folder, posixpath.splitext(base)[0])
    return function, module, (path, posixpath.join(here, f"{module}.rs"), posixpath.join(here, module, "mod.rs"))


def resolve_typed(
    records: list[RouteRecord],
    params: dict[tuple[str, str], tuple[Struct, ...]],
    structs: dict[str, list[tuple[str, Value]]],
) -> list[RouteRecord]:
    """Typed routes with the path of their handler's typed-path struct; one whose struct is not found is dropped
    (it is no route a reader can name)."""
    kept: list[RouteRecord] = []
    for record in records:
        if not record.typed:
            kept.append(record)
            continue
        function, module, *files = record.typed
        taken = next((params[(f, function)] for f in files if (f, function) in params), None)
        if taken is None and module:  # `crate::handlers::users::index`: the one function of that name and module
            alike = [v for (f, n), v in params.items() if n == function and rust_module(f) == module]
            taken = alike[0] if len(alike) == 1 else None
        path = _struct_path(taken or (), structs)
        if path is not None:
            kept.append(replace(record, path=join(record.path, path), typed=()))
    return kept


def _struct_path(taken: tuple[Struct, ...], structs: dict[str, list[tuple[str, Value]]]) -> Value | None:
    for module, name in taken:
        known = structs.get(name, [])
        matching = [path for m, path in known if m == module] or ([known[0][1]] if len(known) == 1 else [])
        if matching:
            return matching[0]
    return None


def _module(path: str, node: object) -> str:
    current = getattr(node, "parent", None)
    while current is not None:
        if current.type == "mod_item":
            name = current.child_by_field_name("name")
            if name is not None and name.text is not None:
                return bytes(name.text).decode("utf-8", "replace")
        current = current.parent
    return rust_module(path)
