"""The Rasa server as `make run` starts it: Rasa's own `rasa run`, with these changes put in
place first, because Rasa 3.6 has no setting for any of them.

- A failed call to the action server gives the parent an apology with the office's number,
  not silence (channels/action_server_down.py).
- Answers from the action server are checked against a schema checked once, not on every
  answer (channels/action_response_check.py; the speed fix in bench/RESULTS.md).
- A paused conversation (a hand-off, a staff take-over) still answers a safeguarding signal
  with 999 and an alert (channels/paused_safeguarding.py).
- A tracker store failure is logged by its kind, not by its text, which quotes the parent's
  words (channels/tracker_store_errors.py).

`python -m channels.rasa_server run --model ... --endpoints ...` takes the same arguments as `rasa run`.
"""
from __future__ import annotations

import sys

from channels import action_response_check, action_server_down, paused_safeguarding, tracker_store_errors


def main() -> None:
    action_server_down.install()
    paused_safeguarding.install()  # after: its processor builds on the one above
    action_response_check.install()
    tracker_store_errors.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
