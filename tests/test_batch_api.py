"""The Batch API flow against replayed responses: submit (briefs, upload, create), status, collect."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from tests.replay import FIXTURES, Replayer, load

BASE = "https://api.openai.com/v1"
BATCH_ID = "batch_6f4c2a91d0e3"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "batch" / f"{name}.json").read_text())
    return data


def reply(name: str) -> httpx.Response:
    response = fixture(name)["response"]
    return httpx.Response(response["status"], headers=response["headers"], json=response["body"])


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "issues.json"
    issue = {"number": 101, "title": "User management API", "body": "Admins manage users.", "state": "open",
             "labels": [], "html_url": "https://example.invalid/101"}  # fmt: skip
    path.write_text(json.dumps([issue]))
    return path


def output_file(skip: str) -> bytes:
    """Batch output lines built from the recorded user-management section answers."""
    lines = []
    for exchange in load("user-management"):
        name = exchange.match["schema_name"]
        if name == "brief" or name == f"section_{skip}":
            continue
        section = name.removeprefix("section_")
        response = {"status_code": 200, "request_id": "req_x", "body": exchange.body}
        lines.append(
            {"id": f"batch_req_{section[:8]}", "custom_id": f"GH-101::{section}", "response": response, "error": None}
        )
    return ("\n".join(json.dumps(line) for line in lines) + "\n").encode()


def test_submit_status_and_collect(prp: Any, llm_env: None, export: Path) -> None:
    uploaded: list[bytes] = []

    def upload(request: httpx.Request) -> httpx.Response:
        uploaded.append(request.content)
        return reply("file-upload")

    brief = Replayer([e for e in load("user-management") if e.match["schema_name"] == "brief"])
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=brief)
        router.post("/files").mock(side_effect=upload)
        router.post("/batches").mock(return_value=reply("batch-created"))
        code, out, err = prp("batch", str(export), "--via", "openai-batch", "--json")
    assert code == 0, err
    brief.assert_all_played()
    submitted = json.loads(out)
    assert submitted == {"batch_id": BATCH_ID, "status": "validating", "requests": 25, "issues": 1,
                         "manifest": f"PRPs/.prp-openai-batch-{BATCH_ID}.json"}  # fmt: skip
    body = uploaded[0].decode()
    lines = [
        json.loads(line) for line in body[body.index('{"custom_id"') :].split("\n") if line.startswith('{"custom_id"')
    ]
    assert len(lines) == 25 and lines[0]["custom_id"] == "GH-101::backend-prp-metadata"
    first = lines[0]["body"]
    assert lines[0]["url"] == "/v1/chat/completions" and first["model"] == "gpt-5-mini"
    assert first["response_format"]["json_schema"]["strict"] is True
    assert "<brief>" in first["messages"][-2]["content"]

    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(f"/batches/{BATCH_ID}").mock(return_value=reply("batch-in-progress"))
        code, out, _ = prp("batch", "status", BATCH_ID, "--json")
        assert code == 0 and json.loads(out)["request_counts"]["completed"] == 11
        code, out, err = prp("batch", "collect", BATCH_ID)
    assert code == 1 and "in_progress (11/25 done)" in err and not Path("PRPs/INDEX.md").exists()

    error_line = json.dumps(fixture("error-line")["line"]) + "\n"
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get(f"/batches/{BATCH_ID}").mock(return_value=reply("batch-completed"))
        router.get("/files/file-Out3Rk8Wq2Zm5Tn1Yv7Lp4Hc/content").mock(
            return_value=httpx.Response(200, content=output_file("code-structure"))
        )
        router.get("/files/file-Err9Fd2Kq6Mw3Xs8Lb1Vn5Tz/content").mock(
            return_value=httpx.Response(200, content=error_line.encode())
        )
        code, out, err = prp("batch", "collect", BATCH_ID, "--json")
    assert code == 0, err
    summary = json.loads(out)
    outcome = summary["outcomes"][0]
    assert outcome["key"] == "GH-101" and outcome["status"] == "flagged"
    assert outcome["flags"]["request_failed"] == 1
    assert "--section code-structure" in outcome["error"]
    markdown = Path(outcome["output"]).read_text()
    assert "GET /api/v1/users" in markdown and "NEEDS INPUT (not drafted, the request failed)" in markdown
    sidecar = json.loads(Path(outcome["sidecar"]).read_text())
    failed = next(s for s in sidecar["sections"] if s["id"] == "code-structure")
    assert "HTTP 500: The server had an error" in failed["flags"][0]["message"]
    assert Path("PRPs/INDEX.md").exists() and summary["usage"]["requests"] == 24


def test_collect_without_a_manifest_is_bad_input(prp: Any, llm_env: None) -> None:
    code, _, err = prp("batch", "collect", "batch_nope")
    assert code == 2 and "no manifest for batch batch_nope" in err


def test_batch_api_needs_a_key(prp: Any, export: Path) -> None:
    code, _, err = prp("batch", str(export), "--via", "openai-batch")
    assert code == 2 and "needs OPENAI_API_KEY" in err


def test_a_batch_file_for_vllm_is_collected_into_the_prps_of_a_direct_run(
    prp: Any, llm_env: None, export: Path
) -> None:
    direct = Replayer(load("user-management"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=direct)
        code, out, err = prp("batch", str(export), "--out-dir", "direct", "--json")
    assert code == 0, err
    brief = Replayer([e for e in load("user-management") if e.match["schema_name"] == "brief"])
    with respx.mock(base_url=BASE, assert_all_called=True) as router:  # only the brief is asked now
        router.post("/chat/completions").mock(side_effect=brief)
        code, out, err = prp("batch", str(export), "--via", "vllm", "--out-dir", "own", "--json")
    assert code == 0, err
    written = json.loads(out)
    lines = [json.loads(line) for line in Path(written["input_file"]).read_text().splitlines()]
    assert len(lines) == 25 and {line["url"] for line in lines} == {"/v1/chat/completions"}
    assert written["output_file"] == "own/prp-agent-sections.output.jsonl"
    # what `vllm run-batch` wrote for these requests (the recorded answers, in vLLM's output format)
    shutil.copy(FIXTURES / "batch" / "vllm-output.jsonl", written["output_file"])
    code, out, err = prp("batch", "collect", "--from", written["output_file"], "--out-dir", "own", "--json")
    assert code == 0, err
    collected = json.loads(out)["outcomes"][0]
    assert Path(collected["output"]).read_text() == Path("direct/GH-101-user-management-api.md").read_text()
    assert json.loads(Path(collected["sidecar"]).read_text())["issue"]["url"] == "https://example.invalid/101"


def test_collecting_a_file_that_answers_no_batch_is_one_line(prp: Any, tmp_path: Path) -> None:
    answers = tmp_path / "out.jsonl"
    answers.write_text('{"custom_id": "X-1::summary", "response": {"status_code": 200, "body": {}}}\n')
    code, _, err = prp("batch", "collect", "--from", str(answers), "--out-dir", str(tmp_path))
    assert code == 2 and err.count("\n") == 1 and "no batch file in" in err
    code, _, err = prp("batch", "collect", "--from", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "no such output file" in err
    code, _, err = prp("batch", "collect")
    assert code == 2 and "needs the BATCH_ID of a Batch API batch, or --from OUTPUT.jsonl" in err
