"""SCAFFOLD, to be replaced by the govnews_capacity component (its issue): registers the factory so the
entry point resolves, and contributes empty record lists."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import set_record_field


class CapacityScaffold:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for key in "capacities,investments,projects".split(","):
            set_record_field(doc, key, [])
        return doc


@Language.factory("govnews_capacity")
def make_capacity(nlp: Language, name: str) -> CapacityScaffold:
    return CapacityScaffold(nlp, name)
