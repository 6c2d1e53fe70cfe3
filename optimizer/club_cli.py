"""``stridelift club ...``: plan a whole club, and the output directory it writes.

Thin: load, call plan_club, write, print, exit. Exit codes: 0 every member has a
week; 1 some member has none (bad member data, no possible week, or none found
in time); 2 a bad club file.

The output directory holds one JSON (optimizer.render's) and one markdown file
per member, ``summary.csv`` and ``history.yaml`` (next week's fairness history:
point the club file's ``history`` at its contents). Member names come from
club files anyone may write, so a file name is built from the name, never taken
from it: only letters, digits, ``_`` and ``-`` survive (``../../etc/x`` becomes
``etc-x``, so every file stays inside the directory), names are folded to lower
case (case-insensitive file systems) and made unique with ``-2``, ``-3``. Every
file is written atomically (a temporary file beside it, then a rename): an
interrupted run leaves whole files or none. ``.stridelift-files`` lists what was
written, so a run into the same directory removes the files of members who left.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, NamedTuple, Optional

import typer
import yaml
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .club import ClubPlan, MemberResult, load_club, plan_club, synthetic_club_data
from .club_schema import MAX_CAPACITY, Club
from .executors import WorkersCannotStart, default_jobs, make_executor
from .options import input_path, output_path
from .render import render
from .render.markdown import text as literal
from .scenario import ScenarioError
from .solve import MAX_TIME_LIMIT, SEED_MAX, SEED_MIN


# ---- the output directory -------------------------------------------------------------

STEM_CHARS = 40  # at most 160 bytes of UTF-8, well under any file system's 255
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
            "summary", "history", "index"}  # index: the club overview page (optimizer.render.club_files)
SEAT_WORDS = {"place": "place", "full": "no place (class full)", "cannot": "no place (your week cannot hold it)",
              "invalid": "no place (invalid member data)"}
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
        text = f"## {literal(result.name)}: training week\n\nStatus: not planned: the member's data is invalid\n\n"
        text += "\n".join(f"- {literal(p)}" for p in result.problems) + "\n"
    lines = [f"- {literal(words)}" for words in result.joined_words()]
    lines += [f"- {literal(sid)}: {SEAT_WORDS[seat.outcome]}{': ' + literal(seat.detail) if seat.detail else ''}"
              for sid, seat in result.classes.items()]
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
            "no_place": " ".join(f"{sid}:{seat.outcome}" for sid, seat in result.classes.items()
                                 if seat.outcome != "place"),
            "problems": " | ".join(result.problems),
        })
    return rows


def summary_csv(club_plan: ClubPlan) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in summary_rows(club_plan))
    return buffer.getvalue()


def inert(cell: str) -> str:
    """A cell a spreadsheet will not run: one opening with ``= + - @`` (a member named
    ``=HYPERLINK(...)``) or a tab or carriage return is read as a formula by Excel and
    LibreOffice, so it gets a leading apostrophe, which they show as text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


MANIFEST = ".stridelift-files"  # the names the last run wrote in an output folder, one a line


class ClubFiles(NamedTuple):
    written: list[Path]  # in the order written
    removed: list[Path]  # an earlier run's files this run did not write again


def write_club(club_plan: ClubPlan, directory: Path, club: Club | None = None) -> ClubFiles:
    """Write every member's files (JSON, Markdown, an HTML page and, with a week, a calendar),
    the club's index.html, then summary.csv and history.yaml. With the ``club`` planned, each
    member's calendar is in their own time zone (else the system's) and on their own
    ``calendar.week_of`` (else this week), as ``stridelift plan`` writes it.

    A folder used again would keep last week's files of a member who has left, read as this
    week's; so the names written are kept in ``MANIFEST``, and an earlier run's files that
    this run does not write again are removed (a member who left; a page and calendar for a
    week there is no longer). Nothing else in the folder is touched. The
    manifest lists both runs' files until the stale ones are gone, so an interrupted run
    leaves none that the next run would not remove."""
    from .cli import write_atomic  # optimizer.cli imports this module at its end: import it late
    from .render import club_files

    directory = Path(directory)
    stems = safe_stems([m.name for m in club_plan.members])
    athletes = {stem: m.scenario.athlete for m, stem in zip(club.members if club else (), stems) if m.scenario is not None}
    zones = {stem: a.calendar_zone for stem, a in athletes.items()}
    weeks = {stem: a.calendar.week_of for stem, a in athletes.items() if a.calendar is not None}
    files = {f"{stem}{suffix}": text for result, stem in zip(club_plan.members, stems)
             for suffix, text in ((".json", member_json(result)), (".md", member_markdown(result)))}
    files |= club_files(club_plan, stems, week_of=weeks, timezone=zones or None)
    files["summary.csv"] = summary_csv(club_plan)
    files["history.yaml"] = yaml.safe_dump(club_plan.history, allow_unicode=True, sort_keys=True)
    earlier = _earlier_files(directory)
    stale = sorted(earlier - files.keys())
    if (directory / MANIFEST).is_symlink():  # not one this project wrote: replace the link, not what it points to
        (directory / MANIFEST).unlink()
    write_atomic(directory / MANIFEST, _manifest(earlier | files.keys()))
    for name, text in files.items():
        write_atomic(directory / name, text)
    removed = []
    for name in stale:
        path = directory / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
    write_atomic(directory / MANIFEST, _manifest(files.keys()))
    return ClubFiles([directory / name for name in files], removed)


def not_ours(directory: Path, club: Club) -> list[str]:
    """Files in ``directory`` that a run for ``club`` would write over but no earlier run wrote
    (no manifest lists them): a coach's own index.html, say. Said before planning, not lost."""
    if not directory.is_dir():
        return []
    names = may_write(safe_stems([m.name for m in club.members]))
    return sorted(name for name in names - _earlier_files(directory) if (directory / name).exists())


def may_write(stems: list[str]) -> set[str]:
    """Every name ``write_club`` may write for members of these file stems (a calendar only
    for a member with a week: counted for all, as planning has not said who yet)."""
    return {f"{stem}{suffix}" for stem in stems for suffix in (".json", ".md", ".html", ".ics")} | {
        "index.html", "summary.csv", "history.yaml"}


def _manifest(names) -> str:
    return "".join(f"{name}\n" for name in sorted(names))


def _earlier_files(directory: Path) -> set[str]:
    """The files an earlier run wrote here, from its manifest: plain names only, so a manifest
    someone edited cannot point outside the folder (or at the manifest itself), and none from a
    manifest that is a link (this project writes a plain file)."""
    if (directory / MANIFEST).is_symlink():
        return set()
    try:
        lines = (directory / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {name for name in lines if name and name == Path(name).name and not name.startswith(".")}


# ---- the commands ---------------------------------------------------------------------

club_app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                       rich_markup_mode="markdown",
                       help="Plan every member of a running club: group runs, class places, one file per member.")

TABLE_ROWS = 40  # a bigger club's summary table shows only the members without a week; all are in summary.csv


class ExecutorName(str, Enum):
    local = "local"
    ray = "ray"


def _fail(messages: list[str]) -> None:
    """Bad input: said as ``stridelift plan`` says it, exit 2."""
    from .cli import fail_input  # optimizer.cli imports this module at its end: import it late

    fail_input(ScenarioError(messages))


@club_app.command("plan")
def plan_command(
    club_file: Annotated[Path, typer.Argument(parser=input_path, help="club file (YAML, JSON or TOML)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, metavar="PATH", help="directory for the members' files")] = None,
    jobs: Annotated[Optional[int], typer.Option(min=1, help="parallel solves (local executor); default: the CPU count")] = None,
    executor: Annotated[ExecutorName, typer.Option(help="local process pool, or a Ray cluster")] = ExecutorName.local,
    address: Annotated[Optional[str], typer.Option(help="Ray address, e.g. auto (default: start Ray here)")] = None,
    time_limit: Annotated[float, typer.Option(min=0.01, max=MAX_TIME_LIMIT, help="seconds per member week; past it the best week found is kept, not proven")] = 10.0,
    seed: Annotated[int, typer.Option(min=SEED_MIN, max=SEED_MAX, help="CP-SAT random seed")] = 0,
) -> None:
    """Plan every member's week in CLUB_FILE, decide class places, write one file per member."""
    from .cli import output_problem  # optimizer.cli imports this module at its end: import it late

    if problem := output_problem(output, folder=True):
        _fail([problem])
    try:
        club = load_club(club_file)
    except ScenarioError as err:
        _fail(str(err).splitlines())
    inputs = [club_file, *(Path(f) for m in club.members for f in m.files or (m.origin,))]  # libraries too
    if problem := output_problem(output, folder=True, inputs=inputs):
        _fail([problem])
    if output is not None and (theirs := not_ours(output, club)):
        shown = ", ".join(theirs[:4]) + (", ..." if len(theirs) > 4 else "")
        _fail([f"-o: {output} holds files a club run would write over that no earlier run wrote ({shown}); "
               f"write to a folder of its own, or move them first"])
    stderr = Console(stderr=True)
    try:
        pool = make_executor(executor.value, jobs=jobs or default_jobs(), address=address)
    except RuntimeError as err:
        _fail([str(err)])
    # counted in weeks solved, not members: a member asking for classes is solved with and without
    # each, and a member whose file is invalid is not solved at all
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("weeks"),
               TimeElapsedColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=stderr) as progress:
            task = progress.add_task(escape(f"planning {club.name} ({len(club.members)} members)"), total=None)
            result = plan_club(club, executor=pool, time_limit=time_limit, seed=seed,
                               on_progress=lambda done, total: progress.update(task, completed=done, total=total))
    except WorkersCannotStart:  # the command's own script is guarded: something on the machine stops them
        _fail(["--jobs: the planner's worker processes die as they start on this machine; plan with --jobs 1"])
    finally:
        pool.close()
    if output is not None:
        removed = write_club(result, output, club).removed
        stderr.print(f"wrote {len(result.members)} members to {output}/ (summary.csv, history.yaml)", markup=False)
        if removed:
            names = ", ".join(p.name for p in removed[:6]) + (", ..." if len(removed) > 6 else "")
            stderr.print(f"removed {len(removed)} files an earlier run wrote there and this one did not (members who "
                         f"left, or whose week has no page or calendar now): {names}", markup=False)
    _print_summary(result)
    raise typer.Exit(0 if result.all_planned else 1)


def _print_summary(result: ClubPlan) -> None:
    """Every member in a table (a big club: only those without a week), then each class's places."""
    rows = summary_rows(result)
    everyone = len(rows) <= TABLE_ROWS
    table = Table(title=escape(f"{result.club}: {sum(m.planned for m in result.members)} of {len(rows)} members planned"))
    for column in ("Member", "Status", "Sessions", "Penalty", "Missed goals", "Class places", "Why not"):
        table.add_column(column, overflow="fold")
    shown = 0
    for row, member in zip(rows, result.members):
        if not everyone and member.planned:
            continue
        shown += 1
        lifts = row["strength_sessions"]
        sessions = f"{row['sessions']} ({lifts} lift{'' if lifts == '1' else 's'})" if row["sessions"] else ""
        why = [p.split(";")[0] for p in member.problems[:1]]
        why += [f"{sid}: {SEAT_WORDS[seat.outcome]}" for sid, seat in member.classes.items() if seat.outcome != "place"]
        table.add_row(*(escape(cell) for cell in (row["member"], row["status"], sessions, row["total_penalty"],
                                                  row["missed_goals"], row["class_places"], "; ".join(why))))
    if not everyone:
        table.caption = f"members without a week only ({shown}); every member is in summary.csv"
    console = Console()
    console.print(table)
    if not result.allocation_proven:
        console.print("class places: the best allocation found in the time allowed, not proven best")
    for report in result.classes:
        places = report.capacity if report.capacity is not None else "unlimited"
        console.print(f"{report.name}: {len(report.placed)} of {places} place{'' if places == 1 else 's'} taken, "
                      f"{len(report.full)} missed out "
                      f"(full), {len(report.cannot)} could not fit it"
                      + (f", {len(report.invalid)} with invalid data" if report.invalid else ""), markup=False)


@club_app.command("synthetic")
def synthetic_command(
    members: Annotated[int, typer.Argument(min=1, help="how many members")],
    output: Annotated[Path, typer.Option("--output", "-o", parser=output_path, metavar="PATH", help="club file to write: YAML, or JSON for a .json name")],
    seed: Annotated[int, typer.Option(help="same seed and size, same club")] = 0,
    places: Annotated[Optional[int], typer.Option(min=0, max=MAX_CAPACITY, help="strength class places (default: a fifth of the members)")] = None,
) -> None:
    """Write a synthetic club file (seeded) for tests and benchmarks. Needs the repository's benchmarks/."""
    from .cli import write_atomic

    suffix = output.suffix.lower()
    if suffix == ".toml":  # read, but not written: the standard library has no TOML writer
        _fail([f"-o: {output} would be TOML; write the club as .yaml or .json"])
    try:
        data = synthetic_club_data(members, seed, class_places=places)
    except RuntimeError as err:
        _fail([str(err)])
    # as the file's name says, or `club plan` would read it as what it is not (YAML in a .json file)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n" if suffix == ".json" else \
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    write_atomic(output, text)
    typer.echo(f"wrote {output} ({members} members, seed {seed})", err=True)
