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
          r"grandad|grandpa|granddad|nan|grandma|an adult|a man|a woman|older (man|men|boys|lads|kids)|"
          r"(mum'?s|mums|mam'?s|mams|her|his|their) (new )?(fella|feller|bloke|man|partner)|new (fella|feller|bloke))")
_HARM = (r"(hits?|hitting|hurts?|hurting|beats?|beating|beaten|punch\w*|kick(s|ed|ing)?|slap(s|ped|ping)?|"
         r"smack\w*|chok\w*|strangl\w*|burn(s|t|ed|ing)?|shak(e|es|ing)|shook)")
# Thrown or locked in or out: "her mums boyfriend threw her down the stairs", "locked him in his room".
_THROWN_OR_LOCKED = (r"(thr(ew|ows?|owing|own) (him|her|them|me|us) (down|against|across|into|at|out|on|onto|off)|"
                     r"lock(s|ed|ing)? (him|her|them|me|us) (in|out|up)\b(?! of (the )?(game|app|account|phone|ipad|tablet)))")
# Who the harm is done to: a person, not "her tummy hurts a lot".
_HARMED = r"(him|her|them|me|us|my|his|their|the (kids|children|baby|little ones)|[a-z]+'s)"
# A touch on the shoulder or arm, or to get attention, is everyday ("mrs smith touched me on the
# arm at pick up", "my dad touched my shoulder"); a touch elsewhere is for the patterns to judge.
_EVERYDAY_TOUCH = (r"(?!\s+((him|her|them|me|us|my|his|their|[a-z]+'s)\s+)?((on|to) (the|his|her|my|their) )?(shoulders?|"
                   r"arms?|hands?|back|elbow|hair)\b|\s+((him|her|them|me|us)\s+)?to (get|wake|calm))")
# Helping a small child with clothes for the toilet is not pulling them down.
_NOT_HELPING = (r"(?<!help )(?<!helps )(?<!helped )(?<!helping )(?<!help him )(?<!help her )(?<!helps him )"
                r"(?<!helps her )(?<!helping him )(?<!helping her )(?<!cant )(?<!can't )(?<!needs to )(?<!need to )")
_STAFF = (r"(teacher|ta|teaching assistant|member of staff|staff member|one of the staff|nursery staff|coach|"
          r"caretaker|dinner lad(y|ies)|lunchtime (lady|ladies|supervisors?|staff)|supervisor|club staff|headteacher|"
          r"head teacher|(someone|somebody|a man|a woman|a lady|a bloke|a person)( who works)? (from|at|in) (your |the |our )?"
          r"school|"
          r"(man|woman|lady|bloke) who helps (at|with)|the (lady|man|woman) (from|at|who runs) (the )?(after ?school|"
          r"breakfast|holiday) club|"
          r"(?<!on )(?<!in )(?<!round )(?<!his )(?<!her )(?<!to )(?<!of )the head(?! (of|lice|injury|wound|first))|"
          r"sir|miss \w+|mr \w+|mrs \w+|ms \w+)")
_STAFF_HARM = (r"(grab(s|bed|bing)?|hit(s|ting)?|slap(s|ped|ping)?|smack(s|ed|ing)?|shov(e|es|ed|ing)|"
               r"kick(s|ed|ing)?(?!\s+((him|her|them|my \w+)\s+)?(out|off)\b)|"
               rf"drag(s|ged|ging)?|touch(es|ed|ing)\b{_EVERYDAY_TOUCH}|restrain(s|ed|ing)?|lock(s|ed|ing)? (him|her|them)|"
               r"pin(s|ned|ning) (him|her|them)|"
               # Thrown at or about a child, not "threw his work in the bin".
               r"thr(ew|ows?|owing) ((him|her|them)(?= (down|against|across|into|onto|on|off|to|over|around|about|at|through)\b|\s*[.,!;]|\s*$)|a chair|chairs|things|stuff|something|objects?|a (book|pen|ruler|"
               r"bottle|shoe|ball))\b(?! (in|into) the bin)|thr(ew|ows?|owing) [\w' ]{1,25}? at (him|her|them|my|his|their)\b|"
               r"(was|is|were|being) rough|(put|puts|putting) (his|her) hands? on|"
               r"push(ed|es|ing)? (him|her|them) (up )?(against|over|down|to the (floor|ground))|"
               # pinched a child (never "pinched his pencil", which is taken), ears and hair pulled,
               # squeezed hard, shut in a cupboard, hands round the neck
               r"pinch(es|ed|ing)? (him|her|them|my \w+)(?=\s+(really|so|hard|on|and|till|until|when|because|cos|again)\b|"
               r"\s*[.,!;]|\s*$)|pinch(es|ed|ing)? (his|her|their|my \w+'?s?) (arms?|legs?|cheeks?|ears?|hands?|skin|face|"
               r"neck)|pull(s|ed|ing)? (his|her|their) (ears?|hair)|squeez(e|es|ed|ing) (his|her|their) (arms?|wrists?|hands?|"
               r"neck|face)\b.{0,20}\b(hard|tight|purple|red|marks?|bruis\w*|hurt)|(put|puts|putting|shut|shuts|locked|locks)"
               r" (him|her|them|my \w+) in (a|the) (cupboard|store ?room|dark room|room on (his|her) own)|(hands?|arms?) "
               r"(round|around) (his|her|their|my \w+'?s?) (neck|throat))")

# An everyday reason a child fears going home or going in: a report, parents' evening, a test,
# being told off, a lost coat. Such a fear is asked about, not alerted on; words of harm beside
# it ("... because her dad will hit her") still alert through their own patterns.
_EVERYDAY_REASON = (
    r"\b(parents'? ?evening|parent'?s'? ?evening|parent teacher|(school|her|his|end of year|bad|written) reports?|results|"
    r"sats|"
    r"tests?|exams?|spellings?|times tables|detention|told off|tell(ing)? (him|her) off|(getting|get|got|be|being|been) "
    r"(told off|into trouble|in trouble|wrong|shouted at)|grounded|behaviour (chart|card|points?|book)|(red|yellow|amber) "
    r"card|(bad|low|poor) (marks?|grades?|scores?|report)|(the|a) letter (home|from school)|lost (his|her|their) (coat|"
    r"phone|ipad|shoes?|jumper|bag|book|glasses|tablet)|broke (the|his|her|a) \w+|(the|a) (spider|storm|thunder|fireworks?|"
    r"ghosts?|film|movie|clown|hoover)|nightmares?|homework)\b")
# A fear of going home or going in, which an everyday reason may explain.
_FEAR_OF_GOING = (r"\b(scared|afraid|frightened|terrified|petrified|worried|dreading|does ?n[o']?t want|won'?t|refuses)\b"
                  r".{0,25}\b(go(ing)?|come|coming) (back )?(home|in|into school|to school|outside|out)\b")
_NO_EVERYDAY_REASON = rf"^(?!.*{_EVERYDAY_REASON})"
# A parent asking what the children are taught (the NSPCC's PANTS rule, RSE lessons) names
# body parts and sex without any child at risk.
_ABOUT_LESSONS = (r"^(?!.*\b(pants rule|underwear rule|rse|sex ed\w*|relationships? (and sex )?education|health education|"
                  r"lessons?|curriculum|(taught|learn\w*|teach\w*) (about (it|them|this) )?(at|in) (school|class)|"
                  r"correct names?|proper names?|school nurse|puberty talk)\b)")
AT_RISK = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # self-harm and suicide
    r"\b(self[- ]?harm\w*|cutting (him|her|them)sel(f|ves)|cuts on (his|her|their) (arms?|legs?|wrists?)|"
    r"(kill|hurt|harm)(ing)? (him|her|them)sel(f|ves)|want(s|ed)? to die(?! (of|from) (embarrassment|shame|boredom|"
    r"laughing|laughter|cringe))|suicid\w*|"
    r"end (his|her|their) life|not want to be alive|doesn'?t want to (be alive|live))\b",
    # harm by an adult at home or elsewhere, done to someone: "her dad hits her", not "mum
    # here, her tummy hurts a lot" (an everyday word pair that must never alert on its own)
    rf"\b{_ADULT}\b.{{0,40}}\b({_HARM}\s+{_HARMED}\b(?!\s+up\b)|touch(es|ed|ing)?\b{_EVERYDAY_TOUCH}\s+{_HARMED}\b|"
    rf"{_THROWN_OR_LOCKED})",
    # sexual harm, grooming, exploitation
    r"\b(touched (him|her|them) (inappropriately|down there)|inappropriate(ly)? touch\w*|"
    r"groom(ed|ing)|nudes?|naked (photos?|pictures?|pics?)|indecent|county lines|"
    r"sex(ually)? abus\w*|sexual(ly)? assault\w*)\b",
    # The words alone, except where a parent asks about lessons: "they learned the PANTS rule
    # about private parts", "what do year 6 learn about sexual health".
    rf"{_ABOUT_LESSONS}.*\b(private parts|sexual\w*)\b",
    # (messaging a child, never "a man from the council messaged me")
    rf"\b(stranger|adult|man|woman|someone (older|(he|she) met online))\b.{{0,30}}\b((messag\w*|snapchat\w*|dm\w*|"
    rf"text(s|ed|ing)|add(s|ed|ing)|friend request\w*)\s+(him|her|my (son|daughter|boy|girl|lad|kid|child|little one|"
    rf"\d+ ?(yr|year)s?[- ]?old))|asking (him|her) for (photos|pictures|pics))\b",
    # neglect
    # (never a growing child's appetite: "always hungry after football, can he bring a snack")
    r"^(?!.*\b(snacks?|bigger (portions?|lunch)|seconds|growth spurt|growing|after (football|pe|swimming|training|"
    r"school|sports?|forest school|playing)|by (dinner|lunch) ?time|packed lunch|school dinners?)\b).*\b(always hungry|"
    r"hungry all the time)\b",
    r"\b(not (being |been )?fed|no food (at|in the) (home|house)|"
    r"left on (his|her|their) own (all night|overnight|for days)|"
    r"nobody (picks|looks after) (him|her|them))\b",
    # fear of home, danger, domestic abuse, going missing, FGM, forced marriage
    # (a fear the words explain by an everyday reason, "scared to go home after parents evening",
    # is asked about instead: weak_safeguarding_signal)
    rf"{_NO_EVERYDAY_REASON}.*\b(scared|afraid|frightened|terrified|does ?n[o']?t want|won'?t|refuses to)\b.{{0,25}}"
    r"\bgo(ing)? (back )?home\b",
    r"\b(not safe at home|unsafe at home|in danger|domestic (violence|abuse)|"
    r"run(s)? away from home(?! if (he|she|they) (can'?t|cannot|does ?n'?t|does not|is ?n'?t allowed to|do ?n'?t|does ?n'?t get|can'?t have|"
    r"is ?n'?t allowed|are ?n'?t allowed)\b)|ran away from home|fgm|forced (to )?marr\w*)\b",
    # signs of physical abuse
    r"\b(unexplained|covered in|always (has|got)|keeps? (getting|coming in with)|lots of|finger ?marks?|belt)\b"
    r".{0,15}\b(bruis\w*|marks|injur\w*|burns?|welts?)\b",
    r"\b(marks|welts|bruis\w*|lines)\b.{0,10}\bon the backs? of (his|her|their) (legs|thighs)\b|"
    r"\b(belt|hand ?print|slap) marks?\b|\bhand ?prints? on (his|her|their)\b",
    # hit with something: "he hit Kian with a belt", "she whacks him with the wooden spoon"
    r"\b(hit|hits|hitting|beat|beats|beating|beaten|whack\w*|smack\w*|lash\w*|thrash\w*|belt(ed|s|ing))\s+"
    r"(him|her|them|me|us|my \w+|(?-i:[A-Z][a-z]+))\s+with (a|his|her|the|their) (belt|cane|slipper|wooden spoon|"
    r"cable|wire|hairbrush|buckle)\b",
    r"\bflinch\w*\b",
    # harm happening as the parent writes: "he's hurting her now" (in a paused conversation too)
    r"\b(hurting|hitting|beating|attacking|kicking|punching|strangling|choking|battering|threatening)\s+"
    r"(him|her|them|me|us|my \w+|the (kids|children|baby))\b.{0,20}\b(now|right now|as we speak|at the moment)\b",
)]
# Written from KCSIE part one and annex B (child-on-child abuse, serious violence, children
# missing, exploitation, so-called honour-based abuse, radicalisation, domestic abuse), by a
# writer who never saw the held-out sets; each was checked to match none of the training
# data's examples of other intents. They read the normalised text (straight apostrophes).
# Things a parent waits for from school ("the letter never came home"), not a child.
_THINGS = (r"(book|books|letter|letters|form|forms|slip|newsletter|report|coat|jumper|cardigan|jacket|bag|kit|homework|"
           r"lunchbox|box|folder|shoes|trainers|it|this|that|parcel|card|invitation|money|reply|results?|photos?|"
           r"pictures?|certificate|bottle|hat|gloves|uniform|costume)")
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
    r"willy|willie|penis|vagina|fanny)\b|" + _NOT_HELPING + r"\bpull(ed|ing|s)? (my (son|daughter)s?'?|her|his) (pants|"
    r"knickers|trousers|"
    r"leggings|shorts|skirt)\s*(and \w+ )?(down|off)\b",
    # weapons: carried, shown or used (not a knife and fork, nor one to cut a birthday cake)
    r"^(?!.*\b(cake|cut (it|them|the \w+) up|picnic|fruit|sandwich\w*|bread|cutlery|cooking|baking)\b)"
    r"(?=.*\b(brought|bring\w*|carr(y|ies|ying)|has|had|got|pull(ed|s)?|show(ed|ing)|threaten\w*|waving|shot|in (his|her|"
    r"their|my) (bag|coat|pocket))\b).*?\b((?<!shoulder )(?<!razor )blade|(?<!plastic )(?<!butter )(?<!cake )knife|knives|"
    r"machete|zombie knife|knuckle ?dusters?|bb gun|air ?gun|air rifle|pellet gun)\b(?! and fork)",
    r"\bstabb(ed|ing)\b",
    # strangulation, serious assault
    r"\bstrangl\w*|\bchok(ed|ing|es) (him|her|me|my \w+)( out)?\b|\bchoked out\b|\bhands? (round|around) (his|her|my|"
    r"their) (neck|throat)\b|\bby (the|his|her|my) throat\b",
    r"\bstamp(ed|ing|s)? on (his|her|my|their) head\b|\b(hit|smashed|whacked|bashed|attacked)\b.{0,30}\bwith a (brick|"
    r"bottle|hammer|baseball bat|metal bar|crowbar)\b|\b(bottle|brick) (over|into) (his|her|my \w+) head\b",
    # a child missing (never "his reading book hasnt come home all week")
    rf"(^|\b(?!{_THINGS}\s)[\w']+\s+)(hasn'?t|has not|didn'?t|did not|never|not)\s+(come|came|got|get|arrived?)\s+"
    r"(back\s+)?home\b(?!\s+(with|till|"
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
    r"\bnon[\s-]?molestation\b|\bpin(s|ned|ning) me\b|\b(he|my partner|my husband|my ex|my boyfriend)\b.{0,10}\b(hits|"
    r"hit|hitting|hurts|hurt|hurting|beats|beat|beating|punch(es|ed|ing)|kick(s|ed|ing)|slap(s|ped|ping)|"
    r"strangl(es|ed|ing)|chok(es|ed|ing)) me\b",
    r"\bmy (dad|mum|mam|step ?dad|step ?mum|uncle|mums boyfriend|mams boyfriend|mum'?s boyfriend)\b.{0,25}\b(hits|hurts|hit|"
    r"hurt|hitting|hurting|touches|touched|touching|kicks|kicked|kicking) me\b(?!\s+up\b)|"
    r"\bi (dont|don'?t) feel safe at (home|my house)\b",
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
    # "pulling her knickers down", "pulled down his pants", "tried to pull her pants off",
    # "pulling down my sons trousers" and "pulled his trousers down" alike: KCSIE part five names
    # interfering with someone's clothes as sexual harassment, for the DSL. (Skirts and dresses
    # only as "pulled her skirt down": "pulled down her skirt" is a girl straightening it.)
    rf"{_NOT_HELPING}\bpull(s|ed|ing)?\s+(down|off)\s+{_WHOSE}\s+(pants|knickers|undies|underwear|nappy|trousers|"
    rf"bottoms|trackies|joggers|leggings|shorts)\b|"
    rf"{_NOT_HELPING}\bpull(s|ed|ing)?\s+{_WHOSE}\s+{_UNDERWEAR}\s+((and|n) \w+ )?(down|off)\b",
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
_UNDRESSED = (r"(getting (changed|undressed|dressed)|undressed|naked|in the showers?|in the bath|on the toilet|"
              r"in (his|her|their) (pants|knickers|undies|underwear)|"
              # a semi-nude image (KCSIE): "a photo of herself with her top off", "topless"
              r"topless|half[- ]naked|semi[- ]?naked|nude|(with|wi|wiv) (his|her|their) (top|shirt|t-?shirt|clothes) off|"
              r"(with )?no (top|shirt|clothes) on)")
NUDE_IMAGES = re.compile(
    # (never "it takes him ages getting changed", nor his recorder)
    # (a parent's own: "i took a photo of him in the bath when he was a baby")
    rf"\b(?<!\bi )(?<!\bwe )(film(s|ed|ing)?|record(s|ed|ing)|videos?|video(s|ed|ing)|photo(s|ed|ing|graph\w*)?|pictures? of|"
    rf"pics? of|(took|take|takes|taking) (a |some )?(photos?|pictures?|pics?|videos?|snaps?))\b.{{0,40}}\b{_UNDRESSED}\b|"
    rf"\bpull(s|ed|ing)?\s+((down|off)\s+)?{_WHOSE}\s+{_UNDERWEAR}\b.{{0,40}}\b(took|take|takes|taking|"
    rf"film(s|ed|ing)?|record(s|ed|ing))\b.{{0,15}}\b(photo|picture|pic|video|snap)|"
    # ("rude pictures" may be drawings made to mock a child; "rude pics" and "rude photos" are not)
    r"\b(rude|dirty|naughty)\s+(pics?|photos?|selfies?|snaps?)\b|\b(sexy|sexual|private)\s+(pics?|pictures?|photos?|"
    r"images?|videos?|selfies?|snaps?)\b|"
    rf"\b(dick|willy|boob|tit|fanny)\s+(pics?|pictures?|photos?)\b|\b(pics?|pictures?|photos?|images?|videos?|selfies?)"
    rf"\b.{{0,30}}\b{_PRIVATE}\b|\b(pics?|pictures?|photos?|images?|videos?|selfies?)\b"
    rf".{{0,30}}\b(in (his|her|their|my) ({_UNDERWEAR}|bra|undies|pyjamas|pjs|pajamas|jammies|nightie|bikini|swimsuit|"
    rf"swimming costume)|with(out)? (his|her|their) "
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
    # an attack planned or threatened with a weapon: "planning to jump a kid after school with a bat"
    r"\b(plan\w*|going to|gonna|want(s|ed)? to|threaten\w*|(said|says) (they|he|she)('?ll|'?d| will| would))\b.{0,30}"
    r"\b(jump|stab|batter|attack|beat (\w+ )?up|do (him|her|them) in|get|hurt|smash)\b.{0,60}\b(with|wi|wiv) (a|an|their|"
    r"his|her) (bat|knife|blade|machete|hammer|weapon|bottle|brick|crowbar|screwdriver)\b",
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
# Found again, or in school all along: a complaint about a scare, not a child missing now.
_NOT_FOUND_SAFE = (r"^(?!.*\b(turn(s|ed) out|all along|found (him|her|them)|(he|she|they)'?s? (fine|safe|home|back) now|"
                   r"(is|was|are) (safe|fine) now|came back (safe|fine)|got back (safe|fine)|back safe)\b)")
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
    # went out and not back: "she went out on her bike after dinner and hasnt come back"
    # (never "the form went home and hasn't come back", nor "the office hasn't come back to me")
    rf"{_NOT_FOUND_SAFE}.*?\b(?<!husband )(?<!hubby )(?<!partner )(?<!wife )(?<!boyfriend )(?<!girlfriend )(?<!half )"
    rf"(?<!dad )(?<!mum )(?<!mam )(?<!ex )(went|gone|go|going|left|set off|ran|run|walked|cycled|rode)\b(?! home\b).{{0,60}}\band "
    r"(still |has still |she still |he still )?(has ?n'?t|has not|hasnt|not|never|did ?n'?t|did not) (come|came|got|been) "
    r"back\b(?!\s+(to (me|us|you)|with|about))",
    # not where they should be, and nobody can reach them: "the friend says she never came and her
    # phones off", "he wasnt in the line at home time and hes not at home. where is he"
    rf"{_NOT_FOUND_SAFE}(?=.*\b((he|she|they)\s+)?(never (came|arrived|turned up|got there|showed up)|(was|were) ?n'?t "
    r"(there|in the line|at the gate|at school|in school|at (his|her|their) (friends?|nans?|dads?|mums?|mams?))|"
    r"did ?n'?t (arrive|turn up|come out|get there|show up)|has ?n'?t (arrived|turned up|shown up)|(is|'s|s) not "
    r"(at )?home|is ?n'?t (at )?home)\b)"
    r".*\b((his|her|their) phone'?s? (is |was )?(off|dead|going to voicemail|switched off)|not answering (his|her|"
    r"their) phone|(rang|rung|called|phoned|tried|texted) (round|everyone|all (his|her) friends)|where (is|'s) (he|she)|"
    r"(nobody|no ?one|no-one) (knows|has seen|had seen|saw) (where|him|her)|(has anyone|anyone|has anybody) seen)\b",
    rf"{_NOT_FOUND_SAFE}.*?\b(has anyone|anyone|has anybody|have you|has any1) seen ((him|her|them)(?=\s*[.,!?;]|\s*$|\s+"
    rf"(since|anywhere|today|tonight|at|around|about|in|on|near|after|this|yet|or|and|from|by|with|walking|going|"
    rf"leaving)\b)|my (son|daughter|boy|girl|lad|kid|child|little one|\d+ ?(yr|year) old)|our (?-i:[A-Z])\w+|"
    rf"(?-i:[A-Z])[\w-]+|[\w-]+ (from|in) (year|yr|y\d|reception|nursery|class)|a (little )?(boy|girl|lad|lass|child))\b"
    rf".{{0,80}}\b((has ?n'?t|has not|hasnt|"
    r"not|never) (come|came|got|been) (back|home)|missing|(can'?t|cannot|could ?n'?t) find|not (back|home) yet)\b",
)]

# Online grooming: an adult or a stranger, in messages, asking a child for pictures, to meet,
# or to keep it secret (NSPCC, Childnet), not classmates being unkind online.
_STRANGER = (r"(man|men|adult|adults|grown (man|men|up|ups|woman|adult)|stranger|strangers|bloke|guy|fella|fellow|"
             r"older (man|men|boy|boys|lad|lads|teen\w*|girl|person|people|kid|kids)|teenager|(1[6-9]|[2-9]\d) ?(yr|year)s?"
             r"[- ]?old|pretend\w* to be|fake (account|profile|name)|claim\w* to be|says? (he|she)'?s? (\d+|a (kid|child|"
             r"girl|boy))|random (person|people|man|men|account|guy|adult|bloke|player)|someone (older|random)|"
             r"(someone|somebody|some ?one|person|people|account|profile|user|player|number)s? (i|he|she|they|we) (do ?n'?t|"
             r"does ?n'?t|did ?n'?t|has never|have never|never|does not|do not|did not) (know|met|knows|recogni[sz]e)|"
             # met online, or known only from a game: "a lad she met on a game", "some lad off fortnite"
             r"unknown number|withheld number|(friend|lad|boy|girl|kid|man|someone|somebody|person|guy)s? (he|she|they) "
             r"(met|meets|has met|had met|knows) (on|online|off|through|from) (a|the|an|some|his|her|\w+)|"
             r"(lad|boy|girl|kid|man|someone|somebody|person|guy|friend|people)s? (off|from|on|in) (fortnite|roblox|minecraft|"
             r"discord|a discord server|a server|a game|the game|tiktok|online|the internet|xbox|playstation)|"
             r"(friend|friends|best friend|mate) (from |off )?online)")
_ONLINE = (r"(messag\w*|msg\w*|dm\w*|pm\w*|text\w*|chat\w*|online|on ?line|snapchat\w*|snaps?|insta\w*|tik ?tok|whats ?app|"
           r"discord|roblox|fortnite|minecraft|xbox|playstation|ps[45]|game|games|gaming|app|facebook|messenger|kik|"
           r"omegle|youtube|added (him|her|them)|friend request\w*|follow\w*|video call\w*|face ?time|webcam|live ?stream\w*|"
           r"headset|whats ?apps?\w*|voice notes?|avatar|server|ipad|tablet)")
# The child asked: "him", "her", "my daughter", "my 9 year old" (never "us": "a man from the
# council messaged asking us for photos of the fence").
_KID = (r"(him|her|them|my \d+ ?(yr|year)s?[- ]?old( (son|daughter|boy|girl|lad))?|my (son|daughter|boy|girl|lad|kid|"
        r"child|little (one|boy|girl)|eldest|youngest))")
_PICS = r"(pics?|pictures?|photos?|selfies?|images?|videos?|snaps?|nudes?)"
# Kept from the child's parents: "so his mam doesnt see", "her mam doesnt need to know",
# "hes not to tell anyone", "wear headphones so nobody in the house can hear".
_HIDDEN_FROM_HOME = (
    r"\b(so|that|then) (nobody|no ?one|no-one|his (mam|mum|mom|dad|parents)|her (mam|mum|mom|dad|parents)|(his|her) "
    r"family|mum|mam|dad|i|we|you)( in the house| at home)? (can'?t|cannot|can not|does ?n'?t|does not|won'?t|wont|"
    r"will not|would ?n'?t|do ?n'?t) (hear|see|know|find out)\b|\b(mam|mum|mom|dad|parents|mother|father|family) "
    r"(do ?n'?t|does ?n'?t|do not|does not) need to know\b|\b(he'?s|she'?s|he is|she is|hes|shes) not (to|allowed to|"
    r"supposed to|meant to) tell\b")
# An adult's flattery of a child: "very grown up for his age", "calls her babygirl".
_FLATTERY = (r"\b(grown ?up|mature) for (his|her|their) age\b|\bcall(s|ed|ing)? (her|him|them) (babygirl|baby girl|baby|"
             r"babe|sexy|gorgeous|beautiful|princess|darling|sweetheart|my girl|his girl|handsome)\b|\b(say(s|ing)?|said|"
             r"tell(s|ing)? (her|him)|told (her|him)) (that )?(she'?s|she is|shes|he'?s|he is|hes) (so |really |very )?"
             r"(beautiful|gorgeous|sexy|hot|fit|mature)\b")
# Where the child lives or can be reached, or a meeting: "asked my son for his address",
# "he'd like to meet her", "is meeting him at the park".
_PERSONAL_DETAILS = (r"\bask\w* (him|her|them|my \w+) (for|what) (his|her|their) (home )?(address|snapchat|snap|insta\w*|"
                     r"number|phone number|school)\b|\bwants? (his|her|their) (address|snapchat|snap|insta\w*|number|"
                     r"phone number)\b|\b('d|would|wants? to|wanted to) (like|love)? ?(to )?meet (her|him)\b|\bmeet(ing|s)? "
                     r"(him|her|my \w+) (at|in|on|after|near|by|outside)\b")
# A video call alone, out of the family's hearing.
_ALONE_ON_CAMERA = (r"\b(video call\w*|face ?tim\w*|webcam|on (camera|cam))\b.{0,60}\b(just (her|him) and (him|her)|on (her|his) "
                    r"own|alone|headphones|(nobody|no ?one|no-one)( in the house)? (can|could|will) hear)\b|\b(a |do (a )?)?dares? "
                    r"on (camera|cam|webcam|video)\b|\b(he'?ll|he will|she'?ll|she will|they'?ll|they will|going to|gonna|"
                    r"threaten\w* to) (tell everyone|send (it|them|the \w+) to (everyone|his|her|your)|share (it|them|the \w+))\b")
# Gifts to the child from someone online: robux, vouchers, a phone posted to him.
_GIFTS_TO_A_CHILD = (r"\b(sent|sending|sends|send|giv(e|es|ing)|gave|offer\w*|promis\w*|buy(s|ing)?|bought|post(s|ed|ing)?)\s+"
                     r"(him|her|them|my \w+|our \w+)\s+(robux|v-?bucks|vbucks|vouchers?|gifts?|money|presents?|a present|gift ?"
                     r"cards?|skins|credit|a (new )?phone|a new \w+ game)\b|\bpost(ed|s|ing)? (it|a phone|a present|presents|"
                     r"things|stuff|gifts?) to (him|her)\b|\bbuy(s|ing)? (stuff|things|skins|items|clothes) for (his|her) "
                     r"(avatar|character|account|skin)\b|\bto (send|give) (him|her) a (present|gift)\b")
_GROOMING_ASK = (
    rf"\b(ask\w*|want\w*|beg\w*|pressur\w*|get\w*|got|told|tell\w*|persuad\w*|trying to get|tried to get)\s+{_KID}\s+"
    rf"(for|to send|to share|to take|to do|to show)\s+((him|them|me)\s+)?((some|more|a)\s+)?{_PICS}\b(?!\s+of\s+(the|their|"
    rf"his|her|my|your)\s+(work|homework|project|drawing|art|book|dog|cat|pet))|"
    rf"\b(ask\w*|want\w*|beg\w*|pressur\w*)\s+(for\s+)?((some|more)\s+)?(pics|selfies|snaps|nudes|pictures|photos)\b"
    rf"(?!\s+of\s+(the|a|an|"
    rf"their|his|my|your|our)\b)|\b{_PICS} of (him|her|them)sel(f|ves)\b|"
    rf"\bsend\s+(him|them|me)\s+((some|more|a)\s+)?{_PICS}\b|"
    rf"\b((ask\w*|want\w*|tr(y|ies|ied|ying)|get\w*|got|told|tells) {_KID} to (meet|come (round|over) to)|"
    rf"(asking|asked|asks|wants?|wanted|keeps asking|begging|trying|tried|pressur\w*) to meet( up)?(?! (the|a|an|our|"
    rf"your|his|all|every\w*|parents|you|us|me)\b)|meet (up )?(with )?"
    rf"(her|my \d+ ?(yr|year)s?[- ]?old|my (son|daughter|boy|girl|lad|kid|child))|wants? to meet (him|her))\b|"
    rf"\b(keep\w*|kept)\s+(it|this|them|the \w+|their \w+|(their|our|his) (chats?|talks?|friendship|messages?))\s+(a\s+)?"
    rf"secret\b|\b(our|their) (little |special )?secrets?\b|\b(told|tells|telling|asked|asks|asking|said to) {_KID} not to "
    rf"tell\b|{_HIDDEN_FROM_HOME}|{_FLATTERY}|{_PERSONAL_DETAILS}|{_ALONE_ON_CAMERA}|{_GIFTS_TO_A_CHILD}|\b{_KID} to delete (the |their |his |her |all the |all )?(messages|chats|texts|dms)\b|"
    rf"\b(where (she|he) lives|what school (she|he) (goes|is)|if (she|he)'?s? (home )?(alone|on (her|his) own)|"
    rf"what (she|he)'?s? wearing)\b|"
    rf"\b(move|moving|go|going|switch\w*|talk\w*|chat\w*)\s+(to|on|onto)\s+(a|another|some)\s+(private|different|"
    rf"other|secret)\s+(app|chat|site|server|platform)\b|"
    rf"\b(sent|sending|sends|send|give\w*|gave|offer\w*|promis\w*|buying|bought)\s+(him|her|them)\s+(robux|v-?bucks|"
    rf"vbucks|gifts?|money|presents?|gift ?cards?|skins|credit)\b")
ONLINE_GROOMING = re.compile(
    rf"^(?=.*\b{_STRANGER}\b)(?=.*\b{_ONLINE}\b)(?=.*({_GROOMING_ASK})).*", re.IGNORECASE | re.DOTALL)
# Without a stranger named ("messages from someone"), two different signs of grooming online
# together: flattery and a picture asked for, gifts and secrecy (NSPCC: "grooming signs").
_GROOMING_SIGN_KINDS = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    rf"{_HIDDEN_FROM_HOME}|\b(our|their) (little |special )?secrets?\b|\b(told|tells|telling|asked|asks) {_KID} not to "
    rf"tell\b|\b{_KID} to delete (the |their |his |her |all the |all )?(messages|chats|texts|dms)\b",
    _FLATTERY,
    rf"\b(ask\w*|want\w*|beg\w*|pressur\w*)\s+({_KID}\s+)?(for|to send|to take)\s+((him|them|me)\s+)?((some|more|a)\s+)?"
    rf"{_PICS}\b(?!\s+of\s+(the|a|an|their|my|your|our)\s+(work|homework|project|drawing|art|book|dog|cat|pet|trip))|"
    rf"\b(want\w*|ask\w* for|beg\w* for)\s+(a|some|more)\s+{_PICS}\b(?!\s+of\s+(the|a|an|their|my|your|our)\b)",
    _GIFTS_TO_A_CHILD,
    rf"{_PERSONAL_DETAILS}|{_ALONE_ON_CAMERA}",
)]


def _online_grooming(text: str) -> bool:
    """A stranger online asking a child for something, or two kinds of grooming sign online."""
    if ONLINE_GROOMING.search(text):
        return True
    return bool(re.search(rf"\b{_ONLINE}\b", text, re.IGNORECASE)) and \
        sum(bool(kind.search(text)) for kind in _GROOMING_SIGN_KINDS) >= 2

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
                   # ("sent to Mrs Carter for hitting other kids": the child's own act)
                   r"(said|says|reported|explained) that|for (hitting|kicking|punching|biting|pushing|hurting|fighting|"
                   r"slapping|pinching|scratching|spitting|throwing|shoving|thumping))\b).)")
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


# A parent hurt by the children's other parent, or with the children there: domestic abuse
# the children live with (KCSIE annex B: children can "see, hear or experience the effects of"
# it). "her dad hit me in front of the kids" is a parent speaking, who is asked whether it is
# safe to be contacted; "my dad hit me" is a child (CHILD_DISCLOSURE below).
_KIDS_OTHER_PARENT = (r"(her|his|their|the kids'?|the childrens?|my kids'?|my childrens?) "
                      r"(dad|daddy|father|mum|mam|mummy|mother|step ?dad|step ?mum)")
_HURT_ME = (r"(hit|hits|hitting|punch(es|ed|ing)?|kick(s|ed|ing)?|slap(s|ped|ping)?|beat|beats|beating|"
            r"batter(s|ed|ing)?|strangl(e|es|ed|ing)|chok(e|es|ed|ing)|attack(s|ed|ing)?|push(es|ed|ing)?|"
            r"shov(e|es|ed|ing)|thr(ew|ows?|owing)|drag(s|ged|ging)?|headbutt(s|ed|ing)?|hurt(s|ing)?)\s+me\b"
            r"(?!\s+(up|a|an|to|into)\b)")
_WITNESSES = (r"((in front of|while|whilst) (the|my|our|both|all the) (kids|children|little ones|baby)|"
              r"(in front of|while|whilst) (my|our) (son|daughter|boys|girls|lad|lass)|"
              r"((the|my|our) (kids|children|little ones)|(my|our) (son|daughter|boys|girls)) (saw|seen|watched|were "
              r"watching|heard|witnessed|were there|were screaming|were crying|was screaming|was crying|had to watch))")
# An adult at home who turns nasty with drink, or at the writer, with the child seeing or hearing
# it ("he gets really nasty when he's had a drink and she sees all of it"): never a child's own
# temper, which has neither drink nor the writer as its target.
_TURNS_NASTY = (r"((gets|goes|turns|is|becomes|can get|can be) (really |very |so |dead |proper )?(nasty|violent|"
                r"aggressive|handy|scary|horrible)|kicks? off|loses it|(screams?|shouts?|yells?|swears?) at me|"
                r"smash(es|ed|ing)? (things|the place|stuff|the house)|throws? things)")
_WITH_DRINK_OR_AT_ME = (r"(drink|drinks|drinking|drunk|had a few|on the (beer|booze)|the pub|off his face|off her face|"
                        r"at me|to me)")
_CHILD_SEES_IT = (r"(she|he|they|the (kids|children|little ones|baby|bairns)|(my|our) (son|daughter|boys|girls|kids|"
                  r"lad|lass|bairns)) (sees|see|saw|seen|hears|hear|heard|watches|watched|witness(es|ed)?) "
                  r"(all of it|it all|everything|all that|the lot|it)")
WITNESSED_DOMESTIC_ABUSE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    rf"\b{_KIDS_OTHER_PARENT}\b.{{0,40}}\b{_HURT_ME}",
    rf"\b(?=.{{0,80}}\b{_WITH_DRINK_OR_AT_ME}\b){_TURNS_NASTY}\b.{{0,150}}\b{_CHILD_SEES_IT}\b",
    # (never a child: "my dad hit me in front of my friends")
    rf"^(?!.*\bmy (dad|daddy|mum|mam|mummy|step ?dad|step ?mum|brother|sister|uncle)\b)(?=.*\b{_HURT_ME})"
    rf".*\b{_WITNESSES}\b",
)]

# Neglect (KCSIE part one; NSPCC: a child "left hungry or dirty, without proper clothing,
# shelter, supervision or health care"; Action for Children: "left alone in the house ... for
# long periods"). A parent asking whether a child may stay in alone for a few minutes is not
# neglect: being left alone alerts when it is for long, at night or habitual, and never for
# minutes while a parent pops out.
_BRIEFLY = (r"^(?!.*\bfor (a few|a couple of|\d+|ten|five|fifteen|twenty|thirty|half an|an) (minutes?|mins?|hour)\b)"
            r"(?!.*\bwhile (i|we) (pop|popped|nip|nipped|go|went|run|ran|do|did)\b)"
            r"(?!.*\b(till|until|til|before) (i|we) (get|gets|come|am|are|'m|'re)\b)")
_LONG = (r"(all (day|night|evening|weekend)|overnight|over ?night|every (day|night|evening|weekend|morning)|"
         r"most (days|nights|evenings|weekends)|at night|for (days|hours|ages|the (whole )?(day|night|weekend))|"
         r"for \d+ (hours|days)|till (late|midnight|the early hours)|until (late|midnight|the early hours)|"
         r"night after night)")
_PARENT_OUT = (r"while (his |her |their )?(mum|mam|dad|mother|father|parents?|she|he|they)\w* (is |are |was |were |"
               r"goes |go |went |gets |get )?(out|drinking|(at|to|down) the pub|partying|away|(at|to) work|works)")
_NIGHT = (r"(all night|overnight|over ?night|at night|every night|all weekend|for days|till (late|midnight)|"
          rf"until (late|midnight)|{_PARENT_OUT})")
NEGLECT = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # little ones shut out of the house for hours: "leave their two little ones shut out in the
    # back garden for hours, even in the rain"
    r"\b(little ones|kids|children|bairns|toddlers?|babies|baby|(little|young) (boy|girl|lad|lass)s?|(\w+ )?(son|daughter))\b"
    r".{0,40}\b(shut|locked|left|put|kept) (out|outside)\b.{0,40}\b(for hours|all (day|night|evening)|in the (rain|cold|dark|"
    r"snow))\b",
    # left alone for long: "home alone every night", "left on his own in the house all day"
    # (never "walks home alone", nor "they won't leave him alone", which is bullying)
    rf"{_BRIEFLY}.*\b((left|leaves|leaving) ([\w']+ ){{0,4}}|(is|are|was|were|be|been|being|stays?|stayed|staying|kept|at|"
    rf"he'?s|she'?s|they'?re) )home alone\b.{{0,30}}\b({_LONG}|{_PARENT_OUT})",
    rf"{_BRIEFLY}.*(\b(is|are|was|were|gets?|got|getting|being|been|keeps? (being|getting)) left (at )?home alone\b|"
    rf"(?<!\bi )(?<!\bwe )(?<!ive )(?<!i've )(?<!weve )(?<!we've )(?<!i have )(?<!we have )(?<!i'm )(?<!im )(?<!we're )\b(leaves|"
    rf"leaving|left) (him|her|them|(the|our|his|her|their|my) ([\w']+ ){{0,3}}?(kids|children|little ones|baby|son|"
    rf"daughter|boy|girl|lad|child|old|one)) (at )?home alone\b)",
    rf"{_BRIEFLY}.*\bleft\s+((him|her|them|the (kids|children|little ones|baby))\s+)?(on (his|her|their) own|alone|"
    rf"by (him|her|them)sel(f|ves))\b.{{0,30}}\b(in the (house|flat|car)|at home|{_NIGHT})\b",
    # a child looking after younger children at night: "looks after her little brothers overnight"
    rf"\b(look(s|ed|ing)? after|mind(s|ed|ing)?|babysit(s|ting)?|babysat|in charge of|car(e|es|ing) for)\s+(his|"
    rf"her|their|the) (little |baby |younger |two |three |2 |3 )*(brothers?|sisters?|siblings|baby|little ones|kids|"
    rf"children)\b.{{0,40}}\b{_NIGHT}\b",
    # hungry, dirty, unfed (never a parent's fussy eater: "he comes in hungry because he won't eat breakfast")
    r"\b(nothing|no food) to eat\b.{0,20}\b(at home|in the house|all (day|weekend)|for (days|two days|\d+ days)|"
    r"since (friday|yesterday|the weekend))\b|\b(never|not|hasn'?t|has not|haven'?t|have not|had ?n'?t|did ?n'?t)\s+"
    r"(been )?(eaten|had (anything|any food|a (proper )?meal|any tea|any dinner))\s+(to eat )?(for (days|two days|"
    r"\d+ days)|all weekend)\b",
    r"^(?!.*\b(after|from|at) (sports day|forest school|football|pe|rugby|training|swimming|the park|playing|camp|the "
    r"trip|the farm|the beach|muddy)\b).*(\b(dirty|filthy|smelly|smelling|stinking|unwashed|grubby)\b.{0,25}\b(hungry|"
    r"starving|starved)\b|\b(hungry|starving|starved)\b.{0,25}\b(dirty|filthy|smelly|smells|stinks|unwashed|grubby)\b)|"
    r"\bsame (dirty|filthy|smelly|stinking|grubby|unwashed) clothes\b|"
    r"(?<!my son )(?<!my daughter )(?<!my child )(?<!my boy )(?<!my girl )(?<!my lad )\b(comes|come|coming|turns up|"
    r"turning up|arrives|arriving) (in|into school|to school|in to school)\s+(hungry|starving|filthy|dirty|unwashed|"
    r"smelling)\b(?!.{0,60}\b(won'?t|doesn'?t|does not|will not|refuses to|fussy|picky)\b)",
    # no bed, no heating at home: "doesnt have a bed", "the kids sleep on the floor"
    r"\b(no|hasn'?t got a|has not got a|doesn'?t have a|does not have a|have ?n'?t got a|not got a|without a|"
    r"don'?t have a)\s+(proper )?bed\b(?!\s*(time|-?wetting|space|for (the )?(residential|trip|camp)))|"
    r"\b(sleeps|sleeping|slept|(has|have|had) to sleep|(they|the (kids|children|little ones)) sleep) on the floor\b"
    r"(?!.{0,40}\b(sleepover|camp|residential|"
    r"tent|holiday))",
    r"\b(they|the (kids|children|little ones)|he|she)\s+(have|has|'ve|'s|have got|has got|haven'?t got|hasn'?t got|"
    r"do ?n'?t have|does ?n'?t have|never have|never has)\s+(no |any |a )?(heating|beds?|food|electric|electricity)\b"
    r".{0,20}\b(at home|in the (house|flat)|in (his|her|their) (house|flat|home)|at (his|her|their) (house|flat|home))\b",
    # an injury not taken to a doctor: "his mum never took him to the doctor" (not "we didn't")
    r"^(?=.*\b(broken|broke|injur\w*|burn(t|ed|s)?|bleeding|infected|swollen|limping|wound|gash|toothache|"
    r"rotten teeth|rotting teeth)\b).*(?<!\bi )(?<!\bwe )\b(never|not|nobody|no ?one|did ?n'?t|did not|won'?t|wont|"
    r"will not|refus\w* to|has ?n'?t|has not|have ?n'?t|have not)\s+(been\s+)?(tak(e|en)|took|bring|brought|get|got)\s+"
    r"(him|her|them|the (boy|girl|kid|child|baby))\s+to\s+(a|the|see a|see the)\s+(doctors?|gp|hospital|a ?& ?e|"
    r"a and e|dentist|walk[- ]in)\b",
)]

# Neglect in everyday words, as a neighbour or a friend's parent sees it. One sign may be
# anything ("he's starving by dinner time"); two different signs about another family's child
# ("always asking for food ... only cereal at his house and no milk", "same clothes all week ...
# no electric so he sleeps in his coat") are what the NSPCC calls a pattern of neglect.
_NEGLECT_SIGN = re.compile(
    # hunger
    r"\b(always|constantly) (starving|hungry)\b|\bhungry all the time\b|\b(asking|begging|asks|begs|knocking)( us| me)?"
    r"( for| asking for)? (food|bread|something to eat)\b|\bhid(es|ing)? (food|biscuits|bread|snacks)\b|\b(only|just) "
    r"(cereal|bread|crisps) (at|in) (his|her|their|the) (house|home|flat)\b|\bno milk\b|\b(nowt|nothing|no food) (to eat )?"
    r"in the (cupboards?|fridge|house)\b|\bcomes (in|to school) (hungry|starving)\b"
    # dirty, the same clothes
    r"|\b(always )?(smells|smelly|stinks|unwashed|filthy)\b|\bsame clothes (on )?(all|every|for)\b"
    # the home
    r"|\b(no|got no|have no|has no|without) (electric|electricity|heating|gas|hot water|beds?)\b|\b(sleeps?|sleeping|slept) "
    r"in (his|her|their) coats?\b|\bwindows (are )?boarded\b|\b(house|flat|home) (is|was) (such )?(a tip|a state|filthy|"
    r"disgusting|a pigsty)\b|\bdog (mess|muck|poo|dirt) (everywhere|all over)\b|\bno lights? on\b|\bto keep warm\b"
    # clothing for the weather
    r"|\b(no|without|hasn'?t got|not got|never (has|wears|got|gets)) (a |proper |any |winter )?(coat|shoes|socks)\b|\b(just|only) (slippers|sandals|"
    r"flip flops)\b|\b(hands|feet|fingers) (are |were )?red raw\b"
    # nobody looking after them
    r"|\b(nobody|no ?one|no-one) (home|in|answering|came for|comes for|picks (him|her|them) up|looks after)\b|\bon (his|her|"
    r"their) own (till|until|all|at night|most nights)\b|\blocked out\b|\bsat on (the|his|her|their) (door ?)?step\b|"
    r"\b(bringing|brings|brought) (him|her)self up\b|\b(minding|looking after|mind|minds) the baby\b"
    # the parent away or drunk
    r"|\b(stinking|stank|smelt|smelled|smelling) of (drink|booze|alcohol)\b|\b(always|often) drunk\b|\bworks nights\b|"
    r"\b(goes|gone|went) (out|away|off) (drinking|partying|to (her|his) (boyfriend|girlfriend)'?s)\b|\bwhile (she|he) goes to "
    r"(her|his) (boyfriend|girlfriend)'?s?\b", re.IGNORECASE)
# Whose child: the neighbours', a friend's, one in the class (a parent's own child's hunger
# after football is not neglect).
_ANOTHER_FAMILYS_CHILD = re.compile(
    r"\b(next door|neighbours?'?s?|(two|2|three|3|few) doors (down|up)|the family|(a|the|one of the|this|that) (little )?"
    r"(boy|girl|lad|lass|kid|child|bairn)|(my (son|daughter|lad|girl|boy)'?s?|his|her) (best )?(friend|mate|pal|classmate)|"
    r"friend'?s (son|daughter|kids|bairns)|in (my (son|daughter)'?s|his|her) class|sister'?s (kids|bairns|children)|"
    r"brother'?s (kids|bairns|children)|nephew|niece|grand(son|daughter|child|kids)|bairns|your pupils|the (kids|children) "
    r"at)\b", re.IGNORECASE)
# Out alone late at night, or shut out of the house: signs on their own.
NEGLECT_ALONE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"^(?=.*\b(on (his|her|their) own|alone|by (him|her|them)sel(f|ves)|no adults?|(nobody|no ?one|no-one) with (him|her|"
    r"them))\b)(?=.*\b(out|outside|wandering|roaming|walking)\b)(?=.*\b((at|till|until|til|gone|after) (8|9|10|11|12|"
    r"eight|nine|ten|eleven|twelve|midnight)( ?(o'?clock|pm|:\d\d))?\b|at night|midnight|in (his|her|their) (pyjamas|pjs|"
    r"nightie))).*\b(only (\d|1[0-2])|(\d|1[0-2]) ?(yr|year)s? old|about (\d|1[0-2])|year [1-6]|yr ?[1-6]|y[1-6]|reception|"
    r"nursery|pupils?|little (girl|boy|lad|lass|one|ones)|bairns?|kids|children)\b",
    r"\b(sat|sitting|sits|waiting|left|stood|standing)\b.{0,25}\b(on|outside) (the|his|her|their) (front )?(door ?)?"
    r"(step|steps|door)\b.{0,80}\b((nobody|no ?one|no-one) (home|in|answering|there|came)|till (gone )?\d|for hours|in the "
    r"(cold|dark|rain))|\blocked out\b(?! of (the |his |her |their )?(game|app|account|phone|ipad|tablet|homework|"
    r"computer|laptop|site|website))\b.{0,60}\b(for hours|in the (cold|dark|rain)|(nobody|no ?one) "
    r"(home|in)|sat on the (door ?)?step|of the house)\b",
    # left with no adult for long: "leaves her bairns on their own all weekend"
    rf"{_BRIEFLY}.*(?<!wont )(?<!won't )(?<!dont )(?<!don't )(?<!not )(?<!never )(?<!doesnt )(?<!doesn't )\b(leaves|"
    rf"leaving|left|leave)\s+(him|her|them|(her|his|their|the) (kids|bairns|children|little ones|baby|"
    rf"boys|girls))\s+(on (his|her|their) own|alone|by (him|her|them)sel(f|ves))\b.{{0,30}}\b({_LONG}|{_NIGHT})",
)]


def _neglect_signs(text: str) -> bool:
    """Two or more different signs of neglect about another family's child, or one that stands alone."""
    if any(pattern.search(text) for pattern in NEGLECT_ALONE):
        return True
    signs = {match.group(0).lower() for match in _NEGLECT_SIGN.finditer(text)}
    return len(signs) >= 2 and bool(_ANOTHER_FAMILYS_CHILD.search(text))


# Child criminal exploitation and county lines (KCSIE part one and annex B; the Home Office's
# and the Children's Society's signs): made to carry or deliver drugs or packages; money,
# phones and trainers from older people who then ask favours; a debt to work off; going
# missing to other towns; "working" for older lads. Child sexual exploitation: an adult
# "boyfriend", alcohol and lifts from older men, being passed between them.
# (never "the older kids' class", nor "the big boys' football": older pupils are everyday words)
_OLDER = (r"((older|grown) (lads|boys|teens|teenagers|men|blokes|guys)|grown ?ups|some (men|blokes|guys)|"
          r"a gang|the gang|gang members|(drug )?dealers?)(?!'|s')")
_DRUGS = r"(drugs|weed|cannabis|skunk|cocaine|heroin)"
_MEDICINE = (r"^(?!.*\b(asthma|epilep\w*|adhd|medic\w*|prescri\w*|inhaler|diabet\w*|insulin|allerg\w*|pharmac\w*|"
             r"calpol|antibiotic\w*|drugs? (education|awareness))\b)")
_TO_A_CHILD = r"(him|her|them|my (son|daughter|boy|girl|lad|lass|kid|child|eldest))"
EXPLOITATION = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # carrying, holding, delivering or selling drugs (not medicines, nor drugs education)
    rf"{_MEDICINE}.*\b(carr(y|ies|ied|ying)|deliver(s|ed|ing)?|drop(s|ped|ping)? off|hold(s|ing)?|held|"
    rf"hid(e|es|ing|den)?|stash(es|ed|ing)?|mov(e|es|ed|ing)|sell(s|ing)?|sold|deal(s|ing|t)|run(s|ning)?|ran|"
    rf"bring(s|ing)?|brought)\b.{{0,25}}\b{_DRUGS}\b",
    # packages, bags, phones or money for older people or a gang
    rf"\b(carr(y|ies|ied|ying)|deliver(s|ed|ing)?|drop(s|ped|ping)? off|hold(s|ing)?|held|hid(e|es|ing|den)?|"
    rf"stash(es|ed|ing)?|mind(s|ed|ing)?|tak(e|es|ing)|took|keep(s|ing)?|kept|pass(es|ed|ing)? on)\b.{{0,30}}\b("
    rf"packages?|parcels?|packets?|bags?|stuff|things|phones?|a phone|money|cash)\b.{{0,30}}\bfor\s+(some |these |"
    rf"the |a group of |a gang of |a couple of )?{_OLDER}(?!\s+to (see|look|play|use|borrow|watch|share)\b)",
    # jobs, favours, runs and "work" for older people: "he is working for older lads"
    rf"\b(he|she|they|he'?s|she'?s|hes|shes|my (son|daughter|boy|girl|lad|kid))\s+((is|was|has been|'s been|been|"
    rf"keeps|kept|started|starts|has started)\s+)?['\"]?(working|works|worked|doing (favours|errands|runs)|"
    rf"does (favours|errands|runs)|did (favours|errands|runs))['\"]?\s+for\s+(some |these |the |"
    rf"a group of |a gang of |a couple of )?{_OLDER}|\b(do|doing|did|does)\s+(favours|runs)\s+for\s+(some |these |"
    rf"the |a group of |a gang of )?{_OLDER}",
    # gifts from older people: "older boys keep giving him money and trainers"
    rf"\b{_OLDER}\b.{{0,60}}\b(giv(e|es|ing)|gave|given|buy(s|ing)?|bought|sen(d|ds|ding|t)|hand(s|ed|ing)?)\s+"
    rf"{_TO_A_CHILD}\s+(money|cash|phones?|a (new )?phone|(new |designer |expensive )?(trainers|clothes)|designer \w+|"
    rf"sim cards?|vapes?|cigs|cigarettes|alcohol|drink|vodka|weed|drugs|gifts?|presents?)\b",
    # things that cannot be explained: "came home with a new phone and wont say who gave it to him"
    r"\b(money|cash|phones?|a (new )?phone|trainers|clothes|gifts?|designer \w+|jewellery|sim cards?|loads of)\b"
    r".{0,60}\b(won'?t|wont|will not|does ?n'?t|does not|did ?n'?t|did not|refus\w* to|can'?t|cannot|never)\s+(say|"
    r"tell (me|us)|explain|tell)\s+(where (it|they|that|the \w+|(he|she|they)) ?(got|gets|get|came from|comes from|"
    r"come from|is from|are from|'s from)|who (gave|bought|gives|buys|sent)|who (it|they)'?s? from)\b",
    # a debt to older people, with a threat: "he owes them money and they will hurt him"
    r"\b(owe|owes|owed|owing)\s+(them|him|some (older )?(lads|men|boys|people)|the (older )?(lads|boys|men)|a gang|"
    r"dealers?|a dealer)\b.{0,60}\b(threat\w*|hurt|kill|stab|beat|batter|scared|frightened|terrified|work (it )?off|"
    r"pay (it )?back or)\b",
    # going missing to other towns, or for nights and days
    r"\b(he|she|they|he'?s|she'?s|hes|shes|my (son|daughter|boy|girl|lad|kid|child|eldest)|the (boy|girl|lad|kid|"
    r"child))\s+((keeps|kept|is|was|has|have|had|been|started|starts|keeps on)\s+)*(go(es|ing)?|gone|went) missing\b"
    r".{0,60}\b(other towns?|another town|different "
    r"(towns?|cit(y|ies)|areas?)|another (city|area|county)|miles away|for days|for (two|three|a few|\d+) days|"
    r"overnight|all night|the whole night)\b|\b(he|she|they|my (son|daughter|boy|girl|lad|kid|child))\s+(keeps\s+)?"
    r"disappear(s|ed|ing)?\b.{0,20}\b(for days|for (two|three|a few|\d+) days|overnight|all night|at night)\b|"
    r"\b(found|picked up|turned up|turning up|turns up|stopped by the police)\b.{0,25}\b(in|at) ((an|a) ?other|"
    r"a different|different|other) (towns?|cit(y|ies)|areas?|county)\b",
    r"\b(going|gone|went|sent) country\b(?!\s+(dancing|walk\w*|music|side|park|fair|show))|\btrap (line|phone)\b",
    # sexual exploitation: an adult "boyfriend" (not the child's mum's)
    r"(?<!mum's )(?<!mums )(?<!mam's )(?<!mams )(?<!mom's )(?<!moms )(?<!dad's )(?<!dads )(?<!my )"
    r"\b(much older|way older|a lot older|grown ?up|adult|(1[6-9]|[2-9]\d) ?(yr|year)s?[- ]?old)\s+(boyfriend|"
    r"girlfriend|bf|gf)\b|\b(her|his) (boyfriend|girlfriend) (is|was) (a grown ?up|an adult|a grown man|a man)\b",
    # in cars with older men, passed around, alcohol and lifts from strangers
    r"\b(getting|gets|got|get|goes|going|went) (in|into) (cars?|vans?)\b.{0,30}\b(with |by )?(older (men|lads|boys|"
    r"blokes)|grown men|men|blokes|strangers|adults (she|he) (doesn'?t|does not|dont|don'?t) know)\b|"
    r"\b(picked up|dropped off)\b.{0,30}\bby (older (men|lads|boys|blokes)|grown men|men|blokes|strangers)\b",
    r"\b(passed|pass(es|ing)?) (around|round|between)\s+(older )?(men|lads|boys|blokes|his mates|their mates)\b|"
    r"\b(pimp\w*|prostitut\w*|traffick\w*|sexually exploit\w*|child sexual exploitation|cse)\b",
    rf"\b(man|men|bloke|blokes|guy|guys|stranger|strangers|adult|adults|older (lads|boys))\b.{{0,40}}\b(giv(e|es|ing)|"
    rf"gave|given|buy(s|ing)?|bought|offer(s|ed|ing)?)\s+({_TO_A_CHILD}|the (girls|boys|kids|children))\s+(alcohol|"
    rf"drink|vodka|cider|cigarettes|cigs|vapes?|weed|drugs)\b|\b(stranger|strangers|older (men|lads)|(a|some) (man|men|"
    rf"bloke|guy) (she|he|we|they) (doesn'?t|don'?t|didn'?t|does not|did not) know|a man in a (car|van))\b.{{0,40}}\b"
    rf"(offer(s|ed|ing)?|giv(e|es|ing)|gave)\s+({_TO_A_CHILD}|the (girls|boys|kids|children))\s+(a lift|lifts|a ride|"
    rf"sweets)\b",
    r"\b(meet(ing|s)?|met up with|meets up with|going to meet|gone to meet|went to meet)\s+(a|an|some|this)\s+"
    r"(man|older (man|lad|boy|guy)|adult|grown (man|up)|stranger|guy|bloke)\s+(she|he)\s+(met|talks? to|chats? to|"
    r"knows from|has been talking to)\s+online\b",
)]

# ---------------------------------------------------------------------------------------------
# Risk said in indirect everyday words (issue 10, item 3). Parents rarely write "abuse": they
# write what they saw or were told. Each family below pairs the everyday words with the sign
# that makes them a worry (a secret, a night, an adult, an injury that cannot be explained),
# because the everyday words alone ("a game", "a lift home", "her phone") must never alert.
# Written from KCSIE part one and annex B, the NSPCC's signs of abuse and the Home Office's
# signs of exploitation, in a parent's words; checked against every training line of the
# other intents and every everyday or other-matter development line.
# ---------------------------------------------------------------------------------------------

# Closeness in private: a bed, a bath, under the covers, on a lap, lying on top of a child.
_PRIVATE_CLOSENESS = (
    r"\bunder the (covers|duvet|blankets?|quilt|sheets)\b|\b(in|into) (his|her|their|the grown ?ups?'?|an adult'?s) bed\b|"
    r"\bsleep(s|ing)? in (his|her|their) bed\b|\b(gets?|got|getting|climbs?|climbed) (in|into) (bed|the bath|the shower) "
    r"with (her|him|them)\b|\bin the bath with (her|him|them)\b|\b(lies|lay|lying|laid|gets|got|climbs|climbed) on top of "
    r"(her|him|them|my \w+)\b|\b(sit|sits|sat|sitting) on (his|her) (knee|lap)\b|\btouch(es|ed|ing)? (him|her|them|my \w+) "
    r"under (the (table|desk|covers|duvet|blanket)|(his|her|their) (clothes|top|skirt|t-?shirt|jumper|dress))\b")
# What makes it a worry: a secret, quiet, "just a game", a child who does not like it.
_SECRET_OR_QUIET = (
    r"\b(our|their|a|his|her) (little |special |big )?secrets?\b(?! santa)|\b(they'?re|they are|it'?s|its|it is) (a |their )?"
    r"secrets?\b|\bnot (to|allowed to|supposed to|meant to) tell\b|\b(must ?n'?t|can'?t|cannot|should ?n'?t) tell\b|"
    r"\bhas to (be quiet|keep quiet|keep it)\b|\b(be|keep) quiet\b|\bspecial (sleepover|game|cuddles?|time|friend)\b|"
    r"\b(says|said|saying|tells (him|her)) it'?s (a|just a|only a|our) game\b|\b(does ?n'?t|does not|did ?n'?t|did not) "
    r"like it\b|\b(play|plays|played|playing) (boyfriend and girlfriend|mummies and daddies|mums and dads|doctors)\b")
_KEPT_QUIET = _SECRET_OR_QUIET + r"|\b(a|the|this|that) game\b"
# A grown-up's secret a child was told to keep: "asked if you can get in trouble for telling a
# secret if a grown up said you had to keep it".
_AN_ADULTS_SECRET = re.compile(
    r"\b(grown ?up|adult|man|woman|someone|somebody)\s+(said|says|told (her|him|them))\s+(you|she|he|they)\s+(had|have|"
    r"has|must|were|was)\s+(to )?keep (it|a secret|secrets|it secret|it a secret|quiet)\b", re.IGNORECASE)


def _secret_closeness(text: str) -> re.Match | None:
    """Closeness in private with a secret or "a game" beside it: the closeness, else None."""
    closeness = re.search(_PRIVATE_CLOSENESS, text, re.IGNORECASE)
    if closeness and re.search(_KEPT_QUIET, text, re.IGNORECASE):
        return closeness
    return None


# Someone at home or caring for the child, feared: "terrified of her mam's new boyfriend".
# (a parent alone is for a question: "scared of her dad finding out she lost her coat")
_NOT_HOME_PARENT = (r"((his|her|their|my \w+'?s?|the) )?((mum|mam|mom|dad|mummy|mammy|daddy)'?s )?(new )?(boyfriend|girlfriend|"
                    r"partner|fella|feller|bloke|step ?dad|step ?mum|stepfather|stepmother|uncle|grandad|granddad|grandpa|"
                    r"cousin|babysitter|lodger|childminder|friend)")
_FEAR = r"(scared|afraid|frightened|terrified|petrified)"
_NOT_A_REASON = (r"(?!'?s\b|\s+(finding|find|knowing|seeing|getting|telling|reading|when|if|being (cross|angry|upset)|"
                 r"shouting at (him|her) for)\b)")
FEAR_OF_AN_ADULT = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    rf"\b{_FEAR} (of|to be (alone )?(with|near)|to go near) {_NOT_HOME_PARENT}\b{_NOT_A_REASON}",
    # asking to live elsewhere: "begs to stay at mine", "asked if she can live at school because
    # it's safer than home"
    r"\b(safer|safe) (at|here|with (you|us|me|school)|in school)\b.{0,20}\bthan (at )?home\b|\bsafer than (at )?home\b|"
    r"\b(begs?|begging|pleads?|pleading|cries|crying)\s+(me |us )?(not )?to (stay|live|sleep) (at|with) (mine|me|us|ours|"
    r"(his|her) (nan|nana|grans?|aunties?|grandad)'?s?)\b.{0,80}\b(scared|afraid|frightened|terrified|hurt|hit|marks?|"
    r"bruis\w*|won'?t say why|will not say why)\b",
)]

# Domestic abuse in the words a parent or a neighbour uses.
DOMESTIC_ABUSE_INDIRECT = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\b(put|puts|pushed|pushes|pinned|pins|held|holds|shoved|shoves|slammed|slams|threw|throws)\s+me\s+(up\s+)?"
    r"(against|into|onto)\s+(the\s+)?(wall|door|floor|fridge|bed|ground)\b",
    # controlled and watched: "he checks my phone", "he's took my bank card and I can't get out"
    r"^(?=.*\b((checks|reads|goes through|tracks|took|taken|takes|has|keeps|kept) my (phone|messages|bank ?cards?|cards?|"
    r"money|keys|passport)|can'?t (get out|leave|go out)|won'?t let me (leave|go out|out))\b)(?=.*\b(scared|afraid|"
    r"frightened|terrified|please (do ?n'?t|do not) (ring|call|phone|text|email|message)|on (my )?friends? phone|"
    r"(he|she) (gets|got) (angry|violent|nasty))\b).*",
    r"\b(please )?(do ?n'?t|do not|never) (ring|call|phone|text|email|message|contact) me\b.{0,40}\b(he|she|they)('ll| will|"
    r" checks| reads| sees| might| would| goes through)\b",
    # children hiding from adults fighting; a child's own words of it
    r"\b(hide|hides|hid|hiding)\b.{0,50}\b(when|while|whenever|if)\b.{0,50}\b(mam|mum|mummy|mammy|dad|daddy|parents|"
    r"boyfriend|girlfriend|partner|they|he|she)\b.{0,40}\b(fight|fights|fighting|argue|argues|arguing|row|rows|rowing|"
    r"scream\w*|shout\w*|kick(s|ing)? off)\b",
    r"\b(crying|screaming|begging|shouting|yelling) (for|at) (her|his|their) (dad|daddy|mum|mam|mummy|mammy) to stop\b|"
    r"\b(daddy|mummy|mammy|dad|mum|mam) (throws|hits|hurts|punches|kicks|smashes|chokes|bites) (things|mummy|mammy|daddy|"
    r"mum|mam|dad)\b|\bheard\b.{0,40}\b(smash\w*|thuds?|someone being hit)\b.{0,80}\b(crying|screaming|begging)\b",
    # someone barred from the family at the school gate: "his dad isnt supposed to come near us"
    r"\b(is ?n'?t|is not|not|isnt|are ?n'?t|never) (supposed|allowed|meant|permitted) to (come near|go near|be near|contact|"
    r"see|have contact with|come to)\s+(us|him|her|them|the kids|my \w+)\b.{0,80}\b(outside|at the gate|home time|pick ?up|"
    r"turned up|turning up|turns up|sat outside|sitting outside|waiting|hanging (around|about|round)|following|parked)\b",
)]

# The ones in which the writer is the one harmed or controlled, or kept from someone barred.
_WRITER_ABUSED = DOMESTIC_ABUSE_INDIRECT[:3] + DOMESTIC_ABUSE_INDIRECT[5:]

# FGM and forced marriage said as families say them: a ceremony to make a girl "clean" or a
# "big girl", "the cutting"; a child getting married.
FGM_OR_MARRIAGE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\bthe cutting\b|\bcutting (ceremony|party|season)\b",
    r"\b(ceremony|special party|big party|celebration)\b.{0,90}\b(a cut\b|gets? cut\b|cut (her|girls)\b|clean|pure|become "
    r"a (woman|big girl)|becomes a (woman|big girl)|not allowed to cry)|\b(become|becomes|becoming|make her) (a (woman|"
    r"big girl)|clean|pure)\b.{0,90}\b(a cut\b|gets? cut\b|cutting|ceremony|abroad|not allowed to cry)",
    r"^(?!.*\b(miss|mrs|ms|mr|teacher|sister|aunt|auntie|cousin|mum|mam|dad|brother)\b).*\b(she'?s|she is|shes|he'?s|he is|"
    r"hes|is) (getting|going to (get|be)|to be|being) married\b.{0,100}\b(only \d|\d+ ?(yr|year)s? old|year [1-6]|yr ?[1-6]|"
    r"at yours|at your school|crying|frightened|scared|abroad)\b|\b(\d+ ?(yr|year)s? old|year [1-6]|yr ?[1-6])\b.{0,60}\b(getting|"
    r"going to (get|be)|to be) married\b",
)]

# Radicalisation (Prevent): hatred of a group taught as a cause, violence called brave.
RADICALISATION = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\b(fight back|take (it )?back|taking over|taken over|invad\w*|invasion|invaders|race war|holy war|wipe (them )?out|"
    r"get rid of)\b.{0,60}\b(foreigners|immigrants|migrants|refugees|muslims|jews|christians|hindus|sikhs|white people|"
    r"black people|asians|(the|our|this) country)\b|\b(foreigners|immigrants|migrants|refugees|muslims|jews|white people|"
    r"black people)\b.{0,60}\b(fight back|taking over|taken over|invad\w*|invasion|deserve\w* (it|to die|what'?s coming))\b|"
    r"\bpeople like us\b.{0,40}\b(fight|war|rise up|stand up|take back)\b|\b(the|our|this) country (is )?(being )?"
    r"(taken over|invaded|overrun)\b",
    r"\b(brave|right|good|a duty|honour\w*|heroic)\s+to\s+(hurt|kill|attack|fight|beat up|stab|bomb)\s+(people|anyone|those|"
    r"them|others|kids|non[- ]?believers)\b",
)]

# Criminal and sexual exploitation in everyday words.
_GIFT_OR_MONEY = r"(money|cash|new phone|a phone|phones?|trainers|designer \w+|a bike|clothes|vapes?|nails done|gifts?)"
EXPLOITATION_INDIRECT = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # paid for deliveries: "give him stuff for dropping things off"
    r"\b(give|gives|giving|gave|given|pay|pays|paid|paying|buy|buys|bought)\b.{0,40}\bfor (drop\w* (things|stuff|bags?|"
    r"packages?|parcels?)? ?off|deliver\w*|tak\w* (things|stuff|bags?|packages?|parcels?) (round|to))\b",
    # owing older people after a gift: "they've give him a bike and he says he owes them now"
    r"\b(give|gives|giving|gave|given|bought|buy|buys)\b.{0,40}\b(owes|owe|owed|owing) (them|him|the lads|some lads|"
    r"the boys)\b",
    # threats to the child's family if they stop: "they'll hurt his little sister if he stops"
    r"\b(they|he|she)('ll| will| would|'d| are going to| said they'?d| said they would)\s+(hurt|kill|beat up|batter|stab|"
    r"get|come for|smash)\s+(his|her|their|my)\s+(little |baby |big )?(sister|brother|mum|mam|family|nan)\b.{0,30}\bif\b",
    r"\b(made|make|makes|making|get|gets|getting|got|told|tell|tells)\s+(him|her|them|our \w+|my \w+)\s+(to\s+)?(go "
    r"(in|into) (the )?shops? and )?(nick|steal|shoplift)\w*\b.{0,40}\bfor (them|older|some|the (lads|boys|men))\b",
    # a second phone the parent never bought, that takes the child out: "when it rings he runs out"
    r"\b(phone|mobile)\b.{0,30}\b(i|we) (never|did ?n'?t|did not|have ?n'?t) (bought|buy|got|give|gave)\b.{0,80}\b(runs?|"
    r"ran|goes|went|rushes|rushed|leaves|left) (out|off)\b|\b(two|2|second|another|extra) phones?\b.{0,80}\b(runs?|ran|"
    r"goes|went|rushes|leaves) (out|off)\b",
    # with much older lads, in cars; an adult "boyfriend"; an age gap
    r"\b(with|by) (much |way |a lot )?older (lads|men|boys|blokes)\b.{0,30}\b(in|into) (a|their|his|the) (\w+ )?(car|van)s?\b|"
    r"\b(car|van)s? (that |which )?(waits?|parks?|sits?|hangs? (about|around))\b.{0,60}\b(older (lads|boys|men)|men|blokes)"
    r"\b.{0,40}\b(calls?|called|wave\w*|shout\w*) (the |some )?(kids|children|boys|girls|them) over\b|\b(lads|men|boys) "
    r"(of|aged) (1[6-9]|[2-9]\d)\b",
    r"\b(boyfriend|bf|girlfriend|gf)'?\s+(who'?s|who is|that'?s|aged|is)\s+(1[6-9]|[2-9]\d)\b",
    # (an age gap only in a relationship: never "my eldest, he's 16 and she's 9, can he collect her")
    r"^(?=.*\b(boyfriend|girlfriend|bf|gf|dating|going out with|seeing him|talking to|met (him|her|on)|chatting to)\b)"
    r".*?\b(he'?s|he is|hes|she'?s|she is|shes) (1[5-9]|[2-9]\d)\b.{0,12}\b(and|but|while|when) (she'?s|she is|shes|"
    r"he'?s|he is|hes|my (daughter|son) is) (only )?([5-9]|1[0-3])\b",
    r"\b(picks? (her|him) up|drives? (her|him)|buys (her|him))\b.{0,60}\b(vapes?|cigs|alcohol|vodka|nails done|"
    r"(his|her) car)\b.{0,60}\b(boyfriend|bf|much older|(1[6-9]|[2-9]\d))\b|\b(boyfriend|bf)\b.{0,40}\b(1[6-9]|[2-9]\d)\b"
    r".{0,60}\b(car|vapes?|alcohol)\b",
)]

# Injuries and how they are explained (NSPCC: "an explanation that doesn't fit the injury").
INJURY_SIGNS = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\b(marks?|bruis\w*|burns?|welts?)\b.{0,40}\blike (finger ?(marks|prints|tips)|(cigarette|cig|lighter) burns|burns|"
    r"a (hand|belt|bite|slap|buckle)|someone (grabbed|gripped|squeezed|hit) (her|him))\b",
    r"\b(mark|marks|bruise|bruises|burn|burns|injury|injuries|cuts?|split lip|black eyes?|scratch(es)?)\b.{0,60}\b(i|we|"
    r"they|she|he|nobody|no ?one|no-one) (ca ?n'?t|cannot|could ?n'?t|could not|can) ?(not )?explain\b",
    r"\b(black eyes?|bruis\w*|split lip|sling|broken (arm|wrist|leg)|burns?)\b.{0,100}\b(walked into a door|fell down the "
    r"stairs|fell (in|out of) the bath|(says|said|told \w+) (she'?s|he'?s|she is|he is|shes|hes) (just )?clumsy)\b|"
    r"\b(walked into a door|fell down the stairs)\b.{0,100}\b(again|last (week|month)|before|(has ?n'?t|has not|does ?n'?t "
    r"have) (got )?a)\b",
    r"\b(split lip|bruis\w*|black eyes?|marks?)\b.{0,80}\b(won'?t|will not|does ?n'?t want to|refuses to) (talk|speak) "
    r"about (it|how|what happened)\b",
)]

# A parent or carer drunk or high while in charge of children at the gate or in a car.
_IN_CHARGE = (r"(pick(s|ed|ing)? ?up|collect\w*|at the gate|school gate|home time|drove|driving|drive|in the car|the (kids|"
              r"bairns?|children|twins|baby|little ones)|(her|his|their) (own )?(two|kids|children|bairns?|little one)|"
              r"the (poor )?bairn)")
DRUNK_IN_CHARGE = re.compile(
    rf"^(?=.*\b{_IN_CHARGE}\b).*\b(drunk(?! (all|the|his|her|their|a|some|it|too much|loads|water|milk|juice))|stank of (drink|booze|alcohol)|stinking of (drink|booze|alcohol)|smel(t|led|ling|ls) "
    r"of (drink|booze|alcohol)|(barely|hardly|could ?n'?t|could not|can'?t) (stand|walk straight)|swaying|slurring|off (his|"
    r"her|their) face|high as a kite)\b", re.IGNORECASE | re.DOTALL)

# Self-harm and suicide as a child or a parent says them.
SELF_HARM_INDIRECT = re.compile(
    # a parent or a child who has thought of ending their life: "I've thought about ending it"
    r"\b(thought|thinking|thinks|think) (about|of) (ending (it|it all|my life|things)|killing (my|him|her)self|"
    r"taking (my|his|her) (own )?life|not being here( any ?more)?)\b|\b(i|he|she|i'?ve|i just) (want|wants|wanted|wanna) to end it all\b|"
    r"\b(don'?t|do not|doesn'?t|does not) want to (be here|be alive|live|wake up) any ?more\b|"
    r"\bwish(es|ed)? (he|she|they|i) (was|were|wasn'?t|weren'?t) (dead|alive|born)\b|\b(everyone|everybody|the family|"
    r"we|you all) (would|'?d) be (better|happier)( off)? without (him|her|me)\b|\b(so (she|he) can|wants? to|wanted to|"
    r"going to|gonna|to) (sleep forever|not wake up|never wake up)\b|\bjump(ing)? off (a|the) (bridge|roof|cliff|"
    r"building|car park)\b|\b(how (long|to)|ways to|the best way to)\b.{0,30}\b(stop breathing|die|kill (yourself|"
    r"himself|herself)|hang (yourself|himself|herself))\b(?! (under ?water|in the (pool|bath))| for swimming)|\b(suicide|goodbye) (note|letter)\b|\bnote\b.{0,30}\b(saying "
    r"(sorry|goodbye) to (everyone|every1|us|all)|who gets (his|her) (things|stuff|xbox|toys|ipad|games))\b|"
    r"(?<!my )(?<!my son )(?<!my daughter )\b(is|been|was|keeps|has been|started|'s|s) cutting\b(?! (out|up|things|paper|"
    r"shapes|the|her hair|his hair|grass|back|down|it|in|corners|class|school|lessons))|\b(picking|picks|picked|scratching|"
    r"scratches|scratched) (at )?(his|her|their) (skin|arms?|legs?|face)\b.{0,20}\b(till|until) (it|they) bleeds?\b|"
    r"\b(does|did|doing) it (because|cos|cause|as) (she|he) deserves it\b|\bdeserves? to (be hurt|die|suffer)\b|"
    r"\b(wrote|written|writes|writing|carved|scratched)\b.{0,30}\bon (his|her|their) (arm|arms|wrist|wrists|legs?|skin|"
    r"hand|tummy)\b|\blines on (his|her|their) (arm|arms|wrist|wrists|legs?|thighs?)\b|\blong sleeves\b.{0,60}"
    r"\b(cuts?|lines|marks|scars|scratches)\b|\b(saving|stockpiling|hoarding|collecting|hiding) (up )?(her |his |their )?"
    r"((mums?|mams?|dads?) )?(tablets|pills|paracetamol)\b", re.IGNORECASE | re.DOTALL)

# Private fostering (KCSIE annex B): a child living for 28 days or more with someone who is not
# a parent or close relative. The school must tell the local authority; the DSL sees to it.
PRIVATE_FOSTERING = re.compile(
    r"^(?=.*\b((my )?friend'?s? (daughter|son|kid|child|girl|boy|lad)|a (girl|boy|child|lad|lass) (from|whose|who)|(my )?"
    r"(son|daughter)'?s (best )?(mate|friend|pal)|(his|her) (best )?(mate|friend)|neighbour'?s (daughter|son|kid|child)|"
    r"(not|n'?t) (my|our) (own|child|kid)|((we'?re|we are|i'?m|i am) not|(we|i) (are ?n'?t|aren'?t|am not)) (family|"
    r"related)|(friend|cousin|neighbour)'?s (\w+'?s )?(kid|child|son|daughter|girl|boy|lad)|(look|looking|looked) after "
    r"(her|his|their) (daughter|son|kid|child|little \w+)|(is ?n'?t|is not|not|are ?n'?t) (family|related))\b)"
    r"(?=.*\b(living|lives|stopping|staying|stays|been) (with|at) (me|us|mine|ours|our house|her|him)\b|.*\b(been with|"
    r"looking after|look after) (me|us|her|him)\b|.*\b(look|looking) after (her|his|their|(my|our|a) [\w']+'?s) (daughter|son|"
    r"kid|child|boy|girl|lad))"
    r"(?=.*\b(since (january|february|march|april|may|june|july|august|september|october|november|december|the summer|"
    r"last term|christmas|easter|half ?term)|for (weeks|months|(\d+|two|three|four|five|six|seven|eight|a few|several|some|a "
    r"couple of) (weeks|months)|(most|all) of (this|the) term)|most of (this|the) term|(till|until|til) (the )?(summer|"
    r"christmas|easter|next year)|(\d+|four|five|six|seven|eight) weeks|long ?term|28 days)\b).*",
    re.IGNORECASE | re.DOTALL)

# Images and sexual harassment between children: skirts lifted, rude videos shown, pictures
# asked for and passed round.
CHILD_ON_CHILD_INDIRECT = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    r"\blift(s|ed|ing)? (up )?(her|the girls'?|girls'?|their|my daughters?'?|the other girls'?) (skirts?|dress(es)?)\b",
    r"\b(videos?|clips?|films?|pics?|pictures?|photos?)\b.{0,30}\b(people|men|women|a man|a woman|adults|grown ?ups)\b.{0,20}"
    r"\b(doing|having) (rude|dirty|sexy|naughty) (stuff|things|bits)|\b(rude|dirty|sexy) (videos?|clips?|films?)\b|"
    r"\b(videos?|clips?|films?)\b.{0,30}\b(with )?(naked|nude|topless) (women|men|people|ladies|girls)\b",
    r"\b(ask\w*|beg\w*|pressur\w*|get\w*|got)\s+(girls|the girls|boys|kids|people|year \d \w+|other (girls|boys))\s+for\s+"
    r"(pics|pictures|photos|snaps|selfies|nudes)\b(?!\s+of\s+(the|a|an|their|his|her|my|your|our)\b).{0,80}\b(send\w*|"
    r"shar\w*|pass\w*|post\w*|put\w*|spread\w*) (them|it|the \w+) (round|around|on|in|to)\b",
)]


# An adult luring children away with treats: "a man at the park gives them sweets if they go
# round the back of the hut with him" (a stranger's treats alone, "the ice cream man", are not).
LURED_AWAY = re.compile(
    r"\b(man|men|bloke|guy|stranger|adult|woman|older (lad|lads|boy|boys))\b.{0,80}\b(giv(e|es|ing)|gave|offer(s|ed|ing)?|"
    r"promis(e|es|ed|ing)|buy(s|ing)?)\s+(them|him|her|the (kids|children)|kids|children|my \w+)\s+(sweets|money|"
    r"presents?|gifts?|vapes?|crisps|cans|sweeties)\b.{0,40}\b(if|to|when) (they|he|she|the kids) (go|come|get|went|came)\b"
    r".{0,30}\b(round the back|behind|with (him|her)|in(to)? (his|her|the) (car|van|house|flat|shed|hut))\b",
    re.IGNORECASE | re.DOTALL)
# A secret an adult keeps with a child that makes the child feel wrong.
_FEELS_WRONG = re.compile(
    r"\b(make|makes|made|making) (me|her|him|them) feel (weird|uncomfortable|funny|yucky|horrible|strange|dirty|sick|"
    r"scared|icky)\b", re.IGNORECASE)


PICTURES_ASKED_AND_SHARED = CHILD_ON_CHILD_INDIRECT[2]


# ---------------------------------------------------------------------------------------------
# KCSIE's range in the everyday words a worried adult uses (a fifth development writer showed
# how many plain signs the lists above missed: a child googling a noose, a mum who "hasn't been
# home since yesterday", parcels carried "for a mate", a girl to marry her cousin at 13). Each
# family names its sign with what makes it one, never the bare everyday word.
# ---------------------------------------------------------------------------------------------
_A_CHILD_WORD = (r"(him|her|them|kids|children|child|little ones?|bairns?|toddler|baby|son|daughter|boy|girl|lad|lass|"
                 r"reception|nursery|year ?\d|yr ?\d|y\d)")
_GROWN = (r"(man|men|woman|adult|grown (man|men|woman|up)|older (man|men|woman|lads|boys|girls|kids)|stranger|bloke|guy|"
          r"someone|somebody|a number|an account|a person)")
SAID_IN_EVERYDAY_WORDS = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # a child who wishes to be dead, or looks up how
    r"\b(want(s|ed)?|wanna|wish(es|ed)?|keeps? saying (he|she) wants?|said (he|she) wants?) to (be dead|not be (here|alive)|"
    r"not exist|go to sleep and (not|never) wake up|disappear for ?ever)\b",
    r"\b(googl\w*|search\w*|look(ed|ing|s)? up|youtube\w*)\b.{0,40}\b(how to (tie a noose|hang|kill|overdose|end (it|"
    r"(his|her) life))|noose|how many (tablets|pills|paracetamol))\b",
    r"\bhow many (tablets|pills|paracetamols?)\b.{0,25}\b(it takes|to (die|kill|overdose|end))\b",
    r"\b(wish(es|ed)?|wished) (she|he|they)'?d (never|not) (been born|had (her|him|them))\b",
    # a child who cuts to cope
    r"\bcuts\b.{0,60}\b(to feel better|does it (to )?(her|him)self|on purpose|to make the pain go)\b",
    # online: secrecy asked by someone, a stranger who knows where the child is, threats over a picture
    rf"^(?=.*\b{_ONLINE}\b)(?=.*\b{_GROWN}\b).*\b((keep|kept|keeping) (it|this|them|the (chats?|messages?|calls?)) "
    rf"(a )?secret( from (me|us|(his|her|their) (mum|mam|mom|dad|parents|family)))?|not to tell (his|her|their) (mum|mam|"
    rf"mom|dad|parents|family|nan)|(to )?delete the (chats?|messages|texts|dms)( after)?)\b",
    rf"\b(talking|chatting|speaking|messaging|gaming) (to|with) (an? )?(adult|grown (man|woman|up)|older (man|men|woman)|"
    rf"(adult |grown |old )?man|stranger)\b.{{0,40}}\b{_ONLINE}\b|\b{_ONLINE}\b.{{0,40}}\b(talking|chatting|speaking) (to|with) "
    rf"(an? )?(adult|grown (man|woman|up)|older (man|men|woman)|(adult |grown |old )?man|stranger)\b",
    r"\b(a number|an account|someone|somebody|a (man|person)|people) (we|i|she|he|they) (do ?n'?t|do not|dont) know\b.{0,100}"
    r"\b(know|knows|knew) (her|his|their|my \w+'?s?) (name|school|address|where)|\b(a number|an account|someone|"
    r"somebody|a (man|person)) (we|i|she|he|they) (do ?n'?t|do not|dont) know\b.{0,100}\b(picture|photo|pic|video) of "
    r"(the|her|his|their) (school|house|home|street|gates?|school gates?)\b",
    r"\b(put|post|send|share|spread)\b.{0,25}\b(photos?|pics?|pictures?|videos?|images?|it)\b.{0,40}\b(everywhere|to "
    r"every ?(one|body)|online|round (the )?school)\b.{0,30}\bunless\b|\bunless (she|he|they) sends? (more|another|him|"
    r"them)\b",
    # missing: not seen for hours, back in the small hours, found by the police
    r"\b(nobody|no ?one|no-one|noone)( has|'s)? (seen|heard from) (her|him|them)\b.{0,15}\b(for|in) (\d+|two|three|four|"
    r"five|six|a few|several) (hours|days)\b",
    rf"\b(turned up|turns up|came (back|home|in)|comes (back|home|in)|got (back|home|in)|rolled in) (at|about|around) "
    rf"([1-5] ?(am|o'?clock in the morning)|\d+ in the morning|midnight|gone midnight)\b",
    r"\b(police|cops|the polis) (found|find|brought (her|him|them) (back|home)|picked (her|him|them) up|had to bring)\b"
    r".{0,60}\b(midnight|night|in town|on (her|his) own|ran off|run off|missing)\b|\b(ran|run) off\b.{0,60}\b(police|"
    r"cops)\b",
    r"\b(her|his|their|my) (mam|mum|mom|mother|dad|father|parents?)\b.{0,10}\b(has ?n'?t|has not|hasnt|haven'?t|have not|"
    r"not|never) (been|come) (home|back)\b.{0,15}\b(since|for|all|in)\b",
    # criminal exploitation: errands for older lads, money and things the parent never gave
    r"\b(second|another|extra|a burner|secret) phone\b.{0,100}\b(older (lads|boys|men|kids)|men|parcels?|packages?|calls "
    r"(from|at)|deliver\w*)\b",
    r"\b(taking|takes|took|carry(ing)?|carries|carried|deliver(s|ing|ed)?|drop(s|ping|ped)? off|mind(s|ing)|holding) "
    r"(parcels?|packages?|bags?|stuff|things|a bag|it)\b.{0,40}\b(for (a mate|someone|some (lads|men|people)|older \w+|"
    r"a man|people he|them)|to (a|some) (flat|house|car|man)|across (the|town)|round the (estate|town))\b",
    r"\b(older (lads|boys|men|kids|teens)|men|lads) in (cars|a car|a van)\b.{0,80}\b(giv(e|es|ing)|gave|offer\w*|hand\w* "
    r"out)\b.{0,30}\b(vapes?|cash|money|weed|phones?|lifts?|fags|cigs)\b",
    r"\b(he|she|they|my (son|daughter|boy|girl|lad|lass))( keeps?| has been| is| was|'s|s)? (disappear(s|ing|ed)?|going "
    r"missing|goes missing|vanish\w*|off for hours|out for hours)\b.{0,80}\b(new (trainers|clothes|phone)|cash|money|£\d+)\b",
    r"\b(£\d{2,}|cash|money|wad)\b.{0,60}\bknife\b|\bknife\b.{0,60}\b(minding|holding|looking after) it\b",
    # radicalisation: hatred of a group, attacks admired, a coming war
    r"\b(hateful|hate|nasty|vile|racist|horrible) (things|stuff|comments|words|videos)\b.{0,40}\b(about|against) (muslims|"
    r"jews|jewish people|black people|immigrants|foreigners|refugees|asians|pakistanis|polish people|gay people|white "
    r"people|christians|migrants)\b",
    r"\b(videos?|clips?|footage|pictures)\b.{0,20}\bof (terror(ist)? attacks?|beheadings?|shootings?|bombings?|"
    r"massacres?|killings)\b|\b(call\w*|think\w*|say\w*) (the )?(attackers?|terrorists?|bombers?|shooters?|killers) "
    r"(are |were )?(heroes|heros|brave|legends?|martyrs)\b",
    r"\b(a |the )?(coming|race|holy) ['\"]?war\b",
    # forced marriage, FGM, breast ironing
    r"\b(marry|marrying|married off|marry off|get married|getting married|be married|engaged)\b.{0,40}\b(when (she|he)"
    r"('?s| is| turns) (1[0-7]|[5-9]|eleven|twelve|thirteen|fourteen|fifteen|sixteen)|at (1[0-7]|twelve|thirteen|"
    r"fourteen|fifteen)|(her|his) cousin|an older man)\b|\b(the )?(man|boy) (she|he)'?s? (is )?(going to|gonna|has to|"
    r"must|will) marry\b",
    r"\b(special|traditional|cultural|secret) (procedure|operation|ceremony|cutting|cut|circumcision)\b.{0,80}\b(girls?|"
    r"daughters?|her|them)\b|\b(girls?|daughters?|her|them)\b.{0,80}\b(special|traditional|cultural) (procedure|"
    r"operation|cutting|cut|circumcision)\b|\bcut (down there|her down there)\b",
    r"\b(hot|heated|warm) (stones?|irons?|spatulas?|pestles?)\b.{0,40}\b(chest|breasts?)\b|\b(chest|breasts?)\b.{0,40}"
    r"\bso (she|it|they) (does ?n'?t|do ?n'?t|won'?t|will not|can'?t) (grow|develop)\b",
    r"\b(pain|hurts?|cr(y|ies|ied|ying)|struggl\w*|ages) (when|to|going to|on) ((she|he) )?(go(es|ing)? to )?(the )?"
    r"(toilet|loo|wee)\b"
    r".{0,80}\b(since|after) (she |he )?(came back|got back|returned|coming back|getting back|visiting|the (trip|holiday)) "
    r"(from )?(abroad|visiting|family|the family|back home|overseas|africa|somalia|sudan|egypt|kenya|nigeria|pakistan)?",
    # drugs and drink in a child's life
    rf"\b(smell(ing|s|ed)? of|stinks? of|stank of|reek\w* of) (weed|cannabis|skunk|drink|alcohol|booze|vodka|cider)\b",
    r"\b(bag|packet|baggie|bags)s? of (pills|tablets|powder|weed|white powder)\b.{0,60}\b(his|her|their|pocket|bag|"
    r"coat|room)\b|\b(his|her|their) (coat|pocket|bag|room)\b.{0,40}\b(bag|packet|baggie)s? of (pills|tablets|powder)\b",
    r"\b(son|daughter|boy|girl|lad|lass|kid|child|friend|mate)('?s)?\b.{0,40}\b(turn\w* up|comes? (home|in|round)|came "
    r"(home|in|round)|arriv\w*)\b.{0,20}\b(drunk|stoned|high|off (his|her) face)\b",
    # neglect: out late, no heat or food, little ones fending for themselves, untreated pain
    r"\b(out|outside|playing out|on the streets?|roaming)\b.{0,20}\b(till|until|at|past) (1[0-2]( ?pm)?|midnight|gone "
    r"(ten|eleven|midnight)|all hours)\b(?! (am|in the morning))",
    # (never the school's own lack: "the canteen had no food left", "school's got no heating")
    rf"^(?!.*\b(canteen|kitchen|dinner|lunch|tuck shop|school|class|nursery|hall)\w*\b.{{0,30}}\bno (food|heating|"
    rf"electric\w*|power|hot water|gas)\b)(?!.*\bno (food|heating|electric\w*|power|hot water|gas) (left|at (school|"
    rf"lunch|dinner)|in (school|class|the hall)))(?=.*\bno (electric\w*|electricity|heating|gas|food|power|hot water|"
    rf"beds?)\b)(?=.*\b(flat|house|home|living|lives|live|theirs|their place|hungry|starving|freezing|can'?t cope)\b)"
    rf"(?=.*\b{_A_CHILD_WORD}\b)",
    # a picture taken up a girl's skirt (upskirting, a crime and a safeguarding matter)
    r"\bupskirt\w*|\b(photos?|pictures?|pics?|videos?|images?|film\w*|took|taken|taking)\b.{0,30}\bup (her|my \w+'?s?|a "
    r"girl'?s|the girls'?|their) (skirts?|dress(es)?)\b",
    r"\b(walks?|walked|gets?|got|getting|takes?|took|taking) (her|him|them)sel(f|ves) to school\b.{0,80}\b(no coat|no "
    r"breakfast|no shoes|sandals|only (three|four|five|six|[3-6])|(three|four|five|six|[3-6]) (years? old|yo)|on (her|"
    r"his|their) own)\b|\b(kids|children|little ones)( are| have been)? getting themselves (up|ready|to school)\b",
    r"\bteeth\b.{0,30}\b(rotten|black|rotting)\b.{0,80}\b(won'?t|wont|will not|never|refuses to) take (him|her|them)\b|"
    r"\b(rotten|rotting) teeth\b",
    r"\b(passed out|comatose|out of it)\b.{0,80}\b(drop|pick|look\w* after|kids|her back|him back)\b|\b(drinks|drinking)\b"
    r".{0,20}\bfrom morning (till|to|until) night\b",
    r"\b(she'?s|he'?s|they'?re) (\w+ )?(only )?([3-8]|three|four|five|six|seven|eight)\b.{0,40}\b(looks after|fends for|"
    r"feeds?) (her|him|them)sel(f|ves)\b|\b(looks after|fends for|feeds?) (her|him|them)sel(f|ves)\b.{0,40}\b(she'?s|he'?s) "
    r"(only )?([3-8]|three|four|five|six|seven|eight)\b",
    # a parent's own crisis with the children in their care
    r"\b(not|n'?t) coping\b.{0,120}\b(kids|children|little ones?|bairns)\b.{0,60}\b(themselves|on their own|alone|"
    r"looking after|fend)\b|\bcan'?t (get out of bed|look after (them|my kids|the kids|my little one|him|her))\b.{0,80}"
    r"\b(kids|children|little ones?|son|daughter)\b",
    r"\b(sectioned|psychosis|psychotic|breakdown)\b.{0,100}\b(look after|care for|cope with|keep (him|her|them) safe)\b",
    r"\b(i'?m|i am|im) (so )?(scared|frightened|worried|afraid|terrified) (i )?(can'?t|cannot|won'?t|will not) (look after|"
    r"care for|keep (him|her|them|my \w+) safe)\b",
    r"\b(frightened|scared|afraid|terrified) of (my ?self|what i (might|could|will) do)\b|\bdark thoughts\b.{0,80}\b(son|"
    r"daughter|kids|children|little one|baby|on my own with)\b",
    r"\b(relapsed|using again|back on the (drugs|drink|gear|smack)|drinking (far |way )?too much)\b.{0,120}\b(kids|children|"
    r"little ones?|my (two|three|son|daughter|boy|girl)|in a state|making the tea|look\w* after)\b",
    r"\b(evicted|homeless|sleeping (in the car|rough|on the streets?|in a car)|nowhere to (live|sleep|stay))\b.{0,80}"
    r"\b(kids|children|little ones?|son|daughter|them)\b|\b(kids|children|little ones?)\b.{0,60}\b(sleeping (in the "
    r"car|rough)|evicted|homeless)\b",
    # abuse between the adults at home
    r"\bkick(ed|s)? the door in\b|\b(knocked|knocking|knocks) (her|me|my (sister|mum|mam|daughter)) about\b|\bbeing "
    r"knocked about\b|\b(shouts?|shouted|shouting) and (push(es|ed)?|hit(s)?|shov\w*) me\b|\b(push(es|ed)?|hit(s)?|"
    r"shov\w*|grab(s|bed)?) me in front of (the |my |our )?(children|childrens|kids|little ones)\b|\bcontrols? (all )?"
    r"(the|my|our) money\b.{0,80}\b(shout\w*|push\w*|hit\w*|scared|frightened)\b",
    # sexual harm told in a child's own words
    # (an adult's game; children's own tickle games with a brother are everyday)
    r"\b(tickle|tickling|secret|special|naughty|touching) game\b.{0,60}\b(uncle|dad|daddy|grandad|man|boyfriend|"
    r"step ?dad|lodger|neighbour)\b|\b(uncle|dad|daddy|grandad|man|boyfriend|step ?dad|lodger|"
    r"neighbour)\b.{0,60}\b(tickle|tickling|secret|special|naughty|touching) game\b",
    r"\b(boyfriend|partner|uncle|step ?dad|lodger|cousin|man|grandad)\b.{0,20}\b(comes?|came|coming|goes|going|gets) "
    r"(in|into) (her|his|their) (bed ?room|room|bed)\b.{0,40}\b(at night|when every ?(one|body)'?s? asleep|in the night)\b",
    r"\b(draw\w*|drew|pretend\w*|play\w*|act\w* out)\b.{0,40}\b(man|men|people|grown ?ups?) (with )?no clothes\b.{0,60}"
    r"\bsecret\b|\bno clothes on\b.{0,40}\b(our|a|the|his) secret\b",
    r"\bmakes? (him|her|them|me) do (things|stuff) (he|she|they|i) (does ?n'?t|do ?n'?t|does not|do not) (like|want)\b",
    r"\b(conviction|convicted|been (in|to) prison|went to (prison|jail)|jail|sex offenders? register|on the register)\b"
    r".{0,50}\b(children|kids|child|minors)\b.{0,120}\b(moved in|living with|lives with|chatting to|talking to|hangs? "
    r"(about|around)|near|at the)\b|\b(child|children|kids) (offences|offender)\b",
    # a child put down, shut away or shamed by the adults at home
    r"\blocks? (her|him|them) in (her|his|their|the) (bed ?room|room|cupboard|shed)\b.{0,30}\b(all|whole|for) (day|"
    r"weekend|weekends|days|hours|night)\b",
    r"\b(mum|mam|mother|dad|father|step ?(mum|dad)|partner|boyfriend|girlfriend|parent)\b.{0,60}\b(calls?|calling|called) "
    r"(her|him|them) (thick|ugly|stupid|worthless|useless|a waste|an idiot|a mistake)\b",
    r"\b(told|tells|telling) (he|she)'?s? (worthless|useless|a waste|a mistake|unwanted)\b.{0,60}\b(at home|every (single )?"
    r"day|by (his|her) (mum|mam|dad|step\w*))\b|\b(constantly|always|keeps) (putting|puts|put) (her|him|them|my \w+) "
    r"down\b.{0,80}\b(stopped (talking|eating)|withdrawn|scared|frightened|terrified|cries)\b",
    r"\b(is ?n'?t|not|never) allowed to eat with (the rest|the family|us|them)\b",
    # sexual touching between children
    r"\b(grab\w*|touch\w*|squeez\w*|grop\w*) (their|her|the girls'?|girls'?|my daughter'?s) (chests?|breasts?|boobs|"
    r"bums?)\b",
    r"\bpull\w* (his|her|their|my \w+'?s) (trunks|pants|shorts|trousers|knickers|bottoms) down\b.{0,60}\btouch\w*",
    # marks an adult gave, told or seen
    r"\b(gets?|got|getting|being) (hit|beaten|hurt|smacked|whipped) with (a|the|his|her) (belt|stick|shoe|slipper|"
    r"wooden spoon|spoon|cable|wire|hanger|lead)\b",
    r"\b(squeezes?|squeezed|grips?|gripped|grabs?|grabbed|chokes?|choked) (his|her|their) (neck|throat)\b",
    r"\bdrag(s|ged|ging)? (him|her|them) (up|down|along|across|round)? ?(the )?(street|road|path)? ?by (his|her|their) "
    r"(hair|ear|ears|arm)\b",
    r"\bburn\b.{0,60}\b(lighter|cigarette|fag|iron)\b|\b(cigarette|lighter) burns?\b",
    r"\b(black eye|bruises?|marks|burns?|welts)\b.{0,80}\b(not allowed to (say|tell)|won'?t say (what|how)|(nobody|no ?one) "
    r"(explains|can explain|will explain)|said (it was )?(his|her|their) (mum|mam|dad|step ?dad|step ?mum|mum'?s "
    r"boyfriend|mam'?s boyfriend|uncle)|(mum|mam|dad)'?s? (boyfriend )?did it|did it with a)\b",
    r"\b(screaming|screams|crying)\b.{0,30}\b(thuds|banging|bangs|smashing)\b|\b(thuds|banging|smashing)\b.{0,30}"
    r"\b(screaming|screams)\b",
)]


def said_indirectly(text: str) -> bool:
    """Do everyday words, with the sign that makes them a worry, say a child may be at risk?"""
    feels_wrong_and_secret = _FEELS_WRONG.search(text) and re.search(_SECRET_OR_QUIET, text, re.IGNORECASE)
    return bool(_secret_closeness(text) or _AN_ADULTS_SECRET.search(text) or DRUNK_IN_CHARGE.search(text)
                or feels_wrong_and_secret or LURED_AWAY.search(text)
                or SELF_HARM_INDIRECT.search(text) or PRIVATE_FOSTERING.search(text)
                or any(pattern.search(text) for pattern in FEAR_OF_AN_ADULT + DOMESTIC_ABUSE_INDIRECT + FGM_OR_MARRIAGE
                       + RADICALISATION + EXPLOITATION_INDIRECT + INJURY_SIGNS + CHILD_ON_CHILD_INDIRECT))


# A child telling of harm to themselves in the first person ("my mums boyfriend hits me",
# "someone touched me", "i dont feel safe at home"): an alert, then words for a child
# (Childline first) and no questions meant for a parent.
_MY_FAMILY = (r"my (dad|daddy|mum|mummy|mam|mom|step ?dad|step ?mum|step ?father|step ?mother|(mum|mam|mom|dad)'?s "
              r"(boyfriend|girlfriend|partner|friend)|brother|big brother|sister|big sister|uncle|auntie|aunt|nan|"
              r"nana|grandad|granddad|grandpa|grandma|cousin|babysitter|foster (mum|dad|carer))")
_TO_ME = (r"(hit(s|ting)?|hurt(s|ing)?|beat(s|ing)?|punch(es|ed|ing)?|kick(s|ed|ing)?|slap(s|ped|ping)?|"
          r"smack(s|ed|ing)?|chok(e|es|ed|ing)|strangl(e|es|ed|ing)|burn(s|t|ed|ing)?|thr(ew|ows?|owing)|"
          r"lock(s|ed|ing)?|touch(es|ed|ing)?)")
# ("she touched me with her kindness", "it really touched me" are thanks, not touching)
_NOT_TOUCHING = (r"(?!\s+(on|to) (the|my) (shoulder|arm|hand|back|head|elbow)\b|\s+to (get|wake)\b|\s+(deeply|so|"
                 r"greatly|with|and my|to tears)\b)")
# A child saying how old they are or which year they are in ("im 10", "i'm in year 4").
_A_CHILD_SAYS_AGE = r"\b(i'?m|i am|im) ((aged? )?([4-9]|1[0-7])( years? old)?|in (year|yr|y) ?[1-9]|in reception|in nursery)\b"
CHILD_DISCLOSURE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # A child who says their age, and what happens to them: "im 10 and my step dad comes in my room
    # at night", "im in year 4 and my mum forgets to feed me", "someone online keeps asking me for pictures"
    rf"^(?=.*{_A_CHILD_SAYS_AGE}).*\b(comes? (in|into) my (bed)?room|(in|into) my (bed)?room at night|"
    r"(forgets?|forgot) to feed me|(does ?n'?t|do ?n'?t|never) (feed|give) me (food|tea|dinner|anything to eat)|"
    r"no food (at|in the|in my) (home|house)|ask(s|ing|ed)? me (for|to send|to take) (pics|pictures|photos|nudes|"
    r"selfies|videos)|(tells?|told) me (not to tell|to keep it (a )?secret)|gets in my bed)\b",
    # "my mams boyfriend says things to me that make me feel weird"
    rf"\b{_MY_FAMILY}\b.{{0,60}}\b(make|makes|made|making) me feel (weird|uncomfortable|funny|yucky|horrible|strange|"
    r"dirty|scared|icky)\b",
    rf"\b{_MY_FAMILY}\b.{{0,30}}\b{_TO_ME}\s+(me\b(?!\s+(up|a|an|to|into)\b){_NOT_TOUCHING}|my (private parts?|"
    rf"privates|bits|bum|willy|"
    rf"fanny|chest|boobs)\b)",
    rf"\b(someone|somebody|some ?one|a (man|woman|boy|girl|lad|teenager|grown ?up|adult|stranger|big boy|older (boy|"
    rf"girl|lad|kid))|an (older \w+|adult)|he|she)\s+((has|keeps|kept|was|is|had|always|sometimes)\s+)*(been\s+)?"
    rf"touch(ed|es|ing)?\s+me\b{_NOT_TOUCHING}",
    r"\bi (do ?n'?t|do not|never) feel safe (at home|at my (house|home|dads|mums|mams)|in my (house|home)|"
    r"with my (dad|mum|mam|step ?dad|step ?mum|uncle|brother|mum'?s boyfriend|mums boyfriend))\b|"
    r"\bi'?m not safe at home\b|\bi am not safe at home\b",
    rf"{_NO_EVERYDAY_REASON}.*\b(i'?m|i am|im) (so |really |too )?(scared|afraid|frightened|terrified) (to go|of going) "
    r"(back )?home\b|"
    rf"\b(i'?m|i am|im) (so |really )?(scared|afraid|frightened|terrified) of {_MY_FAMILY}\b(?!'?s\b|\s+(finding|"
    rf"find|knowing|seeing|getting|telling|reading|when|if)\b)|"
    r"\bi (do ?n'?t|do not) (want|wanna) to go (back )?home\b(?!.{0,30}\b(from|after) (the )?(park|party|club|disco))",
)]
# A parent's own partner or child named beside "me": a parent writing, not a child.
_AN_ADULT_WRITING = re.compile(rf"\bmy {_PARTNER}\b|\bmy (son|daughter|kids|children|child|boy|girl|little one)\b",
                               re.IGNORECASE)



def a_child_discloses(text: str) -> bool:
    """Do the words read as a child telling of harm to themselves ("my mums boyfriend hits me",
    "someone touched me")? Such a writer is answered as a child: Childline first."""
    plain = normalise(text or "")
    return (any(pattern.search(plain) for pattern in CHILD_DISCLOSURE) and not _AN_ADULT_WRITING.search(plain)
            and not about_domestic_abuse(plain))


def about_domestic_abuse(text: str) -> bool:
    """Do these words describe domestic abuse at home (the parent may not be safe to contact)?"""
    plain = normalise(text)
    if any(pattern.search(plain) for pattern in DOMESTIC_ABUSE + WITNESSED_DOMESTIC_ABUSE):
        return True
    # In indirect words, the writer harmed, controlled or kept from someone barred ("he checks my
    # phone, please don't ring me", "pinned me against the wall"); never a child telling of a
    # parent ("my dad pushed me against the wall"), who is answered as a child.
    return (any(pattern.search(plain) for pattern in _WRITER_ABUSED)
            and not re.search(rf"\b{_MY_FAMILY}\b", plain, re.IGNORECASE))


# Words about how to be reached that say someone at home must not see, hear or know ("text
# only please, he checks my phone", "don't ring, he'll be home", "email not phone, my husband
# can't know"). Parents living with abuse often say it only when a number is asked for. On its own
# it is a hint, not an alert (a partner on nights may be asleep), but wherever it is said the
# parent is given the National Domestic Abuse Helpline and asked whether contact is safe.
_WATCHER = (r"(he|she|they|(my|the) (husband|hubby|partner|boyfriend|girlfriend|wife|fella|feller|bloke|other half|ex|"
            r"ex-partner|ex partner|ex-husband|ex husband|ex-wife|fiance|fiancee))")
_CONTACT_WATCHED = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    rf"\b{_WATCHER}\s+((always|often|sometimes|might|may|will|would|could|'ll|'d)\s+)?(checks?|check|reads?|read|goes "
    r"through|go through|looks? (at|through)|monitors?|tracks?|answers?|picks? up|has|takes?|sees?|see|hears?|hear|"
    r"listens? to) my (phone|mobile|messages|texts|emails?|calls|voicemails?|inbox|post|letters)\b",
    # "he'll be home", "she's about", "he's in after 5" (never "he'll be home from school": a child)
    rf"\b{_WATCHER}\s*('ll|'s|'d|will|is|would|might|may|could|gets|get)\s+(be\s+)?(home|back|about|around|in the "
    r"house|there|listening|watching|in(?=\s*([.,!;]|$|\b(then|after|from|till|until|by|so|and|on)\b)))\b"
    r"(?!\s+(from (school|nursery|club|football|practice|college)|to (me|us|you|them)|in touch))",
    rf"\b{_WATCHER}\s+(can'?t|cannot|can not|must ?n'?t|must not|should ?n'?t|should not|does ?n'?t need to|is ?n'?t "
    r"to|is not to|won'?t|will not|can never) (know|find out|see (it|this|them)|hear|be told|see)\b",
    rf"\bif {_WATCHER}\s+(sees?|saw|finds? out|found out|hears?|heard|knew|knows|answers?|picks? up|reads?)\b",
    rf"\b{_WATCHER}\s*('ll|will|would|'d|might|could)\s+(go (mad|mental|spare|crazy|nuts)|kill me|kick off|hit me|"
    r"hurt me|be (angry|furious|raging|livid|mad)|lose it)\b",
    r"\b(on|using|borrowed|borrowing|from) (a |my )?(friend'?s|mate'?s|sister'?s|mum'?s|mam'?s|neighbour'?s|work|secret|"
    r"other|second|spare) phone\b",
    # "please dont text, my husband reads them", "he opens my post"
    rf"\b{_WATCHER}\s+((always|often|sometimes|will|would|'ll|'d)\s+)?(reads?|checks?|sees?|goes through|opens?) "
    r"(them|it|everything|all my \w+|my post|my letters)\b",
    # "only in school hours when he's at work", "while she's out"
    rf"\b(when|while|whilst|once) {_WATCHER}\s*('s|s|is|are|'re)?\s*(at work|out|not (in|home|there|around|about)|"
    r"asleep|away|gone( out)?|on shift)\b",
)]
# "it's my partner's phone so please don't ring it" (only beside words about how to be reached,
# even in answer to the number question: "ring my husband's number instead" is a number)
_THEIR_PHONE = re.compile(r"\b(his|her|my (husband|hubby|partner|boyfriend|girlfriend|wife|fella|other half|ex))'?s? "
                          r"(phone|mobile|number|email)\b", re.IGNORECASE)
# Said outright: "it's not safe to ring mine".
_NOT_SAFE_TO_REACH = re.compile(r"\b(not|is ?n'?t|never) safe (for (you|the school|anyone) )?to (ring|call|phone|text|"
                                r"email|e-mail|contact|message)( (me|mine|this|my|here|him|her))?\s*([.,!;]|$|\b(me|mine|"
                                r"this|my|here|at|on|after|before|when|while|until|till)\b)", re.IGNORECASE)
# An instruction about how (not) to be reached.
_HOW_TO_REACH = re.compile(
    r"\b(text|txt|email|e-mail|message|whats ?app)s?( me)? only\b|\bonly (by )?(text|txt|email|e-mail|message|whats ?app|"
    r"in person|face to face|during school hours|in the (morning|day)|ring|call|phone|contact me)\b|\b(please )?"
    r"(do ?n'?t|do not|dont|never|no|not to) (ring|call|phone|text|txt|email|e-mail|message|contact|send|write|post|"
    r"reply|leave (a )?(voicemail|message))\b|\b(no|not by) (calls?|phone ?calls?|phone|ringing|texts?|emails?|"
    r"letters?|voicemails?)\b|\b(not|never|only) (after|before|between|at) (\d|home ?time|tea ?time|night|the weekend)|"
    r"\b(ring|call|phone|text|email) (me )?only\b|\b(email|text|message) (me )?(not|rather than|instead of) "
    r"(ring|call|phone)|\b(email|e-mail|text|message|letter|in person)s? (is|are|would be|'d be) (better|best|safer)\b|"
    r"\b(best|better|safer|easier) (to|by) (email|e-mail|text|message|ring|call|phone)\b|\bprefer (email|e-mail|texts?|"
    r"messages?|not to be (rung|called|phoned))\b|\b(been in touch|contact(ed|ing) (you|the school|school)|"
    r"messag(ed|ing) (you|the school|school))\b", re.IGNORECASE)
# The one at home given as the one to reach ("my husband is home after 5, ring him then").
_REACH_THEM = re.compile(r"(?<!n't )(?<!not )(?<!dont )(?<!never )\b(ring|call|phone|text|email|contact|speak to|talk to) "
                         r"(him|her)\b(?! (about|if))|"
                         r"\b(his|her) (number|mobile|phone number|email)\b", re.IGNORECASE)


def contact_may_not_be_safe(text: str, asked_for_contact: bool = False) -> bool:
    """Do the words say contact may not be safe: domestic abuse, or someone at home who must not
    see, hear or know of it ("text only please, he checks my phone", "don't ring, he'll be home")?
    `asked_for_contact`: the words answer "what is your number?", which is itself about contact."""
    plain = normalise(text or "")
    if about_domestic_abuse(plain) or _NOT_SAFE_TO_REACH.search(plain) or (
            _THEIR_PHONE.search(plain) and _HOW_TO_REACH.search(plain) and not _REACH_THEM.search(plain)):
        return True
    return any(pattern.search(plain) for pattern in _CONTACT_WATCHED) and not _REACH_THEM.search(plain) and \
        (asked_for_contact or bool(_HOW_TO_REACH.search(plain)))


def about_self_harm(text: str) -> bool:
    plain = normalise(text)
    return bool(SELF_HARM.search(plain) or SELF_HARM_INDIRECT.search(plain))


def about_private_fostering(text: str) -> bool:
    """Do the words tell of a child living for weeks with someone who is not family (private
    fostering, which the local authority must be told of)?"""
    return bool(PRIVATE_FOSTERING.search(normalise(text or "")))


def about_nude_images(text: str) -> bool:
    """Do the words speak of a naked or semi-nude image of a child (or upskirting)? Such an
    image is never to be copied, forwarded or kept, even as evidence (UKCIS guidance)."""
    text = normalise(text or "")
    # (pictures asked of girls and passed round are, in a parent's words, nudes: UKCIS)
    return bool(KCSIE[0].search(text) or KCSIE[1].search(text) or NUDE_IMAGES.search(text)
                or re.search(r"\bnudes?\b", text, re.IGNORECASE) or PICTURES_ASKED_AND_SHARED.search(text))


def may_be_at_risk(text: str) -> bool:
    """True when the words say a child may be harmed, abused, neglected or at risk."""
    text = normalise(text or "")
    return (any(pattern.search(text) for pattern in AT_RISK + KCSIE + DOMESTIC_ABUSE + SERIOUS_VIOLENCE + MISSING_OR_TAKEN
                + WITNESSED_DOMESTIC_ABUSE + NEGLECT + EXPLOITATION + CHILD_DISCLOSURE)
            or _sexual_touching(text) or bool(NUDE_IMAGES.search(text)) or _online_grooming(text) or _neglect_signs(text)
            or said_indirectly(text) or any(pattern.search(text) for pattern in SAID_IN_EVERYDAY_WORDS))


# Who did it, for the child-on-child patterns above: a member of staff or a club's adult just
# before the act ("the ta sat on him and he couldnt breathe", "the man who runs holiday club
# picked him up without asking me") makes it an allegation about staff.
_STAFF_WORDS = (
    r"\b(teachers?|ta|tas|teaching assistants?|members? of staff|staff( members?)?|coach(es)?|caretaker|dinner lad(y|ies)|"
    r"lunchtime (lady|ladies|supervisors?|staff)|supervisors?|headteacher|head teacher|sir|miss \w+|mr \w+|"
    r"(someone|somebody|a man|a woman|a lady|a bloke) (from|at) (your |the |our )?school|"
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


# A member of staff crossing the lines KCSIE part four and a staff code of conduct draw: contact
# with a pupil in private (late at night, on the pupil's own phone, social media or a game; their
# own number given), a pupil taken to their house, alone behind a locked door or drawn blinds,
# a secret, changing in front of them. Each is an allegation on its own. A lift home, a gift,
# a pupil kept back alone or called a favourite is a question first; two of them together are
# an allegation.
_PUPIL = (r"(him|her|them|my (son|daughter|child|boy|girl|lad|lass)|our \w+|the (kids|children|pupils|girls|boys)|pupils|"
          r"a bairn|the bairn)")
_IN_PRIVATE = (r"\b(at night|midnight|late at night|every night|all hours|(9|10|11|12) ?(pm|at night|o'?clock)|at (the )?"
               r"weekends?|instagram|insta|snapchat|tiktok|whatsapp|facebook|fortnite|roblox|xbox|discord|minecraft|private "
               r"account|(his|her|their) (own|personal|private) (phone|number|account|mobile)|(her|his) (phone|mobile)|"
               r"any ?time)\b")
_PRIVATE_CONTACT = re.compile(
    r"\b(messag\w*|text\w*|dm\w*|chat\w*|snapchat\w*|whatsapp\w*|facetim\w*|video call\w*|call(s|ed|ing)?|ring(s|ing)?|"
    r"rang|phon(es|ed|ing)|follow\w*|add(s|ed|ing)?|friend request\w*|comment\w*|talk(s|ed|ing)?|speak\w*)\s+((to|with|on)"
    # (never name-calling: "calling her a lazy cow")
    rf"\s+)?{_PUPIL}\b(?!\s+(a|an|names|the|fat|stupid|thick|lazy|rude|horrible)\b)", re.IGNORECASE)
# A pupil in the words: a line crossed with a child, not a post about a member of staff.
_A_PUPIL = re.compile(r"\b(my (son|daughter|child|boy|girl|lad|lass|kid|little one)|our [a-z]+|pupils?|year \d|yr ?\d|"
                      r"reception|nursery|(he|she)'?s (\d|1[0-2])\b|bairn|niece|nephew|grand(son|daughter)|(boys|girls|kids|"
                      r"children) in)", re.IGNORECASE)
_STAFF_OVER_THE_LINE = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # supplying pupils with what children must not have: "selling vapes to year 6 kids"
    r"\b(sell(s|ing)?|sold|giv(e|es|ing)|gave|suppl(y|ies|ying|ied)|offer(s|ed|ing)?|buy(s|ing)?|bought|pass(es|ed|ing)?)"
    r"\s+(vapes?|cigs|cigarettes|tobacco|alcohol|vodka|cans|booze|weed|drugs|pills|nitrous|gas canisters)\s+(to|for)\s+"
    r"(the |some |our )?(year \d |y\d |little |young )?(kids|children|pupils|boys|girls|him|her|them|my \w+)\b|"
    r"\b(sell(s|ing)?|sold|giv(e|es|ing)|gave|suppl(y|ies|ying|ied)|offer(s|ed|ing)?)\s+(the |some )?(year \d |y\d )?(kids|"
    r"children|pupils|boys|girls|him|her|them|my \w+)\s+(vapes?|cigs|cigarettes|tobacco|alcohol|vodka|cans|booze|weed|"
    r"drugs|pills|nitrous)\b",
    rf"\b(gave|given|give\w*|passed|sent)\s+{_PUPIL}\s+(his|her|their)\s+(personal |own |mobile |private )?(number|phone "
    r"number|mobile number|snapchat|insta\w*)\b",
    r"\b(at|to|round|back to|round to) (his|her|their) (house|flat|home|place)\b",
    r"\b(on (his|her|their) own|alone|by (him|her|them)sel(f|ves)|just (the two of them|him and her|her and him))\b.{0,80}"
    r"\b(blinds? (down|closed|shut|drawn)|door (locked|shut|closed)|locked the door|shut the door|nobody else|no ?one "
    r"else|in (his|her) car)\b|\b(blinds? (down|closed|shut|drawn)|locked the door)\b.{0,60}\b(on (his|her|their) own|"
    r"alone)\b",
    r"\b(toilet|toilets|changing rooms?|cupboard|store ?room)\b.{0,40}\blocked the door\b|\blocked the door\b.{0,40}\b"
    r"(toilet|toilets|changing rooms?)\b",
    rf"\b(our|their) (little |special |big )?secrets?\b(?! santa)|\b(told|tells|telling|said to|asked|asks) {_PUPIL}\b"
    rf".{{0,40}}\b(secrets?|not to tell)\b|\b(he'?s|she'?s|he is|she is|hes|shes) not (to|allowed to|supposed to|meant to) "
    r"tell\b|\bnot to tell (his|her) (mam|mum|dad|mammy|mummy|parents)\b",
    rf"\b(makes?|made|making|gets?|got) {_PUPIL} (to )?get (changed|undressed)\b.{{0,20}}\bin front of (him|her)\b|\b(get|"
    r"getting) (changed|undressed) in front of (him|her)\b",
)]
_STAFF_FAVOURS = re.compile(
    rf"\b(gave|given|gives|giving|drives?|drove|driving|offered) {_PUPIL} (a )?lifts?\b|\blifts? home\b|\bdrives? "
    rf"{_PUPIL} home\b|\b(bought|buys|got|gets|gave|gives|giving|sends?|sent)\s+{_PUPIL}\s+(a |an |some )?(phone|present|"
    rf"gift|mcdonalds|sweets|money|v-?bucks|robux|vouchers?|new \w+)\b|\bgets sweets\b|\b(keeps?|kept|keeping|takes?|"
    rf"took|taking)\s+{_PUPIL}\s+(back|out of (class|lessons?))\b.{{0,60}}\b(on (his|her|their) own|alone|by (him|her)"
    rf"self)\b|\b(he'?s|she'?s|he is|she is|hes|shes|being|called (him|her)|calls (him|her)) (the |her |his |their )?"
    rf"['\"]?favourite\b|\b(picking|picks|picked) {_PUPIL} up\b.{{0,30}}\b(at )?weekends?\b", re.IGNORECASE)
_THANKS = re.compile(r"\b(thank\w*|thanks|grateful|so kind|really kind|lovely of|appreciate\w*|bless (her|him))\b",
                     re.IGNORECASE)
# The member of staff the message opens with, acting later in it: "... and yesterday she pinched her".
_THEY_HARMED = re.compile(rf"\b(she|he)\s+((also|then|even|just|has|had|keeps|kept|has been|was|once)\s+)*{_STAFF_HARM}\b",
                          re.IGNORECASE)
# Adults of a club or group outside the school: the DSL refers a worry about them on.
_NOT_THE_SCHOOLS = re.compile(r"\b(youth club|scouts?|cubs|beavers|brownies|guides|rainbows|church|sunday school|mosque|"
                              r"madrassa|temple|gurdwara|dance school|gymnastics club|swimming club|sunday league|on (sundays|"
                              r"saturdays))\b", re.IGNORECASE)
# A member of staff before the sign, with no child acting and nobody only telling of it between.
_STAFF_WELL_BEFORE = re.compile(_STAFF_WORDS + _NOT_STAFFS_ACT + "{0,150}$", re.IGNORECASE)


def _by_staff(text: str, start: int) -> bool:
    return bool(_STAFF_WELL_BEFORE.search(text[max(0, start - 200):start]) or _STAFF_AS_SUBJECT.match(text, start)
                or staff_are_the_actor(text))


def staff_cross_the_line(text: str) -> str | None:
    """"alert" when the words say a member of staff crossed a line with a pupil, "ask" when
    they tell of one favour only (a lift, a gift, kept back alone), else None."""
    text = normalise(text or "")
    if not _STAFF_AS_SUBJECT.search(text) or not _A_PUPIL.search(text) or _NOT_THE_SCHOOLS.search(text):
        return None
    signs = [match.start() for pattern in _STAFF_OVER_THE_LINE for match in pattern.finditer(text)]
    if re.search(_IN_PRIVATE, text, re.IGNORECASE):
        signs += [match.start() for match in _PRIVATE_CONTACT.finditer(text)]
    if any(_by_staff(text, start) for start in signs):
        return "alert"
    favours = {match.group(0).lower(): match.start() for match in _STAFF_FAVOURS.finditer(text)}
    favours = [start for start in favours.values() if _by_staff(text, start)]
    if len(favours) >= 2:
        return "alert"
    # One favour a parent thanks them for ("she gave him a lift home when I was stuck, so kind")
    # is thanks, not a worry.
    return "ask" if favours and not _THANKS.search(text) else None


# Every word the patterns below take for a member of staff or a club's adult: without one of
# them no pattern can match, and most messages are passed over at once.
_ANY_STAFF_WORD = re.compile(
    r"\b(teachers?|tas?|staff|coach\w*|head\w*|supervisors?|mr|mrs|miss|ms|sir|lady|ladies|man|men|woman|bloke|guy|fella|"
    r"club|caretaker|dinner|lunchtime|instructor|volunteer|tutor|nursery|school|assistants?|practitioner|worker|leader|"
    r"1:1|1-1|one to one)\b", re.IGNORECASE)


# A punishment by a member of staff that harms or endangers a child (KCSIE part four: "behaved in a
# way that has harmed a child, or may have harmed a child"): made to eat until sick against an
# allergy note, stood out in the cold with asthma, kept alone for weeks with no lessons. A
# punishment with no harm in the words ("made him sit on his own at lunch") is a complaint.
_HARMFUL_PUNISHMENT = re.compile(
    rf"\b{_STAFF}\b.{{0,40}}\b((made|makes|making|make|forced|forces|forcing|force)\b.{{0,30}}\b(him|her|them|my \w+|"
    r"the (kids|children|class))|(kept|keeps|keeping) (him|her|them|my \w+) (in|out|alone|back|behind|on (his|her|their) "
    r"own))\b.{0,100}\b(until (he|she|they) (was|were) sick|(was|were|got) sick|(eat|ate|eating|drink|finish)\w*\b.{0,60}"
    r"\ballerg\w*|allerg\w*.{0,60}\b(eat|ate|eating|drink|finish)\w*|(outside|in the (cold|freezing|rain|snow|dark))\b"
    r".{0,60}\b(no coat|without (a|his|her|their) coat|no shoes|in (just|only) (his|her|their)|asthma|for (an hour|hours|"
    r"ages|the whole))|(every day|all day|for (days|weeks))\b.{0,40}\b(alone|on (his|her|their) own|no lessons|no one|"
    r"nobody)|(alone|on (his|her|their) own)\b.{0,40}\b(every day|for (days|weeks))|no (food|water|drink|lunch|dinner)|"
    r"not allowed to (eat|drink|go to the toilet|use the toilet|wee)|in the dark\b.{0,30}\b(cupboard|room|store))\b",
    re.IGNORECASE | re.DOTALL)


def alleges_staff_harm(text: str) -> bool:
    """True when the words say a member of staff physically or sexually harmed a child."""
    text = normalise(text or "")
    if not _ANY_STAFF_WORD.search(text):
        return False
    if STAFF_HARM.search(text) or STAFF_SEXUAL.search(text) or any(p.search(text) for p in KCSIE_STAFF):
        return True
    if _HARMFUL_PUNISHMENT.search(text):
        return True
    if staff_cross_the_line(text) == "alert":
        return True
    if staff_are_the_actor(text) and _THEY_HARMED.search(text):
        # "one of the dinner ladies keeps telling her she's fat ... and yesterday she pinched her"
        return True
    closeness = _secret_closeness(text)
    if closeness and _by_staff(text, closeness.start()):
        return True
    return any(_done_by_staff(text, match.start()) for pattern in SEXUAL_TOUCHING + SERIOUS_VIOLENCE + MISSING_OR_TAKEN
               + [NUDE_IMAGES] + CHILD_ON_CHILD_INDIRECT for match in pattern.finditer(text))


# A message whose first words make a member of staff the one acting ("The caretaker keeps
# hanging around the girls' toilets", "My son's 1:1 has been restraining him"), read by the
# model as a worry about a child: an allegation about staff, for the Chair or the Headteacher
# rather than the DSL, who may be the person it is about. Not when the staff member only tells
# of it ("the teacher rang to say ..."), nor when someone at home is named as doing harm.
_STAFF_OPENS = re.compile(
    r"^\W*(i (think|believe|reckon|know|am worried|'m worried|m worried|saw|just saw|have seen|'ve seen|watched) (that )?)?"
    r"((((my|our) (son|daughter|child|boy|girl|lad)'?s|his|her|their|the|a|an|one of (the|your)|one of (his|her) |"
    r"this|that|some) ?\s*(new |male |female |supply |young |older |student |trainee )?"
    r"(teachers?|ta|tas|teaching assistants?|1:1|1-1|one to one|members? of staff|staff member|caretaker|coach|"
    r"head ?teacher|head ?mistress|head ?master|head|deputy head|senco|swimming instructor|"
    r"(breakfast|after ?school|holiday) club (lady|man|staff|worker|leader)|"
    r"dinner lad(y|ies)|lunchtime (lady|ladies|supervisor|staff)|supervisor|instructor|tutor|volunteer|"
    r"nursery (staff|workers?|nurses?)|(man|woman|lady|bloke) who (works (at|in) (the |your )?school|"
    r"(runs|does|helps (at|with)) (the )?(breakfast|after[- ]?school|lunchtime|school)[\w -]{0,15}club)))|"
    # a member of staff by title and surname, not a greeting ("Mrs Carter, I'm worried ...")
    r"(mrs|miss|mr|ms|sir) (?!(and|or|the|a|i|is|was|said|says)\b)[a-z][a-z'-]+)\b(?![,:!-]|\s+(i|im|i'm|we|please|"
    r"hi|hello|hope|sorry|can|could|would)\b)"
    r"(?!\W*(told|rang|rung|phoned|called|emailed|messaged|said|says|mentioned|noticed|spotted|reported|asked|"
    r"thinks|thought|saw|seen|has told|has said|has noticed|is worried|was worried|are worried|need|needs|should|"
    r"must|can|cant|could|might|may|will|would|know|knows|knew|did ?n[o']?t|do ?n[o']?t|does ?n[o']?t|has ?n[o']?t|"
    r"have ?n[o']?t|never|was told|were told|asked)\b)",
    re.IGNORECASE)
_HARM_AT_HOME = re.compile(
    r"\b(dad|father|mum|mother|step ?(dad|mum|father|mother)|(mum|mom|mam)'?s (boyfriend|partner)|boyfriend|"
    r"girlfriend|partner|husband|wife|uncle|aunt(ie)?|grand(ad|dad|pa|ma|mother|father)|nan|brother|sister|cousin|next door|"
    r"neighbour|lodger|at home)\b", re.IGNORECASE)


# Physical harm done to a child, in a complaint about a member of staff the model read as a
# complaint ("Helen Carter kicked my son", "says Mrs Carter held her down"): the person is known
# to be staff by the complaint, so the harm makes it an allegation about them.
_HARM_WITH_A_CHILD = re.compile(
    r"\b(kick(ed|s|ing)?|hit|hits|hitting|slap(ped|s|ping)?|punch(ed|es|ing)?|smack(ed|s|ing)?|shook|grab(bed|s|bing)?|"
    r"chok(ed|es|ing)|bit)\s+(him|her|them|my (son|daughter|child|boy|girl|lad|little one))\b(?!\s+(out|up)\b)"
    r"(?!\s+with (a|an|another) (detention|sanction|punishment|warning|letter|fine|bill|exclusion|behaviour))|"
    r"\b(held|pinned|pushed) (him|her|them|my (son|daughter|child|boy|girl|lad)) (down|against|to the (floor|ground))\b",
    re.IGNORECASE)


# Another child in the words ("I told Miss Kerr about the boy hitting my son"): the harm may be
# theirs, and the complaint is about how staff dealt with it.
_ANOTHER_CHILD = re.compile(r"(?<!my )(?<!our )\b(boys?|girls?|lads?|lass|kids?|child|children|pupils?|classmates?)\b",
                            re.IGNORECASE)


def complaint_tells_of_harm(text: str) -> bool:
    """Does a complaint about a member of staff say they physically harmed a child (and no other
    child is in the words)?"""
    text = normalise(text or "")
    return bool(_HARM_WITH_A_CHILD.search(text)) and not _ANOTHER_CHILD.search(text)


def staff_are_the_actor(text: str) -> bool:
    """Do the message's first words make a member of staff the one doing what worries the parent,
    or does it tell of someone who works at the school with no other child or anyone at home in
    it ("my son told me a man who works at school showed him rude pictures")?"""
    text = normalise(text or "")
    if _HARM_AT_HOME.search(text):
        return False
    return bool(_STAFF_OPENS.search(text)) or bool(
        _SOMEONE_WHO_WORKS_AT_SCHOOL.search(text) and not _ANOTHER_CHILD_ACTS.search(text))


# ... as the one doing something ("someone from the school (a man) has been hanging about"), not
# as someone asked for ("can somebody at school help me").
_SOMEONE_WHO_WORKS_AT_SCHOOL = re.compile(
    r"(\b(someone|somebody|a (man|woman|lady|bloke|person|fella|guy)|a grown ?up|an adult|the (man|woman|lady|bloke)) "
    r"(who works |that works )?(at|from|in) (the |your |our )?(school|nursery)\b['\"]?|"
    r"\b(one of the|someone on the|somebody on the|a member of the|one of your) (staff|adults|grown ?ups)\b)"
    r"( ?\([^)]{0,60}\))?,? (has|had|have|keeps?|kept|is|was|took|takes|gave|gives|sent|sends|showed|shows|did it|"
    r"does it|did this|been|comes|came|coming|photograph\w*|"
    r"watch\w*|follow\w*|comment\w*|add\w*|film\w*|hit|hurt|touch\w*|grab\w*|messag\w*|lock\w*|hang\w*|been|put|"
    r"did|does|said|says|told|tells|asked|asks|made|makes|offered|kissed|pinched|smacked|slapped)\b", re.IGNORECASE)


# A member of staff telling of a colleague (KCSIE part four: a worry about how an adult in school
# behaves with children is shared at once with the Headteacher, never kept as a grievance or a
# whistleblowing matter). The colleague, what they do, and a child it is done to must all be there.
_A_COLLEAGUE = (r"(colleagues?|co-?workers?|(someone|somebody|a (man|woman|lady|bloke)) i work with|(another|a|one of the "
                r"other) (member of staff|staff member|teacher|ta|teaching assistant|lunchtime supervisor|dinner lady)"
                r" i work with)")
_CONDUCT_WITH_CHILDREN = (
    r"(rough|grab\w*|hit(s|ting)?|slap\w*|smack\w*|shak(e|es|ing)|shook|push(es|ed|ing)?|shov\w*|drag\w*|yank\w*|"
    r"hurt\w*|pinch\w*|kick\w*|throw(s|ing)?|threw|too close|alone with|on (his|her|their) own with|favourites?|"
    r"messag\w*|texts?|texting|snapchat|whatsapp|instagram|(his|her|their) (personal )?(phone|number)|gifts?|presents?|"
    r"lifts? home|touch\w*|cuddl\w*|kiss\w*|(on|onto) (his|her) (knee|lap)|tickl\w*|(swear(s|ing)?|sworn|"
    r"shout(s|ed|ing)?|scream(s|ed|ing)?) at(?! (me|us)\b)|humiliat\w*|belittl\w*|mock(s|ed|ing)?|calls? (them|him|her|the \w+) "
    r"(names|thick|stupid|useless)|inappropriate\w*|not right|uncomfortable|crossing the line|cross(es|ed)? the line|"
    r"boundar\w*|the way (he|she|they) (is|are|behaves?|talks?|speaks?|treats?|acts?|looks? at))")
_A_CHILD_IN_SCHOOL = (r"(child|children|kids?|pupils?|boys?|girls?|lads?|lasses|students?|year ?\d|y\d|yr ?\d|reception|"
                      r"nursery (children|kids)|the class|(his|her|my|our) class|one of (the|my|our) \w+)")
COLLEAGUE_CONDUCT_WITH_A_CHILD = re.compile(
    rf"\b{_A_COLLEAGUE}\b.{{0,160}}\b{_CONDUCT_WITH_CHILDREN}\b.{{0,80}}\b{_A_CHILD_IN_SCHOOL}\b|"
    rf"\b{_A_COLLEAGUE}\b.{{0,120}}\b{_A_CHILD_IN_SCHOOL}\b.{{0,60}}\b{_CONDUCT_WITH_CHILDREN}\b|"
    # "worried about how a colleague is with one of the children"
    rf"\b(worr\w*|concern\w*|uneasy|uncomfortable|not happy)\b.{{0,40}}\b(how|the way)\b.{{0,20}}\b{_A_COLLEAGUE}\b.{{0,30}}"
    rf"\b(is|are|was|behaves?|acts?|treats?|speaks?|talks?|plays?)\b.{{0,15}}\b(with|to|towards|around)\b.{{0,25}}"
    rf"\b{_A_CHILD_IN_SCHOOL}\b",
    re.IGNORECASE | re.DOTALL)


def tells_of_a_colleagues_conduct_with_children(text: str) -> bool:
    """A member of staff telling how a colleague behaves with children ("I'm a TA and my
    colleague is too close to one of the Year 6 girls, buys her presents"): an allegation about
    staff, which goes at once to whoever handles them, never only a whistleblowing signpost."""
    return bool(COLLEAGUE_CONDUCT_WITH_A_CHILD.search(normalise(text or "")))


def safeguarding_matter(text: str, predicted: str) -> str | None:
    """The safeguarding matter the words call for, when the model's guess is milder (or misses
    that the words are about a member of staff); None when the model's guess stands."""
    if alleges_staff_harm(text) or tells_of_a_colleagues_conduct_with_children(text):
        return None if predicted == "staff_allegation" else "staff_allegation"
    if predicted in ("safeguarding_child", "staff_allegation"):
        return None
    if may_be_at_risk(text):
        return "safeguarding_child"
    return None


# ---------------------------------------------------------------------------------------------
# Weak or unclear signs (issue 10, item 3): not a plain statement of risk, but words a parent
# should be asked about once, kindly and with buttons ("Are you worried a child may be at
# risk of harm?"), before anyone is alerted. A "yes", or no answer, still alerts.
# ---------------------------------------------------------------------------------------------
_AN_ADULT_AROUND = (r"(he|she|uncle|grandad|granddad|grandpa|dad|daddy|step ?dad|mum|mummy|mam|mammy|(her|his|their) "
                    r"(?!(friends?|mates?|pals?|dogs?|cats?|puppy|teachers?|class|brother|sister|baby)\b)\w+|"
                    r"\w+'s (boyfriend|girlfriend|partner|friend|dad|mum|mam|brother|uncle))")
WEAK_SIGNS = [re.compile(pattern, re.IGNORECASE | re.DOTALL) for pattern in (
    # a child's fear when a particular adult comes: "she screams when he comes round", "wet
    # himself when his uncle knocked on the door"
    rf"\b(scream(s|ed|ing)?|cr(y|ies|ied|ying)|hid(es|ing)?|hide|shak(es|ing)|shook|wet (him|her)self|wets (him|her)self|"
    rf"panic\w*|freez(es|ing)|froze|flinch\w*)\b.{{0,40}}\bwhen {_AN_ADULT_AROUND}\b.{{0,25}}\b(comes|come|came|knocks|"
    r"knocked|visits|visited|is around|gets home|got home|arrives|arrived|walks in|turns up|turned up|is there|goes near)\b",
    # no longer letting an adult near: "she wont let her grandad bath her anymore"
    r"\b(won'?t|will not|does ?n'?t|does not|refuses to) (let|want) (her|his|their) (grandad|granddad|grandpa|uncle|dad|"
    r"daddy|step ?dad|step ?mum|(mum|mam)'?s (boyfriend|partner)|babysitter|cousin|brother|auntie|nan|grandma) (to )?"
    r"(bath|wash|change|dress|near|touch|hug|cuddle|kiss|put (her|him) to bed|help (her|him))\b",
    # not wanting to go to the other home, with distress: "he divvent want to go to his dads, he
    # cried and hid under the bed"
    r"^(?=.*(\bnot|n'?t|\bnever|\bdivvent|\bdinnae|\bdoesnt|\bdont|\bwont)\s+(want|wanna|wants)\s+(to )?go (to|back to|round( to)?) "
    r"(his|her|their) (dads?|mums?|mams?|nans?|nanas?|grandads?|uncles?|aunties?)'?s?\b)(?=.*\b(cried|crying|cries|hid|"
    r"hides|hiding|screamed|screaming|scared|frightened|terrified|tummy ache|begged|in the night|gets cross|shouty|wet)\b)",
    # afraid of a parent, with no everyday reason given
    rf"{_NO_EVERYDAY_REASON}.*\b{_FEAR} of (his|her|their) (dad|daddy|father|mum|mam|mummy|mammy|mother|parents)\b"
    rf"{_NOT_A_REASON}",
    # a fear of going home the words explain by an everyday reason (asked, not alerted)
    r"\b(scared|afraid|frightened|terrified|does ?n[o']?t want|won'?t|refuses to)\b.{0,25}\bgo(ing)? (back )?home\b",
    # an adult's words that make a child feel wrong, with no secret named
    rf"\b{_AN_ADULT_AROUND}\b.{{0,40}}\b(says|said|does|did|shows|showed) (things|stuff)\b.{{0,40}}{_FEELS_WRONG.pattern}",
    # a group teaching hatred, said only in part: "they deserve what's coming to them", a
    # "training day" with older lads
    r"\bdeserves? what'?s coming\b|\btraining (day|camp)s?\b.{0,60}\b(older|cousin|brother|lads|men|online|telegram)\b|"
    r"\b(older|cousin|brother|lads|men|online|telegram)\b.{0,60}\btraining (day|camp)s?\b",
    # a phone or money the parent never gave
    r"\b(phones?|mobile|trainers|money|cash|designer \w+)\b.{0,30}\b(i|we) (never|did ?n'?t|did not|have ?n'?t) (bought|buy|"
    r"got|give|gave|given)\b",
)]


# Words children call each other ("they keep saying he smells"): a sign only beside another.
_NOT_ALONE_A_SIGN = {"smells", "smelly", "stinks", "unwashed", "filthy", "always smells", "always smelly",
                     "always stinks", "always filthy", "no milk", "works nights"}


def weak_safeguarding_signal(text: str) -> str | None:
    """The safeguarding matter to ask about ("staff_allegation" when a member of staff did one
    favour only: a lift, a gift, a pupil kept back alone) when the words are a weak or unclear
    sign; None when they are no sign, or a plain one (safeguarding_matter alerts on those)."""
    text = normalise(text or "")
    if staff_cross_the_line(text) == "ask":
        return "staff_allegation"
    if any(pattern.search(text) for pattern in WEAK_SIGNS):
        return "safeguarding_child"
    signs = {match.group(0).lower() for match in _NEGLECT_SIGN.finditer(text)} - _NOT_ALONE_A_SIGN
    if signs and _ANOTHER_FAMILYS_CHILD.search(text):
        # one sign of neglect about another family's child: "the lad next door has no coat"
        return "safeguarding_child"
    return None


# A question about what is allowed or usual ("at what age can they walk home on their own?",
# "is it ok for my 14 year old to collect her brother?"): the model's safeguarding reading of
# it is asked about, never alerted on alone.
_A_RULES_QUESTION = re.compile(
    r"^\W*((hi|hiya|hello|morning|afternoon)\W+)?(at )?what age\b|\bhow old (do|does|should|must|can|has)\b|\bis it (ok|okay|"
    r"alright|allowed|legal|safe|fine) (for|to|if)\b|\bare (they|kids|children|pupils) allowed\b|\bwhat (is|are|'s) the "
    r"(rules?|policy|law)\b|\bcan (he|she|they|my \w+|kids|children) (walk|go|stay|be left|come) (home|in|out)?\b.{0,40}"
    r"\b(on (his|her|their) own|alone|by (him|her|them)sel(f|ves))\b", re.IGNORECASE)

# Another child's everyday unkindness as the reason for a fear ("a boy keeps pushing him off the
# bikes and he's scared to go outside now"): bullying, unless the net's own words say more.
_BULLIED_BY_A_CHILD = re.compile(
    r"\b(a|another|the same|some|two|three|four|a few|a couple of|a group of|a gang of|this|these|older|bigger) "
    r"((year|yr|y) ?\d |older |bigger |other )?(boy|girl|kid|lad|lass|child|pupil|boys|girls|kids|lads|lasses|"
    r"children|pupils)\b.{0,80}\b(push\w*|shov\w*|hit(s|ting)?|punch\w*|thump\w*|slap\w*|kick\w*|pinch\w*|trip\w*|"
    r"spit\w*|dig(s|ging)? (him|her)|call\w* (him|her) names|teas\w*|mak\w* fun of|"
    r"tak\w* (his|her) (sandwich\w*|food|lunch|dinner|pudding|snack|money|things|stuff|ball|hat|bag)|"
    r"(won'?t|will not|don'?t) let (him|her) (play|join in|sit)|"
    r"pick\w* on|bull(y|ies|ying|ied)|laugh\w* at|leav\w* (him|her) out)\b|"
    # "his stuff keeps coming home broken, other kids are doing it"
    r"\b(broken|ripped|snapped|wrecked|smashed|damaged|stolen|torn)\b.{0,60}\b(other|some|older|bigger) (kids|children|boys|"
    r"girls|lads)\b.{0,15}\b(are |keep |have been |been )?(doing it|doing this|doing that|breaking|ripping|snapping|"
    r"wrecking|stealing|taking)\b", re.IGNORECASE | re.DOTALL)


# An offer to the school ("he said he could bring the engine up if the kids want"): volunteering.
_AN_OFFER = re.compile(
    r"\b(could|can|would|'d|will|offer(s|ed|ing)? to|happy to|glad to|willing to|love to) (happily |gladly )?(bring|come "
    r"(in|up|along)|show|do a talk|give a talk|talk to the (kids|children|class)|help out|volunteer)\b.{0,60}\b(if|for) "
    r"(the|your) (kids|children|class|school|pupils)( (want|like|would like|are interested))?\b", re.IGNORECASE)


def says_bullying(text: str) -> bool:
    """Do the words call it bullying in its own words ("being picked on", "bullied", "left out")?"""
    return bool(_SAYS_BULLYING.search(normalise(text or "")))


def tells_of_bullying_by_a_child(text: str) -> bool:
    """Do the words say another child keeps hurting, tripping, mocking or leaving out theirs?"""
    return bool(_BULLIED_BY_A_CHILD.search(normalise(text or "")))


_SAID_ONLINE = re.compile(r"\b(online|post(s|ed|ing)?|snapchat|snap|tiktok|instagram|insta|whatsapp|facebook|group ?chat|"
                     r"messag\w*|texts?|games?|gaming|headset|xbox|playstation|roblox|fortnite|minecraft|youtube|"
                     r"video|photo|pic|picture)\b", re.IGNORECASE)


def tells_of_bullying_in_person(text: str) -> bool:
    """Another child hurting, mocking or leaving out theirs, and nothing online in the words
    (online, the model's reading of bullying online stands)."""
    text = normalise(text or "")
    return bool(_BULLIED_BY_A_CHILD.search(text)) and not _SAID_ONLINE.search(text)


def ask_rather_than_alert(text: str) -> bool:
    """Should the model's safeguarding reading of these words, with no words of risk the net
    knows, be asked about rather than alerted on at once? Yes for a question about what is
    allowed, and for a fear the words explain by an everyday reason ("scared to go home after
    parents evening", "scared to go outside" because a boy keeps pushing him)."""
    text = normalise(text or "")
    fear = re.search(_FEAR_OF_GOING, text, re.IGNORECASE)
    return bool(_A_RULES_QUESTION.search(text) or _AN_OFFER.search(text)
                or (fear and (re.search(_EVERYDAY_REASON, text, re.IGNORECASE) or _BULLIED_BY_A_CHILD.search(text)))
                # "my grandson is being picked on, his mam asked me to message": bullying in its own
                # words, with no word of harm, is asked about (bullying offered beside yes)
                or (_SAYS_BULLYING.search(text) and not tells_of_harm(_WRITER_GETTING_IN_TOUCH.sub(" ", text))))


# The writer's own reason for writing ("his mam asked me to message you"), not a message to a child.
_WRITER_GETTING_IN_TOUCH = re.compile(r"\b(asked me to|wanted me to|told me to|to|i'?ll|i will|i'?m|i am|thought i'?d|i'?d)"
                                      r" (message|messaging|get in touch|write|contact)( (with )?(you|the school|school))?\b",
                                      re.IGNORECASE)
_SAYS_BULLYING = re.compile(r"\b(picked on|picking on|picks on|bull(y|ies|ied|ying)|being mean|left out|leaving (him|her) "
                            r"out|nasty to (him|her)|horrible to (him|her)|calling (him|her) names|call (him|her) names)\b",
                            re.IGNORECASE)


# Any word that tells of harm, abuse, fear, secrecy or danger, however mild. The model's own
# safeguarding reading (no pattern of the net) alerts at once only beside one of them: an
# account with none ("he comes home in spare trousers nearly every day", "I keep finding gel pens
# in her bag that aren't hers") is asked about instead, and "yes", or no answer, still alerts.
# Kept broad on purpose: a real disclosure the net misses still names what was done or feared.
_WORDS_OF_HARM = re.compile(
    r"\b(hit|hits|hitting|hurt\w*|harm\w*|grab\w*|punch\w*|kick\w*|slap\w*|smack\w*|push(ed|es|ing)?|shov\w*|drag\w*|"
    r"pinch\w*|shook|shak(e|es|ing)|thr(ew|own|ow|ows|owing)|strangl\w*|chok\w*|bit|bite\w*|bitten|burn\w*|beat\w*|"
    r"batter\w*|attack\w*|assault\w*|abus\w*|rough\w*|restrain\w*|held (him|her|them) down|pull(ed|s|ing)? (his|her|"
    r"their) (hair|ears?|arms?)|lock\w*|bruis\w*|marks?|injur\w*|bleed\w*|blood\w*|cuts?|scratch\w*|swollen|black eye|"
    r"broken|touch\w*|kiss\w*|cuddl\w*|naked|clothes (off|on)|no clothes|nudes?|undress\w*|private\w*|sex\w*|porn\w*|"
    r"rap(e|ed|ing)|groom\w*|pictures?|photos?|pics?|selfies?|videos?|film\w*|webcam|camera|secrets?|not to tell|"
    r"(do ?n'?t|not|never) (tell|say)|won'?t (say|tell)|money|cash|gifts?|presents?|robux|vouchers?|scared|afraid|"
    r"frightened|terrified|petrified|fear\w*|unsafe|(not|never|doesn'?t|don'?t) (feel )?safe|danger\w*|threat\w*|"
    r"die|died|dead|death|kill\w*|suicid\w*|self[- ]?harm\w*|end (it|(his|her) life)|hungry|starv\w*|no food|not fed|"
    r"left (alone|on (his|her|their) own)|home alone|(by|on) (him|her|them)sel(f|ves)|neglect\w*|dirty|filthy|smell\w*|"
    r"stinks?|lice|nits|same clothes|no coat|freezing|drugs?|weed|alcohol|drunk|drink\w*|vap(e|es|ing)|older (lads?|"
    r"boys?|men|man|kids|girls?)|gangs?|police|arrest\w*|knife|knives|weapons?|guns?|blade|missing|ran away|run(s)? "
    r"(away|off)|disappear\w*|strangers?|(a|an|some|this|that) (man|men|woman|adult|bloke|guy)|adults?|shout\w*|"
    r"scream\w*|yell\w*|fight\w*|argu\w*|violen\w*|smash\w*|police|radical\w*|extrem\w*|fgm|marr(y|ied|iage)|"
    r"pregnan\w*|boyfriend|girlfriend|online|snapchat|messag\w*|cry\w*|cried|upset|withdrawn|wet (him|her)self|"
    r"soil\w*|nightmares?|won'?t (go|come) (home|back)|pinn\w*|yank\w*|tape|sweets|special (girl|boy|friend)|at night|"
    r"in the night|(my|his|her|their) (bed)?room|sleep\w* (in|rough|outside|on)|tablets?|pills?|(does|did|doing) (things|"
    r"stuff|something) to|not allowed to (tell|say)|(tell|told|tells) (anyone|anybody|nobody)|bod(y|ies)|comment\w*|"
    r"fire|lighter|matches|meetings?|cousin|uncle|step ?(dad|mum|father|mother)|force\w*|made (him|her|them)|bin|"
    r"mouth|neck|throat)\b", re.IGNORECASE)


def tells_of_harm(text: str) -> bool:
    """Does any word tell of harm, abuse, fear, secrecy or danger (however mildly)?"""
    return bool(_WORDS_OF_HARM.search(normalise(text or "")))


# "tell the teacher", "the teacher rang": a member of staff told of it, or telling, not acting.
_STAFF_ONLY_TOLD = re.compile(
    r"\b(tell|tells|telling|told|tell it to|speak to|spoke to|talk to|talked to|ask|asked|let) (the|his|her|their|a|my|"
    r"your|any|another) (teachers?|ta|staff|head(teacher)?|dinner lady|teaching assistant|member of staff)\b|\b(the|his|her|"
    r"their) (teachers?|ta|head(teacher)?) (said|says|told|rang|rung|phoned|called|emailed|noticed|saw|spotted|reported|"
    r"knows|asked|mentioned)\b", re.IGNORECASE)


# Staff in other words: "the head", "someone who works at the school", "a lady in the office".
_STAFF_IN_OTHER_WORDS = re.compile(
    r"\b(the head|(someone|somebody|a (man|woman|lady|bloke)|one) (who works )?(at|from|in) (the |your |our )?(school|"
    r"nursery|office|club)|(lady|man|woman|bloke) (in|from|at) (the )?(office|kitchen|nursery|club|school)|works at)\b",
    re.IGNORECASE)
# Someone other than staff doing it: another child, or someone at home.
_ANOTHER_CHILD_ACTS = re.compile(
    r"\b((a|an|another|some|two|three|older|other|the same|this|that) (boy|girl|lad|lass|kid|child|pupil|boys|girls|lads|"
    r"kids|children|pupils)|(boy|girl|lad|kid|child|pupil)s? in (his|her|their|my \w+'?s?) (class|year))\b", re.IGNORECASE)


def someone_at_home_or_the_child_does_it(text: str) -> bool:
    """Do the words name someone at home (a parent, a partner, a neighbour), or tell of a child
    harming themselves?"""
    text = normalise(text or "")
    return bool(_HARM_AT_HOME.search(text) or about_self_harm(text))


def staff_may_be_the_actor(text: str) -> bool:
    """Might a member of staff be the one doing it? No only when the words name another child
    or someone at home, or tell of a child harming themselves ("lines on her arm ... long sleeves
    even for PE"), and name staff only as told of it ("... and not to tell the teacher")."""
    text = _STAFF_ONLY_TOLD.sub(" ", normalise(text or ""))
    if _STAFF_AS_SUBJECT.search(text) or _STAFF_IN_OTHER_WORDS.search(text):
        return True
    return not (_ANOTHER_CHILD_ACTS.search(text) or _HARM_AT_HOME.search(text) or about_self_harm(text))
