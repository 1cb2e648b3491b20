"""Repair UTF-8 text that was decoded as cp1254 (or cp1252), including runs whose undefined bytes were lost.

A byte that has no character in the code page (0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E in cp1254) disappears on
the way, so the run no longer decodes. We re-insert each candidate byte where a UTF-8 sequence is one byte short and
keep the repair only when exactly one reading is plausible; otherwise the run is removed and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["MojibakeReport", "repair_mojibake"]

_CODEPAGES = ("cp1254", "cp1252")
_VS16 = "\ufe0f"


def _high_chars(codepage: str) -> str:
    chars = []
    for byte in range(0x80, 0x100):
        try:
            chars.append(bytes([byte]).decode(codepage))
        except UnicodeDecodeError:
            continue
    return "".join(chars)


def _lost_bytes(codepage: str) -> tuple[int, ...]:
    lost = []
    for byte in range(0x80, 0xC0):
        try:
            bytes([byte]).decode(codepage)
        except UnicodeDecodeError:
            lost.append(byte)
    return tuple(lost)


_RUN_RE = {cp: re.compile("[" + re.escape(_high_chars(cp)) + "]{2,}") for cp in _CODEPAGES}
_LOST = {cp: _lost_bytes(cp) for cp in _CODEPAGES}


@dataclass
class MojibakeReport:
    """What a repair changed: counts, and the runs that could not be repaired (line, text, candidates)."""

    repaired: int = 0
    unrepairable: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)


def _seq_len(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _plausible(char: str) -> bool:
    category = unicodedata.category(char)
    return category not in {"Cn", "Cc", "Cs", "Co"} and not 0x80 <= ord(char) < 0xA0


def _sequence_readings(chunk: bytes, need: int, lost: tuple[int, ...]) -> set[str]:
    """Characters a sequence could have been when it is one byte short of `need`."""
    readings: set[str] = set()
    for position in range(1, need):
        for byte in lost:
            candidate = chunk[:position] + bytes([byte]) + chunk[position:]
            try:
                char = candidate.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and _plausible(char):
                readings.add(char)
    return readings


def _decode_run(data: bytes, lost: tuple[int, ...]) -> tuple[str | None, tuple[str, ...]]:
    """Decode a byte run as UTF-8, filling single lost bytes; (text, ()) or (None, ambiguous candidates)."""
    out: list[str] = []
    i = 0
    while i < len(data):
        need = _seq_len(data[i])
        if need == 0:
            return None, ()
        j = i + 1
        while j < len(data) and j - i < need and 0x80 <= data[j] <= 0xBF:
            j += 1
        chunk = data[i:j]
        if len(chunk) == need:
            try:
                out.append(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                return None, ()
        elif len(chunk) == need - 1 and len(chunk) >= 2:
            readings = _sequence_readings(chunk, need, lost)
            previous = out[-1] if out else ""
            if _VS16 in readings and previous and unicodedata.category(previous[-1]) == "So":
                readings = {_VS16}
            if len(readings) != 1:
                return None, tuple(sorted(readings))
            out.append(readings.pop())
        else:
            return None, ()
        i = j
    text = "".join(out)
    return (text, ()) if all(_plausible(c) for c in text) else (None, ())


def _repair_line(line: str, number: int, report: MojibakeReport) -> str:
    for codepage in _CODEPAGES:
        pieces: list[str] = []
        last = 0
        changed = False
        for match in _RUN_RE[codepage].finditer(line):
            data = match.group(0).encode(codepage)
            text, candidates = _decode_run(data, _LOST[codepage])
            if text is None and not candidates:
                continue
            pieces.append(line[last : match.start()])
            changed = True
            if text is not None:
                pieces.append(text)
                report.repaired += 1
            else:
                report.unrepairable.append((number, match.group(0), candidates))
                # drop the run and the space it leaves doubled
                if line[match.end() : match.end() + 1] == " " and (
                    match.start() == 0 or line[match.start() - 1] == " "
                ):
                    last = match.end() + 1
                    continue
            last = match.end()
        if changed:
            pieces.append(line[last:])
            return "".join(pieces)
    return line


def repair_mojibake(text: str) -> tuple[str, MojibakeReport]:
    """Repair mojibake line by line; return the text and a report of what was and was not repaired."""
    report = MojibakeReport()
    if text.isascii():
        return text, report
    lines = text.split("\n")
    fixed = [_repair_line(line, n, report) if not line.isascii() else line for n, line in enumerate(lines, 1)]
    return "\n".join(fixed), report
