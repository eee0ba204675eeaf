"""The action server dies in the middle of a case: the parent is told so, with the office's
number, instead of silence; what they wrote is kept; once it is back, sending the same
message again carries on from where the conversation was."""
from __future__ import annotations

from tests.resilience.talk import ROWS, answer_until, cases_of, texts

CONCERN, BULLYING, SAFEGUARDING = 0, 5, 8
SUMMARY = "Here's what I'll send"


def test_the_parent_is_told_and_carries_on_when_the_action_server_is_back(faults, profile):
    stack = faults.stack
    in_form, at_summary, at_risk = "actions-down-form", "actions-down-summary", "actions-down-at-risk"
    answer_until(stack, in_form, BULLYING, "What is your name?")
    answer_until(stack, at_summary, CONCERN, SUMMARY)
    faults.kill_actions()
    try:
        said = texts(stack.say(in_form, "Jo Baxter"))
        assert len(said) == 1, said  # one apology, not one per failed action
        assert "problem on our side" in said[0] and profile.office_phone in said[0], said
        tracker = stack.tracker(in_form)
        assert [e for e in tracker["events"] if e["event"] == "user"][-1]["text"] == "Jo Baxter"
        assert tracker["active_loop"].get("name") == "case_form"
        assert tracker["slots"]["requested_slot"] == "parent_name"

        said = texts(stack.say(at_summary, "/affirm"))
        assert len(said) == 1 and profile.office_phone in said[0], said

        # A new conversation about a child at risk: 999 comes first, then who to phone now,
        # since no alert could be sent.
        said = texts(stack.say(at_risk, ROWS[SAFEGUARDING][1]))
        assert len(said) == 1, said
        assert said[0].startswith("If a child is in immediate danger, please call 999"), said
        assert profile.children_services.phone in said[0] and profile.office_phone in said[0]
    finally:
        faults.start_actions()
    assert not cases_of(faults.database_url, at_summary) and not cases_of(faults.database_url, at_risk)

    # Back: each parent sends the same message again, and it is taken where it was meant.
    said = texts(stack.say(in_form, "Jo Baxter"))
    assert "What is the best phone number or email address" in said[-1], said
    said = texts(stack.say(in_form, "jo.baxter@example.org"))
    assert SUMMARY in said[-1] and "Jo Baxter" in said[-1], said
    said = texts(stack.say(in_form, "/affirm"))
    assert any("I've recorded this as" in t for t in said), said
    [case] = cases_of(faults.database_url, in_form)
    assert (case["category"], case["child_name"], case["parent_name"], case["parent_contact"]) == (
        "bullying", "Ruby", "Jo Baxter", "jo.baxter@example.org")
    assert "Jo Baxter" in [line["text"] for line in case["transcript"] if line["who"] == "parent"]

    said = texts(stack.say(at_summary, "/affirm"))
    assert any("I've recorded this as" in t for t in said), said
    assert len(cases_of(faults.database_url, at_summary)) == 1

    said = texts(stack.say(at_risk, ROWS[SAFEGUARDING][1]))
    assert said[0].startswith("If a child is in immediate danger, please call 999"), said
    assert any("I have alerted" in t for t in said), said
    [alert] = cases_of(faults.database_url, at_risk)
    assert (alert["category"], alert["routed_to"]) == ("safeguarding", "dsl")
