"""Shared fixtures: paths to the inputs in ../shared, skipped with a reason when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared inputs live beside the repo (CI has them)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repo."""
    return _need(SHARED)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article."""
    return _need(SHARED / "seeds" / "aws-nvidia-1m-gpus.txt")


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The annotated dev corpus."""
    return _need(SHARED / "corpus" / "dev")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Small fixtures the project wrote itself."""
    return DATA
