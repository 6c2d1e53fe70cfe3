"""R-KEYEVE: no heavy lower-body session on the day before a key run (tempo, intervals,
hills, long, race). Until the scenario gives the previous week's sessions the week
repeats, so Sunday is the day before this Monday; a calendar's fixed neighbours bind
too: last Sunday's heavy legs bind this Monday and next Monday's key run this Sunday."""

from __future__ import annotations

from optimizer.clock import describe
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete
from optimizer.timeline import KEY_RUN, day_after, pairs, timeline

RULE = "R-KEYEVE"
TITLE = "no heavy legs the day before a key run"


def encode(m: WeekModel) -> None:
    heavy = m.per_day(m.p_heavy)
    guard = m.guard(RULE, TITLE)
    for d, next_day in m.day_pairs():
        if isinstance(heavy[d], int):
            continue  # no heavy session can be placed that day
        for p in m.select(m.p_key & (m.p_day == next_day)):
            m.cp.add(heavy[d] + m.placements[p].var <= 1).only_enforce_if(guard)
    if -1 in m.neighbour_days(lambda s: s.heavy_lower):  # heavy legs last Sunday
        for p in m.select(m.p_key & (m.p_day == 0)):
            m.forbid([m.placements[p].var], guard)
    if 7 in m.neighbour_days(KEY_RUN):  # a key run fixed next Monday
        for p in m.select(m.p_heavy & (m.p_day == 6)):
            m.forbid([m.placements[p].var], guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    return [
        f"{RULE}: heavy lower-body session on {describe(lift.start)[:-6]}, the day before the "
        f"{run.session.kind} run on {describe(run.start)[:-6]}"
        for lift, run in pairs(timeline(plan, athlete), lambda s: s.heavy_lower, KEY_RUN)
        if day_after(lift, run, athlete.cyclic)
    ]
