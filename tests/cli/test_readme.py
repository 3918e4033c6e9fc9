"""The README's examples are real: every ```console block is run and compared.

Each ``$ command`` line runs in bash, in a fresh folder, with the installed
``modelsunset`` first on PATH, the bundled catalogue, width 100, no colour and
MODELSUNSET_DATE=2026-12-02; the lines after it are what it prints (stdout, and stderr
when the command redirects it). Regenerate after an intended change with
``MODELSUNSET_UPDATE_GOLDEN=1 pytest tests/cli/test_readme.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from support import command, pinned_env

README = Path(__file__).parent.parent.parent / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLE_DATE = "2026-12-02"


def _blocks(text: str) -> list[re.Match[str]]:
    return list(BLOCK.finditer(text))


def _split(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(cmd, "".join(out + "\n" for out in lines)) for cmd, lines in pairs]


def _run(cmd: str, folder: Path) -> str:
    bin_dir = Path(command()[0]).parent if len(command()) == 1 else None
    env = pinned_env(folder.parent, MODELSUNSET_DATE=EXAMPLE_DATE)
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", cmd], capture_output=True, text=True, env=env, cwd=folder, timeout=120
    )
    return done.stdout


def _examples() -> list[tuple[int, int]]:
    text = README.read_text(encoding="utf-8")
    return [(index, len(_split(m.group(1)))) for index, m in enumerate(_blocks(text))]


@pytest.mark.parametrize(("index", "count"), _examples())
def test_readme_example(index: int, count: int, tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    match = _blocks(text)[index]
    pairs = _split(match.group(1))
    work = tmp_path / "work"  # the cache folder stays outside what `check .` scans
    work.mkdir()
    actual = [(cmd, _run(cmd, work)) for cmd, _ in pairs]
    if os.environ.get("MODELSUNSET_UPDATE_GOLDEN"):
        body = "".join(f"$ {cmd}\n{out}" for cmd, out in actual)
        text = text[: match.start(1)] + body + text[match.end(1) :]
        README.write_text(text, encoding="utf-8")
        return
    for (cmd, expected), (_, got) in zip(pairs, actual, strict=True):
        assert got == expected, f"README example `{cmd}` prints something else now"
