"""An NLU step after the safety net: a message in one of the school's community languages
(concerns/languages.py) is `other_language`, whatever the English model made of it, so it
gets 999, the helplines and a note in its own language, and an alert when it may be a
disclosure. The language's code goes with the message for the action to read."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from concerns.languages import read
from concerns.profile import SchoolProfile, load_profile
from concerns.settings import Settings

OTHER_LANGUAGE = "other_language"


@lru_cache(maxsize=1)
def _profile() -> SchoolProfile:
    # Checked by `make run` before the Rasa server starts; read when the first message comes.
    return load_profile(Settings().school_profile)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OtherLanguages(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OtherLanguages":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            reading = read(text, _profile())
            if reading is None:
                continue
            decided = {"name": OTHER_LANGUAGE, "confidence": 1.0}
            ranking = [decided] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != OTHER_LANGUAGE]
            message.set(INTENT, decided, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set("language", reading.language.code, add_to_output=True)
        return messages
