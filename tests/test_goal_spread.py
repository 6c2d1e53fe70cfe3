"""S-SPREAD: one penalty unit per pair of strength sessions on consecutive days (Sunday and
Monday count: the week repeats)."""

from __future__ import annotations

import pytest
from conftest import ALL_DAYS, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_with_units

from constraints import spread as goal

GOAL = "S-SPREAD"


def lifts_on(*days):
    return [lift("upper_core", d, "18:00", "18:30") for d in days]


@pytest.mark.parametrize(
    "days, expected",
    [
        ((), 0),
        (("wed",), 0),
        (("mon", "wed"), 0),
        (("mon", "tue"), 1),
        (("sat", "sun"), 1),
        (("sun", "mon"), 1),  # across the end of the week
        (("mon", "tue", "wed"), 2),
        (("mon", "wed", "fri", "sun"), 1),  # sun-mon
        (("mon", "thu"), 0),
        (ALL_DAYS, 7),  # every day: seven neighbouring pairs round the cycle
    ],
)
def test_penalty_per_consecutive_pair(days, expected):
    total, notes = goal.score(plan_of(*lifts_on(*days)), make_athlete())
    assert total == expected
    assert len(notes) == expected and all("+1" in n for n in notes)


def test_runs_do_not_count():
    week = plan_of(run("easy", "mon", "06:00", "06:45"), run("tempo", "tue", "06:00", "07:00", 1), *lifts_on("mon", "wed"))
    assert goal.score(week, make_athlete()) == (0, [])


# ---- solver vs scorer ----------------------------------------------------------------

@pytest.mark.parametrize(
    "days, sessions, pairs",
    [
        (("mon", "tue", "thu"), 2, 0),  # mon+thu or tue+thu
        (("mon", "tue", "wed"), 2, 0),  # mon+wed
        (("mon", "tue", "wed"), 3, 2),  # no choice: two pairs
        (("sat", "sun", "mon"), 3, 2),  # no choice, one pair across the week's end
        (("fri", "sat", "sun", "mon", "tue"), 4, 2),  # four of five in a row: at best two pairs
    ],
)
def test_solver_penalty_matches_the_scorer(days, sessions, pairs):
    """No runs, so S-STACK is the same (2) for every lift; only S-SPREAD tells days apart."""
    scenario = make_scenario(availability={d: ["18:00-19:00 gym"] for d in days}, strength={"sessions": sessions})
    plan, units, objective = solve_with_units(scenario)
    scored, _ = goal.score(plan, scenario.athlete)
    assert units[GOAL] == scored == plan.score[GOAL].penalty == pairs
    assert objective == plan.total_penalty


LIFT_LAST_SUNDAY = {"type": "strength", "day": "sun", "start": "18:00", "end": "18:30", "minutes": 30,
                    "kind": "upper_core", "location": "gym"}
EASY_LAST_SUNDAY = {"type": "run", "day": "sun", "start": "08:00", "end": "08:40", "minutes": 40,
                    "kind": "easy", "location": "gym"}


@pytest.mark.parametrize(
    "calendar, pairs",
    [
        (None, 1),  # this Sunday, then this Monday
        ({}, 1),  # a calendar alone still repeats the week
        ({"previous_week": [EASY_LAST_SUNDAY]}, 0),  # last week given, with no lift on its Sunday
        ({"previous_week": [LIFT_LAST_SUNDAY]}, 1),  # last Sunday's lift, then this Monday's
    ],
)
def test_solver_penalty_matches_the_scorer_at_the_week_boundary(calendar, pairs):
    """Three lifts on the three open days, Sunday, Monday and Wednesday: which pair counts
    depends on whether the week repeats or last week is given."""
    fields = {} if calendar is None else {"calendar": {"week_of": "2026-11-30"} | calendar}
    scenario = make_scenario(availability={d: ["18:00-19:00 gym"] for d in ("sun", "mon", "wed")},
                             strength={"sessions": 3}, **fields)
    plan, units, objective = solve_with_units(scenario)
    scored, _ = goal.score(plan, scenario.athlete)
    assert units[GOAL] == scored == plan.score[GOAL].penalty == pairs
    assert objective == plan.total_penalty


# ---- encoder preferences ----------------------------------------------------------

def lift_days(days, sessions):
    scenario = make_scenario(availability={d: ["18:00-19:00 gym"] for d in days}, strength={"sessions": sessions})
    return [s.day for s in solve_optimal(scenario).lifts()]


def test_encoder_spreads_two_lifts():
    chosen = lift_days(("mon", "tue", "thu"), 2)
    assert "thu" in chosen and len(chosen) == 2


def test_encoder_spreads_across_the_week_end():
    """Sunday and Monday are neighbours: with Sunday, Monday and Wednesday open, Wednesday
    must be one of the two."""
    chosen = lift_days(("sun", "mon", "wed"), 2)
    assert "wed" in chosen and len(chosen) == 2


def test_encoder_spreads_three_lifts_over_a_week():
    chosen = lift_days(ALL_DAYS, 3)
    index = sorted(ALL_DAYS.index(d) for d in chosen)
    assert len(index) == 3
    assert all((b - a) % 7 > 1 for a, b in zip(index, index[1:] + index[:1]))


@pytest.mark.parametrize("spread_weight, both_key_days", [(25, True), (35, False)])
def test_spread_is_traded_against_stacking(spread_weight, both_key_days):
    """Two lifts, tempo Tuesday and intervals Wednesday (allowed back to back), a gym window
    each evening and on Friday. Both key days cost one S-SPREAD pair (1 x weight); swapping
    one for Friday costs two S-STACK tiers (2 x 15 = 30). S-COVER is weighted 0 so the
    content of the sessions (the same kit everywhere) plays no part."""
    scenario = make_scenario(
        availability={
            "tue": ["06:00-07:00 home", "18:00-19:00 gym"],
            "wed": ["06:00-07:00 home", "18:00-19:00 gym"],
            "fri": ["18:00-19:00 gym"],
        },
        runs=[{"kind": "tempo", "minutes": 60, "day": "tue"}, {"kind": "intervals", "minutes": 60, "day": "wed"}],
        allow_back_to_back=True,
        strength={"sessions": 2},
        weights={"S-SPREAD": spread_weight, "S-COVER": 0},
    )
    plan = solve_optimal(scenario)
    chosen = sorted(s.day for s in plan.lifts())
    if both_key_days:
        assert chosen == ["tue", "wed"] and plan.score[GOAL].penalty == 1
    else:
        assert "fri" in chosen and plan.score[GOAL].penalty == 0
