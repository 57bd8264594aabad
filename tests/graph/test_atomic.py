"""Atomic writes: nothing named while writing, stale temp files of ours removed, folders swapped
whole, the old output kept on any failure."""

from __future__ import annotations

import os

import pytest

from vendorgraph.graph.store import atomic
from vendorgraph.graph.store.atomic import atomic_folder, atomic_write, remove_stale, temp_name

from .._procs import pid_of_dead_process


def test_nothing_is_named_in_the_folder_while_writing(tmp_path):
    if atomic._unnamed(tmp_path) is None:
        pytest.skip("this system has no O_TMPFILE: a named temporary file is used instead")
    target = tmp_path / "g.trig"
    target.write_text("old", encoding="utf-8")
    seen = []

    def write(handle):
        handle.write(b"new")
        seen.append(sorted(p.name for p in tmp_path.iterdir()))

    atomic_write(target, write)
    assert seen == [["g.trig"]]  # a SIGKILL here would leave nothing behind
    assert target.read_text(encoding="utf-8") == "new"


def test_stale_temp_files_of_dead_writers_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "g.trig"
    dead = pid_of_dead_process()
    stale = tmp_path / f".g.trig.vg-{dead}-0a1b.tmp"
    stale_folder = tmp_path / f".g.trig.vg-{dead}-0a1c.tmp"
    live = tmp_path / f".g.trig.vg-{os.getpid()}-0a1d.tmp"  # a writer still running
    other = tmp_path / f".h.trig.vg-{dead}-0a1e.tmp"  # another target's
    foreign = tmp_path / ".g.trig.tmp"  # not our naming
    for path in (stale, live, other, foreign):
        path.write_text("x", encoding="utf-8")
    stale_folder.mkdir()
    (stale_folder / "nodes.csv").write_text("x", encoding="utf-8")
    atomic_write(target, lambda fh: fh.write(b"new"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, live.name, other.name, foreign.name]
    )


def test_remove_stale_touches_only_our_naming_for_that_target(tmp_path):
    dead = pid_of_dead_process()
    (tmp_path / f".a.csv.vg-{dead}-ff.tmp").write_text("x", encoding="utf-8")
    assert remove_stale(tmp_path / "b.csv") == []
    assert [p.name for p in remove_stale(tmp_path / "a.csv")] == [f".a.csv.vg-{dead}-ff.tmp"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "g.trig"
    target.write_text("old", encoding="utf-8")

    def fail(handle):
        handle.write(b"half")
        raise RuntimeError("disk full")

    for unnamed in (True, False):
        if not unnamed:
            monkeypatch.setattr(atomic, "_unnamed", lambda folder: None)
        with pytest.raises(RuntimeError):
            atomic_write(target, fail)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["g.trig"]
        assert target.read_text(encoding="utf-8") == "old"


def test_a_folder_is_swapped_in_whole_or_not_at_all(tmp_path):
    target = tmp_path / "csv"
    atomic_folder(
        target, {"nodes.csv": lambda fh: fh.write(b"n1"), "rels.csv": lambda fh: fh.write(b"r1")}
    )
    opened = os.open(target / "nodes.csv", os.O_RDONLY)  # a reader of the old set

    def fail(handle):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_folder(target, {"nodes.csv": lambda fh: fh.write(b"n2"), "rels.csv": fail})
    assert {p.name: p.read_bytes() for p in target.iterdir()} == {
        "nodes.csv": b"n1",
        "rels.csv": b"r1",
    }
    atomic_folder(
        target, {"nodes.csv": lambda fh: fh.write(b"n2"), "rels.csv": lambda fh: fh.write(b"r2")}
    )
    assert {p.name: p.read_bytes() for p in target.iterdir()} == {
        "nodes.csv": b"n2",
        "rels.csv": b"r2",
    }
    assert os.read(opened, 10) == b"n1"  # the old set stays whole for whoever had it open
    os.close(opened)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_temp_names_carry_the_writer_and_the_target():
    name = temp_name(tmp := __import__("pathlib").Path("/x/g.trig")).name
    assert name.startswith(f".g.trig.vg-{os.getpid()}-") and name.endswith(".tmp")
    assert temp_name(tmp) != temp_name(tmp)
