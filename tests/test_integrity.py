"""Nothing a human has is lost: concurrent edits during refine, colliding batch names, the markdown/sidecar pair,
the batch journal and its lock, and what output paths may be replaced."""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from prp_agent.batch import JOURNAL, BatchRequest, run_batch
from prp_agent.batch.journal import Journal, OutDirLock
from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.errors import ConflictError, InputError
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.prpfile import store
from prp_agent.prpfile.parse import load_document
from prp_agent.refine import open_target, refine_section
from prp_agent.templates.compiler import load_template
from tests.conftest import PRP, SIDECAR
from tests.helpers import scripted, valid

SETTINGS = Settings(api_key="k")


def _replace_in_section(title: str, old: str, new: str) -> None:
    text = PRP.read_text()
    start = text.index(title)
    following = re.search(r"\n#{1,3} ", text[start + len(title) :])
    end = start + len(title) + following.start() if following else len(text)
    assert old in text[start:end], (old, text[start:end])
    PRP.write_text(text[:start] + text[start:end].replace(old, new, 1) + text[end:])


# --- 1. refine keeps edits made while it runs ---------------------------------------------------------------------


def _refine_risk_areas(during: Any) -> Any:
    """Refine Risk Areas; `during` runs (in another thread, as another process would) while the model answers."""

    def script(request: ChatRequest, n: int) -> Any:
        if n == 1:
            worker = threading.Thread(target=during)
            worker.start()
            worker.join()
        answer = valid(request)
        answer["risk_areas"] = ["Refund abuse by repeated requests"]
        return answer

    return refine_section(PRP, "risk-areas", SETTINGS, instruction="name the real risk", model=ScriptedModel(script))


def test_an_edit_elsewhere_made_while_the_model_answers_is_kept() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    _refine_risk_areas(lambda: _replace_in_section("### Security Requirements", "NEEDS INPUT", "HUMAN WROTE THIS"))
    text = PRP.read_text()
    assert "HUMAN WROTE THIS" in text and "Refund abuse by repeated requests" in text


def test_an_edit_to_the_same_section_stops_the_refine_and_writes_nothing(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    with pytest.raises(ConflictError, match="changed while prp-agent was working"):
        _refine_risk_areas(lambda: _replace_in_section("### Risk Areas", "NEEDS INPUT", "MY OWN RISKS"))
    text = PRP.read_text()
    assert "MY OWN RISKS" in text and "Refund abuse" not in text
    assert ConflictError("x").exit_code == 1


def test_two_refines_at_once_both_land() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))

    def other_refine() -> None:
        model = ScriptedModel(lambda request, n: {**valid(request), "backend_pitfalls": ["Pitfall from refine B"]})
        refine_section(PRP, "common-backend-pitfalls", SETTINGS, instruction="b", model=model)

    _refine_risk_areas(other_refine)
    text = PRP.read_text()
    assert "Pitfall from refine B" in text and "Refund abuse by repeated requests" in text
    history = json.loads(SIDECAR.read_text())["history"]
    assert [h["section"] for h in history] == ["common-backend-pitfalls", "risk-areas"]


# --- 2. batch names never collide -----------------------------------------------------------------------------------


def test_batch_names_are_unique_and_duplicates_are_only_exact_keys(tmp_path: Path) -> None:
    issues = [
        {"key": "ANALYTICS-PLATFORM-MIGRATION-1001", "title": "Export dashboards"},
        {"key": "ANALYTICS-PLATFORM-MIGRATION-1002", "title": "Export dashboards"},
        {"key": "X/1", "title": "Same name"},
        {"key": "X-1", "title": "Same name"},
        {"key": "X-1", "title": "Same name"},  # an exact repeat: the same key and title
    ]
    export = tmp_path / "issues.jsonl"
    export.write_text("\n".join(json.dumps({"id": i["key"], "title": i["title"]}) for i in issues))
    result = run_batch(BatchRequest(str(export), fmt="jsonl", out_dir=str(tmp_path / "out")))
    assert [o.key for o in result.outcomes] == ["ANALYTICS-PLATFORM-MIGRATION-1001",
                                                "ANALYTICS-PLATFORM-MIGRATION-1002", "X/1", "X-1"]  # fmt: skip
    assert result.read.duplicates == ["X-1"]
    files = [o.output for o in result.outcomes]
    assert len(set(files)) == 4 and all(Path(f).exists() for f in files if f)
    index = json.loads((tmp_path / "out" / "index.json").read_text())
    assert len({o["output"] for o in index["outcomes"]}) == 4


# --- 3. the markdown and its sidecar are a pair ---------------------------------------------------------------------


def test_a_sidecar_copied_from_another_document_is_refused(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    other = draft_prp(DraftRequest("audit log export", settings=Settings()))
    assert other.sidecar is not None
    SIDECAR.write_text(Path(other.sidecar).read_text())
    code, _, err = prp("refine", str(PRP), "-s", "risk-areas", "--text", "x", "--yes")
    assert code == 2 and "does not belong to" in err and "audit-log-export.md" in err and err.count("\n") == 1
    code, out, _ = prp("lint", str(PRP), "--json")
    assert "sidecar_mismatch" in {f["code"] for f in json.loads(out)["findings"]}


def test_a_hand_edited_document_keeps_its_sidecar() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    _replace_in_section("### Risk Areas", "NEEDS INPUT", "edited by hand")
    target = open_target(PRP, "risk-areas")
    assert target.sidecar is not None and target.sidecar.description == "user management API"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data.update(format="prp-agent.sidecar/9"), "this prp-agent cannot read"),
        (lambda data: data.update(sections="not a list"), "is damaged: sections"),
        (lambda data: data["template"].pop("name"), "is damaged: template.name"),
    ],
)
def test_an_unreadable_sidecar_is_one_line_and_exit_2(prp: Any, change: Any, message: str) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    data = json.loads(SIDECAR.read_text())
    change(data)
    SIDECAR.write_text(json.dumps(data))
    code, out, err = prp("refine", str(PRP), "-s", "risk-areas", "--text", "x", "--yes")
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_a_format_1_sidecar_is_read_and_upgraded_on_write() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    data = json.loads(SIDECAR.read_text())
    for key in ("document", "markdown_sha256", "section_sha256"):
        data.pop(key)
    data["format"] = "prp-agent.sidecar/1"
    SIDECAR.write_text(json.dumps(data))
    refine_section(PRP, "risk-areas", Settings(), text="- Refund abuse")
    upgraded = json.loads(SIDECAR.read_text())
    assert upgraded["format"] == "prp-agent.sidecar/2" and upgraded["markdown_sha256"]


def test_a_crash_between_the_two_renames_is_finished_on_the_next_read(monkeypatch: pytest.MonkeyPatch) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    before = PRP.read_text()

    def killed(staged: Path, path: Path, *, force: bool) -> None:
        raise SystemExit("killed")  # the process dies after the sidecar was written, before the markdown move

    with monkeypatch.context() as patched:
        patched.setattr("prp_agent.prpfile.store.commit_staged", killed)
        with pytest.raises(SystemExit):
            refine_section(PRP, "risk-areas", Settings(), text="- Refund abuse")
    assert PRP.read_text() == before  # the old markdown, and a sidecar that already describes the new one
    assert len(_pending()) == 1
    target = open_target(PRP, "risk-areas")  # the next command finishes the interrupted write
    assert "finished an interrupted write" in " ".join(target.missing)
    assert "Refund abuse" in PRP.read_text() and _pending() == []
    assert json.loads(SIDECAR.read_text())["history"][-1]["action"] == "edit"  # and --undo has it


def test_a_staged_file_the_sidecar_does_not_describe_is_discarded() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    before = PRP.read_text()
    Path("PRPs/.user-management-api.md.pending-x1y2.tmp").write_text("half-written")
    assert "discarded" in (store.recover(PRP) or "")
    assert PRP.read_text() == before and _pending() == []


def _pending() -> list[Path]:
    return sorted(Path("PRPs").glob(".user-management-api.md.pending-*"))


# --- 4. and 5. the journal and the out-dir lock ---------------------------------------------------------------------


def test_a_torn_journal_line_does_not_swallow_the_next_entry(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append({"type": "issue", "key": "A", "status": "drafted"})
    with open(journal.path, "a") as handle:
        handle.write('{"type": "issue", "key": "B", "sta')  # torn by kill -9
    journal.append({"type": "issue", "key": "C", "status": "drafted"})
    state = journal.load()
    assert set(state) == {"A", "C"} and state["C"].outcome is not None


def _gh_export(tmp_path: Path, count: int) -> Path:
    issues = [{"number": n, "title": f"Feature {n}", "body": f"Body {n}", "state": "open"} for n in range(1, count + 1)]
    path = tmp_path / "issues.json"
    path.write_text(json.dumps(issues))
    return path


def test_resume_requests_only_the_sections_an_issue_is_missing(tmp_path: Path) -> None:
    export = _gh_export(tmp_path, 2)
    calls = {"n": 0}

    def fail_some(request: ChatRequest, n: int) -> Any:
        calls["n"] += 1
        about_2 = any("Feature 2" in m.content for m in request.messages)
        if about_2 and request.schema_name.endswith(("risk-areas", "quality-gates")):
            return ConnectionError("server went away")
        return valid(request)

    first = run_batch(BatchRequest(str(export), settings=SETTINGS), model=ScriptedModel(fail_some))
    assert {o.key: o.status for o in first.outcomes}["GH-2"] == "flagged"
    journal = Journal(Path("PRPs")).load()
    assert len(journal["GH-2"].sections) == 23  # the two failed sections were not journalled
    Path(JOURNAL).unlink(missing_ok=True)
    entries = [json.loads(x) for x in Path("PRPs", JOURNAL).read_text().splitlines()]
    Path("PRPs", JOURNAL).write_text(
        "".join(json.dumps(e) + "\n" for e in entries if not (e.get("key") == "GH-2" and e["type"] == "issue"))
    )  # as if the run had been killed before GH-2 finished
    again = scripted()
    result = run_batch(BatchRequest(str(export), settings=SETTINGS, resume=True), model=again)
    assert {o.key: o.status for o in result.outcomes} == {"GH-1": "resumed", "GH-2": "drafted"}
    assert len(again.requests) == 2  # only GH-2's two missing sections: no brief, nothing for GH-1


def test_a_second_batch_into_the_same_out_dir_is_refused(tmp_path: Path) -> None:
    export = _gh_export(tmp_path, 1)
    with OutDirLock(Path("PRPs")), pytest.raises(InputError, match=rf"pid {os.getpid()}\) is writing to PRPs"):
        run_batch(BatchRequest(str(export)))
    assert run_batch(BatchRequest(str(export), force=True)).exit_code == 0  # released with its holder


# --- 14. what an output may replace ---------------------------------------------------------------------------------


def test_a_device_is_never_replaced(prp: Any) -> None:
    code, _, err = prp("draft", "user management API", "-o", "/dev/null", "--force")
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(prp: Any) -> None:
    old = os.umask(0o022)
    try:
        prp("draft", "user management API", "-o", "new.md")
        assert stat.S_IMODE(os.stat("new.md").st_mode) == 0o644
        os.chmod("new.md", 0o640)
        code, _, _ = prp("draft", "user management API", "-o", "new.md", "--force")
        assert code == 0 and stat.S_IMODE(os.stat("new.md").st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_template_heading_placeholder_and_escaping_keep_the_parse_exact() -> None:
    template = load_template("backend")
    draft_prp(DraftRequest("user management API", settings=Settings()))
    document = load_document(PRP, template)
    assert [s.template_id for s in document.sections] == [s.id for s in template.sections]
