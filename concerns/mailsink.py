"""A local SMTP server that keeps each message as a file, for `make run` without SMTP_HOST.

A new user sees in var/mail/ exactly what staff would receive.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import signal
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from concerns.settings import Settings


class KeepAsFiles:
    """aiosmtpd handler: write every accepted message to <dir>/<time>-<n>.eml."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{next(self._counter):04d}.eml"
        header = "".join(f"X-Envelope-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos)
        (self.directory / name).write_bytes(header.encode() + envelope.original_content)
        return "250 Message accepted for delivery"


def main() -> None:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=settings.local_smtp_port)
    parser.add_argument("--dir", type=Path, default=settings.mail_dir)
    args = parser.parse_args()
    controller = Controller(KeepAsFiles(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"local mail server on 127.0.0.1:{args.port}, keeping messages in {args.dir}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
