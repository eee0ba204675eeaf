"""Complaints route by who they are about (issue 11, item 4), each point checked where the parent
can say it: as the answer to "Who is it about?", in their first message whatever intent the
model guessed, and when they ask for stage 2.

- A complaint about the Clerk goes to the Chair, not the Clerk.
- A complaint naming both the Headteacher and the Chair goes to someone who is neither (the Clerk).
- "The deputy head", the DSL and the deputy DSL are recognised as themselves, not as the Headteacher.
- First names, titles and short forms ("Helen", "Mrs C", "the head") are recognised from the profile.

The tests' profile: Mrs Helen Carter (Headteacher), Mrs Sarah Whitfield (Deputy Headteacher and
DSL), Mr James Patel (SENCO and deputy DSL), Mr Robert Hughes (Chair), Mrs Anne Lowther (Clerk)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from concerns import wording
from concerns.people import named_in
from concerns.triage import details_needed, triage

COMPLAINT_INTENTS = ("complain_staff", "complain_school", "complain_headteacher", "complain_governor")

HEAD = "head@oakleycross.example.org"
DSL = "dsl@oakleycross.example.org"
DEPUTY_DSL = "deputy.dsl@oakleycross.example.org"
CHAIR = "chair@oakleycross.example.org"
CLERK = "clerk@oakleycross.example.org"

# How parents name each person: role words, full name, title and surname, title and initial,
# first name, surname alone (for the top of the procedure), and short forms.
NAMES = {
    HEAD: ["the head", "Head", "the headteacher", "the head teacher", "the headmistress", "Helen", "Mrs C",
           "Mrs Carter", "Mrs. Carter", "Ms Carter", "Carter", "helen carter", "Helen Carter"],
    DSL: ["the deputy head", "the deputy headteacher", "deputy head teacher", "the DSL", "the safeguarding lead",
          "the designated safeguarding lead", "Mrs Whitfield", "Sarah", "Mrs W", "Sarah Whitfield"],
    DEPUTY_DSL: ["the deputy DSL", "the deputy safeguarding lead", "the deputy designated safeguarding lead",
                 "the SENCO", "Mr Patel", "James", "Mr P", "James Patel"],
    CHAIR: ["the chair", "the chair of governors", "the chair of the governing body", "Mr Hughes", "Robert",
            "Hughes", "Robert Hughes", "the chairman"],
    CLERK: ["the clerk", "the clerk to the governors", "the governors' clerk", "Mrs Lowther", "Anne", "Mrs L",
            "Lowther", "Anne Lowther"],
}


@pytest.mark.parametrize("email, words", [(email, words) for email, all_words in NAMES.items()
                                          for words in all_words])
def test_each_way_of_naming_someone_names_them_alone(profile, email, words):
    # Exactly that person: the deputy DSL is never the DSL too, the deputy head never the Head.
    assert [member.email for member in named_in(words, profile)] == [email], words


# -- a complaint about the Clerk goes to the Chair --------------------------------------------
@pytest.mark.parametrize("subject", NAMES[CLERK])
def test_a_complaint_about_the_clerk_goes_to_the_chair(profile, subject):
    for matter in COMPLAINT_INTENTS:
        result = triage(matter, profile, subject=subject)
        assert (result.category, result.about, result.routed_to) == ("complaint", "governor", "chair_of_governors"), \
            (matter, subject)


@pytest.mark.parametrize("matter", COMPLAINT_INTENTS + ("complaint_stage_2",))
@pytest.mark.parametrize("text", ["I want to complain about the clerk to the governors",
                                  "complaint about Mrs Lowther, she lost my letter",
                                  "Anne the clerk never sent my complaint to the governors"])
def test_a_first_message_about_the_clerk_goes_to_the_chair_whatever_the_intent(profile, matter, text):
    result = triage(matter, profile, text=text)
    assert (result.about, result.routed_to) == ("governor", "chair_of_governors"), (matter, text)


def test_the_parent_is_told_a_complaint_about_the_clerk_goes_to_the_chair(profile):
    result = triage("complain_school", profile, text="I want to complain about the clerk to the governors")
    words = wording.explain_channel(result.matter, "", profile, result.routed_to)
    assert "goes to the Chair of Governors, not to the Clerk" in words
    assert "goes to the Clerk to the Governors" not in words


# -- naming both the Headteacher and the Chair: the Clerk ---------------------------------------
@pytest.mark.parametrize("subject", ["the head and the chair", "Mrs Carter and Mr Hughes", "Helen and Robert",
                                     "mrs c and the chair of governors", "the headteacher and the chairman"])
def test_a_complaint_about_the_head_and_the_chair_goes_to_the_clerk(profile, subject):
    for matter in COMPLAINT_INTENTS:
        result = triage(matter, profile, subject=subject)
        assert (result.about, result.routed_to) == ("headteacher", "clerk_to_governors"), (matter, subject)


@pytest.mark.parametrize("matter", COMPLAINT_INTENTS + ("complaint_stage_2",))
def test_a_first_message_about_the_head_and_the_chair_goes_to_the_clerk_whatever_the_intent(profile, matter):
    text = "I want to complain about Mrs Carter and Mr Hughes, neither of them will answer me"
    result = triage(matter, profile, text=text)
    assert (result.about, result.routed_to) == ("headteacher", "clerk_to_governors"), matter
    words = wording.explain_channel(result.matter, text, profile, result.routed_to)
    assert "Clerk to the Governors" in words and "goes to the Chair of Governors" not in words


def test_a_stage_2_complaint_about_the_clerk_and_the_chair_goes_to_neither(profile):
    result = triage("complaint_stage_2", profile, text="stage 2 please, my complaint is about the clerk and the chair")
    assert result.routed_to not in ("clerk_to_governors", "chair_of_governors")


# -- the deputy head, the DSL and the deputy DSL are themselves ---------------------------------
@pytest.mark.parametrize("subject", NAMES[DSL] + NAMES[DEPUTY_DSL])
def test_a_complaint_about_the_deputy_head_the_dsl_or_the_deputy_is_about_staff(profile, subject):
    for matter in COMPLAINT_INTENTS:
        result = triage(matter, profile, subject=subject)
        assert (result.about, result.routed_to) == ("staff", "headteacher"), (matter, subject)


@pytest.mark.parametrize("matter", ["complain_headteacher", "complain_governor"])
@pytest.mark.parametrize("text", ["I want to complain about the deputy head", "complaint about the deputy DSL",
                                  "Mrs Whitfield was very rude to me at pick up",
                                  "the SENCO has ignored my emails for weeks"])
def test_a_first_message_about_them_is_not_taken_as_the_head_or_a_governor(profile, matter, text):
    # The model can read "the deputy head" as a complaint about the Head: the words say who, and
    # as for any member of staff, the parent is asked who it is about.
    result = triage(matter, profile, text=text)
    assert (result.matter, result.about, result.routed_to) == ("complain_staff", "staff", "headteacher")
    assert details_needed(result)[0] == "subject_name"


def test_the_deputy_head_is_whoever_the_profile_titles_so(profile):
    # At a school whose deputy head is a class teacher, "the deputy head" is that teacher, not the
    # DSL; where nobody has the title, it names nobody in particular (a member of staff).
    staff = tuple(replace(m, title="Deputy Headteacher") if m.email == "c.hall@oakleycross.example.org"
                  else replace(m, title="Designated Safeguarding Lead") if m.email == DSL else m
                  for m in profile.staff)
    other_school = replace(profile, staff=staff)
    assert [m.email for m in named_in("the deputy head", other_school)] == ["c.hall@oakleycross.example.org"]
    untitled = replace(profile, staff=tuple(replace(m, title="") for m in profile.staff))
    assert named_in("the deputy head", untitled) == []
    assert triage("complain_staff", untitled, subject="the deputy head").routed_to == "headteacher"


# -- first names, titles and short forms of the Headteacher -------------------------------------
@pytest.mark.parametrize("subject", NAMES[HEAD])
def test_every_way_of_naming_the_head_sends_it_to_the_chair(profile, subject):
    for matter in COMPLAINT_INTENTS:
        result = triage(matter, profile, subject=subject)
        assert (result.about, result.routed_to) == ("headteacher", "chair_of_governors"), (matter, subject)


@pytest.mark.parametrize("matter", COMPLAINT_INTENTS)
@pytest.mark.parametrize("text", ["I want to complain about Mrs C", "complaint about Helen, she never replies",
                                  "the head keeps ignoring my emails"])
def test_a_first_message_naming_the_head_goes_to_the_chair_whatever_the_intent(profile, matter, text):
    # Read as a complaint about the school or a member of staff, it would reach the Head herself.
    result = triage(matter, profile, text=text)
    assert (result.about, result.routed_to) == ("headteacher", "chair_of_governors"), (matter, text)
    words = wording.explain_channel(result.matter, text, profile, result.routed_to)
    assert "goes to the Chair of Governors" in words


@pytest.mark.parametrize("text", ["the head of year 6 was rude", "he bumped his head and nobody rang me",
                                  "I'll take it to the head", "the deputy head was rude"])
def test_words_that_are_not_the_headteacher_do_not_send_it_past_her(profile, text):
    assert "headteacher" not in {m.role for m in named_in(text, profile)}, text
