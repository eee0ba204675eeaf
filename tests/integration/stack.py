"""Starts the real stack (`python -m concerns.run`: Rasa server, action server, outbox
worker) on free loopback ports for a test, and talks to it over the REST channel."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from console.rasa_api import rasa_api_headers
from tests.conftest import ROOT, free_port


class Stack:
    def __init__(self, tmp: Path, smtp_port: int, now: str, extra_env: dict[str, str] | None = None,
                 database_url: str | None = None, log_name: str = "stack.log"):
        self.rasa_port, self.action_port, self.console_port = free_port(), free_port(), free_port()
        self.jwt_secret = "test-jwt-secret-" + os.urandom(16).hex()
        self.database_url = database_url or f"sqlite:///{tmp / 'cases.db'}"
        self.env = dict(os.environ)
        self.env.update({
            "RASA_PORT": str(self.rasa_port), "ACTION_PORT": str(self.action_port),
            "CONSOLE_PORT": str(self.console_port), "WEBCHAT_SESSION_SECRET": "test-secret-" + os.urandom(8).hex(),
            "RASA_JWT_SECRET": self.jwt_secret, "DATABASE_URL": self.database_url,
            "TRACKER_DB": str(tmp / "tracker.db"), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
            "CONCERNS_NOW": now, "MAIL_DIR": str(tmp / "mail"),
        })
        for inherited in ("ACTION_ENDPOINT_URL", "WEBCHAT_ALLOWED_ORIGINS", "CHAT_SERVER_URL"):
            self.env.pop(inherited, None)
        self.env.update(extra_env or {})
        self.log = open(tmp / log_name, "wb")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Stack":
        self.process = subprocess.Popen([sys.executable, "-m", "concerns.run"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"stack stopped: {self.read_log()[-3000:]}")
            if b"assistant is ready" in Path(self.log.name).read_bytes():
                return self
            time.sleep(1)
        raise RuntimeError(f"stack did not start: {self.read_log()[-3000:]}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # what Ctrl-C does
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.console_port}"

    def read_log(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def say(self, sender: str, text: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"[]")

    def conversation_path(self, sender: str) -> str:
        """The console's address of this sender's conversation (its opaque id), as a case page
        or the hand-off list links it."""
        from concerns.store import CaseStore

        return "/conversations/" + CaseStore(self.database_url).conversation_id_for(sender)

    def tracker(self, sender: str) -> dict:
        request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/conversations/{sender}/tracker",
                                         headers=rasa_api_headers(self.jwt_secret))
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


@contextmanager
def stack_with_mail(tmp: Path, now: str = "2026-11-25T10:00:00", extra_env: dict[str, str] | None = None):
    """The real stack beside a real SMTP server on loopback: yields (stack, inbox)."""
    from aiosmtpd.controller import Controller

    from tests.conftest import Inbox

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with Stack(tmp, port, now=now, extra_env=extra_env) as stack:
            yield stack, inbox
    finally:
        controller.stop()
