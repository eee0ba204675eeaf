"""Issue 11, item 10, on the real stack: a parent who hints that contact is not safe only when
asked for a number, or at the summary ("don't ring, he'll be home"), gets the National Domestic
Abuse Helpline and the question whether contact is safe; the case keeps "not safe" and copies
the safeguarding lead. The words matter here, so they go through the real model."""
from __future__ import annotations

import pytest

from concerns.store import CaseStore
from tests.integration.stack import stack_with_mail

HELPLINE = "the National Domestic Abuse Helpline on 0808 2000 247"
SAFE_QUESTION = "Is it safe for the school to contact you?"
NOT_SAFE = "NOT SAFE to phone or email: speak to them in person at school"
ANSWERS = {"What is your child's first name?": "Ruby", "Which class is": "year 2",
           "Please tell me what has happened": "She is struggling with her reading and gets upset at homework time.",
           "What is your name?": "Kim Hall"}


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("contact")) as (stack, inbox):
        yield stack


def _talk(stack, sender: str, at_number: str, at_summary: str) -> list[tuple[str, list[str]]]:
    """A worry about reading, opened with its button: each answer with what the assistant said to it."""
    said = [r.get("text") or "" for r in stack.say(sender, "/concern_child")]
    turns: list[tuple[str, list[str]]] = []
    for _ in range(12):
        last = said[-1] if said else ""
        if "What is the best phone number" in last:
            answer = at_number
        elif SAFE_QUESTION in last:
            answer = "not safe"
        elif "Here's what I'll send" in last:
            answer, at_summary = at_summary, "/affirm"
        elif any("I've recorded this as" in line for line in said):
            return turns
        else:
            answer = next((value for question, value in ANSWERS.items() if question in last), None)
            assert answer is not None, f"unexpected question: {said}"
        said = [r.get("text") or "" for r in stack.say(sender, answer)]
        turns.append((answer, said))
    raise AssertionError(f"the case was never recorded: {turns}")


def _after(turns: list[tuple[str, list[str]]], answer: str) -> list[str]:
    """Everything said from the reply to `answer` on."""
    start = next(i for i, (said, _) in enumerate(turns) if said == answer)
    return [line for _, replies in turns[start:] for line in replies]


def _case(stack, sender: str) -> dict:
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == sender]
    return case


@pytest.mark.parametrize("sender, at_number", [("hint-1", "text only please, he checks my phone"),
                                               ("hint-2", "don't ring, he'll be home")])
def test_a_hint_at_the_number_question_gets_the_helpline_and_the_safe_question(running, sender, at_number):
    said = _after(_talk(running, sender, at_number, "/affirm"), at_number)
    assert HELPLINE in said[0] and "call 999" in said[0], said
    assert SAFE_QUESTION in said[1], said
    assert any("Nobody will phone or email you" in line for line in said), said
    case = _case(running, sender)
    assert case["parent_contact"] == NOT_SAFE and "dsl" in case["copied_to"]


def test_a_hint_with_the_yes_at_the_summary_asks_before_anything_is_filed(running):
    hint = "yes send it but don't ring, he'll be home"
    said = _after(_talk(running, "hint-3", "07700 900123", hint), hint)
    assert HELPLINE in said[0] and SAFE_QUESTION in said[1], said
    case = _case(running, "hint-3")
    assert case["parent_contact"] == NOT_SAFE and "dsl" in case["copied_to"]


def test_a_plain_number_and_yes_are_unchanged(running):
    said = _after(_talk(running, "plain-1", "07700 900123", "/affirm"), "07700 900123")
    assert not any("Domestic Abuse" in line or SAFE_QUESTION in line for line in said), said
    case = _case(running, "plain-1")
    assert case["parent_contact"] == "07700 900123" and "dsl" not in case["copied_to"]
