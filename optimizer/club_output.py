"""A planned club on disk: one JSON and one markdown file per member, summary.csv, history.yaml.

Member names come from club files anyone may write, so a file name is built
from the name, never taken from it: only letters, digits, ``_`` and ``-``
survive, so ``../../etc/x`` becomes ``etc-x`` and every file stays inside the
output directory; names are folded to lower case (case-insensitive file
systems) and made unique with ``-2``, ``-3``. Every file is written atomically
(a temporary file beside it, then a rename), so an interrupted run leaves
whole files or none.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import yaml

from .club import ClubPlan, MemberResult
from .render import render

STEM_CHARS = 40  # at most 160 bytes of UTF-8, well under any file system's 255
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
            "summary", "history"}
SUMMARY_FIELDS = ("member", "file", "status", "sessions", "strength_sessions", "total_penalty", "missed_goals",
                  "class_places", "no_place", "problems")


def safe_stems(names: Sequence[str]) -> list[str]:
    """A distinct, safe file stem for each name (same order)."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        text = unicodedata.normalize("NFKC", name).casefold()
        stem = re.sub(r"[^\w-]+", "-", text).strip("-_")[:STEM_CHARS].strip("-_") or "member"
        if stem in RESERVED:
            stem = f"member-{stem}"
        unique, n = stem, 1
        while unique in taken:
            n += 1
            unique = f"{stem}-{n}"
        taken.add(unique)
        out.append(unique)
    return out


def member_markdown(result: MemberResult) -> str:
    """The week (optimizer.render's markdown), then the member's club sessions."""
    if result.plan is not None:
        text = render(result.plan, "markdown")
    else:
        text = f"## {result.name}: training week\n\nStatus: not planned: the member's data is invalid\n\n"
        text += "\n".join(f"- {p}" for p in result.problems) + "\n"
    lines = []
    lines += [f"- {sid}: joined" for sid in result.group_runs]
    lines += [f"- {sid}: place" for sid in result.places]
    lines += [f"- {sid}: {why}" for sid, why in result.no_place.items()]
    if lines:
        text += "\nClub sessions:\n\n" + "\n".join(lines) + "\n"
    return text


def member_json(result: MemberResult) -> str:
    """The Plan as optimizer.render writes it; a member with invalid data gets the same top fields."""
    if result.plan is not None:
        return render(result.plan, "json")
    return json.dumps({"athlete": result.name, "status": "invalid", "problems": result.problems}, indent=2) + "\n"


def summary_rows(club_plan: ClubPlan) -> list[dict[str, str]]:
    stems = safe_stems([m.name for m in club_plan.members])
    rows = []
    for result, stem in zip(club_plan.members, stems):
        plan = result.plan if result.planned else None
        rows.append({
            "member": result.name,
            "file": f"{stem}.json",
            "status": result.status,
            "sessions": str(len(plan.sessions)) if plan else "",
            "strength_sessions": str(len(plan.lifts())) if plan else "",
            "total_penalty": str(plan.total_penalty) if plan else "",
            "missed_goals": " ".join(g for g, s in plan.score.items() if s.penalty) if plan else "",
            "class_places": " ".join(result.places),
            "no_place": " ".join(result.no_place),
            "problems": " | ".join(result.problems),
        })
    return rows


def summary_csv(club_plan: ClubPlan) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(summary_rows(club_plan))
    return buffer.getvalue()


def write_club(club_plan: ClubPlan, directory: Path) -> list[Path]:
    """Write every member's files, then summary.csv and history.yaml; return the paths written."""
    from .cli import write_atomic  # the CLI module registers the club commands at its end: import late

    directory = Path(directory)
    written = []
    for result, stem in zip(club_plan.members, safe_stems([m.name for m in club_plan.members])):
        for suffix, text in ((".json", member_json(result)), (".md", member_markdown(result))):
            path = directory / f"{stem}{suffix}"
            write_atomic(path, text)
            written.append(path)
    for name, text in (("summary.csv", summary_csv(club_plan)),
                       ("history.yaml", yaml.safe_dump(club_plan.history, allow_unicode=True, sort_keys=True))):
        write_atomic(directory / name, text)
        written.append(directory / name)
    return written
