"""Words shared by the human-readable formats."""

from __future__ import annotations

from constraints.cover import out_of_reach

from ..clock import DAY_NAMES
from ..plan import ExerciseDose, Plan, Session

STATUS_WORDS = {
    "optimal": "optimal (proven best for the goals' weights)",
    "feasible": "feasible (best found before the time limit; not proven best)",
    "infeasible": "no plan: the rules cannot all hold",
    "unknown": "no plan found within the time limit",
    "checked": "a week written by hand, checked against every rule",
}
SHOWN = ("optimal", "feasible", "checked")  # statuses that have a week to show


def what(s: Session) -> str:
    if s.type == "run":
        return f"{s.label} ({s.minutes} min){' - key' if s.key_run else ''}"
    legs = "no leg load" if s.lower_load == "none" else f"{s.lower_load} legs"
    return f"Strength: {s.label} ({s.minutes} min, {legs})"


def day_name(day: str) -> str:
    return DAY_NAMES[day]


def score_rows(plan: Plan) -> list[tuple[str, int, int, int, str]]:
    rows = []
    for goal, g in plan.score.items():
        words = "; ".join(g.notes) or "met"
        if g.why:
            words += " | why: " + "; ".join(g.why)
        rows.append((goal, g.weight, g.penalty, g.weighted, words))
    return rows


def dose_words(x: ExerciseDose) -> str:
    """'Romanian deadlift 3 x 4-8 (dumbbells)'; holds in seconds; supersets as A1/A2 style tags."""
    amount = f"{x.sets} x {x.seconds} s" if x.seconds is not None else f"{x.sets} x {x.reps}"
    side = " each side" if x.per_side else ""
    kit = ", ".join(k for k in x.equipment if k != "bodyweight") or "bodyweight"
    pair = f" [superset {x.superset}]" if x.superset is not None else ""
    return f"{x.name} {amount}{side} ({kit}){pair}"


def coverage_rows(plan: Plan) -> list[tuple[str, int, int, str]]:
    """(target, done, goal, verdict): a shortfall no legal week closes says why."""
    rows = []
    for key, c in plan.coverage.items():
        verdict = "ok" if c.done >= c.target else f"short {c.target - c.done}"
        why = out_of_reach(c)
        rows.append((key, c.done, c.target, f"{verdict}: {why}" if why else verdict))
    return rows


# What a session is, for colours (HTML) and categories (ICS): the six sorts a
# runner tells apart at a glance, in the order the legend shows them.
SORTS = {
    "key-run": "Key run",
    "easy-run": "Easy run",
    "heavy": "Strength: heavy legs",
    "moderate": "Strength: moderate legs",
    "light": "Strength: light legs",
    "none": "Strength: no leg load",
}


def sort_of(s: Session) -> str:
    """'key-run', 'easy-run', or the strength session's leg load (a key of SORTS)."""
    if s.type == "run":
        return "key-run" if s.key_run else "easy-run"
    return s.lower_load or "none"
