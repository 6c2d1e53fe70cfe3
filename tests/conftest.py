"""Shared helpers for the per-rule tests (tests/test_rule_*.py, tests/test_goal_*.py).

Hand-made weeks
    ``session(...)``, ``run(...)``, ``lift(...)`` build one ``optimizer.plan.Session``
    (minutes from start/end; ``key`` and ``lower_load`` from the catalogue) and
    ``plan_of(*sessions)`` wraps them in a ``Plan``. Checkers and scorers read
    nothing else, so a rule can be tested on a week written by hand. ``workout(...)``
    builds a strength session with its exercises (``exercise_dose``) dosed for the
    athlete, lasting what they take.

Scenarios
    ``make_scenario(**athlete_fields)`` builds a validated ``Scenario`` through
    ``optimizer.parse_scenario`` with sensible defaults (two locations, home and
    gym, and a window at each every day) and the soft-goal weights pinned (``WEIGHTS``).

Solving
    ``solve(scenario)`` calls ``plan_week`` and asserts the project standard: every
    plan the solver hands back passes every checker (``check_plan == []``).
    ``solve_with_units(scenario)`` also returns each soft goal's penalty units as
    the *encoder* saw them, so tests can hold encoder and scorer to each other.
    ``solve_without(scenario, rule)`` solves with one hard rule's encoder switched
    off: encoder tests use it to show their scenario really tempts the solver to
    break the rule, so that the rule, not luck, is what keeps the real plan right.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import optimizer.solve as solve_module
from constraints import HARD_RULES
from optimizer import Plan, Scenario, check_plan, parse_scenario, plan_week
from optimizer.build import build_week
from optimizer.catalog import catalog
from optimizer.clock import DAY_MINUTES, DAYS, parse_hhmm
from optimizer.plan import ExerciseDose, Session
from optimizer.prescribe import dose

ALL_DAYS = DAYS

DEFAULT_LOCATIONS: dict[str, list[str]] = {
    "home": ["mat", "dumbbells"],
    "gym": ["barbell", "rack", "dumbbells", "box"],
}


# A gym with enough kit for any kind of session, and a room with a mat and nothing else.
FULL_GYM: list[str] = ["barbell", "rack", "bench", "dumbbells", "kettlebell", "box", "machines", "cable", "bands"]
MAT_ONLY: list[str] = ["mat"]


def default_availability() -> dict[str, list[str]]:
    return {d: ["06:00-08:00 home", "18:00-20:00 gym"] for d in DAYS}


def athlete_dict(**fields: Any) -> dict[str, Any]:
    """The athlete block with defaults; keyword arguments replace whole fields."""
    athlete: dict[str, Any] = {
        "name": "Test Runner",
        "locations": DEFAULT_LOCATIONS,
        "availability": default_availability(),
    }
    athlete.update(fields)
    return athlete


# The encoder tests reason about trade-offs between goals ("two S-STACK tiers cost more
# than one S-SPREAD pair"), so they pin the weights they reason with (the catalogue's
# defaults when these tests were written) instead of inheriting whatever the defaults become.
WEIGHTS: dict[str, int] = {"S-STACK": 15, "S-SPREAD": 25, "S-COVER": 20, "S-PREF": 10, "S-SHORT": 1}


def make_scenario(weights: dict[str, int] | None = None, **athlete_fields: Any) -> Scenario:
    """A validated Scenario: athlete defaults overridden by ``athlete_fields``; soft-goal
    weights ``WEIGHTS`` overridden by ``weights``."""
    data: dict[str, Any] = {"athlete": athlete_dict(**athlete_fields), "weights": {**WEIGHTS, **(weights or {})}}
    return parse_scenario(data)


def make_athlete(**athlete_fields: Any):
    return make_scenario(**athlete_fields).athlete


# ---- hand-made sessions and plans -------------------------------------------


def session(
    type: str,
    day: str,
    start: str,
    end: str,
    kind: str,
    location: str = "home",
    *,
    run: int | None = None,
    minutes: int | None = None,
    key: bool | None = None,
    lower_load: str | None = None,
) -> Session:
    """One session; minutes from start/end unless given, key/lower_load from the catalogue."""
    if minutes is None:
        minutes = parse_hhmm(end) - parse_hhmm(start)
    fields: dict[str, Any] = dict(type=type, day=day, start=start, end=end, minutes=minutes, kind=kind, location=location)
    if type == "run":
        fields["key"] = catalog().run_kinds[kind].key if key is None else key
        fields["run"] = run
        fields["label"] = catalog().run_kinds[kind].label
    else:
        fields["lower_load"] = catalog().strength_kinds[kind].lower_load if lower_load is None else lower_load
        fields["label"] = catalog().strength_kinds[kind].label
        if key is not None:
            fields["key"] = key
    return Session(**fields)


def run(kind: str, day: str, start: str, end: str, index: int | None = 0, location: str = "home", **kw: Any) -> Session:
    return session("run", day, start, end, kind, location, run=index, **kw)


def lift(kind: str, day: str, start: str, end: str, location: str = "gym", **kw: Any) -> Session:
    return session("strength", day, start, end, kind, location, **kw)


def exercise_dose(exercise_id: str, athlete, location: str, *, superset: int | None = None, equipment=None) -> ExerciseDose:
    """One exercise of a strength session as the planner would write it for this athlete:
    dose by phase and level, the kit it uses at ``location`` (unless ``equipment`` is given)."""
    exercise = library()[exercise_id]
    d = dose(exercise, athlete.phase, athlete.level)
    if equipment is None:
        equipment = exercise.equipment_used(athlete.equipment_at(location)) or ("bodyweight",)
    return ExerciseDose(
        id=exercise.id, name=exercise.name, category=exercise.category, sets=d.sets, reps=d.reps, seconds=d.seconds,
        per_side=exercise.per_side, load=d.load, equipment=list(equipment), muscles=list(exercise.muscles),
        superset=superset,
    )


def workout(kind: str, day: str, start: str, exercise_ids, athlete, location: str = "gym", *, minutes: int | None = None) -> Session:
    """A strength session with its exercises; its length is what they take (R-LEN's own
    arithmetic, content_minutes), at least the 20-minute floor, unless ``minutes`` is given."""
    from constraints.content import content_minutes

    doses = [exercise_dose(e, athlete, location) for e in exercise_ids]
    _, probe = plus_minutes(day, start, 1)  # a session ends after it starts; the length comes next
    shell = lift(kind, day, start, probe, location, minutes=1).model_copy(update={"exercises": doses})
    if minutes is None:
        minutes = max(catalog().min_strength_minutes, content_minutes(shell, athlete, library()))
    _, end = plus_minutes(day, start, minutes)
    return shell.model_copy(update={"end": end, "minutes": minutes})


def library() -> dict:
    from optimizer.exercises import builtin_library

    return {e.id: e for e in builtin_library()}


def plan_of(*sessions: Session, athlete: str = "Test Runner") -> Plan:
    return Plan(athlete=athlete, status="optimal", sessions=list(sessions))


def plus_minutes(day: str, hhmm_text: str, minutes: int) -> tuple[str, str]:
    """(day, 'HH:MM') ``minutes`` after the given moment, wrapping round the week."""
    week = (DAYS.index(day) * DAY_MINUTES + parse_hhmm(hhmm_text) + minutes) % (7 * DAY_MINUTES)
    d, m = divmod(week, DAY_MINUTES)
    return DAYS[d], f"{m // 60:02d}:{m % 60:02d}"


def with_rule(problems: list[str], rule_id: str) -> list[str]:
    return [p for p in problems if rule_id in p]


# ---- solving ------------------------------------------------------------------


def assert_checks_pass(plan: Plan, scenario: Scenario) -> None:
    problems = check_plan(plan, scenario.athlete)
    assert problems == [], f"the solver returned a plan that breaks a rule: {problems}"
    # S-COVER's "no legal week does more" (``cover.reachable``) holds for every legal week
    beyond = {key: c for key, c in plan.coverage.items() if c.reachable is not None and c.done > c.reachable}
    assert not beyond, f"a legal week does more than S-COVER says any can: {beyond}"


def solve(scenario: Scenario, **kw: Any) -> Plan:
    """plan_week, asserting every plan it returns passes every checker."""
    plan = plan_week(scenario, **kw)
    if plan.status in ("optimal", "feasible"):
        assert_checks_pass(plan, scenario)
    return plan


def solve_optimal(scenario: Scenario, **kw: Any) -> Plan:
    plan = solve(scenario, **kw)
    assert plan.status == "optimal", (plan.status, plan.problems)
    return plan


def assert_infeasible(scenario: Scenario, *rule_ids: str) -> Plan:
    """The scenario has no week, and the explanation names every one of ``rule_ids``."""
    plan = solve(scenario)
    assert plan.status == "infeasible", f"expected no week, got {plan.status}: {plan.sessions}"
    assert plan.sessions == []
    text = "\n".join(plan.problems)
    for rule_id in rule_ids:
        assert rule_id in text, f"{rule_id} not named in {plan.problems}"
    return plan


@contextmanager
def capture_solver():
    """Keep the CpSolver that solve_week uses, to read encoder values after the solve."""
    captured: list[Any] = []
    original = solve_module._solver

    def keeping(settings, *args):
        solver = original(settings, *args)
        captured.append(solver)
        return solver

    solve_module._solver = keeping
    try:
        yield captured
    finally:
        solve_module._solver = original


def solve_with_units(scenario: Scenario) -> tuple[Plan, dict[str, int], int]:
    """Solve once; return the plan, each goal's penalty units in the encoder, and the
    encoder's weighted goal penalty (the objective's first part)."""
    m = build_week(scenario)
    with capture_solver() as solvers:
        plan = solve_module.solve_week(m)
    assert plan.status == "optimal", plan.status
    assert_checks_pass(plan, scenario)
    solver = solvers[-1]
    units = {goal: int(solver.value(expr)) for goal, expr in m.penalties.items()}
    return plan, units, m.solved_goal_penalty


@contextmanager
def rules_switched_off(*rules, shape: bool = True):
    """Temporarily replace the encoders of ``rules`` (constraint modules) by no-ops, and (with
    ``shape``) lift any bound a rule builds into the model's shape (R-FREQ's ``most_lifts``)."""
    names = ("encode", "most_lifts") if shape else ("encode",)
    saved = [(rule, name, getattr(rule, name)) for rule in rules for name in names if hasattr(rule, name)]
    for rule in rules:
        rule.encode = lambda m: None
        if shape and hasattr(rule, "most_lifts"):
            rule.most_lifts = lambda athlete, explain=False: None
    try:
        yield
    finally:
        for rule, name, function in saved:
            setattr(rule, name, function)


def solve_without(scenario: Scenario, *rules) -> Plan:
    """The best week with the given rules' encoders off (every other rule still on).

    Encoder tests call this to show the temptation is real: the relaxed optimum
    must break the rule (asserted by the caller) while keeping every other rule.
    """
    with rules_switched_off(*rules):
        plan = solve_module.solve_week(build_week(scenario))
    assert plan.status == "optimal", plan.status
    others = [p for r in HARD_RULES if r not in rules for p in r.check(plan, scenario.athlete)]
    assert others == [], f"relaxed plan broke other rules: {others}"
    return plan


def gap_minutes(a_end: int, b_start: int) -> int:
    return (b_start - a_end) % (7 * DAY_MINUTES)


def toml_text(data: dict) -> str:
    """``data`` (plain: mappings, lists, text, numbers, booleans) as TOML, which the standard
    library reads but does not write: top-level mappings as tables, the rest inline."""
    import json

    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(str(v))
    plain = "".join(f"{json.dumps(k)} = {value(v)}\n" for k, v in data.items() if not isinstance(v, dict))
    tables = "".join(f"[{json.dumps(k)}]\n" + "".join(f"{json.dumps(n)} = {value(x)}\n" for n, x in v.items())
                     for k, v in data.items() if isinstance(v, dict))
    return plain + tables

