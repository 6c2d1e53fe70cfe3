"""The measurements: latency, throughput, scale, quality against baselines, exactness, floor.

Every parallel run uses a process pool (spawned, so no CP-SAT state is forked)
with one CP-SAT worker per solve; workers get pydantic ``Scenario`` objects and
send back plain numbers, never solver objects. Times are wall-clock
``perf_counter`` readings taken inside the worker around ``build_week`` and
``solve_week`` separately, with the product's settings (``SolveSettings()``:
10 s limit, one worker, seed 0).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import time
from dataclasses import dataclass, field

from optimizer import Scenario, check_plan
from optimizer.build import build_week
from optimizer.exercises import builtin_library
from optimizer.solve import SolveSettings, solve_week

from .baselines import BASELINES
from .exhaustive import exhaustive_optimum
from .generate import density_of, scaled_scenario, tiny_lift_scenario, tiny_scenario

SETTINGS = SolveSettings()


# ---- one athlete (runs in a worker) -------------------------------------------------------


def measure(item: tuple[int, Scenario]) -> dict:
    """Build and solve one athlete; the two times, the outcome and the model's size."""
    index, scenario = item
    cpu = time.process_time()
    started = time.perf_counter()
    model = build_week(scenario)
    built = time.perf_counter()
    plan = solve_week(model, SETTINGS)
    solved = time.perf_counter()
    cpu = time.process_time() - cpu
    return {
        "index": index,
        "density": density_of(scenario),
        "windows": len(scenario.athlete.windows),
        "runs": len(scenario.athlete.runs),
        "variables": len(model.cp.proto.variables),
        "constraints": len(model.cp.proto.constraints),
        "build_ms": (built - started) * 1000,
        "solve_ms": (solved - built) * 1000,
        "cpu_ms": cpu * 1000,  # CPU time of the worker process: below wall time when others share the core
        "status": plan.status,
        "penalty": plan.total_penalty if plan.status in ("optimal", "feasible") else None,
    }


def measure_floor(item: tuple[int, Scenario]) -> dict:
    """The same athlete's model solved with no objective: any week the hard rules allow. What
    this model costs CP-SAT before any optimising (loading it, the LP, a first solution): the floor
    of the approach, as an empty solve is the floor of CP-SAT itself."""
    from optimizer.solve import _solver

    index, scenario = item
    started = time.perf_counter()
    model = build_week(scenario)
    built = time.perf_counter()
    model.cp.clear_objective()
    _solver(SETTINGS).solve(model.cp)
    return {"index": index, "build_ms": (built - started) * 1000, "any_week_ms": (time.perf_counter() - built) * 1000}


def judge_baselines(item: tuple[int, Scenario]) -> dict:
    """Each baseline's week for one athlete: has a week?, rules it breaks, its penalty."""
    index, scenario = item
    out = {"index": index}
    for name, baseline in BASELINES.items():
        plan = baseline(scenario)
        if plan.status not in ("optimal", "feasible"):
            out[name] = {"week": False, "broken": [], "penalty": None}
            continue
        problems = check_plan(plan, scenario.athlete)
        out[name] = {"week": True, "broken": sorted({p.split(":")[0] for p in problems}), "penalty": plan.total_penalty}
    return out


def _warm(_: int) -> int:
    time.sleep(0.3)
    return os.getpid()


def _init() -> None:  # import and run CP-SAT once so the first timed athlete pays no start-up
    from .generate import tiny_scenario as first

    solve_week(build_week(first(0)), SETTINGS)


# ---- pools ---------------------------------------------------------------------------------


@dataclass
class PoolRun:
    processes: int
    athletes: int
    seconds: float
    results: list[dict] = field(default_factory=list)

    @property
    def busy(self) -> float:
        """Worker CPU time over processes x wall time: 1.0 when every worker had a core to itself
        all the time; less when other work took the cores, or workers sat idle at the end."""
        cpu = sum(r.get("cpu_ms", 0.0) for r in self.results) / 1000
        return cpu / (self.processes * self.seconds) if self.seconds else 0.0


def run_pool(function, scenarios: list[Scenario], processes: int) -> PoolRun:
    """``function`` over ``(index, scenario)`` items on ``processes`` worker processes;
    the clock runs from the first item handed out to the last result back (workers are
    started and warmed up before)."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init) as pool:
        pool.map(_warm, range(2 * processes), chunksize=1)
        started = time.perf_counter()
        results = list(pool.imap_unordered(function, list(enumerate(scenarios)), chunksize=1))
        seconds = time.perf_counter() - started
    results.sort(key=lambda r: r["index"])
    return PoolRun(processes, len(scenarios), seconds, results)


# ---- the floor -------------------------------------------------------------------------------


def floor_ms(repeats: int = 300) -> dict[str, float]:
    """An empty CP-SAT solve (one Boolean, no constraint) with the product's solver settings:
    what every solve pays whatever the model."""
    from ortools.sat.python import cp_model

    from optimizer.solve import _solver

    times, whole = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = cp_model.CpModel()
        model.new_bool_var("x")
        solver = _solver(SETTINGS)
        t1 = time.perf_counter()
        solver.solve(model)
        t2 = time.perf_counter()
        times.append((t2 - t1) * 1000)
        whole.append((t2 - t0) * 1000)
    return {"solve_p50": quantile(times, 0.5), "solve_p99": quantile(times, 0.99), "whole_p50": quantile(whole, 0.5)}


def machine_speed(repeats: int = 7) -> dict[str, float]:
    """Fixed work that owes nothing to this project's code, best of ``repeats`` after a round
    to warm up: a pure-Python sort and a fixed CP-SAT knapsack. On a shared machine the same
    code measures slower or faster from one run to the next (even from one second to the
    next); these two say how fast the machine itself was around the run, so runs of
    different code can be compared fairly."""
    python_ms, cpsat_ms = [], []
    for _ in range(repeats + 1):
        t0 = time.perf_counter()
        sorted(str(i * 7919 % 100_003) for i in range(60_000))
        t1 = time.perf_counter()
        fixed_knapsack()
        t2 = time.perf_counter()
        python_ms.append((t1 - t0) * 1000)
        cpsat_ms.append((t2 - t1) * 1000)
    return {"python_ms": min(python_ms[1:]), "cpsat_ms": min(cpsat_ms[1:])}


def fixed_knapsack() -> None:
    """Build and solve one fixed 150-item knapsack with CP-SAT (one worker, seed 0): model
    building in Python and a native search, as a week is, but owing nothing to this project."""
    import random

    from ortools.sat.python import cp_model

    rng = random.Random(0)
    weights = [rng.randint(5, 60) for _ in range(150)]
    values = [w + rng.randint(-4, 12) for w in weights]
    model = cp_model.CpModel()
    take = [model.new_bool_var(f"x{i}") for i in range(len(weights))]
    model.add(sum(w * x for w, x in zip(weights, take)) <= sum(weights) // 3)
    model.maximize(sum(v * x for v, x in zip(values, take)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.solve(model)


# ---- exactness ---------------------------------------------------------------------------------


def exactness(n: int, seed: int = 0) -> dict:
    """Exhaustive search against CP-SAT on ``n`` weeks of runs and ``n`` one-lift weeks."""
    out = {}
    for family, make in (("runs", tiny_scenario), ("lift", tiny_lift_scenario)):
        rows = []
        for i in range(n):
            scenario = make(seed * 10_000 + i)
            t0 = time.perf_counter()
            spec = exhaustive_optimum(scenario)
            t1 = time.perf_counter()
            plan = solve_week(build_week(scenario), SETTINGS)
            optimum = plan.total_penalty if plan.status == "optimal" else None
            rows.append({"seed": seed * 10_000 + i, "cp_sat": optimum, "status": plan.status,
                         "exhaustive": spec.best_penalty,
                         "weeks": spec.weeks, "grid": spec.grid, "seconds": t1 - t0})
        out[family] = rows
    return out


# ---- scale -----------------------------------------------------------------------------------------

SCALE_GRID = (
    [("windows", w, {"windows": w, "runs": 3, "strength": 2}) for w in (4, 7, 10, 14)]
    + [("runs", r, {"windows": 10, "runs": r, "strength": 2}) for r in (3, 5, 7)]
    + [("strength", k, {"windows": 10, "runs": 4, "strength": k}) for k in (0, 1, 2, 3)]
    + [("library", n, {"windows": 10, "runs": 4, "strength": 2, "library": n})
       for n in (len(builtin_library()), 100, 150, 250)]  # the built-in library, then grown by variants
)


def scale(seeds: int, processes: int) -> list[dict]:
    """Build and solve time as one dimension grows (the others fixed), ``seeds`` athletes each."""
    items, labels = [], []
    for dim, value, size in SCALE_GRID:
        for s in range(seeds):
            items.append(scaled_scenario(1000 + s, **size))
            labels.append((dim, value))
    run = run_pool(measure, items, processes)
    rows = []
    for dim, value, _ in SCALE_GRID:
        got = [r for r, label in zip(run.results, labels) if label == (dim, value)]
        rows.append({
            "dimension": dim, "value": value,
            "build_ms": statistics.median(r["build_ms"] for r in got),
            "solve_ms": statistics.median(r["solve_ms"] for r in got),
            "solve_max_ms": max(r["solve_ms"] for r in got),
            "variables": statistics.median(r["variables"] for r in got),
            "optimal": sum(r["status"] == "optimal" for r in got), "n": len(got),
        })
    return rows


# ---- statistics ----------------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile (q in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 1))))
    return ordered[rank - 1]


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
