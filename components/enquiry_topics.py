"""An NLU step after the intent classifier: for an everyday enquiry, which topic it is about
(term dates, uniform, jobs...), as the `topic` entity the enquiry answer reads.

"Are you hiring for September?" and "do you need any dinner ladies" use none of the words a
keyword list would hold for jobs; the sentence vector MiniLMFeaturizer already computed for
the message is compared with each topic's example messages (concerns/enquiries.py's
TopicMatcher). The topics and examples are the school profile's (SCHOOL_PROFILE), read when
the server starts, so a school adds a topic by editing its profile, not by retraining.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.minilm_featurizer import DEFAULT_MODEL_PATH, load_encoder
from concerns.enquiries import (TopicMatcher, an_absence_not_thanks, an_absence_told, asks_an_everyday_question,
                                asks_for_a_policy,
                                asks_for_someones_details, asks_to_reach_someone, asks_who_someone_is, asks_whether_there_is,
                                offers_something, plainly_thanks, raises_a_matter, tells_of_a_lost_thing, tells_of_hurt,
                                topic_in_a_few_words)
from concerns.safety import safeguarding_matter
from concerns.profile import load_profile
from concerns.settings import Settings

logger = logging.getLogger(__name__)

ENQUIRY_INTENT = "everyday_enquiry"
# What the intent model says when it cannot place a message (FallbackClassifier's, and ours).
UNPLACED_INTENTS = ("nlu_fallback", "out_of_scope")
# Matters the model may read a question about a member of staff as ("who's Mr Hall?").
# (Not "talk to a person": "how do I speak to Mr Bell" wants a person, and gets the office.)
ABOUT_SOMEONE_INTENTS = ("complain_staff", "complain_headteacher", "complain_governor", "complain_school")
# Readings the model may give a plainly everyday question or plain thanks ("who do I speak to
# about her lunches?" as a worry about the child, "cheers for putting the photos on Facebook" as
# a post): a case, or a signpost or "who to complain to" the parent did not ask for.
MATTER_READINGS = ("concern_child", "complain_staff", "complain_school", "complain_headteacher", "complain_governor",
                   "social_media_post", "ask_who_to_complain_to", "signpost")
THANKS_INTENT = "compliment_staff"
# A person asked for ("can I speak to someone"); asking only for someone's name or email is a contacts question.
HANDOFF_INTENT = "ask_human"
# Below this, an everyday reading of words that tell of a child hurt is too unsure to answer.
SURE_ENOUGH_OF_AN_ENQUIRY = 0.5
# Matters a message that tells of a child hurt may be: with one of them close behind an unsure
# everyday reading, the parent is asked rather than answered.
HURT_READINGS = ("concern_child", "report_bullying", "report_cyberbullying", "safeguarding_child", "staff_allegation",
                 "complain_staff", "complain_school")
# The model's own first readings, under the fallback, that are no matter.
NO_MATTER_READINGS = (ENQUIRY_INTENT, "out_of_scope")



def no_risk_in(text: str) -> bool:
    """No words of risk to a child, nor of staff harming one (safeguarding_matter with no
    prediction already holds every pattern of may_be_at_risk, so the net runs once)."""
    return safeguarding_matter(text, "") is None

def _first_reading(message: Message) -> Optional[str]:
    """The model's own first reading of a message (under the fallback's, if that is first)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
    return ranking[0].get("name") if ranking else (message.get(INTENT) or {}).get("name")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EnquiryTopics(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"model_path": DEFAULT_MODEL_PATH}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EnquiryTopics":
        return cls({**cls.get_default_config(), **config})

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EnquiryTopics":
        component = cls.create(config, model_storage, resource, execution_context)
        # Encoding every topic's examples takes seconds. Done when a server loads the model, not
        # at the first enquiry, where it held up the server's whole event loop: under fifty
        # parents at once the action server calls in flight then failed (tests/cluster).
        component.matcher
        return component

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config
        self._matcher: Optional[TopicMatcher] = None

    @property
    def matcher(self) -> TopicMatcher:
        # Built when the model is loaded by a server (see load), not at training: the profile is
        # the running school's.
        if self._matcher is None:
            encoder = load_encoder(self.config["model_path"])
            profile = load_profile(Settings().school_profile)
            self._matcher = TopicMatcher(profile, lambda texts: encoder.encode(texts)[0])
        return self._matcher

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            intent = (message.get(INTENT) or {}).get("name")
            if text and not text.startswith("/") and intent == ENQUIRY_INTENT \
                    and self._an_unsure_account_of_hurt(message, text):
                continue
            if text and not text.startswith("/") and intent in ABOUT_SOMEONE_INTENTS and asks_who_someone_is(text):
                # "Who's the head teacher now?" read as a complaint about her: a question,
                # answered with who it is and how to reach them, and no case.
                message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
                entity = {"entity": "topic", "value": "contacts", "start": 0, "end": len(text),
                          "extractor": "EnquiryTopics"}
                message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"] + [entity],
                            add_to_output=True)
                continue
            if text and not text.startswith("/") and intent == HANDOFF_INTENT and asks_for_someones_details(text) \
                    and no_risk_in(text):
                # "Can you give me the name of the lady in the office?" read as asking for a person:
                # the name and how to reach them are the answer.
                self._set_topic(message, text, "contacts")
                continue
            if text and not text.startswith("/") and intent in MATTER_READINGS + ("report_bullying", "report_cyberbullying",
                                                                        "complaint_stage_2") \
                    and asks_for_a_policy(text) and no_risk_in(text):
                # "do you have an anti-bullying policy I can read?" read as bullying: the policy is
                # the answer, and no case starts.
                self._set_topic(message, text, "policies")
                continue
            if text and not text.startswith("/") and (intent == "concern_child" or (
                    intent in UNPLACED_INTENTS and _first_reading(message) in NO_MATTER_READINGS + ("concern_child",))) \
                    and no_risk_in(text) \
                    and tells_of_a_lost_thing(text, self.matcher.profile):
                # "her bracelet from her nana fell off at playtime, it means the world to her": a
                # thing lost, told with feeling but no hurt or worry about the child.
                self._set_topic(message, text, "lost_property")
                continue
            if text and not text.startswith("/") and intent == "concern_child" \
                    and no_risk_in(text) \
                    and an_absence_told(text, self.matcher.profile):
                # "Ruby won't be in, bad night with her chest, the GP wants to see her" read as a
                # worry: a child off, with no words of a matter.
                self._set_topic(message, text, "absence")
                continue
            if text and not text.startswith("/") and intent in MATTER_READINGS + UNPLACED_INTENTS \
                    and self._a_topic_in_a_few_words(message, text):
                continue
            if text and not text.startswith("/") and intent in MATTER_READINGS and self._plainly_everyday(message, text):
                continue
            if text and not text.startswith("/") and intent in UNPLACED_INTENTS \
                    and _first_reading(message) in MATTER_READINGS and self._plainly_everyday(message, text):
                # "how do I tell you she's off for her op next week?" that the model was unsure was a
                # worry: taken as it would be were the model sure (above).
                continue
            if text and not text.startswith("/") and intent == THANKS_INTENT \
                    and an_absence_not_thanks(text, self.matcher.profile) \
                    and no_risk_in(text):
                # "Tom, Mr Bell's class, off with a temperature today x": a child off, thanking no one.
                message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
                entity = {"entity": "topic", "value": "absence", "start": 0, "end": len(text),
                          "extractor": "EnquiryTopics"}
                message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"]
                            + [entity], add_to_output=True)
                continue
            if not text or text.startswith("/") or intent not in (ENQUIRY_INTENT,) + UNPLACED_INTENTS:
                continue
            if any(entity.get("entity") == "topic" for entity in message.get(ENTITIES) or []):
                continue
            _, sentence = message.get_dense_features(TEXT)
            if sentence is None:
                continue
            vector = np.asarray(sentence.features).reshape(-1)[:self._dimension()]
            if intent in UNPLACED_INTENTS:
                # "Can I change my parents' evening slot?" that the model was unsure of: an
                # everyday question when meaning and words agree, answered, not "say more".
                placed = self.matcher.clearly_an_enquiry(text, vector)
                reading = _first_reading(message)
                if placed is None and reading in NO_MATTER_READINGS and not raises_a_matter(text) \
                        and no_risk_in(text):
                    # "inset days 2025/26?", "Hannah will be a bit late, eye test at 8.30": the model
                    # was unsure, but its own first reading was no matter and the words name a topic.
                    likely = self.matcher.likely_an_enquiry(text, vector, reading == ENQUIRY_INTENT)
                    # Only a question, an offer ("got a box of books if the kids want them"), or a
                    # child being off: an account ("he's been getting shoved around and wants to
                    # move schools") is never answered with a topic's words.
                    if likely and (asks_an_everyday_question(text) or offers_something(text)
                                   or likely[0] == "absence"):
                        placed = likely
                if placed is None:
                    continue
                topic, closeness = placed
                message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": closeness}, add_to_output=True)
            else:
                topic = self.matcher.topic(text, vector)
            entity = {"entity": "topic", "value": topic, "start": 0, "end": len(text), "extractor": "EnquiryTopics"}
            message.set(ENTITIES, (message.get(ENTITIES) or []) + [entity], add_to_output=True)
        return messages

    @staticmethod
    def _an_unsure_account_of_hurt(message: Message, text: str) -> bool:
        """"he's getting pushed about at break by older boys and wants to change schools": words
        that tell of a child hurt, which the model only leans to reading as an everyday
        question (below SURE_ENOUGH_OF_AN_ENQUIRY) with a matter close behind, are not answered as
        one: the parent is asked what it is about (the fallback's question). True when changed."""
        confidence = float((message.get(INTENT) or {}).get("confidence") or 0)
        if confidence >= SURE_ENOUGH_OF_AN_ENQUIRY or not tells_of_hurt(text):
            return False
        ranking = message.get(INTENT_RANKING_KEY) or []
        if not any(r.get("name") in HURT_READINGS and float(r.get("confidence") or 0) >= 0.1 for r in ranking):
            return False
        message.set(INTENT, {"name": "nlu_fallback", "confidence": confidence}, add_to_output=True)
        return True

    def _a_topic_in_a_few_words(self, message: Message, text: str) -> bool:
        """"nursery tour?", "homework day?", "finish time?": too few words for the intent model to read
        (it guessed a complaint, or nothing), but they name an everyday topic and no matter:
        answered on that topic. True when the message was changed."""
        if not no_risk_in(text):
            return False
        topic = topic_in_a_few_words(text, self.matcher.profile)
        if topic is None:
            return False
        message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
        entity = {"entity": "topic", "value": topic, "start": 0, "end": len(text), "extractor": "EnquiryTopics"}
        message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"] + [entity],
                    add_to_output=True)
        return True

    def _plainly_everyday(self, message: Message, text: str) -> bool:
        """A message the model read as a matter whose words only thank, or only ask an everyday
        question, with no words of a matter (no worry about a child, hurt, complaint, bullying)
        and nothing the safeguarding net knows: thanks are passed on, the question answered,
        and no case is started. A question is taken only when it asks how to reach someone or
        whether the school has something, or when its meaning and words clearly agree on a
        topic (TopicMatcher.clearly_an_enquiry). True when the message was changed."""
        if not no_risk_in(text):
            return False
        if plainly_thanks(text):
            message.set(INTENT, {"name": THANKS_INTENT, "confidence": 1.0}, add_to_output=True)
            return True
        if not asks_an_everyday_question(text):
            return False
        _, sentence = message.get_dense_features(TEXT)
        if sentence is None:
            return False
        vector = np.asarray(sentence.features).reshape(-1)[:self._dimension()]
        if not (asks_to_reach_someone(text) or asks_whether_there_is(text)
                or self.matcher.clearly_an_enquiry(text, vector) is not None):
            return False
        topic = self.matcher.topic(text, vector)
        message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
        entity = {"entity": "topic", "value": topic, "start": 0, "end": len(text), "extractor": "EnquiryTopics"}
        message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"] + [entity],
                    add_to_output=True)
        return True

    @staticmethod
    def _set_topic(message: Message, text: str, topic: str) -> None:
        message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
        entity = {"entity": "topic", "value": topic, "start": 0, "end": len(text), "extractor": "EnquiryTopics"}
        message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"] + [entity],
                    add_to_output=True)

    def _dimension(self) -> int:
        return load_encoder(self.config["model_path"]).dimension
