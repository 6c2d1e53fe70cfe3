"""Plan a whole running club: every member's week, shared club sessions, class places.

A club file (YAML, JSON or TOML) names the club, its places, its sessions and
its members::

    name: Riverside Runners
    places:                          # the club's places and their kit
      track: []
      club_gym: [barbell, rack, dumbbells, kettlebell, bench, box, mat]
    group_runs:                      # runs at fixed times that members may join
      track_night: {name: Track night, kind: intervals, at: "tue 19:00", minutes: 70, place: track}
    classes:                         # coach-led strength classes; capacity: places (none = no limit)
      strength: {name: Club strength, kind: full_body, at: "thu 18:30", minutes: 45, place: club_gym, capacity: 12}
    points_per_missed_week: 50       # fairness: see "Class places" below
    history:                         # per class: weeks in a row each member asked and got no place
      strength: {Ana Ruiz: 1}
    members:
      - athlete: {name: Ana Ruiz, ...}   # exactly a scenario's athlete block (weights: beside it)
        joins: [track_night, strength]
      - file: members/tom.yaml           # a scenario file, relative to the club file
        joins: [strength]
      - dir: members/juniors             # every scenario file in a folder; joins apply to each

Joining (the member's scenario stays plain pydantic data; joining makes a new one)

* A group run fixes the member's run of that kind to the club time: the first
  run of that kind not pinned elsewhere gets ``at`` = the club time and the
  club's minutes and name. If the member has no such run, the group run is
  added to their week. Either way it is a hard wish: a week that cannot hold it
  has no plan, and the conflict is reported.
* A class place adds a ``strength.pinned`` session (kind, time, minutes, name),
  which counts toward the member's strength sessions (R-FREQ).
* For both, the club's time becomes an availability window at the club's place
  (the place and its kit are added to the member's locations; a place the
  member already lists keeps its kit plus the club's). Any of the member's own
  windows overlapping it are cut around it, so the member's other free time
  stays free and the session is where the club is.

Class places

Members are independent except for class capacities, so the allocation
decomposes exactly: each member's week is solved once for every combination of
the classes they asked for (usually two solves: with and without). A week that
cannot hold a combination has no plan with it (the reason is kept). Then one
small CP-SAT model picks one combination per member, lexicographically:

1. as many members with a plan as possible (a member whose week needs the class
   comes before one whose week merely gains from it);
2. as many places filled as possible: a member who asked and whose week can
   hold the class gets a place while places remain, even if the class scores
   worse than their own session would;
3. the most total value: for each member, minus their week's total penalty,
   plus ``points_per_missed_week`` for every week in a row they asked for a
   granted class and got no place (``history``), so members who missed out come
   first unless another's week gains much more;
4. among equal allocations, places to members earlier by name (a fixed order).

Given optimal member weeks, this is the best allocation over all subsets (the
tests compare it with brute force). A member left without a place is told why:
the class was full, or their week could not hold it and what conflicts. The
result carries next week's ``history``.

Parallel solves run through an executor (``optimizer.executors``): each solve is
a ``SolveTask`` of plain data, solved with one CP-SAT worker and a fixed seed,
so results are the same whatever the jobs or executor. (A solve that reaches the
time limit returns the best week found, status ``feasible``; which week that is
can depend on the machine's speed.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from ortools.sat.python import cp_model
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .catalog import catalog
from .clock import DAY_MINUTES, DAYS, hhmm
from .executors import Executor, LocalExecutor
from .plan import Plan
from .scenario import (
    RunKindName,
    Scenario,
    ScenarioError,
    StrengthKindName,
    _at_minute,
    _check_at,
    _messages,
    load_scenario,
    parse_scenario,
    read_data,
)
from .solve import plan_week

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
MAX_CLASSES_PER_MEMBER = 3  # each member is solved for every combination: 2**3 weeks at most


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ClubSession(_Strict):
    """A club session at a fixed time and place, within one day."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    at: str
    place: str

    _check = field_validator("at")(classmethod(lambda cls, v: _check_at(v)))

    @property
    def start(self) -> int:
        """Minute of the week it starts."""
        return _at_minute(self.at)

    @property
    def day(self) -> int:
        return self.start // DAY_MINUTES


class GroupRun(_ClubSession):
    """A run members can join, such as the Tuesday track night."""

    kind: RunKindName
    minutes: Annotated[int, Field(gt=0, le=600)]


class ClubClass(_ClubSession):
    """A coach-led strength class; ``capacity`` places (None: room for everyone who asks)."""

    kind: StrengthKindName
    minutes: Annotated[int, Field(ge=20, le=180)]
    capacity: Annotated[int, Field(ge=0)] | None = None


class MemberEntry(_Strict):
    """One line of ``members``: an inline athlete block, a scenario file, or a folder of them."""

    athlete: dict[str, Any] | None = None
    weights: dict[str, Any] | None = None  # with an inline athlete, as in a scenario
    file: str | None = None
    dir: str | None = None
    joins: tuple[str, ...] = ()  # ids of group runs and classes

    @model_validator(mode="after")
    def _one_source(self) -> "MemberEntry":
        given = [k for k in ("athlete", "file", "dir") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of athlete, file, dir (found {', '.join(given) or 'none'})")
        if self.weights is not None and self.athlete is None:
            raise ValueError("weights go with an inline athlete; a scenario file keeps its own weights")
        if len(set(self.joins)) != len(self.joins):
            raise ValueError("joins lists a session twice; list each once")
        return self


class ClubSetup(_Strict):
    """Everything in a club file but the members: the club's places, sessions and fairness history."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    places: dict[str, tuple[str, ...]] = {}
    group_runs: dict[str, GroupRun] = {}
    classes: dict[str, ClubClass] = {}
    points_per_missed_week: Annotated[int, Field(ge=0, le=10_000)] = 50
    history: dict[str, dict[str, Annotated[int, Field(ge=0, le=520)]]] = {}

    @field_validator("places")
    @classmethod
    def _kit(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        known = catalog().equipment
        for place, kit in value.items():
            if not place.strip() or place != place.strip() or " " in place:
                raise ValueError(f"'{place}': a place name is one word, e.g. club_gym")
            for item in kit:
                if item not in known:
                    raise ValueError(f"{place}: unknown equipment '{item}'; known items: {', '.join(known)}")
        return value

    def sessions(self) -> dict[str, GroupRun | ClubClass]:
        return {**self.group_runs, **self.classes}

    def problems(self) -> list[str]:
        """Cross-references pydantic cannot see: places, ids, session ends, history."""
        out = []
        for kind, table in (("group_runs", self.group_runs), ("classes", self.classes)):
            for sid, session in table.items():
                if session.place not in self.places:
                    out.append(f"{kind}.{sid}.place: '{session.place}' is not under places; add it there with its kit")
                if session.start % DAY_MINUTES + session.minutes > DAY_MINUTES:
                    out.append(f"{kind}.{sid}: {session.at} for {session.minutes} min runs past midnight; "
                               f"a club session lies within one day")
        for sid in set(self.group_runs) & set(self.classes):
            out.append(f"classes.{sid}: '{sid}' is also a group run; give each session its own id")
        for sid in self.history:
            if sid not in self.classes:
                out.append(f"history.{sid}: not a class; use one of {', '.join(self.classes) or 'none defined'}")
        return out


class ClubFile(ClubSetup):
    """A club file as written: the setup plus member entries (validated one by one later)."""

    members: Annotated[tuple[MemberEntry, ...], Field(min_length=1)]

    def problems(self) -> list[str]:
        out = super().problems()
        sessions = self.sessions()
        for i, entry in enumerate(self.members):
            for j, sid in enumerate(entry.joins):
                if sid not in sessions:
                    out.append(f"members[{i}].joins[{j}]: '{sid}' is not a club session; "
                               f"use one of {', '.join(sessions) or 'none defined'}")
            wanted = [sid for sid in entry.joins if sid in self.classes]
            if len(wanted) > MAX_CLASSES_PER_MEMBER:
                out.append(f"members[{i}].joins: {len(wanted)} classes; a member may ask for at most "
                           f"{MAX_CLASSES_PER_MEMBER} a week")
        return out


class Member(_Strict):
    """One member, resolved: a valid scenario, or the reasons it is not one."""

    name: str
    origin: str  # where the member was defined, for messages
    joins: tuple[str, ...] = ()
    scenario: Scenario | None = None
    errors: tuple[str, ...] = ()


class Club(ClubSetup):
    """A loaded club: its setup and every member, valid or not (plain data: it pickles)."""

    members: tuple[Member, ...]


# ---- loading --------------------------------------------------------------------------


def parse_club(data: Any, source: str = "club", base: Path | None = None) -> Club:
    """Validate a club's data; raise ScenarioError (exit 2) for a bad club file.

    A member's own bad data does not fail the club: that member carries its
    ScenarioError messages and the others are planned.
    """
    if not isinstance(data, dict):
        raise ScenarioError(["the club file must hold a mapping with name and members"], source)
    try:
        club_file = ClubFile.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(_messages(err), source) from None
    problems = club_file.problems()
    if problems:
        raise ScenarioError(problems, source)
    base = base or Path(".")
    members: list[Member] = []
    for i, entry in enumerate(club_file.members):
        if entry.dir is not None:
            folder = base / entry.dir
            if not folder.is_dir():
                raise ScenarioError([f"members[{i}].dir: no folder '{folder}'; check the path"], source)
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SCENARIO_SUFFIXES)
            members += [_member_from_file(p, entry.joins) for p in files]
        elif entry.file is not None:
            members.append(_member_from_file(base / entry.file, entry.joins))
        else:
            members.append(_inline_member(entry, f"{source} members[{i}]", i))
    fields = {k: getattr(club_file, k) for k in ClubSetup.model_fields}
    return Club(**fields, members=tuple(members))


def load_club(path: str | Path) -> Club:
    """Load a club file (YAML, JSON or TOML); member files are read relative to it."""
    path = Path(path)
    return parse_club(read_data(path), str(path), path.parent)


def _inline_member(entry: MemberEntry, origin: str, index: int) -> Member:
    name = entry.athlete.get("name") if entry.athlete else None
    name = name if isinstance(name, str) and name.strip() else f"member {index + 1}"
    data = {"athlete": entry.athlete, **({"weights": entry.weights} if entry.weights is not None else {})}
    try:
        scenario = parse_scenario(data, origin)
    except ScenarioError as err:
        return Member(name=name, origin=origin, joins=entry.joins, errors=tuple(str(err).splitlines()))
    return Member(name=scenario.athlete.name, origin=origin, joins=entry.joins, scenario=scenario)


def _member_from_file(path: Path, joins: tuple[str, ...]) -> Member:
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        return Member(name=path.stem, origin=str(path), joins=joins, errors=tuple(str(err).splitlines()))
    return Member(name=scenario.athlete.name, origin=str(path), joins=joins, scenario=scenario)


# ---- joining club sessions ------------------------------------------------------------


def join_group_run(scenario: Scenario, run: GroupRun, kit: Sequence[str]) -> Scenario:
    """The member's week with ``run`` in it at the club's time and place (see the module doc)."""
    athlete = scenario.athlete
    day = DAYS[run.day]
    runs = [r.model_dump(mode="json") for r in athlete.runs]
    same = [i for i, r in enumerate(athlete.runs) if r.kind == run.kind and r.at == run.at]
    free = [i for i, r in enumerate(athlete.runs) if r.kind == run.kind and r.at is None and r.day in (None, day)]
    joined = {"kind": run.kind, "minutes": run.minutes, "at": run.at, "name": run.name}
    if same or free:
        index = (same or free)[0]
        runs[index] = {**runs[index], **joined, "day": None}
    else:
        runs.append(joined)
    return _rebuilt(scenario, _room(scenario, run, kit) | {"runs": runs})


def join_class(scenario: Scenario, session: ClubClass, kit: Sequence[str]) -> Scenario:
    """The member's week with a place in ``session``: a pinned strength session there."""
    strength = scenario.athlete.strength.model_dump(mode="json")
    strength["pinned"] = [*strength["pinned"],
                          {"kind": session.kind, "at": session.at, "minutes": session.minutes, "name": session.name}]
    return _rebuilt(scenario, _room(scenario, session, kit) | {"strength": strength})


def _room(scenario: Scenario, session: GroupRun | ClubClass, kit: Sequence[str]) -> dict[str, Any]:
    """Availability and locations with the club session's window cut into the member's own."""
    athlete = scenario.athlete
    start = session.start % DAY_MINUTES
    end = start + session.minutes
    spans = []
    for w in athlete.windows:
        if w.day == session.day and w.start < end and start < w.end:
            spans += [(w.day, a, b, w.location) for a, b in ((w.start, start), (end, w.end)) if b > a]
        else:
            spans.append((w.day, w.start, w.end, w.location))
    spans.append((session.day, start, end, session.place))
    availability: dict[str, list[str]] = {}
    for day, a, b, place in sorted(spans):
        availability.setdefault(DAYS[day], []).append(f"{hhmm(a)}-{hhmm(b)} {place}")
    locations = {place: list(items) for place, items in athlete.locations.items()}
    for _, _, _, place in spans:  # a window without a location used the member's first place
        locations.setdefault(place, [])
    locations[session.place] = sorted(set(locations[session.place]) | set(kit))
    return {"availability": availability, "locations": locations}


def _rebuilt(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    data = scenario.model_dump(mode="json")
    data["athlete"].update(changes)
    return parse_scenario(data)


# ---- solving --------------------------------------------------------------------------


class SolveTask(_Strict):
    """One week to solve in a worker: plain data in, a Plan out."""

    scenario: Scenario
    time_limit: float = 10.0
    seed: int = 0


def solve_task(task: SolveTask) -> Plan:
    """Build and solve one week (one CP-SAT worker). A planner failure is that week's problem, not the club's."""
    try:
        return plan_week(task.scenario, time_limit=task.time_limit, workers=1, seed=task.seed)
    except Exception as err:  # noqa: BLE001 - isolate one member's failure from the club
        return Plan(athlete=task.scenario.athlete.name, status="unknown",
                    problems=[f"the planner failed on this week ({type(err).__name__}: {err}); please report it"])


Combination = frozenset[str]  # the classes a member has places in


class Option(_Strict):
    """A member's week with one combination of class places: solved, or impossible to state."""

    classes: Combination
    scenario: Scenario | None = None
    errors: tuple[str, ...] = ()  # joining made the scenario invalid (e.g. no room for another session)


def member_options(club: Club, member: Member) -> list[Option]:
    """The member's group runs joined, then one option per combination of the classes they asked for."""
    if member.scenario is None:
        return []
    wanted = [sid for sid in member.joins if sid in club.classes]
    options = []
    for size in range(len(wanted) + 1):
        for combo in itertools.combinations(wanted, size):
            scenario = member.scenario
            try:
                for sid in member.joins:  # group runs first, then the classes of this combination
                    if sid in club.group_runs:
                        scenario = join_group_run(scenario, club.group_runs[sid], club.places[club.group_runs[sid].place])
                for sid in combo:
                    scenario = join_class(scenario, club.classes[sid], club.places[club.classes[sid].place])
            except ScenarioError as err:
                options.append(Option(classes=frozenset(combo), errors=tuple(err.messages)))
                continue
            options.append(Option(classes=frozenset(combo), scenario=scenario))
    return options


def _has_week(plan: Plan | None) -> bool:
    return plan is not None and plan.status in ("optimal", "feasible")


# ---- class places ---------------------------------------------------------------------


def allocate(
    penalties: Sequence[Mapping[Combination, int | None]],
    names: Sequence[str],
    capacity: Mapping[str, int | None],
    missed: Mapping[str, Mapping[str, int]] | None = None,
    points_per_missed_week: int = 50,
) -> list[Combination | None]:
    """Choose each member's class places (see "Class places" in the module doc).

    ``penalties[m][combo]`` is member m's week total penalty with places in
    ``combo`` (None: no week). ``missed[class][name]`` counts weeks in a row the
    member missed out. Returns each member's combination, or None (no week).
    """
    missed = missed or {}
    model = cp_model.CpModel()
    rank = {m: r for r, m in enumerate(sorted(range(len(names)), key=lambda m: (names[m], m)))}
    choice: dict[tuple[int, Combination], cp_model.IntVar] = {}
    for m, options in enumerate(penalties):
        mine = [model.NewBoolVar(f"m{m}_{'+'.join(sorted(combo))}") for combo, penalty in options.items()
                if penalty is not None]
        choice |= zip(((m, combo) for combo, penalty in options.items() if penalty is not None), mine)
        model.AddAtMostOne(mine)  # one combination of places per member
    for sid, places in capacity.items():
        if places is not None:
            model.Add(sum(var for (_, combo), var in choice.items() if sid in combo) <= places)
    n = len(names)
    tiers = [
        sum(choice.values()),
        sum(len(combo) * var for (_, combo), var in choice.items()),
        sum((points_per_missed_week * sum(missed.get(sid, {}).get(names[m], 0) for sid in combo)
             - penalties[m][combo]) * var for (m, combo), var in choice.items()),
        sum(len(combo) * (n - rank[m]) * var for (m, combo), var in choice.items()),
    ]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    for tier in tiers:
        if isinstance(tier, int):  # nothing to choose
            continue
        model.Maximize(tier)
        if solver.Solve(model) != cp_model.OPTIMAL:
            raise RuntimeError("the class allocation was not solved to optimality")
        model.Add(tier == round(solver.ObjectiveValue()))
    if not choice:
        return [None] * len(names)
    chosen: list[Combination | None] = [None] * len(names)
    for (m, combo), var in choice.items():
        if solver.BooleanValue(var):
            chosen[m] = combo
    return chosen


# ---- results --------------------------------------------------------------------------

MemberStatus = Literal["optimal", "feasible", "infeasible", "unknown", "invalid"]


class MemberResult(BaseModel):
    """One member's outcome: the week (or why there is none) and their club sessions."""

    name: str
    origin: str
    status: MemberStatus
    plan: Plan | None = None  # None when the member's data is invalid
    problems: list[str] = []  # ScenarioError messages, or why no week exists
    group_runs: list[str] = []  # ids joined
    places: list[str] = []  # class ids with a place
    no_place: dict[str, str] = {}  # class id -> why not

    @property
    def planned(self) -> bool:
        return self.status in ("optimal", "feasible")


class ClassReport(BaseModel):
    """Who asked for a class, who got a place, and who did not and why."""

    id: str
    name: str
    capacity: int | None
    asked: list[str] = []
    placed: list[str] = []
    full: list[str] = []  # could hold it, no place left
    cannot: list[str] = []  # their week could not hold it


class ClubPlan(BaseModel):
    club: str
    members: list[MemberResult]
    classes: list[ClassReport] = []
    history: dict[str, dict[str, int]] = {}  # next week's: weeks in a row without a place

    @property
    def all_planned(self) -> bool:
        return all(m.planned for m in self.members)


def plan_club(
    club: Club,
    *,
    executor: Executor | None = None,
    jobs: int | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
) -> ClubPlan:
    """Plan every member's week and decide the class places.

    Solves run on ``executor`` (default: a local process pool of ``jobs``);
    ``on_progress(done, total)`` is called as solves finish. ``time_limit`` is per solve.
    """
    options = [member_options(club, m) for m in club.members]
    tasks: list[SolveTask] = []
    where: list[tuple[int, int]] = []  # task -> (member, option)
    for m, member_opts in enumerate(options):
        for o, option in enumerate(member_opts):
            if option.scenario is not None:
                tasks.append(SolveTask(scenario=option.scenario, time_limit=time_limit, seed=seed))
                where.append((m, o))
    plans: list[list[Plan | None]] = [[None] * len(opts) for opts in options]
    executor = executor or LocalExecutor(jobs)
    if on_progress:
        on_progress(0, len(tasks))
    for done, (t, plan) in enumerate(executor.as_completed(solve_task, tasks), start=1):
        m, o = where[t]
        plans[m][o] = plan
        if on_progress:
            on_progress(done, len(tasks))

    names = [m.name for m in club.members]
    penalties = [{opt.classes: (plan.total_penalty if _has_week(plan) else None) for opt, plan in zip(opts, member_plans)}
                 for opts, member_plans in zip(options, plans)]
    capacity = {sid: c.capacity for sid, c in club.classes.items()}
    chosen = allocate(penalties, names, capacity, club.history, club.points_per_missed_week)

    reports = {sid: ClassReport(id=sid, name=c.name, capacity=c.capacity) for sid, c in club.classes.items()}
    results = []
    for member, opts, member_plans, combo in zip(club.members, options, plans, chosen):
        result = _member_result(club, member, opts, member_plans, combo, penalties, reports)
        results.append(result)
    return ClubPlan(club=club.name, members=results, classes=list(reports.values()),
                    history=_next_history(club, reports))


def _member_result(club: Club, member: Member, options: list[Option], plans: list[Plan | None],
                   combo: Combination | None, penalties, reports: dict[str, ClassReport]) -> MemberResult:
    runs = [sid for sid in member.joins if sid in club.group_runs]
    wanted = [sid for sid in member.joins if sid in club.classes]
    result = MemberResult(name=member.name, origin=member.origin, status="invalid", group_runs=runs)
    if member.scenario is None:
        result.problems = list(member.errors)
        for sid in wanted:
            result.no_place[sid] = "no place: the member's data is invalid"
        return result
    by_combo = {opt.classes: (opt, plan) for opt, plan in zip(options, plans)}
    held = combo if combo is not None else frozenset()
    for sid in wanted:
        report = reports[sid]
        report.asked.append(member.name)
        if sid in held:
            report.placed.append(member.name)
            continue
        option, plan = by_combo[held | {sid}]
        if not _has_week(plan):
            why = list(option.errors) or (plan.problems if plan else [])
            extra = f" together with {', '.join(sorted(held))}" if held else ""
            result.no_place[sid] = f"no place: your week cannot hold {report.name}{extra}: " + " ".join(why)
            report.cannot.append(member.name)
        else:
            result.no_place[sid] = (f"no place: {report.name} was full ({report.capacity} places); places go first to "
                                    f"members who missed out in earlier weeks, then to the weeks that gain most")
            report.full.append(member.name)
    if combo is None:  # no week in any combination the allocation could give
        option, plan = by_combo[frozenset()]
        result.status = plan.status if plan is not None else "infeasible"
        result.plan = plan
        result.problems = list(option.errors) or (plan.problems if plan else [])
        return result
    option, plan = by_combo[combo]
    result.plan, result.status, result.places = plan, plan.status, sorted(combo, key=wanted.index)
    return result


def _next_history(club: Club, reports: dict[str, ClassReport]) -> dict[str, dict[str, int]]:
    """Weeks in a row without a place: +1 for a member left out because the class was full,
    unchanged for one whose week could not hold it, gone for one who got a place or did not ask."""
    out: dict[str, dict[str, int]] = {}
    for sid, report in reports.items():
        before = club.history.get(sid, {})
        counts = {name: before.get(name, 0) + 1 for name in report.full}
        counts |= {name: before[name] for name in report.cannot if before.get(name)}
        if counts:
            out[sid] = dict(sorted(counts.items()))
    return out


# ---- synthetic clubs ------------------------------------------------------------------

SYNTHETIC_PLACES = {
    "track": [],
    "riverside_park": [],
    "club_gym": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "box", "mat", "bands", "cable"],
}


def synthetic_club_data(n: int, seed: int = 0, *, class_places: int | None = None) -> dict[str, Any]:
    """A club file's data with ``n`` synthetic members (seeded: same ``n`` and ``seed``, same club).

    Members come from ``benchmarks.generate`` (so the benchmarks and the club see the
    same athletes); about one in seven joins the track night or the Sunday long run
    (only if their plan has an unpinned run of that kind) and about half ask for the
    strength class, whose places (default: a third of ``n``, at least one) make it bind.
    """
    import random

    try:
        from benchmarks.generate import corpus_seed, synthetic_scenario
    except ImportError:
        raise RuntimeError("synthetic clubs use benchmarks/generate.py; run from the repository root") from None
    rng = random.Random(seed)
    members = []
    history: dict[str, int] = {}
    for i in range(n):
        scenario = synthetic_scenario(corpus_seed(seed, i))
        athlete = scenario.athlete
        joins = []
        for sid, kind in (("track_night", "intervals"), ("sunday_long", "long")):
            if rng.random() < 0.15 and any(r.kind == kind and r.at is None and r.day is None for r in athlete.runs):
                joins.append(sid)
        if rng.random() < 0.5:
            joins.append("strength_class")
            if rng.random() < 0.2:
                history[athlete.name] = rng.randint(1, 2)
        entry = scenario.model_dump(mode="json", exclude_defaults=True)
        members.append({**entry, "joins": joins})
    return {
        "name": f"Synthetic club {n} (seed {seed})",
        "places": SYNTHETIC_PLACES,
        "group_runs": {
            "track_night": {"name": "Track night", "kind": "intervals", "at": "tue 19:00", "minutes": 70, "place": "track"},
            "sunday_long": {"name": "Sunday long run", "kind": "long", "at": "sun 08:00", "minutes": 100,
                            "place": "riverside_park"},
        },
        "classes": {
            "strength_class": {"name": "Club strength class", "kind": "full_body", "at": "thu 18:30", "minutes": 45,
                               "place": "club_gym", "capacity": class_places if class_places is not None else max(1, n // 3)},
        },
        "history": {"strength_class": history} if history else {},
        "members": members,
    }


def synthetic_club(n: int, seed: int = 0, *, class_places: int | None = None) -> Club:
    """A loaded synthetic club of ``n`` members (see ``synthetic_club_data``)."""
    return parse_club(synthetic_club_data(n, seed, class_places=class_places), f"synthetic club {n} seed {seed}")
