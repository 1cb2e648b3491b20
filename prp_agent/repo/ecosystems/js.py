"""JavaScript and TypeScript: Express and Fastify (mounts and prefixes followed through requires), NestJS
controllers and global prefix, Hono `createRoute`, AdonisJS groups; TypeORM/MikroORM entities, Mongoose,
Sequelize, Drizzle tables, Lucid models and Prisma schemas.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels
from prp_agent.repo.source import (
    ENTITY_CLASS,
    Routes,
    SourceFile,
    class_end,
    closing_brace,
    marked_classes,
    normalize_path,
)

__all__ = ["ROUTES", "entity_finder"]


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

_JS_ROUTER_DEF = re.compile(r"""\b(\w+)\s*=\s*(?:express\.)?Router\(""")

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


_JS_MONGOOSE = re.compile(r"""mongoose\.model\(\s*['"](\w+)['"]|model\(\s*['"](\w+)['"]\s*,\s*\w+Schema""")

_JS_SCHEMA_FIELDS = re.compile(r"""new\s+(?:mongoose\.)?Schema\(\s*\{(.*?)\}\s*(?:,\s*\{[^}]*\}\s*)?\)""", re.S)

_TS_COLUMN = re.compile(
    r"@(?:Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn|"
    r"ManyToOne|OneToMany|ManyToMany|OneToOne)\([^)]*\)\s*(\w+)"
)

_SEQUELIZE = re.compile(r"""\.define\(\s*['"](\w+)['"]|class\s+(\w+)\s+extends\s+Model\b""")


# sequelize-typescript: `@Table({ tableName: "stars" })` over a class (its decorators may nest any depth)
_SEQUELIZE_TABLE = re.compile(r"^[ \t]*@Table\b", re.M)


def _js_models(source: SourceFile, add: object) -> None:
    assert callable(add)
    code = source.code
    for match in [*ENTITY_CLASS.finditer(code), *marked_classes(code, _SEQUELIZE_TABLE)]:
        body = code[match.end() : class_end(code, match.end())]
        add(match.group(1), _TS_COLUMN.findall(body), source, match.start())
    for match in _JS_MONGOOSE.finditer(code):
        schema = _JS_SCHEMA_FIELDS.search(code)
        fields = re.findall(r"^[ \t]*(\w+)\s*:", schema.group(1), re.M) if schema else []
        add(match.group(1) or match.group(2), fields, source, match.start())
    if "sequelize" in code.lower():
        for match in _SEQUELIZE.finditer(code):
            add(match.group(1) or match.group(2), [], source, match.start())


_PRISMA_MODEL = re.compile(r"^model\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)

_DRIZZLE = re.compile(r"\b(?:export\s+)?const\s+(\w+)\s*=\s*(?:pg|mysql|sqlite)Table\(\s*['\"]\w+['\"]\s*,\s*\{")

_LUCID = re.compile(r"class\s+(\w+)\s+extends\s+BaseModel\b")

_LUCID_COLUMN = re.compile(r"@column(?:\.\w+)?\([^)]*\)\s*(?:declare\s+|public\s+)?(\w+)")


def entity_finder(files: list[SourceFile]) -> FileModels:
    """TypeORM/MikroORM entities, Mongoose, Sequelize, Drizzle tables, Lucid models, Prisma schemas."""

    def find(source: SourceFile, add: Add) -> None:
        code = source.code
        if source.language in {"TypeScript", "JavaScript"}:
            _js_models(source, add)
            for match in _DRIZZLE.finditer(code):
                body = code[match.end() : closing_brace(code, match.end() - 1)]
                add(match.group(1), re.findall(r"^[ \t]*(\w+)\s*:", body, re.M), source, match.start())
            for match in _LUCID.finditer(code):
                body = code[match.end() : class_end(code, match.end())]
                add(match.group(1), _LUCID_COLUMN.findall(body), source, match.start())
        if source.path.endswith(".prisma"):
            for match in _PRISMA_MODEL.finditer(code):
                fields = re.findall(r"^[ \t]*(\w+)\s+\w", match.group(2), re.M)
                add(match.group(1), [f for f in fields if not f.startswith("@")], source, match.start())

    return find


ROUTES = (_nest, _adonis)  # Express/Fastify/Hono: repo/routing.py reads them from the syntax tree
