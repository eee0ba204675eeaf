"""Issue 11, item 1: a paused conversation still answers danger. A message the understanding
would have asked about ("Are you worried a child may be at risk?") cannot be asked while staff
have the conversation; unasked, it alerts, as no answer to that question does."""
from channels.paused_safeguarding import signals_danger


def _parsed(intent: str, *ranking: tuple[str, float]) -> dict:
    return {"intent": {"name": intent, "confidence": 0.3 if intent == "nlu_fallback" else 0.9},
            "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking]}


def test_a_plain_signal_in_a_paused_conversation_alerts():
    assert signals_danger(_parsed("safeguarding_child", ("safeguarding_child", 1.0)))
    assert signals_danger(_parsed("staff_allegation", ("staff_allegation", 0.9)))


def test_a_sign_that_would_have_been_asked_about_alerts_while_paused():
    assert signals_danger(_parsed("nlu_fallback", ("nlu_fallback", 0.3), ("safeguarding_child", 0.6),
                                  ("concern_child", 0.2)))
    assert signals_danger(_parsed("nlu_fallback", ("nlu_fallback", 0.3), ("staff_allegation", 0.4)))


def test_everything_else_waits_for_staff():
    assert not signals_danger(_parsed("thank", ("thank", 0.9)))
    assert not signals_danger(_parsed("nlu_fallback", ("nlu_fallback", 0.3), ("concern_child", 0.4),
                                      ("safeguarding_child", 0.3)))
    assert not signals_danger(None)
