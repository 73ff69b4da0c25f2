"""The outlets benchmark judges a text page's outlet against the site's declared name."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from benchmarks.outlets import judge, site_name


def test_the_site_name_is_read_from_open_graph() -> None:
    meta = '<meta property="og:site_name" content=" The  Nutrition Source ">'
    html = f"<html><head>{meta}</head></html>"
    assert site_name(html) == "The Nutrition Source"
    assert site_name("<html><head><title>x</title></head></html>") == ""


def test_one_name_holding_the_other_is_right_and_a_publisher_is_another_name() -> None:
    site = "The Nutrition Source - Harvard Chan School"
    assert judge("The Nutrition Source", site) == "right"
    assert judge("Nutrition Source", "The Nutrition Source") == "right"
    assert judge("Harvard University", site) == "other"
    assert judge("Copyright", site) == "other"
    assert judge(None, site) == "none"
