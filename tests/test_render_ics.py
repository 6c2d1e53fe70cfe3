"""iCalendar export: every session comes back from a parse at the right local time, in
the athlete's time zone, with a UID that survives re-planning, and scenario text
(names, run labels, places) survives escaping whatever it holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from typer.testing import CliRunner

from optimizer import load_scenario, parse_scenario, plan_week
from optimizer.cli import app
from optimizer.plan import Plan
from optimizer import clock
from optimizer.render import ics

from conftest import lift, plan_of, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "marathon_base.yaml"
MADRID = ZoneInfo("Europe/Madrid")
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture(scope="module")
def example() -> Plan:
    plan = plan_week(load_scenario(EXAMPLE))
    assert plan.status == "optimal"
    return plan


def events(text: str) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


def test_example_week_parses_back_at_local_times_in_the_athletes_zone(example):
    # 25 March 2026 is a Wednesday: the week is Monday 23 to Sunday 29 March.
    text = ics.render(example, week_of=date(2026, 3, 25), timezone="Europe/Madrid", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(text)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Madrid"]
    got = events(text)
    assert len(got) == len(example.sessions)
    for event, s in zip(got, example.sessions):
        day = date(2026, 3, 23 + s.day_index)
        hh, mm = map(int, s.start.split(":"))
        eh, em = map(int, s.end.split(":"))
        assert event["DTSTART"].dt == datetime(day.year, day.month, day.day, hh, mm, tzinfo=MADRID)
        assert event["DTEND"].dt == datetime(day.year, day.month, day.day, eh, em, tzinfo=MADRID)
        assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
        assert event["DTSTAMP"].dt == STAMP
        assert str(event["LOCATION"]) == s.location
    # The Saturday long run of the example is pinned at 07:30: in March Madrid is UTC+1.
    long_run = next(e for e, s in zip(got, example.sessions) if s.kind == "long")
    assert long_run["DTSTART"].dt.astimezone(ZoneInfo("UTC")) == datetime(2026, 3, 28, 6, 30, tzinfo=ZoneInfo("UTC"))


def test_titles_and_descriptions_carry_the_sessions_content(example):
    got = events(ics.render(example, week_of=date(2026, 3, 23)))
    for s, event in zip(example.sessions, got):
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert s.label in summary and f"{s.minutes} min" in summary
        for x in s.exercises:  # every exercise with its sets x reps (or hold seconds)
            amount = f"{x.sets} x {x.seconds} s" if x.seconds is not None else f"{x.sets} x {x.reps}"
            assert f"{x.name} {amount}" in description
        assert example.athlete in description
    heavy = next(e for s, e in zip(example.sessions, got) if s.kind == "heavy_lower")
    assert "heavy legs" in str(heavy["SUMMARY"])
    assert [str(c) for c in heavy["CATEGORIES"].cats] == ["Strength", "Strength: heavy legs"]


def test_a_week_across_the_clock_change_keeps_wall_clock_times():
    # Europe/Madrid moves to summer time at 02:00 on Sunday 29 March 2026.
    plan = plan_of(run("long", "sat", "07:30", "09:30"), run("easy", "sun", "09:00", "09:45", index=1))
    sat, sun = events(ics.render(plan, week_of=date(2026, 3, 23), timezone="Europe/Madrid"))
    utc = ZoneInfo("UTC")
    assert sat["DTSTART"].dt.astimezone(utc) == datetime(2026, 3, 28, 6, 30, tzinfo=utc)  # UTC+1
    assert sun["DTSTART"].dt.astimezone(utc) == datetime(2026, 3, 29, 7, 0, tzinfo=utc)  # UTC+2
    assert sun["DTEND"].dt - sun["DTSTART"].dt == timedelta(minutes=45)


def test_a_session_in_the_hour_the_clocks_repeat_keeps_its_length():
    """Madrid's clocks go back at 03:00 on Sunday 25 October 2026: 02:30 happens twice and calendars
    read the first, so DTEND 03:10 made a 40-minute run 100 minutes long. Such a session says its
    length (DURATION); the rest keep their DTEND."""
    plan = plan_of(run("easy", "sun", "02:30", "03:10"), run("long", "sun", "09:00", "10:30", index=1))
    night, morning = events(ics.render(plan, week_of=date(2026, 10, 19), timezone="Europe/Madrid"))
    assert "DTEND" not in night and night["DURATION"].dt == timedelta(minutes=40)
    assert "DURATION" not in morning and morning["DTEND"].dt - morning["DTSTART"].dt == timedelta(minutes=90)


def test_a_tz_rule_no_calendar_can_name_is_said_not_silently_replaced(monkeypatch):
    """TZ='CET-1CEST,...' (a POSIX rule) made the calendar UTC with no word: 06:00 showed as 07:00."""
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "-f", "ics"])
    assert result.exit_code == 0 and "note: TZ 'CET-1CEST,M3.5.0,M10.5.0/3' names no IANA time zone" in result.stderr
    assert "give athlete.timezone" in result.stderr
    monkeypatch.setenv("TZ", "Europe/Madrid")
    named = CliRunner().invoke(app, ["plan", str(EXAMPLE), "-f", "ics"])
    assert named.exit_code == 0 and "note:" not in named.stderr and "TZID=Europe/Madrid" in named.stdout


def test_a_session_ending_at_midnight_ends_on_the_next_day():
    plan = plan_of(run("easy", "sun", "23:00", "24:00"))
    (event,) = events(ics.render(plan, week_of=date(2026, 6, 1), timezone="UTC"))
    assert event["DTEND"].dt == datetime(2026, 6, 8, 0, 0, tzinfo=ZoneInfo("UTC"))


def test_uids_are_stable_and_survive_a_session_moving_day():
    week = date(2026, 3, 23)
    first = plan_of(run("tempo", "tue", "18:00", "19:00", index=0), lift("full_body", "tue", "19:00", "19:40"),
                    run("easy", "thu", "07:00", "07:45", index=1))
    moved = plan_of(run("tempo", "wed", "18:00", "19:00", index=0), lift("full_body", "thu", "19:00", "19:40"),
                    run("easy", "fri", "07:00", "07:45", index=1))
    uids = [str(e["UID"]) for e in events(ics.render(first, week_of=week))]
    again = [str(e["UID"]) for e in events(ics.render(first, week_of=week + timedelta(days=3),
                                                        stamp=STAMP + timedelta(days=9)))]
    assert len(set(uids)) == 3
    assert again == uids  # any day of the same week, another export time: same events
    assert [str(e["UID"]) for e in events(ics.render(moved, week_of=week))] == uids  # re-planned: updated in place
    other_week = [str(e["UID"]) for e in events(ics.render(first, week_of=week + timedelta(days=7)))]
    assert not set(other_week) & set(uids)
    other_athlete = first.model_copy(update={"athlete": "Someone Else"})
    assert not set(str(e["UID"]) for e in events(ics.render(other_athlete, week_of=week))) & set(uids)


def test_a_lift_dropped_by_a_replan_leaves_the_other_kinds_events_as_they_were():
    """Named by rank in the week, Thursday's upper body lift took Tuesday's full body lift's UID once
    Tuesday's was dropped: re-importing turned Tuesday's event into Thursday's and left a double."""
    week = date(2026, 3, 23)
    both = plan_of(lift("full_body", "tue", "19:00", "19:40"), lift("upper_core", "thu", "19:00", "19:30"))
    thursday = plan_of(lift("upper_core", "thu", "19:00", "19:30"))
    uids = [str(e["UID"]) for e in events(ics.render(both, week_of=week))]
    assert [str(e["UID"]) for e in events(ics.render(thursday, week_of=week))] == uids[1:]


def imported(*exports: str) -> dict[str, tuple[str, datetime]]:
    """What a calendar app holds after importing ``exports`` in turn, as Google Calendar applies
    them: an event whose UID it holds replaces it only with a higher SEQUENCE, and a cancelled
    one takes it out. UID -> (summary, start)."""
    held: dict[str, tuple[int, icalendar.Event]] = {}
    for text in exports:
        for e in events(text):
            uid, seq = str(e["UID"]), int(e.get("SEQUENCE", 0))
            if uid not in held or seq > held[uid][0]:
                held[uid] = (seq, e)
    return {uid: (str(e["SUMMARY"]), e["DTSTART"].dt) for uid, (_, e) in held.items()
            if str(e.get("STATUS", "")) != "CANCELLED"}


def test_a_later_export_is_a_newer_revision_so_a_reimport_moves_the_events():
    """With no SEQUENCE (0 every time) an app that already holds an event ignores it re-imported,
    so a re-planned week stayed at its old times."""
    week = date(2026, 3, 23)
    first = plan_of(run("tempo", "tue", "18:00", "19:00", index=0), lift("full_body", "tue", "19:00", "19:40"))
    moved = plan_of(run("tempo", "wed", "18:00", "19:00", index=0), lift("full_body", "thu", "19:00", "19:40"))
    old, new = ics.render(first, week_of=week, stamp=STAMP), ics.render(moved, week_of=week, stamp=STAMP + timedelta(hours=1))
    for text, stamp in ((old, STAMP), (new, STAMP + timedelta(hours=1))):
        assert {e["LAST-MODIFIED"].dt for e in events(text)} == {stamp}
    assert min(int(e["SEQUENCE"]) for e in events(new)) > max(int(e["SEQUENCE"]) for e in events(old))
    assert ics.sequence(datetime(2150, 1, 1, tzinfo=ZoneInfo("UTC"))) == 2**31 - 1  # iCalendar's INTEGER
    assert ics.sequence(datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))) == 0
    assert sorted(start for _, start in imported(old, new).values()) == [
        datetime(2026, 3, 25, 18, 0, tzinfo=ZoneInfo("UTC")), datetime(2026, 3, 26, 19, 0, tzinfo=ZoneInfo("UTC"))]


def test_a_replan_cancels_what_it_dropped_so_the_calendar_holds_the_new_week():
    """Re-importing never deletes: a dropped session stayed in the athlete's calendar, and dropping
    the first of two lifts of a kind left the second twice (its event, and the first's moved onto it)."""
    week, later = date(2026, 3, 23), STAMP + timedelta(hours=1)
    before = plan_of(run("tempo", "tue", "18:00", "19:00", index=0), lift("full_body", "tue", "19:00", "19:40"),
                     run("long", "sat", "08:00", "10:00", index=1), lift("full_body", "thu", "19:00", "19:40"))
    after = plan_of(run("tempo", "tue", "18:00", "19:00", index=0), lift("full_body", "thu", "19:00", "19:40"))
    old = ics.render(before, week_of=week, stamp=STAMP)
    new = ics.render(after, week_of=week, stamp=later, before=before)
    cancelled = [e for e in events(new) if e.get("STATUS") == "CANCELLED"]
    assert sorted(str(e["SUMMARY"]) for e in cancelled) == ["Cancelled: Long run (120 min) - key",
                                                            "Cancelled: Strength: Full body (40 min, moderate legs)"]
    held = imported(old, new)
    assert sorted(held.values(), key=lambda v: v[1]) == [
        ("Tempo run (60 min) - key", datetime(2026, 3, 24, 18, 0, tzinfo=ZoneInfo("UTC"))),
        ("Strength: Full body (40 min, moderate legs)", datetime(2026, 3, 26, 19, 0, tzinfo=ZoneInfo("UTC")))]
    # a replan with no week writes no events, and cancels nothing the athlete still has
    none = ics.render(Plan(athlete=after.athlete, status="infeasible"), week_of=week, stamp=later, before=before)
    assert events(none) == [] and imported(old, none) == imported(old)


def test_cli_replan_calendar_takes_out_a_run_no_day_left_can_hold(tmp_path):
    """Friday's hour cannot hold the 130-minute long run once Saturday and Sunday are gone."""
    week, new = tmp_path / "week.json", tmp_path / "new.json"
    runner, dated = CliRunner(), ["-f", "ics", "--week-of", "2026-03-23"]
    replan = ["replan", str(EXAMPLE), "--plan", str(week), "--today", "fri", "--unavailable", "sat", "--unavailable", "sun"]
    assert runner.invoke(app, ["plan", str(EXAMPLE), "-f", "json", "-o", str(week)]).exit_code == 0
    assert runner.invoke(app, [*replan, "-f", "json", "-o", str(new)]).exit_code == 0
    texts = []
    for args, epoch in ((["plan", str(EXAMPLE), *dated], "1790000000"), ([*replan, *dated], "1790003600")):
        result = runner.invoke(app, args, env={"SOURCE_DATE_EPOCH": epoch, "TZ": "UTC"})
        assert result.exit_code == 0, result.output
        texts.append(result.stdout)
    replanned = Plan.model_validate_json(new.read_text(encoding="utf-8"))
    assert any(c.startswith("dropped Long run") for c in replanned.changes)
    assert "Cancelled: Long run (130 min) - key" in [str(e["SUMMARY"]) for e in events(texts[1])
                                                    if e.get("STATUS") == "CANCELLED"]
    assert sorted(start.strftime("%a %H:%M") for _, start in imported(*texts).values()) == sorted(
        f"{s.day.title()} {s.start}" for s in replanned.sessions)


def test_two_athletes_of_one_name_get_their_own_uids_when_told_apart():
    week, plan = date(2026, 3, 23), plan_of(run("tempo", "tue", "18:00", "19:00", index=0))
    one, two = ({str(e["UID"]) for e in events(ics.render(plan, week_of=week, owner=o))} for o in ("sam", "sam-2"))
    assert one and two and not one & two


def test_the_export_time_is_source_date_epoch_when_set_so_exports_repeat(example, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    first = ics.render(example, week_of=date(2026, 3, 23), timezone="Europe/Madrid")
    assert ics.render(example, week_of=date(2026, 3, 23), timezone="Europe/Madrid") == first
    assert {e["DTSTAMP"].dt for e in events(first)} == {datetime.fromtimestamp(1790000000, ZoneInfo("UTC"))}
    for junk in ("", "soon", "-5", "1.5", "²", "٣", "99999999999999999999"):  # not whole seconds, or past 9999: now
        monkeypatch.setenv("SOURCE_DATE_EPOCH", junk)
        before = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
        stamps = {e["DTSTAMP"].dt for e in events(ics.render(example, week_of=date(2026, 3, 23)))}
        assert len(stamps) == 1 and before <= stamps.pop() <= datetime.now(ZoneInfo("UTC"))


NASTY_NAME = 'Zoë "Z" Ünal, jr.; <script>alert(1)</script>\nEND:VCALENDAR 走る'
NASTY_RUN = "Tempo, hills; repeat\nEND:VEVENT\nBEGIN:VEVENT <b>x</b>"
NASTY_PLACE = "gym, 2nd floor; 東"


def nasty_plan() -> Plan:
    scenario = parse_scenario({"athlete": {
        "name": NASTY_NAME,
        "locations": {NASTY_PLACE: ["dumbbells", "mat"]},
        "availability": {"tue": [f"18:00-20:00 {NASTY_PLACE}"], "thu": [f"07:00-08:00 {NASTY_PLACE}"]},
        "runs": [{"kind": "tempo", "minutes": 45, "day": "tue", "name": NASTY_RUN}],
        "strength": {"sessions": 1},
    }})
    plan = plan_week(scenario)
    assert plan.status == "optimal", plan.problems
    return plan


def test_scenario_text_is_escaped_and_comes_back_unchanged():
    plan = nasty_plan()
    text = ics.render(plan, week_of=date(2026, 3, 23), timezone="Asia/Tokyo")
    got = events(text)
    assert len(got) == len(plan.sessions) == 2  # the run name's END/BEGIN lines made no events
    by_type = {s.type: e for s, e in zip(plan.sessions, got)}
    assert str(by_type["run"]["SUMMARY"]) == f"{NASTY_RUN} (45 min) - key"
    for event in got:
        assert str(event["LOCATION"]) == NASTY_PLACE
        assert str(event["DESCRIPTION"]).endswith(f"Planned by stridelift for {NASTY_NAME}")
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    # NAME / X-WR-CALNAME: some icalendar versions parse these back as text and some keep
    # them as written, so read the unfolded lines: RFC 5545 text escaping puts a backslash
    # before , and ; and writes a newline as \n.
    unfolded = text.replace("\r\n ", "").split("\r\n")
    escaped = 'Zoë "Z" Ünal\\, jr.\\; <script>alert(1)</script>\\nEND:VCALENDAR 走る: training'
    assert f"NAME:{escaped}" in unfolded and f"X-WR-CALNAME:{escaped}" in unfolded
    assert lines.count("END:VCALENDAR") == 1 and lines[-2:] == ["END:VCALENDAR", ""]


def test_many_weeks_in_one_calendar_for_a_season():
    plan = plan_of(run("long", "sat", "08:00", "10:00"), lift("prehab", "mon", "18:00", "18:20"))
    weeks = [(date(2026, 1, 5) + timedelta(weeks=i), plan) for i in range(4)]
    infeasible = Plan(athlete="Test Runner", status="infeasible", problems=["no week"])
    got = events(ics.render_weeks(weeks + [(date(2026, 2, 2), infeasible)], "Europe/London"))
    assert len(got) == 8 and len({str(e["UID"]) for e in got}) == 8
    long_runs = sorted(e["DTSTART"].dt for e in got if "Long run" in str(e["SUMMARY"]))
    assert [d.date() for d in long_runs] == [date(2026, 1, 10) + timedelta(weeks=i) for i in range(4)]


def test_time_zone_names_are_checked():
    with pytest.raises(ValueError, match="'Mars/Olympus' is not an IANA time zone"):
        ics.zone("Mars/Olympus")


def test_system_time_zone_prefers_tz(monkeypatch):
    monkeypatch.setenv("TZ", "America/Argentina/Buenos_Aires")
    assert clock.system_timezone() == "America/Argentina/Buenos_Aires"
    monkeypatch.setenv("TZ", ":Pacific/Auckland")  # the POSIX form with a colon
    assert clock.system_timezone() == "Pacific/Auckland"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert ZoneInfo(clock.system_timezone())  # falls through to the machine's zone, or UTC


def test_cli_writes_a_calendar_for_the_week_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Madrid")  # the default zone comes from the system
    out = tmp_path / "week.ics"
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "-f", "ics", "--week-of", "2026-03-27", "-o", str(out)])
    assert result.exit_code == 0, result.output
    got = events(out.read_text(encoding="utf-8"))
    assert got and all(date(2026, 3, 23) <= e["DTSTART"].dt.date() <= date(2026, 3, 29) for e in got)
    assert all(e["DTSTART"].dt.tzinfo == MADRID for e in got)


def test_cli_writes_a_season_as_one_calendar_on_its_dates(tmp_path, monkeypatch):
    """Every session of every week, on that week's dates, in the athlete's zone (the system's here)."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    out, data = tmp_path / "season.ics", tmp_path / "season.json"
    common = [str(ROOT / "scenarios" / "10k_build.yaml"), "--race-date", "2027-03-14", "--start", "2027-02-15"]
    assert CliRunner().invoke(app, ["season", *common, "-f", "ics", "-o", str(out)]).exit_code == 0
    assert CliRunner().invoke(app, ["season", *common, "-f", "json", "-o", str(data)]).exit_code == 0
    import json

    weeks = json.loads(data.read_text())["weeks"]
    want = sorted((date.fromisoformat(w["week_of"]) + timedelta(days=clock.DAYS.index(s["day"])), s["start"])
                  for w in weeks for s in w["plan"]["sessions"])
    got = events(out.read_text(encoding="utf-8"))
    assert sorted((e["DTSTART"].dt.date(), e["DTSTART"].dt.strftime("%H:%M")) for e in got) == want
    assert all(e["DTSTART"].dt.tzinfo == MADRID for e in got)


def test_a_season_as_html_is_refused_with_the_formats_it_has():
    result = CliRunner().invoke(app, ["season", str(ROOT / "scenarios" / "10k_build.yaml"), "--race-date", "2027-03-14",
                                      "-f", "html"])
    assert result.exit_code == 2 and "a season is written as table, json, markdown, ics" in result.stderr
