"""The rules, in the order they are added to the model and reported.

Each hard rule module has ``RULE`` (its id in DOMAIN.md), ``TITLE``,
``encode(model)`` and ``check(plan, athlete) -> list[str]``. Each soft goal
module has ``GOAL``, ``TITLE``, ``encode(model)`` (which registers its penalty
units) and ``score(plan, athlete) -> (penalty, notes)``. The checkers never
touch the solver: they are the specification the encoders are tested against.
"""

from . import (
    avail,
    b2b,
    content,
    cover,
    doubles,
    freq,
    gap48,
    key_eve,
    length,
    order,
    pinned,
    pref,
    rest_day,
    runs,
    short,
    spread,
    stable,
    stack,
    taper,
)

HARD_RULES = (runs, avail, pinned, doubles, rest_day, gap48, key_eve, b2b, order, freq, length, content, taper)
SOFT_GOALS = (stack, spread, cover, pref, short, stable)
RULES_BY_ID = {m.RULE: m for m in HARD_RULES}
GOALS_BY_ID = {m.GOAL: m for m in SOFT_GOALS}

__all__ = ["HARD_RULES", "SOFT_GOALS", "RULES_BY_ID", "GOALS_BY_ID"]
