"""One real stack for every fault test, with parts a test can stop and start.

The Rasa server, outbox worker and console come from `python -m concerns.run` as usual. The
action server runs as its own process (START_ACTION_SERVER=false, then `concerns.run --only
actions`) so a test can kill it alone. The SMTP server is aiosmtpd on a fixed loopback
port, so it can be stopped and started again on the same port. The cases database lives
in its own folder, so a test can take that folder away, as when a disk or share is lost.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, Inbox, free_port
from tests.integration.stack import Stack

# Term time, school hours: no out-of-hours notes in the answers.
NOW = "2026-11-25T10:00:00"
# Every personal detail the conversations below type, to look for in the logs.
PERSONAL = ("Kim Hall", "Ruby", "07700 900123", "nobody has told me anything", "keeps hitting him",
            "mums boyfriend", "Jo Baxter", "jo.baxter@example.org")


class Faults:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.inbox = Inbox()
        self.smtp_port = free_port()
        self.action_port = free_port()
        self.cases_dir = tmp / "cases"
        self.cases_dir.mkdir()
        self.database_url = f"sqlite:///{self.cases_dir / 'cases.db'}"
        self.mail = None
        self.actions: subprocess.Popen | None = None
        self.stack: Stack | None = None
        self.starts = 0

    # -- SMTP -------------------------------------------------------------------------
    def start_mail(self) -> None:
        from aiosmtpd.controller import Controller

        self.mail = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
        self.mail.start()

    def stop_mail(self) -> None:
        self.mail.stop()
        self.mail = None

    # -- the Rasa server, outbox worker and console -----------------------------------
    def start_stack(self) -> Stack:
        self.starts += 1
        self.stack = Stack(self.tmp, self.smtp_port, now=NOW, database_url=self.database_url,
                           log_name=f"stack-{self.starts}.log",
                           extra_env={"DATABASE_URL": self.database_url, "START_ACTION_SERVER": "false",
                                      "ACTION_PORT": str(self.action_port)})
        return self.stack.__enter__()

    def stop_stack(self) -> None:
        self.stack.__exit__(None, None, None)
        self.stack = None

    # -- the action server ------------------------------------------------------------
    def start_actions(self) -> None:
        with open(self.tmp / "actions.log", "ab") as log:
            self.actions = subprocess.Popen([sys.executable, "-m", "concerns.run", "--only", "actions"], cwd=ROOT,
                                            env=self.stack.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.actions.poll() is None, "the action server stopped while starting"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.action_port}/health", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise AssertionError("the action server did not start")

    def kill_actions(self) -> None:
        """As if it crashed: no chance to finish anything."""
        os.killpg(self.actions.pid, signal.SIGKILL)
        self.actions.wait(timeout=10)
        self.actions = None

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.tmp.glob("*.log")))


@pytest.fixture(scope="package")
def faults(tmp_path_factory):
    harness = Faults(tmp_path_factory.mktemp("faults"))
    harness.start_mail()
    try:
        harness.start_stack()
        harness.start_actions()
        yield harness
    finally:
        if harness.actions is not None:
            os.killpg(harness.actions.pid, signal.SIGTERM)
            harness.actions.wait(timeout=15)
        if harness.stack is not None:
            harness.stop_stack()
        if harness.mail is not None:
            harness.stop_mail()
