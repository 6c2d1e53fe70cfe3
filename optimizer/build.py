"""Build: a Scenario in, a WeekModel with every rule and the weighted objective out."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .clock import DAY_MINUTES
from .model import WeekModel
from .scenario import Scenario


def build_week(scenario: Scenario, *, explain: bool = False, lift_per_window: bool = False) -> WeekModel:
    """Add every hard rule and soft goal to a fresh model and set the objective.

    The model holds as many lifts as R-FREQ may need (``constraints.freq.most_lifts``);
    ``lift_per_window`` gives it one per window instead, for a demand beyond the rules
    (why-this-plan asks for more coverage, which more lifts than R-FREQ allows would give).

    The objective is the weighted soft-goal penalty (``model.goal_penalty``).
    The solver then applies a tie-break with every choice fixed, so the plan is the
    same every time: first a double's runs ``DOUBLE_APART`` apart (``short_of_apart_weight``),
    then ``model.lateness``: sessions as early in their windows as they can be, runs
    before lifts, so a lift sits right after the run it follows. Keeping it out of the
    main objective halves the solve time, and the solver skips that second step when
    the week it found is already at the tie-break's best.
    """
    from constraints import HARD_RULES, SOFT_GOALS, freq  # the rules import the model: load them when building

    m = WeekModel(scenario, explain=explain)
    m.add_lifts(None if lift_per_window else freq.most_lifts(scenario.athlete, explain=explain))
    for rule in HARD_RULES:
        rule.encode(m)
    for goal in SOFT_GOALS:
        goal.encode(m)
    m.goal_penalty = sum(scenario.weight(g) * m.penalties[g] for g in m.penalties)
    m.lateness = _lateness(m)
    m.cp.minimize(m.goal_penalty)
    return m


# A run's minute of lateness outweighs a lift's by more than any run (<= 600 min)
# outlasts a lift (>= 20 min), so on a shared window the run goes first.
RUN_FIRST = 30

# A double's two runs back to back are one longer run, not a double: the tie-break keeps the
# second run at least this long after the first ends, as far as the windows and the rules let it
# (a preference among equally good weeks, not a rule: a week never goes without a plan for it).
DOUBLE_APART = 4 * 60


def lateness_weight(slot) -> int:
    """What a minute of this session's lateness costs in ``model.lateness``."""
    return RUN_FIRST if slot.type == "run" else 1


def short_of_apart_weight(m: WeekModel) -> int:
    """What a minute short of ``DOUBLE_APART`` costs in the tie-break: more than all the week's
    lateness can (no session starts more than a day into its window), so no earliness ever buys
    a double's runs closer together, even where spacing them takes another order or a pin's
    other side."""
    return 1 + DAY_MINUTES * sum(lateness_weight(slot) for slot in m.slots)


def _lateness(m: WeekModel) -> cp_model.LinearExprT:
    """Minutes each session starts after its window opens (absent lifts count 0)."""
    terms = []
    for slot in m.slots:
        if slot.type == "strength":  # one window, and an absent lift sits at its start: counts 0
            terms.append(lateness_weight(slot) * (slot.start - m.windows[slot.window].week_start))
            continue
        opens = sum(m.placements[p].var * m.placements[p].earliest for p in slot.placements)
        terms.append(lateness_weight(slot) * (slot.start - opens))
    return sum(terms)
