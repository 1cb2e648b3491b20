"""What a plain draft loads: never the repository reader nor the export readers (they are for --repo and batch)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from prp_agent import cli
if sys.argv[1] == "draft":
    sys.argv = ["prp-agent", "draft", "user management API", "-o", "out.md"]
    try:
        cli.main()
    except SystemExit as exc:
        assert not exc.code, exc.code
loaded = sorted(name for name in sys.modules if name.startswith(("prp_agent.repo", "prp_agent.exports", "openai")))
print(json.dumps(loaded))
"""


def _loaded(tmp_path: Path, what: str) -> list[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "PRP_AGENT_"))}
    for kind in ("CONFIG", "CACHE", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(tmp_path / f"xdg-{kind.lower()}")
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = str(root)
    proc = subprocess.run([sys.executable, "-c", PROBE, what], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    loaded: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize("what", ["import", "draft"])
def test_cli_and_an_offline_draft_load_no_reader(tmp_path: Path, what: str) -> None:
    assert _loaded(tmp_path, what) == []
    if what == "draft":
        assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("#")
