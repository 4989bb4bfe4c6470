"""kg's benchmarks: ``make bench`` runs ``python -m benchmarks``; each module also runs alone.

- :mod:`benchmarks.pipeline` times ``kg build`` against bare ``nlp.pipe`` over the same texts with the
  same model and worker processes, and an incremental ``--into`` build;
- :mod:`benchmarks.rdf` times Turtle writing and a selective query, rdflib's memory store vs Oxigraph;
- :mod:`benchmarks.serve` load-tests ``kg serve`` on loopback;
- :mod:`benchmarks.page_layout` times the HTML page's layout in headless Chromium.
"""
