"""The interactive review session (`prp-agent refine FILE`): walk the sections that need a human one at a time,
like `git add -p`. Each shows its text as a reader sees it, its flags and open questions; one key instructs the
model, answers the questions, edits in the editor, accepts the flags, skips, goes back or quits. A proposed change
is shown as a diff and applied only by `y`: Enter alone accepts nothing. Every applied change is written at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.panel import Panel
from rich.syntax import Syntax
from rich.text import Text

from prp_agent.prpfile.grammar import strip_alert
from prp_agent.refine.keys import CHANGE_KEYS as CHANGE_HELP
from prp_agent.refine.keys import SECTION_KEYS as SECTION_HELP
from prp_agent.text import printable
from prp_agent.ui.console import ask_line, print_json, say, stderr, tell
from prp_agent.ui.editor import edit_text

if TYPE_CHECKING:
    from prp_agent.prpfile.sidecar import HistoryEntry
    from prp_agent.refine import Applied, Proposal, RefineTarget, ReviewSession

__all__ = [
    "CHANGE_KEYS",
    "SECTION_KEYS",
    "Key",
    "decide",
    "key_help",
    "run_session",
    "show_applied",
    "show_diff",
    "show_history",
    "show_target",
]


@dataclass
class _Walk:
    """Where a session is: the section on screen and what has been applied so far."""

    session: ReviewSession
    target: RefineTarget
    applied: list[Applied] = field(default_factory=list)


@dataclass
class _Pending:
    """A proposal waiting for the reviewer's decision."""

    session: ReviewSession
    target: RefineTarget
    proposal: Proposal
    applied: Applied | None = None


@dataclass(frozen=True)
class Key:
    """One key of the session: its help (from `refine/keys`, shown by `?` and `refine --help`) and its handler."""

    help: str
    act: Callable[[Any], str] | None  # None: the chooser handles it (`?`)


def _settle(walk: _Walk, proposal: Proposal | None) -> str:
    """Decide on a proposal for the section on screen; the move it leads to."""
    if proposal is None:
        return "stay"
    outcome = decide(walk.session, walk.target, proposal)
    if isinstance(outcome, str):
        return "quit" if outcome == "quit" else "stay"
    walk.applied.append(outcome)
    return "next"


def _accept(walk: _Walk) -> str:
    walk.applied.append(walk.session.accept_flags(walk.target))
    show_applied(walk.applied[-1], json_output=False)
    return "next"


SECTION_KEYS: dict[str, Key] = {
    "i": Key(SECTION_HELP["i"], lambda w: _settle(w, _propose(w.session, w.target, "i"))),
    "a": Key(SECTION_HELP["a"],
             lambda w: _settle(w, _propose(w.session, w.target, "a"))),
    "e": Key(SECTION_HELP["e"],
             lambda w: _settle(w, _propose(w.session, w.target, "e"))),
    "f": Key(SECTION_HELP["f"], _accept),
    "s": Key(SECTION_HELP["s"], lambda w: "next"),
    "b": Key(SECTION_HELP["b"], lambda w: "back"),
    "q": Key(SECTION_HELP["q"], lambda w: "quit"),
    "?": Key(SECTION_HELP["?"], None),
}  # fmt: skip


def _apply(pending: _Pending) -> str:
    pending.applied = pending.session.apply(pending.target, pending.proposal)
    show_applied(pending.applied, json_output=False)
    return "applied"


def _edit_proposal(pending: _Pending) -> str:
    edited = edit_text(pending.proposal.body)
    if edited is not None:
        pending.proposal = pending.session.edited(pending.target, edited, pending.proposal.answers)
    return "again"


def _ask_again(pending: _Pending) -> str:
    instruction = ask_line("Instruction")
    if instruction and pending.session.online:
        pending.proposal = pending.session.redraft(pending.target, instruction, pending.proposal.answers)
    elif instruction:
        say("no model: set OPENAI_API_KEY or pass --base-url to redraft")
    return "again"


CHANGE_KEYS: dict[str, Key] = {
    "y": Key(CHANGE_HELP["y"], _apply),
    "n": Key(CHANGE_HELP["n"], lambda p: "discard"),
    "e": Key(CHANGE_HELP["e"], _edit_proposal),
    "r": Key(CHANGE_HELP["r"], _ask_again),
    "q": Key(CHANGE_HELP["q"], lambda p: "quit"),
    "?": Key(CHANGE_HELP["?"], None),
}


def key_help(keys: dict[str, Key]) -> list[str]:
    """One line per key, as `?` shows them."""
    return [f"  {key}  {entry.help}" for key, entry in keys.items()]


def _choose(prompt: str, keys: dict[str, Key]) -> str:
    """One of `keys`; q at end of input; Enter alone asks again; `?` or an unknown key shows the help."""
    while True:
        answer = ask_line(f"{prompt} [{','.join(keys)}]")
        if answer is None:
            return "q"
        choice = answer.strip().lower()[:1]
        if choice and (choice not in keys or keys[choice].act is None):
            for line in key_help(keys):
                say(line)
            continue
        if choice:
            return choice


def show_target(target: RefineTarget, position: str = "") -> None:
    """A section as a reader sees it (no review markup), then its flags and open questions, each once."""
    for note in target.missing:
        say(f"prp-agent: note: {note}")
    title = Text(printable(f"{position}{target.section.title}"))
    body = Text(printable(strip_alert(target.body).strip("\n") or "(empty)"))
    stderr().print(Panel(body, title=title, title_align="left", expand=False))
    if target.result and target.result.flags:
        for flag in target.result.flags:
            say(f"  flag {flag.code.value}: {flag.message}")
    for number, question in enumerate(target.open_questions, 1):
        say(f"  Q{number}. {question.question} (suggested: {question.suggested_answer})")


def show_diff(diff: str) -> None:
    """A coloured unified diff on stderr: long lines wrap, never cut; a pager when it is taller than the screen."""
    if not diff:
        say("(no change)")
        return
    console = stderr()
    syntax = Syntax(printable(diff), "diff", theme="ansi_dark", background_color="default", word_wrap=True)
    height = shutil.get_terminal_size((80, 24)).lines
    if console.is_terminal and diff.count("\n") > height - 4:
        with console.pager(styles=True):
            console.print(syntax)
        return
    console.print(syntax)


def _answers(target: RefineTarget) -> list[tuple[str, str]] | None:
    answers = []
    for question in target.open_questions:
        answer = ask_line(question.question, question.suggested_answer)
        if answer is None:
            return None
        answers.append((question.question, answer))
    return answers


def _propose(session: ReviewSession, target: RefineTarget, action: str) -> Proposal | None:
    """A proposal for one section action (i, a or e), or None when the user gave up on it."""
    if action == "a" and not target.open_questions:
        say("this section has no open questions")
        return None
    answers = _answers(target) if action == "a" else []
    if answers is None:
        return None
    if action == "i" or (action == "a" and session.online):
        if not session.online:
            say("no model: set OPENAI_API_KEY or pass --base-url to redraft; press e to edit the text yourself")
            return None
        instruction = ask_line("Instruction") if action == "i" else None
        if action == "i" and not instruction:
            return None
        return session.redraft(target, instruction, answers)
    current = strip_alert(target.body)
    edited = edit_text(current)
    if edited is not None and edited.strip() == current.strip() and not answers:
        say("no change")
        return None
    return None if edited is None else session.edited(target, edited, answers)


def decide(session: ReviewSession, target: RefineTarget, proposal: Proposal) -> Applied | str:
    """Show a proposal's diff and act on the answer: the Applied change, or "discard" / "quit". A proposal that
    changes nothing is said so and discarded without asking."""
    pending = _Pending(session, target, proposal)
    while True:
        for note in pending.proposal.notes:
            say(f"prp-agent: {note}")
        diff = pending.proposal.diff(target)
        if not diff:
            say("no change")
            return "discard"
        show_diff(diff)
        act = CHANGE_KEYS[_choose("Apply this change?", CHANGE_KEYS)].act
        assert act is not None
        outcome = act(pending)
        if outcome == "applied" and pending.applied is not None:
            return pending.applied
        if outcome in {"discard", "quit"}:
            return outcome


def run_session(session: ReviewSession, first: Proposal | None = None) -> list[Applied]:
    """Walk the session's sections; what was applied (each change was written when it was applied)."""
    queue = session.queue
    if not queue:
        say("nothing to review: no section is flagged, needs input, or has a lint error")
        return []
    applied: list[Applied] = []
    index = 0
    while 0 <= index < len(queue):
        walk = _Walk(session, session.open(queue[index]), applied)
        if first is not None:
            move, first = _settle(walk, first), None
        else:
            show_target(walk.target, f"[{index + 1}/{len(queue)}] " if len(queue) > 1 else "")
            act = SECTION_KEYS[_choose("Action", SECTION_KEYS)].act
            assert act is not None
            move = act(walk)
        if move == "quit":
            break
        index = index + 1 if move == "next" else max(0, index - 1) if move == "back" else index
    say(f"{len(applied)} change(s) applied" if applied else "no changes written")
    return applied


def show_applied(applied: Applied, *, json_output: bool) -> None:
    """What a refine, undo or accept wrote, and which sections may now be stale."""
    for note in applied.notes:
        say(f"prp-agent: {note}")
    if json_output:
        print_json(
            {
                "written": applied.written,
                "output": str(applied.path),
                "backup": str(applied.backup) if applied.backup else None,
                "sidecar": str(applied.sidecar),
                "section": applied.section_id,
                "status": applied.status,
                "stale": [
                    {"id": s.id, "title": s.title, "terms": s.terms, "command": s.command} for s in applied.stale
                ],
            }
        )
        return
    if not applied.written:
        return
    tell(f"wrote {applied.path} (section {applied.section_id}: {applied.status}); sidecar {applied.sidecar}")
    if applied.backup:
        tell(f"kept the previous version as {applied.backup}")
    for stale in applied.stale:
        tell(f"possibly stale: {stale.title} (mentions {', '.join(stale.terms)})")
        tell(f"  {stale.command}")


def show_history(entries: list[HistoryEntry], *, json_output: bool) -> None:
    """Every recorded change, oldest first; undone ones marked."""
    if json_output:
        print_json({"history": [e.model_dump(mode="json", exclude={"previous"}) for e in entries]})
        return
    if not entries:
        tell("no history: nothing was refined, edited or accepted yet")
        return
    for number, entry in enumerate(entries, 1):
        what = entry.instruction or "; ".join(entry.answers) or ""
        undone = " (undone)" if entry.undone and entry.action != "undo" else ""
        tell(f"{number:3}. {entry.at}  {entry.section}  {entry.action}{undone}  by {entry.by}  {what}".rstrip())
