"""The library (``modelsunset.api``): the same values as the commands' JSON, the errors
it raises, and the examples of README.md and docs/library.md (run as doctests)."""

from __future__ import annotations

import doctest
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from support import WAVE, pinned_env, run, write_tree

from modelsunset import api
from modelsunset.errors import (
    BadDate,
    CatalogueError,
    DomainError,
    NotOffered,
    OnOneSurface,
    UnknownName,
    UsageError,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PYCON = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def wave() -> api.Catalogue:
    return api.load(WAVE)


def _cli_json(tmp: Path, *args: str) -> Any:
    done = run(*args, "--format", "json", env=pinned_env(tmp, MODELSUNSET_CATALOGUE=str(WAVE)))
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (lambda c: api.status(c, "2026-02-14"), ["status", "--date", "2026-02-14"]),
        (
            lambda c: api.status(c, "2026-02-14", ["chatgpt"], ["openai"], include_all=True),
            ["status", "--date", "2026-02-14", "-s", "chatgpt", "-p", "openai", "--all"],
        ),
        (
            lambda c: api.resolve(c, "GPT 4o", "2026-02-13"),
            ["resolve", "GPT 4o", "-d", "2026-02-13"],
        ),
        (
            lambda c: api.resolve(c, "gpt-4o", "2026-02-14", surface="ChatGPT"),
            ["resolve", "gpt-4o", "--surface", "ChatGPT", "--date", "2026-02-14"],
        ),
        (
            lambda c: api.notices(c, "2026-02-01", within=30, surfaces="chatgpt"),
            ["notices", "--date", "2026-02-01", "--within", "30", "--surface", "chatgpt"],
        ),
        (lambda c: api.notices(c, "2026-02-01"), ["notices", "--date", "2026-02-01"]),
        (
            lambda c: api.check_model(c, "gpt-4.5-preview", "2026-02-14"),
            ["check", "--model", "gpt-4.5-preview", "--date", "2026-02-14"],
        ),
        (
            lambda c: api.check_model(
                c, "gpt4o", "2026-02-01", ["chatgpt", "api"], fail_within=5, warn_within=30
            ),
            [
                *("check", "-m", "gpt4o", "-s", "chatgpt", "-s", "api", "-d", "2026-02-01"),
                *("--fail-within", "5", "--warn-within", "30"),
            ],
        ),
    ],
)
def test_the_library_answers_what_the_json_output_prints(
    call: Any, args: list[str], wave: api.Catalogue, tmp_path: Path
) -> None:
    assert call(wave) == _cli_json(tmp_path, *args)


def test_check_path_is_the_object_of_check_path(wave: api.Catalogue, tmp_path: Path) -> None:
    write_tree(
        tmp_path / "project",
        {
            "src/app.py": 'import openai\n\nMODEL = "gpt-4.5-preview"\nOTHER = "gpt-9-turbo"\n',
            "src/chat.py": 'MODEL = "gpt-4o"  # on ChatGPT until 2026-02-13\n',
            "notes/old.md": "We moved off gpt-4.1-mini.\n",
            ".gitignore": "notes/\n",
        },
    )
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    for surfaces in (["api"], ["chatgpt", "api"]):
        flags = [arg for surface in surfaces for arg in ("--surface", surface)]
        done = run(
            "check", "project", *flags, "-d", "2026-02-10", "-f", "json", env=env, cwd=tmp_path
        )
        got = api.check_path(tmp_path / "project", wave, "2026-02-10", surfaces)
        expected = json.loads(done.stdout)
        # The paths start at PATH as given: here the absolute folder, there `project`.
        for finding in got["findings"] + got["unknown"]:
            finding["path"] = (
                "project/" + Path(finding["path"]).relative_to(tmp_path / "project").as_posix()
            )
        assert got == expected
    found = api.check_path(tmp_path / "project", wave, "2026-02-10", gitignore=False)
    assert found["summary"]["files"] == 4
    assert [f["match"] for f in found["findings"]] == ["gpt-4.5-preview"]
    excluded = api.check_path(tmp_path / "project", wave, "2026-02-10", exclude=["src/app.py"])
    assert excluded["findings"] == []


def test_check_path_defaults_to_the_bundled_catalogue_without_scanning_it(tmp_path: Path) -> None:
    from modelsunset.loading import bundled_path

    report = api.check_path(bundled_path(), on="2026-02-14")
    assert report["summary"]["files"] == 0
    notes: list[str] = []
    write_tree(tmp_path, {"a.txt": "gpt-4o\n"})
    (tmp_path / "a.txt").chmod(0)
    report = api.check_path(tmp_path, on=date(2026, 2, 14), note=notes.append)
    if report["summary"]["skipped"]:  # not when the tests run as root
        assert len(notes) == 1
        assert "a.txt" in notes[0]


def test_dates_are_dates_or_strings(wave: api.Catalogue) -> None:
    by_text = api.resolve(wave, "gpt-4o", "2026-02-14", "chatgpt")
    assert api.resolve(wave, "gpt-4o", date(2026, 2, 14), "chatgpt") == by_text
    assert api.resolve(wave, "gpt-4o", datetime(2026, 2, 14, 23, 59), "chatgpt") == by_text
    assert api.resolve(wave, "gpt-4o", "14 Feb 2026", "chatgpt") == by_text
    assert api.resolve(wave, "gpt-4o", "today", "api")["date"] == api._today().isoformat()
    with pytest.raises(BadDate, match="is not a real calendar date"):
        api.status(wave, "2026-02-30")
    with pytest.raises(TypeError, match="not int"):
        api.status(wave, 20260214)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c: api.resolve(c, "gpt-4oo", "2026-02-14"), UnknownName, "unknown model 'gpt-4oo'"),
        (lambda c: api.status(c, "2026-02-14", "bedrock"), UnknownName, "unknown surface"),
        (lambda c: api.notices(c, "2026-02-14", providers="acme"), UnknownName, "provider"),
        (
            lambda c: api.resolve(c, "gpt-4.5-preview", "2026-02-14", surface="chatgpt"),
            NotOffered,
            "gpt-4.5-preview is not offered on surface 'chatgpt'",
        ),
        (lambda c: api.check_model(c, "gpt-5-instant", "2026-02-14"), NotOffered, "'api'"),
        (lambda c: api.check_model(c, "nope", "2026-02-14"), UnknownName, "unknown model"),
        (lambda c: api.notices(c, "2026-02-14", within=-1), ValueError, "within is -1"),
        (lambda c: api.check_model(c, "gpt-4o", "today", fail_within=True), TypeError, "bool"),
        (lambda c: api.check_path("/nowhere/at/all", c), UsageError, "no such file or folder"),
        (lambda c: api.check_path(".", c, exclude=["[z-a]"]), ValueError, "exclude pattern"),
        (lambda c: api.status(c, "2026-02-14", [3]), TypeError, "a surface is a string"),
    ],
)
def test_errors_are_modelsunsets_exceptions(
    call: Any, error: type[Exception], message: str, wave: api.Catalogue
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call(wave)


def test_an_unknown_name_carries_suggestions(wave: api.Catalogue) -> None:
    with pytest.raises(UnknownName) as caught:
        api.resolve(wave, "gpt-4oo", "2026-02-14")
    assert isinstance(caught.value, DomainError)
    assert caught.value.suggestions[0] == "gpt-4o"


def test_a_name_that_holds_on_one_surface() -> None:
    """A surface's prefix (``azure/``, format 2) names the model on that surface alone."""
    from support.builders import catalogue as build

    from modelsunset.model import Surface

    spec = {
        "gpt-4o": {"api": {}, "azure": {"retires": "2026-03-01", "replacement": "gpt-4.1"}},
        "gpt-4.1": {"api": {}, "azure": {}},
    }
    plain = build(spec)
    surfaces = {**plain.surfaces, "azure": Surface("azure", "Azure", prefixes=("azure/",))}
    catalogue = plain._replace(surfaces=surfaces)
    (only,) = api.resolve(catalogue, "azure/gpt-4o", "2026-03-01")
    assert (only["surface"], only["resolved"]) == ("azure", "gpt-4.1")
    with pytest.raises(OnOneSurface, match="names gpt-4o on azure only, not on api"):
        api.resolve(catalogue, "azure/gpt-4o", "2026-03-01", surface="api")


def test_load_layers_overlays_and_raises_catalogue_errors(tmp_path: Path) -> None:
    overlay = tmp_path / "gateway.yaml"
    overlay.write_text(
        "version: 1\nsurfaces:\n  gateway: {name: Gateway, provider: openai}\nmodels:\n"
        "  gpt-4o:\n    surfaces:\n      gateway: {retires: 2026-07-01, replacement: gpt-4.1}\n"
        "  gpt-4.1:\n    surfaces:\n      gateway:\n",
        encoding="utf-8",
    )
    layered = api.load(str(WAVE), [overlay])
    assert api.resolve(layered, "gpt-4o", "2026-07-01", "gateway")["resolved"] == "gpt-4.1"
    assert "gpt-4o" in api.load().models  # the bundled catalogue
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nproviders: {}\nsurfaces: {}\nmodels: {x: 1}\n", "utf-8")
    with pytest.raises(CatalogueError) as caught:
        api.load(broken)
    assert caught.value.problems[0].file == str(broken)
    assert caught.value.problems[0].line == 4
    with pytest.raises(CatalogueError, match="problem"):
        api.load(tmp_path / "missing.yaml")


def test_the_package_says_it_is_typed() -> None:
    assert (ROOT / "modelsunset" / "py.typed").is_file()


def _pycon(document: str) -> str:
    text = (ROOT / document).read_text(encoding="utf-8")
    blocks = PYCON.findall(text)
    assert blocks, f"{document} has no pycon example"
    return "\n".join(blocks)


@pytest.mark.parametrize("document", ["README.md", "docs/library.md"])
def test_the_documented_examples_run(document: str) -> None:
    """Every ``pycon`` block of the document, in order, as one doctest."""
    test = doctest.DocTestParser().get_doctest(_pycon(document), {}, document, document, 0)
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=out.append)
    assert result.failed == 0, "".join(out)
    assert result.attempted > 3


def test_check_path_judges_a_prefix_and_a_surface_alias_as_check_does(tmp_path: Path) -> None:
    from support import FIXTURES

    catalogue = api.load(FIXTURES / "format2.yaml")
    (tmp_path / "app.py").write_text(
        'A = "azure/o3"\nB = "us.anthropic.claude-3-sonnet-20240229-v1:0"\n', encoding="utf-8"
    )
    found = api.check_path(tmp_path, catalogue, on="2026-10-01", surfaces=["api"])
    judged = {(f["match"], f["surface"]) for f in found["findings"]}
    assert judged == {
        ("azure/o3", "azure"),
        ("us.anthropic.claude-3-sonnet-20240229-v1:0", "bedrock"),
    }


def test_check_path_leaves_the_callers_objects_to_the_collector(
    wave: api.Catalogue, tmp_path: Path
) -> None:
    # The command line freezes what its scan made (its process ends soon after); a library
    # call must not, or a long-lived caller's reference cycles would never be freed.
    import gc

    write_tree(tmp_path, {"app.py": 'MODEL = "gpt-4.5-preview"\n'})
    before = gc.get_freeze_count()
    found = api.check_path(tmp_path, wave, "2026-02-10")
    assert found["findings"]
    # Never more (freezing would hold every object of the process); fewer where objects an
    # earlier command line froze in this process were freed meanwhile.
    assert gc.get_freeze_count() <= before
    assert gc.isenabled()
