"""How many real export files `batch --list` reads exactly: the count, the keys and the titles a human wrote down.

    python bench/bench_export_truth.py SET_DIR [-v] [--only NAME]

SET_DIR holds `files/` (the exports, kept outside the project) and `truth.json`, keyed by file name:
`{"01-x.csv": {"tracker": ..., "source": URL, "negative": false, "count": N, "issues": [{"key": "PROJ-1",
"title": "..."}], "titles_partial": false}}`. A negative (`"negative": true`) is read exactly when it is refused
(exit 2). Otherwise a file is read exactly when the command exits 0 with `count` issues, every listed key is
among the keys read (`12` matches `owner/repo#12` and `GL-12`; a `null` key is not compared), and every listed
title is the title read for that key (whitespace folded). The truth is written by reading each file, never by
running the tool.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _same_key(truth: str, read: str) -> bool:
    truth, read = truth.strip().lstrip("#").lower(), read.strip().lstrip("#").lower()
    return read == truth or read.endswith(("#" + truth, "/" + truth, "-" + truth))


def _bare(key: str) -> str:
    """A key as `_same_key` compares it, without a leading `#`, an owner/repo or a project prefix."""
    key = key.strip().lstrip("#").lower()
    return re.split(r"[#/-]", key)[-1] if re.search(r"[#/-]\d+$", key) else key


def _unsuffixed(key: str) -> str:
    """A read key without the `#2` the reader adds to a repeated key."""
    repeated = re.fullmatch(r"([^#/\s]+)#\d{1,3}", key)  # `owner/repo#12` is a key of its own
    return repeated.group(1) if repeated else key


def judge(truth: dict, exit_code: int, listed: dict) -> list[str]:
    """What differs between a file's truth and what was read (empty when read exactly)."""
    if truth.get("negative"):
        return [] if exit_code == 2 else [f"negative read as {len(listed.get('issues', []))} issues (exit {exit_code})"]
    if exit_code != 0:
        return [f"refused (exit {exit_code})"]
    issues = listed.get("issues", [])
    problems = []
    used: set[int] = set()
    by_key: dict[str, list[dict]] = {}
    for issue in issues:
        by_key.setdefault(_bare(_unsuffixed(str(issue.get("key", "")))), []).append(issue)
    if len(issues) != truth["count"]:
        problems.append(f"count {len(issues)}, truth {truth['count']}")
    for wanted in truth.get("issues", []):
        key, title = wanted.get("key"), wanted.get("title")
        if key is None:
            if title is not None and not any(_fold(i["title"]) == _fold(title) for i in issues):
                problems.append(f"title not read: {title!r}")
            continue
        # a key the file repeats (Taiga's epic and issue both `3`) is read as `3` and `3#2`: each truth entry takes
        # an unused issue of that key, the one with its title when there is one
        pool = by_key.get(_bare(str(key)), [])
        if not pool and len(issues) <= 5_000:  # a key that does not end in a number: every issue (small files)
            pool = issues
        same = [i for i in pool if id(i) not in used and _same_key(str(key), _unsuffixed(str(i.get("key", ""))))]
        match = next((i for i in same if title is None or _fold(i["title"]) == _fold(title)), same[0] if same else None)
        if match is not None:
            used.add(id(match))
        if match is None:
            problems.append(f"key not read: {key}")
        elif title is not None and _fold(match["title"]) != _fold(title):
            problems.append(f"{key}: title {match['title']!r}, truth {title!r}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    truths = json.loads((args.set_dir / "truth.json").read_text())
    exact = total = 0
    for name, truth in sorted(truths.items()):
        if args.only and args.only not in name:
            continue
        path = args.set_dir / "files" / name
        run = subprocess.run(
            [sys.executable, "-m", "prp_agent", "batch", str(path), "--list", "--json"],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
        )  # fmt: skip
        try:
            listed = json.loads(run.stdout) if run.returncode == 0 else {}
        except json.JSONDecodeError:
            listed = {}
        problems = judge(truth, run.returncode, listed)
        total += 1
        exact += not problems
        print(f"{'ok  ' if not problems else 'MISS'} {name:44} {truth.get('tracker', '')}")
        if problems and args.verbose:
            for problem in problems[:8]:
                print(f"       {problem}")
            if run.returncode and run.stderr.strip():
                print(f"       stderr: {run.stderr.strip().splitlines()[-1][:300]}")
            elif listed.get("reader"):
                print(f"       read as: {listed['reader'][:300]}")
    print(f"\n{exact}/{total} read exactly")


if __name__ == "__main__":
    main()
