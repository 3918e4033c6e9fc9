"""The timeline as an HTML page: the SVG picture inline, with a heading, and the same rows
as a table below it (to read, copy or search). Self-contained: inline CSS, system fonts,
no scripts, no other files; plain ASCII, every catalogue string escaped."""

from __future__ import annotations

from modelsunset.render import RenderContext
from modelsunset.render.timeline_svg import SANS, drawing, escape, subtitle
from modelsunset.render.timeline_text import end_words, title
from modelsunset.timeline import Timeline
from modelsunset.wording import successor_text, surface_name

PAGE_CSS = f"""
body {{ font-family: {SANS}; color: #212529; background: #ffffff; margin: 24px; }}
h1 {{ font-size: 22px; margin: 0 0 4px; }}
p {{ color: #495057; margin: 0 0 16px; font-size: 14px; }}
figure {{ margin: 0 0 24px; overflow-x: auto; }}
figure svg {{ display: block; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ text-align: left; padding: 4px 16px 4px 0; border-bottom: 1px solid #e9ecef; }}
td {{ white-space: nowrap; }}
th {{ font-weight: 600; }}
th.provider {{ padding-top: 12px; border-bottom: 1px solid #ced4da; }}
code {{ font-size: 12px; }}
"""


def _table(timeline: Timeline, ctx: RenderContext) -> list[str]:
    lines = [
        "<table>",
        "<thead><tr><th>Model</th><th>Surface</th><th>Since</th><th>Announced</th>"
        "<th>Retires</th><th>Successor</th></tr></thead>",
        "<tbody>",
    ]
    for group in timeline.groups:
        lines.append(f'<tr><th class="provider" colspan="6">{escape(group.name)}</th></tr>')
        for row in group.rows:
            entry = row.entry
            cells = [
                f"<code>{escape(row.model.id)}</code>",
                escape(surface_name(ctx.catalogue, entry.surface)),
                entry.since.isoformat() if entry.since else "",
                entry.announced.isoformat() if entry.announced else "",
                escape(end_words(entry).removeprefix("retires ")),
                escape(successor_text(entry)),
            ]
            lines.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def timeline(timeline: Timeline, ctx: RenderContext) -> str:
    name = escape(title(timeline))
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{name}</title>",
        f"<style>{PAGE_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{name}</h1>",
        f"<p>{escape(subtitle(timeline, ctx))}</p>",
        "<figure>",
        drawing(timeline, ctx, heading=False).rstrip("\n"),
        "</figure>",
    ]
    if timeline.groups:
        lines += _table(timeline, ctx)
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
