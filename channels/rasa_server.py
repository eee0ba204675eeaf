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
- The HTTP API checks a JWT signed with RASA_JWT_SECRET, read from the environment, so the
  secret is never on the command line, where `ps` shows it to every user of the machine.

`python -m channels.rasa_server run --model ... --endpoints ...` takes the same arguments as `rasa run`.
"""
from __future__ import annotations

import functools
import os
import sys

from channels import action_response_check, action_server_down, paused_safeguarding, tracker_store_errors


def _api_secret_from_environment() -> None:
    """`rasa run` starts its HTTP API with RASA_JWT_SECRET as the JWT secret (HS256), as if
    given as --jwt-secret; Rasa then accepts no `?token=`. Refuses to start without one."""
    import rasa.cli.run

    run = rasa.cli.run.run

    @functools.wraps(run)
    def run_with_secret(args):
        secret = os.environ.get("RASA_JWT_SECRET", "")
        if getattr(args, "enable_api", False):
            if not secret or getattr(args, "jwt_secret", None) or getattr(args, "auth_token", None):
                sys.exit("The HTTP API needs RASA_JWT_SECRET in the environment, and no --jwt-secret "
                         "or --auth-token on the command line.")
            args.jwt_secret, args.jwt_method = secret, "HS256"
        return run(args)

    # Rasa's parser takes `run` from this module when it is built, after this.
    rasa.cli.run.run = run_with_secret


def main() -> None:
    action_server_down.install()
    paused_safeguarding.install()  # after: its processor builds on the one above
    action_response_check.install()
    tracker_store_errors.install()
    _api_secret_from_environment()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
