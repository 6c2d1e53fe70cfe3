"""``stridelift club``: the output directory (safe file names, atomic writes, summary.csv)
and the exit codes (0 all planned, 1 a member without a week, 2 a bad club file)."""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from optimizer.cli import app
from optimizer.club import ClubPlan, MemberResult, parse_club, plan_club
from optimizer.club_cli import MANIFEST, SUMMARY_FIELDS, may_write, safe_stems, summary_csv, write_club
from test_club import athlete, club_data

runner = CliRunner()


# ---- safe file names ----------------------------------------------------------------------


@pytest.mark.parametrize("name, stem", [
    ("Ana Ruiz", "ana-ruiz"),
    ("../../etc/x", "etc-x"),
    ("a/b\\c", "a-b-c"),
    ("...", "member"),
    ("", "member"),
    (".hidden", "hidden"),
    ("Zoë Müller", "zoë-müller"),
    ("李雷", "李雷"),
    ("con", "member-con"),
    ("summary", "member-summary"),
    ("O'Connor; DROP TABLE", "o-connor-drop-table"),
    ("x" * 300, "x" * 40),
])
def test_a_file_name_is_built_from_the_member_name(name, stem):
    assert safe_stems([name]) == [stem]


def test_duplicate_names_get_distinct_files_even_when_they_differ_only_in_case_or_punctuation():
    assert safe_stems(["Ana", "ana", "ANA!", "ana-2", "Ana"]) == ["ana", "ana-2", "ana-3", "ana-2-2", "ana-4"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_every_stem_is_safe_unique_and_stays_in_the_directory(names):
    stems = safe_stems(names)
    assert len(set(stems)) == len(stems) == len(names)
    out = Path("/srv/out")
    for stem in stems:
        assert re.fullmatch(r"[\w-]+", stem) and stem not in (".", "..")
        assert (out / f"{stem}.json").resolve().parent == out
        assert len(f"{stem}-99.json".encode()) < 255


# ---- writing the directory ------------------------------------------------------------------


def _result(*names: str) -> ClubPlan:
    members = [MemberResult(name=n, origin="test", status="invalid", problems=[f"{n}: bad data"]) for n in names]
    return ClubPlan(club="Test Harriers", members=members, history={"strength": {names[0]: 1}})


def test_every_file_lands_inside_the_directory_even_for_hostile_names(tmp_path):
    out = tmp_path / "out"
    written = write_club(_result("../../etc/x", "/abs/path", "..", "Ana"), out).written
    assert all(p.resolve().parent == out.resolve() for p in written)
    # members with invalid data get no page or calendar (the overview says why), the club an overview
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{stem}.{ext}" for stem in ("etc-x", "abs-path", "member", "ana") for ext in ("json", "md")]
        + ["index.html", "summary.csv", "history.yaml", MANIFEST])
    assert not (tmp_path / "etc").exists()
    assert yaml.safe_load((out / "history.yaml").read_text()) == {"strength": {"../../etc/x": 1}}
    invalid = json.loads((out / "etc-x.json").read_text())
    assert invalid == {"athlete": "../../etc/x", "status": "invalid", "problems": ["../../etc/x: bad data"]}


def test_a_folder_used_again_loses_the_files_of_members_who_left_and_nothing_else(tmp_path):
    """Last week's plan of a member who has left stayed in the folder, looking like this week's."""
    out = tmp_path / "out"
    write_club(_result("Ana", "Bea", "Cal"), out)
    (out / "notes.txt").write_text("the coach's own file")
    (out / "bea.md").unlink()  # gone by hand already: nothing to remove
    with (out / MANIFEST).open("a") as manifest:  # a manifest edited to point elsewhere is not followed
        manifest.write("../outside.txt\n.hidden\n")
    (tmp_path / "outside.txt").write_text("keep")
    (out / ".hidden").write_text("keep")
    files = write_club(_result("Ana", "Cal"), out)
    assert sorted(p.name for p in files.removed) == ["bea.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{stem}.{ext}" for stem in ("ana", "cal") for ext in ("json", "md")]
        + ["index.html", "summary.csv", "history.yaml", "notes.txt", ".hidden", MANIFEST])
    assert (tmp_path / "outside.txt").read_text() == "keep"
    assert (out / MANIFEST).read_text().split() == sorted(p.name for p in files.written)


def test_a_manifest_that_is_a_link_is_neither_followed_nor_written_through(tmp_path):
    """A `.stridelift-files` linked to another file had that file's lines read as names to remove
    and the file itself overwritten with this run's list."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("the coach's own file")
    (tmp_path / "elsewhere").write_text("notes.txt\n")
    (out / MANIFEST).symlink_to(tmp_path / "elsewhere")
    files = write_club(_result("Ana"), out)
    assert files.removed == [] and (out / "notes.txt").exists()
    assert (tmp_path / "elsewhere").read_text() == "notes.txt\n"
    assert not (out / MANIFEST).is_symlink()
    assert (out / MANIFEST).read_text().split() == sorted(p.name for p in files.written)


def test_a_run_interrupted_before_removing_stale_files_leaves_them_for_the_next(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_club(_result("Ana", "Bea"), out)
    real_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        write_club(_result("Ana", "Dan"), out)  # Bea's files still there, Dan's written
    monkeypatch.setattr(Path, "unlink", real_unlink)
    files = write_club(_result("Ana"), out)  # the manifest still names both Bea's and Dan's
    assert sorted(p.name for p in files.removed) == ["bea.json", "bea.md", "dan.json", "dan.md"]


def test_a_run_interrupted_with_nothing_stale_still_lists_what_it_wrote(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_club(_result("Ana", "Bea"), out)
    real_replace = os.replace

    def interrupted(src, dst):
        real_replace(src, dst)
        if str(dst).endswith("dan.md"):  # Ctrl-C once Dan's files are in place, before the run ends
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_club(_result("Ana", "Bea", "Dan"), out)
    monkeypatch.setattr(os, "replace", real_replace)
    files = write_club(_result("Ana"), out)
    assert sorted(p.name for p in files.removed) == ["bea.json", "bea.md", "dan.json", "dan.md"]


def test_an_interrupted_write_leaves_whole_files_or_none(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text("last week's summary\n")
    real_replace = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # Ctrl-C while the third file is being put in place (after the manifest)
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_club(_result("Ana", "Bea", "Cal"), out)
    names = sorted(p.name for p in out.iterdir())
    assert names == [MANIFEST, "ana.json", "ana.md", "summary.csv"]  # no temporary file left behind
    assert json.loads((out / "ana.json").read_text())["athlete"] == "Ana"
    assert (out / "summary.csv").read_text() == "last week's summary\n"  # untouched


def test_the_summary_has_a_row_per_member_with_the_documented_columns():
    club = parse_club(club_data([
        {"athlete": athlete("Ana"), "joins": ["strength"]},
        {"athlete": athlete("Bea", runs=[{"kind": "long", "minutes": 200}]), "joins": ["strength"]},
        {"athlete": athlete("Cal", phase="taper"), "joins": ["strength"]},
    ], capacity=1))
    result = plan_club(club, jobs=1)
    rows = list(csv.DictReader(summary_csv(result).splitlines()))
    assert tuple(rows[0]) == SUMMARY_FIELDS
    ana, bea, cal = rows
    plan = result.members[0].plan
    assert (ana["member"], ana["status"], ana["class_places"]) == ("Ana", "optimal", "strength")
    assert int(ana["sessions"]) == len(plan.sessions) and int(ana["strength_sessions"]) == len(plan.lifts())
    assert int(ana["total_penalty"]) == plan.total_penalty
    assert ana["missed_goals"].split() == [g for g, s in plan.score.items() if s.penalty > 0]
    assert bea["status"] == "infeasible" and bea["sessions"] == "" and "R-" in bea["problems"]
    assert cal["status"] == "optimal" and cal["no_place"] == "strength:cannot"


def test_no_summary_cell_is_a_formula_a_spreadsheet_would_run():
    """A member named ``=HYPERLINK(...)`` or ``@SUM(...)`` is text in Excel and LibreOffice."""
    hostile = ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1", "-2", "Ana"]
    rows = list(csv.DictReader(summary_csv(_result(*hostile)).splitlines()))
    assert [r["member"] for r in rows] == ["'" + n for n in hostile[:-1]] + ["Ana"]
    assert all(not cell.startswith(("=", "@", "+", "-")) for r in rows for cell in r.values())


def test_an_invalid_members_page_keeps_its_name_and_problems_literal(tmp_path):
    write_club(_result("<b>Bo</b> | *x*"), tmp_path / "out")
    page = (tmp_path / "out" / "b-bo-b-x.md").read_text()
    assert page.splitlines()[0] == "## \\<b\\>Bo\\</b\\> \\| \\*x\\*: training week"
    assert "- \\<b\\>Bo\\</b\\> \\| \\*x\\*: bad data" in page


# ---- the command ----------------------------------------------------------------------------


def _club_file(tmp_path: Path, members: list[dict]) -> Path:
    path = tmp_path / "club.yaml"
    path.write_text(yaml.safe_dump(club_data(members, capacity=1)))
    return path


def test_plan_writes_every_member_and_exits_0_when_all_are_planned(tmp_path):
    club = _club_file(tmp_path, [{"athlete": athlete("Ana"), "joins": ["strength"]},
                                 {"athlete": athlete("Bea"), "joins": ["strength"]}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Test Harriers: 2 of 2 members planned" in result.stdout
    assert "Club strength: 1 of 1 place taken, 1 missed out (full)" in result.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        f"{stem}.{ext}" for stem in ("ana", "bea") for ext in ("json", "md", "html", "ics")} | {
        "index.html", "summary.csv", "history.yaml", MANIFEST}
    full = next(n for n in ("ana", "bea") if "no place (class full)" in (tmp_path / "out" / f"{n}.md").read_text())
    assert yaml.safe_load((tmp_path / "out" / "history.yaml").read_text()) == {"strength": {full.capitalize(): 1}}


def test_workers_that_cannot_start_are_a_message_and_exit_2_with_nothing_written(tmp_path, monkeypatch):
    """If the machine stops the pool's workers from starting, the command says so and how to go
    on (--jobs 1), with no traceback and no output folder half written."""
    from optimizer import club_cli
    from optimizer.executors import WorkersCannotStart

    def cannot_start(*_, **__):
        raise WorkersCannotStart("they die as they start")

    monkeypatch.setattr(club_cli, "plan_club", cannot_start)
    club = _club_file(tmp_path, [{"athlete": athlete("Ana")}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "--jobs: the planner's worker processes die as they start on this machine; plan with --jobs 1" in result.output
    assert not (tmp_path / "out").exists()


def test_planning_a_club_twice_writes_the_same_bytes(tmp_path, monkeypatch):
    """Same input, same files: no timing in the JSON, DTSTAMP from SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    club = _club_file(tmp_path, [{"athlete": athlete("Ana"), "joins": ["strength"]},
                                 {"athlete": athlete("Bea"), "joins": ["strength"]},
                                 {"athlete": athlete("Cy", runs=[{"kind": "easy", "minutes": 0}])}])
    outs = [tmp_path / "first", tmp_path / "second"]
    for jobs, out in zip(("1", "2"), outs):
        assert runner.invoke(app, ["club", "plan", str(club), "-o", str(out), "--jobs", jobs]).exit_code == 1
    files = sorted(p.name for p in outs[0].iterdir())
    assert files == sorted(p.name for p in outs[1].iterdir()) and "ana.ics" in files
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    assert "DTSTAMP:20260921T141320Z" in (outs[0] / "ana.ics").read_text()  # 1790000000 s is 21 Sep 2026 14:13:20 UTC


def test_each_members_calendar_is_in_their_own_zone_and_week(tmp_path, monkeypatch):
    """As `stridelift plan` writes it: athlete.timezone (else the system's) and calendar.week_of."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    ny = athlete("Ana") | {"timezone": "America/New_York", "calendar": {"week_of": "2027-03-08"}}
    club = _club_file(tmp_path, [{"athlete": ny}, {"athlete": athlete("Bea")}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for stem, zone, first, last in (("ana", "America/New_York", "20270308", "20270314"), ("bea", "Europe/Madrid", None, None)):
        text = (tmp_path / "out" / f"{stem}.ics").read_text()
        starts = re.findall(rf"DTSTART;TZID={zone}:(\d{{8}})T", text)
        assert starts, f"{stem}: no event in {zone}"
        if first:
            assert all(first <= d <= last for d in starts), starts


def test_two_members_of_one_name_keep_their_own_zone_week_and_calendar_events(tmp_path, monkeypatch):
    """Names need not be unique in a club that gives no class: each Sam keeps their own time zone and
    week, and their events their own UIDs, so one Sam's calendar never overwrites the other's in a
    coach's shared calendar."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    ny = athlete("Sam") | {"timezone": "America/New_York", "calendar": {"week_of": "2027-03-08"}}
    club = _club_file(tmp_path, [{"athlete": ny}, {"athlete": athlete("Sam") | {"calendar": {"week_of": "2027-03-08"}}}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    texts = [(tmp_path / "out" / f"{stem}.ics").read_text() for stem in ("sam", "sam-2")]
    assert "TZID=America/New_York" in texts[0] and "TZID=Europe/Madrid" in texts[1]
    uids = [set(re.findall(r"^UID:(.*?)\r?$", t, re.M)) for t in texts]
    assert all(uids) and not uids[0] & uids[1]


def test_plan_exits_1_when_a_member_has_no_week_and_still_writes_the_others(tmp_path):
    club = _club_file(tmp_path, [{"athlete": athlete("Ana")},
                                 {"athlete": athlete("Bea", runs=[{"kind": "easy", "minutes": 0}])}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "1 of 2 members planned" in result.stdout
    assert json.loads((tmp_path / "out" / "ana.json").read_text())["status"] == "optimal"
    assert json.loads((tmp_path / "out" / "bea.json").read_text())["status"] == "invalid"


def test_plan_exits_2_on_a_bad_club_file_with_the_field_and_the_fix(tmp_path):
    club = _club_file(tmp_path, [{"athlete": athlete("Ana"), "joins": ["yoga"]}])
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "members[0].joins[0]: 'yoga' is not a club session; use one of track_night, strength" in result.output
    assert not (tmp_path / "out").exists()
    missing = runner.invoke(app, ["club", "plan", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_a_club_file_with_a_mistake_in_every_member_lists_the_first_problems_and_counts_the_rest(tmp_path):
    """Each of a big club's members misspelt one field: thousands of lines buried the first ones."""
    from optimizer.cli import SHOWN_PROBLEMS

    members = [{"athlete": athlete(f"M{i}"), "join": ["strength"]} for i in range(SHOWN_PROBLEMS + 7)]
    club = _club_file(tmp_path, members)
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    lines = result.output.splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1, result.output
    assert "members[0].join: unknown field" in lines[0]
    assert lines[-1] == "error: and 7 more problems not shown; mend those above (often the same mistake) and run again"


def test_a_class_with_more_places_than_a_bound_holds_is_exit_2_before_planning(tmp_path):
    """10**30 places passed the club file's check and reached CP-SAT: a traceback after every member was planned."""
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana"), "joins": ["strength"]}], capacity=10**30)))
    result = runner.invoke(app, ["club", "plan", str(club), "--jobs", "1"])
    assert result.exit_code == 2 and "classes.strength.capacity" in result.output and "at most" in result.output, \
        result.output
    assert "planning" not in result.output


@pytest.mark.parametrize("places", ["-5", str(10**30)])
def test_synthetic_refuses_places_a_club_file_cannot_hold(tmp_path, places):
    """The club file written would be refused (-5) or crash (10**30) when planned."""
    out = tmp_path / "club.yaml"
    result = runner.invoke(app, ["club", "synthetic", "3", "-o", str(out), "--places", places])
    assert result.exit_code == 2 and "--places" in result.output and not out.exists(), result.output


def test_a_members_folder_that_cannot_be_listed_is_exit_2_naming_it(tmp_path, monkeypatch):
    """A dir: with no permission to list it was a PermissionError, a traceback (as root a folder can
    always be listed, so the refusal is the system's, imitated)."""
    folder = tmp_path / "juniors"
    folder.mkdir()
    real = Path.iterdir

    def iterdir(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"dir": "juniors"}])))
    result = runner.invoke(app, ["club", "plan", str(club), "--jobs", "1"])
    assert result.exit_code == 2 and "members[0].dir: cannot read the folder" in result.output, result.output
    assert "Permission denied" in result.output and "check its permissions" in result.output


@pytest.mark.parametrize("name", ["club.yaml", "club.json", "club"])
def test_synthetic_writes_a_club_file_that_loads(tmp_path, name):
    """As its name says: YAML written to club.json was a file `club plan` refused as malformed JSON."""
    from optimizer.club import load_club

    out = tmp_path / name
    result = runner.invoke(app, ["club", "synthetic", "7", "-o", str(out), "--seed", "3", "--places", "2"])
    assert result.exit_code == 0, result.output
    club = load_club(out)
    assert len(club.members) == 7 and club.classes["strength_class"].capacity == 2
    assert out.read_text().startswith("{") == (name == "club.json")
    if name == "club.json":  # the same club as YAML
        runner.invoke(app, ["club", "synthetic", "7", "-o", str(tmp_path / "club.yaml"), "--seed", "3", "--places", "2"])
        as_yaml = load_club(tmp_path / "club.yaml")
        assert [m.scenario for m in club.members] == [m.scenario for m in as_yaml.members]
        assert club.classes == as_yaml.classes and club.group_runs == as_yaml.group_runs


def test_synthetic_refuses_a_toml_name_before_writing(tmp_path):
    result = runner.invoke(app, ["club", "synthetic", "3", "-o", str(tmp_path / "club.toml")])
    assert result.exit_code == 2 and "write the club as .yaml or .json" in result.output
    assert not (tmp_path / "club.toml").exists()


def test_members_files_are_not_written_among_the_clubs_own(tmp_path):
    """A member's plan written over their scenario (ana.json) would lose it, and a plan beside the
    club's files would be read as a member next time: -o there is exit 2 and nothing is written."""
    (tmp_path / "ana.json").write_text(json.dumps({"athlete": athlete("Ana")}))
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"file": "ana.json"}])))
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 2 and "holds the club's own files" in result.output, result.output
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before
    apart = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "plans"), "--jobs", "1"])
    assert apart.exit_code == 0, apart.output
    assert json.loads((tmp_path / "plans" / "ana.json").read_text())["status"] == "optimal"


@pytest.mark.parametrize("exercises", [[], [{"id": "bad"}]], ids=["valid", "with a mistake"])
def test_a_members_exercise_library_file_is_not_written_among_either(tmp_path, exercises):
    """The folder of a library a member's file names is an input folder too: a member called
    'exercises' would have had their plan written over it (a library with a mistake in it too)."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "exercises.yaml").write_text(yaml.safe_dump({"exercises": exercises}))
    member = {"athlete": {**athlete("Exercises"), "strength": {"library": "lib/exercises.yaml"}}}
    (tmp_path / "exercises.json").write_text(json.dumps(member))
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"file": "exercises.json"}])))
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(tmp_path / "lib"), "--jobs", "1"])
    assert result.exit_code == 2 and "holds the club's own files" in result.output, result.output
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == ["exercises.yaml"]


def test_a_folder_that_cannot_be_written_is_refused_before_any_planning(tmp_path, monkeypatch):
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    monkeypatch.setattr("optimizer.club_cli.plan_club", lambda *a, **k: pytest.fail("planned before the check"))
    blocked = tmp_path / "ro"
    blocked.mkdir()

    real = tempfile.TemporaryFile

    def refuse(*args, **kwargs):  # as a folder with no write permission (or a read-only disk) answers
        if Path(kwargs.get("dir", ".")) == blocked:
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(blocked / "out" / "plans")])
    assert result.exit_code == 2 and f"cannot write in {blocked} (Permission denied)" in result.output, result.output
    assert not (blocked / "out").exists()


def test_the_names_checked_before_planning_are_every_name_a_run_writes(tmp_path):
    club = parse_club(club_data([{"athlete": athlete("Ana")}, {"athlete": athlete("Bea", runs=[{"kind": "easy", "minutes": -5}])}]))
    written = write_club(plan_club(club, jobs=1), tmp_path, club).written
    assert {p.name for p in written} <= may_write(safe_stems([m.name for m in club.members]))
    assert "ana.ics" in {p.name for p in written}  # a planned member's calendar is among them


def test_a_coachs_own_files_in_the_folder_are_never_written_over(tmp_path, monkeypatch):
    club = tmp_path / "club.yaml"
    club.write_text(yaml.safe_dump(club_data([{"athlete": athlete("Ana")}])))
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the coach's own page")
    (out / "notes.txt").write_text("left alone: no run writes it")
    monkeypatch.setattr("optimizer.club_cli.plan_club", lambda *a, **k: pytest.fail("planned before the check"))
    result = runner.invoke(app, ["club", "plan", str(club), "-o", str(out)])
    assert result.exit_code == 2 and "index.html" in result.output and "no earlier run wrote" in result.output
    assert (out / "index.html").read_text() == "the coach's own page"
