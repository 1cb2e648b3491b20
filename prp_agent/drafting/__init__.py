"""Drafting: the brief → sections pipeline and everything a section is judged by.

Owns the pipeline (`pipeline`), deferred drafts for batch flows (`deferred`), one structured request with re-asks
(`asking`), failure flags (`flags`) and the review rules (`review`), the prompts (`prompts`), stated facts and the
technology vocabulary (`stated`, `vocabulary`), the offline drafter (`offline`) and grounding of values in a
repository's facts (`grounding`). It sits above the file format and templates and below the use-cases; it prints
nothing. The public names are imported lazily, so importing one rule module does not load the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["DeferredDraft", "DraftHooks", "DraftRequest", "DraftResult", "draft_async", "draft_prp"]

_HOME = {"DeferredDraft": "deferred"} | {name: "pipeline" for name in __all__ if name != "DeferredDraft"}

if TYPE_CHECKING:
    from prp_agent.drafting.deferred import DeferredDraft
    from prp_agent.drafting.pipeline import DraftHooks, DraftRequest, DraftResult, draft_async, draft_prp


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'prp_agent.drafting' has no attribute {name!r}")
    return getattr(importlib.import_module(f"prp_agent.drafting.{home}"), name)
