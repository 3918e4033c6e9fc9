"""Markdown for issues, pull requests, wikis and job summaries (GitHub-flavoured tables);
arrows in ASCII where the output cannot take UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from modelsunset import i18n
from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.common import (
    cell,
    chain,
    code,
    days_text,
    end_text,
    first_entry,
    freshness,
    no_notices,
    notice_day,
    notices_title,
)
from modelsunset.wording import successor_text, surface_name


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    title = "All models" if all_rows else "Models available"
    lines = [f"## {title} on {ctx.on.isoformat()}", ""]
    if rows:
        lines += _table(
            ["Model", "Name", "Provider", "Surface", "State", "Retires", "Days left", "Successor"],
            [
                [
                    code(row.model.id),
                    row.model.name,
                    row.model.provider,
                    row.entry.surface,
                    row.state.value,
                    end_text(row.entry),
                    days_text(row.days_left),
                    successor_text(row.entry),
                ]
                for row in rows
            ],
        )
    else:
        lines.append("No models match.")
    lines += ["", f"_{freshness(ctx.catalogue, ctx.today).capitalize()}._"]
    return "\n".join(lines) + "\n"


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    first = items[0]
    lang = ctx.lang
    words = i18n.messages(lang)
    title = words.resolve_title.format(name=first.query, day=i18n.day(lang, first.on))
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
                item.surface,
                code(item.model),
                i18n.state(lang, item.state),
                end_text(first_entry(item, ctx.catalogue), lang),
                days_text(item.days_left),
                code(item.next) if item.next else "",
                code(item.resolved) if item.resolved else words.none,
                chain(item.chain, ctx),
                i18n.yes_no(lang, item.automatic),
            ]
            for item in items
        ],
    )
    return "\n".join(lines) + "\n"


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
            lead = words.lead_markdown.format(surface=surface_name(ctx.catalogue, entry.surface))
            bullet = f"- {lead}{notice.message}"
            if entry.source:
                bullet += " " + words.source_link.format(url=entry.source)
            lines.append(bullet)
        lines.append("")
    if lines[-1] != "":
        lines.append("")
    lines.append(f"_{freshness(ctx.catalogue, ctx.today, lang).capitalize()}{words.stop}_")
    return "\n".join(lines) + "\n"
