"""S-SPREAD: spread strength sessions out; one penalty unit per pair on consecutive days.
Sunday and Monday count: around the week when it repeats; with a calendar, last Sunday's
lift and this Monday's (a pair belongs to the week of its second day)."""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete
from optimizer.timeline import timeline

GOAL = "S-SPREAD"
TITLE = "strength sessions spread out"


def encode(m: WeekModel) -> None:
    lift = m.per_day(m.p_strength)
    units = []
    for d, next_day in m.day_pairs():
        a, b = lift[d], lift[next_day]
        if isinstance(a, int) or isinstance(b, int):
            continue
        both = m.cp.new_bool_var(f"spread_{d}")
        m.cp.add(both >= a + b - 1)
        units.append(both)
    if -1 in m.neighbour_days(lambda s: s.type == "strength"):
        units.append(lift[0])  # last Sunday's lift makes a Monday lift the second of a pair
    m.add_penalty(GOAL, sum(units))


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    lifts = [p for p in timeline(plan, athlete) if p.session.type == "strength"]
    days = {p.day for p in lifts}
    if athlete.cyclic:
        pairs = [(d, (d + 1) % 7) for d in range(7) if d in days and (d + 1) % 7 in days] if len(days) > 1 else []
    else:
        pairs = [(d - 1, d) for d in range(7) if d in days and d - 1 in days]
    return len(pairs), [f"strength on consecutive days {DAYS[a % 7]} and {DAYS[b % 7]} (+1)" for a, b in pairs]
