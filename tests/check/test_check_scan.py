"""Walking and reading: .gitignore (bad lines too), VCS folders, binaries, symlinks (loops
too), unreadable files, files in other encodings, suppression comments, lines and
columns, excerpts of long lines, streaming."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import git_untracked, write_tree
from support.check import D, check, project

from modelsunset.check import ignore as ignore_module
from modelsunset.check import occurrences as occurrences_module
from modelsunset.check import pool as pool_module
from modelsunset.check import read as read_module
from modelsunset.check import scan as scan_module
from modelsunset.check import worker as worker_module
from modelsunset.check.match import Matcher
from modelsunset.check.scan import Occurrence, Stats, scan
from modelsunset.check.suppress import ignores_whole_file

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


def test_a_fifo_given_as_path_is_a_usage_error(tmp_path: Path) -> None:
    from modelsunset.errors import UsageError

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UsageError, match="cannot scan pipe: it is a pipe, not a file or folder"):
        run_scan(tmp_path, "pipe")


def test_unreadable_files_are_noted_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n", "locked.py": "gpt-4o\n"})
    real_open = open

    def guarded(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("locked.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(read_module, "open", guarded, raising=False)
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


def test_files_in_other_encodings_are_searched_too(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "latin.py": "# café\nx = 'déjà vu' + \"gpt-4o\"\n".encode("latin-1"),
            "cp1252.txt": "“gpt-4.5-preview” £5\n".encode("cp1252"),
            "ok.py": "gpt-4o",
        },
    )
    found, stats, notes = run_scan(tmp_path)
    assert notes == []
    assert stats.skipped == []
    # Each byte that is not UTF-8 is one character: the columns an editor reading the
    # file as Latin-1 or cp1252 shows.
    assert places(found) == [
        "cp1252.txt:1:2:gpt-4.5-preview",
        "latin.py:2:18:gpt-4o",
        "ok.py:1:1:gpt-4o",
    ]
    assert found[0].text == "\ufffdgpt-4.5-preview\ufffd \ufffd5"
    assert found[1].text == "x = 'd\ufffdj\ufffd vu' + \"gpt-4o\""


def test_utf16_files_are_binary(tmp_path: Path) -> None:
    write_tree(tmp_path, {"wide.txt": "gpt-4o\n".encode("utf-16")})
    found, stats, _ = run_scan(tmp_path)
    assert (found, stats.binary) == ([], 1)


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
                'f = "gpt-4o", "gpt-4o-mini"  # modelsunset: ignore [gpt-4o]\n'
                'g = "gpt-4o"  # modelsunset: ignored because it is legacy\n'
                'h = "gpt-4o"  # modelsunset:ignore-next\n'
                "gpt-4o <!-- modelsunset: ignore-->\n"
                "gpt-4o gpt-4o-mini <!-- modelsunset: ignore[gpt-4o]-->\n"
                "gpt-4o gpt-4o-mini  # modelsunset: ignore[gpt-4o]x\n"
            )
        },
    )
    found, _, _ = run_scan(tmp_path)
    assert places(found) == [
        "a.py:2:6:gpt-4o",
        "a.py:3:16:gpt-4o-mini",
        "a.py:5:6:gpt-4o",
        "a.py:6:16:gpt-4o-mini",  # a space before the list is still the list
        "a.py:7:6:gpt-4o",  # `ignored` and `ignore-next` are not `ignore`
        "a.py:8:6:gpt-4o",
        "a.py:10:8:gpt-4o-mini",  # `ignore-->` ends an HTML comment: line 9 is ignored
        "a.py:11:1:gpt-4o",  # a list then junk is not `ignore` of everything
        "a.py:11:8:gpt-4o-mini",
        "a.py:11:43:gpt-4o",  # (the id in the comment too, as nothing is suppressed)
    ]


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


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        (b"# modelsunset: ignore-file", True),  # no line end at all
        (b"\n" * 9 + b"# modelsunset: ignore-file\n", True),  # the tenth line
        (b"\r\n" * 9 + b"// modelsunset:ignore-file\r\n", True),
        (b"\n" * 10 + b"# modelsunset: ignore-file\n", False),  # the eleventh
        (b"x" * 100_000 + b" modelsunset: ignore-file", True),  # one long first line
        (b"# modelsunset: ignore-files\n", False),
        (b"# modelsunset: ignore\n", False),
        (b"# modelsunset\n" * 9 + b"# ignore-file\n" + b"# modelsunset: ignore-file\n", False),
        (b"", False),
    ],
)
def test_which_files_ask_to_be_left_out_whole(text: bytes, ignored: bool) -> None:
    assert ignores_whole_file(text) is ignored


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
    monkeypatch.setattr(read_module, "PIECE", piece)
    # Read in one process: pieces this small would fork hundreds of times (pieces read
    # two at a time, one beside, are test_check_beside.py's).
    monkeypatch.setattr("modelsunset.check.scan.usable_cores", lambda: 1)
    streamed, stats, notes = run_scan(tmp_path)
    assert notes == []
    assert places(streamed) == places(whole)
    assert [item.text for item in streamed] == [item.text for item in whole]
    assert stats.bytes == len(text.encode())
    assert len(whole) > 100
    monkeypatch.setattr(read_module, "LONG_LINE", 100)
    cut, _, _ = run_scan(tmp_path)
    assert places(cut) == places(whole)


def test_streaming_a_file_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "caf\xe9 \xa3 \u201cgpt-4o\u201d ".encode("cp1252")
    write_tree(tmp_path, {"big.txt": line * 40 + b"\n" + (b"\xff gpt-4o\n" * 100)})
    whole, _, _ = run_scan(tmp_path)
    assert len(whole) == 140
    for piece in (64, 128):
        monkeypatch.setattr(read_module, "PIECE", piece)
        monkeypatch.setattr(read_module, "LONG_LINE", 100)
        streamed, _, notes = run_scan(tmp_path)
        assert notes == []
        assert places(streamed) == places(whole)


def test_a_split_multibyte_character_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"big.txt": ("é" * 1000 + " gpt-4o\n") * 3})
    monkeypatch.setattr(read_module, "PIECE", 333)
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
    listed = git_untracked(tmp_path, init=True)
    found, _, _ = run_scan(tmp_path)
    assert sorted(item.path for item in found) == sorted(
        name for name in listed if not name.endswith(".gitignore")
    )


@pytest.mark.parametrize("absolute", [False, True])
def test_a_worktree_reads_the_info_exclude_of_the_common_git_folder(
    tmp_path: Path, absolute: bool
) -> None:
    # In a worktree, .git is a file naming the worktree's git folder, whose `commondir`
    # leads to the main repository's, where info/exclude lives.
    gitdir = tmp_path / "main/.git/worktrees/wt" if absolute else "../main/.git/worktrees/wt"
    write_tree(
        tmp_path,
        {
            "main/.git/HEAD": "ref: refs/heads/main\n",
            "main/.git/info/exclude": "*.log\n",
            "main/.git/worktrees/wt/HEAD": "ref: refs/heads/wt\n",
            "main/.git/worktrees/wt/commondir": "../..\n",
            "wt/.git": f"gitdir: {gitdir}\n",
            "wt/pkg/a.log": "gpt-4o\n",
            "wt/pkg/b.py": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path / "wt", "pkg")
    assert [item.path for item in found] == ["pkg/b.py"]
    assert notes == []


def test_a_submodule_reads_its_own_info_exclude(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "super/.git/HEAD": "ref: refs/heads/main\n",
            "super/.git/info/exclude": "*.py\n",
            "super/.git/modules/sub/HEAD": "ref: refs/heads/main\n",
            "super/.git/modules/sub/info/exclude": "*.log\n",
            "super/sub/.git": "gitdir: ../.git/modules/sub\n",
            "super/sub/a.log": "gpt-4o\n",
            "super/sub/b.py": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path / "super" / "sub")
    assert [item.path for item in found] == ["b.py"]
    assert notes == []


def test_a_git_file_without_info_exclude_is_no_warning(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "main/.git/worktrees/wt/commondir": "../..\n",
            "wt/.git": "gitdir: ../main/.git/worktrees/wt\n",
            "wt/b.py": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path / "wt")
    assert [item.path for item in found] == ["b.py"]
    assert notes == []


def test_a_git_file_that_names_no_git_folder_is_noted(tmp_path: Path) -> None:
    write_tree(tmp_path, {"wt/.git": "not what git writes\n", "wt/b.py": "gpt-4o\n"})
    found, _, notes = run_scan(tmp_path / "wt")
    assert [item.path for item in found] == ["b.py"]
    assert notes == [
        "warning: .git does not say where its git folder is ('gitdir: PATH'); "
        "its info/exclude is not read"
    ]


def test_git_and_walk_agree_in_a_real_worktree(tmp_path: Path) -> None:
    git = subprocess.run(["git", "--version"], capture_output=True)
    if git.returncode != 0:
        pytest.skip("git is not installed")
    main, worktree = tmp_path / "main", tmp_path / "wt"
    main.mkdir()
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=main, check=True)
    subprocess.run(
        ["git", *identity, "commit", "-q", "--allow-empty", "-m", "x"], cwd=main, check=True
    )
    subprocess.run(["git", "worktree", "add", "-q", str(worktree)], cwd=main, check=True)
    assert (worktree / ".git").is_file()
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("*.log\n", encoding="utf-8")
    write_tree(worktree, {"a.log": "gpt-4o\n", "b.py": "gpt-4o\n", "sub/c.log": "gpt-4o\n"})
    listed = git_untracked(worktree)
    found, _, notes = run_scan(worktree)
    assert listed == ["b.py"]
    assert [item.path for item in found] == listed
    assert notes == []


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


# (SHARE_AFTER, PARALLEL_AFTER, PARALLEL_BYTES): every worker from the tenth file; this
# process and one worker from the tenth; the same, then every worker from the 150th; the
# same, then every worker once 20 KB more are read.
MODES = {
    "workers": (10**6, 10, 1 << 30),
    "shared": (10, 10**6, 1 << 30),
    "shared, then workers": (10, 150, 1 << 30),
    "shared, then workers by bytes": (10, 10**6, 20_000),
}


def in_mode(monkeypatch: pytest.MonkeyPatch, mode: str, jobs: int, batch: int) -> None:
    """The scan shares its work as ``MODES[mode]`` says, with ``jobs`` workers at most and
    ``batch`` files a batch."""
    share_after, parallel_after, parallel_bytes = MODES[mode]
    monkeypatch.setattr(scan_module, "SHARE_AFTER", share_after)
    monkeypatch.setattr(scan_module, "PARALLEL_AFTER", parallel_after)
    monkeypatch.setattr(scan_module, "PARALLEL_BYTES", parallel_bytes)
    monkeypatch.setattr(pool_module, "BATCH", batch)
    monkeypatch.setattr(pool_module, "jobs_default", lambda: jobs)


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_worker_processes_give_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, mode: str
) -> None:
    files: dict[str, str | bytes] = {}
    for number in range(300):
        files[f"d{number % 7}/f{number:03d}.py"] = f'x = "gpt-4o"\n{"y" * number}\n"gpt-9-{number}"'
    files["d3/latin.py"] = b"\xff gpt-4o"
    files["d5/blob.bin"] = b"\x00gpt-4o"
    files["d6/.gitignore"] = "!\n*.log\n"
    files["d6/x.log"] = "gpt-4o"
    for folder in range(7):
        files[f"d{folder}/sub/g.py"] = 'x = "gpt-4o"\n'
    write_tree(tmp_path, files)
    # Folders and files that cannot be read, early, late and in between: the notes and
    # the skipped entries of the walk and of the files keep their walk order.
    real_scandir, real_open = os.scandir, read_module._without_waiting

    def scandir(path: Any) -> Any:
        if str(path).endswith(("d2/sub", "d5/sub")):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def opener(path: str, flags: int) -> int:
        if path.endswith(("f007.py", "f150.py", "f299.py", "d4/sub/g.py")):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(read_module, "_without_waiting", opener)
    serial, serial_stats, serial_notes = run_scan(tmp_path)
    in_mode(monkeypatch, mode, jobs, batch=7)
    started: list[int] = []
    start_one = pool_module.Workers._start_one

    def counted(self: pool_module.Workers, *args: Any) -> None:
        started.append(len(self.processes))
        start_one(self, *args)

    monkeypatch.setattr(pool_module.Workers, "_start_one", counted)
    parallel, stats, notes = run_scan(tmp_path)
    # One process reads alone (--jobs 1); else one worker while this process shares the
    # work, and every worker once the tree is big.
    wanted = 0 if jobs == 1 else 1 if mode == "shared" else jobs
    assert len(started) == wanted
    assert places(parallel) == places(serial)
    assert "d3/latin.py:1:3:gpt-4o" in places(parallel)
    assert "d6/x.log:1:1:gpt-4o" not in places(parallel)
    assert notes == serial_notes
    assert "warning: d6/.gitignore:1: '!' is not a gitignore pattern; left out" in notes
    assert len(notes) == 7  # the ignore file, two folders and four files
    assert stats.skipped == serial_stats.skipped
    assert (stats.files, stats.bytes, stats.binary) == (
        serial_stats.files,
        serial_stats.bytes,
        serial_stats.binary,
    )


def test_workers_spawned_where_processes_cannot_be_forked_give_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        tmp_path, {f"f{number:03d}.py": f'x = "gpt-4o"\n"gpt-9-{number}"\n' for number in range(40)}
    )
    serial = run_scan(tmp_path)
    in_mode(monkeypatch, "workers", jobs=2, batch=7)
    monkeypatch.delattr(os, "fork")  # as on Windows: multiprocessing spawns them
    found, stats, notes = run_scan(tmp_path)
    assert places(found) == places(serial[0])
    assert (stats.files, stats.bytes, notes) == (serial[1].files, serial[1].bytes, serial[2])


def test_no_worker_is_forked_while_other_threads_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    write_tree(tmp_path, {f"f{number:03d}.py": 'x = "gpt-4o"\n' for number in range(60)})
    serial = run_scan(tmp_path)
    in_mode(monkeypatch, "workers", jobs=2, batch=3)

    def refused(self: pool_module.Workers) -> None:
        raise AssertionError("a worker was forked while another thread ran")

    monkeypatch.setattr(pool_module.Workers, "_start_one", refused)
    answers: list[tuple[list[Occurrence], Stats, list[str]] | AssertionError] = []

    def scanned() -> None:
        try:
            answers.append(run_scan(tmp_path))
        except AssertionError as exc:
            answers.append(exc)

    # The scan in a thread while another one runs (as a library caller's may).
    threads = [threading.Thread(target=scanned)]
    stop = threading.Event()
    threads.append(threading.Thread(target=stop.wait))
    threads[1].start()
    threads[0].start()
    threads[0].join()
    stop.set()
    threads[1].join()
    (answer,) = answers
    assert not isinstance(answer, AssertionError), answer
    found, stats, notes = answer
    assert places(found) == places(serial[0])
    assert (stats.files, notes) == (serial[1].files, serial[2])
    assert pool_module.workers_for(2) == 2  # none running now: workers again


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="open files are told by /proc")
@pytest.mark.parametrize("fails", ["fork", "first pipe", "second pipe"])
def test_a_worker_that_cannot_be_started_fails_the_scan_and_leaks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    from modelsunset.check import forked

    write_tree(tmp_path, {f"f{number:03d}.py": 'x = "gpt-4o"\n' for number in range(60)})
    in_mode(monkeypatch, "workers", jobs=2, batch=3)
    real_pipe = forked.pipe
    pipes: list[int] = []

    def pipe() -> tuple[forked.End, forked.End]:
        pipes.append(1)
        if (fails, len(pipes)) in (("first pipe", 1), ("second pipe", 2)):
            raise OSError(24, "Too many open files")
        return real_pipe()

    def fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked, "pipe", pipe)
    if fails == "fork":
        monkeypatch.setattr(os, "fork", fork)
    open_before = sorted(os.listdir("/proc/self/fd"))
    with pytest.raises(pool_module.WorkerNotStarted) as failed:
        run_scan(tmp_path)
    assert failed.value.exit_code == 2
    reason = "Too many open files" if "pipe" in fails else "Resource temporarily unavailable"
    assert failed.value.render() == (
        f"error: cannot start a worker process of the scan: {reason}\n"
        "  hint: run check again; with --jobs 1 it reads every file in one process"
    )
    assert sorted(os.listdir("/proc/self/fd")) == open_before


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_worker_that_dies_makes_the_scan_fail_never_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    write_tree(tmp_path, {f"f{number:03d}.py": 'x = "gpt-4o"\n' for number in range(60)})
    in_mode(monkeypatch, mode, jobs=2, batch=3)
    # Killed as the out-of-memory killer would: gone at once, without a word.
    monkeypatch.setattr(worker_module, "work", lambda *args: os._exit(9))
    with pytest.raises(pool_module.WorkerLost) as lost:
        run_scan(tmp_path)
    assert lost.value.exit_code == 2
    assert "scan is incomplete" in lost.value.render()


@pytest.mark.parametrize(
    ("jobs", "cores", "workers"),
    [(None, 2, 2), (0, 2, 2), (None, 64, 8), (1, 2, 1), (8, 2, 8), (9, 2, 8), (256, 2, 8)],
)
def test_worker_processes_are_at_most_four_per_core(
    monkeypatch: pytest.MonkeyPatch, jobs: int | None, cores: int, workers: int
) -> None:
    monkeypatch.setattr(pool_module, "usable_cores", lambda: cores)
    assert pool_module.workers_for(jobs) == workers


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


def test_a_long_line_of_many_hits_keeps_a_window_of_it_per_hit(tmp_path: Path) -> None:
    # 10,000 hits on one 190 KB line: each occurrence keeps at most EXCERPT characters
    # of the line (not the whole line), so memory grows with the hits, not hits x line.
    count = 10_000
    write_tree(tmp_path, {"long.py": "x = [" + '"gpt-4.5-preview", ' * count + "]\n"})
    found, _, _ = run_scan(tmp_path)
    assert len(found) == count
    assert [item.column for item in found[:3]] == [7, 26, 45]
    assert found[-1].column == 5 + 19 * (count - 1) + 2
    assert all(len(item.text) <= occurrences_module.EXCERPT for item in found)
    assert sum(len(item.text) for item in found) <= count * occurrences_module.EXCERPT
    middle = found[count // 2].text
    assert middle.startswith("…") and middle.endswith("…")
    assert '"gpt-4.5-preview"' in middle
    assert found[0].text.startswith('x = ["gpt-4.5-preview", ')
    assert found[-1].text.endswith('"gpt-4.5-preview", ]')


@pytest.mark.parametrize("before", [0, 1, 95, 150, 5000])
def test_excerpts_cut_around_the_id_at_whole_characters(tmp_path: Path, before: int) -> None:
    line = "é" * before + " gpt-4o " + "ü" * 300
    write_tree(tmp_path, {"a.txt": line + "\r\n"})
    (item,) = run_scan(tmp_path)[0]
    assert item.column == before + 2
    assert len(item.text) <= occurrences_module.EXCERPT
    assert "\ufffd" not in item.text
    assert " gpt-4o " in item.text
    assert item.text.strip("…") in line
    assert item.text.endswith("…")
    assert item.text.startswith("…") == (before > 100)


def test_short_lines_are_kept_whole(tmp_path: Path) -> None:
    line = "x" * 150 + ' "gpt-4o" ' + "y" * 39
    write_tree(tmp_path, {"a.txt": line + "\r\n"})
    (item,) = run_scan(tmp_path)[0]
    assert item.text == line


def test_an_ignore_file_line_that_is_no_pattern_is_left_out_with_a_note(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "*.log\n!\n\\\n",
            "sub/.gitignore": "# fine\nbuild/\nx\\\n",
            "a.log": "gpt-4o\n",
            "sub/build/b.py": "gpt-4o\n",
            "sub/c.py": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["sub/c.py"]
    assert notes == [
        "warning: .gitignore:2: '!' is not a gitignore pattern; left out",
        "warning: .gitignore:3: '\\\\' is not a gitignore pattern; left out",
        "warning: sub/.gitignore:3: 'x\\\\' is not a gitignore pattern; left out",
    ]


def test_an_ignore_file_line_python_cannot_compile_is_left_out_with_a_note(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "*.log\n[z-a]\nx[b-a]/\nbuild/\n",
            "a.log": "gpt-4o\n",
            "build/b.py": "gpt-4o\n",
            "c.py": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["c.py"]
    assert notes == [
        "warning: .gitignore:2: '[z-a]' is not a pattern modelsunset can read "
        "(bad character range z-a); left out",
        "warning: .gitignore:3: 'x[b-a]/' is not a pattern modelsunset can read "
        "(bad character range b-a); left out",
    ]


@pytest.mark.parametrize("pattern", ["!", "\\", "x\\", "[z-a]", "[a-\\]", "a/[9-0]/b"])
def test_patterns_that_cannot_be_used_are_told_apart(pattern: str) -> None:
    assert scan_module.pattern_problem(pattern) is not None


@pytest.mark.parametrize("pattern", ["*.md", "[a-z]", "[[x]", "!keep.md", "/build/", "[]"])
def test_patterns_that_can_be_used(pattern: str) -> None:
    assert scan_module.pattern_problem(pattern) is None


def test_a_gitignore_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    # As git (2.32 and later) does not follow a .gitignore that is a symbolic link.
    write_tree(tmp_path, {"rules.txt": "*.log\n", "a.log": "gpt-4o\n", "sub/b.log": "gpt-4o\n"})
    (tmp_path / ".gitignore").symlink_to("rules.txt")
    (tmp_path / "sub" / ".gitignore").symlink_to(tmp_path / "nowhere")
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["a.log", "sub/b.log"]
    assert notes == [
        "warning: .gitignore is a symbolic link; left out (git does not follow it either)",
        "warning: sub/.gitignore is a symbolic link; left out (git does not follow it either)",
    ]


def test_info_exclude_is_read_through_a_link_to_a_regular_file(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".git/HEAD": "ref: refs/heads/main\n", "shared": "*.log\n", "pkg/a.log": "gpt-4o\n"},
    )
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").symlink_to(tmp_path / "shared")
    found, _, notes = run_scan(tmp_path / "pkg")
    assert found == []
    assert notes == []


def test_an_ignore_file_that_is_a_folder_is_left_out_with_a_note(tmp_path: Path) -> None:
    write_tree(tmp_path, {".gitignore/x": "gpt-4o\n", "a.log": "gpt-4o\n"})
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["a.log", ".gitignore/x"]
    assert notes == ["warning: .gitignore is not a regular file (a folder); left out"]


def test_an_ignore_file_over_the_size_limit_is_left_out_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ignore_module, "IGNORE_FILE_LIMIT", 64)
    write_tree(
        tmp_path,
        {
            ".gitignore": "*.log\n" + "#" * 58 + "\n",  # 65 bytes
            "sub/.gitignore": "*.log\n" + "#" * 57 + "\n",  # 64 bytes
            "a.log": "gpt-4o\n",
            "sub/b.log": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path)
    assert [item.path for item in found] == ["a.log"]
    assert notes == ["warning: .gitignore is larger than 64 bytes; left out"]


def test_an_ignore_file_above_the_path_names_itself_in_notes(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".git/info/exclude": "!\n",
            ".gitignore": "*.log\n\\\n",
            "pkg/a.py": "gpt-4o\n",
            "pkg/b.log": "gpt-4o\n",
        },
    )
    found, _, notes = run_scan(tmp_path / "pkg", ".")
    assert [item.path for item in found] == ["a.py"]
    assert notes == [
        "warning: ../.git/info/exclude:1: '!' is not a gitignore pattern; left out",
        "warning: ../.gitignore:2: '\\\\' is not a gitignore pattern; left out",
    ]


def test_file_names_that_are_not_utf8_are_shown_printable(tmp_path: Path) -> None:
    os.makedirs(tmp_path / "d")
    with open(os.path.join(os.fsencode(tmp_path), b"d", b"caf\xe9.py"), "wb") as handle:
        handle.write(b'"gpt-4o"\n')
    found, _, _ = run_scan(tmp_path)
    assert [item.path for item in found] == ["d/caf\ufffd.py"]
    found[0].path.encode("utf-8")


def test_a_path_with_a_nul_character_is_a_usage_error(tmp_path: Path) -> None:
    from modelsunset.errors import UsageError

    with pytest.raises(UsageError, match="not a usable path"):
        run_scan(tmp_path, "a\0b")


def test_a_gitignore_line_that_would_backtrack_costs_no_more_than_any(tmp_path: Path) -> None:
    # As a regular expression (pathspec's), this line took 123 s on three files with such
    # names, and far longer on these; the whole command is given 60 s.
    import json

    from support import run_installed

    names = {"a" * size + ".py": "gpt-4o\n" for size in (40, 120, 240)}
    write_tree(
        tmp_path,
        {".gitignore": "*a*a*a*a*a*a*a*b\n", **names, "a" * 40 + "b": "gpt-4o\n", "aab": "x\n"},
    )
    result = run_installed("check", ".", "--format", "json", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 5  # all but the one ending in b


def test_forty_thousand_gitignore_lines_cost_no_more_than_a_few(tmp_path: Path) -> None:
    # pathspec matched each line's regular expression against each path: 25 s here.
    lines = [f"name{n}" for n in range(20_000)] + [f"/top{n}/" for n in range(10_000)]
    lines += [f"*.ext{n}" for n in range(10_000)]
    files = {f"src/module{n}.py": "gpt-4o\n" for n in range(1_000)}
    files.update({"src/name7": "gpt-4o\n", "top3/a.py": "gpt-4o\n", "src/b.ext9": "gpt-4o\n"})
    write_tree(tmp_path, {".gitignore": "\n".join(lines) + "\n", **files})
    found, stats, notes = run_scan(tmp_path)
    assert len(found) == 1_000 and notes == []
    assert stats.ignored_files == 2  # top3/ is a folder: its file is never counted
    assert not any(item.path in ("src/name7", "top3/a.py", "src/b.ext9") for item in found)


def test_a_catalogue_named_through_a_link_is_not_scanned_as_code(tmp_path: Path) -> None:
    from support import WAVE, pinned_env, run

    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    real = repo / "data" / "catalogue.yaml"
    real.write_bytes(WAVE.read_bytes())
    (repo / "link.yaml").symlink_to(real)
    (repo / "app.py").write_text('MODEL = "gpt-4.1"\n')
    env = pinned_env(tmp_path)
    done = run("check", ".", "--catalogue", "link.yaml", "-f", "json", env=env, cwd=repo)
    import json

    paths = {finding["path"] for finding in json.loads(done.stdout)["findings"]}
    assert "data/catalogue.yaml" not in paths
    assert paths <= {"app.py"}


@pytest.mark.parametrize("mode", ["one process", *sorted(MODES)])
def test_a_fault_met_on_a_file_names_it_and_never_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    # A fault of modelsunset's own (here: planted) on one file, in this process or in a
    # worker: the scan fails with the file's name and where the fault was met, as an
    # error with an exit code (2), whichever process read the file.
    write_tree(tmp_path, {f"f{number:03d}.py": 'x = "gpt-4o"\n' for number in range(60)})
    if mode != "one process":
        in_mode(monkeypatch, mode, jobs=2, batch=3)
    real_scan = read_module.FileScanner._scan

    def faulty(self: read_module.FileScanner, source: Any, target: Any) -> Any:
        if target.shown == "f047.py":
            raise ValueError("planted \x1b[31m fault")
        return real_scan(self, source, target)

    monkeypatch.setattr(read_module.FileScanner, "_scan", faulty)
    with pytest.raises(read_module.ScanFault) as fault:
        run_scan(tmp_path)
    assert fault.value.exit_code == 2
    first, hint = fault.value.render().splitlines()
    assert first.startswith("error: check failed on f047.py: ValueError: planted \\x1b[31m fault")
    assert first.endswith(": the scan is incomplete")
    assert "(at test_check_scan.py:" in first
    assert "please report it" in hint


def test_a_fault_is_an_error_on_stderr_with_exit_2_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def faulty(self: read_module.FileScanner, source: Any, target: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(read_module.FileScanner, "_scan", faulty)
    repo = project(tmp_path, {"src/app.py": 'MODEL = "gpt-4o"\n'})
    for fmt in ("text", "json", "sarif"):
        result = check(repo, "--date", D, "-f", fmt)
        assert (result.returncode, result.stdout) == (2, ""), fmt
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(
            "error: check failed on src/app.py: RecursionError: maximum recursion depth exceeded"
        )
