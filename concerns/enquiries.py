"""Everyday enquiries, answered from the school profile: the school day, term dates and
INSET days relative to today, closures, absences, contacts, and the school's own approved
answers. Nothing here opens a case. What cannot be answered from the profile gets the
office's phone, email and hours.

Which topic a message is about is decided by the words in it (the profile's keywords for the
school's own topics), because a school adds a topic by editing its profile, not the model."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import yaml

from concerns.calendar import SchoolCalendar, describe_day
from concerns.normalise import normalise
from concerns.people import named_in
from concerns.profile import SchoolProfile, Term

# Topics answered from the profile's fixed sections; the profile's `answers` add the rest.
BUILT_IN_TOPICS = ("closure", "absence", "term_dates", "school_day", "contacts")
OTHER = "other"
# A break between two terms this short is a half term; a longer one is a holiday.
HALF_TERM_AT_MOST = dt.timedelta(days=10)

# "do they finish early on the last day of term", "the kids get out early on a Friday": an early
# finish is a part of the school day, whatever term or day words come with it.
_EARLY_FINISH = (r"\b((finish|finishes|finishing|get|getting|come|coming|let|letting|go|going|home|out|"
                 r"break|breaking up) (out )?early|early (finish|finishes|pick ?up|home ?time|hometime|close))\b")
# What happens at school that the office answers (a concert, a trip, photo day, the bus): named
# with a date or time word, it is still the thing asked about ("when is the Christmas concert",
# "what time are they back from the trip"), not the calendar or the school day.
_EVENTS = (r"\btrips?\b", r"\bresidential\b", r"\bswimming\b", r"\bsports day\b", r"\bnativity\b",
           r"\bworld book day\b", r"\bnon uniform\b", r"\bconcerts?\b", r"\b(school )?photo ?(day|graphers?)\b",
           r"\bschool photos?\b", r"\bdisco\b", r"\b(christmas|summer|school|xmas) (fair|fayre|play|show|party)\b",
           r"\bsats\b", r"\b(school )?bus(es)?\b", r"\btransport\b", r"\btaxi\b")
# "Who do I speak to about her lunches", "who should I contact about a placement": these only
# ask how to reach someone; a topic of the school's own in the same words is what it is about.
_HOW_TO_REACH = (r"\bcontact\b", r"\bget hold of\b", r"\b(speak|talk|get a message|send a message|get through) (to|with)\b",
                 r"\bget in touch\b", r"\bwho (do|should|can|would) i (speak|talk|ask|call|ring|send|contact|go)\b",
                 r"\bwho deals with\b",
                 r"\bhow (do|can|would) i (speak|talk|get hold|reach|contact|message|get in touch)\b")
_WORDS: dict[str, tuple[str, ...]] = {
    "closure": (r"\bsnow(ing|ed|y)?\b", r"\bic[ey]\b", r"\bclosed\b", r"\bclosing\b(?! date)", r"\bclosure\b",
                r"\bshut\b", r"\bopen (today|tomorrow|tmrw|tomoz|2day|2moro|2morrow|this morning)\b",
                r"\b(is|r|are) (the )?school (still )?open\b", r"\b(r|are) (u|you|yous) (still )?open\b",
                r"\bheating\b", r"\bpower cut\b",
                r"\bno (water|power|electric)\b", r"\bwater(s| is)? off\b", r"\bstrike\b", r"\bpolling\b",
                r"\bflood", r"\bweather\b", r"\bstorm\b",
                # "is it open?", "is school still on", "are the kids being sent home", what closes a school
                r"\b(is|are) (it|you|school|nursery|the school) (still )?(open|on)\b", r"\bgas leak\b",
                r"\b(kids|children|everyone|they|pupils) (being|getting|all) sent home\b", r"\bfire alarm\b",
                r"\bburst pipe\b", r"\bboiler\b"),
    "absence": (r"\boff (sick|ill|poorly|today|school|tomorrow|tmrw)\b", r"\bpoorly\b", r"\bill\b", r"\bsick\b",
                r"\bunwell\b", r"\btemp(erature)?\b", r"\bvomit", r"\bbeing sick\b", r"\bd ?& ?v\b",
                r"\bchicken ?pox\b", r"\bcold\b", r"\bcough", r"\bappointment\b", r"\bdentist\b",
                r"\bdoctors?\b", r"\bhospital\b", r"\brunning late\b", r"\bwill be late\b", r"\bbe in late\b",
                r"\bkeep(ing)? (him|her|them) (off|home|at home)\b", r"\babsen(ce|t)\b",
                r"\b(report|ring in|call in|phone in)\b", r"\bterm ?time\b", r"\btake (him|her|them) out\b",
                r"\bfuneral\b", r"\bwedding\b", r"\bleave request\b", r"\bholiday form\b",
                # "won't be in today", "not well", "off with covid", the illnesses parents name
                r"\b(won'?t|wont|will not|not|isn'?t|isnt|can'?t|cant) be (in|at school|coming in)\b",
                r"\bnot (very |feeling )?well\b", r"\boff with\b", r"\bstay(ing|s)? (off|home|at home)\b",
                r"\bno school (today|for (him|her|them))\b", r"\b(flu|covid|tonsil\w*|ear ?ache|ear infection|migraine|"
                r"head ?lice|nits|conjunctivitis|impetigo|hand foot and mouth|sickness bug|bug|tummy\w*|squits|"
                r"diarrh\w*|optician|eye test|broke(n)? (his|her) \w+)\b",
                r"(?<!marked )(?<!marked as )\blate\b", r"\boverslept\b", r"\bin after (assembly|lunch|\d)", r"\b(day|days|week|time) off\b",
                r"\btake (my |the |our )?(kids|children|son|daughter|boys|girls) out\b", r"\bmiss (school|\w+day)\b",
                # "fined for a holiday", "will I get a fine": not "she's fine to come in"
                r"\bauthori[sz]ed\b", r"\bfined\b", r"\bfines\b", r"\b(a|the|get|got|pay|paying) fine\b",
                r"\battendance\b",
                # "not coming in this afternoon", "under the weather", "how do I tell you she's off"
                r"\bnot (in|coming( in)?) (today|this morning|this afternoon|tomorrow)\b", r"\bunder the weather\b",
                r"\b(bad|chesty) (chest|cough)\b", r"\bchest infection\b", r"\b(orthodontist|physio|clinic)\b",
                r"\b(she|he)('s|s| is) off\b", r"\bmiss(ing)? (nursery|school)\b",
                # "the number to ring to say they're off": more than one child off
                r"\b(they|theyre|they're|they are|both|the kids|the children) (are |is )?(off|not in|not coming in)\b",
                # "off for an operation next week": an operation keeps a child off
                r"\b(operation|op|surgery)\b"),
    "term_dates": (r"\bterm\b", r"\bterms\b", r"\bholidays?\b", r"\bhols\b", r"\bhalf ?term\b", r"\binset\b",
                   r"\btraining day\b", r"\bbreak(ing)? up\b", r"\bback to school\b", r"\bgo(ing)? back\b",
                   r"\bback on\b", r"\beaster\b", r"\bchristmas\b", r"\bxmas\b", r"\bsummer\b",
                   r"\bbank holiday\b", r"\bterm dates\b", r"\bschool (on|in) (on )?(mon|tues|wednes|thurs|fri)day\b",
                   r"\b(last|first) day\b", r"\bdays? off\b", r"\bin school (on|next)\b",
                   # "when do they finish for christmas": the end of a term, not the end of a day
                   r"\bfinish(es|ing)? for (the )?(christmas|xmas|summer|easter|half term|holidays?|hols)\b",
                   r"\blong weekend\b"),
    "school_day": (r"\bwhat time\b", r"\bwat time\b", r"\bwhen (does|do) (school|nursery|they) (start|finish|end)",
                   r"\bstart(s|ing)? time\b", r"\bfinish(es)?\b", r"\bfinishing time\b", r"\bhome time\b",
                   r"\bhometime\b",
                   r"\bpick ?up time\b", r"\bdrop ?off\b", r"\bdoors? open\b", r"\bgates? open\b",
                   r"\bschool day\b", r"\bearly finish\b", r"\bsession(s)?\b", r"\bhours\b", r"\bcollect(ion)? time\b",
                   r"\bkicking out time\b", _EARLY_FINISH,
                   # "is pick up 3.15 or 3.20": a clock time straight after the part of the day
                   r"\b(pick ?up|home ?time|hometime|drop ?off) \d{1,2}( \d{2}| ?am| ?pm| o ?clock)+\b",
                   # "what time do they come out", "a half day?", "how long before they're marked late",
                   # "what time is lunch": parts of the day, not absences or dinners
                   r"\bcome out\b", r"\bcoming out\b", r"\bhalf day\b", r"\bnormal time\b",
                   r"\bmarked (as )?late\b", r"\bthe latest\b", r"\bthe bell\b", r"\b(doors?|gates?) (shut|close)\b",
                   r"\bwhat time (is|are) (lunch|dinner|play|break|playtime|lunchtime|dinnertime|assembly)\b",
                   r"\b(lunch|dinner|play|break) ?times? (is |are )?(over|finish|end)",
                   r"\b(what time|when) (is|are) (pick ?up|home ?time|drop ?off|collection)\b",
                   # "is it a 3.15 pick up", "is home time at 3": a clock time with the part of the day
                   # ("year 3 start" and "start 2 days a week" are no clock times)
                   r"\b\d{1,2}( \d{2}| ?am| ?pm| o ?clock)+ (pick ?up|home ?time|hometime|finish|start|drop ?off)\b",
                   r"\b(pick ?up|home ?time|hometime|finish|start|drop ?off) (is |at |time )+\d{1,2}\b",
                   r"\bwhat time (do|does) (they|he|she|the \w+|year \w+|reception|nursery|infants|juniors) "
                   r"(have|get|eat|go for) (their |his |her )?(lunch|dinner|break|play)"),
    # Everyday questions the office answers (the topic list's "other"): medicines, trips, the
    # school nurse, homework and reading, photos, bikes, letters and apps. Only a tie-breaker
    # below every topic: "lost his bike helmet" is lost property, "pay for the trip" dinners.
    OTHER: (r"\bmedicines?\b", r"\bmedication\b", r"\bcalpol\b", r"\binhaler\b", r"\bantibiotics\b",
            r"\bepi ?pen\b", r"\bdose\b", r"\bparking\b", r"\bcar park\b", r"\bpark (at|near|outside)\b",
            r"\bnurse\b", r"\bvaccin\w*", r"\bflu spray\b",
            r"\bhomework\b", r"\bspellings\b", r"\breading (scheme|books?|record|app)\b", r"\bphonics\b",
            r"\bcurriculum\b", r"\bphotos?\b", r"\bphotographs?\b", r"\bbikes?\b", r"\bscooters?\b",
            r"\bnewsletters?\b", r"\bletters?\b", r"\bapp\b", r"\bpassword\b", r"\blog ?in\b",
            r"\bdress(ing)? up\b", r"\bbirthday\b", r"\bofsted\b",
            # the inspection's report is not a child's report; a spelling test is not a date
            r"\bofsted (report|rating|inspection|grade)s?\b", r"\bspelling( test| tests| list| sheet)?s?\b",
            # someone coming into school to see the children (not a child off to see them)
            r"\b(the )?(dentist|dental \w+|school nurse|nurse|optician|eye people|photographer)s? "
            r"(is |are )?(coming|come|visiting|going|been)( in| into school| to school| round)?\b",
            r"\bteeth\b", r"\bheight and weight\b",
            # the school nurse is the NHS's, not the school's staff: the office puts parents in touch
            r"\b(contact|get in touch with|speak to|talk to|get hold of|reach|see) (the )?(school )?nurse\b"
            ) + _EVENTS + (
            # someone else collecting a child, and new contact details for the school's records
            r"\bcollected by someone\b", r"\b(friend|someone else|somebody else|grandparents?|grandma|grandad|"
            r"nan|nana|nanna|granny|auntie|aunty|uncle|neighbour|childminder|another parent)\b.{0,40}\b(pick|collect)",
            r"\b(new|changed?|changing) (my |our |of )?(phone |mobile |home |email )?(number|address|details|email|mobile)\b",
            r"\bupdate\w* (my|our|his|her|their|the) (contact )?(details|number|address|email)\b"),
    "contacts": _HOW_TO_REACH + (
                 r"\bphone number\b", r"\bnumber for\b", r"\btelephone\b", r"\bring (the )?(school|office)\b",
                 r"\bemail\b", r"\be-mail\b", r"\bwho('s| is) (the|his|her|their)\b",
                 r"\bwho teaches\b", r"\bwhich teacher\b", r"\bclass teacher\b", r"\bsenco\b", r"\bsen\b",
                 r"\bdeputy\b", r"\bsafeguarding lead\b", r"\bdsl\b", r"\bheadteacher\b", r"\bhead teacher\b",
                 r"\boffice (hours|open)\b", r"\baddress\b", r"\bnumber\b",
                 # "how do I speak to the head", "who is my son's teacher", "who deals with..."
                 r"\bwho('?s| is) (my|our) (son|daughter|child|boy|girl|kid)'?s?( \w+)? teacher\b",
                 r"\blandline\b", r"\bphone (no|num)\b",
                 r"\bwho('?s| is) in charge\b", r"\bname of the\b", r"\bown (email|emails|number)\b",
                 r"\bwho('?s| is) (mr|mrs|miss|ms) \w+\b",
                 # "an appointment with the head", "ask her to ring me back", "leave a message for"
                 r"\b(appointment|meeting|word|chat) with (the|mrs|mr|miss|ms|her|his|my|our)\b", r"\bthe head\b",
                 r"\b(ring|call|phone|email) me( back)?\b", r"\b(leave|pass( on)?) (a|the) message\b",
                 r"\bwhat time (do|does) (you|the office) open\b"),
}
# Words that settle a tie: a specific matter beats a general time or date question.
_PRIORITY = {"closure": 3, "absence": 2, "contacts": 1, "term_dates": 1, "school_day": 0, OTHER: -1}
_TIME_WORDS = re.compile(r"\b(what time|wat time|when does|when do|start|finish|home time|hometime|pick ?up|"
                         r"drop ?off|open|session|early|come out|coming out|half day|normal time)\b")
# "what time do they come out on the last day", "wat time is pick up on the 18th": a clock time
# of the school day, whatever day of the calendar it is asked about.
_CLOCK_OF_THE_DAY = re.compile(r"\b(what|wat|wot) time\b.{0,40}\b(finish\w*|home|out|pick\w* ?up|collect\w*|"
                               r"start\w*|open\w*|drop\w* ?off)\b")
# A message of this many words or fewer ("nursery tour?", "reception places", "homework day?") is
# read by its words alone: a sentence vector of two words says little beyond them.
FEW_WORDS = 3
_PATTERNS = {topic: tuple(re.compile(p) for p in patterns) for topic, patterns in _WORDS.items()}
_EARLY = re.compile(_EARLY_FINISH)
_AN_EVENT = re.compile("|".join(_EVENTS))

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
# Weekdays in full or as parents shorten them ("weds", "thurs"); the weekend only in full, as
# "sat" and "sun" are everyday words.
_DAY_WORDS = re.compile(r"\b(today|tonight|tomorrow|tmrw|tomoz|tomorow|(next |this )?(monday|mon|tuesday|tues|tue|"
                        r"wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sunday))\b")
_DATE_DAY_MONTH = re.compile(r"\b(\d{1,2})(st|nd|rd|th)?( of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_DATE_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (\d{1,2})(st|nd|rd|th)?\b")
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})(/\d{2,4})?\b")


@dataclass(frozen=True)
class EnquiryAnswer:
    """What the parent reads, and which topic it answered (read by `make bench`)."""

    topic: str
    text: str
    link: str = ""


def topic_of(text: str, profile: SchoolProfile) -> str:
    """The topic a message is about: the profile's own topics by their keywords, then the
    built-in ones; OTHER when nothing matches."""
    return topics_by_words(text, profile)[0]


def topics_by_words(text: str, profile: SchoolProfile) -> tuple[str, ...]:
    """The topics a message's words point to, best first: one, or several the words cannot
    choose between ("is gym club at lunch?": clubs and dinners, one word each), which
    the meaning then decides (TopicMatcher)."""
    return _by_words(text, profile)[0]


def _cleaned(text: str) -> str:
    """The message as the word rules read it: lower case, punctuation as spaces, padded."""
    return " " + " ".join(re.sub(r"[^\w'&/ ]", " ", normalise(text).lower()).split()) + " "


def _by_words(text: str, profile: SchoolProfile) -> tuple[tuple[str, ...], bool]:
    """topics_by_words, and whether the words settle it whatever the meaning says: an early
    finish, an event named with date or time words ("when is school photo day" is near
    the term-dates examples in meaning, but the office answers it), or a message of a few
    words that names a topic ("nursery tour?", "reception places"), too short for its meaning to
    say more than its words."""
    cleaned = _cleaned(text)
    topics, settled = _topics_by_words(text, cleaned, profile)
    if len(cleaned.split()) <= FEW_WORDS and _word_hits(cleaned, profile):
        settled = True
    return topics, settled


def _topics_by_words(text: str, cleaned: str, profile: SchoolProfile) -> tuple[tuple[str, ...], bool]:
    used = _word_hits(cleaned, profile)
    own = [topic for topic in used if topic not in _PRIORITY]
    if own and "contacts" in used:
        # "who do I speak to about her lunches": how to reach someone, about the school's own topic.
        used["contacts"] -= set(_HOW_TO_REACH)
        if not used["contacts"]:
            del used["contacts"]
    deciding = {answer.topic for answer in profile.answers
                if set(answer.deciding_keywords) & used.get(answer.topic, set())}
    if len(deciding) == 1:
        # "do you take donations of old uniform?": the word the school says decides its topic.
        return (deciding.pop(),), True
    # A school's own topic is more specific than "what time" or "when": it wins ties.
    scores = {topic: (len(words), _PRIORITY.get(topic, 2)) for topic, words in used.items()}
    a_day = day_asked_about(text, dt.date.today()) is not None
    if not scores:
        # "school on the 5th january?": a date alone is a question about the calendar.
        return (("term_dates",) if a_day else (OTHER,)), False
    best = max(scores, key=lambda topic: scores[topic])
    if best in ("term_dates", "school_day") and own:
        # "what time does breakfast club open", "is there a holiday club in the summer
        # holidays": the school's own topic names what is asked about; the time and date words
        # only say what about it, and its answer gives its times.
        best = max(own, key=lambda topic: scores[topic])
    if best in ("term_dates", "school_day", OTHER) and not own and "absence" not in scores and _EARLY.search(cleaned):
        # "is there an early finish on the last day of term", "do they finish early on sports day":
        # the time school ends that day.
        return ("school_day",), True
    if best in ("term_dates", "school_day", OTHER) and not own and "absence" not in scores and _AN_EVENT.search(cleaned):
        # "when is the Christmas concert", "what time are they back from the trip": the event is
        # what is asked about; the date or time words only say what about it.
        return (OTHER,), True
    if best == "term_dates" and "school_day" in scores and "absence" not in scores \
            and _CLOCK_OF_THE_DAY.search(cleaned):
        # "what time do they finish on the last day before christmas": a time of day asked
        # about a day of the calendar (whose meaning is near the term dates' examples); the school
        # day's answer gives that day's early finish.
        return ("school_day",), True
    if "absence" in scores and best in ("term_dates", "school_day"):
        # "won't be in on Monday", "a week off before Christmas": a child being off, with a
        # date, is an absence to report (or leave to ask for), not a question about the calendar.
        return ("absence",), False
    if best == "school_day" and a_day and not _TIME_WORDS.search(cleaned):
        # "is monday a school day?" asks whether there is school, not at what time.
        return ("term_dates",), False
    return (best,) + tuple(topic for topic in scores if topic != best and scores[topic] == scores[best]), False


def _word_hits(cleaned: str, profile: SchoolProfile) -> dict[str, set[str]]:
    """Which of each topic's words a message uses: the school's keywords and the built-in
    patterns, each counted once. A phrase is read whole: words inside a longer phrase of
    another topic are not counted for theirs ("dinner ladies" is a job, not "dinner"; "what
    time is lunch over" is the school day, not dinners), and of the school's keywords that
    overlap the longest is read ("football club" is one word for clubs, not two)."""
    found = []  # (start, end, topic, the keyword or pattern, whether it is the school's keyword)
    for answer in profile.answers:
        for word in answer.keywords + answer.deciding_keywords:
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", cleaned):
                found.append((match.start(), match.end(), answer.topic, word, True))
    for topic, patterns in _PATTERNS.items():
        for pattern in patterns:
            found += [(match.start(), match.end(), topic, pattern.pattern, False) for match in pattern.finditer(cleaned)]

    def inside_another_topics(item) -> bool:
        start, end, topic = item[:3]
        return any(other[2] != topic and other[0] <= start and end <= other[1] and other[1] - other[0] > end - start
                   for other in found)

    read = [item for item in found if not inside_another_topics(item)]
    taken: list[tuple[int, int]] = []
    used: dict[str, set[str]] = {}
    for start, end, topic, word, schools in sorted(read, key=lambda item: (item[0] - item[1], item[0])):
        if schools:
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
        used.setdefault(topic, set()).add(word)
    return used


# -- topics by meaning ------------------------------------------------------------------
# The product's example messages for the common topics; a school's own topics bring theirs.
EXAMPLES_FILE = Path(__file__).with_name("enquiry_examples.yml")
# How a message's closeness to a topic is scored: the mean cosine similarity to the topic's
# few nearest examples; a topic whose words the message uses (topic_of) gets a small lead;
# below the floor nothing is close enough, and the words decide (often "other"). Chosen on
# bench/dev/enquiries_dev.yml, never on tests/heldout/ (dev topics right: words alone 77%,
# with meaning 89%; the neighbouring settings all gave 87-90%). Swept again after the words and
# examples grew (issue 13): these give 301/324 on the development enquiries and the best of 105
# settings around them (2 nearest, lead 0.07) 304, no clear win; on the product's examples, each
# left out in turn, 496 and 495 of 601; so they stay.
NEAREST_EXAMPLES = 3
WORDS_LEAD = 0.05
# And this much more for each further word of the topic the message uses. Chosen on bench/dev
# (2026-12-07, after dev3): at 0.04, 3 more of 897 development enquiries right and none lost; at
# 0.02, 1 more; at 0.06, one of those lost again.
EXTRA_WORD_LEAD = 0.04
CLOSE_ENOUGH = 0.40
# A message the intent model could not place is answered as an everyday enquiry only when its
# meaning is this close to one topic and its words name the same topic. Chosen on the
# development sets (bench/dev): at 0.6, 10 more everyday questions answered, 1 of 566 concerns
# and 1 of 1,240 other messages answered as an enquiry instead of "could you tell me more?";
# at 0.5, 5 concerns and 8 others.
CLEARLY_AN_ENQUIRY = 0.60


def topic_examples(profile: SchoolProfile) -> dict[str, tuple[str, ...]]:
    """Example messages for each topic this school answers (thanks is the model's own
    intent): the product's for the common topics, then the profile's for its own."""
    product = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))["topics"]
    answered = known_topics(profile)
    # "other" has examples too: an everyday question no topic answers (a swimming hat, the
    # school nurse) is then near them rather than pulled into the nearest topic's answer.
    examples = {topic: tuple(texts) for topic, texts in product.items() if topic in answered or topic == OTHER}
    for answer in profile.answers:
        examples[answer.topic] = examples.get(answer.topic, ()) + answer.examples
    return {topic: texts for topic, texts in examples.items() if texts}


class TopicMatcher:
    """Which everyday topic a message is about, from its meaning (a sentence vector, compared
    with each topic's examples) and its words (the profile's keywords and topic_of's rules).
    `encode` turns texts into sentence vectors; the caller supplies it, so this core needs no
    model of its own."""

    def __init__(self, profile: SchoolProfile, encode: Callable[[list[str]], np.ndarray]):
        self.profile = profile
        self.topics: list[str] = []
        self.examples: list[np.ndarray] = []
        for topic, texts in topic_examples(profile).items():
            self.topics.append(topic)
            self.examples.append(_unit(encode([normalise(text) for text in texts])))

    def clearly_an_enquiry(self, text: str, vector: np.ndarray) -> tuple[str, float] | None:
        """The topic (and how close) of a message the intent model could not place (too
        unsure, or out of scope), when both its meaning and its words say the same everyday
        topic, and its meaning is close to that topic's examples; else None."""
        if not self.topics:
            return None
        closeness = self._closeness(vector)
        best = int(closeness.argmax())
        topic = self.topics[best]
        if topic == OTHER or closeness[best] < CLEARLY_AN_ENQUIRY or topic not in topics_by_words(text, self.profile):
            # (Words that tie between topics agree with the meaning when it is one of them: "left
            # her phone after school club" is clubs and lost property by its words.)
            return None
        return topic, float(closeness[best])

    def likely_an_enquiry(self, text: str, vector: np.ndarray, model_says_enquiry: bool) -> tuple[str, float] | None:
        """The topic of a message the intent model could not place but whose own first reading
        was no matter (an everyday enquiry, or out of scope), when its words name an everyday
        topic and either its meaning is nearest that topic (at least CLOSE_ENOUGH: "inset days
        2025/26?") or the model's first reading was an everyday enquiry and the words name that
        one topic alone ("will be a bit late, she's got an eye test"). The caller has checked that
        the words raise no matter. Else None."""
        by_words = topics_by_words(text, self.profile)
        if not self.topics or by_words == (OTHER,):
            return None
        closeness = self._closeness(vector)
        best = int(closeness.argmax())
        if self.topics[best] in by_words and self.topics[best] != OTHER and closeness[best] >= CLOSE_ENOUGH:
            return self.topics[best], float(closeness[best])
        if model_says_enquiry and len(by_words) == 1:
            topic = by_words[0]
            return topic, float(closeness[self.topics.index(topic)]) if topic in self.topics else CLOSE_ENOUGH
        return None

    def _closeness(self, vector: np.ndarray) -> np.ndarray:
        """How close a sentence vector is to each topic: the mean cosine similarity to the
        topic's nearest few examples."""
        vector = _unit(np.asarray(vector, dtype=np.float32).reshape(1, -1))[0]
        return np.array([float(np.sort(examples @ vector)[-NEAREST_EXAMPLES:].mean()) for examples in self.examples])

    def topic(self, text: str, vector: np.ndarray) -> str:
        by_words, settled = _by_words(text, self.profile)
        if not self.topics or settled:
            return by_words[0]
        closeness = self._closeness(vector)
        # Every topic the words cannot choose between gets the lead, so the meaning decides
        # among them rather than the order the profile lists its topics in.
        # A topic named by more than one of its words gets more lead ("happy to help on the school trip").
        used = _word_hits(_cleaned(text), self.profile)
        scores = closeness + np.array([WORDS_LEAD + EXTRA_WORD_LEAD * max(0, len(used.get(topic, ())) - 1)
                                       if topic in by_words else 0.0 for topic in self.topics])
        best = int(scores.argmax())
        if closeness[best] >= CLOSE_ENOUGH:
            return self.topics[best]
        led = [topic for topic in by_words if topic in self.topics]
        if len(led) > 1:
            return max(led, key=lambda topic: closeness[self.topics.index(topic)])
        return by_words[0]


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def answer_enquiry(text: str, profile: SchoolProfile, calendar: SchoolCalendar, now: dt.datetime,
                   notices: list[str] = (), topic: str | None = None) -> EnquiryAnswer:
    """The answer to an everyday enquiry, from the profile; `topic` if already known."""
    if topic == OTHER:
        return EnquiryAnswer(OTHER, no_answer(profile))
    topic = topic if topic in known_topics(profile) else topic_of(text, profile)
    today = calendar.local(now).date()
    if topic == "closure":
        return EnquiryAnswer(topic, closure_answer(profile, calendar, today, notices))
    if topic == "absence" and profile.absence:
        return EnquiryAnswer(topic, absence_answer(text, profile))
    if topic == "term_dates":
        return EnquiryAnswer(topic, term_dates_answer(text, profile, calendar, today))
    if topic == "school_day" and profile.school_day:
        return EnquiryAnswer(topic, school_day_answer(profile, today, text))
    if topic == "contacts":
        return EnquiryAnswer(topic, contacts_answer(text, profile))
    for approved in profile.answers:
        if approved.topic == topic:
            link = f" More: {approved.link}" if approved.link else ""
            return EnquiryAnswer(topic, f"{approved.answer}{link}\n\n{office_line(profile)}", approved.link)
    return EnquiryAnswer(OTHER, no_answer(profile))


def known_topics(profile: SchoolProfile) -> tuple[str, ...]:
    return BUILT_IN_TOPICS + tuple(answer.topic for answer in profile.answers)


def office_line(profile: SchoolProfile) -> str:
    return (f"Anything else: the office is on {profile.office_phone} or {profile.office_email} "
            f"({_clock(profile.opens)} to {_clock(profile.closes)} on school days).")


def no_answer(profile: SchoolProfile) -> str:
    """An everyday question the profile has no answer to: the office, and never a case."""
    return (f"I don't have the answer to that here, but the school office can help: phone "
            f"{profile.office_phone} or email {profile.office_email} ({_clock(profile.opens)} to "
            f"{_clock(profile.closes)} on school days). If a child is in danger now, call "
            f"{profile.emergency_number}.")


# -- the school day -------------------------------------------------------------------
# "what time do they finish on the last day before christmas": the end of a term asked about.
_END_OF_A_TERM = re.compile(r"\b(last day|end of (the )?term|break(ing)? up|finish(es|ing)? for|christmas|xmas|easter|"
                            r"summer|half ?term|holidays?|hols)\b")


_SEASON_MONTHS = {"christmas": (12, 1), "xmas": (12, 1), "easter": (3, 4), "summer": (7, 8)}


def _early_finish_asked_about(text: str, early_finishes: tuple, today: dt.date, told: list) -> list:
    """An early finish further off than the next four weeks that the message asks about: the day
    it names, or the end of the term it names ("finish on the last day before easter")."""
    if not text:
        return []
    later = sorted((early for early in early_finishes if early.day >= today and early not in told),
                   key=lambda early: early.day)
    asked = day_asked_about(text, today)
    if asked is not None:
        return [early for early in later if early.day == asked][:1]
    lowered = normalise(text).lower()
    if not _END_OF_A_TERM.search(lowered):
        return []
    for season, months in _SEASON_MONTHS.items():
        if re.search(rf"\b{season}\b", lowered):
            return [early for early in later if early.day.month in months][:1]
    return later[:1]


def school_day_answer(profile: SchoolProfile, today: dt.date, text: str = "") -> str:
    day = profile.school_day
    lines = []
    doors = f" (doors open at {_clock(day.doors_open)})" if day.doors_open else ""
    lines.append(f"School starts at {_clock(day.starts)}{doors} and finishes at {_clock(day.finishes)}.")
    for session in day.sessions:
        lines.append(f"{session.name}: {_clock(session.starts)} to {_clock(session.finishes)}.")
    coming = [early for early in day.early_finishes if today <= early.day <= today + dt.timedelta(days=28)]
    coming += _early_finish_asked_about(text, day.early_finishes, today, coming)
    for early in coming:
        lines.append(f"Early finish: {describe_day(early.day, today)} at {_clock(early.time)}, {early.reason}.")
    return " ".join(lines)


# -- term dates, holidays, INSET days -------------------------------------------------
def day_asked_about(text: str, today: dt.date) -> dt.date | None:
    """The day a message asks about ("is monday an inset day", "tomorrow", "4th jan"), if any."""
    cleaned = " ".join(re.sub(r"[^\w/ ]", " ", normalise(text).lower()).split())
    match = _DATE_DAY_MONTH.search(cleaned)
    if match:
        return _next_date(today, int(match.group(1)), _month(match.group(4)))
    match = _DATE_MONTH_DAY.search(cleaned)
    if match:
        return _next_date(today, int(match.group(2)), _month(match.group(1)))
    match = _DATE_NUMERIC.search(cleaned)
    if match:  # UK order: day/month
        return _next_date(today, int(match.group(1)), int(match.group(2)))
    match = _DAY_WORDS.search(cleaned)
    if not match:
        return None
    word = match.group(1)
    if word in ("today", "tonight"):
        return today
    if word.startswith("tom") or word == "tmrw":
        return today + dt.timedelta(days=1)
    name = match.group(3)
    weekday = next(i for i, day in enumerate(_WEEKDAYS) if day.startswith(name[:3]))
    ahead = (weekday - today.weekday()) % 7
    if match.group(2) == "next " and ahead == 0:
        ahead = 7
    return today + dt.timedelta(days=ahead)


def _month(word: str) -> int:
    return next(i for i, month in enumerate(_MONTHS, start=1) if month.startswith(word[:3]))


def _next_date(today: dt.date, day: int, month: int) -> dt.date | None:
    """That day and month, this year or, if it has gone (by more than a week), next year."""
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= today - dt.timedelta(days=7):
            return candidate
    return None


def breaks(profile: SchoolProfile) -> list[tuple[Term, Term]]:
    """Each pair of consecutive terms: the break is the days between them."""
    terms = sorted(profile.terms, key=lambda term: term.start)
    return list(zip(terms, terms[1:]))


def term_dates_answer(text: str, profile: SchoolProfile, calendar: SchoolCalendar, today: dt.date) -> str:
    asked = day_asked_about(text, today)
    if asked is not None:
        return _about_a_day(asked, profile, calendar, today)
    lines = []
    current = next((term for term in profile.terms if term.start <= today <= term.end), None)
    if current:
        lines.append(f"This term ({current.name}) ends on {_date(current.end, today)}.")
    upcoming = [(before, after) for before, after in breaks(profile) if after.start > today]
    if "half" in text.lower():
        # Asked about half term: that one first, not the Christmas holidays that come before it.
        upcoming = sorted(upcoming, key=lambda pair: _break_kind(*pair) != "half term")
    if upcoming:
        before, after = upcoming[0]
        kind = _break_kind(before, after)
        first_day = _first_school_day(after, calendar)
        lines.append(f"{_cap(kind)}: {_date(before.end + dt.timedelta(days=1), today)} to "
                     f"{_date(after.start - dt.timedelta(days=1), today)}. {after.name} starts on "
                     f"{_date(first_day, today)}.")
        if first_day != after.start:
            reason = profile.closure_reason(after.start) or "closed"
            lines.append(f"{_date(after.start, today)} is an {reason}, so school is closed that day."
                         if reason.lower().startswith("inset") else
                         f"{_date(after.start, today)}: {reason}.")
    else:
        last = max(term.end for term in profile.terms)
        lines.append(f"The last term date I have is {_date(last, today)}; next year's dates are not in "
                     f"yet, so please check with the office.")
    closures = [(day, reason) for day, reason in profile.closure_reasons
                if today <= day <= today + dt.timedelta(days=70) and day.weekday() < 5]
    for day, reason in closures[:3]:
        line = f"{_date(day, today)}: {reason}, school closed."
        if line not in " ".join(lines):
            lines.append(line)
    lines.append(office_line(profile))
    return " ".join(lines)


def _about_a_day(day: dt.date, profile: SchoolProfile, calendar: SchoolCalendar, today: dt.date) -> str:
    when = _date(day, today)
    if calendar.beyond_calendar(day) or day < min(term.start for term in profile.terms):
        return (f"I don't have the school's dates for {when} yet, so please check with the office: "
                f"{profile.office_phone} or {profile.office_email}.")
    if calendar.is_school_day(day):
        early = [e for e in (profile.school_day.early_finishes if profile.school_day else ()) if e.day == day]
        if early:
            return f"{_cap(when)} is a school day, with an early finish at {_clock(early[0].time)} ({early[0].reason})."
        return f"Yes, {when} is a normal school day."
    reason = profile.closure_reason(day)
    if reason:
        if reason.lower().startswith("inset"):
            return f"{_cap(when)} is an {reason}: school is closed."
        return f"School is closed on {when}: {reason}."
    if day.weekday() >= 5:
        return f"{_cap(when)} is a weekend: no school."
    for before, after in breaks(profile):
        if before.end < day < after.start:
            return (f"{_cap(when)} is in the {_break_kind(before, after)}: no school. "
                    f"{after.name} starts on {_date(_first_school_day(after, calendar), today)}.")
    return f"There's no school on {when}."


def _break_kind(before: Term, after: Term) -> str:
    gap = after.start - before.end
    if gap <= HALF_TERM_AT_MOST:
        return "half term"
    season = {12: "Christmas holidays", 1: "Christmas holidays", 3: "Easter holidays", 4: "Easter holidays",
              7: "summer holidays", 8: "summer holidays"}
    return season.get(before.end.month, "holiday")


def _first_school_day(term: Term, calendar: SchoolCalendar) -> dt.date:
    day = term.start
    while not calendar.is_school_day(day) and day <= term.end:
        day += dt.timedelta(days=1)
    return day


# -- closures today -------------------------------------------------------------------
def closure_answer(profile: SchoolProfile, calendar: SchoolCalendar, today: dt.date, notices: list[str]) -> str:
    if notices:
        return "Notice from the school: " + " ".join(notices)
    where = f" on {profile.closures_announced}" if profile.closures_announced else ""
    if calendar.is_school_day(today):
        state = "today is a normal school day"
    else:
        nxt = calendar.school_days_after(today, 1)
        state = f"there's no school today; the next school day is {_date(nxt, today)}"
    return (f"The school hasn't posted any closure, so {state}. If the school has to close (in snow, "
            f"for example), it will say so here at the start of the chat and{where or ' on its usual channels'}.")


# -- absences ---------------------------------------------------------------------------
_LEAVE = re.compile(r"\b(term ?time|take (him|her|them) out|holiday|wedding|funeral|leave|trip abroad|"
                    r"go(ing)? away)\b")


def absence_answer(text: str, profile: SchoolProfile) -> str:
    absence = profile.absence
    if _LEAVE.search(normalise(text).lower()) and not re.search(r"\b(ill|sick|poorly|unwell|temp)", text.lower()):
        return f"{absence.leave_in_term_time} {office_line(profile)}"
    return (f"Thank you for letting us know. I can't record an absence in this chat, so please phone "
            f"{absence.phone} or email {absence.email} before {_clock(absence.by)} on each day your "
            f"child is off, with {absence.tell_us}. There's no need to share medical details here.")


# -- contacts ---------------------------------------------------------------------------
# "Who's Mr Hall, what year does he teach?", "who is the head these days", "what is the
# clerk's email": a question about who someone at the school is or how to reach them, asked plainly.
_WHO_OR_HOW_TO_REACH = re.compile(
    r"^\W*((hi|hello|hiya|morning|afternoon|evening)\b\W*)?(quick question\W*)?(can you tell me |could you tell me |"
    r"please can you tell me |do you know )?(who('?s| is| are| was)|whos|what('?s| is) (the |mrs? \w+'?s |miss \w+'?s |"
    r"ms \w+'?s |his |her |my (son|daughter|child)'?s )?[\w ]{0,30}?(email|e-mail|e mail|phone|number|name|surname)|"
    r"which (class|year|teacher)|(how|hw) (do|can|would) i (contact|reach|email|e-mail|get hold of|get in touch with)|"
    # "please can you give me the name of the lady in the office": someone's name or address asked for
    r"(please )?(can|could) (you|u) (please )?(give|send|tell) (me|us) (the|his|her|their) (name|surname|email|e-mail|"
    r"number|phone number) (of|for)\b)\b",
    re.IGNORECASE)
# Words that make it a matter to raise, not a question about who someone is.
_RAISES_A_MATTER = re.compile(
    r"\b(complain\w*|unhappy|not happy|rude|upset\w*|angry|furious|shout\w*|hurt\w*|hit|hits|bull(y|ied|ying)|"
    r"disgust\w*|report\w*|concern\w*|worr\w*|issue|problem|grab\w*|slap\w*|unacceptable|appalling|ignor\w*)\b",
    re.IGNORECASE)


# -- everyday questions and thanks the intent model read as a matter ---------------------
# Words of a matter about a child (a worry, a hurt, a complaint), beyond _RAISES_A_MATTER's:
# with any of them, a message is left as the model read it.
_A_MATTER_ABOUT_A_CHILD = re.compile(
    r"\b(struggl\w*|anxious|anxiety|cry|cries|cried|crying|tears|scared|frightened|afraid|terrified|nervous|"
    r"sad|lonely|left out|picked on|pick(s|ing)? on|teas(e|ed|es|ing)|mean to|push(ed|es|ing)|kick(ed|s|ing)|"
    r"shov\w*|trip(ped|ping)|thump\w*|scratch(ed|es|ing)|spat|spit(ting)?|beat(en|ing)? \w+ up|name calling|"
    r"call(ed|ing|s)? (him|her|them) names|nasty|horrible|"
    r"punch\w*|injur\w*|bruis\w*|"
    r"bleed\w*|unfair|safe|unsafe|safety|danger\w*|police|social services|abus\w*|neglect\w*|touch(ed|es|ing)|harm\w*|"
    r"self harm|suicid\w*|not eating|won'?t eat|behaviour|excluded|exclusion|detention|punish\w*|shouted|"
    r"disappointed|let down|fed up|sick of|still waiting|no reply|nobody has|no one has|again and again)\b",
    re.IGNORECASE)
# What a child needs, or finds hard, said about them ("I think he might need more help", "people
# can't understand him", "might be gifted at maths"): a concern to raise, even when it asks who to
# talk to. Except to reach the SENCO, the person to ask about a child's needs: that is answered
# with who the SENCO is and how to reach them.
_A_NEED = re.compile(
    r"\b((i|we) think (he|she|they|my|our|it)|might (be|need|have)|may (be|need|have)|"
    r"needs? (more |some |extra |a bit more )?(help|support)|needs? an? |(can'?t|cannot|unable to|struggles? to) "
    r"(understand|read|write|talk|speak|hear|see|cope|sleep|concentrate|focus|sit still|keep up)|"
    r"gifted|more able|challeng\w*|speech|language|stammer\w*|stutter\w*|hearing|eyesight|autis\w*|adhd|asd|"
    r"dyslex\w*|dyspraxi\w*|sen register|(is|are|'s|s|being|fallen|falling|getting) behind|keep(ing)? up|"
    r"not (reading|talking|speaking|writing|sleeping|eating))\b", re.IGNORECASE)
_TO_THE_SENCO = re.compile(r"\b(speak|talk|contact|get in touch|get hold|email|reach|meet|word|chat)\b.{0,30}\bsenco\b|"
                           r"\bsenco\b.{0,60}\b(contact|email|reach|get hold of|speak to|talk to)\b", re.IGNORECASE)
# A worry about a thing, not a child ("really worried as it's brand new"), and the parent's own
# nerves ("I'm always scared of slipping"), are no matter about a child.
_WORRY_ABOUT_A_THING = re.compile(
    r"\b(worr\w*|concerned|panick\w*) (as|because|cos|coz|since) (it|they)('s| is| was| were| are| cost)\b|"
    r"\bi('m| am|m)( always| so| really)? (scared|nervous|worried) (of|about) (slipping|falling|driving|the roads?|"
    r"the ice|parking)\b", re.IGNORECASE)
# It asks something: a question mark, a question's first words, or a polite request.
_ASKS = re.compile(
    r"\?|^\W*((hi|hiya|hello|morning|afternoon|evening|good \w+)\b\W*)?(quick (one|question)\W*)?"
    r"(can|could|may|would|will|is|are|r|do|does|dose|did|has|have|how|hw|what|whats|when|where|who|which)\b|"
    # a question after a remark: "the roads are awful, are yous still open"
    r"\b(are|r|is) (you|yous|u|ye|school|the school|nursery|the nursery) (still )?(open|on|shut|closed)\b|"
    r"\b(can|could|may) (i|we|you)\b|\bi'?d like (to|a)\b|\bplease (can|could|let)\b", re.IGNORECASE)
# It offers something: help, a talk, things the school might use ("happy to come along",
# "if the kids want them", "would it help if he came in"). An offer asks nothing, but it is no
# account of a matter either.
_OFFERS = re.compile(
    r"\bif (you|yous|ye|u|nursery|the nursery|school|the school|the kids|the children|the class|they|anyone|"
    r"any of the classes)( would| d|'d|s)? (like|want|need|wants|needs|use)\b|"
    r"\b(happy|glad|willing|keen|more than happy) to (help|come|do|give|bring|donate|volunteer|read|talk|lend|run)\b|"
    r"\b(i|we|he|she|they|my \w+) (could|can|would|'d|d) (happily |gladly |easily )?"
    r"(help|come|do|bring|give|donate|lend|offer|read|talk|run|pop)\b|\bwould (it|that|this) (help|be (useful|handy|of use))\b|\bif it helps\b|"
    r"\b(could|might) be (useful|handy|of use)\b|\bany use\b|\b(would|could|'d|d) (happily|gladly)\b|"
    r"\bwould (love|be happy|be glad) to (help|come|do|give|bring|donate|read|talk|run)\b", re.IGNORECASE)
# It asks how to reach someone, or for a word with them: "who do I speak to about her lunches",
# "can I book a quick chat with Mr Jones", "how do I let school know she'll be off".
_TO_REACH_SOMEONE = re.compile(
    "|".join(_HOW_TO_REACH) + r"|\b(chat|word|meeting|catch up|catch-up|appointment|phone call|call) with\b|"
    r"\bbest way to (contact|reach|get hold of|speak to|email)\b|"
    r"\bhow (do|can|should|would) i (let|tell|inform) (the )?(school|you|office|teacher|class teacher)\b",
    re.IGNORECASE)
# "Does the school have a Facebook group?", "is there a school bus?": whether something exists
# ("dose", as parents often type it).
_WHETHER_THERE_IS = re.compile(
    r"\b(do|does|dose) (the school|school|you|nursery|the nursery) (have|do|run|offer|use)\b|\bis there (a|an|any)\b",
    re.IGNORECASE)
# Plain thanks: thanks or gratitude at the start ("cheers for putting the photos up"), or thanks
# to someone ("really grateful to the caretaker for...").
_THANKS = re.compile(
    r"^\W*((a |just a |just wanted to say a |wanted to say a )?(big |huge |massive |special |quick )?"
    r"(thank you|thanks|thank u|thankyou|cheers|ta)\b|(really |so |very |just )?(grateful|thankful)\b|"
    r"(just )?(wanted|want|like) to say (a )?(big |huge |massive )?(thank|thanks)\b)|"
    r"\b(grateful|thankful|thanks|thank you) to\b", re.IGNORECASE)
_NOT_ONLY_THANKS = re.compile(r"\b(but|however|although|though|unfortunately|still|not|never|no)\b|n'?t\b",
                              re.IGNORECASE)


def _raises_a_matter(plain: str) -> bool:
    """Do the words raise a matter (a complaint, a hurt, a worry about a child), not only ask?"""
    plain = _WORRY_ABOUT_A_THING.sub(" ", plain)
    return bool(_RAISES_A_MATTER.search(plain) or _A_MATTER_ABOUT_A_CHILD.search(plain)
                or (_A_NEED.search(plain) and not _TO_THE_SENCO.search(plain)))


# Words of praise: with any of them, a message read as thanks for staff is left as thanks.
_PRAISE = re.compile(
    r"\b(thank\w*|thanx|cheers|ta|grateful|thankful|apprecia\w*|amazing|brilliant|lovely|great|fantastic|wonderful|"
    r"fab\w*|super\w*|star|stars|legend\w*|best|kind\w*|caring|patient|helpful|well done|proud|love|loved|loves|"
    r"credit|shout ?out|praise|impressed|incredible|outstanding|excellent|gorgeous|beautiful|smashing|canny|"
    r"made up|over the moon|means a lot|meant a lot|difference)\b", re.IGNORECASE)


def an_absence_not_thanks(text: str, profile: SchoolProfile) -> bool:
    """"Tom, Mr Bell's class, off with a temperature today x": a child off, which names a teacher and ends
    with a kiss, but thanks and praises no one. (A message with any word of thanks or praise
    is left as thanks: "Mrs Dunn was so kind when he was poorly".)"""
    plain = normalise(text or "")
    return (len(plain.split()) <= 40 and _by_words(plain, profile)[0] == ("absence",)
            and not _PRAISE.search(plain) and not _raises_a_matter(plain))


def topic_in_a_few_words(text: str, profile: SchoolProfile) -> str | None:
    """The topic of a message of a few words that names one by its words and raises no matter
    ("nursery tour?", "homework day?", "finish time?"), whatever the intent model made of so little;
    else None."""
    plain = normalise(text or "")
    cleaned = _cleaned(plain)
    if not cleaned.strip() or len(cleaned.split()) > FEW_WORDS or _raises_a_matter(plain) \
            or not _word_hits(cleaned, profile):
        return None
    topics, _ = _by_words(text, profile)
    return topics[0] if len(topics) == 1 else None


# A child hurt or bullied, in the words of an account ("getting pushed about at break by older boys"):
# a message the intent model only leans to reading as an everyday question is asked about instead.
_HURT = re.compile(
    r"\b(hurt\w*|hit|hits|hitting|bull(y|ied|ies|ying)|picked on|pick(s|ing)? on|push(ed|es|ing)|kick(ed|s|ing)|"
    r"shov\w*|thump\w*|punch\w*|slap\w*|grab\w*|injur\w*|bruis\w*|bleed\w*|beat(en|ing)? (\w+ )?up|spat|"
    r"spit(ting)?|scratch(ed|es|ing)|name calling|abus\w*|harm\w*|threaten\w*)\b", re.IGNORECASE)


def tells_of_hurt(text: str) -> bool:
    """Do the words tell of a child (or anyone) hurt, bullied or threatened?"""
    return bool(_HURT.search(normalise(text or "")))


def raises_a_matter(text: str) -> bool:
    """Do the words raise a matter (a complaint, a hurt, a worry about a child)?"""
    return _raises_a_matter(normalise(text or ""))


def asks_an_everyday_question(text: str) -> bool:
    """Does the message ask something (a question or a request, at most 60 words) with no
    words of a matter? Only such a message is ever taken from a matter the model read."""
    plain = normalise(text or "")
    return len(plain.split()) <= 60 and bool(_ASKS.search(plain)) and not _raises_a_matter(plain)


def offers_something(text: str) -> bool:
    """Does the message offer help, a talk or things the school might use, with no words of a
    matter ("got a box of books if the kids want them")?"""
    plain = normalise(text or "")
    return len(plain.split()) <= 60 and bool(_OFFERS.search(plain)) and not _raises_a_matter(plain)


def asks_to_reach_someone(text: str) -> bool:
    """Does it ask how to reach someone, or for a word with them? (With asks_an_everyday_question.)"""
    return bool(_TO_REACH_SOMEONE.search(normalise(text or "")))


def asks_whether_there_is(text: str) -> bool:
    """Does it ask whether the school has or does something ("is there a school bus?")?"""
    return bool(_WHETHER_THERE_IS.search(normalise(text or "")))


def plainly_thanks(text: str) -> bool:
    """Thanks, and nothing else: no "but", no "still", no words of a matter."""
    plain = normalise(text or "")
    return (len(plain.split()) <= 60 and bool(_THANKS.search(plain)) and not _NOT_ONLY_THANKS.search(plain)
            and not _raises_a_matter(plain))


# What a parent would call each role, for a member of staff whose profile entry has no title.
_ROLE_NAMES = {"headteacher": "Headteacher", "dsl": "Designated Safeguarding Lead",
               "deputy_dsl": "Deputy Designated Safeguarding Lead", "office": "office manager",
               "chair_of_governors": "Chair of Governors", "clerk_to_governors": "Clerk to the Governors"}


def asks_who_someone_is(text: str) -> bool:
    """Is this a plain question about who someone at the school is, or how to reach them (not
    a complaint about them)? Answered from the profile, never a case."""
    plain = normalise(text or "")
    return (len(plain.split()) <= 25 and bool(_WHO_OR_HOW_TO_REACH.search(plain))
            and not _RAISES_A_MATTER.search(plain))


def contacts_answer(text: str, profile: SchoolProfile) -> str:
    lowered = normalise(text).lower()
    lines = []
    for member in named_in(text, profile):
        # "Who's Mr Hall?": their title, and their class if they have one.
        taught = [school_class.name for school_class in profile.classes if school_class.teacher == member]
        title = member.title or _ROLE_NAMES.get(member.role, "")
        line = (f"{member.name} is the {' and '.join(taught)} class teacher." if taught
                else f"{member.name} is the school's {title}." if title else f"{member.name} works at the school.")
        if line not in lines:
            lines.append(line)
    school_class = profile.find_class(lowered)
    if school_class and re.search(r"\bteach|\bwho\b|\bclass\b", lowered) and \
            not any(school_class.teacher.name in line for line in lines):
        lines.append(f"The {school_class.name} class teacher is {school_class.teacher.name}.")
    wanted = (("senco", ("SENCO",)), ("sen", ("SENCO",)), ("deputy", ("Deputy Head",)),
              ("safeguarding", ("Safeguarding Lead",)), ("dsl", ("Safeguarding Lead",)))
    for word, titles in wanted:
        if re.search(rf"\b{word}\b", lowered):
            for member in profile.staff_titled(*titles):
                line = f"{member.name} is the school's {member.title}."
                if not any(member.name in said for said in lines):
                    lines.append(line)
    head = profile.person("headteacher").name
    if re.search(r"\bhead ?teacher\b|\bthe head\b", lowered) and not any(head in line for line in lines):
        lines.append(f"The Headteacher is {head}.")
    reach = (f"To reach any of the staff, message here or contact the office: phone {profile.office_phone}, "
             f"email {profile.office_email}, {_clock(profile.opens)} to {_clock(profile.closes)} on school days.")
    lines.append(reach)
    return " ".join(lines)


# -- small helpers ---------------------------------------------------------------------
def _cap(words: str) -> str:
    return words[0].upper() + words[1:]


def _clock(moment: dt.time) -> str:
    """'8:50am', '3:15pm', 'noon': how a school letter writes a time."""
    if moment == dt.time(12, 0):
        return "noon"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def _date(day: dt.date, today: dt.date) -> str:
    words = describe_day(day, today)
    return words if words in ("today", "tomorrow") else f"{words} {day.year}" if day.year != today.year else words


# A thing a child has lost or mislaid ("her bracelet fell off at playtime", "can't find his PE bag"),
# never a person ("lost her nana"), nor what a child may lose in themselves (confidence, weight):
# lost property, whatever the intent model made of the worry in it.
_LOSING = re.compile(
    r"\b(lost|lose|loses|losing|misplaced|mislaid|can'?t find|cant find|cannot find|could(n'?t| not) find|"
    r"(gone|went|go|has gone|been) missing|fell off|fallen off|came off|come off|dropped|swapped|mixed up|"
    r"(came|come|brought|has come) home (with|without)|the wrong \w+ (came|come|has come) home|"
    r"left (his|her|their|my|our) (\w+ )?\w+ (in|at|on|behind)|(got|been|was|were) left (at|in|on|behind))\b",
    re.IGNORECASE)
_A_THING = re.compile(
    r"\b(coat|coats|jacket|fleece|hoodie|jumper|cardigan|cardi|sweatshirt|blazer|tie|hat|cap|gloves?|scarf|"
    r"shoes?|trainers|pumps|plimsolls|wellies|wellington\w*|boots|socks|tights|pe (kit|bag|top|shorts)|kit|"
    r"uniform|bag|book ?bag|rucksack|backpack|lunch ?box|water ?bottle|bottle|glasses|specs|"
    r"bracelet|necklace|earrings?|ring|watch|hair ?(clip|bobble|band)s?|book|reading book|library book|"
    r"pencil case|calculator|toy|teddy|cards|helmet|scooter|bike|keys?|purse|wallet|money|phone|tablet|ipad|"
    r"lanyard|badge|medal|umbrella|brolly)\b", re.IGNORECASE)
_LOST_IN_ONESELF = re.compile(
    r"\blost (his |her |their |all |a lot of |so much )?(temper|confidence|weight|interest|sleep|appetite|"
    r"motivation|friends?|way|voice|nan|nana|nanna|grandad|grandma|granny|mum|mam|dad|father|mother|brother|"
    r"sister|uncle|auntie|aunt|cousin|baby|pet|dog|cat)\b", re.IGNORECASE)

# A thing taken, broken or kept from a child, or lost by someone else, is more than lost property.
_MORE_THAN_LOST = re.compile(
    r"\b(confiscat\w*|stole|stolen|steal\w*|nick(ed|ing)|took (it|them|his|her)|taken (off|from|away)|snatch\w*|"
    r"devastat\w*|broke|broken|ripped|snapped|damaged|thr(ew|own)|teacher|staff|miss \w+|mrs \w+|mr \w+|"
    r"again|every (day|week)|third|still not|nobody|no one)\b", re.IGNORECASE)


def tells_of_a_lost_thing(text: str, profile: SchoolProfile) -> bool:
    """A thing lost, mislaid or mixed up ("her bracelet from her nana fell off at playtime"), told
    with no words of a matter (no hurt, no worry about the child, no complaint), whose words name
    lost property and no other topic (an everyday "other" word, such as swimming, aside)."""
    plain = normalise(text or "")
    return (len(plain.split()) <= 60 and bool(_LOSING.search(plain)) and bool(_A_THING.search(plain))
            and not _LOST_IN_ONESELF.search(plain) and not _MORE_THAN_LOST.search(plain)
            and not _raises_a_matter(plain) and not tells_of_hurt(plain)
            and "lost_property" in topics_by_words(plain, profile)
            and set(topics_by_words(plain, profile)) <= {"lost_property", OTHER})


# A child off or late, told as a notice ("won't be in today", "keeping her off", "not in this morning").
_OFF_TODAY = re.compile(
    r"\b((won'?t|wont|will not|not|isn'?t|isnt|can'?t|cant) be (in|at school|coming in)|"
    r"(is|'s|s|are|be) off (sick|ill|poorly|today|school|tomorrow|tmrw)|keep(ing)? (him|her|them) (off|home|at home)|"
    r"stay(ing)? (off|home|at home)|not (in|coming( in)?) (today|this morning|this afternoon|tomorrow)|"
    r"(will|'ll|ll|is going to) be (a bit |a little |slightly )?late)\b",
    re.IGNORECASE)
# Words that make it more than a child off: a complaint about how school dealt with it, or a
# third party's child, or something told by someone else.
_MORE_THAN_OFF = re.compile(
    r"\b(never|again|third time|no one|nobody|refus\w*|won'?t go|doesn'?t want|does not want|hates?|dreads?|"
    r"told me|neighbour\w*|on our street|little lad|little girl|a (boy|girl|kid|child|lad|lass) in|"
    r"late at night|messag\w*|text\w*|fine[ds]?|attendance)\b", re.IGNORECASE)


def an_absence_told(text: str, profile: SchoolProfile) -> bool:
    """A child off ("Ruby won't be in, bad night with her chest, the GP wants to see her"), told as
    a notice, with no words of a matter, of hurt, of a complaint or of someone else's child, and
    no other topic: the absence answer, not a case."""
    plain = normalise(text or "")
    return (bool(_OFF_TODAY.search(plain)) and an_absence_not_thanks(plain, profile) and not tells_of_hurt(plain)
            and not _MORE_THAN_OFF.search(_OFF_TODAY.sub(" ", plain)))


def asks_for_someones_details(text: str) -> bool:
    """Asks for the name, email or number of someone at the school, with no words of a matter
    ("can you give me the name of the lady in the office")."""
    plain = normalise(text or "")
    return asks_who_someone_is(plain) and bool(re.search(
        r"\b(name|surname|email|e-mail|number|phone number|address)\b", plain, re.IGNORECASE))


# "Do you have an anti-bullying policy I can read?", "what's the complaints procedure? just want to
# know how it works": a policy asked for, not a matter raised (never "you didn't follow your own
# policy", which is a complaint).
_A_POLICY_ASKED_FOR = re.compile(
    r"^(?=.*\b(policy|policies|procedure|procedures)\b)(?=.*(\?|^\W*(what|where|do you|does the school|have you|is there|"
    r"are there|can i (see|read|get|have)|could i (see|read|get|have)|how (do|does|can)|which)\b|\b(copy|read|look at|see|link "
    r"to|send me) (of )?(the|your|a) [\w -]{0,30}(policy|procedure)))", re.IGNORECASE)
_POLICY_NOT_FOLLOWED = re.compile(
    r"\b(did ?n'?t|did not|not|never|have ?n'?t|has ?n'?t|broke|broken|breach\w*|ignor\w*|against|went against)\b.{0,30}"
    r"\b(policy|policies|procedure)\b|\b(policy|procedure)\b.{0,20}\b(was ?n'?t|was not|not|never) (followed|used|kept)\b",
    re.IGNORECASE)


def asks_for_a_policy(text: str) -> bool:
    """Does the message ask for a school policy or procedure, with no account of a matter?"""
    plain = normalise(text or "")
    return bool(_A_POLICY_ASKED_FOR.search(plain)) and not _POLICY_NOT_FOLLOWED.search(plain) \
        and not tells_of_hurt(_A_POLICYS_NAME.sub(" ", plain))


# The policy's own name is no account ("anti-bullying policy" tells of no bullying).
_A_POLICYS_NAME = re.compile(r"\b[\w -]{0,25}(policy|policies|procedures?)\b", re.IGNORECASE)
