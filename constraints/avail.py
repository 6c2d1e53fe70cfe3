"""R-AVAIL: every session inside one availability window at that window's location, no
two at once, and a strength session only where the equipment for its exercises is.

Windows are built into the model (a session only gets placements in windows long
enough to hold it, and one no-overlap constraint keeps sessions apart); this rule
adds equipment: a kind is ruled out of a window whose location cannot supply the
exercises the kind requires (heavy legs need two heavy compound lifts, so a
mat-only room cannot host them), and each exercise lists the kit it uses there.
"""

from __future__ import annotations

from optimizer.catalog import catalog
from optimizer.clock import DAYS
from optimizer.exercises import SORT_WORDS, hosts, lacking_sorts, merged_library
from optimizer.model import WeekModel
from optimizer.plan import Plan
from optimizer.scenario import Athlete

RULE = "R-AVAIL"
TITLE = "sessions inside availability windows, not overlapping, with the equipment they need"


def encode(m: WeekModel) -> None:
    lacking: dict[tuple[str, str], list[str]] = {}  # (location, kind) -> sorts it cannot supply: once per place
    for slot in m.strength_slots():
        location = m.windows[slot.window].location
        for p in slot.placements:
            placement = m.placements[p]
            if (location, placement.kind) not in lacking:
                fitting = m.fits[placement.kind].intersection(slot.usable)
                lacking[location, placement.kind] = lacking_sorts(placement.kind, lambda sort: len(fitting & m.sorts[sort]))
            missing = lacking[location, placement.kind]
            if missing:
                words = " and ".join(SORT_WORDS[s] for s in missing)
                guard = m.guard(f"{RULE}:{placement.kind}@{location}", f"{placement.kind} at {location}: {location}'s equipment allows no {words}")
                m.forbid([placement.var], guard)


def check(plan: Plan, athlete: Athlete) -> list[str]:
    problems = []
    for s in plan.sessions:
        inside = [
            w for w in athlete.windows
            if DAYS[w.day] == s.day and w.week_start <= s.week_start and s.week_end <= w.week_end and w.location == s.location
        ]
        if not inside:
            problems.append(f"{RULE}: {s.kind} on {s.day} {s.start}-{s.end} at {s.location} is outside every availability window")
        if s.week_end - s.week_start != s.minutes:
            problems.append(f"{RULE}: {s.kind} on {s.day} runs {s.start}-{s.end} but says {s.minutes} min")
    library = {e.id: e for e in merged_library(athlete.strength.library)}
    for s in plan.lifts():
        kit = athlete.equipment_at(s.location)
        if not s.exercises:  # a hand-written week may name only the kind: can the place host it at all?
            if s.kind in catalog().strength_kinds and not hosts(athlete, s.kind, kit):
                problems.append(f"{RULE}: {s.kind} on {s.day}: {s.location} lacks the equipment for it")
            continue
        for x in s.exercises:
            exercise = library.get(x.id)
            used = set(x.equipment) - {"bodyweight"}
            if not used <= kit:
                problems.append(f"{RULE}: {x.name} on {s.day} uses {', '.join(sorted(used - kit))}, which {s.location} does not have")
            elif exercise is not None and tuple(sorted(used)) not in {tuple(sorted(o)) for o in exercise.equipment}:
                problems.append(f"{RULE}: {x.name} on {s.day} lists {', '.join(sorted(used)) or 'bodyweight'}, not one of its equipment options")
    ordered = sorted(plan.sessions, key=lambda s: s.week_start)
    for a, b in zip(ordered, ordered[1:]):
        if b.week_start < a.week_end:
            problems.append(f"{RULE}: {a.kind} ({a.day} {a.start}-{a.end}) overlaps {b.kind} ({b.day} {b.start}-{b.end})")
    return problems
