"""Rails routes read from the syntax tree of `config/routes.rb` (and the files it `draw`s): `namespace`, `scope`
(path or module), `resources`/`resource` with `only:`/`except:`/`path:`/`param:`, nesting, `member`/`collection`
blocks and `on:`, verbs with a path or an action, `match … via:`, `root`, and blocks that only add constraints or
defaults. Each route keeps the line that declares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prp_agent.repo.source import singular
from prp_agent.repo.syntax import SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "DEVISE_MODULES",
    "RAILS_ROUTES",
    "VERBS",
    "DeviseFor",
    "devise_routes",
    "rails_arguments",
    "rails_join",
    "rails_routes",
]

RAILS_ROUTES = re.compile(r"(^|/)config/routes(\.rb|/[\w/-]+\.rb)$")
VERBS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}
_PLURAL = (("index", "GET", ""), ("create", "POST", ""), ("new", "GET", "new"), ("edit", "GET", "{id}/edit"),
           ("show", "GET", "{id}"), ("update", "PATCH", "{id}"), ("update", "PUT", "{id}"),
           ("destroy", "DELETE", "{id}"))  # fmt: skip
_SINGULAR = (("create", "POST", ""), ("new", "GET", "new"), ("edit", "GET", "edit"), ("show", "GET", ""),
             ("update", "PATCH", ""), ("update", "PUT", ""), ("destroy", "DELETE", ""))  # fmt: skip
_MAX_DEPTH = 40
# nodes whose children may declare routes (Hanami's `class Routes < Hanami::Routes`, a routes block under `if`)
_CONTAINERS = {"body_statement", "do_block", "block", "block_body", "program", "module", "class", "begin", "if",
               "unless", "then", "else", "parenthesized_statements"}  # fmt: skip


@dataclass(frozen=True)
class DeviseFor:
    """`devise_for :users, path: "accounts", skip: [:registrations], controllers: {…}`: where its routes go."""

    path: str  # the scope and the resource's path (`/users`)
    resource: str  # `users`: its model (`User`) declares the modules
    skip: frozenset[str]
    omniauth: bool  # an `omniauth_callbacks` controller is given
    line: int


# `devise :database_authenticatable, :recoverable, …` in a model (the symbols may run over several lines)
DEVISE_MODULES = re.compile(r"^[ \t]*devise[ \t]*\(?[ \t]*((?::\w+[ \t]*,\s*)*:\w+)", re.M)
# each module's controller, and its routes under the resource's path (Devise's default path names)
_DEVISE_ROUTES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "database_authenticatable": ("sessions", (("GET", "sign_in"), ("POST", "sign_in"), ("DELETE", "sign_out"))),
    "recoverable": ("passwords", (("GET", "password/new"), ("GET", "password/edit"), ("PATCH", "password"),
                                  ("PUT", "password"), ("POST", "password"))),
    "registerable": ("registrations", (("GET", "cancel"), ("GET", "sign_up"), ("GET", "edit"), ("PATCH", ""),
                                       ("PUT", ""), ("DELETE", ""), ("POST", ""))),
    "confirmable": ("confirmations", (("GET", "confirmation/new"), ("GET", "confirmation"), ("POST", "confirmation"))),
    "lockable": ("unlocks", (("GET", "unlock/new"), ("GET", "unlock"), ("POST", "unlock"))),
}  # fmt: skip


def devise_routes(
    mount: DeviseFor, modules: tuple[str, ...] | None, providers: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(method, path) of the routes a `devise_for` draws for its model's modules; when the modules are not written
    out (`devise(*Config.modules)`), sign-in alone, and OmniAuth when a callbacks controller is given."""
    if modules is None:
        modules = ("database_authenticatable", *(("omniauthable",) if mount.omniauth else ()))
    routes = []
    for module in modules:
        controller, listed = _DEVISE_ROUTES.get(module, ("", ()))
        if controller and controller not in mount.skip:
            routes += [(method, rails_join(mount.path, suffix)) for method, suffix in listed]
    if "omniauthable" in modules and "omniauth_callbacks" not in mount.skip:
        for provider in providers:
            routes += [("POST", rails_join(mount.path, "auth", provider)),
                       ("GET", rails_join(mount.path, "auth", provider, "callback")),
                       ("POST", rails_join(mount.path, "auth", provider, "callback"))]  # fmt: skip
    return routes


class _Found(list[tuple[str, str, int] | DeviseFor]):
    """What a walk finds: routes, and Devise mounts to expand later; with the file's routing concerns (`concern
    :commentable do … end`), whose routes each `concerns :commentable` draws where it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.concerns: dict[str, Node] = {}
        self.drawing: set[str] = set()  # concerns being drawn (one that draws itself stops there)


@dataclass(frozen=True)
class _Place:
    """Where a block puts its routes: the path so far, and for a resource its collection and member paths."""

    path: str
    member: str | None = None  # `/photos/{id}` inside `resources :photos do … end`
    collection: str | None = None  # `/photos`
    nested: str | None = None  # `/photos/{photo_id}`: where routes nested in the resource go


# `use_doorkeeper`: (controller, method, path under its scope, `oauth` by default)
_DOORKEEPER = (
    ("authorizations", "GET", "authorize/native"), ("authorizations", "GET", "authorize"),
    ("authorizations", "POST", "authorize"), ("authorizations", "DELETE", "authorize"),
    ("tokens", "POST", "token"), ("tokens", "POST", "revoke"), ("tokens", "POST", "introspect"),
    ("token_info", "GET", "token/info"), ("applications", "GET", "applications"),
    ("applications", "POST", "applications"), ("applications", "GET", "applications/{id}"),
    ("applications", "PATCH", "applications/{id}"), ("applications", "DELETE", "applications/{id}"),
    ("authorized_applications", "GET", "authorized_applications"),
    ("authorized_applications", "DELETE", "authorized_applications/{id}"),
)  # fmt: skip
_SKIP = re.compile(r"skip_controllers[ \t]+([^\n]{1,300})")


def rails_routes(syntax: SyntaxFile) -> tuple[list[tuple[str, str, int]], list[DeviseFor]]:
    """(method, path, line) for every route a Rails routes file declares, and its `devise_for` mounts (whose
    routes depend on the model's modules, read elsewhere)."""
    root = syntax.root
    if root is None:
        return [], []
    found = _Found()
    _walk(syntax, root, _Place(""), found, 0)
    routes = [entry for entry in found if isinstance(entry, tuple)]
    return routes, [entry for entry in found if isinstance(entry, DeviseFor)]


def _walk(syntax: SyntaxFile, node: Node, place: _Place, found: _Found, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    for child in node.named_children:
        if child.type == "call" and _drawn(syntax, child):
            _call(syntax, child, place, found, depth)
        elif child.type == "call":  # `Rails.application.routes.draw do … end`
            _walk_block(syntax, child, place, found, depth)
        elif child.type in _CONTAINERS:
            _walk(syntax, child, place, found, depth + 1)


# what a routes file calls on a block's parameter (`with_options format: false do |r| r.resources :backends`; Rails
# 2's `map.resources`) as it would call it bare
_ON_PARAMETER = {*VERBS, "match", "root", "resources", "resource", "namespace", "scope", "member", "collection",
                 "concern", "concerns", "mount", "devise_for", "connect"}  # fmt: skip


def _drawn(syntax: SyntaxFile, call: Node) -> bool:
    """Whether a call declares routes itself: bare (`get "/x"`), or a routing method on a lower-case name (a block's
    parameter); a call on anything else (`Rails.application.routes.draw`) only holds a block."""
    receiver = call.child_by_field_name("receiver")
    if receiver is None:
        return True
    method = call.child_by_field_name("method")
    return receiver.type == "identifier" and method is not None and syntax.text(method) in _ON_PARAMETER


def _walk_block(syntax: SyntaxFile, call: Node, place: _Place, found: _Found, depth: int) -> None:
    block = call.child_by_field_name("block")
    if block is not None:
        _walk(syntax, block, place, found, depth + 1)


def _call(syntax: SyntaxFile, call: Node, place: _Place, found: _Found, depth: int) -> None:
    method = call.child_by_field_name("method")
    name = syntax.text(method) if method is not None else ""
    args, options = rails_arguments(syntax, call)
    line = int(call.start_point[0]) + 1
    if name == "namespace" and args:
        inner = rails_join(place.path, options.get("path", args[0]))
        _walk_block(syntax, call, _Place(inner), found, depth)
    elif name == "scope":
        path = options.get("path", args[0] if args else "")
        _walk_block(syntax, call, _Place(rails_join(place.path, path)), found, depth)
    elif name in {"resources", "resource"} and args:
        for resource in args:
            _resource(syntax, call, place, resource, options, name == "resources", found, depth, line)
    elif name in {"member", "collection"} and place.member is not None:
        target = place.member if name == "member" else place.collection
        _walk_block(syntax, call, _Place(target or place.path), found, depth)
    elif name in VERBS or name == "match":
        _verb(name, args, options, place, found, line)
    elif name == "root":
        found.append(("GET", place.path or "/", line))
    elif name == "devise_for" and args:
        for resource in args:
            skip = frozenset(re.findall(r"\w+", options.get("skip", "")))
            path = rails_join(place.path, options.get("path", resource))
            omniauth = "omniauth_callbacks" in options.get("controllers", "")
            found.append(DeviseFor(path, resource, skip, omniauth, line))
    elif name == "use_doorkeeper":  # Doorkeeper's OAuth2 server routes, less the controllers it skips
        settings = call.child_by_field_name("block")
        skips = _SKIP.search(syntax.text(settings)[:5000]) if settings is not None else None
        skipped = set(re.findall(r":(\w+)", skips.group(1))) if skips is not None else set()
        scope = options.get("scope", "oauth")
        for controller, verb, suffix in _DOORKEEPER:
            if controller not in skipped:
                found.append((verb, rails_join(place.path, scope, suffix) or "/", line))
    elif name == "concern" and args and call.child_by_field_name("block") is not None:
        found.concerns[args[0]] = call  # drawn where `concerns` names it
    elif name == "concerns":
        for concern in args:
            if concern in found.concerns and concern not in found.drawing:
                found.drawing.add(concern)
                _walk_block(syntax, found.concerns[concern], place, found, depth + 1)
                found.drawing.discard(concern)
    elif name in {"draw", "mount", "direct", "resolve"}:
        return
    else:  # `constraints`, `defaults`, `authenticate`, `with_options`: a block that adds no path
        _walk_block(syntax, call, place, found, depth)


def _resource(
    syntax: SyntaxFile,
    call: Node,
    place: _Place,
    resource: str,
    options: dict[str, str],
    plural: bool,
    found: _Found,
    depth: int,
    line: int,
) -> None:
    base = place.nested or place.path
    collection = rails_join(base, options.get("path", resource))
    param = options.get("param", "id")
    member = rails_join(collection, "{" + param + "}") if plural else collection
    actions = _PLURAL if plural else _SINGULAR
    kept = _only(options, {a for a, _, _ in actions})
    for action, verb, suffix in actions:
        if action in kept:
            found.append((verb, rails_join(collection, suffix.replace("{id}", "{" + param + "}")), line))
    nested_param = f"{{{singular(resource)}_{param}}}" if param != "id" else f"{{{singular(resource)}_id}}"
    nested = rails_join(collection, nested_param) if plural else collection
    inner = _Place(nested, member, collection, nested)
    for concern in re.findall(r"\w+", options.get("concerns", "")):  # `resources :photos, concerns: :commentable`
        if concern in found.concerns and concern not in found.drawing:
            found.drawing.add(concern)
            _walk_block(syntax, found.concerns[concern], inner, found, depth + 1)
            found.drawing.discard(concern)
    _walk_block(syntax, call, inner, found, depth)


def _verb(name: str, args: list[str], options: dict[str, str], place: _Place, found: _Found, line: int) -> None:
    methods = [VERBS[name]] if name in VERBS else [m.upper() for m in re.findall(r"\w+", options.get("via", ""))]
    methods = [m for m in methods if m in VERBS.values()]
    if not methods or not args:
        return
    on = options.get("on")
    base = place.path
    if on == "member" and place.member is not None:
        base = place.member
    elif on == "collection" and place.collection is not None:
        base = place.collection
    path = rails_join(base, args[0])
    for method in methods:
        found.append((method, path, line))


def rails_arguments(syntax: SyntaxFile, call: Node) -> tuple[list[str], dict[str, str]]:
    """A Ruby DSL call's positional names or paths (`:photos`, `"help/outgoing"`, a `"path" => "c#a"` key) and
    keyword options (Rails routes, Grape, Roda)."""
    arguments = call.child_by_field_name("arguments")
    positional: list[str] = []
    options: dict[str, str] = {}
    for child in arguments.named_children if arguments is not None else []:
        if child.type == "pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is None or value is None:
                continue
            key_text = syntax.text(key).rstrip(":").lstrip(":").strip("\"'")
            if key.type == "string":  # `get "up" => "health#show"`
                positional.append(key_text)
                continue
            options[key_text] = _value(syntax, value)
        elif child.type in {"simple_symbol", "string", "bare_symbol"}:
            positional.append(_value(syntax, child))
        elif child.type == "hash":
            for pair in child.named_children:
                key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if key is not None and value is not None:
                    options[syntax.text(key).rstrip(":").lstrip(":")] = _value(syntax, value)
    return positional, options


def _value(syntax: SyntaxFile, node: Node) -> str:
    text = syntax.text(node)
    if node.type in {"simple_symbol", "bare_symbol"}:
        return text.lstrip(":")
    if node.type == "string":
        return text.strip("\"'")
    return text


def _only(options: dict[str, str], actions: set[str]) -> set[str]:
    if "only" in options:
        return set(re.findall(r"\w+", options["only"])) & actions
    if "except" in options:
        return actions - set(re.findall(r"\w+", options["except"]))
    return actions


def rails_join(*parts: str) -> str:
    joined = "/".join(p.strip("/") for p in parts if p and p.strip("/"))
    return "/" + re.sub(r":(\w+)", r"{\1}", joined) if joined else ""
