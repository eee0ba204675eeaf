"""An NLU step after the intent classifier: a short reply that plainly says stop, asks why a
detail is needed, or says yes, is read as that (`cancel`, `ask_why_needed`, `affirm`), whatever
the model scored.

"actually forget it, cancel" must end an intake at any question; the model, trained on whole
messages, may score it as the matter being cancelled. The rules are concerns/answers.py's,
on the normalised text. The safeguarding net runs after this step and outranks it.
"""
from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_steps import RuleStep, decide_intent, written_messages
from concerns.answers import (asks_how_to_get_a_route_decided_elsewhere, asks_to_complain, asks_why, means_stop,
                              means_yes)


COMPLAINT_READINGS = ("complain_staff", "complain_school", "complain_headteacher", "complain_governor",
                      "complaint_stage_2")
# Readings a question about getting an EHC plan, a school place or an exclusion review may get
# in a parent's long message (never a complaint, bullying or safeguarding reading).
ROUTE_QUESTION_READINGS = ("concern_child", "everyday_enquiry", "nlu_fallback", "out_of_scope", "ask_how_long",
                           "compliment_staff")
# At or above this the model's own reading of a message that asks to complain stands.
SURE_ENOUGH = 0.6
# Questions about the assistant or a case the model may read in a complaint's own words ("I have
# a complaint about how long it takes the school to reply" read 0.64 as "how long will it take?").
QUESTION_READINGS = ("ask_how_long", "ask_what_next", "ask_capabilities", "check_case", "ask_is_bot")
_COMPLAINT_ABOUT = re.compile(r"\bcomplaint about\b|\bcomplain about\b", re.IGNORECASE)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlainAnswers(RuleStep):
    def process(self, messages: List[Message]) -> List[Message]:
        for message, text in written_messages(messages):
            meant = ("cancel" if means_stop(text) else "ask_why_needed" if asks_why(text)
                     else "affirm" if means_yes(text) else None)
            if meant is None and asks_to_complain(text):
                meant = self._complaint(message)
            if meant is None and (message.get(INTENT) or {}).get("name") in ROUTE_QUESTION_READINGS \
                    and asks_how_to_get_a_route_decided_elsewhere(text):
                # "how do I apply for an EHCP?" inside a long, warm message the model read as a
                # worry: the one route asked about, and no case (the safety net still follows)
                meant = "signpost"
            if meant is not None:
                decide_intent(message, meant)
        return messages

    @staticmethod
    def _complaint(message: Message) -> str | None:
        """A message that says it is a complaint, which the model is unsure of ("I want to make a
        complaint about something that happened in assembly" split between stage 2 and a worry):
        the complaint the model leans to, or one about the school, whose subject is then asked.
        A model sure of its reading keeps it (the safety net after this step outranks both)."""
        reading = message.get(INTENT) or {}
        if reading.get("name") in QUESTION_READINGS and _COMPLAINT_ABOUT.search(message.get(TEXT) or ""):
            return "complain_school"  # what it is about is a matter, not a question to answer
        if float(reading.get("confidence") or 0) >= SURE_ENOUGH or \
                (reading.get("name") == "out_of_scope" and float(reading.get("confidence") or 0) >= 0.3):
            return None  # (or sure it is nothing for the school: "a complaint about my phone bill")
        return reading.get("name") if reading.get("name") in COMPLAINT_READINGS else "complain_school"
