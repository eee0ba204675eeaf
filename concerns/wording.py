"""What the assistant says, in plain and kind words, filled from the school profile.

Kept here, not in domain.yml, where a sentence depends on the school (names, phone
numbers, time limits) or on the triage, so the wording is tested with the rules.
"""
from __future__ import annotations

import datetime as dt
import re

from concerns.calendar import SchoolCalendar, describe_day
from concerns.profile import SchoolProfile
from concerns.safety import about_domestic_abuse, about_private_fostering, about_self_harm
from concerns.triage import INFORMAL, STAGE_1, STAGE_2, Triage, parent_has_posted_or_will, post_about_a_child

ROLE_TITLES = {
    "headteacher": "the Headteacher",
    "dsl": "our Designated Safeguarding Lead",
    "deputy_dsl": "our Deputy Designated Safeguarding Lead",
    "office": "the school office",
    "chair_of_governors": "the Chair of Governors",
    "clerk_to_governors": "the Clerk to the Governors",
    "class_teacher": "your child's class teacher",
}

CHANNEL_EXPLANATIONS = {
    "concern_child": (
        "I'm sorry you're worried. The best person to help is your child's class teacher, who "
        "sees them every day. I'll pass this to them so they can get back to you."
    ),
    "complain_staff": (
        "Thank you for telling us. Under our complaints procedure a concern about a member of "
        "staff goes to the Headteacher, who will look into it fairly and in confidence."
    ),
    "complain_school": (
        "Thank you for telling us. Concerns about the school's decisions, policies or "
        "communication go to the Headteacher, who will look into it and reply to you."
    ),
    "complain_headteacher": (
        "Thank you for raising this. A complaint about the Headteacher goes to the Chair of "
        "Governors, not to the Headteacher, so it is looked at independently."
    ),
    "complain_governor": (
        "Thank you for raising this. A complaint about a governor or the Chair of Governors "
        "goes to the Clerk to the Governors, who makes sure it is heard independently."
    ),
    "report_bullying": (
        "I'm really sorry this is happening. We take bullying seriously. I'll pass this to your "
        "child's class teacher and the Headteacher straight away so they can act on it."
    ),
    "report_cyberbullying": (
        "I'm sorry this is happening. We treat cyberbullying by anyone in our school community as "
        "a serious incident of bullying and harassment. I'll pass it to the Headteacher and our "
        "safeguarding lead. Please keep screenshots of the messages and posts, and don't reply to them. "
        "Never screenshot, copy or forward a naked or semi-nude image of a child, though: tell us about "
        "it instead."
    ),
    "social_media_post": (
        "Thank you for coming to us. Our social media protocol asks that concerns are raised with "
        "the school, not on Facebook or other sites, so they can be dealt with fairly for everyone. "
        "Posts that are defamatory or abusive are reported to the site's 'report abuse' tools and "
        "we expect them to be removed; in serious cases the school may consider legal action. "
        "I'll pass this to the Headteacher."
    ),
    "staff_allegation": (
        "Thank you for telling us. An allegation about a member of staff is taken very seriously "
        "and goes straight to the Headteacher (or, if it is about the Headteacher, or until we know "
        "who it is about, to the Chair of Governors), who will get advice from the local authority's "
        "designated officer."
    ),
    "ask_human": (
        "Of course. I'll ask a member of staff in the school office to get back to you."
    ),
}

# Why each detail is asked, for whoever the case goes to ({who}: a title from ROLE_TITLES).
WHY_NEEDED = {
    "subject_name": "so the right person looks into it, and so it never goes to the person it is about",
    "child_name": "so {who} knows which child this is about; a first name is enough",
    "child_class": "so {who} can find the right child and their teacher",
    "account": "so {who} understands what happened, in your own words",
    "account_more": "so {who} has everything you want them to know; if that's everything, just say no",
    "parent_name": "so {who} knows who they are replying to",
    "contact": "so {who} can reply to you; it is used only to deal with this",
}
# Where a detail's reason differs for safeguarding, or when the class teacher reads it.
WHY_NEEDED_SAFEGUARDING = {
    "child_name": "so {who} knows which child may need help; a first name is enough",
    "contact": "so {who} can speak to you if they need to",
}
WHY_CLASS_FOR_THE_TEACHER = "so it reaches your child's own class teacher"

# Who else may learn of it, by the case's category: what the school's procedures make true
# (the DfE's model complaints procedure; KCSIE and the government's information sharing
# advice), so a parent is never told "only the staff who deal with it" when that is not so.
WHO_ELSE_LEARNS = {
    "complaint": "If the complaint is about someone, they are normally told about it and asked for their account.",
    "concern": "It is seen by the staff who need it to help your child.",
    "bullying": "To put things right, staff may talk to the children involved and their families.",
    "cyberbullying": ("Our safeguarding lead sees it too, and to put things right staff may talk to the people "
                      "involved and their families."),
    "social_media": "To put things right, the Headteacher may talk to the people involved.",
    "safeguarding": ("To keep children safe, what you tell us may be shared with children's services, the local "
                     "authority designated officer (the LADO) and the police."),
    "handoff": "It is seen by the office staff who reply to you.",
}


def why_needed(detail: str | None, profile: SchoolProfile, category: str | None = None,
               routed_to: str | None = None) -> str:
    """The answer to "why do you need that?" at a question of the intake: why this detail, for
    whoever the case goes to; who else may learn of it for this kind of matter; that the school
    is responsible for the record and how long it keeps it."""
    who = ROLE_TITLES.get(routed_to or "", "the member of staff dealing with it")
    if category == "safeguarding" and detail in WHY_NEEDED_SAFEGUARDING:
        reason = WHY_NEEDED_SAFEGUARDING[detail]
    elif detail == "child_class" and routed_to == "class_teacher":
        reason = WHY_CLASS_FOR_THE_TEACHER
    else:
        reason = WHY_NEEDED.get(detail or "")
    lines = [f"I ask {reason.format(who=who)}." if reason
             else "I only ask for what the school needs to deal with this."]
    if category in WHO_ELSE_LEARNS:
        lines.append(WHO_ELSE_LEARNS[category])
    kept = profile.retention.cases.get(category or "")
    if kept is not None:
        lines.append(f"The school is responsible for this information and keeps the record for {kept} after it "
                     f"is closed (privacy notice: {profile.privacy_notice_url}).")
    if category == "safeguarding":
        # Cancelling stops the questions, never the alert (ActionCancel).
        lines.append("You can stop answering at any time; what you have already told us stays with the people "
                     "keeping children safe.")
    else:
        lines.append("You can say 'cancel' at any time.")
    return " ".join(lines)


# Said once when a parent would rather not give a detail; if they still decline, the case
# goes on without it.
WHY_IF_DECLINED = {
    "parent_name": ("That's fine to ask. A name helps the school know who it is replying to. You can stay "
                    "anonymous if you prefer: just say so again and I'll send it without your name."),
    "contact": ("That's your choice. Without a phone number or an email address the school can't reply to you "
                "about this. If you'd still rather not, say so again and I'll send it without."),
}

# The buttons when a complaint does not say who it is about; each is read by concerns/triage.py.
# "Who do I complain to?" with nobody named: the procedure in short, and who it is about.
WHO_TO_COMPLAIN_TO = (
    "Start with the member of staff it's about or who knows your child best, usually the class teacher. If that "
    "doesn't sort it, or it's about a member of staff, it goes to the Headteacher. A complaint about the Headteacher "
    "goes to the Chair of Governors, and one about a governor to the Clerk to the Governors. Who is it about? I can "
    "send it to the right person now.")
COMPLAINT_ROUTE_CHOICES = (("A member of staff", "/complain_staff"), ("The Headteacher", "/complain_headteacher"),
                           ("A governor", "/complain_governor"), ("The school's decisions", "/complain_school"))
MAKE_THE_COMPLAINT_NOW = "Would you like to make the complaint now? Tell me what happened, or press the button."
COMPLAINT_SUBJECTS = ("A member of staff", "The Headteacher", "A governor", "The school's decisions or how it does things")

# Said before a question is asked again, when the reply told more of what happened instead.
ADDED_TO_ACCOUNT = "Thank you, I've added that to what you've told me."
# How each detail is named when the parent puts it right in passing.
_PUT_RIGHT_LABELS = {"child_name": "your child's name", "parent_name": "your name", "subject_name": "who it is about",
                     "child_class": "the class", "contact": "how to reply to you"}


def detail_put_right(detail: str, value: str) -> str:
    """Said when a reply puts a detail right in passing ("oh and it's Jo not Joanne")."""
    return f"Thanks, I've changed {_PUT_RIGHT_LABELS.get(detail, 'that')} to {value}."


# Said when a question has had several replies and none we could use: the case goes on without it.
LEFT_OUT = "Let's leave that one out. Your words are kept with the case, and the school can ask you if it needs to."

QUESTIONS = {
    "subject_name": "Who is it about? A name or their role is fine (for example 'the lunchtime supervisor').",
    "child_name": "What is your child's first name?",
    "account": "Please tell me what has happened, in your own words. You can write as much as you like.",
    # Asked when the first message was taken as what happened: it may say only what the
    # matter is ("I wanted to let his teacher know what's going on"), not what is going on.
    "account_more": ("Is there anything else you'd like the school to know about what's happened, in your own "
                     "words? If that's everything, just say no."),
    "parent_name": "What is your name?",
    "contact": "What is the best phone number or email address to reply to?",
    "detail_to_change": "Which detail would you like to change?",
}
# A complaint may concern no one child (the car park, a newsletter): the parent can say so.
CHILD_NAME_FOR_A_COMPLAINT = "What is your child's first name? If it isn't about one child, just say so."

DETAIL_LABELS = {
    "subject_name": "Who it is about",
    "child_name": "Child's first name",
    "child_class": "Class",
    "account": "What happened",
    "parent_name": "Your name",
    "contact": "How to reply to you",
}


WELCOME_CHOICES = [
    ("Worry about my child", "/concern_child"),
    ("Report bullying", "/report_bullying"),
    ("Make a complaint", "/ask_who_to_complain_to"),
    ("Talk to a person", "/ask_human"),
]


def welcome(profile: SchoolProfile) -> str:
    """The first thing a parent reads: who this is, that it is automated, and privacy."""
    return (
        f"Hello, I'm the {profile.short_name} automated assistant (not a person). I can help you "
        "raise a worry, a complaint or a bullying report with the right member of staff, and explain "
        "how our complaints procedure works. If a child is in danger, call 999.\n"
        f"How we use what you tell us: {profile.privacy_notice_url}\n"
        "What would you like to talk about?"
    )


# Where a complaint goes when the people it is about put its usual route out of reach.
ROUTES_PAST_THE_SUBJECT = {
    ("complain_governor", "chair_of_governors"): (
        "Thank you for raising this. A complaint about the Clerk to the Governors goes to the Chair of "
        "Governors, not to the Clerk, so it is heard independently."),
    ("complain_headteacher", "clerk_to_governors"): (
        "Thank you for raising this. A complaint about both the Headteacher and the Chair of Governors goes "
        "to the Clerk to the Governors, so neither of them looks at it."),
    ("complain_governor", "headteacher"): (
        "Thank you for raising this. A complaint about both the Chair of Governors and the Clerk goes to the "
        "Headteacher, so neither of them looks at it."),
}


def explain_channel(matter: str, text: str = "", profile: SchoolProfile | None = None,
                    routed_to: str | None = None) -> str:
    """Where this matter goes under the protocol: to `routed_to` when given (a complaint about the
    Clerk goes to the Chair). For a social media post, what fits who is writing: the protocol's
    reminder only for a parent who has posted or says they will."""
    if matter == "social_media_post":
        return explain_social_media(text)
    if matter == "complaint_stage_2" and profile is not None:
        return stage_2(profile, routed_to)
    return ROUTES_PAST_THE_SUBJECT.get((matter, routed_to)) or CHANNEL_EXPLANATIONS.get(matter, "")


# Said when what the parent tells of is plainly more serious than the matter being taken.
_SOUNDS_LIKE = {"report_bullying": "bullying", "report_cyberbullying": "bullying online",
               "social_media_post": "something posted online about the school or its staff",
               "complaint_stage_2": "stage 2 of the complaints procedure"}


def matter_now(matter: str) -> str:
    """Said before the new route's explanation: "From what you've said, this sounds like bullying"."""
    return (f"Thank you for telling me. From what you've said, this sounds like {_SOUNDS_LIKE.get(matter, 'something else')}, "
            "so I'll treat it that way. You can change anything before it's sent.")


# What a second matter recorded beside the first is called, to the parent.
SECOND_MATTER_NAMES = {
    "concern_child": "a worry about your child", "report_bullying": "a bullying report",
    "report_cyberbullying": "a report of bullying online", "social_media_post": "a report of a post online",
    "complain_staff": "a complaint about a member of staff", "complain_school": "a complaint about the school",
    "complain_headteacher": "a complaint about the Headteacher", "complain_governor": "a complaint about a governor",
}


def second_matter_noted(matter: str) -> str:
    """Said when the parent asks for a second matter to be recorded beside the one being taken."""
    return (f"Thank you. I'll record that as {SECOND_MATTER_NAMES.get(matter, 'a separate matter')} as well, "
            "on its own, so it goes to the right person, with the same details.")


def second_matter_in_summary(matter: str) -> str:
    return f"- Also recorded on its own: {SECOND_MATTER_NAMES.get(matter, 'a separate matter')}, with your words"


def second_matter_filed(matter: str, reference: str, routed_to: str) -> str:
    who = ROLE_TITLES.get(routed_to, "the right member of staff")
    return (f"I've also recorded {SECOND_MATTER_NAMES.get(matter, 'the other matter')} as {reference} "
            f"and passed it to {who}.")


SECOND_MATTER_NOT_RECORDED = ("I'm sorry, I couldn't record the second matter just now because of a problem on our "
                              "side. Your words are kept in this chat; please tell me about it again in a minute.")


def panel_arranged_by(routed_to: str | None) -> str:
    """Who arranges a stage 2 panel: the Clerk to the Governors, or whoever holds the complaint
    because it is about the Clerk (the Chair of Governors)."""
    if routed_to in (None, "clerk_to_governors"):
        return "the Clerk to the Governors"
    return f"{ROLE_TITLES.get(routed_to, 'the Chair of Governors')}, because it is about the Clerk"


def _arranger_short(routed_to: str | None) -> str:
    return "The Clerk" if routed_to in (None, "clerk_to_governors") else \
        ROLE_TITLES.get(routed_to, "the Chair of Governors")[0].upper() + ROLE_TITLES.get(
            routed_to, "the Chair of Governors")[1:]


AFTER_STAGE_2 = ("After the panel, if you think the school did not follow its procedure, you can ask the "
                 "Department for Education to check the procedure (it does not look at the decision again). If it "
                 "is about the Nursery Unit meeting the early years rules, you can also contact Ofsted.")


def stage_2(profile: SchoolProfile, routed_to: str | None = None) -> str:
    """Taking a complaint further: the panel, who arranges it and within what time limit, and what
    comes after it (the DfE for the procedure only; Ofsted for the Nursery Unit's early years)."""
    return (
        "You can take it to stage 2 of the complaints procedure: a panel of governors who have not been "
        f"involved before, arranged by {panel_arranged_by(routed_to)}. {_arranger_short(routed_to)} will "
        f"acknowledge it within {profile.acknowledge_days} school days and write to you with the panel's date. "
        + AFTER_STAGE_2
    )


def explain_social_media(text: str) -> str:
    if parent_has_posted_or_will(text):
        # Heard first; then, politely, the protocol: take it down, and raise it with us.
        return ("Thank you for telling me what has happened; I'll make sure the Headteacher hears it and "
                "replies to you. " + CHANNEL_EXPLANATIONS["social_media_post"].replace(
                    " I'll pass this to the Headteacher.", "").replace("Thank you for coming to us. ", "")
                + " If you have already posted, please take the post down, as the protocol asks: the school "
                "would rather put things right with you directly. (The report tools are on each post: on "
                "Facebook, the three dots, then 'Report post'.)")
    if post_about_a_child(text):
        return ("I'm so sorry. A post that names or humiliates a child is treated as a serious incident of "
                "bullying and harassment. I'll pass this to the Headteacher and our safeguarding lead straight "
                "away. You can report the post with the site's own tools (on Facebook: the three dots on the "
                "post, then 'Report post'). Please don't share it further; if it shows a naked or semi-nude "
                "image of a child, don't screenshot or copy it either.")
    return ("Thank you for letting us know. I'll pass this to the Headteacher, who will look at it. You can "
            "also report a post with the site's own tools (on Facebook: the three dots on the post, then "
            "'Report post').")


def safeguarding_first_words(profile: SchoolProfile, words: str = "") -> str:
    """The first thing said when a child may be at risk: 999 before anything else; and the
    helplines that fit what they wrote (domestic abuse, a child hurting themselves)."""
    lines = (
        f"If a child is in immediate danger, please call {profile.emergency_number} now.\n"
        f"You can also call {profile.children_services.name} on {profile.children_services.phone}, "
        f"or the {profile.nspcc.name} on {profile.nspcc.phone}. "
        f"Children can call {profile.childline.name.split(' (')[0]} on {profile.childline.phone}."
    )
    domestic = profile.helpline("domestic_abuse")
    if domestic and about_domestic_abuse(words):
        lines += (f"\nIf you are living with abuse, you are not alone. You can call {domestic}. "
                  f"If you are in danger, call {profile.emergency_number}.")
    crisis = [h for h in (profile.helpline("nhs_111"), profile.helpline("samaritans")) if h]
    if crisis and about_self_harm(words):
        lines += "\nFor help with a child's mental health now: " + " or ".join(str(h) for h in crisis) + "."
    if about_private_fostering(words):
        # The law asks the carer and the parents to tell the council; the school's part is to
        # make sure it knows, which is the safeguarding lead's job.
        lines += ("\nWhen a child under 16 lives for 28 days or more with someone who is not a parent or close "
                  "relative, that is called private fostering, and the council's children's services must be told. "
                  "Thank you for letting us know: our safeguarding lead will help you with that.")
    return lines


def contact_question(domestic_abuse: bool) -> str:
    """What is asked for a way to reply; where there is domestic abuse, whether it is safe."""
    if not domestic_abuse:
        return QUESTIONS["contact"]
    return ("Is it safe for the school to contact you? If it is, what is the safest phone number or email, "
            "and a safe time? If it isn't, just say \"not safe\" and our safeguarding lead will find a safe way "
            "to speak to you, for example in person at school.")


def contact_safety_note(profile: SchoolProfile) -> str:
    """Said once, before asking whether contact is safe, to a parent whose words hint that someone
    at home must not see or hear from the school ("text only please, he checks my phone")."""
    domestic = profile.helpline("domestic_abuse")
    helpline = f" You can call {domestic}." if domestic else ""
    return ("Thank you for telling me. The school will only get in touch in a way that is safe for you. "
            f"If someone at home is hurting, frightening or controlling you, you are not alone.{helpline} "
            f"If you are in danger, call {profile.emergency_number}.")


def contact_hint_added(reference: str) -> str:
    return (f"I've added that to {reference}, so the person dealing with it knows not to phone or email you "
            "until a safe way to reach you is agreed.")


# Kept as the case's contact when a parent living with domestic abuse says contact is not safe.
NOT_SAFE_TO_CONTACT = "NOT SAFE to phone or email: speak to them in person at school"
# Said with the reference when that is the contact, in place of any promise of a call or an email.
NOT_SAFE_REPLY = ("As you asked, nobody will phone or email you about this. The school will find a safe way to "
                  "speak to you, for example in person at school.")


def nude_image_advice(profile: SchoolProfile) -> str:
    """Said when a naked or semi-nude image of a child is involved: never keep or pass it on."""
    remove = profile.helpline("report_remove")
    ceop = profile.helpline("ceop")
    return (
        "Please don't screenshot, copy, save or forward the image, even to show us: doing that makes a "
        "new indecent image of a child, which is against the law. Don't send it here either. Childline and "
        "the Internet Watch Foundation can get it taken down with Report Remove "
        f"({remove.url if remove and remove.url else 'childline.org.uk/remove'}), and you can report an adult "
        f"to CEOP ({ceop.url if ceop and ceop.url else 'ceop.police.uk'})."
    )


def safeguarding_first_words_for_a_child(profile: SchoolProfile) -> str:
    """The first thing said to a child writing about themselves: Childline, then 999."""
    childline = profile.childline.name.split(" (")[0]
    return (
        f"Thank you for telling me. You can talk to {childline} any time, day or night, for free: call "
        f"{profile.childline.phone}. It won't show on the phone bill.\n"
        f"If you are in danger right now, call {profile.emergency_number}."
    )


def safeguarding_alerted_for_a_child(profile: SchoolProfile) -> str:
    return (
        "You did the right thing telling someone. I've passed what you said to the person at school whose "
        "job is to keep children safe. I can't keep it a secret, because keeping you safe matters most. "
        "Please also talk to a teacher or another grown-up at school you trust, as soon as you can."
    )


def alert_not_recorded(profile: SchoolProfile) -> str:
    """Said when a safeguarding alert could not be recorded: never leave them thinking someone was told."""
    return ("I'm sorry, I couldn't pass this on just now because of a problem on our side. "
            f"Please phone the school office on {profile.office_phone} straight away, or "
            f"{profile.children_services.name} on {profile.children_services.phone}. "
            f"If a child is in immediate danger, call {profile.emergency_number}.")


def safeguarding_alerted(reference: str, result: Triage, profile: SchoolProfile) -> str:
    who = ROLE_TITLES.get(result.routed_to or "dsl", "our safeguarding lead")
    return (
        f"I have alerted {who} now (reference {reference}). I can't keep this a secret: keeping "
        "children safe means passing it to the people who need to know, and only them."
    )


def safeguarding_alerted_out_of_hours(reference: str, result: Triage, now: dt.datetime,
                                      calendar: SchoolCalendar) -> str:
    """Out of school hours, the alert is sent but nobody reads it yet: say when it will be read,
    and what to do meanwhile. Never "alerted now" beside "nobody is reading"."""
    profile = calendar.profile
    who = ROLE_TITLES.get(result.routed_to or "dsl", "our safeguarding lead")
    when = _when_read(calendar, now)
    services = profile.children_services
    meanwhile = services.out_of_hours or services.phone
    return (
        f"I've sent this to {who} (reference {reference}). It's outside school hours, so nobody at school is "
        f"reading it yet: it will be read {when}. Until then, if a child is in danger call "
        f"{profile.emergency_number}, and to speak to someone now call {services.name} on {meanwhile}. "
        "I can't keep this a secret: keeping children safe means passing it to the people who need to know, "
        "and only them."
    )


def urgent_help(profile: SchoolProfile) -> str:
    """The way to urgent help that every reply carries, whatever else it says."""
    return (f"If a child is in danger, call {profile.emergency_number}. "
            f"The school office is on {profile.office_phone}.")


# The assistant's short replies around a conversation. Each ends with the way to urgent help:
# a parent may only ever read this one.
def goodbye(profile: SchoolProfile) -> str:
    return "Thank you for getting in touch. Take care. " + urgent_help(profile)


def anything_else(profile: SchoolProfile) -> str:
    return "Is there anything else I can help with? " + urgent_help(profile)


def you_are_welcome(profile: SchoolProfile) -> str:
    return "You're welcome. " + anything_else(profile)


def carry_on_with_the_case(profile: SchoolProfile) -> str:
    """A yes or no that answers no question while a case is being taken (a "No, it's something
    else" to the risk question): the case goes on, and its question comes again."""
    return "Thank you. Let's carry on with what you were telling me. " + urgent_help(profile)


def capabilities(profile: SchoolProfile) -> str:
    return ("I'm an automated assistant. I can pass a worry about your child to their teacher, take a complaint, "
            "a bullying or cyberbullying report, or a concern about something posted online, and make sure it "
            "reaches the right person under the school's procedure. I give you a reference so you can check on it. "
            + urgent_help(profile))


def is_bot(profile: SchoolProfile) -> str:
    return ("I'm an automated assistant, not a person. Everything you tell me is passed to a member of staff, who "
            "will read it and reply. If you'd rather talk to someone, just say so. " + urgent_help(profile))


def can_post_online(profile: SchoolProfile) -> str:
    return ("We'd ask you not to. The school's social media protocol asks parents to raise concerns with the "
            "school, not on Facebook or other sites, so they can be dealt with fairly for everyone, children "
            "included. Posts that are defamatory or abusive are reported to the site and we expect them to be "
            "removed. Tell me what's happened and I'll pass it to the right person. " + urgent_help(profile))


def abuse(profile: SchoolProfile) -> str:
    return ("I can hear you're really frustrated, and I want to help. If you tell me what has happened, I'll make "
            "sure it reaches the right person. " + urgent_help(profile))


def why_without_a_question(profile: SchoolProfile, at_the_summary: bool = False) -> str:
    """The answer to "why?" when no question of the intake is waiting for an answer: what the
    assistant is for, that it asks nothing until something is raised, and the way to urgent help.
    At the summary of a case: what the summary is for (nothing is sent until they confirm)."""
    if at_the_summary:
        return ("I show you what I'll send so you can check it first: nothing is recorded or sent until you press "
                "'Yes, send it', and you can change something or cancel. " + urgent_help(profile))
    return (f"I haven't asked you for anything just now. I'm the {profile.short_name} automated assistant (not a "
            "person): I pass a worry, a complaint or a bullying report to the right member of staff, and explain how "
            "the school's complaints procedure works. I only ask for details once you raise something, and you can "
            "ask me why at any question. " + urgent_help(profile))


def not_understood(profile: SchoolProfile) -> str:
    return ("Sorry, I'm not sure I understood. Could you tell me a bit more? For example: a worry about "
            "your child, a complaint, bullying, or something posted online. " + urgent_help(profile))


def something_else(profile: SchoolProfile) -> str:
    return ("Thank you for letting me know. Could you tell me a little more about what you'd like to raise? "
            "For example: a worry about your child, a complaint, bullying, or something posted online. "
            + urgent_help(profile))


NOT_UNDERSTOOD_CHOICES = (("Worry about my child", "/concern_child"), ("Report bullying", "/report_bullying"),
                          ("Bullying online", "/report_cyberbullying"), ("Make a complaint", "/complain_school"),
                          ("Talk to a person", "/ask_human"))
# The model's closest readings, offered first when it could not decide between them (titles
# within Messenger's 20 characters).
CHOICE_FOR_MATTER = {
    "concern_child": ("Worry about my child", "/concern_child"),
    "report_bullying": ("Report bullying", "/report_bullying"),
    "report_cyberbullying": ("Bullying online", "/report_cyberbullying"),
    "social_media_post": ("Post about school", "/social_media_post"),
    "complain_staff": ("Complaint: staff", "/complain_staff"),
    "complain_headteacher": ("Complaint: the Head", "/complain_headteacher"),
    "complain_governor": ("Complaint: governor", "/complain_governor"),
    "complain_school": ("Make a complaint", "/complain_school"),
    "complaint_stage_2": ("Take it to stage 2", "/complaint_stage_2"),
    "ask_human": ("Talk to a person", "/ask_human"),
}


def not_understood_choices(closest: list[str]) -> list[tuple[str, str]]:
    """The buttons under "I'm not sure I understood": the model's closest readings first (at most
    two), then the usual choices not already offered (talking to a person always among them)."""
    choices: list[tuple[str, str]] = []
    for matter in closest[:2]:
        if matter in CHOICE_FOR_MATTER and CHOICE_FOR_MATTER[matter] not in choices:
            choices.append(CHOICE_FOR_MATTER[matter])
    complaint_offered = any(payload.startswith("/complain") for _, payload in choices)
    for choice in NOT_UNDERSTOOD_CHOICES:
        if choice not in choices and not (complaint_offered and choice[1] == "/complain_school"):
            choices.append(choice)
    return choices


def messenger_reply_may_not_reach(profile: SchoolProfile) -> str:
    return ("Please note: the school is closed for more than a week, and Messenger only lets staff reply for "
            "7 days after your last message, so they may not be able to answer you here. If you need to speak "
            f"to someone, please phone the school office on {profile.office_phone} or email "
            f"{profile.office_email} when the school reopens. If a child is in danger, call {profile.emergency_number}.")


def maybe_at_risk(profile: SchoolProfile) -> str:
    """One kind question before anyone is alerted on a weak sign, with 999 first as in every
    reply about a child's safety."""
    return (f"If a child is in immediate danger, please call {profile.emergency_number} now.\n"
            "Thank you for telling me. Are you worried a child may be at risk of harm?")


MAYBE_AT_RISK_CHOICES = (("Yes, I'm worried a child may be at risk", "/safeguarding_child"),
                         ("No, it's something else", "/deny"))


def maybe_at_risk_choices(next_reading: str | None) -> list[tuple[str, str]]:
    """The buttons under "Are you worried a child may be at risk?": yes first, then the matter
    the words most likely are if not that (a boy who keeps pushing him: "Report bullying"), so
    the parent says which in one press, then "something else"."""
    choices = [MAYBE_AT_RISK_CHOICES[0]]
    if next_reading in CHOICE_FOR_MATTER:
        choices.append(CHOICE_FOR_MATTER[next_reading])
    return choices + [MAYBE_AT_RISK_CHOICES[1]]


def out_of_scope(profile: SchoolProfile) -> str:
    return ("Sorry, I can't help with that here. I'm the school's assistant for worries, complaints and "
            f"bullying reports. For anything else, the school office can help: {profile.office_phone} or "
            f"{profile.office_email}, on school days from {profile.opens:%H:%M} to {profile.closes:%H:%M}. "
            f"If a child is in danger, call {profile.emergency_number}.")


SIGNPOST_LABELS = {
    "admissions": "Admissions and appeals",
    "exclusions": "Exclusion reviews",
    "send": "EHC plans and SEND assessments",
    "staff_matters": "Staff grievances",
    "whistleblowing": "Whistleblowing",
}
# Which route a message asks about, by its words; none found gives every route.
SIGNPOST_WORDS = {
    "admissions": r"\b(admissions?|appeal\w*|school place|a place|waiting list|allocat\w*|offer(ed)? (a|of a) place|"
                  r"first choice|catchment)\b",
    "exclusions": r"\b(exclu\w*|suspen\w*|sent home for|permanent(ly)? exclu\w*|fixed[- ]term)\b",
    "send": r"\b(ehc\w*|send|sen|special educational|needs assessment|statutory assessment|tribunal|"
            r"education health (and|&) care)\b",
    "staff_matters": r"\b(grievance|my (line )?manager|my contract|i work (at|in) (the )?school|as a member of staff|"
                     r"my employment|disciplinary)\b",
    "whistleblowing": r"\b(whistle ?blow\w*|report (a|my) colleague|public interest disclosure)\b",
}
# What else is true of a route (KCSIE, the DfE's complaints guidance, the exclusion guidance).
SIGNPOST_ALSO = {
    "exclusions": "After the governors' review you can ask for an independent review panel, arranged by the "
                  "local authority.",
    "send": "If the school isn't doing what an EHC plan says, or a managed move went wrong, that can be a "
            "complaint to the school: tell me what happened and I'll record it.",
    "staff_matters": "A grievance about the Headteacher goes to the Chair of Governors. A worry about how a "
                     "colleague behaves with a child is not a grievance but an allegation: tell me, and it "
                     "goes at once to whoever handles allegations about staff (the Headteacher, or the Chair "
                     "of Governors when it is about the Headteacher).",
    "whistleblowing": "A worry about how a colleague behaves with a child is more than whistleblowing: it is an "
                      "allegation about staff. Tell me, and it goes at once to whoever handles allegations (the "
                      "Headteacher, or the Chair of Governors when it is about the Headteacher).",
}
# A managed move is agreed between schools and the family, not decided by an outside body: the
# DfE's guidance lets a parent who disagrees with it complain to the school.
_MANAGED_MOVE = re.compile(r"\bmanaged (school )?(move|transfer)\b", re.IGNORECASE)
MANAGED_MOVE = ("A managed move to another school is not an exclusion, and no outside body decides it: if you "
                "disagree with it, or with how it is being done, that can be a complaint to the school. Tell me "
                "what happened and I'll record it.")


def signpost_routes(text: str, profile: SchoolProfile) -> list[str]:
    """The routes a message asks about; every route the profile has when it names none."""
    plain = text.lower()
    asked = [key for key in profile.signposts
             if key in SIGNPOST_WORDS and re.search(SIGNPOST_WORDS[key], plain)]
    return asked or list(profile.signposts)


def signpost(profile: SchoolProfile, text: str = "") -> str:
    """Matters outside the complaints procedure: only the route asked about, with who handles it."""
    routes = signpost_routes(text, profile)
    label = {key: SIGNPOST_LABELS.get(key, key.replace("_", " ").capitalize()) for key in routes}
    asked = routes != list(profile.signposts) or len(routes) == 1
    if _MANAGED_MOVE.search(text or "") and not asked:
        lines = [MANAGED_MOVE]
    elif len(routes) == 1:
        [key] = routes
        lines = [f"{label[key]} are handled outside the school's complaints procedure, by {profile.signposts[key]}."]
        if key in SIGNPOST_ALSO:
            lines.append(SIGNPOST_ALSO[key])
    else:
        lines = ["That isn't handled through the school's complaints procedure. Here is who can help:"]
        lines += [f"- {label[key]}: {profile.signposts[key]}" for key in routes]
        if asked:
            # Two or three routes asked about: what else is true of each, once (not for the full list).
            lines += list(dict.fromkeys(SIGNPOST_ALSO[key] for key in routes if key in SIGNPOST_ALSO))
    lines.append(f"The school office can point you the right way too: {profile.office_phone}. "
                 f"If a child is in danger, call {profile.emergency_number}.")
    return "\n".join(line.rstrip() for line in lines)


def out_of_hours(now: dt.datetime, calendar: SchoolCalendar) -> str:
    """Said outside school hours: nobody reads the chat live, and when it will be read."""
    opening = calendar.next_opening(now)
    today = calendar.local(now).date()
    if opening is None:
        # Past the profile's last term date: when the school reopens is not known here.
        read_when = "Staff will read it when the school reopens after the holiday. "
    else:
        read_when = f"Staff will read it from {opening:%H:%M} {describe_day(opening.date(), today)}. "
    return (
        "Please note: it's outside school hours, so nobody is reading this chat right now. "
        + read_when + f"If a child is in danger, call {calendar.profile.emergency_number}."
    )


def _when_read(calendar: SchoolCalendar, now: dt.datetime) -> str:
    """When someone at school next reads what is sent now ("from 8:30am Monday 30 November"),
    from the calendar; past its last term date, not known, so no date is made up."""
    opening = calendar.next_opening(now)
    if opening is None:
        return "when the school reopens after the holiday"
    today = calendar.local(now).date()
    return f"from {opening:%-I:%M%p} {describe_day(opening.date(), today)}".replace("AM", "am").replace("PM", "pm")


def _reply_by(acknowledge_by: dt.date | None, respond_by: dt.date, today: dt.date, estimated: bool) -> str:
    """When to expect a reply, as the school-day calendar counts it; an estimate past its last
    term date. Only the full reply is given when the acknowledgement is no longer what's next."""
    if estimated:
        # Past the school's published term dates: the dates are weekdays, and may move.
        dates = (f"by {describe_day(acknowledge_by, today)} (a full reply by {describe_day(respond_by, today)})"
                 if acknowledge_by else f"a full reply by {describe_day(respond_by, today)}")
        return ("The school's term dates for then aren't published here yet, so as an estimate: "
                f"{dates}, later if it falls in a holiday.")
    if acknowledge_by:
        return (f"You should hear back by {describe_day(acknowledge_by, today)} at the latest "
                f"(a full reply by {describe_day(respond_by, today)}).")
    return f"You should have a full reply by {describe_day(respond_by, today)}."


def time_limits(profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime) -> str:
    """The school's time limits in school days, what they mean for something sent now, and when
    a safeguarding worry is read: only what the calendar makes true."""
    return _limits_for_now(profile, calendar, now) + " " + safeguarding_read(profile, calendar, now)


def _panel_limits_for_now(profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime,
                          routed_to: str | None) -> str:
    """Stage 2's time limit for something sent now: the acknowledgement, then the panel's date."""
    today = calendar.local(now).date()
    acknowledge_by = calendar.school_days_after(today, profile.acknowledge_days)
    return _panel_due(acknowledge_by, today, calendar.beyond_calendar(acknowledge_by), routed_to)


def _panel_due(acknowledge_by: dt.date, today: dt.date, estimated: bool, routed_to: str | None) -> str:
    when = (f"by {describe_day(acknowledge_by, today)} (an estimate: the term dates for then aren't published "
            "here yet)" if estimated else f"by {describe_day(acknowledge_by, today)}")
    return f"{_arranger_short(routed_to)} will acknowledge it {when} and write to you with the date of the panel."


def _limits_for_now(profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime) -> str:
    today = calendar.local(now).date()
    acknowledge_by = calendar.school_days_after(today, profile.acknowledge_days)
    respond_by = calendar.school_days_after(today, profile.respond_days)
    sent_now = _reply_by(acknowledge_by, respond_by, today, calendar.beyond_calendar(respond_by))
    return (
        f"The school aims to acknowledge a concern within {profile.acknowledge_days} school days "
        f"and to give you a full reply within {profile.respond_days} school days. Weekends and "
        f"holidays don't count. For something sent now: {sent_now[0].lower()}{sent_now[1:]}"
    )


def safeguarding_read(profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime) -> str:
    """When a safeguarding worry sent now is read, and what to do until then."""
    services = profile.children_services
    if calendar.is_open(now):
        return ("A safeguarding worry is sent to the safeguarding lead straight away, and the school is open now "
                f"(until {profile.closes:%-I:%M%p} today). If a child is in danger, call "
                f"{profile.emergency_number}.").replace("AM", "am").replace("PM", "pm")
    return (f"A safeguarding worry is sent to the safeguarding lead straight away, but the school is closed now, "
            f"so it will be read {_when_read(calendar, now)}. Until then, if a child is in danger call "
            f"{profile.emergency_number}, and to speak to someone call {services.name} on "
            f"{services.out_of_hours or services.phone}.")


# Which stage of the DfE's model complaints procedure a case is at: INFORMAL, STAGE_1, STAGE_2
# (concerns/triage.py), kept on a complaint since migration 0011.


def _escalated_to_clerk(record: dict) -> dict | None:
    """The audit entry of an older complaint sent on to the Clerk for a stage 2 panel, if any."""
    return next((entry for entry in reversed(record.get("audit") or [])
                 if entry.get("action") == "rerouted" and entry.get("detail", "").endswith("to=clerk_to_governors")),
                None)


def complaint_stage(record: dict) -> str | None:
    """The procedure's stage a case is at: for a complaint, the stage kept on it (stage 2 when the
    parent asked for it, or staff moved it there, whoever holds it). A concern is the informal stage.
    Older complaints, with no stage kept, are read from where they went: stage 1 with the
    Headteacher (the Chair when it is about the Headteacher, the Clerk when it is about a
    governor); stage 2 for a complaint the Clerk has that is not about a governor, or one sent on
    to the Clerk. None outside the complaints procedure (bullying reports, safeguarding, hand-offs)."""
    if record.get("category") == "concern":
        return INFORMAL
    if record.get("category") != "complaint":
        return None
    if record.get("complaint_stage") in (STAGE_1, STAGE_2):
        return record["complaint_stage"]
    if record.get("routed_to") == "clerk_to_governors" and (record.get("about") != "governor"
                                                             or _escalated_to_clerk(record)):
        return STAGE_2
    return STAGE_1


_STAGE_NOW = {
    INFORMAL: "This is the informal stage: the school tries to put things right with you first.",
    STAGE_1: "This is stage 1 of the complaints procedure, a formal complaint.",
    STAGE_2: ("This is stage 2 of the complaints procedure: a panel of governors who have not been involved "
              "before, arranged by {arranger}."),
}
_STAGE_AFTER = {
    INFORMAL: ("If that doesn't put it right, you can make a formal complaint to the Headteacher (stage 1), and "
               "after that ask for a panel of governors through the Clerk (stage 2)."),
    STAGE_1: ("If you are unhappy with the outcome, you can take it to stage 2: a panel of governors who have not "
              "been involved, arranged by the Clerk to the Governors. Just tell me you'd like stage 2."),
    STAGE_2: ("That is the last stage of the school's procedure. After it, if you think the school did not follow "
              "its procedure, you can ask the Department for Education to check the procedure (it does not look "
              "at the decision again). If it is about the Nursery Unit meeting the early years rules, you can "
              "also contact Ofsted."),
}


def _stage_now(stage: str, routed_to: str | None) -> str:
    return _STAGE_NOW[stage].format(arranger=panel_arranged_by(routed_to))
_REPORT_AFTER = ("If it happens again, tell me straight away. If you are unhappy with how it was handled, you can make "
                 "a formal complaint to the Headteacher.")


def _stage_of_matter(matter: str | None, category: str | None, routed_to: str | None,
                     about: str | None) -> str | None:
    if matter == "complaint_stage_2":
        return STAGE_2
    return complaint_stage({"category": category, "routed_to": routed_to, "about": about})


def what_next(profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime, matter: str | None = None,
              category: str | None = None, routed_to: str | None = None, about: str | None = None) -> str:
    """Asked "what happens next?" before anything is recorded: what confirming does for this
    matter, when to expect a reply from the calendar, and the procedure's next step after it."""
    if category == "safeguarding":
        return ("A worry that a child may be at risk goes to our safeguarding lead at once. They decide what needs "
                "to happen to keep the child safe, which may include contacting children's services. "
                + safeguarding_read(profile, calendar, now))
    who = ROLE_TITLES.get(routed_to or "", "the right member of staff")
    stage = _stage_of_matter(matter, category, routed_to, about)
    lines = [f"Once you confirm, I record it with a reference number and send it to {who}. They read the full "
             "details in our secure system, not by email.",
             _panel_limits_for_now(profile, calendar, now, routed_to) if stage == STAGE_2
             else _limits_for_now(profile, calendar, now)]
    if stage is not None:
        lines.append(_stage_now(stage, routed_to) + " " + _STAGE_AFTER[stage])
    elif category in ("bullying", "cyberbullying", "social_media"):
        lines.append("If you are unhappy with how it is handled, you can make a formal complaint to the Headteacher.")
    elif category is None:
        lines.append(_STAGE_AFTER[INFORMAL].replace("If that doesn't put it right", "If you are still unhappy "
                                                                                   "after that"))
    lines.append(f"If a child is in danger, call {profile.emergency_number}.")
    return " ".join(lines)


_STATUS_WORDS = {
    "new": "{reference} was received and is waiting to be read by {who}.",
    "acknowledged": "{reference} has been read by {who}.",
    "in_progress": "{reference} is being looked into by {who}.",
    "resolved": "{reference} has been resolved.",
    "closed": "{reference} is closed.",
}
_OPEN = ("new", "acknowledged", "in_progress")


def case_progress(record: dict, calendar: SchoolCalendar, now: dt.datetime) -> str:
    """Where a parent's case is and what happens next, by its category, status and stage, with
    the due dates the calendar gives (estimates past its last term date). A date that has
    passed is never given as still to come."""
    profile = calendar.profile
    if record["category"] == "safeguarding":
        return _safeguarding_progress(record, calendar, now)
    reference, status = record["reference"], record["status"]
    who = ROLE_TITLES.get(record["routed_to"], "the right member of staff")
    if record["category"] == "handoff":
        if status in _OPEN:
            return (f"{reference} is with the school office: a member of staff will reply here. If it's urgent, phone "
                    f"{profile.office_phone}. If a child is in danger, call {profile.emergency_number}.")
        return (f"The school office has dealt with {reference}. If you need anything else, tell me or phone "
                f"{profile.office_phone}.")
    lines = [_STATUS_WORDS.get(status, "{reference} is " + status + ".").format(reference=reference, who=who)]
    stage = complaint_stage(record)
    if status in _OPEN:
        if stage is not None:
            lines.append(_stage_now(stage, record.get("routed_to")))
        lines.append(_due(record, stage, calendar, now))
    elif stage is not None:
        lines.append(_STAGE_AFTER[stage])
    else:
        lines.append(_REPORT_AFTER)
    lines.append(f"If a child is in danger, call {profile.emergency_number}.")
    return " ".join(lines)


def _due(record: dict, stage: str | None, calendar: SchoolCalendar, now: dt.datetime) -> str:
    profile = calendar.profile
    today = calendar.local(now).date()
    acknowledge_by = dt.date.fromisoformat(str(record["acknowledge_by"]))
    respond_by = dt.date.fromisoformat(str(record["respond_by"]))
    estimated = bool(record.get("due_estimated"))
    if stage == STAGE_2:
        sent_on = _escalated_to_clerk(record) if not record.get("complaint_stage") else None
        if sent_on is not None:
            # An older case sent on by staff: the Clerk's time limit runs from then, not from the
            # first filing. (Moving a case to stage 2 now counts its dates from the move.)
            acknowledge_by = calendar.school_days_after(
                calendar.local(dt.datetime.fromisoformat(sent_on["at"])).date(), profile.acknowledge_days)
            estimated = calendar.beyond_calendar(acknowledge_by)
        if record["status"] != "new" or acknowledge_by < today:
            return f"{_arranger_short(record.get('routed_to'))} will write to you with the date of the panel."
        return _panel_due(acknowledge_by, today, estimated, record.get("routed_to"))
    if respond_by < today:
        return (f"The school aimed to reply by {describe_day(respond_by, today)}. If you haven't heard, please "
                f"phone the school office on {profile.office_phone}.")
    first = acknowledge_by if record["status"] == "new" and acknowledge_by >= today else None
    return _reply_by(first, respond_by, today, estimated)


def _safeguarding_progress(record: dict, calendar: SchoolCalendar, now: dt.datetime) -> str:
    """A safeguarding case: who has it and that they decide what happens; never a promise that
    the parent will be told the outcome (it can involve other people's private information)."""
    profile = calendar.profile
    reference, status = record["reference"], record["status"]
    who = ROLE_TITLES.get(record["routed_to"], "our safeguarding lead")
    if status == "new":
        where = f"{reference} is with {who}."
        if not calendar.is_open(now):
            where += f" The school is closed now, so it will be read {_when_read(calendar, now)}."
    elif status in _OPEN:
        where = f"{reference} has been read by {who}, who is dealing with it."
    else:
        where = f"{who[0].upper()}{who[1:]} has finished dealing with {reference} for now."
    if record.get("about") == "staff":
        decides = ("They decide what needs to happen, with advice from the local authority designated officer "
                   "(the LADO), and may contact children's services or the police.")
    else:
        decides = ("They decide what needs to happen to keep the child safe, which may include contacting "
                   "children's services or the police.")
    return " ".join([
        where, decides,
        "They may not be able to tell you what they decide, because it can involve other people's private "
        "information.",
        f"If you are worried again, or something new happens, tell me straight away. If a child is in danger, call "
        f"{profile.emergency_number}.",
    ])


def what_next_for_a_child(profile: SchoolProfile) -> str:
    """Asked "what happens now?" by a child who wrote about themselves."""
    childline = profile.childline.name.split(" (")[0]
    return ("The person at school whose job is to keep children safe has what you said. They will decide how to "
            f"help you. You can talk to {childline} any time on {profile.childline.phone}. If you are in danger "
            f"right now, call {profile.emergency_number}.")


def filed(reference: str, routed_to: str, acknowledge_by: dt.date, respond_by: dt.date, today: dt.date,
          estimated: bool = False, stage: str | None = None) -> str:
    """Said when a case is recorded: its reference, who has it, and when to expect a reply; for
    stage 2, the panel's acknowledgement (the Clerk's, or the Chair's when it is about the Clerk)."""
    who = ROLE_TITLES.get(routed_to, "the right member of staff")
    if stage == STAGE_2:
        return (f"Thank you. I've recorded this as {reference}, stage 2 of the complaints procedure, and passed it "
                f"to {who}, who will arrange a panel of governors who have not been involved before. "
                + _panel_due(acknowledge_by, today, estimated, routed_to) +
                " Please keep the reference, and raise any concern with the school rather than on social media.")
    return (
        f"Thank you. I've recorded this as {reference} and passed it to {who}. "
        + _reply_by(acknowledge_by, respond_by, today, estimated) +
        " Please keep the reference, and raise any concern with the school rather than on social media."
    )


def assistant_unavailable(profile: SchoolProfile, child_at_risk: bool) -> str:
    """Said when part of the assistant is down: sorry, nothing is lost, try again shortly or
    phone the office. When a child may be at risk, 999 and the front door come first."""
    if child_at_risk:
        return (
            f"If a child is in immediate danger, please call {profile.emergency_number} now.\n"
            "I'm sorry, I can't pass this on just now because of a problem on our side. Please phone "
            f"the school office on {profile.office_phone} straight away, or "
            f"{profile.children_services.name} on {profile.children_services.phone}."
        )
    return (
        "I'm sorry, I can't answer just now because of a problem on our side. What you wrote is "
        "saved in this chat. Please send your last message again in a few minutes, or phone the "
        f"school office on {profile.office_phone}. If a child is in danger, call {profile.emergency_number}."
    )


def confirmed_before_an_alert(reference: str, routed_to: str) -> str:
    """Said after an alert raised by the same message that said yes to the summary: the case
    they confirmed was recorded too, on its own."""
    who = ROLE_TITLES.get(routed_to, "the right member of staff")
    return f"I've also recorded what you confirmed before that, as {reference}. It goes to {who}, as I said."


def confirmed_before_an_alert_not_recorded(profile: SchoolProfile) -> str:
    """Said when the case confirmed with a yes in the same message as an alert could not be
    recorded: the alert went; the parent knows the rest did not, and who can take it."""
    return ("I'm sorry, I couldn't record what you confirmed before that because of a problem on our side. "
            f"Your words are kept in this chat, and the school office can take it on {profile.office_phone}.")


# Said at the summary when the reply was not a yes, a change or a cancel it could read.
SUMMARY_NOT_UNDERSTOOD = "Sorry, I didn't follow that. Here is what I'll send again: press a button below."


def case_not_recorded(profile: SchoolProfile) -> str:
    """Said when a confirmed case could not be recorded: the parent's answers are kept, so
    trying again needs one press, not retyping."""
    return (
        "I'm sorry, I couldn't record this just now because of a problem on our side. Nothing you "
        "wrote has been lost. In a minute, press 'Yes, send it' below to try again, or phone the "
        f"school office on {profile.office_phone}."
    )


def notice(text: str) -> str:
    """A notice the school posted, shown at the start of every conversation until it expires."""
    return f"Notice from the school: {text}"


def thanks_received(names: list[str], passed_on: bool) -> str:
    """Thanks for a member of staff: warm, and true about whether it is passed on."""
    if not passed_on:
        return "Thank you so much for taking the time to say that. It means a lot to the staff."
    if names:
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Thank you so much, that's lovely to hear. I'll pass your message on to {who}."
    return "Thank you so much, that's lovely to hear. I'll pass your message on to the staff."


# Said when a parent turns from the matter being taken to something that starts no case.
LEFT_UNSENT = ("I haven't sent the earlier details, as you've moved on to something else. If you'd still like "
               "that passed on too, just tell me about it again.")
