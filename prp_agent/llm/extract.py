"""What local models really return around their JSON: a `<think>` block, a code fence, a sentence before or after.

`extract_json` finds the one JSON object an answer holds; validation stays strict afterwards, so anything that is
not the asked-for object still goes through the re-ask loop and the flags.
"""

from __future__ import annotations

import json
import re

from prp_agent.text import MAX_DEPTH, nesting_depth

__all__ = ["extract_json", "wrapping"]

_THINK = re.compile(r"<(think|thinking|reasoning)>.*?</\1>", re.DOTALL | re.IGNORECASE)
_UNCLOSED_THINK = re.compile(r"^\s*<(think|thinking|reasoning)>.*?(?=\{)", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```[ \t]*(?:json|JSON|javascript|js)?[ \t]*\r?\n(.*?)\r?\n?[ \t]*```", re.DOTALL)
_MAX_STARTS = 64


def wrapping(text: str) -> list[str]:
    """How an answer wrapped its JSON, for reports: "think", "fence", "prose" (empty when it was bare JSON)."""
    found = []
    if _THINK.search(text) or _UNCLOSED_THINK.match(text):
        found.append("think")
    if _FENCE.search(text):
        found.append("fence")
    stripped = _FENCE.sub("", _THINK.sub("", text)).strip()
    if stripped and not (stripped.startswith("{") and stripped.endswith("}")) and "fence" not in found:
        found.append("prose")
    return found


def extract_json(text: str) -> str:
    """The JSON object inside a model's answer, as text (the answer itself when no object can be found)."""
    bare = text.strip().lstrip("\ufeff")
    if nesting_depth(bare)[0] > MAX_DEPTH:  # parsing it would recurse that deep: the caller refuses it as it is
        return text
    if bare.startswith("{") and _is_object(bare):
        return bare
    cleaned = _UNCLOSED_THINK.sub("", _THINK.sub("", bare)).strip()
    if cleaned.startswith("{") and _is_object(cleaned):
        return cleaned
    for fenced in _FENCE.findall(cleaned):
        candidate = str(fenced).strip()
        if candidate.startswith("{") and _is_object(candidate):
            return candidate
    decoder = json.JSONDecoder()
    starts = [m.start() for m in re.finditer(r"\{", cleaned)][:_MAX_STARTS]
    for start in starts:
        try:
            value, end = decoder.raw_decode(cleaned, start)
        except ValueError:
            continue
        if isinstance(value, dict):
            return cleaned[start : int(end)]
    return text


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False
