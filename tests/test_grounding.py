"""Drafting grounded in a repository: offline facts, the shared prefix, contradiction flags, the sidecar."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, DraftResult, draft_prp
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from tests.helpers import valid

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "repos"


@pytest.fixture
def fastapi_repo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "python-fastapi", tmp_path / "repo"))


def section(result: DraftResult, section_id: str) -> Any:
    return next(s for s in result.sections if s.id == section_id)


def codes(result: DraftResult, section_id: str) -> set[str]:
    return {f.code.value for f in section(result, section_id).flags}


def test_offline_draft_fills_stack_sections_from_facts_with_evidence(fastapi_repo: Path) -> None:
    result = draft_prp(DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings()))
    stack = section(result, "technology-stack-specifics")
    assert stack.status == "filled", stack.flags
    assert stack.values["framework"].startswith("FastAPI (app/")
    assert stack.values["orm"].startswith("SQLAlchemy (")
    assert "Pydantic" in stack.values["validation"] and "JWT" in stack.values["auth"]
    database = section(result, "database-requirements")
    assert database.values["database"].startswith("PostgreSQL (") and database.values["migrations"].startswith(
        "Alembic"
    )
    assert codes(result, "database-requirements") == {"no_evidence"}  # indexes and constraints: the repo cannot say
    assert "pytest" in section(result, "backend-testing-strategy").values["backend_testing"][0]
    env = section(result, "environment-configuration").values["environment_config"]
    assert "DATABASE_URL" in env and "JWT_SECRET" in env
    assert "app/ (" in section(result, "code-structure").values["code_structure"]
    assert "- **Framework**: FastAPI (app/" in result.markdown


def test_offline_endpoints_follow_the_repository_and_never_contradict_it(fastapi_repo: Path) -> None:
    result = draft_prp(DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings()))
    endpoints = section(result, "api-endpoints-specification")
    assert {f.code.value for f in endpoints.flags} == {"assumed"}  # a guess, but never at odds with the repository
    paths = [e["path"] for e in endpoints.values["api_endpoints"]]
    assert all(p.startswith("/api/v1/users") for p in paths) and "/api/v1/users/{user_id}" in paths
    assert "(exists: app/routers/users.py:" in endpoints.values["api_endpoints"][0]["summary"]
    models = section(result, "data-models-entities").values["data_models"]
    assert models[0]["name"] == "User" and "hashed_password" in [f["name"] for f in models[0]["fields"]]
    assert not any(f.code.value == "contradicts_repo" for s in result.sections for f in s.flags)


def _scripted(overrides: dict[str, Any]) -> ScriptedModel:
    def script(request: ChatRequest, n: int) -> Any:
        answer = valid(request)
        answer.update(overrides.get(request.schema_name, {}))
        return answer

    return ScriptedModel(script)


def test_repository_context_sits_in_the_shared_prefix(fastapi_repo: Path) -> None:
    model = _scripted({})
    draft_prp(DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings(api_key="k")), model=model)
    brief, *sections = model.requests
    prefix = sections[0].messages[:-1]
    assert [m.role for m in prefix] == ["system", "user", "user", "user"]
    assert "<repository_context>" in prefix[1].content and "web_framework: FastAPI" in prefix[1].content
    assert "<feature_description>" in prefix[2].content and "<brief>" in prefix[3].content
    assert all(r.messages[:-1] == prefix for r in sections)
    assert brief.messages[:3] == prefix[:3]


def test_a_drafted_value_that_contradicts_the_repo_is_flagged_with_both_sides(fastapi_repo: Path) -> None:
    wrong = {
        "section_technology-stack-specifics": {"framework": "Django 5 with Django REST Framework", "orm": "Django ORM"}
    }
    result = draft_prp(
        DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings(api_key="k")),
        model=_scripted(wrong),
    )
    flag = next(f for f in section(result, "technology-stack-specifics").flags if f.code.value == "contradicts_repo")
    assert "names Django for web framework, but the repository uses FastAPI (app/" in flag.message
    assert "names Django ORM for orm, but the repository uses SQLAlchemy (" in flag.message
    assert "contradicts_repo" in result.markdown


def test_redefining_an_existing_model_under_another_shape_is_flagged(fastapi_repo: Path) -> None:
    user = [{"name": "User", "fields": [{"name": "id", "type": "UUID", "constraints": "pk"},
                                        {"name": "email", "type": "str", "constraints": ""}]}]  # fmt: skip
    result = draft_prp(
        DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings(api_key="k")),
        model=_scripted({"section_data-models-entities": {"data_models": user}}),
    )
    message = next(
        f.message for f in section(result, "data-models-entities").flags if f.code.value == "contradicts_repo"
    )
    assert "drafts User without hashed_password" in message and "app/models.py:" in message


def test_sidecar_records_the_facts_and_revision(fastapi_repo: Path) -> None:
    result = draft_prp(DraftRequest("user management API", repo=str(fastapi_repo), settings=Settings()))
    sidecar = json.loads(Path(result.sidecar or "").read_text())
    assert sidecar["repo"]["revision"].startswith("tree:")
    assert sidecar["repo"]["root"] == str(fastapi_repo.resolve())
    assert any(f["value"] == "FastAPI" for f in sidecar["repo"]["facts"]["facts"])


def test_context_budget_bounds_the_packed_context(fastapi_repo: Path) -> None:
    from prp_agent.llm.tokens import count_tokens
    from prp_agent.repo.inspect import inspect_repo

    for budget in (400, 1500, 6000):
        packed = inspect_repo(fastapi_repo, budget=budget).packed
        assert packed.tokens <= budget
        assert packed.tokens == count_tokens(packed.text, "gpt-5-mini")
    small = inspect_repo(fastapi_repo, budget=400).packed
    assert small.omitted and small.text.startswith("Repository facts")
    settings = replace(Settings(), context_budget=1500)
    assert settings.validated().context_budget == 1500


@pytest.mark.parametrize(
    "name", ["python-fastapi", "node-express", "java-spring", "rust-axum", "elixir-phoenix", "php-symfony"]
)
def test_packed_context_matches_the_golden_file(name: str, tmp_path: Path) -> None:
    """Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_grounding.py`."""
    import os

    from prp_agent.repo.inspect import inspect_repo

    repo = shutil.copytree(FIXTURES / name, tmp_path / name)
    text = inspect_repo(repo, budget=3000).packed.text + "\n"
    golden = Path(__file__).resolve().parent / "golden" / f"context-{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_context_json_is_written_in_pieces_that_make_the_same_object(fastapi_repo: Path) -> None:
    """`context --json` writes the facts field by field and the routes a batch at a time; joined, the pieces are the
    same object as the facts dumped whole, for more routes than one batch holds."""
    from prp_agent.repo.inspect import _BATCH, inspect_repo
    from prp_agent.repo.types import Evidence, RepoRoute

    context = inspect_repo(fastapi_repo)
    assert context.facts.routes  # the fixture has routes of its own
    many = [
        RepoRoute(method="GET", path=f"/r{i}", evidence=Evidence(path="a.py", line=i)) for i in range(_BATCH * 2 + 7)
    ]
    context.facts.routes += many
    pieces = list(context.json_pieces())
    assert len(pieces) > 3 + len(many) // _BATCH  # written in pieces, not one string
    written = json.loads("".join(pieces))
    assert written == {**json.loads(context.facts.model_dump_json()), **{k: written[k] for k in ("skipped", "context")}}
    assert len(written["routes"]) == len(context.facts.routes)
    assert written["routes"][-1] == {"method": "GET", "path": f"/r{_BATCH * 2 + 6}",
                                     "evidence": {"path": "a.py", "line": _BATCH * 2 + 6, "note": ""},
                                     "conditional": False}  # fmt: skip
    assert written["context"]["tokens"] == context.packed.tokens
