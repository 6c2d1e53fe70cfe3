"""S-PREF: the athlete's wishes. One unit per strength session off a preferred day,
outside the preferred time, or away from the preferred location, and per run
outside the preferred run time."""

from __future__ import annotations

from optimizer.clock import DAY_MINUTES, DAYS, hhmm, parse_hhmm
from optimizer.model import WeekModel
from optimizer.plan import Plan, Session
from optimizer.scenario import Athlete

GOAL = "S-PREF"
TITLE = "preferred days, times and locations"


def encode(m: WeekModel) -> None:
    prefs = m.athlete.preferences
    units = []
    days = {DAYS.index(d) for d in prefs.strength_days}
    for p in m.select(m.p_strength):
        placement = m.placements[p]
        if days and placement.day not in days:
            units.append(placement.var)
        if prefs.strength_location and m.windows[placement.window].location != prefs.strength_location:
            units.append(placement.var)
    for which, mask in (("strength", m.p_strength), ("run", m.p_run)):
        span = prefs.span(which)
        if span is None:
            continue
        for p in m.select(mask):
            placement = m.placements[p]
            slot = m.slots[placement.slot]
            opens, closes = placement.day * DAY_MINUTES + span[0], placement.day * DAY_MINUTES + span[1]
            shortest = placement.end_low - placement.earliest
            if max(placement.earliest, opens) + shortest > min(placement.end_high, closes):
                units.append(placement.var)  # this window cannot hold the session inside the span
            elif placement.earliest < opens or placement.end_high > closes:
                inside = m.cp.new_bool_var("pref_inside")
                m.cp.add_implication(inside, placement.var)
                m.cp.add(slot.start >= opens).only_enforce_if(inside)
                m.cp.add(slot.end <= closes).only_enforce_if(inside)
                units.append(placement.var - inside)
    m.add_penalty(GOAL, sum(units))


def _inside(s: Session, span: tuple[int, int] | None) -> bool:
    return span is None or (span[0] <= parse_hhmm(s.start) and parse_hhmm(s.end) <= span[1])


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    prefs = athlete.preferences
    notes = []
    for s in plan.lifts():
        if prefs.strength_days and s.day not in prefs.strength_days:
            notes.append(f"{s.kind} on {s.day}, not a preferred day ({', '.join(prefs.strength_days)})")
        if prefs.strength_location and s.location != prefs.strength_location:
            notes.append(f"{s.kind} on {s.day} at {s.location}, not {prefs.strength_location}")
        span = prefs.span("strength")
        if not _inside(s, span):
            notes.append(f"{s.kind} on {s.day} at {s.start}-{s.end}, outside {hhmm(span[0])}-{hhmm(span[1])}")
    span = prefs.span("run")
    for s in plan.runs():
        if not _inside(s, span):
            notes.append(f"{s.kind} run on {s.day} at {s.start}-{s.end}, outside {hhmm(span[0])}-{hhmm(span[1])}")
    return len(notes), [n + " (+1)" for n in notes]
