"""Issue 11, item 1, on the real stack, for a staff take-over (the hand-off is in
test_conversation_access.py): every parent message of a conversation a member of staff has taken
over still goes through the safeguarding check. A plain statement of risk, and a sign the
assistant would otherwise have asked about ("Are you worried a child may be at risk?", which a
paused chat cannot ask), both get 999 first and an alert to the safeguarding lead; the
conversation stays with the member of staff."""
from __future__ import annotations

import re

import pytest

from concerns.store import CaseStore
from tests.integration.stack import stack_with_mail
from tests.integration.test_conversation_access import (BELL, DANGER, _cli, conversation_linked_from, signed_in,
                                                          wait_for)
from tests.integration.test_end_to_end import DEPUTY, DSL, drive

# Words the safety net reads as a weak sign (asked about, never alerted on at once, when not paused).
WEAK_SIGN = "my son cries and shakes when his stepdad comes home from the pub"


@pytest.fixture(scope="module")
def taken_over(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("takeover")) as (stack, inbox):
        _cli(stack, "staff", "add", BELL, "--password-stdin", password=True)
        sender = "takeover-parent"
        drive(stack, sender, "/report_bullying", None, "year 1")   # Mr Bell's class
        [case] = CaseStore(stack.database_url).list(sender_id=sender)
        teacher = signed_in(stack, BELL)
        conversation = conversation_linked_from(teacher, stack, case["reference"])
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          teacher.get(stack.console_url + conversation).text).group(1)
        taken = teacher.post(stack.console_url + conversation + "/takeover", data={"csrf_token": token},
                             allow_redirects=False)
        assert taken.status_code == 302 and stack.tracker(sender)["paused"] is True
        yield stack, inbox, sender


@pytest.mark.parametrize("words", [DANGER, WEAK_SIGN])
def test_a_taken_over_conversation_still_answers_danger(taken_over, words):
    stack, inbox, sender = taken_over
    before = {c["reference"] for c in CaseStore(stack.database_url).list(sender_id=sender)}
    said = [r.get("text") or "" for r in stack.say(sender, words)]
    assert said and said[0].startswith("If a child is in immediate danger, please call 999"), said
    tracker = stack.tracker(sender)
    assert tracker["paused"] is True and not (tracker.get("active_loop") or {}).get("name")
    [alert] = [c for c in CaseStore(stack.database_url).list(sender_id=sender) if c["reference"] not in before]
    assert (alert["category"], alert["urgency"]) == ("safeguarding", "urgent") and alert["account"] == words
    assert wait_for(lambda: sorted(m["to"][0] for m in inbox.messages if alert["reference"] in m["subject"])
                    == sorted([DSL, DEPUTY]))
