"""How long a big graph's HTML page takes to reach a stable layout in headless Chromium.

Builds a synthetic knowledge graph (kg.model objects, no spaCy) shaped like news text:
a scale-free core plus many small islands, renders it with ``kg.views.html.to_html`` and
opens it in Debian's Chromium (network blocked) until the page reports a stable layout.

    .venv/bin/python -m benchmarks.page_layout --entities 5000 --max-nodes 500 5000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.model import Entity, Evidence, KnowledgeGraph, Relation, Sentence
from kg.views.html import to_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TYPES = ["Organization", "Person", "Place", "Product", "AIModel", "Chip"]
PREDICATES = ["released", "develops", "worksFor", "ceoOf", "founderOf", "locatedIn", "manufactures"]
BASE = "https://example.org/kg/"


def synthetic_graph(entities: int, seed: int = 1) -> KnowledgeGraph:
    """A news-like graph: half the entities in one scale-free component, the rest in islands of 1-4."""
    rng = random.Random(seed)
    core = nx.barabasi_albert_graph(entities // 2, 1, seed=seed)
    shape = nx.Graph(core)
    shape.add_edges_from((rng.randrange(entities // 2), rng.randrange(entities // 2)) for _ in range(entities // 4))
    next_node = entities // 2
    while next_node < entities:
        size = min(rng.choice([1, 2, 2, 3, 4]), entities - next_node)
        nx.add_path(shape, range(next_node, next_node + size))
        next_node += size
    iri = [f"{BASE}entity/e{n}" for n in range(entities)]
    kg = KnowledgeGraph(base=BASE)
    kg.add_entities(
        Entity(iri[n], f"Entity {n}", rng.choice(TYPES), mention_count=rng.randint(1, 20), documents=(f"d{n % 300}",))
        for n in shape.nodes
    )
    kg.add_relations(
        Relation(iri[a], f"https://w3id.org/offline-kg/ontology#{rng.choice(PREDICATES)}", iri[b], (
            Evidence(f"d{a % 300}", Sentence(0, 40, f"Entity {a} did something with Entity {b}."), "svo", 0.75),
        ))
        for a, b in shape.edges if a != b
    )
    return kg


def time_to_stable(page_path: Path) -> tuple[float, int]:
    """Milliseconds from navigation start to the page's stable layout, and requests it tried to make."""
    blocked = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def route(request_route):
            if request_route.request.url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                blocked.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-layout=stable]", timeout=120_000)
        stable_ms = page.evaluate("window.kgStableAt")
        browser.close()
    return stable_ms, len(blocked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--max-nodes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args()
    kg = synthetic_graph(args.entities)
    print(f"graph: {kg.graph.number_of_nodes()} entities, {kg.graph.number_of_edges()} facts")
    with tempfile.TemporaryDirectory() as folder:
        for max_nodes in args.max_nodes:
            started = time.perf_counter()
            html = to_html(kg, max_nodes=max_nodes)
            render_s = time.perf_counter() - started
            path = Path(folder) / f"big-{max_nodes}.html"
            path.write_text(html, encoding="utf-8")
            stable_ms, blocked = time_to_stable(path)
            print(f"max_nodes={max_nodes}: to_html {render_s:.1f} s, {len(html) / 1e6:.1f} MB; "
                  f"stable layout in Chromium after {stable_ms / 1000:.1f} s; requests outside file://: {blocked}")


if __name__ == "__main__":
    main()
