"""Read a week written by a person (a coach's template, last week's plan) as a Plan.

Same session fields as the plan JSON; what can be worked out is filled in (the
type, ``end`` or ``minutes``, ``key`` and ``lower_load``: ``Session`` does that for
every hand-written session), and here, which scenario run each run is (by kind and
minutes, then by kind), so the rule checkers can judge it like a solved week.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .catalog import RUN_KINDS, STRENGTH_KINDS
from .plan import Plan, Session
from .scenario import Athlete, ScenarioError, error_messages, read_data
from .source import file_positions


def _match_runs(sessions: list[Session], athlete: Athlete) -> None:
    """Give each run session the index of the scenario run it is, if it does not say."""
    free = [i for i in range(len(athlete.runs)) if i not in {s.run for s in sessions}]
    for exact in (True, False):
        for s in sessions:
            if s.type != "run" or s.run is not None:
                continue
            for i in free:
                run = athlete.runs[i]
                if run.kind == s.kind and (run.minutes == s.minutes or not exact):
                    s.run = i
                    free.remove(i)
                    break


def load_week(path: str | Path, athlete: Athlete) -> Plan:
    data = read_data(path)
    sessions = data.get("sessions") if isinstance(data, dict) else data
    if not isinstance(sessions, list):
        raise ScenarioError(["the week must be a list of sessions, or a mapping with 'sessions:'"], str(path))
    try:
        plan = Plan(athlete=athlete.name, status="checked",
                    sessions=sessions)
    except ValidationError as err:
        # a type left out is worked out from the kind; when the kind is unknown, its message says it all
        unknown = {f"[{i}].type: required field" for i, s in enumerate(sessions)
                   if isinstance(s, dict) and "type" not in s and s.get("kind") not in RUN_KINDS + STRENGTH_KINDS}
        positions = file_positions(path, under=("sessions",) if isinstance(data, list) else ())
        messages = [m for m in error_messages(err, positions, "the README's 'Check a hand-made week'")
                    if not any(u in m for u in unknown)]
        raise ScenarioError(messages, str(path)) from None
    _match_runs(plan.sessions, athlete)
    plan.sessions.sort(key=lambda s: (s.week_start, s.week_end, s.type))
    return plan
