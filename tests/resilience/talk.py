"""Talking to the stack as a parent would, with the end-to-end test's answers."""
from __future__ import annotations

import time

from concerns.store import CaseStore
from tests.integration.stack import Stack
from tests.integration.test_end_to_end import ANSWERS, ROWS

__all__ = ["ROWS", "answer_until", "cases_of", "texts", "wait_until"]


def texts(replies: list[dict]) -> list[str]:
    return [reply.get("text") or "" for reply in replies]


def answer_until(stack: Stack, sender: str, row: int, question: str) -> list[str]:
    """Open with one of the routing table's messages and answer each question, until the
    assistant asks `question` (left unanswered); return everything it said."""
    _, opening, subject, school_class, _, _ = ROWS[row]
    said = texts(stack.say(sender, opening))
    for _ in range(12):
        if said and question in said[-1]:
            return said
        answer = next((value for asked, value in ANSWERS.items() if asked in said[-1]), None)
        assert answer is not None, f"unexpected question: {said}"
        said += texts(stack.say(sender, {"subject": subject, "class": school_class or "year 2"}.get(answer, answer)))
    raise AssertionError(f"never asked {question!r}: {said}")


def cases_of(database_url: str, sender: str) -> list[dict]:
    return [case for case in CaseStore(database_url).list(sender_id=sender)]


def wait_until(check, timeout: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()
