"""Markdown for issues, pull requests, wikis and job summaries (GitHub-flavoured tables);
arrows in ASCII where the output cannot take UTF-8.

What comes from catalogues (or was typed) is written with ``md_text``, ``md_code`` and
``md_url``: it can open no code span, HTML tag, cell or link of its own, and holds no
control character nor workflow command (see ``common``)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from modelsunset import i18n
from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.common import (
    arrow,
    days_text,
    end_text,
    first_entry,
    freshness,
    guarded,
    md_code,
    md_text,
    md_url,
    no_notices,
    notice_day,
    notices_title,
)
from modelsunset.wording import successor_text, surface_name


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table of cells already written as Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _chain(names: Sequence[str], ctx: RenderContext) -> str:
    """A chain in one cell: a lone backtick of them all opens nothing (see ``md_text``)."""
    lone = sum(name.count("`") for name in names) <= 1
    return arrow(ctx).join(md_text(name, cell=lone) for name in names)


def _done(lines: list[str]) -> str:
    return guarded("\n".join(lines) + "\n", colon="\\:")


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    title = "All models" if all_rows else "Models available"
    lines = [f"## {title} on {ctx.on.isoformat()}", ""]
    if rows:
        lines += _table(
            ["Model", "Name", "Provider", "Surface", "State", "Retires", "Days left", "Successor"],
            [
                [
                    md_code(row.model.id),
                    md_text(row.model.name, cell=True),
                    md_text(row.model.provider, cell=True),
                    md_text(row.entry.surface, cell=True),
                    row.state.value,
                    md_text(end_text(row.entry), cell=True),
                    days_text(row.days_left),
                    md_text(successor_text(row.entry), cell=True),
                ]
                for row in rows
            ],
        )
    else:
        lines.append("No models match.")
    lines += ["", f"_{freshness(ctx.catalogue, ctx.today).capitalize()}._"]
    return _done(lines)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    first = items[0]
    lang = ctx.lang
    words = i18n.messages(lang)
    title = words.resolve_title.format(name=md_text(first.query), day=i18n.day(lang, first.on))
    lines = [f"## {title}", ""]
    lines += _table(
        [
            words.surface,
            words.model,
            words.state,
            words.retires_column,
            words.days_left,
            words.next,
            words.answer,
            words.chain,
            words.automatic,
        ],
        [
            [
                md_text(item.surface, cell=True),
                md_code(item.model),
                i18n.state(lang, item.state),
                md_text(end_text(first_entry(item, ctx.catalogue), lang), cell=True),
                days_text(item.days_left),
                md_code(item.next) if item.next else "",
                md_code(item.resolved) if item.resolved else words.none,
                _chain(item.chain, ctx),
                i18n.yes_no(lang, item.automatic),
            ]
            for item in items
        ],
    )
    return _done(lines)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    lang = ctx.lang
    words = i18n.messages(lang)
    lines = [f"## {notices_title(ctx.on, within, lang)}", ""]
    if not items:
        lines.append(no_notices(within, lang))
    for day, group in groupby(items, key=lambda n: n.row.entry.end):
        members = list(group)
        assert day is not None  # a notice's entry has a day, or a floor
        floor = all(n.row.entry.retires is None for n in members)
        lines += [f"### {notice_day(day, members[0].row.days_left or 0, floor, lang)}", ""]
        for notice in members:
            entry = notice.row.entry
            surface = md_text(surface_name(ctx.catalogue, entry.surface))
            lead = words.lead_markdown.format(surface=surface)
            bullet = f"- {lead}{md_text(notice.message)}"
            if entry.source:
                bullet += " " + words.source_link.format(url=md_url(entry.source))
            lines.append(bullet)
        lines.append("")
    if lines[-1] != "":
        lines.append("")
    lines.append(f"_{freshness(ctx.catalogue, ctx.today, lang).capitalize()}{words.stop}_")
    return _done(lines)
