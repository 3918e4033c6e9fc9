"""A file or folder among those asked for that cannot be read is an error of its own
(exit 2, the paths on stderr, nothing on stdout), unless ``--skip-unreadable``; then the
summary says so. Never "0 files scanned, 1 skipped" with exit 0."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.check import D, check, project

from modelsunset.check import read as read_module


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files named ``locked*`` cannot be opened (whoever runs the tests, root too)."""
    real_open = open

    def guarded(path: str, *args: object, **kwargs: object) -> object:
        if os.path.basename(str(path)).startswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(read_module, "open", guarded, raising=False)


@pytest.fixture
def shut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders named ``shut`` cannot be listed."""
    real_scandir = os.scandir

    def guarded(path: str) -> object:
        if os.path.basename(str(path)) == "shut":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)


FILES = {
    "src/app.py": 'MODEL = "gpt-4.5-preview"\n',
    "src/locked.py": 'MODEL = "gpt-4o-mini"\n',
    "shut/x.py": 'MODEL = "gpt-4o-mini"\n',
}


@pytest.mark.usefixtures("locked", "shut")
def test_an_unreadable_file_or_folder_is_an_error(tmp_path: Path) -> None:
    repo = project(tmp_path, FILES)
    for fmt in ("text", "json", "github"):
        result = check(repo, "--date", D, "-f", fmt)
        assert result.returncode == 2, (fmt, result.stderr)
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            "error: 2 files and folders asked for cannot be read, so they were not checked:",
            "  shut/: Permission denied",
            "  src/locked.py: cannot read it (Permission denied)",
            "  hint: fix their permissions, leave them out with --exclude, or pass "
            "--skip-unreadable to check the rest",
        ]


@pytest.mark.usefixtures("locked", "shut")
def test_skip_unreadable_checks_the_rest_and_says_so(tmp_path: Path) -> None:
    repo = project(tmp_path, FILES)
    result = check(repo, "--date", D, "--skip-unreadable")
    assert result.returncode == 1  # the retired model in src/app.py
    assert result.stderr.splitlines() == [
        "warning: skipped shut/: Permission denied",
        "warning: skipped src/locked.py: cannot read it (Permission denied)",
    ]
    assert result.stdout.splitlines()[-1] == (
        "1 error, 0 warnings in 1 file; 1 file scanned, 2 unreadable skipped "
        "(--skip-unreadable) (on 2026-02-14)."
    )
    document = json.loads(check(repo, "--date", D, "-f", "json", "--skip-unreadable").stdout)
    assert document["summary"]["skipped"] == [
        {"path": "shut/", "reason": "Permission denied"},
        {"path": "src/locked.py", "reason": "cannot read it (Permission denied)"},
    ]
    # Leaving them out is no error either.
    assert check(repo, "--date", D, "-e", "shut/", "-e", "locked.py").returncode == 1


@pytest.mark.usefixtures("locked", "shut")
def test_skipped_paths_are_in_the_github_and_sarif_output_too(tmp_path: Path) -> None:
    repo = project(tmp_path, FILES)
    github = check(repo, "--date", D, "-f", "github", "--skip-unreadable")
    assert github.returncode == 1
    assert github.stdout.splitlines()[-2:] == [
        "::warning file=shut/,title=Not checked::shut/ was not checked: Permission denied "
        "(--skip-unreadable).",
        "::warning file=src/locked.py,title=Not checked::src/locked.py was not checked: "
        "cannot read it (Permission denied) (--skip-unreadable).",
    ]
    sarif = json.loads(check(repo, "--date", D, "-f", "sarif", "--skip-unreadable").stdout)
    told = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(item["level"], item["message"]["text"]) for item in told] == [
        ("warning", "not checked: shut/: Permission denied"),
        ("warning", "not checked: src/locked.py: cannot read it (Permission denied)"),
    ]
    assert told[1]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "src/locked.py", "uriBaseId": "%SRCROOT%"}
            }
        }
    ]


@pytest.mark.usefixtures("locked")
def test_nothing_read_is_an_error_even_with_skip_unreadable(tmp_path: Path) -> None:
    repo = project(tmp_path, {"locked.py": '"gpt-4o"\n'})
    for args in ([], ["--skip-unreadable"]):
        result = check(repo, "--date", D, *args)
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        assert "0 files scanned" not in result.stderr
    result = check(repo, "locked.py", "--date", D, "--skip-unreadable")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:3] == [
        "error: nothing could be read: 1 file or folder cannot be read:",
        "  locked.py: cannot read it (Permission denied)",
    ]


def test_a_path_too_long_for_the_system_is_an_error(tmp_path: Path) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.1"\n'})
    # Folders nested below the longest path the system takes (built one level at a time,
    # from each folder, as no path to the deepest one can be used).
    name = "d" * 200
    fd = os.open(repo, os.O_RDONLY)
    try:
        for _ in range(30):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("deep.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as out:
            out.write('"gpt-4.5-preview"\n')
    finally:
        os.close(fd)
    result = check(repo, "--date", D)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert "File name too long" in result.stderr
    assert result.stderr.startswith("error: 1 file or folder asked for cannot be read")


def test_an_entry_whose_type_cannot_be_told_is_no_silent_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = project(tmp_path, {"a.py": '"gpt-4.1"\n', "odd.py": '"gpt-4.5-preview"\n'})
    real_scandir = os.scandir

    class Entry:
        def __init__(self, entry: os.DirEntry[str]) -> None:
            self.entry = entry
            self.name = entry.name
            self.path = entry.path

        def is_symlink(self) -> bool:
            if self.name == "odd.py":
                raise OSError(5, "Input/output error")
            return self.entry.is_symlink()

        def is_dir(self, follow_symlinks: bool = True) -> bool:
            return self.entry.is_dir(follow_symlinks=follow_symlinks)

        def is_file(self, follow_symlinks: bool = True) -> bool:
            return self.entry.is_file(follow_symlinks=follow_symlinks)

    class Listing:
        def __init__(self, path: str) -> None:
            self.inner = real_scandir(path)

        def __enter__(self) -> list[Entry]:
            return [Entry(entry) for entry in self.inner.__enter__()]

        def __exit__(self, *exc: object) -> None:
            self.inner.__exit__(None, None, None)

    monkeypatch.setattr(os, "scandir", Listing)
    result = check(repo, "--date", D)
    assert result.returncode == 2
    assert "  odd.py: cannot tell what it is (Input/output error)" in result.stderr
