"""What an attacker or a broken client might send: hypothesis strategies shared by the fuzz tests."""
from __future__ import annotations

from hypothesis import strategies as st

# Any Unicode at all, control characters and lone surrogates included (json.dumps writes
# those as \\udXXX escapes, which is valid JSON that many servers choke on).
any_text = st.text(st.characters(), max_size=200)
control_text = st.text(st.characters(max_codepoint=0x9f, categories=["Cc", "Zs", "Zl", "Zp"]), max_size=50)
huge_text = st.sampled_from(["x" * 100_000, "é" * 50_000, ("<script>" * 12_500), "\u202e\u0000 " * 25_000])
message_text = st.one_of(any_text, control_text, huge_text, st.just(""), st.just("   "))

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                         st.floats(allow_nan=False), any_text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(any_text, inner, max_size=5)), max_leaves=20)
not_an_object = st.one_of(json_scalars, st.lists(json_values, max_size=5))
wrong_type = st.one_of(st.none(), st.booleans(), st.integers(), st.lists(json_scalars, max_size=3),
                       st.dictionaries(st.text(max_size=5), json_scalars, max_size=3), st.floats(allow_nan=False))
raw_bytes = st.one_of(st.binary(max_size=300), st.just(b"\xff\xfe\x00{"),
                      st.just(b'{"sender": "a", "message": "\xff"}'))
