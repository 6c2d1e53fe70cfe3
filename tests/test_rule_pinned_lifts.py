"""R-PINNED for strength sessions fixed in time (``strength.pinned``, e.g. a club class)."""

from __future__ import annotations

import pytest

from constraints import pinned
from optimizer import Plan, check_plan, parse_scenario, plan_week
from optimizer.plan import Session
from optimizer.scenario import ScenarioError


def scenario(pin, **fields):
    athlete = {
        "name": "t", "locations": {"club": ["barbell", "rack", "dumbbells", "bench"], "home": ["mat"]},
        "availability": {"tue": ["18:00-20:00 home"], "thu": ["18:00-20:00 club"], "sat": ["08:00-11:00 home"]},
        "runs": [{"kind": "intervals", "minutes": 60, "day": "tue"}, {"kind": "long", "minutes": 100, "at": "sat 08:00"}],
        "strength": {"sessions": [1, 2], "pinned": [pin]},
    } | fields
    return parse_scenario({"athlete": athlete})


def test_encoder_holds_the_class_at_its_time_kind_and_length():
    sc = scenario({"kind": "full_body", "at": "thu 18:30", "minutes": 45, "name": "Club class"})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    held = [s for s in plan.lifts() if s.day == "thu"]
    assert [(s.kind, s.start, s.minutes) for s in held] == [("full_body", "18:30", 45)]


def test_a_heavy_class_40_hours_before_the_long_run_cannot_be_planned():
    sc = scenario({"kind": "heavy_lower", "at": "thu 18:00", "minutes": 45})
    plan = plan_week(sc)
    assert plan.status == "infeasible"
    text = "\n".join(plan.problems)
    assert "R-PINNED" in text and "R-GAP48" in text


def test_a_class_outside_every_window_cannot_be_planned():
    plan = plan_week(scenario({"kind": "upper_core", "at": "wed 12:00", "minutes": 30}))
    assert plan.status == "infeasible" and "R-PINNED" in "\n".join(plan.problems)


def test_checker_flags_a_missing_or_moved_class():
    sc = scenario({"kind": "full_body", "at": "thu 18:30", "minutes": 45})
    moved = Session(type="strength", day="thu", start="18:00", end="18:45", minutes=45, kind="full_body",
                    location="club", lower_load="moderate")
    assert any("R-PINNED" in p for p in pinned.check(Plan(athlete="t", status="optimal", sessions=[moved]), sc.athlete))
    assert any("R-PINNED" in p for p in pinned.check(Plan(athlete="t", status="optimal", sessions=[]), sc.athlete))
    right = moved.model_copy(update={"start": "18:30", "end": "19:15"})
    assert pinned.check(Plan(athlete="t", status="optimal", sessions=[right]), sc.athlete) == []


def test_the_class_is_shown_by_its_name_as_a_named_run_is_and_keeps_it_when_replanned():
    from optimizer.render import render
    from optimizer.replan import replan

    sc = scenario({"kind": "full_body", "at": "thu 18:30", "minutes": 45, "name": "Riverside class"})
    plan = plan_week(sc)
    assert [s.label for s in plan.lifts() if s.day == "thu"] == ["Riverside class"]
    for fmt in ("table", "markdown", "ics", "html"):
        assert "Riverside class" in render(plan, fmt), fmt
    once, _ = replan(sc, plan, "fri")  # the class is done: held as it was, under its own name
    twice, _ = replan(sc, once, "sat")
    assert [s.label for s in twice.lifts() if s.day == "thu"] == ["Riverside class"]


def test_two_classes_pinned_to_one_day_are_refused_naming_the_second():
    """The same class listed twice was held by one session: a week with one class where two were
    pinned, planned as optimal. Two on one day can never both be held (one strength session a day)."""
    twice = {"kind": "upper_core", "at": "thu 18:30", "minutes": 40}
    for second in (twice, {"kind": "full_body", "at": "thu 19:15", "minutes": 30}):
        with pytest.raises(ScenarioError) as err:
            parse_scenario({"athlete": scenario(twice).athlete.model_dump(mode="json") | {
                "strength": {"sessions": [2, 3], "pinned": [twice, second]}}})
        assert err.value.messages == [
            "athlete.strength.pinned[1]: a second strength session pinned to thu (strength.pinned[0] is there), "
            "and a day holds one (R-DOUBLES); drop one or move it to another day"]
    apart = scenario(twice).athlete.model_dump(mode="json") | {
        "strength": {"sessions": [2, 3], "pinned": [twice, {"kind": "upper_core", "at": "sat 10:00", "minutes": 30}]}}
    sc = parse_scenario({"athlete": apart})
    plan = plan_week(sc)
    assert plan.status == "optimal" and check_plan(plan, sc.athlete) == []
    assert {("sat", "10:00"), ("thu", "18:30")} <= {(s.day, s.start) for s in plan.lifts()}
