"""Expand the user's arguments into input sources, in a stable order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
STDIN_NAME = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file, standard input, or an argument that names nothing readable."""

    name: str
    """The source string every Page and error message carries."""
    path: Path | None = None
    """None for standard input and for an argument in error."""
    error: str | None = None
    """Why the argument gives nothing to read; Page errors add the name."""

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.error is None


def expand(args: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Each argument in turn: a file, a folder (recursive), a glob pattern, or `-` for stdin.

    Folders and glob matches are sorted and skip hidden names. A file reached twice
    (say, by a folder and a glob) is read once, where it is first reached.
    """
    seen: set[str] = set()
    for arg in args:
        for source in _expand_one(os.fspath(arg)):
            if source.path is not None:
                key = os.path.realpath(source.path)
                if key in seen:
                    continue
                seen.add(key)
            yield source


def _expand_one(arg: str) -> Iterator[Source]:
    if arg == STDIN:
        yield Source(STDIN_NAME)
        return
    path = Path(arg)
    if path.is_dir():
        yield from _folder(path)
    elif path.exists() or os.path.islink(arg):
        # A broken symlink is still an input the user named; reading it reports why.
        yield Source(arg, path)
    elif _GLOB_CHARS.intersection(arg):
        yield from _pattern(arg)
    else:
        yield Source(arg, error="no such file")


def _folder(folder: Path) -> Iterator[Source]:
    files = list(_walk(folder))
    if not files:
        yield Source(str(folder), error="no input files in folder")
    yield from files


def _walk(folder: Path) -> Iterator[Source]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Source(str(folder), error=f"cannot read folder ({exc.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            # Symlinked folders are not followed: they can loop back on themselves.
            if not entry.is_symlink():
                yield from _walk(Path(entry.path))
        else:
            yield Source(entry.path, Path(entry.path))


def _pattern(pattern: str) -> Iterator[Source]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Source(pattern, error="no files match")
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _folder(path)
        else:
            yield Source(match, path)
