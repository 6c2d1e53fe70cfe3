"""Exhaustive search: the best week of a small scenario found by trying every week.

The project's own checkers (``check_plan``) decide which weeks break a rule and
its own scorers (``score_plan``) price the rest; the least total penalty found
must equal the CP-SAT optimum's ``plan.total_penalty`` (or both find no week).
Since strength sessions choose their exercises (2-6 from a library of dozens,
with supersets), a week with runs *and* lifts is too big to enumerate, so there
are two families of small weeks, each enumerated completely:

* **weeks of runs** (``tiny_scenario``: 2-3 runs, 2-4 windows, no strength):
  every assignment of each run to a window and a start time on a grid;
* **one strength session** (``tiny_lift_scenario``: one window, no runs): every
  allowed kind, every list of exercises the kind may hold, every way to pair
  them in supersets.

Why a grid of start times is exact (weeks of runs)
--------------------------------------------------
Let ``g`` be the greatest common divisor of every time constant of the scenario
and the rules: window starts and ends (minutes of the week), run lengths,
pinned start times, the preferred-time bounds, 48 h, a day and a week. Take any
rule-clean week and move every session's start down to the multiple of ``g`` at
or below it (``s -> g * floor(s / g)``). Flooring keeps every constraint of the
form ``s_b - s_a >= c`` and ``lo <= s <= hi`` when ``c``, ``lo`` and ``hi`` are
multiples of ``g``, because ``floor(x / g) >= floor(y / g) + c / g`` whenever
``x >= y + c``. Every rule is of that form once the week's order is fixed:
inside a window (``window start <= s``, ``s + minutes <= window end``, so day
and location are kept), no overlap (``s_b - s_a >= minutes_a`` for sessions in
week order), R-PINNED ``at`` (``s`` fixed to a multiple of ``g``); the other run
rules read days only. S-PREF's run time, "``span_start <= s`` and
``s + minutes <= span_end``", stays true under flooring, so the penalty can
only go down. Hence the floored week is rule-clean and no worse: the best week
on the grid is a best week. (R-GAP48 and R-ORDER are of the same form, and so
would stay exact, but need a lift.) The tiny weeks put windows on the half hour
and runs of 20-60 minutes, so ``g`` is 10 minutes.

Why one start and one length suffice (one strength session)
-----------------------------------------------------------
With a single session and no runs, its start matters only for staying inside
the window (the scenarios have no preferred strength time): the window's start
is as good as any. Its length must hold the content and lie in 20..max_minutes
(R-LEN), and S-SHORT charges every minute past 20, so the shortest length that
holds the content, ``max(20, content)``, is best and fits wherever a longer one
does. Exercises that do not fit the kind, do not suit the athlete or need kit
the place lacks are left out up front (each alone breaks R-CONTENT or R-AVAIL),
as are lists whose shortest possible content already exceeds max_minutes.

Pruning (weeks of runs)
-----------------------
Runs are placed one by one and a partial week is dropped as soon as one
session, or two, already break a *monotone* rule: a rule whose checker, once it
reports a problem on a week, reports one on every week with more sessions
(overlaps, pins, one a day, rest days, back-to-back...). Each session and each
pair is judged once by the project's checkers for those rules (cached). Every
complete week left is scored with ``score_plan`` and, if it would beat the best
so far, judged by the full ``check_plan``. A wrong monotonicity assumption could
only hide weeks, which would show as a disagreement with CP-SAT, not hide one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from constraints import HARD_RULES
from optimizer import Plan, Scenario, check_plan, score_plan
from optimizer.catalog import STRENGTH_KINDS, catalog
from optimizer.clock import DAY_MINUTES, WEEK_MINUTES
from optimizer.plan import Session
from optimizer.scenario import Athlete, Window

from .sessions import exercise_minutes, lift_session, run_session, usable

# Rules whose checker, once it reports a problem on a partial week of runs, reports one on
# every week that adds runs to it. R-RUNS (a missing run) is judged on complete weeks only.
MONOTONE_RULES = frozenset({"R-AVAIL", "R-PINNED", "R-DOUBLES", "R-REST", "R-GAP48", "R-KEYEVE", "R-B2B", "R-ORDER"})
GAP48_MINUTES = 48 * 60


@dataclass
class Exhaustive:
    best_penalty: int | None  # None: no rule-clean week exists
    best: Plan | None
    grid: int  # minutes between start times tried
    weeks: int  # complete weeks scored
    nodes: int  # partial weeks visited


def grid_step(scenario: Scenario) -> int:
    """The coarsest start-time grid that is exact for a week of runs (see the module doc)."""
    a = scenario.athlete
    numbers = [GAP48_MINUTES, DAY_MINUTES, WEEK_MINUTES]
    for w in a.windows:
        numbers += [w.week_start, w.week_end]
    for run in a.runs:
        numbers.append(run.minutes)
        if run.pinned_start is not None:
            numbers.append(run.pinned_start)
    span = a.preferences.span("run")
    if span:
        numbers += list(span)
    return math.gcd(*numbers)


def _plan(sessions: list[Session]) -> Plan:
    ordered = sorted(sessions, key=lambda s: (s.week_start, s.week_end, s.type))
    return Plan.model_construct(athlete="exhaustive", status="feasible", proven_optimal=False, sessions=ordered,
                                rest_days=[], score={}, coverage={}, problems=[], solve_ms=0.0)


class _Best:
    """The best rule-clean week so far: score first (cheap), judge only what would improve."""

    def __init__(self, scenario: Scenario, max_weeks: int):
        self.scenario, self.max_weeks = scenario, max_weeks
        self.penalty: int | None = None
        self.plan: Plan | None = None
        self.weeks = 0

    def offer(self, sessions: list[Session]) -> None:
        self.weeks += 1
        if self.weeks > self.max_weeks:
            raise RuntimeError(f"more than {self.max_weeks} weeks: too big to enumerate")
        plan = _plan(sessions)
        plan.score = score_plan(plan, self.scenario.athlete, self.scenario.weight)
        penalty = plan.total_penalty
        if self.penalty is not None and penalty >= self.penalty:
            return
        if not check_plan(plan, self.scenario.athlete):
            self.penalty, self.plan = penalty, plan


def exhaustive_optimum(scenario: Scenario, *, max_weeks: int = 2_000_000) -> Exhaustive:
    """The least total penalty over every rule-clean week of a tiny scenario: a week of
    runs (no strength) or a week of one strength session (no runs), trying every
    superset pairing R-CONTENT's checker accepts (one upper-body exercise with one
    that is not)."""
    athlete = scenario.athlete
    if athlete.session_range[1] == 0:
        return _runs_only(scenario, max_weeks)
    if not athlete.runs and athlete.session_range[1] == 1 and athlete.preferences.strength_time is None:
        return _one_lift(scenario, max_weeks)
    raise ValueError("exhaustive search covers weeks of runs only, or one strength session and no runs")


def _runs_only(scenario: Scenario, max_weeks: int) -> Exhaustive:
    athlete = scenario.athlete
    step = grid_step(scenario)
    monotone = [rule for rule in HARD_RULES if rule.RULE in MONOTONE_RULES]
    best = _Best(scenario, max_weeks)
    options: list[Session] = []  # every run session that could be in a week; index = id

    def breaks(*sessions: Session) -> bool:
        plan = _plan(list(sessions))
        return any(rule.check(plan, athlete) for rule in monotone)

    run_options: list[list[int]] = []
    for r, run in enumerate(athlete.runs):
        ids = []
        for w in athlete.windows:
            for start in range(w.week_start, w.week_end - run.minutes + 1, step):
                session = run_session(athlete, r, w, start)
                if not breaks(session):
                    options.append(session)
                    ids.append(len(options) - 1)
        run_options.append(ids)

    pairs: dict[tuple[int, int], bool] = {}
    nodes = 0

    def fits(option: int, chosen: list[int]) -> bool:
        for other in chosen:
            if (other, option) not in pairs:
                pairs[other, option] = not breaks(options[other], options[option])
            if not pairs[other, option]:
                return False
        return True

    def place(r: int, chosen: list[int]) -> None:
        nonlocal nodes
        nodes += 1
        if r == len(run_options):
            best.offer([options[i] for i in chosen])
            return
        for option in run_options[r]:
            if fits(option, chosen):
                place(r + 1, chosen + [option])

    place(0, [])
    return Exhaustive(best.penalty, best.plan, step, best.weeks, nodes)


def _pairings(ids: list[str], can_pair) -> list[list[tuple[str, str]]]:
    """Every way to pair some of ``ids`` in supersets (pairs ``can_pair`` allows); the
    empty pairing first."""
    if len(ids) < 2:
        return [[]]
    first, rest = ids[0], ids[1:]
    out = _pairings(rest, can_pair)  # first stays single
    for i, other in enumerate(rest):
        if can_pair(first, other):
            out += [[(first, other)] + p for p in _pairings(rest[:i] + rest[i + 1:], can_pair)]
    return out


def _one_lift(scenario: Scenario, max_weeks: int) -> Exhaustive:
    athlete = scenario.athlete
    best = _Best(scenario, max_weeks)
    nodes = 0
    if athlete.session_range[0] == 0:
        best.offer([])
    for w in athlete.windows:
        for kind in STRENGTH_KINDS:
            if kind not in athlete.strength.exclude:  # R-FREQ
                nodes += _lift_lists(athlete, kind, w, best)
    return Exhaustive(best.penalty, best.plan, 1, best.weeks, nodes)


def _lift_lists(athlete: Athlete, kind: str, w: Window, best: _Best) -> int:
    """Offer every ``kind`` session in window ``w`` (every exercise list, every superset
    pairing) to ``best``; the number of exercise lists visited."""
    shape = catalog().session
    cap = athlete.strength.max_minutes
    pool = usable(athlete, kind, w.location)
    upper = {e.id for e in pool if e.upper}

    def can_pair(a: str, b: str) -> bool:
        return (a in upper) != (b in upper)

    # the least minutes each exercise can take (in a superset if it could be in one): a bound for pruning
    floor = [exercise_minutes(athlete, e, bool(upper)) for e in pool]
    nodes = 0

    def extend(i: int, chosen: list, low: int) -> None:
        nonlocal nodes
        nodes += 1
        if len(chosen) >= shape.min_exercises:
            for pairs in _pairings([e.id for e in chosen], can_pair):
                session = lift_session(athlete, kind, w, w.week_start, chosen, pairs)
                if session.week_end <= w.week_end:
                    best.offer([session])
        if len(chosen) == shape.max_exercises:
            return
        for j in range(i, len(pool)):
            if low + floor[j] <= cap:
                extend(j + 1, [*chosen, pool[j]], low + floor[j])

    extend(0, [], shape.warmup_minutes + shape.cooldown_minutes)
    return nodes
