"""`doctor` for people: a checklist of what works at the endpoint and what to set; or the JSON object."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prp_agent.ui.console import print_json, tell

if TYPE_CHECKING:
    from prp_agent.doctor import Diagnosis

__all__ = ["show_doctor"]


def _mark(value: bool | None) -> str:
    return {True: "ok ", False: "NO ", None: "?  "}[value]


def show_doctor(found: Diagnosis, *, json_output: bool) -> None:
    """What a draft will do at this endpoint."""
    if json_output:
        print_json(found.as_json())
        return
    if found.offline:
        tell("no OPENAI_API_KEY and no --base-url: drafts run offline (from the description and --repo alone)")
    else:
        _endpoint(found)
    for advice in found.recommendations:
        tell(f"  → {advice}")
    for name, path in found.files.items():
        tell(f"  {name.replace('_', ' ')}: {path}")


def _endpoint(found: Diagnosis) -> None:
    tell(f"{found.base_url}  model {found.model}")
    tell(f"  {_mark(found.reachable)} reachable" + ("" if found.reachable else f": {found.detail}"))
    if found.reachable:
        tell(f"  {_mark(found.key_accepted)} key accepted" if found.key_sent else "  -   no key sent")
        tell(f"  {_mark(found.model_listed)} model listed")
    for name, check in found.modes.items():
        timing = f" ({check.latency_s:g}s)" if check.latency_s is not None else ""
        tell(f"  {_mark(check.ok)} {name} mode{timing}: {check.detail}")
    tell(f"  drafts will use: {found.chosen_mode or 'nothing works'}")
    if found.slots:
        tell(f"  parallel slots: {found.slots}")
    if found.context:
        tell(f"  context size: {found.context} tokens")
    if found.wrapped:
        tell(f"  answers come wrapped in: {', '.join(found.wrapped)}")
