"""S-SPREAD: spread strength sessions out; one penalty unit per pair on consecutive days.
Sunday and Monday count: around the week while it repeats (no previous week given), and
last Sunday's lift with this Monday's (a pair belongs to the week of its second day)."""

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
    days = {p.day for p in timeline(plan, athlete) if p.session.type == "strength"}
    pairs = [(d - 1, d) for d in range(7) if d in days and d - 1 in days]  # last Sunday's lift too
    if athlete.cyclic and 6 in days and 0 in days:
        pairs.append((6, 0))  # the week repeats: this Sunday, then this Monday
    return len(pairs), [f"strength on consecutive days {DAYS[a % 7]} and {DAYS[b % 7]} (+1)" for a, b in pairs]
