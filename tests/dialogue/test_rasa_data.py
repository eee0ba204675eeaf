"""Rasa's own checks, run on the trained model: data validation and the test stories."""
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "current.tar.gz"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}


def _rasa(*args, timeout=900):
    return subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)


def test_training_data_validates_with_no_warnings():
    result = _rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_test_story_is_predicted_exactly(tmp_path):
    result = _rasa("test", "core", "--stories", "tests/test_stories.yml", "--model", str(MODEL),
                   "--out", str(tmp_path), "--fail-on-prediction-errors")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    assert report["conversation_accuracy"]["accuracy"] == 1.0
    assert report["conversation_accuracy"]["total"] >= 20
