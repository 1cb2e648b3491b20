"""What a batch is asked to do and what it produced: the request, one outcome per issue, the whole result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from prp_agent.batch.questions import QuestionCluster
from prp_agent.config import Settings
from prp_agent.exports import ExportRead
from prp_agent.llm.protocol import Usage

__all__ = ["BatchRequest", "BatchResult", "IssueOutcome", "Status"]

Status = Literal["drafted", "flagged", "failed", "skipped", "resumed", "planned"]


@dataclass
class BatchRequest:
    """What to read, which issues, where the drafts go, and the limits to respect."""

    export: str
    fmt: str = "auto"
    mapping: dict[str, str] | None = None
    labels: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    limit: int | None = None
    out_dir: str = "PRPs"
    template: str = "backend"
    repo: str | None = None
    resume: bool = False
    force: bool = False
    max_cost: float | None = None
    rpm: int | None = None
    tpm: int | None = None
    issue_concurrency: int = 8
    settings: Settings = field(default_factory=Settings)


@dataclass
class IssueOutcome:
    """How one issue ended."""

    key: str
    title: str
    status: Status
    output: str | None = None
    sidecar: str | None = None
    flags: dict[str, int] = field(default_factory=dict)
    questions: list[dict[str, str]] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)
    estimate_usd: float | None = None
    cost_usd: float | None = None
    estimate_tokens: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    url: str | None = None  # the issue in its tracker, when the export says
    parent: str | None = None  # the key of the issue this one is a sub-task of

    def as_json(self) -> dict[str, Any]:
        """The index/journal form."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, {}, [])}


@dataclass
class BatchResult:
    """Every issue's outcome, what was read, the recurring questions, totals and report paths."""

    read: ExportRead
    outcomes: list[IssueOutcome]
    clusters: list[QuestionCluster]
    usage: Usage
    elapsed_s: float
    mode: Literal["llm", "offline", "dry-run"]
    index_md: Path | None = None
    index_json: Path | None = None
    throttled: int = 0
    cost_usd: float | None = None
    would_be_offline: bool = False  # a dry run: no key and no --base-url, so the real run would be offline
    model: str = ""

    @property
    def exit_code(self) -> int:
        """0 all drafted, 3 some failed, 1 none drafted."""
        done = [o for o in self.outcomes if o.status in {"drafted", "flagged", "resumed"}]
        failed = [o for o in self.outcomes if o.status == "failed"]
        if self.mode == "dry-run" or not failed:
            return 0 if done or self.mode == "dry-run" or not self.outcomes else 1
        return 3 if done else 1

    def as_json(self) -> dict[str, Any]:
        """The `--json` summary."""
        counts = Counter(o.status for o in self.outcomes)
        return {
            "mode": self.mode,
            "format": self.read.format,
            "issues": len(self.outcomes),
            "counts": dict(sorted(counts.items())),
            "duplicates": self.read.duplicates,
            "skipped_on_read": [list(item) for item in self.read.skipped],
            "outcomes": [o.as_json() for o in self.outcomes],
            "recurring_questions": [c.as_json() for c in self.clusters],
            "usage": self.usage.as_json(),
            "estimated_cost_usd": round(sum(o.estimate_usd or 0 for o in self.outcomes if o.status != "skipped"), 4),
            "cost_usd": self.cost_usd,
            "throttled": self.throttled,
            "index": str(self.index_md) if self.index_md else None,
            **({"would_be_offline": True} if self.would_be_offline else {}),
            "elapsed_s": round(self.elapsed_s, 3),
        }
