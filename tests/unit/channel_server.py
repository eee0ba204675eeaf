"""One of our input channels served for real, in the test's own process: Sanic on a free
port, the channel's blueprint where the Rasa server mounts it, and the dialogue replaced by
the test's own `on_new_message` (so a test can make it fail, with any exception text)."""
from __future__ import annotations

import uuid
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

from tests.conftest import free_port

Sanic.test_mode = True  # many small apps in one process, each with its own name


@asynccontextmanager
async def serving(channel: InputChannel, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                  host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Yields the server's base URL (on `host`); the channel is at /webhooks/<its name>/."""
    app = Sanic(f"channel_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix=f"/webhooks/{channel.name()}")
    port = free_port()
    server = await app.create_server(host=host, port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.start_serving()
    try:
        yield f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    finally:
        server.close()
        await server.wait_closed()
