"""R-FREQ: the number of strength sessions lies in the phase's range (or the scenario's
``strength.sessions``), every kind in ``strength.include`` appears and none in ``exclude``;
the recovery phase's one session is light (DOMAIN.md periodisation: isometrics, mobility,
bodyweight) and a deload week's are isometric + mobility (catalog ``phase_kinds``), as the
taper's and race week's are light under R-TAPER.

The upper bound is held twice: the model is built with only that many lifts
(``most_lifts``), and the encoder bounds the count, which is what explain mode,
built with room for more, can set aside to name R-FREQ in a conflict."""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

from .taper import light_only_problems

RULE = "R-FREQ"
TITLE = "strength sessions per week within the phase's range (recovery: one light; deload: isometric + mobility)"


def most_lifts(athlete: Athlete, *, explain: bool = False) -> int:
    """How many lifts the model holds (``WeekModel.add_lifts``), which keeps exercise choice small.

    The upper bound itself; in explain mode, where this encoder may be set aside, enough for
    every pinned lift and every included kind besides, which is all any other requirement can
    ask for: dropping a lift never breaks another rule, so no conflict needs more. A rule that
    ever asks for lifts of its own (say, a weekly minimum of a kind) must be counted here too,
    or explanations would blame the model's shape instead of naming it."""
    high = athlete.session_range[1]
    if explain:
        return max(high, len(athlete.strength.pinned) + len(athlete.strength.include))
    return high


def sessions(low: int, high: int) -> str:
    """'2 strength sessions', '2-3 strength sessions', '1 strength session'."""
    count = str(low) if low == high else f"{low}-{high}"
    return f"{count} strength session{'' if count == '1' else 's'}"


def encode(m: WeekModel) -> None:
    low, high = m.athlete.session_range
    lifts = [s.present for s in m.strength_slots()]
    source = "strength.sessions" if m.athlete.strength.sessions is not None else f"{m.athlete.phase} phase"
    guard = m.guard(RULE, f"{sessions(low, high)} ({source})")
    m.cp.add_linear_constraint(sum(lifts), low, high).only_enforce_if(guard)
    if kinds := catalog().phase_kinds.get(m.athlete.phase):
        m.light_strength_only(m.guard(f"{RULE}:{m.athlete.phase}", f"{m.athlete.phase} phase: {', '.join(kinds)} only"),
                              kinds)
    for kind in m.athlete.strength.include:
        guard = m.guard(f"{RULE}:include:{kind}", f"strength.include asks for {'an' if kind[0] in 'aeiou' else 'a'} {kind} session")
        chosen = [m.placements[p].var for p in m.select(m.p_strength) if m.placements[p].kind == kind]
        m.cp.add_bool_or(chosen + [g.Not() for g in guard])


def check(plan: Plan, athlete: Athlete) -> list[str]:
    low, high = athlete.session_range
    lifts = plan.lifts()
    problems = []
    if not low <= len(lifts) <= high:
        problems.append(f"{RULE}: {len(lifts)} strength sessions; the week needs {sessions(low, high)}")
    if kinds := catalog().phase_kinds.get(athlete.phase):
        problems += light_only_problems(plan, RULE, f"the {athlete.phase} phase", kinds)
    kinds = {s.kind for s in lifts}
    for kind in athlete.strength.include:
        if kind not in kinds:
            problems.append(f"{RULE}: strength.include asks for {kind}, which the week does not have")
    for kind in sorted(kinds & set(athlete.strength.exclude)):
        problems.append(f"{RULE}: {kind} is in strength.exclude but the week has one")
    return problems
