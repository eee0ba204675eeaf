"""The school profile: staff by role, classes, hours, terms, time limits, helplines, and the
answers to everyday enquiries (the school day, absences, approved answers by topic).

Loaded and validated once at start. A mistake raises ProfileError naming the file and
line to fix, so a school editing its own profile sees exactly where the problem is.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

# The role vocabulary of the case record and the staff API (DESIGN.md). Keep exactly.
ROLES = (
    "headteacher",
    "dsl",
    "deputy_dsl",
    "office",
    "chair_of_governors",
    "clerk_to_governors",
    "class_teacher",
)
# Roles the routing table sends cases to: a profile without them cannot route.
REQUIRED_ROLES = ("headteacher", "dsl", "deputy_dsl", "office", "chair_of_governors", "clerk_to_governors")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Helplines a profile may add, used where they fit (see SchoolProfile.helpline).
OPTIONAL_HELPLINES = ("domestic_abuse", "nhs_111", "samaritans", "ceop", "report_remove")


class ProfileError(ValueError):
    """The profile cannot be used; the message names the line to fix."""


@dataclass(frozen=True)
class StaffMember:
    role: str
    name: str
    email: str
    title: str = ""


@dataclass(frozen=True)
class SchoolClass:
    name: str
    teacher: StaffMember
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str = ""
    url: str = ""
    hours: str = ""
    # Children's services: the number that answers outside office hours, if not the same.
    out_of_hours: str = ""

    def __str__(self) -> str:
        """'Samaritans on 116 123 (any time)', or 'CEOP at ceop.police.uk'."""
        where = f" on {self.phone}" if self.phone else f" at {self.url}" if self.url else ""
        return f"{self.name}{where}{f' ({self.hours})' if self.hours else ''}"


@dataclass(frozen=True)
class RetentionPeriod:
    """How long a record is kept: a whole number of years or days."""

    amount: int
    unit: str  # "years" or "days"

    def after(self, start: dt.date | dt.datetime) -> dt.date | dt.datetime:
        """The moment this period after `start` ends (29 February plus a year is 28 February)."""
        if self.unit == "days":
            return start + dt.timedelta(days=self.amount)
        try:
            return start.replace(year=start.year + self.amount)
        except ValueError:
            return start.replace(year=start.year + self.amount, day=28)

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"


@dataclass(frozen=True)
class Retention:
    """How long closed cases (by category) and case-less conversations are kept."""

    cases: dict[str, RetentionPeriod]
    conversations: RetentionPeriod


@dataclass(frozen=True)
class Session:
    """A part of the day with its own times, such as a nursery morning session."""

    name: str
    starts: dt.time
    finishes: dt.time


@dataclass(frozen=True)
class EarlyFinish:
    day: dt.date
    time: dt.time
    reason: str


@dataclass(frozen=True)
class SchoolDay:
    """The times parents ask about: doors open, start, finish, early finishes, nursery."""

    starts: dt.time
    finishes: dt.time
    doors_open: dt.time | None = None
    early_finishes: tuple[EarlyFinish, ...] = ()
    sessions: tuple[Session, ...] = ()


@dataclass(frozen=True)
class AbsenceReporting:
    """How to tell the school a child is off: never by giving medical details in the chat."""

    phone: str
    email: str
    by: dt.time
    tell_us: str
    leave_in_term_time: str


@dataclass(frozen=True)
class ApprovedAnswer:
    """A short answer the school approved for a common topic, found by the words parents use."""

    topic: str
    keywords: tuple[str, ...]
    answer: str
    link: str = ""
    # Messages parents might send about it, for a topic the product has no examples of
    # (concerns/enquiry_examples.yml has the common ones): matched by meaning, not words.
    examples: tuple[str, ...] = ()
    # Keywords that decide the topic whatever else a message names: "can we donate his old
    # uniform?" is an offer (volunteering), though it names the uniform.
    deciding_keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommunityLanguage:
    """A language families at the school speak: what a message in it is told, in it."""

    code: str  # ISO 639-1, as py3langid names it
    name: str
    how_to_reach: str
    alerted: str
    safeguarding_words: tuple[str, ...]


@dataclass(frozen=True)
class SchoolProfile:
    name: str
    short_name: str
    reference_prefix: str
    timezone: str
    office_phone: str
    office_email: str
    privacy_notice_url: str
    console_url: str
    staff: tuple[StaffMember, ...]
    classes: tuple[SchoolClass, ...]
    opens: dt.time
    closes: dt.time
    terms: tuple[Term, ...]
    closures: frozenset[dt.date]
    acknowledge_days: int
    respond_days: int
    emergency_number: str
    children_services: Helpline
    nspcc: Helpline
    childline: Helpline
    signposts: dict[str, str]
    retention: Retention
    # Everyday enquiries (optional sections: without them the office's phone and email answer).
    school_day: SchoolDay | None = None
    absence: AbsenceReporting | None = None
    answers: tuple[ApprovedAnswer, ...] = ()
    closure_reasons: tuple[tuple[dt.date, str], ...] = ()
    closures_announced: str = ""
    pass_on_thanks: bool = False
    # Helplines used where they fit (optional: without them the assistant leaves them out).
    extra_helplines: tuple[tuple[str, Helpline], ...] = ()
    languages: tuple[CommunityLanguage, ...] = ()

    def language(self, code: str) -> CommunityLanguage | None:
        return next((language for language in self.languages if language.code == code), None)

    def helpline(self, key: str) -> Helpline | None:
        """An optional helpline by key: domestic_abuse, nhs_111, samaritans, ceop, report_remove."""
        return dict(self.extra_helplines).get(key)

    def closure_reason(self, day: dt.date) -> str:
        return dict(self.closure_reasons).get(day, "")

    def staff_titled(self, *words: str) -> tuple[StaffMember, ...]:
        """Staff whose title holds one of these words (e.g. 'SENCO'), in profile order."""
        return tuple(member for member in self.staff
                     if any(word.lower() in member.title.lower() for word in words))

    def people(self, role: str) -> tuple[StaffMember, ...]:
        return tuple(member for member in self.staff if member.role == role)

    def person(self, role: str) -> StaffMember:
        """The first person holding a role (validation guarantees one for routed roles)."""
        return self.people(role)[0]

    def find_class(self, text: str) -> SchoolClass | None:
        """The class a parent means by e.g. 'yr 3', 'Year Three' or 'reception'."""
        cleaned = " ".join(re.sub(r"[^a-z0-9\- ]", " ", text.lower()).split())
        if not cleaned:
            return None
        for school_class in self.classes:
            names = (school_class.name.lower(),) + school_class.aliases
            if cleaned in names:
                return school_class
        if cleaned.isdigit():
            # "6", asked which class: the year group of that number, if the school has one.
            return next((c for c in self.classes if c.name.lower() in (f"year {cleaned}", f"y{cleaned}")), None)
        # Every mention, where it is: "year 3, no sorry year 4" means Year 4 (the last one said),
        # "year 4 not year 3" means Year 4 (one said not to be meant is passed over).
        mentions = []
        for school_class in self.classes:
            names = (school_class.name.lower(),) + school_class.aliases
            for alias in names:
                for found in re.finditer(rf"(^|\s){re.escape(alias)}(?=$|\s)", cleaned):
                    # (not meant: "not in reception", "no in year 6", "starts reception in september")
                    denied = re.search(r"(^|\s)(not|no|nae|isn t|isnt|wasn t|wasnt|no longer|used to be|starts|starting|"
                                       r"going into|goes into|moving up to|moves up to|will be in|until)( in)?\s*$",
                                       cleaned[:found.start() + len(found.group(1))])
                    mentions.append((found.start(), not denied, school_class))
        meant = [mention for mention in mentions if mention[1]] or mentions
        if meant:
            return max(meant, key=lambda mention: mention[0])[2]
        # "mr bells class", "in Mrs Shah's class", or only "Mrs Shah's" as the answer: the class of
        # the teacher named. (Never a teacher named in passing: "Mr Bell shouted at him" says
        # nothing of the child's class.)
        for school_class in self.classes:
            surname = re.escape(school_class.teacher.name.split()[-1].lower())
            teacher = rf"(mr|mrs|miss|ms|mx|dr)\s+{surname}( s|s)?"
            if re.search(rf"(^|\s){teacher}\s+class($|\s)", cleaned) or re.fullmatch(rf"(in\s+)?{teacher}", cleaned) \
                    or re.search(rf"(^|\s)(with|has got|has|got)\s+{teacher}\s+(now|this year)($|\s)", cleaned) \
                    or re.search(rf"(^|\s)(he s|she s|hes|shes|they re|theyre|is|are|s)\s+(in|with)\s+{teacher}($|\s)",
                                 cleaned):
                # ("he's with Mrs Todd now", "he's in Mrs Shah's I think": her class)
                return school_class
        return None


class _Located:
    """Wraps a ruamel node so errors can say which line they are about."""

    def __init__(self, path: Path, node: Any, line: int):
        self.path = path
        self.node = node
        self.line = line

    def fail(self, message: str, line: int | None = None) -> ProfileError:
        return ProfileError(f"{self.path}:{(line if line is not None else self.line) + 1}: {message}")

    def key_line(self, key: str) -> int:
        try:
            return self.node.lc.key(key)[0]
        except (AttributeError, KeyError, TypeError):
            return self.line

    def child(self, key: str, required: bool = True) -> "_Located":
        if not isinstance(self.node, dict):
            raise self.fail("expected a mapping here")
        if key not in self.node or self.node[key] is None:
            if required:
                raise self.fail(f"missing '{key}'")
            return _Located(self.path, None, self.line)
        return _Located(self.path, self.node[key], self.key_line(key))

    def items(self) -> list["_Located"]:
        if not isinstance(self.node, list):
            raise self.fail("expected a list here")
        located = []
        for index, item in enumerate(self.node):
            try:
                line = self.node.lc.item(index)[0]
            except (AttributeError, KeyError, TypeError):
                line = self.line
            located.append(_Located(self.path, item, line))
        return located

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self.child(key, required)
        if value.node is None:
            return default
        if not isinstance(value.node, (str, int, float)):
            raise value.fail(f"'{key}' must be text")
        text = str(value.node).strip()
        if required and not text:
            raise value.fail(f"'{key}' is empty")
        return text

    def date(self, key: str) -> dt.date:
        value = self.child(key)
        if isinstance(value.node, dt.date):
            return value.node
        try:
            return dt.date.fromisoformat(str(value.node))
        except ValueError:
            raise value.fail(f"'{key}' must be a date like 2026-09-02") from None

    def time(self, key: str) -> dt.time:
        value = self.child(key)
        try:
            return dt.time.fromisoformat(str(value.node))
        except ValueError:
            raise value.fail(f"'{key}' must be a time like 08:30") from None

    def positive_int(self, key: str) -> int:
        value = self.child(key)
        if not isinstance(value.node, int) or isinstance(value.node, bool) or value.node < 1:
            raise value.fail(f"'{key}' must be a whole number of school days, 1 or more")
        return value.node


@lru_cache(maxsize=1)
def profile_in_use() -> SchoolProfile:
    """The profile SCHOOL_PROFILE names, read once: for the Rasa server's own steps (channels,
    NLU components), which `make run` starts only after checking the profile."""
    from concerns.settings import Settings
    return load_profile(Settings().school_profile)


class CurrentProfile:
    """The profile as its file says now, for a long-running server (the console): read again
    whenever the file changes, so a role change or a leaver takes effect at the next request.
    A change that does not load keeps the last good profile, and the error is logged."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._stamp = self._file_stamp()
        self._profile = load_profile(self.path)

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_mtime_ns, found.st_size, found.st_ino

    def __call__(self) -> SchoolProfile:
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._profile = load_profile(self.path)
            except ProfileError as error:
                logging.getLogger(__name__).error("the school profile changed but cannot be used, so the last "
                                                  "good one stays in force: %s", error)
        return self._profile


def load_profile(path: str | Path) -> SchoolProfile:
    """Read and check a school profile; raise ProfileError naming the line to fix."""
    path = Path(path)
    try:
        raw = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: school profile not found (set SCHOOL_PROFILE)") from None
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ProfileError(f"{path}{line}: not valid YAML: {getattr(error, 'problem', error)}") from None
    root = _Located(path, raw, 0)
    if not isinstance(raw, dict):
        raise root.fail("the profile must be a mapping with school, staff, classes, ...")

    school = root.child("school")
    staff = _read_staff(root.child("staff"))
    by_email = {member.email.lower(): member for member in staff}
    classes = _read_classes(root.child("classes"), by_email)
    hours = root.child("hours")
    opens, closes = hours.time("opens"), hours.time("closes")
    if opens >= closes:
        raise hours.fail("'opens' must be before 'closes'")
    terms = _read_terms(root.child("terms"))
    closure_items = root.child("closures", required=False).items() \
        if root.child("closures", required=False).node is not None else []
    closures = frozenset(item.date("date") for item in closure_items)
    closure_reasons = tuple((item.date("date"), item.text("reason", required=False, default="closed"))
                            for item in closure_items)
    limits = root.child("time_limits")
    helplines = root.child("helplines")
    signposts = root.child("signposts")
    if not isinstance(signposts.node, dict):
        raise signposts.fail("'signposts' must map a matter to who handles it")

    def helpline(key: str) -> Helpline:
        entry = helplines.child(key)
        return Helpline(name=entry.text("name"), phone=entry.text("phone"),
                        out_of_hours=entry.text("out_of_hours", required=False))

    extra_helplines = []
    for key in OPTIONAL_HELPLINES:
        entry = helplines.child(key, required=False)
        if entry.node is None:
            continue
        found = Helpline(name=entry.text("name"), phone=entry.text("phone", required=False),
                         url=entry.text("url", required=False), hours=entry.text("hours", required=False))
        if not found.phone and not found.url:
            raise entry.fail(f"helpline '{key}' needs a 'phone' or a 'url'")
        extra_helplines.append((key, found))

    prefix = school.text("reference_prefix")
    if not re.fullmatch(r"[A-Z]{2,5}", prefix):
        raise school.child("reference_prefix").fail("'reference_prefix' must be 2 to 5 capital letters")
    return SchoolProfile(
        name=school.text("name"),
        short_name=school.text("short_name"),
        reference_prefix=prefix,
        timezone=school.text("timezone"),
        office_phone=school.text("office_phone"),
        office_email=school.text("office_email"),
        privacy_notice_url=school.text("privacy_notice_url"),
        console_url=school.text("console_url"),
        staff=staff,
        classes=classes,
        opens=opens,
        closes=closes,
        terms=terms,
        closures=closures,
        acknowledge_days=limits.positive_int("acknowledge"),
        respond_days=limits.positive_int("respond"),
        emergency_number=helplines.text("emergency"),
        children_services=helpline("children_services"),
        nspcc=helpline("nspcc"),
        childline=helpline("childline"),
        signposts={str(k): str(v) for k, v in signposts.node.items()},
        retention=_read_retention(root.child("retention")),
        school_day=_read_school_day(root.child("school_day", required=False)),
        absence=_read_absence(root.child("absence", required=False)),
        answers=_read_answers(root.child("answers", required=False)),
        closure_reasons=closure_reasons,
        closures_announced=school.text("closures_announced", required=False),
        pass_on_thanks=_read_flag(root.child("thanks", required=False), "pass_on"),
        extra_helplines=tuple(extra_helplines),
        languages=_read_languages(root.child("languages", required=False)),
    )


def _read_languages(node: _Located) -> tuple[CommunityLanguage, ...]:
    if node.node is None:
        return ()
    languages = []
    for item in node.items():
        code = item.text("code").lower()
        if not re.fullmatch(r"[a-z]{2}", code) or code == "en":
            raise item.child("code").fail(f"'{code}' must be a two-letter language code other than en")
        words = item.child("safeguarding_words")
        if not isinstance(words.node, list) or not words.node:
            raise words.fail(f"language '{code}' needs a list of 'safeguarding_words'")
        texts = {}
        for key in ("how_to_reach", "alerted"):
            texts[key] = item.text(key)
            try:
                texts[key].format(office_phone="", emergency="")
            except (KeyError, IndexError, ValueError):
                raise item.child(key).fail(f"'{key}' may hold only {{office_phone}} and {{emergency}}") from None
        languages.append(CommunityLanguage(code=code, name=item.text("name"), how_to_reach=texts["how_to_reach"],
                                           alerted=texts["alerted"],
                                           safeguarding_words=tuple(str(w).strip().lower() for w in words.node)))
    return tuple(languages)


def _read_school_day(node: _Located) -> SchoolDay | None:
    if node.node is None:
        return None
    starts, finishes = node.time("starts"), node.time("finishes")
    if starts >= finishes:
        raise node.fail("'starts' must be before 'finishes'")
    doors = node.time("doors_open") if node.child("doors_open", required=False).node is not None else None
    early = node.child("early_finishes", required=False)
    sessions = node.child("sessions", required=False)
    return SchoolDay(
        starts=starts, finishes=finishes, doors_open=doors,
        early_finishes=tuple(sorted((EarlyFinish(item.date("date"), item.time("time"), item.text("reason"))
                                     for item in early.items()), key=lambda e: e.day)) if early.node else (),
        sessions=tuple(Session(item.text("name"), item.time("starts"), item.time("finishes"))
                       for item in sessions.items()) if sessions.node else ())


def _read_absence(node: _Located) -> AbsenceReporting | None:
    if node.node is None:
        return None
    email = node.text("email")
    if not _EMAIL.match(email):
        raise node.child("email").fail(f"'{email}' is not an email address")
    return AbsenceReporting(phone=node.text("phone"), email=email, by=node.time("by"),
                            tell_us=node.text("tell_us"), leave_in_term_time=node.text("leave_in_term_time"))


def _read_answers(node: _Located) -> tuple[ApprovedAnswer, ...]:
    if node.node is None:
        return ()
    answers = []
    for item in node.items():
        topic = item.text("topic")
        if not re.fullmatch(r"[a-z][a-z_]*", topic):
            raise item.child("topic").fail(f"topic '{topic}' must be lower-case words joined by _")
        keywords = item.child("keywords")
        if not isinstance(keywords.node, list) or not keywords.node:
            raise keywords.fail(f"topic '{topic}' needs a list of 'keywords' parents would use")
        examples = item.child("examples", required=False)
        if examples.node is not None and not isinstance(examples.node, list):
            raise examples.fail(f"topic '{topic}': 'examples' must be a list of messages parents might send")
        deciding = item.child("deciding_keywords", required=False)
        if deciding.node is not None and not isinstance(deciding.node, list):
            raise deciding.fail(f"topic '{topic}': 'deciding_keywords' must be a list of words or phrases")
        answers.append(ApprovedAnswer(topic=topic,
                                      keywords=tuple(str(word).strip().lower() for word in keywords.node),
                                      answer=item.text("answer"), link=item.text("link", required=False),
                                      examples=tuple(str(text).strip() for text in examples.node or ()),
                                      deciding_keywords=tuple(str(word).strip().lower() for word in deciding.node or ())))
    return tuple(answers)


def _read_flag(node: _Located, key: str) -> bool:
    if node.node is None:
        return False
    value = node.child(key, required=False)
    if value.node is None:
        return False
    if not isinstance(value.node, bool):
        raise value.fail(f"'{key}' must be true or false")
    return value.node


def _read_staff(node: _Located) -> tuple[StaffMember, ...]:
    staff = []
    for item in node.items():
        role = item.text("role")
        if role not in ROLES:
            raise item.child("role").fail(f"unknown role '{role}'; use one of: {', '.join(ROLES)}")
        email = item.text("email", required=False)
        if not email:
            raise item.fail(f"staff member with role '{role}' has no 'email'")
        if not _EMAIL.match(email):
            raise item.child("email").fail(f"'{email}' is not an email address")
        staff.append(StaffMember(role=role, name=item.text("name"), email=email,
                                 title=item.text("title", required=False)))
    roles = {member.role for member in staff}
    for role in REQUIRED_ROLES:
        if role not in roles:
            raise node.fail(f"no staff member has the role '{role}', which cases are routed to")
    return tuple(staff)


def _read_classes(node: _Located, by_email: dict[str, StaffMember]) -> tuple[SchoolClass, ...]:
    classes = []
    for item in node.items():
        teacher_email = item.text("teacher").lower()
        teacher = by_email.get(teacher_email)
        if teacher is None:
            raise item.child("teacher").fail(f"teacher '{teacher_email}' is not in the staff list")
        if teacher.role != "class_teacher":
            raise item.child("teacher").fail(f"'{teacher_email}' does not have the role class_teacher")
        aliases_node = item.child("aliases", required=False)
        aliases = tuple(str(a).strip().lower() for a in (aliases_node.node or []))
        classes.append(SchoolClass(name=item.text("name"), teacher=teacher, aliases=aliases))
    if not classes:
        raise node.fail("list at least one class")
    return tuple(classes)


def _read_terms(node: _Located) -> tuple[Term, ...]:
    terms = []
    for item in node.items():
        term = Term(name=item.text("name"), start=item.date("start"), end=item.date("end"))
        if term.end < term.start:
            raise item.fail(f"term '{term.name}' ends before it starts")
        for other, other_line in terms:
            if term.start <= other.end and other.start <= term.end:
                raise item.fail(f"term '{term.name}' overlaps '{other.name}' (line {other_line + 1})")
        terms.append((term, item.line))
    if not terms:
        raise node.fail("list at least one term")
    return tuple(sorted((term for term, _ in terms), key=lambda t: t.start))


_PERIOD = re.compile(r"^([+-]?\d+)\s*(years?|days?)$", re.IGNORECASE)


def _read_period(node: _Located, what: str) -> RetentionPeriod:
    match = _PERIOD.match(str(node.node).strip()) if isinstance(node.node, (str, int)) else None
    if match is None:
        raise node.fail(f"retention period for {what} must be a number of years or days, like '6 years' or '90 days'")
    amount = int(match.group(1))
    if amount < 0:
        raise node.fail(f"retention period for {what} cannot be negative")
    if amount == 0:
        raise node.fail(f"retention period for {what} must be at least 1 day")
    unit = match.group(2).lower()
    return RetentionPeriod(amount, unit if unit.endswith("s") else unit + "s")


def _read_retention(node: _Located) -> Retention:
    # Imported here: triage imports this module, and its categories are the case record's.
    from concerns.triage import CATEGORIES

    cases_node = node.child("cases")
    if not isinstance(cases_node.node, dict):
        raise cases_node.fail("'cases' must map each case category to how long it is kept")
    periods = {}
    for category in cases_node.node:
        entry = _Located(cases_node.path, cases_node.node[category], cases_node.key_line(category))
        if category not in CATEGORIES:
            raise entry.fail(f"unknown case category '{category}'; use one of: {', '.join(CATEGORIES)}")
        periods[category] = _read_period(entry, f"'{category}' cases")
    for category in CATEGORIES:
        if category not in periods:
            raise cases_node.fail(f"no retention period for '{category}' cases")
    return Retention(cases=periods, conversations=_read_period(node.child("conversations"),
                                                               "conversations without a case"))
