"""Everyday enquiries, thanks, and the school's notices: answered from the profile, never a case.

Thin: the answers are built in concerns/enquiries.py and concerns/thanks.py."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import drop_unsent_case, heard_contact_hint_outside_a_case, reply_at_the_summary
from actions.tracker_reading import latest_text
from concerns import wording
from concerns.service import default_core

log = logging.getLogger(__name__)


class ActionAnswerEnquiry(Action):
    """Answers an everyday question (times, term dates, absence, contacts, the school's own
    topics) from the profile; anything else gets the office's phone, email and hours."""

    def name(self) -> Text:
        return "action_answer_enquiry"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            # "yes, but don't ring, he'll be home", "oh wait, she's in Mrs Shah's class": read as
            # a question by the model, but about the details waiting to be sent
            return at_the_summary
        core = default_core()
        topic = next(tracker.get_latest_entity_values("topic"), None)
        answer = await asyncio.to_thread(core.answer_enquiry, latest_text(tracker), topic)
        dispatcher.utter_message(text=answer.text)
        await heard_contact_hint_outside_a_case(dispatcher, tracker)
        return [SlotSet("enquiry_topic", answer.topic)] + drop_unsent_case(dispatcher, tracker)


class ActionPassOnThanks(Action):
    """Thanks the parent warmly and passes the thanks to the staff named (no case)."""

    def name(self) -> Text:
        return "action_pass_on_thanks"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            return at_the_summary  # "sorry, it wasn't Mrs Carter, it was Mrs Whitfield": not thanks
        core = default_core()
        try:
            names = await asyncio.to_thread(core.pass_on_thanks, latest_text(tracker))
            passed = core.profile.pass_on_thanks
        except Exception:  # the thanks is not lost on the parent: they are still thanked
            log.exception("thanks could not be queued")
            names, passed = [], False
        dispatcher.utter_message(text=wording.thanks_received(names, passed))
        return [SlotSet("enquiry_topic", "thanks")] + drop_unsent_case(dispatcher, tracker)


class ActionSessionStart(Action):
    """Starts each conversation, showing the school's current notices first (for example
    "closed today because of snow") until they expire."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        try:
            notices = await asyncio.to_thread(default_core().notices)
        except Exception:  # a notice must never stop a conversation starting
            log.exception("notices could not be read")
            notices = []
        for text in notices:
            dispatcher.utter_message(text=wording.notice(text))
        events: List[Dict[str, Any]] = [SessionStarted()]
        events.append(ActionExecuted("action_listen"))
        return events
