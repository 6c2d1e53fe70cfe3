"""R-B2B: no two key runs on consecutive days (Sunday then Monday counts) nor two on one
day, unless ``allow_back_to_back``."""

from __future__ import annotations

import pytest
from conftest import assert_infeasible, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import b2b as rule

KEY_KINDS = ["tempo", "intervals", "hills", "long", "race"]


def check(*sessions, allow=False):
    return rule.check(plan_of(*sessions), make_athlete(allow_back_to_back=allow))


@pytest.mark.parametrize("first", KEY_KINDS)
def test_key_runs_on_consecutive_days_fail(first):
    problems = check(run(first, "tue", "18:00", "19:00", 0), run("long", "wed", "08:00", "10:00", 1))
    assert len(problems) == 1 and "R-B2B" in problems[0] and "tue" in problems[0].lower() and "wed" in problems[0].lower()


def test_key_runs_a_day_apart_pass():
    assert check(run("tempo", "tue", "18:00", "19:00", 0), run("long", "thu", "08:00", "10:00", 1)) == []


@pytest.mark.parametrize("easy", ["easy", "recovery", "medium"])
def test_key_run_next_to_an_easy_run_passes(easy):
    assert check(run("tempo", "tue", "18:00", "19:00", 0), run(easy, "wed", "06:00", "07:00", 1)) == []


def test_sunday_and_monday_are_consecutive():
    problems = check(run("long", "sun", "08:00", "10:00", 0), run("intervals", "mon", "18:00", "19:00", 1))
    assert len(problems) == 1 and "R-B2B" in problems[0] and "sun" in problems[0].lower() and "mon" in problems[0].lower()


def test_two_key_runs_at_one_minute_fail():
    problems = check(run("tempo", "thu", "06:00", "07:00", 0), run("hills", "thu", "06:00", "07:00", 1))
    assert problems == ["R-B2B: two key runs on Thu"], problems


def test_two_key_runs_in_one_day_fail():
    problems = check(run("tempo", "thu", "06:00", "07:00", 0), run("hills", "thu", "18:00", "19:00", 1))
    assert any("R-B2B" in p and "thu" in p.lower() for p in problems)


def test_three_key_days_in_a_row_give_two_problems():
    problems = check(
        run("tempo", "mon", "06:00", "07:00", 0),
        run("intervals", "tue", "06:00", "07:00", 1),
        run("hills", "wed", "06:00", "07:00", 2),
    )
    assert len(problems) == 2 and all("R-B2B" in p for p in problems)


def test_allow_back_to_back_passes():
    assert check(run("tempo", "tue", "18:00", "19:00", 0), run("long", "wed", "08:00", "10:00", 1), allow=True) == []


def test_hand_written_key_runs_count_by_their_kind():
    tempo = run("tempo", "tue", "18:00", "19:00", 0).model_copy(update={"key": False})
    long_run = run("long", "wed", "08:00", "10:00", 1).model_copy(update={"key": False})
    assert "R-B2B" in " ".join(check(tempo, long_run))


# ---- encoder ---------------------------------------------------------------------

def _scenario(allow):
    """Tempo pinned to Tuesday. Intervals can go Wednesday morning (inside the preferred run
    time) or Friday evening (outside it: one S-PREF unit)."""
    return make_scenario(
        availability={"tue": ["06:00-07:30 home"], "wed": ["06:00-07:30 home"], "fri": ["18:00-19:30 home"]},
        runs=[{"kind": "tempo", "minutes": 60, "day": "tue"}, {"kind": "intervals", "minutes": 60}],
        strength={"sessions": 0},
        preferences={"run_time": "06:00-08:00"},
        allow_back_to_back=allow,
    )


def test_encoder_keeps_key_runs_apart():
    scenario = _scenario(allow=False)
    relaxed = solve_without(scenario, rule)
    assert [s.day for s in relaxed.runs()] == ["tue", "wed"]
    plan = solve_optimal(scenario)
    assert {s.kind: s.day for s in plan.runs()} == {"tempo": "tue", "intervals": "fri"}


def test_allow_back_to_back_lets_the_encoder_pair_them():
    plan = solve_optimal(_scenario(allow=True))
    assert {s.kind: s.day for s in plan.runs()} == {"tempo": "tue", "intervals": "wed"}


@pytest.mark.parametrize("days", [("tue", "wed"), ("sun", "mon")])
def test_key_runs_pinned_to_consecutive_days_are_infeasible(days):
    scenario = make_scenario(
        runs=[{"kind": "long", "minutes": 100, "day": days[0]}, {"kind": "intervals", "minutes": 60, "day": days[1]}],
        availability={d: ["06:00-08:00 home"] for d in days},
        strength={"sessions": 0},
    )
    assert_infeasible(scenario, "R-B2B")


def test_two_key_runs_on_the_only_day_with_doubles_allowed_are_infeasible():
    scenario = make_scenario(
        availability={"sat": ["06:00-07:00 home", "17:00-18:00 home"]},
        runs=[{"kind": "tempo", "minutes": 45}, {"kind": "hills", "minutes": 45}],
        strength={"sessions": 0},
        allow_doubles=True,
    )
    assert_infeasible(scenario, "R-B2B")


def test_a_conflict_with_a_key_run_of_the_next_week_names_that_run():
    """This Sunday's pinned tempo and next Monday's fixed intervals: the conflict named only
    this week's run, and the runner could not tell why Sunday would not do (an audit's season)."""
    from optimizer import plan_week

    intervals = {"type": "run", "day": "mon", "start": "18:00", "minutes": 50, "kind": "intervals", "location": "home"}
    scenario = make_scenario(runs=[{"kind": "tempo", "minutes": 45, "at": "sun 08:00"}], strength={"sessions": 0},
                             availability={d: ["07:00-10:00 home"] for d in ("mon", "wed", "sun")},
                             calendar={"week_of": "2026-11-30", "next_week": [intervals]})
    problems = plan_week(scenario).problems
    assert "- next week's intervals at next Mon 18:00 is a key run, so this Sunday can hold none (R-B2B)" in problems
    tempo = intervals | {"day": "sun", "start": "08:00", "kind": "tempo", "minutes": 45}
    assert rule.facts(make_athlete(calendar={"week_of": "2026-11-30", "previous_week": [tempo]})) == [
        "last week's tempo run at last Sun 08:00 is a key run, so this Monday can hold none (R-B2B)"]
    assert rule.facts(make_athlete(calendar={"week_of": "2026-11-30", "previous_week": [tempo]},
                                   allow_back_to_back=True)) == []
