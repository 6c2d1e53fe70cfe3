"""R-B2B: no two key runs on consecutive days, nor two on one day, unless
``allow_back_to_back``. Sunday then Monday counts: around the week while it repeats
(no previous week given), and across the real boundary to a calendar's neighbours."""

from __future__ import annotations

from optimizer.clock import describe
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete
from optimizer.timeline import KEY_RUN, day_after, pairs, timeline

RULE = "R-B2B"
TITLE = "no key runs on consecutive days"


def encode(m: WeekModel) -> None:
    if m.athlete.allow_back_to_back:
        return
    key = m.per_day(m.p_key)
    guard = m.guard(RULE, TITLE + " (allow_back_to_back: false)")
    for d in range(7):  # one key run a day at most
        if not isinstance(key[d], int):
            m.cp.add(key[d] <= 1).only_enforce_if(guard)
    for d, next_day in m.day_pairs():
        pair = key[d] + key[next_day]
        if not isinstance(pair, int):
            m.cp.add(pair <= 1).only_enforce_if(guard)
    fixed = m.neighbour_days(KEY_RUN)
    for edge, day in ((-1, 0), (7, 6)):  # last Sunday -> this Monday; next Monday -> this Sunday
        if edge in fixed:
            for p in m.select(m.p_key & (m.p_day == day)):
                m.forbid([m.placements[p].var], guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    if athlete.allow_back_to_back:
        return []
    problems = []
    line = timeline(plan, athlete)
    order = {id(p): i for i, p in enumerate(line)}  # two key runs at one minute are still two
    for a, b in pairs(line, KEY_RUN, KEY_RUN):
        if a.day == b.day and (a.start, order[id(a)]) < (b.start, order[id(b)]):
            problems.append(f"{RULE}: two key runs on {describe(a.start)[:-6]}")
        elif day_after(a, b, athlete.cyclic):
            problems.append(
                f"{RULE}: key runs on consecutive days: {a.session.kind} on {describe(a.start)[:-6]}, "
                f"{b.session.kind} on {describe(b.start)[:-6]}"
            )
    return problems
