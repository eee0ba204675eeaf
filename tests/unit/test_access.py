"""The matrix of who sees which case."""
import pytest

from concerns.access import StaffIdentity, can_view

HEAD = StaffIdentity("head@oakleycross.example.org", "Mrs Helen Carter", "headteacher")
DSL = StaffIdentity("dsl@oakleycross.example.org", "Mrs Sarah Whitfield", "dsl")
DEPUTY = StaffIdentity("deputy.dsl@oakleycross.example.org", "Mr James Patel", "deputy_dsl")
OFFICE = StaffIdentity("office@oakleycross.example.org", "Mrs Julie Barker", "office")
CHAIR = StaffIdentity("chair@oakleycross.example.org", "Mr Robert Hughes", "chair_of_governors")
CLERK = StaffIdentity("clerk@oakleycross.example.org", "Mrs Anne Lowther", "clerk_to_governors")
KERR = StaffIdentity("l.kerr@oakleycross.example.org", "Miss Laura Kerr", "class_teacher")
BELL = StaffIdentity("t.bell@oakleycross.example.org", "Mr Tom Bell", "class_teacher")
EVERYONE = [HEAD, DSL, DEPUTY, OFFICE, CHAIR, CLERK, KERR, BELL]


def case(category, about, routed_to, assignee, copied=(), subject=None):
    return {"category": category, "about": about, "routed_to": routed_to, "assignee": assignee,
            "copied_to": list(copied), "subject_name": subject}


MATRIX = [
    ("concern in Year 3", case("concern", "child", "class_teacher", KERR.email), {HEAD, KERR}),
    ("bullying in Year 3", case("bullying", "child", "class_teacher", KERR.email, ["headteacher"]), {HEAD, KERR}),
    ("complaint about Mr Bell", case("complaint", "staff", "headteacher", HEAD.email, subject="Mr Bell"), {HEAD}),
    ("complaint about the school", case("complaint", "school", "headteacher", HEAD.email), {HEAD}),
    ("complaint about the Headteacher", case("complaint", "headteacher", "chair_of_governors", CHAIR.email),
     {CHAIR}),
    ("complaint about the Chair", case("complaint", "governor", "clerk_to_governors", CLERK.email,
                                       subject="the chair, mr hughes"), {CLERK}),
    ("cyberbullying", case("cyberbullying", "child", "headteacher", HEAD.email, ["dsl"]), {HEAD, DSL}),
    ("social media", case("social_media", "school", "headteacher", HEAD.email), {HEAD}),
    ("child at risk", case("safeguarding", "child", "dsl", DSL.email, ["deputy_dsl"]), {HEAD, DSL, DEPUTY}),
    ("allegation about Mr Bell", case("safeguarding", "staff", "headteacher", HEAD.email, subject="Mr Bell"),
     {HEAD, DSL, DEPUTY}),
    ("allegation about the Headteacher", case("safeguarding", "staff", "chair_of_governors", CHAIR.email,
                                              subject="Mrs Carter"), {CHAIR, DSL, DEPUTY}),
    # Routed past both of them to the Clerk (concerns/triage.py): neither the Headteacher nor the
    # Chair, whatever the words say.
    ("allegation about the Headteacher and the Chair",
     case("safeguarding", "staff", "clerk_to_governors", CLERK.email, ["dsl"], subject="them both"),
     {CLERK, DSL, DEPUTY}),
    ("hand-off", case("handoff", None, "office", OFFICE.email), {HEAD, OFFICE}),
]


@pytest.mark.parametrize("title, record, allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_who_sees_which_case(title, record, allowed):
    assert {m for m in EVERYONE if can_view(m, record)} == allowed
