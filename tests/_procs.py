"""Helpers for the tests that use real processes (locks, signals, worker pools, SIGKILL)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .conftest import ROOT

ARTICLE = """Orbweave Compute said on Tuesday that it will buy {n} thousand accelerators from
Quillon Semiconductor for its data centers in {city}, under a contract worth {n} hundred million
dollars. "We depend on Quillon for almost every rack we build," said Mara Ostrander, chief
executive of Orbweave Compute. The company also rents capacity from Talvik Cloud, which it
described as its main cloud provider while the new sites are built.
"""

CITIES = ["Tampere", "Lisbon", "Porto", "Valencia", "Aarhus", "Graz", "Brno", "Gdansk"]


def write_articles(folder: Path, count: int) -> list[Path]:
    """Write `count` short articles of our own, each different, and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i:03d}.txt"
        text = ARTICLE.format(n=i + 2, city=CITIES[i % len(CITIES)])
        path.write_text(f"Orbweave deal number {i + 1}\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def cli(*args: object, **options: object) -> subprocess.Popen[str]:
    """Start ``python -m vendorgraph.cli ARGS`` from the repository root."""
    return subprocess.Popen(
        [sys.executable, "-m", "vendorgraph.cli", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,  # type: ignore[call-overload]
    )


def python(code: str) -> subprocess.Popen[str]:
    """Start ``python -c CODE`` from the repository root, with pipes."""
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def children(pid: int) -> list[int]:
    """Return the ids of the live (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent_and_state(entry) == (pid, True):
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Tell whether process `pid` exists and is not a zombie."""
    state = _parent_and_state(Path("/proc", str(pid)))
    return state is not None and state[1]


def _parent_and_state(entry: Path) -> tuple[int, bool] | None:
    try:
        fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0] not in ("Z", "X")


def wait_until(check, *, limit: float = 60.0, every: float = 0.05) -> bool:
    """Poll `check` until it is true or `limit` seconds pass (a bound, not a measurement)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return bool(check())


def sleep_forever(document):  # an extractor that never returns (module level: picklable)
    time.sleep(3600)


def ours(folder: Path) -> list[str]:
    """Names in `folder` of vendorgraph's temporary and lock files."""
    names = (p.name for p in folder.iterdir())
    return sorted(n for n in names if ".vg-" in n or n.endswith(".vg.lock"))


def pid_of_dead_process() -> int:
    """Return the id of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
