"""A dense featurizer from all-MiniLM-L6-v2 sentence embeddings, computed on this machine
in numpy (components/minilm.py), modelled on Rasa 3.6's ConveRTFeaturizer and
LanguageModelFeaturizer.

In config.yml, after the tokenizer:

    - name: components.minilm_featurizer.MiniLMFeaturizer
      # model_path: models/encoder/all-minilm-l6-v2   (relative to the working directory)
      # pooling: mean                                (or max)

For each message's text it adds one sentence feature (the model's sentence embedding: the
mean of its token vectors, L2-normalised, as the model was trained; with `pooling: max`
the element-wise maximum of its token vectors instead) and one sequence feature per token
of the tokenizer before it (the mean of the vectors of the wordpieces that overlap that
token's characters; zeros for a token past the model's 128 wordpieces).

The model's files come from `make setup` (python -m components.encoder_assets).
"""
from __future__ import annotations

import logging
import os
import re
import threading
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple, Type

import numpy as np

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.exceptions import InvalidConfigException, RasaException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import MAX_POOLING, MEAN_POOLING

from components.minilm import Encoding, MiniLMEncoder

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = "models/encoder/all-minilm-l6-v2"
MODEL_FILES = MiniLMEncoder.FILES

_encoders: Dict[str, MiniLMEncoder] = {}
_encoders_lock = threading.Lock()


def load_encoder(model_path: Text) -> MiniLMEncoder:
    """One encoder per folder and process: training and inference share it."""
    path = os.path.abspath(model_path)
    with _encoders_lock:
        encoder = _encoders.get(path)
        if encoder is None:
            encoder = _encoders[path] = MiniLMEncoder(path)
        return encoder


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Sentence and token features from all-MiniLM-L6-v2, run in numpy."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # Folder with model.safetensors, tokenizer.json and config.json, relative to
            # the working directory (put there by `make setup`).
            "model_path": DEFAULT_MODEL_PATH,
            # How the sentence feature is made from the token vectors: "mean" (the
            # model's own sentence embedding) or "max".
            "pooling": MEAN_POOLING,
            # Training examples encoded together.
            "batch_size": 64,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["numpy", "safetensors"]

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return ["en"]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MiniLMFeaturizer":
        return cls(config, execution_context.node_name or cls.__name__)

    def __init__(self, config: Dict[Text, Any], name: Text = "MiniLMFeaturizer") -> None:
        config = {**self.get_default_config(), **config}
        super().__init__(name=name, config=config)
        self.pooling = config["pooling"]
        self.batch_size = int(config["batch_size"])
        self.encoder = load_encoder(config["model_path"])

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pooling = config.get("pooling", MEAN_POOLING)
        if pooling not in (MEAN_POOLING, MAX_POOLING):
            raise InvalidConfigException(
                f"{cls.__name__}: pooling must be '{MEAN_POOLING}' or '{MAX_POOLING}', not '{pooling}'."
            )
        batch_size = config.get("batch_size", 64)
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidConfigException(f"{cls.__name__}: batch_size must be a positive integer.")
        model_path = config.get("model_path") or DEFAULT_MODEL_PATH
        path = os.path.abspath(model_path)
        missing = [name for name in MODEL_FILES if not os.path.isfile(os.path.join(path, name))]
        if missing:
            raise RasaException(
                f"{cls.__name__}: the sentence encoder's files are not in {path} "
                f"(missing {', '.join(missing)}). Run `make setup`, which fetches them "
                f"(python -m components.encoder_assets {model_path}), or set model_path "
                f"in config.yml to the folder that holds them."
            )

    # -- features ------------------------------------------------------------------------

    @staticmethod
    def _token_spans(message: Message, attribute: Text) -> List[Tuple[int, int]]:
        tokens = message.get(TOKENS_NAMES[attribute])
        if tokens:
            return [(token.start, token.end) for token in tokens]
        # No tokenizer ran on this message: whitespace tokens, so the features still come.
        text = message.get(attribute) or ""
        return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)] or [(0, len(text))]

    @staticmethod
    def _align(encoding: Encoding, vectors: np.ndarray, spans: Sequence[Tuple[int, int]]) -> np.ndarray:
        """Mean of the wordpiece vectors overlapping each token's [start, end)."""
        # Rows 1..n-2 are wordpieces; [CLS] and [SEP] belong to no token.
        offsets = np.asarray(encoding.offsets[1:-1], dtype=np.int64).reshape(-1, 2)
        pieces = vectors[1:-1]
        out = np.zeros((len(spans), vectors.shape[1]), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            if not len(offsets):
                break
            hit = (offsets[:, 0] < end) & (offsets[:, 1] > start)
            if not hit.any() and start == end:  # an empty token: the piece at its position
                hit = (offsets[:, 0] <= start) & (offsets[:, 1] > start)
            if hit.any():
                out[row] = pieces[hit].mean(axis=0)
        return out

    def _features(self, messages: Sequence[Message], attribute: Text) -> List[Tuple[np.ndarray, np.ndarray]]:
        texts = [message.get(attribute) for message in messages]
        sentences, token_vectors, encodings = self.encoder.encode_full(texts)
        features = []
        for message, sentence, vectors, encoding in zip(messages, sentences, token_vectors, encodings):
            sequence = self._align(encoding, vectors, self._token_spans(message, attribute))
            if self.pooling == MAX_POOLING:
                sentence = vectors.max(axis=0)
            features.append((sequence, np.array(sentence, dtype=np.float32).reshape(1, -1)))
        return features

    def _featurize(self, messages: Sequence[Message], attribute: Text) -> None:
        for start in range(0, len(messages), self.batch_size):
            batch = messages[start: start + self.batch_size]
            for message, (sequence, sentence) in zip(batch, self._features(batch, attribute)):
                self.add_features_to_message(sequence=sequence, sentence=sentence,
                                             attribute=attribute, message=message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [m for m in training_data.training_examples if m.get(TEXT)]
        self._featurize(examples, TEXT)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize([m for m in messages if m.get(TEXT)], TEXT)
        return messages
