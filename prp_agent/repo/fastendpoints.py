"""FastEndpoints (.NET): an endpoint is a class whose `Configure()` names its verb and route, not an attribute or a
`Map*` call.

```csharp
public sealed class GetDialogEndpoint : Endpoint<GetDialogQuery, DialogDto>
{
    public override void Configure()
    {
        Get("dialogs/{dialogId}");
        Group<EndUserGroup>();
    }
}

public sealed class EndUserGroup : Group
{
    public EndUserGroup() { Configure("enduser", ep => ep.EndpointVersion(1)); }
}

app.UseFastEndpoints(x => { x.Endpoints.RoutePrefix = "api"; x.Versioning.Prefix = "v";
                            x.Versioning.PrependToRoute = true; x.Versioning.DefaultVersion = 1; });
```

serves `GET /api/v1/enduser/dialogs/{dialogId}`: the global route prefix, the version (the endpoint's `Version(n)`,
its group's `EndpointVersion(n)`, else the default) before the route when `PrependToRoute` is set and after it
otherwise, and the group's prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from prp_agent.repo.paths import FileConstants, Value, join
from prp_agent.repo.syntax import Call, SyntaxFile

__all__ = ["FastEndpoint", "FastGroup", "fast_routes", "read_fastendpoints"]

# the base classes of an endpoint (`Endpoint<TRequest, TResponse>`, `EndpointWithoutRequest`, `Ep.Req<T>.Res<U>`)
_ENDPOINT_BASES = {"Endpoint", "EndpointWithoutRequest", "EndpointWithMapping", "EndpointWithMapper", "Ep"}
_VERBS = {"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE"}
_GROUP = re.compile(r"\bGroup<\s*(\w+)\s*>\s*\(\s*\)")
_VERSION = re.compile(r"\b(?:Version|EndpointVersion)\(\s*(\d{1,4})\b")
_HTTP_VERB = re.compile(r"\bHttp\.(GET|POST|PUT|PATCH|DELETE)\b")
# the options `UseFastEndpoints(x => { … })` sets (its route prefix, versioning)
_OPTION = re.compile(
    r"\.(?:Endpoints\.(RoutePrefix)|Versioning\.(Prefix|PrependToRoute|DefaultVersion))\s*=\s*"
    r"(\"[^\"\n]{0,80}\"|true|false|\d{1,4})"
)
_MARKERS = re.compile(rb"\bUseFastEndpoints\b|:\s*(?:Endpoint|EndpointWithoutRequest|Ep\.|Group\b)")


@dataclass(frozen=True, slots=True)
class FastEndpoint:
    """One endpoint class's verb and route (a class may answer several)."""

    class_name: str
    method: str
    path: Value
    group: str
    version: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class FastGroup:
    """A group class's prefix and the version its endpoints take."""

    prefix: Value
    version: str


def read_fastendpoints(
    syntax: SyntaxFile, constants: FileConstants
) -> tuple[list[FastEndpoint], dict[str, FastGroup], dict[str, str]]:
    """A C# file's FastEndpoints endpoints, groups, and the options `UseFastEndpoints` sets."""
    endpoints: list[FastEndpoint] = []
    groups: dict[str, FastGroup] = {}
    options: dict[str, str] = {}
    if syntax.language != "C#" or _MARKERS.search(syntax.data) is None:
        return endpoints, groups, options
    if b"UseFastEndpoints" in syntax.data:
        for found in _OPTION.finditer(syntax.data.decode("utf-8", "replace")):
            options.setdefault(found.group(1) or found.group(2), found.group(3).strip('"'))
    for klass in syntax.classes:
        start, end = klass.node.start_byte, klass.node.end_byte
        inside = [c for c in syntax.calls if start <= c.node.start_byte < end and c.receiver is None]
        text = syntax.text(klass.node)[:20_000]
        version = _VERSION.search(text)
        if "Group" in klass.bases[:1]:
            configure = next((c for c in inside if c.name == "Configure" and c.args), None)
            prefix = _prefix(syntax, constants, configure) if configure is not None else None
            if prefix is not None:
                groups[klass.name] = FastGroup(prefix, version.group(1) if version else "")
            continue
        if not klass.bases or klass.bases[0].split(".")[0] not in _ENDPOINT_BASES:
            continue
        group = _GROUP.search(text)
        verbs = [m.group(1) for m in _HTTP_VERB.finditer(text)] if "Verbs" in {c.name for c in inside} else []
        for call in inside:
            methods = [_VERBS[call.name]] if call.name in _VERBS else verbs if call.name == "Routes" else []
            paths = [path for argument in call.args if (path := constants.value(argument)) is not None]
            for path in paths if methods else []:
                for method in methods:
                    grouped, versioned = group.group(1) if group else "", version.group(1) if version else ""
                    endpoints.append(FastEndpoint(klass.name, method, path, grouped, versioned, syntax.path, call.line))
    return endpoints, groups, options


def _prefix(syntax: SyntaxFile, constants: FileConstants, configure: Call) -> Value | None:
    """A group's `Configure("enduser", …)` prefix (`RoutePrefix.ToLowerInvariant()` lower-cased)."""
    argument = configure.args[0]
    value = constants.value(argument)
    if value is None and argument.type == "invocation_expression":
        text = syntax.text(argument)
        named = re.fullmatch(r"(\w+)\.ToLower(?:Invariant)?\(\)", text)
        held = constants.name(named.group(1)) if named else None
        value = Value(held.text.lower(), held.unresolved) if held is not None else None
    return value


def fast_routes(
    endpoints: list[FastEndpoint], groups: dict[str, FastGroup], options: dict[str, str]
) -> Iterator[tuple[str, Value, str, int]]:
    """(method, full path, file, line) of each endpoint: under the global prefix, its version and its group."""
    prefix = Value(options.get("RoutePrefix", ""))
    before = options.get("PrependToRoute") == "true"
    for endpoint in endpoints:
        group = groups.get(endpoint.group)
        version = endpoint.version or (group.version if group is not None else "") or options.get("DefaultVersion", "")
        segment = Value(options.get("Prefix", "v") + version) if version and version != "0" else Value("")
        path = join(group.prefix, endpoint.path) if group is not None else endpoint.path
        full = join(prefix, segment, path) if before else join(prefix, path, segment)
        yield endpoint.method, full, endpoint.file, endpoint.line
