"""Ids as file names: every hostile id gets a safe name inside the folder, distinct per article, and decodes back."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.filenames import MAX_NAME_BYTES, FileNamer, id_to_stem

HOSTILE = ["..", ".", "../../x", "/etc/x", "a/b", "a\\b", "a\x00b", "", "x" * 1000, "市" * 300, "CON", "nul",
           "com1.txt", "Lpt9", "aux.tar.gz", ".hidden", "a:b", "a*b?c", "\ud800", " trailing ", "a b", "%2F"]


@pytest.mark.parametrize(("article_id", "stem"), [
    ("市委-2024_01.03", "市委-2024_01.03"),
    ("a/b", "a%2Fb"),
    ("../../x", "%2E.%2F..%2Fx"),
    ("/etc/x", "%2Fetc%2Fx"),
    ("..", "%2E."),
    ("a\x00b", "a%00b"),
    ("", "~empty"),
    ("CON", "%43ON"),
    ("nul.txt", "%6Eul.txt"),
    ("%", "%25"),
    ("\ud800", "%ED%A0%80"),
])
def test_mapping_table(article_id, stem):
    assert id_to_stem(article_id) == stem


@pytest.mark.parametrize("article_id", HOSTILE)
def test_hostile_ids_stay_in_the_folder(tmp_path, article_id):
    namer = FileNamer(tmp_path)
    path = namer.path(article_id)
    assert path.parent == tmp_path and path.resolve().parent == tmp_path.resolve()
    assert len(path.name.encode("utf-8")) <= MAX_NAME_BYTES + len(".txt")
    assert not path.name.startswith(".") and "/" not in path.name and "\x00" not in path.name
    path.write_text("x", encoding="utf-8")  # a real file system takes the name
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_collisions_are_numbered_in_order_and_ignore_case(tmp_path):
    namer = FileNamer(tmp_path)
    names = [namer.name(i) for i in ["a", "A", "a", "b", "x" * 999 + "1", "x" * 999 + "2"]]
    assert names[:4] == ["a.txt", "A~2.txt", "a~3.txt", "b.txt"]
    assert len({n.casefold() for n in names}) == len(names)  # two long ids differ in their hash


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=12))
def test_every_id_gets_its_own_safe_name(tmp_path_factory, ids):
    folder = tmp_path_factory.mktemp("names")
    namer = FileNamer(folder)
    paths = [namer.path(i) for i in ids]
    assert len({p.name.casefold() for p in paths}) == len(ids)
    assert all(p.parent == folder for p in paths)
    for i, p in zip(ids, paths):
        stem = p.name[: -len(".txt")]
        if "~" not in stem:  # neither cut nor numbered: the name decodes back to the id
            assert unquote(stem, errors="surrogatepass") == i
