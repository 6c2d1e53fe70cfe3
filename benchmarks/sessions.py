"""Sessions written by hand (baselines, exhaustive search), filled in as the solver fills them.

The one place here that knows how a ``Session`` is written: a run at a start
minute, or a strength session of a kind with its exercises (dosed for the
athlete's phase and level, the kit they use at the location, superset numbers),
lasting what its content takes (warm-up, exercises, cool-down), never under the
20-minute minimum. Baselines and the exhaustive search use it so the project's
checkers and scorers read their weeks exactly like a solved one.
"""

from __future__ import annotations

from functools import cache

from optimizer.catalog import catalog
from optimizer.clock import DAY_MINUTES, DAYS, hhmm
from optimizer.exercises import SORTS, Exercise, fits_kind, merged_library, suits
from optimizer.plan import Session
from optimizer.prescribe import dose, dosed
from optimizer.scenario import Athlete, Window

# The order the solver lists exercises in (optimizer/solve.py): power, big lifts, accessories, holds, mobility.
EXERCISE_ORDER = {"plyometric": 0, "compound": 1, "prehab": 2, "isometric": 3, "mobility": 4}


def _clock(start: int, minutes: int) -> dict:
    day, minute = divmod(start, DAY_MINUTES)
    return {"day": DAYS[day], "start": hhmm(minute), "end": hhmm(minute + minutes), "minutes": minutes}


def run_session(athlete: Athlete, index: int, window: Window, start: int) -> Session:
    """Run ``index`` of the athlete's plan, starting at minute ``start`` of the week in ``window``."""
    run = athlete.runs[index]
    info = catalog().run_kinds[run.kind]
    return Session(type="run", kind=run.kind, key=info.key, run=index, label=run.label(), location=window.location,
                   **_clock(start, run.minutes))


# ---- strength content ---------------------------------------------------------------


def usable(athlete: Athlete, kind: str, location: str) -> list[Exercise]:
    """Exercises a ``kind`` session may use for this athlete at this location (R-CONTENT, R-AVAIL)."""
    kit = athlete.equipment_at(location)
    return [
        e for e in merged_library(athlete.strength.library)
        if fits_kind(e, kind) and suits(e, athlete.level, athlete.injuries) and e.equipment_used(kit) is not None
    ]


@cache
def _minutes(exercise: Exercise, phase: str, level: str, superset: bool) -> int:
    return dose(exercise, phase, level).total_minutes(exercise, superset=superset)


def exercise_minutes(athlete: Athlete, exercise: Exercise, superset: bool = False) -> int:
    return _minutes(exercise, athlete.phase, athlete.level, superset)


def content_minutes(athlete: Athlete, exercises: list[Exercise], paired: frozenset[str] = frozenset()) -> int:
    """Warm-up + exercises as prescribed (``paired`` ids done in a superset) + cool-down."""
    shape = catalog().session
    return shape.warmup_minutes + shape.cooldown_minutes + sum(
        exercise_minutes(athlete, e, e.id in paired) for e in exercises
    )


def session_minutes(athlete: Athlete, exercises: list[Exercise], paired: frozenset[str] = frozenset()) -> int:
    """How long the session is written: its content, but never under the minimum."""
    return max(catalog().min_strength_minutes, content_minutes(athlete, exercises, paired))


def lift_session(
    athlete: Athlete, kind: str, window: Window, start: int, exercises: list[Exercise],
    pairs: list[tuple[str, str]] = (), minutes: int | None = None,
) -> Session:
    """A strength session of ``kind`` at minute ``start`` of the week in ``window``, doing
    ``exercises`` (``pairs`` of ids in supersets), lasting ``minutes`` (default: its content)."""
    info = catalog().strength_kinds[kind]
    paired = frozenset(e for pair in pairs for e in pair)
    minutes = session_minutes(athlete, exercises, paired) if minutes is None else minutes
    number = {e: n for n, pair in enumerate(pairs, start=1) for e in pair}
    kit = athlete.equipment_at(window.location)
    doses = [dosed(e, athlete, kit, number.get(e.id), info.lower_load)
             for e in sorted(exercises, key=lambda e: (EXERCISE_ORDER[e.category], e.id))]
    return Session(type="strength", kind=kind, lower_load=info.lower_load, label=info.label, location=window.location,
                   exercises=doses, **_clock(start, minutes))


def fill_content(athlete: Athlete, kind: str, location: str, wanted: dict[str, int]) -> list[Exercise] | None:
    """What a sensible coach puts in a ``kind`` session: the kind's required exercises
    (the shortest that qualify), then, while the session stays within max_minutes and
    six exercises, the exercise that trains most of what the week still ``wanted``
    (muscle groups, pillar categories, injuries: key -> sessions or exercises short).
    None if the required exercises do not fit."""
    from constraints.cover import (
        trains,  # the goal's own test of what an exercise trains
    )

    pool = sorted(usable(athlete, kind, location), key=lambda e: (exercise_minutes(athlete, e), e.id))
    shape, cap = catalog().session, athlete.strength.max_minutes
    chosen: list[Exercise] = []
    for sort, need in catalog().strength_kinds[kind].content.require.items():
        have = sum(1 for e in chosen if SORTS[sort](e))
        for e in pool:
            if have >= need:
                break
            if e not in chosen and SORTS[sort](e):
                chosen.append(e)
                have += 1
        if have < need:
            return None
    if content_minutes(athlete, chosen) > cap:
        return None
    wanted = dict(wanted)
    hit: set[str] = set()  # targets this session already counts for (sessions count once)

    def gains(e: Exercise) -> list[str]:
        return [k for k, short in wanted.items()
                if short > 0 and trains(k, e) and (k.startswith("injury:") or k not in hit)]

    def take(e: Exercise) -> None:
        for k in gains(e):
            wanted[k] -= 1
            hit.add(k)

    for e in chosen:
        take(e)
    while len(chosen) < shape.max_exercises:
        room = cap - content_minutes(athlete, chosen)
        best, gain = None, 0
        for e in pool:
            if e in chosen or exercise_minutes(athlete, e) > room:
                continue
            g = len(gains(e))
            if g > gain:
                best, gain = e, g
        if best is None:
            break
        chosen.append(best)
        take(best)
    for e in pool:  # at least the minimum number of exercises
        if len(chosen) >= shape.min_exercises:
            break
        if e not in chosen and content_minutes(athlete, chosen + [e]) <= cap:
            chosen.append(e)
    return chosen if len(chosen) >= shape.min_exercises else None
