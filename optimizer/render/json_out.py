"""JSON: the Plan as data, sessions in time order (for tools, and for ``stridelift check``)."""

from __future__ import annotations

from ..plan import Plan


def render(plan: Plan) -> str:
    return plan.model_dump_json(indent=2, exclude_none=True) + "\n"
