"""SCAFFOLD, to be replaced by the govnews_slogans component (its issue): registers the factory so the
entry point resolves, and contributes empty record lists."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import set_record_field


class SlogansScaffold:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for key in "slogans".split(","):
            set_record_field(doc, key, [])
        return doc


@Language.factory("govnews_slogans")
def make_slogans(nlp: Language, name: str) -> SlogansScaffold:
    return SlogansScaffold(nlp, name)
