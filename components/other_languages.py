"""An NLU step after the safety net: a message in one of the school's community languages
(concerns/languages.py) is `other_language`, whatever the English model made of it, so it
gets 999, the helplines and a note in its own language, and an alert when it may be a
disclosure. The language's code goes with the message for the action to read."""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from components.rule_steps import RuleStep, decide_intent, written_messages
from concerns.languages import read
from concerns.profile import profile_in_use

OTHER_LANGUAGE = "other_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OtherLanguages(RuleStep):
    def process(self, messages: List[Message]) -> List[Message]:
        for message, text in written_messages(messages):
            reading = read(text, profile_in_use())
            if reading is not None:
                decide_intent(message, OTHER_LANGUAGE)
                message.set("language", reading.language.code, add_to_output=True)
        return messages
