"""R-AVAIL: every session inside one availability window, no two at once, and the
equipment a strength session needs at that window's location.

Windows are built into the model (a session only gets placements in windows long
enough to hold it, and overlapping is ruled out by one no-overlap constraint);
this rule adds the equipment part.
"""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-AVAIL"
TITLE = "sessions inside availability windows, not overlapping, with the equipment they need"


def has_equipment(kind: str, athlete: Athlete, location: str) -> bool:
    needs = catalog().strength_kinds[kind].needs_any
    return not needs or bool(set(needs) & athlete.equipment_at(location))


def encode(m: WeekModel) -> None:
    for p in m.select(m.p_strength):
        placement = m.placements[p]
        location = m.windows[placement.window].location
        if not has_equipment(placement.kind, m.athlete, location):
            needs = " or ".join(catalog().strength_kinds[placement.kind].needs_any)
            guard = m.guard(f"{RULE}:equipment:{placement.kind}", f"{placement.kind} needs {needs}")
            m.forbid([placement.var], guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for s in plan.sessions:
        inside = [
            w for w in athlete.windows
            if DAYS[w.day] == s.day and w.week_start <= s.week_start and s.week_end <= w.week_end and w.location == s.location
        ]
        if not inside:
            problems.append(f"{RULE}: {s.kind} on {s.day} {s.start}-{s.end} at {s.location} is outside every availability window")
        if s.week_end - s.week_start != s.minutes:
            problems.append(f"{RULE}: {s.kind} on {s.day} runs {s.start}-{s.end} but says {s.minutes} min")
        if s.type == "strength" and s.kind in catalog().strength_kinds and not has_equipment(s.kind, athlete, s.location):
            needs = " or ".join(catalog().strength_kinds[s.kind].needs_any)
            problems.append(f"{RULE}: {s.kind} on {s.day} at {s.location} needs {needs}, which {s.location} does not have")
    ordered = sorted(plan.sessions, key=lambda s: s.week_start)
    for a, b in zip(ordered, ordered[1:]):
        if b.week_start < a.week_end:
            problems.append(f"{RULE}: {a.kind} ({a.day} {a.start}-{a.end}) overlaps {b.kind} ({b.day} {b.start}-{b.end})")
    return problems
