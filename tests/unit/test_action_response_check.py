"""The Rasa server checks every action server answer against Rasa's schema, as before, but
without re-checking the schema itself on each answer (the speed fix in bench/RESULTS.md)."""
from __future__ import annotations

import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from channels import action_response_check

ANSWER = {"events": [{"event": "slot", "name": "child_name", "value": "Kai"}],
          "responses": [{"text": "Thank you. Which class is Kai in?"}]}


def test_a_valid_answer_passes_as_with_rasas_own_check():
    jsonschema.validate(ANSWER, RemoteAction.action_response_format_spec())
    assert action_response_check.check_action_response(None, ANSWER) is True


@pytest.mark.parametrize("answer", [
    {"events": {"event": "slot"}},                 # events must be a list
    {"events": [{"name": "child_name"}]},          # an event needs its type
    {"responses": "Thank you"},                    # responses must be a list
])
def test_a_malformed_answer_fails_as_with_rasas_own_check(answer):
    with pytest.raises(ValidationError) as rasas:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response") as ours:
        action_response_check.check_action_response(None, answer)
    assert ours.value.path == rasas.value.path and ours.value.validator == rasas.value.validator


def test_the_schema_is_not_checked_again_for_each_answer(monkeypatch):
    checks = []
    checker_class = type(action_response_check._ACTION_RESPONSE)
    monkeypatch.setattr(checker_class, "check_schema", classmethod(lambda cls, schema: checks.append(schema)))
    for _ in range(5):
        action_response_check.check_action_response(None, ANSWER)
    assert checks == []


def test_install_puts_the_check_in_place_for_every_remote_action(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    action_response_check.install()
    with pytest.raises(ValidationError):
        RemoteAction("action_triage", None)._validate_action_result({"events": "none"})
