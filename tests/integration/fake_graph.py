"""A fake of Meta's Graph API on loopback: the edge of the world we can't reach in tests.

Records every Send API call so tests can assert on what a parent would have received, and
serves the files a parent "sent" (Meta's attachment links) until told to stop, as Meta's CDN
links stop working."""
from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from tests.conftest import free_port


class FakeGraphAPI:
    def __init__(self):
        self.port = free_port()
        self.calls: list[dict] = []
        # The next `fail_next` calls are refused with `fail_status`: a 503 (Meta busy: worth
        # trying again), or a 4xx with Meta's error for a message outside the allowed window.
        self.fail_next = 0
        self.fail_status = 503
        # Attachment files by name, served at /files/<name> while they are here.
        self.files: dict[str, bytes] = {}
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/{version}/me/messages", self._messages)
        app.router.add_get("/files/{name}", self._file)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()

    async def _messages(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append({"version": request.match_info["version"], "token": request.query.get("access_token"),
                           "body": body})
        if self.fail_next:
            self.fail_next -= 1
            if self.fail_status < 500:
                return web.json_response({"error": {
                    "message": "(#10) This message is sent outside of allowed window.", "type": "OAuthException",
                    "code": 10, "error_subcode": 2018278}}, status=self.fail_status)
            return web.json_response({"error": {"message": "temporarily unavailable"}}, status=self.fail_status)
        return web.json_response({"recipient_id": body.get("recipient", {}).get("id"), "message_id": "m.1"})

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["name"])
        if data is None:
            return web.Response(status=404, text="URL signature expired")
        return web.Response(body=data, content_type="application/octet-stream")

    def serve_file(self, name: str, data: bytes) -> str:
        """Serve a file as Meta's CDN would; its link."""
        self.files[name] = data
        return f"{self.base_url}/files/{name}"

    def start(self) -> "FakeGraphAPI":
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def sent_to(self, recipient: str) -> list[dict]:
        return [c["body"] for c in self.calls if c["body"].get("recipient", {}).get("id") == recipient]

    def texts_to(self, recipient: str) -> list[str]:
        return [b["message"].get("text", "") for b in self.sent_to(recipient) if "message" in b]
