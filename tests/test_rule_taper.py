"""R-TAPER: no heavy lower-body lifting within 10 days before a marathon or longer race
(7 before a shorter one); in a race week and in the taper phase, strength is mobility and
light activation only (iso_mobility, prehab)."""

from __future__ import annotations

import pytest
from conftest import assert_infeasible, lift, make_athlete, make_scenario, plan_of, run, solve_optimal, solve_without

from constraints import taper as rule

LIGHT = ["iso_mobility", "prehab"]
NOT_LIGHT = ["heavy_lower", "full_body", "power", "upper_core"]
RACE_10K = {"kind": "race", "minutes": 60, "at": "sun 07:00", "distance": "10k"}


def race_week_athlete(**fields):
    return make_athlete(runs=[{"kind": "easy", "minutes": 40}, RACE_10K], **fields)


def race_session():
    return run("race", "sun", "07:00", "08:00", 1)


@pytest.mark.parametrize("kind", NOT_LIGHT)
def test_race_week_rejects_anything_but_light_work(kind):
    problems = rule.check(plan_of(lift(kind, "tue", "18:00", "18:20"), race_session()), race_week_athlete())
    assert problems and all("R-TAPER" in p for p in problems)
    assert any("race week" in p for p in problems)


@pytest.mark.parametrize("kind", NOT_LIGHT)
def test_a_race_the_scenario_does_not_list_still_makes_race_week(kind):
    """`stridelift check` of a hand-made week: its race makes the week light only, though the
    scenario's runs hold no race (R-RUNS says so too; this rule must not be silent)."""
    problems = rule.check(plan_of(lift(kind, "tue", "18:00", "18:20"), race_session()), make_athlete())
    assert any("R-TAPER" in p and "race week" in p and kind in p for p in problems)


@pytest.mark.parametrize("kind", LIGHT)
def test_race_week_allows_mobility_and_prehab(kind):
    assert rule.check(plan_of(lift(kind, "tue", "18:00", "18:20"), race_session()), race_week_athlete()) == []


@pytest.mark.parametrize("kind", NOT_LIGHT)
def test_taper_phase_is_light_only_even_without_a_race(kind):
    problems = rule.check(plan_of(lift(kind, "tue", "18:00", "18:20")), make_athlete(phase="taper"))
    assert len(problems) == 1 and "R-TAPER" in problems[0] and "taper phase" in problems[0]


@pytest.mark.parametrize("kind", NOT_LIGHT)
def test_the_race_phase_is_race_week_even_without_a_race_run(kind):
    """DOMAIN.md's periodisation names a race phase ("peak / race", "taper / race week"); its
    strength is light, which meets both rows."""
    problems = rule.check(plan_of(lift(kind, "tue", "18:00", "18:20")), make_athlete(phase="race"))
    assert len(problems) == 1 and "R-TAPER" in problems[0] and "race week" in problems[0]
    assert rule.check(plan_of(lift("prehab", "tue", "18:00", "18:20")), make_athlete(phase="race")) == []


def test_encoder_keeps_the_race_phase_light():
    scenario = make_scenario(phase="race", availability={d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")},
                             strength={"include": []}, weights={"S-COVER": 100})
    assert {s.kind for s in solve_without(scenario, rule).lifts()} - set(LIGHT)
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) == 1 and plan.lifts()[0].kind in LIGHT


@pytest.mark.parametrize("kind", LIGHT)
def test_taper_phase_allows_light_work(kind):
    assert rule.check(plan_of(lift(kind, "tue", "18:00", "18:20")), make_athlete(phase="taper")) == []


@pytest.mark.parametrize("phase", ["base", "build", "peak", "recovery"])
def test_heavy_legs_outside_taper_and_race_weeks_pass(phase):
    assert rule.check(plan_of(lift("heavy_lower", "tue", "18:00", "18:40")), make_athlete(phase=phase)) == []


@pytest.mark.parametrize(
    "distance, goal, days",
    [("10k", "marathon", 7), ("half", "general", 7), ("marathon", "5k", 10), ("ultra", "5k", 10), (None, "marathon", 10), (None, "10k", 7)],
)
def test_heavy_legs_before_a_race_name_the_taper_length(distance, goal, days):
    race = {"kind": "race", "minutes": 60, "at": "sun 09:00", **({"distance": distance} if distance else {})}
    athlete = make_athlete(goal=goal, runs=[race])
    week = plan_of(lift("heavy_lower", "mon", "18:00", "18:40"), run("race", "sun", "09:00", "10:00", 0))
    problems = rule.check(week, athlete)
    assert all("R-TAPER" in p for p in problems)
    assert any(f"within {days} days" in p for p in problems)


@pytest.mark.parametrize(("day", "start", "end", "breaks"), [
    ("wed", "18:00", "18:40", False),  # the evening before the 7th day before race day
    ("wed", "23:20", "24:00", False),  # ends at the midnight the taper starts
    ("thu", "06:00", "06:40", True),  # the 7th day before: more than 7 x 24 h before the start, still in the taper
    ("thu", "18:00", "18:40", True),
    ("sun", "18:00", "18:40", True),
])
def test_a_calendar_race_counts_its_taper_in_calendar_days(day, start, end, breaks):
    """5k next Thursday 08:00: heavy legs end by the midnight starting this Thursday, the 7th day
    before, so 'within 7 days' holds counted in days and in clock hours."""
    athlete = make_athlete(calendar={"week_of": "2026-11-30", "races": [{"date": "2026-12-10", "at": "08:00", "distance": "5k"}]})
    problems = [p for p in rule.check(plan_of(lift("heavy_lower", day, start, end)), athlete) if "week before" not in p]
    assert bool(problems) == breaks, problems
    assert all("within 7 days" in p and "end heavy legs by Thu 00:00" in p for p in problems)


@pytest.mark.parametrize(("day", "kind", "breaks"), [
    ("wed", "upper_core", False),  # 8 days before the race
    ("thu", "upper_core", True),  # 7 days before: race week, read as the days before race day
    ("sun", "power", True),
    ("sun", "prehab", False),
])
def test_the_days_before_a_race_next_week_are_light(day, kind, breaks):
    """5k next Thursday: from this Thursday on is the week before it, light work only (R-TAPER's
    "in race week, mobility and light activation only", read as the 7 days before the race)."""
    athlete = make_athlete(calendar={"week_of": "2026-11-30", "races": [{"date": "2026-12-10", "at": "08:00", "distance": "5k"}]})
    problems = rule.check(plan_of(lift(kind, day, "18:00", "18:30")), athlete)
    assert bool(problems) == breaks, problems
    assert all("R-TAPER" in p and "the week before the race on 2026-12-10" in p for p in problems)


def test_encoder_keeps_the_days_before_a_race_next_week_light():
    """A 10k next Monday: the whole of this week is the week before it."""
    scenario = make_scenario(availability={d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")},
                             strength={"include": []}, weights={"S-COVER": 100},
                             calendar={"week_of": "2026-11-30", "races": [{"date": "2026-12-07", "distance": "10k"}]})
    assert {s.kind for s in solve_without(scenario, rule).lifts()} - set(LIGHT)
    plan = solve_optimal(scenario)
    assert plan.lifts() and {s.kind for s in plan.lifts()} <= set(LIGHT)


def test_heavy_legs_after_the_race_break_only_the_light_only_part():
    athlete = make_athlete(runs=[{"kind": "race", "minutes": 60, "at": "sat 09:00"}])
    week = plan_of(run("race", "sat", "09:00", "10:00", 0), lift("heavy_lower", "sun", "18:00", "18:40"))
    problems = rule.check(week, athlete)
    assert len(problems) == 1 and "race week" in problems[0]


# ---- encoder ---------------------------------------------------------------------

# Only pushing is asked for, and no isometric or mobility exercise pushes: only a session
# that may hold compound lifts (not a light one) can meet it; S-COVER at 100 a unit
# outweighs the minutes that costs.
PUSH_ONLY = {g: 0 for g in ("glutes", "hamstrings", "quads", "calves", "glute_med", "core", "upper_back",
                            "tibialis_feet", "hip_flexors")} | {"push": 1}


def test_encoder_keeps_race_week_light_though_coverage_wants_pushing():
    scenario = make_scenario(
        runs=[{"kind": "easy", "minutes": 40}, RACE_10K],
        strength={"sessions": 1, "cover_targets": PUSH_ONLY},
        weights={"S-COVER": 100},
    )
    assert solve_without(scenario, rule).lifts()[0].kind not in LIGHT
    plan = solve_optimal(scenario)
    (only,) = plan.lifts()
    assert only.kind in LIGHT


def test_encoder_keeps_every_race_week_lift_light():
    scenario = make_scenario(runs=[RACE_10K], strength={"sessions": [2, 3]})
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) >= 2
    assert {s.kind for s in plan.lifts()} <= set(LIGHT)


def test_encoder_keeps_the_taper_phase_light():
    scenario = make_scenario(
        phase="taper",
        runs=[{"kind": "easy", "minutes": 40}],
        strength={"cover_targets": PUSH_ONLY},
        weights={"S-COVER": 100},
    )
    assert solve_without(scenario, rule).lifts()[0].kind not in LIGHT
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) == 1  # taper: 0-1 sessions, and a light one still meets the pillars
    assert plan.lifts()[0].kind in LIGHT


@pytest.mark.parametrize(
    "fields, include",
    [
        ({"runs": [RACE_10K]}, "heavy_lower"),
        ({"runs": [RACE_10K]}, "upper_core"),
        ({"phase": "taper"}, "full_body"),
    ],
)
def test_including_a_non_light_kind_in_a_taper_week_is_infeasible(fields, include):
    scenario = make_scenario(strength={"sessions": 1, "include": [include]}, **fields)
    assert_infeasible(scenario, "R-TAPER", "R-FREQ")


# ---- last week's heavy legs (calendar.previous_week) ------------------------------------

# Heavy legs done last Tuesday 18:00-19:00: a 10k (7 days) may be run from this Wednesday on.
LAST_TUESDAY_HEAVY = {"week_of": "2027-05-03",
                      "previous_week": [{"kind": "heavy_lower", "day": "tue", "start": "18:00", "minutes": 60,
                                         "location": "gym"}]}


@pytest.mark.parametrize(("day", "breaks"), [("mon", True), ("tue", True), ("wed", False), ("sun", False)])
def test_last_weeks_heavy_legs_count_before_a_race_this_week(day, breaks):
    """R-TAPER's days before race day reach back into last week when the scenario gives it: a 10k
    this Tuesday is 7 days after last Tuesday's squats, inside its taper."""
    athlete = make_athlete(goal="10k", phase="peak", strength={"sessions": 0}, calendar=LAST_TUESDAY_HEAVY,
                           runs=[{"kind": "race", "minutes": 60, "distance": "10k"}])
    problems = rule.check(plan_of(run("race", day, "07:00", "08:00", 0)), athlete)
    assert bool(problems) == breaks, problems
    assert all("R-TAPER" in p and "last week's heavy" in p for p in problems)


def test_encoder_runs_the_race_after_last_weeks_taper_days():
    """The race is free to move: Monday and Tuesday are inside the 7 days after last Tuesday's
    heavy legs, so it goes on Sunday, the one other day with a window, though only Monday's and
    Tuesday's mornings are the athlete's preferred run time."""
    scenario = make_scenario(goal="10k", phase="peak", strength={"sessions": 0}, calendar=LAST_TUESDAY_HEAVY,
                             locations={"home": []}, preferences={"run_time": "06:00-10:00"},
                             availability={"mon": ["07:00-09:00 home"], "tue": ["07:00-09:00 home"],
                                           "sun": ["17:00-19:00 home"]},
                             runs=[{"kind": "race", "minutes": 60, "distance": "10k"}])
    assert solve_without(scenario, rule).runs()[0].day in ("mon", "tue")  # the temptation is real
    plan = solve_optimal(scenario)
    assert [s.day for s in plan.runs()] == ["sun"]


def test_a_race_pinned_inside_last_weeks_taper_days_has_no_week():
    scenario = make_scenario(goal="10k", phase="peak", strength={"sessions": 0}, calendar=LAST_TUESDAY_HEAVY,
                             runs=[{"kind": "race", "minutes": 60, "distance": "10k", "at": "tue 07:00"}])
    assert_infeasible(scenario, "R-TAPER")


def test_last_weeks_heavy_legs_and_last_weeks_race_are_not_this_weeks_concern():
    """Both done and fixed (heavy legs last Friday, a race last Saturday): no week planned now
    changes them, so the checker does not hold them against it (property tests found it)."""
    calendar = {"week_of": "2026-11-30", "previous_week": [
        {"kind": "heavy_lower", "day": "fri", "start": "06:00", "minutes": 40, "location": "gym"},
        {"type": "run", "kind": "race", "day": "sat", "start": "06:00", "minutes": 60, "location": "gym"}]}
    athlete = make_athlete(goal="5k", strength={"sessions": 0}, calendar=calendar,
                           runs=[{"kind": "easy", "minutes": 25}])
    assert rule.check(plan_of(run("easy", "sat", "05:00", "05:25", 0)), athlete) == []


def test_a_calendar_race_inside_last_weeks_taper_days_is_explained_by_its_own_distance():
    """The calendar says marathon (10 days), the race run none (the goal's, 5k: 7): last Thursday's
    heavy legs are inside the marathon's taper, which the checker counts, so there is no week, and
    explain says why (it found no conflict at all when the encoder said it with an empty clause).
    A race run giving a distance of its own that differs is bad input (test_scenario)."""
    calendar = {**LAST_TUESDAY_HEAVY, "previous_week": [
        {"kind": "heavy_lower", "day": "thu", "start": "18:00", "minutes": 60, "location": "gym"}],
        "races": [{"date": "2027-05-08", "at": "07:00", "distance": "marathon"}]}
    scenario = make_scenario(goal="5k", phase="peak", strength={"sessions": 0}, calendar=calendar,
                             runs=[{"kind": "race", "minutes": 30, "at": "sat 07:00"}])
    plan = assert_infeasible(scenario, "R-TAPER")
    assert any("last week's ended last Thu 19:00" in p for p in plan.problems), plan.problems


# Madrid's clocks go forward on Sunday 2027-03-28: a 10k at 00:30 a week later starts 7 x 24 h
# after that Sunday's midnight on the clock face, but 167.5 real hours after it.
SMALL_HOURS_10K = {"week_of": "2027-03-22", "races": [{"date": "2027-04-04", "at": "00:30", "distance": "10k"}]}


@pytest.mark.parametrize(("end", "timezone", "breaks"), [
    ("23:40", "Europe/Madrid", True),  # 167.8 clock hours, 166.8 real ones before the start
    ("23:30", "Europe/Madrid", False),  # 168 real hours
    ("23:40", "UTC", False),  # no clock change: the taper starts at Sunday's midnight
])
def test_a_race_in_the_small_hours_after_the_clocks_go_forward_keeps_7_x_24_real_hours(end, timezone, breaks):
    athlete = make_athlete(calendar=SMALL_HOURS_10K, timezone=timezone)
    problems = [p for p in rule.check(plan_of(lift("heavy_lower", "sat", "23:00", end)), athlete) if "week before" not in p]
    assert problems == ([f"R-TAPER: heavy lower-body session ending Sat {end} is within 7 days before the race at "
                         "next Sun 00:30; end heavy legs by Sat 23:30"] if breaks else [])


@pytest.mark.parametrize(("timezone", "plans"), [("Europe/Madrid", False), ("UTC", True)])
def test_encoder_keeps_7_x_24_real_hours_before_a_race_in_the_small_hours(timezone, plans):
    """Heavy legs fit only in Saturday 23:10-24:00: they end after 23:30, inside the 168 real
    hours before the 00:30 race in Madrid, outside the taper's calendar days everywhere."""
    scenario = make_scenario(calendar=SMALL_HOURS_10K, timezone=timezone, strength={"sessions": 1, "include": ["heavy_lower"]},
                             locations={"gym": ["barbell", "rack", "dumbbells"]}, availability={"sat": ["23:10-24:00 gym"]},
                             runs=[])
    if plans:
        plan = solve_optimal(scenario)
        assert [(s.kind, s.day) for s in plan.lifts()] == [("heavy_lower", "sat")] and plan.lifts()[0].end > "23:30"
    else:
        assert_infeasible(scenario, "R-TAPER")


@pytest.mark.parametrize(("timezone", "first"), [("Europe/Madrid", "00:40"), ("UTC", "00:00")])
def test_encoder_starts_a_race_168_real_hours_after_last_weeks_heavy_legs(timezone, first):
    """Last Saturday's heavy legs ended 23:40, the night before Madrid's clocks went forward: a
    10k this Sunday (the 8th day) may start at midnight on the clock face, but 168 real hours
    after them is 00:40. The checker says the same of 00:30."""
    calendar = {"week_of": "2027-03-29", "previous_week": [
        {"kind": "heavy_lower", "day": "sat", "start": "23:00", "minutes": 40, "location": "gym"}]}
    fields = dict(goal="10k", phase="peak", strength={"sessions": 0}, calendar=calendar, timezone=timezone,
                  locations={"home": []}, availability={"sun": ["00:00-03:00 home"]})
    plan = solve_optimal(make_scenario(runs=[{"kind": "race", "minutes": 60, "distance": "10k", "day": "sun"}], **fields))
    assert [(s.day, s.start) for s in plan.runs()] == [("sun", first)]
    early = rule.check(plan_of(run("race", "sun", "00:30", "01:30", 0)), make_athlete(runs=[{"kind": "race", "minutes": 60}],
                                                                                       **fields))
    assert bool(early) == (timezone != "UTC") and all("last week's heavy" in p for p in early), early
