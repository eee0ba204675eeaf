"""The Messenger channel in a process of its own, to be killed mid-batch by a test: Sanic on
the port given, the seen-set in Redis (REDIS_URL), and the dialogue replaced by one that
writes each message it finished to a file. A message from the sender named in CRASH_ON is
begun (written as started) and never finished, so the test can kill the process there."""
from __future__ import annotations

import asyncio
import json
import os
import sys

from sanic import Sanic

from channels.messenger import MessengerInput

Sanic.test_mode = True


def main() -> None:
    port, journal = int(sys.argv[1]), sys.argv[2]
    crash_on = os.environ.get("CRASH_ON", "")
    channel = MessengerInput.from_credentials(None)

    def write(line: dict) -> None:
        with open(journal, "a") as out:
            out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())

    async def dialogue(message) -> None:
        if message.sender_id == crash_on:
            write({"started": message.sender_id, "text": message.text})
            await asyncio.Event().wait()  # the test kills the process here
        write({"finished": message.sender_id, "text": message.text})

    app = Sanic("messenger_crash_server")
    app.blueprint(channel.blueprint(dialogue), url_prefix="/webhooks/facebook")
    app.run(host="127.0.0.1", port=port, access_log=False, motd=False, workers=1)


if __name__ == "__main__":
    main()
