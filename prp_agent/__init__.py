"""prp-agent: fill PRP templates with structured-output LLM calls, flagging what a human must review.

The public API is imported lazily so that `prp-agent --help` does not pay for pydantic models and prompts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ChatAnswer": "llm.protocol",
    "ChatModel": "llm.protocol",
    "ChatRequest": "llm.protocol",
    "DraftRequest": "drafting.pipeline",
    "DraftResult": "drafting.pipeline",
    "FlagCode": "types",
    "PrpAgentError": "errors",
    "ScriptedModel": "llm.protocol",
    "SectionResult": "types",
    "Settings": "config",
    "Template": "templates.compiler",
    "describe_template": "templates.catalog",
    "draft_prp": "drafting.pipeline",
    "load_settings": "config",
    "load_template": "templates.compiler",
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
    from prp_agent.config import Settings, load_settings
    from prp_agent.drafting.pipeline import DraftRequest, DraftResult, draft_prp
    from prp_agent.errors import PrpAgentError
    from prp_agent.llm.protocol import ChatAnswer, ChatModel, ChatRequest, ScriptedModel
    from prp_agent.templates.catalog import describe_template
    from prp_agent.templates.compiler import Template, load_template
    from prp_agent.types import FlagCode, SectionResult


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from prp_agent.version import version

        return version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'prp_agent' has no attribute {name!r}")
    return getattr(importlib.import_module(f"prp_agent.{module}"), name)
