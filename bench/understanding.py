"""Understanding measured as a parent meets it, on the running assistant: the held-out sets of
the triage issue (tests/heldout/openers.yml, no_case.yml, conversations.yml), written apart
from the training data and never trained on. Only read here; nothing is tuned on them.

Each message or conversation gets its own sender id and is driven through the REST channel;
what counts is what the assistant said, the triage slots it set, and the cases it filed (read
from the case database), so an urgent alert is an alert the safeguarding lead would really get.

`python -m bench.understanding URL TRACKER_URL TOKEN DATABASE_URL` prints the figures as JSON;
`make bench` calls `evaluate()` on the assistant it has started.
"""
from __future__ import annotations

import asyncio
import json
import re
import sys
import uuid
from pathlib import Path

import aiohttp
import yaml

from concerns.store import CaseStore
from console.rasa_api import rasa_api_headers

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ROOT / "tests" / "heldout"
FIRST_WORDS = "If a child is in immediate danger, please call 999"
# A child writing about themselves is told of Childline first, then "If you are in danger right
# now, call 999", in the same first message (the safeguarding issue's rule for a child writer).
FIRST_WORDS_FOR_A_CHILD = re.compile(r"^Thank you for telling me\. You can talk to Childline .*\n"
                                     r"If you are in danger right now, call 999\.")


def says_999_first(first_text: str) -> bool:
    """Is the first reply the safeguarding answer: 999 first, or for a child Childline then 999?"""
    return first_text.startswith(FIRST_WORDS) or bool(FIRST_WORDS_FOR_A_CHILD.match(first_text))
FILED = ("I've recorded this as", "I've added your details", "I've passed this to the school office",
         "I have alerted")
CONCURRENCY = 4

# What a parent answers to each of the assistant's questions, when the held-out item does not say.
GENERIC_ANSWERS = {"child_name": "Sam", "child_class": "year 3", "account": "It has happened a few times now.",
                   "parent_name": "Alex Morgan", "contact": "07700 900456", "confirm": "/affirm"}
# Who an opener's complaint is about, by routing-table row, when the form asks.
SUBJECT_BY_ROW = {"complaint_staff": "a teacher", "complaint_school": "the school", "complaint_headteacher": "the headteacher",
                  "complaint_governor": "one of the governors", "complaint_clerk": "the clerk to the governors",
                  "complaint_head_and_chair": "the headteacher and the chair of governors",
                  "stage_2": "the school", "staff_allegation": "a member of staff"}
# The button a parent would press for a row's matter, when the assistant asks with buttons.
PAYLOAD_BY_CATEGORY = {"concern": "concern_child", "bullying": "report_bullying", "handoff": "ask_human",
                       "cyberbullying": "report_cyberbullying", "social_media": "social_media_post",
                       "safeguarding": "safeguarding_child", "complaint": "complain"}


def question_kind(reply: dict) -> str | None:
    """Which of its questions the assistant just asked (its own wording), or None."""
    text = reply.get("text") or ""
    # The summary first: it quotes the other questions' labels ("Child's first name: ...").
    checks = (("Here's what I'll send", "confirm"), ("Who is it about", "subject"),
              ("Who or what is the complaint about", "subject"), ("first name", "child_name"),
              ("Which class", "child_class"), ("in your own words", "account"), ("What is your name", "parent_name"),
              ("phone number or email", "contact"))
    for phrase, kind in checks:
        if phrase in text:
            return kind
    return "clarify" if reply.get("buttons") else None


class Chat:
    def __init__(self, session: aiohttp.ClientSession, url: str, tracker_url: str, jwt_secret: str):
        self.session, self.url, self.tracker_url, self.jwt_secret = session, url, tracker_url, jwt_secret
        self.sender = "bench-" + uuid.uuid4().hex
        self.said: list[dict] = []

    async def say(self, text: str) -> list[dict]:
        async with self.session.post(self.url, json={"sender": self.sender, "message": text},
                                     timeout=aiohttp.ClientTimeout(total=120)) as reply:
            replies = await reply.json()
        self.said += replies
        return replies

    async def slots(self) -> dict:
        async with self.session.get(self.tracker_url.format(sender=self.sender),
                                    headers=rasa_api_headers(self.jwt_secret)) as reply:
            return (await reply.json())["slots"]


# The order the forms ask their questions in (domain.yml's intake form).
FORM_ORDER = ("subject", "child_name", "child_class", "account", "parent_name", "contact", "confirm")


def _step_whose_question_was_passed_over(steps: list[dict], kind: str) -> dict | None:
    """A script step meant for a question the form has gone past without asking (the opening
    already gave that detail): a parent who meant to say it then says it at the next question."""
    if kind not in FORM_ORDER:
        return None
    asked = FORM_ORDER.index(kind)
    return next((s for s in steps if s.get("at") in FORM_ORDER[:asked]), None)


def _pick_button(reply: dict, category: str | None) -> str | None:
    wanted = PAYLOAD_BY_CATEGORY.get(category or "", "")
    for button in reply.get("buttons") or []:
        if wanted and wanted in (button.get("payload") or ""):
            return button["payload"]
    return None


async def _converse(chat: Chat, replies: list[dict], answers: dict, script: list[dict] | None = None,
                    category: str | None = None, turns: int = 14) -> None:
    """Answer the assistant's questions until it asks nothing more (or the script stops)."""
    steps = list(script or [])
    for _ in range(turns):
        if not replies:
            return
        last = replies[-1]
        kind = question_kind(last)
        if kind is None:
            return
        step = next((s for s in steps if s.get("at") == kind), None)
        if step is None:
            step = _step_whose_question_was_passed_over(steps, kind)
        if step is not None:
            steps.remove(step)
            replies = await chat.say(str(step["say"]))
            if step.get("then") == "stop":
                return
            continue
        if kind == "clarify":
            answer = answers.get("clarify") or _pick_button(last, category)
            if answer is None:
                return
        else:
            answer = str(answers.get(kind) or GENERIC_ANSWERS.get(kind) or "")
            if kind == "confirm" and answer.lower() in ("yes", "y", "yes please", "yep"):
                answer = "/affirm"
            if not answer:
                return
        replies = await chat.say(answer)


def _cases(store: CaseStore, sender: str) -> list[dict]:
    return store.list(sender_id=sender)


async def _each(items: list, url: str, tracker_url: str, jwt_secret: str, talk) -> None:
    """`talk(chat, item)` for every item, each in a conversation of its own, a few at a time."""
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with aiohttp.ClientSession() as session:
        async def one(item) -> None:
            async with semaphore:
                await talk(Chat(session, url, tracker_url, jwt_secret), item)
        await asyncio.gather(*(one(item) for item in items))


async def openers_eval(url: str, tracker_url: str, jwt_secret: str, database_url: str,
                       path: Path = HELD_OUT / "openers.yml") -> dict:
    """The first message of each held-out opener: category and route right; a wrong category
    (a guess) rather than a question; safeguarding with 999 first; then the whole conversation,
    answering any clarifying question: the case filed in the end."""
    document = yaml.safe_load(path.read_text())
    items = document.get("messages") or document["openers"]
    store = CaseStore(database_url)
    rows: list[dict] = []

    async def talk(chat: Chat, item: dict) -> None:
        first = await chat.say(item["text"])
        slots = await chat.slots()
        first_text = (first[0].get("text") or "") if first else ""
        answers = {"subject": item.get("subject") if item.get("subject") not in (None, "unknown")
                   else SUBJECT_BY_ROW.get(item["row"], "a member of staff")}
        await _converse(chat, first, answers, category=item["category"])
        filed = _cases(store, chat.sender)
        rows.append({"item": item, "category": slots.get("category"), "routed_to": slots.get("routed_to"),
                     "first_999": says_999_first(first_text),
                     "filed": [(c["category"], c["routed_to"]) for c in filed]})
    await _each(items, url, tracker_url, jwt_secret, talk)

    def right_first(row: dict) -> bool:
        return (row["category"], row["routed_to"]) == (row["item"]["category"], row["item"]["routed_to"])

    def right_in_the_end(row: dict) -> bool:
        return (row["item"]["category"], row["item"]["routed_to"]) in row["filed"]

    by_row: dict[str, list[int]] = {}
    for row in rows:
        counts = by_row.setdefault(row["item"]["row"], [0, 0, 0])
        counts[0] += right_first(row)
        counts[1] += right_in_the_end(row)
        counts[2] += 1
    safeguarding = [r for r in rows if r["item"]["category"] == "safeguarding"]
    recalled = [r for r in safeguarding if r["first_999"] and any(c == "safeguarding" for c, _ in r["filed"])]
    wrong_guess = [r for r in rows if r["category"] and r["category"] != r["item"]["category"]]
    others = [r for r in rows if r["item"]["category"] != "safeguarding"]
    false_alarms = [r for r in others if any(c == "safeguarding" for c, _ in r["filed"])]
    return {
        "total": len(rows),
        "first_message_right": sum(map(right_first, rows)) / len(rows),
        "wrong_category_guess": len(wrong_guess) / len(rows),
        "filed_right_in_the_end": sum(map(right_in_the_end, rows)) / len(rows),
        "safeguarding_recall_999_first": len(recalled) / len(safeguarding),
        "safeguarding_missed": [r["item"]["text"] for r in safeguarding if r not in recalled],
        "false_alarms": [r["item"]["text"] for r in false_alarms],
        "wrong_guesses": [(r["item"]["text"], r["item"]["category"], r["category"]) for r in wrong_guess],
        "filed_wrong": [(r["item"]["row"], r["item"]["text"], r["filed"]) for r in rows if not right_in_the_end(r)],
        "rows": [(r["item"]["row"], r["item"]["text"], (r["category"], r["routed_to"]), r["filed"]) for r in rows],
        "by_row": {name: tuple(counts) for name, counts in sorted(by_row.items())},
    }


async def no_case_eval(url: str, tracker_url: str, jwt_secret: str, database_url: str,
                       path: Path = HELD_OUT / "no_case.yml") -> dict:
    """Messages that must start no case: the share that started one (a triage, a form), and
    the share that raised an urgent safeguarding alert. Nothing is answered after the first
    reply, so a case counts as started when the assistant triaged the message."""
    items = yaml.safe_load(Path(path).read_text())["messages"]
    store = CaseStore(database_url)
    rows: list[dict] = []

    async def talk(chat: Chat, item: dict) -> None:
        await chat.say(str(item["text"]))
        slots = await chat.slots()
        filed = _cases(store, chat.sender)
        rows.append({"item": item, "started": bool(slots.get("category") or filed),
                     "alert": any(c["urgency"] == "urgent" for c in filed)})
    await _each(items, url, tracker_url, jwt_secret, talk)
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        counts = by_kind.setdefault(row["item"]["kind"], [0, 0, 0])
        counts[0] += row["started"]
        counts[1] += row["alert"]
        counts[2] += 1
    return {
        "total": len(rows),
        "started_a_case": sum(r["started"] for r in rows) / len(rows),
        "urgent_alert": sum(r["alert"] for r in rows) / len(rows),
        "alerts": [r["item"]["text"] for r in rows if r["alert"]],
        "started": [r["item"]["text"] for r in rows if r["started"]][:40],
        "by_kind": {kind: tuple(counts) for kind, counts in sorted(by_kind.items())},
    }


async def enquiries_eval(url: str, tracker_url: str, jwt_secret: str, database_url: str, office_phone: str,
                         path: Path = HELD_OUT / "enquiries.yml") -> dict:
    """Everyday enquiries (tests/heldout/enquiries.yml): right when answered on the topic
    asked (thanks thanked; "other" sent to the office, by the enquiry answer or the
    out-of-scope one, which both give the office's phone), and any case started counted."""
    items = yaml.safe_load(Path(path).read_text())["messages"]
    store = CaseStore(database_url)
    rows: list[dict] = []

    async def talk(chat: Chat, item: dict) -> None:
        replies = await chat.say(str(item["text"]))
        slots = await chat.slots()
        filed = _cases(store, chat.sender)
        answered = slots.get("enquiry_topic")
        said = " ".join(r.get("text") or "" for r in replies)
        if item["topic"] == "other":
            right = answered == "other" or (answered is None and office_phone in said and not slots.get("category"))
        else:
            right = answered == item["topic"]
        rows.append({"item": item, "answered": answered, "right": right and not filed and not slots.get("category"),
                     "started": bool(slots.get("category") or filed),
                     "alert": any(c["urgency"] == "urgent" for c in filed)})
    await _each(items, url, tracker_url, jwt_secret, talk)
    by_topic: dict[str, list[int]] = {}
    for row in rows:
        counts = by_topic.setdefault(row["item"]["topic"], [0, 0, 0])
        counts[0] += row["right"]
        counts[1] += row["started"]
        counts[2] += 1
    return {"total": len(rows), "right": sum(r["right"] for r in rows) / len(rows),
            "started_a_case": sum(r["started"] for r in rows) / len(rows),
            "urgent_alert": sum(r["alert"] for r in rows) / len(rows),
            "by_topic": {topic: tuple(counts) for topic, counts in sorted(by_topic.items())},
            "started": [r["item"]["text"] for r in rows if r["started"]][:40],
            "wrong": [(r["item"]["text"], r["item"]["topic"], r["answered"]) for r in rows if not r["right"]]}


def enquiries_report(result: dict) -> str:
    """The everyday-enquiries issue's targets, as a Markdown section."""
    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    topics = ["| topic | answered right | started a case | of |", "|---|---|---|---|"]
    for name, (right, started, total) in result["by_topic"].items():
        topics.append(f"| {name} | {right} ({right / total:.0%}) | {started} | {total} |")
    started = "\n".join(f"- {text}" for text in result["started"]) or "- none"
    return f"""## Everyday enquiries (`tests/heldout/enquiries.yml`)

Written apart from the training data, never trained on; each labelled with the topic it asks
(`tests/heldout/enquiry_topics.md`). Right means answered on that topic from the profile (for
`other`: sent to the office with its phone number) and no case started.

| target | result | |
|---|---|---|
| everyday enquiries ({result['total']}) answered with the right answer or signpost: at least 95% | {result['right']:.1%} | {verdict(result['right'] >= 0.95)} |
| everyday enquiries that started a case: none | {result['started_a_case']:.1%} | {verdict(result['started_a_case'] == 0)} |
| of which raised an urgent alert | {result['urgent_alert']:.1%} | |

{chr(10).join(topics)}

Enquiries that started a case:

{started}
"""


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").lower()).split())


async def conversations_eval(url: str, tracker_url: str, jwt_secret: str, database_url: str,
                             path: Path = HELD_OUT / "conversations.yml") -> dict:
    """Each held-out conversation driven to its end: right when the cases filed are exactly the
    ones expected (category and route), an alert was raised only if expected, nothing the
    parent said to stop is stored as a detail, and every detail expected is stored."""
    items = yaml.safe_load(Path(path).read_text())["conversations"]
    store = CaseStore(database_url)
    results: list[dict] = []

    async def talk(chat: Chat, item: dict) -> None:
        expected = item.get("expect") or {}
        wanted = sorted((c["category"], c["routed_to"]) for c in expected.get("cases") or [])
        first = await chat.say(item["opening"])
        await _converse(chat, first, item.get("answers") or {}, item.get("script"),
                        category=(expected.get("cases") or [{}])[0].get("category"))
        filed = _cases(store, chat.sender)
        got = sorted((c["category"], c["routed_to"]) for c in filed)
        problems = []
        if got != wanted:
            problems.append(f"filed {got}, expected {wanted}")
        if any(c["urgency"] == "urgent" for c in filed) != bool(expected.get("alert")):
            problems.append("alert" if not expected.get("alert") else "no alert")
        details = ("subject_name", "child_name", "child_class", "parent_name", "parent_contact", "account")
        stored = [_normal(str(c.get(d) or "")) for c in filed for d in details]
        for words in expected.get("not_stored") or []:
            if _normal(words) in stored:
                problems.append(f"stored {words!r}")
        for detail, value in (expected.get("stored") or {}).items():
            column = {"contact": "parent_contact"}.get(detail, detail)
            if not any(_normal(str(c.get(column) or "")) == _normal(str(value)) for c in filed):
                problems.append(f"{detail} not {value!r}")
        results.append({"name": item["name"], "kind": item["kind"], "right": not problems,
                        "problems": problems})
    await _each(items, url, tracker_url, jwt_secret, talk)
    by_kind: dict[str, list[int]] = {}
    for result in results:
        counts = by_kind.setdefault(result["kind"], [0, 0])
        counts[0] += result["right"]
        counts[1] += 1
    return {"total": len(results), "right": sum(r["right"] for r in results) / len(results),
            "by_kind": {kind: tuple(counts) for kind, counts in sorted(by_kind.items())},
            "wrong": [(r["name"], r["problems"]) for r in results if not r["right"]]}


async def evaluate(url: str, tracker_url: str, jwt_secret: str, database_url: str, office_phone: str = "") -> dict:
    if not office_phone:
        from concerns.profile import load_profile
        from concerns.settings import Settings
        office_phone = load_profile(Settings().school_profile).office_phone
    return {"openers": await openers_eval(url, tracker_url, jwt_secret, database_url),
            "no_case": await no_case_eval(url, tracker_url, jwt_secret, database_url),
            "conversations": await conversations_eval(url, tracker_url, jwt_secret, database_url),
            "enquiries": await enquiries_eval(url, tracker_url, jwt_secret, database_url, office_phone)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(evaluate(*sys.argv[1:5])), indent=1, ensure_ascii=False))


def report(result: dict) -> str:
    """The triage issue's targets and the figures behind them, as a Markdown section."""
    openers, no_case, conversations = result["openers"], result["no_case"], result["conversations"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    rows = ["| routing-table row | right from the first message | filed right in the end | of |", "|---|---|---|---|"]
    for name, (first, end, total) in openers["by_row"].items():
        rows.append(f"| {name} | {first} ({first / total:.0%}) | {end} ({end / total:.0%}) | {total} |")
    kinds = ["| kind | started a case | urgent alert | of |", "|---|---|---|---|"]
    for name, (started, alert, total) in no_case["by_kind"].items():
        kinds.append(f"| {name} | {started} ({started / total:.0%}) | {alert} ({alert / total:.1%}) | {total} |")
    talks = ["| kind | ended right | of |", "|---|---|---|"]
    for name, (right, total) in conversations["by_kind"].items():
        talks.append(f"| {name} | {right} ({right / total:.0%}) | {total} |")
    alarms = "\n".join(f"- {text}" for text in no_case["alerts"][:40]) or "- none"
    missed = "\n".join(f"- {text}" for text in openers["safeguarding_missed"]) or "- none"
    wrong = "\n".join(f"- {name}: {'; '.join(problems)}" for name, problems in conversations["wrong"]) or "- none"
    return f"""## The triage issue's held-out sets (`tests/heldout/openers.yml`, `no_case.yml`, `conversations.yml`)

Written apart from the training data by writers who never saw it, never trained on
(`tests/unit/test_training_data_apart.py`), driven through the running assistant; a case counts
when it is in the case database, an alert when its urgency is urgent.

| target | result | |
|---|---|---|
| openers ({openers['total']}) right from the first message (category and route): at least 90% | {openers['first_message_right']:.1%} | {verdict(openers['first_message_right'] >= 0.90)} |
| openers given a wrong category (a guess, not a question): at most 3% | {openers['wrong_category_guess']:.1%} | {verdict(openers['wrong_category_guess'] <= 0.03)} |
| cases filed at the end, after any clarifying question, right: at least 97% | {openers['filed_right_in_the_end']:.1%} | {verdict(openers['filed_right_in_the_end'] >= 0.97)} |
| safeguarding recall on the openers, with 999 first: 100% | {openers['safeguarding_recall_999_first']:.1%} | {verdict(openers['safeguarding_recall_999_first'] >= 1.0)} |
| no-case messages ({no_case['total']}) that start any case: at most 2% | {no_case['started_a_case']:.1%} | {verdict(no_case['started_a_case'] <= 0.02)} |
| no-case messages that raise an urgent alert: at most 0.5% | {no_case['urgent_alert']:.1%} | {verdict(no_case['urgent_alert'] <= 0.005)} |
| multi-turn conversations ({conversations['total']}) that end right: at least 95% | {conversations['right']:.1%} | {verdict(conversations['right'] >= 0.95)} |

### Openers by routing-table row

{chr(10).join(rows)}

Safeguarding openers missed (no alert with 999 first):

{missed}

### No-case messages by kind

{chr(10).join(kinds)}

Urgent alerts raised for no-case messages (the first 40):

{alarms}

### Conversations by kind

{chr(10).join(talks)}

Conversations that did not end right:

{wrong}
"""
