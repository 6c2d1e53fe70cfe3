"""What a runner would do without the solver: a fixed coach template (seed 002's week, seed
004's home or gym plan), or a greedy planner.

All return ``optimizer.plan.Plan`` objects, so the project's checkers
(``check_plan``) and scorers (``score_plan``) judge them exactly like a solved
week. A baseline that cannot place every run returns status ``unknown`` with
the runs it could not place in ``problems`` ("finds no week").

**Template** (``template_week``): the seed 002 sample week, Mon easy, Tue full
body, Wed tempo/intervals, Thu upper body + core, Fri medium, Sat long, Sun
rest, fitted to the athlete's availability. Each run goes to its template day by
kind (easy and recovery Monday; tempo, intervals and hills Wednesday; medium
Friday; long run and race Saturday; a pinned run to its pin), each lift to its
day (full body Tuesday, upper body + core Thursday): into the first window of
that day that still has room, else the nearest day that has (the next day
first, then the one before, and so on), with at most one run and one lift a day
and a lift only where its equipment is. The template always has those two
lifts, whatever the phase; a lift that fits nowhere is left out.

**Seed 004's home and gym plans** (``home_week``, ``gym_week``): the same run
days, fitted the same way, with 004's lifts instead. Home: full body Monday and
Thursday ("2 days, 30 minutes"). Gym, "split format": lower body (heavy legs)
Tuesday, upper body Friday, and the optional full-body mobility/power day
(power) Sunday when the athlete's sessions a week reach three. 004 names no run
days, so a runner following it keeps the 002 running week.

A lift's exercises (every baseline): the kind's required exercises (the
shortest that qualify), then, while the session stays within max_minutes and
six exercises, the one that trains most of what the week still lacks (S-COVER's
muscle groups, pillars and injuries); no supersets (``sessions.fill_content``).

**Greedy** (``greedy_week``): places runs, then strength, day by day, never
going back. Runs: pinned ones first, then long run and race (scanning from
Saturday), other key runs, the rest (scanning from Monday); each takes the first
day with room that keeps one run a day, key runs apart and enough days free for
the rest days (if no day keeps all that, the first day with room). Strength: as
many sessions as the phase asks (two when the range allows), the included kinds
first, then the phase's kinds (heavy legs in base, power in build, light work
in taper and race week); each goes to the first day, Monday to Sunday, that is
a key-run day, else a run day or the day after a key run, else any day, where
the kit is, after that day's run, not the eve of a key run nor within 48 h of
the long run if heavy, not next to another lift day when it can be, and not
on a needed rest day. A lift that fits nowhere is left out.
"""

from __future__ import annotations

from constraints import cover, taper
from constraints.doubles import runs_a_day
from optimizer import Plan, Scenario, score_plan
from optimizer.catalog import catalog
from optimizer.clock import DAYS, forward_gap
from optimizer.plan import Session
from optimizer.scenario import Athlete, Window

from .sessions import fill_content, lift_session, run_session, session_minutes

KEY_RUNS = frozenset(k for k, v in catalog().run_kinds.items() if v.key)
TEMPLATE_RUN_DAY = {"easy": 0, "recovery": 0, "tempo": 2, "intervals": 2, "hills": 2, "medium": 4, "long": 5, "race": 5}
TEMPLATE_LIFTS = (("full_body", 1), ("upper_core", 3))  # seed 002: Tue full body, Thu upper body + core
HOME_LIFTS = (("full_body", 0), ("full_body", 3))  # seed 004's home plan: Mon and Thu
GYM_LIFTS = (("heavy_lower", 1), ("upper_core", 4))  # seed 004's gym plan: Tue lower, Fri upper ...
GYM_OPTIONAL = ("power", 6)  # ... and, optional, a full-body mobility/power day on Sunday
PHASE_KINDS = {
    "base": ("heavy_lower", "upper_core", "full_body"),
    "build": ("power", "full_body", "upper_core"),
    "peak": ("full_body", "power", "upper_core"),
    "race": ("prehab", "iso_mobility"),
    "taper": ("prehab", "iso_mobility"),
    "recovery": ("iso_mobility", "prehab"),
    "deload": ("iso_mobility",),
}
LIGHT = ("prehab", "iso_mobility")


class Board:
    """The week being filled in: sessions placed so far, and where there is still room."""

    def __init__(self, athlete: Athlete):
        self.athlete = athlete
        self.sessions: list[Session] = []

    def on_day(self, day: int, type_: str | None = None) -> list[Session]:
        return [s for s in self.sessions if s.day_index == day and (type_ is None or s.type == type_)]

    def windows(self, day: int) -> list[Window]:
        return [w for w in self.athlete.windows if w.day == day]

    def room(self, window: Window, minutes: int, not_before: int = 0) -> int | None:
        """The earliest start in ``window`` (at or after ``not_before``, a minute of the week)
        where ``minutes`` fit without overlapping a placed session, or None."""
        start = max(window.week_start, not_before)
        for s in sorted(self.sessions, key=lambda s: s.week_start):
            if s.week_end <= start or s.week_start >= window.week_end:
                continue
            if s.week_start >= start + minutes:
                break
            start = max(start, s.week_end)
        return start if start + minutes <= window.week_end else None

    def first_fit(self, day: int, minutes, *, not_before: int = 0) -> tuple[Window, int, object] | None:
        """The first window of ``day`` with room: (window, start, what ``minutes(window)``
        returned). ``minutes`` is a length, or a function of the window giving
        (length, anything) or None where the session cannot go."""
        for w in self.windows(day):
            got = minutes(w) if callable(minutes) else (minutes, None)
            if got is None:
                continue
            start = self.room(w, got[0], not_before)
            if start is not None:
                return w, start, got[1]
        return None

    def wanted(self) -> dict[str, int]:
        """S-COVER targets the week so far falls short of (key -> units short)."""
        done = cover.coverage(Plan(athlete="", status="feasible", sessions=self.sessions), self.athlete)
        return {k: c.target - c.done for k, c in done.items() if c.target > c.done}

    def lift(self, kind: str):
        """For first_fit: a ``kind`` session's (length, exercises) in a window, or None."""
        def content(w: Window):
            exercises = fill_content(self.athlete, kind, w.location, self.wanted())
            return None if exercises is None else (session_minutes(self.athlete, exercises), exercises)
        return content

    def busy_days(self) -> set[int]:
        return {s.day_index for s in self.sessions if not (self.athlete.rest_day_mobility and s.kind == "iso_mobility")}

    def plan(self, scenario: Scenario, missing: list[str]) -> Plan:
        name = scenario.athlete.name
        if missing:
            return Plan(athlete=name, status="unknown", problems=[f"no room for {m}" for m in missing])
        sessions = sorted(self.sessions, key=lambda s: (s.week_start, s.week_end, s.type))
        plan = Plan(athlete=name, status="feasible", sessions=sessions)
        plan.score = score_plan(plan, scenario.athlete, scenario.weight)
        plan.rest_days = [d for i, d in enumerate(DAYS) if not any(s.day_index == i for s in sessions)]
        return plan


def _nearest(day: int) -> list[int]:
    """Days by distance from ``day`` round the week: the day, the next, the one before, ..."""
    out = [day]
    for k in range(1, 4):
        out += [(day + k) % 7, (day - k) % 7]
    return out


def _place_run(board: Board, athlete: Athlete, r: int, day: int) -> Session | None:
    run = athlete.runs[r]
    if run.pinned_start is not None:
        for w in board.windows(day):
            if w.week_start <= run.pinned_start and board.room(w, run.minutes, run.pinned_start) == run.pinned_start:
                return run_session(athlete, r, w, run.pinned_start)
        return None
    found = board.first_fit(day, run.minutes)
    return run_session(athlete, r, found[0], found[1]) if found else None


# ---- the fixed coach template -------------------------------------------------------


def template_week(scenario: Scenario, lifts: tuple[tuple[str, int], ...] = TEMPLATE_LIFTS) -> Plan:
    """The seed 002 sample week fitted to the athlete's availability (see the module doc), with
    ``lifts`` (kind, day) as its strength sessions."""
    athlete = scenario.athlete
    board = Board(athlete)
    missing = []
    order = sorted(range(len(athlete.runs)), key=lambda r: (athlete.runs[r].pinned_day is None, _template_day(athlete, r)))
    for r in order:
        run = athlete.runs[r]
        days = [run.pinned_day] if run.pinned_day is not None else _nearest(_template_day(athlete, r))
        placed = None
        for day in days:
            if board.on_day(day, "run"):
                continue
            placed = _place_run(board, athlete, r, day)
            if placed:
                break
        if placed is None and run.pinned_day is not None:  # the pin's day is full: the nearest other
            for day in _nearest(run.pinned_day)[1:]:
                found = None if board.on_day(day, "run") else board.first_fit(day, run.minutes)
                if found:
                    placed = run_session(athlete, r, found[0], found[1])
                    break
        if placed is None:
            missing.append(f"run #{r + 1} ({run.kind} {run.minutes} min)")
        else:
            board.sessions.append(placed)
    for kind, home_day in lifts:
        for day in _nearest(home_day):
            if board.on_day(day, "strength"):
                continue
            found = board.first_fit(day, board.lift(kind))
            if found:
                board.sessions.append(lift_session(athlete, kind, found[0], found[1], found[2]))
                break
    return board.plan(scenario, missing)


def home_week(scenario: Scenario) -> Plan:
    """Seed 004's home plan: full body Monday and Thursday, on the 002 running week."""
    return template_week(scenario, HOME_LIFTS)


def gym_week(scenario: Scenario) -> Plan:
    """Seed 004's gym plan: lower body Tuesday, upper body Friday, and power on Sunday when the
    athlete lifts three times a week, on the 002 running week."""
    three = scenario.athlete.session_range[1] >= 3
    return template_week(scenario, GYM_LIFTS + ((GYM_OPTIONAL,) if three else ()))


def _template_day(athlete: Athlete, r: int) -> int:
    run = athlete.runs[r]
    return run.pinned_day if run.pinned_day is not None else TEMPLATE_RUN_DAY[run.kind]


# ---- the greedy planner ----------------------------------------------------------------


def greedy_week(scenario: Scenario) -> Plan:
    """Runs, then strength, day by day, first fit, never going back (see the module doc)."""
    athlete = scenario.athlete
    board = Board(athlete)
    missing = []
    order = sorted(
        range(len(athlete.runs)),
        key=lambda r: (athlete.runs[r].pinned_start is None, athlete.runs[r].pinned_day is None,
                       athlete.runs[r].kind not in ("long", "race"), athlete.runs[r].kind not in KEY_RUNS,
                       -athlete.runs[r].minutes, r),
    )
    for r in order:
        placed = _greedy_run(board, athlete, r)
        if placed is None:
            run = athlete.runs[r]
            missing.append(f"run #{r + 1} ({run.kind} {run.minutes} min)")
        else:
            board.sessions.append(placed)
    if not missing:
        for kind in _greedy_kinds(athlete):
            lift = _greedy_lift(board, athlete, kind)
            if lift is not None:
                board.sessions.append(lift)
    return board.plan(scenario, missing)


def _greedy_run(board: Board, athlete: Athlete, r: int) -> Session | None:
    run = athlete.runs[r]
    if run.pinned_day is not None:
        days = [run.pinned_day]
    elif run.kind in ("long", "race"):
        days = [5, 6, 0, 1, 2, 3, 4]
    else:
        days = list(range(7))
    key = run.kind in KEY_RUNS

    def strict(day: int) -> bool:
        if len(board.on_day(day, "run")) >= runs_a_day(athlete):
            return False
        if key and not athlete.allow_back_to_back:
            near = {(day - 1) % 7, day, (day + 1) % 7}
            if any(s.key and s.day_index in near for s in board.sessions if s.type == "run"):
                return False
        busy = board.busy_days() | {day}
        return 7 - len(busy) >= athlete.rest_days

    for rule_aware in (True, False):
        for day in days:
            if rule_aware and not strict(day):
                continue
            placed = _place_run(board, athlete, r, day)
            if placed:
                return placed
    return None


def _greedy_kinds(athlete: Athlete) -> list[str]:
    low, high = athlete.session_range
    count = max(low, min(high, 2), len(athlete.strength.include))
    light_only = taper.applies(athlete)
    allowed = [k for k in PHASE_KINDS[athlete.phase] if k not in athlete.strength.exclude and (k in LIGHT or not light_only)]
    if not allowed:
        allowed = [k for k in (LIGHT if light_only else catalog().strength_kinds) if k not in athlete.strength.exclude]
    kinds = list(athlete.strength.include)
    i = 0
    while len(kinds) < count and allowed:
        kinds.append(allowed[i % len(allowed)])
        i += 1
    return kinds


def _greedy_lift(board: Board, athlete: Athlete, kind: str) -> Session | None:
    info = catalog().strength_kinds[kind]
    heavy = info.lower_load == "heavy"
    runs = [s for s in board.sessions if s.type == "run"]

    def tier(day: int) -> int:
        if any(s.key and s.day_index == day for s in runs):
            return 0
        if any(s.day_index == day for s in runs) or any(s.key and s.day_index == (day - 1) % 7 for s in runs):
            return 1
        return 2

    def spread_ok(day: int) -> bool:
        return not any(s.type == "strength" and s.day_index in ((day - 1) % 7, (day + 1) % 7) for s in board.sessions)

    def try_day(day: int) -> Session | None:
        if board.on_day(day, "strength"):
            return None
        if heavy and any(s.key and s.day_index == (day + 1) % 7 for s in runs):
            return None
        counts_as_work = not (athlete.rest_day_mobility and kind == "iso_mobility")
        if counts_as_work and 7 - len(board.busy_days() | {day}) < athlete.rest_days:
            return None
        not_before = 0
        if info.lower_load != "none":
            not_before = max((s.week_end for s in board.on_day(day, "run")), default=0)
        found = board.first_fit(day, board.lift(kind), not_before=not_before)
        if found is None:
            return None
        lift = lift_session(athlete, kind, found[0], found[1], found[2])
        if heavy and any(s.kind in ("long", "race") and forward_gap(lift.week_end, s.week_start) < 48 * 60 for s in runs):
            return None
        return lift

    for spread in (True, False):
        for wanted in (0, 1, 2):
            for day in range(7):
                if tier(day) == wanted and (not spread or spread_ok(day)):
                    lift = try_day(day)
                    if lift is not None:
                        return lift
    return None


BASELINES = {"template": template_week, "home": home_week, "gym": gym_week, "greedy": greedy_week}
__all__ = ["BASELINES", "greedy_week", "gym_week", "home_week", "template_week"]
