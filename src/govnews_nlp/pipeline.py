"""``load()``: the assembled govnews-nlp pipeline.

A blank Chinese ``Language`` whose tokenizer is the normalizing tokenizer, followed by the rule
components in a fixed order: people first (their names must not be read as slogans or projects),
then capacities and projects, then slogans, and last the entity step that merges their span
groups into ``doc.ents``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, Optional, Sequence

import spacy
from spacy.language import Language

#: Component factories in pipeline order (each also under [project.entry-points.spacy_factories]).
COMPONENTS: Sequence[str] = ("govnews_officials", "govnews_capacity", "govnews_slogans", "govnews_entities")
#: The entity step, last: merges the other components' span groups into ``doc.ents``.
ENTITIES = "govnews_entities"
#: The components that hold rule tables (``patterns_dir`` applies to them and to the normalizer).
RULE_COMPONENTS: Sequence[str] = ("govnews_officials", "govnews_capacity", "govnews_slogans")

#: Longest article accepted by :func:`load` (characters). Scraped pages of 10 MB (≈3.5 M Chinese
#: characters) occur; every stage is linear in the text, so memory stays proportional to it.
MAX_LENGTH = 20_000_000


def build_config(segmenter: str = "char", disable_steps: Iterable[str] = (), keep_width: bool = False) -> Dict:
    return {
        "nlp": {
            "lang": "zh",
            "tokenizer": {
                "@tokenizers": "govnews_nlp.NormalizingTokenizer.v1",
                "segmenter": segmenter,
                "disable": list(disable_steps),
                "keep_width": keep_width,
            },
        }
    }


def load(
    segmenter: str = "char",
    *,
    components: Optional[Sequence[str]] = None,
    disable_steps: Iterable[str] = (),
    keep_width: bool = False,
    pkuseg_model: Optional[str] = None,
    patterns_dir: Optional[str] = None,
    component_config: Optional[Dict[str, Dict[str, Any]]] = None,
    max_length: int = MAX_LENGTH,
    entities: bool = True,
) -> Language:
    """Build and initialize the pipeline.

    segmenter:        ``char`` (default, fastest, nothing to download), ``jieba`` or ``pkuseg``.
    components:       which rule components to add (default: all of :data:`COMPONENTS`).
    disable_steps:    normalizer steps to switch off (see ``govnews_nlp.normalize.STEP_NAMES``).
    keep_width:       keep half-width punctuation instead of widening it between Chinese text.
    pkuseg_model:     folder with the pkuseg model (default: the ``govnews-nlp download pkuseg`` cache).
    patterns_dir:     a folder of patterns files to use instead of the packaged ones: every
                      component's files; the normalizer's (``junk.jsonl`` …) when the folder
                      holds any of them, else the packaged ones.
    component_config: per-component config overrides, ``{"govnews_slogans": {...}}``.
    max_length:       longest text accepted, in characters (spaCy's default is 1,000,000).
    entities:         end with the entity step (``govnews_entities``) that merges the components'
                      span groups into ``doc.ents``, also when ``components`` leaves it out.
    """
    from . import extensions  # noqa: F401 - registers Doc/Span extensions

    nlp = spacy.blank("zh", config=build_config(segmenter, disable_steps, keep_width))
    nlp.max_length = max_length
    wanted = list(COMPONENTS if components is None else components)
    if entities and ENTITIES not in wanted:
        wanted.append(ENTITIES)
    unknown = [c for c in wanted if c not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown component(s) {unknown}; known: {', '.join(COMPONENTS)}")
    for name in wanted:
        if not Language.has_factory(name):
            raise ValueError(f"component factory {name!r} is not registered: is govnews-nlp installed?")
        nlp.add_pipe(name, config=(component_config or {}).get(name, {}))
    init_cfg: Dict[str, Any] = {"tokenizer": {"pkuseg_model": pkuseg_model}}
    if patterns_dir:  # the components' rules, and the normalizer's tables if the folder has them
        from .normalize.tables import FILES as NORMALIZER_FILES

        if any((Path(patterns_dir) / name).exists() for name in NORMALIZER_FILES):
            init_cfg["tokenizer"]["patterns_dir"] = patterns_dir
        init_cfg["components"] = {name: {"patterns_dir": patterns_dir} for name in wanted if name in RULE_COMPONENTS}
    nlp.config["initialize"]["tokenizer"] = init_cfg["tokenizer"]
    if "components" in init_cfg:
        nlp.config["initialize"]["components"] = init_cfg["components"]
    nlp.initialize()
    return nlp
