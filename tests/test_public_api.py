"""The public API: what `import prp_agent` offers, and that using it needs no CLI."""

from __future__ import annotations

import subprocess
import sys

import prp_agent


def test_public_names_are_pinned() -> None:
    assert sorted(prp_agent.__all__) == sorted([*prp_agent._EXPORTS, "__version__"]) == [
        "ChatAnswer", "ChatModel", "ChatRequest", "DraftRequest", "DraftResult", "FlagCode", "PrpAgentError",
        "ScriptedModel", "SectionResult", "Settings", "Template", "__version__", "describe_template", "draft_prp",
        "load_settings", "load_template",
    ]  # fmt: skip
    for name in prp_agent.__all__:
        assert getattr(prp_agent, name) is not None


def test_library_draft_without_the_cli() -> None:
    result = prp_agent.draft_prp(prp_agent.DraftRequest("inventory API", output="-", settings=prp_agent.Settings()))
    assert result.output is None and result.mode == "offline"
    assert "GET /api/inventories" in result.markdown


def test_importing_the_package_and_cli_stays_light() -> None:
    heavy = "('openai', 'pydantic', 'jinja2', 'tiktoken')"
    code = f"import sys, prp_agent.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
