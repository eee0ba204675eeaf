"""What the parent sees when the action server can't be reached: a clear apology, never silence.

Rasa 3.6 logs a failed custom action and carries on as if it had said nothing, so a parent
on Messenger or the website would be left waiting for a reply that never comes. Here the
Rasa server's message processor wraps every call to the action server (custom actions and
the case form, whose checks run there). When one fails, the parent is told, on whatever
channel they use, that something is wrong on our side, that what they wrote is kept, and
the school office's phone number; if a child may be at risk, "call 999" comes first. The
turn then ends, so one failure gives one apology, not one per action.

Nothing the parent wrote is lost: their message stays in the tracker store. The turn is
rewound, so the conversation is where it was before that message (the form still asking the
same question, the summary still waiting for "yes"), and sending it again once the action
server is back carries on from there.

Rasa has no setting for this, so the Rasa server is started through channels/rasa_server.py,
which puts the processor below in place before Rasa's own command line runs.
"""
from __future__ import annotations

import logging
from typing import Any, List

import rasa.core.agent
from rasa.core.actions.action import Action, ActionExecutionRejection, ActionSessionStart, RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import (ActionExecuted, BotUttered, Event, FollowupAction, UserUttered,
                                      UserUtteranceReverted)

from concerns import wording
from concerns.profile import profile_in_use
from concerns.triage import SAFEGUARDING_MATTERS

log = logging.getLogger("channels.action_server_down")


class _Wrapping(Action):
    """Stands in for one action (its name, its success event) and runs it in `run`."""

    def __init__(self, action: Action):
        self._action = action

    def name(self) -> str:
        return self._action.name()

    def event_for_successful_execution(self, prediction: Any) -> Event:
        return self._action.event_for_successful_execution(prediction)


class ApologiseIfUnreachable(_Wrapping):
    """Runs one action that needs the action server; if that fails, the parent is told so."""

    def __init__(self, action: Action, rewind: bool):
        super().__init__(action)
        # Whether a failure sets the whole turn aside (see run); one instance per call.
        self.rewind = rewind
        self.failed = False

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:
        try:
            return await self._action.run(output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # the form stepping aside for a rule: normal, not a failure
        except Exception as error:
            self.failed = True
            # The action's name and the kind of error only: nothing the parent wrote.
            log.warning("action %s failed (%s); the parent was told and the turn ended",
                        self.name(), type(error).__name__)
            intent = ((tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None)
            at_risk = intent in SAFEGUARDING_MATTERS or tracker.get_slot("category") == "safeguarding"
            events: List[Event] = [BotUttered(text=wording.assistant_unavailable(profile_in_use(), at_risk))]
            if self.rewind:
                # Rasa's rewind: the conversation is back where it was before the message, so
                # sent again once the action server is back, it is understood just as it would
                # have been (an answer to the form's question, "yes" to the summary). It stays
                # in the tracker store, and in the case's transcript, all the same.
                events.append(UserUtteranceReverted())
            # Listening next ends the turn: the rest of it would need the action server too.
            return events + [FollowupAction(ACTION_LISTEN_NAME)]


class StartEvenIfUnreachable(_Wrapping):
    """Starts a conversation with the action server's session start (which shows the school's
    notices); if that can't be reached, with Rasa's own, so the conversation still starts and
    the parent's message is answered (or apologised for) once, as any other."""

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:
        try:
            return await self._action.run(output_channel, nlg, tracker, domain)
        except Exception as error:
            log.warning("%s failed (%s); the conversation starts without the school's notices",
                        self.name(), type(error).__name__)
            return await ActionSessionStart().run(output_channel, nlg, tracker, domain)


def _first_action_of_the_turn(tracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


class ApologisingMessageProcessor(MessageProcessor):
    """Rasa's message processor, except that a failed call to the action server is told
    to the parent instead of being passed over in silence."""

    async def _run_action(self, action, tracker, output_channel, nlg, prediction) -> bool:
        if isinstance(action, RemoteAction) and action.name() == ACTION_SESSION_START_NAME:
            action = StartEvenIfUnreachable(action)
        elif isinstance(action, (RemoteAction, FormAction)):
            # Only a turn in which nothing has run yet is rewound: once the form has run in
            # this turn, Rasa folds the turn's message into it, and a rewind would go back
            # further than the parent's last message.
            action = ApologiseIfUnreachable(action, rewind=_first_action_of_the_turn(tracker))
        return await super()._run_action(action, tracker, output_channel, nlg, prediction)

    def _log_action_on_tracker(self, tracker, action, events, prediction) -> None:
        if isinstance(action, ApologiseIfUnreachable) and action.failed and action.rewind:
            # Not recorded as run (that would fold a form's turn away before the rewind):
            # only the apology, the rewind and the listen that ends the turn.
            tracker.update_with_events(events, self.domain)
            return
        super()._log_action_on_tracker(tracker, action, events, prediction)


def install() -> None:
    """Make the Rasa server (rasa.core.agent builds the processor) use the processor above."""
    rasa.core.agent.MessageProcessor = ApologisingMessageProcessor
