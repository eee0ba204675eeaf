"""deploy/ matches the code: the units start processes that exist, the example settings
name a lock store Rasa can load, and `concerns.run --only` runs one process for real."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from concerns.run import process_commands, stack_environment
from concerns.settings import Settings
from concerns.store import CaseStore
from tests.conftest import ROOT
from tests.unit.test_store import _new_case, _two_emails

DEPLOY = ROOT / "deploy"


def _example_settings() -> dict[str, str]:
    lines = (DEPLOY / "concerns.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_every_unit_starts_a_process_the_stack_has():
    known = process_commands(stack_environment(Settings(), {"RASA_TOKEN": "x", "WEBCHAT_SESSION_SECRET": "x"}))
    started = {}
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text()
        assert "EnvironmentFile=/etc/concerns/concerns.env" in text, unit.name
        for process in re.findall(r"--only (\w+)", text):
            assert process in known, unit.name
            started[process] = unit.name
    assert started == {"rasa": "concerns-rasa@.service", "actions": "concerns-actions@.service",
                       "outbox": "concerns-outbox.service", "console": "concerns-console.service"}


def test_the_example_settings_name_the_safe_lock_store():
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    from deploy.lock_store import AtomicRedisLockStore

    settings = _example_settings()
    config = EndpointConfig(url="127.0.0.1", type=settings["LOCK_STORE_TYPE"], port="6379", db="1",
                            key_prefix=settings["LOCK_STORE_KEY_PREFIX"])
    store = LockStore.create(config)  # how Rasa builds it from endpoints.yml
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == f"{settings['LOCK_STORE_KEY_PREFIX']}:lock:"


def test_only_runs_one_process_with_the_stack_settings(tmp_path, smtp_server):
    port, inbox = smtp_server
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    store = CaseStore(url)
    store.migrate()
    store.file_case(_new_case(), "OC", _two_emails)
    env = dict(os.environ, DATABASE_URL=url, SMTP_HOST="127.0.0.1", SMTP_PORT=str(port),
               RASA_TOKEN="unused", WEBCHAT_SESSION_SECRET="unused")
    worker = subprocess.Popen([sys.executable, "-m", "concerns.run", "--only", "outbox"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while len(inbox.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=15)[0].decode(errors="replace")
    assert len(inbox.messages) == 2, output
    assert store.pending_count() == 0


def test_only_refuses_a_process_it_does_not_know():
    result = subprocess.run([sys.executable, "-m", "concerns.run", "--only", "rasa-server"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, RASA_TOKEN="unused", WEBCHAT_SESSION_SECRET="unused"))
    assert result.returncode == 2
    assert "choose from" in result.stderr and "rasa" in result.stderr
