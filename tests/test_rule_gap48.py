"""R-GAP48: at least 48 clock hours from the end of a heavy lower-body session to the start
of the long run or a race, measured forward round the week (Sunday wraps to Monday)."""

from __future__ import annotations

import pytest
from conftest import (
    FULL_GYM,
    MAT_ONLY,
    assert_infeasible,
    gap_minutes,
    lift,
    make_athlete,
    make_scenario,
    plan_of,
    run,
    solve_optimal,
    solve_without,
)

from constraints import gap48 as rule

HOURS_48 = 48 * 60


def check(*sessions):
    return rule.check(plan_of(*sessions), make_athlete())


# ---- checker: clock-minute boundaries -------------------------------------------

@pytest.mark.parametrize(
    "long_start, ok",
    [
        ("07:59", False),  # 47 h 59 min after the lift ends
        ("08:00", True),  # exactly 48 h
        ("08:01", True),
    ],
)
def test_boundary_is_48_clock_hours(long_start, ok):
    problems = check(lift("heavy_lower", "thu", "07:20", "08:00"), run("long", "sat", long_start, "10:00"))
    assert (problems == []) == ok
    assert all("R-GAP48" in p for p in problems)


@pytest.mark.parametrize("target", ["long", "race"])
def test_thursday_evening_legs_before_saturday_morning_fail(target):
    """The DOMAIN.md example: Thursday 19:00-19:45 heavy, Saturday 08:00 long run: about 36 h."""
    problems = check(lift("heavy_lower", "thu", "19:00", "19:45"), run(target, "sat", "08:00", "10:00"))
    assert len(problems) == 1 and "R-GAP48" in problems[0]


def test_lift_ending_as_the_long_run_starts_fails():
    problems = check(lift("heavy_lower", "sat", "06:00", "06:40"), run("long", "sat", "06:40", "08:40"))
    assert len(problems) == 1 and "R-GAP48" in problems[0]


def test_heavy_legs_right_after_the_long_run_pass():
    """Forward from Saturday 09:40 the next long run is a week later."""
    assert check(run("long", "sat", "07:00", "09:00"), lift("heavy_lower", "sat", "09:00", "09:40")) == []


@pytest.mark.parametrize("kind", ["full_body", "power", "iso_mobility", "upper_core"])
def test_only_heavy_lower_counts(kind):
    assert check(lift(kind, "fri", "18:00", "18:40"), run("long", "sat", "08:00", "10:00")) == []


@pytest.mark.parametrize("kind", ["tempo", "intervals", "hills", "easy"])
def test_only_long_runs_and_races_count(kind):
    assert check(lift("heavy_lower", "thu", "19:00", "19:40"), run(kind, "sat", "08:00", "09:00")) == []


# ---- checker: the week wraps -----------------------------------------------------

@pytest.mark.parametrize(
    "race_day, race_start, ok",
    [
        ("mon", "08:00", False),  # 13 h 20 min
        ("tue", "08:00", False),  # 37 h 20 min
        ("tue", "18:39", False),  # 47 h 59 min
        ("tue", "18:40", True),  # exactly 48 h, across the week's end
    ],
)
def test_sunday_evening_legs_before_an_early_week_race(race_day, race_start, ok):
    problems = check(lift("heavy_lower", "sun", "18:00", "18:40"), run("race", race_day, race_start, "23:00"))
    assert (problems == []) == ok
    assert all("R-GAP48" in p for p in problems)


def test_sunday_legs_after_a_saturday_long_run_pass():
    """The next long run is about six days later, not the one 30 hours earlier."""
    assert check(run("long", "sat", "08:00", "10:00"), lift("heavy_lower", "sun", "18:00", "18:40")) == []


def test_lift_at_sunday_midnight_before_monday_long_run():
    problems = check(lift("heavy_lower", "sun", "23:20", "24:00"), run("long", "mon", "08:00", "10:00"))
    assert len(problems) == 1 and "R-GAP48" in problems[0]


def test_every_pair_is_checked():
    problems = check(
        lift("heavy_lower", "thu", "19:00", "19:40"),
        run("long", "sat", "08:00", "10:00", 0),
        run("race", "fri", "18:00", "19:00", 1),
    )
    assert len(problems) == 2


# ---- encoder ---------------------------------------------------------------------

def test_encoder_keeps_heavy_legs_48h_before_the_long_run():
    """S-STACK wants heavy legs on Thursday evening after the tempo (tier 0), 36 h before
    the 08:00 long run; Monday after the easy run (tier 1) is the legal choice."""
    scenario = make_scenario(
        availability={
            "mon": ["06:00-06:45 home", "18:00-19:00 gym"],
            "thu": ["06:00-07:00 home", "19:00-20:00 gym"],
            "sat": ["08:00-10:00 home"],
        },
        runs=[
            {"kind": "easy", "minutes": 45, "day": "mon"},
            {"kind": "tempo", "minutes": 60, "day": "thu"},
            {"kind": "long", "minutes": 120, "at": "sat 08:00"},
        ],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    relaxed = solve_without(scenario, rule)
    assert relaxed.lifts()[0].day == "thu"
    plan = solve_optimal(scenario)
    (heavy,) = plan.lifts()
    (long_run,) = [s for s in plan.runs() if s.kind == "long"]
    assert heavy.kind == "heavy_lower" and heavy.day == "mon"
    assert gap_minutes(heavy.week_end, long_run.week_start) >= HOURS_48


def test_encoder_wraps_from_saturday_to_monday():
    """Long run Monday 08:00: Saturday evening heavy legs after the tempo (tier 0) would be
    only 37 h before it, counted across the end of the week."""
    scenario = make_scenario(
        availability={
            "mon": ["08:00-10:00 home"],
            "wed": ["18:00-19:00 gym"],
            "sat": ["06:00-07:00 home", "18:00-19:00 gym"],
        },
        runs=[
            {"kind": "long", "minutes": 120, "at": "mon 08:00"},
            {"kind": "tempo", "minutes": 60, "day": "sat"},
        ],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    relaxed = solve_without(scenario, rule)
    assert relaxed.lifts()[0].day == "sat"
    plan = solve_optimal(scenario)
    (heavy,) = plan.lifts()
    assert heavy.day == "wed"


def test_encoder_allows_heavy_legs_on_sunday_after_the_long_run():
    """Sunday (day after the long run: S-STACK tier 1) beats Wednesday (tier 2): the gap
    forward to next Saturday is almost six days, so the rule must not push the lift away."""
    scenario = make_scenario(
        availability={"wed": ["18:00-19:00 gym"], "sat": ["07:00-09:00 home"], "sun": ["18:00-19:00 gym"]},
        runs=[{"kind": "long", "minutes": 120, "at": "sat 07:00"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    (heavy,) = solve_optimal(scenario).lifts()
    assert heavy.day == "sun"


def test_encoder_allows_heavy_legs_right_after_the_long_run():
    scenario = make_scenario(
        availability={"wed": ["18:00-19:00 gym"], "sat": ["07:00-10:00 gym"]},
        runs=[{"kind": "long", "minutes": 120, "at": "sat 07:00"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    plan = solve_optimal(scenario)
    (heavy,) = plan.lifts()
    assert (heavy.day, heavy.start) == ("sat", "09:00")


@pytest.mark.parametrize(
    "thursday_window, feasible",
    [
        ("06:00-08:00", True),
        ("07:20-08:00", True),  # a 40-min session fills it and ends Thursday 08:00: exactly 48 h
        ("07:41-09:00", False),  # 20 min at least (R-LEN): it ends 08:01 or later, 47 h 59 min at most
        ("14:00-15:00", False),  # about 41 h: the DOMAIN example's kind of week
    ],
)
def test_only_heavy_capable_window_too_close_to_the_long_run(thursday_window, feasible):
    scenario = make_scenario(
        locations={"home": MAT_ONLY, "gym": FULL_GYM},
        availability={"mon": ["18:00-19:00 home"], "thu": [f"{thursday_window} gym"], "sat": ["08:00-10:00 home"]},
        runs=[{"kind": "long", "minutes": 120, "at": "sat 08:00"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    if feasible:
        (heavy,) = solve_optimal(scenario).lifts()
        assert heavy.day == "thu" and gap_minutes(heavy.week_end, 5 * 1440 + 8 * 60) >= HOURS_48
    else:
        assert_infeasible(scenario, "R-GAP48")
