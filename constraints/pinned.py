"""R-PINNED: a run pinned with ``day`` stays on that day; with ``at``, on that day at that
time. A pinned strength session (``strength.pinned``, e.g. a club class) is held at its
time, as its kind, for its minutes, in a window that contains it."""

from __future__ import annotations

from optimizer.clock import DAY_MINUTES, DAYS, describe, hhmm
from optimizer.exercises import merged_library
from optimizer.model import WeekModel
from optimizer.plan import Plan, Session
from optimizer.prescribe import dosed
from optimizer.scenario import Athlete, Window

RULE = "R-PINNED"
TITLE = "pinned sessions stay where they are pinned"


def encode(m: WeekModel) -> None:
    for slot in m.slots:
        if slot.type != "run":
            continue
        run = m.athlete.runs[slot.run]
        day, start = run.pinned_day, run.pinned_start
        if day is None:
            continue
        guard = m.guard(f"{RULE}:{slot.run}", f"{m.athlete.run_ref(slot.run)} ({run.label().lower()}) pinned to {run.at or run.day}")
        for p in slot.placements:
            placement = m.placements[p]
            if placement.day != day or (start is not None and not placement.earliest <= start <= placement.latest):
                m.forbid([placement.var], guard)
            elif start is not None:
                m.cp.add(slot.start == start).only_enforce_if([placement.var] + guard)


    for j, lift in enumerate(m.athlete.strength.pinned):
        guard = m.guard(f"{RULE}:lift:{j}", f"{lift.name or lift.kind} pinned to {lift.at} for {lift.minutes} min")
        holders = []
        for slot in m.strength_slots():
            window = m.windows[slot.window]
            if not (window.week_start <= lift.start and lift.start + lift.minutes <= window.week_end):
                continue
            kind = next((m.placements[p].var for p in slot.placements if m.placements[p].kind == lift.kind), None)
            if kind is None:  # the kind cannot be placed here at all
                continue
            here = m.cp.new_bool_var(f"pinned_lift{j}_w{slot.window}")
            m.cp.add_implication(here, kind)
            m.cp.add(slot.start == lift.start).only_enforce_if(here)
            m.cp.add(slot.minutes == lift.minutes).only_enforce_if(here)
            if lift.exercises and not set(lift.exercises) <= set(slot.usable):
                m.cp.add(here == 0)  # this window cannot have held those exercises
            elif lift.exercises:  # done: what was done, whichever of the week's lifts it is
                for index, held in slot.lifts.items():
                    for eid, chosen in m.lifts[index].exercises.items():
                        m.cp.add(chosen == int(eid in lift.exercises)).only_enforce_if([here, held])
            holders.append(here)
        m.cp.add_bool_or(holders + [g.Not() for g in guard])


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for lift in athlete.strength.pinned:
        if not any(s.kind == lift.kind and s.week_start == lift.start and s.minutes == lift.minutes
                   and (not lift.exercises or sorted(x.id for x in s.exercises) == sorted(lift.exercises))
                   for s in plan.lifts()):
            problems.append(f"{RULE}: {lift.name or lift.kind} is pinned to {lift.at} for {lift.minutes} min; the week does not hold it there")
    for s in plan.runs():
        if s.run is None or not 0 <= s.run < len(athlete.runs):
            continue
        run = athlete.runs[s.run]
        if not breaks_pin(s, run):
            continue
        if run.pinned_day is not None and s.day_index != run.pinned_day:
            problems.append(f"{RULE}: {athlete.run_ref(s.run)} ({run.kind}) is pinned to {DAYS[run.pinned_day]} but planned on {s.day}")
        else:  # on its day, off its minute
            problems.append(
                f"{RULE}: {athlete.run_ref(s.run)} ({run.kind}) is pinned to {describe(run.pinned_start)} "
                f"but starts {describe(s.week_start)}"
            )
    return problems


def breaks_pin(session: Session, run) -> bool:
    """Is the run session off the day (``day``) or the minute (``at``) its scenario run is pinned to?"""
    return (run.pinned_day is not None and session.day_index != run.pinned_day) or \
        (run.pinned_start is not None and session.week_start != run.pinned_start)


def holding(athlete: Athlete, start: int, minutes: int) -> Window | None:
    """The availability window that holds a session pinned to ``start`` for ``minutes``, or None."""
    return next((w for w in athlete.windows if w.week_start <= start and start + minutes <= w.week_end), None)


def outside(athlete: Athlete, start: int, minutes: int) -> bool:
    """Does no availability window hold a session pinned to ``start`` for ``minutes``?"""
    return holding(athlete, start, minutes) is None


def pins_outside(athlete: Athlete) -> list[tuple[str, int, int]]:
    """Pins no availability window holds, as (whose words, start, minutes): runs pinned with
    ``at`` and pinned strength sessions. Pinning says when, not that the time is free."""
    runs = [(f"{athlete.run_ref(i)} ({run.label().lower()})", run.pinned_start, run.minutes)
            for i, run in enumerate(athlete.runs) if run.pinned_start is not None]
    lifts = [(lift.name or lift.kind, lift.start, lift.minutes) for lift in athlete.strength.pinned]
    return [(who, start, minutes) for who, start, minutes in runs + lifts if outside(athlete, start, minutes)]


def span(start: int, minutes: int) -> tuple[str, str]:
    """A pin's day and its time as a window writes it: ('sun', '10:00-10:45')."""
    day, minute = divmod(start, DAY_MINUTES)
    return DAYS[day], f"{hhmm(minute)}-{hhmm(minute + minutes)}"


def facts(athlete: Athlete) -> list[str]:
    out = [f"{who} is pinned to {' '.join(span(start, minutes))}, and no availability window holds that time"
           for who, start, minutes in pins_outside(athlete)]
    for lift in athlete.strength.pinned:
        if broken := _exercises_broken(athlete, lift):
            out.append(f"{lift.name or lift.kind} pinned to {lift.at} lists exercises that cannot make it: "
                       + "; ".join(broken))
    return out


def _exercises_broken(athlete: Athlete, lift) -> list[str]:
    """What the exercises a pinned lift lists break, done at its time in the window holding it
    (R-CONTENT: the kind's required sorts; R-AVAIL: the place's kit): a pin the week can never
    hold, whose conflict alone would say only "R-CONTENT". Not R-LEN: in supersets the exercises
    may fit minutes they would not fit one after another, and the model finds the pairing."""
    from . import avail, content  # sibling rules: the package imports this one first

    window = holding(athlete, lift.start, lift.minutes)
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    if window is None or not lift.exercises or any(e not in library for e in lift.exercises):
        return []
    day, minute = divmod(lift.start, DAY_MINUTES)
    kit = athlete.equipment_at(window.location)
    held = Session(type="strength", day=DAYS[day], start=hhmm(minute), minutes=lift.minutes, kind=lift.kind,
                   location=window.location, exercises=[dosed(library[e], athlete, kit) for e in lift.exercises])
    week = Plan(athlete=athlete.name, status="checked", sessions=[held])
    return [problem for rule in (content, avail) for problem in rule.check(week, athlete)]
