"""Cassettes (--record / --replay) and the response cache (--cache): a replay needs no network and reproduces the
recorded draft byte for byte; a request the cassette lacks is one line; nothing secret is written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import respx

from tests.replay import Replayer, load

BASE = "https://api.openai.com/v1"
PRP = Path("PRPs/user-management-api.md")
SIDECAR = Path("PRPs/user-management-api.prp.json")


def _record(prp: Any, *args: str) -> None:
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("draft", "user management API", "--record", "cassette", *args)
    assert code == 0, err


def test_a_replayed_draft_is_the_recorded_one_byte_for_byte(
    prp: Any, llm_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _record(prp)
    recorded = PRP.read_bytes(), SIDECAR.read_bytes()
    entries = [p for p in Path("cassette").glob("*.json") if p.name != "cassette.json"]
    assert len(entries) == 26  # the brief and 25 sections
    PRP.unlink()
    SIDECAR.unlink()
    monkeypatch.delenv("OPENAI_API_KEY")  # a replay needs no key
    with respx.mock(assert_all_mocked=True):  # and sends nothing: any request fails the test
        code, _, err = prp("draft", "user management API", "--replay", "cassette")
    assert code == 0, err
    assert (PRP.read_bytes(), SIDECAR.read_bytes()) == recorded


def test_a_request_the_cassette_lacks_is_one_line(prp: Any, llm_env: None) -> None:
    _record(prp)
    with respx.mock(assert_all_mocked=True):
        code, out, err = prp("draft", "order export API", "--replay", "cassette", "-o", "other.md")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--replay cassette: no recorded answer for this brief request" in err and not Path("other.md").exists()


def test_a_cassette_holds_no_key_and_no_secret(prp: Any, llm_env: None) -> None:
    secret = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url=BASE) as router:
        router.post("/chat/completions").mock(side_effect=lambda request: replayer(request))
        prp("draft", f"user management API, token {secret}", "--record", "cassette", "-o", "x.md")
    text = "".join(p.read_text() for p in Path("cassette").glob("*.json"))
    assert text and "test-key" not in text and secret not in text


def test_cached_answers_are_free_and_shown_in_the_log(
    prp: Any, llm_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("draft", "user management API", "--cache")
    assert code == 0, err
    first = PRP.read_text()
    with respx.mock(assert_all_mocked=True):  # every answer now comes from the cache
        code, out, err = prp("draft", "user management API", "--cache", "--force", "--json")
    assert code == 0, err
    assert PRP.read_text() == first and json.loads(out)["usage"]["requests"] == 0
    code, out, _ = prp("logs", "--json", "-n", "1")
    calls = json.loads(out)["runs"][0]["calls"]
    assert len(calls) == 26 and {call["source"] for call in calls} == {"cache"}


def test_record_and_replay_together_are_refused(prp: Any) -> None:
    code, _, err = prp("draft", "x", "--record", "a", "--replay", "b")
    assert code == 2 and "--record and --replay: choose one" in err


def test_a_batch_is_recorded_and_replayed_like_a_draft(
    prp: Any, llm_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": 101, "title": "User management API", "body": "Admins manage users.",
                                   "state": "open", "labels": []}]))  # fmt: skip
    replayer = Replayer(load("user-management"))
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.post("/chat/completions").mock(side_effect=replayer)
        code, _, err = prp("batch", str(export), "--out-dir", "recorded", "--record", "cassette")
    assert code == 0, err
    monkeypatch.delenv("OPENAI_API_KEY")
    with respx.mock(assert_all_mocked=True):
        code, _, err = prp("batch", str(export), "--out-dir", "replayed", "--replay", "cassette")
    assert code == 0, err
    name = "GH-101-user-management-api.md"
    assert Path("replayed", name).read_text() == Path("recorded", name).read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_cassette_is_refused_without_blocking(prp: Any, tmp_path: Path) -> None:
    cassette = tmp_path / "cassette"
    cassette.mkdir()
    (cassette / "cassette.json").write_text(json.dumps({"recorded_at": "2026-01-01T00:00:00+00:00", "model": "m"}))
    os.mkfifo(cassette / "entry.json")
    code, _, err = prp("draft", "x", "--replay", str(cassette), "-o", str(tmp_path / "x.md"))
    assert code == 2 and "is not a regular file" in err
