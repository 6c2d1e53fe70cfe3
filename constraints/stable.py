"""S-STABLE: when replanning, change as little as possible of the plan the athlete has.

One unit per session still to come that does not stay exactly where it was (same
day, start, kind and place), and per strength session added. A lift missed, or on a
day now unavailable, is to be made up: a lift the week holds beyond the plan's still
to come makes it up and is not an added one (a lift moved makes up none), and one
not made up costs a unit, so the week makes up what it can hold (as a missed run
must be placed again, unless the week cannot hold it). A lift that stays
but with other exercises counts one unit per exercise swapped (taken out, or put
in, whichever is more), at most two: what moving it (one unit) and adding it
elsewhere (one) would cost, so keeping a lift in place is never dearer than
moving it. A runner who planned squats for Thursday should find squats there
after a replan, unless something is worth more than that. Only active when the
scenario carries ``current_plan`` or ``make_up`` (``stridelift replan`` sets them); the solver is
also given the current plan as a hint, so it starts from it.
"""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.clock import DAY_MINUTES, hhmm
from optimizer.exercises import merged_library
from optimizer.model import WeekModel
from optimizer.plan import ExerciseDose, Plan, Session
from optimizer.scenario import Athlete

from .content import content_minutes

GOAL = "S-STABLE"
TITLE = "as little change as possible when replanning"
MOST_PER_LIFT = 2  # exercise swaps in a lift that stays: what moving it and adding it back would cost


def encode(m: WeekModel) -> None:
    old, make_up = m.athlete.current_plan, len(m.athlete.make_up)
    if not old and not make_up:
        m.add_penalty(GOAL, 0)
        return
    units, kept_lifts = [], []
    # pinned lifts (done ones, a club class) are no change, unless already counted as kept
    old_lifts = {(s.week_start, s.kind) for s in old if s.type == "strength"}
    fixed = sum(1 for lift in m.athlete.strength.pinned if (lift.start, lift.kind) not in old_lifts)
    for session in old:
        stays = []
        for slot in m.slots:
            if (session.type == "run") != (slot.type == "run") or (slot.type == "run" and slot.run != session.run):
                continue
            for p in slot.placements:  # the same time at the same place (Session.same_place)
                placement = m.placements[p]
                if placement.kind == session.kind and m.windows[placement.window].location == session.location \
                        and placement.earliest <= session.week_start <= placement.latest:
                    stay = m.cp.new_bool_var(f"stay_{session.day}_{session.kind}")
                    m.cp.add_implication(stay, placement.var)
                    m.cp.add(m.slots[placement.slot].start == session.week_start).only_enforce_if(stay)
                    m.hint(placement.var, 1)
                    m.hint(m.slots[placement.slot].start, session.week_start)
                    stays.append(stay)
                    if session.type == "strength" and session.exercises:
                        units.append(_swaps(m, m.slots[placement.slot], stay, session))
        units.append(1 - sum(stays))
        if session.type == "strength":
            kept_lifts.extend(stays)
    lifts = sum(slot.present for slot in m.strength_slots()) - fixed
    # as many are made up as the week holds lifts beyond the plan's still to come (a moved lift makes
    # up none); each lift placed anew that makes up none is added, each one to make up not made up
    made = m.cp.new_int_var(0, make_up, "lifts_made_up")
    m.cp.add(made <= lifts - sum(1 for s in old if s.type == "strength"))
    anew = lifts - sum(kept_lifts)
    m.add_penalty(GOAL, sum(units) + (anew - made) + (make_up - made))


def _swaps(m: WeekModel, slot, stay, session: Session):
    """Exercises swapped in ``session`` if it stays (``stay``) in ``slot``, whichever of the week's
    lifts the window holds: at most MOST_PER_LIFT."""
    was = {x.id for x in session.exercises}
    swaps = m.cp.new_int_var(0, MOST_PER_LIFT, f"swaps_{session.day}_{session.kind}")
    capped = m.cp.new_bool_var(f"swaps_capped_{session.day}_{session.kind}")
    m.cp.add(swaps >= MOST_PER_LIFT).only_enforce_if(capped)
    for index, here in slot.lifts.items():  # (hinting the old exercises made replans slower)
        chosen = m.lifts[index].exercises
        gone = len(was - chosen.keys()) + sum(1 - chosen[e] for e in sorted(was & chosen.keys()))
        m.cp.add(swaps >= gone).only_enforce_if([stay, here, capped.Not()])
        m.cp.add(swaps >= sum(var for e, var in chosen.items() if e not in was)).only_enforce_if([stay, here, capped.Not()])
    return swaps


def made_up(plan: Plan, athlete: Athlete) -> tuple[list[tuple[Session, Session | None]], list[Session]]:
    """Each lift to make up with the lift that makes it up, or None; and the lifts added. The week
    makes up as many as it holds lifts beyond the plan's still to come (a lift moved is not a
    make-up); a lift placed anew makes up one of its kind if it can. Lifts placed anew beyond the
    ones to make up are added."""
    old = athlete.current_plan
    pinned = {lift.start for lift in athlete.strength.pinned}
    lifts = [n for n in plan.lifts() if n.week_start not in pinned or any(o.same_place(n) for o in old)]
    anew = [n for n in lifts if not any(o.same_place(n) for o in old)]
    made = min(len(athlete.make_up), max(0, len(lifts) - sum(1 for o in old if o.type == "strength")))
    moved_kinds = [o.kind for o in old if o.type == "strength" and not any(o.same_place(n) for n in plan.sessions)]
    spare = sorted(anew, key=lambda n: n.kind in moved_kinds)  # a moved lift's likely twin last
    pairs = []
    for lift in sorted(athlete.make_up, key=lambda x: not any(n.kind == x.kind for n in spare)):
        twin = next((n for n in spare if n.kind == lift.kind), spare[0] if spare else None) if made else None
        if twin is not None:
            spare.remove(twin)
            made -= 1
        pairs.append((lift, twin))
    return pairs, [n for n in anew if all(n is not twin for _, twin in pairs)]


def with_exercises(session: Session, exercises: list[ExerciseDose], athlete: Athlete) -> Session | None:
    """``session`` doing ``exercises`` (another lift's, as dosed for this athlete) instead of its own:
    with the kit they use at its place, and lasting what they take (R-LEN's floor at least); None if
    that runs past midnight. What a lift placed anew to make up a missed one would be with the missed
    lift's exercises, for the make-up tie-break and for saying why they changed."""
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    kit = athlete.equipment_at(session.location)
    doses = []
    for x in exercises:
        used = library[x.id].equipment_used(kit) if x.id in library else None
        doses.append(x if used is None else x.model_copy(update={"equipment": list(used)}))
    trial = session.model_copy(update={"exercises": doses})
    minutes = max(catalog().min_strength_minutes, content_minutes(trial, athlete, library))
    if (end := session.week_start % DAY_MINUTES + minutes) > DAY_MINUTES:
        return None
    return trial.model_copy(update={"minutes": minutes, "end": hhmm(end)})


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    old = list(athlete.current_plan)
    if not old and not athlete.make_up:  # not a replan
        return 0, []
    notes = [f"{s.kind} on {s.day} {s.start} moved or dropped (+1)" for s in old if not any(s.same_place(n) for n in plan.sessions)]
    pairs, added = made_up(plan, athlete)
    notes += [f"{lift.kind} of {lift.day} {lift.start} not made up (+1)" for lift, twin in pairs if twin is None]
    notes += [f"{n.kind} on {n.day} {n.start} added (+1)" for n in added]
    total = len(notes)
    for o, n in ((o, n) for o in old for n in plan.lifts() if o.same_place(n)):  # a lift that stayed
        swaps = max(len(part) for part in o.swaps(n))
        if count := min(MOST_PER_LIFT, swaps):
            total += count
            notes.append(f"{o.kind} on {o.day} {o.start}: {swaps} exercise{'s' * (swaps > 1)} swapped (+{count})")
    return total, notes
