"""Django URL configurations read from syntax trees: every `path()`/`re_path()`/`url()` of a url list
(`urlpatterns = [...]`, `urlpatterns += [...]`, any other list a file names), an `include()` of a module
(`include("app.urls")`), of a list in the same file (`include(api_urls)`, mounted several times under
`api/v1/`, `api/v2/`…) or of `(patterns, "namespace")`; and the HTTP methods of each view, from its decorators
(`@require_POST`, `@require_http_methods([...])`, `@api_view([...])`, any decorator that lists only methods) or its
body (`if request.method == "POST"`), or from a class view's handlers and generic bases.

Each file's lists and views are recorded while its tree is alive; the lists are joined across files once every file
is read, from the url files no other file includes (the root configurations). A DRF router's `include(router.urls)`
is linked by `repo/routing.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from prp_agent.repo.nodes import call_at
from prp_agent.repo.paths import FileConstants, Value, join
from prp_agent.repo.source import METHODS
from prp_agent.repo.syntax import Call, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

    from prp_agent.repo.links import Links

__all__ = ["DJANGO_HINT", "DjangoEntry", "django_routes", "python_imports", "read_django", "router_name"]

# What a Python file must show to hold url lists or views whose methods matter.
DJANGO_HINT = re.compile(rb"urlpatterns|\binclude\(|request\.method|@require_|api_view|View\):")
_URL_CALLS = {"path", "re_path", "url", "distill_path", "distill_re_path"}  # django-distill's serve as Django's
_DEPTH = 12  # includes nested deeper than this are a cycle or a mistake
_GENERIC = {"List": ("GET",), "Retrieve": ("GET",), "Create": ("POST",), "Update": ("PUT", "PATCH"),
            "Destroy": ("DELETE",), "Form": ("GET", "POST"), "Delete": ("GET", "POST"), "Template": ("GET",),
            "Redirect": ("GET",), "Detail": ("GET",)}  # fmt: skip
# Django's own form views (`django.views.generic.edit`, `django.contrib.auth.views`); Django 5's LogoutView takes POST
_FORM_VIEWS = {"CreateView": ("GET", "POST"), "UpdateView": ("GET", "POST"), "FormView": ("GET", "POST"),
               "DeleteView": ("GET", "POST"), "LoginView": ("GET", "POST"), "PasswordChangeView": ("GET", "POST"),
               "LogoutView": ("POST",)}  # fmt: skip
# Views packages give that take one POST (DRF's token view, simplejwt's)
_POST_VIEWS = {"ObtainAuthToken", "TokenObtainPairView", "TokenRefreshView", "TokenVerifyView",
               "TokenObtainSlidingView", "TokenBlacklistView"}  # fmt: skip
_METHOD_STRING = re.compile(r"""^["'](GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)["']$""", re.IGNORECASE)
_ROUTER_URLS = re.compile(r"([\w.]+)\.urls")
# `urlpatterns = router.urls`: a url list that is a DRF router's
_ROUTER_LIST = re.compile(rb"^(urlpatterns)[ \t]*=[ \t]*([\w.]{1,200})\.urls[ \t]*$", re.M)
_SPREAD_ROUTER = re.compile(rb"(?:\*|\+=?)[ \t]*([\w.]+)\.urls\b")  # `*router.urls`, `[...] + router.urls`
_REQUIRE = {"require_POST": ("POST",), "require_GET": ("GET",), "require_safe": ("GET",)}
_COMPARED = re.compile(r"""\bmethod\s*(?:==|!=|in|not in)\s*[(\[{]?\s*((?:["']\w+["']\s*,?\s*)+)""")


class DjangoEntry(NamedTuple):
    """One `path()` of a url list: its route, and the view or the included list it names."""

    route: Value
    # "view", "module" (`include("app.urls")`), "list" (`include(api_urls)`, a list of this file) or "router"
    # (`include(router.urls)`, `*router.urls`: a DRF router's viewsets)
    kind: str
    target: str  # the view's name, the module, the list's name or the router's
    file: str
    line: int
    methods: tuple[str, ...] = ()  # a viewset's action map (`as_view({"get": "list", "post": "create"})`)


def read_django(syntax: SyntaxFile, constants: FileConstants, links: Links) -> None:
    """Record a Python file's url lists and the methods of its views into `links`."""
    if syntax.language != "Python" or DJANGO_HINT.search(syntax.data) is None:
        return
    for call in syntax.calls:
        if call.name in _URL_CALLS and _route_node(call) is not None and _view_node(call) is not None and (
            call.receiver is None
        ):  # fmt: skip
            entry = _entry(syntax, constants, call)
            if entry is not None and _language_prefixed(syntax, call.node):  # `i18n_patterns(path(...))`
                entry = entry._replace(route=join(Value("{lang}"), entry.route))
            owner = _list_name(syntax, call.node)
            if entry is not None and owner is not None:
                links.django_lists.setdefault((syntax.path, owner), []).append(entry)
    if b"include(" in syntax.data:
        for module, name, alias in python_imports(syntax):  # url lists (or url modules) this file includes by name
            links.django_imports[(syntax.path, alias or name)] = (_absolute(module, syntax.path), name)
    for assigned in _ROUTER_LIST.finditer(syntax.data):  # `urlpatterns = router.urls`: the list is the router's
        line = syntax.data.count(b"\n", 0, assigned.start()) + 1
        entry = DjangoEntry(Value(""), "router", assigned.group(2).decode().rsplit(".", 1)[-1], syntax.path, line)
        links.django_lists.setdefault((syntax.path, assigned.group(1).decode()), []).append(entry)
    if syntax.root is not None and links.django_lists:
        _joined_lists(syntax, syntax.root, links, 0)
    for spread in _SPREAD_ROUTER.finditer(syntax.data):  # `*router.urls` spread into a url list
        # the `router.urls` itself (`urlpatterns += router.urls`: the statement is no item of a list)
        node = syntax.root.descendant_for_byte_range(spread.start(1), spread.end()) if syntax.root else None
        owner = _list_name(syntax, node) if node is not None else None
        if node is not None and owner is not None:
            entry = DjangoEntry(Value(""), "router", spread.group(1).decode().rsplit(".", 1)[-1], syntax.path,
                                node.start_point[0] + 1)  # fmt: skip
            links.django_lists.setdefault((syntax.path, owner), []).append(entry)
    for definition in syntax.defs:
        outer = definition.node.parent
        if outer is not None and outer.type == "decorated_definition":
            outer = outer.parent
        if outer is not None and outer.type == "module":  # a function view, not a method
            methods = _function_methods(syntax, definition.node)
            if methods:
                links.django_views.setdefault(definition.name, methods)
    for klass in syntax.classes:
        methods = _class_methods(syntax, klass.node, klass.bases)
        if methods:
            links.django_views.setdefault(klass.name, methods)
        elif klass.bases:  # `class CategoryTypeList(LabelList)`: the methods of a view of the project it extends
            links.django_bases.setdefault(klass.name, klass.bases)


_BLOCKS = {"if_statement", "else_clause", "elif_clause", "block", "try_statement", "expression_statement"}
_JOINING = {"list", "tuple", "binary_operator", "parenthesized_expression", "conditional_expression", "list_splat"}


def _joined_lists(syntax: SyntaxFile, node: Node, links: Links, depth: int) -> None:
    """Url lists a module-level url list takes in whole: `urlpatterns = (*NON_STATIC, path(...))`,
    `urlpatterns += api_patterns`, `urlpatterns = base + extra`; each an entry under no prefix of its own."""
    for child in node.named_children:
        if child.type in _BLOCKS and depth < 4:
            _joined_lists(syntax, child, links, depth + 1)
        elif child.type in {"assignment", "augmented_assignment"}:
            left, right = child.child_by_field_name("left"), child.child_by_field_name("right")
            if left is None or right is None or left.type != "identifier":
                continue
            name = syntax.text(left)
            for part in _joined_names(syntax, right):
                if part != name and (syntax.path, part) in links.django_lists:
                    line = int(right.start_point[0]) + 1
                    entry = DjangoEntry(Value(""), "list", part, syntax.path, line)
                    links.django_lists.setdefault((syntax.path, name), []).append(entry)


def _joined_names(syntax: SyntaxFile, node: Node) -> Iterator[str]:
    """The names a list expression spreads or adds (`(*a, path(...))`, `a + b`, `[...] if x else []`)."""
    if node.type == "identifier":
        yield syntax.text(node)
        return
    if node.type not in _JOINING:
        return
    for child in node.named_children[:200]:
        if child.type == "identifier" and node.type in {"list_splat", "binary_operator", "parenthesized_expression"}:
            yield syntax.text(child)
        elif child.type in _JOINING:
            yield from _joined_names(syntax, child)


def _entry(syntax: SyntaxFile, constants: FileConstants, call: Call) -> DjangoEntry | None:
    given = _route_node(call)
    assert given is not None
    route = constants.value(given)
    if route is None:
        route = Value("", (syntax.text(given)[:40],))  # a computed route: named, never dropped
    line = call.line
    second = _view_node(call)
    assert second is not None
    included = call_at(syntax, second)
    if included is not None and included.name != "include" and len(included.args) == 1:
        wrapped = call_at(syntax, included.args[0])  # `optional_trailing_slash(include(v1_urls))`
        included = wrapped if wrapped is not None and wrapped.name == "include" else included
    if included is not None and included.name == "include" and included.args:
        target = included.args[0]
        if target.type == "tuple" and target.named_children:  # `include((patterns, "app"))`
            target = target.named_children[0]
        if target.type == "string":
            module = syntax.text(target).strip("'\"")
            return DjangoEntry(route, "module", module, syntax.path, line)
        if target.type == "identifier":
            return DjangoEntry(route, "list", syntax.text(target), syntax.path, line)
        if target.type == "list":  # `include([path(...), ...])`: a list written in place
            return DjangoEntry(route, "list", _inline(target), syntax.path, line)
        if (router := _ROUTER_URLS.fullmatch(syntax.text(target))) is not None:  # `include(router.urls)`: DRF
            return DjangoEntry(route, "router", router.group(1).rsplit(".", 1)[-1], syntax.path, line)
        return None
    view = syntax.text(second)
    if re.fullmatch(r"(?:\w+\.)*admin\.site\.urls", view):  # Django's admin: its index is served at the route
        return DjangoEntry(route, "view", "admin.site", syntax.path, line)
    if "admin.site" in view or view.startswith(("[", "(")):
        return None
    # `Views.as_view()` is the class's view; a view a factory makes (`schema_view.with_ui("swagger")`) its maker's
    name = re.sub(r"\(.*", "", re.sub(r"\.as_view\(.*", "", view, flags=re.S), flags=re.S).rsplit(".", 1)[-1]
    if not name.isidentifier():
        return None
    return DjangoEntry(route, "view", name, syntax.path, line, _action_methods(syntax, included))


def _action_methods(syntax: SyntaxFile, made: Call | None) -> tuple[str, ...]:
    """The methods a DRF viewset's action map gives its view: `as_view({"get": "list", "post": "create"})`, the map
    written in place or bound to a name in the file (`as_view(list_methods)`)."""
    if made is None or made.name != "as_view" or not made.args:
        return ()
    given = made.args[0]
    if given.type == "identifier":
        name = syntax.text(given)
        given = next((a.value for a in syntax.assigns if a.name == name and a.value.type == "dictionary"), given)
    if given.type != "dictionary":
        return ()
    keys = [pair.child_by_field_name("key") for pair in given.named_children if pair.type == "pair"]
    methods = [syntax.text(k).strip("'\"").upper() for k in keys if k is not None and k.type == "string"]
    return tuple(m for m in methods if m in METHODS)


def _route_node(call: Call) -> Node | None:
    """A url pattern's route: its first argument, or `route=` (`path(route="tasks/<uuid:id>", view=…)`)."""
    return call.args[0] if call.args else call.keywords.get("route")


def _view_node(call: Call) -> Node | None:
    """What a url pattern routes to: its second argument, or `view=` (`path("grids/", view=views.grid_list)`)."""
    return call.args[1] if len(call.args) > 1 else call.keywords.get("view")


_IN_LIST = {
    "list",
    "argument_list",
    "binary_operator",
    "parenthesized_expression",
    "list_splat",
    "tuple",
    "conditional_expression",
}


def _inline(node: Node) -> str:
    """The name a list written inside `include([...])` goes by: where it starts."""
    return f"@{node.start_byte}"


def _list_name(syntax: SyntaxFile, node: Node) -> str | None:
    """The name of the list a `path()` call sits in: `urlpatterns = [...]`, `urlpatterns += [...]`, `api = [...]`,
    or the list written inside an `include([...])`."""
    current = node.parent
    while current is not None and (current.type in _IN_LIST or _i18n(syntax, current)):
        if current.type == "list" and _included(syntax, current):
            return _inline(current)
        current = current.parent
    if current is None or current.type not in {"assignment", "augmented_assignment"}:
        return None
    left = current.child_by_field_name("left")
    return syntax.text(left) if left is not None and left.type == "identifier" else None


def _calls(syntax: SyntaxFile, node: Node | None, name: str) -> bool:
    """Whether a node is a call of the function `name` (`include(…)`, `django.urls.include(…)`)."""
    function = node.child_by_field_name("function") if node is not None and node.type == "call" else None
    return function is not None and syntax.text(function).rsplit(".", 1)[-1] == name


def _i18n(syntax: SyntaxFile, node: Node) -> bool:
    """Whether a node is Django's `i18n_patterns(...)`: the url list it wraps is served under a language code."""
    return _calls(syntax, node, "i18n_patterns")


def _language_prefixed(syntax: SyntaxFile, node: Node) -> bool:
    """Whether a `path()` call sits directly in an `i18n_patterns(...)` call (its url is `/{lang}/…`)."""
    current = node.parent
    while current is not None and current.type in _IN_LIST:
        current = current.parent
    return current is not None and _i18n(syntax, current)


def _included(syntax: SyntaxFile, node: Node) -> bool:
    """Whether a list is the first argument of `include(...)` (or the patterns of `include(([...], "app"))`)."""
    holder = node.parent
    if holder is not None and holder.type == "tuple" and holder.named_children and holder.named_children[0] == node:
        holder = holder.parent
    return _calls(syntax, holder.parent if holder is not None and holder.type == "argument_list" else None, "include")


def _function_methods(syntax: SyntaxFile, node: Node) -> tuple[str, ...]:
    """A function view's methods: what its decorators require or list, else what its body compares
    `request.method` with (beside GET, which the rest of the body serves)."""
    parent = node.parent
    decorators = [c for c in parent.named_children if c.type == "decorator"] if parent is not None else []
    for decorator in decorators:
        text = syntax.text(decorator).lstrip("@").strip()
        name = re.split(r"[(\s]", text, maxsplit=1)[0].rsplit(".", 1)[-1]
        if name in _REQUIRE:
            return _REQUIRE[name]
        listed = _listed_methods(text)
        if listed:
            return listed
    body = node.child_by_field_name("body")
    text = syntax.text(body) if body is not None else ""
    if "method" not in text:
        return ()
    compared = [m.upper() for found in _COMPARED.findall(text[:20000]) for m in re.findall(r"\w+", found)]
    compared = [m for m in compared if m in METHODS]
    return tuple(dict.fromkeys(["GET", *compared])) if compared else ()


def _listed_methods(decorator: str) -> tuple[str, ...]:
    """The methods a decorator lists when every string it is given is one (`@require_http_methods(["GET", "POST"])`,
    `@api_view(["POST"])`, `@cors("GET", "POST")`)."""
    strings = re.findall(r"""["'][^"']*["']""", decorator[:300])
    if not strings or not all(_METHOD_STRING.match(s) for s in strings):
        return ()
    return tuple(dict.fromkeys(s.strip("'\"").upper() for s in strings))


def _class_methods(syntax: SyntaxFile, node: Node, bases: list[str]) -> tuple[str, ...]:
    """A class view's methods: its `get`/`post`/… handlers, else those its generic bases give
    (`ListCreateAPIView`: GET and POST)."""
    body = node.child_by_field_name("body")
    handlers = []
    for child in body.named_children if body is not None else []:
        definition = child.child_by_field_name("definition") if child.type == "decorated_definition" else child
        if definition is not None and definition.type == "function_definition":
            name = definition.child_by_field_name("name")
            method = syntax.text(name).upper() if name is not None else ""
            if method in METHODS:
                handlers.append(method)
    return tuple(dict.fromkeys(handlers + list(_inherited_methods(bases))))  # its own handlers, and its bases'


def _inherited_methods(bases: list[str]) -> tuple[str, ...]:
    """The methods a class view's generic bases answer (an `UpdateView` that writes its own `post` still shows its
    form on GET)."""
    if any(base in _POST_VIEWS for base in bases):
        return ("POST",)
    forms = [m for base in bases for m in _FORM_VIEWS.get(base, ())]
    if forms:  # Django's generic editing views: the form on GET, the change on POST
        return tuple(dict.fromkeys(forms))
    if not any(base.endswith(("View", "APIView", "ViewSet")) for base in bases):
        return ()
    found = [m for base in bases for part, methods in _GENERIC.items() if part in base for m in methods]
    return tuple(dict.fromkeys(found))


def python_imports(syntax: SyntaxFile) -> Iterator[tuple[str, str, str]]:
    """(module, name, alias or "") of each `from module import name [as alias]` of a Python file, wherever it sits
    (a function's own imports too), in any of its forms (a parenthesized list over several lines): the url lists a
    file includes by name (`from .incident.urls import urlpatterns as incident_urls`), the routers it imports under
    other names."""
    stack = [syntax.root] if syntax.root is not None else []
    while stack:
        node = stack.pop()
        if node.type != "import_from_statement":
            stack.extend(c for c in node.named_children if c.type not in _NO_IMPORTS)
            continue
        module = node.child_by_field_name("module_name")
        for child in node.named_children:
            if child.id == (module.id if module is not None else -1):
                continue
            named = child.child_by_field_name("name") if child.type == "aliased_import" else child
            alias = child.child_by_field_name("alias") if child.type == "aliased_import" else None
            if named is not None and named.type == "dotted_name":
                yield (
                    syntax.text(module) if module is not None else "",
                    syntax.text(named),
                    syntax.text(alias) if alias is not None else "",
                )


_NO_IMPORTS = {"string", "comment", "expression_statement", "return_statement", "call", "assignment"}


def django_routes(links: Links) -> Iterator[tuple[str, Value, str, int]]:
    """(method, full route, file, line) of every view the root url configurations reach."""
    files = {file for file, _ in links.django_lists}
    included = {_module_file(entry.target, files) for entries in links.django_lists.values() for entry in entries
                if entry.kind == "module"}  # fmt: skip
    for file, name in list(links.django_lists):
        if name == "urlpatterns" and file not in included:
            yield from _expand(links, files, file, name, Value(""), 0)


def _expand(links: Links, files: set[str], file: str, name: str, prefix: Value, depth: int,
            path: frozenset[tuple[str, str]] = frozenset()) -> Iterator[tuple[str, Value, str, int]]:  # fmt: skip
    """The views a url list reaches under `prefix`. A list that includes itself (`urlpatterns = [path("",
    include((urlpatterns, "app")))]`) is followed once: every further turn of the cycle would only repeat it."""
    if depth > _DEPTH or (file, name) in path:
        return
    path = path | {(file, name)}
    for entry in links.django_lists.get((file, name), []):
        route = join(prefix, links.value(entry.route, entry.file))
        if entry.kind == "view":
            # a package's view: its token view takes POST; Django's auth views their form's methods
            known = ("POST",) if entry.target in _POST_VIEWS else _FORM_VIEWS.get(entry.target, ("GET",))
            for method in entry.methods or _view_methods(links, entry.target) or known:
                yield method, route, entry.file, entry.line
        elif entry.kind == "list" and (file, entry.target) not in links.django_lists:
            yield from _imported(links, files, file, entry.target, route, depth, path)
        elif entry.kind == "list":
            yield from _expand(links, files, file, entry.target, route, depth + 1, path)
        elif entry.kind == "router":  # a DRF router's viewsets, under the whole chain of prefixes
            links.django_routers.add(entry.target)
            for router, registered, viewset, at, line in links.registrations:
                if router_name(router) == entry.target:
                    # drf-nested-routers: a nested router's own prefix (`projects/{project_pk}`)
                    nested = links.own.get(router, Value("")) if isinstance(router, tuple) else Value("")
                    for method, suffix in links.viewset_routes(viewset):
                        yield method, join(route, nested, links.value(registered, at), suffix), at, line
        else:
            target = _module_file(entry.target, files)
            if target is not None:
                yield from _expand(links, files, target, "urlpatterns", route, depth + 1, path)


def _view_methods(links: Links, name: str) -> tuple[str, ...]:
    """A view's methods: its own, else those of the first of its bases (up the project's own classes) that has
    some."""
    for _ in range(_DEPTH):
        if name in links.django_views:
            return links.django_views[name]
        bases = [b.rsplit(".", 1)[-1] for b in links.django_bases.get(name, [])]
        name = next((b for b in bases if b in links.django_views or b in links.django_bases), "")
        if not name:
            return ()
    return ()


def _imported(links: Links, files: set[str], file: str, name: str, prefix: Value, depth: int,
              path: frozenset[tuple[str, str]]) -> Iterator[tuple[str, Value, str, int]]:  # fmt: skip
    """A url list a file includes by a name it imports: another module's list (`urlpatterns as incident_urls`), or a
    url module itself (`from .api import urls as api_urls`), whose `urlpatterns` it is."""
    module, imported = links.django_imports.get((file, name), ("", ""))
    target = _module_file(module, files) if module else None
    if target is not None and (target, imported) in links.django_lists:
        yield from _expand(links, files, target, imported, prefix, depth + 1, path)
    elif module and (target := _module_file(f"{module}.{imported}", files)) is not None:
        yield from _expand(links, files, target, "urlpatterns", prefix, depth + 1, path)


def _absolute(module: str, file: str) -> str:
    """A module an import names, as a dotted name from the file's own folder up (`.incident.urls` in
    `argus/htmx/urls.py` is `argus.htmx.incident.urls`); an absolute name as it is."""
    dots = len(module) - len(module.lstrip("."))
    if not dots:
        return module
    package = file.split("/")[:-1]
    package = package[: len(package) - (dots - 1)] if dots > 1 else package
    return ".".join([*package, *filter(None, module[dots:].split("."))])


def router_name(ref: object) -> str:
    """The name a router reference goes by (`api_router`), whether it is a key or a lookup."""
    if isinstance(ref, tuple):
        return str(ref[-1])
    return str(getattr(ref, "name", ""))


def _module_file(module: str, files: set[str]) -> str | None:
    """The url file a dotted module names (`hc.api.urls` is `hc/api/urls.py`, wherever the project root is)."""
    suffix = module.replace(".", "/") + ".py"
    found = [f for f in files if f == suffix or f.endswith("/" + suffix)]
    return min(found, key=len) if found else None
