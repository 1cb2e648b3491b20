"""Routes of the frameworks beyond the first wave: Rust (axum, actix-web, Rocket, Poem), Elixir (Phoenix), Kotlin and
Java (Ktor, Micronaut, JAX-RS as Quarkus writes it), PHP (Symfony attributes, Slim), Ruby (Sinatra), Go's net/http
(with Go 1.22 method patterns), Python (Litestar, Starlette, aiohttp, Sanic) and AdonisJS. Prefixes are followed
where the code makes them plain (axum `nest`, actix `scope`, Rocket `mount`, Phoenix `scope` and nested
`resources`, Ktor `route` blocks, class-level paths, Slim and Adonis groups, Starlette `Mount`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from prp_agent.repo.source import Routes, SourceFile, closing_brace, normalize_path, ruby_block_end

__all__ = ["OTHER_EXTRACTORS"]

_VERBS = ("get", "post", "put", "patch", "delete")


def _chain(prefixes: dict[str, tuple[str, str]], name: str) -> str:
    """The full prefix of a router mounted under others (name → (parent, prefix))."""
    parts: list[str] = []
    seen: set[str] = set()
    while name in prefixes and name not in seen:
        seen.add(name)
        name, prefix = prefixes[name]
        parts.insert(0, prefix)
    return normalize_path(*parts)


# --- Rust ----------------------------------------------------------------------------------------------------------

_RS_UNIT = re.compile(
    r"\bfn\s+(\w+)\s*(?:<[^>]*>)?\s*\([^)]*\)\s*->\s*(?:[\w:]+::)?Router\b[^{]*\{|\blet\s+(?:mut\s+)?(\w+)\s*(?::\s*[\w:<>]+\s*)?=\s*(?:[\w:]+::)?Router::new\(\)"
)
_RS_ROUTE = re.compile(r"\.(route|at)\(\s*\"([^\"]*)\"\s*,")
_RS_NEST = re.compile(r"\.(nest|merge|nest_service)\(\s*(?:\"([^\"]*)\"\s*,\s*)?(?:\w+::)*(\w+)")
_RS_ATTR = re.compile(r"#\[(get|post|put|patch|delete)\(\s*\"([^\"]*)\"")
_RS_FN_AFTER = re.compile(r"\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?(?:async\s+)?fn\s+(\w+)")
_ACTIX_SCOPE = re.compile(r"web::scope\(\s*\"([^\"]*)\"\s*\)")
_ACTIX_ROUTE = re.compile(r"\.route\(\s*\"([^\"]*)\"\s*,\s*web::(get|post|put|patch|delete)\(\)")
_ROCKET_MOUNT = re.compile(r"\.mount\(\s*\"([^\"]*)\"\s*,\s*routes!\[([^\]]*)\]")
_OAI = re.compile(r"#\[oai\(([^\]]*)\)\]")


def _rust(files: list[SourceFile], routes: Routes) -> None:
    sources = [f for f in files if f.language == "Rust"]
    units: list[tuple[int, int, str, SourceFile]] = []
    parents: dict[str, tuple[str, str]] = {}
    mounted: dict[str, str] = {}  # handler → prefix (actix scope, Rocket mount)
    scoped: set[tuple[str, int]] = set()  # actix routes already read inside a scope
    for source in sources:
        code = source.code
        for match in _RS_UNIT.finditer(code):
            end = closing_brace(code, match.end() - 1) if match.group(1) else code.find(";", match.end())
            units.append((match.start(), end if end >= 0 else len(code), match.group(1) or match.group(2), source))
        for match in _RS_NEST.finditer(code):
            owner = _unit_at(units, source, match.start())
            parents[match.group(3)] = (owner, match.group(2) or "")
        for scope in _ACTIX_SCOPE.finditer(code):
            end = _statement_end(code, scope.end())
            for name in re.findall(r"\.service\(\s*(\w+)\s*\)", code[scope.end() : end]):
                mounted[name] = scope.group(1)
            for route in _ACTIX_ROUTE.finditer(code, scope.end(), end):
                scoped.add((source.path, route.start()))
                routes.add(route.group(2), normalize_path(scope.group(1), route.group(1)), source, route.start())
        for mount in _ROCKET_MOUNT.finditer(code):
            for name in re.findall(r"(\w+)\s*(?:,|$)", mount.group(2)):
                mounted[name] = mount.group(1)
    for source in sources:
        code = source.code
        for match in _RS_ROUTE.finditer(code):
            close = closing_brace(code, code.find("(", match.start()), "()")
            if "web::" in code[match.end() : close]:
                continue  # actix-web's `.route(path, web::get().to(h))`: read with its scopes below
            methods = re.findall(r"\b(get|post|put|patch|delete)\s*\(", code[match.end() : close]) or []
            prefix = _chain(parents, _unit_at(units, source, match.start()))
            for method in dict.fromkeys(methods):
                routes.add(method, normalize_path(prefix, match.group(2)), source, match.start())
        for match in _RS_ATTR.finditer(code):
            handler = _RS_FN_AFTER.match(code, code.find("]", match.end()) + 1)
            prefix = mounted.get(handler.group(1), "") if handler else ""
            routes.add(match.group(1), normalize_path(prefix, match.group(2)), source, match.start())
        for match in _OAI.finditer(code):
            path = re.search(r"path\s*=\s*\"([^\"]*)\"", match.group(1))
            method = re.search(r"method\s*=\s*\"(\w+)\"", match.group(1))
            if path and method:
                routes.add(method.group(1), normalize_path(path.group(1)), source, match.start())
    for source in sources:
        for match in _ACTIX_ROUTE.finditer(source.code):
            if (source.path, match.start()) in scoped:
                continue
            if not any(s < match.start() < e for s, e, _, f in units if f is source):
                routes.add(match.group(2), normalize_path(match.group(1)), source, match.start())


def _statement_end(code: str, start: int) -> int:
    """Where a builder chain ends: the `;` or the closing bracket at depth zero."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] in "([{":
            depth += 1
        elif code[i] in ")]}":
            depth -= 1
            if depth < 0:
                return i
        elif code[i] == ";" and depth == 0:
            return i
    return len(code)


def _unit_at(units: list[tuple[int, int, str, SourceFile]], source: SourceFile, offset: int) -> str:
    """The innermost router-building function or `let` that holds an offset ("" for none)."""
    holding = [(end - start, name) for start, end, name, f in units if f is source and start <= offset <= end]
    return min(holding)[1] if holding else ""


# --- Phoenix -------------------------------------------------------------------------------------------------------

_PHX_LINE = re.compile(
    r"^\s*(?:(scope)[\s(]+\"([^\"]*)\"|(resources)[\s(]+\"([^\"]*)\"\s*,\s*[\w.]+([^\n]*)|"
    r"(get|post|put|patch|delete|live)[\s(]+\"([^\"]*)\"|(end)\b)"
)
_PHX_ROUTER = re.compile(r"\buse\s+Phoenix\.Router\b|\buse\(?\s*[\w.]+,\s*:router\b")
_PHX_ACTIONS = {"index": ("GET", ""), "new": ("GET", "new"), "create": ("POST", ""), "show": ("GET", ":id"),
                "edit": ("GET", ":id/edit"), "update": ("PATCH", ":id"), "delete": ("DELETE", ":id")}  # fmt: skip


def _phoenix(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Elixir" and _PHX_ROUTER.search(f.code)):
        stack: list[str | None] = []
        offset = 0
        for line in source.code.splitlines(keepends=True):
            match = _PHX_LINE.match(line)
            opens = bool(re.search(r"\bdo\s*$", line))
            prefix = [p for p in stack if p]
            if match and match.group(1):
                stack.append(match.group(2))
            elif match and match.group(3):
                _phx_resources(routes, source, offset, prefix, match.group(4), match.group(5))
                if opens:
                    name = match.group(4).strip("/")
                    stack.append(f"{name}/:{name.rstrip('s')}_id")
            elif match and match.group(6):
                method = "GET" if match.group(6) == "live" else match.group(6)
                routes.add(method, normalize_path(*prefix, match.group(7)), source, offset)
                if opens:
                    stack.append(None)
            elif match and match.group(8):
                if stack:
                    stack.pop()
            elif opens:
                stack.append(None)
            offset += len(line)


def _phx_resources(routes: Routes, source: SourceFile, offset: int, prefix: list[str], path: str, options: str) -> None:
    actions = dict(_PHX_ACTIONS)
    only = re.search(r"only:\s*\[([^\]]*)\]", options)
    except_ = re.search(r"except:\s*\[([^\]]*)\]", options)
    if only:
        actions = {k: v for k, v in actions.items() if k in set(re.findall(r":(\w+)", only.group(1)))}
    if except_:
        actions = {k: v for k, v in actions.items() if k not in set(re.findall(r":(\w+)", except_.group(1)))}
    for name, (method, suffix) in actions.items():
        routes.add(method, normalize_path(*prefix, path, suffix), source, offset)
        if name == "update":
            routes.add("PUT", normalize_path(*prefix, path, suffix), source, offset)


# --- Ktor, Micronaut, JAX-RS -----------------------------------------------------------------------------------------

_KTOR = re.compile(r"\b(route|get|post|put|patch|delete)\s*(?:\(\s*\"([^\"]*)\"\s*\))?\s*\{")


_WEBFLUX = re.compile(
    r"\b(GET|POST|PUT|PATCH|DELETE)\(\s*\"([^\"]*)\"|\"([^\"]*)\"\s*\.nest\s*\{|\(\s*\"([^\"]*)\"\s*\)\s*\.nest\s*\{"
)


def _webflux(files: list[SourceFile], routes: Routes) -> None:
    """Spring WebFlux functional routes (`coRouter { GET("/x", h::fn) }`, `"/api".nest { … }`)."""
    for source in (f for f in files if f.language == "Kotlin" and ("coRouter" in f.code or "router {" in f.code)):
        code = source.code
        nests: list[tuple[int, int, str]] = []
        for match in _WEBFLUX.finditer(code):
            prefix = [p for s, e, p in nests if s < match.start() < e]
            if match.group(1):
                routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())
            else:
                end = closing_brace(code, match.end() - 1)
                nests.append((match.start(), end, match.group(3) or match.group(4) or ""))


def _ktor(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Kotlin" and "io.ktor" in f.code and "routing" in f.code):
        code = source.code
        blocks: list[tuple[int, int, str]] = []
        for match in _KTOR.finditer(code):
            end = closing_brace(code, match.end() - 1)
            prefix = [p for s, e, p in blocks if s < match.start() < e]
            if match.group(1) == "route":
                blocks.append((match.start(), end, match.group(2) or ""))
            else:
                routes.add(match.group(1), normalize_path(*prefix, match.group(2) or ""), source, match.start())


_MN_CONTROLLER = re.compile(r"@Controller\(\s*(?:value\s*=\s*)?\"([^\"]*)\"")
_MN_METHOD = re.compile(r"@(Get|Post|Put|Patch|Delete)(?:\(\s*(?:value\s*=\s*|uri\s*=\s*)?\"([^\"]*)\"[^)]*\))?")
_JAXRS_METHOD = re.compile(r"@(GET|POST|PUT|PATCH|DELETE)\b")
_JAXRS_PATH = re.compile(r"@Path\(\s*\"([^\"]*)\"\s*\)")


def _jvm(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"Java", "Kotlin"}):
        code = source.code
        if "io.micronaut" in code:
            controller = _MN_CONTROLLER.search(code)
            root = controller.group(1) if controller else ""
            for match in _MN_METHOD.finditer(code, controller.end() if controller else 0):
                routes.add(match.group(1), normalize_path(root, match.group(2) or ""), source, match.start())
        if "@Path" in code and ("jakarta.ws.rs" in code or "javax.ws.rs" in code):
            klass = re.search(r"\b(class|interface)\s+\w+", code)
            head = code[: klass.start()] if klass else ""
            base_match = list(_JAXRS_PATH.finditer(head))
            base = base_match[-1].group(1) if base_match else ""
            for match in _JAXRS_METHOD.finditer(code, klass.end() if klass else 0):
                block = _annotation_block(code, match.start())
                own = _JAXRS_PATH.search(block)
                routes.add(match.group(1), normalize_path(base, own.group(1) if own else ""), source, match.start())


def _annotation_block(code: str, offset: int) -> str:
    """The run of annotation lines around an offset (up to the declaration they annotate)."""
    start = offset
    while True:
        previous = code.rfind("\n", 0, start - 1)
        line = code[previous + 1 : start].strip()
        if previous < 0 or not line.startswith("@"):
            break
        start = previous + 1
    end = offset
    while end < len(code):
        line_end = code.find("\n", end)
        line_end = len(code) if line_end < 0 else line_end
        if not code[end:line_end].strip().startswith("@"):
            break
        end = line_end + 1
    return code[start:end]


# --- PHP: Symfony attributes, Slim -----------------------------------------------------------------------------------

_SF_ROUTE = re.compile(r"(?:#\[|@)Route\(\s*(?:path:\s*|path=)?['\"]([^'\"]*)['\"]([^\n\]]*)")


def _symfony(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "PHP" and ("#[Route(" in f.code or "@Route(" in f.code)):
        code = source.code
        klass = re.search(r"\bclass\s+\w+", code)
        base: re.Match[str] | None = None
        found = False
        for match in _SF_ROUTE.finditer(code):
            if klass and match.start() < klass.start():
                base = match
                continue
            found = True
            for method in _sf_methods(match.group(2)):
                routes.add(method, normalize_path(base.group(1) if base else "", match.group(1)), source, match.start())
        if base and not found and "__invoke" in code:  # an invokable controller: the class-level route is the route
            for method in _sf_methods(base.group(2)):
                routes.add(method, normalize_path(base.group(1)), source, base.start())


def _sf_methods(options: str) -> list[str]:
    return [m.upper() for m in re.findall(r"['\"](GET|POST|PUT|PATCH|DELETE)['\"]", options, re.I)] or ["GET"]


_SLIM_ROUTE = re.compile(r"\$(\w+)->(get|post|put|patch|delete)\(\s*['\"]([^'\"]+)['\"]")
_SLIM_GROUP = re.compile(r"->group\(\s*['\"]([^'\"]+)['\"]\s*,\s*function")


def _slim(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "PHP" and "Slim\\" in f.code):
        code = source.code
        groups = [
            (m.start(), closing_brace(code, code.find("{", m.end())), m.group(1)) for m in _SLIM_GROUP.finditer(code)
        ]
        for match in _SLIM_ROUTE.finditer(code):
            prefix = [p for s, e, p in groups if s < match.start() < e]
            routes.add(match.group(2), normalize_path(*prefix, match.group(3)), source, match.start())


# --- Ruby: Sinatra ---------------------------------------------------------------------------------------------------

_SINATRA = re.compile(r"^\s*(get|post|put|patch|delete|namespace)\s+['\"]([^'\"]+)['\"][^\n]*\bdo\b", re.M)


def _sinatra(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Ruby" and "Sinatra" in f.code):
        code = source.code
        spaces: list[tuple[int, int, str]] = []
        for match in _SINATRA.finditer(code):
            prefix = [p for s, e, p in spaces if s < match.start() < e]
            if match.group(1) == "namespace":
                spaces.append((match.start(), ruby_block_end(code, match.end()), match.group(2)))
            else:
                routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())


# --- Go net/http ----------------------------------------------------------------------------------------------------

_NETHTTP = re.compile(r"\b\w+\.(?:HandleFunc|Handle)\(\s*\"(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(/[^\"]*)\"")


def _nethttp(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Go" and ("HandleFunc" in f.code or "Handle(" in f.code)):
        for match in _NETHTTP.finditer(source.code):
            routes.add(match.group(1) or "GET", normalize_path(match.group(2)), source, match.start())


# --- Python: Litestar, Starlette, aiohttp, Sanic --------------------------------------------------------------------

_PY_BARE = re.compile(r"""^[ \t]*@(get|post|put|patch|delete)\(\s*(?:path\s*=\s*)?["']([^"']*)["']""", re.M)
_LITESTAR_CONTROLLER = re.compile(
    r"""^class\s+\w+\(\s*Controller\s*\)\s*:\s*\n(?:[ \t]+.*\n)*?[ \t]+path\s*=\s*["']([^"']*)["']""", re.M
)
_STARLETTE = re.compile(r"""\b(Route|Mount)\(\s*["']([^"']*)["']""")
_AIOHTTP = re.compile(
    r"""\bweb\.(get|post|put|patch|delete)\(\s*["']([^"']+)["']|@(\w+)\.(get|post|put|patch|delete)\(\s*["']([^"']+)["']"""
)
_SANIC = re.compile(r"""^[ \t]*(\w+)\s*=\s*(?:sanic\.)?(Sanic|Blueprint)\(([^)]*)\)""", re.M)


def _python_more(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "Python"):
        code = source.code
        if "litestar" in code:
            controllers = [
                (m.start(), _next_class(code, m.end()), m.group(1)) for m in _LITESTAR_CONTROLLER.finditer(code)
            ]
            for match in _PY_BARE.finditer(code):
                prefix = [p for s, e, p in controllers if s < match.start() < e]
                routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())
        if "starlette" in code and "Route(" in code:
            _starlette(source, routes)
        if "aiohttp" in code:
            tables = set(re.findall(r"(\w+)\s*=\s*web\.RouteTableDef\(", code))
            for match in _AIOHTTP.finditer(code):
                if match.group(1):
                    routes.add(match.group(1), normalize_path(match.group(2)), source, match.start())
                elif match.group(3) in tables:
                    routes.add(match.group(4), normalize_path(match.group(5)), source, match.start())
        if "sanic" in code.lower():
            apps = {
                m.group(1): re.search(r"url_prefix\s*=\s*[\"']([^\"']*)", m.group(3)) for m in _SANIC.finditer(code)
            }
            for match in re.finditer(
                r"""^[ \t]*@(\w+)\.(get|post|put|patch|delete|route)\(\s*["']([^"']*)["']""", code, re.M
            ):
                if match.group(1) in apps and match.group(2) != "route":
                    app_prefix = apps[match.group(1)]
                    routes.add(
                        match.group(2),
                        normalize_path(app_prefix.group(1) if app_prefix else "", match.group(3)),
                        source,
                        match.start(),
                    )


def _next_class(code: str, start: int) -> int:
    found = re.search(r"^\S", code[start:], re.M)
    return start + found.start() if found else len(code)


def _starlette(source: SourceFile, routes: Routes) -> None:
    code = source.code
    mounts = []
    for match in _STARLETTE.finditer(code):
        if match.group(1) == "Mount":
            mounts.append((match.start(), closing_brace(code, code.find("(", match.start()), "()"), match.group(2)))
    for match in _STARLETTE.finditer(code):
        if match.group(1) != "Route":
            continue
        close = closing_brace(code, code.find("(", match.start()), "()")
        listed = re.search(r"methods\s*=\s*\[([^\]]*)\]", code[match.end() : close])
        methods = re.findall(r"""["'](\w+)["']""", listed.group(1)) if listed else ["GET"]
        prefix = [p for s, e, p in mounts if s < match.start() < e]
        for method in methods:
            routes.add(method, normalize_path(*prefix, match.group(2)), source, match.start())


# --- AdonisJS ---------------------------------------------------------------------------------------------------------

_ADONIS_ROUTE = re.compile(r"""\b(?:Route|router)\.(get|post|put|patch|delete)\(\s*['"`]([^'"`]+)['"`]""")
_ADONIS_GROUP = re.compile(r"""\b(?:Route|router)\.group\(\s*\(\)\s*=>\s*\{""")


def _adonis(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language in {"JavaScript", "TypeScript"} and "@adonisjs" in f.code):
        code = source.code
        groups = []
        for match in _ADONIS_GROUP.finditer(code):
            end = closing_brace(code, match.end() - 1)
            named = re.match(r"""\s*\)\s*\.prefix\(\s*['"`]([^'"`]+)['"`]""", code[end + 1 :])
            groups.append((match.start(), end, named.group(1) if named else ""))
        for match in _ADONIS_ROUTE.finditer(code):
            prefix = [p for s, e, p in groups if s < match.start() < e]
            routes.add(match.group(1), normalize_path(*prefix, match.group(2)), source, match.start())


OTHER_EXTRACTORS: tuple[Callable[[list[SourceFile], Routes], None], ...] = (
    _rust, _phoenix, _ktor, _webflux, _jvm, _symfony, _slim, _sinatra, _nethttp, _python_more, _adonis,
)  # fmt: skip
