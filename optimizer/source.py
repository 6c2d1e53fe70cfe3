"""Where in a YAML file each value sits, so an error can say "line 12, column 7",
and what a misspelt value was probably meant to be ("did you mean ...").

PyYAML's composer keeps a start mark on every node; walking the node tree gives
a map from field path (keys and list indexes) to (line, column), 1-based.
"""

from __future__ import annotations

import difflib
import re

import yaml

Path = tuple[str | int, ...]

# libyaml's loader when PyYAML was built with it (the wheels are): the same safe constructor,
# three times faster on a big club file.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_positions(text: str) -> dict[Path, tuple[int, int]]:
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return {}
    out: dict[Path, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: Path) -> None:
        out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                walk(value, child)
                out[child + ("<key>",)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, path + (i,))

    if root is not None:
        walk(root, ())
    return out


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
