"""R-CONTENT: encoder and checker. A session's exercises make it the kind it claims,
suit the athlete, and number 2-6; supersets pair an upper-body exercise with one other."""

from __future__ import annotations

from constraints import content
from optimizer import Plan, check_plan, parse_scenario, plan_week
from optimizer.exercises import builtin_library
from optimizer.plan import ExerciseDose, Session

LIB = {e.id: e for e in builtin_library()}


def athlete(**fields):
    data = {"name": "t", "locations": {"gym": ["barbell", "rack", "dumbbells", "bench", "box", "pullup_bar", "bands"]},
            "availability": {d: ["17:00-19:00 gym"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}} | fields
    return parse_scenario({"athlete": data}).athlete


def lift(kind, ids, superset=None, day="tue", minutes=45):
    from optimizer.catalog import catalog

    exercises = [ExerciseDose(id=i, name=LIB[i].name, category=LIB[i].category, sets=3, reps="5",
                              equipment=list(LIB[i].equipment[0]) or ["bodyweight"], muscles=list(LIB[i].muscles),
                              superset=(superset or {}).get(i)) for i in ids]
    return Session(type="strength", day=day, start="17:00", end=f"{17 + minutes // 60}:{minutes % 60:02d}", minutes=minutes,
                   kind=kind, location="gym", lower_load=catalog().strength_kinds[kind].lower_load, exercises=exercises)


def plan_of(*sessions):
    return Plan(athlete="t", status="optimal", sessions=list(sessions))


def test_checker_passes_a_proper_heavy_session():
    assert content.check(plan_of(lift("heavy_lower", ["back_squat", "romanian_deadlift", "plank"])), athlete()) == []


def test_checker_catches_a_heavy_session_with_one_heavy_compound():
    problems = content.check(plan_of(lift("heavy_lower", ["back_squat", "plank", "glute_bridge"])), athlete())
    assert any(p.startswith("R-CONTENT") and "heavy compound" in p for p in problems)


def test_checker_catches_leg_work_in_an_upper_body_session():
    problems = content.check(plan_of(lift("upper_core", ["push_up", "pull_up", "goblet_squat"])), athlete())
    assert any("Goblet squat" in p and "does not belong in a upper_core" in p for p in problems)


def test_checker_catches_too_many_exercises_and_unknown_ones():
    seven = ["push_up", "pull_up", "plank", "side_plank", "dead_bug", "bird_dog", "face_pull"]
    assert any("7 exercises" in p for p in content.check(plan_of(lift("upper_core", seven)), athlete()))
    assert any("not in the exercise library" in p for p in content.check(
        plan_of(lift("upper_core", ["push_up", "pull_up"]).model_copy(update={"exercises": [
            ExerciseDose(id="moonwalk", name="Moonwalk", category="compound", sets=1)]})), athlete()))


def test_checker_catches_exercises_above_level_or_against_an_injury():
    assert any("does not suit" in p for p in content.check(
        plan_of(lift("heavy_lower", ["deadlift", "back_squat"])), athlete(level="intermediate")))
    assert any("does not suit" in p for p in content.check(
        plan_of(lift("power", ["pogo_hop", "box_jump"])), athlete(injuries=["achilles"])))


def test_checker_catches_a_superset_without_an_upper_body_exercise():
    bad = lift("heavy_lower", ["back_squat", "romanian_deadlift"], superset={"back_squat": 1, "romanian_deadlift": 1})
    assert any("superset 1" in p for p in content.check(plan_of(bad), athlete()))
    good = lift("heavy_lower", ["back_squat", "romanian_deadlift", "pull_up"], superset={"back_squat": 1, "pull_up": 1})
    assert content.check(plan_of(good), athlete()) == []


def test_encoder_builds_every_session_to_its_kind():
    """Across kinds the solver must choose, every solved session passes the checker and has content."""
    for include in (["heavy_lower", "upper_core"], ["power", "prehab"], ["full_body", "iso_mobility"]):
        a = athlete(strength={"sessions": 2, "include": include})
        scenario = parse_scenario({"athlete": a.model_dump()})
        plan = plan_week(scenario)
        assert plan.status == "optimal"
        assert sorted(s.kind for s in plan.lifts()) == sorted(include)
        assert all(s.exercises for s in plan.lifts())
        assert check_plan(plan, scenario.athlete) == []
