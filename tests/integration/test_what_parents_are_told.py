"""End to end on the real stack: what a parent is told about what happens to their words is
true for their matter (issue 11, item 8). Every turn is a payload, as a button sends it, so
nothing here depends on what the model makes of a sentence; the stack's clock is Wednesday
25 November 2026, 10:00, in term."""
from __future__ import annotations

import pytest

from concerns.store import CaseStore
from tests.integration.stack import stack_with_mail


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("stack")) as (stack, inbox):
        yield stack, inbox


def _said(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_why_a_detail_is_asked_and_what_happens_next_are_true_for_the_matter(running):
    stack, _ = running
    # A complaint about a member of staff: the form asks who it is about, and the parent asks why.
    opened = _said(stack.say("e2e-why-complaint", "/complain_staff"))
    assert "Who is it about?" in opened
    why = _said(stack.say("e2e-why-complaint", "/ask_why_needed"))
    assert "I ask so the right person looks into it, and so it never goes to the person it is about." in why
    assert "If the complaint is about someone, they are normally told about it and asked for their account." in why
    assert "keeps the record for 6 years after it is closed" in why
    assert "Who is it about?" in why  # and the form goes on where it was

    # A child may be at risk: the alert is filed at once, then the form asks for the child's name.
    alerted = _said(stack.say("e2e-why-safeguarding", "/safeguarding_child"))
    assert alerted.startswith("If a child is in immediate danger, please call 999")
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == "e2e-why-safeguarding"]
    assert "What is your child's first name?" in alerted
    why = _said(stack.say("e2e-why-safeguarding", "/ask_why_needed"))
    assert "To keep children safe, what you tell us may be shared with children's services, the local authority " \
           "designated officer (the LADO) and the police." in why
    assert "keeps the record for 25 years after it is closed" in why
    assert "only seen by the staff" not in why
    # What happens next is read from the alert already filed: the lead decides, no outcome promised.
    next_steps = _said(stack.say("e2e-why-safeguarding", "/ask_what_next"))
    assert f"{case['reference']} is with our Designated Safeguarding Lead." in next_steps
    assert "They may not be able to tell you what they decide" in next_steps
    assert "Once you confirm" not in next_steps
