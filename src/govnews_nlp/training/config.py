"""``govnews-nlp init-config``: a complete ``spacy train`` config with our tokenizer and rules.

spaCy's own ``init_config`` (``spacy.cli.init_config``) writes the trainable part (``tok2vec``,
``ner``, ``spancat``, their models, optimizer, batcher) for Chinese; this module puts our
normalizing tokenizer in the tokenizer slot and our rule components in the pipeline:

* the rule components run first and only write their span groups and extensions (they set no
  entities), so a ``ner`` trained after them learns from the gold entities alone (no
  ``E024``: nothing on the predicted Docs contradicts the gold);
* they are not frozen: frozen components are skipped by ``nlp.initialize()``, and their
  ``[initialize.components]`` settings (``patterns_dir``) would be ignored;
* ``govnews_entities`` is left out by default, so ``ents_f`` during training measures the trained
  ``ner`` alone and ``model-best`` is chosen on it; ``merge_entities=True`` puts it after the
  trained components with ``existing = "keep"`` (rules fill what the ``ner`` leaves free);
* ``[training.score_weights]`` gives the trained component's F all the weight; the rule scores are
  reported beside it with weight 0 (``spans_people_f`` …).

The config resolves with no ``--code``: every function it names is registered by entry points.
"""

from __future__ import annotations

from typing import Any, Dict, Sequence

from confection import Config

from ..pipeline import ENTITIES, RULE_COMPONENTS

TRAINABLE = ("ner", "spancat")
SEGMENTERS = ("char", "jieba", "pkuseg")
#: what each trainable component's F is called in spaCy's scores
TRAINED_SCORE = {"ner": "ents_f", "spancat": "spans_sc_f"}


def training_config(
    segmenter: str = "char",
    pipeline: Sequence[str] = ("ner",),
    *,
    merge_entities: bool = False,
    max_steps: int = 2000,
    eval_frequency: int = 100,
) -> Config:
    """The config as a :class:`confection.Config` (``.to_str()`` for the file)."""
    from spacy.cli.init_config import init_config

    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of: {', '.join(SEGMENTERS)}")
    trained = [p for p in pipeline if p]
    unknown = [p for p in trained if p not in TRAINABLE]
    if unknown or not trained:
        raise ValueError(f"--pipeline takes one or more of {', '.join(TRAINABLE)}; got {list(pipeline)}")
    base = init_config(lang="zh", pipeline=trained, optimize="efficiency", gpu=False, silent=True)
    cfg: Dict[str, Any] = Config(base)  # a copy that keeps the ${...} references
    cfg["nlp"]["tokenizer"] = {
        "@tokenizers": "govnews_nlp.NormalizingTokenizer.v1",
        "segmenter": segmenter,
        "disable": [],
        "keep_width": False,
    }
    cfg["initialize"]["tokenizer"] = {"pkuseg_model": None}
    names = list(RULE_COMPONENTS) + list(cfg["nlp"]["pipeline"])
    if merge_entities:
        names.append(ENTITIES)
    cfg["nlp"]["pipeline"] = names
    for name in RULE_COMPONENTS + ((ENTITIES,) if merge_entities else ()):
        cfg["components"][name] = {"factory": name}
    if merge_entities:
        cfg["components"][ENTITIES]["existing"] = "keep"
    cfg["initialize"]["components"] = {name: {"patterns_dir": None} for name in RULE_COMPONENTS}
    cfg["training"]["max_steps"] = max_steps
    cfg["training"]["eval_frequency"] = eval_frequency
    weights: Dict[str, Any] = {}
    for p in trained:
        key = TRAINED_SCORE[p]
        weights.update({key: 1.0 / len(trained), key[:-1] + "p": 0.0, key[:-1] + "r": 0.0})
    # the rules' F per group is printed at every checkpoint (weight 0: it does not choose model-best);
    # None hides P and R, which would make the table unreadable
    for key in ("people", "titles", "capacities", "investments", "projects", "slogans"):
        weights.update({f"spans_{key}_f": 0.0, f"spans_{key}_p": None, f"spans_{key}_r": None})
    if merge_entities:
        weights.update({"govnews_ents_f": 0.0, "govnews_ents_p": None, "govnews_ents_r": None})
    cfg["training"]["score_weights"] = weights
    return Config(cfg)


def write_training_config(path: str, **kwargs: Any) -> str:
    """Write :func:`training_config` to ``path``; returns the text written."""
    text = training_config(**kwargs).to_str()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return text
