"""A form question's reply is heard as what it is (concerns/answers.py)."""
import pytest

from concerns.answers import (asks_why, changes_topic, confirms_first, could_be_a_name, does_not_know,
                              means_stop, refuses, says_nothing_more)


@pytest.mark.parametrize("reply", [
    "cancel", "stop", "forget it", "actually forget it, cancel", "I’ve changed my mind", "never mind",
    "leave it, I'll ring instead", "actually don't send that", "scrap that", "please stop", "Cancel it!",
    "can't be bothered with all this", "och I cannae be arsed wi this, don't worry about it"])
def test_stop_in_any_words_ends_the_intake(reply):
    assert means_stop(reply)


@pytest.mark.parametrize("reply", [
    "he won't stop kicking him at dinner time and nobody does anything about it at all",
    "Ruby", "year 4", "don't cancel it, send it", "07700 900123", "the bus stop",
    "he can't be bothered with his homework and I'm worried", "she cant be bothered with school since the fall out"])
def test_an_answer_is_not_a_stop(reply):
    assert not means_stop(reply)


@pytest.mark.parametrize("reply, name", [
    ("Kim Hall", True), ("it's Kim", True), ("Mrs O'Neill", True), ("Siobhán", True),
    ("actually forget it, cancel", False), ("why do you need my name?", False), ("I'd rather not say", False),
    ("dunno", False), ("my son is in year 3 and he is upset", False), ("no", False), ("Kim?", False)])
def test_a_name_is_a_name_and_a_sentence_is_not(reply, name):
    assert could_be_a_name(reply) is name


def test_refusals_questions_and_not_knowing():
    assert refuses("I'd rather not say my name") and refuses("can I stay anonymous") and refuses("no thanks")
    assert not refuses("Kim Hall")
    assert asks_why("why do you need that?") and asks_why("what's my number for") and asks_why("who will see this")
    assert not asks_why("he asked why she was crying and then he pushed her over in the yard")
    assert does_not_know("not sure") and does_not_know("dunno which class") and does_not_know("I don't know his name")
    assert not does_not_know("year 4")


@pytest.mark.parametrize("text, child", [
    ("im in year 5 and my mums boyfriend hits me", True),
    ("I'm 9 and my dad shouts at me and hits me", True),
    ("my brother hurts me and nobody at my school listens", True),
    # the safety net's first-person disclosures are a child writing too (Childline first)
    ("someone touched me", True),
    ("i dont feel safe at home", True),
    ("my partner hits me and i dont feel safe at home", False),
    ("my daughter is in year 5 and her dad hits her", False),
    ("my son says his teacher shouted at him", False),
])
def test_a_child_writing_about_themselves_is_told_apart_from_a_parent(text, child):
    from concerns.answers import a_child_is_writing

    assert a_child_is_writing(text) is child


@pytest.mark.parametrize("reply, nothing", [
    ("no", True), ("No thanks", True), ("nope, that’s everything", True), ("nothing else", True),
    ("no that's it cheers", True), ("not really x", True),
    ("no but he hits him", False), ("he also cries every night", False), ("no idea why he is so tired", False)])
def test_nothing_more_to_add_is_only_a_whole_reply_saying_so(reply, nothing):
    """A "no" that goes on to say more is more of their account, never dropped."""
    assert says_nothing_more(reply) is nothing


@pytest.mark.parametrize("text", [
    "Actually it’s about something else, my son is being bullied",
    "hang on, can I change what this is about? It's a post on facebook",
    "no actually, I don't want to do it like this, can I talk to someone instead",
    "sorry, scrap the dinner thing, what I really want is to complain about the head",
    "forget the uniform, a boy keeps hitting him at playtime",
    "that's not why I'm messaging, someone has made a fake account of her",
    "the real reason I'm here is a group chat about her",
    "actually shes fine really, she'll settle. what i wanted to flag is theres a post going round about her teacher",
    "what I really need to tell you is that a dad keeps filming the kids at the gate",
    "this will be easier to explain to a person. can I just speak to someone in the office please",
    "I'd rather talk to someone than type it all out",
    "sorry I don't think it's really a complaint, I'm just worried about him coping with the work",
    "it's not a complaint as such, more that she's been very quiet at home",
])
def test_a_plain_change_of_topic_is_recognised(text):
    assert changes_topic(text)


@pytest.mark.parametrize("text", [
    "the teacher told him to ignore the comments but it keeps happening",
    "he said it doesn't matter but it does to me",
    "she keeps forgetting her PE kit and gets told off",
    "the main problem is that he is hit every day",
    "it's not the first time this has happened",
    "he got a detention instead of a warning",
    "forget it",
    "it is about a boy in his class",
    "he says he wanted to tell the teacher but was too scared",
    "she finds it easier to talk to her nan than to me",
    "what he wanted was to be picked for the team",
    "I don't think it's fair that he was kept in at dinner",
    "the complaint is about the head",
])
def test_an_ordinary_answer_is_no_change_of_topic(text):
    assert not changes_topic(text)


@pytest.mark.parametrize("text, stops", [
    ("on second thoughts i dont want to put this in writing. can we just not bother", True),
    ("actually ive changed my mind, ill speak to her teacher at pick up tomorrow instead", True),
    ("i dont want to go ahead with it now", True),
    ("he said he would not bother going to school if she was there", False),
    ("i dont want this to happen again to any other child in the class ever", False),
    ("the teacher said not to bother with homework this week", False),
])
def test_a_longer_reply_that_withdraws_in_the_first_person_stops_and_an_account_does_not(text, stops):
    assert means_stop(text) is stops


@pytest.mark.parametrize("text", ["why do i have to put it all in writing? who actually reads this?",
                                  "who even reads these"])
def test_a_longer_why_or_who_reads_it_is_a_why(text):
    assert asks_why(text)


@pytest.mark.parametrize("reply, stops", [
    ("the school cancelling swimming", False),
    ("swimming was cancelled with no reason", False),
    ("why did they cancel the trip", False),
    ("can you cancel it please", True),
    ("no cancel that", True),
    ("cancel please", True),
    ("ok cancel", True),
])
def test_cancel_is_a_stop_when_it_is_asked_for_not_when_it_is_the_subject(reply, stops):
    assert means_stop(reply) is stops


@pytest.mark.parametrize("reply, yes", [
    ("Yes that's lovely thank you", True), ("yep all correct x", True), ("that's right, send it please", True),
    ("Yes, that's all correct. Thanks for your help.", True), ("looks good", True),
    ("yes he was hit again today", False), ("yes but the class is wrong", False), ("no", False),
    ("yes and there's something else", False),
    ("Yes, that is accurate.", True), ("yes it is", True), ("it is all correct", True), ("that is right thanks", True),
    ("it is not right", False), ("no that is wrong", False),
])
def test_a_plain_yes_is_a_yes_and_a_yes_with_more_is_not(reply, yes):
    from concerns.answers import means_yes
    assert means_yes(reply) is yes


@pytest.mark.parametrize("text", [
    "Amy. Sorry, it's not really her teacher I want to complain about, the real problem is a girl on the bus",
    "the bigger issue is that someone is sending her horrible messages",
])
def test_saying_the_real_problem_is_something_else_changes_topic(text):
    assert changes_topic(text)


@pytest.mark.parametrize("reply, refused", [
    ("no, sorry", True), ("nah", True), ("nee chance pet", True),
    ("I don't want to give my name, we live on the same street and if he found out it was me I'd be frightened of what "
     "he would do", True),
    ("Kim Hall", False), ("07700 900123", False),
    ("my son was told he was not getting his name on the board and now he has not been given a sticker all week", False),
])
def test_a_bare_no_or_a_refusal_before_its_reason_is_a_refusal(reply, refused):
    assert refuses(reply) is refused


@pytest.mark.parametrize("text, asks", [
    ("i want to make a complaint about something that happened in assembly", True),
    ("I'd like to raise a formal complaint", True), ("I wish to complain", True),
    ("i want to make a complaint to my bank about a charge", False),
    ("how do I complain about the airline losing my bag", False),
    ("my son complained about his tummy", False),
])
def test_a_message_that_says_it_is_a_complaint_to_the_school(text, asks):
    from concerns.answers import asks_to_complain
    assert asks_to_complain(text) is asks


@pytest.mark.parametrize("text", [
    "yes thats fine send it. can i tell you something else though, i didnt know whether to say",
    "Yes that's right - also there's something else",
    "yep, and one more thing about her dad",
    "yes",
])
def test_a_yes_before_something_else_confirms(text):
    assert confirms_first(text)


@pytest.mark.parametrize("text", [
    "her dad hits her. yes",
    "no. there's something else",
    "yes but can I add that she was hurt",   # a yes to adding, not to sending
    "yes I'm worried about her dad",
])
def test_words_that_do_not_start_with_a_plain_yes_do_not_confirm(text):
    assert not confirms_first(text)


@pytest.mark.parametrize("said, name", [
    ("Sandra Wright, I'm his foster carer (he's been with us since the summer)", "Sandra Wright"),
    ("Shelley Carter (no relation to the head lol)", "Shelley Carter"),
    ("Dylan - hes the youngest", "Dylan"),
    ("Kim. Thanks for asking", "Kim"),
    ("Jo", None),                                    # no aside: the reply itself is read as it is
    ("no, I would rather not", None), ("dont know, sorry", None),
    ("he is being bullied, can you help", None), ("why do you need it, its private", None),
])
def test_the_name_before_an_aside(said, name):
    from concerns.answers import name_before_an_aside
    assert name_before_an_aside(said) == name


@pytest.mark.parametrize("text, both", [
    ("Yes the maths. But while I've got you - a girl keeps pulling her hair. Can you log both please", True),
    ("separately, a lad in his class has been kicking him", True),
    ("also another thing, the dinner lady shouted at her", True),
    ("this is a separate issue but the toilets have no locks", True),
    ("he keeps getting kicked, and they both laugh at him", False),
    ("she cries over her maths every night", False),
    ("the other thing is he won't eat", False),
])
def test_asking_for_a_second_matter_to_be_recorded(text, both):
    from concerns.answers import asks_for_both
    assert asks_for_both(text) is both


@pytest.mark.parametrize("text", [
    # stop first, then why
    "no leave it. she's had a word with him herself and it's stopped",
    "doesn't matter now tbh, the trip's been paid for",
    "ach divvent bother, it's all sorted now",
    "forget it. not worth the grief, we're moving him after christmas anyway",
    "nah don't send it, me and his dad will go in on monday",
    "cba with this tbh",
    # taking it elsewhere, or settled
    "actually I'll just phone the office tomorrow morning",
    "I'd rather put it in writing to the head myself, please don't send anything",
    "spoke to her mum at the gate and it's all sorted now, thanks anyway",
    "I shouldn't have said anything, please forget it",
])
def test_a_reply_that_stops_first_and_says_why_or_takes_it_elsewhere_is_a_stop(text):
    assert means_stop(text)


@pytest.mark.parametrize("text", [
    "no, don't send it yet, I want to add what happened on friday",
    "I'll speak to Mr Bell at pick up tomorrow but I want it on record as well",
    "it's sorted now but it keeps happening every week",
    "don't worry, he's fine now but I wanted the teacher to know",
    "leave it with me and I'll find out which class she's in",
    "forget it, it's actually about a post on facebook",                        # a new matter
    "I'd rather speak to someone face to face, can I come into the office?",    # a hand-off
    "cba with his homework anymore, he just refuses",
])
def test_a_reply_that_holds_the_case_back_or_adds_to_it_is_no_stop(text):
    assert not means_stop(text)


@pytest.mark.parametrize("text", ["please don't send it to Mrs Carter, she's part of the problem",
                                  "don't pass this on to his teacher, she's the one I'm worried about"])
def test_asking_who_may_not_read_it_is_no_stop(text):
    assert not means_stop(text)


@pytest.mark.parametrize("text", [
    "sorry I can't type all this on my phone, I need to speak to an actual person. can someone ring me?",
    "it's my daughter Amber who's doing it, I'm worried about her and want help",
    "Jack. but the reading isn't really why I'm messaging, I want to complain about his teacher",
    "ok I won't post anything. can you log it as a formal complaint then",
])
def test_a_reply_that_says_the_matter_is_another_is_a_change_of_topic(text):
    assert changes_topic(text)


def test_a_reply_that_starts_with_sorry_is_no_name():
    assert not could_be_a_name("Sorry")
    assert not could_be_a_name("Sorry, I should explain")


@pytest.mark.parametrize("text", [
    "actually what i need to ask about is the school bus, does it still run on fridays",
    "hmm that's not what i meant really, my worry is the after school club",
    "sorry, a different thing - the dinner money account has been charged twice",
    "honestly it's not really the PE kit i'm worried about, it's the teacher who shouts",
    "could I just talk to a real person in the office about all this",
])
def test_saying_it_is_another_matter_or_asking_for_a_person_changes_topic(text):
    assert changes_topic(text)


@pytest.mark.parametrize("text", [
    "she says one thing at home and a different thing at school",
    "that's not what i wanted for her, she was meant to be in the top group",
    "I can talk to his dad about it",
])
def test_words_close_to_a_change_of_topic_in_an_answer_are_none(text):
    assert not changes_topic(text)


@pytest.mark.parametrize("text", [
    "don't send it, what's really happened is an older girl keeps tripping her up on the stairs",
    "please don't submit that, log it as bullying, a boy in her class bit her",
])
def test_not_sending_one_matter_to_tell_another_is_no_stop(text):
    assert not means_stop(text)


@pytest.mark.parametrize("reply, refused", [
    ("mind your own, I just want it sorted", True),
    ("that's none of your business", True),
    ("you don't need my email, just fix it", True),
    ("the office has my number already, I'm not typing it all again", True),
    ("you dont need that many forms", False),
    ("Lucy Barnes", False),
])
def test_a_refusal_in_plain_or_blunt_words_is_a_refusal(reply, refused):
    assert refuses(reply) is refused


@pytest.mark.parametrize("text", ["what are you going to do with my number", "what happens to my details after this?",
                                  "what will the school do with my email"])
def test_asking_what_is_done_with_a_detail_is_a_why(text):
    assert asks_why(text)


def test_cancel_this_then_why_is_a_stop():
    assert means_stop("cancel this please, my sister has already spoken to his teacher")
    assert not means_stop("cancel this please? no wait, I still want it sent")
