"""The outbox worker: sends staff emails, retrying with back-off until each is delivered."""
from __future__ import annotations

import logging
import signal

from concerns.service import Core
from concerns.notifier import is_loopback, run_outbox_worker
from concerns.settings import Settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s outbox %(levelname)s %(message)s")
    core = Core(Settings())
    stopping = {"now": False}

    def stop(*_):
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = core.settings.effective_smtp()
    logging.info("sending staff mail through %s:%s (%s)", host, port, core.mailer.security)
    if core.mailer.security == "none" and not is_loopback(host):
        logging.warning("mail to %s is sent unencrypted (SMTP_SECURITY=none)", host)
    run_outbox_worker(core.store, core.mailer, interval=1.0, should_stop=lambda: stopping["now"])


if __name__ == "__main__":
    main()
