"""Writing an accepted change: only that section's bytes, applied to the file as it is now (a concurrent edit of
another section is kept; one of the same section writes nothing), with the history, undo and accepted flags; and
`refine_section`, one change without asking anything, for scripts."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prp_agent.config import Settings
from prp_agent.errors import InputError
from prp_agent.llm.protocol import ChatModel
from prp_agent.prpfile.grammar import find_alert, has_needs_input, strip_alert
from prp_agent.prpfile.sidecar import HistoryEntry, Sidecar, SidecarTemplate
from prp_agent.prpfile.store import SectionChange, update_section
from prp_agent.refine.proposals import Proposal, answers_from, propose_text, propose_with_model
from prp_agent.refine.staleness import StaleSection, stale_sections
from prp_agent.refine.targets import RefineTarget, open_target
from prp_agent.types import SectionResult

__all__ = ["Applied", "accept_flags", "apply_proposal", "refine_section", "undo_section"]


@dataclass
class Applied:
    """What an accepted change wrote."""

    path: Path
    backup: Path | None
    sidecar: Path
    section_id: str
    status: str
    stale: list[StaleSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = True  # False: there was nothing to do, and nothing was written


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fresh_sidecar(target: RefineTarget) -> Sidecar:
    template = target.template
    return Sidecar(
        template=SidecarTemplate(name=template.name, source=template.source, sha256=template.sha256),
        created_by="refine (the document had no sidecar)",
    )


def _previous(target: RefineTarget) -> dict[str, Any]:
    return {"body": target.body, "result": target.result.model_dump(mode="json") if target.result else None}


def _write(target: RefineTarget, new_body: str, result: SectionResult, entry: HistoryEntry) -> Path | None:
    """Write the section into the file as it is now, and its result and history into the sidecar."""
    order = {s.id: i for i, s in enumerate(target.template.sections)}

    def apply(stored: Sidecar | None) -> Sidecar:
        sidecar = (stored or target.sidecar or _fresh_sidecar(target)).model_copy(deep=True)
        kept = [s for s in sidecar.sections if s.id != result.id]
        sidecar.sections = sorted([*kept, result], key=lambda s: order.get(s.id, 999))
        sidecar.history.append(entry)
        return sidecar

    change = SectionChange(target.spec.id, target.body, new_body)
    backup, _ = update_section(target.opened, target.template, change, apply)
    return backup


def apply_proposal(target: RefineTarget, proposal: Proposal, *, online: bool = True) -> Applied:
    """Write the accepted section (atomically, with a .bak), record history in the sidecar, list stale sections
    (with commands that can run: `online` says whether a model can redraft)."""
    entry = HistoryEntry(
        section=target.spec.id,
        at=_now(),
        by=_who(),
        action="refine" if proposal.source == "model" else "edit",
        instruction=proposal.instruction,
        answers=[f"{q} → {a}" for q, a in proposal.answers],
        previous=_previous(target),
    )
    backup = _write(target, proposal.body, proposal.result, entry)
    stale = stale_sections(target, proposal, online=online)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, proposal.result.status, stale,
                   proposal.notes)  # fmt: skip


def accept_flags(target: RefineTarget) -> Applied:
    """Mark the section reviewed: its alert and marker go, the accepted flags are recorded with who and when."""
    flags = [f.model_dump(mode="json") for f in target.result.flags] if target.result else []
    alert = find_alert(target.body.splitlines())
    if not flags and alert is None:  # nothing to accept: nothing is written (no new .bak, no history entry)
        if target.result is None:
            raise InputError(f"section {target.section.title!r} has no flags to accept")
        note = f"nothing to accept: section {target.section.title!r} has no flags"
        return Applied(target.path, None, target.opened.sidecar_path, target.spec.id, _status(target.body), [], [note],
                       written=False)  # fmt: skip
    base = target.result or SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    result = base.model_copy(update={"status": "filled", "flags": []})
    entry = HistoryEntry(section=target.spec.id, at=_now(), by=_who(), action="accept_flags",
                         previous=_previous(target), accepted_flags=flags)  # fmt: skip
    body = strip_alert(target.body)
    backup = _write(target, body, result, entry)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, _status(body))


def _status(body: str) -> str:
    """What a reviewed section is now: filled, or accepted while it still says NEEDS INPUT somewhere."""
    return "accepted, still NEEDS INPUT (fill it with --text or e)" if has_needs_input(body) else "filled"


def undo_section(target: RefineTarget) -> Applied:
    """Restore the section's previous version from the sidecar history, byte for byte; each call goes one step
    further back."""
    history = target.sidecar.history if target.sidecar else []
    entry = next(
        (e for e in reversed(history) if e.section == target.spec.id and e.previous and not e.undone),
        None,
    )
    if entry is None or entry.previous is None:
        raise InputError(f"nothing to undo for section {target.section.title!r}")
    previous = entry.previous
    result = (
        SectionResult.model_validate(previous["result"])
        if previous.get("result")
        else SectionResult(id=target.spec.id, title=target.spec.section.title, status="filled")
    )
    index = next(i for i, e in enumerate(history) if e is entry)  # history only grows: the index stays valid
    undo = HistoryEntry(section=target.spec.id, at=_now(), by=_who(), action="undo", previous=_previous(target),
                        undone=_now(), undid=entry.at)  # fmt: skip
    order = {s.id: i for i, s in enumerate(target.template.sections)}

    def apply(stored: Sidecar | None) -> Sidecar:
        sidecar = (stored or _fresh_sidecar(target)).model_copy(deep=True)
        if index < len(sidecar.history):
            sidecar.history[index].undone = _now()
        kept = [s for s in sidecar.sections if s.id != result.id]
        sidecar.sections = sorted([*kept, result], key=lambda s: order.get(s.id, 999))
        sidecar.history.append(undo)  # an undo is not itself undone by the next --undo
        return sidecar

    change = SectionChange(target.spec.id, target.body, str(previous["body"]))
    backup, _ = update_section(target.opened, target.template, change, apply)
    return Applied(target.path, backup, target.opened.sidecar_path, target.spec.id, result.status)


def refine_section(
    path: str | Path,
    section: str,
    settings: Settings,
    *,
    template_name: str | None = None,
    instruction: str | None = None,
    text: str | None = None,
    answers: list[str] | None = None,
    undo: bool = False,
    accept: bool = False,
    model: ChatModel | None = None,
) -> Applied:
    """One change to one section without asking anything (scripts): undo, accept the flags, take `text`, or redraft
    with an instruction and/or answers (`N=TEXT` or `all`)."""
    target = open_target(path, section, template_name)
    if undo:
        return undo_section(target)
    if accept:
        return accept_flags(target)
    given = answers_from(target, answers or [])
    online = model is not None or settings.use_model
    if text is not None:
        return apply_proposal(target, propose_text(target, text, given), online=online)
    if model is None and not settings.use_model:
        raise InputError("--instruction needs a model (set OPENAI_API_KEY or --base-url); offline, use --text")
    proposal = propose_with_model(target, settings, instruction=instruction, answers=given, model=model)
    return apply_proposal(target, proposal)
