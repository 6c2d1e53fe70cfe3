"""R-KEYEVE: no heavy lower-body session on the day before a key run (tempo, intervals,
hills, long, race); Sunday is the day before Monday."""

from __future__ import annotations

import pytest
from conftest import FULL_GYM, MAT_ONLY, assert_infeasible, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import key_eve as rule

KEY_KINDS = ["tempo", "intervals", "hills", "long", "race"]


def check(*sessions):
    return rule.check(plan_of(*sessions), make_athlete())


@pytest.mark.parametrize("kind", KEY_KINDS)
def test_heavy_legs_the_day_before_a_key_run_fail(kind):
    problems = check(lift("heavy_lower", "tue", "18:00", "18:40"), run(kind, "wed", "18:00", "19:00"))
    assert len(problems) == 1 and "R-KEYEVE" in problems[0] and "wed" in problems[0].lower()


@pytest.mark.parametrize("kind", ["easy", "recovery", "medium"])
def test_heavy_legs_the_day_before_an_easy_run_pass(kind):
    assert check(lift("heavy_lower", "tue", "18:00", "18:40"), run(kind, "wed", "06:00", "07:00")) == []


@pytest.mark.parametrize("kind", ["full_body", "power", "iso_mobility", "prehab", "upper_core"])
def test_lighter_lifts_the_day_before_a_key_run_pass(kind):
    """The 002 worked week's Tuesday full body before Wednesday's tempo: moderate load, allowed."""
    assert check(lift(kind, "tue", "18:00", "18:40"), run("tempo", "wed", "06:00", "07:00")) == []


def test_heavy_legs_after_the_key_run_on_its_own_day_pass():
    assert check(run("tempo", "wed", "06:00", "07:00"), lift("heavy_lower", "wed", "18:00", "18:40")) == []


def test_heavy_legs_two_days_before_a_key_run_pass():
    assert check(lift("heavy_lower", "mon", "18:00", "18:40"), run("tempo", "wed", "06:00", "07:00")) == []


def test_heavy_legs_the_day_after_a_key_run_pass():
    assert check(run("intervals", "mon", "06:00", "07:00"), lift("heavy_lower", "tue", "06:00", "06:40")) == []


def test_wraps_from_sunday_to_monday():
    problems = check(lift("heavy_lower", "sun", "09:00", "09:40"), run("intervals", "mon", "18:00", "19:00"))
    assert len(problems) == 1 and "R-KEYEVE" in problems[0] and "sun" in problems[0].lower()


def test_monday_legs_before_sunday_key_run_is_not_an_eve():
    assert check(lift("heavy_lower", "mon", "18:00", "18:40"), run("long", "sun", "08:00", "10:00")) == []


def test_a_hand_written_key_run_counts_by_its_kind():
    tempo = run("tempo", "wed", "06:00", "07:00").model_copy(update={"key": False})
    assert "R-KEYEVE" in " ".join(check(lift("heavy_lower", "tue", "18:00", "18:40"), tempo))


# ---- encoder ---------------------------------------------------------------------

def _scenario(eve_day, key_day, other_day):
    """Heavy legs is asked for. ``eve_day`` has an easy run and an evening gym window
    (S-STACK tier 1); ``key_day`` has a key run whose window has no room for a lift;
    ``other_day`` has a gym window and no run nearby (tier 2)."""
    return make_scenario(
        availability={
            eve_day: ["06:00-06:45 home", "18:00-19:00 gym"],
            key_day: ["06:00-07:00 home"],
            other_day: ["18:00-19:00 gym"],
        },
        runs=[
            {"kind": "easy", "minutes": 45, "day": eve_day},
            {"kind": "intervals", "minutes": 60, "day": key_day},
        ],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )


@pytest.mark.parametrize(
    "eve_day, key_day, other_day",
    [("mon", "tue", "fri"), ("sun", "mon", "thu")],  # the second wraps round the week
)
def test_encoder_keeps_heavy_legs_off_the_eve_of_a_key_run(eve_day, key_day, other_day):
    scenario = _scenario(eve_day, key_day, other_day)
    relaxed = solve_without(scenario, rule)
    assert relaxed.lifts()[0].day == eve_day
    plan = solve_optimal(scenario)
    (heavy,) = plan.lifts()
    assert heavy.day == other_day


def test_encoder_still_allows_lighter_lifts_on_the_eve():
    """Two lifts: heavy legs plus one more. The eve (tier 1) is fine for a non-heavy kind."""
    scenario = make_scenario(
        availability={
            "mon": ["06:00-06:45 home", "18:00-19:00 gym"],
            "tue": ["06:00-07:00 home"],
            "fri": ["18:00-19:00 gym"],
        },
        runs=[{"kind": "easy", "minutes": 45, "day": "mon"}, {"kind": "intervals", "minutes": 60, "day": "tue"}],
        strength={"sessions": 2, "include": ["heavy_lower"]},
    )
    plan = solve_optimal(scenario)
    by_day = {s.day: s.kind for s in plan.lifts()}
    assert by_day["fri"] == "heavy_lower"
    assert by_day["mon"] != "heavy_lower"


def test_only_heavy_capable_window_on_the_eve_is_infeasible():
    scenario = make_scenario(
        locations={"home": MAT_ONLY, "gym": FULL_GYM},
        availability={"wed": ["18:00-19:00 gym"], "thu": ["06:00-07:00 home"], "sat": ["08:00-09:00 home"]},
        runs=[{"kind": "tempo", "minutes": 50, "day": "thu"}],
        strength={"sessions": 1, "include": ["heavy_lower"]},
    )
    assert_infeasible(scenario, "R-KEYEVE")
