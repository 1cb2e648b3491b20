"""Jira: the CSV export (repeated columns, localized dates, "date;author;text" comments) and the REST search JSON."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from prp_agent.errors import InputError
from prp_agent.exports.adf import adf_to_markdown
from prp_agent.exports.records import (
    KEEP_ALL,
    Collector,
    ExportRead,
    ReadOptions,
    TrackerIssue,
    as_text,
    clean_labels,
    normalize_state,
    optional_text,
    title_text,
)
from prp_agent.exports.source import Table

__all__ = ["COLUMNS", "is_jira_table", "jira_date", "read_jira", "read_jira_table"]

_ISSUE_KEY = re.compile(r"[A-Z][A-Z0-9_]{0,30}-\d{1,9}")  # `SHOP-12`

_MONTHS = {
    **dict.fromkeys(("jan", "janv", "jän", "ene", "gen", "sty"), 1),
    **dict.fromkeys(("feb", "févr", "fév", "fev", "lut"), 2),
    **dict.fromkeys(("mar", "mär", "mrz", "mars", "mrt"), 3),
    **dict.fromkeys(("apr", "avr", "abr", "kwi"), 4),
    **dict.fromkeys(("may", "mai", "mag", "maj", "mei"), 5),
    **dict.fromkeys(("jun", "juin", "giu", "cze"), 6),
    **dict.fromkeys(("jul", "juil", "lug", "lip"), 7),
    **dict.fromkeys(("aug", "août", "ago", "sie"), 8),
    **dict.fromkeys(("sep", "sept", "set", "wrz"), 9),
    **dict.fromkeys(("oct", "okt", "out", "ott", "paź", "paz"), 10),
    **dict.fromkeys(("nov", "lis"), 11),
    **dict.fromkeys(("dec", "dez", "déc", "dic", "gru"), 12),
}
_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp]\.?[Mm]\.?)?)?"
_NAMED_RE = re.compile(r"(\d{1,2})[/ -]([^\W\d_]{3,5})\.?[/ -](\d{4}|\d{2})" + _TIME)
_DOTTED_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME)
_ISO_RE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})" + _TIME)
_CSV_NAME = "Jira CSV export"


def jira_date(text: str) -> str | None:
    """ISO 8601 for a Jira date such as "12/Mar/24 3:45 PM", "12.03.2024 15:45" or "2024/03/12 15:45" (month names
    in the languages Jira exports in); None when not recognized."""
    text = text.strip()
    for pattern, order in ((_NAMED_RE, "dmy"), (_DOTTED_RE, "dmy"), (_ISO_RE, "ymd")):
        match = pattern.fullmatch(text)
        if match:
            return _iso(match, order)
    return None


def _iso(match: re.Match[str], order: str) -> str | None:
    groups = match.groups()
    if order == "ymd":  # the separator is captured to require the same one twice
        groups = groups[:1] + groups[2:]
    first, second, third, hour, minute, sec, meridiem = groups
    day, month_text, year_text = (first, second, third) if order == "dmy" else (third, second, first)
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    hours = int(hour or 0)
    if meridiem:
        if hours > 12:
            return None
        hours = hours % 12 + (12 if meridiem[0] in "Pp" else 0)
    try:
        moment = datetime(year, month or 0, int(day), hours, int(minute or 0), int(sec or 0))
    except ValueError:
        return None
    return moment.isoformat() if hour is not None else moment.date().isoformat()


# Jira's CSV headers in the languages its UI exports in (the English name first).
COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("Issue key", "Clave de incidencia", "Clave", "Vorgangsschlüssel", "Schlüssel", "Clé de ticket", "Clé",
            "Chave", "Chave do item", "Chave da item", "Chave da issue", "Chiave ticket", "Chiave", "Klucz zgłoszenia",
            "Klucz", "Sleutel", "Issuesleutel", "Ключ проблемы", "Ключ запроса", "Ключ", "Klíč úkolu", "Klíč",
            "Konu anahtarı", "Ärendenyckel", "Nyckel", "課題キー", "キー", "问题关键字", "問題索引鍵", "이슈 키"),
    "id": ("Issue id", "ID de la incidencia", "Id. de incidencia", "Vorgangs-ID", "ID de ticket", "ID do item",
           "ID da item", "ID da issue", "ID ticket", "Id. zgłoszenia", "Issue-ID", "ID проблемы", "ID запроса",
           "ID úkolu", "課題 ID", "课题 ID", "问题 ID", "이슈 ID"),
    "type": ("Issue Type", "Tipo de incidencia", "Vorgangstyp", "Type de ticket", "Tipo de item", "Tipo da issue",
             "Tipo di ticket", "Typ zgłoszenia", "Issuetype", "Тип задачи", "Тип запроса", "Typ úkolu", "Ärendetyp",
             "課題タイプ", "问题类型", "이슈 유형"),
    "summary": ("Summary", "Resumen", "Zusammenfassung", "Résumé", "Resumo", "Riepilogo", "Podsumowanie",
                "Samenvatting", "Тема", "Краткое описание", "Shrnutí", "Özet", "Sammanfattning", "要約", "概要",
                "요약"),
    "description": ("Description", "Descripción", "Beschreibung", "Descrição", "Descrizione", "Opis", "Beschrijving",
                    "Описание", "Popis", "Açıklama", "Beskrivning", "説明", "描述", "설명"),
    "status": ("Status", "Estado", "État", "Statut", "Stato", "Stan", "Статус", "Stav", "Durum", "ステータス", "状态",
               "상태"),
    "labels": ("Labels", "Etiquetas", "Stichwörter", "Étiquettes", "Rótulos", "Etichette", "Etykiety", "Метки",
               "Štítky", "Etiketler", "Etiketter", "ラベル", "标签", "레이블"),
    "comment": ("Comment", "Comentario", "Kommentar", "Commentaire", "Comentário", "Commento", "Komentarz",
                "Opmerking", "Комментарий", "Komentář", "Yorum", "コメント", "评论", "댓글"),
    "created": ("Created", "Creada", "Creado", "Erstellt", "Création", "Créé", "Criado", "Creato", "Utworzono",
                "Aangemaakt", "Создано", "Vytvořeno", "Oluşturuldu", "Skapad", "作成日", "创建日期", "생성일"),
}  # fmt: skip


def is_jira_table(table: Table) -> bool:
    """A Jira CSV, in any of the languages it exports in: a summary column, and an issue key or id column."""
    return table.column(*COLUMNS["summary"]) is not None and (
        table.column(*COLUMNS["key"]) is not None or table.column(*COLUMNS["id"]) is not None
    )


def read_jira_table(table: Table, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read a Jira CSV export (localized headers included)."""
    cols = {name: table.column(*names) for name, names in COLUMNS.items()}
    summary, key_column = cols["summary"], cols["key"] or cols["id"]
    if summary is None or key_column is None:
        table.require(["Summary", "Issue key"], where, _CSV_NAME)
    out = Collector("jira", options)
    unparsed: list[str] = []

    def cell(row: list[str], name: str) -> str:
        column = cols[name]
        return table.first(row, column).strip() if column else ""

    for row_no, row in enumerate(table.rows, 1):
        raw_id = cell(row, "id")
        raw_key = cell(row, "key") or (raw_id if _ISSUE_KEY.fullmatch(raw_id) else f"JIRA-{raw_id}" if raw_id else "")
        created_raw = cell(row, "created")
        created = jira_date(created_raw) if created_raw else None
        if created_raw and created is None:
            unparsed.append(created_raw)
        labels = table.every(row, cols["labels"]) if cols["labels"] else []
        comments = table.every(row, cols["comment"]) if cols["comment"] else []
        out.add(
            TrackerIssue(
                key=out.key(raw_key, row_no),
                id=raw_id or raw_key,
                title=title_text(table.first(row, summary or "")),
                body=as_text(table.first(row, cols["description"])) if cols["description"] else "",
                labels=clean_labels(label for value in labels for label in value.split()),
                state=normalize_state(cell(row, "status")),
                comments=tuple(_csv_comment(value) for value in comments),
                created=(created or created_raw) or None,
                source="jira",
            )
        )
    if unparsed:
        out.warn(f"{len(unparsed)} Jira date(s) in an unrecognized format kept as written (first: {unparsed[0]!r})")
    fields = {"key": "id", "summary": "title", "description": "body", "labels": "labels", "status": "state",
              "comment": "comments", "created": "created"}  # fmt: skip
    out.result.mapping = {fields[name]: column for name, column in cols.items() if column and name in fields}
    if cols["key"] is None and cols["id"]:
        out.result.mapping["id"] = cols["id"]
    return out.result


def _csv_comment(cell: str) -> str:
    """The text of a "12/Mar/24 3:45 PM;jdoe;text" comment cell (cells without that prefix are kept whole)."""
    parts = cell.split(";", 2)
    if len(parts) == 3 and jira_date(parts[0]) is not None:
        return parts[2].strip()
    return cell.strip()


def read_jira(
    items: Iterable[object], where: str, options: ReadOptions = KEEP_ALL, page: object = None, count: int | None = None
) -> ExportRead:
    """Read Jira REST issues (a search result's `issues`, or Perceval items); ADF text becomes markdown. An issue
    whose `fields` lack a summary (a search that asked for other fields) is titled by the first line of its
    description. `page` is the search result around the issues and `count` how many it holds."""
    out = Collector("jira", options)
    if isinstance(page, dict) and count is not None:
        total, start = page.get("total"), page.get("startAt")
        if isinstance(total, int) and total > (start if isinstance(start, int) else 0) + count:
            out.warn(f"{where} holds {count} of {total} issues: it is one page of a paginated search")
    seen = 0
    for row_no, item in enumerate(items, 1):
        if not isinstance(item, dict):
            out.skip(f"ROW-{row_no}", "not a JSON object")
            continue
        seen += "key" in item or "fields" in item
        out.add(_search_issue(out, item, row_no), untitled=bool(as_text(item.get("key")).strip()))
    if not seen and (out.result.skipped or out.result.issues):
        raise InputError(f'{where} is not a Jira search export: no entry has a "key" or "fields"')
    out.result.mapping = {"id": "key", "title": "fields.summary", "body": "fields.description (ADF)",
                          "labels": "fields.labels", "state": "fields.status.name",
                          "comments": "fields.comment.comments[].body", "created": "fields.created"}  # fmt: skip
    return out.result


def _search_issue(out: Collector, item: dict[str, object], row_no: int) -> TrackerIssue:
    fields = item.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    raw_id = as_text(item.get("id")).strip()
    raw_key = as_text(item.get("key")).strip() or (
        raw_id if _ISSUE_KEY.fullmatch(raw_id) else f"JIRA-{raw_id}" if raw_id else ""
    )  # a row shifted one cell right has its key under the id
    key = out.key(raw_key, row_no)
    status = fields.get("status")
    comment = fields.get("comment")
    comments = comment.get("comments") if isinstance(comment, dict) else None
    comments = comments if isinstance(comments, list) else []
    bodies = [adf_to_markdown(c.get("body")) for c in comments if isinstance(c, dict)]
    labels = fields.get("labels")
    body = as_text(adf_to_markdown(fields.get("description")))
    title = title_text(fields.get("summary")) or title_text(next((x for x in body.splitlines() if x.strip()), ""))
    return TrackerIssue(
        key=key,
        id=raw_id or raw_key,
        title=title[:200],
        body=body,
        labels=clean_labels(as_text(label) for label in labels) if isinstance(labels, list) else (),
        state=normalize_state(status.get("name") if isinstance(status, dict) else status),
        comments=tuple(body for body in bodies if body.strip()),
        url=_browse_url(as_text(item.get("self")), raw_key),
        created=optional_text(fields.get("created")),
        source="jira",
        parent=optional_text(parent.get("key")) if isinstance(parent := fields.get("parent"), dict) else None,
        kind=optional_text(kind.get("name")) if isinstance(kind := fields.get("issuetype"), dict) else None,
    )


def _browse_url(api_url: str, key: str) -> str | None:
    """https://x.atlassian.net/browse/KEY from the issue's REST "self" URL."""
    match = re.match(r"(https?://[^?#]+?)/rest/api/", api_url)
    return f"{match.group(1)}/browse/{key}" if match and key else None
