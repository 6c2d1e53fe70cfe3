"""stridelift's benchmark suite: ``python -m benchmarks`` writes ``benchmarks/RESULTS.md``.

generate.py    seeded synthetic athletes (``synthetic_scenario``, ``synthetic_corpus``), tiny
               weeks for the exhaustive search, fixed-size weeks for the scale table
sessions.py    sessions written by hand, as the solver writes them (runs, lifts with exercises)
baselines.py   what a runner has without the solver: a fixed coach template, a greedy planner
exhaustive.py  every week of a tiny scenario, judged by the project's checkers and scorers
harness.py     latency, throughput (process pools), scale, exactness and the CP-SAT floor
profiling.py   cProfile of build and solve, grouped; one experiment on the objective
report.py      RESULTS.md
"""
