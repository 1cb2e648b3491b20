"""Benchmark prp-agent against the loopback stub: fan-out ratio, `--help` start-up time, CPU per draft.

    python bench/run_bench.py [--latency 0.5] [--repeat 3] [--json-out bench/out/results.json]

a. fan-out ratio: (median draft wall time at stub latency L - median at latency 0) / L. A draft is one brief call,
   then every section at once, so ~2 is ideal; drafting 1 brief + 25 sections one after another would be ~26.
b. `prp-agent --help` wall time, median of 7 runs.
c. CPU seconds (user+sys) of the `draft` child process at latency 0, median over the repeats, and that CPU as a
   multiple of `python -c "import openai"` measured in the same run (the machine is shared: the ratio is the figure).

It is a report, not a test: the exit code is 0 whatever the figures, 1 only when a draft run failed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import resource
import selectors
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STUB = HERE / "stub_server.py"
DEFAULT_JSON_OUT = HERE / "out" / "results.json"
DESCRIPTION = "user management API"
HELP_RUNS = 7
TARGETS = {"fanout_ratio": 2.5, "help_wall_s": 0.3, "draft_cpu_s": 1.5, "draft_cpu_per_openai_import": 2.0}
STUB_START_TIMEOUT = 15.0
HELP_TIMEOUT = 30.0
_LISTENING = re.compile(r"^listening (http://127\.0\.0\.1:\d+/v1)\s*$")
_SCRUBBED_ENV = (
    "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "PRP_AGENT_MODEL",
    "PRP_AGENT_CONCURRENCY", "PRP_AGENT_MAX_REASKS", "PRP_AGENT_MIN_CONFIDENCE", "PRP_AGENT_MAX_CONTEXT_TOKENS",
    "PRP_AGENT_TIMEOUT", "PRP_AGENT_RETRIES", "PRP_AGENT_DEBUG", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
    "PYTHONDONTWRITEBYTECODE",  # an installed prp-agent has its bytecode: measure that, not compiling from source
    "http_proxy", "https_proxy", "all_proxy",
)  # fmt: skip


class BenchError(RuntimeError):
    """A run that could not be measured (the stub did not start, a draft failed or timed out)."""


@dataclass
class DraftRun:
    """One `prp-agent draft` subprocess against the stub."""

    latency: float
    wall_s: float
    cpu_s: float
    returncode: int
    stub_requests: int
    summary_requests: int | None = None
    mode: str | None = None
    sections: int = 0
    flagged: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "latency": self.latency,
            "wall_s": round(self.wall_s, 4),
            "cpu_s": round(self.cpu_s, 4),
            "returncode": self.returncode,
            "stub_requests": self.stub_requests,
            "summary_requests": self.summary_requests,
            "mode": self.mode,
            "sections": self.sections,
            "flagged_count": len(self.flagged),
            "flagged": self.flagged,
            "error": self.error,
        }


class Stub:
    """`bench/stub_server.py` as a subprocess; always stopped by `close()` (use it as a context manager)."""

    def __init__(self, latency: float, log: Path, max_seconds: float) -> None:
        self.log = log
        self.url = ""
        command = [sys.executable, str(STUB), "--latency", str(latency), "--log", str(log)]
        command += ["--max-seconds", f"{max_seconds:g}"]
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
        )

    def __enter__(self) -> Stub:
        try:
            self.url = self._wait_for_url()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for_url(self) -> str:
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=STUB_START_TIMEOUT):
                raise BenchError(f"the stub printed nothing within {STUB_START_TIMEOUT:g}s")
        line = self.proc.stdout.readline()
        match = _LISTENING.match(line)
        if not match:
            raise BenchError(f"unexpected first line from the stub: {line!r}")
        return match.group(1)

    def request_count(self) -> int:
        try:
            with open(self.log, encoding="utf-8") as handle:
                return sum(1 for line in handle if line.strip())
        except FileNotFoundError:
            return 0

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def prp_agent_script() -> Path:
    """The console script installed next to this interpreter."""
    script = Path(sys.executable).parent / "prp-agent"
    if not script.exists():
        raise BenchError(f"{script} does not exist: run this with the venv's python (where prp-agent is installed)")
    return script


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of a draft: a stub key, no user config, nothing inherited that changes settings."""
    env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED_ENV}
    env["OPENAI_API_KEY"] = "stub-key"
    for kind in ("CONFIG", "CACHE", "STATE"):  # no user config, a fresh endpoint cache, a private call log
        env[f"XDG_{kind}_HOME"] = str(workdir / f"xdg-{kind.lower()}")
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def import_openai_cpu(repeat: int) -> list[float]:
    """CPU seconds (user+sys) of `python -c "import openai"`, one child per repeat."""
    found = []
    for _ in range(repeat):
        before = _cpu_children()
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-c", "import openai"], check=True, timeout=60, env=env)
        found.append(_cpu_children() - before)
    return found


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_draft(stub: Stub, latency: float, workdir: Path, timeout: float) -> DraftRun:
    """One draft subprocess: wall time, CPU time, requests the stub saw, and what the JSON summary says."""
    output = workdir / "out.md"
    command = [str(prp_agent_script()), "draft", DESCRIPTION, "--base-url", stub.url, "-o", str(output)]
    command += ["--force", "--json"]
    before_requests = stub.request_count()
    cpu_before = _cpu_children()
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, cwd=workdir, env=child_env(workdir), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        wall = time.perf_counter() - started
        cpu, requests = _cpu_children() - cpu_before, stub.request_count() - before_requests
        return DraftRun(latency, wall, cpu, -1, requests, error=f"timed out after {timeout:g}s")
    wall = time.perf_counter() - started
    cpu = _cpu_children() - cpu_before
    run = DraftRun(latency, wall, cpu, proc.returncode, stub.request_count() - before_requests)
    if proc.returncode != 0:
        run.error = f"exit {proc.returncode}: {proc.stderr.strip()[-500:]}"
        return run
    try:
        summary = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        run.error = f"stdout is not one JSON object ({exc}): {proc.stdout[:200]!r}"
        return run
    run.mode = summary.get("mode")
    run.summary_requests = (summary.get("usage") or {}).get("requests")
    sections = summary.get("sections") or []
    run.sections = len(sections)
    run.flagged = [{"id": s.get("id"), "flags": s.get("flags", [])} for s in sections if s.get("status") != "filled"]
    if run.mode != "llm":
        run.error = f"the draft ran in mode {run.mode!r}, not 'llm'"
    elif not sections:
        run.error = "the summary lists no sections"
    return run


def draft_series(latency: float, repeat: int, workdir: Path) -> list[DraftRun]:
    """`repeat` drafts against one stub started with `latency`."""
    timeout = 60.0 + 10 * latency
    max_seconds = 30.0 + repeat * (timeout + 5)
    log = workdir / f"stub-{latency:g}.jsonl"
    log.unlink(missing_ok=True)
    with Stub(latency, log, max_seconds) as stub:
        return [run_draft(stub, latency, workdir, timeout) for _ in range(repeat)]


def help_times(runs: int) -> list[float]:
    """Wall times of `prp-agent --help`."""
    script = prp_agent_script()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(
            [str(script), "--help"], capture_output=True, text=True, timeout=HELP_TIMEOUT, check=False
        )
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise BenchError(f"prp-agent --help exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return times


def _figure(name: str, value: float | None, target: float, unit: str, detail: str) -> dict[str, Any]:
    return {
        "name": name,
        "value": None if value is None else round(value, 4),
        "target": target,
        "unit": unit,
        "pass": value is not None and value <= target,
        "detail": detail,
    }


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}s"


def _table(figures: list[dict[str, Any]]) -> str:
    rows = [("figure", "value", "target", "result")]
    for fig in figures:
        value = "n/a" if fig["value"] is None else f"{fig['value']:.3f}{fig['unit']}"
        rows.append((fig["name"], value, f"<= {fig['target']:g}{fig['unit']}", "pass" if fig["pass"] else "FAIL"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.5, help="stub latency in seconds for the fan-out figure")
    parser.add_argument("--repeat", type=int, default=3, help="drafts per latency (medians are reported)")
    parser.add_argument("--json-out", default=None, help="results file [default bench/out/results.json]")
    args = parser.parse_args(argv)
    if args.latency <= 0:
        parser.error("--latency must be positive")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    command = ["python", "bench/run_bench.py", "--latency", f"{args.latency:g}", "--repeat", str(args.repeat)]
    reproduce = shlex.join(command + (["--json-out", args.json_out] if args.json_out else []))
    failures: list[str] = []
    runs: dict[str, list[DraftRun]] = {}
    help_wall: list[float] = []
    openai_cpu: list[float] = []
    compileall.compile_dir(str(ROOT / "prp_agent"), quiet=1)  # as `pip install` leaves it
    with tempfile.TemporaryDirectory(prefix="prp-bench-") as tmp:
        for latency in (0.0, args.latency):
            try:
                runs[f"{latency:g}"] = series = draft_series(latency, args.repeat, Path(tmp))
            except (BenchError, OSError) as exc:
                failures.append(f"drafts at L={latency:g}: {exc}")
                continue
            failures += [f"draft at L={latency:g}: {r.error}" for r in series if r.error]
    try:
        openai_cpu = import_openai_cpu(max(3, args.repeat))
    except (subprocess.SubprocessError, OSError) as exc:
        failures.append(f"import openai: {exc}")
    try:
        help_wall = help_times(HELP_RUNS)
    except (BenchError, subprocess.TimeoutExpired, OSError) as exc:
        failures.append(f"--help: {exc}")

    base = runs.get("0", [])
    loaded = runs.get(f"{args.latency:g}", [])
    ok_base = [r for r in base if not r.error]
    ok_loaded = [r for r in loaded if not r.error]
    wall_0 = statistics.median(r.wall_s for r in ok_base) if ok_base else None
    wall_l = statistics.median(r.wall_s for r in ok_loaded) if ok_loaded else None
    ratio = (wall_l - wall_0) / args.latency if wall_0 is not None and wall_l is not None else None
    cpu = statistics.median(r.cpu_s for r in ok_base) if ok_base else None
    help_median = statistics.median(help_wall) if help_wall else None
    openai_median = statistics.median(openai_cpu) if openai_cpu else None
    cpu_ratio = cpu / openai_median if cpu is not None and openai_median else None
    all_runs = base + loaded
    requests = sorted({r.stub_requests for r in all_runs})
    flagged = sorted({len(r.flagged) for r in all_runs if not r.error})
    figures = [
        _figure(
            "fan-out ratio", ratio, TARGETS["fanout_ratio"], "",
            f"(median wall at L={args.latency:g}s - at L=0) / L; median wall L=0: {_seconds(wall_0)}, "
            f"L={args.latency:g}: {_seconds(wall_l)}",
        ),
        _figure("prp-agent --help wall", help_median, TARGETS["help_wall_s"], "s", f"median of {len(help_wall)} runs"),
        _figure("draft CPU (user+sys) at L=0", cpu, TARGETS["draft_cpu_s"], "s", f"median of {len(ok_base)} runs"),
        _figure(
            "draft CPU / `import openai` CPU", cpu_ratio, TARGETS["draft_cpu_per_openai_import"], "×",
            f"import openai: {_seconds(openai_median)} CPU, median of {len(openai_cpu)}",
        ),
    ]  # fmt: skip

    print(_table(figures))
    print()
    print(f"fan-out: {figures[0]['detail']}")
    reported = sorted({r.summary_requests for r in all_runs if r.summary_requests is not None})
    print(
        f"requests per draft (stub log): {', '.join(map(str, requests)) or 'n/a'}; summary usage.requests: {reported}"
    )
    modes = sorted({str(r.mode) for r in all_runs})
    sections = sorted({r.sections for r in all_runs})
    print(f"draft mode: {', '.join(modes) or 'n/a'}; sections per draft: {sections}; flagged per draft: {flagged}")
    for run in all_runs:
        for item in run.flagged[:3]:
            print(f"  flagged at L={run.latency:g}: {item['id']}: {item['flags']}")
    for failure in failures:
        print(f"FAILED: {failure}")
    print(f"reproduce: {reproduce}")

    results = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": reproduce,
        "args": {"latency": args.latency, "repeat": args.repeat},
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "figures": figures,
        "help_wall_s": [round(t, 4) for t in help_wall],
        "import_openai_cpu_s": [round(t, 4) for t in openai_cpu],
        "drafts": {latency: [r.as_dict() for r in series] for latency, series in runs.items()},
        "failures": failures,
    }
    out = Path(args.json_out) if args.json_out else DEFAULT_JSON_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
