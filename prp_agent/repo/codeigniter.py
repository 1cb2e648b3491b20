"""CodeIgniter 3: a controller's public methods are routes by convention, and `application/config/routes.php` adds
routes of its own.

- `application/controllers/Calendar.php` with `class Calendar extends CI_Controller` (or the project's own base,
  `MY_Controller`) serves `/calendar` (its `index`), `/calendar/save_appointment`, and a method's parameters as
  further segments (`reschedule($hash)` → `/calendar/reschedule/{hash}`); a controller in a folder serves under it.
  Any method reaches them: they are `ANY` routes.
- `$route['api/v1/settings/(:any)']['put'] = 'settings_api/update/$1';` is a `PUT` route (`(:any)` and `(:num)` a
  parameter each), `$route['login'] = 'auth/login';` an `ANY` one; `default_controller` serves `/`.
"""

from __future__ import annotations

import re

from prp_agent.repo.source import SourceFile, normalize_path
from prp_agent.repo.types import Evidence, RepoRoute

__all__ = ["codeigniter_routes"]

_CONTROLLERS = re.compile(r"(?:^|/)application/controllers/((?:[\w-]+/)*)([A-Z]\w*)\.php$")
_ROUTES_FILE = re.compile(r"(?:^|/)application/config/routes\.php$")
_CLASS = re.compile(r"\bclass[ \t]+(\w+)[ \t]+extends[ \t]+(\w+)")
_METHOD = re.compile(r"^[ \t]*public[ \t]+function[ \t]+([A-Za-z]\w*)[ \t]*\(([^)]{0,400})\)", re.M)
_PARAM = re.compile(r"\$(\w+)")
_ROUTE = re.compile(r"""^[ \t]*\$route\[[ \t]*'([^'\n]{0,200})'[ \t]*\](?:\[[ \t]*'(\w+)'[ \t]*\])?[ \t]*=""", re.M)
_WILDCARD = re.compile(r"\(:(any|num)\)")
_VERBS = {"get", "post", "put", "patch", "delete"}


def codeigniter_routes(files: list[SourceFile]) -> list[RepoRoute]:
    """The routes of a CodeIgniter 3 application among `files` (none unless its controllers extend
    `CI_Controller`, directly or through the project's own base)."""
    php = [f for f in files if f.language == "PHP"]
    controllers = [(f, m) for f in php if (m := _CONTROLLERS.search(f.path)) is not None]
    bases = {"CI_Controller"}
    for _ in range(3):  # `class EA_Controller extends CI_Controller`, `class Admin extends EA_Controller`
        bases |= {c.group(1) for f in php for c in _CLASS.finditer(f.code) if c.group(2) in bases}
    routes: list[RepoRoute] = []
    for source, placed in controllers:
        declared = next((c for c in _CLASS.finditer(source.code) if c.group(2) in bases), None)
        if declared is None:
            continue
        base = placed.group(1) + placed.group(2).lower()
        for found in _METHOD.finditer(source.code):
            name = found.group(1)
            # the required parameters: one segment each (an optional one may be left out of the URL)
            params = [
                m.group(1) for part in found.group(2).split(",") if (m := _PARAM.search(part)) and "=" not in part
            ]
            if name.startswith("_") or name == "__construct":
                continue
            segments = [base] if name == "index" else [base, name]
            path = normalize_path(*segments, *("{" + p + "}" for p in params))
            line = source.code.count("\n", 0, found.start()) + 1
            note = f"CodeIgniter controller method {placed.group(2)}::{name}"
            routes.append(RepoRoute(method="ANY", path=path, evidence=Evidence(path=source.path, line=line, note=note)))
    if not routes:
        return []
    for source in php:
        if _ROUTES_FILE.search(source.path):
            routes += _configured(source)
    return routes


def _configured(source: SourceFile) -> list[RepoRoute]:
    """The routes `$route[…]` assignments name (the framework's reserved keys aside)."""
    routes: list[RepoRoute] = []
    for found in _ROUTE.finditer(source.code):
        pattern, verb = found.group(1), (found.group(2) or "").lower()
        if pattern in {"404_override", "translate_uri_dashes"} or (verb and verb not in _VERBS):
            continue
        path = "/" if pattern == "default_controller" else normalize_path(_WILDCARD.sub(r"{\1}", pattern))
        method = verb.upper() if verb else ("GET" if pattern == "default_controller" else "ANY")
        line = source.code.count("\n", 0, found.start()) + 1
        evidence = Evidence(path=source.path, line=line, note="CodeIgniter $route")
        routes.append(RepoRoute(method=method, path=path, evidence=evidence))
    return routes
