""""Who do I complain to?": only the route asked about, then the offer to make the complaint.

Thin: who reads a complaint is concerns/triage.py's; the words are concerns/wording.py's."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import reply_at_the_summary
from actions.tracker_reading import latest_text
from concerns import wording
from concerns.service import default_core
from concerns.triage import complaint_named_by, names_someone, triage


class ActionWhoToComplainTo(Action):
    """Names the route for the person the parent asks about ("who do I complain to about the
    head?": the Chair of Governors), or asks who it is about; either way a button makes the
    complaint now. In the middle of a case, the answer alone, and the case goes on."""

    def name(self) -> Text:
        return "action_who_to_complain_to"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        at_the_summary = reply_at_the_summary(dispatcher, tracker)
        if at_the_summary:
            return at_the_summary
        profile = default_core().profile
        text = latest_text(tracker)
        in_a_case = bool(tracker.active_loop.get("name"))
        if text.startswith("/") or not names_someone(text, profile):
            dispatcher.utter_message(text=wording.WHO_TO_COMPLAIN_TO, buttons=[] if in_a_case else [
                {"title": title, "payload": payload} for title, payload in wording.COMPLAINT_ROUTE_CHOICES])
            return []
        result = triage(complaint_named_by(text, profile), profile, text=text)
        answer = wording.explain_channel(result.matter, text, profile, result.routed_to)
        if in_a_case:
            dispatcher.utter_message(text=answer)
            return []
        # The button's payload is read with the question's words (actions.ASKED_TO_CHOOSE), so
        # "the head and the chair" still goes to the Clerk.
        dispatcher.utter_message(text=f"{answer} {wording.MAKE_THE_COMPLAINT_NOW}", buttons=[
            {"title": "Make the complaint", "payload": "/complain_school"}, {"title": "Not now", "payload": "/deny"}])
        return []
