"""Demo content for `manage.py load_demo`: fictional news and generated pictures.

Every article, person, organisation and quotation below was written for this
demo; places are real or invented, events are invented. Pictures are drawn
with Pillow (gradients and shapes), so nothing is downloaded.
"""

import io
import math
import random
import secrets
import textwrap
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from PIL import Image as PILImage
from PIL import ImageDraw

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from articles.copydesk.services import record_findings
from newsroom.pagecache import new_generation

from . import images
from .models import Article, ArticleAuthor, Author, Image, Section, Tag
from .sanitize import sanitize_body

# Its presence means the demo has been loaded: load_demo then does nothing.
MARKER_SECTION = "world"
LEAD_SIZE = (1600, 900)
PORTRAIT_SIZE = (640, 640)
# Lead pictures cycle through these; the words go into their alt text.
LEAD_SHAPES = ("circles", "bands", "dots", "hills", "rings")
SHAPE_WORDS = {
    "circles": "overlapping translucent circles",
    "bands": "diagonal bands",
    "dots": "a grid of dots that grow towards one corner",
    "hills": "layered hills",
    "rings": "concentric rings",
}
CREDIT = "Daily Ledger graphics desk"
# Hand-written articles go back about three weeks, one every 15 hours; the
# generated archive (--articles N) fills the months before that.
WRITTEN_SPACING = timedelta(hours=15)
ARCHIVE_SPAN = timedelta(days=180)

# Each section's pictures use its palette: (name, RGB) for the top and bottom
# of the gradient and for the shapes drawn over it (alt text uses the names).
SECTIONS = [
    {
        "slug": "world",
        "name": "World",
        "order": 10,
        "description": "News from every continent: diplomacy, elections, "
        "climate and the stories behind them.",
        "palette": [
            ("midnight blue", (16, 42, 84)),
            ("teal", (26, 128, 132)),
            ("pale gold", (240, 214, 140)),
        ],
    },
    {
        "slug": "middle-east",
        "name": "Middle East",
        "parent": "world",
        "order": 15,
        "description": "Reporting from our correspondents in Amman, Beirut "
        "and across the region.",
        "palette": [
            ("terracotta", (150, 62, 38)),
            ("sand", (222, 180, 120)),
            ("deep turquoise", (20, 110, 120)),
        ],
    },
    {
        "slug": "uk",
        "name": "UK",
        "order": 20,
        "description": "Politics, public services and life around the four nations.",
        "palette": [
            ("slate grey", (52, 62, 80)),
            ("soft red", (196, 72, 72)),
            ("off-white", (245, 245, 240)),
        ],
    },
    {
        "slug": "business",
        "name": "Business",
        "order": 30,
        "description": "Companies, markets and the economy as households "
        "and small firms feel it.",
        "palette": [
            ("dark green", (18, 70, 52)),
            ("olive", (120, 140, 60)),
            ("cream", (245, 232, 190)),
        ],
    },
    {
        "slug": "technology",
        "name": "Technology",
        "order": 40,
        "description": "The devices, networks and software that shape "
        "everyday life, and who answers for them.",
        "palette": [
            ("indigo", (40, 30, 110)),
            ("electric blue", (40, 120, 220)),
            ("mint", (150, 240, 200)),
        ],
    },
    {
        "slug": "science",
        "name": "Science",
        "order": 50,
        "description": "Research, discovery and the environment, explained "
        "without the jargon.",
        "palette": [
            ("deep purple", (60, 20, 90)),
            ("magenta", (170, 50, 130)),
            ("light cyan", (170, 240, 250)),
        ],
    },
    {
        "slug": "culture",
        "name": "Culture",
        "order": 60,
        "description": "Books, theatre, music and museums: reviews and the "
        "people who make them.",
        "palette": [
            ("plum", (90, 30, 60)),
            ("coral", (240, 120, 100)),
            ("butter yellow", (250, 220, 120)),
        ],
    },
    {
        "slug": "sport",
        "name": "Sport",
        "order": 70,
        "description": "Results, reports and the grassroots game.",
        "palette": [
            ("forest green", (20, 90, 40)),
            ("lime", (150, 200, 60)),
            ("white", (250, 250, 250)),
        ],
    },
    {
        "slug": "opinion",
        "name": "Opinion",
        "order": 80,
        "description": "Argument and analysis from our columnists. Views are "
        "the writers' own.",
        "palette": [
            ("charcoal", (40, 40, 44)),
            ("amber", (210, 140, 40)),
            ("ivory", (250, 246, 230)),
        ],
    },
]

TAGS = {
    "climate": "Climate",
    "energy": "Energy",
    "water": "Water",
    "diplomacy": "Diplomacy",
    "elections": "Elections",
    "transport": "Transport",
    "economy": "Economy",
    "health": "Health",
    "artificial-intelligence": "Artificial intelligence",
    "consumer-rights": "Consumer rights",
    "wildlife": "Wildlife",
    "archaeology": "Archaeology",
    "space": "Space",
    "football": "Football",
    "books": "Books",
    "festivals": "Festivals",
    "local-government": "Local government",
}

AUTHORS = [
    {
        "slug": "hannah-okafor",
        "name": "Hannah Okafor",
        "role_title": "World News Editor",
        "bio": "Hannah runs the foreign desk. She reported from West Africa "
        "and Brussels before joining the Ledger, and still files from "
        "summits when she can get away.",
        "palette": [("navy", (22, 40, 78)), ("sky blue", (120, 170, 220))],
    },
    {
        "slug": "tomas-reyes",
        "name": "Tomás Reyes",
        "role_title": "Middle East Correspondent",
        "bio": "Tomás is based in Amman and covers Jordan, Lebanon and the "
        "Gulf. He writes about water, energy and the region's cities.",
        "palette": [("rust", (140, 60, 30)), ("apricot", (240, 180, 120))],
    },
    {
        "slug": "priya-natarajan",
        "name": "Priya Natarajan",
        "role_title": "Business Editor",
        "bio": "Priya covers the economy as people meet it: prices, jobs, "
        "banks and small firms. She was previously a markets reporter.",
        "palette": [("bottle green", (20, 80, 60)), ("sage", (160, 200, 170))],
    },
    {
        "slug": "daniel-whitcombe",
        "name": "Daniel Whitcombe",
        "role_title": "Technology Reporter",
        "bio": "Daniel writes about the software and hardware in everyday "
        "life, and about who is accountable when it goes wrong.",
        "palette": [("violet", (70, 40, 130)), ("lavender", (190, 170, 240))],
    },
    {
        "slug": "eleanor-marsh",
        "name": "Eleanor Marsh",
        "role_title": "Science and Environment Correspondent",
        "bio": "Eleanor trained as an ecologist before turning to "
        "journalism. She covers research, climate and the natural world.",
        "palette": [("pine", (30, 70, 50)), ("pale green", (190, 230, 180))],
    },
    {
        "slug": "sam-adeyemi",
        "name": "Sam Adeyemi",
        "role_title": "Sport and Culture Writer",
        "bio": "Sam reports on football from the grassroots up, reviews "
        "theatre and books, and writes an occasional column.",
        "palette": [("maroon", (110, 30, 40)), ("rose", (240, 170, 170))],
    },
]

# Newest first: published ones go back WRITTEN_SPACING apart. "status" is
# "scheduled" (live tomorrow) or "draft" for the two that readers can't see.
ARTICLES = [
    {
        "section": "world",
        "headline": "Delegates agree draft text on shared river after "
        "all-night session in Geneva",
        "standfirst": "Negotiators from five states have settled how "
        "dry-season flows will be measured, leaving the harder question of "
        "who gives way in a drought for a final round next month.",
        "dateline": "GENEVA",
        "authors": ["hannah-okafor", "tomas-reyes"],
        "tags": ["water", "diplomacy", "climate"],
        "featured": True,
        "caption": "The Amaru basin talks ran past four in the morning.",
        "body": """
            <p>Negotiators from the five states that share the Amaru river
            agreed a draft text early on Thursday after a session that ran
            past four in the morning, ending a deadlock that had stalled the
            talks since the spring.</p>
            <p>The draft commits each government to install flow gauges at
            agreed points along the river and to publish the readings every
            day. Until now each country has relied on its own figures, and
            disputes over whose numbers were right derailed three earlier
            rounds.</p>
            <h2>What the draft covers</h2>
            <ul>
              <li>Joint monitoring at eleven gauging stations, with readings
              published within 24 hours.</li>
              <li>A technical committee meeting every quarter, in each
              capital in turn.</li>
              <li>At least 30 days' notice before any new dam or irrigation
              scheme is filled.</li>
            </ul>
            <p>Left out is how the water is shared when the river runs low.
            Downstream delegations want minimum flows written into the
            treaty; upstream states prefer a formula that accounts for
            rainfall in their own catchments.</p>
            <blockquote><p>"We have agreed how to count the water. Now we
            have to agree how to share it, and that is the part people at
            home will judge us on."</p></blockquote>
            <p>The remark came from Inés Corvalán, who chairs the talks for
            the facilitating group. The secretariat has published
            <a href="https://example.org/amaru/draft-text">the draft
            text</a> and the <a href="https://example.org/amaru/gauging-study">
            gauging study</a> on which the monitoring plan is based.</p>
        """,
    },
    {
        "section": "middle-east",
        "headline": "Ministers agree timetable for regional solar grid "
        "linking four countries",
        "standfirst": "The first interconnector, due in 2029, would carry "
        "daytime solar power north from desert farms and send evening "
        "electricity back the other way.",
        "dateline": "AMMAN",
        "authors": ["tomas-reyes"],
        "tags": ["energy", "climate", "diplomacy"],
        "featured": True,
        "caption": "Solar farms in the south would feed the first link.",
        "body": """
            <p>Energy ministers from four countries meeting in Amman on
            Wednesday signed a timetable for a shared high-voltage grid,
            reviving a plan that has been discussed, and shelved, several
            times over the past decade.</p>
            <p>The first link, a 400-kilometre direct-current line, is due
            to carry power in 2029. Two further connections would follow if
            the first meets its targets for reliability and price.</p>
            <h2>How it would work</h2>
            <p>Desert solar farms produce more than local networks can use
            at midday. The line would export that surplus north during the
            day and import power from gas and wind plants in the evening
            peak, when solar output falls away.</p>
            <blockquote><p>"Every country here has the same problem at a
            different hour. A grid lets us lend each other the hours."</p>
            </blockquote>
            <p>Rania Haddad, a grid engineer who worked on the feasibility
            study, said the technical case was settled; the hard part was
            agreeing prices and who pays when a line is down. Ministers left
            those questions to a working group due to report in the
            autumn.</p>
            <p>The <a href="https://example.org/regional-grid/feasibility">
            feasibility study</a> and the <a
            href="https://example.org/regional-grid/timetable">signed
            timetable</a> have been published in Arabic and English.</p>
        """,
    },
    {
        "section": "technology",
        "headline": "Phone makers sign pledge to keep handsets updated for seven years",
        "standfirst": "Consumer groups welcomed the voluntary promise but "
        "said it needs to be enforceable, and to cover cheaper models "
        "too.",
        "dateline": "LONDON",
        "authors": ["daniel-whitcombe"],
        "tags": ["consumer-rights", "economy"],
        "featured": True,
        "caption": "Most phones stop receiving updates long before they wear out.",
        "body": """
            <p>Six of the largest handset makers selling in Britain have
            promised to provide security updates for at least seven years
            after a phone model goes on sale, in a pledge published on
            Monday.</p>
            <p>Many budget phones currently stop receiving updates after two
            or three years, leaving owners to choose between an insecure
            device and buying a new one.</p>
            <h2>What the pledge says</h2>
            <ul>
              <li>Security updates for seven years from first sale, for
              every model launched from next January.</li>
              <li>The end date printed on the box and the product page.</li>
              <li>Spare batteries and screens available for the same
              period.</li>
            </ul>
            <p>The promise is voluntary. Martha Quigley of the consumer
            group Fair Deal Tech said it was "a real step" but that buyers
            had no remedy if a maker quietly fell short.</p>
            <blockquote><p>"A promise on the box is only as good as what
            happens when it is broken."</p></blockquote>
            <p>Read <a href="https://example.org/handset-pledge">the full
            pledge</a> and the <a
            href="https://example.com/fair-deal-tech/update-survey">survey of
            update periods</a> that prompted it.</p>
        """,
    },
    {
        "section": "uk",
        "headline": "Beavers released into Cumbrian river catchment in "
        "five-year flood trial",
        "standfirst": "Scientists will measure whether the animals' dams "
        "slow floodwater enough to protect villages downstream.",
        "dateline": "PENRITH",
        "authors": ["eleanor-marsh"],
        "tags": ["wildlife", "climate", "water"],
        "caption": "The release site lies in the upper catchment.",
        "body": """
            <p>Four families of beavers have been released into a fenced-off
            upland catchment in Cumbria, the start of a five-year trial into
            whether their dams can reduce flooding further down the
            valley.</p>
            <p>Beaver dams hold water back in ponds and wet woodland,
            releasing it more slowly after heavy rain. Earlier studies found
            peak flows fell noticeably below beaver sites, but the effect
            has not been measured in a valley this steep.</p>
            <p>Gauges above and below the site will record river levels
            every fifteen minutes. The trial is run by a partnership of
            landowners, the river trust and a university hydrology
            group.</p>
            <blockquote><p>"If they do half of what we hope, they will be
            the cheapest flood engineers we ever hired."</p></blockquote>
            <p>Not everyone is convinced. Some farmers downstream worry about
            flooded fields and blocked drains, and the partnership has
            agreed to pay for any damage. The <a
            href="https://example.org/beaver-trial/plan">monitoring plan</a>
            is published online.</p>
        """,
    },
    {
        "section": "business",
        "headline": "Cocoa price surge leaves chocolate makers shrinking their bars",
        "standfirst": "Two poor harvests in West Africa have tripled the "
        "price of cocoa beans. Shoppers are paying the same for less.",
        "dateline": "LONDON",
        "authors": ["priya-natarajan"],
        "tags": ["economy", "consumer-rights", "climate"],
        "featured": True,
        "caption": "Smaller bars, same price: the pattern shoppers notice.",
        "body": """
            <p>Chocolate bars on British shelves are getting smaller, as
            makers respond to cocoa prices that have roughly tripled in two
            years after poor harvests in the main growing countries.</p>
            <p>A check of 40 popular products by the Ledger found that 14
            had shrunk since last year, by between 5 and 20 per cent, while
            their shelf price stayed the same or rose.</p>
            <h2>Why cocoa costs so much</h2>
            <p>Unusually heavy rain followed by drought damaged crops, and a
            plant disease spread through older plantations. Growers say
            low farm-gate prices over many years left little money to
            replant.</p>
            <ul>
              <li>Cocoa beans: about three times their price of two years
              ago.</li>
              <li>Sugar and dairy: broadly stable.</li>
              <li>Packaging and energy: down from their peak.</li>
            </ul>
            <p>Confectioners say shrinking bars protects a familiar price
            point. Consumer campaigners call it "shrinkflation" and want
            unit prices displayed more prominently. The <a
            href="https://example.org/cocoa-market-report">market report</a>
            behind the figures is free to read.</p>
        """,
    },
    {
        "section": "science",
        "headline": "Bumblebees learn to open puzzle box by watching experienced bees",
        "standfirst": "A study suggests social learning in insects is more "
        "sophisticated than thought: bees copied a two-step solution none "
        "could find alone.",
        "dateline": "LONDON",
        "authors": ["eleanor-marsh"],
        "tags": ["wildlife"],
        "caption": "The puzzle needed two moves, in the right order.",
        "body": """
            <p>Bumblebees can learn a two-step task by watching other bees
            do it, even when none of them manage to work it out on their
            own, according to a study published this week.</p>
            <p>Researchers built a small box with a sugar reward behind a
            blue tab that had to be pushed aside before a red tab could be
            turned. Bees left alone with the box almost never solved
            it.</p>
            <p>When the team trained a single "demonstrator" bee and let
            others watch, most of the observers learned the full
            sequence within a few days.</p>
            <blockquote><p>"We tend to think of this kind of learning as
            something primates do. Bees are telling us otherwise."</p>
            </blockquote>
            <p>The lead author, Dr Ama Boateng, said the results could help
            explain how complex foraging habits spread through a colony.
            The <a href="https://example.org/journal/bee-puzzle-box">paper
            and its data</a> are open access.</p>
        """,
    },
    {
        "section": "sport",
        "headline": "Late header sends Harbury Town into cup quarter-finals",
        "standfirst": "The sixth-tier side beat opponents two divisions "
        "above them with the last touch of extra time.",
        "dateline": "HARBURY",
        "authors": ["sam-adeyemi"],
        "tags": ["football"],
        "featured": True,
        "caption": "Harbury's ground holds 3,200; it was full.",
        "body": """
            <p>Harbury Town reached the quarter-finals of the county cup for
            the first time on Saturday, when their centre-back Jordan Pike
            headed in a corner with the final touch of extra time.</p>
            <p>The sixth-tier side had trailed at half-time and looked
            tired by the hour mark, but a substitution that moved captain
            Leah Stanton into midfield changed the game.</p>
            <h2>How it finished</h2>
            <ul>
              <li>Harbury Town 2 (Stanton 71, Pike 120+1)</li>
              <li>Ashby Rovers 1 (Carver 38)</li>
              <li>Attendance: 3,204, a ground record</li>
            </ul>
            <blockquote><p>"I have never scored with my head in my life.
            Don't tell the manager."</p></blockquote>
            <p>The quarter-final draw is on Monday evening. <a
            href="https://example.com/harbury-town/match-report">The club's
            match report</a> has highlights.</p>
        """,
    },
    {
        "section": "world",
        "headline": "Marevia votes in presidential run-off as turnout worries "
        "both campaigns",
        "standfirst": "Polls put the two candidates within a few points; "
        "observers say a low turnout in the cities could decide it.",
        "dateline": "VELORA",
        "authors": ["hannah-okafor"],
        "tags": ["elections", "diplomacy"],
        "caption": "Polling stations open at seven and close at eight.",
        "body": """
            <p>Voters in Marevia return to the polls on Sunday for a
            presidential run-off between the former finance minister Dara
            Velic and the mayor of the capital, Oskar Tamm, after a first
            round in which neither won a majority.</p>
            <p>First-round turnout fell to 52 per cent, the lowest since
            independence, and both campaigns have spent the past fortnight
            trying to bring back voters who stayed at home.</p>
            <h2>The main issues</h2>
            <ul>
              <li>Energy prices, which rose sharply over the winter.</li>
              <li>A proposed motorway through the northern forests.</li>
              <li>Talks on joining a regional trade bloc.</li>
            </ul>
            <p>An observer mission of 300 people will watch polling and the
            count. Its head, Birgit Aalto, said preparations had been
            "orderly and transparent". Results are expected on Monday
            morning. The <a href="https://example.org/marevia/observers">
            observers' interim report</a> is published online.</p>
        """,
    },
    {
        "section": "opinion",
        "headline": "Local news is infrastructure. It is time we funded it that way",
        "standfirst": "When a town loses its paper, nobody notices for a "
        "year. Then the council meetings go unreported and the bills go "
        "up.",
        "dateline": "",
        "authors": ["hannah-okafor"],
        "tags": ["local-government", "economy"],
        "caption": "Council meetings are public; few are reported now.",
        "body": """
            <p>We do not expect bus shelters, libraries or street lights to
            pay for themselves through advertising. Yet that is what we
            still ask of the reporting that tells a town what its council is
            doing.</p>
            <p>Research from several countries points the same way: when
            local coverage disappears, fewer candidates stand in elections,
            turnout falls, and public borrowing costs rise because fewer
            people are watching how money is spent.</p>
            <h2>What would help</h2>
            <ul>
              <li>A public fund for court and council reporting, with
              grants decided at arm's length from government.</li>
              <li>Tax relief for readers who subscribe to local
              titles.</li>
              <li>Public notices placed with local outlets, not only on
              council websites.</li>
            </ul>
            <p>None of this is free, and the independence of any funded
            reporting has to be protected by law, not goodwill. But the
            alternative is already visible: towns where nobody reads the
            planning papers until the diggers arrive. The <a
            href="https://example.org/local-news-study">study cited here</a>
            is worth an evening.</p>
        """,
    },
    {
        "section": "middle-east",
        "headline": "Road crew uncovers Byzantine mosaic floor near Madaba",
        "standfirst": "Work on a ring road has paused while archaeologists "
        "record a floor of birds, vines and an inscription naming its "
        "donors.",
        "dateline": "MADABA",
        "authors": ["tomas-reyes"],
        "tags": ["archaeology"],
        "caption": "The floor lies about a metre below the old road.",
        "body": """
            <p>A road-widening crew working on the outskirts of Madaba
            struck a mosaic floor last week, and what began as a routine
            check has become one of the region's most talked-about finds
            this year.</p>
            <p>The floor, roughly eight metres by five, shows birds among
            vine scrolls and a Greek inscription naming the family who paid
            for it. Archaeologists believe it belonged to a small church
            built in the sixth century.</p>
            <blockquote><p>"The colours are as fresh as the day it was laid.
            Being under the road kept it safe from everyone, including
            us."</p></blockquote>
            <p>Dr Salma Qudah of the excavation team said the floor would be
            recorded and lifted so the road can be finished, then displayed
            in the town. Works are paused for at least six weeks. The <a
            href="https://example.org/madaba-mosaic/notice">excavation
            notice</a> includes the first photographs.</p>
        """,
    },
    {
        "section": "culture",
        "headline": "Review: 'The Long Field' is a quietly devastating family drama",
        "standfirst": "An adaptation of a much-loved novel about three "
        "sisters and a failing farm finds its power in what goes "
        "unsaid.",
        "dateline": "",
        "authors": ["sam-adeyemi"],
        "tags": ["books"],
        "caption": "The set is a single kitchen, lit like late autumn.",
        "body": """
            <p>Very little happens in the first act of The Long Field, and
            that is the point. Three sisters gather in the kitchen of the
            farm where they grew up to decide whether to sell it, and for
            forty minutes they talk about anything else.</p>
            <p>The adaptation keeps the novel's patience. Its director
            trusts silence: a kettle boiling, a letter left unopened, a
            chair nobody sits in.</p>
            <blockquote><p>"You can't sell a field. You can only sell the
            right to stop looking after it."</p></blockquote>
            <p>Ruth Adair, as the eldest sister, is superb, holding the
            family together with a briskness that breaks in a single,
            shattering scene. The second act is a little neat, but the
            last ten minutes are as good as anything on stage this
            year.</p>
            <p>Four stars. Runs until the end of next month; <a
            href="https://example.com/lyceum/the-long-field">tickets and
            times</a> are on the theatre's site.</p>
        """,
    },
    {
        "section": "technology",
        "headline": "Council pulls parking chatbot after it gave drivers wrong advice",
        "standfirst": "The assistant told some residents they could park "
        "in bays where they were later fined. The council says every fine "
        "will be reviewed.",
        "dateline": "EASTMOOR",
        "authors": ["daniel-whitcombe"],
        "tags": ["artificial-intelligence", "local-government", "consumer-rights"],
        "caption": "The assistant answered around 2,000 questions a week.",
        "body": """
            <p>Eastmoor District Council has switched off an automated
            assistant on its website after residents complained it had told
            them they could park in bays where they were then fined.</p>
            <p>The chatbot, introduced in the spring to answer questions
            about permits and parking zones, generated its answers from the
            council's web pages. Several of those pages were out of date
            after the zones were redrawn.</p>
            <h2>What the council has promised</h2>
            <ul>
              <li>Every fine issued in the affected zones since the spring
              will be reviewed.</li>
              <li>Fines will be cancelled where a resident can show the
              advice they were given.</li>
              <li>The assistant stays off until an independent review
              reports.</li>
            </ul>
            <blockquote><p>"It sounded completely sure of itself. That was
            the problem."</p></blockquote>
            <p>Resident Colin Fairbairn, who was fined twice, said he had
            screenshots of the conversation. The council's <a
            href="https://example.org/eastmoor/parking-review">review
            notice</a> explains how to appeal.</p>
        """,
    },
    {
        "section": "business",
        "headline": "Northbridge Bank to close 40 branches and open shared "
        "banking hubs",
        "standfirst": "The bank says most customers now bank online; "
        "campaigners say the towns losing branches are the ones that can "
        "least afford it.",
        "dateline": "LEEDS",
        "authors": ["priya-natarajan", "hannah-okafor"],
        "tags": ["economy", "local-government", "consumer-rights"],
        "caption": "Shared hubs are staffed by a different bank each day.",
        "body": """
            <p>Northbridge Bank will close 40 of its branches over the next
            year and help set up shared "banking hubs" in a dozen of the
            towns affected, it said on Tuesday.</p>
            <p>The bank said visits to branches had halved in five years,
            while nine in ten of its customers now use its app. The closures
            will affect about 300 staff, most of whom will be offered other
            roles.</p>
            <p>Banking hubs are shared counters, run from a post office or
            a rented shop, where customers of any bank can pay in cash and
            see a member of staff from their own bank on set days.</p>
            <blockquote><p>"Cash still matters to small shops, market
            traders and older people. A hub two days a week is not the same
            as a branch."</p></blockquote>
            <p>That was the view of Gwen Hollis, who runs a hardware shop in
            one of the affected towns. The <a
            href="https://example.com/northbridge/branch-list">full list of
            branches</a> is on the bank's site.</p>
        """,
    },
    {
        "section": "world",
        "headline": "Coastal states switch on shared storm-surge warning network",
        "standfirst": "Twelve Indian Ocean countries will pool tide-gauge "
        "and satellite data so warnings reach fishing villages hours "
        "earlier.",
        "dateline": "PORT LOUIS",
        "authors": ["hannah-okafor"],
        "tags": ["climate", "diplomacy", "water"],
        "caption": "Tide gauges report every minute to the regional centre.",
        "body": """
            <p>Twelve countries around the Indian Ocean have switched on a
            shared warning system for storm surges, which forecasters say
            could give coastal communities several extra hours to move to
            safety.</p>
            <p>The network links more than 90 tide gauges and weather
            buoys to a regional forecasting centre. Warnings go out by text
            message and community radio in eight languages.</p>
            <h2>Why it matters</h2>
            <p>Storm surges, not wind, cause most deaths in tropical
            cyclones. Many small island states could not afford their own
            modelling, and until now relied on forecasts that did not cover
            their coastlines in detail.</p>
            <blockquote><p>"A fisherman does not need a map of the whole
            ocean. He needs to know whether to go out tomorrow."</p>
            </blockquote>
            <p>The system will be tested during the coming cyclone season.
            Its <a href="https://example.org/surge-network/overview">
            technical overview</a> is published by the regional
            centre.</p>
        """,
    },
    {
        "section": "science",
        "headline": "Deep-sea survey logs dozens of possible new species off "
        "the Azores",
        "standfirst": "A six-week expedition using a remotely operated "
        "vehicle filmed corals, sponges and a translucent sea cucumber "
        "that no one could identify.",
        "dateline": "PONTA DELGADA",
        "authors": ["eleanor-marsh"],
        "tags": ["wildlife", "climate"],
        "featured": True,
        "caption": "The survey reached depths of 3,000 metres.",
        "body": """
            <p>Scientists returning from a six-week survey of seamounts off
            the Azores say they may have found as many as 30 species new to
            science, from glass sponges to a translucent sea cucumber.</p>
            <p>The team used a remotely operated vehicle to film and sample
            slopes between 500 and 3,000 metres deep, many of which had
            never been seen before.</p>
            <ul>
              <li>More than 1,200 specimens collected.</li>
              <li>About 30 thought to be undescribed species.</li>
              <li>Three coral gardens recorded for the first time.</li>
            </ul>
            <p>Confirming a new species can take years of comparison with
            museum collections and genetic analysis. The chief scientist,
            Dr Marta Furtado, said the coral gardens were the most urgent
            finding, because the area is being considered for seabed
            mining.</p>
            <p>The expedition's <a
            href="https://example.org/azores-expedition/cruise-report">
            cruise report</a> and video log are online.</p>
        """,
    },
    {
        "section": "uk",
        "headline": "Libraries across Westmarch to open until 9pm in year-long pilot",
        "standfirst": "Evening opening is aimed at students and shift "
        "workers. Volunteers and self-service machines will cover the "
        "late hours.",
        "dateline": "WESTMARCH",
        "authors": ["sam-adeyemi"],
        "tags": ["books", "local-government"],
        "caption": "Seven branches take part in the pilot.",
        "body": """
            <p>Seven libraries in Westmarch will stay open until 9pm on
            weekdays from next month, in a year-long pilot that the county
            council hopes will bring in students and shift workers.</p>
            <p>The later hours will be covered by self-service machines and
            a rota of trained volunteers, with one member of staff on site
            in each library.</p>
            <p>Staff unions have raised concerns about safety and about
            volunteers replacing paid jobs. The council says no posts will
            be cut and that the pilot will be reviewed after six
            months.</p>
            <blockquote><p>"Half my customers finish work at six. By then,
            we have closed."</p></blockquote>
            <p>The branch manager in Harlow Green, Anita Desai-Ross, said
            demand for evening study space was obvious. The <a
            href="https://example.org/westmarch/library-pilot">council
            report</a> lists the branches and hours.</p>
        """,
    },
    {
        "section": "sport",
        "headline": "Severnside Marathon course record falls in cold, still conditions",
        "standfirst": "Both races were won in record times as 9,000 runners "
        "enjoyed near-perfect weather.",
        "dateline": "GLOUCESTER",
        "authors": ["sam-adeyemi"],
        "tags": ["health"],
        "caption": "The course follows the river for its first half.",
        "body": """
            <p>Both course records fell at the Severnside Marathon on
            Sunday, as cold, windless weather gave 9,000 runners ideal
            conditions along the river.</p>
            <p>Kofi Mensah won the men's race in 2:11:48, taking almost a
            minute off the previous best, while Freya Lund ran 2:27:05 to
            win the women's race by more than three minutes.</p>
            <h2>Results</h2>
            <ul>
              <li>Men: Kofi Mensah 2:11:48; Dylan Price 2:12:30; Rui Santos
              2:13:02.</li>
              <li>Women: Freya Lund 2:27:05; Hana Sato 2:30:19; Cara Doyle
              2:31:44.</li>
            </ul>
            <p>Organisers said the race had raised more than £1m for local
            charities. <a href="https://example.com/severnside-marathon/results">
            Full results</a> are searchable by name.</p>
        """,
    },
    {
        "section": "middle-east",
        "headline": "Beirut booksellers fill Hamra street for weekend book fair",
        "standfirst": "Publishers say sales were the best in years, helped "
        "by cheap editions and a programme of readings for children.",
        "dateline": "BEIRUT",
        "authors": ["tomas-reyes"],
        "tags": ["books", "festivals"],
        "caption": "Stalls lined both sides of the street.",
        "body": """
            <p>Booksellers lined both sides of a closed-off stretch of Hamra
            Street at the weekend for an open-air book fair, which
            organisers say drew more than 40,000 visitors over two
            days.</p>
            <p>Dozens of publishers sold cheap editions from trestle tables,
            and a tent hosted readings for children in Arabic, French and
            English.</p>
            <blockquote><p>"People told us nobody buys books any more. Then
            we ran out of bags on Saturday afternoon."</p></blockquote>
            <p>Publisher Karim Nassar said poetry and translated fiction had
            sold best. The organisers hope to make the fair an annual event
            and have published a <a
            href="https://example.org/hamra-book-fair/programme">programme
            and list of exhibitors</a>.</p>
        """,
    },
    {
        "section": "technology",
        "headline": "Data centre waste heat to warm 3,000 homes under new scheme",
        "standfirst": "Heat from servers will be piped into a district "
        "network, cutting bills and emissions if the numbers hold up.",
        "dateline": "KELHAM",
        "authors": ["daniel-whitcombe", "eleanor-marsh"],
        "tags": ["energy", "climate"],
        "caption": "Servers run warm all year round.",
        "body": """
            <p>A data centre on the edge of Kelham will supply heat to about
            3,000 homes from next winter, under a scheme approved by the
            town council this week.</p>
            <p>Servers turn almost all the electricity they use into heat,
            which is usually vented into the air. Here, heat pumps will
            raise its temperature and feed it into a new district heating
            network.</p>
            <h2>The numbers</h2>
            <ul>
              <li>Enough heat for about 3,000 homes, plus a school and a
              swimming pool.</li>
              <li>Bills expected to be around 10 per cent lower than gas
              heating.</li>
              <li>A backup boiler for days when demand peaks.</li>
            </ul>
            <p>Engineers caution that district heating bills depend heavily
            on how the network is run and regulated. The council's <a
            href="https://example.org/kelham/heat-network">business case</a>
            sets out the assumptions.</p>
        """,
    },
    {
        "section": "business",
        "headline": "Small firms' confidence rises for second quarter "
        "running, survey finds",
        "standfirst": "Lower energy bills helped, but owners say late "
        "payment by bigger customers is now their biggest worry.",
        "dateline": "LONDON",
        "authors": ["priya-natarajan"],
        "tags": ["economy"],
        "caption": "Optimism is highest among hospitality firms.",
        "body": """
            <p>Confidence among small businesses rose for the second quarter
            in a row, according to a survey of 1,500 firms published on
            Wednesday, as lower energy costs eased pressure on
            margins.</p>
            <p>The index of expected sales rose to its highest level in two
            years. Hospitality and construction firms were the most
            optimistic; retailers the least.</p>
            <blockquote><p>"The energy bill was what kept me up at night last
            year. This year it's the customers who pay in 90 days."</p>
            </blockquote>
            <p>Late payment overtook energy as the top concern, cited by
            four in ten firms. Bakery owner Tom Ellery said he now spent a
            day a week chasing invoices. The <a
            href="https://example.org/small-business-survey">survey
            results</a> are broken down by sector and region.</p>
        """,
    },
    {
        "section": "world",
        "headline": "New night train links Lisbon, Madrid and Paris",
        "standfirst": "The service takes nineteen hours end to end. Its "
        "operator is betting travellers will trade speed for a bed and a "
        "lower carbon footprint.",
        "dateline": "LISBON",
        "authors": ["hannah-okafor"],
        "tags": ["transport", "climate"],
        "caption": "Couchettes sleep six; private cabins two.",
        "body": """
            <p>A new overnight train between Lisbon and Paris, via Madrid,
            made its first run on Friday, restoring a link that travellers
            had lost for several years.</p>
            <p>The service, run by the start-up operator Nocturna, leaves
            Lisbon in the early afternoon and arrives in Paris the next
            morning, with a change of locomotive at the Spanish
            border.</p>
            <h2>Tickets and times</h2>
            <ul>
              <li>Three departures a week in each direction.</li>
              <li>Seats, six-berth couchettes and two-bed cabins.</li>
              <li>Bicycles carried in a dedicated coach.</li>
            </ul>
            <p>Rail campaigners welcomed the route but warned that track
            access charges make night trains hard to run at a profit. The
            operator's <a href="https://example.com/nocturna/timetable">
            timetable</a> is online.</p>
        """,
    },
    {
        "section": "science",
        "headline": "Study of 40,000 adults links nearby green space to "
        "lower blood pressure",
        "standfirst": "People living within 300 metres of a park had "
        "slightly lower readings, even after accounting for income and "
        "exercise.",
        "dateline": "",
        "authors": ["eleanor-marsh"],
        "tags": ["health"],
        "caption": "Distance to the nearest park was measured by road.",
        "body": """
            <p>Adults who live within a short walk of a park or wood have
            slightly lower blood pressure than those who do not, according
            to a study that followed 40,000 people for ten years.</p>
            <p>The difference was small, about two points on the upper
            reading, but it held after researchers accounted for income,
            smoking, diet and how much exercise people took.</p>
            <blockquote><p>"Two points sounds like nothing. Across a whole
            city, it is a lot of strokes that don't happen."</p>
            </blockquote>
            <p>The authors say the study shows an association, not proof
            that parks lower blood pressure. Quieter streets, cleaner air
            and cooler summers may all play a part. The <a
            href="https://example.org/journal/green-space-cohort">full
            paper</a> is open access.</p>
        """,
    },
    {
        "section": "culture",
        "headline": "Westmarch museum reopens with its collection rehung by colour",
        "standfirst": "Roman glass sits beside modern ceramics and medieval "
        "manuscripts. Some visitors love it; some historians do not.",
        "dateline": "WESTMARCH",
        "authors": ["sam-adeyemi"],
        "tags": ["archaeology", "local-government"],
        "caption": "The blue room mixes two thousand years of objects.",
        "body": """
            <p>Westmarch Museum reopened on Saturday after a two-year
            refurbishment, with a display that arranges its collection by
            colour rather than by period.</p>
            <p>In the blue room, Roman glass sits beside a 1960s tea set
            and a page from a medieval psalter. Labels give dates and
            places, and a booklet leads visitors through the collection in
            the usual order.</p>
            <blockquote><p>"We wanted people to look first and read second.
            You can always find the timeline; we have hidden nothing."</p>
            </blockquote>
            <p>The museum's director, Helen Achebe, said visitor numbers in
            the first week were triple the old average. Some historians
            have been less kind, calling the arrangement a gimmick. The
            <a href="https://example.org/westmarch-museum/visit">visitor
            guide</a> has opening hours.</p>
        """,
    },
    {
        "section": "uk",
        "headline": "Heat pump grant applications double after installer "
        "rules are eased",
        "standfirst": "Shorter paperwork and a higher grant have brought "
        "a rush of applications; installers warn of waiting lists into "
        "spring.",
        "dateline": "LONDON",
        "authors": ["priya-natarajan", "eleanor-marsh"],
        "tags": ["energy", "climate", "consumer-rights"],
        "caption": "Most installs replace gas boilers.",
        "body": """
            <p>Applications for heat pump grants in England doubled in the
            three months after application rules were simplified, according
            to official figures published on Thursday.</p>
            <p>Households no longer need a separate assessment before an
            installer applies on their behalf, and the grant itself has
            risen. More than 18,000 applications were made in the
            quarter.</p>
            <ul>
              <li>Average wait for an installation: 11 weeks.</li>
              <li>Most common home: a three-bedroom semi.</li>
              <li>About a quarter of installs also upgraded radiators.</li>
            </ul>
            <p>Installers say they cannot train staff fast enough. Consumer
            groups advise getting at least two quotes. The <a
            href="https://example.org/heat-pump-grant-statistics">quarterly
            statistics</a> are broken down by region.</p>
        """,
    },
    {
        "section": "middle-east",
        "headline": "Oman's date growers expect bumper harvest after cooler summer",
        "standfirst": "Farmers in the interior say the palms fruited well, "
        "though falling groundwater remains the long-term worry.",
        "dateline": "NIZWA",
        "authors": ["tomas-reyes"],
        "tags": ["climate", "economy", "water"],
        "caption": "Harvest runs from late summer into autumn.",
        "body": """
            <p>Date farmers around Nizwa expect their best harvest in years
            after a summer that was hot, but less extreme than the last
            three.</p>
            <p>Palms that suffered in earlier heatwaves fruited well, and
            traders at the town's market say prices have eased as a
            result.</p>
            <blockquote><p>"The trees had a rest from the worst of the heat,
            and you can taste it."</p></blockquote>
            <p>Grower Salim Al-Hinai said he was relieved, but that
            groundwater levels in his well had fallen every year for a
            decade. Traditional channels that carry water from the
            mountains run lower than they did. A regional <a
            href="https://example.org/oman-groundwater-survey">groundwater
            survey</a> is due next year.</p>
        """,
    },
    {
        "section": "sport",
        "headline": "Ashby Vale Women promoted after unbeaten season",
        "standfirst": "Twenty-two games, no defeats and a goal difference "
        "of plus 61: the amateur side now go up to the regional "
        "premier division.",
        "dateline": "ASHBY VALE",
        "authors": ["sam-adeyemi"],
        "tags": ["football"],
        "caption": "The squad trains twice a week under floodlights.",
        "body": """
            <p>Ashby Vale Women sealed promotion on Sunday with a 4-0 win,
            completing a league season without defeat.</p>
            <p>The club, formed only six years ago by parents of players in
            its girls' teams, now has four women's sides and a waiting list
            for its under-10s.</p>
            <ul>
              <li>Played 22, won 19, drawn 3.</li>
              <li>Scored 70, conceded 9.</li>
              <li>Top scorer: Imogen Hart, 24 goals.</li>
            </ul>
            <blockquote><p>"We train on a pitch we share with three other
            teams. Next season we need more than one set of
            floodlights."</p></blockquote>
            <p>Manager Carla Ruiz said the club would now ask the council
            for help with facilities. The <a
            href="https://example.com/ashby-vale-women/season-review">
            season review</a> has every result.</p>
        """,
    },
    {
        "section": "opinion",
        "headline": "The four-day week deserves a fair trial, not a culture war",
        "standfirst": "The early results are promising but not conclusive. "
        "That is an argument for better trials, not for shouting.",
        "dateline": "",
        "authors": ["priya-natarajan"],
        "tags": ["economy", "health"],
        "caption": "Trials so far have mostly involved office work.",
        "body": """
            <p>Few workplace ideas have moved as quickly from fringe to
            front page as the four-day week. Few have been argued about
            with so little patience for the evidence.</p>
            <p>The trials so far are encouraging. Most companies that tried
            it kept it, staff reported less burnout, and output held up.
            But the firms taking part volunteered, most were small, and
            almost all were office-based.</p>
            <h2>What a fair trial needs</h2>
            <ul>
              <li>Hospitals, factories and shops, not only offices.</li>
              <li>A control group, so results are compared with
              something.</li>
              <li>At least two years, so the novelty wears off.</li>
            </ul>
            <p>Ministers who dismiss the idea and campaigners who promise it
            will pay for itself are making the same mistake: deciding first
            and reading the data later. <a
            href="https://example.org/four-day-week-evaluation">The
            evaluation</a> is worth reading in full.</p>
        """,
    },
    {
        "section": "technology",
        "headline": "Volunteer mapping project logs its ten-millionth edit",
        "standfirst": "Atlasgrid's volunteers map footpaths, ramps and bus "
        "stops that commercial maps miss. Machine learning now suggests "
        "buildings for them to check.",
        "dateline": "",
        "authors": ["daniel-whitcombe"],
        "tags": ["artificial-intelligence", "transport"],
        "caption": "Edits are checked by a second volunteer.",
        "body": """
            <p>Atlasgrid, a volunteer-run map of the world, recorded its
            ten-millionth edit this week. The milestone edit added a
            wheelchair ramp to a railway station in Cork.</p>
            <p>The project's 60,000 active contributors focus on what
            commercial maps tend to miss: footpaths, step-free routes,
            benches and bus stops. Its data is free to reuse.</p>
            <p>Since last year a machine-learning tool has suggested
            outlines of buildings from aerial photographs. Volunteers have
            to accept each suggestion, and the project publishes how often
            they reject them.</p>
            <blockquote><p>"The software is good at squares. People are
            good at knowing which square is a bus shelter."</p>
            </blockquote>
            <p>Read the project's <a
            href="https://example.org/atlasgrid/ten-million">announcement</a>
            and its <a href="https://example.org/atlasgrid/ml-review">
            review of machine suggestions</a>.</p>
        """,
    },
    {
        "section": "world",
        "headline": "Arctic research station reopens with a crew of twelve after refit",
        "standfirst": "New labs, a wind turbine and better insulation mean "
        "the station can run year-round on far less diesel.",
        "dateline": "LONGYEARBYEN",
        "authors": ["eleanor-marsh", "hannah-okafor"],
        "tags": ["climate", "wildlife"],
        "caption": "The station sits on a ridge above the fjord.",
        "body": """
            <p>An Arctic research station on Svalbard has reopened after a
            two-year refit, with a crew of twelve scientists and support
            staff who will stay through the polar night.</p>
            <p>The station studies sea ice, permafrost and the seabirds that
            nest on the cliffs below it. The refit added new laboratories, a
            small wind turbine and insulation that halves the heating
            needed.</p>
            <ul>
              <li>Diesel use down by about 60 per cent.</li>
              <li>Lab space doubled.</li>
              <li>Accommodation for visiting teams of up to eight.</li>
            </ul>
            <p>Station leader Dr Nils Brekke said year-round measurements
            matter because winter is when the Arctic is changing fastest.
            The station's <a
            href="https://example.org/arctic-station/science-plan">science
            plan</a> lists its projects.</p>
        """,
    },
    {
        "section": "science",
        "headline": "Astronomers say comet may be visible to the naked eye next week",
        "standfirst": "Dark skies and a clear western horizon give the best "
        "chance; binoculars will help.",
        "dateline": "",
        "authors": ["eleanor-marsh"],
        "tags": ["space"],
        "caption": "Look west, low on the horizon, after sunset.",
        "body": """
            <p>A comet discovered only in the spring could be visible
            without a telescope next week, astronomers say, as it swings
            past the Sun and brightens.</p>
            <p>Comets are notoriously hard to predict. Some fade or break
            apart; others flare up unexpectedly. This one has so far
            brightened faster than forecast.</p>
            <h2>How to see it</h2>
            <ul>
              <li>Look low in the west about an hour after sunset.</li>
              <li>Get away from street lights if you can.</li>
              <li>Binoculars will show the tail even if the eye
              cannot.</li>
            </ul>
            <blockquote><p>"If the forecast holds, this will be the best
            comet for northern observers in a decade."</p></blockquote>
            <p>An <a href="https://example.org/comet/finder-chart">observing
            chart</a> shows where to look each evening.</p>
        """,
    },
    {
        "section": "uk",
        "headline": "Corran Valley line reopens to passengers 55 years after closure",
        "standfirst": "The first train was full. Whether the line succeeds "
        "depends on the commuters who use it on a wet Tuesday in "
        "February.",
        "dateline": "CORRAN",
        "authors": ["hannah-okafor"],
        "tags": ["transport", "local-government"],
        "caption": "Three stations have been rebuilt on the old sites.",
        "body": """
            <p>Passenger trains ran on the Corran Valley line on Monday for
            the first time in 55 years, after a reopening that campaigners
            spent three decades arguing for.</p>
            <p>The 14-mile line, closed in the 1960s, kept a freight
            service to a quarry, which made reopening cheaper than building
            new. Trains will run hourly, with extra services at peak
            times.</p>
            <blockquote><p>"My grandfather took the last train out. I took
            the first one back."</p></blockquote>
            <p>Local businesses expect more visitors; some residents near
            the stations worry about parking. The <a
            href="https://example.org/corran-valley/timetable">timetable</a>
            and the <a href="https://example.org/corran-valley/business-case">
            business case</a> are published online.</p>
        """,
    },
    {
        "section": "culture",
        "headline": "Debut novel about a lighthouse keeper wins first-book prize",
        "standfirst": "Judges praised a story of solitude and small "
        "kindnesses written, its author says, in twenty-minute bursts "
        "on the bus.",
        "dateline": "",
        "authors": ["sam-adeyemi"],
        "tags": ["books"],
        "caption": "The prize comes with £10,000 and a year's mentoring.",
        "body": """
            <p>The Keeper's Year, a debut novel about the last keeper of a
            remote lighthouse, has won this year's first-book prize.</p>
            <p>Its author, Mairi Galbraith, is a care worker who wrote most
            of the book on her phone during bus journeys between
            clients.</p>
            <blockquote><p>"Twenty minutes is a long time if you don't
            waste it. I wrote a chapter a week, one bus at a time."</p>
            </blockquote>
            <p>The judges called it "a quiet book that gets louder the
            longer you sit with it". The shortlist also included two
            poetry collections and a memoir. <a
            href="https://example.org/first-book-prize/winner">The judges'
            citation</a> is published on the prize's site.</p>
        """,
    },
    {
        "section": "culture",
        "status": "scheduled",
        "headline": "Westmarch folk festival announces a line-up built around "
        "young players",
        "standfirst": "Half the acts are under 25, and a new stage is given "
        "over to musicians playing their first festival.",
        "dateline": "WESTMARCH",
        "authors": ["sam-adeyemi"],
        "tags": ["festivals"],
        "caption": "The festival field holds 8,000.",
        "body": """
            <p>Westmarch Folk Festival has announced a line-up in which half
            the acts are under 25, along with a new stage for musicians
            playing their first festival.</p>
            <p>The festival director, Owen Pryce, said the traditional
            music scene was "healthier than it has been in forty years",
            thanks to school and community music projects.</p>
            <ul>
              <li>Three days in late July.</li>
              <li>Free entry for under-16s with an adult.</li>
              <li>A workshop tent for anyone who brings an instrument.</li>
            </ul>
            <p>Early tickets go on sale next week through <a
            href="https://example.com/westmarch-folk/tickets">the festival's
            site</a>.</p>
        """,
    },
    {
        "section": "opinion",
        "status": "draft",
        "headline": "Why I have stopped counting my steps",
        "standfirst": "Ten thousand a day was never a medical target. "
        "Walking is better when it isn't a chore to be logged.",
        "dateline": "",
        "authors": ["eleanor-marsh"],
        "tags": ["health"],
        "caption": "The longest walks are rarely the measured ones.",
        "body": """
            <p>For three years I checked my step count before bed. Last
            month I switched the counter off, and I am walking more.</p>
            <p>The famous target of ten thousand steps began as a marketing
            line, not a medical finding. Studies suggest the benefits level
            off well below it for many people.</p>
            <blockquote><p>"Measure what matters, and then stop measuring
            it."</p></blockquote>
            <p>What changed was not the distance but the reason. A walk to
            see a friend counts, whatever the screen says. <a
            href="https://example.org/journal/steps-review">This review of
            the evidence</a> is a good place to start.</p>
        """,
    },
    {
        # Filed with the slips a copy desk exists to catch (copydesk/): open
        # it in admin to see the findings, and try to publish it.
        "section": "world",
        "status": "draft",
        "headline": "Amaru basin states close in on a drought deal as the talks "
        "move to a final round",
        "standfirst": "Negotiators say the monitoring plan agreed in Geneva "
        "is working, but who gives way in a dry year is still open.",
        "dateline": "GENEVA",
        "authors": ["hannah-okafor"],
        "tags": ["water", "diplomacy"],
        "caption": "Gauging stations on the Amaru will be inspected first.",
        "body": """
            <p>Talks on sharing the Amaru river in a drought have concluded
            in , with both sides claiming progress on the monitoring plan
            agreed in Geneva last month.</p>
            <p>Observers from the U.N. And the five basin states will now
            visit the gauging stations. The U.N. Has offered to pay for the
            first year of readings.</p>
            <p>Two of the states withdrew from the 1998 accord in under the
            previous government, and reports from indicate that they want
            the new treaty signed before the rainy season. Sources say a
            final round could open on Monday, 3 March 2026.</p>
            <p>The chair, Inés Corvalán, is expected to publish the schedule
            TK.</p>
            <p>The draft text is online at <a
            href="https://example.org/amaru/draft-text">https://example.org/amaru/draft-text</a>,
            and so is <a href="https://example.org/amaru/draft-text">its
            annex</a>.</p>
            <p>Our preview of the <a
            href="/news/culture/westmarch-folk-festival-announces-a-line-up-built-around-young-players/">festival
            on the river</a> has more on the basin's summer.</p>
            <p>Talks on sharing the Amaru river in a drought have concluded
            in , with both sides claiming progress on the monitoring plan
            agreed in Geneva last month.</p>
        """,
    },
]

PAGES = [
    {
        "url": "/about/",
        "title": "About us",
        "content": """
            <p>{site_name} is a demonstration news website. It shows how a
            small newsroom can publish, schedule and correct stories, and
            how readers' comments are moderated.</p>
            <p><strong>Every article, person, organisation and quotation in
            the demo content is fictional.</strong> Places are real or
            invented; the events are invented. Pictures are generated
            illustrations.</p>
            <h2>How we work</h2>
            <ul>
              <li>Stories are checked by an editor before they are
              published.</li>
              <li>Corrections are made openly and noted on the story.</li>
              <li>Opinion pieces are labelled and kept apart from
              news.</li>
            </ul>
        """,
    },
    {
        "url": "/contact/",
        "title": "Contact",
        "content": """
            <p>We would like to hear from you. These addresses are
            examples for the demo.</p>
            <ul>
              <li>News tips: <a href="mailto:news@example.com">
              news@example.com</a></li>
              <li>Corrections: <a href="mailto:corrections@example.com">
              corrections@example.com</a></li>
              <li>Privacy and your data: <a
              href="mailto:privacy@example.com">privacy@example.com</a></li>
            </ul>
            <p>If you have sensitive information, say so in your first
            message and do not include documents until we reply.</p>
        """,
    },
    {
        "url": "/privacy/",
        "title": "Privacy",
        "content": """
            <p>This page explains what {site_name} does with the personal
            data you give us when you comment on an article.</p>
            <h2>What we keep when you comment</h2>
            <ul>
              <li>The name and email address you enter. Your name is
              published with your comment; your email address never
              is.</li>
              <li>Your comment itself.</li>
              <li>Your IP address and your browser's user agent, recorded
              when you submit the comment.</li>
            </ul>
            <h2>Why</h2>
            <p>We use this data to moderate comments, to check them for
            spam and abuse, and to contact you about your comment if
            needed. Every comment goes through automatic spam checks before
            it is published. Your first comment then waits for a moderator;
            once one comment from your name and email address has been
            approved, your later comments appear at once, unless the checks
            hold them for a moderator.</p>
            <p>Spam checks may send your comment, name, email address, IP
            address and user agent to Akismet, a spam-filtering service run
            by Automattic, which returns a verdict. See <a
            href="https://akismet.com/privacy/">Akismet's privacy
            notice</a>.</p>
            <h2>How long we keep it</h2>
            <p>IP addresses and user agents are erased
            {ip_days} days after a comment is submitted. Your name, email
            address and comment are kept while the comment is on the site,
            or until you ask us to erase them.</p>
            <h2>Your rights</h2>
            <p>You can ask for a copy of the comment data we hold about you
            (an export), or ask us to erase it. Write to <a
            href="mailto:privacy@example.com">privacy@example.com</a> from
            the email address you commented with, and say which you would
            like; we reply within one month.</p>
        """,
    },
]


@dataclass(frozen=True)
class Summary:
    """What one load created, for the command's report."""

    sections: int
    tags: int
    authors: int
    published: int
    scheduled: int
    drafts: int
    images: int
    pages: int
    comments: int = 0

    @property
    def articles(self) -> int:
        return self.published + self.scheduled + self.drafts


@dataclass(frozen=True)
class AdminLogin:
    """The superuser's name, and its password only if it was just created."""

    username: str
    password: str | None


def is_loaded() -> bool:
    """True once the demo's marker section exists: loading again does nothing."""
    return Section.objects.filter(slug=MARKER_SECTION).exists()


def use_local_port(port: int) -> None:
    """A local Site domain (127.0.0.1:8000, localhost:8000) takes `port`, so
    absolute URLs name the port the development server really uses."""
    site = Site.objects.get(pk=settings.SITE_ID)
    host, _, old_port = site.domain.partition(":")
    if host in {"127.0.0.1", "localhost"} and old_port != str(port):
        site.domain = f"{host}:{port}"
        site.save(update_fields=["domain"])
        Site.objects.clear_cache()


def load_demo(*, article_count: int | None = None, progress=None) -> Summary:
    """Create the demo sections, people, articles, comments and pages in one
    transaction; `progress(message)` hears how far it got.

    `article_count` beyond the hand-written set is made up by an archive of
    recombined articles, inserted in bulk.
    """
    progress = progress or (lambda message: None)
    count = len(ARTICLES) if article_count is None else article_count
    now = timezone.now()
    with transaction.atomic():
        progress("sections, tags and authors (with their photos)")
        sections = create_sections()
        tags = create_tags()
        authors = create_authors()
        written = create_articles(
            ARTICLES[:count], sections=sections, tags=tags, authors=authors,
            now=now, progress=progress,
        )  # fmt: skip
        if count > len(written):
            progress(f"{count - len(written)} archive articles")
        archived = create_archive(written, count=count - len(written), now=now)
        # The admin list's copy-desk counts; the archive is checked on demand
        # (manage.py check_copy).
        for article in written:
            record_findings(article=article)
        progress("pages and comments")
        pages = create_pages()
        comments = create_comments(written, authors=authors, now=now)
        # Freshly loaded is not "updated": dateModified starts at publication.
        Article.objects.filter(first_published_at__lte=now).update(
            updated_at=F("first_published_at")
        )
    new_generation()  # bulk inserts send no signals: drop cached pages
    drafts = sum(a.status == Article.Status.DRAFT for a in written)
    scheduled = sum(a.is_scheduled for a in written)
    return Summary(
        sections=len(sections),
        tags=len(tags),
        authors=len(authors),
        published=len(written) - drafts - scheduled + archived,
        scheduled=scheduled,
        drafts=drafts,
        images=len(authors) + len(written),
        pages=pages,
        comments=comments,
    )


# Reader comments on the newest stories: threads, a staff reply, comments
# held for each kind of reason, and spam, so the thread view, the "awaiting
# moderation" badge and the moderation queue show something at once.
# (name, email, body, status, reason, reply-to index or None, staff?)
DEMO_COMMENTS = [
    ("Priya Natarajan", "priya@example.com",
     "Clear and fair reporting. I would like to know what happens to the "
     "people already waiting, though: does the change apply to them?",
     "approved", "", None, False),
    ("Tom Becker", "tom.b@example.com",
     "Same question here. The council meeting notes from last month suggest "
     "it does, but they are not very clear.",
     "approved", "", 0, False),
    ("", "", "Thank you both: it applies to everyone waiting from the start of "
     "next month. We have added a line to the story to say so.",
     "approved", "", 1, True),
    ("Priya Natarajan", "priya@example.com", "That settles it, thank you.",
     "approved", "", 2, False),
    ("Graham Ode", "graham.ode@example.com",
     "The figures in the third paragraph do not add up to the total given at "
     "the top. Which one is right?",
     "approved", "", None, False),
    ("Lena Marsh", "lena.marsh@example.com",
     "First time commenting: my street was one of those affected, and the "
     "description of the first night is exactly how it was.",
     "pending", "first comment from this email", None, False),
    ("Dev Mistry", "dev.mistry@example.com",
     "Sources: https://example.org/a https://example.org/b "
     "https://example.org/c: all three say something different.",
     "pending", "3 links (more than 2)", None, False),
    ("Cheap Pills", "deals@spam.example",
     "Best prices on replica watches, visit our shop now!!!",
     "spam", "blocklist: replica watches", None, False),
]  # fmt: skip
DEMO_SIDE_COMMENTS = [
    ("Anna Kowalczyk", "anna.k@example.com",
     "Good to see this covered properly. Will there be a follow-up once the "
     "inquiry reports?", None),
    ("Sam Reyes", "sam.reyes@example.com",
     "Seconded: please keep following this one.", 0),
]  # fmt: skip


def create_comments(written: list[Article], *, authors, now: datetime) -> int:
    """Comments on the two newest live stories; counts kept exact."""
    from comments.models import Comment, CommentEvent
    from comments.services import refresh_comment_count

    live = sorted(
        (a for a in written if a.is_live), key=lambda a: a.published_at, reverse=True
    )
    if not live:
        return 0
    staff_name = next(
        (a.name for a in authors.values() if "Editor" in a.role_title), "Moderator"
    )
    made = []

    def add(article, entries):
        comments = []
        start = max(article.published_at, now - timedelta(hours=2))
        step = (now - start) / (len(entries) + 1)
        for n, entry in enumerate(entries):
            name, email, body, status, reason, parent_index, staff = entry
            parent = comments[parent_index] if parent_index is not None else None
            comment = Comment.objects.create(
                article=article,
                parent=parent,
                thread_id=(parent.thread_id or parent.pk) if parent else None,
                depth=parent.depth + 1 if parent else 0,
                author_name=staff_name if staff else name,
                author_email="newsdesk@staff.invalid" if staff else email,
                body=body,
                is_staff_reply=staff,
                status=status,
                hold_reason=reason,
                ip_address=None if staff else f"203.0.113.{10 + n}",
                user_agent="" if staff else "Mozilla/5.0 (demo)",
                created_at=start + step * (n + 1),
            )
            CommentEvent.objects.create(
                comment=comment, kind=CommentEvent.Kind.STATUS, from_status="",
                to_status=status, reason="staff reply" if staff else "submitted",
            )  # fmt: skip
            comments.append(comment)
        made.extend(comments)
        refresh_comment_count(article.pk)

    add(live[0], DEMO_COMMENTS)
    if len(live) > 1:
        side = [
            (n, e, b, "approved", "", p, False) for n, e, b, p in DEMO_SIDE_COMMENTS
        ]
        add(live[1], side)
    return len(made)


def create_sections() -> dict[str, Section]:
    """The sections in SECTIONS, parents first; keyed by slug."""
    sections = {}
    for spec in SECTIONS:
        sections[spec["slug"]] = Section.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            parent=sections.get(spec.get("parent")),
            description=spec["description"],
            order=spec["order"],
            in_navigation=True,
        )
    return sections


def create_tags() -> dict[str, Tag]:
    """The shared tag pool; keyed by slug."""
    return {
        slug: Tag.objects.create(slug=slug, name=name) for slug, name in TAGS.items()
    }


def create_authors() -> dict[str, Author]:
    """The demo journalists, each with a generated portrait; keyed by slug."""
    authors = {}
    for index, spec in enumerate(AUTHORS):
        (bg_name, bg), (fg_name, fg) = spec["palette"]
        photo = store_picture(
            portrait_picture(bg, fg, seed=index),
            name=f"{spec['slug']}.jpg",
            alt_text=f"Illustrated portrait of {spec['name']}: a {fg_name} "
            f"silhouette on a {bg_name} background.",
            caption=f"{spec['name']}, {spec['role_title']}",
        )
        authors[spec["slug"]] = Author.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            role_title=spec["role_title"],
            bio=spec["bio"],
            photo=photo,
        )
    return authors


def create_articles(
    specs: list[dict],
    *,
    sections: dict[str, Section],
    tags: dict[str, Tag],
    authors: dict[str, Author],
    now: datetime,
    progress=lambda message: None,
) -> list[Article]:
    """The hand-written articles, saved one by one so save() does its work."""
    palettes = {spec["slug"]: spec["palette"] for spec in SECTIONS}
    articles, live = [], 0
    for index, spec in enumerate(specs):
        if index % 5 == 0:
            progress(
                f"articles {index + 1}-{min(index + 5, len(specs))} of {len(specs)}"
            )
        status, published_at = Article.Status.PUBLISHED, None
        if spec.get("status") == "draft":
            status = Article.Status.DRAFT
        elif spec.get("status") == "scheduled":
            published_at = now + timedelta(days=1)
        else:
            published_at = now - timedelta(hours=1) - live * WRITTEN_SPACING
            live += 1
        article = Article(
            headline=spec["headline"],
            slug=slugify(spec["headline"]),
            standfirst=spec["standfirst"],
            body=textwrap.dedent(spec["body"]).strip(),
            section=sections[spec["section"]],
            dateline=spec["dateline"],
            status=status,
            published_at=published_at,
            featured=spec.get("featured", False),
            lead_image=lead_image(spec, palettes[spec["section"]], seed=index),
        )
        article.save()
        for order, slug in enumerate(spec["authors"]):
            ArticleAuthor.objects.create(
                article=article, author=authors[slug], order=order
            )
        article.tags.set([tags[slug] for slug in spec["tags"]])
        articles.append(article)
    return articles


def create_archive(written: list[Article], *, count: int, now: datetime) -> int:
    """`count` older articles recombined from the written ones, in bulk.

    Each copies a live written article's section, body, authors, tags and
    lead image, with a dated headline and a numbered slug. bulk_create skips
    Article.save(), so what save() would do is done here.
    """
    sources = [a for a in written if a.is_live]
    if count <= 0 or not sources:
        return 0
    bylines = {
        a.pk: list(a.bylines.values_list("author_id", flat=True)) for a in sources
    }
    tag_ids = {a.pk: list(a.tags.values_list("pk", flat=True)) for a in sources}
    # bulk_create skips save()'s sanitizing: one pass per source body covers
    # all of its copies.
    bodies = {a.pk: sanitize_body(a.body) for a in sources}
    oldest = now - len(sources) * WRITTEN_SPACING
    step = ARCHIVE_SPAN / count
    rows, row_sources = [], []
    for n in range(count):
        source = sources[n % len(sources)]
        published_at = oldest - (n + 1) * step
        local = timezone.localtime(published_at)
        row_sources.append(source.pk)
        rows.append(
            Article(
                headline=f"{source.headline}: {local.day} {local:%B} update",
                slug=f"{source.slug}-{n // len(sources) + 2}",
                standfirst=source.standfirst,
                body=bodies[source.pk],
                section_id=source.section_id,
                dateline=source.dateline,
                lead_image_id=source.lead_image_id,
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                first_published_at=published_at,
                guid=uuid.uuid4(),
            )
        )
    # Primary keys come back from the insert (PostgreSQL; SQLite 3.35+).
    Article.objects.bulk_create(rows, batch_size=1000)
    ArticleAuthor.objects.bulk_create(
        [
            ArticleAuthor(article_id=row.pk, author_id=author_id, order=order)
            for row, source_pk in zip(rows, row_sources, strict=True)
            for order, author_id in enumerate(bylines[source_pk])
        ],
        batch_size=2000,
    )
    Through = Article.tags.through
    Through.objects.bulk_create(
        [
            Through(article_id=row.pk, tag_id=tag_id)
            for row, source_pk in zip(rows, row_sources, strict=True)
            for tag_id in tag_ids[source_pk]
        ],
        batch_size=2000,
    )
    return count


def create_pages() -> int:
    """About, Contact and Privacy on the current site; existing ones are kept."""
    site = Site.objects.get(pk=settings.SITE_ID)
    created = 0
    for spec in PAGES:
        content = textwrap.dedent(spec["content"]).strip()
        page, is_new = FlatPage.objects.get_or_create(
            url=spec["url"],
            defaults={
                "title": spec["title"],
                "content": content.format(
                    site_name=site.name, ip_days=settings.COMMENT_PERSONAL_DATA_DAYS
                ),
            },
        )
        page.sites.add(site)
        created += is_new
    return created


def ensure_superuser() -> AdminLogin:
    """An existing superuser, or a new "admin" with a random password."""
    User = get_user_model()
    existing = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.filter(username="admin").first()
    )
    if existing:
        return AdminLogin(username=existing.get_username(), password=None)
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(username="admin", email="", password=password)
    return AdminLogin(username="admin", password=password)


def lead_image(spec: dict, palette: list, *, seed: int) -> Image:
    """A generated lead picture for one written article, with its texts."""
    (top_name, top), (bottom_name, bottom), (accent_name, accent) = palette
    shape = LEAD_SHAPES[seed % len(LEAD_SHAPES)]
    return store_picture(
        lead_picture(top, bottom, accent, shape=shape, seed=seed),
        name=f"lead-{seed}.jpg",
        alt_text=f"Abstract illustration: {SHAPE_WORDS[shape]} in {accent_name} "
        f"over a {top_name} to {bottom_name} gradient.",
        caption=spec["caption"],
    )


def store_picture(data: bytes, *, name: str, alt_text: str, caption: str) -> Image:
    """Save generated JPEG bytes as an Image, renditions and all."""
    image = Image(alt_text=alt_text, caption=caption, credit=CREDIT)
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    images.store_upload(image, upload)
    return image


def lead_picture(top, bottom, accent, *, shape: str, seed: int) -> bytes:
    """A 1600x900 JPEG: a two-colour gradient with accent shapes over it."""
    rng = random.Random(seed)
    width, height = LEAD_SIZE
    base = _gradient(LEAD_SIZE, top, bottom, diagonal=seed % 2 == 0)
    layer = PILImage.new("RGBA", LEAD_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    if shape == "circles":
        for _ in range(6):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(120, 380)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*accent, 70))
    elif shape == "bands":
        offset = rng.randrange(0, 300)
        for i in range(5):
            x = offset + i * 360
            draw.polygon(
                [(x, 0), (x + 160, 0), (x - 340, height), (x - 500, height)],
                fill=(*accent, 45 + i * 15),
            )
    elif shape == "dots":
        for row in range(9):
            for col in range(16):
                r = 4 + (row + col) * 1.6
                cx, cy = 50 + col * 100, 50 + row * 100
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*accent, 150))
    elif shape == "hills":
        for layer_no in range(3):
            base_y = height * (0.45 + 0.17 * layer_no)
            phase, amp = rng.uniform(0, math.tau), rng.randrange(40, 110)
            wavelength = rng.uniform(180, 260)
            points = [
                (x, base_y + amp * math.sin(phase + x / wavelength))
                for x in range(0, width + 40, 40)
            ]
            draw.polygon(
                [*points, (width, height), (0, height)],
                fill=(*accent, 60 + layer_no * 45),
            )
    else:  # rings
        cx, cy = rng.randrange(width // 4, width), rng.randrange(height)
        for r in range(80, 1400, 90):
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r), outline=(*accent, 110), width=16
            )
    picture = PILImage.alpha_composite(base.convert("RGBA"), layer).convert("RGB")
    return _jpeg(picture)


def portrait_picture(background, figure, *, seed: int) -> bytes:
    """A 640x640 JPEG: a head-and-shoulders silhouette on a gradient."""
    width, height = PORTRAIT_SIZE
    darker = tuple(max(0, c - 40) for c in background)
    base = _gradient(PORTRAIT_SIZE, background, darker, diagonal=seed % 2 == 1)
    layer = PILImage.new("RGBA", PORTRAIT_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx = width // 2
    draw.ellipse((cx - 250, 420, cx + 250, 900), fill=(*figure, 235))
    draw.ellipse((cx - 115, 150, cx + 115, 400), fill=(*figure, 255))
    picture = PILImage.alpha_composite(base.convert("RGBA"), layer).convert("RGB")
    return _jpeg(picture)


def _gradient(size, start, end, *, diagonal: bool) -> PILImage.Image:
    # linear_gradient is 0 at the top and 255 at the bottom; blending it with
    # a turned copy slants it from the top-left corner to the bottom-right.
    mask = PILImage.linear_gradient("L")
    if diagonal:
        mask = PILImage.blend(mask, mask.rotate(90), 0.5)
    mask = mask.resize(size, PILImage.Resampling.BILINEAR)
    return PILImage.composite(
        PILImage.new("RGB", size, end), PILImage.new("RGB", size, start), mask
    )


def _jpeg(picture: PILImage.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()
