"""`prp-agent logs`: the recorded runs, newest first, each with its calls; or all of it as JSON."""

from __future__ import annotations

from typing import Any

from prp_agent.ui.console import cell, out, print_json, say

__all__ = ["show_logs"]


def show_logs(runs: list[dict[str, Any]], *, json_output: bool, where: str) -> None:
    """Runs and their calls (messages and answers only in JSON)."""
    if json_output:
        print_json({"log": where, "runs": runs})
        return
    if not runs:
        say(f"no calls recorded in {where}")
        return
    console = out(soft_wrap=True)
    for run in runs:
        calls = run["calls"]
        tokens = sum((c["usage"] or {}).get("prompt_tokens", 0) + (c["usage"] or {}).get("completion_tokens", 0)
                     for c in calls)  # fmt: skip
        console.print(cell(f"run {run['id']}  {run['started_at']}  {run['command']}"), style="bold")
        reused = sum(call.get("source") not in (None, "network") for call in calls)
        console.print(cell(f"  {run['model']} at {run['endpoint']}: {len(calls)} call(s), {tokens} tokens"
                           + (f", {reused} answered without the network" if reused else "")))  # fmt: skip
        for call in calls:
            status = call["status"] if call["status"] == "ok" else f"error: {call['error']}"
            if call.get("source") not in (None, "network"):  # answered by the response cache or a cassette
                status += f" (from the {call['source']})"
            console.print(
                cell(f"  {call['at'][11:19]}  {call['tag'] or '-':<40} {call['mode'] or '-':<11} "
                     f"{call['latency_s']:>6.2f}s  {status}")
            )  # fmt: skip
    say("prp-agent logs --json shows every message sent and every answer")
