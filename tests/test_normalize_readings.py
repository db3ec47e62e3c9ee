"""The normalizer's pinyin data are shipped files derived from pypinyin (``scripts/build_readings.py``):
the same tables as pypinyin's, and pypinyin is not imported at run time (cold start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govnews_nlp.normalize.words import _reading_tables, fold_syllable, is_reading, pinyin_words, tone_of

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_readings.py"


def test_shipped_files_are_up_to_date():
    pytest.importorskip("pypinyin")
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_tables_equal_pypinyins():
    """Round trip: the shipped readings give exactly the tables once built from pypinyin at run time."""
    pytest.importorskip("pypinyin")
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    by_char, by_syl = {}, {}
    for cp, value in pinyin_dict.items():
        char = chr(cp)
        forms = frozenset((fold_syllable(r), tone_of(r)) for r in value.split(","))
        by_char[char] = forms
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        for syl, _tone in forms:
            by_syl.setdefault(syl, set()).add(char)
    assert _reading_tables() == (by_char, by_syl)
    assert pinyin_words() == frozenset(w for w in phrases_dict if len(w) > 1)


@pytest.mark.parametrize("char, syllable, expected", [
    ("发", "fā", True), ("发", "fa4", True), ("发", "fa", True), ("发", "fǎ", False),
    ("的", "de", True), ("绿", "lü", True), ("绿", "lv4", True), ("女", "nu", True),
    ("陜", "shǎn", False), ("陕", "shǎn", True),
])
def test_readings(char, syllable, expected):
    assert is_reading(char, syllable) is expected


def test_pypinyin_is_not_imported_at_run_time():
    """A fresh process: import, load and a dirty text that needs readings and the word list."""
    pytest.importorskip("spacy")
    code = (
        "import json, sys\n"
        "import govnews_nlp\n"
        "nlp = govnews_nlp.load()\n"
        "doc = nlp('市委書(shū)記調(diào)研,要著力推進主?(dòng)作為')\n"
        "print(json.dumps([doc.text, 'pypinyin' in sys.modules]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text, imported = json.loads(proc.stdout.strip().splitlines()[-1])
    assert text == "市委书记调研，要着力推进主动作为"
    assert imported is False
