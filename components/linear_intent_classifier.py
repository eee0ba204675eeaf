"""The intent classifier: a logistic regression over word and character n-grams of the
normalised text and the all-MiniLM-L6-v2 sentence embedding (components/minilm_featurizer.py).

It replaced DIET. On the development sets in bench/dev/ (written apart from the training data
and from the held-out sets, never trained on), against DIET on the same encoder features:
openers right from the first message 73% -> 82%, everyday and general-assistant lines that
would start a case 11.0% -> 1.8%, urgent alerts among them 3.8% -> 0.1%. DIET's confidences
sit at 0.99 for lines unlike anything it was trained on ("hit me with a random fact" as
safeguarding); these probabilities are lower when the words are unfamiliar, so the fallback's
threshold and ambiguity check can ask the parent instead of guessing. It trains in seconds.

The fitted vectorisers and model are stored with skops (no pickle), and loaded only when
every type in the file is one this module trusts.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack

from components.long_messages import reading_by_sentences, sentences_of, whole_is_unsure
from components.minilm_featurizer import DEFAULT_MODEL_PATH, MiniLMFeaturizer, load_encoder
from concerns.normalise import normalise

logger = logging.getLogger(__name__)

RANKING_LENGTH = 10
_FILE = "linear_intent_classifier.skops"


def _skops_io():
    """skops.io, imported without its side effect: importing it sets the root logger to WARNING
    (skops 0.9), which silenced every INFO line the Rasa server logged after loading a model."""
    root = logging.getLogger()
    level = root.level
    try:
        import skops.io
    finally:
        root.setLevel(level)
    return skops.io


def readable(text: str) -> str:
    """The text the n-grams read: one normalisation (curly apostrophes, stretched words), lower case."""
    return normalise(text or "").lower()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [MiniLMFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Chosen on bench/dev/ (never on tests/heldout/): C 10, 30, 100 and balanced or equal
            # class weights compared; balanced weights lift the smaller matters (bullying has a
            # third of safeguarding's examples) without costing the everyday lines.
            "C": 30.0,
            "class_weight": "balanced",
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            "char_min_df": 2,
            "max_iter": 3000,
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Dict[str, Any]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    @staticmethod
    def _sentence_vector(message: Message) -> np.ndarray:
        _, sentence = message.get_dense_features(TEXT)
        if sentence is None:
            raise ValueError("LinearIntentClassifier needs MiniLMFeaturizer's sentence features before it")
        return np.asarray(sentence.features, dtype=np.float64).reshape(-1)

    def _features(self, messages: List[Message]):
        texts = [readable(m.get(TEXT)) for m in messages]
        dense = np.stack([self._sentence_vector(m) for m in messages])
        return hstack([self.model["words"].transform(texts), self.model["chars"].transform(texts),
                       csr_matrix(dense)]).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.warning("LinearIntentClassifier needs at least two intents to train; it will predict nothing")
            return self._resource
        texts = [readable(m.get(TEXT)) for m in examples]
        words = TfidfVectorizer(ngram_range=tuple(self.config["word_ngrams"]), sublinear_tf=True).fit(texts)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.config["char_ngrams"]),
                                min_df=self.config["char_min_df"], sublinear_tf=True).fit(texts)
        self.model = {"words": words, "chars": chars}
        classifier = LogisticRegression(C=self.config["C"], class_weight=self.config["class_weight"],
                                        max_iter=self.config["max_iter"])
        classifier.fit(self._features(examples), [m.get(INTENT) for m in examples])
        self.model["classifier"] = classifier
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        written = [m for m in messages if m.get(TEXT)]
        if self.model is None or not written:
            return messages
        for message, ranking in zip(written, self._rankings(self._features(written))):
            sentences = sentences_of(message.get(TEXT))
            if sentences and whole_is_unsure(ranking):
                # A long message the whole reading is unsure of: what its sentences say plainly
                # (components/long_messages.py).
                ranking = reading_by_sentences(ranking, self._sentence_rankings(sentences)) or ranking
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _rankings(self, features) -> List[List[Dict[str, Any]]]:
        classifier = self.model["classifier"]
        rankings = []
        for probabilities in classifier.predict_proba(features):
            order = np.argsort(-probabilities)[:RANKING_LENGTH]
            rankings.append([{"name": str(classifier.classes_[i]), "confidence": float(probabilities[i])}
                             for i in order])
        return rankings

    def _sentence_rankings(self, sentences: List[str]) -> List[List[Dict[str, Any]]]:
        """Each sentence read on its own, with the features the whole message had (the same
        encoder's sentence embedding, as MiniLMFeaturizer gives with its mean pooling)."""
        vectors, _ = load_encoder(DEFAULT_MODEL_PATH).encode(sentences)
        texts = [readable(sentence) for sentence in sentences]
        features = hstack([self.model["words"].transform(texts), self.model["chars"].transform(texts),
                           csr_matrix(np.asarray(vectors, dtype=np.float64))]).tocsr()
        return self._rankings(features)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def persist(self) -> None:
        sio = _skops_io()

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self.model, directory / _FILE)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        sio = _skops_io()

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / _FILE
                untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
                if untrusted:
                    raise ValueError(f"untrusted types in the intent model: {untrusted}")
                model = sio.load(path, trusted=TRUSTED_TYPES)
        except (ValueError, FileNotFoundError) as error:
            logger.warning("LinearIntentClassifier could not load its model (%s); it will predict nothing",
                           type(error).__name__)
            model = None
        return cls(config, model_storage, resource, model)


# What a fitted model of this module holds beyond skops' own defaults.
TRUSTED_TYPES = [
    "builtins.dict", "builtins.tuple",
    "numpy.float64", "numpy.int64", "numpy.dtype",
    "sklearn.feature_extraction.text.TfidfVectorizer", "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "scipy.sparse._csr.csr_matrix", "scipy.sparse._dia.dia_matrix",
]
