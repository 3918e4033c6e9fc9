"""The languages of the text for people: English (the default) and Chinese.

Every sentence that ``notices`` and ``resolve`` write, and the headings and summary line
of ``check``'s text, is a template here, keyed by its name: ``Messages`` holds the
English, and a subclass per other language words every one of them anew (a test holds
each language to that, and to the same placeholders). Days and counts of days are written
for the language: English as ever (``2026-02-13``, ``in 12 days``), Chinese by babel from
the locale's own data (``2026年2月13日``, ``12天后``, ``215天前``). babel is imported only
for a language other than English, so English runs start as fast as before.

Model names, ids, surface ids and URLs are put into the templates as the catalogue writes
them; so are its notes (the provider's words). Machine formats (JSON keys and values, CSV)
stay English, except the notices' ``message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from modelsunset.model import State


class Lang(StrEnum):
    """A language of the text for people (``--lang``, ``MODELSUNSET_LANG``)."""

    en = "en"
    zh = "zh"


class Messages:
    """The templates in English, filled with ``str.format``: ``{model}`` and ``{successor}``
    are labels such as ``GPT-4o (gpt-4o)``, ``{day}`` a day written by ``day``, ``{when}``
    one by ``days_from``, ``{count}`` one by ``day_count``. Each other language is a
    subclass that words every template anew (``tests/test_i18n.py`` holds it to that).

    Plain class attributes: a dataclass of this many fields would take milliseconds to
    build at every start."""

    # A notice: the retirement sentence, then what takes the model's place.
    retires = "{model} retires from {surface} on {day} ({when})."
    retired = "{model} retired from {surface} on {day} ({when})."
    takes_place = "{successor} takes its place automatically."
    took_place = "{successor} took its place automatically."
    calls_will_fail = "Calls will fail; switch to {replacement}."
    calls_fail = "Calls fail; switch to {replacement}."
    no_successor_yet = (
        "No successor is named; calls will fail, so choose another model before then."
    )
    no_successor = "No successor is named; calls fail, so choose another model."
    # A floor: no day is set, only the first day it may come.
    may_retire = "{model} may retire from {surface} from {day} ({when}); no date is set yet."
    would_move = "It would move to {successor} automatically."
    recommended = "The recommended successor is {replacement}."
    # Between the sentences of a notice, and before the catalogue's note.
    gap = " "
    # The notices as a page.
    notices_title = "Model retirement notices, {day} and the {count} after"
    no_notices = "No model on these surfaces retires within {count}."
    day_heading = "{day} ({when})"
    floor_heading = "not before {day} ({when})"
    lead = "{surface}: "
    lead_markdown = "**{surface}:** "
    source_line = "Source: {url}"
    source_link = "[Source]({url})"
    freshness = "catalogue updated {day} ({when})"
    freshness_unknown = "catalogue date unknown (no `updated` in the catalogue)"
    today = "today"
    stop = "."  # the end of a sentence that a template leaves open
    # resolve: titles, column headers and values, and the answer that is not there.
    resolve_title = "{name} on {day}"
    surface = "Surface"
    model = "Model"
    state = "State"
    retires_column = "Retires"
    days_left = "Days left"
    next = "Next"
    answer = "Answer"
    chain = "Chain"
    auto = "Auto"
    automatic = "Automatic"
    yes = "yes"
    no = "no"
    none = "none"
    not_before = "not before {day}"
    derived = " (from {version})"
    active = "active"
    retiring = "retiring"
    upcoming = "upcoming"
    retired_state = "retired"
    no_answer = (
        "no available model for {model} on {surface} on {day}: {why} and no successor is named{via}"
    )
    no_answer_retired = "{model} retired from {surface} on {day}"
    no_answer_state = "{model} is {state} on {surface}"
    no_answer_via = " (via {chain})"
    # check's text: the head of each block, the headings, and the summary line.
    error = "error"
    warning = "warning"
    check_head = "{level} {name} on {surface_id} ({surface}): {when}, {days}"
    check_retired = "retired {day}"
    check_retires = "retires {day}"
    # A --date later than today, past a retirement that is still to come.
    check_before_asked = "{n} days before {day}, the date checked"
    check_may_retire = "may retire from {day} (no date set yet)"
    check_unknown_title = "Model ids not in the catalogue"
    check_unknown_hint = " (not checked; an overlay can add them):"
    check_clean = "No retired model, and none retiring within {count}, on {surfaces} on {day}."
    errors_one = "{n} error"
    errors_many = "{n} errors"
    warnings_one = "{n} warning"
    warnings_many = "{n} warnings"
    files_one = "{n} file"
    files_many = "{n} files"
    unknown_one = "{n} unknown id"
    unknown_many = "{n} unknown ids"
    check_counts = "{errors}, {warnings}"
    check_in_files = " in {files}"
    check_unknown = "; {unknown} (not checked)"
    check_scanned = "; {files} scanned"
    check_skipped = ", {n} skipped"
    check_unreadable_skipped = ", {n} unreadable skipped (--skip-unreadable)"
    known_one = "{n} known id"
    known_many = "{n} known ids"
    check_not_checked = "; {known} not offered on the surface judged (not checked)"
    findings_one = "{n} finding"
    findings_many = "{n} findings"
    check_not_checked_count = "{n} not checked"
    check_left_out = "; {what} in {kinds} files not counted (--kinds to include them)"
    check_patterns = (
        "; {what} in names tested as patterns not counted (add pattern to --kinds to include them)"
    )
    joined = " and "
    listed = ", "
    check_summary = "{summary} (on {day})."


class Chinese(Messages):
    """The templates in Chinese (Simplified)."""

    retires = "{model} 将于{day}（{when}）从 {surface} 下线。"
    retired = "{model} 已于{day}（{when}）从 {surface} 下线。"
    takes_place = "将由 {successor} 自动接替。"
    took_place = "已由 {successor} 自动接替。"
    calls_will_fail = "届时调用将会失败；请改用 {replacement}。"
    calls_fail = "调用会失败；请改用 {replacement}。"
    no_successor_yet = "未指定后继模型；届时调用将会失败，请在此之前另选模型。"
    no_successor = "未指定后继模型；调用会失败，请另选模型。"
    may_retire = "{model} 最早可能自{day}（{when}）起从 {surface} 下线；尚未确定日期。"
    would_move = "届时将自动迁移到 {successor}。"
    recommended = "推荐的后继模型为 {replacement}。"
    gap = ""
    notices_title = "模型下线通知：{day}及之后{count}"
    no_notices = "这些平台上没有模型在{count}内下线。"
    day_heading = "{day}（{when}）"
    floor_heading = "不早于{day}（{when}）"
    lead = "{surface}："
    # Bold ends before the colon, as CommonMark reads it.
    lead_markdown = "**{surface}**："
    source_line = "来源：{url}"
    source_link = "[来源]({url})"
    freshness = "目录更新于{day}（{when}）"
    freshness_unknown = "目录日期未知（目录中没有 `updated`）"
    today = "今天"
    stop = "。"  # the end of a sentence that a template leaves open
    resolve_title = "{name}：{day}"
    surface = "平台"
    model = "模型"
    state = "状态"
    retires_column = "下线日期"
    days_left = "剩余天数"
    next = "下一个"
    answer = "结果"
    chain = "迁移链"
    auto = "自动"
    automatic = "自动"
    yes = "是"
    no = "否"
    none = "无"
    not_before = "不早于{day}"
    derived = "（取自 {version}）"
    active = "可用"
    retiring = "即将下线"
    upcoming = "尚未推出"
    retired_state = "已下线"
    no_answer = "{day}在 {surface} 上没有可替代 {model} 的可用模型：{why}，且未指定后继模型{via}"
    no_answer_retired = "{model} 已于{day}从 {surface} 下线"
    no_answer_state = "{model} 在 {surface} 上的状态为“{state}”"
    no_answer_via = "（经由 {chain}）"
    error = "错误"
    warning = "警告"
    check_head = "{level} {name}，{surface_id}（{surface}）：{when}，{days}"
    check_retired = "已于{day}下线"
    check_retires = "将于{day}下线"
    check_before_asked = "在检查日期{day}之前{n}天"
    check_may_retire = "最早可能自{day}起下线（尚未确定日期）"
    check_unknown_title = "目录中没有的模型 id"
    check_unknown_hint = "（未检查；可用覆盖文件添加）："
    check_clean = "{day}在 {surfaces} 上没有已下线的模型，也没有在{count}内下线的模型。"
    errors_one = "{n} 个错误"
    errors_many = "{n} 个错误"
    warnings_one = "{n} 个警告"
    warnings_many = "{n} 个警告"
    files_one = "{n} 个文件"
    files_many = "{n} 个文件"
    unknown_one = "{n} 个未知 id"
    unknown_many = "{n} 个未知 id"
    check_counts = "{errors}，{warnings}"
    check_in_files = "，涉及 {files}"
    check_unknown = "；{unknown}（未检查）"
    check_scanned = "；扫描了 {files}"
    check_skipped = "，跳过 {n} 个"
    check_unreadable_skipped = "，跳过 {n} 个无法读取的（--skip-unreadable）"
    known_one = "{n} 个已知 id"
    known_many = "{n} 个已知 id"
    check_not_checked = "；{known}在所判断的平台上不提供（未检查）"
    findings_one = "{n} 项发现"
    findings_many = "{n} 项发现"
    check_not_checked_count = "{n} 项未检查"
    check_left_out = "；{kinds}类文件中的{what}未计入（用 --kinds 纳入）"
    check_patterns = "；作为模式测试的名称中的{what}未计入（在 --kinds 中加入 pattern 以纳入）"
    joined = "和"
    listed = "、"
    check_summary = "{summary}（{day}）。"


_MESSAGES: Mapping[Lang, Messages] = {Lang.en: Messages(), Lang.zh: Chinese()}
_LOCALES: Mapping[Lang, str] = {Lang.zh: "zh_Hans_CN"}  # babel's name of each locale


def messages(lang: Lang) -> Messages:
    return _MESSAGES[lang]


def day(lang: Lang, value: date) -> str:
    """``2026-02-13``; ``2026年2月13日``."""
    if lang is Lang.en:
        return value.isoformat()
    from babel.dates import format_date

    return format_date(value, format="long", locale=_LOCALES[lang])


def days_from(lang: Lang, days: int) -> str:
    """A day counted from the day asked: ``today``, ``in 12 days``, ``1 day ago``;
    ``今天``, ``12天后``, ``215天前``."""
    if days == 0:
        return messages(lang).today
    if lang is Lang.en:
        if days > 0:
            return "in 1 day" if days == 1 else f"in {days} days"
        return "1 day ago" if days == -1 else f"{-days} days ago"
    from babel.dates import format_timedelta

    # In days however many there are (babel would round 215 days to months).
    return format_timedelta(
        timedelta(days=days),
        granularity="day",
        threshold=float("inf"),
        add_direction=True,
        locale=_LOCALES[lang],
    )


def day_count(lang: Lang, count: int) -> str:
    """``1 day``, ``30 days``; ``30天``."""
    if lang is Lang.en:
        return f"{count} day" if count == 1 else f"{count} days"
    from babel.units import format_unit

    return format_unit(count, "duration-day", locale=_LOCALES[lang])


def state(lang: Lang, value: State) -> str:
    """A state for people: ``retiring``; ``即将下线``."""
    words = messages(lang)
    return {
        State.UPCOMING: words.upcoming,
        State.ACTIVE: words.active,
        State.RETIRING: words.retiring,
        State.RETIRED: words.retired_state,
    }[value]


def yes_no(lang: Lang, value: bool | None) -> str:
    """``yes``, ``no``, or empty for an unknown."""
    if value is None:
        return ""
    return messages(lang).yes if value else messages(lang).no


def count(template_one: str, template_many: str, n: int) -> str:
    """``template_one`` for one, else ``template_many``, filled with ``n``."""
    return (template_one if n == 1 else template_many).format(n=n)


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns of a terminal, where a wide (CJK)
    character takes two."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * (width - used)


def lang_of(environ: Mapping[str, str]) -> Lang:
    """The language the environment asks for: ``MODELSUNSET_LANG``, else the locale's
    messages (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in POSIX's order). ``zh``,
    ``zh_CN.UTF-8``, ``zh_TW``, ``zh-Hans`` are Chinese; anything else, English."""
    for key in ("MODELSUNSET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key)
        if value:
            language = value.split(".")[0].replace("-", "_").split("_")[0]
            return Lang.zh if language.lower() == "zh" else Lang.en
    return Lang.en
