"""Time corpus ingest against a plain sequential loop, and show its memory is flat in corpus size.

    python benchmarks/bench_ingest.py                   # 10,000 synthetic articles
    python benchmarks/bench_ingest.py --n 2000 --sizes 1000,2000 --extractor bare

Writes a synthetic corpus (benchmarks/make_corpus.py) to a temporary folder, then measures in
this one run:

- baseline: ``for path in files: extract(read_document(path))``, one process;
- ``ingest(folder, workers=1)`` and ``ingest(folder, workers=2)`` (reading, language and
  duplicate checks, extraction, in input order);
- peak memory of ``iter_ingest`` streaming 1k, 5k and 10k articles to a consumer that drops
  them (as the graph writer does), each in a fresh process: peak RSS (``VmHWM``) and the
  ``tracemalloc`` peak of what ingest allocates after start-up.

``--extractor bare`` swaps the pipeline for an extractor that finds nothing, to measure the
ingest machinery alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from make_corpus import write_corpus

from vendorgraph.loaders.corpus import ingest, iter_ingest
from vendorgraph.loaders.documents import read_document
from vendorgraph.ontology.model import Document, Extraction

Extractor = Callable[[Document], Extraction]


def bare(document: Document) -> Extraction:
    return Extraction(document=document)


def load_extractor(name: str) -> Extractor:
    if name == "bare":
        return bare
    from vendorgraph.loaders.pipeline import extract

    return extract


def warm_up(extractor: Extractor, articles: Path) -> None:
    first = next(iter(sorted(articles.rglob("*.txt"))))
    extractor(read_document(first))


def baseline(extractor: Extractor, articles: Path) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    for path in sorted(articles.rglob("*.txt")):
        extractor(read_document(path))
        count += 1
    return time.perf_counter() - start, count


def timed_ingest(extractor: Extractor, articles: Path, workers: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    result = ingest([articles], extractor=extractor, workers=workers)
    elapsed = time.perf_counter() - start
    return elapsed, len(result.extractions) + len(result.skipped), len(result.extractions)


def memory_child(size: int, articles: Path, extractor_name: str) -> None:
    extractor = load_extractor(extractor_name)
    warm_up(extractor, articles)
    folders = sorted(p for p in articles.iterdir() if p.is_dir())[: max(1, size // 1000)]
    tracemalloc.start()
    count = sum(1 for _ in iter_ingest(folders, extractor=extractor))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"articles": count, "tracemalloc_peak": peak, "max_rss_kib": peak_rss_kib()}))


def peak_rss_kib() -> int:
    """This process's peak resident memory since it started.

    ``VmHWM`` from ``/proc/self/status`` where there is one: ``ru_maxrss`` survives ``exec``,
    so in a child started from this (large) benchmark process it would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_memory(size: int, articles: Path, extractor_name: str) -> dict[str, int]:
    command = [
        sys.executable,
        __file__,
        "--memory-child",
        str(size),
        "--corpus",
        str(articles),
        "--extractor",
        extractor_name,
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report_speed(name: str, seconds: float, count: int, cores: int, base: float) -> None:
    rate = count / seconds
    print(
        f"{name:<22} {seconds:8.2f} s  {rate:8.1f} articles/s  {rate / cores:8.1f} per core"
        f"  x{rate / base:5.2f} vs baseline"
    )


def run(args: argparse.Namespace, articles: Path) -> None:
    extractor = load_extractor(args.extractor)
    warm_up(extractor, articles)
    seconds, count = baseline(extractor, articles)
    base = count / seconds
    print(f"{count} articles, extractor: {args.extractor}")
    report_speed("baseline (loop)", seconds, count, 1, base)
    for workers in (1, 2):
        seconds, count, kept = timed_ingest(extractor, articles, workers)
        report_speed(f"ingest workers={workers}", seconds, count, workers, base)
    print(f"(ingest extracted {kept}; the rest were skipped as duplicates)")
    print("peak memory of iter_ingest, fresh process each:")
    for size in args.sizes:
        mem = measure_memory(size, articles, args.extractor)
        print(
            f"  {mem['articles']:6d} articles: tracemalloc peak "
            f"{mem['tracemalloc_peak'] / 2**20:7.1f} MiB, "
            f"max RSS {mem['max_rss_kib'] / 1024:7.1f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the corpus")
    parser.add_argument("--sizes", default="1000,5000,10000", help="corpus sizes for memory")
    parser.add_argument("--extractor", choices=["pipeline", "bare"], default="pipeline")
    parser.add_argument("--corpus", type=Path, help="an articles folder from make_corpus.py")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.memory_child is not None:
        memory_child(args.memory_child, args.corpus, args.extractor)
        return
    if args.corpus is not None:
        run(args, args.corpus)
        return
    with tempfile.TemporaryDirectory() as tmp:
        articles = write_corpus(args.n, Path(tmp))
        run(args, articles)


if __name__ == "__main__":
    main()
