"""WeekModel: the CP-SAT variables of one athlete's week and the hooks rules use.

A *session* is a run from the scenario or the optional strength session of one
availability window. A *placement* is one way to hold a session: in a given availability
window (and, for strength, as a given kind). Each placement is a Boolean; each
session has one start variable (a minute of the week) that the chosen
placement bounds to its window. Rules in ``constraints/`` add their
constraints through the helpers here, so none of them repeats the clock
arithmetic, and the per-placement attributes sit in numpy arrays so pair tests
(gaps, order) are vectorised and only real conflicts become constraints.

In *explain* mode every rule's constraints are guarded by an assumption
literal, so an infeasible week can be traced back to the rules in conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from .catalog import KEY_RUNS, LONG_OR_RACE, catalog
from .clock import DAY_MINUTES, WEEK_MINUTES
from .scenario import Athlete, Scenario, Window


@dataclass
class Slot:
    """A session to place: a scenario run (``run`` is its index) or the optional strength
    session of one window."""

    index: int
    type: str  # "run" | "strength"
    run: int | None
    start: cp_model.IntVar
    placements: list[int] = field(default_factory=list)
    present: cp_model.IntVar | None = None  # strength only


@dataclass(frozen=True)
class Placement:
    slot: int
    window: int
    kind: str
    minutes: int
    earliest: int  # earliest start, minute of the week
    latest: int  # latest start
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
        self.cp = cp_model.CpModel()
        self.windows: tuple[Window, ...] = self.athlete.windows
        self.slots: list[Slot] = []
        self.placements: list[Placement] = []
        self.requirements: dict[str, tuple[cp_model.IntVar, str]] = {}  # explain mode: id -> (literal, words)
        self.penalties: dict[str, cp_model.LinearExprT] = {}  # goal id -> penalty units
        self.goal_penalty: cp_model.LinearExprT = 0  # weighted sum, set by build_week
        self.solved_goal_penalty: int | None = None  # its value in the last solve
        self._add_runs()
        self._add_strength()
        self._index()
        self._no_overlap()

    # ---- building -------------------------------------------------------

    def _place(self, slot: Slot, window_index: int, kind: str, minutes: int, earliest: int, latest: int) -> None:
        var = self.cp.NewBoolVar(f"s{slot.index}_{kind}_w{window_index}")
        self.cp.AddLinearConstraint(slot.start, earliest, latest).OnlyEnforceIf(var)
        slot.placements.append(len(self.placements))
        self.placements.append(Placement(slot.index, window_index, kind, minutes, earliest, latest, var))

    def _new_slot(self, type_: str, run: int | None, starts: list[tuple[int, int]]) -> Slot:
        domain = cp_model.Domain.FromIntervals([[a, b] for a, b in starts]) if starts else cp_model.Domain(0, 0)
        start = self.cp.NewIntVarFromDomain(domain, f"start{len(self.slots)}")
        slot = Slot(len(self.slots), type_, run, start)
        self.slots.append(slot)
        return slot

    def _add_runs(self) -> None:
        """Every run gets one placement per window long enough to hold it (R-AVAIL by construction)."""
        for r, run in enumerate(self.athlete.runs):
            fits = [(i, w) for i, w in enumerate(self.windows) if w.minutes >= run.minutes]
            slot = self._new_slot("run", r, [(w.week_start, w.week_end - run.minutes) for _, w in fits])
            for i, w in fits:
                self._place(slot, i, run.kind, run.minutes, w.week_start, w.week_end - run.minutes)
            self.cp.Add(sum(self.placements[p].var for p in slot.placements) <= 1)  # R-RUNS asks for exactly one

    def _add_strength(self) -> None:
        """One optional strength session per window, as any allowed kind that fits.

        There is at most one lift a day (R-DOUBLES), so a session per window loses
        nothing, and unlike "strength session 1, 2, 3" slots it has no symmetric
        copies for the solver to wade through. R-FREQ bounds how many are used.
        """
        kinds = self.athlete.allowed_strength_kinds()
        for i, w in enumerate(self.windows):
            options = [(k, self.athlete_minutes(k)) for k in kinds if w.minutes >= self.athlete_minutes(k)]
            if not options:
                continue
            latest = w.week_end - min(minutes for _, minutes in options)
            slot = self._new_slot("strength", None, [(w.week_start, latest)])
            for kind, minutes in options:
                self._place(slot, i, kind, minutes, w.week_start, w.week_end - minutes)
            slot.present = self.cp.NewBoolVar(f"lift_w{i}")
            self.cp.Add(sum(self.placements[p].var for p in slot.placements) == slot.present)

    def athlete_minutes(self, kind: str) -> int:
        """A strength kind's usual length, capped by strength.max_minutes (R-LEN)."""
        usual = catalog().strength_kinds[kind].minutes
        return max(catalog().min_strength_minutes, min(usual, self.athlete.strength.max_minutes))

    def _index(self) -> None:
        """Numpy columns over placements, for vectorised pair tests in the rules."""
        ps = self.placements
        kinds = catalog().strength_kinds
        self.p_slot = np.array([p.slot for p in ps], dtype=np.int64)
        self.p_day = np.array([p.day for p in ps], dtype=np.int64)
        self.p_earliest = np.array([p.earliest for p in ps], dtype=np.int64)
        self.p_latest = np.array([p.latest for p in ps], dtype=np.int64)
        self.p_minutes = np.array([p.minutes for p in ps], dtype=np.int64)
        self.p_run = np.array([self.slots[p.slot].type == "run" for p in ps], dtype=bool)
        self.p_key = np.array([p.kind in KEY_RUNS for p in ps], dtype=bool) & self.p_run
        self.p_long_or_race = np.array([p.kind in LONG_OR_RACE for p in ps], dtype=bool) & self.p_run
        self.p_lower = np.array(
            [None if self.slots[p.slot].type == "run" else kinds[p.kind].lower_load for p in ps], dtype=object
        )
        self.p_heavy = self.p_lower == "heavy"
        self.p_strength = ~self.p_run

    def _no_overlap(self) -> None:
        """One athlete, one session at a time (R-AVAIL: sessions in a window do not overlap)."""
        intervals = [
            self.cp.NewOptionalFixedSizeIntervalVar(self.slots[p.slot].start, p.minutes, p.var, f"iv{n}")
            for n, p in enumerate(self.placements)
        ]
        self.cp.AddNoOverlap(intervals)

    # ---- hooks for rules --------------------------------------------------

    def guard(self, requirement: str, words: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a requirement: none normally, one assumption in explain mode."""
        if not self.explain:
            return []
        if requirement not in self.requirements:
            self.requirements[requirement] = (self.cp.NewBoolVar(requirement), words)
        return [self.requirements[requirement][0]]

    def forbid(self, literals: list[cp_model.IntVar], guard: list[cp_model.IntVar]) -> None:
        """Not all of ``literals`` may hold (unless the guard is off)."""
        self.cp.AddBoolOr([lit.Not() for lit in literals] + [g.Not() for g in guard])

    def strength_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.type == "strength"]

    def select(self, mask: np.ndarray) -> np.ndarray:
        return np.flatnonzero(mask)

    def per_day(self, mask: np.ndarray) -> list[cp_model.LinearExprT]:
        """For each day, the number of chosen placements among ``mask`` on it."""
        out: list[list[cp_model.IntVar]] = [[] for _ in range(7)]
        for p in np.flatnonzero(mask):
            out[self.p_day[p]].append(self.placements[p].var)
        return [sum(v) if v else 0 for v in out]

    def start_expr(self, p: int) -> cp_model.IntVar:
        return self.slots[self.placements[p].slot].start

    def require_gap(self, before: np.ndarray, after: np.ndarray, gap: int, guard: list[cp_model.IntVar]) -> None:
        """For each pair (a in before, b in after) of different sessions, if both are chosen,
        the clock time from the end of a forward to the start of b is at least ``gap`` minutes,
        going round the week (Sunday night to Monday morning) when b comes earlier in the week.

        Pairs that always satisfy it add nothing; pairs that never can become a clause; the rest
        a linear constraint with enforcement literals (one order literal where both orders are possible).
        """
        a, b = np.meshgrid(before, after, indexing="ij")
        a, b = a.ravel(), b.ravel()
        keep = self.p_slot[a] != self.p_slot[b]
        a, b = a[keep], b[keep]
        end_lo = self.p_earliest[a] + self.p_minutes[a]
        end_hi = self.p_latest[a] + self.p_minutes[a]
        raw_lo = self.p_earliest[b] - end_hi  # start(b) - end(a)
        raw_hi = self.p_latest[b] - end_lo
        wrap = gap - WEEK_MINUTES
        # forward distance = raw if raw >= 0 else raw + week
        always = ((raw_lo >= 0) & (raw_lo >= gap)) | ((raw_hi < 0) & (raw_lo >= wrap))
        never = ((raw_lo >= 0) & (raw_hi < gap)) | ((raw_hi < 0) & (raw_hi < wrap))  # mixed: b-before-a fits
        for i in np.flatnonzero(~always):
            pa, pb = self.placements[a[i]], self.placements[b[i]]
            both = [pa.var, pb.var]
            if never[i]:
                self.forbid(both, guard)
                continue
            raw = self.slots[pb.slot].start - self.slots[pa.slot].start - pa.minutes
            lo, hi = raw_lo[i], raw_hi[i]
            if lo >= 0:
                self.cp.Add(raw >= gap).OnlyEnforceIf(both + guard)
            elif hi < 0:
                self.cp.Add(raw >= wrap).OnlyEnforceIf(both + guard)
            elif hi < gap:  # b cannot be far enough ahead: it must come before a, a week minus gap back at most
                self.cp.Add(raw <= -1).OnlyEnforceIf(both + guard)
                if lo < wrap:
                    self.cp.Add(raw >= wrap).OnlyEnforceIf(both + guard)
            else:
                ahead = self.cp.NewBoolVar("ahead")
                self.cp.Add(raw >= gap).OnlyEnforceIf(both + guard + [ahead])
                self.cp.Add(raw <= -1).OnlyEnforceIf(both + guard + [ahead.Not()])
                if lo < wrap:
                    self.cp.Add(raw >= wrap).OnlyEnforceIf(both + guard + [ahead.Not()])

    def require_after(self, first: np.ndarray, then: np.ndarray, guard: list[cp_model.IntVar]) -> None:
        """For each pair on the same day, if both are chosen, ``then`` starts after ``first`` ends."""
        a, b = np.meshgrid(first, then, indexing="ij")
        a, b = a.ravel(), b.ravel()
        keep = (self.p_slot[a] != self.p_slot[b]) & (self.p_day[a] == self.p_day[b])
        a, b = a[keep], b[keep]
        slack_lo = self.p_earliest[b] - self.p_latest[a] - self.p_minutes[a]
        slack_hi = self.p_latest[b] - self.p_earliest[a] - self.p_minutes[a]
        for i in np.flatnonzero(slack_lo < 0):
            pa, pb = self.placements[a[i]], self.placements[b[i]]
            if slack_hi[i] < 0:
                self.forbid([pa.var, pb.var], guard)
            else:
                gap = self.slots[pb.slot].start - self.slots[pa.slot].start - pa.minutes
                self.cp.Add(gap >= 0).OnlyEnforceIf([pa.var, pb.var] + guard)

    def add_penalty(self, goal: str, units: cp_model.LinearExprT) -> None:
        self.penalties[goal] = units

