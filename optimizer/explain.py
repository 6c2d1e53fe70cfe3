"""Why no plan: the smallest set of the scenario's requirements that cannot hold together.

The model is rebuilt with one assumption literal per requirement (a rule, a
pinned run, an included kind ...). CP-SAT returns a sufficient set of
assumptions for infeasibility; deletion then shrinks it to a minimal one:
dropping any single requirement left makes the rest of the set plannable on
its own. That is not "drop it from the scenario and a week exists": another
conflict may remain (so the words say so, and every fix offered is checked by
planning the changed scenario again).
"""

from __future__ import annotations

from collections.abc import Collection

from ortools.sat.python import cp_model

from .build import build_week
from .clock import DAYS
from .model import WeekModel
from .plan import Plan
from .scenario import Scenario


def _feasible(m: WeekModel, keep: list[str], settings) -> bool:
    from .solve import _solver

    m.cp.clear_assumptions()
    m.cp.add_assumptions([m.requirements[r][0] for r in keep])
    solver = _solver(settings, m.athlete)
    solver.parameters.stop_after_first_solution = True
    # Not proven impossible within the time limit counts as possible: the requirement then stays
    # in the conflict, which is a true conflict still, only perhaps not the smallest.
    return solver.solve(m.cp) != cp_model.INFEASIBLE


def done_requirements(scenario: Scenario, days: Collection[str]) -> set[str]:
    """The requirements that hold what was done on ``days`` (a replan's past and done days):
    the runs and lifts pinned there. They are history, not something to give up, so a
    conflict never names them."""
    athlete = scenario.athlete
    runs = [i for i, run in enumerate(athlete.runs) if run.pinned_day is not None and DAYS[run.pinned_day] in days]
    lifts = [j for j, lift in enumerate(athlete.strength.pinned) if lift.at.split()[0] in days]
    return {f"R-PINNED:{i}" for i in runs} | {f"R-RUNS:{i}" for i in runs} | {f"R-PINNED:lift:{j}" for j in lifts}


def conflict(scenario: Scenario, settings, extra=None, done: Collection[str] = ()) -> list[tuple[str, str]]:
    """A minimal conflicting set of requirements as (id, words), or [] if none is found.
    ``extra(model)`` may add a demand first (e.g. "do better on S-STACK"); the requirements
    in ``done`` always hold and are never part of the set."""
    from .solve import _solver

    m = build_week(scenario, explain=True, lift_per_window=extra is not None)
    m.cp.clear_objective()
    if extra is not None:
        extra(m)
    for r in done:
        if r in m.requirements:
            m.cp.add(m.requirements[r][0] == 1)
    names = [r for r in m.requirements if r not in done]
    m.cp.add_assumptions([m.requirements[r][0] for r in names])
    solver = _solver(settings, m.athlete)
    solver.parameters.num_workers = 1  # the assumption core needs the single-thread search
    if solver.solve(m.cp) != cp_model.INFEASIBLE:
        return []
    index = {m.requirements[r][0].index: r for r in names}
    core = [index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index]
    for item in list(core):  # deletion: drop what the conflict does not need
        trial = [r for r in core if r != item]
        if not _feasible(m, trial, settings):
            core = trial
    return [(r, m.requirements[r][1]) for r in core]


def _grouped(core: list[tuple[str, str]]) -> list[str]:
    """One line per rule: a rule with many items in the conflict (seven pinned runs) reads as one."""
    by_rule: dict[str, list[str]] = {}
    for requirement, words in core:
        by_rule.setdefault(requirement.split(":")[0], []).append(words)
    return [f"- {rule}: {'; '.join(words)}" for rule, words in by_rule.items()]


def explain_infeasible(scenario: Scenario, settings, *, fixes: bool = True, closed: Collection[str] = (),
                       done: Collection[str] = ()) -> list[str]:
    """The conflict in the runner's words, the facts behind it, and fixes proven by planning again.
    What is pinned on the ``done`` days (a replan's history) is never named as part of it."""
    from constraints import RULES_BY_ID

    from .fixes import verified

    core = conflict(scenario, settings, done=done_requirements(scenario, done))
    if not core:
        return ["No week satisfies every rule, and no smaller conflict was found."]
    rules = sorted({r.split(":")[0] for r, _ in core})
    lines = [f"No week satisfies all of these at once ({', '.join(rules)}); every one of them is part of the "
             f"conflict, though dropping one may leave another:" if len(core) > 1 else
             f"No week satisfies this ({rules[0]}), whatever else is given up:"]
    lines += _grouped(core)
    facts = [fact for rule in rules for fact in getattr(RULES_BY_ID.get(rule), "facts", lambda a: [])(scenario.athlete)]
    if not scenario.athlete.windows:  # said once, in place of each rule's "the longest window is 0 min"
        facts = ["no window is left this week: the days with one are past, done or now unavailable"] if closed else \
            ["availability has no windows, so no session has a place; add the times you can train, "
             "e.g. sat: [\"07:00-09:00\"]"]
    if facts:
        lines += ["Why:"] + [f"- {fact}" for fact in facts]
    if not fixes:
        return lines
    found = verified(scenario, [r for r, _ in core], settings, closed=closed)
    lines += (["Changes that give a week (each checked by planning again):"] + [f"- {fix}" for fix in found]) if found \
        else ["No single small change found gives a week; relax one of the requirements above."]
    return lines


def why_this_plan(scenario: Scenario, plan, settings) -> dict[str, list[str]]:
    """For each soft goal the week pays for, why no week pays less for it.

    The solver is asked for a week strictly better on that goal alone. If none
    exists, the hard rules that stand in the way are named (a minimal conflict);
    if one does, what it would cost on the other goals is said. Each answer is a
    solve, not a guess. A goal the scenario weights 0 counts for nothing, so a
    better week may cost nothing either: it is said so, with no solve. A plan the
    time limit stopped short of the optimum (``feasible``) may have a rival better
    overall, or better on the goal at a lower cost than the one found, and a rival
    search the time limit stops before any week proves nothing: each is said as
    such, never as a proven "costs more elsewhere" or as a rule in the way.
    """
    from constraints import GOALS_BY_ID

    from .solve import score_plan, solve_week

    out: dict[str, list[str]] = {}
    for goal, score in plan.score.items():
        if score.penalty == 0:
            continue
        title = GOALS_BY_ID[goal].TITLE
        if not score.weight:
            out[goal] = [f"{goal} is weighted 0 in this scenario: it counts for nothing, so the plan does not "
                         f"try to do better on {title}"]
            continue
        better = score.penalty - 1

        def demand(m, goal=goal, better=better):
            m.cp.add(m.penalties[goal] <= better)

        model = build_week(scenario)
        demand(model)
        rival = solve_week(model, settings)
        if rival.status in ("optimal", "feasible"):
            rival.score = score_plan(rival, scenario.athlete, scenario.weight)
            totals = f"total {rival.total_penalty} against {plan.total_penalty}"
            if plan.status != "optimal" and rival.total_penalty < plan.total_penalty:
                out[goal] = [f"a better week exists ({totals}), better on {title} too: the time limit stopped "
                             f"the search before it found it; allow more time"]
                continue
            costs = ", ".join(f"{g} +{r.weighted - plan.score[g].weighted}" for g, r in rival.score.items()
                              if r.weighted > plan.score[g].weighted)
            if plan.status == "optimal":  # proven: every week better on the goal costs more in all
                least = "" if rival.status == "optimal" else "; the least found in the time limit"
                how = _how_it_differs(rival, plan)
                out[goal] = [f"a week better on {title} exists{f' ({how})' if how else ''}, but costs more "
                             f"elsewhere ({costs}; {totals}{least})"]
            else:
                out[goal] = [f"a week better on {title} found in the time limit costs more elsewhere ({costs}; "
                             f"{totals}), but the search for this plan stopped before it was proven best, so a "
                             f"week better on both may exist; allow more time"]
        elif rival.status == "unknown":
            out[goal] = [f"no week better on {title} was found within the time limit, nor proven impossible; "
                         f"allow more time for an answer"]
        else:
            blockers = conflict(scenario, settings, extra=demand)
            words = "; ".join(f"{r.split(':')[0]}: {w}" for r, w in blockers) or "the hard rules together"
            out[goal] = [f"no week does better on {title}: it would break {words}"]
    return out


def _how_it_differs(rival: Plan, plan: Plan) -> str:
    """What the better week does differently with its lifts, in a runner's words: how many there
    are, or which kinds on which days ("2 strength sessions instead of 3"), or '' when only times,
    places or exercises differ. The rival is one such week, not the only one."""
    mine, theirs = plan.lifts(), rival.lifts()
    if len(theirs) != len(mine):
        return f"for one, {len(theirs)} strength session{'' if len(theirs) == 1 else 's'} instead of {len(mine)}"
    where = lambda lifts: sorted((s.day_index, s.kind) for s in lifts)  # noqa: E731
    if where(theirs) != where(mine):
        return "for one, strength as " + ", ".join(f"{kind} on {DAYS[d]}" for d, kind in where(theirs))
    return ""
