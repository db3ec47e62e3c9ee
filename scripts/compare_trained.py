"""Rules alone vs rules plus a trained ``ner``, per entity label, on a gold DocBin.

    python scripts/compare_trained.py TRAINED_PIPELINE GOLD.spacy

``TRAINED_PIPELINE`` is a ``spacy train`` output (``model-best``) of a config from
``govnews-nlp init-config``; ``GOLD.spacy`` comes from ``govnews-nlp convert`` (gold records plus
raw texts). Three pipelines are scored on the same gold entities:

* **rules**: ``govnews_nlp.load()`` (the rule components and ``govnews_entities``);
* **ner**: the trained pipeline as saved (its ``doc.ents`` are the ``ner``'s alone);
* **ner, rules fill**: the trained pipeline with ``govnews_entities`` added after the ``ner``
  (``existing = "keep"``: the ``ner``'s entities stay, the rules fill the tokens it left free);
* **rules, ner fills**: the same with ``existing = "fill"``: the rules' entities first, the
  ``ner``'s where the rules found nothing (bare names, unlisted formulas).

It prints precision, recall and F per label for each (spaCy's span scorer on ``doc.ents``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Dict, List

import spacy
from spacy.scorer import Scorer
from spacy.tokens import DocBin
from spacy.training import Example


def score(nlp, gold_docs) -> Dict[str, Dict[str, float]]:
    examples: List[Example] = []
    for gold in gold_docs:
        pred = nlp(gold.text)  # the gold text is normalized already; normalizing is idempotent
        if pred.text != gold.text:
            print(f"skipped a doc whose text normalizes differently again: {gold.text[:30]!r}", file=sys.stderr)
            continue
        examples.append(Example(pred, gold))
    scores = Scorer.score_spans(examples, "ents", getter=lambda doc, attr: list(doc.ents))
    per_type = dict(scores.get("ents_per_type") or {})
    per_type["ALL"] = {"p": scores["ents_p"] or 0.0, "r": scores["ents_r"] or 0.0, "f": scores["ents_f"] or 0.0}
    return per_type


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trained")
    ap.add_argument("gold")
    args = ap.parse_args()
    import govnews_nlp

    rules = govnews_nlp.load()
    trained = spacy.load(args.trained)
    keep = spacy.load(args.trained)
    keep.add_pipe("govnews_entities", config={"existing": "keep"})
    fill = spacy.load(args.trained)
    fill.add_pipe("govnews_entities", config={"existing": "fill"})
    gold = list(DocBin().from_disk(args.gold).get_docs(rules.vocab))
    results = {"rules": score(rules, gold), "ner": score(trained, gold), "ner, rules fill": score(keep, gold),
               "rules, ner fills": score(fill, gold)}
    labels = [*sorted({lab for res in results.values() for lab in res} - {"ALL"}), "ALL"]
    print(f"{'label':12}" + "".join(f"{name:>24}" for name in results))
    print(f"{'':12}" + "".join(f"{'P     R     F':>24}" for _ in results))
    for lab in labels:
        cells = []
        for res in results.values():
            s = res.get(lab)
            cells.append(f"{s['p']:.3f} {s['r']:.3f} {s['f']:.3f}" if s else "-")
        print(f"{lab:12}" + "".join(f"{c:>24}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
