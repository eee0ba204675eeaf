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
from concerns.enquiries import (TopicMatcher, asks_an_everyday_question, asks_to_reach_someone, asks_whether_there_is,
                                asks_who_someone_is, plainly_thanks, raises_a_matter)
from concerns.safety import may_be_at_risk, safeguarding_matter
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
# The model's own first readings, under the fallback, that are no matter.
NO_MATTER_READINGS = (ENQUIRY_INTENT, "out_of_scope")


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
            if text and not text.startswith("/") and intent in ABOUT_SOMEONE_INTENTS and asks_who_someone_is(text):
                # "Who's the head teacher now?" read as a complaint about her: a question,
                # answered with who it is and how to reach them, and no case.
                message.set(INTENT, {"name": ENQUIRY_INTENT, "confidence": 1.0}, add_to_output=True)
                entity = {"entity": "topic", "value": "contacts", "start": 0, "end": len(text),
                          "extractor": "EnquiryTopics"}
                message.set(ENTITIES, [e for e in message.get(ENTITIES) or [] if e.get("entity") != "topic"] + [entity],
                            add_to_output=True)
                continue
            if text and not text.startswith("/") and intent in MATTER_READINGS and self._plainly_everyday(message, text):
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
                        and safeguarding_matter(text, "") is None and not may_be_at_risk(text):
                    # "inset days 2025/26?", "Hannah will be a bit late, eye test at 8.30": the model
                    # was unsure, but its own first reading was no matter and the words name a topic.
                    likely = self.matcher.likely_an_enquiry(text, vector, reading == ENQUIRY_INTENT)
                    # Only a question, or a child being off: an account ("he's been getting shoved
                    # around and wants to move schools") is never answered with a topic's words.
                    if likely and (asks_an_everyday_question(text) or likely[0] == "absence"):
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

    def _plainly_everyday(self, message: Message, text: str) -> bool:
        """A message the model read as a matter whose words only thank, or only ask an everyday
        question, with no words of a matter (no worry about a child, hurt, complaint, bullying)
        and nothing the safeguarding net knows: thanks are passed on, the question answered,
        and no case is started. A question is taken only when it asks how to reach someone or
        whether the school has something, or when its meaning and words clearly agree on a
        topic (TopicMatcher.clearly_an_enquiry). True when the message was changed."""
        if safeguarding_matter(text, "") is not None or may_be_at_risk(text):
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

    def _dimension(self) -> int:
        return load_encoder(self.config["model_path"]).dimension
