"""R-KEYEVE: no heavy lower-body session on the day before a key run (tempo, intervals,
hills, long, race). Until the scenario gives the previous week's sessions the week
repeats, so Sunday is the day before this Monday; a calendar's fixed neighbours bind
too: last Sunday's heavy legs bind this Monday and next Monday's key run this Sunday."""

from __future__ import annotations

from optimizer.clock import DAY_MINUTES, describe
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
    # a fixed session of the weeks either side has its own requirement, naming it: a conflict with
    # last week's Sunday squats should say so, not leave the athlete looking for a lift
    for session, start, _ in m.neighbours:
        if session.heavy_lower and start // DAY_MINUTES == -1:  # heavy legs last Sunday
            fixed = m.guard(f"{RULE}:last-week:{start}", f"no key run on Monday, the day after last week's "
                                                         f"heavy lower-body session ({describe(start)})")
            for p in m.select(m.p_key & (m.p_day == 0)):
                m.forbid([m.placements[p].var], fixed)
        if KEY_RUN(session) and start // DAY_MINUTES == 7:  # a key run fixed next Monday
            fixed = m.guard(f"{RULE}:next-week:{start}", f"no heavy legs on Sunday, the day before next week's "
                                                         f"{session.kind} run ({describe(start)})")
            for p in m.select(m.p_heavy & (m.p_day == 6)):
                m.forbid([m.placements[p].var], fixed)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    return [
        f"{RULE}: heavy lower-body session on {describe(lift.start)[:-6]}, the day before the "
        f"{run.session.kind} run on {describe(run.start)[:-6]}"
        for lift, run in pairs(timeline(plan, athlete), lambda s: s.heavy_lower, KEY_RUN)
        if day_after(lift, run, athlete.cyclic)
    ]
