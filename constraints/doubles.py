"""R-DOUBLES: at most one run a day unless ``allow_doubles`` (then two: a double, never a
triple), and at most one strength session a day.

Two lifts in one day is never what a coach plans for a runner; doubling runs is
the athlete's call.
"""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-DOUBLES"
TITLE = "one run a day, two with doubles allowed; one strength session a day"


def encode(m: WeekModel) -> None:
    lift_guard = m.guard(f"{RULE}:lift", "at most one strength session a day")
    for lifts in m.per_day(m.p_strength):
        if not isinstance(lifts, int):
            m.cp.add(lifts <= 1).only_enforce_if(lift_guard)
    most = runs_a_day(m.athlete)
    guard = m.guard(f"{RULE}:run", f"at most {most} run{'s' if most > 1 else ''} a day (allow_doubles: {str(m.athlete.allow_doubles).lower()})")
    for runs in m.per_day(m.p_run):
        if not isinstance(runs, int):
            m.cp.add(runs <= most).only_enforce_if(guard)


def runs_a_day(athlete: Athlete) -> int:
    """A double is two runs in a day; a third is never one."""
    return 2 if athlete.allow_doubles else 1


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for d, day in enumerate(DAYS):
        runs = [s for s in plan.on_day(d) if s.type == "run"]
        lifts = [s for s in plan.on_day(d) if s.type == "strength"]
        if len(runs) > runs_a_day(athlete):
            problems.append(f"{RULE}: {len(runs)} runs on {day} but allow_doubles is false" if not athlete.allow_doubles
                            else f"{RULE}: {len(runs)} runs on {day}; a double is two runs at most")
        if len(lifts) > 1:
            problems.append(f"{RULE}: {len(lifts)} strength sessions on {day}; one a day at most")
    return problems
