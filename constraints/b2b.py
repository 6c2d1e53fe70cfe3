"""R-B2B: no two key runs on consecutive days, nor two on one day, unless
``allow_back_to_back``. Sunday then Monday counts: around the week while it repeats
(no previous week given), and across the real boundary to a calendar's neighbours."""

from __future__ import annotations

from optimizer.clock import DAY_MINUTES, describe
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


def facts(athlete: Athlete) -> list[str]:
    """A key run fixed in the week before or after, beside this week's edge: it keeps this Monday
    or Sunday free of key runs, which a conflict naming only this week's runs would not say."""
    if athlete.allow_back_to_back or athlete.calendar is None:
        return []
    out = []
    for session, start, _ in athlete.calendar.neighbours:
        if not session.key_run or start // DAY_MINUTES not in (-1, 7):
            continue
        day = "Monday" if start < 0 else "Sunday"
        whose = "last" if start < 0 else "next"
        out.append(f"{whose} week's {(session.label or session.kind).lower()} at {describe(start)} is a key run, "
                   f"so this {day} can hold none (R-B2B)")
    return out
