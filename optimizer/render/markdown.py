"""Markdown: a table that pastes cleanly into a chat or a club newsletter."""

from __future__ import annotations

from ..clock import DAYS
from ..plan import Plan
from .common import SHOWN, STATUS_WORDS, coverage_rows, day_name, dose_words, score_rows, what


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(plan: Plan) -> str:
    lines = [f"## {_cell(plan.athlete)}: training week", "", f"Status: {STATUS_WORDS[plan.status]}", ""]
    if plan.status in SHOWN:
        lines += ["| Day | Time | Session | Where |", "|---|---|---|---|"]
        for d in DAYS:
            sessions = [s for s in plan.sessions if s.day == d]
            if not sessions:
                lines.append(f"| {day_name(d)} | | Rest day | |")
            for s in sessions:
                content = "<br>".join([_cell(what(s))] + [_cell(dose_words(x)) for x in s.exercises])
                lines.append(f"| {day_name(d)} | {s.start}-{s.end} | {content} | {_cell(s.location)} |")
        lines += ["", f"Soft goals (total penalty {plan.total_penalty}):", "",
                  "| Goal | Weight | Penalty | Why |", "|---|---|---|---|"]
        for goal, weight, penalty, _, notes in score_rows(plan):
            lines.append(f"| {goal} | {weight} | {penalty} | {_cell(notes)} |")
        if plan.coverage:
            lines += ["", "Weekly coverage:", "", "| Target | Done | Goal |", "|---|---|---|"]
            lines += [f"| {key} | {done} | {target} |" for key, done, target, _ in coverage_rows(plan)]
    lines += [""] + [_cell(p) for p in plan.problems] if plan.problems else []
    return "\n".join(lines) + "\n"
