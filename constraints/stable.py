"""S-STABLE: when replanning, change as little as possible of the plan the athlete has.

One unit per session still to come that does not stay exactly where it was (same
day, start and kind), and per strength session added. Only active when the
scenario carries ``current_plan`` (``stridelift replan`` sets it); the solver is
also given the current plan as a hint, so it starts from it.
"""

from __future__ import annotations

from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

GOAL = "S-STABLE"
TITLE = "as little change as possible when replanning"


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
        units.append(1 - sum(stays))
        if session.type == "strength":
            kept_lifts.extend(stays)
    added = sum(slot.present for slot in m.strength_slots()) - sum(kept_lifts) - fixed
    m.add_penalty(GOAL, sum(units) + added)


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    old = list(athlete.current_plan)
    if not old:
        return 0, []
    pinned = {lift.start for lift in athlete.strength.pinned}
    notes = [f"{s.kind} on {s.day} {s.start} moved or dropped (+1)" for s in old if not any(s.same_place(n) for n in plan.sessions)]
    added = [n for n in plan.lifts() if n.week_start not in pinned and not any(o.same_place(n) for o in old)]
    notes += [f"{n.kind} on {n.day} {n.start} added (+1)" for n in added]
    return len(notes), notes
