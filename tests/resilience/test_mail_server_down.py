"""The school's mail server is down for a while: the cases are kept, and every staff email
is delivered once it is back, none twice."""
from __future__ import annotations

import time
from collections import Counter

from tests.resilience.talk import ROWS, answer_until, cases_of, texts, wait_until

BULLYING, SAFEGUARDING = 5, 8  # two staff each; the safeguarding alert is urgent


def test_mail_sent_while_the_mail_server_is_down_arrives_once_when_it_is_back(faults):
    stack, inbox = faults.stack, faults.inbox
    expected = {f"mail-down-{row}": ROWS[row][5] for row in (BULLYING, SAFEGUARDING)}
    faults.stop_mail()
    try:
        for sender in expected:
            row = int(sender.rsplit("-", 1)[1])
            answer_until(stack, sender, row, "Here's what I'll send" if row == BULLYING else "What is the best phone")
            last = texts(stack.say(sender, "/affirm" if row == BULLYING else "07700 900123"))
            assert any("I've recorded this as" in t or "I've added your details" in t for t in last), last
        cases = {sender: cases_of(faults.database_url, sender) for sender in expected}
        assert all(len(found) == 1 for found in cases.values()), cases  # every case kept
        references = {sender: found[0]["reference"] for sender, found in cases.items()}

        def all_tried_and_waiting() -> bool:
            notes = [n for s in expected for n in cases_of(faults.database_url, s)[0]["notifications"]]
            return all(n["attempts"] >= 1 and n["status"] != "sent" for n in notes)

        assert wait_until(all_tried_and_waiting, timeout=15), "each email should have been tried and kept"
        assert not [m for m in inbox.messages if any(r in m["subject"] for r in references.values())]
    finally:
        faults.start_mail()

    def all_sent() -> bool:
        return all(n["status"] == "sent" for s in expected for n in cases_of(faults.database_url, s)[0]["notifications"])

    # The outbox backs off 5, 10, 20, 40 s between tries: a minute covers the next one.
    assert wait_until(all_sent, timeout=90), "the outbox never delivered after the mail server came back"
    time.sleep(3)  # a second delivery of anything would arrive by now
    for sender, reference in references.items():
        received = Counter(m["to"][0] for m in inbox.messages if reference in m["subject"])
        assert sorted(received) == sorted(expected[sender]), (reference, received)
        assert set(received.values()) == {1}, f"{reference} delivered twice: {received}"
