"""The packaged data files, and the one outlet table every stage reads.

A page's outlet (cleaning), an outlet entity's name (entity finding) and a media
speaker (attribution) all come from `data/media_outlets.tsv`, so they agree.
"""

from __future__ import annotations

from collections import Counter

from storytrace.annotate.cues import load_lexicon
from storytrace.annotate.entity_data import load_entity_data
from storytrace.annotate.entity_names import exact_key
from storytrace.clean.metadata import outlet_for_domain, outlet_named
from storytrace.resources import outlets, rows, split


def test_a_table_without_its_header_row() -> None:
    first = rows("media_outlets.tsv")[0]
    assert first[0] != "name"
    assert all(row[0] != "name" for row in rows("entity_aliases.tsv"))


def test_a_cell_listing_values_splits_without_blanks() -> None:
    assert split(" AP | The Associated Press ||", "|") == ("AP", "The Associated Press")
    assert split("", ",") == ()


def test_every_outlet_has_one_name_and_no_domain_names_two() -> None:
    table = outlets()
    names = Counter(o.name for o in table)
    domains = Counter(d for o in table for d in o.domains)
    assert [n for n, k in names.items() if k > 1] == []
    assert [d for d, k in domains.items() if k > 1] == []
    assert all("." in d and " " not in d for d in domains)


def test_a_domain_and_a_signature_line_name_the_same_outlet_as_the_entity() -> None:
    gazetteer = load_entity_data().gazetteer
    for outlet in outlets():
        for domain in outlet.domains:
            assert outlet_for_domain("www." + domain) == outlet.name
        assert gazetteer[exact_key(outlet.name)].name == outlet.name
    assert outlet_named("© 2024 Bloomberg L.P. All rights reserved") == "Bloomberg"


def test_every_spelling_of_an_outlet_makes_a_media_speaker() -> None:
    lexicon = load_lexicon()
    for outlet in outlets():
        for spelling in (outlet.name, *outlet.aliases):
            assert lexicon.is_media_name(spelling), spelling


def test_a_media_name_is_known_with_or_without_the() -> None:
    lexicon = load_lexicon()
    # the table writes "The Washington Times" and "Bloomberg"
    assert lexicon.is_media_name("Washington Times")
    assert lexicon.is_media_name("the Washington Times")
    assert lexicon.is_media_name("The Bloomberg")
    assert lexicon.is_media_name("the new york times")
    assert not lexicon.is_media_name("Washington")
    assert not lexicon.is_media_name("The Treasury")
