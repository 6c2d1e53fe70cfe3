"""What a user's file holds and where: read safely (a key given twice, or aliases that
expand past ``MAX_VALUES``, refused), each value's line and column so an error can say
"line 12, column 7", what a misspelt value was probably meant to be ("did you mean ..."),
and ``Written``, the base of every model a user writes.

PyYAML's composer keeps a start mark on every node; walking the node tree gives
a map from field path (keys and list indexes) to (line, column), 1-based.
"""

from __future__ import annotations

import difflib
import math
import re
import sys
import types
import typing
from functools import cache, cached_property
from os import PathLike
from pathlib import PurePath
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

Path = tuple[str | int, ...]

# libyaml's loader when PyYAML was built with it (the wheels are): the same safe constructor,
# three times faster on a big club file.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SUBFIELDS = "\x1f"  # separates "subfield: problem" items raised by one validator
# Values a file may expand to once YAML aliases are followed: a club of a thousand members is
# well under it; a few lines of nested aliases ("billion laughs") would be billions.
MAX_VALUES = 2_000_000
# Bytes read of an input file at most: a club of ten thousand members written inline is about 8 MiB;
# reading /dev/zero or a disk image given by mistake whole would exhaust the memory first.
MAX_BYTES = 64 * 2**20
# Lists and mappings inside one another: a club file is about six deep. libyaml builds the document
# by recursion in C, so a few kilobytes of '[[[[...' (tens of thousands deep) crash the process.
MAX_DEPTH = 100

# Python reads no integer longer than this from text (a ValueError, a guard against slow parsing):
# such a number is kept as the text it is, and the field it is in says it has too many digits.
MAX_DIGITS = sys.get_int_max_str_digits() or 4300


def cut(text: str, width: int = 60) -> str:
    """``text`` as a message shows it: cut short if long (a whole list pasted where a number goes,
    a 20,000-character window) so the message does not fill the terminal."""
    return text if len(text) <= width else f"{text[:width - 5]}...{text[-2:]}"


class DuplicateKey(yaml.YAMLError):
    """A key given twice in one YAML block (or JSON object): only the last would be kept, silently."""

    def __init__(self, key: str, mark: yaml.Mark | None):
        super().__init__(f"'{key}' is given twice in one block")
        self.key, self.problem_mark = key, mark


class BadValue(yaml.YAMLError):
    """A value its tag cannot make (``!!int abc``): the constructor's ValueError, placed."""

    def __init__(self, node: yaml.Node, reason: str):
        super().__init__(f"{cut(repr(node.value))} cannot be read as {node.tag.rpartition(':')[2]} ({cut(reason)})")
        self.problem_mark = node.start_mark


class ScenarioLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key given twice in one mapping (the first would be lost
    without a word: two ``mon:`` lines of availability, say). A date that is no date
    (``2026-02-30``) stays the text it is, so the field it is in says so by name; any other
    value its tag cannot make is ``BadValue`` (both were a ValueError, a traceback)."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except ValueError as err:
            raise BadValue(node, str(err)) from None
        except (KeyError, IndexError, AttributeError, TypeError):
            # PyYAML's constructors trip over what their tag cannot make: '!!bool maybe' (a
            # KeyError), '!!int ""' (IndexError), '!!timestamp x' (AttributeError)
            bool_tag = node.tag.endswith(":bool")
            raise BadValue(node, "write true or false" if bool_tag else "not a value of that kind") from None

    def construct_yaml_int(self, node):
        """YAML 1.1 reads ``18:00`` as base 60 (1080) and ``045`` as octal (37): a time or
        a number with a leading zero would become another number without a word. Both stay
        the text they are; a field wanting a number reads ``045`` as 45, one wanting a time
        reads ``18:00``, and any other field names the value as written."""
        if not isinstance(node, yaml.ScalarNode):  # '!!int [1]': PyYAML says what it expected
            return super().construct_yaml_int(node)
        text = node.value.replace("_", "").lstrip("+-")
        if ":" in text or (len(text) > 1 and text[0] == "0" and text[1].isdigit()) or len(text) > MAX_DIGITS:
            return self.construct_scalar(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):
        if ":" in node.value:  # base 60, as for integers
            return self.construct_scalar(node)
        return super().construct_yaml_float(node)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):  # '!!set [a, b]': PyYAML says what it expected
            return super().construct_mapping(node, deep=deep)
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise DuplicateKey(key_node.value, key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


ScenarioLoader.add_constructor("tag:yaml.org,2002:timestamp", ScenarioLoader.construct_yaml_timestamp)
ScenarioLoader.add_constructor("tag:yaml.org,2002:int", ScenarioLoader.construct_yaml_int)
ScenarioLoader.add_constructor("tag:yaml.org,2002:float", ScenarioLoader.construct_yaml_float)


def too_deep(text: str) -> bool:
    """Whether YAML ``text`` nests lists and mappings deeper than ``MAX_DEPTH``, read from the
    parser's events, which take no recursion (the document is not built). libyaml 0.2.6 and on
    (PyYAML 6.0.4's wheels) stop at their own depth limit with a scanner error: that is too deep
    too. Any other error is left to the load that follows, which says what it is and where."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        return err.problem == "exceeded maximum nesting depth"
    return False


def expanded_size(data) -> float:
    """How many values ``data`` holds with every shared (aliased) part counted each time it is
    used: what validating it, or printing it, would walk through. Infinite for an alias used
    inside the value it names: following it never ends."""
    sizes: dict[int, float] = {}

    def size(value) -> float:
        if not isinstance(value, (dict, list)):
            return 1
        if id(value) not in sizes:
            sizes[id(value)] = math.inf  # met again before it is counted: a cycle
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            sizes[id(value)] = 1 + sum(size(v) for v in items)
        return sizes[id(value)]

    return size(data)


def yaml_positions(text: str) -> dict[Path, tuple[int, int]]:
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return {}
    out: dict[Path, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: Path, inside: frozenset[int] = frozenset()) -> None:
        out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in inside:  # an alias inside the block it names (a merge key, <<: *a, may be)
            return
        inside |= {id(node)}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                walk(value, child, inside)
                out[child + ("<key>",)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, path + (i,), inside)

    if root is not None:
        walk(root, ())
    return out


# A JSON escape of a character beyond the 16-bit range: a pair of surrogates, which PyYAML refuses.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def json_for_yaml(text: str) -> str:
    """JSON text YAML reads as the same structure, at the same lines and columns: an escaped
    character beyond the 16-bit range (``json.dumps`` writes an emoji so) becomes two escaped
    spaces, twelve characters as before; the values may differ, the places do not."""
    return _SURROGATE_PAIR.sub(r"\1\\u0020\\u0020", text)


def file_positions(path: str | PathLike, under: Path = ()) -> dict[Path, tuple[int, int]]:
    """Line and column of every value of a YAML or JSON file (JSON is YAML's flow style, so one
    reader places both), its paths put ``under`` a field (a week written as a bare list is the
    plan's ``sessions``); none for TOML or an unreadable file. Worked out only when there is an
    error to place: it reads the file again."""
    suffix = PurePath(path).suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        try:
            with open(path, encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError):
            return {}
        if suffix == ".json":
            text = json_for_yaml(text)
        return {under + p: v for p, v in yaml_positions(text).items()}
    return {}


def located(message: str, positions: dict[Path, tuple[int, int]]) -> str:
    """'members[0].joins[0]: ...' -> 'line 9, column 14: members[0].joins[0]: ...' (as
    ``error_messages`` places pydantic's): the message's leading field says where."""
    field, sep, _ = message.partition(": ")
    where = locate(positions, parse_path(field)) if sep and positions and " " not in field else None
    return placed(where, message)


def at_mark(mark: yaml.Mark | None) -> tuple[int, int] | None:
    """A YAML mark (where PyYAML stopped reading) as the 1-based (line, column) ``placed`` takes."""
    return (mark.line + 1, mark.column + 1) if mark else None


def placed(where: tuple[int, int] | None, message: str) -> str:
    """``message`` prefixed with 'line L, column C: ' when ``where`` is known."""
    return f"line {where[0]}, column {where[1]}: {message}" if where else message


def locate(positions: dict[Path, tuple[int, int]], path: Path, key: bool = False) -> tuple[int, int] | None:
    """The position of ``path`` (of its key when ``key``), else of its nearest ancestor."""
    if key and path + ("<key>",) in positions:
        return positions[path + ("<key>",)]
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return None


def parse_path(text: str) -> Path:
    """'athlete.runs[0].minutes' -> ('athlete', 'runs', 0, 'minutes')."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        out.append(int(index) if index else name)
    return tuple(out)


def did_you_mean(word: str, choices) -> str:
    """"did you mean 'tempo'? " when a choice is close to a misspelt ``word``, else ""."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def fields_at(model: type, path: Path) -> set[str]:
    """The field names a mapping at ``path`` inside ``model`` may hold (every member of a union
    that is a model), for a did-you-mean on an unknown one: empty where no model is found."""
    found = set()
    for annotation in _annotations_at(model, path):
        found |= _models_of(annotation)
    return set().union(*(m.model_fields for m in found))


def _annotations_at(annotation, path: Path) -> list:
    """The types the value at ``path`` may have, walking fields, list items and mapping values."""
    if not path:
        return [annotation]
    head, rest = path[0], path[1:]
    out = []
    for kind in _models_of(annotation) if isinstance(head, str) else ():
        if head in kind.model_fields:
            out += _annotations_at(kind.model_fields[head].annotation, rest)
    for arg in _unions(annotation):
        origin, args = typing.get_origin(arg), typing.get_args(arg)
        if origin in (list, tuple, set, frozenset) and isinstance(head, int) and args:
            out += _annotations_at(args[0], rest)
        elif origin is dict and not isinstance(head, bool) and len(args) == 2:  # text or number keys
            out += _annotations_at(args[1], rest)
    return out


def _unions(annotation) -> list:
    """The members of a union (an Optional, an Annotated type's own), else the type itself."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unions(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _unions(arg)]
    return [annotation]


def _models_of(annotation) -> set[type]:
    return {a for a in _unions(annotation) if isinstance(a, type) and issubclass(a, BaseModel)}


@cache
def _numeric_fields(model: type) -> frozenset[str]:
    """The fields of a pydantic ``model`` that take a number and never true/false."""
    def kinds(annotation) -> set:
        args = typing.get_args(annotation)
        return {annotation} | set().union(*map(kinds, args)) if args else {annotation}

    return frozenset(name for name, field in model.model_fields.items()
                     if (found := kinds(field.annotation)) & {int, float} and bool not in found)


def expect(value: Any, kind: type, where: str, how: str) -> None:
    """A TypeError naming the argument when ``value`` is not a ``kind``, in place of a plain
    AttributeError from deep inside (a dict, a path or an Athlete passed by mistake)."""
    if not isinstance(value, kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise TypeError(f"{where} takes {article} {kind.__name__} ({how}), not {type(value).__name__}")


class Written(BaseModel):
    """A model the user writes (scenario, club, exercise): unknown fields are refused, fields
    cannot be set once read, and true/false is never a number. The mappings and lists inside are
    not copied into read-only ones: change a scenario by making a variant (``model_copy(update=...)``,
    or ``parse_scenario`` of changed data), never in place: what it works out once (an athlete's
    windows) would not see the change."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _numbers_are_numbers(cls, data: Any) -> Any:
        return numbers_are_numbers(cls, data)

    @model_validator(mode="before")
    @classmethod
    def _choices_in_any_case(cls, data: Any) -> Any:
        """'Intermediate', 'Marathon', 'Tempo' are what a coach writes: a choice given in another
        case is read as the choice (as day names are); anything else is still refused."""
        if not isinstance(data, dict) or not (fields := _choice_fields(cls)):
            return data
        return {key: _in_case(value, fields[key]) if key in fields else value for key, value in data.items()}

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        """As pydantic's, but what the model works out once from its values (its cached properties:
        an athlete's windows, say) is worked out again for the copy: a copy with other availability
        planned from the original's windows. As in pydantic, ``update`` is not validated: for
        values from outside, dump the model, change the data and read it again (``parse_scenario``)."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _worked_out(type(self)):
            copy.__dict__.pop(name, None)
        return copy


@cache
def _worked_out(model: type) -> tuple[str, ...]:
    """The names of ``model``'s cached properties (kept in the instance's ``__dict__``)."""
    return tuple(name for klass in model.__mro__ for name, value in vars(klass).items()
                 if isinstance(value, cached_property))


@cache
def _choice_fields(model: type) -> dict[str, frozenset[str]]:
    """The fields of ``model`` that take fixed words (a Literal, or a list of them), and the words."""
    def words(annotation) -> set[str]:
        if typing.get_origin(annotation) is typing.Literal:
            return {a for a in typing.get_args(annotation) if isinstance(a, str)}
        if typing.get_origin(annotation) is dict:
            return set()  # a mapping's keys and values are read where they are checked
        return set().union(*map(words, typing.get_args(annotation)))

    return {name: frozenset(found) for name, field in model.model_fields.items() if (found := words(field.annotation))}


def _in_case(value: Any, allowed: frozenset[str]) -> Any:
    if isinstance(value, str) and value not in allowed and value.lower() in allowed:
        return value.lower()
    if isinstance(value, list):
        return [_in_case(item, allowed) for item in value]
    return value


def numbers_are_numbers(model: type, data: Any) -> Any:
    """Refuse ``minutes: true`` before pydantic reads it as 1 (YAML's yes/no/on/off are true
    and false too): the before-validator of ``Written`` and of a plan's sessions."""
    if isinstance(data, dict):
        bad = [(k, v) for k, v in data.items() if isinstance(v, bool) and k in _numeric_fields(model)]
        if bad:
            raise ValueError(SUBFIELDS + SUBFIELDS.join(f"{k}: {v!r} is not a number; write e.g. {number_like(k)}"
                                                        for k, v in bad))
    return data


def number_like(field: str) -> str:
    """An example value for a whole-number field, said in a fix: minutes look like 45, a count
    or a run's number like 2."""
    return "45" if "minutes" in field else "2"
