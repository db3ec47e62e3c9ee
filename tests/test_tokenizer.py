"""The normalizing tokenizer: clean Docs, raw offsets, idempotence, segmenters, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp import load
from govnews_nlp.tokenizer import NormalizingTokenizer


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("市委書(shū)記、市長(zhǎng)鞠振調(diào)研", "市委书记、市长鞠振调研"),
        ("自治區黨(dang) 委書(shu) 記孫紹騁", "自治区党委书记孙绍骋"),
        ("工業(yè)(產(chǎn)業(yè))園區", "工业（产业）园区"),
        ("", ""),
    ],
)
def test_doc_is_built_on_clean_text(nlp, raw, clean):
    doc = nlp(raw)
    assert doc.text == clean
    assert doc._.raw_text == raw


def test_spans_give_raw_offsets_and_text(nlp):
    raw = "市委書(shū)記、市長(zhǎng)鞠振調(diào)研"
    doc = nlp(raw)
    span = doc.char_span(2, 4)  # 书记
    start, end = span._.raw_span
    assert raw[start:end] == span._.raw_text == "書(shū)記"
    at = doc.text.index("鞠振")
    name = doc.char_span(at, at + 2)
    assert name.text == "鞠振" and name._.raw_text == "鞠振"


def test_every_token_maps_into_the_raw_text(nlp, seed_texts):
    for raw in seed_texts.values():
        doc = nlp(raw)
        prev = 0
        for tok in doc:
            s, e = doc[tok.i : tok.i + 1]._.raw_span
            assert 0 <= s <= e <= len(raw)
            assert s >= prev
            prev = s


def test_idempotent_on_seeds(nlp, seed_texts):
    for raw in seed_texts.values():
        doc = nlp(raw)
        assert nlp(doc.text).text == doc.text


@pytest.mark.parametrize("bad", [None, 42, b"bytes"])
def test_non_str_input_is_a_type_error(nlp, bad):
    with pytest.raises(TypeError, match="text"):
        nlp.tokenizer(bad)


def test_unknown_segmenter_and_step_are_clear_errors(nlp):
    with pytest.raises(ValueError, match="segmenter"):
        NormalizingTokenizer(nlp.vocab, segmenter="thulac")
    with pytest.raises(ValueError, match="step"):
        NormalizingTokenizer(nlp.vocab, disable=["no_such_step"])


def test_disabled_step_is_skipped():
    nlp = load(components=[], disable_steps=["script"])
    assert nlp("產(chǎn)業").text == "產業"


@pytest.mark.jieba
def test_jieba_segments_words_on_clean_text():
    nlp = load("jieba", components=[])
    doc = nlp("市委書(shū)記調(diào)研項目建設")
    assert doc.text == "市委书记调研项目建设"
    assert any(len(t.text) > 1 for t in doc)


@pytest.mark.pkuseg
def test_pkuseg_segments_words_on_clean_text():
    nlp = load("pkuseg", components=[])
    doc = nlp("市委書(shū)記調(diào)研項目建設")
    assert doc.text == "市委书记调研项目建设"
    assert any(len(t.text) > 1 for t in doc)


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (list("市委 书记\n\n调研  项目"), "市委 书记\n\n调研  项目"),
        (["市委", "书记", " ", "调研"], "市委书记 调研"),
        (["a", "b"], " a b "),
        ([], ""),
        (["项目", "\n", "建设"], "项目\n建设"),
    ],
)
def test_linear_word_alignment_matches_spacy(words, text):
    from spacy.util import get_words_and_spaces

    from govnews_nlp.tokenizer import words_and_spaces

    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_ten_megabyte_article_is_processed(nlp, seed_texts):
    # about 10 MB of UTF-8: the alignment of words to text must stay linear
    raw = seed_texts["002_b9da41b22b188a32"]
    big = raw * (10_000_000 // len(raw.encode("utf-8")) + 1)
    doc = nlp.tokenizer(big)
    small = nlp.tokenizer(raw)
    assert doc._.raw_text == big
    assert len(doc) > 1_000_000
    assert [t.text for t in doc[:200]] == [t.text for t in small[:200]]
    start, end = doc[len(doc) - 1 :]._.raw_span
    assert len(big) - 10 <= start < end <= len(big)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("产业 \n\t\u3000a,。")), max_size=40))
def test_char_words_and_spaces_is_the_general_alignment(text):
    """The char fast path gives exactly what the general alignment gives for one word per character."""
    from govnews_nlp.tokenizer import char_words_and_spaces, words_and_spaces

    assert char_words_and_spaces(text) == words_and_spaces(list(text), text)
