"""A sender id always names one conversation in Rasa's API, never another route."""
from console.rasa_api import _segment


def test_ids_the_channels_issue_are_sent_as_they_are():
    for sender in ("2417894561", "e2e-0", "0f3a9c.5be1d2", "fuzz_parent:1@x"):
        assert _segment(sender) == sender


def test_characters_that_would_leave_the_segment_are_escaped():
    assert _segment("x/tracker/events?token=t#y") == "x%2Ftracker%2Fevents%3Ftoken=t%23y"
    assert _segment("100%") == "100%25"
    assert _segment("a b") == "a%20b"
