"""Render a Plan as text: one module per format, each with ``render(plan) -> str``.

The calendar formats (ics, html) also take ``week_of`` (the date of the week's
Monday, or any day of that week) and ``timezone`` (an IANA name); the others show
the plan's template week and ignore both.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module

from ..plan import Plan

FORMATS = {"table": "table", "json": "json_out", "markdown": "markdown", "ics": "ics", "html": "html"}  # -> module
DATED = ("ics", "html")  # formats that place the week on real dates


def render(plan: Plan, fmt: str = "table", *, week_of: date | None = None, timezone: str | None = None,
           before: Plan | None = None) -> str:
    """``plan`` in ``fmt``. ``before`` (ics only): the week as it was before a re-plan, so the
    calendar cancels the sessions the re-plan dropped."""
    # Imported when asked for: the calendar formats bring icalendar and jinja2, about 65 ms of a
    # `stridelift plan`'s start-up (0.9 s), which a table or JSON week does not need.
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    write = import_module(f".{FORMATS[fmt]}", __name__).render
    if fmt == "ics":
        return write(plan, week_of=week_of, timezone=timezone, before=before)
    if fmt in DATED:
        return write(plan, week_of=week_of, timezone=timezone)
    return write(plan)


def club_files(club_plan, stems, *, week_of=None, timezone=None) -> dict[str, str]:
    """Calendar and page files for a planned club (``optimizer.club.ClubPlan``): {file name: text}.

    Each member gets STEM.html (their week, linking back to the club) and, with a
    week, STEM.ics; ``index.html`` is the club overview linking every member's page
    with status, missed goals and club sessions. ``stems`` are the members' safe file
    stems in ``club_plan.members`` order (``club_output.safe_stems``, which must
    reserve 'index'). ``timezone`` is one IANA name, or a mapping member stem -> name; ``week_of``
    one date, or a mapping member stem -> date (a member left out: this week): by stem, as two
    members may share a name. Calendar UIDs carry the stem for the same reason.
    """
    from . import html, ics

    if "index" in stems:
        raise ValueError("a member's file stem is 'index', which would overwrite the club overview")
    out: dict[str, str] = {}
    links = []
    for member, stem in zip(club_plan.members, stems):
        notes = member_notes(member)
        if member.plan is None:  # the member's data is invalid: no page, the reason on the overview
            links.append(html.MemberLink(member.name, None, None, "; ".join(member.problems) or member.status, notes))
            continue
        tz = timezone.get(stem) if isinstance(timezone, dict) else timezone
        week = week_of.get(stem) if isinstance(week_of, dict) else week_of
        if member.plan.status in ics.SHOWN:
            out[f"{stem}.ics"] = ics.render(member.plan, week_of=week, timezone=tz, owner=stem)
        out[f"{stem}.html"] = html.page(member.plan, week, back=("index.html", f"← {club_plan.club}"), notes=notes)
        links.append(html.MemberLink(member.name, f"{stem}.html", member.plan, None, notes))
    out["index.html"] = html.club_overview(club_plan.club, links)
    return out


def member_notes(member) -> list[str]:
    """A club member's club sessions in words: group runs joined, class places or why not
    (``MemberResult.group_runs`` and ``.classes``: class id -> seat with outcome and detail)."""
    words = {"place": "place", "full": "no place (class full)", "cannot": "no place (your week cannot hold it)",
             "invalid": "no place (invalid member data)"}
    notes = member.joined_words()
    for sid, seat in member.classes.items():
        notes.append(f"{sid}: {words.get(seat.outcome, seat.outcome)}" + (f": {seat.detail}" if seat.detail else ""))
    return notes
