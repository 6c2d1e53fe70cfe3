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

from pydantic import BaseModel

from .catalog import KEY_RUNS, catalog
from .clock import DAY_MINUTES, DAYS, hhmm, parse_hhmm
from .plan import Plan
from .scenario import RACE_MINUTES, Race, Run, Scenario, ScenarioError, parse_scenario
from .solve import plan_week

REFERENCE = {"base": 6, "build": 6, "peak": 2}  # of 14 weeks before taper and race week (16 in all)
DELOAD_EVERY = 4


class SeasonWeek(BaseModel):
    number: int  # 1 = the first week
    week_of: dt.date
    phase: str  # base | build | peak | taper | race | recovery
    deload: bool = False
    progression_week: int = 0
    plan: Plan


class Season(BaseModel):
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


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _runs_for(scenario: Scenario, number: int, phase: str) -> list[Run]:
    season = scenario.season
    runs = season.week_runs.get(number)  # an explicit [] is a week without running, not "use the template"
    if runs is None:
        runs = season.phase_runs.get(phase)
    if runs is None:
        runs = [r for r in scenario.athlete.runs if r.kind != "race"]  # a season's races are dated
        if phase == "taper":  # shorter running before the race
            runs = [r.model_copy(update={"minutes": max(20, round(r.minutes * 0.7))}) for r in runs]
        elif phase == "race":
            runs = [Run(kind="easy", minutes=30), Run(kind="easy", minutes=25)]
        elif phase == "recovery":
            runs = [Run(kind="recovery", minutes=30), Run(kind="easy", minutes=30)]
    return list(runs)


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


def _run_race(data: dict, race: Race) -> None:
    """The race as this week's pinned run, with a window for it at the athlete's first place."""
    day, end = DAYS[race.date.weekday()], hhmm(parse_hhmm(race.at) + RACE_MINUTES[race.distance])
    data["runs"].append({"kind": "race", "minutes": RACE_MINUTES[race.distance], "distance": race.distance,
                         "at": f"{day} {race.at}", "name": race.name or f"{race.distance} race"})
    place = next(iter(data["locations"]), None)
    data["availability"].setdefault(day, []).append(f"{race.at}-{end} {place}" if place else f"{race.at}-{end}")


def season_weeks(scenario: Scenario, race_date: dt.date, *, weeks: int | None = None, start: dt.date | None = None,
                 race_time: str = "08:00", time_limit: float = 10.0):
    """Plan the season week by week, yielding each week's scenario (its calendar included) and result."""
    race_monday = _monday(race_date)
    if start is not None:
        weeks = (race_monday - _monday(start)).days // 7 + 1
        if weeks < 1:
            raise ValueError(f"the season starts after the race ({start} > {race_date})")
    weeks = weeks or 16
    first = race_monday - dt.timedelta(weeks=weeks - 1)
    athlete = scenario.athlete
    distance = athlete.goal if athlete.goal != "general" else "10k"
    goal = Race(date=race_date, at=hhmm(parse_hhmm(race_time)), distance=distance, name="Race day")
    # The scenario's own dated races (tune-ups) keep their dates: each is run on its day and
    # R-TAPER and the week either side see it. A template run of kind race has no date: dropped.
    races = [goal] + [r for r in (athlete.calendar.races if athlete.calendar else ()) if r.date != race_date]
    for race in races:
        if parse_hhmm(race.at) + RACE_MINUTES[race.distance] > DAY_MINUTES:  # a week's sessions end by midnight
            field = "--race-time" if race is goal else f"athlete.calendar.races ({race.date})"
            raise ValueError(f"{field}: a {race.distance} race ({RACE_MINUTES[race.distance]} min) starting at "
                             f"{race.at} ends after midnight; start it by {hhmm(DAY_MINUTES - RACE_MINUTES[race.distance])}")
    previous: list[dict] = []
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
        data["runs"] = [r.model_dump(mode="json", exclude_none=True) for r in _runs_for(scenario, number, phase)]
        strength = data["strength"]
        strength["progression_week"] = progression
        strength["sessions"] = None  # each phase's own range (DOMAIN.md periodisation)
        light_only = deload or phase == "recovery"  # deload and post-race: isometrics, mobility, bodyweight
        racing = [r for r in races if week_of <= r.date < week_of + dt.timedelta(weeks=1)]
        if racing and phase != "race":  # a tune-up race is the week's long effort
            data["runs"] = [r for r in data["runs"] if r["kind"] != "long"]
        # Deload: the isometric + mobility session (DOMAIN.md); post-race, taper and a week with a
        # race: light kinds only (R-FREQ, R-TAPER). A class pinned in the template is skipped.
        allowed = {"iso_mobility"} if deload else set(catalog().light_kinds) \
            if phase in ("recovery", "taper", "race") or racing else set(catalog().strength_kinds)
        strength["pinned"] = [p for p in strength["pinned"] if p["kind"] in allowed]
        if light_only:
            strength["exclude"] = sorted(k for k in catalog().strength_kinds if k not in allowed)
        if deload:
            strength["include"] = ["iso_mobility"]
        elif phase in ("peak", "taper", "race", "recovery") or racing:
            strength["include"] = [k for k in strength.get("include", []) if k in catalog().light_kinds]
        next_week = _key_runs_ahead(scenario, _runs_for(scenario, number + 1, sequence[number])) \
            if number < len(sequence) else []
        for race in racing:
            _run_race(data, race)
        # next week's races reach this week's rules through calendar.races (Calendar.neighbours)
        data["calendar"] = {"week_of": week_of.isoformat(), "previous_week": previous, "next_week": next_week,
                            "races": [r.model_dump(mode="json", exclude_none=True) for r in races if week_of <= r.date]}
        try:
            week = parse_scenario({"athlete": data, "weights": scenario.weights})
        except ScenarioError as err:  # the template asks what this phase cannot give
            raise ScenarioError(err.messages, f"season week {number} ({week_of}, {phase} phase)") from None
        plan = plan_week(week, time_limit=time_limit)
        yield week, SeasonWeek(number=number, week_of=week_of, phase=phase, deload=deload,
                               progression_week=progression, plan=plan)
        previous = [s.model_dump(mode="json") for s in plan.sessions]


def plan_season(scenario: Scenario, race_date: dt.date, **options) -> Season:
    """Every week from the start (16 weeks before race week unless ``weeks`` or ``start``
    says otherwise) to race week, and a recovery week after."""
    weeks = [week for _, week in season_weeks(scenario, race_date, **options)]
    return Season(athlete=scenario.athlete.name, race_date=race_date, weeks=weeks)


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
