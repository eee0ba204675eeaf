"""Reading a long first message by its sentences when the whole reading is unsure."""
from components.long_messages import reading_by_sentences, sentences_of, whole_is_unsure


def reading(*pairs):
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


RAMBLE = ("Hi sorry this is a long one, I'm not sure who reads these. We've had a lot on at home lately with my "
          "dad being poorly and I didn't want to make a fuss. She's been quiet all week and off her tea. Then "
          "last night she showed me a video of her in the changing room that's going round the class group chat.")


def test_a_long_message_is_read_in_its_sentences_and_a_short_one_is_not():
    assert len(sentences_of(RAMBLE)) == 4
    assert sentences_of("my son is being bullied. it happened again today. please help") == []
    assert sentences_of(" ".join(["word"] * 50)) == []  # one run-on sentence: nothing to split


def test_an_unsure_whole_reading_takes_the_matter_one_sentence_says_plainly():
    whole = reading(("safeguarding_child", 0.46), ("report_cyberbullying", 0.2), ("concern_child", 0.1))
    sentences = [reading(("out_of_scope", 0.6), ("concern_child", 0.2)),
                 reading(("concern_child", 0.5), ("complain_staff", 0.2)),
                 reading(("report_cyberbullying", 0.8), ("safeguarding_child", 0.15))]
    ranked = reading_by_sentences(whole, sentences)
    assert ranked[0] == {"name": "report_cyberbullying", "confidence": 0.8}
    assert [r["name"] for r in ranked[1:]] == ["safeguarding_child", "concern_child"]
    assert abs(sum(r["confidence"] for r in ranked) - 1.0) < 1e-9  # the rest share what is left


def test_a_sentence_that_may_tell_of_risk_keeps_the_whole_reading():
    whole = reading(("safeguarding_child", 0.5), ("report_bullying", 0.3))
    sentences = [reading(("report_bullying", 0.95)), reading(("safeguarding_child", 0.45), ("concern_child", 0.3)),
                 reading(("out_of_scope", 0.7))]
    assert reading_by_sentences(whole, sentences) is None


def test_two_different_plain_matters_keep_the_whole_reading_so_the_parent_is_asked():
    whole = reading(("complain_governor", 0.32), ("complain_headteacher", 0.31))
    sentences = [reading(("complain_staff", 0.77)), reading(("complain_governor", 0.98)),
                 reading(("out_of_scope", 0.8))]
    assert reading_by_sentences(whole, sentences) is None
    with_a_person = [reading(("complain_school", 0.8)), reading(("ask_human", 1.0)), reading(("greet", 0.9))]
    assert reading_by_sentences(whole, with_a_person) is None


def test_a_sure_whole_reading_stands_whatever_the_sentences_say():
    assert not whole_is_unsure(reading(("complain_staff", 0.88)))
    assert not whole_is_unsure(reading(("safeguarding_child", 0.9)))
    assert whole_is_unsure(reading(("safeguarding_child", 0.7)))
    assert reading_by_sentences(reading(("complain_staff", 0.88)), [reading(("report_bullying", 0.99))]) is None


def test_thanks_and_greetings_are_never_what_a_long_message_is_about():
    whole = reading(("concern_child", 0.4), ("compliment_staff", 0.35))
    sentences = [reading(("compliment_staff", 1.0)), reading(("greet", 0.9)), reading(("out_of_scope", 0.8))]
    assert reading_by_sentences(whole, sentences) is None
