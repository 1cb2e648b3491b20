"""The technology names a draft knows are the repository reader's own tables, copied so a draft need not load them.

Regenerate the copy after a table changes with `UPDATE_GOLDEN=1 pytest tests/test_vocabulary.py` (or `make golden`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from prp_agent.drafting.vocabulary import TEST_LIBRARIES, VOCABULARY, find_technologies
from prp_agent.repo.packages import JWT_LIBRARY, PACKAGES, TEST_ROLES
from prp_agent.repo.rules import STRUCTURE_FILES

COPY = Path(__file__).resolve().parent.parent / "prp_agent" / "drafting" / "technologies.json"


def _from_tables() -> dict[str, list[str]]:
    words: dict[str, set[str]] = {}
    for facts in PACKAGES.values():
        for kind, value in facts:
            if value != JWT_LIBRARY:  # a signal's name, counted as JWT
                words.setdefault(kind, set()).add(value)
    for _, kind, value in STRUCTURE_FILES:
        words.setdefault(kind, set()).add(value)
    known = {kind: sorted(values) for kind, values in sorted(words.items())}
    known["test_libraries"] = sorted(set(TEST_ROLES) & words.get("test_framework", set()))
    return known


def test_the_copy_equals_the_reader_tables() -> None:
    expected = json.dumps(_from_tables(), indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        COPY.write_text(expected, encoding="utf-8")
    assert COPY.read_text(encoding="utf-8") == expected


def test_vocabulary_holds_table_names_and_prose_names() -> None:
    assert {"FastAPI", "Django"} <= VOCABULARY["web_framework"]
    assert "GitHub Actions" in VOCABULARY["ci"]
    assert "pytest" in VOCABULARY["test_framework"] and "pytest" not in TEST_LIBRARIES
    assert "factory_boy" in TEST_LIBRARIES
    assert [name for _, name, _, _ in find_technologies("Use FastAPI with PostgreSQL")] == ["FastAPI", "PostgreSQL"]
