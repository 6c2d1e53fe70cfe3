"""The plan: what the planner hands back. Plain pydantic data, no solver objects.

Checkers, renderers and the club batch all work from this, so a hand-written
week (same fields) can be checked exactly like a solved one.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, computed_field, field_validator, model_validator

from .catalog import KEY_RUNS, RUN_KINDS, STRENGTH_KINDS, LowerLoad, catalog
from .clock import DAY_ALIASES, DAY_MINUTES, DAYS, hhmm, parse_hhmm, past_midnight
from .exercises import Category
from .source import SUBFIELDS, did_you_mean, numbers_are_numbers

# unknown: no week found within the time limit; checked: a week written by hand, judged by the checkers
Status = Literal["optimal", "feasible", "infeasible", "unknown", "checked"]


class ExerciseDose(BaseModel):
    """One exercise of a strength session, as prescribed for this athlete this week."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    category: Category
    sets: Annotated[int, Field(ge=1, le=20)]
    reps: str | None = None  # "4-8", or None for a hold
    seconds: Annotated[int, Field(ge=1, le=600)] | None = None  # hold seconds (per side if per_side)
    per_side: bool = False
    load: str = ""
    equipment: list[str] = ["bodyweight"]  # what it uses at this location
    muscles: list[str] = []
    superset: int | None = None  # exercises with the same number alternate sets


def _without(data: Any, worked_out: str) -> Any:
    """The data with ``worked_out`` (a computed field the model writes) left out: it is written
    with the model, never read back, so a file the model wrote reads with unknown fields refused."""
    return {k: v for k, v in data.items() if k != worked_out} if isinstance(data, dict) else data


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done: int
    target: int
    reachable: int | None = None  # the most any week with every hard rule kept does, when below target
    why: str | None = None  # why that is below target


class Session(BaseModel):
    """One run or strength session at a clock time on one day."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["run", "strength"]
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    start: str  # HH:MM
    end: str = ""  # HH:MM; left out, worked out from start and minutes
    minutes: Annotated[int, Field(gt=0)] = 0  # left out (0), worked out from start and end
    kind: str
    location: str
    key: bool = False
    lower_load: LowerLoad | None = None  # strength sessions only
    run: int | None = None  # index into athlete.runs, for run sessions
    label: str = ""
    exercises: list[ExerciseDose] = []  # strength sessions: what to do, in order

    @model_validator(mode="before")
    @classmethod
    def _worked_out(cls, data: Any) -> Any:
        """What a person may leave out of a hand-written session (a week to check, last week's
        sessions in ``calendar``) is worked out as the planner would write it: the type from
        the kind, ``key``, ``lower_load`` and the label from the catalogue; 'Monday' is 'mon'
        (``end`` or ``minutes``: ``_end_or_minutes``). What is given is kept as given."""
        if not isinstance(data, dict):
            return data
        s = dict(numbers_are_numbers(cls, data))
        kind = s.get("kind")
        if kind in RUN_KINDS or kind in STRENGTH_KINDS:  # else the kind's own message says what is wrong
            s.setdefault("type", "run" if kind in RUN_KINDS else "strength")
        if s.get("type") == "run" and kind in RUN_KINDS:
            s.setdefault("key", catalog().run_kinds[kind].key)
            s.setdefault("label", catalog().run_kinds[kind].label)
        if s.get("type") == "strength" and kind in STRENGTH_KINDS:
            s.setdefault("lower_load", catalog().strength_kinds[kind].lower_load)
            s.setdefault("label", catalog().strength_kinds[kind].label)
        if isinstance(s.get("day"), str):
            s["day"] = DAY_ALIASES.get(s["day"].strip().lower(), s["day"])
        return s

    @field_validator("start", "end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        """'7pm' and '25:00' are refused with the fix; '7:30' is 07:30."""
        return hhmm(parse_hhmm(value))

    # A hand-written week or a neighbouring week's session (calendar) is read into this model: a
    # misspelt kind or times the wrong way round would silently turn the rules off for it.
    @field_validator("end")
    @classmethod
    def _after_start(cls, end: str, info: ValidationInfo) -> str:
        start = info.data.get("start")
        if start is not None and parse_hhmm(end) <= parse_hhmm(start):
            raise ValueError(f"{end} is not after the start {start}; a session ends after it starts, on the same day")
        return end

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str, info: ValidationInfo) -> str:
        kinds = {"run": RUN_KINDS, "strength": STRENGTH_KINDS}.get(info.data.get("type"), RUN_KINDS + STRENGTH_KINDS)
        if kind not in kinds:
            raise ValueError(f"'{kind}' is not a {info.data.get('type') or 'session'} kind; {did_you_mean(kind, kinds)}"
                             f"use one of {', '.join(kinds)}")
        return kind

    @field_validator("exercises")
    @classmethod
    def _lifts_only(cls, exercises: list[ExerciseDose], info: ValidationInfo) -> list[ExerciseDose]:
        if exercises and info.data.get("type") == "run":
            raise ValueError("a run has no exercises (they are for strength sessions); remove them")
        return exercises

    @field_validator("lower_load")
    @classmethod
    def _load_of_the_kind(cls, load: LowerLoad | None, info: ValidationInfo) -> LowerLoad | None:
        """A load the kind cannot carry (heavy_lower at none, prehab at heavy) would read one way to
        R-ORDER and another to R-GAP48 or R-TAPER: refused, with the loads DOMAIN.md gives the kind.
        A run carries none (``lower_load`` is for strength sessions)."""
        kind, type_ = info.data.get("kind"), info.data.get("type")
        if load is None or kind is None:
            return load
        if type_ == "run":
            raise ValueError("a run has no lower_load (it is for strength sessions); remove it")
        strength = catalog().strength_kinds.get(kind)
        allowed = strength and (strength.lower_loads or (strength.lower_load,))
        if allowed and load not in allowed:
            carried = "no lower-body load (none)" if allowed == ("none",) else f"{' or '.join(allowed)} lower-body load"
            raise ValueError(f"{kind} sessions carry {carried}, not {load}; write {' or '.join(allowed)}, "
                             f"or leave lower_load out")
        return load

    @model_validator(mode="after")
    def _end_or_minutes(self) -> "Session":
        """The one of ``end`` and ``minutes`` left out, worked out from the other; a problem is
        said at a field the person wrote (start, when start and minutes run past midnight)."""
        start = parse_hhmm(self.start)
        if not self.end and not self.minutes:
            raise ValueError(SUBFIELDS + "minutes: required field is missing; give the session's minutes or its end")
        if not self.end:
            if fix := past_midnight(start, self.minutes):
                raise ValueError(SUBFIELDS + f"start: {self.start} + {self.minutes} min runs past midnight; a session "
                                 f"lies within one day: {fix}")
            self.end = hhmm(start + self.minutes)
        elif not self.minutes:
            self.minutes = parse_hhmm(self.end) - start
        elif parse_hhmm(self.end) - start != self.minutes:
            raise ValueError(SUBFIELDS + f"minutes: {self.minutes} disagrees with {self.start}-{self.end}, which is "
                             f"{parse_hhmm(self.end) - start} min; correct one, or leave minutes out")
        return self

    @property
    def day_index(self) -> int:
        return DAYS.index(self.day)

    @property
    def week_start(self) -> int:
        """Minute of the week the session starts (Monday 00:00 = 0)."""
        return self.day_index * DAY_MINUTES + parse_hhmm(self.start)

    @property
    def week_end(self) -> int:
        return self.day_index * DAY_MINUTES + parse_hhmm(self.end)

    @property
    def heavy_lower(self) -> bool:
        """By kind as well as load: a hand-written heavy session may leave out lower_load."""
        return self.type == "strength" and (self.lower_load == "heavy" or self.kind == "heavy_lower")

    def same_place(self, other: "Session") -> bool:
        """The same session at the same time and place: type, kind, day, start and location
        (and, for runs, which run). A run from home moved to the track is a change."""
        return (self.type, self.kind, self.day, self.start, self.location) == (
            other.type, other.kind, other.day, other.start, other.location) and (
            self.type != "run" or self.run == other.run)

    def swaps(self, later: "Session") -> tuple[list[str], list[str]]:
        """Exercise ids this lift had that ``later`` (it, replanned) has not, and those it has
        that this had not; none when this lift listed no exercises (nothing to keep)."""
        was, now = {x.id for x in self.exercises}, {x.id for x in later.exercises}
        if not was:
            return [], []
        return sorted(was - now), sorted(now - was)

    def counterpart(self, other: "Session") -> bool:
        """The same session of the week wherever it sits: the same run, or a lift of the same kind."""
        return self.type == other.type and (self.run == other.run if self.type == "run" else self.kind == other.kind)

    @property
    def key_run(self) -> bool:
        """A key run by its kind (tempo, intervals, hills, long, race), whatever ``key`` says."""
        return self.type == "run" and self.kind in KEY_RUNS


class GoalScore(BaseModel):
    """One soft goal's share of the score: penalty units times weight, and why."""

    model_config = ConfigDict(extra="forbid")
    _read = model_validator(mode="before")(classmethod(lambda cls, data: _without(data, "weighted")))

    weight: int
    penalty: int
    notes: list[str] = []  # what the penalty is for
    why: list[str] = []  # with --explain: why no week pays less for this goal

    @computed_field  # type: ignore[prop-decorator]
    @property
    def weighted(self) -> int:
        return self.weight * self.penalty


class Plan(BaseModel):
    """A week for one athlete: its sessions in time order, each soft goal's score and the week's
    coverage, or why there is no week (``problems``); from a replan, what changed (``changes``).
    Unknown fields are refused, so a misspelt or renamed key in a saved plan is said, not lost."""

    model_config = ConfigDict(extra="forbid")
    _read = model_validator(mode="before")(classmethod(lambda cls, data: _without(data, "total_penalty")))

    athlete: str
    status: Status
    proven_optimal: bool = False
    sessions: list[Session] = []
    rest_days: list[str] = []
    score: dict[str, GoalScore] = {}
    coverage: dict[str, Coverage] = {}  # S-COVER: muscle groups, pillars and injuries against their targets
    problems: list[str] = []  # why there is no plan (status infeasible)
    changes: list[str] = []  # replanning: what moved and why
    # replanning: runs this week's replans dropped, as they were: a calendar cancels their events
    # (a replan saved only as JSON still has them cancelled by the next one's) and a later replan
    # knows them from runs added to the scenario since
    dropped_runs: list[Session] = []
    # Wall-clock timing for callers and benchmarks; left out of files so that the same
    # input writes byte-identical output.
    solve_ms: float = Field(default=0.0, exclude=True)

    def __eq__(self, other: object) -> bool:
        """Plans are equal when what they say is: ``solve_ms`` (wall time, never written) is left
        out, so a plan equals itself read back from its JSON."""
        if not isinstance(other, Plan):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_penalty(self) -> int | None:
        """The goals' weighted penalty; None for no week (0 would read as a perfect one)."""
        if self.status in ("infeasible", "unknown"):
            return None
        return sum(g.weighted for g in self.score.values())

    def runs(self) -> list[Session]:
        return [s for s in self.sessions if s.type == "run"]

    def lifts(self) -> list[Session]:
        return [s for s in self.sessions if s.type == "strength"]

    def on_day(self, day: int) -> list[Session]:
        return [s for s in self.sessions if s.day_index == day]
