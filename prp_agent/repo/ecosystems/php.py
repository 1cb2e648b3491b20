"""PHP: Laravel (`routes/api.php`, `Route::prefix` groups, resources), Symfony attributes and annotations, Slim
groups; Eloquent models (fillable) and Doctrine entities.
"""

from __future__ import annotations

import re

from prp_agent.repo.ecosystems.base import Add, FileModels, only
from prp_agent.repo.source import (
    Routes,
    SourceFile,
    brace_spans,
    class_end,
    closing_brace,
    marked_classes,
    normalize_path,
    singular,
)

__all__ = ["ROUTES", "entity_finder"]


_LARAVEL_ROUTE = re.compile(r"""Route::(get|post|put|patch|delete)\(\s*['"]([^'"]+)['"]""")

_LARAVEL_RESOURCE = re.compile(r"""Route::(apiResource|resource)\(\s*['"]([^'"]+)['"]""")

_LARAVEL_GROUP = re.compile(r"""Route::prefix\(\s*['"]([^'"]+)['"]\s*\)(?:->\w+\([^)]*\))*->group\(""")


def _laravel(files: list[SourceFile], routes: Routes) -> None:
    for source in (f for f in files if f.language == "PHP" and "/routes/" in "/" + f.path):
        base = "api" if source.path.endswith("routes/api.php") else ""
        groups = brace_spans(source.code, _LARAVEL_GROUP)
        for match in _LARAVEL_ROUTE.finditer(source.code):
            group = [p for s, e, p in groups if s < match.start() < e]
            routes.add(match.group(1), normalize_path(base, *group, match.group(2)), source, match.start())
        for match in _LARAVEL_RESOURCE.finditer(source.code):
            group = [p for s, e, p in groups if s < match.start() < e]
            name = match.group(2)
            param = "{" + singular(name.rsplit("/", 1)[-1]).replace("-", "_") + "}"
            for method, suffix in (("GET", ""), ("POST", ""), ("GET", param), ("PUT", param), ("DELETE", param)):
                routes.add(method, normalize_path(base, *group, name, suffix), source, match.start())


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


_PHP_MODEL = re.compile(r"class\s+(\w+)\s+extends\s+(?:Model|Authenticatable)\b")

_CAKE_ENTITY = re.compile(r"class\s+(\w+)\s+extends\s+(?:\\?Cake\\ORM\\)?Entity\b")

_PHP_FILLABLE = re.compile(r"\$fillable\s*=\s*\[([^\]]*)\]")

# a Doctrine entity's mapping: an annotation or an attribute, alone or in a group (`#[ORM\Table(…), ORM\Entity]`)
_DOCTRINE = re.compile(r"\bORM\\Entity\b|#\[Entity\b")

_PHP_PROPERTY = re.compile(r"(?:private|protected|public)\s+(?:readonly\s+)?[?\w\\|]*\s*\$(\w+)")


def _models(source: SourceFile, add: Add) -> None:
    """Eloquent models under `Models/` (their fillable attributes), CakePHP entities and Doctrine entities."""
    code = source.code
    if "/Models/" in "/" + source.path:
        for match in _PHP_MODEL.finditer(code):
            fillable = _PHP_FILLABLE.search(code)
            fields = re.findall(r"""['"](\w+)['"]""", fillable.group(1)) if fillable else []
            add(match.group(1), fields, source, match.start())
    if "/Model/Entity/" in "/" + source.path:  # CakePHP: the columns come from the table's migrations
        for match in _CAKE_ENTITY.finditer(code):
            add(match.group(1), [], source, match.start())
    if "Entity" in code:
        for match in marked_classes(code, _DOCTRINE):
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), _PHP_PROPERTY.findall(body), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """This ecosystem's model finder (it needs no cross-file facts)."""
    return only({"PHP"}, _models)


ROUTES = (_laravel, _symfony, _slim)
