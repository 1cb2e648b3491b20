"""What a server tells about itself before any completion: slots and context size (`/props`), the models it
serves (`/models`). Used by the adapter once per endpoint and by `doctor`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from prp_agent.config import DEFAULT_BASE_URL
from prp_agent.llm.transport import is_openai_host, server_root

__all__ = ["PROPS_CAP", "describe_endpoint", "probe_props"]


PROPS_CAP = 5.0  # seconds /props may take in all: a server that drips its answer tells nothing


async def probe_props(http: httpx.AsyncClient, base_url: str, cap: float = PROPS_CAP) -> tuple[int | None, int | None]:
    """(parallel slots, context size) a llama.cpp server tells at /props; (None, None) when it tells nothing
    within `cap` seconds in all (a per-read timeout alone lets a server that sends a byte now and then hang it)."""
    try:
        response = await asyncio.wait_for(http.get(server_root(base_url) + "/props", timeout=3.0), timeout=cap)
        data = response.json() if response.status_code == 200 else {}
    except Exception:
        return None, None
    if not isinstance(data, dict):
        return None, None
    slots = data.get("total_slots")
    settings = data.get("default_generation_settings")
    context = settings.get("n_ctx") if isinstance(settings, dict) else None
    return (
        slots if isinstance(slots, int) and slots > 0 else None,
        context if isinstance(context, int) and context > 0 else None,
    )


async def describe_endpoint(http: httpx.AsyncClient, base_url: str | None, api_key: str | None, model: str,
                            cap: float = 10.0) -> dict[str, Any]:  # fmt: skip
    """What an endpoint says about itself: reachable, key accepted, the models it lists, its slots and context
    (each probe within `cap` seconds in all)."""
    url = (base_url or DEFAULT_BASE_URL).rstrip("/") + "/models"
    headers = {"Authorization": f"Bearer {api_key or 'not-needed'}"}
    found: dict[str, Any] = {"reachable": False, "key_accepted": None, "model_listed": None, "detail": ""}
    try:
        response = await asyncio.wait_for(http.get(url, headers=headers, timeout=min(cap, 10.0)), timeout=cap)
    except TimeoutError:
        found["detail"] = f"{url} did not answer within {cap:g}s (--timeout)"
        return found
    except Exception as exc:
        cause = exc.__cause__ or exc
        found["detail"] = f"cannot reach {url}: {str(cause) or type(cause).__name__}"
        return found
    found["reachable"] = True
    found["key_accepted"] = response.status_code not in {401, 403}
    try:
        listed = response.json().get("data") if response.status_code == 200 else None
    except (ValueError, AttributeError):
        listed = None
    if isinstance(listed, list):
        ids = [str(item.get("id")) for item in listed if isinstance(item, dict)]
        found["model_listed"] = model in ids
        found["models"] = ids[:20]
    found["detail"] = f"GET /models: HTTP {response.status_code}"
    if base_url and not is_openai_host(base_url):
        found["slots"], found["context"] = await probe_props(http, base_url, min(cap, PROPS_CAP))
    return found
