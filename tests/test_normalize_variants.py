"""The ``variants`` step: reviewed variant characters t2s leaves alone (``patterns/variants.jsonl``),
replaced before t2s, validated like the other tables, carried by a saved copy of the tables."""

from __future__ import annotations

import json
import shutil

import pytest

from govnews_nlp import normalize
from govnews_nlp.lexicon import LexiconError, default_patterns_dir
from govnews_nlp.normalize.rules import variant_rules
from govnews_nlp.normalize.tables import FILES, Tables


@pytest.mark.parametrize("raw, expected", [
    ("陜西省榆林市", "陕西省榆林市"),
    ("陜建集團承建", "陕建集团承建"),
    ("陜北能源基地", "陕北能源基地"),
    ("推進陜甘合作", "推进陕甘合作"),
    ("鹽堿地改良", "盐碱地改良"),
    ("純堿項目", "纯碱项目"),
    ("陝西", "陕西"),               # the standard Traditional character: t2s as before
    ("路面陜窄", "路面陜窄"),          # 陜 outside the listed words is not guessed
])
def test_variants_are_replaced_before_t2s(raw, expected):
    norm = normalize(raw)
    assert norm.text == expected
    assert normalize(norm.text).text == norm.text
    assert norm.raw_span(0, len(norm.text)) == (0, len(raw))  # one for one: positions stay


def test_report_and_switch():
    norm = normalize("陜西鹽堿地")
    assert norm.report.steps["variants"] == {"陜_to_陕": 1, "堿_to_碱": 1}
    assert normalize("陜西鹽堿地", disable=["variants"]).text == "陜西盐堿地"


def test_every_packaged_entry_has_its_source():
    rules = variant_rules()
    assert {r.char: r.to for r in rules} == {"陜": "陕", "堿": "碱"}
    assert all(r.source.strip() for r in rules)


def _folder_with(tmp_path, variants_lines):
    folder = tmp_path / "patterns"
    folder.mkdir()
    for name in FILES:
        shutil.copy(default_patterns_dir() / name, folder / name)
    (folder / "variants.jsonl").write_text("".join(line + "\n" for line in variants_lines), encoding="utf-8")
    return folder


GOOD = {"id": "v-x", "char": "堿", "to": "碱", "source": "test"}


@pytest.mark.parametrize("entry, message", [
    ({**GOOD, "to": "碱碱"}, "must be one Chinese character"),
    ({**GOOD, "char": "a"}, "must be one Chinese character"),
    ({**GOOD, "to": "堿"}, "the same character"),
    ({**GOOD, "words": ["盐碱"]}, "words must contain"),
    ({**GOOD, "source": " "}, "needs its source"),
    ({k: v for k, v in GOOD.items() if k != "source"}, "source"),
    ({**GOOD, "extra": 1}, "extra"),
])
def test_bad_entries_fail_with_file_and_line(tmp_path, entry, message):
    folder = _folder_with(tmp_path, ["// header", json.dumps(entry, ensure_ascii=False)])
    with pytest.raises(LexiconError, match=message) as err:
        Tables.from_dir(folder)
    assert f"{folder / 'variants.jsonl'}:2:" in str(err.value)


def test_a_character_listed_twice_fails(tmp_path):
    folder = _folder_with(tmp_path, [json.dumps(GOOD, ensure_ascii=False),
                                     json.dumps({**GOOD, "id": "v-y"}, ensure_ascii=False)])
    with pytest.raises(LexiconError, match="listed twice"):
        Tables.from_dir(folder)


def test_a_custom_table_is_used(tmp_path):
    folder = _folder_with(tmp_path, [json.dumps({"id": "v-a", "char": "陜", "to": "陕", "source": "test"})])
    tables = Tables.from_dir(folder)
    assert normalize("路面陜窄", tables=tables).text == "路面陕窄"  # no words: everywhere
    assert normalize("盐堿地", tables=tables).text == "盐堿地"  # 堿 not in this table


def test_tables_saved_before_the_file_existed_use_the_packaged_one(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    texts = {name: (default_patterns_dir() / name).read_text(encoding="utf-8") for name in FILES}
    del texts["variants.jsonl"]
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    for tables in (Tables(texts=texts), Tables.from_dir(folder)):
        tables.validate()
        assert normalize("陜西", tables=tables).text == "陕西"
        assert "variants.jsonl" in tables.texts()  # and a pipeline saved now carries it
