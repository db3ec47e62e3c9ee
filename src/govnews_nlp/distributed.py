"""The Dask route: the same per-chunk extraction, run on a ``dask.distributed`` cluster.

Each worker builds the pipeline once and keeps it (keyed by the pipeline spec), so a task costs
only its articles. A custom pipeline is shipped once per worker with ``client.scatter(...,
broadcast=True)``; the default one is rebuilt on the worker from its load arguments. Chunks are
submitted with a bounded number in flight and collected in submission order, so the records come
back in input order and the input streams through (it is never all on the scheduler at once).
Any cluster a ``Client`` can reach works the same: ``LocalCluster``, dask-jobqueue (Slurm, PBS),
dask-kubernetes (docs/cluster.md).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional

from .extraction import Job, PipelineSpec, process_chunk

_PIPELINES: Dict[str, Any] = {}
_LOCK = threading.Lock()  # a Dask worker runs tasks in threads: build each pipeline once


def _pipeline(spec: PipelineSpec):
    nlp = _PIPELINES.get(spec.key)
    if nlp is None:
        with _LOCK:
            nlp = _PIPELINES.get(spec.key)
            if nlp is None:
                nlp = _PIPELINES[spec.key] = spec.build()
    return nlp


def dask_chunk(spec: PipelineSpec, jobs: List[Job], max_chars: Optional[int] = None) -> List[Dict[str, Any]]:
    """Task body: the records of one chunk, on whichever worker runs it."""
    return process_chunk(_pipeline(spec), jobs, max_chars)


def _n_workers(client: Any) -> int:
    try:
        return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    except Exception:
        return 1


def run_on_client(
    client: Any,
    chunks: Iterable[List[Job]],
    spec: PipelineSpec,
    max_chars: Optional[int] = None,
    in_flight: Optional[int] = None,
) -> Iterator[Dict[str, Any]]:
    """Records of every chunk, in order, computed on ``client``'s cluster."""
    spec_arg: Any = spec
    if spec.data is not None:  # a serialized pipeline: send it to each worker once, not per task
        spec_arg = client.scatter(spec, broadcast=True, hash=False)
    limit = in_flight or 2 * _n_workers(client) + 2
    pending: Deque[Any] = deque()
    try:
        for chunk in chunks:
            pending.append(client.submit(dask_chunk, spec_arg, chunk, max_chars, pure=False))
            while len(pending) > limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()


def connect(address: str):
    """A ``Client`` for a scheduler address (``tcp://host:8786``) — what ``--scheduler`` uses."""
    from dask.distributed import Client

    return Client(address)
