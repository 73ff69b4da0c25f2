"""Write the bundled example corpus `examples/newsroom/` and its golden files.

Everything here is invented for storytrace: the outlets, the people, the city
of Caldmouth, the events. Each article's true content (headline, byline, time,
paragraphs, captions, and what its sources are) is written down once below;
each outlet has one page template (as a real site has) that wraps the article
in its page chrome. From that one source of truth the script writes:

- `examples/newsroom/*` — the pages (text copies, HTML, one gzipped HTML,
  one JSONL feed), `newsroom.md` and `newsroom.truth.json` beside it (outside
  the corpus folder, so that reading the folder reads only articles);
- `examples/bad/*` — inputs that must fail cleanly;
- `tests/golden/newsroom/*.json` — what `storytrace clean --format jsonl`
  must print for each article.

Run it from anywhere; it is deterministic, and `tests/test_examples.py` checks
that re-running it reproduces the committed files byte for byte:

    python examples/make_newsroom.py            # writes into the repository
    python examples/make_newsroom.py --root DIR # writes the same tree under DIR
"""

# Page templates and prose keep their lines as long as the pages have them.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import gzip
import html
import json
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = "examples/newsroom"
BAD = "examples/bad"
GOLDEN = "tests/golden/newsroom"
CET = timezone(timedelta(hours=1))


def paras(text: str) -> list[str]:
    """Paragraphs from a wrapped block: blank lines split paragraphs, line breaks are spaces."""
    blocks = textwrap.dedent(text).strip().split("\n\n")
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks]


def one(text: str) -> str:
    """One line from a wrapped block."""
    (line,) = paras(text)
    return line


def curly(text: str) -> str:
    """Typographic quotes, as the outlets whose CMS converts them print them."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if prev in " (\n\u2014" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " (\n\u201c\u2014" else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------
# Outlets and stories
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    domain: str
    kind: str
    about: str


OUTLETS = {
    o.key: o
    for o in [
        Outlet(
            "ledger",
            "The Harbor Ledger",
            "harborledger.example",
            "reader-funded city newspaper in Caldmouth",
            "Text copies with a membership pitch above the menu, the byline, date and reading "
            "time on one line, a news-feed sidebar and stacked newsletter forms.",
        ),
        Outlet(
            "northfield",
            "Northfield Daily",
            "northfielddaily.example",
            "regional daily in Northfield",
            "Text copies with the copy date in the masthead, a date-only line under the "
            'headline, "Advertisement:" lines between paragraphs and the byline at the end.',
        ),
        Outlet(
            "cpa",
            "Continental Press Agency",
            "cpa.example",
            "wire agency (CPA)",
            "HTML pages with OpenGraph and JSON-LD metadata, a dateline opening the first "
            'paragraph, a "Reporting by ...; Editing by ..." credit; and the JSONL feed.',
        ),
        Outlet(
            "ebc",
            "EBC News",
            "ebc.example",
            "public broadcaster (Eastmarch Broadcasting)",
            'Text copies with one paragraph per line (no blank lines), "Image caption," '
            "labels, related-story blocks and a cookie banner at the end; usually no byline.",
        ),
        Outlet(
            "now",
            "Caldmouth Now",
            "caldmouthnow.example",
            "local news site (WordPress)",
            "HTML with a cookie notice, WordPress entry markup with numeric character "
            "references, share buttons, related posts and reader comments under the article.",
        ),
        Outlet(
            "observer",
            "The Capital Observer",
            "capitalobserver.example",
            "national newspaper in Varenholm",
            "A text copy (consent banner, stacked byline and Published/Updated line) and an "
            "HTML page (microdata, inline read-more and newsletter boxes, most-read list).",
        ),
    ]
}


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    summary: str
    entities: list[dict]


STORIES = [
    Story(
        "caldmouth-port-strike",
        "Caldmouth port strike",
        one("""
            About 1,900 members of the United Harbour Workers (UHW) strike for 72 hours
            from Monday 3 March 2025 at the Port of Caldmouth against terminal operator
            Meridian Terminals (pay, and remote-controlled cranes at the Calder Basin from
            April). The Harbor Ledger first reports, citing two people familiar with the
            talks, that Meridian discussed delaying automation by up to 18 months; the
            government sends mediator Tomás Reyna; a deal on Thursday 6 March postpones
            automation to October 2026.
        """),
        [
            {"name": "Marta Ilves", "kind": "person", "aliases": ["Ilves"]},
            {"name": "Gideon Farrow", "kind": "person", "aliases": ["Farrow"]},
            {"name": "Tomás Reyna", "kind": "person", "aliases": ["Tomas Reyna", "Reyna"]},
            {"name": "Anneke Brandt", "kind": "person", "aliases": ["Brandt"]},
            {"name": "United Harbour Workers", "kind": "organization", "aliases": ["UHW"]},
            {"name": "Meridian Terminals", "kind": "organization", "aliases": ["Meridian"]},
            {"name": "Caldmouth Port Authority", "kind": "organization", "aliases": []},
            {"name": "Port of Caldmouth", "kind": "place", "aliases": ["Caldmouth"]},
        ],
    ),
    Story(
        "brennock-bridge-inquiry",
        "Brennock Bridge inquiry",
        one("""
            The Brennock Bridge, carrying the Northfield ring road over the River Sallow,
            collapsed on 14 January 2025 (three dead, eleven injured). Northfield Daily
            first reports on Tuesday 4 March, citing three people who read a draft, what
            the inquiry's interim report will say; the report, presented by retired judge
            Helena Varga on Wednesday 5 March, finds corrosion noted in 2019 was never
            acted on and a 2022 inspection skipped the underside of the deck.
        """),
        [
            {"name": "Helena Varga", "kind": "person", "aliases": ["Varga"]},
            {"name": "Oskar Lindqvist", "kind": "person", "aliases": ["Lindqvist"]},
            {"name": "Priya Castellane", "kind": "person", "aliases": ["Castellane"]},
            {"name": "Halvorsen Civil Engineering", "kind": "organization", "aliases": []},
            {"name": "Eastmarch Roads Agency", "kind": "organization", "aliases": []},
            {"name": "Brennock Families Group", "kind": "organization", "aliases": []},
            {"name": "Brennock Bridge", "kind": "place", "aliases": ["Brennock"]},
        ],
    ),
    Story(
        "draft-budget-leak",
        "Draft budget leak",
        one("""
            On Thursday 6 March CPA reports, from a copy of the draft 2026 budget and three
            sources familiar with the drafting, that Finance Minister Rafael Dunmore plans to
            cut grants to regional authorities by 12% and raise fuel duty; other outlets
            follow up with local angles (Caldmouth's harbour dredging, Northfield's bridge
            checks) and Dunmore refuses to comment and orders a leak inquiry on Friday.
        """),
        [
            {"name": "Rafael Dunmore", "kind": "person", "aliases": ["Dunmore", "Mr Dunmore"]},
            {"name": "Colette Amari", "kind": "person", "aliases": ["Amari"]},
            {"name": "Jonah Whitcombe", "kind": "person", "aliases": ["Whitcombe"]},
            {
                "name": "Ministry of Finance",
                "kind": "organization",
                "aliases": ["finance ministry"],
            },
            {"name": "Civic Alliance", "kind": "organization", "aliases": []},
            {"name": "Association of Regional Authorities", "kind": "organization", "aliases": []},
        ],
    ),
]


# --------------------------------------------------------------------------
# Articles: the source of truth
# --------------------------------------------------------------------------


@dataclass
class Piece:
    """One article as written, with where it is published and what it rests on."""

    file: str
    fmt: str
    """`txt`, `html`, `html.gz` or `jsonl`."""
    story: str
    outlet: str
    headline: str
    authors: list[str]
    published: datetime
    body: list[str]
    captions: list[str] = field(default_factory=list)
    url: str = ""
    section: str = ""
    record: int | None = None
    syndicates: str | None = None
    """Source of the article this one republishes."""
    sources: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    desk: str = ""
    """A desk credited in the byline beside the authors; the outlet's signature, not an author."""
    typographic: bool = False
    """The outlet's CMS prints typographic quotes; applied to the text and its truth alike."""

    def __post_init__(self) -> None:
        if self.typographic:
            self.headline = curly(self.headline)
            self.body = [curly(p) for p in self.body]
            self.captions = [curly(c) for c in self.captions]
            self.sources = _curly_strings(self.sources)

    @property
    def source(self) -> str:
        if self.record is not None:
            return f"{CORPUS}/{self.file}:{self.record}"
        return f"{CORPUS}/{self.file}"

    @property
    def golden_name(self) -> str:
        if self.record is not None:
            return f"{self.file}-{self.record}.json"
        return f"{self.file}.json"


def _curly_strings(value):
    """Typographic quotes in every string of a truth record except canonical names."""
    if isinstance(value, dict):
        return {
            k: v if k in ("name", "outlet", "kind", "start", "end") else _curly_strings(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_curly_strings(v) for v in value]
    return curly(value) if isinstance(value, str) else value


def said(name: str, kind: str, as_written: str) -> dict:
    """An on-record speaker: canonical name, SpeakerKind value, the words the article uses."""
    return {"name": name, "kind": kind, "as_written": as_written}


def anon(description: str, count: int | None) -> dict:
    """An anonymous source group as the article describes it, with its head count."""
    return {"description": description, "count": count}


def via(outlet: str, as_written: str, citing: str | None) -> dict:
    """Another outlet the article relays, and whom that outlet cited."""
    return {"outlet": outlet, "as_written": as_written, "citing": citing}


def when(text: str, start: str, end: str | None = None) -> dict:
    """A date expression in the body and the day (or inclusive range) it means."""
    return {"text": text, "start": start, "end": end or start}


def sources(
    on_record: list[dict],
    anonymous: list[dict] | None = None,
    documents: list[str] | None = None,
    relayed: list[dict] | None = None,
    dates: list[dict] | None = None,
) -> dict:
    return {
        "on_record": on_record,
        "anonymous": anonymous or [],
        "documents": documents or [],
        "via": relayed or [],
        "dates": dates or [],
    }


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def cet(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CET)


CPA_STRIKE_BODY = paras("""
    CALDMOUTH, March 4 (CPA) - More than 30 cargo ships were waiting off the Port of
    Caldmouth on Tuesday as a strike by dockworkers entered its second day and the
    government called in a state mediator to break the deadlock.

    Labour Minister Anneke Brandt said the mediator, Tomás Reyna, would meet the United
    Harbour Workers union and terminal operator Meridian Terminals separately later on
    Tuesday. "Nobody wins if the port stays shut. I expect both sides to be in the room
    and to stay there," Brandt said.

    The Harbor Ledger reported on Monday, citing two people familiar with the talks, that
    Meridian had discussed delaying the automation of cranes at the port's Calder Basin
    terminal by up to 18 months.

    A senior port official, who spoke on condition of anonymity because the talks are
    confidential, told CPA that such an offer was "on the table, but not in writing."

    Reyna told reporters that he would not comment on the substance of the talks until
    both sides had agreed to a joint session, which he hoped to hold on Wednesday.

    The union wants a 9% pay rise and guarantees that no jobs will be lost to automation.
    Meridian has offered 4% and a retraining programme, according to a company statement.

    Caldmouth handles about a fifth of the region's container imports. Freight forwarder
    Tallis Logistics said on Tuesday that some shipments were being diverted to smaller
    ports along the coast, adding up to four days to delivery times.

    The 72-hour strike is due to end on Thursday morning. The union has said it will call
    further stoppages next week if no agreement is reached.
""")

CPA_STRIKE_SOURCES = dict(
    on_record=[
        said("Anneke Brandt", "person", "Brandt said"),
        said("Tomás Reyna", "person", "Reyna told reporters"),
        said("Meridian Terminals", "organization", "according to a company statement"),
        said("Tallis Logistics", "organization", "Tallis Logistics said"),
        said("United Harbour Workers", "organization", "The union has said"),
    ],
    anonymous=[
        anon(
            "A senior port official, who spoke on condition of anonymity because the talks "
            "are confidential",
            1,
        )
    ],
    relayed=[
        via(
            "The Harbor Ledger",
            "The Harbor Ledger reported on Monday",
            "two people familiar with the talks",
        )
    ],
)

PIECES: list[Piece] = [
    # ---------------------------------------------------------------- strike
    Piece(
        file="harbor-ledger-port-strike.txt",
        fmt="txt",
        story="caldmouth-port-strike",
        outlet="ledger",
        headline="Caldmouth dockworkers walk out as automation dispute shuts port",
        authors=["Mara Quell", "Ilan Petrov"],
        published=utc(2025, 3, 3, 16, 12),
        section="Port & Shipping",
        url="https://harborledger.example/port/2025/03/03/caldmouth-dockworkers-walk-out/",
        captions=[
            one("""
                Striking members of the United Harbour Workers outside the Calder Basin gate
                on March 3, 2025. (Ilan Petrov/The Harbor Ledger)
            """)
        ],
        body=paras("""
            Nearly 1,900 dockworkers at the Port of Caldmouth walked off the job at 6 a.m. on
            Monday, halting container traffic at the city's busiest terminal in a dispute over
            pay and plans to automate cranes at the Calder Basin.

            The United Harbour Workers (UHW) called the 72-hour strike after talks with
            terminal operator Meridian Terminals broke down late last week. By midafternoon,
            23 vessels were waiting at anchor outside the breakwater, according to the
            Caldmouth Port Authority.

            "Our members have been asked to train the machines that will replace them, and to
            do it for a pay rise that doesn't cover the rent," UHW general secretary Marta
            Ilves said outside the main gate, where several hundred strikers had gathered by
            mid-morning.

            Meridian wants to begin switching the Calder Basin's ship-to-shore cranes to remote
            operation in April. The union is seeking a 9% pay increase; the company has offered
            4%.

            Gideon Farrow, Meridian's chief executive, told reporters that the automation plan
            was "not negotiable in principle" but that the company was ready to talk about
            timing and retraining. In a statement, Meridian Terminals said it "regrets the
            disruption to customers" and called on the union to return to the table.

            Two people familiar with the talks said Meridian had privately discussed delaying
            the first phase of automation by as much as 18 months in exchange for a shorter pay
            deal. Neither side would confirm that on Monday.

            The strike is due to end at 6 a.m. on Thursday. Labour Minister Anneke Brandt has
            not intervened publicly, though the Ministry of Labour said on Monday that a state
            mediator was "available to both parties."

            The Caldmouth Shipping Agents' Association warned that the stoppage could ripple
            through supply chains for weeks. Caldmouth handles roughly a fifth of the region's
            container imports, according to port authority figures.
        """),
        sources=sources(
            on_record=[
                said("Marta Ilves", "person", "Marta Ilves said"),
                said(
                    "Gideon Farrow",
                    "person",
                    "Gideon Farrow, Meridian's chief executive, told reporters",
                ),
                said("Meridian Terminals", "organization", "Meridian Terminals said"),
                said(
                    "Caldmouth Port Authority",
                    "organization",
                    "according to the Caldmouth Port Authority",
                ),
                said("Ministry of Labour", "organization", "the Ministry of Labour said"),
                said(
                    "Caldmouth Shipping Agents' Association",
                    "organization",
                    "The Caldmouth Shipping Agents' Association warned",
                ),
            ],
            anonymous=[anon("Two people familiar with the talks", 2)],
            documents=["port authority figures"],
            dates=[
                when("on Monday", "2025-03-03"),
                when("in April", "2025-04-01", "2025-04-30"),
                when("on Thursday", "2025-03-06"),
            ],
        ),
        extra={
            "comments": 41,
            "teasers": ["ledger-calder", "ledger-ilves"],
            "feed": [0, 1, 2],
            "read_more": "ledger-calder",
        },
    ),
    Piece(
        file="cpa-port-strike.html",
        fmt="html",
        story="caldmouth-port-strike",
        outlet="cpa",
        headline="Caldmouth port strike strands ships as mediator is called in",
        authors=["Jonas Pereira"],
        published=cet(2025, 3, 4, 7, 15),
        section="Business",
        url="https://cpa.example/business/caldmouth-port-strike-mediator-2025-03-04/",
        captions=[
            "Container ships wait at anchor off the Port of Caldmouth, March 4, 2025. CPA/Tamsin Holt"
        ],
        body=CPA_STRIKE_BODY,
        sources=sources(
            **CPA_STRIKE_SOURCES,
            dates=[
                when("on Tuesday", "2025-03-04"),
                when("on Monday", "2025-03-03"),
                when("on Wednesday", "2025-03-05"),
                when("on Thursday morning", "2025-03-06"),
                when("next week", "2025-03-10", "2025-03-16"),
            ],
        ),
        extra={
            "credit": "Reporting by Jonas Pereira; Editing by Ruth Okafor",
            "links": {
                "The Harbor Ledger reported on Monday": "https://harborledger.example/port/2025/03/03/caldmouth-dockworkers-walk-out/"
            },
            "related": ["cpa-rel-ports", "cpa-rel-rates", "cpa-rel-budget-old"],
        },
    ),
    Piece(
        file="capital-observer-port-strike-cpa.txt",
        fmt="txt",
        story="caldmouth-port-strike",
        outlet="observer",
        headline="Ships pile up off Caldmouth as government sends in mediator",
        authors=["Jonas Pereira"],
        published=utc(2025, 3, 4, 11, 48),
        section="Economy",
        syndicates=f"{CORPUS}/cpa-port-strike.html",
        # Republished with the last paragraph cut for length and the agency's note added.
        body=[
            *CPA_STRIKE_BODY[:-1],
            "This article was originally published by Continental Press Agency.",
        ],
        sources=sources(
            on_record=CPA_STRIKE_SOURCES["on_record"][:4],
            anonymous=CPA_STRIKE_SOURCES["anonymous"],
            relayed=[
                *CPA_STRIKE_SOURCES["relayed"],
                via(
                    "Continental Press Agency",
                    "originally published by Continental Press Agency",
                    None,
                ),
            ],
            dates=[
                when("on Tuesday", "2025-03-04"),
                when("on Monday", "2025-03-03"),
                when("on Wednesday", "2025-03-05"),
            ],
        ),
        extra={
            "updated": utc(2025, 3, 4, 14, 10),
            "comments": 9,
            "teasers": ["obs-rates", "obs-housing"],
            "most_read": ["obs-mr-1", "obs-mr-2", "obs-mr-3", "obs-mr-4"],
            "topics": ["Caldmouth", "Labour", "Shipping"],
        },
    ),
    Piece(
        file="ebc-port-strike.txt",
        fmt="txt",
        story="caldmouth-port-strike",
        outlet="ebc",
        headline="Port strike: What we know as Caldmouth dock walkout enters day two",
        authors=[],
        published=utc(2025, 3, 4, 9, 30),
        section="Eastmarch",
        captions=["Ships waiting at anchor off Caldmouth on Tuesday morning"],
        body=paras("""
            A strike by dockworkers at the Port of Caldmouth has entered its second day, with
            dozens of ships waiting offshore and no talks yet scheduled between the two sides.

            About 1,900 members of the United Harbour Workers union walked out on Monday
            morning over pay and plans by the terminal operator, Meridian Terminals, to
            automate cranes at the Calder Basin.

            The government has appointed the state mediator Tomas Reyna to try to bring both
            sides together. Speaking to EBC Radio Eastmarch on Tuesday morning, Mr Reyna said he
            was "cautiously hopeful" of a first meeting within days.

            Union general secretary Marta Ilves told EBC that her members were "solid" and would
            not return before Thursday. "This is about whether there will be jobs at this port
            in ten years," she said.

            Meridian Terminals said in a statement that it remained "committed to a fair
            settlement" and that automation would make the port more competitive.

            According to the Caldmouth Port Authority, 31 vessels were at anchor on Tuesday
            morning, up from 23 on Monday afternoon.

            As first reported by The Harbor Ledger, the company is understood to have discussed
            postponing automation. EBC has not been able to confirm this independently.
        """),
        sources=sources(
            on_record=[
                said("Tomás Reyna", "person", "Mr Reyna said"),
                said("Marta Ilves", "person", "Marta Ilves told EBC"),
                said("Meridian Terminals", "organization", "Meridian Terminals said"),
                said(
                    "Caldmouth Port Authority",
                    "organization",
                    "According to the Caldmouth Port Authority",
                ),
            ],
            relayed=[via("The Harbor Ledger", "As first reported by The Harbor Ledger", None)],
            dates=[
                when("on Monday morning", "2025-03-03"),
                when("on Tuesday morning", "2025-03-04"),
                when("before Thursday", "2025-03-06"),
            ],
        ),
        extra={
            "more": ["ebc-strike-explainer", "ebc-ports-history"],
            "topics": ["Port of Caldmouth", "Trade unions", "Caldmouth"],
            "top": ["ebc-top-1", "ebc-top-2", "ebc-top-3"],
            "listen": 3,
        },
    ),
    Piece(
        file="caldmouth-now-picket-line.html",
        fmt="html",
        story="caldmouth-port-strike",
        outlet="now",
        headline="'We're the ones who keep this city fed': on the picket line at Calder Basin",
        typographic=True,
        authors=["Nell Ashworth"],
        published=cet(2025, 3, 4, 18, 22),
        section="Port",
        url="https://caldmouthnow.example/2025/03/04/picket-line-calder-basin/",
        captions=[
            "Crane operator Dara Quinlan, 52, at the Calder Basin picket line on Tuesday. Photo: Nell Ashworth/Caldmouth Now"
        ],
        body=paras("""
                By late afternoon on Tuesday, the fire barrels outside the Calder Basin gate had
                been burning for more than 36 hours, and the mood on the picket line had shifted
                from anger to something closer to stubborn patience.

                "We're the ones who keep this city fed," said Dara Quinlan, 52, who has operated
                a ship-to-shore crane at the terminal for 19 years. "They want me to sit in an
                office and drive the crane with a joystick, and next year they'll want somebody
                cheaper to do it."

                Meridian Terminals, which runs the terminal under a concession from the Caldmouth
                Port Authority, says remote operation will make the work safer and that no
                permanent staff will be made redundant. The union says it has heard that before.

                For businesses along Dockside Road, the strike is already costing money. Colm
                Adeyemi, who runs a small shipping agency, said two of his clients had cargo stuck
                on vessels at anchor. "Every day is a day's rent on a container somebody can't
                use," he said.

                The state mediator, Tomás Reyna, met union leaders at a hotel in the city centre on
                Tuesday afternoon, according to a union spokesperson. A meeting with Meridian was
                expected on Wednesday.

                Not everyone on the street supports the walkout. A café owner near the gate, who
                asked not to be named because many of her customers are dockworkers, said the
                strike "hurts people who have nothing to do with cranes."

                The strike is due to end at 6 a.m. on Thursday.
            """),
        sources=sources(
            on_record=[
                said("Dara Quinlan", "person", "said Dara Quinlan"),
                said(
                    "Meridian Terminals",
                    "organization",
                    "Meridian Terminals, which runs the terminal",
                ),
                said("United Harbour Workers", "organization", "according to a union spokesperson"),
                said("Colm Adeyemi", "person", "Adeyemi, who runs a small shipping agency, said"),
            ],
            anonymous=[anon("A café owner near the gate, who asked not to be named", 1)],
            dates=[
                when("on Tuesday", "2025-03-04"),
                when("on Tuesday afternoon", "2025-03-04"),
                when("on Wednesday", "2025-03-05"),
                when("on Thursday", "2025-03-06"),
            ],
        ),
        extra={
            "comments": [
                (
                    "Harbourside Pete",
                    "March 4, 2025 at 7:02 pm",
                    "Solidarity from the ferry crews. They said the same thing about the ticket machines and look what happened.",
                ),
                (
                    "M. Okonjo",
                    "March 4, 2025 at 8:15 pm",
                    "My delivery has been stuck out there since Sunday. Some of us have businesses to run too.",
                ),
            ],
            "related": ["now-rel-dredging", "now-rel-ferry", "now-rel-market"],
            "links": {
                "Tomás Reyna": "https://caldmouthnow.example/2025/03/03/who-is-the-state-mediator/"
            },
        },
    ),
    Piece(
        file="wire.jsonl",
        fmt="jsonl",
        record=1,
        story="caldmouth-port-strike",
        outlet="cpa",
        headline="Caldmouth dockworkers end strike after deal delays automation to 2026",
        authors=["Jonas Pereira"],
        published=utc(2025, 3, 6, 14, 2),
        section="Business",
        url="https://cpa.example/business/caldmouth-strike-ends-deal-2025-03-06/",
        body=paras("""
            CALDMOUTH, March 6 (CPA) - Dockworkers at the Port of Caldmouth returned to work on
            Thursday after their union and terminal operator Meridian Terminals agreed a
            two-year pay deal that postpones the automation of cranes at the Calder Basin until
            October 2026.

            The agreement, reached after 14 hours of talks chaired by state mediator Tomás Reyna
            that ended shortly before 3 a.m., gives about 1,900 workers a 6% pay increase over
            two years and sets up a retraining fund paid for by the company.

            "It is not everything we asked for, but it is a future for this port that has people
            in it," United Harbour Workers general secretary Marta Ilves said at a news
            conference.

            Meridian chief executive Gideon Farrow said the deal gave the company "the certainty
            to invest." The first remote-controlled cranes had been due to start operating in
            April.

            The postponement matches the outline first reported by The Harbor Ledger on Monday,
            which cited two people familiar with the talks.

            Union members will vote on the agreement next week, according to the union. The
            Caldmouth Port Authority said it expected the backlog of ships at anchor to clear by
            Sunday.
        """),
        sources=sources(
            on_record=[
                said("Marta Ilves", "person", "Marta Ilves said"),
                said("Gideon Farrow", "person", "Gideon Farrow said"),
                said("United Harbour Workers", "organization", "according to the union"),
                said("Caldmouth Port Authority", "organization", "Caldmouth Port Authority said"),
            ],
            relayed=[
                via(
                    "The Harbor Ledger",
                    "first reported by The Harbor Ledger on Monday",
                    "two people familiar with the talks",
                )
            ],
            dates=[
                when("on Thursday", "2025-03-06"),
                when("October 2026", "2026-10-01", "2026-10-31"),
                when("in April", "2025-04-01", "2025-04-30"),
                when("on Monday", "2025-03-03"),
                when("next week", "2025-03-10", "2025-03-16"),
                when("by Sunday", "2025-03-09"),
            ],
        ),
        extra={
            "id": "cpa-20250306-0412",
            "published_raw": "2025-03-06T14:02:00Z",
            "credit": "Reporting by Jonas Pereira; Editing by Ruth Okafor",
        },
    ),
    # ---------------------------------------------------------------- bridge
    Piece(
        file="northfield-daily-bridge-draft.txt",
        fmt="txt",
        story="brennock-bridge-inquiry",
        outlet="northfield",
        headline="Brennock Bridge inquiry to blame missed inspections, draft shows",
        typographic=True,
        authors=["Hanna Sorel"],
        published=utc(2025, 3, 4),
        section="Northfield",
        captions=[
            "The closed approach to the Brennock Bridge site in Northfield. Photo: Amos Leland/Northfield Daily"
        ],
        body=paras("""
                The public inquiry into the collapse of the Brennock Bridge will find that warning
                signs were missed during two inspections before the disaster, according to three
                people who have read a draft of its interim report.

                The bridge, which carried the Northfield ring road over the River Sallow,
                collapsed on 14 January, killing three people and injuring eleven.

                The draft says corrosion in the steel tendons inside the bridge deck was noted as
                "moderate" in 2019, but that no follow-up was ordered, the people said. A second
                inspection in 2022 did not examine the underside of the deck at all.

                The inquiry, chaired by retired judge Helena Varga, is due to publish its interim
                findings on Wednesday. A spokesperson for the inquiry declined to comment on the
                draft.

                Priya Castellane, whose father was among those killed and who speaks for the
                Brennock Families Group, said the families had not been shown the report. "If this
                is true, then three people died because of a form nobody filled in," she said.

                Halvorsen Civil Engineering, which held the maintenance contract for the bridge
                from 2017, said it had "carried out every inspection it was instructed to carry
                out" and would respond to the inquiry's findings in full.
            """),
        sources=sources(
            on_record=[
                said("Priya Castellane", "person", "Priya Castellane"),
                said("Halvorsen Civil Engineering", "organization", "Halvorsen Civil Engineering"),
            ],
            anonymous=[anon("three people who have read a draft of its interim report", 3)],
            documents=["a draft of its interim report"],
            dates=[
                when("on 14 January", "2025-01-14"),
                when("in 2019", "2019-01-01", "2019-12-31"),
                when("in 2022", "2022-01-01", "2022-12-31"),
                when("on Wednesday", "2025-03-05"),
            ],
        ),
        extra={
            "masthead": "Wed 5 Mar 2025",
            "weather": "6°C, light rain",
            "tags": ["Brennock Bridge", "Northfield", "Transport"],
            "most_read": ["nd-mr-1", "nd-mr-2", "nd-mr-3", "nd-mr-4", "nd-mr-5"],
        },
    ),
    Piece(
        file="ebc-bridge-inquiry.txt",
        fmt="txt",
        story="brennock-bridge-inquiry",
        outlet="ebc",
        headline="Brennock Bridge: Inquiry finds 'chain of missed chances' before collapse",
        authors=["Tobias Grent"],
        published=utc(2025, 3, 5, 13, 20),
        section="Eastmarch",
        captions=[
            "Inquiry chair Helena Varga presented the interim report in Northfield on Wednesday"
        ],
        body=paras("""
            The collapse of the Brennock Bridge in January followed a "chain of missed chances"
            by inspectors, the roads agency and the maintenance contractor, an inquiry has
            found.

            Presenting the inquiry's interim report in Northfield on Wednesday, retired judge
            Helena Varga said corrosion had been spotted six years before the disaster. "The
            warning was written down in 2019. It was filed, and it was forgotten," she said.

            According to the interim report, an inspection in 2022 left out the underside of the
            deck because scaffolding had not been booked in time.

            Three people died and eleven were injured when the bridge over the River Sallow fell
            on 14 January. The findings were first reported by Northfield Daily on Tuesday.

            Transport Minister Oskar Lindqvist told reporters that all 14 bridges of the same
            design in the region would be inspected by the end of April. He said the Eastmarch
            Roads Agency would publish the results.

            Priya Castellane of the Brennock Families Group said the report confirmed "what we
            feared from the first day". The group wants criminal charges to be considered.

            The inquiry's final report is expected in October.
        """),
        sources=sources(
            on_record=[
                said("Helena Varga", "person", "Helena Varga said"),
                said("Oskar Lindqvist", "person", "Oskar Lindqvist told reporters"),
                said(
                    "Priya Castellane",
                    "person",
                    "Priya Castellane of the Brennock Families Group said",
                ),
            ],
            documents=["the interim report"],
            relayed=[
                via("Northfield Daily", "first reported by Northfield Daily on Tuesday", None)
            ],
            dates=[
                when("in January", "2025-01-01", "2025-01-31"),
                when("on Wednesday", "2025-03-05"),
                when("in 2019", "2019-01-01", "2019-12-31"),
                when("in 2022", "2022-01-01", "2022-12-31"),
                when("on 14 January", "2025-01-14"),
                when("on Tuesday", "2025-03-04"),
                when("by the end of April", "2025-04-30"),
                when("in October", "2025-10-01", "2025-10-31"),
            ],
        ),
        extra={
            "byline_role": "Eastmarch correspondent",
            "crlf": True,
            "more": ["ebc-bridge-timeline", "ebc-bridge-families"],
            "topics": ["Brennock Bridge collapse", "Northfield", "Transport"],
            "top": ["ebc-top-4", "ebc-top-2", "ebc-top-5"],
            "listen": 2,
        },
    ),
    Piece(
        file="capital-observer-bridge-inquiry.html",
        fmt="html",
        story="brennock-bridge-inquiry",
        outlet="observer",
        headline="Roads agency knew of Brennock corrosion for six years, inquiry says",
        typographic=True,
        authors=["Mirela Sandoval"],
        published=cet(2025, 3, 5, 18, 40),
        section="Regions",
        url="https://capitalobserver.example/regions/2025/03/05/brennock-bridge-inquiry-roads-agency/",
        captions=[
            "Rescue workers at the collapsed Brennock Bridge in Northfield on January 14, 2025. (Observer photo: Kasper Holm)"
        ],
        body=paras("""
                The regional roads agency was told about corrosion in the Brennock Bridge six
                years before it collapsed and did not act on the warning, a public inquiry said on
                Wednesday, in findings that are likely to increase pressure on the national
                government to fund a repair programme for ageing bridges.

                The inquiry's interim report, published in Northfield, found that the Eastmarch
                Roads Agency received an inspection report in 2019 describing "moderate corrosion"
                of the tendons in the bridge deck, but that it was not passed on to the engineers
                responsible for maintenance.

                "This was not an act of God. It was a failure of systems, and systems are run by
                people," Helena Varga, the retired judge who chairs the inquiry, said as she
                presented the report.

                A senior official at the roads agency, who spoke on condition of anonymity because
                staff have been told not to discuss the inquiry, said the agency had asked for
                additional inspection funding three times since 2018 and had been turned down each
                time.

                The Ministry of Finance did not respond to a request for comment on Wednesday.
                Transport Minister Oskar Lindqvist has ordered urgent checks on 14 bridges of the
                same design.

                Halvorsen Civil Engineering, the maintenance contractor, said in a statement that
                it "notes the interim findings" and would cooperate fully with the inquiry's next
                phase.

                The inquiry will hold further hearings in May before publishing a final report in
                October.
            """),
        sources=sources(
            on_record=[
                said(
                    "Helena Varga",
                    "person",
                    "Helena Varga, the retired judge who chairs the inquiry, said",
                ),
                said(
                    "Halvorsen Civil Engineering",
                    "organization",
                    "Halvorsen Civil Engineering, the maintenance contractor, said",
                ),
            ],
            anonymous=[
                anon(
                    "A senior official at the roads agency, who spoke on condition of anonymity",
                    1,
                )
            ],
            documents=["The inquiry's interim report"],
            dates=[
                when("on Wednesday", "2025-03-05"),
                when("in 2019", "2019-01-01", "2019-12-31"),
                when("since 2018", "2018-01-01", "2025-03-05"),
                when("in May", "2025-05-01", "2025-05-31"),
                when("in October", "2025-10-01", "2025-10-31"),
            ],
        ),
        extra={
            "links": {
                "Eastmarch Roads Agency": "https://capitalobserver.example/topics/eastmarch-roads-agency/"
            },
            "read_more": "obs-bridges-explainer",
            "comments": 42,
            "most_read": ["obs-mr-5", "obs-mr-2", "obs-mr-6", "obs-mr-3"],
            "topics": ["Brennock Bridge", "Infrastructure", "Northfield"],
        },
    ),
    Piece(
        file="harbor-ledger-bridge-engineers.txt",
        fmt="txt",
        story="brennock-bridge-inquiry",
        outlet="ledger",
        headline="Engineers say Brennock inspection was cut short to save money",
        authors=["Ilan Petrov"],
        desk="The Harbor Ledger news desk",
        published=utc(2025, 3, 6, 8, 5),
        section="Region",
        body=paras("""
            The 2022 inspection of the Brennock Bridge was cut short because the maintenance
            contractor had used up its annual budget for scaffolding, two engineers familiar
            with the inspection told The Harbor Ledger.

            The account goes further than the inquiry's interim report, published on Wednesday,
            which said only that the underside of the deck was not examined because scaffolding
            "had not been booked in time."

            One of the engineers, who asked not to be named because they still work in the
            industry, said the inspection team raised the gap with managers at Halvorsen Civil
            Engineering the same week. "We wrote it up. Everyone knew the underside hadn't been
            looked at," the engineer said.

            Halvorsen Civil Engineering said in a statement on Thursday that it "rejects any
            suggestion that safety was compromised for cost reasons" and that scheduling
            decisions were made jointly with the Eastmarch Roads Agency.

            The roads agency did not respond to questions sent on Wednesday evening.

            Helena Varga, the inquiry's chair, said on Wednesday that the inquiry would examine
            "who decided what, and when" during hearings in May.

            The collapse on Jan. 14 killed three people, including two residents of Caldmouth
            who were driving home from work.
        """),
        sources=sources(
            on_record=[
                said(
                    "Halvorsen Civil Engineering",
                    "organization",
                    "Halvorsen Civil Engineering said",
                ),
                said("Helena Varga", "person", "Helena Varga, the inquiry's chair, said"),
            ],
            anonymous=[
                anon("two engineers familiar with the inspection", 2),
                anon("One of the engineers, who asked not to be named", 1),
            ],
            documents=["the inquiry's interim report"],
            dates=[
                when("2022", "2022-01-01", "2022-12-31"),
                when("on Wednesday", "2025-03-05"),
                when("on Thursday", "2025-03-06"),
                when("on Wednesday evening", "2025-03-05"),
                when("in May", "2025-05-01", "2025-05-31"),
                when("on Jan. 14", "2025-01-14"),
            ],
        ),
        extra={
            "comments": 17,
            "teasers": ["ledger-brennock-timeline", "ledger-bridges-opinion"],
            "feed": [3, 4, 0],
            "read_more": "ledger-brennock-timeline",
        },
    ),
    Piece(
        file="wire.jsonl",
        fmt="jsonl",
        record=2,
        story="brennock-bridge-inquiry",
        outlet="cpa",
        headline="Bridge inquiry finds warnings ignored before deadly Brennock collapse",
        authors=["Lena Marsh"],
        published=cet(2025, 3, 5, 11, 30),
        section="Regions",
        url="https://cpa.example/regions/brennock-bridge-inquiry-interim-report-2025-03-05/",
        body=paras("""
            NORTHFIELD, March 5 (CPA) - Inspectors warned of corrosion in the Brennock Bridge
            six years before it collapsed in January, but the warning was never acted on, a
            public inquiry said in an interim report on Wednesday.

            The report, presented by inquiry chair Helena Varga, said the Eastmarch Roads Agency
            and maintenance contractor Halvorsen Civil Engineering shared responsibility for "a
            chain of missed chances".

            Varga said the inquiry had found no evidence that anyone had deliberately ignored the
            2019 warning, but that "no one owned the problem."

            The findings had been reported on Tuesday by the regional newspaper Northfield Daily,
            citing three people who had read a draft.

            Transport Minister Oskar Lindqvist said the government would pay for inspections of
            14 bridges of similar design and would consider "every recommendation" of the final
            report, which is due in October.

            Three people were killed and eleven injured in the collapse on Jan. 14.
        """),
        sources=sources(
            on_record=[
                said("Helena Varga", "person", "Varga said"),
                said("Oskar Lindqvist", "person", "Oskar Lindqvist said"),
            ],
            documents=["an interim report"],
            relayed=[
                via(
                    "Northfield Daily",
                    "reported on Tuesday by the regional newspaper Northfield Daily",
                    "three people who had read a draft",
                )
            ],
            dates=[
                when("in January", "2025-01-01", "2025-01-31"),
                when("on Wednesday", "2025-03-05"),
                when("on Tuesday", "2025-03-04"),
                when("in October", "2025-10-01", "2025-10-31"),
                when("on Jan. 14", "2025-01-14"),
            ],
        ),
        extra={
            "id": "cpa-20250305-0233",
            "published_raw": "2025-03-05T11:30:00+01:00",
            "byline_first": True,
        },
    ),
    # ---------------------------------------------------------------- budget
    Piece(
        file="cpa-budget-leak.html",
        fmt="html",
        story="draft-budget-leak",
        outlet="cpa",
        headline="Exclusive: Draft budget cuts regional grants by 12%, raises fuel duty",
        authors=["Lena Marsh", "Jonas Pereira"],
        published=cet(2025, 3, 6, 16, 30),
        section="Politics",
        url="https://cpa.example/politics/exclusive-draft-budget-regional-grants-2025-03-06/",
        captions=[
            "Finance Minister Rafael Dunmore leaves a cabinet meeting in Varenholm, February 25, 2025. CPA/Tamsin Holt"
        ],
        body=paras("""
            VARENHOLM, March 6 (CPA) - The government plans to cut grants to regional
            authorities by 12% and raise fuel duty by 4 cents a litre next year, according to a
            copy of the draft 2026 budget seen by CPA.

            The draft, dated Feb. 27, also freezes hiring across most of the public sector and
            delays two large infrastructure projects, including the second phase of the
            Caldmouth harbour dredging scheme.

            Three sources familiar with the drafting said Finance Minister Rafael Dunmore had
            pushed for the grant cuts over objections from the transport ministry, which wanted
            money ring-fenced for bridge repairs after the Brennock Bridge collapse.

            "The ministry does not comment on draft documents. The budget will be presented to
            parliament on March 18, and not before," a Ministry of Finance spokesperson said.

            One of the sources said the figures could still change when the cabinet discusses
            the budget next week, but that the 12% cut had been "settled at the top."

            Colette Amari, finance spokesperson for the opposition Civic Alliance, said the plan
            would "hand the bill for the government's mistakes to the regions." She called on
            Dunmore to publish the draft in full.

            Grants to regional authorities make up about a tenth of government spending,
            according to finance ministry figures.
        """),
        sources=sources(
            on_record=[
                said(
                    "Ministry of Finance", "organization", "a Ministry of Finance spokesperson said"
                ),
                said(
                    "Colette Amari",
                    "person",
                    "Colette Amari, finance spokesperson for the opposition Civic Alliance, said",
                ),
            ],
            anonymous=[
                anon("Three sources familiar with the drafting", 3),
                anon("One of the sources", 1),
            ],
            documents=["a copy of the draft 2026 budget seen by CPA", "finance ministry figures"],
            dates=[
                when("next year", "2026-01-01", "2026-12-31"),
                when("Feb. 27", "2025-02-27"),
                when("on March 18", "2025-03-18"),
                when("next week", "2025-03-10", "2025-03-16"),
            ],
        ),
        extra={
            "exclusive": True,
            "credit": "Reporting by Lena Marsh and Jonas Pereira; Editing by Ruth Okafor",
            "related": ["cpa-rel-budget-old", "cpa-rel-ports", "cpa-rel-rates"],
        },
    ),
    Piece(
        file="harbor-ledger-budget-dredging.txt",
        fmt="txt",
        story="draft-budget-leak",
        outlet="ledger",
        headline="Leaked budget would stall Caldmouth harbor dredging, mayor warns",
        authors=["Mara Quell"],
        published=utc(2025, 3, 6, 19, 48),
        section="Politics",
        captions=[
            "Dredging equipment moored at the Calder Basin in February. (Mara Quell/The Harbor Ledger)"
        ],
        body=paras("""
            The second phase of the Caldmouth harbor dredging project would be put on hold under
            the government's draft budget, as first reported by CPA on Thursday, a setback for a
            port that has just emerged from a strike.

            CPA said it had seen a copy of the draft 2026 budget, which cuts grants to regional
            authorities by 12% and delays the dredging scheme, meant to let larger container
            ships use the Calder Basin.

            Mayor Jonah Whitcombe said he had learned of the plan "from the news, like everyone
            else." "You cannot ask this port to compete and then take away the water it needs to
            float the ships," Whitcombe said on Thursday evening.

            A city hall official, speaking on condition of anonymity because the budget has not
            been published, said the city had been told informally in January that the dredging
            money was safe.

            The Ministry of Finance has said it does not comment on draft documents. Finance
            Minister Rafael Dunmore is scheduled to present the budget to parliament on March
            18.

            The dredging project's first phase was finished last year at a cost shared between
            the city and the national government.
        """),
        sources=sources(
            on_record=[
                said("Jonah Whitcombe", "person", "Whitcombe said"),
                said("Ministry of Finance", "organization", "The Ministry of Finance has said"),
            ],
            anonymous=[anon("A city hall official, speaking on condition of anonymity", 1)],
            documents=["a copy of the draft 2026 budget"],
            relayed=[
                via(
                    "Continental Press Agency",
                    "as first reported by CPA on Thursday",
                    "a copy of the draft 2026 budget",
                )
            ],
            dates=[
                when("on Thursday", "2025-03-06"),
                when("on Thursday evening", "2025-03-06"),
                when("in January", "2025-01-01", "2025-01-31"),
                when("on March 18", "2025-03-18"),
                when("last year", "2024-01-01", "2024-12-31"),
            ],
        ),
        extra={
            "comments": 8,
            "teasers": ["ledger-budget-explainer", "ledger-calder"],
            "feed": [1, 4, 3],
            "read_more": None,
        },
    ),
    Piece(
        file="ebc-budget-dunmore.txt",
        fmt="txt",
        story="draft-budget-leak",
        outlet="ebc",
        headline="Dunmore refuses to discuss leaked budget as regions protest",
        authors=[],
        published=utc(2025, 3, 7, 8, 0),
        section="Politics",
        captions=["Finance Minister Rafael Dunmore arriving at the ministry on Thursday"],
        body=paras("""
            Finance Minister Rafael Dunmore has refused to discuss a leaked draft of next year's
            budget, as leaders of regional authorities demanded a meeting over planned cuts to
            their grants.

            "I will not comment on leaked documents, and I would ask everyone to wait for the
            real budget on the 18th," Mr Dunmore told EBC's Morning Report programme on Friday.

            The draft, first reported by the Continental Press Agency on Thursday, proposes a 12%
            cut in grants to regions and a rise in fuel duty.

            Mr Dunmore said an internal review had been opened into how the document left the
            ministry.

            The Association of Regional Authorities said it had written to the prime minister
            asking for an urgent meeting next week. Its chair, Bernard Oyelaran, said the cuts
            would mean "fewer buses, fewer repairs and longer waits".

            Opposition finance spokesperson Colette Amari said the government had "lost control
            of its own budget".
        """),
        sources=sources(
            on_record=[
                said("Rafael Dunmore", "person", "Mr Dunmore told EBC"),
                said(
                    "Association of Regional Authorities",
                    "organization",
                    "The Association of Regional Authorities said",
                ),
                said("Bernard Oyelaran", "person", "Bernard Oyelaran, said"),
                said("Colette Amari", "person", "Colette Amari said"),
            ],
            relayed=[
                via(
                    "Continental Press Agency",
                    "first reported by the Continental Press Agency on Thursday",
                    None,
                )
            ],
            dates=[
                when("next year", "2026-01-01", "2026-12-31"),
                when("on the 18th", "2025-03-18"),
                when("on Friday", "2025-03-07"),
                when("on Thursday", "2025-03-06"),
                when("next week", "2025-03-10", "2025-03-16"),
            ],
        ),
        extra={
            "more": ["ebc-budget-how", "ebc-strike-deal"],
            "topics": ["National budget", "Rafael Dunmore", "Regional government"],
            "top": ["ebc-top-6", "ebc-top-4", "ebc-top-1"],
            "listen": 2,
        },
    ),
    Piece(
        file="caldmouth-now-budget.html.gz",
        fmt="html.gz",
        story="draft-budget-leak",
        outlet="now",
        headline="What the leaked budget could mean for Caldmouth",
        typographic=True,
        authors=["Farid Osei"],
        published=cet(2025, 3, 7, 12, 15),
        section="Politics",
        url="https://caldmouthnow.example/2025/03/07/leaked-budget-caldmouth/",
        captions=["The Calder Basin seen from Harbour Hill. Photo: Caldmouth Now"],
        body=paras("""
                A leaked draft of the national budget has left Caldmouth councillors asking what
                will happen to projects the city had been counting on, from harbour dredging to a
                new ferry terminal.

                According to the Continental Press Agency, which reported the draft on Thursday,
                grants to regional and city authorities would fall by 12% next year.

                Councillor Ines Mortimer, who chairs the city's finance committee, said the city
                received about a third of its capital budget from those grants. "A 12% cut is not
                a trim. It is the ferry terminal," she said.

                A ministry official, who was not authorised to speak publicly, told Caldmouth Now
                that the dredging scheme was "paused, not cancelled" and could return in later
                years.

                Mayor Jonah Whitcombe has asked for a meeting with Finance Minister Rafael Dunmore.
                On Friday morning, Dunmore told the broadcaster EBC that he would not comment on
                leaked documents.

                The city council will debate its response at a special meeting on Monday.
            """),
        sources=sources(
            on_record=[
                said("Ines Mortimer", "person", "Councillor Ines Mortimer"),
                said("Rafael Dunmore", "person", "Dunmore told the broadcaster EBC"),
            ],
            anonymous=[anon("A ministry official, who was not authorised to speak publicly", 1)],
            relayed=[
                via("Continental Press Agency", "According to the Continental Press Agency", None),
                via("EBC News", "told the broadcaster EBC", None),
            ],
            dates=[
                when("on Thursday", "2025-03-06"),
                when("next year", "2026-01-01", "2026-12-31"),
                when("On Friday morning", "2025-03-07"),
                when("on Monday", "2025-03-10"),
            ],
        ),
        extra={
            "wrap": True,
            "comments": [
                (
                    "Lyra B.",
                    "March 7, 2025 at 1:40 pm",
                    "Paused not cancelled. We have heard that about the ferry terminal since 2019.",
                ),
                (
                    "DocksideDave",
                    "March 7, 2025 at 2:03 pm",
                    "Maybe the council could stop spending on consultants first?",
                ),
                (
                    "Caldmouth Now",
                    "March 7, 2025 at 2:30 pm",
                    "Thanks for reading, everyone. We will be at Monday's council meeting and will report back.",
                ),
            ],
            "related": ["now-rel-ferry", "now-rel-dredging", "now-rel-strike"],
        },
    ),
    Piece(
        file="northfield-daily-budget-bridges.txt",
        fmt="txt",
        story="draft-budget-leak",
        outlet="northfield",
        headline="Leaked budget cuts leave Northfield bridge repairs without a plan",
        typographic=True,
        authors=["Hanna Sorel", "Amos Leland"],
        published=utc(2025, 3, 7),
        section="Northfield",
        body=paras("""
                Northfield's plans to strengthen ageing bridges after the Brennock disaster could
                be left without money under the government's draft budget, council officials fear.

                The draft, reported on Thursday by the Continental Press Agency, cuts grants to
                regional authorities by 12% from next year. It does not mention the bridge
                inspection programme promised by Transport Minister Oskar Lindqvist on Wednesday.

                Council leader Ruth Emberley said she had asked the finance ministry for a
                guarantee that the money for inspections would be "protected, not found from
                somewhere else". "We cannot inspect our way to safety if there is nothing to
                repair the bridges with," she said.

                According to two council officials, the council had pencilled in about a quarter
                of its road maintenance budget for the bridges of the same design as Brennock.

                Priya Castellane of the Brennock Families Group said the families were "appalled"
                that the leak came two days after the inquiry's interim report.

                A finance ministry spokesperson said the ministry did not comment on draft
                documents.
            """),
        sources=sources(
            on_record=[
                said("Ruth Emberley", "person", "Council leader Ruth Emberley said"),
                said(
                    "Priya Castellane",
                    "person",
                    "Priya Castellane of the Brennock Families Group said",
                ),
                said("Ministry of Finance", "organization", "A finance ministry spokesperson said"),
            ],
            anonymous=[anon("two council officials", 2)],
            relayed=[
                via(
                    "Continental Press Agency",
                    "reported on Thursday by the Continental Press Agency",
                    None,
                )
            ],
            dates=[
                when("on Thursday", "2025-03-06"),
                when("from next year", "2026-01-01", "2026-12-31"),
                when("on Wednesday", "2025-03-05"),
            ],
        ),
        extra={
            "masthead": "Sat 8 Mar 2025",
            "weather": "9°C, cloudy",
            "tags": ["Budget", "Brennock Bridge", "Northfield Council"],
            "most_read": ["nd-mr-6", "nd-mr-1", "nd-mr-7", "nd-mr-3", "nd-mr-2"],
        },
    ),
    Piece(
        file="wire.jsonl",
        fmt="jsonl",
        record=3,
        story="draft-budget-leak",
        outlet="cpa",
        headline="Finance minister orders inquiry into budget leak",
        authors=["Jonas Pereira"],
        published=cet(2025, 3, 7, 9, 10),
        section="Politics",
        url="https://cpa.example/politics/finance-minister-budget-leak-inquiry-2025-03-07/",
        body=paras("""
            VARENHOLM, March 7 (CPA) - Finance Minister Rafael Dunmore has ordered an internal
            inquiry into the leak of the draft 2026 budget, a day after CPA published details of
            planned cuts to regional grants.

            Dunmore told the broadcaster EBC on Friday that he would not comment on the contents
            of the draft and asked the public to "wait for the real budget" on March 18.

            A spokesperson for Prime Minister Sofia Rendell said the prime minister had "full
            confidence" in Dunmore and that the budget timetable was unchanged.

            Two senior government officials said the cabinet would meet on Tuesday to discuss the
            draft, earlier than planned. One said the leak had "hardened positions" on the
            regional grants.

            The Association of Regional Authorities has asked for an urgent meeting with Rendell
            next week.
        """),
        sources=sources(
            on_record=[
                said("Rafael Dunmore", "person", "Dunmore told the broadcaster EBC"),
                said(
                    "Office of the Prime Minister",
                    "organization",
                    "A spokesperson for Prime Minister Sofia Rendell said",
                ),
            ],
            anonymous=[anon("Two senior government officials", 2)],
            relayed=[via("EBC News", "told the broadcaster EBC", None)],
            dates=[
                when("on Friday", "2025-03-07"),
                when("on March 18", "2025-03-18"),
                when("on Tuesday", "2025-03-11"),
                when("next week", "2025-03-10", "2025-03-16"),
            ],
        ),
        extra={
            "id": "cpa-20250307-0089",
            "published_raw": "2025-03-07T09:10:00+01:00",
            "credit": "Reporting by Jonas Pereira; Editing by Ruth Okafor",
        },
    ),
]


# --------------------------------------------------------------------------
# Page chrome: teasers, feeds and lists the outlets' templates draw from
# --------------------------------------------------------------------------

TEASERS = {
    # The Harbor Ledger: related-article teasers, headline and a cut-off summary.
    "ledger-calder": (
        "Inside the Calder Basin: the terminal that runs the region's supply chain",
        "For three decades the Calder Basin has handled most of the containers that arrive in "
        "the region. Now its owners want to run the cranes from a control room two kilometers "
        "aw\u2026",
    ),
    "ledger-ilves": (
        "Who is Marta Ilves, the union leader taking on Meridian?",
        "She started on the quay at 19 and became the first woman to lead the United Harbour "
        "Workers. Friends and rivals describe a negotiator who rarely raises her voice and "
        "almost nev\u2026",
    ),
    "ledger-brennock-timeline": (
        "Brennock Bridge: a timeline of the collapse and what came after",
        "On the morning of Jan. 14, the deck of the Brennock Bridge dropped into the River "
        "Sallow. Here is what we know about the inspections, the contract and the inq\u2026",
    ),
    "ledger-bridges-opinion": (
        "Opinion: The region's bridges need more than inspections",
        "Every engineer I have spoken to since January says the same thing: the money for "
        "maintenance was cut long before the Brennock collapse, and the bill is now co\u2026",
    ),
    "ledger-budget-explainer": (
        "How the national budget is made, and who sees it first",
        "Every year the finance ministry's draft passes through dozens of hands before it "
        "reaches parliament. That is one reason leaks are so common, and why ministers "
        "rar\u2026",
    ),
    # The Capital Observer: "More from ..." teasers.
    "obs-rates": (
        "Central bank holds rates as inflation cools for a third month",
        "Policymakers said they wanted to see \u201cseveral more months\u201d of slowing "
        "prices before cutting borrowing costs, disappointing homeowners who had hop\u2026",
    ),
    "obs-housing": (
        "Analysis: Why the housing plan keeps missing its targets",
        "The government promised 40,000 new homes a year. It has never built more than "
        "26,000. Planning rules are only part of the st\u2026",
    ),
    "obs-bridges-explainer": (
        "How many of the country's bridges are at risk? What we know",
        "",
    ),
}

LEDGER_FEED = [
    (
        "4:31 PM",
        "Caldmouth council approves night bus trial on three routes.",
        '"We heard from shift workers that the last bus leaves before their shift ends," '
        "transport committee chair Odile Marchetti said.",
    ),
    (
        "2:05 PM",
        "Fire at Eastgate recycling plant under control, crews say.",
        '"There is no risk to the public, but we ask residents near the plant to keep their '
        'windows closed this afternoon," fire service spokesperson Kieran Doyle said.',
    ),
    (
        "11:48 AM",
        "Caldmouth FC appoints former captain as interim coach.",
        '"I know this club and I know this dressing room," Petra Vukovic said at her '
        "unveiling, according to the club.",
    ),
    (
        "9:12 AM",
        "Heavy rain warning issued for the coast until Wednesday.",
        '"Drivers should expect standing water on the coast road, especially after dark," '
        "the regional weather service said in a statement.",
    ),
    (
        "8:40 AM",
        "University of Caldmouth to freeze fees for students from the region.",
        '"Nobody from this city should be priced out of its own university," rector Amadou '
        "Lisle told staff in an email seen by The Harbor Ledger.",
    ),
]

NORTHFIELD_MOST_READ = {
    "nd-mr-1": "Northfield Rovers sign 17-year-old winger from academy",
    "nd-mr-2": "Ring road diversion to stay in place until summer, council says",
    "nd-mr-3": "Family-run bakery on Mill Street closes after 62 years",
    "nd-mr-4": "Man charged after police chase through town centre",
    "nd-mr-5": "Planning row over 300 homes on Sallow meadows goes to appeal",
    "nd-mr-6": "Snow and ice warning for the hills this weekend",
    "nd-mr-7": "Northfield Hospital to open new maternity wing in June",
}

OBSERVER_MOST_READ = {
    "obs-mr-1": "Live: Parliament debates emergency energy support",
    "obs-mr-2": "Teachers' union threatens strike over pay offer",
    "obs-mr-3": "Rail fares to rise by 3.1% from April, operators confirm",
    "obs-mr-4": "The restaurant that only serves soup, and the queue around the block",
    "obs-mr-5": "Prime minister's approval rating falls to lowest level since election",
    "obs-mr-6": "Opinion: We need to talk honestly about what infrastructure costs",
}

EBC_MORE = {
    "ebc-strike-explainer": (
        "Why are Caldmouth dockworkers on strike?",
        "03.03.2025",
        "Pay and automation are at the heart of a dispute that has shut the region's busiest port.",
    ),
    "ebc-ports-history": (
        "From sail to software: 200 years of Caldmouth docks",
        "12.01.2025",
        "The port has reinvented itself before. Can it do it again without losing its workforce?",
    ),
    "ebc-bridge-timeline": (
        "Brennock Bridge collapse: What happened on 14 January",
        "15.01.2025",
        "Three people died when the bridge over the River Sallow fell during the morning rush hour.",
    ),
    "ebc-bridge-families": (
        "'We just want the truth': Brennock families wait for answers",
        "20.02.2025",
        "Relatives of the three people killed have formed a group to follow the inquiry.",
    ),
    "ebc-budget-how": (
        "Budget 2026: When is it and what could be in it?",
        "28.02.2025",
        "The finance minister will set out his plans to parliament on 18 March.",
    ),
    "ebc-strike-deal": (
        "Caldmouth dock strike ends after overnight deal",
        "06.03.2025",
        "Workers will return to the quays on Thursday after a two-year pay agreement.",
    ),
}

EBC_TOP = {
    "ebc-top-1": ("Live: Storm Bertille brings gales to the west coast", "LIVE"),
    "ebc-top-2": ("Hospital waiting lists at record high, figures show", "2 hours ago"),
    "ebc-top-3": ("Ferry services cancelled as winds reach 100km/h", "4 hours ago"),
    "ebc-top-4": ("Schools to get new guidance on mobile phones", "1 hour ago"),
    "ebc-top-5": ("Eastmarch farmers warn of poor spring harvest", "6 hours ago"),
    "ebc-top-6": ("Police appeal after jewellery shop raid in Varenholm", "35 minutes ago"),
}

CPA_RELATED = {
    "cpa-rel-ports": (
        "Coastal ports brace for diverted cargo as Caldmouth dispute drags on",
        "https://cpa.example/business/coastal-ports-diverted-cargo/",
    ),
    "cpa-rel-rates": (
        "Central bank keeps rates on hold, signals patience",
        "https://cpa.example/markets/central-bank-holds-rates/",
    ),
    "cpa-rel-budget-old": (
        "Government sticks to deficit target despite weaker growth forecast",
        "https://cpa.example/politics/deficit-target-growth-forecast/",
    ),
}

NOW_RELATED = {
    "now-rel-dredging": (
        "Dredging of Calder Basin channel finished ahead of schedule",
        "https://caldmouthnow.example/2024/11/18/dredging-finished/",
        "November 18, 2024",
    ),
    "now-rel-ferry": (
        "New ferry terminal: council picks three designs for public vote",
        "https://caldmouthnow.example/2025/01/22/ferry-terminal-designs/",
        "January 22, 2025",
    ),
    "now-rel-market": (
        "Dockside Road market to open on Sundays from April",
        "https://caldmouthnow.example/2025/02/10/dockside-market-sundays/",
        "February 10, 2025",
    ),
    "now-rel-strike": (
        "\u2018We\u2019re the ones who keep this city fed\u2019: on the picket line at Calder Basin",
        "https://caldmouthnow.example/2025/03/04/picket-line-calder-basin/",
        "March 4, 2025",
    ),
}


# --------------------------------------------------------------------------
# Small formatting helpers
# --------------------------------------------------------------------------

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def clock12(t: datetime, am: str = "AM", pm: str = "PM") -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {am if t.hour < 12 else pm}"


def us_date(t: datetime | date) -> str:
    return f"{MONTHS[t.month - 1]} {t.day}, {t.year}"


def uk_date(t: datetime | date) -> str:
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}"


def names(authors: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(authors) <= 1:
        return "".join(authors)
    return ", ".join(authors[:-1]) + " and " + authors[-1]


def minutes_to_read(piece: Piece) -> int:
    words = sum(len(p.split()) for p in piece.body)
    return max(1, math.ceil(words / 220))


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def html_paragraph(text: str, links: dict[str, str], refs: bool = False) -> str:
    """A paragraph's HTML, with links on the given phrases; `refs` writes non-ASCII as &#N;."""

    def encode(s: str) -> str:
        out = esc(s)
        return out.encode("ascii", "xmlcharrefreplace").decode("ascii") if refs else out

    out = encode(text)
    for phrase, href in links.items():
        if phrase in text:
            target = encode(phrase)
            out = out.replace(target, f'<a href="{attr(href)}">{target}</a>', 1)
    return out


def lines(*parts: str | list[str] | None) -> list[str]:
    """Flatten strings and lists of strings, dropping None."""
    out: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, list):
            out.extend(part)
        else:
            out.append(part)
    return out


# --------------------------------------------------------------------------
# Text-copy templates (what a browser select-all or a crawler's text dump gives)
# --------------------------------------------------------------------------


def ledger_txt(piece: Piece) -> str:
    """The Harbor Ledger: membership pitch, menu, one-line byline, feed, stacked newsletter forms."""
    body: list[str] = []
    for i, p in enumerate(piece.body):
        body += [p, ""]
        if i == 2:
            body += ["Advertisement", ""]
        if i == 4 and piece.extra.get("read_more"):
            body += [f"READ MORE: {TEASERS[piece.extra['read_more']][0]}", ""]
    teasers = []
    for key in piece.extra["teasers"]:
        teasers += list(TEASERS[key])
    feed: list[str] = []
    for n in piece.extra["feed"]:
        time, head, quote = LEDGER_FEED[n]
        feed += ["", time, "", head, "", quote]
    byline = (
        f"by {names(piece.authors + ([piece.desk] if piece.desk else []))}"
        f" {us_date(piece.published)} "
        f"{clock12(piece.published)} {minutes_to_read(piece)} min read"
    )
    out = lines(
        "Twenty-seven years of reporting from the waterfront, paid for by readers \u2014 "
        "join today and keep the Ledger free for everyone.",
        "Our spring goal: 500 new members. Give a membership to a friend and help keep "
        "reporters on the quays, in the courts and at city hall.",
        "Become a member Give a gift",
        "Skip to content",
        "Search",
        "Sign in",
        "Caldmouth",
        "Port & Shipping",
        "Politics",
        "Business",
        "Region",
        "Opinion",
        "Culture",
        "Podcasts",
        "",
        piece.section,
        "",
        piece.headline,
        "",
        byline,
        piece.captions,
        "Listen to this story",
        "",
        body,
        "Share this story",
        "Facebook",
        "X",
        "LinkedIn",
        "Email",
        "Copy link",
        f"{piece.extra['comments']} comments",
        "Show comments",
        "",
        "Related",
        teasers,
        "Reporting from the harbor, paid for by readers.",
        "Thousands of people read The Harbor Ledger every day, but fewer than one in a hundred "
        "pays for it. Members keep our journalism free to read for everyone in Caldmouth and "
        "beyond. If you value what we do, join them today \u2014 it takes two minutes.",
        "Monthly Yearly One-off",
        "Become a member Give a gift",
        "visa mastercard paypal",
        "",
        "Latest news",
        feed,
        "MORE NEWS",
        "",
        "Newsletters",
        "",
        "Enter your email",
        "Please enter a valid email address",
        "Subscribe",
        "* indicates required",
        "The Morning Ledger",
        "* indicates required",
        "Subscribe",
        "* indicates required",
        "Port Week",
        "* indicates required",
        "",
        "Subscribe",
        "",
        "* indicates required",
        "Subscribe",
        "* indicates required",
        "City Hall Insider",
        "* indicates required",
        "Thanks for signing up! Check your inbox to confirm your subscription.",
        "",
        "The Harbor Ledger",
        "About us",
        "Our team",
        "Jobs",
        "Contact",
        "Advertise with us",
        "Privacy policy",
        "Cookie settings",
        "Terms of use",
        "\u00a9 2025 The Harbor Ledger. All rights reserved.",
    )
    return "\n".join(out) + "\n"


def northfield_txt(piece: Piece) -> str:
    """Northfield Daily: masthead with the copy date, date-only line, byline at the end."""
    body: list[str] = []
    for i, p in enumerate(piece.body):
        body += [p, ""]
        if i in (1, 4) and i < len(piece.body) - 1:
            body += ["Advertisement:", ""]
    most_read = [
        f"{n}. {NORTHFIELD_MOST_READ[k]}" for n, k in enumerate(piece.extra["most_read"], 1)
    ]
    out = lines(
        "Northfield Daily",
        f"{piece.extra['masthead']} | {piece.extra['weather']}",
        "News | Sport | Business | Northfield | Region | Weather | Jobs | Notices",
        "Sign in   Register",
        "Home / News / Northfield",
        "",
        piece.headline,
        "",
        f"{WEEKDAYS[piece.published.weekday()]}, {uk_date(piece.published)} \u2014",
        "",
        [c for c in piece.captions for c in (c, "")],
        body,
        f"Written by {names(piece.authors)}",
        "",
        "Tags: " + ", ".join(piece.extra["tags"]),
        "",
        "If you spot a mistake in this article, highlight it and press Ctrl + Enter to let "
        "the editors know.",
        "Advertisement:",
        "",
        "Most read",
        most_read,
        "",
        "Northfield Daily Evening Briefing",
        "The day's news from Northfield and the region, every weekday at 6 p.m.",
        "Enter your email",
        "Subscribe",
        "* indicates required",
        "",
        "\u00a9 Northfield Daily 2025. All rights reserved. northfielddaily.example",
        "Terms \u00b7 Privacy \u00b7 Cookie settings \u00b7 Contact the newsroom",
    )
    return "\n".join(out) + "\n"


def ebc_txt(piece: Piece) -> str:
    """EBC News: one paragraph per line, image labels, related blocks, cookie banner last."""
    more: list[str] = []
    for key in piece.extra["more"]:
        head, day, summary = EBC_MORE[key]
        more += [head, day, summary]
    top: list[str] = []
    for key in piece.extra["top"]:
        head, age = EBC_TOP[key]
        top += [head, age]
    byline = None
    if piece.authors:
        byline = [f"By {names(piece.authors)}", piece.extra["byline_role"]]
    out = lines(
        "Skip to content",
        "Accessibility help",
        "EBC News",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Radio",
        "Watch live",
        "Menu",
        "Search EBC",
        "News",
        "Eastmarch",
        "Caldmouth",
        "Politics",
        "Business",
        "Climate",
        "Listen live: EBC Radio Eastmarch",
        piece.headline,
        piece.published.strftime("%d.%m.%Y %H:%M"),
        "Share",
        "Save",
        byline,
        f"Listen to this article, {piece.extra['listen']} minutes",
        [x for c in piece.captions for x in ("Image source, EBC", f"Image caption, {c}")],
        piece.body,
        "More on this story",
        more,
        "Related topics",
        piece.extra["topics"],
        "Top stories",
        top,
        "Elsewhere on EBC",
        "The Morning Report: the day's news in 20 minutes",
        "Eastmarch Tonight: watch the latest bulletin",
        "Cookies on EBC",
        "We use cookies to give you the best online experience. Please let us know if you "
        "agree to all of these cookies.",
        "Yes, I agree",
        "No, take me to settings",
        "Terms of Use",
        "About the EBC",
        "Privacy Policy",
        "Cookies",
        "Accessibility Help",
        "Contact the EBC",
        "Copyright \u00a9 2025 EBC News. The EBC is not responsible for the content of "
        "external sites. Links to other sites are provided for information only.",
    )
    text = "\n".join(out) + "\n"
    # A copy saved on Windows: the one page in the corpus with CRLF line ends.
    return text.replace("\n", "\r\n") if piece.extra.get("crlf") else text


def observer_txt(piece: Piece) -> str:
    """The Capital Observer text copy: consent banner, stacked byline, Published/Updated."""

    def stamp(t: datetime) -> str:
        return f"{us_date(t)} at {clock12(t, 'a.m.', 'p.m.')}"

    body: list[str] = []
    for i, p in enumerate(piece.body):
        body += [p, ""]
        if i == 1:
            body += ["Advertisement", "Story continues below advertisement", ""]
    teasers: list[str] = []
    for key in piece.extra["teasers"]:
        teasers += [TEASERS[key][0], TEASERS[key][1], ""]
    agency = (
        OUTLETS[OUTLET_OF[piece.syndicates]].name if piece.syndicates else "The Capital Observer"
    )
    out = lines(
        "We value your privacy",
        "We and our 143 partners store and access information on your device, such as "
        "cookies, to show you personalised ads and content, measure performance and improve "
        "our services. You can accept, reject or manage your choices at any time.",
        "Accept all",
        "Reject all",
        "Manage preferences",
        "The Capital Observer",
        "Subscribe: first month free",
        "Sign in",
        "Menu",
        "National",
        "World",
        "Politics",
        "Economy",
        "Regions",
        "Opinion",
        "Sport",
        "Culture",
        "",
        piece.section,
        piece.headline,
        f"By {names(piece.authors)} | {agency}",
        f"Published {stamp(piece.published)} | Updated {stamp(piece.extra['updated'])}",
        "Gift this article",
        f"Comments ({piece.extra['comments']})",
        "",
        body,
        "Topics",
        piece.extra["topics"],
        "",
        f"More from {piece.section}",
        "",
        teasers,
        "The Morning Observer",
        "Everything you need to know before 8 a.m., in your inbox every weekday.",
        "Enter your email",
        "Sign up",
        "* indicates required",
        "",
        "Most read",
        [OBSERVER_MOST_READ[k] for k in piece.extra["most_read"]],
        "",
        "\u00a9 2025 The Capital Observer. All rights reserved.",
        "capitalobserver.example",
    )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# HTML templates
# --------------------------------------------------------------------------


def cpa_html(piece: Piece) -> str:
    """Continental Press Agency article page: OpenGraph, JSON-LD, dateline, credit line."""
    t = piece.published
    modified = t + timedelta(minutes=42)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": piece.headline,
        "datePublished": t.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [{"@type": "Person", "name": a} for a in piece.authors],
        "publisher": {"@type": "Organization", "name": "Continental Press Agency"},
        "articleSection": piece.section,
        "mainEntityOfPage": piece.url,
    }
    authors = " and ".join(
        f'<a rel="author" href="/authors/{a.lower().replace(" ", "-")}/">{esc(a)}</a>'
        for a in piece.authors
    )
    links = piece.extra.get("links", {})
    paragraphs = []
    for i, p in enumerate(piece.body):
        paragraphs.append(f"      <p>{html_paragraph(p, links)}</p>")
        if i == 2:
            paragraphs.append(
                '      <div class="ad-slot" data-ad="mid-article" aria-hidden="true">'
                "<span>Advertisement \u00b7 Scroll to continue</span></div>"
            )
    related = "\n".join(
        f'        <li><a href="{attr(CPA_RELATED[k][1])}">{esc(CPA_RELATED[k][0])}</a></li>'
        for k in piece.extra["related"]
    )
    figure = ""
    if piece.captions:
        figure = (
            '    <figure class="lead-image">\n'
            f'      <img src="https://cpa.example/media/{piece.url.rstrip("/").rsplit("/", 1)[1]}.jpg" '
            f'alt="" width="1200" height="800">\n'
            f"      <figcaption>{esc(piece.captions[0])}</figcaption>\n"
            "    </figure>\n"
        )
    kicker = '<span class="label">Exclusive</span> ' if piece.extra.get("exclusive") else ""
    visible_time = f"{us_date(t)} {clock12(t)} GMT+1"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(piece.headline)} | CPA</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{attr(piece.body[0][:150])}">
<meta name="author" content="{attr(", ".join(piece.authors))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Continental Press Agency">
<meta property="og:title" content="{attr(piece.headline)}">
<meta property="og:url" content="{attr(piece.url)}">
<meta property="og:image" content="https://cpa.example/media/share-default.jpg">
<meta property="article:published_time" content="{t.isoformat()}">
<meta property="article:modified_time" content="{modified.isoformat()}">
<meta property="article:section" content="{attr(piece.section)}">
<link rel="canonical" href="{attr(piece.url)}">
<link rel="stylesheet" href="/static/css/cpa.4f1c2e.css">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script async src="/static/js/ads.js"></script>
</head>
<body class="article-page">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="logo" href="/">CPA <span>Continental Press Agency</span></a>
  <nav aria-label="Sections">
    <ul>
      <li><a href="/world/">World</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/markets/">Markets</a></li>
      <li><a href="/politics/">Politics</a></li>
      <li><a href="/regions/">Regions</a></li>
      <li><a href="/sport/">Sport</a></li>
    </ul>
  </nav>
  <div class="header-tools"><a href="/account/sign-in">Sign in</a> <a class="btn" href="/wire/">Subscribe to CPA Wire</a></div>
</header>
<main id="main">
  <article class="story">
    <header class="story-header">
      <p class="kicker">{kicker}<a href="/{piece.section.lower()}/">{esc(piece.section)}</a></p>
      <h1 class="story-title">{esc(piece.headline)}</h1>
      <div class="byline">By {authors}</div>
      <time class="published" datetime="{t.isoformat()}">{visible_time}</time>
      <span class="updated">Updated {clock12(modified)} GMT+1</span>
      <div class="share" role="group" aria-label="Share"><button type="button">Share</button> <a href="#">X</a> <a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
    </header>
{figure}    <div class="story-body">
{chr(10).join(paragraphs)}
      <p class="credit">{esc(piece.extra["credit"])}</p>
      <p class="standards"><a href="/about/standards/">Our Standards: The CPA Editorial Principles.</a></p>
    </div>
  </article>
  <aside class="related" aria-labelledby="related-heading">
    <h2 id="related-heading">Related coverage</h2>
    <ul>
{related}
    </ul>
  </aside>
</main>
<footer class="site-footer">
  <nav aria-label="Footer"><a href="/about/">About CPA</a> <a href="/careers/">Careers</a> <a href="/contact/">Contact</a> <a href="/terms/">Terms of use</a> <a href="/privacy/">Privacy</a> <a href="/privacy/cookies/">Cookie settings</a></nav>
  <p>All quotes delayed a minimum of 15 minutes.</p>
  <p>\u00a9 2025 Continental Press Agency. All rights reserved.</p>
</footer>
</body>
</html>
"""


def observer_html(piece: Piece) -> str:
    """The Capital Observer article page: consent banner, microdata, inline boxes, most read."""
    t = piece.published
    links = piece.extra.get("links", {})
    paragraphs = []
    for i, p in enumerate(piece.body):
        paragraphs.append(f"        <p>{html_paragraph(p, links)}</p>")
        if i == 1:
            paragraphs.append(
                '        <aside class="inline-related">Read more: <a href="/explainers/bridges-at-risk/">'
                f"{esc(TEASERS[piece.extra['read_more']][0])}</a></aside>"
            )
        if i == 3:
            paragraphs.append(
                '        <div class="newsletter-inline"><h3>The Morning Observer</h3>'
                "<p>Everything you need to know before 8 a.m., in your inbox every weekday.</p>"
                '<form><label for="nl-email">Enter your email</label>'
                '<input id="nl-email" type="email" required> <button>Sign up</button>'
                "<small>* indicates required</small></form></div>"
            )
    caption, _, credit = piece.captions[0].rpartition(" (")
    most_read = "\n".join(
        f'        <li><a href="/most-read/{n}/">{esc(OBSERVER_MOST_READ[k])}</a></li>'
        for n, k in enumerate(piece.extra["most_read"], 1)
    )
    topics = " ".join(
        f'<a href="/topics/{x.lower().replace(" ", "-")}/">{esc(x)}</a>'
        for x in piece.extra["topics"]
    )
    author = piece.authors[0]
    return f"""<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{esc(piece.headline)} \u2013 The Capital Observer</title>
  <meta name="author" content="{attr(author)}">
  <meta property="og:site_name" content="The Capital Observer">
  <meta property="og:title" content="{attr(piece.headline)}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{attr(piece.url)}">
  <meta property="article:published_time" content="{t.isoformat()}">
  <meta property="article:author" content="https://capitalobserver.example/profile/{author.lower().replace(" ", "-")}">
  <meta name="twitter:card" content="summary_large_image">
  <link rel="canonical" href="{attr(piece.url)}">
</head>
<body>
<div class="cmp-banner" role="dialog" aria-label="Privacy">
  <p><strong>We value your privacy</strong></p>
  <p>We and our 143 partners store and access information on your device, such as cookies, to show you personalised ads and content, measure performance and improve our services. You can accept, reject or manage your choices at any time.</p>
  <button>Accept all</button> <button>Reject all</button> <button>Manage preferences</button>
</div>
<div id="page">
  <header class="masthead">
    <a class="brand" href="/">The Capital Observer</a>
    <a class="subscribe" href="/subscribe/">Subscribe: first month free</a>
    <a href="/account/">Sign in</a>
    <nav class="topnav"><a href="/national/">National</a> <a href="/world/">World</a> <a href="/politics/">Politics</a> <a href="/economy/">Economy</a> <a href="/regions/">Regions</a> <a href="/opinion/">Opinion</a> <a href="/sport/">Sport</a> <a href="/culture/">Culture</a></nav>
  </header>
  <div class="layout">
    <main>
      <article itemscope itemtype="https://schema.org/NewsArticle">
        <p class="section-label"><a href="/{piece.section.lower()}/">{esc(piece.section)}</a></p>
        <h1 itemprop="headline">{esc(piece.headline)}</h1>
        <div class="meta">
          <span class="author" itemprop="author">By <a href="/profile/{author.lower().replace(" ", "-")}/">{esc(author)}</a></span>
          <time itemprop="datePublished" datetime="{t.isoformat()}">{uk_date(t)}, {t:%H:%M} CET</time>
          <a class="comment-count" href="#comments">Comments ({piece.extra["comments"]})</a>
        </div>
        <figure class="lead">
          <img src="/images/2025/03/brennock-rescue.jpg" alt="Rescue workers on the river bank below the broken bridge deck">
          <figcaption>{esc(caption)} <span class="credit">({esc(credit)}</span></figcaption>
        </figure>
        <div class="article-body" itemprop="articleBody">
{chr(10).join(paragraphs)}
        </div>
        <footer class="article-footer">
          <p class="topics">Topics: {topics}</p>
          <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a> <a href="#">Gift this article</a></div>
        </footer>
      </article>
      <section id="comments"><h2>Comments ({piece.extra["comments"]})</h2><p>Comments are open to subscribers. <a href="/subscribe/">Subscribe</a> or <a href="/account/">sign in</a> to join the conversation.</p></section>
    </main>
    <aside class="sidebar">
      <h2>Most read</h2>
      <ol>
{most_read}
      </ol>
      <div class="ad" aria-hidden="true">Advertisement</div>
    </aside>
  </div>
  <footer class="site-footer">
    <p><a href="/about/">About us</a> \u00b7 <a href="/contact/">Contact</a> \u00b7 <a href="/terms/">Terms</a> \u00b7 <a href="/privacy/">Privacy</a> \u00b7 <a href="/cookies/">Cookie preferences</a></p>
    <p>\u00a9 2025 The Capital Observer. All rights reserved.</p>
  </footer>
</div>
</body>
</html>
"""


def now_html(piece: Piece) -> str:
    """Caldmouth Now, a WordPress site: cookie notice, &#N; references, comments under the post."""
    t = piece.published
    wrap = piece.extra.get("wrap", False)

    def ref(text: str) -> str:
        return esc(text).encode("ascii", "xmlcharrefreplace").decode("ascii")

    def block(markup: str) -> str:
        if not wrap:
            return "\t\t\t" + markup
        # Editors paste from a word processor: long paragraphs are broken over source lines.
        return textwrap.fill(
            markup,
            width=88,
            initial_indent="\t\t\t",
            subsequent_indent="\t\t\t",
            break_long_words=False,
            break_on_hyphens=False,
        )

    paragraphs = []
    for i, p in enumerate(piece.body):
        paragraphs.append(
            block(f"<p>{html_paragraph(p, piece.extra.get('links', {}), refs=True)}</p>")
        )
        if i == 3:
            paragraphs.append(
                '\t\t\t<div class="support-box"><p><strong>Caldmouth Now is free and independent.</strong> '
                "We are funded by readers, not billionaires. If you can, chip in the price of a coffee each month.</p>"
                '<p><a class="button" href="/support/">Support local news</a></p></div>'
            )
    comments = []
    for n, (who, stamp, text) in enumerate(piece.extra["comments"], 1):
        comments.append(
            f'\t\t<li id="comment-{n}" class="comment">\n'
            f'\t\t\t<div class="comment-author vcard"><b class="fn">{ref(who)}</b> <span class="says">says:</span></div>\n'
            f'\t\t\t<div class="comment-metadata"><a href="#comment-{n}"><time>{stamp}</time></a></div>\n'
            f'\t\t\t<div class="comment-content"><p>{ref(text)}</p></div>\n'
            '\t\t\t<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>\n'
            "\t\t</li>"
        )
    related = "\n".join(
        f'\t\t\t<div class="jp-relatedposts-post"><h4><a href="{attr(NOW_RELATED[k][1])}">{ref(NOW_RELATED[k][0])}</a></h4>'
        f"<p>{NOW_RELATED[k][2]}</p></div>"
        for k in piece.extra["related"]
    )
    author = piece.authors[0]
    slug = author.lower().replace(" ", "-")
    count = len(piece.extra["comments"])
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{ref(piece.headline)} &#8211; Caldmouth Now</title>
<meta name="robots" content="max-image-preview:large">
<meta name="author" content="{attr(author)}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(piece.headline)}">
<meta property="og:url" content="{attr(piece.url)}">
<meta property="og:site_name" content="Caldmouth Now">
<meta property="article:published_time" content="{t.isoformat()}">
<meta property="article:modified_time" content="{(t + timedelta(hours=2)).isoformat()}">
<link rel="stylesheet" id="theme-style-css" href="https://caldmouthnow.example/wp-content/themes/harbour/style.css?ver=6.4.3" media="all">
<script src="https://caldmouthnow.example/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="post-template-default single single-post postid-{4100 + len(piece.body) * 7} single-format-standard">
<div id="cookie-notice" role="dialog" aria-label="Cookie Notice"><div class="cookie-notice-container"><span id="cn-notice-text">We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span><a href="#" id="cn-accept-cookie" class="cn-button">Ok</a><a href="#" id="cn-refuse-cookie" class="cn-button">No</a><a href="https://caldmouthnow.example/privacy-policy/" class="cn-button">Privacy policy</a></div></div>
<div id="page" class="site">
\t<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
\t<header id="masthead" class="site-header">
\t\t<p class="site-title"><a href="https://caldmouthnow.example/" rel="home">Caldmouth Now</a></p>
\t\t<p class="site-description">News for Caldmouth, by people who live here</p>
\t\t<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/category/news/">News</a></li><li><a href="/category/port/">Port</a></li><li><a href="/category/politics/">Politics</a></li><li><a href="/category/whats-on/">What&#8217;s On</a></li><li><a href="/category/sport/">Sport</a></li><li><a href="/support/">Support us</a></li></ul></nav>
\t</header>
\t<div id="content" class="site-content">
\t<main id="primary" class="site-main">
\t\t<article id="post-{4100 + len(piece.body) * 7}" class="post type-post status-publish format-standard has-post-thumbnail hentry">
\t\t<header class="entry-header">
\t\t\t<span class="cat-links"><a href="/category/{piece.section.lower()}/" rel="category tag">{esc(piece.section)}</a></span>
\t\t\t<h1 class="entry-title">{ref(piece.headline)}</h1>
\t\t\t<div class="entry-meta"><span class="posted-on">Posted on <a href="{attr(piece.url)}" rel="bookmark"><time class="entry-date published" datetime="{t.isoformat()}">{us_date(t)}</time></a></span> <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/{slug}/">{esc(author)}</a></span></span> <span class="comments-link"><a href="#comments">{count} Comments</a></span></div>
\t\t</header>
\t\t<div class="entry-content">
\t\t\t<figure class="wp-block-image size-large"><img decoding="async" src="https://caldmouthnow.example/wp-content/uploads/2025/03/{slug}-lead-1024x683.jpg" alt="" class="wp-image-4011"><figcaption class="wp-element-caption">{ref(piece.captions[0])}</figcaption></figure>
{chr(10).join(paragraphs)}
\t\t\t<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li></ul></div>
\t\t\t<div class="sharedaddy sd-like"><h3 class="sd-title">Like this:</h3><p>Like Loading&#8230;</p></div>
\t\t\t<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
{related}
\t\t\t</div>
\t\t</div>
\t\t<footer class="entry-footer"><span class="tags-links">Tagged <a href="/tag/caldmouth/" rel="tag">Caldmouth</a>, <a href="/tag/{piece.section.lower()}/" rel="tag">{esc(piece.section)}</a></span></footer>
\t\t</article>
\t\t<div id="comments" class="comments-area">
\t\t<h2 class="comments-title">{count} thoughts on &ldquo;{ref(piece.headline)}&rdquo;</h2>
\t\t<ol class="comment-list">
{chr(10).join(comments)}
\t\t</ol>
\t\t<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form><p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p><p><label for="comment">Comment <span class="required">*</span></label><textarea id="comment" name="comment" required></textarea></p><p class="form-submit"><input type="submit" value="Post Comment"></p></form></div>
\t\t</div>
\t</main>
\t<aside id="secondary" class="widget-area">
\t\t<section class="widget widget_search"><form role="search"><label>Search for:<input type="search" name="s"></label><input type="submit" value="Search"></form></section>
\t\t<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/2025/03/06/strike-over/">Strike over: what the deal means for the docks</a></li><li><a href="/2025/03/05/night-buses/">Night buses return to three routes</a></li><li><a href="/2025/03/03/harbour-hill-parking/">Harbour Hill parking charges go up in April</a></li></ul></section>
\t\t<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="/2025/03/">March 2025</a></li><li><a href="/2025/02/">February 2025</a></li><li><a href="/2025/01/">January 2025</a></li></ul></section>
\t</aside>
\t</div>
\t<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2025 Caldmouth Now &middot; <a href="/about/">About</a> &middot; <a href="/contact/">Send us a tip</a> &middot; Proudly powered by WordPress</div></footer>
</div>
</body>
</html>
"""


# --------------------------------------------------------------------------
# The JSONL feed
# --------------------------------------------------------------------------


def cpa_record(piece: Piece) -> dict:
    """One record of a news API's export: plain text (byline at top or credit at the end) or HTML."""
    record = {
        "id": piece.extra["id"],
        "url": piece.url,
        "outlet": OUTLETS[piece.outlet].name,
        "title": piece.headline,
        "published": piece.extra["published_raw"],
        "section": piece.section,
    }
    if piece.record == 3:
        record["html"] = cpa_record_html(piece)
    else:
        parts = list(piece.body)
        if piece.extra.get("byline_first"):
            parts.insert(0, f"By {names(piece.authors)}")
        if piece.extra.get("credit"):
            parts.append(piece.extra["credit"])
        record["text"] = "\n\n".join(parts)
    return record


def cpa_record_html(piece: Piece) -> str:
    """The HTML an API hands back: the agency's article markup without the site around it."""
    t = piece.published
    body = "".join(f"<p>{esc(p)}</p>" for p in piece.body)
    return (
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(piece.headline)} | CPA</title>"
        f'<meta name="author" content="{attr(names(piece.authors))}">'
        f'<meta property="article:published_time" content="{t.isoformat()}"></head>'
        f'<body><article class="story"><h1 class="story-title">{esc(piece.headline)}</h1>'
        f'<div class="byline">By {esc(names(piece.authors))}</div>'
        f'<time datetime="{t.isoformat()}">{us_date(t)} {clock12(t)} GMT+1</time>'
        f'<div class="story-body">{body}<p class="credit">{esc(piece.extra["credit"])}</p></div>'
        '<aside class="related"><h2>Related coverage</h2><ul>'
        f'<li><a href="{attr(CPA_RELATED["cpa-rel-budget-old"][1])}">'
        f"{esc(CPA_RELATED['cpa-rel-budget-old'][0])}</a></li></ul></aside></article></body></html>"
    )


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------


def ledger_section_front() -> str:
    """A Harbor Ledger section page saved instead of an article: every line is chrome."""
    teasers: list[str] = []
    for key in [
        "ledger-calder",
        "ledger-ilves",
        "ledger-brennock-timeline",
        "ledger-budget-explainer",
    ]:
        head, summary = TEASERS[key]
        teasers += [head, summary, "Read more", ""]
    feed: list[str] = []
    for time, head, quote in LEDGER_FEED[:4]:
        feed += ["", time, "", head, "", quote]
    out = lines(
        "Twenty-seven years of reporting from the waterfront, paid for by readers \u2014 "
        "join today and keep the Ledger free for everyone.",
        "Become a member Give a gift",
        "Skip to content",
        "Search",
        "Sign in",
        "Caldmouth",
        "Port & Shipping",
        "Politics",
        "Business",
        "Region",
        "Opinion",
        "Culture",
        "Podcasts",
        "",
        "Port & Shipping",
        "",
        "Everything that moves through the harbor: ships, cargo, the people who work the "
        "quays and the decisions that shape them.",
        "",
        "Latest in Port & Shipping",
        "",
        teasers,
        "Load more",
        "",
        "Latest news",
        feed,
        "MORE NEWS",
        "",
        "Newsletters",
        "Port Week",
        "Enter your email",
        "Subscribe",
        "* indicates required",
        "",
        "\u00a9 2025 The Harbor Ledger. All rights reserved.",
    )
    return "\n".join(out) + "\n"


BAD_README = """\
# Bad inputs

Inputs that must fail cleanly: each gives one error record naming the file, and
the rest of a batch goes on. Run them together with the good corpus to see it:

    storytrace clean --format jsonl examples/bad/*.txt examples/newsroom/ebc-port-strike.txt

| file | what it is | expected |
| --- | --- | --- |
| `chrome-only.txt` | a section front of The Harbor Ledger saved instead of an article: menus, teasers ending in "\u2026", a news feed, newsletter forms, footer; no article | `NoArticle`, status `error` |
| `empty.txt` | an empty file (0 bytes) | `InputError` (or `NoArticle`), status `error` |

Binary files, undecodable bytes and oversized inputs are generated inside the
tests instead of being committed here.

Written by `examples/make_newsroom.py`; do not edit by hand.
"""


# --------------------------------------------------------------------------
# Golden records, truth and README
# --------------------------------------------------------------------------

TEMPLATES: dict[tuple[str, str], Callable[[Piece], str]] = {
    ("ledger", "txt"): ledger_txt,
    ("northfield", "txt"): northfield_txt,
    ("ebc", "txt"): ebc_txt,
    ("observer", "txt"): observer_txt,
    ("observer", "html"): observer_html,
    ("cpa", "html"): cpa_html,
    ("now", "html"): now_html,
    ("now", "html.gz"): now_html,
}

OUTLET_OF = {p.source: p.outlet for p in PIECES}


def golden(piece: Piece) -> dict:
    """What `storytrace clean --format jsonl` must print for this article."""
    return {
        "source": piece.source,
        "status": "ok",
        "error": None,
        "headline": piece.headline,
        "authors": piece.authors,
        "published": piece.published.isoformat(),
        "outlet": OUTLETS[piece.outlet].name,
        "language": "en",
        "body": "\n\n".join(piece.body),
        "captions": piece.captions,
    }


def truth() -> dict:
    """Machine-readable truth for story, attribution and date tests."""
    stories = []
    for story in STORIES:
        members = sorted((p for p in PIECES if p.story == story.id), key=lambda p: p.published)
        stories.append(
            {
                "id": story.id,
                "title": story.title,
                "articles": [p.source for p in members],
                "outlets": sorted({OUTLETS[p.outlet].name for p in members}),
                "first_published": members[0].published.isoformat(),
                "last_published": members[-1].published.isoformat(),
                "syndicated": {p.source: p.syndicates for p in members if p.syndicates},
                "entities": story.entities,
            }
        )
    articles = {}
    for p in PIECES:
        articles[p.source] = {
            "story": p.story,
            "outlet": OUTLETS[p.outlet].name,
            "format": p.fmt,
            "golden": f"{GOLDEN}/{p.golden_name}",
            "published": p.published.isoformat(),
            "syndicates": p.syndicates,
            **p.sources,
        }
    return {
        "corpus": "newsroom",
        "about": (
            "Invented coverage of three invented news events, written for storytrace. "
            "on_record: named speakers (kind: person or organization) with the words the "
            "article uses; anonymous: source groups as described, with their head count; "
            "documents: documents cited; via: other outlets relayed, and whom they cited; "
            "dates: date expressions and the inclusive day range each means."
        ),
        "outlets": [
            {
                "name": o.name,
                "domain": o.domain,
                "kind": o.kind,
                "articles": [p.source for p in PIECES if p.outlet == o.key],
            }
            for o in OUTLETS.values()
        ],
        "stories": stories,
        "articles": articles,
    }


def readme() -> str:
    """examples/newsroom.md, written from the same truth as the pages."""
    out = [
        "# The newsroom example corpus",
        "",
        "Seventeen articles from six outlets about three news events, in the shapes",
        "storytrace meets on the web: text copies of pages (what a browser select-all or a",
        "crawler's text dump gives, with menus, membership pitches, newsletter forms, news",
        "feeds and footers around the article), saved HTML pages, one gzipped HTML page and",
        "one JSONL export from a news API. Everything is invented for this project: the",
        "outlets (all on `.example` domains), the people, the city of Caldmouth and the events.",
        "",
        "    storytrace analyze examples/newsroom",
        "",
        "Written by `examples/make_newsroom.py` (do not edit the files by hand: change the",
        "script and re-run it). The script also writes `newsroom.truth.json` (the same facts as this",
        "page, for tests) and the golden files `tests/golden/newsroom/*.json`, the expected",
        "output of `storytrace clean --format jsonl` for each article.",
        "",
        "## Conventions of the golden files",
        "",
        "- `published`: ISO 8601 with offset. A time a page gives without a zone is UTC (the",
        "  default `Options.default_timezone`); a date-only line gives midnight UTC; HTML",
        "  pages carry `article:published_time` with `+01:00`, kept as given.",
        '- `authors`: the people in the byline, in order; a desk credit ("The Harbor Ledger',
        '  news desk") is the outlet\'s signature, not an author, and editors in a wire credit',
        '  ("Editing by ...") are not authors either.',
        "- `body`: the article's paragraphs exactly as written, joined by one blank line; a",
        '  wire dateline ("CALDMOUTH, March 4 (CPA) - ") is part of the first paragraph, and a',
        '  republisher\'s note ("This article was originally published by ...") is part of',
        "  the body, since it is the outlet's own statement of where the text comes from.",
        "- `captions`: photo captions with their credit, without screen-reader labels such",
        '  as "Image caption,".',
        "- JSONL records: the record's `title`, `outlet` and `published` win over the text.",
        "",
        "## Conventions of the truth",
        "",
        "- On record: named people and organisations an article attributes something to",
        "  (a spokesperson speaks for the organisation). Anonymous: source groups as the",
        '  article describes them, with their head count ("One of the sources" is listed',
        "  too, as a sub-group). Documents: reports, drafts and figures cited; an inquiry's",
        "  findings count as its report. Via: another outlet the article relays, and whom",
        "  that outlet cited. Reader comments, feeds and teasers on the page are chrome and",
        "  carry no sources.",
        "- Dates: each date expression in the body with the day or inclusive range it means",
        '  ("on Tuesday" in the past tense is the latest Tuesday on or before the day of',
        "  publication; in the future tense, the first Tuesday after it).",
        "",
        "## Outlets",
        "",
        "| outlet | domain | what it is | its page template |",
        "| --- | --- | --- | --- |",
    ]
    for o in OUTLETS.values():
        out.append(f"| {o.name} | {o.domain} | {o.kind} | {o.about} |")
    for story in STORIES:
        members = sorted((p for p in PIECES if p.story == story.id), key=lambda p: p.published)
        out += ["", f"## {story.title}", "", *textwrap.wrap(story.summary, 88), ""]
        for p in members:
            name = p.source.removeprefix(CORPUS + "/")
            out.append(f"### `{name}`")
            out.append("")
            facts = [
                f"{OUTLETS[p.outlet].name}, {p.fmt}, published {p.published.isoformat()}",
                f'headline: "{p.headline}"',
                f"by {names(p.authors)}" if p.authors else "no byline",
            ]
            out.append("- " + "; ".join(facts) + ".")
            if p.syndicates:
                out.append(
                    f"- **Syndicated copy** of `{p.syndicates.removeprefix(CORPUS + '/')}`: same body "
                    "with the last paragraph cut, a new headline, and a note naming the agency."
                )
            s = p.sources
            if s["on_record"]:
                who = ", ".join(f"{x['name']} ({x['kind']})" for x in s["on_record"])
                out.append(f"- On record: {who}.")
            if s["anonymous"]:
                who = "; ".join(f'"{x["description"]}" ({x["count"]})' for x in s["anonymous"])
                out.append(f"- Anonymous: {who}.")
            if s["documents"]:
                out.append("- Documents: " + "; ".join(f'"{d}"' for d in s["documents"]) + ".")
            for v in s["via"]:
                cited = f', citing "{v["citing"]}"' if v["citing"] else ""
                out.append(f'- Via {v["outlet"]} ("{v["as_written"]}"{cited}).')
            out.append("")
    out += [
        "## Also here",
        "",
        "- `newsroom.truth.json`: the facts above, machine-readable (stories, syndication, speakers,",
        "  anonymous groups, documents, relayed outlets, dates with the days they mean).",
        "- `../bad/`: inputs that must fail cleanly (a chrome-only page, an empty file).",
        "",
    ]
    return "\n".join(out)


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def build() -> dict[str, bytes]:
    """Every file the script owns, by path relative to the repository root."""
    files: dict[str, bytes] = {}
    records: list[str] = []
    for piece in PIECES:
        if piece.fmt == "jsonl":
            assert piece.record == len(records) + 1, "JSONL pieces must be listed in line order"
            records.append(json.dumps(cpa_record(piece), ensure_ascii=False))
        else:
            page = TEMPLATES[piece.outlet, piece.fmt](piece).encode("utf-8")
            if piece.fmt == "html.gz":
                page = gzip.compress(page, compresslevel=9, mtime=0)
            files[f"{CORPUS}/{piece.file}"] = page
        files[f"{GOLDEN}/{piece.golden_name}"] = dumps(golden(piece)).encode("utf-8")
    files[f"{CORPUS}/wire.jsonl"] = ("\n".join(records) + "\n").encode("utf-8")
    files["examples/newsroom.truth.json"] = dumps(truth()).encode("utf-8")
    files["examples/newsroom.md"] = readme().encode("utf-8")
    files[f"{BAD}/chrome-only.txt"] = ledger_section_front().encode("utf-8")
    files[f"{BAD}/empty.txt"] = b""
    files["examples/bad.md"] = BAD_README.encode("utf-8")
    return dict(sorted(files.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="write the tree under this folder")
    args = parser.parse_args()
    for rel, data in build().items():
        path = args.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(build())} files under {args.root}")


if __name__ == "__main__":
    main()
