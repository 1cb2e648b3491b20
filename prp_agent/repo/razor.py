"""ASP.NET Core Razor Pages: a `.cshtml` file under a `Pages/` folder that starts with `@page` is served at its path
there (`Pages/Basket/Checkout.cshtml` → `/Basket/Checkout`, an `Index` page at its folder, an area's pages under
`/<Area>`), with the `@page "…"` template appended (or in its place when it starts with `/`). Its methods are the
page model's handlers (`OnGet`, `OnPostAsync`, …, in the `.cshtml.cs` file beside it or an `@functions` block); a
named handler (`OnPostUpdate`) is a path of its own only where the template has a `{handler}` segment.
"""

from __future__ import annotations

import re
from pathlib import Path

from prp_agent.repo.scan import read_text
from prp_agent.repo.source import METHODS, SourceFile, normalize_path
from prp_agent.repo.types import Evidence, RepoRoute

__all__ = ["RAZOR_PAGE", "razor_routes"]

# the directive a page starts with (after a byte-order mark, blank lines or a Razor comment)
RAZOR_PAGE = re.compile(r"\A\ufeff?(?:\s|@\*[^*]{0,2000}\*@)*@page\b[ \t]*(?:\"([^\"\n]{0,300})\")?")

_HANDLER = re.compile(
    r"\b(?:public|protected|internal)\s[^;{(\n]{0,120}?\bOn(Get|Post|Put|Patch|Delete)(\w{0,80}?)(?:Async)?\s*\("
)

_PAGES = re.compile(r"(?:^|/)(?:Areas/([\w.-]+)/)?Pages/(.+)\.cshtml$")


def razor_routes(root: Path, pages: list[SourceFile]) -> list[RepoRoute]:
    """The routes of the Razor Pages among `pages` (files that start with `@page`)."""
    routes: list[RepoRoute] = []
    for page in pages:
        placed = _PAGES.search(page.path)
        directive = RAZOR_PAGE.match(page.code)
        if placed is None or directive is None:
            continue
        area, name = placed.group(1), placed.group(2)
        segments = name.split("/")
        if any(s.startswith("_") for s in segments):
            continue  # a partial or a layout, never served
        if segments[-1] == "Index":
            segments.pop()
        template = (directive.group(1) or "").strip()
        if template.startswith(("/", "~/")):
            base = template.lstrip("~")
        else:
            base = normalize_path(area or "", *segments, template)
        behind = read_text(root, page.path + ".cs") or ""
        handlers = _HANDLER.findall(behind + "\n" + page.code) or [("Get", "")]
        note = "Razor Page" + (f" (area {area})" if area else "")
        for verb, handler in dict.fromkeys(handlers):
            path = base
            if "{handler" in base:
                named = handler[:1].upper() + handler[1:] if handler else ""
                path = re.sub(r"\{handler\??\}", named, base)
            method = verb.upper()
            if method in METHODS:
                evidence = Evidence(path=page.path, line=1, note=note)
                routes.append(RepoRoute(method=method, path=normalize_path(path), evidence=evidence))
    return routes
