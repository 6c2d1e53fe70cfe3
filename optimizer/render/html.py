"""HTML report: one self-contained page per week, and an overview page for a club.

The page needs no network to view: CSS is inline, charts are inline SVG, there is
no script, and a Content-Security-Policy forbids loading anything else (so a
stray external link shows up as a console error in the browser test instead of
silently breaking the page offline).

Text from scenarios (names, run labels, exercise names, locations) reaches the
page only through Jinja2 autoescaping: a member called ``<script>`` is shown as
those characters. This module computes numbers (grid geometry, bar lengths);
the templates in ``optimizer/templates/`` only lay them out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from urllib.parse import quote

import jinja2

from constraints.cover import out_of_reach

from ..clock import DAYS, hhmm, parse_hhmm
from ..plan import ExerciseDose, Plan, Session
from .common import SHOWN, SORTS, STATUS_WORDS, day_name, sort_of, what

PX_PER_MINUTE = 1.6  # a 20-minute session is 32 px: room for its time and name
GAP_PX = 22  # an hour band with no session anywhere in the week is folded to this
BAR_ROW = 24  # coverage chart: px per row


@cache
def environment() -> jinja2.Environment:
    """Templates from the package (works from a wheel too), autoescaped as HTML."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("optimizer", "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"], default=True),
        undefined=jinja2.StrictUndefined,  # a misspelt name in a template fails the tests, not the page
        trim_blocks=True,
        lstrip_blocks=True,
    )


# ---- the week as a grid ---------------------------------------------------------


@dataclass
class Band:
    """A run of hours shown to scale (``fold`` False) or an empty stretch folded flat."""

    top: float
    height: float
    first: int  # minute of the day the band starts
    last: int  # minute of the day it ends
    fold: bool


def bands(sessions: Sequence[Session]) -> list[Band]:
    """Hours that hold a session on any day are drawn to scale; stretches of empty hours
    between them are folded, so a week of early runs and evening lifts stays one screen."""
    hours = sorted({h for s in sessions for h in range(parse_hhmm(s.start) // 60, math.ceil(parse_hhmm(s.end) / 60))})
    if not hours:
        hours = list(range(6, 9))
    out: list[Band] = []
    top = 0.0
    run_start = prev = hours[0]
    for h in hours[1:] + [None]:
        if h is not None and h == prev + 1:
            prev = h
            continue
        height = (prev + 1 - run_start) * 60 * PX_PER_MINUTE
        out.append(Band(top, height, run_start * 60, (prev + 1) * 60, False))
        top += height
        if h is not None:
            out.append(Band(top, GAP_PX, (prev + 1) * 60, h * 60, True))
            top += GAP_PX
            run_start = prev = h
    return out


def y_of(minute: int, week_bands: Sequence[Band]) -> float:
    """Pixels from the top of the grid to a minute of the day (inside a to-scale band)."""
    for b in week_bands:
        if not b.fold and b.first <= minute <= b.last:
            return b.top + (minute - b.first) * PX_PER_MINUTE
    raise ValueError(f"minute {minute} is in no band")


def amount(x: ExerciseDose) -> str:
    """'3 x 4-8 each side', '3 x 30 s': the dose, without the name."""
    dose = f"{x.sets} x {x.seconds} s" if x.seconds is not None else f"{x.sets} x {x.reps}"
    return dose + (" each side" if x.per_side else "")


def session_view(index: int, s: Session, week_bands: Sequence[Band]) -> dict:
    top = y_of(parse_hhmm(s.start), week_bands)
    bottom = y_of(parse_hhmm(s.end), week_bands)
    return {
        "index": index, "s": s, "sort": sort_of(s), "what": what(s),
        "top": round(top, 1), "height": round(max(bottom - top, 14.0), 1),
        "lines": 1 if bottom - top < 30 else 2 if bottom - top < 44 else 3,  # what fits: time, name, place
        "exercises": [{"x": x, "amount": amount(x),
                       "kit": ", ".join(k for k in x.equipment if k != "bodyweight") or "bodyweight"}
                      for x in s.exercises],
    }


def week_view(plan: Plan, week_of: date | None) -> dict:
    week_bands = bands(plan.sessions)
    views = [session_view(i, s, week_bands) for i, s in enumerate(plan.sessions)]
    monday = week_of - timedelta(days=week_of.weekday()) if week_of else None
    days = [{
        "key": d, "name": day_name(d),
        "date": (monday + timedelta(days=i)) if monday else None,
        "sessions": [v for v in views if v["s"].day == d],
        "rest": d in plan.rest_days or not any(v["s"].day == d for v in views),
    } for i, d in enumerate(DAYS)]
    hours = [{"label": hhmm(m), "top": round(y_of(m, week_bands), 1)}
             for b in week_bands if not b.fold for m in range(b.first, b.last, 60)]
    return {"days": days, "bands": week_bands, "hours": hours, "sessions": views,
            "height": round(week_bands[-1].top + week_bands[-1].height, 1) if week_bands else 0}


# ---- coverage chart and score -------------------------------------------------


def coverage_chart(plan: Plan) -> dict:
    """Bars of sessions done per muscle group / pillar / injury, with the target marked."""
    scale_max = max([1] + [max(c.done, c.target) for c in plan.coverage.values()])
    label_w, bar_w = 150, 300
    unit = bar_w / scale_max
    rows = [{
        "name": key.replace("_", " ").replace(":", ": "),
        "done": c.done, "target": c.target, "met": c.done >= c.target, "why": out_of_reach(c),
        "y": i * BAR_ROW, "bar": round(c.done * unit, 1), "mark": round(label_w + c.target * unit, 1),
    } for i, (key, c) in enumerate(plan.coverage.items())]
    ticks = [{"x": round(label_w + n * unit, 1), "n": n} for n in range(scale_max + 1)]
    return {"rows": rows, "ticks": ticks, "label_w": label_w, "bar_w": bar_w,
            "width": label_w + bar_w + 70, "height": len(rows) * BAR_ROW + 22}


def goal_titles() -> dict[str, str]:
    from constraints import SOFT_GOALS

    return {g.GOAL: g.TITLE for g in SOFT_GOALS}


def page(plan: Plan, week_of: date | None = None, *, back: tuple[str, str] | None = None,
         notes: Sequence[str] = ()) -> str:
    """The week report of ``plan`` as one HTML document. ``back`` is a (link, words) pair
    shown at the top (a member's page links to the club's); ``notes`` are extra lines
    under the status (a member's club sessions)."""
    shown = plan.status in SHOWN
    return environment().get_template("week.html").render(
        plan=plan, shown=shown, status_words=STATUS_WORDS[plan.status], sorts=SORTS,
        week=week_view(plan, week_of) if shown else None,
        chart=coverage_chart(plan) if shown and plan.coverage else None,
        titles=goal_titles(), week_of=week_of, back=back, notes=list(notes),
    )


def render(plan: Plan, *, week_of: date | None = None, timezone=None) -> str:
    """``--format html``. The page shows clock times as planned, so the time zone is not used."""
    return page(plan, week_of)


# ---- club overview -----------------------------------------------------------------


@dataclass
class MemberLink:
    """One member on the club page: their name, the file of their own page (relative to
    the overview), and their Plan, or the error that kept them from having one."""

    name: str
    href: str | None
    plan: Plan | None = None
    error: str | None = None
    notes: Sequence[str] = ()  # club sessions: places, group runs, why no place


def club_overview(club: str, members: Sequence[MemberLink | tuple]) -> str:
    """The club page: every member with status, total penalty and missed goals, linked to
    their page. ``members`` holds MemberLink or (name, href, Plan-or-error-text) tuples."""
    rows = []
    for m in members:
        if not isinstance(m, MemberLink):
            name, href, result = m
            m = MemberLink(name, href, result if isinstance(result, Plan) else None,
                           None if isinstance(result, Plan) else str(result))
        p = m.plan
        # A file name, percent-encoded and made explicitly relative: a member called
        # "javascript:..." or "a#b?.html" still links to their own file.
        href = "./" + quote(m.href.removeprefix("./")) if m.href else None
        missed = [(goal, g) for goal, g in p.score.items() if g.penalty] if p is not None else []
        rows.append({"m": m, "href": href, "ok": p is not None and p.status in SHOWN,
                     "status": p.status if p is not None else "invalid data",
                     "status_words": STATUS_WORDS[p.status] if p is not None else "the member's data is invalid",
                     "missed": missed, "total": p.total_penalty if p is not None else None,
                     "problems": p.problems if p is not None else []})
    return environment().get_template("club.html").render(club=club, rows=rows, titles=goal_titles())
