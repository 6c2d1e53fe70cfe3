"""S-SHORT: one unit per minute a strength session lasts beyond 20."""

from __future__ import annotations

from constraints import short
from optimizer import Plan, parse_scenario, plan_week
from optimizer.build import build_week
from optimizer.plan import Session
from optimizer.solve import solve_week


def lift(day, minutes):
    return Session(type="strength", day=day, start="18:00", end=f"18:{minutes:02d}" if minutes < 60 else "19:00",
                   minutes=minutes, kind="prehab", location="home", lower_load="light")


def test_penalises_minutes_beyond_twenty():
    athlete = parse_scenario({"athlete": {"name": "t", "availability": {}}}).athlete
    plan = Plan(athlete="t", status="optimal", sessions=[lift("mon", 20), lift("wed", 25), lift("fri", 38)])
    penalty, notes = short.score(plan, athlete)
    assert penalty == 0 + 5 + 18
    assert len(notes) == 2 and "(+18)" in notes[1]


def test_solver_picks_the_shorter_session_and_reports_what_it_penalised():
    scenario = parse_scenario({"athlete": {
        "name": "t", "locations": {"home": ["mat", "bands"]},
        "availability": {"mon": ["18:00-20:00 home"], "wed": ["18:00-20:00 home"], "fri": ["18:00-20:00 home"]},
        "strength": {"sessions": 2, "max_minutes": 60}}})
    model = build_week(scenario)
    plan = solve_week(model)
    assert plan.status == "optimal"
    assert model.solved_goal_penalty == plan.total_penalty
    units, _ = short.score(plan, scenario.athlete)
    assert plan.score["S-SHORT"].penalty == units
    # With a 60-minute cap nothing forces long sessions: the solver keeps them short.
    assert all(s.minutes <= 30 for s in plan.lifts())
    assert plan_week(scenario).model_dump() == plan.model_dump()
