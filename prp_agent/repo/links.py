"""Routes linked across files: what each file's reader (`repo/routing.py`) records is plain data — routers, routes,
mounts, calls of router functions, string constants — and names in one file that point into another are kept as
`Lookup`s. Once every file is read (and its syntax tree dropped), `Links.routes()` resolves the lookups and the
constants and walks each route's chain of prefixes.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cache

from prp_agent.repo.django import DjangoEntry, django_routes, router_name
from prp_agent.repo.express_openapi import operation_routes
from prp_agent.repo.fastendpoints import FastEndpoint, FastGroup, fast_routes
from prp_agent.repo.folder_routes import folder_mounts
from prp_agent.repo.grape import GrapeApi, grape_routes
from prp_agent.repo.paths import Value, join, resolve
from prp_agent.repo.rails import DeviseFor, devise_routes
from prp_agent.repo.roda import RodaTree, roda_routes
from prp_agent.repo.source import HTTP_METHODS, normalize_path, rust_module, singular_class
from prp_agent.repo.typedpaths import resolve_typed
from prp_agent.repo.types import Evidence, RepoRoute, built

__all__ = ["EMPTY", "GlobalPrefix", "Key", "Links", "Lookup", "Ref", "RouteRecord", "import_target", "rust_module"]

Key = tuple[str, str, str]  # ("var", file, name) | ("fn", file, name) | ("handler", module, name) | ("file", file, "")
EMPTY = Value("")
_CONVENTIONAL_POOL = 12  # a name defined in more files than this, with nothing to tell them apart, links nothing
_LINK_TIME = {"edges", "also", "found"}  # what `Links.routes()` computes, never recorded by a reader


@dataclass(frozen=True, slots=True)
class Lookup:
    """A router or router function named in one file and defined in another, found at link time."""

    file: str
    name: str
    qualifier: str = ""  # `users` in `users.router`, `api` in `api::routes`
    module: str = ""  # where the file imports the name from
    functions: bool = False  # a router function (`api::routes()`) rather than a router value
    imported_only: bool = False  # a conventional name (`app`, `router`): only an import takes it elsewhere
    made_by: str = ""  # the function that made the receiver (`h := pkg.NewH()`): its method sits beside it
    fallback: Key | None = None  # what the name means when nothing is found (None: no router at all)
    every: bool = False  # a registry of router functions (`[]routerCheckRole`): every function it holds


Ref = Key | Lookup
# a call of a function that may be a route helper: (callee, parent, prefix, conditional, argument values, the routers
# each argument names)
Site = tuple[Lookup, Ref, Value, bool, tuple[Value | None, ...], tuple[tuple[Ref, ...], ...]]


@dataclass(frozen=True, slots=True)
class RouteRecord:
    """One route as a file's reader saw it."""

    owner: Ref | None
    method: str
    path: Value
    file: str
    line: int
    conditional: bool = False
    class_name: str = ""  # annotation routes: the controller, for a base controller's route and its tokens
    bases: tuple[str, ...] = ()
    method_name: str = ""
    global_prefix: bool = False  # NestJS: `setGlobalPrefix` applies
    version: str | None = None  # NestJS: the controller's or handler's own version ("" when version-neutral)
    attributes: tuple[str, ...] = ()  # the controller's attributes, for one that derives from a route attribute
    maybe_handler: bool = False  # `router.get(name)`: a path only if `name` turns out to be a constant
    linked_only: bool = False  # a bare `get("x")` outside any block: a route only if its function is mounted
    partial: bool = False  # a C# partial class: another part (another file) may carry the controller's route
    conventional: bool = False  # an ASP.NET MVC action with a verb and no template: the app's conventional route
    area: Value | None = None  # ASP.NET MVC: the controller's `[Area("Admin")]`, served by its area route
    params: tuple[str, ...] = ()  # ASP.NET MVC: the action's parameters (`{id?}` is in its path when it takes `id`)
    within: str = ""  # the function the registration is written in (a helper may put routes on a router it imports)
    typed: tuple[str, ...] = ()  # axum-extra `.typed_get(h)`: (function, module, files it may be in) of its handler


@dataclass(frozen=True, slots=True)
class GlobalPrefix:
    """NestJS's `app.setGlobalPrefix('api', {exclude: [...]})`: the prefix, the paths it excludes, and whether it
    was set in `main.ts` (the API's, when a repository starts several applications)."""

    value: Value
    excludes: frozenset[str] = frozenset()
    main: bool = False

    @staticmethod
    def better(mine: GlobalPrefix | None, theirs: GlobalPrefix | None) -> GlobalPrefix | None:
        """The first one seen, unless only the later one was set in `main.ts`."""
        if mine is None or (theirs is not None and theirs.main and not mine.main):
            return theirs
        return mine


@dataclass(slots=True)
class _Edge:
    parent: Key | None
    prefix: Value
    conditional: bool = False


@dataclass
class Links:
    """Everything every file's reader recorded, and the linking of it."""

    own: dict[Key, Value] = field(default_factory=dict)
    groups: dict[Key, Ref] = field(default_factory=dict)  # `v1 := r.Group("/v1")`: v1's parent
    returns: dict[Key, Key] = field(default_factory=dict)  # `Router::new()…` in a function: what the call gives
    folders: list[tuple[str, str]] = field(default_factory=list)  # (folder, prefix) from routes config files
    mounts: list[tuple[Ref, Ref, Value, bool]] = field(default_factory=list)  # (child, parent, prefix, conditional)
    calls: list[tuple[Lookup, Ref, Value, bool]] = field(default_factory=list)  # router-function calls
    # calls with the values and routers of their arguments: (callee, parent, prefix, conditional, values, routers)
    sites: list[Site] = field(default_factory=list)
    params: dict[Key, tuple[str, ...]] = field(default_factory=dict)  # a function's parameter names
    records: list[RouteRecord] = field(default_factory=list)
    fns: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    vars: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    aliases: list[tuple[str, str, str, str]] = field(default_factory=list)  # (file, alias, target, module)
    defaults: dict[str, str] = field(default_factory=dict)  # a JavaScript file → the name it exports as default
    class_routes: dict[str, Value] = field(default_factory=dict)
    class_bases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a class with a route path → its bases
    child_controllers: dict[str, str] = field(default_factory=dict)  # OvernightJS: a child controller → its parent
    constants: dict[str, list[tuple[str, Value]]] = field(default_factory=lambda: defaultdict(list))
    global_prefix: GlobalPrefix | None = None
    nest_versions: tuple[str, str] | None = None  # NestJS URI versioning: (segment prefix, default version)
    django_lists: dict[tuple[str, str], list[DjangoEntry]] = field(default_factory=dict)  # (file, list) → paths
    django_views: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a Django view → its methods
    django_bases: dict[str, list[str]] = field(default_factory=dict)  # a class view → its bases (for inherited ones)
    # (file, name) → (module, name there): url lists a file imports (`from .incident.urls import urlpatterns as x`)
    django_imports: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    django_routers: set[str] = field(default_factory=set)  # DRF routers the url tree reached (linked there)
    nest_controllers: dict[str, str] = field(default_factory=dict)  # NestJS: controller → the module declaring it
    nest_module_paths: dict[str, Value] = field(default_factory=dict)  # NestJS RouterModule: module → its path
    api_version: str = ""  # ASP.NET API versioning: what `v{version:apiVersion}` is served as
    conventional_route: str = ""  # ASP.NET MVC's `MapControllerRoute(pattern: "{controller=Home}/{action=Index}")`
    area_route: str = ""  # and its route for areas (`{area:exists}/{controller}/{action=Index}/{id?}`)
    token_transformer: str = ""  # ASP.NET: the class `RouteTokenTransformerConvention` is given
    transformer_styles: dict[str, str] = field(default_factory=dict)  # its parameter transformers → kebab, lower
    # ASP.NET: attributes that set a controller's version (`[ApiV3]` : ApiVersionAttribute) and, as `class:Name`, a
    # controller's own `[ApiVersion("3.0")]` → the major version
    version_attributes: dict[str, str] = field(default_factory=dict)
    jvm_base: str = ""  # a JVM application's base path from its settings (`quarkus.rest.path`, a context path)
    viewsets: dict[str, list[tuple[str, Value]]] = field(default_factory=dict)  # DRF: class → (method, suffix)
    viewset_bases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # DRF: a viewset class → its bases
    route_attributes: dict[str, Value] = field(default_factory=dict)  # ASP.NET `[ApiV1]` : RouteAttribute("api/v1")
    # ASP.NET attributes that build a route template: name → (template, constructor (parameter, default) pairs)
    template_attributes: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    attribute_args: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (class, attribute) → args
    verb_attributes: dict[str, tuple[str, str]] = field(default_factory=dict)  # `[RestGetById]` → (verb, template)
    class_attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # controller → its attributes
    registrations: list[tuple[Ref, Value, str, str, int]] = field(default_factory=list)  # router, prefix, class
    resources: dict[str, list[str]] = field(default_factory=dict)  # Flask-RESTful: Resource class → its methods
    # Python routers by the call that made them (`Blueprint`, `APIRouter`): what a loop over a list from elsewhere
    # mounts (`for bp in blueprints: app.register_blueprint(bp, url_prefix=…)`), recorded as an `each` child
    made: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    handler_methods: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Go: a handler → methods it checks
    # express-openapi: (app, folder of route modules as written, file, line) of each `initialize`; a module's file →
    # the methods of its `operations` and their line
    openapi_folders: list[tuple[Ref, str, str, int]] = field(default_factory=list)
    operations: dict[str, tuple[tuple[str, ...], int]] = field(default_factory=dict)
    folder_loads: list[tuple[Ref, str, str]] = field(default_factory=list)  # (router, folder, file) of a folder loader
    # axum-extra typed paths: a `#[typed_path]` struct → (module, path); (file, function) → its parameters' types
    typed_structs: dict[str, list[tuple[str, Value]]] = field(default_factory=lambda: defaultdict(list))
    typed_params: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    resource_bases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a view or resource class → its bases
    resource_paths: list[tuple[Ref, list[Value], str, str, int]] = field(default_factory=list)  # add_resource
    # tables of resources and paths by name (`V1_API_ROUTES = [(R, "/x"), …]`), and the loops that add one's rows
    resource_tables: dict[str, list[tuple[str, list[Value], str, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    table_adds: list[tuple[Ref, str, str, int]] = field(default_factory=list)  # (router, table, file, line)
    replaced: list[Ref] = field(default_factory=list)  # routers whose own prefix a mount's path replaces
    pyramid_routes: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # name → (pattern, file, line)
    pyramid_views: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # name → its methods
    devise: list[tuple[DeviseFor, str]] = field(default_factory=list)  # `devise_for` mounts and their files
    grape: list[tuple[str, GrapeApi]] = field(default_factory=list)  # Grape API classes (reopened ones repeat)
    roda: list[RodaTree] = field(default_factory=list)  # Roda routing trees, a file each
    fast_endpoints: list[FastEndpoint] = field(default_factory=list)  # FastEndpoints' endpoint classes
    fast_groups: dict[str, FastGroup] = field(default_factory=dict)  # and their groups, by class name
    fast_options: dict[str, str] = field(default_factory=dict)  # what `UseFastEndpoints(…)` sets
    devise_modules: dict[str, tuple[str, ...]] = field(default_factory=dict)  # model → its Devise modules
    omniauth_providers: list[str] = field(default_factory=list)
    edges: dict[Key, _Edge] = field(default_factory=dict)
    # a route function called again under another prefix (`MetadataRoutes(…).registerRoutes(this)` in `/komga` and
    # in `/kavita`): the other places it serves its routes
    also: dict[Key, list[_Edge]] = field(default_factory=dict)
    found: dict[Lookup, list[Key]] = field(default_factory=dict)  # lookups already resolved

    def merge(self, other: Links) -> None:
        """Add what another reader recorded (files read after this one's, in another process): lists are joined,
        name-to-list tables extended, other tables keep their first entry, a single value its first non-empty one.
        What linking computes (`edges`, `found`) is not merged."""
        for name in _recorded():
            theirs = getattr(other, name)
            if not theirs:
                continue  # most files record little: an empty table, list or value adds nothing
            mine = getattr(self, name)
            if isinstance(mine, defaultdict):
                for key, values in theirs.items():
                    mine[key].extend(values)
            elif isinstance(mine, dict):
                for key, value in theirs.items():
                    mine.setdefault(key, value)
            elif isinstance(mine, list):
                mine.extend(theirs)
            elif name == "global_prefix":
                self.global_prefix = GlobalPrefix.better(mine, theirs)
            elif not (mine.text if isinstance(mine, Value) else mine):
                setattr(self, name, theirs)

    # --- resolving ---------------------------------------------------------------------------------------------

    def value(self, value: Value, file: str = "") -> Value:
        """A value with the names other files define filled in."""
        return resolve(value, self.constants, file)

    def find(self, ref: Ref | None) -> list[Key]:
        """The keys a reference means (several when a router function name stands for several files alike)."""
        if ref is None:
            return []
        if not isinstance(ref, Lookup):
            return [ref]
        cached = self.found.get(ref)
        if cached is None:
            cached = self.found[ref] = self._find(ref)
        found = cached
        if found:
            return found
        return [ref.fallback] if ref.fallback is not None else []

    def _find(self, ref: Lookup) -> list[Key]:
        if ref.imported_only:
            if not ref.module:
                return []
            return _best([k for k in self.vars.get(ref.name, []) if k[1] != ref.file], ref.module, ref.file)[:1]
        pool = list(self.fns.get(ref.name, []))
        if not ref.functions:
            pool = [*self.vars.get(ref.name, []), *pool]
        if ref.made_by:  # beside: in the maker's file, or for Go in its package (its folder)
            makers = self.fns.get(ref.made_by, [])
            own_file = {k[1] for k in makers}  # a Go constructor sits in the file of its type's methods
            beside = {_package(k[1]) for k in makers}
            matching = [k for k in pool if k[1] in own_file] or [k for k in pool if _package(k[1]) in beside]
            if matching:
                return matching
        if ref.every:
            return pool  # a loop calls each function the registry holds
        if not pool:
            return self._default_export(ref)
        hint = _module_hint(ref.qualifier)
        if hint:
            matching = _best(pool, hint)
            if matching:
                return matching
        relative = ref.module.startswith(("./", "../"))  # `require('./user').router` is another file's, not this one's
        held = re.match(r"(?:this|self)\.\w", ref.qualifier) is not None  # `this.sgidRouter.getRouter()`: another's
        pool = [k for k in pool if k[1] != ref.file] if held else pool
        local = [k for k in pool if k[1] == ref.file] if not (relative or held) else []
        if local:
            return local[:1]
        if ref.module:
            matching = _best(pool, ref.module, ref.file)
            if matching and (not relative or _relative(matching[0][1], ref.module, ref.file)):
                return matching
            if relative:  # `import documents from "./documents"` names one module: what that module exports
                return self._default_export(ref) or matching
        return pool if len(pool) <= _CONVENTIONAL_POOL else []

    def _default_export(self, ref: Lookup) -> list[Key]:
        """`import usersRouter from './users'`: the router the imported module builds (a Go package's function
        that is not found, `server.WithSSEEndpoint(…)` of a library, is no router of a `server` folder)."""
        relative = ref.module.startswith(("./", "../"))  # where the file imports it from says more than its name
        module = ref.module if relative else _module_hint(ref.qualifier) or ref.module
        if not module or ref.file.endswith(".go"):
            return []
        routers = _best([k for k in self.own if k[1] != ref.file and k[0] == "var"], module, ref.file)
        if len({k[1] for k in routers}) > 1 and relative:  # a folder's modules: the one named as the property is
            named = [k for k in routers if posixpath.splitext(posixpath.basename(k[1]))[0] == ref.name]
            routers = named or routers  # `tasksModule.routes` → `modules/tasks/routes.js`
        if routers or not self.defaults:
            return routers[:1]
        # a plugin function exported as the module's default (`export default async function account(fastify)`,
        # `export default account;`), imported under any name
        files = _best([("file", path, "") for path in self.defaults if path != ref.file], module, ref.file)
        if not files:
            return []
        path = files[0][1]
        name = self.defaults[path]
        return [k for k in [*self.fns.get(name, []), *self.vars.get(name, [])] if k[1] == path][:1]

    def _bundle_files(self) -> None:
        """Files a Symfony app names by their bundle (`@AcmeBlogBundle/Resources/config/routing.php`): the file of that
        path under the folder the bundle's name ends with (`src/BlogBundle/`), among the files that hold routes or
        import others."""
        if not any(_bundled(c) for c, _, _, _ in self.mounts):
            return
        known = {r.file for r in self.records} | {p[1] for _, p, _, _ in self.mounts if type(p) is tuple}

        def resolve(target: str) -> str:
            bundle, _, rest = target[1:].partition("/")
            hits = sorted(
                path for path in known
                if path.endswith("/" + rest) and any(
                    part.endswith("Bundle") and bundle.endswith(part) for part in path[: -len(rest)].split("/"))
            )  # fmt: skip
            return hits[0] if hits else target

        for index, (child, parent, prefix, conditional) in enumerate(self.mounts):
            if isinstance(child, tuple) and _bundled(child):
                self.mounts[index] = ((child[0], resolve(child[1]), child[2]), parent, prefix, conditional)

    def _resolve_aliases(self) -> None:
        """`pub use core::routes as core_routes;`: the alias names the target function of that module; Python's
        `from app.api import app as api_app`, the module's variable."""
        for file, alias, target, module in self.aliases:
            if module.startswith("py:"):  # a Python router imported under another name: the module's variable
                tail = module[3:].replace(".", "/")
                keys = [k for k in self.vars.get(target, []) if k[1].removesuffix(".py").endswith(tail)]
                self.vars[alias].extend(k for k in keys if k not in self.vars[alias])
                continue
            folder = file.rsplit("/", 1)[0] if "/" in file else ""
            wanted = module.replace("::", "/").removeprefix("crate/").removeprefix("self/")
            keys = [k for k in self.fns.get(target, []) if _module_score(k[1], f"{folder}/{wanted}") >= 2]
            self.fns[alias].extend(k for k in keys if k not in self.fns[alias])

    def _expand_declared(self) -> None:
        """Routes that only every file together declares: DRF viewsets registered on a router, Flask-RESTful and
        Falcon resources and Tornado handlers at their paths, Pyramid's named routes with their views' methods,
        Grape APIs under the APIs that mount them, Roda branches under their dispatches, Devise's routes for the
        model's modules."""
        for router, prefix, name, file, line in self.registrations:
            for method, suffix in self.viewset_routes(name):
                self.records.append(RouteRecord(router, method, join(prefix, suffix), file, line))
        # Flask-RESTful `api.add_resource(R, "/x")`, and each row of a table a loop adds
        for router, paths, name, file, line in [*self.resource_paths, *self._table_rows()]:
            for path in paths:
                for method in self.resource_methods(name):
                    self.records.append(RouteRecord(router, method, path, file, line))
        for name, (pattern, file, line) in self.pyramid_routes.items():  # Pyramid: a named pattern, its views' verbs
            for method in dict.fromkeys(self.pyramid_views.get(name) or ["GET"]):
                self.records.append(RouteRecord(None, method, Value(pattern), file, line))
        apis: dict[str, GrapeApi] = {}
        for name, api in self.grape:  # Grape: each API's routes under the APIs that mount it
            known = apis.setdefault(name, GrapeApi())
            known.bases = known.bases or api.bases
            known.routes += api.routes
            known.mounts += api.mounts
        for method, served, file, line in grape_routes(apis):
            self.records.append(RouteRecord(None, method, Value(served), file, line))
        for method, served, file, line in roda_routes(self.roda):  # Roda: branches under their dispatches
            self.records.append(RouteRecord(None, method, Value(served), file, line))
        providers = tuple(dict.fromkeys(self.omniauth_providers))
        for mount, file in self.devise:  # Devise: the routes of the model's modules
            modules = self.devise_modules.get(singular_class(mount.resource))
            for method, drawn in devise_routes(mount, modules, providers):
                self.records.append(RouteRecord(None, method, Value(drawn), file, mount.line))

    def _table_rows(self) -> Iterator[tuple[Ref, list[Value], str, str, int]]:
        """`for route in ROUTES: api.add_resource(*route)`: each row of the table, as `add_resource` would give it
        (the table by the name the loop uses, or the one it was imported as; the loop's own file's first)."""
        for router, table, file, _ in self.table_adds:
            named = [target for where, alias, target, _ in self.aliases if where == file and alias == table]
            rows = self.resource_tables.get(table) or (self.resource_tables.get(named[0], []) if named else [])
            rows = [row for row in rows if row[2] == file] or rows
            for name, paths, defined, line in rows:
                yield router, paths, name, defined, line

    def resource_methods(self, name: str, depth: int = 0) -> list[str]:
        """A Flask view's or resource's methods: its own, else those its bases define (`ProjectsResource(
        BaseModelsResource)` serves BaseModelsResource's `get` and `post`)."""
        own = self.resources.get(name)
        if own or depth >= 5:
            return own or []
        for base in self.resource_bases.get(name, ()):
            found = self.resource_methods(base, depth + 1)
            if found:
                return found
        return []

    def viewset_routes(self, name: str, depth: int = 0) -> list[tuple[str, Value]]:
        """A DRF viewset's (method, suffix) pairs: its own and those of the viewsets it derives from
        (`class SearchViewSet(DocumentViewSet)` serves what DocumentViewSet serves)."""
        found = list(self.viewsets.get(name, []))
        for base in self.viewset_bases.get(name, ()) if depth < 5 else ():
            found += [pair for pair in self.viewset_routes(base, depth + 1) if pair not in found]
        return found

    def _instantiate(self) -> None:
        """Helpers given a path (and a router) as parameters — `RX(r, "/user", …)`, `MountRouter(name, path, sub)`:
        each call puts a copy of the helper's routes and mounts under the call, its parameters filled in. A helper
        that hands its own parameter on to another helper is followed through (three levels deep)."""
        for _ in range(3):
            helpers = self._helpers()
            if not helpers:
                return
            for key, (records, mounts) in helpers.items():
                params = self.params[key]
                names = set(params)
                forwarding = not records and not mounts  # a helper handing its parameters on: only those calls
                for n, (_, parent, prefix, conditional, values, refs) in enumerate(self._sites_of(key)):
                    bound = {params[i]: v for i, v in enumerate(values[: len(params)]) if v is not None}
                    routers = {params[i]: r for i, r in enumerate(refs[: len(params)])}
                    instance: Key = ("inst", key[1], f"{key[2]}#{n}")
                    self.mounts.append((instance, parent, prefix, conditional))
                    for record in records:
                        path = _bind(record.path, bound)
                        owner = instance if record.owner == key else record.owner  # its own router, else the call's
                        method = _bound_method(record.method, bound)
                        if method:
                            self.records.append(
                                replace(record, owner=owner, path=path, method=method, linked_only=False)
                            )
                    for child, _, mount_prefix, mount_conditional in mounts:
                        param = child[2].split(":")[-1] if isinstance(child, tuple) and _is_param(child, key) else ""
                        children = routers.get(param, ()) if param else (child,)
                        for each in children:
                            self.mounts.append((each, instance, _bind(mount_prefix, bound), mount_conditional))
                    for site in [s for s in self.sites if s[1] == key]:  # its calls of other helpers, filled in
                        callee, _, site_prefix, site_conditional, site_values, site_refs = site
                        if forwarding and not _hands_on(site_values, names):
                            continue
                        filled = tuple(_bind(v, bound) if v is not None else None for v in site_values)
                        self.sites.append((callee, instance, site_prefix, site_conditional, filled, site_refs))
                used = {id(r) for r in records}
                self.records = [r for r in self.records if id(r) not in used]
                dropped = {id(m) for m in mounts}
                self.mounts = [m for m in self.mounts if id(m) not in dropped]
                self.sites = [s for s in self.sites if s[1] != key]
                self.params.pop(key, None)

    def _sites_of(self, key: Key) -> list[Site]:
        return [site for site in self.sites if key in self.find(site[0])]

    def _helpers(self) -> dict[Key, tuple[list[RouteRecord], list[tuple[Ref, Ref, Value, bool]]]]:
        """Functions whose routes or mounts use their parameters, and are called with arguments."""
        found: dict[Key, tuple[list[RouteRecord], list[tuple[Ref, Ref, Value, bool]]]] = {}
        called = {key for site in self.sites for key in self.find(site[0])}
        for key in called & set(self.params):
            names = set(self.params[key])
            records = [
                r for r in self.records
                if (r.owner == key or (r.file == key[1] and r.within == key[2])) and names & set(r.path.unresolved)
            ]  # fmt: skip
            mounts = [
                m for m in self.mounts
                if m[1] == key and (names & set(m[2].unresolved) or _is_param(m[0], key))
            ]  # fmt: skip
            if records or mounts:
                found[key] = (records, mounts)
        # helpers that only hand their method and path on (`apiRoute(method, path, h)` calling `route(method, path,
        # …)`) go first: filled in at their own calls, they add the sites of the helpers they call
        forwarding: dict[Key, tuple[list[RouteRecord], list[tuple[Ref, Ref, Value, bool]]]] = {}
        for callee, parent, _, _, values, _ in self.sites:
            if not isinstance(parent, tuple) or parent in found or parent not in called or parent not in self.params:
                continue
            if _hands_on(values, set(self.params[parent])) and any(
                key in found and any(r.method.startswith("$") for r in found[key][0]) for key in self.find(callee)
            ):  # only into a helper whose routes take their method from its caller: hand-offs elsewhere multiply
                forwarding[parent] = ([], [])
        return {**forwarding, **found}

    def _inherit(self) -> None:
        """JAX-RS resources and Spring controllers: the routes a base class declares without a path of its own
        (`BaseObjectResource`'s `@GET @Path("{id}")`) are served under each subclass's path (`@Path("devices")`),
        through any depth of bases; the base's own copy, at no path, is no route."""
        parents: dict[str, set[str]] = {name: set(bases) for name, bases in self.class_bases.items()}
        for record in self.records:
            if record.class_name and record.bases:
                parents.setdefault(record.class_name, set()).update(record.bases)

        def ancestors(name: str) -> set[str]:
            seen: set[str] = set()
            stack = list(parents.get(name, ()))
            while stack and len(seen) < 50:
                base = stack.pop()
                if base not in seen:
                    seen.add(base)
                    stack.extend(parents.get(base, ()))
            return seen

        below: dict[str, list[str]] = defaultdict(list)
        for name in self.class_routes:
            for base in ancestors(name):
                if base != name:
                    below[base].append(name)
        kept: list[RouteRecord] = []
        for record in self.records:
            heirs = below.get(record.class_name, []) if record.class_name not in self.class_routes else []
            if not heirs or record.owner is not None:
                kept.append(record)
                continue
            for heir in sorted(heirs):
                path = tokens(join(self.class_routes[heir], record.path), heir, record.method_name)
                kept.append(replace(record, path=path, class_name=heir, bases=(), attributes=()))
        self.records = kept

    def _link(self) -> list[tuple[Key | None, RouteRecord]]:
        self._resolve_aliases()
        self._template_classes()
        self._inherit()
        self._expand_declared()
        self._instantiate()
        for ref in self.replaced:  # `api.add_namespace(ns, "/x")`: the namespace is served at /x, not its own path
            for key in self.find(ref):
                self.own[key] = EMPTY
        for child, parent in self.groups.items():
            found = self.find(parent)
            if found and found[0] != child:
                self.edges.setdefault(child, _Edge(found[0], EMPTY))
        self._bundle_files()
        looped = []
        for child_ref, parent_ref, prefix, conditional in self.mounts:
            parents = self.find(parent_ref)
            if not parents:
                continue
            if not isinstance(child_ref, Lookup) and child_ref[0] == "each":
                looped.append((child_ref[2], parents[0], prefix, conditional))
                continue
            for child in self.find(child_ref):
                if child == parents[0]:
                    continue
                edge = _Edge(parents[0], prefix, conditional)
                if child not in self.edges or _shorter_alias(edge, self.edges[child]):
                    self.edges[child] = edge
                elif edge != self.edges[child]:  # a helper called at several paths, a router mounted at two
                    places = self.also.setdefault(child, [])
                    if edge not in places and len(places) < _MAX_PLACES:
                        places.append(edge)
        for made, parent, prefix, conditional in looped:  # after the mounts that name their router
            for child in self.made.get(made, []):
                if child != parent and child not in self.edges:
                    self.edges[child] = _Edge(parent, prefix, conditional)
        for child, owner in self.returns.items():  # a router a function builds and does not mount elsewhere
            self.edges.setdefault(child, _Edge(owner, EMPTY))
        routed: list[tuple[Key | None, RouteRecord]] = []
        for record in self.records:
            if record.owner is None:
                routed.append((None, record))
                continue
            owners = self.find(record.owner)
            if owners:  # else the receiver was no router after all (an HTTP client, a map)
                routed.append((owners[0], record))
        # a bare call outside any block counts once its function is called from a router or a block
        pending = [(key, record) for key, record in routed if record.linked_only]
        routed = [(key, record) for key, record in routed if not record.linked_only]
        holders = {key for key, _ in routed + pending if key is not None}
        holders |= {e.parent for e in self.edges.values() if e.parent}
        holders |= {k for k in self.edges if k[0] == "handler"}
        resolved_calls = [
            (self.find(callee), self.find(parent), prefix, cond) for callee, parent, prefix, cond in self.calls
        ]
        called: set[Key] = set()  # keys placed by a call, not by a mount: another call may place them again
        changed = True
        while changed:
            changed = False
            for callees, parents, prefix, conditional in resolved_calls:
                if not parents:
                    continue
                for key in callees:
                    if key not in holders or key[1:] == parents[0][1:]:
                        continue
                    edge = _Edge(parents[0], prefix, conditional)
                    if key not in self.edges:
                        self.edges[key] = edge
                        called.add(key)
                    elif key in called and edge != self.edges[key] and edge not in self.also.setdefault(key, []):
                        if len(self.also[key]) < _MAX_PLACES:
                            self.also[key].append(edge)
                    else:
                        continue
                    if parents[0] not in holders:
                        holders.add(parents[0])
                        changed = True
        return routed + [(key, record) for key, record in pending if key in self.edges]

    def _prefixes(self, key: Key | None) -> list[tuple[Value, bool]]:
        """Every prefix a key's routes are served under (one unless a route function is called in several
        places), at most `_MAX_PLACES`."""
        if not self.also:
            return [self._prefix(key)]
        return [(join(*parts), conditional) for parts, conditional in self._chains(key, frozenset())]

    def _chains(self, key: Key | None, seen: frozenset[Key]) -> list[tuple[list[Value], bool]]:
        if key is None or key in seen:
            return [([], False)]
        own = [self.value(self.own[key], key[1])] if key in self.own else []
        edge = self.edges.get(key)
        if edge is None:
            return [(own, False)]
        chains: list[tuple[list[Value], bool]] = []
        for each in [edge, *self.also.get(key, ())]:
            for parts, conditional in self._chains(each.parent, seen | {key}):
                chains.append(([*parts, self.value(each.prefix), *own], conditional or each.conditional))
                if len(chains) >= _MAX_PLACES:
                    return chains
        return chains

    def _prefix(self, key: Key | None) -> tuple[Value, bool]:
        parts: list[Value] = []
        conditional, seen = False, set()
        while key is not None and key not in seen:
            seen.add(key)
            if key in self.own:
                parts.insert(0, self.value(self.own[key], key[1]))
            edge = self.edges.get(key)
            if edge is None:
                break
            parts.insert(0, self.value(edge.prefix))
            conditional = conditional or edge.conditional
            key = edge.parent
        return join(*parts), conditional

    def _operation_records(self) -> list[RouteRecord]:
        """express-openapi: a route per module under the folder an `initialize` serves, and operation of it."""
        return [
            RouteRecord(app, method, Value(path), module, line)
            for app, folder, file, _ in self.openapi_folders
            for method, path, module, line in operation_routes(folder, file, self.operations)
        ]

    def _folder_mounts(self) -> list[tuple[Ref, Ref, Value, bool]]:
        """Each router module under a folder a loader names, mounted on the loader's router at its file's path."""
        if not self.folder_loads:
            return []
        modules: dict[str, str] = {}
        for kind, file, name in self.own:  # a module's router: the one it exports by default, else its first
            if kind == "var" and (file not in modules or self.defaults.get(file) == name):
                modules[file] = name
        return [
            (("var", module, name), parent, Value(served), False)
            for parent, folder, file in self.folder_loads
            for module, name, served in folder_mounts(folder, file, modules)
        ]

    def routes(self) -> list[RepoRoute]:
        """Every recorded route with its full path, one per (method, path), the first sighting kept. Linking uses
        the records up: each is dropped once its route is made (a large repository never holds both in full), so
        this is called once."""
        found: dict[tuple[str, str], RepoRoute] = {}
        if any(r.method.startswith("@@") for r in self.records):  # `HandleFunc("/x", h)`: what `h` checks, else GET
            checked = self.handler_methods
            self.records = [
                replace(r, method=m)
                for r in self.records
                for m in (checked.get(r.method[2:], ("GET",)) if r.method.startswith("@@") else (r.method,))
            ]
        self.records += self._operation_records()
        self.mounts += self._folder_mounts()
        if any(r.typed for r in self.records):  # `.typed_get(h)`: the path of the struct `h` takes
            self.records = resolve_typed(self.records, self.typed_params, self.typed_structs)
        django = list(django_routes(self))  # first: it claims the DRF routers its url tree reaches
        routed = self._link()
        self.records = []
        routed.reverse()
        while routed:
            key, record = routed.pop()
            if self.django_routers and router_name(record.owner) in self.django_routers:
                continue  # a DRF router the url tree placed under its whole chain of prefixes
            if record.method.startswith("$"):
                continue  # a helper's route whose method is its parameter: its calls declare the routes
            if record.method.startswith("@"):  # an action attribute that may be the repository's own verb
                verb = self.verb_attributes.get(record.method[1:])
                if verb is None:
                    continue
                record = replace(record, method=verb[0], path=join(record.path, Value(verb[1])))
            path = self.value(record.path, record.file)
            if record.maybe_handler and path.unresolved:
                continue  # `router.get(handler)`: not a path
            if record.class_name and (record.bases or record.attributes or record.partial):
                path = join(self._base_route(record), path)
            if record.class_name in self.child_controllers:
                path = join(self._parent_controllers(record.class_name), path)
            area = _area_name(self.value(record.area, record.file)) if record.area is not None else ""
            pattern = self.area_route if area else self.conventional_route
            if record.conventional and not path.text.strip("/") and pattern:
                for conventional in conventional_paths(pattern, record.class_name, record.method_name, record.params,
                                                       area):  # fmt: skip
                    route = _route(record.method, Value(conventional), record.file, record.line, record.conditional)
                    found.setdefault((route.method, route.path), route)
                continue
            module = self.nest_controllers.get(record.class_name) if record.class_name else None
            if module is not None and module in self.nest_module_paths:  # NestJS RouterModule's path for the module
                path = join(self.value(self.nest_module_paths[module], record.file), path)
            if record.global_prefix:
                path = join(self._global_prefix(path), self._nest_version(record), path)
            if self.jvm_base and record.class_name and record.file.endswith((".java", ".kt")):
                path = join(Value(self.jvm_base), path)
            folder = max(
                (f for f in self.folders if record.file.startswith(f[0])), key=lambda f: len(f[0]), default=None
            )
            if folder is not None and record.class_name:
                path = join(Value(folder[1]), path)
            for mount, inherited in self._prefixes(key):
                full = _strip_leading(join(mount, path))
                for served in self._versions(full, record):
                    if TOKEN_MARK in served.text:
                        style = self.transformer_styles.get(self.token_transformer, "")
                        served = Value(transformed(served.text, style), served.unresolved)
                    route = _route(record.method, served, record.file, record.line, record.conditional or inherited)
                    found.setdefault((route.method, route.path), route)
        for method, path, file, line in django:
            route = _route(method, _strip_leading(path), file, line, False)
            found.setdefault((route.method, route.path), route)
        for method, path, file, line in fast_routes(self.fast_endpoints, self.fast_groups, self.fast_options):
            route = _route(method, self.value(path, file), file, line, False)
            found.setdefault((route.method, route.path), route)
        return list(found.values())

    def _global_prefix(self, path: Value) -> Value:
        """NestJS's global prefix for a route, none for a path it excludes."""
        found = self.global_prefix
        if found is None or normalize_path(path.text).strip("/") in found.excludes:
            return EMPTY
        return self.value(found.value)

    def _nest_version(self, record: RouteRecord) -> Value:
        """NestJS URI versioning's segment for a route (`/v1`): its own version or the default, none when it is
        version-neutral or versioning is off."""
        if self.nest_versions is None:
            return EMPTY
        prefix, default = self.nest_versions
        version = default if record.version is None else record.version
        return Value(prefix + version) if version else EMPTY

    def _versions(self, path: Value, record: RouteRecord) -> list[Value]:
        """A path with ASP.NET's `{version:apiVersion}` filled in: the action's `[MapToApiVersion]` or each version
        the action is declared for, else each its controller is (`[ApiVersion("1"), ApiVersion("2")]`)."""
        if ":apiVersion}" not in path.text:
            return [path]
        versions = (record.version or self._api_version(record)).split(",")
        return [
            Value(re.sub(r"\{\w+:apiVersion\}", version, path.text), path.unresolved) for version in versions if version
        ] or [path]

    def _api_version(self, record: RouteRecord) -> str:
        """The version a controller's `v{version:apiVersion}` is served as: its own `[ApiVersion]`, an attribute of
        the repository's that sets one (`[ApiV3]`), a base controller's, else the first version the code names."""
        for name in (record.class_name, *record.bases):
            if own := self.version_attributes.get(f"class:{name}"):
                return own
            for attribute in self.class_attributes.get(name, ()):
                if version := self.version_attributes.get(attribute):
                    return version
        return self.api_version

    def _template_route(self, class_name: str, attribute: str) -> Value:
        """The route a template attribute gives a controller: its template with the controller's arguments, or the
        constructor's defaults, filled in (`[V1ApiController("config/host")]` is `api/v1/config/host`)."""
        template, params = self.template_attributes[attribute]
        given = self.attribute_args.get((class_name, attribute), ())
        for i, (param, default) in enumerate(params):
            template = template.replace("{" + param + "}", given[i] if i < len(given) else default)
        return Value(template)

    def _template_classes(self) -> None:
        """Controllers whose route a template attribute builds have that route, for the routes their base
        controllers declare (`_inherit`)."""
        for name, attributes in self.class_attributes.items():
            attribute = next((a for a in attributes if a in self.template_attributes), None)
            if attribute is not None and name not in self.class_routes:
                self.class_routes[name] = self._template_route(name, attribute)

    def _parent_controllers(self, name: str) -> Value:
        """The paths of the controllers a child controller is served under, outermost first (five levels)."""
        parts: list[Value] = []
        seen = {name}
        while (parent := self.child_controllers.get(name)) is not None and parent not in seen and len(seen) <= 5:
            seen.add(parent)
            parts.insert(0, self.value(self.class_routes.get(parent, EMPTY)))
            name = parent
        return join(*parts)

    def _base_route(self, record: RouteRecord) -> Value:
        """A route attribute of the repository's own (`[ApiV1]`) or a base controller's route (in another file),
        with the derived controller's tokens."""
        for attribute in record.attributes:
            if attribute in self.route_attributes:
                return tokens(self.value(self.route_attributes[attribute]), record.class_name, record.method_name)
            if attribute in self.template_attributes:
                return tokens(self._template_route(record.class_name, attribute), record.class_name, record.method_name)
        if record.partial and record.class_name in self.class_routes:  # the route is on another part of the class
            return tokens(self.value(self.class_routes[record.class_name]), record.class_name, record.method_name)
        for base in record.bases:
            if base == record.class_name:
                continue
            if base in self.class_routes:
                return tokens(self.value(self.class_routes[base]), record.class_name, record.method_name)
            for attribute in self.class_attributes.get(base, ()):
                if attribute in self.route_attributes:
                    route = self.value(self.route_attributes[attribute])
                    return tokens(route, record.class_name, record.method_name)
        return EMPTY


def _route(method: str, full: Value, file: str, line: int, conditional: bool) -> RepoRoute:
    """A route with its full path; a prefix that could not be resolved is named in its evidence."""
    note = ""
    if full.unresolved:
        note = "unresolved prefix " + ", ".join(f"`{{{n}}}`" for n in dict.fromkeys(full.unresolved))
    evidence = built(Evidence, path=file, line=line, note=note)
    return built(RepoRoute, method=method, path=normalize_path(full.text), evidence=evidence, conditional=conditional)


def _hands_on(values: tuple[Value | None, ...], names: set[str]) -> bool:
    """Whether a call passes on one of these parameters of the function it is made in (`route(method, path, …)`
    inside `apiRoute(method, path, h)`)."""
    return any(v is not None and not names.isdisjoint(v.unresolved) for v in values)


def _bound_method(method: str, bound: dict[str, Value]) -> str:
    """A route's method, or the one a helper's call passes for its method parameter (`$method`): `'post'` gives
    POST; "" when the call passes no method."""
    if not method.startswith("$"):
        return method
    given = bound.get(method[1:])
    verb = given.text.upper() if given is not None and not given.unresolved else ""
    return verb if verb in HTTP_METHODS else ""


def _bind(value: Value, bound: dict[str, Value]) -> Value:
    """A value with the names of parameters replaced by what a call passed for them."""
    text, left = value.text, []
    for name in value.unresolved:
        if name in bound:
            text = text.replace("{" + name + "}", bound[name].text)
            left += list(bound[name].unresolved)
        else:
            left.append(name)
    return Value(text, tuple(left))


def _is_param(ref: Ref, key: Key) -> bool:
    return isinstance(ref, tuple) and ref[0] == "param" and ref[1] == key[1] and ref[2].startswith(key[2] + ":")


_MAX_PLACES = 8  # prefixes one route function is followed to
TOKEN_MARK = "\x1f"  # around what a route token became, until the application's token transformer is known


def tokens(value: Value, class_name: str, method: str) -> Value:
    """ASP.NET route tokens: `[controller]` is the class name without `Controller`, `[action]` the method (kept for
    the action when only the class is known). What they become is marked for `transformed`."""
    text = value.text
    if "[" in text:
        controller = re.sub(r"Controller$", "", class_name)
        text = re.sub(r"\[controller\]", lambda _: f"{TOKEN_MARK}{controller}{TOKEN_MARK}", text, flags=re.I)
        if method:
            text = re.sub(r"\[action\]", lambda _: f"{TOKEN_MARK}{method}{TOKEN_MARK}", text, flags=re.I)
        text = re.sub(r"\[area\]", "", text, flags=re.I)
    return Value(text, value.unresolved)


_MARKED = re.compile(f"{TOKEN_MARK}([^{TOKEN_MARK}]*){TOKEN_MARK}")


def transformed(text: str, style: str) -> str:
    """A path with its token values as the application's parameter transformer writes them: `kebab`
    (`ChangePassword` → `change-password`, ASP.NET's usual `SlugifyParameterTransformer`), `snake`
    (`user_account`), `lower`, or as named."""
    if TOKEN_MARK not in text:
        return text
    if style in {"kebab", "snake"}:  # `ChangePassword` → `change-password`, `UserAccount` → `user_account`
        joiner = "-" if style == "kebab" else "_"
        return _MARKED.sub(lambda m: re.sub(r"([a-z])([A-Z])", rf"\1{joiner}\2", m.group(1)).lower(), text)
    if style == "lower":
        return _MARKED.sub(lambda m: m.group(1).lower(), text)
    return text.replace(TOKEN_MARK, "")


@cache
def _recorded() -> tuple[str, ...]:
    """The fields of `Links` that readers record (what linking computes left out)."""
    return tuple(item.name for item in fields(Links) if item.name not in _LINK_TIME)


def _area_name(value: Value) -> str:
    """An MVC area's name: its value, or for a constant no file read shows (`AreaNames.Admin` in a file of
    constants only), the constant's own name, which is what such constants hold."""
    alone = len(value.unresolved) == 1 and value.text == "{" + value.unresolved[0] + "}"
    return value.unresolved[0] if alone else value.text


def conventional_paths(
    pattern: str, controller: str, action: str, params: tuple[str, ...] = (), area: str = ""
) -> list[str]:
    """The paths ASP.NET MVC's conventional route serves an action at: `{controller=Home}/{action=Index}/{id?}`
    gives `/account/login` for AccountController.Login, and also `/manage` for ManageController.Index and `/` for
    HomeController.Index (a segment whose default is the value may be left out, from the end). An optional
    parameter is in the path when the action takes it (`/account/details/{id}` for `Details(int id)`); an area's
    controller fills `{area}` (`/admin/campaign/index`)."""
    name = controller.removesuffix("Controller")
    segments: list[tuple[str, bool]] = []  # (text, may be left out)
    for segment in pattern.strip("/").split("/"):
        token = re.fullmatch(r"\{(\w+)(?::\w+)*(?:=(\w+))?(\?)?\}", segment)
        if token is None:
            segments.append((segment, False))
        elif token.group(1) in ("controller", "action"):
            value = name if token.group(1) == "controller" else action
            segments.append((value.lower(), (token.group(2) or "").lower() == value.lower()))
        elif token.group(1) == "area" and area:
            segments.append((area.lower(), False))
        elif (token.group(2) or token.group(3)) and token.group(1) in params:
            segments.append(("{" + token.group(1) + "}", False))  # the action takes it: called with it
        elif token.group(2) or token.group(3):
            segments.append(("", True))  # `{id?}`, `{id=0}`: optional
        else:
            return []  # a parameter the action would have to name: not this action's route
    paths = []
    kept = [text for text, _ in segments]
    while True:
        paths.append("/" + "/".join(t for t in kept if t))
        if not segments or not segments[len(kept) - 1][1]:
            break
        kept = kept[:-1]
        if not kept:
            paths.append("/")
            break
    return list(dict.fromkeys(paths))


def _strip_leading(value: Value) -> Value:
    """A base path only known at run time (`{basepath}/api/x`) leaves the path and stays named in the evidence:
    the route is `/api/x` under whatever the deployment sets."""
    segments = value.text.strip("/").split("/")
    while len(segments) > 1 and segments[0][:1] == "{" and segments[0][1:-1] in value.unresolved:
        segments.pop(0)
    return Value("/".join(segments), value.unresolved)


def _package(path: str) -> str:
    """Where a definition sits for `made_by`: its file, or a Go file's folder (a Go package spans its folder)."""
    return posixpath.dirname(path) if path.endswith(".go") else path


def _shorter_alias(edge: _Edge, known: _Edge) -> bool:
    """A router mounted again on the same parent at a path its first mount's path extends (`/api` after `/api/v6`,
    `/api/v7`, …): served at the shorter one, the others are its versions."""
    shorter, longer = edge.prefix.text.strip("/"), known.prefix.text.strip("/")
    return edge.parent == known.parent and longer.startswith(shorter + "/") and bool(shorter)


def _module_hint(qualifier: str) -> str:
    """`api::routes` → `api`; `handlers.users` → `handlers/users`; `self.users` → `users`."""
    qualifier = re.sub(r"^(self|this|crate|super)(\.|::)", "", qualifier.strip())
    if not qualifier or not re.fullmatch(r"[\w.:]+", qualifier):
        return ""
    return qualifier.replace("::", "/").replace(".", "/")


def _bundled(ref: Ref) -> bool:
    """A file named by its Symfony bundle (`("file", "@AcmeBlogBundle/…", "")`)."""
    return type(ref) is tuple and ref[0] == "file" and ref[1][:1] == "@"


def import_target(module: str, origin: str) -> str:
    """The path a relative import (`./documents`, PHP's `__DIR__ . '/routes/api.php'`) names, from the importing
    file's folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(origin), module))


def _relative(path: str, module: str, origin: str) -> bool:
    """Whether a file is the module a relative import names (itself or a file in that folder)."""
    target = import_target(module, origin)
    return _module_score(path, target) == 4 or path.startswith(target + "/")


def _best(keys: list[Key], module: str, origin: str = "") -> list[Key]:
    """The keys whose file is the module an import or a qualifier names: the closest match only. A relative
    import (`./documents`) is first resolved against the importing file's folder (`origin`)."""
    if module.startswith(("./", "../")) and origin:
        target = import_target(module, origin)
        exact = [k for k in keys if _module_score(k[1], target) == 4]
        inside = [k for k in keys if k[1].startswith(target + "/")]  # a folder whose index re-exports a file
        if exact or len({k[1] for k in inside}) == 1:
            return exact or inside
    scored = [(_module_score(k[1], module), k) for k in keys]
    top = max((score for score, _ in scored), default=0)
    return [k for score, k in scored if score == top] if top else []


def _module_score(path: str, module: str) -> int:
    """How well a file is the module an import or a qualifier names: 4 its path, 3 its path's end, 2 its stem,
    1 its package directory (Go), 0 not at all."""
    module = re.sub(r"^(\.{1,2}/)+", "", module).removesuffix(".js").removesuffix(".ts")
    module = re.sub(r"/(index|mod|__init__)$", "", module)  # `./admin-api/index.js` is the folder's module
    module = re.sub(r"^[@~][\w-]*/", "", module) if module[:1] in "@~" else module
    stem = re.sub(r"\.(py|js|ts|mjs|cjs|tsx|go|rs|kt|java|php|rb|cs|ex)$", "", path)
    stem = re.sub(r"/(index|mod|__init__)$", "", stem)
    tail = module.rsplit("/", 1)[-1]
    if stem == module:
        return 4
    if stem.endswith("/" + module):
        return 3
    if stem.rsplit("/", 1)[-1] == tail:
        return 2
    return 1 if path.rsplit("/", 2)[-2:-1] == [tail] else 0
