"""Nothing lost, leaked or injected, round two: every hole found by the second adversarial pass, one test each.

Items are numbered as the pass numbered them: 1 links in the output folder, 2 server-chosen batch ids, 4 two
writers of one document, 5 printed commands, 6-8 secrets in errors, URLs and issue titles, 10 escape codes,
11 structure from list items, 12 delimiters. (3, resume on a grown export, is in test_batch.py.)
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from prp_agent.batch import BatchRequest, run_batch
from prp_agent.config import Settings
from prp_agent.drafting import DraftRequest, draft_prp
from prp_agent.errors import InputError
from prp_agent.prpfile.sidecar import text_sha256
from prp_agent.refine import refine_section
from tests.conftest import PRP, SIDECAR

# --- 1. links in the output folder are never written through ------------------------------------------------------


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    victim.chmod(0o600)
    return victim


def test_a_link_at_the_backup_name_is_replaced_not_written_through(tmp_path: Path) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    victim = _victim(tmp_path)
    backup = PRP.with_name(PRP.name + ".bak")
    backup.symlink_to(victim)
    refine_section(PRP, "risk-areas", Settings(), text="- Refund abuse")
    assert victim.read_text() == "precious\n" and stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert not backup.is_symlink() and "Risk" in backup.read_text()


@pytest.mark.parametrize("name", [".user-management-api.md.pending", ".user-management-api.md.pending-a.tmp"])
def test_links_at_staging_names_are_never_followed(tmp_path: Path, name: str) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    victim = _victim(tmp_path)
    (PRP.parent / name).symlink_to(victim)
    draft_prp(DraftRequest("user management API", force=True, settings=Settings()))
    refine_section(PRP, "risk-areas", Settings(), text="- Refund abuse")
    assert victim.read_text() == "precious\n" and stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert not PRP.is_symlink() and "Refund abuse" in PRP.read_text()


def test_a_link_at_a_lock_name_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    victim = _victim(tmp_path)
    PRP.with_name(f".{PRP.name}.lock").symlink_to(victim)
    with pytest.raises(InputError, match="is a link"):
        refine_section(PRP, "risk-areas", Settings(), text="- Refund abuse")
    assert victim.read_text() == "precious\n"


def test_a_link_at_the_batch_lock_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    export = tmp_path / "issues.csv"
    export.write_text("key,title,body\nX-1,Login,Body.\n")
    out = tmp_path / "out"
    out.mkdir()
    victim = _victim(tmp_path)
    (out / ".prp-batch.lock").symlink_to(victim)
    with pytest.raises(InputError, match="is a link"):
        run_batch(BatchRequest(str(export), out_dir=str(out)))
    assert victim.read_text() == "precious\n"


# --- 4. two writers of one document ---------------------------------------------------------------------------------


def _consistent(markdown: Path) -> bool:
    sidecar = json.loads(markdown.with_name(markdown.stem + ".prp.json").read_text())
    return bool(sidecar["markdown_sha256"] == text_sha256(markdown.read_text(encoding="utf-8")))


def test_concurrent_forced_drafts_of_one_file_leave_a_consistent_pair() -> None:
    draft_prp(DraftRequest("user management API", settings=Settings()))
    errors: list[BaseException] = []

    def one(description: str) -> None:
        try:
            draft_prp(DraftRequest(description, output=str(PRP), force=True, settings=Settings()))
        except BaseException as exc:
            errors.append(exc)

    for round_ in range(5):
        threads = [threading.Thread(target=one, args=(f"{kind} API round {round_}",)) for kind in ("orders", "users")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and _consistent(PRP)
    assert not [p for p in PRP.parent.iterdir() if ".pending" in p.name or p.name.endswith(".tmp")]
    assert os.path.exists(SIDECAR)


# --- 2. a server-chosen batch id never becomes a path ------------------------------------------------------------


class _Batches:
    """A Batch API that answers `create` with the id given."""

    def __init__(self, batch_id: str) -> None:
        self.batch_id = batch_id

    async def upload(self, name: str, data: bytes) -> str:
        return "file-1"

    async def create(self, input_file_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        return {"id": self.batch_id, "status": "validating"}

    async def retrieve(self, batch_id: str) -> dict[str, Any]:
        return {"id": batch_id, "status": "in_progress"}

    async def content(self, file_id: str) -> bytes:
        return b""

    async def aclose(self) -> None:
        return None


def _submit(tmp_path: Path, batch_id: str) -> Any:
    from prp_agent.batch import submit_batch
    from tests.helpers import scripted

    export = tmp_path / "issues.csv"
    export.write_text("key,title,body\nX-1,Login,Users sign in.\n")
    request = BatchRequest(str(export), out_dir=str(tmp_path / "out"), settings=Settings(api_key="k", log=False))
    return submit_batch(request, client=_Batches(batch_id), model=scripted())


def test_a_batch_id_with_path_parts_stays_inside_the_out_dir(tmp_path: Path) -> None:
    (tmp_path / "victim").mkdir()
    submitted = _submit(tmp_path, "x/../../victim/config")
    assert submitted.manifest.parent == tmp_path / "out"
    assert not (tmp_path / "victim" / "config").exists() and list((tmp_path / "victim").iterdir()) == []
    assert json.loads(submitted.manifest.read_text())["batch_id"] == "x/../../victim/config"


@pytest.mark.parametrize("batch_id", ["batch_\x1b]52;c;cHduZWQ=\x07", "batch 1; touch PWNED", ""])
def test_a_batch_id_that_cannot_be_shown_safely_is_refused(tmp_path: Path, batch_id: str) -> None:
    from prp_agent.errors import DraftFailedError

    with pytest.raises(DraftFailedError, match="cannot use safely"):
        _submit(tmp_path, batch_id)
    assert not list((tmp_path / "out").glob(".prp-openai-batch-*"))


def test_collect_finds_the_manifest_of_a_slugged_id(tmp_path: Path) -> None:
    from prp_agent.batch.openai_batch import manifest_path

    submitted = _submit(tmp_path, "x/../y")
    assert manifest_path(tmp_path / "out", "x/../y") == submitted.manifest


# --- 5. every printed command is shell-quoted -----------------------------------------------------------------------


def test_a_printed_command_never_runs_a_model_value(tmp_path: Path) -> None:
    import shlex

    from prp_agent.text import command_line

    hostile = 'Order" ; touch PWNED ; echo "x'
    line = command_line("refine", "doc.md", "--instruction", f"update: {hostile}", "--yes")
    assert shlex.split(line) == ["prp-agent", "refine", "doc.md", "--instruction", f"update: {hostile}", "--yes"]
    assert command_line("batch", "status", "id\x1b[2J") == "prp-agent batch status 'id[2J'"


def test_stale_section_commands_are_quoted() -> None:
    import shlex

    from prp_agent.refine import apply_proposal, open_target, propose_text

    repo = Path(__file__).parent.parent / "fixtures/repos/python-fastapi"
    draft_prp(DraftRequest("user management API", repo=str(repo), settings=Settings()))
    target = open_target(PRP, "technology-stack-specifics")
    applied = apply_proposal(target, propose_text(target, '- **Framework**: Django" ; touch PWNED ; echo "\n'))
    assert applied.stale
    for stale in applied.stale:
        words = shlex.split(stale.command)
        assert words[:2] == ["prp-agent", "refine"] and "touch" not in words
