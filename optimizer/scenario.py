"""The scenario: what the athlete brings to the planner, validated and normalised.

A scenario file (YAML, JSON or TOML) holds one ``athlete`` block (see the
README for the format) and optional ``weights``. Loading never constructs
arbitrary objects (YAML is read with the safe loader) and every problem is
reported with the field it concerns and how to fix it (``ScenarioError``).
"""

from __future__ import annotations

import datetime
import json
import math
import re
import tomllib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, field_validator, model_validator

from .catalog import STRENGTH_KINDS, catalog
from .exercises import Equipment, Exercise, MuscleGroup, merged_library, one_of
from .plan import Session
from .source import (MAX_BYTES, MAX_DIGITS, MAX_VALUES, SUBFIELDS, at_mark, BadValue, cut, did_you_mean, DuplicateKey, expanded_size,
                     fields_at, file_positions, json_for_yaml, locate, number_like, parse_path, placed, ScenarioLoader, too_deep, Written)
from .clock import (DAY_ALIASES, DAY_MINUTES, DAYS, clocks_forward, day_index, hhmm, parse_hhmm, past_midnight,
                    real_minutes, skipped, system_timezone)

Level = Literal["beginner", "intermediate", "advanced"]
Goal = Literal["5k", "10k", "half", "marathon", "ultra", "general"]
Phase = Literal["base", "build", "peak", "race", "taper", "recovery", "deload"]
Injury = Literal["it_band", "knee", "shin", "plantar", "hamstring", "hip", "achilles"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RunKindName = Literal["easy", "recovery", "medium", "tempo", "intervals", "hills", "long", "race"]
StrengthKindName = Literal["heavy_lower", "full_body", "power", "upper_core", "iso_mobility", "prehab"]
Distance = Literal["5k", "10k", "half", "marathon", "ultra"]
# How long a race lasts, roughly, for a race known only by its date (calendar.races) and for the
# season's race run. Only the start matters to the rules; the end keeps it on its day.
RACE_MINUTES = {"5k": 30, "10k": 60, "half": 120, "marathon": 240, "ultra": 360}
# Dates a plan can be on: far enough from year 1 and 9999 that a season or a calendar worked out
# from one stays a valid date.
FIRST_DATE, LAST_DATE = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
PlanDate = Annotated[datetime.date, Field(ge=FIRST_DATE, le=LAST_DATE)]

SoftGoal = Annotated[str, one_of("soft goal", lambda: catalog().weights)]


class ScenarioError(Exception):
    """Bad input: one or more messages, each naming a field and the fix (exit code 2)."""

    def __init__(self, messages: list[str], source: str | None = None):
        self.messages = messages
        self.source = source
        self.files: list = []  # the files read for it (read_scenario: a scenario and its library), if known
        where = f"{source}: " if source else ""
        super().__init__("\n".join(f"{where}{m}" for m in messages))


def _normalise_day(value: Any) -> Any:
    """'Tuesday' -> 'tue'; anything that is not a day is left for validation to reject."""
    return DAY_ALIASES.get(value.strip().lower(), value) if isinstance(value, str) else value


class Window(Written):
    """A stretch of free time on one day at one place: '18:00-19:30 gym'."""

    day: int  # 0 = Monday
    start: int  # minute of the day
    end: int
    location: str

    @property
    def week_start(self) -> int:
        return self.day * DAY_MINUTES + self.start

    @property
    def week_end(self) -> int:
        return self.day * DAY_MINUTES + self.end

    @property
    def minutes(self) -> int:
        return self.end - self.start


def parse_window(text: str, day: int) -> tuple[int, int, str | None]:
    """'18:00-19:30 gym' -> (1080, 1170, 'gym'). The location may be left out."""
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a window; write \"HH:MM-HH:MM location\", e.g. \"18:00-19:30 gym\"")
    span, _, location = text.strip().partition(" ")
    first, sep, second = span.partition("-")
    if not sep:
        raise ValueError(f"'{text}' is not a window; write \"HH:MM-HH:MM location\", e.g. \"18:00-19:30 gym\"")
    start, end = parse_hhmm(first), parse_hhmm(second)
    if end <= start:
        raise ValueError(
            f"window '{text}' ends before it starts; a window lies within one day, "
            f"so split one that crosses midnight into two days"
        )
    return start, end, location.strip() or None


def check_at(value: str | None) -> str | None:
    """'Sat 07:30' -> 'sat 07:30' (a day and a clock time), or ValueError with the fix."""
    if value is None:
        return None
    day, _, time = value.strip().partition(" ")
    if not time:
        raise ValueError(f"'{value}' needs a day and a time, e.g. \"sat 07:30\"")
    parse_hhmm(time)
    return f"{DAYS[day_index(day)]} {time.strip()}"


def at_minute(at: str) -> int:
    day, time = at.split()
    return day_index(day) * DAY_MINUTES + parse_hhmm(time)


def within_day(at: str | None, minutes: int, what: str) -> None:
    """A session pinned ``at`` a day and time for ``minutes`` must end by midnight; else the fix."""
    if at and (fix := past_midnight(parse_hhmm(at.split()[1]), minutes)):
        raise ValueError(f"at '{at}' for {minutes} min ends after midnight; {what} lies within one day: {fix}")


class Run(Written):
    """One run from the athlete's running plan. ``day`` pins the day, ``at`` the day and start."""

    kind: RunKindName
    minutes: Annotated[int, Field(gt=0, le=600)]
    day: Day | None = None
    at: str | None = None
    distance: Distance | None = None  # for a race; defaults to the athlete's goal
    name: str | None = None

    _norm_day = field_validator("day", mode="before")(_normalise_day)

    _check = field_validator("at")(classmethod(lambda cls, v: check_at(v)))

    @model_validator(mode="after")
    def _day_matches_at(self) -> "Run":
        if self.at and self.day and self.at.split()[0] != self.day:
            raise ValueError(f"day '{self.day}' and at '{self.at}' disagree; give one of them")
        if self.distance and self.kind != "race":
            raise ValueError("distance is only for a race; remove it or set kind: race")
        within_day(self.at, self.minutes, "a run")
        return self

    @property
    def pinned_day(self) -> int | None:
        if self.at:
            return day_index(self.at.split()[0])
        return day_index(self.day) if self.day else None

    @property
    def pinned_start(self) -> int | None:
        """Minute of the week the run is pinned to start at, if ``at`` is given."""
        return at_minute(self.at) if self.at else None

    def label(self) -> str:
        return self.name or catalog().run_kinds[self.kind].label


class PinnedLift(Written):
    """A strength session fixed in time, such as a coach-led club class (R-PINNED)."""

    kind: StrengthKindName
    at: str
    minutes: Annotated[int, Field(ge=20, le=180)]
    name: str | None = None
    exercises: tuple[str, ...] = ()  # a session already done: exactly these exercises (ids)

    _check = field_validator("at")(classmethod(lambda cls, v: check_at(v)))

    @model_validator(mode="after")
    def _ends_by_midnight(self) -> "PinnedLift":
        within_day(self.at, self.minutes, "a strength session")
        return self

    @property
    def start(self) -> int:
        return at_minute(self.at)


class Strength(Written):
    """How much lifting this week: a count or [min, max], kinds that must appear, the length cap."""

    sessions: int | tuple[int, int] | None = None
    include: tuple[StrengthKindName, ...] = ()
    exclude: tuple[StrengthKindName, ...] = ()
    max_minutes: Annotated[int, Field(ge=20, le=180)] = 45
    cover_targets: dict[MuscleGroup, Annotated[int, Field(ge=0, le=7)]] = {}
    library: tuple[Exercise, ...] = ()  # your own exercises (a file path is read by load_scenario)
    pinned: tuple[PinnedLift, ...] = ()  # sessions fixed in time (club classes); count toward sessions
    progression_week: Annotated[int, Field(ge=0, le=12)] = 0  # weeks into a block: load or hold time grows

    @field_validator("sessions")
    @classmethod
    def _check_sessions(cls, value: Any) -> Any:
        low, high = (value, value) if isinstance(value, int) else (value or (0, 0))
        if not (0 <= low <= 7 and 0 <= high <= 7):  # each end: [2, -3] is no range to turn round
            raise ValueError("strength sessions must be between 0 and 7 a week")
        if low > high:
            raise ValueError(f"[{low}, {high}] is not a range; write [min, max] with min <= max, e.g. [{high}, {low}]")
        return value

    @field_validator("library", mode="before")
    @classmethod
    def _a_file_is_read_by_load_scenario(cls, value: Any) -> Any:
        """A file's name here is read by load_scenario, beside the scenario file; data built in code
        (parse_scenario) has no file to be beside, so say that rather than "not a list"."""
        if isinstance(value, str):
            raise ValueError(f"'{value}' names a file, which load_scenario reads (relative to the scenario file); "
                             f"with parse_scenario give the exercises as a list")
        return value

    @field_validator("library")
    @classmethod
    def _one_of_each(cls, value: tuple[Exercise, ...]) -> tuple[Exercise, ...]:
        """An id names one exercise: two with one id would leave which one a plan means unsaid."""
        ids = [e.id for e in value]
        problems = [f"[{i}].id: '{e.id}' is already the id of library[{ids.index(e.id)}]; give each exercise an id "
                    f"of its own" for i, e in enumerate(value) if ids.index(e.id) < i]
        if problems:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(problems))
        return value

    @model_validator(mode="after")
    def _include_exclude(self) -> "Strength":
        both = set(self.include) & set(self.exclude)
        if both:
            raise ValueError(f"{', '.join(sorted(both))} is both included and excluded; keep it in one list")
        pinned = sorted({p.kind for p in self.pinned} & set(self.exclude))
        if pinned:
            raise ValueError(f"pinned sessions of {', '.join(pinned)} cannot be excluded; drop them from exclude or unpin them")
        known = {e.id for e in merged_library(self.library)} if any(p.exercises for p in self.pinned) else set()
        unknown = [f"pinned[{i}].exercises[{j}]: '{x}' is not in the exercise library; {did_you_mean(x, sorted(known))}"
                   "use an id from optimizer/data/exercises.yaml or add the exercise under strength.library"
                   for i, p in enumerate(self.pinned) for j, x in enumerate(p.exercises) if x not in known]
        if unknown:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(unknown))
        return self


class Preferences(Written):
    """S-PREF: soft wishes. Strength days/time/location, and when runs should start."""

    strength_days: tuple[Day, ...] = ()
    strength_time: str | None = None  # "HH:MM-HH:MM"
    strength_location: str | None = None
    run_time: str | None = None

    _norm_days = field_validator("strength_days", mode="before")(
        lambda v: [_normalise_day(d) for d in v] if isinstance(v, list | tuple) else v
    )

    @field_validator("strength_time", "run_time")
    @classmethod
    def _check_span(cls, value: str | None) -> str | None:
        if value is not None:
            start, end, place = parse_window(value, 0)
            if place:
                raise ValueError(f"'{value}': a preferred time has no location; write \"HH:MM-HH:MM\"")
        return value

    def span(self, which: Literal["strength", "run"]) -> tuple[int, int] | None:
        text = self.strength_time if which == "strength" else self.run_time
        if text is None:
            return None
        start, end, _ = parse_window(text, 0)
        return start, end


RACE_TIME = "08:00"  # a race whose time is not given starts at it


class Race(Written):
    """A race on a calendar date (R-TAPER looks ahead to it from earlier weeks)."""

    date: PlanDate
    at: str | None = None  # None: not known; taken as ``RACE_TIME`` (``time``), and no race run is held to it
    distance: Distance
    name: str | None = None
    minutes: Annotated[int, Field(gt=0, le=DAY_MINUTES)] | None = None  # default: RACE_MINUTES by distance

    @property
    def length(self) -> int:
        """How long the race lasts: ``minutes``, else a rough time for the distance."""
        return self.minutes or RACE_MINUTES[self.distance]

    @property
    def time(self) -> str:
        """When it starts: ``at``, else the usual morning start."""
        return self.at or RACE_TIME

    @field_validator("at")
    @classmethod
    def _clock_time(cls, value: str | None) -> str | None:
        if value is not None:
            parse_hhmm(value)  # raises with the fix
        return value


class Calendar(Written):
    """Where the week sits in real time. The rules that cross a week boundary (R-GAP48,
    R-KEYEVE, R-B2B, R-TAPER, S-SPREAD, S-STACK) use the fixed sessions of the weeks either
    side and the races by date. The week still repeats (Sunday is followed by this week's
    Monday) until ``previous_week`` lists what was done before it (``Athlete.cyclic``): an empty
    list gives no sessions, so the week still wraps, the reading that never lets a plan break a
    rule whichever way a reader takes "gives the previous week's sessions"."""

    week_of: PlanDate  # the Monday
    previous_week: tuple[Session, ...] = ()  # what was done the week before
    next_week: tuple[Session, ...] = ()  # sessions already fixed in the week after (a pinned race, a club run)
    races: tuple[Race, ...] = ()

    @field_validator("week_of")
    @classmethod
    def _monday(cls, value: datetime.date) -> datetime.date:
        if value.weekday() != 0:
            raise ValueError(f"{value} is a {value.strftime('%A')}; week_of is the Monday the week starts")
        return value

    def race_starts(self) -> list[tuple[int, Race]]:
        """Each race's start as a minute relative to this week's Monday 00:00."""
        return [((r.date - self.week_of).days * DAY_MINUTES + parse_hhmm(r.time), r) for r in self.races]

    @cached_property
    def neighbours(self) -> tuple[tuple[Session, int, int], ...]:
        """Fixed sessions of the weeks either side, with start and end relative to this week.

        A race of ``races`` in the week before or after is one of them even when that week's
        sessions do not list it: R-B2B, R-KEYEVE and R-GAP48 treat it like any race. Worked out once:
        the model and every checker and scorer ask for it."""
        week = 7 * DAY_MINUTES
        out = [(s, s.week_start - week, s.week_end - week) for s in self.previous_week] + \
              [(s, s.week_start + week, s.week_end + week) for s in self.next_week]
        listed = {start for s, start, _ in out if s.kind == "race"}
        for start, race in self.race_starts():
            if (-week <= start < 0 or week <= start < 2 * week) and start not in listed:
                day, minute = divmod(start % week, DAY_MINUTES)
                end = min(minute + race.length, DAY_MINUTES)
                session = Session(type="run", day=DAYS[day], start=hhmm(minute), end=hhmm(end), minutes=end - minute,
                                  kind="race", key=True, location="race", label=race.name or f"{race.distance} race")
                out.append((session, start, start - minute + end))
        return tuple(out)


class Athlete(Written):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    level: Level = "intermediate"
    goal: Goal = "general"
    phase: Phase = "base"
    injuries: tuple[Injury, ...] = ()
    locations: dict[str, tuple[Equipment, ...]] = {}
    availability: dict[Day, tuple[str, ...]]
    runs: tuple[Run, ...] = ()
    strength: Strength = Strength()
    rest_days: Annotated[int, Field(ge=1, le=7)] = 1  # R-REST: at least one; a scenario may ask for more
    rest_day_mobility: bool = False
    allow_doubles: bool = False
    allow_back_to_back: bool = False
    preferences: Preferences = Preferences()
    calendar: Calendar | None = None  # None: the week repeats, wrapping Sunday to Monday (``cyclic``)
    current_plan: tuple[Session, ...] = ()  # replanning: the sessions still to come, to keep if possible (S-STABLE)
    make_up: tuple[Session, ...] = ()  # replanning: lifts missed or on a day now unavailable, to place again (S-STABLE)
    timezone: str | None = None  # IANA name for calendars (e.g. Europe/Madrid); None: the machine's zone
    _race_dropped: bool = PrivateAttr(default=False)  # see ``drop_race``
    _run_numbers: tuple[int, ...] = PrivateAttr(default=())  # see ``number_runs``

    @field_validator("make_up")
    @classmethod
    def _lifts_only(cls, value: tuple[Session, ...]) -> tuple[Session, ...]:
        """A missed run goes back into ``runs``; ``make_up`` counts lifts (S-STABLE)."""
        runs = [str(i) for i, s in enumerate(value) if s.type != "strength"]
        if runs:
            which = f"entry {runs[0]} is a run" if len(runs) == 1 else f"entries {', '.join(runs)} are runs"
            raise ValueError(f"{which}; make_up lists strength sessions only (a missed run stays in runs)")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"'{value}' is not an IANA time zone name; write e.g. Europe/Madrid or UTC") from None
        return value

    @property
    def spring_forward(self) -> bool:
        """Do the clocks go forward around this week (``clock.clocks_forward``)? Then R-GAP48
        counts real hours pair by pair (``real_minutes``). Only a week with a calendar and a
        ``timezone`` can tell; the machine's zone is not asked, so a plan does not depend on it."""
        return self.calendar is not None and self.timezone is not None and \
            clocks_forward(self.calendar.week_of, self.timezone)

    def real_minutes(self, start: int, end: int) -> int:
        """Minutes that really pass between two minutes of the week (see ``spring_forward``)."""
        if self.calendar is None or self.timezone is None:
            return end - start
        return real_minutes(self.calendar.week_of, self.timezone, start, end)

    @property
    def calendar_zone(self) -> str:
        """The time zone calendars are written in: ``timezone``, else the machine's."""
        return self.timezone or system_timezone()

    @field_validator("availability", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        if isinstance(value, dict):
            out: dict[Any, Any] = {}
            given: dict[Any, Any] = {}  # day -> the key it was written as
            for day, windows in value.items():
                key = _normalise_day(day)
                if key in given:  # 'mon' and 'Monday': one would silently replace the other's windows
                    raise ValueError(f"'{given[key]}' and '{day}' both name {key}; give the day once, with all "
                                     f"its windows in one list")
                given[key] = day
                out[key] = [windows] if isinstance(windows, str) else (windows or [])
            return out
        return value

    @field_validator("availability")
    @classmethod
    def _windows(cls, value: dict[str, tuple[str, ...]], info: ValidationInfo) -> dict[str, tuple[str, ...]]:
        locations = info.data.get("locations")
        problems = []
        for day, texts in value.items():
            for i, text in enumerate(texts):
                try:
                    _, _, place = parse_window(text, day_index(day))
                except ValueError as err:
                    problems.append(f"{day}[{i}]: {err}")
                    continue
                if locations is None:  # locations itself is invalid: reported there
                    continue
                if place is None and len(locations) > 1:
                    problems.append(f"{day}[{i}]: '{text}' has no location; add one of {', '.join(locations)}")
                elif place is not None and place not in locations and (locations or place != "home"):  # none: home
                    problems.append(
                        f"{day}[{i}]: location '{place}' is not under athlete.locations; "
                        f"add it there with its equipment (use [] for bodyweight only)"
                    )
        if problems:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(problems))
        return value

    @model_validator(mode="after")
    def _places_and_counts(self) -> "Athlete":
        """Checks across fields, each reported at the field to change."""
        problems = []
        place = self.preferences.strength_location
        if place is not None and place not in self.locations and (self.locations or place != "home"):  # none: home
            problems.append(f"preferences.strength_location: '{place}' is not under locations; " + (
                f"use one of {', '.join(self.locations)}" if self.locations else
                f"add it there with its kit (locations: {{{place}: [dumbbells]}}), or write home"))
        least, most = self.session_range
        kinds = catalog().phase_kinds.get(self.phase) or (() if self.in_season else catalog().light_kinds)
        if least and kinds and set(kinds) <= set(self.strength.exclude):
            why = f"the {self.phase} phase" if self.phase in catalog().phase_kinds else \
                "race week" if self.race_week or self.phase == "race" else "the taper phase"
            problems.append(f"strength.exclude: leaves no kind {why} may lift ({', '.join(kinds)}), and the week "
                            f"needs at least {least} strength session{'s' if least > 1 else ''} (R-FREQ); take "
                            f"{'it' if len(kinds) == 1 else 'one'} out of exclude, or give strength.sessions: 0")
        if len(self.strength.pinned) > most:
            problems.append(f"strength.pinned: {len(self.strength.pinned)} pinned sessions but strength.sessions "
                            f"allows at most {most}; raise strength.sessions or drop a pinned session")
        held: dict[int, int] = {}  # day -> the first pinned session on it
        for i, lift in enumerate(self.strength.pinned):
            day = lift.start // DAY_MINUTES
            if day in held:  # one session would hold both (the same class listed twice), or neither could be
                problems.append(f"strength.pinned[{i}]: a second strength session pinned to {DAYS[day]} "
                                f"(strength.pinned[{held[day]}] is there), and a day holds one (R-DOUBLES); "
                                "drop one or move it to another day")
            held.setdefault(day, i)
        if len(self.strength.include) > most:
            problems.append(f"strength.include: {len(self.strength.include)} kinds but strength.sessions allows "
                            f"at most {most}; raise strength.sessions or shorten include")
        problems += self._pins_in_the_skipped_hour()
        problems += self._race_runs_at_the_race_times()
        problems += self._race_runs_of_the_race_distances()
        for i, (start, race) in enumerate(self.calendar.race_starts() if self.calendar else []):
            day = start // DAY_MINUTES
            if 0 <= day < 7 and not any(r.kind == "race" and r.pinned_day == day for r in self.runs):
                fix = f"add {{kind: race, at: \"{DAYS[day]} {race.time}\", minutes: {race.length}, distance: {race.distance}}} to runs"
                if late := past_midnight(start % DAY_MINUTES, race.length):  # that run would be refused in turn
                    fix = (f"at {race.time} for {race.length} min it ends after midnight, and a session lies within "
                           f"one day: {late} (its at or minutes), then pin a race run to it in runs")
                problems.append(f"calendar.races[{i}]: the race on {race.date} is on {DAYS[day]} of this week but runs "
                                f"has no race pinned to {DAYS[day]}; {fix}")
        if problems:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(problems))
        return self

    def _race_runs_at_the_race_times(self) -> list[str]:
        """A race this week whose calendar entry gives its time is run at that time: a race run
        pinned to its day only, or at another time, would be planned (and lifted around) at a
        time the race is not. An entry with no time leaves a race run its own. Each entry holds
        one race run of its day: the one pinned at its time, else (its time still unclaimed)
        one pinned to the day only before one pinned at another time."""
        problems = []
        for day, entries in self._races_by_day().items():
            timed = [(i, start) for i, race, start in entries if race.at is not None]
            untimed = len(entries) - len(timed)
            left = []
            for j, run in enumerate(self.runs):
                if run.kind == "race" and run.pinned_day == day:
                    match = next((entry for entry in timed if entry[1] == run.pinned_start), None)
                    if match:
                        timed.remove(match)
                    else:
                        left.append((j, run))
            for j, run in sorted(left, key=lambda item: item[1].at is None, reverse=True):
                if not timed:
                    break  # every timed race has its run; the rest are the untimed races' or the file's own
                if run.at is not None and untimed:
                    untimed -= 1  # an untimed race, run at the time its run gives
                    continue
                i, start = timed.pop(0)
                problems.append(self._race_run_fix(j, run, i, start))
        return problems

    def _race_runs_of_the_race_distances(self) -> list[str]:
        """A race run on the day of the one race the calendar has that day is that race: a distance
        of its own that differs would leave R-TAPER two readings of its days (7 or 10)."""
        return [f"runs[{j}].distance: {run.distance}, but calendar.races[{i}] (the race on {race.date}) is "
                f"{'an' if race.distance == 'ultra' else 'a'} {race.distance}; give both the same distance (it sets "
                f"R-TAPER's 7 or 10 days)"
                for day, entries in self._races_by_day().items() if len(entries) == 1 for i, race, _ in entries
                for j, run in enumerate(self.runs)
                if run.kind == "race" and run.pinned_day == day and run.distance not in (None, race.distance)]

    def _races_by_day(self) -> dict[int, list[tuple[int, Race, int]]]:
        """This week's calendar races by day: (index in calendar.races, race, start minute)."""
        by_day: dict[int, list[tuple[int, Race, int]]] = {}
        for i, (start, race) in enumerate(self.calendar.race_starts() if self.calendar else []):
            if 0 <= start < 7 * DAY_MINUTES:
                by_day.setdefault(start // DAY_MINUTES, []).append((i, race, start))
        return dict(sorted(by_day.items()))

    def _race_run_fix(self, j: int, run: Run, i: int, start: int) -> str:
        """Run ``j`` is not at race ``i``'s time: say so, and how to mend it in a way the file can
        then take (a time the run would end after midnight at, or the clocks skip, is no fix)."""
        at, day = hhmm(start % DAY_MINUTES), DAYS[start // DAY_MINUTES]
        fix = f"give it at: \"{day} {at}\" (or change the calendar's time)"
        gone = self.skipped_hour
        if late := past_midnight(start % DAY_MINUTES, run.minutes):
            fix = (f"at {at} its {run.minutes} min end after midnight, and a session lies within one day: {late} "
                   f"(calendar.races[{i}].at or runs[{j}].minutes), then pin it there")
        elif gone and gone[0] <= start < gone[1]:
            fix = f"the clocks skip {day} {at} in {self.timezone} that week: change calendar.races[{i}].at, then pin it there"
        return (f"runs[{j}].{'at' if run.at else 'day'}: the race on {self.calendar.races[i].date} starts at {at} "
                f"(calendar.races[{i}]) but this race run is pinned to {run.at or run.day}; {fix}")

    @cached_property
    def skipped_hour(self) -> tuple[int, int] | None:
        """The minutes of this week the clock face skips when the clocks go forward (a calendar
        and a ``timezone`` tell), or None."""
        return skipped(self.calendar.week_of, self.timezone) if self.calendar and self.timezone else None

    def _pins_in_the_skipped_hour(self) -> list[str]:
        """A session pinned over the hour the clocks skip that night (Madrid, Sunday 02:00-03:00
        on 2027-03-28) cannot happen as written: no window holds it (``windows`` leaves the hour
        out), so say so at its ``at`` rather than as a conflict with no reason."""
        gone = self.skipped_hour
        if gone is None:
            return []
        pins = [(f"runs[{i}].at", r.at, r.pinned_start, r.minutes) for i, r in enumerate(self.runs) if r.at]
        pins += [(f"strength.pinned[{i}].at", p.at, p.start, p.minutes) for i, p in enumerate(self.strength.pinned)]
        day, (first, last) = DAYS[gone[0] // DAY_MINUTES], (hhmm(g % DAY_MINUTES) for g in gone)
        return [f"{field}: '{at}' for {minutes} min takes in {day} {first}-{last}, which the clocks skip in "
                f"{self.timezone} that week; pin it to end by {first} or to start at {last} or later"
                for field, at, start, minutes in pins if start < gone[1] and gone[0] < start + minutes]

    @cached_property
    def windows(self) -> tuple[Window, ...]:
        """All availability windows, sorted by time of the week. On the night the clocks go
        forward (a calendar and a ``timezone`` tell) a window loses the hour that does not
        exist, so a session never spans the change and R-GAP48 knows each side's real time."""
        default_place = next(iter(self.locations), "home")
        gone = self.skipped_hour
        out = []
        for day, texts in self.availability.items():
            d = day_index(day)
            for text in texts:
                start, end, place = parse_window(text, d)
                if gone and d == gone[0] // DAY_MINUTES:
                    cut = (gone[0] % DAY_MINUTES, gone[1] - d * DAY_MINUTES)
                    pieces = [(a, b) for a, b in ((start, min(end, cut[0])), (max(start, cut[1]), end)) if a < b]
                    out += [Window(day=d, start=a, end=b, location=place or default_place) for a, b in pieces]
                else:
                    out.append(Window(day=d, start=start, end=end, location=place or default_place))
        return tuple(sorted(out, key=lambda w: (w.week_start, w.week_end, w.location)))

    def equipment_at(self, location: str) -> frozenset[str]:
        return frozenset(self.locations.get(location, ())) | {"bodyweight"}

    @property
    def session_range(self) -> tuple[int, int]:
        """R-FREQ: the scenario's count, else the phase default from DOMAIN.md.

        Strength is never dropped entirely in season (002, 004), so a range from 0 (``[0, 2]``)
        starts at 1 in season: only the taper and race week may have no session. An explicit
        ``sessions: 0`` is the athlete's own call (injured, say) and is kept."""
        value = self.strength.sessions
        if value is None:
            return catalog().phase_range(self.phase, self.level)
        low, high = (value, value) if isinstance(value, int) else value
        return (1 if low == 0 < high and self.in_season else low), high

    @property
    def in_season(self) -> bool:
        """Not the taper and not race week: the weeks where some strength work stays (R-FREQ)."""
        return self.phase not in ("taper", "race") and not self.race_week

    @property
    def cover_targets(self) -> dict[str, int]:
        """S-COVER targets: catalogue defaults, +1 for each injury's groups, then the scenario's overrides."""
        targets = dict(catalog().cover_targets)
        for injury in self.injuries:
            for group in catalog().injury_emphasis[injury]:
                targets[group] += 1
        targets.update(self.strength.cover_targets)
        return targets

    @property
    def race_dropped(self) -> bool:
        return self._race_dropped

    def drop_race(self) -> None:
        """Replan only, never written in a file: this week's race was missed (or fell on a day now
        unavailable) and is left out of the runs, but the week stays race week (R-TAPER light only,
        R-FREQ may be 0), as `check` reads it against the scenario the athlete wrote."""
        self._race_dropped = True

    def run_ref(self, i: int) -> str:
        """How messages name ``runs[i]``: 'run #3', its place in the runner's own list (numbers
        given for other runs, in a copy whose runs were changed, are not used)."""
        numbered = len(self._run_numbers) == len(self.runs)
        return f"run #{self._run_numbers[i] if numbered else i + 1}"

    def number_runs(self, numbers: list[int]) -> None:
        """Replan only, never written in a file: the rest of the week leaves runs out, and its
        messages still name each run by its number in the scenario the athlete wrote (1-based)."""
        assert len(numbers) == len(self.runs)
        self._run_numbers = tuple(numbers)

    @property
    def race_week(self) -> bool:
        """A race in this week: a race run, or a calendar race between this Monday and Sunday, or
        a race a replan dropped (``race_dropped``)."""
        in_week = self.calendar is not None and any(0 <= m < 7 * DAY_MINUTES for m, _ in self.calendar.race_starts())
        return in_week or any(r.kind == "race" for r in self.runs) or self.race_dropped

    @property
    def cyclic(self) -> bool:
        """Does the week wrap onto itself? It does unless the scenario gives the previous week's
        sessions (DOMAIN.md R-GAP48): a calendar with only ``week_of``, races or ``next_week`` (or an
        empty ``previous_week``) still repeats the week, and its fixed neighbours bind on top of the wrap."""
        return self.calendar is None or not self.calendar.previous_week

    def allowed_strength_kinds(self) -> tuple[str, ...]:
        return tuple(k for k in STRENGTH_KINDS if k not in self.strength.exclude)


class SeasonRuns(Written):
    """Runs for a season: the athlete's ``runs`` are the weekly template; a phase (base, build,
    peak, taper, race, recovery) or a week number (1 = the first week) may give its own list."""

    phase_runs: dict[Literal["base", "build", "peak", "taper", "race", "recovery"], tuple[Run, ...]] = {}
    week_runs: dict[int, tuple[Run, ...]] = {}

    @field_validator("week_runs", mode="before")
    @classmethod
    def _one_key_a_week(cls, value: Any) -> Any:
        """3 and '3' are one week: one would silently replace the other's runs."""
        if isinstance(value, dict):
            seen: dict[str, Any] = {}
            for key in value:
                name = str(key).strip()
                if name in seen:
                    raise ValueError(f"week {name} is given twice (as {seen[name]!r} and {key!r}); give it once")
                seen[name] = key
        return value

    @field_validator("week_runs")
    @classmethod
    def _numbered_and_dated(cls, value: dict[int, tuple[Run, ...]]) -> dict[int, tuple[Run, ...]]:
        """Weeks count from 1; a race in a week is on a day at a time (the season dates it and
        tapers for it, so it cannot float)."""
        problems = [f"[{n}]: weeks are numbered from 1 (the first week of the season)" for n in value if n < 1]
        for n, runs in value.items():
            days = [run.pinned_day for run in runs if run.kind == "race"]
            problems += [f"[{n}][{i}]: a race happens at its time; give at: \"sat 09:00\" (its day and start)"
                         for i, run in enumerate(runs) if run.kind == "race" and not run.at]
            problems += [f"[{n}]: two races on {DAYS[d]}; a day holds one race, keep one"
                         for d in sorted({d for d in days if d is not None and days.count(d) > 1})]
        if problems:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(problems))
        return value


class Scenario(Written):
    athlete: Athlete
    weights: dict[SoftGoal, Annotated[int, Field(ge=0, le=1000)]] = {}
    season: SeasonRuns = SeasonRuns()

    def weight(self, goal: str) -> int:
        return self.weights.get(goal, catalog().weights[goal])


def _format_loc(loc: tuple[Any, ...]) -> str:
    """('athlete', 'runs', 0, 'minutes') -> 'athlete.runs[0].minutes'."""
    out = ""
    for part in loc:
        part = part if isinstance(part, int) else cut(str(part))  # a pasted key
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


FRIENDLY = {  # pydantic's error types, said as the fix
    "greater_than": "{got} is too small; it must be more than {gt}",
    "greater_than_equal": "{got} is too small; it must be at least {ge}",
    "less_than_equal": "{got} is too large; it must be at most {le}",
    "less_than": "{got} is too large; it must be under {lt}",
    "int_parsing": "{got} is not a whole number; write e.g. {like}",
    "int_type": "{got} is not a whole number; write e.g. {like}",
    "int_from_float": "{got} is not a whole number; write e.g. {like}",
    "int_parsing_size": "{got} has more digits than any field takes; write e.g. {like}",
    "finite_number": "{got} is not a number; write e.g. {like}",
    "bool_parsing": "{got} is not true or false",
    "bool_type": "{got} is not true or false",
    "string_type": "{got} is not text; put it in quotes",
    "list_type": "{got} is not a list; write [a, b]",
    "tuple_type": "{got} is not a list; write [a, b]",
    "dict_type": "{got} is not a mapping; write name: value lines",
    "model_type": "{got} is not a mapping; write name: value lines",
    "string_too_short": "{got} is empty; give a value",
    "too_short": "{got} has too few items; list at least {min_length}",
    "too_long": "{got} has too many items; list at most {max_length}",
    "string_too_long": "{got} is too long; write at most {max_length} characters",
    "string_pattern_mismatch": "{got} is not a plain id; use lower-case letters, digits and _, e.g. my_squat",
} | dict.fromkeys(("date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"),
                 "{got} is not a date; write YYYY-MM-DD, e.g. 2026-11-30")


# A long value a rule's message quotes: an opening quote not closing a word, up to a quote not
# opening one, within one problem of the several a message may hold (SUBFIELDS apart).
LONG_QUOTE = re.compile(r"(?<!\w)'([^'\n\x1f]{60,})'(?!\w)")


def _shown(value: Any) -> str:
    """The value a user gave, as written back to them (``cut`` short if long; a date as they write one)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return cut(repr(value))
    except ValueError:  # '0xfff...': a hexadecimal integer reads in whole, and has too many digits to print
        return f"a number of more than {MAX_DIGITS:,} digits"


def _path(error: dict) -> tuple:
    """Where a pydantic error is, in the file's own keys: pydantic also names the member of a union
    it tried ('int', 'tuple[int,int]'), which is no field, but an unknown key is the user's own."""
    *parents, last = error["loc"] or (None,)
    kept = tuple(p for p in parents if not (isinstance(p, str) and ("[" in p or p in ("int", "tuple"))))
    if last is None or (error["type"] != "extra_forbidden" and isinstance(last, str) and ("[" in last or last in ("int", "tuple"))):
        return kept
    return kept + (last,)


# Words a runner writes for a field of another name: difflib sees no likeness in them.
FIELD_SYNONYMS = {"duration": "minutes", "length": "minutes", "mins": "minutes", "time": "at", "when": "at",
                  "place": "location", "where": "location", "type": "kind", "date": "day", "weekday": "day"}


def _meant(word: str, fields: set[str], missing: set[str]) -> str:
    """'did you mean ...? ' for an unknown field: a synonym the model has there, else a field of
    that mapping still missing, else the nearest of ``fields`` (those not given beside it), else ''."""
    if (synonym := FIELD_SYNONYMS.get(word.lower())) in fields:
        return f"did you mean '{synonym}'? "
    return did_you_mean(word, sorted(missing)) or did_you_mean(word, sorted(fields))


def error_messages(err: ValidationError, positions: dict | None = None,
                   guide: str = "the README's scenario format", model: type | None = None) -> list[str]:
    """One line per problem: 'line 12, column 7: athlete.runs[0].minutes: <what is wrong and the fix>'.
    ``guide`` is where the file's fields are described, for a field unknown or missing; ``model``,
    the file's own, suggests the field an unknown one was probably meant to be."""
    out = []
    errors = err.errors()
    missing = {path for e in errors if e["type"] == "missing" and (path := _path(e))}
    # a list whose bad items pydantic left out is then too short too: the items' own errors say it
    inner = {e["loc"][:i] for e in errors for i in range(len(e["loc"]))}
    for e in errors:
        if e["type"] == "too_short" and e["loc"] in inner:
            continue
        path = _path(e)
        loc = _format_loc(path)
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            given = {p[-1] for p in positions or () if p and p[:-1] == path[:-1]}  # its neighbours, which it is not
            near = _meant(str(path[-1]), fields_at(model, path[:-1]) - given,
                          {m[-1] for m in missing if m[:-1] == path[:-1]}) if model and path else ""
            msg = f"unknown field; {near}check the spelling against {guide}"
        elif e["type"] == "literal_error":
            allowed = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
            near = did_you_mean(e["input"], allowed) if isinstance(e["input"], str) else ""
            msg = f"{_shown(e['input'])} is not allowed; {near}{msg.lower()}"
        elif e["type"] == "missing":
            msg = f"required field is missing; add it (see {guide})"
        elif e["type"] in FRIENDLY:
            field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
            msg = FRIENDLY[e["type"]].format(got=_shown(e.get("input")), like=number_like(field), **e.get("ctx", {}))
        msg = LONG_QUOTE.sub(lambda quoted: _shown(quoted[1]), msg)  # a rule's own message quoting the value
        items = [(f"{loc}{'' if not loc or m.startswith('[') else '.'}{m}", m.partition(": ")[0])
                 for m in msg.split(SUBFIELDS)[1:]] if msg.startswith(SUBFIELDS) \
            else [(f"{loc}: {msg}" if loc else msg, "")]
        for text, sub in items:
            full = path + parse_path(sub) if sub else path
            where = locate(positions, full, key=e["type"] == "extra_forbidden") if positions else None
            out.append(placed(where, text))
    return list(dict.fromkeys(out))


SCENARIO_HERE = ("give the scenario file here (with `check`, the scenario first, then the week: "
                 "stridelift check SCENARIO WEEK)")


def parse_scenario(data: Any, source: str | None = None, positions: dict | None = None) -> Scenario:
    """Validate already-parsed data (a dict) into a Scenario, or raise ScenarioError.
    ``positions`` (from ``source.yaml_positions``) adds line and column to each message."""
    if isinstance(data, list) and data and all(isinstance(item, dict) and "athlete" not in item for item in data):
        raise ScenarioError([f"this is a list (a week's sessions?), not a scenario; {SCENARIO_HERE}"], source)
    if not isinstance(data, dict):
        raise ScenarioError(["the file must hold a mapping with an 'athlete' block"], source)
    if "athlete" not in data and "members" in data:
        raise ScenarioError(["this is a club file (it has members, not an athlete); plan it with `stridelift club plan`"], source)
    if "sessions" in data and not isinstance(data.get("athlete"), dict):  # a plan names its athlete, no more
        raise ScenarioError([f"this is a week or a plan (it has sessions, not an athlete); {SCENARIO_HERE}"], source)
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(error_messages(err, positions, model=Scenario), source) from None


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice: json keeps only the last, as YAML would."""
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise DuplicateKey(key, None)
        seen.add(key)
    return dict(pairs)


def _json_int(text: str) -> int | str:
    """A JSON integer, or the text of one too long for Python to read (see ``MAX_DIGITS``)."""
    return int(text) if len(text) <= MAX_DIGITS else text


def _json_duplicate(text: str, found: DuplicateKey) -> DuplicateKey:
    """A key given twice in a JSON text, with where it is: json's hook is not told, so the text is
    read as YAML (JSON is its flow style), whose loader knows the line. Its loader may meet another
    key given twice first (an outer block before an inner one): as real, and placed. ``found`` if
    YAML cannot read the text, or would nest too deeply for libyaml's C recursion."""
    if too_deep(text):
        return found
    try:
        yaml.load(json_for_yaml(text), Loader=ScenarioLoader)
    except DuplicateKey as err:
        return err
    except (yaml.YAMLError, RecursionError):
        pass
    return found


# an empty path ('' from an unset shell variable) is the working folder to Path: said for what it is
EMPTY_PATH = "the path is empty; give a file, e.g. scenarios/marathon_base.yaml"


def read_data(path: str | Path) -> Any:
    """Read YAML, JSON or TOML by suffix; errors become ScenarioError (never a traceback)."""
    if not str(path).strip():  # Path('') is the working folder, which is not what was meant
        raise ScenarioError([EMPTY_PATH])
    path = Path(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ScenarioError([f"the file is over {MAX_BYTES // 2**20} MiB, more than any scenario or club (ten "
                                 "thousand members are about 8 MiB); check the path"], str(path))
        text = raw.decode("utf-8-sig")  # the byte order mark some editors write is not content
    except FileNotFoundError:
        raise ScenarioError([f"no such file; check the path '{path}'"], str(path)) from None
    except IsADirectoryError:
        raise ScenarioError([f"'{path}' is a folder, not a file; give the path of the file in it"], str(path)) from None
    except UnicodeDecodeError as err:
        raise ScenarioError([f"cannot read the file: byte {err.start + 1} is not UTF-8 text; save the file as UTF-8"],
                            str(path)) from None
    except OSError as err:
        raise ScenarioError([f"cannot read the file: {err}"], str(path)) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
        elif suffix == ".toml":
            data = tomllib.loads(text)
        else:
            if too_deep(text):  # libyaml's C recursion would crash the process first: said as Python's is
                raise RecursionError
            data = yaml.load(text, Loader=ScenarioLoader)
            if (size := expanded_size(data)) == math.inf:
                raise ScenarioError(["a YAML alias (*name) is used inside the value it names, so the value never "
                                     "ends; write the value out instead"], str(path))
            if size > MAX_VALUES:
                raise ScenarioError([f"the file expands to more than {MAX_VALUES:,} values once its YAML aliases "
                                     f"(*name) are followed; write the values out instead"], str(path))
        return data
    except RecursionError:
        raise ScenarioError(["the file nests too deeply to read; a scenario is a few levels deep"], str(path)) from None
    except DuplicateKey as err:
        if suffix == ".json":
            err = _json_duplicate(text, err)
        raise ScenarioError([placed(at_mark(err.problem_mark), f"'{err.key}' is given twice in one block, and "
                                    f"{'JSON' if suffix == '.json' else 'YAML'} would silently keep only the last; "
                                    "merge the two into one")], str(path)) from None
    except BadValue as err:
        raise ScenarioError([placed(at_mark(err.problem_mark), f"{err}; write the value without its tag")],
                            str(path)) from None
    except yaml.constructor.ConstructorError as err:
        if err.problem == "found unhashable key":  # '[a, b]: x' or '? {a: 1}'
            raise ScenarioError([placed(at_mark(err.problem_mark), "a key is a list or a mapping; write a name before "
                                        "the colon, e.g. mon:")], str(path)) from None
        raise ScenarioError([placed(at_mark(err.problem_mark), f"the tag is not allowed ({err.problem}); scenario "
                                    "files hold plain data only")], str(path)) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
        fix = ("a tab indents this line; YAML indents with spaces only, so replace the tabs with spaces"
               if "\t" in line[:len(line) - len(line.lstrip())] else "check indentation and quotes")
        raise ScenarioError([placed(at_mark(mark), f"malformed YAML ({getattr(err, 'problem', err)}); {fix}")],
                            str(path)) from None
    except json.JSONDecodeError as err:
        raise ScenarioError([_json_problem(text, err)], str(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError([f"malformed TOML ({err})"], str(path)) from None
    except ValueError as err:  # tomllib has no hook for integers: one too long to read (MAX_DIGITS)
        if "integer string conversion" not in str(err):
            raise
        raise ScenarioError([f"a number has more than {MAX_DIGITS:,} digits, more than any field takes; "
                             "write the value the field asks for"], str(path)) from None


def _json_problem(text: str, err: json.JSONDecodeError) -> str:
    """Where a JSON text goes wrong, and the fix. A comma before a closing bracket, which JSON
    refuses and YAML and Python allow, is the usual slip: json says so at the bracket, perhaps
    lines later, so it is placed at the comma."""
    before = text[:err.pos].rstrip()
    if before.endswith(",") and err.pos < len(text) and text[err.pos] in "}]":
        line = before.count("\n") + 1
        return (f"line {line}, column {len(before) - before.rfind(chr(10)) - 1}: malformed JSON (a comma before "
                f"'{text[err.pos]}'); remove the comma: JSON has none after the last item")
    return f"line {err.lineno}, column {err.colno}: malformed JSON ({err.msg}); check the commas, brackets and quotes"


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (YAML, JSON or TOML).

    ``strength.library`` may name a file of exercises (relative to the scenario);
    it is read here, so a Scenario is always plain data (it pickles to workers).
    Line and column are worked out only when there is something to report.
    """
    return read_scenario(path)[0]


def read_scenario(path: str | Path, data: Any = None) -> tuple[Scenario, list[Path]]:
    """``load_scenario``, and the files it read: the scenario and the exercise library it names,
    if any (a command's ``-o`` must be neither). A ScenarioError raised carries them too, as
    ``files``: a library with a mistake in it is still the user's file. ``data``: the file's
    contents when the caller has read them already (``read_data``)."""
    data = read_data(path) if data is None else data
    athlete = data.get("athlete") if isinstance(data, dict) else None
    strength = athlete.get("strength") if isinstance(athlete, dict) else None
    named = strength.get("library") if isinstance(strength, dict) else None
    library_file = Path(path).parent / named if isinstance(named, str) else None
    files = [Path(path)] if library_file is None else [Path(path), library_file]
    try:
        return _parse_with_library(path, data, library_file), files
    except ScenarioError as err:
        err.files = files
        raise


def _parse_with_library(path: str | Path, data: dict, library_file: Path | None) -> Scenario:
    """The scenario with the exercises of its ``strength.library`` file in place of the file's name."""
    if library_file is not None:
        named = data["athlete"]["strength"]["library"]
        try:
            library = read_data(library_file)
        except ScenarioError as err:  # say which field named the file, and where it was looked for
            raise ScenarioError([f"athlete.strength.library: {m}" for m in err.messages], str(path)) from None
        if not isinstance(library, dict) or not isinstance(library.get("exercises"), list):
            raise ScenarioError([f"athlete.strength.library: {named} must hold a list under 'exercises'"], str(path))
        data["athlete"]["strength"]["library"] = library["exercises"]
    try:
        return parse_scenario(data, str(path))
    except ScenarioError:
        positions = file_positions(path)
        if library_file is not None:  # the library's exercises are where that file has them, not on the line naming it
            positions |= {("athlete", "strength", "library", *p[1:]): v for p, v in file_positions(library_file).items()
                          if p[:1] == ("exercises",)}
        if not positions:
            raise
        try:
            parse_scenario(data, str(path), positions)
        except ScenarioError as located:
            if library_file is not None:
                located = ScenarioError([re.sub(r"^(line \d+, column \d+)(: athlete\.strength\.library\[)",
                                                rf"\1 of {named}\2", m) for m in located.messages], str(path))
            raise located from None
        raise
