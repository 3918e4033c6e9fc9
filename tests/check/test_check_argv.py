"""``check``'s command line read without Typer (``modelsunset.check.argv``).

What it reads must be what Typer reads, and what it does not read goes to Typer: the
options it knows are those Typer declares; on generated command lines it either declines
or gives the very arguments Typer gives (and never accepts a line Typer refuses); and the
installed command, run so, imports no Typer and prints what the Typer path prints.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples, pinned_env, run, run_installed
from typer._click.core import Command
from typer._click.exceptions import ClickException

from modelsunset.check import CheckFormat
from modelsunset.check.argv import _OPTIONS, Args, _Shape, parse
from modelsunset.cli import _app
from modelsunset.i18n import Lang
from modelsunset.launch import check_without_typer


def _command() -> Command:
    group = typer.main.get_command(_app(frozenset({"check"})))
    return group.commands["check"]  # type: ignore[attr-defined, no-any-return]


CHECK = _command()


def _typer_reads(args: list[str]) -> Args | None:
    """The arguments as Typer reads them, or None when it refuses them (or shows help)."""
    try:
        ctx = CHECK.make_context("check", list(args))
    except (ClickException, typer.Exit):
        return None
    params: dict[str, Any] = dict(ctx.params)
    params["fmt"] = CheckFormat(params["fmt"])
    params["lang"] = None if params["lang"] is None else Lang(params["lang"])
    for name in ("paths", "model", "surface", "exclude", "kinds", "overlay"):
        params[name] = tuple(params[name] or ())
    return Args(**params)


def test_the_options_read_are_those_typer_declares() -> None:
    declared: dict[str, tuple[str, str]] = {}
    for param in CHECK.params:
        if param.param_type_name != "option":
            assert (param.name, param.nargs) == ("paths", -1)
            continue
        option: Any = param
        if option.is_flag:
            shape = "flag"
        elif option.multiple:
            shape = "many"
        else:
            shape = type(option.type).__name__
        for name in [*option.opts, *option.secondary_opts]:
            declared[name] = (option.name, shape)
    shapes = {
        _Shape.FLAG: "flag",
        _Shape.MANY: "many",
        _Shape.TEXT: "StringParamType",
        _Shape.DAYS: "IntRange",
        _Shape.FORMAT: "TyperChoice",
        _Shape.LANG: "TyperChoice",
    }
    read = {name: (field, shapes[shape]) for name, (field, shape) in _OPTIONS.items()}
    assert read == declared
    assert set(Args._fields) == {param.name for param in CHECK.params}


# Command lines a CI job writes, and what they ask for.
READ = [
    ([], Args()),
    (["."], Args(paths=(".",))),
    (["src", "-", "docs"], Args(paths=("src", "-", "docs"))),
    (["--format", "json", "--no-fail"], Args(fmt=CheckFormat.json, no_fail=True)),
    (["--format=SARIF", "src"], Args(paths=("src",), fmt=CheckFormat.sarif)),
    (["-f", "github", "-j", "1"], Args(fmt=CheckFormat.github, jobs=1)),
    (
        ["-fjson", "-j1", "-mgpt-4o", "-d=today"],
        Args(fmt=CheckFormat.json, jobs=1, model=("gpt-4o",), date="=today"),
    ),
    (
        ["-e", "vendor/**", "--exclude=*.lock", "--kinds", "code", "--kinds", "docs"],
        Args(exclude=("vendor/**", "*.lock"), kinds=("code", "docs")),
    ),
    (
        ["-m", "gpt-4o", "--surface", "azure", "-s", "api"],
        Args(model=("gpt-4o",), surface=("azure", "api")),
    ),
    (["--date", "2026-02-14", "-d", "today"], Args(date="today")),  # the last one counts
    (
        ["--format", "yaml", "--format", "json", "-j", "x", "-j", "2"],
        Args(fmt=CheckFormat.json, jobs=2),
    ),
    (["--fail-within", "030", "--warn-within", "0"], Args(fail_within=30, warn_within=0)),
    (["--max-catalogue-age", "7", "--lang", "ZH"], Args(max_catalogue_age=7, lang=Lang.zh)),
    (
        ["--baseline", "b.json", "--write-baseline=", "--waivers", "w.toml", "--changed", "main"],
        Args(baseline="b.json", write_baseline="", waivers="w.toml", changed="main"),
    ),
    (
        ["--catalogue", "c.yaml", "--overlay", "a.yaml", "--overlay", "b.yaml"],
        Args(catalogue="c.yaml", overlay=("a.yaml", "b.yaml")),
    ),
    (["--no-gitignore", "--skip-unreadable"], Args(no_gitignore=True, skip_unreadable=True)),
    (["--", "--format", "-x"], Args(paths=("--format", "-x"))),
    (["--exclude", "-x", "--date", "--"], Args(exclude=("-x",), date="--")),  # values, as click
]


@pytest.mark.parametrize(("args", "wanted"), READ)
def test_command_lines_of_ci_are_read_as_typer_reads_them(args: list[str], wanted: Args) -> None:
    assert parse(args) == wanted
    assert _typer_reads(args) == wanted


# Left to Typer: its help and messages, and whatever it alone converts.
DECLINED = [
    ["--help"],
    ["src", "-h"],
    ["--bogus"],
    ["-x"],
    ["-f=json"],  # the value "=json", as click reads it
    ["--format"],  # no value
    ["--format", "yaml"],
    ["--format", "\uff4a\uff53\uff4f\uff4e"],  # "json" in full-width letters
    ["--no-fail=1"],
    ["--jobs", "-1"],
    ["--jobs", "+2"],
    ["--jobs", " 2"],
    ["--jobs", "1_0"],
    ["--fail-within", "٣"],  # a digit that is not ASCII: int() reads it, click too
    ["--lang", "fr"],
    ["--jobs", "9" * 5000],  # past int()'s limit: Typer says it is too many
    ["--fail-within", "1" * 19],
    ["---format", "json"],
]


@pytest.mark.parametrize("args", DECLINED)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert parse(args) is None


def test_check_is_read_without_typer_only_when_it_is_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert check_without_typer(["check", "--format", "json"]) == Args(fmt=CheckFormat.json)
    assert check_without_typer(["status", "--format", "json"]) is None
    assert check_without_typer(["--version", "check"]) is None
    assert check_without_typer([]) is None
    monkeypatch.setenv("_MODELSUNSET_COMPLETE", "complete_bash")
    assert check_without_typer(["check"]) is None


_NAMES = sorted(
    {
        *_OPTIONS,
        "--",
        "-",
        "--bogus",
        "-fjson",
        "-j1",
        "-j+1",
        "-f=json",
        "-sazure",
        "--format=json",
        "--jobs=1",
    }
)
_VALUES = [
    "json", "JSON", "Sarif", "yaml", "en", "zh", "ZH", "0", "1", "007", "-1", "+3", " 4",
    "1_0", "", "=", "a=b", "src", "-", "--", "-x", "--no-fail", "gpt-4o", "é", "٣", "ǅ",
]  # fmt: skip


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(_NAMES) | st.sampled_from(_VALUES), max_size=8))
def test_on_any_line_it_declines_or_reads_what_typer_reads(args: list[str]) -> None:
    read = parse(args)
    if read is not None:
        assert _typer_reads(args) == read


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.sampled_from(sorted(_OPTIONS)).flatmap(
            lambda name: (
                st.just([name])
                if _OPTIONS[name][1] is _Shape.FLAG
                else st.tuples(st.just(name), st.sampled_from(_VALUES)).map(list)
            )
        ),
        max_size=5,
    )
)
def test_options_with_values_are_read_as_typer_reads_them(pairs: list[list[str]]) -> None:
    args = [word for pair in pairs for word in pair]
    read = parse(args)
    typer_read = _typer_reads(args)
    if read is not None:
        assert typer_read == read
    if typer_read is not None and all(value.isascii() for value in args):
        # Typer accepts it, in plain words: read here too, unless a value is one that
        # only click converts (a sign, a space, an underscore in a number).
        numbers = [
            b for a, b in itertools.pairwise(args) if _OPTIONS.get(a, ("", None))[1] is _Shape.DAYS
        ]
        if all(number.isdigit() for number in numbers):
            assert read == typer_read


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text('client.create(model="text-davinci-003")\nMODEL = "gpt-4o"\n')
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text", "github", "sarif", "markdown"])
def test_the_installed_command_prints_what_the_typer_path_prints(tmp_path: Path, fmt: str) -> None:
    tree = _tree(tmp_path)
    args = ["check", str(tree / "app.py"), "--format", fmt, "--date", "2026-02-14"]
    installed = run_installed(*args)
    in_process = run(*args)  # through Typer
    assert installed.returncode == in_process.returncode == 1
    assert installed.stdout == in_process.stdout
    assert installed.stderr == in_process.stderr


def test_a_check_run_never_imports_typer(tmp_path: Path) -> None:
    """A real process, so that its imports are its own: no Typer, and no pathlib (with
    the urllib.parse and ipaddress it imports, 4 ms of every run)."""
    tree = _tree(tmp_path)
    script = (
        "import sys\nfrom modelsunset.launch import main\ncode = None\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('exit', code, *sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typer', 'click', 'rich', 'shutil', 'pathlib', 'urllib', 'ipaddress'}), "
        "file=sys.stderr)\n"
    )
    argv = ["check", str(tree), "--format", "json", "--date", "2026-02-14"]
    for _ in range(2):  # the first run fills the catalogue cache (and imports what it takes)
        done = subprocess.run(
            [sys.executable, "-c", script, *argv],
            capture_output=True,
            text=True,
            env=pinned_env(tmp_path),
            timeout=60,
        )
    assert done.stderr.splitlines()[-1] == "exit 1", done.stderr
    assert '"text-davinci-003"' in done.stdout
    # Help still comes from Typer.
    done = subprocess.run(
        [sys.executable, "-c", script, "check", "--help"],
        capture_output=True,
        text=True,
        env=pinned_env(tmp_path),
        timeout=60,
    )
    assert "typer" in done.stderr.splitlines()[-1].split()
    assert "--skip-unreadable" in done.stdout
