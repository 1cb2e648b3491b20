"""Costs that must stay linear: a 10,000-section template drafted offline and linted, and a 240 kB pathological
HTML description turned into text.

    python bench/bench_bounds.py [--sections 10000]

Targets: draft ≤ 10 s, lint ≤ 10 s, HTML ≤ 1 s (issue #21). Each command runs as a fresh `prp-agent` process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _template(path: Path, sections: int) -> None:
    lines = ["# {{feature_name}}", ""]
    for i in range(sections):
        lines += [f"## Section {i}", "", f"- **Value {i}**: {{{{value_{i}}}}}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "prp_agent", *args], cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sections", type=int, default=10_000)
    args = parser.parse_args()
    from prp_agent.text import html_to_text

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        _template(work / "big.md", args.sections)
        draft = _timed(["draft", "Orders API with 99.95% availability", "--template", "big.md", "-o", "out.md"], work)
        lint = _timed(["lint", "out.md", "--template", "big.md"], work)
    started = time.perf_counter()
    html_to_text("<p " * 80_000)
    html = time.perf_counter() - started
    print(f"draft, {args.sections} sections, offline  {draft:6.2f} s   (<= 10 s)")
    print(f"lint, {args.sections} sections             {lint:6.2f} s   (<= 10 s)")
    print(f"HTML to text, 240 kB of '<p '        {html:6.3f} s   (<= 1 s)")
    print(f"reproduce: python bench/bench_bounds.py --sections {args.sections}")


if __name__ == "__main__":
    main()
