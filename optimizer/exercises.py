"""The exercise library: what each exercise trains, needs and asks of the legs,
and which exercises may go into which strength session.

The built-in library is data (``data/exercises.yaml``); a scenario can add its
own exercises (``strength.library``), which replace built-in ones of the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, Field, field_validator

from .catalog import LowerLoad, catalog
from .source import SAFE_LOADER, Written, did_you_mean


def one_of(what: str, names: Callable[[], Iterable[str]]) -> AfterValidator:
    """A name checked against the catalogue's ``names``, with the name it was probably meant to
    be. Checked item by item, so every misspelt one in a list or mapping is reported in one pass."""
    def check(item: str) -> str:
        known = list(names())
        if item not in known:
            raise ValueError(f"unknown {what} '{item}'; {did_you_mean(item, known)}use one of {', '.join(known)}")
        return item
    return AfterValidator(check)


Equipment = Annotated[str, one_of("equipment", lambda: catalog().equipment)]
MuscleGroup = Annotated[str, one_of("muscle group", lambda: catalog().cover_targets)]
InjuryName = Annotated[str, one_of("injury", lambda: catalog().injury_emphasis)]

Category = Literal["compound", "isometric", "plyometric", "mobility", "prehab"]
LOADS: tuple[str, ...] = ("none", "light", "moderate", "heavy")
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")


class Exercise(Written):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: Annotated[str, Field(min_length=1)]
    category: Category
    muscles: Annotated[tuple[MuscleGroup, ...], Field(min_length=1)]
    equipment: tuple[tuple[Equipment, ...], ...] = ((),)  # alternatives; () is bodyweight
    lower_load: LowerLoad
    work: Annotated[int, Field(gt=0, le=600)]  # seconds per set (per side if per_side)
    rest: Annotated[int, Field(ge=0, le=600)]
    per_side: bool = False
    level: Literal["beginner", "intermediate", "advanced"] = "beginner"
    helps: tuple[InjuryName, ...] = ()
    aggravates: tuple[InjuryName, ...] = ()

    @field_validator("equipment")
    @classmethod
    def _bodyweight_if_none(cls, value: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        return value or ((),)

    def equipment_used(self, available: frozenset[str]) -> tuple[str, ...] | None:
        """The first alternative the location has (() for bodyweight), or None."""
        for option in self.equipment:
            if set(option) <= available:
                return option or ("bodyweight",)
        return None

    @property
    def upper(self) -> bool:
        """Upper-body work with no leg load: pairs in a superset with anything else."""
        return self.lower_load == "none" and bool({"push", "upper_back"} & set(self.muscles))


class Library(BaseModel):
    exercises: tuple[Exercise, ...]


@cache
def builtin_library() -> tuple[Exercise, ...]:
    text = resources.files("optimizer").joinpath("data/exercises.yaml").read_text(encoding="utf-8")
    return Library.model_validate(yaml.load(text, Loader=SAFE_LOADER)).exercises


def merged_library(extra: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
    """The built-in library with the scenario's own exercises added (same id replaces)."""
    mine = {e.id for e in extra}
    return tuple(e for e in builtin_library() if e.id not in mine) + tuple(extra)


# What a kind's ``require`` counts: the sorts of exercise a session must contain.
SORTS = {
    "heavy_compound": lambda e: e.category == "compound" and e.lower_load == "heavy",
    "lower_compound": lambda e: e.category == "compound" and e.lower_load in ("moderate", "heavy"),
    "push": lambda e: e.category == "compound" and "push" in e.muscles,
    "pull": lambda e: e.category == "compound" and "upper_back" in e.muscles,
    "upper": lambda e: e.category == "compound" and e.upper,
    "plyometric": lambda e: e.category == "plyometric",
    "isometric": lambda e: e.category == "isometric",
    "prehab": lambda e: e.category == "prehab",
}

SORT_WORDS = {
    "heavy_compound": "heavy lower-body compound lifts (squat, deadlift, split squat, step-up ...)",
    "lower_compound": "lower-body compound lifts",
    "push": "pushing exercises",
    "pull": "pulling exercises",
    "upper": "upper-body exercises",
    "plyometric": "plyometric exercises",
    "isometric": "isometric holds",
    "prehab": "prehab exercises",
}


def fits_kind(exercise: Exercise, kind: str) -> bool:
    """May this exercise be part of a session of this kind (R-CONTENT)?"""
    return _fits(exercise.category, exercise.lower_load, kind)


@cache
def _fits(category: str, lower_load: str, kind: str) -> bool:
    """Only the category and the leg load decide; cached, as the model asks for every window and kind."""
    content = catalog().strength_kinds[kind].content
    return category in content.categories and LOADS.index(lower_load) <= LOADS.index(content.max_load)


def suits(exercise: Exercise, level: str, injuries: tuple[str, ...]) -> bool:
    """Right for this athlete: not above their level, not aggravating an injury they have."""
    return LEVELS.index(exercise.level) <= LEVELS.index(level) and not set(exercise.aggravates) & set(injuries)


def missing_sorts(kind: str, usable: list[Exercise]) -> list[str]:
    """Required sorts of exercise a session of ``kind`` cannot get from ``usable`` (empty: it can be filled)."""
    fitting = [e for e in usable if fits_kind(e, kind)]
    return lacking_sorts(kind, lambda sort: sum(1 for e in fitting if SORTS[sort](e)))


def lacking_sorts(kind: str, count) -> list[str]:
    """Required sorts of exercise for ``kind`` of which ``count(sort)`` falls short (the model
    counts with its precomputed sets, a hand-written week's check with the exercises)."""
    return [sort for sort, need in catalog().strength_kinds[kind].content.require.items() if count(sort) < need]


def hosts(athlete, kind: str, kit: frozenset[str]) -> bool:
    """Can a place with this kit host a session of ``kind`` for this athlete (level, injuries, library)?"""
    usable = [e for e in merged_library(athlete.strength.library)
              if suits(e, athlete.level, athlete.injuries) and e.equipment_used(kit) is not None]
    return not missing_sorts(kind, usable)
