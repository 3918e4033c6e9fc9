"""The catalogue cache: a hit gives the same catalogue; a miss of any kind is harmless."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import WAVE, pinned_env, run, run_installed

from modelsunset import cache
from modelsunset.catalogue import parse
from modelsunset.loading import load


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MODELSUNSET_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "modelsunset"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.json"))


def test_a_hit_is_the_same_catalogue(cache_home: Path) -> None:
    parsed = parse([(str(WAVE), WAVE.read_bytes())])
    first = load([str(WAVE)])
    assert len(_files(cache_home)) == 1
    second = load([str(WAVE)])  # from the cache
    assert first == second == parsed


def test_round_trip_keeps_every_field(cache_home: Path) -> None:
    catalogue = parse([(str(WAVE), WAVE.read_bytes())])
    again = cache.build(json.loads(json.dumps(cache.dump(catalogue))))
    assert again == catalogue


def test_the_key_covers_every_file_and_its_order() -> None:
    a, b = ("a", b"version: 1\n"), ("b", b"version: 1\n# other\n")
    assert cache.key([a, b]) != cache.key([b, a])
    assert cache.key([a]) != cache.key([a, b])
    assert cache.key([a]) == cache.key([("renamed", a[1])])  # content, not names


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b"GPT-4o", b"GPT-4x"),  # changed after writing
        lambda raw: b"",  # empty
        lambda raw: b"\xff\xfe not a cache",  # junk
        lambda raw: raw.split(b"\n", 1)[1],  # header lost
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(cache_home: Path, damage) -> None:  # type: ignore[no-untyped-def]
    expected = load([str(WAVE)])
    (cached,) = _files(cache_home)
    cached.write_bytes(damage(cached.read_bytes()))
    assert load([str(WAVE)]) == expected
    (rewritten,) = _files(cache_home)
    assert cache.read(rewritten.name[len("catalogue-") : -len(".json")]) is not None


def test_an_unreadable_or_unwritable_cache_is_no_error(cache_home: Path) -> None:
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the folder should be")
    assert load([str(WAVE)]).models["gpt-4o"].name == "GPT-4o"


def test_a_changed_file_is_parsed_again_and_errors_are_never_hidden(
    cache_home: Path, tmp_path: Path
) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_bytes(WAVE.read_bytes())
    load([str(catalogue)])
    catalogue.write_bytes(WAVE.read_bytes().replace(b"fallback: gpt-5.2", b"fallback: gpt-9", 1))
    from modelsunset.errors import CatalogueError

    with pytest.raises(CatalogueError, match="problem"):
        load([str(catalogue)])


def test_no_cache_setting_writes_nothing(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELSUNSET_NO_CACHE", "1")
    load([str(WAVE)])
    assert not cache_home.exists()


def test_old_files_are_pruned(cache_home: Path, tmp_path: Path) -> None:
    for index in range(cache.KEEP + 3):
        variant = tmp_path / f"v{index}.yaml"
        variant.write_bytes(WAVE.read_bytes() + f"# {index}\n".encode())
        load([str(variant)])
    assert len(_files(cache_home)) == cache.KEEP


def test_the_command_line_gives_the_same_answers_cold_and_warm(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    args = ["status", "--all", "-f", "json", "-d", "2026-02-14"]
    cold = run(*args, env=env)
    assert list((tmp_path / "cache" / "modelsunset").glob("catalogue-*.json"))
    warm = run(*args, env=env)
    off = run(*args, env={**env, "MODELSUNSET_NO_CACHE": "1"})
    assert cold.returncode == warm.returncode == off.returncode == 0
    assert cold.stdout == warm.stdout == off.stdout


def _rehashed(payload: bytes) -> bytes:
    """A cache file whose header matches its payload, as if written by modelsunset."""
    from hashlib import blake2b

    return f"{cache.MAGIC} {blake2b(payload, digest_size=32).hexdigest()}\n".encode() + payload


@pytest.mark.parametrize(
    "payload",
    [
        b'[1,null,[],[],[["x","x","p",[],[["api",null,null,99999999999,null,null,null,null,null]]]]]',
        b'[1,null,[],[],[["x","x","p",7,{"api":1}]]]',
        b'{"not": "a list"}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_a_cache_that_does_not_build_is_a_miss(cache_home: Path, payload: bytes) -> None:
    expected = load([str(WAVE)])
    (cached,) = _files(cache_home)
    cached.write_bytes(_rehashed(payload))
    assert load([str(WAVE)]) == expected


def test_a_pipe_in_place_of_the_cache_file_does_not_block(tmp_path: Path) -> None:
    import os

    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    assert run("resolve", "gpt-4o", "-s", "api", "-f", "plain", env=env).returncode == 0
    (cached,) = _files(tmp_path / "cache" / "modelsunset")
    cached.unlink()
    os.mkfifo(cached)
    done = run_installed("resolve", "gpt-4o", "-s", "api", "-f", "plain", env=env)  # 120 s timeout
    assert (done.returncode, done.stdout) == (0, "gpt-4o\n")


def _tampered(cached: Path) -> None:
    """Rewrite a cache entry, with a matching header, so that gpt-4o is called GPT-4x."""
    payload = cached.read_bytes().split(b"\n", 1)[1]
    cached.write_bytes(_rehashed(payload.replace(b'"GPT-4o"', b'"GPT-4x"')))


@pytest.mark.parametrize(
    "payload",
    [
        # The right shape, but a value of the wrong type somewhere.
        lambda good: good.replace(b'"GPT-4o"', b"4"),
        lambda good: good.replace(b'"chatgpt",', b'["chatgpt"],', 1),
        lambda good: good[:-1] + b",1]",  # one item too many at the top
        lambda good: good.replace(b",739019,", b',"739019",', 1),  # a day as text
    ],
)
def test_a_hit_of_the_wrong_shape_or_types_is_a_miss(cache_home: Path, payload) -> None:  # type: ignore[no-untyped-def]
    expected = load([str(WAVE)])
    (cached,) = _files(cache_home)
    good = cached.read_bytes().split(b"\n", 1)[1]
    assert payload(good) != good
    cached.write_bytes(_rehashed(payload(good)))
    assert load([str(WAVE)]) == expected


def test_a_folder_others_can_write_to_is_not_used_and_says_so(cache_home: Path) -> None:
    import os

    expected = load([str(WAVE)])
    (cached,) = _files(cache_home)
    _tampered(cached)
    os.chmod(cache_home, 0o777)
    notes: list[str] = []
    assert load([str(WAVE)], note=notes.append) == expected
    assert notes == [
        f"warning: the catalogue cache {cache_home} is not used: others can write to it"
    ]
    os.chmod(cache_home, 0o700)
    assert load([str(WAVE)]).models["gpt-4o"].name == "GPT-4x"  # same user: trusted


def test_a_file_others_can_write_to_or_a_link_is_a_miss(cache_home: Path, tmp_path: Path) -> None:
    import os

    expected = load([str(WAVE)])
    (cached,) = _files(cache_home)
    _tampered(cached)
    os.chmod(cached, 0o666)
    assert load([str(WAVE)]) == expected
    (cached,) = _files(cache_home)
    assert cached.stat().st_mode & 0o077 == 0  # rewritten owner-only
    planted = tmp_path / "planted.json"
    planted.write_bytes(cached.read_bytes())
    _tampered(planted)
    cached.unlink()
    cached.symlink_to(planted)
    assert load([str(WAVE)]) == expected


def test_the_folder_is_made_owner_only(cache_home: Path) -> None:
    load([str(WAVE)])
    assert cache_home.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("mask", [0o777, 0o077, 0o022, 0])
def test_no_umask_makes_a_folder_or_file_its_owner_cannot_use(cache_home: Path, mask: int) -> None:
    """Under ``umask 777`` the folders made (``~/.cache`` too, which other programs share)
    would have no permission at all, and the cache file none: a warning on every run
    after, and a cache never read back. The owner keeps what it needs whatever the umask;
    others get what the umask allows above the cache folder, nothing in it."""
    before = os.umask(mask)
    try:
        load([str(WAVE)])
    finally:
        os.umask(before)
    above = cache_home.parent
    assert above.stat().st_mode & 0o777 == (0o777 & ~mask) | 0o700
    assert cache_home.stat().st_mode & 0o777 == 0o700
    (cached,) = _files(cache_home)
    assert cached.stat().st_mode & 0o777 == 0o600
    assert load([str(WAVE)]) == parse([(str(WAVE), WAVE.read_bytes())])  # read back


def test_validate_reads_the_files_never_the_cache(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    assert run("status", env=env).returncode == 0
    (cached,) = _files(tmp_path / "cache" / "modelsunset")
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(WAVE.read_bytes().replace(b"fallback: gpt-5.2", b"fallback: gpt-9", 1))
    # Plant the good catalogue's entry under the broken file's key.
    key = cache.key([(str(broken), broken.read_bytes())])
    cached.rename(cached.with_name(f"catalogue-{key}.json"))
    result = run("validate", str(broken), env=env)
    assert result.returncode == 3, result.stderr
    assert "gpt-9" in result.stderr


def test_no_home_folder_is_no_cache_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No HOME and a user id the system has no entry for (a container run with ``--user
    1001``): os.path.expanduser gives "~" back. The tool runs, with no cache."""
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    env = pinned_env()
    for name in ("HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cache.folder() is None
    assert load([str(WAVE)]) == parse([(str(WAVE), WAVE.read_bytes())])
    done = run("status", "--catalogue", WAVE, "-f", "json", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)  # the catalogue's rows
    assert list(tmp_path.iterdir()) == []  # no "~/.cache" made below the working folder


def test_a_relative_cache_home_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The XDG rule: a relative XDG_CACHE_HOME is ignored, for ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.folder() == os.path.join(str(tmp_path), ".cache", "modelsunset")
