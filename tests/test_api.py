"""The library call, the example scenarios, determinism, and the solver's own accounting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optimizer import check_plan, load_scenario, plan_week, score_plan
from optimizer.build import build_week
from optimizer.solve import SolveSettings, solve_week

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if not p.name.startswith("club_"))
NO_PLAN = {"no_plan_heavy_before_long.yaml"}


def test_library_call_from_the_readme():
    from optimizer import load_scenario, plan_week

    plan = plan_week(load_scenario(ROOT / "scenarios" / "marathon_base.yaml"))
    assert plan.status == "optimal" and plan.proven_optimal
    assert plan.sessions and set(plan.score) == {"S-STACK", "S-SPREAD", "S-COVER", "S-PREF", "S-SHORT", "S-STABLE"}
    assert check_plan(plan, load_scenario(ROOT / "scenarios" / "marathon_base.yaml").athlete) == []


def test_the_required_examples_exist():
    names = {p.name for p in EXAMPLES}
    assert {"marathon_base.yaml", "10k_build.yaml", "busy_parent.yaml", "race_week.yaml",
            "seed002_sample_week.yaml"} <= names
    assert names & NO_PLAN


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_plans_and_passes_every_checker(path):
    scenario = load_scenario(path)
    plan = plan_week(scenario)
    if path.name in NO_PLAN:
        assert plan.status == "infeasible" and plan.problems
        return
    assert plan.status == "optimal"
    assert check_plan(plan, scenario.athlete) == []
    low, high = scenario.athlete.session_range
    assert low <= len(plan.lifts()) <= high


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.name not in NO_PLAN], ids=lambda p: p.stem)
def test_the_solver_objective_equals_the_goals_own_scores(path):
    """The encoders' penalty and the independent scorers agree on the solved week."""
    scenario = load_scenario(path)
    model = build_week(scenario)
    plan = solve_week(model)
    assert model.solved_goal_penalty == plan.total_penalty
    assert plan.score == score_plan(plan, scenario.athlete, scenario.weight)


def test_same_input_same_plan():
    scenario = load_scenario(ROOT / "scenarios" / "10k_build.yaml")
    first = plan_week(scenario).model_dump()
    for _ in range(3):
        assert plan_week(scenario).model_dump() == first


def test_more_workers_keep_the_optimum():
    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    one, two = plan_week(scenario), plan_week(scenario, workers=2)
    assert two.status == "optimal" and two.total_penalty == one.total_penalty
    assert plan_week(scenario, workers=2).model_dump() == two.model_dump()


def test_a_tiny_time_limit_is_reported_honestly():
    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    plan = solve_week(build_week(scenario), SolveSettings(time_limit=0.001))
    assert plan.status in ("feasible", "unknown", "optimal")
    if plan.status == "feasible":
        assert not plan.proven_optimal and check_plan(plan, scenario.athlete) == []
    if plan.status == "unknown":  # the limit said as the work it is, so a fast 'no week in time' makes sense
        assert plan.sessions == [] and plan.problems == [
            "no week found within the time limit (0.001 s, counted as 0.0002 units of CP-SAT work so that any "
            "machine gives the same answer: it may stop before the clock); allow more time"]


def test_a_solve_stopped_by_its_limit_is_still_the_same_every_time(monkeypatch):
    """The limit is also a fixed amount of solver work (WORK_PER_SECOND), so where the search
    stops does not depend on how busy the machine is: the same unproven week every run.

    The rate is lowered here so that the work limit comes first by a wide margin (0.02 units
    against the 0.1 or more this machine does in the half second), on a week that needs several
    times that work to prove its optimum."""
    from benchmarks.generate import synthetic_scenario
    from optimizer import solve
    from optimizer.build import build_week

    scenario, limit, rate = synthetic_scenario(145), 0.5, 0.04
    proof = solve._solver(solve.SolveSettings(time_limit=60))
    proof.parameters.use_objective_lb_search = False  # as under a limit below a second
    proof.solve(build_week(scenario).cp)
    needed = proof.response_proto.deterministic_time
    assert needed > 3 * limit * rate, f"the model got faster: pick a week that needs more than {needed:.3f} units"
    monkeypatch.setattr(solve, "WORK_PER_SECOND", rate)
    plans = [plan_week(scenario, time_limit=limit, explain=False) for _ in range(3)]
    assert plans[0].status == "feasible" and not plans[0].proven_optimal
    assert check_plan(plans[0], scenario.athlete) == []
    assert all(p.model_dump() == plans[0].model_dump() for p in plans)


def _tie_break(plan, m) -> int:
    """The tie-break's value counted from the plan itself: weighted lateness (from the week's
    Monday 00:00, the same up to a constant) plus the penalty for a double's runs closer than
    ``DOUBLE_APART``."""
    from optimizer.build import DOUBLE_APART, lateness_weight, short_of_apart_weight

    late = sum(lateness_weight(s) * s.week_start for s in plan.sessions)  # it reads the type only
    days = {}
    for run in plan.runs():
        days.setdefault(run.day, []).append(run)
    short = sum(max(0, DOUBLE_APART - (b.week_start - a.week_end))
                for a, b in (sorted(runs, key=lambda s: s.week_start) for runs in days.values() if len(runs) == 2))
    return late + short_of_apart_weight(m) * short


def test_the_polish_is_skipped_only_when_it_would_move_nothing():
    """``_earliest``'s tie-break value (weighted lateness and doubles' spacing) must never exceed
    the value the polish reaches (it is a lower bound), so a week found at it is already as good as
    it goes; and on a good share of athletes it is reached, or skipping the polish would buy nothing."""
    from ortools.sat.python import cp_model

    from benchmarks.generate import synthetic_scenario
    from optimizer.build import short_of_apart_weight
    from optimizer.solve import _doubles, _earliest, _polish, _shortfall, _solver

    reached = 0
    for seed in range(40):
        m = build_week(synthetic_scenario(seed))
        solver = _solver(SolveSettings())
        if solver.solve(m.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        doubles = _doubles(m, solver)
        least, _ = _earliest(m, solver, doubles)
        if least is None:
            continue  # a double over two windows: no bound, the polish always runs
        polish = _polish(m, solver, SolveSettings(), doubles)
        found, polished = (s.value(m.lateness) + short_of_apart_weight(m) * _shortfall(
            doubles, lambda slot: s.value(slot.start)) for s in (solver, polish))
        assert least <= polished <= found
        if found == least:
            reached += 1
            assert polished == found
    assert reached >= 10


def test_the_earliest_times_taken_without_the_polish_are_the_polish_s_optimum():
    """When the week's choices fit back to back from each window's opening, ``solve_week`` takes
    those times without a second solve. They must be as good for the tie-break as the polish would
    make them (its weighted lateness and doubles' spacing, counted from the plan), cost the goals
    nothing, and break no rule; and the shortcut must be taken on some athletes and turned down on
    others (a gap, a pin or a double in the way), and taken on a week with a double, or one branch
    is untested."""
    from ortools.sat.python import cp_model

    from benchmarks.generate import synthetic_scenario
    from optimizer.solve import _doubles, _earliest, _plan, _polish, _solver, solve_week

    taken = declined = spaced = 0
    for seed in range(60):
        scenario = synthetic_scenario(seed)
        m = build_week(scenario)
        solver = _solver(SolveSettings())
        if solver.solve(m.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        doubles = _doubles(m, solver)
        least, starts = _earliest(m, solver, doubles)
        if not doubles and solver.value(m.lateness) <= least:
            continue  # already as early as it goes: neither path runs
        best = _tie_break(_plan(m, _polish(m, solver, SolveSettings(), doubles), cp_model.OPTIMAL), m)
        plan = solve_week(build_week(scenario))
        assert check_plan(plan, scenario.athlete) == []
        assert plan.total_penalty == int(solver.value(m.goal_penalty))
        assert _tie_break(plan, m) == best
        at_earliest = sorted(s.week_start for s in plan.sessions) == sorted(starts.values())
        taken += at_earliest
        declined += not at_earliest
        spaced += bool(doubles) and at_earliest
    assert taken >= 3 and declined >= 1 and spaced >= 1


def test_a_goal_weighted_0_does_not_turn_the_shortcut_down(monkeypatch):
    """A goal weighted 0 is not minimised, so the solver may leave its penalty units above what the
    week truly costs. The early-times shortcut must not read that as "the goals changed" and pay
    for a second solve: corpus athlete 24 (S-COVER weighted 0) needs the tie-break, and its early
    week must be taken as is, as good as the polish's and breaking no rule."""
    from ortools.sat.python import cp_model

    from benchmarks.generate import synthetic_scenario
    from optimizer import solve
    from optimizer.solve import _doubles, _plan, _polish, _solver

    scenario = synthetic_scenario(24)
    assert 0 in scenario.weights.values()
    m = build_week(scenario)
    solver = _solver(SolveSettings())
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    best = _tie_break(_plan(m, _polish(m, solver, SolveSettings(), _doubles(m, solver)), cp_model.OPTIMAL), m)
    assert _tie_break(_plan(m, solver, cp_model.OPTIMAL), m) > best  # the week found needs the tie-break

    def no_polish(*_):
        raise AssertionError("the polish ran")

    monkeypatch.setattr(solve, "_polish", no_polish)
    plan = solve_week(build_week(scenario))
    assert check_plan(plan, scenario.athlete) == []
    assert plan.total_penalty == int(solver.value(m.goal_penalty))
    assert _tie_break(plan, m) == best


def test_the_readme_python_block_runs_as_a_script_file(tmp_path):
    """Saved as a file and run with ``python``, as a reader would: the club's worker processes
    import the script again, which only the block's own guard makes safe."""
    import subprocess
    import sys

    block = (ROOT / "README.md").read_text().split("From Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    script = tmp_path / "readme_example.py"
    script.write_text(block)
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "('Ana Ruiz', 'optimal')" in done.stdout


def test_the_readme_python_block_runs_as_written(monkeypatch):
    """The README's "From Python" block is the library's front door: run it as printed, from a
    clone's root, and hold each result to what its comments promise."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("From Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    names: dict = {"__name__": "__main__"}  # as a script run with `python script.py`
    exec(compile(block, "README.md", "exec"), names)  # noqa: S102  (the project's own README)
    assert names["plan"].status == "optimal" and check_plan(names["plan"], names["scenario"].athlete) == []
    new, rest = names["new"], names["rest"]
    assert new.status == "optimal" and new.changes
    assert check_plan(names["in_rest_numbering"](new), rest.athlete) == []
    season = names["season"]
    assert [w.phase for w in season.weeks][-2:] == ["race", "recovery"]
    assert all(w.plan.status == "optimal" for w in season.weeks)
    assert len(season.summary()) == len(season.weeks)
    assert names["club"].members and all(m.planned for m in names["club"].members)


def test_a_copy_with_other_availability_plans_from_its_own_windows():
    """``model_copy(update=...)`` is pydantic's way to make a variant. The athlete works its windows
    out once; a copy made after planning used to carry the original's and planned on days it no
    longer has (an API audit)."""
    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    assert plan_week(scenario).status == "optimal"  # the original's windows are worked out now
    only = {"tue": ("18:30-20:30 home",), "sat": ("07:00-10:00 home",)}
    athlete = scenario.athlete.model_copy(update={"availability": only})
    assert {w.day for w in athlete.windows} == {1, 5}
    plan = plan_week(scenario.model_copy(update={"athlete": athlete}))
    assert {s.day for s in plan.sessions} <= {"tue", "sat"}


def test_each_entry_point_names_what_it_takes_when_given_something_else():
    """A dict, a path or a Scenario where another object belongs: a TypeError naming the function
    and what to pass, not an AttributeError from deep inside (an API audit)."""
    from optimizer import in_rest_numbering, plan_club, plan_season, replan

    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    plan = plan_week(scenario)
    cases = [
        (lambda: check_plan(plan.model_dump(), scenario.athlete), "check_plan takes a Plan"),
        (lambda: check_plan(plan, {"name": "x"}), "check_plan takes an Athlete (the scenario's athlete, or the Scenario)"),
        (lambda: replan(scenario, plan.model_dump_json(), "wed"), "replan takes a Plan"),
        (lambda: replan(scenario.model_dump(), plan, "wed"), "replan takes a Scenario"),
        (lambda: replan(scenario, plan, "wed", missed=1), "replan's missed takes a day or a list of days, not int"),
        (lambda: in_rest_numbering({}), "in_rest_numbering takes a Plan"),
        (lambda: plan_season("scenarios/marathon_base.yaml", "2027-04-18"), "plan_season takes a Scenario"),
        (lambda: plan_club("scenarios/club_riverside.yaml", jobs=1), "plan_club takes a Club (from load_club)"),
        (lambda: score_plan(plan, scenario, 5), "score_plan's weight is a function of the goal or a mapping"),
    ]
    for call, words in cases:
        with pytest.raises(TypeError, match=re.escape(words)):
            call()


def test_check_and_score_take_the_scenario_and_weights_as_a_mapping():
    """``check_plan(plan, scenario)`` is the easy slip, and now the same as the athlete; score_plan's
    weights may be the scenario's (its default), a mapping of goal to weight, or a function."""
    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    plan = plan_week(scenario)
    assert check_plan(plan, scenario) == check_plan(plan, scenario.athlete) == []
    assert score_plan(plan, scenario) == score_plan(plan, scenario.athlete, scenario.weight) == plan.score
    mapped = score_plan(plan, scenario.athlete, {"S-COVER": 3})
    assert mapped["S-COVER"].weight == 3 and mapped["S-STACK"].weight == plan.score["S-STACK"].weight


def test_plan_week_reads_its_day_arguments_as_replan_does():
    """``closed="mon"`` was read letter by letter and 'Funday' let through: one day or a list, any
    case or full name, and a day that is no day is a ScenarioError naming the argument."""
    from optimizer import ScenarioError

    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    with pytest.raises(ScenarioError, match=re.escape("closed: 'Funday' is not a day")):
        plan_week(scenario, closed=["Funday"])
    with pytest.raises(ScenarioError, match=re.escape("done: 'm' is not a day")):
        plan_week(scenario, done=["m"])
    assert plan_week(scenario, closed="Monday").model_dump_json() == plan_week(scenario, closed=["mon"]).model_dump_json()


def test_a_club_built_in_code_is_planned_from_the_package_s_own_names():
    """A platform holds its clubs in a database: ``parse_club`` reads one from data, as
    ``parse_scenario`` reads an athlete, and what ``plan_club`` returns is exported too."""
    from optimizer import Club, ClubPlan, MemberResult, parse_club, plan_club

    athlete = {"name": "Ana", "locations": {"home": ["mat", "bands", "dumbbells"]},
               "availability": {"mon": ["06:00-07:30 home"], "wed": ["18:00-19:30 home"], "sat": ["08:00-10:30 home"]},
               "runs": [{"kind": "easy", "minutes": 40}, {"kind": "long", "minutes": 90}]}
    club = parse_club({"name": "Harriers", "members": [{"athlete": athlete}]})
    assert isinstance(club, Club)
    result = plan_club(club, jobs=1)
    assert isinstance(result, ClubPlan) and all(isinstance(m, MemberResult) for m in result.members)
    [member] = result.members
    assert member.planned and check_plan(member.plan, club.members[0].scenario) == []


def test_a_plan_equals_itself_read_back_from_its_json():
    """``solve_ms`` is wall time and never written, so it made a plan unequal to its own JSON read
    back; two plans that say different things are still unequal."""
    from optimizer import Plan

    plan = plan_week(load_scenario(ROOT / "scenarios" / "marathon_base.yaml"))
    assert plan.solve_ms > 0
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan and again.solve_ms == 0
    assert plan != again.model_copy(update={"rest_days": []}) and plan != plan.model_dump()
