"""The access matrix where the subject's own role would otherwise see the case, on the console
server of tests/console/conftest.py (no Rasa server: every refusal here comes before the
conversation is read). Each subject gets 404 or absence on the case page, the inbox, the API's
case and transcript, the conversation view, messages.json and /handoffs.json; whoever the case
is for still sees it. Escalation never sends a case to the person it is about.

Were the subject check stubbed to say "not about them", the safeguarding lead would see both
allegations (safeguarding reaches the DSL) and the escalation would go to the Headteacher: those
tests fail then. The complaint about the Headteacher is hidden from her by its route (the Chair)
as well as by its subject; what the hand-off shows her of the conversation's messages needs the
Rasa server (tests/integration/test_conversation_access.py).
"""
from __future__ import annotations

import pytest
import requests

from concerns.access import StaffIdentity, can_view
from concerns.service import Intake
from tests.console.conftest import csrf_of, sign_in

HEAD, DSL, CHAIR = "head@oakleycross.example.org", "dsl@oakleycross.example.org", "chair@oakleycross.example.org"
CLERK = "clerk@oakleycross.example.org"
KERR = "l.kerr@oakleycross.example.org"


@pytest.fixture(scope="module")
def rows(console):
    """Each row's case, filed as the assistant files it, in a conversation with a hand-off."""
    core, people = console["core"], console["people"]
    filed = {
        # Named by surname alone, as parents write it.
        "allegation about the DSL by surname": core.file(Intake(
            "staff_allegation", "web", "subject-dsl-surname", subject_name="Whitfield",
            account="she dragged my son out of the hall")),
        # No name at all, and nobody has asked who yet: the alert is filed from these words.
        "allegation about the safeguarding lead": core.file(Intake(
            "staff_allegation", "web", "subject-dsl-role",
            opening_text="the safeguarding lead grabbed my son by the arm and left a bruise")),
        "complaint about the Headteacher": core.file(Intake(
            "complain_headteacher", "web", "subject-head-handoff", parent_name="Ali", contact="ali@example.org",
            account="she has ignored three emails about my son")),
        # Both of those who would manage an allegation are its subjects.
        "allegation about the Headteacher and the Chair": core.file(Intake(
            "staff_allegation", "web", "subject-head-and-chair", subject_name="Mrs Carter and Mr Hughes",
            account="they shut my son in a cupboard")),
        "complaint about the Headteacher and the Chair": core.file(Intake(
            "complain_headteacher", "web", "subject-head-and-chair-complaint", parent_name="Lee",
            contact="lee@example.org", opening_text="a complaint about the head and the chair of governors",
            account="neither answers my letters")),
    }
    # A worry about how the Headteacher treats a child: the class teacher's, and a case the
    # Headteacher's role sees (no route hides it from her); only its subject hides it. The
    # same conversation then asks for a person.
    filed["worry about the Headteacher"] = core.file(Intake(
        "concern_child", "web", "subject-head-worry-handoff", subject_name="Helen", child_name="Ivy",
        child_class="year 3", parent_name="Rae", contact="07700 900556", account="she shouted at Ivy in assembly"))
    worry_handoff = core.file(Intake("ask_human", "web", "subject-head-worry-handoff", parent_name="Rae",
                                     contact="07700 900556", account="can someone call me"))
    people.open_handoff("subject-head-worry-handoff", "web", worry_handoff["reference"])
    # The same conversation as the complaint then asks for a person: a hand-off, which the
    # Headteacher may see.
    handoff = core.file(Intake("ask_human", "web", "subject-head-handoff", parent_name="Ali",
                               contact="ali@example.org", account="can I speak to someone please"))
    for record in filed.values():
        if record["category"] == "safeguarding":
            people.open_handoff(record["sender_id"], "web", record["reference"])
    people.open_handoff("subject-head-handoff", "web", handoff["reference"])
    return {"cases": filed, "handoff": handoff, "worry_handoff": worry_handoff}


def routes_showing(console, email: str, record: dict) -> list[str]:
    """The routes on which this member of staff reads the case or its conversation."""
    url, reference = console["url"], record["reference"]
    session = sign_in(url, email)
    conversation = console["core"].store.conversation_id_for(record["sender_id"])
    api = {"Authorization": f"Bearer {console['people'].add_api_token(f'{email}-{reference}', email)}"}
    shown = []
    if reference in session.get(url + "/cases").text:
        shown.append("inbox")
    for route, reply in {
        "case page": session.get(url + f"/cases/{reference}"),
        "API case": requests.get(url + f"/api/cases/{reference}", headers=api),
        "API transcript": requests.get(url + f"/api/cases/{reference}/transcript", headers=api),
        "conversation view": session.get(url + f"/conversations/{conversation}"),
        "messages.json": session.get(url + f"/conversations/{conversation}/messages.json"),
    }.items():
        if reply.status_code != 404:
            shown.append(route)
    if reference in requests.get(url + "/api/cases", headers=api).text:
        shown.append("API list")
    if conversation in session.get(url + "/handoffs.json").text:
        shown.append("/handoffs.json")
    return shown


@pytest.mark.parametrize("row", ["allegation about the DSL by surname", "allegation about the safeguarding lead"])
def test_the_safeguarding_lead_never_reads_an_allegation_about_herself(console, rows, row):
    record = rows["cases"][row]
    assert (record["category"], record["routed_to"]) == ("safeguarding", "headteacher")
    assert record["subject_people"] == [DSL]
    assert routes_showing(console, DSL, record) == []
    # The Headteacher, who manages allegations about staff, reads it everywhere but the
    # conversation's messages, which need the Rasa server this console runs without.
    assert set(routes_showing(console, HEAD, record)) >= {
        "inbox", "case page", "API case", "API transcript", "API list", "conversation view", "/handoffs.json"}


def test_the_headteacher_never_reads_a_complaint_about_her_but_answers_the_hand_off(console, rows):
    complaint, handoff = rows["cases"]["complaint about the Headteacher"], rows["handoff"]
    assert complaint["routed_to"] == "chair_of_governors" and complaint["subject_people"] == [HEAD]
    url = console["url"]
    head = sign_in(url, HEAD)
    assert head.get(url + f"/cases/{complaint['reference']}").status_code == 404
    api = {"Authorization": f"Bearer {console['people'].add_api_token('head-complaint-row', HEAD)}"}
    for path in (f"/api/cases/{complaint['reference']}", f"/api/cases/{complaint['reference']}/transcript"):
        assert requests.get(url + path, headers=api).status_code == 404, path
    assert complaint["reference"] not in requests.get(url + "/api/cases", headers=api).text
    assert complaint["reference"] not in head.get(url + "/cases").text
    # The hand-off is hers to answer: listed by its own reference, never the complaint's.
    [entry] = [h for h in head.get(url + "/handoffs.json").json()["handoffs"]
               if h["conversation_id"] == console["core"].store.conversation_id_for(complaint["sender_id"])]
    assert entry["case_reference"] == handoff["reference"]
    assert head.get(url + f"/cases/{handoff['reference']}").status_code == 200
    assert set(routes_showing(console, CHAIR, complaint)) >= {"inbox", "case page", "API transcript"}


def test_escalating_a_case_to_the_person_it_is_about_is_refused(console):
    core, url = console["core"], console["url"]
    # A worry about how the Headteacher treats a child, with the class teacher.
    record = core.file(Intake("concern_child", "web", "subject-escalation", subject_name="Mrs C", child_name="Ivy",
                              child_class="year 3", parent_name="Rae", contact="07700 900555",
                              account="the head shouted at her in assembly"))
    assert record["assignee"] == KERR
    kerr = sign_in(url, KERR)
    page = kerr.get(url + f"/cases/{record['reference']}").text
    assert "/escalate" not in page and "cannot be escalated to the Headteacher" in page
    reply = kerr.post(url + f"/cases/{record['reference']}/escalate",
                      data={"csrf_token": csrf_of(kerr, url, f"/cases/{record['reference']}")}, allow_redirects=False)
    assert reply.status_code == 400
    assert reply.text.startswith("This case is about Mrs Helen Carter, so it cannot be escalated to the Headteacher.")
    kept = core.store.get(record["reference"])
    assert (kept["routed_to"], kept["assignee"]) == ("class_teacher", KERR)
    assert HEAD not in [n["recipient"] for n in kept["notifications"]]
    assert ("escalation_refused", KERR) in [(a["action"], a["actor"]) for a in kept["audit"]]
    assert sign_in(url, HEAD).get(url + f"/cases/{record['reference']}").status_code == 404


@pytest.mark.parametrize("row", ["allegation about the Headteacher and the Chair",
                                 "complaint about the Headteacher and the Chair"])
def test_a_case_about_the_head_and_the_chair_is_the_clerks_and_neither_of_theirs(console, rows, row):
    record = rows["cases"][row]
    assert (record["routed_to"], record["assignee"]) == ("clerk_to_governors", CLERK)
    assert sorted(record["subject_people"]) == sorted([CHAIR, HEAD])
    assert routes_showing(console, HEAD, record) == []
    assert routes_showing(console, CHAIR, record) == []
    # The Clerk, whose case it is, reads it everywhere but the conversation's messages (which
    # need the Rasa server this console runs without).
    assert set(routes_showing(console, CLERK, record)) >= {
        "inbox", "case page", "API case", "API transcript", "API list", "conversation view"}
    if record["category"] == "safeguarding":
        # The safeguarding lead is told, and reads it too.
        assert DSL in [n["recipient"] for n in console["core"].store.get(record["reference"])["notifications"]]
        assert "case page" in routes_showing(console, DSL, record)


def test_the_headteacher_never_reads_a_worry_about_her_that_her_role_would_see_but_answers_its_hand_off(
        console, rows):
    """The row where only the subject check hides the case from the Headteacher: stubbed to say
    "not about her", she would read the worry on every route."""
    worry, handoff = rows["cases"]["worry about the Headteacher"], rows["worry_handoff"]
    assert (worry["routed_to"], worry["assignee"], worry["subject_people"]) == ("class_teacher", KERR, [HEAD])
    # Her role alone would show it her: what hides it is that it is about her.
    head = StaffIdentity(HEAD, "Mrs Helen Carter", "headteacher")
    assert can_view(head, {**worry, "subject_people": [], "subject_name": ""})
    # The conversation is hers to open for the hand-off (its messages need the Rasa server
    # this console runs without: which parts she reads there is tests/unit/test_transcript.py's);
    # the worry itself, nowhere.
    assert set(routes_showing(console, HEAD, worry)) == {"conversation view", "messages.json", "/handoffs.json"}
    url = console["url"]
    head = sign_in(url, HEAD)
    [entry] = [h for h in head.get(url + "/handoffs.json").json()["handoffs"]
               if h["conversation_id"] == console["core"].store.conversation_id_for(worry["sender_id"])]
    assert entry["case_reference"] == handoff["reference"]
    assert worry["reference"] not in head.get(url + "/handoffs.json").text
    assert head.get(url + f"/cases/{handoff['reference']}").status_code == 200
    assert set(routes_showing(console, KERR, worry)) >= {"inbox", "case page", "API case", "API transcript",
                                                         "API list", "conversation view"}
