"""S-STABLE: when replanning, change as little as possible of the plan the athlete has.

One unit per session still to come that does not stay exactly where it was (same
day, start, kind and place), and per strength session added. A lift that stays
but with other exercises counts one unit per exercise swapped (taken out, or put
in, whichever is more), at most two: what moving it (one unit) and adding it
elsewhere (one) would cost, so keeping a lift in place is never dearer than
moving it. A runner who planned squats for Thursday should find squats there
after a replan, unless something is worth more than that. Only active when the
scenario carries ``current_plan`` (``stridelift replan`` sets it); the solver is
also given the current plan as a hint, so it starts from it.
"""

from __future__ import annotations

from optimizer.model import WeekModel
from optimizer.plan import Plan, Session
from optimizer.scenario import Athlete

GOAL = "S-STABLE"
TITLE = "as little change as possible when replanning"
MOST_PER_LIFT = 2  # exercise swaps in a lift that stays: what moving it and adding it back would cost


def encode(m: WeekModel) -> None:
    old = m.athlete.current_plan
    if not old:
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
    added = sum(slot.present for slot in m.strength_slots()) - sum(kept_lifts) - fixed
    m.add_penalty(GOAL, sum(units) + added)


def _swaps(m: WeekModel, slot, stay, session: Session):
    """Exercises swapped in ``session`` if it stays (``stay``) in ``slot``, whichever of the week's
    lifts the window holds. Bounded by MOST_PER_LIFT: past it, the lift counts as moved and added
    instead (``stay`` off), which costs the same."""
    was = {x.id for x in session.exercises}
    swaps = m.cp.new_int_var(0, MOST_PER_LIFT, f"swaps_{session.day}_{session.kind}")
    for index, here in slot.lifts.items():  # (hinting the old exercises made replans slower)
        chosen = m.lifts[index].exercises
        gone = len(was - chosen.keys()) + sum(1 - chosen[e] for e in sorted(was & chosen.keys()))
        m.cp.add(swaps >= gone).only_enforce_if([stay, here])
        m.cp.add(swaps >= sum(var for e, var in chosen.items() if e not in was)).only_enforce_if([stay, here])
    return swaps


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    old = list(athlete.current_plan)
    if not old:
        return 0, []
    pinned = {lift.start for lift in athlete.strength.pinned}
    notes = [f"{s.kind} on {s.day} {s.start} moved or dropped (+1)" for s in old if not any(s.same_place(n) for n in plan.sessions)]
    added = [n for n in plan.lifts() if n.week_start not in pinned and not any(o.same_place(n) for o in old)]
    notes += [f"{n.kind} on {n.day} {n.start} added (+1)" for n in added]
    total = len(notes)
    for o in old:
        for n in plan.lifts():
            if o.type == "strength" and o.same_place(n):
                out, into = o.swaps(n)
                swaps = max(len(out), len(into))
                if count := min(MOST_PER_LIFT, swaps):
                    total += count
                    notes.append(f"{o.kind} on {o.day} {o.start}: {swaps} exercise{'s' * (swaps > 1)} swapped (+{count})")
    return total, notes
