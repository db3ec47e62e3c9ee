"""``extract()``: texts in, records out, one record per input, failures isolated."""

from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, Optional, Tuple, Union

from spacy.language import Language

from .records import error_record, to_record

TextOrPair = Union[str, Tuple[str, str]]


def _pairs(items: Iterable[TextOrPair]) -> Iterator[Tuple[str, Any]]:
    for n, item in enumerate(items):
        if isinstance(item, tuple) and len(item) == 2:
            yield str(item[0]), item[1]
        else:
            yield str(n), item


def extract(
    texts_or_pairs: Iterable[TextOrPair],
    nlp: Optional[Language] = None,
    *,
    batch_size: int = 32,
) -> Iterator[Dict[str, Any]]:
    """Records for texts (ids ``"0"``, ``"1"``, …) or ``(id, text)`` pairs, in input order.

    A text that is not a string, or that makes the pipeline fail, yields a record with
    ``error`` set; the batch goes on.
    """
    if nlp is None:
        from .pipeline import load

        nlp = load()
    batch: list = []
    for pair in _pairs(texts_or_pairs):
        batch.append(pair)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch)


def _run_batch(nlp: Language, batch: list) -> Iterator[Dict[str, Any]]:
    good = [k for k, (_, t) in enumerate(batch) if isinstance(t, str)]
    results: Dict[int, Any] = {}
    try:
        for k, doc in zip(good, nlp.pipe(batch[k][1] for k in good)):
            results[k] = doc
    except Exception:  # one bad article: redo this batch one by one to isolate it
        results = {}
        for k in good:
            try:
                results[k] = nlp(batch[k][1])
            except Exception as err:
                results[k] = err
    for k, (aid, text) in enumerate(batch):
        if not isinstance(text, str):
            yield error_record(aid, f"TypeError: text must be str, not {type(text).__name__}")
        elif isinstance(results.get(k), Exception):
            err = results[k]
            yield error_record(aid, f"{type(err).__name__}: {err}")
        else:
            yield to_record(results[k], aid)
