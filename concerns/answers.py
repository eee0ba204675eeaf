"""What a parent's answer to one of the intake's questions means, before it is stored.

A form question gets all sorts of replies: the answer, but also "actually forget it, cancel",
"why do you need that?", "I'd rather not say" or "dunno". Each of those must be heard as what
it is, never stored as a name or a class. These readers are plain rules on the normalised
text (concerns/normalise.py), so they behave the same for every school and every model.
"""
from __future__ import annotations

import re

from concerns.normalise import normalise
from concerns.safety import a_child_discloses

# Stored in the form for a detail the parent chose not to give, or does not know; the case
# records nothing for it (concerns/service.py).
NOT_GIVEN = "not given"

# A reply this short that says stop ends the intake, whatever question was asked. A longer
# one ("he won't stop kicking him") is an answer.
STOP_MAX_WORDS = 9
_STOP = re.compile(
    # "cancel", "cancel that please", "can you cancel it", not "the school cancelling swimming"
    # or "the trip was cancelled" (those are what a complaint is about).
    r"(^|[.,!;:-] ?|\b(please|pls|just|can (you|u)|could (you|u)|i want to|i'?d like to|want to|wanna|ok|okay|"
    r"actually|no|sorry|oh|then|so|yes|yeah|i'?ll|ill|i will|let'?s|lets|ahh?|um+|erm+) )cancel(?!\w)"
    r"(?! (the |my |his |her |our |their )?(swimming|trips?|club|lessons?|class|orders?|appointments?|bookings?|"
    r"match|show|concert|party|assembly|sports day|residential)\b)|"
    r"\b(forget (it|about it|that|this)|never ?mind|changed my mind|change of mind|"
    r"(don'?t|do not|dont) (send|bother|want to (send|do) (it|this|that))|leave it|scrap (it|that)|"
    r"(i'?ll|i will|ill) (ring|phone|call|email|pop in|come in) instead|no longer want|"
    # "ah cannit be arsed wi aal this", "can't be bothered with all this" (said of the chat)
    r"(can'?t|cannot|cannae|cannit|canny|cant) be (arsed|bothered|doing with)( (with|wi|wiv) (all |aal |aall )?"
    r"(this|that|it))?|"
    r"^stop$|^stop (it|this|that|please)$|^please stop$|^quit$|^exit$|^start again$)\b")
# A longer reply that withdraws in the first person ("on second thoughts I don't want to put
# this in writing, can we just not bother").
_WITHDRAWS = re.compile(
    r"\b(on second thoughts?|i'?ve changed my mind|(can|could) we (just )?(not bother|leave it|drop it)|"
    r"(let'?s|lets|we'?ll|i'?ll) (just )?(not bother|leave it|drop it)|"
    r"(i|ah|a) (just )?(can'?t|cannot|cannae|cannit|canny|cant) be (arsed|bothered) (with|wi|wiv) (all |aal |aall )?"
    r"(this|it)\b(?! (homework|school|teacher)\b)|"
    r"i (don'?t|dont|do not) want to (put|take|report|raise|make|send|go ahead with|carry on with|do) (this|it|that)"
    r"( in writing| any further| further| now| after all)?\b(?! (is|was|happening|again|to)\b))")
STOP_IN_A_LONGER_REPLY_MAX_WORDS = 24
_NOT_STOP = re.compile(r"\b(don'?t|do not|dont) cancel\b")

WHY_MAX_WORDS = 16
_WHY = re.compile(
    r"^(but )?(why|what for|how come)\b.{0,40}$|\bwhy do you (need|want)\b|\bwhat do you need (it|that|my \w+) for\b|"
    r"\bwhat'?s (it|that|my \w+) for\b|\bwho (will|can|gets to) see (this|it|that)\b|"
    r"\bwho (actually |really |even )?(reads|will read|sees|looks at|gets) (this|it|that|these|my)\b|"
    r"^(but )?why (do|should|would|must) i (have to|need to)?\b.{0,60}$|"
    # "what are you going to do with my name?", "what happens to my details?"
    r"\bwhat (are|will|do|would) (you|they|the school|staff) (going to |gonna )?do with (my|the|his|her) "
    r"(name|number|phone number|email|details|info|information|address)\b|"
    r"\bwhat happens (to|with) (my|the) (name|number|phone number|email|details|info|information)\b")

_REFUSAL = re.compile(
    r"\b(rather not|prefer not|i'?d prefer not|(don'?t|dont|do not) want to (say|give|tell|share)|"
    r"not (saying|telling|giving|sharing)|none of your business|no thanks?|no thank you|anonymous\w*|stay anon\w*|"
    r"keep (it|me) anon\w*|without (my|giving) (name|number|details)|can'?t (say|give)|won'?t (say|give)|"
    r"no (number|phone|phone number|email|name|names|details)\b(?! (is|was) )|"
    r"(don'?t|dont|do not) want (them|anyone|you|school|the school) (to know|knowing)|"
    # "mind your own", "you don't need that", "I'm not typing them out again"
    r"mind your own( business)?|none of your (business|concern)|"
    r"you (don'?t|dont|do not) need (that|it|this|them|my \w+)(?=$|[.,;:!?-]| just| to know| for| from)|"
    r"(i'?m|im|i am) not (typing|giving|putting|writing|sending|handing over) (it|them|that|this|those|my \w+))\b")

# A refusal with its reason ("I'm not giving my number to a bot, his teacher knows me") is
# still a refusal; past this length a reply is telling something else.
REFUSAL_MAX_WORDS = 24

_DONT_KNOW = re.compile(
    r"^(i )?(don'?t|do not|dont|dunno|not sure|no idea|unsure|can'?t remember|cant remember|no clue|"
    r"i'?m not sure|im not sure|not certain|i forget|forgot)\b|\b(don'?t|do not|dont) know\b|\bdunno\b|"
    r"\bnot sure\b|\bno idea\b|\bcan'?t remember\b")

# "Anything else to add?" answered with nothing more.
_NOTHING_MORE = re.compile(
    r"^(no+|nope|nah|na|n|no thanks?|no thank you|((no+|nope|nah|na) )?that'?s (it|all|everything)|"
    r"nothing( else| more)?|not really|i don'?t think so|no i don'?t think so|no that'?s fine|all good|"
    r"that'?s all (for now|thanks|thank you)|no that'?s all thanks|that covers it|no more|none)"
    r"( thanks| thank you| cheers| x+)?$")


# A plain yes, with only politeness around it: "Yes that's great thank you", "yep all correct x",
# "that's right, send it please". (At the summary, a model trained on whole messages may read
# the thanks in it as something else, and the parent would be asked again and again.)
_YES = re.compile(
    r"^((yes|yeah|yea|yep|yup|aye|ok|okay|sure|correct|perfect|spot on|lovely|great|brilliant|fab|grand|"
    r"that'?s (it|right|correct|accurate|fine|great|perfect|spot on|everything|lovely|grand|all correct|all right|all fine)|"
    r"(yes|yeah|yep|aye),? (it is|that is|it was|that's it)|"
    r"that is (it|right|correct|accurate|fine|great|perfect|spot on|everything|lovely|all correct|all right|all fine)|"
    r"(it'?s|its|it is|all|everything('?s| is)?) (all )?(correct|right|accurate|fine|good|ok|okay|great|perfect|spot on)|"
    r"looks (good|right|fine|great|correct|ok)|(please )?send (it|that)( please| now| off)?|go (ahead|on)|"
    r"yes please|that'?s all correct|all good)[ ,.!]*)+"
    r"( ?(thanks|thank you|thankyou|ta|cheers|x+|love|pet|hun|please|so much|very much|for your help))*$")
YES_MAX_WORDS = 12


def means_yes(text: str) -> bool:
    """Is this reply a plain yes ("Yes that's great thank you", "yep, send it")?"""
    said = _said(text)
    return 0 < len(said.split()) <= YES_MAX_WORDS and bool(_YES.match(re.sub(r"[^\w' ,.!]", "", said)))


_FIRST_SENTENCE = re.compile(r"^(.*?)(?:[.!?\n]+\s|\s+-+\s|,\s*(?=(?:and|but|also|oh|though)\b)|$)", re.I)


def confirms_first(text: str) -> bool:
    """Does this reply start with a plain yes before going on to something else ("yes thats
    fine send it. can i tell you something else though...")? At the summary, the yes still
    sends the case it was asked about."""
    first = _FIRST_SENTENCE.match(normalise(text or "").strip())
    return bool(first) and means_yes(first.group(1))


# "Can you log both please", "while I've got you", "separately, a girl keeps...": the parent
# asks for a second matter to be recorded beside the one being taken.
_BOTH = re.compile(
    r"\b(log|record|report|put (down|through)|send|pass on|deal with|look at|take|raise) (them )?both\b|"
    r"\bboth (things|matters|issues|of them|please)\b|\bseparately\b|"
    r"\b(as )?(a )?separate (thing|matter|issue|report|case|complaint|worry)\b|"
    r"\bwhile i'?ve got you\b|\bwhile i'?m (here|on|at it|messaging)\b|"
    r"\b(a|one) (second|other|different|separate) thing\b|\b(also|and) (another|a second) (thing|matter|issue)\b|"
    r"\bunrelated\b|\bnothing to do with (that|this|the)\b")


def asks_for_both(text: str) -> bool:
    """Does the parent ask for something more to be recorded beside what is being taken ("the
    maths for her teacher, and can you log the girl pulling her hair too, separately")?"""
    return bool(_BOTH.search(_said(text)))


# "I want to make a complaint about something that happened in assembly", "I'd like to raise a
# formal complaint": the parent says it is a complaint, whatever else the words lean towards.
_ASKS_TO_COMPLAIN = re.compile(
    r"\b(want|wanted|like|wish|need|going|have|got|would like|'?d like) to (make|raise|put in|lodge|submit|file|log|"
    r"register|bring) (a |an )?(formal |official |proper |serious |stage 1 |stage one )?complaint\b|"
    r"\b(i|we) (actually |really |just |now )?(want|wanted|would like|'?d like|wish|need) to complain\b|"
    r"^(formal )?complaint\b|"
    r"\bi have a (formal )?complaint\b")


# ... to someone other than the school: "a complaint to my bank", "about the airline".
_ELSEWHERE = re.compile(
    r"\bcomplain\w* (to|with|against|about|at) (the |my |our |a |an )?(bank|airline|flight|council|company|shop|store|"
    r"restaurant|hotel|landlord|letting agent|phone|mobile|broadband|internet|energy|gas|electric|insurance|amazon|ebay|"
    r"delivery|courier|uber|taxi|hospital|gp|doctor|dentist|police|neighbou?r|holiday|airport|train|bus company|"
    r"card|credit card|supermarket)\b")


def asks_to_complain(text: str) -> bool:
    """Does the message say plainly that the parent wants to make a complaint (to the school)?"""
    said = _said(text)
    return bool(_ASKS_TO_COMPLAIN.search(said)) and not _ELSEWHERE.search(said)


def says_nothing_more(text: str) -> bool:
    """Does this reply to "anything else you'd like to add?" say there is nothing more?"""
    said = _said(text)
    return not said or bool(_NOTHING_MORE.match(re.sub(r"[^\w' ]", "", said)))


# Words that a person's name never is: a reply made of them is a sentence, not a name.
NOT_NAME_WORDS = {
    # what a reply starts with that is no name ("Sorry, I should explain...")
    "sorry", "soz", "oops", "hiya", "hey", "well", "right", "honestly", "basically", "ah", "oh", "um", "erm",
    "actually", "look", "listen", "ok", "okay", "hmm",
    "i", "i'm", "im", "you", "your", "why", "what", "who", "how", "when", "where", "need", "want", "rather",
    "not", "no", "don't", "dont", "do", "yes", "sure", "know", "prefer", "say", "tell", "give", "is", "are",
    "the", "a", "it", "that", "this", "please", "can", "could", "would", "will", "should", "me", "my", "we",
    "they", "he", "she", "him", "her", "his", "our", "was", "were", "have", "has", "had", "just", "about",
    "because", "if", "but", "and", "or", "so", "to", "of", "for", "on", "in", "at", "with", "name", "number",
    "thanks", "thank", "ok", "okay", "hello", "hi", "anonymous", "cancel", "stop", "forget", "mind",
}


def _said(text: str) -> str:
    return " ".join(normalise(text or "").lower().strip(" .!,").split())


# Short ways of saying stop that only mean it at the start of a reply: "doesn't matter now
# tbh, I've paid it", "ach dinnae bother, his dad's went in", "cba with this tbh".
_STOP_TO_OPEN = re.compile(
    r"^((no|nah|oh|ah|ach|och|actually|honestly|tbh|ok|okay|sorry|look|right|nope)[ ,]+)*"
    r"(cba|can'?t be arsed|(it )?(does ?n'?t|doesnt|does not|dinnae|disnae|divvent|dont|don'?t) matter( now| anymore| any more)?|"
    r"(don'?t|dont|do not|dinnae|divvent|divn'?t) (bother|worry|send (it|that|this|anything))|no need( now| anymore)?|"
    r"not worth (it|the (hassle|bother|grief|stress))|leave it|forget it|forget (about )?(it|that|this)|"
    r"never ?mind|scrap (it|that)|just leave it|cancel( it| that| this)?( please)?)"
    r"( (then|now|actually|tbh|honestly|please|thanks|x+|pet|love|hun|anyway|with (this|that|it|all this)))*$")
# What makes the rest of such a reply not a stop: it holds the case back for a moment, or adds to it.
_ONLY_FOR_NOW = re.compile(r"\b(yet|until|till|first|wait|hang on|add|also|as well|too|but (i|we|it|the|please|can|could)|"
                           r"instead (it'?s|its|it is)|on record|in writing)\b")
_FIRST_CLAUSE = re.compile(r"^(.*?)(?:[.!?;,]+\s|\s+-+\s|\s+\u2013\s|$)")
STOP_THEN_WHY_MAX_WORDS = 40
# "forget it, it's actually about a post": what follows the stop is the matter they mean.
_ABOUT_SOMETHING_ELSE = re.compile(r"\b(it'?s|its|it is|this is) (actually |really )?(not (really )?)?about\b|"
                                   r"\bthe (real|main|actual) (reason|problem|issue|worry)\b|\babout something else\b|"
                                   # "don't send that one, what's actually happened is ...": the matter meant follows
                                   r"\bwhat'?s (actually|really) (happened|going on)\b|\bwhat (actually|really) happened\b|"
                                   r"\bthe thing i (need|want) (you|the school|school) to\b|"
                                   r"\b(log|record|put|treat|file) (it|this|that)( down)? as (a |an )?(bullying|complaint|"
                                   r"concern|worry|safeguarding)\b")
# "cba with this tbh someone else will report it" (said of the chat, not of homework or school)
_CBA = re.compile(r"^((ah|och|ach|tbh|honestly|just|i|ah|a) )*(cba|can'?t be arsed)\b(?! (with |wi )?(his|her|their|the) "
                  r"(homework|school|reading|work|lessons?|teacher)\b)")
# "Please don't submit anything", "no don't send it actually": whatever else is said, unless only for now.
# (Not "don't send it to Mrs Carter" or "don't pass it on": who may read it, not a stop.)
_DONT_SEND = re.compile(r"\b(don'?t|dont|do not) (submit|send|file|go ahead with) (anything|it|this|that)\b(?! (to|on)\b)")
_NOT_YET = re.compile(r"\b(yet|until|till|first|wait|hang on)\b")
# A longer reply that takes the matter elsewhere or says it is already settled ("actually I'll
# just ring the office in the morning", "I would rather put this in a letter to the governors
# myself. Please don't submit anything", "his dad's went in and it's all sorted, cheers anyway").
_TAKES_IT_ELSEWHERE = re.compile(
    # (not "I'd rather speak to someone face to face": that asks for a person, a hand-off)
    r"\b(i'?d|i would|we'?d|we would) rather (put|write|send|raise|sort|deal with|handle|take)\b"
    r".{0,60}\b(myself|ourselves|directly|in person)\b|"
    r"\b(actually|instead|rather)\b.{0,20}\b(i'?ll|i will|ill|we'?ll|we will) (just )?(ring|phone|call|email|write to|speak to|"
    r"talk to|pop in|come in|go in|grab|catch|see|have a word with|mention it to|sort it)\b|"
    r"\b(i'?ll|i will|ill|we'?ll|we will) (just )?(ring|phone|call|email|write to|speak to|talk to|pop in|come in|go in|grab|"
    r"catch|see|have a word with|mention it to|sort it)\b.{0,60}\b(instead|myself|ourselves)\b|"
    r"\bi (shouldn'?t|should not) have (said|told you|written|mentioned|put) (anything|this|that|it)\b|"
    r"\b(it'?s|its|it is|all|aw|everything'?s?|that'?s|thats) (all |aw |been )?(sorted|resolved|dealt with|fine now|ok now)\b"
    r".{0,60}\b(thanks|thank you|cheers|ta) (anyway|anyways|for your help though)\b")


def means_stop(text: str) -> bool:
    """Does this reply end the intake ("cancel", "forget it", "I've changed my mind", "doesn't
    matter now tbh, I've paid it", "actually I'll just ring the office in the morning")?"""
    said = _said(text)
    if not said or _NOT_STOP.search(said) or _ABOUT_SOMETHING_ELSE.search(said):
        # ("forget it, it's actually about a post on facebook": a new matter, not a stop)
        return False
    words = len(said.split())
    if _CBA.match(said):
        return True
    if (words <= STOP_MAX_WORDS and bool(_STOP.search(said))) or \
            (words <= STOP_IN_A_LONGER_REPLY_MAX_WORDS and bool(_WITHDRAWS.search(said))):
        return True
    if words > STOP_THEN_WHY_MAX_WORDS:
        return False
    first = _FIRST_CLAUSE.match(said).group(1).strip(" ,.!")
    rest = said[len(first):]
    if _STOP_TO_OPEN.match(first) and not _ONLY_FOR_NOW.search(rest):
        # Stop first, then why ("no leave it. I don't want to make a fuss"): a stop.
        return True
    if _DONT_SEND.search(said) and not _NOT_YET.search(said):
        return True
    return bool(_TAKES_IT_ELSEWHERE.search(said)) and not _ONLY_FOR_NOW.search(said)


# A parent saying plainly that what they want to raise is something else ("actually it's not
# about the homework", "forget the parking, it's about a post", "the real reason I'm here").
# Without such words, an answer to a question is the answer, whatever it sounds like.
_CHANGES_TOPIC = re.compile(
    # the kind of matter denied: "I don't think it's a complaint really", "it's not a complaint as such"
    r"\b(i )?(don'?t|dont|do not) think (it'?s|its|it is|this is|that'?s|thats) (really |actually )?(a |an )?(formal )?"
    r"(complaint|bullying)\b|"
    r"\b(it'?s|its|it is|this is|that'?s|thats) not (really |actually |exactly )?(a |an )?(formal )?complaint"
    r"( as such| really| exactly)?\b(?! about)|"
    r"\b(it'?s|its|it is|this is|that'?s|thats) (not (really )?about|(actually|really) about|about something (else|different))\b|"
    r"\b(actually|really|no) (it'?s|its|it is) (not|about)\b|\babout something else\b|"
    r"\bsomething (else|different) (really|entirely|altogether|instead)\b|"
    r"(^|[.,;:!?-] ?|\b(ok|okay|sorry|no|actually|just|please|wait|hang on|so|oh) )(forget|scrap|ignore|never ?mind|"
    r"disregard) (about )?(the|that|what i (said|wrote)|my last|all that)\b|"
    r"\b(can|could|may) i change (what (this|it) is about|the (subject|topic))\b|\bchange (of )?(the )?(subject|topic)\b|"
    r"\b(that'?s|thats|it'?s|its) not (really |actually )?(why|what) (i'?m|im|i am|i was) (messaging|writing|here|"
    r"contacting|getting in touch|on about)\b|"
    r"\bthe (real|main|actual) reason\b|\bthe (real|actual|bigger) (problem|issue|worry|thing)\b|"
    r"\b(it'?s|its|it is) not (really |actually )?[\w' ]{1,25}? (that )?i (want|wanted|need|meant|'?m trying) to "
    r"(complain|talk|write|tell you|message) about\b|"
    r"\bwhat i (actually|really) (want|wanted|need|meant|mean)\b|\b(actually|rather) i (want|would like|'?d like|need) to\b|"
    # "actually what I need to know is ...", "that's not what I wanted", "different thing really"
    r"\b(actually|really),? what i (want|wanted|need|needed|meant) (to|is)\b|"
    r"\b(that'?s|thats|this is|it'?s|its) not (really |actually )?what i (wanted|want|meant|mean|need|needed)"
    r"( really| at all| to (say|raise|talk about|report|tell you))?(?= ?([.,!?;:-]|$))|"
    r"(^|[.,;:!?-] ?|\b(sorry|oh|actually|no|ok|okay|it'?s|its) )(a )?different thing\b|"
    # "it's not really his teacher I'm bothered about, it's Mrs Carter"
    r"\b(it'?s|its|it is) not (really |actually )?[\w' ]{1,25}? (that )?(i'?m|im|i am) (bothered|worried|on|writing|messaging) "
    r"about\b|"
    # "can I just speak to an actual person in the office please"
    r"\b(can|could|may) (i|we) (just |please )?(speak|talk) (to|with) (an? )?(actual |real )?(person|human|someone|somebody|"
    r"member of staff)\b|"
    r"\binstead\b(?! of)|"
    r"\b(the|that) \w+( \w+)? (thing |stuff |bit )?(doesn'?t|does not|doesnt) matter\b|"
    r"\b(i )?(don'?t|dont|do not) want to do (it|this) (like this|this way)\b|"
    r"\b(on a different note|different (matter|issue) (altogether|entirely))\b|"
    # "actually she's fine really ... what I wanted to flag is", "what I really need to tell you"
    r"\bwhat i (really |actually )?(wanted|want|need|needed|meant|mean) to (flag|tell you|say|raise|mention|report|"
    r"let you know|ask about|talk about)\b|"
    # A person instead of this chat: "this will be easier to explain to a person, can I just speak to someone"
    r"\b(easier|better|rather) (to )?(explain|say|talk|speak|go through)( it| this)? (to|with) (a person|someone|somebody|"
    r"a human|a real person|someone in the office|the office)\b|"
    r"\b(rather|prefer to) (speak|talk) to (a person|someone|somebody|a human|a real person|the office)\b|"
    r"\b(i|we) (just |really )?(need|want|would like|'?d like|'?d rather|prefer) to (speak|talk) to (an? )?(actual |real )?"
    r"(person|human|someone|somebody|member of staff)\b|"
    r"\bcan (someone|somebody|the office|a person|you|a teacher) (from (the office|school) )?(please )?(ring|call|phone) me\b|"
    # "it's my son Ethan who's doing it": their own child is the one hurting others, a worry about him
    r"\b(it'?s|its|it is) (actually )?my (son|daughter|child|boy|girl|lad|lass|kid)( \w+)? (who'?s|who is|that'?s|that is) "
    r"(doing it|the (one doing it|bully|problem))\b|\bmy (son|daughter|child|boy|girl|lad) is the (one doing it|bully)\b|"
    # "the reading isn't really why I'm messaging"
    r"\b(isn'?t|is not|wasn'?t|was not) (really |actually )?(why|what) (i'?m|im|i am|i was) (messaging|writing|here|"
    r"contacting|getting in touch|on about)\b|"
    r"\b(log|record|put|make|treat|take|file|register|raise) (it|this|that)( down| through| in)? as a "
    r"(proper |formal |official )?complaint\b")


def changes_topic(text: str) -> bool:
    """Does this reply say plainly that the parent wants to raise something else instead?"""
    said = _said(text)
    return len(said.split()) >= 4 and bool(_CHANGES_TOPIC.search(said))


def asks_why(text: str) -> bool:
    """Is this reply a question about why a detail is needed, or who will see it?"""
    said = _said(text)
    return len(said.split()) <= WHY_MAX_WORDS and bool(_WHY.search(said))


# A bare no to "What is your name?" or "What is the best phone number...?": "no", "nah",
# "no, sorry", "nee chance pet".
_BARE_NO = re.compile(r"^(no+|nah+|nope|na|no sorry|sorry no|no ta|no thanks|nee chance|no chance|not a chance|no way|"
                      r"not telling( you)?)( (pet|love|hun|sorry|mate|thanks))?$")


def refuses(text: str) -> bool:
    """Does this reply decline to give the detail asked ("I'd rather not say", "no, sorry", "I
    don't want to give my name, I live next door and I'm scared of what he'd do")?"""
    said = _said(text)
    if _BARE_NO.match(re.sub(r"[^\w' ]", "", said)):
        return True
    if len(said.split()) <= REFUSAL_MAX_WORDS:
        return bool(_REFUSAL.search(said))
    # Longer: a refusal first, then its reason.
    first = re.split(r"[.,;:!?]| because | cos | as ", said, maxsplit=1)[0]
    return len(first.split()) <= 12 and bool(_REFUSAL.search(first))


def does_not_know(text: str) -> bool:
    """Does this reply say the parent doesn't know ("not sure", "dunno which class")?"""
    said = _said(text)
    return len(said.split()) <= 10 and bool(_DONT_KNOW.search(said))


# "What is your child's first name?" asked about a complaint that may concern no one child:
# "no", "it's not about a child", "n/a", "all of them".
_NO_ONE_CHILD = re.compile(
    r"^(no|nope|nah|n/?a|none|nobody|no one|not applicable|not relevant|doesn'?t matter)$|"
    r"\b(not|isn'?t|wasn'?t) (about|to do with|over) (a|one|my|any|an individual|a particular|just one) "
    r"(child|kid|pupil|son|daughter)\b|"
    r"\b(all|every one) of (them|the (kids|children|class|pupils))\b|\b(the )?whole (class|school|year)\b|"
    r"\b(all|every|lots of) (the )?(kids|children|pupils|parents)\b|\bno (child|kid) in particular\b|"
    r"\bnot about (him|her|them|my (son|daughter|child|kids?))\b")


def about_no_one_child(text: str) -> bool:
    """Asked for the child's name about a complaint: does the reply say it concerns no one child?"""
    said = _said(text).strip(" .!")
    return len(said.split()) <= 16 and bool(_NO_ONE_CHILD.search(said))


_CHILD_WRITING = re.compile(
    r"\b(i'?m|i am|im) (in )?(year|yr|y) ?\d\b|\b(i'?m|i am|im) (\d{1,2}|six|seven|eight|nine|ten|eleven)( years old)?\b|"
    r"\bmy (teacher|class teacher)\b|\b(at|in) my school\b|\bmy (mum|mam|mom|dad|step ?dad|step ?mum|uncle|brother|"
    r"sister|nan|grandad|mum'?s boyfriend|mums boyfriend|mam'?s boyfriend)\b.{0,30}\b(me|my bum|my arm|my face)\b")
_PARENT_WRITING = re.compile(r"\bmy (son|daughter|child|kids?|boy|girl|lad|lass|little one|grandson|granddaughter|"
                             r"stepson|stepdaughter|bairn)\b|\bour (kid|lass|lad)\b|\b(his|her) (teacher|class)\b")


def a_child_is_writing(text: str) -> bool:
    """Does the message read as a child writing about themselves ("I'm in year 5 and my mum's
    boyfriend hits me", "someone touched me", "i dont feel safe at home"), not a parent writing
    about their child?"""
    said = _said(text)
    return bool(_CHILD_WRITING.search(said) or a_child_discloses(said)) and not _PARENT_WRITING.search(said)


# "the boy is called Dylan", "I think she's called Lacey but I'm not sure", "his name's Jay"
_NAME_IN_A_SENTENCE = re.compile(
    r"\b(?:(?:is|s|he'?s|she'?s|hes|shes|they'?re) called|(?:his|her|their|the \w+'?s) name(?: is|'?s)|named)\s+"
    r"([^\W\d_][\w'-]*)", re.IGNORECASE)


def name_in_a_sentence(text: str) -> str | None:
    """The name a sentence gives ("the boy is called Dylan" -> "Dylan"), or None."""
    found = _NAME_IN_A_SENTENCE.search(normalise(text or ""))
    if not found or found.group(1).lower() in NOT_NAME_WORDS:
        return None
    return found.group(1)[:1].upper() + found.group(1)[1:]


def could_be_a_name(text: str) -> bool:
    """Could this reply be a person's name, rather than a sentence, a question or a refusal?"""
    said = _said(text)
    said = re.sub(r"^(it'?s|its|my name is|i'?m|im|name is|this is|he'?s|she'?s|they'?re|called)\s+", "", said)
    words = said.split()
    if not words or len(words) > 4 or "?" in said:
        return False
    if means_stop(said) or refuses(said) or does_not_know(said) or asks_why(said):
        return False
    return not any(word in NOT_NAME_WORDS for word in words)


_ASIDE = re.compile(r"\([^)]*\)?")
_A_CLASS = re.compile(r"^\s*(year|yr|y)\s*\d\b|^\s*(reception|nursery)\b|\bin (year|yr|y)\s*\d\b", re.IGNORECASE)
_AFTER_THE_NAME = re.compile(r"\s*[,;\u2013\u2014]\s*|\s+-+\s+|[.!]\s+")


def name_before_an_aside(text: str, class_may_follow: bool = True) -> str | None:
    """The name in a reply that gives it and then says something more ("Sandra Wright, I'm his
    foster carer", "Shelley Carter (no relation to the head lol)", "Dylan - he's the youngest"),
    or None when the first words are not a name. (The whole reply stays in the transcript.)"""
    said = _ASIDE.sub(" ", normalise(text or "")).strip()
    parts = _AFTER_THE_NAME.split(said, maxsplit=1)
    first, rest = parts[0].strip(), (parts[1] if len(parts) > 1 else "")
    if not first or first == (text or "").strip() or refuses(text) or does_not_know(text) or means_stop(text):
        return None
    if not class_may_follow and _A_CLASS.search(rest):
        return None  # "Alfie, year 3": the child's details, given where the parent's name was asked
    return first if could_be_a_name(first) else None


_NOT_SAFE = re.compile(r"\bnot safe\b|\bisn'?t safe\b|\bunsafe\b|\bno it'?s not\b|^\s*no\b|\bplease don'?t "
                       r"(call|ring|phone|text|email|contact)\b|\bdon'?t (call|ring|phone|text|email|contact) me\b|"
                       r"\b(he|she|they) (reads?|checks?|sees?) my (phone|messages|texts|emails?)\b", re.IGNORECASE)


def says_not_safe(text: str) -> bool:
    """Asked whether it is safe to contact them: "not safe", "no", "he checks my phone"."""
    return bool(_NOT_SAFE.search(normalise(text)))


# "his paediatrician says he needs an EHCP and I've no idea how to start it, do I apply to school
# or the council?": how to get something a body outside the school decides (an EHC plan, a school
# place, an exclusion review). Never a complaint that one is not being followed.
_A_ROUTE_DECIDED_ELSEWHERE = re.compile(
    r"\b(ehcp|ehc plan|ehc needs assessment|education,? health (and|&) care (plan|needs assessment)|"
    r"statutory assessment|needs assessment|admissions? appeal|appeal (for|against|about) (a|the|our|his|her) "
    r"(school )?place|independent review panel)\b")
_HOW_TO_GET_IT = re.compile(
    r"\b(how (do|can|would|should) (i|we)|how to|where do (i|we)|who do (i|we) (apply|ask|go|speak|talk)|"
    r"do (i|we) (apply|ask|go)|apply(ing)? (for|to)|(start|begin) (it|the process|one)|how long does it take|"
    r"what('?s| is) the process)\b")
_NOT_BEING_DONE = re.compile(
    r"\b(not (being )?(followed|done|met|provided|put in place)|isn'?t (being )?(followed|done|met)|ignor\w*|"
    r"refus\w*|complain\w*|not doing what)\b|"
    # the school's own part: reaching the SENCO, a plan's annual review
    r"\b((get in touch|contact|speak|talk|meet) (with |to )?(the |our |mr |mrs |miss |ms )?senco|(ehcp|plan'?s?|annual) "
    r"review)\b")


def asks_how_to_get_a_route_decided_elsewhere(text: str) -> bool:
    """Does the message ask how to get an EHC plan, a school place or an exclusion review (a
    signpost to who decides it), rather than complain that one is not being followed?"""
    said = _said(text)
    return bool(_A_ROUTE_DECIDED_ELSEWHERE.search(said) and _HOW_TO_GET_IT.search(said)
                and not _NOT_BEING_DONE.search(said))


# "Paul Stokoe, actually no put it under my wife's name, Angela Stokoe, she's the one dealing with
# it", "Donna is just what everyone calls me, put Danielle Foster properly": the name to use instead.
_PUT_UNDER_ANOTHER_NAME = re.compile(
    r"\bput (?:it|this|the case|the complaint|that )?\s*(?:under|in|down (?:as|under)) (?:my (?:wife|husband|partner|"
    r"mum|mam|mom|dad|fiancee?|other half)'?s?|her|his|their) name,?\s+(?:it'?s\s+|as\s+)?(?P<name>[a-z][\w'-]*(?: [a-z][\w'-]*)?)|"
    r"\b(?:put|use|call me|put me down as) (?P<other>[a-z][\w'-]*(?: [a-z][\w'-]*)?) (?:properly|instead)\b|"
    # "wait no, put my married name, Sharon Whitley"
    r"\b(?:put|use|it'?s|its|go with) my (?:married|maiden|full|real|proper|new|legal|actual) name,?\s+(?:it'?s\s+|as\s+|is\s+)?"
    r"(?P<own>[a-z][\w'-]*(?: [a-z][\w'-]*)?)",
    re.IGNORECASE)


def name_put_instead(text: str) -> str | None:
    """The name a reply asks to be used instead of the one it gave first, or None."""
    found = _PUT_UNDER_ANOTHER_NAME.search(normalise(text or ""))
    if not found:
        return None
    name = (found.group("name") or found.group("other") or found.group("own") or "").strip()
    return name if could_be_a_name(name) else None
