"""The part-of-speech lexicon (``govnews_nlp.pos_lexicon``): tags, segmentation, extra words, loading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.pos_lexicon import PosLexicon

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lex() -> PosLexicon:
    return PosLexicon.default()


@pytest.mark.parametrize(
    "word, tag",
    [
        ("考察", "v"),  # a verb: a project name never runs over it
        ("出席", "v"),
        ("向", "p"),  # a preposition
        ("使", "v"),
        ("项目", "n"),
        ("东山", "ns"),  # a place
        ("生产线", "n"),
        ("了", "ul"),  # a particle
        ("某某某不是词", None),  # not listed
    ],
)
def test_tags(lex: PosLexicon, word: str, tag: str) -> None:
    assert lex.tags(word) == tag


@pytest.mark.parametrize(
    "text, expected",
    [
        # the sentences: verbs, prepositions and numbers stand out as words of their own
        ("省长王某一行考察了东山新材料项目", ["省长", "王", "某", "一行", "考察", "了", "东山", "新", "材料", "项目"]),
        ("市长代表市政府向项目方致辞", ["市长", "代表", "市政府", "向", "项目", "方", "致辞"]),
        ("力争使项目早日投产", ["力争", "使", "项目", "早日", "投产"]),
        # digit runs are one numeral token, never split from each other
        ("正阳集团50万头生猪产业链", ["正阳", "集团", "50", "万头", "生猪", "产业链"]),
        # punctuation and Latin letters
        ("建设5G基站，ABC。", ["建设", "5", "G", "基站", "，", "ABC", "。"]),
    ],
)
def test_segment_table(lex: PosLexicon, text: str, expected: list) -> None:
    assert [w for w, _ in lex.segment(text)] == expected


def test_fixed_spans_are_one_token(lex: PosLexicon) -> None:
    """A person the officials component found (``王某``) stays whole, tagged ``nr``, whatever the
    dictionary would cut there."""
    text = "省长王某一行考察了东山新材料项目"
    assert ("王某", "nr") in lex.segment(text, fixed=[(2, 4)])
    assert ("王某一", "nrx") in lex.segment(text, fixed=[(2, 5, "nrx")])


@pytest.mark.parametrize("fixed", [[(3, 2)], [(0, 99)], [(-1, 2)], [(0, 3), (2, 4)]])
def test_bad_fixed_spans_are_a_clear_error(lex: PosLexicon, fixed: list) -> None:
    with pytest.raises(ValueError, match="fixed span"):
        lex.segment("省长王某一行考察", fixed=fixed)


def test_extra_words_are_cut_whole(lex: PosLexicon) -> None:
    """A name found in the Doc but not in the dictionary (a fictitious one here) is cut whole and
    carries the tag given, without stealing characters from its neighbours."""
    text = "县长钟岚岫调研"
    assert ("钟岚岫", "nr") not in lex.segment(text)
    assert lex.segment(text, words={"钟岚岫": "nr"}) == [("县长", "n"), ("钟岚岫", "nr"), ("调研", "vn")]


def test_max_probability_route_on_a_small_lexicon() -> None:
    """jieba's route: the cut of largest product of word probabilities; uncovered characters are
    grouped into one ``x`` token."""
    lex = PosLexicon([("研究", "vn", 100), ("研究生", "n", 10), ("生命", "n", 100), ("命", "n", 1),
                      ("研", "v", 1), ("究", "v", 1), ("生", "v", 1)])
    assert lex.segment("研究生命") == [("研究", "vn"), ("生命", "n")]
    assert lex.segment("研究生") == [("研究生", "n")]
    assert lex.segment("甲乙研究") == [("甲乙", "x"), ("研究", "vn")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("项目工程省长王某考察了东山新材料50万吨AB，。 、\n的向")), max_size=40),
       st.data())
def test_segmentation_round_trips(text: str, data: st.DataObject) -> None:
    """Whatever the text and fixed spans, the tokens join back to the text, none is empty, and a
    fixed span is a token."""
    lex = PosLexicon.default()
    fixed = []
    if len(text) >= 2:
        s = data.draw(st.integers(0, len(text) - 2))
        e = data.draw(st.integers(s + 1, len(text)))
        fixed = [(s, e)]
    spans = lex.spans(text, fixed=fixed)
    assert "".join(text[s:e] for s, e, _ in spans) == text
    assert all(s < e for s, e, _ in spans)
    assert all(b[0] == a[1] for a, b in zip(spans, spans[1:]))
    for s, e in fixed:
        assert (s, e, "nr") in spans


def test_load_names_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "lex.txt"
    path.write_text("# header\n项目\tn\t10\n工程 n 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lex.txt:3"):
        PosLexicon.load(path)


def test_default_is_cached_and_not_loaded_on_import() -> None:
    """``import govnews_nlp`` reads no lexicon; ``default()`` loads once and returns that object."""
    code = (
        "import govnews_nlp, sys\n"
        "from govnews_nlp import pos_lexicon as p\n"
        "assert p._default.cache_info().currsize == 0\n"
        "a = p.PosLexicon.default(); b = p.PosLexicon.default()\n"
        "assert a is b and len(a) > 200000\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.jieba
def test_shipped_lexicon_is_up_to_date() -> None:
    """``scripts/build_pos_lexicon.py --check`` regenerates the table from jieba's dict.txt."""
    script = ROOT / "scripts" / "build_pos_lexicon.py"
    if not script.is_file():
        pytest.skip("scripts/ not in this checkout")
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_column_load_equals_the_line_by_line_reading():
    """The shipped file read column-wise (the fast path of every cold start) gives exactly the
    tables the checked line-by-line reading gives."""
    from govnews_nlp.lexicon import default_patterns_dir
    from govnews_nlp.pos_lexicon import LEXICON_FILE, PosLexicon, _entries_checked

    path = default_patterns_dir() / LEXICON_FILE
    fast = PosLexicon.load(path)
    slow = PosLexicon(_entries_checked(path, path.read_text(encoding="utf-8")))
    assert fast._tags == slow._tags and fast._logp == slow._logp and fast._longest == slow._longest
