"""Planning conveniences on the command line: `resolve` of several models, `--sort`,
spans for `--within`, and shell completion from the catalogue in use."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import WAVE, Cli, pinned_env, run

# -- resolve with several models -------------------------------------------------------


def test_several_models_in_json_are_one_list_in_the_order_asked(cli: Cli) -> None:
    result = cli(
        "resolve", "o4-mini", "GPT-4o", "gpt-4.5-preview", "-d", "2026-02-14", "-f", "json"
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(row["model"], row["surface"]) for row in rows] == [
        ("o4-mini", "api"),
        ("o4-mini", "chatgpt"),
        ("gpt-4o", "api"),
        ("gpt-4o", "chatgpt"),
        ("gpt-4.5-preview", "api"),
    ]
    assert rows[2]["query"] == "GPT-4o"
    # With --surface too: still a list, one object per model.
    on_api = json.loads(cli("resolve", "gpt-4o", "o4-mini", "-s", "api", "-f", "json").stdout)
    assert [row["model"] for row in on_api] == ["gpt-4o", "o4-mini"]


def test_one_model_keeps_the_shapes_it_always_had(cli: Cli) -> None:
    one = json.loads(cli("resolve", "gpt-4o", "-s", "chatgpt", "-f", "json").stdout)
    assert isinstance(one, dict)
    every = json.loads(cli("resolve", "gpt-4o", "-f", "json").stdout)
    assert isinstance(every, list) and len(every) == 2


def test_plain_gives_one_answer_per_line_in_the_order_asked(cli: Cli) -> None:
    day = ["-d", "2026-02-14", "-f", "plain"]
    result = cli("resolve", "gpt-4.1", "gpt-4.5-preview", "gpt4o", "-s", "api", *day)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "gpt-4.1\ngpt-4.1\ngpt-4o\n",
        "",
    )
    every = cli("resolve", "gpt-4o", "gpt-4.5-preview", *day)
    assert (
        every.stdout
        == "gpt-4o\tapi\tgpt-4o\ngpt-4o\tchatgpt\tgpt-5.2\ngpt-4.5-preview\tapi\tgpt-4.1\n"
    )


def test_tables_and_markdown_show_every_model_csv_has_one_header(cli: Cli) -> None:
    table = cli("resolve", "gpt-4o", "gpt-4.5-preview", "-d", "2026-02-14", COLUMNS="160").stdout
    first, second = table.index("GPT-4o (gpt-4o) on"), table.index("GPT-4.5 Preview (gpt-4.5")
    assert first < second
    assert "gpt-4o → gpt-5.2" in table and "gpt-4.5-preview → gpt-4.1" in table
    markdown = cli("resolve", "gpt-4o", "o4-mini", "-f", "markdown").stdout
    assert markdown.count("## ") == 2 and "\n\n## o4-mini on 2026-02-01\n" in markdown
    rows = list(
        csv.DictReader(io.StringIO(cli("resolve", "gpt-4o", "o4-mini", "-f", "csv").stdout))
    )
    assert [(row["model"], row["surface"]) for row in rows] == [
        ("gpt-4o", "api"),
        ("gpt-4o", "chatgpt"),
        ("o4-mini", "api"),
        ("o4-mini", "chatgpt"),
    ]


def _catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(
        "version: 1\nproviders: {acme: {name: Acme}}\n"
        "surfaces: {api: {name: API}, app: {name: App}}\nmodels:\n"
        "  old:\n    provider: acme\n    surfaces:\n      api: {retires: 2026-01-01}\n"
        "  new:\n    provider: acme\n    surfaces:\n      api:\n      app:\n"
    )
    return path


def test_any_model_without_an_answer_exits_1(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    base = ["--catalogue", catalogue, "-d", "2026-02-01", "-f", "plain"]
    result = run("resolve", "new", "old", "-s", "api", *base)
    assert (result.returncode, result.stdout) == (1, "new\n-\n")  # paired with the models
    assert "no available model for old on api on 2026-02-01" in result.stderr
    every = run("resolve", "old", "new", *base)
    assert (every.returncode, every.stdout) == (1, "old\tapi\t-\nnew\tapi\tnew\nnew\tapp\tnew\n")
    fine = run("resolve", "new", "new", *base)
    assert (fine.returncode, fine.stderr) == (0, "")


def test_an_unknown_model_among_several_is_a_usage_error(cli: Cli) -> None:
    result = cli("resolve", "gpt-4o", "gpt-4p")
    assert (result.returncode, result.stdout) == (2, "")
    assert "did you mean 'gpt-4o'" in result.stderr
    offered = cli("resolve", "gpt-4o", "gpt-5-instant", "-s", "api")
    assert (offered.returncode, offered.stdout) == (2, "")
    assert "gpt-5-instant is not offered on surface 'api'" in offered.stderr


# -- --sort -----------------------------------------------------------------------------


def _pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split("\t")[:2]) for line in text.splitlines()]  # type: ignore[misc]


def test_status_sorts_by_model_surface_or_date(cli: Cli) -> None:
    base = ["status", "--all", "-d", "2026-02-01", "-f", "plain"]
    usual = _pairs(cli(*base).stdout)
    assert _pairs(cli(*base, "--sort", "model").stdout) == sorted(usual)
    by_surface = _pairs(cli(*base, "--sort", "surface").stdout)
    assert by_surface == sorted(usual, key=lambda pair: (pair[1], pair[0]))
    by_date = cli(*base, "--sort", "DATE").stdout.splitlines()
    days = [line.split("\t")[3] for line in by_date]
    dated = [day for day in days if day != "-"]
    assert dated == sorted(dated) and days == dated + ["-"] * (len(days) - len(dated))
    assert by_date[0].startswith("gpt-4.5-preview\tapi")  # retired 2025-07-14


def test_notices_sort_by_model_and_keep_soonest_first_by_default(cli: Cli) -> None:
    base = ["notices", "-d", "2026-01-01", "--within", "60", "-f", "json"]
    usual = [(n["retires"], n["model"]) for n in json.loads(cli(*base).stdout)]
    assert usual == sorted(usual)
    by_model = [n["model"] for n in json.loads(cli(*base, "--sort", "model").stdout)]
    assert by_model == sorted(by_model) and len(by_model) == len(usual)
    assert [n["model"] for n in json.loads(cli(*base, "--sort", "date").stdout)] == [
        model for _, model in usual
    ]


def test_an_unknown_sort_is_a_usage_error(cli: Cli) -> None:
    result = cli("status", "--sort", "name")
    assert (result.returncode, result.stdout) == (2, "")
    assert "--sort" in result.stderr


# -- --within spans ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "count"),
    [("12", 6), ("12d", 6), ("11d", 0), ("2w", 6), ("1w", 0), ("1m", 6), ("0", 0)],
)
def test_notices_within_a_span(cli: Cli, span: str, count: int) -> None:
    result = cli("notices", "-d", "2026-02-01", "--within", span, "-f", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == count


def test_a_span_in_months_counts_the_days_to_that_day(cli: Cli) -> None:
    # From 2025-11-13, 3m reaches 2026-02-13 (92 days) and 91d does not.
    months = cli("notices", "-d", "2025-11-13", "--within", "3m", "-f", "markdown").stdout
    assert months.startswith("## Model retirement notices, 2025-11-13 and the 92 days after")
    assert "gpt-4o" in months
    short = cli("notices", "-d", "2025-11-13", "--within", "91d", "-f", "json").stdout
    assert json.loads(short) == []


@pytest.mark.parametrize(
    ("span", "says"),
    [("-1", "-1 is not in the range x>=0."), ("3x", "'3x' is not a number of days"), ("", "not")],
)
def test_a_span_that_is_none_is_a_usage_error(cli: Cli, span: str, says: str) -> None:
    result = cli("notices", "--within", span)
    assert (result.returncode, result.stdout) == (2, "")
    assert says in " ".join(result.stderr.replace("│", " ").split())


# -- shell completion -------------------------------------------------------------------


def _complete(words: str, env: dict[str, str], cwd: Path) -> list[str]:
    """What bash would be offered for the last of ``words`` (an empty one after a space)."""
    parts = words.split(" ")
    completing = dict(
        env, _MODELSUNSET_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1)
    )
    result = run(env=completing, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_models_aliases_surfaces_and_providers(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    assert _complete("modelsunset resolve gpt-4", env, tmp_path) == [
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4.5-preview",
        "gpt-4o",
    ]
    assert _complete("modelsunset resolve gpt-4o gpt4", env, tmp_path) == ["gpt4o"]  # an alias
    assert _complete("modelsunset status --surface ", env, tmp_path) == ["api", "chatgpt"]
    assert _complete("modelsunset notices -p o", env, tmp_path) == ["openai"]
    assert _complete("modelsunset calendar --model o4", env, tmp_path) == ["o4-mini"]
    assert _complete("modelsunset check --model gpt-5-i", env, tmp_path) == ["gpt-5-instant"]


def test_completion_reads_the_catalogue_named_on_the_line(tmp_path: Path) -> None:
    other = _catalogue(tmp_path)
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    words = f"modelsunset resolve --catalogue {other} "
    assert _complete(words, env, tmp_path) == ["new", "old"]
    assert _complete(f"modelsunset status --catalogue {other} -s a", env, tmp_path) == [
        "api",
        "app",
    ]


def test_completion_with_a_broken_catalogue_offers_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nmodels: [\n")
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(broken))
    completing = dict(
        env,
        _MODELSUNSET_COMPLETE="complete_bash",
        COMP_WORDS="modelsunset resolve g",
        COMP_CWORD="2",
    )
    result = run(env=completing, cwd=tmp_path)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


def test_completion_on_a_warm_cache_never_imports_yaml_or_rich(tmp_path: Path) -> None:
    """A real process, so that its imports are its own."""
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    env.update(
        _MODELSUNSET_COMPLETE="complete_bash",
        COMP_WORDS="modelsunset resolve gpt-4o",
        COMP_CWORD="2",
    )
    script = (
        "import sys\nfrom modelsunset.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('imported:', *sorted({m.split('.')[0] for m in sys.modules} & "
        "{'yaml', 'rich', 'icalendar', 'dateutil'}), file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
        )
    assert done.stdout.split() == ["gpt-4o"]
    assert done.stderr.strip() == "imported:", done.stderr
    # zsh and fish are offered no help texts, which Typer would draw with rich.
    env.update(_MODELSUNSET_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="modelsunset resolve o4")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.strip() == """_arguments '*: :(("o4-mini"))'"""
    assert done.stderr.strip() == "imported:", done.stderr
    assert os.listdir(tmp_path / "cache" / "modelsunset")
