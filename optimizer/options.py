"""Parsers for command-line options that Typer's own types say too little about: each refuses a
bad value with the fix, as typer.BadParameter (exit 2, the option named)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import typer

from .scenario import EMPTY_PATH, FIRST_DATE, LAST_DATE


def input_path(value: str) -> Path:
    """A file to read: an empty path ('' from an unset shell variable) would be read as the
    working folder ('.' is a folder); say it is empty."""
    if not value.strip():
        raise typer.BadParameter(EMPTY_PATH)
    return Path(value)


def output_path(value: str) -> Path:
    """``-o``: an empty path (an unset shell variable, say) would be the working folder; say so."""
    if not value.strip():
        raise typer.BadParameter("the path is empty; give a file name (a folder for `club plan`)")
    path = Path(value)
    # 'new/../week.yaml' with no folder 'new' is 'week.yaml' once the folder is made for it, but no
    # check that it is not an input file can see that first: the input would be written over
    for i, part in enumerate(path.parts):
        if part == ".." and i and not os.path.lexists(Path(*path.parts[:i])):
            raise typer.BadParameter(f"{value} goes up out of {Path(*path.parts[:i])}, which does not exist; "
                                     f"give the path without it, e.g. {os.path.normpath(value)}")
    return path


def plan_date(value: str) -> datetime:
    """A date option, YYYY-MM-DD, within the years a plan can be on (``scenario.FIRST_DATE`` to
    ``LAST_DATE``): '2027-02-30' is said to be no date, not to miss a format it follows."""
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; give YYYY-MM-DD, e.g. 2027-04-18") from None
    if not FIRST_DATE <= day.date() <= LAST_DATE:
        raise typer.BadParameter(f"{day.date()} is outside {FIRST_DATE.year}-{LAST_DATE.year}; give a date in it")
    return day
