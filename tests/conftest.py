"""Shared test helpers: running the installed command in a pinned environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

Cli = Callable[..., "subprocess.CompletedProcess[str]"]
FIXTURES = Path(__file__).parent / "fixtures"
WAVE = FIXTURES / "wave.yaml"


def command() -> list[str]:
    """The installed entry point: beside this Python (a virtual environment that is not
    activated), else on PATH, else the module."""
    beside = Path(sys.executable).parent / "modelsunset"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("modelsunset")
    return [found] if found else [sys.executable, "-m", "modelsunset"]


def pinned_env(tmp: Path | None = None, **extra: str) -> dict[str, str]:
    """An environment with nothing of the caller's modelsunset settings in it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MODELSUNSET_") and key not in ("NO_COLOR", "COLUMNS", "LINES")
    }
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "MODELSUNSET_DATE": "2026-02-01"})
    if tmp is not None:
        env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env.update(extra)
    return env


def run(
    *args: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(), *map(str, args)],
        capture_output=True,
        text=True,
        env=dict(env) if env is not None else pinned_env(),
        cwd=cwd,
        timeout=120,
    )


def on_a_terminal(args: list[str], env: Mapping[str, str], cwd: Path | None = None) -> str:
    """``modelsunset ARGS`` with stdout on a pseudo-terminal: what it printed there."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command(), *args], stdout=follower, stderr=subprocess.PIPE, env=dict(env), cwd=cwd
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.communicate(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the catalogue cache of test runs away from the user's own."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``cli("status", "--date", ...)`` runs the command against the test catalogue."""

    shutil.copy(WAVE, tmp_path / "wave.yaml")

    def call(*args: str | os.PathLike[str], **extra: str) -> subprocess.CompletedProcess[str]:
        # A relative path, so that output naming the file is the same on every machine.
        env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE="wave.yaml", **extra)
        return run(*args, env=env, cwd=tmp_path)

    return call
