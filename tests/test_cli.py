"""The CLI: exit 0 with a plan, 1 with no plan, 2 on bad input; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import yaml
from typer.testing import CliRunner
from conftest import toml_text

from optimizer import Plan
from optimizer.cli import app
from optimizer.clock import DAYS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "scenarios" / "marathon_base.yaml")
NO_PLAN = str(ROOT / "scenarios" / "no_plan_heavy_before_long.yaml")
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_version_names_stridelift_and_the_or_tools_release_plans_depend_on():
    """Which of several equally good weeks comes out depends on the OR-Tools release: a report of
    a plan needs both versions, so --version gives both (and plans nothing)."""
    from importlib.metadata import version

    import ortools

    result = subprocess.run([sys.executable, "-m", "optimizer", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (f"stridelift {version('stridelift')} (OR-Tools {ortools.__version__}, "
                             f"Python {sys.version.split()[0]})\n")


def test_plan_prints_the_week_as_a_table():
    result = invoke("plan", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "Ana Ruiz" in result.stdout and "optimal" in result.stdout
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert day in result.stdout
    for goal in ("S-STACK", "S-SPREAD", "S-COVER", "S-PREF", "S-SHORT", "S-STABLE"):
        assert goal in result.stdout


def test_json_output_has_the_documented_fields(tmp_path):
    out = tmp_path / "week.json"
    result = invoke("plan", EXAMPLE, "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    week = json.loads(out.read_text())
    assert week["athlete"] == "Ana Ruiz"
    assert week["status"] == "optimal"
    assert set(week["score"]) == {"S-STACK", "S-SPREAD", "S-COVER", "S-PREF", "S-SHORT", "S-STABLE"}
    for goal in week["score"].values():
        assert goal["weighted"] == goal["weight"] * goal["penalty"]
    assert week["sessions"], "a plan with sessions"
    for s in week["sessions"]:
        assert s["day"] in DAYS
        assert {"start", "end", "minutes", "kind", "location", "key"} <= set(s)
        assert (s["type"] == "strength") == ("lower_load" in s)
    starts = [(DAYS.index(s["day"]), s["start"]) for s in week["sessions"]]
    assert starts == sorted(starts), "sessions come in time order"


@pytest.mark.parametrize(("name", "given", "starts"), [
    ("week.json", None, "{"), ("week.MD", None, "## Ana Ruiz"), ("week.ics", None, "BEGIN:VCALENDAR"),
    ("week.html", None, "<!doctype html>"), ("week.txt", None, "Ana Ruiz: optimal"),
    ("week.json", "markdown", "## Ana Ruiz"),  # --format given wins
])
def test_without_format_the_output_files_name_says_it(tmp_path, name, given, starts):
    """-o week.json wrote the terminal's table into it, which `check` and `replan` then refused as JSON."""
    out = tmp_path / name
    result = invoke("plan", EXAMPLE, "-o", str(out), *(["-f", given] if given else []))
    assert result.exit_code == 0, result.output
    assert out.read_text().lower().startswith(starts.lower()), out.read_text()[:80]


def test_a_season_written_to_a_page_name_says_to_give_the_format(tmp_path):
    out = tmp_path / "season.html"
    result = invoke("season", EXAMPLE, "--race-date", "2027-03-07", "--weeks", "2", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert f"-o {out}: a season is written as table, json, markdown, ics" in result.output
    assert "or give --format" in result.output


def test_markdown_output_is_a_table():
    result = invoke("plan", EXAMPLE, "-f", "markdown")
    assert result.exit_code == 0
    assert "| Day | Time | Session | Where |" in result.stdout


def test_no_plan_exits_1_and_names_the_rules_in_conflict(tmp_path):
    keep = tmp_path / "week.json"
    keep.write_text("the athlete's previous plan")
    result = invoke("plan", NO_PLAN, "-o", str(keep))
    assert result.exit_code == 1
    assert "R-GAP48" in result.stderr
    assert keep.read_text() == "the athlete's previous plan", "a failed plan must not overwrite the output file"


@pytest.mark.parametrize("fmt", ["markdown", "json", "table", "html"])
def test_explain_with_no_week_writes_the_conflict_and_its_fixes_to_the_file(tmp_path, fmt):
    report = tmp_path / f"why.{fmt}"
    report.write_text("an earlier report")
    result = invoke("explain", NO_PLAN, "-f", fmt, "-o", str(report))
    assert result.exit_code == 1, "no week is still exit 1"
    written = report.read_text()
    assert "R-GAP48" in written and "Changes that give a week" in written, written


def test_plan_explain_with_no_week_leaves_the_plan_file_as_it_was(tmp_path):
    """`plan --explain -o week.json` may be the week a replan reads next: only the explain command
    writes its report there."""
    keep = tmp_path / "week.json"
    keep.write_text("the athlete's previous plan")
    result = invoke("plan", NO_PLAN, "--explain", "-o", str(keep))
    assert result.exit_code == 1 and "R-GAP48" in result.stderr
    assert keep.read_text() == "the athlete's previous plan"


def test_explain_with_no_week_leaves_a_calendar_file_as_it_was(tmp_path):
    calendar = tmp_path / "week.ics"
    calendar.write_text("the athlete's calendar")
    result = invoke("explain", NO_PLAN, "-o", str(calendar))
    assert result.exit_code == 1 and "R-GAP48" in result.stderr
    assert calendar.read_text() == "the athlete's calendar", "a calendar has nowhere to hold the conflict"


def test_no_plan_json_to_stdout_says_infeasible():
    result = invoke("plan", NO_PLAN, "-f", "json")
    assert result.exit_code == 1
    week = json.loads(result.stdout)
    assert week["status"] == "infeasible" and week["sessions"] == []
    assert any("R-GAP48" in p for p in week["problems"])
    assert week.get("total_penalty") is None  # no week has no score (0 would read as a perfect week)


BAD = {
    "unknown_day.yaml": ("athlete:\n  name: x\n  availability:\n    funday: ['07:00-08:00']\n", "athlete.availability.funday"),
    "bad_time.yaml": ("athlete:\n  name: x\n  availability:\n    mon: ['25:00-26:00']\n", "athlete.availability.mon[0]"),
    "backwards.yaml": ("athlete:\n  name: x\n  availability:\n    mon: ['09:00-08:00']\n", "ends before it starts"),
    "negative.yaml": ("athlete:\n  name: x\n  availability: {}\n  runs: [{kind: easy, minutes: -10}]\n", "athlete.runs[0].minutes"),
    "kind.yaml": ("athlete:\n  name: x\n  availability: {}\n  runs: [{kind: jog, minutes: 10}]\n", "athlete.runs[0].kind"),
    "range.yaml": ("athlete:\n  name: x\n  availability: {}\n  strength: {sessions: [3, 2]}\n", "athlete.strength.sessions"),
    "malformed.yaml": ("athlete:\n  name: [x\n", "malformed YAML"),
    "tag.yaml": ("athlete: !!python/object/apply:os.system ['true']\n", "tag is not allowed"),
    "empty.yaml": ("", "mapping with an 'athlete' block"),
    # a date that is no date, or a value its tag cannot make, was the YAML constructor's ValueError: a traceback
    "no_such_date.yaml": ("athlete:\n  name: x\n  availability: {}\n  calendar: {week_of: 2026-02-30}\n",
                          "line 4, column 23: athlete.calendar.week_of: '2026-02-30' is not a date; write YYYY-MM-DD"),
    "bad_int.yaml": ("athlete: !!int abc\n", "line 1, column 10: 'abc' cannot be read as int"),
    "bad_bool.yaml": ("athlete: !!bool maybe\n", "line 1, column 10: 'maybe' cannot be read as bool (write true or false)"),
    # Python reads no integer of more than 4,300 digits (a ValueError in json, tomllib and PyYAML: a traceback)
    "digits.yaml": ("athlete:\n  name: x\n  availability: {}\n  rest_days: " + "9" * 5000 + "\n",
                    "line 4, column 14: athlete.rest_days: '9999"),
    "digits.json": ('{"athlete": {"name": "x", "availability": {}, "rest_days": ' + "9" * 5000 + "}}",
                    "line 1, column 60: athlete.rest_days: '9999"),
    # '²'.isdigit() holds and int() refuses it; a window's own message quoted all 20,000 characters of it
    "superscript.yaml": ("athlete:\n  name: x\n  availability:\n    mon: ['²:00-³:00']\n",
                         "athlete.availability.mon[0]: '²:00' is not a time; write HH:MM"),
    "long_window.yaml": ("athlete:\n  name: x\n  availability:\n    mon: ['" + "mon " * 5000 + "']\n",
                         "athlete.availability.mon[0]: 'mon mon mon"),
    # a hexadecimal integer reads in whole whatever its length, and repr() refused it in the message
    "hex.yaml": ("athlete:\n  name: 0x" + "f" * 3600 + "\n  availability: {}\n",
                 "athlete.name: a number of more than 4,300 digits is not text"),
    "digits.toml": ('[athlete]\nname = "x"\nrest_days = ' + "9" * 5000 + "\n[athlete.availability]\n",
                    "a number has more than 4,300 digits, more than any field takes"),
    "list_key.yaml": ("athlete:\n  [a, b]: 1\n", "line 2, column 3: a key is a list or a mapping; write a name"),
    # refused when read, as a run pinned so is, not left to the planner to find no week (exit 1)
    "late_class.yaml": ("athlete:\n  name: x\n  availability: {}\n  strength:\n    pinned: [{kind: full_body, "
                        "at: 'sun 23:30', minutes: 45}]\n", "athlete.strength.pinned[0]: at 'sun 23:30' for 45 min "
                        "ends after midnight; a strength session lies within one day: start it by 23:15"),
    # YAML's true (and yes/on) would be read as the number 1
    "true.yaml": ("athlete:\n  name: x\n  availability: {}\n  runs: [{kind: easy, minutes: true}]\n",
                  "athlete.runs[0].minutes: True is not a number"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exits_2_with_the_field_and_no_traceback(tmp_path, name):
    text, words = BAD[name]
    path = tmp_path / name
    path.write_text(text)
    keep = tmp_path / "out.json"
    keep.write_text("untouched")
    result = invoke("plan", str(path), "-o", str(keep))
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert keep.read_text() == "untouched"
    assert len(result.stderr) < 500, "a message, not the value written back whole"


def test_a_byte_order_mark_is_not_content_and_a_file_not_in_utf8_says_how_to_save_it(tmp_path):
    """Windows editors may start a UTF-8 file with a byte order mark: JSON and TOML read it as a stray
    character on line 1 (exit 2, 'Unexpected UTF-8 BOM (decode using utf-8-sig)'), YAML skipped it.
    A file in another encoding was Python's codec message, with no fix."""
    scenario = yaml.safe_load(Path(EXAMPLE).read_text())
    texts = {"week.yaml": Path(EXAMPLE).read_text(), "week.json": json.dumps(scenario),
             "week.toml": '[athlete]\nname = "x"\nrest_days = 7\n[athlete.availability]\n[athlete.strength]\nsessions = 0\n'}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8-sig")
        result = invoke("plan", str(tmp_path / name), "-f", "json")
        assert result.exit_code == 0 and json.loads(result.stdout)["status"] == "optimal", result.output
    (tmp_path / "utf16.yaml").write_text(Path(EXAMPLE).read_text(), encoding="utf-16")
    result = invoke("plan", str(tmp_path / "utf16.yaml"))
    assert result.exit_code == 2 and "byte 1 is not UTF-8 text; save the file as UTF-8" in result.stderr


def test_a_json_scenario_error_says_its_line_and_column(tmp_path):
    """JSON files were placed by field only; JSON is YAML's flow style, so the YAML reader places them."""
    scenario = yaml.safe_load(Path(EXAMPLE).read_text())
    scenario["athlete"]["runs"][1]["minutes"] = -5
    (tmp_path / "week.json").write_text(json.dumps(scenario, indent=2))
    result = invoke("plan", str(tmp_path / "week.json"))
    line = next(n for n, text in enumerate((tmp_path / "week.json").read_text().splitlines(), 1) if "-5" in text)
    assert result.exit_code == 2 and f"line {line}, column 20: athlete.runs[1].minutes: -5" in result.stderr


def test_a_json_error_is_placed_past_an_emoji_too(tmp_path):
    """json.dumps escapes an emoji as a surrogate pair, which YAML (that places JSON's errors) refuses."""
    scenario = yaml.safe_load(Path(EXAMPLE).read_text())
    scenario["athlete"]["name"] = "Ana \U0001F3C3"
    scenario["athlete"]["runs"][1]["minutes"] = -5
    (tmp_path / "week.json").write_text(json.dumps(scenario, indent=2))
    result = invoke("plan", str(tmp_path / "week.json"))
    assert result.exit_code == 2 and ", column 20: athlete.runs[1].minutes: -5" in result.stderr


def test_a_key_given_twice_before_deep_json_is_said_without_crashing(tmp_path):
    """json stops at the key given twice; placing it must not hand the deep rest to libyaml's C
    recursion (a segmentation fault). In a process of its own, so a crash fails only this test."""
    deep = 200_000
    path = tmp_path / "deep.json"
    path.write_text('{"athlete": {"name": "x", "name": "y"}, "z": ' + "[" * deep + "]" * deep + "}")
    result = subprocess.run([sys.executable, "-m", "optimizer", "plan", str(path)], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "'name' is given twice" in result.stderr, result.stderr


def test_a_file_too_big_to_be_a_scenario_is_refused_before_it_is_read_whole(tmp_path):
    """'plan /dev/zero' read until the memory ran out. The file here is sparse: no disk is used."""
    from optimizer.source import MAX_BYTES

    huge = tmp_path / "image.yaml"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    result = invoke("plan", str(huge))
    assert result.exit_code == 2 and f"{huge}: the file is over 64 MiB" in result.stderr and "check the path" in result.stderr
    with huge.open("r+b") as file:
        file.truncate(MAX_BYTES)  # at the limit it is read, and is not a scenario (NUL bytes)
    assert "over 64 MiB" not in invoke("plan", str(huge)).stderr


def test_missing_file_exits_2(tmp_path):
    result = invoke("plan", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_the_installed_command_runs_in_a_real_process(tmp_path):
    out = tmp_path / "week.json"
    done = subprocess.run(
        [sys.executable, "-m", "optimizer", "plan", EXAMPLE, "--format", "json", "-o", str(out)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["status"] == "optimal"
    bad = tmp_path / "bad.yaml"
    bad.write_text("athlete:\n  name: x\n  availability:\n    mon: ['25:00-26:00']\n")
    done = subprocess.run([sys.executable, "-m", "optimizer", "plan", str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "25:00" in done.stderr


def test_rules_lists_every_rule_id():
    result = invoke("rules")
    for rule in ("R-GAP48", "R-REST", "R-KEYEVE", "R-B2B", "R-ORDER", "R-AVAIL", "R-FREQ", "R-LEN", "R-TAPER",
                 "R-PINNED", "S-STACK", "S-COVER", "S-SPREAD", "S-PREF"):
        assert rule in result.stdout


def test_rules_say_their_numbers_and_the_goals_default_weights():
    """DOMAIN.md's numbers: 48 h, a 10-day taper before a marathon and 7 before shorter races,
    sessions of at most 45 minutes by default."""
    lines = {line.split()[0]: line for line in invoke("rules").stdout.splitlines()}
    assert "48 h" in lines["R-GAP48"]
    assert "within 10 days before a marathon" in lines["R-TAPER"] and "7 before a shorter one" in lines["R-TAPER"]
    assert "20 min to strength.max_minutes (45 by default)" in lines["R-LEN"]
    assert lines["S-STABLE"].endswith("(weight 1000 by default)") and lines["S-SHORT"].endswith("(weight 1 by default)")


def test_output_files_are_ordinary_files_not_owner_only(tmp_path):
    """Written through a temporary file and a rename, yet with the mode any new file gets."""
    import os

    out = tmp_path / "week.json"
    assert invoke("plan", EXAMPLE, "-f", "json", "-o", str(out)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not list(tmp_path.glob(".week.json.*")), "no temporary file left behind"


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_a_misspelt_top_level_key_in_any_file_is_exit_2_with_its_suggestion(tmp_path, suffix):
    """A file's own positions hold its root, which the suggestion once took for a neighbour's key
    (an IndexError on every unknown top-level key: a club audit found it)."""
    scenario = yaml.safe_load(Path(EXAMPLE).read_text()) | {"wieghts": {"S-COVER": 2}}
    path = tmp_path / f"week{suffix}"
    if suffix == ".toml":
        path.write_text(toml_text(scenario))
    else:
        path.write_text(json.dumps(scenario, default=str) if suffix == ".json" else yaml.safe_dump(scenario))
    result = invoke("plan", str(path))
    assert result.exit_code == 2 and "wieghts: unknown field; did you mean 'weights'?" in result.stderr, result.output
    club = tmp_path / f"club{suffix}"
    data = {"name": "c", "colour": "red", "grouop_runs": {}, "members": [{"file": path.name}]}
    club.write_text(toml_text(data) if suffix == ".toml" else json.dumps(data) if suffix == ".json" else yaml.safe_dump(data))
    result = invoke("club", "plan", str(club), "--jobs", "1")
    assert result.exit_code == 2 and "colour: unknown field" in result.stderr, result.output
    assert "grouop_runs: unknown field; did you mean 'group_runs'?" in result.stderr
    week = tmp_path / f"w{suffix}"
    week.write_text(toml_text({"sesions": []}) if suffix == ".toml" else json.dumps({"sesions": []}) if suffix == ".json"
                    else "sesions: []\n")
    result = invoke("check", EXAMPLE, str(week))
    assert result.exit_code == 2 and "sesions: unknown field; did you mean 'sessions'?" in result.stderr, result.output


def test_week_of_naming_another_week_than_the_scenarios_calendar_is_refused(tmp_path):
    """The week is planned on calendar.week_of's dates (a race dated 2027-03-28 in it): --week-of
    another week silently moved the race to 2027-04-11 in the calendar. Any day of the same week
    is that week."""
    data = yaml.safe_load(Path(EXAMPLE).read_text())
    data["athlete"]["calendar"] = {"week_of": "2027-03-22", "races": [{"date": "2027-03-28", "at": "09:00", "distance": "10k"}]}
    data["athlete"]["runs"].append({"kind": "race", "minutes": 50, "at": "sun 09:00", "distance": "10k"})
    scenario = tmp_path / "dated.yaml"
    scenario.write_text(yaml.safe_dump(data))
    week = tmp_path / "week.yaml"
    week.write_text("sessions:\n  - {day: sun, start: '09:00', minutes: 50, kind: race, location: race}\n")
    fix = "--week-of 2027-04-05: the scenario's calendar.week_of is 2027-03-22"
    for args in (["plan", str(scenario)], ["explain", str(scenario)], ["check", str(scenario), str(week)]):
        result = invoke(*args, "-f", "ics", "--week-of", "2027-04-05")
        assert result.exit_code == 2 and fix in result.stderr and "change calendar.week_of to 2027-04-05" in \
            result.stderr, (args, result.output)
    same_week = invoke("check", str(scenario), str(week), "-f", "ics", "--week-of", "2027-03-25")
    assert same_week.exit_code in (0, 1) and "--week-of" not in same_week.stderr, same_week.output
    assert "DTSTART:20270328T090000" in same_week.stdout, "the race on its date"


def test_replan_refuses_week_of_naming_another_week_than_the_scenarios_calendar(tmp_path):
    data = yaml.safe_load(Path(EXAMPLE).read_text())
    data["athlete"]["calendar"] = {"week_of": "2027-03-22"}
    scenario, plan, out = tmp_path / "dated.yaml", tmp_path / "plan.json", tmp_path / "new.ics"
    scenario.write_text(yaml.safe_dump(data))
    assert invoke("plan", str(scenario), "-o", str(plan)).exit_code == 0
    replan = ["replan", str(scenario), "--plan", str(plan), "--today", "wed", "-o", str(out)]
    result = invoke(*replan, "--week-of", "2027-04-05")
    assert result.exit_code == 2 and "--week-of 2027-04-05: the scenario's calendar.week_of is 2027-03-22" in result.stderr
    assert not out.exists()
    assert invoke(*replan, "--week-of", "2027-03-24").exit_code == 0
    assert "DTSTART" in out.read_text(encoding="utf-8")


def test_output_into_a_missing_folder_makes_the_folder(tmp_path):
    out = tmp_path / "weeks" / "2026" / "week.json"
    assert invoke("plan", EXAMPLE, "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["status"] == "optimal"


def test_a_week_with_an_impossible_dose_or_a_run_with_exercises_is_bad_input(tmp_path):
    """'sets: -3' was read, judged by the other rules, and a replan kept it ('Bulgarian split squat
    -3 x 4-8'); a run's exercises were kept and shown."""
    week = tmp_path / "week.yaml"
    week.write_text(
        "sessions:\n"
        "  - {day: mon, start: '06:00', minutes: 45, kind: easy, location: home,\n"
        "     exercises: [{id: push_up, name: Push-up, category: compound, sets: 3}]}\n"
        "  - {day: tue, start: '18:00', minutes: 30, kind: full_body, location: gym,\n"
        "     exercises: [{id: push_up, name: Push-up, category: dancing, sets: -3, seconds: 0}]}\n")
    result = invoke("check", EXAMPLE, str(week))
    assert result.exit_code == 2, result.output
    for said in ("sessions[0].exercises: a run has no exercises (they are for strength sessions); remove them",
                 "sessions[1].exercises[0].category: 'dancing' is not allowed",
                 "sessions[1].exercises[0].sets: -3 is too small; it must be at least 1",
                 "sessions[1].exercises[0].seconds: 0 is too small; it must be at least 1"):
        assert said in result.stderr, (said, result.stderr)


def test_explain_and_check_write_to_a_file_as_plan_does(tmp_path):
    explained = tmp_path / "explained.json"
    result = invoke("explain", EXAMPLE, "-o", str(explained))
    assert result.exit_code == 0 and result.stdout == ""
    week = json.loads(explained.read_text())
    assert any(goal["why"] for goal in week["score"].values()), "the reasons are in the file"
    broken = tmp_path / "broken.yaml"
    broken.write_text("sessions:\n  - {day: mon, start: '07:00', minutes: 30, kind: heavy_lower, location: home}\n")
    verdict = tmp_path / "verdict.md"
    result = invoke("check", EXAMPLE, str(broken), "-o", str(verdict))
    assert result.exit_code == 1, "the exit code still says the week breaks a rule"
    assert result.stdout == "" and "wrote" in result.stderr and "Breaks " in verdict.read_text()
    assert verdict.read_text().startswith("## "), "Markdown, as the name says"


def test_a_club_file_given_to_plan_says_which_command_to_use():
    result = invoke("plan", str(ROOT / "scenarios" / "club_riverside.yaml"))
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1 and "stridelift club plan" in result.stderr


@pytest.mark.parametrize("command, target, words", [
    (["plan", "scenarios/marathon_base.yaml"], "folder", "is a folder; give a file name"),
    (["plan", "scenarios/marathon_base.yaml"], "under a file", "is a file, not a folder"),
    (["season", "scenarios/marathon_base.yaml", "--race-date", "2027-04-18"], "folder", "is a folder; give a file name"),
    (["club", "plan", "scenarios/club_riverside.yaml"], "file", "is a file; give a folder"),
])
def test_an_output_path_that_cannot_be_written_is_exit_2_before_planning(tmp_path, command, target, words):
    existing = tmp_path / "week.json"
    existing.write_text("kept")
    path = {"folder": tmp_path, "under a file": existing / "week.json", "file": existing}[target]
    result = invoke(*[str(ROOT / c) if c.startswith("scenarios/") else c for c in command], "-o", str(path))
    assert result.exit_code == 2 and isinstance(result.exception, (SystemExit, type(None))), result.output
    assert words in result.stderr
    assert existing.read_text() == "kept" and sorted(p.name for p in tmp_path.iterdir()) == ["week.json"]


@pytest.mark.parametrize("command, where", [
    (["plan", EXAMPLE], "output"),
    (["season", EXAMPLE, "--race-date", "2027-04-18"], "output"),
    (["club", "plan", str(ROOT / "scenarios" / "club_riverside.yaml")], "output"),
    (["plan", "{long}.yaml"], "input"),
])
def test_a_file_name_the_system_refuses_is_exit_2_naming_it(tmp_path, command, where):
    """A name longer than the file system allows (255 bytes): looking it up was OSError ENAMETOOLONG,
    a traceback, whether it was -o's or, with an -o that exists, the input's."""
    long = tmp_path / ("a" * 300)
    existing = tmp_path / "week.json"
    existing.write_text("kept")
    output = str(long) + ".json" if where == "output" else str(existing)
    result = invoke(*[c.format(long=long) for c in command], "-o", output)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "File name too long" in result.stderr and existing.read_text() == "kept"
    assert ("-o: cannot write" in result.stderr) == (where == "output")


BAD_YAML = {
    # two mon: lines: YAML keeps the last and the first window would be lost without a word
    "dupkey.yaml": ("athlete:\n  name: x\n  availability:\n    mon: ['07:00-08:00']\n    mon: ['18:00-19:00']\n",
                    "line 5, column 5: 'mon' is given twice"),
    # the same in JSON, which json.loads settled silently for the last
    "dupkey.json": ('{"athlete": {"name": "x",\n  "availability": {"mon": ["07:00-08:00"], "mon": ["18:00-19:00"]}}}',
                    "line 2, column 44: 'mon' is given twice in one block, and JSON would silently keep only the last"),
    # json meets the inner duplicate first, YAML the outer: the message names the one it places
    "dupkey_nested.json": ('{"athlete": {"name": "x",\n  "availability": {"mon": [], "mon": []},\n  "name": "y"}}',
                           "line 3, column 3: 'name' is given twice"),
    # an alias inside the value it names: endless, and placing the error walked it until RecursionError
    "cycle.yaml": ("athlete: &a\n  name: x\n  availability: {}\n  strength: *a\n",
                   "a YAML alias (*name) is used inside the value it names, so the value never ends"),
    # a merge key naming its own block: the data is whole, but placing its error walked the block forever
    "self_merge.yaml": ("athlete: &a\n  <<: *a\n  name: x\n",
                        "line 1, column 10: athlete.availability: required field is missing"),
    # a few lines of nested aliases that expand to 10**4 values, here over the limit (set low below):
    # eight more lines would be 10**12 ("billion laughs")
    "aliases.yaml": ("a: &a [x,x,x,x,x,x,x,x,x,x]\n"
                     + "".join(f"b{i}: &b{i} [{','.join([f'*{p}'] * 10)}]\n" for i, p in enumerate(["a", "b0", "b1"]))
                     + "athlete: {name: x, availability: {mon: *b2}}\n", "expands to more than 1,000 values"),
}


@pytest.mark.parametrize("name", sorted(BAD_YAML))
def test_yaml_that_would_lose_or_swamp_a_value_is_exit_2(tmp_path, monkeypatch, name):
    monkeypatch.setattr("optimizer.scenario.MAX_VALUES", 1000)
    text, words = BAD_YAML[name]
    path = tmp_path / name
    path.write_text(text)
    result = invoke("plan", str(path))
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.output
    assert len(result.stderr) < 500, "a message, not the whole expanded value"


@pytest.mark.parametrize("command", [["plan", "{f}"], ["check", EXAMPLE, "{f}"], ["club", "plan", "{f}"]])
def test_yaml_nested_past_any_scenario_is_exit_2_not_a_crash(tmp_path, command):
    """200 KB of '[[[[...': libyaml builds the document by recursion in C and the process died (SIGSEGV);
    run in a process of its own, so a crash fails this test and not the whole run."""
    path = tmp_path / "deep.yaml"
    path.write_text("athlete: " + "[" * 200_000 + "]" * 200_000 + "\n")
    done = subprocess.run([sys.executable, "-m", "optimizer", *[c.format(f=path) for c in command]],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and "nests too deeply" in done.stderr, (done.returncode, done.stderr[-300:])


def test_a_long_bad_value_is_shown_cut_short(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("athlete:\n  name: x\n  availability: {}\n  runs: [{kind: easy, minutes: [" + ", ".join(["45"] * 500) + "]}]\n")
    result = invoke("plan", str(path))
    assert result.exit_code == 2 and "athlete.runs[0].minutes" in result.stderr
    assert result.stderr.count("45, ") < 20, "the value cut short, not 500 times 45"


@pytest.mark.parametrize("command", [
    ["plan", "{s}"],
    ["replan", "{s}", "--plan", "{p}", "--today", "wed", "@plan"],
    ["check", "{s}", "{p}", "@plan"],
    ["club", "plan", "{c}", "@folder"],
])
def test_output_up_out_of_a_folder_not_made_yet_is_exit_2_and_the_inputs_are_kept(tmp_path, monkeypatch, command):
    """'-o new/../week.yaml' passed the input check (no such file yet), then the folder was made
    and the input written over: a scenario, a --plan week, a club's member folder."""
    scenario = tmp_path / "week.yaml"
    scenario.write_text(Path(EXAMPLE).read_text())
    plan = tmp_path / "week.json"
    assert invoke("plan", str(scenario), "-f", "json", "-o", str(plan)).exit_code == 0
    club = tmp_path / "club.yaml"
    club.write_text(f"name: C\nmembers:\n  - file: {scenario.name}\n")
    before = scenario.read_text(), plan.read_text(), club.read_text()
    target = {"@plan": plan.name, "@folder": "."}.get(command[-1], scenario.name)
    args = [c.format(s=scenario, p=plan, c=club) for c in command if not c.startswith("@")]
    monkeypatch.chdir(tmp_path)
    result = invoke(*args, "-o", f"not_yet/../{target}")
    said = " ".join(result.stderr.replace("│", " ").split())  # typer's box may wrap it
    assert result.exit_code == 2 and "goes up out of not_yet, which does not exist" in said, result.output
    assert (scenario.read_text(), plan.read_text(), club.read_text()) == before
    assert not (tmp_path / "not_yet").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "club.yaml", "week.json", "week.yaml"]


@pytest.mark.parametrize("command", [
    ["plan", "{s}"],
    ["season", "{s}", "--race-date", "2027-04-18"],
    ["replan", "{s}", "--plan", "{p}", "--today", "wed"],
    ["replan", "{s}", "--plan", "{p}", "--today", "wed", "@plan"],
    ["explain", "{s}"],
    ["check", "{s}", "{p}"],
    ["check", "{s}", "{p}", "@plan"],
])
def test_output_onto_an_input_is_exit_2_and_the_input_is_kept(tmp_path, command):
    scenario = tmp_path / "week.yaml"
    scenario.write_text(Path(EXAMPLE).read_text())
    plan = tmp_path / "week.json"
    assert invoke("plan", str(scenario), "-f", "json", "-o", str(plan)).exit_code == 0
    before = scenario.read_text(), plan.read_text()
    target = plan if command[-1] == "@plan" else scenario
    args = [c.format(s=scenario, p=plan) for c in command if c != "@plan"]
    result = invoke(*args, "-o", str(target))
    assert result.exit_code == 2 and "writing the output there would replace it" in result.stderr, result.output
    assert (scenario.read_text(), plan.read_text()) == before


@pytest.mark.parametrize("command", [
    ["plan", "{s}"],
    ["season", "{s}", "--race-date", "2027-04-18"],
    ["replan", "{s}", "--plan", "{p}", "--today", "wed"],
    ["check", "{s}", "{p}"],
])
def test_output_onto_the_scenarios_exercise_library_is_exit_2_and_the_library_is_kept(tmp_path, command):
    """strength.library names a file the command reads: -o there replaced the user's exercises with the plan."""
    library = tmp_path / "my_exercises.yaml"
    library.write_text("exercises:\n  - {id: my_squat, name: My squat, category: compound, muscles: [quads, glutes], "
                       "lower_load: heavy, work: 40, rest: 90, equipment: [[dumbbells]]}\n")
    scenario = tmp_path / "week.yaml"
    scenario.write_text(Path(EXAMPLE).read_text().replace("    max_minutes: 45\n",
                                                          "    max_minutes: 45\n    library: my_exercises.yaml\n"))
    plan = tmp_path / "week.json"
    assert invoke("plan", str(scenario), "-f", "json", "-o", str(plan)).exit_code == 0
    before = library.read_text()
    result = invoke(*[c.format(s=scenario, p=plan) for c in command], "-o", str(library))
    assert result.exit_code == 2 and "writing the output there would replace it" in result.stderr, result.output
    assert library.read_text() == before


def test_output_onto_a_read_only_file_is_exit_2_and_the_file_is_kept(tmp_path, monkeypatch):
    """The atomic rename replaced a file its owner had made read-only, which `cp` and `>` refuse.
    (Root may write anything, so the test asks os.access as a user would get it.)"""
    kept = tmp_path / "week.json"
    kept.write_text("last week\n")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == kept and mode == os.W_OK
                        else real_access(p, mode, **kw))
    result = invoke("plan", EXAMPLE, "-o", str(kept))
    assert result.exit_code == 2 and f"-o: {kept} is read-only; make it writable" in result.stderr, result.output
    assert kept.read_text() == "last week\n"


def test_output_through_a_link_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert invoke("plan", EXAMPLE, "-f", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink(), "the link stays a link"
    assert json.loads(real.read_text())["status"] == "optimal"
    assert real.stat().st_mode & 0o777 == 0o640, "a file replaced keeps its permissions"


def test_output_to_a_pipe_writes_into_it(tmp_path):
    """``-o /dev/stdout`` or a named pipe: written to as it is, not replaced by a file (tested on
    a pipe of its own: a broken version run as root would replace a real /dev/stdout)."""
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text()), daemon=True)
    reader.start()
    result = invoke("plan", EXAMPLE, "-f", "json", "-o", str(pipe))
    reader.join(10)  # the reader may still be storing what it read: asking `got` now would race it
    if reader.is_alive():  # a version that never opened the pipe: let the reader go (never block here)
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        reader.join(5)
    assert result.exit_code == 0 and pipe.is_fifo(), "the pipe is still a pipe"
    assert json.loads(got[0])["status"] == "optimal"


@pytest.mark.parametrize("args, words", [
    (["--seed", str(2**31)], "--seed"),
    (["--seed", str(-2**31 - 1)], "--seed"),
    (["--workers", "0"], "--workers"),
    (["-f", "ics", "--week-of", "9999-12-31"], "outside 1900-2999"),
    (["-f", "ics", "--week-of", "0001-01-01"], "outside 1900-2999"),
    (["-f", "ics", "--week-of", "2027-02-30"], "'2027-02-30' is not a date"),
    (["-f", "ics", "--week-of", "18/04/2027"], "'18/04/2027' is not a date; give"),
])
def test_an_option_out_of_range_is_exit_2(args, words):
    result = invoke("plan", EXAMPLE, *args)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [
    ["plan", EXAMPLE],
    ["explain", EXAMPLE],
    ["season", EXAMPLE, "--race-date", "2027-04-18"],
    ["replan", EXAMPLE, "--plan", "{plan}", "--today", "wed"],
    ["club", "plan", str(ROOT / "scenarios" / "club_riverside.yaml")],
])
def test_an_endless_time_limit_is_exit_2(tmp_path, command):
    """'inf' is a float above the minimum: it reached SolveSettings, a traceback (the club's after planning)."""
    plan = tmp_path / "week.json"
    plan.write_text(invoke("plan", EXAMPLE, "-f", "json").stdout)
    result = invoke(*[c.format(plan=plan) for c in command], "--time-limit", "inf")
    assert result.exit_code == 2 and "--time-limit" in result.output, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, (SystemExit, type(None)))


def test_solve_settings_out_of_range_raise_a_clear_error():
    from optimizer.scenario import load_scenario
    from optimizer.solve import plan_week

    scenario = load_scenario(EXAMPLE)
    for kwargs, words in ((dict(seed=2**31), "seed: 2147483648 must be"), (dict(time_limit=-1), "time_limit: -1"),
                          (dict(workers=-3), "workers: -3"), (dict(time_limit=float("nan")), "time_limit: nan"),
                          (dict(time_limit=10**6), "time_limit: 1000000 .* at most 86400"),
                          (dict(time_limit=True), "time_limit: True")):
        with pytest.raises(ValueError, match=words):
            plan_week(scenario, **kwargs)
    with pytest.raises(TypeError, match="plan_week takes a Scenario .* not Athlete"):
        plan_week(scenario.athlete)


def test_plan_club_refuses_a_number_of_jobs_that_is_not_one():
    """jobs=-1 said "max_workers must be greater than 0", jobs=0 was taken, jobs="2" a TypeError."""
    from optimizer.club import plan_club
    from optimizer.club_schema import load_club

    club = load_club(ROOT / "scenarios" / "club_riverside.yaml")
    for jobs in (-1, 0, "2", 1.5, True):
        with pytest.raises(ValueError, match=r"jobs: .* must be a whole number of processes, 1 or more"):
            plan_club(club, jobs=jobs)


def test_a_date_far_outside_a_plan_year_is_exit_2(tmp_path):
    path = tmp_path / "far.yaml"
    path.write_text(Path(EXAMPLE).read_text() + "  calendar: {week_of: 9999-12-27}\n")
    result = invoke("plan", str(path), "-f", "ics")
    assert result.exit_code == 2 and "athlete.calendar.week_of" in result.stderr and "at most 2999-12-31" in result.stderr


def test_the_readme_scenario_format_example_plans_a_clean_week(tmp_path):
    """The README's annotated scenario, every field in it, is a week a user can plan as it stands."""
    from optimizer import check_plan, load_scenario, plan_week

    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Scenario format", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(block)
    scenario = load_scenario(path)
    plan = plan_week(scenario)
    assert plan.status == "optimal", plan.problems
    assert check_plan(plan, scenario.athlete) == []
    assert any((s.kind, s.day, s.start) == ("full_body", "thu", "18:30") for s in plan.lifts()), "the pinned class"


def test_replan_given_the_scenario_as_its_plan_says_so():
    result = invoke("replan", EXAMPLE, "--plan", EXAMPLE, "--today", "wed")
    assert result.exit_code == 2 and "this is a scenario, not a plan" in result.output, result.output


def test_replan_given_a_checked_week_says_it_needs_a_planned_one(tmp_path):
    """It said the week was 'never planned ... fix the scenario', of a scenario with nothing wrong."""
    checked = tmp_path / "checked.json"
    result = invoke("check", str(ROOT / "scenarios" / "seed002_sample_week.yaml"),
                    str(ROOT / "scenarios" / "weeks" / "seed002_template.yaml"), "-f", "json", "-o", str(checked))
    assert result.exit_code == 0, result.output
    result = invoke("replan", str(ROOT / "scenarios" / "seed002_sample_week.yaml"), "--plan", str(checked), "--today", "wed")
    assert result.exit_code == 2 and "this is a week `stridelift check` judged (status 'checked')" in result.stderr
    assert "fix the scenario" not in result.stderr


def test_replan_names_a_done_lifts_unknown_exercise_at_its_place_in_the_plan(tmp_path):
    """It was named at 'strength.pinned[0].exercises[0]', the pin the replan makes of it: no field of the user's."""
    week = tmp_path / "week.json"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    data = json.loads(week.read_text())
    i = next(i for i, s in enumerate(data["sessions"]) if s["type"] == "strength" and s["day"] != "sun")
    data["sessions"][i]["exercises"][0]["id"] = "moonwalk"
    week.write_text(json.dumps(data))
    today = DAYS[DAYS.index(data["sessions"][i]["day"]) + 1]  # the lift is done
    result = invoke("replan", EXAMPLE, "--plan", str(week), "--today", today)
    assert result.exit_code == 2, result.output
    assert f"--plan: sessions[{i}].exercises[0].id: 'moonwalk' is not in the exercise library; did you mean " \
           "'monster_walk'?" in result.stderr and "pinned" not in result.stderr


def test_a_plan_with_a_misspelt_field_is_refused_not_read_as_empty(tmp_path):
    """'sesions' for sessions: the plan was read with no sessions and the replan 'added' the week's
    lifts and left out every run, with exit 0. A plan's unknown field is refused as a scenario's
    is; the file the planner wrote (total_penalty and all) still reads back as it was."""
    week = tmp_path / "week.json"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    plan = Plan.model_validate_json(week.read_text())
    assert plan.model_dump_json() == Plan.model_validate(json.loads(plan.model_dump_json())).model_dump_json()
    data = json.loads(week.read_text())
    data["sesions"] = data.pop("sessions")
    week.write_text(json.dumps(data))
    result = invoke("replan", EXAMPLE, "--plan", str(week), "--today", "wed")
    assert result.exit_code == 2, result.output
    assert "sesions: unknown field; did you mean 'sessions'?" in result.stderr


def test_replan_refuses_another_athletes_week(tmp_path):
    """A week of another name whose runs happened to line up was replanned as if it were this
    athlete's: another runner's file given by mistake."""
    week = tmp_path / "week.json"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    data = json.loads(week.read_text())
    data["athlete"] = "Someone Else"
    week.write_text(json.dumps(data))
    result = invoke("replan", EXAMPLE, "--plan", str(week), "--today", "wed")
    assert result.exit_code == 2 and "--plan: this is Someone Else's week and the scenario is Ana Ruiz's" in result.stderr


def test_replan_says_which_of_the_scenarios_runs_the_plan_does_not_hold(tmp_path):
    """A run added to the scenario after planning was left out of the replanned week with no word
    ("nothing moved"): the replan keeps the week it is given, and now says what it leaves out."""
    week, added = tmp_path / "week.json", tmp_path / "added.yaml"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    data = yaml.safe_load(Path(EXAMPLE).read_text())
    data["athlete"]["runs"].append({"kind": "recovery", "minutes": 30})
    added.write_text(yaml.safe_dump(data))
    result = invoke("replan", str(added), "--plan", str(week), "--today", "wed", "-f", "json")
    assert result.exit_code == 0, result.output
    new = json.loads(result.stdout)
    assert new["changes"] == [  # and not "nothing moved" beside it
        "left out run #6 (recovery, 30 min): the plan does not hold it (added to the scenario since it was "
        "planned?); `stridelift plan` places it in a week planned again"]
    assert not any(s["run"] == 5 for s in new["sessions"] if s["type"] == "run")
    same = json.loads(invoke("replan", EXAMPLE, "--plan", str(week), "--today", "wed", "-f", "json").stdout)
    assert not [c for c in same["changes"] if c.startswith("left out")]


def test_a_run_a_replan_dropped_stays_dropped_without_a_word_and_its_event_stays_cancelled(tmp_path):
    """A chain of replans: the first (saved as JSON only) drops Saturday's long run; the second's
    calendar still cancels it, and does not call it 'left out' as if it were new to the scenario."""
    week, first = tmp_path / "week.json", tmp_path / "first.json"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    assert invoke("replan", EXAMPLE, "--plan", str(week), "--today", "fri", "--unavailable", "sat",
                  "--unavailable", "sun", "-o", str(first)).exit_code == 0
    dropped = json.loads(first.read_text())["dropped_runs"]
    assert [(s["kind"], s["day"], s["start"]) for s in dropped] == [("long", "sat", "07:30")]
    result = invoke("replan", EXAMPLE, "--plan", str(first), "--today", "sat", "--unavailable", "sun",
                    "-f", "ics", "--week-of", "2026-03-23")
    assert result.exit_code == 0, result.output
    cancelled = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")
                 if e.get("STATUS") == "CANCELLED"]
    assert "Cancelled: Long run (130 min) - key" in cancelled
    second = json.loads(invoke("replan", EXAMPLE, "--plan", str(first), "--today", "sat", "--unavailable", "sun",
                               "-f", "json").stdout)
    assert not [c for c in second["changes"] if c.startswith("left out")]
    assert [s["kind"] for s in second["dropped_runs"]] == ["long"]


def test_check_on_a_replanned_week_says_the_run_it_lacks_was_dropped_by_the_replan(tmp_path):
    """`check` of a replan's JSON against the scenario: the run the replan dropped is still missing
    (exit 1), and the message says a replan dropped it rather than leaving the runner to wonder."""
    week, first = tmp_path / "week.json", tmp_path / "first.json"
    assert invoke("plan", EXAMPLE, "-o", str(week)).exit_code == 0
    assert invoke("replan", EXAMPLE, "--plan", str(week), "--today", "fri", "--unavailable", "sat",
                  "--unavailable", "sun", "-o", str(first)).exit_code == 0
    result = invoke("check", EXAMPLE, str(first))
    assert result.exit_code == 1, result.output
    assert "is missing from the week; a replan dropped it (see the week's changes)" in result.stdout
    ics = invoke("check", EXAMPLE, str(first), "-f", "ics", "--week-of", "2026-03-23").stdout
    cancelled = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT") if e.get("STATUS") == "CANCELLED"]
    assert cancelled == ["Cancelled: Long run (130 min) - key"]  # as the replan's own calendar cancels it
    for odd in (None, [{"kind": "long"}], "sat"):  # words only: a dropped_runs that does not read is left out
        data = json.loads(first.read_text())
        data["dropped_runs"] = odd
        first.write_text(json.dumps(data))
        result = invoke("check", EXAMPLE, str(first))
        assert result.exit_code == 1 and "is missing from the week" in result.stdout, result.output
        assert "a replan dropped it" not in result.stdout


@pytest.mark.parametrize("command", [["plan", EXAMPLE], ["season", EXAMPLE, "--race-date", "2027-04-18"],
                                     ["club", "plan", str(ROOT / "scenarios" / "club_riverside.yaml")],
                                     ["club", "synthetic", "3"]])
def test_an_empty_output_path_is_refused_not_read_as_the_working_folder(tmp_path, monkeypatch, command):
    """'-o ""' (an unset shell variable) is Path('.'): `club plan` wrote its members' files into
    whatever folder it was run from. Every -o refuses it before anything is planned."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*command, "-o", "")
    assert result.exit_code == 2 and "the path is empty; give a file name" in result.stderr, result.output
    assert list(tmp_path.iterdir()) == []


def test_a_reader_that_stops_early_ends_the_command_by_sigpipe_not_as_no_plan(tmp_path):
    """`club plan ... | head -1` exited 1, which is the club's "someone has no week": Click's code
    for a closed pipe. It ends as `cat` does now, and the members' files are all written first.
    The reader here is `true`, gone before the club is planned: `head -c 1` made the test a race,
    since a table that fits the pipe's buffer whole is written before head can close it."""
    import shlex

    command = f"{shlex.quote(sys.executable)} -m optimizer club plan {shlex.quote(str(ROOT / 'scenarios' / 'club_riverside.yaml'))}" \
              f" --jobs 1 -o {shlex.quote(str(tmp_path / 'out'))} 2>/dev/null | true; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 141, (done.returncode, done.stderr)
    assert (tmp_path / "out" / "summary.csv").is_file() and len(list((tmp_path / "out").glob("*.json"))) == 32


@pytest.mark.parametrize("command", [["plan", ""], ["check", EXAMPLE, ""], ["replan", EXAMPLE, "--plan", "", "--today", "wed"],
                                     ["season", "", "--race-date", "2027-04-18"], ["club", "plan", ""]])
def test_an_empty_input_path_is_said_to_be_empty_not_the_working_folder(command):
    """'' (an unset shell variable) was Path('.'): "error: .: '.' is a folder, not a file"."""
    result = invoke(*command)
    said = " ".join(result.stderr.replace("│", " ").split())
    assert result.exit_code == 2 and "the path is empty; give a file" in said, result.output


def test_the_command_line_starts_without_the_calendar_libraries():
    """icalendar and jinja2 (ics, html) are about 65 ms of a `stridelift plan`'s start-up: they are
    imported when a calendar is asked for, not by every table or JSON week."""
    probe = "import sys, optimizer.cli; print(sorted(m for m in ('icalendar', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
