"""Property tests: on generated scenarios every plan the solver returns passes every
checker (also read back from its JSON, and with its runs' numbers left out), its
objective equals the goals' independent scores, and no-plan answers come with a
conflict that really is minimal."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import check_plan, parse_scenario
from optimizer.build import build_week
from optimizer.clock import DAYS, hhmm
from optimizer.explain import conflict
from optimizer.render import render
from optimizer.solve import SolveSettings, solve_week
from optimizer.week import load_week

RUN_KINDS = ["easy", "recovery", "medium", "tempo", "intervals", "hills", "long", "race"]
KIT = {"home": ["mat", "bands"], "garage": ["mat", "dumbbells", "kettlebell"], "gym": ["barbell", "rack", "dumbbells", "box"]}


@st.composite
def windows(draw):
    start = draw(st.integers(5 * 4, 21 * 4)) * 15
    length = draw(st.sampled_from([30, 45, 60, 90, 120, 180]))
    end = min(start + length, 24 * 60)
    return f"{hhmm(start)}-{hhmm(end)} {draw(st.sampled_from(sorted(KIT)))}"


@st.composite
def scenarios(draw):
    availability = {}
    for day in DAYS:
        n = draw(st.integers(0, 2))
        if n:
            availability[day] = draw(st.lists(windows(), min_size=n, max_size=n))
    runs = []
    for _ in range(draw(st.integers(1, 5))):
        run = {"kind": draw(st.sampled_from(RUN_KINDS)), "minutes": draw(st.sampled_from([25, 40, 50, 70, 100]))}
        pin = draw(st.sampled_from([None, None, None, "day", "at"]))
        if pin == "day":
            run["day"] = draw(st.sampled_from(DAYS))
        elif pin == "at" and availability:
            day = draw(st.sampled_from(sorted(availability)))
            run["at"] = f"{day} {availability[day][0].split('-')[0]}"
        runs.append(run)
    if draw(st.booleans()):  # a twin pinned to a day: which of the two is which decides R-PINNED
        runs.append({"kind": runs[0]["kind"], "minutes": runs[0]["minutes"], "day": draw(st.sampled_from(DAYS))})
    low = draw(st.integers(0, 2))
    include = draw(st.lists(st.sampled_from(["heavy_lower", "upper_core", "prehab"]), max_size=1))
    high = max(low + draw(st.integers(0, 2)), len(include))
    athlete = {
        "name": "generated",
        "level": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
        "goal": draw(st.sampled_from(["5k", "10k", "half", "marathon", "ultra", "general"])),
        "phase": draw(st.sampled_from(["base", "build", "peak", "race", "taper", "recovery", "deload"])),
        "injuries": draw(st.lists(st.sampled_from(["it_band", "knee", "shin", "achilles"]), max_size=2, unique=True)),
        "locations": KIT,
        "availability": availability,
        "runs": runs,
        "strength": {"sessions": [low, high], "max_minutes": draw(st.sampled_from([25, 45, 60])), "include": include},
        "rest_days": draw(st.integers(1, 2)),
        "rest_day_mobility": draw(st.booleans()),
        "allow_doubles": draw(st.booleans()),
        "allow_back_to_back": draw(st.booleans()),
        "preferences": draw(st.sampled_from([{}, {"strength_days": ["tue", "thu"]}, {"strength_time": "17:00-21:00"},
                                              {"strength_location": "gym", "run_time": "06:00-09:00"}])),
    }
    if draw(st.integers(0, 2)) == 0:
        athlete["calendar"] = calendar = draw(calendars())
        for race in calendar["races"]:  # a race in this week is one of its runs, on its day
            day = (datetime.date.fromisoformat(race["date"]) - datetime.date(2026, 11, 30)).days
            if 0 <= day < 7:
                runs.append({"kind": "race", "minutes": 60, "distance": race["distance"], "day": DAYS[day]})
    return parse_scenario({"athlete": athlete})


NEIGHBOURS = [  # sessions that bind this week from the weeks either side
    {"type": "strength", "kind": "heavy_lower", "lower_load": "heavy", "minutes": 40},
    {"type": "strength", "kind": "prehab", "lower_load": "light", "minutes": 20},
    {"type": "run", "kind": "long", "key": True, "minutes": 120},
    {"type": "run", "kind": "tempo", "key": True, "minutes": 50},
    {"type": "run", "kind": "race", "key": True, "minutes": 60},
]


@st.composite
def calendars(draw):
    def sessions(days):
        out = []
        for _ in range(draw(st.integers(0, 2))):
            s = dict(draw(st.sampled_from(NEIGHBOURS)))
            start = draw(st.integers(6 * 4, 20 * 4)) * 15
            s |= {"day": draw(st.sampled_from(days)), "start": hhmm(start), "end": hhmm(start + s["minutes"]), "location": "home"}
            out.append(s)
        return out

    races = draw(st.lists(st.fixed_dictionaries({
        "date": st.sampled_from(["2026-11-29", "2026-12-01", "2026-12-06", "2026-12-07", "2026-12-10", "2026-12-13"]),
        "distance": st.sampled_from(["5k", "marathon"])}), max_size=1))
    return {"week_of": "2026-11-30", "previous_week": sessions(["fri", "sat", "sun"]),
            "next_week": sessions(["mon", "tue"]), "races": races}


@settings(max_examples=90, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_solved_week_passes_every_checker_and_scores_as_the_solver_says(scenario):
    model = build_week(scenario)
    plan = solve_week(model, SolveSettings(time_limit=20))
    if plan.status in ("optimal", "feasible"):
        assert check_plan(plan, scenario.athlete) == []
        assert model.solved_goal_penalty == plan.total_penalty
        # as `stridelift check` reads it back from its JSON, and as a person would write it, with
        # no run numbers: paired again, the week still breaks no rule
        with tempfile.TemporaryDirectory() as folder:
            written = Path(folder) / "week.json"
            written.write_text(render(plan, "json"), encoding="utf-8")
            assert check_plan(load_week(written, scenario.athlete), scenario.athlete) == []
        bare = plan.model_copy(deep=True)
        for session in bare.sessions:
            session.run = None
        assert check_plan(bare, scenario.athlete) == []
    else:
        assert plan.status == "infeasible"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_no_plan_core_is_minimal(scenario):
    """Dropping any one requirement of the reported conflict makes the rest plannable."""
    if solve_week(build_week(scenario), SolveSettings(time_limit=20)).status != "infeasible":
        return
    core = conflict(scenario, SolveSettings(time_limit=20))
    assert core, "an infeasible week always has a conflict to report"
    from optimizer.explain import _feasible

    model = build_week(scenario, explain=True)
    model.cp.clear_objective()
    names = [r for r, _ in core]
    assert not _feasible(model, names, SolveSettings(time_limit=20))
    for dropped in names:
        assert _feasible(model, [r for r in names if r != dropped], SolveSettings(time_limit=20))
