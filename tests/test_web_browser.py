"""The explorer in headless Chromium (Debian's `chromium`, driven by Playwright's Python package).

A real uvicorn server on a free loopback port serves a database of hand-annotated documents; the
test clicks through network -> actor -> evidence document, as an analyst would, and checks that
the quote is highlighted. Screenshots go to tests/artifacts/. Skips (with the reason) only when
no Chromium or no Playwright is installed: `make test` installs Chromium first
(scripts/install-browser.sh). Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.web.app import create_app
from multivector.web.sample import custom_doc, write_sample_db
from multivector.web.security import Settings
from multivector.web.testing import chromium_page, click_node, require_chromium, serve_in_thread, wait_network

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

# A quote crossing other spans is cut into pieces (one <mark> each, same data-quote-id).
QUOTES_JS = """() => {
  const out = {};
  for (const m of document.querySelectorAll('mark.hl-quote[data-quote-id]')) {
    const c = m.cloneNode(true);
    c.querySelectorAll('.hl-label').forEach(l => l.remove());
    const id = m.dataset.quoteId;
    out[id] = (out[id] || '') + c.textContent;
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    hostile = custom_doc("A cable read <script>window.__pwned = 1</script> and "
                         "<img src=x onerror=\"window.__pwned = 2\"> about Russia.",
                         title="Cable", date="2024-02-01", key="browser-hostile",
                         mentions=[["Russia", "RUS"]])
    db = write_sample_db(tmp_path_factory.mktemp("webui") / "ui.duckdb", extra=[hostile])
    with serve_in_thread(create_app(Settings(db=db))) as base:
        yield {"base": base, "hostile": hostile.id}


@pytest.fixture(scope="module")
def browser_page():
    with chromium_page(require_chromium()) as page:
        yield page


def test_network_to_actor_to_highlighted_quote(server, browser_page):
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server["base"] + "/?types=")  # all actors, not only states
    wait_network(page)
    tones = page.evaluate("mvNetwork.edges().map(e => e.data('tone'))")
    assert len(tones) >= 10 and "hostile" in tones and "cooperative" in tones
    page.screenshot(path=str(ARTIFACTS / "web_network.png"))

    click_node(page, "RUS")
    page.wait_for_url("**/actors/RUS")
    page.wait_for_selector("#said-about li")
    assert page.locator("#actor-name").inner_text() == "Russia"
    expert = page.locator("#said-about li", has_text="Aigerim Sadvakasova")
    assert "openly questions our borders" in expert.inner_text()
    page.screenshot(path=str(ARTIFACTS / "web_actor.png"), full_page=True)

    expert.locator("a.evidence-link").click()
    page.wait_for_url("**/documents/**")
    quotes = page.evaluate(QUOTES_JS)  # quote id -> highlighted text (pieces joined)
    assert any(t.startswith("Russia is still the partner") and
               t.endswith("openly questions our borders,") for t in quotes.values()), quotes
    labels = page.locator("#doc-text mark.hl-quote > .hl-label").all_text_contents()
    assert "QUOTE · Aigerim Sadvakasova" in labels
    evidence = page.locator("#evidence")
    assert evidence.count() == 1 and evidence.is_visible()
    marked = "".join(page.locator("#doc-text mark.hl-evidence").all_text_contents())
    assert marked.startswith("Russia") and "openly questions our borders" in marked
    assert page.locator("a.hl-mention[data-actor-id='RUS']").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "web_document.png"), full_page=True)
    assert not page.errors


def test_dyad_panel_and_search(server, browser_page):
    page = browser_page
    page.goto(server["base"] + "/?types=")
    wait_network(page)
    page.locator("#top-relations a", has_text="Kazakhstan – Russia").click()
    page.wait_for_selector("#dyad-timeline li")
    items = page.locator("#dyad-timeline li")
    assert items.count() == 3
    assert "the government thanked Moscow for the help" in page.locator(
        "#dyad-timeline mark.ev").all_text_contents()
    page.locator("#dyad-timeline a.evidence-link").first.click()
    page.wait_for_selector("#evidence")

    page.fill("header .search-box input", "counterweight")
    page.press("header .search-box input", "Enter")
    page.wait_for_selector("#search-results")
    assert "Washington is useful to Tashkent" in page.locator("#search-results").inner_text()
    assert not page.errors


def test_period_filter_redraws_network(server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(server["base"] + "/?types=")
    wait_network(page)
    page.select_option("#period-from", "2023-09")
    page.click("#network-controls button[type=submit]")
    expect(page.locator("#network-status")).not_to_contain_text("loading")
    wait_network(page)
    sources = page.evaluate(
        "mvNetwork.edges().map(e => e.data('source') + '-' + e.data('target'))")
    assert not [s for s in sources if s.endswith("-KAZ")]
    assert "IGO:NATO-RUS" in sources and "KAZ-RUS" not in sources
    assert "from=2023-09" in page.url


def test_hostile_document_shows_markup_as_text(server, browser_page):
    page = browser_page
    page.goto(server["base"] + f"/documents/{server['hostile']}")
    text = page.locator("#doc-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "<img src=x onerror=" in text
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#doc-text img, #doc-text script").count() == 0
    assert not page.errors


def test_document_and_actor_lists(server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(server["base"] + "/documents")
    page.wait_for_selector("#documents table tbody tr")
    assert page.locator("#documents tbody tr").count() == 4
    page.fill("input[name=actor]", "TUR")
    page.click("form.controls button[type=submit]")
    expect(page.locator("#documents tbody tr")).to_have_count(1)
    assert "Tashkent hedges" in page.locator("#documents tbody").inner_text()
    assert "actor=TUR" in page.url
    assert page.locator("#analyze-text").count() == 0  # read-only server: no analyse form

    page.goto(server["base"] + "/actors?type=igo")
    page.wait_for_selector("#actors table tbody tr")
    names = page.locator("#actors tbody tr td:first-child").all_text_contents()
    assert names == ["NATO", "Collective Security Treaty Organization"]
    page.goto(server["base"] + "/search?q=drones")
    page.wait_for_selector("#search-results")
    assert page.locator("#search-q").input_value() == "drones"
    assert page.locator("#search-results mark.ev").first.inner_text().lower() == "drones"
    assert not page.errors


def test_docs_fallback_lists_endpoints(tmp_path, monkeypatch, browser_page):
    import multivector.web.app as web_app

    monkeypatch.setattr(web_app, "_swagger_dir", lambda: None)
    db = write_sample_db(tmp_path / "docs.duckdb")
    with serve_in_thread(create_app(Settings(db=db))) as base:
        browser_page.goto(base + "/docs")
        browser_page.wait_for_selector("dl.endpoints dt")
        listed = browser_page.locator("dl.endpoints dt").all_text_contents()
        assert "GET /api/relations" in listed and "POST /api/analyze" in listed
