"""The held-out sets measure what a parent would really write only while nothing in the
training data is copied from them, word for word or nearly."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _normal(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # entity annotations: [Ruby](child_name)
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _examples(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text()) or {}
    lines = []
    for block in data.get("nlu") or []:
        lines += [line.strip()[2:] for line in (block.get("examples") or "").splitlines() if line.strip().startswith("- ")]
    return lines


def training() -> dict[str, str]:
    """Every line the assistant learns from: the NLU training data, and the example messages
    an everyday enquiry's topic is matched against (the product's and the school profile's)."""
    trained = {_normal(text): str(path.name) for path in sorted((ROOT / "data" / "nlu").glob("*.yml"))
               for text in _examples(path)}
    for texts in yaml.safe_load((ROOT / "concerns" / "enquiry_examples.yml").read_text())["topics"].values():
        trained.update({_normal(text): "enquiry_examples.yml" for text in texts})
    for answer in yaml.safe_load((ROOT / "school" / "oakley_cross.yml").read_text()).get("answers") or []:
        trained.update({_normal(text): "oakley_cross.yml" for text in answer.get("examples") or []})
    return trained


HELD_OUT_MESSAGES = ("triage_messages.yml", "out_of_scope.yml", "openers.yml", "no_case.yml", "enquiries.yml")


def held_out() -> list[str]:
    """Every message of every held-out set, the conversations' turns included."""
    texts = _examples(ROOT / "tests" / "test_nlu.yml")
    for name in HELD_OUT_MESSAGES:
        for item in yaml.safe_load((ROOT / "tests" / "heldout" / name).read_text())["messages"]:
            texts.append(item["text"] if isinstance(item, dict) else item)
    for conversation in yaml.safe_load((ROOT / "tests" / "heldout" / "conversations.yml").read_text())["conversations"]:
        texts.append(conversation["opening"])
        # Their answers too, except the short ones every conversation has ("yes", "cancel",
        # "year 4"), which the training data must know as well and which are no copy.
        said = [str(answer) for answer in (conversation.get("answers") or {}).values()]
        said += [str(step["say"]) for step in conversation.get("script") or []]
        texts += [text for text in said if len(text.split()) >= 6]
    return texts


def test_the_held_out_sets_are_big_enough_to_measure():
    heldout = ROOT / "tests" / "heldout"
    assert len(yaml.safe_load((heldout / "triage_messages.yml").read_text())["messages"]) >= 300
    assert len(yaml.safe_load((heldout / "out_of_scope.yml").read_text())["messages"]) >= 200
    # The triage issue's sets: 600 openers over every routing row, 1,000 messages that start no
    # case, 60 conversations.
    openers = yaml.safe_load((heldout / "openers.yml").read_text())["messages"]
    assert len(openers) >= 600 and len({m["row"] for m in openers}) >= 15
    assert len(yaml.safe_load((heldout / "no_case.yml").read_text())["messages"]) >= 1000
    assert len(yaml.safe_load((heldout / "conversations.yml").read_text())["conversations"]) >= 60
    # The everyday-enquiries issue's set: 200 enquiries, each labelled with the topic it asks.
    enquiries = yaml.safe_load((heldout / "enquiries.yml").read_text())["messages"]
    assert len(enquiries) >= 200 and all(m["topic"] for m in enquiries)
    assert _examples(ROOT / "tests" / "test_nlu.yml")


def development() -> list[str]:
    """The development sets of bench/dev/: read while improving the assistant, never trained on
    either, so that what they show is still how it meets words it has not seen."""
    texts = []
    for path in sorted((ROOT / "bench" / "dev").glob("*.yml")):
        data = yaml.safe_load(path.read_text())
        texts += [item["text"] for part in ("openers", "no_case", "messages") for item in data.get(part) or []]
        for conversation in data.get("conversations") or []:
            texts.append(conversation["opening"])
            said = [str(answer) for answer in (conversation.get("answers") or {}).values()]
            texts += [text for text in said + [str(step["say"]) for step in conversation.get("script") or []]
                      if len(text.split()) >= 6]
    return texts


def test_the_development_sets_are_not_in_the_training_data():
    trained = training()
    copied = [text for text in development() if _normal(text) in trained]
    assert not copied, copied[:10]


def test_no_held_out_message_is_in_the_training_data():
    trained = training()
    copied = [text for text in held_out() if _normal(text) in trained]
    assert not copied, copied[:10]


def test_no_training_example_nearly_copies_a_held_out_message():
    trained = [text for text in training() if len(text.split()) >= 6]
    near = []
    for text in held_out():
        held = _normal(text)
        if len(held.split()) < 6:
            continue  # "yes please" is the same in every set, and that is no copy
        words = set(held.split())
        for candidate in trained:
            if len(words & set(candidate.split())) / len(words | set(candidate.split())) < 0.5:
                continue  # most pairs share few words; the exact ratio below is slower
            if SequenceMatcher(None, held, candidate).ratio() > 0.9:
                near.append((text, candidate))
    assert not near, near[:10]
