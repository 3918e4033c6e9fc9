"""What a path says (its kind, whether it is a test's, how it is shown) is the same
whatever paths came before it: the facts of its folders, kept for the files of each
folder, are a cache that nothing can see."""

from __future__ import annotations

import os
from pathlib import PurePath

from hypothesis import given
from hypothesis import strategies as st

from modelsunset.check import kinds, mocked
from modelsunset.check.kinds import kind_of
from modelsunset.check.mocked import is_test
from modelsunset.check.paths import posix

# Folder and file names that the rules of kinds and tests read, in both cases.
_FOLDERS = [
    "src", "tests", "Tests", "data", "DATA", "results", "eval_results", "v1.14.3", "2.0.0",
    "versioned_docs", "fixtures", "cassettes", "__snapshots__", ".github", ".hidden",
    "integration", "e2e", "spec", "datasets", "leaderboard", "docs", "", "a.b",
]  # fmt: skip
_NAMES = [
    "app.py", "test_app.py", "app_test.go", "chat.spec.ts", "conftest.py", "models.json",
    "x.json", "results.yaml", "README", "README.md", "CHANGELOG.md", "2024-05-13-gpt.md",
    "a.svg", "a.ipynb", ".env", ".env.prod", "uv.lock", "sitemap.xml", "test_live.py", "a",
]  # fmt: skip
paths = st.builds(
    lambda folders, name: "/".join([*folders, name]),
    st.lists(st.sampled_from(_FOLDERS), max_size=4),
    st.sampled_from(_NAMES),
)


def _fresh(path: str) -> tuple[tuple[kinds.Kind, bool], bool]:
    kinds._FOLDERS.clear()
    mocked._FOLDERS.clear()
    return kind_of(path), is_test(path)


@given(st.lists(paths, max_size=30))
def test_what_a_path_says_is_the_same_whatever_came_before(walked: list[str]) -> None:
    warm = [(kind_of(path), is_test(path)) for path in walked]
    assert warm == [_fresh(path) for path in walked]


def test_the_facts_kept_stay_few() -> None:
    for number in range(3 * kinds._KEPT):
        kind_of(f"deep/{number}/app.py")
        is_test(f"deep/{number}/test_app.py")
    assert 0 < len(kinds._FOLDERS) <= kinds._KEPT
    assert 0 < len(mocked._FOLDERS) <= mocked._KEPT
    assert kind_of("deep/0/app.py") == (kinds.Kind.CODE, False)
    assert is_test("deep/0/test_app.py")


@given(st.lists(st.sampled_from(["/", ".", "a", "b", "..", os.sep]), max_size=12).map("".join))
def test_a_normalised_path_is_shown_as_pathlib_would(path: str) -> None:
    for made in (os.path.normpath(path), os.path.relpath(path or ".", "/")):
        assert posix(made) == PurePath(made).as_posix()
