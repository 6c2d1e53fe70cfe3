"""Synthetic athletes: seeded, deterministic scenarios for benchmarks and synthetic clubs.

``synthetic_scenario(seed)`` draws one athlete from ``random.Random(seed)`` (never
the global generator), so the same seed gives the same ``Scenario`` on every
machine and Python run. The draws span levels, goals, phases, injuries,
availability density (sparse / typical / dense), locations with different
equipment, 3-7 runs with some pinned (by day or by start time), strength
ranges, includes and excludes, preferences and, now and then, custom weights.
Some athletes have no possible week, as in real life (a long run with no window
long enough, a pin that clashes with a rule); the benchmarks report that share.

The density is part of the athlete's name (``"syn-000042 dense"``), so results
can be broken down by it; ``density_of(scenario)`` reads it back.

All times are on a 15-minute grid and every run lasts a multiple of 5 minutes
(see ``benchmarks/exhaustive.py`` for why a coarse grid of start times is exact).

``tiny_scenario(seed)`` draws the small instances the exhaustive search can
enumerate (two runs, two or three windows, at most two strength sessions), and
``scaled_scenario(seed, windows=..., runs=..., strength=...)`` fixes the size
for the scale table.
"""

from __future__ import annotations

import random
from typing import Any

from optimizer import Scenario, ScenarioError, parse_scenario
from optimizer.clock import DAYS, hhmm

LEVELS = ("beginner", "intermediate", "advanced")
GOALS = ("5k", "10k", "half", "marathon", "ultra", "general")
PHASES = ("base", "build", "peak", "taper", "recovery")
INJURIES = ("it_band", "knee", "shin", "plantar", "hamstring", "hip", "achilles")
DENSITIES = ("sparse", "typical", "dense")
STRENGTH_KINDS = ("heavy_lower", "full_body", "power", "upper_core", "iso_mobility", "prehab")

# Places and their kit: from bodyweight only to a full gym.
KITS: dict[str, list[str]] = {
    "home_bare": [],
    "home_mat": ["mat", "bands", "foam_roller"],
    "home_dumbbells": ["mat", "bands", "dumbbells", "pullup_bar"],
    "garage": ["mat", "kettlebell", "dumbbells", "box", "step"],
    "gym": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "cable", "box", "machines", "sled"],
    "track": [],
    "office": ["bands"],
}
# Location setups an athlete may have: name -> kit key.
SETUPS: tuple[dict[str, str], ...] = (
    {"home": "home_bare"},
    {"home": "home_mat"},
    {"home": "home_dumbbells"},
    {"home": "home_mat", "gym": "gym"},
    {"home": "home_bare", "gym": "gym", "track": "track"},
    {"home": "home_dumbbells", "track": "track"},
    {"garage": "garage", "office": "office"},
    {"home": "home_mat", "garage": "garage", "gym": "gym"},
)

RUN_MINUTES = {
    "easy": (30, 35, 40, 45, 50, 60),
    "recovery": (20, 25, 30, 35),
    "medium": (50, 60, 70),
    "tempo": (40, 45, 50, 60),
    "intervals": (45, 50, 60, 75),
    "hills": (40, 45, 50),
    "long": (75, 90, 100, 120, 150, 180),
}
# How long the synthetic runners take to race each distance (5k fixed, the rest +-15 min below).
# Not scenario.RACE_MINUTES, the planner's rough length for a race known only by its date: these
# are the corpus's own runners' times, mostly quicker than that.
FINISH_MINUTES = {"5k": 30, "10k": 60, "half": 120, "marathon": 210, "ultra": 300}

# windows per week (at least one per run)
DENSITY_SHAPE = {"sparse": (3, 5), "typical": (6, 9), "dense": (10, 14)}


def corpus_seed(seed: int, index: int) -> int:
    """The seed of athlete ``index`` of the corpus ``seed`` (distinct for index < 1,000,000)."""
    return seed * 1_000_000 + index


def synthetic_scenario(seed: int) -> Scenario:
    """One synthetic athlete, the same for the same seed."""
    athlete, weights = synthetic_athlete(random.Random(seed), f"syn-{seed:06d}")
    return parse_scenario({"athlete": athlete, "weights": weights})


def synthetic_corpus(n: int, seed: int = 0) -> list[Scenario]:
    """``n`` synthetic athletes; athlete i is ``synthetic_scenario(corpus_seed(seed, i))``."""
    return [synthetic_scenario(corpus_seed(seed, i)) for i in range(n)]


def density_of(scenario: Scenario) -> str:
    """The availability density a synthetic athlete was drawn with (from its name)."""
    last = scenario.athlete.name.rsplit(" ", 1)[-1]
    return last if last in DENSITIES else "unknown"


# ---- the athlete --------------------------------------------------------------------


def synthetic_athlete(
    rng: random.Random,
    name: str,
    *,
    density: str | None = None,
    windows: int | None = None,
    runs: int | None = None,
    strength: int | None = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    """The ``athlete`` block and the ``weights`` as plain data. Keyword arguments fix a
    dimension (scale table).

    The availability is drawn around a hidden week that holds every run on its own day
    (key runs apart, long runs and races at the weekend where possible) in a window long
    enough for the run and some lifting; then the density's extra windows are added. One
    athlete in twelve then gets a commitment that may clash (a run pinned to a random day,
    a window cut short), so some athletes have no week, as happens.
    """
    density = density or rng.choices(DENSITIES, weights=(3, 5, 2))[0]
    level = rng.choices(LEVELS, weights=(3, 5, 2))[0]
    goal = rng.choice(GOALS)
    phase = rng.choices(PHASES, weights=(4, 3, 2, 1, 1))[0]
    injuries = rng.sample(INJURIES, rng.choices((0, 1, 2), weights=(5, 4, 1))[0])
    setup = rng.choice(SETUPS)
    locations = {place: list(KITS[kit]) for place, kit in setup.items()}
    places = list(locations)
    rest_days = rng.choices((0, 1, 2), weights=(1, 7, 2))[0]
    allow_doubles = rng.random() < 0.15

    n_runs = runs if runs is not None else _run_count(rng, level, density)
    rest_days = max(1, min(rest_days, 7 - n_runs))  # R-REST: at least one, whatever was drawn
    allow_doubles = allow_doubles or n_runs >= 7  # seven runs and a rest day need a double day
    run_list = _runs(rng, n_runs, goal, phase)
    run_days = _hidden_days(rng, run_list)
    if windows is None:
        low, high = DENSITY_SHAPE[density]
        windows = max(n_runs, rng.randint(low, high))
    spans = _availability(rng, places, run_list, run_days, windows)
    _pin(rng, spans, run_list, run_days)
    if runs is None and rng.random() < 1 / 12:
        _clash(rng, spans, run_list)
    availability = {
        DAYS[d]: [f"{hhmm(a)}-{hhmm(b)} {place}" for a, b, place in spans[d]] for d in sorted(spans) if spans[d]
    }
    athlete: dict[str, Any] = {
        "name": f"{name} {density}",
        "level": level,
        "goal": goal,
        "phase": phase,
        "injuries": injuries,
        "locations": locations,
        "availability": availability,
        "runs": run_list,
        "strength": _strength(rng, phase, any(r["kind"] == "race" for r in run_list), strength),
        "rest_days": rest_days,
        "rest_day_mobility": rng.random() < 0.2,
        "allow_doubles": allow_doubles,
        "allow_back_to_back": rng.random() < 0.15,
        "preferences": _preferences(rng, places),
    }
    weights = {}
    if rng.random() < 0.1:
        weights[rng.choice(("S-STACK", "S-SPREAD", "S-COVER", "S-PREF"))] = rng.choice((0, 1, 8, 20))
    return athlete, weights


Span = tuple[int, int, str]  # start minute, end minute, location
KEY_KINDS = frozenset({"tempo", "intervals", "hills", "long", "race"})


def _run_count(rng: random.Random, level: str, density: str) -> int:
    base = {"beginner": 3, "intermediate": 4, "advanced": 5}[level]
    base += {"sparse": -1, "typical": 0, "dense": 1}[density]
    return max(3, min(7, base + rng.choice((-1, 0, 0, 1, 1, 2))))


def _runs(rng: random.Random, n: int, goal: str, phase: str) -> list[dict[str, Any]]:
    kinds: list[str] = []
    if phase in ("peak", "taper") and goal != "general" and rng.random() < 0.35:
        kinds.append("race")
    elif rng.random() < 0.85:
        kinds.append("long")
    keys = min(n - len(kinds) - 1, rng.choice((0, 1, 1, 2)))
    kinds += rng.choices(("tempo", "intervals", "hills"), k=max(0, keys))
    while len(kinds) < n:
        kinds.append(rng.choices(("easy", "recovery", "medium"), weights=(6, 2, 2))[0])
    rng.shuffle(kinds)
    out = []
    for kind in kinds:
        run: dict[str, Any] = {"kind": kind}
        if kind == "race":
            run["distance"] = goal
            run["minutes"] = 30 if goal == "5k" else FINISH_MINUTES[goal] + rng.choice((-15, 0, 0, 15))
        else:
            run["minutes"] = rng.choice(RUN_MINUTES[kind])
        out.append(run)
    return out


def _hidden_days(rng: random.Random, runs: list[dict[str, Any]]) -> list[int]:
    """A day for each run, all different: long run and race at the weekend, other key
    runs not next to a key run where that is possible."""
    days: list[int | None] = [None] * len(runs)
    order = sorted(range(len(runs)), key=lambda i: (runs[i]["kind"] not in ("long", "race"),
                                                     runs[i]["kind"] not in KEY_KINDS, rng.random()))
    key_days: set[int] = set()
    for i in order:
        free = [d for d in range(7) if d not in days]
        kind = runs[i]["kind"]
        if kind in KEY_KINDS:
            apart = [d for d in free if (d - 1) % 7 not in key_days and (d + 1) % 7 not in key_days]
            weekend = [d for d in apart if d >= 5] if kind in ("long", "race") else []
            free = weekend or apart or free
        day = rng.choice(free)
        days[i] = day
        if kind in KEY_KINDS:
            key_days.add(day)
    return days  # type: ignore[return-value]


def _window(rng: random.Random, day: int, part: str, places: list[str], need: int = 0) -> Span:
    """A morning or evening window on ``day``, at least ``need`` minutes long."""
    if part == "morning":
        start = rng.randrange(5 * 4, 10 * 4) * 15
    else:
        start = rng.randrange(16 * 4, 21 * 4) * 15
    lengths = (60, 90, 120, 150, 180, 240) if day >= 5 else (30, 45, 60, 75, 90, 120)
    length = rng.choice(lengths)
    if need:
        length = max(length, -(-(need + rng.choice((0, 15, 30, 45, 60, 90))) // 15) * 15)
    end = min(start + length, 24 * 60)
    start = min(start, end - length)
    return start, end, rng.choice(places)


def _availability(
    rng: random.Random, places: list[str], runs: list[dict[str, Any]], run_days: list[int], total: int
) -> dict[int, list[Span]]:
    """A window for each run on its hidden day, then more windows up to ``total`` (at most
    two a day: a morning and an evening one, never overlapping)."""
    total = max(len(runs), min(total, 14))
    parts: dict[int, dict[str, Span]] = {d: {} for d in range(7)}
    for run, day in zip(runs, run_days):
        part = rng.choice(("morning", "evening"))
        parts[day][part] = _window(rng, day, part, places, need=run["minutes"])
    count = len(runs)
    empty = [d for d in range(7) if not parts[d]]
    rng.shuffle(empty)
    for day in empty:  # new days first, then second windows on any day
        if count >= total:
            break
        part = rng.choice(("morning", "evening"))
        parts[day][part] = _window(rng, day, part, places)
        count += 1
    halves = [(d, p) for d in range(7) for p in ("morning", "evening") if p not in parts[d] and parts[d]]
    rng.shuffle(halves)
    for day, part in halves[: max(0, total - count)]:
        parts[day][part] = _window(rng, day, part, places)
    out: dict[int, list[Span]] = {}
    for day in range(7):
        morning, evening = parts[day].get("morning"), parts[day].get("evening")
        if morning and evening and morning[1] > evening[0]:  # a stretched window: keep them apart
            shift = morning[1] - evening[0]
            evening = (evening[0] + shift, evening[1] + shift, evening[2])
            if evening[1] > 24 * 60:
                evening = (evening[0], 24 * 60, evening[2])
                if evening[1] - evening[0] < 30:
                    evening = None
        out[day] = [s for s in (morning, evening) if s]
    return out


def _pin(rng: random.Random, spans: dict[int, list[Span]], runs: list[dict[str, Any]], run_days: list[int]) -> None:
    """Pin about one run in ten to its day and start (a club session), one in five to its day."""
    for run, day in zip(runs, run_days):
        pin = rng.random()
        if pin >= 0.30:
            continue
        starts = [a for a, b, _ in spans[day] if b - a >= run["minutes"]]
        if pin < 0.10 and starts:
            run["at"] = f"{DAYS[day]} {hhmm(starts[0])}"
        else:
            run["day"] = DAYS[day]


def _clash(rng: random.Random, spans: dict[int, list[Span]], runs: list[dict[str, Any]]) -> None:
    """A commitment that may not fit: a run pinned to a random day, or its window cut short."""
    run = rng.choice(runs)
    if rng.random() < 0.5:
        run.pop("at", None)
        run["day"] = DAYS[rng.randrange(7)]
        return
    days = [d for d in spans if spans[d]]
    day = rng.choice(days)
    a, b, place = spans[day][0]
    spans[day][0] = (a, max(a + 30, a + (b - a) // 2 // 15 * 15), place)


def _strength(rng: random.Random, phase: str, race_week: bool, count: int | None) -> dict[str, Any]:
    strength: dict[str, Any] = {"max_minutes": rng.choice((30, 40, 45, 45, 60))}
    if count is not None:
        strength["sessions"] = count
    elif rng.random() < 0.3:
        low = rng.choice((0, 1, 1, 2, 2, 3))
        strength["sessions"] = [low, low + rng.choice((0, 1, 1))]
    light_only = race_week or phase == "taper"
    high = _high(strength.get("sessions"), phase)
    if high >= 1 and rng.random() < 0.2:
        pool = ("iso_mobility", "prehab") if light_only else STRENGTH_KINDS
        strength["include"] = [rng.choice(pool)]
    if rng.random() < 0.1:
        choices = [k for k in STRENGTH_KINDS if k not in strength.get("include", [])]
        strength["exclude"] = [rng.choice(choices)]
    if rng.random() < 0.05:
        strength["cover_targets"] = {rng.choice(("calves", "core", "glutes")): rng.randint(0, 3)}
    return strength


def _high(sessions: Any, phase: str) -> int:
    if sessions is None:
        return {"base": 3, "build": 2, "peak": 1, "taper": 1, "recovery": 1}[phase]
    return sessions if isinstance(sessions, int) else sessions[1]


def _preferences(rng: random.Random, places: list[str]) -> dict[str, Any]:
    prefs: dict[str, Any] = {}
    if rng.random() < 0.3:
        prefs["strength_days"] = sorted(rng.sample(DAYS, rng.randint(2, 4)), key=DAYS.index)
    if rng.random() < 0.25:
        prefs["strength_time"] = rng.choice(("06:00-09:00", "17:00-21:00", "12:00-14:00"))
    if rng.random() < 0.2:
        prefs["strength_location"] = rng.choice(places)
    if rng.random() < 0.25:
        prefs["run_time"] = rng.choice(("05:30-08:30", "06:00-09:00", "17:00-20:00"))
    return prefs


# ---- fixed-size athletes (scale table) ------------------------------------------------


def scaled_scenario(seed: int, *, windows: int, runs: int, strength: int, library: int | None = None) -> Scenario:
    """A synthetic athlete with exactly ``windows`` windows, ``runs`` runs and ``strength``
    strength sessions (base phase, no race, no pins, so the size is all that varies), and,
    with ``library``, an exercise library of that many exercises (see ``variant_exercises``)."""
    rng = random.Random(seed)
    athlete, _ = synthetic_athlete(rng, f"scale-{seed:06d}", windows=windows, runs=runs, strength=strength)
    if library is not None:
        athlete["strength"]["library"] = variant_exercises(random.Random(seed), library)
    athlete.update(phase="base", rest_days=1, allow_doubles=True)
    for run in athlete["runs"]:
        run.pop("at", None)
        run.pop("day", None)
        if run["kind"] == "race":
            run.pop("distance", None)
            run["kind"], run["minutes"] = "long", 90
    athlete["strength"].pop("include", None)
    athlete["strength"].pop("exclude", None)
    return parse_scenario({"athlete": athlete})


def variant_exercises(rng: random.Random, library: int) -> list[dict[str, Any]]:
    """Enough exercises of the athlete's own to make a library of ``library`` in all: the
    built-in exercises again, in turn, under new ids with their work and rest times each
    scaled by 0.7-1.3, as a coach's own variants would be. Each variant trains what its
    original trains, so only the library's size grows, not what a week can cover."""
    from optimizer.exercises import builtin_library

    builtin = builtin_library()
    if library < len(builtin):
        raise ValueError(f"a library of {library} is smaller than the built-in one ({len(builtin)})")
    out = []
    for i in range(library - len(builtin)):
        original, copy = builtin[i % len(builtin)], i // len(builtin) + 2
        data = original.model_dump(mode="json")
        data.update(id=f"{original.id}_v{copy}", name=f"{original.name} (variant {copy})",
                    work=min(600, max(1, round(original.work * rng.uniform(0.7, 1.3)))),
                    rest=min(600, round(original.rest * rng.uniform(0.7, 1.3))))
        out.append(data)
    return out


# ---- tiny athletes (exhaustive search) ---------------------------------------------------


def tiny_scenario(seed: int) -> Scenario:
    """A week of runs small enough to enumerate: two or three runs, two to four windows on
    the half hour, no strength (``tiny_lift_scenario`` covers strength content).

    Varied enough to exercise the run rules: pins, one run a day or doubles, key runs
    apart or back to back, rest days, a preferred run time.
    """
    rng = random.Random(seed)
    setup = rng.choice(SETUPS)
    places = list(setup)
    n_windows = rng.choice((2, 3, 3, 4))
    texts: dict[str, list[str]] = {}
    for d in sorted(rng.sample(range(7), n_windows)):
        start = rng.randrange(6 * 2, 19 * 2) * 30
        end = start + rng.choice((30, 60, 60, 90))
        texts.setdefault(DAYS[d], []).append(f"{hhmm(start)}-{hhmm(end)} {rng.choice(places)}")
    runs: list[dict[str, Any]] = []
    for kind in rng.sample(("easy", "recovery", "tempo", "intervals", "long", "medium", "hills"), rng.choice((2, 2, 3))):
        run: dict[str, Any] = {"kind": kind, "minutes": rng.choice((20, 30, 40, 60))}
        if rng.random() < 0.2:
            run["day"] = rng.choice(sorted(texts))
        runs.append(run)
    athlete = {
        "name": f"tiny-{seed:06d}",
        "phase": rng.choice(PHASES),
        "locations": {place: list(KITS[kit]) for place, kit in setup.items()},
        "availability": texts,
        "runs": runs,
        "strength": {"sessions": 0},
        "rest_days": rng.choice((1, 1, 1, 2)),  # R-REST: at least one
        "allow_doubles": rng.random() < 0.3,
        "allow_back_to_back": rng.random() < 0.3,
        "preferences": rng.choice(({}, {}, {"run_time": "06:00-08:00"}, {"run_time": "17:00-21:00"})),
    }
    return parse_scenario({"athlete": athlete})


def tiny_lift_scenario(seed: int) -> Scenario:
    """One strength session in one short window, no runs, and only 6-9 exercises to
    choose from: small enough to try every exercise list.

    The athlete's own library (``strength.library``) replaces every built-in exercise
    by a copy that aggravates the athlete's injury, except a random handful that stay
    as they are, so only those can be used. One or two kinds are allowed (the others
    excluded); phase, kit, cap (20-30 min) and day/location preferences vary.
    """
    from optimizer.exercises import builtin_library, fits_kind

    rng = random.Random(seed)
    kit = rng.choice(sorted(KITS))
    place = "home" if kit.startswith("home") else kit
    day = rng.randrange(7)
    start = rng.randrange(6 * 2, 19 * 2) * 30
    allowed = rng.sample(STRENGTH_KINDS, rng.choice((1, 1, 2)))
    injury = rng.choice(INJURIES)
    fitting = [e for e in builtin_library() if any(fits_kind(e, k) for k in allowed)]
    keep = {e.id for e in rng.sample(fitting, min(len(fitting), rng.randint(6, 9)))}
    library = []
    for e in builtin_library():
        data = e.model_dump(mode="json")
        if e.id in keep:
            data["aggravates"] = [i for i in data["aggravates"] if i != injury]
        else:
            data["aggravates"] = sorted(set(data["aggravates"]) | {injury})
        library.append(data)
    phases = rng.sample(PHASES, len(PHASES))  # the first whose light or own kinds the allowed ones meet
    athlete = {
        "name": f"tiny-lift-{seed:06d}",
        "level": "advanced",
        "phase": phases[0],
        "injuries": [injury],
        "locations": {place: list(KITS[kit])},
        "availability": {DAYS[day]: [f"{hhmm(start)}-{hhmm(start + rng.choice((30, 60)))} {place}"]},
        "strength": {"sessions": rng.choice((1, 1, [0, 1])), "max_minutes": rng.choice((20, 25, 30)),
                     "exclude": [k for k in STRENGTH_KINDS if k not in allowed], "library": library},
        "rest_days": 1,
        "preferences": rng.choice(({}, {"strength_days": [DAYS[(day + 1) % 7]]}, {"strength_location": place})),
    }
    for phase in phases:  # a phase whose kinds the exclude leaves none of is refused (R-FREQ): try the next
        try:
            return parse_scenario({"athlete": athlete | {"phase": phase}})
        except ScenarioError:
            if phase == phases[-1]:
                raise
    raise AssertionError("unreachable")
