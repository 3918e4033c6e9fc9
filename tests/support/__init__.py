"""How tests run ``modelsunset``: one pinned environment and two runners.

``run`` runs the command in this process (Typer's ``CliRunner`` on the app ``main()``
would run, the environment and the working folder applied for the call and put back
after it), which costs a few milliseconds. ``run_installed`` runs the installed entry
point as a real process, which costs a start-up of Python each time: it is for what only
a real process shows (the entry point, ``python -m``, pipes and closed streams, signals,
the encoding of a real stdout, a terminal, Python's own warnings, a bounded wait). Both
return a ``subprocess.CompletedProcess`` with ``returncode``, ``stdout`` and ``stderr``.

Helpers for building catalogues are in ``support.builders``, those for ``check`` in
``support.check``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from unittest import mock

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent  # the checkout: README.md, docs/, retirements.yaml
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"
WAVE = FIXTURES / "wave.yaml"
TODAY = "2026-02-01"  # "today" in a pinned environment, unless a test says otherwise

Result = subprocess.CompletedProcess[str]
Arg = str | os.PathLike[str]
Cli = Callable[..., Result]  # the `cli` fixture: ``cli(*args, **extra_env)``
Runner = Callable[..., Result]  # ``run`` or ``run_installed``


def pinned_env(tmp: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment less the caller's modelsunset and GitHub settings, with
    no colour, width 100, English and "today" pinned (the catalogue's age is measured from
    it, so no test depends on the day it runs; nor on a locale such as LANG=zh_CN.UTF-8).
    With ``tmp``, the catalogue cache goes there."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MODELSUNSET_", "GITHUB_"))
        and key not in ("NO_COLOR", "COLUMNS", "LINES")
    }
    env.update(
        {"NO_COLOR": "1", "COLUMNS": "100", "MODELSUNSET_DATE": TODAY, "MODELSUNSET_LANG": "en"}
    )
    if tmp is not None:
        env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env.update(extra)
    return env


def run(*args: Arg, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Result:
    """``modelsunset ARGS`` in this process, in ``env`` (default: ``pinned_env()``) and
    ``cwd``: exactly that environment (what it leaves out is unset for the call)."""
    from typer.testing import CliRunner

    from modelsunset.cli import _only, app

    argv = [os.fspath(arg) for arg in args]
    wanted = dict(env) if env is not None else pinned_env()
    with contextlib.chdir(cwd or os.getcwd()), mock.patch.dict(os.environ, wanted, clear=True):
        # What `main()` runs: just the named command when the arguments name one (Typer's
        # reading; `check` read without Typer is held to it in test_check_argv.py).
        target = _only(argv) or app
        done = CliRunner().invoke(target, argv, catch_exceptions=False, prog_name="modelsunset")
    return subprocess.CompletedProcess(
        ["modelsunset", *argv], done.exit_code, done.stdout, done.stderr
    )


def command() -> list[str]:
    """The installed entry point: beside this Python (a virtual environment that is not
    activated), else on PATH, else the module."""
    beside = Path(sys.executable).parent / "modelsunset"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("modelsunset")
    return [found] if found else [sys.executable, "-m", "modelsunset"]


def run_installed(
    *args: Arg,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> Result:
    """``modelsunset ARGS`` as a real process of the installed command (output read as
    UTF-8, anything else replaced), killed after ``timeout`` seconds."""
    return subprocess.run(
        [*command(), *map(os.fspath, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=dict(env) if env is not None else pinned_env(),
        cwd=cwd,
        timeout=timeout,
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


def examples(full: int) -> int:
    """``max_examples`` for a test that wants ``full`` examples under the ``ci`` profile:
    scaled by the profile in use (see ``conftest``), never below one."""
    from hypothesis import settings

    ci = settings.get_profile("ci").max_examples
    return max(1, round(full * settings.default.max_examples / ci))


def git_untracked(root: Path, init: bool = False) -> list[str]:
    """The files git lists in ``root`` as untracked and not ignored (``git ls-files
    --others --exclude-standard``): what git's own reading of the ignore files keeps.
    ``init``: make ``root`` a repository first."""
    if init:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """``files`` (path: text or bytes) written under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
