"""S-SPREAD: spread strength sessions out; one penalty unit per pair on consecutive days
(Sunday and Monday count: the week repeats)."""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

GOAL = "S-SPREAD"
TITLE = "strength sessions spread out"


def encode(m: WeekModel) -> None:
    lift = m.per_day(m.p_strength)
    units = []
    for d in range(7):
        a, b = lift[d], lift[(d + 1) % 7]
        if isinstance(a, int) or isinstance(b, int):
            continue
        both = m.cp.NewBoolVar(f"spread_{d}")
        m.cp.Add(both >= a + b - 1)
        units.append(both)
    m.add_penalty(GOAL, sum(units))


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    days = {s.day_index for s in plan.lifts()}
    pairs = [d for d in range(7) if d in days and (d + 1) % 7 in days] if len(days) > 1 else []
    return len(pairs), [f"strength on consecutive days {DAYS[d]} and {DAYS[(d + 1) % 7]} (+1)" for d in pairs]
