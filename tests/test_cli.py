"""The command line end to end: offline drafts, replayed LLM drafts, outputs, and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from tests.replay import Replayer, load

BACKEND_HEADINGS = 35


def headings(markdown: str) -> list[str]:
    lines, fence = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and re.match(r"#{1,6} ", line):
            lines.append(line)
    return lines


def test_offline_draft_json_with_no_key(prp: Any) -> None:
    code, out, err = prp("draft", "user management API", "--json")
    assert code == 0
    summary = json.loads(out)
    assert set(summary) == {"output", "sidecar", "mode", "model", "sections", "stated_facts", "usage",
                            "estimated_cost_usd", "elapsed_s", "grounded_by", "inconsistencies"}  # fmt: skip
    assert summary["estimated_cost_usd"] is None  # offline: nothing was spent
    assert summary["mode"] == "offline" and summary["model"] is None
    assert summary["output"] == "PRPs/user-management-api.md"
    assert summary["sidecar"] == "PRPs/user-management-api.prp.json"
    assert len(summary["sections"]) == 25
    assert all(s["status"] in {"filled", "flagged"} for s in summary["sections"])
    assert all(s["flags"] for s in summary["sections"] if s["status"] == "flagged")
    assert summary["usage"] == {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0, "cached_tokens": 0}
    markdown = Path(summary["output"]).read_text(encoding="utf-8")
    assert len(headings(markdown)) == BACKEND_HEADINGS
    assert "{{" not in markdown and not re.search("[ğŸÃâ€]", markdown)
    sidecar = json.loads(Path(summary["sidecar"]).read_text())
    assert sidecar["mode"] == "offline" and len(sidecar["sections"]) == 25
    assert err.count("\n") == 1 and "set OPENAI_API_KEY" in err and "--base-url" in err


def test_the_summary_is_the_result_on_stdout(prp: Any) -> None:
    code, out, err = prp("draft", "order tracking service", "--offline")
    assert code == 0 and "flagged" in out and "wrote PRPs/order-tracking-service.md" in out
    assert "set OPENAI_API_KEY" not in err  # --offline was asked for: no hint
    code, out, err = prp("draft", "order tracking service", "--offline", "-o", "-")
    assert code == 0 and out.startswith("# ") and "flagged" in err  # stdout holds the markdown itself


def test_markdown_to_stdout_writes_no_sidecar(prp: Any) -> None:
    code, out, _ = prp("draft", "user management API", "-o", "-")
    assert code == 0 and out.startswith("# 🚀 PRP - Backend Development")
    assert not Path("PRPs").exists()
    code, out, _ = prp("draft", "user management API", "-o", "-", "--sidecar", "s.json")
    assert code == 0 and json.loads(Path("s.json").read_text())["mode"] == "offline"


def test_output_path_puts_the_sidecar_beside_it(prp: Any) -> None:
    code, _, _ = prp("draft", "user management API", "-o", "docs/users.md")
    assert code == 0
    assert Path("docs/users.md").exists() and Path("docs/users.prp.json").exists()


def test_description_from_stdin(prp: Any) -> None:
    code, out, _ = prp("draft", "-", "--json", stdin="inventory API\n")
    assert code == 0 and json.loads(out)["output"] == "PRPs/inventory-api.md"


def test_existing_output_is_refused_without_force_and_backed_up_with_it(prp: Any) -> None:
    Path("PRPs").mkdir()
    target = Path("PRPs/user-management-api.md")
    target.write_text("hand edits\n")
    code, out, err = prp("draft", "user management API")
    assert code == 2 and out == ""
    assert err == f"prp-agent: error: {target} already exists; pass --force to replace it (a .bak copy is kept)\n"
    assert target.read_text() == "hand edits\n"
    assert not Path("PRPs/user-management-api.prp.json").exists()
    code, _, err = prp("draft", "user management API", "--force")
    assert code == 0
    assert Path("PRPs/user-management-api.md.bak").read_text() == "hand edits\n"
    assert target.read_text().startswith("# 🚀")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", "   "], "the description is empty"),
        (["draft", "x", "-t", "nope"], "unknown template 'nope'"),
        (["draft", "x", "-t", "binary.md"], "binary file"),
        (["draft", "x", "-t", "headless.md"], "no sections"),
        (["draft", "x", "-o", "afile/out.md"], "not a directory"),
        (["draft", "x", "--min-confidence", "2"], "--min-confidence must be between 0 and 1"),
        (["draft", "x", "--concurrency", "0"], "--concurrency must be at least 1"),
        (["draft", "x", "--concurrency", "many"], "Invalid value for '--concurrency'"),
        (["draft", "x", "--base-url", "ftp://host"], "--base-url must start with http"),
        (["draft", "x", "--json", "-o", "-"], "--json and -o - both write to stdout"),
        (["draft", "x", "--no-such-flag"], "No such option"),
        (["draft"], "Missing argument"),
        (["templates", "show", "nope"], "unknown template 'nope'"),
    ],
)
def test_bad_input_is_one_stderr_line_and_exit_2(prp: Any, args: list[str], message: str) -> None:
    Path("binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    Path("headless.md").write_text("no headings at all\n")
    Path("afile").write_text("a file, not a directory")
    code, out, err = prp(*args)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("prp-agent: error: ") and message in err
    assert "Traceback" not in err


def test_bad_config_file_is_one_line(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("cfg.toml").write_text("concurrency = 'lots'\n")
    monkeypatch.setenv("PRP_AGENT_CONFIG", "cfg.toml")
    code, _, err = prp("draft", "x")
    assert code == 2 and "concurrency must be a number" in err and err.count("\n") == 1


def test_templates_list_and_show(prp: Any) -> None:
    code, out, _ = prp("templates", "list", "--json")
    assert code == 0
    assert json.loads(out)["templates"][0] == {"name": "backend", "description": json.loads(out)["templates"][0][
        "description"], "sections": 35, "slot_sections": 25, "slots": 37}  # fmt: skip
    code, out, _ = prp("templates", "show", "backend", "--json")
    data = json.loads(out)
    holding = [s for s in data["sections"] if s["slots"]]
    assert code == 0 and data["headings"] == 35 and len(holding) == 25
    assert sum(len(s["slots"]) for s in holding) == 37 == data["slots"]
    endpoints = next(s for s in holding if s["id"] == "api-endpoints-specification")["slots"][0]
    assert endpoints["kind"] == "block" and endpoints["type"] == "endpoints"
    assert endpoints["guidance"].startswith("GET /api/users - List users with pagination")
    code, out, _ = prp("templates", "show", "backend")
    assert code == 0 and "availability" in out and "percentage" in out


# --- LLM drafts replayed from recorded responses -------------------------------------------------------------


def _replayed(prp: Any, replayer: Replayer, *args: str) -> tuple[int, dict[str, Any], str]:
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, out, err = prp("draft", "user management API", "--json", *args)
    replayer.assert_all_played()
    return code, json.loads(out) if out else {}, err


def test_llm_draft_replayed_end_to_end(prp: Any, llm_env: None) -> None:
    replayer = Replayer(load("user-management"))
    code, summary, err = _replayed(prp, replayer)
    assert code == 0, err
    assert summary["mode"] == "llm" and summary["model"] == "gpt-5-mini"
    status = {s["id"]: s for s in summary["sections"]}
    flagged = {k for k, s in status.items() if s["status"] == "flagged"}
    assert flagged == {"slas-performance-requirements", "backend-performance-metrics"}
    assert {f["code"] for f in status["slas-performance-requirements"]["flags"]} == {
        "low_confidence", "open_questions", "empty"}  # fmt: skip
    assert {f["code"] for f in status["backend-performance-metrics"]["flags"]} == {"low_confidence", "open_questions"}
    assert summary["usage"]["requests"] == 26
    assert summary["inconsistencies"] == []  # a model's draft whose sections agree is not called inconsistent
    assert summary["usage"]["cached_tokens"] == 25 * 1024  # the shared prefix was cached for every section
    assert replayer.requests[0]["schema_name"] == "brief"
    assert all(r["mode"] == "json_schema" for r in replayer.requests)
    markdown = Path(summary["output"]).read_text()
    assert len(headings(markdown)) == BACKEND_HEADINGS and "{{" not in markdown
    assert "GET /api/v1/users" in markdown and "FastAPI" in markdown
    assert markdown.count("> [!WARNING]") == 2
    sidecar = json.loads(Path(summary["sidecar"]).read_text())
    assert sidecar["model"] == "gpt-5-mini" and sidecar["output_mode"] == "json_schema"
    assert sidecar["brief"]["stack_choice"]


def test_llm_draft_falls_back_to_tools_when_json_schema_is_rejected(prp: Any, llm_env: None) -> None:
    replayer = Replayer(load("errors/400-json-schema-unsupported", "user-management"), tool_calls=True)
    code, summary, err = _replayed(prp, replayer, "--base-url", "https://api.openai.com/v1")
    assert code == 0, err
    modes = [r["mode"] for r in replayer.requests]
    assert modes[:2] == ["json_schema", "tools"] and set(modes[2:]) == {"tools"}
    assert len(modes) == 27
    assert json.loads(Path(summary["sidecar"]).read_text())["output_mode"] == "tools"
    assert sum(s["status"] == "filled" for s in summary["sections"]) == 23


def test_one_section_failing_after_retries_is_flagged_and_the_rest_drafted(prp: Any, llm_env: None) -> None:
    failures = load(*["errors/500-server-error"] * 3)
    for exchange in failures:
        exchange.match = {"schema_name": "section_code-structure"}
    recorded = [e for e in load("user-management") if e.match["schema_name"] != "section_code-structure"]
    replayer = Replayer(failures + recorded)
    code, summary, err = _replayed(prp, replayer)
    assert code == 0, err
    target = next(s for s in summary["sections"] if s["id"] == "code-structure")
    assert target["status"] == "flagged"
    assert [f["code"] for f in target["flags"]] == ["request_failed"]
    assert "after 3 attempts: HTTP 500" in target["flags"][0]["message"]
    assert sum(s["status"] == "filled" for s in summary["sections"]) == 22
    assert "NEEDS INPUT (not drafted, the request failed)" in Path(summary["output"]).read_text()


def test_every_request_failing_exits_1_and_writes_nothing(prp: Any, llm_env: None) -> None:
    with respx.mock(base_url="https://api.openai.com/v1") as router:
        router.post("/chat/completions").mock(return_value=httpx.Response(503, json={"error": {"message": "down"}}))
        code, out, err = prp("draft", "user management API", "--retries", "0")
    assert code == 1 and out == ""
    assert err.startswith("prp-agent: error: every section request failed") and err.count("\n") == 1
    assert not Path("PRPs").exists()


def test_wrong_key_exits_1_with_the_fix(prp: Any, llm_env: None) -> None:
    with respx.mock(base_url="https://api.openai.com/v1") as router:
        router.post("/chat/completions").mock(side_effect=Replayer(load("errors/401-invalid-key")))
        code, _, err = prp("draft", "user management API")
    assert code == 1 and "check OPENAI_API_KEY" in err and err.count("\n") == 1


# --- repository grounding ------------------------------------------------------------------------------------

REPOS = Path(__file__).resolve().parent.parent / "fixtures" / "repos"


def test_context_json_lists_facts_routes_models_env_and_the_packed_context(prp: Any) -> None:
    code, out, err = prp("context", str(REPOS / "python-fastapi"), "--json", "--budget", "2000")
    assert code == 0, err
    data = json.loads(out)
    assert {"facts", "routes", "entities", "env_vars", "layout", "conflicts", "revision", "context"} <= set(data)
    assert all(fact["evidence"] for fact in data["facts"])
    assert ["GET", "/api/v1/users/{user_id}"] in [[r["method"], r["path"]] for r in data["routes"]]
    assert {"User", "Role"} <= {m["name"] for m in data["entities"]}
    assert "JWT_SECRET" in data["env_vars"]
    assert 0 < data["context"]["tokens"] <= 2000 and data["context"]["text"].startswith("Repository facts")


def test_context_human_view(prp: Any) -> None:
    code, out, _ = prp("context", str(REPOS / "node-express"))
    assert code == 0
    assert "Stack facts" in out and "Express" in out and "/api/orders" in out and "Packed context" in out


@pytest.mark.parametrize("args", [["context", "no/such/dir"], ["context", "."], ["draft", "x", "--repo", "missing"]])
def test_bad_repository_paths_are_one_line_errors(prp: Any, args: list[str]) -> None:
    Path("f.txt").write_text("x")
    if args == ["context", "."]:
        args = ["context", "f.txt"]
    code, out, err = prp(*args)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("prp-agent: error: repository")


def test_offline_draft_with_repo_from_the_cli(prp: Any) -> None:
    code, out, err = prp("draft", "user management API", "--repo", str(REPOS / "python-fastapi"), "--json")
    assert code == 0, err
    status = {s["id"]: s for s in json.loads(out)["sections"]}
    assert status["technology-stack-specifics"]["status"] == "filled"
    markdown = Path("PRPs/user-management-api.md").read_text()
    assert "- **Framework**: FastAPI (app/main.py:1)" in markdown
