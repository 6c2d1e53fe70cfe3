"""Issue 3: the exercise library as data, dosing by phase and level, and exercise choice
inside the model (equipment, kind content, coverage, injuries, the user's own library)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from conftest import make_athlete

from optimizer import ScenarioError, check_plan, load_scenario, parse_scenario, plan_week
from optimizer.catalog import catalog
from optimizer.exercises import SORTS, Exercise, builtin_library, fits_kind, hosts, merged_library, missing_sorts, suits
from optimizer.prescribe import dose
from optimizer.scenario import Injury

LIB = {e.id: e for e in builtin_library()}
HOME = {"home": ["mat", "bands", "dumbbells"]}
GYM = {"gym": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "box", "machines", "cable", "bands", "pullup_bar"]}


def week(**fields):
    athlete = {
        "name": "t", "locations": HOME,
        "availability": {d: ["18:00-20:00 home"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
        "runs": [{"kind": "easy", "minutes": 40}, {"kind": "tempo", "minutes": 50}, {"kind": "long", "minutes": 90}],
    } | fields
    return parse_scenario({"athlete": athlete})


def solved(scenario):
    plan = plan_week(scenario)
    if plan.status == "optimal":
        assert check_plan(plan, scenario.athlete) == []
    return plan


# ---- the library as data -----------------------------------------------------

def test_library_loads_with_enough_exercises_of_every_category():
    assert len(LIB) >= 45
    categories = {e.category for e in LIB.values()}
    assert categories == {"compound", "isometric", "plyometric", "mobility", "prehab"}
    trained = {m for e in LIB.values() for m in e.muscles}
    assert trained == set(catalog().cover_targets), "every muscle group has exercises"
    for injury in catalog().injury_emphasis:
        assert sum(injury in e.helps for e in LIB.values()) >= 2, injury


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
@pytest.mark.parametrize("kind", list(catalog().strength_kinds))
def test_every_kind_can_be_filled_at_a_full_gym_for_every_level(kind, level):
    kit = frozenset(GYM["gym"]) | {"bodyweight"}
    usable = [e for e in LIB.values() if suits(e, level, ()) and e.equipment_used(kit) is not None]
    assert missing_sorts(kind, usable) == []


def test_a_bad_library_entry_is_rejected_with_the_field():
    with pytest.raises(ValueError, match="unknown muscle group"):
        Exercise(id="x", name="X", category="compound", muscles=["biceps"], lower_load="none", work=30, rest=30)
    with pytest.raises(ValueError, match="unknown equipment"):
        Exercise(id="x", name="X", category="compound", muscles=["core"], equipment=[["unicorn"]], lower_load="none", work=30, rest=30)


def test_equipment_alternatives_pick_what_the_place_has():
    goblet = LIB["goblet_squat"]
    assert goblet.equipment_used(frozenset({"kettlebell", "bodyweight"})) == ("kettlebell",)
    assert goblet.equipment_used(frozenset({"mat", "bodyweight"})) is None
    assert LIB["plank"].equipment_used(frozenset({"bodyweight"})) == ("bodyweight",)


# ---- dosing ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("exercise", "phase", "level", "sets", "reps", "seconds"),
    [
        ("back_squat", "base", "intermediate", 3, "4-8", None),
        ("goblet_squat", "base", "beginner", 2, "8-12", None),  # beginners: a set less, higher reps early
        ("box_jump", "build", "intermediate", 3, "5-8", None),
        ("back_squat", "peak", "advanced", 2, "4-6", None),
        ("goblet_squat", "taper", "intermediate", 1, "5", None),
        ("wall_sit", "base", "beginner", 2, None, 20),  # 004: beginners hold 20-30 s
        ("wall_sit", "base", "advanced", 3, None, 45),
        ("plank", "recovery", "intermediate", 3, None, 30),
    ],
)
def test_prescriptions_follow_phase_and_level(exercise, phase, level, sets, reps, seconds):
    d = dose(LIB[exercise], phase, level)
    assert (d.sets, d.reps, d.seconds) == (sets, reps, seconds)


@pytest.mark.parametrize("phase", ["base", "build"])
def test_legs_are_lifted_no_harder_than_the_session_s_load(phase):
    """Full body and power are moderate to every rule (they may sit the eve of a key run), so their
    leg compounds are not given the phase's heavy words; heavy lower body days keep them, and an
    upper-body compound, which loads no legs, keeps them in any session."""
    heavy_words = catalog().prescriptions[phase]["compound"].load
    for exercise in ("back_squat", "walking_lunge"):
        assert dose(LIB[exercise], phase, "intermediate", legs="heavy").load == heavy_words
        moderate = dose(LIB[exercise], phase, "intermediate", legs="moderate")
        assert moderate.load == catalog().moderate_legs_load[phase] and "heavy" not in moderate.load
        assert (moderate.sets, moderate.reps) == (dose(LIB[exercise], phase, "intermediate").sets,
                                                  dose(LIB[exercise], phase, "intermediate").reps), "timed the same"
    assert dose(LIB["push_up"], phase, "intermediate", legs="moderate").load == heavy_words


def test_a_compound_done_at_bodyweight_is_made_hard_without_heavy_or_percent_words():
    """A base push-up at home was "heavy: the last two reps are hard" and, in a progression week,
    "+5 %": neither means anything without a weight. With dumbbells the goblet squat keeps them,
    and so does a push-up in a week whose words say nothing of weight (build)."""
    from optimizer.prescribe import dosed

    athlete = make_athlete(phase="base", strength={"progression_week": 2})
    heavy_words = catalog().prescriptions["base"]["compound"].load
    push_up = dosed(LIB["push_up"], athlete, frozenset({"mat"}))
    assert push_up.equipment == ["bodyweight"] and push_up.load == catalog().bodyweight_load["base"]
    assert "%" not in push_up.load and "heavy" not in push_up.load
    squat = dosed(LIB["goblet_squat"], athlete, frozenset({"dumbbells"}))
    assert squat.load == f"{heavy_words}; +10 % on the block's first week"
    built = dosed(LIB["push_up"], make_athlete(phase="build"), frozenset())
    assert built.load == catalog().prescriptions["build"]["compound"].load
    assert dose(LIB["push_up"], "base", "intermediate").sets == dosed(LIB["push_up"], athlete, frozenset()).sets
    nordic = dosed(LIB["nordic_curl"], athlete, frozenset())  # heavy on the body's own weight: no backpack
    assert nordic.equipment == ["bodyweight"] and nordic.load.startswith(heavy_words)


def test_planned_full_body_and_power_sessions_prescribe_no_heavy_legs():
    plan = solved(week(phase="base", strength={"sessions": [2, 2], "include": ["full_body", "power"]}))
    assert plan.status == "optimal"
    for s in plan.lifts():
        legs = [x for x in s.exercises if LIB[x.id].lower_load != "none" and x.category == "compound"]
        if s.lower_load != "heavy":
            assert all("heavy" not in x.load for x in legs), (s.kind, [x.load for x in legs])
    assert any(s.kind == "full_body" and any(LIB[x.id].lower_load != "none" and x.category == "compound"
                                             for x in s.exercises) for s in plan.lifts()), "a leg compound was dosed"


def test_a_superset_saves_half_of_each_rest():
    squat = LIB["back_squat"]  # 40 s work, 150 s rest, 3 sets in base
    d = dose(squat, "base", "intermediate")
    assert d.total_minutes(squat) == -(-3 * (40 + 150) // 60)
    assert d.total_minutes(squat, superset=True) == -(-3 * (40 + 75) // 60)


# ---- choice inside the model ---------------------------------------------------------

def test_a_gym_less_week_never_gets_a_barbell_exercise():
    plan = solved(week(strength={"sessions": [2, 3]}))
    assert plan.status == "optimal" and plan.lifts()
    for s in plan.lifts():
        for x in s.exercises:
            assert "barbell" not in x.equipment
            assert set(x.equipment) - {"bodyweight"} <= {"mat", "bands", "dumbbells"}


def test_heavy_legs_at_a_mat_only_place_is_impossible_and_the_planner_says_why():
    plan = solved(week(locations={"home": ["mat"]}, strength={"sessions": 1, "include": ["heavy_lower"]}))
    assert plan.status == "infeasible"
    text = "\n".join(plan.problems)
    assert "R-AVAIL" in text and "heavy lower-body compound" in text
    assert "heavy_lower" in text


def test_heavy_lower_sessions_have_two_heavy_compounds_and_upper_core_loads_no_legs():
    scenario = week(locations=GYM, availability={d: ["17:00-19:00 gym"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
                    strength={"sessions": [2, 2], "include": ["heavy_lower", "upper_core"]})
    plan = solved(scenario)
    assert plan.status == "optimal"
    by_kind = {s.kind: s for s in plan.lifts()}
    heavy = [LIB[x.id] for x in by_kind["heavy_lower"].exercises]
    assert sum(SORTS["heavy_compound"](e) for e in heavy) >= 2
    assert all(LIB[x.id].lower_load == "none" for x in by_kind["upper_core"].exercises)


def test_every_session_fits_its_minutes_and_the_cap():
    scenario = week(strength={"sessions": [2, 3], "max_minutes": 25})
    plan = solved(scenario)
    assert plan.status == "optimal"
    for s in plan.lifts():
        assert 20 <= s.minutes <= 25
        assert 2 <= len(s.exercises) <= catalog().session.max_exercises


def test_coverage_is_met_when_availability_allows():
    plan = solved(week(strength={"sessions": [2, 3]}))
    assert plan.score["S-COVER"].penalty == 0
    assert all(c.done >= c.target for c in plan.coverage.values())


def test_a_missed_target_is_named_with_its_shortfall():
    """One short session cannot train every group twice: the score says which and by how much."""
    scenario = week(strength={"sessions": 1, "max_minutes": 20})
    plan = solved(scenario)
    assert plan.status == "optimal"
    short = {k: c.target - c.done for k, c in plan.coverage.items() if c.done < c.target}
    assert short, "one 20-minute session cannot reach two sessions per lower-body group"
    assert plan.score["S-COVER"].penalty == sum(short.values())
    for key, gap in short.items():
        (note,) = [n for n in plan.score["S-COVER"].notes if n.startswith(f"{key}: ")]
        assert f"(+{gap}" in note
        # a twice-a-week target is out of reach of one session, and the note says so
        assert ("the week allows 1 strength session" in note) == (plan.coverage[key].target > 1 and
                                                                 not key.startswith("injury:"))


@pytest.mark.parametrize(("injury", "never"), [("achilles", {"pogo_hop", "bounding"}), ("knee", {"jump_squat"})])
def test_injuries_keep_aggravating_exercises_out(injury, never):
    scenario = week(injuries=[injury], phase="build", strength={"sessions": 2, "include": ["power"]})
    plan = solved(scenario)
    assert plan.status == "optimal"
    used = {x.id for s in plan.lifts() for x in s.exercises}
    assert not used & never


@pytest.mark.parametrize("injury", ["it_band", "shin", "plantar", "hamstring", "hip", "achilles", "knee"])
def test_injuries_steer_toward_exercises_that_help(injury):
    plan = solved(week(injuries=[injury], strength={"sessions": 2}))
    assert plan.status == "optimal"
    helping = [x.id for s in plan.lifts() for x in s.exercises if injury in LIB[x.id].helps]
    assert len(helping) >= catalog().injury_exercises
    assert plan.coverage[f"injury:{injury}"].done == len(helping)


def test_beginners_get_no_advanced_exercises():
    plan = solved(week(level="beginner", locations=GYM,
                       availability={d: ["17:00-19:00 gym"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
                       strength={"sessions": 3}))
    assert plan.status == "optimal"
    assert all(LIB[x.id].level == "beginner" for s in plan.lifts() for x in s.exercises)


def test_a_users_own_library_file_is_read_and_used(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "exercises:\n"
        "  - {id: hill_bounds, name: Hill bounds, category: plyometric, muscles: [glutes, hamstrings, quads, calves, "
        "hip_flexors, glute_med, core, tibialis_feet], equipment: [[]], lower_load: moderate, work: 20, rest: 40, "
        "helps: [it_band]}\n"
    )
    (tmp_path / "week.yaml").write_text(
        "athlete:\n  name: t\n  phase: build\n  locations: {home: [mat]}\n"
        "  availability: {tue: ['18:00-20:00 home'], thu: ['18:00-20:00 home'], sat: ['08:00-11:00 home']}\n"
        "  runs: [{kind: intervals, minutes: 60, day: tue}, {kind: long, minutes: 100, day: sat}]\n"
        "  strength: {sessions: 1, include: [power], library: mine.yaml}\n"
    )
    scenario = load_scenario(tmp_path / "week.yaml")
    assert "hill_bounds" in {e.id for e in merged_library(scenario.athlete.strength.library)}
    plan = solved(scenario)
    assert plan.status == "optimal"
    assert "hill_bounds" in {x.id for s in plan.lifts() for x in s.exercises}


def test_a_missing_library_file_names_the_field_that_names_it(tmp_path):
    (tmp_path / "week.yaml").write_text("athlete:\n  name: t\n  strength: {library: mine.yaml}\n")
    with pytest.raises(ScenarioError) as error:
        load_scenario(tmp_path / "week.yaml")
    assert "athlete.strength.library: no such file" in str(error.value) and "mine.yaml" in str(error.value)


def test_a_bad_exercise_in_a_library_file_is_found_in_that_file(tmp_path):
    """The line and column are the library file's, and the message names it (they were the
    line of the scenario's ``library:``); two exercises with one id are refused."""
    entry = ("{id: %s, name: X, category: compound, muscles: [quads], equipment: [[]], lower_load: %s, "
             "work: 30, rest: 60}")
    (tmp_path / "mine.yaml").write_text("exercises:\n  - " + entry % ("my_x", "heavy") + "\n\n  - "
                                        + entry % ("my_y", "extreme") + "\n  - " + entry % ("my_x", "light") + "\n")
    (tmp_path / "week.yaml").write_text("athlete:\n  name: t\n  strength: {library: mine.yaml}\n")
    with pytest.raises(ScenarioError) as error:
        load_scenario(tmp_path / "week.yaml")
    messages = error.value.messages
    assert any(m.startswith("line 4, column ") and " of mine.yaml: athlete.strength.library[1].lower_load: 'extreme'"
               in m for m in messages), messages
    (tmp_path / "mine.yaml").write_text((tmp_path / "mine.yaml").read_text().replace("extreme", "heavy"))
    with pytest.raises(ScenarioError) as error:
        load_scenario(tmp_path / "week.yaml")
    assert any(m.startswith("line 5, column ") and "library[2].id: 'my_x' is already the id of library[0]" in m
               for m in error.value.messages), error.value.messages


def test_every_misspelt_name_in_a_library_entry_is_named_with_what_it_was_meant_to_be(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "exercises:\n  - {id: my_x, name: X, category: compound, muscles: [quads, glute], lower_load: heavy, "
        "work: 30, rest: 60, equipment: [[dumbells], [barbel, rack]], helps: [kne]}\n")
    (tmp_path / "week.yaml").write_text("athlete:\n  name: t\n  strength: {library: mine.yaml, cover_targets: {calfs: 3}}\n")
    with pytest.raises(ScenarioError) as error:
        load_scenario(tmp_path / "week.yaml")
    text = "\n".join(error.value.messages)
    for field, words in [("library[0].muscles[1]", "unknown muscle group 'glute'; did you mean 'glutes'?"),
                         ("library[0].equipment[0][0]", "unknown equipment 'dumbells'; did you mean 'dumbbells'?"),
                         ("library[0].equipment[1][0]", "unknown equipment 'barbel'; did you mean 'barbell'?"),
                         ("library[0].helps[0]", "unknown injury 'kne'; did you mean 'knee'?"),
                         ("cover_targets.calfs", "unknown muscle group 'calfs'; did you mean 'calves'?")]:
        assert f"athlete.strength.{field}: {words}" in text, text


def test_a_beginner_with_only_bands_can_do_upper_body_and_core():
    """Bands give a row (and incline push-ups need nothing): the two upper-body compounds R-CONTENT
    asks of an upper body + core session (seed 004's home kit: mat and resistance bands)."""
    scenario = parse_scenario({"athlete": {
        "name": "t", "level": "beginner", "locations": {"home": ["mat", "bands"]},
        "availability": {d: ["18:00-19:30 home"] for d in ("mon", "wed", "fri")},
        "runs": [{"kind": "easy", "minutes": 40}], "strength": {"sessions": 1, "include": ["upper_core"]}}})
    plan = solved(scenario)
    assert plan.status == "optimal" and check_plan(plan, scenario.athlete) == []
    (only,) = plan.lifts()
    assert sum(LIB[x.id].category == "compound" and LIB[x.id].upper for x in only.exercises) >= 2


def test_fits_kind_follows_the_content_table():
    assert fits_kind(LIB["back_squat"], "heavy_lower") and not fits_kind(LIB["back_squat"], "full_body")
    assert fits_kind(LIB["push_up"], "upper_core") and not fits_kind(LIB["wall_sit"], "upper_core")
    assert fits_kind(LIB["box_jump"], "power") and not fits_kind(LIB["box_jump"], "heavy_lower")
    assert not suits(LIB["deadlift"], "intermediate", ()) and suits(LIB["deadlift"], "advanced", ())


KIT = ("bodyweight", "mat", "bands", "dumbbells", "kettlebell", "barbell", "rack", "bench", "cable", "machines", "box",
       "step", "pullup_bar", "foam_roller", "sled", "med_ball", "trx")


def _holds(level: str, kind: str) -> set[str]:
    """The single pieces of kit a place needs to hold ``kind`` ({'bodyweight'} if it needs none)."""
    athlete = make_athlete(level=level)
    if hosts(athlete, kind, frozenset({"bodyweight"})):
        return {"bodyweight"}
    return {k for k in KIT if hosts(athlete, kind, frozenset({k, "bodyweight"}))}


def _named(text: str) -> set[str]:
    return {w for w in re.split(r"[ ,()]+", text) if w in KIT}


@pytest.mark.parametrize("kind", sorted(catalog().strength_kinds))
def test_the_readme_kit_table_says_what_the_library_allows(kind):
    """README's strength-kinds table, row by row, against exercises.hosts: what one piece of kit
    lets an intermediate runner do, and a beginner or an advanced runner where that differs."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    row = re.search(rf"^\| `{kind}` \| [a-z]+ \| (.+) \|$", readme, re.M)
    assert row, f"no README row for {kind}"
    text = row[1]
    main, _, aside = text.partition("(")
    assert _named(main) == _holds("intermediate", kind)
    for level, words in (("beginner", "a beginner:"), ("advanced", "an advanced runner:")):
        if _holds(level, kind) != _holds("intermediate", kind):
            assert words in aside, f"{kind}: the README does not say what {level}s need"
            part = aside.partition(words)[2].split(";")[0]
            said = _named(part)
            expected = _holds(level, kind) - (_holds("intermediate", kind) if "too" in part else set())
            assert said == expected, f"{kind} for {level}s: README says {said}, the library {expected}"
        else:
            assert words not in aside


def test_the_readme_injury_table_names_the_exercises_that_help_each_injury():
    """README's injury-emphasis table, row by row, against the built-in library's ``helps``: the
    exercises S-COVER counts for an injury, by the names plans give them, and every injury a
    scenario may list has its row."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| ([A-Z][^|`]+) \|$", readme, re.M))
    assert set(rows) == set(typing.get_args(Injury))
    for injury, names in rows.items():
        helping = {e.name for e in LIB.values() if injury in e.helps}
        assert set(names.split(", ")) == helping, f"README's {injury} row"
