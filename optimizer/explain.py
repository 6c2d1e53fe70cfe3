"""Why no plan: the smallest set of the scenario's requirements that cannot hold together.

The model is rebuilt with one assumption literal per requirement (a rule, a
pinned run, an included kind ...). CP-SAT returns a sufficient set of
assumptions for infeasibility; deletion then shrinks it to a minimal one:
dropping any single requirement left makes the rest plannable.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .build import build_week
from .model import WeekModel
from .scenario import Scenario


def _feasible(m: WeekModel, keep: list[str], settings) -> bool:
    from .solve import _solver

    m.cp.ClearAssumptions()
    m.cp.AddAssumptions([m.requirements[r][0] for r in keep])
    solver = _solver(settings)
    solver.parameters.stop_after_first_solution = True
    return solver.Solve(m.cp) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def conflict(scenario: Scenario, settings) -> list[tuple[str, str]]:
    """A minimal conflicting set of requirements as (id, words), or [] if none is found."""
    from .solve import _solver

    m = build_week(scenario, explain=True)
    m.cp.ClearObjective()
    names = list(m.requirements)
    m.cp.AddAssumptions([m.requirements[r][0] for r in names])
    solver = _solver(settings)
    solver.parameters.num_workers = 1  # the assumption core needs the single-thread search
    if solver.Solve(m.cp) != cp_model.INFEASIBLE:
        return []
    index = {m.requirements[r][0].Index(): r for r in names}
    core = [index[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in index]
    for item in list(core):  # deletion: drop what the conflict does not need
        trial = [r for r in core if r != item]
        if not _feasible(m, trial, settings):
            core = trial
    return [(r, m.requirements[r][1]) for r in core]


def explain_infeasible(scenario: Scenario, settings) -> list[str]:
    core = conflict(scenario, settings)
    if not core:
        return ["no week satisfies every rule, and no smaller conflict was found"]
    rules = sorted({r.split(":")[0] for r, _ in core})
    head = f"No week satisfies all of these at once ({', '.join(rules)}); relax any one of them:"
    return [head] + [f"- {r.split(':')[0]}: {words}" for r, words in core]
