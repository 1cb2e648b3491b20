"""Bounded in depth: whatever is nested too deep — a model's answer, a manifest, an export, a sidecar, a review
marker — is refused or flagged, never a RecursionError that loses the work around it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.repo.facts import read_repo
from tests.conftest import PRP, SIDECAR
from tests.helpers import valid

DEEP = "[" * 1000 + "]" * 1000


def test_a_1000_deep_answer_flags_its_section_and_keeps_the_others() -> None:
    def reply(request: ChatRequest, n: int) -> Any:
        if request.schema_name == "section_risk-areas":
            return '{"risk_areas": ' + DEEP + "}"
        return valid(request)

    result = draft_prp(
        DraftRequest("user management API", settings=Settings(api_key="k", log=False, max_reasks=1)),
        model=ScriptedModel(reply),
    )
    by_id = {s.id: s for s in result.sections}
    assert {f.code.value for f in by_id["risk-areas"].flags} >= {"validation_failed"}
    assert sum(s.status == "filled" for s in result.sections) >= 24 and PRP.exists()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("package.json", '{"name": "x", "dependencies": ' + "{" * 100_000 + "}" * 100_000 + "}"),
        ("pyproject.toml", '[project]\nname = "x"\ndependencies = ' + "[" * 100_000 + "]" * 100_000 + "\n"),
    ],
)
def test_a_deep_manifest_is_skipped_not_a_crash(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    (tmp_path / "app.py").write_text("from fastapi import FastAPI\napp = FastAPI()\n")
    facts = read_repo(tmp_path)
    assert facts.files_scanned >= 2


def test_a_deep_json_export_is_one_line_and_exit_2(prp: Any, tmp_path: Path) -> None:
    export = tmp_path / "issues.json"
    export.write_text('[{"title": "x", "body": ' + "[" * 100_000 + "]" * 100_000 + "}]")
    code, out, err = prp("batch", str(export), "--list")
    assert code == 2 and out == "" and err.count("\n") == 1 and "internal error" not in err


def test_a_deep_sidecar_is_damaged_exit_2(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    data = json.loads(SIDECAR.read_text())
    SIDECAR.write_text(json.dumps(data)[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _, err = prp("refine", str(PRP), "-s", "risk", "--text", "- x", "--yes")
    assert code == 2 and err.count("\n") == 1 and "internal error" not in err


def test_a_deep_review_marker_is_read_as_no_codes(prp: Any) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    text = PRP.read_text()
    PRP.write_text(text.replace('"codes": [', '"codes": ' + "[" * 50_000 + "]" * 50_000 + ', "x": [', 1))
    code, _, err = prp("lint", str(PRP))
    assert code in {0, 1} and "internal error" not in err and "Traceback" not in err


# --- reads: never from a device or a FIFO, never more than a bound ----------------------------------------------


def _cli(args: list[str], cwd: Path, stdin: Any = None) -> Any:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PRP_AGENT_"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    for kind in ("CONFIG", "CACHE", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(cwd / f"xdg-{kind.lower()}")
    return subprocess.Popen([sys.executable, "-m", "prp_agent", *args], cwd=cwd, env=env, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


@pytest.mark.parametrize("template", ["/dev/zero", "fifo.md"])
def test_a_device_or_fifo_template_is_refused_at_once(tmp_path: Path, template: str) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.md")
    for args in (["draft", "x", "--template", template], ["templates", "show", template]):
        proc = _cli(args, tmp_path)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 2 and b"not a regular file" in err and err.count(b"\n") == 1


# Run from a small helper process: a child's peak memory on Linux includes what its parent had when it forked.
_FEED = """
import contextlib, json, os, subprocess, sys
proc = subprocess.Popen([sys.executable, "-m", "prp_agent", "draft", "-"], stdin=subprocess.PIPE,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
with contextlib.suppress(BrokenPipeError):
    for _ in range(300):
        proc.stdin.write(b"a" * 1_000_000)
with contextlib.suppress(BrokenPipeError, ValueError):
    proc.stdin.close()
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "err": err.decode(), "peak_kib": usage.ru_maxrss}))
"""


def test_300_mb_on_stdin_is_refused_without_reading_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PRP_AGENT_"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    for kind in ("CONFIG", "CACHE", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(tmp_path / f"xdg-{kind.lower()}")
    proc = subprocess.run([sys.executable, "-c", _FEED], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    report = json.loads(proc.stdout)
    assert report["code"] == 2 and "20,000-character limit" in report["err"]
    assert report["peak_kib"] < 100 * 1024


@pytest.mark.parametrize("html", ["<p " * 80_000, "<div>" * 80_000, '<a href="' * 50_000, "<" * 240_000])
def test_html_descriptions_become_text_in_linear_time(html: str) -> None:
    from prp_agent.text import html_to_text

    started = time.process_time()  # CPU time: a loaded machine stretches the wall clock, not this
    html_to_text(html)
    assert time.process_time() - started < 2.0  # 240 kB; regexes over it took 26.6 s


def test_html_to_text_keeps_blocks_as_lines_and_text_that_only_looks_like_tags() -> None:
    from prp_agent.text import html_to_text

    html = "<p>Refunds &amp; returns</p><ul><li>a < b</li><li>c > d</li></ul><script>alert(1)</script><br/>end"
    assert html_to_text(html) == "Refunds & returns\na < b\nc > d\nend"
