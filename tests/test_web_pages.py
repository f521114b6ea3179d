"""The explorer's pages at a realistic size, in headless Chromium at 1280 and 390 px: a network
whose labels never overlap and whose every node can be clicked, lists that page instead of
cutting off, charts on a continuous time axis with undated records apart, the dyad timeline in
the page flow in the chosen order with undated items last, a search that keeps its query, and
nothing wider than the screen. Screenshots of each page at both widths go to tests/artifacts/
(git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.web.app import create_app
from multivector.web.sample import build_doc, corpus, write_synthetic_db
from multivector.web.security import Settings
from multivector.web.testing import (
    NETWORK_BOXES_JS,
    chromium_page,
    click_node,
    overlaps,
    require_chromium,
    serve_in_thread,
    wait_js,
    wait_network,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from multivector.store.db import Store

    db = tmp_path_factory.mktemp("pages") / "pages.duckdb"
    write_synthetic_db(db, 400)
    # the sample documents without a date: undated events and stances for RUS and KAZ
    undated = [build_doc(dict(spec, date=None), key_suffix="An undated copy.",
                         source=f"undated/{spec['key']}.txt") for spec in corpus()["documents"]]
    with Store(db) as store:
        store.write(undated)
    with serve_in_thread(create_app(Settings(db=str(db)))) as url:
        yield url


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(request):
    with chromium_page(require_chromium(), width=request.param, height=900) as p:
        p.width = request.param
        yield p


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages_{name}_{page.width}.png"), full_page=True)


def fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.width, f"page is {width} px wide at {page.width} px"


def test_network_labels_do_not_overlap_and_every_node_is_clickable(base, page):
    page.goto(base + "/")
    wait_network(page)
    # the default: countries and organisations, the strongest ties, a slider for more
    assert page.locator("#types").input_value() == "states"
    n_default = page.evaluate("mvNetwork.edges().length")
    assert 5 <= n_default <= 40
    page.locator("#top-n").fill("120")
    page.locator("#top-n").dispatch_event("change")
    wait_js(page, f"mvNetwork.edges().length > {n_default}")
    wait_network(page)
    assert "top=120" in page.url
    boxes = page.evaluate(NETWORK_BOXES_JS)
    nodes = boxes["nodes"]
    assert len(nodes) >= 20
    labels = [n["label"] for n in nodes if n["label"]]
    assert len(labels) >= 8  # the important ones are named
    for i, a in enumerate(labels):
        assert all(not overlaps(a, b, 1) for b in labels[i + 1:]), "labels overlap"
        assert a[0] >= -1 and a[2] <= boxes["width"] + 1, "label cut at the edge"
    def circle(n):
        d = n["disc"]
        return (d[0] + d[2]) / 2, (d[1] + d[3]) / 2, (d[2] - d[0]) / 2

    for i, a in enumerate(nodes):  # no node hides another (discs apart): each can be clicked
        x, y, r = circle(a)
        for b in nodes[i + 1:]:
            x2, y2, r2 = circle(b)
            assert ((x - x2) ** 2 + (y - y2) ** 2) ** 0.5 >= r + r2 - 1, (a["id"], b["id"])
        assert 0 <= x <= boxes["width"] and 0 <= y <= boxes["height"], f"{a['id']} outside"
    shot(page, "network")
    # a hidden label appears on hover
    hidden = [n for n in nodes if not n["label"]]
    if hidden:
        target = hidden[0]
        rect = page.locator("#network").bounding_box()
        page.mouse.move(rect["x"] + (target["disc"][0] + target["disc"][2]) / 2,
                        rect["y"] + (target["disc"][1] + target["disc"][3]) / 2)
        wait_js(page, f"mvNetwork.getElementById({target['id']!r}).hasClass('hover')")
    click_node(page, "RUS")
    page.wait_for_url("**/actors/RUS")
    assert not page.errors


def test_actor_page_pages_its_lists_and_charts_every_month(base, page):
    page.goto(base + "/actors/RUS")
    page.wait_for_selector("#mentions-chart[data-ready='1']")
    fits(page)
    # a continuous monthly axis: every month between the first and the last, empty ones 0
    xs = page.evaluate("document.querySelector('#mentions-chart .chart-plot').mvChart.data[0]")
    steps = {round((b - a) / 86400) for a, b in zip(xs, xs[1:])}
    assert steps <= {28, 29, 30, 31} and len(xs) >= 24
    assert "undated" in page.locator("#mentions-chart .chart-note").inner_text()
    # the documents card shows the first 20 and pages through the rest, in the page flow
    docs = page.locator("#actor-documents > li")
    assert docs.count() == 20
    more = page.locator("#actor-documents + button.more")
    total = int(more.get_attribute("data-total"))
    assert total > 20
    while more.count():
        more.click()
        page.wait_for_timeout(300)
    assert docs.count() == total
    ids = docs.evaluate_all("ls => ls.map(l => l.querySelector('a').getAttribute('href'))")
    assert len(set(ids)) == total  # no document twice
    overflow = page.evaluate("""() => [...document.querySelectorAll('.card ul, .card ol')]
        .filter(e => getComputedStyle(e).overflowY !== 'visible').length""")
    assert overflow == 0  # no scroll box inside the scrolling page
    shot(page, "actor")
    assert not page.errors


def test_dyad_timeline_in_order_with_undated_last(base, page):
    page.goto(base + "/dyad?a=RUS&b=KAZ")
    page.wait_for_selector("#dyad-timeline li")
    page.wait_for_selector("#dyad-chart[data-ready='1']")
    fits(page)

    def dates():
        return page.locator("#dyad-timeline > li .when").all_text_contents()

    assert page.locator("#dyad-order").input_value() == "desc"
    while page.locator("#dyad-timeline ~ .more-row button").count():
        page.locator("#dyad-timeline ~ .more-row button").last.click()
    got = dates()
    dated = [d for d in got if d != "undated"]
    assert "undated" in got and got[-got.count("undated"):] == ["undated"] * got.count("undated")
    assert dated == sorted(dated, reverse=True)
    shot(page, "dyad")
    page.select_option("#dyad-order", "asc")
    page.wait_for_url("**order=asc**")
    page.wait_for_selector("#dyad-timeline li")
    while page.locator("#dyad-timeline ~ .more-row button").count():
        page.locator("#dyad-timeline ~ .more-row button").last.click()
    got = dates()
    dated = [d for d in got if d != "undated"]
    assert dated == sorted(dated) and got[-1] == "undated"
    box = page.evaluate("getComputedStyle(document.getElementById('dyad-timeline')).overflowY")
    assert box == "visible"
    assert not page.errors


def test_search_keeps_its_query_and_pages(base, page):
    page.goto(base + "/")
    wait_network(page)
    box = page.locator("header .search-box input")
    if not box.is_visible():  # folded header on a phone
        pytest.fail("the header search box is hidden")
    box.fill("Expert 01")
    box.press("Enter")
    page.wait_for_selector("#search-results")
    assert box.input_value() == "Expert 01"
    assert page.locator("#search-q").input_value() == "Expert 01"
    fits(page)
    shot(page, "search")
    assert not page.errors


def test_documents_list_and_document_page_fit(base, page):
    page.goto(base + "/documents")
    page.wait_for_selector("#documents tbody tr")
    fits(page)
    shot(page, "documents")
    page.locator("#documents tbody tr a").first.click()
    page.wait_for_url("**/documents/**")
    fits(page)
    shot(page, "document")
    assert not page.errors
