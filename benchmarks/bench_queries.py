"""Time every named query on Oxigraph (10^6 triples) against rdflib's Memory store (10^5).

A synthetic corpus in the layout of vendorgraph.graph.rdf (to_dataset on generated
extractions), written to N-Quads and bulk-loaded into Oxigraph. The Memory store is timed on a
tenth of the corpus (it is too slow at 10^6); the ratio printed is Memory(10^5) / Oxigraph(10^6).

    python benchmarks/bench_queries.py [--triples 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from vendorgraph.graph.io import read_dataset, write_dataset
from vendorgraph.graph.queries import list_queries, run_named
from vendorgraph.graph.rdf import to_dataset
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
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run_named(ds, name, **params)
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-memory", action="store_true", help="time Oxigraph only")
    args = parser.parse_args()
    started = time.perf_counter()
    exs = corpus(args.triples)
    folder = Path(tempfile.mkdtemp())
    write_dataset(to_dataset(exs, store="Oxigraph"), folder / "big.nq")
    big = read_dataset(folder / "big.nq", store="Oxigraph")  # pyoxigraph bulk_load
    built = time.perf_counter() - started
    print(f"Oxigraph: {len(big):,} quads (built and bulk-loaded in {built:.1f} s)")
    names = list_queries()
    ox = {}
    for q in names:
        params = {p: PARAMS[p] for p in q.params}
        ox[q.name] = _time(big, q.name, params, args.repeat, budget=10.0)
        flag = "" if ox[q.name] < 0.1 else "  (over 100 ms target)"
        print(f"  {q.name:28} {ox[q.name] * 1e3:8.1f} ms{flag}", flush=True)
    if args.no_memory:
        return
    small = to_dataset(exs[: max(1, len(exs) // 10)], store="Memory")
    print(f"Memory: {len(small):,} quads; ratio = Memory(1/10 size) / Oxigraph(full size)")
    for q in names:
        params = {p: PARAMS[p] for p in q.params}
        mem = _time(small, q.name, params, max(1, args.repeat // 2), budget=30.0)
        print(f"  {q.name:28} {mem * 1e3:8.1f} ms  ratio {mem / ox[q.name]:6.1f}", flush=True)


if __name__ == "__main__":
    main()
