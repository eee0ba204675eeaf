"""The REST channel (POST /webhooks/rest/webhook), for the terminal chat and integrations.

Rasa 3.6's own `rest` channel reads `request.json.get(...)`, so a body that is empty, not
JSON, or JSON that is not an object (a list, a number) is a 500; a sender or message of the
wrong type goes on into the dialogue; a client may name any `input_channel` (and so pass a
message off as Facebook's); it has no limit per sender; and when handling fails it logs the
parent's message. This channel keeps Rasa's request and answer (a JSON list of messages) and:

- answers 400 with a plain reason to a body that is not a JSON object, a `sender` that is not
  a short string, a `message` that is not a non-empty string, or `metadata` that is not an
  object; 413 to a message over MAX_MESSAGE characters (refused whole, not cut, so the caller
  still has every word and can send it in parts);
- records every message as coming from `rest`, whatever the body says;
- limits each sender to CHAT_RATE_LIMIT_PER_MINUTE messages a minute (default 20): over it,
  429 with a Retry-After header; the first refused message's answer carries the same kind
  notice the other channels give, asking for the message again in a minute;
- logs a failure by its kind only, never the message, and answers the parent with an apology
  and the office's route instead of nothing.

The REST channel trusts its caller to say who the sender is (a Messenger PSID or a widget
session id would be accepted), so it is never exposed beyond the servers themselves: the
Rasa server listens on 127.0.0.1 by default and deploy/nginx passes only the Messenger webhook
and socket.io to the public side.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from concerns.ratelimit import (DEFAULT_PER_MINUTE, RateLimiter, per_minute_from_environment,
                                rate_limit_notice_from_profile, school_numbers)

log = logging.getLogger(__name__)

# Ten times what Messenger lets a parent send in one message.
MAX_MESSAGE = 20_000
MAX_SENDER = 256
def something_went_wrong() -> str:
    """A crash in one conversation: said plainly, with the office's number and 999."""
    office, emergency = school_numbers()
    return ("Sorry, something went wrong on our side and I couldn't answer that. Please send it again in a "
            f"minute, or phone the school office on {office}. If a child is in danger right now, call {emergency}.")


class BadRequest(Exception):
    """What was wrong with a request, in words its sender can act on."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def read_request(body: bytes) -> tuple[str, str, Optional[dict]]:
    """The sender, the message and the metadata of a REST request body, or BadRequest."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):  # an empty body is not JSON either
        raise BadRequest("The body must be JSON (UTF-8), for example {\"sender\": \"me\", \"message\": \"hello\"}.")
    if not isinstance(payload, dict):
        raise BadRequest("The body must be a JSON object with \"sender\" and \"message\".")
    sender, message, metadata = payload.get("sender"), payload.get("message"), payload.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER \
            or not sender.isprintable():
        raise BadRequest(f"\"sender\" must be a string of 1 to {MAX_SENDER} printable characters.")
    if not isinstance(message, str) or not message.strip():
        raise BadRequest("\"message\" must be a non-empty string.")
    if len(message) > MAX_MESSAGE:
        raise BadRequest(f"\"message\" is longer than {MAX_MESSAGE} characters: nothing was read. "
                         "Please send it in shorter parts.", status=413)
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("\"metadata\", when given, must be a JSON object.")
    return sender, message, metadata


class SafeRestInput(RestInput):
    """Rasa's REST channel with bad requests refused clearly and a limit per sender."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(per_minute_from_environment())

    def __init__(self, per_minute: int = DEFAULT_PER_MINUTE):
        self.limiter = RateLimiter(per_minute)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("safe_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            try:
                sender, text, metadata = read_request(request.body)
            except BadRequest as bad:
                return response.json({"error": bad.reason}, status=bad.status)
            decision = self.limiter.check(sender)
            if not decision.allowed:
                told = [{"recipient_id": sender, "text": rate_limit_notice_from_profile()}] if decision.notify else []
                return response.json(told, status=429,
                                     headers={"Retry-After": str(max(1, round(decision.retry_after)))})
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(self.stream_response(on_new_message, text, sender, self.name(), metadata),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=metadata))
            except Exception as error:  # one conversation's failure must not stop the others
                log.error("a REST message could not be handled (%s)", type(error).__name__)
                collector.messages.append({"recipient_id": sender, "text": something_went_wrong()})
            return response.json(collector.messages)

        return webhook
