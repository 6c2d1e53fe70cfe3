"""``stridelift club ...``: plan a whole club. Thin: load, call plan_club, write, print, exit.

Exit codes: 0 every member has a week; 1 some member has none (bad member data,
no possible week, or none found in time); 2 a bad club file.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .club import ClubPlan, load_club, plan_club, synthetic_club_data
from .club_output import summary_rows, write_club
from .executors import default_jobs, make_executor
from .scenario import ScenarioError

club_app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                       help="Plan every member of a running club: group runs, class places, one file per member.")

TABLE_ROWS = 40  # a bigger club's summary table shows only the members without a week; all are in summary.csv


class ExecutorName(str, Enum):
    local = "local"
    ray = "ray"


def _fail(messages: list[str], code: int = 2) -> None:
    for message in messages:
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@club_app.command("plan")
def plan_command(
    club_file: Annotated[Path, typer.Argument(help="club file (YAML, JSON or TOML)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="directory for the members' files")] = None,
    jobs: Annotated[int, typer.Option(min=1, help="parallel solves (local executor); default: the CPU count")] = 0,
    executor: Annotated[ExecutorName, typer.Option(help="local process pool, or a Ray cluster")] = ExecutorName.local,
    address: Annotated[Optional[str], typer.Option(help="Ray address, e.g. auto (default: start Ray here)")] = None,
    time_limit: Annotated[float, typer.Option(min=0.01, help="seconds per member week; past it the best week found is kept, not proven")] = 10.0,
    seed: Annotated[int, typer.Option(help="CP-SAT random seed")] = 0,
) -> None:
    """Plan every member's week in CLUB_FILE, decide class places, write one file per member."""
    try:
        club = load_club(club_file)
    except ScenarioError as err:
        _fail(str(err).splitlines())
    stderr = Console(stderr=True)
    try:
        pool = make_executor(executor.value, jobs=jobs or default_jobs(), address=address)
    except RuntimeError as err:
        _fail([str(err)])
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TimeRemainingColumn())
    try:
        with Progress(*columns, console=stderr) as progress:
            task = progress.add_task(f"planning {club.name} ({len(club.members)} members)", total=None)
            result = plan_club(club, executor=pool, time_limit=time_limit, seed=seed,
                               on_progress=lambda done, total: progress.update(task, completed=done, total=total))
    finally:
        pool.close()
    if output is not None:
        write_club(result, output)
        stderr.print(f"wrote {len(result.members)} members to {output}/ (summary.csv, history.yaml)")
    _print_summary(result)
    raise typer.Exit(0 if result.all_planned else 1)


def _print_summary(result: ClubPlan) -> None:
    console = Console()
    rows = summary_rows(result)
    everyone = len(rows) <= TABLE_ROWS
    table = Table(title=f"{result.club}: {sum(m.planned for m in result.members)} of {len(rows)} members planned")
    for column in ("Member", "Status", "Sessions", "Strength", "Penalty", "Missed goals", "Class", "Why not"):
        table.add_column(column)
    shown = 0
    for row, member in zip(rows, result.members):
        if not everyone and member.planned:
            continue
        shown += 1
        why = "; ".join([*member.problems[:1], *member.no_place.values()])
        table.add_row(row["member"], row["status"], row["sessions"], row["strength_sessions"], row["total_penalty"],
                      row["missed_goals"], row["class_places"], why)
    if not everyone:
        table.caption = f"members without a week only ({shown}); every member is in summary.csv"
    console.print(table)
    for report in result.classes:
        console.print(f"{report.name}: {len(report.placed)} of {report.capacity if report.capacity is not None else 'unlimited'} "
                      f"places taken, {len(report.full)} missed out (full), {len(report.cannot)} could not fit it")


@club_app.command("synthetic")
def synthetic_command(
    members: Annotated[int, typer.Argument(min=1, help="how many members")],
    output: Annotated[Path, typer.Option("--output", "-o", help="club file to write (YAML)")],
    seed: Annotated[int, typer.Option(help="same seed and size, same club")] = 0,
    places: Annotated[Optional[int], typer.Option(help="strength class places (default: a third of the members)")] = None,
) -> None:
    """Write a synthetic club file (seeded) for tests and benchmarks. Needs the repository's benchmarks/."""
    from .cli import write_atomic

    try:
        data = synthetic_club_data(members, seed, class_places=places)
    except RuntimeError as err:
        _fail([str(err)])
    write_atomic(output, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))
    typer.echo(f"wrote {output} ({members} members, seed {seed})", err=True)
