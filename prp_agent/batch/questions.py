"""Open questions that recur across drafts: the same question in different words, clustered and listed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["QuestionCluster", "cluster_questions"]

_STOP = {
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "is", "are", "be", "should",
    "will", "which", "what", "how", "do", "does", "we", "it", "this", "that", "there", "any", "must", "can", "need",
    "needed", "use", "used", "using", "required", "require", "requirement", "our", "its", "their", "they", "if",
    "who", "when", "where", "why", "would", "could", "have", "has", "been", "was", "were", "api", "service",
}  # fmt: skip
_SAME = {"authentication": "auth", "authenticate": "auth", "authorization": "authz", "login": "auth",
         "sign-in": "auth", "signin": "auth", "db": "database", "datastore": "database", "method": "approach",
         "mechanism": "approach", "strategy": "approach"}  # fmt: skip
_THRESHOLD = 0.5


class _HasQuestions(Protocol):
    key: str
    questions: list[dict[str, str]]


@dataclass
class QuestionCluster:
    """One question, the issues that ask it, and the answers the drafts suggested."""

    question: str
    issues: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    suggested_answers: list[str] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        """The report form."""
        return {"question": self.question, "issues": self.issues, "variants": self.variants,
                "suggested_answers": self.suggested_answers}  # fmt: skip


def _terms(question: str) -> set[str]:
    words = re.findall(r"[a-z][a-z0-9-]+", question.lower())
    terms = set()
    for word in words:
        word = _SAME.get(word, word)
        if word in _STOP:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        terms.add(word)
    return terms


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= _THRESHOLD or (len(a & b) >= 2 and len(a & b) / min(len(a), len(b)) >= 0.75)


def cluster_questions(outcomes: list[Any]) -> list[QuestionCluster]:
    """Clusters of open questions shared by at least two issues, most widespread first."""
    clusters: list[QuestionCluster] = []
    for outcome in outcomes:
        for item in getattr(outcome, "questions", []):
            terms = _terms(item["question"])
            cluster = next((c for c in clusters if _similar(terms, c.terms)), None)
            if cluster is None:
                cluster = QuestionCluster(item["question"], terms=terms)
                clusters.append(cluster)
            if outcome.key not in cluster.issues:
                cluster.issues.append(outcome.key)
            if item["question"] not in cluster.variants:
                cluster.variants.append(item["question"])
            answer = item.get("suggested_answer", "").strip()
            if answer and answer not in cluster.suggested_answers:
                cluster.suggested_answers.append(answer)
    shared = [c for c in clusters if len(c.issues) >= 2]
    return sorted(shared, key=lambda c: (-len(c.issues), c.question))
