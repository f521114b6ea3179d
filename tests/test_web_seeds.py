"""Acceptance on the real seed articles (../shared/seeds; skipped without them): the network of
states and alliances, Russia's page with the experts' quotes about it, and the evidence
highlighted in the document. Runs the whole pipeline, then a real server and Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.store.db import Store
from multivector.web.app import create_app
from multivector.web.security import Settings
from multivector.web.testing import chromium_page, click_node, require_chromium, serve_in_thread, wait_network

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def seeds_base(shared_dir, pipeline, tmp_path_factory):
    from multivector.text.clean import make_document

    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    documents = [make_document(p.read_text(encoding="utf-8"), source=str(p), format="txt",
                               title_in_text=True) for p in paths]
    docs, errors = pipeline.process(documents)
    assert not errors and len(docs) == len(paths)
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(db) as store:
        store.write(docs)
    with serve_in_thread(create_app(Settings(db=str(db)))) as base:
        yield base


def test_network_of_states_and_alliances(seeds_base):
    import httpx

    g = httpx.get(seeds_base + "/api/relations", params={"types": "states", "rollup": True}).json()
    ids = {n["id"] for n in g["nodes"]}
    assert {"RUS", "KAZ", "UZB", "CHN", "USA"} <= ids
    assert any(n["type"] == "igo" for n in g["nodes"])  # alliances (CSTO, NATO, ...)
    assert any("RUS" in (e["source"], e["target"]) for e in g["edges"])


def test_russia_leads_to_experts_quotes_and_highlighted_evidence(seeds_base):
    from playwright.sync_api import expect

    with chromium_page(require_chromium()) as page:
        page.goto(seeds_base + "/?types=states")
        wait_network(page)
        click_node(page, "RUS")
        page.wait_for_url("**/actors/RUS")
        page.wait_for_selector("#quotes-about li")
        # quotes about Russia by people (experts), each linking to its document
        expert_quotes = page.locator("#quotes-about li").filter(
            has=page.locator("a.actor-link[href^='/actors/PER']"))
        assert expert_quotes.count() >= 2
        assert page.locator("#said-about li").count() >= 1  # stances towards Russia
        shown = page.locator("#quotes-about > li").count()
        more = page.locator("#quotes-about + button.more")
        if more.count():  # more quotes than the first page: "show more" loads the next ones
            total = int(more.get_attribute("data-total"))
            more.click()
            expect(page.locator("#quotes-about > li")).to_have_count(total)
            assert total > shown
        quote_text = expert_quotes.first.locator("blockquote").inner_text().strip()
        expert_quotes.first.locator("a.evidence-link").click()
        page.wait_for_url("**/documents/**")
        evidence = page.locator("#doc-text mark.hl-evidence")
        assert evidence.count() >= 1 and page.locator("#evidence").is_visible()
        marked = "".join(t for t in page.locator("#doc-text mark.hl-evidence").evaluate_all(
            "ms => ms.map(m => m.textContent)"))
        assert " ".join(marked.split())[:60] == " ".join(quote_text.split())[:60]
        assert page.locator("#doc-text mark.hl-quote[data-quote-id]").count() >= 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web_seeds_document.png"))
        assert not page.errors
