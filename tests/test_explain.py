"""Issue 4: why no plan (a minimal conflict, in words, with fixes that really solve), why this
plan (each claim re-checked by solving), and checking a week written by hand."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from constraints import GOALS_BY_ID
from optimizer import Plan, check_plan, load_scenario, parse_scenario, plan_week, score_plan
from optimizer.build import build_week
from optimizer.cli import app
from optimizer.explain import _feasible, conflict, why_this_plan
from optimizer.fixes import candidates, verified
from optimizer.solve import SolveSettings, solve_week

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = SolveSettings(time_limit=10)


def athlete(**fields):
    data = {"name": "t", "locations": {"home": ["mat", "dumbbells"]},
            "availability": {d: ["18:00-20:00 home"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
            "runs": [{"kind": "easy", "minutes": 40}], "strength": {"sessions": [0, 1]}} | fields
    return parse_scenario({"athlete": data})


NO_PLAN = {
    "rest": athlete(runs=[{"kind": "easy", "minutes": 40, "day": d} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]),
    "back_to_back": athlete(runs=[{"kind": "tempo", "minutes": 40, "day": "tue"}, {"kind": "intervals", "minutes": 40, "day": "wed"}]),
    "gap48": load_scenario(ROOT / "scenarios" / "no_plan_heavy_before_long.yaml"),
    "too_long": athlete(runs=[{"kind": "long", "minutes": 150}]),
    "pinned_class_vs_taper": athlete(runs=[{"kind": "race", "minutes": 40, "day": "sun"}],
                                     strength={"sessions": 1, "pinned": [{"kind": "power", "at": "wed 18:00", "minutes": 30}]}),
    "last_weeks_legs": athlete(runs=[{"kind": "long", "minutes": 100, "at": "mon 18:00"}],
                               calendar={"week_of": "2026-11-30", "previous_week": [
                                   {"day": "sun", "start": "18:00", "minutes": 45, "kind": "heavy_lower", "location": "home"}]}),
    "last_weeks_legs_eve": athlete(runs=[{"kind": "intervals", "minutes": 40, "at": "mon 18:00"}],
                                   calendar={"week_of": "2026-11-30", "previous_week": [
                                       {"day": "sun", "start": "18:00", "minutes": 45, "kind": "heavy_lower", "location": "home"}]}),
    "next_weeks_key_run": athlete(availability={"sun": ["18:00-20:00 home"]}, runs=[],
                                  strength={"sessions": 1, "include": ["heavy_lower"]},
                                  calendar={"week_of": "2026-11-30", "next_week": [
                                      {"day": "mon", "start": "07:00", "minutes": 40, "kind": "tempo", "location": "home"}]}),
    "class_outside_windows": athlete(strength={"sessions": 1, "pinned": [{"kind": "full_body", "at": "sun 07:00", "minutes": 45, "name": "Club class"}]}),
    "race_outside_windows": athlete(runs=[{"kind": "race", "minutes": 50, "at": "sun 09:00", "distance": "10k"}]),
    "no_windows": athlete(availability={}),
}


@pytest.mark.parametrize("name", sorted(NO_PLAN))
def test_a_conflict_is_minimal_small_and_in_words(name):
    scenario = NO_PLAN[name]
    assert solve_week(build_week(scenario)).status == "infeasible"
    core = conflict(scenario, SETTINGS)
    assert 1 <= len({r.split(":")[0] for r, _ in core}) <= 6, "a handful of rules"
    assert all(words and rule.split(":")[0].startswith("R-") for rule, words in core)
    explanation = plan_week(scenario).problems
    assert len([line for line in explanation if line.startswith("- R-")]) <= 6
    model = build_week(scenario, explain=True)
    model.cp.clear_objective()
    ids = [r for r, _ in core]
    assert not _feasible(model, ids, SETTINGS)
    for dropped in ids:  # minimal: without any one item the rest is plannable
        assert _feasible(model, [r for r in ids if r != dropped], SETTINGS)


@pytest.mark.parametrize(("name", "rule"), [("rest", "R-REST"), ("back_to_back", "R-B2B"), ("gap48", "R-GAP48"),
                                            ("too_long", "R-RUNS"), ("pinned_class_vs_taper", "R-TAPER")])
def test_the_conflict_names_the_rule_that_bites(name, rule):
    assert rule in {r.split(":")[0] for r, _ in conflict(NO_PLAN[name], SETTINGS)}


@pytest.mark.parametrize("name", sorted(NO_PLAN))
def test_every_offered_fix_really_gives_a_week(name):
    scenario = NO_PLAN[name]
    core = [r for r, _ in conflict(scenario, SETTINGS)]
    offered = verified(scenario, core, SETTINGS)
    assert offered, "at least one verified fix"
    by_words = {f.words: f for f in candidates(scenario, core)}
    for line in offered:
        fix = by_words[line.split(" -> ")[0]]
        data = copy.deepcopy(scenario.model_dump(mode="json"))
        fix.edit(data)
        changed = parse_scenario(data)
        plan = plan_week(changed)
        assert plan.status == "optimal" and check_plan(plan, changed.athlete) == []


@pytest.mark.parametrize("name", sorted(NO_PLAN))
def test_no_candidate_fix_is_a_scenario_the_loader_refuses(name):
    """A fix the scenario rules forbid (say, rest_days: 0) is wasted work, never a help."""
    scenario = NO_PLAN[name]
    core = [r for r, _ in conflict(scenario, SETTINGS)]
    for fix in candidates(scenario, core):
        data = copy.deepcopy(scenario.model_dump(mode="json"))
        fix.edit(data)
        parse_scenario(data)  # raises ScenarioError on a refused edit


def test_a_rest_day_for_mobility_is_offered_and_identical_runs_are_offered_once():
    """Six hour-long runs and an isometric + mobility session in seven one-hour windows leave no
    rest day; a mobility session on the rest day would (rest_day_mobility), and dropping any one of
    the six identical runs is one fix, not six."""
    full = athlete(availability={d: ["06:00-07:00 home"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                   runs=[{"kind": "easy", "minutes": 60}] * 6, strength={"sessions": 1, "include": ["iso_mobility"]})
    offered = [line.split(" -> ")[0] for line in plan_week(full).problems if " -> " in line]
    assert "- allow an isometric + mobility session on a rest day (rest_day_mobility: true)" in offered
    assert len([line for line in offered if line.startswith("- drop run #")]) == 1


def test_one_rest_day_fewer_is_offered_down_to_one_and_no_further():
    seven = [{"kind": "easy", "minutes": 40, "day": d} for d in ("mon", "tue", "wed", "thu", "fri", "sat")]
    two = athlete(runs=seven, rest_days=2)
    core = [r for r, _ in conflict(two, SETTINGS)]
    assert "R-REST" in core
    assert any("rest_days: 1" in line for line in verified(two, core, SETTINGS))
    one = NO_PLAN["rest"]
    assert not any("rest_days" in f.words for f in candidates(one, [r for r, _ in conflict(one, SETTINGS)]))


def test_the_issue_example_is_said_with_times():
    text = "\n".join(plan_week(NO_PLAN["gap48"]).problems)
    assert "Thu 17:00-18:30 at gym ends 37.5 h before it" in text
    assert "Sat 08:00" in text


@pytest.mark.parametrize("runs", [[{"kind": "easy", "minutes": 40}], []])
def test_a_week_with_no_windows_says_so_not_that_the_longest_is_0_min(runs):
    text = "\n".join(plan_week(athlete(availability={}, runs=runs, strength={"sessions": [1, 2]})).problems)
    assert "availability has no windows, so no session has a place; add the times you can train" in text
    assert "window is 0 min" not in text


def test_a_conflict_with_last_weeks_heavy_legs_names_that_session():
    words = [w for r, w in conflict(NO_PLAN["last_weeks_legs"], SETTINGS) if r.startswith("R-GAP48")]
    assert words == ["48 h from last week's heavy lower-body session (ended last Sun 18:45) to the long run or a race"]


@pytest.mark.parametrize(("exercises", "why", "fix"), [
    (["walking_lunge", "push_up", "plank"], "R-CONTENT: full_body on mon needs 1 pull exercises, has 0", None),
    (["walking_lunge", "push_up", "band_row"], "R-AVAIL: Band row on mon uses bands, which home does not have",
     "add bands to home (for Club class)")])
def test_a_pinned_lift_whose_own_exercises_cannot_make_it_says_which_rule_and_offers_the_kit(exercises, why, fix):
    """A class pinned with its exercises: the conflict alone said only "R-CONTENT" or "R-PINNED"."""
    pinned = {"kind": "full_body", "at": "mon 18:00", "minutes": 30, "name": "Club class", "exercises": exercises}
    lines = plan_week(athlete(strength={"sessions": 1, "pinned": [pinned]})).problems
    assert f"- Club class pinned to mon 18:00 lists exercises that cannot make it: {why}" in lines
    offered = [line.split(" -> ")[0] for line in lines if " -> " in line]
    assert fix is None or f"- {fix}" in offered


def test_a_pinned_lift_whose_exercises_fit_only_in_supersets_is_not_said_to_break_its_length():
    """Five exercises in a 26-minute class fit only paired (the model pairs them); the class clashes
    with a run pinned to its time, and the explanation used to blame its exercises' length too."""
    pinned = {"kind": "full_body", "at": "mon 18:00", "minutes": 26, "name": "Club class",
              "exercises": ["walking_lunge", "push_up", "band_row", "inverted_row", "dead_bug"]}
    scenario = athlete(locations={"home": ["mat", "bands", "dumbbells", "pullup_bar", "trx"]},
                       availability={"mon": ["18:00-19:30 home"], "wed": ["07:00-08:00 home"]},
                       runs=[{"kind": "easy", "minutes": 40, "day": "wed"}, {"kind": "easy", "minutes": 40, "at": "mon 18:00"}],
                       strength={"sessions": 1, "pinned": [pinned]})
    lines = plan_week(scenario).problems
    assert any(line.startswith("- R-PINNED") for line in lines)
    assert not any("lists exercises that cannot make it" in line for line in lines)
    alone = athlete(locations={"home": ["mat", "bands", "dumbbells", "pullup_bar", "trx"]},
                    availability={"mon": ["18:00-19:30 home"], "wed": ["07:00-08:00 home"]},
                    runs=[{"kind": "easy", "minutes": 40, "day": "wed"}], strength={"sessions": 1, "pinned": [pinned]})
    assert plan_week(alone).status == "optimal", "without the run the class is held, its exercises paired"


@pytest.mark.parametrize(("name", "words"), [
    ("last_weeks_legs_eve", "no key run on Monday, the day after last week's heavy lower-body session (last Sun 18:00)"),
    ("next_weeks_key_run", "no heavy legs on Sunday, the day before next week's tempo run (next Mon 07:00)")])
def test_a_key_eve_conflict_with_the_weeks_either_side_names_that_session(name, words):
    assert [w for r, w in conflict(NO_PLAN[name], SETTINGS) if r.startswith("R-KEYEVE")] == [words]


@pytest.mark.parametrize(("name", "fix"), [("class_outside_windows", "a window for Club class: sun 07:00-07:45 home"),
                                           ("race_outside_windows", "a window for run #1 (race): sun 09:00-09:50 home")])
def test_a_pin_no_window_holds_is_said_and_a_window_for_it_offered_first(name, fix):
    lines = plan_week(NO_PLAN[name]).problems
    assert any("no availability window holds that time" in line for line in lines)
    offered = [line.split(" -> ")[0] for line in lines if " -> " in line]
    assert offered[0] == f"- {fix}"
    assert not any("move run" in line or "drop its pin" in line for line in offered), "a race is not moved"


def test_no_window_for_a_pin_is_offered_on_a_closed_day():
    """A replan's past, done and unavailable days get no window, a pin's own no more than any."""
    scenario = NO_PLAN["race_outside_windows"]
    words = lambda closed: [f.words for f in candidates(scenario, ["R-PINNED:0"], closed)]  # noqa: E731
    assert "a window for run #1 (race): sun 09:00-09:50 home" in words(())
    assert not any(w.startswith("a window for") for w in words(["sun"]))


def test_lifting_fixes_come_before_dropping_a_run():
    offered = verified(NO_PLAN["gap48"], [r for r, _ in conflict(NO_PLAN["gap48"], SETTINGS)], SETTINGS)
    assert not offered[0].startswith("drop run")


@pytest.mark.parametrize("path", ["busy_parent.yaml", "marathon_base.yaml", "seed002_sample_week.yaml"])
def test_why_this_plan_claims_hold_when_rechecked(path):
    scenario = load_scenario(ROOT / "scenarios" / path)
    plan = plan_week(scenario)
    reasons = why_this_plan(scenario, plan, SETTINGS)
    paid = {g for g, s in plan.score.items() if s.penalty}
    assert set(reasons) == paid
    for goal, lines in reasons.items():
        model = build_week(scenario)
        model.cp.add(model.penalties[goal] <= plan.score[goal].penalty - 1)
        rival = solve_week(model, SETTINGS)
        if lines[0].startswith("no week does better"):
            assert rival.status == "infeasible"
            assert "R-" in lines[0]
        else:
            assert rival.status == "optimal" and rival.total_penalty > plan.total_penalty
            if (said := re.search(r"\(for one, (\d+) strength sessions? instead of (\d+)\)", lines[0])):
                assert (len(rival.lifts()), len(plan.lifts())) == tuple(map(int, said.groups()))


def test_a_better_week_is_said_by_what_it_does_differently_with_its_lifts():
    """"A week better on strength on hard run days exists" read as nonsense in a week with no hard
    run day, where the better week simply lifts once less: the words now say so."""
    from conftest import lift, plan_of

    from optimizer.explain import _how_it_differs

    three = plan_of(lift("power", "mon", "18:00", "18:30"), lift("prehab", "wed", "18:00", "18:20"),
                    lift("prehab", "fri", "18:00", "18:20"))
    two = plan_of(lift("power", "mon", "18:00", "18:30"), lift("prehab", "thu", "18:00", "18:20"))
    moved = plan_of(lift("power", "mon", "18:00", "18:30"), lift("prehab", "thu", "18:00", "18:20"),
                    lift("prehab", "sat", "18:00", "18:20"))
    assert _how_it_differs(two, three) == "for one, 2 strength sessions instead of 3"
    assert _how_it_differs(moved, three) == "for one, strength as power on mon, prehab on thu, prehab on sat"
    later = plan_of(lift("power", "mon", "19:00", "19:30"), lift("prehab", "wed", "18:00", "18:20"),
                    lift("prehab", "fri", "18:00", "18:20"))
    assert _how_it_differs(later, three) == ""


def test_a_goal_weighted_0_is_said_to_count_for_nothing_not_to_cost_more_elsewhere():
    """At weight 0 a week better on the goal may cost nothing more, and "costs more elsewhere (;
    total 2 against 2)" would be false: the reason is the weight, and no solve is needed to say it."""
    data = load_scenario(ROOT / "scenarios" / "marathon_base.yaml").model_dump(exclude_unset=True)
    scenario = parse_scenario({**data, "weights": {"S-PREF": 0}})
    plan = plan_week(scenario, explain=False)
    assert plan.score["S-PREF"].penalty > 0  # or there is nothing to explain
    reasons = why_this_plan(scenario, plan, SETTINGS)
    assert reasons["S-PREF"] == ["S-PREF is weighted 0 in this scenario: it counts for nothing, so the plan does "
                                 "not try to do better on preferred days, times and locations"]


def _stopped_short(scenario):
    """A week the time limit could have returned: every hard rule kept, but calves trained in one
    lift at most (their target is two), so S-COVER pays at least a unit the best week does not.
    Made by what the week may hold, not by a penalty's bound, so any such week the solver picks is."""
    best = plan_week(scenario, explain=False)
    assert best.score["S-COVER"].penalty == 0 and scenario.athlete.cover_targets["calves"] == 2
    model = build_week(scenario)
    for lift in model.lifts[1:]:
        for eid, chosen in lift.exercises.items():
            if "calves" in model.library[eid].muscles:
                model.cp.add(chosen == 0)
    week = solve_week(model, SETTINGS)
    assert check_plan(week, scenario.athlete) == []
    week.status = "feasible"
    week.score = score_plan(week, scenario.athlete, scenario.weight)
    assert week.score["S-COVER"].penalty > 0 and week.total_penalty > best.total_penalty
    return week


def test_a_plan_stopped_short_of_the_optimum_is_not_said_to_be_the_cheapest_for_its_goal():
    """A ``feasible`` plan (the time limit stopped the search) can have a rival better on a goal
    and better overall; "costs more elsewhere (; total 15 against 35)" would be false, so the
    words say the search stopped, and every claim still holds when solved again."""
    scenario = load_scenario(ROOT / "scenarios" / "marathon_base.yaml")
    week = _stopped_short(scenario)
    reasons = why_this_plan(scenario, week, SETTINGS)
    assert reasons["S-COVER"][0].startswith("a better week exists (total ")
    assert reasons["S-COVER"][0].endswith(f"better on {GOALS_BY_ID['S-COVER'].TITLE} too: the time limit stopped the "
                                          "search before it found it; allow more time")
    for goal, lines in reasons.items():
        model = build_week(scenario)
        model.cp.add(model.penalties[goal] <= week.score[goal].penalty - 1)
        rival = solve_week(model, SETTINGS)
        if lines[0].startswith("a better week exists"):
            assert rival.total_penalty < week.total_penalty
        elif "costs more elsewhere" in lines[0]:
            assert "(;" not in lines[0] and rival.total_penalty >= week.total_penalty
        else:
            assert lines[0].startswith("no week does better") and rival.status == "infeasible"


@pytest.mark.parametrize("path", ["marathon_base.yaml", "seed002_sample_week.yaml"])
def test_costs_elsewhere_are_not_claimed_for_every_week_when_the_plan_is_not_proven_best(path):
    """The optimum reported as ``feasible`` (the time limit ran out before the proof): a rival
    better on a goal costs more elsewhere, but with no proof the plan is best, that is a fact about
    the week found, not about every week (a cheaper one may exist), and the words say so."""
    scenario = load_scenario(ROOT / "scenarios" / path)
    plan = plan_week(scenario, explain=False)
    proven = why_this_plan(scenario, plan, SETTINGS)
    costly = {g for g, lines in proven.items() if "costs more elsewhere" in lines[0]}
    assert costly, "the scenario has a goal whose better week costs more elsewhere"
    plan.status = "feasible"
    unproven = why_this_plan(scenario, plan, SETTINGS)
    for goal in costly:
        line = unproven[goal][0]
        assert line.startswith(f"a week better on {GOALS_BY_ID[goal].TITLE} found in the time limit costs more "
                               f"elsewhere (S-") and line.endswith("so a week better on both may exist; allow more time")
        assert proven[goal][0].split("(")[-1] in line, "the same rival, its costs and totals"


def test_a_rival_search_the_time_limit_stops_is_not_said_to_prove_a_rule_in_the_way(monkeypatch):
    """No rival found in the time allowed proves nothing: it must not read as "no week does better:
    it would break the hard rules together", and no conflict is searched for."""
    import optimizer.explain
    import optimizer.solve

    scenario = load_scenario(ROOT / "scenarios" / "busy_parent.yaml")
    plan = plan_week(scenario, explain=False)
    monkeypatch.setattr(optimizer.solve, "solve_week", lambda model, settings: Plan(athlete="x", status="unknown"))
    monkeypatch.setattr(optimizer.explain, "conflict", lambda *a, **k: pytest.fail("no conflict to search for"))
    reasons = why_this_plan(scenario, plan, SETTINGS)
    assert reasons and set(reasons) == {g for g, s in plan.score.items() if s.penalty}
    for lines in reasons.values():
        assert lines[0].startswith("no week better on ")
        assert lines[0].endswith("was found within the time limit, nor proven impossible; allow more time for an answer")


runner = CliRunner()
SEED = str(ROOT / "scenarios" / "seed002_sample_week.yaml")
TEMPLATE = str(ROOT / "scenarios" / "weeks" / "seed002_template.yaml")


def test_the_seed_002_template_breaks_no_rule_and_scores_worse_than_the_plan():
    result = runner.invoke(app, ["check", SEED, TEMPLATE, "-f", "json"])
    assert result.exit_code == 0, result.output
    import json

    week = json.loads(result.stdout)
    assert week["status"] == "checked" and week["problems"] == ["Breaks no hard rule."]
    # Tue full body: no run that day, Monday's run is easy: tier 2. Thu upper body: the day after Wednesday's tempo: tier 1.
    assert week["score"]["S-STACK"]["penalty"] == 3
    assert week["total_penalty"] > plan_week(load_scenario(SEED)).total_penalty


def test_the_readme_quotes_the_seed_002_scores_as_they_are():
    """The README's front page compares the template's score with the solver's: both figures must
    be what check and plan say today (they move whenever a goal's reading does)."""
    import json
    import re

    quoted = re.search(r"total penalty of (\d+) against the solver's (\d+)", (ROOT / "README.md").read_text())
    assert quoted, "the README no longer quotes the two scores"
    template = json.loads(runner.invoke(app, ["check", SEED, TEMPLATE, "-f", "json"]).stdout)["total_penalty"]
    assert (template, plan_week(load_scenario(SEED)).total_penalty) == tuple(map(int, quoted.groups()))


def test_a_broken_week_lists_every_rule_it_breaks(tmp_path):
    week = tmp_path / "week.yaml"
    week.write_text(
        "sessions:\n"
        "  - {day: mon, start: '18:00', minutes: 50, kind: easy, location: home}\n"
        "  - {day: wed, start: '18:00', minutes: 50, kind: tempo, location: home}\n"
        "  - {day: thu, start: '18:00', minutes: 50, kind: medium, location: home}\n"
        "  - {day: fri, start: '18:00', minutes: 40, kind: heavy_lower, location: home}\n"
        "  - {day: sat, start: '08:00', minutes: 120, kind: long, location: home}\n"
        "  - {day: sun, start: '09:00', minutes: 30, kind: upper_core, location: home}\n"
    )
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 1
    for rule in ("R-KEYEVE", "R-GAP48", "R-RUNS", "R-FREQ"):  # heavy Fri before Sat long; medium is not the plan's; kinds
        assert rule in result.stdout


def test_a_malformed_week_is_an_input_error(tmp_path):
    week = tmp_path / "week.yaml"
    week.write_text("sessions:\n  - {day: funday, start: '25:00', kind: jog}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "sessions[0]" in result.stderr or "sessions.0" in result.stderr or "[0]" in result.stderr
    week.write_text("sessions:\n  - {day: mon, start: '07:00', minutes: 40, kind: easy, location: home, pace: 5}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])  # the guide to a week's fields, not a scenario's
    assert result.exit_code == 2 and "sessions[0].pace: unknown field; check the spelling against the README's " \
        "'Check a hand-made week'" in result.stderr, result.stderr


def test_a_misspelt_week_field_is_suggested_by_meaning_and_never_as_a_field_given_beside_it(tmp_path):
    week = tmp_path / "week.yaml"
    week.write_text("sessions:\n  - {day: mon, start: '07:00', kind: easy, duration: 30, place: home}\n"
                    "  - {day: tue, start: '07:00', kind: easy, minutes: 30, location: home, notes: x}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2
    assert "sessions[0].duration: unknown field; did you mean 'minutes'?" in result.stderr
    assert "sessions[0].place: unknown field; did you mean 'location'?" in result.stderr
    assert "sessions[1].notes: unknown field; check the spelling" in result.stderr, "minutes is given beside it"


def test_a_week_and_its_scenario_given_the_wrong_way_round_says_so(tmp_path):
    week = tmp_path / "week.json"
    week.write_text(plan_week(load_scenario(SEED)).model_dump_json())
    for first in (week, TEMPLATE):  # a plan's JSON, a hand-made week
        result = runner.invoke(app, ["check", str(first), SEED])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "this is a week or a plan (it has sessions, not an athlete); give the scenario file here (with " \
            "`check`, the scenario first, then the week" in result.stderr
    bare = tmp_path / "bare.yaml"  # a week may be a bare list of sessions
    bare.write_text("- {day: mon, start: '07:00', minutes: 30, kind: easy, location: home}\n")
    result = runner.invoke(app, ["check", str(bare), SEED])
    assert result.exit_code == 2 and "this is a list (a week's sessions?), not a scenario; give the scenario file " \
        "here (with `check`, the scenario first" in result.stderr, result.stderr


@pytest.mark.parametrize("head, indent", [("sessions:\n", "  "), ("", "")])  # a mapping, or the bare list
def test_a_week_file_error_gives_the_line_and_column_of_the_value(tmp_path, head, indent):
    week = tmp_path / "week.yaml"
    week.write_text(f"{head}{indent}- {{day: mon, start: '07:00', minutes: 40, kind: easy, location: home}}\n"
                    f"{indent}- day: tue\n{indent}  start: '07:00'\n{indent}  minutes: -5\n"
                    f"{indent}  kind: easy\n{indent}  location: home\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2
    row = 5 if head else 4
    assert f"line {row}, column {len(indent) + 12}: sessions[1].minutes: -5 is too small" in result.stderr, result.stderr


@pytest.mark.parametrize("line, field, words", [
    ("{day: mon, start: '18:00', minutes: 50, kind: tmepo, location: home}", "sessions[0].kind", "did you mean 'tempo'"),
    ("{type: strength, day: mon, start: '18:00', minutes: 40, kind: tempo, location: gym}", "sessions[0].kind",
     "'tempo' is not a strength kind"),
    ("{day: mon, start: '18:00', end: '17:00', kind: easy, location: home}", "sessions[0].end", "not after the start 18:00"),
])
def test_a_misspelt_kind_or_backward_times_name_the_field(tmp_path, line, field, words):
    """Each would otherwise leave the session out of the rules that look at its kind or its times."""
    week = tmp_path / "week.yaml"
    week.write_text(f"sessions:\n  - {line}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{field}:" in result.stderr and words in result.stderr, result.stderr
    assert "type: required" not in result.stderr, "the type is worked out from the kind, so only the kind is named"


@pytest.mark.parametrize("line, words", [
    ("{day: mon, start: '06:00', minutes: 40, kind: heavy_lower, lower_load: none, location: gym}",
     "heavy_lower sessions carry heavy lower-body load, not none; write heavy, or leave lower_load out"),
    ("{day: mon, start: '06:00', minutes: 25, kind: prehab, lower_load: heavy, location: home}",
     "prehab sessions carry light lower-body load, not heavy; write light, or leave lower_load out"),
    ("{day: mon, start: '06:00', minutes: 30, kind: upper_core, lower_load: light, location: home}",
     "upper_core sessions carry no lower-body load (none), not light; write none, or leave lower_load out"),
    ("{day: mon, start: '06:00', minutes: 40, kind: easy, lower_load: moderate, location: home}",
     "a run has no lower_load (it is for strength sessions); remove it"),
])
def test_a_load_the_kind_cannot_carry_is_bad_input_not_read_two_ways(tmp_path, line, words):
    """heavy_lower declared at no load slipped past R-ORDER while R-GAP48 read it as heavy; prehab
    declared heavy passed R-TAPER's light-only test while R-KEYEVE read it as heavy."""
    week = tmp_path / "week.yaml"
    week.write_text(f"sessions:\n  - {line}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"sessions[0].lower_load: {words}" in result.stderr, result.stderr


def test_a_full_body_session_declared_heavy_is_heavy_to_every_rule(tmp_path):
    """DOMAIN.md gives full body "moderate to heavy" leg load: a coach may say heavy, and then it is
    the day before a tempo run that R-KEYEVE forbids, and a run after it that R-ORDER does."""
    week = tmp_path / "week.yaml"
    week.write_text("sessions:\n"
                    "  - {day: tue, start: '07:00', minutes: 40, kind: full_body, lower_load: heavy, location: gym}\n"
                    "  - {day: tue, start: '18:00', minutes: 45, kind: easy, location: home}\n"
                    "  - {day: wed, start: '18:00', minutes: 50, kind: tempo, location: home}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 1
    assert "R-KEYEVE" in result.stdout and "R-ORDER" in result.stdout, result.stdout
    week.write_text(week.read_text().replace("heavy", "moderate"))
    moderate = runner.invoke(app, ["check", SEED, str(week)])
    assert "R-KEYEVE" not in moderate.stdout and "R-ORDER" in moderate.stdout


@pytest.mark.parametrize("head, line, words", [
    ("", "{day: mon, start: '18:00', minutes: 50, kind: easy, location: home, run: 9}",
     "line 2, column 78: sessions[0].run: 9 is not one of the scenario's runs (0 is run #1, the first it lists, to "
     "3, run #4; correct it, or leave run out and the run is paired by its kind)"),
    ("", "{day: mon, start: '18:00', minutes: 50, kind: easy, location: home, run: -1}",
     "sessions[0].run: -1 is not one of the scenario's runs"),
    ("", "{day: tue, start: '18:00', minutes: 40, kind: full_body, location: home, run: 1}",
     "line 2, column 83: sessions[0].run: a strength session is not a run; remove run"),
    ("sesions: []\n", "{day: mon, start: '18:00', minutes: 50, kind: easy, location: home}",
     "line 1, column 1: sesions: unknown field; did you mean 'sessions'? a week has 'sessions:'"),
    ("", "", "line 1, column 1: sesions: unknown field; did you mean 'sessions'? a week has 'sessions:'"),
])
def test_a_run_number_the_scenario_lacks_or_a_misspelt_field_is_bad_input(tmp_path, head, line, words):
    """Each was accepted in silence: the run then read as "not one of the scenario's runs" with
    no field named, and a misspelt field was simply left out."""
    week = tmp_path / "week.yaml"
    week.write_text(f"{head}sessions:\n  - {line}\n" if line else "sesions:\n  - {day: mon, kind: easy}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert words in result.stderr, result.stderr


def test_a_plans_own_json_is_a_week_to_check(tmp_path):
    """Every field a plan's JSON has is a known field of a week: the solver's week checks clean."""
    out = tmp_path / "plan.json"
    assert runner.invoke(app, ["plan", SEED, "-f", "json", "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["check", SEED, str(out)])
    assert result.exit_code == 0 and "Breaks no hard rule." in result.stdout, result.output


@pytest.mark.parametrize("times, field, words", [
    ("start: '25:00', minutes: 45", "start", "'25:00' is not a clock time; hours run 00-23"),
    ("start: 7pm, minutes: 45", "start", "'7pm' is not a time; write HH:MM"),
    ("start: '23:30', minutes: 60", "start", "runs past midnight; a session lies within one day: start it by 23:00 "
                                             "or make it 30 min"),
    ("start: '19:00', minutes: -5", "minutes", "-5 is too small; it must be more than 0"),
    ("start: '19:00', minutes: true", "minutes", "True is not a number"),  # YAML's true, not 1 minute
    ("start: '06:00', minutes: 1500", "start", "lies within one day: make it 1080 min"),  # no start can fit it
])
def test_bad_times_blame_the_field_written_not_the_end_worked_out(tmp_path, times, field, words):
    """``end`` is left out, so it is worked out from start and minutes: the one message names
    what the person wrote."""
    week = tmp_path / "week.yaml"
    week.write_text(f"sessions:\n  - {{day: tue, {times}, kind: full_body, location: home}}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and f"sessions[0].{field}: " in lines[0] and words in lines[0], result.stderr


def test_a_time_written_without_quotes_is_the_time(tmp_path):
    """YAML 1.1 reads 18:30 as the base-60 number 1110; the loader keeps it the text written."""
    week = tmp_path / "week.yaml"
    week.write_text("sessions:\n  - {day: tue, start: 18:30, end: 19:00, kind: full_body, location: home}\n")
    result = runner.invoke(app, ["check", SEED, str(week), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    assert '"start": "18:30"' in result.stdout and '"end": "19:00"' in result.stdout


@pytest.mark.parametrize("times, words", [
    ("start: '18:00', end: '18:30', minutes: 40", "minutes: 40 disagrees with 18:00-18:30, which is 30 min"),
    ("start: '18:00', end: '18:40', minutes: -40", "minutes: -40 is too small; it must be more than 0"),
    ("start: '18:00', end: '18:40', minutes: 0", "minutes: 0 is too small; it must be more than 0"),
])
def test_minutes_that_disagree_with_start_and_end_are_bad_input_not_a_broken_rule(tmp_path, times, words):
    """The week as written says two things; no rule can judge it until it says one (exit 2, not 1)."""
    week = tmp_path / "week.yaml"
    week.write_text(f"sessions:\n  - {{day: tue, {times}, kind: full_body, location: home}}\n")
    result = runner.invoke(app, ["check", SEED, str(week)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"sessions[0].{words}" in result.stderr, result.stderr
