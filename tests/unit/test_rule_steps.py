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


def _net_reads(text: str, ranking: list[tuple[str, float]]) -> str:
    message = _scored_by_the_model(text, ranking)
    SafeguardingNet().process([message])
    return message.get(INTENT)["name"]


def test_a_worry_whose_first_words_make_staff_the_actor_is_an_allegation_about_staff():
    # Not for the DSL alone, who may be the person it is about: the Chair until the parent says who.
    for text in ("The caretaker keeps hanging around the girls' toilets and talking to them",
                 "My son's 1:1 has been restraining him on the floor several times a week",
                 "a TA has been messaging my 10 year old on Instagram late at night",
                 "one of the dinner ladies keeps taking my daughter behind the hall on her own"):
        assert _net_reads(text, [("safeguarding_child", 0.7), ("concern_child", 0.2)]) == "staff_allegation", text


def test_staff_who_only_tell_of_harm_at_home_leave_it_with_the_dsl():
    for text in ("the teacher rang to say my son has bruises on his back",
                 "his TA noticed he hasn't eaten all week and keeps coming in dirty",
                 "the teacher told me my daughter said her stepdad hurts her",
                 "my daughter's teacher is worried because she keeps saying she doesn't want to go home",
                 "the teacher can see she is hungry every morning"):
        assert _net_reads(text, [("safeguarding_child", 0.9), ("concern_child", 0.05)]) == "safeguarding_child", text


def test_staff_words_do_not_make_an_unsure_reading_an_alert():
    # The model barely leans to risk: the net does not turn a guess into an allegation.
    assert _net_reads("the TA keeps taking my son out of class for reading",
                      [("safeguarding_child", 0.35), ("complain_staff", 0.3)]) == "nlu_fallback"


def test_an_adult_outside_the_school_stays_with_the_dsl():
    # A youth club or scouts is not the school: the DSL refers it on.
    for text in ("the man who runs the youth club keeps messaging my daughter late at night",
                 "the club leader at scouts keeps asking my son to stay behind alone"):
        assert _net_reads(text, [("safeguarding_child", 0.9), ("concern_child", 0.05)]) == "safeguarding_child", text


def test_a_model_split_between_a_child_at_risk_and_an_allegation_is_an_allegation_when_staff_act():
    # Neither reading alone is sure (the fallback would ask), together they are.
    assert _net_reads("A TA has been messaging my 10 year old on Instagram, why would a grown woman do that",
                      [("safeguarding_child", 0.42), ("staff_allegation", 0.41), ("concern_child", 0.1)]) == \
        "staff_allegation"
    # A complaint about staff the model does not read as safeguarding is left alone.
    assert _net_reads("the TA who does interventions keeps taking him out of PE",
                      [("complain_staff", 0.6), ("staff_allegation", 0.12), ("safeguarding_child", 0.01)]) == \
        "complain_staff"


def test_a_weak_safeguarding_reading_by_the_model_alone_is_asked_about_not_alerted():
    # A nana's worry about nits the model half reads as risk: the fallback's question first
    # ("Are you worried a child may be at risk?"), the safeguarding reading kept at the top below it.
    message = _scored_by_the_model("his nana here, hes got nits that wont go and hes scratching his head raw",
                                   [("safeguarding_child", 0.77), ("concern_child", 0.13)])
    SafeguardingNet().process([message])
    FallbackClassifier({"threshold": 0.3, "ambiguity_threshold": 0.15}).process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY) if r["name"] != "nlu_fallback"][0] == \
        "safeguarding_child"


def test_a_sure_reading_or_words_of_risk_still_alert_at_once():
    assert _net_reads("i think something is really wrong at home for her, she is terrified of someone there",
                      [("safeguarding_child", 0.92), ("concern_child", 0.05)]) == "safeguarding_child"
    # The net's words decide whatever the model's confidence.
    assert _net_reads("her stepdad hits her when her mum is at work",
                      [("safeguarding_child", 0.55), ("concern_child", 0.4)]) == "safeguarding_child"


def test_a_complaint_about_staff_that_tells_of_harm_to_a_child_is_an_allegation():
    for text in ("Helen Carter kicked my son. Yes, the headteacher. I want it investigated",
                 "I want to report the head teacher. My daughter came home with scratches and says Mrs Carter held her down"):
        assert _net_reads(text, [("complain_headteacher", 0.8), ("staff_allegation", 0.1)]) == "staff_allegation", text
    for text in ("the head kicked him out of the football club for one bad tackle",
                 "she hit him with a detention for nothing",
                 "i told miss kerr about the boy hitting my son and she did nothing"):
        assert _net_reads(text, [("complain_staff", 0.8), ("staff_allegation", 0.1)]) == "complain_staff", text


def test_a_plain_yes_at_the_summary_is_a_yes_whatever_the_model_read_in_its_thanks():
    # "thank you" pulled the model towards thanks; the parent was asked the same summary again.
    from components.plain_answers import PlainAnswers
    message = _scored_by_the_model("Yes that's lovely thank you", [("compliment_staff", 0.35), ("affirm", 0.2)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    FallbackClassifier({"threshold": 0.3, "ambiguity_threshold": 0.15}).process([message])
    assert message.get(INTENT)["name"] == "affirm"


def test_a_message_that_says_it_is_a_complaint_is_one_when_the_model_is_unsure():
    from components.plain_answers import PlainAnswers
    message = _scored_by_the_model("i want to make a complaint about what happened at sports day",
                                   [("complaint_stage_2", 0.28), ("concern_child", 0.22)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "complaint_stage_2"  # (triage then starts it at stage 1)
    message = _scored_by_the_model("I'd like to make a formal complaint", [("signpost", 0.3), ("concern_child", 0.25)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "complain_school"
    # sure of its reading: it stands
    message = _scored_by_the_model("I want to complain, a boy keeps punching my son", [("report_bullying", 0.8)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "report_bullying"
    # a question the model read in a complaint's own words: the complaint, whatever its score
    message = _scored_by_the_model("I have a complaint about how long it takes the school to reply to anything",
                                   [("ask_how_long", 0.64), ("complain_school", 0.28)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "complain_school"
    message = _scored_by_the_model("I have a complaint in already, how long will it take?", [("ask_how_long", 0.9)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "ask_how_long"


def test_how_to_get_an_ehc_plan_in_a_long_warm_message_is_the_signpost_not_a_worry():
    from components.plain_answers import PlainAnswers
    said = ("sorry this is long, my daughter is autistic and her teacher has been lovely with her, but the "
            "consultant thinks she should have an EHCP. how do we start that, is it the school or the council?")
    message = _scored_by_the_model(said, [("concern_child", 0.7), ("compliment_staff", 0.2)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "signpost"
    # a plan the school is not following is a complaint to the school: the model's reading stands
    said = "his EHCP says he gets 1:1 support every morning and it's not being followed, how do I get that sorted"
    message = _scored_by_the_model(said, [("complain_school", 0.7)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "complain_school"
    message = _scored_by_the_model(said, [("concern_child", 0.7)])
    PlainAnswers.__new__(PlainAnswers).process([message])
    assert message.get(INTENT)["name"] == "concern_child"
