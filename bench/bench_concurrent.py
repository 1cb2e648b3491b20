"""Two `prp-agent draft -o same.md --force` at once, N times: is every pair left consistent?

    python bench/bench_concurrent.py [--pairs 100]

After each pair the markdown and its sidecar must belong together (the sidecar's hash is the markdown's), no
staged file may be left, and neither process may end with an internal error. Prints the counts; exit 1 when any
pair was inconsistent. Offline drafts: no server needed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pair(workdir: Path, index: int, env: dict[str, str]) -> tuple[bool, list[str]]:
    commands = [
        [sys.executable, "-m", "prp_agent", "draft", f"{kind} API {index}", "-o", "same.md", "--force"]
        for kind in ("orders", "users")
    ]
    procs = [subprocess.Popen(c, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in commands]  # fmt: skip
    errors = []
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        if proc.returncode != 0 or "internal error" in err:
            errors.append(err.strip()[:200])
    markdown, sidecar = workdir / "same.md", workdir / "same.prp.json"
    text = markdown.read_text(encoding="utf-8")
    stored = json.loads(sidecar.read_text(encoding="utf-8"))["markdown_sha256"]
    own = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()
    leftovers = [p.name for p in workdir.iterdir() if ".pending" in p.name or p.name.endswith(".tmp")]
    return stored == own and not leftovers, errors + [f"left over: {leftovers}"] * bool(leftovers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PRP_AGENT_"))}
    env["PYTHONPATH"] = str(ROOT)
    inconsistent, failed = 0, []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="prp-concurrent-") as tmp:
        workdir = Path(tmp)
        for kind in ("CONFIG", "CACHE", "STATE"):
            env[f"XDG_{kind}_HOME"] = str(workdir / f".xdg-{kind.lower()}")
        for index in range(args.pairs):
            ok, errors = _pair(workdir, index, env)
            inconsistent += not ok
            failed += errors
    print(f"pairs: {args.pairs}; inconsistent: {inconsistent}; process errors: {len(failed)}; "
          f"wall: {time.perf_counter() - started:.1f} s")  # fmt: skip
    for error in failed[:5]:
        print(f"  {error}")
    print("reproduce:", shlex.join(["python", "bench/bench_concurrent.py", "--pairs", str(args.pairs)]))
    return 1 if inconsistent or failed else 0


if __name__ == "__main__":
    sys.exit(main())
