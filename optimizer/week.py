"""Read a week written by a person (a coach's template, last week's plan) as a Plan.

Same session fields as the plan JSON; what can be worked out is filled in (the
type, ``end`` or ``minutes``, ``key`` and ``lower_load``: ``Session`` does that for
every hand-written session), and here, which scenario run each run is (by kind, in
the pairing with the fewest wrong lengths and broken pins), so the rule checkers can
judge it like a solved week.
"""

from __future__ import annotations

from pathlib import Path

from ortools.graph.python.linear_sum_assignment import SimpleLinearSumAssignment
from pydantic import TypeAdapter, ValidationError

from .catalog import RUN_KINDS, STRENGTH_KINDS
from .plan import Plan, Session
from .scenario import Athlete, ScenarioError, error_messages, read_data
from .source import did_you_mean, file_positions, locate, located, placed


def match_runs(plan: Plan, athlete: Athlete) -> Plan:
    """``plan`` with each run session that does not say which scenario run it is given the one it
    is (a copy; ``plan`` itself if every run says). Runs pair by kind, in the pairing the checkers
    find least wrong with (an optimal assignment): a week that keeps every pin and every length
    is never judged against another pairing that breaks one, whatever order its file lists them
    in. Among pairings as good, the week's runs in time order pair with the scenario's in its order."""
    from constraints.pinned import breaks_pin

    if all(s.run is not None for s in plan.runs()):
        return plan
    plan = plan.model_copy(deep=True)
    sessions = sorted((s for s in plan.runs() if s.run is None), key=lambda s: (s.week_start, s.week_end, s.kind))
    taken = {s.run for s in plan.runs()}
    free = [i for i in range(len(athlete.runs)) if i not in taken]
    # Costs in complaints the checkers would make: a wrong length (R-RUNS), a broken pin
    # (R-PINNED); a run left unpaired is one on each side (R-RUNS: "not one of the scenario's
    # runs", "missing") and a little more, so a run of the right kind is always paired. Out of
    # order pairings cost less than a complaint in all: the tie-break.
    complaint = 2 * len(sessions) * (len(sessions) + len(free)) + 1
    unpaired = complaint + complaint // 2
    pairing = SimpleLinearSumAssignment()  # each side padded with "unpaired" nodes for the other's
    for a, session in enumerate(sessions):
        for b, i in enumerate(free):
            run = athlete.runs[i]
            if run.kind == session.kind:
                wrong = (session.minutes != run.minutes) + breaks_pin(session, run)
                pairing.add_arc_with_cost(a, b, complaint * wrong + abs(a - b))
        pairing.add_arc_with_cost(a, len(free) + a, unpaired)
    for b in range(len(free)):
        pairing.add_arc_with_cost(len(sessions) + b, b, unpaired)
        for a in range(len(sessions)):
            pairing.add_arc_with_cost(len(sessions) + b, len(free) + a, 0)
    if pairing.solve() != pairing.OPTIMAL:  # the padding always pairs everything
        raise RuntimeError("no pairing of the week's runs with the scenario's")
    for a, session in enumerate(sessions):
        if (b := pairing.right_mate(a)) < len(free):
            session.run = free[b]
    return plan


def _run_numbers_wrong(plan: Plan, athlete: Athlete) -> list[str]:
    """A session's ``run`` that names no scenario run, or is on a lift: left in, the run would only
    read as "not one of the scenario's runs" with no field named."""
    runs = len(athlete.runs)
    numbered = ("0 is run #1, the first it lists" + (f", to {runs - 1}, run #{runs}" if runs > 1 else "")
                + "; correct it, or leave run out and the run is paired by its kind") if runs else \
        "it lists none; remove run"
    return [f"sessions[{i}].run: {s.run} is not one of the scenario's runs ({numbered})" if s.type == "run" else
            f"sessions[{i}].run: a strength session is not a run; remove run"
            for i, s in enumerate(plan.sessions) if s.run is not None and (s.type != "run" or not 0 <= s.run < runs)]


def load_week(path: str | Path, athlete: Athlete) -> Plan:
    """The week in ``path`` as a Plan to check against ``athlete``; bad input is a ScenarioError
    naming the field (with its line and column) and the fix."""
    data = read_data(path)
    # a plan's own JSON is a week too (its other fields are ignored but dropped_runs, which R-RUNS
    # reads to say why a run is missing); a misspelt field is not
    fields = set(Plan.model_fields) | set(Plan.model_computed_fields)
    if isinstance(data, dict) and (unknown := [str(k) for k in data if k not in fields]):
        positions = file_positions(path)
        raise ScenarioError([placed(locate(positions, (key,), key=True), f"{key}: unknown field; {did_you_mean(key, fields)}"
                                    f"a week has 'sessions:' (a plan's JSON may be given as it is)") for key in unknown],
                            str(path))
    sessions = data.get("sessions") if isinstance(data, dict) else data
    if not isinstance(sessions, list):
        raise ScenarioError(["the week must be a list of sessions, or a mapping with 'sessions:'"], str(path))
    def positions():  # read again only when there is an error to place; a bare list is the sessions
        return file_positions(path, under=("sessions",) if isinstance(data, list) else ())

    try:
        plan = Plan(athlete=athlete.name, status="checked", sessions=sessions)
    except ValidationError as err:
        # a type left out is worked out from the kind; when the kind is unknown, its message says it all
        unknown = {f"[{i}].type: required field" for i, s in enumerate(sessions)
                   if isinstance(s, dict) and "type" not in s and s.get("kind") not in RUN_KINDS + STRENGTH_KINDS}
        messages = [m for m in error_messages(err, positions(), "the README's 'Check a hand-made week'", Plan)
                    if not any(u in m for u in unknown)]
        raise ScenarioError(messages, str(path)) from None
    if wrong := _run_numbers_wrong(plan, athlete):
        where = positions()
        raise ScenarioError([located(m, where) for m in wrong], str(path))
    plan.sessions.sort(key=lambda s: (s.week_start, s.week_end, s.type))
    plan.dropped_runs = _dropped_runs(data)
    return match_runs(plan, athlete)


_SESSIONS = TypeAdapter(list[Session])


def _dropped_runs(data) -> list[Session]:
    """The runs a replan's week says it dropped, so R-RUNS can say why one is missing: words only,
    so a list that does not read as sessions is left out rather than refused."""
    try:
        return _SESSIONS.validate_python(data.get("dropped_runs") or [])
    except (ValidationError, AttributeError):
        return []
