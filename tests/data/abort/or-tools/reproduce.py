"""Solve a CP-SAT model saved as text with the parameters given, with OR-Tools alone (no stridelift):
a reproducer to attach to an OR-Tools bug report (see README.md here).

    python reproduce.py MODEL.pbtxt [PARAMETER:VALUE ...]

Prints the solve status; when OR-Tools aborts, the process dies with its "Check failed" message.
"""

import sys

from ortools.sat.python import cp_model


def main(path: str, parameters: list[str]) -> None:
    model = cp_model.CpModel()
    with open(path, encoding="utf-8") as text:
        model.proto.parse_text_format(text.read())
    solver = cp_model.CpSolver()
    solver.parameters.parse_text_format("\n".join(parameters))
    print(solver.status_name(solver.solve(model)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
