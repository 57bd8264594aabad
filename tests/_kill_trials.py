"""Run one vendorgraph command in forked children and SIGKILL each at a random moment.

Usage: ``python -m tests._kill_trials SPEC`` where SPEC is JSON with ``argv`` (the command),
``target`` (the file or folder it writes), ``trials`` and ``seed``. The command first runs
in this process (so the children it forks start warm), then once in a child to time it; each
trial restores the previous target, kills a child after a random fraction of that time (every
other trial: of the time it spends writing, counted from its first write) and
records whether the target is the old one, the new one or neither, and which of vendorgraph's
temporary files are left. A last full run shows the next write removes what a kill left.
Prints one JSON object.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import select
import shutil
import signal
import sys
import time
from pathlib import Path

from vendorgraph.cli import main as cli_main
from vendorgraph.graph.store import atomic


def snapshot(target: Path) -> object:
    if target.is_dir():
        return {p.name: p.read_bytes().hex() for p in sorted(target.iterdir())}
    return target.read_bytes().hex() if target.exists() else None


def restore(target: Path, state: object) -> None:
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    if isinstance(state, dict):
        target.mkdir()
        for name, data in state.items():
            (target / name).write_bytes(bytes.fromhex(data))
    elif isinstance(state, str):
        target.write_bytes(bytes.fromhex(state))


def debris(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".vg-" in p.name)


def locks(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".vg.lock"))


def run_here(argv: list[str]) -> None:
    with (
        contextlib.suppress(SystemExit),
        open(os.devnull, "w") as null,
        contextlib.redirect_stdout(null),
        contextlib.redirect_stderr(null),
    ):
        cli_main(argv)


def run_child(argv: list[str], kill_after: float | None, *, in_write: bool = False) -> float:
    """Run the command in a forked child; kill it `kill_after` seconds after it starts or,
    with `in_write`, after it starts writing its output. Return the seconds from the start of
    the write (or of the child) to its end."""
    ready, signal_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the command, never return into the parent's code
        os.close(ready)
        _announce_writes(signal_write)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        code = 0
        try:
            cli_main(argv)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException:
            code = 1
        os._exit(code)
    os.close(signal_write)
    start = time.monotonic()
    if in_write and select.select([ready], [], [], 600)[0]:
        start = time.monotonic()
    if kill_after is not None:
        time.sleep(kill_after)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(ready)
    return time.monotonic() - start


def _announce_writes(fd: int) -> None:
    """Tell the parent, through `fd`, when the child starts writing its first output file."""
    original = atomic._write_fd

    def announcing(handle_fd: int, write: object) -> None:
        with contextlib.suppress(OSError):
            os.write(fd, b"w")
        original(handle_fd, write)  # type: ignore[arg-type]

    atomic._write_fd = announcing  # type: ignore[assignment]


def main() -> None:
    spec = json.loads(sys.argv[1])
    argv, target = spec["argv"], Path(spec["target"])
    old = snapshot(target)
    run_here(argv)  # warm: models and caches loaded before any fork
    restore(target, old)
    duration = run_child(argv, None)
    new = snapshot(target)
    restore(target, old)
    writing = run_child(argv, None, in_write=True)
    rng = random.Random(spec["seed"])
    trials = []
    for i in range(spec["trials"]):
        restore(target, old)
        in_write = i % 2 == 1  # every other kill lands while the output is being written
        delay = rng.uniform(0.0, writing if in_write else duration)
        run_child(argv, delay, in_write=in_write)
        state = snapshot(target)
        kind = "old" if state == old else "new" if state == new else "mixed"
        trials.append(
            {
                "moment": "writing" if in_write else "anywhere",
                "delay": round(delay, 4),
                "target": kind,
                "debris": debris(target.parent),
            }
        )
    restore(target, old)
    run_child(argv, None)
    report = {
        "duration": round(duration, 3),
        "writing": round(writing, 4),
        "changed": old != new,
        "trials": trials,
        "debris_after_next_write": debris(target.parent),
        "locks_after_next_write": locks(target.parent),
        "next_write_is_new": snapshot(target) == new,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
