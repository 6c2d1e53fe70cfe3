"""S-SHORT: prefer shorter strength sessions (and supersets, which halve rest) where
they still meet the goals (002). One unit per minute a session lasts beyond 20."""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

GOAL = "S-SHORT"
TITLE = "short sessions, supersets where they help"


def encode(m: WeekModel) -> None:
    floor = catalog().min_strength_minutes
    m.add_penalty(GOAL, sum(slot.minutes - floor * slot.present for slot in m.strength_slots()))


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    floor = catalog().min_strength_minutes
    over = [(s, max(0, s.minutes - floor)) for s in plan.lifts()]
    return sum(o for _, o in over), [f"{s.kind} on {s.day}: {s.minutes} min (+{o})" for s, o in over if o]
