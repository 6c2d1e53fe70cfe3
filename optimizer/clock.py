"""Clock arithmetic for a training week.

Every time in the model is a minute of the week: Monday 00:00 is 0 and
Sunday 24:00 is 10080. Rules such as R-GAP48 are stated in clock hours and the
week repeats (Sunday evening is followed by Monday morning), so all distances
between sessions are measured forward around that cycle.
"""

from __future__ import annotations

import datetime
import os
import re
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {d: n for d, n in zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))}
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES


@lru_cache(maxsize=4096)  # checkers and scorers read a plan's times again and again
def parse_hhmm(text: str) -> int:
    """'07:30' -> 450. Accepts 00:00 to 24:00; raises ValueError with the fix."""
    hh, sep, mm = text.strip().partition(":")
    # ASCII digits only: '²'.isdigit() holds, and int() refuses it
    if not sep or not re.fullmatch("[0-9]+", hh) or not re.fullmatch("[0-9]{2}", mm):
        raise ValueError(f"'{text}' is not a time; write HH:MM, e.g. 07:30")
    if len(hh.lstrip("0")) > 2 or int(mm) > 59 or int(hh) > 24 or (int(hh) == 24 and int(mm)):
        raise ValueError(f"'{text}' is not a clock time; hours run 00-23 (24:00 ends a day), minutes 00-59")
    return int(hh) * 60 + int(mm)


def hhmm(minute_of_day: int) -> str:
    """450 -> '07:30'; 1440 -> '24:00' (a session that ends at midnight)."""
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


DAY_ALIASES = {d: d for d in DAYS} | {name.lower(): d for d, name in DAY_NAMES.items()}


def monday_of(day: datetime.date) -> datetime.date:
    """The Monday of the week that holds ``day`` (a week starts on Monday)."""
    return day - datetime.timedelta(days=day.weekday())


def day_problems(prefix: str = "", **days) -> list[str]:
    """A message for each value that names no day, under its argument's name (``--missed`` on the
    command line, ``missed`` in Python): days are ``mon``..``sun`` or their names, in any case."""
    return [f"{prefix}{name}: '{d}' is not a day; use mon..sun (or Monday..Sunday)"
            for name, given in days.items() for d in given if not isinstance(d, str) or d.strip().lower() not in DAY_ALIASES]


def day_list(days, name: str, where: str) -> list:
    """One day or a list of them, as a list ('tue' is one day, not three letters); a TypeError
    naming ``where``'s argument ``name`` for anything else."""
    if isinstance(days, str):
        return [days]
    try:
        return list(days or ())
    except TypeError:
        raise TypeError(f"{where}'s {name} takes a day or a list of days, not {type(days).__name__}") from None


def named_day(day: str) -> str:
    """'Tuesday', ' TUE ' -> 'tue' (a day ``day_problems`` let through)."""
    return DAY_ALIASES[day.strip().lower()]


def day_index(day: str) -> int:
    """'tue' or 'Tuesday' -> 1; anything else is a ValueError naming the choices."""
    try:
        return DAYS.index(DAY_ALIASES[day.strip().lower()])
    except (KeyError, AttributeError):
        raise ValueError(f"'{day}' is not a day; use one of {', '.join(DAYS)}") from None


def past_midnight(start: int, minutes: int) -> str | None:
    """The fix, in words, when ``minutes`` from minute-of-day ``start`` end after midnight ("start it
    by 22:00 or make it 30 min"); None when they do not. Every session lies within one day."""
    if start + minutes <= DAY_MINUTES:
        return None
    fixes = [f"start it by {hhmm(DAY_MINUTES - minutes)}"] if minutes < DAY_MINUTES else []
    if start < DAY_MINUTES:
        fixes.append(f"make it {DAY_MINUTES - start} min")
    return " or ".join(fixes)


def forward_gap(from_minute: int, to_minute: int) -> int:
    """Minutes from one moment of the week forward to the next occurrence of another.

    The week is a cycle: from Sunday 20:00 to Monday 08:00 is 12 hours.
    A gap of 0 means the same moment.
    """
    return (to_minute - from_minute) % WEEK_MINUTES


def describe(minute_of_week: int) -> str:
    """5250 -> 'Thu 15:30'; minutes of the weeks either side say so: -360 -> 'last Sun 18:00'."""
    day, minute = divmod(minute_of_week, DAY_MINUTES)
    if minute == 0 and day == 7:  # a session ending at Sunday midnight
        day, minute = day - 1, DAY_MINUTES
    prefix = "last " if day < 0 else "next " if day > 6 else ""
    return f"{prefix}{DAYS[day % 7].capitalize()} {hhmm(minute)}"


def _local(week_of: datetime.date, minute: int) -> datetime.datetime:
    """Minute ``minute`` of the week of Monday ``week_of`` on the clock face (no zone)."""
    return datetime.datetime.combine(week_of, datetime.time()) + datetime.timedelta(minutes=minute)


def _utc(week_of: datetime.date, zone: str, minute: int) -> datetime.datetime:
    return _local(week_of, minute).replace(tzinfo=ZoneInfo(zone)).astimezone(datetime.timezone.utc)


def real_minutes(week_of: datetime.date, zone: str, start: int, end: int) -> int:
    """Minutes that really pass from minute ``start`` to minute ``end`` of the week of Monday
    ``week_of`` in ``zone`` (minutes of the weeks either side too): the clock-face difference,
    less the hour the clocks go forward in between, plus the hour they go back."""
    return round((_utc(week_of, zone, end) - _utc(week_of, zone, start)).total_seconds() / 60)


@lru_cache(maxsize=256)
def skipped(week_of: datetime.date, zone: str) -> tuple[int, int] | None:
    """The minutes of the week of Monday ``week_of`` that the clock face skips in ``zone`` when
    the clocks go forward (Sunday 02:00-03:00 in Madrid on 2027-03-28), or None."""
    if _offset(week_of, zone, 0) >= _offset(week_of, zone, WEEK_MINUTES):  # not forward this week
        return None
    missing = [minute for minute in range(0, WEEK_MINUTES, 15)
               if _utc(week_of, zone, minute).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != _local(week_of, minute)]
    return (missing[0], missing[-1] + 15) if missing else None


def clocks_forward(week_of: datetime.date, zone: str) -> bool:
    """Do the clocks go forward in ``zone`` from a week before ``week_of`` to a week after (the
    span a week's rules reach, its neighbours included)? If not, the clock face is real time."""
    return any(skipped(week_of + datetime.timedelta(weeks=k), zone) for k in (-1, 0, 1))


def _offset(week_of: datetime.date, zone: str, minute: int) -> datetime.timedelta:
    return _local(week_of, minute).replace(tzinfo=ZoneInfo(zone)).utcoffset()


def unread_tz() -> str | None:
    """``TZ`` when it is set but names no IANA zone (a POSIX rule such as ``CET-1CEST,M3.5.0,M10.5.0/3``):
    ``system_timezone`` then passes over it, so a calendar says which zone it used instead."""
    name = os.environ.get("TZ", "").removeprefix(":")
    return name if name and not name.startswith("/") and not _iana(name) else None


def _iana(name: str) -> bool:
    """Is ``name`` a zone the IANA database (so a calendar's VTIMEZONE) knows?"""
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


def system_timezone() -> str:
    """The machine's IANA time zone name, without tzlocal: TZ, then /etc/localtime's
    link into the zoneinfo tree, then /etc/timezone; UTC when none names a known zone.

    ``datetime.now().astimezone().tzinfo`` is not enough: it is a fixed offset
    ('CET'), which has no daylight-saving rules and no VTIMEZONE to write.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        parts = localtime.resolve().parts
        if "zoneinfo" in parts:
            candidates.append("/".join(parts[parts.index("zoneinfo") + 1:]))
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    return next((name for name in candidates if name and not name.startswith("/") and _iana(name)), "UTC")
