"""SCAFFOLD, to be replaced by the govnews_officials component (its issue): registers the factory so the
entry point resolves, and contributes empty record lists."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import set_record_field


class OfficialsScaffold:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for key in "people".split(","):
            set_record_field(doc, key, [])
        return doc


@Language.factory("govnews_officials")
def make_officials(nlp: Language, name: str) -> OfficialsScaffold:
    return OfficialsScaffold(nlp, name)
