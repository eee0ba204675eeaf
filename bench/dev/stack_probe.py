"""A development probe on the real stack (not a measurement): starts `python -m concerns.run`
with a trained model on free ports, and plays the development conversations and everyday
enquiries in this folder through it, as `make bench` plays the held-out ones. Never used on
tests/heldout/.

    .venv/bin/python -m bench.dev.stack_probe [conversations|enquiries|openers] [--show] [--transcript WORDS]

`--second` plays the second development conversations (conversations_dev2.yml) instead;
`--set N` plays conversations_devN.yml and enquiries_devN.yml (N = 2, 3, ...).
`openers` plays the development openers (dev_set.yml, or `--openers FILE` such as
openers_dev2.yml) to the end, answering any question as `make bench` does, and shows the ones
filed wrong.

`nocase --nocase FILE` plays messages that must start no case (openers_dev3_nocase.yml) and
lists those that started one or raised an alert.

`--transcript WORDS` prints both sides of each development conversation whose name holds WORDS.
"""
from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from bench import understanding
from tests.integration.stack import stack_with_mail

HERE = Path(__file__).parent


def _dev_file(kind: str) -> Path:
    """The development file of `kind` ("conversations" or "enquiries") chosen on the command line."""
    number = ""
    if "--set" in sys.argv:
        number = sys.argv[sys.argv.index("--set") + 1]
    elif "--second" in sys.argv and kind == "conversations":
        number = "2"
    return HERE / f"{kind}_dev{number}.yml"


def _record_turns(words: str) -> None:
    """Print each turn of the conversations whose opening is in a conversation named with `words`."""
    import yaml
    items = yaml.safe_load(_dev_file("conversations").read_text())["conversations"]
    openings = {i["opening"] for i in items if words in i["name"]}
    followed: set[str] = set()
    say = understanding.Chat.say

    async def say_and_print(chat, text):
        if text in openings:
            followed.add(chat.sender)
        replies = await say(chat, text)
        if chat.sender in followed:
            print(f"[{chat.sender[-6:]}] PARENT: {text}")
            for reply in replies:
                buttons = [b.get("payload") for b in reply.get("buttons") or []]
                print(f"[{chat.sender[-6:]}]    BOT: {(reply.get('text') or '')[:300]!r} {buttons or ''}")
        return replies
    understanding.Chat.say = say_and_print


def main() -> None:
    args = sys.argv[1:]
    if "--transcript" in args:
        _record_turns(args[args.index("--transcript") + 1])
        del args[args.index("--transcript"): args.index("--transcript") + 2]
    for option in ("--row", "--set", "--openers", "--nocase"):
        if option in args:
            del args[args.index(option): args.index(option) + 2]
    wanted = [a for a in args if not a.startswith("--")] or ["conversations", "enquiries"]
    with tempfile.TemporaryDirectory() as tmp, stack_with_mail(Path(tmp)) as (stack, _inbox):
        url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"
        tracker_url = f"http://127.0.0.1:{stack.rasa_port}/conversations/{{sender}}/tracker"
        if "conversations" in wanted:
            result = asyncio.run(understanding.conversations_eval(
                url, tracker_url, stack.jwt_secret, stack.database_url,
                _dev_file("conversations")))
            print(f"conversations right {result['right']:.1%} of {result['total']}")
            for kind, (right, total) in result["by_kind"].items():
                print(f"  {kind:>28} {right}/{total}")
            if "--show" in sys.argv:
                for name, problems in result["wrong"]:
                    print(f"  WRONG {name}: {'; '.join(problems)}")
        if "openers" in wanted:
            result = asyncio.run(understanding.openers_eval(
                url, tracker_url, stack.jwt_secret, stack.database_url,
                HERE / (sys.argv[sys.argv.index("--openers") + 1] if "--openers" in sys.argv else "dev_set.yml")))
            print(f"openers right first {result['first_message_right']:.1%}, filed right in the end "
                  f"{result['filed_right_in_the_end']:.1%} of {result['total']}")
            print(json.dumps(result["by_row"]))
            print(f"safeguarding recall (999 first) {result['safeguarding_recall_999_first']:.1%}; "
                  f"wrong-category guesses {result['wrong_category_guess']:.1%}; "
                  f"false alarms {len(result['false_alarms'])}: {result['false_alarms']}")
            if "--row" in sys.argv:
                wanted_row = sys.argv[sys.argv.index("--row") + 1]
                for row, text, first, filed in result["rows"]:
                    if row == wanted_row:
                        print(f"  {row}: {text[:90]} -> first {first}, filed {filed}")
            if "--show" in sys.argv:
                for row, text, filed in result["filed_wrong"]:
                    print(f"  FILED WRONG {row}: {text} -> {filed}")
                for text in result["safeguarding_missed"]:
                    print(f"  NO 999 FIRST OR NO ALERT: {text}")
                for text, wanted, read in result["wrong_guesses"]:
                    print(f"  WRONG GUESS ({wanted} read as {read}): {text}")
        if "nocase" in wanted:
            result = asyncio.run(understanding.no_case_eval(
                url, tracker_url, stack.jwt_secret, stack.database_url,
                HERE / sys.argv[sys.argv.index("--nocase") + 1]))
            print(f"no-case started a case {result['started_a_case']:.1%}, urgent alert "
                  f"{result['urgent_alert']:.1%} of {result['total']}")
            print(json.dumps(result["by_kind"]))
            if "--show" in sys.argv:
                for text in result["started"]:
                    print(f"  STARTED {text}")
                for text in result["alerts"]:
                    print(f"  ALERT {text}")
        if "enquiries" in wanted:
            from concerns.profile import load_profile
            from concerns.settings import Settings
            phone = load_profile(Settings().school_profile).office_phone
            result = asyncio.run(understanding.enquiries_eval(
                url, tracker_url, stack.jwt_secret, stack.database_url, phone, _dev_file("enquiries")))
            print(f"enquiries right {result['right']:.1%} of {result['total']}; "
                  f"started a case {result['started_a_case']:.1%}")
            print(json.dumps(result["by_topic"]))
            if "--show" in sys.argv:
                for text in result["started"]:
                    print(f"  STARTED {text}")
                for text, topic, answered in result.get("wrong", []):
                    print(f"  WRONG ({topic} -> {answered}) {text}")


if __name__ == "__main__":
    main()
