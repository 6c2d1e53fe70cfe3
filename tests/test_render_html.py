"""HTML report, read as HTML: every session in the grid with its data, scenario text
escaped, nothing loaded from anywhere, the grid and chart geometry as reasoned.
(What a browser makes of it is tests/test_render_browser.py.)"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer import load_scenario, plan_week
from optimizer.cli import app
from optimizer.plan import Coverage, GoalScore, Plan
from optimizer.render import html

from conftest import lift, plan_of, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "marathon_base.yaml"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def with_attr(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a]


@pytest.fixture(scope="module")
def example() -> Plan:
    plan = plan_week(load_scenario(EXAMPLE))
    assert plan.status == "optimal"
    return plan


def test_every_session_is_in_the_grid_with_its_day_and_times(example):
    page = Elements(html.render(example, week_of=date(2026, 3, 23)))
    cells = page.with_attr("data-session")
    assert sorted((c["data-day"], c["data-start"], c["data-end"], c["data-kind"]) for c in cells) == \
        sorted((s.day, s.start, s.end, s.kind) for s in example.sessions)
    sorts = {c["data-kind"]: c["data-sort"] for c in cells}
    assert sorts["long"] == "key-run" and sorts["easy"] == "easy-run" and sorts["heavy_lower"] == "heavy"
    text = " ".join(page.text)
    for s in example.lifts():
        for x in s.exercises:
            assert x.name in text
    assert "Monday" in text and "23 Mar" in text  # the column heads carry the week's dates


def test_nothing_is_loaded_from_anywhere(example):
    page = html.render(example)
    tags = Elements(page).tags
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _, a in tags if any(v.startswith(("http:", "https:", "//")) for k, v in a.items() if k in ("src", "href"))]
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_scenario_text_is_shown_as_text():
    name = '<script>alert(1)</script> & "Ana" <img src=x onerror=alert(2)>'
    plan = plan_of(run("easy", "mon", "06:00", "06:45"), athlete=name)
    plan.sessions[0].label = "</article><script>alert(3)</script>"
    plan.sessions[0].location = "gym' onmouseover='alert(4)"
    page = html.render(plan)
    parsed = Elements(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "img")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Ana&#34;" in page
    assert name in "".join(parsed.text)  # decoded, the text is exactly the name
    assert not [a for _, a in parsed.tags if "onmouseover" in a or "onerror" in a]
    (cell,) = parsed.with_attr("data-session")
    assert cell["title"].endswith("at gym' onmouseover='alert(4)")


def test_empty_hours_fold_and_sessions_sit_at_their_times():
    plan = plan_of(run("easy", "mon", "06:00", "06:45"), lift("prehab", "tue", "18:30", "18:50"))
    bands = html.bands(plan.sessions)
    # 06:00-07:00 to scale, 07:00-18:00 folded, 18:00-19:00 to scale
    assert [(b.first // 60, b.last // 60, b.fold) for b in bands] == [(6, 7, False), (7, 18, True), (18, 19, False)]
    px = html.PX_PER_MINUTE
    assert html.y_of(6 * 60, bands) == 0
    assert html.y_of(18 * 60 + 30, bands) == pytest.approx(60 * px + html.GAP_PX + 30 * px)
    cells = Elements(html.render(plan)).with_attr("data-session")
    assert cells[1]["style"] == f"top: {round(60 * px + html.GAP_PX + 30 * px, 1)}px; height: {round(20 * px, 1)}px"


def test_coverage_bars_are_drawn_to_scale_against_the_target():
    plan = plan_of(lift("prehab", "tue", "18:30", "18:50"))
    plan.coverage = {"glutes": Coverage(done=1, target=2), "core": Coverage(done=2, target=1)}
    chart = html.coverage_chart(plan)
    unit = chart["bar_w"] / 2  # the longest of done and target is 2
    glutes, core = chart["rows"]
    assert (glutes["bar"], glutes["mark"], glutes["met"]) == (unit, chart["label_w"] + 2 * unit, False)
    assert (core["bar"], core["mark"], core["met"]) == (2 * unit, chart["label_w"] + unit, True)
    page = html.render(plan)
    assert page.count('class="bar short"') == 1 and page.count('class="bar met"') == 1


def test_a_shortfall_out_of_the_weeks_reach_says_why_in_every_format():
    """Beside the bar (a tooltip), in the table and markdown rows; only when the week did all it could."""
    from optimizer.render import render

    plan = plan_of(lift("prehab", "tue", "18:30", "18:50"))
    plan.coverage = {"glutes": Coverage(done=1, target=2, reachable=1, why="the week allows 1 strength session"),
                     "quads": Coverage(done=0, target=2, reachable=1, why="the week allows 1 strength session")}
    assert "<title>glutes: short 1, the week allows 1 strength session</title>" in html.render(plan)
    assert "<title>quads" not in html.render(plan)  # one session could have trained quads
    for fmt in ("table", "markdown"):
        text = render(plan, fmt)
        assert "short 1: the week allows 1 strength session" in text and "short 2:" not in text, fmt


def test_score_breakdown_shows_notes_and_why():
    plan = plan_of(lift("prehab", "tue", "18:30", "18:50"))
    plan.score = {"S-PREF": GoalScore(weight=2, penalty=1, notes=["prehab on tue at home, not gym (+1)"],
                                      why=["no week does better: it would break R-FREQ"])}
    page = html.render(plan)
    row = next(a for a in Elements(page).with_attr("data-goal"))
    assert row["data-goal"] == "S-PREF"
    assert "prehab on tue at home, not gym (+1)" in page and "Why: no week does better: it would break R-FREQ" in page


def test_a_week_with_no_plan_says_why():
    plan = Plan(athlete="Tom", status="infeasible", problems=["heavy legs must end 48 h before the long run"])
    page = Elements(html.render(plan))
    assert not page.with_attr("data-session")
    assert "heavy legs must end 48 h before the long run" in " ".join(page.text)


def test_club_overview_links_members_and_escapes_names():
    ok = plan_of(run("easy", "mon", "06:00", "06:45"), athlete="Ana")
    ok.score = {"S-COVER": GoalScore(weight=4, penalty=2, notes=["calves: 1 of 2 sessions (+1)"])}
    none = Plan(athlete="Tom", status="infeasible", problems=["no window for the long run"])
    page = html.club_overview("<b>Riverside</b>", [
        ("Ana", "ana.html", ok),
        ("Tom & <i>Jerry</i>", "tom jerry#1.html", none),
        ("javascript:alert(1)", "javascript:alert(1).html", ok),
        ("Bad Data", None, "members[3].name: field required"),
    ])
    parsed = Elements(page)
    assert [a["href"] for t, a in parsed.tags if t == "a"] == \
        ["./ana.html", "./tom%20jerry%231.html", "./javascript%3Aalert%281%29.html"]
    rows = parsed.with_attr("data-member")
    assert [r["data-ok"] for r in rows] == ["yes", "no", "yes", "no"]
    text = " ".join(parsed.text)
    assert "<b>Riverside</b>" in text and "Tom & <i>Jerry</i>" in text
    assert "calves: 1 of 2 sessions (+1)" in text and "no window for the long run" in text
    assert "members[3].name: field required" in text
    assert not [t for t, _ in parsed.tags if t in ("b", "i", "script")]


def test_cli_writes_the_page(tmp_path):
    out = tmp_path / "week.html"
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "-f", "html", "--week-of", "2026-03-25", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Elements(out.read_text(encoding="utf-8"))
    assert page.with_attr("data-session") and "23 Mar" in " ".join(page.text)
