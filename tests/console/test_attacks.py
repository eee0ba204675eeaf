"""Attacks on the staff console, beyond what test_console.py covers: a parent's HTML in every
field they control, CSRF on every POST, a planted session, SQL in filters and search, path
traversal, and brute-force sign-in from one address across many accounts.

Runs on the same console server as test_console.py (tests/console/conftest.py). It files
its own cases and uses accounts that test_console.py does not, so the two do not interfere.
"""
from __future__ import annotations

import os
import re

import pytest
import requests
from markupsafe import escape

from concerns.service import Intake
from tests.conftest import ROOT
from tests.console.conftest import DATABASES, PASSWORD, csrf_of, sign_in, start_console, stop_console

HEAD, OFFICE, DSL = "head@oakleycross.example.org", "office@oakleycross.example.org", "dsl@oakleycross.example.org"
LOWE, HALL = "e.lowe@oakleycross.example.org", "c.hall@oakleycross.example.org"

# Each payload is distinct, so a test can tell which field leaked.
XSS = {field: f'<script>alert("{field}")</script><img src=x onerror=alert(\'{field}\')>"\'&'
       for field in ("subject", "child", "class", "parent", "contact", "account", "attachment_type",
                     "attachment_title", "attachment_url", "who", "transcript")}
XSS_SENDER = '"><svg onload=alert(1)>x'


@pytest.fixture(scope="module")
def hostile(console):
    """Cases whose every parent-controlled field carries HTML and script."""
    core, people = console["core"], console["people"]
    attachments = [{"type": XSS["attachment_type"], "url": XSS["attachment_url"], "title": XSS["attachment_title"]},
                   {"type": "image", "url": 'https://cdn.example.org/a.png" onmouseover="alert(1)', "title": "t"},
                   {"type": "file", "url": "javascript:alert(document.cookie)", "title": "j"},
                   {"type": "file", "url": "../../../../etc/passwd", "title": "p"}]
    transcript = [{"who": XSS["who"], "text": XSS["transcript"], "at": ""}]
    complaint = core.file(Intake("complain_staff", "web", XSS_SENDER, subject_name=XSS["subject"],
                                 parent_name=XSS["parent"], contact=XSS["contact"], account=XSS["account"],
                                 attachments=attachments, transcript=transcript))
    concern = core.file(Intake("concern_child", "rest", "attack-concern", child_name=XSS["child"],
                               child_class=XSS["class"], parent_name="Kim", contact="07700 900123",
                               account="plain words"))
    # The same sender asked for a person: a hand-off case, which the office answers.
    handoff = core.file(Intake("ask_human", "web", XSS_SENDER, parent_name=XSS["parent"], contact=XSS["contact"],
                               account=XSS["account"]))
    people.open_handoff(XSS_SENDER, "web", handoff["reference"])
    return {"complaint": complaint["reference"], "concern": concern["reference"]}


def assert_only_as_text(html: str, payload: str) -> None:
    assert payload not in html, "a parent's HTML reached the page unescaped"
    assert str(escape(payload)) in html, "the parent's words are missing from the page"


def test_every_parent_field_on_the_case_page_is_text(console, hostile):
    session = sign_in(console["url"], HEAD)
    html = session.get(console["url"] + f"/cases/{hostile['complaint']}").text
    for field in ("subject", "parent", "contact", "account", "attachment_type", "attachment_title", "who",
                  "transcript"):
        assert_only_as_text(html, XSS[field])
    assert "<script>" not in html and "onerror=" not in html.replace("onerror=alert", "")
    # Only http(s) links are made; a javascript: or relative path stays text.
    links = re.findall(r'<a href="([^"]*)"', html)
    assert all(link.startswith(("/", "https://", "http://")) for link in links), links
    assert not any("javascript:" in link or "etc/passwd" in link for link in links)
    assert 'href="https://cdn.example.org/a.png&#34; onmouseover=&#34;alert(1)"' in html
    # The link to the conversation carries its opaque id, not the sender id the parent chose.
    conversation_id = console["core"].store.conversation_id_for(XSS_SENDER)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", conversation_id)
    assert f'href="/conversations/{conversation_id}"' in html
    assert requests.utils.quote(XSS_SENDER, safe="") not in html and str(escape(XSS_SENDER)) not in html


def test_child_name_and_class_on_the_case_page_are_text(console, hostile):
    html = sign_in(console["url"], HEAD).get(console["url"] + f"/cases/{hostile['concern']}").text
    assert_only_as_text(html, XSS["child"])
    assert_only_as_text(html, XSS["class"])


def test_the_inbox_shows_a_search_for_html_as_text(console, hostile):
    session = sign_in(console["url"], HEAD)
    payload = '"><script>alert("q")</script>'
    html = session.get(console["url"] + "/cases", params={"q": payload, "status": payload}).text
    assert payload not in html and str(escape(payload)) in html
    inbox = session.get(console["url"] + "/cases").text
    assert hostile["complaint"] in inbox and "<script>" not in inbox


def test_hand_off_views_keep_a_hostile_sender_id_as_data(console, hostile):
    office = sign_in(console["url"], OFFICE)
    listing = office.get(console["url"] + "/handoffs.json")
    assert listing.headers["Content-Type"].startswith("application/json")
    assert listing.headers["X-Content-Type-Options"] == "nosniff"
    conversation_id = console["core"].store.conversation_id_for(XSS_SENDER)
    assert conversation_id in [h["conversation_id"] for h in listing.json()["handoffs"]]
    assert "<svg" not in listing.text
    page = office.get(console["url"] + "/handoffs").text
    assert "<svg" not in page
    conversation = office.get(console["url"] + f"/conversations/{conversation_id}")
    assert conversation.status_code == 200
    assert "<svg" not in conversation.text and str(escape(XSS_SENDER)) not in conversation.text
    # The page that shows the messages puts them in with textContent only.
    script = (ROOT / "console" / "static" / "console.js").read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)


def test_pages_forbid_inline_script_and_framing(console, hostile):
    reply = sign_in(console["url"], HEAD).get(console["url"] + f"/cases/{hostile['complaint']}")
    policy = reply.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in \
        policy.split("script-src")[1].split(";")[0]
    assert reply.headers["X-Frame-Options"] == "DENY" and reply.headers["Cache-Control"] == "no-store"


# -- CSRF on every POST ----------------------------------------------------------------
POSTS = {"/sign-out": {}, "/cases/{ref}/status": {"status": "closed"}, "/cases/{ref}/note": {"text": "forged"},
         "/cases/{ref}/assign": {"assignee": HEAD}, "/cases/{ref}/escalate": {},
         "/conversations/attack-concern/takeover": {}, "/conversations/attack-concern/reply": {"text": "forged"},
         "/conversations/attack-concern/handback": {}}


def _case_state(console, reference):
    record = console["core"].store.get(reference)
    return (record["status"], record["assignee"], record["routed_to"], len(console["people"].notes_for(record["id"])),
            [a["action"] for a in record["audit"] if a["action"] not in ("viewed",)])


@pytest.fixture(scope="module")
def two_sessions(console):
    """The Headteacher's signed-in session, and the CSRF token of someone else's."""
    other = sign_in(console["url"], DSL)
    return sign_in(console["url"], HEAD), csrf_of(other, console["url"], "/cases")


@pytest.mark.parametrize("route", list(POSTS))
@pytest.mark.parametrize("token", ["missing", "wrong", "another_staff_members", "in_the_header_wrong"])
def test_every_post_needs_this_sessions_csrf_token(console, hostile, two_sessions, route, token):
    ref = hostile["concern"]
    session, others_token = two_sessions
    fields, headers = dict(POSTS[route]), {}
    if token == "wrong":
        fields["csrf_token"] = "0" * 43
    elif token == "another_staff_members":
        fields["csrf_token"] = others_token
    elif token == "in_the_header_wrong":
        headers["X-CSRF-Token"] = others_token
    before = _case_state(console, ref)
    reply = session.post(console["url"] + route.format(ref=ref), data=fields, headers=headers, allow_redirects=False)
    assert reply.status_code == 403
    assert _case_state(console, ref) == before
    assert session.get(console["url"] + "/cases", allow_redirects=False).status_code == 200  # still signed in


# -- sessions --------------------------------------------------------------------------
def test_a_valid_session_planted_before_sign_in_is_replaced(console):
    attacker = sign_in(console["url"], HALL)  # the attacker's own, valid, session
    planted = attacker.cookies["console_session"]
    victim = requests.Session()
    victim.cookies.set("console_session", planted, domain="127.0.0.1", path="/")
    reply = victim.post(console["url"] + "/sign-in", data={"email": OFFICE, "password": PASSWORD},
                        allow_redirects=False)
    issued = re.search(r"console_session=([^;]+)", reply.headers["Set-Cookie"]).group(1)
    assert issued != planted
    # The attacker's token still belongs to the attacker, not to the office.
    me = attacker.get(console["url"] + "/cases").text
    assert "Office" not in re.search(r"<span>([^<]*)</span>", me).group(1)


def test_the_session_token_is_only_read_from_the_cookie(console):
    token = sign_in(console["url"], HEAD).cookies["console_session"]
    for attempt in ({"params": {"console_session": token}}, {"headers": {"Authorization": f"Bearer {token}"}},
                    {"headers": {"X-Console-Session": token}}):
        assert requests.get(console["url"] + "/cases", allow_redirects=False, **attempt).status_code == 302


# -- SQL in filters and search ---------------------------------------------------------
INJECTIONS = ["' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "x'; DROP TABLE cases; --", "%' OR reference LIKE '%",
              "1 UNION SELECT * FROM staff --", "OC-2026-%", "_", "%"]


@pytest.fixture(scope="module")
def teacher(console):
    return sign_in(console["url"], LOWE)  # a class teacher: sees few cases


@pytest.fixture(scope="module")
def office_token(console):
    return console["people"].add_api_token("attack-test", OFFICE)


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_in_filters_and_search_finds_nothing_extra(console, hostile, teacher, injection):
    session = teacher
    baseline = set(re.findall(r'href="/cases/([^"]+)"', session.get(console["url"] + "/cases").text))
    for key in ("q", "status", "category", "urgency", "assignee"):
        reply = session.get(console["url"] + "/cases", params={key: injection})
        assert reply.status_code == 200
        shown = set(re.findall(r'href="/cases/([^"]+)"', reply.text))
        assert shown <= baseline, (key, shown - baseline)
        if key != "q":
            assert shown == set()
    assert session.get(console["url"] + "/cases/" + requests.utils.quote(injection, safe="")).status_code == 404
    assert console["core"].store.get(hostile["complaint"]) is not None  # nothing was dropped


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_in_the_api_finds_nothing_extra(console, office_token, injection):
    token = office_token
    headers = {"Authorization": f"Bearer {token}"}
    everything = {c["reference"] for c in requests.get(console["url"] + "/api/cases", headers=headers).json()["cases"]}
    reply = requests.get(console["url"] + "/api/cases", params={"status": injection}, headers=headers)
    assert reply.status_code == 200 and reply.json()["cases"] == []
    assert requests.get(console["url"] + "/api/cases/" + requests.utils.quote(injection, safe=""),
                        headers=headers).status_code == 404
    assert {c["reference"] for c in requests.get(console["url"] + "/api/cases",
                                                 headers=headers).json()["cases"]} == everything
    for bad in (f"Bearer {injection}", f"Bearer {token}' OR '1'='1"):
        assert requests.get(console["url"] + "/api/cases", headers={"Authorization": bad}).status_code == 401


# -- path traversal --------------------------------------------------------------------
TRAVERSALS = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/console.js/../../app.py",
              "/static/../app.py", "/static/%2e%2e/app.py", "/widget.js/..%2f..%2fapp.py", "/..%2f..%2fetc%2fpasswd",
              "/console/app.py", "/templates/base.html", "/cases/..%2f..%2f..%2fetc%2fpasswd",
              "/api/cases/..%2f..%2fetc%2fpasswd", "/conversations/..%2f..%2fetc%2fpasswd",
              "/api/openapi.json/..%2fapp.py",
              "/static/console.js", "/.env", "/var/cases.db"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_route_serves_a_file_it_should_not(console, two_sessions, path):
    session, _ = two_sessions
    reply = session.get(console["url"] + path, allow_redirects=False)
    assert reply.status_code in (302, 400, 401, 404, 405), (path, reply.status_code)
    for secret in ("root:x:0:0", "def create_app", "{% block",
                   "SQLite format 3", "FB_APP_SECRET"):
        assert secret not in reply.text


def test_the_static_files_are_exactly_the_two_scripts(console):
    assert requests.get(console["url"] + "/console.js").text == (ROOT / "console" / "static" / "console.js").read_text()
    for path in ("/console.js?../../app.py", "/console.js#../app.py"):
        reply = requests.get(console["url"] + path)
        assert "def create_app" not in reply.text


# -- brute force -----------------------------------------------------------------------
def test_failures_count_against_the_account_however_the_email_is_written(console):
    # Mrs Dunn's account, which no other console test signs in with: the delay this leaves on
    # it (up to 30 seconds) must not meet another test's sign-in, whatever order they run in.
    for variant in ("R.Dunn@oakleycross.example.org", " r.dunn@oakleycross.example.org ",
                    "R.DUNN@OAKLEYCROSS.EXAMPLE.ORG", "r.dunn@oakleycross.example.org",
                    "r.dunn@OakleyCross.example.org"):
        assert requests.post(console["url"] + "/sign-in", data={"email": variant, "password": "guess"},
                             allow_redirects=False).status_code == 401
    reply = requests.post(console["url"] + "/sign-in", data={"email": "r.dunn@oakleycross.example.org",
                                                             "password": PASSWORD}, allow_redirects=False)
    assert reply.status_code == 429 and "Too many attempts" in reply.text
    assert 0 < int(reply.headers["Retry-After"]) <= 30


@pytest.fixture(scope="module")
def console_behind_proxy(console, tmp_path_factory):
    """A second console on the same database behind one trusted proxy (as behind nginx), so
    one made-up client address can be slowed down without slowing this machine."""
    url, process = start_console({**os.environ, "DATABASE_URL": console["core"].settings.database_url,
                                  "CONSOLE_TRUSTED_PROXIES": "1"})
    DATABASES[url] = console["core"].settings.database_url
    yield url
    stop_console(process)


def test_one_address_trying_many_accounts_is_slowed_down(console_behind_proxy):
    url, attacker = console_behind_proxy, {"X-Forwarded-For": "203.0.113.7"}
    for n in range(20):  # a different account each time: no single account reaches its limit
        reply = requests.post(url + "/sign-in", data={"email": f"guess{n}@oakleycross.example.org",
                                                      "password": "123456"}, headers=attacker, allow_redirects=False)
        assert reply.status_code == 401
    locked = requests.post(url + "/sign-in", data={"email": "b.ashworth@oakleycross.example.org",
                                                   "password": PASSWORD}, headers=attacker, allow_redirects=False)
    assert locked.status_code == 429
    # The same account from another address is not locked: the address was the problem.
    elsewhere = requests.post(url + "/sign-in", data={"email": "b.ashworth@oakleycross.example.org",
                                                      "password": PASSWORD},
                              headers={"X-Forwarded-For": "203.0.113.8"}, allow_redirects=False)
    assert elsewhere.status_code == 302


def test_an_address_written_by_the_client_does_not_escape_the_address_limit(console_behind_proxy):
    """The proxy appends the address it saw to whatever X-Forwarded-For the client sent: the
    client's own entries, to the left, change at every try and count for nothing."""
    url, real = console_behind_proxy, "203.0.113.20"
    for n in range(20):
        reply = requests.post(url + "/sign-in", data={"email": f"spoof{n}@oakleycross.example.org",
                                                      "password": "123456"},
                              headers={"X-Forwarded-For": f"10.{n}.0.1, {real}"}, allow_redirects=False)
        assert reply.status_code == 401
    slowed = requests.post(url + "/sign-in", data={"email": "spoof-last@oakleycross.example.org",
                                                   "password": "123456"},
                           headers={"X-Forwarded-For": f"10.99.0.1, {real}"}, allow_redirects=False)
    assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) > 0


@pytest.mark.parametrize("proxies, forwarded_for", [
    # No proxy configured (the default): the socket's peer is the client, whatever X-Forwarded-For says.
    ("", lambda n: f"203.0.113.{n}"),
    # Two proxies: the client is the second entry from the right; what it wrote to the left, and
    # the first proxy's own address, count for nothing.
    ("2", lambda n: f"10.{n}.0.1, 203.0.113.30, 10.0.0.{n}"),
], ids=["no proxy", "two proxies"])
def test_the_client_address_is_the_one_the_configured_proxies_give(tmp_path, proxies, forwarded_for):
    url, process = start_console({**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cases.db'}",
                                  "CONSOLE_TRUSTED_PROXIES": proxies})
    try:
        def try_once(n: int) -> requests.Response:
            return requests.post(url + "/sign-in", data={"email": f"guess{n}@oakleycross.example.org",
                                                          "password": "123456"},
                                 headers={"X-Forwarded-For": forwarded_for(n)}, allow_redirects=False)
        # Each try names another account, so only the address limit (20 failures) can slow them.
        assert [try_once(n).status_code for n in range(20)] == [401] * 20
        slowed = try_once(99)
        assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) > 0
    finally:
        stop_console(process)


def test_when_the_assistant_is_down_staff_get_a_clear_answer_not_a_500(console):
    # This console's Rasa server is not running (see conftest.py).
    office = sign_in(console["url"], OFFICE)
    conversation = "/conversations/" + console["core"].store.conversation_id_for("parent-handoff")
    messages = office.get(console["url"] + conversation + "/messages.json")
    assert messages.status_code == 502 and "try again" in messages.json()["error"]
    token = csrf_of(office, console["url"], "/handoffs")
    reply = office.post(console["url"] + conversation + "/reply",
                        data={"text": "hi", "csrf_token": token}, headers={"Accept": "application/json"})
    assert reply.status_code == 502 and "try again" in reply.json()["error"]
    takeover = office.post(console["url"] + conversation + "/takeover", data={"csrf_token": token},
                           allow_redirects=False)
    assert takeover.status_code == 502 and "try again" in takeover.text
