"""Where a draft goes: the markdown and sidecar paths, checked before any work is done."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prp_agent.errors import InputError
from prp_agent.prpfile.grammar import sidecar_for
from prp_agent.storage import check_replaceable, check_writable_dir

__all__ = ["DEFAULT_DIR", "OutputPlan", "plan_outputs"]

DEFAULT_DIR = Path("PRPs")


@dataclass(frozen=True)
class OutputPlan:
    """Where the markdown and sidecar go; None markdown means stdout."""

    markdown: Path | None
    sidecar: Path | None
    force: bool


def plan_outputs(slug: str, output: str | None, sidecar: str | None, force: bool) -> OutputPlan:
    """Decide output paths and check them before any work: refuse to overwrite, fail early on unwritable dirs."""
    markdown = None if output == "-" else Path(output) if output else DEFAULT_DIR / f"{slug}.md"
    if markdown is not None and output and markdown.is_dir():  # `-o PRPs/`: a file named after the feature in it
        markdown = markdown / f"{slug}.md"
    side = Path(sidecar) if sidecar else (sidecar_for(markdown) if markdown else None)
    for path in (markdown, side):
        if path is None:
            continue
        check_replaceable(path, force)
        check_writable_dir(path.parent)
    if markdown is not None and side is not None and markdown.resolve() == side.resolve():
        raise InputError("the markdown output and the sidecar must be different files")
    return OutputPlan(markdown, side, force)
