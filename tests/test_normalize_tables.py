"""The normalizer's tables travel with a saved pipeline and are validated when named."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("spacy")  # the tokenizer half: skipped in CI's spaCy-free normalizer environment

from govnews_nlp import load, normalize
from govnews_nlp.lexicon import LexiconError, default_patterns_dir
from govnews_nlp.normalize.tables import FILES, Tables

MADE_UP = "喵喵广告位招租"
TEXT = f"县长调研经济开发区。{MADE_UP}项目开工。"
RULE = {"id": "made-up-ad", "pattern": MADE_UP, "trigger": MADE_UP, "reason": "advert", "scope": "inline"}


@pytest.fixture
def custom_patterns(tmp_path):
    folder = tmp_path / "patterns"
    folder.mkdir()
    for name in FILES:
        shutil.copy(default_patterns_dir() / name, folder / name)
    with (folder / "junk.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(RULE, ensure_ascii=False) + "\n")
    return folder


def _custom_nlp(folder):
    nlp = load(components=[])
    nlp.tokenizer.initialize(patterns_dir=str(folder))
    return nlp


def test_packaged_tables_keep_the_made_up_string():
    assert MADE_UP in normalize(TEXT).text


def test_patterns_dir_in_initialize_is_used(custom_patterns):
    nlp = _custom_nlp(custom_patterns)
    assert MADE_UP not in nlp(TEXT).text
    assert MADE_UP in nlp(TEXT)._.raw_text


def test_saved_tables_are_used_in_a_fresh_process(custom_patterns, tmp_path):
    nlp = _custom_nlp(custom_patterns)
    nlp.to_disk(tmp_path / "pipe")
    shutil.rmtree(custom_patterns)  # the pipeline must not depend on the folder it was made from
    code = (
        "import json, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipe')!r})\n"
        f"print(json.dumps(nlp({TEXT!r}).text))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert MADE_UP not in got and "项目开工" in got


def test_tables_survive_to_bytes(custom_patterns):
    nlp = _custom_nlp(custom_patterns)
    fresh = load(components=[])
    fresh.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert fresh(TEXT).text == nlp(TEXT).text
    assert MADE_UP not in fresh(TEXT).text


@pytest.mark.parametrize("name, line, pattern", [
    ("junk.jsonl", '{"id": "x", "pattern": "(", "trigger": "(", "reason": "r"}', "junk.jsonl:.*regular expression"),
    ("credits.jsonl", '{"id": "y", "label": "记者", "position": "beside"}', "credits.jsonl:.*position"),
    ("script_words.jsonl", "not json", "script_words.jsonl:.*JSON"),
])
def test_a_bad_table_line_fails_at_initialize_with_file_and_line(custom_patterns, name, line, pattern):
    with (custom_patterns / name).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    nlp = load(components=[])
    with pytest.raises(LexiconError, match=pattern):
        nlp.tokenizer.initialize(patterns_dir=str(custom_patterns))


def test_a_missing_table_is_named(custom_patterns):
    (custom_patterns / "credits.jsonl").unlink()
    with pytest.raises(LexiconError, match=r"credits\.jsonl: patterns file not found"):
        Tables.from_dir(custom_patterns)


def test_a_bad_word_line_is_named_when_first_used(custom_patterns):
    with (custom_patterns / "words.txt").open("a", encoding="utf-8") as fh:
        fh.write("abc\n")
    tables = Tables.from_dir(custom_patterns)
    with pytest.raises(LexiconError, match=r"words.txt:\d+: not a word"):
        normalize("顯著", tables=tables)
