"""The review session driven by scripted key presses, one test per key of both key tables."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

import prp_agent.ui.session as ui_session
from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.llm.protocol import ChatRequest, ScriptedModel
from prp_agent.refine import Applied, ReviewSession, strip_alert
from tests.conftest import PRP, SIDECAR
from tests.helpers import valid


class Keys:
    """Scripted key presses on stdin and scripted editor saves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, presses: list[str], edits: list[str | None] | None = None):
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{p}\n" for p in presses)))
        self.edits = list(edits or [])
        self.opened: list[str] = []
        monkeypatch.setattr(ui_session, "edit_text", self._edit)

    def _edit(self, text: str, **_: Any) -> str | None:
        self.opened.append(text)
        return self.edits.pop(0)


def _drafted() -> list[str]:
    """An offline draft; the ids of the sections a session walks."""
    draft_prp(DraftRequest("user management API", settings=Settings()))
    return ReviewSession(PRP, Settings()).queue


def _statuses() -> dict[str, str]:
    return {s["id"]: s["status"] for s in json.loads(SIDECAR.read_text())["sections"]}


def _session(model: ScriptedModel | None = None) -> ReviewSession:
    return ReviewSession(PRP, Settings(api_key="k" if model else None, log=False), model=model)


def _answers(request: ChatRequest, n: int) -> Any:
    return valid(request)


def test_question_mark_and_an_unknown_key_show_every_key(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    _drafted()
    Keys(monkeypatch, ["?", "x", "q"])
    assert ui_session.run_session(_session()) == []
    err = capsys.readouterr().err
    for key, entry in ui_session.SECTION_KEYS.items():
        assert err.count(f"  {key}  {entry.help}") == 2
    assert "no changes written" in err


def test_s_b_and_q_move_through_the_queue(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    queue = _drafted()
    Keys(monkeypatch, ["s", "s", "b", "q"])
    before = PRP.read_text()
    ui_session.run_session(_session())
    err = capsys.readouterr().err
    total = len(queue)
    assert err.count(f"[1/{total}]") == 1 and err.count(f"[2/{total}]") == 2 and err.count(f"[3/{total}]") == 1
    assert PRP.read_text() == before


def test_f_accepts_the_flags_and_moves_on(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    queue = _drafted()
    Keys(monkeypatch, ["f", "q"])
    applied = ui_session.run_session(_session())
    assert [a.section_id for a in applied] == [queue[0]]
    assert _statuses()[queue[0]] == "filled"
    assert f"[2/{len(queue)}]" in capsys.readouterr().err


def test_e_edits_and_y_applies(monkeypatch: pytest.MonkeyPatch) -> None:
    queue = _drafted()
    keys = Keys(monkeypatch, ["e", "y", "q"], edits=["Written by the reviewer.\n"])
    applied = ui_session.run_session(_session())
    assert [a.section_id for a in applied] == [queue[0]] and keys.opened
    assert "Written by the reviewer." in PRP.read_text()


def test_an_edit_that_changes_nothing_asks_nothing(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    queue = _drafted()
    target = _session().open(queue[0])
    unchanged = strip_alert(target.body)
    Keys(monkeypatch, ["e", "q"], edits=[unchanged])
    before = PRP.read_text()
    ui_session.run_session(_session())
    err = capsys.readouterr().err
    assert "no change\n" in err and "Apply this change?" not in err and PRP.read_text() == before


def test_change_keys_help_edit_and_discard(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    _drafted()
    keys = Keys(monkeypatch, ["e", "?", "e", "n", "q"], edits=["First text.\n", "Second text.\n"])
    before = PRP.read_text()
    assert ui_session.run_session(_session()) == []
    err = capsys.readouterr().err
    for key, entry in ui_session.CHANGE_KEYS.items():
        assert f"  {key}  {entry.help}" in err
    assert keys.opened[1] == "First text.\n"  # the second edit starts from the proposal, not the file
    assert PRP.read_text() == before


def test_i_asks_the_model_and_r_asks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    queue = _drafted()
    model = ScriptedModel(_answers)
    Keys(monkeypatch, ["i", "make it concrete", "r", "shorter", "y", "q"])
    applied = ui_session.run_session(_session(model))
    assert len(model.requests) == 2 and [a.section_id for a in applied] == [queue[0]]
    assert "shorter" in model.requests[1].messages[-1].content


def test_i_without_a_model_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    _drafted()
    Keys(monkeypatch, ["i", "q"])
    ui_session.run_session(_session())
    assert "no model: set OPENAI_API_KEY" in capsys.readouterr().err


def test_a_answers_the_open_questions_and_q_quits_without_applying(monkeypatch: pytest.MonkeyPatch) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    sidecar = json.loads(SIDECAR.read_text())
    sla = next(s for s in sidecar["sections"] if s["id"] == "slas-performance-requirements")
    sla["open_questions"] = [{"question": "Target availability?", "suggested_answer": "99.9%"}]
    sla["status"] = "flagged"
    SIDECAR.write_text(json.dumps(sidecar))
    model = ScriptedModel(_answers)
    session = ReviewSession(PRP, Settings(api_key="k", log=False), model=model, only="slas-performance-requirements")
    Keys(monkeypatch, ["a", "99.95%", "q"])
    before = PRP.read_text()
    assert ui_session.run_session(session) == []
    assert "99.95%" in model.requests[0].messages[-1].content and PRP.read_text() == before


def test_end_of_input_quits(monkeypatch: pytest.MonkeyPatch) -> None:
    _drafted()
    Keys(monkeypatch, [])
    assert ui_session.run_session(_session()) == []


def test_every_key_has_a_handler_and_a_test() -> None:
    assert set(ui_session.SECTION_KEYS) == set("iaefsbq?")
    assert set(ui_session.CHANGE_KEYS) == set("ynerq?")
    assert all(k.act is not None for key, k in {**ui_session.SECTION_KEYS, **ui_session.CHANGE_KEYS}.items()
               if key != "?")  # fmt: skip
    assert isinstance(Applied, type)


def test_a_model_proposal_that_changes_nothing_asks_nothing(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from prp_agent.refine import Proposal

    queue = _drafted()
    session = _session()
    target = session.open(queue[0])
    assert target.result is not None
    unchanged = Proposal(target.body, target.result, "model", instruction="x")
    Keys(monkeypatch, [])  # any key press asked for would be read from here, and there is none
    assert ui_session.decide(session, target, unchanged) == "discard"
    err = capsys.readouterr().err
    assert "no change" in err and "Apply this change?" not in err
