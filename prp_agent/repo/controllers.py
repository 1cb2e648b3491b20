"""Routes declared by annotating handlers: a controller's own route or a base controller's (in this file or, once
every file is read, another), ASP.NET's `[controller]`/`[action]` tokens, `@GetMapping`/`[HttpGet]`/`@Get()`/
`#[get]`/`#[utoipa::path]`/Symfony `#[Route]` on methods, NestJS's global prefix; and DRF viewsets, whose actions
come from their bases, methods and `@action`s."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from prp_agent.repo.links import EMPTY, Key, Links, RouteRecord, rust_module, tokens
from prp_agent.repo.nodes import enclosing_class
from prp_agent.repo.paths import FileConstants, Value, join
from prp_agent.repo.syntax import Annotation, ClassDef, SyntaxFile

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "CLASS_ROUTES",
    "AnnotatedRoutes",
    "listed_verbs",
    "nest_versioning",
    "route_template",
    "verb_attribute",
    "viewset_actions",
]

# Java, Kotlin; JavaScript and TypeScript (NestJS's `@Get(['oauth-protected-resource', 'x/mcp'])`)
_PATH_LISTS = {"element_value_array_initializer", "collection_literal", "array_literal", "array"}
# the class attributes that give a controller's route prefix (`Prefix`: spatie/laravel-route-attributes)
CLASS_ROUTES = {"RequestMapping", "Route", "RoutePrefix", "Path", "Controller", "RestController", "Prefix"}


_NEST_VERSION = re.compile(r"""\bversion:\s*(?:\[?\s*['"`]([\w.]{1,20})['"`]|(VERSION_NEUTRAL))""")
_NEST_URI = re.compile(r"VersioningType\.URI\b")
_NEST_OPTION = re.compile(r"""\b(defaultVersion|prefix):\s*(?:\[?\s*['"`]([\w.]{0,20})['"`]|(false|VERSION_NEUTRAL))""")


def _is_path_pair(routes: AnnotatedRoutes, pair: Node) -> bool:
    key = pair.child_by_field_name("key") if pair.type == "pair" else None
    return key is not None and routes.syntax.text(key).strip("'\"") == "path"


# ASP.NET attributes on actions that are never a verb of their own
_NOT_VERBS = {"Authorize", "AllowAnonymous", "Produces", "ProducesResponseType", "Consumes", "Route", "NonAction",
              "ApiExplorerSettings", "FromBody", "FromQuery", "FromRoute", "Obsolete", "ValidateAntiForgeryToken",
              "RequestSizeLimit", "DisableRequestSizeLimit", "ResponseCache", "EnableCors", "DisableCors",
              "SwaggerOperation", "HttpGet", "HttpPost", "HttpPut", "HttpPatch", "HttpDelete", "HttpHead"}  # fmt: skip
_VERB_BASE = re.compile(r"^Http(Get|Post|Put|Patch|Delete|Head)Attribute$")
_HTTP_METHODS = re.compile(r"""HttpMethods\s*=>\s*new[^{]*\{\s*"(GET|POST|PUT|PATCH|DELETE|HEAD)""")
_TEMPLATE_PROPERTY = re.compile(r"""\bTemplate\s*=>\s*"([^"\n]{0,200})"\s*;""")
_BASE_TEMPLATE = re.compile(r"""\)\s*:\s*base\s*\(\s*"([^"\n]{0,200})"\s*\)""")


_HTTP_VERBS = {"HttpGet", "HttpPost", "HttpPut", "HttpPatch", "HttpDelete", "HttpHead"}
# a public instance method (what MVC takes for an action), and an abstract controller (no actions of its own)
_PUBLIC_METHOD = re.compile(r"^\s*public\s+(?!static\b)(?:(?:async|virtual|override|new)\s+)*[\w<>\[\],. ?]+\s+\w+\s*$")
_ATTRIBUTE_LISTS = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]")  # `[HttpPost, ActionName("Delete")]`
_ABSTRACT = re.compile(r"\babstract\s+(?:partial\s+)?class\b")
_PARTIAL = re.compile(r"\bpartial\s+class\b")  # C#: a class whose parts sit in several files


def verb_attribute(text: str, klass: ClassDef) -> tuple[str, str] | None:
    """An attribute class that marks an action with a verb (and a template): `RestPutByIdAttribute :
    HttpPutAttribute` with `: base("{id:int?}")`, or one that provides `HttpMethods => new[] { "GET" }` and
    `Template => "{id:int}"`; as (verb, template)."""
    base = next((m.group(1).upper() for b in klass.bases if (m := _VERB_BASE.match(b))), None)
    if base is not None:
        found = _BASE_TEMPLATE.search(text)
        return base, found.group(1) if found else ""
    if "IActionHttpMethodProvider" in klass.bases and (methods := _HTTP_METHODS.search(text)) is not None:
        found = _TEMPLATE_PROPERTY.search(text)
        return methods.group(1), found.group(1) if found else ""
    return None


_TEMPLATE = re.compile(r"""\bTemplate\s*=\s*\$?@?"([^"\n]{1,200})"\s*;""")
_CONSTANT = re.compile(r"""\bconst\s+string\s+(\w+)\s*=\s*"([^"\n]{0,200})"\s*;""")
_CTOR_BASE = re.compile(r"\)\s*:\s*base\s*\(([^)]{0,300})\)")


def route_template(text: str, klass: ClassDef, known: dict[str, tuple[str, tuple[tuple[str, str], ...]]]
                   ) -> tuple[str, tuple[tuple[str, str], ...]] | None:  # fmt: skip
    """An ASP.NET attribute that builds its route (`IRouteTemplateProvider`, `Template = $"api/v{version}/{resource}"`)
    as (template, its constructor's (parameter, default) pairs); a subclass that passes its base some arguments
    (`V1ApiControllerAttribute(string resource = "[controller]") : base(1, resource)`) as its base's template with
    them filled in. None for any other class."""
    name = klass.name
    constants = dict(_CONSTANT.findall(text))
    params = _ctor_params(text, name, constants)
    found = _TEMPLATE.search(text) if "IRouteTemplateProvider" in klass.bases else None
    if found is not None:
        return found.group(1), params
    base = next((known[b.removesuffix("Attribute")] for b in klass.bases if b.removesuffix("Attribute") in known), None)
    call = _CTOR_BASE.search(text)
    if base is None or call is None:
        return None
    template, base_params = base
    passed = [a.strip() for a in call.group(1).split(",")]
    own = {p for p, _ in params}
    for (param, default), argument in zip(base_params, passed + [""] * len(base_params), strict=False):
        value = "{" + argument + "}" if argument in own else argument.strip('"') or default
        template = template.replace("{" + param + "}", value)
    return template, params


def _ctor_params(text: str, name: str, constants: dict[str, str]) -> tuple[tuple[str, str], ...]:
    found = re.search(rf"\b{re.escape(name)}\s*\(([^)]{{0,300}})\)", text)
    params = []
    for part in found.group(1).split(",") if found and found.group(1).strip() else []:
        declared, _, default = part.partition("=")
        default = default.strip()
        params.append((declared.split()[-1], constants.get(default, default.strip('"'))))
    return tuple(params)


def nest_versioning(options: str) -> tuple[str, str] | None:
    """NestJS's `app.enableVersioning({type: VersioningType.URI, defaultVersion: '1'})` as (segment prefix,
    default version): routes are served under `/v1`; None for header or media-type versioning."""
    if not _NEST_URI.search(options):
        return None
    found = {m.group(1): m.group(2) or "" for m in _NEST_OPTION.finditer(options)}
    return found.get("prefix", "v"), found.get("defaultVersion", "")


class AnnotatedRoutes:
    """The annotation half of a file's route reader (mixed into it)."""

    syntax: SyntaxFile
    constants: FileConstants
    graph: Links
    path: str

    def _def_name(self, node: Node | None) -> str:
        if node is None:
            return ""
        name = node.child_by_field_name("name")
        return self.syntax.text(name) if name is not None else ""

    def annotated(self) -> None:
        syntax = self.syntax
        by_owner: dict[int, list[Annotation]] = defaultdict(list)
        for annotation in syntax.annotations:
            if annotation.owner is not None:
                by_owner[annotation.owner.id].append(annotation)
        classes = {c.node.id: c for c in syntax.classes}
        params = {d.node.id: d.params for d in syntax.defs} if syntax.language == "C#" else {}
        nest = syntax.language in {"TypeScript", "JavaScript"}
        for annotation in syntax.annotations:
            owner = annotation.owner
            if owner is None or owner.id in classes:
                continue
            klass = enclosing_class(owner, classes)
            inherited = self._class_methods(by_owner[klass.node.id] if klass is not None else [])
            routes = [
                (method, path)
                for verb, path in self._annotation_routes(annotation, by_owner[owner.id])
                for method in (inherited if verb == "ANY" else [verb])  # Spring's `@RequestMapping("/ping")`
            ]
            for verb, path in routes:
                base = self._class_prefix(klass, by_owner, classes) if klass is not None else None
                method_name = self._def_name(owner)
                if syntax.language == "C#":  # `[ActionName("Delete")]`: the action's name in routes
                    method_name = self._action_name(by_owner[owner.id]) or method_name
                class_name = klass.name if klass is not None else ""
                if syntax.language == "C#" and path.text.startswith(("/", "~/")):
                    base, path = EMPTY, Value(path.text.removeprefix("~"), path.unresolved)  # absolute: no prefix
                full = tokens(join(base or EMPTY, path), class_name, method_name)
                key: Key | None = (
                    ("handler", rust_module(self.path), method_name) if syntax.language == "Rust" else None
                )
                line = int(annotation.node.start_point[0]) + 1
                bases = tuple(klass.bases) if klass is not None and base is None else ()
                attributes: tuple[str, ...] = ()
                if klass is not None and base is None:
                    attributes = tuple(a.name for a in by_owner.get(klass.node.id, []) + self._detached(klass.node))
                version = self._nest_version(by_owner[owner.id], klass, by_owner) if nest else None
                if syntax.language == "C#":  # ASP.NET's `[MapToApiVersion("2")]`: the one version the action serves
                    mapped = next((a for a in by_owner[owner.id] if a.name == "MapToApiVersion" and a.args), None)
                    version = syntax.text(mapped.args[0]).strip('"').split(".")[0] if mapped is not None else None
                    # the action's own `[ApiVersion(1.0)] [ApiVersion(2.0)]`: each version it is served at
                    own = [syntax.text(a.args[0]).strip('"').split(".")[0] for a in by_owner[owner.id]
                           if a.name == "ApiVersion" and a.args]  # fmt: skip
                    version = version or ",".join(dict.fromkeys(own)) or None
                head = syntax.text(klass.node)[:300] if klass is not None and base is None else ""
                partial = _PARTIAL.search(head) is not None
                conventional = (  # `[HttpGet]` with no template, in a controller with no route: MVC's convention
                    syntax.language == "C#"
                    and annotation.name in _HTTP_VERBS
                    and base is None
                    and self._annotation_path(annotation) is None
                    and not any(a.name == "Route" for a in by_owner[owner.id])
                )
                record = RouteRecord(
                    key,
                    verb,
                    full,
                    self.path,
                    line,
                    False,
                    class_name,
                    bases,
                    method_name,
                    nest,
                    version,
                    attributes,
                    partial=partial,
                    conventional=conventional,
                    area=self._area(klass, by_owner) if conventional else None,
                    params=tuple(params.get(owner.id, ())) if conventional else (),
                )
                self.graph.records.append(record)
        if syntax.language == "C#" and b"Controller" in syntax.data:
            self._mvc_actions(by_owner, classes, params)

    def _action_name(self, marks: list[Annotation]) -> str:
        """ASP.NET's `[ActionName("Delete")]`: the name an action is routed by instead of its method's."""
        found = next((a for a in marks if a.name == "ActionName" and a.args), None)
        value = self.constants.value(found.args[0]) if found is not None else None
        return value.text if value is not None and not value.unresolved else ""

    def _area(self, klass: ClassDef | None, by_owner: dict[int, list[Annotation]]) -> Value | None:
        """An MVC controller's `[Area("Admin")]` (a constant elsewhere, `[Area(AreaNames.Admin)]`, is filled in
        when routes are linked); None when it has none."""
        if klass is None:
            return None
        found = next((a for a in by_owner.get(klass.node.id, []) if a.name == "Area" and a.args), None)
        return self.constants.value(found.args[0]) if found is not None else None

    def _mvc_actions(
        self, by_owner: dict[int, list[Annotation]], classes: dict[int, ClassDef], params: dict[int, list[str]]
    ) -> None:
        """ASP.NET MVC's actions without a verb attribute: every public method of a controller that has no route
        of its own (nor `[ApiController]`, which requires one) answers any method at the conventional route,
        listed as GET; `[NonAction]` and `[HttpGet]`-style methods (read above) aside."""
        syntax = self.syntax
        for definition in syntax.defs:
            node = definition.node
            klass = enclosing_class(node, classes)
            if (
                klass is None
                or not klass.name.endswith("Controller")
                or not klass.bases
                or node.type != ("method_declaration")
            ):
                continue
            own = {a.name for a in by_owner.get(klass.node.id, [])}
            if own & (CLASS_ROUTES | {"ApiController", "NonController"}) or _ABSTRACT.search(
                syntax.text(klass.node)[:300]
            ):
                continue
            marks = {a.name for a in by_owner.get(node.id, [])}
            name = node.child_by_field_name("name")
            head = _ATTRIBUTE_LISTS.sub("", syntax.text(node)[: name.end_byte - node.start_byte] if name else "")
            if marks & (_HTTP_VERBS | {"NonAction", "Route", "AcceptVerbs"}) or not _PUBLIC_METHOD.search(head):
                continue
            self.graph.records.append(
                RouteRecord(
                    None, "GET", EMPTY, self.path, int(node.start_point[0]) + 1, False, klass.name,
                    method_name=self._action_name(by_owner[node.id]) or definition.name, conventional=True,
                    area=self._area(klass, by_owner),
                    params=tuple(params.get(node.id, ())),
                )
            )  # fmt: skip

    def _class_methods(self, annotations: list[Annotation]) -> list[str]:
        """The methods a controller's own `@RequestMapping(method = {GET, POST})` allows its handlers; GET alone (any
        method, listed as GET) when it names none."""
        mapping = next((a for a in annotations if a.name == "RequestMapping" and a.keywords.get("method")), None)
        found = listed_verbs(self.syntax.text(mapping.keywords["method"]).upper()) if mapping is not None else []
        return list(dict.fromkeys(found)) or ["GET"]

    def _nest_version(
        self, siblings: list[Annotation], klass: ClassDef | None, by_owner: dict[int, list[Annotation]]
    ) -> str | None:
        """A NestJS handler's own version (`@Version('2')`) or its controller's (`@Controller({version: '2'})`);
        "" when version-neutral, None when it takes the default."""
        version = next((a.args[0] for a in siblings if a.name == "Version" and a.args), None)
        if version is None and klass is not None:
            controller = next((a for a in by_owner.get(klass.node.id, []) if a.name == "Controller"), None)
            found = _NEST_VERSION.search(self.syntax.text(controller.node)[:1000]) if controller is not None else None
            return None if found is None else "" if found.group(2) else found.group(1)
        if version is None:
            return None
        text = self.syntax.text(version)
        return "" if "VERSION_NEUTRAL" in text else text.strip("'\"`[] ").split("'")[0].split('"')[0]

    def _annotation_routes(self, annotation: Annotation, siblings: list[Annotation]) -> list[tuple[str, Value]]:
        routes = self._annotation_verb_routes(annotation, siblings)
        more = self._more_paths(annotation)
        if not more or len(routes) != 1:
            return routes
        return [routes[0], *((routes[0][0], path) for path in more)]

    def _more_paths(self, annotation: Annotation) -> list[Value]:
        """The other paths of a mapping that lists several (Spring's `@GetMapping(value = { "/", "/{id}" })`)."""
        node = next((annotation.keywords[k] for k in ("value", "path") if k in annotation.keywords), None)
        node = node if node is not None else annotation.args[0] if annotation.args else None
        if node is None or node.type not in _PATH_LISTS:
            return []
        values = [self.constants.value(child) for child in node.named_children]
        return [value for value in values[1:] if value is not None]

    def _annotation_verb_routes(self, annotation: Annotation, siblings: list[Annotation]) -> list[tuple[str, Value]]:
        name = annotation.name
        value = self._annotation_path(annotation)
        verb = None
        if name.endswith("Mapping") and name[:-7].split("Anonymous")[-1] in {"Get", "Post", "Put", "Patch", "Delete"}:
            verb = name[:-7].split("Anonymous")[-1].upper()
        elif name in {"HttpGet", "HttpPost", "HttpPut", "HttpPatch", "HttpDelete", "HttpHead"}:
            verb = name[4:].upper()
            if value is None:
                value = next((self._annotation_path(a) for a in siblings if a.name == "Route"), None)
        elif name in {"Get", "Post", "Put", "Patch", "Delete", "Head", "GET", "POST", "PUT", "PATCH", "DELETE"}:
            verb = name.upper()
            if self.syntax.language in {"Java", "Kotlin"} and name.isupper():
                value = next((self._annotation_path(a) for a in siblings if a.name == "Path"), None)
        elif name in {"get", "post", "put", "patch", "delete", "head"} and self.syntax.language == "Rust":
            verb = name.upper()
        elif name == "route" and self.syntax.language == "Rust":  # actix `#[route("/x", method = "GET", method = …)]`
            text = self.syntax.text(annotation.node)[:2000]
            methods = re.findall(r'\bmethod\s*=\s*"(\w+)"', text)
            return [(m.upper(), value) for m in dict.fromkeys(methods)] if value is not None and methods else []
        elif name == "endpoint" and self.syntax.language == "Rust":  # Dropshot `#[endpoint { method = GET, path = … }]`
            text = self.syntax.text(annotation.node)[:2000]
            method = re.search(r"\bmethod\s*=\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b", text)
            path = re.search(r'\bpath\s*=\s*"([^"\n]*)"', text)
            return [(method.group(1), Value(path.group(1)))] if method and path else []
        elif name == "path" and self.syntax.language == "Rust":  # `#[utoipa::path(get, path = "/x")]`
            text = self.syntax.text(annotation.node)[:2000]
            method = re.search(r"\(\s*(get|post|put|patch|delete|head)\b", text)
            path = re.search(r'\bpath\s*=\s*"([^"\n]*)"', text)
            return [(method.group(1).upper(), Value(path.group(1)))] if method and path else []
        elif name in {"RequestMapping", "Route"} and (
            annotation.keywords.get("method") or annotation.keywords.get("methods")
        ):
            text = self.syntax.text(annotation.keywords.get("method") or annotation.keywords["methods"])
            return [(m, value or EMPTY) for m in dict.fromkeys(listed_verbs(text.upper()))]
        elif name == "RequestMapping" and self.syntax.language in {"Java", "Kotlin"} and value is not None:
            return [("ANY", value)]  # no method: the class's, else any (listed as GET)
        elif name == "Route" and self.syntax.language == "PHP":
            return [("GET", value)] if value is not None else []
        elif (
            name == "Route"
            and self.syntax.language == "C#"
            and value is not None
            and not any(a.name in _HTTP_VERBS or a.name == "AcceptVerbs" for a in siblings)
        ):  # an action's own `[Route("/Error/{statusCode?}")]` and no verb: any method (listed as GET)
            return [("GET", value)]
        elif self.syntax.language == "C#" and name not in _NOT_VERBS and "Controller" in self.path.rsplit("/", 1)[-1]:
            # perhaps the repository's own verb attribute (`[RestGetById]` : `HttpGetAttribute`): known once every
            # file is read (`Links.verb_attributes`), dropped otherwise
            return [("@" + name, value or EMPTY)]
        if verb is None:
            return []
        return [(verb, value or EMPTY)]

    def _annotation_path(self, annotation: Annotation) -> Value | None:
        if self.syntax.language in {"Java", "Kotlin"} and annotation.name in {"Controller", "RestController"} and (
            annotation.name == "RestController" or b"io.micronaut" not in self.syntax.data
        ):  # fmt: skip
            return None  # Spring's `@RestController("UserController")` names the bean; Micronaut's is a path
        for keyword in ("value", "path", "uri", "template", "Template"):
            if keyword in annotation.keywords:
                return self.constants.value(annotation.keywords[keyword])
        for arg in annotation.args:
            if arg.type == "object":  # NestJS `@Controller({ path: 'users', version: '2' })`
                pair = next((p for p in arg.named_children if _is_path_pair(self, p)), None)
                arg = pair.child_by_field_name("value") or arg if pair is not None else arg
            if arg.type == "array" and arg.named_children:  # several paths: the first (`_more_paths` the rest)
                arg = arg.named_children[0]
            value = self.constants.value(arg)
            if value is not None:
                return value
        return None

    def _class_prefix(
        self, klass: ClassDef, by_owner: dict[int, list[Annotation]], classes: dict[int, ClassDef]
    ) -> Value | None:
        """The controller's own route, or a base controller's in this file; None when neither has one (a base
        controller in another file may, once every file is read)."""
        for annotation in by_owner.get(klass.node.id, []) + self._detached(klass.node):
            if annotation.name in CLASS_ROUTES:
                value = self._annotation_path(annotation)
                if value is not None:
                    return tokens(value, klass.name, "")
        base_names = set(klass.bases)
        for other in classes.values():
            if other.name in base_names and other is not klass:
                inherited = self._class_prefix(other, by_owner, {})
                return tokens(inherited, klass.name, "") if inherited is not None else None
        return None

    def _detached(self, node: Node) -> list[Annotation]:
        """Annotations the Kotlin grammar leaves in an expression before the class instead of on it."""
        previous = node.prev_named_sibling
        if previous is None or previous.type != "annotated_expression":
            return []
        return [a for a in self.syntax.annotations if previous.start_byte <= a.node.start_byte < previous.end_byte]


VIEWSET_STANDARD = {
    "list": ("GET", False), "create": ("POST", False), "retrieve": ("GET", True), "update": ("PUT", True),
    "partial_update": ("PATCH", True), "destroy": ("DELETE", True),
}  # fmt: skip
VIEWSET_BASES = {
    "ModelViewSet": ("list", "create", "retrieve", "update", "partial_update", "destroy"),
    "ReadOnlyModelViewSet": ("list", "retrieve"), "ListModelMixin": ("list",), "CreateModelMixin": ("create",),
    "RetrieveModelMixin": ("retrieve",), "UpdateModelMixin": ("update", "partial_update"),
    "DestroyModelMixin": ("destroy",),
}  # fmt: skip


def viewset_actions(syntax: SyntaxFile, klass: ClassDef, mixins: bool = False) -> list[tuple[str, Value]]:
    """A DRF viewset's routes relative to its prefix: the standard actions its bases and methods give, and its
    `@action`s (detail ones under the lookup field). With `mixins` (a file of viewsets), any class may give them:
    the project's own mixins (`class TreeMixin(MergeMixin, FuzzyFilterMixin)`) that viewsets derive from."""
    if not mixins and not any("ViewSet" in base or base.endswith("ModelMixin") for base in klass.bases):
        return []
    names = {name for base in klass.bases for name in VIEWSET_BASES.get(base, ())}
    lookup = "pk"
    body = klass.body
    actions: list[tuple[str, Value]] = []
    for statement in body.named_children if body is not None else []:
        decorated = statement.type == "decorated_definition"
        definition = statement.child_by_field_name("definition") if decorated else statement
        if definition is None:
            continue
        if statement.type == "expression_statement" and "lookup_field" in syntax.text(statement)[:40]:
            found = re.search(r"""lookup_field\s*=\s*["'](\w+)["']""", syntax.text(statement))
            lookup = found.group(1) if found else lookup
        if statement.type == "expression_statement" and syntax.text(statement).startswith("lookup_value_regex"):
            # `lookup_value_regex = r"(?P<organization_slug>[^/.]+)/(?P<project_slug>[-\w]+)"`: a record named by two
            groups = re.findall(r"\(\?P<(\w+)>", syntax.text(statement)[:400])
            lookup = "}/{".join(groups) if groups else lookup
        if definition.type != "function_definition":
            continue
        name_node = definition.child_by_field_name("name")
        name = syntax.text(name_node) if name_node is not None else ""
        if name in VIEWSET_STANDARD:
            names.add(name)
        for decorator in statement.named_children if statement.type == "decorated_definition" else []:
            text = syntax.text(decorator)
            if not re.match(r"@(?:\w+\.)?action\b", text):
                continue
            listed = re.search(r"methods\s*=\s*\[([^\]]*)\]", text)
            methods = re.findall(r"\w+", listed.group(1)) if listed else ["get"]
            detail = re.search(r"detail\s*=\s*True", text) is not None
            url_path = re.search(r"""url_path\s*=\s*r?["']([^"']*)["']""", text)
            suffix = url_path.group(1) if url_path else name
            for method in methods:
                actions.append((method.upper(), Value(f"{{{lookup}}}/{suffix}" if detail else suffix)))
    for name in sorted(names):
        method, detail = VIEWSET_STANDARD[name]
        actions.append((method, Value(f"{{{lookup}}}" if detail else "")))
    return actions


def listed_verbs(text: str) -> list[str]:
    """The HTTP methods a list or a string names (`['GET', 'POST']`, `request_method=("GET", "HEAD")`)."""
    return re.findall(r"\b(GET|POST|PUT|PATCH|DELETE)\b", text)
