"""What a newcomer meets on the first day, one test per item they reported (the CLI run as they ran it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from tests.conftest import PRP, SIDECAR

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [[], ["draft"], ["context"], ["refine"], ["lint"], ["doctor"], ["logs"], ["templates"],
            ["templates", "list"], ["templates", "show"], ["templates", "export"], ["batch"], ["batch", "run"],
            ["batch", "status"], ["batch", "collect"]]  # fmt: skip


def _run(args: list[bytes], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PRP_AGENT_"))}
    env["PYTHONPATH"] = str(ROOT)
    for kind in ("CONFIG", "CACHE", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(cwd / f"xdg-{kind.lower()}")
    return subprocess.run([sys.executable, "-m", "prp_agent", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=60, check=False)  # fmt: skip


# 1. non-UTF-8 bytes in an argument
@pytest.mark.parametrize(
    "args",
    [
        [b"draft", b"caf\xe9 API"],
        [b"refine", b"doc.md", b"-s", b"SLAs", b"--text", b"\xff\xfe"],
        [b"batch", b"issues.csv", b"--filter", b"label=\xe9"],
        [b"lint", b"caf\xe9.md"],
        [b"context", b"--model", b"m\xe9"],
        [b"refine", b"doc.md", b"-s", b"x", b"--instruction", b"\xe9", b"--yes"],
        [b"refine", b"doc.md", b"-s", b"x", b"--answer", b"1=\xe9", b"--yes"],
        [b"batch", b"issues.csv", b"--map", b"title=T\xe9"],
        [b"draft", b"x", b"-o", b"out\xe9.md"],
        [b"draft", b"x", b"--template", b"t\xe9.md"],
        [b"doctor", b"--model", b"m\xe9"],
        [b"logs", b"--run", b"\xe9"],
        [b"templates", b"show", b"b\xe9"],
        [b"batch", b"status", b"b\xe9"],
    ],
)
def test_non_utf8_arguments_are_one_clear_line_and_exit_2(tmp_path: Path, args: list[bytes]) -> None:
    proc = _run(args, tmp_path)
    err = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 2 and err.count("\n") == 1 and "is not UTF-8 text" in err
    assert "internal error" not in err


# 2. answers for a section without questions
@pytest.mark.parametrize("answer", ["all", '1="99.9%"'])
def test_answers_for_a_section_without_questions_say_so(prp: Any, answer: str) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, _, err = prp("refine", str(PRP), "-s", "Risk Areas", "--answer", answer, "--yes")
    assert code == 2 and "has no open questions" in err and "needs a model" not in err


# 7. -h everywhere, help not cut, the session's keys in refine --help
@pytest.mark.parametrize("command", COMMANDS)
def test_dash_h_works_everywhere(prp: Any, command: list[str]) -> None:
    code, out, _ = prp(*command, "-h")
    assert code == 0 and "Usage:" in out and "-h, --help" in out


def test_top_level_help_cuts_no_description(prp: Any) -> None:
    code, out, _ = prp("--help")
    commands = out[out.index("Commands:") :]
    assert code == 0 and "..." not in commands and "Draft one complete PRP from a feature description." in commands


def test_refine_help_teaches_the_session_keys(prp: Any) -> None:
    from prp_agent.refine.keys import CHANGE_KEYS, SECTION_KEYS

    code, out, _ = prp("refine", "--help")
    flat = " ".join(out.split())
    assert code == 0
    for key, text in {**SECTION_KEYS, **CHANGE_KEYS}.items():
        assert f"{key} {text}" in flat


# 11. a description that is the name of a file
def test_a_description_that_names_a_file_says_how_to_draft_from_it(prp: Any) -> None:
    Path("feature.txt").write_text("Orders API\n")
    code, _, err = prp("draft", "feature.txt")
    assert code == 2 and "is a file" in err and "prp-agent draft - < feature.txt" in err
    assert not Path("PRPs/feature-txt.md").exists()


# 12. -o an existing directory
def test_output_into_an_existing_directory_writes_inside_it(prp: Any) -> None:
    Path("out").mkdir()
    code, _, err = prp("draft", "orders API", "-o", "out/")
    assert code == 0, err
    assert Path("out/orders-api.md").is_file() and Path("out/orders-api.prp.json").is_file()
    assert json.loads(Path("out/orders-api.prp.json").read_text())["description"] == "orders API"


# 8. one stdout/stderr rule: the result on stdout, progress and diagnostics on stderr
@pytest.mark.parametrize(
    ("args", "result"),
    [
        (["draft", "orders API", "--offline"], "wrote PRPs/orders-api.md"),
        (["batch", "issues.csv", "--dry-run"], "this run would draft offline"),
        (["batch", "issues.csv", "--list"], "X-1"),
        (["batch", "issues.csv"], "wrote PRPs/INDEX.md"),
        (["templates", "list"], "backend"),
        (["lint", "PRPs/orders-api.md"], "error(s)"),
        (["context", "."], "files listed"),
        (["templates", "show", "backend"], "backend"),
    ],
)
def test_a_redirected_result_lands_in_the_file(prp: Any, args: list[str], result: str) -> None:
    Path("issues.csv").write_text("key,title,body\nX-1,Login,Users sign in.\n")
    if args[0] == "lint":
        prp("draft", "orders API", "--offline")
    code, out, err = prp(*args)
    assert code in {0, 1} and result in out and result not in err


# 5. accepting flags: honest about NEEDS INPUT, and a second run changes nothing
def test_accepting_flags_twice_changes_nothing_the_second_time(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, out, _ = prp("refine", str(PRP), "-s", "SLAs", "--accept-flags")
    assert code == 0 and "still NEEDS INPUT" in out and "(section slas-performance-requirements: filled)" not in out
    backup = PRP.with_name(PRP.name + ".bak")
    after_first, backup_first, sidecar_first = PRP.read_bytes(), backup.read_bytes(), Path(SIDECAR).read_bytes()
    code, out, err = prp("refine", str(PRP), "-s", "SLAs", "--accept-flags", "--json")
    assert code == 0 and "nothing to accept" in err and json.loads(out)["written"] is False
    assert PRP.read_bytes() == after_first and backup.read_bytes() == backup_first
    assert Path(SIDECAR).read_bytes() == sidecar_first


# 9. one meaning per flag name: --format is an input format (batch); lint's output has --output-format
def test_lint_output_format_and_json_conflict_is_refused(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    code, out, err = prp("lint", str(PRP), "--output-format", "github", "--json")
    assert code == 2 and out == "" and "choose one" in err
    code, out, _ = prp("lint", str(PRP), "--output-format", "github")
    assert code == 1 and out.startswith("::")


def test_every_flag_name_means_one_thing_across_commands(prp: Any) -> None:
    import re

    meanings: dict[str, set[str]] = {}
    for command in COMMANDS:
        _, out, _ = prp(*command, "--help")
        for flag, metavar in re.findall(r"^\s+(?:-\w,\s+)?(--[a-z-]+)(?: ([A-Z][A-Z|.,=…_]*))?(?=\s{2,}|$)", out, re.M):
            meanings.setdefault(flag, set()).add(metavar or "switch")
    assert meanings["--format"] == {"FORMAT"} and "--output-format" in meanings
    mixed = {flag: kinds for flag, kinds in meanings.items() if len(kinds) > 1}
    assert mixed == {}, mixed


# 6. doctor with no key: drafts run offline, and where prp-agent keeps its files
def test_doctor_without_a_key_says_drafts_run_offline(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    code, out, _ = prp("doctor")
    assert code == 0 and "drafts run offline" in out and "call log:" in out and "endpoint cache:" in out
    code, out, _ = prp("doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["offline"] is True and report["key_sent"] is False
    assert set(report["files"]) == {"config", "endpoint_cache", "call_log"}


# 3. staleness looks at content, never at kept guidance, and suggests only commands that can run
def test_staleness_ignores_guidance_and_offline_suggests_no_instruction(prp: Any) -> None:
    repo = ROOT / "fixtures/repos/python-fastapi"
    draft_prp(DraftRequest("user management API", repo=str(repo), settings=Settings()))
    code, out, err = prp("refine", str(PRP), "-s", "Technology Stack", "--yes", "--json", "--text",
                         "- **Framework**: Django\n- **ORM/ODM**: Django ORM\n")  # fmt: skip
    assert code == 0, err
    stale = json.loads(out)["stale"]
    assert stale and all("Express" not in s["terms"] for s in stale)
    assert all("--instruction" not in s["command"] for s in stale)  # offline: a redraft could not run


# 14. shell completion offers values and files
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("prp-agent draft x --mode j", 4, {"json_schema", "json_object"}),
        ("prp-agent batch x.csv --format ji", 4, {"jira"}),
        ("prp-agent draft x -t b", 4, {"backend"}),
        ("prp-agent batch i", 2, {"issues.csv"}),
        ("prp-agent batch ", 2, {"run", "status", "collect", "issues.csv"}),
    ],
)
def test_completion_offers_values_and_files(tmp_path: Path, words: str, cword: int, expected: set[str]) -> None:
    (tmp_path / "issues.csv").write_text("key,title\n")
    env = {**os.environ, "_PRP_AGENT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword),
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    script = "import sys; sys.argv = ['prp-agent']; from prp_agent.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert expected <= set(proc.stdout.split()), proc.stdout + proc.stderr


# 4. Ctrl-C at the session's prompt ends on a line of its own, with the exit code for an interrupt
def test_ctrl_c_at_the_action_prompt_says_so_on_a_new_line(prp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import prp_agent.ui.session as ui_session

    draft_prp(DraftRequest("user management API", settings=Settings()))

    def interrupted(prompt: str, default: str | None = None) -> str | None:
        sys.stderr.write(f"{prompt}: ")
        raise KeyboardInterrupt

    monkeypatch.setattr(ui_session, "ask_line", interrupted)
    code, _, err = prp("refine", str(PRP))
    assert code == 130 and err.endswith(": \nprp-agent: error: interrupted\n")


# 10. written to a file or a pipe, nothing is cut
def test_nothing_is_cut_when_not_a_terminal(prp: Any) -> None:
    code, out, _ = prp(
        "draft", "user management API with a deliberately long feature name for wide tables", "--offline"
    )
    longest = max(out.splitlines(), key=len)
    assert code == 0 and "…" not in out and len(longest) > 120
