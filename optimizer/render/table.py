"""Terminal table (rich): the week day by day, then the score per soft goal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..clock import DAYS
from ..plan import Plan
from .common import SHOWN, STATUS_WORDS, coverage_rows, day_name, dose_words, score_rows, what


def render(plan: Plan) -> str:
    console = Console(file=io.StringIO(), record=True, width=110, color_system=None)
    console.print(f"[bold]{escape(plan.athlete)}[/bold]: {STATUS_WORDS[plan.status]}")
    if plan.status in SHOWN:
        week = Table(show_lines=False)
        for col in ("Day", "Time", "Session", "Where"):
            week.add_column(col)
        for d in DAYS:
            sessions = [s for s in plan.sessions if s.day == d]
            if not sessions:
                week.add_row(day_name(d), "", "Rest day", "")
            for i, s in enumerate(sessions):
                content = "\n".join([what(s)] + [f"  {dose_words(x)}" for x in s.exercises])
                week.add_row(day_name(d) if i == 0 else "", f"{s.start}-{s.end}", escape(content), escape(s.location))
        console.print(week)
        if plan.coverage:
            cover = Table(title="Weekly coverage (S-COVER)")
            for col in ("Target", "Done", "Goal", ""):
                cover.add_column(col)
            for key, done, target, verdict in coverage_rows(plan):
                cover.add_row(escape(key), str(done), str(target), verdict)
            console.print(cover)
        score = Table(title=f"Soft goals (total penalty {plan.total_penalty})")
        for col in ("Goal", "Weight", "Penalty", "Weighted", "Why"):
            score.add_column(col)
        for goal, weight, penalty, weighted, notes in score_rows(plan):
            score.add_row(goal, str(weight), str(penalty), str(weighted), escape(notes))
        console.print(score)
    if plan.changes:
        console.print("What changed:", markup=False)
        for line in plan.changes:
            console.print(f"- {line}", markup=False)
    for line in plan.problems:
        console.print(line, markup=False)
    return console.export_text()
