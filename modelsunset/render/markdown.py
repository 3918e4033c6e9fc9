"""Markdown for issues, pull requests, wikis and job summaries (GitHub-flavoured tables);
arrows in ASCII where the output cannot take UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

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
    notices_title,
)
from modelsunset.render.fields import iso
from modelsunset.wording import days_phrase, successor_text, surface_name


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
    lines = [f"## {first.query} on {first.on.isoformat()}", ""]
    lines += _table(
        [
            "Surface",
            "Model",
            "State",
            "Retires",
            "Days left",
            "Next",
            "Answer",
            "Chain",
            "Automatic",
        ],
        [
            [
                item.surface,
                code(item.model),
                item.state.value,
                end_text(first_entry(item, ctx.catalogue)),
                days_text(item.days_left),
                code(item.next) if item.next else "",
                code(item.resolved) if item.resolved else "none",
                chain(item.chain, ctx),
                "" if item.automatic is None else "yes" if item.automatic else "no",
            ]
            for item in items
        ],
    )
    return "\n".join(lines) + "\n"


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    lines = [f"## {notices_title(ctx.on, within)}", ""]
    if not items:
        lines.append(no_notices(within))
    for day, group in groupby(items, key=lambda n: n.row.entry.end):
        members = list(group)
        floor = "not before " if all(n.row.entry.retires is None for n in members) else ""
        lines += [f"### {floor}{iso(day)} ({days_phrase(members[0].row.days_left or 0)})", ""]
        for notice in members:
            entry = notice.row.entry
            bullet = f"- **{surface_name(ctx.catalogue, entry.surface)}:** {notice.message}"
            if entry.source:
                bullet += f" [Source]({entry.source})"
            lines.append(bullet)
        lines.append("")
    if lines[-1] != "":
        lines.append("")
    lines.append(f"_{freshness(ctx.catalogue, ctx.today).capitalize()}._")
    return "\n".join(lines) + "\n"
