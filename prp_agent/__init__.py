"""prp-agent: fill PRP templates with structured-output LLM calls, flagging what a human must review."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
