"""R-GAP48: at least 48 clock hours from the end of a heavy lower-body session to the
start of the long run or a race.

Measured in minutes, forward, in real time: on the weekend the clocks go forward
(a calendar and a ``timezone`` tell) Friday 07:58 to Sunday 08:00 is 48 h 02 on
the clock face but 47 h 02 of real time, so the encoder asks 48 h plus that hour
of each pair the change can fall between, and the checker counts real minutes.

Until the scenario gives the previous week's sessions the week repeats, so a
Sunday evening squat session is 36 h before a Tuesday 08:00 race the week after,
and breaks the rule just as a Thursday evening one does before Saturday's long
run. The fixed sessions of a calendar's weeks either side bind too: last
Sunday's heavy legs bind this Monday's long run, and this week's heavy legs bind
a long run already fixed early next week.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from optimizer.catalog import LONG_OR_RACE
from optimizer.clock import WEEK_MINUTES, describe, forward_gap, hhmm
from optimizer.exercises import hosts
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete
from optimizer.timeline import gap_after, pairs, timeline

RULE = "R-GAP48"
TITLE = "48 h from heavy lower-body lifting to the long run or a race"
GAP_MINUTES = 48 * 60


def _long_or_race(s) -> bool:
    return s.type == "run" and s.kind in LONG_OR_RACE


def encode(m: WeekModel) -> None:
    heavy, targets = m.select(m.p_heavy), m.select(m.p_long_or_race)
    clock = _clock(m.athlete)
    guard = m.guard(RULE, TITLE + (" (real hours: the night the clocks go forward adds one on the clock)"
                                   if clock else ""))
    if len(heavy) and len(targets):
        m.require_gap(heavy, targets, GAP_MINUTES, guard, clock)
    # a fixed session of the weeks either side has its own requirement, naming it: a conflict
    # with last week's Sunday squats should say so, not leave the athlete looking for a lift
    for session, start, end in m.neighbours:
        if session.heavy_lower and end <= 0 and len(targets):
            fixed = m.guard(f"{RULE}:last-week:{end}", f"48 h from last week's heavy lower-body session (ended "
                                                       f"{describe(end)}) to the long run or a race")
            lost = _lost(clock, end, m.p_latest[targets])
            for extra in np.unique(lost):
                m.start_no_earlier(targets[lost == extra], end + GAP_MINUTES + extra, fixed)
        if _long_or_race(session) and start >= WEEK_MINUTES and len(heavy):
            fixed = m.guard(f"{RULE}:next-week:{start}", f"48 h from heavy lower-body lifting to next week's "
                                                         f"{session.kind} run ({describe(start)})")
            lost = -_lost(clock, start, m.p_end_low[heavy])
            for extra in np.unique(lost):
                m.end_no_later(heavy[lost == extra], start - GAP_MINUTES - extra, fixed)


def _clock(athlete: Athlete) -> Callable[[np.ndarray], np.ndarray] | None:
    """How far the clocks have gone forward by each of some minutes of the week (from this Monday
    00:00), or None when they do not go forward around this week: nothing to add then."""
    if not athlete.spring_forward:
        return None
    seen: dict[int, int] = {}

    def ahead(minutes: np.ndarray) -> np.ndarray:
        for minute in set(minutes.tolist()) - seen.keys():
            seen[minute] = minute - athlete.real_minutes(0, minute)
        return np.array([seen[minute] for minute in minutes.tolist()], dtype=np.int64)
    return ahead


def _lost(clock, fixed: int, minutes: np.ndarray) -> np.ndarray:
    """Clock minutes lost (>= 0) between a fixed neighbour's ``fixed`` minute and each of ``minutes``
    (negative when the minutes come first: then minus what is lost from them to ``fixed``)."""
    if clock is None:
        return np.zeros(len(minutes), dtype=np.int64)
    difference = clock(minutes) - clock(np.array([fixed]))[0]
    return np.where(minutes >= fixed, np.maximum(difference, 0), np.minimum(difference, 0))


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for lift, run in pairs(timeline(plan, athlete), lambda s: s.heavy_lower, _long_or_race):
        gap = gap_after(lift, run, athlete.cyclic)
        if gap is None:
            continue
        least = _least(athlete, lift.end, gap, athlete.cyclic and lift.this_week and run.this_week)
        if least < GAP_MINUTES:
            forward = " (the clocks go forward in between)" if least < gap else ""
            problems.append(
                f"{RULE}: heavy lower-body session ends {describe(lift.end)}, only {least / 60:.1f} h "
                f"before the {run.session.kind} run at {describe(run.start)}{forward} (needs 48 h)"
            )
    return problems


def _least(athlete: Athlete, end: int, gap: int, repeats: bool) -> int:
    """The fewer of clock and real minutes from a lift ending at ``end`` to a run ``gap`` clock
    minutes ahead. A pair round the end of a week that ``repeats`` is there twice, as last
    week's lift before this week's run and this week's before next week's; the clocks may go
    forward inside either (the week after they do: last Saturday to this Monday is an hour short)."""
    least = min(gap, athlete.real_minutes(end, end + gap))
    if repeats and end + gap >= WEEK_MINUTES:
        least = min(least, athlete.real_minutes(end - WEEK_MINUTES, end + gap - WEEK_MINUTES))
    return least


def _hours_before(athlete: Athlete, end: int, start: int) -> int | None:
    """Minutes from ``end`` to ``start`` as the checker counts them (round the week while it
    repeats; real time too when the clocks change), None when ``start`` does not follow."""
    gap = forward_gap(end, start) if athlete.cyclic else (start - end if start >= end else None)
    return None if gap is None else _least(athlete, end, gap, athlete.cyclic)


def facts(athlete: Athlete) -> list[str]:
    """For a long run or race pinned in time: the windows that could host heavy legs, and how close they end."""
    able = [w for w in athlete.windows if hosts(athlete, "heavy_lower", athlete.equipment_at(w.location))]
    out = []
    for run in athlete.runs:
        start = run.pinned_start
        if run.kind not in LONG_OR_RACE or start is None or not able:
            continue
        if all((gap := _hours_before(athlete, w.week_start + 20, start)) is not None and gap < GAP_MINUTES
               for w in able):
            spans = "; ".join(f"{describe(w.week_start)}-{hhmm(w.end)} at {w.location} " + (
                f"ends {gap / 60:.1f} h before it" if (gap := _hours_before(athlete, w.week_end, start)) is not None
                else "runs past its start") for w in able)
            only = "the only window" if len(able) == 1 else "every window"
            out.append(f"heavy legs must end 48 h before the {run.label().lower()} at {describe(start)}, "
                       f"and {only} that can host them is too close: {spans}")
    return out
