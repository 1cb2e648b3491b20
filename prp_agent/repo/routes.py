"""Existing HTTP routes, per framework, with router prefixes resolved where the code makes them plain.

Input is comment-stripped source, so commented-out routes are not routes. Prefixes are followed through FastAPI
`include_router`, Flask `register_blueprint`, Django `include` + DRF routers, Express `app.use`, Fastify
`register(..., {prefix})`, NestJS controllers and global prefix, Spring class mappings, gin/echo groups, chi
`Route` blocks, Rails `namespace`/`scope`, Laravel `routes/api.php` and `Route::prefix` groups, ASP.NET
`[Route]` attributes. A route registered under an `if` is kept and marked conditional.
"""

from __future__ import annotations

import re

from prp_agent.repo.routes_other import OTHER_EXTRACTORS
from prp_agent.repo.source import METHODS, Routes, SourceFile, closing_brace, normalize_path
from prp_agent.repo.types import RepoRoute

__all__ = ["SourceFile", "closing_brace", "extract_routes", "normalize_path"]


def extract_routes(files: list[SourceFile]) -> list[RepoRoute]:
    """Every route the extractors find, sorted by path then method."""
    routes = Routes()
    for extractor in (_python, _django, _javascript, _nest, _spring, _go, _rails, _laravel, _aspnet, *OTHER_EXTRACTORS):
        extractor(files, routes)
    order = {m: i for i, m in enumerate(METHODS)}
    return sorted(routes.found.values(), key=lambda r: (r.path, order.get(r.method, 9), r.method))


def _string_arg(args: str, name: str) -> str | None:
    match = re.search(rf"""\b{name}\s*=\s*["']([^"']*)["']""", args)
    return match.group(1) if match else None


def _conditional(code: str, offset: int) -> bool:
    """Whether the statement at offset sits inside an `if` block (Python indentation)."""
    start = code.rfind("\n", 0, offset) + 1
    indent = len(code[start:offset]) - len(code[start:offset].lstrip())
    if indent == 0:
        return False
    for line in reversed(code[:start].splitlines()):
        stripped = line.lstrip()
        if not stripped:
            continue
        line_indent = len(line) - len(stripped)
        if line_indent < indent:
            return stripped.startswith(("if ", "elif ", "else"))
    return False


# --- FastAPI and Flask ---------------------------------------------------------------------------------------

_PY_ROUTER = re.compile(
    r"^[ \t]*(\w+)\s*(?::\s*\w+\s*)?=\s*(?:fastapi\.)?(APIRouter|FastAPI|Blueprint|Flask)\(([^)]*)\)", re.M
)
_PY_DECORATOR = re.compile(
    r"""^[ \t]*@(\w+)\.(get|post|put|patch|delete|route|api_route)\(\s*["']([^"']*)["']([^)]*)\)""", re.M
)
_PY_INCLUDE = re.compile(r"""^[ \t]*(\w+)\.(include_router|register_blueprint)\(\s*([\w.]+)([^)]*)\)""", re.M)
_PY_FROM_IMPORT = re.compile(r"^[ \t]*from\s+([\w.]+)\s+import\s+\(?([^)\n]+)\)?", re.M)
_PY_IMPORT = re.compile(r"^[ \t]*import\s+([\w.]+)(?:\s+as\s+(\w+))?", re.M)


def _py_aliases(source: SourceFile) -> dict[str, tuple[str, str | None]]:
    """Local name → (module stem, attribute or None) for a file's imports."""
    aliases: dict[str, tuple[str, str | None]] = {}
    for match in _PY_FROM_IMPORT.finditer(source.code):
        module = match.group(1).rsplit(".", 1)[-1]
        for item in match.group(2).split(","):
            name, _, alias = item.strip().partition(" as ")
            name = name.strip()
            if name:
                aliases[alias.strip() or name] = (module, name)
    for match in _PY_IMPORT.finditer(source.code):
        aliases[match.group(2) or match.group(1).split(".")[0]] = (match.group(1).rsplit(".", 1)[-1], None)
    return aliases


def _python(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "Python"]
    routers: dict[tuple[str, str], tuple[str, bool]] = {}  # (stem, var) -> (own prefix, is_app)
    for source in sources:
        for match in _PY_ROUTER.finditer(source.code):
            prefix = _string_arg(match.group(3), "prefix") or _string_arg(match.group(3), "url_prefix") or ""
            routers[(source.stem, match.group(1))] = (prefix, match.group(2) in {"FastAPI", "Flask"})
            if source.stem == "__init__" and "/" in source.path:  # `from app.api import bp` names the package
                package = source.path.rsplit("/", 2)[-2]
                routers.setdefault((package, match.group(1)), (prefix, match.group(2) in {"FastAPI", "Flask"}))
    parents: dict[tuple[str, str], tuple[tuple[str, str], str, bool]] = {}
    aliases_of = {source.path: _py_aliases(source) for source in sources}
    for source in sources:
        aliases = aliases_of[source.path]
        for match in _PY_INCLUDE.finditer(source.code):
            child = _resolve_router(match.group(3), source, aliases, routers)
            parent = (source.stem, match.group(1))
            if child is None or child == parent:
                continue
            prefix = _string_arg(match.group(4), "prefix") or _string_arg(match.group(4), "url_prefix") or ""
            parents[child] = (parent, prefix, _conditional(source.code, match.start(1)))
    for source in sources:
        aliases = aliases_of[source.path]
        for match in _PY_DECORATOR.finditer(source.code):
            key = (source.stem, match.group(1))
            if key not in routers:
                imported = aliases.get(match.group(1))
                key = (imported[0], imported[1] or match.group(1)) if imported else key
            if key not in routers:
                continue
            mount, conditional = _mount(key, routers, parents)
            methods = _decorator_methods(match.group(2), match.group(4))
            for method in methods:
                routes.add(method, normalize_path(mount, match.group(3)), source, match.start(), conditional)


def _resolve_router(
    expr: str,
    source: SourceFile,
    aliases: dict[str, tuple[str, str | None]],
    routers: dict[tuple[str, str], tuple[str, bool]],
) -> tuple[str, str] | None:
    head, _, attr = expr.partition(".")
    if not attr and (source.stem, head) in routers:
        return (source.stem, head)
    module, name = aliases.get(head, (head, None))
    candidates = [(module, attr)] if attr else []
    if name is not None and not attr:
        candidates += [(module, name), (name, "router"), (name, "bp"), (name, "blueprint")]
    candidates += [(head, "router")]
    return next((c for c in candidates if c in routers), None)


def _mount(
    key: tuple[str, str],
    routers: dict[tuple[str, str], tuple[str, bool]],
    parents: dict[tuple[str, str], tuple[tuple[str, str], str, bool]],
) -> tuple[str, bool]:
    own, _ = routers[key]
    parts, conditional, seen = [own], False, {key}
    while key in parents:
        key, prefix, cond = parents[key]
        if key in seen:
            break
        seen.add(key)
        parts.insert(0, prefix)
        parts.insert(0, routers.get(key, ("", False))[0])
        conditional = conditional or cond
    return normalize_path(*parts), conditional


def _decorator_methods(kind: str, rest: str) -> list[str]:
    if kind in {"route", "api_route"}:
        listed = re.search(r"methods\s*=\s*\[([^\]]*)\]", rest)
        return [m.upper() for m in re.findall(r"""["'](\w+)["']""", listed.group(1))] if listed else ["GET"]
    return [kind.upper()]


# --- Django and DRF ------------------------------------------------------------------------------------------

_DJ_PATH = re.compile(r"""\b(re_)?path\(\s*r?["']([^"']*)["']\s*,\s*([^,)]+(?:\([^)]*\)?[^)]*\))?)""")
_DRF_REGISTER = re.compile(r"""(\w+)\.register\(\s*r?["']([^"']*)["']\s*,\s*(?:\w+\.)*(\w+)""")
_DRF_VIEWSET = re.compile(r"class\s+(\w+)\(([^)]*ViewSet[^)]*)\)")


def _django(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "Python"]
    viewsets = {m.group(1): m.group(2) for f in sources for m in _DRF_VIEWSET.finditer(f.code)}
    url_files = {f.path: f for f in sources if f.stem == "urls"}
    prefixes: dict[str, str] = {}
    for source in url_files.values():
        for match in _DJ_PATH.finditer(source.code):
            target = re.search(r"""include\(\s*\(?\s*["']([\w.]+)["']""", match.group(3))
            if target:
                module_path = target.group(1).replace(".", "/") + ".py"
                for path in url_files:
                    if path.endswith(module_path):
                        prefixes[path] = normalize_path(prefixes.get(source.path, ""), match.group(2))
    for source in url_files.values():
        base = prefixes.get(source.path, "")
        routers = {m.group(1): m.group(2) for m in re.finditer(r"(\w+)\s*=\s*(?:routers\.)?(\w*Router)\(", source.code)}
        router_mount = {
            m.group(2): m.group(1)
            for m in re.finditer(r"""path\(\s*r?["']([^"']*)["']\s*,\s*include\(\s*(\w+)\.urls""", source.code)
        }
        for match in _DJ_PATH.finditer(source.code):
            view_ref = match.group(3).strip()
            if "include(" in view_ref or "admin.site" in view_ref:
                continue
            view = re.sub(r"\.as_view\(.*", "", view_ref).rsplit(".", 1)[-1]
            for method in _django_view_methods(view, sources):
                routes.add(method, normalize_path(base, match.group(2)), source, match.start())
        for match in _DRF_REGISTER.finditer(source.code):
            if match.group(1) not in routers:
                continue
            mount = normalize_path(base, router_mount.get(match.group(1), ""), match.group(2))
            read_only = "ReadOnly" in viewsets.get(match.group(3), "")
            for method, suffix in _viewset_routes(read_only):
                routes.add(method, normalize_path(mount, suffix), source, match.start())


def _django_view_methods(view: str, sources: list[SourceFile]) -> list[str]:
    """HTTP methods of a Django view: from @api_view/@require_* decorators or a class view's handlers; GET if unsure."""
    for source in sources:
        function = re.search(rf"((?:^@.*\n)*)^def\s+{re.escape(view)}\(", source.code, re.M)
        if function:
            listed = re.search(r"(?:api_view|require_http_methods)\(\s*\[([^\]]*)\]", function.group(1))
            if listed:
                return [m.upper() for m in re.findall(r"""["'](\w+)["']""", listed.group(1))]
            single = re.search(r"@require_(GET|POST|safe)\b", function.group(1))
            return ["POST"] if single and single.group(1) == "POST" else ["GET"]
        klass = re.search(rf"^class\s+{re.escape(view)}\(.*?(?=^\S|\Z)", source.code, re.M | re.S)
        if klass:
            handlers = re.findall(r"^\s+def\s+(get|post|put|patch|delete)\(", klass.group(0), re.M)
            return [h.upper() for h in handlers] or ["GET"]
    return ["GET"]


def _viewset_routes(read_only: bool) -> list[tuple[str, str]]:
    routes = [("GET", ""), ("GET", "{pk}")]
    if not read_only:
        routes += [("POST", ""), ("PUT", "{pk}"), ("PATCH", "{pk}"), ("DELETE", "{pk}")]
    return routes


# --- Express and Fastify -------------------------------------------------------------------------------------

_JS_ROUTE = re.compile(r"""\b(\w+)\.(get|post|put|patch|delete)\(\s*['"`]([^'"`]+)['"`]""")
_JS_USE = re.compile(r"""\b(\w+)\.use\(\s*['"`]([^'"`]+)['"`]\s*,\s*(?:[\w.]+\s*,\s*)*(\w+)\s*\)""")
_JS_REGISTER = re.compile(r"""\b(\w+)\.register\(\s*(\w+)\s*,\s*\{[^}]*prefix:\s*['"`]([^'"`]+)['"`]""")
_JS_REQUIRE = re.compile(
    r"""(?:const|let|var|import)\s+\{?\s*(\w+)\s*\}?\s*(?:=\s*require\(\s*|from\s+)['"](\.[^'"]+)['"]"""
)
_JS_ROUTE_OBJECT = re.compile(
    r"""\b\w+\.route\(\s*\{((?:[^{}]|\{[^{}]*\})*?(?:url|path):\s*['"`][^'"`]+['"`](?:[^{}]|\{[^{}]*\})*?)(?:handler|\})"""
)
_JS_CREATE_ROUTE = re.compile(r"""\bcreateRoute\(\s*\{((?:[^{}]|\{[^{}]*\})*)\}""")
_JS_ROUTER_DEF = re.compile(r"""(\w+)\s*=\s*(?:express\.)?Router\(""")
_JS_FASTIFY_FN = re.compile(
    r"""(?:async\s+)?function\s*\w*\s*\(\s*(\w+)|(?:async\s*)?\(\s*(\w+)\s*(?:,[^)]*)?\)\s*=>"""
)


def _js_module(path: str, spec: str) -> str:
    base = path.rsplit("/", 1)[0] if "/" in path else ""
    parts = [p for p in base.split("/") if p]
    for piece in spec.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in {".", ""}:
            parts.append(piece)
    return _module_of("/".join(parts))


def _javascript(files: list[SourceFile], routes: Routes) -> None:
    sources = [
        f
        for f in files
        if f.language in {"JavaScript", "TypeScript"} and "@Controller" not in f.code and "@adonisjs" not in f.code
    ]
    by_module = {re.sub(r"\.(js|ts|mjs|cjs)$", "", f.path).removesuffix("/index"): f for f in sources}
    mounts: dict[str, str] = {}  # module path -> prefix
    for source in sources:
        imports = {m.group(1): _js_module(source.path, m.group(2)) for m in _JS_REQUIRE.finditer(source.code)}
        for match in _JS_USE.finditer(source.code):
            module = imports.get(match.group(3))
            if module in by_module:
                mounts[module] = normalize_path(mounts.get(_module_of(source.path), ""), match.group(2))
        for match in _JS_REGISTER.finditer(source.code):
            module = imports.get(match.group(2))
            if module in by_module:
                mounts[module] = normalize_path(match.group(3))
    for source in sources:
        module = _module_of(source.path)
        prefix = mounts.get(module, "")
        receivers = {m.group(1) for m in _JS_ROUTER_DEF.finditer(source.code)} | {"app", "router", "server"}
        receivers |= {"fastify", "instance"} | {
            g for m in _JS_FASTIFY_FN.finditer(source.code) for g in m.groups() if g
        }
        for match in _JS_ROUTE.finditer(source.code):
            if match.group(1) in receivers and match.group(3).startswith("/"):
                routes.add(match.group(2), normalize_path(prefix, match.group(3)), source, match.start())
        for match in _JS_CREATE_ROUTE.finditer(source.code):
            method = re.search(r"""method:\s*['"`](\w+)['"`]""", match.group(1))
            url = re.search(r"""path:\s*['"`]([^'"`]+)['"`]""", match.group(1))
            if method and url:
                routes.add(
                    method.group(1),
                    normalize_path(prefix, re.sub(r"\{(\w+)\}", r"{\1}", url.group(1))),
                    source,
                    match.start(),
                )
        for match in _JS_ROUTE_OBJECT.finditer(source.code):
            method = re.search(r"""method:\s*['"`](\w+)['"`]""", match.group(1))
            url = re.search(r"""(?:url|path):\s*['"`]([^'"`]+)['"`]""", match.group(1))
            if method and url:
                routes.add(method.group(1), normalize_path(prefix, url.group(1)), source, match.start())


def _module_of(path: str) -> str:
    return re.sub(r"\.(js|ts|mjs|cjs)$", "", path).removesuffix("/index")


# --- NestJS --------------------------------------------------------------------------------------------------

_NEST_CONTROLLER = re.compile(
    r"""@Controller\(\s*(?:['"`]([^'"`]*)['"`]|\{[^}]*path:\s*['"`]([^'"`]*)['"`][^}]*\})?\s*\)"""
)
_NEST_METHOD = re.compile(r"""@(Get|Post|Put|Patch|Delete)\(\s*(?:['"`]([^'"`]*)['"`])?\s*\)""")
_NEST_PREFIX = re.compile(r"""setGlobalPrefix\(\s*['"`]([^'"`]+)['"`]""")


def _nest(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "TypeScript"]
    global_prefix = next((m.group(1) for f in sources for m in _NEST_PREFIX.finditer(f.code)), "")
    for source in sources:
        controllers = list(_NEST_CONTROLLER.finditer(source.code))
        for i, controller in enumerate(controllers):
            end = controllers[i + 1].start() if i + 1 < len(controllers) else len(source.code)
            base = controller.group(1) or controller.group(2) or ""
            for match in _NEST_METHOD.finditer(source.code, controller.end(), end):
                routes.add(
                    match.group(1), normalize_path(global_prefix, base, match.group(2) or ""), source, match.start()
                )


# --- Spring (Java and Kotlin) --------------------------------------------------------------------------------

_SPRING_CLASS = re.compile(
    r"""@RequestMapping\(\s*(?:(?:value|path)\s*=\s*)?[\[{]?\s*"([^"]*)"[^)]*\)\s*(?:@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?\s*)*(?:public\s+|open\s+|internal\s+|final\s+|abstract\s+)*(?:class|interface)\b"""
)
_SPRING_METHOD = re.compile(
    r"""@(Get|Post|Put|Patch|Delete)Mapping(?:\(\s*(?:(?:value|path)\s*=\s*)?\[?\s*(?:"([^"]*)")?[^)]*\))?"""
)
_SPRING_REQUEST = re.compile(r"""@RequestMapping\(([^)]*RequestMethod\.(\w+)[^)]*)\)""")


def _spring(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"Java", "Kotlin"}):
        if "Controller" not in source.code:
            continue
        classes = list(re.finditer(r"\b(?:class|interface)\s+\w+", source.code))
        for match in _SPRING_METHOD.finditer(source.code):
            base = _spring_base(source.code, match.start(), classes)
            routes.add(match.group(1), normalize_path(base, match.group(2) or ""), source, match.start())
        for match in _SPRING_REQUEST.finditer(source.code):
            path = re.search(r'"([^"]*)"', match.group(1))
            base = _spring_base(source.code, match.start(), classes)
            routes.add(match.group(2), normalize_path(base, path.group(1) if path else ""), source, match.start())


def _spring_base(code: str, offset: int, classes: list[re.Match[str]]) -> str:
    owner = [c for c in classes if c.start() < offset]
    if not owner:
        return ""
    header_start = classes[classes.index(owner[-1]) - 1].end() if classes.index(owner[-1]) > 0 else 0
    mappings = list(_SPRING_CLASS.finditer(code, header_start, owner[-1].end()))
    return mappings[-1].group(1) if mappings else ""


# --- Go: gin, echo, chi --------------------------------------------------------------------------------------

_GO_GROUP = re.compile(r"""(\w+)\s*:?=\s*(\w+)\.Group\(\s*"([^"]*)"\s*[,)]""")
_GO_ROUTE = re.compile(r"""\b(\w+)\.(GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*"([^"]*)\"""")
_CHI_ROUTE_BLOCK = re.compile(r"""\b\w+\.Route\(\s*"([^"]*)"\s*,\s*func\(""")


def _go(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Go"):
        groups: dict[str, tuple[str, str]] = {
            m.group(1): (m.group(2), m.group(3)) for m in _GO_GROUP.finditer(source.code)
        }
        blocks = _chi_blocks(source.code)
        for match in _GO_ROUTE.finditer(source.code):
            if not match.group(3).startswith("/"):
                continue  # r.Header.Get("X-API-Key") and friends
            prefix_parts: list[str] = []
            var, seen = match.group(1), set()
            while var in groups and var not in seen:
                seen.add(var)
                parent, prefix = groups[var]
                prefix_parts.insert(0, prefix)
                var = parent
            block = "/".join(p for start, end, p in blocks if start < match.start() < end)
            routes.add(match.group(2), normalize_path(block, *prefix_parts, match.group(3)), source, match.start())


def _chi_blocks(code: str) -> list[tuple[int, int, str]]:
    blocks = []
    for match in _CHI_ROUTE_BLOCK.finditer(code):
        open_brace = code.find("{", match.end())
        if open_brace >= 0:
            blocks.append((open_brace, closing_brace(code, open_brace), match.group(1).strip("/")))
    return blocks


# --- Rails ---------------------------------------------------------------------------------------------------

_RAILS_LINE = re.compile(
    r"""^\s*(?:(namespace|scope)\s+(?::(\w+)|["']([^"']*)["'])|(resources|resource)\s+:(\w+)([^\n]*)|"""
    r"""(get|post|put|patch|delete)\s+["']([^"']+)["']|(end)\b|(root)\b)"""
)


def _rails(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.path.endswith("config/routes.rb")):
        stack: list[str | None] = []  # a prefix for namespace/scope/resources blocks, None for other blocks
        offset = 0
        for line in source.code.splitlines(keepends=True):
            match = _RAILS_LINE.match(line)
            opens_block = bool(re.search(r"\bdo\b(\s*\|[^|]*\|)?\s*$", line))
            prefix = [p for p in stack if p]
            if match and match.group(1):
                stack.append(match.group(2) or match.group(3) or "")
            elif match and match.group(4):
                name = match.group(5)
                _rails_resources(routes, source, offset, prefix, name, match.group(4) == "resource", match.group(6))
                if opens_block:
                    stack.append(f"{name}/:{_singular(name)}_id" if match.group(4) == "resources" else name)
            elif match and match.group(7):
                routes.add(match.group(7), normalize_path(*prefix, match.group(8)), source, offset)
                if opens_block:
                    stack.append(None)
            elif match and match.group(9):
                if stack:
                    stack.pop()
            elif match and match.group(10):
                routes.add("GET", normalize_path(*prefix), source, offset)
            elif opens_block:
                stack.append(None)
            offset += len(line)


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") else name


def _rails_resources(
    routes: Routes, source: SourceFile, offset: int, prefix: list[str], name: str, singular: bool, options: str
) -> None:
    actions = {"index": ("GET", ""), "show": ("GET", ":id"), "create": ("POST", ""), "update": ("PATCH", ":id"),
               "destroy": ("DELETE", ":id")}  # fmt: skip
    if singular:
        actions = {"show": ("GET", ""), "create": ("POST", ""), "update": ("PATCH", ""), "destroy": ("DELETE", "")}
    only = re.search(r"only:\s*\[([^\]]*)\]", options)
    if only:
        keep = set(re.findall(r":(\w+)", only.group(1)))
        actions = {k: v for k, v in actions.items() if k in keep}
    for method, suffix in actions.values():
        routes.add(method, normalize_path(*prefix, name, suffix), source, offset)


# --- Laravel -------------------------------------------------------------------------------------------------

_LARAVEL_ROUTE = re.compile(r"""Route::(get|post|put|patch|delete)\(\s*['"]([^'"]+)['"]""")
_LARAVEL_RESOURCE = re.compile(r"""Route::(apiResource|resource)\(\s*['"]([^'"]+)['"]""")
_LARAVEL_GROUP = re.compile(r"""Route::prefix\(\s*['"]([^'"]+)['"]\s*\)(?:->\w+\([^)]*\))*->group\(""")


def _laravel(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "PHP" and "/routes/" in "/" + f.path):
        base = "api" if source.path.endswith("routes/api.php") else ""
        groups = _brace_spans(source.code, _LARAVEL_GROUP)
        for match in _LARAVEL_ROUTE.finditer(source.code):
            group = [p for s, e, p in groups if s < match.start() < e]
            routes.add(match.group(1), normalize_path(base, *group, match.group(2)), source, match.start())
        for match in _LARAVEL_RESOURCE.finditer(source.code):
            group = [p for s, e, p in groups if s < match.start() < e]
            name = match.group(2)
            param = "{" + _singular(name.rsplit("/", 1)[-1]).replace("-", "_") + "}"
            for method, suffix in (("GET", ""), ("POST", ""), ("GET", param), ("PUT", param), ("DELETE", param)):
                routes.add(method, normalize_path(base, *group, name, suffix), source, match.start())


def _brace_spans(code: str, opener: re.Pattern[str]) -> list[tuple[int, int, str]]:
    spans = []
    for match in opener.finditer(code):
        start = code.find("{", match.end())
        if start >= 0:
            spans.append((start, closing_brace(code, start), match.group(1)))
    return spans


# --- ASP.NET Core --------------------------------------------------------------------------------------------

_CS_CLASS_ROUTE = re.compile(r"""\[Route\(\s*"([^"]*)"\s*\)\][^{]*?class\s+(\w+?)(Controller)?\b""", re.S)
_CS_METHOD = re.compile(r"""\[Http(Get|Post|Put|Patch|Delete)(?:\(\s*"([^"]*)"\s*\))?\]""")
_CS_MINIMAL = re.compile(r"""\.Map(Get|Post|Put|Patch|Delete)\(\s*"([^"]*)\"""")


_CS_CLASS = re.compile(r"""\bclass\s+(\w+)\s*(?::\s*(\w+))?""")


def _aspnet(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "C#"]
    # `[Route("api/[controller]")]` on a base controller is inherited by every controller deriving from it
    routed = {m.group(2) + (m.group(3) or ""): m.group(1) for f in sources for m in _CS_CLASS_ROUTE.finditer(f.code)}
    inherited = {m.group(1): routed[m.group(2)] for f in sources for m in _CS_CLASS.finditer(f.code)
                 if m.group(2) in routed and m.group(1) not in routed}  # fmt: skip
    for source in sources:
        classes = list(_CS_CLASS_ROUTE.finditer(source.code))
        plain = [m for m in _CS_CLASS.finditer(source.code) if m.group(1) in inherited]
        for match in _CS_METHOD.finditer(source.code):
            owner = [c for c in classes if c.start() < match.start()]
            heir = [c for c in plain if c.start() < match.start()]
            if heir and (not owner or heir[-1].start() > owner[-1].start()):
                name = heir[-1].group(1)
                base = inherited[name].replace("[controller]", name.removesuffix("Controller"))
            else:
                base = owner[-1].group(1).replace("[controller]", owner[-1].group(2)) if owner else ""
            routes.add(match.group(1), normalize_path(base, match.group(2) or ""), source, match.start())
        for match in _CS_MINIMAL.finditer(source.code):
            routes.add(match.group(1), normalize_path(match.group(2)), source, match.start())
