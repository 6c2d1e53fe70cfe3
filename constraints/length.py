"""R-LEN: a strength session lasts from 20 minutes to ``strength.max_minutes`` (45 by default).

Each kind's length comes from the catalogue, capped by max_minutes; this rule
holds every placement to the bounds, so a catalogue change cannot slip past it.
"""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-LEN"
TITLE = "a strength session lasts 20 min to max_minutes"


def encode(m: WeekModel) -> None:
    low, high = catalog().min_strength_minutes, m.athlete.strength.max_minutes
    guard = m.guard(RULE, f"strength sessions of {low}-{high} min")
    for p in m.select(m.p_strength & ((m.p_minutes < low) | (m.p_minutes > high))):
        m.forbid([m.placements[p].var], guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    low, high = catalog().min_strength_minutes, athlete.strength.max_minutes
    return [
        f"{RULE}: {s.kind} on {s.day} lasts {s.minutes} min; strength sessions last {low}-{high} min"
        for s in plan.lifts()
        if not low <= s.minutes <= high
    ]
