"""An NLU step after the intent classifier: a message whose words say a child may be at
risk is treated as safeguarding, whatever milder intent the model scored it as."""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from components.rule_steps import RuleStep, decide_intent, written_messages
from concerns.safety import (ask_rather_than_alert, complaint_tells_of_harm, safeguarding_matter, staff_are_the_actor,
                             staff_may_be_the_actor, weak_safeguarding_signal)


# The model's safeguarding reading alone (no words of risk the net knows) alerts at once from
# this confidence. Below it the parent is first asked, with buttons, "Are you worried a child
# may be at risk of harm?" (999 first in that reply): a yes, or no answer at all, still alerts.
# Chosen on bench/dev/ openers the net does not catch: at 0.5, 4 everyday or bullying openers
# alerted the DSL at once (a nana's worry about nits, a black eye from a boy); at 0.8, 1; 16 of
# 53 safeguarding openers are asked first instead of alerted at once.
MODEL_ALONE_ALERTS = 0.8
# What Rasa's fallback scores its own intent at (config.yml's threshold).
FALLBACK_CONFIDENCE = 0.3
# The model's two safeguarding readings together at least this sure, with one of them first.
RISK_READ = 0.5
_SAFEGUARDING_INTENTS = ("safeguarding_child", "staff_allegation")
COMPLAINTS_ABOUT_STAFF = ("complain_staff", "complain_headteacher")


def _model_reads_risk(message: Message) -> bool:
    """Is the model's first reading safeguarding, a child at risk and an allegation about staff
    together scoring at least RISK_READ (it often splits between the two when staff act)?"""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if not ranking or ranking[0].get("name") not in _SAFEGUARDING_INTENTS:
        return False
    return sum(r.get("confidence") or 0 for r in ranking if r.get("name") in _SAFEGUARDING_INTENTS) >= RISK_READ


def _ask_first(message: Message, matter: str | None = None) -> None:
    """A weak safeguarding reading by the model alone, or weak words: the fallback's intent, with
    the model's ranking kept below it, so the assistant asks whether a child may be at risk (with
    the safeguarding reading first, actions.ActionNotUnderstood) instead of alerting on a guess.
    `matter` is put first when the words say which ("yes" then alerts as that matter); its score
    stays the model's."""
    fallback = {"name": "nlu_fallback", "confidence": FALLBACK_CONFIDENCE}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
    if matter is not None:
        chosen = next((r for r in ranking if r.get("name") == matter), {"name": matter, "confidence": 0.0})
        ranking = [chosen] + [r for r in ranking if r is not chosen]
    message.set(INTENT, fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [fallback] + ranking, add_to_output=True)


def _matter_to_ask_about(message: Message, text: str) -> str | None:
    """Which safeguarding reading to put first in the question: the model's, except that an
    allegation about staff with no member of staff in the words ("terrified of her mam's new
    boyfriend", "a lad in his class ... not to tell the teacher") is a worry about a child."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
    if ranking and ranking[0].get("name") == "staff_allegation" and not staff_may_be_the_actor(text):
        return "safeguarding_child"
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingNet(RuleStep):
    def process(self, messages: List[Message]) -> List[Message]:
        for message, text in written_messages(messages):
            intent = message.get(INTENT) or {}
            matter = safeguarding_matter(text, "")
            if (matter == "safeguarding_child" or (matter is None and _model_reads_risk(message))) and \
                    staff_are_the_actor(text):
                # "The caretaker keeps hanging around the girls' toilets": a worry whose first
                # words make a member of staff the one acting is an allegation about staff, so
                # it is never first sent to the DSL, who may be the person it is about.
                matter = "staff_allegation"
            if matter is None and intent.get("name") in COMPLAINTS_ABOUT_STAFF and complaint_tells_of_harm(text):
                # "Helen Carter kicked my son. Yes, the headteacher": the model knows it is about
                # a member of staff, the words that they hurt a child: an allegation.
                matter = "staff_allegation"
            if matter is None:
                if intent.get("name") in _SAFEGUARDING_INTENTS:
                    if (intent.get("confidence") or 0) < MODEL_ALONE_ALERTS or ask_rather_than_alert(text):
                        # Unsure, or sure only of words that give the fear an everyday reason
                        # ("scared to go home after parents evening") or ask what is allowed
                        # ("at what age can they walk home on their own?"): asked, not alerted.
                        _ask_first(message, _matter_to_ask_about(message, text))
                    continue
                weak = weak_safeguarding_signal(text)
                if weak is not None:
                    # Weak or unclear words ("she screams when he comes round", a teacher's
                    # lift home), whatever milder intent the model read: one kind question first.
                    _ask_first(message, weak)
                continue
            if intent.get("name") == "staff_allegation" and matter == "safeguarding_child" and \
                    staff_may_be_the_actor(text):
                # The model read an allegation about staff where the words say a child is at
                # risk: an allegation it stays (it goes to the Headteacher, not the DSL alone),
                # unless no member of staff is in the words but as one told of it ("her mam's
                # boyfriend squeezed her arm", "... and not to tell the teacher").
                matter = "staff_allegation"
            # At full confidence, so the fallback's ambiguity check can never turn a plain
            # statement of risk into "I didn't understand". The model's scores stay for evaluation.
            decide_intent(message, matter)
            message.set("safeguarding_net", {"model_intent": intent}, add_to_output=True)
        return messages
