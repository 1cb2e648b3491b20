"""Exports that arrive wrapped: an HTTP response saved with its status line and headers (`curl -i`, a browser's or a
proxy's "save response"), and HTTP recordings (request/response pairs: nock, Betamax and VCR in JSON, HAR, WireMock,
Polly) whose responses hold the issues. Both are unwrapped to the body; the readers never see the wrapping."""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from typing import Any

from prp_agent.errors import InputError
from prp_agent.exports.xmldoc import convert, local, xml_start, xmlrpc_value
from prp_agent.text import loads_json, one_line

__all__ = ["http_body", "recorded_bodies"]

# A status line: HTTP's, or Request Tracker's REST 1.0 (`RT/4.4.3 200 Ok`), which answers in plain text.
_STATUS = re.compile(rb"[ \t\r\n]*(?:HTTP|RT)/\d+(?:\.\d+)* (\d{3})(?: ([^\r\n]*))?\r?\n")
_XSSI = (b")]}'", b")]}',", b"while(1);", b"for(;;);")  # anti-hijacking prefixes some JSON APIs send
_HEADER_END = re.compile(rb"\r?\n\r?\n")
# A response saved with its headers but not its status line: header lines, a blank line, then a JSON or XML body.
_BARE_HEADERS = re.compile(rb"(?:[A-Za-z][A-Za-z0-9-]{0,60}:[^\r\n]*\r?\n){1,80}\r?\n(?=\s*[\[{<])")
_HTTP_HEADERS = {b"content-type", b"content-length", b"date", b"server", b"cache-control", b"etag", b"link",
                 b"transfer-encoding", b"connection", b"vary", b"set-cookie", b"x-ratelimit-remaining"}  # fmt: skip


def http_body(head: bytes, where: str) -> tuple[int, str | None]:
    """Where the body of a saved HTTP response starts in the file (0 when it is not one) and a note saying it was
    unwrapped. Responses one after another (`100 Continue`, redirects followed by `curl -iL`) are skipped to the
    last. An error status is refused: it holds no export."""
    offset, status, reason, headers = 0, 0, "", b""
    while match := _STATUS.match(head, offset):
        status, reason = int(match.group(1)), (match.group(2) or b"").decode("latin-1").strip()
        end = _HEADER_END.search(head, match.end() - 2)
        if end is None:
            raise InputError(f"{where} is a saved HTTP {status} response whose headers do not end (cut short?)")
        headers = head[match.end() : end.start()]
        offset = end.end()
    if (
        not status
        and (bare := _BARE_HEADERS.match(head))
        and any(name.lower() in _HTTP_HEADERS for name in re.findall(rb"(?m)^([A-Za-z][A-Za-z0-9-]*):", bare.group(0)))
    ):
        offset, status, reason = bare.end(), 200, "headers only"  # saved without the status line
    for prefix in _XSSI:
        rest = head[offset:].lstrip()
        if rest.startswith(prefix):
            offset = len(head) - len(rest) + len(prefix)
    if not status:
        return offset, None
    if status >= 300:
        said = " ".join(part for part in (str(status), one_line(reason, 40)) if part)
        raise InputError(f"{where} is a saved HTTP {said} response, not an export")
    encoding = re.search(rb"(?im)^content-encoding:\s*(\S+)", headers)
    if encoding and encoding.group(1).lower() not in (b"identity",):
        raise InputError(f"{where} is a saved HTTP response with a {encoding.group(1).decode('latin-1')}-compressed "
                         "body; save the decoded body (curl --compressed -i)")  # fmt: skip
    said = "headers only" if reason == "headers only" else f"{status} {reason}".strip()
    return offset, f"{where} is a saved HTTP response ({said}): its body was read"


def _interactions(value: object) -> list[dict[str, Any]] | None:
    """The request/response pairs of a recording, or None when the value is not one."""
    if isinstance(value, dict) and isinstance(value.get("request"), dict) and "response" in value:
        return [value]  # one exchange on its own (a WireMock mapping file)
    if isinstance(value, dict):
        log = value.get("log")
        for candidate in (value.get("http_interactions"), value.get("interactions"), value.get("mappings"),
                          log.get("entries") if isinstance(log, dict) else None):  # fmt: skip
            if isinstance(candidate, list):
                value = candidate
                break
        else:
            return None
    if not isinstance(value, list) or not value:
        return None
    pairs = [v for v in value if isinstance(v, dict) and "response" in v]
    recorded = [p for p in pairs if any(k in p for k in ("request", "method", "scope", "path", "url", "uri"))]
    return recorded if len(recorded) * 2 > len(value) else None


def _status(response: dict[str, Any], pair: dict[str, Any]) -> int:
    status = response.get("status", pair.get("status"))
    if isinstance(status, dict):  # Betamax / VCR: {"code": 200, "message": "OK"}
        status = status.get("code")
    return status if isinstance(status, int) else 200


_WRAPPER_KEYS = ("headers", "statusText", "status_code", "rawHeaders", "content", "jsonBody")
MAX_INFLATED = 64_000_000  # a recorded body decompressed beyond this is not read (a gzip bomb)


def _body(response: object) -> object | None:
    """A response's body as a JSON value; None when it has none or it is not JSON. A recorder that stores the parsed
    body as the response (nock) is told from one that wraps it (Betamax, VCR, HAR, WireMock, Polly) by the wrapper's
    own keys: an issue object also has a "body"."""
    if isinstance(response, list):
        return response
    if not isinstance(response, dict):
        return None
    status = response.get("status")
    wrapped = any(k in response for k in _WRAPPER_KEYS) or isinstance(status, int) or (
        isinstance(status, dict) and "code" in status)  # fmt: skip
    if not wrapped:
        return response  # nock: the parsed body itself
    if "jsonBody" in response:
        json_body: object = response["jsonBody"]
        return json_body
    body: object = response.get("body", response.get("content", response.get("text")))
    encoding = ""
    if isinstance(body, dict):
        encoding = str(body.get("encoding", ""))
        if "base64_string" in body:
            body, encoding = body["base64_string"], "base64"
        elif "string" in body or "text" in body:
            encoding = "base64" if body.get("encoding") == "base64" else encoding
            body = body.get("string", body.get("text"))
        elif "json" in body:
            body = body["json"]
    if isinstance(body, dict) and "base64_string" in body:  # `string: !binary |-` (Ruby's base64 of the bytes)
        body, encoding = body["base64_string"], "base64"
    if isinstance(body, str):
        return _decoded(body, encoding == "base64")
    return body if isinstance(body, dict | list) else None


def _decoded(body: str, base64_encoded: bool) -> object | None:
    """A recorded body's JSON: base64 decoded and gunzipped (bounded) when it was recorded that way."""
    data: bytes | str = body
    if base64_encoded:
        try:
            data = base64.b64decode(body, validate=False)
        except (binascii.Error, ValueError):
            return None
    if isinstance(data, bytes) and data[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=31)
        data = inflater.decompress(data, MAX_INFLATED)
        if inflater.unconsumed_tail:
            return None
    try:
        parsed: object = loads_json(data)
    except (ValueError, RecursionError):
        return _xml_body(data)
    return parsed


def _xml_body(data: bytes | str) -> object | None:
    """A recorded XML body (FogBugz, Redmine, Zendesk's classic API) as the plain value `xmldoc.convert` makes,
    under its root element's name; None when it is not XML. Parsed by defusedxml: no entity expansion, no DTD."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    start = xml_start(text[:4096])
    if start is None:
        return None
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(text[start:].encode("utf-8"))
    except (ParseError, DefusedXmlException, ValueError, RecursionError):
        return None
    name = local(root.tag)
    if name == "methodResponse":  # XML-RPC (Bugzilla's, Trac's): the value it returns
        value: object = xmlrpc_value(root)
        return value
    return None if name.lower() == "html" else {name: convert(root)}  # a page is not an API's answer


# A request for issues, or for a query that may return them (a search, GraphQL, a WIQL or JQL query), by its path
_ISSUE_REQUEST = re.compile(
    r"issue|ticket|bug|stor(?:y|ies)|task|card|work_?items?|incident|defect|search|graphql|quer(?:y|ies)|wiql|jql|"
    r"items?\b|records?\b|artifact|requests?\b|cases?\b",
    re.I,
)


# A request for records of another kind: a tracker's projects, boards and lists, teams, areas and iterations, users,
# labels, releases
_OTHER_REQUEST = re.compile(
    r"/(?:projects?|boards?|lists|teams?|areas|iterations|classificationNodes|operations|ResourceAreas|processes|"
    r"teamsettings|teamfieldvalues|users?|members|labels|milestones|releases|organizations|orgs|repos|repositories|"
    r"fields|statuses|priorities|versions|workflows|connectionData|profiles?|identities|groups|permissions|webhooks|"
    r"hooks|tags|components)(?:/|$)",
    re.I,
)


def _request_path(pair: dict[str, Any]) -> str | None:
    """The path a recorded request asked for (`/_apis/wit/workItems`), None when the recording does not say."""
    request = pair.get("request")
    holder = request if isinstance(request, dict) else pair
    for key in ("uri", "url", "path", "urlPath", "urlPathPattern", "urlPattern"):
        address = holder.get(key)
        if isinstance(address, str) and address:
            return re.sub(r"^[a-z]+://[^/]+", "", address).split("?", 1)[0]
    return None


def deleted_keys(value: object) -> set[str]:
    """The records a recording's session deleted (`DELETE /api/v1/tickets/5` answered 2xx): the last part of each
    such request's path. A session that creates a record and deletes it again leaves nothing of it."""
    found: set[str] = set()
    for pair in _interactions(value) or []:
        request = pair.get("request")
        method = str(request.get("method", "")).upper() if isinstance(request, dict) else ""
        path = _request_path(pair) if method == "DELETE" else None
        response = pair.get("response")
        if path and isinstance(response, dict) and 200 <= _status(response, pair) < 300:
            found.add(path.rstrip("/").rsplit("/", 1)[-1])
    return found


def recorded_bodies(value: object) -> tuple[list[object], int] | None:
    """The JSON bodies of a recording's successful responses, in order, and how many responses it holds; None when
    the value is not a recording. Where the recording says what each request asked for and some asked for issues
    (or ran a query), only their answers are read: a session also fetches its projects, fields and iterations."""
    pairs = _interactions(value)
    if pairs is None:
        return None
    paths = [_request_path(pair) for pair in pairs]
    asked = [pair for pair, path in zip(pairs, paths, strict=True) if path and _ISSUE_REQUEST.search(path)]
    pairs_read = asked if asked and all(paths) else pairs  # else RPC endpoints and a tracker's own nouns: all of them
    if not asked and paths and all(p and _OTHER_REQUEST.search(p) for p in paths):
        pairs_read = []  # a session that fetched projects, teams, areas, users: no response holds issues
    bodies = []
    for pair in pairs_read:
        response = pair["response"]
        if isinstance(response, dict) and _status(response, pair) >= 300:
            continue
        body = _body(response)
        if body is not None:
            bodies.append(body)
    return bodies, len(pairs)
