"""R-DOUBLES: at most one run a day unless ``allow_doubles``, and at most one strength session a day.

Two lifts in one day is never what a coach plans for a runner; doubling runs is
the athlete's call.
"""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-DOUBLES"
TITLE = "one run a day unless doubles are allowed; one strength session a day"


def encode(m: WeekModel) -> None:
    lift_guard = m.guard(f"{RULE}:lift", "at most one strength session a day")
    for lifts in m.per_day(m.p_strength):
        if not isinstance(lifts, int):
            m.cp.add(lifts <= 1).only_enforce_if(lift_guard)
    if not m.athlete.allow_doubles:
        guard = m.guard(f"{RULE}:run", "at most one run a day (allow_doubles: false)")
        for runs in m.per_day(m.p_run):
            if not isinstance(runs, int):
                m.cp.add(runs <= 1).only_enforce_if(guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for d, day in enumerate(DAYS):
        runs = [s for s in plan.on_day(d) if s.type == "run"]
        lifts = [s for s in plan.on_day(d) if s.type == "strength"]
        if len(runs) > 1 and not athlete.allow_doubles:
            problems.append(f"{RULE}: {len(runs)} runs on {day} but allow_doubles is false")
        if len(lifts) > 1:
            problems.append(f"{RULE}: {len(lifts)} strength sessions on {day}; one a day at most")
    return problems
