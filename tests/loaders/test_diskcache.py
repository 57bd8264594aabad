"""The disk cache of derived name tables gives the same names as deriving them."""

from __future__ import annotations

import pytest

from vendorgraph.loaders import gazetteer
from vendorgraph.loaders.diskcache import cached_names


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VENDORGRAPH_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VENDORGRAPH_NO_CACHE", raising=False)
    return tmp_path


def _counting(names):
    calls = []

    def derive():
        calls.append(1)
        return names

    return derive, calls


def test_the_gazetteer_from_the_cache_equals_the_derived_one(cache):
    derived = gazetteer.derive_names()
    first = gazetteer._names.__wrapped__()  # derives and writes
    second = gazetteer._names.__wrapped__()  # reads the file back
    assert first == derived == second
    assert len(list(cache.glob("places-*.txt"))) == 1
    assert {"West Lafayette", "Hsinchu", "South Korea"} <= second


def test_a_second_call_reads_the_file_and_does_not_derive(cache):
    derive, calls = _counting(["Oslo", "Tromsø"])
    assert cached_names("t-v1", derive) == {"Oslo", "Tromsø"}
    assert cached_names("t-v1", derive) == {"Oslo", "Tromsø"}
    assert len(calls) == 1


def test_a_damaged_file_is_derived_again(cache):
    derive, calls = _counting(["Oslo", "Bergen"])
    cached_names("t-v1", derive)
    path = cache / "t-v1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Oslo", "Osl0"), encoding="utf-8")
    assert cached_names("t-v1", derive) == {"Oslo", "Bergen"}
    assert len(calls) == 2
    path.write_bytes(b"\xff\xfe not text")
    assert cached_names("t-v1", derive) == {"Oslo", "Bergen"}


def test_an_unwritable_folder_still_gives_the_names(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VENDORGRAPH_CACHE_DIR", str(blocker))
    assert cached_names("t-v1", lambda: ["Oslo"]) == {"Oslo"}


def test_no_cache_derives_every_time_and_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv("VENDORGRAPH_NO_CACHE", "1")
    derive, calls = _counting(["Oslo"])
    cached_names("t-v1", derive)
    cached_names("t-v1", derive)
    assert len(calls) == 2
    assert not list(cache.iterdir())


def test_an_empty_table_round_trips(cache):
    assert cached_names("t-empty", list) == frozenset()
    assert cached_names("t-empty", lambda: ["derived again"]) == frozenset()


def test_a_key_that_is_not_a_file_name_is_refused(cache):
    with pytest.raises(ValueError, match="cache key"):
        cached_names("../escape", list)
