"""Reading a long, rambling first message by its sentences when the whole of it is unclear.

"right so i dont normally do this sort of thing ... loves his football ... well it turns out he
didnt fall. theres a lad in his class who has been punching him on the field at dinner ..." The
classifier was trained on messages of a sentence or two; read whole, a long message's story
(a nana in hospital, thanks to a teacher, what the parent has tried) drowns what it is about,
and the reading comes out unsure or, most often, a weak "a child may be at risk" (conversations_dev3:
three of ten long openers filed nothing; the parent was asked whether a child was at risk, or
what they meant). One of its sentences usually says plainly what it is about.

So when the whole reading is unsure, each sentence is read on its own, and a matter that one or
more sentences read confidently, with no sentence reading another matter or any risk to a
child, is what the message is about. Anything else (two different matters, a sentence that may
tell of risk) leaves the whole reading as it was, so the parent is asked rather than guessed at,
and the safety net (concerns/safety.py) still reads every word afterwards.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence

# Only messages this long, in this many sentences of a few words each, are read by sentence.
LONG_MESSAGE_WORDS = 40
FEWEST_SENTENCES = 3
SENTENCE_WORDS = 4
# The whole reading counts as unsure below this (the fallback asks below 0.3, or when the first
# two are close; a weak "at risk" reading below 0.8 is asked about, components/safeguarding_net.py).
UNSURE_WHOLE = 0.5
WEAK_RISK_WHOLE = 0.8
# A sentence says what the message is about when read this surely; and it may tell of risk when
# any sentence reads a child at risk or an allegation this much.
SURE_SENTENCE = 0.7
RISK_IN_A_SENTENCE = 0.4

RISK_READINGS = ("safeguarding_child", "staff_allegation")
# Matters a long first message can be about (not thanks, greetings or questions about the bot);
# asking for a person is one: "can someone ring me" after a complaint makes two, and the parent
# is asked which they want.
MATTER_READINGS = ("ask_human", "concern_child", "complain_staff", "complain_school", "complain_headteacher",
                   "complain_governor", "complaint_stage_2", "report_bullying", "report_cyberbullying",
                   "social_media_post")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

Ranking = List[Dict[str, float]]


def sentences_of(text: str) -> List[str]:
    """The sentences of a long message worth reading on their own; [] for a message not long enough."""
    if len((text or "").split()) < LONG_MESSAGE_WORDS:
        return []
    found = [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= SENTENCE_WORDS]
    return found if len(found) >= FEWEST_SENTENCES else []


def whole_is_unsure(ranking: Ranking) -> bool:
    """Is the reading of the whole message one the assistant would ask about rather than act on?"""
    if not ranking:
        return True
    first = ranking[0]
    confidence = float(first.get("confidence") or 0)
    if first.get("name") in RISK_READINGS:
        return confidence < WEAK_RISK_WHOLE
    return confidence < UNSURE_WHOLE


def reading_by_sentences(whole: Ranking, sentence_rankings: Sequence[Ranking]) -> Optional[Ranking]:
    """The message's ranking with the matter its sentences plainly say first; None when the
    whole reading stands (it was sure, or the sentences disagree or may tell of risk)."""
    if not sentence_rankings or not whole_is_unsure(whole):
        return None
    sure: Dict[str, float] = {}
    for ranking in sentence_rankings:
        if any(r.get("name") in RISK_READINGS and float(r.get("confidence") or 0) >= RISK_IN_A_SENTENCE
               for r in ranking):
            return None  # a sentence that may tell of risk: the whole reading (and its question) stands
        if ranking and ranking[0].get("name") in MATTER_READINGS \
                and float(ranking[0].get("confidence") or 0) >= SURE_SENTENCE:
            name = str(ranking[0]["name"])
            sure[name] = max(sure.get(name, 0.0), float(ranking[0]["confidence"]))
    if len(sure) != 1:
        return None  # nothing plain, or two matters: the parent is asked which
    (matter, confidence), = sure.items()
    rest = [r for r in whole if r.get("name") != matter]
    left = sum(float(r.get("confidence") or 0) for r in rest) or 1.0
    return [{"name": matter, "confidence": confidence}] + [
        {"name": r["name"], "confidence": float(r.get("confidence") or 0) / left * (1 - confidence)} for r in rest]
