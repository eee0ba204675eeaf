"""KCSIE's range said in everyday words (concerns/safety.py SAID_IN_EVERYDAY_WORDS): each family
alerts on its sign, and the everyday sentence that shares its words does not."""
import pytest

from concerns.safety import may_be_at_risk

SIGNS = [
    # a child who wishes to be dead, or looks up how
    "my lad keeps saying he wants to go to sleep and never wake up, he's only 8",
    "she told her nan she wishes she'd never been born",
    "found on his tablet he's been searching how to tie a noose",
    "she asked her brother how many paracetamol it takes to die",
    # online secrecy, strangers who know where a child is, a picture held over her
    "an account on roblox keeps messaging him and told him to delete the chats after so mum doesn't see",
    "someone on snapchat keeps telling her to keep it secret from her mum",
    "my boy has been chatting to an older man on discord every night",
    "a number we don't know messaged her and they know her name and which school she goes to",
    "a lad says he will post her photo online unless she sends more",
    # missing, back in the small hours, found by the police
    "nobody has seen him for four hours and it's getting dark",
    "she came home at 3am on Saturday and won't tell me where she was",
    "the police brought him back at midnight, he'd run off from his dads",
    "my neighbour's little girl says her mum hasn't been home since friday",
    # exploitation
    "he's got a second phone and older lads keep ringing it",
    "she's been carrying bags for some lads across the estate",
    "men in a car outside the park giving the kids cash and vapes",
    "he keeps disappearing after school and comes back with cash",
    # radicalisation, forced marriage, FGM, breast ironing
    "he watches videos of beheadings and says the killers are heroes",
    "she is getting married to an older man when she's 14, back home",
    "they're taking the girls for a traditional cutting over the summer",
    "her aunt uses a hot stone on her chest so it doesn't grow",
    # drugs and drink
    "my 9 year old came in smelling of weed",
    "found a bag of pills in his coat pocket",
    # neglect and a parent's own crisis
    "the twins next door are playing out till midnight most nights",
    "no heating or food in the house and two little ones living there",
    "we've had no gas and no food since monday and the kids go to school starving",
    # a picture taken up a girl's skirt
    "a boy in year 6 filmed up her skirt on the stairs",
    "the kids are getting themselves ready for school because mum is always in bed",
    "I've been sectioned twice and I'm scared I can't keep my son safe",
    "we've been evicted and the kids are sleeping in the car with me",
    "my ex has relapsed and she has the kids this weekend",
    # abuse at home, told plainly enough
    "her fella kicked the door in on Sunday",
    "my sister is being knocked about and her kids see it",
    "her step dad locks her in her room for the whole weekend",
    "his dad calls him thick and useless every day",
    "my son's friend gets hit with a belt when he's naughty",
    "his mam's boyfriend squeezes his neck when he's cross",
    "she has bruises and says she's not allowed to tell",
    # sexual harm in a child's words; between children
    "she talks about a tickle game with her uncle that she's not allowed to talk about",
    "a man from the family comes into her bedroom at night when everyone is asleep",
    "boys keep grabbing the girls' chests in the line",
    "a boy pulls my son's shorts down and touches him",
    "he says he'll run away from home if his step dad comes back",
    # private fostering: a child living with someone who is not family for weeks on end
    "I'm looking after my neighbour's son for a few months while she's working away, he's in year 3",
    "a girl who isn't family has been living with us since half term, is that ok",
]

EVERYDAY = [
    "the school's got no heating today, is nursery still open?",
    "my son came home hungry, the canteen had no food left by the time year 6 went in",
    "the hall had no heating for the nativity and the little ones were freezing",
    "he's lost his new trainers, they disappeared from the PE bag",
    "can the kids play out till 6 on the field after the fair?",
    "my daughter is getting married? no, my sister is getting married in June, can she have a day off",
    "he wants to go to sleep earlier, can homework be shorter",
    "she cried going to the toilet at school because the lock is broken",
    "they had videos about the war in history, is that suitable for year 6",
    "the coach took his trainers off him for the session",
    "we've been evicted from the after school club waiting list, can you check",
    "a lad in his class keeps pulling his jumper, they're always messing",
    "she plays the tickle game with her little brother all the time",
    "my mum is coming home from hospital since Friday, can grandad collect",
    "my friend's daughter is staying with us tonight, can she walk home with mine",
    "she's threatening to run away from home if she can't go to the sleepover, what time does it finish",
]


@pytest.mark.parametrize("text", SIGNS)
def test_a_sign_said_in_everyday_words_is_heard(text):
    assert may_be_at_risk(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_everyday_sentence_with_the_same_words_is_not_a_sign(text):
    assert not may_be_at_risk(text)
