"""An NLU step after the intent classifier: a short reply that plainly says stop, or asks why
a detail is needed, is read as that (`cancel`, `ask_why_needed`), whatever the model scored.

"actually forget it, cancel" must end an intake at any question; the model, trained on whole
messages, may score it as the matter being cancelled. The rules are concerns/answers.py's,
on the normalised text. The safeguarding net runs after this step and outranks it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from concerns.answers import asks_why, means_stop


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlainAnswers(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PlainAnswers":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            meant = "cancel" if means_stop(text) else "ask_why_needed" if asks_why(text) else None
            if meant is None:
                continue
            decided = {"name": meant, "confidence": 1.0}
            ranking = [decided] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != meant]
            message.set(INTENT, decided, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
