"""The HTML page as a person opens it: real headless Chromium, network blocked, from a file:// URL.

Skipped when /usr/bin/chromium is missing, unless CI=true (then missing Chromium fails).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kg.views.html import to_html
from kg.vocab import KG
from tests.helpers import ROOT
from tests.views.test_html import (
    HOSTILE_ALIAS,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    generalised_graph,
    hostile_graph,
    sample_graph,
    star_graph,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole module."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """An open page and what it tried to do: requests outside file:// and data:, console errors, dialogs."""

    page: object
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def eval(self, script: str) -> object:
        return self.page.evaluate(script)


@pytest.fixture
def visit(browser, tmp_path) -> Iterator:
    """Open an HTML text (written as a UTF-8 file) with every request outside file:// aborted and counted."""
    opened = []

    def open_page(html: str, name: str = "page.html") -> Visit:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        opened.append(page)
        seen = Visit(page)

        def route(request_route) -> None:
            if request_route.request.url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                seen.outside_requests.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
        page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-layout=stable]", timeout=30_000)
        return seen

    yield open_page
    for page in opened:
        page.close()


def _search(seen: Visit, text: str) -> None:
    seen.page.fill("#kg-search", text)
    seen.page.press("#kg-search", "Enter")


def _assert_clean(seen: Visit) -> None:
    assert seen.outside_requests == []
    assert seen.console_errors == []
    assert seen.dialogs == []


def test_network_holds_the_graph_and_requests_nothing(visit):
    kg = sample_graph()
    seen = visit(to_html(kg))
    nodes = seen.eval("kg.nodes.get().map(n => [n.id, n.label])")
    edges = seen.eval("kg.edges.get().map(e => [e.from, e.label, e.to])")
    assert sorted(map(tuple, nodes)) == sorted((e.iri, e.label) for e in kg.entities)
    assert len(edges) == 4 and [kg.entity(kg.relations[0].subject).iri, "released"] in [e[:2] for e in edges]
    assert seen.page.text_content("#kg-title") == "Knowledge graph"
    assert seen.page.text_content("#kg-summary") == "0 documents · 6 entities · 4 facts"
    _assert_clean(seen)


def test_search_selects_and_centres_deepseek_and_opens_its_facts(visit):
    seen = visit(to_html(sample_graph()))
    _search(seen, "deepseek")
    deepseek = "https://example.org/kg/entity/deepseek"
    assert seen.eval("kg.network.getSelectedNodes()") == [deepseek]
    seen.page.wait_for_function(
        """id => { const at = kg.network.getPositions([id])[id], view = kg.network.getViewPosition();
                   return Math.hypot(at.x - view.x, at.y - view.y) < 1; }""",
        arg=deepseek, timeout=5_000,
    )
    panel = seen.page.locator("#kg-panel")
    assert panel.is_visible()
    assert "DeepSeek’s launch of R1 is widely seen as China’s response." in panel.text_content()
    assert "[doc-1.txt]" in panel.text_content()
    _assert_clean(seen)


def test_side_panel_says_what_the_sentence_stated_for_a_generalised_fact(visit):
    seen = visit(to_html(generalised_graph()))
    _search(seen, "Beijing")
    panel = seen.page.locator("#kg-panel")
    assert "—relatedTo→" in panel.text_content()
    assert "[doc-1.txt] (stated: manufactures) Beijing makes the H800." in panel.text_content()
    _assert_clean(seen)


def test_search_finds_by_alias_and_says_when_nothing_matches(visit):
    seen = visit(to_html(sample_graph()))
    _search(seen, "DeepSeek AI")
    assert seen.eval("kg.network.getSelectedNodes()") == ["https://example.org/kg/entity/deepseek"]
    _search(seen, "no such thing")
    assert seen.page.text_content("#kg-search-status") == "no entity matches “no such thing”"


def test_confidence_slider_and_type_filter_hide_what_they_should(visit):
    seen = visit(to_html(sample_graph()))
    seen.page.locator("#kg-confidence").fill("0.5")
    assert seen.eval("kg.edgeView.get().map(e => e.label).sort()") == ["founderOf", "released"]
    seen.page.locator("#kg-types input[value=Chip]").uncheck()
    assert "H800" not in seen.eval("kg.nodeView.get().map(n => n.label)")
    assert seen.eval("kg.nodeView.length") == 5
    _assert_clean(seen)


def _on_screen(seen: Visit, canvas_point: str) -> tuple[float, float]:
    """Screen coordinates of a point in network (canvas) coordinates, given as a JS expression."""
    box = seen.page.locator("#kg-network").bounding_box()
    x, y = seen.eval(f"(() => {{ const p = kg.network.canvasToDOM({canvas_point}); return [p.x, p.y]; }})()")
    return box["x"] + x, box["y"] + y


def _node_centre(seen: Visit, iri: str) -> tuple[float, float]:
    return _on_screen(seen, f"kg.network.getPositions([{iri!r}])[{iri!r}]")


def _edge_middle(seen: Visit, edge_id: str) -> tuple[float, float]:
    # vis-network has no public API for points on an edge; its edge geometry is internal.
    return _on_screen(seen, f"kg.network.body.edges[{edge_id!r}].edgeType.getPoint(0.5)")


def test_physics_toggle_tooltips_and_click_opens_side_panel(visit):
    seen = visit(to_html(sample_graph()))
    seen.page.locator("#kg-physics").uncheck()
    assert seen.eval("kg.network.physics.options.enabled") is False
    r1 = "https://example.org/kg/entity/r1"
    seen.page.mouse.move(*_node_centre(seen, r1))
    tooltip = seen.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.text_content() == "R1type: AIModelmentions: 4documents: doc-1.txt"
    released = seen.eval("kg.edges.get({filter: e => e.label === 'released'})[0].id")
    seen.page.mouse.move(*_edge_middle(seen, released))
    seen.page.wait_for_function(
        "() => document.querySelector('div.vis-tooltip').textContent.startsWith('released')", timeout=5_000
    )
    assert "confidence: 0.85[doc-1.txt] DeepSeek’s launch of R1" in tooltip.text_content()
    seen.page.mouse.click(*_node_centre(seen, r1))
    assert seen.page.locator("#kg-panel h2").text_content() == "R1"
    _assert_clean(seen)


def test_node_cap_is_announced(visit):
    seen = visit(to_html(sample_graph(), max_nodes=3))
    assert seen.eval("kg.nodes.length") == 3
    assert "3 left out" in seen.page.text_content("#kg-summary")
    _search(seen, "Beijing")
    assert seen.page.text_content("#kg-search-status") == "no entity matches “Beijing” among the 3 shown (3 left out)"


def test_big_page_opens_with_precomputed_positions_and_physics_off(visit):
    kg = star_graph(300)
    seen = visit(to_html(kg, max_nodes=len(kg.entities)))
    assert seen.eval("kg.nodes.length") == 601
    assert seen.page.locator("#kg-physics").is_checked() is False
    hub = "https://example.org/kg/entity/hub"
    assert seen.eval(f"kg.network.getPositions([{hub!r}])[{hub!r}]") == {
        key: seen.eval(f"kg.nodes.get({hub!r}).{key}") for key in ("x", "y")
    }
    _assert_clean(seen)


def test_hostile_names_and_sentences_show_as_text_and_run_nothing(visit):
    kg = hostile_graph()
    seen = visit(to_html(kg, color="community"))
    bad = kg.entities[0].iri
    assert seen.eval(f"kg.nodes.get({bad!r}).label") == HOSTILE_LABEL
    seen.eval(f"kg.focusNode({bad!r})")
    panel = seen.page.text_content("#kg-panel")
    assert HOSTILE_LABEL in panel and HOSTILE_ALIAS in panel and HOSTILE_SENTENCE in panel
    tooltip = seen.eval(f"kg.nodes.get({bad!r}).title.textContent")
    assert HOSTILE_LABEL in tooltip and HOSTILE_ALIAS in tooltip
    assert HOSTILE_SENTENCE in seen.eval("kg.edges.get()[0].title.textContent")
    seen.page.mouse.move(700, 450)  # let vis-network show whatever tooltip is under the cursor
    seen.page.wait_for_timeout(300)
    assert seen.eval("typeof window.__pwned") == "undefined"
    assert seen.eval("document.querySelectorAll('img, #kg-panel script, #kg-panel b').length") == 0
    _assert_clean(seen)


@pytest.mark.model
def test_seeds_page_in_chromium_with_screenshot(visit, seeds_build):
    facts = Graph().parse(seeds_build.with_suffix(".ttl"), format="turtle")
    fact_count = len(set(facts.subjects(RDF.type, KG.Fact)))
    seen = visit(seeds_build.with_suffix(".html").read_text(encoding="utf-8"), "seeds.html")
    labels = seen.eval("kg.nodes.get().map(n => n.label)")
    assert {"DeepSeek", "R1", "Nvidia", "H800", "Jensen Huang"} <= set(labels)
    assert seen.eval("kg.edges.length") == fact_count > 0
    _search(seen, "DeepSeek")
    assert seen.eval("kg.network.getSelectedNodes().map(id => kg.nodes.get(id).label)") == ["DeepSeek"]
    seen.eval("kg.network.fit({animation: false})")  # the whole graph, DeepSeek selected, its facts open
    screenshot = ROOT / "out" / "seeds.png"
    seen.page.screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 10_000
    _assert_clean(seen)


def test_date_range_filter_tooltip_and_panel_show_reporting_dates(visit):
    from tests.helpers import dated_graph

    seen = visit(to_html(dated_graph()))
    assert seen.page.locator("#kg-dates").is_visible()
    assert seen.page.text_content("#kg-dates-span") == "2025-03-14 – 2025-06-02"
    assert seen.eval("kg.edgeView.get().map(e => e.label).sort()") == ["acquired", "investedIn"]
    seen.page.fill("#kg-date-from", "2025-04-01")
    assert seen.eval("kg.edgeView.get().map(e => e.label)") == ["acquired"]  # reported again on 2025-06-02
    seen.page.fill("#kg-date-to", "2025-05-31")
    assert seen.eval("kg.edgeView.length") == 0
    seen.page.fill("#kg-date-from", "")
    assert seen.eval("kg.edgeView.get().map(e => e.label)") == ["acquired"]  # first reported 2025-03-14
    seen.page.fill("#kg-date-to", "")
    assert seen.eval("kg.edgeView.length") == 2
    seen.page.locator("#kg-physics").uncheck()
    acquired = seen.eval("kg.edges.get({filter: e => e.label === 'acquired'})[0].id")
    seen.page.mouse.move(*_edge_middle(seen, acquired))
    tooltip = seen.page.locator("div.vis-tooltip")
    seen.page.wait_for_function(
        "() => (document.querySelector('div.vis-tooltip') || {}).textContent?.startsWith('acquired')", timeout=5_000
    )
    text = tooltip.text_content()
    assert "reported: 2025-03-14 – 2025-06-02T08:00:00Z" in text
    assert "[a · 2025-03-14] Microsoft bought Activision" in text
    assert "when: last year = 2024 · amount: $68.7bn = 68,700,000,000 USD" in text
    seen.eval("kg.focusNode('https://e.org/activision')")
    panel = seen.page.text_content("#kg-panel-body")
    assert "reported 2025-03-14 – 2025-06-02T08:00:00Z" in panel and "when: 2023 = 2023, in recent weeks" in panel
    _assert_clean(seen)


def test_undated_graph_has_no_date_filter(visit):
    seen = visit(to_html(sample_graph()))
    assert seen.page.locator("#kg-dates").is_hidden()
    _assert_clean(seen)
