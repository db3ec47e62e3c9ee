"""The installed package: metadata, entry points, shipped patterns, registry names."""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.util import registry

import govnews_nlp
from govnews_nlp.lexicon import default_patterns_dir
from govnews_nlp.pipeline import COMPONENTS

ROOT = Path(__file__).resolve().parent.parent


def _group(name: str) -> dict:
    return {ep.name: ep for ep in entry_points(group=name)}


def test_version_and_public_api():
    assert govnews_nlp.__version__
    for name in ("normalize", "load", "to_record", "extract", "Normalized"):
        assert callable(getattr(govnews_nlp, name)) or name == "Normalized"


@pytest.mark.parametrize("factory", COMPONENTS)
def test_every_component_has_an_entry_point_and_resolves(factory):
    eps = _group("spacy_factories")
    assert factory in eps, f"{factory} missing from [project.entry-points.spacy_factories]"
    eps[factory].load()
    assert Language.has_factory(factory)


def test_tokenizer_entry_point_resolves():
    eps = _group("spacy_tokenizers")
    assert "govnews_nlp.NormalizingTokenizer.v1" in eps
    assert callable(registry.tokenizers.get("govnews_nlp.NormalizingTokenizer.v1"))


SCORERS = ("govnews_nlp.officials_scorer.v1", "govnews_nlp.capacity_scorer.v1", "govnews_nlp.slogans_scorer.v1",
           "govnews_nlp.entities_scorer.v1")


@pytest.mark.parametrize("name", SCORERS)
def test_every_scorer_has_an_entry_point_and_resolves(name):
    assert name in _group("spacy_scorers"), f"{name} missing from [project.entry-points.spacy_scorers]"
    scorer = registry.scorers.get(name)()
    assert callable(scorer)


def test_every_factory_default_config_resolves(nlp):
    # the config a saved pipeline carries must resolve in a fresh registry lookup
    for name in COMPONENTS:
        cfg = nlp.config["components"][name]
        assert cfg["factory"] == name
    spacy.blank("zh").from_config(nlp.config)


def test_displacy_colors_entry_point():
    colors = _group("spacy_displacy_colors")["govnews_nlp"].load()
    assert {"PERSON", "CAPACITY", "SLOGAN"} <= set(colors)


def test_blank_pipeline_from_config_needs_no_import():
    # spaCy finds the tokenizer through the entry point alone
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govnews_nlp.NormalizingTokenizer.v1"}}})
    assert nlp("產(chǎn)業").text == "产业"


def test_patterns_ship_inside_the_package():
    folder = default_patterns_dir()
    assert folder.is_dir()
    assert (folder / "README.md").is_file(), "patterns/ is not shipped inside the installed package"


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only CI installs the wheel non-editable")
def test_ci_tests_the_installed_wheel_not_the_checkout():
    assert ROOT / "src" not in Path(govnews_nlp.__file__).resolve().parents
