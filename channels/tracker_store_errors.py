"""Tracker store failures logged by their kind, never their text.

Rasa wraps its tracker store (here the SQL one) in `FailSafeTrackerStore`, which logs every
failure with the exception's text: for a database error that text quotes the statement and
its parameters, which hold the conversation's events, so a parent's message would be
written to the log whenever the conversations database fails. Here the failure is logged as
the store and the kind of error only, and Rasa carries on as before (the conversation goes
on in the server's memory until the store answers again).

Rasa has no setting for this, so channels/rasa_server.py puts the store in place.
"""
from __future__ import annotations

import logging

import rasa.core.agent
from rasa.core.tracker_store import FailSafeTrackerStore

log = logging.getLogger(__name__)


class KindOnlyFailSafeTrackerStore(FailSafeTrackerStore):
    """Rasa's fail-safe tracker store, logging what failed and how, without the error's text."""

    def on_tracker_store_error(self, error: Exception) -> None:
        if self._on_tracker_store_error:
            self._on_tracker_store_error(error)
            return
        log.error("the tracker store (%s) failed (%s); this server keeps the conversation in memory until "
                  "it answers again", type(self._tracker_store).__name__, type(error).__name__)


def install() -> None:
    """Make the Rasa server (rasa.core.agent wraps its tracker store) use the store above."""
    rasa.core.agent.FailSafeTrackerStore = KindOnlyFailSafeTrackerStore
