"""R-PINNED: a run pinned with ``day`` stays on that day; with ``at``, on that day at that time."""

from __future__ import annotations

from optimizer.clock import DAYS, describe
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-PINNED"
TITLE = "pinned runs stay where they are pinned"


def encode(m: WeekModel) -> None:
    for slot in m.slots:
        if slot.type != "run":
            continue
        run = m.athlete.runs[slot.run]
        day, start = run.pinned_day, run.pinned_start
        if day is None:
            continue
        guard = m.guard(f"{RULE}:{slot.run}", f"run #{slot.run + 1} ({run.label().lower()}) pinned to {run.at or run.day}")
        for p in slot.placements:
            placement = m.placements[p]
            if placement.day != day or (start is not None and not placement.earliest <= start <= placement.latest):
                m.forbid([placement.var], guard)
            elif start is not None:
                m.cp.Add(slot.start == start).OnlyEnforceIf([placement.var] + guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for s in plan.runs():
        if s.run is None or not 0 <= s.run < len(athlete.runs):
            continue
        run = athlete.runs[s.run]
        if run.pinned_day is not None and s.day_index != run.pinned_day:
            problems.append(f"{RULE}: run #{s.run + 1} ({run.kind}) is pinned to {DAYS[run.pinned_day]} but planned on {s.day}")
        elif run.pinned_start is not None and s.week_start != run.pinned_start:
            problems.append(
                f"{RULE}: run #{s.run + 1} ({run.kind}) is pinned to {describe(run.pinned_start)} "
                f"but starts {describe(s.week_start)}"
            )
    return problems

