"""A quick development probe (not a measurement): parses messages with the trained model's NLU
alone, no dialogue, and prints what the first turn would do with each. Used on the development
sets in this folder and on public lines that are neither trained on nor held out; never on
tests/heldout/.

    .venv/bin/python -m bench.dev.nlu_probe models/current.tar.gz FILE.yml [--show KIND]

A file of `messages:` (everyday enquiries with a `topic` each) is read as the enquiry answer
would read it: `--show enquiries` (or a topic) lists those answered on the wrong topic.
"""
from __future__ import annotations

import asyncio
import collections
import sys

import yaml

CASE_MATTERS = {"concern_child", "complain_staff", "complain_school", "complain_headteacher", "complain_governor",
                "complaint_stage_2", "report_bullying", "report_cyberbullying", "social_media_post",
                "safeguarding_child", "staff_allegation", "ask_human"}
ALERTS = {"safeguarding_child", "staff_allegation"}
ROW_INTENT = {"concern": "concern_child", "complaint_staff": "complain_staff", "complaint_school": "complain_school",
              "complaint_headteacher": "complain_headteacher", "complaint_governor": "complain_governor",
              "complaint_clerk": "complain_governor", "complaint_head_and_chair": "complain_headteacher",
              "complaint_head_and_clerk": "complain_headteacher",
              "stage_2": "complaint_stage_2", "bullying": "report_bullying", "cyberbullying": "report_cyberbullying",
              "social_media": "social_media_post", "safeguarding_child": "safeguarding_child",
              "child_on_child": "safeguarding_child", "staff_allegation": "staff_allegation", "handoff": "ask_human"}


async def parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent
    agent = Agent.load(model)
    return [await agent.parse_message(text) for text in texts]


def main() -> None:
    model, path = sys.argv[1], sys.argv[2]
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
    data = yaml.safe_load(open(path))
    if data.get("messages"):
        return enquiries(model, data["messages"], show)
    openers, no_case = data.get("openers") or [], data.get("no_case") or []
    parsed = asyncio.run(parse_all(model, [i["text"] for i in openers + no_case]))
    right = collections.Counter(); of = collections.Counter(); wrong = collections.Counter()
    for item, result in zip(openers, parsed[:len(openers)]):
        intent = result["intent"]["name"]
        of[item["row"]] += 1
        # complaint_* intents are refined by triage from the words; here any complaint counts
        expected = ROW_INTENT[item["row"]]
        ok = intent == expected or (expected.startswith("compla") and intent.startswith("compla"))
        right[item["row"]] += ok
        if not ok and intent != "nlu_fallback":
            wrong[item["row"]] += 1
        if show in (item["row"], "openers") and not ok:
            print(f"  {item['row']:>22} -> {intent:<22} {result['intent'].get('confidence', 0):.2f} {item['text'][:110]}")
    started = collections.Counter(); alerted = collections.Counter(); kinds = collections.Counter()
    for item, result in zip(no_case, parsed[len(openers):]):
        intent = result["intent"]["name"]
        kinds[item["kind"]] += 1
        started[item["kind"]] += intent in CASE_MATTERS
        alerted[item["kind"]] += intent in ALERTS
        if show in (item["kind"], "no_case", "alerts") and intent in CASE_MATTERS and (show != "alerts" or intent in ALERTS):
            print(f"  {item['kind']:>18} -> {intent:<22} {result['intent'].get('confidence', 0):.2f} {item['text'][:110]}")
    if openers:
        print(f"openers right {sum(right.values())}/{len(openers)} = {sum(right.values())/len(openers):.1%}; "
              f"wrong guess {sum(wrong.values())/len(openers):.1%}")
        for row in sorted(of):
            print(f"  {row:>24} {right[row]:>3}/{of[row]:<3} wrong {wrong[row]}")
    if no_case:
        print(f"no-case started {sum(started.values())}/{len(no_case)} = {sum(started.values())/len(no_case):.1%}; "
              f"alerted {sum(alerted.values())/len(no_case):.1%}")
        for kind in sorted(kinds):
            print(f"  {kind:>24} started {started[kind]:>3} alerted {alerted[kind]:>3} of {kinds[kind]}")


def enquiries(model: str, messages: list[dict], show: str | None) -> None:
    """Everyday enquiries (a `messages:` file with a `topic` each): the intent the model reads,
    then the topic the enquiry answer would take (the model's `topic` entity, else the words)."""
    from concerns.enquiries import OTHER, topic_of
    from concerns.profile import load_profile
    from concerns.settings import Settings
    profile = load_profile(Settings().school_profile)
    parsed = asyncio.run(parse_all(model, [m["text"] for m in messages]))
    right = collections.Counter(); of = collections.Counter(); started = collections.Counter()
    for item, result in zip(messages, parsed):
        intent, wanted = result["intent"]["name"], item["topic"]
        if intent == "everyday_enquiry":
            found = [e["value"] for e in result.get("entities") or [] if e.get("entity") == "topic"]
            topic = found[0] if found else topic_of(item["text"], profile)
        elif intent == "compliment_staff":
            topic = "thanks"
        elif intent in ("out_of_scope", "nlu_fallback"):
            topic = OTHER
        else:
            topic = f"({intent})"
        of[wanted] += 1
        right[wanted] += topic == wanted
        started[wanted] += intent in CASE_MATTERS
        if show in (wanted, "enquiries") and topic != wanted:
            print(f"  {wanted:>15} -> {topic:<24} {result['intent'].get('confidence', 0):.2f} {item['text'][:110]}")
    print(f"enquiries right {sum(right.values())}/{len(messages)} = {sum(right.values()) / len(messages):.1%}; "
          f"started a case {sum(started.values())}")
    for topic in sorted(of):
        print(f"  {topic:>24} {right[topic]:>3}/{of[topic]:<3} started {started[topic]}")


if __name__ == "__main__":
    main()
