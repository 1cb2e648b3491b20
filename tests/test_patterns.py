"""Nothing a repository or an export holds can make a regular expression hang: a pathological class body is read
in well under a second, and every pattern prp-agent compiles is run against adversarial inputs of 100 kB."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prp_agent.repo.facts import read_repo

HERE = Path(__file__).resolve().parent


def test_a_pathological_class_body_is_read_in_under_a_second(tmp_path: Path) -> None:
    body = "".join(f"        value_{n} = compute(value, other)  # note\n" for n in range(5000))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["litestar"]\n')
    (tmp_path / "app.py").write_text(f"from litestar import Controller, get\n\nclass Items(Controller):\n{body}")
    started = time.process_time()  # CPU time: a shared, loaded machine stretches the wall clock, not this
    facts = read_repo(tmp_path)
    assert time.process_time() - started < 2.0  # the nested-quantifier pattern this guards against never returned
    assert any(f.value == "Litestar" for f in facts.facts)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("server/models/flood.js", "sequelize\n" + "const a = sequelize.define('t', {\n" * 3000),  # never closed
        ("app/models/nested.rb", ("module M\n" + "  class A < ApplicationRecord\n") * 2000),  # never ended
    ],
)
def test_model_readers_are_bounded_on_unclosed_definitions(tmp_path: Path, path: str, code: str) -> None:
    """Thousands of model definitions that never close: each is read within a window, not to the file's end."""
    (tmp_path / path).parent.mkdir(parents=True)
    (tmp_path / path).write_text(code)
    started = time.process_time()
    read_repo(tmp_path)
    assert time.process_time() - started < 10.0  # unbounded, these took minutes


def test_every_pattern_runs_in_bounded_time_on_adversarial_input() -> None:
    proc = subprocess.run([sys.executable, str(HERE / "adversarial_patterns.py"), "1.0"], capture_output=True,
                          text=True, timeout=600, cwd=HERE.parent, check=True)  # fmt: skip
    report = json.loads(proc.stdout)
    assert report["patterns"] > 500 and report["slow"] == []


def test_a_function_making_thousands_of_routers_is_read_within_its_budget(tmp_path: Path) -> None:
    """2,000 routers made, given a route and mounted in one function: each name is looked up by an index, not by
    scanning every router or the function's text again, so the file is read (not skipped for its time budget)."""
    lines = ["import express from 'express'", "export const build = () => {", "  const app = express.Router()"]
    for i in range(2000):
        lines += [f"  const r{i} = express.Router()", f"  r{i}.get('/x{i}', h)", f"  const m{i} = makeRoutes(deps)",
                  f"  app.use('/p{i}', r{i}, m{i})"]  # fmt: skip
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "4"}}')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "big.ts").write_text("\n".join([*lines, "  return app", "}"]) + "\n")
    facts = read_repo(tmp_path)
    assert not facts.skipped and len(facts.routes) == 2000
    assert ("GET", "/p1999/x1999") in {(r.method, r.path) for r in facts.routes}


def test_use_lines_that_never_end_are_read_in_bounded_time() -> None:
    """20,000 `use` lines with no `;` (a hostile or broken file): each declaration is looked for once, up to its
    bound, not re-scanned by a backtracking pattern (that took about a second)."""
    from prp_agent.repo.nodes import imports

    started = time.process_time()
    assert imports("use a\n" * 20_000) == {}
    assert time.process_time() - started < 0.3
    assert imports("use crate::api::{users::routes as user_routes};\n")["user_routes"] == "api/users"
