"""A message in one of the school's community languages: 999 and the helplines first (in
English: the numbers are the same), then a note in the parent's language on how to reach the
school; if its words say a child may be at risk, an alert for a person to read and translate.

Thin: the reading is concerns/languages.py, the alert the core's filing."""
from __future__ import annotations

import asyncio
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import file_alert_for_latest_message
from actions.tracker_reading import latest_text
from concerns import languages, wording
from concerns.service import default_core


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
        filed = await file_alert_for_latest_message(core, tracker, "safeguarding_child", dispatcher,
                                                    f"for a message in {reading.language.name}")
        if filed is None:
            return []
        record, _ = filed
        await asyncio.to_thread(core.note_language, record["id"], reading.language.name)
        dispatcher.utter_message(text=languages.alerted(reading.language, core.profile))
        dispatcher.utter_message(text=(f"I've passed your message to our safeguarding lead to have it translated "
                                       f"(reference {record['reference']})."))
        return [SlotSet("case_reference", record["reference"]), SlotSet("category", "safeguarding")]
