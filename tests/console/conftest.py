"""A real console server on loopback, over a real database file with staff and cases."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pyotp
import pytest
import requests
from sqlalchemy import select, update

from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.staff import StaffStore, needs_second_factor
from concerns.store import CaseStore
from concerns.tables import staff
from tests.conftest import ROOT, Inbox, free_port

PASSWORD = "correct horse battery staple"
# One case per row of the routing table that a console user could see.
CASES = {
    "concern": Intake("concern_child", "web", "parent-concern", child_name="Ruby", child_class="year 3",
                      parent_name="Kim", contact="07700 900123", account="she is not sleeping"),
    "bullying": Intake("report_bullying", "web", "parent-bullying", child_name="Kai", child_class="year 3",
                       parent_name="Lou", contact="07700 900111", account="pushed over every day"),
    "complaint_bell": Intake("complain_staff", "web", "parent-bell", subject_name="Mr Bell", parent_name="Sam",
                             contact="sam@example.org", account="he shouted at my son"),
    "complaint_school": Intake("complain_school", "rest", "parent-school", parent_name="Jo", contact="jo@example.org",
                               account="letters always come late"),
    "complaint_head": Intake("complain_headteacher", "facebook", "parent-head", parent_name="Ali",
                             contact="ali@example.org", account="she ignores my emails"),
    "complaint_chair": Intake("complain_governor", "web", "parent-chair", subject_name="the chair, mr hughes",
                              parent_name="Pat", contact="pat@example.org", account="rude at the fair"),
    "cyberbullying": Intake("report_cyberbullying", "web", "parent-cyber", parent_name="Mel", contact="mel@example.org",
                            account="a snapchat group laughing at her"),
    "safeguarding": Intake("safeguarding_child", "web", "parent-safe", parent_name="Chris", contact="07700 900333",
                           account="she is scared to go home"),
    "allegation_head": Intake("staff_allegation", "web", "parent-alleg", subject_name="Mrs Carter",
                              parent_name="Dee", contact="dee@example.org", account="the head grabbed him"),
    "handoff": Intake("ask_human", "web", "parent-handoff", parent_name="Viv", contact="viv@example.org",
                      account="<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> hello"),
}


@pytest.fixture(scope="session")
def console(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("console")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'cases.db'}", "CONCERNS_NOW": "2026-11-25T10:00:00"}
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    try:
        core = Core(Settings(database_url=env["DATABASE_URL"], clock_override="2026-11-25T10:00:00"))
    finally:
        os.environ.pop("DATABASE_URL", None)
    people = StaffStore(core.store)
    add_every_account(people, core.profile)
    references = {key: core.file(intake)["reference"] for key, intake in CASES.items()}
    url, process = start_console(env)
    DATABASES[url] = env["DATABASE_URL"]
    yield {"url": url, "core": core, "people": people, "refs": references}
    stop_console(process)


def add_every_account(people: StaffStore, profile) -> None:
    """An account for everyone in the profile, with one-time codes for the roles that need them."""
    for member in profile.staff:
        people.add(member.email, member.name, member.role, PASSWORD)
        if needs_second_factor(member.role):
            people.enable_totp(member.email)


def start_console(env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """A console process on a free port with this environment; its URL once it answers."""
    port = free_port()
    env = {**env, "CONSOLE_PORT": str(port), "RASA_JWT_SECRET": "unused", "RASA_PORT": str(free_port())}
    process = subprocess.Popen([sys.executable, "-m", "console.app"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/health", timeout=2)
            return url, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(process.stderr.read().decode()[-3000:])
            time.sleep(0.3)


def stop_console(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


# Which database each console started here uses, so sign_in can make one-time codes.
DATABASES: dict[str, str] = {}


def usable_code(database_url: str, email: str) -> str:
    """A one-time code the console accepts for this account now, or "" if the account has no
    codes. A code works once, and tests sign in as one person many times a minute, so the
    account's memory of the last code used is cleared first (the tests of that memory do not
    call this)."""
    engine = CaseStore(database_url).engine
    with engine.begin() as connection:
        secret = connection.execute(select(staff.c.totp_secret).where(staff.c.email == email.lower())).scalar()
        connection.execute(update(staff).where(staff.c.email == email.lower()).values(totp_last_step=None))
    engine.dispose()
    return pyotp.TOTP(secret).now() if secret else ""


def sign_in(url: str, email: str, password: str = PASSWORD, code: str | None = None,
            headers: dict[str, str] | None = None) -> requests.Session:
    """Signed in through the form; with the account's one-time code unless `code` is given."""
    session = requests.Session()
    if code is None:
        code = usable_code(DATABASES[url], email)
    reply = session.post(url + "/sign-in", data={"email": email, "password": password, "code": code},
                         headers=headers, allow_redirects=False)
    assert reply.status_code == 302, (email, reply.status_code, reply.text[:300])
    return session


def csrf_of(session: requests.Session, url: str, page: str) -> str:
    import re

    html = session.get(url + page).text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@contextmanager
def staff_mail(database_url: str):
    """A real SMTP server on loopback, and the outbox worker (`python -m concerns.worker`)
    sending this database's mail to it: yields the server's inbox."""
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    worker = subprocess.Popen([sys.executable, "-m", "concerns.worker"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "DATABASE_URL": database_url,
                                                              "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)})
    try:
        yield inbox
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        controller.stop()


def mail_to(inbox: Inbox, recipient: str, count: int = 1, timeout: float = 60) -> list[dict]:
    """The first `count` messages the inbox receives for `recipient`, waiting for them."""
    deadline = time.monotonic() + timeout
    while True:
        received = [m for m in inbox.messages if recipient in m["to"]]
        if len(received) >= count:
            return received[:count]
        assert time.monotonic() < deadline, f"no mail for {recipient} within {timeout} s"
        time.sleep(0.2)
