"""R-KEYEVE: no heavy lower-body session on the day before a key run (tempo, intervals,
hills, long, race). Sunday is the day before Monday: the week repeats."""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-KEYEVE"
TITLE = "no heavy legs the day before a key run"


def encode(m: WeekModel) -> None:
    heavy, key = m.per_day(m.p_heavy), m.per_day(m.p_key)
    guard = m.guard(RULE, TITLE)
    for d in range(7):
        if isinstance(heavy[d], int) or isinstance(key[(d + 1) % 7], int):
            continue  # nothing can be placed on one of the two days
        for p in m.select(m.p_key & (m.p_day == (d + 1) % 7)):
            m.cp.Add(heavy[d] + m.placements[p].var <= 1).OnlyEnforceIf(guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for lift in plan.lifts():
        if not lift.heavy_lower:
            continue
        eve_of = DAYS[(lift.day_index + 1) % 7]
        for run in plan.runs():
            if run.key and run.day == eve_of:
                problems.append(f"{RULE}: heavy lower-body session on {lift.day}, the day before the {run.kind} run on {run.day}")
    return problems
