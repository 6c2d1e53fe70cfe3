"""R-RUNS: every run of the athlete's running plan is in the week, exactly once.

The planner places the runs it is given; it never drops or invents one.
"""

from __future__ import annotations

from optimizer.clock import DAYS
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-RUNS"
TITLE = "every run of the running plan is placed once"


def encode(m: WeekModel) -> None:
    for slot in m.slots:
        if slot.type != "run":
            continue
        run = m.athlete.runs[slot.run]
        guard = m.guard(f"{RULE}:{slot.run}", f"{m.athlete.run_ref(slot.run)} ({run.label().lower()}, {run.minutes} min) is in the week")
        m.cp.add(slot.present == 1).only_enforce_if(guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    matched = {}
    for s in plan.runs():
        if s.run is None or not 0 <= s.run < len(athlete.runs):
            problems.append(f"{RULE}: the {s.kind} run on {s.day} is not one of the scenario's runs")
        elif s.run in matched:
            problems.append(f"{RULE}: {athlete.run_ref(s.run)} appears twice ({matched[s.run]} and {s.day})")
        else:
            matched[s.run] = s.day
            want = athlete.runs[s.run]
            if (s.kind, s.minutes) != (want.kind, want.minutes):
                problems.append(
                    f"{RULE}: {athlete.run_ref(s.run)} should be {want.kind} {want.minutes} min, "
                    f"the plan has {s.kind} {s.minutes} min"
                )
    dropped = {s.run for s in plan.dropped_runs}
    for i, run in enumerate(athlete.runs):
        if i not in matched:
            why = "; a replan dropped it (see the week's changes)" if i in dropped else ""
            problems.append(f"{RULE}: {athlete.run_ref(i)} ({run.kind} {run.minutes} min) is missing from the week{why}")
    return problems


def facts(athlete: Athlete) -> list[str]:
    """Runs no window is long enough for (on their pinned day, if pinned)."""
    out = []
    for i, run in enumerate(athlete.runs):
        windows = [w for w in athlete.windows if run.pinned_day is None or w.day == run.pinned_day]
        longest = max((w.minutes for w in windows), default=0)
        if longest < run.minutes:
            where = f" on {DAYS[run.pinned_day]}" if run.pinned_day is not None else ""
            out.append(f"{athlete.run_ref(i)} ({run.label().lower()}) needs {run.minutes} min, and the longest window{where} is {longest} min")
    return out
