"""Read a week written by a person (a coach's template, last week's plan) as a Plan.

Same session fields as the plan JSON; what can be worked out is filled in: the
session type from its kind, ``end`` from ``minutes`` (or the reverse), ``key`` and
``lower_load`` from the catalogue, and which scenario run each run is (by kind and
minutes, then by kind), so the rule checkers can judge it like a solved week.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .catalog import RUN_KINDS, STRENGTH_KINDS, catalog
from .clock import hhmm, parse_hhmm
from .plan import Plan, Session
from .scenario import Athlete, ScenarioError, error_messages, read_data


def _complete(raw: dict[str, Any]) -> dict[str, Any]:
    s = dict(raw)
    kind = s.get("kind")
    if kind in RUN_KINDS or kind in STRENGTH_KINDS:  # else the kind's own message says what is wrong
        s.setdefault("type", "run" if kind in RUN_KINDS else "strength")
    try:
        if "end" not in s and "start" in s and "minutes" in s:
            s["end"] = hhmm(parse_hhmm(s["start"]) + int(s["minutes"]))
        if "minutes" not in s and "start" in s and "end" in s:
            s["minutes"] = parse_hhmm(s["end"]) - parse_hhmm(s["start"])
    except (ValueError, TypeError):
        pass  # left for validation to report against the field
    if s.get("type") == "run" and kind in RUN_KINDS:
        s.setdefault("key", catalog().run_kinds[kind].key)
        s.setdefault("label", catalog().run_kinds[kind].label)
    if s.get("type") == "strength" and kind in STRENGTH_KINDS:
        s.setdefault("lower_load", catalog().strength_kinds[kind].lower_load)
        s.setdefault("label", catalog().strength_kinds[kind].label)
    if isinstance(s.get("day"), str):
        s["day"] = s["day"].strip().lower()[:3]
    return s


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
                    sessions=[_complete(s) if isinstance(s, dict) else s for s in sessions])
    except ValidationError as err:
        # a type left out is worked out from the kind; when the kind is unknown, its message says it all
        unknown = {f"[{i}].type: required field" for i, s in enumerate(sessions)
                   if isinstance(s, dict) and "type" not in s and s.get("kind") not in RUN_KINDS + STRENGTH_KINDS}
        messages = [m for m in error_messages(err) if not any(u in m for u in unknown)]
        raise ScenarioError(messages, str(path)) from None
    _match_runs(plan.sessions, athlete)
    plan.sessions.sort(key=lambda s: (s.week_start, s.week_end, s.type))
    return plan
