"""``[tool.modelsunset]`` that a repository could use against the machine it is checked on:
paths outside the repository, numbers too large to read, values nested thousands deep.
Each is a usage error that names the file and the key, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.check import CATALOGUE, D, check, project

from modelsunset.check.config import MAX_DAYS, parse, repository
from modelsunset.errors import UsageError


def configure(folder: Path, table: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.modelsunset]\n{table}", encoding="utf-8")


def refused(repo: Path, *args: str, cwd: Path | None = None) -> str:
    result = check(repo, "--date", D, *args, catalogue=False, cwd=cwd)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('catalogue = "../catalogue.yaml"\n', "'catalogue' names '../catalogue.yaml', which is "),
        ('overlays = ["ops/ok.yaml", "../../x.yaml"]\n', "'overlays' names '../../x.yaml'"),
        ('catalogue = "/etc/passwd"\n', "'catalogue' names '/etc/passwd', which is outside"),
        (
            'catalogue = "http://example.com/r.yaml"\n',
            "'catalogue' names 'http://example.com/r.yaml', a URL that is not https",
        ),
        ('overlays = ["file:///etc/passwd"]\n', "'overlays' names 'file:///etc/passwd', a URL"),
    ],
)
def test_paths_outside_the_repository_are_refused(tmp_path: Path, table: str, message: str) -> None:
    repo = project(tmp_path)
    configure(repo, table)
    stderr = refused(repo)
    assert f"error: pyproject.toml [tool.modelsunset]: {message}" in stderr


def test_a_link_that_leads_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    repo = project(tmp_path)
    (repo / "ops").symlink_to(tmp_path)  # ops/catalogue.yaml is ../catalogue.yaml
    configure(repo, 'catalogue = "ops/catalogue.yaml"\n')
    assert "which is outside the repository" in refused(repo)


def test_paths_inside_the_repository_are_read(tmp_path: Path) -> None:
    repo = project(tmp_path)
    (repo / ".git").mkdir()
    (repo / "ops").mkdir()
    (repo / "ops" / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    # The settings of a package below the root may name files elsewhere in the repository.
    package = repo / "src"
    configure(package, 'catalogue = "../ops/catalogue.yaml"\n')
    result = check(repo, "--date", D, catalogue=False, cwd=package)
    assert result.returncode == 1, result.stderr
    assert "app.py:3:10" in result.stdout
    configure(package, f'catalogue = "{repo / "ops" / "catalogue.yaml"}"\n')  # absolute
    assert check(repo, "--date", D, catalogue=False, cwd=package).returncode == 1
    assert repository(package) == str(repo)


def test_https_urls_pass_through_unchanged(tmp_path: Path) -> None:
    url = "https://example.com/ops/retirements.yaml#sha256=" + "0" * 64
    table = {"catalogue": url, "overlays": ["HTTPS://example.com/more.yaml"]}
    settings = parse(table, tmp_path / "pyproject.toml")
    assert settings.catalogue == url
    assert settings.overlays == ("HTTPS://example.com/more.yaml",)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("fail-within = " + "9" * 5000 + "\n", "pyproject.toml holds a number too long to be read"),
        ("warn-within = " + "1" * 30 + "\n", "'warn-within' is more days than any two dates"),
        (f"fail-within = {MAX_DAYS + 1}\n", f"(at most {MAX_DAYS})"),
        ("surfaces = " + "[" * 5000 + "]" * 5000 + "\n", "nests lists or tables too deeply"),
        ("exclude = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "nests lists or tables"),
        ("kinds = " + "[" * 300 + "]" * 300 + "\n", "'kinds' must be a list of strings"),
    ],
)
def test_values_too_large_or_too_deep_are_usage_errors(
    tmp_path: Path, table: str, message: str
) -> None:
    repo = project(tmp_path)
    configure(repo, table)
    assert message in refused(repo, "--catalogue", str(tmp_path / "catalogue.yaml"))


def test_the_largest_window_is_read(tmp_path: Path) -> None:
    repo = project(tmp_path)
    configure(repo, f"warn-within = {MAX_DAYS}\n")
    result = check(repo, "--date", D)
    assert result.returncode == 1, result.stderr


def test_a_url_that_is_not_https_says_how_to_name_one(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        parse({"overlays": ["ftp://x/y.yaml"]}, tmp_path / "pyproject.toml")
    assert caught.value.hint == "settings may name https:// URLs, or files inside the repository"
    assert os.path.basename(str(tmp_path / "pyproject.toml")) in caught.value.message


WAIVER = 'reason = "r", owner = "o", expires = 2027-01-31'


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '"x\\nNo retired model" = 1\n',
            "error: pyproject.toml [tool.modelsunset]: unknown key 'x\\nNo retired model'\n",
        ),
        ('kinds = ["x\\nforged"]\n', ": 'kinds' names unknown kind 'x\\nforged'\n"),
        (f'waivers = [{{model = "gpt-4o", {WAIVER}, "k\\nz" = 1}}]\n', "unknown key 'k\\nz'\n"),
        (f'waivers = [{{model = "x\\nforged", {WAIVER}}}]\n', "unknown model 'x\\nforged'\n"),
    ],
)
def test_keys_and_values_of_the_file_are_written_out(
    tmp_path: Path, table: str, message: str
) -> None:
    # A line break in a key or a value cannot start a line of stderr of its own.
    repo = project(tmp_path)
    configure(repo, table)
    assert message in refused(repo)


def test_a_catalogue_the_file_names_is_written_out(tmp_path: Path) -> None:
    repo = project(tmp_path)
    configure(repo, 'catalogue = "x\\nforged"\n')
    result = check(repo, "--date", D, catalogue=False)
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{repo}/x\\nforged: cannot read the catalogue: No such file or directory"
    )


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_working_folder_that_is_gone_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """The settings are looked for from the working folder: when it was removed, that is
    said (exit 2), never a traceback, and nothing is checked without them."""
    import subprocess
    import sys

    from support import pinned_env

    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys\nos.chdir(sys.argv[1])\nos.rmdir(sys.argv[1])\ndel sys.argv[1]\n"
        "from modelsunset.launch import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), command, ".", "--date", D],
        capture_output=True,
        text=True,
        env=pinned_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "the working folder cannot be read" in done.stderr
    assert "Traceback" not in done.stderr and "fault in modelsunset" not in done.stderr
