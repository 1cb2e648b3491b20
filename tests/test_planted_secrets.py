"""Secrets planted in a repository never reach a request body or an output file.

Every secret is assembled at run time from pieces, so nothing committed looks like a credential.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.llm.protocol import ScriptedModel
from prp_agent.repo.inspect import inspect_repo
from tests.helpers import valid


def _random(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def planted(rng: random.Random) -> dict[str, str]:
    """Secret values by kind."""
    alnum = string.ascii_letters + string.digits
    return {
        "openai": "sk" + "-proj-" + _random(rng, alnum, 40),
        "github": "gh" + "p_" + _random(rng, alnum, 36),
        "aws_id": "AK" + "IA" + _random(rng, string.ascii_uppercase + string.digits, 16),
        "aws_secret": _random(rng, alnum + "/+", 40),
        "stripe": "sk" + "_live_" + _random(rng, alnum, 24),
        "slack": "xo"
        + "xb-"
        + "-".join(_random(rng, string.digits, 11) for _ in range(2))
        + "-"
        + _random(rng, alnum, 24),
        "db_password": "Pg" + _random(rng, alnum, 18),
        "django_secret": _random(rng, alnum + "!@#%^&*(-_=+)", 50),
        "jwt_secret": _random(rng, alnum, 48),
        "mssql_password": "Ms" + _random(rng, alnum, 16),
        "compose_password": "Cp" + _random(rng, alnum, 20),
        "key_body": _random(rng, alnum + "+/", 64),
        "npm": "np" + "m_" + _random(rng, alnum, 36),
        "env_only": _random(rng, alnum, 32),
    }


def plant_repo(root: Path, s: dict[str, str]) -> None:
    begin, end = "-----BEGIN " + "RSA PRIVATE KEY-----", "-----END " + "RSA PRIVATE KEY-----"
    files = {
        ".env": f"OPENAI_API_KEY={s['openai']}\nENV_ONLY={s['env_only']}\n",
        ".env.example": "DATABASE_URL=postgresql://app:changeme@localhost:5432/app\nJWT_SECRET=\n",
        ".npmrc": f"//registry.npmjs.org/:_authToken={s['npm']}\n",
        "deploy/server.pem": f"{begin}\n{s['key_body']}\n{end}\n",
        "README.md": (
            "# Shop API\n\nFastAPI service.\n\n"
            f"Example call: `curl -H 'X-Token: {s['github']}' ...` (rotate me)\n"
            f"aws_access_key_id = {s['aws_id']}\naws_secret_access_key = {s['aws_secret']}\n"
        ),
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["fastapi", "sqlalchemy", "psycopg"]\n',
        "app/main.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n"
            f'STRIPE_KEY = "{s["stripe"]}"\nSLACK_TOKEN = "{s["slack"]}"\n'
            f'DEPLOY_KEY = """{begin}\n{s["key_body"]}\n{end}"""\n\n'
            '@app.get("/health")\ndef health() -> dict[str, str]:\n    return {"status": "ok"}\n'
        ),
        "app/settings.py": (
            f'SECRET_KEY = "{s["django_secret"]}"\n'
            f'DATABASE_URL = "postgresql://app:{s["db_password"]}@db:5432/app"\n'
            f'JWT_SECRET = "{s["jwt_secret"]}"\n'
        ),
        "docker-compose.yml": (
            "services:\n  db:\n    image: postgres:16\n    environment:\n"
            f"      POSTGRES_PASSWORD: {s['compose_password']}\n"
        ),
        "appsettings.json": json.dumps(
            {"ConnectionStrings": {"Default": f"Server=db;Database=shop;User Id=sa;Password={s['mssql_password']};"}}
        ),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def secret_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    secrets = planted(random.Random(20261126))
    root = tmp_path / "repo"
    plant_repo(root, secrets)
    return root, secrets


def _leaks(text: str, secrets: dict[str, str]) -> list[str]:
    return [kind for kind, value in secrets.items() if value in text]


def test_packed_context_holds_no_secret_and_still_reads(secret_repo: tuple[Path, dict[str, str]]) -> None:
    root, secrets = secret_repo
    context = inspect_repo(root, budget=6000)
    dumped = context.as_json()
    assert _leaks(dumped, secrets) == []
    text = context.packed.text
    assert "--- README.md (readme) ---" in text and "--- app/settings.py (config) ---" in text
    assert "--- app/main.py" in text and "--- docker-compose.yml (config) ---" in text
    assert "postgresql://app:[REDACTED]@db:5432/app" in text
    assert context.packed.redactions >= 10
    assert ".env" not in {e.label for e in context.packed.excerpts}


@pytest.mark.parametrize("with_model", [False, True])
def test_no_secret_reaches_a_request_or_an_output_file(
    secret_repo: tuple[Path, dict[str, str]], with_model: bool
) -> None:
    root, secrets = secret_repo
    model = ScriptedModel(lambda request, n: valid(request)) if with_model else None
    settings = Settings(api_key="k") if with_model else Settings()
    result = draft_prp(DraftRequest("order API", repo=str(root), settings=settings), model=model)
    sent: list[Any] = [[m.content for m in r.messages] for r in (model.requests if model else [])]
    assert _leaks(json.dumps(sent), secrets) == []
    for path in (result.output, result.sidecar):
        assert path is not None
        assert _leaks(Path(path).read_text(), secrets) == []
    if model:
        assert any("<repository_context>" in m for r in sent for m in r)
