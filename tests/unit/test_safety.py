"""The safeguarding safety net: plain words of risk are never treated as something milder."""
import pytest

from concerns.safety import alleges_staff_harm, safeguarding_matter

AT_RISK = [
    "her stepdad hits her when her mum is at work",
    "he told me his mums boyfriend punches him",
    "my friend's little boy is left home alone every night",
    "she has been self harming and hiding it",
    "he said he wants to die",
    "she is terrified to go home after school",
    "a man on roblox keeps messaging my son and asking him for pictures",
    "the girl next door is covered in bruises all the time",
    "i think she is being groomed by an older lad",
    "there is domestic violence at home and the kids see it",
    "he's hurting her now",
    "please help he is hitting my son right now",
]
STAFF = [
    "the TA grabbed my son by the neck",
    "mr jones slapped him across the face",
    "one of the lunchtime staff dragged her across the hall",
]
NOT_SAFEGUARDING = [
    "a boy in his class keeps hitting him at playtime",
    "mr bell shouted at my daughter and i'm not happy",
    "she has no friends and cries before school",
    "the head never answers my emails",
    "someone posted lies about the school on facebook",
    "he hurt his knee in PE and nobody rang me",
    "a boy hit him on the head and kicked him in the line",
    # the child's own act, the reason they were sent to staff
    "he's been sent to Mr Bell three times for kicking other children, I want to help him",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_words_of_risk_make_it_safeguarding(text):
    assert safeguarding_matter(text, "concern_child") == "safeguarding_child"


@pytest.mark.parametrize("text", STAFF)
def test_staff_harming_a_child_is_an_allegation(text):
    assert safeguarding_matter(text, "complain_staff") == "staff_allegation"


@pytest.mark.parametrize("text", NOT_SAFEGUARDING)
def test_ordinary_worries_and_complaints_are_left_alone(text):
    assert safeguarding_matter(text, "report_bullying") is None


def test_a_safeguarding_intent_stays_safeguarding():
    # The model's safeguarding guess stands, except that words about staff make it an allegation.
    assert safeguarding_matter("the TA grabbed him", "safeguarding_child") == "staff_allegation"
    assert safeguarding_matter("the TA grabbed him", "staff_allegation") is None
    assert safeguarding_matter("her dad hits her", "safeguarding_child") is None


def test_sexual_or_grooming_words_about_staff_are_an_allegation_about_staff():
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter("his teacher has been messaging him privately on snapchat", "concern_child") == \
        "staff_allegation"
    assert safeguarding_matter("mr hall told her it was their little secret", "concern_child") == "staff_allegation"
    assert safeguarding_matter("the ta made sexual comments to my daughter", "safeguarding_child") == "staff_allegation"


def test_everyday_words_never_alert_on_their_own():
    from concerns.safety import may_be_at_risk

    for text in ("my uncle is picking him up today", "what's the school's address", "is the car park safe overnight",
                 "can you find my car in the parking lot", "delete the contact uncle john from my phone",
                 "are all the street lamps working on my street", "do we need a knife and fork for the picnic",
                 # a parent and a word of pain, with nobody harmed by anyone
                 "mum here, freya's been saying her tummy hurts a lot at school",
                 "dad here, his ear hurts so he'll be late in"):
        assert not may_be_at_risk(text), text



def test_a_letter_that_did_not_come_home_is_not_a_missing_child():
    """"didn't come home in her bag" is about a newsletter; a child who didn't come home is not."""
    assert safeguarding_matter("can i get a copy of the newsletter, didnt come home in her bag", "") is None
    assert safeguarding_matter("the consent form never came home in his book bag", "") is None
    assert safeguarding_matter("my daughter didn't come home from school and it's 6pm", "") == "safeguarding_child"
    assert safeguarding_matter("he hasn't come home yet", "") == "safeguarding_child"


@pytest.mark.parametrize("text", [
    "a lad in year 6 had a knife in his coat pocket at break",
    "a picture of a girl with no top on is going round their group chat",
    "she hasnt come home from school and its 7pm",
    "older lads are making him hold stuff for them after school, I think its drugs and a drop off for some older lads",
    "my sister is taking her daughter abroad for a cutting ceremony",
    "the coach was slurring and stinking of drink at training with the kids",
])
def test_kcsie_categories_alert(text):
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter(text, "concern_child") in ("safeguarding_child", "staff_allegation"), text


@pytest.mark.parametrize("text", [
    "do they need to bring a knife and fork for the picnic", "his jumper has gone missing again",
    "he choked on a grape at lunch but hes fine", "are we doing secret santa in class this year",
    "my son comes home starving every day", "is it a run for charity on friday"])
def test_kcsie_patterns_leave_everyday_messages_alone(text):
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter(text, "concern_child") is None, text


@pytest.mark.parametrize("text", ["my husband hits me when the kids are in bed", "I'm scared of my ex, he turned up again",
                                  "my partner controls everything i do and won't let me see my family",
                                  "there's domestic violence at home", "we've had to go to a refuge"])
def test_domestic_abuse_alerts_and_is_recognised(text):
    from concerns.safety import about_domestic_abuse, may_be_at_risk
    assert may_be_at_risk(text) and about_domestic_abuse(text)


@pytest.mark.parametrize("text", ["my husband is working late, can grandad pick up", "my ex is collecting her today",
                                  "my partner will bring the form in",
                                  "my husband is threatening to post about the school on facebook"])
def test_a_partner_mentioned_in_passing_is_not_domestic_abuse(text):
    from concerns.safety import about_domestic_abuse, may_be_at_risk
    assert not about_domestic_abuse(text) and not may_be_at_risk(text)


def test_the_helplines_that_fit_are_given_with_999_first(profile):
    from concerns import wording
    abuse = wording.safeguarding_first_words(profile, "my partner hits me")
    assert abuse.startswith("If a child is in immediate danger, please call 999")
    assert "the National Domestic Abuse Helpline on 0808 2000 247" in abuse
    harm = wording.safeguarding_first_words(profile, "my daughter says she wants to die")
    assert "NHS 111 (choose the mental health option) on 111 (any time) or Samaritans on 116 123" in harm
    plain = wording.safeguarding_first_words(profile, "he has bruises")
    assert "Domestic Abuse" not in plain and "Samaritans" not in plain


def test_out_of_hours_an_alert_says_when_it_will_be_read_not_alerted_now(profile):
    import datetime as dt

    from concerns import wording
    from concerns.calendar import SchoolCalendar
    from concerns.triage import triage
    calendar = SchoolCalendar(profile)
    result = triage("safeguarding_child", profile)
    friday_night = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.timezone.utc)
    words = wording.safeguarding_alerted_out_of_hours("OC-2026-0001", result, friday_night, calendar)
    assert "alerted" not in words and "now" not in words.split("speak to someone now")[0]
    assert "it will be read from 8:30am Monday 30 November" in words
    assert "call 999" in words and "03000 267 979 (the Emergency Duty Team answers out of hours)" in words
    past = wording.safeguarding_alerted_out_of_hours("OC-2027-0001", result,
                                                     dt.datetime(2027, 7, 30, 21, tzinfo=dt.timezone.utc), calendar)
    assert "when the school reopens after the holiday" in past


def test_the_time_limits_promise_only_what_the_hours_allow(profile):
    import datetime as dt

    from concerns import wording
    from concerns.calendar import SchoolCalendar
    friday_night = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.timezone.utc)
    words = wording.time_limits(profile, SchoolCalendar(profile), friday_night)
    assert "acted on the same day" not in words
    assert "so it will be read from 8:30am Monday 30 November" in words


@pytest.mark.parametrize("text, route, also", [
    ("how do i appeal against the decision on my sons school place", "Admissions and appeals", None),
    ("my son has been excluded for 3 days", "Exclusion reviews", "independent review panel"),
    ("the school isn't following his EHC plan", "EHC plans and SEND assessments", "can be a complaint to the school"),
    ("I want to raise a grievance about my line manager", "Staff grievances", "goes to the Chair of Governors"),
])
def test_signposting_gives_only_the_route_asked(profile, text, route, also):
    from concerns import wording
    words = wording.signpost(profile, text)
    assert words.startswith(f"{route} are handled outside the school's complaints procedure, by ")
    others = [label for label in wording.SIGNPOST_LABELS.values() if label != route]
    assert not any(label in words for label in others)
    if also:
        assert also in words
    assert "call 999" in words


def test_a_managed_move_is_told_it_can_be_a_complaint_to_the_school(profile):
    # Issue 11, item 13: not the list of five bodies, none of which decides a managed move.
    from concerns import wording
    words = wording.signpost(profile, "they want to put my son on a managed move to another school, i dont agree")
    assert "can be a complaint to the school" in words and "Admissions and appeals" not in words
    assert "call 999" in words


@pytest.mark.parametrize("text", ["how do i whistleblow about a colleague",
                                  "I work at the school and I'm worried about how a colleague is with one of the "
                                  "children, is that whistleblowing?"])
def test_a_staff_worry_about_a_colleague_with_a_child_is_told_it_is_an_allegation(profile, text):
    # Issue 11, item 13: an allegation, not only a whistleblowing signpost.
    from concerns import wording
    words = wording.signpost(profile, text)
    assert "allegation" in words and "Whistleblowing" in words


@pytest.mark.parametrize("text", [
    "I work at the school and I'm worried about how a colleague is with one of the children, is that whistleblowing?",
    "I'm a TA and one of my colleagues keeps taking a boy out of class on his own and messages him on his phone",
    "as a member of staff I need to report a colleague, I think she is too close to one of the Year 6 girls, buys her "
    "presents",
    "I’m a dinner lady and a colleague I work with grabbed a reception boy by the wrist and dragged him",
    "I want to report my colleague for how he speaks to the children, he swears at them and calls them thick",
])
def test_a_staff_worry_about_a_colleague_with_a_child_starts_an_allegation(text):
    # Issue 11, item 13: a member of staff telling how a colleague behaves with children starts
    # an allegation about staff (at once, to the Headteacher or the Chair), whatever the model
    # reads; the signpost alone left it with nobody.
    assert safeguarding_matter(text, "signpost") == "staff_allegation"
    assert safeguarding_matter(text, "staff_allegation") is None


@pytest.mark.parametrize("text", [
    "how do i whistleblow about a colleague",
    "How do I whistleblow about a colleague fiddling the school fund?",
    "as a member of staff I want to raise a grievance about a colleague who shouts at me in front of the children",
    "I'm a TA and my colleague is off sick, who is covering the class?",
    "I work with a colleague who is brilliant with the children, can I nominate her for an award?",
])
def test_a_colleague_named_with_no_conduct_towards_a_child_is_not_an_allegation(text):
    assert safeguarding_matter(text, "signpost") is None


def test_signposting_with_no_route_named_lists_them_all(profile):
    from concerns import wording
    words = wording.signpost(profile, "/signpost")
    assert all(label in words for label in wording.SIGNPOST_LABELS.values())
    assert "03000 267 800" in words  # the SEND number, as the council publishes it


# Child-on-child abuse, serious violence, a child missing or taken, and online grooming (issue
# 11, item 6): KCSIE part one makes these safeguarding for the DSL, not bullying for the class
# teacher, however the model reads them. Written as parents write: lower case, no apostrophes.
@pytest.mark.parametrize("text", [
    # sexual touching between children
    "a boy in her class keeps touching her private parts at dinner time",
    "theres a lad in yr4 who keeps touching her privates and she's only 7",
    "a boy put his hand between her legs on the carpet",
    "my daughter said a boy was touching her between her legs under the table",
    "2 boys keep pulling her knickers down in the toilets",
    "a girl pulled down my sons pants at playtime and laughed",
    "an older boy made him touch his willy in the toilets",
    "a lad keeps grabbing her bum and her boobs in the line",
    "some kid put his hand down her knickers at forest school",
    "a boy showed the girls his willy behind the mobile classroom",
    "he got his willy out in the playground and made her look",
    "a girl in y6 keeps asking my son to show her his privates",
    "my daughter says a boy touched her fanny in the book corner",
    "they dared him to take his pants off in the toilets",
    "a boy was humping her in the playground and she was crying",
    "my son has been shown porn on a phone by a boy in year 6",
    "some boys made my daughter kiss them behind the shed",
    # sharing nude or semi-nude images
    "a lad in year 6 has been sending dick pics to girls in her class",
    "someone shared rude pics of a girl in yr 5 on the group chat",
    "there are photos of her in her knickers going round whatsapp",
    # serious violence and weapons
    "a boy strangled my son in the cloakroom",
    "a girl choked her till she couldnt breathe",
    "he had him in a headlock and he couldnt breathe",
    "they sat on him and he couldnt breathe",
    "a boy grabbed her by the throat on the field",
    "they kicked him in the head while he was on the floor",
    "he was on the ground and 3 lads were kicking him in the face",
    "they kicked his head in after school",
    "a lad punched him and he was out cold",
    "a boy brought a knife into school in his bag",
    "a kid in year 6 has a blade and showed it to my son",
    "a boy threatened to stab him at the bus stop",
    "he said hed stab my daughter tomorrow",
    "a boy came at her with scissors in art",
    "a lad had a penknife at school",
    "a boy brought a gun into school",
    # a child missing, or taken by a parent without permission
    "her dad took her from the school gate and he isnt allowed, theres a court order",
    "my ex picked him up from school without my permission and wont answer his phone",
    "his dad took him after school and hes not supposed to have contact",
    "her dad wont bring her back after the weekend",
    "she hasnt been seen since last night",
    "nobody has seen him since dinner time",
    "i dont know where my son is, he never came out of school",
    "i cant find her anywhere after school",
    "a man tried to get her into his car outside school",
    "my friend thinks someone tried to kidnap her son at the park",
    # online grooming, not cyberbullying
    "a man on roblox keeps messaging my daughter asking for pics",
    "an adult on snapchat is messaging my son and told him to keep it a secret",
    "some guy she doesnt know keeps messaging her on tiktok asking to meet up",
    "a 25 year old on fortnite has been sending him vbucks and asking where he lives",
    "someone he doesnt know online told him not to tell his mum about their chats",
    "a stranger on instagram keeps dming her asking for photos of herself",
])
def test_child_on_child_abuse_violence_missing_and_grooming_alert(text):
    assert safeguarding_matter(text, "report_bullying") == "safeguarding_child", text


@pytest.mark.parametrize("text", [
    # touching and private words in everyday lines
    "he touched her pencil case and she cried",
    "we touched base about homework last week",
    "can you touch base with his teacher about reading",
    "the boys keep touching each others lunch boxes",
    "she keeps losing bits and bobs from her bag",
    "he left his bits of paper on the table",
    "she showed her bits of artwork to the class",
    "can she wear shorts under her skirt for pe",
    "she needs help pulling down her leggings for the toilet",
    "can the staff help him pull his trousers down for the toilet",
    "she pulled down her skirt because it was riding up",
    "his trousers keep falling down, can we get a smaller size",
    "he needs help pulling his pants up after the toilet",
    "she pulled her socks up and got on with it",
    "my son has a sore willy, can he go to the toilet when he needs",
    "kids have made a google slides thing about my son with rude pictures",
    # play, sport and accidents
    "they were play fighting and he fell",
    "kicked the ball at his head by accident",
    "he kicked the ball and it hit her in the face on the field",
    "he fell on the floor and hit his head in pe",
    "he choked on a grape at lunch and couldnt breathe for a second, staff were great",
    "her asthma was bad and she couldnt breathe after cross country",
    "he has a sore throat and couldnt breathe through his nose",
    "a boy keeps squeezing my sons neck in the cloakroom and hes frightened",
    "he hurt his shoulder blade in pe",
    "can they use a knife and fork at lunch",
    "he got a nerf gun for his birthday",
    "they use a glue gun in dt",
    "is he going to shoot some hoops at basketball club",
    "he knocked his tooth out on the climbing frame",
    # taking, collecting, missing things
    "she took her dads car to school",
    "her dad took her phone off her and she isnt allowed it at school",
    "we took her out of school without permission for a holiday, will we get fined",
    "his grandad is picking him up today, he is allowed",
    "her dad will collect her at 3",
    "his jumper hasnt been seen since monday",
    "he hasnt been seen for his hearing test yet",
    "i dont know where she is up to with her reading",
    "the kids dont know where they are with the new teachers",
    "i cant find her reading book anywhere",
    "her dad didnt bring her reading book back",
    # online, but not grooming
    "a boy in her class keeps messaging her saying shes ugly",
    "someone from the pta will message you about the disco",
    "a man from the council emailed about the road closure",
    "the man who runs chess club online wants to meet the parents",
    "can you send photos of the school play to the whatsapp group",
])
def test_near_misses_of_child_on_child_words_do_not_alert(text):
    from concerns.safety import may_be_at_risk
    assert not may_be_at_risk(text), text


def test_a_teachers_class_named_in_a_child_on_child_report_is_not_an_allegation_about_staff():
    """"a boy in miss smiths class touched her privates" is about a boy: the DSL, not the Headteacher."""
    assert safeguarding_matter("a boy in miss smiths class keeps touching her privates", "") == "safeguarding_child"
    assert safeguarding_matter("i told mr jones a boy touched her private parts and nothing happened", "") == \
        "safeguarding_child"
    assert safeguarding_matter("mr jones touched her private parts", "") == "staff_allegation"


@pytest.mark.parametrize("text", ["he sent her dick pics", "someone shared rude pics of her",
                                  "there are photos of her in her knickers on snapchat"])
def test_sexual_images_are_never_to_be_kept(text):
    from concerns.safety import about_nude_images
    assert about_nude_images(text)


@pytest.mark.parametrize("text", [
    "a lad has been holding his phone under the girls skirts at lining up time",
    "somebody took pictures up her dress on the climbing frame",
    "two boys filmed her getting changed after swimming and put it on snapchat",
    "a girl pulled his shorts down and took a picture of him",
    "a group of lads jumped him on the way home and he's got a broken nose",
    "a boy threw him off the wall on purpose and he has a fractured wrist",
    "he was kicked by a gang of year 6s and ended up in a and e",
    "a child stamped on my daughter's face at dinner time",
    "a man we dont know collected her from after school club",
    "his dad says he isnt bringing him back after the weekend",
    "someone online who says hes 11 keeps asking my 8 year old for pictures of herself",
    "a stranger on roblox keeps asking her to move to a private app",
])
def test_images_injuries_collection_and_private_apps_alert(text):
    assert safeguarding_matter(text, "report_bullying") == "safeguarding_child", text


@pytest.mark.parametrize("text", [
    "he jumped off the wall and broke his arm, hes in hospital",
    "he fell off the climbing frame and broke his wrist, the school rang an ambulance",
    "he got a ball in the face in pe and needed stitches",
    "my daughter has a hospital appointment on friday so she will miss swimming",
    "one of the boys recorded my son crying in the toilets and sent it round",
    "can she get changed for pe at home and come in her kit",
    "a man from the council collected the bins late",
    "he jumped the queue at dinner and pushed in",
    "they filmed the nativity, can we get a copy",
])
def test_accidents_filming_and_collection_in_everyday_lines_do_not_alert(text):
    from concerns.safety import may_be_at_risk
    assert not may_be_at_risk(text), text


@pytest.mark.parametrize("text, matter", [
    ("my son said the ta sat on him and he couldnt breathe", "staff_allegation"),
    ("the man who runs the after school club took her home without my permission", "staff_allegation"),
    ("a member of staff has been filming the kids getting changed", "staff_allegation"),
    ("the teacher said a boy choked him till he couldnt breathe", "safeguarding_child"),
    ("a boy touched her privates and the teacher did nothing", "safeguarding_child"),
    ("he was kicked in the head and then they kicked him when he was on the floor", "safeguarding_child"),
])
def test_who_did_it_decides_between_the_dsl_and_an_allegation_about_staff(text, matter):
    assert safeguarding_matter(text, "") == matter, text


@pytest.mark.parametrize("text", [
    "do they do sex education in year 6",
    "it takes him ages getting changed for pe",
    "does he need his recorder and his pe kit getting changed on monday",
    "i was holding her and she couldnt breathe with her asthma",
    "she went under the water in swimming and couldnt breathe, now shes scared",
    "she put her arms round her neck and hugged her tight",
    "he told her to kiss his bum",
    "the doctor looked at his willy and said its fine",
    "she keeps rubbing her fanny, i think its thrush",
    "he keeps putting his hands down his trousers when he needs a wee",
    "can someone pick her up at 2, she isnt allowed to stay for the disco",
    "a man from the council messaged asking us for photos of the fence",
    "a man messaged me on the app, can i come in person to sort it",
    "is he going to shoot my video for the project",
    "the teacher got them to touch the snake in science",
    "they told him to take his trousers off and put spare ones on after his accident",
])
def test_more_near_misses_do_not_alert(text):
    from concerns.safety import may_be_at_risk
    assert not may_be_at_risk(text), text


def test_staff_who_only_tell_of_an_attack_are_not_its_subject():
    assert safeguarding_matter("the teacher told me they had kicked him while he was on the ground", "") == \
        "safeguarding_child"


def test_a_member_of_staff_who_speaks_before_harming_is_still_its_subject():
    assert safeguarding_matter("the ta said he was naughty and grabbed his arm so hard it bruised", "") == \
        "staff_allegation"


# Neglect, exploitation, domestic abuse the children live with, a child's own words, and every
# form of a verb. Written from KCSIE part one and annex B and the NSPCC's, the Home Office's and
# the Children's Society's signs, in our own words; none is taken from a development or
# held-out line.
@pytest.mark.parametrize("text", [
    # neglect: left alone for long, hungry and dirty, no bed, no heating, no doctor
    "the little lad next door is left on his own in the house all day",
    "she gets left home alone all weekend while her mum is out",
    "his mum leaves him home alone every night",
    "he comes into school dirty and hungry every day",
    "she wears the same dirty clothes all week",
    "she has to look after her little brothers overnight while mum goes out",
    "he's left to look after his baby sister all night",
    "they have no heating at home and the kids are freezing",
    "she doesnt have a bed, she sleeps on the sofa",
    "the kids sleep on the floor at their dads",
    "his arm was swollen for a week and his mum never took him to the doctor",
    "nobody took her to the doctor when she burnt her hand",
    "he had nothing to eat all weekend",
    # criminal exploitation and county lines
    "older lads are making my son carry drugs for them",
    "he's been delivering packages for some older lads after school",
    "some older boys keep giving him money and new trainers and now they want him to do favours",
    "he came home with a new phone and won't say who gave it to him",
    "he keeps going missing and turning up in other towns",
    "i think he is 'working' for older lads",
    "he says he owes them money now and they will hurt him if he doesnt pay it back",
    "he's been selling weed for a gang",
    "they made him hide drugs in his bag",
    # sexual exploitation
    "my 12 year old has a 19 year old boyfriend",
    "she's been getting into cars with older men after school",
    "a man keeps buying her alcohol and cigarettes",
    "she's being passed around older lads",
    "she is meeting a man she met online",
    "a stranger offered her a lift home from the park",
    # domestic abuse the children see or hear
    "her dad hit me in front of the kids",
    "my partner beat me up while the kids watched",
    "he threw me against the wall and the children were screaming",
    "their dad punched me last night and my son saw it",
    # a child's own words
    "my mums boyfriend hits me",
    "i dont feel safe at home",
    "someone touched me",
    "a man touched me at the park",
    "i'm scared to go home",
    "my brother touched my private parts",
    # every form of the verb
    "a boy keeps pulling down my sons trousers in pe in front of everyone",
    "a boy is pulling down my son's trousers",
    "a boy pulled down my sons trousers at break",
    "her stepdad kicked her",
    "his dad slapped him across the face",
    "her mum's boyfriend threw her down the stairs",
    "his dad locked him in his room for two days",
])
def test_neglect_exploitation_domestic_abuse_and_a_childs_own_words_alert(text):
    assert safeguarding_matter(text, "concern_child") == "safeguarding_child", text


@pytest.mark.parametrize("text", [
    "the teacher was dragging him across the room",
    "the ta pinned him to the wall",
    "mr smith throws chairs when the class is loud",
    "the teacher is locking him in the quiet room",
])
def test_every_form_of_a_staff_members_act_is_an_allegation(text):
    assert safeguarding_matter(text, "complain_staff") == "staff_allegation", text


@pytest.mark.parametrize("text", [
    # a few minutes alone, walking home, being left out: not neglect
    "is it ok to leave him home alone for 10 minutes while i pop to the shop",
    "can i leave her home alone for half an hour after school, shes 10",
    "he walks home alone every day now hes in year 6",
    "the boys in his class wont leave him alone every day at break",
    "she was left alone in the playground again, nobody plays with her",
    "she looks after her little brother after school until i get in from work",
    # hungry, dirty, heating and beds in everyday lines
    "my son comes home starving every day, are the portions big enough",
    "he comes in hungry because he won't eat breakfast, can he go to breakfast club",
    "the heating isnt working in the classroom again",
    "we have no hot water at home today, can she skip swimming",
    "is there a bed time routine you recommend",
    "they slept on the floor at the sleepover and had a great time",
    "her pe kit was dirty because the washing machine broke",
    "he cut his finger, we didnt take him to the doctor as it was tiny",
    # medicines, older pupils, gifts from family, lost things, towns
    "the school nurse holds her epilepsy drugs in the office",
    "do you do drugs education in year 6",
    "he carried the bags for the older kids trip",
    "the work for the older kids is much harder",
    "his uncle bought him new trainers for his birthday",
    "his phone went missing and he cant say where he left it",
    "we went to london at the weekend and he loved it",
    "the cat keeps going missing for days",
    "the heating went off overnight",
    "we're going country dancing at the fair",
    "her mums 30 year old boyfriend is picking her up today",
    "the man from football gave him a lift to the match",
    "the note was passed around the class",
    # a parent hurt, or touched, in everyday words
    "a boy hit me in front of everyone at break",
    "i hit my head on the cupboard in front of the kids",
    "your kind words really touched me, thank you",
    "she touched me with her kindness, please thank the teacher",
    "mrs smith touched me on the arm at pickup to get my attention",
    "my dad touched my shoulder",
    "i dont want to go home from the party",
    "my dad hit me up about the fair",
    "he threw me a surprise party in front of the kids",
    "i am scared of my mum finding out about the detention",
    "he came home filthy and starving after sports day",
    "he keeps his phone in his bag for the older boys to see",
    "she's home alone every day after school till i get back from work",
])
def test_everyday_lines_near_the_new_patterns_do_not_alert(text):
    assert safeguarding_matter(text, "concern_child") is None, text


@pytest.mark.parametrize("text", ["her dad hit me in front of the kids", "their dad punched me and my son saw it",
                                  "he threw me against the wall while the children watched"])
def test_a_parent_hurt_in_front_of_the_children_is_asked_if_contact_is_safe(text):
    from concerns.safety import about_domestic_abuse
    assert about_domestic_abuse(text), text


@pytest.mark.parametrize("text, child", [
    ("my mums boyfriend hits me", True),
    ("someone touched me", True),
    ("i dont feel safe at home", True),
    ("a man touched me at the park", True),
    ("my brother touched my private parts", True),
    # a parent: a partner, or their own child, named
    ("my partner hits me and i dont feel safe at home", False),
    ("my daughter says someone touched me, what do i do", False),
    ("her dad hit me in front of the kids", False),
    ("your kind words really touched me", False),
])
def test_a_child_telling_of_harm_in_the_first_person_is_read_as_a_child(text, child):
    from concerns.safety import a_child_discloses
    assert a_child_discloses(text) is child, text




# Told in an answer midway through an ordinary concern or complaint (issue 10's "safeguarding
# midway"): a partner hitting a child with something, marks it leaves, the Head pushing a child.
@pytest.mark.parametrize("text, matter", [
    ("her new fella shouts all night and last week he hit Kian with a belt", "safeguarding_child"),
    ("he showed me the marks on the backs of his legs", "safeguarding_child"),
    ("his mams new bloke whacks him with the wooden spoon when he answers back", "safeguarding_child"),
    ("she had belt marks on her bum when I bathed her", "safeguarding_child"),
    ("my son says the head grabbed him by his jumper and pushed him up against the wall", "staff_allegation"),
    ("the teacher pushed him over in the corridor", "staff_allegation"),
])
def test_harm_told_in_an_answer_alerts(text, matter):
    assert safeguarding_matter(text, "concern_child") == matter


@pytest.mark.parametrize("text", [
    "Sam hit Jack with a stick at playtime",           # children fighting: bullying, not the DSL
    "he hit the ball with a stick and it broke the window",
    "my mams new fella is lovely with the kids",
    "a boy hit him on the head and kicked him in the line",   # "the head" of his body, not the Headteacher
    "the head said she would look into it",
    "the teacher pushed him to do his best and he got a merit",
    "the lines on the backs of the chairs are wobbly",
])
def test_near_misses_of_those_do_not_alert(text):
    assert safeguarding_matter(text, "report_bullying") is None


@pytest.mark.parametrize("text", [
    "the teacher kicked him out of class for talking",
    "the head kicked her off the team for one bad tackle",
])
def test_kicked_out_is_not_harm(text):
    assert safeguarding_matter(text, "complain_staff") is None


@pytest.mark.parametrize("text, alleged", [
    ("Mrs Ward threw his work in the bin in front of the whole class", False),
    ("the teacher threw her drawing in the bin and said it was rubbish", False),
    ("miss jones threw him out of the lesson for talking", False),
    ("the teacher threw a book at him", True),
    ("the TA threw a pen at my daughter and it hit her face", True),
    ("his teacher threw him against the wall", True),
])
def test_throwing_is_harm_when_it_is_at_a_child(text, alleged):
    assert alleges_staff_harm(text) is alleged


@pytest.mark.parametrize("text", [
    # Other children telling a child to kill themselves puts the child at risk (KCSIE: online
    # abuse; a child may act on it): an urgent alert, as the child's own words about dying are.
    "boys in his class keep messaging him saying he should kill himself",
    "a girl posted on her story telling my daughter to go and kill herself",
    "he told me last night he wants to kill himself",
])
def test_being_told_to_kill_yourself_or_wanting_to_is_a_risk(text):
    from concerns.safety import may_be_at_risk
    assert may_be_at_risk(text)


@pytest.mark.parametrize("text", [
    "im 9 and my step dad comes into my room at night",
    "i'm in year 4 and my mum forgot to feed me again",
    "im 12 and a man on roblox keeps asking me for pictures",
    "i am 13 and my uncle told me to keep it a secret",
])
def test_a_child_who_gives_their_age_and_what_happens_is_an_alert_answered_as_a_child(text):
    # Issue 11, item 10: these once depended on the model alone.
    from concerns.safety import a_child_discloses, may_be_at_risk
    assert may_be_at_risk(text) and a_child_discloses(text), text


@pytest.mark.parametrize("text", ["I'm 35 and my partner forgot to feed the dog", "im in year 6 and scared of the sats",
                                  "im in year 2 and i lost my reading book in my room"])
def test_a_childs_age_with_everyday_words_is_no_alert(text):
    from concerns.safety import may_be_at_risk
    assert not may_be_at_risk(text), text


@pytest.mark.parametrize("text, acts", [
    ("my son told me a man who works at school showed him rude pictures on his phone", True),
    ("someone from the school (a man with a lanyard) has been hanging about near our house", True),
    ("i dont feel safe at my house. can somebody at school help me please", False),   # someone asked for
    ("a boy in his class says someone from school has been sending him messages", False),  # another child in it
])
def test_someone_who_works_at_the_school_doing_it_makes_staff_the_actor(text, acts):
    from concerns.safety import staff_are_the_actor
    assert staff_are_the_actor(text) is acts


@pytest.mark.parametrize("text", [
    "two boys in her class made her send a photo of herself with her top off on snapchat and showed it round",
    "someone took a picture of him topless in the changing room and put it in the group chat",
])
def test_a_semi_nude_image_of_a_child_is_safeguarding(text):
    # KCSIE treats sharing nude and semi-nude images between children as safeguarding, not bullying.
    from concerns.safety import about_nude_images
    assert safeguarding_matter(text, "report_cyberbullying") == "safeguarding_child"
    assert about_nude_images(text)


@pytest.mark.parametrize("text", [
    # a parent's own thoughts of ending their life, with children at home (written for this test)
    "I can't cope any more, the kids are getting themselves up for school and I've thought about ending my life",
    "she's been saying she wants to end it all",
    "my boy says he doesn't want to be alive anymore",
    # an attack planned with a weapon
    "my daughter heard two lads say they're going to batter a year 5 boy after school with a hammer",
    # little ones shut out for hours
    "the family across the road keep their toddler locked outside for hours in the cold",
])
def test_words_of_kcsie_harm_said_plainly_alert_whatever_the_model_read(text):
    assert safeguarding_matter(text, "complain_school") == "safeguarding_child"


@pytest.mark.parametrize("text", [
    "I was thinking about ending my contract with the breakfast club",
    "he wants to get a new bat for cricket with his birthday money",
    "my son left his coat outside in the rain again",
])
def test_everyday_words_near_those_patterns_do_not_alert(text):
    assert safeguarding_matter(text, "everyday_enquiry") is None


@pytest.mark.parametrize("text, allegation", [
    # a punishment by staff that harms or endangers a child (KCSIE part four), in words of our own
    ("Mr Hall made my son stand outside in the freezing cold without his coat for ages as a punishment", True),
    ("the dinner lady forced her to finish her yoghurt even though she's got a dairy allergy", True),
    ("his teacher has kept him on his own in the library every day for weeks, no lessons", True),
    # a punishment with no harm in the words: a complaint about staff
    ("Mr Bell made him sit on his own at lunch for talking", False),
    ("Miss Kerr kept him in at playtime all week for not finishing his work", False),
    ("the teacher made them do the cross country in the rain", False),
    ("mrs dunn keeps forgetting about my daughters dairy allergy and giving her the wrong snack", False),
])
def test_a_punishment_that_harms_a_child_is_an_allegation(text, allegation):
    assert (safeguarding_matter(text, "complain_staff") == "staff_allegation") is allegation
