"""The season: every week from the start to race day, and a recovery week after.

Phases follow the 16-week table in DOMAIN.md (base 6, build 6, peak 2, taper 1,
race week 1), scaled to the season's length. Within base and build, load or hold
time grows 5 % or 5 s a week and every fourth week is a deload of isometrics and
mobility; the recovery week after the race is light work only. Each phase uses
its own strength frequency from the phase table.
Weeks are planned in order on the calendar: each sees the sessions of the week
before as fixed neighbours (R-GAP48, R-KEYEVE, R-B2B across the boundary), the
race ahead (R-TAPER's 10 or 7 days), and the race itself pinned in race week.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalog import KEY_RUNS, catalog
from .clock import DAY_MINUTES, DAYS, hhmm, monday_of, parse_hhmm, past_midnight, real_minutes, skipped
from .plan import Plan
from .scenario import (FIRST_DATE, LAST_DATE, Race, Run, Scenario, ScenarioError, parse_scenario, read_data,
                       read_scenario)
from .solve import plan_week
from .source import expect

REFERENCE = {"base": 6, "build": 6, "peak": 2}  # of 14 weeks before taper and race week (16 in all)
DELOAD_EVERY = 4
MAX_WEEKS = 52  # up to and including race week


class SeasonWeek(BaseModel):
    """One week of a season: its number and Monday, its phase (deload or not, and how many weeks of
    progression its doses carry), its plan, and a note when it lifts less than its phase asks."""

    number: int  # 1 = the first week
    week_of: dt.date
    phase: str  # base | build | peak | taper | race | recovery
    deload: bool = False
    progression_week: int = 0
    plan: Plan
    note: str | None = None  # why the week lifts less than its phase asks, or what of the template it sets aside


class Season(BaseModel):
    """Every week to race day and the recovery week after, in order (``plan_season``); ``summary``
    gives a line a week."""

    athlete: str
    race_date: dt.date
    weeks: list[SeasonWeek]

    def summary(self) -> list[dict]:
        """Per week: phase, strength sessions, heavy-leg sessions, strength minutes, status."""
        return [
            {"week": w.number, "week_of": w.week_of.isoformat(), "phase": w.phase + (" (deload)" if w.deload else ""),
             "status": w.plan.status, "strength": len(w.plan.lifts()),
             "heavy": sum(s.lower_load == "heavy" for s in w.plan.lifts()),
             "strength_minutes": sum(s.minutes for s in w.plan.lifts()), "penalty": w.plan.total_penalty}
            for w in self.weeks
        ]


def phases(weeks: int) -> list[str]:
    """Phase of each week before the recovery week: the last is race week, the one before taper."""
    if weeks < 1:
        raise ValueError("a season needs at least the race week")
    tail = ["taper", "race"][-weeks:]
    total = sum(REFERENCE.values())
    count = dict.fromkeys(REFERENCE, 0)
    # One week at a time to the phase furthest below its share of the 16-week table, so a
    # longer season never has fewer weeks of any phase than a shorter one (rounding each
    # phase's share on its own gave 5 weeks 2 base weeks and 6 weeks 1).
    for n in range(1, weeks - len(tail) + 1):
        behind = max(REFERENCE, key=lambda p: n * REFERENCE[p] / total - count[p])  # ties: the earlier phase
        count[behind] += 1
    return [p for p in REFERENCE for _ in range(count[p])] + tail


def as_template(data: Any) -> Any:
    """A scenario file's contents read as a season's weekly template, in place: the season dates
    each week itself, so ``calendar.week_of`` may be left out, and the week it names may hold a
    dated race (a tune-up) with no race run pinned in the template. The template is checked as a
    week clear of every race: the one it names if that is clear, else the nearest before the races."""
    athlete = data.get("athlete") if isinstance(data, dict) else None
    calendar = athlete.get("calendar") if isinstance(athlete, dict) else None
    if not isinstance(calendar, dict):
        return data
    try:
        given = dt.date.fromisoformat(str(calendar["week_of"])) if calendar.get("week_of") else None
    except ValueError:
        return data  # the scenario's own checks say what is wrong, and where
    # a race whose date does not read is the scenario's checks' to name; it must not make them
    # ask for the week_of a template need not give too
    dates = [d for race in calendar.get("races") or () if (d := _iso_date(race))]

    def clear(monday: dt.date) -> bool:
        return not any(0 <= (day - monday).days < 7 for day in dates)
    if given is not None and clear(given):
        return data
    monday = monday_of(min(dates, default=given or LAST_DATE))
    while not clear(monday):
        monday -= dt.timedelta(weeks=1)
    calendar["week_of"] = monday.isoformat()
    return data


def _iso_date(race: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(race["date"]))
    except (KeyError, TypeError, ValueError):
        return None


def _runs_for(scenario: Scenario, number: int, phase: str, week_of: dt.date, races: list[Race]) -> list[Run]:
    """Week ``number``'s runs: ``week_runs`` as given, else the phase's or the template's (taper
    weeks shorter, race week two easy runs) fitted around the season's races."""
    season = scenario.season
    runs = season.week_runs.get(number)  # an explicit [] is a week without running, not "use the template"
    if runs is not None:
        return list(runs)
    runs = season.phase_runs.get(phase)
    if runs is None:
        runs = scenario.athlete.runs
        if phase == "taper":  # shorter running before the race
            runs = [r.model_copy(update={"minutes": max(20, round(r.minutes * 0.7))}) for r in runs]
        elif phase == "race":
            runs = [Run(kind="easy", minutes=30), Run(kind="easy", minutes=25)]
        elif phase == "recovery":
            runs = [Run(kind="recovery", minutes=30), Run(kind="easy", minutes=30)]
    tune_up = phase != "race" and any(week_of <= r.date < week_of + dt.timedelta(weeks=1) for r in races)
    return _around_races(list(runs), week_of, races, tune_up=tune_up,
                         allow_back_to_back=scenario.athlete.allow_back_to_back)


def _key_runs_ahead(scenario: Scenario, runs: list[Run]) -> list[dict]:
    """Next week's key runs pinned to a day, as fixed sessions this week's rules look ahead to
    (R-KEYEVE, R-B2B, R-GAP48): at their pinned time, or, pinned to a day only, at the earliest
    time a window of that day could start them, the strictest for R-GAP48. Without them this
    week could put heavy legs on Sunday before a key run next Monday, leaving next week no plan."""
    out = []
    windows = scenario.athlete.windows
    for run in runs:
        if run.kind not in KEY_RUNS or run.pinned_day is None:
            continue
        fits = [w for w in windows if w.day == run.pinned_day and w.end - w.start >= run.minutes]
        if run.pinned_start is not None:
            start = run.pinned_start % DAY_MINUTES
            place = next((w.location for w in fits if w.start <= start < w.end), "home")
        elif fits:
            first_fit = min(fits, key=lambda w: w.start)
            start, place = first_fit.start, first_fit.location
        else:
            continue  # next week cannot hold it anyway: it will say so itself
        end = min(start + run.minutes, DAY_MINUTES)
        out.append({"type": "run", "day": DAYS[run.pinned_day], "start": hhmm(start), "end": hhmm(end),
                    "minutes": end - start, "kind": run.kind, "key": True, "location": place})
    return out


class LateRaceTime(ValueError):
    """``--race-time`` has race day end after midnight (``option``); ``file`` holds the scenario's
    own races that do too, said with the file's name where the file is known (the command line)."""

    def __init__(self, option: str, file: list[str]):
        super().__init__("\n".join([option, *file]))
        self.option, self.file = option, file


def _dated_races(scenario: Scenario, first: dt.date, goal: Race, *, timed: bool) -> list[Race]:
    """Every race of the season on its date, one a day: race day, the calendar's tune-ups, and
    each race of a ``week_runs`` week (which gives its day and time). Where two fall on one date,
    the first of those three stands (``--race-time``, then the calendar, then the week's run)."""
    athlete = scenario.athlete
    races = [goal, *(r for r in (athlete.calendar.races if athlete.calendar else ()) if r.date != goal.date)]
    late = [(race, words) for race in races if (words := _cannot_start(race, athlete.timezone))]
    listed = athlete.calendar.races if athlete.calendar else ()  # race day untimed is at 08:00: one of these if late
    lines = [f"athlete.calendar.races[{next(i for i, r in enumerate(listed) if r.date == race.date)}].at: {words}"
             for race, words in late if race is not goal or not timed]
    if timed and late and late[0][0] is goal:  # the option and the file's own tune-ups, all at once
        raise LateRaceTime(f"--race-time: {late[0][1]}", lines)
    if late:  # the file's own race day or tune-ups
        raise ScenarioError(lines)
    for number, runs in sorted(scenario.season.week_runs.items()):
        for run in runs:
            if run.kind == "race":  # SeasonRuns makes sure it has ``at``, and Run that it ends by midnight
                races.append(Race(date=first + dt.timedelta(weeks=number - 1, days=run.pinned_day),
                                  at=hhmm(run.pinned_start % DAY_MINUTES), distance=run.distance or goal.distance,
                                  name=run.name, minutes=run.minutes))
    by_date: dict[dt.date, Race] = {}
    for race in races:
        by_date.setdefault(race.date, race)
    return sorted(by_date.values(), key=lambda r: r.date)


def _cannot_start(race: Race, zone: str | None) -> str:
    """Why a race cannot be run at its time, or '': it would end after midnight (a session lies
    within one day), or it takes in the hour the clocks skip that night (no such time exists)."""
    start = parse_hhmm(race.time)
    if fix := past_midnight(start, race.length):
        return f"the {race.distance} race on {race.date} ({race.length} min) starting at {race.time} ends after midnight; {fix}"
    monday = monday_of(race.date)
    gone = skipped(monday, zone) if zone else None
    at = (race.date - monday).days * DAY_MINUTES + start
    if gone and at < gone[1] and gone[0] < at + race.length:
        first, last = (hhmm(g % DAY_MINUTES) for g in gone)
        return (f"the {race.distance} race on {race.date} ({race.length} min) starting at {race.time} takes in {first}-{last}, which "
                f"the clocks skip in {zone} that night; start it at {last} or later, or end it by {first}")
    return ""


def _around_races(runs: list[Run], week_of: dt.date, races: list[Race], *, tune_up: bool,
                  allow_back_to_back: bool) -> list[Run]:
    """The template's runs (or a phase's) fitted around the season's races. Its own races go
    (a season's races are dated); in a week with a tune-up race the race is the week's long
    effort, so the long run goes; a run pinned to a race's day gives way to the race; and a key
    run pinned to the day before or after one is free to move that week (R-B2B), unless the
    scenario allows back-to-back key sessions. Without this, such a week has no plan."""
    race_days = {r.date for r in races}
    out = []
    for run in runs:
        if run.kind == "race" or (run.kind == "long" and tune_up):
            continue
        if run.pinned_day is not None:
            date = week_of + dt.timedelta(days=run.pinned_day)
            if date in race_days:
                continue
            beside = {date - dt.timedelta(days=1), date + dt.timedelta(days=1)} & race_days
            if run.kind in KEY_RUNS and beside and not allow_back_to_back:
                run = run.model_copy(update={"at": None, "day": None})
        out.append(run)
    return out


def _run_race(runs: list[Run], data: dict, race: Race) -> list[Run]:
    """The race as this week's run pinned to its start, in place of any race the week's runs
    pin to that day (the race standing on a date is the one run: its time, distance, length and
    name), with a window of its own at the place "race": a race happens at its time whatever the
    athlete's usual windows are."""
    day = race.date.weekday()
    own = Run(kind="race", minutes=race.length, distance=race.distance, at=f"{DAYS[day]} {race.time}",
              name=race.name or f"{race.distance} race")
    runs = [r for r in runs if not (r.kind == "race" and r.pinned_day == day)] + [own]
    if "race" not in data["locations"]:  # windows that named no place keep the one they had
        usual = next(iter(data["locations"]), "home")
        data["availability"] = {d: [t if " " in t.strip() else f"{t.strip()} {usual}" for t in texts]
                                for d, texts in data["availability"].items()}
        data["locations"] = {usual: [], **data["locations"], "race": []}
    start = own.pinned_start % DAY_MINUTES
    window = f"{hhmm(start)}-{hhmm(min(start + own.minutes, DAY_MINUTES))} race"
    data["availability"].setdefault(DAYS[day], []).append(window)
    return runs


def _tapering(day: dt.date, races: list[Race], zone: str | None) -> bool:
    """Does R-TAPER reach into ``day``: its 10 days (marathon or longer) or 7 days before a race, or
    race day? As the rule counts them, in real hours too (``zone``: the clocks may go forward)."""
    from constraints.taper import race_taper_days, taper_bound  # constraints import the optimizer: import them late

    def real(start: int, end: int) -> int:  # minutes from day's midnight
        return real_minutes(day, zone, start, end) if zone else end - start
    return any(race.date >= day and taper_bound((race.date - day).days * DAY_MINUTES + parse_hhmm(race.time),
                                                race_taper_days(race.distance), real) < DAY_MINUTES for race in races)


def _run_up(day: dt.date, races: list[Race]) -> bool:
    """Is ``day`` among the seven before a race, which R-TAPER keeps light?"""
    from constraints.taper import RACE_WEEK_DAYS  # constraints import the optimizer: import them late

    return any(0 < (race.date - day).days <= RACE_WEEK_DAYS for race in races)


def _leads_into_race(week_of: dt.date, races: list[Race]) -> bool:
    """Does any day of the week of ``week_of`` lie in a race's run-up (``_run_up``)?"""
    return any(_run_up(week_of + dt.timedelta(days=d), races) for d in range(7))


def _strength_for(strength: dict, week_of: dt.date, races: list[Race], most: int, zone: str | None) -> None:
    """The template's pinned classes and included kinds that this week can hold, in place.

    R-TAPER closes days to heavy legs before a race, and keeps the seven days before it light. A
    class pinned on a day it closes to its kind is skipped. A kind in ``include`` is not asked for in
    a week with such days (the solver may still place one on a day they leave open). If the phase
    holds fewer sessions than pinned classes and included kinds together, pinned classes come
    first, then included kinds in the order given."""
    heavy = {k for k, v in catalog().strength_kinds.items() if v.lower_load == "heavy"}
    light = set(catalog().light_kinds)
    days = [week_of + dt.timedelta(days=d) for d in range(7)]

    def held(pin: dict) -> bool:
        day = days[DAYS.index(pin["at"].split()[0])]
        closed = pin["kind"] in heavy and _tapering(day, races, zone)
        return not (closed or pin["kind"] not in light and _run_up(day, races))
    strength["pinned"] = pinned = [p for p in strength["pinned"] if held(p)][:most]
    if any(_tapering(day, races, zone) for day in days):
        strength["include"] = [k for k in strength.get("include", []) if k not in heavy]
    if _leads_into_race(week_of, races):
        strength["include"] = [k for k in strength.get("include", []) if k in light]
    covered = {p["kind"] for p in pinned}
    extra = [k for k in strength.get("include", []) if k not in covered][:max(0, most - len(pinned))]
    strength["include"] = [k for k in strength.get("include", []) if k in covered or k in extra]


def read_template(path: str | Path) -> tuple[Scenario, list[Path]]:
    """A scenario file read as a season's weekly template (``as_template``), and the files it read
    (``read_scenario``): what ``stridelift season`` plans from."""
    return read_scenario(path, as_template(read_data(path)))


def load_template(path: str | Path) -> Scenario:
    """``load_scenario`` for ``plan_season``: the file is the weekly template, so its
    ``calendar.week_of`` may be left out or name a week with a tune-up race in it."""
    return read_template(path)[0]


def season_weeks(scenario: Scenario, race_date: dt.date | str, *, weeks: int | None = None, start: dt.date | str | None = None,
                 race_time: str | None = None, time_limit: float = 10.0):
    """Plan the season week by week, yielding each week's scenario (its calendar included) and result.

    Race day is the ``calendar.races`` entry on ``race_date`` if there is one (its time, distance
    and name), else a race of the athlete's goal distance at 08:00; ``race_time`` overrides the time.

    Dates are ``datetime.date`` or ISO text ("2027-04-18"). Raises ValueError for an option that
    cannot be (named as the command line names it, ``--start``) and ScenarioError for a field of the
    scenario that only a season reads, or a week it cannot make."""
    race_date, start = _date("--race-date", race_date), _date("--start", start)
    if race_date is None:
        raise ValueError("--race-date: a season needs its race day; give YYYY-MM-DD or a datetime.date")
    if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int)):
        raise ValueError(f"--weeks: {weeks!r} is not a whole number of weeks; give e.g. 16")
    if race_time is not None:
        try:
            parse_hhmm(race_time)
        except ValueError as err:
            raise ValueError(f"--race-time: {err}") from None
        except (TypeError, AttributeError):  # not text at all
            raise ValueError(f"--race-time: {race_time!r} is not a time; give HH:MM text, e.g. '09:00'") from None
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"--weeks: {weeks}; a season has 1 to {MAX_WEEKS} weeks up to and including race week")
    if not FIRST_DATE <= race_date <= LAST_DATE:
        raise ValueError(f"--race-date: {race_date} is outside {FIRST_DATE.year}-{LAST_DATE.year}; give a date in it")
    race_monday = monday_of(race_date)
    if start is not None:
        if weeks is not None:
            raise ValueError("--weeks and --start both say when the season starts; give one of them")
        if monday_of(start) > race_monday:
            raise ValueError(f"--start: {start} is after race week (the week of {race_monday}, race day {race_date}); "
                             f"start the season on or before {race_monday}")
        if start.weekday():
            after = monday_of(start) + dt.timedelta(weeks=1)
            raise ValueError(f"--start: {start} is a {start:%A}; a season starts on a Monday: give {monday_of(start)} "
                             f"(the Monday before)" + (f" or {after} (the Monday after)" if after <= race_monday else ""))
        weeks = (race_monday - start).days // 7 + 1
        if weeks > MAX_WEEKS:
            raise ValueError(f"--start: {start} is {weeks} weeks before race week; a season is at most {MAX_WEEKS} "
                             f"weeks, so start on or after {race_monday - dt.timedelta(weeks=MAX_WEEKS - 1)}")
    weeks = 16 if weeks is None else weeks
    first = race_monday - dt.timedelta(weeks=weeks - 1)
    if first < FIRST_DATE:  # a week's calendar.week_of would say it, not naming the option to change
        earliest = monday_of(FIRST_DATE + dt.timedelta(days=6))
        if start is not None:
            raise ValueError(f"--start: {start} is before {FIRST_DATE}; start on or after {earliest}")
        most = (race_monday - earliest).days // 7 + 1
        raise ValueError(f"--race-date: {race_date} with {weeks} weeks to race week starts the season on {first}, "
                         f"before {FIRST_DATE}; give --weeks {most}" + (" or fewer" if most > 1 else ""))
    if race_monday + dt.timedelta(weeks=1) > LAST_DATE:  # the recovery week starts too late
        latest = monday_of(LAST_DATE - dt.timedelta(weeks=1)) + dt.timedelta(days=6)
        raise ValueError(f"--race-date: {race_date} puts the recovery week after it past {LAST_DATE}; "
                         f"give a race date on or before {latest}")
    if late := sorted(n for n in scenario.season.week_runs if n > weeks + 1):
        raise ScenarioError([f"season.week_runs: week {late[0]} is after this season's {weeks + 1} weeks ({weeks} to "
                             f"race week, then a recovery week); drop it, or start the season earlier"])
    athlete = scenario.athlete
    listed = next((r for r in athlete.calendar.races if r.date == race_date), None) if athlete.calendar else None
    goal = listed or Race(date=race_date, distance=athlete.goal if athlete.goal != "general" else "10k")
    goal = goal.model_copy(update={"at": hhmm(parse_hhmm(race_time or goal.time)), "name": goal.name or "Race day"})
    races = _dated_races(scenario, first, goal, timed=race_time is not None)
    previous: list[dict] = []  # the first week's week before is not known: it repeats
    block_week, last_phase = 0, None
    sequence = phases(weeks) + ["recovery"]
    for number, phase in enumerate(sequence, start=1):
        week_of = first + dt.timedelta(weeks=number - 1)
        block_week = block_week + 1 if phase == last_phase else 1
        last_phase = phase
        deload = phase in ("base", "build") and block_week % DELOAD_EVERY == 0
        progression = 0 if deload or phase not in ("base", "build") else (block_week - 1) % DELOAD_EVERY
        data = athlete.model_dump(mode="json", exclude={"calendar"})
        data["phase"] = "taper" if phase == "race" else phase
        in_week = [r for r in races if week_of <= r.date < week_of + dt.timedelta(weeks=1)]
        runs = _runs_for(scenario, number, phase, week_of, races)
        for race in in_week:
            runs = _run_race(runs, data, race)
        data["runs"] = [r.model_dump(mode="json", exclude_none=True) for r in runs]
        strength = data["strength"]
        strength["progression_week"] = progression
        strength["sessions"] = None  # each phase's own range (DOMAIN.md periodisation); early base: below
        light_only = deload or phase == "recovery"  # deload and post-race: isometrics, mobility, bodyweight
        # Deload: the isometric + mobility session (DOMAIN.md); post-race, taper and a week with a
        # race: light kinds only (R-FREQ, R-TAPER).
        training = not deload and phase in ("base", "build", "peak") and not in_week
        allowed = {"iso_mobility"} if deload else set(catalog().strength_kinds if training else catalog().light_kinds)
        if light_only:  # the template's own exclude still stands (set aside below only if it leaves nothing)
            strength["exclude"] = sorted(set(strength.get("exclude", ())) | {k for k in catalog().strength_kinds
                                                                             if k not in allowed})
        needs = catalog().phase_range(data["phase"], athlete.level)[0] > 0
        set_aside = sorted(allowed) if needs and allowed <= set(strength["exclude"]) else []
        if set_aside:  # the template excludes every kind this week may lift, and in season it lifts (R-FREQ)
            strength["exclude"] = [k for k in strength["exclude"] if k not in allowed]
        strength["include"] = ["iso_mobility"] if deload else [k for k in strength.get("include", []) if k in allowed]
        if not training:  # a class pinned in the template is for training weeks (R-ORDER on race day, too)
            strength["pinned"] = []
        _strength_for(strength, week_of, races, catalog().phase_range(data["phase"], athlete.level)[1], athlete.timezone)
        next_week = _key_runs_ahead(scenario, _runs_for(scenario, number + 1, sequence[number],
                                                        week_of + dt.timedelta(weeks=1), races)) \
            if number < len(sequence) else []
        # last week's and next week's races reach this week's rules through calendar.races (Calendar.neighbours)
        data["calendar"] = {"week_of": week_of.isoformat(), "previous_week": previous, "next_week": next_week,
                            "races": [r.model_dump(mode="json", exclude_none=True) for r in races
                                      if r.date >= week_of - dt.timedelta(weeks=1)]}
        # base: "3 early, tapering to 2" (DOMAIN.md): the phase's most in its first half, where the week holds them
        most = catalog().phase_range("base", athlete.level)[1]
        leads = _leads_into_race(week_of, races)  # a race ahead: a lighter week
        early_half = phase == "base" and not deload and block_week <= -(-sequence.count("base") // 2)
        early = early_half and not leads
        for sessions in ([most, most], None) if early else (None,):
            strength["sessions"] = sessions
            try:
                week = parse_scenario({"athlete": data, "weights": scenario.weights})
            except ScenarioError as err:  # the template asks what this phase cannot give
                raise ScenarioError(err.messages, f"season week {number} ({week_of}, {phase} phase)") from None
            plan = plan_week(week, time_limit=time_limit, explain=sessions is None)
            if plan.status in ("optimal", "feasible"):
                break
        lifts = len(plan.lifts())
        note = None if not early_half or plan.status not in ("optimal", "feasible") or lifts >= most else (
            f"{lifts} strength sessions, not base's early {most}: "
            + ("the week holds a race" if in_week else "the week leads into a race" if leads
               else f"no week with {most} keeps every rule"))
        if set_aside and plan.lifts():
            note = "; ".join(filter(None, [note, f"strength.exclude's {', '.join(set_aside)} set aside: this week "
                                                 f"may lift nothing else"]))
        yield week, SeasonWeek(number=number, week_of=week_of, phase=phase, deload=deload,
                               progression_week=progression, plan=plan, note=note)
        previous = [s.model_dump(mode="json") for s in plan.sessions] if plan.sessions else _fixed_sessions(week)


def _fixed_sessions(week: Scenario) -> list[dict]:
    """What a week with no plan still holds for the next one to see: its pinned runs and classes
    (a club night, a race), which happen whatever the rest of the week does. None of them, and
    the next week wraps onto itself, as the first week does."""
    athlete = week.athlete

    def place(start: int, minutes: int) -> str:
        holding = [w for w in athlete.windows if w.week_start <= start and start + minutes <= w.week_end]
        return holding[0].location if holding else next(iter(athlete.locations), "home")

    fixed = [("run", r.kind, r.pinned_start, r.minutes) for r in athlete.runs if r.pinned_start is not None]
    fixed += [("strength", p.kind, p.start, p.minutes) for p in athlete.strength.pinned]
    return [{"type": kind_of, "day": DAYS[start // DAY_MINUTES], "start": hhmm(start % DAY_MINUTES), "minutes": minutes,
             "kind": kind, "location": place(start, minutes)} for kind_of, kind, start, minutes in sorted(fixed, key=lambda f: f[2])]


def plan_season(scenario: Scenario, race_date: dt.date | str, **options) -> Season:
    """Every week from the start (16 weeks before race week unless ``weeks`` or ``start``
    says otherwise) to race week, and a recovery week after."""
    expect(scenario, Scenario, "plan_season", "from load_template, or parse_scenario of the template")
    weeks = [week for _, week in season_weeks(scenario, race_date, **options)]
    return Season(athlete=scenario.athlete.name, race_date=_date("--race-date", race_date), weeks=weeks)


def _date(option: str, value):
    """A date given as ``datetime.date`` or ISO text (None stays None), else ValueError naming the option."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{option}: {value!r} is not a date; give YYYY-MM-DD or a datetime.date") from None


def check_season(weeks: list[tuple[Scenario, SeasonWeek]]) -> list[str]:
    """Every rule, week by week, with each week's real neighbours on both sides: the week
    before and the week after as they were finally planned (planning only knew what was
    fixed ahead), so a Sunday heavy session and a Monday key run are caught across weeks."""
    from .solve import check_plan

    problems = []
    for i, (scenario, week) in enumerate(weeks):
        if week.plan.status not in ("optimal", "feasible"):
            problems.append(f"week {week.number}: no plan")
            continue
        data = scenario.athlete.model_dump(mode="json")
        if i + 1 < len(weeks):
            data["calendar"]["next_week"] = [s.model_dump(mode="json") for s in weeks[i + 1][1].plan.sessions]
        athlete = parse_scenario({"athlete": data}).athlete
        problems += [f"week {week.number} ({week.week_of}): {p}" for p in check_plan(week.plan, athlete)]
    return problems
