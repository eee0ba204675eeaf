"""Bad input on the staff console and its API: the sign-in form, the inbox filters and search,
the actions on a case and the JSON API. Never a 500; afterwards the console still works."""
from __future__ import annotations

import re
import urllib.parse
import uuid

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import PASSWORD, assert_clear_answer, console_sign_in, fuzz
from tests.fuzz.strategies import control_text, huge_text

FUZZ = fuzz()
# What a browser or a script can put in a form or a query string: any Unicode but lone
# surrogates (which cannot be encoded as UTF-8 at all), control characters, 100 KB.
query_text = st.one_of(st.text(st.characters(exclude_categories=["Cs"]), max_size=200), control_text, st.just(""))
form_text = st.one_of(query_text, huge_text)


@pytest.fixture(scope="module")
def head(fuzz_stack):
    session = console_sign_in(fuzz_stack)
    page = session.get(fuzz_stack.console_url + f"/cases/{fuzz_stack.case_ref}").text
    session.csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return session


@FUZZ
@given(email=form_text, password=form_text, code=form_text)
def test_sign_in_form(fuzz_stack, email, password, code):
    # Each example from its own address, so the per-address lock is not what answers.
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}"
    reply = requests.post(fuzz_stack.console_url + "/sign-in", data={"email": email, "password": password,
                                                                     "code": code},
                          headers={"X-Forwarded-For": address}, allow_redirects=False, timeout=60)
    assert reply.status_code in (400, 401, 429), (reply.status_code, reply.text[:300])


@FUZZ
@given(body=st.binary(max_size=500), content_type=st.sampled_from(
    ["application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
     "application/json", "text/plain"]))
def test_sign_in_with_a_body_that_is_not_a_form(fuzz_stack, body, content_type):
    reply = requests.post(fuzz_stack.console_url + "/sign-in", data=body, allow_redirects=False, timeout=30,
                          headers={"Content-Type": content_type, "X-Forwarded-For": "198.51.100.251"})
    assert_clear_answer(reply)


@FUZZ
@given(args=st.dictionaries(st.sampled_from(["status", "category", "urgency", "assignee", "q", "other"]), query_text,
                            max_size=5))
def test_inbox_filters_and_search(fuzz_stack, head, args):
    reply = head.get(fuzz_stack.console_url + "/cases", params=args, timeout=30)
    assert reply.status_code == 200
    shown = set(re.findall(r'href="/cases/([^"]+)"', reply.text))
    assert shown <= {fuzz_stack.case_ref}  # only ever the one case there is


def test_a_100_kb_query_string_is_refused_clearly(fuzz_stack, head):
    reply = head.get(fuzz_stack.console_url + "/cases", params={"q": "x" * 100_000}, timeout=30)
    assert reply.status_code in (413, 414)


@FUZZ
@given(query=st.binary(max_size=200))
def test_raw_query_strings(fuzz_stack, head, query):
    encoded = urllib.parse.quote_from_bytes(query, safe="=&%+")
    assert_clear_answer(head.get(fuzz_stack.console_url + "/cases?" + encoded, timeout=30))


@FUZZ
@given(reference=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=100))
def test_made_up_case_references(fuzz_stack, head, reference):
    path = urllib.parse.quote(reference, safe="")
    reply = head.get(fuzz_stack.console_url + f"/cases/{path}", allow_redirects=False, timeout=30)
    assert reply.status_code in (200, 404), (reply.status_code, reply.text[:300])
    api = requests.get(fuzz_stack.console_url + f"/api/cases/{path}", timeout=30,
                       headers={"Authorization": f"Bearer {fuzz_stack.api_token}"})
    assert api.status_code in (200, 404), (api.status_code, api.text[:300])


@FUZZ
@given(sender=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=100))
def test_made_up_conversations(fuzz_stack, head, sender):
    path = "/conversations/" + urllib.parse.quote(sender, safe="")
    assert head.get(fuzz_stack.console_url + path, allow_redirects=False, timeout=30).status_code == 404
    messages = head.get(fuzz_stack.console_url + path + "/messages.json", timeout=30)
    assert messages.status_code == 404 and messages.json() == {"error": "not found"}
    taken = head.post(fuzz_stack.console_url + path + "/takeover", data={"csrf_token": head.csrf}, timeout=30)
    assert taken.status_code == 404


@FUZZ
@given(action=st.sampled_from(["status", "note", "assign"]), fields=st.dictionaries(
    st.sampled_from(["status", "text", "assignee", "extra"]), form_text, max_size=3))
def test_case_actions_with_any_form_values(fuzz_stack, head, action, fields):
    reply = head.post(fuzz_stack.console_url + f"/cases/{fuzz_stack.case_ref}/{action}",
                      data={**fields, "csrf_token": head.csrf}, allow_redirects=False, timeout=30)
    assert reply.status_code in (302, 400), (reply.status_code, reply.text[:300])


@FUZZ
@given(status=query_text, authorization=st.one_of(st.just(""), st.from_regex(r"[!-~][ -~]{0,79}", fullmatch=True),
                                                 st.just("Bearer "), st.just("bearer")))
def test_the_json_api(fuzz_stack, status, authorization):
    good = requests.get(fuzz_stack.console_url + "/api/cases", params={"status": status}, timeout=30,
                        headers={"Authorization": f"Bearer {fuzz_stack.api_token}"})
    assert good.status_code == 200 and isinstance(good.json()["cases"], list)
    bad = requests.get(fuzz_stack.console_url + "/api/cases", headers={"Authorization": authorization}, timeout=30)
    assert bad.status_code == 401 and "error" in bad.json()


def test_the_console_still_works_after_the_fuzzing(fuzz_stack, head):
    # A body that is not a well-formed form is refused like an empty one, without a traceback
    # in the log for each (which an attacker could use to flood the log).
    assert "Failed when parsing form" not in fuzz_stack.read_log()
    assert fuzz_stack.case_ref in head.get(fuzz_stack.console_url + "/cases").text
    reply = requests.post(fuzz_stack.console_url + "/sign-in", allow_redirects=False,
                          data={"email": "office@oakleycross.example.org", "password": PASSWORD},
                          headers={"X-Forwarded-For": "192.0.2.2"})
    assert reply.status_code == 302
