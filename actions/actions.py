"""The custom actions: each reads slots, asks the core, and says what the parent sees.

rasa-sdk shares one instance of each action across all conversations, so nothing about a
conversation is ever kept on `self`. Database and mail work runs in a thread so a slow
disk or mail server never holds up other conversations.
"""
from __future__ import annotations

import asyncio
import functools
import datetime as dt
import logging
import re
from dataclasses import replace
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import (ActiveLoop, ConversationPaused, EventType, FollowupAction, ReminderScheduled, SlotSet,
                             UserUtteranceReverted)
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker_reading import (attachments, case_channel, intake_key, latest_intent, latest_text,
                                     transcript)
from concerns import wording
from concerns.corrections import name_put_right_in_the_same_breath, put_right, sounds_like_a_correction
from concerns.answers import (NOT_GIVEN, a_child_is_writing, about_no_one_child, asks_for_both, asks_to_complain,
                              asks_why, changes_topic, confirms_first, could_be_a_name, does_not_know, means_stop,
                              name_before_an_aside, name_in_a_sentence, name_put_instead, refuses, says_not_safe,
                              says_nothing_more)
from concerns.evidence_store import files_spoken_of
from concerns.normalise import normalise
from concerns.opening_details import child_in_opening
from concerns.service import (Intake, clean_account, clean_contact, clean_name, default_core,
                              find_reference)
from concerns.staff import StaffStore
from concerns.safety import (about_nude_images, contact_may_not_be_safe, safeguarding_matter, says_bullying,
                             tells_of_bullying_by_a_child,
                             tells_of_bullying_in_person, tells_of_harm)
from concerns.transcript import intake_events
from concerns.triage import (SAFEGUARDING_MATTERS, UNNAMED_STAFF, Triage, account_asks_for_stage_2, complaint_named_by,
                             details_needed, matter_from_words, names_an_adult, names_someone, names_staff_as_the_actor,
                             parent_has_posted_or_will, post_about_the_school, triage)

log = logging.getLogger(__name__)

CASE_DETAILS = ("subject_name", "child_name", "child_class", "account", "parent_name", "contact")
# An opening message this long is taken as what happened; the form then asks only whether
# there is anything to add.
ACCOUNT_MIN_WORDS = 8
# What Rasa says for the parent when "Are you worried a child may be at risk?" gets no answer
# (a reminder's external intent, data/rules/safeguarding.yml).
NO_ANSWER_TO_RISK_QUESTION = "EXTERNAL_no_answer_to_risk_question"
# Intents that always stop the form to be handled first, and those that do so only when
# the message is not a plausible answer to the question asked.
ALWAYS_INTERRUPT = ("cancel", "safeguarding_child", "staff_allegation", "ask_why_needed")
# The matters a parent raises (data/rules/matters.yml starts the form for each, and triages
# afresh when one is raised in the middle of a case).
MATTER_INTENTS = ("concern_child", "complain_staff", "complain_school", "complain_headteacher", "complain_governor",
                  "complaint_stage_2", "report_bullying", "report_cyberbullying", "social_media_post", "ask_human")
INTERRUPTIONS = ALWAYS_INTERRUPT + (
    "ask_human", "correct_detail", "signpost", "concern_child", "complain_staff", "complain_school",
    "complain_headteacher", "complain_governor", "complaint_stage_2", "report_bullying", "report_cyberbullying", "social_media_post",
    "ask_is_bot", "ask_capabilities", "ask_who_to_complain_to", "ask_can_post_online", "ask_how_long",
    "ask_what_next", "abuse")
INTERRUPT_CONFIDENCE = 0.5
# What a parent may turn to instead of the matter being taken that starts no case ("forget the
# dinner time thing, can I come in and help with reading?", "different thing, I want his
# exclusion reviewed"): answered, and the half-given matter is left unsent (_drop_unsent_case).
NO_CASE_TOPICS = ("everyday_enquiry", "signpost", "compliment_staff")
# Inside an answer to "what happened?", the model's safeguarding reading alone interrupts the
# form (and alerts) only when it is this sure: it was trained on first messages, and reads
# many ordinary accounts ("she just wanders round the yard on her own") as a worry. Below it,
# the account stands and the case is copied to the safeguarding lead (risk_signal); a plain
# statement of risk (concerns/safety.py) always interrupts, whatever the model says.
SAFEGUARDING_IN_AN_ACCOUNT = 0.85
SAFEGUARDING_INTENTS = ("safeguarding_child", "staff_allegation")
# How long after a parent's last message Messenger lets a person reply (the HUMAN_AGENT tag).
MESSENGER_HUMAN_WINDOW = dt.timedelta(days=7)
# A phone number or an email somewhere in a longer answer.
_HAS_CONTACT = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}|\+?\d[\d\s()\-]{8,14}\d", re.IGNORECASE)
CONTACT_NOTE_MAX_WORDS = 20


def _contact_with_a_note(text: str) -> Optional[str]:
    """A phone number or email, with any short note the parent put with it kept beside it:
    "07700 900123 ask for Tyler's mam", "yes, 07700 900123 but only in the mornings"."""
    contact = clean_contact(text)
    if contact is not None:
        return contact
    if _HAS_CONTACT.search(text or "") and len(text.split()) <= CONTACT_NOTE_MAX_WORDS:
        return " ".join(text.split())[:200]
    return None


DETAIL_WORDS = {
    "contact": ("phone", "number", "email", "e-mail", "contact", "mobile"),
    "child_class": ("class", "year", "reception", "nursery"),
    "child_name": ("child's name", "childs name", "his name", "her name", "son's name", "daughter's name"),
    "parent_name": ("my name",),
    "account": ("what happened", "account", "details", "story", "add something", "more to say"),
    "subject_name": ("who it is about", "who it's about", "about who", "member of staff"),
}


def _child_in_opening(text: str, profile) -> List[EventType]:
    """Their child's first name and class, where the message gives them: not asked again."""
    return _child_slots(child_in_opening(text, profile))


def _child_slots(child) -> List[EventType]:
    return ([SlotSet("child_name", child.name)] if child.name else []) + (
        [SlotSet("child_class", child.school_class)] if child.school_class else [])


def _triage_slots(result: Triage) -> List[EventType]:
    return [
        SlotSet("matter", result.matter),
        SlotSet("category", result.category),
        SlotSet("about", result.about),
        SlotSet("routed_to", result.routed_to),
        SlotSet("urgency", result.urgency),
        SlotSet("copied_to", list(result.copied_to)),
    ]


def _buttons(choices) -> List[Dict[Text, Text]]:
    """Rasa buttons for (title, payload) pairs of wording.py."""
    return [{"title": title, "payload": payload} for title, payload in choices]


def _is_complaint_subject_button(text: str) -> bool:
    plain = " ".join(normalise(text).lower().split())
    return any(plain == title.lower() for title in wording.COMPLAINT_SUBJECTS)


async def file_alert_for_latest_message(core, tracker: Tracker, matter: str, dispatcher: CollectingDispatcher,
                                        where: str) -> Optional[tuple]:
    """File an alert holding only the latest message (and its attachments) and send its emails;
    (record, intake), or None when it could not be recorded, after telling the parent so."""
    text = latest_text(tracker)
    intake = Intake(matter=matter, channel=case_channel(tracker), sender_id=tracker.sender_id,
                    opening_text=text, account=text, attachments=_case_attachments(tracker, latest_only=True),
                    transcript=transcript(tracker, latest_only=True))
    try:
        record = await asyncio.to_thread(core.file, intake)
    except Exception as error:
        # The kind of error only: a database error's text can quote the parent's words.
        log.error("could not record a safeguarding alert %s (%s)", where, type(error).__name__)
        dispatcher.utter_message(text=wording.alert_not_recorded(core.profile))
        return None
    asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
    return record, intake


def _alerted_words(core, reference: str, result: Triage) -> str:
    """That the alert was sent: "alerted now" in school hours; out of hours, when it will be
    read and who to call meanwhile."""
    now = core.now()
    if core.calendar.is_open(now):
        return wording.safeguarding_alerted(reference, result, core.profile)
    return wording.safeguarding_alerted_out_of_hours(reference, result, now, core.calendar)


def _messenger_window_warning(core, tracker: Tracker) -> Optional[str]:
    """Messenger lets a person reply for 7 days after the parent's last message; over a holiday
    nobody may be back in time, so a parent asking for a person there is told, with another way."""
    opening = core.calendar.next_opening(core.now())
    if case_channel(tracker) == "facebook" and (opening is None or opening - core.now() > MESSENGER_HUMAN_WINDOW):
        return wording.messenger_reply_may_not_reach(core.profile)
    return None


def _out_of_hours_note() -> Optional[str]:
    core = default_core()
    now = core.now()
    return None if core.calendar.is_open(now) else wording.out_of_hours(now, core.calendar)


def _about_nude_images(tracker: Tracker, opening_now: bool = False) -> bool:
    return any(about_nude_images(e.get("text") or "") for e in intake_events(tracker.events, opening_now)
               if e.get("event") == "user")


def _case_attachments(tracker: Tracker, opening_now: bool = False, latest_only: bool = False) -> list:
    """The files a case keeps from this intake. None when its words speak of a naked or
    semi-nude image of a child: then every file of the intake the channel kept is deleted,
    so such an image is never stored, not even as evidence."""
    sent = attachments(tracker, opening_now=opening_now, latest_only=latest_only)
    if not _about_nude_images(tracker, opening_now):
        return sent
    _forget_files(tracker, sent + attachments(tracker, opening_now=opening_now))
    return []


def _forget_files(tracker: Tracker, sent: list) -> None:
    """Delete the files named, the files sent just before the words about a nude image (a case
    that took one then says a file was removed, and why), and every file of the conversation no
    case has taken yet."""
    evidence = default_core().evidence
    evidence.forget(tracker.sender_id, sent + files_spoken_of(tracker.events))
    evidence.forget_unfiled(tracker.sender_id)


_CONTACT_QUESTIONS = (wording.QUESTIONS["contact"], wording.contact_question(True))


def _contact_may_not_be_safe(tracker: Tracker) -> bool:
    """Has this intake, in any message, described domestic abuse or hinted that someone at home
    must not see or hear from the school ("text only please, he checks my phone", said in answer
    to "what is your number?" or anywhere else)? Then contact may not be safe."""
    asked = False
    for event in intake_events(tracker.events):
        if event.get("event") == "bot":
            asked = (event.get("text") or "") in _CONTACT_QUESTIONS
        elif event.get("event") == "user" and contact_may_not_be_safe(event.get("text") or "", asked_for_contact=asked):
            return True
    return False


def reply_at_the_summary(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """At the summary, a reply that puts a detail right ("oh wait, I put year 3, she's year 2!",
    "typo in the email, it should be ...", "it wasn't Mrs Carter, it was the deputy"), whatever
    the model read it as (a question about staff, thanks, an enquiry): the detail is changed and
    the summary shown again. One that says it puts something right but gives nothing to read
    shows the summary again with its buttons. A hint that contact is not safe asks for it again.
    [] when the reply is none of these, or nothing is waiting to be confirmed."""
    if not tracker.get_slot("awaiting_confirmation") or not tracker.get_slot("matter"):
        return []
    asked_again = contact_hint_at_the_summary(tracker)
    if asked_again:
        return asked_again
    text = latest_text(tracker)
    if not text or text.startswith("/"):
        return []
    changes = _details_put_right(tracker, None)
    if changes:
        return _put_right_events(dispatcher, tracker, changes) + [FollowupAction("action_form_done")]
    if sounds_like_a_correction(text) and safeguarding_matter(text, "") is None:
        dispatcher.utter_message(text=wording.SUMMARY_NOT_UNDERSTOOD)
        return [FollowupAction("action_form_done")]
    return []


def contact_hint_at_the_summary(tracker: Tracker) -> List[EventType]:
    """At the summary, a hint that the number given is not safe ("yes send it, but don't ring,
    he'll be home"), whatever the model made of it: nothing is filed yet; the contact is asked
    again (action_ask_contact: the helpline, and whether contact is safe). [] otherwise."""
    if not tracker.get_slot("awaiting_confirmation") or tracker.get_slot("contact") in (
            None, NOT_GIVEN, wording.NOT_SAFE_TO_CONTACT) or _asked_if_contact_is_safe(tracker) \
            or not contact_may_not_be_safe(latest_text(tracker)):
        return []
    return [SlotSet("contact", None), SlotSet("awaiting_confirmation", False), FollowupAction("case_form")]


async def heard_contact_hint_outside_a_case(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A hint that contact is not safe beside an everyday question, or after a case was filed ("oh
    and please don't ring me, he'll be home"): the helpline; a case this conversation filed gets
    the words as a note, so whoever deals with it does not phone or email."""
    text = latest_text(tracker)
    if tracker.get_slot("awaiting_confirmation") or tracker.active_loop.get("name") \
            or not contact_may_not_be_safe(text):
        return
    core = default_core()
    dispatcher.utter_message(text=wording.contact_safety_note(core.profile))
    reference = tracker.get_slot("case_reference")
    record = await asyncio.to_thread(core.store.get, reference) if reference else None
    if record is not None and record["sender_id"] == tracker.sender_id:
        await asyncio.to_thread(StaffStore(core.store).add_note, record["id"], "parent (in the chat)",
                                f"Contact may not be safe. The parent wrote afterwards: {text}")
        dispatcher.utter_message(text=wording.contact_hint_added(reference))


def _helpline_given(tracker: Tracker) -> bool:
    """Has this intake already given the National Domestic Abuse Helpline (with an alert)?"""
    helpline = default_core().profile.helpline("domestic_abuse")
    return helpline is not None and any(e.get("event") == "bot" and helpline.phone and helpline.phone in (e.get("text") or "")
                                        for e in intake_events(tracker.events))


def _asked_if_contact_is_safe(tracker: Tracker) -> bool:
    """Has this intake already asked whether it is safe to contact them (and so given the helpline)?"""
    return any(e.get("event") == "bot" and (e.get("text") or "") == wording.contact_question(True)
               for e in intake_events(tracker.events))


def _intake(tracker: Tracker, matter: str, opening_now: bool = False) -> Intake:
    """What this intake has gathered. `opening_now`: the latest message opens it. An image
    sent beside words about a naked or semi-nude image of a child is never kept."""
    slot = tracker.get_slot
    return Intake(
        matter=matter,
        channel=case_channel(tracker),
        sender_id=tracker.sender_id,
        opening_text=_words_that_route(tracker),
        subject_name=slot("subject_name"),
        child_name=slot("child_name"),
        child_class=slot("child_class"),
        parent_name=slot("parent_name"),
        contact=slot("contact"),
        account=slot("account"),
        # (a hint that contact is not safe is a hint of domestic abuse: the safeguarding lead sees it)
        risk_signal=bool(slot("risk_signal")) or _contact_may_not_be_safe(tracker),
        attachments=_case_attachments(tracker, opening_now=opening_now),
        transcript=transcript(tracker, opening_now=opening_now),
    )


class ActionTriage(Action):
    """Says where this matter goes under the protocol, then the form asks what it needs."""

    def name(self) -> Text:
        return "action_triage"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        text = latest_text(tracker)
        changes = _details_put_right(tracker, None) if tracker.get_slot("awaiting_confirmation") else {}
        if changes:
            # At the summary, a detail put right in words the model read as a matter ("Sorry I
            # meant Mrs Wood not Mrs Ward"): the same case, changed, and the summary again.
            return _put_right_events(dispatcher, tracker, changes) + [FollowupAction("action_form_done")]
        if _asked_before_latest_message(tracker) == "subject_name" and _is_complaint_subject_button(text):
            # One of the choices "Who or what is the complaint about?" offered, in its own words
            # (which the model may read as a new complaint): the answer, and the form goes on.
            result = triage(tracker.get_slot("matter"), core.profile, subject=text)
            return _triage_slots(result) + [SlotSet("subject_name", text)]
        matter = matter_from_words(latest_intent(tracker), text)
        if matter in ("complain_staff", "concern_child", "report_cyberbullying") and (_form_was_asking(tracker) or
                                                             tracker.get_slot("awaiting_confirmation")) \
                and tells_of_bullying_in_person(text) and safeguarding_matter(text, "") is None \
                and not names_an_adult(text, core.profile):
            # A new matter told in the middle of another ("forget the reading, a lad in her class
            # keeps punching her"): another child hurting theirs, with no member of staff named,
            # is bullying, whatever the model leaned to.
            matter = "report_bullying"
        # A choice pressed after "I'm not sure I understood": the words before it are what the
        # parent meant, and they are never dropped (they are what happened, and who it names).
        earlier = _words_before_a_choice(tracker)
        if earlier:
            text = earlier
            if matter == "complain_school":
                matter = complaint_named_by(earlier, core.profile)
        result = triage(matter, core.profile, text=text)
        # Where it really goes: the words may name someone the intent did not ("a complaint
        # about Mrs C" read as one about the school goes to the Chair, and is explained so).
        dispatcher.utter_message(text=wording.explain_channel(result.matter, text, core.profile,
                                                              result.routed_to))
        note = _out_of_hours_note()
        if note:
            dispatcher.utter_message(text=note)
        if result.matter == "ask_human":
            # Told when they ask for a person, not only once the hand-off is filed.
            warning = _messenger_window_warning(core, tracker)
            if warning:
                dispatcher.utter_message(text=warning)
        account = text.strip() if len(text.split()) >= ACCOUNT_MIN_WORDS else None
        from_opening = len(text.split()) >= ACCOUNT_MIN_WORDS
        if text.startswith("/") and tracker.get_slot("account") and not tracker.get_slot("case_reference"):
            # A button pressed to say what kind of matter it is ("Worry about my child" when it was
            # read as bullying) carries no new words: what they told us so far stands.
            account, from_opening = tracker.get_slot("account"), bool(tracker.get_slot("account_from_opening"))
        elif result.category == tracker.get_slot("category") and tracker.get_slot("account") \
                and not tracker.get_slot("case_reference"):
            # The same kind of matter, before anything is filed ("no wait, it's not about the head,
            # it's about Mr Ashworth"): a correction, and what they told us so far stands.
            account = _with_more(tracker.get_slot("account"), text) if account else tracker.get_slot("account")
        # A new matter starts afresh on what it is about; the parent's own details stand.
        events = _triage_slots(result) + _child_in_opening(text, core.profile) + [
            SlotSet("subject_name", None),
            SlotSet("writer", None),
            SlotSet("account", account),
            SlotSet("account_from_opening", from_opening),
            SlotSet("account_more", None),
            SlotSet("risk_signal", None),
            SlotSet("second_matter", None),
            SlotSet("second_account", None),
            SlotSet("awaiting_confirmation", False),
            SlotSet("correcting", False),
            SlotSet("detail_to_change", None),
            SlotSet("case_reference", None),
        ]
        return events


class ActionSafeguarding(Action):
    """999 first, helplines, then alerts the safeguarding lead at once with a reference."""

    def name(self) -> Text:
        return "action_safeguarding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        matter = _alert_matter(tracker)
        text = latest_text(tracker)
        if text.startswith("/") or latest_intent(tracker) == NO_ANSWER_TO_RISK_QUESTION:
            # "Yes" to "are you worried a child may be at risk?", or no answer at all: the alert
            # carries the words that raised the question, not the button's payload.
            text = _last_words(tracker) or text
        child = a_child_is_writing(text)
        dispatcher.utter_message(text=wording.safeguarding_first_words_for_a_child(core.profile) if child
                                 else wording.safeguarding_first_words(core.profile, text))
        alerted = tracker.get_slot("case_reference") if tracker.get_slot("category") == "safeguarding" else None
        if alerted and _form_was_asking(tracker):
            # More about the alert already filed in this intake ("he said his dad hits him" in
            # answer to a question): it is added to that case, never a second alert.
            record = await asyncio.to_thread(core.store.get, alerted)
            if record is not None and record["sender_id"] == tracker.sender_id:
                await asyncio.to_thread(StaffStore(core.store).add_note, record["id"], "parent (in the chat)", text)
                dispatcher.utter_message(text=(
                    f"Thank you for telling me. I've added this to {alerted}, which the person keeping children "
                    "safe already has."))
                if about_nude_images(text):
                    # Words about a nude image of a child, told while the alert's questions run:
                    # the files sent with them are not kept either, and the advice is the same.
                    await asyncio.to_thread(_forget_files, tracker, attachments(tracker))
                    dispatcher.utter_message(text=wording.nude_image_advice(core.profile))
                return []
        if about_nude_images(text):
            dispatcher.utter_message(text=wording.nude_image_advice(core.profile))
        confirmed = await _file_what_was_confirmed(core, tracker, text)
        intake = _intake(tracker, matter, opening_now=True)
        intake.opening_text = text
        intake.account = text
        intake.subject_name = None
        named = child_in_opening(text, core.profile)
        intake.child_name = named.name or intake.child_name
        intake.child_class = named.school_class or intake.child_class
        result = core.triage(intake)
        events: List[EventType] = _triage_slots(result)
        try:
            record = await asyncio.to_thread(core.file, intake)
        except Exception as error:
            # The parent must never be left thinking someone was told when they weren't.
            # The kind of error only: a database error's text can quote the parent's words.
            log.error("could not record a safeguarding alert (%s)", type(error).__name__)
            dispatcher.utter_message(text=wording.alert_not_recorded(core.profile))
            return events + [ActiveLoop(None)]
        asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
        if child:
            # Words for a child, and no questions meant for a parent: no "your child", and
            # never a phone number at home.
            dispatcher.utter_message(text=wording.safeguarding_alerted_for_a_child(core.profile))
            return events + [SlotSet("case_reference", record["reference"]), SlotSet("account", text),
                             SlotSet("writer", "child"), SlotSet("awaiting_confirmation", False)]
        dispatcher.utter_message(text=_alerted_words(core, record["reference"], result))
        if confirmed is not None:
            dispatcher.utter_message(text=wording.confirmed_before_an_alert(confirmed["reference"],
                                                                            confirmed["routed_to"])
                                     if confirmed else wording.confirmed_before_an_alert_not_recorded(core.profile))
        dispatcher.utter_message(text="So they can reach you, I'll ask a few short questions.")
        return events + _child_slots(named) + [SlotSet("writer", None),
            SlotSet("case_reference", record["reference"]),
            SlotSet("account", text),
            SlotSet("subject_name", None),
            SlotSet("awaiting_confirmation", False),
            SlotSet("correcting", False),
        ]


async def _file_what_was_confirmed(core, tracker: Tracker, text: str) -> Optional[Dict[str, Any]]:
    """At the summary, a yes that goes on to tell of a risk to a child ("yes thats fine send it.
    can i tell you something else though... her step dad hit her"): the case they confirmed is
    filed as confirmed, before the alert, and is its own case. The record; {} when it could not
    be recorded; None when nothing was confirmed."""
    matter = tracker.get_slot("matter") or ""
    if not tracker.get_slot("awaiting_confirmation") or tracker.get_slot("case_reference") \
            or matter in SAFEGUARDING_MATTERS or matter == "ask_human" or not confirms_first(text):
        return None  # (a hand-off pauses the chat; the alert comes first and the office sees both)
    intake = replace(_intake(tracker, matter), intake_key=intake_key(tracker))
    try:
        record = await asyncio.to_thread(core.file, intake)
    except Exception as error:
        log.error("could not record a case confirmed with an alert (%s)", type(error).__name__)
        return {}
    asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
    return record


class ActionPausedSafeguarding(Action):
    """A parent's message in a conversation paused for staff (a hand-off, a take-over) that
    says a child may be at risk: 999 first and the helplines, an alert to the safeguarding
    lead at once, and the staff member in the chat sees it highlighted. Nothing else in the
    conversation changes: no slot is set, no form starts, and it stays with staff.

    The Rasa server runs this action itself for such a message (channels/paused_safeguarding.py),
    since Rasa predicts nothing while a conversation is paused."""

    def name(self) -> Text:
        return "action_paused_safeguarding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        matter = _alert_matter(tracker)
        text = latest_text(tracker)
        dispatcher.utter_message(text=wording.safeguarding_first_words(core.profile, text))
        filed = await file_alert_for_latest_message(core, tracker, matter, dispatcher, "in a paused conversation")
        if filed is not None:
            record, intake = filed
            dispatcher.utter_message(text=_alerted_words(core, record["reference"], core.triage(intake)))
        return []


class _ProfileAnswer(Action):
    """Says one answer built from the school profile (concerns/wording.py)."""

    action_name = "action_profile_answer"

    @staticmethod
    def words(profile) -> str:
        raise NotImplementedError

    def name(self) -> Text:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            return at_the_summary  # a detail put right in words read as something else
        dispatcher.utter_message(text=self.words(default_core().profile))
        return []


class ActionOutOfScope(_ProfileAnswer):
    """Something the assistant is not for: the office's phone, email and hours, and 999."""

    action_name = "action_out_of_scope"
    words = staticmethod(wording.out_of_scope)


class ActionGoodbye(_ProfileAnswer):
    action_name = "action_goodbye"
    words = staticmethod(wording.goodbye)


class ActionYouAreWelcome(_ProfileAnswer):
    action_name = "action_you_are_welcome"
    words = staticmethod(wording.you_are_welcome)


class ActionAnythingElse(_ProfileAnswer):
    """A stray yes or no: "anything else?", or, while a case is being taken, that it goes on (its
    question comes next), never as if it were over."""
    action_name = "action_anything_else"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            return at_the_summary
        profile = default_core().profile
        taking_a_case = (tracker.active_loop or {}).get("name") == "case_form"
        dispatcher.utter_message(text=wording.carry_on_with_the_case(profile) if taking_a_case
                                 else wording.anything_else(profile))
        return []


class ActionCapabilities(_ProfileAnswer):
    action_name = "action_capabilities"
    words = staticmethod(wording.capabilities)


class ActionIsBot(_ProfileAnswer):
    action_name = "action_is_bot"
    words = staticmethod(wording.is_bot)


class ActionCanPostOnline(_ProfileAnswer):
    """"Can I post about it on Facebook?": the protocol's ask, kindly."""
    action_name = "action_can_post_online"
    words = staticmethod(wording.can_post_online)


class ActionAbuse(_ProfileAnswer):
    action_name = "action_abuse"
    words = staticmethod(wording.abuse)


# A reading the model gave at least this much is offered as a choice when it could not decide.
CLOSE_READING = 0.2
# Under "Are you worried a child may be at risk?", the model's next reading that is not
# safeguarding is offered as a button from this score ("a boy did it on purpose" read 0.79
# safeguarding, 0.08 bullying): before, the parent pressed "something else", then "bullying".
NEXT_READING_OFFERED = 0.05


def ask_if_a_child_may_be_at_risk(dispatcher: CollectingDispatcher, next_reading: str | None = None) -> List[EventType]:
    """One kind question, with buttons ("Are you worried a child may be at risk of harm?"), 999
    first; "yes" raises the alert with their words, and so does no answer at all: a reminder
    Rasa drops if the parent writes first. `next_reading`, the matter the words most likely are
    if not that, is offered beside yes."""
    core = default_core()
    dispatcher.utter_message(text=wording.maybe_at_risk(core.profile),
                             buttons=_buttons(wording.maybe_at_risk_choices(next_reading)))
    after = dt.timedelta(seconds=core.settings.risk_question_alert_after_s)
    return [ReminderScheduled(NO_ANSWER_TO_RISK_QUESTION, dt.datetime.now() + after,
                              name="no_answer_to_risk_question", kill_on_user_message=True)]


class ActionNotUnderstood(Action):
    """Asks the parent to say more, with choices, the 999 line and the office's phone."""

    def name(self) -> Text:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        profile = default_core().profile
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            # "nearly - its Kaiden with an i, not Kayden": put right, and the summary again (a
            # hint that contact is not safe stays in the conversation: action_ask_contact reads it)
            return at_the_summary
        ranking = [r for r in (tracker.latest_message or {}).get("intent_ranking") or []
                   if r.get("name") != "nlu_fallback"]
        events: List[EventType] = []
        if ranking and ranking[0].get("name") in SAFEGUARDING_MATTERS:
            # A weak or unclear sign that a child may be at risk: one kind question, with
            # buttons, rather than a guess either way. "Yes" raises the alert with their words,
            # and so does no answer at all: a reminder Rasa drops if the parent writes first.
            others = [r["name"] for r in ranking[1:] if r.get("name") not in SAFEGUARDING_MATTERS
                      and (r.get("confidence") or 0) >= NEXT_READING_OFFERED]
            # "a lad in his class ... has been punching him", "his stuff comes home broken, other
            # kids are doing it": bullying is offered, whatever the model scored it
            next_reading = "report_bullying" if tells_of_bullying_by_a_child(latest_text(tracker)) \
                or says_bullying(latest_text(tracker)) else next(iter(others), None)
            events += ask_if_a_child_may_be_at_risk(dispatcher, next_reading)
        elif tracker.get_slot("awaiting_confirmation") and tracker.get_slot("matter"):
            # At the summary, words it could not read ("Yes, that is accurate." before it knew
            # that one): the summary again with its three buttons, never the choice of matters,
            # which sent a confirmed complaint round again as a new one.
            dispatcher.utter_message(text=wording.SUMMARY_NOT_UNDERSTOOD)
            events.append(FollowupAction("action_form_done"))
        else:
            await heard_contact_hint_outside_a_case(dispatcher, tracker)
            # "A parent has shared a photo of my son on the mams group" split between online
            # bullying and a worry: those two first, so the parent can say which in one press.
            closest = [r["name"] for r in ranking if (r.get("confidence") or 0) >= CLOSE_READING]
            dispatcher.utter_message(text=wording.not_understood(profile),
                                     buttons=_buttons(wording.not_understood_choices(closest)))
        if latest_intent(tracker) != "nlu_fallback":
            # Run as the dialogue's fallback (a turn no rule covers): like Rasa's own, the turn
            # is set aside so the next message is read afresh. It stays in the tracker store.
            return [UserUtteranceReverted()] + events
        return events


class ActionSomethingElse(Action):
    """"No, it's something else" to "Are you worried a child may be at risk?": thanks, and what
    they would like to raise, with choices, the 999 line and the office's phone."""

    def name(self) -> Text:
        return "action_something_else"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=wording.something_else(default_core().profile),
                                 buttons=_buttons(wording.NOT_UNDERSTOOD_CHOICES))
        return []


def drop_unsent_case(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A parent who says plainly they want something else instead of the matter being taken
    (an everyday question, a route decided elsewhere, thanks): the half-given matter is left
    unsent and they are told so, and the form asks no more. [] when no unsent case is open or
    the words do not set it aside (a question asked in passing: the form goes on)."""
    open_case = tracker.active_loop.get("name") == "case_form" or _form_was_asking(tracker) \
        or tracker.get_slot("awaiting_confirmation")
    if not open_case or tracker.get_slot("case_reference") or not changes_topic(latest_text(tracker)):
        return []
    dispatcher.utter_message(text=wording.LEFT_UNSENT)
    return [SlotSet(name, None) for name in CASE_DETAILS + (
        "matter", "category", "about", "routed_to", "urgency", "copied_to", "detail_to_change", "account_more",
        "account_from_opening", "risk_signal", "second_matter", "second_account")] + [
        SlotSet("awaiting_confirmation", False), SlotSet("correcting", False), SlotSet("requested_slot", None),
        ActiveLoop(None), FollowupAction("action_listen")]


class ActionSignpost(Action):
    """Points a matter outside the complaints procedure to who handles it: only the route asked."""

    def name(self) -> Text:
        return "action_signpost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            return at_the_summary
        dispatcher.utter_message(text=wording.signpost(default_core().profile, latest_text(tracker)))
        return drop_unsent_case(dispatcher, tracker)


# An answer to "who is it about?" this long that names someone is still the answer.
SUBJECT_MAX_WORDS = 25
# Details a case can go without, and how many replies to one question the parent gives
# before it goes without that one.
MAY_BE_LEFT_OUT = ("subject_name", "child_name", "child_class", "parent_name", "contact")
MOST_REPLIES_TO_ONE_QUESTION = 3


def _replies_to(tracker: Tracker, slot: str) -> int:
    """How many messages the parent has sent in reply to the question for `slot` since it was
    last asked afresh (a new matter, or the detail answered, starts the count again)."""
    events = list(tracker.events or [])
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    asking, replies = None, 0
    # up to their latest message: slots set after it are this action's own reading of it
    for event in events[:users[-1] + 1] if users else []:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            asking = event.get("value")
        elif kind == "slot" and event.get("name") == slot and event.get("value") is not None:
            replies = 0
        elif kind == "action" and event.get("name") in ("action_triage", "action_safeguarding", "action_cancel"):
            asking, replies = None, 0
        elif kind == "user" and asking == slot:
            replies += 1
    return replies


# An account that plainly tells of bullying where a worry or a complaint about the school was
# being taken ("two lads on his dinner table take his pudding and call him fatty"), or of a post
# online where a complaint about the school was: the route of what they tell (bullying copies
# the Headteacher; online bullying the DSL), said to the parent; an account that says a complaint
# was answered and they want to take it on is stage 2, whatever was being taken. Never downwards.
# How sure: on the three development conversation sets (202 accounts), no account of a worry, a
# complaint or a post read bullying above 0.54, and seven accounts of bullying read 0.65-0.85
# (the dinner-table one 0.69), so bullying needs 0.65; the other moves need 0.85 (a complaint
# about the Head whose account mentions a post read it at 0.96, so posts move only a complaint
# about the school's own decisions).
COMPLAINT_MATTERS = ("complain_staff", "complain_school", "complain_headteacher", "complain_governor",
                     "complaint_stage_2")
ACCOUNT_UPGRADES = {**{matter: ("complaint_stage_2",) for matter in COMPLAINT_MATTERS[:-1]},
                    "concern_child": ("report_bullying", "report_cyberbullying", "complaint_stage_2"),
                    "complain_school": ("report_bullying", "report_cyberbullying", "complaint_stage_2",
                                        "social_media_post"),
                    "report_bullying": ("report_cyberbullying", "complaint_stage_2"),
                    "report_cyberbullying": ("complaint_stage_2",)}
ACCOUNT_UPGRADE_CONFIDENCE = 0.85
ACCOUNT_TELLS_OF_BULLYING = 0.65


def _account_upgrade(dispatcher: CollectingDispatcher, tracker: Tracker, account: str) -> Dict[Text, Any]:
    """The new matter's slots, said to the parent, when the account tells of a more serious one."""
    confidence = float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0)
    # the words overrule the model where they plainly do ("an official complaint" is no stage 2)
    intent = matter_from_words(latest_intent(tracker), account)
    matter = tracker.get_slot("matter") or ""
    said = latest_text(tracker).replace("\x00", "").strip()
    answered = tracker.get_slot("requested_slot") in ("account", "account_more") and said.startswith(account.strip()[:100])
    # (or told where another detail was asked, and added to the account: "Sorry, I should explain,
    # I made a formal complaint in October ... I want it to go to the governors' panel")
    added = bool(said) and len(said.split()) >= ACCOUNT_MIN_WORDS and tracker.get_slot("requested_slot") is not None \
        and account.strip().endswith(said[-100:]) and len(account.strip()) > len(said)
    if tracker.get_slot("case_reference") or not (answered or added):
        return {}  # only the answer just given (the form checks its details again when it comes back)
    second = _second_matter(intent, confidence, account, matter)
    if second:
        # "Can you log both please, the maths for her teacher and the girl as bullying": the
        # matter being taken stays, and the other is recorded on its own when they confirm.
        dispatcher.utter_message(text=wording.second_matter_noted(second))
        return {"second_matter": second, "second_account": account}
    if matter in ACCOUNT_UPGRADES and "complaint_stage_2" in ACCOUNT_UPGRADES[matter] \
            and account_asks_for_stage_2(account):
        # "I put a formal complaint in to the head before Easter, got her reply last week and I'm
        # not happy with it, I want to take it further": stage 2, through the Clerk.
        intent, confidence = "complaint_stage_2", 1.0
    elif matter in ("concern_child", "complain_school") and tells_of_bullying_in_person(account) \
            and safeguarding_matter(account, "") is None:
        # "two year 6 lads, every dinnertime, take his sandwiches off him and dig him in the arm":
        # another child hurting or picking on theirs is bullying, whatever the model leaned to.
        intent, confidence = "report_bullying", 1.0
    needed = ACCOUNT_TELLS_OF_BULLYING if intent in ("report_bullying", "report_cyberbullying") \
        else ACCOUNT_UPGRADE_CONFIDENCE
    if intent not in ACCOUNT_UPGRADES.get(matter, ()) or confidence < needed:
        return {}
    if intent == "social_media_post" and not (parent_has_posted_or_will(account) or post_about_the_school(account)):
        # "the whole parents' group is fuming about it" mentions a group, and posts nothing
        return {}
    profile = default_core().profile
    result = triage(intent, profile, text=account, subject=tracker.get_slot("subject_name") or "")
    dispatcher.utter_message(text=wording.matter_now(intent))
    dispatcher.utter_message(text=wording.explain_channel(result.matter, account, profile, result.routed_to))
    return {e["name"]: e["value"] for e in _triage_slots(result)}


def _second_matter(intent: str, confidence: float, account: str, matter: str) -> Optional[str]:
    """The second matter an answer asks to be recorded beside the one being taken, if it plainly
    tells of one (as sure as an account must be to move a matter), or None."""
    if not asks_for_both(account) or not matter or matter in SAFEGUARDING_MATTERS:
        return None
    second = matter_from_words(intent, account)
    needed = ACCOUNT_TELLS_OF_BULLYING if second in ("report_bullying", "report_cyberbullying") \
        else ACCOUNT_UPGRADE_CONFIDENCE
    if second not in wording.SECOND_MATTER_NAMES or second == matter or confidence < needed:
        return None
    return second


CORRECTABLE_DETAILS = ("child_name", "parent_name", "subject_name", "child_class", "contact")


def _details(tracker: Tracker) -> Dict[str, Any]:
    details = {detail: tracker.get_slot(detail) for detail in CORRECTABLE_DETAILS}
    if not details.get("subject_name") and tracker.get_slot("matter") == "complain_headteacher":
        # Never asked who: the Headteacher, by name, so "it wasn't Mrs Carter, it was the
        # deputy, Mrs Whitfield" puts the subject right (and routes it afresh).
        details["subject_name"] = default_core().profile.person("headteacher").name
    return details


def _class_named(words: str) -> Optional[str]:
    found = default_core().profile.find_class(words)
    return found.name if found else None


def _details_put_right(tracker: Tracker, asked: Optional[str]) -> Dict[str, str]:
    """The details the parent's latest message puts right (concerns/corrections.py); `asked`
    is the detail the question waiting was about, None at the summary."""
    text = latest_text(tracker)
    alerted = tracker.get_slot("category") == "safeguarding" and tracker.get_slot("case_reference")
    if not text or text.startswith("/") or (safeguarding_matter(text, "") is not None and not alerted):
        return {}  # a disclosure interrupts first; once the alert is filed, it may put a name right too
    changes = put_right(text, _details(tracker), _class_named, asked).changes
    instead = name_put_instead(text)
    if instead and asked not in ("parent_name", "child_name", "subject_name") and tracker.get_slot("parent_name") \
            and tracker.get_slot("parent_name") != NOT_GIVEN and _SPEAKS_OF_OWN_NAME.search(text):
        # "07700 900113 and sorry Donna is just what everyone calls me, put Danielle Foster properly"
        changes.setdefault("parent_name", clean_name(instead) or instead)
    return changes


# A reply that speaks of the parent's own name ("what everyone calls me", "my wife's name").
_SPEAKS_OF_OWN_NAME = re.compile(r"\b(calls? me|call me|my (real |proper |full )?name|my (wife|husband|partner)'?s name|"
                                 r"put me down|under (my|her|his) name)\b", re.IGNORECASE)


def _put_right_events(dispatcher: CollectingDispatcher, tracker: Tracker, changes: Dict[str, str]) -> List[EventType]:
    """Each detail put right, said back to the parent; a new subject is routed afresh."""
    events: List[EventType] = []
    for detail, value in changes.items():
        dispatcher.utter_message(text=wording.detail_put_right(detail, value))
        events.append(SlotSet(detail, value))
    if "subject_name" in changes and tracker.get_slot("matter") and not tracker.get_slot("case_reference"):
        # (an alert already filed is moved, if at all, when its details are added, and the
        # parent is told then: it never moves to anyone it was once said to be about)
        result = triage(tracker.get_slot("matter"), default_core().profile, text=tracker.get_slot("account") or "",
                        subject=changes["subject_name"])
        if result.routed_to != tracker.get_slot("routed_to"):
            holder = wording.ROLE_TITLES.get(result.routed_to, result.routed_to)
            dispatcher.utter_message(text=f"Because it is about {changes['subject_name']}, it will go to {holder} "
                                          "instead.")
        events += _triage_slots(result)
    return events


def _with_more(account: str | None, more: str) -> str:
    """The parent's account with more of their words after it."""
    return f"{account}\n{more.strip()}" if account else more.strip()


def _name_answered(said: str, whose: str) -> Optional[str]:
    """The name a reply to "what is your name?" or "your child's first name?" gives: the reply
    itself, or the name before an aside ("Sandra Wright, I'm his foster carer"); None if none."""
    corrected = name_put_right_in_the_same_breath(said)
    if corrected:
        return clean_name(corrected)  # "Ruby - no sorry, not Ruby, it's Ava!"
    if could_be_a_name(said):
        return clean_name(said)
    instead = name_put_instead(said) if whose == "parent_name" else None
    if instead:
        return clean_name(instead)  # "Paul Stokoe, actually no put it under my wife's name, Angela Stokoe"
    aside = name_before_an_aside(said, class_may_follow=whose == "child_name")
    return clean_name(aside) if aside else None


def _sure_but_unclear(tracker: Tracker) -> bool:
    """Is the latest message read as safeguarding by the model alone (no pattern of the safety
    net), at SAFEGUARDING_IN_AN_ACCOUNT or more, with no word of harm, fear, secrecy or danger
    ("he comes home in spare trousers nearly every day")? Inside an account: asked, not alerted."""
    latest = tracker.latest_message or {}
    intent = (latest.get("intent") or {})
    if intent.get("name") == "nlu_fallback" or latest.get("safeguarding_net"):
        return False
    return (intent.get("name") in SAFEGUARDING_INTENTS and float(intent.get("confidence") or 0) >= SAFEGUARDING_IN_AN_ACCOUNT
            and not tells_of_harm(latest_text(tracker)))


def _left_out_stays(validate):
    """A detail left out ("not given": refused, not known, or asked too often) stays left out
    when the form checks its details again, as it does on coming back after an alert or a
    question; it was once asked again, or read as a name ("Not Given")."""
    slot = validate.__name__[len("validate_"):]

    @functools.wraps(validate)
    def checked(self, value, dispatcher, tracker, domain):
        if value == NOT_GIVEN:
            return {slot: NOT_GIVEN}
        return validate(self, value, dispatcher, tracker, domain)
    return checked


class ValidateCaseForm(FormValidationAction):
    """Asks only what this matter needs, and checks each answer."""

    def name(self) -> Text:
        return "validate_case_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        matter = tracker.get_slot("matter")
        if not matter or tracker.get_slot("writer") == "child":
            return []  # nothing to ask; a child writing about themselves is asked nothing
        core = default_core()
        result = triage(matter, core.profile, subject=tracker.get_slot("subject_name") or "")
        needed = details_needed(result)
        if result.category == "complaint" and "subject_name" not in needed and (
                tracker.get_slot("subject_name") or not names_someone(_opening_text(tracker), core.profile)):
            # "I'd like to make a formal complaint" (or "want to make a formal complaint, I've had
            # enough", long enough to be taken as what happened): who it is about decides who
            # reads it, so the assistant asks rather than guesses. (Once given, it stays among
            # the details, so that the answer is checked even when it changes the route.)
            needed.insert(0, "subject_name")
        if "account" in needed and tracker.get_slot("account_from_opening"):
            # Their first message was taken as what happened; it may only name the matter.
            needed.insert(needed.index("account") + 1, "account_more")
        if result.category == "complaint" and tracker.get_slot("child_name") == NOT_GIVEN and "child_class" in needed:
            needed.remove("child_class")  # about no one child, or a child they would rather not name
        if tracker.get_slot("correcting"):
            needed = ["detail_to_change"] + needed
        return needed

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        said_before = len(dispatcher.messages)
        # rasa-sdk keeps only the form's own slots from what the extract_ methods found: the
        # safeguarding lead's copy (risk_signal) was dropped there, so it is carried over here.
        copy_the_lead = tracker.slots_to_validate().get("risk_signal") is True
        events = await super().get_validation_events(dispatcher, tracker, domain)
        if copy_the_lead and not any(e.get("event") == "slot" and e.get("name") == "risk_signal" for e in events):
            events.append(SlotSet("risk_signal", True))
        slot = tracker.get_slot("requested_slot")
        # A detail put right in passing, in the answer to another question ("year 5, oh and
        # it's Maisie not Daisy", "Holly. Sorry I meant Mrs Wood not Mrs Ward"): the detail is
        # changed, and the rest of the reply still answers the question.
        events += _put_right_events(dispatcher, tracker, _details_put_right(tracker, slot))
        answered = next((e["value"] for e in reversed(events) if e.get("event") == "slot" and e.get("name") == slot),
                        tracker.get_slot(slot) if slot else None)
        if slot in ("account", "account_more") and answered not in (None, "no") and _sure_but_unclear(tracker):
            # The model alone is sure a child is at risk, but no word tells of harm: the account
            # stands (the safeguarding lead is copied) and the parent is asked, rather than alerted on.
            events += ask_if_a_child_may_be_at_risk(dispatcher)
        if slot in MAY_BE_LEFT_OUT and answered is None and _replies_to(tracker, slot) >= MOST_REPLIES_TO_ONE_QUESTION:
            # Asked again and again without an answer we can use: the parent is never stuck in a
            # loop; the case goes on without it (their words are in the transcript).
            del dispatcher.messages[said_before:]  # not "please type one" again
            dispatcher.utter_message(text=wording.LEFT_OUT)
            events.append(SlotSet(slot, NOT_GIVEN))
        return events

    # -- reading answers ----------------------------------------------------------
    def _answer(self, slot: str, tracker: Tracker, fits) -> Dict[Text, Any]:
        """The parent's message as the answer to `slot`, unless it is clearly something else.

        An empty result makes the form step aside, so the rules can handle a cancel, a
        safeguarding worry, a question or a change of topic."""
        if tracker.get_slot("requested_slot") != slot or tracker.latest_message.get("text") is None:
            return {}
        text = latest_text(tracker)
        if text.startswith("/") or latest_intent(tracker) == NO_ANSWER_TO_RISK_QUESTION:
            # A button press: an intent, not an answer. Nor is Rasa's own message when "Are you
            # worried a child may be at risk?" went unanswered: the rules raise the alert.
            return {}
        intent = latest_intent(tracker)
        confidence = float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0)
        if intent == "nlu_fallback":
            # Inside a form, a weak safeguarding reading the NLU put as a question
            # (components/safeguarding_net.py) is read as the model read it: an account with the
            # DSL copied, or, at another question, a step aside so the parent is asked about it.
            reading = next((r for r in (tracker.latest_message or {}).get("intent_ranking") or []
                            if r.get("name") != "nlu_fallback"), {})
            if reading.get("name") in SAFEGUARDING_INTENTS:
                intent, confidence = reading["name"], float(reading.get("confidence") or 0)
        if means_stop(text) or asks_why(text):
            return {}  # a stop or a "why?" at any question: the rules handle it
        corrected = put_right(text, _details(tracker), _class_named, slot)
        if corrected.changes and safeguarding_matter(text, "") is None:
            # The words that put an earlier detail right are not this answer (the form's
            # validation changes that detail); what is left of the reply, if anything, is.
            text = corrected.rest
            if not text:
                return {}
        alerted = tracker.get_slot("category") == "safeguarding" and tracker.get_slot("case_reference")
        if not alerted and safeguarding_matter(text, "") is not None:
            # A plain statement of risk always interrupts, even inside an answer that fits
            # ("year 3, and he said his dad hits him"): the rules raise the alert.
            return {}
        if slot not in ("account", "account_more") and (refuses(text) or does_not_know(text)):
            return {slot: text}  # "I'd rather not say", "dunno": an answer, which the checks below read
        says_it_is_something_else = False
        # "I want to complain about the Head" while a worry is being taken is another matter too
        turns_to_a_complaint = tracker.get_slot("category") not in ("complaint", "safeguarding") \
            and asks_to_complain(text) and intent in MATTER_INTENTS
        if changes_topic(text) or turns_to_a_complaint:
            # (the words are read for a matter only when they say it is another)
            said_matter = matter_from_words(intent, text)
            says_it_is_something_else = said_matter != tracker.get_slot("matter") and (
                (intent in MATTER_INTENTS + NO_CASE_TOPICS and confidence >= INTERRUPT_CONFIDENCE)
                # the words alone decide ("can you log it as a proper complaint then")
                or (said_matter != intent and said_matter in MATTER_INTENTS))
        if says_it_is_something_else:
            # "actually it's not about the homework, a boy has been punching him": a new matter
            # in the parent's own words, which the rules triage afresh.
            return {}
        if slot in ("account", "account_more"):
            # Anything they write is their account, except a safeguarding worry or a cancel.
            if intent in SAFEGUARDING_INTENTS:
                # The model alone (no words of risk the net knows) alerts only where some word tells
                # of harm, fear, secrecy or danger; an account with none ("he comes home in spare
                # trousers nearly every day") stands, and the safeguarding lead is copied.
                if confidence >= SAFEGUARDING_IN_AN_ACCOUNT and not _sure_but_unclear(tracker):
                    return {}
                if confidence >= INTERRUPT_CONFIDENCE:
                    return {slot: text, "risk_signal": True}
            elif intent in ALWAYS_INTERRUPT and confidence >= INTERRUPT_CONFIDENCE:
                return {}
            return {slot: text}
        # A plausible answer is the answer, whatever intent the model guessed for it:
        # "year 2" is not a correction and "mel@example.org" is not a cancel.
        if fits(text):
            return {slot: text}
        if slot != "subject_name" and intent in MATTER_INTENTS and confidence >= INTERRUPT_CONFIDENCE:
            # More about what happened, where a name, a class or a number was asked ("she's
            # being picked on by a girl in her class"): an answer, not a new topic. It joins
            # their account and the question is asked again. (A longer answer to "who is it
            # about?" is triaged afresh: its words decide who reads the case.)
            return {"account": _with_more(tracker.get_slot("account"), text)}
        if intent in INTERRUPTIONS and confidence >= INTERRUPT_CONFIDENCE:
            return {}
        return {slot: text}

    async def extract_subject_name(self, dispatcher, tracker, domain):
        if tracker.get_slot("category") == "safeguarding" and tracker.get_slot("case_reference"):
            # The alert is filed: whatever they say to "who is it about?" describes that person,
            # even in a sentence that repeats what happened (it is never a second alert).
            return self._answer("subject_name", tracker, lambda t: len(t.split()) <= 30)
        # A short answer, one of the buttons the complaint question offers (whose words a model
        # might read as something else: "the school's decisions" is not a signpost), or a longer
        # one that names who ("one of the governors, Mr Derek Simms", "both of them, Mrs Carter
        # the head and Mr Hughes the chair").
        profile = default_core().profile
        return self._answer("subject_name", tracker,
                            lambda t: len(t.split()) <= 6 or _is_complaint_subject_button(t)
                            or (len(t.split()) <= SUBJECT_MAX_WORDS and names_someone(t, profile)))

    async def extract_child_name(self, dispatcher, tracker, domain):
        complaint = tracker.get_slot("category") == "complaint"
        return self._answer("child_name", tracker, lambda t: (clean_name(t) is not None and len(t.split()) <= 3)
                            or name_in_a_sentence(t) is not None or (complaint and about_no_one_child(t))
                            or name_before_an_aside(t) is not None)

    async def extract_child_class(self, dispatcher, tracker, domain):
        profile = default_core().profile
        return self._answer("child_class", tracker, lambda t: profile.find_class(t) is not None)

    async def extract_account(self, dispatcher, tracker, domain):
        # Anything they write is their account, except a cancel or a safeguarding worry.
        return self._answer("account", tracker, lambda t: True)

    async def extract_account_more(self, dispatcher, tracker, domain):
        # "no", or more of their account: either way the answer, except a cancel or a safeguarding worry.
        return self._answer("account_more", tracker, lambda t: True)

    async def extract_parent_name(self, dispatcher, tracker, domain):
        return self._answer("parent_name", tracker, lambda t: (clean_name(t) is not None and len(t.split()) <= 4)
                            or name_before_an_aside(t, class_may_follow=False) is not None)

    async def extract_contact(self, dispatcher, tracker, domain):
        # "Is it safe to contact you?": "not safe" is the answer, never a new topic; so is a hint
        # that it may not be ("text only please, he checks my phone", "don't ring, he'll be home").
        return self._answer("contact", tracker, lambda t: _contact_with_a_note(t) is not None
                            or contact_may_not_be_safe(t, asked_for_contact=True)
                            or (_contact_may_not_be_safe(tracker) and says_not_safe(t)))

    async def extract_detail_to_change(self, dispatcher, tracker, domain):
        return self._answer("detail_to_change", tracker, lambda t: _detail_meant(t) is not None)

    # -- checking answers ---------------------------------------------------------
    @_left_out_stays
    def validate_subject_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        if does_not_know(str(value or "")) or refuses(str(value or "")):
            # A name is not needed to act: the role will do, and the Headteacher finds out who.
            dispatcher.utter_message(text="That's fine. The school will find out who it was.")
            if not names_someone(str(value or ""), default_core().profile):
                # (but "one of the governors, I don't know his name" still says who)
                value = UNNAMED_STAFF
        name = clean_account(str(value or ""))
        if not name or len(name) > 120:
            dispatcher.utter_message(text="Please tell me who it is about, in a few words.")
            return {"subject_name": None}
        core = default_core()
        before = tracker.get_slot("routed_to")
        # Routed as the case will be filed: on the opening words and the answer together.
        result = triage(tracker.get_slot("matter"), core.profile, text=tracker.get_slot("account") or "", subject=name)
        if result.routed_to != before:
            holder = wording.ROLE_TITLES.get(result.routed_to, result.routed_to)
            dispatcher.utter_message(text=(f"Thank you. It will go to {holder} instead." if name == UNNAMED_STAFF else
                                           f"Thank you. Because it is about {name}, it will go to {holder} instead."))
        return {"subject_name": name, **{e["name"]: e["value"] for e in _triage_slots(result)}}

    @_left_out_stays
    def validate_child_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        named = name_put_right_in_the_same_breath(str(value or "")) or name_in_a_sentence(str(value or ""))
        if named:
            # "I think she's called Lacey but I'm not sure", "Ruby - no sorry, not Ruby, it's Ava!"
            return {"child_name": clean_name(named) or named}
        if tracker.get_slot("category") == "complaint" and about_no_one_child(str(value or "")):
            return {"child_name": NOT_GIVEN}  # "it's not about one child": nor is the class asked
        if refuses(str(value or "")) or does_not_know(str(value or "")):
            return {"child_name": NOT_GIVEN}
        name = _name_answered(str(value or ""), "child_name")
        if name is None:
            dispatcher.utter_message(text="Sorry, I didn't catch a name there. Just their first name is fine.")
        return {"child_name": name}

    @_left_out_stays
    def validate_child_class(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        found = default_core().profile.find_class(str(value or ""))
        if found is None and (does_not_know(str(value or "")) or refuses(str(value or ""))):
            # Not knowing the class never stops a concern: the Headteacher sends it on.
            dispatcher.utter_message(text="That's fine. The Headteacher will make sure it reaches the right teacher.")
            return {"child_class": NOT_GIVEN}
        if found is None:
            dispatcher.utter_message(text="Sorry, I didn't recognise that class.")
            return {"child_class": None}
        return {"child_class": found.name}

    def validate_account(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> Dict[Text, Any]:
        account = clean_account(str(value or ""))
        if account is None:
            dispatcher.utter_message(text="Please tell me a little about what happened.")
            return {"account": None}
        return {"account": account, **_account_upgrade(dispatcher, tracker, account)}

    def validate_account_more(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        said = str(value or "").strip()
        added = None if says_nothing_more(said) else clean_account(said)
        if added is None:
            return {"account_more": "no"}
        return {"account_more": "added", "account": _with_more(tracker.get_slot("account"), added),
                **_account_upgrade(dispatcher, tracker, added)}

    @_left_out_stays
    def validate_parent_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        if refuses(str(value or "")):
            return self._declined("parent_name", tracker, dispatcher, wording.WHY_IF_DECLINED["parent_name"])
        name = _name_answered(str(value or ""), "parent_name")
        if name is None:
            dispatcher.utter_message(text=(
                "Sorry, I didn't catch a name there. I ask so the school knows who to reply to. "
                "What should staff call you? If you'd rather not say, just tell me."))
        return {"parent_name": name}

    def _declined(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher, why: str) -> Dict[Text, Any]:
        """A parent who would rather not give a detail is told once why it helps; if they still
        decline, the case goes on without it (safeguarding never needs a name)."""
        if tracker.get_slot("category") == "safeguarding" or any(said.startswith(why)
                                                                  for said in _said_before_this_reply(tracker)):
            return {slot: NOT_GIVEN}
        dispatcher.utter_message(text=why)
        return {slot: None}

    @_left_out_stays
    def validate_contact(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> Dict[Text, Any]:
        unsafe = _contact_may_not_be_safe(tracker)  # (reads the whole intake: once)
        if unsafe and not _asked_if_contact_is_safe(tracker):
            # A hint, in this answer or before it, that someone at home must not see or hear: the
            # helpline, and whether it is safe is asked (action_ask_contact) before any is kept.
            return {"contact": None}
        if unsafe and clean_contact(str(value or "")) is None \
                and (says_not_safe(str(value or "")) or refuses(str(value or ""))):
            # Contact could put them in danger: the safeguarding lead is told not to phone or email.
            dispatcher.utter_message(text=(
                "Thank you for telling me. Nobody will phone or email you. Our safeguarding lead will find a "
                "safe way to speak to you, for example in person at school."))
            return {"contact": wording.NOT_SAFE_TO_CONTACT}
        if refuses(str(value or "")) or says_nothing_more(str(value or "")):
            # "no number sorry", or just "no"
            return self._declined("contact", tracker, dispatcher, wording.WHY_IF_DECLINED["contact"])
        contact = _contact_with_a_note(str(value or ""))
        if contact is None:
            dispatcher.utter_message(text=(
                "That doesn't look like a phone number or an email address. "
                "Please type one, for example 07700 900123 or name@example.com."))
        return {"contact": contact}

    def validate_detail_to_change(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        detail = _detail_meant(str(value or ""))
        if detail is None:
            dispatcher.utter_message(text="Sorry, which one? Please choose from the list.")
            return {"detail_to_change": None}
        dispatcher.utter_message(text="OK, let's change that.")
        return {"detail_to_change": None, "correcting": False, detail: None}


def _alert_matter(tracker: Tracker) -> str:
    """The safeguarding matter of the latest message: an allegation about staff, or a child at
    risk. A "yes" to "Are you worried a child may be at risk?", or no answer to it, is the matter
    of the words that raised the question: an allegation about staff stays one (it must not go
    to the DSL alone, who may be the person it is about)."""
    matter = latest_intent(tracker)
    if matter == "staff_allegation":
        return matter
    if matter == "safeguarding_child" and not latest_text(tracker).startswith("/"):
        # "Helen Carter has been messaging my daughter": a member of staff by name is the one doing it
        return "staff_allegation" if names_staff_as_the_actor(latest_text(tracker), default_core().profile) else matter
    words = next((e for e in reversed(tracker.events or []) if e.get("event") == "user" and e.get("text")
                  and not e["text"].startswith(("/", "EXTERNAL: "))), None)
    if words is not None:
        reading = next((r.get("name") for r in (words.get("parse_data") or {}).get("intent_ranking") or []
                        if r.get("name") != "nlu_fallback"), None)
        if reading == "staff_allegation" or safeguarding_matter(words["text"], "") == "staff_allegation" or \
                names_staff_as_the_actor(words["text"], default_core().profile):
            return "staff_allegation"
    return "safeguarding_child"


def _before_latest_message(tracker: Tracker) -> List[dict]:
    """The conversation's events before the parent's latest message (none if they wrote nothing)."""
    events = list(tracker.events or [])
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    return events[:users[-1]] if users else []


def _form_was_asking(tracker: Tracker) -> bool:
    """Was the intake's form asking a question when the parent sent their latest message?"""
    loops = [e for e in _before_latest_message(tracker) if e.get("event") == "active_loop"]
    return bool(loops) and loops[-1].get("name") == "case_form"


def _asked_before_latest_message(tracker: Tracker) -> Optional[str]:
    """The detail the form was asking for when the parent sent their latest message."""
    asked = [e for e in _before_latest_message(tracker)
             if e.get("event") == "slot" and e.get("name") == "requested_slot"]
    return asked[-1].get("value") if asked else None


def _last_words(tracker: Tracker) -> str:
    """The parent's latest message in their own words (not a button's payload, nor a message
    Rasa made itself for a reminder)."""
    return next((e.get("text") or "" for e in reversed(tracker.events or [])
                 if e.get("event") == "user" and e.get("text") and not e["text"].startswith(("/", "EXTERNAL: "))),
                "")


# The assistant's replies that ask the parent to say more or to choose what it is about.
ASKED_TO_CHOOSE = ("action_not_understood", "action_something_else", "action_who_to_complain_to")


def _words_before_a_choice(tracker: Tracker) -> str:
    """When the latest message is a button pressed after the assistant asked the parent to say
    more or choose (and no intake ran since), the words the parent wrote before; else ""."""
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2 or not (events[users[-1]].get("text") or "").startswith("/"):
        return ""
    for index in reversed(users[:-1]):
        words = events[index].get("text") or ""
        if not words or words.startswith("/"):
            continue  # an earlier choice ("No, something else")
        if words.startswith("EXTERNAL: "):
            return ""
        actions = [e.get("name") for e in events[index:users[-1]] if e.get("event") == "action"]
        asked = any(name in ASKED_TO_CHOOSE for name in actions)
        return words if asked and not any(name in ("action_triage", "case_form") for name in actions) else ""
    return ""


def _words_that_route(tracker: Tracker) -> str:
    """The words the case is routed on when it is filed: the account, and the opening message
    when it was not taken as the account ("Complaint against Helen Carter and Robert Hughes",
    then "it has happened a few times now", is still about the Head and the Chair)."""
    account = tracker.get_slot("account") or ""
    events = intake_events(tracker.events)
    triaged = next((i for i, e in enumerate(events) if e.get("event") == "action" and e.get("name") == "action_triage"),
                   None)
    opening = next((e.get("text") or "" for e in reversed(events[:triaged]) if e.get("event") == "user"),
                   "") if triaged is not None else ""
    if not opening or opening.startswith("/") or opening.strip() in account:
        return account
    return f"{opening}\n{account}".strip()


def _opening_text(tracker: Tracker) -> str:
    """The parent's message that began this intake."""
    return next((e.get("text") or "" for e in intake_events(tracker.events) if e.get("event") == "user"), "")


def _said_before_this_reply(tracker: Tracker) -> List[str]:
    """What the assistant said between the parent's last two messages."""
    events = list(tracker.events or [])
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if not users:
        return []
    start = users[-2] if len(users) > 1 else 0
    return [e.get("text") or "" for e in events[start:users[-1]] if e.get("event") == "bot"]


def _detail_meant(text: str) -> Optional[str]:
    text = text.strip().lower()
    if text in CASE_DETAILS:
        return text
    for detail, words in DETAIL_WORDS.items():
        if any(word in text for word in words):
            return detail
    return None


class ActionAskChildClass(Action):
    """Asks for the child's class, offering the school's classes as buttons."""

    def name(self) -> Text:
        return "action_ask_child_class"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        _say_if_added_to_account(dispatcher, tracker, "child_class")
        child = tracker.get_slot("child_name")
        question = f"Which class is {child} in?" if child and child != NOT_GIVEN else "Which class is your child in?"
        buttons = [{"title": c.name, "payload": c.name} for c in default_core().profile.classes]
        dispatcher.utter_message(text=question, buttons=buttons)
        return []


def _say_if_added_to_account(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str) -> None:
    """Their reply told more about what happened rather than answering (ValidateCaseForm added
    it to their account): say so before the question comes again."""
    said = latest_text(tracker).strip()
    if (_asked_before_latest_message(tracker) == slot and slot not in ("account", "account_more")
            and said and not said.startswith("/") and (tracker.get_slot("account") or "").endswith(said)):
        dispatcher.utter_message(text=wording.ADDED_TO_ACCOUNT)


class _AskForDetail(Action):
    """Asks the parent for one detail of the case (the form calls action_ask_<slot>)."""

    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        _say_if_added_to_account(dispatcher, tracker, self.slot)
        if self.slot == "subject_name" and tracker.get_slot("category") == "complaint" \
                and tracker.get_slot("matter") != "complain_staff":
            dispatcher.utter_message(text="Who or what is the complaint about?", buttons=[
                {"title": title, "payload": title} for title in wording.COMPLAINT_SUBJECTS])
        elif self.slot == "detail_to_change":
            present = [d for d in CASE_DETAILS if tracker.get_slot(d)]
            dispatcher.utter_message(text=wording.QUESTIONS[self.slot], buttons=[
                {"title": wording.DETAIL_LABELS[d], "payload": f'/correct_detail{{"detail": "{d}"}}'}
                for d in present])
        elif self.slot == "contact":
            unsafe = _contact_may_not_be_safe(tracker)
            if unsafe and not _asked_if_contact_is_safe(tracker) and not _helpline_given(tracker):
                dispatcher.utter_message(text=wording.contact_safety_note(default_core().profile))
            dispatcher.utter_message(text=wording.contact_question(unsafe))
        elif self.slot == "child_name" and tracker.get_slot("category") == "complaint":
            dispatcher.utter_message(text=wording.CHILD_NAME_FOR_A_COMPLAINT)
        else:
            dispatcher.utter_message(text=wording.QUESTIONS[self.slot])
        return []


class ActionAskSubjectName(_AskForDetail):
    slot = "subject_name"


class ActionAskChildName(_AskForDetail):
    slot = "child_name"


class ActionAskAccount(_AskForDetail):
    slot = "account"


class ActionAskAccountMore(_AskForDetail):
    slot = "account_more"


class ActionAskParentName(_AskForDetail):
    slot = "parent_name"


class ActionAskContact(_AskForDetail):
    slot = "contact"


class ActionAskDetailToChange(_AskForDetail):
    slot = "detail_to_change"


class ActionFormDone(Action):
    """Summarises the case and asks the parent to confirm before anything is recorded.
    For a safeguarding alert already sent, adds the parent's details to it instead."""

    def name(self) -> Text:
        return "action_form_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        slot = tracker.get_slot
        reference = slot("case_reference")
        if slot("writer") == "child" and reference:
            return []  # everything a child needs was said with the alert
        if slot("category") == "safeguarding" and reference and latest_intent(tracker) == "ask_why_needed":
            return []  # shown again after a "why?" (data/rules/matters.yml): nothing new to add to the alert
        if slot("category") == "safeguarding" and reference:
            core = default_core()
            intake = _intake(tracker, slot("matter") or "safeguarding_child")
            intake.opening_text = slot("account") or ""
            record = await asyncio.to_thread(core.add_follow_up_details, reference, intake)
            events: List[EventType] = [SlotSet("awaiting_confirmation", False)]
            if record is not None and record["routed_to"] != slot("routed_to"):
                who = wording.ROLE_TITLES.get(record["routed_to"], record["routed_to"])
                dispatcher.utter_message(text=f"Because of who it is about, I have passed it to {who} instead.")
                events += [SlotSet("routed_to", record["routed_to"]), SlotSet("about", record["about"])]
            reach = ("will find a safe way to speak to you, for example in person at school"
                     if slot("contact") == wording.NOT_SAFE_TO_CONTACT else "will contact you")
            dispatcher.utter_message(text=(
                f"Thank you. I've added your details to {reference}. The person dealing with it {reach}. "
                "If a child is in immediate danger, call 999."))
            return events
        lines = ["Here's what I'll send. Is it right?"]
        for detail in CASE_DETAILS:
            value = slot(detail)
            if value:
                lines.append(f"- {wording.DETAIL_LABELS[detail]}: {value}")
        who = wording.ROLE_TITLES.get(slot("routed_to") or "", "the right member of staff")
        lines.append(f"It will go to {who}.")
        if slot("second_matter"):
            lines.append(wording.second_matter_in_summary(slot("second_matter")))
        dispatcher.utter_message(text="\n".join(lines), buttons=[
            {"title": "Yes, send it", "payload": "/affirm"},
            {"title": "Change something", "payload": "/deny"},
            {"title": "Cancel", "payload": "/cancel"},
        ])
        return [SlotSet("awaiting_confirmation", True)]


class ActionFileCase(Action):
    """Records the confirmed case, sends it to staff, and gives the parent the reference."""

    def name(self) -> Text:
        return "action_file_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if not tracker.get_slot("awaiting_confirmation") or not tracker.get_slot("matter"):
            dispatcher.utter_message(text=wording.anything_else(default_core().profile))
            return []
        asked_again = contact_hint_at_the_summary(tracker)
        if asked_again:
            return asked_again
        core = default_core()
        # Only here, where the parent confirms a summary: confirming again after a failure
        # returns the case already filed (a safeguarding alert is never held back this way).
        intake = replace(_intake(tracker, tracker.get_slot("matter")), intake_key=intake_key(tracker))
        try:
            record = await asyncio.to_thread(core.file, intake)
        except Exception as error:
            # The kind of error only: a database error's text can quote the parent's words.
            log.error("could not record a case (%s); the parent was asked to try again", type(error).__name__)
            dispatcher.utter_message(text=wording.case_not_recorded(core.profile))
            # The summary again, with its buttons: the rules take a "yes" after the summary as
            # "send it", so trying again is one press and nothing is retyped.
            return [FollowupAction("action_form_done")]
        asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
        if record["category"] == "handoff":
            # From here a person answers: the assistant stops until staff hand back.
            await asyncio.to_thread(StaffStore(core.store).open_handoff, tracker.sender_id, record["channel"],
                                    record["reference"])
            note = _out_of_hours_note()
            dispatcher.utter_message(text=(
                f"Thank you. I've passed this to the school office ({record['reference']}). A member of staff "
                "will reply here" + (" when the school is next open." if note else " as soon as they can.")
                + f" If it's urgent, phone {core.profile.office_phone}. If a child is in danger, call 999."))
            if note:
                dispatcher.utter_message(text=note)
            warning = _messenger_window_warning(core, tracker)
            if warning and not any(e.get("event") == "bot" and e.get("text") == warning
                                   for e in intake_events(tracker.events)):
                dispatcher.utter_message(text=warning)
            return [SlotSet("case_reference", record["reference"]), SlotSet("awaiting_confirmation", False),
                    SlotSet("account", None), ConversationPaused()]
        today = core.calendar.local(core.now()).date()
        dispatcher.utter_message(text=wording.filed(
            record["reference"], record["routed_to"], dt.date.fromisoformat(record["acknowledge_by"]),
            dt.date.fromisoformat(record["respond_by"]), today, estimated=bool(record.get("due_estimated")),
            stage=record.get("complaint_stage")))
        if tracker.get_slot("contact") == wording.NOT_SAFE_TO_CONTACT:
            # Never a promise of a call or an email they said is not safe.
            dispatcher.utter_message(text=wording.NOT_SAFE_REPLY)
        if tracker.get_slot("second_matter"):
            await _file_the_second_matter(core, tracker, intake, dispatcher)
        note = _out_of_hours_note()
        if note:
            dispatcher.utter_message(text=note)
        return [SlotSet("case_reference", record["reference"]), SlotSet("awaiting_confirmation", False),
                SlotSet("account", None), SlotSet("subject_name", None), SlotSet("risk_signal", None),
                SlotSet("second_matter", None), SlotSet("second_account", None)]


async def _file_the_second_matter(core, tracker: Tracker, first: Intake, dispatcher: CollectingDispatcher) -> None:
    """The second matter the parent asked for beside the first, filed on its own with the same
    details and their words about it, routed by what it is (its own reference)."""
    matter = tracker.get_slot("second_matter")
    words = tracker.get_slot("second_account") or first.account or ""
    second = replace(first, matter=matter, account=words, opening_text=words, subject_name=None,
                     risk_signal=False, intake_key=f"{first.intake_key}:second" if first.intake_key else None)
    try:
        record = await asyncio.to_thread(core.file, second)
    except Exception as error:
        log.error("could not record a second matter (%s)", type(error).__name__)
        dispatcher.utter_message(text=wording.SECOND_MATTER_NOT_RECORDED)
        return
    asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
    dispatcher.utter_message(text=wording.second_matter_filed(matter, record["reference"], record["routed_to"]))


class ActionCancel(Action):
    """Stops the current case; nothing half-given is recorded."""

    def name(self) -> Text:
        return "action_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reference = tracker.get_slot("case_reference")
        in_progress = bool(tracker.active_loop.get("name")) or tracker.get_slot("awaiting_confirmation")
        if reference and not in_progress and tracker.get_slot("category") != "safeguarding":
            # Already filed: it can't be unsent, so it is never "nothing was recorded". The
            # person dealing with it reads the wish to withdraw on the case.
            core = default_core()
            record = await asyncio.to_thread(core.store.get, reference)
            if record is not None and record["sender_id"] == tracker.sender_id:
                await asyncio.to_thread(StaffStore(core.store).add_note, record["id"], "assistant",
                                        "The parent asked in the chat to withdraw this.")
            dispatcher.utter_message(text=(
                f"Your concern was already recorded as {reference}, so I can't unsend it, but I've added a note "
                "for the person dealing with it that you'd like to withdraw it. They may still get in touch to "
                "check you're happy. If you've more to say, just tell me. "
                + wording.urgent_help(core.profile)))
            return []
        # A parent who stops may be stopping because they are not safe to go on: the way to urgent help.
        urgent = wording.urgent_help(default_core().profile)
        if tracker.get_slot("category") == "safeguarding" and reference:
            dispatcher.utter_message(text=(
                "OK, I'll stop asking questions. The safeguarding alert I already sent stays with the "
                "person dealing with it, because keeping children safe comes first. " + urgent))
        else:
            dispatcher.utter_message(text="OK, I've cancelled that. Nothing has been recorded or sent. " + urgent)
        dispatcher.utter_message(text=wording.anything_else(default_core().profile))
        return [SlotSet(name, None) for name in CASE_DETAILS + (
            "matter", "category", "about", "routed_to", "urgency", "copied_to", "detail_to_change", "account_more",
            "account_from_opening", "risk_signal", "second_matter", "second_account")] + [
            SlotSet("awaiting_confirmation", False), SlotSet("correcting", False), SlotSet("requested_slot", None)]


class ActionCorrectDetail(Action):
    """Lets the parent change one detail; the form then asks for it again."""

    def name(self) -> Text:
        return "action_correct_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if not tracker.get_slot("matter"):
            dispatcher.utter_message(text="There's nothing in progress to change. What would you like to tell us?")
            return [SlotSet("detail_to_change", None)]
        changes = _details_put_right(tracker, tracker.get_slot("requested_slot"))
        if changes:
            # "its Kaiden with an i, not Kayden": changed as they said; the form then has what it
            # needs and the summary is shown again.
            return _put_right_events(dispatcher, tracker, changes) + [
                SlotSet("awaiting_confirmation", False), SlotSet("detail_to_change", None), SlotSet("correcting", False)]
        entity = next(tracker.get_latest_entity_values("detail"), None)
        detail = _detail_meant(entity or latest_text(tracker))
        events: List[EventType] = [SlotSet("awaiting_confirmation", False), SlotSet("detail_to_change", None)]
        if detail is None:
            return events + [SlotSet("correcting", True)]
        dispatcher.utter_message(text="OK, let's change that.")
        return events + [SlotSet("correcting", False), SlotSet(detail, None)]


class ActionExplainWhy(Action):
    """Explains why the assistant is asking for the detail it just asked for, who else may learn
    of it for this kind of matter, and how long the school keeps it. Asked when no question is
    waiting: what the assistant is for (at a case's summary: what the summary is for), with the
    999 line and the office's phone."""

    def name(self) -> Text:
        return "action_explain_why"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        slot = tracker.get_slot
        profile = default_core().profile
        if not slot("requested_slot"):
            # No question is waiting (the form sets requested_slot while it asks, and clears it
            # when it ends or is cancelled): what the assistant is for, or what the summary is for.
            dispatcher.utter_message(text=wording.why_without_a_question(
                profile, at_the_summary=bool(slot("awaiting_confirmation"))))
            return []
        dispatcher.utter_message(text=wording.why_needed(slot("requested_slot"), profile, slot("category"),
                                                         slot("routed_to")))
        return []


class ActionNoteAttachment(Action):
    """Thanks the parent for a screenshot or photo; it is kept with their case."""

    def name(self) -> Text:
        return "action_note_attachment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        latest = ((tracker.latest_message or {}).get("metadata") or {}).get("attachments") or []
        reference = tracker.get_slot("case_reference")
        if _about_nude_images(tracker):
            await asyncio.to_thread(_forget_files, tracker, latest + attachments(tracker))
            dispatcher.utter_message(text="I haven't kept that. " + wording.nude_image_advice(default_core().profile))
            return []
        sent = attachments(tracker, latest_only=True)
        latest = [item for item in sent if not item.get("refused")]
        if sent and not latest:
            return []  # the channel has told the parent why the file was not kept
        if tracker.active_loop.get("name") or (tracker.get_slot("matter") and not reference):
            dispatcher.utter_message(text="Thank you, I've kept that. It will be attached to your case.")
        elif reference and latest:
            await asyncio.to_thread(default_core().add_attachments, reference, tracker.sender_id, latest, "assistant")
            dispatcher.utter_message(text=f"Thank you, I've added that to {reference}.")
        else:
            dispatcher.utter_message(text=(
                "Thank you, I've kept that. Please tell me what it is about, and I'll make sure it "
                "reaches the right person."))
        return []


class ActionCheckCase(Action):
    """Gives the status of a case, only in the conversation that filed it."""

    def name(self) -> Text:
        return "action_check_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        entity = next(tracker.get_latest_entity_values("reference"), None)
        reference = find_reference(entity or "") or find_reference(latest_text(tracker))
        if reference is None:
            dispatcher.utter_message(text=(
                "What is the reference? It looks like "
                f"{core.profile.reference_prefix}-2026-0042 and was given when your concern was recorded."))
            return []
        record = await asyncio.to_thread(core.case_for_sender, reference, tracker.sender_id)
        if record is None:
            dispatcher.utter_message(text=(
                f"I can't find {reference} in this conversation. To protect everyone's privacy I can only "
                "give an update in the conversation where it was recorded. The school office can help: "
                f"{core.profile.office_phone}."))
            return []
        dispatcher.utter_message(text=wording.case_progress(record, core.calendar, core.now()))
        return []


class ActionHowLong(Action):
    """Tells the parent the school's time limits in school days, and what they mean for
    something sent now, from the calendar."""

    def name(self) -> Text:
        return "action_how_long"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        dispatcher.utter_message(text=wording.time_limits(core.profile, core.calendar, core.now()))
        return []


class ActionWhatNext(Action):
    """Explains what happens next from where this conversation is: the case it filed, by its
    category, status and stage; or, before anything is recorded, what confirming does."""

    def name(self) -> Text:
        return "action_what_next"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        slot = tracker.get_slot
        if slot("writer") == "child":
            dispatcher.utter_message(text=wording.what_next_for_a_child(core.profile))
            return []
        reference = slot("case_reference")
        record = await asyncio.to_thread(core.case_for_sender, reference, tracker.sender_id) if reference else None
        if record is not None:
            dispatcher.utter_message(text=wording.case_progress(record, core.calendar, core.now()))
        else:
            dispatcher.utter_message(text=wording.what_next(core.profile, core.calendar, core.now(), slot("matter"),
                                                            slot("category"), slot("routed_to"), slot("about")))
        return []


class ActionWelcome(Action):
    """The welcome: an automated assistant, the privacy notice, what it can do; and out of
    school hours, that nobody reads the chat live and when it will be read."""

    def name(self) -> Text:
        return "action_welcome"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=wording.welcome(default_core().profile),
                                 buttons=_buttons(wording.WELCOME_CHOICES))
        note = _out_of_hours_note()
        if note:
            dispatcher.utter_message(text=note)
        return [SlotSet("out_of_hours", note is not None)]
