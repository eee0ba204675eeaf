"""Shared test fixtures: the tests' school profile, real database files, a real SMTP server."""
from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from concerns.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
# The tests' own profile, with its own calendar (tests/fixtures/school.yml says why), for the
# tests and every process they start: the stack, the console, the admin tool.
PROFILE_PATH = ROOT / "tests" / "fixtures" / "school.yml"
PRODUCTION_PROFILE = ROOT / "school" / "oakley_cross.yml"
os.environ["SCHOOL_PROFILE"] = str(PROFILE_PATH)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def profile():
    return load_profile(PROFILE_PATH)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cases.db'}"


def _postgres_available() -> bool:
    try:
        import psycopg2

        psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


@pytest.fixture
def postgres_url():
    """A fresh PostgreSQL database on this machine, dropped afterwards."""
    import os

    import psycopg2

    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432")
        pytest.skip("PostgreSQL is not running here")
    name = f"concerns_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.cursor().execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A migrated case store on a real SQLite file, then on a fresh PostgreSQL database."""
    from concerns.store import CaseStore

    url = (f"sqlite:///{tmp_path / 'cases.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    case_store = CaseStore(url)
    case_store.migrate()
    yield case_store
    # PostgreSQL's database is dropped after the test: its connections must be closed first.
    case_store.engine.dispose()


class Inbox:
    """An aiosmtpd handler that keeps what it receives, for assertions."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import email

        message = email.message_from_bytes(envelope.original_content)
        self.messages.append({"to": list(envelope.rcpt_tos), "subject": message["Subject"],
                              "message_id": message["Message-ID"],
                              "body": message.get_payload(decode=True).decode()})
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback: yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()
