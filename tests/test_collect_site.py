"""A small news site on 127.0.0.1 for the fetch tests: articles, feeds, sitemaps, and trouble.

Every page is written here for these tests. The server records each request it
sees, so a test can check what was (and was not) asked for. Nothing leaves the
machine: the server listens on the loopback address only.
"""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "harbour": (
        "Harbour authority approves night shifts at the container terminal",
        "Mara Lind",
        "2025-03-03T16:12:00+00:00",
        [
            "The harbour authority of Velmora approved night shifts at its container terminal"
            " on Monday, ending a month of delays for shipping agents.",
            "The decision follows a vote by the authority's board, which met for four hours"
            " behind closed doors, according to two people who attended the meeting.",
            '"We listened to the dockers and to the shippers," the authority\'s chair, Ilse'
            " Varga, told reporters. She said the first night shift would start next week.",
            "Shipping agents said at least fourteen vessels had waited offshore since the"
            " start of the month, and that the backlog could take weeks to clear.",
        ],
    ),
    "bridge": (
        "Old river bridge to close for repairs in April",
        "Tomas Berg",
        "2025-03-04T09:30:00+00:00",
        [
            "The old river bridge in Velmora will close to traffic for six weeks from April,"
            " the city's transport office said on Tuesday.",
            "Engineers found corrosion in two of the bridge's supports during an inspection"
            " last autumn, the office said in a statement published on its website.",
            "Buses will be diverted over the northern bypass, adding about ten minutes to the"
            " journey into the old town, according to the transport office.",
            "Shop owners near the bridge said they feared losing customers during the works"
            " and asked the city for help with their rents.",
        ],
    ),
    "library": (
        "City library opens on Sundays after a petition",
        "Ana Kovac",
        "2025-03-05T11:00:00+00:00",
        [
            "The central library of Velmora will open on Sundays from next month, the city"
            " council decided on Wednesday after a petition signed by three thousand people.",
            '"Students asked for a quiet place to work at the weekend," said council member'
            " Petra Holm, who brought the petition to the council.",
            "The library will hire four part-time staff for the Sunday openings, paid from"
            " the culture budget, the council said.",
            "The library's director welcomed the decision and said the reading rooms would"
            " stay open until six in the evening.",
        ],
    ),
    "school": (
        "New school year to start a week later",
        "Jon Ekberg",
        "2025-03-06T08:00:00+00:00",
        [
            "Schools in the Velmora region will start the new year a week later than usual,"
            " the regional education board said on Thursday.",
            "The board said the delay would give builders time to finish work on three"
            " school buildings that were damaged in the winter storms.",
            "Parents' groups said the change came too late for families who had already"
            " booked their summer holidays, and asked the board to reconsider.",
            "The board's spokesperson said it had no plans to change the decision.",
        ],
    ),
    "market": (
        "Farmers market moves to the old station square",
        "Lea Rinn",
        "2025-03-07T10:15:00+00:00",
        [
            "Velmora's weekly farmers market will move to the old station square in May, the"
            " market association said on Friday.",
            "The square offers room for forty stalls, twice as many as the current site by"
            " the town hall, the association's chair said.",
            "Some stall holders said they worried that fewer people would find the market"
            " at its new place, away from the main shopping street.",
            "The city will add bicycle racks and a bus stop next to the square before the"
            " move, a spokesperson for the mayor said.",
        ],
    ),
    "museum": (
        "Museum returns a painting to the family of its owner",
        "Ida Sorel",
        "2025-03-08T14:45:00+00:00",
        [
            "The Velmora art museum returned a landscape painting to the family of its"
            " first owner on Saturday, after a three-year investigation into its history.",
            "The museum's researchers found that the painting had been sold under pressure"
            " in 1939, the museum's director said at a ceremony in the main hall.",
            '"This is a day we waited for all our lives," said a grandson of the owner,'
            " who travelled from abroad for the ceremony.",
            "The family said it would lend the painting back to the museum for an"
            " exhibition next year.",
        ],
    ),
}

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def article_html(slug: str) -> bytes:
    """A small, well-formed news page for one of the ARTICLES."""
    headline, author, published, paragraphs = ARTICLES[slug]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{headline} | Velmora Courier</title>
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{headline}</h1><p class="byline">By {author}</p>
{body}
</article><footer>Velmora Courier</footer></body></html>""".encode()


@dataclass
class Site:
    """The running server: its base URL and what it has been asked for."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)
    counters: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]

    def hits(self, path: str) -> int:
        return self.paths.count(path)


Route = Callable[["Handler", Site], None]


class Handler(BaseHTTPRequestHandler):
    site: Site
    routes: dict[str, Route]

    def do_GET(self) -> None:
        with self.site.lock:
            self.site.requests.append((self.path, dict(self.headers)))
            self.site.counters[self.path] += 1
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.reply(404, b"not found", "text/plain")
        else:
            route(self, self.site)

    def reply(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


def _article(slug: str) -> Route:
    return lambda handler, site: handler.reply(200, article_html(slug), "text/html; charset=utf-8")


def _redirect(status: int, to: str) -> Route:
    return lambda handler, site: handler.reply(status, b"", "text/plain", Location=to)


def _rss(handler: Handler, site: Site) -> None:
    items = "".join(
        f"<item><title>{ARTICLES[slug][0]}</title><link>{site.url('/news/' + slug)}</link>"
        f"<pubDate>{date}</pubDate></item>"
        for slug, date in (
            ("harbour", "Mon, 03 Mar 2025 16:12:00 GMT"),
            ("bridge", "Tue, 04 Mar 2025 09:30:00 GMT"),
        )
    )
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Velmora Courier</title><link>{site.url('/')}</link>{items}</channel></rss>"
    )
    # Served as text/xml, as many sites do: the body tells it is a feed.
    handler.reply(200, rss.encode(), "text/xml")


def _atom(handler: Handler, site: Site) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Velmora Courier</title>
<id>{site.url("/feed.atom")}</id><updated>2025-03-05T11:00:00Z</updated>
<entry><title>{ARTICLES["library"][0]}</title><id>urn:velmora:library</id>
<link rel="alternate" href="/news/library"/><updated>2025-03-05T11:00:00Z</updated></entry>
</feed>"""
    handler.reply(200, atom.encode(), "application/atom+xml")


def _sitemap_index(handler: Handler, site: Site) -> None:
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.url("/sitemap-news.xml")}</loc></sitemap>
</sitemapindex>"""
    handler.reply(200, index.encode(), "application/xml")


def _news_sitemap(handler: Handler, site: Site) -> None:
    entries = "".join(
        f"""<url><loc>{site.url("/news/" + slug)}</loc><news:news><news:publication>
<news:name>Velmora Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>{ARTICLES[slug][2]}</news:publication_date>
<news:title>{ARTICLES[slug][0]}</news:title></news:news></url>"""
        for slug in ("school", "market")
    )
    sitemap = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>"""
    # Served with no useful type: the sniff decides.
    handler.reply(200, sitemap.encode(), "application/octet-stream")


def _gzipped_sitemap(handler: Handler, site: Site) -> None:
    urls = "".join(f"<url><loc>{site.url('/news/' + slug)}</loc></url>" for slug in ("museum",))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    handler.reply(200, gzip.compress(sitemap.encode()), "application/x-gzip")


def _latin1(handler: Handler, site: Site) -> None:
    page = article_html("bridge").replace(b"Tuesday", "Tuesday at the café".encode())
    page = page.replace(b'<meta charset="utf-8">', b"")
    body = page.decode("utf-8").encode("cp1252")
    handler.reply(200, body, "text/html; charset=ISO-8859-1")


def _limited(handler: Handler, site: Site) -> None:
    if site.counters[handler.path] == 1:
        handler.reply(429, b"slow down", "text/plain", Retry_After="1")
    else:
        handler.reply(200, article_html("museum"), "text/html; charset=utf-8")


def _slow(handler: Handler, site: Site) -> None:
    site.release.wait(30)  # set when the test ends, so no thread outlives the server for long
    handler.reply(200, article_html("harbour"), "text/html")


def _huge(handler: Handler, site: Site) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no Content-Length: the cap must stop the stream itself
    chunk = b"<p>" + b"filler text " * 80 + b"</p>\n"
    try:
        for _ in range(2000):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client stopped reading, as it should


ROUTES: dict[str, Route] = {
    "/robots.txt": lambda h, s: h.reply(200, ROBOTS.encode(), "text/plain"),
    "/feed.rss": _rss,
    "/feed.atom": _atom,
    "/sitemap-index.xml": _sitemap_index,
    "/sitemap-news.xml": _news_sitemap,
    **{f"/news/{slug}": _article(slug) for slug in ARTICLES},
    "/private/memo": _article("museum"),
    "/moved": _redirect(301, "/moved-again"),
    "/moved-again": _redirect(302, "/news/museum"),
    "/limited": _limited,
    "/sitemap.xml.gz": _gzipped_sitemap,
    "/latin1": _latin1,
    "/urls.txt": lambda h, s: h.reply(
        200, f"{s.url('/news/school')}\n{s.url('/news/market')}\n".encode(), "text/plain"
    ),
    "/broken": lambda h, s: h.reply(500, b"server error", "text/plain"),
    "/slow": _slow,
    "/huge": _huge,
    "/image.png": lambda h, s: h.reply(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
}


def start_site(extra: dict[str, Route] | None = None) -> tuple[Site, ThreadingHTTPServer]:
    """Start the site on a free port of 127.0.0.1; the caller shuts it down."""
    site = Site(base="")
    handler = type("SiteHandler", (Handler,), {"site": site, "routes": {**ROUTES, **(extra or {})}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return site, server


def stop_site(site: Site, server: ThreadingHTTPServer) -> None:
    site.release.set()
    server.shutdown()
    server.server_close()
