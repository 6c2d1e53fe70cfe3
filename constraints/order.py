"""R-ORDER: when a run and a strength session with any lower-body load share a day, the
run comes first ("run hard first, lift after"). Upper body + core can go anywhere."""

from __future__ import annotations

from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-ORDER"
TITLE = "run before lifting legs on a shared day"


def encode(m: WeekModel) -> None:
    loaded = m.select(m.p_strength & (m.p_lower != "none"))
    runs = m.select(m.p_run)
    if len(loaded) and len(runs):
        m.require_after(runs, loaded, m.guard(RULE, TITLE))


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for lift in plan.lifts():
        if lift.lower_load == "none":
            continue
        for run in plan.runs():
            if run.day == lift.day and run.week_end > lift.week_start:
                problems.append(
                    f"{RULE}: {lift.kind} ({lift.lower_load} legs) at {lift.start} on {lift.day} "
                    f"comes before the {run.kind} run ends at {run.end}; run first, lift after"
                )
    return problems
