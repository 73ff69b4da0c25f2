"""The packaged data files (`storytrace/data/`), read the one way every stage reads them.

The files are plain text so that a reader can check and extend them: `#` starts a
comment line, blank lines are skipped, tables are tab-separated. The outlet table
(`media_outlets.tsv`) is the one list of news outlets: cleaning names a page's outlet
from its domain or signature lines, entity finding resolves an outlet's spellings to
one name, and attribution types a speaker as media, all from it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

DATA: Traversable = resources.files("storytrace") / "data"


def path(name: str) -> Traversable:
    """The packaged data file `name` (a path under `data/`, "/"-separated)."""
    return DATA.joinpath(*name.split("/"))


@cache
def lines(name: str) -> tuple[str, ...]:
    """The stripped lines of a data file, without blank lines and `#` comments."""
    text = path(name).read_text(encoding="utf-8")
    stripped = (ln.strip() for ln in text.splitlines())
    return tuple(ln for ln in stripped if ln and not ln.startswith("#"))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a data file, each cell stripped; a header row is left out.

    A table may start with a row naming its columns, the first one `name`.
    """
    table = tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in lines(name))
    return table[1:] if table and table[0][0] == "name" else table


@cache
def words(name: str) -> frozenset[str]:
    """All whitespace-separated words of a data file, lower-cased."""
    return frozenset(w.lower() for ln in lines(name) for w in ln.split())


@cache
def toml(name: str) -> dict[str, Any]:
    """A TOML data file, parsed."""
    return tomllib.loads(path(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet or agency: its one name, other spellings, and web domains."""

    name: str
    aliases: tuple[str, ...]
    """Other spellings, matched case-sensitively in text ("AP", "Bloomberg News")."""
    domains: tuple[str, ...]


def split(cell: str, sep: str) -> tuple[str, ...]:
    """The non-blank parts of a table cell that lists several values."""
    return tuple(part.strip() for part in cell.split(sep) if part.strip())


@cache
def outlets() -> tuple[Outlet, ...]:
    """The outlet table, `data/media_outlets.tsv`."""
    found = []
    for row in rows("media_outlets.tsv"):
        name, aliases, domains = (*row, "", "")[:3]
        found.append(Outlet(name, split(aliases, "|"), split(domains, ",")))
    return tuple(found)
