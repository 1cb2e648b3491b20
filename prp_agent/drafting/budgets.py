"""How many tokens one answer may take: what its schema can hold, with a margin — not the global maximum.

A small local model that does not stop generates until `max_tokens`, holding the server's only slot meanwhile; a
section answer needs far less than the 8k a global setting allows. The budget counts, per slot, what a full value
of its type takes (a few endpoints or entities with their fields, a paragraph, a list), plus the confidence,
assumptions and open questions every answer carries, and a quarter on top. `--max-output-tokens` stays the upper
bound; a reasoning model on OpenAI (which spends hidden tokens before answering) keeps it whole.
"""

from __future__ import annotations

from prp_agent.config import Settings
from prp_agent.llm.pricing import reasoning_model
from prp_agent.templates.schemas import SectionSpec, SlotType

__all__ = ["BRIEF_TOKENS", "answer_budget"]

_PER_SLOT = {
    SlotType.TEXT: 500, SlotType.LIST: 700, SlotType.ENDPOINTS: 1600, SlotType.ENTITIES: 2200,
    SlotType.PERCENTAGE: 40, SlotType.LATENCY: 60, SlotType.THROUGHPUT: 60,
}  # fmt: skip
_COMMON = 700  # confidence, assumptions and open questions
BRIEF_TOKENS = 1800  # the brief: name, summary, entities, an endpoint outline, stack, assumptions, stated facts
_MARGIN = 1.25
_STEP = 256


def answer_budget(settings: Settings, spec: SectionSpec | None = None) -> int:
    """`max_tokens` for the answer to one section (`spec`) or to the brief (None)."""
    if reasoning_model(settings.model) and not settings.base_url:
        return settings.max_output_tokens
    need = BRIEF_TOKENS if spec is None else _COMMON + sum(_PER_SLOT[t] for t in spec.types.values())
    rounded = -(-int(need * _MARGIN) // _STEP) * _STEP
    return min(settings.max_output_tokens, rounded)
