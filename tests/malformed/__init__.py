"""A corpus of malformed (and edge-case valid) catalogue files.

Each file says what `modelsunset validate FILE` must do with it in its first line:

    # expect: exit=3 line=7 says="duplicate key 'openai'"

`exit` is the exit code; `line` the first line named on stderr (as ``FILE:LINE:``);
`says` words the report must contain. Files that cannot carry a first-line comment (an
empty file, a file in UTF-16) have their expectation in ``WITHOUT_HEADER`` below.

Also here: how the corpus and fuzz tests run the command, "today" pinned to PINNED_DATE.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import support
from support import Result, pinned_env

CORPUS = Path(__file__).parent
PINNED_DATE = "2026-02-14"


@dataclass(frozen=True)
class Expectation:
    exit: int
    line: int | None = None
    says: str | None = None


WITHOUT_HEADER = {
    "empty.yaml": Expectation(exit=3, line=1, says="empty"),
    "utf16.yaml": Expectation(exit=3, line=1, says="not UTF-8"),
}

_HEADER = re.compile(r"#\s*expect:\s*(?P<fields>.*)")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def expectation(path: Path) -> Expectation:
    """What the file's first line (or ``WITHOUT_HEADER``) says must happen."""
    if path.name in WITHOUT_HEADER:
        return WITHOUT_HEADER[path.name]
    first = path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    found = _HEADER.match(first.decode("ascii").rstrip("\r"))
    if found is None:
        raise ValueError(f"{path.name}: no `# expect:` line")
    fields = dict(token.split("=", 1) for token in shlex.split(found["fields"]))
    unknown = set(fields) - {"exit", "line", "says"}
    if unknown:
        raise ValueError(f"{path.name}: unknown expectation {sorted(unknown)}")
    return Expectation(
        exit=int(fields["exit"]),
        line=int(fields["line"]) if "line" in fields else None,
        says=fields.get("says"),
    )


def run(*args: str, cwd: Path | None = None, **env: str) -> Result:
    """``modelsunset ARGS`` in this process (``env``: variables to set too)."""
    return support.run(*args, env=pinned_env(MODELSUNSET_DATE=PINNED_DATE, **env), cwd=cwd)


def run_installed(*args: str, cwd: Path | None = None, timeout: float = 120, **env: str) -> Result:
    """``modelsunset ARGS`` as a real process, killed after ``timeout`` seconds."""
    return support.run_installed(
        *args, env=pinned_env(MODELSUNSET_DATE=PINNED_DATE, **env), cwd=cwd, timeout=timeout
    )


_WHERE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): ", re.MULTILINE)


def places(stderr: str, file: str) -> list[int]:
    """The line numbers stderr names for ``file``, in the order written."""
    return [int(m["line"]) for m in _WHERE.finditer(stderr) if m["file"] == file]
