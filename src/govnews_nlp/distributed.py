"""The Dask route: the same per-chunk extraction, run on a ``dask.distributed`` cluster.

Each worker builds the pipeline once and keeps it (keyed by the pipeline spec), so a task costs
only its articles. A custom pipeline is shipped once per worker with ``client.scatter(...,
broadcast=True)``; the default one is rebuilt on the worker from its load arguments. Chunks are
submitted with a bounded number in flight and collected in submission order, so the records come
back in input order and the input streams through (it is never all on the scheduler at once).
Any cluster a ``Client`` can reach works the same: ``LocalCluster``, dask-jobqueue (Slurm, PBS),
dask-kubernetes (docs/cluster.md). :func:`connect` takes a ``Security`` (mutual TLS) built by
:func:`make_security` from the ``--tls-*`` options or a ``--security`` file, because a plain
``tcp://`` scheduler lets anyone who reaches it run code on the cluster.
"""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path
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


class SchedulerSecurityError(ValueError):
    """A scheduler address and a security configuration that do not go together."""


#: The client-side fields of ``distributed.security.Security`` a ``--security`` file may set.
SECURITY_FIELDS = ("tls_ca_file", "tls_client_cert", "tls_client_key", "tls_ciphers")
_FILE_FIELDS = SECURITY_FIELDS[:3]


def read_security_file(path: Path) -> Dict[str, Any]:
    """The fields of a YAML (or JSON) file naming the client's TLS files; relative paths are from its folder.

    ``tls_ca_file``, ``tls_client_cert``, ``tls_client_key`` are the names ``Security`` takes (and
    ``dask scheduler --tls-*`` documents); ``ca_file``/``cert``/``key`` are accepted as short forms.
    """
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise SchedulerSecurityError(f"cannot read the security file {path}: {err}") from None
    if not isinstance(data, dict):
        raise SchedulerSecurityError(f"{path} must hold a mapping such as tls_ca_file: ca.pem")
    aliases = {"ca_file": "tls_ca_file", "cert": "tls_client_cert", "key": "tls_client_key"}
    fields = {aliases.get(k, k): v for k, v in data.items()}
    unknown = sorted(set(fields) - set(SECURITY_FIELDS))
    if unknown:
        raise SchedulerSecurityError(f"{path}: unknown field(s) {unknown}; known: {', '.join(SECURITY_FIELDS)}")
    for key in _FILE_FIELDS:
        if fields.get(key) is not None:
            fields[key] = str((path.parent / str(fields[key])).expanduser())
    return fields


def make_security(
    tls_ca_file: Optional[Path] = None,
    tls_cert: Optional[Path] = None,
    tls_key: Optional[Path] = None,
    security_file: Optional[Path] = None,
):
    """A ``distributed.security.Security`` for a client from files (options override the file); None if none given.

    Dask's TLS is mutual: the client shows a certificate signed by the cluster's CA and checks the
    scheduler's against it, so a CA file and a certificate (with its key, or a PEM holding both)
    are needed. Encryption is required: the connection never falls back to plain TCP.
    """
    fields: Dict[str, Any] = read_security_file(security_file) if security_file else {}
    for key, value in (("tls_ca_file", tls_ca_file), ("tls_client_cert", tls_cert), ("tls_client_key", tls_key)):
        if value is not None:
            fields[key] = str(value)
    if not fields:
        return None
    if not fields.get("tls_ca_file") or not fields.get("tls_client_cert"):
        raise SchedulerSecurityError("TLS needs the cluster's CA certificate and a client certificate: "
                                     "--tls-ca-file CA.pem --tls-cert CERT.pem [--tls-key KEY.pem]")
    for key in _FILE_FIELDS:
        if fields.get(key) and not Path(fields[key]).is_file():
            raise SchedulerSecurityError(f"{key}: no such file {fields[key]}")
    from distributed.security import Security

    return Security(require_encryption=True, **fields)


def connect(address: str, security: Any = None, **client_kwargs: Any):
    """A ``Client`` for a scheduler address — what ``--scheduler`` uses.

    ``tls://`` needs ``security`` (see :func:`make_security`) unless Dask's own configuration
    (``distributed.comm.tls.*``) names the client's certificate; a ``security`` with a ``tcp://``
    address is refused rather than silently unused. Plain ``tcp://`` is unencrypted and
    unauthenticated and Dask unpickles what it receives: only on a private network (docs/cluster.md).
    """
    from dask.distributed import Client
    from distributed.security import Security

    scheme = address.split("://", 1)[0] if "://" in address else "tcp"
    if security is not None and scheme != "tls":
        raise SchedulerSecurityError(f"TLS files were given but the scheduler address {address} is not tls://; "
                                     "use tls://HOST:PORT (the scheduler must be started with TLS)")
    if scheme == "tls" and security is None:
        configured = Security()
        if not (configured.tls_ca_file and configured.tls_client_cert):
            raise SchedulerSecurityError(
                f"{address} is a TLS scheduler: give the client's certificates with --tls-ca-file, --tls-cert "
                "and --tls-key, or --security FILE (see docs/cluster.md)")
        security = configured
    return Client(address, security=security, **client_kwargs)


def insecure_warning(address: str) -> Optional[str]:
    """The warning for a plain-TCP scheduler address (None for TLS and in-process ones)."""
    if address.startswith("tls://") or address.startswith("inproc://"):
        return None
    return (f"warning: {address} is plain TCP: no encryption, no authentication, and the Dask protocol unpickles "
            "what it receives. Use it only on a private network; see docs/cluster.md for TLS.")
