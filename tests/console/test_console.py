"""The staff console: sign-in on every route, who sees what, CSRF, throttling, audit, API."""
from __future__ import annotations

import re

import pyotp
import pytest
import requests
from sqlalchemy import delete

from concerns.tables import sign_in_failures
from tests.console.conftest import PASSWORD, csrf_of, sign_in

PAGES = ["/cases", "/cases/{ref}", "/handoffs", "/handoffs.json", "/notices", "/conversations/parent-handoff",
         "/conversations/parent-handoff/messages.json"]
ACTIONS = ["/sign-out", "/notices/1/end", "/cases/{ref}/status", "/cases/{ref}/note", "/cases/{ref}/assign", "/cases/{ref}/escalate",
           "/conversations/parent-handoff/takeover", "/conversations/parent-handoff/reply",
           "/conversations/parent-handoff/handback"]
API = ["/api/cases", "/api/cases/{ref}", "/api/cases/{ref}/transcript"]

HEAD, DSL, DEPUTY = "head@oakleycross.example.org", "dsl@oakleycross.example.org", "deputy.dsl@oakleycross.example.org"
OFFICE, CHAIR, CLERK = "office@oakleycross.example.org", "chair@oakleycross.example.org", "clerk@oakleycross.example.org"
KERR, BELL = "l.kerr@oakleycross.example.org", "t.bell@oakleycross.example.org"


@pytest.mark.parametrize("route", PAGES + ACTIONS + API)
def test_every_console_and_api_route_needs_sign_in(console, route):
    url = console["url"] + route.format(ref=console["refs"]["concern"])
    method = "post" if route in ACTIONS else "get"
    reply = getattr(requests, method)(url, allow_redirects=False)
    if route in PAGES and not route.endswith(".json"):
        assert reply.status_code == 302 and reply.headers["Location"].endswith("/sign-in")
    else:
        assert reply.status_code == 401


SEES = {
    HEAD: {"concern", "bullying", "complaint_bell", "complaint_school", "cyberbullying", "safeguarding", "handoff"},
    DSL: {"cyberbullying", "safeguarding", "allegation_head"},
    DEPUTY: {"safeguarding", "allegation_head"},
    OFFICE: {"handoff"},
    CHAIR: {"complaint_head", "allegation_head"},
    CLERK: {"complaint_chair"},
    KERR: {"concern", "bullying"},
    BELL: set(),
}


@pytest.mark.parametrize("email", list(SEES), ids=lambda e: e.split("@")[0])
def test_who_sees_which_case_in_the_console(console, email):
    session = sign_in(console["url"], email)
    inbox = session.get(console["url"] + "/cases").text
    shown = {key for key, ref in console["refs"].items() if ref in inbox}
    assert shown == SEES[email]
    for key, ref in console["refs"].items():
        status = session.get(console["url"] + f"/cases/{ref}").status_code
        assert status == (200 if key in SEES[email] else 404), (email, key)


def test_a_case_about_a_person_is_hidden_from_that_person(console):
    # A case about a person is never shown to that person.
    bell = sign_in(console["url"], BELL)
    assert bell.get(console["url"] + f"/cases/{console['refs']['complaint_bell']}").status_code == 404
    head = sign_in(console["url"], HEAD)
    assert head.get(console["url"] + f"/cases/{console['refs']['complaint_head']}").status_code == 404


def test_changes_need_the_csrf_token_and_are_audited(console):
    ref = console["refs"]["concern"]
    session = sign_in(console["url"], KERR)
    page = f"/cases/{ref}"
    assert session.post(console["url"] + f"{page}/status", data={"status": "acknowledged"},
                        allow_redirects=False).status_code == 403
    assert session.post(console["url"] + f"{page}/status", data={"status": "acknowledged", "csrf_token": "forged"},
                        allow_redirects=False).status_code == 403
    assert console["core"].store.get(ref)["status"] == "new"
    token = csrf_of(session, console["url"], page)
    assert session.post(console["url"] + f"{page}/status", data={"status": "acknowledged", "csrf_token": token},
                        allow_redirects=False).status_code == 302
    assert session.post(console["url"] + f"{page}/note", data={"text": "Spoke to mum.", "csrf_token": token},
                        allow_redirects=False).status_code == 302
    record = console["core"].store.get(ref)
    assert record["status"] == "acknowledged"
    actions = [(a["actor"], a["action"]) for a in record["audit"]]
    assert (KERR, "viewed") in actions and (KERR, "status_changed") in actions and (KERR, "note_added") in actions


def test_only_the_office_and_the_headteacher_post_and_end_notices(console):
    url = console["url"]
    teacher = sign_in(url, KERR)
    token = csrf_of(teacher, url, "/notices")
    assert "The office and the Headteacher post notices." in teacher.get(url + "/notices").text
    refused = teacher.post(url + "/notices", data={"text": "No school!", "csrf_token": token}, allow_redirects=False)
    assert refused.status_code == 403
    office = sign_in(url, OFFICE)
    token = csrf_of(office, url, "/notices")
    assert office.post(url + "/notices", data={"text": "Closed", "until": "2026-11-20T18:00", "csrf_token": token},
                       allow_redirects=False).status_code == 400  # before the console's clock: in the past
    assert office.post(url + "/notices", data={"text": "Closed today: no heating.", "csrf_token": token},
                       allow_redirects=False).status_code == 302
    [notice] = console["core"].store.active_notices(console["core"].now())
    assert notice["text"] == "Closed today: no heating." and notice["posted_by"] == OFFICE
    assert "Closed today: no heating." in teacher.get(url + "/notices").text   # read-only for other staff
    assert teacher.post(url + f"/notices/{notice['id']}/end", data={"csrf_token": csrf_of(teacher, url, "/notices")},
                        allow_redirects=False).status_code == 403
    head = sign_in(url, HEAD)
    assert head.post(url + f"/notices/{notice['id']}/end", data={"csrf_token": csrf_of(head, url, "/notices")},
                     allow_redirects=False).status_code == 302
    assert console["core"].store.active_notices(console["core"].now()) == []


def test_escalation_moves_a_case_to_the_next_stage(console):
    ref = console["refs"]["complaint_school"]
    session = sign_in(console["url"], HEAD)
    token = csrf_of(session, console["url"], f"/cases/{ref}")
    assert session.post(console["url"] + f"/cases/{ref}/escalate", data={"csrf_token": token},
                        allow_redirects=False).status_code == 302
    record = console["core"].store.get(ref)
    assert record["routed_to"] == "clerk_to_governors" and record["assignee"] == CLERK
    assert CLERK in [n["recipient"] for n in record["notifications"]]


def test_staff_move_a_complaint_to_stage_2_and_it_is_kept(console):
    """The Clerk holds a stage 1 complaint about a governor: moving it to stage 2 keeps it with
    the Clerk, at stage 2, waiting to be read; the parent's "what happens next" says stage 2."""
    from concerns.service import Intake
    from concerns.wording import case_progress

    core = console["core"]
    record = core.file(Intake("complain_governor", "web", "parent-stage-2", subject_name="a parent governor",
                              parent_name="Pat", contact="pat@example.org", account="rude at the fair"))
    ref = record["reference"]
    session = sign_in(console["url"], CLERK)
    page = session.get(console["url"] + f"/cases/{ref}").text
    assert "stage 1 (formal complaint)" in page and "Move to stage 2" in page
    token = csrf_of(session, console["url"], f"/cases/{ref}")
    assert session.post(console["url"] + f"/cases/{ref}/escalate", data={"csrf_token": token},
                        allow_redirects=False).status_code == 302
    moved = core.store.get(ref)
    assert (moved["complaint_stage"], moved["routed_to"], moved["assignee"], moved["status"]) == (
        "stage_2", "clerk_to_governors", CLERK, "new")
    assert (CLERK, "stage_changed") in [(a["actor"], a["action"]) for a in moved["audit"]]
    page = session.get(console["url"] + f"/cases/{ref}").text
    assert "stage 2 (panel of governors)" in page and "last stage of the school" in page
    assert "This is stage 2 of the complaints procedure" in case_progress(moved, core.calendar, core.now())
    again = session.post(console["url"] + f"/cases/{ref}/escalate", data={"csrf_token": token},
                         allow_redirects=False)
    assert again.status_code == 400 and "last stage" in again.text


def test_reassigning_to_the_person_a_case_is_about_is_refused(console):
    ref = console["refs"]["complaint_bell"]
    session = sign_in(console["url"], HEAD)
    token = csrf_of(session, console["url"], f"/cases/{ref}")
    reply = session.post(console["url"] + f"/cases/{ref}/assign", data={"assignee": BELL, "csrf_token": token},
                         allow_redirects=False)
    assert reply.status_code == 400 and "may not see this case" in reply.text


def test_repeated_failed_sign_ins_are_throttled(console):
    url = console["url"]
    for _ in range(5):
        assert requests.post(url + "/sign-in", data={"email": CLERK, "password": "wrong"}).status_code == 401
    throttled = requests.post(url + "/sign-in", data={"email": CLERK, "password": PASSWORD}, allow_redirects=False)
    assert throttled.status_code == 429
    # Later tests sign in as the Clerk (she holds cases about the Headteacher and the Chair):
    # the delay left on her account is cleared, as a success would clear it.
    with console["core"].store.engine.begin() as connection:
        connection.execute(delete(sign_in_failures).where(sign_in_failures.c.key == f"account:{CLERK}"))


def test_session_cookies_are_httponly_samesite_and_fixation_proof(console):
    session = requests.Session()
    session.cookies.set("console_session", "planted-by-an-attacker", domain="127.0.0.1")
    assert session.get(console["url"] + "/cases", allow_redirects=False).status_code == 302
    reply = session.post(console["url"] + "/sign-in", data={"email": OFFICE, "password": PASSWORD},
                         allow_redirects=False)
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "planted-by-an-attacker" not in cookie
    token = csrf_of(session, console["url"], "/cases")
    session.post(console["url"] + "/sign-out", data={"csrf_token": token})
    assert requests.get(console["url"] + "/cases", cookies={"console_session": re.search(
        r"console_session=([^;]+)", cookie).group(1)}, allow_redirects=False).status_code == 302


def test_one_time_codes_when_turned_on(console):
    secret = console["people"].enable_totp(DEPUTY)
    assert requests.post(console["url"] + "/sign-in", data={"email": DEPUTY, "password": PASSWORD},
                         allow_redirects=False).status_code == 401
    sign_in(console["url"], DEPUTY, code=pyotp.TOTP(secret).now())


def test_the_api_needs_a_token_and_follows_the_same_rules(console):
    token = console["people"].add_api_token("records-system", CHAIR)
    headers = {"Authorization": f"Bearer {token}"}
    listed = requests.get(console["url"] + "/api/cases", headers=headers).json()["cases"]
    assert {c["reference"] for c in listed} == {console["refs"]["complaint_head"], console["refs"]["allegation_head"]}
    one = requests.get(console["url"] + f"/api/cases/{console['refs']['complaint_head']}", headers=headers).json()
    assert one["routed_to"] == "chair_of_governors" and "transcript" not in one
    hidden = requests.get(console["url"] + f"/api/cases/{console['refs']['concern']}", headers=headers)
    assert hidden.status_code == 404
    assert requests.get(console["url"] + "/api/cases", headers={"Authorization": "Bearer nope"}).status_code == 401
    spec = requests.get(console["url"] + "/api/openapi.json").json()
    # Every route the API serves is described (tests/console/test_openapi.py checks it against
    # the console's router).
    assert set(spec["paths"]) == {"/api/openapi.json", "/api/cases", "/api/cases/{reference}",
                                  "/api/cases/{reference}/transcript", "/api/cases/{reference}/evidence/{token}"}
    audit = console["core"].store.get(console["refs"]["complaint_head"])["audit"]
    assert (f"api:{CHAIR}", "viewed") in [(a["actor"], a["action"]) for a in audit]


def test_a_parents_html_shows_as_text_in_a_real_browser(console):
    import shutil

    from playwright.sync_api import sync_playwright

    from tests.browser.test_widget import CHROMIUM_ARGS

    session = sign_in(console["url"], OFFICE)
    cookie = session.cookies.get("console_session")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies([{"name": "console_session", "value": cookie, "url": console["url"]}])
        page = context.new_page()
        page.goto(console["url"] + f"/cases/{console['refs']['handoff']}")
        assert "<script>window.__xss = 1</script>" in page.locator("#account").inner_text()
        assert page.evaluate("window.__xss") is None
        assert page.locator("#account img").count() == 0
        browser.close()
