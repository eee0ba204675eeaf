"""What the NLU steps decided by rules rather than training share: nothing to train, and a
decision that replaces the model's intent at full confidence (the model's ranking kept below)."""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class RuleStep(GraphComponent, IntentClassifier):
    """An NLU step with nothing to train. Subclasses register themselves with Rasa's recipe."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RuleStep":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def written_messages(messages: List[Message]) -> Iterator[Tuple[Message, str]]:
    """Each message with words a parent wrote (not a button's /payload), with its text."""
    for message in messages:
        text: Optional[str] = message.get(TEXT)
        if text and not text.startswith("/"):
            yield message, text


def decide_intent(message: Message, name: str) -> None:
    """Make `name` the message's intent at full confidence, so the fallback's ambiguity check
    can never undo it; the model's own scores stay in the ranking."""
    decided = {"name": name, "confidence": 1.0}
    ranking = [decided] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, decided, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
