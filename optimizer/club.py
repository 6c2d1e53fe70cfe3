"""Plan a whole running club: every member's week, the group runs they join, class places.

    from optimizer.club import load_club, plan_club
    result = plan_club(load_club("scenarios/club_riverside.yaml"))
    result.members[0].status, result.members[0].plan, result.members[0].classes

The club file and how joining a session changes a member's week are in
``optimizer.club_schema``.

Class places

Members are independent except for class capacities, so the allocation
decomposes exactly: each member's week is solved once for every combination of
the classes they asked for (usually two solves: with and without). A week that
cannot hold a combination has no plan with it (the reason is kept). Then one
small CP-SAT model picks one combination per member, lexicographically:

1. as many members with a week as possible (a member whose week needs the class
   comes before one whose week merely gains from it);
2. as many places filled as possible: a member who asked and whose week can
   hold the class gets a place while places remain, even if the class scores
   worse than their own session would;
3. the highest total priority, where a place's priority is the gain in the
   member's week (total penalty without the class minus with it) plus
   ``points_per_missed_week`` for every week in a row they asked and got no
   place (``history``), so members who missed out come first unless another's
   week gains much more, and nobody is left out week after week;
4. among equal allocations, places to members earlier by name.

Given optimally solved weeks this is the best allocation over all subsets (the
tests compare it with brute force). A member without a place is told why: the
class was full (with their priority and the last one placed), or their week
cannot hold it and what conflicts. The result carries next week's ``history``.

Parallel solves

Each solve is a ``SolveTask`` of plain data, built and solved in a worker of an
executor (``optimizer.executors``) with one CP-SAT worker and a fixed seed, so
the result is the same whatever the jobs or executor. (A solve that reaches the
time limit keeps the best week found, status ``feasible``; which week that is
can depend on the machine's speed.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ortools.sat.python import cp_model
from pydantic import BaseModel, ConfigDict

from .catalog import catalog
from .club_schema import Club, ClubClass, Member, join_class, join_group_run, joined_run, load_club, parse_club
from .executors import Executor, LocalExecutor, Lost
from .plan import Plan
from .scenario import Scenario, ScenarioError
from .solve import SolveSettings, plan_week
from .source import expect

__all__ = ["ClubPlan", "MemberResult", "allocate", "load_club", "parse_club", "plan_club", "synthetic_club"]


# ---- solving --------------------------------------------------------------------------


class SolveTask(BaseModel):
    """One week to solve in a worker: plain data in, a Plan out."""

    model_config = ConfigDict(frozen=True)

    scenario: Scenario
    time_limit: float = 10.0
    seed: int = 0
    fixes: bool = True  # when there is no week, try fixes by re-planning (costly): only for the week without classes


def solve_task(task: SolveTask) -> Plan:
    """Build and solve one week (one CP-SAT worker). A planner failure is that week's problem, not the club's."""
    try:
        return plan_week(task.scenario, time_limit=task.time_limit, workers=1, seed=task.seed, fixes=task.fixes)
    except Exception as err:  # noqa: BLE001 - isolate one member's failure from the club
        return failed_week(task, f"{type(err).__name__}: {err}")


def failed_week(task: SolveTask, why: str) -> Plan:
    """The week of a task the planner failed on: no plan, the reason, and a request to report it."""
    return Plan(athlete=task.scenario.athlete.name, status="unknown",
                problems=[f"the planner failed on this week ({why}); please report it"])


Combination = frozenset[str]  # the classes a member has places in


class Option(BaseModel):
    """A member's week with one combination of class places: solved, or impossible to state."""

    model_config = ConfigDict(frozen=True)

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


def _run_changes(club: Club, member: Member) -> dict[str, str]:
    """Group runs that change the length of the member's own run they take the place of: the
    group runs its minutes, so a 180-minute long run done with a 100-minute group is 100 minutes
    this week, which the member should hear, not find out."""
    athlete = member.scenario.athlete
    out = {}
    for sid in member.joins:
        run = club.group_runs.get(sid)
        index = None if run is None else joined_run(athlete, run)
        if index is not None and athlete.runs[index].minutes != run.minutes:
            own = athlete.runs[index]
            out[sid] = f"your {own.label().lower()} of {own.minutes} min is the group's {run.minutes} min this week"
    return out


def _has_week(plan: Plan | None) -> bool:
    return plan is not None and plan.status in ("optimal", "feasible")


# ---- class places ---------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """Each member's class places (None: no week at all), and whether every tier was proven best."""

    places: list[Combination | None]
    proven: bool = True


ALLOCATION_SECONDS = 30.0  # per tier; each takes well under a second for a thousand members


def allocate(
    penalties: Sequence[Mapping[Combination, int | None]],
    names: Sequence[str],
    capacity: Mapping[str, int | None],
    missed: Mapping[str, Mapping[str, int]] | None = None,
    points_per_missed_week: int = 50,
) -> Allocation:
    """Choose each member's class places (see "Class places" in the module doc).

    ``penalties[m][combo]`` is member m's week total penalty with places in
    ``combo`` (None: no week). ``missed[class][name]`` counts weeks in a row the
    member missed out.
    """
    missed = missed or {}
    model = cp_model.CpModel()
    order = sorted(range(len(names)), key=lambda m: (names[m], m))
    rank = {m: r for r, m in enumerate(order)}
    choice: dict[tuple[int, Combination], cp_model.IntVar] = {}
    # The model is built in name order, each member's combinations in one order: CP-SAT picks
    # among allocations equal on every tier by the model's order, which must not be the file's.
    for m in order:
        combos = sorted((combo for combo, penalty in penalties[m].items() if penalty is not None),
                        key=lambda combo: (len(combo), sorted(combo)))
        mine = [model.new_bool_var(f"m{rank[m]}_{'+'.join(sorted(combo))}") for combo in combos]
        choice |= zip(((m, combo) for combo in combos), mine)
        model.add_at_most_one(mine)  # one combination of places per member
    if not choice:
        return Allocation([None] * len(names))
    for sid, places in capacity.items():
        if places is not None:
            model.add(sum(var for (_, combo), var in choice.items() if sid in combo) <= places)
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
    solver.parameters.max_time_in_seconds = ALLOCATION_SECONDS
    # An assignment with capacities: its LP relaxation is (nearly) exact, so with the full
    # linearization each tier is proven at once; the default level searches for minutes.
    solver.parameters.linearization_level = 2
    proven = True
    for tier in tiers:
        model.maximize(tier)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise RuntimeError(f"no class allocation found ({solver.status_name(status)})")
        proven &= status == cp_model.OPTIMAL
        model.add(tier >= round(solver.objective_value))  # later tiers may not give up this one
        model.clear_hints()  # start the next tier from this allocation: it meets every tier so far
        for var in choice.values():
            model.add_hint(var, solver.boolean_value(var))
    chosen: list[Combination | None] = [None] * len(names)
    for (m, combo), var in choice.items():
        if solver.boolean_value(var):
            chosen[m] = combo
    return Allocation(chosen, proven)


# ---- results --------------------------------------------------------------------------

MemberStatus = Literal["optimal", "feasible", "infeasible", "unknown", "invalid"]


class ClassSeat(BaseModel):
    """A member's request for a class place, and what came of it."""

    outcome: Literal["place", "full", "cannot", "invalid"]  # cannot: their week could not hold the class
    gain: int | None = None  # how much the class lowers their week's total penalty (None: no week without it)
    missed_weeks: int = 0  # weeks in a row without a place before this one (history)
    detail: str = ""  # why not, in words


class MemberResult(BaseModel):
    """One member's outcome: the week (or why there is none) and their club sessions."""

    name: str
    origin: str
    status: MemberStatus
    plan: Plan | None = None  # None when the member's data is invalid
    problems: list[str] = []  # ScenarioError messages, or why no week exists
    group_runs: list[str] = []  # ids joined
    run_changes: dict[str, str] = {}  # group run id -> how joining it changed the member's own run, in words
    classes: dict[str, ClassSeat] = {}  # class id -> place or why not

    @property
    def planned(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def places(self) -> list[str]:
        return [sid for sid, seat in self.classes.items() if seat.outcome == "place"]

    def joined_words(self) -> list[str]:
        """The group runs joined, each with how it changed the member's own run, if it did."""
        return [f"{sid}: joined" + (f" ({self.run_changes[sid]})" if sid in self.run_changes else "")
                for sid in self.group_runs]


class ClassReport(BaseModel):
    """Who asked for a class, who got a place, and who did not and why."""

    id: str
    name: str
    capacity: int | None
    asked: list[str] = []
    placed: list[str] = []
    full: list[str] = []  # could hold it, no place left
    cannot: list[str] = []  # their week could not hold it
    invalid: list[str] = []  # their data was not a valid scenario this week
    lowest_priority_placed: int | None = None  # gain + fairness points of the last place given, when full


class ClubPlan(BaseModel):
    """A club's week (``plan_club``): each member's outcome, each class's places, and the fairness
    history to give the next week's club file."""

    club: str
    members: list[MemberResult]
    classes: list[ClassReport] = []
    history: dict[str, dict[str, int]] = {}  # next week's: weeks in a row without a place
    allocation_proven: bool = True  # False: the class places are the best found in the time allowed

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
    The pool's workers start from a fork server, which imports the calling script
    again: a script that calls this with any ``jobs`` but 1 (the default too: the cores)
    needs ``if __name__ == "__main__":``, or ``WorkersCannotStart`` is raised.
    """
    expect(club, Club, "plan_club", "from load_club")
    SolveSettings(time_limit=time_limit, seed=seed)  # bad settings raise here, not in every worker
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs: {jobs!r} must be a whole number of processes, 1 or more (None: one per core)")
    options = [member_options(club, m) for m in club.members]
    tasks: list[SolveTask] = []
    where: list[tuple[int, int]] = []  # task -> (member, option)
    for m, member_opts in enumerate(options):
        for o, option in enumerate(member_opts):
            if option.scenario is not None:
                # a week with a class that cannot hold it needs only the conflict as its reason
                tasks.append(SolveTask(scenario=option.scenario, time_limit=time_limit, seed=seed,
                                       fixes=not option.classes))
                where.append((m, o))
    plans: list[list[Plan | None]] = [[None] * len(opts) for opts in options]
    executor = executor or LocalExecutor(jobs)
    if on_progress:
        on_progress(0, len(tasks))
    for done, (t, plan) in enumerate(executor.as_completed(solve_task, tasks), start=1):
        m, o = where[t]
        if isinstance(plan, Lost):  # its worker process died: the others' weeks stand
            plan = failed_week(tasks[t], plan.reason)
        plans[m][o] = plan
        if on_progress:
            on_progress(done, len(tasks))

    weeks = [{opt.classes: (opt, plan) for opt, plan in zip(opts, member_plans)}
             for opts, member_plans in zip(options, plans)]
    penalties = [{combo: (plan.total_penalty if _has_week(plan) else None) for combo, (_, plan) in week.items()}
                 for week in weeks]
    allocation = allocate(penalties, [m.name for m in club.members],
                          {sid: c.capacity for sid, c in club.classes.items()}, club.history, club.points_per_missed_week)
    results = [_member_result(club, member, week, combo)
               for member, week, combo in zip(club.members, weeks, allocation.places)]
    reports = _class_reports(club, results)
    for result in results:  # say how close a member left out of a full class came
        for sid, seat in result.classes.items():
            if seat.outcome == "full":
                seat.detail = _full_detail(club, club.classes[sid], reports[sid], seat)
    return ClubPlan(club=club.name, members=results, classes=list(reports.values()),
                    history=_next_history(club, reports), allocation_proven=allocation.proven)


def _member_result(club: Club, member: Member, week: dict[Combination, tuple[Option, Plan | None]],
                   combo: Combination | None) -> MemberResult:
    wanted = [sid for sid in member.joins if sid in club.classes]
    result = MemberResult(name=member.name, origin=member.origin, status="invalid",
                          group_runs=[sid for sid in member.joins if sid in club.group_runs])
    if member.scenario is None:
        result.problems = list(member.errors)
        result.classes = {sid: ClassSeat(outcome="invalid", detail="the member's data is invalid") for sid in wanted}
        return result
    result.run_changes = _run_changes(club, member)
    held = combo or frozenset()
    _, plan_held = week[held]
    for sid in wanted:
        missed = club.history.get(sid, {}).get(member.name, 0)
        if sid in held:
            _, without = week[held - {sid}]
            gain = without.total_penalty - plan_held.total_penalty if _has_week(without) else None
            result.classes[sid] = ClassSeat(outcome="place", gain=gain, missed_weeks=missed)
            continue
        option, with_it = week[held | {sid}]
        if not _has_week(with_it):
            why = list(option.errors) or (with_it.problems if with_it else [])
            extra = f" (with {', '.join(sorted(held))})" if held else ""
            result.classes[sid] = ClassSeat(outcome="cannot", missed_weeks=missed,
                                            detail=f"{club.classes[sid].name}{extra}: " + " ".join(why))
        else:
            gain = plan_held.total_penalty - with_it.total_penalty if _has_week(plan_held) else None
            result.classes[sid] = ClassSeat(outcome="full", gain=gain, missed_weeks=missed)
    option, plan = week[held]
    result.plan, result.status = plan, (plan.status if plan is not None else "infeasible")
    if combo is None:  # no week in any combination the allocation could give
        result.problems = list(option.errors) or (plan.problems if plan else [])
    return result


def _priority(club: Club, seat: ClassSeat) -> int | None:
    return None if seat.gain is None else seat.gain + club.points_per_missed_week * seat.missed_weeks


def _class_reports(club: Club, results: list[MemberResult]) -> dict[str, ClassReport]:
    reports = {sid: ClassReport(id=sid, name=c.name, capacity=c.capacity) for sid, c in club.classes.items()}
    for result in results:
        for sid, seat in result.classes.items():
            report = reports[sid]
            report.asked.append(result.name)
            {"place": report.placed, "full": report.full, "cannot": report.cannot,
             "invalid": report.invalid}[seat.outcome].append(result.name)
    for sid, report in reports.items():
        if report.full:
            placed = [_priority(club, r.classes[sid]) for r in results if sid in r.places]
            known = [p for p in placed if p is not None]
            report.lowest_priority_placed = min(known) if known else None
    return reports


def _full_detail(club: Club, session: ClubClass, report: ClassReport, seat: ClassSeat) -> str:
    could = len(report.placed) + len(report.full)
    text = (f"{session.name} was full: {session.capacity} place{'' if session.capacity == 1 else 's'} for {could} "
            f"members whose week could hold it. "
            f"Places go by priority: the gain in the week's score plus {club.points_per_missed_week} "
            f"per week missed in a row, ties by name.")
    priority = _priority(club, seat)
    if priority is not None:
        text += f" Yours: gain {seat.gain} + {club.points_per_missed_week} x {seat.missed_weeks} = {priority}"
        # no priority to quote when no place was given, or each went to a week that needs the class
        last = report.lowest_priority_placed
        text += f"; the last place went to priority {last}." if last is not None else "."
    return text


def _next_history(club: Club, reports: dict[str, ClassReport]) -> dict[str, dict[str, int]]:
    """Weeks in a row without a place: +1 for a member left out because the class was full,
    unchanged for one whose week could not hold it (or whose data is invalid this week), gone for
    one who got a place or did not ask."""
    out: dict[str, dict[str, int]] = {}
    for sid, report in reports.items():
        before = club.history.get(sid, {})
        counts = {name: before.get(name, 0) + 1 for name in report.full}
        counts |= {name: before[name] for name in report.cannot + report.invalid if before.get(name)}
        if counts:
            out[sid] = dict(sorted(counts.items()))
    return out


# ---- synthetic clubs ------------------------------------------------------------------

SYNTHETIC_PLACES = {
    "track": [],
    "riverside_park": [],
    "club_gym": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "box", "mat", "bands", "cable"],
}


SYNTHETIC_CLASS = {"name": "Club strength class", "kind": "full_body", "at": "thu 18:30", "minutes": 45,
                   "place": "club_gym"}


def synthetic_club_data(n: int, seed: int = 0, *, class_places: int | None = None) -> dict[str, Any]:
    """A club file's data with ``n`` synthetic members (seeded: same ``n`` and ``seed``, same club).

    Members come from ``benchmarks.generate`` (so the benchmarks and the club see the
    same athletes). About one in seven joins the track night or the Sunday long run
    (only with a free run of that kind in their plan, as a runner would). Three in
    four of those for whom the class suits their week on paper ask for it (not
    tapering or racing, lifting allowed that long and that often); some still cannot
    fit it, for reasons only planning finds. The class's places (default: a fifth
    of ``n``, at least one) make it bind, and one asker in five missed out before.
    """
    import random

    try:
        from benchmarks.generate import corpus_seed, synthetic_scenario
    except ImportError:
        raise RuntimeError("synthetic clubs use benchmarks/generate.py: run `python -m optimizer club synthetic` from the repository root") from None
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
        if _class_suits(athlete, SYNTHETIC_CLASS) and rng.random() < 0.75:
            joins.append("strength_class")
            if rng.random() < 0.2:
                history[athlete.name] = rng.randint(1, 2)
        entry = scenario.model_dump(mode="json", exclude_defaults=True)
        members.append({**entry, "joins": joins})
    places = class_places if class_places is not None else max(1, n // 5)
    return {
        "name": f"Synthetic club {n} (seed {seed})",
        "places": SYNTHETIC_PLACES,
        "group_runs": {
            "track_night": {"name": "Track night", "kind": "intervals", "at": "tue 19:00", "minutes": 70, "place": "track"},
            "sunday_long": {"name": "Sunday long run", "kind": "long", "at": "sun 08:00", "minutes": 100,
                            "place": "riverside_park"},
        },
        "classes": {"strength_class": {**SYNTHETIC_CLASS, "capacity": places}},
        "history": {"strength_class": history} if history else {},
        "members": members,
    }


def _class_suits(athlete, session: dict[str, Any]) -> bool:
    """Would a runner ask for this class, looking at their own week on paper?"""
    kind = session["kind"]
    return (athlete.in_season and kind in catalog().phase_kinds.get(athlete.phase, (kind,))
            and kind not in athlete.strength.exclude
            and athlete.strength.max_minutes >= session["minutes"]
            and athlete.session_range[1] >= 1 + len(set(athlete.strength.include) - {kind}))


def synthetic_club(n: int, seed: int = 0, *, class_places: int | None = None) -> Club:
    """A loaded synthetic club of ``n`` members (see ``synthetic_club_data``)."""
    return parse_club(synthetic_club_data(n, seed, class_places=class_places), f"synthetic club {n} seed {seed}")
