"""S-COVER: the week trains every muscle group, pillar and injury it should.

Targets (data, with scenario overrides): each muscle group in so many sessions
(lower-body groups twice, the rest once; each injury raises the groups that
protect it by one), trained by a strength exercise, not a mobility drill; each
pillar of the phase (compound, isometric, mobility; a heavy lower-body compound
in the base phase, plyometric in the build phase) in at least one session; and
for each injury in the history, two exercises a week that help it (004's table,
as DOMAIN.md gives it). One penalty unit per session or exercise short of a target.
"""

from __future__ import annotations

from functools import lru_cache

from optimizer.catalog import catalog
from optimizer.exercises import SORTS, fits_kind, merged_library, missing_sorts
from optimizer.model import WeekModel, suited
from optimizer.plan import Coverage, Plan
from optimizer.scenario import Athlete

GOAL = "S-COVER"
HEAVY = "heavy_compound"
TITLE = "weekly muscle-group, pillar and injury coverage"


def targets(athlete: Athlete) -> dict[str, int]:
    out = {g: t for g, t in athlete.cover_targets.items() if t}
    out |= {f"pillar:{c}": t for c, t in catalog().pillars[athlete.phase].items()}
    out |= {f"injury:{i}": catalog().injury_exercises for i in athlete.injuries}
    return out


def reachable(athlete: Athlete) -> dict[str, tuple[int, str]]:
    """Each target no legal week meets -> (the most any reaches, why): a session target above the
    strength sessions R-FREQ allows, or one no exercise of a kind the week may hold trains. Said
    beside the shortfall, not taken off it: the penalty stays the goal's as DOMAIN.md sets it
    (the gap costs every legal week the same, so the best week is the same either way), but a
    one-lift peak or race week no longer reads as falling short for no reason given."""
    most, trainable = athlete.session_range[1], _trainable(athlete)
    out = {}
    for key, target in targets(athlete).items():
        if key not in trainable:
            out[key] = (0, "no session the week's kinds and kit allow trains it")
        elif target > (limit := target if most and key.startswith("injury:") else most):
            out[key] = (limit, f"the week allows {most or 'no'} strength session{'' if most == 1 else 's'}")
    return out


def _trainable(athlete: Athlete) -> frozenset[str]:
    """Every target some exercise can count toward in a kind the week may hold (the kinds the
    scenario allows, light ones only out of season (R-TAPER), and the phase's own if it has
    them (R-FREQ: deload, recovery)) with the kit of a place the athlete has a window at (R-AVAIL:
    heavy legs at home with no weights is out of reach, and said so)."""
    kinds = set(athlete.allowed_strength_kinds())
    if not athlete.in_season:
        kinds &= set(catalog().light_kinds)
    if phase_kinds := catalog().phase_kinds.get(athlete.phase):
        kinds &= set(phase_kinds)
    kits = frozenset(athlete.equipment_at(place) for place in {w.location for w in athlete.windows})
    return _keys_of(athlete.strength.library, athlete.level, athlete.injuries, tuple(sorted(kinds)), kits)


@lru_cache(maxsize=1024)
def _keys_of(extra, level: str, injuries: tuple[str, ...], kinds: tuple[str, ...],
             kits: frozenset[frozenset[str]]) -> frozenset[str]:
    library, fits, _ = suited(extra, level, injuries, kinds)
    out: set[str] = set()
    for kit in kits:
        usable = [e for e in library.values() if e.equipment_used(kit) is not None]
        for kind, ids in fits.items():
            if not missing_sorts(kind, usable):  # a session of the kind can be made there (R-CONTENT)
                out.update(key for eid in ids if library[eid].equipment_used(kit) is not None
                           for key in keys_trained(library[eid]))
    return frozenset(out)


def keys_trained(exercise) -> set[str]:
    """The targets the exercise counts toward: its muscle groups, ``pillar:<category>`` and
    ``injury:<name>`` for each injury it helps."""
    return {*strengthened(exercise), *(f"pillar:{p}" for p in pillars_of(exercise)),
            *(f"injury:{i}" for i in exercise.helps)}


def pillars_of(exercise) -> set[str]:
    """The pillars the exercise counts toward: its category, and ``heavy_compound`` for a heavy
    lower-body compound lift, the base phase's max-strength work (DOMAIN.md's periodisation:
    "max strength, heavy compounds"), as plyometrics are the build phase's."""
    return {exercise.category} | ({HEAVY} if SORTS[HEAVY](exercise) else set())


def strengthened(exercise) -> tuple[str, ...]:
    """The muscle groups the exercise counts toward: a mobility drill stretches the groups it
    names but does not train them, so it counts toward the mobility pillar only (a week whose
    only pulling is thoracic rotations has not trained its upper back)."""
    return () if exercise.category == "mobility" else tuple(exercise.muscles)


def trains(key: str, exercise) -> bool:
    """Does the exercise count toward this target (a muscle group, ``pillar:<category>`` or ``injury:<name>``)?"""
    return key in keys_trained(exercise)


def encode(m: WeekModel) -> None:
    trained_by: dict[str, list[str]] = {}  # target -> offered exercises that train it: one pass, not one per lift
    for eid in m.offered():
        for key in keys_trained(m.library[eid]):
            trained_by.setdefault(key, []).append(eid)
    units = []
    for key, target in targets(m.athlete).items():
        training = trained_by.get(key, [])
        done = []
        for lift in m.lifts:
            hits = [lift.exercises[eid] for eid in training]
            if not hits:
                continue
            if key.startswith("injury:"):  # counts exercises, not sessions
                done.extend(hits)
                continue
            if (kinds := _kinds_that_are_it(m, key, lift, training)) is not None:
                done.extend(kinds)
                continue
            session_hits = m.cp.new_bool_var(f"cover_{key}_{lift.index}")
            m.cp.add_bool_or(hits).only_enforce_if(session_hits)
            done.append(session_hits)
        short = m.cp.new_int_var(0, target, f"short_{key}")
        m.cp.add(short >= target - sum(done))
        units.append(short)
    m.add_penalty(GOAL, sum(units))


def _kinds_that_are_it(m: WeekModel, key: str, lift, training: list[str]) -> list | None:
    """A pillar some kinds of the lift must hold (R-CONTENT: a power session has two plyometrics,
    heavy lower body two heavy compounds) and no other kind of it may: the lift trains it exactly
    when it is of one of those kinds, so their literals count it, with no Boolean of its own (a
    tighter relaxation than "some exercise trains it"). None where that does not hold."""
    kind, _, name = key.partition(":")
    if kind != "pillar":
        return None
    forced = [k for k in lift.kind if catalog().strength_kinds[k].content.require.get(name, 0) > 0]
    others = [k for k in lift.kind if k not in forced]
    if not forced or any(fits_kind(m.library[eid], k) for eid in training for k in others):
        return None
    return [lift.kind[k] for k in forced]


def _session_trains(session, key: str, library) -> bool:
    """From the session's exercises; a hand-written session that lists none counts its kind's typical work."""
    kind, _, name = key.partition(":")
    if not session.exercises:
        typical = catalog().strength_kinds.get(session.kind)
        return typical is not None and (name in typical.pillars if kind == "pillar" else key in typical.muscles)
    if kind == "pillar":
        return any(x.category == name or (x.id in library and name in pillars_of(library[x.id]))
                   for x in session.exercises)
    return any(key in strengthened(x) for x in session.exercises)


def coverage(plan: Plan, athlete: Athlete) -> dict[str, Coverage]:
    """Each target against what the plan's sessions do (from the plan's own data)."""
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    out = {}
    limits = reachable(athlete)
    for key, target in targets(athlete).items():
        if key.startswith("injury:"):
            name = key.partition(":")[2]
            done = sum(1 for s in plan.lifts() for x in s.exercises if x.id in library and name in library[x.id].helps)
        else:
            done = sum(1 for s in plan.lifts() if _session_trains(s, key, library))
        # out of reach is said of a shortfall only: a hand-written week may do what no planned one could
        most, why = limits.get(key, (None, None)) if done < target else (None, None)
        out[key] = Coverage(done=done, target=target, reachable=most, why=why)
    return out


def out_of_reach(c: Coverage) -> str:
    """Why the week falls short of the target, if it does all any legal week can toward it; else ''."""
    return c.why if c.done < c.target and c.reachable is not None and c.done >= c.reachable else ""


def score(plan: Plan, athlete: Athlete) -> tuple[int, list[str]]:
    total, notes = 0, []
    for key, c in coverage(plan, athlete).items():
        short = max(0, c.target - c.done)
        if short:
            total += short
            unit = "exercises" if key.startswith("injury:") else "sessions"
            why = out_of_reach(c)
            notes.append(f"{key}: {c.done} of {c.target} {unit} (+{short}{'; ' + why if why else ''})")
    return total, notes
