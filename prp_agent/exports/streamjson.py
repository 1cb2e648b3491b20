"""A large JSON document read in bounded memory: one streamed pass builds a sketch of it (every list cut to its first
items, its true length counted), the records are then read again, one by one, from where the sketch found them.

The sketch is what shape inference needs: where the record lists are, a sample of their records, and how many there
are (so a batch knows its total before the first issue is read). The pass also checks the whole file: invalid JSON
and nesting deeper than `MAX_DEPTH` are refused before any issue is read. Parsing is ijson's C backend (yajl).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from prp_agent.errors import InputError
from prp_agent.exports.shape import keyed
from prp_agent.text import MAX_DEPTH, one_line

__all__ = ["SKETCH_ITEMS", "JsonStream", "sketch"]

SKETCH_ITEMS = 200  # items kept of each list in the sketch (shape inference samples 200 records)
_BUFFER = 1 << 16


class JsonStream:
    """Where a streamed document's bytes are (the file and the offset its JSON starts at), the true length of every
    list of the sketch (by ijson prefix) and whether the file holds several top-level values (Perceval's output)."""

    def __init__(self, path: Path, offset: int, where: str, lengths: dict[str, int], several: bool) -> None:
        self.path = path
        self.offset = offset
        self.where = where
        self.lengths = lengths
        self.several = several

    def items(self, prefix: str) -> Iterator[Any]:
        """The values at an ijson prefix (`item`, `issues.item`, `data.x.edges.item.node`), read again from the
        file one by one."""
        import ijson

        if self.several:  # `item` of the list the sketch made of the top-level values is each top-level value
            prefix = prefix.removeprefix("item").removeprefix(".")
        with _open(self.path, self.offset) as handle:
            try:
                if ".*." in prefix:  # a list inside records keyed by their ids: its items in every record
                    yield from _matching(ijson.parse(handle, multiple_values=self.several, use_float=True), prefix)
                    return
                if prefix.endswith(".*"):  # records keyed by their ids: each gets its key as "id" unless it has one
                    yield from (keyed(key, value) for key, value in ijson.kvitems(handle, prefix[:-2], use_float=True))
                    return
                yield from ijson.items(handle, prefix, multiple_values=self.several, use_float=True)
            except ijson.JSONError as exc:  # the sketch pass read the same bytes: the file changed since
                raise InputError(f"{self.where} is not valid JSON any more ({_reason(exc)}); was it changed?") from None


def _matching(events: Iterable[tuple[str, str, Any]], prefix: str) -> Iterator[Any]:
    """The values at every ijson prefix that `prefix` matches, `*` standing for any one key
    (`boards.*.stacks.*.cards.item`), built one at a time."""
    import ijson

    wanted = re.compile(".".join("[^.]*" if part == "*" else re.escape(part) for part in prefix.split(".")))
    builder: Any = None
    depth = 0
    for at, event, value in events:
        if builder is not None:
            builder.event(event, value)
            depth += 1 if event in ("start_map", "start_array") else -1 if event in ("end_map", "end_array") else 0
            if depth == 0:
                yield builder.value
                builder = None
        elif event in ("start_map", "start_array") and wanted.fullmatch(at):
            builder, depth = ijson.ObjectBuilder(), 1
            builder.event(event, value)
        elif event not in ("end_map", "end_array", "map_key") and wanted.fullmatch(at):
            yield value


def _open(path: Path, offset: int) -> BinaryIO:
    handle = open(path, "rb", buffering=_BUFFER)  # noqa: SIM115 - returned to a with block
    handle.seek(offset)
    return handle


def _reason(exc: Exception) -> str:
    return one_line(str(exc), 120).lower() or "parse error"


def sketch(path: Path, offset: int, where: str) -> tuple[Any, JsonStream]:
    """The document with every list cut to its first `SKETCH_ITEMS` items, and how to stream its records."""
    import ijson

    root: list[Any] = []  # the top-level values (one, or several one after another)
    stack: list[Any] = [root]  # the containers being built
    keys: list[Any] = [None]  # per open container: a map's pending key
    counts: list[int] = [0]  # per open container: a list's items so far
    lengths: dict[str, int] = {}
    skipping = 0  # depth inside a value beyond a list's cut
    with _open(path, offset) as handle:
        try:
            for prefix, event, value in ijson.parse(handle, multiple_values=True, use_float=True):
                opens = event in ("start_map", "start_array")
                if skipping:
                    skipping += 1 if opens else -1 if event in ("end_map", "end_array") else 0
                    continue
                if event == "map_key":
                    keys[-1] = value
                    continue
                if event in ("end_map", "end_array"):
                    if event == "end_array":
                        lengths[prefix] = max(lengths.get(prefix, 0), counts[-1])
                    stack.pop()
                    keys.pop()
                    counts.pop()
                    continue
                parent = stack[-1]
                if isinstance(parent, list):
                    counts[-1] += 1
                    if counts[-1] > SKETCH_ITEMS:
                        skipping = 1 if opens else 0
                        continue
                new: Any = {} if event == "start_map" else [] if event == "start_array" else value
                if isinstance(parent, dict):
                    parent[keys[-1]] = new
                else:
                    parent.append(new)
                if opens:
                    if len(stack) > MAX_DEPTH:
                        raise InputError(f"{where} is not usable JSON: nested more than {MAX_DEPTH} levels deep")
                    stack.append(new)
                    keys.append(None)
                    counts.append(0)
        except ijson.JSONError as exc:
            raise InputError(f"{where} is not valid JSON ({_reason(exc)})") from None
    several = counts[0] > 1
    if several:
        lengths[""] = counts[0]
    value = root if several else (root[0] if root else None)
    return value, JsonStream(path, offset, where, lengths, several)
