"""Fetching and keeping the files a parent sends, for every channel: Messenger's attachments
(fetched at once from the link Meta gives, which expires) and the widget's uploads.

A file is checked (size, and kind by its first bytes: concerns/evidence.py) before it is kept
in the case store; a refused one is named on the message with the reason, and the parent is
told why, while their words go on to the assistant as usual.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

import aiohttp

from concerns.evidence import UNAVAILABLE, WRONG_TYPE, EvidenceRefused, check_file
from concerns.evidence_store import EvidenceStore
from concerns.safety import about_nude_images

log = logging.getLogger(__name__)

DEFAULT_FETCH_TIMEOUT_SECONDS = 20.0
# Messenger's attachment types that may hold a photo, a screenshot or a document. Video and
# audio are never kept, so they are not fetched; shared links and places stay links.
FETCHED_TYPES = ("image", "file")
NOT_KEPT_TYPES = ("video", "audio")


async def fetch_file(url: str, timeout: float, max_bytes: int) -> bytes:
    """The file at `url`, read no further than `max_bytes` + 1 bytes (so a file too large is
    known without reading it all), or EvidenceRefused(UNAVAILABLE) when it cannot be had."""
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.get(url, allow_redirects=True) as reply:
                if reply.status != 200:
                    raise EvidenceRefused(UNAVAILABLE)
                data = bytearray()
                async for chunk in reply.content.iter_chunked(64 * 1024):
                    data.extend(chunk)
                    if len(data) > max_bytes:
                        break
                return bytes(data)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        raise EvidenceRefused(UNAVAILABLE) from None


async def keep_upload(store: EvidenceStore, sender_id: str, channel: str, data: bytes,
                      max_bytes: int) -> Dict[str, Any]:
    """Check and keep one uploaded file; its description for the message's attachments, or
    EvidenceRefused."""
    checked = check_file(data, max_bytes)
    kept = await asyncio.to_thread(store.keep, sender_id, channel, checked)
    return kept.described()


async def keep_attachments(store: EvidenceStore, sender_id: str, channel: str, text: str,
                           attachments: List[Dict[str, Any]], timeout: float, max_bytes: int) -> Optional[str]:
    """Fetch and keep each file attachment in place (adding `evidence`, or `refused` and why).
    Returns the reason of the first refusal, for telling the parent, or None.

    Nothing is fetched when the words speak of a naked or semi-nude image of a child: such an
    image is never stored (the assistant answers with the advice instead)."""
    if about_nude_images(text):
        return None
    first_refusal = None
    for item in attachments:
        kind = item.get("type")
        url = item.get("url") or ""
        if kind in NOT_KEPT_TYPES:
            item["refused"] = WRONG_TYPE
        elif kind in FETCHED_TYPES and url.startswith(("https://", "http://")):
            try:
                data = await fetch_file(url, timeout, max_bytes)
                item.update(await keep_upload(store, sender_id, channel, data, max_bytes))
            except EvidenceRefused as refused:
                item["refused"] = refused.reason
            except Exception as error:  # the database away: the words still go on
                log.error("an attachment could not be kept (%s)", type(error).__name__)
                item["refused"] = UNAVAILABLE
        else:
            continue
        if item.get("refused") and first_refusal is None:
            first_refusal = item["refused"]
    return first_refusal
