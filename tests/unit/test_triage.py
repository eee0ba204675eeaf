"""Every row of DESIGN.md's routing table, and the details each case asks for."""
import pytest

from concerns.triage import details_needed, recipients, triage

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
    ("complain_staff", ["subject_name", "account", "parent_name", "contact"]),
    ("complain_school", ["account", "parent_name", "contact"]),
    ("report_bullying", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("safeguarding_child", ["child_name", "child_class", "parent_name", "contact"]),
    ("staff_allegation", ["subject_name", "parent_name", "contact"]),
    ("ask_human", ["account", "parent_name", "contact"]),
])
def test_only_what_the_case_needs_is_asked(profile, matter, needed):
    assert details_needed(triage(matter, profile)) == needed
