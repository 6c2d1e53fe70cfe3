"""The HTML report in a real browser (headless Chromium): every session drawn in its
day's column where it can be seen, nothing logged as an error, a screenshot of
the page. Skipped when Chromium is not installed; CI installs it (.ci/run)."""

from __future__ import annotations

import os
import struct
from datetime import date
from pathlib import Path

import pytest

from optimizer import load_scenario, parse_scenario, plan_week
from optimizer.clock import parse_hhmm
from optimizer.plan import Plan
from optimizer.render import club_files, html
from optimizer.render.html_screenshot import Browser, chromium_path, inspect

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def test_ci_has_chromium():
    """Elsewhere the browser tests skip without Chromium; in CI (.ci/run installs it) they must run."""
    if os.environ.get("CI") == "true":
        assert chromium_path() is not None, "CI must install chromium (.ci/run) so the browser tests run"


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    out = {name: plan_week(load_scenario(SCENARIOS / f"{name}.yaml")) for name in ("marathon_base", "busy_parent")}
    assert all(p.status == "optimal" for p in out.values())
    return out


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])  # IHDR: width, height


def assert_every_session_visible(plan: Plan, shown: list[dict]) -> None:
    """One box per session, in the right column, with room for its time, not covered;
    within a day, later sessions lower down and longer sessions taller."""
    assert sorted((b["day"], b["start"], b["end"], b["kind"]) for b in shown) == \
        sorted((s.day, s.start, s.end, s.kind) for s in plan.sessions)
    for box in shown:
        assert box["shown"] and box["on_top"], box
        assert box["column"] == box["day"] and box["in_column"], box
        assert box["width"] > 60 and box["height"] >= 14, box
        assert box["text"].startswith(f"{box['start']}–{box['end']}"), box
    for day in {b["day"] for b in shown}:
        boxes = sorted((b for b in shown if b["day"] == day), key=lambda b: parse_hhmm(b["start"]))
        tops = [b["top"] for b in boxes]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
    length = {parse_hhmm(b["end"]) - parse_hhmm(b["start"]): b["height"] for b in shown}
    ordered = [length[k] for k in sorted(length)]
    assert ordered == sorted(ordered)


def test_example_week_shows_every_session(browser, plans, tmp_path):
    plan = plans["marathon_base"]
    page = tmp_path / "week.html"
    page.write_text(html.render(plan, week_of=date(2026, 3, 23)), encoding="utf-8")
    report = inspect(browser, page, screenshot=True)
    assert report.errors == []
    assert report.scripts == 0
    assert report.title == "Ana Ruiz: training week"
    assert_every_session_visible(plan, report.sessions)
    colours = {b["sort"]: b["background"] for b in report.sessions}
    assert len(set(colours.values())) == len(colours) >= 3  # key run, easy run, each leg load: its own colour
    for s in plan.lifts():
        for x in s.exercises:
            assert x.name in report.text
    for goal in plan.score:
        assert goal in report.text
    width, height = png_size(report.png)
    assert width == 1280 and height > 1200  # the whole page, not just the first screen


def test_another_week_with_early_and_late_sessions(browser, plans, tmp_path):
    plan = plans["busy_parent"]
    page = tmp_path / "week.html"
    page.write_text(html.render(plan), encoding="utf-8")
    report = inspect(browser, page)
    assert report.errors == []
    assert_every_session_visible(plan, report.sessions)


def test_names_with_markup_show_as_text(browser, tmp_path):
    name = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    scenario = parse_scenario({"athlete": {
        "name": name, "locations": {"home": ["mat"]},
        "availability": {"mon": ["06:00-08:00 home"], "wed": ["06:00-08:00 home"]},
        "runs": [{"kind": "easy", "minutes": 40, "name": "<b onclick=alert(3)>Easy</b>"}],
        "strength": {"sessions": 1},
    }})
    plan = plan_week(scenario)
    page = tmp_path / "week.html"
    page.write_text(html.render(plan), encoding="utf-8")
    report = inspect(browser, page)
    assert report.errors == []  # no dialog, no blocked image, no script
    assert report.scripts == 0
    assert report.title == f"{name}: training week"
    assert name in report.text and "<b onclick=alert(3)>Easy</b>" in report.text
    assert_every_session_visible(plan, report.sessions)


def test_the_browser_check_catches_script_errors_and_blocked_loads(browser, tmp_path):
    """The error check can fail: a page that throws, and one whose policy blocks a script."""
    throws = tmp_path / "throws.html"
    throws.write_text("<!doctype html><title>t</title><script>notDefined()</script>", encoding="utf-8")
    assert any("notDefined" in e for e in inspect(browser, throws).errors)
    blocked = tmp_path / "blocked.html"
    blocked.write_text(html.render(Plan(athlete="x", status="infeasible")).replace(
        "</body>", "<script>document.title = 'ran'</script></body>"), encoding="utf-8")
    report = inspect(browser, blocked)
    assert report.title != "ran" and any("Content Security Policy" in e for e in report.errors)


def test_club_pages_render_and_link_every_member(browser, plans, tmp_path):
    from optimizer.club import ClassSeat, ClubPlan, MemberResult

    ana, priya = plans["marathon_base"], plans["busy_parent"]
    tom = Plan(athlete="Tom <Tiger> Okafor", status="infeasible", problems=["the long run fits no window"])
    club = ClubPlan(club="Riverside <Runners>", members=[
        MemberResult(name=ana.athlete, origin="ana.yaml", status=ana.status, plan=ana,
                     classes={"strength": ClassSeat(outcome="place")}),
        MemberResult(name=priya.athlete, origin="priya.yaml", status=priya.status, plan=priya,
                     classes={"strength": ClassSeat(outcome="full", detail="Club strength was full (12 places)")}),
        MemberResult(name=tom.athlete, origin="tom.yaml", status="infeasible", plan=tom, problems=tom.problems),
        MemberResult(name="Broken", origin="broken.yaml", status="invalid", problems=["broken.yaml: athlete.name: required"]),
    ])
    files = club_files(club, ["ana", "priya", "tom", "broken"], week_of=date(2026, 3, 23), timezone="Europe/Madrid")
    assert sorted(files) == ["ana.html", "ana.ics", "index.html", "priya.html", "priya.ics", "tom.html"]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    index = inspect(browser, tmp_path / "index.html")
    assert index.errors == []
    assert index.title == "Riverside <Runners>: club week"
    for member in club.members:
        assert member.name in index.text
    assert "the long run fits no window" in index.text and "athlete.name: required" in index.text
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert [h.rsplit("/", 1)[1] for h in hrefs] == ["ana.html", "priya.html", "tom.html"]
    for stem, plan in (("ana", ana), ("priya", priya)):
        report = inspect(browser, tmp_path / f"{stem}.html")
        assert report.errors == []
        assert_every_session_visible(plan, report.sessions)
        assert "Riverside <Runners>" in report.text  # the link back to the club
    assert "strength: no place (class full): Club strength was full (12 places)" in \
        inspect(browser, tmp_path / "priya.html").text
    assert "strength: place" in inspect(browser, tmp_path / "ana.html").text


def test_a_browser_that_exits_before_its_first_message_is_a_browser_error(tmp_path, monkeypatch):
    """A Chromium that dies at once closes its end of the pipe before the first message is
    written: that is a failed start (retried, then a BrowserError), not a BrokenPipeError
    escaping from the write. Each start here waits for the process to end first, so the
    pipe is always closed when the write comes (as it was, by chance, under load in CI)."""
    import subprocess

    from optimizer.render import html_screenshot

    started = []

    class ExitedFirst(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self.wait())

    monkeypatch.setattr(html_screenshot.subprocess, "Popen", ExitedFirst)
    dies = tmp_path / "chromium"
    dies.write_text("#!/bin/sh\necho no display >&2\nexit 3\n")
    dies.chmod(0o755)
    with pytest.raises(html_screenshot.BrowserError, match=r"chromium exited \(code 3\): no display"):
        with Browser(binary=str(dies)):
            pass
    assert started == [3, 3]  # retried once in a new process


def test_a_failed_first_start_is_retried_and_a_silent_browser_is_given_up(tmp_path, monkeypatch):
    """CI once saw a fresh Chromium not answer at all: a start that fails gets one more
    try in a new process, and a browser that never answers ends in a BrowserError when
    the start deadline passes, not in a hang."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from optimizer.render import html_screenshot

    marker = tmp_path / "started"
    fails_once = tmp_path / "chromium"
    fails_once.write_text(f'#!/bin/sh\nif [ ! -e "{marker}" ]; then touch "{marker}"; exit 1; fi\n'
                          f'exec "{chromium_path()}" "$@"\n')
    fails_once.chmod(0o755)
    with Browser(binary=str(fails_once)) as b:
        assert b.evaluate("6 * 7") == 42
    assert marker.exists()

    monkeypatch.setattr(html_screenshot, "START_TIMEOUT", 1.0)
    silent = tmp_path / "silent"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    with pytest.raises(html_screenshot.BrowserError, match="did not answer in 1 s"):
        with Browser(binary=str(silent), timeout=1.0):
            pass
