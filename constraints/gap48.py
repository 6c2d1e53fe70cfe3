"""R-GAP48: at least 48 clock hours from the end of a heavy lower-body session to the
start of the long run or a race.

Measured in minutes, forward around the week: the week repeats, so a Sunday
evening squat session is 36 h before a Tuesday 08:00 race the week after, and
breaks the rule just as a Thursday evening one does before Saturday's long run.
"""

from __future__ import annotations

from optimizer.clock import describe, forward_gap, hhmm
from optimizer.exercises import hosts
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-GAP48"
TITLE = "48 h from heavy lower-body lifting to the long run or a race"
GAP_MINUTES = 48 * 60


def encode(m: WeekModel) -> None:
    heavy, targets = m.select(m.p_heavy), m.select(m.p_long_or_race)
    if len(heavy) and len(targets):
        m.require_gap(heavy, targets, GAP_MINUTES, m.guard(RULE, TITLE))


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for lift in plan.lifts():
        if not lift.heavy_lower:
            continue
        for run in plan.runs():
            if run.kind not in ("long", "race"):
                continue
            gap = forward_gap(lift.week_end, run.week_start)
            if gap < GAP_MINUTES:
                problems.append(
                    f"{RULE}: heavy lower-body session ends {describe(lift.week_end)}, only {gap / 60:.1f} h "
                    f"before the {run.kind} run at {describe(run.week_start)} (needs 48 h)"
                )
    return problems


def facts(athlete: Athlete) -> list[str]:
    """For a long run or race pinned in time: the windows that could host heavy legs, and how close they end."""
    able = [w for w in athlete.windows if hosts(athlete, "heavy_lower", athlete.equipment_at(w.location))]
    out = []
    for run in athlete.runs:
        start = run.pinned_start
        if run.kind not in ("long", "race") or start is None or not able:
            continue
        if all(forward_gap(w.week_start + 20, start) < GAP_MINUTES for w in able):
            spans = "; ".join(f"{describe(w.week_start)}-{hhmm(w.end)} at {w.location} ends "
                              f"{forward_gap(w.week_end, start) / 60:.1f} h before it" for w in able)
            only = "the only window" if len(able) == 1 else "every window"
            out.append(f"heavy legs must end 48 h before the {run.label().lower()} at {describe(start)}, "
                       f"and {only} that can host them is too close: {spans}")
    return out
