"""A safety net under the language model: words that mean a child may be at risk.

The trained model recognises most safeguarding worries, but missing one is the worst
mistake this assistant can make. These patterns, drawn from the signs of abuse and
neglect named in Keeping Children Safe in Education, catch plain statements of risk the
model might score as something milder. A match makes the message safeguarding; the cost
of a false alarm (the DSL reads a case that was not urgent) is far smaller than a miss.
"""
from __future__ import annotations

import re

from concerns.normalise import normalise

_ADULT = (r"(dad|daddy|father|mum|mummy|mother|step ?dad|step ?mum|step ?father|step ?mother|"
          r"(mum'?s|mums|dad'?s|dads) (boyfriend|girlfriend|partner)|boyfriend|girlfriend|uncle|auntie|aunt|"
          r"grandad|grandpa|granddad|nan|grandma|an adult|a man|a woman|older (man|men|boys|lads|kids))")
_HARM = (r"(hits?|hitting|hurts?|hurting|beats?|beating|beaten|punch\w*|kicks?|kicking|slaps?|slapping|"
         r"smack\w*|chok\w*|strangl\w*|burn(s|t|ed|ing)?|touch(es|ed|ing)?|throws? (him|her|them)|locks? (him|her|them))")
_STAFF = (r"(teacher|ta|teaching assistant|member of staff|staff member|one of the staff|nursery staff|coach|"
          r"caretaker|dinner lady|lunchtime (lady|supervisor|staff)|supervisor|club staff|headteacher|head teacher|"
          r"sir|miss \w+|mr \w+|mrs \w+|ms \w+)")
_STAFF_HARM = (r"(grab(s|bed|bing)?|hit(s|ting)?|slap(s|ped|ping)?|smack(s|ed|ing)?|shov(e|es|ed|ing)|kick(s|ed|ing)?|"
               r"drag(s|ged|ging)?|touch(es|ed|ing)|restrain(s|ed|ing)?|locked (him|her|them)|"
               r"pinned (him|her|them)|threw|was rough|put (his|her) hands? on)")

AT_RISK = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # self-harm and suicide
    r"\b(self[- ]?harm\w*|cutting (him|her|them)sel(f|ves)|cuts on (his|her|their) (arms?|legs?|wrists?)|"
    r"(kill|hurt|harm)(ing)? (him|her|them)sel(f|ves)|wants? to die|wanted to die|suicid\w*|"
    r"end (his|her|their) life|not want to be alive|doesn'?t want to (be alive|live))\b",
    # harm by an adult at home or elsewhere
    rf"\b{_ADULT}\b.{{0,40}}\b{_HARM}\b",
    # sexual harm, grooming, exploitation
    r"\b(private parts|touched (him|her|them) (inappropriately|down there)|inappropriate(ly)? touch\w*|"
    r"sexual\w*|groom(ed|ing)|nudes?|naked (photos?|pictures?|pics?)|indecent|county lines|"
    r"sex(ually)? abus\w*)\b",
    rf"\b(stranger|adult|man|woman|someone (older|(he|she) met online))\b.{{0,30}}\b(messag\w*|"
    rf"snapchat\w*|asking (him|her) for (photos|pictures|pics))\b",
    # neglect
    r"\b(not (being |been )?fed|no food (at|in the) (home|house)|starving|always hungry|hungry all the time|"
    r"left (at )?home alone|home alone|left on (his|her|their) own (all night|overnight|for days)|"
    r"nobody (picks|looks after) (him|her|them))\b",
    # fear of home, danger, domestic abuse, going missing, FGM, forced marriage
    r"\b(scared|afraid|frightened|terrified|does ?n[o']?t want|won'?t|refuses to)\b.{0,25}\bgo(ing)? (back )?home\b",
    r"\b(not safe at home|unsafe at home|in danger|domestic (violence|abuse)|gone missing|"
    r"run(s)? away from home|ran away from home|fgm|forced (to )?marr\w*)\b",
    # signs of physical abuse
    r"\b(unexplained|covered in|always (has|got)|keeps? (getting|coming in with)|lots of|finger ?marks?|belt)\b"
    r".{0,15}\b(bruis\w*|marks|injur\w*|burns?|welts?)\b",
    r"\bflinch\w*\b",
)]
STAFF_HARM = re.compile(rf"\b{_STAFF}\b.{{0,40}}\b{_STAFF_HARM}\b", re.IGNORECASE)


def may_be_at_risk(text: str) -> bool:
    """True when the words say a child may be harmed, abused, neglected or at risk."""
    text = normalise(text or "")
    return any(pattern.search(text) for pattern in AT_RISK)


def alleges_staff_harm(text: str) -> bool:
    """True when the words say a member of staff physically or sexually harmed a child."""
    return bool(STAFF_HARM.search(normalise(text or "")))


def safeguarding_matter(text: str, predicted: str) -> str | None:
    """The safeguarding matter the words call for, when the model's guess is milder."""
    if predicted in ("safeguarding_child", "staff_allegation"):
        return None
    if alleges_staff_harm(text):
        return "staff_allegation"
    if may_be_at_risk(text):
        return "safeguarding_child"
    return None
