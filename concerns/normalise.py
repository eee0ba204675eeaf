"""One normalisation of what a parent typed, before any model or pattern reads it.

A phone writes "mum’s" with a curly apostrophe, puts non-breaking spaces and zero-width
characters into pasted text, and parents stretch words ("sooo worried", "pleeease"). The
safety net's patterns and the model's features must see the same word either way, so every
reader of a message's meaning goes through `normalise`. What is stored and shown (the
parent's account, the transcript) stays exactly as written: only readers normalise.

`normalise_with_offsets` also says, for each character of the result, which character of the
original it came from, so a tokenizer can keep its tokens' positions in the original text.
"""
from __future__ import annotations

import re
import unicodedata

# Characters a phone or a word processor puts where a plain one was meant.
_REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'", "\u0060": "'",
    "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...",
}
# Invisible characters that split a word in two for a tokenizer: zero-width space, joiners,
# the word joiner, the byte-order mark, the soft hyphen.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# A letter repeated three or more times is a stretched word: two are kept ("sooo" -> "soo"),
# since English has many doubled letters and no tripled ones.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index it came from in `text`."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text or ""):
        if char in _INVISIBLE:
            continue
        replaced = _REPLACEMENTS.get(char)
        if replaced is None:
            replaced = unicodedata.normalize("NFKC", char)
            if replaced and unicodedata.category(replaced[0]) == "Zs":
                replaced = " "
        for piece in replaced:
            # Drop the third and later of a run of one letter (case-insensitively).
            if len(out) >= 2 and piece.isalpha() and out[-1].lower() == piece.lower() == out[-2].lower():
                continue
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def normalise(text: str) -> str:
    """`text` as every reader of meaning sees it: NFKC, plain quotes, apostrophes, spaces and
    hyphens, no invisible characters, stretched letters cut to two."""
    return normalise_with_offsets(text)[0]
