"""Dosing: sets, reps or hold seconds, and load guidance for an exercise, by the
athlete's phase and level (004's periodisation table). The model times sessions
with the same numbers, so what the plan prescribes is what fits the window."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import catalog
from .exercises import Exercise
from .plan import ExerciseDose


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: str | None
    seconds: int | None
    load: str

    def set_seconds(self, exercise: Exercise) -> int:
        """Work of one set (both sides if per side) plus its rest."""
        work = self.seconds if self.seconds is not None else exercise.work
        return work * (2 if exercise.per_side else 1) + exercise.rest

    def total_minutes(self, exercise: Exercise, superset: bool = False) -> int:
        """All sets in whole minutes (rounded up); in a superset the partner's work fills
        half of each rest. Whole minutes keep the model's arithmetic small."""
        rest_saved = exercise.rest // 2 if superset else 0
        return -(-self.sets * (self.set_seconds(exercise) - rest_saved) // 60)


def dose(exercise: Exercise, phase: str, level: str, progression_week: int = 0, legs: str = "heavy",
         bodyweight: bool = False) -> Dose:
    """Sets, reps or hold, and load words for this athlete; ``progression_week`` weeks into a
    block, loaded lifts gain 5 % a week and holds 5 s a week (004: one change at a time).
    ``legs``, the session's lower-body load: where it is not heavy, an exercise that loads the
    legs is lifted no harder than that, whatever the phase's words (the rules read the session
    by its load, so a moderate session the eve of a key run must not be lifted heavy).
    ``bodyweight``: a compound done with no load at this place (push-ups, split squats) gets the
    phase's bodyweight words, since "heavy" and "+5 %" mean nothing without a weight."""
    base = catalog().prescriptions[phase][exercise.category]
    adjust = catalog().level_adjust[level]
    reps = base.reps
    if reps and phase == "base" and exercise.category == "compound" and adjust.base_compound_reps:
        reps = adjust.base_compound_reps
    seconds = None if base.seconds is None else max(10, base.seconds + adjust.seconds)
    load = base.load
    # a Nordic curl is heavy on the body's own weight: its heavy words stand
    unloaded = bodyweight and exercise.category == "compound" and exercise.lower_load != "heavy" \
        and phase in catalog().bodyweight_load
    if unloaded:
        load = catalog().bodyweight_load[phase]
    if legs != "heavy" and exercise.lower_load != "none" and exercise.category == "compound":
        load = catalog().moderate_legs_load.get(phase, load)
    if progression_week:
        if seconds is not None:
            seconds += PROGRESSION_SECONDS * progression_week
        elif (exercise.lower_load != "none" or exercise.category == "compound") and not unloaded:
            load = f"{load}; +{PROGRESSION_PERCENT * progression_week} % on the block's first week"
    return Dose(sets=max(1, base.sets + adjust.sets), reps=reps, seconds=seconds, load=load)


def dosed(exercise: Exercise, athlete, kit: frozenset[str], superset: int | None = None,
          legs: str = "heavy") -> ExerciseDose:
    """The exercise as a session lists it for ``athlete``: its dose in a session of ``legs``
    lower-body load, and the kit it uses from ``kit`` (its first option when ``kit`` has none,
    which R-AVAIL's checker then reports)."""
    used = exercise.equipment_used(kit)
    d = dose(exercise, athlete.phase, athlete.level, athlete.strength.progression_week, legs,
             bodyweight=used is not None and not LOADS & set(used))
    return ExerciseDose(
        id=exercise.id, name=exercise.name, category=exercise.category, sets=d.sets, reps=d.reps, seconds=d.seconds,
        per_side=exercise.per_side, load=d.load, equipment=list(used if used is not None else exercise.equipment[0]),
        muscles=list(exercise.muscles), superset=superset,
    )


PROGRESSION_PERCENT = 5  # load a week (004: 5-10 %)
LOADS = frozenset({"dumbbells", "kettlebell", "barbell", "machines", "cable", "sled", "med_ball"})  # kit that is the weight
PROGRESSION_SECONDS = 5  # hold time a week
