"""Walking and reading: .gitignore, VCS folders, binaries, symlinks (loops too),
unreadable and undecodable files, suppression comments, lines and columns, streaming."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from check_support import write_tree

from modelsunset.check import scan as scan_module
from modelsunset.check.match import Matcher
from modelsunset.check.scan import Occurrence, Stats, scan

NAMES = {"gpt-4o": "gpt-4o", "gpt-4o-mini": "gpt-4o-mini", "gpt-4.5-preview": "gpt-4.5-preview"}


def run_scan(
    root: Path,
    *paths: str,
    excludes: tuple[str, ...] = (),
    gitignore: bool = True,
) -> tuple[list[Occurrence], Stats, list[str]]:
    notes: list[str] = []
    cwd = os.getcwd()
    os.chdir(root)
    try:
        found, stats = scan(
            list(paths) or ["."], Matcher.for_names(NAMES), excludes, gitignore, notes.append
        )
    finally:
        os.chdir(cwd)
    return found, stats, notes


def places(found: list[Occurrence]) -> list[str]:
    return [f"{item.path}:{item.line}:{item.column}:{item.match}" for item in found]


def test_lines_and_columns_count_from_one(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": 'x = "gpt-4o"\n\n  y = "é gpt-4o-mini"\r\ngpt-4o'})
    found, _, _ = run_scan(tmp_path)
    assert places(found) == ["a.py:1:6:gpt-4o", "a.py:3:10:gpt-4o-mini", "a.py:4:1:gpt-4o"]
    assert found[1].text == '  y = "é gpt-4o-mini"'


def test_a_byte_order_mark_is_not_a_column(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": b"\xef\xbb\xbfgpt-4o\n"})
    found, _, _ = run_scan(tmp_path)
    assert places(found) == ["a.py:1:1:gpt-4o"]


def test_paths_join_the_path_given(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/app.py": "gpt-4o\n", "src/sub/b.txt": "gpt-4o\n"})
    assert places(run_scan(tmp_path, ".")[0]) == [
        "src/app.py:1:1:gpt-4o",
        "src/sub/b.txt:1:1:gpt-4o",
    ]
    assert places(run_scan(tmp_path, "./src/")[0]) == [
        "src/app.py:1:1:gpt-4o",
        "src/sub/b.txt:1:1:gpt-4o",
    ]
    assert places(run_scan(tmp_path / "src", "sub")[0]) == ["sub/b.txt:1:1:gpt-4o"]
    assert places(run_scan(tmp_path, "src/app.py")[0]) == ["src/app.py:1:1:gpt-4o"]


def test_two_paths_reaching_one_file_scan_it_once(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/app.py": "gpt-4o\n"})
    assert places(run_scan(tmp_path, ".", "src")[0]) == ["src/app.py:1:1:gpt-4o"]


def test_gitignore_outside_a_repository(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.log\n!keep.log\n/top.txt\n",
            "build/out.py": "gpt-4o\n",
            "app.log": "gpt-4o\n",
            "keep.log": "gpt-4o\n",
            "top.txt": "gpt-4o\n",
            "sub/top.txt": "gpt-4o\n",
            "sub/.gitignore": "local.py\n",
            "sub/local.py": "gpt-4o\n",
            "other/local.py": "gpt-4o\n",
        },
    )
    found, stats, _ = run_scan(tmp_path)
    assert [item.path for item in found] == ["keep.log", "other/local.py", "sub/top.txt"]
    assert stats.ignored_files == 3
    everything, _, _ = run_scan(tmp_path, gitignore=False)
    assert len(everything) == 7


def test_gitignore_above_the_path_inside_a_repository(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "generated/\n",
            "pkg/src/generated/x.py": "gpt-4o\n",
            "pkg/src/real.py": "gpt-4o\n",
            ".git/info/exclude": "*.secret\n",
            "pkg/src/a.secret": "gpt-4o\n",
            ".git/config": "gpt-4o\n",
        },
    )
    found, _, _ = run_scan(tmp_path / "pkg", "src")
    assert [item.path for item in found] == ["src/real.py"]


def test_vcs_folders_are_skipped(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".git/HEAD": "gpt-4o\n",
            ".hg/x": "gpt-4o\n",
            ".svn/x": "gpt-4o\n",
            "sub/.git": "gitdir: ../.git/worktrees/sub\n",
            ".github/workflows/ci.yml": "model: gpt-4o\n",
        },
    )
    assert [item.path for item in run_scan(tmp_path)[0]] == [".github/workflows/ci.yml"]


def test_excludes_use_gitignore_patterns(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "tests/t.py": "gpt-4o\n",
            "docs/a.md": "gpt-4o\n",
            "src/a.py": "gpt-4o\n",
            "b.md": "gpt-4o",
        },
    )
    found, _, _ = run_scan(tmp_path, excludes=("tests/", "*.md"))
    assert [item.path for item in found] == ["src/a.py"]
    found, _, _ = run_scan(tmp_path, "src/a.py", "b.md", excludes=("*.md",))
    assert [item.path for item in found] == ["src/a.py"]


def test_binary_files_are_skipped(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "model.bin": b"\x00\x01gpt-4o\x00",
            "late.txt": b"gpt-4o\n" + b"x" * 9000 + b"\x00",
            "text.py": b"gpt-4o\n",
        },
    )
    found, stats, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["late.txt", "text.py"]
    assert stats.binary == 1
    assert notes == []


def test_symlinks_never_loop_and_never_leave_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.py": "gpt-4o\n"})
    tree = tmp_path / "tree"
    write_tree(tree, {"a/real.py": "gpt-4o\n"})
    (tree / "a" / "loop").symlink_to("..")
    (tree / "self").symlink_to(".")
    (tree / "away").symlink_to(outside)
    (tree / "away.py").symlink_to(outside / "secret.py")
    (tree / "again.py").symlink_to(tree / "a" / "real.py")
    (tree / "broken.py").symlink_to(tree / "missing.py")
    found, _, notes = run_scan(tree)
    assert [item.path for item in found] == ["a/real.py"]
    assert notes == []


def test_a_path_that_is_a_link_is_followed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"real/a.py": "gpt-4o\n"})
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert places(run_scan(tmp_path, "link")[0]) == ["link/a.py:1:1:gpt-4o"]


def test_fifos_are_not_read(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n"})
    os.mkfifo(tmp_path / "pipe")
    assert places(run_scan(tmp_path)[0]) == ["a.py:1:1:gpt-4o"]


def test_unreadable_files_are_noted_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n", "locked.py": "gpt-4o\n"})
    real_open = open

    def guarded(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("locked.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(scan_module, "open", guarded, raising=False)
    found, stats, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["a.py"]
    assert notes == ["warning: skipped locked.py: cannot read it (Permission denied)"]
    assert stats.skipped == [("locked.py", "cannot read it (Permission denied)")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_files_on_disk(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n", "locked.py": "gpt-4o\n", "shut/x.py": "gpt-4o"})
    (tmp_path / "locked.py").chmod(0)
    (tmp_path / "shut").chmod(0)
    try:
        found, _, notes = run_scan(tmp_path)
    finally:
        (tmp_path / "locked.py").chmod(0o644)
        (tmp_path / "shut").chmod(0o755)
    assert [item.path for item in found] == ["a.py"]
    assert len(notes) == 2


def test_undecodable_files_are_noted_and_skipped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"latin.py": "# café\ngpt-4o\n".encode("latin-1"), "ok.py": "gpt-4o"})
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["ok.py"]
    assert notes == ["warning: skipped latin.py: not UTF-8 text"]


def test_inline_suppression(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a.py": (
                'a = "gpt-4o"  # modelsunset: ignore\n'
                'b = "gpt-4o"\n'
                'c = "gpt-4o", "gpt-4o-mini"  # modelsunset: ignore[gpt-4o]\n'
                'd = "gpt-4o"  # modelsunset:ignore\n'
                'e = "gpt-4o"  # modelsunset: ignore[gpt-4o-mini]\n'
            )
        },
    )
    found, _, _ = run_scan(tmp_path)
    assert places(found) == ["a.py:2:6:gpt-4o", "a.py:3:16:gpt-4o-mini", "a.py:5:6:gpt-4o"]


def test_file_suppression_in_the_first_lines_only(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "quiet.py": "# modelsunset: ignore-file\n" + 'x = "gpt-4o"\n' * 3,
            "late.py": "\n" * 12 + "# modelsunset: ignore-file\n" + 'x = "gpt-4o"\n',
        },
    )
    found, _, _ = run_scan(tmp_path)
    assert places(found) == ["late.py:14:6:gpt-4o"]


@pytest.mark.parametrize("piece", [64, 97, 4096])
def test_streaming_gives_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    lines = []
    for number in range(400):
        if number % 7 == 0:
            lines.append(f'{"é" * (number % 5)}call("gpt-4o") and gpt-4.5-preview {number}')
        elif number % 11 == 0:
            lines.append("x" * 300 + " gpt-4o-mini " + "y" * 50)
        elif number == 50:
            lines.append('z = "gpt-4o"  # modelsunset: ignore')
        else:
            lines.append(f"filler line {number} gpt-4oo xgpt-4o")
    text = "\n".join(lines) + "\n" + "q" * 500 + "gpt-4o"
    write_tree(tmp_path, {"big.txt": text})
    whole, _, _ = run_scan(tmp_path)
    monkeypatch.setattr(scan_module, "PIECE", piece)
    streamed, stats, notes = run_scan(tmp_path)
    assert notes == []
    assert places(streamed) == places(whole)
    assert [item.text for item in streamed] == [item.text for item in whole]
    assert stats.bytes == len(text.encode())
    assert len(whole) > 100
    monkeypatch.setattr(scan_module, "LONG_LINE", 100)
    cut, _, _ = run_scan(tmp_path)
    assert places(cut) == places(whole)


def test_streaming_finds_undecodable_bytes_late(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"big.txt": b"gpt-4o\n" * 100 + b"\xff\n" + b"ok\n" * 50})
    monkeypatch.setattr(scan_module, "PIECE", 128)
    found, _, notes = run_scan(tmp_path)
    assert found == []
    assert notes == ["warning: skipped big.txt: not UTF-8 text"]


def test_a_split_multibyte_character_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"big.txt": ("é" * 1000 + " gpt-4o\n") * 3})
    monkeypatch.setattr(scan_module, "PIECE", 333)
    found, _, notes = run_scan(tmp_path)
    assert notes == []
    assert places(found) == [f"big.txt:{n}:1002:gpt-4o" for n in (1, 2, 3)]


def test_git_and_walk_agree_on_a_real_repository(tmp_path: Path) -> None:
    git = subprocess.run(["git", "--version"], capture_output=True)
    if git.returncode != 0:
        pytest.skip("git is not installed")
    files = {
        ".gitignore": "*.tmp\nbuild/\n!build/keep.py\nnested/**/deep.py\n",
        "a.py": "gpt-4o\n",
        "x.tmp": "gpt-4o\n",
        "build/keep.py": "gpt-4o\n",
        "build/drop.py": "gpt-4o\n",
        "nested/one/two/deep.py": "gpt-4o\n",
        "nested/one/ok.py": "gpt-4o\n",
        "lib/.gitignore": "*.py\n!main.py\n",
        "lib/main.py": "gpt-4o\n",
        "lib/util.py": "gpt-4o\n",
    }
    write_tree(tmp_path, files)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found, _, _ = run_scan(tmp_path)
    assert sorted(item.path for item in found) == sorted(
        name for name in listed if not name.endswith(".gitignore")
    )


def test_progress_waits_then_draws_one_line_and_clears_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from modelsunset.check import command

    clock = iter([0.0, 0.5, 1.5, 1.6, 2.0])
    monkeypatch.setattr(command.time, "monotonic", lambda: next(clock))
    progress = command._Progress()
    stats = Stats(files=3, bytes=2_000_000)
    for _ in range(4):
        progress(stats)
    progress.close()
    err = capsys.readouterr().err
    assert err == "\r\033[Kscanning: 3 files, 2 MB" * 2 + "\r\033[K"


def test_a_path_that_gitignore_names_is_scanned_when_asked_for(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "out/\n*.log\n",
            "out/tree/a.py": "gpt-4o\n",
            "out/tree/.gitignore": "skip.py\n",
            "out/tree/skip.py": "gpt-4o\n",
            "out/tree/x.log": "gpt-4o\n",
        },
    )
    assert [item.path for item in run_scan(tmp_path)[0]] == []
    found, _, _ = run_scan(tmp_path, "out/tree")
    assert [item.path for item in found] == ["out/tree/a.py", "out/tree/x.log"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_worker_processes_give_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    files: dict[str, str | bytes] = {}
    for number in range(300):
        files[f"d{number % 7}/f{number:03d}.py"] = f'x = "gpt-4o"\n{"y" * number}\n"gpt-9-{number}"'
    files["d3/bad.py"] = b"\xff gpt-4o"
    files["d5/blob.bin"] = b"\x00gpt-4o"
    write_tree(tmp_path, files)
    serial, serial_stats, serial_notes = run_scan(tmp_path)
    monkeypatch.setattr(scan_module, "PARALLEL_AFTER", 10)
    monkeypatch.setattr(scan_module, "BATCH", 7)
    monkeypatch.setattr(scan_module, "jobs_default", lambda: jobs)
    parallel, stats, notes = run_scan(tmp_path)
    assert places(parallel) == places(serial)
    assert notes == serial_notes == ["warning: skipped d3/bad.py: not UTF-8 text"]
    assert (stats.files, stats.bytes, stats.binary) == (
        serial_stats.files,
        serial_stats.bytes,
        serial_stats.binary,
    )


def test_unreadable_folders_are_noted_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n", "shut/x.py": "gpt-4o\n", "shut/.gitignore": "*\n"})
    real_scandir = os.scandir

    def guarded(path: str) -> object:
        if str(path).endswith("shut"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    found, stats, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["a.py"]
    assert notes == ["warning: skipped shut/: Permission denied"]
    assert stats.skipped == [("shut/", "Permission denied")]
