"""prp-agent eval: rule-based scores of a suite's drafts, stored runs, comparisons, and replayed suites that score
the same every time with no network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import respx

from prp_agent.config import Settings
from prp_agent.evals import EvalRequest, load_suite, run_eval
from prp_agent.llm.cassette import RecordingModel
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.llm.sampler import sample_for_schema
from prp_agent.templates.compiler import load_template
from prp_agent.templates.schemas import build_section_specs

SUITE = Path(__file__).resolve().parent.parent / "fixtures" / "evals" / "small.yaml"
TIMING = ("wall_s",)


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _specific(request: ChatRequest, n: int) -> Any:
    """Confident, specific answers (schema-valid values that are nobody's example)."""
    answer = sample_for_schema(request.schema, seed=request.schema_name)
    return answer


def _echo(request: ChatRequest, n: int) -> Any:
    """Confident answers that copy the template's examples into every text field."""
    answer = sample_for_schema(request.schema, seed=request.schema_name)
    spec = next((s for s in build_section_specs(load_template("backend")) if s.schema_name() == request.schema_name),
                None)  # fmt: skip
    if spec is not None and isinstance(answer, dict):
        for slot in spec.asked:
            key = spec.keys[slot.name]
            if slot.examples and isinstance(answer.get(key), str):
                answer[key] = "\n".join(slot.examples)
            elif slot.examples and isinstance(answer.get(key), list) and all(isinstance(v, str) for v in answer[key]):
                answer[key] = list(slot.examples)
    return answer


def _record(folder: Path, script: Any, name: str) -> None:
    settings = Settings(model="gpt-4o-mini", log=False)
    model = RecordingModel(ScriptedModel(script, name="gpt-4o-mini"), str(folder), model=settings.model,
                           mode=settings.mode)  # fmt: skip
    run_eval(EvalRequest(str(SUITE), store=False, settings=settings), model=model)


def _scores(out: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in case.items() if k not in TIMING} for case in json.loads(out)["cases"]]


def test_a_replayed_suite_scores_the_same_every_time_with_no_network(prp: Any, tmp_path: Path) -> None:
    _record(tmp_path / "specific", _specific, "specific")
    runs = []
    for _ in range(2):
        with respx.mock(assert_all_mocked=True):  # any request fails the test
            code, out, err = prp("eval", str(SUITE), "--replay", str(tmp_path / "specific"), "--json")
        assert code == 0, err
        runs.append(_scores(out))
    assert runs[0] == runs[1] and json.loads(out)["model"] == "gpt-4o-mini"  # the cassette's model
    refunds = runs[0][0]
    assert refunds["case"] == "refunds" and refunds["sections"] == 25 and refunds["requests"] == 26
    assert refunds["expect"] == 3 and refunds["error"] is None


def test_compare_tells_two_recorded_runs_apart_in_the_right_direction(prp: Any, tmp_path: Path) -> None:
    _record(tmp_path / "specific", _specific, "specific")
    _record(tmp_path / "echo", _echo, "echo")
    ids = {}
    for name in ("echo", "specific"):
        code, out, err = prp("eval", str(SUITE), "--replay", str(tmp_path / name), "--json")
        assert code == 0, err
        ids[name] = json.loads(out)["id"]
    code, out, err = prp("eval", "--compare", ids["echo"], ids["specific"], "--json")
    assert code == 0, err
    metrics = {m["metric"]: m for m in json.loads(out)["metrics"]}
    differing = {name: m for name, m in metrics.items() if m["a"] != m["b"] and name not in TIMING}
    assert differing["example_echo"]["verdict"] == "better" and differing["quality"]["verdict"] == "better"
    assert {m["verdict"] for m in differing.values()} <= {"better", "changed"}  # nothing got worse with specific
    code, out, _ = prp("eval", "--compare", ids["echo"], ids["specific"])
    assert code == 0 and "template examples echoed" in out and "better" in out


def test_an_offline_eval_is_a_baseline_and_is_stored(prp: Any) -> None:
    code, out, err = prp("eval", str(SUITE), "--offline")
    assert code == 0, err
    assert "2 cases (offline)" in out and "expected facts 4/4" in out and "stored as run " in out
    code, out, _ = prp("eval", "--history", "--json")
    runs = json.loads(out)["runs"]
    assert len(runs) == 1 and runs[0]["suite"] == str(SUITE) and runs[0]["model"] == "offline"


def test_the_builtin_suite_loads_with_its_repositories() -> None:
    name, cases = load_suite(None)
    assert name == "builtin" and 18 <= len(cases) <= 25
    with_repo = [case for case in cases if case.repo]
    assert with_repo and all(Path(str(case.repo)).is_dir() for case in with_repo)
    assert {case.domain for case in cases} >= {"identity", "commerce", "payments", "frontend", "maintenance"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: a\n  description: x\n  surprise: 1\n", "case 1: surprise: Extra inputs are not permitted"),
        ("- id: a\n  description: x\n- id: a\n  description: y\n", "case id 'a' appears twice"),
        ("cases: 3\n", "a suite is a list of cases"),
        ("- id: 'a b'\n  description: x\n", "case 1: id:"),
    ],
)
def test_a_bad_suite_is_one_line(prp: Any, tmp_path: Path, text: str, message: str) -> None:
    suite = tmp_path / "suite.yaml"
    suite.write_text(text, "utf-8")
    code, out, err = prp("eval", str(suite), "--offline")
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_comparing_an_unknown_run_is_one_line(prp: Any) -> None:
    code, _, err = prp("eval", "--compare", "nope", "nada")
    assert code == 2 and "no eval run 'nope'" in err


def test_a_judge_grades_every_section_and_its_mean_is_a_metric() -> None:
    graded: list[str] = []

    def grade(request: ChatRequest, n: int) -> Any:
        graded.append(request.tag)
        assert "<section id=" in request.messages[-1].content  # the section is data inside delimiters
        return {"specific": 4, "testable": 3, "consistent": 5, "reason": "concrete"}

    settings = Settings(model="gpt-4o-mini", log=False)
    result = run_eval(EvalRequest(str(SUITE), cases=["refunds"], store=False, settings=settings),
                      model=ScriptedModel(_specific), judge=ScriptedModel(grade))  # fmt: skip
    assert len(graded) == 25 and result.run.scores[0].judge == 4.0 and result.totals["judge"] == 4.0


def test_kept_drafts_go_to_a_new_folder_and_never_overwrite(prp: Any, tmp_path: Path) -> None:
    mine = tmp_path / "keep" / "refunds.md"
    mine.parent.mkdir()
    mine.write_text("my own notes\n")
    for _ in range(2):
        code, _, err = prp("eval", str(SUITE), "--offline", "--cases", "refunds", "--out-dir", str(mine.parent),
                             "--json")  # fmt: skip
        assert code == 0, err
    folders = sorted(p for p in mine.parent.iterdir() if p.is_dir())
    assert mine.read_text() == "my own notes\n" and len(folders) == 2
    assert all((folder / "refunds.md").is_file() for folder in folders)
