"""Refining one section (non-interactive, interactive with scripted input, offline, undo, accept)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import respx

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.refine import open_target, propose_with_model
from tests.conftest import PRP, SIDECAR
from tests.replay import Replayer, load


def _span(text: str, title: str) -> tuple[int, int]:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and title in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return sum(len(x) for x in lines[:start]), sum(len(x) for x in lines[:end])


def _outside(text: str, title: str) -> tuple[str, str]:
    start, end = _span(text, title)
    return text[:start], text[end:]


def test_refine_with_a_model_changes_only_that_section_and_undo_restores_it(prp: Any, drafted: str) -> None:
    replayer = Replayer(load("refine/api-endpoints-pagination"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, out, err = prp("refine", str(PRP), "--section", "API Endpoints", "--instruction",
                             "add pagination to the list endpoint", "--yes", "--json")  # fmt: skip
    assert code == 0, err
    replayer.assert_all_played()
    sent = replayer.requests[0]["body"]["messages"]
    assert "add pagination to the list endpoint" in sent[-1]["content"]
    assert "<current_document>" in sent[-1]["content"] and "### Data Models & Entities" in sent[-1]["content"]
    assert "<brief>" in sent[-2]["content"]
    after = PRP.read_text()
    assert _outside(after, "API Endpoints Specification") == _outside(drafted, "API Endpoints Specification")
    assert "cursor-paginated (limit 1-100" in after and "cursor-paginated (limit 1-100" not in drafted
    assert Path(str(PRP) + ".bak").read_text() == drafted
    summary = json.loads(out)
    assert summary["section"] == "api-endpoints-specification" and summary["status"] == "filled"
    history = json.loads(SIDECAR.read_text())["history"]
    assert history[-1]["action"] == "refine" and history[-1]["instruction"] == "add pagination to the list endpoint"
    assert history[-1]["previous"]["body"] in drafted
    code, _, err = prp("refine", str(PRP), "--section", "api-endpoints-specification", "--undo")
    assert code == 0, err
    assert PRP.read_bytes() == drafted.encode()


def test_untouched_sections_of_a_hand_edited_file_stay_byte_identical(prp: Any, drafted: str) -> None:
    edited = drafted.replace("### Risk Areas\n```\n", "### Risk Areas\n```\n- Hand-written risk: SSO later\n")
    edited = edited.replace("## 📊 Success Metrics", "## 📊 Success Metrics\n\nA paragraph a human added.\n")
    PRP.write_text(edited)
    replayer = Replayer(load("refine/api-endpoints-pagination"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("refine", str(PRP), "-s", "api endpoints specification", "-i", "paginate", "--yes")
    assert code == 0, err
    assert "Hand-written risk: SSO later" in replayer.requests[0]["body"]["messages"][-1]["content"]
    after = PRP.read_text()
    assert _outside(after, "API Endpoints Specification") == _outside(edited, "API Endpoints Specification")


def test_crlf_files_keep_their_line_endings(prp: Any, drafted: str) -> None:
    PRP.write_bytes(drafted.replace("\n", "\r\n").encode())
    code, _, err = prp("refine", str(PRP), "-s", "risk-areas", "--text", "```\n- One risk\n```", "--yes")
    assert code == 0, err
    data = PRP.read_bytes()
    assert b"- One risk\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def _script(answers: dict[str, Any]) -> ScriptedModel:
    def reply(request: ChatRequest, n: int) -> Any:
        from tests.helpers import valid

        answer = valid(request)
        answer.update(answers)
        return answer

    return ScriptedModel(reply)


def test_refine_prompt_carries_answers_and_flags_are_recomputed() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))  # offline: every section flagged
    target = open_target(PRP, "SLAs")
    assert target.result is not None and target.result.status == "flagged"
    model = _script({"availability": 99.9, "confidence": 0.9})
    proposal = propose_with_model(target, Settings(api_key="k"), instruction=None,
                                  answers=[("Availability?", "99.9% monthly")], model=model)  # fmt: skip
    prompt = model.requests[0].messages[-1].content
    assert "Q: Availability?" in prompt and "A: 99.9% monthly" in prompt
    assert proposal.result.status == "filled" and "- **Availability**: 99.9%" in proposal.body


def test_interactive_accept(prp: Any, drafted: str) -> None:
    replayer = Replayer(load("refine/api-endpoints-pagination"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("refine", str(PRP), "-s", "API Endpoints", stdin="i\nadd pagination\ny\n")
    assert code == 0, err
    assert "Instruction" in err and "+POST" not in err and "cursor-paginated" in err  # the diff was shown
    assert "cursor-paginated (limit 1-100" in PRP.read_text()
    assert "1 change(s) applied" in err


def test_enter_alone_accepts_nothing(prp: Any, drafted: str) -> None:
    replayer = Replayer(load("refine/api-endpoints-pagination"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("refine", str(PRP), "-s", "API Endpoints", stdin="i\nadd pagination\n\n\n\n")
    assert code == 0, err
    assert err.count("Apply this change?") == 4  # asked again after each bare Enter, then end of input quits
    assert PRP.read_text() == drafted and "no changes written" in err


def test_interactive_retry_then_discard_then_quit_leaves_the_file_alone(prp: Any, drafted: str) -> None:
    replies = load("refine/api-endpoints-pagination", "refine/api-endpoints-pagination")
    replayer = Replayer(replies)
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("refine", str(PRP), "-s", "API Endpoints", stdin="i\nfirst try\nr\nsecond try\nn\nq\n")
    assert code == 0, err
    prompts = [r["body"]["messages"][-1]["content"] for r in replayer.requests]
    assert "first try" in prompts[0] and "second try" not in prompts[0]
    assert "second try" in prompts[1] and "first try" not in prompts[1]
    assert "no changes written" in err
    assert PRP.read_text() == drafted and not Path(str(PRP) + ".bak").exists()


def test_interactive_quit_and_end_of_input_write_nothing(prp: Any, drafted: str) -> None:
    code, _, err = prp("refine", str(PRP), "-s", "API Endpoints", stdin="")
    assert code == 0 and "no changes written" in err and PRP.read_text() == drafted


def test_editor_edits_the_proposal(prp: Any, drafted: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    editor = tmp_path / "fake_editor.py"
    editor.write_text(
        "import sys\np = sys.argv[1]\ntext = open(p).read()\nopen(p, 'w').write(text + 'EDITED BY HAND\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    replayer = Replayer(load("refine/api-endpoints-pagination"))
    with respx.mock(base_url="https://api.openai.com/v1", assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("refine", str(PRP), "-s", "API Endpoints", stdin="i\npaginate\ne\ny\n")
    assert code == 0, err
    after = PRP.read_text()
    assert "EDITED BY HAND" in after and "cursor-paginated" in after
    assert json.loads(SIDECAR.read_text())["history"][-1]["action"] == "edit"


def _offline_draft_with_sla_questions() -> None:
    """An offline draft whose SLA section has two open questions with suggested answers."""
    draft_prp(DraftRequest("user management API", settings=Settings()))
    sidecar = json.loads(SIDECAR.read_text())
    sla = next(s for s in sidecar["sections"] if s["id"] == "slas-performance-requirements")
    sla["open_questions"] = [{"question": "Target availability?", "suggested_answer": "99.9%"},
                             {"question": "Latency target?", "suggested_answer": "p95 < 300 ms"}]  # fmt: skip
    SIDECAR.write_text(json.dumps(sidecar))


def test_offline_refine_answers_open_questions_in_the_editor_flow(
    prp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _offline_draft_with_sla_questions()
    editor = tmp_path / "fake_editor.py"
    editor.write_text(
        textwrap.dedent("""\
        import sys
        open(sys.argv[1], "w").write(
            "- **Availability**: 99.9%\\n- **Latency**: < 300ms p95\\n- **Throughput**: 200 req/s\\n"
            "- **Scalability**: two instances behind the load balancer\\n"
        )
    """)
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    code, _, err = prp("refine", str(PRP), "-s", "SLAs", stdin="a\n\np95 < 250 ms\ny\n")
    assert code == 0, err
    after = json.loads(SIDECAR.read_text())
    entry = after["history"][-1]
    assert entry["answers"] == ["Target availability? → 99.9%", "Latency target? → p95 < 250 ms"]
    result = next(s for s in after["sections"] if s["id"] == "slas-performance-requirements")
    assert result["status"] == "filled" and result["open_questions"] == []
    assert "- **Latency**: < 300ms p95" in PRP.read_text()


def test_the_session_walks_the_flagged_sections_in_order(prp: Any) -> None:
    result = draft_prp(DraftRequest("user management API", settings=Settings()))
    flagged = [s for s in result.sections if s.status == "flagged"]
    code, _, err = prp("refine", str(PRP), stdin="s\nx\nf\nb\nq\n")
    assert code == 0, err
    assert f"[1/{len(flagged)}] {flagged[0].title}" in err and f"[2/{len(flagged)}] {flagged[1].title}" in err
    assert "  f  accept the flags" in err  # an unknown key shows the help
    assert "<!-- prp-agent:review" not in err  # the panel shows the section as a reader sees it
    sidecar = json.loads(SIDECAR.read_text())
    statuses = {s["id"]: s["status"] for s in sidecar["sections"]}
    assert statuses[flagged[0].id] == "flagged" and statuses[flagged[1].id] == "filled"
    assert err.count(f"[2/{len(flagged)}]") == 2 and err.count(f"[3/{len(flagged)}]") == 1  # b went back to 2
    assert "1 change(s) applied" in err


def test_accept_flags_removes_the_alert_and_records_who(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    before = PRP.read_text()
    code, _, err = prp("refine", str(PRP), "-s", "risk areas", "--accept-flags")
    assert code == 0, err
    after = PRP.read_text()
    assert _outside(after, "Risk Areas") == _outside(before, "Risk Areas")
    start, end = _span(after, "Risk Areas")
    assert "[!WARNING]" not in after[start:end] and "prp-agent:review" not in after[start:end]
    entry = json.loads(SIDECAR.read_text())["history"][-1]
    assert entry["action"] == "accept_flags" and entry["by"] and entry["accepted_flags"][0]["code"] == "no_evidence"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "no such section at all"], "no section matches"),
        (["-s", "risk", "--undo"], "nothing to undo"),
        (["--yes"], "--section is required"),
        (["-s", "risk", "-i", "x", "--yes"], "needs a model"),
    ],
)
def test_refine_errors_are_one_line(prp: Any, args: list[str], message: str) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, out, err = prp("refine", str(PRP), *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_stale_sections_are_listed_after_a_change(prp: Any) -> None:
    repo = Path(__file__).parent.parent / "fixtures/repos/python-fastapi"
    draft_prp(DraftRequest("user management API", repo=str(repo), settings=Settings()))
    code, out, err = prp("refine", str(PRP), "-s", "Technology Stack", "--yes", "--json", "--text",
                         "- **Framework**: Django\n- **ORM/ODM**: Django ORM\n- **Validation**: DRF serializers\n"
                         "- **Authentication**: sessions\n")  # fmt: skip
    assert code == 0, err
    stale = json.loads(out)["stale"]
    assert stale and any("FastAPI" in s["terms"] for s in stale)
    assert all(s["command"].startswith(f"prp-agent refine {PRP} --section ") for s in stale)


# --- lint ------------------------------------------------------------------------------------------------------


def test_answers_on_the_command_line_clear_open_questions(prp: Any) -> None:
    _offline_draft_with_sla_questions()
    body = (
        "- **Availability**: 99.9%\n- **Latency**: < 250ms p95\n- **Throughput**: 50 req/s\n"
        "- **Scalability**: two nodes\n"
    )
    code, _, err = prp("refine", str(PRP), "-s", "SLAs", "--text", body, "--answer", "7=x", "--yes")
    assert code == 2 and "--answer takes N=TEXT with N from 1 to 2" in err
    code, _, err = prp(
        "refine", str(PRP), "-s", "SLAs", "--text", body, "--answer", "2=p95 < 250 ms", "-a", "all", "--yes"
    )
    assert code == 0, err
    after = json.loads(SIDECAR.read_text())
    assert after["history"][-1]["answers"] == ["Latency target? → p95 < 250 ms", "Target availability? → 99.9%"]
    result = next(s for s in after["sections"] if s["id"] == "slas-performance-requirements")
    assert result["status"] == "filled"
    code, _, err = prp("refine", str(PRP), "-s", "SLAs", "--text", body, "--answer", "7=x", "--yes")
    assert code == 2 and "has no open questions" in err  # they were all answered
