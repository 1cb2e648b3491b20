"""HTTP routes a gRPC service declares in its `.proto` files (`google.api.http` options, served by gRPC-Gateway,
Envoy's transcoder or Connect):

```proto
service MemoService {
  rpc GetMemo(GetMemoRequest) returns (Memo) {
    option (google.api.http) = {get: "/api/v1/{name=memos/*}"};
  }
  rpc CreateMemo(CreateMemoRequest) returns (Memo) {
    option (google.api.http) = {post: "/api/v1/memos" body: "memo" additional_bindings {post: "/v1/memos"}};
  }
}
```

The file is tokenized in one pass (strings, comments and names told apart) and each rule read as the message
literal it is; a path template's variables become parameters (`{name=memos/*}` → `memos/{memo}`, `{id}` → `{id}`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prp_agent.repo.source import METHODS, SourceFile, normalize_path, singular
from prp_agent.repo.types import Evidence, RepoRoute

__all__ = ["HTTP_RULE", "proto_routes"]

HTTP_RULE = "google.api.http"  # what a `.proto` file holds when it declares HTTP routes
_VERBS = {"get", "put", "post", "delete", "patch"}
_VARIABLE = re.compile(r"\{([\w.]+)(?:=([^}]*))?\}")
_MAX_TOKENS = 2_000_000


def proto_routes(files: list[SourceFile]) -> list[RepoRoute]:
    """The routes the `google.api.http` rules of these `.proto` files declare."""
    routes: list[RepoRoute] = []
    for source in files:
        for method, template, line in _rules(source.code):
            path = normalize_path(_template_path(template))
            evidence = Evidence(path=source.path, line=line, note="google.api.http rule")
            routes.append(RepoRoute(method=method, path=path, evidence=evidence))
    return routes


def _tokens(code: str) -> list[tuple[str, int]]:
    """(token, line) of every token that is not blank or a comment: strings (to their closing quote or the line's
    end), names (dotted), numbers and single characters. One pass, each character looked at once or twice."""
    found: list[tuple[str, int]] = []
    at, end, line = 0, len(code), 1
    while at < end and len(found) <= _MAX_TOKENS:
        char = code[at]
        if char.isspace():
            line += char == "\n"
            at += 1
        elif code.startswith("//", at):
            newline = code.find("\n", at)
            at = end if newline < 0 else newline
        elif code.startswith("/*", at):
            close = code.find("*/", at + 2)
            stop = end if close < 0 else close + 2
            line += code.count("\n", at, stop)
            at = stop
        elif char in "\"'":
            scan = at + 1
            while scan < end and code[scan] not in (char, "\n"):
                scan += 2 if code[scan] == "\\" else 1
            stop = min(scan + 1, end) if scan < end and code[scan] == char else min(scan, end)
            found.append((code[at:stop], line))
            at = stop
        elif char.isalnum() or char == "_":
            scan = at + 1
            while scan < end and (code[scan].isalnum() or code[scan] in "_."):
                scan += 1
            found.append((code[at:scan], line))
            at = scan
        else:
            found.append((char, line))
            at += 1
    return found


def _rules(code: str) -> Iterator[tuple[str, str, int]]:
    """(method, path template, line) of each HTTP rule, its additional bindings included."""
    tokens = _tokens(code)
    at = 0
    while at < len(tokens) - 6:
        # `option (google.api.http) = {` … `}`
        if tokens[at][0] == "option" and [t for t, _ in tokens[at + 1 : at + 6]] == ["(", HTTP_RULE, ")", "=", "{"]:
            end, fields = _message(tokens, at + 6)
            yield from _bindings(fields)
            at = end
        else:
            at += 1


_Fields = list[tuple[str, "str | _Fields", int]]


def _message(tokens: list[tuple[str, int]], at: int, depth: int = 0) -> tuple[int, _Fields]:
    """A text-format message's fields from just after its `{` to its `}`: (name, string or nested fields, line)."""
    fields: _Fields = []
    while at < len(tokens) and depth < 8:
        text, line = tokens[at]
        if text == "}":
            return at + 1, fields
        if text in {",", ";"}:
            at += 1
            continue
        if at + 1 < len(tokens) and tokens[at + 1][0] == ":":
            at += 2
        else:
            at += 1
        value = tokens[at][0] if at < len(tokens) else ""
        if value == "{":
            at, nested = _message(tokens, at + 1, depth + 1)
            fields.append((text, nested, line))
        else:
            fields.append((text, value.strip("\"'"), line))
            at += 1
    return at, fields


def _bindings(fields: _Fields) -> Iterator[tuple[str, str, int]]:
    for name, value, line in fields:
        if name in _VERBS and isinstance(value, str):
            yield name.upper(), value, line
        elif name == "custom" and not isinstance(value, str):  # `custom {kind: "HEAD" path: "/x"}`
            given = {n: v for n, v, _ in value if isinstance(v, str)}
            if given.get("kind", "").upper() in METHODS and given.get("path"):
                yield given["kind"].upper(), given["path"], line
        elif name == "additional_bindings" and not isinstance(value, str):
            yield from _bindings(value)


def _template_path(template: str) -> str:
    """A path template with its variables as parameters: `{name=memos/*}` → `memos/{memo}`, `{book.id}` → `{id}`,
    `{path=**}` → `{path}`."""

    def variable(found: re.Match[str]) -> str:
        field, segments = found.group(1), found.group(2)
        if not segments:
            return "{" + field.rsplit(".", 1)[-1] + "}"
        parts = segments.split("/")
        out = []
        for index, part in enumerate(parts):
            if part in {"*", "**"}:
                before = parts[index - 1] if index else field.rsplit(".", 1)[-1]
                out.append("{" + (singular(before) if index else before) + "}")
            else:
                out.append(part)
        return "/".join(out)

    return _VARIABLE.sub(variable, template)
