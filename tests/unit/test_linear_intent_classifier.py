"""The intent classifier as Rasa trains, stores and loads it: what it learned survives the round
trip, its scores are probabilities (so the fallback's threshold means something), and loading
it leaves the server's logging as it was."""
from __future__ import annotations

import logging

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.linear_intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "report_bullying": ["a boy keeps pushing my son in the yard", "kids call her names every day at break",
                        "he is being picked on by older boys", "they won't let her play and laugh at her"],
    "everyday_enquiry": ["what time does school finish", "when is half term", "how do i pay for dinners",
                         "is school open tomorrow in the snow"],
    "out_of_scope": ["set an alarm for seven", "play some music", "what's the weather like", "turn the lights off"],
}


def _message(text: str, intent: str | None = None) -> Message:
    message = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    # A stand-in for the sentence embedding, the same for every text (str's hash() differs from
    # one process to the next): what the classifier learns here comes from the n-grams.
    sentence = np.zeros((1, 8), dtype=np.float32)
    message.add_features(Features(sentence, "sentence", TEXT, "MiniLMFeaturizer"))
    return message


def _trained(tmp_path) -> tuple[LocalModelStorage, Resource, ExecutionContext]:
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create({}, storage, resource, context)
    classifier.train(TrainingData([_message(text, intent) for intent, texts in EXAMPLES.items() for text in texts]))
    return storage, resource, context


def test_what_it_learned_survives_storing_and_loading(tmp_path):
    storage, resource, context = _trained(tmp_path)
    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    [bullying, enquiry] = loaded.process([_message("a boy keeps pushing my daughter at break"),
                                          _message("what time does nursery finish")])
    assert bullying.get(INTENT)["name"] == "report_bullying"
    assert enquiry.get(INTENT)["name"] == "everyday_enquiry"
    ranking = bullying.get(INTENT_RANKING_KEY)
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6  # probabilities, not scores
    assert ranking == sorted(ranking, key=lambda r: -r["confidence"])


def test_loading_the_model_leaves_logging_as_it_was(tmp_path):
    storage, resource, context = _trained(tmp_path)
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.INFO)
    try:
        LinearIntentClassifier.load({}, storage, resource, context)
        assert root.level == logging.INFO  # skops' import used to set it to WARNING
    finally:
        root.setLevel(before)


class _SameVectorForEveryText:
    """The encoder as the classifier reads sentences with it, with _message's stand-in vector."""

    @staticmethod
    def encode(texts):
        return np.zeros((len(texts), 8), dtype=np.float32), []


def test_a_long_message_it_is_unsure_of_is_read_by_its_sentences(tmp_path, monkeypatch):
    import components.linear_intent_classifier as module
    monkeypatch.setattr(module, "load_encoder", lambda path: _SameVectorForEveryText())
    storage, resource, context = _trained(tmp_path)
    loaded = LinearIntentClassifier.load({}, storage, resource, context)
    story = ("sorry this is long, my mam has been poorly and the weather has been awful so we have had the "
             "lights off and music on most nights. what time does school finish on a friday now, i forget. "
             "anyway the older boys keep pushing my son in the yard every single day at break. "
             "set an alarm for me to ring the office tomorrow please.")
    read_whole = loaded.process([_message(story)])[0].get(INTENT)
    monkeypatch.setattr(module, "sentences_of", lambda text: [])  # as before: the whole message only
    whole_only = loaded.process([_message(story)])[0].get(INTENT)
    assert whole_only["name"] == "report_bullying" and whole_only["confidence"] < 0.5  # the fallback would ask
    assert read_whole["name"] == "report_bullying" and read_whole["confidence"] >= 0.7
