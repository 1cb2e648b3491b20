"""express-openapi: `initialize({app, paths: "./src/routes"})` serves each module under `paths` at the route its file
path names (`users/{id}.ts` → `/users/{id}`, `index` files at their folder), for each method the module's
`operations` object holds (`const operations = {GET, PUT: [auth, PUT]}`). The initialising file and the modules are
read apart; linking joins them (`operation_routes`)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from prp_agent.repo.folder_routes import JS_MODULE

INITIALIZE_FILE = b"express-openapi"

# `paths: "./src/routes"`, or the folder a list of modules is required from (`require(`./routers/v1/${r}`)`)
_PATHS = re.compile(r"""\bpaths\s*:\s*(['"`])(\.{0,2}/?[\w./-]{1,200})\1""")
_REQUIRED_FOLDER = re.compile(r"""\brequire\(\s*`(\.{1,2}/[\w./-]{0,200}?)/?\$\{""")
_APP = re.compile(r"""\bapp\s*:\s*([A-Za-z_$][\w$]{0,80})\b|[{,]\s*(app)\s*[,}]""")
_OPERATIONS = re.compile(r"\boperations\s*(?::\s*[\w<>, ]{1,80})?=\s*\{")
_METHOD_KEY = re.compile(r"(?:^|[{,])\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|get|post|put|patch|delete|head|options)"
                         r"\s*(?=[:,}])")  # fmt: skip


def initialized(text: str, start: int) -> tuple[str, str] | None:
    """The app and the folder of routes an `initialize({…})` call at `start` gives: (app name, folder as written)."""
    window = text[start : start + 4000]
    folder = _PATHS.search(window) or _REQUIRED_FOLDER.search(window)
    if folder is None:
        return None
    app = _APP.search(window)
    return ((app.group(1) or app.group(2)) if app else "app"), folder.group(folder.lastindex or 1)


def operation_methods(text: str) -> tuple[list[str], int]:
    """The methods a module's `operations` object holds, and the line it starts on; none when it has none."""
    found = _OPERATIONS.search(text)
    if found is None:
        return [], 0
    depth, end = 0, len(text)
    for index in range(found.end() - 1, min(len(text), found.end() + 4000)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            end = index + 1
            break
    methods = [m.upper() for m in _METHOD_KEY.findall(text[found.end() - 1 : end])]
    return list(dict.fromkeys(methods)), text.count("\n", 0, found.start()) + 1


def operation_routes(
    folder: str, file: str, operations: dict[str, tuple[tuple[str, ...], int]]
) -> Iterator[tuple[str, str, str, int]]:
    """(method, path, module file, line) of each module under the folder an `initialize` in `file` names: relative
    to that file, else to one of the folders above it (express-openapi reads `paths` from where the app starts)."""
    here = posixpath.dirname(file)
    bases = [posixpath.normpath(posixpath.join(here, folder))]
    while here:
        here = posixpath.dirname(here)
        bases.append(posixpath.normpath(posixpath.join(here, folder)))
    for base in dict.fromkeys(b for b in bases if not b.startswith("..")):
        under = [f for f in operations if f.startswith(base + "/") and JS_MODULE.search(f)]
        if not under:
            continue
        for module in sorted(under):
            route = JS_MODULE.sub("", module[len(base) :])
            route = route.removesuffix("/index") or "/"
            methods, line = operations[module]
            for method in methods:
                yield method, route, module, line
        return
