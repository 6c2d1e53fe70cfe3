"""Render a Plan as text: one module per format, each with ``render(plan) -> str``."""

from __future__ import annotations

from ..plan import Plan
from . import json_out, markdown, table

FORMATS = {"table": table.render, "json": json_out.render, "markdown": markdown.render}


def render(plan: Plan, fmt: str = "table") -> str:
    return FORMATS[fmt](plan)
