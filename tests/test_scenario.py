"""Scenario schema: the documented shape loads from YAML, JSON and TOML; bad input is named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import toml_text

from optimizer import ScenarioError, load_scenario, parse_scenario
from optimizer.club_schema import parse_club

ROOT = Path(__file__).resolve().parent.parent

ISSUE_EXAMPLE = """
athlete:
  name: Ana Ruiz
  level: intermediate
  goal: marathon
  phase: base
  injuries: [it_band]
  locations:
    home: [mat, bands, dumbbells, pullup_bar]
    gym: [barbell, rack, bench, dumbbells, kettlebell, cable, box, machines]
  availability:
    mon: ["06:00-07:00 home", "18:00-19:30 gym"]
    tue: ["18:30-20:30 home"]
    sat: ["07:00-10:00 home"]
  runs:
    - {kind: easy, minutes: 45}
    - {kind: intervals, minutes: 75, day: tue}
    - {kind: long, minutes: 130, at: "sat 07:30"}
  strength:
    sessions: [2, 3]
    include: [heavy_lower]
    max_minutes: 45
  rest_days: 1
  allow_doubles: false
  allow_back_to_back: false
"""


def test_the_documented_shape_is_accepted_and_normalised():
    athlete = parse_scenario(yaml.safe_load(ISSUE_EXAMPLE)).athlete
    assert [(w.day, w.start, w.end, w.location) for w in athlete.windows] == [
        (0, 6 * 60, 7 * 60, "home"), (0, 18 * 60, 19 * 60 + 30, "gym"), (1, 18 * 60 + 30, 20 * 60 + 30, "home"),
        (5, 7 * 60, 10 * 60, "home"),
    ]
    assert athlete.session_range == (2, 3)
    assert athlete.runs[2].pinned_start == 5 * 1440 + 7 * 60 + 30
    assert athlete.runs[1].pinned_day == 1 and athlete.runs[1].pinned_start is None
    assert athlete.equipment_at("home") >= {"bodyweight", "dumbbells"}


def test_a_window_that_names_no_place_is_at_the_only_one():
    """With one place the windows need not name it (with several each must: test_bad_input_names_the_field_and_the_fix)."""
    athlete = parse_scenario({"athlete": {"name": "x", "locations": {"gym": ["barbell"]},
                                          "availability": {"tue": ["18:00-19:30"]}}}).athlete
    assert [(w.day, w.start, w.end, w.location) for w in athlete.windows] == [(1, 18 * 60, 19 * 60 + 30, "gym")]


def test_with_no_locations_a_window_may_say_home_and_no_other_place():
    """No locations: every window is at home with bodyweight only, so saying so is no mistake."""
    athlete = parse_scenario({"athlete": {"name": "x", "availability": {"tue": ["18:00-19:30 home", "20:00-21:00"]},
                                          "preferences": {"strength_location": "home"}}}).athlete
    assert [w.location for w in athlete.windows] == ["home", "home"] and athlete.equipment_at("home") == {"bodyweight"}
    with pytest.raises(ScenarioError) as err:
        parse_scenario({"athlete": {"name": "x", "availability": {"tue": ["18:00-19:30 park"], "wed": ["07:00-08:00 gym"]}}})
    lines = str(err.value).splitlines()
    assert lines == ["athlete.availability.tue[0]: location 'park' is not under athlete.locations; add it there with "
                     "its equipment (use [] for bodyweight only)",
                     "athlete.availability.wed[0]: location 'gym' is not under athlete.locations; add it there with "
                     "its equipment (use [] for bodyweight only)"], "each whole, none cut short into the next"


def test_fixed_words_are_read_in_any_case_and_other_words_still_refused():
    """As day names are: 'Intermediate' is the level a coach means; 'Expert' is no level at all."""
    athlete = parse_scenario({"athlete": {
        "name": "Ana", "level": "Intermediate", "goal": "MARATHON", "phase": "Base", "injuries": ["Knee"],
        "availability": {"mon": ["07:00-08:00"]}, "runs": [{"kind": "Tempo", "minutes": 40}],
        "strength": {"include": ["Upper_Core"]}}}).athlete
    assert (athlete.name, athlete.level, athlete.goal, athlete.phase, athlete.injuries) == \
        ("Ana", "intermediate", "marathon", "base", ("knee",))
    assert athlete.runs[0].kind == "tempo" and athlete.strength.include == ("upper_core",)
    assert "athlete.level: 'Expert' is not allowed" in _error({"level": "Expert"})


def test_json_and_toml_load_the_same_scenario(tmp_path):
    data = yaml.safe_load(ISSUE_EXAMPLE)
    (tmp_path / "s.json").write_text(json.dumps(data))
    toml_text = (ROOT / "tests" / "data" / "ana.toml").read_text()
    (tmp_path / "s.toml").write_text(toml_text)
    from_yaml = parse_scenario(data)
    assert load_scenario(tmp_path / "s.json") == from_yaml
    assert load_scenario(tmp_path / "s.toml") == from_yaml


@pytest.mark.parametrize(
    ("phase", "level", "expected"),
    [("base", "intermediate", (2, 3)), ("build", "intermediate", (2, 2)), ("peak", "intermediate", (1, 1)),
     ("peak", "advanced", (1, 2)), ("taper", "beginner", (0, 1)), ("recovery", "advanced", (1, 1))],
)
def test_strength_frequency_defaults_follow_the_phase_table(phase, level, expected):
    athlete = parse_scenario({"athlete": {"name": "x", "phase": phase, "level": level, "availability": {}}}).athlete
    assert athlete.session_range == expected


def test_injuries_raise_the_groups_that_protect_them():
    athlete = parse_scenario({"athlete": {"name": "x", "injuries": ["shin", "achilles"], "availability": {}}}).athlete
    assert athlete.cover_targets["tibialis_feet"] == 2
    assert athlete.cover_targets["calves"] == 2 + 1 + 1  # default 2, shin +1, achilles +1
    assert athlete.cover_targets["push"] == 1


MY_SQUAT = {"id": "my_squat", "name": "My squat", "category": "compound", "muscles": ["quads"], "lower_load": "heavy",
            "work": 40, "rest": 90}


def _error(athlete_patch: dict) -> str:
    athlete = {"name": "x", "locations": {"home": []}, "availability": {"mon": ["07:00-08:00 home"]}} | athlete_patch
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"athlete": athlete}, "week.yaml")
    return str(info.value)


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"availability": {"funday": ["07:00-08:00 home"]}}, "athlete.availability.funday", "is not allowed"),
        ({"availability": {"mon": ["25:00-26:00 home"]}}, "athlete.availability.mon[0]", "hours run 00-23"),
        ({"strength": {"library": "my_exercises.yaml"}}, "athlete.strength.library",
         "'my_exercises.yaml' names a file, which load_scenario reads (relative to the scenario file); with "
         "parse_scenario give the exercises as a list"),
        ({"availability": {"mon": ["06:00-07:00 home"], "Monday": ["18:00-19:00 home"]}}, "athlete.availability",
         "'mon' and 'Monday' both name mon; give the day once, with all its windows in one list"),
        ({"availability": {"mon": ["09:00-08:00 home"]}}, "athlete.availability.mon[0]", "ends before it starts"),
        ({"availability": {"mon": ["07:00-08:00 park"]}}, "athlete.availability.mon[0]", "add it there"),
        ({"locations": {"home": [], "gym": []}, "availability": {"mon": ["07:00-08:00"]}}, "athlete.availability.mon[0]",
         "'07:00-08:00' has no location; add one of home, gym"),
        ({"runs": [{"kind": "easy", "minutes": -5}]}, "athlete.runs[0].minutes", "-5 is too small; it must be more than 0"),
        ({"runs": [{"kind": "jog", "minutes": 30}]}, "athlete.runs[0].kind", "'jog' is not allowed"),
        ({"runs": [{"kind": "easy", "minutes": 30, "at": "sat"}]}, "athlete.runs[0].at", "needs a day and a time"),
        ({"strength": {"sessions": [3, 2]}}, "athlete.strength.sessions", "min <= max"),
        ({"strength": {"max_minutes": 10}}, "athlete.strength.max_minutes", "10 is too small; it must be at least 20"),
        ({"locations": {"home": ["dumbell"]}}, "athlete.locations.home[0]", "did you mean 'dumbbells'"),
        ({"rest_day": 1}, "athlete.rest_day", "unknown field; did you mean 'rest_days'?"),
        ({"strength": {"pinned": [{"kind": "prehab", "at": "mon 07:00", "minutes": 20, "nmae": "x"}]}},
         "athlete.strength.pinned[0].nmae", "unknown field; did you mean 'name'?"),
        ({"calendar": {"week_of": "2026-11-30", "races": [{"date": "2026-12-13", "distanse": "half"}]}},
         "athlete.calendar.races[0].distanse", "unknown field; did you mean 'distance'?"),
        ({"favourite_colour": "red"}, "athlete.favourite_colour", "unknown field; check the spelling"),
        ({"runs": [{"kind": "easy", "duration": 30}]}, "athlete.runs[0].duration", "unknown field; did you mean 'minutes'?"),
        ({"int": 3}, "athlete.int", "unknown field; check the spelling"),  # a key pydantic also uses for a union's member
        ({"runs": [{"kind": "easy", "minutes": 30, "at": "monkey 07:00"}]}, "athlete.runs[0].at", "'monkey' is not a day"),
        ({"strength": {"sessions": 1, "include": ["prehab", "power"]}}, "athlete.strength.include", "at most 1"),
        ({"preferences": {"strength_location": "gym"}}, "athlete.preferences.strength_location", "not under locations"),
        ({"locations": {}, "availability": {"mon": ["07:00-08:00"]}, "preferences": {"strength_location": "gym"}},
         "athlete.preferences.strength_location",
         "'gym' is not under locations; add it there with its kit (locations: {gym: [dumbbells]}), or write home"),
        ({"phase": "deload", "strength": {"exclude": ["iso_mobility"]}}, "athlete.strength.exclude",
         "leaves no kind the deload phase may lift (iso_mobility), and the week needs at least 1 strength session "
         "(R-FREQ); take it out of exclude, or give strength.sessions: 0"),
        ({"phase": "race", "strength": {"exclude": ["iso_mobility", "prehab"]}}, "athlete.strength.exclude",
         "leaves no kind race week may lift (iso_mobility, prehab)"),
        ({"runs": [{"kind": "race", "minutes": 30, "at": "wed 08:00", "distance": "5k"}],
          "calendar": {"week_of": "2026-06-08", "races": [{"date": "2026-06-10", "at": "08:00", "distance": "marathon"}]}},
         "athlete.runs[0].distance", "5k, but calendar.races[0] (the race on 2026-06-10) is a marathon; give both the same "
         "distance"),
        ({"runs": [{"kind": "race", "minutes": 120, "at": "sun 23:00"}]}, "athlete.runs[0]",
         "at 'sun 23:00' for 120 min ends after midnight; a run lies within one day: start it by 22:00"),
        ({"strength": {"pinned": [{"kind": "prehab", "at": "sat 23:50", "minutes": 20}]}}, "athlete.strength.pinned[0]",
         "at 'sat 23:50' for 20 min ends after midnight; a strength session lies within one day: start it by 23:40"),
        ({"strength": {"pinned": [{"kind": "upper_core", "at": "mon 07:00", "minutes": 30, "exercises": ["push_ups"]}]}},
         "athlete.strength.pinned[0].exercises[0]", "'push_ups' is not in the exercise library; did you mean 'push_up'?"),
        ({"strength": {"sessions": [2, -3]}}, "athlete.strength.sessions", "must be between 0 and 7 a week"),
        ({"goal": "marathn"}, "athlete.goal", "'marathn' is not allowed; did you mean 'marathon'? input should be"),
        ({"injuries": ["it-band"]}, "athlete.injuries[0]", "'it-band' is not allowed; did you mean 'it_band'?"),
        ({"strength": {"include": ["heavy_lowr"]}}, "athlete.strength.include[0]", "did you mean 'heavy_lower'?"),
        ({"strength": {"sessions": [1, 2, 3]}}, "athlete.strength.sessions", "[1, 2, 3] has too many items; list at most 2"),
        ({"name": "x" * 300}, "athlete.name", "is too long; write at most 200 characters"),
        ({"calendar": {"week_of": __import__("datetime").date(1, 1, 1)}}, "athlete.calendar.week_of",
         "0001-01-01 is too small; it must be at least 1900-01-01"),
        ({"strength": {"library": [dict(MY_SQUAT, id="my squat")]}}, "athlete.strength.library[0].id",
         "'my squat' is not a plain id; use lower-case letters, digits and _, e.g. my_squat"),
    ],
)
def test_bad_input_names_the_field_and_the_fix(patch, field, words):
    message = _error(patch)
    assert message.startswith("week.yaml: ")
    assert f"{field}:" in message
    assert words in message


def test_a_week_of_the_season_given_twice_is_refused_not_half_dropped():
    """3 and '3' (YAML reads keys as given) name one week: one list of runs was silently lost."""
    athlete = {"name": "x", "locations": {"home": []}, "availability": {"mon": ["07:00-08:00 home"]}}
    season = {"week_runs": {1: [{"kind": "easy", "minutes": 30}], "1": []}}
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"athlete": athlete, "season": season}, "week.yaml")
    assert info.value.messages == ["season.week_runs: week 1 is given twice (as 1 and '1'); give it once"]


def test_a_list_whose_items_are_all_bad_is_not_also_said_to_be_too_short():
    """'muscles: [wings]' also said "['wings'] has too few items": pydantic drops the bad item."""
    message = _error({"strength": {"library": [dict(MY_SQUAT, muscles=["wings"])]}})
    assert "muscles[0]: unknown muscle group 'wings'" in message and "too few" not in message
    assert "muscles: [] has too few items; list at least 1" in _error({"strength": {"library": [dict(MY_SQUAT, muscles=[])]}})
    assert "e.g. [-3, 2]" not in _error({"strength": {"sessions": [2, -3]}})


def test_several_problems_are_reported_at_once():
    message = _error({"runs": [{"kind": "jog", "minutes": -1}], "strength": {"sessions": [3, 2]}})
    assert "runs[0].kind" in message and "runs[0].minutes" in message and "strength.sessions" in message


def test_unsafe_yaml_tags_are_rejected(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("athlete: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(ScenarioError, match="tag is not allowed"):
        load_scenario(path)


def test_yaml_11_base_60_and_octal_numbers_stay_what_was_written(tmp_path):
    # YAML 1.1 reads 045 as octal (37) and 18:00 as base 60 (1080): a run would be 8 minutes
    # short and a time a number, without a word
    path = tmp_path / "week.yaml"
    path.write_text(
        "athlete:\n"
        "  name: Ana\n"
        "  availability: {mon: [\"06:00-07:00\"], wed: [\"06:00-07:00\"]}\n"
        "  runs: [{kind: easy, minutes: 045}]\n"
        "  calendar:\n"
        "    week_of: 2026-11-30\n"
        "    previous_week: [{day: sun, start: 18:00, minutes: 45, kind: heavy_lower, location: home}]\n"
    )
    athlete = load_scenario(path).athlete
    assert athlete.runs[0].minutes == 45
    assert athlete.calendar.neighbours[0][2] == -6 * 60 + 45  # last Sunday 18:00-18:45, minutes from this Monday
    path.write_text(path.read_text().replace("minutes: 045", "minutes: 100:00"))
    with pytest.raises(ScenarioError, match=r"runs\[0\]\.minutes: '100:00' is not a whole number"):
        load_scenario(path)


@pytest.mark.parametrize("field, value, words", [
    ("rest_days", 1.5, "athlete.rest_days: 1.5 is not a whole number; write e.g. 2"),
    ("rest_days", True, "athlete.rest_days: True is not a number; write e.g. 2"),
    ("max_minutes", "abc", "athlete.strength.max_minutes: 'abc' is not a whole number; write e.g. 45"),
])
def test_a_number_s_fix_gives_an_example_that_fits_the_field(field, value, words):
    """Minutes look like 45; a count of rest days like 2 ("write e.g. 45" rest days was the fix given)."""
    data = load_scenario(ROOT / "scenarios" / "marathon_base.yaml").model_dump(mode="json", exclude_unset=True)
    if field == "max_minutes":
        data["athlete"]["strength"]["max_minutes"] = value
    else:
        data["athlete"][field] = value
    with pytest.raises(ScenarioError) as err:
        parse_scenario(data)
    assert words in str(err.value), str(err.value)


def test_malformed_yaml_says_where(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("athlete:\n  name: [unclosed\n  level: x\n")
    with pytest.raises(ScenarioError, match=r"line \d+, column \d+: malformed YAML"):
        load_scenario(path)


@pytest.mark.parametrize("name, text, expected", [
    ("tabs.yaml", "athlete:\n\tname: Ana\n", "line 2, column 1: malformed YAML (found character that cannot start any "
     "token); a tab indents this line; YAML indents with spaces only"),
    ("tab_inside.yaml", "athlete:\n  name: [Ana\tRuiz\n", "check indentation and quotes"),  # a tab, not indenting
    ("comma.json", '{"athlete": {\n  "name": "Ana",\n  "level": "beginner",\n}\n}\n',
     "line 3, column 22: malformed JSON (a comma before '}'); remove the comma: JSON has none after the last item"),
    ("comma_list.json", '{"athlete": {"name": "Ana", "injuries": ["knee", ]}}',
     "line 1, column 48: malformed JSON (a comma before ']'); remove the comma"),
    ("cut_short.json", '{"athlete": {"name": "Ana",', "line 1, column 28: malformed JSON (Expecting property name"),
    ("cut_short_spaces.json", '{"athlete": {"name": "Ana",  \n', "malformed JSON (Expecting property name"),
    ("two_commas.json", '{"athlete": {"name": "Ana",, "level": "beginner"}}',
     "line 1, column 28: malformed JSON (Expecting property name enclosed in double quotes); check the commas"),
])
def test_malformed_files_are_placed_where_the_slip_is_with_its_fix(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert expected in str(err.value), str(err.value)


def test_a_folder_given_as_the_scenario_says_so(tmp_path):
    with pytest.raises(ScenarioError, match="is a folder, not a file"):
        load_scenario(tmp_path)


def test_an_empty_path_is_said_to_be_empty_not_a_folder():
    with pytest.raises(ScenarioError, match="the path is empty; give a file, e.g. scenarios/marathon_base.yaml"):
        load_scenario("")


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "nope.yaml")


def test_a_misspelt_field_under_a_numbered_week_is_suggested_too():
    """season.week_runs is keyed by week number, which YAML reads as a number, not text."""
    athlete = {"name": "x", "availability": {"mon": ["07:00-08:00"]}}
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"athlete": athlete, "season": {"week_runs": {3: [{"kind": "easy", "minuts": 30}]}}})
    assert "season.week_runs[3][0].minuts: unknown field; did you mean 'minutes'?" in str(info.value)


def test_every_misspelt_item_of_kit_and_soft_goal_is_named_in_one_pass(tmp_path):
    """Checked one by one, not the first of a list or mapping only, and each at its own column."""
    path = tmp_path / "week.yaml"
    path.write_text(ISSUE_EXAMPLE.replace("[mat, bands, dumbbells, pullup_bar]", "[mat, band, dumbells, pullup_bar]")
                    + "weights: {S-COVR: 4, S-STACK: -3, S-SPRED: 2}\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 5
    assert "line 9, column 17: athlete.locations.home[1]: unknown equipment 'band'; did you mean 'bands'?" in lines[0]
    assert "line 9, column 23: athlete.locations.home[2]: unknown equipment 'dumbells'; did you mean 'dumbbells'?" \
        in lines[1]
    assert any("weights.S-COVR: unknown soft goal 'S-COVR'; did you mean 'S-COVER'?" in m for m in lines)
    assert any("weights.S-SPRED: unknown soft goal 'S-SPRED'; did you mean 'S-SPREAD'?" in m for m in lines)
    assert any("weights.S-STACK: -3 is too small" in m for m in lines)


def test_yaml_errors_name_line_and_column(tmp_path):
    path = tmp_path / "week.yaml"
    path.write_text(
        "athlete:\n"
        "  name: Ana\n"
        "  availability:\n"
        "    mon: [\"06:00-07:00\", \"25:00-26:00\"]\n"
        "  runs:\n"
        "    - {kind: easy, minutes: 45}\n"
        "    - {kind: jog, minutes: -5}\n"
        "  rest_dayz: 1\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 4, "every problem at once"
    assert any("line 4, column 26: athlete.availability.mon[1]:" in m for m in lines)  # the second window: 10 + 15 + 1
    assert any("line 7, column 14: athlete.runs[1].kind:" in m for m in lines)
    assert any("line 7, column 28: athlete.runs[1].minutes:" in m for m in lines)
    assert any("line 8, column 3: athlete.rest_dayz: unknown field" in m for m in lines)


# Values a hand-edited file ends up with: wrong types, empty, out of range, half-typed times.
JUNK = [None, -1, 0, 1e9, 10**20, float("nan"), True, "", "x", "mon", "25:99", "09:00-08:00", "mon 99:00",
        "07:00-08:00 gym", "2027-02-30", [], [1, 2], ["07:00-08:00 home"], {}, {"a": 1}]
REMOVED = object()
EXAMPLES = {p.name: yaml.safe_load(p.read_text()) for p in sorted((ROOT / "scenarios").glob("*.yaml"))
            if "athlete" in yaml.safe_load(p.read_text())}


def _places(node, path=()):
    """Every place in the parsed file a value sits at (mappings and lists included)."""
    if path:
        yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from _places(child, (*path, key))


def _dotted(path) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".")


def _spoil_each_value(example: dict, load) -> None:
    """Every value anywhere in ``example``, in turn, replaced by each piece of junk or removed, then
    loaded: either it is still valid, or a ScenarioError whose every message starts with the field
    it is about and says the fix in our words. Exhaustive (a few thousand loads, under two seconds),
    not sampled: a crash on one value of one field is exactly what sampling misses."""
    for path in _places(example):
        for junk in [*JUNK, REMOVED]:
            data = json.loads(json.dumps(example))
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            if junk is REMOVED:
                del parent[path[-1]]
            else:
                parent[path[-1]] = junk
            try:
                loaded = load(data)
                # a member's messages start with where the member is ("club.yaml members[0]: ")
                # and go on with the member's own scenario fields
                messages = [(m.removeprefix(f"{member.origin}: "), {"athlete", "weights"})
                            for member in getattr(loaded, "members", ()) for m in member.errors]
            except ScenarioError as error:
                assert error.messages
                messages = [(m, set(example)) for m in error.messages]
            except Exception as error:
                raise AssertionError(f"{_dotted(path)} = {junk!r} crashed the loader: {error!r}") from error
            for message, fields in messages:
                field = re.match(r"(?:line \d+, column \d+: )?([a-z_]+)(?:\.[^:.\[]+|\[\d+\])*: \S", message)
                assert field and field[1] in fields, \
                    f"{_dotted(path)} = {junk!r}: {message!r} does not start with the field it is about"
                assert "Input should" not in message, f"{_dotted(path)} = {junk!r}: {message!r} is pydantic's, not the fix"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_any_scenario_field_spoilt_is_loaded_or_named_never_a_crash(name):
    _spoil_each_value(EXAMPLES[name], lambda data: parse_scenario(data, source="week.yaml"))


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml"])
def test_a_file_cut_short_anywhere_is_named_never_a_crash(tmp_path, suffix):
    """An editor's half-saved file: cut after every comma, bracket and colon, and at every tenth
    character. A cut after a comma once crashed the JSON reader (an index past the end)."""
    import tomllib

    data = EXAMPLES["marathon_base.yaml"]
    text = {".json": lambda: json.dumps(data, indent=1, default=str), ".yaml": lambda: yaml.safe_dump(data),
            ".toml": lambda: toml_text(data)}[suffix]()
    cuts = sorted({i + 1 for i, c in enumerate(text) if c in ",]}:\n"} | set(range(0, len(text), 10)))
    path = tmp_path / f"week{suffix}"
    path.write_text(text)
    assert load_scenario(path).athlete.name == data["athlete"]["name"], "whole, the file reads"
    for cut in cuts:
        path.write_text(text[:cut])
        try:
            load_scenario(path)
        except ScenarioError as err:
            assert err.messages and all(m.strip() for m in err.messages)
        except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError, IndexError) as err:  # pragma: no cover
            pytest.fail(f"cut at {cut}: {err!r}")


@pytest.mark.parametrize("name", ["marathon_base.yaml", "club_riverside.yaml"])
def test_any_key_misspelt_anywhere_in_a_file_is_named_with_its_place_never_a_crash(tmp_path, name):
    """Each key of the file, at every depth (the top level too), in turn spelt with a letter
    doubled, then loaded from a file, as the commands do (its positions place each message):
    refused with a line and the key named, whatever the did-you-mean makes of it. The suggestion
    once crashed on every top-level key, which loading from data alone never reached."""
    from optimizer.club_schema import ClubFile, load_club
    from optimizer.scenario import Scenario
    from optimizer.source import fields_at

    example = yaml.safe_load((ROOT / "scenarios" / name).read_text())
    if "members" in example:
        example["members"] = example["members"][:2]
    load = load_club if "members" in example else load_scenario
    keys = [path for path in _places(example) if isinstance(path[-1], str)]
    assert len(keys) > 30
    for path in keys:
        data = json.loads(json.dumps(example, default=str))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        wrong = path[-1] + path[-1][-1]  # 'phase' -> 'phasee'
        parent[wrong] = parent.pop(path[-1])
        file = tmp_path / "file.yaml"
        file.write_text(yaml.safe_dump(data, sort_keys=False))
        try:
            loaded = load(file)
        except ScenarioError as error:
            text = "\n".join(error.messages)
        except Exception as error:  # pragma: no cover
            raise AssertionError(f"{_dotted(path)} misspelt crashed the loader: {error!r}") from error
        else:  # a member's own key: that member carries it, the club loads
            text = "\n".join(m for member in loaded.members for m in member.errors)
        if path[-1] in fields_at(ClubFile if "members" in example else Scenario, path[:-1]):  # a field: named
            assert wrong in text and "line " in text, f"{_dotted(path)}: {text}"
        # else a name of the user's own (a place, a class id): refused where it is used, if it is


def test_any_club_field_spoilt_is_loaded_or_named_never_a_crash():
    """The club's own fields, and its members' (a member's bad data stays with that member)."""
    club = yaml.safe_load((ROOT / "scenarios" / "club_riverside.yaml").read_text())
    club["members"] = club["members"][:3]  # every kind of field is there; the other 29 repeat them
    _spoil_each_value(club, lambda data: parse_club(data, "club.yaml"))


@pytest.mark.parametrize(("week_runs", "where", "words"), [
    ({0: [{"kind": "easy", "minutes": 30}]}, "season.week_runs[0]", "weeks are numbered from 1"),
    ({3: [{"kind": "easy", "minutes": 30}, {"kind": "race", "minutes": 30, "day": "sat"}]}, "season.week_runs[3][1]",
     'a race happens at its time; give at: "sat 09:00"'),
    ({2: [{"kind": "race", "minutes": 30, "at": "sat 09:00"}, {"kind": "race", "minutes": 30, "at": "sat 14:00"}]},
     "season.week_runs[2]", "two races on sat; a day holds one race, keep one"),
])
def test_a_season_week_is_numbered_from_one_and_its_race_has_a_time(week_runs, where, words):
    """A race with no time used to float and be tapered for by no one (heavy legs five days out)."""
    athlete = {"name": "x", "locations": {"home": []}, "availability": {"mon": ["07:00-08:00 home"]}}
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"athlete": athlete, "season": {"week_runs": week_runs}})
    assert f"{where}: {words}" in str(info.value)


@pytest.mark.parametrize(("text", "deep"), [
    ("a: " + "[" * 99 + "]" * 99, False),  # the mapping and 99 lists: MAX_DEPTH, allowed
    ("a: " + "[" * 100 + "]" * 100, True),  # one past MAX_DEPTH, read from the parser's events
    ("a: " + "[" * 5000 + "]" * 5000, True),  # past libyaml 0.2.6's own limit: its scanner stops first
    ("".join(" " * i + "k:\n" for i in range(5000)) + " " * 5000 + "v: 1\n", True),  # block style, likewise
    ("a: [1, 2\nb: 3\n", False),  # malformed: left to the load, which says where
])
def test_too_deep_reads_depth_without_building_the_document(text, deep):
    """PyYAML 6.0.4's libyaml raises a scanner error at its own nesting limit, and that error once
    escaped as a traceback: the limit is too deep too, and any other error is the loader's to say."""
    from optimizer.source import too_deep

    assert too_deep(text) is deep


TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!set", "!!omap", "!!pairs", "!!seq",
        "!!map", "!!merge", "!foo", ""]
NODES = ["x", "''", "-", "99:99", "0x", "2026-02-30", "[1, 2]", "{a: 1}", "{a, b}", "[{a: [1]}]", "9" * 5000,
         "0x" + "f" * 5000]


@pytest.mark.parametrize("tag", TAGS)
def test_any_tag_on_any_value_is_a_message_not_a_traceback(tmp_path, tag):
    """PyYAML's constructors trip over values their tag cannot make with whatever error comes first:
    '!!bool maybe' a KeyError, '!!int ""' an IndexError, '!!timestamp x' an AttributeError, '!!int [1]'
    (in our base-60 guard) an AttributeError, '!!set [a, b]' (in our duplicate-key guard) a TypeError.
    Every one is a ScenarioError with a short message, in a value, a key and a field."""
    path = tmp_path / "tagged.yaml"
    for node in NODES:
        for text in (f"athlete: {tag} {node}\n", f"athlete:\n  ? {tag} {node}\n  : 1\n",
                     f"athlete:\n  name: x\n  availability: {{}}\n  runs: [{{kind: easy, minutes: {tag} {node}}}]\n"):
            path.write_text(text)
            with pytest.raises(ScenarioError) as err:
                load_scenario(path)
            assert len("\n".join(err.value.messages)) < 600, (text[:60], err.value.messages)
