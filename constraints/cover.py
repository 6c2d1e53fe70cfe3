"""S-COVER: each muscle group trained at least its weekly target (lower-body groups
twice, the rest once; injuries raise the groups that protect them). One penalty unit
per session a group falls short. At this level a session covers its kind's groups."""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

GOAL = "S-COVER"
TITLE = "weekly muscle-group coverage"


def encode(m: WeekModel) -> None:
    kinds = catalog().strength_kinds
    strength = m.select(m.p_strength)
    units = []
    for group, target in m.athlete.cover_targets.items():
        if target == 0:
            continue
        hits = [m.placements[p].var for p in strength if group in kinds[m.placements[p].kind].muscles]
        short = m.cp.NewIntVar(0, target, f"short_{group}")
        m.cp.Add(short >= target - sum(hits))
        units.append(short)
    m.add_penalty(GOAL, sum(units))


def coverage(plan: Plan) -> dict[str, int]:
    kinds = catalog().strength_kinds
    counts = {g: 0 for g in catalog().cover_targets}
    for s in plan.lifts():
        for g in kinds[s.kind].muscles if s.kind in kinds else ():
            counts[g] += 1
    return counts


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    counts = coverage(plan)
    total, notes = 0, []
    for group, target in athlete.cover_targets.items():
        short = max(0, target - counts[group])
        if short:
            total += short
            notes.append(f"{group}: {counts[group]} of {target} sessions (+{short})")
    return total, notes
