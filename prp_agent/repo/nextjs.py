"""Next.js API routes, which the file system declares: a module under `pages/api/` is served at its path there
(`pages/api/auth/login.ts` → `/api/auth/login`, `index` at its folder, `[id]` a parameter, `[...slug]` the rest of
the path), and an App Router `route.ts` at its folder's path (route groups `(admin)` and private `_folders` left
out). Methods come from the module: App Router handlers it exports (`export async function POST`), a `methods:
['GET', 'POST']` list its handler wrapper is given, or the `req.method === 'POST'` checks it makes; a module that
names none answers any method.
"""

from __future__ import annotations

import re

from prp_agent.repo.source import METHODS, SourceFile
from prp_agent.repo.types import Evidence, RepoRoute

__all__ = ["NEXT_API_FILE", "nextjs_routes"]

_PAGES_API = re.compile(r"(?:^|/)pages/(api(?:/[^/]+)*)\.(?:ts|js|mts|mjs)$")
_APP_ROUTE = re.compile(r"(?:^|/)app/((?:[^/]+/)*)route\.(?:ts|js|mts|mjs)$")
_EXPORTED = re.compile(
    r"^export\s+(?:async\s+)?(?:function\s+|const\s+)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b", re.M
)
_LISTED = re.compile(r"\bmethods\s*:\s*\[([^\]]{0,200})\]")
_CHECKED = re.compile(r"\.method\s*[!=]==?\s*['\"`](\w{3,7})['\"`]")
# where a module is an API route by its place alone (read whatever markers its code shows)
NEXT_API_FILE = re.compile(r"(?:^|/)(?:pages/api/[^.]+|app/(?:[^/]+/)*route)\.(?:ts|js|mts|mjs)$")
_SEGMENT = re.compile(r"^\[(?:\.\.\.)?(\w+)\]$|^\[\[\.\.\.(\w+)\]\]$")


def nextjs_routes(sources: list[SourceFile]) -> list[RepoRoute]:
    """The API routes of the Next.js modules among `sources`."""
    routes: list[RepoRoute] = []
    for source in sources:
        if source.language not in {"TypeScript", "JavaScript"}:
            continue
        pages = _PAGES_API.search(source.path)
        app = _APP_ROUTE.search(source.path) if pages is None else None
        if pages is None and app is None:
            continue
        if app is not None:
            folders = [f for f in app.group(1).split("/") if f and not f.startswith(("(", "_", "@"))]
            methods = list(dict.fromkeys(_EXPORTED.findall(source.code)))
            if not methods:
                continue  # a route module exports its handlers; one that exports none serves nothing
        else:
            assert pages is not None
            folders = pages.group(1).split("/")
            if folders[-1] == "index":
                folders = folders[:-1]
            nextauth = folders[-1:] == ["[...nextauth]"]  # NextAuth's own handler: its sign-in pages and callbacks
            methods = ["GET", "POST"] if nextauth else _module_methods(source.code)
        path = "/" + "/".join(_segment(f) for f in folders)
        for method in methods:  # the module itself is the evidence: its path is the route
            routes.append(RepoRoute(method=method, path=path, evidence=Evidence(path=source.path, line=1)))
    return routes


def _module_methods(code: str) -> list[str]:
    """The methods a pages-router API module answers: those its wrapper lists, else GET and those it checks
    (`if (req.method === 'POST')`, the rest of the body serving GET), else any."""
    listed = [m.upper() for found in _LISTED.findall(code) for m in re.findall(r"['\"`](\w+)['\"`]", found)]
    checked = [m.upper() for m in _CHECKED.findall(code)]
    methods = [m for m in dict.fromkeys(listed or (["GET", *checked] if checked else [])) if m in METHODS]
    return methods or ["ANY"]


def _segment(folder: str) -> str:
    """A path segment as the route model writes it: `[id]` and `[...slug]` are parameters."""
    found = _SEGMENT.match(folder)
    return "{" + (found.group(1) or found.group(2)) + "}" if found else folder
