"""The wheel ships the prompts and the built-in template, and the console script works from it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_prompts_and_templates(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("prp_agent-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = {p.name for p in (ROOT / "prompts").glob("*.j2")}
    assert prompts and {f"prp_agent/prompts/{name}" for name in prompts} <= names
    assert "prp_agent/templates/backend.md" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "prp-agent = prp_agent.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith(("tests/", "fixtures/", "bench/")) for n in names)


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "prp_agent", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "draft" in result.stdout
