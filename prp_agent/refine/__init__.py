"""Refining: change one section of a PRP and keep every other byte; undo, accept flags, find stale sections; the
review session's facade.

`targets` opens a section, `proposals` makes a new body (the reviewer's text or a model's redraft), `apply` writes an
accepted change (and `refine_section` does one change for scripts), `staleness` finds what else a change may have
made out of date, `session` is what the interactive review drives, and `keys` says what each of its keys does.
Nothing here prompts or prints. The public names are imported lazily.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prp_agent.prpfile.grammar import strip_alert
    from prp_agent.refine.apply import Applied, accept_flags, apply_proposal, refine_section, undo_section
    from prp_agent.refine.proposals import Proposal, answers_from, propose_text, propose_with_model
    from prp_agent.refine.session import ReviewSession
    from prp_agent.refine.staleness import StaleSection, stale_sections
    from prp_agent.refine.targets import RefineTarget, history, list_sections, open_target, sections_to_review

__all__ = [
    "Applied",
    "Proposal",
    "RefineTarget",
    "ReviewSession",
    "StaleSection",
    "accept_flags",
    "answers_from",
    "apply_proposal",
    "history",
    "list_sections",
    "open_target",
    "propose_text",
    "propose_with_model",
    "refine_section",
    "sections_to_review",
    "stale_sections",
    "strip_alert",
    "undo_section",
]

_HOME = {
    "strip_alert": "prp_agent.prpfile.grammar",
    "Applied": "prp_agent.refine.apply",
    "accept_flags": "prp_agent.refine.apply",
    "apply_proposal": "prp_agent.refine.apply",
    "refine_section": "prp_agent.refine.apply",
    "undo_section": "prp_agent.refine.apply",
    "Proposal": "prp_agent.refine.proposals",
    "answers_from": "prp_agent.refine.proposals",
    "propose_text": "prp_agent.refine.proposals",
    "propose_with_model": "prp_agent.refine.proposals",
    "ReviewSession": "prp_agent.refine.session",
    "StaleSection": "prp_agent.refine.staleness",
    "stale_sections": "prp_agent.refine.staleness",
    "RefineTarget": "prp_agent.refine.targets",
    "history": "prp_agent.refine.targets",
    "list_sections": "prp_agent.refine.targets",
    "open_target": "prp_agent.refine.targets",
    "sections_to_review": "prp_agent.refine.targets",
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (`prp_agent.refine.keys` is read by `--help` without the rest)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'prp_agent.refine' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
