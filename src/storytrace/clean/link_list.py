"""A text browser's numbered links: the page as `lynx -dump` writes it.

Lynx marks every link's text with its number ("By [19]Christian Roth", "[20]6 Comments")
and lists the addresses under a "References" heading at the page's end, a line each (a
news page links to hundreds of addresses); an image with no alt text is its file's name
in brackets ("[spacer.gif]"). The numbers break a byline's name and every menu item in
two, the file names stick to headlines; the list is as long as the article and says
nothing of it. A page that ends on such a list is read without all three.
"""

from __future__ import annotations

import re

_LIST_HEAD = re.compile(r"^References\n\n(?:\s*(?:Visible|Hidden) links:\n)?", re.MULTILINE)
"""Where lynx's list of the page's links opens (with `-listonly`'s sub-headings)."""
_LIST_ITEM = re.compile(r"\s*\d+\. [a-z][a-z0-9+.-]*:\S*\n")
"""An item of the list: its number and an address with its scheme."""
_MARK = re.compile(
    r"\[\d+\]|\[(?:IMG|INLINE|USEMAP|EMBED|LINK)\]"
    r"|\[[^\]\s]{1,80}\.(?:gif|jpe?g|png|svg|webp|bmp|ico)\]"
)
"""The number lynx writes before a link's text, and what it writes for an image with no
alt text: its file's name in brackets ("[spacer.gif]", "AFP [space.gif]") or its kind."""
LIST_ITEMS = 3
"""So many items under the heading make it a list of links, not an article's section."""


def without_link_list(text: str) -> str:
    """The page without lynx's list of links and the link numbers and image names in its
    text; a page with no such list is returned as it is."""
    # The list closes the page: the last "References" heading is its head.
    heads = list(_LIST_HEAD.finditer(text)) if "References\n" in text else []
    if not heads:
        return text
    head = heads[-1]
    at = head.end()
    for _ in range(LIST_ITEMS):
        item = _LIST_ITEM.match(text, at)
        if item is None:
            return text
        at = item.end()
    return _MARK.sub("", text[: head.start()])
