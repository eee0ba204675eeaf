"""The Rasa server takes its API secret from the environment only: started with the API and
no RASA_JWT_SECRET, or with a credential on its command line, it refuses to start."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _start(arguments: list[str], secret: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "RASA_JWT_SECRET"}
    if secret is not None:
        env["RASA_JWT_SECRET"] = secret
    env["RASA_TELEMETRY_ENABLED"] = "false"
    # No model exists at this path: a server that got past the check would fail on it instead.
    command = [sys.executable, "-m", "channels.rasa_server", "run", "--enable-api", "--model", "no-such-model.tar.gz",
               *arguments]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("arguments, secret", [
    ([], None),
    (["--auth-token", "on-the-command-line"], "from-the-environment-" + "x" * 32),
    (["--jwt-secret", "on-the-command-line"], "from-the-environment-" + "x" * 32),
], ids=["no secret", "auth token on the command line", "jwt secret on the command line"])
def test_the_api_does_not_start_without_its_secret_from_the_environment(arguments, secret):
    started = _start(arguments, secret)
    assert started.returncode != 0
    assert "needs RASA_JWT_SECRET in the environment" in started.stderr
