"""R-CONTENT: a strength session's exercises make it the kind it claims to be, suit the
athlete, and fill its minutes.

A heavy_lower session has at least two heavy lower-body compounds; an upper_core
session has no exercise that loads the legs; every kind draws only on its
categories and stays under its leg-load ceiling (data: catalog.yaml). Exercises
above the athlete's level or listed as aggravating one of their injuries are
never used. 2 to 6 exercises; warm-up activation and cool-down add 8 minutes;
an upper-body exercise may pair in a superset with one that is not, sharing rest
(S-SHORT rewards it). The session's length is its content, rounded up to a minute;
that it is long enough for it is R-LEN's row (its checker reports it), guarded as R-LEN.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.catalog import catalog
from optimizer.exercises import SORTS, fits_kind, merged_library, suits
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.prescribe import dose
from optimizer.scenario import Athlete

RULE = "R-CONTENT"
TITLE = "exercises match the session's kind and the athlete, and fill its minutes"


def encode(m: WeekModel) -> None:
    from . import length  # length imports this module for content_minutes: import it when encoding

    shape = catalog().session
    guard = m.guard(RULE, TITLE)
    fits = length.length_guard(m)  # "its exercises fit in it" is R-LEN's, as its checker says
    total = cp_model.LinearExpr.sum
    minutes = _minutes(m)
    # the same for every lift (each is offered the same exercises and kinds): work them out once
    kinds_of = {eid: [k for k in m.fits if eid in m.fits[k]] for eid in minutes}
    upper = [eid for eid in minutes if m.library[eid].upper]  # may pair in a superset with one that is not
    other = [eid for eid in minutes if not m.library[eid].upper]
    needs = {kind: [(need, [e for e in minutes if e in m.fits[kind] & m.sorts[sort]]) for sort, need in
                    catalog().strength_kinds[kind].content.require.items()] for kind in m.fits}
    # A superset saves an exercise some whole minutes of rest. Only how many of each class
    # (upper-body or not) and saving are paired changes the length, so one count per class and
    # saving (savings are a minute or two: three counts a lift) stands for a flag per exercise.
    # Every counted exercise can be paired iff each class has enough chosen exercises of the
    # other class (a matching in a complete bipartite graph); partners that save no whole
    # minute need no count.
    alike: dict[tuple[bool, int], list[str]] = {}
    for eid, (_, saved) in minutes.items():
        if saved > 0:
            alike.setdefault((m.library[eid].upper, saved), []).append(eid)
    off = [g.Not() for g in guard]  # the guard as a literal of a clause: half the build cost of a linear row
    for lift in m.lifts:
        chosen = lift.exercises
        for eid, var in chosen.items():  # chosen => the lift is of a kind the exercise fits
            m.cp.add_bool_or([var.Not(), *(lift.kind[k] for k in kinds_of[eid]), *off])
        for kind, var in lift.kind.items():
            for need, members in needs[kind]:
                m.cp.add(total([chosen[e] for e in members]) >= need).only_enforce_if([var] + guard)
        count = total(list(chosen.values()))
        m.cp.add_linear_constraint(count, 0, shape.max_exercises)
        m.cp.add(count >= shape.min_exercises).only_enforce_if([lift.used] + guard)
        terms = [lift.used, *chosen.values()]
        weights = [shape.warmup_minutes + shape.cooldown_minutes, *(minutes[eid][0] for eid in chosen)]
        paired_upper, paired_other = [], []
        for (is_upper, saved), ids in sorted(alike.items()):  # the same groups in every lift
            paired = m.cp.new_int_var(0, min(len(ids), shape.max_exercises), f"superset_{lift.index}_{is_upper:d}_{saved}")
            m.cp.add(paired <= total([chosen[e] for e in ids]))
            lift.supersets[tuple(ids)] = paired
            (paired_upper if is_upper else paired_other).append(paired)
            terms.append(paired)
            weights.append(-saved)
        if paired_upper:
            m.cp.add(total(paired_upper) <= total([chosen[e] for e in other]))
        if paired_other:
            m.cp.add(total(paired_other) <= total([chosen[e] for e in upper]))
        length = cp_model.LinearExpr.weighted_sum(terms, weights)
        m.cp.add(lift.minutes >= length).only_enforce_if([lift.used] + fits)
        for slot, here in lift.windows.items():  # the window holding the lift lasts what it takes
            m.cp.add(m.slots[slot].minutes == lift.minutes).only_enforce_if([here] + guard)
    # The same minutes counted by window and by lift: redundant, but it lets the LP relaxation
    # see what exercises cost in session length (S-SHORT), which the links above hide from it.
    m.cp.add(sum(slot.minutes for slot in m.strength_slots()) == sum(lift.minutes for lift in m.lifts)).only_enforce_if(guard)


def _minutes(m: WeekModel) -> dict[str, tuple[int, int]]:
    """Exercise id -> (minutes as prescribed, minutes a superset saves), once per athlete."""
    athlete = m.athlete
    out = {}
    for eid in m.offered():
        exercise = m.library[eid]
        prescribed = dose(exercise, athlete.phase, athlete.level, athlete.strength.progression_week)
        full = prescribed.total_minutes(exercise)
        out[eid] = (full, full - prescribed.total_minutes(exercise, superset=True))
    return out


def content_minutes(session, athlete: Athlete, library) -> int:
    """How long the listed exercises take as prescribed, with warm-up and cool-down."""
    shape = catalog().session
    total = shape.warmup_minutes + shape.cooldown_minutes
    for x in session.exercises:
        exercise = library.get(x.id)
        if exercise is not None:
            total += dose(exercise, athlete.phase, athlete.level, athlete.strength.progression_week).total_minutes(
                exercise, superset=x.superset is not None)
    return total


def check(plan: Plan, athlete: Athlete) -> list[str]:
    shape = catalog().session
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    problems = []
    for s in plan.lifts():
        where = f"{s.kind} on {s.day}"
        if s.kind not in catalog().strength_kinds:
            problems.append(f"{RULE}: {where}: unknown strength kind")
            continue
        if not s.exercises:
            continue  # a hand-written week may name only the kind
        if not shape.min_exercises <= len(s.exercises) <= shape.max_exercises:
            problems.append(f"{RULE}: {where} has {len(s.exercises)} exercises; a session has {shape.min_exercises}-{shape.max_exercises}")
        known = [library[x.id] for x in s.exercises if x.id in library]
        for x in s.exercises:
            exercise = library.get(x.id)
            if exercise is None:
                problems.append(f"{RULE}: {where}: '{x.id}' is not in the exercise library")
            elif not fits_kind(exercise, s.kind):
                problems.append(f"{RULE}: {where}: {exercise.name} ({exercise.category}, {exercise.lower_load} legs) does not belong in a {s.kind} session")
            elif not suits(exercise, athlete.level, athlete.injuries):
                problems.append(f"{RULE}: {where}: {exercise.name} does not suit a {athlete.level} athlete with {', '.join(athlete.injuries) or 'no'} injuries")
        for sort, need in catalog().strength_kinds[s.kind].content.require.items():
            have = sum(1 for e in known if SORTS[sort](e) and fits_kind(e, s.kind))
            if have < need:
                problems.append(f"{RULE}: {where} needs {need} {sort.replace('_', ' ')} exercises, has {have}")
        groups: dict[int, list] = {}
        for x in s.exercises:
            if x.superset is not None:
                groups.setdefault(x.superset, []).append(library.get(x.id))
        for number, pair in groups.items():
            if len(pair) != 2 or None in pair or sorted(e.upper for e in pair) != [False, True]:
                problems.append(f"{RULE}: {where}: superset {number} must pair one upper-body exercise with one that is not")
    return problems
