"""R-FREQ: strength sessions per week within the phase's range (or ``strength.sessions``);
every kind in ``strength.include`` appears and none in ``strength.exclude``; the recovery
phase's session is light."""

from __future__ import annotations

import pytest
from conftest import (
    ALL_DAYS,
    assert_infeasible,
    lift,
    make_athlete,
    make_scenario,
    plan_of,
    rules_switched_off,
    solve_optimal,
    solve_without,
)

from constraints import freq as rule
from optimizer import ScenarioError, check_plan, plan_week
from optimizer import solve as solve_module
from optimizer.build import build_week

SPREAD_DAYS = ("mon", "wed", "fri", "sun", "tue", "thu", "sat")


def lifts(*kinds):
    return [lift(kind, SPREAD_DAYS[i], "18:00", "18:20") for i, kind in enumerate(kinds)]


def week_of(count):
    return plan_of(*lifts(*["upper_core"] * count))


@pytest.mark.parametrize(
    "phase, level, count, ok",
    [
        ("base", "intermediate", 1, False),
        ("base", "intermediate", 2, True),
        ("base", "intermediate", 3, True),
        ("base", "intermediate", 4, False),
        ("build", "intermediate", 1, False),
        ("build", "intermediate", 2, True),
        ("build", "intermediate", 3, False),
        ("peak", "intermediate", 0, False),  # strength is never dropped entirely in season
        ("peak", "intermediate", 1, True),
        ("peak", "intermediate", 2, False),
        ("peak", "advanced", 2, True),  # two short sessions for advanced runners
        ("peak", "advanced", 3, False),
        ("taper", "intermediate", 0, True),
        ("taper", "intermediate", 1, True),
        ("taper", "intermediate", 2, False),
        ("recovery", "beginner", 0, False),
        ("recovery", "beginner", 1, True),
        ("recovery", "beginner", 2, False),
        # DOMAIN.md's "peak / race: 1 (2 short for advanced)" and "taper / race week: 0-1"
        ("race", "intermediate", 0, False),
        ("race", "intermediate", 1, True),
        ("race", "intermediate", 2, False),
        ("race", "advanced", 1, True),
        ("race", "advanced", 2, False),  # "2 short for advanced" (peak / race) would break "0-1" (race week)
        ("deload", "intermediate", 0, False),
        ("deload", "intermediate", 2, True),
        ("deload", "intermediate", 3, False),
    ],
)
def test_phase_default_range(phase, level, count, ok):
    light = phase in ("recovery", "race", "deload")
    week = plan_of(*lifts(*["iso_mobility"] * count)) if light else week_of(count)
    problems = rule.check(week, make_athlete(phase=phase, level=level))
    assert (problems == []) == ok
    assert all("R-FREQ" in p for p in problems)


@pytest.mark.parametrize("sessions, count, ok", [(2, 2, True), (2, 1, False), (2, 3, False), ([1, 4], 4, True), ([1, 4], 5, False), (0, 0, True), (0, 1, False)])
def test_scenario_count_overrides_the_phase(sessions, count, ok):
    problems = rule.check(week_of(count), make_athlete(phase="peak", strength={"sessions": sessions}))
    assert (problems == []) == ok
    assert all("R-FREQ" in p for p in problems)


RACE_SUNDAY = {"kind": "race", "minutes": 60, "at": "sun 09:00", "distance": "10k"}


@pytest.mark.parametrize("phase, runs, count, ok", [
    ("base", [], 0, False),  # a range from 0 still keeps one session in season
    ("base", [], 1, True),
    ("recovery", [], 0, False),
    ("taper", [], 0, True),  # the taper and race week may drop strength
    ("peak", [RACE_SUNDAY], 0, True),
    ("peak", [RACE_SUNDAY], 1, True),
])
def test_a_range_from_zero_keeps_one_session_in_season(phase, runs, count, ok):
    athlete = make_athlete(phase=phase, runs=runs, strength={"sessions": [0, 2]})
    week = plan_of(*lifts(*["iso_mobility"] * count))
    problems = rule.check(week, athlete)
    assert (problems == []) == ok, problems
    assert all("R-FREQ" in p and "needs 1-2" in p for p in problems)


def test_included_kind_missing_fails():
    athlete = make_athlete(strength={"sessions": 2, "include": ["heavy_lower"]})
    problems = rule.check(plan_of(*lifts("full_body", "upper_core")), athlete)
    assert len(problems) == 1 and "R-FREQ" in problems[0] and "heavy_lower" in problems[0]


def test_included_kinds_present_pass():
    athlete = make_athlete(strength={"sessions": 2, "include": ["heavy_lower", "prehab"]})
    assert rule.check(plan_of(*lifts("prehab", "heavy_lower")), athlete) == []


def test_excluded_kind_present_fails():
    athlete = make_athlete(strength={"sessions": 2, "exclude": ["power"]})
    problems = rule.check(plan_of(*lifts("power", "upper_core")), athlete)
    assert len(problems) == 1 and "R-FREQ" in problems[0] and "power" in problems[0]


def test_include_longer_than_the_range_is_a_scenario_error():
    with pytest.raises(ScenarioError, match="include"):
        make_scenario(phase="peak", strength={"include": ["heavy_lower", "prehab"]})


# ---- encoder ---------------------------------------------------------------------

def test_encoder_holds_the_upper_bound_though_coverage_wants_more():
    """Peak phase: one session. One session trains a group once at most, so a second one
    would meet four twice-a-week targets (4 x 100 for S-COVER) for at most 2 S-STACK tiers
    (no runs: 2 x 15) and 25 minutes of S-SHORT, with free days to avoid S-SPREAD."""
    scenario = make_scenario(phase="peak", weights={"S-COVER": 100})
    assert len(solve_without(scenario, rule).lifts()) > 1
    assert len(solve_optimal(scenario).lifts()) == 1


def test_model_shape_alone_holds_the_upper_bound():
    """The model is built with R-FREQ's upper bound of lifts: with only the encoder off, the
    peak week still has one lift."""
    scenario = make_scenario(phase="peak", weights={"S-COVER": 100})
    assert len(build_week(scenario).lifts) == 1 < len(build_week(scenario).strength_slots())
    with rules_switched_off(rule, shape=False):
        plan = solve_module.solve_week(build_week(scenario))
    assert len(plan.lifts()) == 1 and check_plan(plan, scenario.athlete) == []


def test_explain_mode_leaves_room_to_set_the_upper_bound_aside():
    """A pinned class and an included kind in a one-session week: the conflict is R-FREQ's, so the
    explain model must hold two lifts for the week without R-FREQ to exist."""
    windows = {d: ["18:00-19:30 gym"] for d in ("mon", "wed", "fri")}
    scenario = make_scenario(
        phase="peak", availability=windows,
        strength={"include": ["upper_core"], "pinned": [{"kind": "iso_mobility", "at": "mon 18:00", "minutes": 30}]},
    )
    assert rule.most_lifts(scenario.athlete) == 1 and len(build_week(scenario, explain=True).lifts) == 2
    plan = plan_week(scenario, fixes=False)
    assert plan.status == "infeasible" and any("1 strength session (peak phase)" in p for p in plan.problems), plan.problems


def test_encoder_holds_the_lower_bound_though_every_lift_costs():
    """With S-COVER weighted 0 a lift only costs (S-STACK tier 2 with no runs at all), so
    the best week without R-FREQ has none; the base phase asks for two at least."""
    scenario = make_scenario(phase="base", weights={"S-COVER": 0})
    assert solve_without(scenario, rule).lifts() == []
    assert len(solve_optimal(scenario).lifts()) == 2


@pytest.mark.parametrize("phase, lifts_wanted", [("base", 1), ("taper", 0)])
def test_encoder_keeps_one_lift_in_season_when_the_range_starts_at_zero(phase, lifts_wanted):
    """The same week as above with strength.sessions [0, 2]: in season R-FREQ still keeps one
    lift (strength is never dropped entirely); the taper may drop it."""
    scenario = make_scenario(phase=phase, weights={"S-COVER": 0}, strength={"sessions": [0, 2]})
    assert solve_without(scenario, rule).lifts() == []
    assert len(solve_optimal(scenario).lifts()) == lifts_wanted


def test_encoder_places_an_included_kind_though_it_is_the_longest():
    """One session, S-COVER weighted 0: S-SHORT alone picks the kind, and heavy legs (two
    heavy compounds of 3 sets with long rests, plus warm-up and cool-down) cannot be done
    in the 20 minutes an isometrics session takes. include asks for heavy legs."""
    (free,) = solve_optimal(make_scenario(strength={"sessions": 1}, weights={"S-COVER": 0})).lifts()
    assert free.kind != "heavy_lower" and free.minutes == 20
    scenario = make_scenario(strength={"sessions": 1, "include": ["heavy_lower"]}, weights={"S-COVER": 0})
    (only,) = solve_optimal(scenario).lifts()
    assert only.kind == "heavy_lower"


def test_encoder_never_uses_an_excluded_kind():
    """Whatever kind the best one-session week uses, excluding it moves to another."""
    windows = {d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")}
    (best,) = solve_optimal(make_scenario(availability=windows, strength={"sessions": 1})).lifts()
    (only,) = solve_optimal(make_scenario(availability=windows, strength={"sessions": 1, "exclude": [best.kind]})).lifts()
    assert only.kind != best.kind


def test_more_sessions_than_lifting_days_is_infeasible():
    scenario = make_scenario(
        availability={"mon": ["18:00-19:00 gym"], "thu": ["18:00-19:00 gym"]},
        strength={"sessions": 3},
    )
    plan = assert_infeasible(scenario, "R-FREQ")
    assert any("3 strength sessions (strength.sessions)" in p for p in plan.problems), plan.problems


def test_base_phase_with_no_room_to_lift_is_infeasible():
    """Strength is never dropped: the base phase asks for two sessions a week."""
    scenario = make_scenario(
        availability={d: ["06:00-06:45 home"] for d in ALL_DAYS[:2]},
        runs=[{"kind": "easy", "minutes": 45}] * 2,
        phase="base",
    )
    assert_infeasible(scenario, "R-FREQ")


@pytest.mark.parametrize("kind, ok", [("iso_mobility", True), ("prehab", True), ("power", False), ("upper_core", False)])
def test_the_recovery_phase_lift_is_light(kind, ok):
    """DOMAIN.md periodisation: recovery (post-race) is one light session: isometrics, mobility, bodyweight."""
    problems = rule.check(plan_of(*lifts(kind)), make_athlete(phase="recovery"))
    assert (problems == []) == ok
    assert all("R-FREQ" in p and "recovery" in p for p in problems)


@pytest.mark.parametrize("kind, ok", [("iso_mobility", True), ("prehab", False), ("power", False), ("full_body", False)])
def test_a_deload_week_is_the_isometric_and_mobility_session(kind, ok):
    """DOMAIN.md periodisation: "deload or down weeks switch to the isometric + mobility session"."""
    problems = rule.check(plan_of(*lifts(kind)), make_athlete(phase="deload"))
    assert (problems == []) == ok
    assert all("R-FREQ" in p and "deload" in p for p in problems)


def test_encoder_keeps_a_deload_week_to_isometrics_and_mobility():
    scenario = make_scenario(phase="deload", availability={d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")},
                             strength={"include": []}, weights={"S-COVER": 100})
    assert {s.kind for s in solve_without(scenario, rule).lifts()} - {"iso_mobility"}
    plan = solve_optimal(scenario)
    assert plan.lifts() and {s.kind for s in plan.lifts()} == {"iso_mobility"}


def test_encoder_keeps_the_recovery_lift_light_though_coverage_wants_power():
    """Plyometrics are a pillar target only in build; here S-COVER is made to want the power
    session's muscles badly, and only R-FREQ's light-only rule for recovery keeps it out."""
    scenario = make_scenario(
        phase="recovery", availability={d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")},
        strength={"include": []}, weights={"S-COVER": 100},
    )
    assert {s.kind for s in solve_without(scenario, rule).lifts()} - {"iso_mobility", "prehab"}
    plan = solve_optimal(scenario)
    assert [s.kind in ("iso_mobility", "prehab") for s in plan.lifts()] == [True]
