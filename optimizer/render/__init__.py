"""Render a Plan as text: one module per format, each with ``render(plan) -> str``.

The calendar formats (ics, html) also take ``week_of`` (the date of the week's
Monday, or any day of that week) and ``timezone`` (an IANA name); the others show
the plan's template week and ignore both.
"""

from __future__ import annotations

from datetime import date

from ..plan import Plan
from . import html, ics, json_out, markdown, table

FORMATS = {"table": table.render, "json": json_out.render, "markdown": markdown.render,
           "ics": ics.render, "html": html.render}
DATED = ("ics", "html")  # formats that place the week on real dates


def render(plan: Plan, fmt: str = "table", *, week_of: date | None = None, timezone: str | None = None) -> str:
    if fmt in DATED:
        return FORMATS[fmt](plan, week_of=week_of, timezone=timezone)
    return FORMATS[fmt](plan)
