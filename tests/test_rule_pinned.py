"""R-PINNED: a run pinned with ``day`` stays on that day; with ``at``, on that day at that time."""

from __future__ import annotations

import pytest
from conftest import (
    assert_infeasible,
    lift,
    make_athlete,
    make_scenario,
    plan_of,
    plus_minutes,
    run,
    solve_optimal,
    solve_without,
)

from constraints import pinned as rule
from optimizer import ScenarioError, check_plan, plan_week
from optimizer.week import match_runs

RUNS = [
    {"kind": "intervals", "minutes": 60, "day": "tue"},
    {"kind": "long", "minutes": 120, "at": "sat 07:30"},
    {"kind": "easy", "minutes": 45},
]


def athlete():
    return make_athlete(runs=RUNS)


def week(intervals_day="tue", long_day="sat", long_start="07:30", easy_day="thu"):
    _, long_end = plus_minutes(long_day, long_start, 120)
    return plan_of(
        run("intervals", intervals_day, "18:00", "19:00", 0),
        run("long", long_day, long_start, long_end, 1),
        run("easy", easy_day, "06:00", "06:45", 2),
    )


def test_runs_where_they_are_pinned_pass():
    assert rule.check(week(), athlete()) == []


def test_unpinned_run_may_go_anywhere():
    assert rule.check(week(easy_day="sun"), athlete()) == []


def test_run_pinned_by_day_on_another_day_fails():
    problems = rule.check(week(intervals_day="wed"), athlete())
    assert len(problems) == 1
    assert "R-PINNED" in problems[0] and "#1" in problems[0] and "tue" in problems[0].lower()


@pytest.mark.parametrize("start", ["07:29", "07:31", "18:00"])
def test_run_pinned_with_at_at_another_time_fails(start):
    problems = rule.check(week(long_start=start), athlete())
    assert len(problems) == 1 and "R-PINNED" in problems[0] and "#2" in problems[0]


def test_run_pinned_with_at_on_another_day_at_the_same_time_fails():
    problems = rule.check(week(long_day="sun"), athlete())
    assert len(problems) == 1 and "R-PINNED" in problems[0] and "sat" in problems[0].lower()


# ---- encoder ---------------------------------------------------------------------

def test_encoder_keeps_a_day_pinned_run_on_its_day_against_the_run_time_preference():
    """Tuesday only has an evening window; mornings elsewhere match the preferred run
    time (S-PREF). Unpinned, the intervals would move to a morning."""
    scenario = make_scenario(
        availability={"tue": ["18:00-19:30 home"], "wed": ["06:00-07:30 home"], "thu": ["06:00-07:30 home"]},
        runs=[{"kind": "intervals", "minutes": 60, "day": "tue"}],
        strength={"sessions": 0},
        preferences={"run_time": "06:00-08:00"},
    )
    relaxed = solve_without(scenario, rule)
    assert relaxed.runs()[0].day != "tue"
    plan = solve_optimal(scenario)
    (intervals,) = plan.runs()
    assert (intervals.day, intervals.start) == ("tue", "18:00")
    assert plan.score["S-PREF"].penalty == 1


def test_encoder_starts_an_at_pinned_run_at_its_minute():
    """The objective starts sessions as early in their window as it can (07:00);
    the pin holds the long run at 09:10."""
    scenario = make_scenario(
        availability={"sat": ["07:00-12:00 home"], "sun": ["07:00-12:00 home"]},
        runs=[{"kind": "long", "minutes": 120, "at": "sat 09:10"}],
        strength={"sessions": 0},
    )
    relaxed = solve_without(scenario, rule)
    assert relaxed.runs()[0].start == "07:00"
    plan = solve_optimal(scenario)
    (long_run,) = plan.runs()
    assert (long_run.day, long_run.start, long_run.end) == ("sat", "09:10", "11:10")


def test_at_that_no_window_holds_is_infeasible():
    scenario = make_scenario(
        availability={"sat": ["07:00-09:00 home"], "sun": ["07:00-10:00 home"]},
        runs=[{"kind": "long", "minutes": 90, "at": "sat 08:00"}],  # would end 09:30, after the window
        strength={"sessions": 0},
    )
    assert_infeasible(scenario, "R-PINNED")


def test_two_runs_pinned_to_one_day_without_doubles_is_infeasible():
    scenario = make_scenario(
        runs=[{"kind": "easy", "minutes": 40, "day": "mon"}, {"kind": "recovery", "minutes": 30, "day": "mon"}],
        strength={"sessions": 0},
    )
    assert_infeasible(scenario, "R-PINNED", "R-DOUBLES")


# ---- pinned strength sessions (strength.pinned, e.g. a club class) ----------------------

CLASS = {"kind": "full_body", "at": "thu 18:30", "minutes": 45, "name": "Club class"}


def class_athlete(**strength):
    return make_athlete(availability={"thu": ["18:00-20:00 gym"]}, strength={"sessions": 1, "pinned": [CLASS], **strength})


@pytest.mark.parametrize(
    "kind, start, end, ok",
    [
        ("full_body", "18:30", "19:15", True),
        ("full_body", "18:31", "19:16", False),  # a minute late
        ("full_body", "18:30", "19:10", False),  # 40 min, not the class's 45
        ("heavy_lower", "18:30", "19:15", False),  # another kind at the class's time
    ],
)
def test_checker_holds_a_pinned_class_to_its_time_kind_and_length(kind, start, end, ok):
    problems = rule.check(plan_of(lift(kind, "thu", start, end)), class_athlete())
    assert (problems == []) == ok
    assert all("R-PINNED" in p and "Club class" in p for p in problems)


def test_pinned_class_of_an_excluded_kind_is_reported_not_a_crash():
    data = dict(availability={"thu": ["18:00-20:00 gym"]}, strength={"sessions": 1, "pinned": [CLASS], "exclude": ["full_body"]})
    try:
        scenario = make_scenario(**data)
    except ScenarioError:
        return  # refused at the door: fine
    plan = plan_week(scenario)
    assert plan.status == "infeasible" and "R-PINNED" in "\n".join(plan.problems)


# ---- a week written by hand names no run: it is paired with the scenario's runs first --------

TWIN_EASY = [{"kind": "easy", "minutes": 40}, {"kind": "easy", "minutes": 40, "day": "thu"},
             {"kind": "long", "minutes": 90}]


def _unnumbered(wed_first: bool, thu_minutes: int = 40):
    easy = [run("easy", "wed", "18:00", "18:40", None), run("easy", "thu", "18:00", plus_minutes("thu", "18:00", thu_minutes)[1], None)]
    return plan_of(*(easy if wed_first else easy[::-1]), run("long", "sat", "08:00", "09:30", None))


@pytest.mark.parametrize("wed_first", [True, False])
def test_checker_pairs_unnumbered_runs_so_a_week_keeping_its_pins_passes_in_any_order(wed_first):
    """Two easy 40s, one pinned to Thursday: the week has them on Wednesday and Thursday. Paired
    in file order, the Wednesday one was taken for the pinned run and R-PINNED cried foul."""
    athlete = make_athlete(runs=TWIN_EASY)
    week = _unnumbered(wed_first)
    assert [p for p in check_plan(week, athlete) if p.startswith(("R-PINNED", "R-RUNS"))] == []
    assert [s.run for s in week.runs()] == [None] * 3, "the caller's week is judged, not changed"


def test_checker_pairing_still_reports_a_pin_no_run_keeps_and_a_wrong_length_once():
    athlete = make_athlete(runs=[*TWIN_EASY[:1], {**TWIN_EASY[1], "day": "fri"}, TWIN_EASY[2]])
    problems = [p for p in check_plan(_unnumbered(True), athlete) if p.startswith(("R-PINNED", "R-RUNS"))]
    assert len(problems) == 1 and problems[0].startswith("R-PINNED: run #2 (easy) is pinned to fri")
    athlete = make_athlete(runs=TWIN_EASY)
    problems = [p for p in check_plan(_unnumbered(True, thu_minutes=50), athlete) if p.startswith(("R-PINNED", "R-RUNS"))]
    assert problems == ["R-RUNS: run #2 should be easy 40 min, the plan has easy 50 min"], \
        "the 50-minute Thursday run breaks a length, not also the Thursday pin"


def test_runs_as_good_paired_either_way_pair_in_time_order():
    """Three easy 40s and three in the week: any pairing is as right, so the week's first run is
    the scenario's first (predictable messages, whatever OR-Tools' assignment would pick)."""
    athlete = make_athlete(runs=[{"kind": "easy", "minutes": 40}] * 3)
    week = plan_of(*(run("easy", day, "18:00", "18:40", None) for day in ("fri", "mon", "wed")))
    assert {s.day: s.run for s in match_runs(week, athlete).runs()} == {"mon": 0, "wed": 1, "fri": 2}
