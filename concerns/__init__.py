"""The school concerns core: profile, triage, calendar, case store, outbox.

Nothing here imports Rasa or Sanic, so the rules are tested on their own and the
console and the action server share them.
"""
