"""Checks each answer from the action server against Rasa's schema, without re-checking the
schema itself every time.

Rasa 3.6 calls `jsonschema.validate(answer, schema)` for every answer from the action server,
and that function first validates the schema against JSON Schema's own meta-schema. Under
load that meta-check was 41% of the Rasa server's time (py-spy, 20 concurrent conversations;
bench/RESULTS.md). Here the schema is checked once, when the Rasa server starts, and each
answer is still checked in full against it, failing with the same error as before.
"""
from __future__ import annotations

from typing import Any, Dict

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


def _checker():
    schema = RemoteAction.action_response_format_spec()
    checker_class = validator_for(schema)
    checker_class.check_schema(schema)  # what jsonschema.validate did on every call, now once
    return checker_class(schema)


_ACTION_RESPONSE = _checker()


def check_action_response(_action: RemoteAction, result: Dict[str, Any]) -> bool:
    """Same outcome as Rasa's own check: True, or the most relevant ValidationError."""
    error = best_match(_ACTION_RESPONSE.iter_errors(result))
    if error is not None:
        error.message += (". Failed to validate Action server response from API, make sure your response "
                          f"from the Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def install() -> None:
    """Make every RemoteAction (custom actions and form validation) use the check above."""
    RemoteAction._validate_action_result = check_action_response


__all__ = ["install", "check_action_response", "ValidationError"]
