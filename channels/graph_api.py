"""Meta's Send API behind one client, without Rasa: the Messenger channel sends the
assistant's answers with it, and the staff console sends staff replies with it, so that the
console learns whether each reply reached Messenger and why not.

A send is tried again only where that is safe: a timeout, a refused connection or a 5xx
from Meta (the message was not taken), a bounded number of times with growing pauses. A 4xx
(outside the 7-day window, a person who blocked the page, a bad token) is final: trying again
would be refused the same way, and the reason is given back to be shown to staff.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp

log = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 3
DEFAULT_BACKOFF_SECONDS = 0.5  # before the second try; doubled before each later one
REASON_LIMIT = 300
TEXT_LIMIT = 2000  # Messenger's limit for one message's text


def split_text(text: str, limit: int = TEXT_LIMIT) -> List[str]:
    """Split text into pieces under Messenger's limit, at paragraph, line, sentence or
    word boundaries where possible."""
    text = text or ""
    pieces: List[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
            cut = cut + 1 if cut >= limit // 2 else -1
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


@dataclass(frozen=True)
class Delivery:
    """What became of one send: delivered, or not and why (Meta's own words, or the fault)."""

    delivered: bool
    reason: str = ""
    attempts: int = 1

    def __bool__(self) -> bool:
        return self.delivered


def _meta_reason(status: int, body: str) -> str:
    """Meta's error message and codes from a refused send (they never quote the parent)."""
    try:
        import json
        error = json.loads(body).get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    message = error.get("message") if isinstance(error, dict) else None
    if not isinstance(message, str) or not message.strip():
        return f"Messenger answered {status}"
    codes = ", ".join(f"{name} {error[name]}" for name in ("code", "error_subcode") if error.get(name) is not None)
    return f"Messenger answered {status}: {message.strip()}" + (f" ({codes})" if codes else "")


class GraphAPI:
    """The Send API with a timeout, a configurable version and base URL, and bounded retries."""

    def __init__(self, page_token: str, base_url: str, version: str, timeout: float = 10.0,
                 attempts: int = DEFAULT_ATTEMPTS, backoff_seconds: float = DEFAULT_BACKOFF_SECONDS,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        self.page_token = page_token
        self.url = f"{base_url.rstrip('/')}/{version}/me/messages"
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.attempts = max(1, attempts)
        self.backoff = backoff_seconds
        self.sleep = sleep

    @classmethod
    def from_environment(cls) -> "GraphAPI":
        """FB_PAGE_ACCESS_TOKEN, GRAPH_API_BASE, GRAPH_API_VERSION, GRAPH_API_TIMEOUT, GRAPH_API_ATTEMPTS."""
        return cls(os.environ.get("FB_PAGE_ACCESS_TOKEN", ""),
                   os.environ.get("GRAPH_API_BASE", "https://graph.facebook.com"),
                   os.environ.get("GRAPH_API_VERSION", "v26.0"),
                   float(os.environ.get("GRAPH_API_TIMEOUT", "") or 10),
                   int(os.environ.get("GRAPH_API_ATTEMPTS", "") or DEFAULT_ATTEMPTS))

    async def send(self, recipient_id: str, message: Dict[str, Any], tag: Optional[str] = None) -> Delivery:
        body: Dict[str, Any] = {"recipient": {"id": recipient_id}, "message": message,
                                "messaging_type": "MESSAGE_TAG" if tag else "RESPONSE"}
        if tag:
            body["tag"] = tag
        return await self._post(body)

    async def send_text(self, recipient_id: str, text: str, tag: Optional[str] = None) -> Delivery:
        """Text in pieces under Messenger's limit; stops at the first piece not delivered."""
        attempts = 0
        for piece in split_text(text):
            delivery = await self.send(recipient_id, {"text": piece}, tag=tag)
            attempts += delivery.attempts
            if not delivery:
                return Delivery(False, delivery.reason, attempts)
        return Delivery(True, "", attempts)

    async def sender_action(self, recipient_id: str, action: str) -> Delivery:
        return await self._post({"recipient": {"id": recipient_id}, "sender_action": action})

    async def _post(self, body: Dict[str, Any]) -> Delivery:
        if not self.page_token:
            return Delivery(False, "Messenger is not configured (FB_PAGE_ACCESS_TOKEN is not set)", 0)
        reason = ""
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                await self.sleep(self.backoff * 2 ** (attempt - 2))
            try:
                async with aiohttp.ClientSession(timeout=self.timeout) as session:
                    async with session.post(self.url, params={"access_token": self.page_token},
                                            json=body) as reply:
                        if reply.status < 400:
                            return Delivery(True, "", attempt)
                        reason = _meta_reason(reply.status, await reply.text())[:REASON_LIMIT]
                        log.warning("Graph API refused a send (attempt %d): %s", attempt, reason)
                        if reply.status < 500:
                            return Delivery(False, reason, attempt)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                reason = ("Messenger did not answer in time" if isinstance(error, asyncio.TimeoutError)
                          else f"Messenger could not be reached ({type(error).__name__})")
                log.warning("Graph API unreachable (attempt %d): %s", attempt, type(error).__name__)
        return Delivery(False, f"{reason}; tried {self.attempts} times", self.attempts)
