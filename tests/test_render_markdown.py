"""Markdown for a chat or a newsletter: the table keeps its shape whatever the names
hold, markup in names stays literal, and each exercise is one readable line."""

from __future__ import annotations

import re

import pytest

from optimizer.plan import Plan
from optimizer.render import markdown

from conftest import make_athlete, plan_of, run, workout

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def week_rows(text: str) -> list[list[str]]:
    """Cells of the week table's body rows, split only on unescaped pipes."""
    lines = text.splitlines()
    start = lines.index("| Day | Time | Session | Where |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in UNESCAPED_PIPE.split(line)[1:-1]])
    return rows


@pytest.mark.parametrize("raw, shown", [
    ("a|b", "a\\|b"),
    ("line one\nline two\r\nthree", "line one line two three"),
    ("heavy_lower on tue", "heavy_lower on tue"),  # inside a word an underscore is never emphasis
    ("_lean_ *bold* `code` [link](x) ~~gone~~", "\\_lean\\_ \\*bold\\* \\`code\\` \\[link\\](x) \\~\\~gone\\~\\~"),
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("# Club", "\\# Club"),
    ("- not a list", "\\- not a list"),
    ("Tom &amp; Jerry & co", "Tom \\&amp; Jerry & co"),
    ("back\\slash", "back\\\\slash"),
    ("Zoë 走る", "Zoë 走る"),
])
def test_text_is_made_literal(raw, shown):
    assert markdown.text(raw) == shown


def test_names_with_pipes_and_newlines_keep_the_table_whole():
    athlete = make_athlete()
    lifting = workout("full_body", "thu", "18:00", ["goblet_squat", "push_up", "inverted_row"], athlete,
                      location="gym")
    lifting.location = "gym | 2nd floor\nroom B"
    easy = run("easy", "mon", "06:00", "06:45")
    easy.label = "Easy | with\nthe *club*"
    plan = plan_of(easy, lifting, athlete="Ana | Ruiz\n<script>x</script>")
    text = markdown.render(plan)
    rows = week_rows(text)
    assert len(rows) == 2 + 5  # two sessions and five rest days, one row each
    assert all(len(r) == 4 for r in rows)
    assert rows[0] == ["Monday", "06:00-06:45", "Easy \\| with the \\*club\\* (45 min)", "home"]
    assert rows[3][3] == "gym \\| 2nd floor room B"
    assert text.splitlines()[0] == "## Ana \\| Ruiz \\<script\\>x\\</script\\>: training week"
    assert not re.search(r"(?<!\\)<", text), "every < is escaped: no raw HTML"


def test_each_exercise_is_one_line_under_its_session():
    athlete = make_athlete()
    lifting = workout("heavy_lower", "tue", "18:00", ["romanian_deadlift", "bulgarian_split_squat"], athlete)
    text = markdown.render(plan_of(lifting))
    lines = text.splitlines()
    head = lines.index(f"**Tuesday {lifting.start}-{lifting.end}: Heavy lower body** "
                       f"({lifting.minutes} min at gym, heavy legs)")
    items = lines[head + 2: head + 2 + len(lifting.exercises)]
    for line, x in zip(items, lifting.exercises, strict=True):
        dose = f"{x.sets} x {x.reps}" + (" each side" if x.per_side else "")
        kit = ", ".join(k for k in x.equipment if k != "bodyweight") or "bodyweight"
        assert line == f"- **{x.name}**: {dose}, {kit} ({x.load})"
    assert lines[head + 2 + len(lifting.exercises)] == ""
    assert "<br>" not in text


def test_problems_are_a_list():
    plan = Plan(athlete="Tom", status="checked", problems=["Breaks 1 hard rule(s):", "- R-GAP48: heavy legs *Tue*"])
    lines = markdown.render(plan).splitlines()
    assert lines[-2:] == ["- Breaks 1 hard rule(s):", "- R-GAP48: heavy legs \\*Tue\\*"]
