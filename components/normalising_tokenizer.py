"""Rasa's whitespace tokenizer, reading the text as concerns/normalise.py gives it: a curly
apostrophe, a zero-width space or a stretched "sooo" makes the same tokens as plain typing.

Tokens keep their positions in the text the parent wrote (the message itself is never
changed), so what is stored and shown stays exactly as written.
"""
from __future__ import annotations

from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from concerns.normalise import normalise_with_offsets


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NormalisingWhitespaceTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        normal, origin = normalise_with_offsets(text)
        if not normal.strip():
            return super().tokenize(message, attribute)
        tokens = super().tokenize(Message(data={attribute: normal}), attribute)
        # A token ends where the next normalised character began: the letters a stretched
        # word lost ("sooo") and invisible characters stay inside the token they were in.
        ends = origin[1:] + [len(text)]
        return [Token(token.text, origin[token.start], end=ends[token.end - 1], data=token.data, lemma=token.lemma)
                for token in tokens]
