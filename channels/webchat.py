"""The website chat widget's channel: Rasa's socket.io channel, made safe for a school.

Rasa 3.6's `socketio` channel accepts any origin and trusts whatever session id the
browser sends, so anyone who learns or guesses an id can read and write that parent's
conversation. This channel:

- accepts socket.io connections only from the origins in WEBCHAT_ALLOWED_ORIGINS;
- issues session ids itself, each signed with a server secret (WEBCHAT_SESSION_SECRET),
  and on reconnect accepts only an id it signed, so a conversation survives a page
  reload but cannot be joined by guessing;
- takes the sender of every message from the session this connection was given, never
  from the message itself;
- awaits `enter_room` where python-socketio makes it a coroutine (Rasa 3.6 doesn't);
- limits each session to CHAT_RATE_LIMIT_PER_MINUTE messages a minute (default 20): the
  first message over it is not read, and the parent is told so, kindly, and asked to send
  it again in a minute (concerns/ratelimit.py);
- with REDIS_URL set, passes what a server sends through Redis (python-socketio's
  AsyncRedisManager), so that a reply a member of staff sends from the console reaches the
  parent whichever Rasa server the console's request landed on: the widget's own connection
  stays on one server (sticky sessions), the console's requests do not.
"""
from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import os
import secrets
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from concerns.ratelimit import DEFAULT_PER_MINUTE, RateLimiter, rate_limit_notice_from_profile, per_minute_from_environment

log = logging.getLogger(__name__)
MAX_MESSAGE = 10000


def _origins(value: str) -> list[str]:
    return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]


class SessionIds:
    """Unguessable session ids the server can recognise as its own: random part + HMAC."""

    def __init__(self, secret: str):
        self.secret = secret.encode()

    def _tag(self, random_part: str) -> str:
        return hmac.new(self.secret, random_part.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        random_part = secrets.token_hex(16)
        return f"{random_part}.{self._tag(random_part)}"

    def is_ours(self, session_id: Any) -> bool:
        if not isinstance(session_id, str) or session_id.count(".") != 1 or len(session_id) > 100:
            return False
        random_part, tag = session_id.split(".")
        return len(random_part) == 32 and hmac.compare_digest(tag, self._tag(random_part))


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
        return cls(secret, origins, per_minute_from_environment())

    def __init__(self, session_secret: str, allowed_origins: list[str], per_minute: int = DEFAULT_PER_MINUTE):
        self.ids = SessionIds(session_secret)
        self.limiter = RateLimiter(per_minute)
        self.allowed_origins = allowed_origins
        self.sio: Optional[AsyncServer] = None
        self.sessions: Dict[str, str] = {}  # socket.io sid -> the session id it was given

    def get_output_channel(self) -> Optional[OutputChannel]:
        return SocketIOOutput(self.sio, "bot_uttered") if self.sio else None

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
            session_id = asked if self.ids.is_ours(asked) else self.ids.issue()
            self.sessions[sid] = session_id
            joined = sio.enter_room(sid, session_id)
            if inspect.isawaitable(joined):
                await joined
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("user_uttered")
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = self.sessions.get(sid)
            if session_id is None:
                await sio.emit("session_required", {}, room=sid)
                return
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str) or not text.strip():
                return
            decision = self.limiter.check(session_id)
            if not decision.allowed:
                if decision.notify:
                    await sio.emit("bot_uttered", {"text": rate_limit_notice_from_profile()}, room=session_id)
                return
            message = UserMessage(text[:MAX_MESSAGE], SocketIOOutput(sio, "bot_uttered"), session_id,
                                  input_channel=self.name(), metadata={})
            try:
                await on_new_message(message)
            except Exception:  # one conversation's failure must not stop the others
                log.exception("a web chat message could not be handled")
                await sio.emit("bot_uttered", {"text": "Sorry, something went wrong on our side. Please try "
                                                       "again, or phone the school office."}, room=session_id)

        return webhook
