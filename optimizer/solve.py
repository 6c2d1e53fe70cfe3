"""Solve: run CP-SAT on a WeekModel and hand back a Plan (no solver objects leave here).

Solves are deterministic: a fixed seed and an explicit worker count (one by
default; with more, CP-SAT's interleaved search keeps the result repeatable).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from itertools import combinations, permutations

from ortools.sat.python import cp_model

from .build import DOUBLE_APART, build_week, lateness_weight, short_of_apart_weight
from .catalog import catalog
from .clock import DAY_MINUTES, DAYS, day_list, day_problems, hhmm, named_day
from .model import Slot, WeekModel
from .plan import ExerciseDose, GoalScore, Plan, Session
from .prescribe import dosed
from .scenario import Athlete, Scenario, ScenarioError
from .source import expect


# CP-SAT's deterministic time (its count of work done, the same on every run) per second of the
# time limit. A limit in seconds alone stops the search wherever the clock finds it, so a solve that
# reaches it could give a different week each run; stopping at a fixed amount of work instead keeps
# "same input, same plan" even then. This machine does 0.25-0.6 units a second, so at 0.2 the work
# limit comes first on any machine at least as fast, and the clock stays as the backstop.
WORK_PER_SECOND = 0.2
MAX_WORKERS = 64
MAX_TIME_LIMIT = 86_400  # seconds (a day) for the command line's --time-limit: 'inf' is a float too, and refused
SEED_MIN, SEED_MAX = -2**31, 2**31 - 1  # CP-SAT's random_seed is a 32-bit integer


@dataclass(frozen=True)
class SolveSettings:
    # seconds at most; past it (or past WORK_PER_SECOND times it in work) the best plan found is
    # returned, marked not proven
    time_limit: float = 10.0
    workers: int = 1
    seed: int = 0

    def __post_init__(self):
        """Refuse settings CP-SAT would reject with no word of which (or crash on: a seed must fit
        its 32-bit parameter)."""
        if isinstance(self.time_limit, bool) or not (isinstance(self.time_limit, (int, float))
                                                      and 0 < self.time_limit <= MAX_TIME_LIMIT):
            raise ValueError(f"time_limit: {self.time_limit!r} must be a number of seconds above 0 and at most "
                             f"{MAX_TIME_LIMIT} (a day), e.g. 10")
        if isinstance(self.workers, bool) or not isinstance(self.workers, int) or not 1 <= self.workers <= MAX_WORKERS:
            raise ValueError(f"workers: {self.workers!r} must be a whole number from 1 to {MAX_WORKERS}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not SEED_MIN <= self.seed <= SEED_MAX:
            raise ValueError(f"seed: {self.seed!r} must be a whole number from {SEED_MIN} to {SEED_MAX}")


def _solver(settings: SolveSettings, athlete: Athlete | None = None) -> cp_model.CpSolver:
    """CP-SAT as tuned for a week's model; for ``athlete``'s week, as a replan needs it (``replans``)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = settings.workers
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = settings.time_limit
    solver.parameters.max_deterministic_time = settings.time_limit * WORK_PER_SECOND
    # Exercise choice against coverage and session length is a small knapsack: the
    # stronger LP relaxation proves it optimal with several times fewer branches.
    solver.parameters.linearization_level = 2
    # No presolve at all. On these small models it costs more than it saves (3-6 % less time
    # without it on corpus seeds 0, 3 and 5, every optimum unchanged), and with no probing it
    # made OR-Tools 9.15 abort the process on some weeks with no plan ("Check failed:
    # num_redundant_literals_ % 2 == 0"; tests/test_solve_safety.py keeps one such week).
    solver.parameters.cp_model_presolve = False
    # Probing stays at CP-SAT's default level (2). Without it a week took about 16 % less time, but
    # OR-Tools 9.15 aborted the process on 27 of 39,460 fuzzed weeks planned from scratch, all with
    # no plan and of one shape, three lifts asked for on two days, which a runner may well write
    # ("Check failed: num_redundant_literals_ % 2 == 0" or "CleanUpImplicationList"); with it,
    # none of the same weeks did (level 1: the same 27). tests/data/abort/or-tools keeps two.
    # Cuts beyond the first and CP-SAT's clean-up do not pay on these models: merging at-most-one
    # rows, clause minimisation between restarts, half the inprocessing (a tenth of the work
    # instead of a fifth), and the symmetry search (it finds only swaps of two interchangeable
    # windows). Without them a week takes less time (benchmark corpus, seeds 0, 3 and 5: every
    # optimum unchanged).
    solver.parameters.cut_level = 0
    solver.parameters.merge_at_most_one_work_limit = 0
    solver.parameters.inprocessing_minimization_dtime = 0.0
    solver.parameters.inprocessing_dtime_ratio = 0.1
    solver.parameters.symmetry_level = 0
    # CP-SAT's own variable order, not the reverse (variables created last first), although that
    # was 2-5 % less solve time: it made OR-Tools 9.15 abort the process twice, first on weeks with
    # no plan while presolve was on, then, presolve off, on a replan that makes up a missed lift
    # ("Check failed: CleanUpImplicationList"; tests/test_solve_safety.py keeps both). An abort
    # takes a user's command or a club's worker down with no message: no speed is worth it.
    if settings.workers == 1 and settings.time_limit >= 1.0:
        # Raising the objective's lower bound step by step proves the optimum sooner here (a quarter
        # less deterministic time on the corpus, most in the slow tail), but finds a first week
        # later: under a very short limit a week found matters more than a proof. With more workers
        # CP-SAT runs its own portfolio, and this setting kept it from proving the optimum in time.
        solver.parameters.use_objective_lb_search = True
    if settings.workers > 1:
        solver.parameters.interleave_search = True
    if athlete is not None and replans(athlete):
        # A replan's weeks are solved as they were fuzzed (about 28,600 replans, no abort): no
        # probing and no SAT inprocessing. With probing off and inprocessing on, OR-Tools 9.15
        # aborted on one ("Check failed: CleanUpImplicationList", a week with a missed lift to make
        # up and no plan; its frozen model: tests/data/abort/or-tools); probing on avoids that too.
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.use_sat_inprocessing = False
    return solver


def replans(athlete: Athlete) -> bool:
    """Is this a replan's week (the plan still to come, or lifts to make up, given)?"""
    return bool(athlete.current_plan or athlete.make_up)


def plan_week(scenario: Scenario, *, time_limit: float = 10.0, workers: int = 1, seed: int = 0, explain: bool = True,
              fixes: bool = True, closed: Collection[str] = (), done: Collection[str] = ()) -> Plan:
    """Plan one athlete's week.

    The Plan's status is ``optimal`` (proven best), ``feasible`` (the time limit
    ran out first: the best week found), ``unknown`` (no week found in time) or
    ``infeasible`` (none exists; with ``explain``, ``problems`` names the requirements
    in conflict and, with ``fixes``, the smallest changes that would give a week, each
    verified by planning again: the costly part, which batch callers may skip). No fix
    opens a window on a ``closed`` day (a replan's past, done and unavailable days), and
    the conflict never names what is pinned on a ``done`` day (a replan's past and done days).
    """
    from .explain import explain_infeasible  # only the infeasible path needs it

    expect(scenario, Scenario, "plan_week", "from load_scenario or parse_scenario")
    closed, done = day_list(closed, "closed", "plan_week"), day_list(done, "done", "plan_week")
    if problems := day_problems(closed=closed, done=done):
        raise ScenarioError(problems)
    closed, done = ([named_day(d) for d in days] for days in (closed, done))
    settings = SolveSettings(time_limit=time_limit, workers=workers, seed=seed)
    started = time.perf_counter()
    plan = solve_week(build_week(scenario), settings)
    if plan.status == "infeasible" and explain:
        plan.problems = explain_infeasible(scenario, settings, fixes=fixes, closed=closed, done=done)
    plan.solve_ms = round((time.perf_counter() - started) * 1000, 2)
    return plan


def _polish(m: WeekModel, solver: cp_model.CpSolver, settings: SolveSettings, doubles: list[tuple[Slot, Slot]]):
    """Second stage: every choice fixed as found, the tie-break: each double's runs as near
    ``DOUBLE_APART`` apart as they go, then sessions as early as they go. Returns a solver whose
    values to read; the model is left as it was."""
    free = m.times()
    solution = solver.response_proto.solution  # every variable's value, by index
    fixed = [i for i in range(len(solution)) if i not in free]
    # the spacing's rows are for this solve only: on a copy (the same variable indexes), made
    # only for a week with doubles; otherwise the model itself, its hints and objective put back
    cp = m.cp.clone() if doubles else m.cp
    cp.clear_hints()
    hint = cp.proto.solution_hint  # in bulk: one call per variable costs more than the solve
    hint.vars.extend(fixed)
    hint.values.extend([solution[i] for i in fixed])
    cp.minimize(m.lateness + short_of_apart_weight(m) * sum(_short_of_apart(cp, a, b) for a, b in doubles))
    polish = _solver(settings, m.athlete)
    polish.parameters.fix_variables_to_their_hinted_value = True
    status = polish.solve(cp)
    if cp is m.cp:
        m.cp.clear_hints()
        for var, value in m.hints:
            m.cp.add_hint(var, value)
        m.cp.minimize(m.goal_penalty)
    return polish if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver


def _short_of_apart(cp: cp_model.CpModel, a: Slot, b: Slot) -> cp_model.IntVar:
    """Minutes short of ``DOUBLE_APART`` from the end of the earlier of runs ``a`` and ``b`` to the
    start of the later, whichever goes first (they never overlap, so one does)."""
    short = cp.new_int_var(0, DOUBLE_APART, "")
    a_first = cp.new_bool_var("")
    cp.add(b.start - a.end + short >= DOUBLE_APART).only_enforce_if(a_first)
    cp.add(a.start - b.end + short >= DOUBLE_APART).only_enforce_if(~a_first)
    return short


def _doubles(m: WeekModel, solver: cp_model.CpSolver) -> list[tuple[Slot, Slot]]:
    """The runs of each day the week found two on (R-DOUBLES allows no more)."""
    on_day: dict[int, list[Slot]] = {}
    for placement in m.placements:
        slot = m.slots[placement.slot]
        if slot.type == "run" and solver.boolean_value(placement.var):
            on_day.setdefault(placement.day, []).append(slot)
    return [(runs[0], runs[1]) for _, runs in sorted(on_day.items()) if len(runs) == 2]


def _shortfall(doubles: list[tuple[Slot, Slot]], start_of) -> int:
    """Minutes the doubles' runs sit closer than ``DOUBLE_APART``, end of the first to start of the
    second, in all (``start_of``: a slot's start in the week being judged)."""
    short = 0
    for a, b in doubles:
        first, second = sorted((a, b), key=start_of)
        short += max(0, DOUBLE_APART - (start_of(second) - start_of(first) - first.minutes))
    return short


def _earliest(m: WeekModel, solver: cp_model.CpSolver,
              doubles: list[tuple[Slot, Slot]]) -> tuple[int | None, dict[int, int]]:
    """The tie-break's best times with every choice as found, if no rule stood in the way: each
    window's sessions from its opening, back to back but for a double's spacing. A window's order
    is Smith's rule (most weight per minute first, optimal for one window on its own), or, for a
    window holding both runs of a double, the best of every order of its sessions (three at most:
    two runs and one lift a day) with a lift that loads the legs last (R-ORDER).

    Returns their tie-break value (weighted lateness and spacing), a lower bound on the polish's
    since gaps and the other windows can only add to it, and each chosen session's start by slot
    index. None and no times when a double's runs in two windows sit closer than ``DOUBLE_APART``:
    those windows are not independent, and only the polish knows their best."""
    by_window: dict[int, list[tuple[int, int, int]]] = {}
    legs = set()  # lifts that load the legs: after the day's runs (R-ORDER)
    for p, placement in enumerate(m.placements):
        if solver.boolean_value(placement.var):
            slot = m.slots[placement.slot]
            by_window.setdefault(placement.window, []).append(
                (lateness_weight(slot), int(solver.value(slot.minutes)), slot.index))
            if m.p_lower[p] not in (None, "none"):
                legs.add(slot.index)
    pairs = [{a.index, b.index} for a, b in doubles]
    least, starts, weight, held = 0, {}, short_of_apart_weight(m), []
    for window, sessions in by_window.items():
        sessions.sort(key=lambda s: -s[0] / max(s[1], 1))
        pair = next((p for p in pairs if p <= {s[2] for s in sessions}), set())
        orders = [sessions]
        if pair:  # a lift that loads the legs goes last
            held.append(pair)
            orders = [o for o in permutations(sessions) if not legs.intersection(s[2] for s in o[:-1])]
        value, at = min((_from_opening(order, pair, m.windows[window], weight) for order in orders), key=lambda v: v[0])
        least += value
        starts.update(at)
    split = [(a, b) for a, b in doubles if {a.index, b.index} not in held]  # its runs in two windows
    if _shortfall(split, lambda slot: starts[slot.index]):
        return None, {}
    return least, starts


def _from_opening(order, pair: set[int], window, short_weight: int) -> tuple[int, dict[int, int]]:
    """Sessions (weight, minutes, slot index) in ``order`` from the window's opening, back to back,
    but for the wait before the second run of a double (``pair``: both its runs' slots) that brings
    it ``DOUBLE_APART`` after the first ends, or as near as the window's spare minutes allow (a
    minute short costs ``short_weight``, more than the lateness of what waits). Returns the
    tie-break's value and each start."""
    spare = window.minutes - sum(minutes for _, minutes, _ in order)
    opened = value = 0
    first_end = None
    at = {}
    for weight, minutes, slot in order:
        if slot in pair and first_end is not None:
            wait = min(max(DOUBLE_APART - (opened - first_end), 0), spare)
            opened += wait
            value += short_weight * max(DOUBLE_APART - (opened - first_end), 0)
        elif slot in pair:
            first_end = opened + minutes
        value += weight * opened
        at[slot] = window.week_start + opened
        opened += minutes
    return value, at


def solve_week(m: WeekModel, settings: SolveSettings = SolveSettings()) -> Plan:
    """Solve for the goals, then the tie-breaks among equally good weeks: a lift made up keeps
    the exercises of the lift it makes up (``_keep_made_up``), and sessions are as early as they go."""
    plan = _solve_goals_then_times(m, settings)
    return _keep_made_up(m, plan) if m.athlete.make_up and plan.sessions else plan


def _solve_goals_then_times(m: WeekModel, settings: SolveSettings) -> Plan:
    """Solve for the goals, then the tie-break: a double's runs apart, sessions as early as they go.

    A week found at ``_earliest``'s bound (every session back to back from its window's opening,
    a double's runs spaced) is already the tie-break's best. Otherwise the same choices at those
    times are tried first: if every hard rule's checker passes and each goal with a weight costs
    the same, that is the tie-break's optimum without a second solve (~0.4 ms against ~3 ms); if
    not (a gap, a pin, a wish about times, a double over two close windows stands in the way),
    ``_polish`` solves for it."""
    solver = _solver(settings, m.athlete)
    status = solver.solve(m.cp)
    name = m.athlete.name
    if status == cp_model.MODEL_INVALID:  # a bug in an encoder, never the user's input
        raise RuntimeError(f"invalid CP-SAT model: {m.cp.validate()}")
    if status == cp_model.INFEASIBLE:
        return Plan(athlete=name, status="infeasible")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Plan(athlete=name, status="unknown", problems=[
            f"no week found within the time limit ({settings.time_limit:g} s, counted as {settings.time_limit * WORK_PER_SECOND:g} "
            f"units of CP-SAT work so that any machine gives the same answer: it may stop before the clock); "
            f"allow more time"])
    goals = int(solver.value(m.goal_penalty))
    m.solved_goal_penalty = goals
    doubles = _doubles(m, solver)
    least, starts = _earliest(m, solver, doubles)
    if least is not None:
        found = solver.value(m.lateness) + short_of_apart_weight(m) * _shortfall(doubles, lambda s: solver.value(s.start))
        if found <= least:
            return _plan(m, solver, status)
        early = _plan(m, solver, status, starts)
        # A goal weighted 0 is not minimised: nothing holds its units to what the week costs, at
        # the solver's times or these, and at weight 0 that cost counts for nothing either way.
        same = all(early.score[g].penalty == solver.value(units)
                   for g, units in m.penalties.items() if early.score[g].weight)
        if same and not check_plan(early, m.athlete):
            return early
    solver = _polish(m, solver, settings, doubles)
    if int(solver.value(m.goal_penalty)) != goals:
        raise RuntimeError("the time tie-break changed the goals' penalty: a variable escaped fixing")
    return _plan(m, solver, status)


def _plan(m: WeekModel, solver: cp_model.CpSolver, status, starts: dict[int, int] | None = None) -> Plan:
    """The week in the solver's values, scored; sessions at ``starts`` (slot index -> minute of
    the week) instead of the solver's times when given."""
    sessions = []
    for placement in m.placements:
        if not solver.boolean_value(placement.var):
            continue
        slot = m.slots[placement.slot]
        start = solver.value(slot.start) if starts is None else starts[slot.index]
        session = _session(m, slot.run, placement.kind, placement.window, start, solver.value(slot.minutes))
        if slot.type == "strength":
            lift = next(m.lifts[c] for c, here in slot.lifts.items() if solver.boolean_value(here))
            chosen = [e for e, var in lift.exercises.items() if solver.boolean_value(var)]
            paired = set()  # the first so many chosen of each class and saving the model counts as paired
            for ids, count in lift.supersets.items():
                paired.update([e for e in ids if e in chosen][:solver.value(count)])
            session.exercises = _exercises(m, chosen, paired, m.windows[placement.window].location, session.lower_load)
        sessions.append(session)
    plan = Plan(
        athlete=m.athlete.name,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        proven_optimal=status == cp_model.OPTIMAL,
        sessions=sorted(sessions, key=lambda s: (s.week_start, s.week_end, s.type)),
    )
    return _scored(plan, m)


def _scored(plan: Plan, m: WeekModel, score: dict[str, GoalScore] | None = None) -> Plan:
    """The plan with each goal's score (``score`` when worked out already), its coverage and its rest
    days worked out from its sessions."""
    from constraints import cover, rest_day

    plan.score = score or score_plan(plan, m.athlete, m.scenario.weight)
    plan.coverage = cover.coverage(plan, m.athlete)
    plan.rest_days = rest_day.rest_days(plan, m.athlete)
    return plan


# the most of the solver's own exercises a make-up may add to the missed lift's (0-3: at most 42 weeks tried)
MOST_ADDED = 3


def _keep_made_up(m: WeekModel, plan: Plan) -> Plan:
    """A lift that makes up a missed one as its kind does the missed lift's exercises (those its place
    has the kit for), with as few of the solver's own added as the week needs, if the week is as
    good that way: every checker passes and every goal scores the same weighted (one weighted 0
    counts for nothing). Then "moved" means the same workout on another day, or as much of it as
    the place allows. Without this the solver picked other, equally good exercises for 33 of 38
    such lifts (120 corpus replans). What a make-up still changes, a replan says, and why."""
    from constraints import stable

    for _ in range(len(m.athlete.make_up)):  # one make-up given its exercises may let another have them
        changed = False
        for missed, twin in stable.made_up(plan, m.athlete)[0]:
            if twin is None or twin.kind != missed.kind or not any(missed.swaps(twin)):
                continue
            kit = m.athlete.equipment_at(twin.location)
            kept = [x for x in missed.exercises if x.id in m.library and m.library[x.id].equipment_used(kit) is not None]
            own = [x for x in twin.exercises if all(x.id != k.id for k in missed.exercises)]
            for added in (extra for n in range(min(len(own), MOST_ADDED) + 1) for extra in combinations(own, n)):
                doing = [*kept, *added]  # as one session lists them: in order, those from a superset paired again
                if {x.id for x in doing} == {x.id for x in twin.exercises}:
                    break  # what it does already: nothing nearer the missed lift is as good
                listed = _exercises(m, [x.id for x in doing], {x.id for x in doing if x.superset is not None}, twin.location,
                                    twin.lower_load)
                if (same := stable.with_exercises(twin, listed, m.athlete)) is None:
                    continue
                trial = plan.model_copy(update={"sessions": [same if s is twin else s for s in plan.sessions]})
                score = score_plan(trial, m.athlete, m.scenario.weight)
                if all(score[g].weighted == plan.score[g].weighted for g in score) and not check_plan(trial, m.athlete):
                    plan, changed = _scored(trial, m, score), True
                    break
        if not changed:
            break
    return plan


def _session(m: WeekModel, run: int | None, kind: str, window: int, start: int, minutes: int) -> Session:
    day, minute = divmod(start, DAY_MINUTES)
    common = dict(
        day=DAYS[day], start=hhmm(minute), end=hhmm(minute + minutes), minutes=minutes, kind=kind,
        location=m.windows[window].location,
    )
    if run is not None:
        info = catalog().run_kinds[kind]
        return Session(type="run", key=info.key, run=run, label=m.athlete.runs[run].label(), **common)
    info = catalog().strength_kinds[kind]
    # a pinned lift is held at its time as its kind (R-PINNED), and no other session overlaps it
    name = next((p.name for p in m.athlete.strength.pinned if (p.start, p.kind) == (start, kind) and p.name), None)
    return Session(type="strength", lower_load=info.lower_load, label=name or info.label, **common)


# Order within a session: power while fresh, then the big lifts, accessories, holds, mobility.
EXERCISE_ORDER = {"plyometric": 0, "compound": 1, "prehab": 2, "isometric": 3, "mobility": 4}


def _pair_supersets(ordered: list[str], flagged: set[str], library) -> dict[str, int]:
    """Match every flagged exercise with a partner of the other class (upper-body with not):
    flagged with flagged first, then with unflagged partners (their rest saves no whole minute).
    The model's counting constraints guarantee such a matching exists."""
    uppers = [e for e in ordered if library[e].upper]
    others = [e for e in ordered if not library[e].upper]
    need_u = [e for e in uppers if e in flagged]
    need_o = [e for e in others if e in flagged]
    spare_u = [e for e in uppers if e not in flagged]
    spare_o = [e for e in others if e not in flagged]
    pairs = list(zip(need_u, need_o))
    rest_u, rest_o = need_u[len(pairs):], need_o[len(pairs):]
    pairs += list(zip(rest_u, spare_o)) + list(zip(spare_u, rest_o))
    return {e: n for n, pair in enumerate(pairs, start=1) for e in pair}


def _exercises(m: WeekModel, chosen: list[str], paired: set[str], location: str, legs: str) -> list[ExerciseDose]:
    library, athlete = m.library, m.athlete
    kit = athlete.equipment_at(location)
    ordered = sorted(chosen, key=lambda e: (EXERCISE_ORDER[library[e].category], e))
    pair_of = _pair_supersets(ordered, paired, library)
    return [dosed(library[e], athlete, kit, pair_of.get(e), legs) for e in ordered]


def score_plan(plan: Plan, athlete: Athlete | Scenario, weight: Callable[[str], int] | Mapping[str, int] | None = None
               ) -> dict[str, GoalScore]:
    """Score a plan goal by goal with the goals' own scorers (independent of the solver). Runs that
    do not say which scenario run they are are paired first, as ``check_plan`` pairs them.
    ``weight``: each goal's weight, as a function (a scenario's ``weight``) or a mapping of goal to
    weight (the others at their defaults); left out, the scenario's when ``athlete`` is the
    Scenario, else the defaults."""
    from constraints import SOFT_GOALS

    from .week import match_runs

    defaults = catalog().weights
    if weight is None:
        weight = athlete.weight if isinstance(athlete, Scenario) else defaults.__getitem__
    elif isinstance(weight, Mapping):
        weight = {**defaults, **weight}.__getitem__
    elif not callable(weight):
        raise TypeError(f"score_plan's weight is a function of the goal or a mapping of goal to weight, "
                        f"not {type(weight).__name__}")
    athlete = _athlete_of(plan, athlete, "score_plan")
    plan = match_runs(plan, athlete)
    out = {}
    for goal in SOFT_GOALS:
        penalty, notes = goal.score(plan, athlete)
        out[goal.GOAL] = GoalScore(weight=weight(goal.GOAL), penalty=penalty, notes=notes)
    return out


def _athlete_of(plan: Plan, athlete: Athlete | Scenario, where: str) -> Athlete:
    """The athlete to judge ``plan`` for; a TypeError naming the argument for anything else."""
    expect(plan, Plan, where, "from plan_week, or Plan.model_validate_json of a saved plan")
    if isinstance(athlete, Scenario):
        return athlete.athlete
    expect(athlete, Athlete, where, "the scenario's athlete, or the Scenario")
    return athlete


def check_plan(plan: Plan, athlete: Athlete | Scenario) -> list[str]:
    """Every hard rule's checker over a plan: the list of broken rules in words (empty if none).
    A run that does not say which scenario run it is (a week built by hand) is paired with one
    first, as ``stridelift check`` does (``week.match_runs``). ``athlete``: the scenario's, or
    the scenario itself."""
    from constraints import HARD_RULES

    from .week import match_runs

    athlete = _athlete_of(plan, athlete, "check_plan")
    plan = match_runs(plan, athlete)
    return [problem for rule in HARD_RULES for problem in rule.check(plan, athlete)]
