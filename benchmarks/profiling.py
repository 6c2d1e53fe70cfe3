"""Where the time goes: cProfile over build_week and solve_week on a sample of athletes,
grouped into the parts a change would target, plus one experiment on the objective."""

from __future__ import annotations

import cProfile
import pstats
import time

from optimizer import Scenario
from optimizer.build import build_week
from optimizer.solve import SolveSettings, _solver, solve_week

SETTINGS = SolveSettings()


def _group(path: str, name: str) -> str:
    if "constraints/" in path:
        return "encoders: constraints/" + path.rsplit("constraints/", 1)[1].removesuffix(".py")
    if "ortools" in path or "ortools" in name or "cp_model" in name:
        return "OR-Tools Python layer (model building, expressions)"
    if "optimizer/exercises.py" in path:
        return "optimizer/exercises.py (fits_kind, suits, equipment)"
    if path == "~" and "sum" in name:
        return "Python sum() over CP-SAT expressions"
    if "optimizer/model.py" in path:
        return "WeekModel (variables, placements, exercises, no-overlap)"
    if "optimizer/build.py" in path:
        return "build.py (objective, lateness)"
    if "pydantic" in path:
        return "pydantic"
    if "numpy" in path:
        return "numpy"
    return "other"


def _by_group(stats: pstats.Stats, wanted) -> dict[str, float]:
    """Own time (tottime) of every function, summed by group, in ms."""
    out: dict[str, float] = {}
    for (path, _, name), (_, _, tottime, _, _) in stats.stats.items():
        key = wanted(path, name)
        out[key] = out.get(key, 0.0) + tottime * 1000
    return out


def _top(stats: pstats.Stats, n: int) -> list[tuple[str, float, float]]:
    rows = []
    for (path, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
        short = path.split("site-packages/")[-1].split("/work/main/")[-1]
        rows.append((f"{short}:{line} {name}", tottime * 1000, cumtime * 1000, calls))
    rows.sort(key=lambda r: -r[1])
    return [(label, own, cum) for label, own, cum, _ in rows[:n]]


def _solve_group(path: str, name: str) -> str:
    if path == "~" and "solve" in name.lower() and ("ortools" in name or "Solve" in name or "cp_model" in name):
        return "CP-SAT search (native Solve)"
    if "ortools" in path:
        return "OR-Tools Python layer (values, proto)"
    if "constraints/" in path:
        return "scorers: constraints/" + path.rsplit("constraints/", 1)[1].removesuffix(".py")
    if "pydantic" in path:
        return "pydantic (Plan, Session, ExerciseDose)"
    if "optimizer/" in path:
        return "optimizer/ (reading the solution, dosing)"
    return "other"


def profile(scenarios: list[Scenario]) -> dict:
    """Profile build and solve separately over ``scenarios``."""
    solve_week(build_week(scenarios[0]), SETTINGS)  # caches (catalogue, library) warm, as in a long-lived worker
    build_prof, solve_prof = cProfile.Profile(), cProfile.Profile()
    models = []
    for s in scenarios:
        build_prof.enable()
        m = build_week(s)
        build_prof.disable()
        models.append(m)
    for m in models:
        solve_prof.enable()
        solve_week(m, SETTINGS)
        solve_prof.disable()
    build_stats, solve_stats = pstats.Stats(build_prof), pstats.Stats(solve_prof)
    n = len(scenarios)
    return {
        "athletes": n,
        "build_total_ms": build_stats.total_tt * 1000,
        "solve_total_ms": solve_stats.total_tt * 1000,
        "build_groups": {k: v / n for k, v in sorted(_by_group(build_stats, _group).items(), key=lambda kv: -kv[1])},
        "solve_groups": {k: v / n for k, v in sorted(_by_group(solve_stats, _solve_group).items(), key=lambda kv: -kv[1])},
        "build_top": _top(build_stats, 12),
        "solve_top": _top(solve_stats, 8),
        "build_ms": [],
    }


def stages(scenarios: list[Scenario]) -> dict:
    """How ``solve_week``'s time splits: the CP-SAT solve of the goals (stage 1, timed on its
    own on a fresh model) against the whole call (stage 1, the earliest-times polish if the
    model has one, reading the plan and scoring it)."""
    first, whole = [], []
    for s in scenarios:
        m = build_week(s)
        t0 = time.perf_counter()
        _solver(SETTINGS).solve(m.cp)
        first.append((time.perf_counter() - t0) * 1000)
        m = build_week(s)
        t0 = time.perf_counter()
        solve_week(m, SETTINGS)
        whole.append((time.perf_counter() - t0) * 1000)
    return {"athletes": len(scenarios), "goals_ms": sum(first), "solve_week_ms": sum(whole)}
