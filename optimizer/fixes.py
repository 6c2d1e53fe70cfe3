"""What to change when no week exists: small edits to the scenario, each proven by planning again.

Candidates come from the requirements in the conflict (a rule, a pin, an included
kind, a run ...): one strength session fewer, a lighter kind, a pin moved or
dropped, one more rest-day-free day, a doubled day allowed, one more window,
a piece of kit. Each is applied to a copy of the scenario's data and solved; only
those that give a week are offered, smallest change first.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Callable

from .catalog import catalog
from .clock import DAYS, hhmm
from .exercises import hosts, merged_library
from .scenario import Scenario, ScenarioError, parse_scenario

Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Fix:
    words: str
    edit: Edit
    cost: int  # how much it asks of the runner: 1 lifting changes ... 6 dropping a run


# Order of preference: change the lifting before the running plan or the diary.
LIFTING, PINS, PLACES, HABITS, SHORTEN, DROP = 1, 2, 3, 4, 5, 6


def _athlete(data: dict[str, Any]) -> dict[str, Any]:
    return data["athlete"]


def _strength(data: dict[str, Any]) -> dict[str, Any]:
    return _athlete(data).setdefault("strength", {})


def _set_sessions(low: int, high: int) -> Edit:
    return lambda d: _strength(d).update(sessions=[low, high])


def _replace_include(kind: str, by: str | None) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        include = [k for k in _strength(d).get("include", []) if k != kind]
        _strength(d)["include"] = include + ([by] if by and by not in include else [])
    return edit


def _unpin_run(index: int) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        run = _athlete(d)["runs"][index]
        run["at"] = run["day"] = None
    return edit


def _pin_run(index: int, at: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        run = _athlete(d)["runs"][index]
        run["at"], run["day"] = at, None
    return edit


def _add_window(day: str, window: str) -> Edit:
    return lambda d: _athlete(d)["availability"].setdefault(day, []).append(window)


def _add_kit(location: str, item: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        _athlete(d)["locations"][location] = [*_athlete(d)["locations"][location], item]
    return edit


LIGHTER = Fix("a lighter session kind: full_body instead of heavy_lower in strength.include",
              _replace_include("heavy_lower", "full_body"), LIFTING)


def candidates(scenario: Scenario, core: list[str], closed: Collection[str] = ()) -> list[Fix]:
    """Small edits that relax one requirement of the conflict each, most targeted first; none
    opens a window on a ``closed`` day."""
    a = scenario.athlete
    low, high = a.session_range
    out: list[Fix] = []
    offered: set[tuple[str, str]] = set()  # (rule, run): dropping or moving an identical run gives the same week
    for item in core:
        rule, _, detail = item.partition(":")
        if rule in ("R-RUNS", "R-PINNED") and detail.isdigit():
            run = (rule, a.runs[int(detail)].model_dump_json())
            if run in offered:
                continue
            offered.add(run)
        if rule == "R-FREQ" and not detail and low > int(a.in_season):  # in season, one stays
            out.append(Fix(f"one strength session fewer (strength.sessions: [{low - 1}, {high}])", _set_sessions(low - 1, high), LIFTING))
        elif rule == "R-FREQ" and detail.startswith("include:"):
            kind = detail.split(":")[1]
            if kind == "heavy_lower":
                out.append(LIGHTER)
            out.append(Fix(f"drop {kind} from strength.include", _replace_include(kind, None), LIFTING))
        elif rule == "R-PINNED" and detail.startswith("lift:"):
            j = int(detail.split(":")[1])
            lift = a.strength.pinned[j]
            out.extend(_pin_window(scenario, lift.name or lift.kind, lift.start, lift.minutes, _best_place(a), closed))
            out.extend(_pin_kit_fixes(scenario, lift))
            out.append(Fix(f"skip the pinned {lift.name or lift.kind} this week",
                           lambda d, j=j: _strength(d).update(pinned=[p for i, p in enumerate(_strength(d)["pinned"]) if i != j]), PINS))
        elif rule == "R-PINNED":
            i = int(detail)
            run = a.runs[i]
            day = run.pinned_day
            if run.pinned_start is not None:
                out.extend(_pin_window(scenario, f"{a.run_ref(i)} ({run.label().lower()})", run.pinned_start, run.minutes,
                                       next(iter(a.locations), None), closed))
            if run.kind == "race":  # a race is run when it is run: moving it is no change a runner can make
                continue
            for shift in (1, -1, 2, -2):
                for w in a.windows:
                    if w.day == (day + shift) % 7 and w.minutes >= run.minutes:
                        out.append(Fix(f"move {a.run_ref(i)} ({run.label().lower()}) to {DAYS[w.day]} {hhmm(w.start)}",
                                       _pin_run(i, f"{DAYS[w.day]} {hhmm(w.start)}"), PINS))
                        break
            out.append(Fix(f"let {a.run_ref(i)} ({run.label().lower()}) move: drop its pin", _unpin_run(i), PINS))
        elif rule == "R-RUNS":
            i = int(detail)
            run = a.runs[i]
            longest = max((w.minutes for w in a.windows), default=0)
            if 0 < longest < run.minutes:
                out.append(Fix(f"shorten {a.run_ref(i)} ({run.label().lower()}) to {longest} min, the longest window",
                               lambda d, i=i, m=longest: _athlete(d)["runs"][i].update(minutes=m), SHORTEN))
            out.append(Fix(f"drop {a.run_ref(i)} ({run.label().lower()}, {run.minutes} min) this week",
                           lambda d, i=i: _athlete(d).update(runs=[r for k, r in enumerate(_athlete(d)["runs"]) if k != i]), DROP))
        elif rule == "R-REST":
            if a.rest_days > 1:  # never below one: R-REST's own floor
                out.append(Fix(f"one rest day fewer (rest_days: {a.rest_days - 1})",
                               lambda d: _athlete(d).update(rest_days=a.rest_days - 1), HABITS))
            if not a.rest_day_mobility and "iso_mobility" in a.allowed_strength_kinds():
                out.append(Fix("allow an isometric + mobility session on a rest day (rest_day_mobility: true)",
                               lambda d: _athlete(d).update(rest_day_mobility=True), HABITS))
        elif rule == "R-DOUBLES" and detail == "run" and not a.allow_doubles:  # two a day is already the most
            out.append(Fix("allow two runs on one day (allow_doubles: true)", lambda d: _athlete(d).update(allow_doubles=True), HABITS))
        elif rule == "R-B2B":
            out.append(Fix("allow key runs on consecutive days (allow_back_to_back: true)",
                           lambda d: _athlete(d).update(allow_back_to_back=True), HABITS))
        elif rule == "R-LEN":
            cap = a.strength.max_minutes + 15
            out.append(Fix(f"allow longer strength sessions (max_minutes: {cap})", lambda d: _strength(d).update(max_minutes=cap), LIFTING))
        elif rule == "R-AVAIL":
            kind, _, location = detail.partition("@")
            out.extend(_kit_fixes(scenario, kind, location))
        elif rule in ("R-GAP48", "R-KEYEVE", "R-TAPER", "R-ORDER") and "heavy_lower" in a.strength.include:
            out.append(LIGHTER)
    out.extend(_window_fixes(scenario, closed))
    unique: dict[str, Fix] = {}
    for fix in out:
        unique.setdefault(fix.words, fix)
    return sorted(unique.values(), key=lambda f: f.cost)  # stable: targeted fixes first within a cost


def _kit_fixes(scenario: Scenario, kind: str, location: str) -> list[Fix]:
    """The single piece of kit that lets ``location`` host ``kind``, if one does."""
    a = scenario.athlete
    out = []
    for item in catalog().equipment:
        if item not in a.equipment_at(location) and hosts(a, kind, a.equipment_at(location) | {item}):
            out.append(Fix(f"add {item} to {location} (for {kind})", _add_kit(location, item), PLACES))
            if len(out) == 2:
                break
    return out


def _pin_kit_fixes(scenario: Scenario, lift) -> list[Fix]:
    """The kit a pinned lift's own exercises need where it is held (the first option of each one
    the place cannot host), as one fix: "add bands to gym (for Club class)"."""
    from constraints.pinned import holding  # the rules import the optimizer: import them late

    a = scenario.athlete
    window = holding(a, lift.start, lift.minutes)
    if window is None:
        return []
    library = {e.id: e for e in merged_library(a.strength.library)}
    kit = a.equipment_at(window.location)
    missing = sorted({item for e in lift.exercises if e in library and library[e].equipment_used(kit) is None
                      for item in library[e].equipment[0] if item not in kit})
    if not missing:
        return []

    def edit(d: dict[str, Any]) -> None:
        for item in missing:
            _add_kit(window.location, item)(d)
    return [Fix(f"add {', '.join(missing)} to {window.location} (for {lift.name or lift.kind})", edit, PLACES)]


def _best_place(a) -> str | None:
    return max(a.locations, key=lambda p: (len(a.locations[p]), p), default=None)


def _pin_window(scenario: Scenario, who: str, start: int, minutes: int, place: str | None,
                closed: Collection[str]) -> list[Fix]:
    """A window for a pin no window holds: the pin says when, the availability must say it is
    free. None on a ``closed`` day (a replan's past, done or unavailable days), as for any window."""
    from constraints.pinned import outside, span  # the rules import the optimizer: import them late

    day, times = span(start, minutes)
    if day in closed or not outside(scenario.athlete, start, minutes):
        return []
    window = times + (f" {place}" if place else "")
    return [Fix(f"a window for {who}: {day} {window}", _add_window(day, window), PINS)]


def _window_fixes(scenario: Scenario, closed: Collection[str]) -> list[Fix]:
    """One more evening window on a day that has none, at the best-equipped place."""
    a = scenario.athlete
    place = _best_place(a)
    busy = {w.day for w in a.windows}
    window = f"18:00-20:00 {place}" if place else "18:00-20:00"
    return [Fix(f"one more window: {DAYS[d]} {window}", _add_window(DAYS[d], window), PLACES) for d in range(7)
            if d not in busy and DAYS[d] not in closed]


def verified(scenario: Scenario, core: list[str], settings, limit: int = 4, closed: Collection[str] = ()) -> list[str]:
    """Up to ``limit`` fixes that really give a week, each with what the week then costs."""
    from .solve import plan_week

    base = scenario.model_dump(mode="json")
    out = []
    for fix in candidates(scenario, core, closed):
        data = copy.deepcopy(base)
        try:
            fix.edit(data)
            changed = parse_scenario(data)
        except (ScenarioError, KeyError, IndexError, TypeError):  # an edit that breaks the scenario is not offered
            continue
        if scenario.athlete.race_dropped:  # replan's mark is no field a file carries: bring it across
            changed.athlete.drop_race()
        plan = plan_week(changed, time_limit=min(settings.time_limit, 5.0), workers=settings.workers, seed=settings.seed,
                         explain=False)
        if plan.status in ("optimal", "feasible"):
            out.append(f"{fix.words} -> a week with total penalty {plan.total_penalty}")
            if len(out) == limit:
                break
    return out
