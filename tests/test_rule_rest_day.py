"""R-REST: at least ``rest_days`` full days with no run and no strength session; with
``rest_day_mobility`` an isometric + mobility session may sit on a rest day."""

from __future__ import annotations

import pytest
from conftest import ALL_DAYS, assert_infeasible, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import rest_day as rule
from optimizer import ScenarioError


def busy_days(*days):
    return [run("easy", d, "06:00", "06:45", i) for i, d in enumerate(days)]


SIX = ("mon", "tue", "wed", "thu", "fri", "sat")


def test_one_free_day_passes():
    assert rule.check(plan_of(*busy_days(*SIX)), make_athlete()) == []


def test_no_free_day_fails():
    problems = rule.check(plan_of(*busy_days(*ALL_DAYS)), make_athlete())
    assert len(problems) == 1 and "R-REST" in problems[0]


def test_a_lift_alone_spoils_a_rest_day():
    week = plan_of(*busy_days(*SIX), lift("upper_core", "sun", "18:00", "18:30"))
    assert len(rule.check(week, make_athlete())) == 1


@pytest.mark.parametrize("rest_days, free, ok", [(2, 1, False), (2, 2, True), (3, 2, False), (1, 0, False), (1, 1, True)])
def test_rest_days_count(rest_days, free, ok):
    week = plan_of(*busy_days(*ALL_DAYS[: 7 - free]))
    problems = rule.check(week, make_athlete(rest_days=rest_days))
    assert (problems == []) == ok
    assert all("R-REST" in p for p in problems)


@pytest.mark.parametrize(
    "mobility, kind, ok",
    [
        (True, "iso_mobility", True),  # light mobility on the rest day, allowed
        (True, "prehab", False),  # only the isometric + mobility session is allowed
        (True, "upper_core", False),
        (False, "iso_mobility", False),
    ],
)
def test_rest_day_mobility(mobility, kind, ok):
    week = plan_of(*busy_days(*SIX), lift(kind, "sun", "18:00", "18:20"))
    problems = rule.check(week, make_athlete(rest_day_mobility=mobility))
    assert (problems == []) == ok
    assert all("R-REST" in p for p in problems)


# ---- encoder ---------------------------------------------------------------------

WEEKDAY_RUNS = [
    {"kind": "easy", "minutes": 45, "day": "mon"},
    {"kind": "tempo", "minutes": 60, "day": "tue"},
    {"kind": "easy", "minutes": 45, "day": "wed"},
    {"kind": "intervals", "minutes": 60, "day": "thu"},
    {"kind": "easy", "minutes": 45, "day": "fri"},
]
# each weekday window holds its run and nothing else, so lifting means the weekend
WEEKDAY_WINDOWS = {
    "mon": ["06:00-06:45 home"], "tue": ["06:00-07:00 home"], "wed": ["06:00-06:45 home"],
    "thu": ["06:00-07:00 home"], "fri": ["06:00-06:45 home"],
}
WEEKEND = {"sat": ["18:00-19:00 gym"], "sun": ["18:00-19:00 gym"]}


@pytest.mark.parametrize("rest_days, lifts, phase", [(1, 1, "base"), (2, 0, "taper")])
def test_encoder_keeps_the_rest_days_though_coverage_wants_weekend_lifts(rest_days, lifts, phase):
    """Up to two lifts, only possible on Saturday and Sunday. Each lift meets more
    group targets (x 100 of S-COVER) than it can cost in S-STACK (2 x 15), S-SPREAD (25)
    and S-SHORT (25), so the solver lifts on every free weekend day the rest-day rule
    leaves it; two rest days leave none, which only the taper allows (R-FREQ keeps one lift
    in season: see the next test)."""
    scenario = make_scenario(
        availability={**WEEKDAY_WINDOWS, **WEEKEND},
        runs=WEEKDAY_RUNS,
        strength={"sessions": [0, 2]},
        rest_days=rest_days,
        phase=phase,
        weights={"S-COVER": 100},
    )
    assert len(solve_without(scenario, rule).lifts()) == 2
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) == lifts
    assert len(rule.rest_days(plan, scenario.athlete)) >= rest_days


def test_two_rest_days_and_the_season_lift_that_needs_one_of_them_conflict():
    scenario = make_scenario(availability={**WEEKDAY_WINDOWS, **WEEKEND}, runs=WEEKDAY_RUNS,
                             strength={"sessions": [0, 2]}, rest_days=2)
    assert_infeasible(scenario, "R-REST", "R-FREQ")


def _six_run_days(**fields):
    windows = {**WEEKDAY_WINDOWS, "sat": ["07:00-09:00 home"], "sun": ["18:00-19:00 gym"]}
    runs = WEEKDAY_RUNS + [{"kind": "long", "minutes": 120, "day": "sat"}]
    return make_scenario(availability=windows, runs=runs, **fields)


def test_encoder_allows_only_mobility_on_the_rest_day():
    """One lift, and Sunday is the only day with room for it. S-COVER wants the compound
    pillar, which an isometrics + mobility session cannot hold; with rest_day_mobility
    only that kind keeps Sunday a rest day."""
    scenario = _six_run_days(strength={"sessions": 1}, rest_day_mobility=True)
    assert solve_without(scenario, rule).lifts()[0].kind != "iso_mobility"
    plan = solve_optimal(scenario)
    (mobility,) = plan.lifts()
    assert (mobility.kind, mobility.day) == ("iso_mobility", "sun")


def test_lift_only_possible_on_the_rest_day_is_infeasible_without_rest_day_mobility():
    assert_infeasible(_six_run_days(strength={"sessions": 1}, rest_day_mobility=False), "R-REST")


NO_LIFTING = {"sessions": 0, "exclude": ["heavy_lower", "full_body", "power", "upper_core", "iso_mobility", "prehab"]}


def test_runs_needing_every_day_is_infeasible():
    """A window every day, a run for every day (each window holds one run), one rest day asked."""
    scenario = make_scenario(
        availability={d: ["06:00-06:45 home"] for d in ALL_DAYS},
        runs=[{"kind": "easy", "minutes": 45}] * 7,
        strength=NO_LIFTING,
        rest_days=1,
    )
    assert_infeasible(scenario, "R-REST")


def test_seven_runs_and_a_rest_day_need_a_double_day():
    seven = dict(availability={d: ["06:00-06:45 home", "18:00-18:45 home"] for d in ALL_DAYS},
                 runs=[{"kind": "easy", "minutes": 45}] * 7, strength=NO_LIFTING)
    assert_infeasible(make_scenario(**seven), "R-REST")
    plan = solve_optimal(make_scenario(**seven, allow_doubles=True))
    assert len(plan.runs()) == 7 and len({s.day for s in plan.runs()}) <= 6


def test_rest_days_zero_is_refused():
    """R-REST is a hard rule: a scenario may ask for more rest days, never none."""
    with pytest.raises(ScenarioError, match=r"rest_days: 0 is too small; it must be at least 1"):
        make_scenario(rest_days=0)


def test_plan_rest_days_lists_a_mobility_only_rest_day():
    """Plan.rest_days is what renderers show as the week's rest days; a day holding only
    the mobility session that rest_day_mobility allows is a rest day by R-REST."""
    scenario = _six_run_days(strength={"sessions": 1}, rest_day_mobility=True)
    plan = solve_optimal(scenario)
    assert rule.rest_days(plan, scenario.athlete) == ["sun"]
    assert plan.rest_days == ["sun"]
