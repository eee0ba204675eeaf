"""One normalisation before any model or pattern reads a message (concerns/normalise.py)."""
import pytest

from concerns.normalise import normalise, normalise_with_offsets
from concerns.safety import may_be_at_risk, safeguarding_matter


@pytest.mark.parametrize("typed, read", [
    ("my mum’s boyfriend", "my mum's boyfriend"),                 # curly apostrophe (iPhone)
    ("she doesn‘t want to", "she doesn't want to"),
    ("he said “go away”", 'he said "go away"'),                   # curly quotes
    ("year\u00a03", "year 3"),                                    # non-breaking space
    ("follow\u2011up", "follow-up"),                              # non-breaking hyphen
    ("bul\u200blying", "bullying"),                               # zero-width space
    ("sad\u200d", "sad"),                                         # zero-width joiner
    ("ﬁve", "five"),                                              # NFKC: a ligature
    ("ｙｅａｒ ２", "year 2"),                                    # NFKC: full-width letters and digits
    ("sooo worried", "soo worried"),                              # stretched letters
    ("pleeeeease HELLLLP", "pleease HELLP"),
    ("all good", "all good"),                                     # a real double stays
    ("07700 900111", "07700 900111"),                             # digits are never cut
])
def test_each_kind_of_typing_reads_the_same(typed, read):
    assert normalise(typed) == read


def test_offsets_point_back_into_what_was_typed():
    typed = "mum\u2019s bo\u200byfriend"
    normal, origin = normalise_with_offsets(typed)
    assert normal == "mum's boyfriend" and len(origin) == len(normal)
    assert typed[origin[normal.index("boyfriend")]:origin[len(normal) - 1] + 1] == "bo\u200byfriend"


def test_the_safety_net_reads_an_iphones_apostrophes():
    assert may_be_at_risk("my mum’s boyfriend hits me")
    assert safeguarding_matter("she doesn’t want to go home, she’s scared", "concern_child") == "safeguarding_child"
    assert may_be_at_risk("her dad hi\u200bts her")


def test_the_tokenizer_makes_the_same_tokens_and_keeps_the_parents_positions():
    from rasa.shared.nlu.training_data.message import Message

    from components.normalising_tokenizer import NormalisingWhitespaceTokenizer

    tokenizer = NormalisingWhitespaceTokenizer(NormalisingWhitespaceTokenizer.get_default_config())
    typed = "my mum\u2019s boy\u200bfriend is sooo scary"
    curly = tokenizer.tokenize(Message(data={"text": typed}), "text")
    plain = tokenizer.tokenize(Message(data={"text": "my mum's boyfriend is soo scary"}), "text")
    assert [t.text for t in curly] == [t.text for t in plain]
    assert [typed[t.start:t.end] for t in curly] == ["my", "mum", "s", "boy\u200bfriend", "is", "sooo", "scary"]
