"""write_dataset / read_dataset: every format round-trips the model, byte-identical, atomic."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from vendorgraph.errors import GraphFileError, InputFileError, UnknownFormatError
from vendorgraph.graph.rdf import canonical, from_dataset, to_dataset
from vendorgraph.graph.store import iter_quads, new_dataset
from vendorgraph.graph.store.files import FORMATS, read_dataset, write_dataset

from .fixtures import extractions

EXTENSIONS = sorted(FORMATS)


@pytest.fixture(scope="module")
def dataset():
    return to_dataset(extractions())


def _expected():
    return tuple(canonical(ex) for ex in sorted(extractions(), key=lambda ex: ex.document.id))


@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("store", ["Oxigraph", "Memory"])
def test_every_format_round_trips_the_model(tmp_path, dataset, ext, store):
    path = tmp_path / f"graph{ext}"
    write_dataset(dataset, path)
    assert from_dataset(read_dataset(path, store=store)) == _expected()


@pytest.mark.parametrize("ext", [".trig", ".nq", ".jsonld"])
def test_dataset_formats_keep_the_named_graphs(tmp_path, dataset, ext):
    path = tmp_path / f"graph{ext}"
    write_dataset(dataset, path)
    assert set(iter_quads(read_dataset(path))) == set(iter_quads(dataset))


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_writing_twice_and_from_either_store_gives_identical_bytes(tmp_path, ext):
    outputs = []
    for n, store in enumerate(["Oxigraph", "Oxigraph", "Memory"]):
        path = tmp_path / f"g{n}{ext}"
        write_dataset(to_dataset(extractions(), store=store), path)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_n_quads_lines_are_sorted(tmp_path, dataset):
    path = tmp_path / "g.nq"
    write_dataset(dataset, path)
    lines = path.read_text("utf-8").splitlines()
    graphs = [line.rsplit(" ", 2)[1] for line in lines]
    assert graphs == sorted(graphs)


def test_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, dataset):
    path = tmp_path / "g.trig"
    write_dataset(dataset, path)
    before = path.read_bytes()
    broken = new_dataset("Memory")
    broken.default_graph.add((URIRef("urn:x:a"), URIRef("urn:x:b"), Literal("fine")))
    broken.default_graph.add((URIRef("not an iri"), URIRef("urn:x:b"), Literal("bad")))
    with pytest.raises(GraphFileError, match="cannot write TriG"):
        write_dataset(broken, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]


def test_unknown_extension_lists_the_valid_ones(tmp_path, dataset):
    with pytest.raises(UnknownFormatError, match=r"'\.rdf'; use one of \.jsonld, \.nq, \.nt"):
        write_dataset(dataset, tmp_path / "g.rdf")


def test_missing_file_is_an_input_file_error(tmp_path):
    with pytest.raises(InputFileError, match="no such RDF file"):
        read_dataset(tmp_path / "absent.ttl")


def test_unparseable_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.nt"
    path.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n<urn:x:a> <urn:x:b> .\n", "utf-8")
    with pytest.raises(GraphFileError, match=r"bad\.nt: line 2: N-Triples does not parse") as info:
        read_dataset(path)
    assert info.value.line == 2


def test_writing_into_a_missing_folder_is_an_input_file_error(tmp_path, dataset):
    with pytest.raises(InputFileError, match="cannot write"):
        write_dataset(dataset, tmp_path / "no" / "g.nq")


def test_hundred_thousand_triples_read_and_write_back_whole(tmp_path):
    # their speed is measured by benchmarks/bench_build.py, not here (timed tests flake)
    source = tmp_path / "big.nt"
    lines = (f'<urn:x:s{i}> <urn:x:p{i % 7}> "v{i}" .\n' for i in range(100_000))
    source.write_text("".join(lines), "utf-8")
    write_dataset(read_dataset(source), tmp_path / "big.nq")
    assert len(read_dataset(tmp_path / "big.nq")) == 100_000
