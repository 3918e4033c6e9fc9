"""Fixtures, and the Hypothesis profiles.

Profiles, chosen by ``HYPOTHESIS_PROFILE`` (default ``dev``):

- ``dev``: a tenth of the examples, for a quick run while working.
- ``ci``: the full counts (CI sets it in ``.ci/run``).

Tests do not name example counts in ``@settings``: a test takes the profile's
``max_examples``, or ``max_examples=examples(N)`` (from ``support``) when it wants N
examples under ``ci``: N scaled by the profile (a tenth of N, at least one, under
``dev``), so the tests' counts keep their ratio in either profile. Deadlines and health
checks stay in the tests that need them.

Tests that take seconds are marked ``slow`` (a 20 MB catalogue, signals, the biggest
fuzz runs): they run by default and in CI; ``pytest -m "not slow"`` leaves them out.

The helpers for running the command (in this process, or as a real process where only
one shows the behaviour) are in ``support``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from support import WAVE, Cli, Result, pinned_env, run

settings.register_profile("ci", max_examples=100, print_blob=True)  # Hypothesis' default count
settings.register_profile("dev", max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the catalogue cache of test runs away from the user's own."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``cli("status", "--date", ...)`` runs the command, in this process, against the test
    catalogue, in ``tmp_path`` with a cache of its own (``cli(..., NAME="value")`` sets an
    environment variable too)."""

    shutil.copy(WAVE, tmp_path / "wave.yaml")

    def call(*args: str | os.PathLike[str], **extra: str) -> Result:
        # A relative path, so that output naming the file is the same on every machine.
        env = pinned_env(tmp_path, **{"MODELSUNSET_CATALOGUE": "wave.yaml", **extra})
        return run(*args, env=env, cwd=tmp_path)

    return call
