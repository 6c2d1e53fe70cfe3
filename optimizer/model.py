"""WeekModel: the CP-SAT variables of one athlete's week and the hooks rules use.

A *session* is a run from the scenario or the optional strength session of one
availability window (at most one lift a day, so one per window loses nothing,
and unlike "session 1, 2, 3" slots there are no interchangeable copies for the
solver to wade through). A *placement* is one way to hold a session: a run in a
given window, or a window's strength session as a given kind. Each placement is
a Boolean; each session has a start and an end (minutes of the week) that the
chosen placement bounds to its window.

What a strength session is made of is kept apart from where it is: a week has
at most a few lifts (R-FREQ) but often a dozen windows, so exercises are chosen
for each *lift of the week* (the first, the second, ...), and the lifts go, in
time order, to the windows that hold them. Exercise choice is what costs in the
solve; choosing it for a handful of lifts instead of every window makes the
model several times smaller, and the time order leaves exactly one way to hand
lifts to windows, so the solver never wades through copies.

Rules in ``constraints/`` add their constraints through the helpers here, so
none repeats the clock arithmetic, and per-placement attributes sit in numpy
arrays so pair tests (gaps, order) are vectorised and only real conflicts
become constraints. In *explain* mode every requirement is guarded by an
assumption literal, so an infeasible week can be traced to the rules in conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from ortools.sat.python import cp_model

from .catalog import KEY_RUNS, LONG_OR_RACE, catalog
from .clock import DAY_MINUTES, WEEK_MINUTES
from .exercises import SORTS, Exercise, fits_kind, merged_library, suits
from .scenario import Athlete, Scenario, Window


class _CpModel(cp_model.CpModel):
    """A CpModel without the deprecated CamelCase aliases OR-Tools attaches to every new model
    (half a millisecond a week, a twentieth of building it); this project uses snake_case."""

    def _add_pre_pep8_methods(self) -> None:
        pass

    def new_bool_var(self, name: str) -> cp_model.IntVar:
        """As CpModel's, with one shared 0-1 domain instead of a new one per variable (a week
        has some 350 Booleans: 0.3 ms a build)."""
        return cp_model.IntVar(self.model_proto).with_name(name).with_domain(_BOOLEAN)


_BOOLEAN = cp_model.Domain(0, 1)


@lru_cache(maxsize=1024)
def suited(extra: tuple[Exercise, ...], level: str, injuries: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[
        dict[str, Exercise], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The exercises that suit the athlete (id -> exercise), which of them may go in each allowed
    kind, and which count toward each sort R-CONTENT requires. The same for every athlete of a
    level, injuries, own library and allowed kinds, so a club works it out once per such group
    rather than once a week (a third of a millisecond of each build)."""
    library = {e.id: e for e in merged_library(extra) if suits(e, level, injuries)}
    fits = {k: frozenset(e for e, x in library.items() if fits_kind(x, k)) for k in kinds}
    sorts = {s: frozenset(e for e, x in library.items() if test(x)) for s, test in SORTS.items()}
    return library, fits, sorts


@dataclass
class Slot:
    """A session to place: a scenario run (``run`` is its index) or one window's strength session."""

    index: int
    type: str  # "run" | "strength"
    run: int | None
    start: cp_model.IntVar
    end: cp_model.LinearExprT
    placements: list[int] = field(default_factory=list)
    window: int | None = None  # strength: its window
    present: cp_model.IntVar | None = None  # is the session in the week (a run: placed at all)
    minutes: cp_model.IntVar | int = 0  # length: fixed for a run, chosen for strength
    usable: tuple[str, ...] = ()  # strength: exercises of an allowed kind the window's kit allows
    lifts: dict[int, cp_model.IntVar] = field(default_factory=dict)  # strength: Lift index -> that lift is here
    interval: cp_model.IntervalVar | None = None  # its time, for the one-session-at-a-time constraint


@dataclass
class Lift:
    """The week's ``index``-th strength session in time order: its kind, place and exercises.

    ``windows`` maps a strength slot's index to "this lift is held there"; the lift
    takes the kind and the location of the window that holds it.
    """

    index: int
    used: cp_model.IntVar
    minutes: cp_model.IntVar  # its length: at least what its exercises take with warm-up and cool-down
    kind: dict[str, cp_model.IntVar] = field(default_factory=dict)
    place: dict[str, cp_model.IntVar] = field(default_factory=dict)  # location -> held there
    windows: dict[int, cp_model.IntVar] = field(default_factory=dict)  # slot index -> held in that window
    exercises: dict[str, cp_model.IntVar] = field(default_factory=dict)  # exercise id -> chosen
    # exercises of one class (upper-body or not) saving the same minutes -> how many of them are done in a superset
    supersets: dict[tuple[str, ...], cp_model.IntVar] = field(default_factory=dict)


@dataclass(frozen=True)
class Placement:
    slot: int
    window: int
    kind: str
    earliest: int  # earliest start, minute of the week
    latest: int  # latest start
    end_low: int  # earliest possible end
    end_high: int  # latest possible end
    var: cp_model.IntVar

    @property
    def day(self) -> int:
        return self.earliest // DAY_MINUTES


class WeekModel:
    """Variables of one week, built once per athlete; rules add to ``cp`` through the helpers."""

    def __init__(self, scenario: Scenario, *, explain: bool = False):
        self.scenario = scenario
        self.athlete: Athlete = scenario.athlete
        self.explain = explain
        self.cp = _CpModel()
        self.windows: tuple[Window, ...] = self.athlete.windows
        self.cyclic = self.athlete.cyclic  # until the previous week is given, Sunday wraps to Monday
        self.neighbours = self.athlete.calendar.neighbours if self.athlete.calendar else ()
        # shared with every athlete of the same level, injuries, library and kinds: read, never change
        self.library, self.fits, self.sorts = suited(self.athlete.strength.library, self.athlete.level,
                                                       self.athlete.injuries, self.athlete.allowed_strength_kinds())
        self.slots: list[Slot] = []
        self.placements: list[Placement] = []
        self.requirements: dict[str, tuple[cp_model.IntVar, str]] = {}  # explain mode: id -> (literal, words)
        self.penalties: dict[str, cp_model.LinearExprT] = {}  # goal id -> penalty units
        self.goal_penalty: cp_model.LinearExprT = 0  # weighted sum, set by build_week
        self.lateness: cp_model.LinearExprT = 0  # tie-break among equally good weeks, set by build_week
        self.hints: list[tuple[cp_model.IntVar, int]] = []  # where the search starts (replanning)
        self.solved_goal_penalty: int | None = None  # its value in the last solve
        self._add_runs()
        self._add_strength()
        self._strength_slots = [s for s in self.slots if s.type == "strength"]  # every rule asks: once
        self.lifts: list[Lift] = []  # add_lifts fills it
        self._index()
        self.cp.add_no_overlap([slot.interval for slot in self.slots])  # one session at a time

    # ---- building -------------------------------------------------------

    def _place(self, slot: Slot, window: int, kind: str, earliest: int, latest: int, end_low: int, end_high: int,
               bounded: bool = False) -> None:
        """A placement Boolean that keeps the session's start in the window (unless the start's own
        domain already does: ``bounded``)."""
        var = self.cp.new_bool_var(f"s{slot.index}_{kind}_w{window}")
        if not bounded:
            self.cp.add_linear_constraint(slot.start, earliest, latest).only_enforce_if(var)
        slot.placements.append(len(self.placements))
        self.placements.append(Placement(slot.index, window, kind, earliest, latest, end_low, end_high, var))

    def _add_runs(self) -> None:
        """Every run gets one placement per window long enough to hold it (R-AVAIL by construction)."""
        for r, run in enumerate(self.athlete.runs):
            fits = [(i, w) for i, w in enumerate(self.windows) if w.minutes >= run.minutes]
            spans = [[w.week_start, w.week_end - run.minutes] for _, w in fits] or [[0, 0]]
            start = self.cp.new_int_var_from_domain(cp_model.Domain.from_intervals(spans), f"run{r}_start")
            placed = self.cp.new_bool_var(f"run{r}_placed")  # R-RUNS asks for it; explain mode may let it go
            slot = Slot(len(self.slots), "run", r, start, start + run.minutes, present=placed, minutes=run.minutes)
            slot.interval = self.cp.new_optional_fixed_size_interval_var(start, run.minutes, placed, f"run{r}")
            self.slots.append(slot)
            for i, w in fits:
                latest = w.week_end - run.minutes
                self._place(slot, i, run.kind, w.week_start, latest, w.week_start + run.minutes, w.week_end,
                            bounded=len(fits) == 1)
            self.cp.add(sum(self.placements[p].var for p in slot.placements) == placed)

    def _add_strength(self) -> None:
        """Each window long enough for the shortest session gets an optional strength session,
        with one placement per allowed kind; what it is made of comes from the Lift it holds."""
        shortest = catalog().min_strength_minutes
        kinds = self.athlete.allowed_strength_kinds()
        fitting = frozenset().union(*self.fits.values())  # exercises that suit at least one allowed kind
        usable_at: dict[str, tuple[str, ...]] = {}  # location -> usable exercises: once per place, not per window
        for i, w in enumerate(self.windows):
            if w.minutes < shortest:
                continue
            if w.location not in usable_at:
                kit = self.athlete.equipment_at(w.location)
                usable_at[w.location] = tuple(e.id for e in self.library.values()
                                              if e.id in fitting and e.equipment_used(kit) is not None)
            usable = usable_at[w.location]
            start = self.cp.new_int_var(w.week_start, w.week_end - shortest, f"lift_w{i}_start")
            minutes = self.cp.new_int_var(0, w.minutes, f"lift_w{i}_minutes")
            end = self.cp.new_int_var(w.week_start, w.week_end, f"lift_w{i}_end")
            present = self.cp.new_bool_var(f"lift_w{i}")
            slot = Slot(len(self.slots), "strength", None, start, end, window=i, present=present, minutes=minutes,
                        usable=usable)
            slot.interval = self.cp.new_optional_interval_var(start, minutes, end, present, f"lift_w{i}")
            self.slots.append(slot)
            for kind in kinds:
                self._place(slot, i, kind, w.week_start, w.week_end - shortest, w.week_start + shortest, w.week_end,
                            bounded=True)
            self.cp.add(sum(self.placements[p].var for p in slot.placements) == present)
            # An absent session sits at its window's start with no length (one answer, not many).
            self.cp.add(start == w.week_start).only_enforce_if(present.Not())
            self.cp.add(minutes == 0).only_enforce_if(present.Not())
            if self.explain:  # R-LEN relaxed still leaves a session some time: one of no minutes is no session
                self.cp.add(minutes >= 1).only_enforce_if(present)

    def exercise_places(self) -> dict[str, set[str]]:
        """Exercise id -> the places (of windows that can hold a lift) whose kit allows it."""
        where: dict[str, set[str]] = {}
        usable = {self.windows[slot.window].location: slot.usable for slot in self.strength_slots()}  # same per place
        for location, exercises in usable.items():
            for e in exercises:
                where.setdefault(e, set()).add(location)
        return where

    def offered(self) -> list[str]:
        """Exercise ids every lift is offered: the same for each (any some window's kit allows)."""
        return list(self.lifts[0].exercises) if self.lifts else []

    def add_lifts(self, most: int | None) -> None:
        """The week's lifts in time order, each with its kind, place and exercise Booleans, handed
        to the windows holding a strength session: the first lift to the earliest such window, and
        so on. ``most`` lifts (R-FREQ's upper bound, see ``constraints.freq.most_lifts``), or one
        per window when None. Each lift may use any exercise some window's kit allows."""
        windows = self.strength_slots()
        count = len(windows) if most is None else min(len(windows), most)
        kinds = self.athlete.allowed_strength_kinds()
        places = sorted({self.windows[slot.window].location for slot in windows})
        where = self.exercise_places()
        longest = max((self.windows[slot.window].minutes for slot in windows), default=0)
        for c in range(count):
            used = self.cp.new_bool_var(f"lift{c}")
            lift = Lift(c, used, self.cp.new_int_var(0, longest, f"lift{c}_minutes"))
            lift.kind = {k: self.cp.new_bool_var(f"lift{c}_{k}") for k in kinds}
            lift.place = {p: self.cp.new_bool_var(f"lift{c}_at_{p}") for p in places}
            self.cp.add(sum(lift.kind.values()) == used)
            self.cp.add(sum(lift.place.values()) == used)
            self.cp.add(lift.minutes == 0).only_enforce_if(used.Not())
            for e in self.library:
                if e not in where:
                    continue
                lift.exercises[e] = chosen = self.cp.new_bool_var(f"lift{c}_{e}")
                if self.explain:  # else R-CONTENT's "only in a kind it fits" clause implies it
                    self.cp.add_implication(chosen, used)
                if len(where[e]) < len(places):  # the kit for it is only at some places
                    self.cp.add_bool_or([lift.place[p] for p in sorted(where[e])]).only_enforce_if(chosen)
            self.lifts.append(lift)
        for position, slot in enumerate(windows):
            location = self.windows[slot.window].location
            kind_of = {self.placements[p].kind: self.placements[p].var for p in slot.placements}
            for lift in self.lifts[:position + 1]:  # the c-th lift cannot sit in an earlier window than the c-th
                here = self.cp.new_bool_var(f"lift{lift.index}_w{slot.window}")
                slot.lifts[lift.index] = lift.windows[slot.index] = here
                self.cp.add_implication(here, lift.place[location])
                # the lift held here is of the window's kind, written "lift's kind => window's kind"
                # (both sides are exactly-one when the lift is here, so it is the same rule): the other
                # way round took 6 % more solve time on six corpus seeds, every optimum the same
                for k, var in kind_of.items():
                    self.cp.add_bool_or([here.Not(), lift.kind[k].Not(), var])
            self.cp.add(sum(slot.lifts.values()) == slot.present)
        for lift in self.lifts:
            self.cp.add(sum(lift.windows.values()) == lift.used)
        # time order: lift c+1 sits in a window only if lift c sits in an earlier one
        for earlier, later in zip(self.lifts, self.lifts[1:]):
            before: list[cp_model.IntVar] = []
            for slot in windows:
                if later.index in slot.lifts:
                    self.cp.add_bool_or(list(before)).only_enforce_if(slot.lifts[later.index])
                if earlier.index in slot.lifts:
                    before.append(slot.lifts[earlier.index])

    def _index(self) -> None:
        """Numpy columns over placements, for vectorised pair tests in the rules."""
        ps = self.placements
        kinds = catalog().strength_kinds
        run = [self.slots[p.slot].type == "run" for p in ps]
        self.p_slot = np.array([p.slot for p in ps], dtype=np.int64)
        self.p_day = np.array([p.day for p in ps], dtype=np.int64)
        self.p_earliest = np.array([p.earliest for p in ps], dtype=np.int64)
        self.p_latest = np.array([p.latest for p in ps], dtype=np.int64)
        self.p_end_low = np.array([p.end_low for p in ps], dtype=np.int64)
        self.p_end_high = np.array([p.end_high for p in ps], dtype=np.int64)
        self.p_run = np.array(run, dtype=bool)
        self.p_key = np.array([p.kind in KEY_RUNS for p in ps], dtype=bool) & self.p_run
        self.p_long_or_race = np.array([p.kind in LONG_OR_RACE for p in ps], dtype=bool) & self.p_run
        self.p_lower = np.array([None if r else kinds[p.kind].lower_load for p, r in zip(ps, run)], dtype=object)
        self.p_heavy = self.p_lower == "heavy"
        self.p_strength = ~self.p_run

    # ---- hooks for rules --------------------------------------------------

    def guard(self, requirement: str, words: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a requirement: none normally, one assumption in explain mode."""
        if not self.explain:
            return []
        if requirement not in self.requirements:
            self.requirements[requirement] = (self.cp.new_bool_var(requirement), words)
        return [self.requirements[requirement][0]]

    def forbid(self, literals: list[cp_model.IntVar], guard: list[cp_model.IntVar]) -> None:
        """Not all of ``literals`` may hold (unless the guard is off)."""
        self.cp.add_bool_or([lit.Not() for lit in literals] + [g.Not() for g in guard])

    def strength_slots(self) -> list[Slot]:
        return self._strength_slots

    def select(self, mask: np.ndarray) -> np.ndarray:
        return np.flatnonzero(mask)

    def per_day(self, mask: np.ndarray) -> list[cp_model.LinearExprT]:
        """For each day, the number of chosen placements among ``mask`` on it (0 if none can be).
        A session whose every placement is in ``mask`` on that day counts as its presence: one
        term, not one per kind."""
        by_slot: dict[int, list[int]] = {}
        for p in np.flatnonzero(mask).tolist():
            by_slot.setdefault(int(self.p_slot[p]), []).append(p)
        out: list[list[cp_model.IntVar]] = [[] for _ in range(7)]
        for slot, ps in by_slot.items():
            days = {int(self.p_day[p]) for p in ps}
            if len(ps) > 1 and len(days) == 1 and len(ps) == len(self.slots[slot].placements):
                out[days.pop()].append(self.slots[slot].present)
            else:
                for p in ps:
                    out[self.p_day[p]].append(self.placements[p].var)
        return [sum(v) if v else 0 for v in out]

    def require_gap(self, before: np.ndarray, after: np.ndarray, gap: int, guard: list[cp_model.IntVar],
                    clock: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        """For each pair (a in before, b in after) of different sessions, if both are chosen,
        the clock time from the end of a forward to the start of b is at least ``gap`` minutes,
        going round the week (Sunday night to Monday morning) when b comes earlier in the week
        and the week repeats; when it does not, a b that comes first is next week's concern.

        ``clock`` gives, for minutes of the week, how far the clocks have gone forward by then: a
        pair the change can fall between needs that much more on the clock face (real hours).

        Pairs that always satisfy it add nothing; pairs that never can become a clause; the rest
        a linear constraint with enforcement literals (one order literal where both orders are possible).
        """
        a, b = np.meshgrid(before, after, indexing="ij")
        a, b = a.ravel(), b.ravel()
        keep = self.p_slot[a] != self.p_slot[b]
        a, b = a[keep], b[keep]
        raw_lo = self.p_earliest[b] - self.p_end_high[a]  # start(b) - end(a)
        raw_hi = self.p_latest[b] - self.p_end_low[a]
        ahead = np.full(len(a), gap, dtype=np.int64)  # b after a in the week
        behind = ahead  # b before a: next week's b, round the week
        if clock is not None:  # the clocks only go forward here: the least for a's end, the most for b's start
            lost = clock(self.p_end_low[a])
            ahead = gap + np.maximum(0, clock(self.p_latest[b]) - lost)
            # round the week both ways: this a before next week's b, and last week's a before this b
            behind = gap + np.maximum(0, np.maximum(clock(self.p_latest[b] + WEEK_MINUTES) - lost,
                                                    clock(self.p_latest[b]) - clock(self.p_end_low[a] - WEEK_MINUTES)))
        wrap = behind - WEEK_MINUTES if self.cyclic else np.full(len(a), -2 * WEEK_MINUTES)  # linear: b first is fine
        # forward distance = raw if raw >= 0 else raw + week; in the mixed case b-before-a always fits
        always = ((raw_lo >= 0) & (raw_lo >= ahead)) | ((raw_hi < 0) & (raw_lo >= wrap))
        never = ((raw_lo >= 0) & (raw_hi < ahead)) | ((raw_hi < 0) & (raw_hi < wrap))
        for i in np.flatnonzero(~always):
            pa, pb = self.placements[a[i]], self.placements[b[i]]
            both = [pa.var, pb.var]
            if never[i]:
                self.forbid(both, guard)
                continue
            raw = self.slots[pb.slot].start - self.slots[pa.slot].end
            lo, hi, need, wrap_i = raw_lo[i], raw_hi[i], int(ahead[i]), int(wrap[i])
            if lo >= 0:
                self.cp.add(raw >= need).only_enforce_if(both + guard)
            elif hi < 0:
                self.cp.add(raw >= wrap_i).only_enforce_if(both + guard)
            elif hi < need:  # b cannot be far enough ahead: it must come before a, a week minus gap back at most
                self.cp.add(raw <= -1).only_enforce_if(both + guard)
                if lo < wrap_i:
                    self.cp.add(raw >= wrap_i).only_enforce_if(both + guard)
            else:
                later = self.cp.new_bool_var("ahead")
                self.cp.add(raw >= need).only_enforce_if(both + guard + [later])
                self.cp.add(raw <= -1).only_enforce_if(both + guard + [later.Not()])
                if lo < wrap_i:
                    self.cp.add(raw >= wrap_i).only_enforce_if(both + guard + [later.Not()])

    def require_after(self, first: np.ndarray, then: np.ndarray, guard: list[cp_model.IntVar]) -> None:
        """For each pair on the same day, if both are chosen, ``then`` starts after ``first`` ends.

        A strength session's kinds share its window, so a run's pairs with several kinds of one
        session are one row, enforced by "the session is there and is none of the other kinds"
        (``chosen_among``): a fifth of the rows a row per kind took on the benchmark corpus."""
        a, b = np.meshgrid(first, then, indexing="ij")
        a, b = a.ravel(), b.ravel()
        keep = (self.p_slot[a] != self.p_slot[b]) & (self.p_day[a] == self.p_day[b])
        a, b = a[keep], b[keep]
        slack_lo = self.p_earliest[b] - self.p_end_high[a]
        slack_hi = self.p_latest[b] - self.p_end_low[a]
        tight = slack_lo < 0
        groups: dict[tuple[int, int, bool], list[int]] = {}  # (first, then's session, never) -> then's placements
        for pa, pb, never in zip(a[tight].tolist(), b[tight].tolist(), (slack_hi[tight] < 0).tolist()):
            groups.setdefault((pa, int(self.p_slot[pb]), never), []).append(pb)
        for (pa, slot, never), pbs in groups.items():
            both = [self.placements[pa].var, *self.chosen_among(slot, pbs)]
            if never:
                self.forbid(both, guard)
            else:
                gap = self.slots[slot].start - self.slots[self.placements[pa].slot].end
                self.cp.add(gap >= 0).only_enforce_if(both + guard)

    def chosen_among(self, slot: int, placements: list[int]) -> list[cp_model.IntVar]:
        """Literals that all hold exactly when one of these placements of the session is chosen:
        the placement itself, or the session's presence and the absence of its other placements
        (a session holds at most one placement)."""
        if len(placements) == 1:
            return [self.placements[placements[0]].var]
        others = [self.placements[p].var.Not() for p in self.slots[slot].placements if p not in placements]
        return [self.slots[slot].present, *others]

    def light_strength_only(self, guard: list[cp_model.IntVar], kinds: tuple[str, ...] | None = None,
                            from_day: int = 0) -> None:
        """Every strength session (from ``from_day`` on) is of a light kind (catalog ``light_kinds``, or
        ``kinds``): taper, race week, recovery, deload."""
        light = set(kinds or catalog().light_kinds)
        for p in np.flatnonzero(self.p_strength & (self.p_day >= from_day)):
            if self.placements[p].kind not in light:
                self.forbid([self.placements[p].var], guard)

    def start_no_earlier(self, placements: np.ndarray, minute: int, guard: list[cp_model.IntVar]) -> None:
        """Each of these placements, if chosen, starts at ``minute`` or later."""
        for p in placements:
            placement = self.placements[p]
            if placement.latest < minute:
                self.forbid([placement.var], guard)
            elif placement.earliest < minute:
                self.cp.add(self.slots[placement.slot].start >= minute).only_enforce_if([placement.var] + guard)

    def end_no_later(self, placements: np.ndarray, minute: int, guard: list[cp_model.IntVar]) -> None:
        """Each of these placements, if chosen, ends at ``minute`` or earlier."""
        for p in placements:
            placement = self.placements[p]
            if placement.end_low > minute:
                self.forbid([placement.var], guard)
            elif placement.end_high > minute:
                self.cp.add(self.slots[placement.slot].end <= minute).only_enforce_if([placement.var] + guard)

    def neighbour_days(self, wanted) -> set[int]:
        """Days (-7..-1 last week, 7..13 next week) holding a fixed neighbouring session that ``wanted`` accepts."""
        return {start // DAY_MINUTES for s, start, _ in self.neighbours if wanted(s)}

    def day_pairs(self) -> list[tuple[int, int]]:
        """Consecutive days inside the week: Sunday-Monday too when the week repeats."""
        return [(d, (d + 1) % 7) for d in range(7 if self.cyclic else 6)]

    def hint(self, var: cp_model.IntVar, value: int) -> None:
        """Start the search with ``var`` at ``value``; the first hint of a variable stands
        (CP-SAT refuses a model that hints one variable twice)."""
        if any(v.index == var.index for v, _ in self.hints):
            return
        self.hints.append((var, value))
        self.cp.add_hint(var, value)

    def times(self) -> set[int]:
        """Indexes of the start and end variables: what the tie-break may still move."""
        return {v.index for slot in self.slots for v in (slot.start, slot.end) if isinstance(v, cp_model.IntVar)}

    def add_penalty(self, goal: str, units: cp_model.LinearExprT) -> None:
        self.penalties[goal] = units
