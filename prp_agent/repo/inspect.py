"""One call that grounds a draft: scan, read the facts, pack the context."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from prp_agent.llm.tokens import encoding_for_model
from prp_agent.repo.context import DEFAULT_BUDGET, PackedContext, pack_context
from prp_agent.repo.facts import repo_facts
from prp_agent.repo.scan import scan_repo
from prp_agent.repo.types import RepoFacts, RepoRoute

__all__ = ["RepoContext", "inspect_repo"]

_ROUTES = TypeAdapter(list[RepoRoute])
_BATCH = 2000  # routes written at a time


@dataclass
class RepoContext:
    """What a repository tells a draft: its facts and the packed, redacted context sent with every request."""

    facts: RepoFacts
    packed: PackedContext
    skipped: dict[str, int]

    def as_json(self) -> str:
        """The `context --json` form, one JSON object."""
        return "".join(self.json_pieces())

    def json_pieces(self) -> Iterator[str]:
        """The `context --json` object as consecutive pieces of text. The facts are written by pydantic-core, field
        by field and routes a batch at a time: the 80,000 routes of a large repository are never held as dicts, nor
        as one string."""
        yield "{"
        for name in RepoFacts.model_fields:
            if name == "routes":
                yield '"routes":['
                routes = self.facts.routes
                for start in range(0, len(routes), _BATCH):
                    batch = _ROUTES.dump_json(routes[start : start + _BATCH]).decode()
                    yield ("," if start else "") + batch[1:-1]
                yield "],"
            else:
                yield self.facts.model_dump_json(include={name})[1:-1] + ","
        yield json.dumps(self._rest(), ensure_ascii=False)[1:]

    def _rest(self) -> dict[str, Any]:
        return {
            "skipped": self.skipped,
            "context": {
                "text": self.packed.text,
                "tokens": self.packed.tokens,
                "budget": self.packed.budget,
                "excerpts": [{"label": e.label, "tokens": e.tokens} for e in self.packed.excerpts],
                "omitted": self.packed.omitted,
                "redactions": self.packed.redactions,
            },
        }

    def sidecar(self) -> dict[str, Any]:
        """What the sidecar records: the facts used and the revision they were read at."""
        return {
            "root": self.facts.root,
            "revision": self.facts.revision,
            "facts": self.facts.model_dump(mode="json"),
            "context_tokens": self.packed.tokens,
            "context": self.packed.text,
        }


def inspect_repo(path: str | Path, *, budget: int = DEFAULT_BUDGET, model: str = "gpt-5-mini") -> RepoContext:
    """Scan a repository, read its facts and pack its context within `budget` tokens."""
    scan = scan_repo(path)
    facts = repo_facts(scan, while_reading=lambda: encoding_for_model(model))  # the tokenizer loads meanwhile
    return RepoContext(facts, pack_context(scan, facts, budget=budget, model=model), dict(sorted(scan.skipped.items())))
