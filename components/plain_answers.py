"""An NLU step after the intent classifier: a short reply that plainly says stop, asks why a
detail is needed, or says yes, is read as that (`cancel`, `ask_why_needed`, `affirm`), whatever
the model scored.

"actually forget it, cancel" must end an intake at any question; the model, trained on whole
messages, may score it as the matter being cancelled. The rules are concerns/answers.py's,
on the normalised text. The safeguarding net runs after this step and outranks it.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from components.rule_steps import RuleStep, decide_intent, written_messages
from concerns.answers import asks_why, means_stop, means_yes


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlainAnswers(RuleStep):
    def process(self, messages: List[Message]) -> List[Message]:
        for message, text in written_messages(messages):
            meant = ("cancel" if means_stop(text) else "ask_why_needed" if asks_why(text)
                     else "affirm" if means_yes(text) else None)
            if meant is not None:
                decide_intent(message, meant)
        return messages
