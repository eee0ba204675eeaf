"""An NLU step after the intent classifier: a message whose words say a child may be at
risk is treated as safeguarding, whatever milder intent the model scored it as."""
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

from concerns.safety import safeguarding_matter


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingNet(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafeguardingNet":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            intent = message.get(INTENT) or {}
            if not text or text.startswith("/"):
                continue
            matter = safeguarding_matter(text, "")
            if matter is None:
                continue
            if intent.get("name") == "staff_allegation" and matter == "safeguarding_child":
                # The model read an allegation about staff where the words say a child is at
                # risk: an allegation it stays (it goes to the Headteacher, not the DSL alone).
                matter = "staff_allegation"
            # At full confidence, so the fallback's ambiguity check can never turn a plain
            # statement of risk into "I didn't understand".
            # Keep the model's own scores for evaluation; the decision is safeguarding.
            overridden = {"name": matter, "confidence": 1.0}
            ranking = [overridden] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != matter]
            message.set(INTENT, overridden, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set("safeguarding_net", {"model_intent": intent}, add_to_output=True)
        return messages
