"""Dask over mutual TLS: a loopback cluster with a throwaway CA, reached by ``extract --scheduler tls://``.

The certificates are made here with ``cryptography`` (what ``Security.temporary()`` uses too):
one CA, one certificate it signs for the cluster and the client, and a stranger's CA and
certificate that the cluster must refuse.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govnews_nlp
from govnews_nlp.cli import app

distributed = pytest.importorskip("dask.distributed")
pytest.importorskip("cryptography")

GOOD = "7月15日,市委副书记、市长鞠振调研我市重点工程项目。"


def _pem_pair(tmp: Path, stem: str, issuer_key=None, issuer_name=None, ca: bool = False):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"govnews-test-{stem}")])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name or name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    (tmp / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp / f"{stem}.key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                        serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    return key, name


@pytest.fixture(scope="module")
def certs(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("tls")
    ca_key, ca_name = _pem_pair(tmp, "ca", ca=True)
    _pem_pair(tmp, "node", issuer_key=ca_key, issuer_name=ca_name)
    other_key, other_name = _pem_pair(tmp, "other-ca", ca=True)
    _pem_pair(tmp, "stranger", issuer_key=other_key, issuer_name=other_name)
    return tmp


@pytest.fixture(scope="module")
def tls_cluster(certs):
    from distributed.security import Security

    node, key, ca = str(certs / "node.pem"), str(certs / "node.key"), str(certs / "ca.pem")
    sec = Security(tls_ca_file=ca, tls_scheduler_cert=node, tls_scheduler_key=key, tls_worker_cert=node,
                   tls_worker_key=key, tls_client_cert=node, tls_client_key=key, require_encryption=True)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tls://",
                                  host="127.0.0.1", security=sec, dashboard_address=None, silence_logs=50) as cl:
        assert cl.scheduler_address.startswith("tls://127.0.0.1:")
        yield cl


def _input(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    lines = [{"id": f"x{i}", "text": GOOD} for i in range(5)] + [{"id": "empty", "text": ""}, {"id": "bad", "text": 7}]
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return src


def _run(args):
    return CliRunner().invoke(app, ["extract", *map(str, args), "-q", "--batch-size", "2"], catch_exceptions=False)


def _records(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _flags(certs: Path):
    return ["--tls-ca-file", certs / "ca.pem", "--tls-cert", certs / "node.pem", "--tls-key", certs / "node.key"]


def _security_file(certs: Path, tmp_path: Path) -> list:
    conf = certs / "security.yaml"  # relative paths are read from the file's folder
    conf.write_text("tls_ca_file: ca.pem\ntls_client_cert: node.pem\nkey: node.key\n")
    return ["--security", conf]


@pytest.mark.parametrize("how", [_flags, None], ids=["tls-options", "security-file"])
def test_extract_over_tls_gives_the_local_records(tls_cluster, certs, tmp_path, how):
    src = _input(tmp_path)
    local = tmp_path / "local.jsonl"
    assert _run([src, "-o", local, "--no-fail-on-error"]).exit_code == 0
    remote = tmp_path / "tls.jsonl"
    sec_args = how(certs) if how else _security_file(certs, tmp_path)
    result = _run([src, "-o", remote, "--no-fail-on-error", "--scheduler", tls_cluster.scheduler_address, *sec_args])
    assert result.exit_code == 0, result.stderr
    assert "plain TCP" not in result.stderr
    assert _records(remote) == _records(local) and len(_records(local)) == 7


@pytest.mark.parametrize("args, message", [
    (lambda c, t: [], "is a TLS scheduler: give the client's certificates with --tls-ca-file"),
    (lambda c, t: ["--tls-ca-file", c / "ca.pem"], "TLS needs the cluster's CA certificate and a client certificate"),
    (lambda c, t: ["--tls-ca-file", c / "ca.pem", "--tls-cert", t / "missing.pem"], "tls_client_cert: no such file"),
    (lambda c, t: ["--security", t / "nope.yaml"], "cannot read the security file"),
])
def test_a_tls_address_without_usable_security_is_a_clear_error(tls_cluster, certs, tmp_path, args, message):
    out = tmp_path / "o.jsonl"
    result = _run([_input(tmp_path), "-o", out, "--scheduler", tls_cluster.scheduler_address, *args(certs, tmp_path)])
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert _records(out) == []  # nothing half-written


def test_security_with_a_plain_tcp_address_is_refused(certs, tmp_path):
    result = _run([_input(tmp_path), "-o", tmp_path / "o.jsonl", "--scheduler", "tcp://127.0.0.1:1", *_flags(certs)])
    assert result.exit_code == 2 and "is not tls://" in result.stderr


def test_tls_options_without_a_scheduler_are_refused(certs, tmp_path):
    result = _run([_input(tmp_path), "-o", tmp_path / "o.jsonl", *_flags(certs)])
    assert result.exit_code == 2 and "are for --scheduler tls://" in result.stderr


def test_a_certificate_from_another_ca_is_refused_by_the_cluster(tls_cluster, certs):
    import dask

    from govnews_nlp.distributed import connect, make_security

    sec = make_security(certs / "other-ca.pem", certs / "stranger.pem", certs / "stranger.key")
    with dask.config.set({"distributed.comm.timeouts.connect": "5s"}), pytest.raises(OSError):
        connect(tls_cluster.scheduler_address, sec, timeout="5s")


def test_the_python_api_over_tls(tls_cluster, certs, nlp, seed_texts):
    from govnews_nlp.distributed import connect, make_security

    items = list(seed_texts.items())
    with connect(tls_cluster.scheduler_address, make_security(certs / "ca.pem", certs / "node.pem",
                                                              certs / "node.key")) as client:
        assert list(govnews_nlp.extract(items, client=client, batch_size=2)) == list(govnews_nlp.extract(items, nlp))


def test_a_plain_tcp_scheduler_gets_a_warning(tmp_path):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  host="127.0.0.1", dashboard_address=None, silence_logs=50) as cl:
        address = cl.scheduler_address
        result = _run([_input(tmp_path), "-o", tmp_path / "o.jsonl", "--no-fail-on-error", "--scheduler", address])
    assert result.exit_code == 0, result.stderr
    assert f"warning: {address} is plain TCP" in result.stderr
