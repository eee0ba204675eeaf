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
session id would be accepted), so it is never exposed beyond the servers themselves. The Rasa
server listens on 127.0.0.1 by default, and deploy/nginx passes only the Messenger webhook and
socket.io to the public side. But in production the Rasa server listens on a private address so
that nginx can reach Messenger and socket.io, and the REST channel is served by the same server:
so it answers only connections from the addresses in REST_ALLOWED_PEERS (default: loopback),
and 403 to any other. It looks at the connection's own address, never at X-Forwarded-For;
behind nginx that is nginx's address (deploy/concerns.env.example).

A sender id longer than the cases database keeps (channels/senders.py) is refused with 400,
not answered and then lost when the parent's case cannot be filed under it.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel, RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from channels.senders import (LOOPBACK_ONLY, SENDER_ID_MAX, Network, peer_is_allowed, peer_networks,
                              rest_peers_from_environment, sender_id_problem)
from concerns.ratelimit import (DEFAULT_PER_MINUTE, RateLimiter, per_minute_from_environment,
                                rate_limit_notice_from_profile, school_numbers)

log = logging.getLogger(__name__)

# Ten times what Messenger lets a parent send in one message.
MAX_MESSAGE = 20_000
MAX_SENDER = SENDER_ID_MAX
NOT_ALLOWED_HERE = ("The REST channel answers only the servers' own side (REST_ALLOWED_PEERS); "
                    "parents reach the assistant through Messenger or the website's chat.")


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
    problem = sender_id_problem(sender)
    if problem:
        raise BadRequest(f"\"sender\" {problem}.")
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
        return cls(per_minute_from_environment(), rest_peers_from_environment())

    def __init__(self, per_minute: int = DEFAULT_PER_MINUTE,
                 allowed_peers: Optional[list[Network]] = None):
        self.limiter = RateLimiter(per_minute)
        self.allowed_peers = peer_networks(LOOPBACK_ONLY) if allowed_peers is None else allowed_peers

    @staticmethod
    async def handle(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> None:
        """Hands the message to the dialogue; if that fails, the parent gets an apology with the
        office's number and the log gets the kind of failure only: an exception's text can
        quote the parent's words (a database error quotes the row it could not write)."""
        try:
            await on_new_message(message)
        except Exception as error:  # one conversation's failure must not stop the others
            log.error("a REST message could not be handled (%s)", type(error).__name__)
            await message.output_channel.send_text_message(message.sender_id, something_went_wrong())

    async def on_message_wrapper(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text,
                                 queue: Any, sender_id: Text, input_channel: Text,
                                 metadata: Optional[Dict[Text, Any]]) -> None:
        """The streamed answer (`?stream=true`): as Rasa's, but a failure is apologised for and
        the stream ends, where Rasa's would log the parent's words and never end."""
        collector = QueueOutputChannel(queue)
        await self.handle(on_new_message, UserMessage(text, collector, sender_id, input_channel=input_channel,
                                                      metadata=metadata))
        await queue.put("DONE")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("safe_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            if not peer_is_allowed(request.ip, self.allowed_peers):
                log.warning("a REST request from an address not in REST_ALLOWED_PEERS was refused")
                return response.json({"error": NOT_ALLOWED_HERE}, status=403)
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
            await self.handle(on_new_message, UserMessage(text, collector, sender, input_channel=self.name(),
                                                          metadata=metadata))
            return response.json(collector.messages)

        return webhook
