"""One time line for the rules that cross a week boundary.

A checker sees this week's sessions and, when the scenario has a calendar, the
fixed sessions of the weeks either side, all in minutes from this Monday 00:00
(last week's are negative). Until the scenario gives the previous week's sessions
the week repeats, so between two of this week's sessions distances and "the day
after" wrap from Sunday to Monday; a neighbour sits at its real time either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from .clock import DAY_MINUTES, forward_gap
from .plan import Plan, Session
from .scenario import Athlete


KEY_RUN = attrgetter("key_run")  # a session test for ``pairs`` and ``neighbour_days``: a key run by its kind


@dataclass(frozen=True)
class Placed:
    session: Session
    start: int
    end: int
    this_week: bool

    @property
    def day(self) -> int:
        """Day number from this Monday (0..6; last week's days are -7..-1, next week's 7..13)."""
        return self.start // DAY_MINUTES


def timeline(plan: Plan, athlete: Athlete) -> list[Placed]:
    out = [Placed(s, s.week_start, s.week_end, True) for s in plan.sessions]
    if athlete.calendar is not None:
        out += [Placed(s, start, end, False) for s, start, end in athlete.calendar.neighbours]
    return out


def pairs(line: list[Placed], first, then):
    """Ordered pairs (a, b) of different sessions, a matching ``first`` and b ``then``, one of them this week."""
    for a in line:
        if not first(a.session):
            continue
        for b in line:
            if b is not a and then(b.session) and (a.this_week or b.this_week):
                yield a, b


def gap_after(a: Placed, b: Placed, cyclic: bool) -> int | None:
    """Minutes from the end of a forward to the start of b (around the week if it repeats and
    both are this week's); None when b starts before a ends and nothing wraps."""
    if cyclic and a.this_week and b.this_week:
        return forward_gap(a.end, b.start)
    return b.start - a.end if b.start >= a.end else None


def day_after(a: Placed, b: Placed, cyclic: bool) -> bool:
    """Is b on the day after a? This Sunday to this Monday only when the week repeats."""
    if cyclic and a.this_week and b.this_week:
        return (a.day + 1) % 7 == b.day
    return a.day + 1 == b.day
