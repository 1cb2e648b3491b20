"""Refining: change one section of a PRP and keep every other byte; undo, accept flags, find stale sections; the
review session's facade.

`targets` opens a section, `proposals` makes a new body (the reviewer's text or a model's redraft), `apply` writes an
accepted change (and `refine_section` does one change for scripts), `staleness` finds what else a change may have
made out of date, and `session` is what the interactive review drives. Nothing here prompts or prints.
"""

from __future__ import annotations

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
