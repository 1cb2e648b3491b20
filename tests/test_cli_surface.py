"""The command line people meet: help that shows defaults and environment variables, --version, sub-command help,
live progress only on a terminal, interrupts that say what was kept, lint output for people and CI, the review
history, and the small things that were wrong."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from prp_agent.batch import BatchRequest, run_batch
from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.refine import refine_section
from tests.conftest import PRP, SIDECAR

ROOT = Path(__file__).resolve().parent.parent


# --- 1. help and conventions ----------------------------------------------------------------------------------------


def test_help_shows_every_default_and_environment_variable_and_plain_flags(prp: Any) -> None:
    code, out, _ = prp("draft", "--help")
    assert code == 0
    for text in ("(env PRP_AGENT_MODEL; default gpt-5-mini)", "(env PRP_AGENT_CONCURRENCY; default 32)",
                 "(env PRP_AGENT_TIMEOUT; default 120)", "(env OPENAI_BASE_URL)", "(env PRP_AGENT_MODE; default auto)",
                 "DESCRIPTION", "--output PATH", "--model NAME", "--repo PATH"):  # fmt: skip
        assert text in " ".join(out.split()), text
    assert "<bool>" not in out and "<str>" not in out.replace("DESCRIPTION <str>", "") and "{description}" not in out
    code, _, err = prp("draft", "x", "--offline", "true")
    assert code == 2 and "unexpected extra argument" in err.lower()  # a flag takes no value


def test_version(prp: Any) -> None:
    from prp_agent.version import version

    for flag in ("--version", "-V"):
        code, out, _ = prp(flag)
        assert code == 0 and out.strip() == f"prp-agent {version()}"


@pytest.mark.parametrize(("args", "text"), [(["batch", "status", "--help"], "Show a Batch API batch's status"),
                                            (["batch", "collect", "--help"], "Download a finished Batch API batch"),
                                            (["templates", "show", "--help"], "Show a template's sections"),
                                            (["doctor", "--help"], "Probe an endpoint")])  # fmt: skip
def test_each_sub_command_has_its_own_help(prp: Any, args: list[str], text: str) -> None:
    code, out, _ = prp(*args)
    assert code == 0 and text in " ".join(out.split())


def test_batch_export_is_short_for_batch_run(prp: Any, tmp_path: Path) -> None:
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": 1, "title": "Feature one", "state": "open"}]))
    code, out, _ = prp("batch", str(export), "--list", "--json")
    assert code == 0 and json.loads(out)["issues"][0]["key"] == "GH-1"


def test_templates_export_prints_the_built_in_template(prp: Any) -> None:
    code, out, _ = prp("templates", "export", "backend")
    assert code == 0 and out == (ROOT / "prp_agent" / "templates" / "backend.md").read_text(encoding="utf-8")
    code, _, err = prp("templates", "export", "nope")
    assert code == 2 and "unknown built-in template" in err


def test_shell_completion_costs_help_little() -> None:
    bare = "import typer\napp = typer.Typer()\n@app.command()\ndef main() -> None: pass\napp()\n"

    def best(command: list[str]) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, env={**os.environ, "COLUMNS": "100"})
            times.append(time.perf_counter() - started)
        return min(times)

    ours = best([sys.executable, "-m", "prp_agent", "--help"])
    typer_alone = best([sys.executable, "-c", bare, "--help"])
    assert ours <= 2 * typer_alone + 0.15, (ours, typer_alone)  # a noisy shared machine: ratio plus a little slack


# --- 2. progress and interrupts -------------------------------------------------------------------------------------


def _on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run prp-agent with stderr on a pseudo-terminal; everything it drew there."""
    main, child = pty.openpty()
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "c"), "XDG_STATE_HOME": str(cwd / "s"), "COLUMNS": "100",
           "TERM": "xterm-256color"}  # fmt: skip
    env.pop("OPENAI_API_KEY", None)
    process = subprocess.Popen([sys.executable, "-m", "prp_agent", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=child, env=env)  # fmt: skip
    os.close(child)
    drawn = b""
    while True:
        ready, _, _ = select.select([main], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=30)
    os.close(main)
    return drawn.decode("utf-8", errors="replace")


def test_batch_progress_is_drawn_on_a_terminal_and_absent_without_one(prp: Any, tmp_path: Path) -> None:
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": n, "title": f"Feature {n}", "state": "open"} for n in range(1, 4)]))
    drawn = _on_a_terminal(["batch", str(export), "--offline"], tmp_path)
    assert "batch" in drawn and "3/3" in drawn and "eta" in drawn
    code, _, err = prp("batch", str(export), "--offline", "--force")
    assert code == 0 and "3/3" not in err and "\x1b[" not in err  # not a terminal: no bar, no escape codes


def test_draft_status_is_absent_without_a_terminal() -> None:
    from prp_agent.events import EventKind, emit
    from prp_agent.ui import DraftStatus

    with DraftStatus(enabled=True) as status:  # stderr is captured here: not a terminal
        emit(EventKind.SECTIONS_STARTED, detail="25")
        emit(EventKind.SECTION_DONE, "a", "filled")
    assert not status.enabled and status.line() == "starting · 0s"  # nothing counted: only warnings are listened for


def test_draft_status_line_counts_what_happens() -> None:
    from prp_agent.events import Event
    from prp_agent.events import EventKind as K
    from prp_agent.ui import DraftStatus

    status = DraftStatus(enabled=False)
    for event in [Event(K.BRIEF_STARTED), Event(K.SECTIONS_STARTED, detail="25"), Event(K.REQUEST_STARTED, "s1"),
                  Event(K.REQUEST_STARTED, "s2"), Event(K.SECTION_DONE, "s1", "flagged"), Event(K.REQUEST_DONE, "s1"),
                  Event(K.REASK, "s2"), Event(K.RETRY, detail="HTTP 503", seconds=2.0)]:  # fmt: skip
        status.on_event(event)
    line = status.line()
    assert "sections 1/25 (1 flagged) · 1 in flight" in line and "1 re-asks" in line and "1 retries" in line
    assert "retrying in 2s: HTTP 503" in line


def test_an_interrupted_batch_says_what_is_kept_and_how_to_resume(
    prp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": 1, "title": "One", "state": "open"}]))

    def interrupted(request: BatchRequest, **kwargs: Any) -> Any:
        progress = kwargs["progress"]
        progress.planned(2)
        from prp_agent.batch import IssueOutcome

        progress.issue("drafted", IssueOutcome("GH-1", "One", "drafted"))
        raise KeyboardInterrupt

    monkeypatch.setattr("prp_agent.batch.run_batch", interrupted)
    code, _, err = prp("batch", str(export), "--out-dir", "out")
    first, last = err.splitlines()  # no key: the run said first that it drafts offline
    assert code == 130 and first.startswith("prp-agent: drafted offline") and "1 draft(s) finished and kept" in last
    assert f"continue with: prp-agent batch {export} --out-dir out --resume" in err


def test_an_interrupted_draft_says_nothing_was_written(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(request: DraftRequest) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("prp_agent.drafting.pipeline.draft_prp", interrupted)
    code, _, err = prp("draft", "user management API")
    assert code == 130 and "interrupted: nothing was written" in err and not Path("PRPs").exists()


# --- 3. history and undo --------------------------------------------------------------------------------------------


def test_undo_walks_back_through_the_whole_history_one_step_per_call(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    original = PRP.read_text()
    refine_section(PRP, "risk-areas", Settings(), text="- First")
    after_first = PRP.read_text()
    refine_section(PRP, "risk-areas", Settings(), text="- Second")
    code, out, _ = prp("refine", str(PRP), "--history")
    assert code == 0 and out.count("risk-areas  edit  by ") == 2
    assert prp("refine", str(PRP), "-s", "risk-areas", "--undo")[0] == 0
    assert PRP.read_text() == after_first
    assert prp("refine", str(PRP), "-s", "risk-areas", "--undo")[0] == 0
    assert PRP.read_text() == original
    code, _, err = prp("refine", str(PRP), "-s", "risk-areas", "--undo")
    assert code == 2 and "nothing to undo" in err
    code, out, _ = prp("refine", str(PRP), "--history", "--json")
    actions = [h["action"] for h in json.loads(out)["history"]]
    assert actions == ["edit", "edit", "undo", "undo"] and "previous" not in json.loads(out)["history"][0]


# --- 4. lint that says what next ------------------------------------------------------------------------------------


def test_lint_prints_statistics_and_the_next_command(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, out, err = prp("lint", str(PRP))
    flagged = json.loads(SIDECAR.read_text())["sections"]
    reviews = sum(s["status"] == "flagged" for s in flagged)
    assert code == 1 and f"{reviews:5}  needs_review" in out
    assert out.count("needs_review") == reviews + 1  # one finding per flagged section, and the statistics line
    assert f"next: prp-agent refine {PRP}" in err and "needs_review" not in err


def test_lint_github_annotations(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, out, _ = prp("lint", str(PRP), "--output-format", "github")
    lines = out.splitlines()
    assert code == 1 and lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert f"::error file={PRP},line=" in out and "title=needs_review" in out


# --- 5. summaries ---------------------------------------------------------------------------------------------------


def test_the_draft_summary_is_compact_with_the_next_command(prp: Any) -> None:
    code, out, err = prp("draft", "user management API", "--offline")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) <= 30
    assert "next: prp-agent refine PRPs/user-management-api.md" in err
    row = next(line for line in lines if line.startswith("SLAs & Performance"))
    assert "no_evidence (Availability, Latency, Throughput, Scalability)" in row  # not a terminal: nothing cut
    assert "the description does not say" not in out  # the reasons are short, and never repeat the title
    assert "23 filled" not in out and "0 filled, 25 flagged" in out


# --- 7. the small ones ----------------------------------------------------------------------------------------------


def test_a_missing_named_config_file_is_an_error(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRP_AGENT_CONFIG", "nowhere.toml")
    code, _, err = prp("draft", "x")
    assert code == 2 and "PRP_AGENT_CONFIG names nowhere.toml, which is not a file" in err


def test_a_bad_environment_value_is_named_by_its_variable(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRP_AGENT_CONCURRENCY", "0")
    code, _, err = prp("draft", "x")
    assert code == 2 and "PRP_AGENT_CONCURRENCY must be at least 1" in err


def test_a_dry_run_honours_max_cost(tmp_path: Path) -> None:
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": n, "title": f"Feature {n}", "state": "open"} for n in range(1, 5)]))
    settings = Settings(api_key="k", model="m", price_input=1.0, price_output=4.0)
    full = run_batch(BatchRequest(str(export), settings=settings), dry_run=True)
    one = full.outcomes[0].estimate_usd or 0
    capped = run_batch(BatchRequest(str(export), settings=settings, max_cost=one * 2.5), dry_run=True)
    assert [o.status for o in capped.outcomes] == ["planned", "planned", "skipped", "skipped"]
    assert capped.as_json()["estimated_cost_usd"] == pytest.approx(2 * one, rel=1e-3)


def test_a_section_query_matching_two_sections_says_so(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, _, err = prp("refine", str(PRP), "-s", "backend", "--text", "x", "--yes")
    assert code == 2 and "matches" in err and "sections" in err and "name one by its id" in err
