"""The website chat widget's channel: Rasa's socket.io channel, made safe for a school.

Rasa 3.6's `socketio` channel accepts any origin and trusts whatever session id the
browser sends, so anyone who learns or guesses an id can read and write that parent's
conversation. This channel:

- accepts socket.io connections only from the origins in WEBCHAT_ALLOWED_ORIGINS;
- issues session ids itself, each signed with a server secret (WEBCHAT_SESSION_SECRET),
  and on reconnect accepts only an id it signed, so a conversation survives a page
  reload but cannot be joined by guessing;
- signs each id's issue time with it, and refuses an id older than WEBCHAT_SESSION_HOURS
  (default 24), so an id copied from a browser or a log stops working: on reconnect a
  fresh id is issued, and a message sent on an expired session is not read but sent back
  with `session_expired`, and the widget starts a new session and sends it there;
- takes the sender of every message from the session this connection was given, never
  from the message itself;
- logs a failure by its kind only, never the exception's text, which can quote the
  parent's words;
- awaits `enter_room` where python-socketio makes it a coroutine (Rasa 3.6 doesn't);
- limits each session to CHAT_RATE_LIMIT_PER_MINUTE messages a minute (default 20): the
  first message over it is not read, and the parent is told so, kindly, and asked to send
  it again in a minute (concerns/ratelimit.py);
- keeps staff replies for the parent: a reply from the console carries its id, the widget
  says when it has shown one (`reply_shown`, marking it delivered in the case store), and on
  coming back to its session asks for the replies staff sent it (`history_request`), so a
  reply sent while the parent was away is shown then; only to that session's own connection;
- takes a screenshot or a document from the widget (POST /webhooks/socketio/upload, a form
  with the signed `session_id`, the `file` and an optional `message`), with the limits of
  every channel (channels/attachment_files.py: EVIDENCE_MAX_BYTES, images and PDF judged by
  the bytes), keeps it in the case store and hands the message on as the widget's own, the
  answers arriving over socket.io; a refused file is answered 422 with the words for the
  parent, and their words still go on; nothing is kept beside words about a nude image;
- with REDIS_URL set, passes what a server sends through Redis (python-socketio's
  AsyncRedisManager), so that a reply a member of staff sends from the console reaches the
  parent whichever Rasa server the console's request landed on: the widget's own connection
  stays on one server (sticky sessions), the console's requests do not.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import logging
import os
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from channels.attachment_files import keep_upload
from channels.senders import sender_id_problem
from concerns.evidence import EvidenceRefused, max_bytes_from_environment, refusal_words
from concerns.evidence_store import EvidenceStore
from concerns.safety import about_nude_images
from concerns.settings import Settings
from concerns.store import CaseStore
from concerns.ratelimit import DEFAULT_PER_MINUTE, RateLimiter, rate_limit_notice_from_profile, per_minute_from_environment

log = logging.getLogger(__name__)
MAX_MESSAGE = 10000
# A file sent with no words still reaches the dialogue, as this intent (as on Messenger).
ATTACHMENT_ONLY = "/share_attachment"


def _origins(value: str) -> list[str]:
    return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]


DEFAULT_SESSION_HOURS = 24.0


def session_hours_from_environment() -> float:
    """WEBCHAT_SESSION_HOURS, or 24: how long a widget session id is accepted after it was issued."""
    value = os.environ.get("WEBCHAT_SESSION_HOURS", "").strip()
    try:
        hours = float(value) if value else DEFAULT_SESSION_HOURS
    except ValueError:
        hours = DEFAULT_SESSION_HOURS
    return hours if hours > 0 else DEFAULT_SESSION_HOURS


class SessionIds:
    """Unguessable session ids the server can recognise as its own and as still in date:
    random part, issue time (Unix seconds), and an HMAC of both."""

    def __init__(self, secret: str, lifetime_seconds: float = DEFAULT_SESSION_HOURS * 3600,
                 clock: Callable[[], float] = time.time):
        self.secret = secret.encode()
        self.lifetime = lifetime_seconds
        self.clock = clock

    def _tag(self, signed: str) -> str:
        return hmac.new(self.secret, signed.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        signed = f"{secrets.token_hex(16)}.{int(self.clock())}"
        return f"{signed}.{self._tag(signed)}"

    def is_current(self, session_id: Any) -> bool:
        """Whether this server signed `session_id` and issued it no longer than the lifetime ago."""
        if sender_id_problem(session_id) or session_id.count(".") != 2:
            return False
        random_part, issued, tag = session_id.split(".")
        if len(random_part) != 32 or not (issued.isascii() and issued.isdigit()) \
                or not hmac.compare_digest(tag, self._tag(f"{random_part}.{issued}")):
            return False
        return self.clock() - int(issued) <= self.lifetime


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output, with a staff reply sent as its text and its id, so the widget
    can say it was shown."""

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        if "staff_reply" in json_message:
            await self.sio.emit(self.bot_message_evt, {"text": json_message.get("text") or "",
                                                       "staff_reply": json_message["staff_reply"]},
                                room=recipient_id)
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class WebChatInput(InputChannel):
    """socket.io for the website widget, at /socket.io on the Rasa server."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        secret = os.environ.get("WEBCHAT_SESSION_SECRET", "")
        if not secret:
            # Without a configured secret ids still can't be forged, but they last only
            # until the server restarts; `make run` always sets one.
            secret = secrets.token_hex(32)
            log.warning("WEBCHAT_SESSION_SECRET is not set; web chat sessions end when the server restarts")
        origins = _origins(os.environ.get("WEBCHAT_ALLOWED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"))
        return cls(secret, origins, per_minute_from_environment(), session_hours_from_environment())

    def __init__(self, session_secret: str, allowed_origins: list[str], per_minute: int = DEFAULT_PER_MINUTE,
                 session_hours: float = DEFAULT_SESSION_HOURS, clock: Callable[[], float] = time.time):
        self.ids = SessionIds(session_secret, session_hours * 3600, clock)
        self.limiter = RateLimiter(per_minute)
        self.allowed_origins = allowed_origins
        self.sio: Optional[AsyncServer] = None
        self.sessions: Dict[str, str] = {}  # socket.io sid -> the session id it was given
        self._store: Optional[CaseStore] = None

    @property
    def store(self) -> CaseStore:
        """The case store, where staff replies are kept (opened at first use)."""
        if self._store is None:
            self._store = CaseStore(Settings().database_url)
        return self._store

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebChatOutput(self.sio, "bot_uttered") if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        redis_url = os.environ.get("REDIS_URL", "").strip()
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.allowed_origins,
                          client_manager=AsyncRedisManager(redis_url, channel="concerns-webchat")
                          if redis_url else None)
        webhook = SocketBlueprint(sio, "/socket.io", "webchat_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            return True

        @sio.on("disconnect")
        async def disconnect(sid: Text) -> None:
            self.sessions.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any = None) -> None:  # a client may send no data
            asked = data.get("session_id") if isinstance(data, dict) else None
            session_id = asked if self.ids.is_current(asked) else self.ids.issue()
            self.sessions[sid] = session_id
            joined = sio.enter_room(sid, session_id)
            if inspect.isawaitable(joined):
                await joined
            await sio.emit("session_confirm", session_id, room=sid)

        def current_session(sid: Text) -> Optional[str]:
            session_id = self.sessions.get(sid)
            return session_id if session_id and self.ids.is_current(session_id) else None

        @sio.on("history_request")
        async def history_request(sid: Text, data: Any = None) -> None:
            """The staff replies sent to this connection's session, kept or already shown."""
            session_id = current_session(sid)
            if session_id is None:
                return
            try:
                replies = await asyncio.to_thread(self.store.staff_replies_to, session_id)
            except Exception as error:  # the widget keeps what it has; nothing else breaks
                log.error("web chat history could not be read (%s)", type(error).__name__)
                return
            await sio.emit("history", {"staff_replies": [
                {"staff_reply": r["id"], "text": r["text"]} for r in replies
                if r["channel"] == "web" and r["status"] != "failed"]}, room=sid)

        @sio.on("reply_shown")
        async def reply_shown(sid: Text, data: Any = None) -> None:
            """The widget showed a staff reply: it reached the parent."""
            session_id = current_session(sid)
            reply_id = data.get("staff_reply") if isinstance(data, dict) else None
            if session_id is None or not isinstance(reply_id, int) or isinstance(reply_id, bool):
                return
            try:
                await asyncio.to_thread(self.store.reply_shown_to_parent, reply_id, session_id)
            except Exception as error:
                log.error("a web reply could not be marked delivered (%s)", type(error).__name__)

        @webhook.route("/upload", methods=["POST"])
        async def upload(request: Request) -> HTTPResponse:
            """A file from the widget, with the words typed beside it, for this session only."""
            origin = request.headers.get("Origin")
            cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}
            if origin and "*" not in self.allowed_origins and origin not in self.allowed_origins:
                return response.json({"error": "origin not allowed"}, status=403)
            session_id = request.form.get("session_id") if request.form else None
            if not self.ids.is_current(session_id):
                return response.json({"error": "session_expired"}, status=403, headers=cors)
            decision = self.limiter.check(session_id)
            if not decision.allowed:
                return response.json({"refused": "rate_limited", "text": rate_limit_notice_from_profile()},
                                     status=429, headers=cors)
            text = (request.form.get("message") or "").strip()[:MAX_MESSAGE]
            sent = request.files.get("file") if request.files else None
            max_bytes = max_bytes_from_environment()
            item: Dict[str, Any] = {"type": "file", "title": ""}
            refused: Optional[str] = None
            if sent is None:
                refused = "empty"
            elif not about_nude_images(text):  # such an image is never kept: the advice follows
                try:
                    item.update(await keep_upload(EvidenceStore(self.store.engine), session_id, "web",
                                                  sent.body or b"", max_bytes))
                    item["type"] = "image" if item["media_type"].startswith("image/") else "file"
                except EvidenceRefused as refusal:
                    refused = refusal.reason
            if refused is None or text:
                attachments = [item] if "evidence" in item else []
                message = UserMessage(text or ATTACHMENT_ONLY, WebChatOutput(sio, "bot_uttered"), session_id,
                                      input_channel=self.name(), metadata={"attachments": attachments})
                try:
                    await on_new_message(message)
                except Exception as error:
                    log.error("a web chat upload could not be handled (%s)", type(error).__name__)
                    return response.json({"error": "not handled"}, status=500, headers=cors)
            if refused:
                return response.json({"refused": refused, "text": refusal_words(refused, max_bytes)}, status=422,
                                     headers=cors)
            return response.json({"kept": "evidence" in item}, headers=cors)

        @sio.on("user_uttered")
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = self.sessions.get(sid)
            if session_id is None:
                await sio.emit("session_required", {}, room=sid)
                return
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str) or not text.strip():
                return
            if not self.ids.is_current(session_id):
                # Not read: sent back, so the widget can start a new session and send it there.
                self.sessions.pop(sid, None)
                left = sio.leave_room(sid, session_id)
                if inspect.isawaitable(left):
                    await left
                await sio.emit("session_expired", {"message": text[:MAX_MESSAGE]}, room=sid)
                return
            decision = self.limiter.check(session_id)
            if not decision.allowed:
                if decision.notify:
                    await sio.emit("bot_uttered", {"text": rate_limit_notice_from_profile()}, room=session_id)
                return
            message = UserMessage(text[:MAX_MESSAGE], WebChatOutput(sio, "bot_uttered"), session_id,
                                  input_channel=self.name(), metadata={})
            try:
                await on_new_message(message)
            except Exception as error:  # one conversation's failure must not stop the others
                # The kind only: an exception's text can quote the parent's words.
                log.error("a web chat message could not be handled (%s)", type(error).__name__)
                await sio.emit("bot_uttered", {"text": "Sorry, something went wrong on our side. Please try "
                                                       "again, or phone the school office."}, room=session_id)

        return webhook
