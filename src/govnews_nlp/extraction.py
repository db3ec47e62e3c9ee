"""``extract()``: texts in, records out, one record per input, in input order, failures isolated.

Three ways to run the same per-chunk function (:func:`process_chunk`):

* in this process (``n_process=1``, the default);
* in a pool of local worker processes (``n_process=N``), each holding its own pipeline;
* on a Dask cluster (``client=dask.distributed.Client(...)``), see :mod:`govnews_nlp.distributed`.

Work is sent in chunks of ``batch_size`` articles with a bounded number of chunks in flight, so
the input is streamed (a corpus need not fit in memory) while every worker stays busy. Workers
return records (small dicts), not Docs: much less to pickle than ``nlp.pipe(n_process=N)``
sending whole Docs back.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.language import Language

from .inputs import Article
from .records import error_record, to_record

TextOrPair = Union[str, Tuple[str, str], Article]

#: Articles per chunk sent to a worker: big enough that pickling and queueing cost little next to
#: the work (~5 ms an article), small enough that 2 workers get even shares of a short run.
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class Job:
    """One article as sent to a worker (picklable, small)."""

    id: Optional[str]
    text: Any
    source: Optional[str] = None
    encoding: Optional[str] = None
    error: Optional[str] = None


def to_jobs(items: Iterable[TextOrPair]) -> Iterator[Job]:
    """Texts get ids ``"0"``, ``"1"``, … by position; pairs and :class:`Article` keep theirs."""
    for n, item in enumerate(items):
        if isinstance(item, Article):
            yield Job(item.id, item.text, item.source, item.encoding, item.error)
        elif isinstance(item, Job):
            yield item
        elif isinstance(item, tuple) and len(item) == 2:
            yield Job(None if item[0] is None else str(item[0]), item[1])
        else:
            yield Job(str(n), item)


def process_one(nlp: Language, job: Job, max_chars: Optional[int] = None) -> Dict[str, Any]:
    """The record of one article; never raises (except for ``KeyboardInterrupt``/``SystemExit``)."""
    seg = getattr(nlp.tokenizer, "segmenter", None)
    seg = seg if isinstance(seg, str) else None
    kw = {"source": job.source, "encoding": job.encoding}
    if job.error:
        return error_record(job.id, job.error, segmenter=seg, **kw)
    text = job.text
    if isinstance(text, bytes):
        from .inputs import decode_bytes

        try:
            text, kw["encoding"] = decode_bytes(text)
        except UnicodeDecodeError as err:
            return error_record(job.id, f"cannot decode: {err.reason}", segmenter=seg, **kw)
    if not isinstance(text, str):
        return error_record(job.id, f"TypeError: text must be str, not {type(text).__name__}", segmenter=seg, **kw)
    limit = nlp.max_length if max_chars is None else max_chars
    if len(text) > limit:
        return error_record(job.id, f"article too long: {len(text):,} characters (limit {limit:,}; "
                            "raise it with max_chars / --max-chars)", segmenter=seg, **kw)
    try:
        doc = nlp(text)
        return to_record(doc, job.id, **kw)
    except Exception as err:  # one bad article must not stop the batch
        return error_record(job.id, f"{type(err).__name__}: {err}", segmenter=seg, **kw)


def process_chunk(nlp: Language, jobs: List[Job], max_chars: Optional[int] = None) -> List[Dict[str, Any]]:
    return [process_one(nlp, job, max_chars) for job in jobs]


def chunked(jobs: Iterable[Job], size: int) -> Iterator[List[Job]]:
    chunk: List[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- what a worker needs to build the pipeline ---------------------------------------------------
@dataclass
class PipelineSpec:
    """How a worker gets its pipeline: ``load(**load_kwargs)``, or a serialized custom pipeline.

    Serialization goes through ``nlp.config`` and ``nlp.to_bytes()`` (spaCy's own, no pickle of
    the Language), so any pipeline whose components serialize works, including a pkuseg model.
    """

    load_kwargs: Optional[Dict[str, Any]] = None
    config: Optional[str] = None
    data: Optional[bytes] = None
    key: str = field(default="")

    @classmethod
    def from_nlp(cls, nlp: Language) -> PipelineSpec:
        import hashlib

        data = nlp.to_bytes()
        cfg = nlp.config.to_str()
        return cls(config=cfg, data=data, key=hashlib.sha1(cfg.encode() + data).hexdigest())

    @classmethod
    def from_kwargs(cls, **load_kwargs: Any) -> PipelineSpec:
        return cls(load_kwargs=dict(load_kwargs), key=repr(sorted(load_kwargs.items())))

    def build(self) -> Language:
        if self.load_kwargs is not None:
            from .pipeline import load

            return load(**self.load_kwargs)
        from spacy.util import load_model_from_config
        from thinc.api import Config

        nlp = load_model_from_config(Config().from_str(self.config or ""), auto_fill=True)
        return nlp.from_bytes(self.data or b"")


# -- local worker processes ------------------------------------------------------------------------
_WORKER: Dict[str, Any] = {}


def _worker_init(spec: Optional[PipelineSpec]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # A forked worker inherits the parent's Python handlers: the CLI's stop flag on SIGTERM would make
    # pool.terminate() (which sends SIGTERM) only set a flag in the worker, and pool.join() wait forever.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if spec is not None:  # with fork the parent's pipeline is inherited as is
        _WORKER["nlp"] = spec.build()


def _worker_chunk(jobs: List[Job], max_chars: Optional[int]) -> List[Dict[str, Any]]:
    return process_chunk(_WORKER["nlp"], jobs, max_chars)


def _mp_context(name: Optional[str]):
    if name:
        return multiprocessing.get_context(name)
    # fork shares the loaded pipeline at no cost; elsewhere (macOS, Windows) spawn is the safe default
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _spec(nlp: Optional[Language], load_kwargs: Dict[str, Any]) -> PipelineSpec:
    return PipelineSpec.from_nlp(nlp) if nlp is not None else PipelineSpec.from_kwargs(**load_kwargs)


def _run_pool(
    chunks: Iterator[List[Job]],
    n_process: int,
    nlp: Optional[Language],
    load_kwargs: Dict[str, Any],
    max_chars: Optional[int],
    start_method: Optional[str],
) -> Iterator[Dict[str, Any]]:
    ctx = _mp_context(start_method)
    forked = ctx.get_start_method() == "fork"
    if forked:  # the workers inherit the loaded pipeline: nothing to serialize or reload
        if nlp is None:
            from .pipeline import load

            nlp = load(**load_kwargs)
        _WORKER["nlp"] = nlp
        init_spec: Optional[PipelineSpec] = None
        import gc

        gc.freeze()  # keep the inherited pipeline's pages shared: no copy-on-write from the GC touching them
    else:
        init_spec = _spec(nlp, load_kwargs)
    pool = ctx.Pool(n_process, initializer=_worker_init, initargs=(init_spec,))
    pending: Deque[Any] = deque()
    ok = False
    try:
        for chunk in chunks:
            pending.append(pool.apply_async(_worker_chunk, (chunk, max_chars)))
            while len(pending) > 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        ok = True
    finally:
        if ok:
            pool.close()
        else:
            pool.terminate()
        pool.join()
        _WORKER.pop("nlp", None)
        if forked:
            import gc

            gc.unfreeze()


def extract(
    texts_or_pairs: Iterable[TextOrPair],
    nlp: Optional[Language] = None,
    *,
    segmenter: str = "char",
    batch_size: Optional[int] = None,
    n_process: int = 1,
    client: Any = None,
    max_chars: Optional[int] = None,
    start_method: Optional[str] = None,
    **load_kwargs: Any,
) -> Iterator[Dict[str, Any]]:
    """Records for texts (ids ``"0"``, ``"1"``, …), ``(id, text)`` pairs or :class:`~govnews_nlp.inputs.Article`
    items, one per input, in input order.

    nlp:        a pipeline (default: ``govnews_nlp.load(segmenter, **load_kwargs)``).
    batch_size: articles per chunk sent to a worker (default :data:`DEFAULT_BATCH_SIZE`).
    n_process:  local worker processes (``-1``: one per CPU).
    client:     a ``dask.distributed.Client``: run on its cluster instead (``n_process`` is ignored).
    max_chars:  longer articles become error records (default: ``nlp.max_length``).

    An input that is not text, cannot be decoded, is too long, or makes the pipeline fail yields
    a record with ``error`` set and empty lists; the run goes on.
    """
    if n_process < 0:
        n_process = os.cpu_count() or 1
    jobs = to_jobs(texts_or_pairs)
    if client is not None or n_process > 1:
        kwargs = {"segmenter": segmenter, **load_kwargs}
        chunks = chunked(jobs, max(1, batch_size or DEFAULT_BATCH_SIZE))
        if client is not None:
            from .distributed import run_on_client

            yield from run_on_client(client, chunks, _spec(nlp, kwargs), max_chars)
        else:
            yield from _run_pool(chunks, n_process, nlp, kwargs, max_chars, start_method)
        return
    if nlp is None:
        from .pipeline import load

        nlp = load(segmenter, **load_kwargs)
    for job in jobs:
        yield process_one(nlp, job, max_chars)
