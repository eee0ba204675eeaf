"""concerns.safety.tells_of_harm: the words beside which the model's own safeguarding reading
of an account alerts at once. Broad on purpose; an account with none is not an alert."""
import pytest

from concerns.safety import tells_of_harm


@pytest.mark.parametrize("text", [
    "she keeps saying her step dad comes into her room when mum's at work",
    "a lad gave him a tablet and said it would make him feel better",
    "the dinner lady held his mouth shut to make him swallow",
    "he was told not to tell anybody what the man in the van said",
    "she has been sleeping at a friend's house because she won't go home",
    "he says his uncle does things to him he doesn't like",
    "the teacher pinned him to the wall",
])
def test_words_of_harm_fear_or_secrecy_are_heard(text):
    assert tells_of_harm(text)


@pytest.mark.parametrize("text", [
    "he comes home in spare trousers most days and says he was too shy to ask to go",
    "ive found things in her bag that arent hers, a pencil case and hair bobbles",
    "her reading book hasn't been changed since October",
    "the homework was marked late even though we handed it in on time",
])
def test_an_account_with_none_of_them_is_not_a_word_of_harm(text):
    assert not tells_of_harm(text)
