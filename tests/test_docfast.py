"""``govnews_nlp.docfast``: the compiled per-Doc bookkeeping does exactly what the spaCy calls do.

Each compiled function is compared with its Python fallback (the plain spaCy call) on real Docs
(char and jieba segmentation, so some hits fall inside words) and random hits; the Docs must come
out byte-identical (``Doc.to_bytes``). Without the compiled module (editable or pure install) only
the pure helpers are tested.
"""

from __future__ import annotations

import random

import pytest
from spacy.tokens import Span, SpanGroup
from spacy.util import filter_spans

from govnews_nlp import docfast

SEEDS = range(12)
TEXT = ("市委书记罗清宇在星火弘源年产400万吨活性氧化钙项目现场调研。他强调，要坚持“四为四高两同步”，"
        "打好三大攻坚战。 记者 刘玉林 郑静\n总投资50亿元的项目今年开工。")

compiled_only = pytest.mark.skipif(not docfast.COMPILED, reason="govnews_nlp._docfast is not built in this install")


@pytest.fixture(scope="module", params=["char", pytest.param("jieba", marks=pytest.mark.jieba)])
def make_doc(request):
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": request.param}}})
    if request.param == "jieba":
        nlp.tokenizer.initialize()
    return lambda: nlp(TEXT)


def _random_token_hits(doc, rng, n=8):
    """Non-overlapping (start, end, label) token hits."""
    label = doc.vocab.strings.add(rng.choice(["PERSON", "SLOGAN", "CAPACITY"]))
    cuts = sorted(rng.sample(range(len(doc) + 1), min(2 * n, len(doc) + 1)))
    return [(s, e, label) for s, e in zip(cuts[::2], cuts[1::2]) if e > s]


def _random_char_hits(doc, rng, n=10):
    label = doc.vocab.strings.add("X")
    out = []
    for _ in range(n):
        s = rng.randrange(len(doc.text))
        out.append((s, min(len(doc.text), s + rng.randrange(1, 6)), label))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_filter_hits_is_filter_spans(make_doc, seed):
    rng = random.Random(seed)
    doc = make_doc()
    hits = []
    label = doc.vocab.strings.add("X")
    for _ in range(15):
        s = rng.randrange(len(doc))
        hits.append((s, min(len(doc), s + rng.randrange(1, 5)), label))
    expected = [(sp.start, sp.end, sp.label) for sp in filter_spans([Span(doc, s, e, label=lb) for s, e, lb in hits])]
    assert docfast.filter_hits(hits) == expected


@compiled_only
@pytest.mark.parametrize("seed", SEEDS)
def test_token_hits_is_char_span(make_doc, seed):
    rng = random.Random(seed)
    doc = make_doc()
    for _ in range(20):
        hits = _random_char_hits(doc, rng, n=rng.randrange(1, 4))
        assert docfast.token_hits(doc, hits) == docfast._token_hits(doc, hits)


@compiled_only
@pytest.mark.parametrize("seed", SEEDS)
def test_set_entities_is_set_ents(make_doc, seed):
    rng = random.Random(seed)
    a, b = make_doc(), make_doc()
    if seed % 3 == 1:  # some tokens already annotated "outside" or "missing"
        for d in (a, b):
            d.set_ents([], outside=[d[0:3]], missing=[d[5:7]], default="unmodified")
    hits = _random_token_hits(a, rng)
    assert not docfast.entities_present(a) and not a.ents
    docfast.set_entities(a, hits)
    docfast._set_entities(b, hits)
    assert a.to_bytes() == b.to_bytes()
    assert docfast.entities_present(a) == bool(b.ents) == bool(hits)


@compiled_only
@pytest.mark.parametrize("seed", SEEDS)
def test_span_group_is_span_group_of_spans(make_doc, seed):
    rng = random.Random(seed)
    a, b = make_doc(), make_doc()
    hits = _random_token_hits(a, rng) + _random_token_hits(a, rng)  # groups may overlap
    a.spans["g"] = docfast.span_group(a, "g", hits)
    b.spans["g"] = SpanGroup(b, name="g", spans=[Span(b, s, e, label=lb) for s, e, lb in hits])
    assert [(s.start, s.end, s.start_char, s.end_char, s.label_) for s in a.spans["g"]] == \
        [(s.start, s.end, s.start_char, s.end_char, s.label_) for s in b.spans["g"]]
    assert a.to_bytes() == b.to_bytes()


@compiled_only
def test_blocked_tokens_are_no_entities(make_doc):
    doc = make_doc()
    doc.set_ents([], blocked=[doc[0:2]], default="unmodified")
    assert not doc.ents and not docfast.entities_present(doc)


def test_fallback_names_the_build():
    assert isinstance(docfast.COMPILED, bool)
    assert callable(docfast.set_entities) and callable(docfast.span_group)
