"""The one place that turns settings into model clients: use-cases ask here and get a `ChatModel` (or a Batch API
client) back, never an adapter. A new provider is a new adapter module and a branch here, not an edit to every
use-case. Adapters are imported lazily: `openai` alone costs ~0.4 s of start-up.
"""

from __future__ import annotations

from typing import Any

from prp_agent.config import Settings
from prp_agent.llm.calllog import LoggedModel
from prp_agent.llm.cassette import CachedModel, RecordingModel, ReplayModel, cache_path
from prp_agent.llm.protocol import BatchClient, ChatAnswer, ChatRequest, ClosableModel
from prp_agent.llm.retry import RetryPolicy
from prp_agent.secrets.redaction import remember_endpoint_secrets

__all__ = ["answer_from_batch_line", "batch_line_body", "build_batch_client", "build_model", "describe_endpoint"]


def build_model(
    settings: Settings, *, attempts: int | None = None, concurrency: int | None = None, remember: bool = True
) -> ClosableModel:
    """The chat model the settings name (OpenAI or any OpenAI-compatible server); the caller closes it.

    `attempts` overrides the adapter's own retries (a batch passes 1: its rate limiter owns the retries there);
    `remember=False` neither reads nor writes the endpoint cache (a probe must see the server as it is).
    `concurrency` raises the ceiling of requests in flight for OpenAI and Azure (a rate-limited batch keeps hundreds
    in flight there), while any other server keeps `--concurrency` as its ceiling and its own learned limit below.
    """
    from prp_agent.llm.openai_adapter import OpenAIChatModel
    from prp_agent.llm.transport import is_openai_host

    remember_endpoint_secrets(settings.api_key, settings.base_url)
    if settings.replay:  # answers from the cassette: no endpoint, no key, no network
        replayed = ReplayModel(settings.replay, model=settings.model, mode=settings.mode)
        return LoggedModel(replayed) if settings.log else replayed

    if concurrency is not None and not is_openai_host(settings.base_url):
        concurrency = min(concurrency, settings.concurrency)
    adapter = OpenAIChatModel(
        model=settings.model,
        api_key=settings.api_key,
        base_url=settings.base_url,
        timeout=settings.timeout,
        retry=RetryPolicy.from_settings(settings) if attempts is None else RetryPolicy(attempts=attempts),
        concurrency=settings.concurrency if concurrency is None else concurrency,
        mode=settings.mode,
        remember=remember,
    )
    model: ClosableModel = adapter
    if settings.cache:
        model = CachedModel(model, cache_path(), model=settings.model, mode=settings.mode)
    if settings.record:
        model = RecordingModel(model, settings.record, model=settings.model, mode=settings.mode)
    return LoggedModel(model) if settings.log else model


def build_batch_client(settings: Settings) -> BatchClient:
    """The Batch API client for the settings' endpoint; the caller closes it."""
    from prp_agent.llm.openai_adapter import OpenAIBatchClient

    remember_endpoint_secrets(settings.api_key, settings.base_url)
    return OpenAIBatchClient(api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout)


def batch_line_body(settings: Settings, request: ChatRequest) -> dict[str, Any]:
    """The Chat Completions body one Batch API input line carries for this request (strict json_schema)."""
    from prp_agent.llm.completions import request_body

    return request_body(request, model=settings.model, base_url=settings.base_url)


def answer_from_batch_line(body: dict[str, Any]) -> ChatAnswer:
    """The answer a Batch API output line holds (a Chat Completions response body)."""
    from prp_agent.llm.openai_adapter import answer_from_body

    return answer_from_body(body)


async def describe_endpoint(settings: Settings) -> dict[str, Any]:
    """What the settings' endpoint says about itself (reachable, key accepted, model listed, slots, context)."""
    from prp_agent.llm.probe import describe_endpoint as describe
    from prp_agent.llm.transport import build_http_client

    remember_endpoint_secrets(settings.api_key, settings.base_url)
    http = build_http_client(settings.timeout, 4)
    try:
        return await describe(http, settings.base_url, settings.api_key, settings.model, cap=settings.timeout)
    finally:
        await http.aclose()
