"""PHP: Laravel (`routes/api.php`, `Route::prefix` groups, resources), Symfony attributes and annotations, Slim
groups, API Platform resources; Eloquent models (fillable), CakePHP and Doctrine entities.
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


_API_RESOURCE = re.compile(r"#\[\s*(?:\\?ApiPlatform\\Metadata\\)?ApiResource\b\s*(\()?")
_API_OPERATION = re.compile(r"\bnew\s+(?:\\?ApiPlatform\\Metadata\\)?(GetCollection|Get|Post|Put|Patch|Delete)\s*\(")
_URI_TEMPLATE = re.compile(r"""\buriTemplate\s*:\s*['"]([^'"]{1,300})['"]""")
_ROUTE_PREFIX = re.compile(r"""\broutePrefix\s*:\s*['"]([^'"]{0,200})['"]""")
_API_PLATFORM_PREFIX = re.compile(r"^[ \t]+prefix:[ \t]*['\"]?(/[\w/-]*)", re.M)
_API_DEFAULTS = (("GET", False), ("POST", False), ("GET", True), ("PUT", True), ("PATCH", True), ("DELETE", True))
_API_ITEM = {"GetCollection": ("GET", False), "Post": ("POST", False), "Get": ("GET", True), "Put": ("PUT", True),
             "Patch": ("PATCH", True), "Delete": ("DELETE", True)}  # fmt: skip


def _api_platform(files: list[SourceFile], routes: Routes) -> None:
    """API Platform resources: a class under `#[ApiResource(…)]` is served at `/api/<plural_snake_name>` (its
    collection) and `…/{id}` (an item), by the operations it lists (`new GetCollection()`, `new Patch(…)`, an
    operation's own `uriTemplate`) or, listing none, all six; the prefix from `config/routes/api_platform.yaml`."""
    config = next((f for f in files if re.search(r"(^|/)config/routes/api_platform\.ya?ml$", f.path)), None)
    found = _API_PLATFORM_PREFIX.search(config.code) if config is not None else None
    prefix = found.group(1) if found else "/api"
    for source in (f for f in files if f.language == "PHP" and "ApiResource" in f.code):
        code = source.code
        for match in _API_RESOURCE.finditer(code):
            end = closing_brace(code, match.end() - 1, "()") if match.group(1) else match.end()
            attribute = code[match.end() : min(end, match.end() + 50_000)]
            declared = re.search(r"\bclass\s+(\w+)", code[end:])
            if declared is None:
                continue
            base = _ROUTE_PREFIX.search(attribute)
            collection = normalize_path(prefix, base.group(1) if base else "", _plural(_snake(declared.group(1))))
            operations = list(_API_OPERATION.finditer(attribute))
            if not operations:
                for method, item in _API_DEFAULTS:
                    routes.add(method, collection + "/{id}" if item else collection, source, match.start())
                continue
            spans = [(op.end(), closing_brace(attribute, op.end() - 1, "()")) for op in operations]
            outside = "".join(
                attribute[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [None], strict=True)
            )
            shared = _URI_TEMPLATE.search(outside)  # the resource's own `uriTemplate`: every operation's path
            for operation, (start, end) in zip(operations, spans, strict=True):
                method, item = _API_ITEM[operation.group(1)]
                template = _URI_TEMPLATE.search(attribute[start:end]) or shared
                path = collection + "/{id}" if item else collection
                if template:
                    path = normalize_path(prefix, template.group(1).removesuffix(".{_format}"))
                routes.add(method, path, source, match.start())


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _plural(name: str) -> str:
    """English plural the way API Platform's inflector makes resource paths (`category` → `categories`)."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", name):
        return name + "es"
    return name + "s"


# any class and the class it extends (`abstract class VCardResource extends Model`)
_PHP_EXTENDS = re.compile(r"\b(abstract\s+)?class\s+(\w+)\s+extends\s+\\?(?:\w+\\)*(\w+)")

_CAKE_ENTITY = re.compile(r"class\s+(\w+)\s+extends\s+(?:\\?Cake\\ORM\\)?Entity\b")

_PHP_USE = re.compile(r"^use[ \t]+\\?([\w\\]{1,200})(?:[ \t]+as[ \t]+(\w+))?[ \t]*;", re.M)

_PHP_FILLABLE = re.compile(r"\$fillable\s*=\s*\[([^\]]*)\]")

# a Doctrine entity's mapping: an annotation or an attribute, alone or in a group (`#[ORM\Table(…), ORM\Entity]`)
_DOCTRINE = re.compile(r"\bORM\\Entity\b|#\[Entity\b")

_PHP_PROPERTY = re.compile(r"(?:private|protected|public)\s+(?:readonly\s+)?[?\w\\|]*\s*\$(\w+)")


def eloquent_bases(files: list[SourceFile]) -> set[str]:
    """The repository's own classes an Eloquent model may extend: every class that derives, through the
    repository's classes, from `Model` (`abstract class VCardResource extends Model`, then `Contact extends
    VCardResource`)."""
    extends = {m.group(2): m.group(3) for f in files if f.language == "PHP" and "extends" in f.code
               for m in _PHP_EXTENDS.finditer(f.code)}  # fmt: skip
    found = {"Model", "Authenticatable", "Pivot"}
    for _ in range(4):  # bases of bases
        found |= {name for name, base in extends.items() if base in found}
    return found


def _package_model(code: str, base: str) -> bool:
    """Whether a class under `Models/` extends a package's model it imports under a name of its own (Sanctum's
    `PersonalAccessToken`, a `…\\Models\\WebauthnKey`): a model the package's tables store."""
    for used in _PHP_USE.finditer(code):
        path, alias = used.group(1), used.group(2) or used.group(1).rsplit("\\", 1)[-1]
        if alias == base and not path.startswith("App\\"):
            return "\\Models\\" in path or path.endswith(("PersonalAccessToken", "Model"))
    return False


def _models(source: SourceFile, add: Add, bases: set[str]) -> None:
    """Eloquent models under `Models/` (their fillable attributes), CakePHP entities and Doctrine entities."""
    code = source.code
    if "/Models/" in "/" + source.path:
        for match in _PHP_EXTENDS.finditer(code):
            if match.group(1) or (match.group(3) not in bases and not _package_model(code, match.group(3))):
                continue
            fillable = _PHP_FILLABLE.search(code)
            fields = re.findall(r"""['"](\w+)['"]""", fillable.group(1)) if fillable else []
            add(match.group(2), fields, source, match.start())
    if "/Model/Entity/" in "/" + source.path:  # CakePHP: the columns come from the table's migrations
        for match in _CAKE_ENTITY.finditer(code):
            add(match.group(1), [], source, match.start())
    if "Entity" in code:
        for match in marked_classes(code, _DOCTRINE, reach=30_000):  # attributes (`#[ApiResource(…)]`) may run long
            body = code[match.end() : class_end(code, match.end())]
            add(match.group(1), _PHP_PROPERTY.findall(body), source, match.start())


def entity_finder(files: list[SourceFile]) -> FileModels:
    """This ecosystem's model finder: Eloquent models may extend the repository's own bases."""
    bases = eloquent_bases(files)
    return only({"PHP"}, lambda source, add: _models(source, add, bases))


ROUTES = (_laravel, _symfony, _slim, _api_platform)
