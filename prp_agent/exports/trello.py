"""Trello: a board's JSON export. Open cards in open lists are issues; a card's labels are its labels, its list its
state, its checklist items join its description, and its comments come from the board's `commentCard` actions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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

__all__ = ["card_board", "is_trello_board", "is_trello_card", "read_trello"]


def is_trello_board(value: object) -> bool:
    """A Trello board export: an object with `cards` and `lists`."""
    return isinstance(value, dict) and isinstance(value.get("cards"), list) and isinstance(value.get("lists"), list)


def is_trello_card(value: object) -> bool:
    """One Trello card exported on its own (`/1/cards/ID?actions=all&checklists=all`, the card's "Export JSON")."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and not is_trello_board(value)
        and ("idList" in value or "idBoard" in value or "trello.com/c/" in str(value.get("shortUrl", "")))
    )


def card_board(card: dict[str, Any]) -> dict[str, Any]:
    """A board holding one card, its list (when the card was exported with it), checklists and actions."""
    ident = card.get("id")
    checklists = [c for c in _items(card.get("checklists")) if isinstance(c, dict)]
    column = card.get("list")
    actions = list(_items(card.get("actions")))
    for action in actions:  # a card's own actions may name the card by name only
        data = action.get("data") if isinstance(action, dict) else None
        if isinstance(data, dict) and isinstance(data.get("card"), dict) and "id" not in data["card"]:
            data["card"] = {**data["card"], "id": ident}
    return {
        "cards": [{**card, "idList": column.get("id", card.get("idList"))} if isinstance(column, dict) else card],
        "lists": [column] if isinstance(column, dict) else [],
        "checklists": [{**c, "idCard": c.get("idCard", ident)} for c in checklists],
        "actions": actions,
    }


def _items(value: object) -> Iterable[Any]:
    """A board's list, or the stream of it a large board is read as."""
    return value if isinstance(value, Iterable) and not isinstance(value, str | bytes | dict) else ()


def _by(items: object, key: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            found.setdefault(str(item.get(key)), []).append(item)
    return found


_OBJECT_ID = re.compile(r"[0-9a-f]{24}")


def _boards_overlap(cards: object) -> bool:
    """Whether cards of several boards share short numbers (a member's or a search's cards): then a card is known by
    its id. A streamed board is one board."""
    if not isinstance(cards, list):
        return False
    boards: dict[object, object] = {}
    for card in cards:
        short = card.get("idShort") if isinstance(card, dict) else None
        if short is not None and boards.setdefault(short, card.get("idBoard")) != card.get("idBoard"):
            return True
    return False


def read_trello(board: dict[str, Any], where: str, options: ReadOptions = KEEP_ALL) -> ExportRead:
    """Read the cards of a board export; an archived card, or a card in an archived list, is an issue whose state is
    `archived` (as a closed issue is kept with its state)."""
    lists = {str(item.get("id")): item for item in board.get("lists", []) if isinstance(item, dict)}
    checklists = _by(board.get("checklists"), "idCard")
    comments: dict[str, list[str]] = {}
    for action in _items(board.get("actions")):
        data = action.get("data") if isinstance(action, dict) else None
        if isinstance(data, dict) and action.get("type") == "commentCard" and isinstance(data.get("card"), dict):
            comments.setdefault(str(data["card"].get("id")), []).append(as_text(data.get("text")))
    out = Collector("trello", options, keys_identify=False)  # a copied card keeps its idShort; its id tells it apart
    by_id = _boards_overlap(board.get("cards"))
    for row_no, card in enumerate(_items(board.get("cards")), 1):
        if not isinstance(card, dict):
            out.skip(f"ROW-{row_no}", "not a JSON object")
            continue
        column = lists.get(str(card.get("idList")), {})
        own = as_text(card.get("id"))  # a board written by hand names its cards (`E01`); Trello's ids are 24 hex
        named = own if own and len(own) <= 16 and not _OBJECT_ID.fullmatch(own) else ""
        short = f"T-{card['idShort']}" if card.get("idShort") is not None and not by_id else ""
        key = out.key(short or (own if by_id else named), row_no, title_text(card.get("name")))
        archived = bool(card.get("closed") or column.get("closed"))  # kept, as closed issues are, and said so
        out.add(
            TrackerIssue(
                key=key,
                id=as_text(card.get("id")),
                title=title_text(card.get("name")),
                body=_body(card, checklists.get(str(card.get("id")), [])),
                labels=clean_labels(_label_names(card)),
                state="archived" if archived else normalize_state(column.get("name")),
                comments=tuple(reversed(comments.get(str(card.get("id")), []))),  # actions come newest first
                url=optional_text(card.get("url") or card.get("shortUrl")),
                created=None,
                source="trello",
            )
        )
    out.result.mapping = {"id": "idShort", "title": "name", "body": "desc + checklists", "labels": "labels[].name",
                          "state": "list name", "comments": "actions[commentCard].data.text"}  # fmt: skip
    out.result.records = "cards"
    return out.result


def _label_names(card: dict[str, Any]) -> list[str]:
    labels = card.get("labels")
    return (
        [as_text(label.get("name")) for label in labels if isinstance(label, dict)] if isinstance(labels, list) else []
    )


def _body(card: dict[str, Any], checklists: list[dict[str, Any]]) -> str:
    parts = [as_text(card.get("desc")).strip()]
    for checklist in checklists:
        items = [i for i in checklist.get("checkItems", []) if isinstance(i, dict)]
        if items:
            lines = [f"- [{'x' if i.get('state') == 'complete' else ' '}] {as_text(i.get('name'))}" for i in items]
            parts.append(f"{as_text(checklist.get('name')) or 'Checklist'}:\n" + "\n".join(lines))
    return "\n\n".join(part for part in parts if part)
