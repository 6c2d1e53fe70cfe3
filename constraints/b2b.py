"""R-B2B: no two key runs on consecutive days (Sunday then Monday counts), nor two on
one day, unless ``allow_back_to_back``."""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-B2B"
TITLE = "no key runs on consecutive days"


def encode(m: WeekModel) -> None:
    if m.athlete.allow_back_to_back:
        return
    key = m.per_day(m.p_key)
    guard = m.guard(RULE, TITLE + " (allow_back_to_back: false)")
    for d in range(7):
        pair = key[d] + key[(d + 1) % 7]
        if not isinstance(pair, int):
            m.cp.Add(pair <= 1).OnlyEnforceIf(guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    if athlete.allow_back_to_back:
        return []
    problems = []
    key_days = [[s for s in plan.on_day(d) if s.type == "run" and s.key] for d in range(7)]
    for d in range(7):
        if len(key_days[d]) > 1:
            problems.append(f"{RULE}: two key runs on {DAYS[d]}")
        if key_days[d] and key_days[(d + 1) % 7]:
            problems.append(
                f"{RULE}: key runs on consecutive days: {key_days[d][0].kind} on {DAYS[d]}, "
                f"{key_days[(d + 1) % 7][0].kind} on {DAYS[(d + 1) % 7]}"
            )
    return problems
