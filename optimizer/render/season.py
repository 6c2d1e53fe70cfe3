"""A season as one document: the summary of phases and strength load, then every week."""

from __future__ import annotations

import json

from ..season import Season
from . import render
from .markdown import text as literal


SEASON_FORMATS = ("table", "json", "markdown", "ics")  # no html: a page is one week's


def render_season(season: Season, fmt: str, *, timezone: str | None = None) -> str:
    """``fmt``: one of SEASON_FORMATS; ics puts every week's sessions on their dates in one calendar."""
    if fmt == "json":
        data = season.model_dump(mode="json", exclude_none=True)
        summary = [{k: v for k, v in row.items() if v is not None} for row in season.summary()]
        return json.dumps({**{k: v for k, v in data.items() if k != "weeks"}, "summary": summary,
                           "weeks": data["weeks"]}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "ics":
        from .ics import render_weeks

        return render_weeks([(w.week_of, w.plan) for w in season.weeks], timezone,
                            name=f"{season.athlete}: season to {season.race_date}")
    if fmt not in SEASON_FORMATS:
        raise ValueError(f"a season is written as {', '.join(SEASON_FORMATS)}, not {fmt}")
    rows = season.summary()
    if fmt == "markdown":
        lines = [f"# {literal(season.athlete)}: season to {season.race_date}", "",
                 "| Week | Week of | Phase | Strength | Heavy legs | Strength min | Status |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {r['week']} | {r['week_of']} | {r['phase']} | {r['strength']} | {r['heavy']} | "
                  f"{r['strength_minutes']} | {r['status']} |" for r in rows]
        for week in season.weeks:
            lines += ["", f"# Week {week.number}: {week.week_of} ({week.phase})", ""]
            lines += [f"*{literal(week.note)}*", ""] if week.note else []
            lines += [render(week.plan, "markdown")]
        return "\n".join(lines) + "\n"
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=StringIO(), record=True, width=110, color_system=None)
    table = Table(title=escape(f"{season.athlete}: season to {season.race_date}"))
    for col in ("Week", "Week of", "Phase", "Strength", "Heavy legs", "Strength min", "Status"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["week"]), r["week_of"], r["phase"], str(r["strength"]), str(r["heavy"]),
                      str(r["strength_minutes"]), r["status"])
    console.print(table)
    text = console.export_text()
    for week in season.weeks:
        text += f"\nWeek {week.number}: {week.week_of} ({week.phase}{', deload' if week.deload else ''})\n"
        text += f"{week.note}\n" if week.note else ""
        text += render(week.plan, "table")
    return text
