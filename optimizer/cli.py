"""The ``stridelift`` command: thin over the library. Parse, call, print, exit.

Exit codes: 0 a plan; 1 no plan exists (or none found in time); 2 bad input.
"""

from __future__ import annotations

import os
import signal
import stat
from datetime import datetime
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, Sequence

import typer

from .clock import monday_of, unread_tz
from .options import input_path, output_path, plan_date
from .plan import Plan
from .render import render
from .scenario import ScenarioError, error_messages, read_data, read_scenario
from .season import MAX_WEEKS
from .solve import MAX_TIME_LIMIT, MAX_WORKERS, SEED_MAX, SEED_MIN, plan_week


# markdown: a docstring's wrapped lines are one paragraph in --help (rich mode breaks them where the source does)
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode="markdown", help="Plan a runner's week of runs and strength sessions.")


def _print_version(wanted: bool) -> None:
    """stridelift's version and CP-SAT's: which of several equally good weeks a plan is depends on
    the OR-Tools release too (pyproject pins its minor series), so a report of a plan needs both."""
    if wanted:
        from importlib.metadata import version

        typer.echo(f"stridelift {version('stridelift')} (OR-Tools {version('ortools')}, "
                   f"Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def _everywhere(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="print the versions of stridelift, OR-Tools and Python, and exit")] = False,
) -> None:
    """Options before the command."""


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    ics = "ics"
    html = "html"


SHOWN_PROBLEMS = 50  # a club file with one mistake in every member would list thousands


# -o's name says the format when --format is not given: week.json is JSON, not a table
SUFFIX_FORMATS = {".json": Format.json, ".md": Format.markdown, ".markdown": Format.markdown, ".ics": Format.ics,
                  ".html": Format.html, ".htm": Format.html}
FORMAT_HELP = "output format (default: as -o's name says: .json, .md, .ics, .html; else table)"

# Options several commands share, said once.
ScenarioArg = Annotated[Path, typer.Argument(parser=input_path, help="scenario file (YAML, JSON or TOML)")]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help=FORMAT_HELP)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, metavar="PATH",
                                                   help="write here instead of the terminal")]
WorkersOpt = Annotated[int, typer.Option(min=1, max=MAX_WORKERS, help="CP-SAT workers (results stay deterministic)")]
SeedOpt = Annotated[int, typer.Option(min=SEED_MIN, max=SEED_MAX, help="CP-SAT random seed")]
WeekOfOpt = Annotated[Optional[datetime], typer.Option(
    "--week-of", parser=plan_date, metavar="YYYY-MM-DD",
    help="ics/html: a day of the week to place it in (default: the scenario's calendar.week_of, else this week for ics and no dates for html)")]


def chosen_format(fmt: Format | None, output: Path | None) -> Format:
    """``--format`` when given, else the one ``-o``'s suffix names, else the table."""
    if fmt is not None:
        return fmt
    return SUFFIX_FORMATS.get(output.suffix.lower(), Format.table) if output is not None else Format.table


def fail_input(err: ScenarioError) -> None:
    """Say every problem (up to ``SHOWN_PROBLEMS``; the rest counted) and exit 2."""
    messages = str(err).splitlines()
    for message in messages[:SHOWN_PROBLEMS]:
        typer.echo(f"error: {message}", err=True)
    if len(messages) > SHOWN_PROBLEMS:
        typer.echo(f"error: and {len(messages) - SHOWN_PROBLEMS} more problems not shown; "
                   "mend those above (often the same mistake) and run again", err=True)
    raise typer.Exit(2)


def output_problem(path: Path | None, *, folder: bool = False, inputs: Sequence[Path] = ()) -> str | None:
    """What stops ``-o PATH`` being written (a file where a folder must be, or the reverse, or
    one of the command's own ``inputs`` there), said before any planning is done; None if nothing
    does. A folder of members' files must not be one the club's own files are in: a plan written
    over a member's scenario would lose it, and a plan beside them would be read as a member."""
    if path is None:
        return None
    try:
        if folder and path.exists() and not path.is_dir():
            return f"-o: {path} is a file; give a folder for the members' files"
        if not folder and path.is_dir():
            return f"-o: {path} is a folder; give a file name, e.g. {path / 'week.json'}"
        if not folder and path.is_file() and not os.access(path, os.W_OK):  # as `cp` and `>` leave it
            return f"-o: {path} is read-only; make it writable (chmod u+w {path}) or name another file"
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    except OSError as err:  # a name the system refuses to look up (too long, say)
        return f"-o: cannot write {path}: {err.strerror or err}"
    if blocking is not None:
        return f"-o: {blocking} is a file, not a folder; choose another path"
    if folder and (problem := _unwritable(path)):  # a club's weeks take minutes to plan: say it first
        return problem
    for given in inputs:
        try:
            if folder and path.is_dir() and given.is_file() and given.parent.samefile(path):
                return (f"-o: {path} holds the club's own files ({given.name}); write the members' files to a "
                        f"folder of their own, e.g. {path / 'plans'}")
            if not folder and path.exists() and given.exists() and path.samefile(given):
                return f"-o: {path} is the input {given}; writing the output there would replace it, so name another file"
        except OSError:  # an input the system cannot look up is not the output: reading it says what is wrong
            continue
    return None


def _unwritable(path: Path) -> str | None:
    """Why nothing can be written in ``path`` (or the folder it would be made in), tried with a
    temporary file that leaves nothing behind; None if something can."""
    existing = next(p for p in (path, *path.parents) if p.exists())
    try:
        with tempfile.TemporaryFile(dir=existing):
            return None
    except OSError as err:
        return f"-o: cannot write in {existing} ({err.strerror or err}); choose a folder you can write to"


def week_of_clash(week_of: datetime | None, scenario) -> str | None:
    """``--week-of`` naming another week than the scenario's own ``calendar.week_of``: that week
    was planned on its dates (its dated races, the clocks changing, last week's sessions), so
    placing it on others would move a race without a word. None when they agree, or one is left out."""
    calendar = scenario.athlete.calendar
    if week_of is None or calendar is None:
        return None
    monday = monday_of(week_of.date())
    if monday == calendar.week_of:
        return None
    return (f"--week-of {week_of.date()}: the scenario's calendar.week_of is {calendar.week_of}, the week it is "
            f"planned on (its races, clock changes and last week's sessions); leave --week-of out, or change "
            f"calendar.week_of to {monday}")


def check_output(path: Path | None, *, folder: bool = False, inputs: Sequence[Path] = ()) -> None:
    if problem := output_problem(path, folder=folder, inputs=inputs):
        fail_input(ScenarioError([problem]))


def write_atomic(path: Path, text: str) -> None:
    """Write next to the target and rename: an interrupted write never leaves half a file. A
    link is written through (the file it points to gets the text, the link stays), a device or
    pipe (``-o /dev/stdout``) is written to as it is, and a file replaced keeps its permissions.
    A path that cannot be written (no permission, a full disk) is exit 2 with the reason."""
    try:
        if path.exists() and not path.is_file():
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            return
        target = Path(os.path.realpath(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            if target.exists():
                mode = stat.S_IMODE(target.stat().st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask  # mkstemp makes it owner-only; an output file is an ordinary file
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        fail_input(ScenarioError([f"-o: cannot write {path}: {err.strerror or err}"]))


def exit_code(plan: Plan) -> int:
    return 0 if plan.status in ("optimal", "feasible") else 1


@app.command("plan")
def plan_command(
    scenario: ScenarioArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    time_limit: Annotated[float, typer.Option(min=0.01, max=MAX_TIME_LIMIT, help="seconds; past it the best week found is returned, marked not proven")] = 10.0,
    workers: WorkersOpt = 1,
    seed: SeedOpt = 0,
    explain: Annotated[bool, typer.Option("--explain", help="say why no week pays less for each soft goal")] = False,
    week_of: WeekOfOpt = None,
) -> None:
    """Plan the week in SCENARIO and print it (exit 0), or say why no week exists (exit 1)."""
    plan_and_write(scenario, fmt, output, time_limit, workers, seed, explain, week_of, report=False)


def plan_and_write(scenario: Path, fmt: Format | None, output: Path | None, time_limit: float, workers: int, seed: int,
                   explain: bool, week_of: datetime | None, *, report: bool) -> None:
    """``plan`` and ``explain``: with no week, ``report`` (the explain command) writes why to -o."""
    fmt = chosen_format(fmt, output)
    try:
        scenario_data, inputs = read_scenario(scenario)
    except ScenarioError as err:
        fail_input(err)
    if clash := week_of_clash(week_of, scenario_data):
        fail_input(ScenarioError([clash]))
    check_output(output, inputs=inputs)
    plan = plan_week(scenario_data, time_limit=time_limit, workers=workers, seed=seed)
    if explain and plan.status in ("optimal", "feasible"):
        add_reasons(plan, scenario_data, time_limit, workers, seed)
    text = render_dated(plan, fmt, scenario_data, week_of.date() if week_of else None)
    code = exit_code(plan)
    if code:
        # Why there is no week goes to stderr; a plan's file at --output is left as it was (plan
        # --explain too: it may be the week a replan reads). The explain command's file gets the
        # report (the conflict and its fixes), as check writes its verdict, except a calendar,
        # which has nowhere to put it.
        if report and output is not None and fmt is not Format.ics:
            write_atomic(output, text)
            typer.echo(f"wrote {output} (no week: why, and the changes that give one)", err=True)
        elif fmt is Format.json and output is None:
            typer.echo(text, nl=False)
        for line in plan.problems:
            typer.echo(line, err=True)
        raise typer.Exit(code)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output} ({plan.status})", err=True)


def render_dated(plan: Plan, fmt: Format, scenario, week_of=None, before: Plan | None = None) -> str:
    """``plan`` in ``fmt``; the dated formats (ics, html) on ``week_of``, else the scenario's
    ``calendar.week_of``, else this week, in the athlete's time zone: a week planned, replanned
    and checked lands on the same dates, and its calendar events keep their ids (``before``: the
    week a replan started from, whose dropped sessions a calendar cancels)."""
    athlete = scenario.athlete
    return render(plan, fmt.value, week_of=week_of or (athlete.calendar.week_of if athlete.calendar else None),
                  timezone=zone_for(athlete, fmt), before=before)


def zone_for(athlete, fmt: Format) -> str:
    """The zone a dated output is written in (``Athlete.calendar_zone``), saying so on stderr when
    the machine's TZ is a rule no calendar can name and the athlete gives no ``timezone``."""
    if fmt in (Format.ics, Format.html) and not athlete.timezone and (tz := unread_tz()):
        typer.echo(f"note: TZ '{tz}' names no IANA time zone, so the times are in {athlete.calendar_zone}; "
                   f"give athlete.timezone (e.g. Europe/Madrid) or TZ=Europe/Madrid", err=True)
    return athlete.calendar_zone


def add_reasons(plan: Plan, scenario, time_limit: float, workers: int, seed: int) -> None:
    from .explain import why_this_plan
    from .solve import SolveSettings

    for goal, reasons in why_this_plan(scenario, plan, SolveSettings(time_limit, workers, seed)).items():
        plan.score[goal].why = reasons


@app.command("explain")
def explain_command(
    scenario: ScenarioArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    time_limit: Annotated[float, typer.Option(min=0.01, max=MAX_TIME_LIMIT, help="seconds per solve")] = 10.0,
    workers: WorkersOpt = 1,
    seed: SeedOpt = 0,
    week_of: WeekOfOpt = None,
) -> None:
    """Plan SCENARIO and explain why the week is as it is, or why there is none: `plan --explain`.

    Each soft goal's weight, penalty, reasons, and why no week pays less for it; or, with no week,
    the conflict and the changes that would fix it."""
    plan_and_write(scenario, fmt, output, time_limit, workers, seed, True, week_of, report=True)


@app.command("check")
def check_command(
    scenario: Annotated[Path, typer.Argument(parser=input_path, help="scenario file: the athlete the week is for")],
    week: Annotated[Path, typer.Argument(parser=input_path, help="a week written by hand (YAML or JSON, same session fields as the plan JSON)")],
    fmt: FormatOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, metavar="PATH", help="write the verdict here instead of the terminal")] = None,
    week_of: WeekOfOpt = None,
) -> None:
    """Lint a hand-made week: every hard rule it breaks (exit 1 if any) and the soft-goal score it gets.
    With -o the verdict is written whether or not the week breaks a rule (it is the report, not a
    plan to keep); a file that cannot be read writes nothing (exit 2)."""
    from constraints import cover, rest_day

    from .solve import check_plan, score_plan
    from .week import load_week

    fmt = chosen_format(fmt, output)
    try:
        scenario_data, inputs = read_scenario(scenario)
        check_output(output, inputs=[*inputs, week])
        if clash := week_of_clash(week_of, scenario_data):
            raise ScenarioError([clash])
        plan = load_week(week, scenario_data.athlete)
    except ScenarioError as err:
        fail_input(err)
    athlete = scenario_data.athlete
    plan.score = score_plan(plan, athlete, scenario_data.weight)
    plan.coverage = cover.coverage(plan, athlete)
    plan.rest_days = rest_day.rest_days(plan, athlete)
    broken = check_plan(plan, athlete)
    plan.problems = [f"Breaks {len(broken)} hard rule(s):"] + [f"- {b}" for b in broken] if broken else \
        ["Breaks no hard rule."]
    text = render_dated(plan, fmt, scenario_data, week_of.date() if week_of else None)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output} ({'breaks ' + str(len(broken)) + ' hard rule(s)' if broken else 'breaks no hard rule'})",
                   err=True)
    raise typer.Exit(1 if broken else 0)


@app.command("season")
def season_command(
    scenario: Annotated[Path, typer.Argument(parser=input_path, help="scenario file: the athlete and the weekly template")],
    race_date: Annotated[datetime, typer.Option("--race-date", parser=plan_date, metavar="YYYY-MM-DD", help="race day, YYYY-MM-DD")],
    weeks: Annotated[Optional[int], typer.Option(min=1, max=MAX_WEEKS, help="weeks up to and including race week (default 16)")] = None,
    start: Annotated[Optional[datetime], typer.Option(parser=plan_date, metavar="YYYY-MM-DD", help="the first week's Monday, YYYY-MM-DD, instead of --weeks")] = None,
    race_time: Annotated[Optional[str], typer.Option(help="race start, HH:MM (default: the time calendar.races gives race day, else 08:00)")] = None,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", metavar="[table|json|markdown|ics]",
                                                  help="output format (default: as -o's name says: .json, .md, .ics; else table); "
                                                       "html is a week's page: `plan -f html`")] = None,
    output: OutputOpt = None,
    time_limit: Annotated[float, typer.Option(min=0.01, max=MAX_TIME_LIMIT, help="seconds per week")] = 10.0,
) -> None:
    """Plan every week from the start to race day and a recovery week after (exit 1 if a week has no plan)."""
    from .render.season import SEASON_FORMATS, render_season
    from .season import LateRaceTime, plan_season, read_template

    given, fmt = fmt, chosen_format(fmt, output)
    if fmt.value not in SEASON_FORMATS:
        fail_input(ScenarioError([f"{'--format' if given else f'-o {output}'}: a season is written as "
                                  f"{', '.join(SEASON_FORMATS)}; plan one week with `stridelift plan -f {fmt.value}` "
                                  f"for that{'' if given else ', or give --format'}"]))
    try:
        scenario_data, inputs = read_template(scenario)
    except ScenarioError as err:
        fail_input(err)
    check_output(output, inputs=inputs)
    try:
        season = plan_season(scenario_data, race_date.date(), weeks=weeks, start=start.date() if start else None,
                             race_time=race_time, time_limit=time_limit)
    except ScenarioError as err:  # a field only a season reads (named with the file), or a week the template cannot make
        fail_input(err if err.source else ScenarioError(err.messages, str(scenario)))
    except LateRaceTime as err:  # the option's problem, and the file's own late races with the file named
        fail_input(ScenarioError([err.option, *(f"{scenario}: {line}" for line in err.file)]))
    except ValueError as err:  # an option: --start, --race-time, ...
        fail_input(ScenarioError(str(err).splitlines()))
    text = render_season(season, fmt.value, timezone=zone_for(scenario_data.athlete, fmt))
    missing = [w for w in season.weeks if w.plan.status not in ("optimal", "feasible")]
    if output is None:
        typer.echo(text, nl=False)
    elif len(missing) == len(season.weeks):  # as `plan` leaves -o alone with no week: a season with none
        typer.echo(f"{output} not written: no week of the season has a plan", err=True)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output} ({len(season.weeks)} weeks)", err=True)
    for w in missing:
        typer.echo(f"week {w.number} ({w.week_of}, {w.phase}): no plan", err=True)
        for line in w.plan.problems:
            typer.echo(f"  {line}", err=True)
    raise typer.Exit(1 if missing else 0)


DayList = Annotated[list[str], typer.Option(help="a day (mon..sun); repeat for more")]


@app.command("replan")
def replan_command(
    scenario: Annotated[Path, typer.Argument(parser=input_path, help="scenario file the week was planned from")],
    plan_file: Annotated[Path, typer.Option("--plan", parser=input_path, help="the current week (plan JSON from `plan -f json`)")],
    today: Annotated[str, typer.Option(help="today (mon..sun): earlier days are done")],
    missed: DayList = [],
    unavailable: DayList = [],
    done: DayList = [],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    time_limit: Annotated[float, typer.Option(min=0.01, max=MAX_TIME_LIMIT, help="seconds")] = 10.0,
    week_of: WeekOfOpt = None,
) -> None:
    """Plan the rest of the week again after a missed session or a new commitment, keeping what is
    done and moving as little as possible (S-STABLE); says what moved and why. As ics, give the
    week the plan's calendar was written for: its events move, and what the replan dropped is
    cancelled."""
    from pydantic import ValidationError

    from .replan import replan, replan_problems

    fmt = chosen_format(fmt, output)
    try:
        scenario_data, inputs = read_scenario(scenario)
    except ScenarioError as err:
        fail_input(err)
    problems = []
    if problem := output_problem(output, inputs=[*inputs, plan_file]):
        problems.append(problem)
    if clash := week_of_clash(week_of, scenario_data):
        problems.append(clash)
    current = None
    try:
        data = read_data(plan_file)
        current = Plan.model_validate(data)
    except ScenarioError as err:  # not readable, or not JSON at all (the scenario's YAML given by mistake, say)
        problems += [f"{plan_file}: not a plan JSON ({m}); write one with `stridelift plan -f json -o`"
                     for m in err.messages]
    except ValidationError as err:
        if isinstance(data, dict) and isinstance(data.get("athlete"), dict):  # a plan names its athlete, no more
            problems.append(f"{plan_file}: this is a scenario, not a plan; give --plan the week "
                            f"`stridelift plan SCENARIO -f json -o week.json` wrote")
        else:  # the field that is wrong, as `check` names it in a week file
            problems += [f"{plan_file}: {m}" for m in error_messages(err, guide="a plan from `stridelift plan -f json`", model=Plan)]
    problems += replan_problems(scenario_data, current, today, missed=missed, unavailable=unavailable, done=done,
                                flag="--")
    if problems:
        fail_input(ScenarioError(problems))
    try:
        new, _ = replan(scenario_data, current, today, missed=missed, unavailable=unavailable, done=done,
                        time_limit=time_limit, flag="--")
    except ScenarioError as err:
        fail_input(err)
    text = render_dated(new, fmt, scenario_data, week_of.date() if week_of else None, before=current)
    if new.status not in ("optimal", "feasible"):
        if fmt is Format.json and output is None:
            typer.echo(text, nl=False)
        for line in new.problems:
            typer.echo(line, err=True)
        raise typer.Exit(1)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output} ({new.status})", err=True)


@app.command("rules")
def rules_command() -> None:
    """List the hard rules and soft goals with their ids (and the goals' default weights)."""
    from constraints import HARD_RULES, SOFT_GOALS

    from .catalog import catalog

    for rule in HARD_RULES:
        typer.echo(f"{rule.RULE:10s} hard  {rule.TITLE}")
    for goal in SOFT_GOALS:
        typer.echo(f"{goal.GOAL:10s} soft  {goal.TITLE} (weight {catalog().weights[goal.GOAL]} by default)")


from .club_cli import club_app  # noqa: E402 - the club commands build on this module's helpers

app.add_typer(club_app, name="club")


def main() -> None:
    # A reader that stops early (`| head`) ends the command as it ends `cat`: by SIGPIPE (exit 141
    # under `set -o pipefail`). Click would exit 1, which is "no plan" here. Files are written
    # before anything is printed, so none is left half-written.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
