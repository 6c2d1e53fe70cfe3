"""Markdown that pastes cleanly into a chat or a club newsletter.

The week is a short table (one row per session, so it stays readable as plain
text too); each strength session's exercises follow as a list, one exercise a
line, because a table cell cannot hold a list anywhere but GitHub.

Every piece of text that comes from a scenario (names, run labels, locations,
exercise names) goes through ``text()`` or ``text()``: a ``|`` would end a table
cell, a newline would end the table, and ``*``, ``[``, ``<`` and friends would
turn a name into emphasis, a link or raw HTML in whatever renders the Markdown.
"""

from __future__ import annotations

import re

from ..clock import DAYS
from ..plan import ExerciseDose, Plan, Session
from .common import SHOWN, STATUS_WORDS, coverage_rows, day_name, score_rows, what

# CommonMark lets a backslash make any ASCII punctuation literal. Escaped here: what
# starts emphasis, code, links, HTML, strikethrough, table cells and block quotes; an
# underscore only where it could open or close emphasis (not inside a word, as in
# heavy_lower, so ids stay readable as plain text); '&' only where it would start an
# entity; and '#', '+', '-' at the very start, where they could begin a heading or list.
_SPECIAL = re.compile(r"[\\`*\[\]<>|~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|^[#+-]")


def text(value: str) -> str:
    """Scenario text made literal for Markdown, on one line."""
    one_line = " ".join(str(value).split())
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), one_line)


def exercise_line(x: ExerciseDose) -> str:
    """'- **Romanian deadlift**: 3 x 4-8, dumbbells (heavy: ...)'; supersets say so."""
    dose = f"{x.sets} x {x.seconds} s" if x.seconds is not None else f"{x.sets} x {x.reps}"
    if x.per_side:
        dose += " each side"
    kit = ", ".join(k for k in x.equipment if k != "bodyweight") or "bodyweight"
    line = f"- **{text(x.name)}**: {text(dose)}, {text(kit)}"
    if x.superset is not None:
        line += f" · superset {x.superset}"
    return line + (f" ({text(x.load)})" if x.load else "")


def workout(s: Session) -> list[str]:
    legs = "no leg load" if s.lower_load == "none" else f"{s.lower_load} legs"
    head = f"**{day_name(s.day)} {s.start}-{s.end}: {text(s.label)}** ({s.minutes} min at {text(s.location)}, {legs})"
    return [head, ""] + [exercise_line(x) for x in s.exercises] + [""]


def render(plan: Plan) -> str:
    lines = [f"## {text(plan.athlete)}: training week", "", f"Status: {STATUS_WORDS[plan.status]}", ""]
    if plan.changes:  # a replan: what moved and why comes first, as the runner's question is what changed
        lines += ["What changed:", ""] + [f"- {text(c)}" for c in plan.changes] + [""]
    if plan.status in SHOWN:
        lines += ["| Day | Time | Session | Where |", "|---|---|---|---|"]
        for d in DAYS:
            sessions = [s for s in plan.sessions if s.day == d]
            if not sessions:
                lines.append(f"| {day_name(d)} | | Rest day | |")
            for s in sessions:
                lines.append(f"| {day_name(d)} | {s.start}-{s.end} | {text(what(s))} | {text(s.location)} |")
        lifts = [s for s in plan.lifts() if s.exercises]
        if lifts:
            lines += ["", "### Strength sessions", ""]
            for s in lifts:
                lines += workout(s)
        else:
            lines.append("")
        lines += [f"Soft goals (total penalty {plan.total_penalty}):", "",
                  "| Goal | Weight | Penalty | Why |", "|---|---|---|---|"]
        for goal, weight, penalty, _, notes in score_rows(plan):
            lines.append(f"| {goal} | {weight} | {penalty} | {text(notes)} |")
        if plan.coverage:
            lines += ["", "Weekly coverage:", "", "| Target | Done | Goal | |", "|---|---|---|---|"]
            lines += [f"| {text(key)} | {done} | {target} | {text(verdict)} |"
                      for key, done, target, verdict in coverage_rows(plan)]
    if plan.problems:
        lines += [""] + [f"- {text(p.removeprefix('- '))}" for p in plan.problems]
    return "\n".join(lines) + "\n"
