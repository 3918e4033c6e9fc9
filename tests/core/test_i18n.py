"""Notices and resolve in Chinese (``--lang zh``, ``MODELSUNSET_LANG``, the locale), and
English as ever. The golden files of both languages are in ``test_golden``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support import FIXTURES, WAVE, Cli, pinned_env, run

from modelsunset import i18n
from modelsunset.i18n import Lang, lang_of
from modelsunset.loading import load

FORMAT2 = FIXTURES / "format2.yaml"


def allowed(path: Path) -> list[str]:
    """What a catalogue writes and a notice quotes as it is: model ids, aliases and names,
    surface ids and names, provider names, notes (as a notice joins them) and sources;
    longest first, so that a name goes before an id inside it."""
    catalogue = load([str(path)], use_cache=False)
    words: set[str] = set()
    for provider in catalogue.providers.values():
        words |= {provider.id, provider.name}
    for surface in catalogue.surfaces.values():
        words |= {surface.id, surface.name}
    for model in catalogue.models.values():
        words |= {model.id, model.name, *model.aliases}
        for entry in model.entries.values():
            words |= {*entry.aliases, *entry.versions}
            if entry.note:
                words.add(" ".join(entry.note.split()))
            if entry.source:
                words.add(entry.source)
    return sorted(words, key=len, reverse=True)


def english_left(text: str, quoted: list[str]) -> list[str]:
    """Runs of three or more ASCII letters in ``text`` outside what the catalogue wrote."""
    for word in quoted:
        text = text.replace(word, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return re.findall(r"[A-Za-z]{3,}", text)


CASES = [
    ["notices", "-d", "2026-02-01", "-w", "30"],
    ["notices", "-d", "2026-02-13", "-w", "30"],  # the day itself: today
    ["notices", "-d", "2026-03-01"],  # none
    ["resolve", "gpt-4o", "-d", "2026-02-12"],
    ["resolve", "gpt-4o", "-d", "2026-02-14"],
    ["resolve", "gpt-4.5-preview", "-d", "2026-02-14"],
    ["resolve", "gpt-5-instant", "-d", "2026-01-01"],
]
FORMATS = ["table", "markdown", "plain"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_no_english_sentence_is_left_in_chinese(cli: Cli, args: list[str], fmt: str) -> None:
    """Wide enough that no name is folded across lines."""
    done = cli(*args, "--lang", "zh", "-f", fmt, COLUMNS="400")
    assert done.returncode == 0, done.stderr
    assert english_left(done.stdout, allowed(WAVE)) == [], done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [
        ["notices", "-d", "2026-10-01"],  # a floor, a derived date, a replacement
        ["notices", "-d", "2027-01-01", "-w", "1y"],
        ["resolve", "o3", "-d", "2026-12-01"],
        ["resolve", "claude-haiku-4-5-20251001", "-d", "2026-12-01"],
    ],
    ids=" ".join,
)
def test_no_english_sentence_is_left_with_floors_and_derived_dates(
    args: list[str], fmt: str, tmp_path: Path
) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(FORMAT2), COLUMNS="400")
    done = run(*args, "--lang", "zh", "-f", fmt, env=env)
    assert done.returncode == 0, done.stderr
    assert english_left(done.stdout, allowed(FORMAT2)) == [], done.stdout


def test_notice_messages_in_json_follow_the_language_and_nothing_else_does(cli: Cli) -> None:
    args = ["notices", "-d", "2026-02-01", "-w", "30", "-f", "json"]
    english = json.loads(cli(*args).stdout)
    chinese = json.loads(cli(*args, "--lang", "zh").stdout)
    assert [{**row, "message": ""} for row in chinese] == [
        {**row, "message": ""} for row in english
    ]
    assert all(english_left(row["message"], allowed(WAVE)) == [] for row in chinese)
    assert chinese[0]["message"].startswith("GPT-4.1 (gpt-4.1) 将于2026年2月13日（12天后）")


def test_resolve_says_why_there_is_no_answer_in_chinese(tmp_path: Path) -> None:
    overlay = tmp_path / "gone.yaml"
    overlay.write_text(
        "version: 1\nmodels:\n  gpt-5.2:\n    surfaces:\n      chatgpt: {retires: 2026-03-01}\n",
        encoding="utf-8",
    )
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_OVERLAY=str(overlay))
    args = ["resolve", "gpt-4o", "-s", "chatgpt", "-d", "2026-03-02", "-f", "plain"]
    english = run(*args, env=env)
    assert (english.returncode, english.stdout) == (1, "")
    assert english.stderr == (
        "no available model for gpt-4o on chatgpt on 2026-03-02: gpt-5.2 retired from chatgpt "
        "on 2026-03-01 and no successor is named (via gpt-4o -> gpt-5.2)\n"
    )
    chinese = run(*args, "--lang", "zh", env=env)
    assert (chinese.returncode, chinese.stdout) == (1, "")
    assert chinese.stderr == (
        "2026年3月2日在 chatgpt 上没有可替代 gpt-4o 的可用模型：gpt-5.2 已于2026年3月1日从 "
        "chatgpt 下线，且未指定后继模型（经由 gpt-4o -> gpt-5.2）\n"
    )
    upcoming = run(
        "resolve", "gpt-4o", "-s", "chatgpt", "-d", "2024-01-01", "--lang", "zh", env=env
    )
    assert upcoming.returncode == 1
    assert "gpt-5.2 在 chatgpt 上的状态为“尚未推出”" in upcoming.stderr
    assert english_left(upcoming.stderr + chinese.stderr, allowed(WAVE)) == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Lang.en),
        ({"LANG": "zh_CN.UTF-8"}, Lang.zh),
        ({"LANG": "zh_TW"}, Lang.zh),
        ({"LANG": "zh"}, Lang.zh),
        ({"LANG": "zh-Hans"}, Lang.zh),
        ({"LANG": "C.UTF-8"}, Lang.en),
        ({"LANG": "en_GB.UTF-8"}, Lang.en),
        ({"LANG": "fr_FR.UTF-8"}, Lang.en),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Lang.zh),
        ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, Lang.zh),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, Lang.en),  # LC_ALL wins, as in POSIX
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, Lang.zh),  # empty is unset
        ({"MODELSUNSET_LANG": "en", "LANG": "zh_CN.UTF-8"}, Lang.en),
        ({"MODELSUNSET_LANG": "zh", "LC_ALL": "C.UTF-8"}, Lang.zh),
        ({"MODELSUNSET_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, Lang.en),
    ],
)
def test_the_language_comes_from_modelsunset_lang_else_the_locale(
    environ: dict[str, str], expected: Lang
) -> None:
    assert lang_of(environ) is expected


def test_the_locale_chooses_chinese_and_the_flag_wins(tmp_path: Path) -> None:
    base = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    del base["MODELSUNSET_LANG"]
    for key in ("LC_ALL", "LC_MESSAGES"):
        base.pop(key, None)
    args = ["notices", "-d", "2026-02-01", "-w", "30", "-f", "plain"]
    english = run(*args, env={**base, "LANG": "C.UTF-8"}).stdout
    assert english.startswith("GPT-4.1 (gpt-4.1) retires from ChatGPT")
    for lang in ("zh_CN.UTF-8", "zh_TW", "zh"):
        assert run(*args, env={**base, "LANG": lang}).stdout.startswith("GPT-4.1 (gpt-4.1) 将于")
    assert run(*args, env={**base, "MODELSUNSET_LANG": "zh"}).stdout.startswith(
        "GPT-4.1 (gpt-4.1) 将于"
    )
    assert run(*args, "--lang", "en", env={**base, "LANG": "zh_CN.UTF-8"}).stdout == english
    assert run(*args, "--lang", "EN", env={**base, "MODELSUNSET_LANG": "zh"}).stdout == english
    bad = run(*args, "--lang", "fr", env=base)
    assert bad.returncode == 2 and "--lang" in bad.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["notices", "-d", "2026-02-01", "-w", "30"],
        ["notices", "-d", "2026-02-01", "-w", "30", "-f", "markdown"],
        ["notices", "-d", "2026-02-01", "-f", "json"],
        ["resolve", "gpt-4o", "-d", "2026-02-14"],
        ["resolve", "gpt-4o", "-d", "2026-02-14", "-f", "markdown"],
    ],
    ids=" ".join,
)
def test_english_is_the_default_and_as_before(cli: Cli, args: list[str]) -> None:
    """``--lang en`` and an unknown MODELSUNSET_LANG give what no language gives."""
    default = cli(*args)
    assert default.returncode == 0
    assert cli(*args, "--lang", "en").stdout == default.stdout
    assert cli(*args, MODELSUNSET_LANG="pt_BR.UTF-8").stdout == default.stdout
    assert cli(*args, "--lang", "zh").stdout != default.stdout


def test_english_runs_never_import_babel(tmp_path: Path) -> None:
    """A real process, so that its imports are its own: babel is for other languages."""
    script = (
        "import sys\nfrom modelsunset.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules, file=sys.stderr)\n"
    )
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    for lang, imported in (("en", "False"), ("zh", "True")):
        for args in (["notices", "-w", "30"], ["resolve", "gpt-4o"]):
            done = subprocess.run(
                [sys.executable, "-c", script, *args, "--lang", lang],
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
            )
            assert done.stderr.strip().splitlines()[-1] == imported, (lang, args, done.stderr)


def test_days_and_counts_of_days_are_written_by_the_locale() -> None:
    day = date(2026, 2, 13)
    assert (i18n.day(Lang.en, day), i18n.day(Lang.zh, day)) == ("2026-02-13", "2026年2月13日")
    assert [i18n.days_from(Lang.zh, n) for n in (0, 1, 12, -1, -215, 1000)] == [
        "今天",
        "1天后",
        "12天后",
        "1天前",
        "215天前",
        "1000天后",
    ]
    assert [i18n.days_from(Lang.en, n) for n in (0, 1, 12, -1, -215)] == [
        "today",
        "in 1 day",
        "in 12 days",
        "1 day ago",
        "215 days ago",
    ]
    assert (i18n.day_count(Lang.zh, 30), i18n.day_count(Lang.en, 1)) == ("30天", "1 day")


def test_every_language_words_every_template_with_the_same_fields() -> None:
    """A template a language does not word anew would come out in English; one that asks
    for a field its English does not (or the other way round) would fail, or drop a
    value, in one language only."""
    import string

    def names(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    templates = [
        key
        for key, value in vars(i18n.Messages).items()
        if isinstance(value, str) and key[0] != "_"
    ]
    assert len(templates) > 50 and "retires" in templates
    for lang in Lang:
        words = i18n.messages(lang)
        if lang is not Lang.en:
            assert set(templates) <= set(vars(type(words))), lang
        for key in templates:
            assert names(getattr(words, key)) == names(getattr(i18n.Messages, key)), (lang, key)


def test_check_translates_its_text_and_keeps_its_machine_formats(tmp_path: Path) -> None:
    """The head of each finding and the summary line of the text; JSON and SARIF as ever."""
    from support.check import check, project

    repo = project(tmp_path, {"src/app.py": 'MODEL = "gpt-4.5-preview"\nCHAT = "gpt-4o"\n'})
    base = [".", "-s", "api", "-s", "chatgpt", "-d", "2026-02-10"]
    text = check(repo, *base, "--lang", "zh").stdout
    assert text.startswith("错误      GPT-4.5 Preview (gpt-4.5-preview)，api（Developer API）")
    assert text.endswith("1 个错误，1 个警告，涉及 1 个文件；扫描了 1 个文件（2026年2月10日）。\n")
    assert "警告      GPT-4o (gpt-4o)，chatgpt（ChatGPT）：将于2026年2月13日下线，3天后\n" in text
    for fmt in ("json", "sarif", "github", "markdown"):
        english = check(repo, *base, "-f", fmt)
        assert check(repo, *base, "-f", fmt, "--lang", "zh").stdout == english.stdout, fmt
