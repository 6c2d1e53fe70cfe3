"""The ``stridelift`` command: thin over the library. Parse, call, print, exit.

Exit codes: 0 a plan; 1 no plan exists (or none found in time); 2 bad input.
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .clock import DAYS
from .plan import Plan
from .render import render
from .scenario import ScenarioError, load_scenario
from .solve import plan_week

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Plan a runner's week of runs and strength sessions.")


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def fail_input(err: ScenarioError) -> None:
    for message in str(err).splitlines():
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def write_atomic(path: Path, text: str) -> None:
    """Write next to the target and rename: an interrupted write never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def exit_code(plan: Plan) -> int:
    return 0 if plan.status in ("optimal", "feasible") else 1


@app.command("plan")
def plan_command(
    scenario: Annotated[Path, typer.Argument(help="scenario file (YAML, JSON or TOML)")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="write here instead of the terminal")] = None,
    time_limit: Annotated[float, typer.Option(min=0.01, help="seconds; past it the best week found is returned, marked not proven")] = 10.0,
    workers: Annotated[int, typer.Option(min=1, max=64, help="CP-SAT workers (results stay deterministic)")] = 1,
    seed: Annotated[int, typer.Option(help="CP-SAT random seed")] = 0,
    explain: Annotated[bool, typer.Option("--explain", help="say why no week pays less for each soft goal")] = False,
) -> None:
    """Plan the week in SCENARIO and print it (exit 0), or say why no week exists (exit 1)."""
    try:
        scenario_data = load_scenario(scenario)
    except ScenarioError as err:
        fail_input(err)
    plan = plan_week(scenario_data, time_limit=time_limit, workers=workers, seed=seed)
    if explain and plan.status in ("optimal", "feasible"):
        add_reasons(plan, scenario_data, time_limit, workers, seed)
    text = render(plan, fmt.value)
    code = exit_code(plan)
    if code:
        # Why there is no week goes to stderr; a file at --output is left as it was.
        if fmt is Format.json and output is None:
            typer.echo(text, nl=False)
        for line in plan.problems:
            typer.echo(line, err=True)
        raise typer.Exit(code)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output} ({plan.status})", err=True)


def add_reasons(plan: Plan, scenario, time_limit: float, workers: int, seed: int) -> None:
    from .explain import why_this_plan
    from .solve import SolveSettings

    for goal, reasons in why_this_plan(scenario, plan, SolveSettings(time_limit, workers, seed)).items():
        plan.score[goal].why = reasons


@app.command("explain")
def explain_command(
    scenario: Annotated[Path, typer.Argument(help="scenario file (YAML, JSON or TOML)")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
    time_limit: Annotated[float, typer.Option(min=0.01, help="seconds per solve")] = 10.0,
) -> None:
    """Plan SCENARIO and explain it: each soft goal's weight, penalty, reasons, and why no
    week pays less for it; or, with no week, the conflict and the changes that would fix it."""
    plan_command(scenario, fmt=fmt, output=None, time_limit=time_limit, workers=1, seed=0, explain=True)


@app.command("check")
def check_command(
    scenario: Annotated[Path, typer.Argument(help="scenario file: the athlete the week is for")],
    week: Annotated[Path, typer.Argument(help="a week written by hand (YAML or JSON, same session fields as the plan JSON)")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
) -> None:
    """Lint a hand-made week: every hard rule it breaks (exit 1 if any) and the soft-goal score it gets."""
    from constraints import cover

    from .solve import check_plan, score_plan
    from .week import load_week

    try:
        scenario_data = load_scenario(scenario)
        plan = load_week(week, scenario_data.athlete)
    except ScenarioError as err:
        fail_input(err)
    athlete = scenario_data.athlete
    plan.score = score_plan(plan, athlete, scenario_data.weight)
    plan.coverage = cover.coverage(plan, athlete)
    plan.rest_days = [d for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") if not plan.on_day(DAYS.index(d))]
    broken = check_plan(plan, athlete)
    plan.problems = [f"Breaks {len(broken)} hard rule(s):"] + [f"- {b}" for b in broken] if broken else \
        ["Breaks no hard rule."]
    typer.echo(render(plan, fmt.value), nl=False)
    raise typer.Exit(1 if broken else 0)


@app.command("rules")
def rules_command() -> None:
    """List the hard rules and soft goals with their ids."""
    from constraints import HARD_RULES, SOFT_GOALS

    for rule in HARD_RULES:
        typer.echo(f"{rule.RULE:10s} hard  {rule.TITLE}")
    for goal in SOFT_GOALS:
        typer.echo(f"{goal.GOAL:10s} soft  {goal.TITLE}")


from .club_cli import club_app  # noqa: E402 - the club commands build on this module's helpers

app.add_typer(club_app, name="club")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
