"""The review session's keys and what each does: the one place their help is written (the session's `?`,
`refine --help` and the README show this text; `ui/session.py` binds each key to its handler)."""

from __future__ import annotations

__all__ = ["CHANGE_KEYS", "SECTION_KEYS", "keys_help"]

SECTION_KEYS: dict[str, str] = {
    "i": "instruct the model to redraft this section",
    "a": "answer the open questions (Enter takes the suggested answer)",
    "e": "edit the section in your editor ($VISUAL, $EDITOR, vi or nano)",
    "f": "accept the flags: the section stays as it is, marked reviewed",
    "s": "skip to the next section",
    "b": "go back to the previous section",
    "q": "quit (every change you applied is already written)",
    "?": "show this help",
}
CHANGE_KEYS: dict[str, str] = {
    "y": "apply this change now (written at once, the previous file kept as .bak)",
    "n": "discard it and stay on this section",
    "e": "edit the proposed text before deciding",
    "r": "ask again with another instruction",
    "q": "quit without applying it",
    "?": "show this help",
}


def keys_help() -> str:
    """Both key tables as plain text, for `refine --help`."""
    section = "\n".join(f"  {key}  {text}" for key, text in SECTION_KEYS.items())
    change = "\n".join(f"  {key}  {text}" for key, text in CHANGE_KEYS.items())
    # "\b" keeps click from rewrapping a paragraph
    return f"\b\nKeys for each section:\n{section}\n\n\b\nKeys for a proposed change:\n{change}"
