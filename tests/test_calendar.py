"""Weeks on a calendar: the rules that cross a week boundary (R-GAP48, R-KEYEVE, R-B2B,
R-TAPER, S-SPREAD, S-STACK) use the real neighbouring sessions and races, and wrap the week
onto itself until the previous week's sessions are given; R-GAP48 counts real hours when
the clocks go forward. Encoder and checker alike."""

from __future__ import annotations

import re

import pytest

from constraints import b2b, gap48, key_eve, spread, stack, taper
from optimizer import Plan, ScenarioError, check_plan, parse_scenario, plan_week
from optimizer.plan import Session

HEAVY_LAST_SUNDAY = {"type": "strength", "day": "sun", "start": "19:00", "end": "19:40", "minutes": 40,
                     "kind": "heavy_lower", "location": "gym", "lower_load": "heavy"}
TEMPO_LAST_SUNDAY = {"type": "run", "day": "sun", "start": "08:00", "end": "08:50", "minutes": 50,
                     "kind": "tempo", "location": "home", "key": True}
EASY_LAST_SUNDAY = TEMPO_LAST_SUNDAY | {"kind": "easy", "key": False}
LONG_NEXT_MONDAY = {"type": "run", "day": "mon", "start": "08:00", "end": "10:00", "minutes": 120,
                    "kind": "long", "location": "home", "key": True}


def scenario(calendar=None, **fields):
    athlete = {"name": "t", "locations": {"home": ["mat", "dumbbells"], "gym": ["barbell", "rack", "dumbbells"]},
               "availability": {d: ["07:00-10:00 home", "18:00-20:00 gym"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
               "runs": [{"kind": "easy", "minutes": 40}]} | fields
    if calendar is not None:
        athlete["calendar"] = {"week_of": "2026-11-30"} | calendar
    return parse_scenario({"athlete": athlete})


def s(type_, day, start, end, kind, **extra):
    h, m = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return Session(type=type_, day=day, start=start, end=end, minutes=(h2 * 60 + m2) - (h * 60 + m), kind=kind,
                   location="home", **extra)


def plan_of(*sessions):
    return Plan(athlete="t", status="optimal", sessions=list(sessions))


HEAVY_SUN = s("strength", "sun", "18:00", "18:40", "heavy_lower", lower_load="heavy")
LONG_MON = s("run", "mon", "08:00", "10:00", "long", key=True, run=0)


# A calendar without the previous week's sessions still repeats the week (DOMAIN.md R-GAP48:
# "a repeating cycle unless the scenario gives the previous week's sessions").
STILL_REPEATS = [{}, {"races": [{"date": "2027-02-14", "distance": "half"}]}, {"next_week": [TEMPO_LAST_SUNDAY]}]


@pytest.mark.parametrize("calendar", [None, *STILL_REPEATS])
def test_gap48_wraps_until_the_previous_week_is_given(calendar):
    week = plan_of(LONG_MON, HEAVY_SUN)
    problems = gap48.check(week, scenario(calendar=calendar).athlete)
    assert problems and "13.3 h" in problems[0], "Sunday 18:40 is 13 h before Monday 08:00 the week after"
    given = scenario(calendar=(calendar or {}) | {"previous_week": [EASY_LAST_SUNDAY]}).athlete
    assert gap48.check(week, given) == [], "last week is given: this Sunday is not before this Monday"
    empty = scenario(calendar=(calendar or {}) | {"previous_week": []}).athlete
    assert empty.cyclic and gap48.check(week, empty), "[] gives no sessions: the week still wraps"


@pytest.mark.parametrize("calendar", STILL_REPEATS)
def test_key_eve_and_b2b_wrap_until_the_previous_week_is_given(calendar):
    tempo_mon = s("run", "mon", "08:00", "08:50", "tempo", key=True, run=0)
    hills_sun = s("run", "sun", "08:00", "08:50", "hills", key=True, run=1)
    heavy_sun = s("strength", "sun", "18:00", "18:40", "heavy_lower", lower_load="heavy")
    repeating = scenario(calendar=calendar).athlete
    assert key_eve.check(plan_of(tempo_mon, heavy_sun), repeating)
    assert b2b.check(plan_of(tempo_mon, hills_sun), repeating)
    given = scenario(calendar=calendar | {"previous_week": [EASY_LAST_SUNDAY]}).athlete
    assert key_eve.check(plan_of(tempo_mon, heavy_sun), given) == []
    assert b2b.check(plan_of(tempo_mon, hills_sun), given) == []


def test_a_neighbour_does_not_wrap_when_the_week_does():
    """Next Monday's long run is a week after this Monday, not this Monday again: on a repeating
    week with a calendar, only this week's own sessions go round."""
    athlete = scenario(calendar={"next_week": [LONG_NEXT_MONDAY]}).athlete
    assert athlete.cyclic
    heavy_mon = s("strength", "mon", "19:00", "19:40", "heavy_lower", lower_load="heavy")
    assert gap48.check(plan_of(heavy_mon), athlete) == []
    assert key_eve.check(plan_of(s("strength", "tue", "19:00", "19:40", "heavy_lower", lower_load="heavy")),
                         athlete) == []
    assert b2b.check(plan_of(s("run", "tue", "08:00", "08:50", "tempo", key=True, run=0)), athlete) == []
    heavy_sat = s("strength", "sat", "18:00", "18:40", "heavy_lower", lower_load="heavy")
    assert gap48.check(plan_of(heavy_sat), athlete), "Saturday 18:40 is 37 h before next Monday 08:00"


@pytest.mark.parametrize("calendar", STILL_REPEATS)
def test_encoders_wrap_until_the_previous_week_is_given(calendar):
    """Monday's pinned long run and heavy legs that only the gym on Sunday evening can hold:
    in a repeating week that is 13 h before the run (R-GAP48, R-KEYEVE), so no week; with
    last week given, this Sunday is not before this Monday and the week plans."""
    fields = dict(runs=[{"kind": "long", "minutes": 120, "at": "mon 07:30"}],
                  strength={"sessions": 1, "include": ["heavy_lower"]}, locations={"home": ["mat"], "gym": ["dumbbells"]},
                  availability={d: ["07:00-10:00 home"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}
                  | {"sun": ["18:00-20:00 gym"]})
    repeating = plan_week(scenario(calendar=calendar, **fields))
    assert repeating.status == "infeasible" and "R-GAP48" in "\n".join(repeating.problems)
    given = scenario(calendar=calendar | {"previous_week": [EASY_LAST_SUNDAY]}, **fields)
    plan = plan_week(given)
    assert plan.status == "optimal" and check_plan(plan, given.athlete) == []
    assert [(x.day, x.kind) for x in plan.lifts()] == [("sun", "heavy_lower")]


def test_gap48_checker_sees_last_weeks_heavy_legs():
    problems = gap48.check(plan_of(LONG_MON), scenario(calendar={"previous_week": [HEAVY_LAST_SUNDAY]}).athlete)
    assert problems and "last Sun 19:40" in problems[0] and "12.3 h" in problems[0]


def test_gap48_checker_sees_next_weeks_long_run():
    problems = gap48.check(plan_of(HEAVY_SUN), scenario(calendar={"next_week": [LONG_NEXT_MONDAY]}).athlete)
    assert problems and "next Mon 08:00" in problems[0]


def test_gap48_encoder_keeps_this_weeks_long_run_48h_after_last_sundays_heavy_legs():
    sc = scenario(calendar={"previous_week": [HEAVY_LAST_SUNDAY]}, runs=[{"kind": "long", "minutes": 120}],
                  strength={"sessions": 0}, preferences={"run_time": "07:00-10:00"})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    long_run = plan.runs()[0]
    assert long_run.week_start >= -(4 * 60 + 20) + 48 * 60  # last Sunday 19:40 + 48 h = Tuesday 19:40
    pinned = scenario(calendar={"previous_week": [HEAVY_LAST_SUNDAY]}, runs=[{"kind": "long", "minutes": 120, "at": "mon 07:00"}],
                      strength={"sessions": 0})
    refused = plan_week(pinned)
    assert refused.status == "infeasible" and "R-GAP48" in "\n".join(refused.problems)


def test_gap48_encoder_ends_heavy_legs_48h_before_next_weeks_fixed_long_run():
    sc = scenario(calendar={"next_week": [LONG_NEXT_MONDAY]}, strength={"sessions": 1, "include": ["heavy_lower"]},
                  preferences={"strength_days": ["sat", "sun"]})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    heavy = [x for x in plan.lifts() if x.kind == "heavy_lower"][0]
    assert heavy.week_end <= 7 * 1440 + 8 * 60 - 48 * 60  # next Monday 08:00 - 48 h = Saturday 08:00


def test_key_eve_and_b2b_cross_the_real_boundary():
    tempo_mon = s("run", "mon", "08:00", "08:50", "tempo", key=True, run=0)
    heavy = scenario(calendar={"previous_week": [HEAVY_LAST_SUNDAY]}).athlete
    assert key_eve.check(plan_of(tempo_mon), heavy)
    assert key_eve.check(plan_of(tempo_mon), scenario(calendar={}).athlete) == []
    key = scenario(calendar={"previous_week": [TEMPO_LAST_SUNDAY]}).athlete
    assert b2b.check(plan_of(tempo_mon), key)
    sc = scenario(calendar={"previous_week": [TEMPO_LAST_SUNDAY, HEAVY_LAST_SUNDAY]},
                  runs=[{"kind": "intervals", "minutes": 60}], strength={"sessions": 0}, preferences={"run_time": "07:00-08:00"})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    assert plan.runs()[0].day != "mon", "Monday follows last Sunday's tempo and heavy legs"


def test_key_eve_encoder_keeps_sunday_heavy_off_the_eve_of_next_mondays_key_run():
    sc = scenario(calendar={"next_week": [LONG_NEXT_MONDAY]}, strength={"sessions": 1, "include": ["heavy_lower"]},
                  preferences={"strength_days": ["sun"]})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    assert all(x.day != "sun" for x in plan.lifts() if x.kind == "heavy_lower")


@pytest.mark.parametrize(("distance", "race_day", "last_heavy_end"), [
    ("marathon", "2026-12-10", None),  # Thursday next week - 10 days = this Monday: no heavy legs this week
    ("5k", "2026-12-10", 3 * 1440),  # - 7 days = this Thursday: heavy legs end by Wednesday midnight
])
def test_taper_looks_ahead_to_races_on_the_calendar(distance, race_day, last_heavy_end):
    sc = scenario(calendar={"races": [{"date": race_day, "distance": distance}]},
                  strength={"sessions": [1, 3]}, preferences={"strength_days": ["fri", "sat", "sun"]})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    heavy = [x for x in plan.lifts() if x.kind == "heavy_lower"]
    if last_heavy_end is None:
        assert heavy == []
    else:
        assert all(x.week_end <= last_heavy_end for x in heavy)
    late = s("strength", "fri", "18:00", "18:40", "heavy_lower", lower_load="heavy")
    assert taper.check(plan_of(late), sc.athlete), "Friday heavy legs are inside the taper window"


@pytest.mark.parametrize("change, field, words", [
    ({"kind": "heavy_lowr"}, "kind", "did you mean 'heavy_lower'"),
    ({"type": "run"}, "kind", "'heavy_lower' is not a run kind"),
    ({"end": "18:00"}, "end", "not after the start 19:00"),
    ({"minutes": True}, "minutes", "True is not a number"),
])
def test_a_neighbouring_session_with_a_misspelt_kind_or_backward_times_is_named(change, field, words):
    """Last week's heavy legs misspelt would otherwise count as no heavy legs at all: R-GAP48 and
    R-KEYEVE would let a long run follow them on Monday morning."""
    with pytest.raises(ScenarioError) as error:
        scenario(calendar={"previous_week": [HEAVY_LAST_SUNDAY | change]})
    assert f"athlete.calendar.previous_week[0].{field}: " in str(error.value) and words in str(error.value), str(error.value)


def test_a_neighbouring_session_needs_only_what_a_person_would_write():
    """As `stridelift check` reads a week: type, end, lower_load and key are worked out."""
    short = {"day": "Sunday", "start": "19:00", "minutes": 40, "kind": "heavy_lower", "location": "gym"}
    sc = scenario(calendar={"previous_week": [short]})
    (last,) = sc.athlete.calendar.previous_week
    assert (last.type, last.day, last.end, last.lower_load) == ("strength", "sun", "19:40", "heavy")
    assert gap48.check(plan_of(LONG_MON), sc.athlete), "the long run 12 h after them is caught"
    long_next = scenario(calendar={"next_week": [{"day": "mon", "start": "08:00", "end": "10:00", "kind": "long",
                                                  "location": "home"}]}).athlete.calendar.next_week[0]
    assert (long_next.type, long_next.minutes, long_next.key) == ("run", 120, True)
    with pytest.raises(ScenarioError, match=r"previous_week\[0\]\.day"):
        scenario(calendar={"previous_week": [short | {"day": "monkey"}]})


def test_taper_encoder_counts_calendar_days_not_only_clock_hours():
    """5k next Thursday 08:00: this Thursday 06:00 is more than 7 x 24 h before the start but on the
    7th day before race day, so the heavy session the athlete asks for goes to Wednesday, though
    Thursday is the preferred day; with Thursday morning the only window, there is no week."""
    race = {"races": [{"date": "2026-12-10", "at": "08:00", "distance": "5k"}]}
    mornings = {"wed": ["06:00-07:30 gym"], "thu": ["06:00-07:30 gym"], "sat": ["09:00-10:00 home"]}
    heavy = {"sessions": 1, "include": ["heavy_lower"]}
    sc = scenario(calendar=race, availability=mornings, strength=heavy, preferences={"strength_days": ["thu"]})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    assert [(x.kind, x.day) for x in plan.lifts()] == [("heavy_lower", "wed")]
    assert plan.score["S-PREF"].penalty > 0, "Thursday was preferred and is given up"
    stuck = scenario(calendar=race, availability={"thu": ["06:00-07:30 gym"], "sat": ["09:00-10:00 home"]}, strength=heavy)
    plan = plan_week(stuck)
    assert plan.status == "infeasible" and any("R-TAPER" in p for p in plan.problems)


def test_spread_and_stack_count_last_sundays_sessions():
    lift_mon = s("strength", "mon", "18:00", "18:30", "prehab", lower_load="light")
    prehab_sun = dict(HEAVY_LAST_SUNDAY, kind="prehab", lower_load="light")
    athlete = scenario(calendar={"previous_week": [prehab_sun, TEMPO_LAST_SUNDAY]}).athlete
    assert spread.score(plan_of(lift_mon), athlete)[0] == 1
    assert spread.score(plan_of(lift_mon), scenario(calendar={}).athlete)[0] == 0
    assert stack.score(plan_of(lift_mon), athlete)[0] == 1, "the day after last Sunday's tempo is second best"
    assert stack.score(plan_of(lift_mon), scenario(calendar={}).athlete)[0] == 2


# ---- races known only by date (calendar.races) or as a fixed session next week -----------------

RACE_NEXT_MONDAY = {"races": [{"date": "2026-12-07", "at": "08:00", "distance": "5k"}]}  # week_of 2026-11-30
RACE_LAST_SUNDAY = {"races": [{"date": "2026-11-29", "at": "09:00", "distance": "10k"}]}
RACE_SESSION_NEXT_FRIDAY = {"next_week": [{"type": "run", "day": "fri", "start": "08:00", "end": "09:00", "minutes": 60,
                                           "kind": "race", "key": True, "location": "race"}]}


def test_a_calendar_race_in_the_next_or_last_week_is_a_neighbouring_key_session():
    """R-B2B and R-KEYEVE look at neighbouring sessions; a race given only in calendar.races is one."""
    tempo_sun = s("run", "sun", "08:00", "08:50", "tempo", key=True, run=0)
    tempo_mon = s("run", "mon", "08:00", "08:50", "tempo", key=True, run=0)
    assert b2b.check(plan_of(tempo_sun), scenario(calendar=RACE_NEXT_MONDAY).athlete)
    assert b2b.check(plan_of(tempo_mon), scenario(calendar=RACE_LAST_SUNDAY).athlete)
    assert b2b.check(plan_of(tempo_sun), scenario(calendar=RACE_LAST_SUNDAY).athlete) == []
    heavy_sun = s("strength", "sun", "07:00", "07:40", "heavy_lower", lower_load="heavy")
    assert key_eve.check(plan_of(heavy_sun), scenario(calendar=RACE_NEXT_MONDAY).athlete)


@pytest.mark.parametrize("calendar, pinned", [(RACE_NEXT_MONDAY, "sun 08:00"), (RACE_LAST_SUNDAY, "mon 08:00")])
def test_b2b_encoder_keeps_a_key_run_off_the_day_next_to_a_calendar_race(calendar, pinned):
    day = pinned[:3]  # the only window in the preferred run time is on the day next to the race
    free = scenario(calendar=calendar, runs=[{"kind": "tempo", "minutes": 50}], strength={"sessions": 0},
                    availability={day: ["07:00-10:00 home"], "wed": ["12:00-14:00 home"]},
                    preferences={"run_time": "07:00-09:00"})
    plan = plan_week(free)
    assert plan.status == "optimal" and check_plan(plan, free.athlete) == []
    assert plan.runs()[0].day == "wed" and plan.score["S-PREF"].penalty > 0
    stuck = scenario(calendar=calendar, runs=[{"kind": "tempo", "minutes": 50, "at": pinned}], strength={"sessions": 0})
    plan = plan_week(stuck)
    assert plan.status == "infeasible" and any("R-B2B" in p for p in plan.problems)


def test_taper_counts_a_race_among_next_weeks_fixed_sessions():
    """No calendar.races entry: the race is only in next_week. Its distance is the athlete's goal (10k: 7 days)."""
    sc = scenario(calendar=RACE_SESSION_NEXT_FRIDAY, goal="10k", strength={"sessions": [1, 3]},
                  preferences={"strength_days": ["fri", "sat", "sun"]})
    late = s("strength", "sat", "18:00", "18:40", "heavy_lower", lower_load="heavy")
    assert taper.check(plan_of(late), sc.athlete), "Saturday heavy legs are 6 days before next Friday's race"
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    assert all(x.week_end <= 4 * 1440 for x in plan.lifts() if x.kind == "heavy_lower")  # by Thursday midnight


def test_a_calendar_race_in_this_week_must_be_among_the_runs():
    from optimizer import ScenarioError

    race = {"races": [{"date": "2026-12-02", "at": "09:00", "distance": "10k"}]}  # this Wednesday
    with pytest.raises(ScenarioError, match=r"calendar\.races\[0\].*wed.*add \{kind: race, at: \"wed 09:00\""):
        scenario(calendar=race)
    ok = scenario(calendar=race, runs=[{"kind": "race", "minutes": 60, "distance": "10k", "at": "wed 09:00"}])
    assert ok.athlete.race_week


@pytest.mark.parametrize("pin, field", [({"day": "wed"}, "day"), ({"at": "wed 06:00"}, "at")])
def test_a_race_run_this_week_is_held_to_the_time_its_calendar_entry_gives(pin, field):
    """A race the calendar puts at 09:00 was planned at 06:00 in a 07:00-10:00 window's stead
    (any time that day), with lifts placed around a race that was not then."""
    race = {"races": [{"date": "2026-12-02", "at": "09:00", "distance": "10k"}]}  # this Wednesday
    with pytest.raises(ScenarioError) as error:
        scenario(calendar=race, runs=[{"kind": "race", "minutes": 60, "distance": "10k"} | pin])
    assert (f"athlete.runs[0].{field}: the race on 2026-12-02 starts at 09:00 (calendar.races[0]) but this race run "
            f"is pinned to {pin[field]}; give it at: \"wed 09:00\"") in str(error.value)
    untimed = {"races": [{"date": "2026-12-02", "distance": "10k"}]}  # no time given: the run's own stands
    assert scenario(calendar=untimed, runs=[{"kind": "race", "minutes": 60, "distance": "10k"} | pin]).athlete.race_week


def _race_runs(*pins):
    return [{"kind": "race", "minutes": 30, "distance": "5k"} | pin for pin in pins]


def test_each_timed_race_holds_one_race_run_of_its_day():
    races = {"races": [{"date": "2026-12-02", "at": "07:00", "distance": "5k"},
                       {"date": "2026-12-02", "at": "18:00", "distance": "5k"}]}
    assert scenario(calendar=races, runs=_race_runs({"at": "wed 18:00"}, {"at": "wed 07:00"})).athlete.race_week
    with pytest.raises(ScenarioError) as error:  # the time still unclaimed is the one to give, not the first
        scenario(calendar=races, runs=_race_runs({"at": "wed 07:00"}, {"at": "wed 12:00"}))
    assert 'runs[1].at: the race on 2026-12-02 starts at 18:00 (calendar.races[1])' in str(error.value)
    assert 'give it at: \"wed 18:00\"' in str(error.value) and "runs[0]" not in str(error.value)
    # a race with no time is run at its run's: a timed race beside it on the day does not claim that run
    beside = {"races": [{"date": "2026-12-02", "at": "09:00", "distance": "10k"}, {"date": "2026-12-02", "distance": "5k"}]}
    assert scenario(calendar=beside, runs=_race_runs({"at": "wed 09:00"}, {"at": "wed 18:00"})).athlete.race_week
    with pytest.raises(ScenarioError, match=r"runs\[0\]\.day: .* starts at 09:00"):  # the day-only run is the one held
        scenario(calendar=beside, runs=_race_runs({"day": "wed"}, {"at": "wed 18:00"}))


def test_a_scenario_with_an_untimed_calendar_race_reads_back_from_its_own_dump():
    """An entry's time defaulted to 08:00 and was dumped as given: replan, fixes and club joins rebuild
    a scenario from its dump, and a race run pinned to the day only was then refused."""
    untimed = scenario(calendar={"races": [{"date": "2026-12-02", "distance": "5k"}]}, runs=_race_runs({"day": "wed"}))
    again = parse_scenario(untimed.model_dump(mode="json"))
    assert again.athlete.calendar.races[0].at is None and again.athlete.calendar.races[0].time == "08:00"


def test_a_race_time_the_run_cannot_take_gets_the_fix_that_works():
    with pytest.raises(ScenarioError) as error:
        scenario(calendar={"races": [{"date": "2026-12-02", "at": "23:45", "distance": "5k"}]}, runs=_race_runs({"day": "wed"}))
    assert "at 23:45 its 30 min end after midnight" in str(error.value) and "start it by 23:30" in str(error.value)
    assert 'give it at: \"wed 23:45\"' not in str(error.value)
    spring = {"week_of": "2027-03-22", "races": [{"date": "2027-03-28", "at": "02:30", "distance": "5k"}]}
    with pytest.raises(ScenarioError) as error:
        parse_scenario({"athlete": {"name": "t", "timezone": "Europe/Madrid", "calendar": spring,
                                    "availability": {"sun": ["00:00-12:00"]}, "runs": _race_runs({"day": "sun"})}})
    assert "the clocks skip sun 02:30 in Europe/Madrid that week: change calendar.races[0].at" in str(error.value)


def test_gap48_sees_a_calendar_race_next_week():
    heavy_sun = s("strength", "sun", "07:00", "07:40", "heavy_lower", lower_load="heavy")
    problems = gap48.check(plan_of(heavy_sun), scenario(calendar=RACE_NEXT_MONDAY).athlete)
    assert problems and "next Mon 08:00" in problems[0]


def test_a_race_listed_both_by_date_and_among_next_weeks_sessions_is_one_neighbour():
    both = {"races": RACE_NEXT_MONDAY["races"], "next_week": [dict(LONG_NEXT_MONDAY, kind="race", minutes=30,
                                                                     end="08:30")]}
    races = [x for x in scenario(calendar=both).athlete.calendar.neighbours if x[0].kind == "race"]
    assert [(x[1], x[0].start) for x in races] == [(7 * 1440 + 8 * 60, "08:00")]
    only_date = [x for x in scenario(calendar=RACE_NEXT_MONDAY).athlete.calendar.neighbours if x[0].kind == "race"]
    assert [(x[1], x[0].start, x[0].key_run) for x in only_date] == [(7 * 1440 + 8 * 60, "08:00", True)]


# ---- R-GAP48 in real hours: the night the clocks go forward -----------------------------
# Europe/Madrid springs forward at 02:00 on Sunday 2027-03-28, in the week of Monday 2027-03-22.

DST_WEEK, WEEK_BEFORE = "2027-03-22", "2027-03-15"


@pytest.mark.parametrize(("week_of", "timezone", "breaks"), [
    (DST_WEEK, "Europe/Madrid", True),  # 48 h 02 on the clock face, 47 h 02 of real time
    (DST_WEEK, None, False),  # no zone: the clock face is all there is
    (DST_WEEK, "Asia/Tokyo", False),  # no daylight saving
    (WEEK_BEFORE, "Europe/Madrid", False),
])
def test_gap48_checker_counts_real_hours_when_the_clocks_go_forward(week_of, timezone, breaks):
    week = plan_of(s("strength", "fri", "07:18", "07:58", "heavy_lower", lower_load="heavy"),
                   s("run", "sun", "08:00", "10:00", "long", key=True, run=0))
    fields = {"timezone": timezone} if timezone else {}
    athlete = parse_scenario({"athlete": scenario().athlete.model_dump(mode="json")
                              | {"calendar": {"week_of": week_of}} | fields}).athlete
    problems = gap48.check(week, athlete)
    assert bool(problems) == breaks, problems
    if breaks:
        assert "47.0 h" in problems[0] and "clocks go forward" in problems[0]


@pytest.mark.parametrize(("week_of", "breaks"), [(DST_WEEK, True), ("2027-03-29", True), ("2027-04-05", False)])
def test_gap48_checker_counts_real_hours_round_the_week_both_ways(week_of, breaks):
    """A repeating week's Saturday 19:00-19:40 heavy legs and Monday 20:00 long run are 48 h 20
    apart on the clock face. In Madrid's week of the change (next Monday's run) and the week
    after (last Saturday's legs) the Sunday between loses an hour: 47 h 20; a week later, none."""
    week = plan_of(s("strength", "sat", "19:00", "19:40", "heavy_lower", lower_load="heavy"),
                   s("run", "mon", "20:00", "22:00", "long", key=True, run=0))
    athlete = parse_scenario({"athlete": scenario().athlete.model_dump(mode="json")
                              | {"calendar": {"week_of": week_of}, "timezone": "Europe/Madrid"}}).athlete
    problems = gap48.check(week, athlete)
    assert problems == (["R-GAP48: heavy lower-body session ends Sat 19:40, only 47.3 h before the long run at "
                         "Mon 20:00 (the clocks go forward in between) (needs 48 h)"] if breaks else [])


@pytest.mark.parametrize(("timezone", "plans"), [("Europe/Madrid", False), ("UTC", True)])
def test_gap48_encoder_adds_the_hour_the_clocks_go_forward(timezone, plans):
    """Heavy legs fit only on Friday 07:00-07:40, the long run is Sunday 08:00: 48 h 20 or more
    on the clock face, but in Madrid that night loses an hour, so there is no week."""
    sc = scenario(calendar={"week_of": DST_WEEK}, timezone=timezone,
                  runs=[{"kind": "long", "minutes": 120, "at": "sun 08:00"}],
                  strength={"sessions": 1, "include": ["heavy_lower"]},
                  locations={"gym": ["dumbbells"], "home": []},
                  availability={"fri": ["07:00-07:40 gym"], "sun": ["08:00-11:00 home"]})
    plan = plan_week(sc)
    if plans:
        assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    else:
        assert plan.status == "infeasible" and "R-GAP48" in "\n".join(plan.problems)
        assert "Fri 07:00-07:40 at gym ends 47.3 h before it" in "\n".join(plan.problems), "the why, in real hours"


def test_gap48_adds_the_hour_only_to_pairs_it_falls_between():
    """Thursday 18:29 to Saturday 19:00 is 48.5 h in clock and real time alike in the week the
    clocks go forward on Sunday, and in the week after: both plan."""
    for week_of in (DST_WEEK, "2027-03-29"):
        sc = scenario(calendar={"week_of": week_of}, timezone="Europe/Madrid",
                      runs=[{"kind": "long", "minutes": 120, "at": "sat 19:00"}],
                      strength={"sessions": 1, "include": ["heavy_lower"]}, locations={"gym": ["dumbbells"], "home": []},
                      availability={"thu": ["18:00-18:30 gym"], "sat": ["19:00-22:00 home"]})
        plan = plan_week(sc)
        assert plan.status == "optimal" and check_plan(plan, sc.athlete) == [], week_of


@pytest.mark.parametrize(("at", "pin", "refused"), [
    ("sun 02:30", "run", True), ("sun 01:45", "run", True), ("sun 02:00", "class", True),
    ("sun 01:30", "run", False), ("sun 03:00", "run", False), ("sun 03:00", "class", False),
])
def test_a_session_pinned_over_the_hour_the_clocks_skip_is_refused_at_its_at(at, pin, refused):
    """Madrid has no Sunday 02:00-03:00 on 2027-03-28: a run or class pinned over it is bad input
    naming its ``at`` and the fix, not a week with no reason; one that ends by 02:00 or starts at
    03:00 plans (30 minutes each)."""
    fields = (dict(runs=[{"kind": "easy", "minutes": 30, "at": at}], strength={"sessions": 0}) if pin == "run" else
              dict(runs=[], strength={"sessions": 1, "pinned": [{"kind": "iso_mobility", "at": at, "minutes": 30}]}))
    make = lambda: scenario(calendar={"week_of": DST_WEEK}, timezone="Europe/Madrid",  # noqa: E731
                            availability={"sun": ["00:00-06:00 home"]}, locations={"home": []}, **fields)
    field = "runs[0].at" if pin == "run" else "strength.pinned[0].at"
    if refused:
        with pytest.raises(ScenarioError, match=rf"{re.escape(field)}: '{at}' for 30 min takes in sun 02:00-03:00, "
                                                r"which the clocks skip in Europe/Madrid that week; pin it to end by "
                                                r"02:00 or to start at 03:00 or later"):
            make()
    else:
        sc = make()
        plan = plan_week(sc)
        assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
        assert [(x.day, x.start) for x in plan.sessions] == [tuple(at.split())]


HEAVY_SATURDAY = {"type": "strength", "day": "sat", "start": "19:00", "end": "19:40", "minutes": 40,
                  "kind": "heavy_lower", "location": "gym", "lower_load": "heavy"}
LONG_MONDAY_EVENING = {"type": "run", "day": "mon", "start": "20:00", "end": "22:00", "minutes": 120,
                       "kind": "long", "location": "home", "key": True}


@pytest.mark.parametrize("side", ["previous_week", "next_week", "round the week", "round the week after"])
@pytest.mark.parametrize(("timezone", "plans"), [("Europe/Madrid", False), ("UTC", True)])
def test_gap48_encoder_counts_real_hours_across_the_week_boundary(side, timezone, plans):
    """Saturday 19:40 to Monday 20:00 is 48 h 20 on the clock face; across Madrid's Sunday
    2027-03-28 it is 47 h 20. Last week's heavy legs before this Monday's long run, this
    Saturday's before next Monday's, or (the week repeating) this Saturday's before next Monday's
    run in the week of the change, and last Saturday's before this Monday's in the week after
    (planned, with 47 h 20 between them, before the wrap was counted both ways)."""
    if side == "previous_week":
        fields = dict(calendar={"week_of": "2027-03-29", "previous_week": [HEAVY_SATURDAY]},
                      runs=[{"kind": "long", "minutes": 120, "at": "mon 20:00"}], strength={"sessions": 0},
                      availability={"mon": ["20:00-22:00 home"]})
    elif side == "next_week":
        fields = dict(calendar={"week_of": DST_WEEK, "next_week": [LONG_MONDAY_EVENING]},
                      runs=[], strength={"sessions": 1, "include": ["heavy_lower"]},
                      availability={"sat": ["19:00-19:40 gym"]})
    else:
        fields = dict(calendar={"week_of": DST_WEEK if side == "round the week" else "2027-03-29"},
                      runs=[{"kind": "long", "minutes": 120, "at": "mon 20:00"}],
                      strength={"sessions": 1, "include": ["heavy_lower"]},
                      availability={"mon": ["20:00-22:00 home"], "sat": ["19:00-19:40 gym"]})
    sc = scenario(timezone=timezone, locations={"gym": ["dumbbells"], "home": []}, **fields)
    plan = plan_week(sc)
    if plans:
        assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    else:
        assert plan.status == "infeasible" and "R-GAP48" in "\n".join(plan.problems)


@pytest.mark.parametrize("timezone", ["Europe/Madrid", "America/New_York"])
def test_a_window_across_the_night_the_clocks_go_forward_loses_only_the_missing_hour(timezone):
    """A Sunday free all day on the night of the change: the hour that does not exist is cut out,
    so a long run at Sunday 01:00 (before the change) is 48 h after Friday 01:00 in real time
    as on the clock face, and plans; Friday 02:20 to Sunday 03:00 (after it) is 48 h 40 on the
    clock face but 47 h 40 real, and does not."""
    week_of = {"Europe/Madrid": DST_WEEK, "America/New_York": "2027-03-08"}[timezone]

    def week(heavy_window, long_at):
        return scenario(calendar={"week_of": week_of}, timezone=timezone, locations={"gym": ["dumbbells"], "home": []},
                        strength={"sessions": 1, "include": ["heavy_lower"]},
                        availability={"fri": [f"{heavy_window} gym"], "sun": ["00:00-24:00 home"]},
                        runs=[{"kind": "long", "minutes": 60, "at": long_at}])

    sc = week("00:30-01:00", "sun 01:00")
    assert [(w.start, w.end) for w in sc.athlete.windows if w.day == 6] == [(0, 120), (180, 1440)]
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    late = plan_week(week("02:00-03:00", "sun 03:00"))
    assert late.status == "infeasible" and "R-GAP48" in "\n".join(late.problems)


def test_a_race_this_week_that_would_end_after_midnight_gets_a_fix_that_works():
    """It used to be told to add a race run at 23:30 for 120 min, which is refused in turn."""
    with pytest.raises(ScenarioError) as error:
        scenario(calendar={"races": [{"date": "2026-12-06", "at": "23:30", "distance": "half"}]})
    assert ("athlete.calendar.races[0]: the race on 2026-12-06 is on sun of this week but runs has no race pinned "
            "to sun; at 23:30 for 120 min it ends after midnight, and a session lies within one day: start it by "
            "22:00 or make it 30 min (its at or minutes), then pin a race run to it in runs") in str(error.value)
