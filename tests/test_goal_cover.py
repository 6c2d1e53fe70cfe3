"""S-COVER: the week trains every muscle group, pillar and injury it should.

Targets: each muscle group in so many *sessions* (glutes, hamstrings, quads, calves twice;
glute medius, tibialis/feet, core, hip flexors, upper back, push once; each injury raises
the groups that protect it by one; scenario overrides win), trained by a strength exercise
(a mobility drill stretches, it does not train); each pillar of the phase (compound, isometric,
mobility, plus a heavy lower-body compound in the base phase and plyometric in the build phase)
in one session; and for each injury, two *exercises* a week that help it (those DOMAIN.md's
injury table names). One unit per session or exercise short.
"""

from __future__ import annotations

import pytest
from conftest import (
    FULL_GYM,
    MAT_ONLY,
    lift,
    make_athlete,
    make_scenario,
    plan_of,
    solve_optimal,
    solve_with_units,
    workout,
)

from constraints import cover as goal
from optimizer import check_plan, score_plan

GOAL = "S-COVER"
GROUPS = ["glutes", "hamstrings", "quads", "calves", "glute_med", "core", "upper_back", "push", "tibialis_feet", "hip_flexors"]
LOCATIONS = {"home": MAT_ONLY, "gym": FULL_GYM}

# One heavy-legs session that touches every muscle group once and every base pillar but
# mobility: back squat (quads, glutes, hamstrings, core; compound, heavy), weighted step-up
# (glute medius; heavy), farmer's carry (upper back, calves), push-up (push), knee-drive hold
# (hip flexors; isometric), tibialis raise (tibialis). Six exercises, a session's most: the
# mobility drill does not fit, and no exercise trains two of calves, tibialis, hip flexors and
# push here (a mobility drill that stretches calves and tibialis trains neither).
EVERY_GROUP_ONCE = ["back_squat", "step_up", "farmer_carry", "push_up", "knee_drive_hold", "tibialis_raise"]
# An empty base week: muscle groups 4 x 2 + 6 x 1 = 14, and the four base pillars.
EMPTY_BASE = 14 + 4


def athlete(**fields):
    return make_athlete(locations=LOCATIONS, **fields)


def score(athlete_, *sessions):
    return goal.score(plan_of(*sessions), athlete_)


# ---- scorer: given these sessions, penalises by N ------------------------------------

@pytest.mark.parametrize(
    "phase, expected",
    [("base", 14 + 4), ("build", 14 + 4), ("peak", 14 + 3), ("taper", 14 + 2), ("recovery", 14 + 2)],
)
def test_an_empty_week_is_short_of_every_target(phase, expected):
    """Muscle groups: 4 x 2 + 6 x 1 = 14; plus one unit per pillar of the phase."""
    assert score(athlete(phase=phase))[0] == expected


def test_one_session_touching_every_group_leaves_the_twice_a_week_groups_short():
    a = athlete()
    total, notes = score(a, workout("heavy_lower", "wed", "18:00", EVERY_GROUP_ONCE, a))
    assert total == 4 + 1
    assert sorted(n.rpartition(":")[0] for n in notes) == ["calves", "glutes", "hamstrings", "pillar:mobility", "quads"]


def test_a_mobility_drill_stretches_a_group_but_does_not_train_it():
    """Thoracic rotations name the upper back and ankle rocks the calves and tibialis: neither
    counts toward those groups, only toward the mobility pillar."""
    a = athlete()
    drills = workout("iso_mobility", "wed", "18:00", ["plank", "wall_sit", "thoracic_rotation", "ankle_rocks"], a)
    coverage = goal.coverage(plan_of(drills), a)
    assert [coverage[g].done for g in ("upper_back", "calves", "tibialis_feet")] == [0, 0, 0]
    assert coverage["pillar:mobility"].done == 1 and coverage["quads"].done == 1  # wall sit trains quads
    assert not any(goal.trains(g, e) for e in goal.merged_library(()) if e.category == "mobility" for g in GROUPS)


def test_a_group_counts_once_per_session_however_many_exercises_train_it():
    """Back squat and Romanian deadlift both train glutes and hamstrings: still one session.
    Short: glutes, hamstrings, quads 1; calves 2; glute med, upper back, push, tibialis,
    hip flexors 1 (core is met); pillars isometric and mobility 1 (compound is met)."""
    a = athlete()
    assert score(a, workout("heavy_lower", "wed", "18:00", ["back_squat", "romanian_deadlift"], a))[0] == 3 + 2 + 5 + 2


def test_a_second_session_meets_the_twice_a_week_groups():
    a = athlete()
    one = workout("heavy_lower", "mon", "18:00", ["back_squat", "romanian_deadlift"], a)
    two = workout("heavy_lower", "thu", "18:00", ["back_squat", "romanian_deadlift"], a)
    assert score(a, one, two)[0] == 2 + 5 + 2  # calves 2, five singles, two pillars


def test_a_session_that_lists_no_exercises_counts_its_kinds_typical_work():
    """A hand-written week may name only the kind. Full body typically trains glutes,
    hamstrings, quads, core, upper back and push, and is the compound pillar. Short: glutes,
    hamstrings, quads 1; calves 2; glute med, tibialis, hip flexors 1; isometric, mobility and
    heavy-compound pillars 1 (full body's legs are moderate)."""
    a = athlete()
    assert score(a, lift("full_body", "mon", "18:00", "18:40"))[0] == 3 + 2 + 3 + 3


def test_injury_targets_count_exercises():
    """Knee history: glutes and quads 3 each, and two knee-helping exercises. A (Peterson)
    step-up and a wall sit both help the knee (one session, two exercises: met); a back squat
    does not (DOMAIN.md's knee row names neither squat). Short: glutes 2, quads 2, hamstrings
    2, calves 2, core, upper back, push, tibialis, hip flexors 1 each (the step-up trains glute
    medius); mobility pillar 1."""
    a = athlete(injuries=["knee"])
    assert score(a)[0] == EMPTY_BASE + 2 + 2
    total, notes = score(a, workout("heavy_lower", "wed", "18:00", ["step_up", "wall_sit"], a))
    assert total == 2 + 2 + 2 + 2 + 5 + 1
    assert not any(n.startswith("injury:knee") for n in notes)
    _, notes = score(a, workout("heavy_lower", "wed", "18:00", ["back_squat", "goblet_squat"], a))
    assert "injury:knee: 0 of 2 exercises (+2)" in notes


def test_the_same_helping_exercise_in_two_sessions_counts_twice():
    a = athlete(injuries=["knee"])
    one = workout("heavy_lower", "mon", "18:00", ["step_up", "plank"], a)
    two = workout("heavy_lower", "thu", "18:00", ["step_up", "plank"], a)
    _, notes = score(a, one, two)
    assert not any(n.startswith("injury:knee") for n in notes)
    _, notes = score(a, one)
    assert any(n.startswith("injury:knee") and "+1" in n for n in notes)


@pytest.mark.parametrize(
    "injuries, cover_targets, expected",
    [
        (["shin"], {}, EMPTY_BASE + 3 + 2),  # tibialis, calves, glute med +1; two shin exercises
        (["knee", "hip"], {}, EMPTY_BASE + 4 + 4),  # glutes twice raised, quads, glute med; 2 + 2 exercises
        ([], {"calves": 0}, EMPTY_BASE - 2),
        ([], {"core": 3}, EMPTY_BASE + 2),
        (["achilles"], {"calves": 1}, EMPTY_BASE - 1 + 2),  # the scenario's own target wins over the injury's
    ],
)
def test_targets_from_injuries_and_overrides(injuries, cover_targets, expected):
    a = athlete(injuries=injuries, strength={"cover_targets": cover_targets})
    assert score(a)[0] == expected


# ---- solver vs scorer ----------------------------------------------------------------

@pytest.mark.parametrize(
    "fields",
    [
        {"strength": {"sessions": 1}},
        {"strength": {"sessions": 2}, "injuries": ["shin"]},
        {"strength": {"sessions": 1}, "phase": "build", "injuries": ["hamstring", "achilles"]},
        {"strength": {"sessions": 1, "cover_targets": {"core": 3}}, "phase": "taper"},
    ],
)
def test_solver_penalty_matches_the_scorer(fields):
    """One session never meets a twice-a-week target, two never meet calves three times
    (shin) or core three times: the penalty compared is never a trivial zero."""
    scenario = make_scenario(locations=LOCATIONS, **fields)
    plan, units, objective = solve_with_units(scenario)
    scored, _ = goal.score(plan, scenario.athlete)
    assert units[GOAL] == scored == plan.score[GOAL].penalty
    assert scored > 0
    assert objective == plan.total_penalty


# ---- encoder preferences ----------------------------------------------------------
# With S-COVER weighted 1000 a unit, one unit outweighs everything else a week of up to
# three sessions can cost (S-STACK <= 3 x 2 x 15, S-SPREAD <= 3 x 25, S-SHORT <= 3 x 25),
# so the solver's coverage is as good as any legal week's: a hand-made week that passes
# every checker is a witness of what it must at least reach.

DOMINANT = {"S-COVER": 1000}


def assert_no_worse_than(witness, scenario):
    assert check_plan(witness, scenario.athlete) == [], "the hand-made week must be legal"
    plan = solve_optimal(scenario)
    mine = score_plan(witness, scenario.athlete, scenario.weight)
    assert plan.total_penalty <= sum(g.weighted for g in mine.values())
    return plan, mine


def test_one_session_reaches_the_best_possible_coverage():
    """One session can train each group once at most, so glutes, hamstrings, quads and
    calves stay one short; and six exercises cannot also hold the mobility pillar (see
    EVERY_GROUP_ONCE): 5 is a floor, and EVERY_GROUP_ONCE reaches it."""
    scenario = make_scenario(
        locations=LOCATIONS, availability={"wed": ["18:00-19:00 gym"]}, strength={"sessions": 1}, weights=DOMINANT
    )
    a = scenario.athlete
    plan, witness = assert_no_worse_than(plan_of(workout("heavy_lower", "wed", "18:00", EVERY_GROUP_ONCE, a)), scenario)
    assert witness[GOAL].penalty == 5
    assert plan.score[GOAL].penalty == 5


def test_an_injury_steers_the_exercises():
    """Plantar fasciitis: calves three sessions, tibialis two, and two plantar exercises a
    week (toe scrunches, eccentric calf raises, arch drills). Three sessions can meet all of it."""
    scenario = make_scenario(
        locations=LOCATIONS,
        availability={d: ["18:00-19:00 gym"] for d in ("mon", "wed", "fri")},
        injuries=["plantar"],
        strength={"sessions": 3},
        weights=DOMINANT,
    )
    a = scenario.athlete
    witness = plan_of(
        workout("heavy_lower", "mon", "18:00", EVERY_GROUP_ONCE, a),
        workout("heavy_lower", "wed", "18:00", ["back_squat", "romanian_deadlift", "eccentric_calf_raise", "toe_scrunch",
                                                 "couch_stretch"], a),
        workout("iso_mobility", "fri", "18:00", ["calf_raise_hold", "plank"], a),
    )
    plan, mine = assert_no_worse_than(witness, scenario)
    assert mine[GOAL].penalty == 0
    assert plan.score[GOAL].penalty == 0
    assert plan.coverage["injury:plantar"].done >= 2
    assert plan.coverage["calves"].done >= 3


def test_the_build_phase_asks_for_plyometrics():
    """The build phase adds the plyometric pillar: a week that can meet every target
    (dominant S-COVER) includes a plyometric exercise."""
    scenario = make_scenario(
        locations=LOCATIONS,
        availability={d: ["18:00-19:00 gym"] for d in ("mon", "thu")},
        phase="build",
        weights=DOMINANT,
    )
    a = scenario.athlete
    witness = plan_of(
        workout("heavy_lower", "mon", "18:00", EVERY_GROUP_ONCE, a),
        workout("power", "thu", "18:00", ["box_jump", "kettlebell_swing", "single_leg_rdl", "ankle_rocks"], a),
    )
    plan, mine = assert_no_worse_than(witness, scenario)
    assert mine[GOAL].penalty == 0
    assert any(x.category == "plyometric" for s in plan.lifts() for x in s.exercises)


def test_the_base_phase_asks_for_a_heavy_lower_body_lift():
    """Base is for max strength (DOMAIN.md: "heavy compounds"): a base week that can hold heavy legs
    holds a heavy lower-body compound, as a build week holds a plyometric. With S-COVER dominant a
    week of two light sessions would otherwise do: prehab and isometrics touch every group."""
    scenario = make_scenario(
        locations=LOCATIONS, availability={d: ["18:00-19:00 gym"] for d in ("mon", "thu")}, weights=DOMINANT,
        strength={"sessions": 2},
    )
    plan = solve_optimal(scenario)
    assert plan.coverage["pillar:heavy_compound"].done == 1
    heavy = {e.id for e in goal.merged_library(()) if "heavy_compound" in goal.pillars_of(e)}
    assert any(x.id in heavy for s in plan.lifts() if s.kind == "heavy_lower" for x in s.exercises)


def test_only_a_heavy_lower_body_compound_counts_as_the_base_phases_heavy_lift():
    """A walking lunge (moderate legs) or a slow heavy calf raise (heavy, but prehab) is not the
    pillar; a goblet squat is. A hand-written heavy-legs session with no exercises listed is."""
    a = athlete()
    for exercises, done in ((["walking_lunge", "push_up", "dumbbell_row"], 0), (["heavy_calf_raise", "plank"], 0),
                            (["goblet_squat", "plank"], 1)):
        kind = "full_body" if "push_up" in exercises else "heavy_lower"
        assert goal.coverage(plan_of(workout(kind, "wed", "18:00", exercises, a)), a)["pillar:heavy_compound"].done == done
    assert goal.coverage(plan_of(lift("heavy_lower", "wed", "18:00", "18:40")), a)["pillar:heavy_compound"].done == 1
    assert "pillar:heavy_compound" not in goal.targets(athlete(phase="build"))


def test_heavy_legs_out_of_reach_of_a_home_with_no_weights_is_said_so():
    """Base asks for a heavy lower-body lift; at a home with a mat and bands no exercise can be one,
    and the shortfall says why rather than reading as the planner's choice."""
    mat_only = make_scenario(locations={"home": ["mat", "bands"]}, availability={d: ["18:00-19:00 home"] for d in
                                                                                 ("mon", "wed", "fri")})
    plan = solve_optimal(mat_only)
    heavy = plan.coverage["pillar:heavy_compound"]
    assert (heavy.done, heavy.reachable, heavy.why) == (0, 0, "no session the week's kinds and kit allow trains it")
    weights = make_scenario(locations={"home": ["mat", "dumbbells"]}, availability={d: ["18:00-19:00 home"] for d in
                                                                                   ("mon", "wed", "fri")})
    assert "pillar:heavy_compound" not in goal.reachable(weights.athlete)
    assert solve_optimal(weights).coverage["pillar:heavy_compound"].done == 1
    # a hand-written heavy legs session there (no exercises listed) counts, and no "out of reach" is said beside it
    written = goal.coverage(plan_of(lift("heavy_lower", "mon", "18:00", "18:40")), mat_only.athlete)
    assert (written["pillar:heavy_compound"].done, written["pillar:heavy_compound"].reachable) == (1, None)


def test_targets_steer_the_exercises():
    """Only push asked for (every group target 0 but push): the session holds a pushing exercise."""
    targets = {g: 0 for g in GROUPS} | {"push": 1}
    scenario = make_scenario(
        locations=LOCATIONS, availability={"wed": ["18:00-19:00 gym"]}, strength={"sessions": 1, "cover_targets": targets},
        weights=DOMINANT,
    )
    (only,) = solve_optimal(scenario).lifts()
    assert any("push" in x.muscles for x in only.exercises)


# ---- what no legal week can reach ---------------------------------------------------
# ``reachable`` is only said beside a shortfall, never taken off the penalty; that no legal
# week does more is asserted on every plan the tests solve (conftest.assert_checks_pass).

def test_a_one_lift_week_says_a_twice_a_week_target_is_out_of_its_reach():
    scenario = make_scenario(locations=LOCATIONS, phase="peak")  # peak: one session (intermediate)
    plan = solve_optimal(scenario)
    glutes = plan.coverage["glutes"]
    assert (glutes.target, glutes.reachable) == (2, 1)
    assert plan.coverage["core"].reachable is None  # once a week: one session can
    (note,) = [n for n in plan.score[GOAL].notes if n.startswith("glutes: ")]
    assert note == "glutes: 1 of 2 sessions (+1; the week allows 1 strength session)"
    assert plan.score[GOAL].penalty >= 4  # the four twice-a-week groups still count, as DOMAIN.md sets them


def test_race_week_says_no_light_session_pushes():
    """Race week holds light kinds only (R-TAPER), and no isometric, mobility or prehab exercise
    in the library trains push: the shortfall is named as out of the week's reach."""
    light = [e for e in goal.merged_library(()) if e.category in ("isometric", "mobility", "prehab")]
    assert light and not any("push" in e.muscles for e in light)
    scenario = make_scenario(locations=LOCATIONS, runs=[{"kind": "easy", "minutes": 40},
                                                        {"kind": "race", "minutes": 60, "at": "sun 07:00", "distance": "10k"}])
    plan = solve_optimal(scenario)
    assert (plan.coverage["push"].done, plan.coverage["push"].reachable) == (0, 0)
    assert "push: 0 of 1 sessions (+1; no session the week's kinds and kit allow trains it)" in plan.score[GOAL].notes
    # the same athlete in season may push
    assert "push" not in goal.reachable(make_athlete(locations=LOCATIONS))


def test_a_week_with_no_lifts_says_so_not_that_no_kind_trains_it():
    """An explicit ``sessions: 0`` (the athlete's call): every session target is out of reach
    because the week holds no lift, not because of what the kinds train."""
    limits = goal.reachable(make_athlete(locations=LOCATIONS, injuries=["knee"], strength={"sessions": 0}))
    assert limits["glutes"] == limits["push"] == limits["injury:knee"] == (0, "the week allows no strength sessions")
    assert "injury:knee" not in goal.reachable(make_athlete(locations=LOCATIONS, injuries=["knee"], phase="peak"))


def test_a_full_week_has_nothing_out_of_reach():
    plan = solve_optimal(make_scenario(locations=LOCATIONS, strength={"sessions": 3}))
    assert all(c.reachable is None for c in plan.coverage.values())
