"""The session catalogue: run kinds, strength kinds, phase table, targets, weights.

Loaded once from ``data/catalog.yaml`` so coaches can read and change the
numbers without touching an encoder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from .source import SAFE_LOADER

LowerLoad = Literal["none", "light", "moderate", "heavy"]


class RunKind(BaseModel):
    model_config = ConfigDict(frozen=True)
    key: bool
    label: str


class KindContent(BaseModel):
    model_config = ConfigDict(frozen=True)
    max_load: LowerLoad
    categories: tuple[str, ...]
    require: dict[str, int]


class StrengthKind(BaseModel):
    model_config = ConfigDict(frozen=True)
    label: str
    lower_load: LowerLoad
    lower_loads: tuple[LowerLoad, ...] = ()  # a session may declare these (DOMAIN.md's range); () is lower_load
    muscles: tuple[str, ...]  # what the kind typically trains (a session listed without exercises)
    pillars: tuple[str, ...]
    content: KindContent

    @model_validator(mode="after")
    def _own_load_declarable(self) -> "StrengthKind":
        """The planner writes ``lower_load`` into every session: it must read back (a replan, a
        calendar's neighbouring week)."""
        if self.lower_loads and self.lower_load not in self.lower_loads:
            raise ValueError(f"lower_loads {list(self.lower_loads)} leaves out the kind's own lower_load {self.lower_load}")
        return self


class Prescription(BaseModel):
    model_config = ConfigDict(frozen=True)
    sets: int
    reps: str | None = None
    seconds: int | None = None
    load: str


class LevelAdjust(BaseModel):
    model_config = ConfigDict(frozen=True)
    sets: int = 0
    seconds: int = 0
    base_compound_reps: str | None = None


class SessionShape(BaseModel):
    model_config = ConfigDict(frozen=True)
    warmup_minutes: int
    cooldown_minutes: int
    min_exercises: int
    max_exercises: int


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True)
    run_kinds: dict[str, RunKind]
    strength_kinds: dict[str, StrengthKind]
    session: SessionShape
    prescriptions: dict[str, dict[str, Prescription]]
    moderate_legs_load: dict[str, str]  # by phase: leg exercises' load words in a session of moderate legs
    bodyweight_load: dict[str, str]  # by phase: a compound's load words where it is done with no weight
    level_adjust: dict[str, LevelAdjust]
    pillars: dict[str, dict[str, int]]
    injury_exercises: int
    min_strength_minutes: int
    phase_sessions: dict[str, tuple[int, int]]
    phase_sessions_advanced: dict[str, tuple[int, int]]
    light_kinds: tuple[str, ...]
    phase_kinds: dict[str, tuple[str, ...]]
    taper_days: dict[str, int]
    long_race_distances: tuple[str, ...]
    cover_targets: dict[str, int]
    injury_emphasis: dict[str, tuple[str, ...]]
    weights: dict[str, int]
    equipment: tuple[str, ...]

    def phase_range(self, phase: str, level: str) -> tuple[int, int]:
        """R-FREQ's strength sessions a week for a phase when the scenario gives no count."""
        table = {**self.phase_sessions, **self.phase_sessions_advanced} if level == "advanced" else self.phase_sessions
        return tuple(table[phase])  # type: ignore[return-value]


@cache
def catalog() -> Catalog:
    text = resources.files("optimizer").joinpath("data/catalog.yaml").read_text(encoding="utf-8")
    return Catalog.model_validate(yaml.load(text, Loader=SAFE_LOADER))


RUN_KINDS = tuple(catalog().run_kinds)
STRENGTH_KINDS = tuple(catalog().strength_kinds)
KEY_RUNS = frozenset(k for k, v in catalog().run_kinds.items() if v.key)
LONG_OR_RACE = frozenset({"long", "race"})
