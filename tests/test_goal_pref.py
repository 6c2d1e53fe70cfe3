"""S-PREF: one unit per strength session off a preferred day, outside the preferred
strength time, or away from the preferred location, and per run outside the preferred run time."""

from __future__ import annotations

import pytest
from conftest import FULL_GYM, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_with_units

from constraints import pref as goal

GOAL = "S-PREF"


def score(preferences, *sessions):
    return goal.score(plan_of(*sessions), make_athlete(preferences=preferences))


@pytest.mark.parametrize(
    "session, expected",
    [
        (lift("upper_core", "tue", "18:00", "18:30"), 0),
        (lift("upper_core", "thu", "18:00", "18:30"), 0),
        (lift("upper_core", "wed", "18:00", "18:30"), 1),
        (run("easy", "wed", "18:00", "18:30"), 0),  # strength days say nothing about runs
    ],
)
def test_strength_days(session, expected):
    total, notes = score({"strength_days": ["tue", "thu"]}, session)
    assert total == expected == len(notes)


@pytest.mark.parametrize("location, expected", [("gym", 0), ("home", 1)])
def test_strength_location(location, expected):
    assert score({"strength_location": "gym"}, lift("prehab", "mon", "18:00", "18:20", location))[0] == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("17:00", "17:40", 0),  # starts as the span opens
        ("20:20", "21:00", 0),  # ends as it closes
        ("16:59", "17:39", 1),
        ("20:21", "21:01", 1),
        ("06:00", "06:40", 1),
    ],
)
def test_strength_time(start, end, expected):
    assert score({"strength_time": "17:00-21:00"}, lift("full_body", "mon", start, end))[0] == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [("06:00", "06:45", 0), ("08:15", "09:00", 0), ("05:59", "06:44", 1), ("08:16", "09:01", 1), ("18:00", "18:45", 1)],
)
def test_run_time(start, end, expected):
    assert score({"run_time": "06:00-09:00"}, run("easy", "tue", start, end))[0] == expected


def test_run_time_says_nothing_about_lifts_and_strength_time_nothing_about_runs():
    prefs = {"run_time": "06:00-09:00", "strength_time": "17:00-21:00"}
    assert score(prefs, lift("upper_core", "tue", "18:00", "18:30"), run("easy", "tue", "07:00", "07:45"))[0] == 0


def test_a_lift_missing_every_wish_costs_three():
    prefs = {"strength_days": ["tue"], "strength_location": "gym", "strength_time": "17:00-21:00"}
    total, notes = score(prefs, lift("full_body", "wed", "06:00", "06:40", "home"))
    assert total == 3 and len(notes) == 3 and all(n.endswith("(+1)") for n in notes)


def test_every_session_counts():
    prefs = {"strength_days": ["tue"], "run_time": "06:00-09:00"}
    total, _ = score(
        prefs,
        lift("upper_core", "mon", "18:00", "18:30"),
        lift("upper_core", "wed", "18:00", "18:30"),
        run("easy", "mon", "18:30", "19:15", 0),
        run("easy", "thu", "07:00", "07:45", 1),
    )
    assert total == 3


def test_no_preferences_no_penalty():
    assert score({}, lift("full_body", "wed", "03:00", "03:40", "home"), run("easy", "mon", "23:00", "23:45"))[0] == 0


# ---- solver vs scorer ----------------------------------------------------------------

@pytest.mark.parametrize(
    "fields",
    [
        # the only gym window is on Monday; Tuesday and Thursday are preferred
        dict(availability={"mon": ["18:00-19:00 gym"], "wed": ["06:00-07:00 home"]},
             strength={"sessions": 2}, preferences={"strength_days": ["tue", "thu"], "strength_location": "gym"}),
        # windows straddle the preferred times: some sessions fit inside, some cannot
        dict(availability={"mon": ["16:30-18:00 gym"], "wed": ["05:00-07:00 home"], "fri": ["12:00-12:50 gym"]},
             runs=[{"kind": "easy", "minutes": 45}, {"kind": "easy", "minutes": 50}],
             strength={"sessions": 2}, preferences={"strength_time": "17:00-21:00", "run_time": "06:00-09:00"}),
    ],
)
def test_solver_penalty_matches_the_scorer(fields):
    scenario = make_scenario(**fields)
    plan, units, objective = solve_with_units(scenario)
    scored, _ = goal.score(plan, scenario.athlete)
    assert units[GOAL] == scored == plan.score[GOAL].penalty
    assert scored > 0
    assert objective == plan.total_penalty


# ---- encoder preferences ----------------------------------------------------------

@pytest.mark.parametrize("preferred", ["mon", "thu"])
def test_encoder_lifts_on_the_preferred_day(preferred):
    scenario = make_scenario(
        availability={"mon": ["18:00-19:00 gym"], "thu": ["18:00-19:00 gym"]},
        strength={"sessions": 1},
        preferences={"strength_days": [preferred]},
    )
    plan = solve_optimal(scenario)
    (only,) = plan.lifts()
    assert only.day == preferred and plan.score[GOAL].penalty == 0


@pytest.mark.parametrize("preferred", ["home", "gym"])
def test_encoder_lifts_at_the_preferred_location(preferred):
    scenario = make_scenario(
        locations={"home": FULL_GYM, "gym": FULL_GYM},  # the same kit: only the wish tells them apart
        availability={"mon": ["18:00-19:00 home"], "thu": ["18:00-19:00 gym"]},
        strength={"sessions": 1, "include": ["upper_core"]},
        preferences={"strength_location": preferred},
    )
    (only,) = solve_optimal(scenario).lifts()
    assert only.location == preferred


def test_encoder_starts_the_lift_inside_the_preferred_time():
    """Unpreferred, the lift starts as the window opens (16:00); preferred 18:30-20:00, it
    starts at 18:30 at the earliest."""
    fields = dict(availability={"wed": ["16:00-20:00 gym"]}, strength={"sessions": 1, "include": ["prehab"]})
    (free,) = solve_optimal(make_scenario(**fields)).lifts()
    assert free.start == "16:00"
    plan = solve_optimal(make_scenario(**fields, preferences={"strength_time": "18:30-20:00"}))
    (only,) = plan.lifts()
    assert only.start == "18:30" and plan.score[GOAL].penalty == 0


def test_encoder_starts_the_run_inside_the_preferred_time():
    fields = dict(availability={"sat": ["05:00-10:00 home"]}, runs=[{"kind": "long", "minutes": 120}], strength={"sessions": 0})
    assert solve_optimal(make_scenario(**fields)).runs()[0].start == "05:00"
    plan = solve_optimal(make_scenario(**fields, preferences={"run_time": "06:30-09:00"}))
    assert plan.runs()[0].start == "06:30" and plan.score[GOAL].penalty == 0


def test_encoder_pays_the_preference_when_the_rules_demand():
    """The only lift window is away from the preferred day: the lift still happens (R-FREQ)."""
    scenario = make_scenario(
        availability={"wed": ["18:00-19:00 gym"]},
        strength={"sessions": 1},
        preferences={"strength_days": ["tue"]},
    )
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) == 1 and plan.score[GOAL].penalty == 1
