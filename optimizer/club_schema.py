"""The club file: a club's places, group runs, classes and members, and how members join.

A club file (YAML, JSON or TOML) looks like this::

    name: Riverside Runners
    places:                          # the club's places and their kit
      track: []
      club_gym: [barbell, rack, dumbbells, kettlebell, bench, box, mat]
    group_runs:                      # runs at fixed times that members may join
      track_night: {name: Track night, kind: intervals, at: "tue 19:00", minutes: 70, place: track}
    classes:                         # coach-led strength classes; capacity: places (none: no limit)
      strength: {name: Club strength, kind: full_body, at: "thu 18:30", minutes: 45, place: club_gym, capacity: 12}
    points_per_missed_week: 50       # fairness (see optimizer.club)
    history:                         # per class: weeks in a row each member asked and got no place
      strength: {Ana Ruiz: 1}
    members:
      - athlete: {name: Ana Ruiz, ...}   # exactly a scenario's athlete block (weights: beside it)
        joins: [track_night, strength]
      - file: members/tom.yaml           # a scenario file, relative to the club file
        joins: [strength]
      - dir: members/juniors             # every scenario file in a folder; joins apply to each

A mistake in the club's own structure (an unknown field, a session at a place
not listed, ``joins`` naming no session) is a ``ScenarioError`` naming the field
and the fix (exit 2). A member's own bad data is not: that member carries its
messages and the rest of the club is planned.

Joining (a member's scenario stays plain pydantic data; joining makes a new one)

* A group run fixes the member's run of that kind to the club time: the first
  run of that kind not pinned elsewhere gets ``at`` = the club time and the
  club's minutes and name. A member with no such run gets the group run added
  to their week. Either way it is a hard wish: a week that cannot hold it has
  no plan, and the conflict is reported.
* A class place adds a ``strength.pinned`` session (kind, time, minutes, name),
  which counts toward the member's strength sessions (R-FREQ).
* For both, the club's time becomes an availability window at the club's place
  (the place and its kit are added to the member's locations; a place the
  member already lists keeps its kit plus the club's). Any of the member's own
  windows overlapping it are cut around it, so their other free time stays free
  and the session happens where the club is.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator

from .clock import DAY_MINUTES, DAYS, hhmm
from .exercises import Equipment
from .source import Written, did_you_mean, file_positions, located
from .scenario import (
    Athlete,
    RunKindName,
    Scenario,
    ScenarioError,
    StrengthKindName,
    at_minute,
    check_at,
    error_messages,
    parse_scenario,
    read_data,
    read_scenario,
)

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
MAX_CLASSES_PER_MEMBER = 3  # each member is solved for every combination: 2**3 weeks at most
MAX_CAPACITY = 100_000  # a class's places: more than any club has members, within what CP-SAT takes as a bound


class _ClubSession(Written):
    """A club session at a fixed time and place, within one day."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    at: str
    place: str

    _check = field_validator("at")(classmethod(lambda cls, v: check_at(v)))

    @property
    def start(self) -> int:
        """Minute of the week it starts."""
        return at_minute(self.at)

    @property
    def day(self) -> int:
        return self.start // DAY_MINUTES


class GroupRun(_ClubSession):
    """A run members can join, such as the Tuesday track night."""

    kind: RunKindName
    minutes: Annotated[int, Field(gt=0, le=600)]


class ClubClass(_ClubSession):
    """A coach-led strength class; ``capacity`` places (None: room for everyone who asks)."""

    kind: StrengthKindName
    minutes: Annotated[int, Field(ge=20, le=180)]
    capacity: Annotated[int, Field(ge=0, le=MAX_CAPACITY)] | None = None


class MemberEntry(Written):
    """One line of ``members``: an inline athlete block, a scenario file, or a folder of them."""

    athlete: dict[str, Any] | None = None
    weights: dict[str, Any] | None = None  # with an inline athlete, as in a scenario
    file: str | None = None
    dir: str | None = None
    joins: tuple[str, ...] = ()  # ids of group runs and classes

    @model_validator(mode="after")
    def _one_source(self) -> "MemberEntry":
        given = [k for k in ("athlete", "file", "dir") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of athlete, file, dir (found {', '.join(given) or 'none'})")
        if self.weights is not None and self.athlete is None:
            raise ValueError("weights go with an inline athlete; a scenario file keeps its own weights")
        if len(set(self.joins)) != len(self.joins):
            raise ValueError("joins lists a session twice; list each once")
        return self


class ClubSetup(Written):
    """Everything in a club file but the members: the club's places, sessions and fairness history."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    places: dict[str, tuple[Equipment, ...]] = {}
    group_runs: dict[str, GroupRun] = {}
    classes: dict[str, ClubClass] = {}
    points_per_missed_week: Annotated[int, Field(ge=0, le=10_000)] = 50
    history: dict[str, dict[str, Annotated[int, Field(ge=0, le=520)]]] = {}

    @field_validator("places")
    @classmethod
    def _place_names(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for place in value:
            if not place.strip() or place != place.strip() or " " in place:
                raise ValueError(f"'{place}': a place name is one word, e.g. club_gym")
        return value

    def sessions(self) -> dict[str, GroupRun | ClubClass]:
        return {**self.group_runs, **self.classes}

    def problems(self, unread: frozenset[str] = frozenset()) -> list[str]:
        """Cross-references pydantic cannot see: places, ids, session ends, history. ``unread``: the
        sections that failed validation (left out, so empty here): nothing is said against them."""
        out = []
        for kind, table in (("group_runs", self.group_runs), ("classes", self.classes)):
            for sid, session in table.items():
                if session.place not in self.places and "places" not in unread:
                    out.append(f"{kind}.{sid}.place: '{session.place}' is not under places; add it there with its kit")
                if session.start % DAY_MINUTES + session.minutes > DAY_MINUTES:
                    out.append(f"{kind}.{sid}: {session.at} for {session.minutes} min runs past midnight; "
                               f"a club session lies within one day")
        for sid in set(self.group_runs) & set(self.classes):
            out.append(f"classes.{sid}: '{sid}' is also a group run; give each session its own id")
        for sid in self.history:
            if sid not in self.classes and "classes" not in unread:
                out.append(f"history.{sid}: not a class; use one of {', '.join(self.classes) or 'none defined'}")
        return out


class ClubFile(ClubSetup):
    """A club file as written: the setup plus member entries (validated one by one later)."""

    members: tuple[MemberEntry, ...]

    def problems(self, unread: frozenset[str] = frozenset()) -> list[str]:
        out = super().problems(unread)
        if not self.members and "members" not in unread:
            out.append("members: a club needs at least one member; list them under members")
        sessions = self.sessions()
        for i, entry in enumerate(self.members):
            for j, sid in enumerate(entry.joins):
                if sid not in sessions and not unread & {"group_runs", "classes"}:
                    out.append(f"members[{i}].joins[{j}]: '{sid}' is not a club session; "
                               f"use one of {', '.join(sessions) or 'none defined'}")
            wanted = [sid for sid in entry.joins if sid in self.classes]
            if len(wanted) > MAX_CLASSES_PER_MEMBER:
                out.append(f"members[{i}].joins: {len(wanted)} classes; a member may ask for at most "
                           f"{MAX_CLASSES_PER_MEMBER} a week")
        return out


class Member(Written):
    """One member, resolved: a valid scenario, or the reasons it is not one."""

    name: str
    origin: str  # where the member was defined, for messages
    joins: tuple[str, ...] = ()
    scenario: Scenario | None = None
    errors: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # the member's own files read (its scenario and exercise library), if any


class Club(ClubSetup):
    """A loaded club: its setup and every member, valid or not (plain data: it pickles)."""

    members: tuple[Member, ...]


# ---- loading --------------------------------------------------------------------------


def parse_club(data: Any, source: str = "club", base: Path | None = None,
               positions: Callable[[], dict] = dict) -> Club:
    """Validate a club's data; raise ScenarioError (exit 2) for a bad club file.

    A member's own bad data does not fail the club: that member carries its
    ScenarioError messages and the others are planned. ``positions`` gives the club
    file's line and column of each value (``source.file_positions``), asked for only
    when there is something to report.
    """
    if not isinstance(data, dict):
        raise ScenarioError(["the club file must hold a mapping with name and members"], source)
    try:
        club_file = ClubFile.model_validate(data)
    except ValidationError as err:
        messages = error_messages(err, positions(), "optimizer/club_schema.py", ClubFile)
        raise ScenarioError(messages + [located(p, positions()) for p in _problems_of_the_rest(data, err)],
                            source) from None
    problems = club_file.problems()
    if problems:
        raise ScenarioError([located(p, positions()) for p in problems], source)
    base = base or Path(".")
    members: list[Member] = []
    for i, entry in enumerate(club_file.members):
        if entry.dir is not None:
            folder = base / entry.dir
            if not folder.is_dir():
                raise ScenarioError([f"members[{i}].dir: no folder '{folder}'; check the path"], source)
            try:
                files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SCENARIO_SUFFIXES)
            except OSError as err:  # no permission to list it, say
                raise ScenarioError([f"members[{i}].dir: cannot read the folder '{folder}' ({err.strerror or err}); "
                                     f"check its permissions"], source) from None
            members += [_member_from_file(p, entry.joins) for p in files]
        elif entry.file is not None:
            if (base / entry.file).is_dir():  # that member's problem, as a missing file is, said for a club
                members.append(Member(name=Path(entry.file).name or entry.file, origin=str(base / entry.file), joins=entry.joins,
                                      errors=(f"members[{i}].file: '{entry.file}' is a folder; a folder of member "
                                              f"files is listed with dir: {entry.file}",)))
                continue
            members.append(_member_from_file(base / entry.file, entry.joins))
        else:
            members.append(_inline_member(entry, f"{source} members[{i}]", i, positions))
    problems = _shared_names(members, club_file.classes) + _misspelt_history(members, club_file.history)
    if problems:
        raise ScenarioError([located(p, positions()) for p in problems], source)
    fields = {k: getattr(club_file, k) for k in ClubSetup.model_fields}
    return Club(**fields, members=tuple(members))


def _problems_of_the_rest(data: dict, err: ValidationError) -> list[str]:
    """The cross-references among the sections that did validate, so a club file with a bad field
    and a bad reference hears of both at once rather than one run at a time."""
    unread = {str(e["loc"][0]) for e in err.errors() if e["loc"]}
    for e in err.errors():  # a misspelt section ('clases:'): the section it was meant to be is unread too
        if e["type"] == "extra_forbidden" and len(e["loc"]) == 1:
            unread.update(difflib.get_close_matches(str(e["loc"][0]), ClubFile.model_fields, n=1))
    rest = {k: v for k, v in data.items() if str(k) not in unread}
    try:
        club_file = ClubFile.model_validate({"name": "club", "members": [], **rest})
    except ValidationError:  # an error with no field to leave out: say only what pydantic said
        return []
    return club_file.problems(frozenset(unread))


def _shared_names(members: Sequence[Member], classes: Mapping[str, Any]) -> list[str]:
    """Members who ask for a class must have names of their own: the fairness history
    (who missed out last week) counts by name, so two members of one name would share it."""
    where: dict[str, list[str]] = {}
    for member in members:
        if any(sid in classes for sid in member.joins):
            where.setdefault(member.name, []).append(member.origin)
    return [f"members: {len(origins)} members named '{name}' ask for a class ({', '.join(origins)}); "
            f"the class history counts missed weeks by name, so give each a name of their own, e.g. '{name} B'"
            for name, origins in where.items() if len(origins) > 1]


def _misspelt_history(members: Sequence[Member], history: Mapping[str, Mapping[str, int]]) -> list[str]:
    """History names that are no member's but close to one's: a typo would silently give the
    member's missed weeks to nobody. A name close to none is someone who has left (the next
    history the tool writes drops them), so it is let be."""
    names = {member.name for member in members}
    return [f"history.{sid}: '{name}' is no member's name; {hint}write it as the member's own (counts go by name)"
            for sid, counts in history.items() for name in counts
            if name not in names and (hint := did_you_mean(name, names))]


def load_club(path: str | Path) -> Club:
    """Load a club file (YAML, JSON or TOML); member files are read relative to it."""
    path = Path(path)
    return parse_club(read_data(path), str(path), path.parent, cache(partial(file_positions, path)))


def _inline_member(entry: MemberEntry, origin: str, index: int, positions: Callable[[], dict]) -> Member:
    name = _given_name(entry.athlete, f"member {index + 1}")
    data = {"athlete": entry.athlete, **({"weights": entry.weights} if entry.weights is not None else {})}
    try:
        scenario = parse_scenario(data, origin)
    except ScenarioError:
        mine = {p[2:]: v for p, v in positions().items() if p[:2] == ("members", index)}  # where the file has them
        try:
            parse_scenario(data, origin, mine)
        except ScenarioError as err:
            return Member(name=name, origin=origin, joins=entry.joins, errors=tuple(str(err).splitlines()))
        raise
    return Member(name=scenario.athlete.name, origin=origin, joins=entry.joins, scenario=scenario)


def _given_name(athlete: Any, fallback: str) -> str:
    """The name a member's data gives, even when the rest of it is invalid this week: the class
    history counts missed weeks by name, so a typo elsewhere must not rename the member (and lose
    their count, or their files) until it is mended."""
    name = athlete.get("name") if isinstance(athlete, dict) else None
    return name if isinstance(name, str) and name.strip() else fallback


def _member_from_file(path: Path, joins: tuple[str, ...]) -> Member:
    data = None  # stays None when the file cannot be read at all: its name is all there is then
    try:
        data = read_data(path)
        scenario, files = read_scenario(path, data)
    except ScenarioError as err:  # its library, if it names one, is still its own file
        athlete = data.get("athlete") if isinstance(data, dict) else None
        return Member(name=_given_name(athlete, path.stem), origin=str(path), joins=joins,
                      errors=tuple(str(err).splitlines()), files=tuple(map(str, err.files)))
    return Member(name=scenario.athlete.name, origin=str(path), joins=joins, scenario=scenario,
                  files=tuple(map(str, files)))


# ---- joining club sessions ------------------------------------------------------------


def joined_run(athlete: Athlete, run: GroupRun) -> int | None:
    """Which of the member's runs the group run takes the place of: one of its kind pinned to its
    time, else a free one of its kind (None: it is added)."""
    day = DAYS[run.day]
    same = [i for i, r in enumerate(athlete.runs) if r.kind == run.kind and r.at == run.at]
    free = [i for i, r in enumerate(athlete.runs) if r.kind == run.kind and r.at is None and r.day in (None, day)]
    return (same or free or [None])[0]


def join_group_run(scenario: Scenario, run: GroupRun, kit: Sequence[str]) -> Scenario:
    """The member's week with ``run`` in it at the club's time and place (see the module doc)."""
    athlete = scenario.athlete
    runs = [r.model_dump(mode="json") for r in athlete.runs]
    joined = {"kind": run.kind, "minutes": run.minutes, "at": run.at, "name": run.name}
    index = joined_run(athlete, run)
    if index is not None:
        runs[index] = {**runs[index], **joined, "day": None}
    else:
        runs.append(joined)
    return _rebuilt(scenario, _room(scenario, run, kit) | {"runs": runs})


def join_class(scenario: Scenario, session: ClubClass, kit: Sequence[str]) -> Scenario:
    """The member's week with a place in ``session``: a pinned strength session there. A kind the
    member excludes is said in the member's terms (the scenario's own check would say to unpin it,
    which is the club's to do, not theirs)."""
    if session.kind in scenario.athlete.strength.exclude:
        raise ScenarioError([f"strength.exclude lists {session.kind}, the kind of {session.name}; take it out of "
                             f"exclude to take a place in the class"])
    strength = scenario.athlete.strength.model_dump(mode="json")
    strength["pinned"] = [*strength["pinned"],
                          {"kind": session.kind, "at": session.at, "minutes": session.minutes, "name": session.name}]
    return _rebuilt(scenario, _room(scenario, session, kit) | {"strength": strength})


def _room(scenario: Scenario, session: GroupRun | ClubClass, kit: Sequence[str]) -> dict[str, Any]:
    """Availability and locations with the club session's window cut into the member's own."""
    athlete = scenario.athlete
    start = session.start % DAY_MINUTES
    end = start + session.minutes
    spans = []
    for w in athlete.windows:
        if w.day == session.day and w.start < end and start < w.end:
            spans += [(w.day, a, b, w.location) for a, b in ((w.start, start), (end, w.end)) if b > a]
        else:
            spans.append((w.day, w.start, w.end, w.location))
    spans.append((session.day, start, end, session.place))
    availability: dict[str, list[str]] = {}
    for day, a, b, place in sorted(spans):
        availability.setdefault(DAYS[day], []).append(f"{hhmm(a)}-{hhmm(b)} {place}")
    locations = {place: list(items) for place, items in athlete.locations.items()}
    for _, _, _, place in spans:  # a window without a location used the member's first place
        locations.setdefault(place, [])
    locations[session.place] = sorted(set(locations[session.place]) | set(kit))
    return {"availability": availability, "locations": locations}


def _rebuilt(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    data = scenario.model_dump(mode="json")
    data["athlete"].update(changes)
    return parse_scenario(data)


