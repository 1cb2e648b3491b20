"""One structured request with its re-asks: budget check, send, validate, re-ask with the errors, flag failures.

Drafting and refining share this loop; it returns what happened (parsed answer, best raw attempt, flags) and never
raises for a section-level failure. Only errors that doom every request (bad key, unknown model) propagate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from prp_agent.config import Settings
from prp_agent.drafting.flags import content_filtered, over_budget, refused, request_failed, still_invalid, truncated
from prp_agent.drafting.prompts import prompt_set
from prp_agent.errors import DraftFailedError, ModelError, ModelRequestError
from prp_agent.events import EventKind, emit
from prp_agent.llm.extract import extract_json
from prp_agent.llm.protocol import ChatAnswer, ChatMessage, ChatModel, ChatRequest, Usage
from prp_agent.llm.tokens import prompt_size
from prp_agent.text import loads_json
from prp_agent.types import ReviewFlag

__all__ = ["Asked", "RunState", "ask", "judge_once"]

M = TypeVar("M", bound=BaseModel)


@dataclass
class Asked:
    """The outcome of one structured request with its re-asks."""

    parsed: BaseModel | None = None
    raw: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    flags: list[ReviewFlag] = field(default_factory=list)
    attempts: int = 0
    mode: str | None = None
    prompt_tokens: int = 0
    usage: Usage = field(default_factory=Usage)


@dataclass
class RunState:
    """State shared by the requests of one run: the model, settings and summed usage.

    How many requests are in flight is not decided here: the endpoint gate inside the model owns that per server
    (`--concurrency` is its ceiling), and a batch's issue semaphore owns how many issues run at once.
    """

    model: ChatModel
    settings: Settings
    usage: Usage = field(default_factory=Usage)


async def ask(
    run: RunState,
    messages: list[ChatMessage],
    schema_model: type[M],
    name: str,
    schema: dict[str, Any],
    *,
    prompt_id: str = "",
    budget: int | None = None,
) -> Asked:
    """One structured request with up to `max_reasks` re-asks on validation errors (`prompt_id`: of the prompt
    that made the request, recorded with it; `budget`: the answer's `max_tokens`, at most --max-output-tokens)."""
    asked = Asked()
    limit = min(budget or run.settings.max_output_tokens, run.settings.max_output_tokens)
    prompts = prompt_set(run.settings.prompts)
    instruction = prompts.render("json_object", schema_json=json.dumps(schema, separators=(",", ":")))
    conversation = list(messages)
    best_errors: int | None = None
    for _ in range(run.settings.max_reasks + 1):
        too_large = _over_budget(conversation, run.settings, limit)
        if too_large is not None:
            asked.flags.append(too_large)
            return asked
        request = ChatRequest(tuple(conversation), name, schema, instruction, limit, tag=name, prompt_id=prompt_id)
        asked.attempts += 1
        answer = await _send(run, request, asked)
        if answer is None:
            return asked
        parsed, raw, errors = _validate(schema_model, answer.content or "")
        if raw is not None and (best_errors is None or len(errors) <= best_errors):
            asked.raw, best_errors = raw, len(errors)
        if answer.finish_reason == "length":
            asked.flags.append(truncated(limit))
            asked.parsed = parsed
            return asked
        if parsed is not None:
            asked.parsed, asked.errors = parsed, []
            return asked
        asked.errors = errors
        emit(EventKind.REASK, name, errors[0])
        reask = prompts.render("reask", errors=errors)
        conversation += [ChatMessage("assistant", answer.content or ""), ChatMessage("user", reask)]
    asked.flags.append(still_invalid(asked.attempts, asked.errors[0]))
    return asked


async def _send(run: RunState, request: ChatRequest, asked: Asked) -> ChatAnswer | None:
    """Send one request; None (with the reason flagged) when it failed, was refused or was filtered."""
    try:
        emit(EventKind.REQUEST_STARTED, request.tag)
        try:
            answer = await run.model.complete(request)
        finally:
            emit(EventKind.REQUEST_DONE, request.tag)
    except ModelError as exc:
        retryable = isinstance(exc, ModelRequestError) and exc.retryable
        if isinstance(exc, ModelRequestError) and exc.fatal:
            raise DraftFailedError(exc.message) from None
        attempts = run.settings.retries + 1 if retryable else None
        asked.flags.append(request_failed(exc.message, attempts=attempts))
        return None
    run.usage.add(answer.usage)
    asked.usage.add(answer.usage)
    asked.prompt_tokens += answer.usage.prompt_tokens
    asked.mode = answer.mode.value
    refused = _refused(answer)
    if refused is not None:
        asked.flags.append(refused)
        return None
    return answer


def _refused(answer: ChatAnswer) -> ReviewFlag | None:
    if answer.refusal:
        return refused(answer.refusal)
    if answer.finish_reason == "content_filter":
        return content_filtered()
    return None


def judge_once(answer: ChatAnswer, schema_model: type[M], max_output_tokens: int) -> Asked:
    """An answer that cannot be re-asked (a Batch API result): refusal, truncation and validation judged once."""
    asked = Asked(attempts=1, mode=answer.mode.value, prompt_tokens=answer.usage.prompt_tokens)
    refused = _refused(answer)
    if refused is not None:
        asked.flags.append(refused)
        return asked
    parsed, raw, errors = _validate(schema_model, answer.content or "")
    asked.parsed, asked.raw, asked.errors = parsed, raw, errors
    if answer.finish_reason == "length":
        asked.flags.append(truncated(max_output_tokens))
    elif errors:
        asked.flags.append(still_invalid(1, errors[0], can_reask=False))
    return asked


def _over_budget(messages: list[ChatMessage], settings: Settings, answer: int) -> ReviewFlag | None:
    """The flag for a request whose prompt and answer budget would not fit --max-context-tokens, or None."""
    budget = settings.max_context_tokens - answer
    size = prompt_size([m.content for m in messages], settings.model, budget)
    if size <= budget:
        return None
    return over_budget(size, answer, settings.max_context_tokens)


def _validate(schema_model: type[M], content: str) -> tuple[M | None, dict[str, Any] | None, list[str]]:
    try:
        raw = loads_json(extract_json(content))
    except json.JSONDecodeError as exc:
        return None, None, [f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
    if not isinstance(raw, dict):
        return None, None, [f"expected a JSON object, got {type(raw).__name__}"]
    try:
        return schema_model.model_validate(raw), raw, []
    except ValidationError as exc:
        errors = [f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()[:10]]
        return None, raw, errors
