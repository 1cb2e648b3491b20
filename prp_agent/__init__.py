"""prp-agent: fill PRP templates with structured-output LLM calls, flagging what a human must review.

The public API is imported lazily so that `prp-agent --help` does not pay for pydantic models and prompts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ChatAnswer": "model",
    "ChatModel": "model",
    "ChatRequest": "model",
    "DraftRequest": "drafting",
    "DraftResult": "drafting",
    "FlagCode": "types",
    "PrpAgentError": "errors",
    "ScriptedModel": "model",
    "SectionResult": "types",
    "Settings": "config",
    "Template": "template",
    "describe_template": "catalog",
    "draft_prp": "drafting",
    "load_settings": "config",
    "load_template": "template",
}

__all__ = [
    "ChatAnswer",
    "ChatModel",
    "ChatRequest",
    "DraftRequest",
    "DraftResult",
    "FlagCode",
    "PrpAgentError",
    "ScriptedModel",
    "SectionResult",
    "Settings",
    "Template",
    "__version__",
    "describe_template",
    "draft_prp",
    "load_settings",
    "load_template",
]

if TYPE_CHECKING:
    from .catalog import describe_template
    from .config import Settings, load_settings
    from .drafting import DraftRequest, DraftResult, draft_prp
    from .errors import PrpAgentError
    from .model import ChatAnswer, ChatModel, ChatRequest, ScriptedModel
    from .template import Template, load_template
    from .types import FlagCode, SectionResult


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from .version import version

        return version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'prp_agent' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
