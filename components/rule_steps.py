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
    """Make `name` the message's intent at full confidence. The ranking holds it alone, so the
    fallback's ambiguity check (top two within its margin) can never undo it: a model sure of
    a milder intent must not turn a plain statement of risk into a question. The model's own
    ranking is kept beside it, as `model_intent_ranking`, for evaluation."""
    decided = {"name": name, "confidence": 1.0}
    model_ranking = message.get("model_intent_ranking") or message.get(INTENT_RANKING_KEY) or []
    message.set("model_intent_ranking", model_ranking, add_to_output=True)
    message.set(INTENT, decided, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [decided], add_to_output=True)
