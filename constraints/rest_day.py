"""R-REST: at least ``rest_days`` full days with no run and no strength session.

With ``rest_day_mobility: true`` an isometric + mobility session may sit on a rest day.
"""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-REST"
TITLE = "at least one full rest day"


def _counts_as_work(kind: str, athlete: Athlete) -> bool:
    return not (athlete.rest_day_mobility and kind == "iso_mobility")


def encode(m: WeekModel) -> None:
    need = m.athlete.rest_days  # at least 1: the scenario refuses fewer
    guard = m.guard(RULE, f"{need} full rest day{'s' if need > 1 else ''} a week")
    rest = [m.cp.new_bool_var(f"rest_{d}") for d in DAYS]
    for slot in m.slots:  # a strength session's kinds share its day: one clause for those that are work
        work = [p for p in slot.placements if m.p_run[p] or _counts_as_work(m.placements[p].kind, m.athlete)]
        if slot.type == "strength" and work:
            m.forbid([rest[m.p_day[work[0]]], *m.chosen_among(slot.index, work)], [])
            continue
        for p in work:
            m.cp.add_implication(rest[m.p_day[p]], m.placements[p].var.Not())
    m.cp.add(sum(rest) >= need).only_enforce_if(guard)


def rest_days(plan: Plan, athlete: Athlete) -> list[str]:
    return [day for d, day in enumerate(DAYS) if not any(_counts_as_work(s.kind, athlete) or s.type == "run" for s in plan.on_day(d))]


def check(plan: Plan, athlete: Athlete) -> list[str]:
    free = rest_days(plan, athlete)
    if len(free) < athlete.rest_days:
        return [f"{RULE}: {len(free)} full rest day(s) ({', '.join(free) or 'none'}) but the scenario asks for {athlete.rest_days}"]
    return []
