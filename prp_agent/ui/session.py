"""The interactive review session (`prp-agent refine FILE`): walk the sections that need a human one at a time,
like `git add -p`. Each shows its text as a reader sees it, its flags and open questions; one key instructs the
model, answers the questions, edits in the editor, accepts the flags, skips, goes back or quits. A proposed change
is shown as a diff and applied only by `y`: Enter alone accepts nothing. Every applied change is written at once.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.syntax import Syntax
from rich.text import Text

from prp_agent.prpfile.grammar import strip_alert
from prp_agent.text import printable
from prp_agent.ui.console import ask_line, print_json, say, stderr
from prp_agent.ui.editor import edit_text

if TYPE_CHECKING:
    from prp_agent.prpfile.sidecar import HistoryEntry
    from prp_agent.refine import Applied, Proposal, RefineTarget, ReviewSession

__all__ = ["decide", "run_session", "show_applied", "show_diff", "show_history", "show_target"]

_SECTION_KEYS = {
    "i": "instruct the model to redraft this section",
    "a": "answer the open questions (Enter takes the suggested answer)",
    "e": "edit the section in your editor ($VISUAL, $EDITOR, vi or nano)",
    "f": "accept the flags: the section stays as it is, marked reviewed",
    "s": "skip to the next section",
    "b": "go back to the previous section",
    "q": "quit (every change you applied is already written)",
    "?": "show this help",
}
_CHANGE_KEYS = {
    "y": "apply this change now (written at once, the previous file kept as .bak)",
    "n": "discard it and stay on this section",
    "e": "edit the proposed text before deciding",
    "r": "ask again with another instruction",
    "q": "quit without applying it",
    "?": "show this help",
}


def _choose(prompt: str, keys: dict[str, str]) -> str:
    """One of `keys`; q at end of input; Enter alone or an unknown key asks again."""
    while True:
        answer = ask_line(f"{prompt} [{','.join(keys)}]")
        if answer is None:
            return "q"
        choice = answer.strip().lower()[:1]
        if choice == "?" or (choice and choice not in keys):
            for key, meaning in keys.items():
                say(f"  {key}  {meaning}")
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
    edited = edit_text(strip_alert(target.body))
    return None if edited is None else session.edited(target, edited, answers)


def decide(session: ReviewSession, target: RefineTarget, proposal: Proposal) -> Applied | str:
    """Show a proposal's diff and act on the answer: the Applied change, or "discard" / "quit"."""
    while True:
        for note in proposal.notes:
            say(f"prp-agent: {note}")
        show_diff(proposal.diff(target))
        choice = _choose("Apply this change?", _CHANGE_KEYS)
        if choice == "y":
            applied = session.apply(target, proposal)
            show_applied(applied, json_output=False)
            return applied
        if choice == "n":
            return "discard"
        if choice == "q":
            return "quit"
        if choice == "e":
            edited = edit_text(proposal.body)
            if edited is not None:
                proposal = session.edited(target, edited, proposal.answers)
            continue
        instruction = ask_line("Instruction")
        if instruction and session.online:
            proposal = session.redraft(target, instruction, proposal.answers)
        elif instruction:
            say("no model: set OPENAI_API_KEY or pass --base-url to redraft")


def run_session(session: ReviewSession, first: Proposal | None = None) -> list[Applied]:
    """Walk the session's sections; what was applied (each change was written when it was applied)."""
    queue = session.queue
    if not queue:
        say("nothing to review: no section is flagged, needs input, or has a lint error")
        return []
    applied: list[Applied] = []
    index = 0
    while 0 <= index < len(queue):
        target = session.open(queue[index])
        proposal, first = first, None
        if proposal is None:
            show_target(target, f"[{index + 1}/{len(queue)}] " if len(queue) > 1 else "")
            action = _choose("Action", _SECTION_KEYS)
            if action == "q":
                break
            if action in {"s", "b"}:
                index = index + 1 if action == "s" else max(0, index - 1)
                continue
            if action == "f":
                applied.append(session.accept_flags(target))
                show_applied(applied[-1], json_output=False)
                index += 1
                continue
            proposal = _propose(session, target, action)
            if proposal is None:
                continue
        outcome = decide(session, target, proposal)
        if outcome == "quit":
            break
        if not isinstance(outcome, str):
            applied.append(outcome)
            index += 1
    say(f"{len(applied)} change(s) applied" if applied else "no changes written")
    return applied


def show_applied(applied: Applied, *, json_output: bool) -> None:
    """What a refine, undo or accept wrote, and which sections may now be stale."""
    for note in applied.notes:
        say(f"prp-agent: {note}")
    if json_output:
        print_json(
            {
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
    say(f"wrote {applied.path} (section {applied.section_id}: {applied.status}); sidecar {applied.sidecar}")
    if applied.backup:
        say(f"kept the previous version as {applied.backup}")
    for stale in applied.stale:
        say(f"possibly stale: {stale.title} (mentions {', '.join(stale.terms)})")
        say(f"  {stale.command}")


def show_history(entries: list[HistoryEntry], *, json_output: bool) -> None:
    """Every recorded change, oldest first; undone ones marked."""
    if json_output:
        print_json({"history": [e.model_dump(mode="json", exclude={"previous"}) for e in entries]})
        return
    if not entries:
        say("no history: nothing was refined, edited or accepted yet")
        return
    for number, entry in enumerate(entries, 1):
        what = entry.instruction or "; ".join(entry.answers) or ""
        undone = " (undone)" if entry.undone and entry.action != "undo" else ""
        say(f"{number:3}. {entry.at}  {entry.section}  {entry.action}{undone}  by {entry.by}  {what}".rstrip())
