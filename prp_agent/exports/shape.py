"""Shape inference under the tracker readers: where in a file the issues are, and which column or key holds which
field — for exports no reader was written for, in any language.

Records: the largest list of objects that have a title-like field, found up to a few levels deep, through GraphQL
`nodes` / `edges[].node` and API envelopes (`{"issues": [...]}`, `{"data": [...]}`, `{"value": [...]}`); a record
that wraps the issue in one key (`{"data": {...}, "origin": …}`, the shape GrimoireLab/Perceval writes) is unwrapped.
Fields: a synonym table per field, in the languages trackers export in, checked against the shape of the values
(titles are short text, ids are short and unique, URLs are URLs, dates are dates).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FIELDS",
    "ISSUE_LINK",
    "SYNONYMS",
    "Candidate",
    "Mapping",
    "empty_collection",
    "etl_candidate",
    "etl_log",
    "find_records",
    "flatten",
    "guess_columns",
    "infer_mapping",
    "is_perceval",
    "jira_issue",
    "keyed",
    "named_by_text",
    "normalize",
    "not_an_issue",
    "one_issue",
    "references_only",
    "unwrap",
    "unwrap_all",
    "wrapped_issue",
]

FIELDS: tuple[str, ...] = ("id", "title", "body", "labels", "state", "comments", "url", "created")

# Per field, the names trackers give it, most telling first (normalized: lower case, no accents, single spaces).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": (
        "title", "summary", "subject", "name", "headline", "issue title", "task name", "story name", "system.title",
        "story", "issue", "issues", "task", "ticket title", "bug title", "short desc", "short description",
        "resumen", "titulo", "titel", "zusammenfassung", "resume", "titre", "sujet", "resumo", "riepilogo", "titolo",
        "sommario", "要約", "件名", "タイトル", "概要", "标题", "摘要", "主题", "제목", "요약", "samenvatting",
        "tytul", "podsumowanie", "название", "заголовок", "тема", "ozet", "baslik", "s title", "nome", "nombre",
    ),
    "body": (
        "body", "description", "desc", "details", "content", "notes", "text", "system.description", "descripcion",
        "beschreibung", "descricao", "descrizione", "説明", "詳細", "描述", "详情", "설명", "beschrijving", "opis",
        "описание", "aciklama",
    ),
    "id": (
        "key", "identifier", "issue key", "jira issue key", "jira key", "ticket key", "issue id", "idreadable",
        "id readable", "formatted id", "short id", "short name", "local task id", "number", "issue number",
        "issue no", "ticket number", "ticket no", "bug number", "defect no", "defect number", "case number",
        "incident number", "display id", "iid",
        "ticket num", "local id", "ref", "object name", "id", "#", "id issue", "num",
        "task id", "story id", "work item id", "ticket", "ticket id", "issue", "clave de incidencia", "clave",
        "id de la incidencia", "id de incidencia", "vorgangsschlussel", "schlussel", "vorgangs-id", "vorgang",
        "cle de ticket", "cle", "id de ticket", "chave", "chave do item", "id do item", "chiave ticket", "chiave",
        "id ticket", "課題キー", "キー", "課題 id", "问题关键字", "关键字", "이슈 키", "sleutel", "chave da item",
        "bug id", "defect id", "case id", "incident id", "request id",
        "klucz zgloszenia", "klucz",
        "id da item", "nr.", "nr", "no.", "nummer", "numero", "番号", "编号", "gid", "public id", "nice id", "ix bug",
        "short id", "idshort", "codigo",
        "number in project",  # YouTrack's number of an issue within its project
        "external id",  # Jira's import format: the id the issue had before
    ),
    "labels": (
        "labels", "label", "tags", "tag", "system.tags", "etiquetas", "etiqueta", "etiketten", "stichworter",
        "schlagworter", "etiquettes", "rotulos", "etichette", "ラベル", "标签", "라벨", "레이블", "метки",
    ),
    "state": (
        "state", "status", "bug status", "workflow state", "section/column", "column", "list", "system.state", "estado",
        "zustand", "etat", "statut", "situacao", "stato", "ステータス", "状态", "상태", "статус", "phase", "stage",
    ),
    "comments": (
        "comments", "comment", "comentarios", "comentario", "kommentare", "kommentar", "commentaires", "commentaire",
        "commenti", "commento", "コメント", "评论", "댓글", "комментарии", "notes", "discussion",
    ),
    "url": ("url", "html_url", "web_url", "app_url", "link", "permalink", "issue url", "web url", "short url",
            "shorturl", "self"),
    "created": (
        "created", "created_at", "createdat", "created at", "created on", "created date", "creation date",
        "date created",
        "system.createddate", "opened", "opened at", "opened on", "date opened",
        "creada", "creado", "fecha de creacion", "erstellt", "erstellt am", "creation",
        "cree", "criado", "data de criacao", "creato", "data creazione", "作成日", "作成", "创建日期", "创建时间",
        "생성일", "создано",
    ),
}  # fmt: skip
_TITLE_KEYS = set(SYNONYMS["title"])
_ENVELOPE_KEYS = (
    "data",
    "node",
    "issue",
    "item",
    "record",
    "attributes",
    "card",
    "story",
    "task",
    "work_item",
    "_source",
)  # `_source`: a search hit of Elasticsearch or OpenSearch (GrimoireLab keeps items there)
_URL = re.compile(r"^(?:https?://\S+|/[^/\s]\S*)$")  # a site's own link may leave out the site (`/o/r/issues/7`)
# A link to one issue whose last segment is its number (`…/bugs/1`, `…/-/issues/12`): a key when nothing else is.
ISSUE_LINK = re.compile(
    r"^(?:https?://[^\s?#]+|/[^\s?#]*)/(?:bugs?|issues?|tickets?|tasks?|stories|story|work_?items?)/(\d+)/?(?:[?#]\S*)?$",
    re.I,
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,2}[./-]\w{2,5}[./-]\d{2,4}")
_MAX_DEPTH = 4
_SAMPLE = 200


def normalize(name: str) -> str:
    """A column or key name for matching: lower case, accents and `(UTC)`-style suffixes dropped, camelCase and
    snake_case split into words (`issueKey` is `issue key`), a header's leading `#` dropped, spaces single."""
    text = unicodedata.normalize("NFKD", name.strip()).encode("ascii", "ignore").decode() or name.strip()
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    text = text[1:] if len(text) > 1 and text[0] in "#@" and text[1].isalpha() else text  # `#id`, `@id` (XML as JSON)
    text = re.sub(r"\s*\((?:utc|gmt|[a-z]{2,3})\)\s*$", "", text.lower())
    return " ".join(text.replace("_", " ").replace("-", " ").split()) if "." not in text else text


def _norm_keys(names: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(normalize(name), name)
        found.setdefault(normalize(name).replace(" ", "_"), name)
    return found


def flatten(record: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """A record's fields by dotted path, a few levels deep (`state.name`, `fields.summary`); lists of named objects
    become their names (`labels.nodes` → ["bug", …])."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and (plain := _notion_value(value)) is not None:
            flat[path] = plain  # a Notion page's property, as the value it shows
            if value["type"] == "title":  # the page's title, whatever the property is named (`Name`, `Tarefa`)
                flat.setdefault(f"{prefix}title", plain)
            continue
        if isinstance(value, dict) and depth < 2:
            nodes = value.get("nodes")
            if isinstance(nodes, list):
                flat[path] = _names(nodes)
            elif isinstance(value.get(key), str):  # `description: {description: "…", date: …}`: its own text
                flat[path] = value[key]
            flat.update(flatten(value, path + ".", depth + 1))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value[:5]):
            if depth < 2 and all(
                isinstance(_field_name(v), str) and "value" in v for v in value if isinstance(v, dict)
            ):
                for item in value:  # fields as a list of {name, value} (YouTrack's, custom fields)
                    if isinstance(item, dict):
                        flat.setdefault(f"{prefix}{_field_name(item)}", item["value"])
            names = _names(value)
            flat[path] = names if names else value
        else:
            flat[path] = value
    return flat


def _notion_value(value: dict[str, Any]) -> Any:
    """A Notion property (`{"type": "select", "select": {"name": "Bug"}}`) as the value a reader shows: text for
    title and rich text, a name for select and status, names for multi-select and people, a date's start; None
    when the object is not a Notion property."""
    kind = value.get("type")
    if not isinstance(kind, str) or kind not in value or len(value) > 3 or not set(value) <= {"id", "type", kind}:
        return None
    inner = value[kind]
    if kind in {"title", "rich_text"} and isinstance(inner, list):
        return "".join(str(part.get("plain_text", "")) for part in inner if isinstance(part, dict))
    if kind in {"select", "status"}:
        return inner.get("name", "") if isinstance(inner, dict) else ""
    if kind in {"multi_select", "people", "relation"} and isinstance(inner, list):
        return [str(item.get("name", item.get("id", ""))) for item in inner if isinstance(item, dict)]
    if kind == "date":
        return inner.get("start", "") if isinstance(inner, dict) else ""
    if kind == "unique_id" and isinstance(inner, dict):  # `TASK-12`
        return "-".join(str(part) for part in (inner.get("prefix"), inner.get("number")) if part is not None)
    return inner if isinstance(inner, str | int | float | bool) or inner is None else None


def _field_name(item: dict[str, Any]) -> Any:
    """A field's name in a list of name and value pairs (`@name` when XML was converted to JSON)."""
    return item.get("name", item.get("@name"))


def _names(items: list[Any]) -> list[str]:
    names = []
    for item in items:
        if isinstance(item, dict):
            for key in ("name", "title", "label", "text", "body", "plain_text"):
                if isinstance(item.get(key), str):
                    names.append(item[key])
                    break
    return names


@dataclass
class Mapping:
    """Which column or key holds each field, and whether it was inferred or given with --map."""

    columns: dict[str, str] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)
    # Further columns read when the chosen one is empty in a record (payloads mixing `body` and `description`).
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    # Columns appended to the body under their own heading (acceptance criteria).
    extras: list[str] = field(default_factory=list)
    # A unique id column beside a key column that repeats: it tells apart entries that share a key.
    secondary: str | None = None

    def describe(self) -> str:
        """`title ← Resumen, body ← Descripción, …` for --list."""
        marks = {name: " (--map)" if name in self.given else "" for name in self.columns}
        return ", ".join(f"{name} ← {self.shown(name)}{marks[name]}" for name in self.columns)

    def shown(self, name: str) -> str:
        """The column a field comes from, with its fallbacks (`body | description`) and extras (`+ Acceptance
        Criteria`)."""
        shown = " | ".join([self.columns[name], *self.fallbacks.get(name, [])])
        return " + ".join([shown, *self.extras]) if name == "body" else shown


def _looks(name: str, values: list[Any]) -> bool:
    present = [v for v in values if v not in (None, "", [], {})]
    if not present:
        return name in {"body", "labels", "comments", "state"}
    share = 0.5
    good: list[Any]
    if name == "title":
        good = [v for v in present if isinstance(v, str) and 0 < len(v.strip()) <= 400 and "\n" not in v.strip()]
    elif name == "id":
        good = [v for v in present if isinstance(v, int | str) and not isinstance(v, bool) and len(str(v)) <= 64
                and len(str(v).split()) <= 1]  # fmt: skip
        if len({str(v) for v in good}) * 2 < len(good):
            return False  # ids are unique (an export may repeat a few)
    elif name == "url":
        good = [v for v in present if isinstance(v, str) and _URL.match(v)]
    elif name == "created":
        good = [v for v in present if isinstance(v, str) and _DATE.match(v.strip())]
    elif name in {"labels", "comments"}:
        good = [v for v in present if isinstance(v, list | str)]
    else:
        good = [v for v in present if isinstance(v, str | int | float)]
    return len(good) >= share * len(present)


# Objects whose keys are the issue's own fields (`fields.summary`, `attributes.title`), and the leaves that name a
# nested object (`state.name`, `team.key`, `labels.nodes`).
_CONTAINERS = {
    "fields", "attributes", "data", "issue", "node", "item", "record", "properties", "card", "work_item", "meta",
    "metadata", "bug_data", "bug", "story", "task", "ticket", "content",
}  # fmt: skip  # `content`: a GitHub Projects item's issue
_LEAVES = (
    "name", "title", "key", "value", "displayname", "display name", "label", "nodes", "text", "raw", "markdown", "href",
)  # fmt: skip


def _columns_for(synonym: str, by_norm: dict[str, str]) -> list[str]:
    """The columns or dotted keys that `synonym` names: the whole name, a container's key (`fields.summary`), or
    a named object's name (`state.name`)."""
    found = [by_norm[n] for n in (synonym, synonym.replace(" ", "_")) if n in by_norm]
    for norm, column in by_norm.items():
        parts = norm.split(".")
        if len(parts) < 2:
            continue
        tail = synonym.split(".")
        contained = len(parts) > len(tail) and parts[-len(tail) :] == tail  # `fields.summary`, `fields.System.Title`
        contained = contained and all(p in _CONTAINERS for p in parts[: -len(tail)])
        underscored = parts[-1] == synonym.replace(" ", "_") and all(p in _CONTAINERS for p in parts[:-1])
        named = parts[0] in (synonym, synonym.replace(" ", "_")) and len(parts) == 2 and parts[1] in _LEAVES
        if contained or underscored or named:
            found.append(column)
    return list(dict.fromkeys(found))


# Pieces of a column name that tell its field when no synonym names it whole, and the names of acceptance criteria.
_PARTS = {
    "title": ("title", "summary", "subject", "titulo", "titre", "titel"),
    "body": ("description", "descripcion", "descricao", "descrizione", "beschreibung", "details", "body"),
}
_ACCEPTANCE = ("acceptance criteria", "criterios de aceptacion", "akzeptanzkriterien", "criteres d'acceptation",
               "criterios de aceitacao", "criteri di accettazione")  # fmt: skip


# What an issue holds that has links and dates of its own: an attachment's URL is not the issue's
_NOT_OWN = {"attachment", "attachments", "comment", "comments", "avatar", "avatar_url", "author", "user", "assignee",
            "assignees", "reporter", "creator", "owner", "project", "repository", "milestone", "labels", "files",
            "file", "image", "images", "icon", "thumbnail", "parent", "epic"}  # fmt: skip


def _own(column: str) -> bool:
    """Whether a dotted column is the record's own field, not one of a person, a file or a related item it holds."""
    return not any(part.lower() in _NOT_OWN for part in column.split(".")[:-1])


def _unique(values: list[Any]) -> bool:
    present = [str(v) for v in values if v not in (None, "")]
    return len(present) == len(values) > 1 and len(set(present)) == len(present)


def _only(pattern: re.Pattern[str], values: list[Any]) -> bool:
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(isinstance(v, str) and pattern.match(v.strip()) for v in present)


# database ids nobody quotes: hex, UUIDs, GraphQL node ids (GitHub's `I_kwDO…`, a project item's `PVTI_…`)
_OPAQUE = re.compile(
    r"^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z][A-Za-z]{0,5}_[\w-]{10,})$",
    re.I,
)
_HUMAN = re.compile(r"^(?:#?\d{1,7}|[A-Z][A-Z0-9_]*-\d+)$")


def _human_key(chosen: str, flat: list[dict[str, Any]], by_norm: dict[str, str], taken: set[str]) -> str | None:
    """Another id column holding the short keys people quote (`task_id` 2, `nice_id` 1, `PROJ-7`), unique in the
    sample, when the chosen id is an opaque database id (24 hex digits, a UUID); or a record's own number
    (`incident_number` 1) when the chosen id is no key people quote (`PW9CLK8`). None otherwise."""
    values = [str(v) for r in flat if (v := r.get(chosen)) not in (None, "")]
    numbered = [column for norm, column in by_norm.items() if _NUMBER_COLUMN.fullmatch(norm)]
    if values and normalize(chosen.rsplit(".", 1)[-1]) == "id" and numbered:
        values = []  # a bare database `ID` beside the record's own `TicketNumber`: the number is what people quote
    elif not values or all(_HUMAN.match(v) for v in values):
        return None
    candidates = [column for synonym in SYNONYMS["id"] for column in _columns_for(synonym, by_norm)]
    count = len(values) or len([r for r in flat if r.get(chosen) not in (None, "")])
    for column in candidates if values and all(_OPAQUE.match(v) for v in values) else numbered:
        keys = [str(v) for r in flat if (v := r.get(column)) not in (None, "")]
        quoted = [bool(_HUMAN.match(k) or (column in numbered and _OWN_NUMBER.match(k))) for k in keys]
        if column not in taken and len(keys) == count and all(quoted) and _unique(keys):
            return column
    return None


# the values of a record's own number column (`TicketNumber` 80920001, `number` INC0010001)
_OWN_NUMBER = re.compile(r"^(?:#?\d{1,12}|[A-Z]{2,8}\d{3,12})$")


# a record's own number, named for what the record is (`incident_number`, `case no`); not a phone's or an order's
_NUMBER_COLUMN = re.compile(
    r"(?:incident|issue|ticket|bug|case|story|task|defect|request|problem|item)[ _]?(?:number|no|num)"
)


# Record names that say each record is an issue (`tasks/task`, `todo-items/todo-item`, `tickets[]`)
_ISSUE_RECORDS = re.compile(
    r"(?:^|[/.\[\]])(?:issue|ticket|bug|story|task|card|work-?item|todo|todo-?item)s?(?:\[\])?$", re.IGNORECASE
)


def named_by_text(candidate: Candidate) -> bool:
    """Whether records with no title field, named as issues (`tasks/task`), each hold one line of text that names
    them (BugHerd's task `description`, Basecamp's to-do `content`)."""
    path = candidate.path.removesuffix(".*[]")  # buckets of one list (`todos.remaining`, `todos.completed`)
    named = _ISSUE_RECORDS.search(path)
    if not named and not _GENERIC_RECORDS.search(path):
        return False
    sample = [flatten(record) for record in candidate.sample]
    columns = infer_mapping(candidate.keys, sample).columns
    if "title" not in columns or named:
        return "title" in columns
    # in a list named for nothing (`{"page": 1, "items": [...]}`), a line of text with a key and a state beside it
    # says issue (a `name` there is a sprint's, a project's)
    text = normalize(columns["title"]).split(".")[-1] in SYNONYMS["body"]
    return text and {"id", "state"} <= set(columns)


# (`*`: a document of records under labels of their own, a Rails fixture's)
_GENERIC_RECORDS = re.compile(r"(?:^|[/.\[\]*])(?:items|results|data|records|entries|values|nodes)?(?:\[\])?$")


def _one_liners(values: list[Any], longest: int = 200) -> bool:
    """Whether a text column holds one short line per record (a to-do's text), so it names the records."""
    texts = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    return len(texts) * 5 >= 4 * max(len(values), 1) and all("\n" not in t and len(t) <= longest for t in texts)


# a text column named for the record it describes (`Bug Description`, `issue_text`)
_RECORD_TEXT = re.compile(r"(?:bug|issue|ticket|defect|problem|incident)[ _](?:description|text|summary|details)")


def infer_mapping(names: list[str], sample: list[dict[str, Any]], given: dict[str, str] | None = None) -> Mapping:
    """Which of `names` (columns, or dotted keys of the sample records) holds each field; `given` wins."""
    given = given or {}
    mapping = Mapping(given=set(given))
    by_norm = _norm_keys(names)
    taken: set[str] = set(given.values())
    flat = [flatten(record) if any("." in n for n in names) else record for record in sample]
    for name in FIELDS:
        if name in given:
            mapping.columns[name] = given[name]
            continue
        fitting = [
            column
            for synonym in SYNONYMS[name]
            for column in _columns_for(synonym, by_norm)
            if column not in taken and _looks(name, [record.get(column) for record in flat])
        ]
        chosen = fitting[0] if fitting else None
        if name == "id" and len(fitting) > 1:  # the id the titled records have (not the `key` of notes beside them)
            rows = [record for record in flat if _titled(record, top=True)] or flat
            filled = {column: sum(record.get(column) not in (None, "") for record in rows) for column in fitting}
            chosen = next(c for c in fitting if filled[c] * 2 > max(filled.values()))
        if chosen is None and name in _PARTS:  # `Issue description`, `User Story / Description`
            chosen = next(
                (
                    column
                    for column in names
                    if column not in taken
                    and all(p in _CONTAINERS for p in normalize(column).split(".")[:-1])
                    and any(part in normalize(column).split(".")[-1] for part in _PARTS[name])
                    and _looks(name, [record.get(column) for record in flat])
                ),
                None,
            )
        if chosen is not None:
            mapping.columns[name] = chosen
            taken.add(chosen)
    if "title" not in mapping.columns and "body" in mapping.columns and "body" not in given:
        body = mapping.columns["body"]
        texts = [record.get(body) for record in flat]
        # BugHerd's tasks, Basecamp's to-dos: one line each; a `Bug Description` of one line states its bug
        if _one_liners(texts) or (_RECORD_TEXT.fullmatch(normalize(body)) and _one_liners(texts, 400)):
            mapping.columns["title"] = mapping.columns.pop("body")
    if "title" in mapping.columns and "title" not in given and (prose := _prose_beside(mapping, names, flat, taken)):
        # a `Name` that holds codes (`DMAN4LKS2C`) beside a column of sentences: the codes are the key
        code = mapping.columns["title"]
        mapping.columns["title"] = prose
        if mapping.columns.get("body") == prose:
            del mapping.columns["body"]
        taken.add(prose)
        if "id" not in mapping.columns:
            mapping.columns["id"] = code
        else:
            taken.discard(code)
    if "id" in mapping.columns and "id" not in given:  # a key people use over an opaque database id
        human = _human_key(mapping.columns["id"], flat, by_norm, taken)
        if human is not None:
            taken.discard(mapping.columns["id"])
            mapping.columns["id"] = human
            taken.add(human)
    if "id" in mapping.columns and "id" not in given:  # another id column that is unique where the key repeats
        values = [str(record.get(mapping.columns["id"])) for record in flat]
        if len(set(values)) < len(values):
            mapping.secondary = next(
                (
                    column
                    for synonym in SYNONYMS["id"]
                    for column in _columns_for(synonym, by_norm)
                    if column not in taken and _unique([record.get(column) for record in flat])
                ),
                None,
            )
    mapping.extras = [c for c in names if c not in taken and any(p in normalize(c) for p in _ACCEPTANCE)]
    taken.update(mapping.extras)
    if "url" not in mapping.columns:
        urls = [n for n in names if n not in taken and _only(_URL, [record.get(n) for record in flat]) and _own(n)]
        if len(urls) == 1:
            mapping.columns["url"] = urls[0]
            taken.add(urls[0])
    if "id" not in mapping.columns:
        linked = [n for n in names if n not in taken and _only(ISSUE_LINK, [record.get(n) for record in flat])]
        if linked:
            mapping.columns["id"] = linked[0]
            taken.add(linked[0])
    if "body" in mapping.columns and "body" not in given:
        others = [
            column
            for synonym in SYNONYMS["body"]
            for column in _columns_for(synonym, by_norm)
            if column not in taken and _looks("body", [record.get(column) for record in flat])
        ]
        if others:
            mapping.fallbacks["body"] = list(dict.fromkeys(others))
    return mapping


_CODE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{3,40}")


def _prose_beside(mapping: Mapping, names: list[str], flat: list[dict[str, Any]], taken: set[str]) -> str | None:
    """The column of one-line sentences beside a title column that holds only codes (`DMAN4LKS2C`), if any."""
    codes = [v.strip() for r in flat if isinstance(v := r.get(mapping.columns["title"]), str) and v.strip()]
    if len(codes) < 2 or not all(_CODE.fullmatch(v) and any(c.isdigit() for c in v) for v in codes):
        return None
    best, most = None, 3.0  # sentences: at least three words each, on average
    body = mapping.columns.get("body")  # one line each: a short description is the title
    for name in names:
        values = [v.strip() for r in flat if isinstance(v := r.get(name), str) and v.strip()]
        if (name in taken and name != body) or len(values) * 2 < len(flat) or not _one_liners(values, 300):
            continue
        words = sum(len(v.split()) for v in values) / len(values)
        if words >= most:
            best, most = name, words
    return best


def guess_columns(names: list[str], sample: list[dict[str, Any]], inferred: dict[str, str]) -> dict[str, str]:
    """A best guess at the title (and body) among columns no synonym named, for the `--map` hint of a file nothing
    fits: the title is the column of short, single-line, mostly distinct text; the body the one of longest text."""
    guess = dict(inferred)
    free = [name for name in names if name not in guess.values()]

    def texts(name: str) -> list[str]:
        return [v.strip() for r in sample if isinstance(v := r.get(name), str) and v.strip()]

    def title_score(name: str) -> float:
        values = texts(name)
        if not values or not _looks("title", values) or all(_URL.match(v) or _DATE.match(v) for v in values):
            return 0.0
        too_long = max(0.0, length(name) - 120) / 60  # titles are short; long text is a body
        return len(set(values)) / len(values) * min(words(name), 8) / (1 + too_long)

    def words(name: str) -> float:
        values = texts(name)
        return sum(len(v.split()) for v in values) / len(values) if values else 0.0

    def length(name: str) -> float:
        values = texts(name)
        return sum(len(v) for v in values) / len(values) if values else 0.0

    if "title" not in guess:
        prose = sorted((name for name in free if words(name) >= 2), key=length)
        if len(prose) >= 2 and "body" not in guess and length(prose[-1]) >= max(60, 1.5 * length(prose[0])):
            guess["body"] = prose.pop()  # of two kinds of prose, the longer is the body
        titled = [name for name in free if title_score(name) > 0 and name != guess.get("body")]
        if titled:
            guess["title"] = max(titled, key=title_score)
    for name, pattern in (("url", _URL), ("created", _DATE)):  # by the shape of the values alone
        shaped = [c for c in free if c not in guess.values() and texts(c) and all(pattern.match(v) for v in texts(c))]
        shaped = [c for c in shaped if _own(c)]
        if name not in guess and shaped:
            guess[name] = shaped[0]
    order = {name: index for index, name in enumerate(FIELDS)}
    return dict(sorted(guess.items(), key=lambda item: order.get(item[0], 99)))


@dataclass
class Candidate:
    """A list of records somewhere in a JSON value: where, the records (unwrapped; an iterator for a streamed file),
    a sample of them, and how telling it is."""

    path: str
    records: Iterable[Any]
    sample: list[dict[str, Any]]
    titled: int
    count: int | None = None
    unwrapped: str | None = None
    keys: list[str] = field(default_factory=list)
    prefix: str = ""  # where the records are, as an ijson prefix (`data.issues.nodes.item`), to stream them again

    def describe(self) -> str:
        """`data.issues.nodes (12 records: id, title, …)` for messages."""
        shown = ", ".join(self.keys[:6]) + (f" (+{len(self.keys) - 6} more)" if len(self.keys) > 6 else "")
        size = f"{self.count} records" if self.count is not None else "records"
        return f"{self.path or '(top level)'} ({size}: {shown})"


def is_perceval(record: dict[str, Any]) -> bool:
    """A GrimoireLab/Perceval item: the issue in `data`, the backend and category beside it."""
    return "backend_name" in record and isinstance(record.get("data"), dict)


def _titled(record: dict[str, Any], *, top: bool = False) -> bool:
    """Whether a record has a non-blank title-like field (`top`: at its own level, not inside another object)."""
    if is_perceval(record):
        record = record["data"]
    flat = record if top else flatten(record)
    by_norm = _norm_keys(flat)
    return any(
        isinstance(flat.get(column), str) and flat[column].strip()
        for synonym in SYNONYMS["title"]
        for column in _columns_for(synonym, by_norm)
    )


def _unwrap(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """Records that each wrap the issue in one key (GraphQL's `node`, an API's `item`): the inner objects. Perceval
    items stay whole: their reader needs the backend and category beside the issue."""
    sample = records[:_SAMPLE]
    if not records or all(is_perceval(r) for r in sample):
        return records, None
    if sum(_titled(r, top=True) for r in sample) * 2 >= len(sample):
        return records, None
    if sum(not_an_issue(r) is not None for r in sample) * 2 > len(sample):
        return records, None  # Trello's actions hold a card under `data`: they are actions, not wrapped issues
    named = {next(iter(r)) for r in sample if len(r) == 1}  # `{"HierarchicalRequirement": {...}}`: by its type
    for key in (*_ENVELOPE_KEYS, *(named if len(named) == 1 else ())):
        inner = [unwrap(r, key) for r in records]
        if sum(i is not r for i, r in zip(inner, records, strict=True)) * 5 >= 4 * len(records):
            unwrapped = [i for i, r in zip(inner, records, strict=True) if i is not r]
            if sum(_titled(r) for r in unwrapped[:_SAMPLE]):
                return unwrapped, key
    return records, None


def unwrap(record: Any, key: str) -> Any:
    """The object a record wraps under `key` (`attributes`, `node`, `data`), with the wrapper's `id` when it has
    none of its own (JSON:API keeps the id beside the attributes); the record itself when it wraps nothing there."""
    inner = record.get(key) if isinstance(record, dict) else None
    if not isinstance(inner, dict):
        return record
    return {"id": record["id"], **inner} if "id" in record and "id" not in inner else inner


def keyed(key: str, record: Any) -> Any:
    """A record of an object keyed by id (`{"1": {...}}`), with its key as its `id` when it has none of its own."""
    return {"id": key, **record} if isinstance(record, dict) and "id" not in record else record


# ETL tools' message logs, one message a line: Airbyte `{"type": "RECORD", "record": {"stream": S, "data": {...}}}`
# and Singer `{"type": "RECORD", "stream": S, "record": {...}}`. Every stream of a tracker (users, projects, tasks)
# shares one log; only the records of its issue stream are issues.
_ISSUE_STREAM = re.compile(r"(^|[^a-z])(issues?|tickets?|bugs?|stories|story|tasks?|cards?|work_?items?|incidents?)$")


def etl_record(line: Any) -> tuple[str, dict[str, Any]] | None:
    """(stream, record) of an ETL tool's RECORD message; None for any other line."""
    if not isinstance(line, dict) or line.get("type") != "RECORD":
        return None
    record = line.get("record")
    if isinstance(record, dict) and isinstance(record.get("stream"), str) and isinstance(record.get("data"), dict):
        return record["stream"], record["data"]  # Airbyte
    if isinstance(line.get("stream"), str) and isinstance(record, dict):
        return line["stream"], record  # Singer
    return None


def etl_candidate(sample: list[Any], lines: Iterable[Any]) -> Candidate | None:
    """The records of an ETL message log's issue stream (read from `lines` one by one); None when the lines
    (`sample`: the first of them) are not such a log or no stream holds issues."""
    messages = [found for line in sample if (found := etl_record(line)) is not None]
    if not sample or len(messages) * 2 < len(sample):
        return None
    stream = _issue_stream(messages)
    if stream is None:
        return None
    chosen = [record for name, record in messages if name == stream][:_SAMPLE]
    records = (found[1] for line in lines if (found := etl_record(line)) is not None and found[0] == stream)
    keys = list(dict.fromkeys(k for r in chosen[:20] for k in flatten(r)))
    return Candidate(f"lines[] of stream {stream}", records, chosen, sum(map(_titled, chosen)), None, None, keys)


def etl_log(sample: list[Any]) -> bool:
    """Whether lines are an ETL tool's message log: RECORD messages, at least half of them."""
    return bool(sample) and sum(etl_record(line) is not None for line in sample) * 2 >= len(sample)


def _issue_stream(messages: list[tuple[str, dict[str, Any]]]) -> str | None:
    """Of an ETL log's (stream, record) messages, the stream whose records are the issues: one named for issues
    (`…__tasks`, `issues`), else the one with the most titled records; None when none is."""
    streams = list(dict.fromkeys(stream for stream, _ in messages))
    named = [s for s in streams if _ISSUE_STREAM.search(s.lower().rsplit(".", 1)[-1])]
    if named:
        return named[0]
    titled = Counter(stream for stream, record in messages if _titled(record) and not_an_issue(record) is None)
    return titled.most_common(1)[0][0] if titled else None


def unwrap_all(records: Iterable[Any], key: str) -> Iterator[Any]:
    """`unwrap` over records read one by one (a stream)."""
    return (unwrap(record, key) for record in records)


def _lists(value: Any, path: str, depth: int) -> Iterable[tuple[str, str, list[Any]]]:
    """(path as shown, ijson prefix of the records, the records) of every list of objects."""
    if isinstance(value, list):
        if value and sum(isinstance(v, dict) for v in value[:_SAMPLE]) * 2 >= min(len(value), _SAMPLE):
            items = f"{path}.item" if path else "item"
            edges = [v.get("node") for v in value if isinstance(v, dict)]
            if edges and all(isinstance(e, dict) for e in edges):
                yield (f"{path}[].node" if path else "[].node"), f"{items}.node", edges
            else:
                yield path, items, value
                if path.rsplit(".", 1)[-1].lower() in _HOLDERS:
                    yield from _issues_within(value, path, items)
        return
    if isinstance(value, dict) and depth < _MAX_DEPTH:
        if path and _keyed(value, path.rsplit(".", 1)[-1].lower() in _ISSUE_LISTS):
            # `{"tickets": {"1": {...}, "2": {...}}}`: records keyed by their ids
            yield f"{path}.*", f"{path}.*", [keyed(key, record) for key, record in value.items()]
            yield from _within_keyed(value, path, depth)
            return
        if _bucketed(path, value):  # Basecamp's `"todos": {"remaining": [...], "completed": [...]}`
            shown = f"{path}.*[]" if path else "*[]"
            yield shown, f"{path}{BUCKETS}", [item for bucket in value.values() for item in buckets(bucket)]
            return
        if not path and (stem := _labelled(value)) is not None:  # a Rails fixture: `issues_001: {…}`, …
            yield f"{stem}_*" if stem else "*", ".*", [keyed(key, record) for key, record in value.items()]
            return
        for key, inner in value.items():
            yield from _lists(inner, f"{path}.{key}" if path else str(key), depth + 1)


# lists of records that hold issues (`projects[].issues`), where an issue's own tasks or subtasks are not issues
_HOLDERS = {"projects", "boards", "sprints", "milestones", "iterations", "releases", "versions", "spaces",
            "workspaces", "repositories", "repos", "columns", "stages"}  # fmt: skip


def _issues_within(value: list[Any], path: str, items: str) -> Iterable[tuple[str, str, list[Any]]]:
    """The issues a list of other records holds, gathered over all of them: a Jira import file's
    `projects[].issues` (every issue of every project)."""
    gathered: dict[str, list[Any]] = {}
    for record in value:
        for key, inner in record.items() if isinstance(record, dict) else ():
            if key.lower() in _ISSUE_LISTS and isinstance(inner, list) and inner and isinstance(inner[0], dict):
                gathered.setdefault(key, []).extend(inner)
    for key, issues in gathered.items():
        yield (f"{path}[].{key}" if path else f"[].{key}"), f"{items}.{key}.item", issues


def _within_keyed(value: dict[str, Any], path: str, depth: int) -> Iterable[tuple[str, str, list[Any]]]:
    """The lists inside records keyed by their ids, each gathered over all of them: a Nextcloud Deck export's
    `boards.*.stacks.*.cards` (every card of every stack of every board)."""
    gathered: dict[str, tuple[str, list[Any]]] = {}
    for record in value.values():
        for key, inner in record.items():
            for sub, prefix, items in _lists(inner, str(key), depth + 1):
                if not prefix.endswith(".*"):  # lists only (ids keyed inside ids are not streamed)
                    gathered.setdefault(sub, (prefix, []))[1].extend(items)
    for sub, (prefix, items) in gathered.items():
        yield f"{path}.*.{sub}", f"{path}.*.{prefix}", items


_ID_KEY = re.compile(r"^(?:\d+|[A-Z][A-Z0-9_]*-\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")


BUCKETS = "#buckets"  # an ijson prefix's mark: the lists of the object at the prefix, one after another


def _bucketed(path: str, value: dict[str, Any]) -> bool:
    """An issue list kept in buckets: an object whose values are all lists of records, named as issues (`todos`:
    remaining and completed), or whose lists all hold records of one shape with a key and a title (a board's
    columns: `entrada`, `producao`, `homologacao`)."""
    name = path.rsplit(".", 1)[-1].lower()
    lists_of_records = [v for v in value.values() if isinstance(v, list) and all(isinstance(i, dict) for i in v[:5])]
    if len(value) < 2:
        return False
    if name in _ISSUE_LISTS:
        return len(lists_of_records) == len(value)
    wrapped = [v for v in value.values() if isinstance(v, dict) and len(v) == 1]  # XML's column of one task
    if not lists_of_records or len(lists_of_records) + len(wrapped) < len(value):
        return False
    records = [record for bucket in value.values() for record in buckets(bucket)[:5]]
    shapes = {frozenset(record) for record in records}
    return len(shapes) == 1 and len(next(iter(shapes))) >= 3 and all(_titled(r) and _has_id(r) for r in records)


def buckets(bucket: Any) -> list[Any]:
    """A bucket's records: its list, or its one record (XML makes a column holding one task an object: `{"tarefa":
    {...}}`, the element kept, where several become a list)."""
    if isinstance(bucket, dict) and len(bucket) == 1:
        (inner,) = bucket.values()
        if isinstance(inner, dict | list):
            return inner if isinstance(inner, list) else [inner]
    return bucket if isinstance(bucket, list) else [bucket]


def _has_id(record: dict[str, Any]) -> bool:
    return any(normalize(str(key)) in _ID_SYNONYMS for key in record)


_LABEL = re.compile(r"^([a-z][a-z_]*?)_?\d+$")


def _labelled(value: dict[str, Any]) -> str | None:
    """The stem of a document's records labelled `<stem>_<n>` (Rails fixtures: `issues_001`, `issues_002`), or
    keyed by their ids at the top level; None for any other object."""
    if len(value) < 2 or not all(isinstance(v, dict) for v in value.values()):
        return None
    stems = {m.group(1) if (m := _LABEL.match(str(k))) else None for k in value}
    if len(stems) == 1 and None not in stems:
        return str(stems.pop())
    return "" if _keyed(value) or _one_shape(value) else None


def _one_shape(value: dict[str, Any]) -> bool:
    """Records under labels of their own (a Rails fixture's `call_bill:`, `buy_milk:`): three or more, each with an
    `id` and a title-like field, all sharing at least three keys."""
    records = list(value.values())[:_SAMPLE]
    if len(value) < 3 or not all("id" in r and _ISSUE_TEXT & set(r) for r in records):
        return False
    shared = set(records[0]).intersection(*records[1:])
    return len(shared) >= 3


def _keyed(value: dict[str, Any], named: bool = False) -> bool:
    """An object whose entries are records keyed by their ids: numbers, `KEY-1`, UUIDs, or any key each record
    holds as one of its own values (Phabricator's `{"PHID-TASK-…": {"phid": "PHID-TASK-…", …}}`). Under a name
    that says issues (`"stories": {"7": {"id": "7", …}}`, `named`) one such entry is enough."""
    if not value or not all(isinstance(v, dict) for v in value.values()):
        return False
    if len(value) == 1:  # one record keyed by its own id: under a name that says issues, or a numeric id
        key, record = next(iter(value.items()))
        return str(record.get("id")) == str(key) and (named or _ID_KEY.match(str(key)) is not None)
    return all(_ID_KEY.match(str(k)) for k in value) or all(
        str(k) in (str(v) for v in record.values() if isinstance(v, str | int)) for k, record in value.items()
    )


def find_records(value: Any) -> list[Candidate]:
    """Every list of records in a JSON value, the most telling first (most records with a title)."""
    candidates = []
    for path, prefix, items in _lists(value, "", 0):
        records, unwrapped = _unwrap([item for item in items if isinstance(item, dict)])
        if unwrapped is not None:  # entries that are not objects stay, for the readers to report
            items = [unwrap(item, unwrapped) for item in items]
        titled = sum(_titled(r) and not_an_issue(r) is None for r in records[:_SAMPLE])
        keys = list(dict.fromkeys(k for r in records[:20] for k in flatten(r)))
        shown = f"{path}[].{unwrapped}" if unwrapped and path else (f"[].{unwrapped}" if unwrapped else path)
        candidates.append(Candidate(shown, items, records[:_SAMPLE], titled, len(items), unwrapped, keys, prefix))
    return sorted(candidates, key=lambda c: (not _named_issues(c), -c.titled, -(c.count or 0), c.path.count(".")))


def _named_issues(candidate: Candidate) -> bool:
    """Whether a list is named as issues (`todos.*[]`, `tasks`) and its records have ids: it holds the issues,
    whatever other titled lists (subscribers, projects) sit beside it."""
    parts = candidate.path.removesuffix(".*[]").removesuffix("[]").split(".")
    return parts[-1].lower() in _ISSUE_LISTS and _is_issue_list(parts[-1], candidate.sample)


# Keys under which an API lists issues: an object holding such a list of titled records is an envelope, not an issue.
# Lists of issues by name; an export whose list of this name is empty holds no issue.
_ISSUE_LISTS = ("issues", "tickets", "bugs", "stories", "tasks", "cards", "work_items", "workitems", "todos")
# Lists that hold issues of one type each, side by side in one envelope
TYPED_ISSUE_LISTS = {*_ISSUE_LISTS, "userstories", "user_stories", "epics", "features", "subtasks", "incidents",
                     "defects"}  # fmt: skip
_COLLECTIONS = {*_ISSUE_LISTS, "items", "nodes", "edges", "results", "records", "entries", "values", "value", "data",
                "rows", "hits", "objects", "elements", "list"}  # fmt: skip
_IDS = ("key", "id", "number", "iid", "identifier", "idShort", "idReadable", "gid", "public_id", "bug_id", "ixBug",
        "FormattedID", "ObjectID", "shortId")  # fmt: skip
_ID_WORDS = {normalize(name) for name in _IDS}  # `@id` and `bugId` name an id too
_ID_SYNONYMS = set(SYNONYMS["id"])  # what trackers call a record's key
# Objects an API returns that are not issues, named by the path of their own URL (`…/rest/agile/1.0/sprint/37`).
_RESOURCE = re.compile(
    r"/(sprint|board|project|version|milestone|user|release|component|filter|dashboard|worklog|changelog|comment"
    r"|attachment|group|team|organization|workspace|label|iteration|pipeline|todolist|scope|timebox|member|processe?"
    r"|trigger|automation|macro|webhook|ticket_field|user_field|organization_field|target|sla_policie|sla_policy)"
    r"s?/[^/]+/?$",
    re.I,
)
_JIRA_ISSUE_LINK = re.compile(r"/rest/(?:api|agile)/(?:\d+(?:\.\d+)?|latest)/issue/[^/]+/?$")
# Any other object of Jira's REST API by its own URL (`…/rest/api/2/issueLinkType/10032`, `…/priority/3`)
_JIRA_RESOURCE = re.compile(r"/rest/(?:api|agile)/(?:\d+(?:\.\d+)?|latest)/(\w+)/[^/]+/?$")
# What a person's record holds, and what an issue's record holds besides (a user has the first and none of the second)
_PERSON_KEYS = {"real_name", "email", "login", "username", "emailAddress", "displayName", "display_name", "accountId",
                "fullName", "full_name"}  # fmt: skip
_ISSUE_KEYS_ANY = {"summary", "title", "description", "body", "status", "state", "fields", "assignee", "priority",
                   "created", "created_at", "createdAt", "subject", "severity", "labels"}  # fmt: skip
# What an account holds beside a state and a date, and an issue never does at its own level
_ACCOUNT_KEYS = {"avatar_url", "last_sign_in_at", "current_sign_in_at", "confirmed_at", "is_admin",
                 "two_factor_enabled", "last_login", "date_joined", "is_staff", "is_superuser", "bio", "projects_limit",
                 "last_activity_on", "timezone", "time_zone", "locale"}  # fmt: skip
_ISSUE_TEXT = {"summary", "title", "subject", "description", "body", "fields", "text", "content"}
# Who wrote an issue (a milestone has none): GitLab's author, Vikunja's `created_by_id`
_WRITTEN_BY = {"author_id", "author", "parent_id", "created_by_id", "created_by", "creator", "creator_id"}
# What a project or repository record says about the issues it holds, and an issue never does
_PROJECT_SETTINGS = {"is_issues_activated", "issues_enabled", "has_issues", "open_issues_count", "default_issue_status",
                     "default_issue_type", "is_backlog_activated", "issues_access_level"}  # fmt: skip
# A Django fixture's model that holds issues (`tracker.ticket`, `userstories.userstory`)
_ISSUE_MODEL = re.compile(r"issue|ticket|bug|stor(?:y|ies)|task|card|item|request|incident|defect|epic|feature|todo",
                          re.I)  # fmt: skip
_REPOSITORY = re.compile(r"/repos/[^/]+/[^/]+/?$")
_SPRINT_KEYS = {"startDate", "endDate", "goal"}
_ISSUE_FIELDS = {"fields", "summary", "title", "description", "assignee", "assignees", "status", "key"}
_LABEL_KEYS = {"id", "node_id", "url", "name", "color", "text_color", "description", "default", "exclusive",
               "is_archived", "priority", "open_issues_count", "closed_issues_count", "subscribed"}  # fmt: skip
# What a record holding issues counts of them (an issue never counts issues)
_COUNTS_ISSUES = {"num_issues", "num_closed_issues", "num_open_issues", "open_issues", "closed_issues",
                  "closed_issues_count", "issues_count"}  # fmt: skip
_DATED = re.compile(r"deadline|due|start_?date|end_?date", re.IGNORECASE)
# Objects that name their own kind (Pivotal Tracker's `"kind": "project"`, Google APIs' `"kind": "…#user"`).
_KINDS = {"project", "user", "person", "account", "workspace", "iteration", "label", "comment", "membership",
          "repository", "organization", "team", "board", "release", "milestone", "me", "member", "workflow-state",
          "workflow_state", "workflow", "group", "note", "push", "tag_push", "pipeline", "build",
          "deployment", "agile", "sprint", "customfield", "issuetag", "savedquery", "database",
          "subscription",
          # GitHub's migration archive (`"type": "issue_comment"`), beside its issues
          "issue_comment", "pull_request", "pull_request_review", "pull_request_review_comment",
          "pull_request_review_thread", "commit_comment", "issue_event", "protected_branch", "attachment",
          "bot"}  # fmt: skip


def _azure_resource(link: str) -> str:
    """The kind of object an Azure DevOps REST URL's path names (`…/_apis/wit/workItemRelationTypes/System.LinkTypes.
    Related` → `workItemRelationTypes`), "" for any other URL."""
    _, marker, rest = link.partition("/_apis/")
    parts = rest.rstrip("/").split("/")
    return parts[-2] if marker and len(parts) >= 2 else ""


def not_an_issue(value: dict[str, Any]) -> str | None:
    """What an object an API returned is, when it is plainly not an issue (a Jira sprint, a project, a user, a
    repository), as `Jira sprint (…/sprint/37)`; None otherwise."""
    for key in ("self", "url", "href", "ref"):  # Rally's `ref`
        link = value.get(key)
        if not isinstance(link, str):
            continue
        path = link.split("?")[0]
        if match := _RESOURCE.search(path):
            return f"{match.group(1).lower()} object ({link})"
        if _REPOSITORY.search(path):
            return f"repository object ({link})"
        jira = _JIRA_RESOURCE.search(path)
        if jira is not None and jira.group(1).lower() != "issue":
            return f"{jira.group(1)} object ({link})"
        azure = _azure_resource(path)
        if azure and azure.lower() not in {"workitems", "workitem"}:
            return f"{azure} object ({link})"
    if isinstance(value.get("model"), str) and "pk" in value and isinstance(value.get("fields"), dict):
        model = value["model"].rsplit(".", 1)[-1]  # a Django fixture's record names its model
        if not _ISSUE_MODEL.search(model):
            return f"{model} object"
    if _PERSON_KEYS & set(value) and not _ISSUE_KEYS_ANY & set(value):
        return "user object"  # Bugzilla's `/rest/whoami`, Jira's `/myself`, a member list
    if _PERSON_KEYS & set(value) and _ACCOUNT_KEYS & set(value) and not _ISSUE_TEXT & set(value):
        return "user object"  # GitLab's `/users`: an account's state and sign-up date, and no title or text
    if "structureType" in value or "/classificationnodes/" in str(value.get("url", "")).lower():
        return "classification node object"  # Azure DevOps' areas and iterations
    if "projectTypeKey" in value and "fields" not in value:  # Jira's project (an issue has it under `fields`)
        return "project object"
    if _PROJECT_SETTINGS & set(value):  # a project's or repository's settings for its issues (Taiga, GitLab, GitHub)
        return "project object"
    if "color" in value and set(value) <= _LABEL_KEYS:  # GitHub's, GitLab's and Gitea's labels
        return "label object"
    if "default_branch" in value and ("full_name" in value or "path_with_namespace" in value):
        return "repository object"  # GitHub's, Gitea's and GitLab's repositories and projects
    if "originBoardId" in value or (set(value) >= _SPRINT_KEYS and "fields" not in value):
        return "sprint object"
    if {"name", "startDate", "endDate"} <= set(value) and not _ISSUE_FIELDS & set(value):
        return "sprint object"  # a future sprint: no board or goal yet, and nothing an issue has
    if "idMemberCreator" in value and isinstance(value.get("data"), dict) and isinstance(value.get("type"), str):
        return "action object"  # Trello's actions (`commentCard`, `updateCard`): what was done to a card
    if (
        isinstance(value.get("type"), int)
        and isinstance(value.get("content"), dict)
        and not _ISSUE_TEXT - {"content"} & set(value)
        and {"createdUser", "actor", "created_by", "user"} & set(value)
    ):  # Backlog's activities: an event of a given type, by someone, about the issue its `content` names
        return "activity object"
    if "trello.com/b/" in str(value.get("url", "")) or ("prefs" in value and "idOrganization" in value):
        return "board object"  # Trello's boards (`/1/members/me/boards`)
    if "clauseNames" in value or {"searchable", "navigable", "orderable"} <= set(value):
        return "field definition"  # Jira's `/rest/api/2/field`: the fields issues have, not issues
    if "tag_name" in value and {"assets", "released_at", "target_commitish", "prerelease"} & set(value):
        return "release object"  # GitHub's, GitLab's and Gitea's releases: a tag, its notes and its files
    if _COUNTS_ISSUES & set(value) and "fields" not in value and not any("assign" in str(key) for key in value):
        # a milestone, label or version counting the issues it holds (Gitea's `num_issues`, GitHub's `open_issues`)
        return "milestone object" if any(_DATED.search(str(key)) for key in value) else "object counting issues"
    if "source_branch" in value and "target_branch" in value:  # GitLab's and Gitea's merge and pull requests
        return "merge request"
    if (
        "start_date" in value
        and "due_date" in value
        and not _WRITTEN_BY & set(value)
        and not any("assign" in str(key) for key in value)
    ):  # a GitLab milestone or iteration: dated, and nobody wrote it or is assigned to it
        return "milestone object"
    # YouTrack's `$type`, JSON-LD's `@type`, Notion's `object`, Rally's `type`, Launchpad's (lazr.restful)
    # `resource_type_link` (`…/1.0/#person`)
    for name in ("kind", "entity_type", "object_kind", "$type", "@type", "object", "type", "resource_type_link"):
        kind = value.get(name)
        if isinstance(kind, str) and kind.rsplit("#", 1)[-1].lower() in _KINDS:
            return f"{kind.rsplit('#', 1)[-1].lower()} object"
    return None


# Keys under which a webhook payload or an API envelope carries the one issue it is about (GitHub, Bitbucket and Jira
# `issue`, GitLab `object_attributes`, Linear `data`, Azure DevOps `resource`).
_ISSUE_KEYS = ("issue", "object_attributes", "data", "resource", "revision", "work_item", "workitem", "story", "ticket",
               "bug", "task", "card", "item", "record", "node", "result", "content")  # fmt: skip
# Keys a delivery or an event wraps its payload in (GitHub's Events API `payload`, a webhook log's `event`).
_WRAPPERS = ("payload", "event", "body", "resource", "action", "data")  # Azure DevOps, Trello webhooks


def wrapped_issue(value: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """One issue inside objects around it: Redmine's `{"issue": {...}}`, GraphQL's
    `{"data": {"repository": {"issue": {...}}}}`, a webhook payload beside its repository, project and sender. Its
    path and the issue; None when the value is not that."""
    path: list[str] = []
    for _ in range(_MAX_DEPTH):
        inner = {str(k): v for k, v in value.items() if isinstance(v, dict)}
        if len(inner) == 1:
            key = next(iter(inner))
        else:  # a webhook: the issue beside the repository, the project, the sender; or inside its payload
            key = next((k for k in _ISSUE_KEYS if k in inner and one_issue(inner[k])), "") or next(
                (k for k in _WRAPPERS if k in inner), "")  # fmt: skip
        if not key or any(isinstance(v, list) and v and _is_issue_list(str(k), v) for k, v in value.items()):
            return None
        value = inner[key]
        path.append(key)
        if one_issue(value):
            return ".".join(path), value
    return None


def _is_issue_list(key: str, items: list[Any]) -> bool:
    """Whether a list in an object holds issues: a collection of titled records, or any records under an issue
    list's own name (Basecamp's `todos`, whose text is their `content`)."""
    records = [r for r in items[:_SAMPLE] if isinstance(r, dict)]
    if key.lower() in _ISSUE_LISTS and any(normalize(str(k)) in _ID_WORDS for r in records[:5] for k in r):
        return True
    return key.lower() in _COLLECTIONS and any(_titled(r) for r in records)


def empty_collection(value: dict[str, Any]) -> str | None:
    """The key of an issue list that is there and empty (`{"tickets": [], "saved_bins": [...]}`): such a file holds
    no issue, whatever other lists it has."""
    return next((key for key in _ISSUE_LISTS if isinstance(value.get(key), list) and not value[key]), None)


_REFERENCE_KEYS = {"id", "url", "href", "self", "rel", "key", "_links", "links"}
_ISSUE_LIST_WORDS = {key.replace("_", "") for key in _ISSUE_LISTS}  # `workItems`, `work_items`


def references_only(value: dict[str, Any]) -> tuple[str, int] | None:
    """(key, count) of an issue list that holds references alone — ids and links, no title (Azure DevOps' WIQL
    result `{"workItems": [{"id": 1, "url": …}]}`): such a file names issues without holding any."""
    for key, items in value.items():
        if normalize(str(key)).replace(" ", "") not in _ISSUE_LIST_WORDS:
            continue
        if (
            isinstance(items, list)
            and items
            and all(isinstance(i, dict) and i and set(i) <= _REFERENCE_KEYS and not _titled(i) for i in items[:_SAMPLE])
        ):
            return str(key), len(items)
    return None


def jira_issue(record: dict[str, Any]) -> bool:
    """Whether a record is a Jira issue by its key and its own REST link (a search that asked for no fields gives
    `{"id", "key", "self", "expand"}` and nothing else)."""
    return isinstance(record.get("key"), str) and _JIRA_ISSUE_LINK.search(str(record.get("self") or "")) is not None


def one_issue(value: dict[str, Any]) -> bool:
    """Whether a JSON object is one issue on its own (a REST issue, one card), with its comments, worklogs, actions,
    checklists, changelog or sub-task stubs nested in it, rather than an envelope around a list of issues."""
    if not any(normalize(str(key)) in _ID_WORDS and item not in (None, "") for key, item in value.items()):
        return False
    fields = value.get("fields")
    if (
        isinstance(value.get("key"), str)
        and isinstance(fields, dict)
        and ("description" in fields or "summary" in fields or _JIRA_ISSUE_LINK.search(str(value.get("self") or "")))
    ):
        return True  # a Jira issue, even one whose fields leave the summary out (`fields=comment`)
    own = dict(value, **fields) if isinstance(fields, dict) else value
    named = {k: v for k, v in flatten(value).items() if "." not in k}  # with fields given as name and value
    if not _titled(own, top=True) and not _titled(named, top=True) and not _titled(
            {k: v for k, v in value.items() if k == "attributes"}):  # fmt: skip
        return False
    for path, _prefix, items in _lists(value, "", 0):
        parts = [p for p in path.removesuffix("[].node").removesuffix(".*[]").split(".") if p not in ("nodes", "edges")]
        if _is_issue_list(parts[-1] if parts else "", items) and not _parts_of(value, items):
            return False
    return True


# What an issue is called where its parts point back at it (`story_id`, `issueId`, `ticket_id`)
_ISSUE_KINDS = {"issue", "ticket", "bug", "story", "task", "card", "epic", "feature", "defect", "incident", "work item",
                "workitem", "item"}  # fmt: skip


def _parts_of(parent: dict[str, Any], items: list[Any]) -> bool:
    """Whether a nested list holds the parent issue's own parts: untitled records (Shortcut's tasks, a checklist's
    items) that each point back at the parent by an issue kind's id (`"story_id": 694` in story 694). A project
    or a to-do list around its issues is no issue: their records are titled, or point back at no issue kind."""
    own = parent.get("id")
    records = [r for r in items[:_SAMPLE] if isinstance(r, dict)]
    if own in (None, "") or not records or any(_titled(r, top=True) for r in records):
        return False
    return all(
        any(
            item == own and (words := normalize(str(key)).split())[-1] == "id" and " ".join(words[:-1]) in _ISSUE_KINDS
            for key, item in record.items()
        )
        for record in records
    )
