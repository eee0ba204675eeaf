"""Facebook Messenger, done properly: the school's Facebook page talks to the assistant.

Rasa 3.6's built-in `facebook` channel answers 200 to forged bodies, checks only the
SHA-1 signature, handles only the first event of a batch and the first attachment, raises
on `standby` entries and calls a fixed Graph API version with no timeout. This channel:

- verifies the webhook subscription (hub.mode, hub.verify_token) and answers 403 otherwise;
- checks X-Hub-Signature-256 (or X-Hub-Signature where only that is sent) over the raw
  body in constant time, and answers 403 to a missing or wrong signature;
- handles every event of a batched delivery, in order, each on its own so one failing
  conversation does not stop the others; ignores echoes, reads, deliveries and standby;
- keeps every attachment a parent sends (a screenshot of a post is evidence) in the
  message metadata, from where it goes onto the case; an image or a PDF is fetched at once
  from Meta's link, which expires, into the case store (channels/attachment_files.py: at most
  EVIDENCE_MAX_BYTES, kinds judged by the bytes, ATTACHMENT_FETCH_TIMEOUT seconds), and a
  file refused is named on the message while the parent is told why and their words go on;
  nothing is fetched beside words about a nude or semi-nude image of a child;
- answers the Get Started button with the assistant's welcome;
- sends through the Graph API with a timeout, a configurable version and base URL, within
  Messenger's limits (text under 2,000 characters, 13 quick replies of 20 characters);
- refuses replays: a correctly signed body can be captured and sent again, so a body or a
  message id (`mid`) already handled is not handled twice (concerns/ratelimit.py keeps them,
  in Redis when REDIS_URL is set), and an event older than MESSENGER_MAX_EVENT_AGE_HOURS
  (default 24: Meta allows no automated reply later than that anyway) is not handled at all;
- marks an event seen only once it has been handled: while it is handled its key is claimed
  (for MESSENGER_HANDLING_HOLD_SECONDS, default 120, so a server that dies mid-batch leaves
  nothing stuck), and an event that fails, or is still held by another delivery, makes the
  answer a 503, so Meta delivers the body again; the events handled before are then
  recognised and not handled twice. At the MESSENGER_MAX_TRIES-th failed delivery (default
  3) the parent gets an apology with the office's phone and 999 instead, and Meta a 200;
- tells the office, by email through the outbox and at most once a day for each parent, when
  an answer (or that apology) is still not taken by Messenger after the Graph API client's
  tries: the event itself is not handed back to Meta, as its turn has been taken;
- limits each parent (PSID) to CHAT_RATE_LIMIT_PER_MINUTE messages a minute (default 20);
  the first message over it is answered with a kind notice asking them to send it again.

Refused events (too old, replayed, over the limit) get 200: Meta retries any other answer
and disables a webhook that keeps failing, and a retry of something already handled must be
acknowledged, not redone. Only an event that may yet be handled gets a retry.

Secrets come from the environment: FB_APP_SECRET, FB_VERIFY_TOKEN, FB_PAGE_ACCESS_TOKEN.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import time
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.attachment_files import DEFAULT_FETCH_TIMEOUT_SECONDS, keep_attachments
from channels.graph_api import GraphAPI, split_text
from channels.rest import something_went_wrong
from concerns.evidence import max_bytes_from_environment, refusal_words
from concerns.evidence_store import EvidenceStore
from concerns.notifier import answer_not_delivered_email
from concerns.profile import profile_in_use
from concerns.settings import Settings
from concerns.store import CaseStore
from concerns.ratelimit import (CLAIMED, DEFAULT_PER_MINUTE, DONE, HANDLING, RateLimiter, per_minute_from_environment,
                               rate_limit_notice_from_profile, seen_set)

log = logging.getLogger(__name__)

QUICK_REPLY_LIMIT = 13
QUICK_REPLY_TITLE_LIMIT = 20
BUTTON_TEMPLATE_LIMIT = 3
GET_STARTED = "GET_STARTED"
# An attachment sent on its own still reaches the dialogue, as this intent.
ATTACHMENT_ONLY = "/share_attachment"
# Meta sends at most 2,000 characters and a handful of attachments; anything beyond these
# bounds did not come from a parent's phone, and is cut so that it cannot slow everyone down.
MAX_TEXT = 10000
MAX_ATTACHMENTS = 100
MAX_FIELD = 2048
DEFAULT_MAX_EVENT_AGE_HOURS = 24.0
CLOCK_SKEW = 600  # seconds by which Meta's clock and ours may disagree
# How long an event is held by the server handling it: a turn takes seconds; a claim left by a
# server that died lapses after this, and Meta's next delivery of the event is handled.
DEFAULT_HANDLING_HOLD_SECONDS = 120.0
# Deliveries of one failing event before the parent is told instead (Meta keeps retrying a
# webhook that fails, for hours, and disables one that keeps failing).
DEFAULT_MAX_TRIES = 3
HANDLED, APOLOGISED, RETRY = "handled", "apologised", "retry"


def fit_title(title: str, limit: int = QUICK_REPLY_TITLE_LIMIT) -> str:
    title = " ".join(str(title).split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def quick_replies(buttons: Iterable[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Buttons as Messenger quick replies, within its limits (13, titles of 20)."""
    replies = []
    for button in buttons:
        payload = button.get("payload") or button.get("title")
        if not payload or button.get("url"):
            continue
        replies.append({"content_type": "text", "title": fit_title(button.get("title", payload)),
                        "payload": str(payload)[:1000]})
    return replies[:QUICK_REPLY_LIMIT]


def signature_is_valid(secret: str, body: bytes, sha256_header: str, sha1_header: str) -> bool:
    """Constant-time check of Meta's HMAC over the raw body; SHA-256 when it is sent."""
    if not secret:
        return False
    if sha256_header:
        algorithm, _, given = sha256_header.partition("=")
        if algorithm != "sha256":
            return False
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    elif sha1_header:
        algorithm, _, given = sha1_header.partition("=")
        if algorithm != "sha1":
            return False
        expected = hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    else:
        return False
    return hmac.compare_digest(expected, given.strip().lower())


class MessengerOutput(OutputChannel):
    """Sends the assistant's replies to a parent on Messenger."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    def __init__(self, graph: GraphAPI):
        self.graph = graph
        # Why each answer of this turn that Messenger did not take was not delivered (after the
        # Graph API client's tries): the channel tells staff once the turn is over.
        self.undelivered: List[str] = []

    async def _send(self, recipient_id: Text, message: Dict[str, Any], tag: Optional[str] = None) -> None:
        delivery = await self.graph.send(recipient_id, message, tag=tag)
        if not delivery:
            self.undelivered.append(delivery.reason)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for piece in split_text(text):
            await self._send(recipient_id, {"text": piece})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        links = [b for b in buttons if b.get("url")]
        choices = quick_replies(buttons)
        pieces = split_text(text)
        for piece in pieces[:-1]:
            await self._send(recipient_id, {"text": piece})
        if links:
            await self._send(recipient_id, {"attachment": {"type": "template", "payload": {
                "template_type": "button", "text": pieces[-1][:640],
                "buttons": [{"type": "web_url", "url": b["url"], "title": fit_title(b.get("title", "Open"))}
                            for b in links[:BUTTON_TEMPLATE_LIMIT]]}}})
            if choices:
                await self._send(recipient_id, {"text": "Choose one:", "quick_replies": choices})
            return
        message: Dict[str, Any] = {"text": pieces[-1]}
        if choices:
            message["quick_replies"] = choices
        await self._send(recipient_id, message)

    async def send_quick_replies(self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]],
                                 **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self._send(recipient_id, {"attachment": {"type": "image", "payload": {"url": image}}})

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """Custom messages; a staff reply sent more than 24 hours after the parent's last
        message comes here with {"text": ..., "tag": "HUMAN_AGENT"} (Meta's policy)."""
        message = dict(json_message)
        tag = message.pop("tag", None)
        message.pop("staff_reply", None)  # the console's own id for a staff reply
        recipient = message.pop("recipient_id", recipient_id)
        if "text" in message and set(message) == {"text"}:
            for piece in split_text(message["text"]):
                await self._send(recipient, {"text": piece}, tag=tag)
        else:
            await self._send(recipient, message, tag=tag)


def _attachments(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every attachment in a message, each as {type, url, title}: evidence is never dropped."""
    kept = []
    items = message.get("attachments")
    for item in items[:MAX_ATTACHMENTS] if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        payload = item.get("payload") if isinstance(item.get("payload"), dict) else {}
        url = payload.get("url") or item.get("url") or item.get("URL")
        coordinates = payload.get("coordinates")
        if not url and isinstance(coordinates, dict):
            url = f"geo:{coordinates.get('lat')},{coordinates.get('long')}"
        kept.append({"type": str(item.get("type") or "file")[:MAX_FIELD], "url": str(url or "")[:MAX_FIELD],
                     "title": str(item.get("title") or payload.get("title") or "")[:MAX_FIELD]})
    return kept


def message_from_event(event: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """What a webhook event says to the assistant: sender, text and metadata, or None for
    events that carry nothing from the parent (echoes, reads, deliveries, opt-ins...)."""
    sender = (event.get("sender") or {}).get("id") if isinstance(event.get("sender"), dict) else None
    if sender is None:
        return None
    message = event.get("message")
    postback = event.get("postback")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        attachments = _attachments(message)
        text = message.get("text") if isinstance(message.get("text"), str) else ""
        quick = (message.get("quick_reply") or {}).get("payload") if isinstance(message.get("quick_reply"), dict) \
            else None
        if isinstance(quick, str) and quick.startswith("/"):
            text = quick
        if not text.strip():
            if not attachments:
                return None
            text = ATTACHMENT_ONLY
        mid = message.get("mid")
        return {"sender": str(sender), "text": text[:MAX_TEXT],
                "metadata": {"attachments": attachments, "mid": mid if isinstance(mid, str) else None}}
    if isinstance(postback, dict):
        payload = postback.get("payload")
        if payload == GET_STARTED or not isinstance(payload, str):
            text = "/greet"
        elif payload.startswith("/"):
            text = payload
        else:
            text = str(postback.get("title") or payload)
        return {"sender": str(sender), "text": text[:MAX_TEXT], "metadata": {"postback": True}}
    return None


def _digest(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()


def replay_key(event: Dict[str, Any]) -> str:
    """What identifies an event across deliveries: its message id, else the event itself."""
    for kind in ("message", "postback"):  # Meta gives both a message id (`mid`)
        body = event.get(kind)
        mid = body.get("mid") if isinstance(body, dict) else None
        if isinstance(mid, str) and mid:
            return "mid:" + _digest(mid)
    return "event:" + _digest(json.dumps(event, sort_keys=True, default=str))


def event_age_seconds(event: Dict[str, Any], now: float) -> Optional[float]:
    """How long ago Meta says the event happened (its `timestamp`, in ms), or None if it
    does not say."""
    stamp = event.get("timestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)):
        return None
    return now - stamp / 1000.0


class MessengerInput(InputChannel):
    """The webhook Meta calls for the school's Facebook page: /webhooks/facebook/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(
            app_secret=os.environ.get("FB_APP_SECRET", ""),
            verify_token=os.environ.get("FB_VERIFY_TOKEN", ""),
            page_token=os.environ.get("FB_PAGE_ACCESS_TOKEN", ""),
            graph_base=os.environ.get("GRAPH_API_BASE", "https://graph.facebook.com"),
            graph_version=os.environ.get("GRAPH_API_VERSION", "v26.0"),
            graph_timeout=float(os.environ.get("GRAPH_API_TIMEOUT", "10")),
            graph_attempts=int(os.environ.get("GRAPH_API_ATTEMPTS", "") or 0) or None,
            max_event_age_hours=float(os.environ.get("MESSENGER_MAX_EVENT_AGE_HOURS", "")
                                      or DEFAULT_MAX_EVENT_AGE_HOURS),
            per_minute=per_minute_from_environment(),
            handling_hold_seconds=float(os.environ.get("MESSENGER_HANDLING_HOLD_SECONDS", "")
                                        or DEFAULT_HANDLING_HOLD_SECONDS),
            max_tries=int(os.environ.get("MESSENGER_MAX_TRIES", "") or DEFAULT_MAX_TRIES),
            fetch_timeout=float(os.environ.get("ATTACHMENT_FETCH_TIMEOUT", "") or DEFAULT_FETCH_TIMEOUT_SECONDS),
            max_file_bytes=max_bytes_from_environment(),
        )

    def __init__(self, app_secret: str, verify_token: str, page_token: str, graph_base: str,
                 graph_version: str, graph_timeout: float = 10.0,
                 max_event_age_hours: float = DEFAULT_MAX_EVENT_AGE_HOURS, per_minute: int = DEFAULT_PER_MINUTE,
                 clock: Callable[[], float] = time.time, handling_hold_seconds: float = DEFAULT_HANDLING_HOLD_SECONDS,
                 max_tries: int = DEFAULT_MAX_TRIES, graph_attempts: Optional[int] = None,
                 fetch_timeout: float = DEFAULT_FETCH_TIMEOUT_SECONDS, max_file_bytes: Optional[int] = None,
                 evidence: Optional[EvidenceStore] = None, cases: Optional[CaseStore] = None):
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.graph = GraphAPI(page_token, graph_base, graph_version, graph_timeout,
                              **({"attempts": graph_attempts} if graph_attempts else {}))
        self.handling_hold = handling_hold_seconds
        self.max_tries = max(1, max_tries)
        self.max_event_age = max_event_age_hours * 3600
        self.clock = clock
        # Anything younger than the age limit may come again, so it is remembered that long
        # (plus the clocks' disagreement); anything older is refused by its age.
        self.seen = seen_set(self.max_event_age + CLOCK_SKEW)
        self.limiter = RateLimiter(per_minute)
        self.fetch_timeout = fetch_timeout
        self.max_file_bytes = max_file_bytes or max_bytes_from_environment()
        self._evidence = evidence
        self._cases = cases
        if not (app_secret and verify_token and page_token):
            log.info("Messenger is not configured (FB_APP_SECRET, FB_VERIFY_TOKEN, FB_PAGE_ACCESS_TOKEN); "
                     "its webhook refuses every request")

    def get_output_channel(self) -> OutputChannel:
        return MessengerOutput(self.graph)

    @property
    def cases(self) -> CaseStore:
        """The case store (opened at first use): kept files, and mail to staff."""
        if self._cases is None:
            self._cases = CaseStore(Settings().database_url)
        return self._cases

    @property
    def evidence(self) -> EvidenceStore:
        """Where fetched files are kept: the case store."""
        if self._evidence is None:
            self._evidence = EvidenceStore(self.cases.engine)
        return self._evidence

    async def _tell_staff_not_delivered(self, sender: str, reason: str) -> None:
        """An answer Messenger did not take (after the Graph API client's tries): the office is
        emailed, through the outbox, at most once a day for each parent (the seen-set
        remembers it, in Redis when REDIS_URL is set). The event is not handed back to Meta:
        its turn has been taken, and taking it again would answer the parent twice."""
        log.error("an answer to a parent on Messenger was not delivered; telling the office")
        key = f"not-delivered:{sender}"
        if await self._seen(lambda k: self.seen.claim(k, self.handling_hold), key, CLAIMED) != CLAIMED:
            return
        try:
            await asyncio.to_thread(self._queue_not_delivered_mail, sender, reason)
        except Exception as error:  # the case store away: the next answer not delivered tries again
            log.error("the office could not be told of an answer not delivered (%s)", type(error).__name__)
            await self._seen(self.seen.release, key, None)
            return
        await self._seen(self.seen.finish, key, None)

    def _queue_not_delivered_mail(self, sender: str, reason: str) -> None:
        profile = profile_in_use()
        subject, body = answer_not_delivered_email(profile, self.cases.conversation_id_for(sender), reason)
        for member in profile.people("office"):
            self.cases.queue_mail(member.email, subject, body)

    async def _keep_files(self, incoming: Dict[str, Any]) -> None:
        """Fetch the message's files before Meta's links expire; tell the parent about a file
        that was not kept. Their words are handled whatever happens to the files."""
        attachments = (incoming.get("metadata") or {}).get("attachments") or []
        if not attachments:
            return
        refused = await keep_attachments(self.evidence, incoming["sender"], self.name(), incoming["text"],
                                         attachments, self.fetch_timeout, self.max_file_bytes)
        if refused:
            await self.graph.send(incoming["sender"], {"text": refusal_words(refused, self.max_file_bytes)})

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("messenger_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            mode = request.args.get("hub.mode", "")
            token = request.args.get("hub.verify_token", "")
            if mode == "subscribe" and self.verify_token and hmac.compare_digest(token, self.verify_token):
                return response.text(request.args.get("hub.challenge", ""))
            log.warning("Messenger webhook verification refused (wrong mode or verify token)")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.body or b""
            if not signature_is_valid(self.app_secret, body, request.headers.get("X-Hub-Signature-256", ""),
                                      request.headers.get("X-Hub-Signature", "")):
                log.warning("Messenger delivery refused: missing or wrong signature")
                return response.text("forbidden", status=403)
            try:
                delivery = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "body is not JSON"}, status=400)
            if not isinstance(delivery, dict):
                return response.json({"error": "body is not a JSON object"}, status=400)
            if delivery.get("object") != "page" or not isinstance(delivery.get("entry"), list):
                return response.json({"status": "ignored"})
            body_key = "body:" + hashlib.sha256(body).hexdigest()
            if await self._seen(self.seen.is_done, body_key, False):
                log.warning("Messenger delivery refused: the same body was already handled")
                return response.json({"status": "already handled", "handled": 0})
            handled, apologised, to_retry = 0, 0, 0
            refused = {"too_old": 0, "from_the_future": 0, "replayed": 0, "rate_limited": 0}
            for entry in delivery["entry"]:
                # `standby` events belong to another app in a handover; never ours to answer.
                events = entry.get("messaging") if isinstance(entry, dict) else None
                for event in events if isinstance(events, list) else []:
                    if not isinstance(event, dict):
                        continue
                    incoming = message_from_event(event)
                    if incoming is None:
                        continue
                    outcome = await self._handle_event(event, incoming, on_new_message)
                    if outcome == HANDLED:
                        handled += 1
                    elif outcome == APOLOGISED:
                        apologised += 1
                    elif outcome == RETRY:
                        to_retry += 1
                    else:
                        refused[outcome] += 1
            if any(refused.values()):
                log.warning("Messenger events refused: %s", refused)
            summary = {"handled": handled, "refused": refused, "apologised": apologised, "to_retry": to_retry}
            if to_retry:
                # Not a 200: Meta delivers the body again later. What was handled is then
                # recognised by its key and not handled twice.
                return response.json({"status": "try again later", **summary}, status=503,
                                     headers={"Retry-After": "60"})
            await self._seen(self.seen.finish, body_key, None)
            return response.json({"status": "ok", **summary})

        return webhook

    async def _seen(self, ask: Callable[[str], Awaitable[Any]], key: str, unavailable: Any) -> Any:
        try:
            return await ask(key)
        except Exception as error:  # Redis down: better to risk a repeat than lose a parent's words
            log.warning("replay check unavailable (%s); handling the event anyway", type(error).__name__)
            return unavailable

    async def _handle_event(self, event: Dict[str, Any], incoming: Dict[str, Any],
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> str:
        """Handle one event of a delivery, at most once: HANDLED, APOLOGISED, RETRY, or why
        it was refused. The event's key is claimed while it is handled and marked done only
        once it has been; a failure lets the claim go so that Meta's next delivery tries again."""
        age = event_age_seconds(event, self.clock())
        if age is None or age > self.max_event_age:
            return "too_old"
        if age < -CLOCK_SKEW:
            # Never sent by Meta; refused so that nothing outlives the seen-set's memory.
            return "from_the_future"
        key = replay_key(event)
        claim = await self._seen(lambda k: self.seen.claim(k, self.handling_hold), key, CLAIMED)
        if claim == DONE:
            return "replayed"
        if claim == HANDLING:
            # Being handled now (a slow turn, or a server that died holding the claim): Meta
            # asks again later, by when it is done, or the claim has lapsed and it is ours.
            return RETRY
        sender = incoming["sender"]
        decision = self.limiter.check(sender)
        if not decision.allowed:
            if decision.notify:
                await self.graph.send(sender, {"text": rate_limit_notice_from_profile()})
            await self._seen(self.seen.finish, key, None)
            return "rate_limited"
        output = self.get_output_channel()
        try:
            await self._keep_files(incoming)
            await on_new_message(UserMessage(incoming["text"], output, sender,
                                             input_channel=self.name(), metadata=incoming["metadata"]))
        except Exception as error:  # one conversation's failure must not stop the rest
            # The kind only: an exception's text can quote the parent's words.
            log.error("a Messenger event could not be handled (%s); going on with the rest", type(error).__name__)
            return await self._after_failure(key, sender)
        await self._seen(self.seen.finish, key, None)
        if output.undelivered:
            await self._tell_staff_not_delivered(sender, output.undelivered[-1])
        return HANDLED

    async def _after_failure(self, key: str, sender: str) -> str:
        """A failed event is retried by Meta while the fault may pass (a database or lock
        store away for a moment, a restart); at the last try the parent is told instead, so
        that a message that always fails is neither retried for hours, which would make Meta
        disable the webhook, nor left unanswered."""
        failures = await self._seen(self.seen.count_failure, key, self.max_tries)
        if failures < self.max_tries:
            await self._seen(self.seen.release, key, None)
            return RETRY
        apology = await self.graph.send(sender, {"text": something_went_wrong()})
        await self._seen(self.seen.finish, key, None)
        if not apology:
            await self._tell_staff_not_delivered(sender, apology.reason)
        return APOLOGISED
