"""Batch benchmarks: throughput under a rate limit, and memory of a large offline batch.

    python bench/bench_batch.py [--issues 50] [--rpm 3000] [--latency 0.2] [--offline-issues 1000]

1. 50 issues x the built-in template (26 requests each) through the loopback stub limited to 3,000 requests/min
   (a token bucket answering 429 with retry-after-ms above it): achieved throughput of answered requests (>= 90 %
   of the limit), failed drafts (0), share of requests answered 429 (<= 2 %).
2. An offline batch of 1,000 issues: wall time and peak RSS (<= 250 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = ["user management", "order export", "invoice reminders", "webhook retries", "audit log", "team invites",
          "password reset", "search filters", "file uploads", "rate limits"]  # fmt: skip


def write_export(path: Path, count: int) -> None:
    """A GitHub REST export with `count` distinct issues."""
    issues = [
        {
            "number": 1000 + i,
            "title": f"{TOPICS[i % len(TOPICS)].capitalize()} API, part {i}",
            "body": f"As an admin I need {TOPICS[i % len(TOPICS)]} for tenant {i}.\n\nAcceptance: works via the API.",
            "state": "open",
            "labels": [{"name": "backend"}],
            "html_url": f"https://example.invalid/issues/{1000 + i}",
        }
        for i in range(count)
    ]
    path.write_text(json.dumps(issues))


def script() -> str:
    return str(Path(sys.executable).parent / "prp-agent")


def env(workdir: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PRP_AGENT_"))}
    private = {f"XDG_{kind}_HOME": str(workdir / f"xdg-{kind.lower()}") for kind in ("CONFIG", "CACHE", "STATE")}
    return {**base, **private, "OPENAI_API_KEY": "stub-key", "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost"}  # fmt: skip


def rate_limited(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    export = tmp / "issues.json"
    write_export(export, args.issues)
    log = tmp / "stub.jsonl"
    stub = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "stub_server.py"), "--rpm", str(args.rpm), "--latency",
         str(args.latency), "--log", str(log), "--max-seconds", "900"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = (stub.stdout.readline() if stub.stdout else "").split()[-1]
        started = time.perf_counter()
        proc = subprocess.run(
            [script(), "batch", str(export), "--out-dir", str(tmp / "out"), "--rpm", str(args.rpm), "--base-url", url,
             "--json"],
            capture_output=True, text=True, env=env(tmp), timeout=900, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
    finally:
        stub.terminate()
        stub.wait(timeout=10)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    summary = json.loads(proc.stdout)
    records = [json.loads(line) for line in log.read_text().splitlines()]
    answered = [r for r in records if r["status"] == 200]
    throttled = [r for r in records if r["status"] == 429]
    span = max(r["t_end"] for r in answered) - min(r["t_start"] for r in records)
    return {
        "issues": args.issues,
        "requests": len(records),
        "answered": len(answered),
        "throttled_429": len(throttled),
        "throttled_share": round(len(throttled) / len(records), 4),
        "span_s": round(span, 2),
        "throughput_rpm": round(len(answered) / span * 60, 1),
        "throughput_share": round(len(answered) / span * 60 / args.rpm, 3),
        "failed_drafts": summary["counts"].get("failed", 0),
        "wall_s": round(wall, 2),
    }


def offline(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    export = tmp / "big.json"
    write_export(export, args.offline_issues)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [script(), "batch", str(export), "--offline", "--out-dir", str(tmp / "offline"), "--json"],
        capture_output=True, text=True, env=env(tmp), timeout=900, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"offline batch failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    written = len(list((tmp / "offline").glob("*.prp.json")))
    return {
        "issues": args.offline_issues,
        "written": written,
        "wall_s": round(wall, 2),
        "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=50)
    parser.add_argument("--rpm", type=int, default=3000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--offline-issues", type=int, default=1000)
    parser.add_argument("--json-out", default=str(ROOT / "bench" / "out" / "batch.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        limited = rate_limited(args, Path(tmp))
        big = offline(args, Path(tmp))
    rows = [
        ("throughput / limit", f"{limited['throughput_share']:.1%}", ">= 90 %", limited["throughput_share"] >= 0.9),
        ("failed drafts", str(limited["failed_drafts"]), "0", limited["failed_drafts"] == 0),
        ("requests answered 429", f"{limited['throttled_share']:.2%}", "<= 2 %", limited["throttled_share"] <= 0.02),
        ("offline batch peak RSS", f"{big['peak_rss_mb']:.0f} MB", "<= 250 MB", big["peak_rss_mb"] <= 250),
    ]
    for name, value, target, ok in rows:
        print(f"{name:<24} {value:>9}  {target:>9}  {'pass' if ok else 'FAIL'}")
    print(f"rate-limited run: {limited}")
    print(f"offline run: {big}")
    print(f"reproduce: python bench/bench_batch.py --issues {args.issues} --rpm {args.rpm} --latency {args.latency}")
    Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json_out).write_text(json.dumps({"rate_limited": limited, "offline": big}, indent=2) + "\n")


if __name__ == "__main__":
    main()
