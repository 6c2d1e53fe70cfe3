"""The terminal table: what the week holds, said as written. Rich reads square brackets as
markup, so "[superset 1]" and a name like "Ana [club A]" vanished from the table."""

from __future__ import annotations

from optimizer.render import table

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
