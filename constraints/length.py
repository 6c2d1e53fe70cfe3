"""R-LEN: a strength session lasts from 20 minutes to ``strength.max_minutes`` (45 by
default), and its exercises as prescribed (with warm-up and cool-down) fit in it."""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.exercises import merged_library
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete, Strength

from .content import content_minutes

RULE = "R-LEN"
TITLE = (f"a strength session lasts {catalog().min_strength_minutes} min to strength.max_minutes "
         f"({Strength.model_fields['max_minutes'].default} by default)")


def length_guard(m: WeekModel) -> list:
    """R-LEN's enforcement literal: also guards R-CONTENT's "the session lasts what its exercises
    take" row, which R-LEN's checker reports, so an explanation names the same rule."""
    low, high = catalog().min_strength_minutes, m.athlete.strength.max_minutes
    return m.guard(RULE, f"strength sessions of {low}-{high} min, long enough for their exercises")


def encode(m: WeekModel) -> None:
    low, high = catalog().min_strength_minutes, m.athlete.strength.max_minutes
    guard = length_guard(m)
    for slot in m.strength_slots():
        m.cp.add_linear_constraint(slot.minutes, low, high).only_enforce_if([slot.present] + guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    low, high = catalog().min_strength_minutes, athlete.strength.max_minutes
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    problems = []
    for s in plan.lifts():
        if not low <= s.minutes <= high:
            problems.append(f"{RULE}: {s.kind} on {s.day} lasts {s.minutes} min; strength sessions last {low}-{high} min")
        if s.exercises:
            needed = content_minutes(s, athlete, library)
            if needed > s.minutes:
                problems.append(f"{RULE}: {s.kind} on {s.day}: its exercises take {needed} min, more than its {s.minutes}")
    return problems
