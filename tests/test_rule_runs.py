"""R-RUNS: every run of the athlete's running plan is in the week, exactly once."""

from __future__ import annotations

from conftest import assert_infeasible, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without, with_rule

from constraints import runs as rule

RUNS = [{"kind": "easy", "minutes": 45}, {"kind": "tempo", "minutes": 60}]


def athlete():
    return make_athlete(runs=RUNS)


def full_week():
    return [run("easy", "mon", "06:00", "06:45", 0), run("tempo", "wed", "06:00", "07:00", 1)]


def test_every_run_once_passes():
    assert rule.check(plan_of(*full_week()), athlete()) == []


def test_missing_run_fails():
    problems = rule.check(plan_of(full_week()[0]), athlete())
    assert len(problems) == 1
    assert "R-RUNS" in problems[0] and "#2" in problems[0] and "missing" in problems[0]


def test_a_run_a_replan_dropped_is_still_missing_and_says_why():
    """A replanned week holds the runs it dropped in ``dropped_runs``: R-RUNS still reports the run
    missing (the week lacks it), and says a replan dropped it; a run missing otherwise says no such thing."""
    easy, tempo = full_week()
    week = plan_of(easy).model_copy(update={"dropped_runs": [tempo]})
    [problem] = rule.check(week, athlete())
    assert problem.startswith("R-RUNS: run #2 (tempo 60 min) is missing from the week")
    assert problem.endswith("; a replan dropped it (see the week's changes)")
    [other] = rule.check(plan_of(tempo).model_copy(update={"dropped_runs": [tempo]}), athlete())
    assert "#1" in other and "replan" not in other


def test_duplicated_run_fails():
    week = full_week() + [run("tempo", "fri", "06:00", "07:00", 1)]
    problems = rule.check(plan_of(*week), athlete())
    assert with_rule(problems, "R-RUNS") and any("twice" in p for p in problems)


def test_wrong_minutes_fails():
    week = [run("easy", "mon", "06:00", "06:50", 0), full_week()[1]]  # 50 min, the plan asks 45
    problems = rule.check(plan_of(*week), athlete())
    assert len(problems) == 1 and "R-RUNS" in problems[0] and "45" in problems[0]


def test_wrong_kind_fails():
    week = [run("recovery", "mon", "06:00", "06:45", 0), full_week()[1]]
    assert with_rule(rule.check(plan_of(*week), athlete()), "R-RUNS")


def test_invented_run_fails():
    week = full_week() + [run("easy", "sat", "06:00", "06:45", None)]
    problems = rule.check(plan_of(*week), athlete())
    assert len(problems) == 1 and "R-RUNS" in problems[0] and "not one of" in problems[0]


def test_run_index_out_of_range_fails():
    week = full_week() + [run("easy", "sat", "06:00", "06:45", 7)]
    assert with_rule(rule.check(plan_of(*week), athlete()), "R-RUNS")


def test_no_runs_asked_none_planned_passes():
    assert rule.check(plan_of(), make_athlete(runs=[])) == []


# ---- encoder ---------------------------------------------------------------------

def _tempting():
    """Every run window lies outside the preferred run time (S-PREF, 1 unit a run), so
    dropping runs would lower the penalty: only R-RUNS keeps them in the week."""
    return make_scenario(
        availability={d: ["18:00-19:30 home"] for d in ("mon", "tue", "wed", "thu", "fri")},
        runs=[{"kind": "easy", "minutes": 45}, {"kind": "tempo", "minutes": 60}, {"kind": "easy", "minutes": 30}],
        strength={"sessions": 0},
        preferences={"run_time": "06:00-08:00"},
    )


def test_encoder_places_every_run_once_even_when_dropping_them_scores_better():
    scenario = _tempting()
    relaxed = solve_without(scenario, rule)
    assert len(relaxed.runs()) < 3, "the scenario should tempt the solver to drop runs"
    plan = solve_optimal(scenario)
    assert sorted(s.run for s in plan.runs()) == [0, 1, 2]
    for s in plan.runs():
        wanted = scenario.athlete.runs[s.run]
        assert (s.kind, s.minutes) == (wanted.kind, wanted.minutes)
    assert plan.score["S-PREF"].penalty == 3  # every run outside the run time: the price of keeping them


def test_run_longer_than_every_window_is_infeasible():
    scenario = make_scenario(
        availability={"mon": ["06:00-07:00 home"], "wed": ["06:00-07:00 home"]},
        runs=[{"kind": "long", "minutes": 90}],
        strength={"sessions": 0},
    )
    assert_infeasible(scenario, "R-RUNS")


def test_runs_are_never_dropped_to_make_rest_days():
    """Four runs need four days; four rest days leave three: no week, and the planner says
    so instead of leaving a run out."""
    scenario = make_scenario(
        availability={d: ["06:00-06:45 home"] for d in ("mon", "tue", "wed", "thu")},
        runs=[{"kind": "easy", "minutes": 45}] * 4,
        strength={"sessions": 0},
        rest_days=4,
    )
    assert_infeasible(scenario, "R-RUNS", "R-REST")
