"""The terminal table: what the week holds, said as written. Rich reads square brackets as
markup, so "[superset 1]" and a name like "Ana [club A]" vanished from the table."""

from __future__ import annotations

from datetime import date

import pytest

from optimizer.render import FORMATS, html, ics, json_out, markdown, render, table

from conftest import exercise_dose, make_athlete, plan_of, run, workout


def test_supersets_and_bracketed_names_show_as_written():
    athlete = make_athlete()
    lifting = workout("full_body", "thu", "18:00", ["goblet_squat", "push_up", "inverted_row"], athlete, location="gym")
    lifting.exercises = [exercise_dose("goblet_squat", athlete, "gym", superset=1),
                         exercise_dose("push_up", athlete, "gym", superset=1), *lifting.exercises[2:]]
    lifting.label = "Club [bold]class[/bold]"
    easy = run("easy", "mon", "06:00", "06:45")
    easy.location = "park [north gate]"
    text = table.render(plan_of(easy, lifting, athlete="Ana [club A]"))
    assert text.splitlines()[0] == "Ana [club A]: optimal (proven best for the goals' weights)"
    assert "[superset 1]" in text and text.count("[superset 1]") == 2
    assert "Club [bold]class[/bold]" in text and "park [north gate]" in text


def test_render_gives_each_format_its_module_and_names_the_formats_for_an_unknown_one(monkeypatch):
    """``optimizer.render.render`` imports a format's module when asked for it; each name must
    reach its own module, and a name no module has must be told, not a ModuleNotFoundError."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the calendar's DTSTAMP, else the clock's second
    week = plan_of(run("easy", "mon", "06:00", "06:45"), athlete="Ana")
    monday = date(2026, 11, 23)
    for fmt, module in {"table": table, "json": json_out, "markdown": markdown}.items():
        assert render(week, fmt) == module.render(week)
    for fmt, module in {"ics": ics, "html": html}.items():
        assert render(week, fmt, week_of=monday, timezone="Europe/Madrid") == module.render(
            week, week_of=monday, timezone="Europe/Madrid")
    assert set(FORMATS) == {"table", "json", "markdown", "ics", "html"}
    with pytest.raises(ValueError, match="unknown format 'pdf'; use one of table, json, markdown, ics, html"):
        render(week, "pdf")
