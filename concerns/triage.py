"""The routing table of DESIGN.md: what the parent raised decides who the case goes to.

`triage()` takes the matter the assistant recognised (the NLU intent), plus what the
parent told it about who the matter concerns, and returns the case's category, about,
routed_to, copied_to and urgency, with the values of DESIGN.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from concerns.normalise import normalise
from concerns.people import roles_named
from concerns.profile import SchoolClass, SchoolProfile
from concerns.safety import someone_at_home_or_the_child_does_it

# The matters the assistant recognises, by NLU intent name.
MATTERS = (
    "concern_child",
    "complain_staff",
    "complain_school",
    "complain_headteacher",
    "complain_governor",
    "complaint_stage_2",
    "report_bullying",
    "report_cyberbullying",
    "social_media_post",
    "safeguarding_child",
    "staff_allegation",
    "ask_human",
    "signpost",
)
SAFEGUARDING_MATTERS = ("safeguarding_child", "staff_allegation")
# The people complaints escalate to, from the most senior down.
TOP_OF_THE_PROCEDURE = ("headteacher", "chair_of_governors", "clerk_to_governors")

CATEGORIES = ("concern", "complaint", "bullying", "cyberbullying", "social_media", "safeguarding", "handoff")
# Which stage of the DfE's model complaints procedure a case is at: an informal concern, a formal
# complaint (stage 1), or a panel of governors (stage 2). A complaint keeps its stage on the case.
INFORMAL, STAGE_1, STAGE_2 = "informal", "stage_1", "stage_2"
COMPLAINT_STAGES = (STAGE_1, STAGE_2)
URGENCIES = ("normal", "high", "urgent")

_GOVERNOR_WORDS = re.compile(r"\b(governors?|governing (body|board)|chair of( the)? governors|the chair)\b", re.IGNORECASE)
_PERSON_TARGET = re.compile(
    r"\b(about me|of me|at me|my (husband|wife|partner)|another (mum|dad|parent)|a (mum|dad|parent)|"
    r"(a|the) (teacher|member of staff|staff member)|about (miss|mrs|mr|ms) \w+)\b",
    re.IGNORECASE,
)
# A member of staff named by title and surname ("Mr Bell"), even one not in the profile.
_NAMED_ADULT = re.compile(r"\b(mr|mrs|miss|ms|mx|dr|sir)\.? [a-z][\w'-]+", re.IGNORECASE)
# A complaint's subject that is the school itself, not a person.
_SCHOOL_SUBJECT = re.compile(r"^(the )?school\b|school'?s (decisions?|rules|policy|policies)|\bhow it does things\b|"
                             r"^(the )?(decisions?|policy|policies|rules)\b", re.IGNORECASE)
# Words that say a complaint is about the school's own doings, or about a member of staff.
_SCHOOL_WORDS = re.compile(r"\b(the school|school'?s|policy|policies|rules?|decisions?|uniform|dinners?|meals?|"
                           r"letters?|communication|homework|trips?|parking|newsletter|website|clubs?)\b",
                           re.IGNORECASE)
_STAFF_WORDS = re.compile(r"\b(teacher|ta|teaching assistant|member of staff|staff|office|receptionist|"
                          r"lunchtime|dinner lady|supervisor|senco|coach|caretaker|(mr|mrs|miss|ms) \w+)\b",
                          re.IGNORECASE)
# Jobs that pick out a member of staff who is not the Headteacher: an allegation about "the
# caretaker" or "his TA" can go to the Headteacher at once ("teacher" alone, not "head teacher").
_JOB_WORDS = re.compile(r"\b((?<!head )(?<!head)teachers?|tas?|teaching assistants?|1:1|one to one|support worker|"
                        r"(runs|does|takes|leads|helps (at|with)) (the )?[\w -]{0,25}club|club (leader|worker|staff)|"
                        r"receptionist|lunchtime (supervisor|assistant|staff)|dinner (lady|ladies|staff)|"
                        r"midday (supervisor|assistant)|supervisor|senco|coach|caretaker|cleaner|cook|"
                        r"nursery (nurse|worker|practitioner)|practitioner|tutor|instructor|minibus driver|"
                        r"(pe|music|swimming|football|sports|drama|art) (teacher|coach))\b", re.IGNORECASE)
# What a case records as its subject when the parent does not know who it was.
UNNAMED_STAFF = "a member of staff (name not given)"
# An answer to "who is it about?" that picks out nobody: "a member of staff", "I don't know".
_NOBODY_IN_PARTICULAR = re.compile(
    r"\b(do ?n[o']?t|do not|dunno|not sure|no idea|can'?t (remember|say)|rather not|prefer not|unknown)\b|"
    r"^\W*(it'?s |it was |just )?(a|an|one of the|one of your|some|the)?\s*(members? of (the )?staff|staff ?members?|"
    r"staff|adults?|grown[- ]?ups?|man|woman|lady|bloke|person|someone|somebody)"
    r"( (at|in|from|who works at) (the |your )?school)?\W*$", re.IGNORECASE)
_CHILD_TARGET = re.compile(r"\b(son|daughter|child|kid|boy|girl|lad|pupil|grandson|granddaughter|year \d)\b", re.IGNORECASE)
# A post that names or humiliates a child: the protocol's "serious incident of bullying and
# harassment", so cyberbullying at high urgency with the safeguarding lead copied.
_POST_ABOUT_A_CHILD = re.compile(
    r"\b(about|of|mocking|naming|names|named|humiliat\w*|laughing at|making fun of|slagging( off)?|calling|"
    r"picture of|photo of|video of|pic of|tagged|tagging)\b.{0,25}\b(my|our|a|the|one of the) (little )?"
    r"(son|daughter|child|kid|boy|girl|lad|grandson|granddaughter|children|kids|pupil|pupils)\b"
    r"|\b(my|our) (son|daughter|child|kid|boy|girl|grandson|granddaughter)('?s)? (photo|picture|name|pic|video)\b",
    re.IGNORECASE)
# The parent has posted, or says they will: the protocol's reminder is for them alone.
_PARENT_POSTS = re.compile(
    r"\b(i'?m|i am|i'?ll|i will|i'?ve|i have|i had|i|we'?re|we are|we'?ll|we will|we'?ve|we have|we)\s+"
    r"(going to |gonna |about to |just |already |will |might |be |thinking (of|about) |tempted to |want to |wanna )?"
    r"(post(ed|ing)?|put(ting)?( it all| it| this| everything| all of it)? (on|all over|up on)|put(ting)? (up )?a (post|status)|shar(e|ed|ing)( it| this| everything)? (on|online|everywhere|with everyone)|"
    r"shared (the|their|her|his|that) post(?! (with|to) (you|the school|school|staff|the teacher|his|her|their|the head))|"
    r"re-?post(ed|ing)?|name and shame|naming and shaming|"
    r"go(ing)? public|(put(ting)?|leav(e|ing)|writ(e|ten|ing)) a (bad |terrible )?review|review)\b"
    r"|\bmy (post|facebook post|status)\b|\bi posted\b",
    re.IGNORECASE)


# Words that say a complaint has already been through stage 1: its outcome, taking it further,
# stage 2, the panel. "I'd like to make a formal complaint" has none of them: it is a new one.
_STAGE_2_WORDS = re.compile(
    r"\b(stage (2|two)|next stage|further|escalat\w*|appeal\w*|outcome|panel|review of|look (again|at it again)|"
    r"reconsider\w*|think again|(don'?t|do not|can'?t|cannot|won'?t) accept|not upheld|rejected|findings|"
    r"looked at again|next level|stage (1|one) (is |was |has been )?(over|done|finished|complete\w*|closed)|"
    r"(after|been through|done|finished|completed|went through) stage (1|one)|"
    r"(has been|have been|was|been) (answered|dealt with|investigated|responded to|closed)|after the head\w*|review my complaint|(heard|reviewed) by|"
    r"governors? (to )?(review|hear|look)|(head'?s?|headteacher'?s?|her|his|their) (reply|response|answer|letter|decision)|"
    r"(replied|responded|answered|investigated|looked into|dealt with) (to )?my complaint|uphold\w*|"
    r"(letter|reply|response|answer) from the head|(complained|complaint) to the head|got a (reply|response|letter)|"
    r"(already|has|have) (responded|replied|answered|investigated)|go above|been through the head|governing body|"
    r"(is|was) closed|(who'?s|who is|where do i go|what are my options|what now|whats? next)\b.{0,20}\b(next|from here|now|chain)|"
    r"(response|reply|answer|letter|decision) (to|about|on) my complaint|my complaint (was|has been|got)|"
    r"(already|previously) (made|complained|raised|put in)|made a (formal )?complaint|(after|since) (my|the) complaint|"
    r"still (not|un)\w*|not (happy|satisfied) with (the|their|her|his) (response|reply|answer|outcome|decision))\b",
    re.IGNORECASE)


# Words that ask for stage 2 by name: said plainly, whatever complaint the model read ("I want to
# take my complaint about Mrs Carter to stage 2"), unless they say it is not stage 2 yet.
_STAGE_2_BY_NAME = re.compile(r"(?<!key )\bstage (2|two)\b")
# A complaint already answered at stage 1 ("she won't uphold my complaint", "got a reply and it's
# just excuses") and a wish to go on ("I want to go above her", "who's next up the chain"): both
# together make it stage 2, whatever complaint the model read.
_ANSWERED_AT_STAGE_1 = re.compile(
    r"\b(complained|repl(y|ied)|respon(se|ded)|investigat(ed|ion)|upheld|uphold|outcome|findings|rejected|"
    r"(matter|it|complaint) (is|was|has been) closed|(dealt with|answered|looked into) (my|the) complaint|"
    r"my complaint (was|has been)|stage (1|one)|"
    r"(got|had|received) (a |the |her |his |their )?(reply|response)|(letter|email) back|"
    # "I put a complaint in to the head and she wrote back saying ..."
    r"(wrote|written|writ|emailed|messaged) (me )?back|"
    r"(got|had|received) (her|his|their) (letter|email)|"
    # the complaint handled, or whoever handled it having answered the parent ("head answer me")
    r"(my|our|the) complaint\b.{0,50}\b(was|has been|got|were) ['\"]?(handled|dealt with|looked (at|into)|answered|resolved|"
    r"marked resolved|investigated)|(handled|dealt with|looked into|investigated) by the head\w*|"
    r"(head\w*|school|she|he|they) (answer(ed)?|repl(y|ied)|respond(ed)?) (to )?(me|us)|"
    r"(looking|looked) into (her|his|their) own staff)\b", re.IGNORECASE)
_WANTS_TO_GO_ON = re.compile(
    r"\b(take (it|this|things|my complaint) (further|higher)|further|go (above|over) (her|him|them|the head\w*)|"
    r"over (her|his|their) heads?|next (up|step|stage|level)|up the chain|escalat\w*|appeal\w*|dissatisfied|"
    r"not (happy|satisfied) with (the|her|his|their|that) (reply|response|answer|outcome)|what are my options|"
    r"(isn'?t|is not|not) closed( for me)?|who('?s| is| do i (go|speak|talk|write) to) next|panel|"
    r"governors? (to )?(look|review|hear|consider)|(independent )?review|where do i go from here|got nowhere|"
    r"(don'?t|do not) accept|disagree|not (happy|satisfied)|(were|was)n'?t (happy|satisfied)|(am )?not agree|"
    # who they want to take it to next: the governors, the Clerk, someone who was not involved
    r"(go|take (it|this)|write|send (it|this)|appeal) (to|up to) the (governors|governing body|clerk)|"
    r"governors? (to )?(see|check)|(looked at|seen|heard|reviewed|considered|looked into) by (the )?(governors|"
    r"someone (else|independent)|somebody (else|independent))|review(ed)? by (someone|somebody) (else|independent)|"
    r"someone independent|(a |the )?hearing|what (do |can |should )?i do (now|next)|what next)\b", re.IGNORECASE)
_NOT_STAGE_2 = re.compile(r"\b(not|n'?t|before)\b[\w ]{0,20}\bstage (2|two)\b")
COMPLAINT_INTENTS = ("complain_staff", "complain_school", "complain_headteacher", "complain_governor")


def asks_for_stage_2(text: str) -> bool:
    """Do the words say the complaint has been answered at stage 1 and the parent wants more?"""
    plain = normalise(text or "")
    return bool(_STAGE_2_WORDS.search(plain)) or bool(
        _ANSWERED_AT_STAGE_1.search(plain.lower()) and _WANTS_TO_GO_ON.search(plain.lower()))


# In an account, which runs longer and tells of more, only a plain wish to take it on counts
# ("I want to take it further to the governors"), never "not happy" or "disagree" alone.
_TAKE_IT_FURTHER = re.compile(
    r"\b(take (it|this|things|my complaint) (further|higher|to the governors|to stage (2|two))|go (above|over) "
    r"(her|him|them|the head\w*)|over (her|his|their) heads?|next (step|stage|level)|up the chain|escalat\w*|"
    r"appeal\w*|panel|governors? (to )?(look|review|hear|consider)|independent review|who('?s| is) next)\b",
    re.IGNORECASE)


def account_asks_for_stage_2(text: str) -> bool:
    """Does an account say the complaint was answered at stage 1 and the parent wants to take it
    on (or ask for stage 2 by name)?"""
    plain = normalise(text or "").lower()
    if _STAGE_2_BY_NAME.search(plain) and not _NOT_STAGE_2.search(plain):
        return True
    return bool(re.search(r"\bcomplain", plain) and _ANSWERED_AT_STAGE_1.search(plain)
                and _TAKE_IT_FURTHER.search(plain))


# "Can you log it as a proper complaint then": a complaint (to the school, unless the words name
# someone: triage routes it by them).
_LOG_AS_A_COMPLAINT = re.compile(
    r"\b(log|record|put|make|treat|take|file|register|raise|send|pass) (it|this|that|them)( down| through| in)? as a "
    r"(proper |formal |official )?complaint\b")


def matter_from_words(matter: str, text: str) -> str:
    """The matter a parent's first message raises, where its words overrule the model: a new
    complaint the model read as stage 2 ("I'd like to make a formal complaint", nothing says
    stage 1 is over) starts at stage 1, as a complaint whose subject is then asked; a complaint
    that asks for stage 2 by name, or says it was answered and they want to go on, is stage 2
    whoever it is about. A button's payload
    (/complaint_stage_2) is the parent's own choice and stands."""
    if matter == "complaint_stage_2" and text and not text.startswith("/") and not asks_for_stage_2(text):
        return "complain_school"
    if matter == "report_cyberbullying" and text and not text.startswith("/") and post_about_the_school(text):
        return "social_media_post"
    plain = normalise(text or "").lower()
    if matter not in COMPLAINT_INTENTS + ("complaint_stage_2",) and _LOG_AS_A_COMPLAINT.search(plain):
        return "complain_school"
    if matter in COMPLAINT_INTENTS and _STAGE_2_BY_NAME.search(plain) and not _NOT_STAGE_2.search(plain):
        return "complaint_stage_2"
    if matter in COMPLAINT_INTENTS and _ANSWERED_AT_STAGE_1.search(plain) and _WANTS_TO_GO_ON.search(plain):
        return "complaint_stage_2"
    return matter


def stage_at_filing(result: Triage) -> str | None:
    """The stage a case filed from this triage starts at: stage 2 when the parent asked for it
    (the /complaint_stage_2 button, or words that say stage 1 is over), stage 1 for any other
    complaint; None outside the complaints procedure."""
    if result.category != "complaint":
        return None
    return STAGE_2 if result.matter == "complaint_stage_2" else STAGE_1


# A post or a group chat about the school or its staff ("a parent has posted on facebook that the
# school covers up bullying", "slagging off the school and the teachers in the class whatsapp"):
# the protocol's social media matter, not online bullying, unless a pupil is its target.
_ONLINE_PLACE = re.compile(r"\b(post\w*|facebook|fb|twitter|tiktok|instagram|insta|whatsapp|group chat|parents'? group|"
                           r"page|online|comments?|tweet\w*|thread)\b", re.IGNORECASE)
_ABOUT_THE_SCHOOL = re.compile(
    r"\b(post\w*|saying|says|said|slagging( off)?|slating|calling|about|nam(ed|ing)|criticis\w*|attack\w*|mock\w*|"
    r"making fun of|laughing at|ridicul\w*|"
    r"complain\w* about|moan\w* about|accus\w*)\b.{0,40}?\b(the school|school'?s|teachers?|staff|the head(teacher)?|"
    r"governors?|senco|(mr|mrs|miss|ms) [a-z]+)\b", re.IGNORECASE)
_A_PUPIL_TARGETED = re.compile(
    r"\b(my|our) (son|daughter|child|boy|girl|lad|lass|kid|grandson|granddaughter)\b(?!'?s (teacher|class|school))|"
    r"\b(him|her|them)\b|\b(a|another|one of the) (child|kid|boy|girl|pupil)\b|\beach other\b|"
    r"\b(kids|children|pupils|boys|girls|lads)\b", re.IGNORECASE)


def post_about_the_school(text: str) -> bool:
    """Does the message tell of a post or a group chat about the school or its staff, with no
    pupil as its target?"""
    # "my son's teacher" is the teacher, not the child
    plain = re.sub(r"\b(my|our) (son|daughter|child|kid|boy|girl|lad|lass)'?s (class teacher|teacher|class|school)\b",
                   "the teacher", normalise(text or ""), flags=re.IGNORECASE)
    return bool(_ONLINE_PLACE.search(plain) and _ABOUT_THE_SCHOOL.search(plain)
                and not _A_PUPIL_TARGETED.search(plain) and not post_about_a_child(plain))


def post_about_a_child(text: str) -> bool:
    return bool(_POST_ABOUT_A_CHILD.search(normalise(text)))


# "I've posted nothing, but someone is slagging my lad off": the parent of a child a post is
# about, who must never get the protocol's reminder or the "legal action" sentence.
_HAS_NOT_POSTED = re.compile(r"\b(i|we)('?ve| have)? (posted|put|shared) (nothing|anything)\b|\bnothing (i|we) (posted|"
                             r"put|shared)\b", re.IGNORECASE)


def parent_has_posted_or_will(text: str) -> bool:
    return bool(_PARENT_POSTS.search(_HAS_NOT_POSTED.sub(" ", normalise(text))))


@dataclass(frozen=True)
class Triage:
    """Where a matter goes under the protocol. `category` None means signpost, no case."""

    matter: str
    category: str | None
    about: str | None
    routed_to: str | None
    urgency: str | None
    copied_to: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_safeguarding(self) -> bool:
        return self.category == "safeguarding"

    @property
    def files_a_case(self) -> bool:
        return self.category is not None


def names_headteacher(text: str, profile: SchoolProfile) -> bool:
    """Does the text say the Headteacher, by role or by name (concerns/people.py)?"""
    return "headteacher" in roles_named(text, profile)


def names_governor(text: str, profile: SchoolProfile) -> bool:
    """Does the text say a governor, the Chair or the Clerk, by role or by name?"""
    return bool(_GOVERNOR_WORDS.search(text)) or bool(
        roles_named(text, profile) & {"chair_of_governors", "clerk_to_governors"})


# "it's not about the head at all, it's about Mr Ashworth": whoever a complaint is said NOT to
# be about is named by nobody.
_DENIED_PERSON = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|nothing to do with)\s+(?:about\s+|with\s+|against\s+|the fault of\s+)?"
    r"(?:the\s+|mrs?\.?\s+|miss\s+|ms\.?\s+|dr\.?\s+)?[\w'-]+(?:\s+(?:teacher|governors?|of governors))?",
    re.IGNORECASE)


def without_denied_people(text: str) -> str:
    """The text without the people it says a matter is not about."""
    return _DENIED_PERSON.sub(" ", text or "")


# "I have an issue with the Headteacher and would like to speak to the chair of governors": the
# person a parent wants to take a complaint TO is not who it is about. Only present and wished-for
# forms ("speak to", "go to", "raise it with"): "I spoke to the head and she did nothing" may
# well be about the head.
_ADDRESSEE = re.compile(
    r"\b(?:speak|talk|chat|complain|write|go|escalate|send (?:it|this)|pass (?:it|this)(?: on)?|"
    r"take (?:it|this)(?: further)?|raise (?:it|this)|bring (?:it|this)|report (?:it|this|him|her)|"
    r"contact|email|e-mail|ring|phone|meet)\s+(?:up\s+)?(?:to\s+|with\s+)?"
    r"(?:(?:the\s+)?(?:chair(?:\s+of\s+(?:the\s+)?governors)?|governors|governing (?:body|board)|head\s*teacher|"
    r"head|clerk(?:\s+to\s+the\s+governors)?)|(?:mrs?|miss|ms|dr)\.?\s+[\w'-]+)\b",
    re.IGNORECASE)


# A letter's salutation: "Dear Clerk to the Governors, I wish to request a Stage 2 review ...".
_SALUTATION = re.compile(
    r"^\s*(?:dear|to|attn:?|fao:?|for the attention of)\s+(?:the\s+)?(?:chair(?:\s+of\s+(?:the\s+)?governors)?|"
    r"governors|governing (?:body|board)|head\s*teacher|head|clerk(?:\s+to\s+the\s+governors)?|"
    r"(?:mrs?|miss|ms|dr)\.?\s+[\w'-]+)\b", re.IGNORECASE)


def without_addressees(text: str, profile: SchoolProfile) -> str:
    """The text without the people it asks to take the matter to, or is written to, when it
    still names someone else: "a complaint about the head, I want to speak to the chair" is
    about the head."""
    kept = _ADDRESSEE.sub(" ", _SALUTATION.sub(" ", text or ""))
    if kept == text or not (roles_named(kept, profile) or names_governor(kept, profile)):
        return text or ""
    return kept


def names_someone(text: str, profile: SchoolProfile) -> bool:
    """Does the text say who a complaint is about: a member of staff or a governor (by role or
    by name), or the school itself?"""
    text = without_denied_people(normalise(text or ""))
    return bool(roles_named(text, profile) or names_governor(text, profile) or _SCHOOL_WORDS.search(text)
                or _STAFF_WORDS.search(text))


def names_an_adult(text: str, profile: SchoolProfile) -> bool:
    """Does the text name a member of staff or a governor, by name or by job ("Mr Hall", "the
    dinner lady", "one of the governors")? (The school itself, or a class, is no adult.)"""
    plain = without_denied_people(normalise(text or ""))
    return bool(roles_named(plain, profile) or names_governor(plain, profile) or _NAMED_ADULT.search(plain)
                or _JOB_WORDS.search(plain))


def complaint_named_by(words: str, profile: SchoolProfile) -> str:
    """The complaint matter a parent's words point to when they chose "Make a complaint" after
    them: a member of staff named or by job is a complaint about staff (who it is, asked);
    anything else is read as one about the school, whose words triage still reads for the
    Headteacher or a governor, and whose subject is asked when the words name nobody."""
    plain = without_denied_people(normalise(words or ""))
    named = roles_named(plain, profile)
    if named & set(TOP_OF_THE_PROCEDURE) or names_governor(plain, profile):
        return "complain_school"
    if named or _NAMED_ADULT.search(plain) or _JOB_WORDS.search(plain):
        return "complain_staff"
    return "complain_school"


def triage(matter: str, profile: SchoolProfile, text: str = "", subject: str = "") -> Triage:
    """Route a matter. `text` is what the parent wrote; `subject` who they said it is about."""
    if matter not in MATTERS:
        raise ValueError(f"unknown matter {matter!r}")
    said = normalise(text or "")
    text, who = without_addressees(without_denied_people(said), profile), without_denied_people(normalise(subject or ""))
    # The people at the top of the procedure the parent said it is NOT about.
    denied = (roles_named(said, profile) - roles_named(text, profile)) if said != text else set()
    if matter == "concern_child":
        return Triage(matter, "concern", "child", "class_teacher", "normal")
    if matter == "complaint_stage_2":
        # Stage 2: a panel of governors nobody involved before sits on, convened by the Clerk;
        # a complaint about the Clerk goes to the Chair instead.
        named = roles_named(who or text, profile)
        about = ("headteacher" if "headteacher" in named else "governor" if named & {"chair_of_governors",
                 "clerk_to_governors"} else "staff" if named or _STAFF_WORDS.search(who or text) else "school")
        # The Clerk, unless it is about the Clerk: then the Chair; about both, whoever of the top
        # of the procedure it is not about.
        routed = next((role for role in TOP_OF_THE_PROCEDURE[::-1] if role not in named), "clerk_to_governors")
        return Triage(matter, "complaint", about, routed, "normal")
    if matter in ("complain_staff", "complain_headteacher", "complain_governor") or \
            (matter == "complain_school" and (who or roles_named(text, profile) & set(TOP_OF_THE_PROCEDURE))):
        # Who the complaint is about decides the route; what they told us about the
        # person outranks the intent's guess.
        top = roles_named(who, profile) & set(TOP_OF_THE_PROCEDURE) if who else set()
        if not who:
            # The first message only: its words may name people at the top of the procedure,
            # whatever the intent guessed ("a complaint about Mrs C" read as one about the school).
            named = roles_named(text, profile)
            top = named & set(TOP_OF_THE_PROCEDURE)
            if not top and named and not _GOVERNOR_WORDS.search(text) and \
                    matter in ("complain_headteacher", "complain_governor"):
                # Someone else named and nobody at the top ("the deputy head", the DSL, "Mr
                # Patel"): a member of staff, not the Headteacher; who it is about is asked.
                return Triage("complain_staff", "complaint", "staff", "headteacher", "normal")
            if not top and matter in ("complain_headteacher", "complain_governor"):
                top = {"headteacher"} if matter == "complain_headteacher" else {"chair_of_governors"}
                if top & denied:
                    # "it's about his teacher, not the headteacher": a member of staff, asked who.
                    return Triage("complain_staff", "complaint", "staff", "headteacher", "normal")
        if len(top) >= 2:
            # Someone who is none of them (the Clerk, for the Head and the Chair).
            route = next((role for role in TOP_OF_THE_PROCEDURE[::-1] if role not in top), "clerk_to_governors")
            return Triage("complain_headteacher" if "headteacher" in top else "complain_governor", "complaint",
                          "headteacher" if "headteacher" in top else "governor", route, "normal")
        if top == {"headteacher"}:
            return Triage("complain_headteacher", "complaint", "headteacher", "chair_of_governors", "normal")
        if top == {"clerk_to_governors"}:
            return Triage("complain_governor", "complaint", "governor", "chair_of_governors", "normal")
        if top == {"chair_of_governors"} or (who and names_governor(who, profile)) or \
                (not who and matter == "complain_governor"):
            return Triage("complain_governor", "complaint", "governor", "clerk_to_governors", "normal")
        if who and _SCHOOL_SUBJECT.search(who) and not roles_named(who, profile):
            return Triage("complain_school", "complaint", "school", "headteacher", "normal")
        return Triage("complain_staff", "complaint", "staff", "headteacher", "normal")
    if matter == "complain_school":
        return Triage(matter, "complaint", "school", "headteacher", "normal")
    if matter == "report_bullying":
        return Triage(matter, "bullying", "child", "class_teacher", "high", ("headteacher",))
    if matter == "report_cyberbullying":
        about = "person" if _PERSON_TARGET.search(text) and not _CHILD_TARGET.search(text) else "child"
        return Triage(matter, "cyberbullying", about, "headteacher", "high", ("dsl",))
    if matter == "social_media_post":
        if post_about_a_child(text) and not parent_has_posted_or_will(text):
            return Triage(matter, "cyberbullying", "child", "headteacher", "high", ("dsl",))
        about = "person" if _PERSON_TARGET.search(text) else "school"
        return Triage(matter, "social_media", about, "headteacher", "normal")
    if matter == "safeguarding_child":
        return Triage(matter, "safeguarding", "child", "dsl", "urgent", ("deputy_dsl",))
    if matter == "staff_allegation":
        # Before the parent is asked who, a job in the opening words ("a teacher grabbed him")
        # does not make it known: the alert goes to the Chair. Asked, an answer that picks out
        # nobody ("a member of staff", "I don't know her name") leaves it to the opening: a job
        # only one person does ("the office lady") makes it known, one of many ("a teacher") not.
        answered = bool(who)
        # Read as the parent wrote it: "not sure who" is no denial of anyone.
        who = who if says_who(normalise(subject or ""), profile) and says_who(who, profile) else ""
        named = roles_named(who or text, profile)
        return staff_allegation(named, known=bool(who or named or _NAMED_ADULT.search(text) or
                                                  (answered and says_who(text, profile, opening=True))))
    if matter == "ask_human":
        return Triage(matter, "handoff", None, "office", "normal")
    return Triage(matter, None, None, None, None)


def names_staff_as_the_actor(text: str, profile: SchoolProfile) -> bool:
    """Does the message open with a member of staff by name, as the one doing what worries the
    parent ("Helen Carter has been messaging my 11 year old", "I saw Mrs Carter shaking a little
    boy"), with nobody at home doing it? A worry about a child so told is an
    allegation about staff: it must never go first to the DSL, who may be the one named."""
    plain = normalise(text or "")
    opening = " ".join(_WHAT_THE_PARENT_SAW.sub("", plain).split()[:6])
    if not roles_named(opening, profile) - {"chair_of_governors", "clerk_to_governors"}:
        return False
    return not (_GREETING_TO_STAFF.match(plain) or _STAFF_TELLING.search(opening) or _IN_THEIR_CLASS.search(opening)
                or someone_at_home_or_the_child_does_it(plain))


# "I saw ...", "I think ...": the parent's own words before the one who did it.
_WHAT_THE_PARENT_SAW = re.compile(r"^\W*i (just |have |'ve )?(saw|seen|watched|think|reckon|believe|know)( that)?\s+",
                                  re.IGNORECASE)
# "Mr Bell told me ...", "Mrs Carter rang to say ...": staff telling of it, not doing it.
_STAFF_TELLING = re.compile(r"\b(told|tells|rang|rung|phoned|called|emailed|messaged|said|says|mentioned|noticed|saw|"
                            r"spotted|reported|asked|explained|let me know|wrote)\b", re.IGNORECASE)
# "Mr Bell's class", "in Miss Kerr's group": where it happened, not who did it.
_IN_THEIR_CLASS = re.compile(r"'s (class|room|classroom|group|set|table|team|line|lesson|year)\b|\b(in|from) (mrs|miss|mr|ms) ",
                             re.IGNORECASE)
# "Mrs Carter, I'm worried about ...", "Dear Mr Bell": a message written to a member of staff.
_GREETING_TO_STAFF = re.compile(r"^\W*((dear|hi|hello|hiya|morning|afternoon|evening)\b\W*)?(mrs|miss|mr|ms|dr)? ?[a-z]+"
                                r"( [a-z]+)?\s*[,:!-]", re.IGNORECASE)


# A job that picks out one person ("the caretaker", "his TA", "the office lady", "the woman who
# runs the after school club"), not one of many ("a teacher", "one of the dinner ladies").
_ONE_PERSON_BY_JOB = re.compile(
    r"(?<!one of )(?<!some of )\b(the|his|her|their|(my|our) (son|daughter|child|boy|girl|lad|lass)'?s|"
    r"(year|yr|y) ?\d'?s|nursery'?s|reception'?s)\s+([\w-]+\s+){0,3}?"
    r"((?<!head )(?<!head)teacher|ta|teaching assistant|1:1|one to one|support worker|receptionist|supervisor|senco|coach|"
    r"caretaker|cleaner|cook|nurse|practitioner|tutor|instructor|driver|leader|lady|man|woman|bloke|fella)\b(?!s\b)",
    re.IGNORECASE)


def says_who(words: str, profile: SchoolProfile, opening: bool = False) -> bool:
    """Do these words pick out which member of staff (a name, a role, a job that only one person
    does, such as "the caretaker" or "his TA"), rather than "a member of staff", "a teacher" or
    "I don't know"? An opening message only counts when it names someone or such a job."""
    if not words.strip() or words.strip() == UNNAMED_STAFF:
        return False
    if roles_named(words, profile) or _NAMED_ADULT.search(words) or _ONE_PERSON_BY_JOB.search(words):
        return True
    if opening or _JOB_WORDS.search(words):
        # "a teacher", "one of the TAs": one of many, so who it is stays unknown (DESIGN: the
        # Chair of Governors holds it, never a member of staff, until the parent says who)
        return False
    return not _NOBODY_IN_PARTICULAR.search(words)


def staff_allegation(subject_roles: set[str], known: bool) -> Triage:
    """Where an allegation about staff goes, from the roles of everyone it is about
    (`known`: the parent said or named who, or a member of staff by title and surname)."""
    if {"headteacher", "chair_of_governors"} <= subject_roles:
        # About both the Headteacher and the Chair: neither may manage it, so the Clerk to the
        # Governors, who is neither, holds it and passes it to the LADO; the safeguarding lead
        # is told too, unless it is about her as well.
        copied = () if "dsl" in subject_roles else ("dsl",)
        return Triage("staff_allegation", "safeguarding", "staff", "clerk_to_governors", "urgent", copied)
    if "headteacher" in subject_roles:
        return Triage("staff_allegation", "safeguarding", "staff", "chair_of_governors", "urgent")
    if known:
        # About any other member of staff, the DSL and the deputy included: the
        # Headteacher, who consults the LADO (and the DSL and deputy are not copied).
        return Triage("staff_allegation", "safeguarding", "staff", "headteacher", "urgent")
    # Who it is about is not known yet: the Chair of Governors, who is not a member of
    # staff, so an allegation is never first seen by the person it is about. Once the
    # parent says who, it moves (Core.add_follow_up_details).
    return Triage("staff_allegation", "safeguarding", "staff", "chair_of_governors", "urgent")


# The details a case needs, in the order they are asked; nothing more (data minimisation).
def details_needed(result: Triage) -> list[str]:
    """Slot names the assistant must ask for before it can record this case. A detail the
    parent already gave (their opening message as the account, say) is not asked again."""
    category, about = result.category, result.about
    needed: list[str] = []
    if result.matter in ("complain_staff", "complain_governor") or (category == "safeguarding" and about == "staff"):
        needed.append("subject_name")
    if category in ("concern", "bullying", "complaint") or (category in ("safeguarding", "cyberbullying")
                                                            and about in ("child", "staff")):
        # (a pupil humiliated online: the Headteacher needs to know which one; a complaint or an
        # allegation about staff is looked into with the child it concerns, if there is one)
        needed += ["child_name", "child_class"]
    if category != "safeguarding":  # the alert already carries the parent's words
        needed.append("account")
    needed += ["parent_name", "contact"]
    return needed


def assignee_email(result: Triage, profile: SchoolProfile, school_class: SchoolClass | None) -> str:
    """The person the case is assigned to: the class's own teacher, or the role holder."""
    if result.routed_to == "class_teacher":
        if school_class is not None:
            return school_class.teacher.email
        # No class given: the Headteacher makes sure it reaches the right teacher.
        return profile.person("headteacher").email
    return profile.person(result.routed_to).email


def recipients(result: Triage, profile: SchoolProfile, school_class: SchoolClass | None) -> list[str]:
    """Everyone told about a new case: the assignee first, then the copies, no repeats."""
    addresses = [assignee_email(result, profile, school_class)]
    for role in result.copied_to:
        addresses += [member.email for member in profile.people(role)]
    seen: list[str] = []
    for address in addresses:
        if address.lower() not in (a.lower() for a in seen):
            seen.append(address)
    return seen
