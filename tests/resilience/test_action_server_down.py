"""The action server dies in the middle of a case: the parent is told so, with the office's
number, instead of silence; what they wrote is kept; once it is back the form carries on
from the question it was asking."""
from __future__ import annotations

from tests.resilience.talk import ROWS, answer_until, cases_of, texts

BULLYING, SAFEGUARDING = 5, 8


def test_the_parent_is_told_and_the_form_resumes_when_the_action_server_is_back(faults, profile):
    stack, sender = faults.stack, "actions-down"
    answer_until(stack, sender, BULLYING, "What is your name?")
    faults.kill_actions()
    try:
        said = texts(stack.say(sender, "Jo Baxter"))
        assert len(said) == 1, said  # one apology, not one per failed action
        assert "problem on our side" in said[0] and profile.office_phone in said[0], said
        tracker = stack.tracker(sender)
        assert [e for e in tracker["events"] if e["event"] == "user"][-1]["text"] == "Jo Baxter"
        assert tracker["active_loop"]["name"] == "case_form"
        assert tracker["slots"]["requested_slot"] == "parent_name"

        # A new conversation about a child at risk, with the action server still down:
        # 999 comes first, then who to phone now, since no alert could be sent.
        at_risk = texts(stack.say("actions-down-at-risk", ROWS[SAFEGUARDING][1]))
        assert len(at_risk) == 1, at_risk
        assert at_risk[0].startswith("If a child is in immediate danger, please call 999"), at_risk
        assert profile.children_services.phone in at_risk[0] and profile.office_phone in at_risk[0]
    finally:
        faults.start_actions()

    said = texts(stack.say(sender, "Jo Baxter"))
    assert "What is the best phone number or email address" in said[-1], said
    said = texts(stack.say(sender, "jo.baxter@example.org"))
    assert "Here's what I'll send" in said[-1] and "Jo Baxter" in said[-1], said
    said = texts(stack.say(sender, "/affirm"))
    assert any("I've recorded this as" in t for t in said), said
    [case] = cases_of(faults.database_url, sender)
    assert (case["category"], case["child_name"], case["parent_name"], case["parent_contact"]) == (
        "bullying", "Ruby", "Jo Baxter", "jo.baxter@example.org")
    assert not cases_of(faults.database_url, "actions-down-at-risk")
