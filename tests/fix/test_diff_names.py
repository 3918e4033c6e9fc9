"""The names in ``fix``'s diff: quoted as git quotes them, so that a name cannot forge a
header or reach a terminal raw, and ``patch`` and ``git apply`` read it back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import command, pinned_env
from support.check import D, project

from modelsunset.fix.apply import diff, quoted_name

NEWLINES = "x\n+++ evil.py\nq.py"


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("src/app.py", "a/src/app.py", "b/src/app.py"),  # nothing to quote: as it is
        ("/abs/app.py", "/abs/app.py", "/abs/app.py"),
        ("my file.py", "a/my file.py\t", "b/my file.py\t"),  # a space: a tab ends it
        (NEWLINES, '"a/x\\n+++ evil.py\\nq.py"\t', '"b/x\\n+++ evil.py\\nq.py"\t'),
        ("e\033[2Jn.py", '"a/e\\033[2Jn.py"', '"b/e\\033[2Jn.py"'),
        ('say "hi".py', '"a/say \\"hi\\".py"\t', '"b/say \\"hi\\".py"\t'),
        ("back\\slash.py", '"a/back\\\\slash.py"', '"b/back\\\\slash.py"'),
        ("tab\there.py", '"a/tab\\there.py"', '"b/tab\\there.py"'),
        ("cr\r.py", '"a/cr\\r.py"', '"b/cr\\r.py"'),
        ("bell\a\b\v\f.py", '"a/bell\\a\\b\\v\\f.py"', '"b/bell\\a\\b\\v\\f.py"'),
        ("del\x7f.py", '"a/del\\177.py"', '"b/del\\177.py"'),
        ("café.py", '"a/caf\\303\\251.py"', '"b/caf\\303\\251.py"'),
        ("not-utf8-\udce9.py", '"a/not-utf8-\\351.py"', '"b/not-utf8-\\351.py"'),
    ],
)
def test_names_in_the_headers_are_quoted_as_git_quotes_them(path: str, old: str, new: str) -> None:
    made = diff(path, b'a = "gpt-4-0314"\n', b'a = "gpt-4.1"\n')
    header = made.split(b"\n@@ ")[0].decode("ascii")
    assert header == f"--- {old}\n+++ {new}"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.py", "plain.py"),
        ("a b.py", "a b.py"),  # a space needs no quotes
        ("\n", '"\\n"'),
        ("\x00\x01\x1f", '"\\000\\001\\037"'),
        ("日本", '"\\346\\227\\245\\346\\234\\254"'),
    ],
)
def test_quoted_name(name: str, shown: str) -> None:
    assert quoted_name(name) == shown


HOSTILE = [NEWLINES, "e\033[2Jn.py", 'q"uote\\d.py', "café dir/n.py", "plain.py"]


@pytest.mark.skipif(sys.platform == "win32", reason="names with newlines and control bytes")
@pytest.mark.parametrize("tool", ["git", "patch"])
def test_patch_and_git_apply_read_the_names_back(tmp_path: Path, tool: str) -> None:
    """A real process: what reaches stdout has no control byte but the newlines that end
    its lines, no header a name made, and applies to the files it names."""
    if shutil.which(tool) is None:
        pytest.skip(f"no {tool}")
    files = {f"t/{name}": 'a = "gpt-4-0314"\n' for name in HOSTILE}
    repo = project(tmp_path, files)
    done = subprocess.run(
        [*command(), "fix", "t", "--catalogue", str(tmp_path / "catalogue.yaml")],
        capture_output=True,
        env=pinned_env(MODELSUNSET_DATE=D),
        cwd=repo,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert all(byte >= 0x20 or byte in b"\t\n" for byte in out)
    assert not any(byte >= 0x80 for byte in out)
    headers = [line for line in out.split(b"\n") if line.startswith((b"--- ", b"+++ "))]
    assert len(headers) == 2 * len(HOSTILE)
    assert b"+++ evil.py" not in out.split(b"\n")
    if tool == "git":
        apply = ["git", "apply", "--unsafe-paths", "-"]
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    else:
        apply = ["patch", "-s", "-p1"]
    applied = subprocess.run(apply, input=out, cwd=repo, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    for name in HOSTILE:
        assert (repo / "t" / name).read_text(encoding="utf-8") == 'a = "gpt-4.1"\n', name
    assert not os.path.exists(repo / "evil.py")
