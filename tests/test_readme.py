"""The README's shell commands paste into bash as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

import pytest

from vendorgraph.loaders.documents import read_document

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_lines(text: str) -> list[str]:
    """Return the command lines of the ```bash blocks, comments and blank lines left out."""
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _words(line: str) -> list[str]:
    """Split a line as bash would: unquoted `>`, `|`, `<`, `;`, `&` become their own words."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


COMMANDS = _bash_lines(README)


def test_the_readme_has_shell_commands():
    assert len(COMMANDS) > 30


@pytest.mark.parametrize("line", COMMANDS)
def test_no_unquoted_redirect_or_pipe(line):
    operators = [w for w in _words(line) if w and set(w) <= set("<>|&;()")]
    assert set(operators) <= {"&&"}, f"quote the argument holding {operators}: {line}"


def test_the_check_catches_an_unquoted_arrow():
    line = "vendorgraph whatif graph.trig --substitute AWS:Nvidia->AMD=0.5"
    assert ">" in _words(line)
    assert ">" not in _words(line.replace("AWS:Nvidia->AMD=0.5", "'AWS:Nvidia->AMD=0.5'"))


def test_setup_makes_a_venv_runs_the_main_job_without_a_server_and_runs_the_tests():
    assert "python3 -m venv .venv && . .venv/bin/activate" in COMMANDS
    main_job = [c for c in COMMANDS if "vendorgraph build examples/" in c and "score" in c]
    assert main_job, "a set-up line builds the embedded example and scores it"
    assert "NEO4J" not in main_job[0] and "neo4j" not in main_job[0]
    assert any(c.endswith("python -m pytest -q") for c in COMMANDS)


def test_every_file_a_command_names_under_examples_exists():
    named = {w for c in COMMANDS for w in _words(c) if w.startswith("examples/")}
    assert named
    assert [w for w in sorted(named) if not (ROOT / w).exists()] == []


def test_the_article_id_to_remove_is_the_follow_up_example():
    document = read_document(ROOT / "examples" / "helioscale-follow-up.md")
    (remove,) = [c for c in COMMANDS if c.startswith("vendorgraph remove ")]
    assert _words(remove)[3] == document.id


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git clone"
)
def test_every_output_a_command_writes_is_ignored_by_git():
    outputs = set()
    for c in COMMANDS:
        words = _words(c)
        outputs |= {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-o", "--output")}
    assert "graph.trig" in outputs
    found = subprocess.run(
        ["git", "check-ignore", "--no-index", *sorted(outputs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sorted(found.stdout.split()) == sorted(outputs)
