"""XML exports, read as a stream with a hardened parser (defusedxml: no entity expansion, no external entities, no
network): where the records are, and each record as a plain value the readers share with JSON.

Records are found by the document's kind: Jira's issue-navigator export and RSS feeds (`rss/channel/item`), Atom feeds
(`feed/entry`), RSS 1.0 (`RDF/item`), a Jira backup (`entity-engine-xml/Issue`, its fields as attributes); in any other
XML, the repeated element under the root or under its one container (`issues/issue`, `bugzilla/bug`). A record
element becomes a dict: attributes and child elements by local name (namespaces dropped), a leaf's text as a string
(with attributes, under "text"), a container of one repeated child (`labels/label`, `comments/comment`) as a list,
fields held as `<Attribute name="Name">…</Attribute>` (VersionOne) by their names.
Each record is dropped from the tree once converted, so a document of any size is read in bounded memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from prp_agent.errors import InputError
from prp_agent.text import MAX_DEPTH, loads_json, one_line

__all__ = ["XmlDoc", "convert", "embedded_json", "local", "open_xml", "text_of", "xml_start", "xmlrpc_value"]

_SAMPLE = 200
_PROBE_EVENTS = 20_000  # events looked at to find the record element of a document of no known kind
_FEEDS = {("rss", "channel", "item"): "rss", ("feed", "entry"): "atom", ("RDF", "item"): "rss"}
# Lines a browser or a tool writes before the XML when the page is saved ("This XML file does not appear to have
# any style information associated with it. The document tree is shown below.").
_XML_OPENING = re.compile(r"<\?xml\b|<rss\b|<feed\b|<rdf:RDF\b|<!--")
_MAX_JUNK_LINES = 4
_TYPED = {"type", "nil"}  # the attributes of a typed leaf (Rails' XML), not fields of their own
# XML documents that are plainly something else (a tracker's configuration, a build file), by their root element.
_NOT_ISSUES = {"workflow": "a Jira workflow definition", "project": "a build or project file (<project>)",
               "settings": "a settings file", "beans": "a Spring configuration", "web-app": "a web.xml",
               "svg": "an SVG image", "html": "an HTML page", "plist": "a property list",
               "WITD": "an Azure DevOps / TFS work item type definition (witadmin exportwitd)",
               "GLOBALLIST": "an Azure DevOps / TFS global list", "PROCESSCONFIGURATION": "a TFS process configuration",
               "CATEGORIES": "a TFS work item category list"}  # fmt: skip


def local(tag: object) -> str:
    """An element or attribute name without its namespace (`{http://www.w3.org/2005/Atom}entry` is `entry`)."""
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def text_of(value: object) -> str:
    """The text of a converted leaf: a string, or the "text" of an element with attributes."""
    if isinstance(value, dict):
        value = value.get("text", "")
    return value if isinstance(value, str) else ""


def xml_start(head: str) -> int | None:
    """Where the XML of a file starts, when it is XML: at once, or after a few lines of text a browser wrote when the
    page was saved; None when the text is not XML."""
    offset = 0
    for _ in range(_MAX_JUNK_LINES + 1):
        rest = head[offset:].lstrip("\ufeff \t\r\n")
        if rest.startswith("<") and (offset == 0 or _XML_OPENING.match(rest)):
            return len(head) - len(rest)
        end = head.find("\n", offset)
        if end == -1:
            return None
        offset = end + 1
    return None


@dataclass
class XmlDoc:
    """An XML export: its kind (`jira`, `rss`, `atom` or `xml`), where the records are, a sample of them, and the
    total the document states (Jira's `<issue total="…">`)."""

    path: Path
    offset: int
    where: str
    kind: str
    record_path: tuple[str, ...]
    sample: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None
    root: str = ""
    fragments: bool = False  # several top-level elements, read as the children of one `FRAGMENTS` root
    repaired: bool = False  # bare `&` escaped: the document is not well-formed as written

    @property
    def shown_path(self) -> str:
        """Where the records are, for the "read as" line (`rss/channel/item`)."""
        return "/".join(self.record_path)

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record, converted, one at a time."""
        yield from _walk(self.path, self.offset, self.where, self.record_path, self.fragments, self.repaired)


FRAGMENTS = "xml-fragments"  # the root a document of several top-level elements is read under


class _SeveralRoots(Exception):
    """The document has more than one top-level element (records saved one after another)."""


class _Malformed(Exception):
    """The document holds a character XML does not allow where it is (a bare `&` in a URL, often)."""


# An `&` that starts no entity or character reference: written bare (`?a=1&b=2`), which XML does not allow
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")


# a named reference: XML defines five; HTML's others (`&nbsp;`, `&eacute;`) arrive in exports written by hand
_NAMED_REFERENCE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_NAMES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _as_character(reference: re.Match[bytes]) -> bytes:
    """An HTML named reference as the character reference XML reads (`&nbsp;` → `&#160;`); an unknown one as text."""
    name = reference.group(1)
    if name in _XML_NAMES:
        return reference.group(0)
    from html.entities import name2codepoint

    code = name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % code if code is not None else b"&amp;" + name + b";"


class _Ampersands:
    """A document read with its bare `&` escaped and HTML's named references made character references, in
    chunks: an `&` near a chunk's end waits for the next chunk, so that a reference split across two is seen whole."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self._tail
        while True:
            chunk = self._handle.read(size if size > 0 else 1 << 16)
            data += chunk
            cut = data.rfind(b"&", max(0, len(data) - 40))
            held = chunk and cut >= 0 and b";" not in data[cut:]
            self._tail = data[cut:] if held else b""
            out = data[:cut] if held else data
            if out or not chunk:
                return _NAMED_REFERENCE.sub(_as_character, _BARE_AMPERSAND.sub(b"&amp;", out))
            data = self._tail


class _Fragments:
    """A document of several top-level elements as one: its XML declaration, then the elements inside a
    `<xml-fragments>` root. Read in chunks, as the parser asks."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        head = handle.read(4096)
        declared = re.match(rb"\s*<\?xml[^>]{0,300}\?>", head)
        cut = declared.end() if declared else 0
        self._pending = [head[:cut], b"<" + FRAGMENTS.encode() + b">", head[cut:]]
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if self._pending:
            return self._pending.pop(0)
        chunk = self._handle.read(size if size > 0 else 1 << 16)
        if chunk or self._done:
            return chunk
        self._done = True
        return b"</" + FRAGMENTS.encode() + b">"


def _parse(
    path: Path, offset: int, where: str, fragments: bool = False, probing: bool = False, repair: bool = False
) -> Iterator[tuple[str, Any]]:
    """(event, element) pairs of the document, from a hardened parser; one line for a document that is not XML.
    `fragments`: read a document of several top-level elements under one root; `probing`: say that a document has
    several (`_SeveralRoots`) or a character out of place (`_Malformed`), for the probe to read it again that way;
    `repair`: escape bare `&`."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    with open(path, "rb") as handle:
        handle.seek(offset)
        source: Any = _Ampersands(handle) if repair else handle
        try:
            yield from iterparse(_Fragments(source) if fragments else source, events=("start", "end"))
        except ParseError as exc:
            line, column = getattr(exc, "position", (0, 0))
            message = str(exc).split(":")[0]
            if message == "junk after document element" and probing and not fragments:
                raise _SeveralRoots from None
            if message in {"not well-formed (invalid token)", "undefined entity"} and probing and not repair:
                raise _Malformed from None  # a bare `&`, or an HTML entity (`&nbsp;`) XML does not define
            raise InputError(f"{where} is not well-formed XML (line {line}, column {column}: "
                             f"{one_line(message, 60)})") from None  # fmt: skip
        except DefusedXmlException as exc:
            raise InputError(f"{where} declares XML entities, which are not read ({type(exc).__name__})") from None


def _walk(
    path: Path, offset: int, where: str, record_path: tuple[str, ...], fragments: bool = False, repair: bool = False
) -> Iterator[dict[str, Any]]:
    """Each record element at `record_path`, converted. Every element that ends at the records' depth or above — a
    record, a sibling that is not one (a backup's other entities), an enclosing element — is then dropped from the
    tree, so memory holds one record at a time whatever else the document holds."""
    stack: list[Any] = []
    names: list[str] = []
    depth = len(record_path)
    for event, element in _parse(path, offset, where, fragments, repair=repair):
        if event == "start":
            stack.append(element)
            names.append(local(element.tag))
            if len(stack) > MAX_DEPTH:
                raise InputError(f"{where} is not usable XML: nested more than {MAX_DEPTH} levels deep")
            continue
        ended_at = len(stack)
        is_record = ended_at == depth and tuple(names) == record_path
        stack.pop()
        names.pop()
        if is_record:
            converted = convert(element)
            yield converted if isinstance(converted, dict) else {"text": text_of(converted)}
        if ended_at <= depth:
            if stack:
                stack[-1].remove(element)
            element.clear()


def open_xml(path: Path, offset: int, where: str) -> XmlDoc:
    """Find the records of an XML export: by its kind, or the repeated element of a document of no known kind (a
    document of several top-level elements, records saved one after another, is read as if under one root)."""
    try:
        return _open_document(path, offset, where, repair=False)
    except _Malformed:  # written by hand or by a careless tool: read with its bare `&` escaped
        return _open_document(path, offset, where, repair=True)


def _open_document(path: Path, offset: int, where: str, repair: bool) -> XmlDoc:
    try:
        return _open_xml(path, offset, where, fragments=False, repair=repair)
    except _SeveralRoots:
        return _open_xml(path, offset, where, fragments=True, repair=repair)


def embedded_json(path: Path, offset: int, where: str) -> tuple[list[Any], str] | None:
    """JSON that an XML document stores as the value of an attribute or an element (an IDE's settings file keeping
    a tracker's issues as `<entry value="[{&quot;idReadable&quot;: …}]">`): every such array's items, one after
    another, and where they were; None when the document holds none."""
    found: list[Any] = []
    places: list[str] = []
    for event, element in _parse(path, offset, where):
        if event != "end":
            continue
        values = [*element.attrib.values(), element.text or ""]
        for value in values:
            text = value.strip()
            if len(text) < _EMBEDDED_MIN or text[0] not in "[{" or text[-1] not in "]}":
                continue
            try:
                parsed = loads_json(text)  # bounded in depth, as every JSON read is
            except ValueError:
                continue
            found.extend(parsed if isinstance(parsed, list) else [parsed])
            places.append(local(element.tag))
            if len(places) > _EMBEDDED_MAX:  # JSON values throughout a document are its data's own (an audit log)
                return None
        element.clear()
    return (found, f"JSON in <{places[0]}>") if found else None


_EMBEDDED_MIN = 64  # shorter JSON values are settings, not an export
_EMBEDDED_MAX = 20  # an export kept in a document is one value, or one per server or project


def _open_xml(path: Path, offset: int, where: str, fragments: bool, repair: bool) -> XmlDoc:
    root = ""
    counts: dict[tuple[str, ...], int] = {}
    names: list[str] = []
    total: int | None = None
    jira = False
    for seen, (event, element) in enumerate(_parse(path, offset, where, fragments, probing=True, repair=repair)):
        if event == "start":
            names.append(local(element.tag))
            if len(names) == 1:
                root = names[0]
            if names == ["rss", "channel", "issue"] and element.get("total", "").isdigit():
                total, jira = int(element.get("total", "0")), True
            if tuple(names[:3]) == ("rss", "channel", "item") and len(names) == 4 and names[3] in ("key", "summary"):
                jira = True
        else:
            if 1 < len(names) <= 4 or (names[-1] == "artifact" and len(names) <= 8):  # Tuleap's, deep in trackers
                counts[tuple(names)] = counts.get(tuple(names), 0) + 1
            names.pop()
        known = next((p for p in _FEEDS if counts.get(p, 0) >= 1), None)
        if known is not None and (counts[known] >= _SAMPLE or seen > _PROBE_EVENTS):
            break
        if known is None and seen > _PROBE_EVENTS:
            break
    if not root:
        raise InputError(f"{where} holds no XML element")
    if root in _NOT_ISSUES and not (root == "project" and any(_ISSUE_ELEMENTS.match(_squash(p[-1])) for p in counts)):
        raise InputError(f"{where} is {_NOT_ISSUES[root]}, not an issue export")  # Tuleap's project holds artifacts
    feed = next((p for p in _FEEDS if p[0] == root and counts.get(p)), None)
    artifacts = [p for p in counts if p[-1] == "artifact"] if root == "project" else []
    if artifacts:  # Tuleap's project export: its trackers' definitions, then their artifacts
        record_path, kind = max(artifacts, key=lambda p: counts[p]), "xml"
    elif feed is not None:
        record_path, kind = feed, "jira" if jira and root == "rss" else _FEEDS[feed]
    else:
        record_path = (root, "Issue") if root == "entity-engine-xml" else _repeated(root, counts)
        kind = "xml"
        record_path = _nested_items(record_path, counts) or record_path
        _refuse_other_records(record_path[-1], counts, where)
    doc = XmlDoc(path, offset, where, kind, record_path, total=total, root=root, fragments=fragments, repaired=repair)
    for record in _walk(path, offset, where, record_path, fragments, repair):
        doc.sample.append(record)
        if len(doc.sample) >= _SAMPLE:
            break
    return doc


# Records of a tracker's API that are not issues, by their element's name (Redmine's `<projects><project>`)
_OTHER_RECORDS = {"project", "user", "person", "membership", "member", "version", "milestone", "tracker", "group",
                  "activity", "event",
                  "role", "label", "tag", "team", "account", "workspace", "board", "status", "issuestatus",
                  "priority", "category", "component", "customfield", "timeentry", "news", "query", "sprint",
                  "iteration", "release", "repository", "todolist", "space", "folder",
                  "table"}  # fmt: skip  # `table`: a database backup's table definitions (Jira's ActiveObjects)
_ISSUE_ELEMENTS = re.compile(
    r"^(issue|ticket|bug|story|task|card|item|workitem|case|record|entry|todo|todoitem|incident|defect|problem|"
    r"artifact)s?$"
)


def _nested_items(record_path: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> tuple[str, ...] | None:
    """The issues inside records that are lists of them (Basecamp's `todo-lists/todo-list/todo-items/todo-item`):
    their path, when the records are containers (`_OTHER_RECORDS`) holding a list of issue elements."""
    if _squash(record_path[-1]) not in _OTHER_RECORDS:
        return None
    inner = [path for path in counts if len(path) == len(record_path) + 2 and path[: len(record_path)] == record_path]
    items = [path for path in inner if _ISSUE_ELEMENTS.match(_squash(path[-1])) and _plural(path[-2], path[-1])]
    return max(items, key=lambda path: counts[path]) if items else None


def _squash(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


def _refuse_other_records(element: str, counts: dict[tuple[str, ...], int], where: str) -> None:
    """A document whose records are projects, users or versions, with no issue element anywhere, holds no issue."""
    if _squash(element) not in _OTHER_RECORDS:
        return
    if any(_ISSUE_ELEMENTS.match(_squash(part)) for path in counts for part in path):
        return
    raise InputError(f"{where} lists {element} records, not issues: export the issues instead")


def _repeated(root: str, counts: dict[tuple[str, ...], int]) -> tuple[str, ...]:
    """The record element of a document of no known kind: the most repeated child of the root (`bugzilla/bug`), or,
    when the root holds one container, that container's most repeated child (`response/issues/issue`); the root
    itself when nothing repeats (one issue on its own)."""
    children = {path: n for path, n in counts.items() if len(path) == 2}
    repeated = {path: n for path, n in children.items() if n >= 2}
    issues = {path: n for path, n in repeated.items() if _ISSUE_ELEMENTS.match(_squash(path[-1]))}
    if not issues and any(path[-1].lower() in _NAMED_FIELDS for path in repeated):
        return (root,)  # YouTrack's `<issue id="HA-663"><field name="summary">…`: one record, its fields by name
    if issues or repeated:  # ServiceNow's `unload/incident` beside more `sys_attachment_doc`s
        return max(issues or repeated, key=lambda path: (issues or repeated)[path])
    if len(children) == 1:  # `issues/issue…` is a container of records; `bugzilla/bug` one record
        (only,) = children
        inner = {path: n for path, n in counts.items() if len(path) == 3 and path[:2] == only}
        if not inner:
            return (root,)
        most = max(inner, key=lambda path: inner[path])
        return most if _plural(only[1], most[2]) else only
    return (root,)


def convert(element: Any, depth: int = 0) -> Any:
    """An element as a plain value (see the module's doc)."""
    attributes = {local(k): v for k, v in element.attrib.items()}
    children = list(element)
    text = (element.text or "").strip()
    if not children:
        if not attributes or set(attributes) <= _TYPED:  # `<id type="integer">5</id>` (Rails): its text
            return text
        return {**attributes, "text": text} if text else attributes
    if depth >= MAX_DEPTH - 1:
        return "".join(element.itertext()).strip()
    if attributes.get("type") == "xhtml":  # Atom's inline XHTML content: its text
        return {**attributes, "text": "\n".join(t.strip() for t in element.itertext() if t.strip())}
    tags = [local(child.tag) for child in children]
    if local(element.tag) == "artifact" and "changeset" in tags:
        return _artifact(element, attributes)
    fields_only = tags[0].lower() in _NAMED_FIELDS and len({c.get("name") for c in children} - {None}) == len(tags)
    if (
        not attributes
        and not text
        and len(set(tags)) == 1
        and (len(tags) > 1 or _plural(local(element.tag), tags[0]))
        and not fields_only  # `<issue><field name="summary">…</field>…`: one record's fields, not a list
    ):
        # `labels/label`, `comments/comment`: a list, however many there are
        return [convert(child, depth + 1) for child in children]
    fielded = [child for tag, child in zip(tags, children, strict=True) if tag.lower() in _NAMED_FIELDS]
    # VersionOne's `<Attribute name="Name">Set up Heroku</Attribute>`, YouTrack's `<field name="summary"><value>…`
    # (beside the issue's `<comment>`s): fields by their names
    named = _named_fields(fielded, depth) if len(fielded) > 1 else None
    if named is not None:  # the other children stay as they are
        kept = [(t, c) for t, c in zip(tags, children, strict=True) if t.lower() not in _NAMED_FIELDS]
        tags, children = [t for t, _ in kept], [c for _, c in kept]
    repeated = {name for name, n in Counter(tags).items() if n > 1}
    out: dict[str, Any] = dict(attributes)
    if text:
        out["text"] = text
    out.update(named or {})
    for name, child in zip(tags, children, strict=True):
        value = convert(child, depth + 1)
        if name not in repeated:
            out[name] = value
        elif isinstance(out.get(name), list):
            out[name].append(value)
        else:
            out[name] = [value]
    return out


def _artifact(element: Any, attributes: dict[str, str]) -> dict[str, Any]:
    """A Tuleap (Codendi) tracker artifact: its fields as the changesets left them, each
    `<field_change field_name="title"><value>…</value></field_change>` over the one before."""
    fields: dict[str, Any] = dict(attributes)
    for changeset in element:
        if local(changeset.tag) != "changeset":
            continue
        for change in changeset:
            name = change.get("field_name")
            if local(change.tag) != "field_change" or not name:
                continue
            values = ["".join(v.itertext()).strip() for v in change if local(v.tag) == "value"]
            values = [v for v in values if v]
            fields[name] = values[0] if len(values) == 1 else values
    return fields


# elements that hold one field each, named by their `name` attribute
_NAMED_FIELDS = {"attribute", "relation", "field", "property", "column", "param"}


def _named_fields(children: list[Any], depth: int) -> dict[str, Any] | None:
    """Fields held as `<Attribute name="…">value</Attribute>`, by their names; None when a name is missing or
    repeated."""
    names = [child.get("name") for child in children]
    if not all(names) or len(set(names)) < len(names):
        return None
    fields: dict[str, Any] = {}
    for name, child in zip(names, children, strict=True):
        value = convert(child, depth + 1)
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != "name"}
            held = set(value) - _TYPED - {"type"}  # `xsi:type="SingleField"` says how it is held, not what
            if held <= {"text"} or held == {"value"}:  # its text, or its `<value>`(s)
                value = value.get("text", value.get("value", ""))
        fields[name] = value
    return fields


def xmlrpc_value(element: Any, depth: int = 0) -> Any:
    """An XML-RPC document or `<value>` as the plain value it encodes: a `<struct>` as a dict by member name, an
    `<array>` as a list, a scalar as its text; a `<methodResponse>` as its first parameter's value."""
    if depth >= MAX_DEPTH:
        return "".join(element.itertext()).strip()
    tag = local(element.tag)
    children = list(element)
    if tag in {"methodResponse", "params", "param", "value", "fault"}:
        if not children:
            return (element.text or "").strip()
        return xmlrpc_value(children[0], depth + 1)
    if tag == "struct":
        out: dict[str, Any] = {}
        for member in children:
            parts = {local(part.tag): part for part in member}
            if "name" in parts and "value" in parts:
                out[(parts["name"].text or "").strip()] = xmlrpc_value(parts["value"], depth + 1)
        return out
    if tag == "array":
        data = next((child for child in children if local(child.tag) == "data"), None)
        return [xmlrpc_value(value, depth + 1) for value in (list(data) if data is not None else [])]
    return (element.text or "").strip()  # string, int, i4, boolean, double, dateTime.iso8601, base64


def _plural(container: str, item: str) -> bool:
    """`labels` holds `label`s, `customfieldvalues` `customfieldvalue`s, `issues` `issue`s."""
    container, item = container.lower(), item.lower()
    return container in (item + "s", item + "es", item[:-1] + "ies") or container.startswith(item)
