"""R-TAPER: no heavy lower-body lifting within 10 days before a marathon or longer race
(7 days before a shorter one); in race week (or the race phase) and in the taper phase,
mobility and light activation only (isometric + mobility, prehab).

A race in the week makes it race week: every strength session in it is light,
before or after the race. Race week is also read as the 7 days before race day,
so with a race early next week this week's last days are light too. The races
ahead are the calendar's (``calendar.races``, or a race among next week's fixed
sessions, whose distance is taken to be the athlete's goal).

Last week's heavy legs (``calendar.previous_week``) count against a race this
week: done, they leave the race the days after their taper.

"Within 10 days" is counted in calendar days: no heavy legs on race day's 10
(or 7) days before it, so heavy legs end by the midnight that starts the 10th
day before race day. That also keeps them at least 10 x 24 clock hours before
the start, and they end 10 x 24 real hours before it too (a race in the small
hours after the clocks go forward moves the bound an hour earlier), so the rule
holds read any of those ways.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from optimizer.catalog import catalog
from optimizer.clock import DAY_MINUTES, WEEK_MINUTES, describe
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-TAPER"
RACE_WEEK_DAYS = 7  # race week, read as the days before race day
TITLE = (f"no heavy legs within {catalog().taper_days['long']} days before a marathon or longer race, "
         f"{catalog().taper_days['short']} before a shorter one; race week and taper are light only")


def applies(athlete: Athlete) -> bool:
    """Race week or the taper or race phase: every week not in season (``Athlete.in_season``)."""
    return not athlete.in_season


def _why(athlete: Athlete) -> str:
    return "race week" if athlete.race_week or athlete.phase == "race" else "taper phase"


def taper_days(athlete: Athlete, distance: str | None) -> int:
    return race_taper_days(distance or athlete.goal)


def race_taper_days(distance: str) -> int:
    """Days before a race of ``distance`` with no heavy legs: 10 for a marathon or longer, else 7."""
    return catalog().taper_days["long" if distance in catalog().long_race_distances else "short"]


def encode(m: WeekModel) -> None:
    if applies(m.athlete):
        m.light_strength_only(m.guard(RULE, f"{_why(m.athlete)}: light strength only"))
    elif (ahead := run_up(m.athlete)) is not None:
        first, date = ahead
        m.light_strength_only(m.guard(f"{RULE}:{date}:light", f"light strength only in the week before the race on {date}"),
                              from_day=first)
    ends = last_weeks_heavy_legs(m.athlete)
    for start, distance in calendar_races(m.athlete):
        days = taper_days(m.athlete, distance)
        if start < 0:
            continue  # last week's: behind every session of this week
        date = m.athlete.calendar.week_of + datetime.timedelta(days=start // DAY_MINUTES)
        guard = m.guard(f"{RULE}:{date}", f"no heavy legs in the {days} days before the race on {date}")
        bound = taper_starts(m.athlete, start, days)
        m.end_no_later(m.select(m.p_heavy), bound, guard)
        inside = [end for end in ends if bound < end]
        if start < WEEK_MINUTES and inside:  # done, last week: no week this week keeps the race clear of them
            _no_race_on(m, start // DAY_MINUTES, m.guard(
                f"{RULE}:{date}:last-week", f"no heavy legs in the {days} days before the race on {date}, but "
                                            f"last week's ended {describe(max(inside))}"))
    if ends:
        last = max(ends)
        guard = m.guard(f"{RULE}:last-week", f"no race in the days after last week's heavy legs (ended "
                                             f"{describe(last)}) that a race's taper keeps free of them")
        for p in m.select(m.p_run):
            placement = m.placements[p]
            if placement.kind == "race":  # a calendar race pins its run to its day (R-PINNED): the same row says it
                days = taper_days(m.athlete, m.athlete.runs[m.slots[placement.slot].run].distance)
                m.start_no_earlier([p], race_day_after(m.athlete, last, days), guard)


def _no_race_on(m: WeekModel, day: int, guard: list) -> None:
    """No week holds a race on ``day``: its race run may not go there (R-PINNED keeps it there, so
    explain names both), and without one there the guard alone says it."""
    races = [p for p in m.select(m.p_run & (m.p_day == day)) if m.placements[p].kind == "race"]
    for p in races:
        m.forbid([m.placements[p].var], guard)
    if not races:
        m.forbid([], guard)


def last_weeks_heavy_legs(athlete: Athlete) -> list[int]:
    """Where last week's heavy lower-body sessions (``calendar.previous_week``) end, in minutes from
    this Monday (negative): done and fixed, they still bind a race this week (R-TAPER counts back
    from race day, across the week boundary, as R-GAP48 and R-KEYEVE do)."""
    if athlete.calendar is None:
        return []
    return [end for session, _, end in athlete.calendar.neighbours if session.heavy_lower and end <= 0]


def race_day_after(athlete: Athlete, lift_end: int, days: int) -> int:
    """The first minute a race may start after heavy legs that end at ``lift_end``: the start of the
    first day that is more than ``days`` days after the lift's day (inverse of ``taper_starts``),
    and ``days`` x 24 real hours after the lift."""
    start = (-(-lift_end // DAY_MINUTES) + days) * DAY_MINUTES
    while (short := days * DAY_MINUTES - athlete.real_minutes(lift_end, start)) > 0:
        start += short
    return start


def taper_starts(athlete: Athlete, race_start: int, days: int) -> int:
    """The minute heavy legs must end by: midnight at the start of the ``days``-th day before race
    day, and ``days`` x 24 real hours before the start. The two differ only for a race in the
    small hours with the clocks going forward in between (a 10k at 00:30 after that Sunday is
    167.5 real hours after the midnight a week before race day): then the lift ends that much earlier."""
    return taper_bound(race_start, days, athlete.real_minutes)


def taper_bound(race_start: int, days: int, real: Callable[[int, int], int]) -> int:
    """``taper_starts`` with ``real(a, b)`` the real minutes from minute a to minute b (the season
    asks it of dates, before there is a week's athlete)."""
    end = (race_start // DAY_MINUTES - days) * DAY_MINUTES
    while (short := days * DAY_MINUTES - real(end, race_start)) > 0:
        end -= short
    return end


def calendar_races(athlete: Athlete) -> list[tuple[int, str | None]]:
    """Races the calendar knows, as (start minute from this Monday, distance or None for the goal's):
    ``calendar.races``, and a race among the sessions fixed in the weeks either side."""
    if athlete.calendar is None:
        return []
    races = {start: race.distance for start, race in athlete.calendar.race_starts()}
    for session, start, _ in athlete.calendar.neighbours:
        if session.kind == "race":
            races.setdefault(start, None)
    return sorted(races.items(), key=lambda r: r[0])


def light_only_problems(plan: Plan, rule: str, why: str, kinds: tuple[str, ...] | None = None,
                        from_day: int = 0) -> list[str]:
    """Each strength session (from ``from_day`` on) not of a light kind (catalog ``light_kinds``, or
    ``kinds``), in ``rule``'s words: the checker side of ``WeekModel.light_strength_only``."""
    light = set(kinds or catalog().light_kinds)
    return [f"{rule}: {s.kind} on {s.day} in {why}; only {', '.join(sorted(light))} allowed"
            for s in plan.lifts() if s.kind not in light and s.day_index >= from_day]


def run_up(athlete: Athlete) -> tuple[int, str] | None:
    """The first day of this week within the ``RACE_WEEK_DAYS`` before a race next week, and that
    race's date: race week read as the days before the race, not only the race's calendar week."""
    ahead = [(start // DAY_MINUTES - RACE_WEEK_DAYS, start) for start, _ in calendar_races(athlete)
             if start >= WEEK_MINUTES]
    if not ahead or min(ahead)[0] > 6:
        return None
    first, start = min(ahead)
    return max(first, 0), str(athlete.calendar.week_of + datetime.timedelta(days=start // DAY_MINUTES))


def check(plan: Plan, athlete: Athlete) -> list[str]:
    # a hand-made week (``stridelift check``) may hold a race its scenario's runs do not list
    racing = any(s.kind == "race" for s in plan.runs())
    why = "race week" if racing else _why(athlete)
    problems = []
    if applies(athlete) or racing:
        problems = light_only_problems(plan, RULE, why)
    elif (ahead := run_up(athlete)) is not None:
        first, date = ahead
        problems = light_only_problems(plan, RULE, f"the week before the race on {date}", from_day=first)
    races = [(s.week_start, athlete.runs[s.run].distance if s.run is not None and s.run < len(athlete.runs) else None)
             for s in plan.runs() if s.kind == "race"]
    races += calendar_races(athlete)
    ends = [(lift.week_end, "") for lift in plan.lifts() if lift.heavy_lower]
    ends += [(end, "last week's ") for end in last_weeks_heavy_legs(athlete)]
    for end, whose in ends:
        for start, distance in races:
            if whose and not 0 <= start < WEEK_MINUTES:
                continue  # last week's lift and a race of another week: both fixed, this week changes neither
            days = taper_days(athlete, distance)
            if taper_starts(athlete, start, days) < end <= start:
                problems.append(
                    f"{RULE}: {whose}heavy lower-body session ending {describe(end)} is within {days} days "
                    f"before the race at {describe(start)}; end heavy legs by {describe(taper_starts(athlete, start, days))}"
                )
    return problems
