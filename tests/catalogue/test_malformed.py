"""Every file of the malformed corpus through `modelsunset validate FILE`.

A file's first line says the exit code, the first line stderr must name and words the
report must contain (see ``tests/malformed/__init__.py``). On failure stdout stays empty,
and no file, however hostile, yields a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from malformed import (
    CORPUS,
    Expectation,
    corpus_files,
    expectation,
    places,
    run,
    run_installed,
)


def corpus() -> Iterator[object]:
    for path in corpus_files():
        expected = expectation(path)
        yield pytest.param(path, expected, id=path.stem)


def check_validate(
    result_file: str, cwd: Path, expected: Expectation, timeout: float | None = None
) -> None:
    """In this process; with a ``timeout``, as a real process killed after that long."""
    if timeout is None:
        result = run("validate", result_file, cwd=cwd)
    else:
        result = run_installed("validate", result_file, cwd=cwd, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == expected.exit, result.stdout + result.stderr
    if expected.exit == 0:
        assert result.stdout.startswith(f"ok: {result_file}\n"), result.stdout
        return
    assert result.stdout == ""
    named = places(result.stderr, result_file)
    assert named, f"stderr names no {result_file}:LINE\n{result.stderr}"
    assert named[0] == expected.line, result.stderr
    assert expected.says is not None and expected.says in result.stderr, result.stderr


@pytest.mark.parametrize(("path", "expected"), list(corpus()))
def test_validate_reports_the_corpus_file(path: Path, expected: Expectation) -> None:
    check_validate(path.name, CORPUS, expected)


def test_the_corpus_is_what_it_says() -> None:
    """Each file has an expectation that can hold, and the encodings survived checkout."""
    files = corpus_files()
    assert len(files) >= 60
    for path in files:
        expected = expectation(path)
        data = path.read_bytes()
        if expected.exit != 0:
            assert expected.line is not None and expected.says, path.name
            assert 1 <= expected.line <= max(data.count(b"\n"), 1), path.name
        if "crlf" in path.name:
            assert data.count(b"\r\n") == data.count(b"\n") > 0, f"{path.name} lost its CRLF"
        if "bom" in path.name:
            assert data.startswith(b"\xef\xbb\xbf"), f"{path.name} lost its BOM"
    assert (CORPUS / "empty.yaml").read_bytes() == b""
    assert (CORPUS / "utf16.yaml").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")


def test_several_files_are_layered_and_each_named_in_order() -> None:
    first, second = "unknown-key-top.yaml", "duplicate-top.yaml"
    result = run("validate", first, second, cwd=CORPUS)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert places(result.stderr, first)[:1] == [expectation(CORPUS / first).line], result.stderr
    assert places(result.stderr, second)[:1] == [expectation(CORPUS / second).line], result.stderr
    # Problems are ordered by file, in layering order, whatever the line numbers.
    assert result.stderr.index(f"{first}:") < result.stderr.index(f"{second}:")
    assert "Traceback" not in result.stderr


def test_a_missing_file_and_a_folder_are_catalogue_errors(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    for name in ("missing.yaml", "folder.yaml"):
        result = run("validate", name, cwd=tmp_path)
        assert result.returncode == 3, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith(f"{name}: ")
        assert "Traceback" not in result.stderr


def test_nesting_far_beyond_any_limit(tmp_path: Path) -> None:
    depth = 200_000
    (tmp_path / "deep.yaml").write_text(
        "version: 1\nproviders:\n  openai:\n    name: " + "[" * depth + "]" * depth + "\n"
    )
    check_validate("deep.yaml", tmp_path, Expectation(exit=3, line=4, says="nesting"))


def twenty_megabytes(size: int = 20_000_000) -> tuple[str, int]:
    """A catalogue of ``size`` bytes: one provider, one surface, a long chain of models,
    each replaced by the next; the last model names a successor that does not exist.
    Returns the text and the line of that last successor."""
    head = (
        "version: 1\nupdated: 2026-01-30\nproviders:\n  acme: {name: Acme, url: https://acme.test}\n"
        "surfaces:\n  api: {name: Acme API}\nmodels:\n"
    )
    parts = [head]
    written = len(head)
    lines = head.count("\n")
    first = date(2000, 1, 1)
    n = 0
    while written < size:
        # Each model retires a day after the one before it: its successor is still there.
        retires = (first + timedelta(days=n)).isoformat()
        block = (
            f"  model-{n:07d}:\n"
            f"    name: Acme Model {n}\n"
            f"    provider: acme\n"
            f"    aliases: [acme-{n}]\n"
            f"    surfaces:\n"
            f"      api: {{since: 1999-01-01, retires: {retires}, replacement: model-{n + 1:07d},"
            f" source: https://acme.test/deprecations, note: Calls fail after this day.}}\n"
        )
        parts.append(block)
        written += len(block)
        lines += 6
        n += 1
    tail = f"  model-{n:07d}:\n    provider: acme\n    surfaces:\n      api:\n"
    tail += "        retires: 2999-01-01\n        replacement: no-such-model\n"
    parts.append(tail)
    return "".join(parts), lines + 6


@pytest.mark.slow
def test_a_twenty_megabyte_catalogue(tmp_path: Path) -> None:
    """Read in full, checked in full, and the one problem at its very end named by line.

    Measured at 9 to 35 s on one machine, depending on the version under test; the
    bound (the subprocess timeout) leaves ample room beyond that.
    """
    text, last = twenty_megabytes()
    path = tmp_path / "big.yaml"
    path.write_text(text)
    assert path.stat().st_size >= 20_000_000
    check_validate(
        "big.yaml",
        tmp_path,
        Expectation(exit=3, line=last, says="'no-such-model' is not a model"),
        timeout=600,
    )


def test_a_file_that_is_no_catalogue_is_never_quoted() -> None:
    """A secret named as a catalogue by mistake (or by a repository's settings) is reported
    without a word of it."""
    from malformed import CORPUS
    from support import pinned_env, run

    result = run(
        "validate", str(CORPUS / "hostile-a-secret-named-as-catalogue.yaml"), env=pinned_env()
    )
    assert result.returncode == 3
    assert "SECRET" not in result.stderr and "ghp_" not in result.stderr


@pytest.mark.slow
def test_a_catalogue_over_the_size_limit_is_refused_unless_the_limit_is_raised(
    tmp_path: Path,
) -> None:
    from support import pinned_env, run

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# a comment line of a catalogue that grew far too large\n" * 400_000)
    refused = run("validate", str(big), env=pinned_env(tmp_path))
    assert refused.returncode == 3
    assert "is larger than 20 MiB, the most a catalogue file may be" in refused.stderr
    assert "MODELSUNSET_MAX_CATALOGUE_MB" in refused.stderr
    raised = run("validate", str(big), env=pinned_env(tmp_path, MODELSUNSET_MAX_CATALOGUE_MB="32"))
    assert raised.returncode == 3
    assert "the catalogue is empty" in raised.stderr  # read, and judged on what it holds
    wrong = run("validate", str(big), env=pinned_env(tmp_path, MODELSUNSET_MAX_CATALOGUE_MB="x"))
    assert wrong.returncode == 2
    assert "MODELSUNSET_MAX_CATALOGUE_MB must be a whole number" in wrong.stderr


def test_a_mapping_that_is_no_catalogue_is_never_quoted() -> None:
    """A ``.env`` or credentials file that YAML reads as a mapping: not even its keys."""
    from malformed import CORPUS
    from support import pinned_env, run

    name = "hostile-a-secret-mapping-named-as-catalogue.yaml"
    result = run("validate", str(CORPUS / name), env=pinned_env())
    assert result.returncode == 3
    assert "SECRET" not in result.stderr and "ghp_" not in result.stderr
    assert "AWS_" not in result.stderr and "GITHUB_TOKEN" not in result.stderr


def test_a_long_value_is_quoted_at_most_about_sixty_characters() -> None:
    from malformed import CORPUS
    from support import pinned_env, run

    result = run(
        "validate", str(CORPUS / "hostile-a-long-value-is-quoted-short.yaml"), env=pinned_env()
    )
    assert result.returncode == 3
    assert "x" * 57 in result.stderr and "x" * 61 not in result.stderr
