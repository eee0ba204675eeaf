"""Safeguarding never switches off: a paused conversation still answers danger.

When staff take a conversation over, or a parent is handed to a person, Rasa pauses it: the
parent's messages are understood and stored, but no action runs, so "he's hurting her now"
would get no answer at all. Here the Rasa server's message processor checks every message
of a paused conversation with the same understanding as any other (the model and the
safeguarding net of concerns/safety.py). On a signal it runs one action,
`action_paused_safeguarding`: 999 and the helplines to the parent, an alert to the
safeguarding lead, and the message marked for the staff member in the console
(concerns/transcript.py). The conversation stays paused and nothing else in it changes.
Every message of a paused conversation also has its files given to the conversation's open
case, or kept with the conversation (channels/paused_files.py), since no action does it then.

Rasa has no setting for this, so channels/rasa_server.py puts the processor in place.
"""
from __future__ import annotations

import logging

import rasa.core.agent
from rasa.core.actions.action import action_for_name_or_text
from rasa.core.policies.policy import PolicyPrediction
from rasa.shared.core.events import ActionExecuted

from channels.action_server_down import ApologisingMessageProcessor
from channels.paused_files import file_paused_message_files
from concerns.transcript import PAUSED_ALERT_ACTION
from concerns.triage import SAFEGUARDING_MATTERS

log = logging.getLogger("channels.paused_safeguarding")
RULE_NAME = "paused_safeguarding"


def signals_danger(parse_data: dict | None) -> bool:
    """Does this understood message say a child may be at risk? Also when the understanding would
    have asked first ("Are you worried a child may be at risk?": the fallback, with a safeguarding
    reading first): a paused conversation cannot ask, and unasked, no answer alerts all the same."""
    parse_data = parse_data or {}
    intent = (parse_data.get("intent") or {}).get("name")
    if intent in SAFEGUARDING_MATTERS:
        return True
    readings = [r.get("name") for r in parse_data.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    return intent == "nlu_fallback" and bool(readings) and readings[0] in SAFEGUARDING_MATTERS


class WatchfulMessageProcessor(ApologisingMessageProcessor):
    """Rasa's processor (with the apology when the action server is down), which also
    answers a safeguarding signal in a paused conversation."""

    async def _run_prediction_loop(self, output_channel, tracker) -> None:
        message = tracker.latest_message
        paused = tracker.is_paused() and message is not None
        if paused and signals_danger(message.parse_data):
            # The kind of event only: nothing the parent wrote.
            log.info("a safeguarding signal in a paused conversation: the alert action runs")
            action = action_for_name_or_text(PAUSED_ALERT_ACTION, self.domain, self.action_endpoint)
            prediction = PolicyPrediction.for_action_name(self.domain, PAUSED_ALERT_ACTION, RULE_NAME)
            await self._run_action(action, tracker, output_channel, self.nlg, prediction)
            # Listening again, as after any answer; the conversation is still paused.
            tracker.update(ActionExecuted("action_listen"))
            await file_paused_message_files(tracker)
            return
        if paused:
            # No action runs while paused: a file sent now goes to the open case here
            # (channels/paused_files.py), or stays with the conversation for staff.
            await file_paused_message_files(tracker)
        # Rasa's own loop: it does nothing while paused, except for a restart.
        await super()._run_prediction_loop(output_channel, tracker)


def install() -> None:
    """Make the Rasa server (rasa.core.agent builds the processor) use the processor above."""
    rasa.core.agent.MessageProcessor = WatchfulMessageProcessor
