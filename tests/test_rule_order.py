"""R-ORDER: when a run and a strength session with any lower-body load share a day, the run
comes first. Upper body + core (no lower-body load) can go anywhere."""

from __future__ import annotations

import pytest
from conftest import assert_infeasible, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import order as rule

LOADED = ["heavy_lower", "full_body", "power", "iso_mobility", "prehab"]


def check(*sessions):
    return rule.check(plan_of(*sessions), make_athlete())


@pytest.mark.parametrize("kind", LOADED)
def test_loaded_lift_before_the_run_fails(kind):
    problems = check(lift(kind, "tue", "06:00", "06:20", "home"), run("tempo", "tue", "18:00", "19:00"))
    assert len(problems) == 1 and "R-ORDER" in problems[0] and "tue" in problems[0].lower()


def test_upper_core_before_the_run_passes():
    assert check(lift("upper_core", "tue", "06:00", "06:30", "home"), run("tempo", "tue", "18:00", "19:00")) == []


@pytest.mark.parametrize("kind", LOADED + ["upper_core"])
def test_lift_after_the_run_passes(kind):
    assert check(run("easy", "tue", "06:00", "06:45"), lift(kind, "tue", "06:45", "07:05", "home")) == []


def test_lift_starting_a_minute_before_the_run_ends_fails():
    problems = check(run("easy", "tue", "06:00", "06:45"), lift("prehab", "tue", "06:44", "07:04", "home"))
    assert len(problems) == 1 and "R-ORDER" in problems[0]


def test_lift_before_a_run_on_another_day_passes():
    assert check(lift("heavy_lower", "mon", "18:00", "18:40"), run("easy", "tue", "06:00", "06:45")) == []


def test_a_lift_between_two_runs_of_a_day_fails_once():
    problems = rule.check(
        plan_of(
            run("easy", "thu", "06:00", "06:45", 0),
            lift("power", "thu", "12:00", "12:30"),
            run("recovery", "thu", "18:00", "18:30", 1),
        ),
        make_athlete(allow_doubles=True),
    )
    assert len(problems) == 1 and "recovery" in problems[0]


# ---- encoder ---------------------------------------------------------------------

def _pinned_run_mid_window(kind):
    """One window, 06:00-08:30, and an easy run pinned to 07:00-07:45. The lift could go
    06:00 (no late start) or after the run (07:45, 105 minutes late); the objective's
    tie-breaker starts sessions as early as it can, so only R-ORDER sends it after."""
    return make_scenario(
        availability={"tue": ["06:00-08:30 home"]},
        runs=[{"kind": "easy", "minutes": 45, "at": "tue 07:00"}],
        strength={"sessions": 1, "include": [kind]},
    )


def test_encoder_puts_the_run_first_before_a_loaded_lift():
    scenario = _pinned_run_mid_window("prehab")
    relaxed = solve_without(scenario, rule)
    assert relaxed.lifts()[0].start == "06:00"
    plan = solve_optimal(scenario)
    (easy,) = plan.runs()
    (prehab,) = plan.lifts()
    assert easy.week_end <= prehab.week_start


def test_encoder_lets_upper_core_go_first():
    plan = solve_optimal(_pinned_run_mid_window("upper_core"))
    (easy,) = plan.runs()
    (upper,) = plan.lifts()
    assert upper.start == "06:00" and upper.week_end <= easy.week_start


def test_encoder_keeps_a_loaded_lift_out_of_the_morning_before_an_evening_run():
    """Heavy legs is asked for. Tuesday's tempo only fits the evening window; lifting on
    Tuesday morning would be S-STACK tier 0, Wednesday (the day after) is tier 1."""
    scenario = make_scenario(
        availability={"tue": ["06:00-06:50 gym", "18:00-19:00 home"], "wed": ["18:00-19:00 gym"]},
        runs=[{"kind": "tempo", "minutes": 60, "day": "tue"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    relaxed = solve_without(scenario, rule)
    assert relaxed.lifts()[0].day == "tue" and relaxed.lifts()[0].lower_load != "none"
    plan = solve_optimal(scenario)
    (only,) = plan.lifts()
    assert only.day == "wed"


@pytest.mark.parametrize("kind, feasible", [("prehab", False), ("upper_core", True)])
def test_room_only_before_a_pinned_run(kind, feasible):
    scenario = make_scenario(
        availability={"tue": ["06:00-07:45 home"]},
        runs=[{"kind": "easy", "minutes": 45, "at": "tue 07:00"}],
        strength={"sessions": 1, "include": [kind]},
    )
    if feasible:
        (upper,) = solve_optimal(scenario).lifts()
        assert upper.end <= "07:00"
    else:
        assert_infeasible(scenario, "R-ORDER")
