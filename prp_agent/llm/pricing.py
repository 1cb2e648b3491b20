"""Estimated cost of token usage, from a small price table (USD per million tokens)."""

from __future__ import annotations

from prp_agent.llm.protocol import Usage

__all__ = ["PRICES", "estimate_cost", "reasoning_model"]

# input, cached input, output — USD per 1M tokens, list prices
PRICES: dict[str, tuple[float, float, float]] = {
    "gpt-5": (1.25, 0.125, 10.0),
    "gpt-5-mini": (0.25, 0.025, 2.0),
    "gpt-5-nano": (0.05, 0.005, 0.40),
    "gpt-4.1": (2.0, 0.50, 8.0),
    "gpt-4.1-mini": (0.40, 0.10, 1.60),
    "gpt-4.1-nano": (0.10, 0.025, 0.40),
    "gpt-4o": (2.50, 1.25, 10.0),
    "gpt-4o-mini": (0.15, 0.075, 0.60),
}


def reasoning_model(model: str) -> bool:
    """Whether a model spends hidden reasoning tokens before it answers (OpenAI's o-series and GPT-5)."""
    return model.startswith(("gpt-5", "o1", "o3", "o4"))


def estimate_cost(model: str, usage: Usage, override: tuple[float, float, float] | None = None) -> float | None:
    """USD for this usage, or None for a model without a known price (local servers, new models)."""
    key = max((name for name in PRICES if model == name or model.startswith(name + "-")), key=len, default=None)
    if override is None and key is None:
        return None
    price_in, price_cached, price_out = override or PRICES[key or ""]
    fresh = usage.prompt_tokens - usage.cached_tokens
    return (fresh * price_in + usage.cached_tokens * price_cached + usage.completion_tokens * price_out) / 1_000_000
