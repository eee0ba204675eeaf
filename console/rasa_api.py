"""The console's client for the Rasa server's HTTP API: read a conversation, pause and
resume the assistant, and send a staff member's reply to the parent on the channel they used.

Each request carries a short-lived JWT signed with RASA_JWT_SECRET in its Authorization
header, never a token in the query string, which proxies and access logs keep."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any
from urllib.parse import quote

import aiohttp
import jwt


# Our channel names (as on the case record) and Rasa's input channel names.
RASA_CHANNELS = {"web": "socketio", "facebook": "facebook"}


def conversation_channel(tracker: dict) -> str:
    """The channel of the parent's latest message, across sessions: 'web', 'facebook' or 'rest'."""
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user" and event.get("input_channel"):
            return {"socketio": "web", "facebook": "facebook"}.get(event["input_channel"], "rest")
    return "rest"


def _segment(sender_id: str) -> str:
    """A sender id as one path segment of Rasa's API: "/", "?", "#" and "%" escaped so an id
    cannot reach another route or conversation. Rasa does not unescape path parameters, so the
    characters a path segment may hold as they are stay as they are (as aiohttp sent them)."""
    return quote(sender_id, safe="!$&'()*+,;=:@")


# How long one signed request stays valid: long enough for a slow request and a little clock
# drift between machines, short enough that a copied header is soon useless.
JWT_LIFETIME_SECONDS = 120


def rasa_api_headers(secret: str, now: float | None = None) -> dict[str, str]:
    """The Authorization header for Rasa's HTTP API: a JWT signed with `secret` (HS256, as the
    Rasa server is started with; channels/rasa_server.py) naming the admin role, which Rasa
    requires to read any conversation and to add events to it."""
    issued = int(time.time() if now is None else now)
    claims = {"user": {"username": "console", "role": "admin"}, "iat": issued, "exp": issued + JWT_LIFETIME_SECONDS}
    return {"Authorization": f"Bearer {jwt.encode(claims, secret, algorithm='HS256')}"}


class RasaAPI:
    def __init__(self, base_url: str, jwt_secret: str, timeout: float = 15.0):
        self.base = base_url.rstrip("/")
        self.jwt_secret = jwt_secret
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def _request(self, method: str, path: str, params: dict | None = None, json: Any = None) -> Any:
        async with aiohttp.ClientSession(timeout=self.timeout) as session:
            async with session.request(method, f"{self.base}{path}", params=params or {}, json=json,
                                       headers=rasa_api_headers(self.jwt_secret)) as reply:
                reply.raise_for_status()
                return await reply.json()

    async def tracker(self, sender_id: str) -> dict:
        return await self._request("GET", f"/conversations/{_segment(sender_id)}/tracker", {"include_events": "ALL"})

    async def append(self, sender_id: str, events: list[dict], send_on: str | None = None) -> dict:
        # The channel is named, not "latest": after a long gap Rasa starts a new session,
        # and "latest" would then find no channel and the reply would go nowhere.
        params = {"output_channel": send_on, "execute_side_effects": "true"} if send_on else {}
        return await self._request("POST", f"/conversations/{_segment(sender_id)}/tracker/events", params, events)

    async def pause(self, sender_id: str) -> None:
        await self.append(sender_id, [{"event": "pause"}])

    async def resume(self, sender_id: str) -> None:
        # A paused conversation ends without Rasa's action_listen; without one the rules
        # would not recognise the parent's next message.
        await self.append(sender_id, [{"event": "resume"}, {"event": "action", "name": "action_listen"}])

    async def say(self, sender_id: str, channel: str, text: str, staff_name: str, tag: str | None = None,
                  reply_id: int | None = None, send: bool = True) -> None:
        """Put a staff member's words in the conversation and, with `send`, send them to the
        parent on their channel ('web', 'facebook'); `reply_id` names the kept reply."""
        event: dict[str, Any] = {"event": "bot", "text": text, "metadata": {"staff": staff_name},
                                 "timestamp": dt.datetime.now(dt.timezone.utc).timestamp()}
        if tag or reply_id is not None:
            # Sent only as a custom message, so the parent gets it once, with its tag and id.
            event["text"] = None
            event["data"] = {"custom": {"text": text, **({"tag": tag} if tag else {}),
                                        **({"staff_reply": reply_id} if reply_id is not None else {})}}
        await self.append(sender_id, [event], send_on=RASA_CHANNELS.get(channel) if send else None)


def last_parent_message_at(tracker: dict) -> dt.datetime | None:
    times = [e["timestamp"] for e in tracker.get("events") or [] if e.get("event") == "user" and e.get("timestamp")]
    return dt.datetime.fromtimestamp(max(times), dt.timezone.utc) if times else None
