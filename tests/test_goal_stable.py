"""S-STABLE: when replanning, one unit per session still to come that moves or is dropped,
per lift added, and per exercise swapped in a lift that stays (at most two a lift)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import exercise_dose, make_scenario, solve_optimal, solve_with_units, workout

from constraints import stable
from optimizer import Plan, check_plan, load_scenario, parse_scenario, plan_week
from optimizer.clock import DAYS
from optimizer.replan import in_rest_numbering, replan
from optimizer.scenario import ScenarioError
from optimizer.solve import score_plan

HOME = {"home": ["mat", "bands", "dumbbells"]}  # no barbell: a barbell exercise cannot be done here
WINDOWS = {"mon": ["18:00-19:30 home"], "tue": ["18:00-19:30 home"], "thu": ["18:00-19:30 home"],
           "sat": ["08:00-11:00 home"]}
RUNS = [{"kind": "easy", "minutes": 40}, {"kind": "tempo", "minutes": 45}, {"kind": "long", "minutes": 100}]
BARBELL = ["back_squat", "front_squat", "deadlift"]  # in the library, but not for a home without a barbell
# full-body sessions only, so a lift that keeps its time keeps its kind too
ONE_KIND = {"sessions": 2, "exclude": ["heavy_lower", "power", "upper_core", "iso_mobility", "prehab"]}


def week(**fields):
    return make_scenario(locations=HOME, availability=WINDOWS, runs=RUNS, strength=ONE_KIND, **fields)


def replanning(plan: Plan, **fields):
    """The same week with ``plan`` as the plan the athlete has (what `stridelift replan` sets)."""
    return week(current_plan=[s.model_dump(mode="json") for s in plan.sessions], **fields)


def ids(session) -> set[str]:
    return {x.id for x in session.exercises}


@pytest.mark.parametrize("now, units", [
    (["push_up", "band_row", "glute_bridge", "plank"], 0),
    (["push_up", "band_row", "glute_bridge", "side_plank"], 1),  # one swapped
    (["push_up", "band_row", "glute_bridge", "plank", "side_plank"], 1),  # one put in
    (["push_up", "band_row"], 2),  # two taken out
    (["goblet_squat", "dead_bug", "side_plank", "plank"], 2),  # three swapped: at most two, what a move costs
])
def test_scorer_charges_a_lift_that_stays_per_exercise_swapped_at_most_two(now, units):
    athlete = week().athlete
    old = workout("full_body", "thu", "18:00", ["push_up", "band_row", "glute_bridge", "plank"], athlete, "home")
    new = workout("full_body", "thu", "18:00", now, athlete, "home", minutes=old.minutes)
    athlete = week(current_plan=[old.model_dump(mode="json")]).athlete
    penalty, notes = stable.score(Plan(athlete="t", status="optimal", sessions=[new]), athlete)
    assert penalty == units
    assert len(notes) == (1 if units else 0)
    if units:
        assert notes[0].startswith("full_body on thu 18:00:") and notes[0].endswith(f"(+{units})")


def test_scorer_charges_a_moved_lift_as_moved_and_added_not_for_its_exercises():
    athlete = week().athlete
    old = workout("full_body", "thu", "18:00", ["push_up", "band_row", "glute_bridge", "plank"], athlete, "home")
    new = workout("full_body", "thu", "18:15", ["goblet_squat", "dead_bug", "side_plank"], athlete, "home")
    athlete = week(current_plan=[old.model_dump(mode="json")]).athlete
    penalty, notes = stable.score(Plan(athlete="t", status="optimal", sessions=[new]), athlete)
    assert penalty == 2 and all("swapped" not in n for n in notes)


def test_scorer_keeps_nothing_of_a_lift_that_listed_no_exercises():
    athlete = week().athlete
    old = workout("full_body", "thu", "18:00", [], athlete, "home", minutes=30)
    new = workout("full_body", "thu", "18:00", ["push_up", "band_row", "goblet_squat"], athlete, "home", minutes=30)
    athlete = week(current_plan=[old.model_dump(mode="json")]).athlete
    assert stable.score(Plan(athlete="t", status="optimal", sessions=[new]), athlete) == (0, [])


def test_a_replan_that_changes_nothing_keeps_every_lifts_exercises():
    """Nothing missed, nothing unavailable: every lift still to come stays where it was with the
    exercises it had (they used to be chosen afresh, and nothing said so)."""
    scenario = week()
    plan = solve_optimal(scenario)
    lifts = plan.lifts()
    assert lifts
    new, _ = replan(scenario, plan, lifts[0].day)
    assert new.status == "optimal" and new.score["S-STABLE"].penalty == 0
    for old in lifts:
        assert [ids(n) for n in new.lifts() if n.same_place(old)] == [ids(old)]
    assert new.changes == ["nothing moved"]


def _with_exercises_gone(plan: Plan, count: int) -> tuple[Plan, object]:
    """The plan with ``count`` exercises of its first lift of at least that many swapped for
    barbell ones the athlete's home cannot hold (a hand-edited plan): keeping that lift in place
    means swapping them back."""
    lift = next(s for s in plan.lifts() if len(s.exercises) >= count)
    athlete = week().athlete
    doses = [exercise_dose(BARBELL[i], athlete, "home") if i < count else x for i, x in enumerate(lift.exercises)]
    edited = lift.model_copy(update={"exercises": doses})
    return plan.model_copy(update={"sessions": [edited if s is lift else s for s in plan.sessions]}), lift


def test_the_solver_swaps_one_exercise_rather_than_move_the_lift():
    plan = solve_optimal(week())
    edited, lift = _with_exercises_gone(plan, 1)
    scenario = replanning(edited)
    new, units, _ = solve_with_units(scenario)
    assert units["S-STABLE"] == new.score["S-STABLE"].penalty == 1  # moving it would cost 2
    [stayed] = [n for n in new.lifts() if n.same_place(lift)]
    kept = ids(lift) - {BARBELL[0]}
    assert kept <= ids(stayed) and len(ids(stayed) - kept) <= 1


def test_a_replan_says_which_exercises_of_a_lift_that_stayed_it_swapped_and_why():
    scenario = week()
    edited, lift = _with_exercises_gone(solve_optimal(scenario), 1)
    new, _ = replan(scenario, edited, "mon")
    [said] = [c for c in new.changes if c.startswith("changed exercises")]
    assert said.startswith(f"changed exercises of Full body ({lift.day} {lift.start}): out Back squat; in ")
    assert "its old exercises would break R-AVAIL" in said


def test_encoder_and_scorer_agree_past_two_swaps():
    """Three exercises to swap cost two units whether the lift stays (capped) or moves (moved and
    added). Here it stays: anywhere else costs other goals, and it can only be full-body."""
    plan = solve_optimal(week())
    edited, lift = _with_exercises_gone(plan, 3)
    scenario = replanning(edited)
    new, units, goals = solve_with_units(scenario)
    assert units["S-STABLE"] == new.score["S-STABLE"].penalty == 2
    assert goals == new.total_penalty
    assert [n for n in new.lifts() if n.same_place(lift)]


def test_a_replan_weighted_to_cover_more_swaps_exercises_and_says_which_goal_gains():
    """With S-STABLE weighted 1 and S-COVER 100, a kept lift whose exercises leave muscle groups
    short gains more from a swap (one unit) than it costs; the change names the goal."""
    scenario = week(weights={"S-STABLE": 1, "S-COVER": 100})
    plan = solve_optimal(scenario)
    lift = plan.lifts()[0]  # the same lift with fewer exercises, lasting what they take
    poor = workout(lift.kind, lift.day, lift.start, ["push_up", "band_row", "walking_lunge"], scenario.athlete, "home")
    new, _ = replan(scenario, plan.model_copy(update={"sessions": [poor if s is lift else s for s in plan.sessions]}),
                    "mon")
    said = [c for c in new.changes if c.startswith("changed exercises")]
    assert said and any("better for S-COVER (" in c for c in said)
    assert 0 < new.score["S-STABLE"].penalty <= 2 * len(said)


# ---- lifts to make up: missed, or on a day now unavailable ---------------------------------------

EVENINGS = {d: ["18:00-19:30 home"] for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": ["08:00-11:00 home"]}


def test_scorer_charges_a_lift_to_make_up_only_when_no_lift_placed_anew_makes_it_up():
    athlete = week().athlete
    missed = workout("full_body", "tue", "18:00", ["push_up", "band_row", "walking_lunge"], athlete, "home")
    same = workout("full_body", "thu", "18:00", ["push_up", "band_row", "walking_lunge"], athlete, "home")
    other = workout("prehab", "fri", "18:00", ["clamshell", "side_plank"], athlete, "home")
    athlete = week(make_up=[missed.model_dump(mode="json")]).athlete

    def penalty(*lifts):
        return stable.score(Plan(athlete="t", status="optimal", sessions=list(lifts)), athlete)

    assert penalty(same) == (0, [])
    assert penalty(other) == (0, [])  # another kind makes it up too
    assert penalty() == (1, ["full_body of tue 18:00 not made up (+1)"])
    units, notes = penalty(same, other)
    assert units == 1 and notes == ["prehab on fri 18:00 added (+1)"]  # the one of its kind makes it up


def test_scorer_counts_a_moved_lift_as_moved_and_added_not_as_a_make_up():
    """The week holds no more lifts than the plan still had: a missed one is not made up by moving
    another (else moving Thursday's lift a minute would pass for making up Tuesday's)."""
    athlete = week().athlete
    missed = workout("full_body", "tue", "18:00", ["push_up", "band_row", "walking_lunge"], athlete, "home")
    thursday = workout("full_body", "thu", "18:00", ["push_up", "band_row", "walking_lunge"], athlete, "home")
    later = workout("full_body", "thu", "18:01", ["push_up", "band_row", "walking_lunge"], athlete, "home")
    athlete = week(current_plan=[thursday.model_dump(mode="json")], make_up=[missed.model_dump(mode="json")]).athlete
    penalty, notes = stable.score(Plan(athlete="t", status="optimal", sessions=[later]), athlete)
    assert penalty == 3 and "full_body of tue 18:00 not made up (+1)" in notes


def _missed_first_lift():
    """A week of one or two full-body lifts (two placed: coverage asks for them), and its first."""
    scenario = make_scenario(locations=HOME, availability=EVENINGS, runs=RUNS, strength={**ONE_KIND, "sessions": [1, 2]})
    plan = solve_optimal(scenario)
    assert len(plan.lifts()) == 2, "the test needs a week that places more lifts than R-FREQ asks for"
    return scenario, plan, plan.lifts()[0]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_replan_says_what_moved_and_why_in_every_format_a_runner_reads(fmt):
    """The table said it and the Markdown and HTML pages did not: a runner reading those never
    learnt that a lift had moved."""
    import html

    from optimizer.render import markdown, render

    scenario, plan, lift = _missed_first_lift()
    new, _ = replan(scenario, plan, DAYS[DAYS.index(lift.day) + 1], missed=[lift.day])
    assert new.changes
    page = render(new, fmt)
    for change in new.changes:
        shown = {"markdown": f"- {markdown.text(change)}", "html": f"<li>{html.escape(change, quote=False)}</li>"}
        assert shown.get(fmt, change.split(": ")[0]) in page, change


def test_replan_in_python_takes_day_names_as_the_command_does_and_names_a_bad_one():
    """``replan(s, p, "Wednesday")`` raised ``tuple.index(x): x not in tuple``; the command took it."""
    scenario, plan, lift = _missed_first_lift()
    today = DAYS[DAYS.index(lift.day) + 1]
    by_name, _ = replan(scenario, plan, f" {today.upper()} ", missed=[lift.day.capitalize()])
    by_key, _ = replan(scenario, plan, today, missed=[lift.day])
    assert by_name.sessions == by_key.sessions and by_name.changes == by_key.changes
    one_day, _ = replan(scenario, plan, today, missed=lift.day, done=None)  # it read 't', 'u', 'e' as days
    assert one_day.sessions == by_key.sessions and one_day.changes == by_key.changes
    with pytest.raises(ScenarioError) as err:
        replan(scenario, plan, "Funday", missed=[3], done=["wed"])
    assert err.value.messages == ["today: 'Funday' is not a day; use mon..sun (or Monday..Sunday)",
                                  "missed: '3' is not a day; use mon..sun (or Monday..Sunday)"]


def test_a_missed_lift_is_made_up_when_the_week_can_hold_it():
    """R-FREQ would let the week drop it (one lift is enough), and it used to: re-placing a missed
    lift counted as adding one. Now dropping it is what S-STABLE charges."""
    scenario, plan, lift = _missed_first_lift()
    today = DAYS[DAYS.index(lift.day) + 1]
    new, rest = replan(scenario, plan, today, missed=[lift.day])
    assert new.status == "optimal" and len(new.lifts()) == 2
    assert any(c.startswith(f"moved {lift.label} ({lift.day} {lift.start}) to ") or
               c.startswith(f"made up {lift.label} ({lift.day} {lift.start}) with ") for c in new.changes)
    replanned, units, _ = solve_with_units(rest)
    assert units["S-STABLE"] == replanned.score["S-STABLE"].penalty == 0


def test_a_lift_made_up_as_its_kind_does_the_missed_lifts_exercises():
    """"Moved" means the same workout on another day: the week is as good with the missed lift's
    exercises (the same place and kit), so the make-up has them. The solver alone picked other,
    equally good ones for most such lifts, and the replan said "moved" all the same."""
    scenario, plan, lift = _missed_first_lift()
    new, rest = replan(scenario, plan, DAYS[DAYS.index(lift.day) + 1], missed=[lift.day])
    [(missed, twin)], _ = stable.made_up(in_rest_numbering(new), rest.athlete)
    assert missed.same_place(lift) and twin is not None and twin.kind == lift.kind
    assert ids(twin) == ids(lift)
    assert not [c for c in new.changes if c.startswith("changed exercises")]


def test_a_lift_made_up_where_one_exercise_cannot_be_done_keeps_the_others_and_says_why():
    """The missed lift had a back squat (a hand-edited plan), which no home window can hold: the
    make-up keeps the missed lift's other exercises, adds what the week needs in its place, and the
    replan names the swap and the rule. (All of them used to change.)"""
    scenario, plan, _ = _missed_first_lift()
    edited, lift = _with_exercises_gone(plan, 1)
    [missed] = [s for s in edited.lifts() if s.same_place(lift)]
    new, rest = replan(scenario, edited, DAYS[DAYS.index(lift.day) + 1], missed=[lift.day])
    [(_, twin)], _ = stable.made_up(in_rest_numbering(new), rest.athlete)
    assert twin is not None and "back_squat" not in ids(twin)
    assert ids(missed) - {"back_squat"} <= ids(twin)
    moved = next(i for i, c in enumerate(new.changes) if c.startswith(f"moved Full body ({lift.day} {lift.start}) to "))
    said = new.changes[moved + 1]
    assert said.startswith(f"changed exercises of Full body ({lift.day} {lift.start}): out Back squat")
    assert "its old exercises would break R-AVAIL" in said


def test_each_of_two_make_ups_keeps_its_exercises_when_the_week_is_as_good_with_them():
    """Two power lifts made up in one replan (an audit's week): the first's exercises were as good only
    once the second had its own back, and the first was never tried again, so it kept other ones and
    the replan gave no reason. Now no make-up of its kind could do the missed exercises and leave the
    week as good."""
    data = Path(__file__).resolve().parent / "data" / "make_up"
    scenario = load_scenario(data / "two_make_ups.yaml")
    plan = Plan.model_validate(json.loads((data / "two_make_ups_plan.json").read_text()))
    new, rest = replan(scenario, plan, "mon", missed=["mon"], unavailable=["tue", "thu", "fri"])
    week = in_rest_numbering(new)
    pairs = [(missed, twin) for missed, twin in stable.made_up(week, rest.athlete)[0] if twin and twin.kind == missed.kind]
    assert len(pairs) == 2
    for missed, twin in pairs:
        if ids(twin) == ids(missed):
            continue
        same = stable.with_exercises(twin, missed.exercises, rest.athlete)
        trial = week.model_copy(update={"sessions": [same if s is twin else s for s in week.sessions]})
        score = score_plan(trial, rest.athlete, rest.weight)
        assert check_plan(trial, rest.athlete) or any(score[g].penalty > week.score[g].penalty for g in score)
    assert not [c for c in new.changes if c.endswith("the rest of the week fits better this way")]


@pytest.mark.parametrize("index", [4, 5])
def test_a_make_up_keeps_the_missed_exercises_when_only_a_goal_weighted_0_would_differ(index):
    """S-COVER weighted 0: the runner does not count coverage, so a make-up doing the missed lift's
    exercises, fewer groups covered, is as good a week. It was refused for costing S-COVER more, and
    the make-up kept exercises the solver added for nothing (corpus 11, athletes 4 and 5)."""
    from benchmarks.generate import corpus_seed, synthetic_scenario

    scenario = synthetic_scenario(corpus_seed(11, index))
    scenario = scenario.model_copy(update={"weights": {**scenario.weights, "S-COVER": 0}})
    plan = plan_week(scenario, explain=False)
    missed = next(lift for lift in plan.lifts() if lift.day_index < 5)
    new, rest = replan(scenario, plan, DAYS[missed.day_index + 1], missed=[missed.day])
    week = in_rest_numbering(new)
    assert new.status == "optimal" and check_plan(week, rest.athlete) == []
    twin = next(twin for lift, twin in stable.made_up(week, rest.athlete)[0] if lift.day == missed.day)
    assert twin.kind == missed.kind and ids(twin) == ids(missed)


def test_a_make_up_whose_missed_exercises_would_run_past_midnight_keeps_its_own():
    """Monday's heavy legs missed; the one window left for them opens at 23:36 on Sunday. Giving the
    make-up Monday's exercises made it end after midnight, and the replan crashed (a review found it)."""
    scenario = parse_scenario({"athlete": {
        "name": "z", "locations": {"home": ["mat", "bands", "dumbbells", "pullup_bar"]},
        "availability": {"mon": ["18:00-19:00 home"], "wed": ["07:00-07:40 home"], "sun": ["23:36-24:00 home"]},
        "runs": [{"kind": "easy", "minutes": 40, "day": "wed"}], "strength": {"sessions": 1, "include": ["heavy_lower"]}}})
    plan = solve_optimal(scenario)
    [lift] = plan.lifts()
    new, rest = replan(scenario, plan, "tue", missed=["mon"])
    [(_, twin)], _ = stable.made_up(in_rest_numbering(new), rest.athlete)
    assert (twin.day, twin.start) == ("sun", "23:36") and twin.end <= "24:00"
    assert check_plan(in_rest_numbering(new), rest.athlete) == []
    if ids(twin) != ids(lift):
        assert any(c.startswith("changed exercises of Heavy lower body (mon 18:00)") for c in new.changes)


def test_a_class_that_stayed_with_other_exercises_is_not_said_to_break_its_pin():
    """A class keeps its pinned minutes: put back with its old exercises, it must not be lengthened to
    what they take (that broke R-PINNED, and the replan gave that as the reason)."""
    scenario = parse_scenario({"athlete": {
        "name": "z", "locations": {"home": ["mat", "bands", "dumbbells"]},
        "availability": {"mon": ["18:00-19:00 home"], "wed": ["07:00-08:00 home"], "fri": ["07:00-08:00 home"]},
        "runs": [{"kind": "easy", "minutes": 40, "day": "wed"}, {"kind": "easy", "minutes": 40, "day": "fri"}],
        "strength": {"sessions": 1, "pinned": [{"kind": "full_body", "at": "mon 18:00", "minutes": 45, "name": "Club class"}]}},
        "weights": {"S-STABLE": 1, "S-COVER": 100}})
    plan = solve_optimal(scenario)
    [lift] = plan.lifts()
    weak = workout("full_body", "mon", "18:00", ["push_up", "band_row", "walking_lunge"], scenario.athlete, "home",
                   minutes=45).model_copy(update={"label": lift.label})
    new, _ = replan(scenario, plan.model_copy(update={"sessions": [weak if s is lift else s for s in plan.sessions]}), "mon")
    [said] = [c for c in new.changes if c.startswith("changed exercises of Club class (mon 18:00)")]
    assert "better for S-COVER (" in said and "R-PINNED" not in said


def test_a_missed_lift_the_week_cannot_hold_is_dropped_charged_and_said_so():
    """Replanning on Saturday: its one window holds the long run and the other lift already (one
    lift a day), and Sunday has none, so Tuesday's missed lift cannot be made up."""
    scenario, plan, lift = _missed_first_lift()
    assert DAYS.index(lift.day) < DAYS.index("sat") and any(s.day == "sat" for s in plan.lifts())
    new, rest = replan(scenario, plan, "sat", missed=[lift.day])
    assert new.status == "optimal" and len(new.lifts()) == 1
    assert f"dropped {lift.label} ({lift.day} {lift.start}): missed, and making it up would cost more than " \
           "dropping it" in new.changes
    replanned, units, _ = solve_with_units(rest)
    assert units["S-STABLE"] == replanned.score["S-STABLE"].penalty == 1


def test_encoder_and_scorer_agree_with_a_lift_to_make_up_and_one_to_mend():
    """A lift no week can make up (two is R-FREQ's most) beside a kept lift that must swap three
    exercises: keeping it in place (two swaps' worth) costs no more than moving it, and the
    model's count is the scorer's whichever it does."""
    plan = solve_optimal(week())
    edited, _ = _with_exercises_gone(plan, 3)
    missed = workout("full_body", "wed", "18:00", ["push_up", "band_row", "walking_lunge"], week().athlete, "home")
    scenario = replanning(edited, make_up=[missed.model_dump(mode="json")])
    new, units, goals = solve_with_units(scenario)
    assert units["S-STABLE"] == new.score["S-STABLE"].penalty == 3  # two swaps' worth, one not made up
    assert goals == new.total_penalty


def test_make_up_lists_lifts_only():
    """A missed run goes back into the week through R-RUNS; a run in make_up would be counted as a
    lift to make up, so it is bad input naming the field."""
    easy = {"type": "run", "day": "tue", "start": "18:00", "minutes": 30, "kind": "easy", "location": "home"}
    with pytest.raises(ScenarioError) as caught:
        week(make_up=[easy])
    assert "make_up" in str(caught.value) and "strength sessions only" in str(caught.value)
