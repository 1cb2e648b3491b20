"""Routes read from syntax trees, with their real paths: one model for every framework that registers routes by
calling a router (`app.get`, `r.Route`, `Route::get`, `.route()`, `MapGet`, `get { }`) or by annotating a handler
(`@GetMapping`, `[HttpGet]`, `#[get]`, `#[Route]`, `@Get()`).

A route's path is the chain of every prefix above it:

- **containment**: a route registered inside the block of a scoping call (`r.Route("/api", func(r) {…})`, Ktor and
  Javalin `route`/`path`, Laravel `Route::prefix()->group()`, `"/api".nest {}`);
- **router values**: a route registered on a variable made by a group or a prefixed router
  (`v1 := r.Group("/v1")`, `APIRouter(prefix=…)`, `Blueprint(url_prefix=…)`, `MapGroup`, `web::scope`);
- **mounts**: a router mounted on another (`use`, `Mount`, `mount`, `nest`, `include_router`,
  `register_blueprint`, `register`, `service`), found by name across files;
- **router functions**: a function that registers routes on its parameter or builds a router, and every call of it
  from where a router is at hand (`users.Routes(r)`, `api::routes()`, `userRoutes()` inside `route("/api") {}`);
- **class prefixes**: the controller's mapping, with ASP.NET's `[controller]`/`[action]` tokens and a base
  controller's route.

Names are followed to their constants (`repo/paths.py`); a prefix that cannot be followed stays visible as
`{NAME}` and is named in the route's evidence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from prp_agent.repo.controllers import (
    CLASS_ROUTES,
    AnnotatedRoutes,
    listed_verbs,
    nest_versioning,
    route_template,
    verb_attribute,
    viewset_actions,
)
from prp_agent.repo.django import python_imports, read_django
from prp_agent.repo.express_openapi import INITIALIZE_FILE, initialized, operation_methods
from prp_agent.repo.fastendpoints import read_fastendpoints
from prp_agent.repo.folder_routes import LOADERS, loaded_folder
from prp_agent.repo.ktor import RESOURCE_FILE, TYPED_ROUTE, resource_paths, typed_route_path
from prp_agent.repo.links import EMPTY, GlobalPrefix, Key, Links, Lookup, Ref, RouteRecord, import_target, rust_module
from prp_agent.repo.nodes import (
    DEF_TYPES,
    NAME_NODES,
    NAMED_DEFS,
    STRING_NODE_TYPES,
    call_at,
    call_index,
    calls_on,
    conditional,
    enclosing_def,
    imports,
    scope_node,
    walk,
)
from prp_agent.repo.paths import FileConstants, Value, join
from prp_agent.repo.source import HTTP_METHODS, METHODS, normalize_path, singular
from prp_agent.repo.syntax import Assign, Call, Def, SyntaxFile
from prp_agent.repo.typedpaths import TYPED_VERBS, handler_files, handler_params, typed_structs
from prp_agent.repo.typedpaths import imports as rust_imports

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = ["read_routes"]

_VERBS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "head": "HEAD",
          "options": "OPTIONS", "del": "DELETE"}  # fmt: skip
_MAP_VERBS = {"MapGet": "GET", "MapPost": "POST", "MapPut": "PUT", "MapPatch": "PATCH", "MapDelete": "DELETE",
              "MapHealthChecks": "GET", "UseHealthChecks": "GET", "MapHub": "GET"}  # fmt: skip
# calls whose block holds routes under their path
_API_VERSION_BASE = re.compile(r"""base\(\s*(?:new\s+ApiVersion\(\s*|")(\d+)""")
_SCOPES = {
    "Route",
    "route",
    "path",
    "group",
    "Group",
    "nest",
    "prefix",
    "namespace",
    "scope",
    "crud",
    "routing",
    "apiBuilder",
    "routes",
}
# calls that make a router value, and the keyword that holds its prefix
_GROUPS = {"Group": "", "group": "", "MapGroup": "", "PathPrefix": "", "scope": "", "Blueprint": "url_prefix",
           "APIRouter": "prefix", "Router": "prefix", "basePath": "", "prefix": "", "Subrouter": "",
           "route_prefix": "", "Namespace": "path", "namespace": "path"}  # fmt: skip
# a repository's own router class (`UserAPIRouter(prefix="/users")` deriving from APIRouter, `InferringRouter()`)
_CONDITION_PARTS = {"binary_expression", "parenthesized_expression"}  # what a Go `if` condition is made of
_OWN_DEFS = DEF_TYPES - {"block", "do_block"}  # what defines parameters of its own
_NEW_CLASS = re.compile(r"\bnew\s+([A-Z]\w*)\s*\(")
_LOOP_MOUNTED = {"Blueprint", "APIRouter"}  # routers a loop over a list from elsewhere may mount every one of
_OWN_ROUTER = re.compile(r"[A-Z]\w*(Router|Blueprint)")
_ROUTER_MODULE = re.compile(r"""require\(\s*['"][\w./@-]*router[\w.-]*['"]\s*\)""", re.IGNORECASE)


def _group_keyword(name: str) -> str | None:
    """The keyword holding the prefix when a call of this name makes a router group ("" for the first path
    argument), None when it makes none."""
    if name in _GROUPS:
        return _GROUPS[name]
    if name not in _MAKERS and _OWN_ROUTER.fullmatch(name):
        return "url_prefix" if name.endswith("Blueprint") else "prefix"
    return None


# group calls made on a router, which becomes the group's parent (`r.Group`, not `express.Router` or `web::scope`)
_SUBGROUPS = {
    "Group",
    "group",
    "MapGroup",
    "PathPrefix",
    "Subrouter",
    "basePath",
    "prefix",
    "route_prefix",
    "namespace",
}
_MAKERS = {
    "NewRouter", "Router", "APIRouter", "Blueprint", "Flask", "FastAPI", "NewServeMux", "express", "Hono", "Fastify",
    "fastify", "Koa", "Sanic", "Litestar", "Starlette", "Echo", "Engine", "Quart", "Bottle", "Elysia", "OpenAPIHono",
    "createRouter", "Default", "New", "create", "new", "Application", "App", "DefaultRouter", "SimpleRouter", "Api",
}  # fmt: skip
# generic maker names count only on these receivers (`gin.New()`, `Router::new()`, `Javalin.create()`)
_MAKER_RECEIVERS = {
    "Default": re.compile(r"^(gin|echo|fiber)$"), "New": re.compile(r"^(gin|echo|fiber|chi|mux|httprouter|bunrouter)$"),
    "create": re.compile(r"^(Javalin|express|Fastify|Hono|Router)$"),
    "new": re.compile(r"(^|::)\w*(Router|App|Route)$"),  # `Router::new()`, aide's `ApiRouter`, `OpenApiRouter`
    "Application": re.compile(r"^(web|aiohttp\.web|tornado\.web)$"), "App": re.compile(r"^(web|actix_web)$"),
}  # fmt: skip
# gorilla/mux calls that sit between a route's path and its `.Methods(…)`
_GORILLA_CHAIN = {"HandlerFunc", "Handler", "Name", "Queries", "Headers", "Schemes", "Host", "MatcherFunc"}
_ROUTE_FILE = re.compile(r"""['"]/?(?:\.\./)*(routes/[\w./-]{1,120}\.php)['"]""")  # `base_path('routes/api.php')`
_LARAVEL_ROOT = re.compile(r"(.{0,300}?/)?(?:app|bootstrap)/")  # the folder a Laravel project's `app/` is in
# `include(__DIR__ . '/routes/api.php')`, `require 'auth-routes.php'`: a file beside the including one
_PHP_INCLUDE = re.compile(
    rb"""\b(?:include|require)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*)?['"]([\w./-]{1,200}\.php)['"]"""
)
# a group of a file beside the provider: `->group(__DIR__.'/../Routes/Admin/web.php')`
_DIR_ROUTE_FILE = re.compile(r"""^__DIR__\s*\.\s*['"]([\w./-]{1,200}\.php)['"]$""")
_APPLICATION_PATH = re.compile(rb"""@ApplicationPath\(\s*(?:value\s*=\s*)?"([^"]*)"\s*\)""")
_SERVLET_MAPPINGS = {"addServlet", "addServletWithMapping", "ServletRegistrationBean", "addMapping"}
# axum's `.route("/x", get(h))` and aide's documented `.api_route("/x", get_with(h, docs))`
# methods of an actix scope or an axum router that return it, configured: the router a chain of them ends in
_RUST_BUILDERS = {"configure", "wrap", "app_data", "data", "guard", "default_service", "layer", "route_layer",
                  "with_state", "fallback", "service", "route"}  # fmt: skip
_AXUM_ROUTES = {"route", "api_route", "api_route_with"}
# `'get /api/v1/ping': {…}`: a quoted "verb /path" written as an object's key
_VERB_KEY = re.compile(
    rb"""(['"])(get|post|put|patch|delete|head|options|all|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL)"""
    rb"""[ \t]+(/[^'"\s]{0,300})\1[ \t]*:"""
)
# a router built and bound in one chained expression: the declaration, and each link's receiver field
_CHAIN_BINDINGS = {"let_declaration", "variable_declarator"}
_CHAIN_LINKS = {"field_expression": "value", "member_expression": "object"}
_CHAINED = {"Rust", "JavaScript", "TypeScript"}
_MOUNTS = {"use", "Mount", "mount", "nest", "nest_service", "nest_api_service", "include_router",
           "register_blueprint", "register", "service", "merge", "configure", "route", "add_routes", "include",
           "Handle", "PathPrefix", "group", "routes", "append"}  # fmt: skip
_INLINE_FUNCTIONS = {"arrow_function", "function_expression", "function"}
_NEW_INSTANCE = re.compile(r"new\s+(\w+)")
_RETURN_WINDOW = 200_000  # bytes of a function searched for `return router`
_RETURNS = re.compile(
    rb"\breturn[ \t(&]+([A-Za-z_$][\w$]{0,80})\b(?![ \t]*[.(\[])"
)  # `return router`, not `return r.x`
_RETURNED = {"JavaScript", "TypeScript", "Python", "Go"}  # languages whose functions' returned routers are followed
# a module imported where it is used: `(await import("./ee/routes")).default` (the qualifier of `.default`)
_IMPORTED = re.compile(r"""\(\s*(?:await\s+)?import\(\s*['"`](\.{1,2}/[^'"`\n]{0,200})['"`]\s*\)\s*\)""")
_IMPORTED_MEMBER = re.compile(_IMPORTED.pattern + r"\.\w{1,80}")
_SERVER_JSX = re.compile(rb"""\bfrom[ \t]+["'](?:hono|express|fastify|koa|elysia)["'/]""")  # a JSX file of a server
_BOUND_BY_CALL = {"JavaScript", "TypeScript"}  # languages whose variables a router function's result is read through
_REQUIRED = re.compile(r"""require\(\s*['"`](\.{1,2}/[^'"`\n]{0,200})['"`]\s*\)""")  # a relative module, inline
_NESTED_ROUTERS = {"NestedSimpleRouter", "NestedDefaultRouter"}  # drf-nested-routers
_NEW_INSTANCE_CALL = re.compile(r"(?:new\s+)?([A-Z]\w{0,100})\s*\(")
_MAKES_ROUTER = re.compile(r"\bthis\.router[ \t]*=[ \t]*(?:express(?:\.Router)?|Router|new[ \t]+Router)[ \t]*\(")
_ROCKET_LISTS = {"routes", "openapi_get_routes", "openapi_get_routes_spec"}  # `routes![a, b]` and okapi's own
_OKAPI_MOUNT = re.compile(r""""(/[^"\n]{0,200})"[ \t]*=>[ \t]*([\w:]{1,200})\(""")
# `import Route from '@ioc:Adonis/Core/Route'` (AdonisJS 5), `import router from '@adonisjs/core/services/router'` (6)
_ADONIS_ROUTER = re.compile(
    rb"""import[ \t]+(\w+)[ \t]+from[ \t]+['"](?:@ioc:Adonis/Core/Route|@adonisjs/core/services/router)['"]"""
)
_TOKEN_TRANSFORMER = re.compile(rb"RouteTokenTransformerConvention\(\s*new\s+([\w.]{1,200})\s*\(")
_CONVENTIONAL_ROUTES = {"MapControllerRoute", "MapRoute", "MapAreaControllerRoute", "MapDefaultControllerRoute"}
_METHOD_CONSTRAINT = re.compile(r'HttpMethodRouteConstraint\(\s*"(\w+)"')
_JS_CLASSES = {"class_declaration", "class", "abstract_class_declaration"}
_CONVENTIONAL = {"app", "router", "api", "server", "r", "e", "g", "mux", "routes", "fastify", "instance", "bp",
                 "blueprint", "v1", "v2", "api_router", "apiRouter", "routing", "web", "rg", "engine", "group",
                 "authorized", "protected", "public", "admin", "private", "route"}  # fmt: skip
_ROUTE_TYPES = re.compile(r"\b(Router|RouterGroup|Engine|Echo|Group|Mux|ServeMux|App|Route|Routing|Express|Bundle|"
                          r"FastifyInstance|Hono|Application|Blueprint|APIRouter|Javalin|Scope|"
                          r"ServiceConfig)\b")  # fmt: skip
# a value that starts with a name glued to more of a word (`{kind}_path`), or a local's name before a colon
# (`{key}:hash`): a key, not a path (a constant's name before one is a prefix and a parameter: `{LOGIN_PREFIX}:name`)
_GLUED_NAME = re.compile(r"\{[\w.]{1,80}\}[\w.]|\{[a-z_][a-z0-9_]{0,40}\}:")
_TEST_PATH = re.compile(r"(^|/)(tests?|__tests__|spec|e2e|cypress|testing|src/\w{1,20}Test)/|_test\.go$|"
                        r"\.(test|spec)\.[jt]sx?$|(^|/)test_[^/]*\.py$|Tests?\.(cs|java|kt)$|"
                        r"Spec\.(kt|groovy)$")  # fmt: skip


def read_routes(syntax: SyntaxFile, links: Links) -> None:
    """Record one file's routers, routes, mounts, router-function calls and string constants into `links`; nothing
    of the syntax tree is kept, so each tree can be dropped once its file is read."""
    constants = FileConstants(syntax)
    for name, value in constants.exported().items():
        links.constants[name].append((syntax.path, value))
    if _TEST_PATH.search(syntax.path):
        return
    if syntax.path.endswith((".tsx", ".jsx")) and not _SERVER_JSX.search(syntax.data):
        return  # a front-end's component (a Hono app renders its pages with JSX: that file is the server's)
    read_django(syntax, constants, links)
    if syntax.language == "Kotlin" and RESOURCE_FILE.search(syntax.data):  # Ktor resource classes: their paths
        for name, path in resource_paths(syntax).items():
            links.constants[name].append((syntax.path, path))
    if syntax.language == "Rust" and b"axum" in syntax.data:  # axum-extra typed paths: structs and handlers
        for name, module, path in typed_structs(syntax, constants) if b"typed_path" in syntax.data else ():
            links.typed_structs[name].append((module, path))
        for function, types in handler_params(syntax):
            links.typed_params.setdefault((syntax.path, function), types)
    if syntax.language == "C#":  # FastEndpoints' endpoint and group classes
        endpoints, groups, options = read_fastendpoints(syntax, constants)
        links.fast_endpoints += endpoints
        links.fast_groups.update(groups)
        links.fast_options.update(options)
    reader = _FileRoutes(syntax, constants, links)
    reader.definitions()
    reader.registrations()
    reader.annotated()
    if syntax.language in {"JavaScript", "TypeScript"}:
        _express_openapi(syntax, links)
    _keep_used_params(links)


def _express_openapi(syntax: SyntaxFile, links: Links) -> None:
    """express-openapi: the app and folder an `initialize({app, paths})` serves, and a route module's operations."""
    if INITIALIZE_FILE in syntax.data:
        for call in syntax.calls:
            given = initialized(syntax.text(call.node), 0) if call.name == "initialize" else None
            if given is not None:
                app: Key = ("var", syntax.path, given[0])
                key = app if app in links.own else ("file", syntax.path, "")
                links.openapi_folders.append((key, given[1], syntax.path, call.line))
    if b"operations" in syntax.data:
        methods, line = operation_methods(syntax.data.decode("utf-8", "replace"))
        if methods:
            links.operations[syntax.path] = (tuple(methods), line)


def _keep_used_params(links: Links) -> None:
    """Keep a function's parameter names only when linking can use them: one of its routes, mounts or
    registrations names a parameter (filled in at each call), it mounts a parameter, or it calls another function
    (which may hand a parameter on). Every other function's names would be carried to the end of a large
    repository's reading for nothing."""

    def uses(key: Key, value: Value) -> bool:
        return not set(links.params.get(key, ())).isdisjoint(value.unresolved)

    used: set[Key] = set()
    for record in links.records:
        if isinstance(record.owner, tuple) and uses(record.owner, record.path):
            used.add(record.owner)
    for child, parent, prefix, _ in links.mounts:
        if isinstance(parent, tuple) and (uses(parent, prefix) or (isinstance(child, tuple) and child[0] == "param")):
            used.add(parent)
    for ref in [site[1] for site in links.sites] + [
        r[0] for r in [*links.registrations, *links.resource_paths, *links.table_adds]
    ]:
        if isinstance(ref, tuple):
            used.add(ref)
    links.params = {key: params for key, params in links.params.items() if key in used}


# the literal paths in NestJS's `setGlobalPrefix('api', {exclude: ['health', {path: 'x', method: …}]})`
_EXCLUDED = re.compile(r"""['"]([\w./:{}*-]{1,100})['"]""")


class _FileRoutes(AnnotatedRoutes):
    """The routes, routers and mounts of one file."""

    def __init__(self, syntax: SyntaxFile, constants: FileConstants, links: Links) -> None:
        self.syntax, self.constants, self.graph = syntax, constants, links
        self.path = syntax.path
        self.scopes: list[tuple[int, int, Value, Node]] = []
        self.params: dict[int, set[str]] = {}  # def node id -> its parameter names
        self.macros: dict[str, Node] = {}  # Rocket: `let mut x = routes![a, b];`
        self.imports: dict[str, str] | None = None  # name → module, read on first use
        self.bound: dict[int, str] | None = None  # Rust: where a `let`'s router chain starts → the variable
        self.rust_uses: dict[str, tuple[str, str]] | None = None  # Rust: what the file's `use`s bring in
        self.assigned: defaultdict[str, list[Assign]] | None = None  # assignments by name, made on first use
        self.returned: dict[int, set[str]] = {}  # a function (by node id) → the names it returns
        self.resource_adders: set[str] | None = None  # methods of this file that add Flask-RESTful resources
        self.own_names: defaultdict[str, list[Key]] = defaultdict(list)  # this file's routers by their last name
        # JavaScript that names its own folder (`path.join(__dirname, "routes")`): a loader of a folder may be in it
        self.names_folder = syntax.language in {"JavaScript", "TypeScript"} and b"__dirname" in syntax.data
        self.held: dict[int, bool] = {}  # JS: whether a class (by node id) makes its own `this.router`
        self.router_names: set[str] = set()  # names bound to routers in this file
        self.wrappers: set[str] = set()  # the project's own group methods (`SubGroup(prefix)`) defined here
        # a router variable declared again in its function → (start, end, (block start, block end)) of each
        self.shadows: dict[str, list[tuple[int, int, tuple[int, int]]]] = defaultdict(list)
        self.makers: dict[str, str] | None = None  # name → the function whose result it holds, read on first use
        self.defs_by_node: dict[int, Def] | None = None  # a definition by its node, for the mounts a helper makes

    # --- pass 1: router values, router functions, scopes -------------------------------------------------------

    def definitions(self) -> None:
        syntax = self.syntax
        self._group_wrappers()
        for definition in syntax.defs:
            self.graph.fns[definition.name].append(("fn", self.path, definition.name))
            self.params[definition.node.id] = set(definition.params)
            params = tuple(p for p in definition.params if p not in {"self", "cls", "this"})
            self.graph.params.setdefault(("fn", self.path, definition.name), params)
        for alias, target, module in syntax.aliases:
            self.graph.aliases.append((self.path, alias, target, module))
        if syntax.language == "Python" and b" as " in syntax.data:  # `from fief.apps.api.app import app as api_app`
            for module, target, alias in python_imports(syntax):
                if alias:
                    self.graph.aliases.append((self.path, alias, target, "py:" + module))
        for assign in syntax.assigns:
            if assign.value.type == "macro_invocation" and syntax.text(assign.value).startswith("routes!"):
                self.macros[assign.name] = assign.value
            if assign.value.type == "list" and syntax.language == "Python":
                self._resource_table(assign)
            if assign.value.type == "composite_literal" and syntax.language == "Go":
                self._function_registry(assign)
            bound = assign.value
            if bound.type == "assignment_expression" and (right := bound.child_by_field_name("right")) is not None:
                # `const authRouter = module.exports = Router()`: the router, and the module's export
                if syntax.text(bound.child_by_field_name("left") or bound) == "module.exports":
                    self.graph.defaults.setdefault(self.path, assign.name)
                bound = right
            call = call_at(syntax, bound)
            if call is None and syntax.language == "Go":
                call = self._embedded_maker(assign.value)  # `c := Controller{ServeMux: http.NewServeMux(), …}`
            if call is None:
                continue
            if syntax.language == "Go" and call.name == "append" and call.receiver is None and len(call.args) >= 2:
                # `routerCheckRole = append(routerCheckRole, registerSysConfigRouter)`: a registry of router
                # functions a loop calls each of (`for _, f := range routerCheckRole { f(v1) }`)
                if syntax.text(call.args[0]) == assign.name:
                    self._registers(assign.name, [added for added in call.args[1:] if added.type == "identifier"])
                continue
            made = self._router_value(call)
            if made is None:
                continue
            scoped = self._var_name(assign.name, assign.node)
            key = ("var", self.path, scoped)
            if key in self.graph.own and assign.node.type != "assignment_statement":
                # declared again in the same function (`repo := repoBase.Group("")` in a nested block): a
                # router of its own, which uses after it inside its block name
                block = _block_of(assign.node, syntax.language)
                self.shadows[scoped].append((assign.node.start_byte, assign.node.end_byte, block))
                key = ("var", self.path, f"{scoped}@{assign.node.start_byte}")
            own, parent = made
            self._own(key, own)
            self.graph.vars[assign.name].append(key)
            if parent is None and (returner := self._returns_router(assign)) is not None:
                self.graph.returns.setdefault(key, returner)  # `const router = Router(); …; return router`
            if syntax.language == "Python" and call.name in _LOOP_MOUNTED:
                self.graph.made[call.name].append(key)
            holder = assign.node.parent  # a class field (`router = Router()`): `new Users().router` names it too
            if holder is not None and holder.type == "class_body" and holder.parent is not None:
                class_name = holder.parent.child_by_field_name("name")
                if class_name is not None:
                    self.graph.vars[f"{syntax.text(class_name)}:{assign.name}"].append(key)
            self.router_names.add(assign.name)
            if parent is not None:
                self.graph.groups.setdefault(key, parent)
        if syntax.language in {"JavaScript", "TypeScript"}:
            self._exports()
            if b"@nestjs/" in syntax.data:
                self._nest_modules()
            for adonis in _ADONIS_ROUTER.finditer(syntax.data):  # AdonisJS's application router, imported
                if ("var", self.path, adonis.group(1).decode()) not in self.graph.own:
                    self._own(("var", self.path, adonis.group(1).decode()), EMPTY)
        if syntax.language == "C#":
            owned: dict[int, list[str]] = defaultdict(list)
            given: dict[tuple[int, str], tuple[str, ...]] = {}
            for annotation in syntax.annotations:
                if annotation.owner is not None:
                    owned[annotation.owner.id].append(annotation.name)
                    args = tuple(v.text for a in annotation.args if (v := self.constants.value(a)) is not None)
                    if args:  # `[V1ApiController("config/host")]`: what a template attribute is given
                        given[(annotation.owner.id, annotation.name)] = args
            for klass in syntax.classes:
                if owned.get(klass.node.id):
                    self.graph.class_attributes.setdefault(klass.name, tuple(owned[klass.node.id]))
                    for name in owned[klass.node.id]:
                        if (klass.node.id, name) in given:
                            self.graph.attribute_args.setdefault((klass.name, name), given[(klass.node.id, name)])
                if klass.bases and (owned.get(klass.node.id) or "Controller" in klass.name):
                    # a base controller's routes may come down to it through any depth of bases (`_inherit`)
                    self.graph.class_bases.setdefault(klass.name, tuple(klass.bases))
            for klass in syntax.classes:  # `[V1ApiController]`: an attribute that builds its route template
                if not klass.name.endswith("Attribute"):
                    continue
                text = syntax.text(klass.node)[:6000]
                template = route_template(text, klass, self.graph.template_attributes)
                if template is not None:
                    self.graph.template_attributes.setdefault(klass.name.removesuffix("Attribute"), template)
                verb = verb_attribute(text, klass)
                if verb is not None:  # `[RestGetById]`
                    self.graph.verb_attributes.setdefault(klass.name.removesuffix("Attribute"), verb)
            for klass in syntax.classes:  # `class SlugifyParameterTransformer : IOutboundParameterTransformer`
                if "IOutboundParameterTransformer" in klass.bases:
                    body = syntax.text(klass.node)[:4000]
                    joins = "Join(" in body  # `string.Join("_", words).ToLower()`: words the transformer split
                    style = (
                        "kebab" if "$1-$2" in body or (joins and '"-"' in body)
                        else "snake" if "$1_$2" in body or (joins and '"_"' in body)
                        else "lower" if "ToLower" in body else ""
                    )  # fmt: skip
                    self.graph.transformer_styles.setdefault(klass.name, style)
            if b"RouteTokenTransformerConvention" in syntax.data:
                convention = _TOKEN_TRANSFORMER.search(syntax.data)
                if convention is not None:
                    named = convention.group(1).decode().rsplit(".", 1)[-1]
                    self.graph.token_transformer = self.graph.token_transformer or named
            for klass in syntax.classes:  # `class ApiV3Attribute : ApiVersionAttribute { … base(new ApiVersion(3)) }`
                if "ApiVersionAttribute" in klass.bases:
                    based = _API_VERSION_BASE.search(syntax.text(klass.node)[:4000])
                    if based:
                        self.graph.version_attributes.setdefault(klass.name.removesuffix("Attribute"), based.group(1))
            for klass in syntax.classes:  # `class ApiV1Attribute : RouteAttribute { … : base("api/v1/[controller]") }`
                if "RouteAttribute" in klass.bases:
                    found = re.search(r":\s*base\(\s*([^)]{1,200})\)", syntax.text(klass.node)[:4000])
                    if found:
                        argument = found.group(1).strip()
                        value = Value(argument.strip('@"')) if argument.startswith(('"', '@"')) else None
                        value = value or self.constants.name(argument)
                        self.graph.route_attributes.setdefault(klass.name.removesuffix("Attribute"), value)
        if syntax.language == "Go" and b".Method" in syntax.data:
            for definition in syntax.defs:  # `switch r.Method { case http.MethodPost: … }` in a net/http handler
                body = syntax.text(definition.node)[:20_000]
                if ".Method" in body and (checked := _checked_methods(body)):
                    self.graph.handler_methods.setdefault(definition.name, checked)
        if syntax.language == "Python" and (_TORNADO_SPEC.search(syntax.data) or _VIEW_SPEC.search(syntax.data)):
            self._tornado_handlers()
        if syntax.language == "Python":
            drf = b"ViewSet" in syntax.data  # a viewset may reach DRF's through mixins of the project's own
            for klass in syntax.classes:
                actions = viewset_actions(syntax, klass, drf)
                if actions:
                    self.graph.viewsets.setdefault(klass.name, actions)
                if drf and klass.bases:
                    self.graph.viewset_bases.setdefault(klass.name, tuple(klass.bases))
                if klass.bases and (b"MethodView" in syntax.data or b"Resource" in syntax.data):
                    self.graph.resource_bases.setdefault(klass.name, tuple(klass.bases))  # its methods come down
                views = any(base in {"Resource", "MethodView"} or _tornado_base(base) for base in klass.bases)
                # a resource of the project's own base (`class Keys(AuthenticatedResource)`): its handlers count
                # once something registers it, which is what reading the resources' methods waits for
                derived = bool(klass.bases) and (b"MethodView" in syntax.data or b"Resource" in syntax.data)
                if not views and not derived and b"def on_" not in syntax.data:
                    continue
                inside = [
                    d.name for d in syntax.defs if klass.node.start_byte < d.node.start_byte < klass.node.end_byte
                ]
                handlers = [name.upper() for name in inside if name in {"get", "post", "put", "patch", "delete"}]
                if views or (derived and handlers):  # Flask-RESTful and MethodView resources, Tornado handlers
                    self.graph.resources.setdefault(klass.name, list(dict.fromkeys(handlers)))
                elif responders := [name[3:].upper() for name in inside if name in _FALCON_RESPONDERS]:
                    self.graph.resources.setdefault(klass.name, list(dict.fromkeys(responders)))  # Falcon
        for annotation in syntax.annotations:
            owner = annotation.owner
            if owner is not None and annotation.name == "ChildControllers" and annotation.args:
                # OvernightJS: `@ChildControllers([new Actions(), …])` serves each child under this controller
                for child in _NEW_CLASS.findall(syntax.text(annotation.args[0])[:5000]):
                    self.graph.child_controllers.setdefault(child, self._def_name(owner))
            if owner is not None and owner.type.startswith("class") and annotation.name in CLASS_ROUTES:
                value = self._annotation_path(annotation)
                if value is not None:
                    self.graph.class_routes.setdefault(self._def_name(owner), value)
                    declared = next((c for c in syntax.classes if c.node.id == owner.id), None)
                    if declared is not None and declared.bases:
                        self.graph.class_bases.setdefault(declared.name, tuple(declared.bases))
        if syntax.language == "PHP" and re.search(r"(^|/)routes/api\.php$", self.path):
            self._own(("file", self.path, ""), Value("api"))  # Laravel serves routes/api.php under /api
        for annotation in syntax.annotations if syntax.language == "C#" else []:
            if annotation.name == "ApiVersion" and annotation.args:
                major = syntax.text(annotation.args[0]).strip('"').split(".")[0]
                self.graph.api_version = self.graph.api_version or major
                owner = annotation.owner
                if owner is not None and owner.type.startswith("class"):  # the controller's own versions
                    named = f"class:{self._def_name(owner)}"
                    known = self.graph.version_attributes.get(named, "")
                    versions = [*filter(None, known.split(",")), major]
                    self.graph.version_attributes[named] = ",".join(dict.fromkeys(versions))
        for call in syntax.calls:
            if call.name == "ApiVersion" and syntax.language == "C#" and call.args and not self.graph.api_version:
                self.graph.api_version = syntax.text(call.args[0]).strip('"').split(".")[0].split(",")[0]
            if call.name == "setGlobalPrefix" and call.args:
                self._global_prefix(call)
            if call.name == "enableVersioning" and call.args and self.graph.nest_versions is None:
                self.graph.nest_versions = nest_versioning(syntax.text(call.args[0])[:2000])
            # Laravel's `->prefix('x')->group(fn)`: the group takes it (CakePHP's `prefix('Admin', fn)` is a scope)
            laravel_prefix = (
                call.name == "prefix" and syntax.language == "PHP" and scope_node(call.node).id != call.node.id
            )
            if call.name == "register" and len(call.args) >= 2 and call.args[0].type in _INLINE_FUNCTIONS:
                # Fastify's `register(async (f) => { f.register(users, { prefix: "/users" }) }, { prefix: "/api" })`:
                # what the inline plugin registers is under its prefix
                found = re.search(r"""\bprefix\s*:\s*['"`]([^'"`]*)['"`]""", syntax.text(call.args[1])[:2000])
                if found:
                    span = call.args[0]
                    self.scopes.append((span.start_byte, span.end_byte, Value(found.group(1)), call.node))
            if (call.name in _SCOPES or call.name == "plugin") and not laravel_prefix and self._is_scope(call):
                path = self._cake_scope(call) if syntax.language == "PHP" else None
                path = path or self._path_arg(call) or self._chained_prefix(call)
                span = scope_node(call.node)
                self.scopes.append((span.start_byte, span.end_byte, path or EMPTY, call.node))

    def _group_wrappers(self) -> None:
        """A project's own group method (`func (r *Router) SubGroup(prefix string, m ...Middleware) *Router {
        return NewRouter(r.Group.Group(prefix, …)) }`): calling it makes a group at the path it is given."""
        groups = sorted(
            (c.node.start_byte, self.syntax.text(c.args[0]))
            for c in self.syntax.calls
            if c.name in _SUBGROUPS and c.args and c.args[0].type == "identifier"
        )
        starts = [start for start, _ in groups]
        for definition in self.syntax.defs if groups else []:
            params = [p for p in definition.params if p not in {"self", "cls", "this"}]
            start, end = definition.node.start_byte, definition.node.end_byte
            if not params or definition.name in _GROUPS or end - start > 4000:
                continue
            inside = groups[bisect.bisect_right(starts, start) : bisect.bisect_left(starts, end)]
            if any(argument == params[0] for _, argument in inside):
                self.wrappers.add(definition.name)

    def _nest_modules(self) -> None:
        """NestJS's `RouterModule.register([{ path: "/api/v2", module: PublicApiModule, children: [...] }])`: the path
        each module's controllers are served under; and `@Module({ controllers: [...] })`: which module declares a
        controller."""
        for annotation in self.syntax.annotations:
            if annotation.name == "Module" and annotation.args and annotation.owner is not None:
                name = annotation.owner.child_by_field_name("name")
                listed = _pair(self.syntax, annotation.args[0], "controllers")
                if name is None or listed is None:
                    continue
                module = self.syntax.text(name)
                for controller in listed.named_children:
                    self.graph.nest_controllers.setdefault(self.syntax.text(controller), module)
        modules = b"module:" in self.syntax.data  # `{ path: "/v2", module: M }` route objects
        if not modules and b"RouterModule" not in self.syntax.data:
            return
        objects = [a.value for a in self.syntax.assigns if a.value.type == "array"] if modules else []
        objects += [c.args[0] for c in self.syntax.calls if c.name == "register" and c.args]
        for node in objects:
            self._nest_routes(node, EMPTY, 0)

    def _nest_routes(self, node: Node, prefix: Value, depth: int) -> None:
        """Each route of a `RouterModule` tree: `{path, module, children}` objects, and modules listed as children
        (`{ path: 'api/v1', children: apiModules }` with `const apiModules = [HealthModule, …]`) under the path."""
        if node.type == "identifier":  # children named by a constant of this file
            name = self.syntax.text(node)
            node = next((a.value for a in self.syntax.assigns if a.name == name and a.value.type == "array"), node)
        for item in node.named_children if node.type == "array" and depth < 6 else []:
            if item.type == "spread_element" and item.named_children:
                self._nest_routes(item.named_children[0], prefix, depth + 1)
                continue
            if item.type == "identifier" and depth > 0:  # a module given as a child: served at its parent's path
                self.graph.nest_module_paths.setdefault(self.syntax.text(item), prefix)
                continue
            module, path = _pair(self.syntax, item, "module"), _pair(self.syntax, item, "path")
            if item.type != "object" or path is None:
                continue
            full = join(prefix, self.constants.value(path) or EMPTY)
            if module is not None:
                self.graph.nest_module_paths.setdefault(self.syntax.text(module), full)
            children = _pair(self.syntax, item, "children")
            if children is not None:
                self._nest_routes(children, full, depth + 1)

    def _global_prefix(self, call: Call) -> None:
        """NestJS's `app.setGlobalPrefix('api', {exclude: [...]})`."""
        value = self.constants.value(call.args[0])
        if value is None:
            return
        excluded = _EXCLUDED.findall(self.syntax.text(call.args[1])[:4000]) if len(call.args) > 1 else []
        main = self.path.rsplit("/", 1)[-1] in {"main.ts", "main.js"}
        found = GlobalPrefix(value, frozenset(normalize_path(path).strip("/") for path in excluded), main)
        self.graph.global_prefix = GlobalPrefix.better(self.graph.global_prefix, found)

    def _exports(self) -> None:
        """`module.exports = { api: apiRouter }`: the router is known elsewhere by the exported name; `export default
        account` (or a default-exported declaration, or `module.exports = account`): the name an import without
        braces means."""
        root = self.syntax.root
        for statement in root.named_children if root is not None else []:
            if statement.type != "export_statement" or not statement.named_children:
                continue
            clause = statement.named_children[0]
            if self.syntax.text(statement).startswith("export default"):
                named = statement.child_by_field_name("declaration") or statement.child_by_field_name("value")
                if named is not None and named.type != "identifier":
                    named = named.child_by_field_name("name")
                if named is not None:
                    self.graph.defaults[self.path] = self.syntax.text(named)
            elif clause.type == "export_clause" and statement.child_by_field_name("source") is None:
                for spec in clause.named_children:  # `export { app as handlers }`
                    named, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                    exported: Key | None = ("var", self.path, self.syntax.text(named)) if named is not None else None
                    if alias is not None and exported in self.graph.own:
                        self.graph.vars[self.syntax.text(alias)].append(exported)
        for assign in self.syntax.assigns:
            if assign.name == "exports" and assign.value.type == "identifier":
                self.graph.defaults.setdefault(self.path, self.syntax.text(assign.value))
            if assign.name != "exports" or assign.value.type != "object":
                continue
            for pair in assign.value.named_children:
                if pair.type == "pair":
                    key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                elif pair.type == "shorthand_property_identifier":
                    key = value = pair
                else:
                    continue
                if key is None or value is None:
                    continue
                local = ("var", self.path, self.syntax.text(value))
                if local in self.graph.own:
                    self.graph.vars[self.syntax.text(key)].append(local)

    def _var_name(self, name: str, node: Node) -> str:
        owner = enclosing_def(node, named=True)
        return f"{self._def_name(owner)}:{name}" if owner is not None else name

    def _router_value(self, call: Call) -> tuple[Value, Ref | None] | None:
        """(own prefix, parent router) when the call (or a call in its chain) makes a router."""
        current: Call | None = call
        prefixes: list[Value] = []
        parent: Ref | None = None
        made = False
        subrouter = False
        nested = self._nested_router(call)
        if nested is not None:
            return nested, None
        while current is not None:
            keyword = "" if current.name in self.wrappers else _group_keyword(current.name)
            if current.name in {"Namespace", "namespace"} and self.syntax.language != "Python":
                keyword = None  # Flask-RESTX's namespaces only (`api.namespace("users")`, `Namespace("users")`)
            subrouter = subrouter or current.name == "Subrouter"
            if subrouter and current.name in {"Path", "NewRoute"} and self.syntax.language == "Go":
                keyword = ""  # gorilla/mux `r.Path("/users/{id}").Subrouter()`, `r.NewRoute().Subrouter()`
            inline = current.name == "With" and self.syntax.language == "Go"  # chi: `a := r.With(mw)`, same prefix
            keyword = "" if inline else keyword
            grouping = keyword is not None or (current.name == "Mount" and len(current.args) == 1)
            if grouping:
                keyword = keyword or ""
                value = self._keyword_value(current, keyword) if keyword else self._path_arg(current)
                value = EMPTY if inline else value  # its arguments are middleware, not a path
                if value is None and current.name in {"Router", "APIRouter", "Blueprint"}:
                    value = self._keyword_value(current, "prefix")
                if value is None and current.name in {"Namespace", "namespace"} and current.args:  # at `/<name>`
                    name = self.constants.value(current.args[0])
                    value = join(Value("/"), name) if name is not None else None
                if value is not None:
                    prefixes.insert(0, value)
                made = True
            elif self._functional_router(current):  # Spring WebFlux/MVC `route().GET("/x", h)`
                made = True
            elif current.name in _MAKERS and self._maker(current):
                made = True
                if current.name == "Api" and current.args and current.args[0].type == "identifier":
                    parent = self._router_key(current.args[0], current.node, strict=False)  # Api(blueprint)
                    prefix = self._keyword_value(current, "prefix")
                    if prefix is not None:
                        prefixes.insert(0, prefix)
            receiver = current.receiver
            inner = call_at(self.syntax, receiver) if receiver is not None else None
            if (
                inner is None
                and receiver is not None
                and grouping
                and (
                    current.name in _SUBGROUPS | {"Mount"} | self.wrappers
                    or (subrouter and current.name in {"Path", "NewRoute"})
                    or inline
                )
            ):  # `v1 := r.Group("/v1")`, not `chi.NewRouter()`
                parent = self._router_key(receiver, current.node, strict=False)
            current = inner
        return (join(*prefixes), parent) if made else None

    def _nested_router(self, call: Call) -> Value | None:
        """drf-nested-routers' `NestedSimpleRouter(router, r"projects", lookup="project")`: its routes sit under one
        record of the parent's (`projects/{project_pk}/…`), and under the parent's own nesting when it is nested too."""
        if call.name not in _NESTED_ROUTERS or self.syntax.language != "Python" or len(call.args) < 2:
            return None
        segment = self.constants.value(call.args[1])
        lookup = self.constants.value(call.keywords["lookup"]) if "lookup" in call.keywords else None
        if segment is None:
            return None
        parent = self._router_key(call.args[0], call.node, strict=True)
        base = self.graph.own.get(parent, EMPTY) if isinstance(parent, tuple) else EMPTY
        return join(base, segment, Value("{" + (lookup.text if lookup is not None else "parent_lookup") + "_pk}"))

    def _functional_router(self, call: Call) -> bool:
        """Spring's functional endpoints: `RouterFunctions.route()` (or a builder of the same shape, springdoc's
        `SpringdocRouteBuilder.route()`) and Kotlin's `router { }` / `coRouter { }` DSL."""
        if self.syntax.language not in {"Java", "Kotlin"} or call.name not in {"route", "router", "coRouter"}:
            return False
        receiver = self.syntax.text(call.receiver) if call.receiver is not None else ""
        return (
            not call.args or call.name != "route"
            if not receiver
            else receiver.endswith(("RouterFunctions", "RouteBuilder"))
        )

    def _maker(self, call: Call) -> bool:
        if call.name == "Api":  # Flask-RESTful's; an `Api` elsewhere is as likely an API client
            return self.syntax.language == "Python"
        required = _MAKER_RECEIVERS.get(call.name)
        if required is None:
            return True
        receiver = self.syntax.text(call.receiver) if call.receiver is not None else ""
        if call.name == "create" and _ROUTER_MODULE.fullmatch(receiver):
            return True  # `require('../lib/router-async').create()`: the project's own router factory
        return call.receiver is not None and required.search(receiver) is not None

    def _is_scope(self, call: Call) -> bool:
        """A scoping call has a block (a closure argument, a trailing lambda or a `do` block)."""
        node = scope_node(call.node)
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type in DEF_TYPES - {"block"} or current.type in {"do_block", "annotated_lambda"}:
                return current is not node
            if current.type in {"compound_statement"} and current.parent is not None:
                return current.parent.type == "anonymous_function"
            if current is node or current.type in {"arguments", "argument_list", "value_arguments", "argument",
                                                    "value_argument", "annotated_lambda"}:  # fmt: skip
                stack.extend(current.named_children)
        return False

    def _chained_prefix(self, call: Call) -> Value | None:
        """Laravel's `Route::prefix('v1')->middleware(…)->group(…)`; a group's `['prefix' => 'v1']` array."""
        receiver = call.receiver
        while receiver is not None:
            inner = call_at(self.syntax, receiver)
            if inner is None:
                break
            if inner.name == "prefix":
                return self._path_arg(inner)
            receiver = inner.receiver
        chained = calls_on(self.syntax, call.node)
        for _ in range(8):  # AdonisJS `router.group(() => {…}).middleware([…]).prefix('/api')`
            outer = next((c for c in chained if c.name == "prefix"), None)
            if outer is not None:
                return self._path_arg(outer)
            chained = [c for step in chained for c in calls_on(self.syntax, step.node)]
        if call.args and call.args[0].type in {"array_creation_expression"}:
            text = self.syntax.text(call.args[0])
            found = re.search(r"""['"]prefix['"]\s*=>\s*['"]([^'"]*)['"]""", text)
            return Value(found.group(1)) if found else None
        return None

    # --- pass 2: routes, mounts and router-function calls -------------------------------------------------------

    def registrations(self) -> None:
        if self.syntax.language in {"Java", "Kotlin"}:
            self._jaxrs_base()
        if self.syntax.language == "PHP" and (b"include" in self.syntax.data or b"require" in self.syntax.data):
            self._php_includes()
        if self.syntax.language == "Kotlin" and b">" in self.syntax.data:
            self._typed_routes()
        if self.syntax.language in {"JavaScript", "TypeScript"}:
            self._route_tables()
        if self.syntax.language == "Go" and b".URL.Path ==" in self.syntax.data and self.syntax.root is not None:
            self._path_comparisons(self.syntax.root)
        for call in self.syntax.calls:
            self.syntax.check()
            if _subscript_call(call):  # `router[method](path, …)`: a route helper's, its method a parameter
                if self._method_param(call):
                    self._route(call, "$" + call.name)
                continue
            verb = _verb(call)
            if verb is not None:
                self._route(call, verb)
            elif self._loads_folder(call):
                pass  # `registerRoutes(app, path.join(__dirname, "routes"), api)`: each module at its file's path
            elif call.name in {"add", "import"} and self._symfony_configurator(call):
                self._symfony_route(call)
            elif call.name == "on" and self._adonis_page(call):
                self._route(call, "GET")  # AdonisJS `router.on('/terms').renderInertia('terms')`: a page, or a redirect
            elif call.name in _LARAVEL_GETS and self.syntax.language == "PHP" and call.receiver is not None and (
                self.syntax.text(call.receiver).lstrip("\\") == "Route"
            ):  # fmt: skip
                self._route(call, "GET")  # `Route::view('rules', 'rules')`, `Route::redirect('/dashboard', '/user')`
            elif call.name == "route" and self.syntax.language == "PHP" and call.receiver is not None and (
                self.syntax.text(call.receiver).lstrip("\\").rsplit("\\", 1)[-1] == "Volt"
            ):  # fmt: skip
                self._route(call, "GET")  # Livewire Volt's `Volt::route('login', 'pages.auth.login')`: a page
            elif call.name in {"route", "api_route", "add_url_rule"} and "methods" in call.keywords:
                self._listed_methods(call)
            elif call.name == "route" and self.syntax.language == "Python" and self._decorator(call):
                if not self._resource_route(call):
                    self._route(call, "GET")
            elif call.name == "add_namespace" and self.syntax.language == "Python" and call.args and call.receiver:
                self._add_namespace(call)
            elif call.name == "init_app" and self.syntax.language == "Python" and len(call.args) == 1 and call.receiver:
                self._init_app(call)
            elif call.name == "route" and call.args and call.args[0].type == "object":
                self._route_object(call, call.args[0])
            elif call.name == "openapi" and call.args and call.receiver is not None:
                self._openapi_route(call)
            elif call.name == "connect" and self.syntax.language == "PHP" and call.args and call.receiver:
                self._cake_connect(call)
            elif call.name in {"Router", "NSRouter"} and self.syntax.language == "Go" and len(call.args) >= 2:
                self._beego(call)
            elif call.name == "add_route" and len(call.args) >= 2 and call.args[1].type == "call":
                self._falcon_route(call)
            elif call.name in {"add_route", "view_config", "add_view"} and self.syntax.language == "Python":
                self._pyramid(call)
            elif call.name in {"resource", "apiResource"} and self.syntax.language == "PHP" and call.args:
                self._laravel_resource(call, self.constants.value(call.args[0]), call.name == "apiResource")
            elif call.name in {"resources", "apiResources"} and self.syntax.language == "PHP" and call.args:
                for element in call.args[0].named_children:  # `Route::apiResources(['photos' => C::class, …])`
                    named = element.named_children[0] if element.named_child_count == 2 else None
                    if named is not None:
                        self._laravel_resource(call, self.constants.value(named), call.name == "apiResources")
            elif self.syntax.language == "Python" and self._adds_resource(call.name) and self._added_table(call):
                pass
            elif self.syntax.language == "Python" and len(call.args) >= 2 and self._adds_resource(call.name):
                router = self._router_key(call.receiver, call.node, strict=False) if call.receiver else None
                paths = [v for a in call.args[1:] if (v := self._path_value(a)) is not None]
                if router is not None and paths:
                    name = self.syntax.text(call.args[0]).rsplit(".", 1)[-1]
                    self.graph.resource_paths.append((router, paths, name, self.path, call.line))
            elif (
                call.name == "register"
                and self.syntax.language == "Python"
                and (len(call.args) >= 2 or "prefix" in call.keywords)
            ):
                self._drf_register(call)
            elif call.name in {"path", "re_path", "url"} and self.syntax.language == "Python" and len(call.args) >= 2:
                self._django_include(call)
            elif (
                call.name in {"group", "withRouting"} and self.syntax.language == "PHP" and (call.args or call.keywords)
            ):
                self._laravel_route_files(call)
            elif call.name in _CONVENTIONAL_ROUTES and self.syntax.language == "C#":
                self._default_route_pattern(call)  # the pattern controllers with no route of their own serve under
                if call.args or call.keywords:
                    self._conventional_route(call)
            elif call.name in {"HandleFunc", "Handle", "HandlerFunc"} and call.args and call.receiver is not None:
                if self._go_mount(call):
                    continue  # a router served under a subtree: no route of its own, nor a mount by name
                self._method_pattern(call)
            elif call.name == "Methods" and call.receiver is not None:
                self._gorilla(call)
            elif call.name in TYPED_VERBS and self.syntax.language == "Rust" and call.args and call.receiver:
                self._typed_route(call)
            elif call.name in _AXUM_ROUTES and len(call.args) >= 2 and self._string_first(call):
                self._axum(call)
            elif call.name in {"route", "to"} and self.syntax.language == "Rust" and call.receiver is not None:
                self._actix_resource(call)
            elif call.name == "configure" and self.syntax.language == "Rust" and call.args and call.receiver:
                self._actix_configure(call)
            if call.node.type == "macro_invocation":
                parent: Ref = self._owner_key(call.node)
                if call.name in _ROCKET_LISTS:  # Rocket: the handlers listed belong to the function listing them
                    parent = self._listing_router(call.node) or parent  # utoipa-axum: to the router `.routes()` is on
                    for ref in self._children(call.node):
                        self.graph.mounts.append((ref, parent, EMPTY, False))
                elif call.name == "mount_endpoints_and_merged_docs":  # okapi: `"/users" => users::routes(),`
                    for found in _OKAPI_MOUNT.finditer(self.syntax.text(call.node)):
                        qualifier, _, name = found.group(2).rpartition("::")
                        for ref in self._by_name(name, qualifier, functions=True):
                            self.graph.mounts.append((ref, parent, Value(found.group(1)), False))
            elif call.name == "forEach" and self.syntax.language in {"JavaScript", "TypeScript"}:
                self._each_path(call)  # `routeBases.forEach(registerApiRoutes)`: the helper at each base path
            elif self.syntax.language in {"JavaScript", "TypeScript"} and self._verb_and_path(call):
                self._calls_router_function(call, helper=True)  # `eu.route(router, 'post', '/etapi/notes', h)`
            elif call.name in _MOUNTS:
                self._mount(call)
            elif self._handed_router(call):
                pass  # chi's `r.Route("/actions", newActionHandler(s).Routes)`: a method that registers on the group
            elif self._verb_reference(call):
                pass  # `@protected_route(router.get, "/rom/{id}", scopes)`: the project's own route decorator
            elif call.name not in _VERBS and call.name not in _NOT_ROUTER_FUNCTIONS:
                self._calls_router_function(call)

    def _adonis_page(self, call: Call) -> bool:
        """AdonisJS's `router.on('/x')` answered by what is chained onto it (`render`, `renderInertia`, `redirect`);
        an event emitter's `on('connection', h)` has nothing chained."""
        if self.syntax.language not in {"JavaScript", "TypeScript"} or call.receiver is None or len(call.args) != 1:
            return False
        return any(c.name.startswith(("render", "redirect")) for c in calls_on(self.syntax, call.node))

    def _param_prefix(self, node: Node, prefix: Value) -> str:
        """The function a JavaScript mount is made in when its prefix is one of that function's parameters (a
        helper's mount), "" otherwise."""
        if self.syntax.language not in {"JavaScript", "TypeScript"} or not prefix.unresolved:
            return ""
        if self.defs_by_node is None:
            self.defs_by_node = {d.node.id: d for d in self.syntax.defs}
        current = node.parent
        while current is not None and current.id not in self.defs_by_node:  # the innermost definition around it
            current = current.parent
        helper = self.defs_by_node.get(current.id) if current is not None else None
        return helper.name if helper is not None and set(prefix.unresolved) & set(helper.params) else ""

    def _each_path(self, call: Call) -> None:
        """`bases.forEach(registerApiRoutes)` with `const bases = new Set(['/api'])` (and `bases.add(API_BASE_PATH)`):
        a call of the function with each path the collection holds."""
        if len(call.args) != 1 or call.args[0].type != "identifier" or call.receiver is None:
            return
        if call.receiver.type != "identifier":
            return
        held = self.syntax.text(call.receiver)
        items: list[Node] = []
        for assign in self._assigned(held):
            value = assign.value
            made = call_at(self.syntax, value)
            if made is not None and made.name == "Set" and made.args:  # `new Set([...])`
                value = made.args[0]
            if value.type == "array":
                items += value.named_children
        items += [
            added.args[0]
            for added in self.syntax.calls
            if added.name in {"add", "push"} and added.receiver is not None and len(added.args) == 1
            and self.syntax.text(added.receiver) == held
        ]  # fmt: skip
        paths = [v for item in items if (v := self.constants.value(item)) is not None and v.text.startswith("/")]
        function = self.syntax.text(call.args[0])
        callee = Lookup(self.path, function, "", self._import_source(function), functions=True)
        parent = self._owner_key(call.node)
        inside = join(*self._prefixes_at(call.node.start_byte, call.node))
        for path in dict.fromkeys(paths):
            self.graph.calls.append((callee, parent, inside, False))
            self.graph.sites.append((callee, parent, inside, False, (path,), ((),)))

    def _function_registry(self, assign: Assign) -> None:
        """`var HttpHandlers = []interface{}{nodeHandlers, userHandlers, …}`: a registry of router functions a loop
        calls each of (`for _, handler := range HttpHandlers { handler.(func(*mux.Router))(r) }`)."""
        body = assign.value.child_by_field_name("body")
        items = [c for c in body.named_children if c.type == "literal_element"] if body is not None else []
        names = [i.named_children[0] for i in items if i.named_child_count == 1]
        if len(names) >= 2 and all(n.type == "identifier" for n in names) and len(names) == len(items):
            self._registers(assign.name, names)

    def _registers(self, registry: str, functions: list[Node]) -> None:
        """Functions put in a Go registry a loop calls each of, under the registry's name (`[]HttpHandlers`)."""
        for function in functions:
            self.graph.fns[f"[]{registry}"].append(("fn", self.path, self.syntax.text(function)))

    def _resource_table(self, assign: Assign) -> None:
        """`V1_API_ROUTES = [(SketchListResource, "/sketches/"), (SketchResource, "/sketches/<int:id>/"), …]`: a
        table of Flask-RESTful resources and their paths, which a loop elsewhere adds (`api.add_resource(*route)`)."""
        rows: list[tuple[str, list[Value], int]] = []
        for row in assign.value.named_children:
            if row.type != "tuple" or row.named_child_count < 2:
                continue
            first, *rest = row.named_children
            paths = [v for item in rest if (v := self.constants.value(item)) is not None and v.text.startswith("/")]
            if first.type in {"identifier", "attribute"} and paths:
                rows.append((self.syntax.text(first).rsplit(".", 1)[-1], paths, int(row.start_point[0]) + 1))
        if len(rows) >= 2:
            self.graph.resource_tables[assign.name] += [(name, paths, self.path, line) for name, paths, line in rows]

    def _added_table(self, call: Call) -> bool:
        """`for route in V1_API_ROUTES: api.add_resource(*route)`: each row of the table added to the router. Whether
        the call was that."""
        if len(call.args) != 1 or call.args[0].type != "list_splat" or call.receiver is None:
            return False
        table = _loop_items(call.node, self.syntax.text(call.args[0]).lstrip("*"))
        if table is None or table.type != "identifier":
            return False
        router = self._router_key(call.receiver, call.node, strict=False)
        if router is not None:
            self.graph.table_adds.append((router, self.syntax.text(table), self.path, call.line))
        return True

    def _verb_reference(self, call: Call) -> bool:
        """A call handed a router's verb method and then a path (`protected_route(router.get, "/rom/{id}", …)`, a
        project's decorator that calls the method with the path): a route of that router. Whether it was one."""
        for method_arg, path_arg in itertools.pairwise(call.args[:4]):
            if method_arg.type not in {"attribute", "member_expression"}:
                continue
            receiver = method_arg.named_children[0] if method_arg.named_child_count == 2 else None
            verb = _VERBS.get(self.syntax.text(method_arg).rsplit(".", 1)[-1])
            path = self.constants.value(path_arg) if receiver is not None and verb is not None else None
            if receiver is None or verb is None or path is None or (path.text and not path.text.startswith("/")):
                continue
            key = self._router_key(receiver, call.node, strict=True)
            if key is None:
                continue
            self._add(key, verb, path, call.node)
            return True
        return False

    def _verb_and_path(self, call: Call) -> bool:
        """Whether a call passes an HTTP method and then a path (`route(GET, '/login', …)`, `eu.route(router,
        'post', '/etapi/notes', h)`), or hands on its own function's method and path parameters: a helper that
        declares the route, each call of which is a site."""
        params = self._def_params(call.node)
        for verb_arg, path_arg in itertools.pairwise(call.args[:4]):
            verb, path = self.constants.value(verb_arg), self.constants.value(path_arg)
            if verb is None or path is None:
                continue
            if verb.text.upper() in METHODS and verb.text in {verb.text.lower(), verb.text.upper()}:
                return path.text.startswith("/") or path.unresolved == (self.syntax.text(path_arg),)
            if verb.text.strip("{}") not in params or path.text.strip("{}") not in params:
                continue
            return verb.unresolved == (self.syntax.text(verb_arg),) and path.unresolved == (self.syntax.text(path_arg),)
        return False

    def _method_param(self, call: Call) -> bool:
        """Whether `router[method](path, …)` is called in a function that takes both the method and the path (and
        so is a helper each call of which declares a route, the method filled in there)."""
        params = self._def_params(call.node)
        path = self.syntax.text(call.args[0]) if call.args else ""
        return call.name in params and path in params

    def _def_params(self, node: Node) -> set[str]:
        """The parameter names of the named function a node sits in (none at top level)."""
        owner = enclosing_def(node, named=True)
        return self.params.get(owner.id, set()) if owner is not None else set()

    def _string_first(self, call: Call) -> bool:
        return bool(call.args) and self.constants.value(call.args[0]) is not None

    def _adds_resource(self, name: str) -> bool:
        """Whether a call adds a Flask-RESTful resource: `add_resource`, or a method of this file that forwards to
        it (`class ApiExt(Api): def add_org_resource(self, resource, *urls): … self.add_resource(resource, *urls)`)."""
        if name == "add_resource":
            return True
        if self.resource_adders is None:
            self.resource_adders = set()
            if b"add_resource(" in self.syntax.data:
                for definition in self.syntax.defs:
                    body = self.syntax.data[definition.node.start_byte : definition.node.end_byte]
                    if b"self.add_resource(" in body and len(body) < 5000:
                        self.resource_adders.add(definition.name)
        return name in self.resource_adders

    def _path_value(self, node: Node) -> Value | None:
        """A path argument's value; a path handed through a one-argument function (`org_scoped_rule("/login")`, a
        prefix a setting may add) is the path given."""
        if node.type == "object" and self.syntax.language in {"JavaScript", "TypeScript"}:
            given = _pair(self.syntax, node, "path")  # Restify's `server.get({ name: 'getUsers', path: '/users' }, h)`
            return self.constants.value(given) if given is not None else None
        value = self.constants.value(node)
        wrapped = call_at(self.syntax, node) if value is None else None
        if wrapped is not None and len(wrapped.args) == 1 and not wrapped.keywords:
            inner = self.constants.value(wrapped.args[0])
            return inner if inner is not None and inner.text.startswith("/") else None
        return value

    def _route(self, call: Call, verb: str) -> None:
        path: Value | None = None
        maybe_handler = False
        if call.args:
            path = self._path_value(call.args[0])
            if path is not None and path.text == "{" + "".join(path.unresolved) + "}" and not path.text.isupper():
                maybe_handler = True  # `router.get(handler)`: a path only if the name is a constant elsewhere
        if self.syntax.language == "Rust":
            return  # axum `get(h)`, actix `web::get()` name methods; Rust paths come from `.route` and attributes
        receiver_route = self._receiver_route_path(call)
        if receiver_route is not None and (path is None or maybe_handler):
            path, maybe_handler = receiver_route, False  # `.route('/x').get(handler)`: the handler is no path
        bare = call.receiver is None
        if path is None:
            if not bare or not self._inside_scope(call.node):
                return
            path = EMPTY  # Ktor/Javalin `get { }` inside `route("/x") { }`
        text = path.text
        loose = self.syntax.language in {"Kotlin", "Java", "PHP", "Ruby", "Elixir"} or self._decorator(call)
        loose = loose or call.name.split("<", 1)[0] in _MAP_VERBS  # ASP.NET `group.MapPost("login", …)` in a group
        if " " in text.strip() or len(text) > 300 or "\n" in text or "://" in text:
            return
        if "?" in text and not _OPTIONAL_PARAM.search(text):
            return  # a query string; `/:duration?` is an optional parameter
        if _GLUED_NAME.match(text):
            return  # `metadata.get(f"{kind}_path")`, `cache.get(f"{key}:hash")`: a key made from a name, no path
        if len(call.args) >= 2 and not self._decorator(call) and _is_default(call.args[1], self.syntax.language):
            return  # `params.get(f"{prefix}_or", None)`: a lookup with a default, not a handler
        if self.syntax.language == "Kotlin" and len(call.args) >= 2 and self._in_builder(call.node):
            return  # `put("query", searchQuery)` in `buildJsonObject { }`: a JSON field, not a route
        if text and not text.startswith(("/", "{")) and not loose and not self._own_router_route(call):
            return  # `cache.get("key")`, `config.get("TESTING")`: not a route
        key = self._route_owner(call)
        if key is None:
            return
        slashless = text and not text.startswith(("/", "{")) and self.syntax.language in _LOOSE
        if slashless and not isinstance(key, tuple) and not self._named_router(call):
            return  # `$role->get('id')`, `attributes.put("browser", …)`: a map's accessor, on no known router
        if bare and self.syntax.language == "Python":
            path = join(self._class_path(call.node), path)  # Litestar: `path = "/books"` on the controller
        if bare and self.syntax.language in {"Ruby", "Elixir"}:
            return  # DSL routes files are read by their own readers
        self._add(key, verb, path, call.node, maybe_handler)

    def _in_builder(self, node: Node) -> bool:
        """Whether a call sits in the block of a JSON or map builder (`buildJsonObject { put("k", v) }`)."""
        current = node.parent
        for _ in range(12):
            if current is None:
                return False
            if current.type == "call_expression" and current.id != node.id:
                outer = call_at(self.syntax, current)
                if outer is not None and outer.name != "put" and outer.node.id != node.id:
                    return _BUILDER.search(outer.name) is not None
            current = current.parent
        return False

    def _jaxrs_base(self) -> None:
        """Where a JAX-RS application serves its resources: `@ApplicationPath("/api")`, or the servlet mapping of
        Jersey's `ServletContainer` (`addServlet(new ServletHolder(new ServletContainer(config)), "/api/*")`)."""
        data = self.syntax.data
        base = None
        if b"@ApplicationPath" in data:
            found = _APPLICATION_PATH.search(data)
            base = found.group(1).decode("utf-8", "replace") if found else None
        elif b"ServletContainer" in data:
            holders = {a.name for a in self.syntax.assigns if "ServletContainer" in self.syntax.text(a.value)[:2000]}
            for call in self.syntax.calls:
                text = self.syntax.text(call.node)[:2000] if call.name in _SERVLET_MAPPINGS else ""
                if "ServletContainer" in text or any(self.syntax.text(a) in holders for a in call.args[:1]):
                    mappings = [v for a in call.args if (v := self.constants.value(a)) and v.text.endswith("/*")]
                    base = mappings[0].text.removesuffix("/*") if mappings else None
                    break
        if base and base.strip("/") and not self.graph.jvm_base:
            self.graph.jvm_base = base.strip("/")

    def _own_router_route(self, call: Call) -> bool:
        """`router.post("documents.list", auth(), handler)`: a path without a leading slash counts on a router this
        file makes, or one a parameter's type says is a router, given a handler after it (koa-router, express, gin)."""
        if call.receiver is None or len(call.args) < 2 or call.receiver.type not in NAME_NODES:
            return False
        owner = self._param_owner(call.node, self.syntax.text(call.receiver))
        params = owner.child_by_field_name("parameters") if owner is not None else None
        if params is not None and _ROUTE_TYPES.search(self.syntax.text(params)):
            return True  # a parameter typed as a router (`rg *gin.RouterGroup`): gin joins `login` to its prefix
        key = self._router_key(call.receiver, call.node, strict=True)
        return isinstance(key, tuple) and key in self.graph.own

    def _drf_register(self, call: Call) -> None:
        """DRF `router.register(r"items", ItemViewSet)`: expanded once every viewset is known."""
        given = call.args[0] if call.args else call.keywords.get("prefix")  # `register(prefix=r"x", viewset=V)`
        named = call.args[1] if len(call.args) > 1 else call.keywords.get("viewset")
        prefix = self.constants.value(given) if given is not None else None
        router = self._router_key(call.receiver, call.node, strict=True) if call.receiver is not None else None
        if prefix is None or router is None or named is None:
            return
        viewset = self.syntax.text(named).rsplit(".", 1)[-1]
        self.graph.registrations.append((router, prefix, viewset, self.path, call.line))

    def _django_include(self, call: Call) -> None:
        """`path("api/items/", include(api.item_router.urls))`: a DRF router's routes under the prefix."""
        included = call_at(self.syntax, call.args[1])
        if included is None or included.name != "include" or not included.args:
            return
        target = self.syntax.text(included.args[0])
        if not target.endswith(".urls") or not re.fullmatch(r"[\w.]+", target):
            return
        prefix = self.constants.value(call.args[0]) or EMPTY
        name = target[: -len(".urls")].rsplit(".", 1)[-1]
        qualifier = target[: -len(".urls")][: -len(name)].rstrip(".")
        local = ("var", self.path, name)
        child: Ref = local if local in self.graph.own else Lookup(self.path, name, qualifier, self._import_source(name))
        self.graph.mounts.append((child, ("file", self.path, ""), prefix, conditional(call.node)))

    def _class_path(self, node: Node) -> Value:
        """The `path = "..."` attribute of the class a decorated method sits in."""
        current = node.parent
        while current is not None and current.type != "class_definition":
            current = current.parent
        body = current.child_by_field_name("body") if current is not None else None
        for statement in body.named_children if body is not None else []:
            assignment = statement.named_children[0] if statement.named_child_count else None
            if assignment is not None and assignment.type == "assignment":
                left, right = assignment.child_by_field_name("left"), assignment.child_by_field_name("right")
                if left is not None and self.syntax.text(left) == "path":
                    return self.constants.value(right) or EMPTY
        return EMPTY

    def _decorator(self, call: Call) -> bool:
        return call.node.parent is not None and call.node.parent.type == "decorator"

    def _listed_methods(self, call: Call) -> None:
        """Flask/Quart/Sanic `@bp.route("/x", methods=["GET", "POST"])`."""
        listed = call.keywords["methods"]
        methods = re.findall(r"\b(get|post|put|patch|delete|head)\b", self.syntax.text(listed), re.I)
        for method in dict.fromkeys(m.upper() for m in methods):
            self._route(call, method)

    def _resource_route(self, call: Call) -> bool:
        """Flask-RESTX's `@ns.route("/x")` on a `Resource` class: its handlers' methods under the path (linked as
        Flask-RESTful's `add_resource`)."""
        decorated = call.node.parent.parent if call.node.parent is not None else None
        definition = decorated.child_by_field_name("definition") if decorated is not None else None
        if definition is None or definition.type != "class_definition" or call.receiver is None:
            return False
        name = definition.child_by_field_name("name")
        router = self._router_key(call.receiver, call.node, strict=False)
        paths = [v for a in call.args if (v := self.constants.value(a)) is not None]
        if name is not None and router is not None and paths:
            self.graph.resource_paths.append((router, paths, self.syntax.text(name), self.path, call.line))
        return True

    def _add_namespace(self, call: Call) -> None:
        """Flask-RESTX's `api.add_namespace(ns, "/challenges")`: the namespace under the API, at the path given
        (which replaces the namespace's own) or its own."""
        assert call.receiver is not None
        child = self._router_key(call.args[0], call.node, strict=False)
        parent = self._router_key(call.receiver, call.node, strict=False)
        if child is None or parent is None:
            return
        path = call.keywords.get("path") or (call.args[1] if len(call.args) > 1 else None)
        prefix = self.constants.value(path) if path is not None else None
        self.graph.mounts.append((child, parent, prefix or EMPTY, conditional(call.node)))
        if prefix is not None:
            self.graph.replaced.append(child)

    def _init_app(self, call: Call) -> None:
        """Flask-RESTX's `api.init_app(api_bp)`: the API's namespaces are served under the blueprint (an extension's
        `db.init_app(app)` names no router: its mount links to nothing)."""
        assert call.receiver is not None
        child = self._router_key(call.receiver, call.node, strict=True)
        parent = self._router_key(call.args[0], call.node, strict=False)
        if child is not None and parent is not None and call.args[0].type == "identifier":
            self.graph.mounts.append((child, parent, EMPTY, conditional(call.node)))

    def _named_router(self, call: Call) -> bool:
        """Whether a call's receiver may be a router though it resolves to none: a facade (`Route::`, `Router::`),
        a name routers go by (`$routes`, `$router`, `$this->app`, `javalin`), one this file made a router, or a PHP
        closure's parameter (a group's routes)."""
        receiver = self.syntax.text(call.receiver).lstrip("$") if call.receiver is not None else ""
        name = receiver.rsplit("->", 1)[-1].lower()
        return (
            call.receiver is None
            or receiver in self.router_names
            or name in _ROUTER_NAMES
            or self._closure_param(call) is not None
        )

    def _beego(self, call: Call) -> None:
        """Beego `web.Router("/api/login", &controllers.ApiController{}, "POST:Login;GET:Page")`: each mapping's
        methods (`*` answers any method: listed as GET); without a mapping, the controller's `Get` (GET)."""
        path = self.constants.value(call.args[0])
        if path is None or not path.text.startswith("/") or "{" in self.syntax.text(call.args[1])[:1]:
            return
        mapping = self.constants.value(call.args[2]) if len(call.args) > 2 else None
        methods = ["GET"]
        if mapping is not None:
            named = re.findall(r"(?:^|[;,])\s*([\w*]+)(?=[^:;]*:)", mapping.text)
            methods = [m.upper() for m in named if m.upper() in _VERBS.values()] or ["GET"]
        key = self._owner_key(call.node)
        for method in dict.fromkeys(methods):
            self._add(key, method, Value(re.sub(r"/:(\w+)", r"/{\1}", path.text)), call.node)

    def _falcon_route(self, call: Call) -> None:
        """Falcon `app.add_route("/things", ThingsResource())`: the resource's responders (`on_get`, …) there."""
        path = self.constants.value(call.args[0])
        made = call_at(self.syntax, call.args[1])
        if path is not None and path.text.startswith("/") and made is not None:
            self.graph.resource_paths.append((self._owner_key(call.node), [path], made.name, self.path, call.line))

    def _pyramid(self, call: Call) -> None:
        """Pyramid: `config.add_route("login", "/account/login/")` names a pattern; `@view_config(route_name="login",
        request_method="POST")` (or `config.add_view(…)`) gives it methods. Linked by name once every file is read."""
        if call.name == "add_route" and len(call.args) >= 2:
            name, pattern = (self.constants.value(a) for a in call.args[:2])
            if name is not None and pattern is not None and pattern.text.startswith("/"):
                clean = re.sub(r"\{(\w+):[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", r"{\1}", pattern.text)  # `{id:\d+}`
                self.graph.pyramid_routes.setdefault(name.text, (clean, self.path, call.line))
            return
        route = call.keywords.get("route_name")
        name = self.constants.value(route) if route is not None else None
        if name is None:
            return
        given = call.keywords.get("request_method")
        listed = listed_verbs(self.syntax.text(given)) if given is not None else []
        self.graph.pyramid_views.setdefault(name.text, []).extend(listed or ["GET"])

    def _cake_scope(self, call: Call) -> Value | None:
        """CakePHP's `plugin('Vendor/Name', ['path' => '/x'], fn)` and `prefix('Admin', fn)`: the path given, else
        the name dasherized (`/vendor/name`, `/admin`); None for any other call."""
        if call.name not in {"plugin", "prefix"} or not call.args:
            return None
        options = self.syntax.text(call.args[1])[:2000] if len(call.args) > 2 else ""
        given = re.search(r"""['"]path['"]\s*=>\s*['"]([^'"]*)['"]""", options)
        if given:
            return Value(given.group(1))
        name = self.constants.value(call.args[0])
        if name is None or not name.text[:1].isupper():  # Laravel's `prefix('v1')` is a path already
            return None if call.name == "prefix" else EMPTY
        dashed = re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name.text).lower()
        return Value("/" + dashed)

    def _cake_connect(self, call: Call) -> None:
        """CakePHP `$routes->connect('/login', [...])->setMethods(['GET', 'POST'])` inside `scope('/auth', …)`;
        without `setMethods` a connected route answers any method (listed as GET)."""
        path = self.constants.value(call.args[0])
        if path is None or (path.text and not path.text.startswith(("/", "{"))):
            return
        methods = ["GET"]
        chain = calls_on(self.syntax, call.node)
        while chain:  # `->setPass(['id'])->setMethods(['PUT'])`
            chained = chain[0]
            if chained.name == "setMethods" and chained.args:
                listed = listed_verbs(self.syntax.text(chained.args[0]).upper())
                methods = listed or methods
                break
            chain = calls_on(self.syntax, chained.node)
        key = self._route_owner(call)
        if key is not None:
            for method in dict.fromkeys(methods):
                self._add(key, method, path, call.node)

    def _openapi_route(self, call: Call) -> None:
        """@hono/zod-openapi `app.openapi(createRoute({ method: "get", path: "/x" }), handler)`, the route given
        inline or as a name bound to `createRoute(…)` in the file."""
        first = call.args[0]
        if first.type == "identifier":
            name = self.syntax.text(first)
            bound = next((a.value for a in self.syntax.assigns if a.name == name), None)
            first = bound if bound is not None else first
        made = call_at(self.syntax, first)
        if made is not None and made.name == "createRoute" and made.args and made.args[0].type == "object":
            self._route_object(call, made.args[0])

    def _route_object(self, call: Call, node: Node) -> None:
        """Fastify `fastify.route({ method: 'DELETE', url: '/x', handler })`, hapi's `server.route({ method, path })`,
        a controller base's `this.route({ method: 'get', path: PATH_FEATURE, handler })`: the path may be a
        constant or a template."""
        given = _pair(self.syntax, node, "url") or _pair(self.syntax, node, "path")
        url = self.constants.value(given) if given is not None else None
        listed = _pair(self.syntax, node, "method")
        words = re.findall(r"\w+", self.syntax.text(listed)[:200]) if listed is not None else []
        methods = [word.upper() for word in words if word.upper() in _VERBS.values()]  # HEAD and OPTIONS too
        key = self._router_key(call.receiver, call.node, strict=True) if call.receiver is not None else None
        if url is None or key is None:
            return
        for method in dict.fromkeys(methods):
            self._add(key, method, url, call.node)

    def _receiver_route_path(self, call: Call) -> Value | None:
        """Express `router.route('/x').get(h).post(h)`: the path sits on the `route` call of the chain."""
        receiver = call.receiver
        while receiver is not None:
            inner = call_at(self.syntax, receiver)
            if inner is None:
                return None
            if inner.name == "route" and inner.args:
                return self.constants.value(inner.args[0])
            if _verb(inner) is None:
                return None
            receiver = inner.receiver
        return None

    def _route_owner(self, call: Call) -> Ref | None:
        """The router a route call registers on; None when the receiver is no router (an HTTP client, a map)."""
        if call.receiver is None:
            owner = enclosing_def(call.node, named=True)
            if self._inside_scope(call.node) or self.syntax.language in {"Kotlin", "Python", "PHP"}:
                return ("fn", self.path, self._def_name(owner)) if owner is not None else ("file", self.path, "")
            return None
        if self.syntax.language == "PHP" and (closure := self._closure_param(call)) is not None:
            return closure
        return self._router_key(call.receiver, call.node, strict=True)

    def _closure_param(self, call: Call) -> Key | None:
        """Slim's route files: `return function (RouteCollectorProxy $group) { $group->get(…) }` registers on
        whatever group includes the file, so the file owns its routes (see `_php_includes`)."""
        text = self.syntax.text(call.receiver) if call.receiver is not None else ""
        if not text.startswith("$") or "->" in text:
            return None
        owner = self._param_owner(call.node, text[1:])
        if owner is None or owner.child_by_field_name("name") is not None:
            return None
        return ("file", self.path, "")

    def _symfony_configurator(self, call: Call) -> bool:
        """A call on Symfony's `RoutingConfigurator` (a routes file written in PHP)."""
        return (
            self.syntax.language == "PHP"
            and call.receiver is not None
            and len(call.args) >= (2 if call.name == "add" else 1)
            and b"RoutingConfigurator" in self.syntax.data
        )

    def _symfony_route(self, call: Call) -> None:
        """Symfony's routes written in PHP: `$routes->add('blog_show', '/blog/{slug}')->methods(['GET'])` (any
        method when none is named), and `$routes->import('@AcmeBlogBundle/Resources/config/routing.php')
        ->prefix('/blog')`: the imported file's routes under the prefix (a bundle's path is found when linking)."""
        chained: dict[str, Call] = {}
        outer = calls_on(self.syntax, call.node)
        while outer and len(chained) < 20:  # `->add(…)->controller(…)->methods([…])`: every call along the chain
            chained.setdefault(outer[0].name, outer[0])
            outer = calls_on(self.syntax, outer[0].node)
        here: Key = ("file", self.path, "")
        if call.name == "import":
            resource = self.constants.value(call.args[0])
            if resource is None or not resource.text.endswith((".php", ".yaml", ".yml", ".xml")):
                return  # a folder of controllers, or a resource type of its own (attributes): read from the classes
            target = resource.text if resource.text.startswith("@") else import_target(resource.text, self.path)
            prefix = self._path_arg(chained["prefix"]) if "prefix" in chained else EMPTY
            self.graph.mounts.append((("file", target, ""), here, prefix or EMPTY, conditional(call.node)))
            return
        path = self.constants.value(call.args[1])
        if path is None:
            return
        listed = chained.get("methods")
        methods = re.findall(r"""['"](\w+)['"]""", self.syntax.text(listed.args[0])) if listed and listed.args else []
        for method in [m.upper() for m in methods if m.upper() in METHODS] or ["ANY"]:
            self._add(here, method, path, call.node)

    def _php_includes(self) -> None:
        """`call_user_func(include(__DIR__ . '/routes/api.php'), $group)` inside a group: the included file's
        routes go under that group's prefix."""
        for match in _PHP_INCLUDE.finditer(self.syntax.data):
            target = import_target(match.group(1).decode().lstrip("/"), self.path)  # `__DIR__ . "/x.php"`: beside it
            scoped = self._prefixes_at(match.start())
            self.graph.mounts.append((("file", target, ""), ("file", self.path, ""), join(*scoped), False))

    def _router_key(self, receiver: Node, at: Node, strict: bool) -> Ref | None:
        syntax = self.syntax
        node = receiver
        while True:
            inner = call_at(syntax, node)
            if inner is None:
                break
            if (
                _group_keyword(inner.name) is not None
                or (inner.name in _MAKERS and self._maker(inner))
                or (inner.name == "Mount" and len(inner.args) == 1)
                or self._functional_router(inner)
            ):
                made = self._router_value(inner)
                if made is not None:
                    bound = self._bound_name(inner.node) if syntax.language in _CHAINED else None
                    key: Key = ("var", self.path, bound or f"@{inner.node.start_byte}")
                    self._own(key, made[0])
                    if made[1] is not None:
                        self.graph.groups.setdefault(key, made[1])
                    else:
                        owner = enclosing_def(inner.node, named=True)
                        if owner is not None:  # what a function builds it returns, unless it mounts it
                            self.graph.returns.setdefault(key, ("fn", self.path, self._def_name(owner)))
                    return key
            if inner.receiver is None:
                return None
            node = inner.receiver
        text = syntax.text(node)
        if text == "this" and syntax.language in {"JavaScript", "TypeScript"}:
            return self._derived_router(at)
        name = re.split(r"\.|::|->", text)[-1].lstrip("$&*").strip()
        if text.startswith(("Route", "\\Route", "Volt")) and syntax.language == "PHP":
            return ("file", self.path, "")  # Laravel's `Route::` facade, Livewire Volt's `Volt::route` beside it
        owner = enclosing_def(at, named=True)
        scoped = f"{self._def_name(owner)}:{name}" if owner is not None else name
        offset = at.start_byte
        shadowing = [
            start
            for start, end, (first, last) in self.shadows.get(scoped, ())
            if start < offset and not start <= offset < end and first <= offset < last
        ]
        if shadowing:  # the latest declaration before the use, in a block that holds it
            return ("var", self.path, f"{scoped}@{max(shadowing)}")
        if syntax.language == "Go" and text == name and (closure := self._param_owner(at, name)) is not None:
            # chi's `r := chi.NewRouter(); api.Group(func(r chi.Router) {…})`: the closure's `r` is the group
            held = self._closure_router(closure) if closure.type not in NAMED_DEFS else None
            if held is not None:
                return held
        for candidate in (("var", self.path, scoped), ("var", self.path, name)):
            if candidate in self.graph.own:
                return candidate
        if text == f"this.{name}" and syntax.language in {"JavaScript", "TypeScript"}:
            derived = self._derived_router(at)  # `this.app.use(…)`: a router field the base class declares
            if derived is not None:
                return derived
            held = self._held_router(at, name)  # `this.router = express.Router()` in the class's constructor
            if held is not None:
                return held
        qualified = len(text) > len(name)
        if not qualified and name in {"self", "cls"} and syntax.language == "Python":
            return None  # `self.post("/api/Account/invite", json=…)`: a client class calling its server
        param_owner = None if qualified else self._param_owner(at, name)
        if param_owner is not None:
            if param_owner.type in NAMED_DEFS:
                return ("fn", self.path, self._def_name(param_owner))
            outer = self._closure_router(param_owner)
            if outer is not None:  # `rapi.Mount("/admin").Route(func(r) {…})`: r is that group
                return outer
            return ("fn", self.path, self._def_name(enclosing_def(param_owner, named=True)))
        if not re.fullmatch(r"\w+", name or "-"):
            return None
        fallback: Key | None = ("var", self.path, name) if name in _CONVENTIONAL or not strict else None
        if qualified or name not in _CONVENTIONAL:  # a router defined in another file, found when all are read
            qualifier = text[: -len(name)].rstrip(".:->") if qualified else ""
            return Lookup(self.path, name, qualifier, self._import_source(name), fallback=fallback)
        module = self._import_source(name)  # `from app.api import bp`
        if module:
            return Lookup(self.path, name, "", module, imported_only=True, fallback=fallback)
        return fallback

    def _bound_name(self, maker: Node) -> str | None:
        """The variable a router chain is bound to (`let v1 = Router::new().route(…).nest(…);`, Hono's `const config
        = new Hono().get(…)`), scoped to its function, so that `.nest("/v1", v1)` finds it; None when the chain is
        not bound. Each binding's chain is walked down once per file (a node's parent is found from the root, so
        climbing a long chain is slow)."""
        if self.bound is None:
            self.bound = {}
            for assign in self.syntax.assigns:
                if assign.node.type not in _CHAIN_BINDINGS:
                    continue
                node = assign.value
                for _ in range(5000):  # down the receivers to the call the chain starts from
                    inner = node.child_by_field_name("function") if node.type == "call_expression" else None
                    if inner is None or inner.type not in _CHAIN_LINKS:
                        break
                    value = inner.child_by_field_name(_CHAIN_LINKS[inner.type])
                    if value is None:
                        break
                    node = value
                self.bound[node.start_byte] = self._var_name(assign.name, assign.node)
        return self.bound.get(maker.start_byte)

    def _derived_router(self, at: Node) -> Key | None:
        """`this` in a class derived from a project's router base (`class FlagsController extends Controller`, whose
        `route`/`get`/`use` wrap an Express router and whose `router` getter returns it): the router other files
        mount as `new FlagsController(…).router`. A class that derives nothing is no router."""
        current, name = _enclosing_js_class(at)
        if current is None or name is None or not _derives(current):
            return None
        return self._class_router(self.syntax.text(name))

    def _held_router(self, at: Node, field: str) -> Key | None:
        """A router a class holds in a field it makes itself (`this.router = express()`), mounted elsewhere as
        `this.apiRouter.router` of an instance (`this.apiRouter = new ApiRouter(this)`)."""
        current, name = _enclosing_js_class(at)
        if current is None or name is None or field != "router":
            return None
        if current.id not in self.held:  # a class's body is searched once, however many routes it declares
            body = self.syntax.text(current)[:200_000]
            self.held[current.id] = _MAKES_ROUTER.search(body) is not None
        return self._class_router(self.syntax.text(name)) if self.held[current.id] else None

    def _class_router(self, name: str) -> Key:
        """The router a derived class builds, as `new Name(…).router` names it."""
        key: Key = ("var", self.path, f"{name}:router")
        if key not in self.graph.own:
            self._own(key, EMPTY)
            self.graph.vars[f"{name}:router"].append(key)
        return key

    def _closure_router(self, closure: Node) -> Ref | None:
        """The router a closure is handed to, when the call taking it is made on a router value (routegroup's
        `bundle.Route(func(r) {…})`, gin's `v1.Group(func …)`); None when the call has no router receiver."""
        holder = closure.parent
        while holder is not None and holder.type in {"argument_list", "arguments", "value_arguments", "argument"}:
            holder = holder.parent
        call = call_at(self.syntax, holder) if holder is not None else None
        if call is not None and call.name == "UseEndpoints" and self.syntax.language == "C#":
            return ("file", self.path, "")  # `app.UseEndpoints(endpoints => endpoints.MapHub<H>("/hub"))`: the app's
        if call is None or call.receiver is None or call.name not in {"Route", "Group", "With", "group", "route"}:
            return None
        receiver = call_at(self.syntax, call.receiver)
        if receiver is None and self.syntax.language == "Go" and call.receiver.type == "identifier":
            # chi's `api.Group(func(r chi.Router) {…})` on a router variable (or on an outer closure's `r`)
            held = self._router_key(call.receiver, call.node, strict=True)
            return held if isinstance(held, tuple) and held[0] == "var" and held in self.graph.own else None
        if receiver is None or not (
            _group_keyword(receiver.name) is not None or receiver.name == "Mount" or self._chained_group(receiver)
        ):
            return None
        key = self._router_key(call.receiver, call.node, strict=False)
        return key if isinstance(key, tuple) and key[0] == "var" else None

    def _param_owner(self, at: Node, name: str) -> Node | None:
        """The nearest definition (a function, a closure) with a parameter of this name that is, or may be, a
        router."""
        node = at.parent
        while node is not None:
            if node.type in _OWN_DEFS:
                params = node.child_by_field_name("parameters")
                names = self.params.get(node.id)
                text = None
                if not names:
                    text = self.syntax.text(params) if params is not None else ""
                    names = set(re.findall(r"\w+", text))
                if name in names:
                    if name in _CONVENTIONAL or self.syntax.language in {"JavaScript", "Python", "Ruby", "Elixir"}:
                        return node
                    text = text if text is not None else self.syntax.text(params) if params is not None else ""
                    if _ROUTE_TYPES.search(text) or (
                        self.syntax.language == "C#" and self._closure_router(node) is not None
                    ):
                        return node
                    return None
            node = node.parent
        return None

    def _prefixes_at(self, offset: int, skip: Node | None = None) -> list[Value]:
        """The prefixes of the scoping blocks an offset sits in (a scope's own call, `skip`, is not inside it)."""
        return [p for start, end, p, scope in self.scopes if start <= offset < end and scope is not skip]

    def _inside_scope(self, node: Node) -> bool:
        return bool(self._prefixes_at(node.start_byte, node))

    def _laravel_route_files(self, call: Call) -> None:
        """Laravel's route files and their prefixes: `Route::prefix('api/v2')->group(base_path('routes/api_v2.php'))`
        in a RouteServiceProvider, `->withRouting(api: __DIR__.'/../routes/api.php', apiPrefix: 'api/v1')` in
        `bootstrap/app.php`. The prefix given replaces the `/api` Laravel gives `routes/api.php` by default."""
        listed: list[tuple[re.Match[str] | None, Value | None]]
        if call.name == "group":  # a group of a file, not of a closure (which may name files its own groups load)
            closure = not call.args or call.args[0].type in {
                "anonymous_function",
                "arrow_function",
                "anonymous_function_creation_expression",
            }
            text = self.syntax.text(call.args[0]) if not closure else ""
            found = _ROUTE_FILE.search(text) or _DIR_ROUTE_FILE.match(text)
            listed = [(found, self._chained_prefix(call) or EMPTY)]
        else:
            health = call.keywords.get("health")  # `health: '/up'`: the framework's health check
            if health is not None and (path := self.constants.value(health)) is not None:
                self._add(("file", self.path, ""), "GET", path, call.node)
            api_prefix = call.keywords.get("apiPrefix")
            prefixes = {"api": self.constants.value(api_prefix) if api_prefix is not None else Value("api")}
            listed = [
                (_ROUTE_FILE.search(self.syntax.text(value)), prefixes.get(name, EMPTY))
                for name, value in call.keywords.items()
                if name in {"web", "api"}
            ]
        project = _LARAVEL_ROOT.match(self.path)  # `base_path()` is the project's folder (`backend/` in a monorepo)
        for found, prefix in listed:
            if found is not None and prefix is not None:
                if found.re is _DIR_ROUTE_FILE:  # a package's own route file, beside its service provider
                    target = import_target(found.group(1).lstrip("/"), self.path)
                else:
                    target = (project.group(1) or "" if project is not None else "") + found.group(1)
                child: Key = ("file", target, "")
                self.graph.mounts.append((child, ("file", self.path, ""), prefix, False))
                self.graph.replaced.append(child)

    def _conventional_route(self, call: Call) -> None:
        """ASP.NET conventional routing: `endpoints.MapControllerRoute(name: …, pattern: "api/v2/package/{id}",
        defaults: new { controller = "Package", action = "Delete" }, constraints: new { httpMethod = new
        HttpMethodRouteConstraint("DELETE") })`; a template that names `{controller}` or `{action}` is the convention
        itself, no one route. GET unless a method constraint says otherwise."""
        pattern = call.keywords.get("pattern") or call.keywords.get("template")
        if pattern is None and len(call.args) >= 2:
            pattern = call.args[1]
        path = self.constants.value(pattern) if pattern is not None else None
        if path is None or "{controller" in path.text or "{action" in path.text:
            return
        key: Key = ("file", self.path, "")  # a conventional route's pattern is the whole path
        listed = _METHOD_CONSTRAINT.findall(self.syntax.text(call.node)[:2000])
        for method in dict.fromkeys(m.upper() for m in listed or ["GET"]):
            self._add(key, method, path, call.node)

    def _typed_routes(self) -> None:
        """Ktor's type-safe routes, `post<Users.Register> { … }`: on the function or scope they sit in, at the path
        of the resource class (filled in once every file is read)."""
        root = self.syntax.root
        if root is None:
            return
        for found in TYPED_ROUTE.finditer(self.syntax.data):
            node = root.descendant_for_byte_range(found.start(), found.start() + 1)
            if node is None:
                continue
            path = typed_route_path(found.group(2).decode())
            self._add(self._owner_key(node), found.group(1).decode().upper(), path, node)

    def _add(
        self,
        key: Ref | None,
        verb: str,
        path: Value,
        node: Node,
        maybe_handler: bool = False,
        typed: tuple[str, ...] = (),
    ) -> None:
        scoped = [(s, e, p) for s, e, p, scope in self.scopes if s <= node.start_byte < e and scope is not node]
        call = call_index(self.syntax).get(node.id)
        bare = call is not None and call.receiver is None and not self._decorator(call)
        linked_only = bare and not scoped and self.syntax.language in {"Kotlin", "Java", "PHP", "Python"}
        scoped.sort(key=lambda item: item[0])
        full = join(*(p for _, _, p in scoped), path)
        line = call.line if call is not None and call.line else int(node.start_point[0]) + 1
        owner = enclosing_def(node, named=True)
        within = self._def_name(owner) if owner is not None else ""
        record = RouteRecord(
            key, verb, full, self.path, line, conditional(node), maybe_handler=maybe_handler, within=within, typed=typed
        )
        self.graph.records.append(replace(record, linked_only=linked_only) if linked_only else record)

    def _laravel_resource(self, call: Call, name: Value | None, api: bool) -> None:
        """Laravel `Route::resource('photos.comments', C::class)->only([...])`: the controller's standard routes,
        parameters named by the singular resource (`{photo}`, `{comment}`); `apiResource` without create and edit
        (`resources([…])` and `apiResources([…])` name several)."""
        key = self._router_key(call.receiver, call.node, strict=False) if call.receiver is not None else None
        if name is None or key is None or not re.fullmatch(r"[\w.\-/]+", name.text):
            return
        parts = name.text.strip("/").split(".")
        segments = []
        for part in parts[:-1]:
            segments += [part, "{" + singular(part.rsplit("/", 1)[-1]).replace("-", "_") + "}"]
        base = "/".join([*segments, parts[-1]])
        member = base + "/{" + singular(parts[-1].rsplit("/", 1)[-1]).replace("-", "_") + "}"
        actions = {"index": ("GET", base), "create": ("GET", base + "/create"), "store": ("POST", base),
                   "show": ("GET", member), "edit": ("GET", member + "/edit"), "update": ("PUT", member),
                   "update ": ("PATCH", member), "destroy": ("DELETE", member)}  # fmt: skip
        if api:
            actions = {k: v for k, v in actions.items() if k not in {"create", "edit"}}
        for outer in calls_on(self.syntax, call.node):  # `->only([...])`, `->except([...])`
            if outer.name in {"only", "except"}:
                listed = set(re.findall(r"\w+", self.syntax.text(outer.arguments or outer.node)))
                only = outer.name == "only"
                actions = {k: v for k, v in actions.items() if (k.strip() in listed) == only}
        for method, path in actions.values():
            self._add(key, method, Value(path, name.unresolved), call.node)

    def _path_comparisons(self, root: Node) -> None:
        """A Go handler that dispatches by comparing the request itself: `if r.Method == http.MethodGet &&
        r.URL.Path == apiHealthPath { … }` serves each compared method at the compared path (a comparison without a
        method, a middleware's exemption, is no route)."""
        stack = [root]
        while stack:
            node = stack.pop()
            if node.type != "binary_expression":
                stack.extend(reversed(node.named_children))
                continue
            condition = node
            while condition.parent is not None and condition.parent.type in _CONDITION_PARTS:
                condition = condition.parent
            self._compared_route(condition)
            # the whole condition is read once; what sits inside it (a function literal) is walked on
            stack.extend(c for c in reversed(node.named_children) if c.type not in _CONDITION_PARTS)

    def _compared_route(self, condition: Node) -> None:
        paths: list[Value] = []
        methods: list[str] = []
        stack = [condition]
        while stack:
            node = stack.pop()
            if node.type in _CONDITION_PARTS:
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                operator = node.child_by_field_name("operator")
                if left is not None and right is not None and operator is not None and operator.type == "==":
                    compared = self.syntax.text(left)
                    if compared.endswith(".URL.Path") and (path := self.constants.value(right)) is not None:
                        paths.append(path)
                    elif compared.endswith(".Method") and (method := self._method_arg(right)):
                        methods.append(method)
                    continue
                stack.extend(node.named_children)
        for path in paths:
            if path.text.startswith("/"):
                for method in dict.fromkeys(methods):
                    self._add(self._owner_key(condition), method, path, condition)

    def _embedded_maker(self, value: Node) -> Call | None:
        """The router a Go struct literal embeds (`Controller{ServeMux: http.NewServeMux(), db: db}`, `&Server{…}`):
        the struct is then that router, its `Handle` calls its routes."""
        if value.type == "unary_expression" and value.named_child_count:
            value = value.named_children[-1]
        body = value.child_by_field_name("body") if value.type == "composite_literal" else None
        for element in body.named_children[:50] if body is not None else []:
            inner = element.named_children[-1] if element.type == "keyed_element" and element.named_children else None
            if inner is not None and inner.type == "literal_element" and inner.named_child_count:
                inner = inner.named_children[0]
            made = call_at(self.syntax, inner) if inner is not None else None
            if made is not None and made.name in _MAKERS and self._maker(made):
                return made
        return None

    def _go_mount(self, call: Call) -> bool:
        """Go `mux.Handle("/admin/", http.StripPrefix("/admin", chain(admin)))`, `mux.Handle("/v2/", v2)`: a handler
        that is a router (a mux a variable holds, or what a function bound to the variable returns) serves its
        routes under the subtree; under the stripped prefix, since a mux not given one matches the whole path.
        True when the call mounts a mux of this file (and so declares no route of its own)."""
        if self.syntax.language != "Go" or call.name != "Handle" or len(call.args) != 2 or call.receiver is None:
            return False
        pattern = self.constants.value(call.args[0])
        if pattern is None or not pattern.text.startswith("/") or pattern.unresolved or self._narrowed(call):
            return False
        node, prefix = call.args[1], None
        for _ in range(6):  # through `http.StripPrefix(p, h)` and middleware wrappers (`chain(h)`, `cors(h)`)
            inner = call_at(self.syntax, node)
            if inner is None:
                break
            if inner.name == "StripPrefix" and len(inner.args) == 2:
                node, prefix = inner.args[1], self.constants.value(inner.args[0])
            elif len(inner.args) == 1:
                node = inner.args[0]
            else:
                return False
        if node.type != "identifier" or not (pattern.text.endswith("/") or prefix is not None):
            return False
        name = self.syntax.text(node)
        own = name in self.router_names  # a mux of this file: its routes, and no route of its own
        target = node if own else self._made_by_call(name, node)
        if target is None:
            return False
        children = self._children(target)
        parent = self._router_key(call.receiver, call.node, strict=False) or self._owner_key(call.node)
        full = join(*self._prefixes_at(call.node.start_byte, call.node), prefix or EMPTY)
        for ref in children:
            if ref != parent:
                self.graph.mounts.append((ref, parent, full, conditional(call.node)))
        # what a function returns may be a router (mounted above) or a handler serving the subtree: its route stays
        return own and bool(children)

    def _method_pattern(self, call: Call) -> None:
        """Go 1.22 `mux.HandleFunc("GET /items/{id}", h)`: the method in the pattern; a pattern without one
        (`api.HandleFunc("/campaigns/", h)` on a gorilla subrouter) answers any method, listed as GET. A gorilla
        route narrowed by `.Methods(…)` is read with its chain (`_gorilla`)."""
        if call.name == "Handle" and len(call.args) >= 3 and (method := self._method_arg(call.args[0])):
            path = self.constants.value(call.args[1])  # gin's, httprouter's `g.Handle("GET", "/:id", h)`
            key = self._router_key(call.receiver, call.node, strict=True) if call.receiver is not None else None
            if path is not None and key is not None:
                self._add(key, method, path, call.node)
            return
        pattern = self.constants.value(call.args[0])
        if pattern is None:
            return
        found = re.match(r"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S*)$", pattern.text)
        if found is None and (not pattern.text.startswith("/") or self._narrowed(call)):
            return
        key = self._router_key(call.receiver, call.node, strict=True) if call.receiver is not None else None
        if self.syntax.language == "Go" and call.receiver is not None and self.syntax.text(call.receiver) == "http":
            key = ("file", self.path, "")  # `http.HandleFunc("/x", h)`: the default mux's, served as it is
        if key is not None:
            handler = _handler_name(self.syntax, call.args[1]) if len(call.args) > 1 and found is None else None
            # a handler that checks `r.Method` itself answers what it checks (read once every file is: `@@name`)
            verb = found.group(1) if found else f"@@{handler}" if handler else "GET"
            self._add(key, verb, Value(found.group(2) if found else pattern.text, pattern.unresolved), call.node)

    def _method_arg(self, node: Node) -> str | None:
        """An HTTP method given as an argument: `"GET"`, `http.MethodGet`; None for anything else."""
        text = self.syntax.text(node)
        named = re.fullmatch(r"(?:http\.)?Method(Get|Post|Put|Patch|Delete|Head|Options)", text)
        method = named.group(1).upper() if named else text.strip("\"'`")
        return method if method in HTTP_METHODS and text != method else None

    def _narrowed(self, call: Call) -> bool:
        """Whether a route call is chained, at any depth, into `.Methods(…)` (gorilla/mux: `r.HandleFunc("/x",
        h).Name("x").Methods("POST")`), which says its methods and is read with its chain (`_gorilla`)."""
        node = call.node
        for _ in range(20):
            selector = node.parent
            if selector is None or selector.type != "selector_expression" or selector.parent is None:
                return False
            field = selector.child_by_field_name("field")
            if field is not None and self.syntax.text(field) == "Methods":
                return True
            node = selector.parent  # the call made on the chain so far
        return False

    def _gorilla(self, call: Call) -> None:
        """gorilla/mux `r.HandleFunc("/x", h).Methods("GET")`, `r.Path("/x").HandlerFunc(h).Methods("GET")`,
        `sub.Methods("GET").HandlerFunc(h)` (the subrouter's own path), `r.Methods("GET").Path("/x")`."""
        methods = [m.text.upper() for a in call.args if (m := self.constants.value(a)) is not None]
        # net/http's names for them: `.Methods(http.MethodGet, http.MethodPost)`
        methods += [_VERBS.get(t[len("http.Method") :].lower(), "") for a in call.args
                    if (t := self.syntax.text(a)).startswith("http.Method")]  # fmt: skip
        methods = [m for m in methods if m in _VERBS.values()]
        inner = call_at(self.syntax, call.receiver) if call.receiver is not None else None
        while inner is not None and inner.name in _GORILLA_CHAIN and inner.receiver is not None:
            inner = call_at(self.syntax, inner.receiver)  # `.HandlerFunc(h)` between the path and the methods
        if inner is not None and inner.name in {"HandleFunc", "Handle", "Path"} and inner.args:
            path, at, receiver = self.constants.value(inner.args[0]), inner.node, inner.receiver
        elif inner is None and call.receiver is not None and self.syntax.language == "Go":
            outer = call.node.parent.parent if call.node.parent is not None else None  # `r.Methods(…).Path("/x")`
            chained = call_at(self.syntax, outer) if outer is not None else None
            given = chained.args[0] if chained is not None and chained.name == "Path" and chained.args else None
            path, at, receiver = self.constants.value(given) if given is not None else EMPTY, call.node, call.receiver
        else:
            return
        key = self._router_key(receiver, at, strict=True) if receiver is not None else None
        if path is None or key is None:
            return
        for method in dict.fromkeys(methods):
            self._add(key, method, path, at)

    def _axum(self, call: Call) -> None:
        """axum `.route("/x", get(a).post(b))`, Go 1.22 `HandleFunc("GET /x")` is read in `_verb`."""
        path = self.constants.value(call.args[0])
        if path is None or (path.text and not path.text.startswith(("/", "{"))):
            return
        methods = []
        for node in walk(call.args[1], limit=200):
            if node.type == "call_expression":
                function = node.child_by_field_name("function")
                name = self.syntax.text(function).rsplit(".", 1)[-1].rsplit("::", 1)[-1] if function else ""
                name = name.removesuffix("_with")  # aide's documented `get_with(handler, docs)`
                if name in _VERBS or name == "any":  # axum's `any(handler)`: every method
                    methods.append(_VERBS.get(name, "ANY"))
        if not methods:
            return
        key = self._router_key(call.receiver, call.node, strict=False) if call.receiver is not None else None
        if key is None:
            key = self._owner_key(call.node)
        for method in dict.fromkeys(methods):
            self._add(key, method, path, call.node)

    def _loads_folder(self, call: Call) -> bool:
        """A JavaScript call that loads every module of a folder as a router (`registerRoutes(this,
        path.join(__dirname, "routes"), api)`): recorded under the router it is handed (else the one it is called
        on, or the file), the folder's modules mounted when every file is read."""
        if not self.names_folder:
            return False
        folder = loaded_folder(self.syntax.text(call.node)) if LOADERS.search(call.name) else None
        if folder is None:
            return False
        parent: Ref | None = None
        for arg in [*reversed(call.args), *([call.receiver] if call.receiver is not None else [])]:
            key = self._router_key(arg, call.node, strict=True) if arg.type in NAME_NODES else None
            if isinstance(key, tuple) and key in self.graph.own:
                parent = key
                break
        self.graph.folder_loads.append((parent or self._owner_key(call.node), folder, self.path))
        return True

    def _listing_router(self, macro: Node) -> Ref | None:
        """The router a `routes![…]` list is handed to (utoipa-axum's `OpenApiRouter::new().routes(routes!(a))`,
        nested inline under `.nest("/users", …)`), when it is an own router; None otherwise."""
        holder = macro.parent.parent if macro.parent is not None else None
        call = call_at(self.syntax, holder) if holder is not None else None
        if call is None or call.name != "routes" or call.receiver is None:
            return None
        key = self._router_key(call.receiver, call.node, strict=True)
        return key if isinstance(key, tuple) and key in self.graph.own else None

    def _typed_route(self, call: Call) -> None:
        """axum-extra `.typed_get(loader::loader)`: a route whose path is the typed-path struct its handler takes,
        found when every file is read."""
        assert call.receiver is not None
        if self.rust_uses is None:
            self.rust_uses = rust_imports(self.syntax.data.decode("utf-8", "replace"))
        function, module, files = handler_files(self.path, self.syntax.text(call.args[0]), self.rust_uses)
        key = self._router_key(call.receiver, call.node, strict=False) or self._owner_key(call.node)
        self._add(key, TYPED_VERBS[call.name], EMPTY, call.node, typed=(function, module, *files))

    def _default_route_pattern(self, call: Call) -> None:
        """ASP.NET MVC's conventional route (`MapDefaultControllerRoute()`, `MapControllerRoute("default",
        "{controller=Home}/{action=Index}/{id?}")`): where controllers with no route of their own serve actions.
        The first one an application maps is its default; the first for areas (`{area:exists}/…`) serves the
        controllers an `[Area]` attribute places."""
        if call.name == "MapDefaultControllerRoute":
            pattern: Value | None = Value("{controller=Home}/{action=Index}/{id?}")
        else:
            given = call.keywords.get("pattern") or call.keywords.get("url") or call.keywords.get("template")
            given = given if given is not None else call.args[1] if len(call.args) > 1 else None
            pattern = self.constants.value(given) if given is not None else None
        text = pattern.text if pattern is not None else ""
        if "{controller" in text and "{action" in text and "{area" in text and not self.graph.area_route:
            self.graph.area_route = text
        if "{controller" in text and "{action" in text and "{area" not in text and not self.graph.conventional_route:
            self.graph.conventional_route = text

    def _route_tables(self) -> None:
        """Route tables keyed by `"verb /path"` (Sails' `config/routes.js`, an Express app's own `'get /api/v1/ping':
        {controller: …}` map it registers in a loop): each key of an object literal that has two or more such keys,
        or whose value names a controller, at its path as written."""
        root = self.syntax.root
        if root is None:
            return
        keys = []
        for match in itertools.islice(_VERB_KEY.finditer(self.syntax.data), 5000):
            node = root.descendant_for_byte_range(match.start(1), match.end(1))
            while node is not None and node.type not in {"string", "pair", "object"}:
                node = node.parent
            pair = node.parent if node is not None and node.type == "string" else None
            if pair is not None and pair.type == "pair" and pair.child_by_field_name("key") == node:
                keys.append((match, pair))
        holders = Counter(pair.parent.id for _, pair in keys if pair.parent is not None)
        for match, pair in keys:
            if pair.parent is not None and (holders[pair.parent.id] >= 2 or self._names_a_handler(pair)):
                verb, path = match.group(2).decode().upper(), match.group(3).decode()
                self._add(None, "ANY" if verb == "ALL" else verb, Value(normalize_path(path)), pair)

    def _names_a_handler(self, pair: Node) -> bool:
        """Whether a route table entry's value names its handler (`{controller: asyncMiddleware(discover)}`)."""
        value = pair.child_by_field_name("value")
        text = self.syntax.text(value)[:400] if value is not None and value.type == "object" else ""
        return re.search(r"\b(?:controller|handler|action)\s*:", text) is not None

    def _tornado_handlers(self) -> None:
        """Tornado's handler lists: `(r"/api/users/([^/]+)", UserAPIHandler)` tuples (or `url(…)` calls) in a list,
        each the handler's methods at the path its pattern matches; a pattern a path cannot be written for is left
        out. Lists of `("/auth/login", LoginResource)` a project hands to its own helper that registers Flask views
        or resources are read the same way, their paths as written."""
        root = self.syntax.root
        if root is None:
            return
        for node in walk(root, limit=200_000):
            if node.type not in {"tuple", "call"} or node.parent is None or node.parent.type != "list":
                continue
            parts = node.named_children
            if node.type == "call":
                call = call_at(self.syntax, node)
                parts = call.args if call is not None and call.name in {"url", "URLSpec"} else []
            if len(parts) < 2 or parts[0].type != "string" or parts[1].type not in {"identifier", "attribute"}:
                continue
            handler = self.syntax.text(parts[1]).rsplit(".", 1)[-1]
            if handler.endswith(("Resource", "View")):
                value = self.constants.value(parts[0])
                path = value.text if value is not None and value.text.startswith("/") else None
            else:
                path = tornado_path(self.syntax.text(parts[0])) if handler.endswith("Handler") else None
            if path is not None:
                line = int(node.start_point[0]) + 1
                self.graph.resource_paths.append((("file", self.path, ""), [Value(path)], handler, self.path, line))

    def _actix_configure(self, call: Call) -> None:
        """actix-web `scope.configure(routes::config)` or `.configure(|cfg| routes::config(cfg, flag))`: the
        function's routes go on the scope (or app) it configures."""
        parent = self._router_key(call.receiver, call.node, strict=False) if call.receiver is not None else None
        given = call.args[0]
        if given.type == "closure_expression":
            body = given.child_by_field_name("body")
            made = call_at(self.syntax, body) if body is not None else None
            if made is None and body is not None:  # `|cfg| { routes::config(cfg); }`
                made = next((c for n in walk(body, limit=40) if (c := call_at(self.syntax, n)) is not None), None)
            children = self._children(made.node) if made is not None else []
        else:
            text = re.sub(r"::<[^>]*>$", "", self.syntax.text(given))  # `config::<Backend>`
            name = re.split(r"::|\.", text)[-1]
            qualifier = text[: -len(name)].rstrip(":.") if len(text) > len(name) else ""
            children = self._by_name(name, qualifier, functions=True) if re.fullmatch(r"\w+", name) else []
        for child in children:
            self.graph.mounts.append((child, parent or self._owner_key(call.node), EMPTY, conditional(call.node)))

    def _actix_resource(self, call: Call) -> None:
        """actix-web `web::resource("/x").route(web::post().to(h))` (or `.to(h)`, any method: listed as GET), on
        the router or scope whose `.service(…)` it is given to."""
        receiver = call.receiver
        resource = None
        while receiver is not None and (inner := call_at(self.syntax, receiver)) is not None:
            if inner.name == "resource" and inner.args:
                resource = inner
                break
            if inner.name not in {"route", "to", "guard", "name", "wrap", "app_data", "default_service"}:
                return
            receiver = inner.receiver
        path = self.constants.value(resource.args[0]) if resource is not None else None
        if path is None:
            return
        methods = ["GET"]
        if call.name == "route" and call.args:
            named = [self.syntax.text(n).rsplit("::", 1)[-1] for n in walk(call.args[0], limit=60)
                     if n.type in {"identifier", "field_identifier"}]  # fmt: skip
            methods = [_VERBS[n] for n in named if n in _VERBS] or ["GET"]
        outer = call.node  # `web::resource(p).route(a).route(b)`: every `.route` is given with the whole chain
        while (
            (field := outer.parent) is not None
            and field.type == "field_expression"
            and field.parent is not None
            and field.parent.type == "call_expression"
        ):
            outer = field.parent
        service = outer.parent
        while service is not None and service.type not in {"call_expression"}:
            service = service.parent
        given = call_at(self.syntax, service) if service is not None else None
        if (
            path.text
            and not path.text.startswith(("/", "{"))
            and not (given is not None and given.name == "service" and self._inside_actix_scope(given))
        ):
            return  # a bare `resource("x")` is a path only inside a scope, which joins it with a slash
        key: Ref | None = None
        if given is not None and given.name == "service" and given.receiver is not None:
            base = given.receiver  # `cfg.service(a).service(b)`: the chain's start
            while (
                (inner := call_at(self.syntax, base)) is not None
                and inner.receiver is not None
                and inner.name in {"service", "route", "app_data", "wrap", "configure", "default_service"}
            ):
                base = inner.receiver
            bare = base.type == "identifier" and self.syntax.text(base) not in self.router_names
            # a `cfg: &mut ServiceConfig` parameter: the function's routes, mounted where it is called
            key = None if bare else self._router_key(given.receiver, given.node, strict=False)
        for method in dict.fromkeys(methods):
            self._add(key or self._owner_key(call.node), method, path, call.node)

    def _inside_actix_scope(self, service: Call) -> bool:
        """Whether a `.service(…)` call is made on a chain that starts at `web::scope(…)`."""
        base = service.receiver
        while (inner := call_at(self.syntax, base)) is not None:
            if inner.name == "scope":
                return True
            base = inner.receiver
        return False

    def _mount(self, call: Call) -> None:
        """`parent.use("/x", child)`, `include_router(child, prefix=…)`, `.nest("/x", child())`, `mount("/x",
        routes![…])`: the child's routes move under the parent and the prefix."""
        args = call.args
        if not args or (call.name == "append" and self.syntax.language != "Rust"):
            return  # Go's `append(list, items…)` mounts nothing: Rust's `routes.append(&mut x::routes())` does
        prefix: Value | None = None
        children = args
        first = self.constants.value(args[0])
        prefix_first = call.name not in {"include_router", "register_blueprint", "register", "service", "merge"}
        if (
            first is not None
            and prefix_first
            and len(args) >= 2
            and (first.text.startswith("/") or first.text == "" or first.unresolved)
        ):
            prefix, children = first, args[1:]
        given = next((call.keywords[k] for k in ("app", "router") if k in call.keywords), None)
        if given is not None and first is not None and len(args) == 1:  # Starlette `mount("/api/v1", app=api)`
            prefix, children = first, [given]
        for keyword in ("prefix", "url_prefix"):
            if keyword in call.keywords:
                prefix = self.constants.value(call.keywords[keyword]) or prefix
        if call.name == "register" and len(args) >= 2 and args[1].type == "object":
            found = re.search(r"""prefix\s*:\s*['"`]([^'"`]*)['"`]""", self.syntax.text(args[1]))
            prefix, children = (Value(found.group(1)) if found else prefix), args[:1]
        if (
            call.name in {"route", "group", "routes", "append", "PathPrefix"}
            and prefix is None
            and call.name != "append"
        ):
            return
        if call.name == "route" and self.syntax.language in {"Python", "Rust"}:
            return
        parent = self._router_key(call.receiver, call.node, strict=False) if call.receiver is not None else None
        if call.name == "append" and self.syntax.language == "Rust":
            parent = None  # `routes.append(&mut x::routes())`: the function returns what it appends
        if parent is None:
            parent = self._owner_key(call.node)
        elif prefix is not None and (helper := self._param_prefix(call.node, prefix)):
            # `const registerApiRoutes = (basePath) => { app.use(basePath, tasks.routes) }`: a helper that mounts
            # on the app at the path it is given; each call of it places the mount (filled in at each call)
            parent = ("fn", self.path, helper)
        full = join(*self._prefixes_at(call.node.start_byte, call.node), prefix or EMPTY)
        for child in children:
            child, full = self._koa_mount(child, full)
            for ref in self._children(child):
                if ref != parent:
                    self.graph.mounts.append((ref, parent, full, conditional(call.node)))

    def _looped(self, items: Node, node: Node) -> list[Ref]:
        """The routers a loop mounts one by one (`for bp in blueprints: app.register_blueprint(bp, url_prefix=…)`):
        those a list written there or bound to a name in this file holds; when the list comes from elsewhere (a
        parameter, another module), every router of the kind the call mounts that nothing else mounts."""
        if items.type == "identifier":
            bound = next((a.value for a in self.syntax.assigns if a.name == self.syntax.text(items)), None)
            items = bound if bound is not None else items
        if items.type in {"list", "tuple"}:
            return [ref for item in items.named_children for ref in self._children(item)]
        call = next((c for c in self.syntax.calls if c.node.start_byte <= node.start_byte < c.node.end_byte), None)
        made = {"register_blueprint": "Blueprint", "include_router": "APIRouter"}.get(call.name if call else "")
        return [("each", "", made)] if made else []

    def _koa_mount(self, child: Node, prefix: Value) -> tuple[Node, Value]:
        """koa-mount's `app.use(mount("/api", api))`: the mounted app and the prefix the call adds."""
        call = call_at(self.syntax, child)
        if call is None or call.name != "mount" or call.receiver is not None or len(call.args) != 2:
            return child, prefix
        path = self.constants.value(call.args[0])
        if path is None or not path.text.startswith("/"):
            return child, prefix
        return call.args[1], join(prefix, path)

    def _chained_group(self, call: Call) -> bool:
        """`scope("/site").route(…).route(…)`, `Router::new().route(…)`: a chain that starts at a group or a new
        router is that router (an app may chain hundreds of `.service(…)` calls: each step is a lookup)."""
        receiver = call.receiver
        for _ in range(5000):
            inner = call_at(self.syntax, receiver) if receiver is not None else None
            if inner is None:
                return False
            if _group_keyword(inner.name) is not None or (inner.name in _MAKERS and self._maker(inner)):
                return True
            receiver = inner.receiver
        return False

    def _owner_key(self, node: Node) -> Key:
        """The router function a node sits in (the file itself at top level)."""
        owner = enclosing_def(node, named=True)
        return ("fn", self.path, self._def_name(owner)) if owner is not None else ("file", self.path, "")

    def _children(self, node: Node) -> list[Ref]:
        """The routers an expression names: a variable, an imported router, a call of a router function, the
        handlers of `routes![…]`."""
        syntax = self.syntax
        if node.type in {"macro_invocation"}:  # `routes![fetch_self::fetch, create]`: each handler by its module
            names = re.findall(r"[A-Za-z_][\w:]*", syntax.text(node).split("!", 1)[-1])
            here = rust_module(self.path)
            return [("handler", n.rsplit("::", 2)[-2] if "::" in n else here, n.rsplit("::", 1)[-1]) for n in names]
        if node.type in {"unary_expression", "reference_expression", "await_expression", "parenthesized_expression",
                         "argument", "value_argument", "spread_element"} and node.named_child_count:  # fmt: skip
            return self._children(node.named_children[-1])
        call = call_at(syntax, node)
        if call is not None:
            if (
                _group_keyword(call.name) is not None
                or (call.name in _MAKERS and self._maker(call))
                or self._chained_group(call)
            ):
                key = self._router_key(node, node, strict=False)
                return [key] if key is not None else []
            koa = call.name == "routes" and self.syntax.language in {"JavaScript", "TypeScript"}
            if (call.name in {"router", "middleware", "build", "handler", "into"} or koa) and call.receiver is not None:
                return self._children(call.receiver)  # koa `users.routes()`; `Router` builders
            if call.name in _RUST_BUILDERS and self.syntax.language == "Rust" and call.receiver is not None:
                return self._children(call.receiver)  # `web::scope("_internal").wrap(cors()).configure(admin::config)`
            qualifier = syntax.text(call.receiver) if call.receiver is not None else ""
            required = _REQUIRED.fullmatch(syntax.text(node)) if call.name == "require" else None
            if required is not None and syntax.language in {"JavaScript", "TypeScript"}:
                return [Lookup(self.path, "default", "", required.group(1))]  # `use('/login', require('./login'))`
            return self._by_name(call.name, qualifier, functions=True)
        if node.type in STRING_NODE_TYPES:
            return []
        text = syntax.text(node)
        name = re.split(r"\.|::|->", text)[-1].lstrip("$&*").strip()
        qualifier = text[: -len(name)].rstrip(".:->") if len(text) > len(name) else ""
        if not re.fullmatch(r"\w+", name or "-"):
            return []
        if name in self.macros and not qualifier:
            return self._children(self.macros[name])
        if not qualifier and syntax.language == "Python" and (items := _loop_items(node, name)) is not None:
            return self._looped(items, node)
        owner = enclosing_def(node, named=True)
        if not qualifier and owner is not None and name in self.params.get(owner.id, set()):
            return [("param", self.path, f"{self._def_name(owner)}:{name}")]  # filled in at each call
        bound = self._let_chain(name, node) if syntax.language == "Rust" and not qualifier else None
        if bound is not None:  # `let auth = auth_routes().layer(…);` … `.nest("/api/auth", auth)`
            return self._children(bound)
        if syntax.language == "Rust":  # actix `.service(handler)`: the handler's attribute route
            module = qualifier.rsplit("::", 1)[-1] if qualifier else rust_module(self.path)
            return [("handler", module, name), *self._by_name(name, qualifier, functions=False)]
        made = self._made_by_call(name, node) if not qualifier and syntax.language in _BOUND_BY_CALL else None
        if made is not None:  # `const apiKeyRoutes = InitApiKeyRoute(mw)` … `router.use('/api-key', apiKeyRoutes)`
            return self._children(made)
        return self._by_name(name, qualifier, functions=False)

    def _returns_router(self, assign: Assign) -> Key | None:
        """The function a router variable is made in, when that function returns it (`export const InitRoutes = () =>
        { const router = Router(); …; return router }`): a call of the function gives the router."""
        owner = enclosing_def(assign.node, named=True) if self.syntax.language in _RETURNED else None
        if owner is None:
            return None
        names = self.returned.get(owner.id)
        if names is None:  # the names a function returns, read once for all the routers it makes
            body = self.syntax.data[owner.start_byte : min(owner.end_byte, owner.start_byte + _RETURN_WINDOW)]
            names = self.returned[owner.id] = {m.decode() for m in _RETURNS.findall(body)}
        return ("fn", self.path, self._def_name(owner)) if assign.name in names else None

    def _own(self, key: Key, prefix: Value) -> None:
        """Record a router this file makes, and index it by its name (`build:router` under `router`)."""
        if key not in self.graph.own:
            self.own_names[key[2].split(":")[-1]].append(key)
        self.graph.own[key] = prefix

    def _assigned(self, name: str) -> list[Assign]:
        """This file's assignments to a name (indexed once per file)."""
        if self.assigned is None:
            self.assigned = defaultdict(list)
            for assign in self.syntax.assigns:
                self.assigned[assign.name].append(assign)
        return self.assigned.get(name, [])

    def _instance_class(self, name: str) -> str:
        """The class a variable of this file holds an instance of (`const r = new AuthRouter(deps)`), "" if none."""
        for assign in self._assigned(name):
            if made := _NEW_CLASS.match(self.syntax.text(assign.value)[:200].lstrip()):
                return made.group(1)
        return ""

    def _made_by_call(self, name: str, at: Node) -> Node | None:
        """The call a variable that is no router of its own was last bound to before `at`, in the same function (a
        router function's result: `const routes = InitRoutes(deps)`); None when it is bound otherwise."""
        if ("var", self.path, self._var_name(name, at)) in self.graph.own:
            return None
        scope = enclosing_def(at, named=False)  # the innermost function: a callback's own `const x` is not this one
        found: tuple[int, Node] | None = None
        for assign in self._assigned(name):
            if assign.node.start_byte >= at.start_byte:
                continue
            if enclosing_def(assign.node, named=False) == scope and (
                found is None or assign.node.start_byte > found[0]
            ):
                found = (assign.node.start_byte, assign.value)
        if found is None:
            return None
        call = call_at(self.syntax, found[1])
        if call is None:  # `const eeRouter = (await import("../../ee/routes/v1")).default`
            return found[1] if _IMPORTED_MEMBER.fullmatch(self.syntax.text(found[1])[:300]) else None
        return found[1] if call.name != "require" else None

    def _let_chain(self, name: str, at: Node) -> Node | None:
        """What a Rust variable that is no router of its own was last bound to before `at`, in the same function,
        down its method chain to the call or name it starts from (`let auth = auth_routes().layer(…)` gives
        `auth_routes()`; `let caldav = caldav.layer(…)`, the earlier `caldav`). None when it is not bound so."""
        owner = enclosing_def(at, named=True)
        found = None
        for assign in self._assigned(name):
            if assign.node.type != "let_declaration" or assign.node.start_byte >= at.start_byte:
                continue
            if enclosing_def(assign.node, named=True) == owner and (found is None or assign.node.start_byte > found[0]):
                found = (assign.node.start_byte, assign.value)
        if found is None or ("var", self.path, self._var_name(name, at)) in self.graph.own:
            return None
        node = found[1]
        for _ in range(200):  # down the receivers to the call the chain starts from
            function = node.child_by_field_name("function") if node.type == "call_expression" else None
            if function is None or function.type != "field_expression":
                break
            node = function.child_by_field_name("value") or node
        if node.type == "identifier" and self.syntax.text(node) == name and node.start_byte >= found[0]:
            return self._let_chain(name, node) if node.start_byte < at.start_byte else None  # `let x = x.layer(…)`
        return node if node.type in {"call_expression", "identifier", "scoped_identifier"} else None

    def _by_name(self, name: str, qualifier: str, functions: bool) -> list[Ref]:
        """Routers or router functions of this name: this file's own router of that name now, else a lookup for
        when every file is read."""
        own_scoped: list[Ref] = list(self.own_names.get(name, []))
        if own_scoped and not functions and qualifier in {"", "self", "this", "cls"}:  # `users.router` is another's
            return own_scoped[:1]
        made = _NEW_INSTANCE.match(qualifier)
        if made is None and qualifier.startswith("this.") and re.fullmatch(r"\w+", field := qualifier[5:]):
            # `this.apiRouter.router`, the field holding `new ApiRouter(this)`
            held = re.search(rf"\bthis\.{field}[ \t]*=[ \t]*(new[ \t]+\w+)".encode(), self.syntax.data)
            made = _NEW_INSTANCE.match(held.group(1).decode()) if held is not None else None
        if made is not None:  # `new AdminApi(config).router`: the router of the module AdminApi comes from
            module = self._import_source(made.group(1))
            if module:
                return [Lookup(self.path, f"{made.group(1)}:{name}", "", module, functions=functions)]
            local = next((c for c in self.syntax.classes if c.name == made.group(1)), None)
            if local is not None and _derives(local.node):
                return [self._class_router(local.name)]  # a derived class of this file
            return [("var", self.path, name)] if ("var", self.path, name) in self.graph.own else []
        if made is None and re.fullmatch(r"\w+", qualifier) and self.syntax.language in _BOUND_BY_CALL:
            # `authV2Router = new AuthRouter(…)` … `authV2Router.getRouter()`: the method of the imported class
            instance = self._instance_class(qualifier)
            module = self._import_source(instance) if instance else ""
            if module:
                return [Lookup(self.path, name, "", module, functions=functions)]
        module = self._import_source(name)
        source = self._import_source(qualifier) if not module and re.fullmatch(r"\w+", qualifier) else ""
        if (required := _REQUIRED.fullmatch(qualifier) or _IMPORTED.fullmatch(qualifier)) is not None:
            source = required.group(1)  # `require('./users').router`, `(await import("./ee/routes")).default`
        if source.startswith(("./", "../")) and self.syntax.language in {"JavaScript", "TypeScript"}:
            module = source  # `accountApp.handlers`, `tasksModule.routes`: the module the qualifier is imported from
        return [Lookup(self.path, name, qualifier, module, functions=functions)]

    def _import_source(self, name: str) -> str:
        """Where this file imports a name from (`./auth`, `app/api`), "" when it does not."""
        if self.imports is None:
            self.imports = imports(self.syntax.data.decode("utf-8", "replace"))
        return self.imports.get(name, "")

    def _calls_router_function(self, call: Call, helper: bool = False) -> None:
        """A call of a function that registers routes: its routes go under the router passed to it, or under the
        scope it is called in (`helper`: a call that passes a route's method and path, its own or its caller's)."""
        receiver_router: Ref | None = None
        for arg in call.args:
            inner = call_at(self.syntax, arg)
            if inner is not None and _group_keyword(inner.name) is not None and inner.receiver is not None:
                made = self._router_key(arg, call.node, strict=True)  # `_fs(auth.Group("/fs"))`: a group handed on
                if isinstance(made, tuple):
                    receiver_router = made
                    break
            if arg.type not in NAME_NODES:
                continue
            text = self.syntax.text(arg).lstrip("&*")
            last = text.rsplit(".", 1)[-1]
            if last in self.router_names or last in _CONVENTIONAL or self._param_owner(call.node, last) is not None:
                key = self._router_key(arg, call.node, strict=True)
                if isinstance(key, tuple) and key in self.graph.own:
                    receiver_router = key  # a router this file makes: before a conventional name (`h.Login(app, api)`)
                    break
                if isinstance(key, tuple) and (key[0] == "fn" or key[2] in _CONVENTIONAL) and receiver_router is None:
                    receiver_router = key
        inside = self._prefixes_at(call.node.start_byte, call.node)
        # without a router argument or a scope, only a Rust module call (`api::routes()`) or a bare Kotlin/Go call
        # inside a router function links anything
        rust_module = self.syntax.language == "Rust" and call.receiver is not None
        bare = call.receiver is None and self.syntax.language in {"Kotlin", "Rust", "Go"}
        values = tuple(self.constants.value(arg) if arg.type not in DEF_TYPES else None for arg in call.args)
        pathish = any(v is not None and v.text.startswith("/") for v in values)  # a helper given a path
        if receiver_router is None and not inside and not (rust_module or bare or pathish or helper):
            return
        parent = receiver_router if receiver_router is not None else self._owner_key(call.node)
        qualifier, made_by = self._method_owner(call.receiver)
        instance = _NEW_INSTANCE_CALL.match(qualifier)  # `MetadataRoutes(p).registerRoutes(this)`: its class's
        qualifier = instance.group(1) if instance else qualifier
        module = self._import_source(call.name)
        callee = Lookup(self.path, call.name, qualifier, module, functions=True, made_by=made_by)
        if self.syntax.language == "Go" and call.receiver is None and (listed := _ranged(call.node, call.name)):
            callee = Lookup(self.path, f"[]{listed}", functions=True, every=True)  # each function of a registry
        self.graph.calls.append((callee, parent, join(*inside), conditional(call.node)))
        if any(v is not None for v in values):  # what a helper taking a path or a router is called with
            refs = tuple(tuple(self._children(arg)) if arg.type in NAME_NODES | {"call_expression"} else ()
                         for arg in call.args)  # fmt: skip
            self.graph.sites.append((callee, parent, join(*inside), conditional(call.node), values, refs))

    def _handed_router(self, call: Call) -> bool:
        """chi's `r.Route("/actions", newActionHandler(s).Routes)`, `r.Route("/auth", h.Routes)` and
        `r.Group(routes)`: a function (a method value, a function's name) handed the new group, so its routes go
        under the group's path, as if it were called there."""
        if self.syntax.language != "Go" or call.name not in {"Route", "Group"} or call.receiver is None:
            return False
        if len(call.args) != (1 if call.name == "Group" else 2):  # gin's `r.Group("/v1", authMiddleware)`: a path
            return False
        if call.args[-1].type not in {"selector_expression", "identifier"}:
            return False
        path = self.constants.value(call.args[0]) if len(call.args) == 2 else EMPTY
        if path is None:
            return False
        handler = call.args[-1]
        name = self.syntax.text(handler).rpartition(".")[2]
        operand = handler.child_by_field_name("operand") if handler.type == "selector_expression" else None
        qualifier, made_by = self._method_owner(operand)
        parent = self._router_key(call.receiver, call.node, strict=False)
        if not isinstance(parent, tuple):
            parent = self._owner_key(call.node)
        callee = Lookup(self.path, name, qualifier, self._import_source(name), functions=True, made_by=made_by)
        full = join(*self._prefixes_at(call.node.start_byte, call.node), path)
        self.graph.calls.append((callee, parent, full, conditional(call.node)))
        return True

    def _method_owner(self, receiver: Node | None) -> tuple[str, str]:
        """(qualifier, the function that made it) of what a method is called on: `h.Routes(r)` with `h :=
        pkg.NewH()` (its maker by the name it is bound to); a Go constructor called in place,
        `audit_logs.GetController().RegisterRoutes(v1)` or `newActionHandler(s).Routes` (its method sits beside it)."""
        qualifier = self.syntax.text(receiver) if receiver is not None else ""
        maker = call_at(self.syntax, receiver) if receiver is not None and self.syntax.language == "Go" else None
        if maker is not None:
            return (self.syntax.text(maker.receiver) if maker.receiver is not None else ""), maker.name
        return qualifier, self._constructed_by(qualifier)

    def _constructed_by(self, name: str) -> str:
        """The function that made the value bound to this name (`x := pkg.NewX()`): a method called on it sits
        beside that function."""
        if self.makers is None:
            self.makers = {}
            for assign in self.syntax.assigns:
                made = call_at(self.syntax, assign.value)
                if made is not None:
                    self.makers.setdefault(assign.name, made.name)
        return self.makers.get(name, "")

    def _path_arg(self, call: Call) -> Value | None:
        for keyword in ("prefix", "path", "url_prefix"):
            if keyword in call.keywords:
                return self.constants.value(call.keywords[keyword])
        if call.name == "nest" and call.receiver is not None and not call.args:
            return self.constants.value(call.receiver)
        if call.args:
            value = self.constants.value(call.args[0])
            wrapped = call_at(self.syntax, call.args[0])
            if value is None and wrapped is not None and wrapped.args:  # `path(withBase("api/"))`
                value = self.constants.value(wrapped.args[0])
            if value is not None and call.name == "namespace" and call.args[0].type == "simple_symbol":
                return Value(value.text.lstrip(":"))
            return value
        return None

    def _keyword_value(self, call: Call, keyword: str) -> Value | None:
        node = call.keywords.get(keyword)
        if node is None and keyword == "prefix" and call.args and call.args[0].type == "object":
            found = re.search(r"""prefix\s*:\s*['"`]([^'"`]*)['"`]""", self.syntax.text(call.args[0]))
            return Value(found.group(1)) if found else None
        return self.constants.value(node) if node is not None else None


# calls that are never router functions, whatever the repository defines (keeps the link-time list short)
_NOT_ROUTER_FUNCTIONS = {
    "print", "len", "str", "int", "format", "append", "get", "set", "join", "map", "filter", "log", "Println",
    "Printf", "Sprintf", "Errorf", "New", "make", "require", "import", "isinstance", "jsonify", "json", "send",
    "status", "Ok", "ok", "Err", "unwrap", "expect", "clone", "to_string", "into", "push", "debug", "info",
    "warn", "error", "respond", "JSON", "String", "Status", "StripPrefix", "FileServer", "Redirect",
}  # fmt: skip


# a Tornado handler spec: `(r"/api/users/([^/]+)", UserAPIHandler)` or `url(r"/x", XHandler)`
_TORNADO_SPEC = re.compile(rb"""[(,][ \t]*[rRuU]?["'][/^][^"'\n]{0,300}["'][ \t]*,[ \t]*[\w.]*Handler\b""")
_METHOD_CHECK = re.compile(r"\.Method[ \t]*(?:[!=]=|\{)|\bcase[ \t]")
_METHOD_NAME = re.compile(r'"(GET|POST|PUT|PATCH|DELETE)"|\bhttp\.Method(Get|Post|Put|Patch|Delete)\b')


def _ranged(node: Node, name: str) -> str:
    """The registry a Go `for _, f := range registry { … }` loop around `node` ranges over when `name` is its
    value variable, "" otherwise."""
    current = node.parent
    while current is not None and current.type not in {"function_declaration", "method_declaration", "source_file"}:
        if current.type == "for_statement":
            clause = next((c for c in current.named_children if c.type == "range_clause"), None)
            left = clause.child_by_field_name("left") if clause is not None else None
            right = clause.child_by_field_name("right") if clause is not None else None
            names = [c for c in left.named_children if c.type == "identifier"] if left is not None else []
            if names and names[-1].text == name.encode() and right is not None and right.type == "identifier":
                return right.text.decode() if right.text else ""
        current = current.parent
    return ""


def _subscript_call(call: Call) -> bool:
    """`router[method](…)`: a call of a member picked by a computed name."""
    function = call.node.child_by_field_name("function")
    return function is not None and function.type == "subscript_expression"


def _loop_items(node: Node, name: str) -> Node | None:
    """The iterable of the Python `for` loop around `node` whose target is `name`, None when there is none."""
    current = node.parent
    while current is not None and current.type not in {"function_definition", "module"}:
        if current.type == "for_statement":
            target = current.child_by_field_name("left")
            if target is not None and target.type == "identifier" and target.text == name.encode():
                return current.child_by_field_name("right")
        current = current.parent
    return None


def _checked_methods(body: str) -> tuple[str, ...]:
    """The methods a Go handler compares `r.Method` with (`r.Method == "POST"`, `case http.MethodGet:`)."""
    if not re.search(r"\.Method[ \t]*(?:[!=]=|\{)", body):
        return ()
    found: list[str] = []
    for line in body.splitlines():
        if _METHOD_CHECK.search(line):
            found += [(m.group(1) or m.group(2)).upper() for m in _METHOD_NAME.finditer(line)]
    return tuple(dict.fromkeys(found))


def _handler_name(syntax: SyntaxFile, node: Node) -> str | None:
    """The function a Go route is handled by: `as.Campaigns`, or the first argument of a wrapper
    (`mid.Use(as.Base, mid.RequireLogin)`)."""
    for _ in range(3):
        if node.type == "call_expression":
            arguments = node.child_by_field_name("arguments")
            first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
            if first is None:
                return None
            node = first
            continue
        name = syntax.text(node).rsplit(".", 1)[-1]
        return name if re.fullmatch(r"[A-Za-z_]\w{0,80}", name) else None
    return None


_OPTIONAL_PARAM = re.compile(r":\w{1,80}\?(?:/|$)|\{\w{1,80}\?\}")  # Express's `/:id?`, Laravel's `/{id?}`
_LARAVEL_GETS = {"view", "redirect", "permanentRedirect"}  # Laravel routes that answer GET with a view or a redirect
_BUILDER = re.compile(r"Json|json|Map$|^buildMap$")  # `buildJsonObject`, `putJsonObject`, `buildMap`, `json { }`
_VIEW_SPEC = re.compile(rb"""[(,][ \t]*[rRuU]?["']/[^"'\n]{0,300}["'][ \t]*,[ \t]*[\w.]*(?:Resource|View)\b""")
_FALCON_RESPONDERS = {"on_get", "on_post", "on_put", "on_patch", "on_delete"}
# names a router goes by where a path may lack its leading slash (PHP route files, Javalin, Ktor)
_ROUTER_NAMES = {"route", "router", "routes", "app", "group", "r", "api", "routing", "builder", "collector", "proxy",
                 "web", "v1", "v2", "admin", "javalin", "apibuilder", "config"}  # fmt: skip
_LOOSE = {"PHP", "Java", "Kotlin"}  # languages whose routers take paths without a leading slash


def _tornado_base(base: str) -> bool:
    """A Tornado handler's base class (`web.RequestHandler`, an application's own `APIHandler`)."""
    return base.rsplit(".", 1)[-1].endswith("Handler")


def tornado_path(literal: str) -> str | None:
    """The path a Tornado pattern matches, groups as parameters (`r"/users/([^/]+)/?"` → `/users/{arg1}`,
    `(?P<name>…)` → `{name}`); None for a pattern no one path writes (alternatives, repeats outside a group)."""
    text = re.sub(r"^[rRbBuU]*(['\"]{1,3})(.*)\1$", r"\2", literal.strip(), flags=re.S)
    text = text.removeprefix("^").removesuffix("$").removesuffix("/?")
    out, depth, group, count = [], 0, "", 0
    for char in text:
        if depth:
            group += char
            depth += (char == "(") - (char == ")")
            if depth == 0:
                count += 1
                named = re.match(r"\?P<(\w+)>", group)
                if group.startswith("?") and not named:
                    return None  # `(?:a|b)`: no single path
                out.append("{" + (named.group(1) if named else f"arg{count}") + "}")
                group = ""
        elif char == "(":
            depth = 1
        elif char in "*+?|[]{}\\^$":
            return None
        else:
            out.append(char)
    path = "".join(out)
    return path if path.startswith("/") and depth == 0 else None


# literals a lookup's default is written as, never a route's handler (a handler is code; in PHP it may be a string)
_DEFAULTS = {"none", "null", "nil", "undefined", "true", "false", "integer", "float", "number", "null_literal",
             "true_literal", "false_literal", "boolean_literal", "integer_literal",
             "decimal_integer_literal"}  # fmt: skip


def _is_default(node: Node, language: str) -> bool:
    return node.type in _DEFAULTS or (node.type == "string" and language == "Python")  # AdonisJS: `"Users.index"`


_BLOCKS = {"block", "statement_block", "compound_statement", "statements", "function_body", "do_block"}


def _block_of(node: Node, language: str) -> tuple[int, int]:
    """The span a declaration is visible in: its innermost block (a Python name is the whole function's)."""
    current = node.parent
    while current is not None:
        if current.type in NAMED_DEFS or (language != "Python" and current.type in _BLOCKS):
            return (current.start_byte, current.end_byte)
        current = current.parent
    return (0, 1 << 62)


def _enclosing_js_class(at: Node) -> tuple[Node | None, Node | None]:
    """The JavaScript or TypeScript class a node sits in, and its name node (None, None outside one)."""
    current = at.parent
    while current is not None and current.type not in _JS_CLASSES:
        current = current.parent
    return current, current.child_by_field_name("name") if current is not None else None


def _derives(klass: Node) -> bool:
    """Whether a JavaScript or TypeScript class extends another (`class Flags extends Controller`)."""
    return any(child.type == "class_heritage" for child in klass.children)


def _pair(syntax: SyntaxFile, node: Node, key: str) -> Node | None:
    """The value an object literal gives a key (`{ path: "/x", module: M }`)."""
    for pair in node.named_children if node.type == "object" else []:
        name = pair.child_by_field_name("key")
        if pair.type == "pair" and name is not None and syntax.text(name).strip("'\"") == key:
            return pair.child_by_field_name("value")
    return None


def _verb(call: Call) -> str | None:
    if call.name.split("<", 1)[0] in _MAP_VERBS:  # `MapHub<SyncHub>("/hubs/sync")`: a generic call's name
        return _MAP_VERBS[call.name.split("<", 1)[0]]
    if call.name in {"Any", "all"}:  # gin's and echo's `g.Any`, Express's `router.all`: any method, listed as GET
        return "GET"
    lowered = call.name.lower()
    if lowered in _VERBS and (call.name.islower() or call.name.isupper() or call.name.istitle()):
        return _VERBS[lowered]
    if call.name.endswith("Async") and call.name[:-5] in _VERBS:  # a router's promise-aware verbs (`postAsync`)
        return _VERBS[call.name[:-5]]
    return None
