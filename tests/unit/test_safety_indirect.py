"""Risk said in indirect everyday words (issue 10, item 3): each family alerts on the sign that
makes everyday words a worry, and its guard keeps the everyday words alone from alerting.
Every example here was written for this test, apart from the development and held-out sets."""
import pytest

from concerns.safety import (about_domestic_abuse, ask_rather_than_alert, may_be_at_risk, safeguarding_matter, staff_cross_the_line,
                             staff_may_be_the_actor, weak_safeguarding_signal)


def _alerts(texts):
    return [text for text in texts if safeguarding_matter(text, "concern_child") is None]


def _quiet(texts):
    return [text for text in texts if safeguarding_matter(text, "concern_child") is not None]


FAMILIES = {
    "online grooming: an online contact, and two signs or a stranger's ask": (
        ["someone my son plays minecraft with keeps telling him he's really mature for his age and wants a selfie of him",
         "a lad from roblox sent her a gift card and told her to delete the messages so her dad won't find out",
         "my daughter gets snapchats from a number she doesn't recognise asking where she lives",
         "a guy she met on a game wants her to video call him with her headphones on so nobody can hear",
         "some man on discord offered my son twenty pounds to do dares on webcam"],
        ["my son keeps asking me to buy him v bucks for fortnite, is there a sensible limit",
         "his friends from class play fortnite every night and one of them sent him a birthday card",
         "can my daughter bring her tablet on the trip to take photos"]),
    "a child missing: gone out and not back, not where expected and not reachable": (
        ["my 9 year old went to the shop on his scooter an hour ago and still hasn't come back",
         "she wasn't at the gate at home time and she isn't at home, her phone is off, where is she",
         "has anyone seen Tyler from year 4, he went to the park and hasnt come back"],
        ["he went to the library and hasn't come back with the right book",
         "the office said he hadn't arrived but it turns out he was in breakfast club all along",
         "his reading book hasn't come home since monday",
         "has anyone seen her lunchbox, it's missing again",
         "my husband went to work and hasn't come back yet so grandad will collect"]),
    "neglect: two signs about another family's child, or one that stands alone": (
        ["the boy next door is always asking my kids for food and they have no heating in the house",
         "my daughter's friend sleeps in her coat because they've got no electric",
         "two little ones from reception were out on the street at 10 at night on their own",
         "the lad across the road keeps getting locked out, he sat on the doorstep for hours last night"],
        ["my son is always hungry after football, can he bring a bigger snack",
         "whats the password, she's locked out of the reading app again",
         "can he walk home on his own at 3.15 now he's in year 6",
         "the boys won't leave him alone every day at break"]),
    "closeness in private with a secret or a game": (
        ["my daughter says her uncle gets into bed with her when he babysits and tells her it's their secret",
         "a boy in year 6 keeps touching my son under his jumper in assembly and says he's not to tell"],
        ["she likes to read under the covers with a torch, is that bad for her eyes",
         "he climbs into bed with his little brother when there's a storm, it's a game they play"]),
    "a child afraid of an adult at home, or safer anywhere else": (
        ["my niece is petrified of her stepdad and keeps asking to sleep at ours",
         "my son told me he feels safer at school than at home"],
        ["she's scared of her dad finding out she lost her coat",
         "he's frightened of his grandad's dog"]),
    "domestic abuse in indirect words": (
        ["my husband pinned me against the fridge last night and the kids saw",
         "he reads all my messages and took my car keys, I can't leave and I'm frightened",
         "my little girl says she hides under her bed when daddy and mummy are shouting",
         "her ex isn't allowed to contact them but he's been waiting outside the school gate"],
        ["my partner will be collecting them, please don't ring me at work",
         "his dad's not allowed to pick him up on tuesdays because he has football"]),
    "FGM and forced marriage in a family's words": (
        ["her aunt says she'll have the cutting when they visit family this summer",
         "a girl in year 5 told my daughter she's getting married when she goes abroad, she's 10"],
        ["Miss Kerr is getting married in the summer, can we get her a card",
         "my sister is getting married so my daughter will be off on friday",
         "we cut the cake at her birthday party and she loved it"]),
    "radicalisation: hatred of a group taught as a cause": (
        ["my son watches a man online who says immigrants are taking over and we need to fight back",
         "his uncle tells him it's right to hurt people who disagree with him"],
        ["in history they learned how the romans invaded britain",
         "is it ok for him to do a project on the first world war"]),
    "exploitation: paid errands, debts, threats to the family, an adult 'boyfriend'": (
        ["some big lads give him cash for dropping bags off at a flat",
         "a gang bought him new trainers and now he says he owes them",
         "they told him they'll hurt his mam if he stops carrying for them",
         "my daughter's 12 and has a boyfriend who's 20 and buys her vodka"],
        ["his friend's big brother gave him a lift to football",
         "he owes them a fiver for the school trip",
         "my eldest, he's 16 and she's 9, can he collect her"]),
    "injuries and explanations that do not fit": (
        ["there's a lad in year 3 with bruises on his neck that look like finger marks",
         "she came back from contact with a burn on her hand and nobody can explain it",
         "he had a black eye and said he walked into a door again"],
        ["he's got a bruise on his knee from football, can he skip PE",
         "she's got a birthmark like a strawberry on her arm"]),
    "a carer drunk in charge of children": (
        ["a dad at pick up was slurring and could barely walk straight, then drove off with his kids"],
        ["my husband had a drink at the christmas do so I'll do pick up",
         "he's drunk all his juice already, can I pick up another bottle at the office"]),
    "self-harm and suicide in a child's words": (
        ["my son said he wishes he wasn't alive",
         "she has been hiding paracetamol in her room",
         "he asked me how long it takes to die if you stop eating"],
        ["she's cutting out shapes for her homework",
         "he says everyone would be happier if we got a dog",
         "she's so tired she could sleep forever lol",
         "she told me she wanted to die of embarrassment when she fell over in the nativity",
         "he keeps asking how to stop breathing underwater so he can swim further"]),
    "private fostering: a child not one's own, living with us for weeks": (
        ["my friend's son has been living with us since october while she works abroad, we aren't related",
         "a girl from my daughter's class has been staying with us for six weeks because her parents are overseas"],
        ["my niece is staying with us for the weekend",
         "my son's friend is stopping at ours tonight for a sleepover"]),
    "child-on-child images and harassment": (
        ["some boys keep lifting up the girls' skirts in the playground",
         "a boy showed my son clips of grown ups doing rude things on his phone",
         "a year 6 boy keeps asking girls for pics on instagram and sharing them around"],
        ["my daughter's class are asking people for photos of their pets for a display"]),
    "a child lured away with treats": (
        ["a bloke by the shops gives kids sweets if they come into his flat"],
        ["the ice cream man gives the kids free sweets on fridays"]),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_alerts_on_its_sign_and_not_on_the_everyday_words(family):
    risky, everyday = FAMILIES[family]
    assert _alerts(risky) == []
    assert _quiet(everyday) == []


def test_lessons_a_cake_knife_and_a_book_that_did_not_come_home_are_not_alerts():
    assert _quiet(["she came home talking about the underwear rule and private parts from her lesson, is that normal",
                   "do i need to send a knife in to cut the birthday cake or have you got one",
                   "her reading book hasnt come home all week"]) == []
    # the words themselves still alert outside a lesson, and a weapon outside a kitchen
    assert _alerts(["she keeps saying her private parts are sore after her uncle visits",
                    "a boy had a knife in his bag at break"]) == []


def test_staff_crossing_the_line_is_an_allegation_and_one_favour_is_a_question():
    for text in ("my son's teacher has been messaging him on instagram after 11pm",
                 "Mr Jones gave my daughter his personal mobile number and said to text him",
                 "the TA took my son back to her house after school without asking me",
                 "a supply teacher kept my daughter in the classroom alone with the door locked",
                 "Mrs Brown bought my son an ipad and told him it's their secret",
                 "a lunchtime supervisor has been giving the year 5 boys cigarettes behind the hall"):
        assert staff_cross_the_line(text) == "alert", text
        assert safeguarding_matter(text, "concern_child") == "staff_allegation", text
    for text in ("my son's teacher gave him a lift home yesterday", "Mr Green keeps my son back at lunch on his own"):
        assert staff_cross_the_line(text) == "ask", text
        assert weak_safeguarding_signal(text) == "staff_allegation", text
    for text in ("the teacher messaged me on the class app about the trip",
                 "my son's teacher gave him a lift home when my car broke down, so kind, please thank her",
                 "miss kerr has a clear favourite in the class",
                 "the class is buying Mr Bell a retirement gift, please keep it a secret from him",
                 "someone online keeps calling her a liar, Miss Lowe is upset",
                 "the youth club leader messages my son late at night",
                 "the PTA is selling cakes to the children after school on friday"):
        assert staff_cross_the_line(text) is None, text


def test_staff_hurting_a_child_in_more_words_is_an_allegation():
    for text in ("Mrs Hughes pinched my son's arm till it bruised",
                 "the head put his hands around my daughter's throat",
                 "one of the lunchtime ladies keeps shouting at him and yesterday she pulled his hair",
                 "the TA shut him in the store room on his own"):
        assert safeguarding_matter(text, "complain_staff") == "staff_allegation", text
    for text in ("Mr Bell pinched my idea for the fair lol", "the dinner ladies are lovely, she pinched a chip off his plate"):
        assert safeguarding_matter(text, "complain_staff") is None, text


def test_weak_signs_are_asked_about_not_alerted():
    for text in ("my son cries and shakes when his stepdad comes home from the pub",
                 "she won't let her uncle help her get dressed anymore",
                 "he doesn't want to go to his nan's any more, he cried all the way there",
                 "my daughter is scared to go home after she got a detention",
                 "she's frightened of her dad",
                 "the lad next door never has a coat even when it's freezing"):
        assert safeguarding_matter(text, "concern_child") is None, text
        assert weak_safeguarding_signal(text) == "safeguarding_child", text
    for text in ("he cries when I drop him at breakfast club",
                 "she's scared of her mum finding out she lost her coat",
                 "the baby screams when the hoover comes on",
                 "the kids in his class keep saying he smells"):
        assert weak_safeguarding_signal(text) is None, text


def test_a_fear_with_an_everyday_reason_or_a_rules_question_is_asked_about():
    for text in ("what age can children walk to school alone",
                 "is it ok for my 13 year old to babysit her brother after school",
                 "my son is terrified to come in because of his spelling test",
                 "she's scared to go home after parents' evening",
                 "my wife's a paramedic and she could come in and show the ambulance if the class would like"):
        assert ask_rather_than_alert(text), text
    for text in ("she is terrified to go home after school", "her stepdad hits her", "he's scared to come in"):
        assert not ask_rather_than_alert(text), text
    # the fear with an everyday reason no longer alerts on its own; harm beside it still does
    assert safeguarding_matter("she's scared to go home after parents' evening", "concern_child") is None
    assert safeguarding_matter("she's scared to go home because her dad will hit her over her report",
                               "concern_child") == "safeguarding_child"


def test_staff_named_only_as_told_are_not_the_actor():
    assert not staff_may_be_the_actor("a lad in her class keeps touching her and told her not to tell the teacher")
    assert not staff_may_be_the_actor("her mam's partner grabbed her arm")
    assert staff_may_be_the_actor("the head grabbed him")
    assert staff_may_be_the_actor("someone who works at the school messaged her")
    assert staff_may_be_the_actor("something happened to him and he won't say what")
    # A child harming themselves: the child acts, so it is never an allegation about staff
    # because a school word ("even for PE") is near it; named staff still count.
    assert not staff_may_be_the_actor("she's been wearing long sleeves even in PE and I found cuts on her arm")
    assert staff_may_be_the_actor("her teacher told her to cut herself")
    assert may_be_at_risk("a lad in her class keeps touching her under the table and says it's a game")


def test_private_fostering_is_explained_beside_999(profile):
    from concerns import wording
    words = wording.safeguarding_first_words(
        profile, "a boy from my son's class has been stopping with us for two months now, his mum is working away")
    assert words.startswith("If a child is in immediate danger, please call 999")
    assert "private fostering" in words and "28 days" in words
    assert "private fostering" not in wording.safeguarding_first_words(profile, "my neighbour hits her kids")


def test_a_child_who_says_an_adult_at_home_makes_them_feel_weird_is_answered_as_a_child():
    from concerns.safety import a_child_discloses
    assert a_child_discloses("i am 9 and my step dad says stuff that makes me feel yucky when mum is out")
    assert not a_child_discloses("my son says his step dad makes him feel welcome")


def test_a_parent_harmed_or_controlled_in_indirect_words_is_asked_whether_contact_is_safe(profile):
    from concerns import wording
    from concerns.safety import a_child_discloses, about_domestic_abuse
    for text in ("he goes through my phone and took my bank card, I can't go out and I'm scared",
                 "my husband held me against the door last night",
                 "please don't text me, he reads everything"):
        assert about_domestic_abuse(text) and not a_child_discloses(text), text
        assert "Domestic Abuse" in wording.safeguarding_first_words(profile, text), text
    # a child telling of a parent is answered as a child, and a neighbour's worry is no parent's abuse
    assert not about_domestic_abuse("my dad held me against the door last night")
    assert not about_domestic_abuse("my little girl says she hides under her bed when daddy and mummy are shouting")


def test_pictures_asked_of_girls_and_passed_round_get_the_advice_never_to_keep_or_forward_them():
    from concerns.safety import about_nude_images
    assert about_nude_images("some boys in year 6 keep begging girls for pics on snapchat and passing them round")
    assert not about_nude_images("the teacher is asking kids for photos of their holidays for the wall")


@pytest.mark.parametrize("words", [
    "he gets nasty when he has had a drink and the kids see it all",
    "my partner kicks off when hes drunk and the children hear everything",
    "he screams at me most nights and our lad hears it all",
    "please text only, he goes through my phone. he turns really aggressive after the pub and my daughter sees it",
])
def test_a_child_who_sees_or_hears_an_adult_at_home_turn_on_the_parent_is_a_safeguarding_matter(words):
    # KCSIE annex B: children can "see, hear or experience the effects of" domestic abuse.
    assert safeguarding_matter(words, "") == "safeguarding_child" and about_domestic_abuse(words)


@pytest.mark.parametrize("words", [
    "my son gets really aggressive when he loses at fifa and his sister sees it all",
    "he kicks off at bedtime and his brother hears it all",
    "my son gets upset when I shout at him and his sister hears it all",
    "the dog goes mad when the postman comes and the baby hears it",
])
def test_a_childs_temper_or_an_everyday_noise_is_not_domestic_abuse(words):
    assert safeguarding_matter(words, "") is None and not about_domestic_abuse(words)
