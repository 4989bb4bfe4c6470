"""Time and amounts on the HTML page's data: reporting dates, stated times, deal sums, the date range."""

from __future__ import annotations

from kg.views.html import page_data, to_html
from tests.helpers import dated_graph
from tests.views.test_html import sample_graph


def _edge(data, predicate: str):
    return next(edge for edge in data["edges"] if edge["predicate"] == predicate)


def test_edges_carry_first_and_last_reported_dates():
    data = page_data(dated_graph())
    acquired = _edge(data, "acquired")
    assert (acquired["firstReported"], acquired["lastReported"]) == ("2025-03-14", "2025-06-02T08:00:00Z")
    assert "firstReported" not in _edge(data, "investedIn")  # its only document has no readable date


def test_evidence_carries_its_date_stated_times_and_amount():
    first, second = _edge(page_data(dated_graph()), "acquired")["evidence"]
    assert first["reported"] == first["day"] == "2025-03-14"
    assert first["times"] == [{"text": "last year", "value": "2024"}]
    assert first["amount"] == {"text": "$68.7bn", "value": "68700000000", "currency": "USD"}
    assert (second["reported"], second["day"]) == ("2025-06-02T08:00:00Z", "2025-06-02")
    assert second["times"] == [{"text": "2023", "value": "2023"}, {"text": "in recent weeks", "value": ""}]
    assert "amount" not in second


def test_the_date_range_is_offered_only_when_documents_carry_dates():
    assert page_data(dated_graph())["summary"]["reported"] == {"first": "2025-03-14", "last": "2025-06-02"}
    assert "reported" not in page_data(sample_graph())["summary"]
    assert 'id="kg-date-from" type="date"' in to_html(dated_graph())


def test_page_data_leaves_the_graph_unchanged():
    graph = dated_graph()
    before = (dict(graph.documents), graph.relations)
    page_data(graph)
    assert (dict(graph.documents), graph.relations) == before
