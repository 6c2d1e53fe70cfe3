"""S-STACK: lift on hard run days, after the run, so easy days stay easy.

Penalty per strength session: 0 on a key run day, after that run; 1 on an easy
run day, the day after a key run that is not a race, or a key run day but before
the run (second best, 001/002); 2 anywhere else; 3 on a race day. Lifts that load the legs always
follow the day's runs (R-ORDER), so only an upper-body session can come first.
The day after last Sunday's key run is this Monday once the scenario gives the previous
week; while the week repeats, Monday follows this week's Sunday, and a race the calendar
dates last Sunday too (as R-B2B and R-GAP48 read the wrap and the real neighbours together).

A race is a key run, but not a day to stack strength on: the race is the effort
the whole block built up to, and even light lifting after it adds to the damage
the legs took (race week is "mobility and light activation only", 004, and that
is for the days before it). So a race day is the worst day to lift, not the best,
and the day after a race is not "the day after a hard run" (second best) but a day
with no hard run near it: the legs are still recovering (004's post-race weeks are
mobility, bodyweight, no intensity).
"""

from __future__ import annotations

import numpy as np

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan, Session
from optimizer.scenario import Athlete
from optimizer.timeline import timeline

GOAL = "S-STACK"
TITLE = "strength on hard run days"
RACE_DAY = 3  # a lift on race day: worse than any other day


def tier(lift: Session, plan: Plan, athlete: Athlete) -> tuple[int, str]:
    """The lift's penalty units, and why in the runner's words (which run makes it second best)."""
    day = lift.day_index
    runs = [p for p in timeline(plan, athlete) if p.session.type == "run"]
    if any(p.session.kind == "race" and p.day == day for p in runs):
        return RACE_DAY, "race day: the race is the day's work"
    if any(p.session.key_run and p.day == day and p.end <= lift.week_start for p in runs):
        return 0, ""
    if key := next((p for p in runs if p.session.key_run and p.day == day), None):
        return 1, f"before the day's {_name(key)}: after it would be best"
    if easy := next((p for p in runs if p.day == day), None):
        return 1, f"an easy run day ({_name(easy)}), second best"
    # the eve: this week's Sunday for Monday while the week wraps, and last week's real Sunday on
    # top of it when the calendar gives one (its fixed sessions, or a race dated then)
    eves = {(day - 1) % 7 if athlete.cyclic else day - 1} | ({-1} if day == 0 else set())
    if any(p.session.kind == "race" and p.day in eves for p in runs):
        return 2, "the day after a race: the legs are still recovering"
    if key := next((p for p in runs if p.session.key_run and p.day in eves), None):
        when = DAYS[key.day % 7] if key.this_week else f"last week's {DAYS[key.day % 7]}"
        return 1, f"the day after the {_name(key)} ({when}), second best"
    return 2, "a day with no hard run near it"


def _name(placed) -> str:
    return placed.session.label.lower() if placed.session.label else f"{placed.session.kind} run"


def encode(m: WeekModel) -> None:
    raced = np.array([p.kind == "race" for p in m.placements], dtype=bool) & m.p_run
    lift, key, run = m.per_day(m.p_strength), m.per_day(m.p_key), m.per_day(m.p_run)
    hard_eve = m.per_day(m.p_key & ~raced)  # a key run the eve makes a day second best; a race does not
    races = m.per_day(raced) if any(r.kind == "race" for r in m.athlete.runs) else [0] * 7
    units = []
    for d in range(7):
        if isinstance(lift[d], int):
            continue
        hard = m.cp.new_bool_var(f"stack_hard_{d}")
        near = m.cp.new_bool_var(f"stack_near_{d}")
        m.cp.add(hard + near <= lift[d])
        m.cp.add(hard <= key[d])
        _after_the_run(m, d, hard)
        eve_key = 0  # a key run the eve (not a race) makes the day second best
        if m.cyclic or d > 0:  # this week's eve (Sunday for Monday while the week wraps)
            eve = (d - 1) % 7
            eve_key = hard_eve[eve]
            for q in m.select(raced & (m.p_day == eve)):  # a race the eve: only a run today helps
                m.cp.add(near <= run[d]).only_enforce_if(m.placements[q].var)
        if d == 0:  # and last week's real Sunday, from the calendar's fixed sessions and races
            if -1 in m.neighbour_days(lambda s: s.kind == "race"):
                m.cp.add(near <= run[d])
            eve_key += int(-1 in m.neighbour_days(lambda s: s.key_run and s.kind != "race"))
        m.cp.add(near <= run[d] + eve_key)
        units.append(2 * lift[d] - 2 * hard - near)
        if not isinstance(races[d], int):
            units.append(_race_day(m, d, races[d], lift[d], hard, near))
    m.add_penalty(GOAL, sum(units))


def _race_day(m: WeekModel, day: int, races, lifts, hard, near):
    """The extra penalty of lifting on ``day`` if a race is run that day: no credit for the race
    as a key run or for a run that day, and one more unit a lift (``RACE_DAY`` in all)."""
    raced = m.cp.new_bool_var(f"stack_race_{day}")
    m.cp.add(races >= 1).only_enforce_if(raced)
    m.cp.add(races == 0).only_enforce_if(raced.Not())
    m.cp.add(hard + near == 0).only_enforce_if(raced)
    most = len(m.select(m.p_strength & (m.p_day == day)))  # more lifts than placements cannot be
    extra = m.cp.new_int_var(0, most * (RACE_DAY - 2), f"stack_race_extra_{day}")
    m.cp.add(extra >= (RACE_DAY - 2) * lifts - (RACE_DAY - 2) * most * (1 - raced))
    return extra


def _after_the_run(m: WeekModel, day: int, hard) -> None:
    """A lift with no leg load on day ``day`` earns ``hard`` only after one of the day's key runs."""
    runs = m.select(m.p_key & (m.p_day == day))
    for p in m.select(m.p_strength & (m.p_lower == "none") & (m.p_day == day)):
        lift = m.placements[p]
        afters = []
        for q in runs:
            run = m.placements[q]
            if run.end_low > lift.latest:
                continue  # this run cannot end before the lift starts
            after = m.cp.new_bool_var(f"stack_after_{p}_{q}")
            m.cp.add_implication(after, run.var)
            m.cp.add(m.slots[lift.slot].start >= m.slots[run.slot].end).only_enforce_if(after)
            afters.append(after)
        m.cp.add(hard <= sum(afters)).only_enforce_if(lift.var)


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    total, notes = 0, []
    for s in plan.lifts():
        t, why = tier(s, plan, athlete)
        total += t
        if t:
            notes.append(f"{s.kind} on {DAYS[s.day_index]}: {why} (+{t})")
    return total, notes
