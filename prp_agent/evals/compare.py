"""Two eval runs side by side: per metric, both totals, the change and whether it is better or worse; and the cases
whose quality dropped. This is how two models or a prompt edit are compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prp_agent.evals.history import StoredRun
from prp_agent.evals.scoring import METRICS, CaseScore, Metric

__all__ = ["Comparison", "MetricDelta", "compare_runs", "totals"]


@dataclass
class MetricDelta:
    """One metric in both runs; `verdict` is better, worse, same or changed (a metric with no better side)."""

    metric: Metric
    a: float | None
    b: float | None
    verdict: str

    @property
    def delta(self) -> float | None:
        """B minus A."""
        return None if self.a is None or self.b is None else round(self.b - self.a, 4)


@dataclass
class Comparison:
    """Run A against run B."""

    a: StoredRun
    b: StoredRun
    metrics: list[MetricDelta] = field(default_factory=list)
    worse: list[tuple[str, float, float]] = field(default_factory=list)  # case, quality in A, quality in B
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {
            "a": {"id": self.a.id, "model": self.a.model, "suite": self.a.suite},
            "b": {"id": self.b.id, "model": self.b.model, "suite": self.b.suite},
            "metrics": [_metric_json(d) for d in self.metrics],
            "worse_cases": [{"case": case, "a": qa, "b": qb} for case, qa, qb in self.worse],
            "only_in_a": self.only_in_a,
            "only_in_b": self.only_in_b,
        }


def _metric_json(d: MetricDelta) -> dict[str, Any]:
    return {"metric": d.metric.name, "a": d.a, "b": d.b, "delta": d.delta, "verdict": d.verdict}


def totals(scores: list[CaseScore]) -> dict[str, float | None]:
    """A run's totals: sums of counts and costs, the mean of quality, wall time and judge grades."""
    found: dict[str, float | None] = {}
    drafted = [s for s in scores if s.error is None]
    for metric in METRICS:
        values = [v for s in drafted if (v := s.value(metric.name)) is not None]
        if not values:
            found[metric.name] = None
        elif metric.name in ("quality", "judge"):
            found[metric.name] = round(sum(values) / len(values), 2)
        else:
            found[metric.name] = round(sum(values), 4)
    found["failed_cases"] = float(len(scores) - len(drafted))
    return found


def _verdict(metric: Metric, a: float | None, b: float | None) -> str:
    if a is None or b is None or a == b:
        return "same" if a == b else "changed"
    if metric.better == "none":
        return "changed"
    return "better" if (b > a) == (metric.better == "higher") else "worse"


def compare_runs(a: StoredRun, b: StoredRun) -> Comparison:
    """Every metric of run B against run A, over the cases both ran."""
    in_a = {s.case: s for s in a.scores}
    in_b = {s.case: s for s in b.scores}
    shared = [case for case in in_a if case in in_b]
    total_a = totals([in_a[c] for c in shared])
    total_b = totals([in_b[c] for c in shared])
    comparison = Comparison(a, b)
    comparison.only_in_a = [c for c in in_a if c not in in_b]
    comparison.only_in_b = [c for c in in_b if c not in in_a]
    for metric in METRICS:
        va, vb = total_a.get(metric.name), total_b.get(metric.name)
        comparison.metrics.append(MetricDelta(metric, va, vb, _verdict(metric, va, vb)))
    comparison.worse = [(c, in_a[c].quality, in_b[c].quality) for c in shared if in_b[c].quality < in_a[c].quality]
    return comparison
