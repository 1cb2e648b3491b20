"""The review session's facade: the sections to walk and the operations an interactive front end calls (it never
prompts or prints)."""

from __future__ import annotations

from pathlib import Path

from prp_agent.config import Settings
from prp_agent.llm.protocol import ChatModel
from prp_agent.refine.apply import Applied, accept_flags, apply_proposal
from prp_agent.refine.proposals import Proposal, propose_text, propose_with_model
from prp_agent.refine.targets import RefineTarget, open_target, sections_to_review

__all__ = ["ReviewSession"]

# --- a review session over many sections -------------------------------------------------------------------------


class ReviewSession:
    """A review of a PRP's sections, one at a time, that an interactive front end drives (it never prompts or
    prints): which sections to walk, each opened fresh from the file as it is now, proposals from a model or from
    the reviewer's text, and each accepted change written at once."""

    def __init__(
        self,
        path: str | Path,
        settings: Settings,
        *,
        template_name: str | None = None,
        model: ChatModel | None = None,
        only: str | None = None,
    ) -> None:
        self.path, self.settings, self.template_name, self.model = Path(path), settings, template_name, model
        if only is not None:
            self.queue = [open_target(path, only, template_name).spec.id]
        else:
            self.queue = sections_to_review(path, template_name)

    @property
    def online(self) -> bool:
        """Whether a model can redraft (a key or base URL, not --offline, or a model given)."""
        return self.model is not None or self.settings.use_model

    def open(self, section_id: str) -> RefineTarget:
        """A section as the file holds it now."""
        return open_target(self.path, section_id, self.template_name)

    def redraft(
        self, target: RefineTarget, instruction: str | None, answers: list[tuple[str, str]] | None = None
    ) -> Proposal:
        """A model's redraft of the section."""
        return propose_with_model(target, self.settings, instruction=instruction, answers=answers, model=self.model)

    def edited(self, target: RefineTarget, text: str, answers: list[tuple[str, str]] | None = None) -> Proposal:
        """The reviewer's own text for the section."""
        return propose_text(target, text, answers)

    def apply(self, target: RefineTarget, proposal: Proposal) -> Applied:
        """Write an accepted proposal now."""
        return apply_proposal(target, proposal, online=self.online)

    def accept_flags(self, target: RefineTarget) -> Applied:
        """Mark the section reviewed as it stands."""
        return accept_flags(target)
