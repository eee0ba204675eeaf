"""A case's transcript says whether each staff reply in it reached the parent, on the case page
and in the API's transcript, as it stands now: a Messenger reply whose Send API call failed is
never shown as a plain line the parent saw (issue 12, item 7)."""
from __future__ import annotations

import requests

from concerns.service import Intake
from concerns.transcript import current_intake
from tests.console.conftest import sign_in

HEAD = "head@oakleycross.example.org"
SENDER = "psid-reply-delivery"


def staff_line(text: str, reply_id: int) -> dict:
    return {"event": "bot", "text": None, "timestamp": 1764064702.0, "metadata": {"staff": "Mrs Julie Barker"},
            "data": {"custom": {"text": text, "staff_reply": reply_id}}}


def test_a_failed_messenger_reply_reads_not_delivered_in_the_case(console):
    store = console["core"].store
    failed = store.record_staff_reply(SENDER, "facebook", "office@x", "Mrs Julie Barker", "Hello, this is Mrs Barker.")
    store.settle_staff_reply(failed, False, "Messenger answered 400: (#10) outside of allowed window", attempts=1)
    # Still being sent when the case is filed; it fails afterwards.
    later = store.record_staff_reply(SENDER, "facebook", "office@x", "Mrs Julie Barker", "Are you still there?")
    events = [{"event": "user", "text": "hello", "timestamp": 1764064700.0}, {"event": "pause"},
              staff_line("Hello, this is Mrs Barker.", failed), staff_line("Are you still there?", later),
              {"event": "resume"},
              {"event": "user", "text": "the newsletter never arrives", "timestamp": 1764064800.0},
              {"event": "action", "name": "action_triage"}]
    record = console["core"].file(Intake("complain_school", "facebook", SENDER, parent_name="Jo",
                                         contact="jo@example.org", account="the newsletter never arrives",
                                         transcript=current_intake(events)))
    store.settle_staff_reply(later, False, "Messenger did not answer in time; tried 3 times", attempts=3)

    url, reference = console["url"], record["reference"]
    api = {"Authorization": f"Bearer {console['people'].add_api_token('reply-delivery', HEAD)}"}
    lines = requests.get(url + f"/api/cases/{reference}/transcript", headers=api).json()["transcript"]
    by_text = {line["text"]: line for line in lines}
    assert by_text["Hello, this is Mrs Barker."]["delivery"] == "not delivered: refused by Messenger (400)"
    assert by_text["Are you still there?"]["delivery"] == "not delivered: Messenger did not answer in time"
    assert "delivery" not in by_text["the newsletter never arrives"]
    assert not any("staff_reply" in line for line in lines)  # the store's id stays inside

    page = sign_in(url, HEAD).get(url + f"/cases/{reference}").text
    assert "Hello, this is Mrs Barker.</span> <span class=\"delivery delivery-failed\">(not delivered: refused by " \
           "Messenger (400))</span>" in page
    assert "(not delivered: Messenger did not answer in time)" in page
