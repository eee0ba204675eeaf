"""The Rasa server restarts in the middle of a case: the conversation is in the SQL tracker
store (a file), so the parent's next answer carries on the form, and the case is filed once."""
from __future__ import annotations

from tests.resilience.talk import answer_until, cases_of, texts

COMPLAINT_ABOUT_THE_SCHOOL = 2


def test_the_form_carries_on_after_the_rasa_server_restarts(faults):
    sender = "rasa-restart"
    answer_until(faults.stack, sender, COMPLAINT_ABOUT_THE_SCHOOL, "What is the best phone number")
    faults.stop_stack()
    stack = faults.start_stack()  # same tracker file and cases database, new processes and ports

    said = texts(stack.say(sender, "07700 900123"))
    assert "Here's what I'll send" in said[-1] and "Kim Hall" in said[-1], said
    said = texts(stack.say(sender, "/affirm"))
    assert any("I've recorded this as" in t for t in said), said
    [case] = cases_of(faults.database_url, sender)
    assert (case["category"], case["about"], case["parent_name"]) == ("complaint", "school", "Kim Hall")
    assert case["reference"] in "\n".join(said)
