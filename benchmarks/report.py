"""RESULTS.md from the measurements of one run of ``python -m benchmarks``."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

from .harness import quantile

TARGETS = {"p50_ms": 20.0, "p99_ms": 100.0, "ten_thousand_s": 60.0, "scaling": 1.8}
BASELINE_TITLES = {"template": "002 template", "home": "004 home", "gym": "004 gym", "greedy": "greedy"}  # table order


def _ms(x: float) -> str:
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"


def _quantiles(values: list[float]) -> list[float]:
    return [quantile(values, q) for q in (0.5, 0.9, 0.99)] + [max(values)]


def _floor_words(mean_least: float, mean_total: float) -> str:
    """What the model's floor (build + any week, mean ms) leaves of the 10,000-athlete target."""
    target = TARGETS["ten_thousand_s"]
    floor_s = 10_000 * mean_least / 2000  # two cores, each athlete at the floor, perfect scaling
    words = (f"At the floor's mean ({_ms(mean_least)} ms) 10,000 athletes on 2 cores would take {floor_s:,.0f} s if "
             "optimising were free and the two cores scaled perfectly")
    if floor_s >= target:
        return (words + f", against the {target:.0f} s target: no search setting reaches that target; only a smaller "
                "model would (fewer variables per lift, a cheaper build).")
    budget = target * 2000 / 10_000 - mean_least
    return (words + f": under the {target:.0f} s target, leaving optimising {_ms(budget)} ms an athlete on average, "
            f"against the {_ms(mean_total - mean_least)} ms it takes now (mean build + solve {_ms(mean_total)} ms). "
            "With the two cores slowing each other (above) the margin is smaller still.")


def _verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def write(r: dict, path: Path) -> None:
    m, lat, floor = r["machine"], r["latency"], r["floor"]
    n = len(lat)
    build = [x["build_ms"] for x in lat]
    solve = [x["solve_ms"] for x in lat]
    total = [b + s for b, s in zip(build, solve)]
    status = Counter(x["status"] for x in lat)
    f = floor["solve_p50"]
    out: list[str] = []
    w = out.append

    w("# stridelift benchmark results\n")
    w(f"Written by `python -m benchmarks{' --full' if r['args']['full'] else ''}` in {r['seconds'] / 60:.1f} min. "
      f"Corpus: {n} synthetic athletes, seed {r['args']['seed']} (`benchmarks/generate.py`). "
      f"Settings: the product's (`SolveSettings()`: 10 s limit, 1 CP-SAT worker, seed 0). "
      f"Model measured: {m.get('model', '?')}.\n")
    w("## Machine\n")
    w(f"- cores: {m['cores']} ({m['cpu']})\n- Python {m['python']}, OR-Tools {m['ortools']}, numpy {m['numpy']}\n"
      f"- {m['platform']}\n- load average at start / end: {m['load']} / {m.get('load_end', '?')} "
      f"(the machine is shared; other work running at the same time inflates every figure)"
      + (f"\n- during the run all cores were busy {100 * m['busy']:.0f} % of the time, {100 * m['steal']:.1f} % stolen by the hypervisor"
         if "busy" in m else "")
      + (f"\n- the machine's speed, fixed work owing nothing to this project (`harness.machine_speed`, best of 7): "
         f"a Python sort {m['speed']['python_ms']:.1f} ms and a CP-SAT knapsack {m['speed']['cpsat_ms']:.2f} ms at the "
         f"start, {m['speed_end']['python_ms']:.1f} and {m['speed_end']['cpsat_ms']:.2f} ms at the end. On this shared "
         "machine the same code measures up to a third slower from one run to the next; compare runs with these two "
         "figures beside them" if "speed_end" in m else "") + "\n")

    # ---- targets
    thr = {(p, a): s for p, a, s, _ in r["throughput"]}
    cpu = {(p, a): b * p * s for p, a, s, b in r["throughput"]}
    sc = r["scaling"]
    two = max(k for k in sc if isinstance(k, int))
    scaling = sc[1] / sc[two] if sc.get(two) else 0.0
    ten_k = thr.get((two, 10_000))
    two_rate = n / thr[(two, n)]
    ten_k_est = ten_k if ten_k is not None else 10_000 / two_rate
    # the same work on two cores nobody else uses: from the 10,000-athlete run when there is one
    ten_k_cpu = cpu[(two, 10_000)] / two if (two, 10_000) in cpu else 10_000 / n * cpu.get((two, n), 0.0) / two
    w("## Targets\n")
    w("| target | measured | verdict |\n|---|---|---|")
    w(f"| p50 build + solve < {TARGETS['p50_ms']:.0f} ms | {_ms(quantile(total, 0.5))} ms | {_verdict(quantile(total, 0.5) < TARGETS['p50_ms'])} |")
    w(f"| p99 build + solve < {TARGETS['p99_ms']:.0f} ms | {_ms(quantile(total, 0.99))} ms | {_verdict(quantile(total, 0.99) < TARGETS['p99_ms'])} |")
    w(f"| 10,000 athletes < {TARGETS['ten_thousand_s']:.0f} s on 2 cores | {ten_k_est:,.0f} s"
      f"{'' if ten_k is not None else f' (estimated: {10_000 / n:,.0f} x the {n:,}-athlete run; measured with --full)'}; "
      f"{ten_k_cpu:,.0f} s counting worker CPU time only | "
      f"{_verdict(ten_k_est < TARGETS['ten_thousand_s'])} |")
    # With --full the 10,000-athlete runs give a second ratio on ten times the sample, where a slow athlete at the end
    # or a burst of other work on the machine weighs a tenth as much: the verdict reads that one when it exists.
    big = thr[(1, 10_000)] / thr[(two, 10_000)] if (1, 10_000) in thr and (two, 10_000) in thr else None
    judged = big if big is not None else scaling
    w(f"| scaling 1 -> 2 cores >= {TARGETS['scaling']} | {scaling:.2f}x ({sc['athletes']:,} athletes)"
      + (f"; **{big:.2f}x** (10,000 athletes, judged)" if big is not None else "")
      + f" | {_verdict(judged >= TARGETS['scaling'])} |")
    w("")

    # ---- latency
    w("## Latency per athlete\n")
    w(f"Build = `optimizer.build.build_week`, solve = `optimizer.solve.solve_week` (CP-SAT plus reading the plan and scoring it), "
      f"timed separately in a 1-process run: one week planned at a time, as `stridelift plan` does. "
      f"Floor = an empty CP-SAT solve (one Boolean): {floor['solve_p50']:.2f} ms p50, {floor['solve_p99']:.2f} ms p99 "
      f"({floor['whole_p50']:.2f} ms with creating the model and solver).\n")
    floor_rows = r.get("model_floor", [])
    any_week = [x["any_week_ms"] for x in floor_rows]
    least = [x["build_ms"] + x["any_week_ms"] for x in floor_rows]
    rows = [("build", build), ("solve", solve), ("build + solve", total)]
    if floor_rows:
        rows += [("any week: the same model, no objective", any_week), ("build + any week", least)]
    w("| ms | p50 | p90 | p99 | max | p50 / floor |\n|---|---|---|---|---|---|")
    for name, values in rows:
        q = _quantiles(values)
        w(f"| {name} | {' | '.join(_ms(v) for v in q)} | {q[0] / f:,.0f}x |")
    busy = r.get("latency_busy", [])
    if busy:
        both = [x["build_ms"] + x["solve_ms"] for x in busy]
        slower = statistics.mean(both) / statistics.mean(total) - 1
        w(f"\nWith {two} weeks planned at once (the {two}-process throughput run, every core busy): build + solve p50 "
          f"{_ms(quantile(both, 0.5))} ms, p99 {_ms(quantile(both, 0.99))} ms, {100 * slower:+.0f} % on the mean against "
          "one at a time"
          + (". Solves running side by side slow each other (shared caches and memory, and virtual cores the host may "
             "not give a physical core each): a cost of batch planning, counted in Throughput, not a week's latency."
             if slower > 0.05 else ", the same within this machine's noise."))
    w("")
    if floor_rows:
        mean_least = statistics.mean(least)
        w(f"**The floor of this model.** An empty solve is CP-SAT's floor; this model's own floor is building it and "
          f"solving it with the objective removed (`harness.measure_floor`: loading it, the LP, a first week the hard rules "
          f"allow, no optimising). At p50 that is {_ms(quantile(least, 0.5))} ms against {_ms(quantile(total, 0.5))} ms for "
          f"the real thing: optimising costs {_ms(quantile(total, 0.5) - quantile(least, 0.5))} ms of the p50, and "
          + (f"the {TARGETS['p50_ms']:.0f} ms target leaves it {_ms(TARGETS['p50_ms'] - quantile(least, 0.5))} ms. "
             if quantile(least, 0.5) < TARGETS["p50_ms"] else
             f"the floor alone is above the {TARGETS['p50_ms']:.0f} ms target. ")
          + _floor_words(mean_least, statistics.mean(total)) + "\n")
    w(f"- proven optimal: {_pct(status['optimal'], n)}; infeasible (no week exists): {_pct(status['infeasible'], n)}; "
      f"time limit hit with a week (feasible): {_pct(status['feasible'], n)}; no week in time (unknown): {_pct(status['unknown'], n)}")
    w(f"- model size: {statistics.median(x['variables'] for x in lat):,.0f} variables, "
      f"{statistics.median(x['constraints'] for x in lat):,.0f} constraints (median)\n")
    w("By availability density:\n")
    w("| density | athletes | windows (median) | build p50 | solve p50 | solve p90 | solve max |\n|---|---|---|---|---|---|---|")
    for d in ("sparse", "typical", "dense"):
        rows = [x for x in lat if x["density"] == d]
        if rows:
            s = [x["solve_ms"] for x in rows]
            w(f"| {d} | {len(rows)} | {statistics.median(x['windows'] for x in rows):.0f} | "
              f"{_ms(quantile([x['build_ms'] for x in rows], 0.5))} | {_ms(quantile(s, 0.5))} | {_ms(quantile(s, 0.9))} | {_ms(max(s))} |")
    w("")

    # ---- throughput
    w("## Throughput\n")
    w("A process pool (spawned workers, one CP-SAT worker per solve, `Scenario` objects in, numbers out); "
      "the clock runs from the first athlete handed out to the last result back.\n")
    w("| athletes | processes | seconds | athletes / s | CPU busy |\n|---|---|---|---|---|")
    for p, a, s, b in r["throughput"]:
        w(f"| {a:,} | {p} | {s:,.1f} | {a / s:,.2f} | {100 * b:.0f} % |")
    if not r["args"]["full"]:
        w(f"| 10,000 | {two} (estimated: {10_000 / n:,.0f} x the {n:,}-athlete run) | {10_000 / n * thr[(two, n)]:,.0f} | {two_rate:,.2f} | |")
    a = sc["athletes"]
    cpu_scaling = two * cpu[(1, a)] / cpu[(two, a)] if cpu.get((two, a)) else 0.0
    w("\nCPU busy = worker CPU time / (processes x wall time): 100 % means every worker had a core to itself the whole "
      "time; less means other work on the machine took the cores, or a worker sat idle waiting for the last slow athlete.\n")
    busy_two = next((b for p_, a_, _, b in r["throughput"] if (p_, a_) == (two, a)), 0.0)
    w(f"Scaling 1 -> {two} processes on the same {a} athletes: **{scaling:.2f}x** wall-clock. "
      f"Counted in worker CPU time instead ({two} x CPU of the 1-process run / CPU of the {two}-process run), which leaves "
      f"out time the cores spent on other work and the idle tail: **{cpu_scaling:.2f}x**."
      + ("\n" if scaling >= TARGETS["scaling"] else
         f" Most of the gap is the machine: on {two} processes the workers were busy only {100 * busy_two:.0f} % of the "
         f"time (other users' work had the cores), and the slowest athlete ({max(total) / 1000:.1f} s) can leave one "
         "worker alone at the end"
         + (f"; and since even the CPU-time ratio is under {TARGETS['scaling']}x, each solve also costs more CPU when two "
            "run at once (shared caches and memory bandwidth, or virtual cores that share a physical one)."
            if cpu_scaling < TARGETS["scaling"] else ".") + " Rerun on an otherwise idle machine to judge the target.\n"))

    # ---- scale
    w("## Scale\n")
    w("Fixed-size athletes (`generate.scaled_scenario`: base phase, no pins, doubles allowed); one dimension varies, "
      f"the others fixed; {r['args']['scale_seeds']} athletes a row, medians.\n")
    w("| varies | value | variables | build ms | solve ms | solve max ms | optimal |\n|---|---|---|---|---|---|---|")
    for row in r["scale"]:
        w(f"| {row['dimension']} | {row['value']} | {row['variables']:,.0f} | {_ms(row['build_ms'])} | {_ms(row['solve_ms'])} | "
          f"{_ms(row['solve_max_ms'])} | {row['optimal']}/{row['n']} |")
    w("\n(windows: runs 3, strength 2; runs: windows 10, strength 2; strength sessions: windows 10, runs 4; library: "
      "windows 10, runs 4, strength 2, the built-in exercises plus variants of them under new ids with other work and "
      "rest times, `generate.variant_exercises`)\n")

    # ---- quality
    w("## Quality against what a runner would do instead\n")
    w("Baselines in `benchmarks/baselines.py`: **002 template** = the seed 002 sample week (Mon easy, Tue full body, "
      "Wed tempo/intervals, Thu upper body + core, Fri medium, Sat long, Sun rest) fitted to each athlete's windows "
      "(first window of the template day with room, else the nearest day); **004 home** and **004 gym** = the same "
      "running week with seed 004's lifts instead (home: full body Mon and Thu; gym: heavy legs Tue, upper body Fri, "
      "and power Sun when the athlete lifts three times a week); **greedy** = runs then strength, day by day, "
      "first fit with local rule checks, never going back. Lifts get exercises the same way in all (required ones, "
      "then what covers most of the week's gaps). Judged by `optimizer.check_plan` and `optimizer.score_plan`.\n")
    opt_by = {x["index"]: x for x in lat}
    exists = [i for i, x in opt_by.items() if x["status"] in ("optimal", "feasible")]
    names = [name for name in BASELINE_TITLES if name in r["baselines"][0]]
    w(f"| | {' | '.join(BASELINE_TITLES[name] for name in names)} |\n|---|{'---|' * len(names)}")
    lines = {k: [] for k in ("week", "noweek", "broken", "clean_gap", "clean_same", "never_better", "rules")}
    for name in names:
        rows = {b["index"]: b[name] for b in r["baselines"]}
        with_week = [i for i, b in rows.items() if b["week"]]
        broken = [i for i in with_week if rows[i]["broken"]]
        missed = [i for i in exists if not rows[i]["week"]]
        fair = [i for i in with_week if not rows[i]["broken"] and opt_by[i]["status"] == "optimal"]
        gaps = [rows[i]["penalty"] - opt_by[i]["penalty"] for i in fair]
        better = [g for g in gaps if g < 0]
        rule_count = Counter(rule for i in broken for rule in rows[i]["broken"])
        lines["week"].append(_pct(len(with_week), n))
        lines["noweek"].append(_pct(len(missed), len(exists)))
        lines["broken"].append(_pct(len(broken), len(with_week)))
        lines["clean_gap"].append(f"{statistics.mean(gaps):+.1f} (median {statistics.median(gaps):+.0f}, n={len(gaps)})" if gaps else "-")
        lines["clean_same"].append(_pct(sum(1 for g in gaps if g == 0), len(gaps)))
        lines["never_better"].append("yes" if not better else f"NO: {len(better)} athletes")
        lines["rules"].append(", ".join(f"{k} {v}" for k, v in rule_count.most_common(6)) or "-")
    w(f"| gives a week | {' | '.join(lines['week'])} |")
    w(f"| **finds no week when one exists** | {' | '.join(lines['noweek'])} |")
    w(f"| **breaks a hard rule** (of its weeks) | {' | '.join(lines['broken'])} |")
    w(f"| rules broken (athletes) | {' | '.join(lines['rules'])} |")
    w(f"| **soft-goal penalty above the optimum** (rule-clean weeks) | {' | '.join(lines['clean_gap'])} |")
    w(f"| as good as the optimum (rule-clean weeks) | {' | '.join(lines['clean_same'])} |")
    w(f"| the optimum is never worse than a rule-clean baseline | {' | '.join(lines['never_better'])} |")
    w("")

    # ---- exactness
    w("## Exactness\n")
    w("`benchmarks/exhaustive.py` tries every week of a tiny scenario and keeps the best one the project's checkers accept, "
      "priced by its scorers; CP-SAT's `plan.total_penalty` must match (or both find no week). Since strength sessions choose "
      "their exercises, weeks with runs and lifts are too big to enumerate, so two families: **weeks of runs** (2-3 runs, "
      "2-4 windows, every window and start on a 10-minute grid, which the module doc proves exact) and **one strength session** "
      "(one window, 6-9 usable exercises: every kind, exercise list and superset pairing).\n")
    w("| family | instances | agree | of which no week | exhaustive better | CP-SAT better | mean weeks tried | slowest s |\n|---|---|---|---|---|---|---|---|")
    for family, rows in r["exact"].items():
        agree = sum(1 for x in rows if x["cp_sat"] == x["exhaustive"])
        none = sum(1 for x in rows if x["cp_sat"] is None and x["exhaustive"] is None)
        ex_better = sum(1 for x in rows if x["exhaustive"] is not None and (x["cp_sat"] is None or x["exhaustive"] < x["cp_sat"]))
        cp_better = sum(1 for x in rows if x["cp_sat"] is not None and (x["exhaustive"] is None or x["cp_sat"] < x["exhaustive"]))
        w(f"| {family} | {len(rows)} | **{agree}** | {none} | {ex_better} | {cp_better} | "
          f"{statistics.mean(x['weeks'] for x in rows):,.0f} | {max(x['seconds'] for x in rows):.2f} |")
    w("")

    # ---- profile
    p = r["profile"]
    w("## Where the time goes\n")
    w(f"cProfile over {p['athletes']} corpus athletes (own time per athlete, ms; profiling inflates Python-heavy parts).\n")
    w("| build: part | ms / athlete | share |\n|---|---|---|")
    bt = sum(p["build_groups"].values())
    for k, v in list(p["build_groups"].items())[:10]:
        w(f"| {k} | {v:.2f} | {100 * v / bt:.0f} % |")
    w("\n| solve: part | ms / athlete | share |\n|---|---|---|")
    st = sum(p["solve_groups"].values())
    for k, v in list(p["solve_groups"].items())[:8]:
        w(f"| {k} | {v:.2f} | {100 * v / st:.0f} % |")
    w("\nTop functions by own time, build:\n")
    w("| function | own ms | cumulative ms |\n|---|---|---|")
    for label, own, cum in p["build_top"][:8]:
        w(f"| `{label}` | {own:.0f} | {cum:.0f} |")
    st_ = r["stages"]
    w(f"\nStages of `solve_week` on the same {st_['athletes']} athletes: the CP-SAT solve of the weighted goals alone took "
      f"{st_['goals_ms'] / 1000:.1f} s in all, the whole `solve_week` (goals, then with every choice fixed the earliest times: back "
      f"to back from each window's opening when every checker and goal allows, else the polish; reading and scoring the plan) {st_['solve_week_ms'] / 1000:.1f} s: the goals are "
      f"{100 * st_['goals_ms'] / max(st_['solve_week_ms'], 1e-9):.0f} % of it.\n")
    native = next((v for k, v in p["solve_groups"].items() if k.startswith("CP-SAT")), 0.0)
    by_strength = {row["value"]: row["solve_ms"] for row in r["scale"] if row["dimension"] == "strength"}
    strength_effect = (
        f"Exercise choice is what costs: in the scale table the same athletes solve in {_ms(by_strength[0])} ms with no "
        f"strength session and {_ms(by_strength[1])} ms with one (median). " if 0 in by_strength and 1 in by_strength else "")
    w("### What dominates, what was done, and what is left\n")
    w(f"- **Solve dominates**: p50 solve {_ms(quantile(solve, 0.5))} ms against build {_ms(quantile(build, 0.5))} ms, and "
      f"{100 * native / st:.0f} % of solve is CP-SAT's native search; reading the plan, dosing and scoring are small. "
      + strength_effect)
    w("- **Done**: exercises are chosen per *lift of the week* (as many as R-FREQ allows, matched to windows in time order) "
      "instead of per window, which shrank dense weeks' models several times; a redundant row equating minutes counted "
      "by window and by lift gives the LP relaxation the cost of exercises in S-SHORT; one presolve pass, no cut rounds "
      "and the objective lower-bound search (each measured by CP-SAT's deterministic time on the corpus, every optimum "
      "unchanged); build tables per place, not per window, and the snake_case OR-Tools API without CamelCase aliases.")
    w("- **Tried, no gain**: leaving out exercises dominated by six others (a session holds six) prunes none on this "
      "corpus: exercises differ in what they train; counting lifts per kind and per place as redundant rows made the "
      "search slower; a single solve with the tie-break folded into the objective is 4x slower than two stages.")
    w("- **Tried, no gain (second round)**: exercise lists as columns, one Boolean per non-dominated list of a (kind, "
      "place) (coverage against minutes, found by a dynamic programme over the exercises): 30 athletes had 52 such lists "
      "per (kind, place) on average and up to 295, more Booleans per lift than the exercises themselves, and finding them "
      "took 0.6 s per (kind, place) in Python; forcing a dominated exercise (trains no more, costs no fewer minutes) to "
      "come with the one dominating it: 17 pairs per athlete, no change in work; writing R-CONTENT's conditional rows "
      "without enforcement literals (`have >= need * kind`): 16 % more work; other search settings (LB-tree search, LP "
      "or pseudo-cost branching, eager LP rows, a cut round, no presolve): all slower or no better.")
    w("- **Done (third round)**: CP-SAT's clean-up that does not pay on models this small is off: merging at-most-one "
      "rows and dual reductions in presolve, clause minimisation between restarts, most inprocessing, and the symmetry "
      "search (a quarter less solve time on three corpus seeds, every optimum unchanged; `optimizer/solve.py::_solver`); "
      "and the earliest-times polish is skipped when the week found already sits at a lower bound on its lateness "
      "(each window's sessions back to back, Smith's rule), which three weeks in five do: 2 ms off their solve.")
    w("- **Tried, no gain (third round)**: a two-stage solve, the schedule first with exercises left out (each lift's "
      "length bounded below by the cheapest content its kind and place allow, S-COVER dropped), then the exercises for "
      "that schedule, falling back to the whole model unless the two agree: on 150 athletes only 16 agreed, because "
      "coverage is what the exercises decide and the schedule stage cannot see it; the same bound as redundant rows in "
      "the whole model: 7 % more work; R-ORDER or R-REST with one literal per lift instead of one per kind: fewer rows "
      "(R-ORDER: half a millisecond less build), and from 4 % less to 12 % more work depending on the corpus seed (the search's luck, "
      "not a gain); writing constraints straight into the model proto: 4.1 us a linear row against 4.3 "
      "us through `CpModel.add` (the proto's own accessors cost as much as the API), so building in bulk cannot halve "
      "the build; a fixed branching order (sessions first): 15-20x slower; core-based optimisation: 7x slower.")
    w("- **Done (fourth round)**: where CP-SAT's heuristics tie, it branches on the variables created last first (the "
      "goals' own, then the exercises, then the placements): 6-10 % less work on corpus seeds 0, 3 and 5, every optimum "
      "unchanged. A random order is 5 % worse than creation order, so the order is worth more thought. *Withdrawn "
      "since*: with the other settings here it makes OR-Tools 9.15 abort the process on some infeasible weeks (an "
      "audit's fuzzing found a replan that does; `tests/test_solve_safety.py`), so CP-SAT's default order was back "
      "until the tenth round (below), and figures measured before it was withdrawn carry that 6-10 %. R-CONTENT's "
      "\"an exercise only in a kind it fits\" is built as a clause (about 115 an athlete, half the cost of a linear "
      "row to build, the same after presolve). "
      "**What the work is**: S-COVER's muscle-group targets are half of it. On 100 athletes (seed 3), the same models "
      "with S-COVER's weight at 0 take 50 % of the work, and with only its muscle-group targets left out 53 %; leaving "
      "out its pillar or injury targets changes nothing; S-SHORT's weight at 0 takes 74 %.")
    w("- **Tried, no gain (fourth round)**: counting a target of one session by exercises, with no per-lift \"this "
      "session trains it\" Boolean (exact: one session trains it if one exercise does): 5 % fewer variables and 10 % "
      "less build, but 17 % more work; leaving out R-CONTENT's kind row for an exercise every allowed kind may use "
      "(\"chosen => the lift is used\" already says it): 4 % more work on one seed, 4 % less on another; exercise "
      "variables created by their number of muscle groups, either way: 2-15 % more work; dominance again, now judged "
      "on the athlete's own targets, places and kinds: still almost no exercise has six dominators, and only 2 in 44 "
      "are interchangeable twins; settings (objective cut, no phase saving, disjunctive precedences off or dynamic, no "
      "blocking restarts, chronological backtracking, no objective lower-bound search with the new order: 47 % more "
      "work); `use_combined_no_overlap` crashes the process in OR-Tools 9.15 (google/or-tools#5135).")
    w("- **Done (fifth round)**: a strength session's kinds share one window, so rules that asked \"this run and that "
      "session of any loaded kind\" now say it once per session, enforced by its presence and the absence of its other "
      "kinds (`WeekModel.chosen_among`; no new variable): R-ORDER went from 166 rows an athlete to 34, R-REST from 71 "
      "to 37, and the day counts of S-STACK, S-SPREAD and R-DOUBLES count a session's presence instead of each kind. "
      "The LP rows are shorter: 13-18 % less work on corpus seeds 0, 1, 2 and 4 and 7-9 % on seeds 3 and 5, every "
      "optimum unchanged (the third round's one literal per lift was a different encoding and gained nothing). The "
      "tie-break skips its second solve when the week's choices fit back to back from each window's opening and every "
      "checker and goal agree (0.4 ms against ~3 ms, on most of the two athletes in five that needed it); R-AVAIL's "
      "equipment test from the model's precomputed sets (0.28 -> 0.11 ms a build).")
    w("- **Tried, no gain (fifth round)**: \"this session trains the group\" as an exact definition (each exercise "
      "implies it): 17-31 % more work; a lift's exercise count as rows without enforcement (`count <= 6 x used`): -5 % "
      "to +6 % by seed; a lift's kind or place Boolean replaced by \"used\" when there is one option: presolve already "
      "merged them, no change; core-based optimisation: 7x more work; objective shaving: 55 % more; MaxHS: the same.")
    w("- **Done (sixth round)**: supersets are counted, not flagged: the length of a lift depends only on how many of "
      "its exercises of each class (upper-body or not) and saving are paired, and savings are a minute or two, so about "
      "3 integer counts a lift stand for about 20 Booleans (the same LP bound; the plan pairs the first so many chosen "
      "exercises of each count): 12-20 % less work and 6-13 % less solve time on corpus seeds 0, 1, 3 and 5, measured "
      "in one process with the two encodings interleaved athlete by athlete, every optimum unchanged and every one of "
      "240 further exhaustive instances agreeing. \"A chosen exercise means its lift is used\" is left to R-CONTENT's "
      "kind clause, which already says it (the kinds of a lift sum to \"used\"): a hundred fewer LP rows an athlete, "
      "5 % less work on six seeds. Build: one shared 0-1 domain for every Boolean, and the suited library with its kind "
      "and sort sets worked out once per level, injuries, own library and kinds (about 0.5 ms a build). Latency is now "
      "timed one week at a time (a 1-process run), as `stridelift plan` plans; earlier rounds timed it inside the "
      "2-process run, where two solves side by side took 10-15 % longer each in three runs (given under the latency table). "
      "A lift held in a window takes the window's kind through clauses \"lift's kind => window's kind\" rather than the "
      "converse (the same rule, both sides exactly-one): 6.5 % less solve time on six seeds.")
    w("- **Tried, no gain (sixth round)**: \"this session trains the group\" also requiring a kind of the lift that "
      "can train it (an LP row the fractional kinds missed): -11 % to +12 % by seed, no gain on average; the LP off "
      "first under a small work budget, the full model only if that proves nothing: a third of the athletes proved "
      "that way, the rest paid twice, slower in all; LP settings (inexact LP reasons: 40 % more work; no new linear "
      "propagation, no orthogonality filter, looser LP tolerances, dropping inactive LP rows sooner: less counted "
      "work but the same wall time); SAT settings (no inprocessing: 55 % more work; LP solution as the phase: the "
      "same).")
    w("- **Where a solve's time goes (seventh round)**: on 100 corpus athletes (seed 3, one process), a solve "
      "averaging 10.3 ms spends 1.4 ms in presolve and 7.1 ms until its first week (with the objective's lower-bound "
      "search, that week is often the optimum already); the same models with no objective take 4.3 ms, and 3.0 ms "
      "with no LP relaxation and no presolve either, CP-SAT's own cost for a model of this size. Building (about "
      "5.5 ms) plus that 3.0 ms is 42 s for 10,000 athletes on 2 perfect cores, leaving optimising about 3.5 ms an "
      "athlete against about 8 ms now. Settings tried again, all within 1 % of the current ones or slower: no "
      "presolve, no SIGINT handler, LP rows added 10 or 200 at a time, no disjunctive precedences; not exploiting "
      "every LP solution (31 % slower), linearization level 1 (5.7x), LP rows not lazy (23 %).")
    w("- **Tried, no gain (eighth round)**: a native profile (perf, 200 corpus athletes) puts half of CP-SAT's "
      "time in the simplex (glop: refactorising and solving after each change of the LP) and the rest in "
      "propagation, so the LP was made smaller: linearization level 1 with the exercise-choice core written as "
      "plain rows that stay in it (coverage, R-CONTENT's required sorts, counts and kinds, the length row, the "
      "places an exercise needs) and the timing rows left out: the same median, but 2.4x the mean from a slow "
      "tail; those rows as plain rows at level 2: about an eighth slower (one seed). With one worker, the "
      "feasibility pump, LP polishing, LNS and RINS change no work (the single search never runs them); "
      "interleaving three subsolvers in the one worker is 50x slower. R-FREQ's order written out (a later lift only after an earlier one, the "
      "first so many lifts always used): no change. Python's garbage collector frozen and one OpenBLAS thread in "
      "the pool's workers (2 and 1.5 % of a native profile): within the machine's noise.")
    w("- **Done (ninth round)**: no presolve at all (`cp_model_presolve` off): with probing off, OR-Tools 9.15 "
      "aborted the process on some weeks with no plan (an audit's fuzzing found one in about 21,000 weeks, and a "
      "quarter of the weeks one small change from it abort too; `tests/test_solve_safety.py`). Presolve off stops "
      "every one (0 of 900 such weeks) and is 3-6 % less solve time on corpus seeds 0, 3 and 5, measured in one "
      "process with the two settings interleaved athlete by athlete, every optimum unchanged; probing back on also "
      "stops them but costs 10 %. Presolve's own settings (passes, keeping every feasible solution) then do nothing "
      "and are gone.")
    w("- **Done (tenth round)**: the fourth round's branching order (variables created last first) is back: with "
      "presolve off, none of 1,000 near-copies of the two weeks that aborted with it aborts, nor any of 4,000 fuzzed "
      "weeks (half with no plan, explained); 2-5 % less solve time on corpus seeds 0, 3 and 5, interleaved athlete by "
      "athlete, every optimum unchanged. **Where a solve's time goes now** (150 athletes, seed 0, means): loading the "
      "model with no LP and no search 1.2 ms, any week without the LP 3.6 ms, with it 5.4 ms, the optimum 12.6 ms; "
      "the slowest tenth of athletes take a third of the time. Two processes slow each other even on a pure Python "
      "loop (12-16 % here), so this machine's two cores give at most about 1.75x.")
    w("- **Withdrawn (eleventh round)**: the reverse branching order again. Once a replan made up missed lifts "
      "(S-STABLE), OR-Tools 9.15 aborted on the replan `tests/test_solve_safety.py` keeps, with presolve off "
      "(\"Check failed: CleanUpImplicationList\"), and with CP-SAT's own order it does not. An abort takes a user's "
      "command or a club's worker down with no message, so the 2-5 % it saved is given up; this run measures "
      "CP-SAT's own order. Fuzzing then found a replan that aborted with either order; a replan's weeks are solved "
      "without SAT inprocessing (a third more solve time), which this benchmark, planning weeks from scratch, "
      "does not measure.")
    w("- **Withdrawn (twelfth round)**: probing off (level 0). Fuzzing 39,460 week models planned from scratch "
      "found 27 on which OR-Tools 9.15 aborted (\"num_redundant_literals_ % 2 == 0\" or \"CleanUpImplicationList\"), "
      "all with no plan and of one shape a runner may well write: three lifts asked for on two days free. With "
      "probing at CP-SAT's default level none of them aborted (level 1: the same 27; no SAT inprocessing: none either, "
      "at 31 % more solve time), every status and optimum unchanged on all the others. On 300 corpus athletes, "
      "interleaved, it costs 16 % more solve time (mean 13.9 -> 16.1 ms, p50 10.9 -> 12.6 ms), which this run "
      "measures; `tests/data/abort/or-tools` keeps two of the models.")
    w("- **Tried, no gain (tenth round)**: a run's start written as its window's opening plus a bounded lateness "
      "(one pair of rows over its placements instead of a row per window): 5 % more build and 6 % more work (seed "
      "0); dominance, even judged by a single dominator (too few to be exact), would leave 36 of 46 exercises; settings: no "
      "\"greater than at least one of\" detection, exploiting the best solution (0-3 %, within noise on seeds 3 and 5), "
      "stronger disjunctive propagation (5-8 % more), and no change from: not exploiting the objective, Boolean "
      "encoding level 0, optional variables, true polarity first, no rephasing, fewer root LP iterations.")
    w("- **Tried, no gain (thirteenth round)**: exercise Booleans split by kind (one per lift, kind and exercise, "
      "the lift's exercise their sum), so R-CONTENT's rows need no enforcement (`chosen of the kind <= 6 x kind`, "
      "each required sort `>= need x kind`), the textbook way to tighten an LP: 2.2x the solve time and 4.2x the "
      "work on 100 athletes (seed 0), every optimum unchanged; settings: restart period 25 or 100, simple conflict "
      "minimisation, binary minimisation from the first UIP only, reduction during PB resolution (all within 1 % of "
      "the work), exponentially weighted branching (4 % less work, within the wall time's noise).")
    w("- **What better goals cost (fourteenth round)**: S-COVER now reads coverage as a coach does (base weeks ask "
      "for a heavy lower-body lift, mobility drills no longer count toward muscle groups, injuries are helped only by "
      "what DOMAIN.md's table names). On 200 corpus athletes (seed 3) CP-SAT's deterministic work went from 1.03 to "
      "1.75: the heavy lift 0.52 of it, the rest the drills and injuries; base weeks doubled, the other phases barely "
      "moved. The optimum is mostly found early; what grew is the proof (the bound climbs slowly while heavy legs are "
      "tried around the key runs), so the tail grew most: p99 66 -> 160 ms, p50 17.6 -> 19.5 ms. Done: a pillar that "
      "some kinds must hold and no other may (heavy legs' heavy compounds, power's plyometrics) counted by the lift's "
      "kind literal instead of a Boolean over its exercises (1.75 -> 1.53). Tried, not kept: leaving out an exercise "
      "a twin does in no more minutes (the same kinds, targets, kit and superset class; mostly mobility drills, 7 -> "
      "2 a lift): 1.53 -> 1.49, and every week would hold the same two drills; each kind's least length as an LP "
      "row (lift minutes >= least x kind): no gain. Where the tail's work goes: on the 15 slowest corpus weeks "
      "(seed 0), S-SHORT at weight 0 leaves 15 % of it (S-STACK at 0: 89 %; S-SPREAD or S-PREF at 0: more): the "
      "proof is the minutes, to the minute, that heavier sessions cost against coverage, so a coarser S-SHORT or "
      "a better bound on a lift's minutes is where to look next.")
    w("- **The tail is the bound (fifteenth round)**: told the true lower bound of S-COVER and S-SHORT together "
      "as one row, the slowest corpus week (seed 0) solves in 33 ms instead of 377 (work 0.27 -> 0.017), the next "
      "two in 25 instead of 199 and 138 instead of 271. The LP cannot see it: the root LP of the exercise choice "
      "(checked with GLOP on the same rows) gives 0 minutes over the floor against 5, mixing kinds within a lift "
      "and taking a third of many exercises. Nor is the bound cheap to get: the same model with every row that "
      "touches time left out (a relaxation, so a valid bound) takes 28-58 ms to solve (core-based: 0.2-3 s), and "
      "is not always tight (2 against 5 on the third week). Retried, with the earlier rounds' verdict: the length "
      "and count rows without the lift's \"used\" literal (work p99 -13 % on seed 0, +15 % on seed 3), exercises "
      "split by kind with a length per kind (1.6-3x the work), a dominated exercise implying its dominator (17-24 "
      "pairs an athlete; more work), lifts of one kind and place ordered by length (-1.4 %, and not exact in a "
      "tight window). **A coarser S-SHORT, measured** (1,000 athletes, seed 0, counting the minutes beyond 20 in "
      "whole blocks): 5-minute blocks take the work from 9.7 to 6.8 s in all and its p99 from 103 to 48 ms (max "
      "267 -> 92); 2-minute blocks: 8.4 s, p99 81 ms. The price is longer sessions: the optimal weeks' minutes "
      "beyond 20 sum to 1,849 exact, 1,948 in 2-minute blocks, 2,297 in 5-minute blocks (about half a minute a "
      "week an athlete), the other goals the same. Blocks also let the solver pad a session within its block (12 "
      "of 339 sessions on seed 3), so they need a row making a session last exactly its content, from which a "
      "pinned class of fixed minutes is exempt. Not done: S-SHORT's unit is the goal's, not the benchmark's, and "
      "it would reach the p99 target, not the throughput one.")
    library = [row for row in r["scale"] if row["dimension"] == "library"]
    if len(library) > 1:
        small, big = library[0], library[-1]
        w(f"- **Library size**: from {small['value']} to {big['value']} exercises in the library (scale table), the "
          f"model grows from {small['variables']:,.0f} to {big['variables']:,.0f} variables and the median solve from "
          f"{_ms(small['solve_ms'])} to {_ms(big['solve_ms'])} ms: every exercise is a Boolean in every lift, so a "
          "club's own large library makes every member's week slower to plan.")
    if floor_rows:
        share = quantile(build, 0.5) / quantile(least, 0.5)
        p50 = quantile(total, 0.5)
        p50_words = (f"Holding the {TARGETS['p50_ms']:.0f} ms p50 with a margin (this run: {_ms(p50)} ms, within the "
                     "machine's run-to-run noise of it) and reaching 10,000 athletes in 60 s"
                     if p50 < TARGETS["p50_ms"] else f"Reaching the {TARGETS['p50_ms']:.0f} ms p50")
        w(f"- **Left**: the model itself. Build is {100 * share:.0f} % of the floor at p50 and is bounded by the number of "
          "variables and constraints (about 2 us a variable and 4 us a row through any API); the search is bounded by "
          f"exercise choice against coverage. {p50_words} needs a smaller exact model for "
          "the same rules, and none has been found yet (the columns and the two-stage solve above were the attempts). "
          "Exercise choice cached across athletes (it depends on level, injuries, phase, targets, exclude, cap, "
          "progression, library and kit, not on days) would not pay on this corpus: its 10,000 athletes hold 4,374 "
          "such sets, 2,953 of them one athlete's alone and the largest 40. "
          "The other lever is the search's start: on 150 corpus athletes, handing CP-SAT the optimal week as a complete "
          "hint cut the goals' solve from 15-18 ms to 7-8 ms at the median (in the solver's log the bound often "
          "reaches the optimum well before a week that attains it is found), while hinting only the schedule or only the "
          "exercises made it slower (24-29 ms). A cheap heuristic giving a complete, rule-clean, near-optimal week "
          "(every variable, not just the sessions) would be worth that much; the greedy baseline (see Quality) is not one, "
          "and neither is the same model solved with about 8 exercises per kind: that costs as much as the full solve "
          "(20 ms median; presolve and the LP still see every variable) and misses the optimum in a third of weeks.")
    top3 = ", ".join(f"`{label.split(' ', 1)[1]}` ({label.split(':')[0]}, {own:.0f} ms)" for label, own, _ in p["build_top"][:3])
    w(f"- **Build** ({_ms(quantile(build, 0.5))} ms p50) is spread over many small costs; top functions by own time: {top3}.")
    w("- **Throughput**: with per-athlete times this uneven, hand athletes out one at a time (`chunksize=1`), largest "
      "first if their size is known; scaling is then bounded by the single slowest athlete.\n")

    path.write_text("\n".join(out) + "\n", encoding="utf-8")
