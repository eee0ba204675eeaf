"""A decision the NLU's rule steps make (the safety net, plain answers, other languages) is the
message's intent whatever the model thought, and the fallback can never undo it."""
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_steps import decide_intent
from components.safeguarding_net import SafeguardingNet


def _scored_by_the_model(text: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={TEXT: text})
    scored = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, scored[0])
    message.set(INTENT_RANKING_KEY, scored)
    return message


def test_a_plain_statement_of_risk_the_model_read_as_a_concern_still_alerts():
    # The model is sure it is a concern (0.9): the net's decision at 1.0 sits within the
    # fallback's ambiguity margin of it, and must still not become "I didn't understand".
    message = _scored_by_the_model("her stepdad hits her when her mum is at work",
                                   [("concern_child", 0.9), ("safeguarding_child", 0.05)])
    SafeguardingNet().process([message])
    FallbackClassifier({"threshold": 0.3, "ambiguity_threshold": 0.15}).process([message])
    assert message.get(INTENT)["name"] == "safeguarding_child"
    assert message.get("model_intent_ranking")[0]["name"] == "concern_child"


def test_a_second_decision_keeps_the_models_own_ranking():
    message = _scored_by_the_model("stop", [("deny", 0.6), ("cancel", 0.3)])
    decide_intent(message, "cancel")
    decide_intent(message, "safeguarding_child")
    assert message.get(INTENT_RANKING_KEY) == [{"name": "safeguarding_child", "confidence": 1.0}]
    assert [r["name"] for r in message.get("model_intent_ranking")] == ["deny", "cancel"]
