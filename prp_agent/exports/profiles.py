"""CSV exports whose documented columns make a reader cheap: Asana, Plane (its three layouts), Pivotal Tracker,
Shortcut, YouTrack, Redmine (English and the localized captions it writes). Each profile names the columns that tell
it apart, the column (or columns) each field comes from, how multi-valued cells split, and how a key is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    split_cell,
    title_text,
)
from prp_agent.exports.source import Table

__all__ = ["PROFILES", "Profile", "detect_profile", "read_profile"]


@dataclass(frozen=True)
class Profile:
    """One tracker's CSV: columns that identify it, where each field is, and how its key is made."""

    name: str
    signature: tuple[tuple[str, ...], ...]  # every group must have one of its columns
    columns: dict[str, tuple[str, ...]]  # field → candidate columns, first found wins
    split: str = ","
    key: Callable[[Table, list[str]], str] = field(default=lambda table, row: "")
    state: Callable[[Table, list[str]], str] | None = None
    ident: tuple[str, ...] = ()  # the columns the key is made from, in the order they are tried


def _col(table: Table, row: list[str], *names: str) -> str:
    column = table.column(*names)
    return table.first(row, column).strip() if column else ""


def _plane_key(table: Table, row: list[str]) -> str:
    prefix, sequence = _col(table, row, "Project Identifier"), _col(table, row, "Sequence ID", "Sequence Id")
    if prefix and sequence:
        return f"{prefix}-{sequence}"
    return _col(table, row, "Identifier") or _col(table, row, "ID")


def _asana_state(table: Table, row: list[str]) -> str:
    return "completed" if _col(table, row, "Completed At") else (_col(table, row, "Section/Column") or "open")


# Redmine's CSV captions in its locales (the `#` column is the same in all)
_REDMINE_SUBJECT = ("Subject", "Thema", "Sujet", "Asunto", "Assunto", "Oggetto", "題名", "Тема", "Temat", "Onderwerp",
                    "Předmět", "主题", "제목")  # fmt: skip
_REDMINE_STATUS = ("Status", "Statut", "Estado", "Stato", "ステータス", "Статус", "Stav", "状态", "상태")

PROFILES: tuple[Profile, ...] = (
    Profile("asana", (("Task ID",), ("Name",), ("Notes", "Section/Column", "Completed At")),
            {"title": ("Name",), "body": ("Notes",), "labels": ("Tags",), "created": ("Created At",)},
            key=lambda t, r: _col(t, r, "Task ID"), state=_asana_state, ident=("Task ID",)),
    Profile("plane", (("Name",), ("Project Identifier", "Identifier", "Sequence ID", "Cycle Name", "Module Name"),
                      ("State", "State Name")),
            {"title": ("Name",), "body": ("Description",), "labels": ("Labels",), "state": ("State", "State Name"),
             "comments": ("Comments",), "created": ("Created At",), "url": ("Link",)},
            key=_plane_key, ident=("Project Identifier + Sequence ID", "Identifier", "ID")),
    Profile("pivotal", (("Story",), ("Story Type",), ("Current State",)),
            {"title": ("Story",), "body": ("Description",), "labels": ("Labels",), "state": ("Current State",),
             "comments": ("Comment",), "created": ("Created at",), "url": ("URL",)},
            key=lambda t, r: f"PT-{_col(t, r, 'Id')}" if _col(t, r, "Id") else "", ident=("Id",)),
    Profile("shortcut", (("id",), ("name",), ("requester", "owners", "workflow"),
                         ("is_completed", "is_archived", "external_tickets", "epic_id", "iteration_id")),
            {"title": ("name",), "body": ("description",), "labels": ("labels",), "state": ("state",),
             "created": ("created_at",)},
            split=";", key=lambda t, r: f"sc-{_col(t, r, 'id')}" if _col(t, r, "id") else "", ident=("id",)),
    Profile("youtrack", (("Issue Id",), ("Summary",), ("Project", "State", "Reporter", "Tags")),
            {"title": ("Summary",), "body": ("Description",), "labels": ("Tags",), "state": ("State",),
             "created": ("Created",)},
            key=lambda t, r: _col(t, r, "Issue Id"), ident=("Issue Id",)),
    Profile("redmine", (("#",), _REDMINE_SUBJECT, ("Tracker", *_REDMINE_STATUS, "Трекер")),
            {"title": _REDMINE_SUBJECT,
             "body": ("Description", "Beschreibung", "Descripción", "Descrição", "Descrizione", "説明", "Описание",
                      "Opis", "Beschrijving", "Popis", "描述"),
             "state": _REDMINE_STATUS,
             "created": ("Created", "Angelegt", "Créé", "Creado", "Criado", "Creato", "作成日", "Создано", "Создана",
                         "Utworzono", "Aangemaakt", "Vytvořeno", "创建于")},
            key=lambda t, r: _col(t, r, "#"), ident=("#",)),  # the id, as Redmine's JSON and XML give it
)  # fmt: skip


def detect_profile(table: Table) -> Profile | None:
    """The profile whose identifying columns the table has (None when no profile fits)."""
    for profile in PROFILES:
        if all(table.column(*group) is not None for group in profile.signature):
            return profile
    return None


def read_profile(profile: Profile, table: Table, where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read a table through a profile."""
    columns = {name: table.column(*names) for name, names in profile.columns.items()}
    out = Collector(profile.name, options)
    for row_no, row in enumerate(table.rows, 1):

        def cell(name: str, row: list[str] = row) -> str:
            column = columns.get(name)
            return table.first(row, column) if column else ""

        title = title_text(cell("title"))
        state = profile.state(table, row) if profile.state else cell("state")
        column = columns.get("comments")
        comments = tuple(c.strip() for c in table.every(row, column)) if column else ()
        out.add(
            TrackerIssue(
                key=out.key(profile.key(table, row), row_no, title),
                id=profile.key(table, row) or str(row_no),
                title=title,
                body=as_text(cell("body")),
                labels=clean_labels(split_cell(cell("labels"), profile.split)),
                state=normalize_state(state),
                comments=comments,
                url=optional_text(cell("url")),
                created=optional_text(cell("created")),
                source=profile.name,
            )
        )
    ident = next((name for name in profile.ident if all(table.has(part) for part in name.split(" + "))), None)
    out.result.mapping = {**({"id": ident} if ident else {}), **{n: c for n, c in columns.items() if c}}
    return out.result
