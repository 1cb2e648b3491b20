"""Lint results: one line per finding, a per-code summary, and the command that fixes them; or GitHub Actions
annotations; or the JSON report."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from prp_agent.text import command_line
from prp_agent.ui.console import cell, out, print_json, say, tell

if TYPE_CHECKING:
    from prp_agent.lint import LintReport

__all__ = ["show_lint"]


def show_lint(report: LintReport, *, output_format: str) -> None:
    """Findings as text (with statistics and the next command), `github` annotations, or `json`."""
    if output_format == "json":
        print_json(report.as_json())
        return
    if output_format == "github":
        for finding in report.findings:
            level = "error" if finding.severity == "error" else "warning"
            where = f"file={_escape_property(str(report.path))}"
            where += f",line={finding.line}" if finding.line else ""
            title = f"{finding.code}" + (f" [{finding.section}]" if finding.section else "")
            message = _escape_data(finding.message)
            print(f"::{level} {where},title={_escape_property(title)}::{message}")
        return
    console = out(soft_wrap=True)
    for finding in report.findings:
        where = f"{report.path}:{finding.line}" if finding.line else str(report.path)
        level = "" if finding.severity == "error" else " (warning)"
        console.print(cell(f"{where}: {finding.code}{level}: {finding.message} [{finding.section or '-'}]"))
    if not report.findings:
        tell(f"{report.path}: clean")
        return
    for code, count in sorted(Counter(f.code for f in report.findings).items(), key=lambda item: (-item[1], item[0])):
        tell(f"{count:5}  {code}")
    errors = sum(f.severity == "error" for f in report.findings)
    tell(f"{report.path}: {errors} error(s), {len(report.findings) - errors} warning(s)")
    sections = sorted({f.section for f in report.findings if f.section and f.severity == "error"})
    if len(sections) == 1:
        say(f"next: {command_line('refine', report.path, '-s', sections[0])}")
    elif sections:
        say(f"next: {command_line('refine', report.path)}   (walks the {len(sections)} sections with findings)")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
