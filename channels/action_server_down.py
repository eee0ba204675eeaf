"""What the parent sees when the action server can't be reached: a clear apology, never silence.

Rasa 3.6 logs a failed custom action and carries on as if it had said nothing, so a parent
on Messenger or the website would be left waiting for a reply that never comes. Here the
Rasa server's message processor wraps every call to the action server (custom actions and
the case form, whose checks run there). When one fails, the parent is told, on whatever
channel they use, that something is wrong on our side, that what they wrote is kept, and
the school office's phone number; if a child may be at risk, "call 999" comes first. The
turn then ends, so one failure gives one apology, not one per action.

Nothing else changes: the parent's message is in the tracker store as usual, and the form
keeps the question it was asking, so once the action server is back the parent's next
message answers that same question.

Rasa has no setting for this, so `make run` starts the Rasa server through this module
(`python -m channels.action_server_down run ...`, the same arguments as `rasa run`), which
puts the processor below in place and then runs Rasa's own command line.
"""
from __future__ import annotations

import logging
import sys
from functools import lru_cache
from typing import Any, List

import rasa.core.agent
from rasa.core.actions.action import Action, ActionExecutionRejection, RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, Event, FollowupAction

from concerns import wording
from concerns.profile import SchoolProfile, load_profile
from concerns.settings import Settings
from concerns.triage import SAFEGUARDING_MATTERS

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _profile() -> SchoolProfile:
    # Checked by `make run` before the Rasa server starts, so it loads here too.
    return load_profile(Settings().school_profile)


class ApologiseIfUnreachable(Action):
    """Runs one action that needs the action server; if that fails, the parent is told so."""

    def __init__(self, action: Action):
        self._action = action

    def name(self) -> str:
        return self._action.name()

    def event_for_successful_execution(self, prediction: Any) -> Event:
        return self._action.event_for_successful_execution(prediction)

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:
        try:
            return await self._action.run(output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # the form stepping aside for a rule: normal, not a failure
        except Exception as error:
            # The action's name and the kind of error only: nothing the parent wrote.
            log.warning("action %s failed (%s); the parent was told and the turn ended",
                        self.name(), type(error).__name__)
            intent = ((tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None)
            at_risk = intent in SAFEGUARDING_MATTERS or tracker.get_slot("category") == "safeguarding"
            # Listening next ends the turn: the rest of it would need the action server too.
            return [BotUttered(text=wording.assistant_unavailable(_profile(), at_risk)),
                    FollowupAction(ACTION_LISTEN_NAME)]


class ApologisingMessageProcessor(MessageProcessor):
    """Rasa's message processor, except that a failed call to the action server is told
    to the parent instead of being passed over in silence."""

    async def _run_action(self, action, tracker, output_channel, nlg, prediction) -> bool:
        if isinstance(action, (RemoteAction, FormAction)):
            action = ApologiseIfUnreachable(action)
        return await super()._run_action(action, tracker, output_channel, nlg, prediction)


def install() -> None:
    """Make the Rasa server (rasa.core.agent builds the processor) use the processor above."""
    rasa.core.agent.MessageProcessor = ApologisingMessageProcessor


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
