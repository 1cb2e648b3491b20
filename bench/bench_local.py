"""Drafting against servers that behave like the local ones people run: a fixed number of parallel slots with the
rest queued, structured-output modes rejected with 500 or 422, answers wrapped in fences or `<think>` text.

    python bench/bench_local.py            # all scenarios, about 90 s
    python bench/bench_local.py --quick    # shorter latencies, for a smoke run

Each scenario runs `prp-agent draft` in a subprocess against `bench/stub_server.py` (loopback, in this process) with
an empty endpoint cache, and reads the server's own request log. Figures and targets (issue #8):

- 1 slot, 2 s a request, --timeout 20: 0 sections lost, wall ≤ 1.3 × the serial work (26 × 2 s)
- 4 slots, 2 s a request: 0 lost, wall ≤ 1.3 × (2 s + ⌈25/4⌉ × 2 s)
- unlimited slots: (wall at 0.5 s − wall at 0 s) / 0.5 s ≤ 2.5
- json_schema rejected with 500 (and with 422), answers in fences / <think>: ≥ 18/25 filled, ≤ 3 rejected requests
- a 10-issue batch against 1 slot: the server's queue never holds more than --concurrency requests
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stub_server import Behaviour, serve_in_thread  # noqa: E402

SECTIONS = 25


def _cli() -> list[str]:
    return [sys.executable, "-m", "prp_agent"]


def _run(args: list[str], base_url: str, workdir: Path, timeout: float = 600) -> tuple[float, dict[str, Any], str]:
    env = {**os.environ, "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "bench", "XDG_CACHE_HOME": str(workdir / "c"),
           "XDG_STATE_HOME": str(workdir / "s"), "XDG_CONFIG_HOME": str(workdir / "cfg")}  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run([*_cli(), *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    summary = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    return wall, summary, done.stderr


def _log(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def draft_against(behaviour: Behaviour, latency: float, extra: list[str] | None = None) -> dict[str, Any]:
    """One draft against a fake server; what it took and what came of it."""
    with tempfile.TemporaryDirectory(prefix="prp-bench-local-") as tmp:
        work = Path(tmp)
        log = work / "server.jsonl"
        base, stop, _ = serve_in_thread(latency=latency, log=str(log), behaviour=behaviour)
        try:
            wall, summary, err = _run(["draft", "user management API", "--json", "--force", *(extra or [])], base, work)
        finally:
            stop()
        sections = summary.get("sections", [])
        lost = sum(any(f["code"] == "request_failed" for f in s["flags"]) for s in sections)
        filled = sum(s["status"] == "filled" for s in sections)
        requests = _log(log)
        rejected = sum(r["status"] in {400, 422, 500} for r in requests)
        return {"wall_s": round(wall, 2), "sections": len(sections), "lost": lost, "filled": filled,
                "requests": len(requests), "rejected": rejected, "modes": sorted({r["mode"] for r in requests}),
                "error": err.strip().splitlines()[-1] if not summary and err.strip() else ""}  # fmt: skip


def batch_queue_depth(issues: int, latency: float) -> dict[str, Any]:
    """A batch against a one-slot server: the deepest the server's queue got."""
    with tempfile.TemporaryDirectory(prefix="prp-bench-local-") as tmp:
        work = Path(tmp)
        export = work / "issues.json"
        export.write_text(json.dumps([{"number": n, "title": f"Feature {n}", "body": "x", "state": "open"}
                                      for n in range(1, issues + 1)]))  # fmt: skip
        base, stop, server = serve_in_thread(latency=latency, behaviour=Behaviour(slots=1))
        try:
            wall, summary, err = _run(["batch", str(export), "--json", "--timeout", "60"], base, work, timeout=1800)
        finally:
            stop()
        return {"issues": issues, "wall_s": round(wall, 1), "peak_queue": server.peak_waiting,
                "counts": summary.get("counts", {}), "error": err.strip()[-300:] if not summary else ""}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="0.5 s instead of 2 s per request")
    args = parser.parse_args(argv)
    per = 0.5 if args.quick else 2.0
    figures: list[tuple[str, str, str, bool]] = []

    one = draft_against(Behaviour(slots=1), per, ["--timeout", str(10 * per)])
    bound = 1.3 * (SECTIONS + 1) * per
    figures.append(("1 slot: sections lost / wall", f"{one['lost']} / {one['wall_s']} s",
                    f"0 / ≤ {bound:.1f} s", one["lost"] == 0 and one["wall_s"] <= bound))  # fmt: skip

    told = draft_against(Behaviour(slots=1, props=True), per, ["--timeout", str(10 * per)])
    figures.append(("1 slot told by /props: lost / wall", f"{told['lost']} / {told['wall_s']} s",
                    f"0 / ≤ {bound:.1f} s", told["lost"] == 0 and told["wall_s"] <= bound))  # fmt: skip

    four = draft_against(Behaviour(slots=4), per, ["--timeout", str(10 * per)])
    bound4 = 1.3 * (per + math.ceil(SECTIONS / 4) * per)
    figures.append(("4 slots: sections lost / wall", f"{four['lost']} / {four['wall_s']} s",
                    f"0 / ≤ {bound4:.1f} s", four["lost"] == 0 and four["wall_s"] <= bound4))  # fmt: skip

    zero = draft_against(Behaviour(), 0.0)
    half = draft_against(Behaviour(), 0.5)
    ratio = (half["wall_s"] - zero["wall_s"]) / 0.5
    figures.append(("unlimited: (wall@0.5s − wall@0) / 0.5 s", f"{ratio:.2f}", "≤ 2.5", ratio <= 2.5))

    for status, wrap in ((500, "think"), (422, "fence")):
        run = draft_against(Behaviour(reject_json_schema=status, wrap=wrap), 0.05)
        ok = run["filled"] >= 18 and run["rejected"] <= 3
        figures.append((f"json_schema → {status}, answers in {wrap}: filled / rejected",
                        f"{run['filled']}/{run['sections']} / {run['rejected']}", "≥ 18/25 / ≤ 3", ok))  # fmt: skip

    forced = draft_against(Behaviour(), 0.0, ["--mode", "tools"])
    figures.append(("--mode tools: modes sent", ", ".join(forced["modes"]), "tools", forced["modes"] == ["tools"]))

    queue = batch_queue_depth(10, 0.1 if args.quick else 0.2)
    finished = queue["counts"].get("drafted", 0) + queue["counts"].get("flagged", 0)
    figures.append(("10-issue batch, 1 slot: drafts / deepest server queue", f"{finished} / {queue['peak_queue']}",
                    "10 / ≤ 32", finished == 10 and queue["peak_queue"] <= 32))  # fmt: skip
    if queue["error"]:
        print(queue["error"], file=sys.stderr)

    width = max(len(f[0]) for f in figures)
    print(f"{'figure':<{width}}  {'measured':<22} {'target':<18} ok")
    for name, measured, target, ok in figures:
        print(f"{name:<{width}}  {measured:<22} {target:<18} {'yes' if ok else 'NO'}")
    return 0 if all(f[3] for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
