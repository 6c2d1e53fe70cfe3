"""optimizer/startup.py: CP-SAT is loaded without pandas, and pandas is still whole for anyone
who wants it. Each test runs in a fresh interpreter, since this one has loaded both already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "marathon_base.yaml"


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_planning_a_week_never_imports_pandas():
    said = _python(
        "import sys\n"
        "from optimizer import load_scenario, plan_week\n"
        f"plan = plan_week(load_scenario({str(EXAMPLE)!r}))\n"
        "print(plan.status, 'pandas' in sys.modules)\n")
    assert said == "optimal False"


def test_pandas_imported_afterwards_is_the_real_one_and_or_tools_pandas_helpers_work():
    said = _python(
        "import optimizer\n"
        "import pandas as pd\n"
        "from ortools.sat.python import cp_model\n"
        "model = cp_model.CpModel()\n"
        "xs = model.new_int_var_series('x', pd.Index(['a', 'b']), 0, 3)\n"
        "print(hasattr(pd, 'DataFrame'), isinstance(xs, pd.Series), list(xs.index))\n")
    assert said == "True True ['a', 'b']"


def test_with_pandas_loaded_first_nothing_is_stood_in_for():
    said = _python(
        "import pandas as pd\n"
        "import optimizer\n"
        "from ortools.sat.python import cp_model\n"
        "print(cp_model.pd is pd)\n")
    assert said == "True"
