"""The NLU's safety net asks one kind question on a weak or unclear sign (issue 10, item 3),
whatever milder intent the model read, and never alerts at once on a fear the words explain by
an everyday reason or on a question about what is allowed."""
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.safeguarding_net import SafeguardingNet


def _after_the_net(text: str, ranking: list[tuple[str, float]]) -> tuple[str, str | None]:
    """The intent after the net and the fallback, and the first reading under a question."""
    message = Message(data={TEXT: text})
    scored = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message.set(INTENT, scored[0])
    message.set(INTENT_RANKING_KEY, scored)
    SafeguardingNet().process([message])
    FallbackClassifier({"threshold": 0.3, "ambiguity_threshold": 0.15}).process([message])
    below = [r["name"] for r in message.get(INTENT_RANKING_KEY) if r["name"] != "nlu_fallback"]
    return message.get(INTENT)["name"], (below[0] if below else None)


def test_weak_words_the_model_read_as_something_milder_are_asked_about():
    assert _after_the_net("my son cries and shakes when his stepdad comes home from the pub",
                          [("concern_child", 0.8), ("safeguarding_child", 0.1)]) == ("nlu_fallback", "safeguarding_child")
    # a member of staff's one favour: asked about as an allegation, so "yes" never goes to the DSL alone
    assert _after_the_net("my son's teacher gave him a lift home yesterday",
                          [("complain_staff", 0.7), ("compliment_staff", 0.2)]) == ("nlu_fallback", "staff_allegation")
    # nothing weak in the words: the model's reading stands
    assert _after_the_net("my son's teacher gave him extra reading homework",
                          [("complain_staff", 0.7), ("compliment_staff", 0.2)])[0] == "complain_staff"


def test_a_sure_model_is_asked_rather_than_alerting_on_an_everyday_reason_or_a_rules_question():
    for text in ("my daughter is scared to go home after parents evening",
                 "at what age are children allowed to walk home on their own",
                 "two girls in her class keep tripping her up at dinner and now she's frightened to go in",
                 "my brother's a police dog handler and he'd be happy to bring the dog in for the children"):
        assert _after_the_net(text, [("safeguarding_child", 0.95), ("concern_child", 0.03)]) == \
            ("nlu_fallback", "safeguarding_child"), text
    # bullying in its own words, nothing of harm: asked (bullying is offered beside yes), not alerted
    for text in ("my granddaughter's being picked on, her mum asked me to message you",
                 "our lad is being bullied again and his dad asked me to get in touch"):
        assert _after_the_net(text, [("safeguarding_child", 0.9), ("report_bullying", 0.05)])[0] == "nlu_fallback", text
    # with a word of harm, the sure reading still alerts at once
    assert _after_the_net("he's being picked on and they keep kicking him and he's terrified",
                          [("safeguarding_child", 0.9), ("report_bullying", 0.05)])[0] == "safeguarding_child"
    # the same sureness on a plain worry still alerts at once
    assert _after_the_net("she is terrified of someone at home and won't say who",
                          [("safeguarding_child", 0.95), ("concern_child", 0.03)])[0] == "safeguarding_child"


def test_a_child_or_someone_at_home_named_as_the_actor_is_not_made_an_allegation_about_staff():
    # The model leans to staff (a teacher is named, but only as the one not to be told).
    for text in ("a boy in her class keeps touching her under the table and says it's a game, not to tell the teacher",
                 "my nephew is terrified of his mam's new boyfriend and asks to sleep at ours"):
        assert _after_the_net(text, [("staff_allegation", 0.5), ("safeguarding_child", 0.4)])[0] == \
            "safeguarding_child", text
    # a member of staff in the words: an allegation it stays
    assert _after_the_net("the TA keeps touching her under the table and says it's a game",
                          [("staff_allegation", 0.5), ("safeguarding_child", 0.4)])[0] == "staff_allegation"


def test_a_child_harming_themselves_is_a_worry_for_the_safeguarding_lead_even_when_the_model_leans_to_staff():
    # "even for PE" is a school word, not a member of staff acting: the DSL's matter.
    assert _after_the_net("she's started wearing long sleeves even for PE and tonight I saw cuts on her arm",
                          [("staff_allegation", 0.9), ("safeguarding_child", 0.08)])[0] == "safeguarding_child"


def test_a_staff_member_telling_of_a_colleague_with_a_child_is_an_allegation_whatever_the_model_read():
    # Issue 11, item 13: the model reads these as whistleblowing (a signpost) or is unsure; the
    # net makes them the allegation they are, so the intake starts and the alert goes at once.
    for text in ("I'm a teacher at Oakley Cross and want to whistleblow about a colleague who has been rough with "
                 "the children",
                 "as a member of staff I need to report a colleague, I think she is too close to one of the Year 6 "
                 "girls, buys her presents"):
        assert _after_the_net(text, [("signpost", 0.83), ("staff_allegation", 0.1)])[0] == "staff_allegation", text
    # asking where whistleblowing goes stays the signpost
    assert _after_the_net("how do i whistleblow about a colleague",
                          [("signpost", 0.83), ("staff_allegation", 0.1)])[0] == "signpost"
