"""A message in one of the school's community languages: 999 and the helplines first (in
English: the numbers are the same), then a note in the parent's language on how to reach the
school; if its words say a child may be at risk, an alert for a person to read and translate.

Thin: the reading is concerns/languages.py, the alert the core's filing."""
from __future__ import annotations

import asyncio
import logging
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker_reading import attachments, case_channel, latest_text, transcript
from concerns import languages, wording
from concerns.service import Intake, default_core

log = logging.getLogger(__name__)


class ActionOtherLanguage(Action):
    def name(self) -> Text:
        return "action_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        core = default_core()
        text = latest_text(tracker)
        reading = languages.read(text, core.profile)
        dispatcher.utter_message(text=wording.safeguarding_first_words(core.profile))
        if reading is None:  # the model's label alone: the office, in English
            dispatcher.utter_message(text=wording.out_of_scope(core.profile))
            return []
        dispatcher.utter_message(text=languages.how_to_reach(reading.language, core.profile))
        if not reading.may_be_at_risk:
            return []
        intake = Intake(matter="safeguarding_child", channel=case_channel(tracker), sender_id=tracker.sender_id,
                        opening_text=text, account=text, attachments=attachments(tracker, latest_only=True),
                        transcript=transcript(tracker, latest_only=True))
        try:
            record = await asyncio.to_thread(core.file, intake)
        except Exception as error:
            log.error("could not record an alert for a message in %s (%s)", reading.language.name,
                      type(error).__name__)
            dispatcher.utter_message(text=wording.alert_not_recorded(core.profile))
            return []
        asyncio.create_task(asyncio.to_thread(core.send_now, record["id"]))
        await asyncio.to_thread(core.note_language, record["id"], reading.language.name)
        dispatcher.utter_message(text=languages.alerted(reading.language, core.profile))
        dispatcher.utter_message(text=(f"I've passed your message to our safeguarding lead to have it translated "
                                       f"(reference {record['reference']})."))
        return [SlotSet("case_reference", record["reference"]), SlotSet("category", "safeguarding")]
