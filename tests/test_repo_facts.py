"""Repository facts on hand-made fixture repositories, one per ecosystem, with the traps of each built in."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from prp_agent.repo.facts import read_repo
from prp_agent.repo.source import normalize_path
from prp_agent.repo.types import ESTABLISHED

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
REPOS = sorted(p.stem for p in (ROOT / "repo-expectations").glob("*.json"))


def expectation(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "repo-expectations" / f"{name}.json").read_text())
    return data


def copy_repo(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT / "repos" / name, target, symlinks=True)
    return target


def established(facts: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for fact in facts.facts:
        if fact.confidence >= ESTABLISHED:
            found.setdefault(fact.kind, set()).add(fact.value)
    return found


def route_set(pairs: Any) -> set[tuple[str, str]]:
    return {(method.upper(), path.lower()) for method, path in pairs}


def test_every_ecosystem_has_a_fixture() -> None:
    assert len(REPOS) >= 18
    languages = {expectation(name)["facts"]["language"][0] for name in REPOS}
    ecosystems = {"Python", "TypeScript", "JavaScript", "Java", "Kotlin", "Go", "Rust", "Ruby", "PHP", "C#", "Elixir"}
    assert ecosystems <= languages


@pytest.mark.parametrize("name", REPOS)
def test_stack_facts_are_right_and_traps_do_not_fool_them(name: str, tmp_path: Path) -> None:
    expected = expectation(name)
    facts = read_repo(copy_repo(name, tmp_path))
    found = established(facts)
    for kind, values in expected["facts"].items():
        assert set(values) <= found.get(kind, set()), (kind, found.get(kind))
    for kind, values in expected.get("not_facts", {}).items():
        assert not set(values) & found.get(kind, set()), (kind, found.get(kind))
    for fact in facts.facts:
        assert fact.evidence and all(e.path for e in fact.evidence)
    roles = {(f.kind, f.value): f.role for f in facts.facts if f.confidence >= ESTABLISHED}
    for kind, expected_roles in expected.get("roles", {}).items():
        for value, role in expected_roles.items():
            assert roles.get((kind, value)) == role, (kind, value, roles.get((kind, value)))


@pytest.mark.parametrize("name", REPOS)
def test_routes_models_and_env_var_names(name: str, tmp_path: Path) -> None:
    expected = expectation(name)
    facts = read_repo(copy_repo(name, tmp_path))
    found = route_set((r.method, r.path) for r in facts.routes)
    conditional = route_set((r.method, r.path) for r in facts.routes if r.conditional)
    assert route_set(expected["routes"]) <= found
    assert route_set(expected.get("conditional_routes", [])) <= conditional
    assert not route_set(expected.get("not_routes", [])) & found
    assert {m.name for m in facts.entities} >= set(expected["models"])
    fields = {m.name: m.fields for m in facts.entities}
    for model, declared in expected.get("model_fields", {}).items():  # in declaration order: no local, no parameter
        assert fields[model] == declared, (model, fields[model])
    assert set(expected["env_vars"]) <= set(facts.env_vars)
    for route in facts.routes:
        assert (copy_repo_path := tmp_path / name / route.evidence.path).is_file(), copy_repo_path


def test_declared_but_unused_dependency_is_a_reported_conflict(tmp_path: Path) -> None:
    facts = read_repo(copy_repo("python-fastapi", tmp_path))
    flask = next(f for f in facts.facts if f.kind == "web_framework" and f.value == "Flask")
    assert flask.confidence < ESTABLISHED and flask.conflict
    assert "never imported" in flask.evidence[0].note
    assert any("FastAPI" in c and "Flask" in c for c in facts.conflicts)


def test_git_work_trees_use_the_tracked_files(tmp_path: Path) -> None:
    repo = copy_repo("python-flask", tmp_path)
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "init"], check=True)
    (repo / "app" / "untracked_routes.py").write_text(
        "from flask import Blueprint\nbp = Blueprint('x', __name__)\n@bp.get('/untracked')\ndef x(): ...\n"
    )
    facts = read_repo(repo)
    assert facts.revision.startswith("git:") and len(facts.revision) == 44
    assert not any(r.path == "/untracked" for r in facts.routes)


@pytest.mark.parametrize(
    ("parts", "path"),
    [
        (("/api/v1", "/users/", "{user_id}"), "/api/v1/users/{user_id}"),
        (("", "/tasks/:id"), "/tasks/{id}"),
        (("users/<int:pk>/",), "/users/{pk}"),
        (("api/[controller]", "{id:int}"), "/api/[controller]/{id}"),
        (("^articles/(?P<slug>[-\\w]+)/$",), "/articles/{slug}"),
        (("/posts/answers", "/:id([0-9]+)"), "/posts/answers/{id}"),  # Express's parameter patterns
        (("/files/:name(\\d+)?/raw",), "/files/{name}/raw"),
        (("/api/0/buckets", "/<bucket_id>/events?<start>&<end>"), "/api/0/buckets/{bucket_id}/events"),  # Rocket
        (("(:locale)", "about"), "/about"),  # Rails' optional scope
        (("/api/v1/users/{user}:getStats",), "/api/v1/users/{user}:getStats"),  # a gRPC custom method
        (("/flights/:from-:to",), "/flights/{from}-{to}"),
        (("/",), "/"),
    ],
)
def test_route_paths_are_normalized(parts: tuple[str, ...], path: str) -> None:
    assert normalize_path(*parts) == path


def test_js_toolchain_at_the_root_of_a_python_backend_changes_nothing(tmp_path: Path) -> None:
    repo = copy_repo("python-fastapi", tmp_path)
    (repo / "package.json").write_text(json.dumps({
        "private": True, "scripts": {"lint": "eslint ."},
        "devDependencies": {"eslint": "^9", "prettier": "^3", "jest": "^29", "express": "^4", "husky": "^9"},
    }))  # fmt: skip
    (repo / "package-lock.json").write_text("{}")
    (repo / "eslint.config.js").write_text("export default [];\n")
    found = established(read_repo(repo))
    assert found["language"] == {"Python"}
    assert found["web_framework"] == {"FastAPI"}
    assert "Jest" not in found.get("test_framework", set()) and "pytest" in found["test_framework"]


def test_a_rails_application_uses_the_gems_bundler_requires(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "Gemfile").write_text('source "https://rubygems.org"\ngem "rails", "~> 8.0"\ngem "opensearch-ruby"\n'
                                      'group :test do\n  gem "webmock"\nend\n')  # fmt: skip
    application = "module Shop\n  class Application < Rails::Application\n  end\nend\n"
    (tmp_path / "config" / "application.rb").write_text(application)
    assert "OpenSearch" not in established(read_repo(tmp_path)).get("database", set())  # declared, never required
    (tmp_path / "config" / "application.rb").write_text("Bundler.require(*Rails.groups)\n" + application)
    facts = read_repo(tmp_path)
    assert "OpenSearch" in established(facts)["database"]
    opensearch = next(f for f in facts.facts if f.value == "OpenSearch")
    assert "required by Bundler" in opensearch.evidence[0].note


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (".github/workflows/ci.yml", "GitHub Actions"), (".gitlab-ci.yml", "GitLab CI"), ("Jenkinsfile", "Jenkins"),
        (".circleci/config.yml", "CircleCI"), ("azure-pipelines.yml", "Azure Pipelines"), ("Dockerfile", "Docker"),
        ("deploy/api.Dockerfile", "Docker"), ("compose.yaml", "Docker Compose"), ("uv.lock", "uv"),
        ("poetry.lock", "poetry"), ("Pipfile", "pipenv"), ("requirements-dev.txt", "pip"),
        ("package-lock.json", "npm"), ("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("bun.lockb", "bun"),
        ("pom.xml", "Maven"), ("build.gradle.kts", "Gradle"), ("go.mod", "Go modules"), ("Gemfile", "Bundler"),
        ("composer.json", "Composer"), ("src/Api/Api.csproj", "NuGet"), ("alembic.ini", "Alembic"),
        ("blog/migrations/0001_initial.py", "Django migrations"),
        ("src/main/resources/db/migration/V1__init.sql", "Flyway"),
        ("db/changelog/master.yaml", "Liquibase"), ("prisma/migrations/2024_init/migration.sql", "Prisma Migrate"),
        ("migrations/0001_tasks.up.sql", "golang-migrate"),
        ("db/migrate/20240101_create_articles.rb", "Rails migrations"),
        ("database/migrations/2024_01_01_create_invoices.php", "Laravel migrations"),
        ("Migrations/20240101_Init.cs", "EF Core migrations"),
        ("src/migrations/1700000000-Init.ts", "TypeORM migrations"),
        ("tests/conftest.py", "pytest"), ("handlers_test.go", "go test"), ("spec/models/article_spec.rb", "RSpec"),
        ("phpunit.xml", "PHPUnit"), ("config/routes.rb", "Rails"), ("artisan", "Laravel"), ("manage.py", "Django"),
        ("jest.config.ts", "Jest"), ("vitest.config.mts", "Vitest"),
        ("backend/persistence/migrations/20220405153240_create_users.up.fizz", "Pop fizz migrations"),
    ],
)  # fmt: skip
def test_every_structure_rule_survives_the_quick_path_filter(path: str, value: str) -> None:
    from prp_agent.repo.rules import file_signals

    assert value in {s.value for s in file_signals(path)}


def test_facts_stored_before_entities_were_named_so_still_read() -> None:
    from prp_agent.repo.types import RepoFacts

    stored = {
        "root": "r",
        "revision": "tree:x",
        "files_scanned": 1,
        "facts": [],
        "routes": [],
        "env_vars": [],
        "layout": [],
        "models": [{"name": "User", "fields": ["id"], "evidence": {"path": "m.py", "line": 3}}],
    }
    facts = RepoFacts.model_validate(stored)
    assert [(e.name, e.fields) for e in facts.entities] == [("User", ["id"])]
    assert "entities" in facts.model_dump() and "models" not in facts.model_dump()


def test_sample_projects_under_fixtures_and_examples_establish_nothing(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["fastapi", "sqlalchemy"]\n',
        "app/main.py": 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/health")\ndef health(): ...\n',
        "fixtures/shop/Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\n',
        "fixtures/shop/config/routes.rb": "Rails.application.routes.draw do\n  resources :orders\nend\n",
        "fixtures/shop/app/models/order.rb": "class Order < ApplicationRecord\nend\n",
        "examples/express/package.json": '{"name": "demo", "dependencies": {"express": "4", "mongoose": "8"}}',
        "examples/express/app.js": "const express = require('express')\nconst app = express()\napp.get('/demo', h)\n",
        "internal/parse/testdata/django_app.py": "from django.db import models\nclass Thing(models.Model):\n    pass\n",
        "src/main/java/com/example/Config.java": "package com.example;\npublic class Config {}\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    facts = read_repo(tmp_path)
    established = {(f.kind, f.value) for f in facts.facts if f.confidence >= ESTABLISHED}
    assert ("web_framework", "FastAPI") in established
    assert not {v for k, v in established if k in {"web_framework", "orm", "database"}} & {
        "Rails", "Express", "Django", "ActiveRecord", "Mongoose", "PostgreSQL", "MongoDB"
    }  # fmt: skip
    assert [r.path for r in facts.routes] == ["/health"]
    assert "Order" not in {e.name for e in facts.entities} and "Thing" not in {e.name for e in facts.entities}
