"""Every row of DESIGN.md's routing table, and the details each case asks for."""
import pytest

from concerns import triage as triage_module
from concerns.triage import details_needed, matter_from_words, recipients, triage
from concerns import wording

ROUTING_TABLE = [
    # matter, text, subject, category, about, routed_to, copied_to, urgency
    ("concern_child", "worried about his reading", "", "concern", "child", "class_teacher", (), "normal"),
    ("complain_staff", "the TA was rude", "", "complaint", "staff", "headteacher", (), "normal"),
    ("complain_school", "the new uniform policy", "", "complaint", "school", "headteacher", (), "normal"),
    ("complain_headteacher", "the head ignores me", "", "complaint", "headteacher", "chair_of_governors", (),
     "normal"),
    ("complain_governor", "a parent governor", "", "complaint", "governor", "clerk_to_governors", (), "normal"),
    ("report_bullying", "he gets hit at playtime", "", "bullying", "child", "class_teacher", ("headteacher",),
     "high"),
    ("report_cyberbullying", "a snapchat group about my daughter", "", "cyberbullying", "child", "headteacher",
     ("dsl",), "high"),
    ("social_media_post", "a post on the village page slagging the school off", "", "social_media", "school",
     "headteacher", (), "normal"),
    ("safeguarding_child", "she has bruises and is scared to go home", "", "safeguarding", "child", "dsl",
     ("deputy_dsl",), "urgent"),
    # Who it is about is not known yet: the Chair, never a member of staff, until the parent says.
    ("staff_allegation", "a teacher grabbed my son", "", "safeguarding", "staff", "chair_of_governors", (), "urgent"),
    ("staff_allegation", "a teacher grabbed my son", "Mr Bell", "safeguarding", "staff", "headteacher", (), "urgent"),
    ("staff_allegation", "she shouted in his face", "the deputy head", "safeguarding", "staff", "headteacher", (),
     "urgent"),
    # Asked who, an answer that picks out nobody leaves it with the Chair, unless the opening
    # words gave a job only one person does ("the dinner lady", "the woman who runs the club"):
    # "a teacher" or "one of the male teachers" is one of many, so still not known (DESIGN).
    ("staff_allegation", "an adult at school grabbed my son", "a member of staff", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("staff_allegation", "someone who works there hurt my son", "I don't know her name", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("staff_allegation", "one of the staff has been messaging my daughter", "not sure who", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("staff_allegation", "an adult at school grabbed my son", "the caretaker", "safeguarding", "staff",
     "headteacher", (), "urgent"),
    ("staff_allegation", "an adult at school grabbed my son", "Sarah", "safeguarding", "staff", "headteacher", (),
     "urgent"),
    ("staff_allegation", "a teacher grabbed my son", "I don't know his name", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("staff_allegation", "a teacher pulled her hair", "a teacher, she doesn't know which", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("staff_allegation", "the office lady grips his arm when he's late", "a member of staff", "safeguarding", "staff",
     "headteacher", (), "urgent"),
    ("staff_allegation", "someone hurt him", "his TA", "safeguarding", "staff", "headteacher", (), "urgent"),
    ("staff_allegation", "the dinner lady pinned him to the wall", "dunno", "safeguarding", "staff", "headteacher",
     (), "urgent"),
    ("staff_allegation", "one of the male teachers comments on the girls' bodies", "no idea", "safeguarding",
     "staff", "chair_of_governors", (), "urgent"),
    ("staff_allegation", "the woman who runs the after school dance club messages her", "don't know her name",
     "safeguarding", "staff", "headteacher", (), "urgent"),
    # One of many by a job the Head never does is still not known which one: the Chair, never a
    # member of staff, as DESIGN.md says while the subject is not yet known.
    ("staff_allegation", "one of the dinner ladies force fed her until she was sick", "", "safeguarding", "staff",
     "chair_of_governors", (), "urgent"),
    ("complain_staff", "", "the clerk", "complaint", "governor", "chair_of_governors", (), "normal"),
    ("complain_staff", "", "Mrs Carter and the chair of governors", "complaint", "headteacher", "clerk_to_governors",
     (), "normal"),
    ("complain_headteacher", "complaint about the head and mr hughes", "", "complaint", "headteacher",
     "clerk_to_governors", (), "normal"),
    ("complain_staff", "", "Helen", "complaint", "headteacher", "chair_of_governors", (), "normal"),
    ("complain_staff", "", "Mrs C", "complaint", "headteacher", "chair_of_governors", (), "normal"),
    ("complain_staff", "", "the deputy head", "complaint", "staff", "headteacher", (), "normal"),
    ("staff_allegation", "the head grabbed my son by the arm", "", "safeguarding", "staff", "chair_of_governors",
     (), "urgent"),
    # About both the Headteacher and the Chair: the Clerk, who is neither, with the DSL told
    # (unless it is about her too).
    ("staff_allegation", "they hurt him", "Mrs Carter and Mr Hughes", "safeguarding", "staff", "clerk_to_governors",
     ("dsl",), "urgent"),
    ("staff_allegation", "the head and the chair of governors grabbed my son", "", "safeguarding", "staff",
     "clerk_to_governors", ("dsl",), "urgent"),
    ("staff_allegation", "they hurt him", "the head, the chair and Mrs Whitfield", "safeguarding", "staff",
     "clerk_to_governors", (), "urgent"),
    ("ask_human", "can someone ring me", "", "handoff", None, "office", (), "normal"),
    ("signpost", "how do I appeal for a place", "", None, None, None, (), None),
]


@pytest.mark.parametrize("matter, text, subject, category, about, routed_to, copied_to, urgency", ROUTING_TABLE)
def test_the_routing_table(profile, matter, text, subject, category, about, routed_to, copied_to, urgency):
    result = triage(matter, profile, text=text, subject=subject)
    assert (result.category, result.about, result.routed_to, result.copied_to, result.urgency) == (
        category, about, routed_to, copied_to, urgency)


@pytest.mark.parametrize("subject, routed_to, about", [
    ("Mrs Carter", "chair_of_governors", "headteacher"),
    ("the head", "chair_of_governors", "headteacher"),
    ("the headteacher", "chair_of_governors", "headteacher"),
    ("mr hughes", "clerk_to_governors", "governor"),
    ("one of the governors", "clerk_to_governors", "governor"),
    ("the dinner lady", "headteacher", "staff"),
    ("Mr Bell", "headteacher", "staff"),
])
def test_who_a_complaint_is_about_decides_its_route(profile, subject, routed_to, about):
    result = triage("complain_staff", profile, subject=subject)
    assert (result.routed_to, result.about) == (routed_to, about)


def test_a_head_injury_is_not_the_headteacher(profile):
    result = triage("staff_allegation", profile, text="Mr Hall hit him on the head")
    assert result.routed_to == "headteacher"


def test_cyberbullying_of_a_parent_is_about_a_person(profile):
    result = triage("report_cyberbullying", profile, text="another mum keeps posting nasty stuff about me")
    assert result.about == "person"


def test_recipients_follow_the_class_and_copies(profile):
    bullying = triage("report_bullying", profile)
    year3 = profile.find_class("year 3")
    assert recipients(bullying, profile, year3) == ["l.kerr@oakleycross.example.org",
                                                    "head@oakleycross.example.org"]
    safeguarding = triage("safeguarding_child", profile)
    assert recipients(safeguarding, profile, None) == ["dsl@oakleycross.example.org",
                                                       "deputy.dsl@oakleycross.example.org"]


@pytest.mark.parametrize("matter, needed", [
    ("concern_child", ["child_name", "child_class", "account", "parent_name", "contact"]),
    # A complaint or an allegation about staff is looked into with the child it concerns.
    ("complain_staff", ["subject_name", "child_name", "child_class", "account", "parent_name", "contact"]),
    ("complain_school", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("report_bullying", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("report_cyberbullying", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("safeguarding_child", ["child_name", "child_class", "parent_name", "contact"]),
    ("staff_allegation", ["subject_name", "child_name", "child_class", "parent_name", "contact"]),
    ("ask_human", ["account", "parent_name", "contact"]),
])
def test_only_what_the_case_needs_is_asked(profile, matter, needed):
    assert details_needed(triage(matter, profile)) == needed


@pytest.mark.parametrize("text", ["someone has posted a photo of my son on facebook laughing at him",
                                  "a girl in her class posted a video of my daughter crying"])
def test_a_post_humiliating_a_child_is_cyberbullying_with_the_dsl_copied(profile, text):
    result = triage("social_media_post", profile, text=text)
    assert (result.category, result.urgency, result.copied_to) == ("cyberbullying", "high", ("dsl",))
    words = wording.explain_channel("social_media_post", text)
    assert "legal action" not in words and "protocol" not in words   # never the reminder to a victim's parent
    assert "Report post" in words


@pytest.mark.parametrize("text", ["im going to put this all over facebook", "i posted about mr bell on the mums page",
                                  "ill be putting a review on facebook and telling everyone"])
def test_the_protocol_reminder_is_for_a_parent_who_posted_or_will(profile, text):
    words = wording.explain_channel("social_media_post", text)
    assert words.startswith("Thank you for telling me what has happened")   # heard first
    assert "social media protocol" in words and "please take the post down" in words
    assert "'Report post'" in words   # how the site's report tools work (issue 11, item 9)


@pytest.mark.parametrize("text", ["ive posted nothing but someone is slagging my lad off on the mums page",
                                  "I haven't posted anything, a mum put my son's photo up with nasty comments"])
def test_a_parent_who_says_they_have_not_posted_gets_no_reminder(profile, text):
    # Issue 11, item 9: the parent of a child a post is about is never told of the protocol or legal action.
    words = wording.explain_channel("social_media_post", text)
    assert "legal action" not in words and "take the post down" not in words and "Report post" in words


@pytest.mark.parametrize("text", ["i shared the post to warn the other parents", "im thinking of putting it on facebook"])
def test_a_parent_who_shared_a_post_or_is_thinking_of_posting_gets_the_reminder(profile, text):
    words = wording.explain_channel("social_media_post", text)
    assert words.startswith("Thank you for telling me what has happened") and "please take the post down" in words


def test_a_parent_reporting_someone_else_s_post_gets_no_reminder(profile):
    words = wording.explain_channel("social_media_post", "someone posted lies about a teacher on the mums page")
    assert "legal action" not in words and "take the post down" not in words
    assert triage("social_media_post", profile, text="someone posted lies about a teacher").category == "social_media"


@pytest.mark.parametrize("text, about, routed", [
    ("I'm not happy with the outcome of my complaint and want to take it further", "school", "clerk_to_governors"),
    ("I want the governors to look again at my complaint about Mrs Carter", "headteacher", "clerk_to_governors"),
    ("stage 2 please, my complaint was about the clerk Mrs Lowther", "governor", "chair_of_governors"),
])
def test_stage_2_goes_to_a_panel_through_the_clerk(profile, text, about, routed):
    result = triage("complaint_stage_2", profile, text=text)
    assert (result.category, result.about, result.routed_to, result.urgency) == ("complaint", about, routed, "normal")


def test_stage_2_says_what_comes_after_the_panel(profile):
    words = wording.explain_channel("complaint_stage_2", "", profile)
    assert "panel of governors who have not been involved before" in words
    assert f"within {profile.acknowledge_days} school days" in words
    assert "Department for Education" in words and "Ofsted" in words


@pytest.mark.parametrize("text", ["I'd like to make a formal complaint", "i want to put in a complaint please",
                                  "can i put in a formal complaint about the school",
                                  "How do I make a formal complaint? Stage 1 I think they call it"])
def test_a_new_complaint_read_as_stage_2_starts_at_stage_1(profile, text):
    # Nothing says stage 1 is over: it is not a panel matter, and who it is about is asked.
    assert matter_from_words("complaint_stage_2", text) == "complain_school"


@pytest.mark.parametrize("text", ["got the heads reply, not happy, whats next",
                                  "my stage 1 complaint has been answered and I'm still really unhappy",
                                  "Mrs Carter won't uphold my complaint, I want to go above her"])
def test_a_complaint_answered_at_stage_1_goes_on_to_stage_2(profile, text):
    assert matter_from_words("complaint_stage_2", "/complaint_stage_2") == "complaint_stage_2"  # a button
    assert matter_from_words("complaint_stage_2", text) == "complaint_stage_2"
    assert triage("complaint_stage_2", profile, text=text).routed_to == "clerk_to_governors"


@pytest.mark.parametrize("text, routed_to, about", [
    ("no wait thats wrong, its not about the head at all, its about mr ashworth the year 6 teacher", "headteacher",
     "staff"),
    ("it's about his teacher, not the headteacher", "headteacher", "staff"),
    ("I want to complain about the head", "chair_of_governors", "headteacher"),
])
def test_whoever_a_complaint_is_said_not_to_be_about_does_not_route_it(profile, text, routed_to, about):
    result = triage("complain_headteacher", profile, text=text)
    assert (result.routed_to, result.about) == (routed_to, about)


@pytest.mark.parametrize("text", [
    "Mrs Carter has said she won't uphold my complaint. I want to go above her",
    "I complained in October, got a reply last week and it's just excuses. Who's next up the chain?",
    "The head says she has investigated and the matter is closed. It isn't closed for me, what are my options",
    "not satisfied with the head's response to my complaint, I want the governors to look at it",
    # in other words (written for this test, not taken from any evaluation set)
    "She has replied to my complaint about the lunch queue but missed half of what I said, I'd like it reviewed by "
    "someone else",
    "my complaint about the car park has been marked resolved but nothing has changed, can I go to the governors",
    "Headteacher answer me about my complaint but I am not agree, what I do now",
    "We weren’t happy with how our complaint about the swimming lessons was dealt with. Can we have a hearing?",
    "the head looked into her own staff, of course she took their side. my complaint needs looking at by someone "
    "independent",
    "i put a complaint in about the swimming in may, the head wrote back saying there was nothing wrong. "
    "i'm not happy with that",
])
def test_a_complaint_answered_at_stage_1_that_the_parent_wants_to_take_on_is_stage_2(text):
    assert matter_from_words("complain_headteacher", text) == "complaint_stage_2"


@pytest.mark.parametrize("text", [
    "I'm not happy with the head's decision to stop football club",          # a first complaint
    "I have a complaint about how long it takes the school to reply to anything",
    "the toilets in key stage 2 are filthy and have no locks",               # key stage 2 is not stage 2
    "I want to make a formal complaint, I'm not happy at all",
    "nobody ever answers me when I ring the office, what do I do now",
    "I want to complain to the governors about the head",
])
def test_a_first_complaint_stays_at_stage_1(text):
    assert matter_from_words("complain_school", text) == "complain_school"


@pytest.mark.parametrize("text, matter, routed_to, about", [
    # Who they want to take it to is not who it is about.
    ("I have a problem with the headteacher and would like to speak to the chair of governors",
     "complain_governor", "chair_of_governors", "headteacher"),
    ("can I complain to the chair about how the head spoke to me", "complain_school", "chair_of_governors",
     "headteacher"),
    ("Mr Bell was rude to my son, I want to take it to the head", "complain_governor", "headteacher", "staff"),
    ("i want to raise it with the head, it's the clerk who never answers my emails", "complain_school",
     "chair_of_governors", "governor"),
    # A complaint about both still goes to someone who is neither.
    ("a complaint about the head and the chair of governors", "complain_governor", "clerk_to_governors",
     "headteacher"),
    # Past tense: they tried the head, and the complaint may well be about her.
    ("I spoke to the head and she did nothing, I want to complain about her", "complain_headteacher",
     "chair_of_governors", "headteacher"),
])
def test_who_a_parent_wants_to_take_a_complaint_to_is_not_its_subject(profile, text, matter, routed_to, about):
    result = triage(matter, profile, text)
    assert (result.routed_to, result.about) == (routed_to, about)


@pytest.mark.parametrize("text, matter", [
    ("someone on the village facebook page keeps saying Mrs Todd is useless and should be sacked",
     "social_media_post"),
    ("a dad has been posting in the year 3 whatsapp that the school hides things and the teachers are lazy",
     "social_media_post"),
    # a video on tiktok making fun of a teacher, made by a parent
    ("a parent has put a video on tiktok making fun of Mr Ashworth", "social_media_post"),
    ("there's an instagram page mocking the headteacher", "social_media_post"),
    # a pupil is the target: online bullying
    ("kids in the class whatsapp group keep calling my daughter names", "report_cyberbullying"),
    ("a boy posted a video of my son on tiktok and the teachers have done nothing", "report_cyberbullying"),
    ("the year 6 group chat has the kids being nasty to each other about the teachers", "report_cyberbullying"),
])
def test_a_post_about_the_school_or_its_staff_is_the_social_media_matter(text, matter):
    assert matter_from_words("report_cyberbullying", text) == matter


@pytest.mark.parametrize("text, stage_2", [
    ("I put a formal complaint in to the head before Easter, got her reply last week and want to take it further to "
     "the governors", True),
    ("My problem is the lady from the office who rang about the letter, I'd like to complain about how she spoke to me",
     False),
    ("How do I make a formal complaint? Stage 1 I think they call it", False),
    ("I think the decision should be looked at again or at least explained to us", False),
    ("I made a formal complaint to the head in October and I got the letter back last week. It doesn't answer "
     "anything, so what I want is to take it to the next stage", True),
    ("I want to complain, I got a letter about the trip and want to take it further", False),
])
def test_an_account_is_stage_2_only_when_stage_1_was_answered_and_they_want_to_take_it_on(text, stage_2):
    from concerns.triage import account_asks_for_stage_2
    assert account_asks_for_stage_2(text) is stage_2


def test_a_letters_salutation_is_who_it_is_written_to_not_who_it_is_about(profile):
    stage_2 = triage("complaint_stage_2", profile, text="Dear Clerk to the Governors, I wish to request a Stage 2 "
                     "review of my complaint, as I remain dissatisfied with the Headteacher's response dated 12 May.")
    assert (stage_2.about, stage_2.routed_to) == ("headteacher", "clerk_to_governors")
    # written to the Clerk and about nobody else: about the Clerk, so to the Chair
    about_the_clerk = triage("complain_governor", profile,
                             text="Dear Mrs Lowther, you have ignored four of my emails about the panel date")
    assert about_the_clerk.routed_to == "chair_of_governors"


def test_asking_to_log_it_as_a_complaint_makes_it_a_complaint():
    assert matter_from_words("social_media_post", "fair enough I won't post it, can you log it as a complaint") == \
        "complain_school"
    assert matter_from_words("complain_staff", "please log it as a formal complaint") == "complain_staff"


def test_asking_if_they_may_put_a_post_up_is_a_parent_who_will_post():
    from concerns.triage import parent_has_posted_or_will
    assert parent_has_posted_or_will("is it ok if I put a post on the mams page about the toilets")


@pytest.mark.parametrize("text", [
    "The head partly upheld my complaint about the crossing but not the rest. I want the rest looked at by governors",
    "my complaint about the toilets was 'resolved' apparently but it isn't. can I take it to the governors",
])
def test_a_stage_2_reading_stands_when_the_words_say_answered_and_going_on(text):
    # The model's stage 2 was demoted to a first complaint unless one of the older stage-2 words was there.
    assert matter_from_words("complaint_stage_2", text) == "complaint_stage_2"


@pytest.mark.parametrize("text, named", [
    ("Helen Carter keeps messaging my 10 year old on snapchat", True),
    ("I saw Mr Bell drag a boy across the yard", True),
    ("miss kerr pinches the children when they chatter", True),
    ("Mr Bell told me a boy in his class hit my son", False),     # staff telling of it
    ("Mrs Carter, my son is scared of his dad", False),           # written to her
    ("a boy in Mr Bell's class keeps hitting her", False),        # where, not who
    ("Miss Kerr noticed bruises from his step dad", False),       # someone at home did it
    ("Mr Hughes the chair of governors hit my son", False),       # a governor, not staff
])
def test_a_member_of_staff_named_first_as_the_one_doing_it(profile, text, named):
    assert triage_module.names_staff_as_the_actor(text, profile) is named
