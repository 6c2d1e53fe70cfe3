"""R-AVAIL: every session inside an availability window (day, time and location), no
two sessions at once, and the equipment a strength session needs at that location."""

from __future__ import annotations

import pytest
from conftest import (
    FULL_GYM,
    MAT_ONLY,
    assert_infeasible,
    exercise_dose,
    lift,
    make_athlete,
    make_scenario,
    plan_of,
    run,
    solve_optimal,
    with_rule,
    workout,
)

from constraints import avail as rule
from optimizer.clock import parse_hhmm

LOCATIONS = {"home": MAT_ONLY, "gym": FULL_GYM, "park": []}
AVAILABILITY = {"mon": ["06:00-07:30 home"], "wed": ["18:00-19:30 gym"], "fri": ["07:00-08:00 park"]}


def athlete():
    return make_athlete(locations=LOCATIONS, availability=AVAILABILITY)


@pytest.mark.parametrize(
    "session",
    [
        run("easy", "mon", "06:00", "07:30", location="home"),  # fills the window exactly
        lift("heavy_lower", "wed", "18:00", "18:40"),
        lift("full_body", "wed", "18:50", "19:30"),  # ends as the window closes
        lift("upper_core", "fri", "07:00", "07:30", location="park"),  # bodyweight only: needs nothing
    ],
)
def test_session_inside_a_window_passes(session):
    assert rule.check(plan_of(session), athlete()) == []


@pytest.mark.parametrize(
    "session, why",
    [
        (run("easy", "mon", "05:59", "06:44", location="home"), "starts a minute before the window opens"),
        (run("easy", "mon", "06:46", "07:31", location="home"), "ends a minute after the window closes"),
        (run("easy", "tue", "06:00", "06:45", location="home"), "no window on Tuesday"),
        (run("easy", "mon", "06:00", "06:45", location="gym"), "the Monday window is at home, not the gym"),
        (lift("upper_core", "wed", "18:00", "18:30", location="home"), "the Wednesday window is at the gym"),
    ],
)
def test_session_outside_every_window_fails(session, why):
    problems = rule.check(plan_of(session), athlete())
    assert problems and all("R-AVAIL" in p for p in problems), why


def test_minutes_that_disagree_with_the_clock_fail():
    """A session read from a file is refused (exit 2); this guards a week built otherwise, unvalidated."""
    week = plan_of(run("easy", "mon", "06:00", "06:45", location="home"))
    week.sessions[0].minutes = 40
    problems = rule.check(week, athlete())
    assert len(problems) == 1 and "R-AVAIL" in problems[0] and "40" in problems[0]


def test_overlapping_sessions_fail():
    week = plan_of(run("tempo", "wed", "18:00", "18:45", location="gym"), lift("upper_core", "wed", "18:44", "19:14"))
    problems = rule.check(week, athlete())
    assert len(problems) == 1 and "R-AVAIL" in problems[0] and "tempo" in problems[0] and "upper_core" in problems[0]


def test_back_to_back_sessions_in_one_window_pass():
    week = plan_of(run("tempo", "wed", "18:00", "18:45", location="gym"), lift("upper_core", "wed", "18:45", "19:15"))
    assert rule.check(week, athlete()) == []


def test_a_session_inside_another_overlaps():
    week = plan_of(
        run("easy", "mon", "06:00", "07:30", location="home"),
        lift("prehab", "mon", "06:30", "06:50", location="home"),
    )
    assert any("prehab" in p for p in with_rule(rule.check(week, athlete()), "R-AVAIL"))


@pytest.mark.parametrize("kind", ["heavy_lower", "full_body"])
def test_loaded_lift_at_a_mat_only_location_fails(kind):
    week = plan_of(lift(kind, "mon", "06:00", "06:40", location="home"))
    problems = rule.check(week, athlete())
    assert len(problems) == 1 and "R-AVAIL" in problems[0] and kind in problems[0]


@pytest.mark.parametrize("kind", ["power", "upper_core", "iso_mobility", "prehab"])
def test_bodyweight_kinds_need_no_equipment(kind):
    week = plan_of(lift(kind, "mon", "06:00", "06:20", location="home"))
    assert rule.check(week, athlete()) == []


def test_the_same_lift_at_the_gym_passes():
    assert rule.check(plan_of(lift("heavy_lower", "wed", "18:00", "18:40", location="gym")), athlete()) == []


def test_exercises_using_kit_the_location_lacks_fail():
    a = athlete()
    ok = workout("full_body", "wed", "18:00", ["goblet_squat", "push_up", "dumbbell_row"], a, "gym")
    assert rule.check(plan_of(ok), a) == []
    rows_at_home = ok.model_copy(update={"location": "home", "day": "mon", "start": "06:00", "end": ok.end.replace("18", "06", 1)})
    problems = rule.check(plan_of(rows_at_home), a)
    assert problems and all("R-AVAIL" in p for p in problems)
    assert any("dumbbells" in p for p in problems)


def test_an_exercise_must_list_one_of_its_own_equipment_options():
    """A plank is bodyweight; a plan saying it uses the gym's barbell is wrong even though the
    gym has one."""
    a = athlete()
    session = workout("iso_mobility", "wed", "18:00", ["plank", "wall_sit"], a, "gym")
    assert rule.check(plan_of(session), a) == []
    plank = exercise_dose("plank", a, "gym", equipment=["barbell"])
    wrong = session.model_copy(update={"exercises": [plank, session.exercises[1]]})
    problems = rule.check(plan_of(wrong), a)
    assert len(problems) == 1 and "R-AVAIL" in problems[0] and "Plank" in problems[0]


# ---- encoder ---------------------------------------------------------------------

def _equipment_scenario(home_kit):
    """Heavy legs is asked for. The key-run day (S-STACK tier 0) has only a home window;
    the gym is open on a day with no run (tier 2)."""
    return make_scenario(
        locations={"home": home_kit, "gym": FULL_GYM},
        availability={"wed": ["06:00-07:00 home", "18:00-19:30 home"], "fri": ["18:00-19:30 gym"]},
        runs=[{"kind": "tempo", "minutes": 60, "day": "wed"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )


def test_encoder_puts_heavy_legs_where_the_kit_is():
    equipped = solve_optimal(_equipment_scenario(FULL_GYM)).lifts()[0]
    assert (equipped.day, equipped.location) == ("wed", "home"), "with kit at home, the tempo day wins"
    (heavy,) = solve_optimal(_equipment_scenario(MAT_ONLY)).lifts()
    assert heavy.kind == "heavy_lower"
    assert (heavy.day, heavy.location) == ("fri", "gym")


def test_heavy_legs_with_no_equipment_anywhere_is_infeasible():
    scenario = make_scenario(
        locations={"home": ["mat", "bands"]},
        availability={"mon": ["18:00-19:30 home"], "thu": ["18:00-19:30 home"]},
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    assert_infeasible(scenario, "R-AVAIL", "R-FREQ")


def test_encoder_never_overlaps_a_run_and_a_lift_in_one_window():
    """One 90-min window holds a 60-min tempo and a 30-min lift only end to end."""
    scenario = make_scenario(
        availability={"tue": ["18:00-19:30 gym"]},
        runs=[{"kind": "tempo", "minutes": 60}],
        strength={"sessions": 1, "include": ["upper_core"]},
    )
    plan = solve_optimal(scenario)
    (tempo,) = plan.runs()
    (upper,) = plan.lifts()
    assert tempo.week_end <= upper.week_start or upper.week_end <= tempo.week_start
    assert {tempo.start, upper.start} <= {"18:00", "18:30", "19:00"}


def test_encoder_keeps_sessions_inside_windows():
    scenario = make_scenario(
        availability={"mon": ["06:30-07:20 home"], "thu": ["17:10-17:55 gym"]},
        runs=[{"kind": "easy", "minutes": 50}],
        strength={"sessions": 1, "include": ["full_body"]},
    )
    plan = solve_optimal(scenario)
    (easy,) = plan.runs()
    (full,) = plan.lifts()
    assert (easy.day, easy.start, easy.end) == ("mon", "06:30", "07:20")  # the only window long enough (50 min)
    assert (full.day, full.location) == ("thu", "gym")  # full body needs the gym's kit
    assert parse_hhmm("17:10") <= parse_hhmm(full.start) and parse_hhmm(full.end) <= parse_hhmm("17:55")


def test_two_runs_that_only_fit_by_overlapping_are_infeasible():
    scenario = make_scenario(
        availability={"mon": ["06:00-07:30 home"]},
        runs=[{"kind": "easy", "minutes": 45}, {"kind": "easy", "minutes": 50}],
        strength={"sessions": 0},
        allow_doubles=True,
    )
    assert_infeasible(scenario, "R-RUNS")
