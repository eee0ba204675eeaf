"""all-MiniLM-L6-v2 in numpy: its BERT WordPiece tokenizer in pure Python and its 6-layer
BERT forward pass, with the mean pooling and L2 normalisation it was trained with.

No torch, no transformers, nothing downloaded: the three files it reads (model.safetensors,
tokenizer.json, config.json) are put in place by components/encoder_assets.py.
"""
from __future__ import annotations

import json
import math
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

try:  # scipy is in the venv (Rasa needs it); math.erf is the fallback
    from scipy.special import erf as _erf
except ImportError:  # pragma: no cover
    _erf = np.vectorize(math.erf, otypes=[np.float32])

MAX_LENGTH = 128


# ---------------------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------------------

def _is_whitespace(char: str) -> bool:
    if char in " \t\n\r":
        return True
    return unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char).startswith("C")


def _is_punctuation(char: str) -> bool:
    cp = ord(char)
    # ASCII symbols such as $ ^ ` are not Unicode punctuation, but BERT splits them too.
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_chinese_char(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


@dataclass(frozen=True)
class Encoding:
    """One text's tokens: ids, wordpiece strings, and for each the [start, end) character
    span in the original text it came from ((0, 0) for [CLS] and [SEP])."""

    ids: Tuple[int, ...]
    tokens: Tuple[str, ...]
    offsets: Tuple[Tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.ids)


class WordPieceTokenizer:
    """BERT's uncased tokenizer as tokenizer.json describes it (BertNormalizer with
    clean_text, handle_chinese_chars, lowercase and so strip_accents; BertPreTokenizer;
    WordPiece with "##" and max_input_chars_per_word; [CLS] A [SEP]; truncation to 128)."""

    def __init__(self, vocab: Dict[str, int], *, unk_token: str = "[UNK]", prefix: str = "##",
                 max_input_chars_per_word: int = 100, max_length: int = MAX_LENGTH,
                 lowercase: bool = True, strip_accents: Optional[bool] = None,
                 clean_text: bool = True, handle_chinese_chars: bool = True) -> None:
        self.vocab = vocab
        self.unk_token = unk_token
        self.unk_id = vocab[unk_token]
        self.cls_id = vocab["[CLS]"]
        self.sep_id = vocab["[SEP]"]
        self.pad_id = vocab.get("[PAD]", 0)
        self.prefix = prefix
        self.max_input_chars_per_word = max_input_chars_per_word
        self.max_length = max_length
        self.lowercase = lowercase
        # As in HF tokenizers: strip_accents null means "whatever lowercase is".
        self.strip_accents = lowercase if strip_accents is None else strip_accents
        self.clean_text = clean_text
        self.handle_chinese_chars = handle_chinese_chars

    @classmethod
    def from_file(cls, path: Path | str, max_length: int = MAX_LENGTH) -> "WordPieceTokenizer":
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        model = spec["model"]
        if model.get("type") != "WordPiece":
            raise ValueError(f"{path}: expected a WordPiece model, found {model.get('type')}")
        normalizer = spec.get("normalizer") or {}
        truncation = spec.get("truncation") or {}
        return cls(
            model["vocab"],
            unk_token=model.get("unk_token", "[UNK]"),
            prefix=model.get("continuing_subword_prefix", "##"),
            max_input_chars_per_word=model.get("max_input_chars_per_word", 100),
            max_length=min(max_length, truncation.get("max_length", max_length)),
            lowercase=normalizer.get("lowercase", True),
            strip_accents=normalizer.get("strip_accents"),
            clean_text=normalizer.get("clean_text", True),
            handle_chinese_chars=normalizer.get("handle_chinese_chars", True),
        )

    def _normalize(self, text: str) -> List[Tuple[str, int]]:
        """The normalized text as (char, index of the original char it came from)."""
        out: List[Tuple[str, int]] = []
        for index, char in enumerate(text):
            cp = ord(char)
            if self.clean_text:
                if cp == 0 or cp == 0xFFFD or _is_control(char):
                    continue
                if _is_whitespace(char):
                    out.append((" ", index))
                    continue
            if self.handle_chinese_chars and _is_chinese_char(cp):
                out.extend(((" ", index), (char, index), (" ", index)))
                continue
            pieces = unicodedata.normalize("NFD", char) if self.strip_accents else char
            for piece in pieces:
                if self.strip_accents and unicodedata.category(piece) == "Mn":
                    continue
                for lowered in (piece.lower() if self.lowercase else piece):
                    out.append((lowered, index))
        return out

    @staticmethod
    def _pre_tokenize(chars: List[Tuple[str, int]]) -> List[List[Tuple[str, int]]]:
        """Splits on whitespace (dropped) and punctuation (each its own word)."""
        words: List[List[Tuple[str, int]]] = []
        current: List[Tuple[str, int]] = []
        for item in chars:
            char = item[0]
            if _is_whitespace(char):
                if current:
                    words.append(current)
                    current = []
            elif _is_punctuation(char):
                if current:
                    words.append(current)
                    current = []
                words.append([item])
            else:
                current.append(item)
        if current:
            words.append(current)
        return words

    def _wordpiece(self, word: List[Tuple[str, int]]) -> List[Tuple[str, int, int, int]]:
        """(piece, id, start, end) for one word, greedy longest match first."""
        text = "".join(c for c, _ in word)
        start_of = lambda i: word[i][1]  # noqa: E731
        end_of = lambda i: word[i - 1][1] + 1  # noqa: E731
        if len(text) > self.max_input_chars_per_word:
            return [(self.unk_token, self.unk_id, start_of(0), end_of(len(word)))]
        pieces = []
        start = 0
        while start < len(text):
            end = len(text)
            found = None
            while start < end:
                candidate = text[start:end]
                if start > 0:
                    candidate = self.prefix + candidate
                token_id = self.vocab.get(candidate)
                if token_id is not None:
                    found = (candidate, token_id, start_of(start), end_of(end))
                    break
                end -= 1
            if found is None:
                return [(self.unk_token, self.unk_id, start_of(0), end_of(len(word)))]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text: str) -> Encoding:
        pieces: List[Tuple[str, int, int, int]] = []
        budget = self.max_length - 2
        for word in self._pre_tokenize(self._normalize(text)):
            pieces.extend(self._wordpiece(word))
            if len(pieces) >= budget:
                pieces = pieces[:budget]
                break
        tokens = ("[CLS]",) + tuple(p[0] for p in pieces) + ("[SEP]",)
        ids = (self.cls_id,) + tuple(p[1] for p in pieces) + (self.sep_id,)
        offsets = ((0, 0),) + tuple((p[2], p[3]) for p in pieces) + ((0, 0),)
        return Encoding(ids, tokens, offsets)

    def tokenize(self, text: str) -> List[str]:
        """The wordpieces of `text`, without [CLS] and [SEP]."""
        return list(self.encode(text).tokens[1:-1])


# ---------------------------------------------------------------------------------------
# Weights
# ---------------------------------------------------------------------------------------

def load_weights(path: Path | str) -> Dict[str, np.ndarray]:
    """The safetensors file's tensors as contiguous float32 arrays, names without a
    leading "bert." (checkpoints saved from BertForX carry it)."""
    from safetensors.numpy import load_file

    weights = {}
    for name, array in load_file(str(path)).items():
        if name.startswith("bert."):
            name = name[len("bert."):]
        if array.dtype.kind == "f":
            array = np.ascontiguousarray(array, dtype=np.float32)
        weights[name] = array
    return weights


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, as BERT's "gelu": x * Phi(x) with erf."""
    return (0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))).astype(np.float32, copy=False)


@dataclass
class _Layer:
    qkv_w: np.ndarray  # [hidden, 3*hidden], query|key|value, already transposed
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    inter_w: np.ndarray
    inter_b: np.ndarray
    output_w: np.ndarray
    output_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from a folder holding model.safetensors, tokenizer.json and
    config.json.

    `encode(texts)` gives (sentence_vectors [n, 384] float32, mean-pooled over the tokens
    and L2-normalised, as sentence-transformers gives them; token_vectors, a list of n
    arrays [len(encoding), 384] of the last layer's output, one row per token of
    `self.encode_tokens(text)` including [CLS] and [SEP]).

    Texts are run `batch_size` at a time, shortest first. The last `cache_size` distinct
    texts are kept (LRU) and not computed again; the arrays handed out are shared with
    that cache, so they are read-only."""

    FILES = ("model.safetensors", "tokenizer.json", "config.json")

    def __init__(self, path: Path | str, *, batch_size: int = 64, cache_size: int = 1024,
                 max_length: int = MAX_LENGTH) -> None:
        self.path = Path(path)
        missing = [name for name in self.FILES if not (self.path / name).is_file()]
        if missing:
            raise FileNotFoundError(f"{self.path} lacks {', '.join(missing)}")
        config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.head_dim = self.hidden // self.heads
        self.n_layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"unsupported hidden_act {config.get('hidden_act')}")
        max_length = min(max_length, int(config.get("max_position_embeddings", 512)))
        self.tokenizer = WordPieceTokenizer.from_file(self.path / "tokenizer.json", max_length=max_length)
        self.batch_size = max(1, int(batch_size))

        w = load_weights(self.path / "model.safetensors")
        self.word_embeddings = w["embeddings.word_embeddings.weight"]
        self.position_embeddings = w["embeddings.position_embeddings.weight"]
        # token_type_ids are always 0 for single sentences.
        self.token_type_0 = np.ascontiguousarray(w["embeddings.token_type_embeddings.weight"][0])
        self.emb_ln_g = w["embeddings.LayerNorm.weight"]
        self.emb_ln_b = w["embeddings.LayerNorm.bias"]
        self.layers: List[_Layer] = []
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."
            t = lambda name: np.ascontiguousarray(w[p + name].T)  # noqa: E731
            self.layers.append(_Layer(
                qkv_w=np.ascontiguousarray(np.concatenate(
                    [w[p + f"attention.self.{k}.weight"].T for k in ("query", "key", "value")], axis=1)),
                qkv_b=np.concatenate([w[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")]),
                out_w=t("attention.output.dense.weight"),
                out_b=w[p + "attention.output.dense.bias"],
                ln1_g=w[p + "attention.output.LayerNorm.weight"],
                ln1_b=w[p + "attention.output.LayerNorm.bias"],
                inter_w=t("intermediate.dense.weight"),
                inter_b=w[p + "intermediate.dense.bias"],
                output_w=t("output.dense.weight"),
                output_b=w[p + "output.dense.bias"],
                ln2_g=w[p + "output.LayerNorm.weight"],
                ln2_b=w[p + "output.LayerNorm.bias"],
            ))
        if self.word_embeddings.shape[1] != self.hidden:
            raise ValueError("config.json and model.safetensors disagree on hidden_size")

        self._cache: "OrderedDict[str, Tuple[np.ndarray, np.ndarray, Encoding]]" = OrderedDict()
        self._cache_size = int(cache_size)
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self.hidden

    def encode_tokens(self, text: str) -> Encoding:
        return self.tokenizer.encode(text)

    def _forward(self, encodings: Sequence[Encoding]) -> List[np.ndarray]:
        """The last layer's output [len(e), hidden] for each encoding, run as one batch.

        The batch is padded to its longest encoding for self-attention, where the padding
        is masked out; the dense layers, LayerNorms and GELU (which treat each token on its
        own) run on the real tokens only, so padding costs nothing there."""
        batch = len(encodings)
        length = max(len(e) for e in encodings)
        lengths = [len(e) for e in encodings]
        ids = np.full((batch, length), self.tokenizer.pad_id, dtype=np.int64)
        mask = np.zeros((batch, length), dtype=bool)
        for row, encoding in enumerate(encodings):
            ids[row, : lengths[row]] = encoding.ids
            mask[row, : lengths[row]] = True
        real = np.flatnonzero(mask.reshape(-1))  # positions of real tokens in [B*L]
        positions = np.tile(np.arange(length), batch)[real]

        # [N, H] for the N real tokens: embeddings, then LayerNorm.
        x = self.word_embeddings[ids.reshape(-1)[real]] + self.position_embeddings[positions]
        x += self.token_type_0
        x = _layer_norm(x, self.emb_ln_g, self.emb_ln_b, self.eps)
        # Padding gets no attention; the most negative float32, as transformers uses.
        bias = np.where(mask, np.float32(0.0), np.finfo(np.float32).min).astype(np.float32)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(self.head_dim))
        h, d, hidden = self.heads, self.head_dim, self.hidden
        padded = np.zeros((batch * length, 3 * hidden), dtype=np.float32)
        for layer in self.layers:
            qkv = x @ layer.qkv_w
            qkv += layer.qkv_b
            padded[real] = qkv
            heads = padded.reshape(batch, length, 3, h, d).transpose(2, 0, 3, 1, 4)  # [3, B, h, L, d]
            q = np.ascontiguousarray(heads[0])
            q *= scale
            k = np.ascontiguousarray(heads[1])
            v = np.ascontiguousarray(heads[2])
            scores = q @ k.transpose(0, 1, 3, 2)  # [B, h, L, L]
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)[real]
            attended = context @ layer.out_w
            attended += layer.out_b
            attended += x
            x = _layer_norm(attended, layer.ln1_g, layer.ln1_b, self.eps)
            inner = x @ layer.inter_w
            inner += layer.inter_b
            inner = _gelu(inner)
            out = inner @ layer.output_w
            out += layer.output_b
            out += x
            x = _layer_norm(out, layer.ln2_g, layer.ln2_b, self.eps)
        x = x.astype(np.float32, copy=False)
        return np.split(x, np.cumsum(lengths)[:-1])

    def _compute(self, texts: Sequence[str]) -> List[Tuple[np.ndarray, np.ndarray, Encoding]]:
        encodings = [self.tokenizer.encode(t) for t in texts]
        results: List[Optional[Tuple[np.ndarray, np.ndarray, Encoding]]] = [None] * len(texts)
        # Similar lengths together, so that attention pads little.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start: start + self.batch_size]
            hidden = self._forward([encodings[i] for i in rows])
            for j, i in enumerate(rows):
                tokens = np.ascontiguousarray(hidden[j])
                pooled = tokens.mean(axis=0)
                pooled /= max(float(np.linalg.norm(pooled)), 1e-12)
                # Shared through the cache: nobody may change them in place.
                tokens.setflags(write=False)
                pooled.setflags(write=False)
                results[i] = (pooled, tokens, encodings[i])
        return results  # type: ignore[return-value]

    def encode_full(self, texts: Sequence[str]) -> Tuple[np.ndarray, List[np.ndarray], List[Encoding]]:
        """As `encode`, with each text's Encoding (its tokens and their character offsets)."""
        if isinstance(texts, str):
            raise TypeError("encode takes a list of texts, not one string")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.hidden), dtype=np.float32), [], []
        found: Dict[str, Tuple[np.ndarray, np.ndarray, Encoding]] = {}
        with self._lock:
            for text in texts:
                if text not in found and text in self._cache:
                    self._cache.move_to_end(text)
                    found[text] = self._cache[text]
        todo = list(dict.fromkeys(t for t in texts if t not in found))
        if todo:
            computed = self._compute(todo)
            with self._lock:
                for text, result in zip(todo, computed):
                    found[text] = result
                    if self._cache_size > 0:
                        self._cache[text] = result
                        self._cache.move_to_end(text)
                        while len(self._cache) > self._cache_size:
                            self._cache.popitem(last=False)
        entries = [found[t] for t in texts]
        sentences = np.stack([e[0] for e in entries]).astype(np.float32)
        return sentences, [e[1] for e in entries], [e[2] for e in entries]

    def encode(self, texts: Sequence[str]) -> Tuple[np.ndarray, List[np.ndarray]]:
        """(sentence_vectors [n, 384], token_vectors [len_i, 384] each) for `texts`;
        texts seen lately come from an LRU cache."""
        sentences, tokens, _ = self.encode_full(texts)
        return sentences, tokens

    def cache_clear(self) -> None:
        with self._lock:
            self._cache.clear()
