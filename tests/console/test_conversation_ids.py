"""Staff address a conversation by an opaque id, never by the parent's sender id (their
Messenger id or widget session id): a copied link or API record must not carry what the
parent's client sends the assistant as. Access rules are the same as before.

Runs on the console server of tests/console/conftest.py, with cases of its own.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import requests

from concerns.service import Intake
from tests.console.conftest import csrf_of, sign_in

HEAD, OFFICE, KERR = "head@oakleycross.example.org", "office@oakleycross.example.org", "l.kerr@oakleycross.example.org"
# Shaped like a Messenger page-scoped id: the thing that must never appear.
SENDER = "7391046628115530"
ROUTES = ["", "/messages.json", "/takeover", "/reply", "/handback"]


@pytest.fixture(scope="module")
def conversation(console):
    """A concern the class teacher sees and a hand-off the office answers, from one sender."""
    core, people = console["core"], console["people"]
    concern = core.file(Intake("concern_child", "facebook", SENDER, child_name="Ivy", child_class="year 3",
                               parent_name="Rae", contact="07700 900444", account="not eating at lunch"))
    handoff = core.file(Intake("ask_human", "facebook", SENDER, parent_name="Rae", contact="07700 900444",
                               account="can I talk to someone"))
    people.open_handoff(SENDER, "facebook", handoff["reference"])
    return {"concern": concern["reference"], "handoff": handoff["reference"]}


def linked_conversation(html: str) -> str:
    [conversation_id] = re.findall(r'href="/conversations/([^"]+)"', html)
    return conversation_id


def test_the_case_page_links_the_conversation_by_an_opaque_id(console, conversation):
    head = sign_in(console["url"], HEAD)
    html = head.get(console["url"] + f"/cases/{conversation['concern']}").text
    conversation_id = linked_conversation(html)
    assert SENDER not in html and SENDER not in conversation_id
    assert len(conversation_id) >= 22  # 18 random bytes: not guessable
    # Both of the sender's cases link the same conversation.
    assert linked_conversation(head.get(console["url"] + f"/cases/{conversation['handoff']}").text) == conversation_id
    page = head.get(console["url"] + f"/conversations/{conversation_id}")
    assert page.status_code == 200 and SENDER not in page.text
    assert f'data-conversation="{conversation_id}"' in page.text
    assert f'action="/conversations/{conversation_id}/reply"' in page.text


def test_the_hand_off_list_names_the_conversation_not_the_sender(console, conversation):
    office = sign_in(console["url"], OFFICE)
    listing = office.get(console["url"] + "/handoffs.json")
    assert SENDER not in listing.text
    [entry] = [h for h in listing.json()["handoffs"] if h["case_reference"] == conversation["handoff"]]
    assert "sender_id" not in entry
    assert entry["conversation_id"] == console["core"].store.conversation_id_for(SENDER)
    assert office.get(console["url"] + f"/conversations/{entry['conversation_id']}").status_code == 200
    assert SENDER not in office.get(console["url"] + "/handoffs").text


def test_the_api_gives_the_conversation_id_and_never_the_sender_id(console, conversation):
    headers = {"Authorization": f"Bearer {console['people'].add_api_token('conversation-ids', HEAD)}"}
    listing = requests.get(console["url"] + "/api/cases", headers=headers)
    [record] = [c for c in listing.json()["cases"] if c["reference"] == conversation["concern"]]
    assert "sender_id" not in record
    assert record["conversation_id"] == console["core"].store.conversation_id_for(SENDER)
    for path in (f"/api/cases/{conversation['concern']}", f"/api/cases/{conversation['concern']}/transcript"):
        reply = requests.get(console["url"] + path, headers=headers)
        assert reply.status_code == 200 and SENDER not in reply.text, path
    assert SENDER not in listing.text
    # The published schema says the same.
    schema = requests.get(console["url"] + "/api/openapi.json").json()["components"]["schemas"]["Case"]["properties"]
    assert "conversation_id" in schema and "sender_id" not in schema


@pytest.mark.parametrize("route", ROUTES)
def test_a_link_made_from_the_sender_id_finds_nothing(console, conversation, route):
    # The Headteacher may see this conversation: only the way it is addressed is refused.
    head = sign_in(console["url"], HEAD)
    token = csrf_of(head, console["url"], "/handoffs")
    for sender in (SENDER, quote(SENDER, safe="")):
        url = console["url"] + f"/conversations/{sender}{route}"
        reply = head.post(url, data={"csrf_token": token, "text": "hello"}, allow_redirects=False) \
            if route in ("/takeover", "/reply", "/handback") else head.get(url)
        assert reply.status_code == 404, (route, reply.status_code)
    assert console["people"].handoff(SENDER)["status"] == "waiting"  # nothing was taken over


@pytest.mark.parametrize("route", ROUTES)
def test_the_opaque_id_opens_nothing_more_than_the_sender_id_did(console, conversation, route):
    # Miss Kerr teaches year 3 and sees the concern; Mrs Todd (year 5) sees neither case.
    conversation_id = console["core"].store.conversation_id_for(SENDER)
    todd = sign_in(console["url"], "k.todd@oakleycross.example.org")
    token = csrf_of(todd, console["url"], "/handoffs")
    url = console["url"] + f"/conversations/{conversation_id}{route}"
    reply = todd.post(url, data={"csrf_token": token, "text": "hello"}, allow_redirects=False) \
        if route in ("/takeover", "/reply", "/handback") else todd.get(url)
    assert reply.status_code == 404, (route, reply.status_code)
    if route == "":
        assert sign_in(console["url"], KERR).get(url).status_code == 200
