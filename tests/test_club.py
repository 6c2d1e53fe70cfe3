"""Club planning (optimizer.club, optimizer.club_schema): the club file, joining club
sessions, isolation of one member's trouble, class places (soundness against brute
force, fairness, ties) and determinism across jobs.

The members here are small weeks (two or three runs, three or four windows) so
every solve is quick; the allocation tests call ``allocate`` with penalties
written by hand, where the right answer can be worked out on paper.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from optimizer import Plan, check_plan, plan_week
from optimizer.club import (
    MemberResult,
    SolveTask,
    allocate,
    load_club,
    parse_club,
    plan_club,
    solve_task,
    synthetic_club,
    synthetic_club_data,
)
from optimizer.club_schema import join_class, join_group_run
from optimizer.executors import LocalExecutor
from optimizer.scenario import ScenarioError

ROOT = Path(__file__).resolve().parent.parent
RIVERSIDE = ROOT / "scenarios" / "club_riverside.yaml"
GYM = ["barbell", "rack", "bench", "dumbbells", "kettlebell", "cable", "box", "mat", "bands"]


def athlete(name: str, **fields: Any) -> dict[str, Any]:
    """A small week: three windows at home, an easy run and a long run, one or two lifts."""
    block: dict[str, Any] = {
        "name": name,
        "locations": {"home": ["mat", "bands", "dumbbells"]},
        "availability": {"mon": ["06:00-07:30 home"], "wed": ["18:00-19:30 home"], "sat": ["08:00-10:30 home"]},
        "runs": [{"kind": "easy", "minutes": 40}, {"kind": "long", "minutes": 90}],
        "strength": {"sessions": [1, 2]},
    }
    block.update(fields)
    return block


def club_data(members: list[dict[str, Any]], *, capacity: int | None = 2, **extra: Any) -> dict[str, Any]:
    return {
        "name": "Test Harriers",
        "places": {"track": [], "club_gym": GYM},
        "group_runs": {"track_night": {"name": "Track night", "kind": "intervals", "at": "tue 19:00", "minutes": 60,
                                       "place": "track"}},
        "classes": {"strength": {"name": "Club strength", "kind": "full_body", "at": "thu 18:30", "minutes": 45,
                                 "place": "club_gym", "capacity": capacity}},
        "members": members,
        **extra,
    }


# ---- the club file ----------------------------------------------------------------------


def test_the_riverside_club_is_a_clean_example_where_the_class_is_oversubscribed():
    club = load_club(RIVERSIDE)
    assert len(club.members) >= 30
    assert [m.name for m in club.members if m.errors] == []
    assert len({m.name for m in club.members}) == len(club.members)
    wanting = [m for m in club.members if "strength_class" in m.joins]
    assert club.classes["strength_class"].capacity == 12 < len(wanting)
    assert 3 <= sum("track_night" in m.joins for m in club.members) <= 8
    levels = {m.scenario.athlete.level for m in club.members}
    phases = {m.scenario.athlete.phase for m in club.members}
    assert levels == {"beginner", "intermediate", "advanced"} and len(phases) == 5


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["members"][0].update(joins=["trak_night"]),
     "members[0].joins[0]: 'trak_night' is not a club session; use one of track_night, strength"),
    (lambda d: d["classes"]["strength"].update(place="attic"),
     "classes.strength.place: 'attic' is not under places; add it there with its kit"),
    (lambda d: d["group_runs"]["track_night"].update(at="sun 23:30"),
     "group_runs.track_night: sun 23:30 for 60 min runs past midnight; a club session lies within one day"),
    (lambda d: d["classes"]["strength"].update(capacity=-1), "classes.strength.capacity: -1 is too small"),
    (lambda d: d.update(colour="red"), "colour: unknown field; check the spelling against optimizer/club_schema.py"),
    (lambda d: d["members"][0].update(file="x.yaml"),
     "members[0]: give exactly one of athlete, file, dir (found athlete, file)"),
    (lambda d: d.update(members=[]), "members: a club needs at least one member"),
    (lambda d: d.update(history={"yoga": {"Ana": 1}}), "history.yoga: not a class; use one of strength"),
    (lambda d: d["places"].update(club_gym=["barbel"]),
     "places.club_gym[0]: unknown equipment 'barbel'; did you mean 'barbell'?"),
    (lambda d: d["classes"]["strength"].update(capasity=4),
     "classes.strength.capasity: unknown field; did you mean 'capacity'?"),
])
def test_a_bad_club_file_names_the_field_and_the_fix(change, expected):
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}])
    change(data)
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml")
    assert err.value.messages[0].startswith(expected), err.value.messages
    assert str(err.value).startswith("club.yaml: ")


def test_a_club_file_hears_of_a_bad_field_and_a_bad_reference_in_one_run():
    """A typo in a field and a typo in a reference: both said at once (the reference used to wait
    until the field was fixed and the club run again)."""
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strenght"]}], points_per_missed_week="fifty")
    data["classes"]["strength"]["place"] = "attic"
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml")
    said = err.value.messages
    assert said[0].startswith("points_per_missed_week: 'fifty' is not a whole number")
    assert "classes.strength.place: 'attic' is not under places; add it there with its kit" in said
    assert any(m.startswith("members[0].joins[0]: 'strenght' is not a club session") for m in said)
    assert len(said) == 3


@pytest.mark.parametrize("broken, unsaid", [
    ("places", "is not under places"),
    ("classes", "is not a club session"),
    ("classes", "not a class"),
    ("members", "a club needs at least one member"),
])
def test_a_section_that_failed_is_not_also_blamed_for_what_refers_to_it(broken, unsaid):
    """With places, classes or members unreadable, what names them is not called wrong as well:
    the section's own error is the one to fix."""
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}], history={"strength": {"Ana": 1}})
    data[broken] = "oops"
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml")
    assert err.value.messages[0].startswith(broken)
    assert not [m for m in err.value.messages if unsaid in m], err.value.messages


@pytest.mark.parametrize("section, misspelt, unsaid", [
    ("classes", "clases", "not a class"),
    ("classes", "clases", "is not a club session"),
    ("places", "place", "is not under places"),
])
def test_a_misspelt_section_is_not_also_blamed_for_what_refers_to_it(section, misspelt, unsaid):
    """'clases:' for classes: the fix is the spelling, which is said; the history and joins that
    name a class are not called wrong too (they would be, against a club with no classes)."""
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}], history={"strength": {"Ana": 1}})
    data[misspelt] = data.pop(section)
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml")
    assert err.value.messages[0].startswith(f"{misspelt}: unknown field; did you mean '{section}'?")
    assert not [m for m in err.value.messages if unsaid in m], err.value.messages


def test_a_key_that_is_no_text_does_not_hide_the_other_problems():
    """YAML allows '1: x' at the top: refused as an unknown field, and a bad reference elsewhere is
    still said with it."""
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}])
    data[1] = "x"
    data["classes"]["strength"]["place"] = "attic"
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml")
    assert "classes.strength.place: 'attic' is not under places; add it there with its kit" in err.value.messages


def test_members_come_inline_from_files_and_from_a_folder(tmp_path):
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "juniors").mkdir()
    (tmp_path / "members" / "bea.yaml").write_text(yaml.safe_dump({"athlete": athlete("Bea")}))
    (tmp_path / "members" / "juniors" / "cai.json").write_text('{"athlete": {"name": "Cai", "availability": {}}}')
    (tmp_path / "members" / "juniors" / "dev.toml").write_text('[athlete]\nname = "Dev"\n[athlete.availability]\n')
    (tmp_path / "members" / "juniors" / "notes.txt").write_text("not a member")
    data = club_data([
        {"athlete": athlete("Ana"), "weights": {"S-PREF": 7}, "joins": ["strength"]},
        {"file": "members/bea.yaml", "joins": ["track_night"]},
        {"dir": "members/juniors"},
    ])
    (tmp_path / "club.yaml").write_text(yaml.safe_dump(data))
    club = load_club(tmp_path / "club.yaml")
    assert [m.name for m in club.members] == ["Ana", "Bea", "Cai", "Dev"]
    assert club.members[0].scenario.weight("S-PREF") == 7
    assert club.members[1].joins == ("track_night",) and club.members[1].origin.endswith("bea.yaml")
    assert all(m.errors == () for m in club.members)


def test_one_members_bad_data_is_that_members_problem_not_the_clubs(tmp_path):
    data = club_data([
        {"athlete": athlete("Ana", runs=[{"kind": "easy", "minutes": -5}])},
        {"file": "missing.yaml"},
        {"athlete": athlete("Bea")},
    ])
    club = parse_club(data, "club.yaml", tmp_path)
    ana, missing, bea = club.members
    assert ana.scenario is None and any("athlete.runs[0].minutes" in e for e in ana.errors)
    assert missing.name == "missing" and missing.scenario is None and "no such file" in missing.errors[0]
    assert bea.scenario is not None and bea.errors == ()


def test_a_misspelt_name_in_the_history_is_refused_and_a_leavers_is_let_be():
    members = [{"athlete": athlete("Ana"), "joins": ["strength"]}, {"athlete": athlete("Bea"), "joins": ["strength"]}]
    with pytest.raises(ScenarioError, match=r"history.strength: 'Anna' is no member's name; did you mean 'Ana'\?"):
        parse_club(club_data(members, history={"strength": {"Anna": 2}}))
    club = parse_club(club_data(members, history={"strength": {"Zed Quill": 2}}))  # left the club
    assert club.history == {"strength": {"Zed Quill": 2}}


def test_a_folder_given_as_a_member_file_points_to_dir(tmp_path):
    (tmp_path / "juniors").mkdir()
    club = parse_club(club_data([{"file": "juniors"}, {"athlete": athlete("Bea")}]), "club.yaml", tmp_path)
    juniors, bea = club.members
    assert juniors.scenario is None and "a folder of member files is listed with dir: juniors" in juniors.errors[0]
    assert bea.scenario is not None
    here = parse_club(club_data([{"file": "."}]), "club.yaml", tmp_path).members[0]  # the club's own folder
    assert here.scenario is None and here.name == ".", "a name to show in the summary, not ''"


def test_two_members_of_one_name_who_ask_for_a_class_are_refused_naming_both(tmp_path):
    (tmp_path / "ana.yaml").write_text(yaml.safe_dump({"athlete": athlete("Ana")}))
    data = club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}, {"athlete": athlete("Bea")},
                      {"file": "ana.yaml", "joins": ["strength"]}])
    with pytest.raises(ScenarioError) as err:
        parse_club(data, "club.yaml", tmp_path)
    (message,) = err.value.messages
    assert message.startswith("members: 2 members named 'Ana' ask for a class (club.yaml members[0], ")
    assert str(tmp_path / "ana.yaml") in message and "'Ana B'" in message
    # the history counts by name only for classes: one of the two not asking for one is fine
    data["members"][2]["joins"] = ["track_night"]
    assert [m.name for m in parse_club(data, "club.yaml", tmp_path).members] == ["Ana", "Bea", "Ana"]


def test_a_club_file_error_gives_the_line_and_column_in_the_club_file(tmp_path):
    data = club_data([{"athlete": athlete("Ana", runs=[{"kind": "easy", "minutes": -5}]), "joins": ["strength"]},
                      {"athlete": athlete("Bea"), "joins": ["strength"]}])
    path = tmp_path / "club.yaml"
    text = yaml.safe_dump(data, sort_keys=False)
    path.write_text(text)
    lines = text.splitlines()
    # a member's own bad data: placed in the club file, reported as that member's problem
    (ana, bea) = load_club(path).members
    row = next(i for i, line in enumerate(lines, start=1) if "minutes: -5" in line)
    assert any(e.startswith(f"{path} members[0]: line {row}, column ") and "athlete.runs[0].minutes" in e
               for e in ana.errors), ana.errors
    # the club's own fields
    data["members"][1]["joins"] = ["strenght"]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ScenarioError) as err:
        load_club(path)
    row = next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if "strenght" in line)
    assert err.value.messages[0].startswith(f"line {row}, column "), err.value.messages
    assert "members[1].joins[0]: 'strenght' is not a club session" in err.value.messages[0]


# ---- joining ------------------------------------------------------------------------------


def test_joining_a_group_run_pins_the_members_run_of_that_kind():
    club = parse_club(club_data([{"athlete": athlete("Ana", runs=[
        {"kind": "easy", "minutes": 40}, {"kind": "intervals", "minutes": 50}, {"kind": "long", "minutes": 90}])}]))
    scenario = join_group_run(club.members[0].scenario, club.group_runs["track_night"], [])
    runs = scenario.athlete.runs
    assert len(runs) == 3
    assert (runs[1].kind, runs[1].at, runs[1].minutes, runs[1].name) == ("intervals", "tue 19:00", 60, "Track night")
    assert "tue" not in club.members[0].scenario.athlete.availability  # she had no Tuesday window
    assert scenario.athlete.availability["tue"] == ("19:00-20:00 track",)
    assert scenario.athlete.locations["track"] == ()


def test_a_member_is_told_when_a_group_run_changes_the_length_of_their_own_run():
    from optimizer.club_cli import member_markdown

    runs = [{"kind": "easy", "minutes": 40}, {"kind": "intervals", "minutes": 50}, {"kind": "long", "minutes": 90}]
    club = parse_club(club_data([{"athlete": athlete("Ana", runs=runs), "joins": ["track_night"]},
                                 {"athlete": athlete("Bea", runs=[*runs[:1], {"kind": "intervals", "minutes": 60}, *runs[2:]]),
                                  "joins": ["track_night"]}]))
    ana, bea = plan_club(club, jobs=1).members
    assert ana.run_changes == {"track_night": "your intervals of 50 min is the group's 60 min this week"}
    assert bea.run_changes == {}  # the same length: nothing to say
    assert "- track_night: joined (your intervals of 50 min is the group's 60 min this week)" in member_markdown(ana)
    assert "- track_night: joined\n" in member_markdown(bea)


def test_joining_a_group_run_adds_it_when_the_member_has_no_free_run_of_that_kind():
    club = parse_club(club_data([{"athlete": athlete("Ana", runs=[
        {"kind": "easy", "minutes": 40}, {"kind": "intervals", "minutes": 50, "day": "fri"}])}]))
    scenario = join_group_run(club.members[0].scenario, club.group_runs["track_night"], [])
    assert [(r.kind, r.day, r.at) for r in scenario.athlete.runs] == [
        ("easy", None, None), ("intervals", "fri", None), ("intervals", None, "tue 19:00")]


def test_a_class_place_pins_a_strength_session_and_cuts_its_window_into_the_members_own():
    club = parse_club(club_data([{"athlete": athlete("Ana", availability={
        "mon": ["06:00-07:30"], "thu": ["18:00-20:00"], "sat": ["08:00-10:30"]}, locations={"home": ["mat"]})}]))
    scenario = join_class(club.members[0].scenario, club.classes["strength"], GYM)
    athlete_ = scenario.athlete
    assert [(p.kind, p.at, p.minutes) for p in athlete_.strength.pinned] == [("full_body", "thu 18:30", 45)]
    # her own Thursday evening at home, less the class, and the class at the club gym
    assert athlete_.availability["thu"] == ("18:00-18:30 home", "18:30-19:15 club_gym", "19:15-20:00 home")
    assert athlete_.availability["mon"] == ("06:00-07:30 home",)  # a window without a place got hers, named
    assert set(athlete_.locations["club_gym"]) == set(GYM) and athlete_.locations["home"] == ("mat",)


def test_a_place_the_member_already_lists_keeps_its_kit_plus_the_clubs():
    club = parse_club(club_data([{"athlete": athlete("Ana", locations={"home": ["mat"], "club_gym": ["sled"]})}]))
    scenario = join_class(club.members[0].scenario, club.classes["strength"], GYM)
    assert set(scenario.athlete.locations["club_gym"]) == {"sled", *GYM}


def test_joining_changes_nothing_else_in_the_scenario():
    club = parse_club(club_data([{"athlete": athlete("Ana", injuries=["knee"], preferences={"strength_days": ["thu"]})}]))
    before = club.members[0].scenario
    after = join_class(before, club.classes["strength"], GYM)
    same = {k for k in type(before.athlete).model_fields if k not in ("availability", "locations", "strength")}
    assert {k: getattr(after.athlete, k) for k in same} == {k: getattr(before.athlete, k) for k in same}
    assert after.athlete.strength.model_copy(update={"pinned": ()}) == before.athlete.strength
    assert after.weights == before.weights


def test_the_planned_week_holds_the_class_at_the_club():
    club = parse_club(club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}]))
    result = plan_club(club, jobs=1, time_limit=10)
    ana = result.members[0]
    assert ana.status == "optimal" and ana.places == ["strength"]
    lifts = [(s.day, s.start, s.minutes, s.kind, s.location) for s in ana.plan.lifts()]
    assert ("thu", "18:30", 45, "full_body", "club_gym") in lifts
    assert check_plan(ana.plan, join_class(club.members[0].scenario, club.classes["strength"], GYM).athlete) == []


# ---- isolation ----------------------------------------------------------------------------


def test_a_bad_member_and_a_member_with_no_week_do_not_stop_the_others(tmp_path):
    no_week = athlete("Cal", runs=[{"kind": "long", "minutes": 200}])  # no window is 200 minutes long
    club = parse_club(club_data([
        {"athlete": athlete("Ana", runs=[{"kind": "easy", "minutes": -5}]), "joins": ["strength"]},
        {"athlete": athlete("Bea"), "joins": ["strength"]},
        {"athlete": no_week},
    ]), "club.yaml", tmp_path)
    result = plan_club(club, jobs=1, time_limit=10)
    ana, bea, cal = result.members
    assert ana.status == "invalid" and ana.plan is None
    assert any("athlete.runs[0].minutes" in p for p in ana.problems)
    assert ana.classes["strength"].outcome == "invalid"
    assert bea.status == "optimal" and bea.places == ["strength"]
    assert cal.status == "infeasible" and cal.problems and "R-" in "\n".join(cal.problems)
    assert not result.all_planned


def test_a_planner_failure_in_one_week_is_reported_for_that_member(monkeypatch):
    import optimizer.club as club_module

    real = club_module.plan_week

    def flaky(scenario, **kw):
        if scenario.athlete.name == "Bea":
            raise RuntimeError("solver exploded")
        return real(scenario, **kw)

    monkeypatch.setattr(club_module, "plan_week", flaky)
    result = plan_club(parse_club(club_data([{"athlete": athlete("Ana")}, {"athlete": athlete("Bea")}])), jobs=1)
    ana, bea = result.members
    assert ana.status == "optimal"
    assert bea.status == "unknown" and "solver exploded" in bea.problems[0]


class TimeLimitedExecutor:
    """Runs the solves here, but Sam's as if the time limit ran out after a first week was
    found: the best week so far, status feasible (what plan_week returns then; a real
    slow week would make this test depend on the machine's speed)."""

    def __init__(self):
        self.tasks: list[SolveTask] = []

    def as_completed(self, fn, items):
        for index, task in enumerate(items):
            self.tasks.append(task)
            plan = fn(task)
            if task.scenario.athlete.name == "Sam":
                plan = plan.model_copy(update={"status": "feasible", "proven_optimal": False})
            yield index, plan

    def close(self):
        pass


def test_a_member_who_takes_too_long_keeps_the_best_week_found_marked_not_proven():
    executor = TimeLimitedExecutor()
    club = parse_club(club_data([{"athlete": athlete("Sam"), "joins": ["strength"]}, {"athlete": athlete("Ana")}]))
    result = plan_club(club, executor=executor, time_limit=0.5)
    sam, ana = result.members
    assert {t.time_limit for t in executor.tasks} == {0.5}  # the limit reaches every solve
    assert sam.status == "feasible" and sam.planned and not sam.plan.proven_optimal and sam.plan.sessions
    assert sam.places == ["strength"]
    assert ana.status == "optimal" and result.all_planned


# ---- class places: allocate() with penalties worked out by hand -----------------------------

NONE, CLASS = frozenset(), frozenset({"c"})


def weeks(*pairs: tuple[int | None, int | None]) -> list[dict[frozenset[str], int | None]]:
    """(penalty without the class, penalty with it) per member."""
    return [{NONE: without, CLASS: with_} for without, with_ in pairs]


def placed(allocation, names) -> list[str]:
    return sorted(n for n, combo in zip(names, allocation.places) if combo and "c" in combo)


def test_places_go_to_the_weeks_that_gain_most():
    names = ["Ana", "Bea", "Cal"]
    chosen = allocate(weeks((100, 70), (100, 90), (100, 50)), names, {"c": 2})  # gains 30, 10, 50
    assert placed(chosen, names) == ["Ana", "Cal"]
    assert chosen.places[1] == NONE and chosen.proven


def test_a_member_who_missed_out_last_week_comes_first_unless_another_gains_much_more():
    names = ["Ana", "Bea", "Cal"]
    penalties = weeks((100, 70), (100, 90), (100, 50))  # gains 30, 10, 50
    missed = {"c": {"Bea": 1}}
    assert placed(allocate(penalties, names, {"c": 2}, missed, points_per_missed_week=50), names) == ["Bea", "Cal"]
    assert placed(allocate(penalties, names, {"c": 2}, missed, points_per_missed_week=10), names) == ["Ana", "Cal"]


def test_places_are_filled_even_when_the_class_scores_worse_than_the_members_own_session():
    names = ["Ana", "Bea"]
    chosen = allocate(weeks((100, 120), (100, 90)), names, {"c": 2})
    assert placed(chosen, names) == ["Ana", "Bea"]


def test_a_member_whose_week_needs_the_class_comes_before_one_who_merely_gains():
    names = ["Ana", "Bea"]
    chosen = allocate(weeks((None, 300), (500, 0)), names, {"c": 1})
    assert chosen.places == [CLASS, NONE]


def test_a_member_whose_week_cannot_hold_the_class_leaves_the_place_to_others():
    names = ["Ana", "Bea"]
    chosen = allocate(weeks((100, None), (100, 130)), names, {"c": 1})
    assert chosen.places == [NONE, CLASS]


def test_equal_claims_are_settled_by_name():
    names = ["Zed", "Amy", "Bob"]
    assert placed(allocate(weeks((100, 80), (100, 80), (100, 80)), names, {"c": 1}), names) == ["Amy"]


def test_no_capacity_means_a_place_for_everyone_whose_week_holds_it():
    names = ["Ana", "Bea", "Cal"]
    chosen = allocate(weeks((100, 150), (100, 90), (100, None)), names, {"c": None})
    assert chosen.places == [CLASS, CLASS, NONE]


def test_a_member_who_cannot_take_two_classes_together_gets_the_one_that_suits_their_week():
    a, b = frozenset({"a"}), frozenset({"b"})
    chosen = allocate([{NONE: 100, a: 90, b: 80, a | b: None}], ["Ana"], {"a": None, "b": None})
    assert chosen.places == [b]


def test_rotation_nobody_misses_out_two_weeks_in_a_row():
    """Three members with equal claims on two places: whoever misses out comes first next week."""
    names = ["Amy", "Bob", "Cal"]
    missed: dict[str, int] = {}
    streaks = {n: 0 for n in names}
    for _ in range(6):
        chosen = allocate(weeks((100, 80), (100, 80), (100, 80)), names, {"c": 2}, {"c": missed})
        got = placed(chosen, names)
        assert len(got) == 2
        missed = {n: missed.get(n, 0) + 1 for n in names if n not in got}
        for n in names:
            streaks[n] = streaks[n] + 1 if n not in got else 0
            assert streaks[n] <= 1, f"{n} missed out two weeks running"


# ---- class places: the decomposition against brute force on real weeks ---------------------


def _penalty(scenario) -> int | None:
    plan = plan_week(scenario, time_limit=20)
    assert plan.status in ("optimal", "infeasible"), plan.status  # the comparison needs proven weeks
    return plan.total_penalty if plan.status == "optimal" else None


def _brute_force_best(club, memo) -> tuple[int, int, int]:
    """Every way of giving places (each member any combination of the classes they asked for,
    within the capacities): the lexicographically best (weeks, places, value), evaluated on
    each member's real week under that allocation."""
    wanted = [[sid for sid in m.joins if sid in club.classes] for m in club.members]
    choices = [[frozenset(c) for k in range(len(w) + 1) for c in itertools.combinations(w, k)] for w in wanted]
    best = None
    for allocation in itertools.product(*choices):
        if any(c.capacity is not None and sum(sid in combo for combo in allocation) > c.capacity
               for sid, c in club.classes.items()):
            continue
        planned = places = value = 0
        for member, combo in zip(club.members, allocation):
            penalty = memo(member, combo)
            if penalty is None:  # no week with this combination: this member goes unplanned
                continue
            planned += 1
            places += len(combo)
            value += club.points_per_missed_week * sum(club.history.get(s, {}).get(member.name, 0) for s in combo) - penalty
        best = max(best or (planned, places, value), (planned, places, value))
    return best


def _tiers_of(club, result) -> tuple[int, int, int]:
    planned = [m for m in result.members if m.planned]
    value = sum(club.points_per_missed_week * sum(club.history.get(s, {}).get(m.name, 0) for s in m.places)
                - m.plan.total_penalty for m in planned)
    return len(planned), sum(len(m.places) for m in planned), value


def _memo(club):
    cache = {}

    def penalty(member, combo):
        if (member.name, combo) not in cache:
            scenario = member.scenario
            for sid in combo:
                scenario = join_class(scenario, club.classes[sid], club.places[club.classes[sid].place])
            cache[member.name, combo] = _penalty(scenario)
        return cache[member.name, combo]

    return penalty


def test_the_class_allocation_is_the_best_over_all_subsets():
    bare = {"home": []}
    club = parse_club(club_data([
        {"athlete": athlete("Ana", locations=bare, preferences={"strength_days": ["thu"]}), "joins": ["strength"]},
        {"athlete": athlete("Bea", preferences={"strength_days": ["mon"]}), "joins": ["strength"]},
        {"athlete": athlete("Cal", locations={"home": ["mat"]}), "joins": ["strength"]},
        {"athlete": athlete("Dee", preferences={"strength_days": ["thu"]}, injuries=["knee"]), "joins": ["strength"]},
        {"athlete": athlete("Eve", phase="taper"), "joins": ["strength"]},  # light strength only: cannot take it
        {"athlete": athlete("Fay")},
    ], capacity=2, history={"strength": {"Cal": 1}}, points_per_missed_week=30))
    memo = _memo(club)
    gains = {m.name: memo(m, NONE) - memo(m, frozenset({"strength"})) for m in club.members[:4]}
    assert len(set(gains.values())) > 1, f"the members must differ for the test to mean anything: {gains}"
    result = plan_club(club, jobs=1, time_limit=20)
    assert _tiers_of(club, result) == _brute_force_best(club, memo)
    eve = result.members[4]
    assert eve.classes["strength"].outcome == "cannot" and "R-TAPER" in eve.classes["strength"].detail
    full = [m for m in result.members if m.classes.get("strength") and m.classes["strength"].outcome == "full"]
    assert len(full) == 2 and all("was full" in m.classes["strength"].detail for m in full)  # four could, two places


def test_a_member_excluding_the_class_kind_is_told_to_change_their_exclude_not_to_unpin_it():
    club = parse_club(club_data([{"athlete": athlete("Ana", strength={"sessions": [1, 2], "exclude": ["full_body"]}),
                                  "joins": ["strength"]}]))
    kind = club.classes["strength"].kind
    assert kind == "full_body"
    ana = plan_club(club, jobs=1, time_limit=10).members[0]
    detail = ana.classes["strength"].detail
    assert ana.classes["strength"].outcome == "cannot" and "unpin" not in detail
    assert "strength.exclude lists full_body, the kind of" in detail and "take it out of exclude" in detail


def test_two_classes_with_one_place_each_are_allocated_jointly():
    club_json = club_data([
        {"athlete": athlete("Ana", locations={"home": []}), "joins": ["strength", "mobility"]},
        {"athlete": athlete("Bea", preferences={"strength_days": ["mon", "thu"]}), "joins": ["strength", "mobility"]},
    ], capacity=1)
    club_json["classes"]["mobility"] = {"name": "Mobility", "kind": "iso_mobility", "at": "mon 19:00", "minutes": 30,
                                        "place": "club_gym", "capacity": 1}
    club = parse_club(club_json)
    result = plan_club(club, jobs=1, time_limit=20)
    assert _tiers_of(club, result) == _brute_force_best(club, _memo(club))
    assert sum("strength" in m.places for m in result.members) == 1
    assert sum("mobility" in m.places for m in result.members) == 1


def test_the_places_do_not_depend_on_the_order_of_the_members_in_the_file():
    # Two equal weeks that hold either class but not both (one lift a week): Ana in strength and
    # Bea in mobility is as good on every tier as the swap, so the model's own order must not be
    # the file's, or listing Bea first hands her the other class.
    members = [{"athlete": athlete(name, strength={"sessions": 1}), "joins": ["strength", "mobility"]}
               for name in ("Ana", "Bea")]
    outcomes = []
    for listed in (members, members[::-1]):
        club_json = club_data(listed, capacity=1)
        club_json["classes"]["mobility"] = {"name": "Mobility", "kind": "iso_mobility", "at": "tue 19:00",
                                            "minutes": 30, "place": "club_gym", "capacity": 1}
        result = plan_club(parse_club(club_json), jobs=1)
        outcomes.append({m.name: m.places for m in result.members})
    assert outcomes[0] == outcomes[1]
    assert sorted(map(tuple, outcomes[0].values())) == [("mobility",), ("strength",)]


def test_the_result_carries_next_weeks_history():
    club = parse_club(club_data([
        {"athlete": athlete("Ana"), "joins": ["strength"]},
        {"athlete": athlete("Bea"), "joins": ["strength"]},
        {"athlete": athlete("Cal", phase="taper"), "joins": ["strength"]},
    ], capacity=1, history={"strength": {"Ana": 2, "Cal": 1}}))
    result = plan_club(club, jobs=1)
    # Ana has missed two weeks: 100 points of priority puts her first; Bea misses out for
    # the first time; Cal's week cannot hold the class, so his count stays as it was.
    assert result.members[0].places == ["strength"]
    assert result.history == {"strength": {"Bea": 1, "Cal": 1}}


def test_a_member_whose_data_is_invalid_this_week_keeps_their_missed_weeks():
    # like a week that cannot hold the class: a typo in the file does not wipe out the
    # weeks they already missed, nor add one
    club = parse_club(club_data([
        {"athlete": athlete("Ana", runs=[{"kind": "easy", "minutes": -5}]), "joins": ["strength"]},
        {"athlete": athlete("Bea"), "joins": ["strength"]},
    ], capacity=1, history={"strength": {"Ana": 2}}))
    result = plan_club(club, jobs=1)
    assert result.members[0].classes["strength"].outcome == "invalid"
    assert result.history == {"strength": {"Ana": 2}}
    (report,) = result.classes  # each who asked is in exactly one of the outcomes
    assert (report.asked, report.placed, report.full, report.cannot, report.invalid) == (
        ["Ana", "Bea"], ["Bea"], [], [], ["Ana"])


def test_a_member_file_with_a_typo_keeps_the_members_name_and_missed_weeks(tmp_path):
    # the history counts by name: a member read from a file (or a folder) whose data is invalid
    # this week is still the athlete the file names, not the file's name, or the count is lost
    (tmp_path / "ana.yaml").write_text(yaml.safe_dump({"athlete": athlete("Ana Ruiz", runs=[{"kind": "easy", "minutes": -5}])}))
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "cal.yaml").write_text("athlete: {name: Cal Ito, level: pro}\n")
    (tmp_path / "members" / "broken.yaml").write_text("athlete: [unclosed\n")  # nothing to read a name from
    data = club_data([
        {"file": "ana.yaml", "joins": ["strength"]},
        {"dir": "members", "joins": ["strength"]},
        {"athlete": athlete("Bea"), "joins": ["strength"]},
    ], capacity=1, history={"strength": {"Ana Ruiz": 2, "Cal Ito": 3}})
    club = parse_club(data, "club.yaml", tmp_path)
    assert [m.name for m in club.members] == ["Ana Ruiz", "broken", "Cal Ito", "Bea"]
    assert all(m.scenario is None for m in club.members[:3])
    result = plan_club(club, jobs=1)
    assert result.history == {"strength": {"Ana Ruiz": 2, "Cal Ito": 3}}

def test_a_member_left_out_is_never_told_of_a_priority_of_none():
    # the one place goes to Cal, whose week needs the class (no week without it): a place with
    # no gain to quote; with no places at all there is no last place either
    no_week_without = athlete("Cal", locations={"home": []}, strength={"sessions": 1, "include": ["full_body"]})
    for capacity, members in ((1, [{"athlete": athlete("Ana"), "joins": ["strength"]},
                                   {"athlete": no_week_without, "joins": ["strength"]}]),
                              (0, [{"athlete": athlete("Ana"), "joins": ["strength"]}])):
        result = plan_club(parse_club(club_data(members, capacity=capacity)), jobs=1)
        ana = result.members[0].classes["strength"]
        assert ana.outcome == "full" and "None" not in ana.detail, ana.detail
        assert ana.detail.endswith(f"= {ana.gain}."), ana.detail


# ---- parallel and deterministic -------------------------------------------------------------


def test_results_are_identical_whatever_the_jobs():
    club = parse_club(club_data([
        {"athlete": athlete(name, preferences={"strength_days": [day]}), "joins": joins}
        for name, day, joins in [("Ana", "thu", ["strength"]), ("Bea", "mon", ["strength", "track_night"]),
                                 ("Cal", "sat", ["strength"])]
    ], capacity=2))
    serial = plan_club(club, jobs=1, time_limit=20)
    parallel = plan_club(club, jobs=2, time_limit=20)
    assert all(m.status == "optimal" for m in serial.members)  # time limits play no part
    assert serial.model_dump() == parallel.model_dump()  # solve times are not part of the data


def test_the_executor_reports_progress_and_solves_in_workers():
    club = parse_club(club_data([{"athlete": athlete(n), "joins": ["strength"]} for n in ("Ana", "Bea")], capacity=1))
    seen: list[tuple[int, int]] = []
    plan_club(club, executor=LocalExecutor(2), on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_a_solve_task_is_plain_data_and_its_plan_too():
    import pickle

    club = parse_club(club_data([{"athlete": athlete("Ana")}]))
    task = SolveTask(scenario=club.members[0].scenario, time_limit=5)
    assert pickle.loads(pickle.dumps(task)) == task
    plan = solve_task(task)
    assert isinstance(plan, Plan) and pickle.loads(pickle.dumps(plan)) == plan
    assert isinstance(pickle.loads(pickle.dumps(club)).members[0], type(club.members[0]))


# ---- synthetic clubs --------------------------------------------------------------------------


def test_synthetic_clubs_are_seeded_and_any_size():
    assert synthetic_club_data(12, seed=4) == synthetic_club_data(12, seed=4)
    assert synthetic_club_data(12, seed=4) != synthetic_club_data(12, seed=5)
    club = synthetic_club(40, seed=4)
    assert len(club.members) == 40 and all(m.scenario is not None for m in club.members)
    wanting = sum("strength_class" in m.joins for m in club.members)
    assert wanting > club.classes["strength_class"].capacity  # the class binds
    for member in club.members:  # a member joins a group run only with a free run of that kind
        for sid in member.joins:
            if sid in club.group_runs:
                kind = club.group_runs[sid].kind
                assert any(r.kind == kind and r.at is None and r.day is None for r in member.scenario.athlete.runs)


def test_member_results_are_plain_data():
    result = MemberResult(name="Ana", origin="x", status="invalid", problems=["bad"])
    assert MemberResult.model_validate_json(result.model_dump_json()) == result


def test_the_readme_club_example_reads_as_its_comments_say(tmp_path):
    """The README's club file, with its member files in place, loads field by field as annotated."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("### Plan a whole club", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "members" / "juniors").mkdir(parents=True)
    (tmp_path / "members" / "ana.yaml").write_text((ROOT / "scenarios" / "marathon_base.yaml").read_text())
    (tmp_path / "members" / "juniors" / "tom.yaml").write_text((ROOT / "scenarios" / "10k_build.yaml").read_text())
    (tmp_path / "club.yaml").write_text(block)
    club = load_club(tmp_path / "club.yaml")
    assert set(club.places) == {"track", "club_gym"} and club.classes["strength_class"].capacity == 12
    assert club.group_runs["track_night"].kind == "intervals" and club.history == {"strength_class": {"Ben Carter": 1}}
    assert [m.errors for m in club.members] == [(), (), ()]
    ana, tom, ben = club.members
    assert ana.joins == ("track_night", "strength_class") and tom.joins == () and ben.joins == ("strength_class",)
    assert tom.origin.endswith("tom.yaml") and ben.scenario.weight("S-COVER") == 4
