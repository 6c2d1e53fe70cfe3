"""Import OR-Tools' CP-SAT without pandas, which it imports only for its pandas helpers.

``ortools.sat.python.cp_model`` runs ``import pandas as pd`` at the top and uses ``pd.Index``
and ``pd.Series`` in type hints and in the helpers that build variables from a pandas index,
which this project never calls. Importing pandas costs about 0.3 s, a quarter of every
``stridelift plan`` and of every worker process a club starts. So CP-SAT is imported here with
a stand-in ``pandas`` in ``sys.modules``: while CP-SAT loads it gives placeholder classes for its
hints; afterwards it hands out the real pandas, imported on first use, so OR-Tools' pandas
helpers still work for whoever calls them, and ``import pandas`` anywhere else is the real one
(the stand-in leaves ``sys.modules`` as soon as CP-SAT is loaded).
"""

from __future__ import annotations

import importlib
import sys
import types


class _PandasOnDemand(types.ModuleType):
    """``pandas`` as CP-SAT's module sees it: placeholders while it loads, then the real thing."""

    def __init__(self) -> None:
        super().__init__("pandas")
        self.loading = True
        self.placeholders: dict[str, type] = {}

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self.loading:  # a type hint while cp_model loads: any class will do
            return self.placeholders.setdefault(name, type(name, (), {}))
        return getattr(importlib.import_module("pandas"), name)


def load_cp_sat() -> None:
    """Import CP-SAT, without pandas unless pandas is already loaded (then nothing to save)."""
    if "ortools.sat.python.cp_model" in sys.modules or "pandas" in sys.modules:
        return
    stand_in = _PandasOnDemand()
    sys.modules["pandas"] = stand_in
    try:
        importlib.import_module("ortools.sat.python.cp_model")
    finally:
        stand_in.loading = False
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]
