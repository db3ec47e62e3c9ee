"""``govnews-nlp download pkuseg``: a pinned archive, nothing from it executed, a checked cache.

The tampered-archive, pickle-payload and tampered-cache tests run offline on small stand-ins;
the one real download (from PyPI, ~49 MB) is marked slow.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govnews_nlp import pkuseg_model as pm
from govnews_nlp.cli import app
from govnews_nlp.segmenters import download_pkuseg, require_pkuseg_model

FEATURES = {"unigram": {"中", "国"}, "bigram": {"中国"}, "feature_to_idx": {"c0中": 0, "c1国": 1},
            "tag_to_idx": {"B": 0, "I": 1}}


def _weights() -> bytes:
    buf = io.BytesIO()
    np.savez(buf, sizes=np.array([2, 2]), w=np.zeros(4, dtype=np.float32))
    return buf.getvalue()


def _lookalike_sdist(path: Path, features: bytes) -> Path:
    """A tar.gz with the layout of the real sdist (and a setup.py that must never run)."""
    files = {"pkuseg-0.0.25/setup.py": b"raise SystemExit('setup.py ran')\n",
             "pkuseg-0.0.25/pkuseg/models/default/features.pkl": features,
             "pkuseg-0.0.25/pkuseg/models/default/weights.npz": _weights()}
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def no_subprocess(monkeypatch):
    """Fail the test if anything starts a process (the old code ran pip, which ran setup.py)."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a process was started: {args[:1]}")

    monkeypatch.setattr(subprocess, "Popen", refuse)


# -- the archive is pinned ---------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [
    pytest.param(lambda p: _lookalike_sdist(p, pickle.dumps(FEATURES)), id="same-layout-other-bytes"),
    pytest.param(lambda p: p.write_bytes(b""), id="empty"),
    pytest.param(lambda p: p.write_bytes(os.urandom(4096)), id="random-bytes"),
])
@pytest.mark.parametrize("as_url", [False, True], ids=["path", "file-url"])
def test_a_tampered_archive_fails_on_its_checksum_and_installs_nothing(tmp_path, make, as_url, no_subprocess):
    fake = tmp_path / "pkuseg-0.0.25.tar.gz"
    make(fake)
    source = fake.resolve().as_uri() if as_url else str(fake)
    target = tmp_path / "model"
    with pytest.raises(pm.ModelIntegrityError, match="sha256 .* expected " + pm.SDIST_SHA256):
        download_pkuseg(target, source=source)
    assert sorted(p.name for p in target.iterdir()) == []  # no model, no leftover archive


def test_the_cli_reports_a_tampered_archive(tmp_path, monkeypatch, no_subprocess):
    fake = _lookalike_sdist(tmp_path / "pkuseg-0.0.25.tar.gz", pickle.dumps(FEATURES))
    monkeypatch.setenv(pm.SDIST_ENV, str(fake))
    result = CliRunner().invoke(app, ["download", "pkuseg", "--target", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "is not the pinned pkuseg-0.0.25.tar.gz" in result.stderr and pm.SDIST_SHA256 in result.stderr


def test_convert_refuses_an_unpinned_archive(tmp_path):
    fake = _lookalike_sdist(tmp_path / "x.tar.gz", pickle.dumps(FEATURES))
    with pytest.raises(pm.ModelIntegrityError, match="sha256 mismatch"):
        pm.convert_sdist(fake, tmp_path / "m")
    assert not (tmp_path / "m" / "features.msgpack").exists()


# -- the pickle is read with no globals --------------------------------------------------------------------
def _mark(path: str) -> None:  # what the payloads below try to run
    Path(path).write_text("ran")


class _CallsOut:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (_mark, (self.path,))


class _System:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


class _Plain:  # an ordinary object: pickled as a global class reference + state
    def __init__(self) -> None:
        self.x = 1


@pytest.mark.parametrize("payload", [
    pytest.param(lambda p: _CallsOut(p), id="reduce-to-a-function"),
    pytest.param(lambda p: _System(p), id="reduce-to-os.system"),
    pytest.param(lambda p: {"unigram": [_System(p)]}, id="nested-in-the-features"),
    pytest.param(lambda p: _Plain(), id="class-instance"),
    pytest.param(lambda p: np.arange(3), id="numpy-array"),
])
@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_the_restricted_unpickler_refuses_globals(tmp_path, payload, protocol):
    marker = tmp_path / "ran"
    data = pickle.dumps(payload(str(marker)), protocol=protocol)
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        pm.restricted_load(io.BytesIO(data))
    assert not marker.exists()


def test_a_persistent_id_is_refused():
    class P(pickle.Pickler):
        def persistent_id(self, obj):
            return "x" if obj == "ext" else None

    buf = io.BytesIO()
    P(buf, protocol=2).dump(["ext"])
    with pytest.raises(pickle.UnpicklingError, match="persistent"):
        pm.restricted_load(io.BytesIO(buf.getvalue()))


_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
            | st.binary(max_size=8))
_plain = st.recursive(
    _scalars,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=4), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(value=_plain, protocol=st.sampled_from([3, 4, 5]))  # protocol 2 pickles bytes through a global
def test_plain_data_round_trips_through_the_restricted_unpickler(value, protocol):
    assert pm.restricted_load(io.BytesIO(pickle.dumps(value, protocol=protocol))) == value


def test_a_features_pickle_with_a_payload_is_refused_during_conversion(tmp_path, monkeypatch):
    bad = {**FEATURES, "unigram": [_CallsOut(str(tmp_path / "ran"))]}
    sdist = _lookalike_sdist(tmp_path / "s.tar.gz", pickle.dumps(bad, protocol=4))
    monkeypatch.setattr(pm, "SDIST_SHA256", pm.sha256_file(sdist))  # as if the pinned file itself were bad
    with pytest.raises(pm.ModelIntegrityError, match=r"features\.pkl refused: refusing to load global"):
        pm.convert_sdist(sdist, tmp_path / "m")
    assert not (tmp_path / "ran").exists() and not (tmp_path / "m" / "features.msgpack").exists()


def test_conversion_of_a_plain_features_pickle(tmp_path, monkeypatch, no_subprocess):
    sdist = _lookalike_sdist(tmp_path / "s.tar.gz", pickle.dumps(FEATURES, protocol=4))
    monkeypatch.setattr(pm, "SDIST_SHA256", pm.sha256_file(sdist))
    target = download_pkuseg(tmp_path / "m", source=str(sdist))
    assert sorted(p.name for p in target.iterdir()) == ["checksums.json", "features.msgpack", "weights.npz"]
    feats = srsly.read_msgpack(target / "features.msgpack")
    assert feats == {"unigram": ["中", "国"], "bigram": ["中国"], "feature_to_idx": FEATURES["feature_to_idx"],
                     "tag_to_idx": FEATURES["tag_to_idx"]}
    assert require_pkuseg_model(str(target)) == str(target)


# -- the converted cache is checked at load ----------------------------------------------------------------
@pytest.fixture
def model(tmp_path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    srsly.write_msgpack(folder / "features.msgpack", {k: sorted(v) if isinstance(v, set) else v
                                                      for k, v in FEATURES.items()})
    (folder / "weights.npz").write_bytes(_weights())
    pm.write_manifest(folder)
    return folder


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("tamper, message", [
    (lambda m: _flip(m / "features.msgpack"), "features.msgpack has changed since it was downloaded"),
    (lambda m: _flip(m / "weights.npz"), "weights.npz has changed since it was downloaded"),
    (lambda m: (m / "features.msgpack").write_bytes((m / "features.msgpack").read_bytes()[:-1]), "has changed"),
    (lambda m: (m / "checksums.json").write_text("{not json"), "checksums.json is unreadable"),
    (lambda m: (m / "checksums.json").write_text(json.dumps({"sha256": {}})), "recorded None"),
])
def test_a_tampered_cache_fails_at_load(model, tamper, message, monkeypatch):
    require_pkuseg_model(str(model))
    tamper(model)
    with pytest.raises(pm.ModelIntegrityError, match=message) as info:
        require_pkuseg_model(str(model))
    assert "govnews-nlp download pkuseg --force" in str(info.value)
    monkeypatch.setenv("GOVNEWS_NLP_CACHE", str(model.parent / "cache"))  # the default cache is checked too
    (model.parent / "cache" / "pkuseg").mkdir(parents=True)
    model.rename(model.parent / "cache" / "pkuseg" / "mixed")
    with pytest.raises(pm.ModelIntegrityError, match=message):
        require_pkuseg_model()


def test_the_default_cache_needs_its_checksums(model, monkeypatch):
    (model / "checksums.json").unlink()
    assert require_pkuseg_model(str(model)) == str(model)  # a folder of your own without checksums: as it is
    monkeypatch.setenv("GOVNEWS_NLP_CACHE", str(model.parent / "cache"))
    (model.parent / "cache" / "pkuseg").mkdir(parents=True)
    model.rename(model.parent / "cache" / "pkuseg" / "mixed")
    with pytest.raises(pm.ModelIntegrityError, match=r"has no checksums\.json"):
        require_pkuseg_model()


def test_loading_a_pipeline_on_a_tampered_model_fails_clearly(model):
    pytest.importorskip("spacy_pkuseg")
    import govnews_nlp

    _flip(model / "features.msgpack")
    with pytest.raises(pm.ModelIntegrityError, match="download pkuseg --force"):
        govnews_nlp.load("pkuseg", pkuseg_model=str(model))


def test_download_replaces_an_altered_cache(model, tmp_path, monkeypatch):
    sdist = _lookalike_sdist(tmp_path / "s.tar.gz", pickle.dumps(FEATURES, protocol=4))
    monkeypatch.setattr(pm, "SDIST_SHA256", pm.sha256_file(sdist))
    _flip(model / "weights.npz")
    download_pkuseg(model, source=str(sdist))  # no --force: the failed checksum is reason enough
    pm.verify_model(model)


# -- the real thing, once ----------------------------------------------------------------------------------
def _pypi_reachable() -> bool:
    try:
        urllib.request.urlopen(urllib.request.Request(pm.SDIST_URL, method="HEAD"), timeout=20).close()
        return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.mark.slow
def test_the_real_download_from_pypi(tmp_path, no_subprocess):
    if not _pypi_reachable():
        pytest.skip(f"{pm.SDIST_URL} is not reachable from here")
    target = download_pkuseg(tmp_path / "mixed")
    manifest = json.loads((target / "checksums.json").read_text())
    assert manifest["source"] == {"file": "pkuseg-0.0.25.tar.gz", "sha256": pm.SDIST_SHA256}
    assert manifest["sha256"] == {n: pm.sha256_file(target / n) for n in ("features.msgpack", "weights.npz")}
    assert sorted(p.name for p in target.iterdir()) == ["checksums.json", "features.msgpack", "weights.npz"]
    feats = srsly.read_msgpack(target / "features.msgpack")
    assert set(feats) == {"unigram", "bigram", "feature_to_idx", "tag_to_idx"} and len(feats["feature_to_idx"]) > 10**5
    pytest.importorskip("spacy_pkuseg")
    import govnews_nlp

    nlp = govnews_nlp.load("pkuseg", pkuseg_model=str(target), components=[])
    assert [t.text for t in nlp("市委书记调研重点项目")] == ["市委", "书记", "调研", "重点", "项目"]
