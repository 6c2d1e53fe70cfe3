"""python -m benchmarks [--full] [--athletes N] [--out PATH]: run the suite, write RESULTS.md."""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from . import harness, profiling, report
from .generate import synthetic_corpus


def model_version() -> str:
    """The commit measured, and whether optimizer/ or constraints/ had uncommitted edits."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=False,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "optimizer", "constraints"], cwd=root,
                               capture_output=True, text=True, timeout=10, check=False).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    return f"commit {head or '?'}" + (f" with {len(dirty)} uncommitted file(s) in optimizer/ or constraints/" if dirty else "")


def cpu_ticks() -> list[int]:
    """The machine-wide 'cpu' line of /proc/stat: user nice system idle iowait irq softirq steal."""
    try:
        return [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        return []


def machine() -> dict:
    import numpy
    import ortools

    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    return {"model": model_version(),"cores": harness.cpu_count(), "cpu": model, "python": platform.python_version(),
            "ortools": ortools.__version__, "numpy": numpy.__version__, "platform": platform.platform(),
            "load": " ".join(load)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--full", action="store_true", help="also 10,000 athletes on 1, 2 and all cores (about 9 minutes on 2 cores)")
    parser.add_argument("--athletes", type=int, default=1000, help="corpus size for latency and quality (default 1000)")
    parser.add_argument("--exact", type=int, default=60, help="tiny instances per exhaustive family (default 60)")
    parser.add_argument("--scale-seeds", type=int, default=2, help="athletes per row of the scale table (default 2)")
    parser.add_argument("--profile", type=int, default=20, help="athletes profiled (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args(argv)

    began = time.perf_counter()
    r: dict = {"args": vars(args) | {"out": str(args.out)}, "machine": machine()}
    ticks = cpu_ticks()
    cores = r["machine"]["cores"]
    both = min(2, cores)

    def step(text: str) -> None:
        print(f"[{time.perf_counter() - began:7.1f} s] {text}", flush=True)

    step("floor: empty CP-SAT solves; the machine's speed")
    r["floor"] = harness.floor_ms()
    r["machine"]["speed"] = harness.machine_speed()
    step(f"corpus: {args.athletes} synthetic athletes")
    corpus = synthetic_corpus(args.athletes, args.seed)
    # Latency is one week planned at a time, as `stridelift plan` does: a single process, the
    # other core left to the machine. Two processes at once slow each other's solves (by 10-15 %
    # here); the 2-process run's own per-athlete times are kept beside, for batch planning.
    step(f"latency: {args.athletes} athletes on 1 process")
    one = harness.run_pool(harness.measure, corpus, 1)
    r["latency"] = one.results
    step(f"model floor: the same {args.athletes} athletes solved with no objective, on 1 process")
    r["model_floor"] = harness.run_pool(harness.measure_floor, corpus, 1).results
    step(f"throughput: {args.athletes} athletes on {both} processes")
    two = harness.run_pool(harness.measure, corpus, both)
    r["latency_busy"] = two.results
    r["throughput"] = [(p.processes, p.athletes, p.seconds, p.busy) for p in (two, one)]
    r["scaling"] = {"athletes": args.athletes, 1: one.seconds, both: two.seconds}
    if cores > both:
        step(f"throughput: {args.athletes} athletes on {cores} processes")
        run = harness.run_pool(harness.measure, corpus, cores)
        r["throughput"].append((cores, run.athletes, run.seconds, run.busy))
    if args.full:
        big = synthetic_corpus(10_000, args.seed + 1)
        for processes in sorted({1, both, cores}):
            step(f"throughput: 10,000 athletes on {processes} processes")
            run = harness.run_pool(harness.measure, big, processes)
            r["throughput"].append((processes, run.athletes, run.seconds, run.busy))
    step("quality: coach templates (002, 004 home and gym) and the greedy planner")
    r["baselines"] = harness.run_pool(harness.judge_baselines, corpus, both).results
    step(f"exactness: {args.exact} + {args.exact} tiny instances")
    r["exact"] = harness.exactness(args.exact, args.seed)
    step("scale table")
    r["scale"] = harness.scale(args.scale_seeds, both)
    step(f"profile: {args.profile} athletes")
    sample = corpus[: args.profile]
    r["profile"] = profiling.profile(sample)
    r["stages"] = profiling.stages(sample)
    r["machine"]["load_end"] = machine()["load"]
    r["machine"]["speed_end"] = harness.machine_speed()
    after = cpu_ticks()
    if ticks and after:
        d = [b - a for a, b in zip(ticks, after)]
        r["machine"]["steal"] = d[7] / max(1, sum(d))
        r["machine"]["busy"] = (sum(d) - d[3] - d[4]) / max(1, sum(d))
    r["seconds"] = time.perf_counter() - began
    report.write(r, args.out)
    step(f"wrote {args.out}")


if __name__ == "__main__":
    main()
