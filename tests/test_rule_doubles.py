"""R-DOUBLES: at most one run a day, two with ``allow_doubles`` (never three); never two strength sessions a day."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import assert_infeasible, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import doubles as rule


def test_one_run_and_one_lift_a_day_pass():
    week = plan_of(run("easy", "mon", "06:00", "06:45"), lift("upper_core", "mon", "18:00", "18:30"))
    assert rule.check(week, make_athlete()) == []


def test_two_runs_in_a_day_fail_without_allow_doubles():
    week = plan_of(run("easy", "mon", "06:00", "06:45", 0), run("recovery", "mon", "18:00", "18:30", 1))
    problems = rule.check(week, make_athlete(allow_doubles=False))
    assert len(problems) == 1 and "R-DOUBLES" in problems[0] and "mon" in problems[0].lower()


def test_two_runs_in_a_day_pass_with_allow_doubles():
    week = plan_of(run("easy", "mon", "06:00", "06:45", 0), run("recovery", "mon", "18:00", "18:30", 1))
    assert rule.check(week, make_athlete(allow_doubles=True)) == []


@pytest.mark.parametrize("allow_doubles", [False, True])
def test_two_lifts_in_a_day_always_fail(allow_doubles):
    week = plan_of(lift("upper_core", "wed", "06:00", "06:30", "home"), lift("prehab", "wed", "18:00", "18:20"))
    problems = rule.check(week, make_athlete(allow_doubles=allow_doubles))
    assert len(problems) == 1 and "R-DOUBLES" in problems[0] and "wed" in problems[0].lower()


def test_runs_on_consecutive_days_are_not_doubles():
    week = plan_of(run("easy", "sun", "18:00", "18:45", 0), run("easy", "mon", "06:00", "06:45", 1))
    assert rule.check(week, make_athlete()) == []


# ---- encoder ---------------------------------------------------------------------

def test_encoder_keeps_lifts_on_separate_days_though_stacking_wants_both_on_the_key_day():
    """Tuesday (tempo) has two free gym windows after the run: both lifts there would
    score S-STACK tier 0. Thursday (no run) is the only other place to lift."""
    scenario = make_scenario(
        availability={"tue": ["06:00-07:00 home", "12:00-13:00 gym", "18:00-19:00 gym"], "thu": ["18:00-19:00 gym"]},
        runs=[{"kind": "tempo", "minutes": 60, "day": "tue"}],
        strength={"sessions": 2},
    )
    relaxed = solve_without(scenario, rule)
    assert [s.day for s in relaxed.lifts()] == ["tue", "tue"]
    plan = solve_optimal(scenario)
    assert sorted(s.day for s in plan.lifts()) == ["thu", "tue"]


def test_encoder_keeps_runs_on_separate_days_though_the_run_time_wants_one_morning():
    """Two morning windows on Monday match the preferred run time; Wednesday's is evening."""
    scenario = make_scenario(
        availability={"mon": ["06:00-07:00 home", "07:00-08:00 home"], "wed": ["18:00-19:00 home"]},
        runs=[{"kind": "easy", "minutes": 45}, {"kind": "easy", "minutes": 50}],
        strength={"sessions": 0},
        preferences={"run_time": "06:00-08:00"},
    )
    relaxed = solve_without(scenario, rule)
    assert [s.day for s in relaxed.runs()] == ["mon", "mon"]
    plan = solve_optimal(scenario)
    assert sorted(s.day for s in plan.runs()) == ["mon", "wed"]


def test_allow_doubles_lets_the_encoder_double_up():
    scenario = make_scenario(
        availability={"mon": ["06:00-07:00 home", "18:00-19:00 home"], "wed": ["06:00-07:00 home", "18:00-19:00 home"]},
        runs=[{"kind": "easy", "minutes": 45}] * 3,
        strength={"sessions": 0},
        allow_doubles=True,
    )
    plan = solve_optimal(scenario)
    assert max(Counter(s.day for s in plan.runs()).values()) == 2


def test_three_runs_on_two_days_without_doubles_is_infeasible():
    scenario = make_scenario(
        availability={"mon": ["06:00-07:00 home", "18:00-19:00 home"], "wed": ["06:00-07:00 home", "18:00-19:00 home"]},
        runs=[{"kind": "easy", "minutes": 45}] * 3,
        strength={"sessions": 0},
        allow_doubles=False,
    )
    assert_infeasible(scenario, "R-DOUBLES")


def test_two_lifts_with_one_lifting_day_is_infeasible():
    scenario = make_scenario(
        availability={"fri": ["06:00-07:00 gym", "18:00-19:00 gym"]},
        strength={"sessions": 2},
        allow_doubles=True,  # doubles are about runs: never two lifts in a day
    )
    assert_infeasible(scenario, "R-DOUBLES", "R-FREQ")


def test_a_third_run_in_a_day_fails_even_with_allow_doubles():
    week = plan_of(run("easy", "sun", "06:00", "06:40", 0), run("easy", "sun", "06:40", "07:20", 1),
                   run("recovery", "sun", "18:00", "18:20", 2))
    problems = rule.check(week, make_athlete(allow_doubles=True))
    assert len(problems) == 1 and "R-DOUBLES" in problems[0] and "3 runs on sun" in problems[0]


def test_encoder_caps_a_double_at_two_runs_though_the_run_time_wants_all_three_one_morning():
    """Monday's long morning window is the only one in the preferred run time: all three
    runs would fit in it back to back, which is no double but a triple."""
    scenario = make_scenario(
        availability={"mon": ["06:00-09:00 home"], "wed": ["18:00-19:00 home"]},
        runs=[{"kind": "easy", "minutes": 40}, {"kind": "recovery", "minutes": 30}, {"kind": "easy", "minutes": 45}],
        strength={"sessions": 0},
        allow_doubles=True,
        preferences={"run_time": "06:00-09:00"},
    )
    assert Counter(s.day for s in solve_without(scenario, rule).runs())["mon"] == 3
    plan = solve_optimal(scenario)
    assert sorted(Counter(s.day for s in plan.runs()).values()) == [1, 2]


def test_four_runs_on_two_days_with_doubles_but_no_triples_fit_and_five_do_not():
    days = {"mon": ["06:00-09:00 home", "18:00-21:00 home"], "wed": ["06:00-09:00 home", "18:00-21:00 home"]}
    four = make_scenario(availability=days, runs=[{"kind": "easy", "minutes": 40}] * 4, strength={"sessions": 0},
                         allow_doubles=True)
    assert sorted(Counter(s.day for s in solve_optimal(four).runs()).values()) == [2, 2]
    five = make_scenario(availability=days, runs=[{"kind": "easy", "minutes": 40}] * 5, strength={"sessions": 0},
                         allow_doubles=True)
    assert_infeasible(five, "R-DOUBLES")


# ---- a double's runs sit apart (the tie-break, not a rule) -----------------------------

def _doubles(plan):
    """Each day's two runs, earlier first."""
    days = {}
    for s in sorted(plan.runs(), key=lambda s: s.week_start):
        days.setdefault(s.day, []).append(s)
    return [runs for runs in days.values() if len(runs) == 2]


def test_a_double_in_one_long_window_is_two_runs_four_hours_apart_not_one_long_run():
    """Three all-day windows for five runs: two days hold a double. Back to back from the window's
    opening, each double would be one long run; the tie-break leaves DOUBLE_APART between its runs,
    the first still at the opening, and a lift as early as R-ORDER lets it."""
    from optimizer.build import DOUBLE_APART

    scenario = make_scenario(
        availability={"tue": ["06:00-20:00 home"], "thu": ["06:00-20:00 home"], "sat": ["07:00-19:00 home"]},
        runs=[{"kind": "easy", "minutes": 40}, {"kind": "easy", "minutes": 30}, {"kind": "tempo", "minutes": 45},
              {"kind": "easy", "minutes": 30}, {"kind": "long", "minutes": 90}],
        allow_doubles=True,
    )
    plan = solve_optimal(scenario)
    doubles = _doubles(plan)
    assert len(doubles) == 2
    for first, second in doubles:
        assert second.week_start - first.week_end == DOUBLE_APART
        opening = "07:00" if first.day == "sat" else "06:00"
        assert first.start == opening
        for held in (s for s in plan.lifts() if s.day == first.day):  # right after a run (legs: the second, R-ORDER)
            assert held.start in ((first.end, second.end) if held.lower_load == "none" else (second.end,))


EASY = {"kind": "easy", "minutes": 45}


@pytest.mark.parametrize("monday, pins, times", [
    # one short window holding both: as far apart as it lets them, the second ending at its close
    (["07:00-09:00 home"], [], ("07:00", "08:15", "09:00")),
    # morning and evening: a double as it is, nothing later than it must be
    (["06:00-07:00 home", "18:00-19:00 home"], [], ("06:00", "18:00", "18:45")),
    # two windows close together, one run each: the second to the end of its window, not its opening
    (["06:00-06:50 home", "07:00-08:00 home"], [], ("06:00", "07:15", "08:00")),
    # a pin is a rule: the spacing never moves a run pinned at a time
    (["06:00-20:00 home"], ["mon 06:00", "mon 06:45"], ("06:00", "06:45", "07:30")),
    # spacing before earliness: after the pin, four hours on, not before it at the opening
    (["06:00-20:00 home"], ["mon 09:00"], ("09:00", "13:45", "14:30")),
], ids=["one short window", "far apart", "close windows", "pinned", "around a pin"])
def test_a_double_is_as_far_apart_as_its_windows_and_pins_let_it(monday, pins, times):
    """Three 45-minute runs, one Wednesday evening window: Monday holds the double."""
    scenario = make_scenario(
        availability={"mon": monday, "wed": ["18:00-19:00 home"]},
        runs=[{**EASY, "at": at} for at in pins] + [EASY] * (3 - len(pins)),
        strength={"sessions": 0},
        allow_doubles=True,
    )
    plan = solve_optimal(scenario)
    [(first, second)] = _doubles(plan)
    assert (first.day, first.start, second.start, second.end) == ("mon", *times)
