"""Secrets never leave the machine: every text a user or a tracker supplies (descriptions, issue bodies and
comments, refine instructions and answers, the document sent as context) goes through the same redactor that
guards repository text, before it is sent or stored. What was redacted is reported by kind and count, never value.
"""

from __future__ import annotations

from prp_agent.secrets.patterns import redact_report

__all__ = ["redact_input"]


def redact_input(text: str, what: str) -> tuple[str, str | None]:
    """The text with secret values replaced, and a note saying what was redacted from `what` (None if nothing)."""
    redacted, kinds = redact_report(text)
    if not kinds:
        return text, None
    listed = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in sorted(kinds.items()))
    return redacted, f"redacted {listed} from {what} before it left this machine"
