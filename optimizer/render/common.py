"""Words shared by the human-readable formats."""

from __future__ import annotations

from ..clock import DAY_NAMES
from ..plan import Plan, Session

STATUS_WORDS = {
    "optimal": "optimal (proven best for the goals' weights)",
    "feasible": "feasible (best found before the time limit; not proven best)",
    "infeasible": "no plan: the rules cannot all hold",
    "unknown": "no plan found within the time limit",
}


def what(s: Session) -> str:
    if s.type == "run":
        return f"{s.label} ({s.minutes} min){' - key' if s.key else ''}"
    legs = "no leg load" if s.lower_load == "none" else f"{s.lower_load} legs"
    return f"Strength: {s.label} ({s.minutes} min, {legs})"


def day_name(day: str) -> str:
    return DAY_NAMES[day]


def score_rows(plan: Plan) -> list[tuple[str, int, int, int, str]]:
    return [(goal, g.weight, g.penalty, g.weighted, "; ".join(g.notes) or "met") for goal, g in plan.score.items()]
