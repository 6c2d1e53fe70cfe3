"""iCalendar (RFC 5545): the week's sessions as timed events a calendar app imports.

A Plan is a template week (Monday to Sunday, clock times); a calendar needs real
dates and a time zone. ``calendar(weeks, timezone)`` places any number of weeks
(one for ``stridelift plan``, many for a season, one calendar per club member)
and ``render(plan, week_of=..., timezone=...)`` is the one-week case that
``--format ics`` uses.

All iCalendar text escaping and line folding is the ``icalendar`` library's:
names, run labels and exercise names come from scenario files and may hold
commas, semicolons, newlines or anything else.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from ..clock import monday_of, parse_hhmm
from ..plan import Plan, Session
from .common import SHOWN, SORTS, dose_words, sort_of, what

PRODID = "-//stridelift//training week//EN"

# UIDs are uuid5 names in this namespace: the same athlete, week and session give
# the same UID on every export, so importing a re-planned week updates its events.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://stridelift.invalid/session")
# An event's SEQUENCE is the seconds from this moment to its export (DTSTAMP). Calendar apps apply
# an event whose UID they hold only if its SEQUENCE is higher than theirs (Google drops it with no
# word otherwise), so a later export must count higher, and it does without stridelift keeping a
# count anywhere; the same export time gives the same bytes (one before 2024 counts 0, as a
# SOURCE_DATE_EPOCH of 0 does). iCalendar's INTEGER holds it to 2092, and it stays there after.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC"))


def zone(timezone: str | tzinfo | None) -> tzinfo:
    """An IANA name ('Europe/Madrid') or a tzinfo; None means UTC."""
    if timezone is None:
        return ZoneInfo("UTC")
    if isinstance(timezone, tzinfo):
        return timezone
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{timezone}' is not an IANA time zone name; write e.g. Europe/Madrid or UTC") from None




def session_uids(plan: Plan, week_of: date, owner: str | None = None, sessions: list[Session] | None = None) -> list[str]:
    """One UID per session of ``plan`` (or of ``sessions``, another list of its: the runs its
    replans dropped), in its order.

    A run is named by its place in the athlete's running plan (``Session.run``) and
    a strength session by its kind and its rank among the week's sessions of that kind
    (the first full body, the second ...), not by day or time: when a re-plan moves the
    tempo run from Tuesday to Thursday, re-importing moves the event instead of leaving
    the old one beside a new one, and a lift the re-plan drops leaves the other kinds'
    events as they were. ``owner`` tells apart athletes of one name (a club's members,
    by file name).
    """
    uids, runs, lifts = [], 0, Counter()
    for s in plan.sessions if sessions is None else sessions:
        if s.type == "run":
            runs += 1
            identity = f"run-{s.run}" if s.run is not None else f"run#{runs}"
        else:
            lifts[s.kind] += 1
            identity = f"strength-{s.kind}#{lifts[s.kind]}"
        name = "\x1f".join((plan.athlete, week_of.isoformat(), identity, *([owner] if owner else [])))
        uids.append(str(uuid.uuid5(UID_NAMESPACE, name)))
    return uids


def _repeated(moment: datetime) -> bool:
    """Is this wall-clock time one the clocks show twice (the hour repeated when they go back)?"""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def _at(day: date, hhmm: str, tz: tzinfo) -> datetime:
    """Wall-clock time on ``day`` in ``tz``; '24:00' is the next midnight.

    Ends come from the plan's clock times, not start + minutes, so a session on
    the night the clocks change still ends at the time the plan says.
    """
    return datetime.combine(day, time(), tzinfo=tz) + timedelta(minutes=parse_hhmm(hhmm))


def _description(s: Session, athlete: str) -> str:
    lines = [what(s), f"Where: {s.location}"]
    for x in s.exercises:
        lines.append(f"- {dose_words(x)}" + (f"; {x.load}" if x.load else ""))
    lines.append(f"Planned by stridelift for {athlete}")
    return "\n".join(lines)


def export_time() -> datetime:
    """When this calendar was made: now, or ``SOURCE_DATE_EPOCH`` when set.

    DTSTAMP is the only part of a calendar that is not a function of the plan;
    SOURCE_DATE_EPOCH (the reproducible-builds convention, whole seconds since
    1970 UTC) pins it, so exporting the same week twice gives the same bytes.
    A value that is not whole seconds (ASCII digits) or is past the year 9999
    is ignored, as the convention asks, rather than failing the export.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), ZoneInfo("UTC"))
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.now(ZoneInfo("UTC"))


def sequence(stamp: datetime) -> int:
    """The revision number of events exported at ``stamp`` (see ``SEQUENCE_EPOCH``)."""
    return min(max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())), 2**31 - 1)  # iCalendar's INTEGER


def event(s: Session, athlete: str, uid: str, day: date, tz: tzinfo, stamp: datetime, *,
          cancelled: bool = False) -> icalendar.Event:
    """One session as a VEVENT: summary says what, description says how (exercises). A
    ``cancelled`` one is a session a re-plan dropped, at the time it had: STATUS:CANCELLED under
    its old UID takes it out of a calendar that imported it, and its summary says so to an app
    that shows cancelled events anyway."""
    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("last-modified", stamp)
    ev.add("sequence", sequence(stamp))
    start, end = _at(day, s.start, tz), _at(day, s.end, tz)
    ev.add("dtstart", start)
    if _repeated(start) or _repeated(end) or end - start != timedelta(minutes=s.minutes):
        # the night the clocks go back: 02:30 happens twice and calendars read the first, so an end
        # written as a time could make a 40-minute run 100; its length is what the plan says
        ev.add("duration", timedelta(minutes=s.minutes))
    else:
        ev.add("dtend", end)
    ev.add("summary", f"Cancelled: {what(s)}" if cancelled else what(s))
    if cancelled:
        ev.add("status", "CANCELLED")
    ev.add("description", _description(s, athlete))
    ev.add("location", s.location)
    ev.add("categories", ["Run" if s.type == "run" else "Strength", SORTS[sort_of(s)]])
    return ev


def calendar(weeks: Iterable[tuple[date, Plan]], timezone: str | tzinfo | None = None, *,
             name: str | None = None, stamp: datetime | None = None, owner: str | None = None,
             before: Iterable[tuple[date, Plan]] = ()) -> icalendar.Calendar:
    """Every session of every (week's Monday, Plan) pair as events in ``timezone``.

    ``week_of`` may be any day of the week: it is moved to its Monday. Plans with no
    week (infeasible, unknown) add nothing. ``stamp`` (DTSTAMP) defaults to ``export_time()``.
    ``before``: the same weeks as they were planned before (a re-plan's ``--plan``); each of
    their sessions that no event here replaces is written as cancelled, so re-importing
    removes it instead of leaving a session the athlete no longer has; so is every run the
    week's replans dropped (``Plan.dropped_runs``), in case that replan's calendar was never made.
    """
    tz = zone(timezone)
    stamp = (stamp or export_time()).astimezone(ZoneInfo("UTC"))
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    athletes, mondays, written, shown = [], [], set(), set()
    gone: list[tuple[date, str, Session, str]] = []  # (Monday, athlete, session, UID) no week holds now
    for week_of, plan in weeks:
        monday = monday_of(week_of)
        mondays.append(monday)
        if plan.athlete not in athletes:
            athletes.append(plan.athlete)
        if plan.status not in SHOWN:
            continue
        shown.add(monday)
        for s, uid in zip(plan.sessions, session_uids(plan, monday, owner)):
            cal.add_component(event(s, plan.athlete, uid, monday + timedelta(days=s.day_index), tz, stamp))
            written.add(uid)
        dropped = [s for s in plan.dropped_runs if s.run is not None]  # whichever calendar last showed them
        gone += [(monday, plan.athlete, s, uid) for s, uid in zip(dropped, session_uids(plan, monday, owner, dropped))]
    for week_of, plan in before:  # only where a new week replaces it: no week is no reason to cancel
        monday = monday_of(week_of)
        if monday in shown and plan.status in SHOWN:
            gone += [(monday, plan.athlete, s, uid) for s, uid in zip(plan.sessions, session_uids(plan, monday, owner))]
    for monday, athlete, s, uid in gone:
        if uid not in written:
            cal.add_component(event(s, athlete, uid, monday + timedelta(days=s.day_index), tz, stamp, cancelled=True))
            written.add(uid)
    title = name or f"{', '.join(athletes) or 'stridelift'}: training"
    # NAME (RFC 7986) and the older X-WR-CALNAME most apps read; vText so the
    # library escapes them as text (it does not know their type by name).
    cal.add("name", icalendar.vText(title))
    cal.add("x-wr-calname", icalendar.vText(title))
    cal.add("x-wr-timezone", icalendar.vText(str(getattr(tz, "key", tz))))
    if mondays:  # a VTIMEZONE for every TZID used (none for UTC), spanning just these weeks
        cal.add_missing_timezones(min(mondays) - timedelta(days=1), max(mondays) + timedelta(days=8))
    return cal


def render_weeks(weeks: Iterable[tuple[date, Plan]], timezone: str | tzinfo | None = None, **kw) -> str:
    """The calendar of ``calendar(...)`` as iCalendar text (CRLF line ends, as RFC 5545 says)."""
    return calendar(weeks, timezone, **kw).to_ical().decode("utf-8")


def render(plan: Plan, *, week_of: date | None = None, timezone: str | tzinfo | None = None,
           stamp: datetime | None = None, owner: str | None = None, before: Plan | None = None) -> str:
    """One week: ``week_of`` (default: this week, in ``timezone``) in ``timezone`` (default UTC);
    ``before``: the week as planned before this re-plan, whose dropped sessions are cancelled."""
    tz = zone(timezone)
    week_of = week_of or datetime.now(tz).date()
    return render_weeks([(week_of, plan)], tz, stamp=stamp, owner=owner,
                        before=[(week_of, before)] if before is not None else ())
