"""The normalizing tokenizer: normalize, then segment, then build the Doc on the clean text.

Normalization has to happen before word segmentation (a segmenter fed ``產(chǎn)業`` segments
garbage), so it lives in the tokenizer slot. Segmentation itself is delegated to spaCy's own
:class:`spacy.lang.zh.ChineseTokenizer`, which already handles ``char``, ``jieba`` and ``pkuseg``
and knows how to save a pkuseg model with the pipeline. This class adds the normalizer, keeps
the raw text and the offset map on the Doc, and marks credits and the headline.

Config::

    [nlp.tokenizer]
    @tokenizers = "govnews_nlp.NormalizingTokenizer.v1"
    segmenter = "char"          # char | jieba | pkuseg
    disable = []                # normalizer steps to skip
    keep_width = false          # keep half-width punctuation between Chinese text

    [initialize.tokenizer]
    pkuseg_model = null         # default: the model of `govnews-nlp download pkuseg`
    patterns_dir = null         # the normalizer's tables (default: the packaged patterns/)

The normalizer's tables travel with the pipeline: ``to_disk`` writes them to
``tokenizer/normalizer_tables/`` (``to_bytes`` carries their text), and ``from_disk``/``from_bytes``
read them back, so a loaded pipeline normalizes as the saved one did, whatever is packaged now.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import srsly
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, ensure_path, registry
from spacy.vocab import Vocab

from . import extensions as ext
from .normalize import STEP_NAMES, Normalized, normalize
from .normalize.tables import Tables, default_tables
from .segmenters import Segmenter, quiet_jieba, require_pkuseg_model
from .spans import make_spans

CREDITS_GROUP = "credits"
#: Where ``to_disk`` writes the normalizer's tables (the files of ``normalize.tables.FILES``).
TABLES_DIR = "normalizer_tables"


@registry.tokenizers("govnews_nlp.NormalizingTokenizer.v1")
def create_normalizing_tokenizer(
    segmenter: str = "char",
    disable: List[str] = [],  # noqa: B006 - spaCy config defaults are read-only lists
    keep_width: bool = False,
) -> Callable[[Language], NormalizingTokenizer]:
    """Registered factory: ``@tokenizers = "govnews_nlp.NormalizingTokenizer.v1"``."""

    def tokenizer_factory(nlp: Language) -> NormalizingTokenizer:
        declare_requirement(nlp, segmenter)
        return NormalizingTokenizer(nlp.vocab, segmenter=segmenter, disable=disable, keep_width=keep_width)

    return tokenizer_factory


#: the extra of govnews-nlp each segmenter needs (``char`` needs none)
SEGMENTER_EXTRAS = {"jieba": "jieba", "pkuseg": "pkuseg"}


def declare_requirement(nlp: Language, segmenter: str) -> None:
    """Put ``govnews-nlp[EXTRA]>=X.Y.Z,<X.Y+1.0`` into ``nlp.meta["requirements"]``.

    ``spacy package`` copies a pipeline's meta requirements into the package it builds (and adds
    no second one for a distribution already named there), so a packaged pipeline installs the
    library and, for jieba or pkuseg, the segmenter it needs: without it, ``spacy.load`` of the
    installed package fails with E893 (``govnews_nlp.NormalizingTokenizer.v1`` unknown).
    """
    from .about import __version__

    major, minor = (int(x) for x in __version__.split(".")[:2])
    extra = SEGMENTER_EXTRAS.get(segmenter)
    req = f"govnews-nlp{f'[{extra}]' if extra else ''}>={__version__},<{major}.{minor + 1}.0"
    reqs = [r for r in nlp.meta.get("requirements", []) if not r.startswith("govnews-nlp")]
    nlp.meta["requirements"] = [*reqs, req]


def words_and_spaces(words: List[str], text: str) -> Tuple[List[str], List[bool]]:
    """Linear-time equivalent of ``spacy.util.get_words_and_spaces`` (same output).

    Whitespace-only words are dropped and re-derived from the text: one space after a word
    becomes that token's trailing space, any other whitespace becomes a token of its own.
    """
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError("the segmenter's words do not match the text (spaCy error E194)")
    out_words: List[str] = []
    out_spaces: List[bool] = []
    pos = 0
    n = len(text)
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"the segmenter's word {word!r} is not in the text after position {pos}")
        if start > pos:
            out_words.append(text[pos:start])
            out_spaces.append(False)
        out_words.append(word)
        pos = start + len(word)
        if pos < n and text[pos] == " ":
            out_spaces.append(True)
            pos += 1
        else:
            out_spaces.append(False)
    if pos < n:
        out_words.append(text[pos:])
        out_spaces.append(False)
    return out_words, out_spaces


_WHITESPACE_RUN = re.compile(r"\s+")


def char_words_and_spaces(text: str) -> Tuple[List[str], List[bool]]:
    """:func:`words_and_spaces` for the ``char`` segmenter (one word per character), without a
    Python step per character: the stretches between whitespace runs are split by ``list``, and
    only the runs are looked at. As there, a single space after a character is that token's
    trailing space, and any other whitespace (the rest of the run) is a token of its own."""
    words: List[str] = []
    spaces: List[bool] = []
    pos = 0
    for m in _WHITESPACE_RUN.finditer(text):
        start, end = m.span()
        if start > pos:
            words += text[pos:start]
            spaces += [False] * (start - pos)
            if text[start] == " ":
                spaces[-1] = True
                start += 1
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    if pos < len(text):
        words += text[pos:]
        spaces += [False] * (len(text) - pos)
    return words, spaces


class NormalizingTokenizer(DummyTokenizer):
    def __init__(
        self,
        vocab: Vocab,
        segmenter: str = "char",
        disable: Iterable[str] = (),
        keep_width: bool = False,
    ) -> None:
        seg = segmenter.value if isinstance(segmenter, Segmenter) else str(segmenter)
        if seg not in Segmenter.__members__:
            raise ValueError(f"unknown segmenter {segmenter!r}; choose one of: char, jieba, pkuseg")
        unknown = set(disable) - set(STEP_NAMES)
        if unknown:
            raise ValueError(f"unknown normalizer step(s) {sorted(unknown)}; known: {', '.join(STEP_NAMES)}")
        self.vocab = vocab
        self.segmenter = seg
        self.disable = list(disable)
        self.keep_width = bool(keep_width)
        self.tables: Tables = default_tables()  # read lazily: nothing until the first text needs it
        self.seg_tokenizer = self._new_segmenter()

    def _new_segmenter(self) -> ChineseTokenizer:
        if self.segmenter == Segmenter.jieba:
            quiet_jieba()
        return ChineseTokenizer(self.vocab, segmenter=self.segmenter)

    # -- the work -------------------------------------------------------------------------------
    def normalize(self, text: str) -> Normalized:
        return normalize(text, disable=self.disable, options={"keep_width": self.keep_width}, tables=self.tables)

    def __call__(self, text: str) -> Doc:
        if not isinstance(text, str):
            raise TypeError(f"the tokenizer's argument 'text' must be str, not {type(text).__name__}")
        norm = self.normalize(text)
        if self.segmenter == Segmenter.pkuseg and self.seg_tokenizer.pkuseg_seg is None:
            raise ValueError(
                "The pkuseg segmenter has no model loaded: call nlp.initialize() (it loads the model of "
                "`govnews-nlp download pkuseg`), or use govnews_nlp.load(segmenter='pkuseg')."
            )
        doc = self._segment(norm.text) if norm.text else Doc(self.vocab, words=[])
        self._annotate(doc, norm)
        return doc

    def _segment(self, text: str) -> Doc:
        """Segment with the loaded segmenter; same tokens as ``ChineseTokenizer.__call__``.

        spaCy's ``ChineseTokenizer`` aligns words to the text with ``util.get_words_and_spaces``,
        which slices the remaining text once per word: quadratic, minutes for a 10 MB article.
        :func:`words_and_spaces` gives the same result in linear time.
        """
        seg = self.seg_tokenizer
        if self.segmenter == Segmenter.jieba:
            words, spaces = words_and_spaces([w for w in seg.jieba_seg.cut(text, cut_all=False) if w], text)
        elif self.segmenter == Segmenter.pkuseg:
            words, spaces = words_and_spaces(seg.pkuseg_seg.cut(text), text)
        else:
            words, spaces = char_words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _annotate(self, doc: Doc, norm: Normalized) -> None:
        doc.user_data[ext.RAW_KEY] = norm.raw
        doc.user_data[ext.TEXT_KEY] = norm.text  # see extensions.doc_text
        doc.user_data[ext.SEGMENTER_KEY] = self.segmenter
        if not norm.offset_map.is_identity:
            doc.user_data[ext.MAP_KEY] = norm.offset_map.to_list()
        doc.user_data[ext.REPORT_KEY] = norm.report.to_dict()
        if norm.headline:
            doc.user_data[ext.HEADLINE_KEY] = list(norm.headline)
        if norm.credits:
            spans = make_spans(doc, [(c.start, c.end, c.role) for c in norm.credits])
            doc.spans[CREDITS_GROUP] = spans
            doc.user_data["govnews_nlp.credits"] = [c.to_dict() for c in norm.credits]
        else:
            doc.spans[CREDITS_GROUP] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # -- initialization and serialization -------------------------------------------------------
    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Any]]] = None,
        *,
        nlp: Optional[Language] = None,
        pkuseg_model: Optional[str] = None,
        pkuseg_user_dict: Optional[str] = "default",
        patterns_dir: Optional[str] = None,
    ) -> None:
        """Load the pkuseg model (if that is the segmenter): ``pkuseg_model`` or the cached one;
        use the normalizer tables of ``patterns_dir`` (validated now: errors name file:line),
        or keep the ones the tokenizer holds (packaged, or read from a saved pipeline).

        A tokenizer that already holds a model (read by ``spacy.load`` from a saved pipeline) keeps
        it when no ``pkuseg_model`` is named: re-initializing must not demand the download cache.
        """
        if patterns_dir is not None:
            self.tables = Tables.from_dir(patterns_dir)
        if self.segmenter == Segmenter.pkuseg:
            if pkuseg_model is None and self.seg_tokenizer.pkuseg_seg is not None:
                return
            model = require_pkuseg_model(pkuseg_model)
            self.seg_tokenizer.initialize(get_examples, nlp=nlp, pkuseg_model=model,
                                          pkuseg_user_dict=pkuseg_user_dict)

    def _get_config(self) -> Dict[str, Any]:
        return {"segmenter": self.segmenter, "disable": self.disable, "keep_width": self.keep_width}

    def _set_config(self, cfg: Dict[str, Any]) -> None:
        self.segmenter = cfg.get("segmenter", self.segmenter)
        self.disable = list(cfg.get("disable", self.disable))
        self.keep_width = bool(cfg.get("keep_width", self.keep_width))

    def to_bytes(self, **kwargs: Any) -> bytes:
        return srsly.msgpack_dumps({"cfg": self._get_config(), "segmenter": self.seg_tokenizer.to_bytes(),
                                    "tables": self.tables.texts()})

    def from_bytes(self, data: bytes, **kwargs: Any) -> NormalizingTokenizer:
        msg = srsly.msgpack_loads(data)
        self._set_config(msg["cfg"])
        self.seg_tokenizer = self._new_segmenter()
        self.seg_tokenizer.from_bytes(msg["segmenter"])
        if "tables" in msg:  # pipelines saved before the tables travelled use the packaged ones
            self.tables = Tables(texts=msg["tables"])
            self.tables.validate()
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.seg_tokenizer.to_disk(path / "segmenter")
        srsly.write_json(path / "normalizer.json", self._get_config())
        self.tables.to_disk(path / TABLES_DIR)

    def from_disk(self, path: Any, **kwargs: Any) -> NormalizingTokenizer:
        path = Path(ensure_path(path))
        cfg_path = path / "normalizer.json"
        if cfg_path.exists():
            self._set_config(srsly.read_json(cfg_path))
        self.seg_tokenizer = self._new_segmenter()
        if (path / "segmenter").exists():
            self.seg_tokenizer.from_disk(path / "segmenter")
        if (path / TABLES_DIR).is_dir():  # older saved pipelines: the packaged tables
            self.tables = Tables.from_dir(path / TABLES_DIR)
        return self
