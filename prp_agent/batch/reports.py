"""The batch reports: INDEX.md for people and index.json for tools, written atomically at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path

from prp_agent.batch.types import BatchResult
from prp_agent.storage import atomic_write
from prp_agent.text import one_line

__all__ = ["write_reports"]


def write_reports(out_dir: Path, result: BatchResult) -> tuple[Path, Path]:
    """INDEX.md and index.json: every issue → its PRP, status, flag counts, top open questions; recurring questions."""
    index_json = out_dir / "index.json"
    index_md = out_dir / "INDEX.md"
    atomic_write(index_json, json.dumps(result.as_json(), indent=2, ensure_ascii=False) + "\n", force=True)
    lines = [
        f"# PRP index — {_cell(result.read.format)} export",
        "",
        "| Issue | Title | PRP | Status | Flags | Top open questions |",
        "|---|---|---|---|---|---|",
    ]
    for o in result.outcomes:
        link = f"[{Path(o.output).name}]({Path(o.output).name})" if o.output else "—"
        flags = ", ".join(f"{code} ×{n}" for code, n in o.flags.items()) or "—"
        top = "<br>".join(_cell(q["question"]) for q in o.questions[:3]) or "—"
        status = o.status + (f": {_cell(o.error)}" if o.error else "")
        key = f"[{_cell(o.key)}](<{_url(o.url)}>)" if _url(o.url) else _cell(o.key)
        key += f" (sub-task of {_cell(o.parent)})" if o.parent else ""
        lines.append(f"| {key} | {_cell(o.title)} | {link} | {status} | {flags} | {top} |")
    if result.clusters:
        lines += ["", "## Questions that recur across issues", ""]
        for cluster in result.clusters:
            issues = ", ".join(_cell(key) for key in cluster.issues)
            lines.append(f"- **{_cell(cluster.question)}** — {len(cluster.issues)} issues: {issues}")
            if cluster.suggested_answers:
                lines.append(f"  - suggested: {'; '.join(_cell(a) for a in cluster.suggested_answers[:3])}")
    atomic_write(index_md, "\n".join(lines) + "\n", force=True)
    return index_md, index_json


def _cell(text: str | None) -> str:
    """Untrusted text fit for one markdown table cell: one line, no control characters, pipes escaped."""
    return one_line(text or "", 200).replace("|", "\\|")


def _url(url: str | None) -> str:
    """An issue URL fit for a markdown link: http(s) only, one line, no characters that end the link."""
    text = one_line(url or "", 500)
    if not text.startswith(("https://", "http://")) or any(ch in text for ch in "<> |"):
        return ""
    return text
