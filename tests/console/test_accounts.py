"""Accounts follow the school profile, and the admin tool can stop them (issue 12, items 3-4).

A console of its own, on its own database and its own copy of the profile, which these tests
edit as a school would: a demotion, a promotion to a safeguarding role, a leaver. Also
`staff disable`, `staff sign-out`, API tokens that expire and are revoked, one-time codes that
work once, and a stranger who fails at the DSL's password without locking her out.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.staff import MAX_DELAY, StaffStore
from tests.conftest import ROOT
from tests.console.conftest import (DATABASES, PASSWORD, add_every_account, start_console, stop_console, sign_in,
                                    usable_code)

DSL = "dsl@oakleycross.example.org"
# People added to this copy of the profile, so the school's own roles stay filled when they change.
DANA, SAM, LEE = "dana.reed@oakleycross.example.org", "sam.temp@oakleycross.example.org", \
    "lee.gone@oakleycross.example.org"
EXTRA_STAFF = f"""  - role: deputy_dsl
    name: Ms Dana Reed
    email: {DANA}
  - role: office
    name: Mr Sam Temp
    email: {SAM}
  - role: office
    name: Mr Lee Gone
    email: {LEE}
"""


class Profile:
    """The console's profile file, edited in place as the school would edit it."""

    def __init__(self, path: Path):
        self.path = path
        self.original = path.read_text(encoding="utf-8")

    def write(self, text: str) -> None:
        # A new file each time (a new inode): the console notices however soon the next edit comes.
        staged = self.path.with_suffix(".new")
        staged.write_text(text, encoding="utf-8")
        os.replace(staged, self.path)

    def change(self, old: str, new: str) -> None:
        assert self.original.count(old) == 1, old
        self.write(self.original.replace(old, new))

    def restore(self) -> None:
        self.write(self.original)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("accounts")
    profile_path = tmp / "school.yml"
    profile_path.write_text((ROOT / "school" / "oakley_cross.yml").read_text(encoding="utf-8").replace(
        "\n# Each class names its teacher", EXTRA_STAFF + "\n# Each class names its teacher", 1), encoding="utf-8")
    database_url = f"sqlite:///{tmp / 'cases.db'}"
    env = {**os.environ, "DATABASE_URL": database_url, "SCHOOL_PROFILE": str(profile_path),
           "CONCERNS_NOW": "2026-11-25T10:00:00", "CONSOLE_TRUSTED_PROXIES": "1"}
    core = Core(Settings(school_profile=profile_path, database_url=database_url,
                         clock_override="2026-11-25T10:00:00"))
    people = StaffStore(core.store)
    add_every_account(people, core.profile)
    safeguarding = core.file(Intake("safeguarding_child", "web", "accounts-safe", parent_name="Chris",
                                    contact="07700 900333", account="she is scared to go home"))["reference"]
    handoff = core.file(Intake("ask_human", "web", "accounts-handoff", parent_name="Viv", contact="viv@example.org",
                               account="can someone call me"))["reference"]
    url, process = start_console(env)
    DATABASES[url] = database_url
    profile = Profile(profile_path)
    yield {"url": url, "core": core, "people": people, "profile": profile, "env": env,
           "safeguarding": safeguarding, "handoff": handoff}
    profile.restore()
    stop_console(process)


@pytest.fixture
def profile(school):
    yield school["profile"]
    school["profile"].restore()


def cli(school, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "concerns.cli", *args], cwd=ROOT, env=school["env"],
                          capture_output=True, text=True, timeout=120)


def signed_out(session: requests.Session, url: str) -> bool:
    reply = session.get(url + "/cases", allow_redirects=False)
    assert reply.status_code in (200, 302), reply.status_code
    return reply.status_code == 302 and reply.headers["Location"].endswith("/sign-in")


def audit_actions(school) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from concerns.tables import audit
    with school["core"].store.engine.connect() as connection:
        return [(r.actor, r.action, r.detail) for r in connection.execute(
            select(audit).where(audit.c.case_id.is_(None)).order_by(audit.c.id))]


def from_address(address: str) -> dict[str, str]:
    """As the trusted proxy in front of the console would pass on a request from `address`."""
    return {"X-Forwarded-For": address}


# -- the profile, at every request ------------------------------------------------------
def test_a_demotion_in_the_profile_takes_effect_at_the_next_request(school, profile):
    url, case = school["url"], f"/cases/{school['safeguarding']}"
    dana = sign_in(url, DANA, headers=from_address("198.51.100.1"))
    token = school["people"].add_api_token("dana-records", DANA)
    api = {"Authorization": f"Bearer {token}"}
    assert dana.get(url + case).status_code == 200
    assert school["safeguarding"] in {c["reference"] for c in requests.get(url + "/api/cases", headers=api).json()[
        "cases"]}
    profile.change("  - role: deputy_dsl\n    name: Ms Dana Reed", "  - role: class_teacher\n    name: Ms Dana Reed")
    assert dana.get(url + case).status_code == 404
    assert school["safeguarding"] not in {c["reference"] for c in requests.get(
        url + "/api/cases", headers=api).json()["cases"]}


def test_a_promotion_to_a_safeguarding_role_needs_a_one_time_code(school, profile):
    url = school["url"]
    sam = sign_in(url, SAM, headers=from_address("198.51.100.2"))  # office: no codes
    assert sam.get(url + f"/cases/{school['handoff']}").status_code == 200
    profile.change("  - role: office\n    name: Mr Sam Temp", "  - role: deputy_dsl\n    name: Mr Sam Temp")
    # The session was made without a code, which the new role needs: it no longer counts.
    assert signed_out(sam, url)
    refused = requests.post(url + "/sign-in", data={"email": SAM, "password": PASSWORD},
                            headers=from_address("198.51.100.2"), allow_redirects=False)
    assert refused.status_code == 403 and "one-time code" in refused.text
    school["people"].enable_totp(SAM)
    sam = sign_in(url, SAM, headers=from_address("198.51.100.2"))
    assert sam.get(url + f"/cases/{school['safeguarding']}").status_code == 200


def test_a_leaver_is_signed_out_and_refused(school, profile):
    url = school["url"]
    lee = sign_in(url, LEE, headers=from_address("198.51.100.3"))
    api = {"Authorization": f"Bearer {school['people'].add_api_token('lee-records', LEE)}"}
    assert requests.get(url + "/api/cases", headers=api).status_code == 200
    profile.change(f"  - role: office\n    name: Mr Lee Gone\n    email: {LEE}\n", "")
    assert signed_out(lee, url)
    assert requests.get(url + "/api/cases", headers=api).status_code == 401
    assert requests.post(url + "/sign-in", data={"email": LEE, "password": PASSWORD},
                         headers=from_address("198.51.100.3"), allow_redirects=False).status_code == 401
    assert ("console", "sessions_revoked", f"{LEE}; 1 sessions ended; no longer in the school profile") in \
        audit_actions(school)


# -- the admin tool -------------------------------------------------------------------
def test_staff_disable_stops_sessions_and_tokens_at_once(school):
    url, teacher = school["url"], "c.hall@oakleycross.example.org"
    session = sign_in(url, teacher, headers=from_address("198.51.100.4"))
    api = {"Authorization": f"Bearer {school['people'].add_api_token('hall-records', teacher)}"}
    assert not signed_out(session, url)
    done = cli(school, "staff", "disable", teacher, "--by", "cli:it-manager")
    assert done.returncode == 0, done.stderr
    assert signed_out(session, url)
    assert requests.get(url + "/api/cases", headers=api).status_code == 401
    assert requests.post(url + "/sign-in", data={"email": teacher, "password": PASSWORD},
                         headers=from_address("198.51.100.4"), allow_redirects=False).status_code == 401
    assert ("cli:it-manager", "account_disabled", f"{teacher}; 1 sessions ended") in audit_actions(school)


def test_staff_sign_out_ends_every_session_of_one_person(school):
    url, teacher = school["url"], "p.shah@oakleycross.example.org"
    laptop = sign_in(url, teacher, headers=from_address("198.51.100.5"))
    phone = sign_in(url, teacher, headers=from_address("198.51.100.5"))
    someone_else = sign_in(url, "l.kerr@oakleycross.example.org", headers=from_address("198.51.100.5"))
    done = cli(school, "staff", "sign-out", teacher, "--by", "cli:it-manager")
    assert done.returncode == 0 and "2 sessions" in done.stdout, done.stderr
    assert signed_out(laptop, url) and signed_out(phone, url)
    assert not signed_out(someone_else, url)
    assert ("cli:it-manager", "sessions_revoked", f"{teacher}; 2 sessions ended") in audit_actions(school)
    sign_in(url, teacher, headers=from_address("198.51.100.5"))  # not disabled: they can sign in again



def test_a_known_browsers_cookie_lasts_as_long_as_the_account_knows_it_and_sign_out_forgets_it(school):
    """The cookie that marks a browser an account knows lives as long as the database knows it
    (CONSOLE_KNOWN_BROWSER_DAYS, 90 days by default), and `staff sign-out` (a lost laptop)
    forgets it: its next sign-in is a new browser's and is given a new cookie."""
    url, teacher = school["url"], "k.todd@oakleycross.example.org"
    laptop = sign_in(url, teacher, headers=from_address("198.51.100.6"))
    cookie = next(c for c in laptop.cookies if c.name == "console_device")
    assert cookie.path == "/sign-in" and cookie.expires is not None
    lifetime = cookie.expires - dt.datetime.now(dt.timezone.utc).timestamp()
    assert abs(lifetime - 90 * 24 * 3600) < 600, lifetime
    people = school["people"]
    assert people.before_check(teacher, "198.51.100.6", cookie.value)[1] is True
    done = cli(school, "staff", "sign-out", teacher, "--by", "cli:it-manager")
    assert done.returncode == 0, done.stderr
    assert people.before_check(teacher, "198.51.100.6", cookie.value)[1] is False
    reply = laptop.post(url + "/sign-in", data={"email": teacher, "password": PASSWORD,
                                                "code": usable_code(DATABASES[url], teacher)},
                        headers=from_address("198.51.100.6"), allow_redirects=False)
    assert reply.status_code == 302
    assert laptop.cookies.get("console_device", path="/sign-in") not in (None, cookie.value)

def test_api_tokens_expire_and_can_be_revoked(school):
    url = school["url"]
    made = cli(school, "api-token", "add", "records-system", "--as", "clerk@oakleycross.example.org",
               "--by", "cli:it-manager")
    assert made.returncode == 0, made.stderr
    api = {"Authorization": f"Bearer {made.stdout.strip()}"}
    assert requests.get(url + "/api/cases", headers=api).status_code == 200
    listed = {t["name"]: t for t in map(json.loads, cli(school, "api-token", "list").stdout.splitlines())}
    lifetime = (dt.datetime.fromisoformat(listed["records-system"]["expires_at"])
                - dt.datetime.fromisoformat(listed["records-system"]["created_at"]))
    assert lifetime == dt.timedelta(days=90)
    revoked = cli(school, "api-token", "revoke", "records-system", "--by", "cli:it-manager")
    assert revoked.returncode == 0, revoked.stderr
    assert requests.get(url + "/api/cases", headers=api).status_code == 401
    assert ("cli:it-manager", "api_token_revoked", "records-system") in audit_actions(school)
    assert any(a[:2] == ("cli:it-manager", "api_token_added") and "expires" in a[2] for a in audit_actions(school))
    expired = school["people"].add_api_token("expired", "clerk@oakleycross.example.org",
                                             lifetime=dt.timedelta(seconds=-1))
    assert requests.get(url + "/api/cases", headers={"Authorization": f"Bearer {expired}"}).status_code == 401


# -- one-time codes ---------------------------------------------------------------------
def test_safeguarding_roles_need_a_code_and_each_code_works_once(school):
    url, address = school["url"], from_address("198.51.100.6")
    head = "head@oakleycross.example.org"
    without = requests.post(url + "/sign-in", data={"email": head, "password": PASSWORD}, headers=address,
                            allow_redirects=False)
    assert without.status_code == 401
    code = usable_code(school["env"]["DATABASE_URL"], head)
    sign_in(url, head, code=code, headers=address)
    again = requests.post(url + "/sign-in", data={"email": head, "password": PASSWORD, "code": code},
                          headers=address, allow_redirects=False)
    assert again.status_code == 401


# -- a stranger at the DSL's password -----------------------------------------------------
def test_a_stranger_cannot_lock_the_dsl_out(school):
    url = school["url"]
    own_browser = sign_in(url, DSL, headers=from_address("198.51.100.7"))  # she has signed in here before
    assert own_browser.cookies.get("console_device")
    for attempt in range(12):  # from many addresses, so no one address is slowed down
        reply = requests.post(url + "/sign-in", data={"email": DSL, "password": f"guess {attempt}", "code": "000000"},
                              headers=from_address(f"203.0.113.{100 + attempt}"), allow_redirects=False)
        assert reply.status_code in (401, 429)
    stranger = requests.post(url + "/sign-in", data={"email": DSL, "password": PASSWORD, "code": "000000"},
                             headers=from_address("203.0.113.200"), allow_redirects=False)
    assert stranger.status_code == 429
    # A delay, never a lock: at most 15 minutes from the latest failure.
    assert 0 < int(stranger.headers["Retry-After"]) <= MAX_DELAY.total_seconds()
    # From the browser she has used before, she signs in at once.
    reply = own_browser.post(url + "/sign-in", data={
        "email": DSL, "password": PASSWORD, "code": usable_code(school["env"]["DATABASE_URL"], DSL)},
        headers=from_address("198.51.100.8"), allow_redirects=False)
    assert reply.status_code == 302
