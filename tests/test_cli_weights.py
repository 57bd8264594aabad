"""Malformed --weights files through the console script: one line naming file and field, exit 2.

Each kind of damage the reliability probe tried (issue 14 item 11) and its neighbours: bytes
that are not UTF-8, text that is not TOML, a scalar or a list where a table belongs, strings,
booleans and tables where numbers belong, NaN and infinities, and every field out of its range
(priors, modality and source weights in [0, 1], reliance in (0, 1], half-life, saturation and
scale units above 0, weights summing to 1), plus names the model does not read.
"""

from __future__ import annotations

import signal

import pytest

from vendorgraph.analysis import load_parameters
from vendorgraph.cli import main

from .test_cli_errors import one_line, run

EXAMPLE = "examples/helioscale-gpu-deal.md"

CASES = [
    (
        "latin1-comment",
        b"[modality]\n# caf\xe9\nhedged = 0.5\n",
        "line 2: byte 16 is not UTF-8 (b'\\xe9')",
    ),
    ("latin1-key", b'[sources]\n"Caf\xe9 News" = 0.5\n', "line 2: byte 14 is not UTF-8 (b'\\xe9')"),
    ("not-toml", b"[weights\n", "not valid TOML"),
    ("scalar-table", b"weights = 3\n", "'weights' must be a table"),
    ("string-table", b'modality = "high"\n', "'modality' must be a table"),
    ("list-table", b"priors = [0.1, 0.2]\n", "'priors' must be a table"),
    ("scalar-subtable", b"[model]\nsaturation = 5\n", "model.saturation must be a table"),
    ("string-weight", b'[weights]\nintegration = "high"\n', "weights.integration = 'high'"),
    ("string-prior", b'[priors]\nscarcity = "0.3"\n', "priors.scarcity = '0.3'"),
    ("bool-modality", b"[modality]\nhedged = true\n", "modality.hedged = True"),
    ("list-source", b"[sources]\ndefault = [1]\n", "sources.default = [1]"),
    ("table-half-life", b"[model]\nhalf_life_years = { years = 3 }\n", "model.half_life_years = {"),
    ("nan-weight", b"[weights]\nintegration = nan\n", "weights.integration = nan"),
    ("nan-prior", b"[priors]\nlearning = nan\n", "priors.learning = nan"),
    ("inf-saturation", b"[model]\nsaturation = { money = inf }\n", "model.saturation.money = inf"),
    ("neg-inf-unit", b"[model]\nscale_unit = { count = -inf }\n", "model.scale_unit.count = -inf"),
    (
        "negative-prior",
        b"[priors]\nscarcity = -0.5\n",
        "priors.scarcity = -0.5: give a number in [0, 1]",
    ),
    (
        "prior-above-1",
        b"[priors]\nmigration = 1.5\n",
        "priors.migration = 1.5: give a number in [0, 1]",
    ),
    ("modality-50", b"[modality]\nhedged = 50\n", "modality.hedged = 50: give a number in [0, 1]"),
    ("modality-negative", b"[modality]\ndenied = -1\n", "modality.denied = -1"),
    (
        "half-life-0",
        b"[model]\nhalf_life_years = 0\n",
        "model.half_life_years = 0: give a number > 0",
    ),
    ("half-life-negative", b"[model]\nhalf_life_years = -3.0\n", "model.half_life_years = -3.0"),
    (
        "reliance-2",
        b"[model]\ndefault_reliance = 2\n",
        "model.default_reliance = 2: give a number in (0, 1]",
    ),
    ("reliance-0", b"[model]\ndefault_reliance = 0\n", "model.default_reliance = 0"),
    ("source-negative", b"[sources]\ndefault = -0.1\n", "sources.default = -0.1"),
    ("saturation-0", b"[model]\nsaturation = { money = 0 }\n", "model.saturation.money = 0"),
    ("unknown-table", b"[weight]\nintegration = 1\n", "unknown table [weight]"),
    ("unknown-factor", b"[priors]\nspeed = 0.5\n", "unknown name priors.speed"),
    ("unknown-modality", b"[modality]\ncertain = 1\n", "unknown name modality.certain"),
    ("unknown-model-key", b"[model]\nhalflife = 3\n", "unknown name model.halflife"),
    (
        "unknown-quantity",
        b"[model]\nsaturation = { chips = 5 }\n",
        "unknown name model.saturation.chips",
    ),
    ("weights-miss", b"[weights]\nintegration = 1\n", "weights miss factors"),
    (
        "weights-sum",
        b"[weights]\nintegration = 0.4\nscarcity = 0.2\nlearning = 0.15\ndata_context = 0.15\n"
        b"contractual = 0.1\nmigration = 0.1\nrelational = 0.05\nregulatory = 0.05\n",
        "weights sum to 1.2",
    ),
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("weights") / "g.trig"
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    return out


@pytest.fixture
def cli(capfd):
    """Run the console script's entry point in this process; return (exit code, stderr)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}

    def invoke(*args: object) -> tuple[int, str]:
        capfd.readouterr()
        with pytest.raises(SystemExit) as done:
            main([str(a) for a in args])
        return done.value.code, capfd.readouterr().err

    yield invoke
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_weights_file_is_one_line_naming_file_and_field(
    cli, graph, tmp_path, content, expected
):
    weights = tmp_path / "w.toml"
    weights.write_bytes(content)
    code, stderr = cli("score", graph, "--weights", weights)
    line = one_line(stderr)
    assert code == 2
    assert "w.toml" in line and expected in line, line


def test_there_are_at_least_25_malformed_kinds():
    assert len({c[0] for c in CASES}) == len(CASES) >= 25


@pytest.mark.parametrize(
    ("name", "make"),
    [("missing", lambda p: None), ("folder", lambda p: p.mkdir())],
)
def test_a_weights_path_that_is_not_a_file_is_one_line(cli, graph, tmp_path, name, make):
    weights = tmp_path / "w.toml"
    make(weights)
    code, stderr = cli("score", graph, "--weights", weights)
    assert code == 2 and "w.toml" in one_line(stderr)


def test_values_on_the_edges_of_their_ranges_are_taken(cli, graph, tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text(
        "[priors]\nscarcity = 0\nlearning = 1\n[modality]\nhedged = 1.0\ndenied = 0\n"
        "[model]\ndefault_reliance = 1\nhalf_life_years = 1e-3\n"
        "saturation = { money = 1e15 }\n[sources]\ndefault = 0\n'Some Wire' = 1\n",
        encoding="utf-8",
    )
    code, stderr = cli("score", graph, "--weights", weights, "--format", "json")
    assert code == 0, stderr
    params = load_parameters(weights)
    assert (params.priors["scarcity"], params.priors["learning"]) == (0.0, 1.0)
    assert params.modality["hedged"] == 1.0 and params.half_life_years == 1e-3
    assert params.sources["Some Wire"] == 1.0 and params.saturation["money"] == 1e15
    assert params.saturation["power"] == 1e10  # the packaged value of a name not given


def test_an_empty_weights_file_is_the_packaged_defaults(tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text("", encoding="utf-8")
    assert load_parameters(weights) == load_parameters()
