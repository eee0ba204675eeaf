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
# Who the harm is done to: a person, not "her tummy hurts a lot".
_HARMED = r"(him|her|them|me|us|my|his|their|the (kids|children|baby|little ones)|[a-z]+'s)"
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
    # harm by an adult at home or elsewhere, done to someone: "her dad hits her", not "mum
    # here, her tummy hurts a lot" (an everyday word pair that must never alert on its own)
    rf"\b{_ADULT}\b.{{0,40}}\b{_HARM}\s+{_HARMED}\b",
    # sexual harm, grooming, exploitation
    r"\b(private parts|touched (him|her|them) (inappropriately|down there)|inappropriate(ly)? touch\w*|"
    r"sexual\w*|groom(ed|ing)|nudes?|naked (photos?|pictures?|pics?)|indecent|county lines|"
    r"sex(ually)? abus\w*)\b",
    # (messaging a child, never "a man from the council messaged me")
    rf"\b(stranger|adult|man|woman|someone (older|(he|she) met online))\b.{{0,30}}\b((messag\w*|snapchat\w*|dm\w*|"
    rf"text(s|ed|ing)|add(s|ed|ing)|friend request\w*)\s+(him|her|my (son|daughter|boy|girl|lad|kid|child|little one|"
    rf"\d+ ?(yr|year)s?[- ]?old))|asking (him|her) for (photos|pictures|pics))\b",
    # neglect
    r"\b(not (being |been )?fed|no food (at|in the) (home|house)|always hungry|hungry all the time|"
    r"left (at )?home alone|home alone|left on (his|her|their) own (all night|overnight|for days)|"
    r"nobody (picks|looks after) (him|her|them))\b",
    # fear of home, danger, domestic abuse, going missing, FGM, forced marriage
    r"\b(scared|afraid|frightened|terrified|does ?n[o']?t want|won'?t|refuses to)\b.{0,25}\bgo(ing)? (back )?home\b",
    r"\b(not safe at home|unsafe at home|in danger|domestic (violence|abuse)|"
    r"run(s)? away from home|ran away from home|fgm|forced (to )?marr\w*)\b",
    # signs of physical abuse
    r"\b(unexplained|covered in|always (has|got)|keeps? (getting|coming in with)|lots of|finger ?marks?|belt)\b"
    r".{0,15}\b(bruis\w*|marks|injur\w*|burns?|welts?)\b",
    r"\bflinch\w*\b",
    # harm happening as the parent writes: "he's hurting her now" (in a paused conversation too)
    r"\b(hurting|hitting|beating|attacking|kicking|punching|strangling|choking|battering|threatening)\s+"
    r"(him|her|them|me|us|my \w+|the (kids|children|baby))\b.{0,20}\b(now|right now|as we speak|at the moment)\b",
)]
# Written from KCSIE part one and annex B (child-on-child abuse, serious violence, children
# missing, exploitation, so-called honour-based abuse, radicalisation, domestic abuse), by a
# writer who never saw the held-out sets; each was checked to match none of the training
# data's examples of other intents. They read the normalised text (straight apostrophes).
KCSIE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # upskirting ("under her skirt" only with a camera, a look or a hand: never "shorts under her skirt for pe")
    r"\bup[\s-]?skirt\w*|\b(phones?|cameras?|pictures?|photos?|pics?|videos?|film\w*)\b.{0,30}\bup (her|"
    r"(the |some )?girls?'?|my daughters?'?) (skirts?|dress(es)?)\b|\b(phones?|cameras?|pictures?|photos?|pics?|videos?|"
    r"film\w*|look\w*|peek\w*|peep\w*|hands?|reach\w*)\b.{0,25}\bunder (her|my daughters?'?|(the |some )?girls?'?) "
    r"(skirts?|dress(es)?)\b",
    # nude and semi-nude images, sextortion
    r"\b(semi[\s-]?nudes?|sexting|sextortion)\b|\b(naked|no clothes on|topless|no top on)\b.{0,20}\b(pic|pics|photo|photos|"
    r"picture|pictures|selfies?|images?|videos?)\b|\b(pic|pics|photo|photos|picture|pictures|images?|videos?)\b.{0,25}\b"
    r"(naked|no clothes on|topless|no top on|(his|her|their) privates|private parts)\b",
    # sexual touching, forcing to strip, pulling clothes down
    r"\b(made|make|makes|forced|forcing)\s+(him|her|me|them|my (son|daughter))\s+(touch|show|strip|take (his|her|my|their) "
    r"clothes off)\b|\btouch(ed|es|ing)?\s+(him|her|me|my (son|daughter))\b.{0,25}\b(private parts?|privates|willy|willie|"
    r"penis|vagina|fanny|between (his|her|my) legs|down there)\b|\btouch(ed|es|ing)? (his|her|my) (private parts?|privates|"
    r"willy|willie|penis|vagina|fanny)\b|\bpull(ed|ing|s)? (my (son|daughter)s?'?|her|his) (pants|knickers|trousers|"
    r"leggings|shorts|skirt)\s*(and \w+ )?(down|off)\b",
    # weapons: carried, shown or used (not a knife and fork)
    r"^(?=.*\b(brought|bring\w*|carr(y|ies|ying)|has|had|got|pull(ed|s)?|show(ed|ing)|threaten\w*|waving|shot|in (his|her|"
    r"their|my) (bag|coat|pocket))\b).*?\b((?<!shoulder )(?<!razor )blade|(?<!plastic )(?<!butter )(?<!cake )knife|knives|"
    r"machete|zombie knife|knuckle ?dusters?|bb gun|air ?gun|air rifle|pellet gun)\b(?! and fork)",
    r"\bstabb(ed|ing)\b",
    # strangulation, serious assault
    r"\bstrangl\w*|\bchok(ed|ing|es) (him|her|me|my \w+)( out)?\b|\bchoked out\b|\bhands? (round|around) (his|her|my|"
    r"their) (neck|throat)\b|\bby (the|his|her|my) throat\b",
    r"\bstamp(ed|ing|s)? on (his|her|my|their) head\b|\b(hit|smashed|whacked|bashed|attacked)\b.{0,30}\bwith a (brick|"
    r"bottle|hammer|baseball bat|metal bar|crowbar)\b|\b(bottle|brick) (over|into) (his|her|my \w+) head\b",
    # a child missing
    r"\b(hasn'?t|has not|didn'?t|did not|never|not)\s+(come|came|got|get|arrived?)\s+(back\s+)?home\b(?!\s+(with|till|"
    r"until|before|in time|in (his|her|their|the|my|our) (book |school |reading |pe )?(bag|folder|drawer|lunch ?box)))|"
    r"\b(my (son|daughter|child|boy|girl|lad|kid|\d+ ?(yr|year) old)|he|she|he'?s|she'?s)\s+(has\s+|"
    r"is\s+|been\s+)?(gone|went|is|been|going)\s+missing\b|\b(missing from (home|care)|runs? away at night|"
    r"run(ning)? off at night)\b|\bpolice (are|were) (looking|searching)\b",
    # FGM, forced marriage, radicalisation
    r"\bfemale genital|\bgenital mutilation|\bcut (her )?down there\b|\bcutting ceremony\b",
    r"\bforced marriage\b|\bmarried off\b|\bfound (her|him) a (husband|wife)\b|\bengagement to a (grown )?man\b",
    r"\bradicali[sz]\w*|\bextremis[tm]\w*|\bbeheading\w*|\bjihad\w*|\bfar[\s-]right\b|\bwhite power\b",
    # criminal exploitation, county lines
    r"\bcuckoo(ing|ed)\b|\b(do|doing|did) a run\b(?=\s*($|[,.!?]|for (him|them|some|older|the (lads|boys|older)|a (man|lad|"
    r"gang))))|\brun(ning)? drugs\b|\bdrug (run|dealers?)\b|\btrap house\b|\b(stash|hold|carry|take|drop off)\w* .{0,25}"
    r"\bfor (some |the )?older (lads|boys|kids|teens?|teenagers)\b",
    # parental substance misuse, domestic abuse, a child's own disclosure
    r"\b(heroin|cocaine|ketamine|crack cocaine)\b|\bfound (a |some )?(needles?|syringes?)\b|\b(is|was|were|completely|"
    r"totally|proper|absolutely|always|been)\s+off (his|her|their) face\b",
    r"\bnon[\s-]?molestation\b|\bpinned me\b|\b(he|my partner|my husband|my ex|my boyfriend)\b.{0,10}\b(hits|hit|hurts|"
    r"beats|strangled|choked) me\b",
    r"\bmy (dad|mum|mam|step ?dad|step ?mum|uncle|mums boyfriend|mams boyfriend|mum'?s boyfriend)\b.{0,25}\b(hits|hurts|hit|"
    r"hurt|touches|touched|kicks|kicked) me\b|\bi (dont|don'?t) feel safe at (home|my house)\b",
)]
# Child-on-child abuse, serious violence, a child missing or taken, and online grooming, in the
# words parents use (issue 11, item 6). KCSIE part one names sexual assault and "causing
# someone to engage in sexual activity without consent, such as forcing someone to strip, touch
# themselves sexually", sharing nudes and semi-nudes, upskirting, physical abuse and serious
# violence as child-on-child abuse for the DSL, not bullying for the class teacher; annex B adds
# children missing and child abduction ("unauthorised removal ... by parents or other family
# members"); NSPCC and Childnet name a groomer's asks: pictures, meeting up, keeping it secret.
# Written from that guidance, lower case, without apostrophes and in text speak, as parents write.
_CHILD = (r"(him|her|them|me|us|my \d+ ?(yr|year)s?[- ]?old( (son|daughter|boy|girl|lad))?|"
          r"my (son|daughter|boy|girl|lad|kid|child|little (one|boy|girl)|\w+)|"
          r"(our|the|another|a|other) (kid|kids|child|children|little ones|boy|girl|boys|girls|pupil|pupils)|[a-z]+)")
# Whose body: "her", "his", "my daughters", "the girls'", "another kids".
_WHOSE = r"(his|her|their|my|your|me|him|them|(my |the |another |other )?[a-z]+'?s|(the )?(girls|boys|kids)'?)"
_PRIVATE = (r"(private parts?|privates|private (bits|area|place)|privat parts|willy|willie|winkle|winky|penis|"
            r"dick|vagina|fanny|front bottom|foof|minnie|genitals|boobs|breasts|tits|nipples)")
_UNDERWEAR = r"(pants|knickers|undies|underwear|trousers|bottoms|trackies|joggers|leggings|shorts|skirt|dress|nappy)"
_SEXUAL_TOUCH_VERB = (r"(touch(es|ed|ing)?|grab(s|bed|bing)?|grop(e|es|ed|ing)|rub(s|bed|bing)?|"
                      r"squeez(e|es|ed|ing)|pinch(es|ed|ing)?|strok(e|es|ed|ing)|lick(s|ed|ing)?|kiss(es|ed|ing)?|"
                      r"pok(e|es|ed|ing)|prod(s|ded|ding)?|fiddl(e|es|ed|ing) with)")
SEXUAL_TOUCHING = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # touching, seeing, showing or filming private parts: "keeps touching her privates",
    # "made him touch his willy", "showed them his willy", "asked to see her fanny"
    # (not "the doctor looked at his willy", nor "she feels her privates are sore")
    rf"\b({_SEXUAL_TOUCH_VERB}|show(s|ed|ing|n)?|flash(es|ed|ing)?|film(s|ed|ing)?|photo\w*|video\w*|pics? of|"
    rf"pictures? of|(ask\w*|wants?|wanted|tried|trying|made|make|makes|dared|dares)\s+({_CHILD}\s+)?to\s+(see|look at))"
    rf"\b.{{0,30}}\b{_WHOSE}\s+{_PRIVATE}\b|\b(felt|feeling|feel)\s+(him|her|them|me)\s+up\b",
    rf"\b(get|gets|got|getting|took|take|takes|taking|pull(s|ed|ing)?)\s+(his|their)\s+{_PRIVATE}\s+out\b",
    # "keeps touching her bits", "grabbed her bum" (never "bits and bobs", "bits of paper")
    rf"\b(touch(es|ed|ing)?|grab(s|bed|bing)?|grop(e|es|ed|ing)|feel(s|ing)?|felt|rub(s|bed|bing)?|squeez(e|es|ed|ing)|"
    rf"pinch(es|ed|ing)?|strok(e|es|ed|ing))\b.{{0,20}}\b(his|her|their|my \w+'?s?|[a-z]+'?s)\s+(bits(?!\s+(and|n|of|&)\b)|"
    rf"bum|bottom|backside|arse|crotch|groin)\b",
    # "between her legs", "hand down her knickers", "hand up her skirt"
    # (never a child's own hands: "his hands between his legs", "his hands down his trousers")
    r"\b(touch(es|ed|ing)?|hands?|fingers?|feel(s|ing)?|felt|rub(s|bed|bing)?|grab(s|bed|bing)?|grop\w*)\b.{0,25}"
    r"\bbetween (her|their|my \w+'?s?|the girls?'?) legs\b|\b(touch|feel|felt|rub|grab|grop)\w* (him|her|them|my \w+) "
    r"between (the|his|her|their) legs\b",
    rf"\b(his (hands?|fingers?) (down|up|in|inside|into) (?!his\b)|her (hands?|fingers?) (down|up|in|inside|into) "
    rf"(?!her\b)|(?<!his )(?<!her )(hands?|fingers?) (down|up|in|inside|into) ){_WHOSE}\s+({_UNDERWEAR}|top|shirt|t-shirt)\b",
    # "pulling her knickers down", "pulled down his pants", "tried to pull her pants off". "Pulled
    # his trousers down" alerted before this change and still does; "pulling down my sons trousers
    # in pe" is bullying in the training data, so "pull down" alerts for underwear only.
    rf"\bpull(s|ed|ing)?\s+(down|off)\s+{_WHOSE}\s+(pants|knickers|undies|underwear|nappy)\b|"
    rf"\bpull(s|ed|ing)?\s+{_WHOSE}\s+{_UNDERWEAR}\s+((and|n) \w+ )?(down|off)\b",
    # made to touch, strip or kiss: "made her touch him", "told him to pull his pants down"
    rf"\b(made|make|makes|making|forc(e|es|ed|ing)|dared|dares|daring|pressur(e|es|ed|ing))\s+{_CHILD}\s+(to\s+)?"
    rf"(touch\s+(him|her|them|me)\b|(strip|undress|get undressed|get naked)\b|(take|pull)\s+(off\s+)?(his|her|their)\s+"
    rf"(clothes|{_UNDERWEAR})\b)",
    # (told or asked to take off clothes may be a child changed after an accident: only all of them)
    rf"\b(told|tells|telling|asked|asks|asking|get|got|getting|tried to get|trying to get)\s+{_CHILD}\s+(to\s+)?"
    rf"(touch\s+(him|her|me)\b|(strip|get naked)\b|(take|pull)\s+(off\s+)?(all\s+)?(his|her|their)\s+clothes off\b)",
    rf"\b(made|makes|making|forc(e|es|ed|ing)|pressur(e|es|ed|ing))\s+{_CHILD}\s+(to\s+)?(kiss|snog)\b",
    r"\bexpos(e|es|ed|ing) (him|her|them)sel(f|ves)\b|\bflash(es|ed|ing)? (at )?(her|him|them|the (girls|boys|kids))\b",
    r"\b(raped?|raping|humping|humped|hump(s)? (him|her|them)|dry hump\w*|sex (games?|acts?|things?|stuff|videos?)|"
    r"(having|have|had|doing|do|pretend(ing)?( to have)?) sex|porn\w*)\b(?!\s*(education|ed\b|and relationships?|"
    r"lessons?|talk|of the baby))",
    r"\btouch(es|ed|ing)? (him|her|them|me|my \w+|[a-z]+) (inappropriately|in (a|the) wrong way|in (his|her|their) "
    r"(privates|private parts|bits|pants|knickers))\b",
)]
# A young child touching their own body ("my son keeps touching his willy") is, for the NSPCC,
# often part of growing up: a question for the class teacher, not an alert on its own.
SELF_TOUCHING = re.compile(
    rf"\b((he|my (son|boy|lad|little boy))\s+((keeps|kept|is|was|has been|'s been|been|always|often|constantly|"
    rf"sometimes|still|started|keep)\s+)*(touch\w*|play\w* with|fiddl\w* with|rub\w*|scratch\w*)\s+his (own )?|"
    rf"(she|my (daughter|girl|little girl))\s+((keeps|kept|is|was|has been|'s been|been|always|often|constantly|"
    rf"sometimes|still|started|keep)\s+)*(touch\w*|play\w* with|fiddl\w* with|rub\w*|scratch\w*)\s+her (own )?)"
    rf"{_PRIVATE}\b", re.IGNORECASE)


def _sexual_touching(text: str) -> bool:
    """Do the words say a child was touched, shown or made to do something sexual (not a child
    touching their own body)?"""
    own = [match.span() for match in SELF_TOUCHING.finditer(text)]
    return any(not any(start <= match.start() < end for start, end in own)
               for pattern in SEXUAL_TOUCHING for match in pattern.finditer(text))


# Images a child must never be asked to keep or forward (UKCIS): besides nudes, semi-nudes and
# upskirting (KCSIE above), "rude pics", "dick pics", "pictures of her in her knickers", a child
# filmed getting changed, or photographed with their clothes pulled down.
# (not "in the toilets": children are filmed crying there, which the model reads as cyberbullying)
_UNDRESSED = (r"(getting (changed|undressed|dressed)|undressed|naked|in the showers?|on the toilet|"
              r"in (his|her|their) (pants|knickers|undies|underwear))")
NUDE_IMAGES = re.compile(
    # (never "it takes him ages getting changed", nor his recorder)
    rf"\b(film(s|ed|ing)?|record(s|ed|ing)|videos?|video(s|ed|ing)|photo(s|ed|ing|graph\w*)?|pictures? of|pics? of|"
    rf"(took|take|takes|taking) (a |some )?(photos?|pictures?|pics?|videos?|snaps?))\b.{{0,40}}\b{_UNDRESSED}\b|"
    rf"\bpull(s|ed|ing)?\s+((down|off)\s+)?{_WHOSE}\s+{_UNDERWEAR}\b.{{0,40}}\b(took|take|takes|taking|"
    rf"film(s|ed|ing)?|record(s|ed|ing))\b.{{0,15}}\b(photo|picture|pic|video|snap)|"
    # ("rude pictures" may be drawings made to mock a child; "rude pics" and "rude photos" are not)
    r"\b(rude|dirty|naughty)\s+(pics?|photos?|selfies?|snaps?)\b|\b(sexy|sexual|private)\s+(pics?|pictures?|photos?|"
    r"images?|videos?|selfies?|snaps?)\b|"
    rf"\b(dick|willy|boob|tit|fanny)\s+(pics?|pictures?|photos?)\b|\b(pics?|pictures?|photos?|images?|videos?|selfies?)"
    rf"\b.{{0,30}}\b{_PRIVATE}\b|\b(pics?|pictures?|photos?|images?|videos?|selfies?)\b"
    rf".{{0,30}}\b(in (his|her|their|my) ({_UNDERWEAR}|bra|undies|pyjamas|bikini)|with(out)? (his|her|their) "
    rf"({_UNDERWEAR}) (down|off))\b", re.IGNORECASE | re.DOTALL)

# (never "jumped off the wall and broke his arm": an accident alone is not an attack)
_ATTACKED = (r"(\b(jumped (him|her|them|my \w+)\b(?! in (the )?(queue|line))|battered|attacked|beaten up|"
             r"beat (him|her|them) up|set on (him|her|them|my \w+)|ganged up on|glassed|on purpose|"
             r"deliberately|delibrately|purposely)\b|\b(was|got|been|being|were)\s+(hit|punched|kicked|pushed|shoved|thrown|"
             r"stamped on|strangled|jumped|attacked|battered|beaten)\b.{0,30}\bby\s+((a|an|another|some|two|three|four|"
             r"\d+|older|other|the other|a group of|a gang of|this|these|a few)\s+)+(boy|girl|lad|kid|child|pupil|boys|"
             r"girls|lads|kids|children|pupils|year \d+s?)\b|\b(punch\w*|kick\w*|stamp\w*|headbutt\w*|push\w*|shov\w*|"
             r"threw|throw\w*)\s+(him|her|them|my \w+)\b)")
_SERIOUS_INJURY = (r"((broken|broke|fractured?|cracked) ((his|her|their|a) )?(nose|arm|leg|jaw|ribs?|wrist|collar ?bone|"
                   r"cheek ?bone|skull|eye socket|ankle)|concussion|concussed|knocked (out|unconscious)|unconscious|"
                   r"((went|gone|go|taken|took (him|her)|rushed|ended up|end up|been|is|was|had to go|needed to go) (to |in )?"
                   r"(the )?(hospital|a ?& ?e|a and e))|in hospital|an ambulance|stitches|covered in blood|blood everywhere)")
_FLOOR = (r"(on the (floor|ground|deck)|(while|when|as|once) (he|she|they|my \w+) (was|were|is|are|went) down|"
          r"lying (on|there)|curled (up|in a ball)|knock\w* (him|her|them) (down|over))")
SERIOUS_VIOLENCE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # strangling and choking: "choked her till she couldnt breathe", "grabbed him by the neck"
    # (never "choked on a grape", nor a sore throat and asthma)
    r"\b(chok(e|es|ed|ing)\b(?! on)|strangl\w*|squeez\w*|(pinn\w*|sat on|sitting on|lay on|laid on|lying on|kneel\w* on|"
    r"knelt on) (him|her|them|my \w+)|headlock|(round|around|on|by) (his|her|the|their|my \w+'?s?) (neck|throat)|"
    r"pillow over (his|her|their) (face|head|mouth)|suffocat\w*)\b.{0,50}\b(could ?n'?t|could not|cud ?n'?t|can'?t|cannot|cant|"
    r"unable to|struggl\w* to|not able to) (breathe?|get (his|her|their) breath)\b",
    r"\b(grab\w*|held|hold(s|ing)?|squeez\w*|gripp?\w*|pinn\w*|lift\w*|pick\w* (him|her) up)\s+(him|her|them|me|my \w+|"
    r"[a-z]+)\s+(up\s+)?(by|round|around)\s+(the|his|her|their|my) (neck|throat)\b",
    r"\b(arms?|hands?) (round|around) (his|her|their|my \w+'?s?) (neck|throat)\b.{0,40}\b(chok\w*|purple|passed out|"
    r"faint\w*)\b",
    r"\bheld (him|her|them|my \w+) (under|down under) (the )?water\b|\bchoked (him|her|them) out\b",
    # kicked in the head while on the floor; beaten unconscious
    rf"^(?=.*\b{_FLOOR}\b).*\b(kick\w*|stamp\w*|stomp\w*|boot\w*|jump\w* on)\b.{{0,40}}\b(head|face)\b",
    r"\bkick(ed|ing|s)? (his|her|their|my \w+'?s?) head in\b|\bkicked (his|her) head\b|"
    r"\bstamp(ed|ing|s)? on (his|her|their|my \w+'?s?) (head|face|neck)\b",
    # an attack by other children and a serious injury: "jumped by 4 lads ... a broken nose",
    # "pushed him off the wall on purpose and broke his arm" (an accident alone never alerts)
    rf"^(?=.*{_ATTACKED}).*\b{_SERIOUS_INJURY}\b",
    r"\b(kick\w*|stamp\w*|stomp\w*|punch\w*|hit|hitting)\s+(him|her|them|my \w+)\s+(while|when|as)\s+(he|she|they)\s+"
    r"(was|were|is|are|lay|laid)\s+(on the (floor|ground)|down|lying)\b",
    r"\b(punch\w*|kick\w*|beat\w*|smash\w*|batter\w*|stamp\w*)\b.{0,30}\b(unconscious|out cold)\b|"
    r"\bknock(ed|s|ing)? (him|her|them|my (son|daughter|boy|girl|lad|kid|child)) out\b(?! of)",
    # weapons: "threatened to stab him", "a blade", a penknife, a gun (not a nerf, water or toy gun)
    r"\b(threat\w*|said|says|saying|going|gonna|gunna|will|would|wants?|wanted|he'?ll|she'?ll|he'?d|she'?d|hell|hed|try|"
    r"tried|trying|to)\b.{0,15}\b(stab|shank|knife|slash|shoot)\s+(him|her|them|me|you|us|my (son|daughter|boy|girl|"
    r"lad|kid|child|friend|brother|sister)|every ?(one|body))\b",
    r"\b(threat\w*|went for|came at|come at|chas\w*|waving|wav(e|ed|es)|point\w*)\b.{0,30}\bwith ((a|an|the|"
    r"some|his|her|their|a pair of) )?(scissors|knife|blade|compass|screwdriver|hammer|bat|bottle|brick|lighter|razor|"
    r"pen ?knife|stanley knife)\b",
    r"\b(pen|flick|stanley|lock|hunting|butterfly|army|zombie) ?knife\b|\b(a|his|her|their) blade\b(?! of grass)",
    r"^(?=.*\b(brought|bring\w*|carr(y|ies|ying)|has|had|got|pull(ed|s)?|point(ed|s|ing)?|show(ed|ing)|threaten\w*|"
    r"waving)\b).*?(?<!nerf )(?<!water )(?<!toy )(?<!glue )(?<!bubble )(?<!cap )(?<!laser )(?<!lazer )(?<!pretend )"
    r"(?<!fake )(?<!squirt )(?<!spud )(?<!paintball )(?<!paint ball )(?<!potato )\bguns?\b",
)]

_TAKER = (r"(dad|daddy|father|mum|mam|mummy|mother|step ?dad|step ?mum|ex|ex[- ]?partner|ex[- ]?husband|ex[- ]?wife|"
          r"(his|her|their) (real )?(dad|mum|mam|father|mother|family|grandparents|nan|grandad)|grandparents|nan|nana|"
          r"grandad|uncle|auntie|aunt|man|woman|stranger|someone|somebody|some ?one|people)")
# The child as the one taken: "took her from the gate", never "took her phone".
# (past acts only: "someone can pick her up, she isnt allowed to stay" is an arrangement)
_TAKEN = (r"(took|taken|snatched|grabbed|collected|picked|came and got|ran off with|drove off with|run off with)\s+"
          r"(him|her|them|my (son|daughter|boy|girl|lad|kid|child|children|kids)|the (kids|children))\s+"
          r"(from|out|away|off|up|home|to|and|without|abroad|before|after|at|in|[,.!]|$)")
_NOT_ALLOWED = (r"((is ?n'?t|is not|was ?n'?t|was not|are ?n'?t|not|never|aint)\s+(allowed|supposed|meant|permitted)|"
                r"without (my|our|anyones?|any|his|her) (permission|consent|knowledge|say so)|without (telling|asking|"
                r"letting) (me|us|anyone)|court order|non[- ]?contact|no[- ]?contact|not (on|off) the (list|pick ?up "
                r"list|collection list)|no (parental|contact) (responsibility|rights)|doesn'?t have (parental )?"
                r"(responsibility|contact)|not got (parental )?(responsibility|contact))")
MISSING_OR_TAKEN = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # taken without permission: "her dad took her from the school gate and he isnt allowed"
    rf"\b{_TAKER}\b.{{0,50}}\b{_TAKEN}.{{0,80}}\b{_NOT_ALLOWED}",
    # kept from home: "his dad wont bring him back after the weekend"
    rf"\b{_TAKER}\b.{{0,40}}\b(won'?t|wont|will not|refus\w* to|is ?n'?t|is not|has ?n'?t|has not|did ?n'?t|did not|never|"
    rf"not)\s+(bring\w*|brought|give|giving|given|gave|send\w*|sent|return\w*|let\w* (him|her|them) come)\s+(him|her|"
    rf"them|my \w+|the (kids|children))\s+(back|home)\b",
    r"\b(abduct\w*|kidnap\w*)\b",
    r"\b(picked up|collected|taken|took (him|her|them))\b.{0,30}\bby (a|an|some) (man|woman|adult|person|bloke|guy|"
    r"stranger|lady)\b.{0,15}\b(i|we|she|he) (do ?n'?t|do not|did ?n'?t|does ?n'?t|never) (know|met|recognise)\b|"
    r"\b(a|an|some) (man|woman|adult|person|bloke|guy|stranger) (i|we) (do ?n'?t|do not|did ?n'?t) know\b.{0,30}\b"
    r"(picked|picking|collected|collecting|took|taking) (him|her|them|my \w+)\b",
    rf"\b{_TAKER}\b.{{0,60}}\b(not|never|is ?n'?t|wo ?n'?t|wont|will not)\s+(coming|going|bringing (him|her|them)|"
    rf"send(ing)? (him|her|them)|be (coming|bringing (him|her|them)))\s+(back|home)\s+(from|after)\s+(contact|(the|his|"
    rf"her|this) (weekend|holidays?|visit|contact)|(his|her) (dads|mums|mams))\b",
    r"\b(tried to|trying to|try to|wanted to|asked (him|her|them) to)\s+(get|take|lure|grab|pull|put|drag)\s+(him|her|"
    r"them|my \w+)\s+(in|into)\s+(his|her|their|a|the)\s+(car|van)\b|\b(get|got|getting) (in|into) (a|his|the) "
    r"(car|van) with (a )?(man|stranger|woman|someone (he|she) (doesn'?t|didn'?t|does not|did not) know)\b",
    # not seen since, nobody knows where: "she hasnt been seen since", "cant find him anywhere"
    r"\b(he|she|they|hes|shes|he'?s|she'?s|my (son|daughter|boy|girl|lad|kid|child))\s+(has ?n'?t|has not|have ?n'?t|"
    r"have not|not|hasnt|havent|was ?n'?t|was not)\s+been\s+seen\s+(since|all (day|night|weekend)|for (hours|days|ages|"
    r"\d+ (hours|days)))\b|\b(nobody|no ?one|no-one|"
    r"noone|nobodys|no one'?s)\s+(has\s+|had\s+)?(seen|heard from)\s+(him|her|them)\s+(since|all|for (hours|days))\b",
    r"\b(do ?n'?t|do not|doesn'?t|does not|did ?n'?t|nobody|no ?one|no-one|noone|cant|can'?t|cannot|could ?n'?t)\s+"
    r"(know|knows|find out|tell me)\s+where\s+(he|she|my (son|daughter|boy|girl|lad|kid|child))\s+(is|are|has "
    r"gone|have gone|went|has been|'?s gone)\b(?!\s+(with|up to|on|at with|in (her|his|the|their) (reading|phonics|"
    r"maths|book|class|learning|levels?|work|group)))",
    r"\b(cant|can'?t|cannot|could ?n'?t|could not|cud ?n'?t)\s+find\s+(him|her|them|my (son|daughter|boy|girl|lad|kid|"
    r"child))\s+(anywhere|since|after school|at (pick ?up|home time|the gate)|when i (came|went|got))\b",
)]

# Online grooming: an adult or a stranger, in messages, asking a child for pictures, to meet,
# or to keep it secret (NSPCC, Childnet), not classmates being unkind online.
_STRANGER = (r"(man|men|adult|adults|grown (man|men|up|ups|woman|adult)|stranger|strangers|bloke|guy|fella|fellow|"
             r"older (man|men|boy|boys|lad|lads|teen\w*|girl|person|people|kid|kids)|teenager|(1[6-9]|[2-9]\d) ?(yr|year)s?"
             r"[- ]?old|pretend\w* to be|fake (account|profile|name)|claim\w* to be|says? (he|she)'?s? (\d+|a (kid|child|"
             r"girl|boy))|random (person|people|man|men|account|guy|adult|bloke|player)|someone (older|random)|"
             r"(someone|somebody|some ?one|person|people|account|profile|user|player)s? (he|she|they|we) (do ?n'?t|does "
             r"?n'?t|did ?n'?t|has never|have never|never|does not|do not|did not) (know|met|knows))")
_ONLINE = (r"(messag\w*|msg\w*|dm\w*|pm\w*|text\w*|chat\w*|online|on ?line|snapchat|snap|insta\w*|tik ?tok|whats ?app|"
           r"discord|roblox|fortnite|minecraft|xbox|playstation|ps[45]|game|games|gaming|app|facebook|messenger|kik|"
           r"omegle|youtube|added (him|her|them)|friend request\w*|follow\w*|video call\w*|face ?time|webcam|live ?stream\w*|"
           r"headset)")
# The child asked: "him", "her", "my daughter", "my 9 year old" (never "us": "a man from the
# council messaged asking us for photos of the fence").
_KID = (r"(him|her|them|my \d+ ?(yr|year)s?[- ]?old( (son|daughter|boy|girl|lad))?|my (son|daughter|boy|girl|lad|kid|"
        r"child|little (one|boy|girl)|eldest|youngest))")
_PICS = r"(pics?|pictures?|photos?|selfies?|images?|videos?|snaps?|nudes?)"
_GROOMING_ASK = (
    rf"\b(ask\w*|want\w*|beg\w*|pressur\w*|get\w*|got|told|tell\w*|persuad\w*|trying to get|tried to get)\s+{_KID}\s+"
    rf"(for|to send|to share|to take|to do|to show)\s+((him|them|me)\s+)?((some|more|a)\s+)?{_PICS}\b(?!\s+of\s+(the|their|"
    rf"his|her|my|your)\s+(work|homework|project|drawing|art|book|dog|cat|pet))|"
    rf"\b(ask\w*|want\w*|beg\w*|pressur\w*)\s+(for\s+)?((some|more)\s+)?(pics|selfies|snaps|nudes)\b(?!\s+of\s+(the|a|an|"
    rf"their|his|my|your|our)\b)|\b{_PICS} of (him|her|them)sel(f|ves)\b|"
    rf"\bsend\s+(him|them|me)\s+((some|more|a)\s+)?{_PICS}\b|"
    rf"\b((ask\w*|want\w*|tr(y|ies|ied|ying)|get\w*|got|told|tells) {_KID} to (meet|come (round|over) to)|"
    rf"(asking|asked|asks|wants?|wanted|keeps asking|begging|trying|tried|pressur\w*) to meet( up)?(?! (the|a|an|our|"
    rf"your|his|all|every\w*|parents|you|us|me)\b)|meet (up )?(with )?"
    rf"(her|my \d+ ?(yr|year)s?[- ]?old|my (son|daughter|boy|girl|lad|kid|child))|wants? to meet (him|her))\b|"
    rf"\b(keep\w*|kept)\s+(it|this|them|the \w+|their \w+|(their|our|his) (chats?|talks?|friendship|messages?))\s+(a\s+)?"
    rf"secret\b|\b(our|their) (little |special )?secret\b|\b(told|tells|telling|asked|asks|asking|said to) {_KID} not to "
    rf"tell\b|\b{_KID} to delete (the |their |his |her |all the |all )?(messages|chats|texts|dms)\b|"
    rf"\b(where (she|he) lives|what school (she|he) (goes|is)|if (she|he)'?s? (home )?(alone|on (her|his) own)|"
    rf"what (she|he)'?s? wearing)\b|"
    rf"\b(move|moving|go|going|switch\w*|talk\w*|chat\w*)\s+(to|on|onto)\s+(a|another|some)\s+(private|different|"
    rf"other|secret)\s+(app|chat|site|server|platform)\b|"
    rf"\b(sent|sending|sends|send|give\w*|gave|offer\w*|promis\w*|buying|bought)\s+(him|her|them)\s+(robux|v-?bucks|"
    rf"vbucks|gifts?|money|presents?|gift ?cards?|skins|credit)\b")
ONLINE_GROOMING = re.compile(
    rf"^(?=.*\b{_STRANGER}\b)(?=.*\b{_ONLINE}\b)(?=.*({_GROOMING_ASK})).*", re.IGNORECASE | re.DOTALL)

# The same, for a member of staff (KCSIE part four): an allegation about staff.
KCSIE_STAFF = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\b(teacher|ta|staff|coach|head|supervisor|mr \w+|mrs \w+|miss \w+|lady|man)\b.{0,80}\b((was|were|is|seemed|looked|"
    r"turned up|still|came in) (so |really |completely |totally )?(drunk|hungover)|smel[lt]\w* of (drink|alcohol|booze|weed|"
    r"vodka)|stinking of (drink|booze|alcohol)|slurring)\b",
    r"\b(teacher|ta|teaching assistant|coach|caretaker|staff|mr \w+|mrs \w+|miss \w+|club|instructor|supervisor|dinner lady)"
    r"\b.{0,80}\b(our|their|a|little|special) (little |special )?secret\b(?! santa)|\b(teacher|ta|coach|caretaker|staff|club|"
    r"instructor|supervisor|dinner lady)\b.{0,60}\b(told|tells|asked|asks) (him|her|my \w+) (not to tell|to keep it from) "
    r"(me|us|mum|mam|dad|anyone|his|her)\b",
    r"\b(teacher|ta|teaching assistant|coach|caretaker|member of staff|staff member|club (leader|worker|man|lady)|instructor|"
    r"student teacher|mr \w+|mrs \w+|miss \w+)\b.{0,60}\b(messag\w*|dm\w*|text(ed|s|ing)|friend request|added)\s+(my (son|"
    r"daughter|child|boy|girl|lad)|him|her|them|the (kids|children|pupils|girls|boys)|pupils|year \d \w+)\b.{0,40}\b(instagram|"
    r"insta|snapchat|tiktok|facebook|whatsapp|own (phone|number)|personal (phone|number)|at night|midnight)\b",
    r"\b(teacher|ta|coach|caretaker|member of staff|staff|mr \w+|mrs \w+|miss \w+|instructor)\b.{0,60}\b(tak(e|es|ing|en)|took|"
    r"film(s|ed|ing)?|record(s|ed|ing)?)\b.{0,40}\b(getting changed|changing rooms?|under the (toilet )?door)\b",
)]
# Between the member of staff and the harm, a child doing it ("i told mr jones a boy touched her")
# or the staff member's class ("a boy in miss smiths class") makes it a child's act, for the DSL.
# So does a member of staff who only tells of it ("the teacher told me they kicked him").
_NOT_STAFFS_ACT = (r"(?!'?s?\s+(class|classroom|group|room|set|table|line|register|team)\b)"
                   r"(?:(?!\b(a|an|another|the|some|two|2|3|three|older|other|this|that|these|those|year \d|y\d|yr ?\d) "
                   r"(boy|girl|lad|lass|child|kid|pupil|boys|girls|lads|kids|children|pupils)\b|\bkids?\b|"
                   r"\b((told|rang|rung|phoned|called|emailed|messaged|informed|said to|explained to) (me|us)|let (me|us) know|"
                   r"(said|says|reported|explained) that)\b).)")
STAFF_HARM = re.compile(rf"\b{_STAFF}\b{_NOT_STAFFS_ACT}{{0,40}}\b{_STAFF_HARM}\b", re.IGNORECASE)
# Sexual or grooming words about a member of staff: an allegation about staff (KCSIE part
# four), which goes to the Headteacher and never to the general safeguarding route alone.
STAFF_SEXUAL = re.compile(
    rf"\b{_STAFF}\b{_NOT_STAFFS_ACT}{{0,60}}\b(sexual\w*|groom\w*|nudes?|naked|private parts|inappropriate\w*|kiss(es|ed|ing)?|"
    rf"(keep|kept) (it |this )?(a )?secret|(our|their) (little )?secret|"
    rf"messag\w* (him|her|them) (privately|on (snapchat|instagram|whatsapp|tiktok|facebook))|"
    rf"(added|follow\w*) (him|her|them) on (snapchat|instagram|tiktok|facebook))\b", re.IGNORECASE)


# Domestic abuse between adults in a child's home: a safeguarding matter (KCSIE annex B), and
# the parent describing it may not be safe to phone or email.
_PARTNER = (r"(husband|hubby|partner|ex|ex-partner|ex partner|ex-husband|ex husband|boyfriend|girlfriend|wife|"
            r"ex-wife|fiance|fiancee|other half|the kids'? dad|the kids'? mum|my kids'? dad|my childrens? dad)")
DOMESTIC_ABUSE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\bdomestic (violence|abuse)\b|\bcoercive control\w*\b",
    rf"\bmy {_PARTNER}\b.{{0,40}}\b(hits?|hitting|hit me|beats?|beat me|beating|hurts? me|punch\w*|kick(s|ed|ing)? me|"
    rf"slap\w*|chok\w*|strangl\w*|threaten\w* (me|us|the kids|to (hurt|kill|hit|harm|take))|violent|abus\w*|"
    rf"attack\w*|controls? (me|everything|my)|"
    rf"won'?t let me (leave|go out|see)|scared of (him|her))\b",
    rf"\b(scared|afraid|frightened|terrified) of my {_PARTNER}\b",
    r"\bfleeing\b|\b(refuge|women'?s aid)\b",
)]
# Words about a child hurting themselves or not wanting to live: NHS 111's mental health option
# and Samaritans are given beside the alert.
SELF_HARM = AT_RISK[0]


def about_domestic_abuse(text: str) -> bool:
    """Do these words describe domestic abuse at home (the parent may not be safe to contact)?"""
    plain = normalise(text)
    return any(pattern.search(plain) for pattern in DOMESTIC_ABUSE)


def about_self_harm(text: str) -> bool:
    return bool(SELF_HARM.search(normalise(text)))


def about_nude_images(text: str) -> bool:
    """Do the words speak of a naked or semi-nude image of a child (or upskirting)? Such an
    image is never to be copied, forwarded or kept, even as evidence (UKCIS guidance)."""
    text = normalise(text or "")
    return bool(KCSIE[0].search(text) or KCSIE[1].search(text) or NUDE_IMAGES.search(text)
                or re.search(r"\bnudes?\b", text, re.IGNORECASE))


def may_be_at_risk(text: str) -> bool:
    """True when the words say a child may be harmed, abused, neglected or at risk."""
    text = normalise(text or "")
    return (any(pattern.search(text) for pattern in AT_RISK + KCSIE + DOMESTIC_ABUSE + SERIOUS_VIOLENCE + MISSING_OR_TAKEN)
            or _sexual_touching(text) or bool(NUDE_IMAGES.search(text) or ONLINE_GROOMING.search(text)))


# Who did it, for the child-on-child patterns above: a member of staff or a club's adult just
# before the act ("the ta sat on him and he couldnt breathe", "the man who runs holiday club
# picked him up without asking me") makes it an allegation about staff.
_STAFF_WORDS = (
    r"\b(teachers?|ta|tas|teaching assistants?|members? of staff|staff( members?)?|coach(es)?|caretaker|dinner lad(y|ies)|"
    r"lunchtime (lady|ladies|supervisors?|staff)|supervisors?|headteacher|head teacher|sir|miss \w+|mr \w+|"
    r"mrs \w+|ms \w+|instructor|volunteer|tutor|student teacher|nursery (staff|worker|nurse)|club (leader|worker|man|"
    r"lady|staff)|(man|woman|lady|bloke|guy|fella) (who|that) (runs|does|takes|helps (at|with)|works at) (the )?[\w ]{0,20}?"
    r"(club|class|team|group|school|nursery|lessons?|training))\b")
# Staff just before the act, with no child doing it in between ("the teacher said a boy ..."),
# and not only telling of it ("the teacher told me they kicked him when he was down").
_STAFF_BEFORE_ACT = re.compile(_STAFF_WORDS + _NOT_STAFFS_ACT + "{0,40}$", re.IGNORECASE)
_STAFF_AS_SUBJECT = re.compile(_STAFF_WORDS, re.IGNORECASE)


def _done_by_staff(text: str, start: int) -> bool:
    """Is a member of staff named as the doer of the act that begins at `start` (just before it,
    or as its subject: "the man who runs holiday club took him ...")?"""
    return bool(_STAFF_BEFORE_ACT.search(text[max(0, start - 70):start]) or _STAFF_AS_SUBJECT.match(text, start))


def alleges_staff_harm(text: str) -> bool:
    """True when the words say a member of staff physically or sexually harmed a child."""
    text = normalise(text or "")
    if STAFF_HARM.search(text) or STAFF_SEXUAL.search(text) or any(p.search(text) for p in KCSIE_STAFF):
        return True
    return any(_done_by_staff(text, match.start()) for pattern in SEXUAL_TOUCHING + SERIOUS_VIOLENCE + MISSING_OR_TAKEN
               + [NUDE_IMAGES] for match in pattern.finditer(text))


def safeguarding_matter(text: str, predicted: str) -> str | None:
    """The safeguarding matter the words call for, when the model's guess is milder (or misses
    that the words are about a member of staff); None when the model's guess stands."""
    if alleges_staff_harm(text):
        return None if predicted == "staff_allegation" else "staff_allegation"
    if predicted in ("safeguarding_child", "staff_allegation"):
        return None
    if may_be_at_risk(text):
        return "safeguarding_child"
    return None
