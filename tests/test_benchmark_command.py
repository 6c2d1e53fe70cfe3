"""`python -m benchmarks` end to end on a tiny corpus: the one command the README gives writes
RESULTS.md with every section, and its figures agree with each other (the same quantities
counted twice must match, quantiles must be ordered)."""

from __future__ import annotations

import re

from benchmarks.__main__ import main


def _table(text: str, header: str) -> list[list[str]]:
    """The rows of the markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_benchmark_command_writes_results_whose_figures_agree(tmp_path):
    out = tmp_path / "RESULTS.md"
    main(["--athletes", "12", "--exact", "3", "--scale-seeds", "1", "--profile", "2", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    for section in ("## Machine", "## Targets", "## Latency per athlete", "## Throughput", "## Scale",
                    "## Quality against what a runner would do instead", "## Exactness", "## Where the time goes"):
        assert section in text, section

    for name, *figures in _table(text, "| ms | p50"):  # p50 <= p90 <= p99 <= max in every row
        values = [float(v.replace(",", "")) for v in figures[:4]]
        assert values == sorted(values), (name, values)

    outcomes = re.search(r"proven optimal: (\d+)/12.*infeasible \(no week exists\): (\d+)/12.*feasible\): (\d+)/12"
                         r".*unknown\): (\d+)/12", text)
    assert outcomes and sum(int(g) for g in outcomes.groups()) == 12

    for family, instances, agree, *_ in _table(text, "| family"):
        assert agree.strip("*") == instances == "3", family

    p50 = next(row for row in _table(text, "| ms | p50") if row[0] == "build + solve")[1]
    assert f"| p50 build + solve < 20 ms | {p50} ms |" in text  # the target is judged on the latency table's figure
