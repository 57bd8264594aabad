"""Time every named query on Oxigraph at 10^6 triples, and against rdflib's Memory store at 10^5.

A synthetic corpus in the layout of vendorgraph.graph.rdf (to_dataset on generated
extractions), written to N-Quads and bulk-loaded into Oxigraph. The Memory store is too slow at
10^6, so the baseline compares both stores on the same 10^5-triple slice (one run per query,
stopped after --timeout seconds) and prints Memory / Oxigraph for every query; then Oxigraph is
timed alone on the full corpus.

    python benchmarks/bench_queries.py [--triples 1000000] [--small 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from pathlib import Path

from vendorgraph.graph.queries import list_queries, run_named
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store.files import read_dataset, write_dataset
from vendorgraph.ontology import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Modality,
    Predicate,
    Quantity,
    QuantityKind,
    Quote,
    Relation,
)

ORG_TYPES = [EntityType.CHIP_VENDOR, EntityType.CLOUD_PROVIDER, EntityType.AI_LAB]
PREDICATES = [Predicate.SUPPLIES, Predicate.USES, Predicate.DEPLOYS, Predicate.PARTNERS_WITH]
TRIPLES_PER_ARTICLE = 330  # measured for the generator below


def _article(i: int, rng: random.Random, orgs: int) -> Extraction:
    names = [f"Firm{rng.randrange(orgs)}" for _ in range(6)] + ["Chip" + str(rng.randrange(orgs))]
    if i % 3 == 0:
        names[:2] = ["Firm1", "Firm2"]
    sentences = []
    for k in range(6):
        a, b = names[k], names[(k + 1) % 7]
        sentences.append(f"{a} works with {b} on {rng.randrange(10, 9999)} units in article {i}.")
    sentences.append(f'"We rely on {names[1]} a lot," said Person{i % 500}.')
    text = " ".join(sentences)
    doc = Document(text=text, title=f"Synthetic {i}", publisher="Bench Wire")
    entities = {}
    for name in names:
        start = text.index(name)
        kind = EntityType.CHIP if name.startswith("Chip") else ORG_TYPES[int(name[4:] or 0) % 3]
        prefix = "product" if kind is EntityType.CHIP else "org"
        entities[name] = Entity(
            id=f"{prefix}/{name.lower()}",
            name=name,
            type=kind,
            aliases=(name.upper(),),
            mentions=(doc.span(start, start + len(name)),),
            parent="org/firm0" if kind is EntityType.CHIP else None,
        )
    person = Entity(id=f"person/person{i % 500}", name=f"Person{i % 500}", type=EntityType.PERSON)
    entities[person.name] = person
    relations, quantities, offset = [], [], 0
    for k, sentence in enumerate(sentences[:6]):
        a, b = names[k], names[(k + 1) % 7]
        number = sentence.split(" on ")[1].split(" ")[0]
        n_start = text.index(number, offset)
        quantities.append(
            Quantity(
                id=f"n{k}",
                kind=QuantityKind.COUNT,
                text=number,
                span=doc.span(n_start, n_start + len(number)),
                value=float(number),
                normalized=float(number),
            )
        )
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        if entities[a].id != entities[b].id:
            relations.append(
                Relation(
                    id=f"r{k}",
                    subject=entities[a].id,
                    predicate=PREDICATES[k % 4],
                    object=entities[b].id,
                    span=doc.span(start, offset),
                    modality=Modality.ASSERTED,
                    confidence=0.8,
                    quantity=f"n{k}",
                )
            )
    q_start = text.index('"We')
    q_text = f"We rely on {names[1]} a lot,"
    quote = Quote(
        id="q0",
        text=q_text,
        span=doc.span(q_start + 1, q_start + 1 + len(q_text)),
        direct=True,
        speaker=person.id,
    )
    return Extraction(
        document=doc,
        entities=tuple(entities.values()),
        quotes=(quote,),
        relations=tuple(relations),
        quantities=tuple(quantities),
    )


def corpus(triples: int, seed: int = 0) -> list[Extraction]:
    rng = random.Random(seed)
    articles = max(1, triples // TRIPLES_PER_ARTICLE)
    return [_article(i, rng, orgs=max(50, articles // 10)) for i in range(articles)]


PARAMS = {"company": "Firm1", "person": "Person1", "dependent": "Firm1", "provider": "Firm2"}


def _time(ds, name, params, repeat: int, budget: float) -> float:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        run_named(ds, name, **params)
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return statistics.median(times)


def _memory_worker(exs, name, params, out) -> None:
    ds = to_dataset(exs, store="Memory")
    out.put(_time(ds, name, params, 1, 0.0))


def _memory_time(exs, name, params, timeout: float) -> float | None:
    """Time one query on a Memory store in a child process; None when it passes `timeout`."""
    out: mp.Queue = mp.Queue()
    child = mp.Process(target=_memory_worker, args=(exs, name, params, out))
    child.start()
    child.join(timeout + 60.0)  # building the store is not timed
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    found = out.get() if not out.empty() else None
    return found if found is not None and found <= timeout else None


def _oxigraph(exs) -> tuple[object, float]:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp())
    write_dataset(to_dataset(exs, store="Oxigraph"), folder / "big.nq")
    ds = read_dataset(folder / "big.nq", store="Oxigraph")  # pyoxigraph bulk_load
    return ds, time.perf_counter() - started


def _compare(exs, repeat: int, timeout: float) -> None:
    small, _ = _oxigraph(exs)
    print(f"Baseline at {len(small):,} quads: Memory / Oxigraph (Memory timeout {timeout:.0f} s)")
    for q in list_queries():
        params = {p: PARAMS[p] for p in q.params}
        ox = _time(small, q.name, params, repeat, budget=10.0)
        mem = _memory_time(exs, q.name, params, timeout)
        shown = f">{timeout:.0f} s" if mem is None else f"{mem * 1e3:8.1f} ms"
        ratio = f">{timeout / ox:8.0f}" if mem is None else f"{mem / ox:9.1f}"
        print(f"  {q.name:28} Memory {shown:>11}  Oxigraph {ox * 1e3:7.1f} ms  ratio {ratio}")


def _full(exs, repeat: int) -> None:
    big, built = _oxigraph(exs)
    print(f"Oxigraph at {len(big):,} quads (built and bulk-loaded in {built:.1f} s)")
    for q in list_queries():
        params = {p: PARAMS[p] for p in q.params}
        ox = _time(big, q.name, params, repeat, budget=10.0)
        flag = "" if ox < 0.1 else "  (over 100 ms target)"
        print(f"  {q.name:28} {ox * 1e3:8.1f} ms{flag}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000, help="size of the Memory baseline")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="per Memory query, seconds")
    parser.add_argument("--no-memory", action="store_true", help="time Oxigraph only")
    args = parser.parse_args()
    if not args.no_memory:
        _compare(corpus(args.small), args.repeat, args.timeout)
    _full(corpus(args.triples), args.repeat)


if __name__ == "__main__":
    main()
